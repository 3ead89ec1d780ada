"""Mark lists whose header a PDF reader glued to the title line, rows of people present for some
paragraphs, and chairs of a part of the meeting: on snippets of a förening's styrelseprotokoll and
of a nämnd's minutes."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


def names(refs):
    return sorted(r.name for r in refs)


FORENING = """PROTOKOLL NR 2/21-22
Möte med föreningens styrelse den 4-5 okt. 2021Ledamöter Närvarande

Kerstin Dahl X
Ola Fors § 12-20, 24-26
Pia Sten anmält förhinder
Övriga
Tomas Vik sekreterare

Mötesordförande

Kerstin Dahl § 12 - 26

§12 Val av justerare

Beslut att välja Ola Fors till justerare.
"""

NAMND = """Protokoll fritidsnämnden 2020-03-02

Ledamöter Närvarande
Eva Rask X, mötesordf. § 1-6
Jon Blad X, mötesordförande § 7-12
Siri Holm § 3-12

§ 1 Val av justerare
"""


def test_header_glued_to_the_title_line_and_rows_for_some_paragraphs():
    m = seg(FORENING)
    assert {"Kerstin Dahl", "Ola Fors", "Tomas Vik"} <= set(names(m.attendees))
    assert names(m.absentees) == ["Pia Sten"]
    assert names(m.minute_takers) == ["Tomas Vik"]
    assert names(m.chairs) == ["Kerstin Dahl"]
    # the title line keeps what the glued header did not take: the body that met
    assert m.body is not None and m.body.text == "föreningens styrelse"
    m = seg(NAMND)
    assert "Siri Holm" in names(m.attendees)


def test_chairs_of_a_part_of_the_meeting():
    m = seg(NAMND)
    assert names(m.chairs) == ["Eva Rask", "Jon Blad"]
    assert "Siri Holm" not in names(m.chairs)


def test_a_glued_word_that_is_no_column_header_makes_no_list():
    text = FORENING.replace("2021Ledamöter Närvarande", "2021Ledamöter Styrelsen")
    m = seg(text)
    assert "Ola Fors" not in names(m.attendees)
