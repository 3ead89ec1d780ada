"""Items known only from a table of contents ("Innehållsförteckning" over "Titel ..... 3"), in
minutes whose paragraphs are not in the text: on snippets of an utskott's protokoll and of a
kommunalförbund's direktion protokoll (invented names)."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


UTSKOTT = """Protokoll från Omsorgsutskottets sammanträde 2021-03-10 Innehållsförteckning

Beslutande... 2

Delårsrapport med helårsprognos... 3

Hemtjänstens bemanning ... 5

Anmälningsärenden... 9

(2)

Plats och tid Kommunhuset, kl 09.00-12.00

Beslutande Stig Varg (C), ordförande
"""


def test_contents_entries_are_the_items_when_no_heading_is_found():
    m = seg(UTSKOTT)
    assert [it.title for it in m.items] == ["Delårsrapport med helårsprognos", "Hemtjänstens bemanning", "Anmälningsärenden"]
    assert all(it.ordinal is None for it in m.items)   # page numbers, not paragraphs
    assert all(not it.decisions and not it.presenters for it in m.items)


DIREKTION = """Direktionen för Räddningstjänsten Mitt
Innehåll
Val av justerare ........ 2
Budget 2022 ........ 3
Taxa för tillsyn enligt LSO ........ 5
Övriga frågor ........ 7

Plats och tid Brandstationen, kl 13.00
"""


def test_contents_with_a_short_head_of_another_genre():
    m = seg(DIREKTION)
    assert [it.title for it in m.items] == ["Val av justerare", "Budget 2022", "Taxa för tillsyn enligt LSO", "Övriga frågor"]


WITH_PARAGRAPHS = """Protokoll Omsorgsutskottet 2021-03-10
Innehållsförteckning
Delårsrapport ........ 3
Hemtjänstens bemanning ........ 5
Anmälningsärenden ........ 9

§ 12 Delårsrapport
Utskottet godkänner delårsrapporten.

§ 13 Hemtjänstens bemanning
Informationen noteras.
"""


def test_contents_give_no_items_when_the_paragraphs_are_there():
    m = seg(WITH_PARAGRAPHS)
    assert [it.ordinal for it in m.items] == [12, 13]


def test_two_entries_are_no_contents():
    m = seg("Protokoll Omsorgsutskottet 2021-03-10\nInnehåll\nDelårsrapport ........ 3\nÖvrigt ........ 4\n")
    assert m.items == ()
