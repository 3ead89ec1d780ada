"""Attendance rules: cover-page columns, group headings, presence tables, substitutes, notes,
Markdown lists. Each rule on snippets of at least two genres (formal protokoll, working notes)."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import parse_people, segment


def doc(text: str) -> Document:
    return Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")


def people(text: str) -> tuple[set[str], set[str]]:
    m = segment(doc(text))
    for r in (*m.attendees, *m.absentees):
        assert text[r.span.start:r.span.end] == r.span.text
    return {r.name for r in m.attendees}, {r.name for r in m.absentees}


COVER_PAGE = """\
Plats och tid           Kommunhuset, kl. 13:00-16:45

Beslutande              Ledamöter
                        Bengt-Åke Nordin (S), ordförande
                        Lena Wiberg (S), ej § 115
                        Stefan Eklund (SD)

                        Tjänstgörande ersättare
                        Jörgen Tell (S) för Kristina Alm (S)
                        Erik Sandqvist (S) § 115

Övriga närvarande       Ersättare
                        Sanna Hörberg (MP)

                        Tjänstepersoner
                        Niklas Brandt, bygglovshandläggare §§ 113-115
                        Louise Dahl, nämndsekreterare

Utses att justera       Stefan Eklund (SD)
"""

WORKING_NOTES_COLUMNS = """\
Minnesanteckningar styrgrupp 2021-03-02

Närvarande      Ledamöter
                Anna Berg, Vård- och omsorgsförvaltningen §§ 1-3
                Mikael Forsberg (S), tjänstgörande ersättare för Anneli Karlsson (S)
Övriga          Tjänstepersoner
                Per Ek, controller

1. Ekonomi
"""


def test_cover_page_columns_with_sub_headings():
    att, absent = people(COVER_PAGE)
    assert att == {"Bengt-Åke Nordin", "Lena Wiberg", "Stefan Eklund", "Jörgen Tell", "Erik Sandqvist",
                   "Sanna Hörberg", "Niklas Brandt", "Louise Dahl"}
    assert absent == {"Kristina Alm"}


def test_working_notes_columns_substitute_in_capacity_note():
    att, absent = people(WORKING_NOTES_COLUMNS)
    assert att == {"Anna Berg", "Mikael Forsberg", "Per Ek"}
    assert absent == {"Anneli Karlsson"}


def test_paragraph_notes_are_not_affiliations():
    m = segment(doc(COVER_PAGE))
    affs = {r.name: r.affiliation.text if r.affiliation else None for r in m.attendees}
    assert affs["Niklas Brandt"] == "bygglovshandläggare"
    assert affs["Lena Wiberg"] is None


PRESENCE_TABLE = """\
NÄRVARO- OCH VOTERINGSLISTA
                                                                        Votering
Ledamöter                     Närv.   Frånv.   Tjänstgörande ersättare   Ja   Nej
Anna Holmberg (S) ordf.        X                                          X
Patrik Lindroos (M) 1:e v ordf X                                               X
Marie Selander (MP) 2:e v ordf         X        Hugo Ekström (MP)         X
Jan Persson (M)                        X        Elsa Persson (M)               X
Mohammed Kassem (V) §§ 45–49   X                Sofie Björk (V) §§ 50–52  X
Leif Åkesson (KD)                      X        -
                                                                   Summa  3    2
Ersättare                     Närv.   Anmält förhinder
Hugo Ekström (MP)              X (tjg)
Karl-Johan Lööf (S)                    X
Yvonne Strid (SD)              X
"""

VOTE_LIST = """\
Bilaga 1  NÄRVARO- OCH OMRÖSTNINGSLISTA
                                     Tjänstgörande              § 213
Ledamöter                 Parti Närv. ersättare         Parti   Ja  Nej  Avstår
Gunnar Åberg, ordf.        S    X                               X
Anneli Karlsson            S    -    Maj Fredriksson         S   X
Leif Sandberg §§ 205-210   S    X    Ingrid Moberg §§ 211-218 S  X
Nils Öhman                 SD   -    Kristina Bäck           SD      X
"""

MARKS_FIRST = """\
Närvarolista
Ledamöter                                       Ersättare
Närv. Namn                                      Närv. Namn
X     Lisa Bengtsson (S), ordförande            X     Mona Ljung (S)
X*    Nadia Amini (S)                                 Stig Wallén (M), anmält förhinder
-     Björn Kvist (S), ersätts av Mona Ljung    X     Pontus Sand (SD)
X*    Tove Lindahl (L), §§ 1-4
"""


@pytest.mark.parametrize("text, present, absent", [
    (PRESENCE_TABLE,
     {"Anna Holmberg", "Patrik Lindroos", "Hugo Ekström", "Elsa Persson", "Mohammed Kassem", "Sofie Björk", "Yvonne Strid"},
     {"Marie Selander", "Jan Persson", "Leif Åkesson", "Karl-Johan Lööf"}),
    (VOTE_LIST,
     {"Gunnar Åberg", "Maj Fredriksson", "Leif Sandberg", "Ingrid Moberg", "Kristina Bäck"},
     {"Anneli Karlsson", "Nils Öhman"}),
    (MARKS_FIRST,
     {"Lisa Bengtsson", "Mona Ljung", "Nadia Amini", "Pontus Sand", "Tove Lindahl"},
     {"Stig Wallén", "Björn Kvist"}),
])
def test_presence_tables(text, present, absent):
    att, abs_ = people(text)
    assert att == present
    assert abs_ == absent


def test_vote_columns_make_no_people():
    att, absent = people(VOTE_LIST)
    assert not any(n in ("Ja", "Nej", "Avstår", "Summa") for n in att | absent)


@pytest.mark.parametrize("text, present, absent", [
    ("Örjan Jönsson (MP) för Claes Larsson (MP)", ["Örjan Jönsson"], ["Claes Larsson"]),
    ("Marie Johnsson (L) ersätter Maria Winberg", ["Marie Johnsson"], ["Maria Winberg"]),
    ("Karin Berg (S) tjg för Per Olsson (S)", ["Karin Berg"], ["Per Olsson"]),
    ("Björn Kvist (S) ersätts av Mona Ljung (S)", ["Mona Ljung"], ["Björn Kvist"]),
    ("Mikael Forsberg (S), tjänstgörande ersättare för Anneli Karlsson (S)", ["Mikael Forsberg"], ["Anneli Karlsson"]),
    ("Stig Wallén (M), anmält förhinder", [], ["Stig Wallén"]),
    ("Mats Labba (förhinder, ersattes av ekonomichef)", [], ["Mats Labba"]),
])
def test_substitutes_and_absence_notes(text, present, absent):
    got = parse_people(text, 0, "attendee")
    assert [r.name for r, role in got if role == "attendee"] == present
    assert [r.name for r, role in got if role == "absentee"] == absent


MARKDOWN_NOTES = """\
# Minnesanteckningar – arbetsgrupp

## Närvarande
- **Amina Yusuf**, elevhälsochef (ordförande)
- **Jonas Lidström**, rektor Storvretsskolan
- @Erik Blom (Gävle kommun, Gävle stadsbibliotek)
- Gustav Wretling, Internetstiftelsen (gäst, punkt 2)

## Frånvarande
- Mikael Torstensson, BUP Södertälje (Region Stockholm)

### Punkt 1: Föregående anteckningar
"""


def test_markdown_bullets_bold_and_handles():
    att, absent = people(MARKDOWN_NOTES)
    assert att == {"Amina Yusuf", "Jonas Lidström", "Erik Blom", "Gustav Wretling"}
    assert absent == {"Mikael Torstensson"}


def test_comma_inside_parentheses_is_no_separator():
    got = parse_people("Erik Blom (Gävle kommun, Gävle stadsbibliotek)\nNora Bäckman (Vuxenskolan)", 0, "attendee")
    assert [r.name for r, _ in got] == ["Erik Blom", "Nora Bäckman"]
    assert got[0][0].affiliation.text == "Gävle kommun, Gävle stadsbibliotek"


@pytest.mark.parametrize("text, present", [
    ("Närvarande kommunchefer\nArjeplog – Per-Ola Lindgren\nBoden – Claes Nordmark\n\n09.00 Inledning\n",
     {"Per-Ola Lindgren", "Claes Nordmark"}),
    ("Protokoll MBL-förhandling\n\nArbetsgivarföreträdare\nKarin Lund, HR-chef\nOlof Berg, förvaltningschef, Barn- och utbildningsförvaltningen\n"
     "\nArbetstagarföreträdare\nJonny Ståhl, Kommunal\n\n§ 1 Information\n",
     {"Karin Lund", "Olof Berg", "Jonny Ståhl"}),
])
def test_group_headings_without_colon(text, present):
    att, _ = people(text)
    assert att == present


def test_one_line_with_two_commas_keeps_line_mode():
    text = "Anna Berg, utvecklingsledare, Region Dalarna med ett långt namn på enheten\nPer Ek, Falu kommun\nLisa Holm, rektor"
    got = parse_people(text, 0, "attendee")
    assert [r.name for r, _ in got] == ["Anna Berg", "Per Ek", "Lisa Holm"]


def affiliations(text: str) -> dict[str, str | None]:
    m = segment(doc(text))
    return {r.name: r.affiliation.text if r.affiliation else None for r in m.attendees}


@pytest.mark.parametrize("text, want", [
    # a regional network: "Municipality – Name", one a line
    ("Närvarande kommunchefer\nArjeplog – Per-Ola Lindgren\nPiteå – Magnus Holmström\nÄlvsbyn – Tomas Granström\n\n09.00 Inledning\n",
     {"Per-Ola Lindgren": "Arjeplog", "Magnus Holmström": "Piteå", "Tomas Granström": "Älvsbyn"}),
    # a regional collaboration group's protokoll: "Organisation – Name"
    ("Deltagare:\nRegion Dalarna – Anna Ek\nFalu kommun – Per Lind\n\n§ 1 Mötets öppnande\n",
     {"Anna Ek": "Region Dalarna", "Per Lind": "Falu kommun"}),
])
def test_leading_affiliation_belongs_to_the_name_after_the_dash(text, want):
    assert affiliations(text) == want


@pytest.mark.parametrize("text, person", [
    ("Inbjudna\nIngrid Vikström, utvecklingsdirektör, Region Norrbotten (kl. 09.20–10.30)\n\n09.00 Inledning\n", "Ingrid Vikström"),
    ("Övriga närvarande\nLena Ek, planarkitekt, Länsstyrelsen i Kalmar län (§ 5)\n\n§ 1 Mötets öppnande\n", "Lena Ek"),
])
def test_an_organisation_with_a_time_or_paragraph_note_is_no_person(text, person):
    present, _ = people(text)
    assert present == {person}


@pytest.mark.parametrize("text, present, absent, affiliation", [
    # a regional collaboration group's protokoll: "Organisation, unit – Name, title"
    ("Närvarande\nRegion Dalarna – Lena Sandberg, divisionschef (ordförande)\n"
     "Polisen, polisområde Dalarna – Annika Lundin, samordnare\n\nEj närvarande\nAvesta kommun – Stefan Nyberg\n\n§ 1 Mötets öppnande\n",
     {"Lena Sandberg", "Annika Lundin"}, {"Stefan Nyberg"}, {"Annika Lundin": "Polisen, polisområde Dalarna"}),
    # a network's working notes: an administration not in the gazetteer before the dash
    ("Minnesanteckningar 2021-05-04\n\nDeltagare:\nSocialförvaltningen – Anna Ek\nKultur och fritid – Per Lind, enhetschef\n\n1. Inledning\n",
     {"Anna Ek", "Per Lind"}, set(), {"Anna Ek": "Socialförvaltningen"}),
])
def test_organisation_dash_name_with_title(text, present, absent, affiliation):
    att, abs_ = people(text)
    assert att == present and abs_ == absent
    got = affiliations(text)
    assert all(got[k] == v for k, v in affiliation.items())


@pytest.mark.parametrize("text, present", [
    # an association's board protokoll: abbreviated titles after the names
    ("Närvarande: Sture Ohlin, ordf.\n            Birgitta Mattsson, sekr.\n            Leif Ågren, kassör\n"
     "            Ingrid Ohlin\n\n§ 1. Mötets öppnande\n",
     {"Sture Ohlin", "Birgitta Mattsson", "Leif Ågren", "Ingrid Ohlin"}),
    # a working group's notes
    ("Deltagare\nKarin Ek, v. ordf.\nLars Ström, adj.\nMaria Holm\n\n1. Föregående anteckningar\n",
     {"Karin Ek", "Lars Ström", "Maria Holm"}),
])
def test_abbreviated_title_after_a_name_keeps_the_list(text, present):
    att, _ = people(text)
    assert att == present


@pytest.mark.parametrize("text, present", [
    ("Närvarande styrelseledamöter\nBertil Ek (S), ordförande\n\nArbetstagarrepresentant\nRolf Grankvist, Kommunal\n\n§ 71 Öppnande\n",
     {"Bertil Ek", "Rolf Grankvist"}),
    ("Minnesanteckningar samverkansgrupp\n\nArbetsgivarsidan\nKarin Lund, HR-chef\n\nPersonalrepresentanter\nOla Berg, Vision\n\n1. Information\n",
     {"Karin Lund", "Ola Berg"}),
])
def test_staff_representative_headings(text, present):
    att, _ = people(text)
    assert att == present


ORG_TABLE = """\
Deltagare
Organisation                         Ledamot                      Närv.  Ersättare            Närv.
Kommunstyrelsen                      Anita Wikström (M), ordf.    Ja
Samhällsbyggnadsnämnden              Ulf Nygren (L)               Nej    Malin Thor (S)       Ja
Autism- och Aspergerföreningen       Josefin Hammar               Ja
Halland
FUB Halmstad                         Lars Gunnarsson              Nej    Ewa Gunnarsson       Nej

1. Inledning
"""

ORG_TABLE_PROTOKOLL = """\
Närvarolista
Förening                  Ledamot                  Närv.   Frånv.
PRO Kalmar                Gun Ek                   X
SPF Seniorerna            Bo Lind                          X
Kalmar läns
pensionärsförbund         Stina Holm               X

§ 1 Mötets öppnande
"""


@pytest.mark.parametrize("text, present, absent, org", [
    (ORG_TABLE, {"Anita Wikström", "Malin Thor", "Josefin Hammar"}, {"Ulf Nygren", "Lars Gunnarsson", "Ewa Gunnarsson"},
     {"Anita Wikström": "Kommunstyrelsen", "Malin Thor": "Samhällsbyggnadsnämnden"}),
    (ORG_TABLE_PROTOKOLL, {"Gun Ek", "Stina Holm"}, {"Bo Lind"}, {"Gun Ek": "PRO Kalmar"}),
])
def test_presence_table_with_organisation_column_and_yes_no(text, present, absent, org):
    att, abs_ = people(text)
    assert att == present and abs_ == absent
    got = affiliations(text)
    assert all(got[k] == v for k, v in org.items())


OCR_TWO_COLUMNS = """\
Plats och tid Radhuset, sammantradesrum 2, kl 13.30-16.45

Beslutande Ovriga deltagande
Karl-Gustav Lindh (s) ordf Bengt Sj6gren, miljochef
Margit Stahl (m) v ordf Eva-Lena Hjelm, sekreterare
Ulla Sj6strom (s) Birgitta Wahlgren, halso-
Bo Fransson (fp) skyddsinspektor S 35
Gosta Hellberg (kds) tjg ers
for Elof Nyqvist (kds)
Inga Persson (v)

Utses att justera Margit Stahl
"""

TWO_COLUMNS_NOTES = """\
Minnesanteckningar presidieträff

Närvarande Övriga
Anna Berg (S) Per Ek, förvaltningschef
Lars Holm (M) Lisa Ström, nämndsekreterare

1. Ekonomi
"""


@pytest.mark.parametrize("text, present, absent", [
    (OCR_TWO_COLUMNS, {"Karl-Gustav Lindh", "Bengt Sjögren", "Margit Stahl", "Eva-Lena Hjelm", "Ulla Sjöstrom",
                       "Birgitta Wahlgren", "Bo Fransson", "Gosta Hellberg", "Inga Persson"}, {"Elof Nyqvist"}),
    (TWO_COLUMNS_NOTES, {"Anna Berg", "Per Ek", "Lars Holm", "Lisa Ström"}, set()),
])
def test_two_columns_read_into_one_line(text, present, absent):
    att, abs_ = people(text)
    assert att == present and abs_ == absent


@pytest.mark.parametrize("text, want", [
    # an OCR'd protokoll of the 1990s: lower-case party letters, a digit read for a letter
    ("Gunnar Lidell (s), ordf\nBirgitta 0hrstrom (s)\nRune Falth (fp)\nAnn-Marie Gron (s) tjg for Stig Carlsson (s)",
     {"Gunnar Lidell": "s", "Birgitta Ohrstrom": "s", "Rune Falth": "fp", "Ann-Marie Gron": "s", "Stig Carlsson": "s"}),
    # a presence list of today: "FI", "KDS"
    ("Ali Rezai (FI)\nEva Ek (KDS)\nPer Lind (S)", {"Ali Rezai": "FI", "Eva Ek": "KDS", "Per Lind": "S"}),
])
def test_party_letters_of_every_spelling(text, want):
    got = parse_people(text, 0, "attendee")
    assert {r.name: r.party for r, _ in got} == want
    assert all(r.affiliation is None for r, _ in got)


def test_digits_are_letters_only_inside_name_words():
    got = parse_people("Per Ek, rum 10\nKlas 1 Berg", 0, "attendee")
    assert [r.name for r, _ in got] == ["Per Ek"]


@pytest.mark.parametrize("text, present, absent", [
    # a municipal directors' network: a long note in parentheses names the stand-in
    ("Närvarande kommunchefer\nLuleå – Mikael Lövgren\nPajala – Ann-Louise Keisu (förhinder, ersattes av ekonomichef Tore Mäki)\n\n09.00 Inledning\n",
     {"Mikael Lövgren", "Tore Mäki"}, {"Ann-Louise Keisu"}),
    # a board protokoll
    ("Närvarande: Anna Berg (S), ordförande\nPer Ek (M) (anmält förhinder, ersätts av vice ordföranden Lisa Holm)\n\n§ 1 Öppnande\n",
     {"Anna Berg", "Lisa Holm"}, {"Per Ek"}),
])
def test_stand_in_named_in_a_long_absence_note(text, present, absent):
    att, abs_ = people(text)
    assert att == present and abs_ == absent


@pytest.mark.parametrize("text, present", [
    # a crisis management group's notes: "Name, title, Organisation" with a two-word organisation
    ("Närvarande:\nMarie Holm, kommundirektör (ordf.)\nLena Wik, socialchef\nEmma Lind, räddningschef, Räddningstjänsten Västervik\n\n1. Lägesbild\n",
     {"Marie Holm", "Lena Wik", "Emma Lind"}),
    # a steering group's notes: "Name, Organisation"
    ("Deltagare\nKarin Westman, socialdirektör (ordförande)\nTor Eklund, Vårdförbundet Jämtland\n\nPunkt 1 – Uppföljning\n",
     {"Karin Westman", "Tor Eklund"}),
])
def test_organisation_after_a_name_on_its_line_is_no_person(text, present):
    att, _ = people(text)
    assert att == present


# -- a row "Name title": a table of officials read as text, without a comma -------------------
@pytest.mark.parametrize("text, expected", [
    # a formal protokoll's cover page from PDF text
    ("SAMMANTRÄDESPROTOKOLL\nBarn- och utbildningsnämnden 2013-03-19\n"
     "Beslutande Leif Hedlund (S), ordförande\nKarin Sahlin (M)\nÖvriga deltagande\n"
     "Tjänstemän Marie Kvist förvaltningschef\nJan Boberg ekonom\nSusanne Frost kvalitetsstrateg 21\n"
     "Hans-Olov Lund rektor Marnässkolan 22\nUtses att justera Karin Sahlin\n\n§ 1 Val av justerare\n",
     {"Leif Hedlund", "Karin Sahlin", "Marie Kvist", "Jan Boberg", "Susanne Frost", "Hans-Olov Lund"}),
    # a ledningsgrupp's working notes
    ("Minnesanteckningar ledningsgrupp 2024-02-06\n\nNärvarande:\nAnna Ek enhetschef\n"
     "Per Lind controller\nSara Vik verksamhetsutvecklare 3-5\n\n1. Ekonomi\nPer Lind redovisar läget.\n",
     {"Anna Ek", "Per Lind", "Sara Vik"}),
])
def test_a_row_of_a_name_and_its_title_is_an_attendee(text, expected):
    attendees, _ = people(text)
    assert attendees == expected


@pytest.mark.parametrize("row", ["Anna Berg informerar om läget", "Per Lind och styrgruppen", "Anna Berg 2024"])
def test_a_name_before_words_that_are_no_title_is_no_row(row):
    from kg.segment.entries import name_then_title

    assert name_then_title(row) is None


def test_the_title_of_a_row_is_the_affiliation_without_its_paragraphs():
    refs = parse_people("Hans-Olov Lund rektor Marnässkolan 22\nBo Grahn teknisk chef 35, 39", 0)
    assert [(r.name, r.affiliation.text) for r, _ in refs] == [
        ("Hans-Olov Lund", "rektor Marnässkolan"), ("Bo Grahn", "teknisk chef")]


# -- a Markdown label in bold or italics with its list on the same line ------------------------
@pytest.mark.parametrize("text, present, absent", [
    # an arbetsgrupp's notes in Markdown
    ("# Arbetsgrupp klimatanpassning 2024-03-12\n\n**Närvarande:** Johanna Ekelund, Martin Persson\n\n"
     "**Förhinder:** Hans Ahlgren (Länsstyrelsen Skåne)\n\n## 1. Skyfallskartering\nMartin Persson redovisar.\n",
     {"Johanna Ekelund", "Martin Persson"}, {"Hans Ahlgren"}),
    # an association board's protokoll written in Markdown
    ("Styrelsemöte i Föreningen Hembygdsgården 2023-10-05\n\n*Närvarande*: Eva Lund (ordförande), Karl Ek, Åsa Berg\n"
     "__Frånvarande:__ Olle Strand\n\n§ 1 Mötets öppnande\nEva Lund öppnade mötet.\n",
     {"Eva Lund", "Karl Ek", "Åsa Berg"}, {"Olle Strand"}),
])
def test_a_markdown_label_in_bold_before_its_list(text, present, absent):
    att, abs_ = people(text)
    assert att == present and abs_ == absent


# -- guests, long labels, a label wrapped in its column, a side that is no person --------------
@pytest.mark.parametrize("text, present", [
    # a regional network's notes
    ("Anteckningar nätverk folkhälsa 2023-05-10\n\nDeltagare\nUlf Ahlin, Region Jämtland Härjedalen\n\nGäst\n"
     "Sofia Nilsson, Folkhälsomyndigheten (punkt 4)\n\n1. Inledning\nUlf Ahlin hälsade välkommen.\n",
     {"Ulf Ahlin", "Sofia Nilsson"}),
    # an association board's protokoll
    ("Styrelsemöte Föreningen Bygdegården 2023-09-01\n\nNärvarande: Eva Lund, Karl Ek\nGäster: Åsa Berg, Olle Strand\n\n"
     "§ 1 Mötets öppnande\nEva Lund öppnade mötet.\n", {"Eva Lund", "Karl Ek", "Åsa Berg", "Olle Strand"}),
])
def test_guests_are_attendees(text, present):
    assert people(text)[0] == present


@pytest.mark.parametrize("text, present", [
    # an MBL negotiation's protokoll: a long label, and its sides under the signatures
    ("PROTOKOLL MBL-förhandling 2022-03-01\n\nNärvarande för arbetstagarorganisationerna:\n"
     "Marita Gustavsson, Kommunal Sydost\nJonny Ståhl, Vision Västervik\n\n§ 1 Förhandlingens öppnande\n"
     "Förhandlingen öppnas.\n\nJusteras\n\nFör arbetsgivaren              För Kommunal Sydost\n"
     "Lena Wiklund                   Marita Gustavsson\n",
     {"Marita Gustavsson", "Jonny Ståhl", "Lena Wiklund"}),
    # a ledningsgrupp's notes with a long label
    ("Minnesanteckningar ledningsgrupp 2024-01-15\n\nNärvarande från förvaltningsledningen och enheterna: Anna Ek, Per Lind\n\n"
     "1. Ekonomi\nAnna Ek redovisar.\n", {"Anna Ek", "Per Lind"}),
])
def test_a_long_label_and_a_side_that_is_no_person(text, present):
    assert people(text)[0] == present


def test_a_cover_page_label_wrapped_in_its_column():
    text = ("SAMMANTRÄDESPROTOKOLL Socialnämnden 2019-05-21\n\n"
            " Beslutande               Anita Sundqvist (s), ordförande\n"
            "                          Lars Bergman (s)\n\n"
            " Ej tjänstgörande          Gunnel Larsson (s)\n"
            " ersättare                 Anders Nises (m)\n\n"
            "§ 61 Val av justerare\n")
    assert people(text)[0] == {"Anita Sundqvist", "Lars Bergman", "Gunnel Larsson", "Anders Nises"}


@pytest.mark.parametrize("text, present", [
    # kommunfullmäktige: the presence list is an appendix, the chair, secretary and justerare are named
    ("PROTOKOLL Kommunfullmäktige 1996-02-26\n\nNärvarande ledamöter: se bilaga A (närvarolista).\n\n"
     "Ordförande:     Gunnel Strand (s)\nSekreterare:    Bertil Wikström, kommunsekreterare\n"
     "Justerare:      Ingvar Sjöberg (s) och Marianne Ek (m)\n\n§ 1 Val av justerare\n",
     {"Gunnel Strand", "Bertil Wikström", "Ingvar Sjöberg", "Marianne Ek"}),
    # an association board: a short presence list and the justerare beside it
    ("Styrelseprotokoll Föreningen Ängen 2024-04-02\n\nNärvarande: Eva Lund (ordf.), Karl Ek\n"
     "Justerare: Åsa Berg\n\n§ 1 Mötets öppnande\n", {"Eva Lund", "Karl Ek", "Åsa Berg"}),
])
def test_a_justerare_attended_the_meeting(text, present):
    assert people(text)[0] == present


@pytest.mark.parametrize("text, present, absent", [
    # a project's steering group, plain text
    ("Projekt e-arkiv\nAnteckningar från styrgruppsmöte nr 4\n\nDatum: 2021-02-04\n\nStyrgrupp:\n"
     "Marie Holmgren, Västerviks kommun\nElin Kjellgren, kanslichef, Hultsfreds kommun\n"
     "Henrik Fors, IT-chef, Västerviks kommun – förhinder\n\n1. Läget\nMarie Holmgren inledde.\n",
     {"Marie Holmgren", "Elin Kjellgren"}, {"Henrik Fors"}),
    # a management team's notes in Markdown
    ("# Ledningsgruppen, minnesanteckningar 2024-05-06\n\n**Ledningsgruppen:** Anna Ek, Per Lind, Sara Vik (förhinder)\n\n"
     "## 1. Ekonomi\nPer Lind redovisar.\n", {"Anna Ek", "Per Lind"}, {"Sara Vik"}),
])
def test_the_list_of_the_group_that_met_is_its_attendance(text, present, absent):
    att, abs_ = people(text)
    assert att == present and abs_ == absent


def test_the_list_of_another_group_is_no_attendance():
    text = ("Protokoll Kommunstyrelsen 2024-05-06\n\nNärvarande: Anna Ek, Per Lind\n\n§ 1 Projekt e-arkiv\n"
            "Styrgrupp: Marie Holmgren, Elin Kjellgren\nArbetet fortsätter.\n")
    assert people(text)[0] == {"Anna Ek", "Per Lind"}


@pytest.mark.parametrize("text, present", [
    # a beslutsgrupp's protokoll: rows of names whose separators were lost in the copy
    ("Protokoll från beslutsgruppsmöte den 3 mars 2024\n\nNärvarande: Lars Holm, ordf.\n"
     "Ledamöter: Berit Sandell Anita Krook Margit Ahl Hans Tunér\nSven Wiklund Ulla Jansson Bo Hed\n\n1. Dagordning\nText.\n",
     {"Lars Holm", "Berit Sandell", "Anita Krook", "Margit Ahl", "Hans Tunér", "Sven Wiklund", "Ulla Jansson", "Bo Hed"}),
    # a kommunstyrelse's cover page: a label word glued to the name of the next row
    ("Plats och tid  Rådhuset kl. 9-12\n\nBeslutande  Karin Ek (S), ordförande\n"
     "Tjänstemän Lisa Nordberg, kommunsekreterare\n\n§ 1 Ärende\nText.\n",
     {"Karin Ek", "Lisa Nordberg"}),
])
def test_names_run_together_and_glued_labels(text, present):
    got, _ = people(text)
    assert present <= got
    assert not any(n.split()[0] in ("Tjänstemän", "Ledamöter") for n in got)


def test_wide_gaps_are_columns_not_a_run_of_names():
    # a signature row under "Vid protokollet   Justeras": one minute taker, not three
    m = segment(doc("Protokoll\n\n1. Beslut\nText.\n\nVid protokollet                Justeras\n"
                    "Marta Lind                   Olle Sjö        Greta Ahlin\n"))
    assert [r.name for r in m.minute_takers] == ["Marta Lind"]


def test_a_column_read_list_after_utses_att_justera_gives_no_justerare():
    # the cover page read column by column: the other label's people follow "Utses att justera"
    text = ("1 KOMMUN PROTOKOLL 1(30) Plats och tid Folkets hus, den 9 juni 2025 Beslutande Saga Nordin, ordf. "
            "Övriga deltagande Utses att justera Tomas Öhrn Eva Persson Lena Dahl, 49, Karin Strand, 50-52, "
            "Per Moberg Underskrift Sekreterare Eva Persson")
    m = segment(doc(text))
    assert len(m.adjusters) <= 1


@pytest.mark.parametrize("text, present", [
    # a regional forum's notes: the organisation's column glued after the name
    ("Minnesanteckningar\nNärvarande:\nGöran Lindahl Landstinget\nSofia Berglund Kommunförbundet\n\n1. Inledning\n",
     {"Göran Lindahl", "Sofia Berglund"}),
    # a beslutsgrupp's protokoll: a column caption glued before the name
    ("Protokoll\nNärvarande: Annika Roos, Helge Dahl\nUtvärderarna Marianne Torstensson\n\n§ 1 Dagordning\n",
     {"Annika Roos", "Helge Dahl", "Marianne Torstensson"}),
    # a kommun's utskott: a title in two parts joined by "och", its first part capitalised
    ("Närvarande\nKarin Östlund Vård och omsorgschef\nTobias Lind, ekonom\n\n§ 1 Ekonomi\n",
     {"Karin Östlund", "Tobias Lind"}),
])
def test_words_glued_to_a_name_are_left_out(text, present):
    got, _ = people(text)
    assert present <= got
    assert not any(len(n.split()) > 2 for n in got)


def test_three_word_names_keep_their_listed_surnames():
    # "Berg" is a listed surname: a name of three words stays whole
    got, _ = people("Närvarande:\nAnna Lisa Berg och övriga i gruppen\nPer Holm\n\n1. Inledning\n")
    assert not any(n in got for n in ("Anna Lisa", "Lisa Berg"))


@pytest.mark.parametrize("text, present, absent", [
    # a förening's styrelse: a mark after each name, group headings between the rows
    ("PROTOKOLL\nMöte med föreningens styrelse den 3 mars 2020\n\nLedamöter Närvarande\nJonas Ekberg X, mötesordf. § 1-5\n"
     "Petra Lund X\nKalle Nyström anmält förhinder\nSuppleanter\nSara Holm X\nOla Berg\nKansliet\nMaja Sten X, sekreterare\n\n"
     "§ 1 Mötet öppnas\nMötet öppnades.\n",
     {"Jonas Ekberg", "Petra Lund", "Sara Holm", "Maja Sten"}, {"Kalle Nyström"}),
    # a nätverk's notes: "Namn Närv." over the rows
    ("Anteckningar nätverksmöte\nNamn Närv.\nLinda Åberg X\nTomas Frid frånvarande\nErik Sund x\n\n1. Inledning\nLinda hälsade välkommen.\n",
     {"Linda Åberg", "Erik Sund"}, {"Tomas Frid"}),
])
def test_lists_with_a_mark_after_each_name(text, present, absent):
    got, gone = people(text)
    assert got == present
    assert gone == absent


def test_mark_list_secretary_note():
    m = segment(doc("Ledamöter Närvarande\nJonas Ekberg X\nMaja Sten X, sekreterare\n\n§ 1 Mötet öppnas\n"))
    assert [r.name for r in m.minute_takers] == ["Maja Sten"]
    assert not m.chairs
