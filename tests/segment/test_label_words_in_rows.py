"""Label words that a flattened cover page leaves before a name or in place of one ("Beslutande
Ledamöter Anna Ek, M, Ordförande", "Ordförande Justerare Tjänstgör för ..."): no label word is
part of a name, and a caption with a word of the next cell is no person. On snippets of a nämnd
protokoll and of a kommunalförbund's direktion protokoll (invented names)."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


def names(refs):
    return sorted(r.name for r in refs)


NAMND = """Barn- och utbildningsnämnden SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2021-05-11

Plats och tid Ivern, kl 08:30-12.00
Beslutande Ledamöter Gunvi Lunde, M, Ordförande Oskar Fjäll, C, 1:e vice ordförande
Rut Bergkvist, S
Övriga närvarande Tilda Ståhl, sekreterare

§ 12 Budget
Nämnden beslutar att godkänna budgeten.
"""


def test_label_words_before_a_chair_are_not_in_the_name():
    m = seg(NAMND)
    assert names(m.chairs) == ["Gunvi Lunde"]
    assert not any("Ledamöter" in r.name or "Beslutande" in r.name for r in m.attendees)


DIREKTION = ("1 Protokoll Direktionen Datum: Klockan: 09:00-12:10 Plats: Brandstationen\n"
             "Närvarande ledamöter Jon Sjöberg (S) Vera Holm (M) Ida Berg (C) Per Lund (S) Tjänstgörande ersättare "
             "Eva Dahl (KD) Ordförande Justerare Tjänstgör för Erik Dal (S) Närvarande ersättare Bo Ek (C) Övriga Ida Nordin\n")


def test_a_caption_with_a_word_of_the_next_cell_is_no_person():
    m = seg(DIREKTION)
    everyone = names(m.attendees) + names(m.chairs) + names(m.adjusters)
    assert not any("Tjänstgör" in n for n in everyone)
    assert "Jon Sjöberg" in names(m.attendees)


def test_a_label_word_before_a_listed_surname_is_left_to_the_other_rules():
    m = seg("Protokoll Direktionen 2022-02-03\nNärvarande ledamöter Jon Sjöberg (S)\nVera Holm (M)\n\n§ 1 Val\nText.\n")
    assert {"Jon Sjöberg", "Vera Holm"} <= set(names(m.attendees))
