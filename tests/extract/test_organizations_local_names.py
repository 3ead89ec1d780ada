"""Organisations written the ways many minutes write them: a place's genitive before an institution
('Norrviks sjukhus', 'Ekbackens församling'), a sports club's letters ('Norrviks IK'), a regional
branch ('Skogsverket Region Nord'), a foundation, a school's own name, a county court; and the
phrases that put an unknown organisation after them ('i samarbete med X')."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.models import Document, Minutes

PROTOKOLL = "§ 14 Dnr 2021/77\n{}\nBeslut\nNämnden beslutar att lägga informationen till handlingarna.\n"
ANTECKNINGAR = "Minnesanteckningar ledningsgruppen\n\n- {}\n- Nästa möte 12 maj.\n"


def org_names(text: str) -> set[str]:
    doc = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
    return {m.name for m in extract(Minutes(document=doc)).mentions if m.kind == "organization"}


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
@pytest.mark.parametrize(("sentence", "name"), [
    ("Provtagning sker vid Norrviks sjukhus från och med måndag.", "Norrviks sjukhus"),
    ("Språkintroduktionen på Ekbackens gymnasium flyttas till hösten.", "Ekbackens gymnasium"),
    ("Utskick görs tillsammans med Hjortviks församling.", "Hjortviks församling"),
    ("Föreningsbidrag till Lövstads kammarkör och Lövstads Simsällskap.", "Lövstads Simsällskap"),
    ("Föreningsbidrag till Lövstads kammarkör och Lövstads Simsällskap.", "Lövstads kammarkör"),
    ("Bidrag fördelas bl.a. till Norrviks IK och Ekbackens AIK.", "Norrviks IK"),
    ("Frågan har tagits upp i Ekbackens Kommuner.", "Ekbackens Kommuner"),
    ("Remissvar från Skogsverket Region Nord har kommit in.", "Skogsverket Region Nord"),
    ("Stiftelsen Ekgården har ansökt om tillstånd att bedriva hem för vård.", "Stiftelsen Ekgården"),
    ("Yttrande till Länsrätten i Norrvikens län i mål nr 12-08.", "Länsrätten i Norrvikens län"),
    ("Rektor på Björkhagsskolan redovisar elevernas frånvaro.", "Björkhagsskolan"),
    ("Arbetet sker i samarbete med Ekbo Energi och kommunen.", "Ekbo Energi"),
    ("Leverantören är Webbverkstan och lansering sker i januari.", "Webbverkstan"),
])
def test_local_organisations_are_named(genre: str, sentence: str, name: str) -> None:
    assert name in org_names(genre.format(sentence))


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
@pytest.mark.parametrize(("sentence", "not_names"), [
    # a common noun's genitive names no place
    ("Kommunens sjukhus och skolans gymnasium diskuterades.", {"Kommunens sjukhus", "Skolans gymnasium"}),
    ("Regionens sjukhus har fått nya lokaler.", {"Regionens sjukhus"}),
    # the kinds of school every municipality has
    ("Grundskolan och Kulturskolan deltar i arbetet.", {"Grundskolan", "Kulturskolan"}),
    # lower-case 'kommuner' is a plural, not an association's name
    ("Norrbottens kommuner har olika förutsättningar.", {"Norrbottens kommuner"}),
    # a plain word after a cue is no name
    ("Ett möte med Förvaltningen hålls i maj.", {"Förvaltningen"}),
])
def test_words_that_only_look_like_local_organisations(genre: str, sentence: str, not_names: set[str]) -> None:
    assert not (org_names(genre.format(sentence)) & not_names)


def collaborations(text: str) -> set[frozenset[str]]:
    doc = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
    return {frozenset((a.name, b.name)) for a, b, _ in extract(Minutes(document=doc)).collaborations}


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_a_local_partner_named_in_a_sentence_that_says_so_collaborates(genre: str) -> None:
    text = genre.format("Trafikverket har i samarbete med Hjortviks församling tagit fram en plan.")
    assert frozenset(("Trafikverket", "Hjortviks församling")) in collaborations(text)
    alone = genre.format("Trafikverket informerade. Hjortviks församling har nya lokaler.")
    assert frozenset(("Trafikverket", "Hjortviks församling")) not in collaborations(alone)


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
@pytest.mark.parametrize(("sentence", "name"), [
    ("Lägesbild från Räddningstjänsten Norrvik om brandskyddet.", "Räddningstjänsten Norrvik"),
    ("Facket: Vårdförbundet Ekbacka län har lämnat synpunkter.", "Vårdförbundet Ekbacka län"),
    ("Länsförsäkringar Ekbacka: ny försäkringspremie för året.", "Länsförsäkringar Ekbacka"),
])
def test_a_service_or_branch_named_with_its_place_is_one_organisation(genre: str, sentence: str, name: str) -> None:
    assert name in org_names(genre.format(sentence))


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_a_person_or_a_label_after_a_branch_name_is_no_place(genre: str) -> None:
    names = org_names(genre.format("Närvarande: Räddningstjänsten Anna Berg, Kommunal Per Ek."))
    assert "Räddningstjänsten Anna" not in names and "Kommunal Per" not in names
    assert "Räddningstjänsten" in names
    assert "Räddningstjänsten Information" not in org_names(genre.format("Räddningstjänsten Information om läget."))


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_a_housing_company_named_in_one_word(genre: str) -> None:
    names = org_names(genre.format("Lokalförsörjningsgruppen (BUF, Ekbofastigheter och fastighetsavdelningen) har träffats."))
    assert "Ekbofastigheter" in names
    names = org_names(genre.format("Trygghetsboende som Norrbyggen avser att uppföra. Kommunfastigheter och Hyresbostäder diskuterades."))
    assert "Norrbyggen" in names
    assert not names & {"Kommunfastigheter", "Hyresbostäder"}


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_the_technical_office_is_a_generic_administration(genre: str) -> None:
    assert "Tekniska kontoret" in org_names(genre.format("Förvaringsplats för protokollet Tekniska kontoret"))


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
@pytest.mark.parametrize(("sentence", "name"), [
    ("Mark- och miljödomstolen vid Nacka tingsrätt: dom i mål M 12-15.", "Mark- och miljödomstolen vid Nacka tingsrätt"),
    ("Hörsel- och Dövföreningen Norrvik: inbjudan till föreläsning.", "Hörsel- och Dövföreningen Norrvik"),
    ("Stipendiet tilldelas en elev som studerar vid Musikakademien i Norrvik.", "Musikakademien i Norrvik"),
])
def test_courts_associations_and_academies_with_their_place(genre: str, sentence: str, name: str) -> None:
    assert name in org_names(genre.format(sentence))


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_a_given_name_after_an_association_is_no_place(genre: str) -> None:
    names = org_names(genre.format("Närvarande: Hörsel- och Dövföreningen Josefin Hammar, Räddningstjänsten Per Ek."))
    assert not {n for n in names if "Josefin" in n or "Per" in n}
