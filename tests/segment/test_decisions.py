"""Decision rules of kg/segment/decisions.py and decision_cues.py on short snippets of several
genres: formal protokoll (§ items, labels), working notes, association minutes, MBL negotiations,
web summaries ("beslut i korthet")."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import decision_cues as cues
from kg.segment import segment
from kg.segment.page import fold


def doc(text: str, name: str = "x.txt") -> Document:
    return Document(identifier=name, path=name, text=text, media_type="text/plain", sha256="0" * 64)


def decisions(text: str) -> list[str]:
    m = segment(doc(text))
    out = [d.text for d in m.decisions] + [d.text for it in m.items for d in it.decisions]
    for it in m.items:
        for d in it.decisions:
            assert m.document.text[d.span.start:d.span.end] == d.span.text
    return out


@pytest.mark.parametrize("sentence", [
    "KPR beslutade att bjuda in Skånetrafiken till rådets möte i december.",          # council minutes
    "Ledningsgruppen beslutar att godkänna planen.",                                    # working notes
    "Styrelsen godkände budgeten för 2024.",                                            # company board
    "Mötet enades om att ses igen i maj.",
    "Beslutades att lägga den ekonomiska redovisningen till handlingarna.",             # association
    "Arbetsutskottet föreslår kommunstyrelsen besluta att godkänna uppföljningen.",     # KSAU
    "Arbetsutskottet föreslår barn- och utbildningsnämnden besluta att anta riktlinjerna.",
    "Dagordningen godkändes.",
    "Meddelandena läggs till handlingarna.",
    "Att jämte ordföranden justera dagens protokoll utses Margit Ståhl (m).",
    "Gösta Mellqvist valdes att jämte ordföranden justera protokollet.",
    "Till justerare från arbetstagarsidan utsågs Hanna Ekström.",
    "Förhandlingen förklaras avslutad i enighet.",                                       # MBL
    "Rådet tackade för informationen.",
    "Informationen noteras.",
    "Redovisade delegationsbeslut godkannes.",                                           # OCR without diacritics
])
def test_decision_sentences(sentence):
    assert cues.decision_start(fold(sentence)) == 0


@pytest.mark.parametrize("sentence", [
    "BUN beslutade den 28 september (BUN § 98) om en åtgärdsplan som nu följs upp.",     # an earlier decision
    "Kommunfullmäktige beslutade 2017-11-27 § 164 att ett nytt badhus ska byggas.",
    "KS beslutade i juni att utreda frågan.",
    "Förvaltningen föreslår kommunstyrelsen besluta att godkänna avtalet.",              # the administration
    "Kent Johansson (KD) föreslår i en motion att kommunen ska erbjuda fria resor.",
    "Thomas Edlund (C) yrkar att motionen ska anses besvarad.",                          # a motion
    "Följande voteringsproposition godkänns: den som bifaller röstar ja.",              # a vote
    "Det noteras att budgeten är i balans.",
    "Ordföranden tackade för visat intresse och förklarade mötet avslutat.",
    "Skattesatsen föreslås oförändrad.",
])
def test_not_decision_sentences(sentence):
    assert cues.decision_start(fold(sentence)) is None


@pytest.mark.parametrize("text, expected", [
    # a socialnämnd's protokoll flattened from PDF: the attendance run ends in the label of the justering
    ("Socialnämnden Protokoll 2016-03-08 Beslutande Anna Berg (S), ordförande Per Ek (M) Övriga deltagande "
     "Utses att justera Lisa Holm Ann Persson, 49, Stefan Lind, 59, 62\n", []),
    # an arbetsutskott's protokoll flattened from a web viewer: the same label after the minute taker
    ("Kommunstyrelsens arbetsutskott 2019-10-28 Närvarande Bo Lind, sekreterare Eva Ros Utses att justera "
     "Kjell Ahl Justeringens plats och tid Stadshuset\n", []),
    # in prose, the same verb in lower case states the decision
    ("Socialnämnden Protokoll 2016-03-08\n\nLisa Holm utses att justera dagens protokoll.\n",
     ["Lisa Holm utses att justera dagens protokoll."]),
])
def test_an_outcome_verb_with_a_capital_inside_a_flattened_run_is_a_label(text, expected):
    assert decisions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a socialnämnd's page with no sentence breaks: the decision begins at the body that decides
    ("Socialnämnden Protokoll 2016-02-16 Övriga deltagande alkoholhandläggare Åsa Nilsson och områdeschef "
     "Marie Lindblom Närvarorätt Utses att justera Socialnämnden beslutar att medge närvarorätt för samtliga närvarande.\n",
     ["Socialnämnden beslutar att medge närvarorätt för samtliga närvarande."]),
    # a KS arbetsutskott's flattened page, the body in capitals
    ("KOMMUNSTYRELSENS ARBETSUTSKOTT 2016-06-09 § 64 Personalkostnader Ekonomichef Anna Berg redovisar utfallet "
     "per verksamhet ARBETSUTSKOTTET BESLUTAR att notera informationen.\n",
     ["ARBETSUTSKOTTET BESLUTAR att notera informationen."]),
    # a person who decides is not a body: nothing begins at the surname
    ("Ledningsgruppen 2023-05-16 Närvarande Anna Wik, Per Ek Övrigt Efter genomgången av läget inför hösten "
     "Per Ek beslutar att skjuta på mötet\n", []),
])
def test_a_body_that_decides_inside_a_flattened_sentence_begins_the_decision(text, expected):
    assert decisions(text) == expected

def test_inverted_verb_in_a_web_summary_starts_the_decision():
    s = "För att underlätta för kaféer beslutade kommunstyrelsen att inte ta ut någon avgift."
    assert cues.decision_start(fold("Efter en lång diskussion i flera omgångar och en ny bedömning beslutade kommunstyrelsen att avvakta.")) is not None
    assert cues.decision_start(fold(s)) is not None


@pytest.mark.parametrize("label, is_label", [
    ("Barn- och utbildningsnämndens beslut", True),
    ("Arbetsutskottets förslag till kommunstyrelsen", True),
    ("Kommunstyrelsens förslag till kommunfullmäktige", True),
    ("Förvaltningens förslag till nämnden", False),
    ("Valberedningens förslag till fullmäktige", False),
    ("Förslag till beslut", False),
    ("Kommunens förslag till budget innebär en ökning", False),
])
def test_proposal_and_body_labels(label, is_label):
    assert (cues.label_rest(fold(label)) is not None) == is_label


PROTOKOLL = """Kommunstyrelsens arbetsutskott
Protokoll 2019-10-14

§ 151 Ekonomisk uppföljning
Dnr KS 2019/0233

Förslag till beslut
Kommunledningsförvaltningen föreslår kommunstyrelsen besluta att godkänna uppföljningen.

Bakgrund
Kommunfullmäktige beslutade 2018-11-26 att anta budgeten.

Arbetsutskottets förslag till kommunstyrelsen
Arbetsutskottet föreslår kommunstyrelsen besluta
att godkänna den ekonomiska uppföljningen,
att uppdra åt SN att redovisa ytterligare åtgärder.

§ 152 Information om förskolan
Dnr KS 2019/0240

Barn- och utbildningsnämndens beslut
Informationen noteras.
"""


def test_protokoll_proposal_label_gives_one_decision_and_skips_other_sections():
    assert decisions(PROTOKOLL) == [
        "Arbetsutskottet föreslår kommunstyrelsen besluta att godkänna den ekonomiska uppföljningen, "
        "att uppdra åt SN att redovisa ytterligare åtgärder.",
        "Informationen noteras.",
    ]


NOTES = """Minnesanteckningar ledningsgrupp 2024-05-02

Närvarande: Anna Berg, Per Ek

1. AI-verktyg
Anna informerar om nya tjänster.
Beslut: LG beslutar att en arbetsgrupp tar fram riktlinjer. Per sammankallar.

2. Övrigt
Städdag: Bestämdes till lördagen den 24 april kl 10.
"""


def test_working_notes_label_on_the_line_and_impersonal_opener_after_a_label():
    got = decisions(NOTES)
    assert "LG beslutar att en arbetsgrupp tar fram riktlinjer." in got
    assert "Bestämdes till lördagen den 24 april kl 10." in got


BOARD = """Protokoll styrelsemöte 2004-03-10

§ 1 Val av justerare
Till att jämte ordföranden justera dagens protokoll valdes Kjell Persson.

§ 2 Lokalförsörjning
Kostnaden beräknas till 62 mnkr.

Styrelsens beslut

Styrelsen ger kassören i uppdrag att begära nya offerter.
"""


def test_label_standing_alone_before_its_text():
    got = decisions(BOARD)
    assert "Till att jämte ordföranden justera dagens protokoll valdes Kjell Persson." in got
    assert "Styrelsen ger kassören i uppdrag att begära nya offerter." in got


# -- a decision section that lists its decisions as bullets, blank lines between them -----------

def _bullet_items(text: str) -> list[list[str]]:
    m = segment(doc(text))
    return [[d.text for d in it.decisions] for it in m.items]


def test_each_bullet_of_a_council_decision_is_a_decision():
    text = ("Kommunfullmäktige 2011-06-16\n\n§66 Avsägelser och fyllnadsval\n\nÄrendebeskrivning\n\n"
            "Följande avsägelser föreligger.\n\nKommunfullmäktiges beslut\n\n- Godkänner avsägelserna.\n\n"
            "- Noterar ny sammanräkning från länsstyrelsen.\n\n§67 Ekonomi\n\nText om ekonomin.\n")
    got = _bullet_items(text)
    assert got[0] == ["Godkänner avsägelserna.", "Noterar ny sammanräkning från länsstyrelsen."]
    assert got[1] == []


def test_each_bullet_of_a_board_decision_is_a_decision():
    text = ("Protokoll styrelsemöte Hyresgästföreningen Ekbacken 2022-03-01\n\n§ 4 Sommarfest\n\n"
            "Styrelsen diskuterade festen.\n\nBeslut:\n- Festen hålls den 12 juni.\n- Kassören får en budget om 5 000 kr.\n\n"
            "§ 5 Övrigt\n\nInget.\n")
    assert _bullet_items(text)[0] == ["Festen hålls den 12 juni.", "Kassören får en budget om 5 000 kr."]


def test_bullets_outside_a_decision_section_and_a_lone_bullet():
    text = ("Kommunfullmäktige 2011-06-16\n\n§66 Avsägelser\n\nÄrendebeskrivning\n\n- Anna Berg avsäger sig uppdraget.\n\n"
            "- Bo Ek avsäger sig uppdraget.\n\nKommunfullmäktiges beslut\n\n- Godkänner avsägelserna.\n\n"
            "Protokollet justeras senare.\n\n§67 Ekonomi\n\nText.\n")
    assert _bullet_items(text)[0] == ["Godkänner avsägelserna."]



@pytest.mark.parametrize("text, expected", [
    # a motion and the chair's question: the body decides in a clause, not here
    ("Kommunstyrelsen\nProtokoll 2023-03-14\n\nAnna Ek (S) yrkar att Kommunstyrelsen beslutar att återremittera ärendet.\n", []),
    ("Kommunstyrelsen\nProtokoll 2023-03-14\n\nOrdföranden ställer frågan om Kommunstyrelsen beslutar att bifalla förslaget.\n", []),
    # an association's minutes typed in capitals
    ("STYRELSEMÖTE 2023-03-14\n\nDAGORDNINGEN GODKÄNDES.\n", ["DAGORDNINGEN GODKÄNDES."]),
])
def test_motions_questions_and_capitals(text, expected):
    assert decisions(text) == expected
