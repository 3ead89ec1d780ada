"""Decisions with their kind, cases across bodies and meetings, votes and reservations in the
built graph of genre protokoll: a kommunfullmäktige's (omröstning), a 1996 fullmäktige's
(votering), a nämnd's with a voting table, an arbetsutskott's and the kommunstyrelse's that
takes up the arbetsutskott's matters. Every new node has evidence whose quote is exact."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

from kg.graph.vocab import MG, OA
from kg.pipeline import build
from kg.workbench.query import get_saved, run_query

DOCS = Path(__file__).parent.parent / "data" / "genres" / "docs"
NAMES = ("protokoll-kommunfullmaktige-omrostning-1.txt", "protokoll-kommunfullmaktige-votering-1996-2.txt",
         "protokoll-vard-och-omsorgsnamnden-narvarotabell-1.txt", "protokoll-ksau-forkortningar-1.txt",
         "protokoll-kommunstyrelsen-pdftext-1.txt")


@pytest.fixture(scope="module")
def built():
    result = build([DOCS / n for n in NAMES])
    texts = {doc.identifier: Path(doc.path).read_text(encoding="utf-8") for doc in result.documents}
    return result.graph, texts


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    g, _ = built
    s = ox.Store()
    s.load(g.serialize(format="nt").encode("utf-8"), ox.RdfFormat.N_TRIPLES)
    return s


def quotes(g: Graph, node, texts) -> list[str]:
    out = []
    for a in g.objects(node, MG.evidence):
        target = g.value(a, OA.hasTarget)
        source = str(g.value(g.value(target, OA.hasSource), DCTERMS.identifier))
        sel = list(g.objects(target, OA.hasSelector))
        start = next(int(o) for s in sel for o in g.objects(s, OA.start))
        end = next(int(o) for s in sel for o in g.objects(s, OA.end))
        exact = next(str(o) for s in sel for o in g.objects(s, OA.exact))
        assert texts[source][start:end] == exact
        out.append(exact)
    return out


def test_votes_of_the_fullmaktige_protocols_carry_their_counts(built) -> None:
    g, texts = built
    counts = {}
    for v in g.subjects(RDF.type, MG.Vote):
        values = (g.value(v, p) for p in (MG.yesCount, MG.noCount, MG.abstainCount))
        counts[tuple(None if x is None else int(x) for x in values)] = v
        assert quotes(g, v, texts)
        assert next(g.subjects(MG.vote, v), None) is not None
    assert {(22, 19, None), (34, 27, 0), (5, 5, None)} <= set(counts)
    assert g.value(counts[(22, 19, None)], MG.yesCount).datatype == URIRef("http://www.w3.org/2001/XMLSchema#integer")
    decision = next(g.subjects(MG.vote, counts[(22, 19, None)]))
    assert "fastställa budget" in str(g.value(decision, DCTERMS.description))


def test_a_case_of_the_arbetsutskott_and_the_kommunstyrelse_is_one_node(built) -> None:
    g, texts = built
    cases = list(g.subjects(DCTERMS.identifier, Literal("KS 2019/45")))
    assert len(cases) == 1 and (cases[0], RDF.type, MG.Case) in g
    case = cases[0]
    items = set(g.subjects(MG.concernsCase, case)) - set(g.subjects(RDF.type, MG.Decision))
    meetings = {next(g.subjects(MG.hasAgendaItem, i)) for i in items}
    assert len(items) == 2 and len(meetings) == 2
    assert set(g.objects(case, SKOS.altLabel)) == {Literal("KS 2019/0045-042")}
    assert set(quotes(g, case, texts)) == {"KS 2019/0045-042"}


def test_decision_kinds_and_the_body_that_decided(built) -> None:
    g, _ = built
    kind_of = {str(g.value(d, DCTERMS.description)): g.value(d, MG.decisionType)
               for d in g.subjects(RDF.type, MG.Decision)}
    assert kind_of["Arbetsutskottet föreslår kommunstyrelsen besluta\natt godkänna den ekonomiska uppföljningen per den 30 september 2019,\natt uppdra åt SN att redovisa ytterligare åtgärder för en budget i balans.".replace("\n", " ")] == MG.Proposal
    assert MG.Noted in kind_of.values() and MG.FinalDecision in kind_of.values()
    assert kind_of["Vård- och omsorgsnämnden beslutar att lägga anmälda delegationsbeslut till handlingarna."] \
        == MG.DelegatedDecision
    proposal = next(d for d, k in ((d, g.value(d, MG.decisionType)) for d in g.subjects(RDF.type, MG.Decision))
                    if k == MG.Proposal and "Arbetsutskottet" in str(g.value(d, DCTERMS.description)))
    assert str(g.value(g.value(proposal, MG.proposedTo), SKOS.prefLabel)) == "Kommunstyrelsen"
    assert str(g.value(g.value(proposal, MG.decidedBy), SKOS.prefLabel)) != "Kommunstyrelsen"
    assert all(g.value(d, MG.decidedBy) is not None for d in g.subjects(RDF.type, MG.Decision))


def test_reservations_name_persons_with_their_words(built) -> None:
    g, texts = built
    names = {str(g.value(p, FOAF.name) or g.value(p, SKOS.prefLabel)) for p in g.objects(None, MG.reservation)}
    assert {"Kent Johansson", "Margareta Svahn", "Sten Hellgren", "Eva Norberg"} <= names
    assert "Patrik Lindroos" not in names    # "... till förmån för Patrik Lindroos yrkande": not who reserved
    for st in g.subjects(RDF.predicate, MG.reservation):
        (words,) = g.objects(st, MG.evidence)
        assert "reserverar sig" in " ".join(quotes(g, st, texts))


def test_the_case_question_takes_any_written_form(store) -> None:
    for written in ("KS 2019/0045-042", "Dnr KS-2019-45", "(KS 2019/0045)"):
        rows = run_query(store, get_saved("case").text, {"dnr": written}).records()
        assert {r["body"] for r in rows} == {"Kommunstyrelsen", "Kommunstyrelsens arbetsutskott"}, written
        assert all(r["quote"] == "Ekonomisk uppföljning per den 30 september 2019" for r in rows)
        assert {r["decision_type"] for r in rows} == {"Proposal", "FinalDecision"}


def test_the_votes_question(store) -> None:
    rows = run_query(store, get_saved("votes").text).records()
    counts = {(r["yes"], r["no"], r["abstain"]) for r in rows}
    assert {("22", "19", None), ("34", "27", "0"), ("5", "5", None)} <= counts
    assert all(r["quote"] and r["decision_text"] for r in rows)


def test_the_protocols_question_says_when_and_by_whom_a_protocol_was_justerat(store) -> None:
    rows = {r["document"]: r for r in run_query(store, get_saved("protocols").text).records()}
    assert set(rows) == set(NAMES)
    ks = rows["protokoll-kommunstyrelsen-pdftext-1.txt"]
    assert ks["status"] == "justerat" and ks["adjusters"] and ks["chairs"] and ks["minute_takers"]
    assert all(r["adjusted_on"] is None or r["adjusted_on"] > (r["date"] or "") for r in rows.values())


def test_the_roles_question_finds_a_title_by_part_of_it_with_its_words(store, built) -> None:
    _, texts = built
    rows = run_query(store, get_saved("roles").text, {"title": "sekreterare"}).records()
    assert rows and all("sekreterare" in r["role"].lower() for r in rows)
    assert all(r["quote"] in texts[r["document"]] and r["person_name"].split()[0] in r["quote"] for r in rows)
