"""The protocol: when the minutes were justerade and who served as substitute for whom, each
rule on snippets of several genres (pdf text, OCR, web copies flattened to one line)."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.models import Document
from kg.segment import segment


def minutes(text: str):
    return segment(Document(identifier="snippet.txt", path="snippet.txt", text=text, media_type="text/plain", sha256="0"))


@pytest.mark.parametrize("text, date, words", [
    # pdf text of a nämnd: label and place in columns
    ("Bygg- och miljönämnden\nSammanträdesdatum 2015-09-17\n\nUtses att justera       Margareta Ljung\n"
     "Justeringens plats och tid  Samhällsbyggnadskontoret, 2015-09-23\n", dt.date(2015, 9, 23),
     "Justeringens plats och tid  Samhällsbyggnadskontoret, 2015-09-23"),
    # a label split over two lines, the date with the place
    ("Socialnämnden\nSammanträdesdatum 2008-05-21\n\nJusteringens              Socialförvaltningen, Mora, 2008-05-26 kl 16.00\n"
     "plats och tid\n", dt.date(2008, 5, 26), "Justeringens              Socialförvaltningen, Mora, 2008-05-26"),
    # a signature block's own line, and an old protokoll's sentence with the month written out
    ("Kommunstyrelsens arbetsutskott\nProtokoll 2019-10-28\n\nJusterat 2019-10-30\n", dt.date(2019, 10, 30), "Justerat 2019-10-30"),
    ("Kommunfullmäktige\nSammanträde 1996-02-26\n\nProtokollet justerat den 4 mars 1996\n\nAnslag om justering uppsatt 1996-03-05.\n",
     dt.date(1996, 3, 4), "Protokollet justerat den 4 mars 1996"),
    ("Kommunstyrelsen\nSammanträdesdatum 2019-10-28\n\nJusteringens plats och tid   Stadshuset, Västervik, fredagen den 1 november 2019 kl. 10.00\n",
     dt.date(2019, 11, 1), "Justeringens plats och tid   Stadshuset, Västervik, fredagen den 1 november 2019"),
])
def test_the_date_the_minutes_were_justerade(text, date, words):
    m = minutes(text)
    assert m.adjusted_on == date and m.adjusted_on != m.date
    assert m.adjusted_span.text == words == text[m.adjusted_span.start:m.adjusted_span.end]


@pytest.mark.parametrize("text", [
    # the anslag's dates and the meeting's date are no justering's
    "Kommunstyrelsen\nSammanträdesdatum 2018-09-26\n\nJusteringens plats och tid Kommunkansliet\n"
    "ANSLAG/BEVIS Protokollet är justerat. Sammanträdesdatum 2018-09-26 Datum då anslaget sätts upp 2018-10-03\n",
    # a flattened web copy whose justering has no date, the next label's date after it
    "Barn- och utbildningsnämnden Sammanträdesdatum 2013-03-19\nJusteringens plats och tid Förvaltningen Underskrifter "
    "Sekreterare Camilla Rask Sammanträdesdatum 2013-03-19\n",
    # justering of the previous minutes, and an item that only names the justerare
    "Styrelsemöte 2004-03-11\n\nJustering av föregående protokoll 2004-02-10\n\n§ 2 Val av justerare\nKjell Persson.\n",
])
def test_no_justering_date_where_the_text_gives_none(text):
    assert minutes(text).adjusted_on is None


@pytest.mark.parametrize("text, expected", [
    # pdf text: "X (S), tjänstgörande ersättare för Y (S)", a serving substitute for some §§ only
    ("Kommunstyrelsen\nSammanträdesdatum 2019-10-28\n\nBeslutande                   Anna Ek (S), ordförande\n"
     "                             Mikael Forsberg (S), tjänstgörande ersättare för Anneli Karlsson (S)\n"
     "                             Sven Olofsson (SD), tjänstgörande ersättare §§ 187–192\n"
     "                             Rolf Sjölin (V), ej tjänstgörande\n",
     [("Mikael Forsberg", "Anneli Karlsson"), ("Sven Olofsson", None)]),
    # a nämnd's list: "X (c) ersätter Y (c)"
    ("Socialnämnden\nSammanträdesdatum 2008-05-21\n\nBeslutande                 Lars Ek (s), ordförande\n"
     "                           Ulla Persson (c) ersätter Göran Hed (c)\n",
     [("Ulla Persson", "Göran Hed")]),
    # a list that says who was replaced by whom
    ("Kultur- och fritidsnämnden\nSammanträdesdatum 2022-02-09\n\nBeslutande: Erik Tell (M), ordförande, "
     "Björn Kvist (S), ersätts av Mona Ljung (S)\n",
     [("Mona Ljung", "Björn Kvist")]),
])
def test_serving_substitutes_and_whom_they_replaced(text, expected):
    m = minutes(text)
    got = [(s.substitute.name, s.replaced.name if s.replaced else None) for s in m.substitutes]
    assert got == expected
    for s in m.substitutes:
        for ref in (s.substitute, s.replaced):
            if ref is not None:
                assert text[ref.span.start:ref.span.end] == ref.span.text == ref.name
        assert s.substitute.name in {a.name for a in m.attendees}
        assert s.replaced is None or s.replaced.name in {a.name for a in m.absentees}


def test_no_substitutes_in_notes_without_them():
    m = minutes("Minnesanteckningar ledningsgrupp 2023-05-16\n\nNärvarande: Anna Wik, Jonas Mellberg\n\n"
                "1. Budget för 2024\nAnna Wik redogör för läget.\n")
    assert m.substitutes == () and m.adjusted_on is None


# --- titles and roles written with a name ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # pdf text of a nämnd: "Name, title" in the list of others present, a role after the party
    ("Bygg- och miljönämnden\nSammanträdesdatum 2015-09-17\n\nBeslutande              Bengt-Åke Nordin (C), ordförande\n\n"
     "Övriga deltagande       Helena Bäckström, förvaltningschef\n                        Bo Grahn, teknisk chef\n",
     {("Bengt-Åke Nordin", "ordförande"), ("Helena Bäckström", "förvaltningschef"), ("Bo Grahn", "teknisk chef")}),
    # notes: a title before the presenter's name in an item
    ("Minnesanteckningar ledningsgrupp 2023-05-16\n\nNärvarande: Anna Wik, Jonas Mellberg\n\n1. Budget\n"
     "Förvaltningschef Marie Kvist presenterar förslaget till internbudget.\n\n2. Avslut\nMötet avslutas.\n",
     {("Marie Kvist", "Förvaltningschef")}),
])
def test_a_title_written_with_a_name(text, expected):
    m = minutes(text)
    got = {(t.person.name, t.title.text) for t in m.titles}
    assert expected <= got
    for t in m.titles:
        assert text[t.title.start:t.title.end] == t.title.text
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.title.text in t.span.text and t.person.span.text in t.span.text


def test_a_signature_row_gives_no_title_to_the_name_before_a_label():
    text = ("Barn- och utbildningsnämnden Sammanträdesdatum 2013-03-19\n\nUnderskrifter Sekreterare Camilla Rask "
            "Ordförande Leif Hedlund Justerande Karin Sahlin\n")
    assert not {(t.person.name, t.title.text) for t in minutes(text).titles} & {("Camilla Rask", "Ordförande"),
                                                                                 ("Leif Hedlund", "Justerande")}


@pytest.mark.parametrize("text", [
    "Minnesanteckningar ledningsgrupp 2023-05-16\n\nNärvarande: Anna Wik, Jonas Mellberg\n\n1. Budget\n"
    "Anna Wik presenterar förslaget. Ekonomichef Jonas Mellberg kompletterar.\n",
    "Protokoll styrgrupp 2021-03-11\n\nNärvarande: Anna Wik, Sveriges Skolledare\n",
])
def test_no_title_across_a_sentence_or_from_a_name(text):
    assert all(t.person.name != "Anna Wik" for t in minutes(text).titles)
