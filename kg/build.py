"""Building: extractions + resolution -> one RDF graph in the public vocabulary.

Every IRI is derived from content (the document's identifier, an item's position, an entity's
key), never from run order, so the same input gives the same graph. Annotations, their targets
and selectors get IRIs too (not blank nodes) so that Turtle output is byte-for-byte stable.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from .models import AgendaItem, Entity, Extraction, Mention, Minutes, PersonRef, Resolution
from .runtime import collector_paused
from .vocab import ID, MG, OA, SCHEMA, bind_prefixes

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
def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


# Terms used for every mention, looked up once (a namespace attribute is a lookup per use).
_TYPE = RDF.type
_ANNOTATION, _HAS_BODY, _HAS_TARGET, _MOTIVATED_BY, _IDENTIFYING = (
    OA.Annotation, OA.hasBody, OA.hasTarget, OA.motivatedBy, OA.identifying)
_HAS_SOURCE, _HAS_SELECTOR, _POSITION_SELECTOR, _START, _END = (
    OA.hasSource, OA.hasSelector, OA.TextPositionSelector, OA.start, OA.end)
_QUOTE_SELECTOR, _EXACT = OA.TextQuoteSelector, OA.exact


def _adder(g: Graph) -> Callable[[tuple], object]:
    """``g.add``: for a plain Graph straight to its store, as ``Graph.add`` does after checking
    the terms' types (the terms here are made by this module)."""
    if type(g) is Graph:
        store = g.store

        def add(triple: tuple) -> None:
            store.add(triple, g, quoted=False)
        return add
    return g.add


ENTITIES_GRAPH = ID["graph/entities"]


def build_graph(extractions: Iterable[Extraction], resolution: Resolution, include_text: bool = True) -> Graph:
    """The whole graph: entities once, then each document's meeting, items, decisions and annotations."""
    g = bind_prefixes(Graph())
    with collector_paused():
        add_entities(g, resolution)
        for ex in extractions:
            add_document(g, ex, resolution, include_text)
    return g


def build_dataset(extractions: Iterable[Extraction], resolution: Resolution, include_text: bool = True) -> Dataset:
    """The same facts as ``build_graph``, with each document's facts in a named graph of its own
    (named by the document's IRI) and the entities in ``ENTITIES_GRAPH``: a changed document's
    graph can then be replaced in a triple store without touching the rest."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    with collector_paused():
        add_entities(ds.graph(ENTITIES_GRAPH), resolution)
        for ex in extractions:
            add_document(ds.graph(document_iri(ex.minutes.document.identifier)), ex, resolution, include_text)
    return ds


def add_entities(g: Graph, resolution: Resolution) -> None:
    for entity in sorted(resolution.entities.values(), key=lambda e: (e.kind, e.key)):
        add_entity(g, entity)


def add_entity(g: Graph, e: Entity) -> URIRef:
    node = entity_iri(e)
    if e.kind == "person":
        g.add((node, RDF.type, FOAF.Person))
        g.add((node, FOAF.name, Literal(e.name)))
    elif e.kind == "organization":
        g.add((node, RDF.type, ORG.Organization))
        cls = ORG_CLASS.get(e.org_type or "")
        if cls is not None:
            g.add((node, RDF.type, cls))
        g.add((node, SKOS.prefLabel, Literal(e.name)))
        if e.org_type:
            g.add((node, MG.organizationType, Literal(e.org_type)))
        for parent in e.parents:
            g.add((node, ORG.subOrganizationOf, ID[f"org/{parent}"]))
    else:
        g.add((node, RDF.type, MG.Project))
        g.add((node, SKOS.prefLabel, Literal(e.name)))
    for alt in e.alt_labels:
        if alt != e.name:
            g.add((node, SKOS.altLabel, Literal(alt)))
    for reason in e.reasons:
        g.add((node, MG.mergeReason, Literal(reason)))
    return node


def add_document(g: Graph, ex: Extraction, resolution: Resolution, include_text: bool = True) -> None:
    minutes = ex.minutes
    doc = minutes.document
    d = document_iri(doc.identifier)
    g.add((d, RDF.type, MG.SourceDocument))
    g.add((d, DCTERMS.identifier, Literal(doc.identifier)))
    g.add((d, DCTERMS.format, Literal(doc.media_type)))
    if include_text:
        g.add((d, MG.sourceText, Literal(doc.text)))

    add = _adder(g)
    base = d.replace('/doc/', '/annotation/')
    for m in ex.mentions:
        _add_annotation(add, d, base, m, resolution.entity_of(m))

    if not minutes.is_minutes:
        return
    meeting = meeting_iri(doc.identifier)
    g.add((meeting, RDF.type, MG.Meeting))
    g.add((meeting, PROV.wasDerivedFrom, d))
    add_meeting_header(g, meeting, minutes)

    by_span = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "person"}

    def person(ref: PersonRef) -> URIRef | None:
        m = by_span.get((ref.span.start, ref.span.end))
        e = resolution.entity_of(m) if m else None
        return entity_iri(e) if e else None

    for prop, refs in (
        (MG.attendee, minutes.attendees),
        (MG.absentee, minutes.absentees),
        (MG.minuteTaker, minutes.minute_takers),
        (MG.chair, minutes.chairs),
        (MG.adjuster, minutes.adjusters),
    ):
        for ref in refs:
            node = person(ref)
            if node is not None:
                g.add((meeting, prop, node))

    for body_mention, prop in ((ex.body, MG.heldBy),):
        e = resolution.entity_of(body_mention) if body_mention else None
        if e is not None:
            g.add((meeting, prop, entity_iri(e)))
            p = resolution.entity_of(ex.parent) if ex.parent else None
            if p is not None and p.key != e.key:
                g.add((entity_iri(e), ORG.subOrganizationOf, entity_iri(p)))

    item_nodes = []
    doc_slug = slug(doc.identifier)
    for k, item in enumerate(minutes.items, 1):
        node = ID[f"item/{doc_slug}-{k}"]
        item_nodes.append(node)
        g.add((meeting, MG.hasAgendaItem, node))
        add_item(g, node, item, person)
        for j, dec in enumerate(item.decisions, 1):
            dn = ID[f"decision/{doc_slug}-{k}-{j}"]
            g.add((node, MG.hasDecision, dn))
            add_decision(g, dn, dec.text)
    for j, dec in enumerate(minutes.decisions, 1):
        dn = ID[f"decision/{doc_slug}-0-{j}"]
        g.add((meeting, MG.hasDecision, dn))
        add_decision(g, dn, dec.text)

    mentions = MG.mentions
    for m in ex.mentions:
        e = resolution.entity_of(m)
        if e is None:
            continue
        node = entity_iri(e)
        add((meeting, mentions, node))
        if m.item is not None and 0 <= m.item < len(item_nodes):
            add((item_nodes[m.item], mentions, node))

    for membership in ex.memberships:
        a, b = resolution.entity_of(membership.member), resolution.entity_of(membership.organization)
        if a is not None and b is not None and a.key != b.key:
            g.add((entity_iri(a), ORG.memberOf, entity_iri(b)))

    for a_m, b_m, item_index in ex.collaborations:
        a, b = resolution.entity_of(a_m), resolution.entity_of(b_m)
        if a is None or b is None or a.key == b.key:
            continue
        na, nb = sorted((entity_iri(a), entity_iri(b)))
        g.add((na, MG.collaboratesWith, nb))
        g.add((nb, MG.collaboratesWith, na))
        evidence = item_nodes[item_index] if item_index is not None and 0 <= item_index < len(item_nodes) else meeting
        c = ID[f"collaboration/{slug(a.key + '--' + b.key if na == entity_iri(a) else b.key + '--' + a.key)}"]
        g.add((c, RDF.type, MG.Collaboration))
        g.add((c, MG.participant, na))
        g.add((c, MG.participant, nb))
        g.add((c, MG.collaborationEvidence, evidence))


def add_meeting_header(g: Graph, meeting: URIRef, minutes: Minutes) -> None:
    if minutes.title is not None:
        g.add((meeting, DCTERMS.title, Literal(minutes.title.text)))
    if minutes.date is not None:
        g.add((meeting, DCTERMS.date, Literal(minutes.date.isoformat(), datatype=XSD.date)))
    for prop, value in ((SCHEMA.startTime, minutes.start_time), (SCHEMA.endTime, minutes.end_time)):
        if value is None:
            continue
        if minutes.date is not None:
            g.add((meeting, prop, Literal(f"{minutes.date.isoformat()}T{value}:00", datatype=XSD.dateTime)))
        else:
            g.add((meeting, prop, Literal(f"{value}:00", datatype=XSD.time)))
    if minutes.location is not None:
        g.add((meeting, SCHEMA.location, Literal(minutes.location.text)))


def add_item(g: Graph, node: URIRef, item: AgendaItem, person) -> None:
    g.add((node, RDF.type, MG.AgendaItem))
    g.add((node, DCTERMS.title, Literal(item.title)))
    if item.ordinal is not None:
        g.add((node, MG.ordinal, Literal(item.ordinal, datatype=XSD.integer)))
    if item.time:
        g.add((node, MG.itemTime, Literal(item.time)))
    if item.section:
        g.add((node, MG.section, Literal(item.section)))
    if item.identifier:
        g.add((node, DCTERMS.identifier, Literal(item.identifier)))
    for sub in item.subtitles:
        g.add((node, MG.subtopic, Literal(sub.text)))
    for prop, refs in ((MG.presenter, item.presenters), (MG.recusedPerson, item.recused)):
        for ref in refs:
            p = person(ref)
            if p is not None:
                g.add((node, prop, p))


def add_decision(g: Graph, node: URIRef, text: str) -> None:
    g.add((node, RDF.type, MG.Decision))
    g.add((node, DCTERMS.description, Literal(text)))


def add_annotation(g: Graph, doc_node: URIRef, m: Mention, resolution: Resolution) -> None:
    """A W3C Web Annotation of one mention: body = the entity, target = the quoted text span."""
    _add_annotation(_adder(g), doc_node, doc_node.replace('/doc/', '/annotation/'), m, resolution.entity_of(m))


def _add_annotation(add: Callable[[tuple], object], doc_node: URIRef, base: str, m: Mention, e: Entity | None) -> None:
    if e is None:
        return
    a = URIRef(f"{base}-{m.span.start}-{m.span.end}-{m.kind[:3]}")
    target = URIRef(f"{a}#target")
    pos = URIRef(f"{a}#position")
    quote = URIRef(f"{a}#quote")
    add((a, _TYPE, _ANNOTATION))
    add((a, _HAS_BODY, entity_iri(e)))
    add((a, _HAS_TARGET, target))
    add((a, _MOTIVATED_BY, _IDENTIFYING))
    add((target, _HAS_SOURCE, doc_node))
    add((target, _HAS_SELECTOR, pos))
    add((target, _HAS_SELECTOR, quote))
    add((pos, _TYPE, _POSITION_SELECTOR))
    add((pos, _START, _offset(m.span.start)))
    add((pos, _END, _offset(m.span.end)))
    add((quote, _TYPE, _QUOTE_SELECTOR))
    add((quote, _EXACT, Literal(m.span.text)))
