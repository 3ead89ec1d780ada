"""Parties and capacities in attendance lists: a party in brackets belongs to the name right
before it; a "Parti" column of a presence table gives the row's person their party; a capacity
followed by a name is the entry before's capacity and a person of its own. Snippets of formal
protokoll (cover pages, presence tables) and of associations' minutes."""
from __future__ import annotations

from kg.extract import extract
from kg.models import Document
from kg.segment import parse_people, segment


def doc(text: str) -> Document:
    return Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")


def attendees(text: str) -> dict[str, tuple[str | None, str | None]]:
    """name -> (party, affiliation text) of every attendee."""
    m = segment(doc(text))
    return {r.name: (r.party, r.affiliation.text if r.affiliation else None) for r in m.attendees}


def memberships(text: str) -> set[tuple[str, str]]:
    ex = extract(segment(doc(text)))
    return {(ms.member.name, ms.organization.name) for ms in ex.memberships}


# -- a party in brackets after a name the reader does not take is that name's, no one else's --

FLAT_COVER = (
    "KOMMUNSTYRELSEN Sidan 1(12) Plats och tid Rådhuset kl. 09:00-11:30 Beslutande Ledamöter Karin Dahl (S), "
    "Olle Björk (M) och Ivar Lund (C). Tjänstgörande ersättare Övriga närvarande Ersättare Lena Ek (S) ersätter "
    "Per Strand (S) och Maja Holm (M) ersätter Bo Sjö (M). Stina Berg (S), Maria lindqvist (V), Frans Ek (C). "
    "Justering Justerande Karin Dahl (S)\n"
)
ASSOCIATION = (
    "Protokoll fört vid styrelsemöte i Föreningen Norrbacka 2021-03-04\n\n"
    "Närvarande: Erik Sand (S) och Agnes Brink (M), Jonna af klint (L), Sven Vik (C)\n\n"
    "§ 1 Mötets öppnande\nOrdföranden öppnade mötet.\n"
)


def test_party_of_an_unread_name_goes_to_no_earlier_person_on_a_cover_page():
    got = attendees(FLAT_COVER)
    assert got["Maja Holm"] == ("M", None)
    assert ("Maja Holm", "Vänsterpartiet") not in memberships(FLAT_COVER)
    assert ("Maja Holm", "Moderaterna") in memberships(FLAT_COVER)


def test_party_of_an_unread_name_goes_to_no_earlier_person_in_an_association_list():
    got = attendees(ASSOCIATION)
    assert got["Erik Sand"] == ("S", None) and got["Agnes Brink"] == ("M", None)
    assert not {("Erik Sand", "Liberalerna"), ("Agnes Brink", "Liberalerna")} & memberships(ASSOCIATION)


def test_a_place_after_a_name_is_still_its_affiliation():
    refs = parse_people("Sara Holm, Bjuv, Ola Ny (S)", 0)
    assert [(r.name, r.affiliation.text if r.affiliation else None) for r, _ in refs] == [
        ("Sara Holm", "Bjuv"), ("Ola Ny", None)]


# -- the party column of a presence table ------------------------------------------------------

COUNCIL_TABLE = """\
SOCIALNÄMNDEN    PROTOKOLL 2020-05-12    Sida 9 (9)

Bilaga 1  NÄRVAROLISTA  Socialnämnden 2020-05-12

                                     Tjänstgörande
Ledamöter                 Parti Närv. ersättare         Parti   Ja  Nej
Hugo Rask, ordf.           S    X                               X
Tilda Ström                M    -    Albin Nord              M      X
Vera Holm §§ 1-4           KD   X    Jan Berg §§ 5-9 KD         X
Ines Vall                  V    X                               X
"""
BOARD_TABLE = """\
Närvarolista kultur- och fritidsnämnden

Namn                 Parti   Närv.   Frånv.
Elsa Lind            S       X
Gustav Öberg         MP              X
Noah Björk           L       X
"""


def test_party_column_of_a_council_presence_and_vote_table():
    got = attendees(COUNCIL_TABLE)
    assert got["Hugo Rask"][0] == "S" and got["Albin Nord"][0] == "M"
    assert got["Vera Holm"][0] == "KD" and got["Jan Berg"][0] == "KD"   # (letters glued to the substitute's cell)
    ms = memberships(COUNCIL_TABLE)
    assert {("Hugo Rask", "Socialdemokraterna"), ("Albin Nord", "Moderaterna"), ("Jan Berg", "Kristdemokraterna"),
            ("Ines Vall", "Vänsterpartiet")} <= ms
    assert ("Tilda Ström", "Moderaterna") in ms   # the absent member's party too


def test_party_column_of_a_board_attendance_table():
    ms = memberships(BOARD_TABLE)
    assert {("Elsa Lind", "Socialdemokraterna"), ("Noah Björk", "Liberalerna")} <= ms
    assert ("Gustav Öberg", "Miljöpartiet de gröna") in ms


def test_no_party_from_a_table_without_a_party_column():
    text = "Namn                 Närv.   Frånv.\nElsa Lind            X\nNoah Björk                   X\n"
    m = segment(doc(text))
    assert {r.name: r.party for r in (*m.attendees, *m.absentees)} == {"Elsa Lind": None, "Noah Björk": None}


# -- "Name (P), ordförande Name (P)": two columns of a cover page read into one line -------------

AU_COVER = """\
Plats och tid

Stadshuset, 2021-02-03 kl. 13.00-15:10

Beslutande

Klara Nyström (KD), ordförande Olof Berg (M)

Rut Ekman (S)

Övriga deltagare

Siv Lund, förvaltningschef
"""


def test_capacity_then_a_name_on_a_cover_page():
    got = attendees(AU_COVER)
    assert got["Klara Nyström"] == ("KD", None) and got["Olof Berg"] == ("M", None)
    ms = memberships(AU_COVER)
    assert ("Klara Nyström", "Moderaterna") not in ms and ("Olof Berg", "Moderaterna") in ms
    assert [r.name for r in segment(doc(AU_COVER)).chairs] == ["Klara Nyström"]


def test_capacity_then_a_name_in_an_association_list():
    m = segment(doc("Styrelsemöte Hyresgästföreningen Ekbacken\n\n"
                    "Närvarande: Malin Åkerman, ordförande Tove Lind, Peter Sund, sekreterare\n\n§ 1 Öppnande\n"))
    assert {r.name for r in m.attendees} == {"Malin Åkerman", "Tove Lind", "Peter Sund"}
    assert [r.name for r in m.chairs] == ["Malin Åkerman"]


def test_a_capacity_alone_or_before_an_organisation_makes_no_person():
    assert [(r.name, role) for r, role in parse_people("Lena Holm, ordförande", 0)] == [("Lena Holm", "chair")]
    refs = parse_people("Lena Holm, ordförande Kommunstyrelsen", 0)
    assert [r.name for r, _ in refs] == ["Lena Holm"]
