"""The ontology file and kg.graph.vocab.MG stay equal, and both honour the public vocabulary."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, SKOS, get_annotations

import kg.graph.vocab as vocab
from kg.graph.vocab import ID, MG, OA, bind_prefixes

# rdflib's SDO and XSD warn (not fail) on unknown names, and pytest probes module attributes
# while collecting; so they are used through their modules, not imported by name.
SDO = Namespace(str(rns.SDO))
XSD = Namespace(str(rns.XSD))

ONTOLOGY_PATH = Path(__file__).resolve().parents[2] / "ontology" / "motesgraf.ttl"
MG_NS = "https://w3id.org/motesgraf/ontology#"
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")

# The public contract (docs/vocabulary): every term here must be declared, with this kind.
# Written out by hand rather than read from the spec so the test runs anywhere.
SPEC_CLASSES = ["SourceDocument", "Meeting", "AgendaItem", "Decision", "Project"]
SPEC_OBJECT_PROPERTIES = [
    "heldBy", "attendee", "absentee", "minuteTaker", "chair", "hasAgendaItem",
    "hasDecision", "mentions", "presenter", "collaboratesWith",
]
SPEC_DATATYPE_PROPERTIES = ["ordinal"]
# Terms the project adds beyond the spec, and that other modules rely on.
EXTRA_CLASSES = ["Collaboration", "FinalDecision", "Proposal", "Referral", "Postponement", "Noted",
                 "DelegatedDecision", "Case", "Vote"]
EXTRA_OBJECT_PROPERTIES = [
    "adjuster", "substitute", "recusedPerson", "collaborationEvidence", "participant", "evidence",
    "decisionType", "proposedTo", "decidedBy", "concernsCase", "vote", "votedYes", "votedNo", "abstained",
    "reservation",
]
EXTRA_DATATYPE_PROPERTIES = [
    "section", "itemTime", "subtopic", "sourceText", "organizationType", "mergeReason",
    "yesCount", "noCount", "abstainCount",
]
# Sub-topics and the protocol (issue 15).
EXTRA_OBJECT_PROPERTIES += ["hasSubTopic", "servingSubstitute", "substituteFor", "statedIn"]
EXTRA_DATATYPE_PROPERTIES += ["adjustedOn"]

KIND_OF = {
    **{t: OWL.Class for t in SPEC_CLASSES + EXTRA_CLASSES},
    **{t: OWL.ObjectProperty for t in SPEC_OBJECT_PROPERTIES + EXTRA_OBJECT_PROPERTIES},
    **{t: OWL.DatatypeProperty for t in SPEC_DATATYPE_PROPERTIES + EXTRA_DATATYPE_PROPERTIES},
}
KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
MG_TERMS = sorted(get_annotations(MG))


@pytest.fixture(scope="module")
def onto() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_PATH, format="turtle")
    return graph


def _declared(onto: Graph) -> set[str]:
    """Local names of mg: terms the ontology types as a class or property."""
    return {
        str(s)[len(MG_NS):]
        for kind in KINDS
        for s in onto.subjects(RDF.type, kind)
        if str(s).startswith(MG_NS)
    }


def test_ontology_header(onto: Graph) -> None:
    ontologies = list(onto.subjects(RDF.type, OWL.Ontology))
    assert ontologies == [URIRef("https://w3id.org/motesgraf/ontology")]
    header = ontologies[0]
    titles = {t.language for t in onto.objects(header, DCTERMS.title)}
    descriptions = {d.language for d in onto.objects(header, DCTERMS.description)}
    assert titles == {"sv", "en"} and descriptions == {"sv", "en"}
    assert onto.value(header, OWL.versionInfo) is not None


@pytest.mark.parametrize("name", sorted(KIND_OF))
def test_contract_term_declared_with_its_kind(onto: Graph, name: str) -> None:
    kinds = set(onto.objects(MG[name], RDF.type)) & KINDS
    assert kinds == {KIND_OF[name]}


@pytest.mark.parametrize("name", MG_TERMS)
def test_term_kind_follows_its_spelling(onto: Graph, name: str) -> None:
    """Classes are capitalised, properties are not: the naming analysts rely on."""
    kinds = set(onto.objects(MG[name], RDF.type)) & KINDS
    expected = {OWL.Class} if name[0].isupper() else {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(kinds) == 1 and kinds <= expected


@pytest.mark.parametrize("name", MG_TERMS)
@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment])
def test_term_has_one_swedish_and_one_english_text(onto: Graph, name: str, predicate: URIRef) -> None:
    texts = list(onto.objects(MG[name], predicate))
    assert sorted(t.language for t in texts if isinstance(t, Literal)) == ["en", "sv"]
    assert len(texts) == 2 and all(str(t).strip() for t in texts)


def test_namespace_and_ontology_declare_the_same_terms(onto: Graph) -> None:
    assert _declared(onto) == set(MG_TERMS)


def test_namespace_holds_every_contract_term() -> None:
    assert set(KIND_OF) == set(MG_TERMS)


def test_every_mg_iri_used_in_the_ontology_is_declared(onto: Graph) -> None:
    """Catches a misspelt domain, range or super-property such as mg:Meting."""
    used = {
        str(term)[len(MG_NS):]
        for triple in onto
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(MG_NS)
    }
    assert used <= _declared(onto)


@pytest.mark.parametrize("name", sorted(
    t for t, kind in KIND_OF.items() if kind != OWL.Class
))
def test_property_range_matches_its_kind(onto: Graph, name: str) -> None:
    """Datatype properties point at XSD types, object properties never do."""
    ranges = list(onto.objects(MG[name], RDFS.range))
    literal_ranges = [r for r in ranges if str(r).startswith(str(XSD))]
    if KIND_OF[name] == OWL.DatatypeProperty:
        assert ranges and literal_ranges == ranges
    else:
        assert not literal_ranges


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        (MG.Meeting, RDFS.subClassOf, SDO.Event),
        (MG.Meeting, SKOS.closeMatch, BESLUIT.Zitting),
        (MG.AgendaItem, SKOS.closeMatch, BESLUIT.Agendapunt),
        (MG.Decision, SKOS.closeMatch, BESLUIT.Besluit),
        (MG.SourceDocument, RDFS.subClassOf, PROV.Entity),
        (MG.SourceDocument, RDFS.subClassOf, FOAF.Document),
        (MG.chair, SKOS.closeMatch, BESLUIT.heeftVoorzitter),
        (MG.minuteTaker, SKOS.closeMatch, BESLUIT.heeftSecretaris),
        (MG.hasAgendaItem, SKOS.closeMatch, BESLUIT.behandelt),
        (MG.heldBy, RDFS.subPropertyOf, SDO.organizer),
        (MG.heldBy, RDFS.range, ORG.Organization),
        (MG.attendee, RDFS.subPropertyOf, SDO.attendee),
        (MG.attendee, RDFS.range, FOAF.Person),
        (MG.substitute, RDFS.subPropertyOf, MG.attendee),
        (MG.collaboratesWith, RDF.type, OWL.SymmetricProperty),
        (MG.collaboratesWith, RDFS.subPropertyOf, ORG.linkedTo),
        (MG.collaborationEvidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (MG.participant, RDFS.range, ORG.Organization),
        (MG.evidence, RDFS.range, OA.Annotation),
        (MG.ordinal, RDFS.range, XSD.integer),
        (MG.sourceText, RDFS.domain, MG.SourceDocument),
        (MG.Vote, SKOS.closeMatch, BESLUIT.Stemming),
        (MG.votedYes, SKOS.closeMatch, BESLUIT.heeftVoorstander),
        (MG.votedNo, SKOS.closeMatch, BESLUIT.heeftTegenstander),
        (MG.abstained, SKOS.closeMatch, BESLUIT.heeftOnthouders),
        (MG.yesCount, RDFS.range, XSD.integer),
        (MG.concernsCase, RDFS.range, MG.Case),
    ],
)
def test_alignment(onto: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    assert (subject, predicate, obj) in onto


def test_meeting_is_not_a_prov_activity(onto: Graph) -> None:
    """Meetings carry prov:wasDerivedFrom (domain prov:Entity); PROV makes Entity and Activity disjoint."""
    supers = set(onto.transitive_objects(MG.Meeting, RDFS.subClassOf))
    assert PROV.Activity not in supers and PROV.Entity in supers


@pytest.mark.parametrize("name", ["notATerm", "meeting", "Meetings", "attendees", "heldby"])
def test_unknown_term_raises(name: str) -> None:
    with pytest.raises(AttributeError):
        getattr(MG, name)


def test_known_term_is_the_full_iri() -> None:
    assert MG.Meeting == URIRef(MG_NS + "Meeting")
    assert MG.hasAgendaItem == URIRef(MG_NS + "hasAgendaItem")


@pytest.mark.parametrize(
    ("namespace", "iri"),
    [
        (OA, "http://www.w3.org/ns/oa#"),
        (vocab.SCHEMA, "https://schema.org/"),
        (ORG, "http://www.w3.org/ns/org#"),
        (ID, "https://w3id.org/motesgraf/id/"),
    ],
)
def test_exported_namespaces(namespace: Namespace, iri: str) -> None:
    assert str(namespace) == iri


PREFIXES = {
    "mg": MG_NS,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "person": "https://w3id.org/motesgraf/id/person/",
    "organisation": "https://w3id.org/motesgraf/id/org/",
    "project": "https://w3id.org/motesgraf/id/project/",
    "meeting": "https://w3id.org/motesgraf/id/meeting/",
    "item": "https://w3id.org/motesgraf/id/item/",
    "decision": "https://w3id.org/motesgraf/id/decision/",
    "doc": "https://w3id.org/motesgraf/id/doc/",
}


@pytest.mark.parametrize("bind_namespaces", ["rdflib", "none"])
def test_bind_prefixes_binds_each_prefix(bind_namespaces: str) -> None:
    graph = bind_prefixes(Graph(bind_namespaces=bind_namespaces))
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert {p: bound.get(p) for p in PREFIXES} == PREFIXES


def test_bind_prefixes_replaces_a_conflicting_binding() -> None:
    graph = Graph(bind_namespaces="none")
    graph.bind("schema", "http://schema.org/")
    bind_prefixes(graph)
    assert dict(graph.namespaces())["schema"] == URIRef("https://schema.org/")


def test_turtle_uses_the_short_names() -> None:
    graph = bind_prefixes(Graph())
    person = URIRef("https://w3id.org/motesgraf/id/person/lila-ericsson")
    body = URIRef("https://w3id.org/motesgraf/id/org/skane-stadsmission")
    meeting = URIRef("https://w3id.org/motesgraf/id/meeting/styrelsemote-2021-03-04")
    graph.add((meeting, MG.attendee, person))
    graph.add((meeting, MG.heldBy, body))
    graph.add((body, RDF.type, ORG.Organization))
    text = graph.serialize(format="turtle")
    for short in ["person:lila-ericsson", "organisation:skane-stadsmission",
                  "meeting:styrelsemote-2021-03-04", "mg:attendee", "org:Organization"]:
        assert short in text
