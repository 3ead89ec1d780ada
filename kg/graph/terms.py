"""The RDF terms the graph is written with, as N-Triples text made once (``TYPE``, ``HAS_EVIDENCE``, ...),
and pyoxigraph terms as rdflib terms (``to_rdflib``).
"""
from __future__ import annotations

from functools import cache, lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from .vocab import MG, OA, SCHEMA

Term = str   # an RDF term in N-Triples form: "<iri>", '"text"', '"5"^^<datatype>' (kg.graph.ntriples)


ORG_CLASS = {
    # gazetteer type -> W3C ORG class
    "administration": ORG.OrganizationalUnit,
    "unit": ORG.OrganizationalUnit,
    "group": ORG.OrganizationalUnit,
    "board": ORG.OrganizationalUnit,
    "municipality": ORG.FormalOrganization,
    "region": ORG.FormalOrganization,
    "authority": ORG.FormalOrganization,
    "university": ORG.FormalOrganization,
    "party": ORG.FormalOrganization,
    "company": ORG.FormalOrganization,
    "court": ORG.FormalOrganization,
}


@cache
def node(iri: str) -> str:
    """The term of an IRI (vocabulary terms are made once)."""
    return f"<{iri}>"


# Terms used for every document, made once.
TYPE = node(RDF.type)
XSD_DATE, XSD_DATETIME, XSD_TIME, XSD_INTEGER, XSD_NNI = (
    node(XSD.date), node(XSD.dateTime), node(XSD.time), node(XSD.integer), node(XSD.nonNegativeInteger))
ANNOTATION, HAS_BODY, HAS_TARGET, MOTIVATED_BY, IDENTIFYING = (
    node(OA.Annotation), node(OA.hasBody), node(OA.hasTarget), node(OA.motivatedBy), node(OA.identifying))
HAS_SOURCE, HAS_SELECTOR, POSITION_SELECTOR, START, END = (
    node(OA.hasSource), node(OA.hasSelector), node(OA.TextPositionSelector), node(OA.start), node(OA.end))
QUOTE_SELECTOR, EXACT = node(OA.TextQuoteSelector), node(OA.exact)
MENTIONS = node(MG.mentions)
PERSON, NAME, ORGANIZATION, PROJECT = node(FOAF.Person), node(FOAF.name), node(ORG.Organization), node(MG.Project)
PREF_LABEL, ALT_LABEL, ORGANIZATION_TYPE, MERGE_REASON = (
    node(SKOS.prefLabel), node(SKOS.altLabel), node(MG.organizationType), node(MG.mergeReason))
SUB_ORGANIZATION_OF, MEMBER_OF = node(ORG.subOrganizationOf), node(ORG.memberOf)
SOURCE_DOCUMENT, SOURCE_TEXT, MEETING, DERIVED_FROM, HELD_BY = (
    node(MG.SourceDocument), node(MG.sourceText), node(MG.Meeting), node(PROV.wasDerivedFrom), node(MG.heldBy))
IDENTIFIER, FORMAT, TITLE, DATE, DESCRIPTION = (
    node(DCTERMS.identifier), node(DCTERMS.format), node(DCTERMS.title), node(DCTERMS.date), node(DCTERMS.description))
START_TIME, END_TIME, LOCATION = node(SCHEMA.startTime), node(SCHEMA.endTime), node(SCHEMA.location)
AGENDA_ITEM, HAS_AGENDA_ITEM, DECISION, HAS_DECISION = (
    node(MG.AgendaItem), node(MG.hasAgendaItem), node(MG.Decision), node(MG.hasDecision))
ORDINAL, ITEM_TIME, SECTION, SUBTOPIC, PRESENTER, RECUSED = (
    node(MG.ordinal), node(MG.itemTime), node(MG.section), node(MG.subtopic), node(MG.presenter), node(MG.recusedPerson))
COLLABORATES_WITH, COLLABORATION, PARTICIPANT, EVIDENCE = (
    node(MG.collaboratesWith), node(MG.Collaboration), node(MG.participant), node(MG.collaborationEvidence))
HAS_EVIDENCE, DESCRIBING = node(MG.evidence), node(OA.describing)
STATEMENT, SUBJECT, PREDICATE, OBJECT = node(RDF.Statement), node(RDF.subject), node(RDF.predicate), node(RDF.object)
DECISION_TYPE, DECIDED_BY, PROPOSED_TO, CONCERNS_CASE, CASE = (
    node(MG.decisionType), node(MG.decidedBy), node(MG.proposedTo), node(MG.concernsCase), node(MG.Case))
DECISION_KINDS = {"final": node(MG.FinalDecision), "proposal": node(MG.Proposal), "referral": node(MG.Referral),
                   "postponement": node(MG.Postponement), "noted": node(MG.Noted),
                   "delegated": node(MG.DelegatedDecision)}
VOTE_CLASS, VOTE, VOTERS, RESERVATION = (
    node(MG.Vote), node(MG.vote),
    ((node(MG.votedYes), "voted_yes"), (node(MG.votedNo), "voted_no"), (node(MG.abstained), "abstained")),
    node(MG.reservation))
COUNTS = ((node(MG.yesCount), "yes"), (node(MG.noCount), "no"), (node(MG.abstainCount), "abstain"))
ROLES = ((node(MG.attendee), "attendees"), (node(MG.absentee), "absentees"), (node(MG.minuteTaker), "minute_takers"),
          (node(MG.chair), "chairs"), (node(MG.adjuster), "adjusters"))
HAS_SUBTOPIC, IS_PART_OF = node(MG.hasSubTopic), node(DCTERMS.isPartOf)
ADJUSTED_ON, SERVING_SUBSTITUTE, SUBSTITUTE_FOR = node(MG.adjustedOn), node(MG.servingSubstitute), node(MG.substituteFor)
MEMBERSHIP, MEMBER, ORGANIZATION_OF, ROLE, ROLE_CLASS, STATED_IN = (
    node(ORG.Membership), node(ORG.member), node(ORG.organization), node(ORG.role), node(ORG.Role), node(MG.statedIn))


ORG_CLASS_NODES = {org_type: node(cls) for org_type, cls in ORG_CLASS.items()}


@lru_cache(maxsize=1 << 16)
def offset(n: int) -> str:
    return f'"{n}"^^{XSD_NNI}'



def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    """A pyoxigraph term as an rdflib term (plain strings stay plain, as rdflib writes them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")
