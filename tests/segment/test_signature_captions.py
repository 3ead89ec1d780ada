"""Signature blocks whose captions stand under the names, and flattened blocks with a run of
labels over their names: on snippets of a nämnd protokoll and of a förening's styrelseprotokoll."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


def names(refs):
    return sorted(r.name for r in refs)


NAMND = """PROTOKOLL
Kultur- och fritidsnämnden
Sammanträdesdatum: 2021-03-04

Beslutande
Henrik Dalström (M), ordförande
Sofia Berglind (S)

Underskrifter

Henrik Dalström (M)

Ordförande Sofia Berglind (S)

Justerare

Tove Ramqvist Sekreterare

§ 12 Fastställande av dagordning
"""

FORENING = """Styrelseprotokoll Bergsjöns båtklubb 2022-05-10

Närvarande: Karl Öberg, Lisa Hammar, Nils Fjäll

Underskrifter
Lisa Hammar
Ordförande Nils Fjäll
Justerare
Karl Öberg
Sekreterare

1. Mötet öppnas
"""


def test_captions_under_names_give_each_name_the_caption_below_it():
    m = seg(NAMND)
    assert names(m.chairs) == ["Henrik Dalström"]
    assert names(m.adjusters) == ["Sofia Berglind"]
    assert names(m.minute_takers) == ["Tove Ramqvist"]
    m = seg(FORENING)
    assert names(m.chairs) == ["Lisa Hammar"]
    assert names(m.adjusters) == ["Nils Fjäll"]
    assert names(m.minute_takers) == ["Karl Öberg"]


def test_captions_under_names_that_do_not_alternate_give_no_role():
    text = FORENING.replace("Justerare\nKarl Öberg\nSekreterare\n", "Karl Öberg\nSekreterare\n")
    m = seg(text)
    assert not m.chairs and not m.adjusters and not m.minute_takers


def test_block_that_begins_with_a_label_is_read_label_then_name():
    text = """Styrelseprotokoll Bergsjöns båtklubb 2022-05-10

Underskrifter
Ordförande
Lisa Hammar
"""
    m = seg(text)
    assert names(m.chairs) == ["Lisa Hammar"]


FLAT = ("1 Socialnämnden SAMMANTRÄDESPROTOKOLL Sammanträdesdatum Sid 1 (9) Plats och tid Stora salen, kl. 09:00-12:00 "
        "Utses att justera Mats Lindgren (L) Underskrifter Paragrafer Sekreterare Elin Vestberg Ordförande Justerande "
        "Karin Åhlund (S) Mats Lindgren (L) ANSLAG/BEVIS Justeringen har tillkännagivits genom anslag\n")


def test_flattened_chain_then_a_run_of_labels_over_as_many_names():
    m = seg(FLAT)
    assert names(m.minute_takers) == ["Elin Vestberg"]
    assert names(m.chairs) == ["Karin Åhlund"]
    assert names(m.adjusters) == ["Mats Lindgren"]


def test_flattened_run_of_labels_with_a_name_missing_gives_no_role():
    m = seg(FLAT.replace(" Mats Lindgren (L) ANSLAG", " ANSLAG"))
    assert names(m.minute_takers) == ["Elin Vestberg"]
    assert "Karin Åhlund" not in names(m.chairs) + names(m.adjusters)


def test_lone_label_over_a_label_with_names_gives_those_names_no_role():
    text = """Protokoll styrgruppen 2023-01-12

Ordförande
Justerande Karin Åhlund
Mats Lindgren
"""
    m = seg(text)
    assert not m.adjusters

