"""Namespaces for the graph: the ontology's own terms, closed, and the standard vocabularies.

``MG`` is closed (``_fail = True``): a misspelt term raises ``AttributeError`` where the graph is
built, instead of producing an IRI that no analyst's query will ever match. It mirrors
``ontology/motesgraf.ttl``, the single source of truth; ``tests/test_vocab.py`` keeps them equal.
"""
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, XSD, DefinedNamespace

__all__ = [
    "DCTERMS", "FOAF", "ID", "INSTANCE_NAMESPACES", "MG", "OA", "ORG", "OWL", "PROV",
    "SCHEMA", "SKOS", "XSD", "bind_prefixes",
]


class MG(DefinedNamespace):
    """The motesgraf ontology (https://w3id.org/motesgraf/ontology#)."""

    _NS = Namespace("https://w3id.org/motesgraf/ontology#")
    _fail = True

    # owl:Class
    SourceDocument: URIRef  # A file of minutes the graph was built from.
    Meeting: URIRef  # A meeting of a body as its minutes describe it.
    AgendaItem: URIRef  # One item (§ or agenda heading) dealt with at a meeting.
    Decision: URIRef  # A decision, kept verbatim.
    Project: URIRef  # A named project, programme or initiative.
    Collaboration: URIRef  # Reified mg:collaboratesWith, with participants and evidence.
    FinalDecision: URIRef  # Decision type: the body decides the matter itself.
    Proposal: URIRef  # Decision type: a proposal to another body (mg:proposedTo).
    Referral: URIRef  # Decision type: återremiss, the matter sent back.
    Postponement: URIRef  # Decision type: bordläggning, the matter tabled.
    Noted: URIRef  # Decision type: information noted, laid to the records.
    DelegatedDecision: URIRef  # Decision type: reported delegation decisions.
    Case: URIRef  # A registered case (diarienummer), one node across bodies and meetings.
    Vote: URIRef  # A vote (omröstning, votering) with its counts and voters.

    # owl:ObjectProperty
    heldBy: URIRef  # Meeting -> the body that met.
    attendee: URIRef  # Meeting -> person present.
    absentee: URIRef  # Meeting -> person listed as absent.
    substitute: URIRef  # Meeting -> serving substitute (tjänstgörande ersättare); a kind of attendee.
    minuteTaker: URIRef  # Meeting -> person who kept the minutes.
    chair: URIRef  # Meeting -> person who chaired.
    adjuster: URIRef  # Meeting -> person who checks and signs the minutes (justerare).
    hasAgendaItem: URIRef  # Meeting -> AgendaItem.
    hasDecision: URIRef  # Meeting or AgendaItem -> Decision.
    presenter: URIRef  # AgendaItem -> person presenting ("Föredragande", "informerar").
    recusedPerson: URIRef  # AgendaItem -> person who took no part because of jäv.
    mentions: URIRef  # Meeting or AgendaItem -> person, organisation or project referred to.
    collaboratesWith: URIRef  # Organisation <-> organisation (symmetric).
    participant: URIRef  # Collaboration -> organisation.
    collaborationEvidence: URIRef  # Collaboration -> AgendaItem or Meeting where it was found.
    decisionType: URIRef  # Decision -> one of the decision type classes.
    proposedTo: URIRef  # Decision -> the body a proposal goes to.
    decidedBy: URIRef  # Decision -> the body that took it (the meeting's mg:heldBy).
    concernsCase: URIRef  # AgendaItem or Decision -> Case.
    vote: URIRef  # Decision or AgendaItem -> Vote.
    votedYes: URIRef  # Vote -> person who voted yes.
    votedNo: URIRef  # Vote -> person who voted no.
    abstained: URIRef  # Vote -> person who abstained.
    reservation: URIRef  # Decision or AgendaItem -> person or party reserved against it.
    evidence: URIRef  # Meeting, AgendaItem, Decision or rdf:Statement -> oa:Annotation quoting the words that state it.
    hasSubTopic: URIRef  # AgendaItem -> AgendaItem: a sub-topic with its own presenters, decisions and mentions.
    servingSubstitute: URIRef  # Meeting -> person serving as substitute (tjänstgörande ersättare).
    substituteFor: URIRef  # Person (a serving substitute) -> the member replaced, where stated.
    statedIn: URIRef  # org:Membership -> the Meeting whose minutes state it (which dates it).

    # owl:DatatypeProperty
    ordinal: URIRef  # AgendaItem -> xsd:integer, its § or agenda number.
    section: URIRef  # AgendaItem -> upper-case section label ("BESLUT").
    itemTime: URIRef  # AgendaItem -> clock time "09:40".
    subtopic: URIRef  # AgendaItem -> sub-topic heading inside the item.
    sourceText: URIRef  # SourceDocument -> its full (extracted) text.
    organizationType: URIRef  # Organisation -> administration, board, municipality, ...
    mergeReason: URIRef  # Entity -> why its mentions were joined.
    yesCount: URIRef  # Vote -> xsd:integer.
    noCount: URIRef  # Vote -> xsd:integer.
    abstainCount: URIRef  # Vote -> xsd:integer.


    adjustedOn: URIRef  # Meeting -> xsd:date the minutes were justerade, where stated.


# W3C Web Annotation, for the provenance of every mention (rdflib has no namespace for it).
OA = Namespace("http://www.w3.org/ns/oa#")

# rdflib's SDO is already https://schema.org/, the form the public vocabulary uses.
SCHEMA = SDO

# Base of every instance IRI; one sub-namespace per kind of node.
ID = Namespace("https://w3id.org/motesgraf/id/")

# Prefix -> namespace for instance IRIs. Organisations live under id/org/ but are bound as
# ``organisation:`` because ``org:`` is W3C ORG.
INSTANCE_NAMESPACES: dict[str, Namespace] = {
    "person": Namespace(ID + "person/"),
    "organisation": Namespace(ID + "org/"),
    "project": Namespace(ID + "project/"),
    "meeting": Namespace(ID + "meeting/"),
    "item": Namespace(ID + "item/"),
    "decision": Namespace(ID + "decision/"),
    "doc": Namespace(ID + "doc/"),
    "annotation": Namespace(ID + "annotation/"),
    "collaboration": Namespace(ID + "collaboration/"),
    "statement": Namespace(ID + "statement/"),
    "case": Namespace(ID + "case/"),
    "vote": Namespace(ID + "vote/"),


    "membership": Namespace(ID + "membership/"),
    "role": Namespace(ID + "role/"),
}

VOCABULARY_PREFIXES: dict[str, Namespace] = {
    "mg": MG._NS,
    "rdf": Namespace(str(RDF)),
    "foaf": Namespace(str(FOAF)),
    "org": Namespace(str(ORG)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "oa": OA,
    "schema": Namespace(str(SCHEMA)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so Turtle prints short, readable names.

    Existing bindings of the same prefixes are replaced: rdflib pre-binds some prefixes
    (``schema``, ``org``) and a graph parsed from elsewhere may use them for other namespaces.
    Returns the graph for chaining.
    """
    for prefix, namespace in {**VOCABULARY_PREFIXES, **INSTANCE_NAMESPACES}.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
