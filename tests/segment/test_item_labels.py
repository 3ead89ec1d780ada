"""Labels run into the lines of an item: a presenter label at the end of a heading, "Beslut:"
inside a line of text; on snippets of a styrgrupp protokoll and a nämnd's minnesanteckningar."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


STYRGRUPP = """Protokoll från styrgruppsmöte 2021-02-03

Närvarande: Lena Bergvik, Olof Sand, Tuva Ek

1: Mötet öppnas
Ordföranden öppnade mötet.
2: Föregående protokoll
Protokollet gicks igenom. Beslut: Styrgruppen beslutade lägga protokollet till handlingarna
3: Cykelstrategi för länet Föredragande: Olof Sand
Olof informerade om arbetet med strategin.
"""

NAMND = """Minnesanteckningar kulturnämndens presidium 2022-10-11

Deltagare: Siv Nord, Jan Udd

1. Budgetläget Föredragande: Siv Nord
Siv gick igenom budgeten. Beslut: Presidiet godkänner budgetläget.
2. Övriga frågor Föredragande: kansliet
Inga övriga frågor.
"""


def test_presenter_label_at_the_end_of_a_heading_is_cut_and_read():
    m = seg(STYRGRUPP)
    it = m.items[2]
    assert it.title == "Cykelstrategi för länet"
    assert [p.name for p in it.presenters] == ["Olof Sand"]
    m = seg(NAMND)
    assert m.items[0].title == "Budgetläget"
    assert [p.name for p in m.items[0].presenters] == ["Siv Nord"]


def test_presenter_label_without_a_full_name_stays_in_the_title():
    m = seg(NAMND)
    assert m.items[1].title.startswith("Övriga frågor")
    assert not m.items[1].presenters


def test_decision_label_inside_a_line_of_text():
    m = seg(STYRGRUPP)
    assert [d.text for d in m.items[1].decisions] == ["Styrgruppen beslutade lägga protokollet till handlingarna"]
    m = seg(NAMND)
    assert [d.text for d in m.items[0].decisions] == ["Presidiet godkänner budgetläget."]


def test_a_word_beginning_with_beslut_before_a_colon_is_no_label():
    text = STYRGRUPP.replace("Beslut: Styrgruppen beslutade lägga protokollet till handlingarna",
                             "Beslutsdel: vision, mål och åtgärder")
    m = seg(text)
    assert not m.items[1].decisions
