"""The meeting's body and date from header layouts of several genres."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.models import Document
from kg.segment import find_date, segment
from kg.segment.body import is_kind_only, names_body


def doc(text: str, name: str = "snippet.txt") -> Document:
    return Document(identifier=name, path=name, text=text, media_type="text/plain", sha256="0")


def body_of(text: str) -> str | None:
    m = segment(doc(text))
    if m.body is not None:
        assert text[m.body.start:m.body.end] == m.body.text
    return m.body.text if m.body else None


def date_of(text: str):
    m = segment(doc(text))
    if m.date_span is not None:
        assert text[m.date_span.start:m.date_span.end] == m.date_span.text
    return m.date


ITEMS = "\n§ 1 Mötets öppnande\nOrdföranden öppnade mötet.\n\n§ 2 Val av justerare\nAnna Berg valdes.\n"
NOTES = "\nNärvarande:\nAnna Berg, enhetschef\nPer Ek, controller\n\n1. Inledning\nAnna hälsade välkomna.\n"


# -- the body -----------------------------------------------------------------------------------
def test_meeting_kinds_name_no_body():
    assert not names_body("Anteckningar från styrgruppsmöte nr 4")
    assert not names_body("Arbetsmöte")
    assert names_body("Kommunstyrelsens arbetsutskott")
    assert names_body("Kommundirektörmöte i Familjen Helsingborg")
    assert is_kind_only("möte #5") and is_kind_only("projektgruppsmöte")
    assert not is_kind_only("DDG arbetsgrupp")


def test_kind_of_meeting_after_a_dash_is_cut():
    assert body_of("# Lokala arbetsgruppen – möte #3\n\n2024-05-02 · 10:00–11:00 · Teams\n" + NOTES) == "Lokala arbetsgruppen"
    assert body_of("Styrgrupp Nya skolan – styrgruppsmöte nr 2\nDatum: 2021-03-04\n" + NOTES) == "Styrgrupp Nya skolan"


def test_a_line_naming_only_a_kind_of_meeting_gives_no_header_body():
    text = "Projekt Ny simhall\nAnteckningar från projektgruppsmöte nr 4\n\nDatum: 2021-02-04\n" + NOTES
    assert body_of(text) != "projektgruppsmöte nr 4"
    assert "möte" not in (body_of("Arbetsmöte\nDatum: 2022-01-10\n" + NOTES) or "")


def test_breadcrumb_gives_the_crumb_that_names_a_body():
    web = ("Startsida / Kommun och politik / Barn- och utbildningsnämnden / Beslut i korthet\n\n"
           "Barn- och utbildningsnämnden – beslut i korthet 8 juni 2020\n" + NOTES)
    assert body_of(web) == "Barn- och utbildningsnämnden"


def test_report_lead_before_the_body():
    web = ("Region Gotland / Demokrati / Kortfattat\n\nKortfattat från regionstyrelsen den 13 juni 2022\n\n"
           "Regionstyrelsen beslutade att anta planen.\n" + NOTES)
    assert body_of(web) == "regionstyrelsen"


def test_flattened_columns_give_the_column_with_the_body():
    proto = ("Mora kommun                       Protokoll                        Sid 1 (9)\n"
             "Socialnämnden                     Sammanträdesdatum\n"
             "                                  2016-11-08\n" + ITEMS)
    assert body_of(proto) == "Socialnämnden"


def test_genitive_column_goes_on_in_the_next_line():
    proto = ("Sundsvalls kommun                 Protokoll                        Sid 1 (9)\n"
             "Kommunstyrelsens                  Sammanträdesdatum\n"
             "arbetsutskott                     2016-11-08\n" + ITEMS)
    assert body_of(proto) == "arbetsutskott"
    alone = ("Barn- och utbildningsnämndens     Sammanträdesdatum\n"
             "arbetsutskott                     2016-11-08\n" + ITEMS)
    m = segment(doc(alone))
    assert m.body.text == "arbetsutskott"
    assert m.parent is not None and m.parent.text == "Barn- och utbildningsnämndens"


def test_board_meeting_is_held_by_the_board_of_the_organisation_heading_the_paper():
    bolag = ("LULEÅ HAMN AB                                     PROTOKOLL nr 3/2019\n"
             "                                                  Styrelsesammanträde\n\n"
             "Tid:      Tisdagen den 21 maj 2019, kl. 13.00–16.15\n" + ITEMS)
    assert body_of(bolag) == "LULEÅ HAMN AB"
    forening = ("SÖRBYNS HEMBYGDSFÖRENING\n\nProtokoll fört vid styrelsemöte onsdagen den 4 april 2012 kl 19.00 "
                "i hembygdsgården.\n" + ITEMS)
    assert body_of(forening) == "SÖRBYNS HEMBYGDSFÖRENING"


def test_no_board_without_a_board_meeting():
    assert body_of("SÖRBYNS HEMBYGDSFÖRENING\n\nProtokoll fört vid årsmöte den 4 april 2012.\n" + ITEMS) != "SÖRBYNS HEMBYGDSFÖRENING"


def test_body_words_in_parentheses_are_said_in_passing():
    assert not names_body("Projektägare: Marie Holm, kommundirektör (ordförande i styrgruppen)")
    assert names_body("Kommunala pensionärsrådet (KPR)")


@pytest.mark.parametrize("header, body", [
    # a barn- och utbildningsnämnd's protokoll from a web viewer: the page stamp's label before the body
    ("SAMMANTRÄDESPROTOKOLL Sida 1 (23) Barn- och utbildningsnämnden\n", "Barn- och utbildningsnämnden"),
    # a miljö- och byggnadsnämnd's cover flattened: the municipality, the kind, the stamp, the date's label
    ("11 Hultsfreds kommun SAMMANTRÄDESPROTOKOLL 1 (251) Sammanträdesdatum Miljö- och byggnadsnämnden\n",
     "Miljö- och byggnadsnämnden"),
    # the label after the body still ends it
    ("Socialnämnden Sammanträdesdatum 2016-11-08\n", "Socialnämnden"),
    ("KOMMUNSTYRELSEN Sidan 1(30)\n", "KOMMUNSTYRELSEN"),
])
def test_a_header_label_of_the_column_before_is_no_part_of_the_body(header, body):
    assert body_of(header + ITEMS) == body


_PRESENT = "\nNärvarande: Anna Ek (S), ordförande, Per Ny (M), Lisa Berg (C)\nSekreterare: Eva Ros\n\n"


@pytest.mark.parametrize("text, body", [
    # a region's arbetsutskott: no body in the header, the anslag block names it
    ("1 PROTOKOLL 1 (28) Sammanträdestid kl 09:00-12:30 Sammanträdesplats Tallen, Umeå" + _PRESENT +
     "BEVIS OM ANSLAG Justering har tillkännagivits genom anslag. Myndighet Arbetsutskottet Anslagsdatum "
     "Datum då anslaget tas ner Förvaringsplats för protokollet Regionens kansli\n", "Arbetsutskottet"),
    # a kommunalförbund's board
    ("Tid Onsdagen den 16 december kl 13.00 Plats Hantverksbyn" + _PRESENT + "ANSLAG/BEVIS Protokollet är justerat. "
     "Justeringen har tillkännagivits genom anslag Organ Styrelsen Datum för anslags uppsättande\n", "Styrelsen"),
    # a nämnd's web copy: the label and the name glued
    ("SAMMANTRÄDESPROTOKOLL\nPlats och tid Faxepark, Europa, 09:00 – 14:55" + _PRESENT + "ANSLAG/BEVIS\n"
     "Protokollet är justerat.\nNämnd/StyrelseArbetsmarknads- och socialnämnden\nSammanträdesdatum\n",
     "Arbetsmarknads- och socialnämnden"),
    # a label whose value was lost names no body
    ("SAMMANTRÄDESPROTOKOLL 1[25] Plats och tid Kommunalhuset, kl 16:00-17:15" + _PRESENT +
     "ANSLAG/BEVIS Nämnd Sammantr\n", None),
])
def test_the_body_named_in_the_anslag_block(text, body):
    assert body_of(text) == body


@pytest.mark.parametrize("text", [
    # a road association's årsstämma: a sentence about the board's chair
    ("Protokoll från årsstämma i vägsamfälligheten\n\nStyrelsens ordförande Lars Jacobsson hälsade alla "
     "välkomna och förklarade mötet öppnat.\n\n1. Val av ordförande\nLars Jacobsson valdes.\n"),
    # a pensioners' association's report: a sentence in which the board tells the meeting something
    ("SKPF avd 25 Höstmöte\nOrdförande Karl-Erik Oredsson hälsade medlemmarna välkomna.\n"
     "Styrelsen informerade om kongressen på Aronsborg den 21-23 september 2021.\n"),
])
def test_a_sentence_about_a_body_names_no_body_that_met(text):
    assert body_of(text) is None


# -- the date -----------------------------------------------------------------------------------
def test_day_slash_month_year():
    assert find_date("Datum: Måndag 23/3 2020, kl. 08.15–09.20")[0] == dt.date(2020, 3, 23)
    assert find_date("PROTOKOLL 1/96") is None
    assert date_of("Krisledningsgruppen\nDatum: Tisdag 7/4 2020, kl. 08.15\n" + NOTES) == dt.date(2020, 4, 7)


def test_day_dot_month_dot_year():
    assert find_date("styrelsemöte den 4.9.2018 kl 10.30")[0] == dt.date(2018, 9, 4)
    assert find_date("Sammanträdesdatum 14.03.2023.")[0] == dt.date(2023, 3, 14)
    for not_a_date in ("version 1.2.2020.5", "avsnitt 4.9.20188", "3.14.2020", "kl 10.30"):
        assert find_date(not_a_date) is None, not_a_date
    association = ("Protokoll fört vid föreningens styrelsemöte\npå föreningens kansli\nden 4.9.2018 kl 10.30\n"
                   "Deltagare: Anna Berg, Per Ek.\n\n1. Mötet öppnas\nOrdförande öppnade mötet.\n")
    assert date_of(association) == dt.date(2018, 9, 4)
    assert date_of("Kommunstyrelsen\nSammanträdesdatum 14.03.2023\n" + ITEMS) == dt.date(2023, 3, 14)


@pytest.mark.parametrize("text, date", [
    # a pensioners' association's report: the congress's and the last protocol's dates, not the meeting's
    ("SKPF avd 25 Höstmöte\nSKPF avd 25 höll sitt höstmöte den 19 oktober på Hemgården.\n"
     "Sekreterare Tommy Åkesson läste upp protokollet från den 15/10 2019.\n"
     "Styrelsen informerade om kongressen på Aronsborg den 21-23 september 2021.\n", None),
    # a network's notes: a sentence about a conference
    ("Nätverket för folkhälsa\nAnna Wik berättade om den nationella konferensen i Umeå den 3 maj 2023 och om"
     " vad den gav.\n\n1. Inledning\nText.\n", None),
    # a sentence that tells of the meeting keeps its date
    ("Regionstyrelsen\nRegionstyrelsen sammanträdde måndagen den 13 juni 2022 i Landstingshuset i Falun.\n"
     + NOTES, dt.date(2022, 6, 13)),
])
def test_a_date_in_a_sentence_about_something_else_is_not_the_meetings(text, date):
    assert date_of(text) == date


def test_sending_date_is_not_the_meeting_date():
    kallelse = ("YSTADS KOMMUN\nKommunala pensionärsrådet\n\nKALLELSE\n\nDatum för utskick: 2018-09-20\n\n"
                "Ledamöterna kallas till sammanträde torsdagen den 4 oktober 2018 kl. 14.00 i Stadshuset.\n" + ITEMS)
    assert date_of(kallelse) == dt.date(2018, 10, 4)
    web = "Kommunstyrelsen\nPublicerad 2020-06-09\nSammanträde 2020-06-08\n" + NOTES
    assert date_of(web) == dt.date(2020, 6, 8)


def test_date_split_across_a_line_break():
    proto = ("HÄRNÖSANDS KOMMUN                       PROTOKOLL 1/96\nKommunfullmäktige\n\n"
             "PROTOKOLL fört vid sammanträde med kommunfullmäktige måndagen den 26\n"
             "februari 1996 kl 18.30 - 22.10 i Rådhussalen.\n" + ITEMS)
    assert date_of(proto) == dt.date(1996, 2, 26)
    notes = "Ledningsgruppen\nMötet hölls den 3\nmars 2021 i Teams.\n" + NOTES
    assert date_of(notes) == dt.date(2021, 3, 3)



@pytest.mark.parametrize("text, date", [
    # a label before the date, a time of day, a body in a title: the meeting's own date
    ("Protokoll\nTid och plats: Tisdagen den 14 mars 2023, kl. 13.00–15.30 i Kommunhuset, Sal B.\n" + NOTES, dt.date(2023, 3, 14)),
    ("Styrelsemöte\nTid: Onsdagen den 15 mars 2023 klockan 18.00 hemma hos Anna Ek i Kolbäck.\n" + NOTES, dt.date(2023, 3, 15)),
    ("Hudiksvalls kommun\nBeslut i korthet från kommunfullmäktige den 14 mars 2023 i Stadshuset i Hudiksvall.\n" + NOTES,
     dt.date(2023, 3, 14)),
    ("Utdrag ur protokollet från kommunstyrelsens sammanträde 2023-03-14\n" + NOTES, dt.date(2023, 3, 14)),
])
def test_the_meetings_own_date_in_a_sentence_is_kept(text, date):
    assert date_of(text) == date


@pytest.mark.parametrize("text", [
    "Protokoll 2023-03-14" + _PRESENT + "§ 1 Yttrande\nYttrande lämnas till MILJÖ- OCH MYNDIGHETSNÄMNDEN.\n",
    "Protokoll 2023-03-14" + _PRESENT + "§ 2 ORGANISATIONSKOMMITTÉN\nText här.\n",
])
def test_a_label_inside_a_word_in_capitals_names_no_body(text):
    assert body_of(text) is None
