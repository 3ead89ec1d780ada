"""The graph read once into plain Python values (GraphIndex): persons, organisations and their
kinds, meetings, agenda items, documents, decisions, and the annotations that state each link,
read through the public vocabulary only, so any graph that honours it can be indexed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from ..graph.vocab import DCTERMS, FOAF, MG, OA, ORG, PROV, SKOS

if TYPE_CHECKING:
    from .loading import StoreReader


ORG_TYPES = (ORG.Organization, ORG.OrganizationalUnit, ORG.FormalOrganization)

# The coarse kinds of mg:organizationType, in the order legends list them.
ORG_KINDS: tuple[str, ...] = (
    "administration", "board", "municipality", "region", "authority", "party", "university",
    "group", "company", "external",
)

# Meeting property -> role name; mg:substitute is a kind of attendee, listed on its own.
ATTENDANCE_ROLES: dict[URIRef, str] = {
    MG.chair: "chair",
    MG.attendee: "attendee",
    MG.substitute: "substitute",
    MG.minuteTaker: "minuteTaker",
    MG.adjuster: "adjuster",
    MG.absentee: "absentee",
}

# Swedish words an organisation's type may be given in, mapped onto ORG_KINDS.
_KIND_SYNONYMS = {
    "förvaltning": "administration", "nämnd": "board", "styrelse": "board",
    "kommun": "municipality", "myndighet": "authority", "parti": "party",
    "lärosäte": "university", "grupp": "group", "nätverk": "group", "företag": "company",
    "extern": "external",
}

# (pattern on the lower-cased name, kind), first match wins. Endings are the Swedish definite
# forms names take in minutes: "Socialförvaltningen", "Barn- och utbildningsnämnden".
_KIND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"förvaltning(en)?$"), "administration"),
    (re.compile(r"(nämnd(en)?|styrelse(n)?|fullmäktige)$"), "board"),
    (re.compile(r"\b(kommun|stad)$"), "municipality"),
    (re.compile(r"^region\b|\bregion(en)?$"), "region"),
    (re.compile(r"(universitet(et)?|högskola(n)?)$"), "university"),
    (re.compile(r"^(polisen|länsstyrelsen|försäkringskassan|skatteverket)\b|myndighet(en)?$|domstol(en)?$"),
     "authority"),
    (re.compile(r"(grupp(en)?|nätverk(et)?|team(et)?|råd(et)?)(\s|$)"), "group"),
)


def organisation_kind(name: str, stated: str | None = None) -> str:
    """The coarse kind of an organisation: the stated ``mg:organizationType``, else a guess from its name.

    The guess only reads Swedish name endings ("…förvaltningen", "…nämnden", "… kommun"); anything
    it cannot place is "external", which is what the views colour grey.
    """
    if stated:
        word = stated.strip().lower()
        return _KIND_SYNONYMS.get(word, word)
    lowered = " ".join(name.lower().split())
    for pattern, kind in _KIND_RULES:
        if pattern.search(lowered):
            return kind
    return "external"


@dataclass
class MeetingInfo:
    iri: str
    date: str | None = None            # ISO yyyy-mm-dd, only when the graph states it
    body: str | None = None            # IRI of the organisation that met
    items: list[str] = field(default_factory=list)
    attendance: dict[str, set[str]] = field(default_factory=dict)   # person IRI -> roles


@dataclass
class ItemInfo:
    iri: str
    title: str = ""
    ordinal: int | None = None
    meeting: str | None = None
    mentions: set[str] = field(default_factory=set)
    presenters: set[str] = field(default_factory=set)


@dataclass
class DocumentInfo:
    iri: str
    identifier: str = ""
    text: str = ""                      # mg:sourceText, the text the annotations' offsets count in


@dataclass
class AnnotationInfo:
    """One span of a document: the words that state a fact or name an entity."""

    iri: str
    document: str = ""                  # IRI of the mg:SourceDocument
    start: int = 0
    end: int = 0
    exact: str = ""
    bodies: tuple[str, ...] = ()        # what the span is about (an entity, item, decision, ...)


@dataclass
class DecisionInfo:
    iri: str
    text: str = ""
    item: str | None = None
    meeting: str | None = None


# Links restated as rdf:Statement, by the local name of their predicate.
STATED_LINKS: dict[URIRef, str] = {
    MG.attendee: "attendee", MG.absentee: "absentee", MG.chair: "chair", MG.substitute: "substitute",
    MG.minuteTaker: "minuteTaker", MG.adjuster: "adjuster", MG.presenter: "presenter",
    MG.recusedPerson: "recusedPerson", ORG.memberOf: "memberOf", MG.collaboratesWith: "collaboratesWith",
}


@dataclass
class GraphIndex:
    """What the networks need from the RDF graph, as plain values keyed by IRI string."""

    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, set[str]] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)
    organisations: dict[str, str] = field(default_factory=dict)        # IRI -> kind
    projects: set[str] = field(default_factory=set)
    meetings: dict[str, MeetingInfo] = field(default_factory=dict)
    items: dict[str, ItemInfo] = field(default_factory=dict)
    memberships: set[tuple[str, str]] = field(default_factory=set)     # (person or org, org)
    parents: set[tuple[str, str]] = field(default_factory=set)         # (org, parent org)
    stated_collaborations: dict[frozenset[str], set[str]] = field(default_factory=dict)  # pair -> evidence
    # The words behind the facts (mg:evidence, rdf:Statement), empty for a graph without them.
    documents: dict[str, DocumentInfo] = field(default_factory=dict)
    annotations: dict[str, AnnotationInfo] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)       # node IRI -> annotation IRIs
    link_evidence: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)  # (s, link, o) -> ann.
    decisions: dict[str, DecisionInfo] = field(default_factory=dict)
    meeting_documents: dict[str, str] = field(default_factory=dict)    # meeting IRI -> document IRI

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)

    def item_date(self, item: str) -> str | None:
        meeting = self.items[item].meeting if item in self.items else None
        return self.meetings[meeting].date if meeting in self.meetings else None

    def evidence_date(self, iri: str) -> str | None:
        """Date of an agenda item or meeting used as evidence."""
        if iri in self.items:
            return self.item_date(iri)
        return self.meetings[iri].date if iri in self.meetings else None

    def evidence_title(self, iri: str) -> str:
        if iri in self.items:
            return self.items[iri].title or local_name(iri)
        return self.meeting_label(iri)

    def meeting_label(self, meeting: str) -> str:
        info = self.meetings.get(meeting)
        body = self.label(info.body) if info and info.body else local_name(meeting)
        return f"{body} {info.date}" if info and info.date else body

def index_graph(graph: Graph | StoreReader) -> GraphIndex:
    """Read persons, organisations, meetings, items and their links from the public vocabulary."""
    idx = GraphIndex()
    for cls in ORG_TYPES:
        for s in graph.subjects(RDF.type, cls):
            idx.organisations.setdefault(str(s), "")
    for s in graph.subjects(RDF.type, FOAF.Person):
        idx.persons.add(str(s))
    for s in graph.subjects(RDF.type, MG.Project):
        idx.projects.add(str(s))
    _read_labels(graph, idx)
    _read_meetings(graph, idx)
    _read_items(graph, idx)
    for person, organisation in graph.subject_objects(ORG.memberOf):
        idx.memberships.add((str(person), str(organisation)))
        idx.organisations.setdefault(str(organisation), "")
    for prop in (ORG.subOrganizationOf, ORG.unitOf):
        for child, parent in graph.subject_objects(prop):
            idx.parents.add((str(child), str(parent)))
            idx.organisations.setdefault(str(child), "")
            idx.organisations.setdefault(str(parent), "")
    _read_collaborations(graph, idx)
    _read_evidence(graph, idx)
    stated = {str(s): str(o) for s, o in graph.subject_objects(MG.organizationType)}
    for org_iri in idx.organisations:
        idx.organisations[org_iri] = organisation_kind(idx.label(org_iri), stated.get(org_iri))
    return idx


def _read_labels(graph: Graph | StoreReader, idx: GraphIndex) -> None:
    # Preference: skos:prefLabel, foaf:name, rdfs:label, dcterms:title; the smallest string wins
    # among several so that the choice does not depend on the store's iteration order.
    for prop in (DCTERMS.title, RDFS.label, FOAF.name, SKOS.prefLabel):
        found: dict[str, str] = {}
        for s, o in graph.subject_objects(prop):
            if isinstance(o, Literal) and str(o).strip():
                key, text = str(s), " ".join(str(o).split())
                found[key] = min(found.get(key, text), text)
        idx.labels.update(found)
    for s, o in graph.subject_objects(SKOS.altLabel):
        if isinstance(o, Literal):
            idx.alt_labels.setdefault(str(s), set()).add(" ".join(str(o).split()))


def _read_meetings(graph: Graph | StoreReader, idx: GraphIndex) -> None:
    meetings = set(graph.subjects(RDF.type, MG.Meeting)) | set(graph.subjects(MG.hasAgendaItem, None))
    for m in meetings:
        info = MeetingInfo(iri=str(m))
        info.date = min((d for d in map(_iso_date, graph.objects(m, DCTERMS.date)) if d), default=None)
        info.body = min((str(b) for b in graph.objects(m, MG.heldBy)), default=None)
        if info.body:
            idx.organisations.setdefault(info.body, "")
        info.items = sorted(str(i) for i in graph.objects(m, MG.hasAgendaItem))
        for prop, role in ATTENDANCE_ROLES.items():
            for person in graph.objects(m, prop):
                info.attendance.setdefault(str(person), set()).add(role)
                idx.persons.add(str(person))
        idx.meetings[info.iri] = info


def _read_items(graph: Graph | StoreReader, idx: GraphIndex) -> None:
    items = set(graph.subjects(RDF.type, MG.AgendaItem)) | set(graph.objects(None, MG.hasAgendaItem))
    item_meeting = {str(i): str(m) for m, i in graph.subject_objects(MG.hasAgendaItem)}
    for i in items:
        info = ItemInfo(iri=str(i), meeting=item_meeting.get(str(i)))
        info.title = min((" ".join(str(t).split()) for t in graph.objects(i, DCTERMS.title)), default="")
        ordinals = [o.toPython() for o in graph.objects(i, MG.ordinal) if isinstance(o, Literal)]
        info.ordinal = min((o for o in ordinals if isinstance(o, int)), default=None)
        info.mentions = {str(o) for o in graph.objects(i, MG.mentions)}
        info.presenters = {str(p) for p in graph.objects(i, MG.presenter)}
        idx.persons.update(info.presenters)
        idx.items[info.iri] = info


def _read_collaborations(graph: Graph | StoreReader, idx: GraphIndex) -> None:
    for a, b in graph.subject_objects(MG.collaboratesWith):
        if a != b:
            idx.stated_collaborations.setdefault(frozenset((str(a), str(b))), set())
    for c in graph.subjects(RDF.type, MG.Collaboration):
        participants = sorted({str(p) for p in graph.objects(c, MG.participant)})
        evidence = {str(e) for e in graph.objects(c, MG.collaborationEvidence)}
        for one, other in combinations(participants, 2):
            idx.stated_collaborations.setdefault(frozenset((one, other)), set()).update(evidence)
    for pair in idx.stated_collaborations:
        for org_iri in pair:
            idx.organisations.setdefault(org_iri, "")


def _read_evidence(graph: Graph | StoreReader, idx: GraphIndex) -> None:
    """Documents with their text, the annotations of their spans, and which facts they state."""
    for d in graph.subjects(RDF.type, MG.SourceDocument):
        idx.documents[str(d)] = DocumentInfo(
            iri=str(d), identifier=str(graph.value(d, DCTERMS.identifier) or local_name(str(d))),
            text=str(graph.value(d, MG.sourceText) or ""))
    for m, d in graph.subject_objects(PROV.wasDerivedFrom):
        if str(m) in idx.meetings:
            idx.meeting_documents[str(m)] = str(d)
    for a in graph.subjects(RDF.type, OA.Annotation):
        target = graph.value(a, OA.hasTarget)
        if target is None:
            continue
        info = AnnotationInfo(iri=str(a), document=str(graph.value(target, OA.hasSource) or ""),
                              bodies=tuple(sorted(str(b) for b in graph.objects(a, OA.hasBody))))
        for sel in graph.objects(target, OA.hasSelector):
            for prop, name in ((OA.start, "start"), (OA.end, "end")):
                value = graph.value(sel, prop)
                if value is not None:
                    setattr(info, name, int(value))  # type: ignore[call-overload]  # an xsd:integer Literal
            exact = graph.value(sel, OA.exact)
            if exact is not None:
                info.exact = str(exact)
        if info.document in idx.documents and info.end > info.start:
            idx.annotations[info.iri] = info
    for node, a in graph.subject_objects(MG.evidence):
        if str(a) in idx.annotations and (node, RDF.type, RDF.Statement) not in graph:
            idx.evidence.setdefault(str(node), []).append(str(a))
    for st in graph.subjects(RDF.type, RDF.Statement):
        link = STATED_LINKS.get(graph.value(st, RDF.predicate))  # type: ignore[call-overload]  # None: no link
        s, o = graph.value(st, RDF.subject), graph.value(st, RDF.object)
        if link is None or s is None or o is None:
            continue
        found = [str(a) for a in graph.objects(st, MG.evidence) if str(a) in idx.annotations]
        idx.link_evidence.setdefault((str(s), link, str(o)), []).extend(found)
    for holder, dec in graph.subject_objects(MG.hasDecision):
        text = " ".join(str(graph.value(dec, DCTERMS.description) or "").split())
        decision = idx.decisions.setdefault(str(dec), DecisionInfo(iri=str(dec), text=text))
        if str(holder) in idx.items:
            decision.item = str(holder)
            decision.meeting = decision.meeting or idx.items[str(holder)].meeting
        elif str(holder) in idx.meetings:
            decision.meeting = str(holder)
    def by_position(a: str) -> tuple[str, int, int, str]:
        return idx.annotations[a].document, idx.annotations[a].start, idx.annotations[a].end, a

    for found in (*idx.evidence.values(), *idx.link_evidence.values()):
        found[:] = sorted(set(found), key=by_position)


def _iso_date(value: Node) -> str | None:
    text = str(value)
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None


def local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1] or iri
