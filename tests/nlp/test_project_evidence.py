"""Projects from evidence (kg/nlp/ ProjectFinder, ProjectEvidence; kg/extract/projects.py).

A name a project word introduces is a project; a name found by its shape alone is one only where
its line treats it as something people work on. Snippets of several genres: steering and project
group notes, Markdown working-group notes, formal protokoll, web summaries, network notes.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.models import Document, Minutes, Span


def document(text: str) -> Document:
    return Document(identifier="snippet.txt", path="snippet.txt", text=text, media_type="text/plain", sha256="0")


def projects(text: str, **kw) -> set[str]:
    ex = extract(Minutes(document=document(text), **kw))
    return {m.name for m in ex.mentions if m.kind == "project"}


# --------------------------------------------------------------------------- cue rules

@pytest.mark.parametrize(
    "text, project",
    [
        # steering group / project group notes: a label opening the line
        ("Projekt Nytt badhus – projektgruppsmöte\n\nMötesanteckningar 2018-10-10\n", "Nytt badhus"),
        ("Projekt e-arkiv Norra Kalmar län (ENKL)\nAnteckningar från styrgruppens möte\n",
         "E-arkiv Norra Kalmar län"),
        ("Styrgrupp Heltid som norm – Östersunds kommun\nMinnesanteckningar 2017-03-02\n", "Heltid som norm"),
        # Markdown working-group notes: a heading a dash calls a project
        ("**Möte 4**\n🗂 Digital delaktighet i Gävleborg (DDG) – samverkansprojekt mellan kommunerna\n",
         "Digital delaktighet i Gävleborg"),
        # management group notes: an assignment heading
        ("▪ Politisk organisation 2027 – uppdrag från KS\nAnna redogör för uppdraget.\n", "Politisk organisation 2027"),
        # formal protokoll: a programme after "inom"
        ("Kerstin informerar om att 24 undersköterskor påbörjar utbildning inom\n Kompetensstegen under hösten.\n",
         "Kompetensstegen"),
        ("Bolaget har sökt bidrag från Naturvårdsverket inom Klimatklivet för att sätta upp laddstolpar.\n",
         "Klimatklivet"),
        ("Göran redogjorde för stödet till bredband inom landsbygdsprogrammet. Medlen är slut.\n",
         "Landsbygdsprogrammet"),
        ("Arbetet bedrivs inom ramen för Leader Sjuhärad under 2024.\n", "Leader Sjuhärad"),
        # web copy of a protokoll: "projektet X"
        ("Kommunstyrelsen beslutar att medfinansiera projektet Kompetensnav Lerum med 450 000 kronor.\n",
         "Kompetensnav Lerum"),
        ("Gustav berättade om kampanjen Digitalidag den 17 oktober.\n", "Digitalidag"),
    ],
)
def test_a_project_word_introduces_a_project(text, project):
    assert project in projects(text)


# --------------------------------------------------------------------------- shape plus evidence

@pytest.mark.parametrize(
    "text, project",
    [
        # a work word before the name, across a wrapped line
        ("Det kan vara en del av utvecklingsarbetet\nkopplat till H22. Nästa steg är en kalkyl.\n", "H22"),
        ("Förvaltningen ska koordinera Staden som samhällsbyggare.\n", "Staden som samhällsbyggare"),
        # words after the name that introduce a new undertaking, shared by a coordination
        ("o Chatbot Sally som har tagits i bruk\nHbg Works och Mitt Helsingborg - ett digitalt kontaktcenter\n",
         "Hbg Works"),
        ("o Chatbot Sally som har tagits i bruk\nHbg Works och Mitt Helsingborg - ett digitalt kontaktcenter\n",
         "Mitt Helsingborg"),
        # a compound of a project word opening a capitalised run names the project after it
        ("6. Kommunrunda\n- Berg: Föräldrastödsprogrammet ABC startar i januari.\n", "ABC"),
        # a heading that holds only the name and its days
        ("Arbetet fortsätter.\n\nCuriosity Mashup 1-2 juni\n\nDet var givande att vara med.\n", "Curiosity Mashup"),
        # a bullet topic
        ("o Skoltempen - Niklas har tagit fram en ny version.\n", "Skoltempen"),
        # a project word near the name on its line
        ("grupper som exempelvis Digitalt utanförskap, Hälsoprojektet, med flera.\n", "Digitalt utanförskap"),
        # a period plan that is no routine instrument
        ("## 5. Klimatanpassningsplan 2023–2026\nDiskussion om struktur.\n", "Klimatanpassningsplan 2023–2026"),
        ("e arbetet med den nya miljö- och hälsoskyddsplanen för 1993-1995,\n",
         "Miljö- och hälsoskyddsplanen för 1993-1995"),
    ],
)
def test_a_name_its_line_treats_as_work_is_a_project(text, project):
    assert project in projects(text)


# --------------------------------------------------------------------------- what is no project

@pytest.mark.parametrize(
    "text",
    [
        # form labels and table headers (protokoll, action lists)
        "Justerade paragrafer\n\nSida 2 av 4\n\nParti Ja Nej Avstår\nAnna Holmberg (S) ordf.  X\n",
        "Åtgärdslista\nNr  Aktivitet                            Ansvarig   Klart\n1   Möte med simklubb   KÅ   17/10\n",
        "Uppföljning/åtgärdslista\nVem                 Vad                   När\nLinda    Kallelse   1/3\n",
        # a person, also with a given name the lists do not know, and an @-mention
        "Bygglovshandläggare Niklas Brandt föredrar ärendet.\n",
        "Närvarande: Géran Hjort (skolchef, ordf.), Malin Axén\n",
        "@Maria Sjöberg går igenom rapporteringskraven för projektet.\n",
        # bodies and places
        "Frågan överlämnas till Stora Östergatan och Södra Sandby för yttrande.\n",
        "Kommunal Sydost, Vision Västervik och Vårdförbundet Kalmar län\n",
        "**Nästa möte:** 8 november kl. 13:00, Rådhus Skåne\n",
        "Underlaget skickas till ansvariga inom Regionen.\n",
        # budgets, plans, reports, taxes as such
        "Budget 2023 och verksamhetsplan 2023–2025\nRegionstyrelsen föreslår fullmäktige att fastställa budget.\n",
        "BUN 20 Dnr BUN 2013/08 Internbudget 2013 Förvaltningschef Marie Kvist föredrar.\n",
        "Driftbudget 2020 per nämnd, mnkr\n",
        "Fastigheten ligger inom detaljplan för Karlholmsbruk, laga kraft 1987.\n",
        "hur verksamhetsplanen för HSS kommunicerats\n",
        "- Ny PBL-taxa: arbetet med en taxa enligt SKR pågår.\n",
        # agenda titles as such, web furniture, a steering group in a table row
        'Dagordningen godkändes med tillägget "Sommarens feriejobb" under övrigt.\n',
        'Genom att klicka på "Godkänn alla" godkänner du att vi använder kakor.\n',
        # a download link's quoted file name in a viewer copy of a PDF, and on a kommun's web page
        'Download "SAMMANTRÄDESPROTOKOLL Barn- och utbildningsnämnden Sammanträdesdatum 2013-03-19"\n',
        'Ladda ner "Protokoll kommunstyrelsen 2020-05-11" (pdf, 245 kB)\n',
        "Dela sidan   Facebook   LinkedIn   E-post\n",
        "3   Kapitalkostnader till styrgrupp           EF         7/11\n",
        "Alternativ A innebär om- och tillbyggnad av skolan.\n",
        "Styrgruppen beslutar att godkänna tidplanen.\n",
    ],
)
def test_no_project_without_evidence(text):
    assert projects(text) == set()


def test_a_project_in_the_name_of_the_group_that_met():
    """The body's name holds the project a project word introduced, not any capitalised word."""
    text = "Projekt Nytt badhus – projektgruppsmöte\n\nMötesanteckningar 2018-10-10\n"
    body = Span(0, text.index("\n"), text[:text.index("\n")])
    assert projects(text, body=body) == {"Nytt badhus"}
    text = "Ledningsgrupp Norra Skolor\n\nMinnesanteckningar 2018-10-10\n"
    body = Span(0, text.index("\n"), text[:text.index("\n")])
    assert projects(text, body=body) == set()


# --------------------------------------------------------------------------- item titles

from kg.segment import segment  # noqa: E402


def segmented_projects(text: str) -> set[str]:
    ex = extract(segment(document(text)))
    return {m.name for m in ex.mentions if m.kind == "project"}


def segmented_persons(text: str) -> set[str]:
    ex = extract(segment(document(text)))
    return {m.name for m in ex.mentions if m.kind == "person"}


NETWORK_NOTES = ("Minnesanteckningar från nätverksträff\n\n1. Välkommen\nKarin hälsade välkommen.\n\n"
                 "2. {title}\n{body}\n\n3. Övrigt och nästa möte\nNästa möte hålls i mars.\n")
PROTOKOLL = ("PROTOKOLL\nKultur- och fritidsnämnden\n\n§ 4    Anmälan av delegationsbeslut\n"
             "Delegationsbesluten anmäls.\n\n§ 5    {title}\n{body}\nBeslut\nInformationen läggs "
             "till handlingarna.\n\n§ 6    Övriga frågor\nInga övriga frågor.\n")


@pytest.mark.parametrize(
    "template, title, body, project",
    [
        # a project word of the item's text refers back to the title
        (PROTOKOLL, "Information om meröppet bibliotek i Västerby",
         "Bibliotekschefen informerar om att filialen blir meröppen. Besöken har ökat. "
         "Projektet har fått stöd från regionen.", "Meröppet bibliotek i Västerby"),
        (NETWORK_NOTES, "Trygg i skolan – läget",
         "Samordnaren berättade om läget. Satsningen pågår i fyra kommuner.", "Trygg i skolan"),
        # a survey word refers back to a title that names the survey with its year
        (NETWORK_NOTES, "Liv och hälsa ung 2019",
         "Maja presenterade planeringen av nästa enkät.\nEnkäten genomförs under mars–april.",
         "Liv och hälsa ung 2019"),
        (PROTOKOLL, "Barns hälsa i Västerby 2022",
         "Kommunchefen redovisar resultatet. Undersökningen visar ett ökat förtroende.",
         "Barns hälsa i Västerby 2022"),
        # a building undertaking on a named property
        (PROTOKOLL, "Nyproduktion kv. Eken – beslut om byggstart",
         "Upphandlingen är klar. Byggstart sker i januari.", "Nyproduktion kv. Eken"),
        (NETWORK_NOTES, "Ombyggnad kvarteret Lärkan – tidplan",
         "Fastighetschefen visade tidplanen.", "Ombyggnad kvarteret Lärkan"),
        # a trial named by what it is about
        (NETWORK_NOTES, "Försöksverksamhet arbetsmarknad",
         "Maria berättade om underlaget kring försöksverksamhet som nätverket tar fram.",
         "Försöksverksamhet arbetsmarknad"),
        (PROTOKOLL, "Pilotverksamhet med digitala besök – information",
         "Förvaltningen redovisar erfarenheterna.", "Pilotverksamhet med digitala besök"),
        # a one-word undertaking
        (NETWORK_NOTES, "Heltidsresan – lägesrapport",
         "Lina presenterade läget i arbetet med heltid som norm.", "Heltidsresan"),
        (PROTOKOLL, "Digitaliseringslyftet",
         "Förvaltningen redovisar arbetet under året.", "Digitaliseringslyftet"),
    ],
)
def test_an_item_title_the_text_treats_as_a_project(template, title, body, project):
    assert project in segmented_projects(template.format(title=title, body=body))


def test_a_name_in_the_title_of_a_project_is_no_person():
    text = NETWORK_NOTES.format(title="Liv och hälsa ung 2019",
                                body="Maja presenterade enkäten.\nEnkäten genomförs under mars.")
    assert "Liv" not in segmented_persons(text)


@pytest.mark.parametrize(
    "template, title, body",
    [
        # a report about a project named elsewhere
        (NETWORK_NOTES, "Lägesrapport från projektledaren", "Projektet ligger i fas med tidplanen."),
        (PROTOKOLL, "Uppföljning och rapportering till Tillväxtverket",
         "Rapporten lämnas i juni. Projektet redovisar sina kostnader."),
        # a survey word under a title without a year: a topic
        (NETWORK_NOTES, "Skolans trygghetsarbete", "Enkäten visar att fler elever känner sig trygga."),
        # a one-word title is a topic
        (PROTOKOLL, "Ekonomi", "Projektet har fått stöd från regionen."),
        (NETWORK_NOTES, "Försöksverksamhet", "Nätverket diskuterade försöksverksamhet."),
        # a project word naming something else
        (PROTOKOLL, "Information om biblioteken", "Projektet Läslust startar i höst."),
        # a trip, not an undertaking; a building word without a property
        (NETWORK_NOTES, "Studieresan till Oslo", "Resan genomförs i maj."),
        (PROTOKOLL, "Nyproduktion av bostäder – information", "Bolaget informerar."),
        # a lower-case undertaking word is no name
        (NETWORK_NOTES, "Kompetens", "Alla gick igenom kompetenslyftet för lärare."),
    ],
)
def test_no_item_title_project_without_evidence(template, title, body):
    found = segmented_projects(template.format(title=title, body=body))
    assert title not in found and title.split(" – ")[0] not in found
    assert not {p for p in found if p.lower().startswith(("lägesrapport", "uppföljning", "ekonomi", "skolans",
                                                             "studieresan", "nyproduktion", "kompetens",
                                                             "försöksverksamhet"))}


def test_a_capitalised_undertaking_in_mid_sentence():
    text = PROTOKOLL.format(title="Motion om vuxenutbildning på distans",
                            body="Vuxenutbildningen erbjuder kurser och det statliga Kompetenslyftet ger "
                                 "möjlighet att bygga ut verksamheten.")
    assert "Kompetenslyftet" in segmented_projects(text)
