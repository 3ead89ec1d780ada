"""Organisation names as the text means them: the body named from its header span, the units of
an organisation (not of a board), names in flattened lists of people, words for kinds of people."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.organizations import body_of_meeting, names_a_board, sentence_case
from kg.models import Document, Minutes, Span


def minutes(text: str, body: str | None = None) -> Minutes:
    doc = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
    b = None
    if body is not None:
        k = text.index(body)
        b = Span(k, k + len(body), body)
    return Minutes(document=doc, body=b)


def org_names(ex) -> set[str]:
    return {m.name for m in ex.mentions if m.kind == "organization"}


def test_a_body_in_capitals_is_named_as_in_running_text():
    text = "1 Sammanträdesprotokoll VALNÄMNDEN\nPlats och tid Stadshuset\n"
    assert extract(minutes(text, "VALNÄMNDEN")).body.name == "Valnämnden"
    flat = "HÖGBY KOMMUN Tid: 9:00 KOMMUNSTYRELSENS SOCIALA UTSKOTT Plats: Rodret\n"
    assert extract(minutes(flat, "KOMMUNSTYRELSENS SOCIALA UTSKOTT")).body.name == "Kommunstyrelsens sociala utskott"
    assert sentence_case("NORRVIKS BÅTKLUBB AB") == "Norrviks båtklubb AB"
    assert sentence_case("Kulturnämnden") == "Kulturnämnden"


def test_the_group_whose_meeting_a_compound_names_held_it():
    text = "Minnesanteckningar från styrgruppsmöte för det regionala cykelnätverket, 3 maj\n"
    ex = extract(minutes(text, "styrgruppsmöte för det regionala cykelnätverket"))
    assert ex.body.name == "Styrgruppen för det regionala cykelnätverket"
    assert body_of_meeting("Nätverksmöte i Skolchefsforum") == "Nätverket i Skolchefsforum"
    # a meeting of people, not of a body, stays as written
    assert body_of_meeting("Kommundirektörmöte i Familjen Helsingborg") == "Kommundirektörmöte i Familjen Helsingborg"
    assert body_of_meeting("Arbetsmöte om budgeten") == "Arbetsmöte om budgeten"


def test_a_body_in_the_genitive_before_the_meeting_is_named_without_it():
    text = "Protokoll från Kulturutskottets sammanträde 2012-04-11\n"
    assert extract(minutes(text, "Kulturutskottets")).body.name == "Kulturutskottet"


def test_secretariat_of_an_association_board_is_not_the_boards():
    text = "Möte med klubbens styrelse den 3 maj 2005\n\nKarin Lund, sekretariatet, redovisade budgeten.\n"
    ex = extract(minutes(text, "klubbens styrelse"))
    assert ex.body.name == "Klubbens styrelse"
    assert not any("sekretariat" in n for n in org_names(ex))
    assert names_a_board("Styrgruppen för e-arkiv") and names_a_board("Sektionens styrelse")
    assert not names_a_board("Kommunstyrelsen") and not names_a_board("Socialnämnden")


def test_a_municipal_board_keeps_its_staff():
    text = "Kulturnämnden\n\nOla Berg, kansliet, informerade om budgeten.\n"
    assert "Kulturnämndens kansli" in org_names(extract(minutes(text, "Kulturnämnden")))


@pytest.mark.parametrize("text", [
    # a flattened list of people, "Name Surname Organisation, place" (a forum's notes, a protokoll)
    "Närvarande: Politiker: Gunnel Strand Kommunförbundet, Kramfors Olle Berggren Kommunförbundet, Ånge\n",
    "Ledamöter Per Holmlund Länsförbundet Eva Sjölin Länsförbundet\n",
])
def test_a_surname_before_a_capitalised_forbund_is_no_part_of_its_name(text):
    names = org_names(extract(minutes(text)))
    assert not any(" " in n and n.endswith("förbundet") for n in names), names
    assert {"Kommunförbundet", "Länsförbundet"} & names


@pytest.mark.parametrize("text,name", [
    ("Protokoll: Skaraborgs kommunalförbund beslutade om taxan.", "Skaraborgs kommunalförbund"),
    ("Svenska Kommunförbundet har yttrat sig.", "Svenska Kommunförbundet"),
])
def test_forbund_names_with_their_first_word(text, name):
    assert name in org_names(extract(minutes(text)))


@pytest.mark.parametrize("text", [
    "Insatsen riktar sig till åldersgruppen 65-80 år.",                # a protokoll
    "Målgruppen är elever i årskurs 7-9. Barngruppen på förskolan är stor.",   # a working group's notes
])
def test_words_for_kinds_of_people_name_no_group(text):
    assert not org_names(extract(minutes(text)))


def test_group_compounds_still_name_groups():
    text = "Skrivargruppen redovisade läget. Samverkansgruppen träffas i maj."
    assert {"Skrivargruppen", "Samverkansgruppen"} <= org_names(extract(minutes(text)))
