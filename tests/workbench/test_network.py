"""Projections of the RDF graph into networkx graphs (kg.workbench.network), on small graphs written by hand."""
from __future__ import annotations

import random

import pytest
from rdflib import Graph

from kg.workbench.network import (
    collaboration_network,
    index_graph,
    organisation_kind,
    people_organisation_network,
    presenter_network,
)

PREFIXES = """
@prefix mg:           <https://w3id.org/motesgraf/ontology#> .
@prefix foaf:         <http://xmlns.com/foaf/0.1/> .
@prefix org:          <http://www.w3.org/ns/org#> .
@prefix dcterms:      <http://purl.org/dc/terms/> .
@prefix skos:         <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:          <http://www.w3.org/2001/XMLSchema#> .
@prefix person:       <https://w3id.org/motesgraf/id/person/> .
@prefix organisation: <https://w3id.org/motesgraf/id/org/> .
@prefix meeting:      <https://w3id.org/motesgraf/id/meeting/> .
@prefix item:         <https://w3id.org/motesgraf/id/item/> .
"""
ORG = "https://w3id.org/motesgraf/id/org/"
PERSON = "https://w3id.org/motesgraf/id/person/"
ITEM = "https://w3id.org/motesgraf/id/item/"
MEETING = "https://w3id.org/motesgraf/id/meeting/"

# Two meetings of the development group; the second states no date (so none may be guessed).
MINUTES = PREFIXES + """
organisation:sof a org:Organization ; skos:prefLabel "Socialförvaltningen" ; skos:altLabel "SOF" .
organisation:amf a org:Organization ; skos:prefLabel "Arbetsmarknadsförvaltningen" ; skos:altLabel "AMF" .
organisation:ctf a org:OrganizationalUnit ; skos:prefLabel "Centrum för tjänsteforskning" ;
    org:unitOf organisation:kau .
organisation:kau a org:Organization ; skos:prefLabel "Karlstads universitet" .
organisation:lg a org:Organization ; skos:prefLabel "Ledningsgrupp för utveckling" ; mg:organizationType "group" .
organisation:polisen a org:Organization ; skos:prefLabel "Polisen" .
organisation:krim a org:Organization ; skos:prefLabel "Krimteamet" ; org:memberOf organisation:sof .

person:pernilla a foaf:Person ; foaf:name "Pernilla Kvist" ; org:memberOf organisation:amf .
person:bengt a foaf:Person ; foaf:name "Bengt Nilsson" .
person:per a foaf:Person ; foaf:name "Per Skålén" ; org:memberOf organisation:ctf .

meeting:a a mg:Meeting ; dcterms:date "2017-06-15"^^xsd:date ; mg:heldBy organisation:lg ;
    mg:chair person:bengt ; mg:attendee person:bengt , person:pernilla ; mg:absentee person:per ;
    mg:hasAgendaItem item:a-1 , item:a-2 , item:a-3 .
item:a-1 a mg:AgendaItem ; dcterms:title "Hälsa" ; mg:ordinal 1 ;
    mg:mentions organisation:sof , organisation:amf , person:pernilla .
item:a-2 a mg:AgendaItem ; dcterms:title "Frukostdialog om kompetens" ; mg:ordinal 2 ;
    mg:presenter person:pernilla ; mg:mentions organisation:amf , organisation:sof , organisation:ctf .
item:a-3 a mg:AgendaItem ; dcterms:title "Övrigt" ; mg:ordinal 3 ; mg:mentions organisation:sof .

meeting:b a mg:Meeting ; mg:attendee person:per ; mg:hasAgendaItem item:b-1 .
item:b-1 a mg:AgendaItem ; dcterms:title "Forskning om brukarinflytande" ;
    mg:presenter person:per ; mg:mentions organisation:ctf , organisation:kau .

organisation:krim mg:collaboratesWith organisation:polisen .
[] a mg:Collaboration ; mg:participant organisation:krim , organisation:polisen ;
    mg:collaborationEvidence item:b-1 .
"""


def graph_of(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


@pytest.fixture(scope="module")
def minutes() -> Graph:
    return graph_of(MINUTES)


@pytest.mark.parametrize("name, kind", [
    ("Socialförvaltningen", "administration"),
    ("Skol- och fritidsförvaltningen", "administration"),
    ("Avdelning för förvaltning", "administration"),
    ("Barn- och utbildningsnämnden", "board"),
    ("Kommunstyrelsen", "board"),
    ("Kommunfullmäktige", "board"),
    ("Bjuvs kommun", "municipality"),
    ("Helsingborgs stad", "municipality"),
    ("Landskrona  stad", "municipality"),
    ("Region Skåne", "region"),
    ("Karlstads universitet", "university"),
    ("Malmö högskola", "university"),
    ("Länsstyrelsen Skåne", "authority"),
    ("Polisen", "authority"),
    ("Högsta domstolen", "authority"),
    ("Styrgruppen", "group"),
    ("Ledningsgrupp för utveckling", "group"),
    ("Grundskolenätverket i Familjen Helsingborg", "group"),
    ("Krimteamet", "group"),
    ("Open College Network", "external"),
    ("Helsingborgs stads skolor", "external"),
    ("Stadsbyggnadsnämndens", "external"),     # genitive: not the board itself as written
])
def test_organisation_kind_from_swedish_name(name: str, kind: str) -> None:
    assert organisation_kind(name) == kind


@pytest.mark.parametrize("stated, kind", [
    ("board", "board"), ("Förvaltning", "administration"), ("kommun", "municipality"),
    (" university ", "university"), ("nätverk", "group"),
])
def test_stated_organisation_type_wins_over_the_name(stated: str, kind: str) -> None:
    assert organisation_kind("Socialförvaltningen", stated) == kind


def test_collaboration_counts_shared_agenda_items(minutes: Graph) -> None:
    g = collaboration_network(minutes)
    sof, amf, ctf = ORG + "sof", ORG + "amf", ORG + "ctf"
    assert g.edges[sof, amf]["weight"] == 2                      # items a-1 and a-2
    assert [r["title"] for r in g.edges[sof, amf]["items"]] == ["Frukostdialog om kompetens", "Hälsa"]
    assert g.edges[sof, amf]["dates"] == ["2017-06-15"]
    assert g.edges[sof, ctf]["weight"] == 1 and not g.edges[sof, ctf]["stated"]
    assert g.nodes[sof]["items"] == 3 and g.nodes[sof]["alt_labels"] == ["SOF"]
    assert g.nodes[sof]["kind"] == "administration"


def test_undated_meeting_gives_undated_collaboration(minutes: Graph) -> None:
    g = collaboration_network(minutes)
    edge = g.edges[ORG + "ctf", ORG + "kau"]
    assert edge["dates"] == [] and edge["items"][0]["date"] == ""


def test_stated_collaboration_carries_its_evidence(minutes: Graph) -> None:
    g = collaboration_network(minutes)
    edge = g.edges[ORG + "krim", ORG + "polisen"]
    assert edge["stated"] and edge["weight"] == 1
    assert [r["iri"] for r in edge["items"]] == [ITEM + "b-1"]


def test_stated_collaboration_without_evidence_still_counts_once() -> None:
    g = collaboration_network(graph_of(PREFIXES + """
        organisation:a a org:Organization ; skos:prefLabel "Bjuvs kommun" ; mg:collaboratesWith organisation:b .
        organisation:b a org:Organization ; skos:prefLabel "Helsingborgs stad" ."""))
    assert g.edges[ORG + "a", ORG + "b"] == {"weight": 1, "items": [], "stated": True, "dates": []}


def test_bodies_that_only_meet_are_not_collaborators(minutes: Graph) -> None:
    g = collaboration_network(minutes)
    assert ORG + "lg" not in g          # held meeting a, never named in an item
    assert g.number_of_nodes() == 6     # sof, amf, ctf, kau, krim, polisen


def test_presenters_link_person_item_and_body(minutes: Graph) -> None:
    g = presenter_network(minutes)
    assert set(g.edges) == {
        (PERSON + "pernilla", ITEM + "a-2"), (ITEM + "a-2", ORG + "lg"), (PERSON + "per", ITEM + "b-1"),
    }
    assert g.nodes[ITEM + "a-2"]["ordinal"] == 2 and g.nodes[ITEM + "a-2"]["dates"] == ["2017-06-15"]
    assert g.nodes[ITEM + "b-1"]["dates"] == []          # meeting b states no date
    assert ITEM + "a-1" not in g                          # no presenter


def test_people_organisations_roles_memberships_and_parents(minutes: Graph) -> None:
    g = people_organisation_network(minutes)
    assert g.edges[PERSON + "bengt", MEETING + "a"]["roles"] == ["attendee", "chair"]
    assert g.edges[PERSON + "per", MEETING + "a"]["roles"] == ["absentee"]
    assert g.edges[PERSON + "pernilla", ORG + "amf"]["relation"] == "memberOf"
    assert g.edges[ORG + "krim", ORG + "sof"]["relation"] == "memberOf"
    assert g.edges[ORG + "ctf", ORG + "kau"]["relation"] == "subOrganizationOf"
    assert g.edges[MEETING + "a", ORG + "lg"]["relation"] == "heldBy"
    assert g.nodes[MEETING + "a"]["label"] == "Ledningsgrupp för utveckling 2017-06-15"
    assert g.nodes[ORG + "krim"]["type"] == "organisation"
    assert not any(g.has_edge(MEETING + "b", o) for o in g)   # meeting b names no body


def test_networks_do_not_depend_on_triple_order(minutes: Graph) -> None:
    triples = list(minutes)
    random.Random(5).shuffle(triples)
    shuffled = Graph()
    for t in triples:
        shuffled.add(t)
    for build in (collaboration_network, presenter_network, people_organisation_network):
        a, b = build(minutes), build(shuffled)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_index_reads_labels_and_falls_back_to_the_iri(minutes: Graph) -> None:
    idx = index_graph(minutes)
    assert idx.label(PERSON + "per") == "Per Skålén"
    assert idx.label(ORG + "unknown-body") == "unknown-body"
    assert idx.meetings[MEETING + "b"].date is None


# ---------------------------------------------------------------------------------------------
# Reading a graph file with Oxigraph gives the index rdflib gives
# ---------------------------------------------------------------------------------------------

# Blank nodes, a language tag, typed and plain literals, and an N-Quads file's named graphs.
BLANK_AND_TYPED = PREFIXES + """
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/motesgraf/id/> .
id:doc a mg:SourceDocument ; dcterms:identifier "p.txt" ; mg:sourceText "Närvarande: Bo Ek" .
meeting:m a mg:Meeting ; prov:wasDerivedFrom id:doc ; mg:attendee person:bo ; mg:hasAgendaItem item:i .
item:i a mg:AgendaItem ; dcterms:title "Budget"@sv ; mg:ordinal 3 .
person:bo a foaf:Person ; foaf:name "Bo Ek" .
id:a a oa:Annotation ; oa:hasBody person:bo ;
    oa:hasTarget [ oa:hasSource id:doc ; oa:hasSelector [ oa:start 12 ; oa:end 17 ; oa:exact "Bo Ek" ] ] .
"""


@pytest.mark.parametrize("name", ["minutes", "blank", "fixture"])
def test_the_index_read_through_oxigraph_is_the_index_rdflib_reads(name: str, tmp_path, minutes: Graph) -> None:
    from pathlib import Path

    from kg.workbench.network import load_graph, load_index_file

    if name == "fixture":
        path = Path(__file__).parent.parent / "data" / "fixture_graph.ttl"
    else:
        path = tmp_path / "g.ttl"
        path.write_text(MINUTES if name == "minutes" else BLANK_AND_TYPED, encoding="utf-8")
    expected = index_graph(load_graph(path))
    assert load_index_file(path) == expected
    if name == "blank":
        assert [(a.start, a.end, a.exact) for a in expected.annotations.values()] == [(12, 17, "Bo Ek")]
        assert expected.items[ITEM + "i"].ordinal == 3 and expected.items[ITEM + "i"].title == "Budget"
    nquads = tmp_path / "g.nq"        # one named graph per document, as kg build writes .nq
    g = load_graph(path)
    nquads.write_text("".join(f"{s.n3()} {p.n3()} {o.n3()} <https://example.org/g/{k % 3}> .\n"
                              for k, (s, p, o) in enumerate(sorted(g))), encoding="utf-8")
    assert load_index_file(nquads) == expected


@pytest.mark.parametrize("content, reason", [(None, "no such file"), ("@prefix : <x> . :a :b", "cannot parse")])
def test_an_unusable_graph_file_is_one_line(tmp_path, content: str | None, reason: str) -> None:
    from kg.workbench.network import GraphFileError, load_index_file

    path = tmp_path / "g.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphFileError) as caught:
        load_index_file(path)
    assert str(caught.value).startswith(f"{path}: {reason}") and "\n" not in str(caught.value)


def test_people_organisations_take_the_whole_chain_of_parents_in_any_order() -> None:
    """A unit someone belongs to brings its department and the department's municipality; a unit
    nobody belongs to or meets in stays out, whatever order the pairs come in."""
    from kg.workbench.network import GraphIndex

    chains = [(ORG + "unit", ORG + "dept"), (ORG + "dept", ORG + "town"), (ORG + "other-unit", ORG + "town")]
    seen = set()
    for order in range(6):
        idx = GraphIndex(persons={PERSON + "ann"}, memberships={(PERSON + "ann", ORG + "unit")})
        pairs = chains[order % 3:] + chains[:order % 3]
        for pair in (pairs if order < 3 else pairs[::-1]):
            idx.parents.add(pair)
        g = people_organisation_network(idx)
        seen.add(tuple(sorted(g.nodes)))
        assert g.edges[ORG + "dept", ORG + "town"]["relation"] == "subOrganizationOf"
    assert seen == {tuple(sorted([PERSON + "ann", ORG + "unit", ORG + "dept", ORG + "town"]))}
