"""Unit tests for the segmenter: one rule per test, on short Swedish snippets of every genre."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Document
from kg.segment import find_date, find_time_range, fold, parse_people, segment


def doc(text: str, name: str = "snippet.txt") -> Document:
    return Document(identifier=name, path=name, text=text, media_type="text/plain", sha256="0")


def names(refs) -> list[str]:
    return [" ".join(r.name.split()) for r in refs]


# --- dates and times -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("2020-03-13", None, dt.date(2020, 3, 13)),
        ("Tisdagen den 4 feb 2020, 13.00 -16.00", None, dt.date(2020, 2, 4)),
        ("Ledningsgrupp för utveckling 15 juni 2017", None, dt.date(2017, 6, 15)),
        ("Helsingborg 220422", None, dt.date(2022, 4, 22)),
        ("Sammanträdesdatum 19 maj 2011", None, dt.date(2011, 5, 19)),
        ("Mötet genomfördes den 22 april kl 09.00-12.00", 2022, dt.date(2022, 4, 22)),
        ("Mötet genomfördes den 22 april kl 09.00-12.00", None, None),  # no year stated: no date
        ("Telefon 042-10 50 00", None, None),
        ("Helsingborg 221399", None, None),  # not a valid date
    ],
)
def test_find_date(text, year, expected):
    found = find_date(text, year)
    assert (found[0] if found else None) == expected


def test_find_date_offsets_quote_the_text():
    text = "Tisdagen den 4 feb 2020, 13.00 -16.00"
    d, a, b = find_date(text)
    assert text[a:b] == "4 feb 2020"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tisdagen den 4 feb 2020, 13.00 -16.00", ("13:00", "16:00")),
        ("Mötet genomfördes den 22 april kl 09.00-12.00 på Mindpark", ("09:00", "12:00")),
        ("Rådhuset, kl. 13.00–15.30", ("13:00", "15:30")),
        ("Tid: kl 9.30", ("09:30", None)),
        ("Plats: Jupiter", (None, None)),
    ],
)
def test_find_time_range(text, expected):
    assert find_time_range(text) == expected


# --- people lists ----------------------------------------------------------------------------------

def test_comma_list_with_wrapped_names_and_secretary():
    text = "Tony Mufic, Karin Gerken, Mats\nNilsson, Lila Ericsson (sekr.)"
    people = parse_people(text, 0, "attendee")
    assert names(r for r, _ in people) == ["Tony Mufic", "Karin Gerken", "Mats Nilsson", "Lila Ericsson"]
    assert [role for _, role in people] == ["attendee", "attendee", "attendee", "minute_taker"]


def test_line_list_name_with_town_is_affiliation():
    text = "Palle Lundberg, Helsingborg\nCarina Leffler, Landskrona\nJohan Lindberg, sekretariatet"
    people = parse_people(text, 0, "attendee")
    assert [(r.name, r.affiliation.text) for r, _ in people] == [
        ("Palle Lundberg", "Helsingborg"), ("Carina Leffler", "Landskrona"), ("Johan Lindberg", "sekretariatet"),
    ]


def test_struck_through_names_are_absent():
    text = "~~Christer Pålsson, Bjuv~~\n\nPalle Lundberg, Helsingborg"
    people = parse_people(text, 0, "attendee")
    assert [(r.name, role) for r, role in people] == [("Christer Pålsson", "absentee"), ("Palle Lundberg", "attendee")]


def test_party_letters_and_chair_role():
    people = parse_people("Peter Danielsson (M), ordförande\nDalibor Kuzmanovic (S)", 0, "attendee")
    assert [(r.name, r.party, role) for r, role in people] == [
        ("Peter Danielsson", "M", "chair"), ("Dalibor Kuzmanovic", "S", "attendee"),
    ]


def test_shared_affiliation_after_ampersand_applies_to_both():
    people = parse_people("Emma Krantz & Rebecca Lundin, SOF", 0)
    assert [(r.name, r.affiliation.text) for r, _ in people] == [("Emma Krantz", "SOF"), ("Rebecca Lundin", "SOF")]


def test_parenthesised_affiliation_binds_to_its_own_name():
    people = parse_people("Jenny Ejlertsson, Richard Person(KC)", 0)
    assert [(r.name, r.affiliation.text if r.affiliation else None) for r, _ in people] == [
        ("Jenny Ejlertsson", None), ("Richard Person", "KC"),
    ]


def test_och_inside_an_organisation_name_is_not_a_separator():
    people = parse_people("Karin Berg, Vård- och omsorgsförvaltningen", 0)
    assert [(r.name, r.affiliation.text) for r, _ in people] == [("Karin Berg", "Vård- och omsorgsförvaltningen")]


@pytest.mark.parametrize("text", ["Marie Johnsson (L) ersätter Maria Winberg Nordström (L)",
                                  "Marie Johnsson (L) för Maria Winberg Nordström (L)"])
def test_substitute_is_present_and_the_member_replaced_absent(text):
    people = parse_people(text, 0, "attendee")
    assert [(r.name, role) for r, role in people] == [("Marie Johnsson", "attendee"), ("Maria Winberg Nordström", "absentee")]


def test_role_after_party_without_comma():
    people = parse_people("Conny Axelsson (M) ordförande\nPer Strömberg (KD) vice ordförande", 0, "attendee")
    assert [(r.name, r.party, role) for r, role in people] == [("Conny Axelsson", "M", "chair"), ("Per Strömberg", "KD", "attendee")]


def test_absence_note_in_parentheses():
    people = parse_people("Susanne Lundberg, Annette Holm Persson (sem)", 0, "absentee")
    assert [(r.name, role) for r, role in people] == [("Susanne Lundberg", "absentee"), ("Annette Holm Persson", "absentee")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AÅÖabcåäö ,;&()~\n-.SM")), max_size=80))
def test_parse_people_spans_always_quote_the_text(text):
    for ref, _ in parse_people(text, 0, "attendee"):
        assert text[ref.span.start:ref.span.end] == ref.span.text
        if ref.affiliation:
            assert text[ref.affiliation.start:ref.affiliation.end] == ref.affiliation.text


# --- whole documents ---------------------------------------------------------------------------------

LG_NOTES = """Skol- och fritidsförvaltningen

Helsingborgs stads skolors ledningsgrupp

Tisdagen den 4 feb 2020, 13.00 -16.00
Plats: Jupiter

Deltagare: Tony Mufic, Karin Gerken, Mats Nilsson, Marie Krantz (sekr.)

Frånvarande: Susanne Fras

Information
1. Återkoppling från grupper

Styrgruppen har träffats.

2. Skolval - Utfall
Föredragande Mats Nilsson

Mats gav en uppdatering av skolvalet.

4, Kort, kort
Föredragande: Karin Gerken och Tony Mufic

Beslut: Ledningsgruppen tog beslut om att vi kommer tacka ja.
Karin återkopplar till gruppen.

Vid anteckningarna/Marie Krantz
"""


def test_ledningsgrupp_notes_header():
    m = segment(doc(LG_NOTES))
    assert m.is_minutes
    assert m.body.text == "Helsingborgs stads skolors ledningsgrupp"
    assert m.parent.text == "Skol- och fritidsförvaltningen"
    assert m.date == dt.date(2020, 2, 4)
    assert (m.start_time, m.end_time) == ("13:00", "16:00")
    assert m.location.text == "Jupiter"


def test_ledningsgrupp_notes_attendance():
    m = segment(doc(LG_NOTES))
    assert names(m.attendees) == ["Tony Mufic", "Karin Gerken", "Mats Nilsson", "Marie Krantz"]
    assert names(m.absentees) == ["Susanne Fras"]
    assert set(names(m.minute_takers)) == {"Marie Krantz"}


def test_numbered_items_with_ocr_comma_and_section_label():
    m = segment(doc(LG_NOTES))
    assert [(i.ordinal, i.title) for i in m.items] == [
        (1, "Återkoppling från grupper"), (2, "Skolval - Utfall"), (4, "Kort, kort"),
    ]
    assert all(i.section == "Information" for i in m.items)


def test_presenter_lines_with_and_without_colon():
    m = segment(doc(LG_NOTES))
    assert names(m.items[1].presenters) == ["Mats Nilsson"]
    assert names(m.items[2].presenters) == ["Karin Gerken", "Tony Mufic"]


def test_inline_decision_keeps_the_decision_sentence_only():
    m = segment(doc(LG_NOTES))
    assert [d.text for d in m.items[2].decisions] == ["Ledningsgruppen tog beslut om att vi kommer tacka ja."]


PROTOKOLL = """PROTOKOLL
Kommunstyrelsens arbetsutskott

Sammanträdesdatum 2021-03-16

Tid och plats: Rådhuset, sammanträdesrum Kärnan, kl. 13.00–15.30

Beslutande
Peter Danielsson (M), ordförande
Dalibor Kuzmanovic (S)
Tjänstgörande ersättare
Marie Johnsson (L) ersätter Maria Winberg Nordström

Övriga närvarande
Johan Wandt, sekreterare

Justerare
Dalibor Kuzmanovic

§ 74 Dnr KS 2021/123
Val av justerare
Beslut
Kommunstyrelsens arbetsutskott beslutar
att utse Dalibor Kuzmanovic att jämte ordföranden justera protokollet.

§ 75 Dnr KS 2020/987
Ansökan om medel för klimatprojektet
Föredragande: Lisa Eriksson, miljöstrateg

Beslut
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta
att bevilja 500 000 kronor till projektet,
att uppdra åt stadsledningsförvaltningen att återrapportera i december 2021.

Reservation
Dalibor Kuzmanovic (S) reserverar sig mot beslutet.

Vid protokollet
Johan Wandt

Peter Danielsson
ordförande
"""


def test_protokoll_header_and_roles():
    m = segment(doc(PROTOKOLL))
    assert m.body.text == "Kommunstyrelsens arbetsutskott"
    assert m.date == dt.date(2021, 3, 16)
    assert m.location.text == "Rådhuset, sammanträdesrum Kärnan"
    assert set(names(m.attendees)) >= {"Peter Danielsson", "Dalibor Kuzmanovic", "Marie Johnsson", "Johan Wandt"}
    assert "Maria Winberg Nordström" not in names(m.attendees)
    assert set(names(m.chairs)) == {"Peter Danielsson"}
    assert set(names(m.minute_takers)) == {"Johan Wandt"}
    assert set(names(m.adjusters)) == {"Dalibor Kuzmanovic"}


def test_protokoll_paragraph_items_with_diarienummer():
    m = segment(doc(PROTOKOLL))
    assert [(i.ordinal, i.title, i.identifier) for i in m.items] == [
        (74, "Val av justerare", "KS 2021/123"),
        (75, "Ansökan om medel för klimatprojektet", "KS 2020/987"),
    ]
    assert names(m.items[1].presenters) == ["Lisa Eriksson"]


def test_protokoll_att_clauses_are_decisions():
    m = segment(doc(PROTOKOLL))
    assert [d.text for d in m.items[0].decisions] == [
        "att utse Dalibor Kuzmanovic att jämte ordföranden justera protokollet."
    ]
    # an att-list is one decision, with its lead-in
    assert [d.text for d in m.items[1].decisions] == [
        "Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att bevilja 500 000 kronor till projektet, "
        "att uppdra åt stadsledningsförvaltningen att återrapportera i december 2021.",
    ]
    assert not m.decisions


MARKDOWN_NOTES = """# Minnesanteckningar Styrgruppen för Trygg i Helsingborg

**Datum:** 2023-09-12
**Plats:** Stadshuset, rum Öresund

## Närvarande
- Anna Svensson, SOF (ordförande)
- Erik Lind, polisen

## Frånvarande
- Karin Berg, Vård- och omsorgsförvaltningen

## 1. Lägesbild
Erik Lind informerar om lägesbilden i stadens centrum.

## 2. Sommarlovsaktiviteter
Anna Svensson redogör för sommarens aktiviteter.

**Beslut:** Styrgruppen beslutar att fortsätta satsningen även 2024.
"""


def test_markdown_notes():
    m = segment(doc(MARKDOWN_NOTES, "notes.md"))
    assert m.body.text == "Styrgruppen för Trygg i Helsingborg"
    assert m.date == dt.date(2023, 9, 12)
    assert m.location.text == "Stadshuset, rum Öresund"
    assert names(m.attendees) == ["Anna Svensson", "Erik Lind"]
    assert names(m.chairs) == ["Anna Svensson"]
    assert [(r.name, r.affiliation.text) for r in m.absentees] == [("Karin Berg", "Vård- och omsorgsförvaltningen")]
    assert [i.title for i in m.items] == ["Lägesbild", "Sommarlovsaktiviteter"]


def test_presenter_from_opening_sentence_when_no_presenter_lines():
    m = segment(doc(MARKDOWN_NOTES, "notes.md"))
    assert names(m.items[0].presenters) == ["Erik Lind"]
    assert names(m.items[1].presenters) == ["Anna Svensson"]
    assert [d.text for d in m.items[1].decisions] == ["Styrgruppen beslutar att fortsätta satsningen även 2024."]


TIMED = """Kommundirektörmöte i Familjen Helsingborg

Plats och tid: Mötet genomfördes den 22 april 2022 kl 09.00-12.00 på Mindpark Helsingborg.

Närvarande:

Palle Lundberg, Helsingborg

~~Tomas Rikse, Klippan~~

09.00 Mötets öppnande

09.40 **Att rigga för innovation**

Lisa Olsson berättade om innovationsarbetet.

Beslut

att tacka för informationen.

Kommundirektörmöte i Familjen Helsingborg

Försöksverksamhet arbetsmarknad

Palle Lundberg berättade om utredningen och vad som händer härnäst i arbetet.

Palle Lundberg
ordförande
"""


def test_timed_items_plain_heading_and_repeated_page_header():
    m = segment(doc(TIMED))
    assert [(i.time, i.title) for i in m.items] == [
        ("09:00", "Mötets öppnande"), ("09:40", "Att rigga för innovation"), (None, "Försöksverksamhet arbetsmarknad"),
    ]
    assert m.location.text == "Mindpark Helsingborg"
    assert names(m.absentees) == ["Tomas Rikse"]
    assert names(m.chairs) == ["Palle Lundberg"]
    assert [d.text for d in m.items[1].decisions] == ["att tacka för informationen."]


def test_unnumbered_headings_and_no_date_is_not_invented():
    text = """Ledningsgrupp för utveckling

Närvarande

Anna Berg
Bo Pettersson (antecknar)

Hälsa

Vi vill fortsätta med en arbetsgrupp om hälsa till hösten och bjuda in fler.

Höstens schema

Det räcker om vi träffas en gång i månaden, första torsdagen i månaden.
"""
    m = segment(doc(text))
    assert m.date is None and m.location is None
    assert [i.title for i in m.items] == ["Hälsa", "Höstens schema"]
    assert all(i.ordinal is None for i in m.items)
    assert names(m.minute_takers) == ["Bo Pettersson"]


def test_text_that_is_not_minutes_gives_no_meeting():
    m = segment(doc("Det här är ett vanligt brev om väder och vind. Vi hörs snart.\n"))
    assert not m.is_minutes
    assert m.issues


def test_body_from_the_deciding_group_when_the_header_has_none():
    text = "Deltagare: Anna Berg, Bo Ek\n\n1. Planen\n\nLedningsgruppen beslutar att godkänna planen.\n\n2. Övrigt\n\nInget.\n"
    assert segment(doc(text)).body.text == "Ledningsgruppen"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_segment_never_raises_and_spans_quote_the_text(text):
    m = segment(doc(text))
    spans = [s for s in (m.title, m.body, m.parent, m.location, m.date_span) if s]
    for refs in (m.attendees, m.absentees, m.minute_takers, m.chairs, m.adjusters):
        spans += [r.span for r in refs]
    for it in m.items:
        spans += [it.title_span, it.span, *it.subtitles, *(p.span for p in it.presenters), *(d.span for d in it.decisions)]
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_fold_keeps_length():
    for s in ["Föredragande", "Frånvarande", "Skol - och fritidsférvaltningen", "Ærø ß"]:
        assert len(fold(s)) == len(s)


def test_jav_marks_the_person_as_recused():
    text = """Protokoll Socialnämnden 2022-05-04

Beslutande
Anna Berg (S), ordförande
Erik Holm (M)

§ 12
Upphandling av hemtjänst
Jäv
Erik Holm (M) anmäler jäv och deltar inte i handläggningen av ärendet.
Beslut
att anta anbudet.

§ 13
Övriga frågor
Inga.
"""
    m = segment(doc(text))
    assert names(m.items[0].recused) == ["Erik Holm"]
    assert not m.items[1].recused


def test_web_copy_of_a_pdf_protokoll():
    """Text copied from a web page showing a PDF: viewer boilerplate, page headers on every page,
    labels without colons and a signature block with the role above the name."""
    path = Path(__file__).parent.parent / "data" / "layouts" / "web_copy_of_pdf_protokoll.txt"
    m = segment(doc(path.read_text(encoding="utf-8"), path.name))
    assert m.date == dt.date(2019, 5, 14)
    assert (m.start_time, m.end_time) == ("14:00", "16:30")
    assert m.location.text == "Stadshuset, Sessionssalen"
    assert names(m.attendees) == ["Anna Andersson", "Bengt Berg", "Cecilia Ceder", "David Dahl", "Eva Ek",
                                  "Fredrik Fors", "Gunilla Gran"]
    assert set(names(m.chairs)) == {"Anna Andersson"}
    assert set(names(m.minute_takers)) == {"Gunilla Gran"}
    assert set(names(m.adjusters)) == {"Bengt Berg"}
    assert [(i.ordinal, i.title, i.identifier) for i in m.items] == [
        (45, "Godkännande av dagordning", "KS 2019/0012"),
        (46, "Årsredovisning 2018 för Räddningstjänsten Syd", "KS 2019/0099"),
        (47, "Medborgarförslag om fler parkbänkar", "KS 2019/0101"),
    ]
    assert [len(i.decisions) for i in m.items] == [1, 1, 1]   # an att-list is one decision
    assert m.items[1].decisions[0].text == ("Kommunstyrelsen föreslår kommunfullmäktige besluta att godkänna "
                                            "årsredovisningen, att bevilja direktionen ansvarsfrihet för 2018.")
    # page headers repeated on pages 2 and 3 are neither sub-topics nor sections nor decisions
    assert all(not i.subtitles and i.section is None for i in m.items)
    assert all("PROTOKOLL" not in d.text and "Sammanträdesdatum" not in d.text for i in m.items for d in i.decisions)


@pytest.mark.parametrize("label, role", [("Franvarande", "absentees"), ("6vriga deltagare", "attendees"),
                                         ("Närvarande", "attendees"), ("NARVARANDE", "attendees")])
def test_ocr_damaged_labels(label, role):
    m = segment(doc(f"Ledningsgruppen 2020-01-01\n\n{label}: Anna Berg, Bo Ek\n\n1. Start\n\nText här.\n"))
    assert names(getattr(m, role)) == ["Anna Berg", "Bo Ek"]


@pytest.mark.parametrize("heading, ordinal, title", [
    ("§ 74 Val av justerare", 74, "Val av justerare"),
    ("§74 Val av justerare", 74, "Val av justerare"),
    ("KSAU 176 Detaljplan för Skogsbacken", 176, "Detaljplan för Skogsbacken"),
    ("§ 75 Dnr KS 2020/987 Ansökan om medel", 75, "Ansökan om medel"),
])
def test_paragraph_headings(heading, ordinal, title):
    nxt = heading.replace(str(ordinal), str(ordinal + 1), 1).split(" ", 2)
    text = f"Kommunstyrelsens arbetsutskott 2021-03-16\n\n{heading}\nText om ärendet.\n\n{nxt[0]} {nxt[1]} Övriga frågor\nInga.\n"
    m = segment(doc(text))
    assert (m.items[0].ordinal, m.items[0].title) == (ordinal, title)
    assert m.items[1].ordinal == ordinal + 1


def test_chair_marked_in_the_list_with_motesordf():
    m = segment(doc("Nätverksträff 2020-05-05\n\nDeltagare: Anna Berg (mötesordf.), Bo Ek, Cia Lund (sekr.)\n\n1. Start\n\nText.\n"))
    assert names(m.chairs) == ["Anna Berg"] and names(m.minute_takers) == ["Cia Lund"]
    assert names(m.attendees) == ["Anna Berg", "Bo Ek", "Cia Lund"]
