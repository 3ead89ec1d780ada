"""Projections of the RDF graph into networkx graphs, shared by ``kg views`` and ``kg analyze``.

The graph is read only through the public vocabulary (``ontology/motesgraf.ttl``), so these
functions work on any graph that honours it, whoever built it. Reading happens once, into a
:class:`GraphIndex` of plain Python values; the three networks are built from that index:

* :func:`collaboration_network` -- organisations, joined when they are named in the same agenda
  item (``mg:mentions``) or stated to collaborate (``mg:collaboratesWith`` / ``mg:Collaboration``);
* :func:`presenter_network` -- person -> agenda item they presented -> body that held the meeting;
* :func:`people_organisation_network` -- person -> organisation (``org:memberOf``) and
  person -> meeting (attendance) -> body (``mg:heldBy``).

Every node and edge is added in sorted order and every list attribute is sorted, so the same
graph always gives the same networks (and so the same views, reports and exports).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from ..errors import GraphFileError
from ..vocab import DCTERMS, FOAF, MG, OA, ORG, PROV, SKOS

__all__ = [
    "ATTENDANCE_ROLES", "AnnotationInfo", "DecisionInfo", "DocumentInfo", "GraphIndex", "ItemInfo", "MeetingInfo", "NETWORKS", "ORG_KINDS",
    "collaboration_network", "index_graph", "load_graph", "load_graph_file", "load_index_file", "StoreReader", "GraphFileError", "organisation_kind",
    "people_organisation_network", "presenter_network",
]

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
        return self.labels.get(iri) or _local_name(iri)

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
            return self.items[iri].title or _local_name(iri)
        return self.meeting_label(iri)

    def meeting_label(self, meeting: str) -> str:
        info = self.meetings.get(meeting)
        body = self.label(info.body) if info and info.body else _local_name(meeting)
        return f"{body} {info.date}" if info and info.date else body


def load_graph(path: str | Path) -> Graph:
    """Parse an RDF file (format from its suffix, Turtle when unknown)."""
    graph = Graph()
    graph.parse(str(path), format=guess_format(str(path)) or "turtle")
    return graph


def load_graph_file(path: str | Path) -> Graph:
    """``load_graph`` for the command line: a missing or unparsable file raises GraphFileError."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file; build a graph first with `kg build`")
    try:
        return load_graph(path)
    except Exception as exc:  # rdflib raises many parser-specific types
        reason = " ".join(str(exc).split())[:200]
        raise GraphFileError(f"{path}: cannot parse the graph ({reason}); check the file is RDF") from exc


class StoreReader:
    """The few reads of rdflib's ``Graph`` that :func:`index_graph` makes (``subjects``, ``objects``,
    ``subject_objects``, ``value``, ``in``), answered from a pyoxigraph ``Store`` with rdflib terms.

    Why: for ``kg views`` and ``kg analyze`` of a large graph, parsing the file is most of the
    work. On 2,000 synthetic minutes (2.3M triples, 169 MB of Turtle) rdflib parsed for 243 s
    and indexing took 71 s more; Oxigraph parses the same file in seconds (measured beside it in
    ``tests/test_network.py``). Quads of every graph of the store are read, as rdflib reads an
    N-Quads or TriG file into one graph."""

    def __init__(self, store: Any) -> None:
        import pyoxigraph as ox

        self.store, self._ox = store, ox

    def _to_ox(self, term: Node | None) -> Any:
        if term is None:
            return None
        if isinstance(term, BNode):
            return self._ox.BlankNode(str(term))
        if isinstance(term, Literal):
            return self._ox.Literal(str(term), language=term.language,
                                    datatype=None if term.language or term.datatype is None
                                    else self._ox.NamedNode(str(term.datatype)))
        return self._ox.NamedNode(str(term))

    def _to_rdflib(self, term: Any) -> Node:
        if isinstance(term, self._ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, self._ox.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))

    def _quads(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[Any]:
        return self.store.quads_for_pattern(self._to_ox(s), self._to_ox(p), self._to_ox(o), None)

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        return (self._to_rdflib(q.subject) for q in self._quads(None, predicate, obj))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (self._to_rdflib(q.object) for q in self._quads(subject, predicate, None))

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((self._to_rdflib(q.subject), self._to_rdflib(q.object)) for q in self._quads(None, predicate, None))

    def value(self, subject: Node | None = None, predicate: Node | None = None) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return next(iter(self._quads(*triple)), None) is not None


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def load_index_file(path: str | Path) -> GraphIndex:
    """The :class:`GraphIndex` of an RDF file, read with Oxigraph (in seconds where rdflib takes
    minutes; see :class:`StoreReader`), or with rdflib for a syntax Oxigraph does not read. A
    missing or unparsable file raises GraphFileError."""
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file; build a graph first with `kg build`")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else ox.RdfFormat.TURTLE
    if fmt is None:
        return index_graph(load_graph_file(path))
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise GraphFileError(f"{path}: cannot parse the graph ({reason}); check the file is RDF") from exc
    return index_graph(StoreReader(store))


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
            iri=str(d), identifier=str(graph.value(d, DCTERMS.identifier) or _local_name(str(d))),
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


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1] or iri


def _as_index(source: Graph | GraphIndex) -> GraphIndex:
    return source if isinstance(source, GraphIndex) else index_graph(source)


def _evidence_records(idx: GraphIndex, iris: Iterable[str]) -> list[dict[str, str]]:
    """Items (or meetings) as {iri, title, date}, dated ones first in date order."""
    records = [
        {"iri": iri, "title": idx.evidence_title(iri), "date": idx.evidence_date(iri) or ""}
        for iri in iris
    ]
    return sorted(records, key=lambda r: (r["date"] == "", r["date"], r["title"], r["iri"]))


def collaboration_network(source: Graph | GraphIndex) -> nx.Graph:
    """Organisations joined by the agenda items they share.

    Two organisations are joined when one agenda item ``mg:mentions`` both, or when the graph
    states that they collaborate. ``weight`` is the number of distinct agenda items (or meetings)
    behind the edge, at least 1 for a stated collaboration without evidence; ``items`` lists them
    as ``{iri, title, date}``; ``stated`` tells whether the graph asserts the collaboration.
    Nodes are the organisations named in at least one agenda item or collaboration, with
    ``label``, ``kind``, ``alt_labels``, ``items`` (how many agenda items name it) and ``dates``
    (of those items).
    """
    idx = _as_index(source)
    orgs = idx.organisations
    evidence: dict[frozenset[str], set[str]] = defaultdict(set)
    org_items: dict[str, set[str]] = defaultdict(set)
    for item in idx.items.values():
        named = sorted(m for m in item.mentions if m in orgs)
        for org_iri in named:
            org_items[org_iri].add(item.iri)
        for a, b in combinations(named, 2):
            evidence[frozenset((a, b))].add(item.iri)
    stated = idx.stated_collaborations
    for pair, found in stated.items():
        evidence[pair].update(found)

    g = nx.Graph(name="collaboration")
    # Organisations that only ever held meetings, never named in an item, do not take part.
    members = set(org_items) | {o for pair in evidence for o in pair}
    for org_iri in sorted(members, key=lambda o: (idx.label(o).casefold(), o)):
        dates = sorted({d for i in org_items[org_iri] if (d := idx.item_date(i))})
        g.add_node(
            org_iri, label=idx.label(org_iri), type="organisation", kind=orgs[org_iri],
            alt_labels=sorted(idx.alt_labels.get(org_iri, ())), items=len(org_items[org_iri]),
            dates=dates,
        )
    for pair in sorted(evidence, key=sorted):
        a, b = sorted(pair)
        records = _evidence_records(idx, evidence[pair])
        g.add_edge(
            a, b, weight=max(1, len(records)), items=records, stated=pair in stated,
            dates=sorted({r["date"] for r in records if r["date"]}),
        )
    return g


def presenter_network(source: Graph | GraphIndex) -> nx.DiGraph:
    """Who presents on what, before whom: person -> agenda item -> the body that held the meeting.

    Only agenda items with at least one ``mg:presenter`` are included. Nodes carry ``type``
    ("person", "item", "organisation"), ``label`` and ``dates``; items also ``title``, ``ordinal``
    and ``meeting``. Edges carry ``relation`` ("presents" or "heldBy") and ``dates``.
    """
    idx = _as_index(source)
    g = nx.DiGraph(name="presenters")
    items = sorted((i for i in idx.items.values() if i.presenters), key=lambda i: i.iri)
    persons = sorted({p for i in items for p in i.presenters}, key=lambda p: (idx.label(p).casefold(), p))
    person_dates: dict[str, set[str]] = defaultdict(set)
    body_dates: dict[str, set[str]] = defaultdict(set)
    bodies: set[str] = set()
    for item in items:
        date = idx.item_date(item.iri)
        body = idx.meetings[item.meeting].body if item.meeting in idx.meetings else None
        if body:
            bodies.add(body)
        for p in item.presenters:
            if date:
                person_dates[p].add(date)
        if body and date:
            body_dates[body].add(date)
    for p in persons:
        g.add_node(p, label=idx.label(p), type="person", kind="person", dates=sorted(person_dates[p]))
    for item in items:
        date = idx.item_date(item.iri)
        g.add_node(
            item.iri, label=item.title or _local_name(item.iri), type="item", kind="item",
            title=item.title, ordinal=item.ordinal, meeting=item.meeting or "",
            dates=[date] if date else [],
        )
    for b in sorted(bodies, key=lambda o: (idx.label(o).casefold(), o)):
        g.add_node(b, label=idx.label(b), type="organisation", kind=idx.organisations.get(b, "external"),
                   dates=sorted(body_dates[b]))
    for item in items:
        date = idx.item_date(item.iri)
        dates = [date] if date else []
        for p in sorted(item.presenters):
            g.add_edge(p, item.iri, relation="presents", dates=dates)
        body = idx.meetings[item.meeting].body if item.meeting in idx.meetings else None
        if body:
            g.add_edge(item.iri, body, relation="heldBy", dates=dates)
    return g


def people_organisation_network(source: Graph | GraphIndex) -> nx.DiGraph:
    """People and the organisations they belong to or meet in.

    Edges: person -> organisation (``relation="memberOf"``), person -> meeting
    (``relation="attendance"``, ``roles`` such as "chair", "attendee", "absentee"), meeting -> body
    (``relation="heldBy"``) and organisation -> parent (``relation="subOrganizationOf"``).
    """
    idx = _as_index(source)
    g = nx.DiGraph(name="people_organisations")
    persons: set[str] = set()
    orgs: set[str] = set()
    meetings = sorted((m for m in idx.meetings.values() if m.attendance), key=lambda m: m.iri)
    for member, organisation in idx.memberships:
        (persons if member in idx.persons else orgs).add(member)
        orgs.add(organisation)
    for m in meetings:
        persons.update(m.attendance)
        if m.body:
            orgs.add(m.body)
    # The organisations those are part of, up to the top (one pass over the set of pairs added a
    # different part of the hierarchy from run to run, as set order changed).
    parents_of: dict[str, set[str]] = defaultdict(set)
    for child, parent in idx.parents:
        parents_of[child].add(parent)
    todo = sorted(orgs)
    while todo:
        for parent in parents_of.get(todo.pop(), ()):
            if parent not in orgs:
                orgs.add(parent)
                todo.append(parent)
    orgs -= persons

    person_dates: dict[str, set[str]] = defaultdict(set)
    org_dates: dict[str, set[str]] = defaultdict(set)
    for m in meetings:
        if m.date:
            for p in m.attendance:
                person_dates[p].add(m.date)
            if m.body:
                org_dates[m.body].add(m.date)
    for p in sorted(persons, key=lambda p: (idx.label(p).casefold(), p)):
        g.add_node(p, label=idx.label(p), type="person", kind="person", dates=sorted(person_dates[p]))
    for o in sorted(orgs, key=lambda o: (idx.label(o).casefold(), o)):
        g.add_node(o, label=idx.label(o), type="organisation", kind=idx.organisations.get(o, "external"),
                   alt_labels=sorted(idx.alt_labels.get(o, ())), dates=sorted(org_dates[o]))
    for m in meetings:
        g.add_node(m.iri, label=idx.meeting_label(m.iri), type="meeting", kind="meeting",
                   dates=[m.date] if m.date else [])
    for member, organisation in sorted(idx.memberships):
        g.add_edge(member, organisation, relation="memberOf", dates=[])
    for child, parent in sorted(idx.parents):
        if child in orgs and parent in orgs:
            g.add_edge(child, parent, relation="subOrganizationOf", dates=[])
    for m in meetings:
        dates = [m.date] if m.date else []
        for p in sorted(m.attendance):
            g.add_edge(p, m.iri, relation="attendance", roles=sorted(m.attendance[p]), dates=dates)
        if m.body:
            g.add_edge(m.iri, m.body, relation="heldBy", dates=dates)
    return g


# Name -> builder: the networks every view and export is made for, in the order they are listed.
NETWORKS: dict[str, Callable[[Graph | GraphIndex], nx.Graph]] = {
    "collaboration": collaboration_network,
    "presenters": presenter_network,
    "people_organisations": people_organisation_network,
}
