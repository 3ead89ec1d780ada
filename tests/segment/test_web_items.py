"""Items numbered "1 Title" on web pages of minutes, proposals put to the meeting and cover labels
run together: on snippets of a nämnd's web page and of a förening's styrelseprotokoll."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


WEB_NAMND = """Sammanträde 2019-05-14

1 Information om lokalförsörjning

Kultur- och fritidsnämndens förslag till beslut
- Informationen noteras.

2 Bidrag till studieförbunden 2020

Dnr 2019/KFN 0042

Kultur- och fritidsnämndens förslag till beslut
1. Bidragen fördelas enligt bilaga.
2. Beslutet meddelas studieförbunden.

3 Ekonomisk uppföljning per april
"""

WEB_STYRELSE = """Styrelsemöte i Lillviks hembygdsförening 2022-09-01

1 Mötets öppnande

Ordföranden Gun Svärd öppnade mötet.

2 Val av justerare

Styrelsen valde Per Alm till justerare.
"""


def test_numbers_before_titles_standing_alone_are_items():
    m = seg(WEB_NAMND)
    assert [(it.ordinal, it.title) for it in m.items] == [
        (1, "Information om lokalförsörjning"), (2, "Bidrag till studieförbunden 2020"),
        (3, "Ekonomisk uppföljning per april")]
    m = seg(WEB_STYRELSE)
    assert [it.title for it in m.items] == ["Mötets öppnande", "Val av justerare"]


def test_a_bodys_proposal_to_the_meeting_is_no_decision_and_names_no_receiver():
    m = seg(WEB_NAMND)
    assert all(not it.decisions for it in m.items)


def test_numbers_inside_a_paragraph_or_repeated_page_headers_are_no_items():
    text = """Protokoll styrgruppen 2023-01-12

Närvarande: Karin Åhlund, Mats Lindgren
3 Lokaler i Ösmo
4 Budget för hösten

2 Ösmo kommun protokoll Sida 2

3 Ösmo kommun protokoll Sida 3
"""
    m = seg(text)
    assert not m.items


def test_cover_labels_run_together_hold_no_decision():
    text = ("1 Sammanträdesprotokoll KULTURNÄMNDEN Plats och tid Kulturhuset, kl 14:00-15:55 Beslutande "
            "Övriga deltagande Utses att justera Erik Sand (S), ordförande Lina Holm (M)\n")
    m = seg(text)
    assert not m.decisions and all(not it.decisions for it in m.items)
