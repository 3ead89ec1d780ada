"""A cover page's fields flattened into one row: "KOMMUN Tid: 9:00: - 12:45 BODY Plats: ...".
The body's name may stand after the time, up to the next field's label; a stray colon after the
start time still makes a time range. A council committee's and an association board's covers."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0"))


@pytest.mark.parametrize(
    "text, body, times",
    [
        ("1 ALINGSÅS KOMMUN Tid: 13:00: - 16:10 KOMMUNSTYRELSENS ARBETSUTSKOTT Plats: Rådhuset Ledamöter "
         "Karin Dahl (S) Ordförande Olle Björk (M)\n\n§ 1 Val av justerare\nKarin Dahl utses.\n",
         "KOMMUNSTYRELSENS ARBETSUTSKOTT", ("13:00", "16:10")),
        ("1 HYRESGÄSTFÖRENINGEN NORRBACKA Tid: 18.00 - 20.30 STYRELSEN FÖR HYRESGÄSTFÖRENINGEN NORRBACKA "
         "Plats: Föreningslokalen Närvarande Erik Sand, Agnes Brink\n\n§ 1 Mötets öppnande\n",
         "STYRELSEN FÖR HYRESGÄSTFÖRENINGEN NORRBACKA", ("18:00", "20:30")),
    ],
)
def test_body_after_the_time_on_a_flattened_row(text, body, times):
    m = seg(text)
    assert m.body is not None and m.body.text == body
    assert text[m.body.start:m.body.end] == body
    assert (m.start_time, m.end_time) == times


def test_body_before_the_time_is_kept():
    m = seg("1 Socialnämndens arbetsutskott Tid: 09.00 - 11.00 Plats: Kommunhuset Beslutande Karin Dahl (S)\n\n"
            "§ 1 Val av justerare\n")
    assert m.body is not None and m.body.text == "Socialnämndens arbetsutskott"


def test_no_body_when_only_a_field_follows_the_time():
    m = seg("1 ALINGSÅS KOMMUN Tid: 13:00 - 16:10 Plats: Rådhuset Beslutande Karin Dahl (S)\n\n§ 1 Val av justerare\n")
    assert m.body is None or "Plats" not in m.body.text and "Rådhuset" not in m.body.text
