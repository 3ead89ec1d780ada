"""The SHACL shapes of the public vocabulary (ontology/shapes.ttl): every built graph of the samples
and of the genres corpus conforms, and the shapes do catch a graph that breaks them."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.graph.vocab import MG, OA
from kg.pipeline import build

pyshacl = pytest.importorskip("pyshacl")

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHAPES = ROOT / "ontology" / "shapes.ttl"
MG_NS = str(MG._NS)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def conforms(graph: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True)
    return ok, text


@pytest.fixture(scope="module")
def samples() -> Graph:
    return build([DATA / "seeds"]).graph


@pytest.mark.parametrize("corpus", ["seeds", "genres/docs"])
def test_built_graphs_conform(corpus, shapes, samples):
    graph = samples if corpus == "seeds" else build([DATA / corpus]).graph
    assert (None, MG.hasSubTopic, None) in graph           # the shapes see sub-topics too
    ok, text = conforms(graph, shapes)
    assert ok, text[:4000]


def test_every_mg_term_of_the_shapes_is_declared(shapes):
    onto = Graph().parse(ROOT / "ontology" / "motesgraf.ttl", format="turtle")
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(MG_NS)}
    assert used and all((t, RDF.type, None) in onto for t in used), used


def _broken(samples: Graph, edit) -> Graph:
    g = Graph()
    for t in samples:
        g.add(t)
    edit(g)
    return g


def _drop_title(g: Graph) -> None:
    sub = next(g.objects(None, MG.hasSubTopic))
    g.remove((sub, DCTERMS.title, None))


def _wrong_parent(g: Graph) -> None:
    """Points a sub-topic at an item that does not hold it (the first item may be its own parent)."""
    sub = next(g.objects(None, MG.hasSubTopic))
    other = next(i for i in sorted(g.objects(None, MG.hasAgendaItem)) if (i, MG.hasSubTopic, sub) not in g)
    g.set((sub, DCTERMS.isPartOf, other))


def _empty_span(g: Graph) -> None:
    pos = next(g.subjects(RDF.type, OA.TextPositionSelector))
    g.set((pos, OA.end, g.value(pos, OA.start)))


def _adjusted_as_text(g: Graph) -> None:
    g.add((next(g.subjects(RDF.type, MG.Meeting)), MG.adjustedOn, Literal("den 4 mars")))


def _decision_of_two(g: Graph) -> None:
    d = next(g.subjects(RDF.type, MG.Decision))
    for m in g.subjects(RDF.type, MG.Meeting):
        g.add((m, MG.hasDecision, d))


def _presenter_no_person(g: Graph) -> None:
    item = next(g.objects(None, MG.hasSubTopic))
    g.add((item, MG.presenter, URIRef("https://w3id.org/motesgraf/id/org/nowhere")))


@pytest.mark.parametrize("edit", [_drop_title, _wrong_parent, _empty_span, _adjusted_as_text, _decision_of_two,
                                  _presenter_no_person])
def test_a_graph_that_breaks_a_promise_does_not_conform(edit, shapes, samples):
    ok, _ = conforms(_broken(samples, edit), shapes)
    assert not ok
