"""What names no project (kg/nlp/ ProjectFinder, ProjectEvidence): a quoted title after a
document's noun, a country or province in mid-sentence, a capitalised ordinary word that opens a
sentence whose full stop a flattened text lost, and a passive verb after a name. Snippets of
several genres: formal protokoll, association board minutes, network notes, flattened PDFs."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.models import Document, Minutes


def projects(text: str) -> set[str]:
    doc = Document(identifier="snippet.txt", path="snippet.txt", text=text, media_type="text/plain", sha256="0")
    return {m.name for m in extract(Minutes(document=doc)).mentions if m.kind == "project"}


@pytest.mark.parametrize(
    "text",
    [
        # council protokoll: a motion's title
        "§ 45 Motion om trygga skolvägar\nKommunfullmäktige beslutar att bifalla motionen \"Trygg skolväg för alla\" "
        "i enlighet med utskottets förslag.\n",
        "§ 70/20 Remissvar - Motion \"Ge plats åt seniorerna\"\nUtskottet föreslår att motionen avslås.\n",
        # association board minutes: a report's title
        "3. Rapporter\nKim föreslår att rapporten \"Läget i föreningen\" skickas ut till medlemmarna före årsmötet.\n",
        # a citizens' proposal and an interpellation
        "§ 9 Medborgarförslag\nNämnden besvarar medborgarförslaget \"Fler bänkar vid ån\" enligt förvaltningens förslag.\n",
        "§ 14 Interpellation\nOla Sten (V) har ställt interpellationen \"Vem tar ansvar för skolmaten\" till ordföranden.\n",
    ],
)
def test_a_quoted_title_after_a_document_noun_is_no_project(text):
    assert projects(text) == set()


def test_a_quoted_undertaking_stays_a_project():
    text = ("4. Information\nNätverket har startat \"Lokal mat på schemat\" tillsammans med tre skolor, "
            "ett projekt som pågår till 2025.\n")
    assert projects(text) == {"Lokal mat på schemat"}


@pytest.mark.parametrize(
    "text, kept",
    [
        # flattened protokoll: partner countries before a project word
        ("§ 8 Internationellt arbete\nFörutom förbundet är organisationer i Estland, Portugal och Ungern partners "
         "i projektet. Ansökan skickas i maj.\n", set()),
        # network notes: countries beside a named project
        ("Minnesanteckningar\nÅsa berättade att kommuner i Norge och Finland deltar i projektet Gränslös Vård "
         "som startar i höst.\n", {"Gränslös Vård"}),
    ],
)
def test_countries_are_places_not_projects(text, kept):
    assert projects(text) == kept


@pytest.mark.parametrize(
    "text, kept",
    [
        # flattened PDF: "projektet. Syftet är ..." with the full stop lost
        ("§ 12 Landsbygd\nFem kommuner är partners i projektet Syftet är att korta väntetiderna för nya företagare.\n",
         set()),
        ("Punkt 3 Samverkan\nRegionen deltar i projektet Målet har varit att fler ska välja tåget.\n", set()),
        # a name after the project word that no verb follows stays
        ("Punkt 3 Samverkan\nRegionen deltar i projektet Tågkraft Norr tillsammans med två kommuner.\n",
         {"Tågkraft Norr"}),
    ],
)
def test_a_lone_ordinary_word_opening_a_sentence_is_no_project(text, kept):
    assert projects(text) == kept


@pytest.mark.parametrize(
    "text, project",
    [
        # association minutes and a flattened decision group protokoll: the verb ends the clause
        ("Punkt 5 Ansökningar\nAnsökan om medel till projektet Hållbar fjällturism godkändes.\n", "Hållbar fjällturism"),
        ("4/ Rapporter\nInvesteringen i samband med projektet Samordnad båttrafik beslutades. Arbetet fortsätter.\n",
         "Samordnad båttrafik"),
    ],
)
def test_a_passive_verb_after_a_name_is_not_part_of_it(text, project):
    assert projects(text) == {project}


@pytest.mark.parametrize(
    "text, found",
    [
        # network notes: an abbreviation, what it stands for, and "och är ett projekt"
        ("2 ABBA ett Interreg-projekt\nLena informerar om ABBA som står för Active Borders Baltic Area och är ett "
         "projekt inom EU-programmet Interreg.\n", {"ABBA", "Active Borders Baltic Area"}),
        # formal protokoll: a relative clause between the name and "är ett projekt"
        ("§ 5 Information\nLena berättade om Trygga Barn, som startade i fjol och är ett projekt inom förvaltningen.\n",
         {"Trygga Barn"}),
    ],
)
def test_the_name_a_relative_clause_follows_is_the_project(text, found):
    assert found <= projects(text)


@pytest.mark.parametrize(
    "text",
    [
        # the noun is no project word; a person is no project
        "§ 6 Rapport\nNämnden, som sammanträdde i maj och är ett organ för samråd, fick information.\n",
        "§ 7 Samverkan\nStyrgruppen tackade Anna Holm som har lett arbetet sedan start och är ett stöd för projektet.\n",
        # the relative clause stands in another sentence
        "§ 8 Övrigt\nGruppen träffade Lena Berg. Hon som leder arbetet och är ett stöd för alla.\n",
    ],
)
def test_no_relative_clause_project_without_its_cue(text):
    assert projects(text) == set()
