"""'Name, title, organisation' slots past what stands between the name and its organisation:
Markdown emphasis, initials in parentheses, an abbreviation inside the title word; running-text
lists that pair each name with its organisation. Snippets of working groups' Markdown notes,
project groups' notes and steering groups' protokoll."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.models import Document
from kg.segment import segment


def memberships(text: str) -> set[tuple[str, str]]:
    d = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
    return {(ms.member.name, ms.organization.name) for ms in extract(segment(d)).memberships}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a working group's Markdown notes
        ("# Arbetsgrupp skolnärvaro\n\n## Närvarande\n\n- **Amanda Roos**, fältsekreterare, socialförvaltningen\n"
         "- **Leo Sjöberg**, utvecklingsledare, utbildningsförvaltningen\n",
         {("Amanda Roos", "Socialförvaltningen"), ("Leo Sjöberg", "Utbildningsförvaltningen")}),
        # a project group's notes: initials after the name
        ("Anteckningar projektgrupp nytt bibliotek 2022-04-05\n\nNärvarande:\n"
         "Greta Ahl (GA), projektledare bygg, samhällsbyggnadsförvaltningen\n"
         "Otto Berg (OB), kulturchef, kultur- och fritidsförvaltningen\n",
         {("Greta Ahl", "Samhällsbyggnadsförvaltningen"), ("Otto Berg", "Kultur- och fritidsförvaltningen")}),
        # a steering group: an abbreviation of an organisation inside the title word
        ("Styrgrupp heltid 2021-09-01\n\nNärvarande:\nVilma Ek, HR-chef, kommunledningsförvaltningen\n",
         {("Vilma Ek", "Kommunledningsförvaltningen")}),
    ],
)
def test_title_slot_past_markup_initials_and_title_words(text, expected):
    assert expected <= memberships(text)


@pytest.mark.parametrize(
    "text, person",
    [
        ("Anteckningar 2022-04-05\n\nGreta Ahl (GA), informerade socialförvaltningen om läget.\n", "Greta Ahl"),
        ("# Möte\n\n- **Amanda Roos**, fältsekreterare\n- socialförvaltningen bjuder in till möte\n", "Amanda Roos"),
        ("Närvarande: Vilma Ek, HR-chef, Otto Berg, socialförvaltningen\n", "Vilma Ek"),
    ],
)
def test_no_title_slot_where_the_phrase_goes_on(text, person):
    assert not {o for p, o in memberships(text) if p == person and o == "Socialförvaltningen"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a steering group's protokoll: a running-text list of name, organisation pairs
        ("Protokoll styrgruppsmöte 2019-05-06\n\nI skrivargruppen ingår Lova Ekdahl, Trafikverket, Gert Fors, "
         "Landstinget, Nils Vik, Region Dalarna och Kim Sand, DalaMaTs. Strategin presenteras i juni.\n",
         {("Lova Ekdahl", "Trafikverket"), ("Gert Fors", "Landstinget"), ("Nils Vik", "Region Dalarna"),
          ("Kim Sand", "DalaMaTs")}),
        # a network's notes
        ("Minnesanteckningar nätverket för folkhälsa 2020-02-11\n\nVid mötet deltog Ulla Berg, Krokoms kommun, "
         "Jens Åkesson, Folkhälsomyndigheten, och Maja Lind, Länsförsäkringar Jämtland.\n",
         {("Ulla Berg", "Krokoms kommun"), ("Jens Åkesson", "Folkhälsomyndigheten"),
          ("Maja Lind", "Länsförsäkringar Jämtland")}),
    ],
)
def test_lists_pairing_names_and_organisations(text, expected):
    assert expected <= memberships(text)


@pytest.mark.parametrize(
    "text, unstated",
    [
        # the list begins with two names: the first pair is not one
        ("Till nästa möte bjuds Ulla Berg, Gert Fors, Trafikverket, Nils Vik, Polisen in.\n",
         {("Gert Fors", "Trafikverket"), ("Ulla Berg", "Trafikverket"), ("Nils Vik", "Polisen")}),
        # one pair only, the next name stands alone
        ("Vid mötet deltog Gert Fors, Trafikverket och Nils Vik.\n", {("Nils Vik", "Trafikverket")}),
        # a month is no organisation: the list breaks there
        ("Gert Fors, Trafikverket, Nils Vik, Januari och Ulla Berg, Polisen.\n", {("Nils Vik", "Januari")}),
    ],
)
def test_no_pairs_where_the_list_does_not_alternate(text, unstated):
    assert not unstated & memberships(text)


@pytest.mark.parametrize(
    "text, person, group",
    [
        # a region's committee: another organisation's board named by a generic word
        ("Protokoll regionala utvecklingsutskottet 2019-03-05\n\nÖvriga: Pär Lindkvist, vice ordförande LRF regionstyrelsen\n\n"
         "§ 1 Val av justerare\n", "Pär Lindkvist", "Regionstyrelsen"),
        # an association's notes
        ("Anteckningar styrgrupp 2020-10-01\n\nNärvarande: Eva Lund, ledamot HSB styrelsen\n\n1. Inledning\n",
         "Eva Lund", "Styrelsen"),
    ],
)
def test_a_generic_group_after_another_organisations_name_is_not_the_minutes_own(text, person, group):
    assert (person, group) not in memberships(text)


def test_a_generic_group_in_an_affiliation_alone_is_kept():
    text = ("Protokoll regionala utvecklingsutskottet 2019-03-05\n\nÖvriga: Pär Lindkvist, ledamot regionstyrelsen\n\n"
            "§ 1 Val av justerare\n")
    assert ("Pär Lindkvist", "Regionstyrelsen") in memberships(text)
