"""Layout rules: text flattened from PDF pages (flattened.py) and web boilerplate (furniture.py)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.models import Document
from kg.segment import segment
from kg.segment.flattened import flattened_cuts
from kg.segment.furniture import is_web_furniture
from kg.segment.page import Page, fold


def doc(text: str, name: str = "x.txt") -> Document:
    return Document(identifier=name, path=name, text=text, media_type="text/plain", sha256="0")


def contents(text: str) -> list[str]:
    return [ln.clean for ln in Page(doc(text)).lines if ln.clean]


def names(refs) -> list[str]:
    return [r.name for r in refs]


# A nämnd protokoll page flattened by a PDF viewer: labels, rows and a page stamp on one line.
NAMND_PAGE = (
    "1 GRÄSTORPS KOMMUN SAMMANTRÄDESPROTOKOLL Sida 1 (9) Socialnämnden Sammanträdesdatum 2021-05-11 "
    "Plats och tid Kommunhuset, lokal Tärnan, kl 13.00-15.30 Beslutande Eva Lund (C), ordförande "
    "Omar Said (S), vice ordförande Lisa Berg (M) Karl Holm (S) ersätter Maja Ek (S) Nils Ås (KD) "
    "Övriga närvarande Tjänstemän Sara Vik socialchef Per Dahl nämndsekreterare Utses att justera Lisa Berg "
    "Justeringens plats och tid Kommunhuset 2021-05-14\n"
    "2 GRÄSTORPS KOMMUN SAMMANTRÄDESPROTOKOLL Sida 2 (9) Socialnämnden Sammanträdesdatum 2021-05-11 "
    "SN 41 Dnr SN 2021/33 Budgetuppföljning april Socialchef Sara Vik redovisar prognosen. "
    "Socialnämndens beslut Socialnämnden godkänner uppföljningen. SN 42 Dnr SN 2021/35 Riktlinjer för "
    "försörjningsstöd 2022 Förvaltningen har reviderat riktlinjerna. Socialnämndens beslut att anta "
    "riktlinjerna. Justerandes sign Utdragsbestyrkande\n"
)

# A working group's notes exported with the line breaks deleted: words glued where a break was.
GLUED_NOTES = (
    "PROTOKOLLStyrgruppen IT-säkerhetMötesdatum: 2022-02-03\n\n"
    "Närvarande\n\n"
    "Jonas Ek (S), ordförandeAnna Lind (M)Peter Sand (V)\n\n"
    "§ 4 Dnr KS21.118Ny lösenordspolicySäkerhetschef Maria Holm föredrar ärendet.Styrgruppens beslutStyrgruppen antar policyn.\n\n"
    "§ 5 Incidentrapport 2021Styrgruppens beslutRapporten läggs till handlingarna.\n"
)

NORMAL = (
    "Protokoll Socialnämnden\n"
    "Datum: 2021-05-11\n\n"
    "Närvarande:\n"
    "Eva Lund (C), ordförande\n"
    "Omar Said (S)\n\n"
    "§ 41 Budgetuppföljning\n"
    "Sara Vik redovisar prognosen. Beslutande ledamöter i nämnden Eva Lund (C), Omar Said (S) och "
    "Lisa Berg (M) framhöll att ordförande Eva Lund (C) ska återkomma till nämnden i juni med en "
    "fördjupad analys av kostnaderna för placeringar. Ersättare Karl Holm (S) deltog inte i beslutet.\n"
)


def test_flattened_lines_are_exact_slices():
    for text in (NAMND_PAGE, GLUED_NOTES):
        page = Page(doc(text))
        assert [ln.no for ln in page.lines] == list(range(1, len(page.lines) + 1))
        for ln in page.lines:
            assert text[ln.start:ln.start + len(ln.text)] == ln.text
            assert text[ln.cstart:ln.cstart + len(ln.clean)] == ln.clean
            assert ln.folded == fold(ln.clean)
        assert page.line_starts == sorted(page.line_starts)
        assert any(ln.restored for ln in page.lines)


@pytest.mark.parametrize("text,expected", [
    (NAMND_PAGE, [
        "1 GRÄSTORPS KOMMUN SAMMANTRÄDESPROTOKOLL Sida 1 (9)",
        "Beslutande Eva Lund (C), ordförande",
        "Omar Said (S), vice ordförande",
        "Lisa Berg (M)",
        "Karl Holm (S) ersätter Maja Ek (S)",
        "Nils Ås (KD)",
        "Övriga närvarande Tjänstemän Sara Vik socialchef",
        "Per Dahl nämndsekreterare",
        "Utses att justera Lisa Berg",
        "SN 41 Dnr SN 2021/33 Budgetuppföljning april",
        "Socialnämndens beslut",
        "Socialnämnden godkänner uppföljningen.",
        "att anta riktlinjerna.",
        "Justerandes sign",
        "Utdragsbestyrkande",
    ]),
    (GLUED_NOTES, [
        "Jonas Ek (S), ordförande",
        "Anna Lind (M)",
        "Peter Sand (V)",
        "§ 4 Dnr KS21.118Ny lösenordspolicy",
        "Säkerhetschef Maria Holm föredrar ärendet.",
        "Styrgruppens beslut",
        "Styrgruppen antar policyn.",
        "§ 5 Incidentrapport 2021",
        "Rapporten läggs till handlingarna.",
    ]),
])
def test_flattened_text_is_cut_at_stamps_labels_rows_and_headings(text, expected):
    lines = contents(text)
    for want in expected:
        assert want in lines, (want, lines)


@pytest.mark.parametrize("text", [NORMAL, "Kort rad\n" * 3, "Ersättare Karl Holm (S) deltog. " * 3])
def test_text_with_its_line_breaks_is_untouched(text):
    assert contents(text) == [x.rstrip() for x in text.split("\n") if x.strip()]


def test_one_long_prose_line_with_a_label_word_is_not_flattened():
    line = NORMAL.split("\n")[-2]
    assert flattened_cuts(line, fold(line)) == ([], False)


@pytest.mark.parametrize("row", [
    "Beslutande Karl Holm (S) ersätter Maja Ek (S) Nils Ås (KD)",
    "Beslutande Tony Ek (S) tjg för Ewa Dahl (S) Nils Ås (KD)",
])
def test_a_substitute_and_the_member_stay_on_one_row(row):
    text = "Protokoll " + "Plats och tid Rådhuset " + row + " Övriga närvarande Per Dahl sekreterare " + "x" * 80
    lines = contents(text)
    assert any(" Maja Ek (S)" in ln or " Ewa Dahl (S)" in ln for ln in lines), lines
    assert "Nils Ås (KD)" in lines


def test_a_column_of_labels_is_not_cut():
    """All labels first, then all values: which value fills which label is not stated."""
    text = ("1 KOMMUN PROTOKOLL 1 (5) Miljönämnden 2006-04-12 Plats och tid Beslutande Övriga deltagare Utses att "
            "justera Justeringens plats och tid Underskrifter Sekreterare Ordförande Justerande Stadshuset, "
            "kl 08.30 Kjell Ek (s), ordförande Anna Berg (m) Bo Lind, miljöchef Anna Berg Stadshuset 2006-04-19")
    lines = contents(text)
    assert not any(ln in ("Sekreterare", "Ordförande") or ln.startswith("Justerande ") for ln in lines), lines
    m = segment(doc(text))
    # only what an entry states itself ("Kjell Ek (s), ordförande"), never a label's guessed value
    assert [r.name for r in m.chairs] in ([], ["Kjell Ek"])
    assert m.minute_takers == () and m.adjusters == ()


def test_flattened_nämnd_page_gives_attendance_items_and_decisions():
    m = segment(doc(NAMND_PAGE))
    att = names(m.attendees)
    for n in ("Eva Lund", "Omar Said", "Lisa Berg", "Karl Holm", "Nils Ås"):
        assert n in att
    assert "Maja Ek" in names(m.absentees)
    assert [it.ordinal for it in m.items] == [41, 42]
    assert str(m.items[0].title) == "Budgetuppföljning april"
    decisions = [d.text for it in m.items for d in it.decisions]
    assert "Socialnämnden godkänner uppföljningen." in decisions
    for ref in m.attendees:
        assert NAMND_PAGE[ref.span.start:ref.span.end] == ref.span.text


def test_glued_notes_give_attendance_and_items():
    m = segment(doc(GLUED_NOTES))
    assert {"Jonas Ek", "Anna Lind", "Peter Sand"} <= set(names(m.attendees))
    assert [it.ordinal for it in m.items] == [4, 5]
    assert "Styrgruppen antar policyn." in [d.text for d in m.items[0].decisions]


# -- web furniture -----------------------------------------------------------------------------
BESLUT_I_KORTHET = """Hoppa till huvudinnehåll
Lunds kommun
Meny
Sök

Startsida / Kommun och politik / Nämnder / Kommunstyrelsen / Beslut i korthet

Kommunstyrelsen – beslut i korthet 3 maj 2023

Publicerad 4 maj 2023

Nytt vattenverk i Bjärred

Kommunstyrelsen beslutade att bygga ett nytt vattenverk i Bjärred.

Ny parkeringsnorm

Kommunstyrelsen föreslår kommunfullmäktige att anta en ny parkeringsnorm.

Hela protokollet
Protokollet finns i diariet.

Dela sidan   Facebook   LinkedIn
Senast uppdaterad: 4 maj 2023
"""

VIEWER_COPY = """PROTOKOLL Kommunfullmäktige Sammanträdesdatum

Storlek: px
Starta visningen från sidan:

Download "PROTOKOLL Kommunfullmäktige 2019-11-25"

Transkript

1 ÅMÅLS KOMMUN SAMMANTRÄDESPROTOKOLL Sida 1 (12) Kommunfullmäktige Sammanträdesdatum 2019-11-25 Plats och tid Stadshuset, kl 18.00-21.10 Beslutande Anna Nord (S), ordförande Erik Sten (M), vice ordförande Lena Å (C) Övriga närvarande Maria Holm kommunsekreterare Justerandes sign Utdragsbestyrkande

Relevanta dokument
Protokoll Kommunfullmäktige 2019-10-28
Budget 2020 Åmåls kommun
"""


@pytest.mark.parametrize("line", [
    "Click to listen", "Senast ändrad 2020-02-03", "Ladda ner", 'Download "Protokoll KS 2019-11-25"',
    "Transkript", "Storlek: px", "Starta visningen från sidan:", "Publicerad 4 maj 2023",
    "Dela sidan   Facebook   LinkedIn", "Startsida / Kommun och politik / Nämnder / Kommunstyrelsen",
    "1 ÅMÅLS KOMMUN SAMMANTRÄDESPROTOKOLL Sida 1 (12)", "2 SANDVIKENS KOMMUN PROTOKOLL 2 (11)", "7 views",
])
def test_web_boilerplate_is_furniture(line):
    assert is_web_furniture(fold(line), line)


@pytest.mark.parametrize("line", [
    "Kommunstyrelsen – beslut i korthet 3 maj 2023", "Ny parkeringsnorm", "Information om budget",
    "Uppdaterad handlingsplan för klimatet", "Protokoll Kommunfullmäktige 2019-10-28",
])
def test_content_is_not_furniture(line):
    assert not is_web_furniture(fold(line), line)


def test_beslut_i_korthet_page_has_no_boilerplate_items_or_dates():
    m = segment(doc(BESLUT_I_KORTHET))
    titles = [str(it.title) for it in m.items]
    assert titles == ["Nytt vattenverk i Bjärred", "Ny parkeringsnorm"]
    assert m.date == date(2023, 5, 3)
    assert m.title is None or "/" not in m.title.text


def test_viewer_copy_boilerplate_and_related_documents_are_not_content():
    m = segment(doc(VIEWER_COPY))
    assert m.title is not None and "Storlek" not in m.title.text and "Download" not in m.title.text
    assert {"Anna Nord", "Erik Sten"} <= set(names(m.attendees))
    assert "Anna Nord" in names(m.chairs)
    assert not any("Budget 2020" in str(it.title) for it in m.items)
    assert m.date == date(2019, 11, 25)


def pieces(line: str) -> list[str]:
    cuts, _ = flattened_cuts(line, fold(line))
    bounds = [0] + cuts + [len(line)]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:]) if line[a:b].strip()]


@pytest.mark.parametrize("line,expected", [
    # an arbetsutskott's protokoll: "KSAU § 176" headings and the page stamp inside the run
    ("KOMMUNSTYRELSENS ARBETSUTSKOTT PROTOKOLL Sida 4 (20) Sammanträdesdatum 2020-11-03 KSAU § 176 Dnr KS 2020/412 "
     "Remiss om regional cykelplan Kommunstyrelsens arbetsutskotts beslut Arbetsutskottet föreslår kommunstyrelsen "
     "att yttra sig enligt förvaltningens förslag. KSAU § 177 Information om vinterväghållning Gatuchef Eva Sand "
     "informerar om årets upphandling.",
     ["KOMMUNSTYRELSENS ARBETSUTSKOTT PROTOKOLL Sida 4 (20)", "Sammanträdesdatum 2020-11-03",
      "KSAU § 176 Dnr KS 2020/412 Remiss om regional cykelplan", "Kommunstyrelsens arbetsutskotts beslut",
      "Arbetsutskottet föreslår kommunstyrelsen att yttra sig enligt förvaltningens förslag.",
      "KSAU § 177 Information om vinterväghållning", "Gatuchef Eva Sand informerar om årets upphandling."]),
    # a styrelse's protokoll: § headings, a title with a proper noun after a preposition, a reservation
    ("§ 8 Val av justerare Styrelsens beslut Att justera protokollet utses Bo Ek. § 9 Avtal med Region Skåne om "
     "färdtjänst Styrelsen godkänner avtalet. Reservation Anna Holm (V) reserverar sig mot beslutet. § 10 Övriga "
     "frågor Kim Lind (S) frågar om lokalerna.",
     ["§ 8 Val av justerare", "Styrelsens beslut", "Att justera protokollet utses Bo Ek.",
      "§ 9 Avtal med Region Skåne om färdtjänst", "Styrelsen godkänner avtalet.", "Reservation",
      "Anna Holm (V) reserverar sig mot beslutet.", "§ 10 Övriga frågor", "Kim Lind (S) frågar om lokalerna."]),
])
def test_flattened_item_pages_are_cut_at_headings_titles_and_sections(line, expected):
    assert pieces(line) == expected


def test_a_number_after_another_bodys_name_is_no_heading():
    """"KS 31" cited inside an item is another body's paragraph, not a heading of these minutes."""
    line = ("§ 26 Delgivningar Kommunstyrelsen 2013-02-26 KS 31 Riktlinjer för intern kontroll. Nämndens beslut "
            "Delgivningarna läggs till handlingarna. § 27 Övriga frågor Inga övriga frågor. " + "x " * 40)
    got = pieces(line)
    assert not any(p.startswith("KS 31") for p in got), got


@pytest.mark.parametrize("line", [
    "Vi flyttar dokumenten från SharePoint till OneDrive under våren.",
    "Filmen läggs ut på YouTube och LinkedIn efter mötet.",
])
def test_brand_names_are_not_glued_breaks(line):
    assert pieces(line) == [line]
    assert contents("Minnesanteckningar IT-gruppen\n\n" + line + "\n") == ["Minnesanteckningar IT-gruppen", line]


@pytest.mark.parametrize("text, present", [
    # a styrgrupp's notes flattened from a PDF: the roles in brackets are no labels to cut at
    ("1 PROTOKOLL 1 (4) PROTOKOLL FRÅN STYRGRUPPSMÖTE Tisdag den 4 mars 2025 Närvarande: Ingrid Sahl (Ordförande), "
     "Bertil Ruud, Ann Marie Lund och Tobias Wik (Sekreterare) Förhinder: Kalle Dunér 1: Mötet öppnas "
     "Ordföranden öppnade mötet. 2: Dagordning Dagordningen godkändes. 3: Ekonomi Rapporten lades till handlingarna.",
     {"Ingrid Sahl", "Bertil Ruud", "Ann Marie Lund", "Tobias Wik"}),
    # a nämnd's cover page: the names of a row split between a first name and a surname no more
    ("1 KOMMUN PROTOKOLL 1(20) Plats och tid Folkets hus, torsdagen den 5 juni 2025 Beslutande Saga Nordin, "
     "ordförande Håkan Berglund Elsa Lindkvist Johan Sundberg Maria Falk Övriga deltagande Tomas Öhrn, "
     "socialchef Paragrafer 40-52 § 40 Sammanträdets öppnande Ordföranden öppnade sammanträdet.",
     {"Saga Nordin", "Håkan Berglund", "Elsa Lindkvist", "Johan Sundberg", "Maria Falk", "Tomas Öhrn"}),
])
def test_flattened_lists_keep_whole_names(text, present):
    m = segment(doc(text))
    got = set(names(m.attendees))
    assert present <= got
    # no half of a name, nor a name with a label glued to it
    assert all(len(n.split()) >= 2 for n in got)
    assert not any(w in n for n in got for w in ("Förhinder", "Övriga", "Paragrafer"))


@pytest.mark.parametrize("text, titles", [
    # a sports section's protokoll flattened from a PDF: points "1." ... in the run of text
    ("1 Protokoll Sektionen Datum: 10 augusti 2024 Plats: Klubbhuset Deltagare: Lena Tornberg, Per Ask "
     "1. Mötets öppnande Ordföranden Lena Tornberg öppnar mötet och hälsar alla välkomna. 2. Dagordningen "
     "Dagordningen godkändes. 3. Val av justerare Per Ask valdes till justerare. 4. Ekonomi Kassören redovisade läget.",
     ["Mötets öppnande", "Dagordningen", "Val av justerare", "Ekonomi"]),
    # a network's notes: the points after the attendance, each after a name or a sentence
    ("1 MINNESANTECKNINGAR 1 (3) Nätverksträff den 3 juni 2024 Närvarande: Oskar Lind, Rut Sahlin, Åke Berg "
     "1. Mötet öppnas Ordföranden hälsade alla välkomna. 2. Val av justerare Rut Sahlin utsågs att justera dagens "
     "protokoll. 3. Kommande aktiviteter Gruppen diskuterade höstens träffar och beslutade att bjuda in skolorna.",
     ["Mötet öppnas", "Val av justerare", "Kommande aktiviteter"]),
])
def test_numbered_points_in_run_on_notes_are_items(text, titles):
    m = segment(doc(text))
    assert [it.title for it in m.items] == titles


def test_two_numbers_in_a_sentence_are_no_agenda():
    text = ("1 PROTOKOLL 1 (2) Styrgruppsmöte den 5 maj 2024 Närvarande: Oskar Lind, Rut Sahlin, Åke Berg. "
            "Gruppen enades om två steg: 1. Utredning av behoven och 2. Förslag till arbetsplan. " * 2)
    assert not segment(doc(text)).items


def place_of(text: str) -> str | None:
    """The meeting's place in ``text``, checked to be the words at its offsets."""
    m = segment(doc(text))
    if m.location is None:
        return None
    assert text[m.location.start:m.location.end] == m.location.text
    return m.location.text


_ROWS = "Beslutande Anna Ek (S), ordförande Per Ny (M) Lisa Berg (C) Karl Holm (S) Övriga närvarande Sara Vik, sekreterare "


@pytest.mark.parametrize("text, place", [
    # a region's arbetsutskott, a PDF page flattened: the label after the time on the same line
    ("1 PROTOKOLL 1 (28) Sammanträdestid kl 09:00-12:30 Ajournering kl 10:45-11:30 Sammanträdesplats Tallen, "
     "Region Västerbotten, Umeå " + _ROWS + "Utses att justera Per Ny\n", "Tallen, Region Västerbotten, Umeå"),
    # a miljönämnd's protokoll from a web viewer: "Plats:" after one space, the value to its full stop
    ("Miljönämnden. Protokoll Mn 87/2014. Datum: 2014-11-11 Klockan: 09:00-12:10 Plats: Sessionssalen, "
     "Stadsbyggnadshus II. Närvarande ledamöter Anna Ek (S) Per Ny (M) Lisa Berg (C) Karl Holm (S) Eva Ås (V)\n",
     "Sessionssalen, Stadsbyggnadshus II"),
    # a regional forum's notes: the value ends where the next label begins
    ("1 MINNESANTECKNINGAR Möte med Forum för regional utveckling Tid: Torsdagen den 19 november 2009 klockan 13:00 "
     "Plats: Sankt Petri-Orden, Härnösand Närvarande: Politiker: Glenn Nordlund Kommunförbundet, Örnsköldsvik "
     "Jonny Lundin Kommunförbundet, Härnösand Anita Bdioui Kommunförbundet, Sundsvall\n", "Sankt Petri-Orden, Härnösand"),
    # a barn- och utbildningsnämnd's page: the place before the date in "Plats och tid", not the justering's
    ("1 SAMMANTRÄDESPROTOKOLL Sida 1 (23) Plats och tid Sätila 15 december 2016 kl " + _ROWS
     + "Utses att justera Per Ny Justeringens plats och tid Kinna 2016-12-20\n", "Sätila"),
    # kommunfullmäktige: a "Kl" whose time the flattening lost is no part of the place
    ("1 (40) Tid och plats Stadshuset, sessionssalen Kl " + _ROWS + "Utses att justera Per Ny Lisa Berg\n",
     "Stadshuset, sessionssalen"),
    # the same forms on lines of their own
    ("Kommunfullmäktige\nProtokoll\nPlats och tid: Stadshuset måndagen den 3 mars 2025 kl 18.00\n\n"
     "Närvarande: Anna Ek, Per Ny\n\n§ 1 Val av justerare\nPer Ny utses.\n", "Stadshuset"),
    ("Föreningens styrelse\nDatum: 2025-03-03 Plats: Klubbstugan, Ödsmål Närvarande: Anna Ek, Per Ny\n\n"
     "1. Mötets öppnande\nOrdföranden öppnade mötet.\n", "Klubbstugan, Ödsmål"),
])
def test_the_place_in_a_flattened_header(text, place):
    assert place_of(text) == place


@pytest.mark.parametrize("text", [
    "1 SAMMANTRÄDESPROTOKOLL Sida 1 (9) Socialnämnden 2021-05-11 " + _ROWS + "Utses att justera Per Ny "
    "Justeringens plats och tid Kommunhuset 2021-05-14\n",
    "Styrgruppen\nProtokoll 2021-05-11\n\nNärvarande: Anna Ek, Per Ny\n\nJusteringens plats och tid Kommunhuset 2021-05-14\n",
])
def test_the_justerings_place_is_not_the_meetings(text):
    m = segment(doc(text))
    assert m.location is None or "Kommunhuset" not in m.location.text


@pytest.mark.parametrize("text, place", [
    # a teknisk nämnd's cover read column by column: every label first, then the values in order
    ("1 SANDVIKENS KOMMUN SAMMANTRÄDESPROTOKOLL 1 (11) Tekniska nämnden 2006-04-12 Plats och tid Beslutande "
     "Ej tjänstgörande ersättare Övriga deltagare Utses att justera Justeringens plats och tid Underskrifter "
     "Sekreterare Ordförande Justerande Stadshuset, sammanträdesrum Gästrikland, onsdagen den 12 april 2006 kl 08.30 "
     "11.45 Kjell Forsberg (s), ordförande Göran Sundberg (m), vice ordförande Lisa Berg (c) Karl Holm (s)\n",
     "Stadshuset, sammanträdesrum Gästrikland"),
    # a socialnämnd's cover: the place label alone, the next field's label before the place
    ("1 Socialnämnden SAMMANTRÄDESPROTOKOLL\nSammanträdesdatum Sid (18)\nPlats och tid\n"
     "Beslutande Gröna rummet, Socialförvaltningen, Östhammar, kl.09:00-13:40 Enligt särskild närvarolista\n"
     "Övriga deltagande Nämndsekreterare Fitim Kunushevci\n", "Gröna rummet, Socialförvaltningen, Östhammar"),
])
def test_other_fields_labels_before_the_place_are_no_part_of_it(text, place):
    assert place_of(text) == place


@pytest.mark.parametrize("text, place", [
    # a pensioners' association's report: "Vår" folds to the label "var"
    ("SKPF avd 25 Höstmöte\nOrdförande förklarade mötet öppnat.\nVår kassör Leila Jönsson föredrog det ekonomiska läget.\n", None),
    # a network's notes: "Var:" before a colon is the label
    ("Nätverksträff\nNär: 2023-05-16 kl 13.00\nVar: Stadshuset, rum Kullen\n\nNärvarande: Anna Ek, Per Ny\n", "Stadshuset, rum Kullen"),
])
def test_var_is_a_place_label_only_before_a_colon(text, place):
    m = segment(doc(text))
    assert (m.location.text if m.location else None) == place


@pytest.mark.parametrize("text, place", [
    # a pensioners' association: the protocol's number after the place on its line
    ("Protokoll fört vid månadsmöte med SPF Seniorerna Boken\nSölvesborg torsdagen den 18 januari 2018.\n\n"
     "Plats: Drottninggården Valjeviken Protokoll nr 1 2018\nNärvarande : 40 medlemmar\n", "Drottninggården Valjeviken"),
    # a nämnd's web copy: the kind of document after the place
    ("Socialnämnden\nDatum: 2023-03-14\nPlats: Stadshuset, rum Kullen Sammanträdesprotokoll 2023:4\n\n"
     "Närvarande: Anna Ek, Per Ny\n", "Stadshuset, rum Kullen"),
])
def test_a_kind_of_document_after_the_place_is_no_part_of_it(text, place):
    m = segment(doc(text))
    assert m.location is not None and m.location.text == place


@pytest.mark.parametrize("text, attendees, adjusters", [
    # a pensioners' association's board: the list's label after the place's sentence on one line
    ("Protokoll 2025-11-19\n\nPlats: Café Skogen. Deltagande: Lars Göran Bergman, Berit Kock, Karin Wilde.\n\n"
     "§1. Mötets öppnande. Ordförande förklarar sammanträdet öppnat.\n",
     ["Berit Kock", "Karin Wilde", "Lars Göran Bergman"], []),
    # a miljönämnd's protokoll from a web page: the justerare's label after the place's sentence
    ("Miljönämnden. Protokoll Mn 87/2014. Datum: 2014-11-11 Plats: Sessionssalen. Justerare: Lasse Gustafsson (FP)\n\n"
     "Närvarande: Per Andersson (S), Lilla Alkman (KD)\n", ["Lasse Gustafsson", "Lilla Alkman", "Per Andersson"], ["Lasse Gustafsson"]),
])
def test_a_label_after_a_sentence_on_its_line_begins_a_line(text, attendees, adjusters):
    m = segment(doc(text))
    assert sorted(names(m.attendees)) == attendees
    assert names(m.adjusters) == adjusters


def test_a_colon_after_a_sentence_in_an_items_text_is_no_label():
    text = ("Protokoll 2025-11-19\n\nNärvarande: Anna Ek, Per Ny\n\n1. Rapporter\nResan genomfördes. Tid: två timmar.\n")
    assert [ln.clean for ln in Page(doc(text)).lines if ln.clean][-1] == "Resan genomfördes. Tid: två timmar."


@pytest.mark.parametrize("line", [
    "Hoppa till innehåll Hoppa till meny",                                                   # a kommun's news page
    "Denna nyhet är äldre än 6 månader och är kanske inte aktuell längre.",
    "Hoppa över navigering",                                                                  # a region's council page
    "Länk till signerat pdf-dokument i ny flik. Användbar för utskrift",                     # an association's protokoll page
])
def test_swedish_web_page_furniture(line):
    assert is_web_furniture(fold(line), line)


@pytest.mark.parametrize("text, title", [
    # a beslut i korthet page: the furniture above it is no title
    ("Hoppa till innehåll Hoppa till meny\nDenna nyhet är äldre än 6 månader och är kanske inte aktuell längre.\n"
     "Sammanfattning kommunfullmäktige 2018-12-11\n\nTilläggsanslag löneavtal 2018\nKommunfullmäktige beslutade att ge nämnderna mer pengar.\n",
     "Sammanfattning kommunfullmäktige 2018-12-11"),
    # a council's web page whose first line is an item's number alone
    ("Hoppa över navigering\n •   1\n\n  Mötets öppnande\n\n •   2\n\n  Val av justerare\n", "Mötets öppnande"),
])
def test_no_title_from_furniture_or_a_bare_number(text, title):
    m = segment(doc(text))
    assert m.title is not None and m.title.text == title



@pytest.mark.parametrize("text, place", [
    # a PDF's columns kept as runs of spaces between the place and the date
    ("Protokoll\nPlats och tid   Sätila" + " " * 2000 + "15 december 2016 kl 18.00\n\nNärvarande: Anna Ek, Per Ny\n", "Sätila"),
    # the next meeting's place, on the line under its heading
    ("Styrelsemöte 2023-03-14\n\nNärvarande: Anna Ek, Per Ny\n\n1. Ekonomi\nKassören redovisade.\n\n"
     "3. Nästa möte\nTisdag 13 juni kl 18, plats: Klubbstugan.\n", None),
    # "Var" before a wide gap is the label
    ("Nätverksträff\nNär: 2023-05-16 kl 13.00\nVar   Stadshuset, rum Kullen\n\nNärvarande: Anna Ek, Per Ny\n",
     "Stadshuset, rum Kullen"),
])
def test_places_from_columns_and_not_from_the_next_meeting(text, place):
    m = segment(doc(text))
    assert (m.location.text if m.location else None) == place
