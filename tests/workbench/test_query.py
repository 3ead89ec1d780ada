"""Saved questions and ``kg query``.

Two graphs: ``sample_graph_path`` (the five sample minutes as the pipeline builds them, or the
hand-written graph until it can) for facts the gold annotations state, and the hand-written
``fixture_graph_path`` where a test needs to know every row. Expected values come from
tests/data/gold and the minutes themselves, not from running the queries.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import cli
from kg.workbench.query import (
    PREFIXES,
    QueryError,
    QueryResult,
    bind_values,
    check_required,
    format_csv,
    format_json,
    format_table,
    get_saved,
    list_saved,
    load_graph,
    parse_header,
    parse_param,
    parse_requires,
    run_query,
    shorten,
    to_term,
    where_group_start,
)

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/motesgraf/id/"
REQUIRED = {"presenters", "person", "collaborations", "decisions", "meetings", "cross-department"}
# What the questions that need a parameter are asked with where every question is run.
EXAMPLE = {"roles": {"title": "ledare"}, "person": {"name": "Mats Nilsson"}, "mentions": {"org": "SOF"}, "evidence": {"name": "Julia Dahl"},
           "case": {"dnr": "Dnr KS 2019/0045-042"}}


def norm(text: str | None) -> str:
    """Compare as the gold does: case-insensitive, without diacritics (file 000 is OCR'd)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def gold_files() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("0*.json"))]


def gold(document: str) -> dict:
    return next(g for g in gold_files() if g["document"] == document)


@pytest.fixture(scope="module")
def sample(sample_graph_path: Path) -> ox.Store:
    return load_graph(sample_graph_path)


@pytest.fixture(scope="module")
def fixture(fixture_graph_path: Path) -> ox.Store:
    return load_graph(fixture_graph_path)


def ask(store: ox.Store, question: str, **params: str) -> list[dict[str, str | None]]:
    return run_query(store, get_saved(question).text, params).records()


# ---------------------------------------------------------------------------------------------
# The saved questions themselves
# ---------------------------------------------------------------------------------------------


def test_the_required_saved_questions_ship() -> None:
    assert REQUIRED <= {q.name for q in list_saved()}


@pytest.mark.parametrize("question", list_saved(), ids=lambda q: q.name)
def test_every_saved_question_is_described_and_runs(question, fixture) -> None:
    assert question.title and question.description
    assert question.text.lstrip().startswith("# title:")
    result = run_query(fixture, question.text, EXAMPLE.get(question.name))
    assert result.rows, f"{question.name} found nothing in the fixture graph"


@pytest.mark.parametrize("question", [q for q in list_saved() if q.requires], ids=lambda q: q.name)
def test_a_question_that_needs_a_parameter_answers_nothing_without_one(question, fixture) -> None:
    assert question.name in EXAMPLE and set(EXAMPLE[question.name]) <= set(question.requires)
    assert set(question.requires) <= {p.name for p in question.params}
    assert run_query(fixture, question.text).rows == ()
    with pytest.raises(QueryError, match=f"^{question.name}: needs --param {question.requires[0]}=.*kg query "):
        check_required(question.text, {}, question.name)
    check_required(question.text, EXAMPLE[question.name], question.name)  # given: no error


@pytest.mark.parametrize(
    ("name", "params"),
    [("person", {"name", "person"}), ("mentions", {"org"}), ("items", {"text"}), ("presenters", set()),
     ("people", set()), ("organisations", set()), ("evidence", {"name", "node"})],
)
def test_saved_questions_declare_their_parameters(name, params) -> None:
    assert {p.name for p in get_saved(name).params} == params
    assert all(p.meaning for p in get_saved(name).params)


@pytest.mark.parametrize(("name", "requires", "points_to"),
                         [("person", ("name", "person"), "people"), ("mentions", ("org",), "organisations"),
                          ("items", (), None), ("people", (), None)])
def test_which_questions_need_a_parameter(name, requires, points_to) -> None:
    question = get_saved(name)
    assert question.requires == requires
    assert points_to is None or f"kg query {points_to} " in question.requires_note


def test_requires_line() -> None:
    text = "# title: T\n# param: a - first\n# requires: a or $b - see\n#   the list\nSELECT * WHERE { }\n"
    assert parse_requires(text) == (("a", "b"), "see the list")
    assert parse_header(text)[2] == (parse_header(text)[2][0],)  # the requires line adds no parameter
    assert parse_header(text)[2][0].meaning == "first"
    assert parse_requires("# requires: a | b\nSELECT * WHERE { }") == (("a", "b"), "")
    assert parse_requires("SELECT * WHERE { }") == ((), "")


def test_header_fields_continue_on_indented_comment_lines() -> None:
    text = (
        "# title: Möten\n# description: Alla möten\n#   per organ.\n"
        "# param: name - personens namn\n#   eller smeknamn\nSELECT * WHERE { }\n# title: ignored\n"
    )
    title, description, params = parse_header(text)
    assert title == "Möten"
    assert description == "Alla möten per organ."
    assert [(p.name, p.meaning) for p in params] == [("name", "personens namn eller smeknamn")]


def test_unknown_saved_question_lists_the_names() -> None:
    with pytest.raises(QueryError) as e:
        get_saved("presentors")
    message = str(e.value)
    assert "presentors" in message and "\n" not in message
    assert all(name in message for name in REQUIRED)


# ---------------------------------------------------------------------------------------------
# presenters
# ---------------------------------------------------------------------------------------------


def gold_presenters() -> set[tuple[str, str, str]]:
    return {
        (g["document"], norm(presenter), norm(item["title"]))
        for g in gold_files()
        for item in g["agenda_items"]
        for presenter in item["presenters"]
    }


def test_presenters_are_those_of_the_gold(sample) -> None:
    found = {(r["document"], norm(r["presenter"]), norm(r["item_title"])) for r in ask(sample, "presenters")}
    assert gold_presenters() <= found


def test_presenters_of_the_fixture_are_exactly_the_gold(fixture) -> None:
    rows = ask(fixture, "presenters")
    assert len(rows) == 22
    assert {(r["document"], norm(r["presenter"]), norm(r["item_title"])) for r in rows} == gold_presenters()


@pytest.mark.parametrize(
    ("presenter", "title", "date", "body_words"),
    [
        ("Mats Nilsson", "Skolval - Utfall", "2020-02-04", "ledningsgrupp"),
        ("Christian Olsson", "Kort, kort", "2020-02-04", "ledningsgrupp"),
        ("Lisa Olsson", "Att rigga och peppa för innovation", "2022-04-22", "kommundirektör"),
        ("Emma Krantz", "Information om Krimteamet", None, "ledningsgrupp"),
        ("Eva Koltai Arthursson", "Fortsatt dialog om samarbetet mellan SFF och socialtjänsten", None, "ledningsgrupp"),
    ],
)
def test_a_presenter_row_has_item_date_and_body(sample, presenter, title, date, body_words) -> None:
    rows = [r for r in ask(sample, "presenters") if r["presenter"] == presenter and norm(r["item_title"]) == norm(title)]
    assert len(rows) == 1
    assert rows[0]["date"] == date
    assert norm(body_words) in norm(rows[0]["body"])


@pytest.mark.parametrize(
    ("presenter", "organisation"),
    [("Emma Krantz", "Socialförvaltningen"), ("Rebecca Lundin", "Socialförvaltningen"),
     ("Richard Person", "Kontaktcenter"), ("Lisa Olsson", "Helsingborgs stad")],
)
def test_presenters_come_with_their_organisations(sample, presenter, organisation) -> None:
    rows = [r for r in ask(sample, "presenters") if r["presenter"] == presenter]
    assert rows and all(organisation in (r["organisations"] or "").split("; ") for r in rows)


def test_no_presenters_where_the_minutes_name_none(sample) -> None:
    # 002 has unnumbered items and no "Föredragande" anywhere.
    assert not [r for r in ask(sample, "presenters") if r["document"] == "002_12f3b1098c4baf25.txt"]


# ---------------------------------------------------------------------------------------------
# person
# ---------------------------------------------------------------------------------------------


def facts(rows: list[dict]) -> set[tuple[str, str | None, str | None]]:
    return {(r["relation"], norm(r["value"]) or None, r["document"]) for r in rows}


def test_person_by_name_any_case(sample) -> None:
    rows = ask(sample, "person", name="mats NILSSON")
    assert {r["full_name"] for r in rows} == {"Mats Nilsson"}  # not Lolitha or Bengt Nilsson
    assert {
        ("attended", None, "000_72be01b0eb7bbc95.txt"),
        ("attended", None, "001_c5a28c6c6790d8b8.txt"),
        ("presented", "skolval - utfall", "000_72be01b0eb7bbc95.txt"),
    } <= facts(rows)


def test_person_by_iri_gives_the_same_facts(sample) -> None:
    by_name = ask(sample, "person", name="Birgitta Forssman")
    iri = {r["person"] for r in by_name}
    assert len(iri) == 1
    by_iri = ask(sample, "person", person=f"<{iri.pop()}>")
    assert facts(by_iri) == facts(by_name)
    assert {("presented", "mal och ekonomi", "000_72be01b0eb7bbc95.txt"),
            ("presented", "mal och ekonomi 2022", "004_a073afec584fb315.txt"),
            ("attended", None, "001_c5a28c6c6790d8b8.txt")} <= facts(by_name)


def test_person_shows_decisions_of_items_they_presented(sample) -> None:
    rows = [r for r in ask(sample, "person", name="Christian Olsson")
            if r["relation"] == "decision on an item they presented"]
    assert len(rows) == 1
    assert rows[0]["value"].startswith("Ledningsgruppen tog beslut om att vi kommer tacka ja")


def test_person_shows_memberships_absences_chairs_and_minutes(sample) -> None:
    assert ("member of", "socialforvaltningen", None) in facts(ask(sample, "person", name="Emma Krantz"))
    assert ("absent from", None, "000_72be01b0eb7bbc95.txt") in facts(ask(sample, "person", name="Susanne Fras"))
    assert ("chaired", None, "003_7118a9df5c018caa.txt") in facts(ask(sample, "person", name="Palle Lundberg"))
    assert ("kept the minutes of", None, "002_12f3b1098c4baf25.txt") in facts(ask(sample, "person", name="David Bergström"))


@pytest.mark.parametrize(("surface", "full"), [("Mats", "Mats Nilsson"), ("EVA", "Eva Koltai Arthursson"),
                                                ("birgitta", "Birgitta Forssman")])
def test_person_by_another_surface_form(fixture, surface, full) -> None:
    # a first name finds everyone of that name (here two Evas), the surface form's owner among them
    assert full in {r["full_name"] for r in ask(fixture, "person", name=surface)}


def test_person_without_a_parameter_answers_nothing(fixture) -> None:
    assert ask(fixture, "person") == []  # kg query refuses it, pointing to people


def test_evidence_gives_the_words_that_say_julia_dahl_presented(sample) -> None:
    rows = ask(sample, "evidence", name="julia dahl")
    presented = [r for r in rows if r["fact"] == "presenter"]
    assert [(r["with"], r["quote"], r["start"], r["end"], r["document"]) for r in presented] == [
        ("Vad innebär HD-domen om särskilt stöd och diskriminering", "Julia Dahl", "2374", "2384",
         "001_c5a28c6c6790d8b8.txt")]   # the sub-topic she presented, not the whole item
    assert {r["about"] for r in rows} == {"Julia Dahl"}


def test_evidence_of_an_item_by_iri_is_its_heading_presenters_and_decisions(sample) -> None:
    from kg.graph.iri import document_key

    item = f"<https://w3id.org/motesgraf/id/item/{document_key('001_c5a28c6c6790d8b8.txt')}-5>"
    rows = ask(sample, "evidence", node=item)
    by_fact = {}
    for r in rows:
        by_fact.setdefault(r["fact"], set()).add(r["quote"])
    assert by_fact["stated"] == {"LG+SG med fokus verksamhetsplan"}
    assert by_fact["presenter"] == {"Julia Dahl", "Cecilia Wickenberg Rosengren"}
    assert len(by_fact["decision"]) == 1
    text = (GOLD.parent / "seeds" / "001_c5a28c6c6790d8b8.txt").read_text(encoding="utf-8")
    assert all(text[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)
    assert rows == ask(sample, "evidence", name="lg+sg med fokus VERKSAMHETSPLAN")


def test_evidence_without_a_parameter_answers_nothing(fixture) -> None:
    assert ask(fixture, "evidence") == []


# ---------------------------------------------------------------------------------------------
# people and organisations: the directories
# ---------------------------------------------------------------------------------------------


def test_people_lists_everyone_once(fixture) -> None:
    # In the fixture every person attends, presents, is mentioned or is a member of something.
    names = run_query(fixture, "SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n }").column("n")
    rows = ask(fixture, "people")
    assert sorted(r["full_name"] for r in rows) == sorted(n.value for n in names)
    assert len(rows) == len({r["person"] for r in rows}) == 58  # 18 in 000, then 9, 13, 15 and 3 more
    assert [r["full_name"] for r in rows] == sorted(r["full_name"] for r in rows)


def gold_counts() -> dict[str, Counter]:
    """Per person (normalised name): meetings attended, absent from, chaired, minuted; items presented."""
    counts: dict[str, Counter] = {}
    for g in gold_files():
        for field, column in (("attendees", "attended"), ("absentees", "absent"), ("chairs", "chaired"),
                              ("minute_takers", "minutes_taken")):
            for name in g[field]:
                counts.setdefault(norm(name), Counter())[column] += 1
        for item in g["agenda_items"]:
            for name in item["presenters"]:
                counts.setdefault(norm(name), Counter())["presented"] += 1
    return counts


def test_people_counts_are_those_of_the_gold(fixture) -> None:
    rows = {norm(r["full_name"]): r for r in ask(fixture, "people")}
    expected = gold_counts()
    assert expected["mats nilsson"] == Counter(attended=2, presented=1)
    for name, counts in expected.items():
        row = rows[name]
        for column in ("attended", "absent", "chaired", "minutes_taken", "presented"):
            assert int(row[column]) == counts[column], (name, column)


def test_people_counts_agree_with_the_person_question(sample) -> None:
    relation = {"attended": "attended", "absent from": "absent", "chaired": "chaired",
                "kept the minutes of": "minutes_taken", "presented": "presented", "mentioned in": "mentioned_in"}
    rows = ask(sample, "people")
    assert rows
    for row in rows:
        detail = ask(sample, "person", person=f"<{row['person']}>")
        counts = Counter(relation[r["relation"]] for r in detail if r["relation"] in relation)
        assert {c: int(row[c]) for c in relation.values()} == {c: counts[c] for c in relation.values()}, row
        organisations = {r["value"] for r in detail if r["relation"] == "member of"}
        assert set((row["organisations"] or "").split("; ")) - {""} == organisations, row


def test_people_shows_memberships(sample) -> None:
    emma = next(r for r in ask(sample, "people") if r["full_name"] == "Emma Krantz")
    assert "socialforvaltningen" in {norm(o) for o in emma["organisations"].split("; ")}


def test_organisations_agree_with_the_mentions_question(sample) -> None:
    rows = ask(sample, "organisations")
    assert len(rows) == len({r["organisation_iri"] for r in rows}) > 10
    assert [r["organisation"] for r in rows] == sorted(r["organisation"] for r in rows)
    for row in rows:
        detail = ask(sample, "mentions", org=f"<{row['organisation_iri']}>")
        dates = sorted(r["date"] for r in detail if r["date"])
        assert int(row["items"]) == len({r["item"] for r in detail if r["item"]}), row
        assert int(row["meetings"]) == len({r["document"] for r in detail}), row
        assert (row["first"], row["last"]) == ((dates[0], dates[-1]) if dates else (None, None)), row


def test_organisations_counts_sof(sample) -> None:
    sof = next(r for r in ask(sample, "organisations") if r["organisation"] == "Socialförvaltningen")
    # Named in 000, 001, 002 and 004 (see test_mentions_of_an_organisation_by_abbreviation_or_iri).
    assert int(sof["meetings"]) >= 4 and int(sof["items"]) >= 4
    assert sof["first"] <= "2017-06-15" and sof["last"] >= "2020-02-04"


HOSTILE = [
    '" } ; DROP ALL ; #',
    'Mats Nilsson" } UNION { ?person ?p ?o } #',
    "Mats Nilsson') || true) #",
    '\\" . } DELETE WHERE { ?s ?p ?o } #',
    "Mats\nNilsson",
    "<https://w3id.org/motesgraf/id/person/mats-nilsson> } UNION {",
    "}}}}",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_injection_attempts_match_nothing_and_change_nothing(fixture, value) -> None:
    before = len(fixture)
    assert ask(fixture, "person", name=value) == []
    assert ask(fixture, "mentions", org=value) == []
    assert len(fixture) == before


# ---------------------------------------------------------------------------------------------
# collaborations
# ---------------------------------------------------------------------------------------------


def collaboration(rows: list[dict], a: str, b: str) -> dict | None:
    wanted = {norm(a), norm(b)}
    return next((r for r in rows if {norm(r["organisation_a"]), norm(r["organisation_b"])} == wanted), None)


@pytest.mark.parametrize(
    ("a", "b", "stated"),
    [("Skol- och fritidsförvaltningen", "Socialförvaltningen", "true"),  # "samarbetet mellan SFF och SOF"
     ("Arbetsmarknadsförvaltningen", "Socialförvaltningen", "true"),  # "en gemensam satsning"
     ("Kontaktcenter", "Socialförvaltningen", None)],  # named together; stated or not is the extractor's call
)
def test_collaborations_in_the_sample(sample, a, b, stated) -> None:
    row = collaboration(ask(sample, "collaborations"), a, b)
    assert row is not None
    assert stated is None or row["stated"] == stated
    assert int(row["items"]) >= 1 and int(row["meetings"]) >= 1


def test_every_gold_collaboration_with_its_evidence(fixture) -> None:
    rows = ask(fixture, "collaborations")
    for g in gold_files():
        for a, b in g["collaborations"]:
            row = collaboration(rows, a, b)
            assert row is not None and row["stated"] == "true", (a, b)
            assert int(row["items"]) >= 1, (a, b)


@pytest.mark.parametrize(
    ("a", "b", "stated", "items", "meetings", "latest"),
    [
        # 001 item 6 (both named, stated) and 000 item 5 (both named): two meetings, one dated.
        ("Skol- och fritidsförvaltningen", "Socialförvaltningen", "true", 2, 2, "2020-02-04"),
        # 002 items 2, 4 and 5 name both.
        ("Arbetsmarknadsförvaltningen", "Socialförvaltningen", "true", 3, 1, "2017-06-15"),
        # Only named together (000 item 4 and 002 item 5), never stated.
        ("Centrum för tjänsteforskning", "Karlstads universitet", "false", 2, 2, "2020-02-04"),
        # 004 has no date.
        ("Krimteamet", "Polisen", "true", 1, 1, None),
    ],
)
def test_collaboration_counts(fixture, a, b, stated, items, meetings, latest) -> None:
    row = collaboration(ask(fixture, "collaborations"), a, b)
    assert row is not None
    assert (row["stated"], int(row["items"]), int(row["meetings"]), row["latest"]) == (stated, items, meetings, latest)


def test_each_pair_once_and_stated_pairs_first(fixture) -> None:
    rows = ask(fixture, "collaborations")
    pairs = [frozenset((r["a"], r["b"])) for r in rows]
    assert len(pairs) == len(set(pairs))
    stated = [r["stated"] for r in rows]
    assert stated == sorted(stated, reverse=True)
    assert not [r for r in rows if r["a"] == r["b"]]


# ---------------------------------------------------------------------------------------------
# decisions and meetings
# ---------------------------------------------------------------------------------------------


def test_decisions_match_the_gold(sample) -> None:
    rows = ask(sample, "decisions")
    for g in gold_files():
        mine = [norm(r["decision_text"]) for r in rows if r["document"] == g["document"]]
        for decision in g["decisions"]:
            start = " ".join(norm(decision).split()[:6])
            assert any(text.startswith(start) for text in mine), (g["document"], decision)
        assert len(mine) <= len(g["decisions"]) + len(g["decisions_optional"])


def test_decisions_carry_body_date_and_item(sample) -> None:
    rows = [r for r in ask(sample, "decisions") if r["document"] == "003_7118a9df5c018caa.txt"]
    assert len(rows) == 4
    assert {r["date"] for r in rows} == {"2022-04-22"}
    assert all("kommundirektor" in norm(r["body"]) for r in rows)
    assert {norm(r["item_title"]) for r in rows} == {
        norm("Att rigga och peppa för innovation"), norm("Samhällsorientering i egen regi"),
        norm("Försöksverksamhet arbetsmarknad"), norm("Avstämningar")}
    undated = [r for r in ask(sample, "decisions") if r["document"] == "001_c5a28c6c6790d8b8.txt"]
    assert undated and all(r["date"] is None for r in undated)  # 001 states no date


@pytest.mark.parametrize("document", [g["document"] for g in gold_files()])
def test_meetings_count_what_the_gold_counts(sample, document) -> None:
    g = gold(document)
    rows = [r for r in ask(sample, "meetings") if r["document"] == document]
    assert len(rows) == 1
    row = rows[0]
    assert row["date"] == g["meeting"]["date"]
    assert int(row["items"]) == len(g["agenda_items"])
    assert int(row["attendees"]) == len(g["attendees"])
    assert int(row["absentees"]) == len(g["absentees"])
    assert (row["location"] is None) == (g["meeting"]["location"] is None)


def test_meetings_are_ordered_by_body_then_date(fixture) -> None:
    rows = ask(fixture, "meetings")
    assert [(r["body"], r["date"]) for r in rows] == [
        ("Helsingborgs stads skolors ledningsgrupp", None),
        ("Helsingborgs stads skolors ledningsgrupp", None),
        ("Helsingborgs stads skolors ledningsgrupp", "2020-02-04"),
        ("Kommundirektörmöte i Familjen Helsingborg", "2022-04-22"),
        ("Ledningsgrupp för utveckling", "2017-06-15"),
    ]
    assert [int(r["decisions"]) for r in rows] == [3, 0, 1, 4, 0]


# ---------------------------------------------------------------------------------------------
# cross-department
# ---------------------------------------------------------------------------------------------


def test_presenters_from_another_department(sample) -> None:
    rows = ask(sample, "cross-department")
    names = {r["presenter"] for r in rows}
    assert {"Emma Krantz", "Rebecca Lundin", "Richard Person"} <= names
    assert "Mats Nilsson" not in names  # no organisation stated for him
    krimteamet = [r for r in rows if r["presenter"] == "Emma Krantz"]
    assert krimteamet[0]["document"] == "004_a073afec584fb315.txt"
    assert "Socialförvaltningen" in krimteamet[0]["member_of"].split("; ")


ORG = "https://w3id.org/motesgraf/id/org/"
W3C_ORG = "http://www.w3.org/ns/org#"


def with_triples(path: Path, triples: list[tuple[str, str, str]]) -> ox.Store:
    store = load_graph(path)
    for s, p, o in triples:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)))
    return store


@pytest.mark.parametrize(
    ("extra", "presenter", "crosses"),
    [
        ([], "Emma Krantz", True),
        ([], "Julia Dahl", True),  # her department's place is not stated
        # Both administrations are parts of the town: the town is no shared department.
        ([(ORG + "skol-och-fritidsforvaltningen", W3C_ORG + "subOrganizationOf", ORG + "helsingborgs-stad"),
          (ORG + "socialforvaltningen", W3C_ORG + "subOrganizationOf", ORG + "helsingborgs-stad")],
         "Emma Krantz", True),
        # Avdelning administration och juridik within SFF, as is the body: same department.
        ([(ORG + "avdelning-administration-och-juridik", W3C_ORG + "unitOf", ORG + "skol-och-fritidsforvaltningen")],
         "Julia Dahl", False),
        # A member of the body itself.
        ([(ID + "person/mats-nilsson", W3C_ORG + "memberOf", ORG + "helsingborgs-stads-skolors-ledningsgrupp")],
         "Mats Nilsson", False),
        # Familjen Helsingborg is no formal organisation: its secretariat shares it with the body.
        ([(ORG + "familjen-helsingborgs-sekretariat", W3C_ORG + "subOrganizationOf", ORG + "familjen-helsingborg")],
         "Johan Lindberg", False),
    ],
)
def test_cross_department_follows_the_organisation_chains(fixture_graph_path, extra, presenter, crosses) -> None:
    store = with_triples(fixture_graph_path, extra)
    names = {r["presenter"] for r in ask(store, "cross-department")}
    assert (presenter in names) == crosses


# ---------------------------------------------------------------------------------------------
# mentions and items
# ---------------------------------------------------------------------------------------------


def test_mentions_of_an_organisation_by_abbreviation_or_iri(sample) -> None:
    by_name = ask(sample, "mentions", org="sof")
    assert {r["organisation"] for r in by_name} == {"Socialförvaltningen"}
    assert {"000_72be01b0eb7bbc95.txt", "001_c5a28c6c6790d8b8.txt", "002_12f3b1098c4baf25.txt",
            "004_a073afec584fb315.txt"} <= {r["document"] for r in by_name}
    iri = by_name[0]["organisation_iri"]
    by_iri = ask(sample, "mentions", org=iri)
    assert {(r["document"], r["item"]) for r in by_iri} == {(r["document"], r["item"]) for r in by_name}


def test_mentions_without_a_parameter_answers_nothing(fixture) -> None:
    assert ask(fixture, "mentions") == []  # kg query refuses it, pointing to organisations


def test_items_by_keyword(sample) -> None:
    rows = ask(sample, "items", text="EKONOMI")
    assert {norm(r["item_title"]) for r in rows} >= {"mal och ekonomi", "mal och ekonomi 2022"}


def test_items_keyword_also_searches_decisions(fixture) -> None:
    rows = ask(fixture, "items", text="matematik")
    assert {norm(r["item_title"]) for r in rows} == {"vp- matematikplanen", "lg+sg med fokus verksamhetsplan"}


def test_items_without_keyword_lists_every_item(fixture) -> None:
    assert len(ask(fixture, "items")) == sum(len(g["agenda_items"]) for g in gold_files())


# ---------------------------------------------------------------------------------------------
# Parameters: terms, binding, the scanner
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<https://w3id.org/motesgraf/id/person/mats-nilsson>", ox.NamedNode(ID + "person/mats-nilsson")),
        ("https://w3id.org/motesgraf/id/org/socialforvaltningen", ox.NamedNode(ID + "org/socialforvaltningen")),
        ("Mats Nilsson", ox.Literal("Mats Nilsson")),
        ("johan.lindberg@familjenhelsingborg.se", ox.Literal("johan.lindberg@familjenhelsingborg.se")),
        ("2020-02-04^^xsd:date", ox.Literal("2020-02-04", datatype=ox.NamedNode(XSD + "date"))),
        ("42^^<http://www.w3.org/2001/XMLSchema#integer>", ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
        ("https://example.org/a b", ox.Literal("https://example.org/a b")),
        ("Kort, kort", ox.Literal("Kort, kort")),
    ],
)
def test_param_values_become_terms(value, expected) -> None:
    assert to_term(value) == expected


@pytest.mark.parametrize("value", ["4 feb 2020^^xsd:date", "x^^nope:thing", "<https://a b>", "<https://x/{y}>"])
def test_bad_param_values_are_one_line_errors(value) -> None:
    with pytest.raises(QueryError) as e:
        to_term(value)
    assert "\n" not in str(e.value)


def test_a_date_parameter_compares_as_a_date(fixture) -> None:
    query = """SELECT ?document WHERE {
      ?m mg:hasAgendaItem ?i ; dcterms:date ?date ; prov:wasDerivedFrom/dcterms:identifier ?document .
      FILTER(?date > ?after) } GROUP BY ?document ORDER BY ?document"""
    result = run_query(fixture, query, {"after": "2020-01-01^^xsd:date"})
    assert [t.value for t in result.column("document")] == ["000_72be01b0eb7bbc95.txt", "003_7118a9df5c018caa.txt"]


@pytest.mark.parametrize(("text", "expected"), [("name=Mats Nilsson", ("name", "Mats Nilsson")),
                                                 ("?text=a=b", ("text", "a=b")), ("org=", ("org", ""))])
def test_parse_param(text, expected) -> None:
    assert parse_param(text) == expected


@pytest.mark.parametrize("text", ["name", "=x"])
def test_parse_param_needs_a_name_and_equals(text) -> None:
    with pytest.raises(QueryError):
        parse_param(text)


def test_undeclared_parameter_of_a_saved_question(fixture) -> None:
    with pytest.raises(QueryError, match=r"\?nmae: not a parameter.*\?name, \?person"):
        run_query(fixture, get_saved("person").text, {"nmae": "Mats"})


@pytest.mark.parametrize(
    ("query", "marker"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "WHERE {"),
        ("select * { ?s ?p ?o }", "* {"),
        ('PREFIX ex: <http://ex/{a}> SELECT ("{" AS ?x) WHERE { ?s ?p ?o }', "WHERE {"),
        ("# a comment { with a brace\nSELECT ?s WHERE { ?s ?p ?o }", "WHERE {"),
        ("SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ?p ?o }", "WHERE {"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "WHERE {"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "WHERE {"),
        ("ASK { ?s ?p '''{'''}", "ASK {"),
        ("SELECT ?where WHERE { ?where ?p ?o }", "WHERE {"),
        ("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", "WHERE {"),
    ],
)
def test_where_group_start(query, marker) -> None:
    assert where_group_start(query) == query.index(marker) + len(marker)


@pytest.mark.parametrize("query", ["DESCRIBE <https://x>", "SELECT * FROM <https://x>"])
def test_no_where_group(query) -> None:
    assert where_group_start(query) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_binds_as_itself(text) -> None:
    """Whatever the text, the query sees exactly that string: nothing leaks into the syntax."""
    query = bind_values("SELECT ?value WHERE { }", {"value": ox.Literal(text)})
    result = run_query(ox.Store(), query)
    assert [t.value for t in result.column("value")] == [text]


# ---------------------------------------------------------------------------------------------
# Output formats
# ---------------------------------------------------------------------------------------------


def test_shorten_uses_the_project_prefixes() -> None:
    assert shorten(ID + "person/mats-nilsson") == "person:mats-nilsson"
    assert shorten(ID + "org/socialforvaltningen") == "organisation:socialforvaltningen"
    assert shorten("http://www.w3.org/ns/org#memberOf") == "org:memberOf"
    assert shorten("https://example.org/x") == "<https://example.org/x>"
    assert PREFIXES["mg"] == "https://w3id.org/motesgraf/ontology#"


def test_table_is_aligned_and_readable(fixture) -> None:
    text = format_table(run_query(fixture, get_saved("presenters").text), max_width=30)
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["presenter", "organisations"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(22 rows)"
    mats = next(line for line in lines if line.startswith("Mats Nilsson"))
    assert "Skolval - Utfall" in mats and "person:mats-nilsson" in mats and "2020-02-04" in mats
    # Columns line up: each header starts where the dashes of its column start.
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    assert [m.start() for m in re.finditer(r"\S+", lines[0])] == starts
    assert all(len(cell) <= 30 for line in lines[2:-1] for cell in re.split(r"\s{2,}", line))


def test_csv_is_sparql_results_csv(fixture) -> None:
    text = format_csv(run_query(fixture, get_saved("presenters").text))
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    mats = next(r for r in rows if r["presenter"] == "Mats Nilsson")
    assert mats["person"] == ID + "person/mats-nilsson"
    assert mats["date"] == "2020-02-04" and mats["ordinal"] == "2"
    assert mats["organisations"] == ""


def test_json_is_sparql_results_json(fixture) -> None:
    doc = json.loads(format_json(run_query(fixture, get_saved("presenters").text)))
    assert doc["head"]["vars"][:2] == ["presenter", "organisations"]
    mats = next(b for b in doc["results"]["bindings"] if b["presenter"]["value"] == "Mats Nilsson")
    assert mats["person"] == {"type": "uri", "value": ID + "person/mats-nilsson"}
    assert mats["date"] == {"type": "literal", "value": "2020-02-04", "datatype": XSD + "date"}
    assert mats["presenter"] == {"type": "literal", "value": "Mats Nilsson"}
    undated = next(b for b in doc["results"]["bindings"] if b["presenter"]["value"] == "Julia Dahl")
    assert "date" not in undated  # unbound values are left out


def test_ask_and_construct(fixture) -> None:
    yes = run_query(fixture, "ASK { ?p foaf:name 'Mats Nilsson' }")
    assert yes == QueryResult(boolean=True)
    assert json.loads(format_json(yes)) == {"head": {}, "boolean": True}
    assert format_table(run_query(fixture, "ASK { ?p foaf:name 'Nobody' }")) == "false\n"
    graph = run_query(fixture, "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n FILTER(?n = 'Mats Nilsson') }")
    turtle = format_table(graph)
    assert "person:mats-nilsson" in turtle and '"Mats Nilsson"' in turtle


# ---------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_saved_question_as_table(capsys, fixture_graph_path) -> None:
    code, out, err = run(capsys, "presenters", "--graph", str(fixture_graph_path))
    assert code == 0 and err == ""
    assert "Mats Nilsson" in out and out.rstrip().endswith("(22 rows)")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_formats(capsys, fixture_graph_path, fmt) -> None:
    code, out, _ = run(capsys, "person", "--graph", str(fixture_graph_path), "--format", fmt,
                       "--param", "name=Mats Nilsson")
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
    else:
        rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]
    assert {r["relation"] for r in rows} == {"attended", "presented"}


def test_cli_sparql_text_and_rq_file(capsys, tmp_path, fixture_graph_path) -> None:
    query = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name FILTER(STRSTARTS(?name, 'Mats')) } ORDER BY ?name"
    code, out, _ = run(capsys, query, "--graph", str(fixture_graph_path), "--format", "csv")
    assert code == 0
    assert [r["name"] for r in csv.DictReader(io.StringIO(out))] == ["Mats Nilsson"]
    rq = tmp_path / "mine.rq"
    rq.write_text("# title: Mine\n# param: who - a name\n" + query.replace("'Mats'", "?who"), encoding="utf-8")
    code, out, _ = run(capsys, str(rq), "--graph", str(fixture_graph_path), "--format", "csv", "--param", "who=Matz")
    assert code == 0 and [r["name"] for r in csv.DictReader(io.StringIO(out))] == ["Matz Ingvarsson"]


def test_cli_list_and_show(capsys) -> None:
    code, out, _ = run(capsys, "--list")
    assert code == 0
    for q in list_saved():
        assert f"{q.name}  " in out and q.title in out
    assert "--param name=..." in out
    assert "(needs --param name or --param person; kg query people lists everyone" in out
    code, out, _ = run(capsys, "decisions", "--show")
    assert code == 0 and out == get_saved("decisions").text


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["presentors"], "no saved question by that name; known: case, collaborations"),
        (["SELECT ?s WHERE { ?s ?p }"], "SPARQL syntax error at line 1, column"),
        (["DELETE WHERE { ?s ?p ?o }"], "read-only"),
        (["SELECT ?x WHERE { ?x ?p ?o }", "--param", "x"], "expected NAME=VALUE"),
        (["person", "--param", "nmae=Mats"], "not a parameter of this question"),
        (["person"], "person: needs --param name=... (the person's name"),
        (["person"], "or --param person=... (the person's IRI"),
        (["person"], "; kg query people lists everyone"),
        (["mentions"], "mentions: needs --param org=... (the organisation's name or abbreviation"),
        ([], "no QUERY given"),
        (["missing.rq"], "no such query file"),
    ],
)
def test_cli_errors_are_one_line(capsys, fixture_graph_path, argv, says) -> None:
    code, out, err = run(capsys, *argv, "--graph", str(fixture_graph_path))
    assert code == 2 and out == ""
    assert err.startswith("kg: error: ") and err.count("\n") == 1
    assert says in err


def test_cli_missing_graph_says_to_build(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "presenters", "--graph", str(tmp_path / "graph.ttl"))
    assert code == 2
    assert err.strip() == f"kg: error: {tmp_path / 'graph.ttl'}: no such graph file; run kg build first, or give --graph PATH"


def test_cli_unreadable_graph_is_one_line(capsys, tmp_path) -> None:
    bad = tmp_path / "graph.ttl"
    bad.write_text('<https://w3id.org/motesgraf/id/person/x> <http://xmlns.com/foaf/0.1/name> "Mats .\n',
                   encoding="utf-8")
    code, _, err = run(capsys, "presenters", "--graph", str(bad))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"kg: error: {bad}: not valid Turtle") and err.rstrip().endswith("rebuild it with kg build")


# --- limits: no federation, a time limit ---

@pytest.mark.parametrize("text, refused", [
    ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <http://evil.example/data.ttl> { ?s ?p ?o }", "FROM <http://evil.example/data.ttl> is refused"),
    ("PREFIX e: <http://evil.example/>\nSELECT * FROM NAMED e:g { GRAPH ?g { ?s ?p ?o } }", "is refused"),
])
def test_a_local_query_may_not_reach_out(text, refused, fixture_graph_path, capsys) -> None:
    assert cli.main(["query", text, "--graph", str(fixture_graph_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and refused in err


def test_from_a_graph_of_the_store_is_allowed_and_words_in_strings_do_not_count(tmp_path, capsys) -> None:
    nq = tmp_path / "g.nq"
    nq.write_text('<http://x/s> <http://x/p> "SERVICE" <http://x/graph/doc1> .\n', encoding="utf-8")
    assert cli.main(["query", "SELECT ?o FROM <http://x/graph/doc1> { ?s ?p ?o }", "--graph", str(nq),
                     "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["o", "SERVICE"]
    assert cli.main(["query", "SELECT ?s { ?s ?p 'SERVICE' } # SERVICE <http://x/>", "--graph", str(nq),
                     "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["s", "http://x/s"]


def test_a_runaway_query_ends_with_one_line_within_the_limit(fixture_graph_path) -> None:
    """A three-way cross product (about 400 million rows on the fixture graph) under --timeout 2:
    run as a command (the limit ends the process), with its memory capped in case it did not stop."""
    import os
    import resource
    import subprocess
    import sys
    import time

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "kg", "query", query, "--graph", str(fixture_graph_path),
                           "--timeout", "2"], capture_output=True, text=True, env=env, timeout=120,
                          preexec_fn=cap_memory)
    took = time.monotonic() - started
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.count("\n") == 1 and "longer than the 2 s allowed (--timeout)" in done.stderr
    assert took < 2 + 30   # the start of Python and the graph's loading, generously


def test_a_query_within_the_limit_answers(fixture_graph_path, capsys) -> None:
    assert cli.main(["query", "ASK { ?s ?p ?o }", "--graph", str(fixture_graph_path), "--timeout", "20"]) == 0
    assert cli.main(["query", "ASK { ?s ?p ?o }", "--graph", str(fixture_graph_path), "--timeout", "0"]) == 0


# ---------------------------------------------------------------------------------------------
# For analysts: long inline queries, names in any form, JSON Lines, chosen columns, quotes
# ---------------------------------------------------------------------------------------------


def test_cli_runs_a_2000_character_inline_query(capsys, fixture_graph_path) -> None:
    names = " ".join(f'"Nobody {i:04d}"' for i in range(140))
    text = f"SELECT ?name WHERE {{ ?p a foaf:Person ; foaf:name ?name . FILTER(?name NOT IN ({names.replace(' ', ', ')})) }}"
    assert len(text) >= 2000 and len(text.encode()) > 255
    code, out, err = run(capsys, text, "--graph", str(fixture_graph_path))
    assert code == 0 and err == "", err
    assert "Mats Nilsson" in out


def test_cli_names_a_missing_query_file(capsys, fixture_graph_path, tmp_path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nosuch.rq"), "--graph", str(fixture_graph_path))
    assert code == 2 and "no such query file" in err


def test_person_by_first_name_on_the_samples_finds_mats_nilsson(capsys, sample_graph_path) -> None:
    code, out, err = run(capsys, "person", "--param", "name=mats", "--graph", str(sample_graph_path),
                         "--columns", "full_name", "--format", "jsonl")
    assert code == 0 and err == ""
    assert {json.loads(line)["full_name"] for line in out.splitlines()} == {"Mats Nilsson"}


@pytest.mark.parametrize("asked", ["NILSSON", "mats nilsson", "Måts"])
def test_person_by_surname_letter_case_and_diacritics(capsys, fixture_graph_path, asked) -> None:
    code, out, _ = run(capsys, "person", "--param", f"name={asked}", "--graph", str(fixture_graph_path),
                       "--columns", "full_name", "--format", "jsonl")
    assert code == 0 and "Mats Nilsson" in {json.loads(line)["full_name"] for line in out.splitlines()}


def test_a_name_without_its_diacritics_finds_the_person(capsys, fixture_graph_path) -> None:
    code, out, _ = run(capsys, "person", "--param", "name=bergstrom", "--graph", str(fixture_graph_path),
                       "--columns", "full_name", "--format", "jsonl")
    assert code == 0 and {json.loads(line)["full_name"] for line in out.splitlines()} == {"David Bergström"}


def test_no_match_says_did_you_mean(capsys, fixture_graph_path) -> None:
    code, out, err = run(capsys, "person", "--param", "name=Mats Nilson", "--graph", str(fixture_graph_path))
    assert code == 0 and "(0 rows)" in out
    assert err.startswith("kg: name=Mats Nilson: no match; did you mean 'Mats Nilsson'")
    code, out, err = run(capsys, "mentions", "--param", "org=Socialforvaltnigen", "--graph", str(fixture_graph_path))
    assert code == 0 and "no match; did you mean 'Socialförvaltningen'" in err


def test_organisation_by_a_word_of_its_name(capsys, fixture_graph_path) -> None:
    code, out, _ = run(capsys, "mentions", "--param", "org=socialforvaltningen", "--graph", str(fixture_graph_path),
                       "--columns", "organisation", "--format", "jsonl")
    assert code == 0 and {json.loads(line)["organisation"] for line in out.splitlines()} == {"Socialförvaltningen"}


def test_jsonl_is_one_record_per_row(capsys, fixture_graph_path) -> None:
    code, out, _ = run(capsys, "presenters", "--graph", str(fixture_graph_path), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 22
    assert records == run_query(load_graph(fixture_graph_path), get_saved("presenters").text).records()
    code, out, _ = run(capsys, "ASK { ?s ?p ?o }", "--graph", str(fixture_graph_path), "--format", "jsonl")
    assert json.loads(out) == {"boolean": True}


def test_columns_chooses_and_orders_columns(capsys, fixture_graph_path) -> None:
    code, out, _ = run(capsys, "presenters", "--graph", str(fixture_graph_path), "--columns", "item_title,presenter",
                       "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["item_title", "presenter"] and ["Skolval - Utfall", "Mats Nilsson"] in rows
    code, _, err = run(capsys, "presenters", "--graph", str(fixture_graph_path), "--columns", "presenter,nosuch")
    assert code == 2 and err.startswith("kg: error: --columns nosuch: no such column; the query has presenter, ")


def test_presenters_shows_the_quote_behind_each_row(capsys, sample_graph_path) -> None:
    code, out, _ = run(capsys, "presenters", "--graph", str(sample_graph_path), "--format", "jsonl",
                       "--columns", "presenter,quote")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records
    quoted = [r for r in records if r["quote"]]
    assert len(quoted) == len(records)
    # the quote is the minutes' own words naming the presenter (the full name, or a part: "Maria")
    assert all(set(r["presenter"].lower().split()) & set(r["quote"].lower().split()) for r in quoted), quoted[:3]
    assert {"presenter": "Julia Dahl", "quote": "Julia Dahl"} in records
