"""Item headings, ordinals, sub-topics and presenters: each rule on snippets of two genres."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import segment


def doc(text: str, name: str = "snippet.txt") -> Document:
    return Document(identifier=name, path=name, text=text, media_type="text/plain", sha256="0")


def items(text: str, name: str = "snippet.txt"):
    return segment(doc(text, name)).items


def presenters(item) -> list[str]:
    return [p.name for p in item.presenters]


def assert_spans(text: str, its) -> None:
    for it in its:
        for sp in (it.title_span, it.span, *it.subtitles, *(p.span for p in it.presenters)):
            assert text[sp.start:sp.end] == sp.text


PROTOKOLL_HEAD = "Kommunstyrelsens arbetsutskott\nProtokoll 2019-10-28\n\n"
NOTES_HEAD = "Minnesanteckningar ledningsgrupp 2023-05-16\n\nNärvarande: Anna Wik, Jonas Mellberg, Tomas Lövgren\n\n"


# --- headings and ordinals ----------------------------------------------------------------------

@pytest.mark.parametrize("first, second, ordinals, titles", [
    # arbetsutskott with its body's abbreviation (one or two words) before §
    ("BUN AU § 112                      Dnr BUN-2016-00455\nEkonomisk månadsrapport",
     "BUN AU § 113\nRemiss om skolskjuts", [112, 113], ["Ekonomisk månadsrapport", "Remiss om skolskjuts"]),
    ("KSAU § 151 Ekonomisk uppföljning", "KSAU § 152 Lokalförsörjningsplan", [151, 152],
     ["Ekonomisk uppföljning", "Lokalförsörjningsplan"]),
    # OCR'd §: "S", "$", "8" after the body's abbreviation
    ("Ks S 112 Delarsrapport per den 30 april 1998", "Ks $ 113 Forsaljning av fastigheten", [112, 113],
     ["Delarsrapport per den 30 april 1998", "Forsaljning av fastigheten"]),
    ("MHN 8 34 Dnr 92.041\n\nAvgifter for livsmedelstillsyn", "MHN S 35\n\nForelaggande vid vite", [34, 35],
     ["Avgifter for livsmedelstillsyn", "Forelaggande vid vite"]),
    # "Punkt N" in notes and in Markdown
    ("Punkt 1 – Uppföljning av piloterna", "Punkt 2 – Spridning till fler enheter", [1, 2],
     ["Uppföljning av piloterna", "Spridning till fler enheter"]),
    ("### Punkt 1: Föregående anteckningar", "### Punkt 2: Kartläggningsmodell", [1, 2],
     ["Föregående anteckningar", "Kartläggningsmodell"]),
    # the title ends before "Dnr" in a column to the right
    ("§ 48  Patientsäkerhetsberättelse 2016               Dnr VO 2017/0041", "§ 49  Anmälningsärenden",
     [48, 49], ["Patientsäkerhetsberättelse 2016", "Anmälningsärenden"]),
])
def test_item_headings_and_ordinals(first, second, ordinals, titles):
    text = PROTOKOLL_HEAD + f"{first}\nText om ärendet som beskriver vad som hände.\n\n{second}\nMer text om ärendet.\n"
    its = items(text)
    assert [it.ordinal for it in its] == ordinals
    assert [it.title for it in its] == titles
    assert_spans(text, its)


@pytest.mark.parametrize("text", [
    PROTOKOLL_HEAD + "§ 1 Val av justerare\nAnna utses.\n\n§ 2 Detaljplan\nKF § 156/2018 beslutade om planen.\n"
    "Enligt 11 § MBL ska förhandling ske.\n6 § LVU gäller.\n\n§ 3 Övrigt\nInget.\n",
    NOTES_HEAD + "1. Incheckning\nAlla berättade kort.\n\n2. Budget\nTomas Lövgren redovisar tidplanen.\n"
    "BUN § 98 nämns här.\n11 § MBL\n\n3. Övrigt\nInget.\n",
])
def test_references_and_law_citations_are_never_items(text):
    its = items(text)
    assert [it.ordinal for it in its] == [1, 2, 3]


def test_a_wrapped_title_is_joined_with_its_second_line():
    text = (PROTOKOLL_HEAD + "§ 49  Svar till Inspektionen för vård och omsorg (IVO) efter tillsyn av\n"
            "      Nöbbelövs vård- och omsorgsboende          Dnr VO 2016/0390\n\nSammanfattning\nText.\n\n"
            "§ 50  Anmälningsärenden\nText.\n")
    its = items(text)
    assert its[0].title == "Svar till Inspektionen för vård och omsorg (IVO) efter tillsyn av Nöbbelövs vård- och omsorgsboende"
    assert_spans(text, its)


def test_ocr_title_wrapped_beside_a_dnr_column():
    text = (PROTOKOLL_HEAD + "Ks $ 114 Yttrande over Vagverkets arbetsplan for\nDnr 98.154 vag 45, delen Trollhattan\n\n"
            "Exp: Vagverket har remitterat planen.\n\nKs S 115 Motion om IT\nText.\n")
    its = items(text)
    assert its[0].title == "Yttrande over Vagverkets arbetsplan for vag 45, delen Trollhattan"
    assert_spans(text, its)


@pytest.mark.parametrize("text, n", [
    # a kallelse list that repeats the items before the protokoll
    ("Kallelse och protokoll, pensionärsrådet\n\nDagordning\n1. Mötets öppnande\n2. Budget 2019\n3. Övriga frågor\n\n"
     "Protokoll\n\n1. Mötets öppnande\nOrdföranden öppnade mötet.\n\n2. Budget 2019\nAnnette Möller redogjorde för förslaget.\n\n"
     "3. Övriga frågor\nInga.\n", 3),
    # a table of contents with dotted leaders
    (PROTOKOLL_HEAD + "Innehåll\n§ 180   Val av justerare ............ 3\n§ 181   Fastställande av dagordning ...... 3\n\n"
     "KS § 180\n\nVal av justerare\n\nKommunstyrelsen utser Ove Dahlberg.\n\nKS § 181\n\nFastställande av dagordning\n\nDagordningen godkänns.\n", 2),
])
def test_agenda_lists_are_not_items_twice(text, n):
    its = items(text)
    assert len(its) == n
    assert all(len(it.span.text) > len(it.title) + 5 for it in its)   # the items with their text


def test_a_vote_table_column_label_is_no_heading():
    text = (PROTOKOLL_HEAD + "§ 46 Ekonomi\nText om ekonomin.\n\n"
            "                                                                        § 47\n"
            "Ledamöter                     Närv.   Frånv.   Ja   Nej\n\n§ 47 Ny ersättningsmodell\nText.\n")
    assert [it.title for it in items(text)] == ["Ekonomi", "Ny ersättningsmodell"]


def test_bullet_marked_headings_in_notes():
    text = (NOTES_HEAD + "▪ Incheckning\nAlla berättade kort om läget.\n\n▪ Ny webbplats – status\n"
            "Jonas: Upphandlingen av ny webbplattform är klar, lansering i januari.\n\n▪ Övrigt\n"
            "- Anna: KS presidium vill ha en dragning.\n- Sommarschema för LG.\n")
    its = items(text)
    assert [it.title for it in its] == ["Incheckning", "Ny webbplats – status", "Övrigt"]
    assert presenters(its[1]) == ["Jonas Mellberg"]
    assert presenters(its[2]) == ["Anna Wik"]


@pytest.mark.parametrize("heading", ["Uppgifter", "Projektets uppdrag", "Bilagor", "Mer information", "Hela protokollet"])
def test_headings_that_are_never_items(heading):
    text = (NOTES_HEAD + "## Läget i kommunerna\nAnna Wik berättade om läget i kommunerna och planerna framåt.\n\n"
            f"## {heading}\nHär står en lista med saker som hör till sidan och inte till mötet.\n")
    assert [it.title for it in items(text, "notes.md")] == ["Läget i kommunerna"]


# --- presenters -------------------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    # a formal protokoll: title before the name, a party, the verb later in the item
    ("Sammanfattning av ärendet\nEkonomichef Fredrik Ahlström föredrar ärendet. Prognosen pekar på ett överskott.", ["Fredrik Ahlström"]),
    ("Kommunstyrelsens ordförande Åke Lundmark (s) föredrar ärendet.", ["Åke Lundmark"]),
    ("Ärendet föredras av planarkitekt Karin Åström. Syftet är att möjliggöra bostäder.", ["Karin Åström"]),
    ("Hälso- och sjukvårdsdirektör Pernilla Sjölund informerade om läget.", ["Pernilla Sjölund"]),
    ("Ingela Dahlqvist, MAS, presenterar patientsäkerhetsberättelsen.", ["Ingela Dahlqvist"]),
    ("Kassören Leif Ågren redovisade ekonomin. Behållningen är god.", ["Leif Ågren"]),
    # working notes: a first name or a surname for someone the document names in full
    ("Tobias informerade om att planen antagits.", ["Tobias Sandell"]),
    ("Sandell redogjorde för läget.", ["Tobias Sandell"]),
    ("SL redogjorde för programhandlingen.", ["Sara Lindell"]),
    ("*Maria Sjöberg* går igenom rapporteringskraven.", ["Maria Sjöberg"]),
    ("Sommarens feriejobb: Anna Wik och Bo Berg informerade om bidragen.", ["Anna Wik", "Bo Berg"]),
])
def test_presenters_from_the_text(body, expected):
    text = ("Minnesanteckningar styrgrupp 2021-02-04\n\nNärvarande: Tobias Sandell, Sara Lindell (SL), Maria Sjöberg\n\n"
            f"1. Lägesrapport\n{body}\n\n2. Övrigt\nInget att rapportera.\n")
    its = items(text)
    assert presenters(its[0]) == expected
    assert_spans(text, its)


@pytest.mark.parametrize("body", [
    "Kicki och Linnea presenterade sig.",                    # introduced themselves
    "Förvaltningen informerade om läget.",                   # an organisation
    "Gruppen diskuterade att Region Dalarna informerar.",    # not the subject of the clause
    "Under punkten informerade ordföranden om läget.",       # a title, no name
])
def test_no_presenter_where_the_text_names_none(body):
    text = f"Protokoll styrelsemöte 2017-11-20\n\nNärvarande: Kicki Hansson, Linnea Brandt\n\n§ 5 Ekonomi\n{body}\n\n§ 6 Övrigt\nInget.\n"
    assert presenters(items(text)[0]) == []


@pytest.mark.parametrize("line", ["**Föredragande:** Martin Persson", "Dragande: Martin Persson", "Föredragande Martin Persson"])
def test_presenter_label_lines(line):
    text = f"# Arbetsgrupp klimatanpassning 2023-09-05\n\n## 2. Skyfallskartering\n{line}\n\nMartin presenterade karteringen.\n\n## 3. Övrigt\nInget.\n"
    its = items(text, "notes.md")
    assert presenters(its[0]) == ["Martin Persson"]
    assert_spans(text, its)


def test_name_in_parentheses_after_a_title():
    text = ("Minnesanteckningar ledningsgrupp 2016-09-12\n\n1. Föregående minnesanteckningar\nGodkändes.\n\n"
            "2. Folkhälsoplan 2017–2020 – remiss (Åsa Grahn, KLF)\nFörslaget diskuterades.\n\n3. Övrigt\nInget.\n")
    its = items(text)
    assert its[1].title == "Folkhälsoplan 2017–2020 – remiss"
    assert presenters(its[1]) == ["Åsa Grahn"]
    assert_spans(text, its)


def test_a_name_with_a_colon_starting_a_line_presents_in_notes():
    text = (NOTES_HEAD + "1. Kommunrunda\nAnna Wik: Regionfullmäktige väntas anta strategin i februari.\n\n"
            "2. Övrigt\nTomas: Inget nytt. Jonas Mellberg berättade om webben.\n")
    its = items(text)
    assert presenters(its[0]) == ["Anna Wik"]
    assert presenters(its[1]) == ["Jonas Mellberg"]   # a verb outranks a speaker's colon


@pytest.mark.parametrize("labels, expected", [
    ("", ["Tony Mufic"]),                                           # notes without label lines: the verb tells
    ("Föredragande: Julia Dahl\n", []),                             # label lines are the convention: "går igenom" is discussion
])
def test_weak_verbs_count_only_where_no_label_lines_name_presenters(labels, expected):
    text = (f"Minnesanteckningar LG 2022-10-20\n\nDeltagare: Tony Mufic, Julia Dahl\n\n1. Verksamhetsplan\n{labels}"
            "Planen diskuterades i gruppen.\n\n2. Återkoppling från föregående möte\n"
            "Tony går igenom vad som hänt med punkterna från förra mötet.\n\n3. Övrigt\nInget.\n")
    assert presenters(items(text)[1]) == expected


def test_verb_before_its_subject_and_a_place_after_a_name():
    text = ("Anteckningar kommundirektörsgruppen 2019-03-01\n\n09.40 Innovation\n"
            "Efter förfrågan delar Lisa Olsson, innovationschef i Helsingborg, med sig av sitt arbete.\n\n"
            "10.30 Samhällsorientering\nMaria Norrby Helsingborg och Mikael Borgarve Bjuv berättade om ett förslag.\n\n"
            "11.00 Försöksverksamhet\nMaria och Mikael berättade om kommittén.\n")
    its = items(text)
    assert presenters(its[0]) == ["Lisa Olsson"]
    assert presenters(its[1]) == ["Maria Norrby", "Mikael Borgarve"]
    assert [p.affiliation.text for p in its[1].presenters] == ["Helsingborg", "Bjuv"]
    assert presenters(its[2]) == ["Maria Norrby", "Mikael Borgarve"]
    assert_spans(text, its)


@pytest.mark.parametrize("body, expected", [
    ("Kommundirektör Marie Holmgren och ekonomichef Fredrik Ahlström presenterar\nförslaget till budget.",
     ["Marie Holmgren", "Fredrik Ahlström"]),
    ("EF: Upparbetat 3,1 mnkr. Driftbudget presenteras för styrgruppen.", ["Emelie Frisk"]),
])
def test_titles_inside_a_subject_and_initials_with_a_colon(body, expected):
    text = ("Projektgrupp nytt badhus 2018-10-10\n\nNärvarande: Emelie Frisk (EF), controller\n\n"
            f"1. Ekonomi\n{body}\n\n2. Övrigt\nInget.\n")
    assert presenters(items(text)[0]) == expected


def test_a_title_under_its_heading_wraps_onto_a_lower_case_line():
    text = ("Socialnämndens individutskott\nProtokoll 2020-05-12\n\nSNIU § 201\n"
            "Ansökan hos förvaltningsrätten om vård enligt lagen med särskilda bestämmelser\n"
            "om vård av unga (LVU), 2 § – pojke född 2007\nSekretess enligt 26 kap. 1 § OSL.\n\n"
            "SNIU § 202\nAnmälan av delegationsbeslut\nBeslutet läggs till handlingarna.\n")
    its = items(text)
    assert [it.ordinal for it in its] == [201, 202]
    assert its[0].title.endswith("särskilda bestämmelser om vård av unga (LVU), 2 § – pojke född 2007")
    assert its[1].title == "Anmälan av delegationsbeslut"
    assert_spans(text, its)



@pytest.mark.parametrize("text", [
    # an association's board: the item's first line of text is a sentence in lower case
    ("Protokoll fört vid föreningens styrelsemöte den 4.9.2018\n\n1. Mötet öppnas\nOrdförande öppnade mötet.\n\n"
     "2. Vårens verksamhet\njanuari: förslag finns att föreningen besöker biblioteket.\n\n3. Övrigt\nInget.\n"),
    # a ledningsgrupp's notes: the same under a § heading
    (NOTES_HEAD + "§ 1 Incheckning\nAlla berättade kort.\n\n§ 2 Vårens verksamhet\n"
     "enligt plan, inga ändringar sedan förra mötet.\n\n§ 3 Övrigt\nInget.\n"),
])
def test_a_sentence_under_a_short_heading_is_not_the_rest_of_its_title(text):
    its = items(text)
    assert [it.title for it in its][1] == "Vårens verksamhet"
    assert_spans(text, its)


@pytest.mark.parametrize("text", [
    # a road association's årsstämma copied from a web page: every entry "1."
    ("Protokoll från årsstämma i vägsamfälligheten\n\nTid: Lördagen den 12 juli 2014, kl. 10.00\n\n"
     " 1. Val av ordförande för stämman.\n\nLars Jacobsson valdes till ordförande.\n\n"
     " 1. Val av sekreterare för stämman.\n\nGraham Ainscough valdes till sekreterare.\n\n"
     " 1. Styrelsens verksamhetsberättelse\n\nLars Jacobsson gick igenom berättelsen.\n"),
    # a ledningsgrupp's notes in Markdown
    ("# Ledningsgrupp 2023-05-16\n\nNärvarande: Anna Wik, Jonas Mellberg\n\n1. Incheckning\nAlla berättade kort.\n"
     "1. Val av justerare\nJonas valdes.\n1. Styrelsens verksamhetsberättelse\nAnna Wik informerade.\n"),
])
def test_a_list_whose_every_entry_is_one_gives_items_without_numbers(text):
    its = items(text)
    assert [it.title for it in its][1:] == ["Val av sekreterare för stämman" if "stämman" in text else "Val av justerare",
                                            "Styrelsens verksamhetsberättelse"]
    assert len(its) == 3 and all(it.ordinal is None for it in its)
    assert_spans(text, its)


def test_a_list_of_ones_inside_an_item_gives_no_items():
    text = (NOTES_HEAD + "1. Budget\nVi går igenom posterna:\n1. Lokaler\n1. Personal\n1. Resor\n\n"
            "2. Övrigt\nInget.\n")
    assert [it.title for it in items(text)] == ["Budget", "Övrigt"]


@pytest.mark.parametrize("text, titles, decisions", [
    # a pensioners' association board: "§N." heading, title and first sentence on one line
    ("Protokoll 2025-11-19\n\n§1. Mötets öppnande. Ordförande förklarar sammanträdet öppnat.\n\n"
     "§2. Godkännande av dagordning. Dagordningen godkänns.\n\n§3. Rapporter. Ett antal rapporter lämnas.\n",
     ["Mötets öppnande", "Godkännande av dagordning", "Rapporter"], [[], ["Dagordningen godkänns."], []]),
    # a ledningsgrupp's notes: "N." heading, the same
    (NOTES_HEAD + "1. Incheckning. Alla berättade kort.\n2. Budget. Styrelsen godkände budgeten för 2024.\n"
     "3. Rapport fr. Socialnämnden\nInget nytt.\n",
     ["Incheckning", "Budget", "Rapport fr. Socialnämnden"], [[], ["Styrelsen godkände budgeten för 2024."], []]),
])
def test_a_sentence_after_the_title_on_its_heading_line_is_the_items_text(text, titles, decisions):
    its = items(text)
    assert [it.title for it in its] == titles
    assert [[d.text for d in it.decisions] for it in its] == decisions
    assert_spans(text, its)


@pytest.mark.parametrize("text", [
    # a pensioners' association's monthly meeting: "§" typed as "$"
    ("Protokoll fört vid månadsmöte med SPF Seniorerna\nNärvarande : 40 medlemmar\n$1 Mötets öppnande\n"
     "Ordföranden förklarade mötet öppnat.\n$2 Inkomna skrivelser\nInga.\n$3 Övriga frågor\nInga.\n"),
    # a board's protokoll read by OCR
    ("Styrelsen för Bygdegårdsföreningen\nProtokoll 2004-03-10\n\n$ 12 Val av justerare\nAnna Berg valdes.\n\n"
     "$ 13 Ekonomi\nKassören redovisade.\n\n$ 14 Övriga frågor\nInga.\n"),
])
def test_a_dollar_sign_before_the_number_is_a_paragraph_sign(text):
    its = items(text)
    assert len(its) == 3 and its[0].ordinal == (12 if "$ 12" in text else 1) and its[-1].title == "Övriga frågor"
    assert_spans(text, its)


@pytest.mark.parametrize("text, titles", [
    # a project group's notes in Markdown: bold headings with a hard line break, an italic one
    ("Anteckningar från arbetsmöte\n============================\n\nNärvarande:\\\n\n- Vilma Canfjorden\n- Tomas Strid\n\n"
     "**Rekapitulering**\\\nDet noterades att det saknades anteckningar från senaste mötet och vi rekapitulerade.\n\n"
     "***Nyckelhantering***\\\nTomas Strid rapporterade att han har utformat ett förslag som är formulerat i ett dokument.\n",
     ["Rekapitulering", "Nyckelhantering"]),
    # a ledningsgrupp's notes: the same marks on plain headings
    (NOTES_HEAD + "_Ekonomi_\nTomas Lövgren redovisar utfallet för perioden och prognosen för helåret.\n\n"
     "**Övrigt**\\\nInga övriga frågor togs upp vid dagens möte, och mötet avslutades.\n", ["Ekonomi", "Övrigt"]),
])
def test_markdown_emphasis_and_line_breaks_around_a_heading_are_layout(text, titles):
    its = items(text)
    assert [it.title for it in its] == titles
    assert_spans(text, its)

@pytest.mark.parametrize("text, item, subtitles", [
    ("Protokoll styrelsemöte 2004-03-10\n\n§ 9. Inkomna skrivelser\na) Bygdegårdarnas Riksförbund: Inbjudan till stämma.\n"
     "b) Länsförsäkringar Gävleborg: Ny premie för 2004.\n\n§ 10. Övriga frågor\nInga.\n\n§ 11. Mötets avslutande\nTack.\n", 0,
     ["Bygdegårdarnas Riksförbund", "Länsförsäkringar Gävleborg"]),
    ("Socialnämnden protokoll 2008-05-20\n\n§ 70 Meddelanden\nInga.\n\n§ 71 Information\n\n a) Boende för ensamkommande barn\n"
     " Kerstin Hedman informerar om förfrågan.\n\n b) Ny lagstiftning\n Texten om lagen.\n\n§ 72 Övrigt\nInget.\n", 1,
     ["Boende för ensamkommande barn", "Ny lagstiftning"]),
])
def test_lettered_sub_topics_are_subtitles(text, item, subtitles):
    its = items(text)
    assert [s.text for s in its[item].subtitles] == subtitles
    assert len(its) == 3
    assert_spans(text, its)


# --- sub-topics with their own presenters and decisions ---------------------------------------------

@pytest.mark.parametrize("text, item, expected", [
    # ledningsgrupp notes: plain headings under a numbered item, each with its presenter line
    (NOTES_HEAD + "1. Verksamhetsplan\n\nVP- matematikplanen\nFöredragande: Anna Wik\n\nAnna går igenom planen. "
     "Ledningsgruppen godkänner planen.\n\nVad innebär den nya domen\nFöredragande: Jonas Mellberg\n\n"
     "Jonas redogör för domen.\n\n2. Avslut\n\nMötet avslutas.\n", 0,
     [("VP- matematikplanen", ["Anna Wik"]), ("Vad innebär den nya domen", ["Jonas Mellberg"])]),
    # protokoll: lettered sub-topics, the second with a presenter named in its text
    ("Socialnämnden protokoll 2008-05-20\n\n§ 70 Meddelanden\nInga.\n\n§ 71 Information\n\n a) Boende för ensamkommande barn\n"
     " Föredragande: Kerstin Hedman\n Förfrågan från Migrationsverket.\n\n b) Ny lagstiftning\n Texten om lagen.\n\n§ 72 Övrigt\nInget.\n", 1,
     [("Boende för ensamkommande barn", ["Kerstin Hedman"]), ("Ny lagstiftning", [])]),
])
def test_a_sub_topic_has_its_own_presenters(text, item, expected):
    it = items(text)[item]
    assert [(s.title.text, [p.name for p in s.presenters]) for s in it.subtopics] == expected
    assert [s.title for s in it.subtopics] == list(it.subtitles)      # one sub-topic a subtitle
    for s in it.subtopics:
        assert text[s.span.start:s.span.end] == s.span.text
        assert s.span.start == s.title.start and s.span.end <= it.span.end
        assert all(s.span.start <= p.span.start < s.span.end for p in s.presenters)


def test_text_before_the_first_sub_topic_stays_the_items():
    text = (PROTOKOLL_HEAD + "§ 12 Information\nFöredragande: Lena Berg\nÖversikt av läget.\n\n a) Skolskjuts\n"
            " Texten om skolskjuts.\n\n b) Lokaler\n Texten om lokaler.\n\n§ 13 Övrigt\nInget.\n")
    it = items(text)[0]
    assert [s.title.text for s in it.subtopics] == ["Skolskjuts", "Lokaler"]
    assert presenters(it) == ["Lena Berg"]
    assert all(not s.presenters for s in it.subtopics)


@pytest.mark.parametrize("text, title", [
    # a PDF viewer's web copy: the item's text runs on after its title, a citizen's name first
    ("SAMMANTRÄDESPROTOKOLL Tekniska nämnden 2006-04-12\n\n4 SANDVIKENS KOMMUN SAMMANTRÄDESPROTOKOLL 4 (11) "
     "Tekniska nämnden 2006-04-12 TN 38 Dnr 2006/009 Medborgarförslag om belysning på gång- och cykelvägen vid "
     "Storsjöstrand Eva Wiklander, Sandviken, föreslår att gång- och cykelvägen längs Storsjöstrand förses med "
     "belysning. Kostnaden beräknas till 820 000 kr. Tekniska nämnden beslutar att bifalla medborgarförslaget. "
     "TN 39 Dnr 2006/040 Yttrande till Vägverket Region Mitt Rune Åström redogör för förslaget. Tekniska nämnden "
     "beslutar att tillstyrka förslaget.\n",
     "Medborgarförslag om belysning på gång- och cykelvägen vid Storsjöstrand"),
    # a text export of a kommunfullmäktige protokoll flattened the same way
    ("PROTOKOLL Kommunfullmäktige 2019-04-29\n\n3 LUDVIKA KOMMUN SAMMANTRÄDESPROTOKOLL Sida 3 (9) KF 45 Dnr KS 2019/88 "
     "Motion om fler laddstolpar i Grängesberg Anna Holm (C) föreslår i en motion att kommunen bygger ut laddstolpar. "
     "Kommunfullmäktige beslutar att bifalla motionen. KF 46 Dnr KS 2019/90 Val av revisor Per Lind (S) väljs. "
     "Kommunfullmäktige beslutar att välja Per Lind.\n",
     "Motion om fler laddstolpar i Grängesberg"),
])
def test_a_flattened_title_ends_where_a_person_begins_the_text(text, title):
    m = segment(doc(text))
    assert title in [it.title for it in m.items]


@pytest.mark.parametrize("text, titles", [
    # a styrgrupp's protokoll: points numbered "1:" with or without a space
    ("Protokoll från styrgruppsmöte\nNärvarande: Eva Lund, Per Holm\n1:Mötet öppnas\nOrdföranden hälsade välkommen.\n"
     "2:Val av justerare\nPer Holm valdes.\n3: Föregående protokoll\nProtokollet lades till handlingarna.\n",
     ["Mötet öppnas", "Val av justerare", "Föregående protokoll"]),
    # a förening's årsmöte
    ("Årsmöte 2022\n1: Mötets öppnande\n2: Val av mötesordförande\n3: Fastställande av dagordning\n4: Verksamhetsberättelse\n",
     ["Mötets öppnande", "Val av mötesordförande", "Fastställande av dagordning", "Verksamhetsberättelse"]),
])
def test_points_numbered_with_a_colon(text, titles):
    m = segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))
    assert [it.title for it in m.items] == titles


def test_times_and_two_colon_points_are_no_numbering():
    text = "Anteckningar\n13:00 Lunch\n1: Inledning\nText.\n2: Avslutning\nText.\n"
    m = segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))
    assert not [it for it in m.items if it.title in ("Inledning", "Avslutning")]


@pytest.mark.parametrize("text, expected", [
    # a board's web minutes: a visit to the board to present the item, and one told verb first
    ("Äldrenämnden 2020-05-26\n\n1 Nämndspecifik utbildning\n\nBeskrivning av ärendet\nEnhetschef Lova Åkerlund "
     "kommer till nämnden för att berätta om beredskapslagret. Vidare kommer anhörigkonsulent Elsa Brandt till "
     "sammanträdet för att ge nämnden en introduktion i sin yrkesroll.\n\n2 Övrigt\nInget.\n",
     ["Lova Åkerlund", "Elsa Brandt"]),
    # a steering group's notes
    ("Minnesanteckningar styrgrupp 2021-02-04\n\n1. Lägesrapport\nJonas Mellberg kommer till styrgruppen för att "
     "redogöra för upphandlingen.\n\n2. Övrigt\nInget.\n", ["Jonas Mellberg"]),
])
def test_a_visit_to_the_meeting_to_present(text, expected):
    its = items(text)
    assert presenters(its[0]) == expected
    assert_spans(text, its)


@pytest.mark.parametrize("body", [
    "Ärendet kommer till nämnden för att beslutas i juni.",                  # no person
    "Lova Åkerlund kommer till nämnden i juni.",                             # a visit, no purpose told
    "Kommer Lova Åkerlund till mötet? Det är oklart.",                       # a question, not a visit to present
])
def test_no_visitor_presenter_where_the_text_names_none(body):
    text = f"Protokoll äldrenämnden 2020-05-26\n\nNärvarande: Lova Åkerlund\n\n§ 5 Utbildning\n{body}\n\n§ 6 Övrigt\nInget.\n"
    assert presenters(items(text)[0]) == []



@pytest.mark.parametrize("text, titles", [
    # abbreviations before a capitalised word end no title
    ("Styrelsens protokoll 2023-03-14\n\n§ 1. Rapport från ordf. Lars Ek\nText.\n\n§ 2. Skrivelse ang. Parkering vid skolan\n"
     "Text.\n\n§3. Övrigt. Inget.\n", ["Rapport från ordf. Lars Ek", "Skrivelse ang. Parkering vid skolan", "Övrigt"]),
    # a title wrapped beside a Dnr column still goes on below
    (PROTOKOLL_HEAD + "§ 45 Ansökan om bidrag till            Dnr KS 2023/123\nföreningen Hembygden\n\nText om ärendet.\n\n"
     "§ 46 Övrigt\nInget.\n", ["Ansökan om bidrag till föreningen Hembygden", "Övrigt"]),
])
def test_titles_around_abbreviations_and_dnr_columns(text, titles):
    assert [it.title for it in items(text)] == titles


def test_a_wrapped_list_of_ones_is_no_agenda():
    text = (NOTES_HEAD + "Att göra\n1. Anna bokar lokalen\n   senast den 1 juni\n1. Per skickar inbjudan\n   till alla\n"
            "1. Eva ordnar fika\n   och kaffe\n")
    assert len(items(text)) <= 1
