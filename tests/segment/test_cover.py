"""A protokoll's cover page read column by column: the labels first, then the values, on one line."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import segment


def minutes(text: str):
    m = segment(Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0"))
    for r in (*m.attendees, *m.absentees, *m.chairs, *m.minute_takers):
        assert text[r.span.start:r.span.end] == r.span.text
    return m


# a PDF viewer's web copy of a nämnd protokoll: the whole cover page on one line
VIEWER_COPY = (
    "SANDVIKENS KOMMUN SAMMANTRÄDESPROTOKOLL Tekniska nämnden\n\nTranskript\n\n"
    "1 SANDVIKENS KOMMUN SAMMANTRÄDESPROTOKOLL 1 (11) Tekniska nämnden 2006-04-12 Plats och tid Beslutande "
    "Ej tjänstgörande ersättare Övriga deltagare Utses att justera Justeringens plats och tid Underskrifter "
    "Sekreterare Ordförande Justerande Stadshuset, sammanträdesrum Gästrikland, onsdagen den 12 april 2006 "
    "kl 08.30 11.45 Kjell Forsberg (s), ordförande Göran Sundberg (m), vice ordförande Inga-Lill Eriksson (s) "
    "Kent Axelsson (fp) ersätter Maud Lindholm (fp) Per Sjögren (s) Bo Grahn, teknisk chef Gun Lindblom, "
    "ekonom 35 Annika Vall, sekreterare Göran Sundberg Stadshuset 2006-04-19 Paragrafer Annika Vall "
    "Kjell Forsberg Göran Sundberg ANSLAG/BEVIS Protokollet är justerat.\n\n"
    "2 SANDVIKENS KOMMUN SAMMANTRÄDESPROTOKOLL 2 (11) Tekniska nämnden 2006-04-12 TN 34 Val av justerare "
    "Tekniska nämnden beslutar att utse Göran Sundberg (m) att justera dagens protokoll.\n"
)

# a text export of another municipality's protokoll, read by columns as well
PDF_EXPORT = (
    "Protokoll Miljö- och byggnämnden 2019-09-12\n\n"
    "Plats och tid Beslutande Övriga närvarande Utses att justera Justeringens plats och tid "
    "Kommunhuset, Alingsås, kl. 18.00-20.15 Anna Lind (S), ordförande Erik Holm (M) Sara Falk (C) "
    "Lena Berg, bygglovchef Olof Strand, nämndsekreterare Erik Holm Kommunhuset 2019-09-16 "
    "Underskrifter Sekreterare Olof Strand Ordförande Anna Lind\n\n§ 1 Val av justerare\nErik Holm utses.\n"
)


@pytest.mark.parametrize("text, present, absent, chairs", [
    (VIEWER_COPY, {"Kjell Forsberg", "Göran Sundberg", "Inga-Lill Eriksson", "Kent Axelsson", "Per Sjögren",
                   "Bo Grahn", "Gun Lindblom", "Annika Vall"}, {"Maud Lindholm"}, {"Kjell Forsberg"}),
    (PDF_EXPORT, {"Anna Lind", "Erik Holm", "Sara Falk", "Lena Berg", "Olof Strand"}, set(), {"Anna Lind"}),
])
def test_the_rows_after_a_run_of_cover_labels_are_the_meetings_people(text, present, absent, chairs):
    m = minutes(text)
    assert {r.name for r in m.attendees} == present
    assert {r.name for r in m.absentees} == absent
    assert {r.name for r in m.chairs} == chairs


def test_prose_that_names_the_labels_holds_no_cover():
    text = ("Minnesanteckningar ledningsgrupp 2024-02-01\n\n1. Protokollets form\n"
            "Vi diskuterade hur Plats och tid, Beslutande, Övriga deltagare och Utses att justera ska stå på "
            "protokollets första sida. Anna Lind (S) har lämnat synpunkter och Erik Holm, nämndsekreterare, "
            "tar fram ett förslag till nästa möte där gruppen även går igenom mallen för kallelser och "
            "dagordningar i sin helhet.\n")
    assert {r.name for r in minutes(text).attendees} == set()
