"""Every fact with its words: meetings, items and decisions have ``mg:evidence``, and every link
(attendee, absentee, chair, minute taker, adjuster, presenter, recused person, membership,
collaboration) is stated once more as an ``rdf:Statement`` with ``mg:evidence``. Each evidence is
an annotation of the document it was read from whose quote is the text at its offsets.

Checked on the five samples and on two documents of the genres corpus: a protokoll from a PDF's
text layer (many §§ and decisions) and crisis-group notes whose header has no date line.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from kg.graph.vocab import MG, OA
from kg.pipeline import build
from tests.graph_files import write_chunks

DATA = Path(__file__).parent.parent / "data"
GENRES = [DATA / "genres" / "docs" / name for name in (
    "protokoll-kommunstyrelsen-pdftext-1.txt",
    "minnesanteckningar-krisledningsgrupp-covid-1.txt",
)]
ROLE_LINKS = (MG.attendee, MG.absentee, MG.chair, MG.minuteTaker, MG.adjuster)
ITEM_LINKS = (MG.presenter, MG.recusedPerson)
ENTITY_LINKS = (ORG.memberOf, MG.collaboratesWith)


def _built(name: str):
    paths = [DATA / "seeds"] if name == "samples" else GENRES
    result = build(paths)
    texts = {doc.identifier: Path(doc.path).read_text(encoding="utf-8") for doc in result.documents}
    return name, result.graph, texts


@pytest.fixture(scope="module", params=["samples", "genres"])
def corpus(request):
    return _built(request.param)


@pytest.fixture(scope="module")
def samples():
    """The five sample minutes' graph (the tests of sample 001)."""
    return _built("samples")


def quote_of(g: Graph, annotation, texts: dict[str, str]) -> tuple[str, str, str]:
    """(document identifier, text at the annotation's offsets, its quoted words)."""
    target = g.value(annotation, OA.hasTarget)
    source = str(g.value(g.value(target, OA.hasSource), DCTERMS.identifier))
    selectors = list(g.objects(target, OA.hasSelector))
    start = next(int(o) for s in selectors for o in g.objects(s, OA.start))
    end = next(int(o) for s in selectors for o in g.objects(s, OA.end))
    exact = next(str(o) for s in selectors for o in g.objects(s, OA.exact))
    return source, texts[source][start:end], exact


def document_of(g: Graph, node) -> str:
    """The identifier of the document a meeting, item, sub-topic or decision comes from."""
    meeting = node
    while (meeting, RDF.type, MG.Meeting) not in g:         # up from a decision, sub-topic or item
        meeting = (next(g.subjects(MG.hasAgendaItem, meeting), None) or next(g.subjects(MG.hasSubTopic, meeting), None)
                   or next(g.subjects(MG.hasDecision, meeting)))
    return str(g.value(g.value(meeting, PROV.wasDerivedFrom), DCTERMS.identifier))


def assert_exact(g: Graph, annotation, texts, document: str | None = None) -> str:
    source, at_offsets, exact = quote_of(g, annotation, texts)
    assert exact.strip() and at_offsets == exact, (annotation, exact, at_offsets)
    if document is not None:
        assert source == document
    return exact


def letters(text: str) -> str:
    """The letters and digits of a text: a decision's description joins the lines its words stand on."""
    return "".join(c for c in text.casefold() if c.isalnum())


def statements(g: Graph) -> dict[tuple, list]:
    out: dict[tuple, list] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        out.setdefault(key, []).extend(g.objects(st, MG.evidence))
    return out


@pytest.mark.parametrize("kind", [MG.Meeting, MG.AgendaItem, MG.Decision])
def test_every_node_has_its_words(corpus, kind):
    _, g, texts = corpus
    nodes = list(g.subjects(RDF.type, kind))
    assert nodes
    for n in nodes:
        evidence = list(g.objects(n, MG.evidence))
        assert evidence, n
        for a in evidence:
            assert (a, RDF.type, OA.Annotation) in g
            assert (a, OA.hasBody, n) in g
            assert_exact(g, a, texts, document_of(g, n))


def test_items_and_decisions_quote_their_heading_and_text(corpus):
    _, g, texts = corpus
    for item in g.subjects(RDF.type, MG.AgendaItem):
        (a,) = g.objects(item, MG.evidence)
        heading = assert_exact(g, a, texts)
        assert letters(str(g.value(item, DCTERMS.title)))[:20] in letters(heading), (item, heading)
    for decision in g.subjects(RDF.type, MG.Decision):
        (a,) = g.objects(decision, MG.evidence)
        words = letters(assert_exact(g, a, texts))
        assert letters(str(g.value(decision, DCTERMS.description)))[:20] in words, decision


@pytest.mark.parametrize("prop", ROLE_LINKS + ITEM_LINKS + ENTITY_LINKS)
def test_every_link_is_stated_with_its_words(corpus, prop):
    _, g, texts = corpus
    stated = statements(g)
    for s, o in g.subject_objects(prop):
        evidence = stated.get((s, prop, o))
        assert evidence, (s, prop, o)
        for a in evidence:
            exact = assert_exact(g, a, texts)
            if prop in ROLE_LINKS + ITEM_LINKS:             # the person's name where it stands
                assert (a, OA.hasBody, o) in g and exact[0].isupper(), (s, prop, o, exact)


def test_the_corpora_have_every_kind_of_link(corpus):
    name, g, _ = corpus
    kinds = {p for _, p, _ in statements(g)}
    wanted = {MG.attendee, MG.chair, MG.minuteTaker, MG.presenter, ORG.memberOf, MG.collaboratesWith}
    wanted |= {MG.absentee} if name == "samples" else {MG.adjuster, MG.recusedPerson}
    assert wanted <= kinds


def test_the_words_that_say_julia_dahl_presented(samples):
    _, g, texts = samples
    julia = URIRef("https://w3id.org/motesgraf/id/person/julia-dahl")
    found = [(s, a) for (s, p, o), evs in statements(g).items() if p == MG.presenter and o == julia for a in evs]
    assert found
    for item, a in found:
        source, _, exact = quote_of(g, a, texts)
        assert exact == "Julia Dahl" and source.startswith("001_")
        assert (item, MG.presenter, julia) in g


def test_statements_and_evidence_have_iris(corpus):
    """No blank nodes: the graph's bytes stay the same from build to build."""
    _, g, _ = corpus
    for s in g.subjects(RDF.type, RDF.Statement):
        assert isinstance(s, URIRef) and "/statement/" in str(s)
        for a in g.objects(s, MG.evidence):
            assert isinstance(a, URIRef)


def test_turtle_is_the_same_bytes_from_two_builds(tmp_path):
    paths = [DATA / "seeds", *GENRES]
    out = []
    for k in range(2):
        result = build(paths)
        path, _ = write_chunks(result.chunks(), tmp_path / f"graph-{k}.ttl")
        out.append(Path(path).read_bytes())
    assert out[0] == out[1]
    assert b"rdf:Statement" in out[0] and b"mg:evidence" in out[0]


def test_julia_dahl_presented_the_sub_topic_not_the_whole_item(samples):
    _, g, texts = samples
    julia = URIRef("https://w3id.org/motesgraf/id/person/julia-dahl")
    from kg.graph.iri import document_key

    item = URIRef(f"https://w3id.org/motesgraf/id/item/{document_key('001_c5a28c6c6790d8b8.txt')}-5")
    (sub,) = [s for s in g.objects(item, MG.hasSubTopic)
              if str(g.value(s, DCTERMS.title)) == "Vad innebär HD-domen om särskilt stöd och diskriminering"]
    assert (sub, RDF.type, MG.AgendaItem) in g and (sub, DCTERMS.isPartOf, item) in g
    assert set(g.objects(sub, MG.presenter)) == {julia}
    assert julia in set(g.objects(sub, MG.mentions))
    assert (item, MG.presenter, julia) not in g
    (a,) = g.objects(sub, MG.evidence)
    assert assert_exact(g, a, texts, "001_c5a28c6c6790d8b8.txt") == str(g.value(sub, DCTERMS.title))
    # the decision of the first sub-topic hangs on it, not on the item
    first = next(s for s in g.objects(item, MG.hasSubTopic) if str(s).endswith("-5.1"))
    assert list(g.objects(first, MG.hasDecision)) and not list(g.objects(item, MG.hasDecision))


def test_protocol_facts_of_the_genres(corpus):
    name, g, texts = corpus
    if name == "samples":
        pytest.skip("the samples are notes with no justering")
    adjusted = {str(o) for o in g.objects(None, MG.adjustedOn)}
    assert "2019-11-01" in adjusted           # "Justeringens plats och tid   Stadshuset, ..., fredagen den 1 november 2019"
    for m, d in g.subject_objects(MG.adjustedOn):
        assert str(d) != str(g.value(m, DCTERMS.date))          # never the meeting's date
    pairs = {(str(g.value(s, FOAF.name)), str(g.value(r, FOAF.name))) for s, r in g.subject_objects(MG.substituteFor)}
    assert {("Mikael Forsberg", "Anneli Karlsson"), ("Britt Johansson", "Tommy Ek")} <= pairs
    for s, r in g.subject_objects(MG.substituteFor):
        assert any(s in set(g.objects(m, MG.servingSubstitute)) and r in set(g.objects(m, MG.absentee))
                   for m in g.subjects(MG.servingSubstitute, s))
    statements_of = statements(g)
    assert any(p == MG.substituteFor for (_, p, _) in statements_of)


def test_titles_are_memberships_with_their_words(corpus):
    name, g, texts = corpus
    if name == "samples":
        pytest.skip("the genres' protokoll write titles with names")
    memberships = list(g.subjects(RDF.type, ORG.Membership))
    assert memberships
    labels = set()
    for ms in memberships:
        (person,) = g.objects(ms, ORG.member)
        (role,) = g.objects(ms, ORG.role)
        (meeting,) = g.objects(ms, MG.statedIn)
        assert (meeting, RDF.type, MG.Meeting) in g and (role, RDF.type, ORG.Role) in g
        label = str(g.value(role, SKOS.prefLabel))
        labels.add(label)
        (a,) = g.objects(ms, MG.evidence)
        words = assert_exact(g, a, texts, document_of(g, meeting))
        assert label.lower() in words.lower() and str(g.value(person, FOAF.name)).split()[-1] in words
    assert {"kommundirektör", "ordförande"} <= labels
    # an ordförande of the list is one in the body that met
    chair = next(ms for ms in memberships if str(g.value(g.value(ms, ORG.role), SKOS.prefLabel)) == "ordförande")
    assert g.value(chair, ORG.organization) == g.value(g.value(chair, MG.statedIn), MG.heldBy)
