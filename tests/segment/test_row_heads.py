"""List rows whose line breaks were lost, the end of one entry left at the head of the next
("..., § 155 Per Lind, ekonom", "..., S Karl Ek, SD", "..., Gävleborg Bo Lind, Skåne"): on a
nämnd protokoll's cover and on a regional network's notes (invented names)."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment
from kg.segment.people import parse_people


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


def listed(text: str) -> list[str]:
    return [ref.name for ref, _ in parse_people(text, 0, "attendee")]


def test_paragraph_notes_at_the_head_of_the_next_entry():
    row = ("Mona Kvist, ekonom, § 155 Lars-Erik Holm, socialsekreterare, §167, 168 Stina Berg, enhetschef, "
           "§ 156 Jenny Alm, utvecklingsledare")
    assert listed(row) == ["Mona Kvist", "Lars-Erik Holm", "Stina Berg", "Jenny Alm"]


def test_a_note_with_its_lead_words():
    assert listed("Eva Strand (KD), ej tjg ers, del av § 159 Ulla Björk, socialchef") == ["Eva Strand", "Ulla Björk"]


def test_party_letters_without_brackets_before_the_next_name():
    row = "Annika Holm, M, Ordförande Tove Rask, C, 1:e vice ordförande Maria Lund, S Jonas Dahl, SD Elin Sund, S"
    assert listed(row) == ["Annika Holm", "Tove Rask", "Maria Lund", "Jonas Dahl", "Elin Sund"]


def test_a_region_before_the_next_name():
    row = "Karin Vik, Dalarna, ordf Per Ström, Västra Götaland Ann Lindqvist, Gävleborg Maja Berg, Uppland"
    assert listed(row) == ["Karin Vik", "Per Ström", "Ann Lindqvist", "Maja Berg"]


def test_surname_first_names_are_not_cut():
    assert listed("Berg Anna, Svensson Anna Karin") == ["Berg Anna", "Svensson Anna Karin"]
    assert listed("Olsson Kjell, Rosenqvist Tomas (SD)") == ["Olsson Kjell", "Rosenqvist Tomas"]


def test_a_three_word_name_is_not_cut():
    assert listed("Eva Holm, Anna Karin Ek, Bo Lind") == ["Eva Holm", "Anna Karin Ek", "Bo Lind"]


def test_a_name_with_a_known_first_name_at_its_head_is_not_cut():
    # "Maria Eva Lind": the head is a first name, so it is part of the name after the comma
    assert listed("Bo Ek, Maria Eva Lind") == ["Bo Ek", "Maria Eva Lind"]


NAMND = """Protokoll Socialutskottet 2021-10-12

Plats och tid Förvaltningshuset, kl 09.00-12.00

Beslutande Annika Holm (C), ordförande

Övriga deltagande Mona Kvist, sekreterare

Lena Ås, ekonom, § 155 Lars-Erik Holm, socialsekreterare, §167, 168 Stina Berg, enhetschef, § 156

§ 155 Kvartalsrapport
Utskottet godkänner rapporten.
"""


def test_on_a_cover_page():
    m = seg(NAMND)
    att = {r.name for r in m.attendees}
    assert {"Lena Ås", "Lars-Erik Holm", "Stina Berg"} <= att


NATVERK = """Minnesanteckningar från samordningsgruppens möte 2022-04-01

Närvarande:
Karin Vik, Dalarna, ordf Per Ström, Västra Götaland Ann Lindqvist, Gävleborg Maja Berg, Uppland

1. Mötet öppnas
Karin Vik hälsade välkommen.
"""


def test_in_network_notes():
    m = seg(NATVERK)
    att = {r.name for r in m.attendees}
    assert {"Per Ström", "Ann Lindqvist", "Maja Berg"} <= att
    assert not any("Götaland" in a or "Gävleborg" in a for a in att)
