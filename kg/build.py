"""Building: extractions + resolution -> RDF, as one chunk of triples per named graph.

Every IRI is derived from content (the document's identifier, an item's position, an entity's
key), never from run order, so the same input gives the same graph. Annotations, their targets
and selectors get IRIs too (not blank nodes) so that output is byte-for-byte stable.

The graph is made as pyoxigraph terms, one ``Chunk`` at a time: first the entities, then each
document's meeting, items, decisions and annotations. A chunk is small (a document's facts), so
writers stream chunks to files and stores and memory does not grow with the corpus (an rdflib
graph of 2,000 documents took 4.8 GB; its Memory store costs about 3 KB per triple). Callers
who want the rdflib API get it from ``build_graph`` / ``build_dataset``, which convert chunks.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import starmap

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from .models import AgendaItem, Entity, Extraction, Mention, Minutes, PersonRef, Resolution
from .runtime import collector_paused
from .vocab import ID, MG, OA, SCHEMA, bind_prefixes

Term = ox.NamedNode | ox.Literal
Row = tuple[ox.NamedNode, ox.NamedNode, Term]

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


@lru_cache(maxsize=None)
def node(iri: str) -> ox.NamedNode:
    """The pyoxigraph node of an IRI (vocabulary terms are looked up once)."""
    return ox.NamedNode(str(iri))


# Terms used for every document, made once.
_TYPE = node(RDF.type)
_XSD_DATE, _XSD_DATETIME, _XSD_TIME, _XSD_INTEGER, _XSD_NNI = (
    node(XSD.date), node(XSD.dateTime), node(XSD.time), node(XSD.integer), node(XSD.nonNegativeInteger))
_ANNOTATION, _HAS_BODY, _HAS_TARGET, _MOTIVATED_BY, _IDENTIFYING = (
    node(OA.Annotation), node(OA.hasBody), node(OA.hasTarget), node(OA.motivatedBy), node(OA.identifying))
_HAS_SOURCE, _HAS_SELECTOR, _POSITION_SELECTOR, _START, _END = (
    node(OA.hasSource), node(OA.hasSelector), node(OA.TextPositionSelector), node(OA.start), node(OA.end))
_QUOTE_SELECTOR, _EXACT = node(OA.TextQuoteSelector), node(OA.exact)
_MENTIONS = node(MG.mentions)


@lru_cache(maxsize=1 << 16)
def slug(text: str, max_len: int = 80) -> str:
    """An ASCII slug for IRIs: 'Skol- och fritidsförvaltningen' -> 'skol-och-fritidsforvaltningen'."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = s[:max_len].rstrip("-") + "-" + digest
    return s or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def document_iri(identifier: str) -> URIRef:
    return ID[f"doc/{slug(identifier)}"]


def meeting_iri(identifier: str) -> URIRef:
    return ID[f"meeting/{slug(identifier)}"]


_FOLDERS = {"person": "person", "organization": "org", "project": "project"}


@lru_cache(maxsize=1 << 16)
def _entity_iri(kind: str, key: str) -> URIRef:
    return ID[f"{_FOLDERS[kind]}/{key}"]


def entity_iri(entity: Entity) -> URIRef:
    return _entity_iri(entity.kind, entity.key)


@lru_cache(maxsize=1 << 16)
def _entity_node(kind: str, key: str) -> ox.NamedNode:
    return ox.NamedNode(str(_entity_iri(kind, key)))


def entity_node(entity: Entity) -> ox.NamedNode:
    return _entity_node(entity.kind, entity.key)


@lru_cache(maxsize=1 << 16)
def _offset(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_XSD_NNI)


ENTITIES_GRAPH = ID["graph/entities"]

# Subjects whose facts several documents may state (a membership, a collaboration): a merged
# graph keeps each such fact once, a graph per document keeps it in every document that states it.
SHARED_SUBJECTS = tuple(str(ID[f"{folder}/"]) for folder in ("person", "org", "project", "collaboration"))


@dataclass(frozen=True)
class Chunk:
    """The facts of one named graph: the entities' graph or one document's graph.

    ``own`` are the facts only this graph states (about its document, meeting, items, decisions
    and annotations); ``shared`` are facts about entities that other documents may state too (a
    membership, a collaboration), which a merged graph keeps once. Each part is sorted."""

    graph: str                                  # the graph's IRI
    own: tuple[ox.Triple, ...]
    shared: tuple[ox.Triple, ...] = ()

    @property
    def triples(self) -> tuple[ox.Triple, ...]:
        return self.own + self.shared

    def __len__(self) -> int:
        return len(self.own) + len(self.shared)


def _subject(row: Row) -> str:
    return row[0].value


def _sorted(rows: list[Row]) -> tuple[ox.Triple, ...]:
    """The rows once each, grouped by subject in IRI order; a subject's facts keep the order the
    building code adds them in (fixed), so no per-triple sort key beyond the subject is needed."""
    return tuple(starmap(ox.Triple, sorted(dict.fromkeys(rows), key=_subject)))


class _Rows:
    """The triples being gathered for one chunk: ``add`` for the graph's own facts, ``share`` for
    facts about entities (subjects under ``SHARED_SUBJECTS``) that other documents may state."""

    __slots__ = ("rows", "shared", "add", "share")

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.shared: list[Row] = []
        self.add = self.rows.append
        self.share = self.shared.append

    def chunk(self, graph: str) -> Chunk:
        return Chunk(graph, _sorted(self.rows), _sorted(self.shared))


def iter_chunks(extractions: Iterable[Extraction], resolution: Resolution,
                include_text: bool = True) -> Iterator[Chunk]:
    """The graph chunk by chunk: the entities first, then each document in the given order.

    Lazy: a chunk is made when asked for, so a writer holds one document's facts at a time."""
    with collector_paused():
        yield entities_chunk(resolution)
        for ex in extractions:
            yield document_chunk(ex, resolution, include_text)


def entities_chunk(resolution: Resolution) -> Chunk:
    """The entities' graph: every fact in it is about an entity, and documents may state some of
    them again, so all are ``shared``."""
    rows = _Rows()
    add_entities(rows, resolution)
    return Chunk(str(ENTITIES_GRAPH), (), _sorted(rows.rows))


def document_chunk(ex: Extraction, resolution: Resolution, include_text: bool = True) -> Chunk:
    """One document's graph. Of ``resolution`` only ``entity_of`` its mentions is used, so a
    worker process can be given just the document's part (``Resolution.of_document``)."""
    rows = _Rows()
    add_document(rows, ex, resolution, include_text)
    return rows.chunk(str(document_iri(ex.minutes.document.identifier)))


def merged_triples(chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list[ox.Triple]]]:
    """Each chunk with the triples a merged graph still needs from it: a fact about an entity
    that an earlier chunk already stated is left out (documents' own facts never repeat)."""
    seen: set[ox.Triple] = set()
    for chunk in chunks:
        fresh = [t for t in chunk.shared if t not in seen]
        seen.update(fresh)
        yield chunk, [*chunk.own, *fresh]


def to_rdflib(term: Term) -> URIRef | Literal | BNode:
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


def build_graph(extractions: Iterable[Extraction], resolution: Resolution, include_text: bool = True) -> Graph:
    """The whole graph as one rdflib Graph (for the rdflib API: notebooks, views, small corpora;
    writers use ``iter_chunks`` directly and never hold the whole graph)."""
    g = bind_prefixes(Graph())
    with collector_paused():
        add = g.add
        for _chunk, triples in merged_triples(iter_chunks(extractions, resolution, include_text)):
            for t in triples:
                add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def build_dataset(extractions: Iterable[Extraction], resolution: Resolution, include_text: bool = True) -> Dataset:
    """The same facts as ``build_graph``, with each document's facts in a named graph of its own
    (named by the document's IRI) and the entities in ``ENTITIES_GRAPH``: a changed document's
    graph can then be replaced in a triple store without touching the rest."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    with collector_paused():
        for chunk in iter_chunks(extractions, resolution, include_text):
            g = ds.graph(URIRef(chunk.graph))
            for t in chunk.triples:
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return ds


def add_entities(g: _Rows, resolution: Resolution) -> None:
    for entity in sorted(resolution.entities.values(), key=lambda e: (e.kind, e.key)):
        add_entity(g, entity)


def add_entity(g: _Rows, e: Entity) -> ox.NamedNode:
    n = entity_node(e)
    add = g.add
    if e.kind == "person":
        add((n, _TYPE, node(FOAF.Person)))
        add((n, node(FOAF.name), ox.Literal(e.name)))
    elif e.kind == "organization":
        add((n, _TYPE, node(ORG.Organization)))
        cls = ORG_CLASS.get(e.org_type or "")
        if cls is not None:
            add((n, _TYPE, node(cls)))
        add((n, node(SKOS.prefLabel), ox.Literal(e.name)))
        if e.org_type:
            add((n, node(MG.organizationType), ox.Literal(e.org_type)))
        for parent in e.parents:
            add((n, node(ORG.subOrganizationOf), node(ID[f"org/{parent}"])))
    else:
        add((n, _TYPE, node(MG.Project)))
        add((n, node(SKOS.prefLabel), ox.Literal(e.name)))
    for alt in e.alt_labels:
        if alt != e.name:
            add((n, node(SKOS.altLabel), ox.Literal(alt)))
    for reason in e.reasons:
        add((n, node(MG.mergeReason), ox.Literal(reason)))
    return n


def add_document(g: _Rows, ex: Extraction, resolution: Resolution, include_text: bool = True) -> None:
    minutes = ex.minutes
    doc = minutes.document
    d_iri = str(document_iri(doc.identifier))
    d = ox.NamedNode(d_iri)
    add = g.add
    add((d, _TYPE, node(MG.SourceDocument)))
    add((d, node(DCTERMS.identifier), ox.Literal(doc.identifier)))
    add((d, node(DCTERMS.format), ox.Literal(doc.media_type)))
    if include_text:
        add((d, node(MG.sourceText), ox.Literal(doc.text)))

    base = d_iri.replace('/doc/', '/annotation/')
    for m in ex.mentions:
        _add_annotation(add, d, base, m, resolution.entity_of(m))

    if not minutes.is_minutes:
        return
    meeting = ox.NamedNode(str(meeting_iri(doc.identifier)))
    add((meeting, _TYPE, node(MG.Meeting)))
    add((meeting, node(PROV.wasDerivedFrom), d))
    add_meeting_header(g, meeting, minutes)

    by_span = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "person"}

    def person(ref: PersonRef) -> ox.NamedNode | None:
        m = by_span.get((ref.span.start, ref.span.end))
        e = resolution.entity_of(m) if m else None
        return entity_node(e) if e else None

    for prop, refs in (
        (MG.attendee, minutes.attendees),
        (MG.absentee, minutes.absentees),
        (MG.minuteTaker, minutes.minute_takers),
        (MG.chair, minutes.chairs),
        (MG.adjuster, minutes.adjusters),
    ):
        for ref in refs:
            p = person(ref)
            if p is not None:
                add((meeting, node(prop), p))

    e = resolution.entity_of(ex.body) if ex.body else None
    if e is not None:
        add((meeting, node(MG.heldBy), entity_node(e)))
        parent = resolution.entity_of(ex.parent) if ex.parent else None
        if parent is not None and parent.key != e.key:
            g.share((entity_node(e), node(ORG.subOrganizationOf), entity_node(parent)))

    item_nodes = []
    doc_slug = slug(doc.identifier)
    for k, item in enumerate(minutes.items, 1):
        item_node = ox.NamedNode(str(ID[f"item/{doc_slug}-{k}"]))
        item_nodes.append(item_node)
        add((meeting, node(MG.hasAgendaItem), item_node))
        add_item(g, item_node, item, person)
        for j, dec in enumerate(item.decisions, 1):
            dn = ox.NamedNode(str(ID[f"decision/{doc_slug}-{k}-{j}"]))
            add((item_node, node(MG.hasDecision), dn))
            add_decision(g, dn, dec.text)
    for j, dec in enumerate(minutes.decisions, 1):
        dn = ox.NamedNode(str(ID[f"decision/{doc_slug}-0-{j}"]))
        add((meeting, node(MG.hasDecision), dn))
        add_decision(g, dn, dec.text)

    for m in ex.mentions:
        e = resolution.entity_of(m)
        if e is None:
            continue
        n = entity_node(e)
        add((meeting, _MENTIONS, n))
        if m.item is not None and 0 <= m.item < len(item_nodes):
            add((item_nodes[m.item], _MENTIONS, n))

    for membership in ex.memberships:
        a, b = resolution.entity_of(membership.member), resolution.entity_of(membership.organization)
        if a is not None and b is not None and a.key != b.key:
            g.share((entity_node(a), node(ORG.memberOf), entity_node(b)))

    for a_m, b_m, item_index in ex.collaborations:
        a, b = resolution.entity_of(a_m), resolution.entity_of(b_m)
        if a is None or b is None or a.key == b.key:
            continue
        (ia, na), (ib, nb) = sorted(((str(entity_iri(a)), entity_node(a)), (str(entity_iri(b)), entity_node(b))),
                                    key=lambda pair: pair[0])
        share = g.share
        share((na, node(MG.collaboratesWith), nb))
        share((nb, node(MG.collaboratesWith), na))
        evidence = item_nodes[item_index] if item_index is not None and 0 <= item_index < len(item_nodes) else meeting
        c = ox.NamedNode(str(ID[f"collaboration/{slug(a.key + '--' + b.key if ia == str(entity_iri(a)) else b.key + '--' + a.key)}"]))
        share((c, _TYPE, node(MG.Collaboration)))
        share((c, node(MG.participant), na))
        share((c, node(MG.participant), nb))
        share((c, node(MG.collaborationEvidence), evidence))


def add_meeting_header(g: _Rows, meeting: ox.NamedNode, minutes: Minutes) -> None:
    add = g.add
    if minutes.title is not None:
        add((meeting, node(DCTERMS.title), ox.Literal(minutes.title.text)))
    if minutes.date is not None:
        add((meeting, node(DCTERMS.date), ox.Literal(minutes.date.isoformat(), datatype=_XSD_DATE)))
    for prop, value in ((SCHEMA.startTime, minutes.start_time), (SCHEMA.endTime, minutes.end_time)):
        if value is None:
            continue
        if minutes.date is not None:
            add((meeting, node(prop), ox.Literal(f"{minutes.date.isoformat()}T{value}:00", datatype=_XSD_DATETIME)))
        else:
            add((meeting, node(prop), ox.Literal(f"{value}:00", datatype=_XSD_TIME)))
    if minutes.location is not None:
        add((meeting, node(SCHEMA.location), ox.Literal(minutes.location.text)))


def add_item(g: _Rows, item_node: ox.NamedNode, item: AgendaItem,
             person: Callable[[PersonRef], ox.NamedNode | None]) -> None:
    add = g.add
    add((item_node, _TYPE, node(MG.AgendaItem)))
    add((item_node, node(DCTERMS.title), ox.Literal(item.title)))
    if item.ordinal is not None:
        add((item_node, node(MG.ordinal), ox.Literal(str(item.ordinal), datatype=_XSD_INTEGER)))
    if item.time:
        add((item_node, node(MG.itemTime), ox.Literal(item.time)))
    if item.section:
        add((item_node, node(MG.section), ox.Literal(item.section)))
    if item.identifier:
        add((item_node, node(DCTERMS.identifier), ox.Literal(item.identifier)))
    for sub in item.subtitles:
        add((item_node, node(MG.subtopic), ox.Literal(sub.text)))
    for prop, refs in ((MG.presenter, item.presenters), (MG.recusedPerson, item.recused)):
        for ref in refs:
            p = person(ref)
            if p is not None:
                add((item_node, node(prop), p))


def add_decision(g: _Rows, decision_node: ox.NamedNode, text: str) -> None:
    g.add((decision_node, _TYPE, node(MG.Decision)))
    g.add((decision_node, node(DCTERMS.description), ox.Literal(text)))


def _add_annotation(add: Callable[[tuple], object], doc_node: ox.NamedNode, base: str, m: Mention,
                    e: Entity | None) -> None:
    """A W3C Web Annotation of one mention: body = the entity, target = the quoted text span."""
    if e is None:
        return
    a_iri = f"{base}-{m.span.start}-{m.span.end}-{m.kind[:3]}"
    a = ox.NamedNode(a_iri)
    target = ox.NamedNode(a_iri + "#target")
    pos = ox.NamedNode(a_iri + "#position")
    quote = ox.NamedNode(a_iri + "#quote")
    add((a, _TYPE, _ANNOTATION))
    add((a, _HAS_BODY, entity_node(e)))
    add((a, _HAS_TARGET, target))
    add((a, _MOTIVATED_BY, _IDENTIFYING))
    add((target, _HAS_SOURCE, doc_node))
    add((target, _HAS_SELECTOR, pos))
    add((target, _HAS_SELECTOR, quote))
    add((pos, _TYPE, _POSITION_SELECTOR))
    add((pos, _START, _offset(m.span.start)))
    add((pos, _END, _offset(m.span.end)))
    add((quote, _TYPE, _QUOTE_SELECTOR))
    add((quote, _EXACT, ox.Literal(m.span.text)))
