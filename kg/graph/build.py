"""Building: extractions + resolution -> RDF, as one chunk of triples per named graph.

Every IRI is derived from content (the document's identifier, an item's position, an entity's
key), never from run order, so the same input gives the same graph. Annotations, their targets
and selectors get IRIs too (not blank nodes) so that output is byte-for-byte stable.

The graph is made one ``Chunk`` at a time: first the entities, then each document's meeting,
items, decisions and annotations, as rows of terms in N-Triples form (``kg.graph.ntriples``): making a
pyoxigraph triple with a literal cost 2.3 µs, and a document has about 1,200 triples; writers
join the terms, and pyoxigraph triples are made only for callers that ask for them
(``Chunk.own``, ``Chunk.shared``). A chunk is small (a document's facts), so
writers stream chunks to files and stores and memory does not grow with the corpus (an rdflib
graph of 2,000 documents took 4.8 GB; its Memory store costs about 3 KB per triple). Callers
who want the rdflib API get it from ``build_graph`` / ``build_dataset``, which convert chunks.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from operator import itemgetter

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from ..models import AgendaItem, Decision, Entity, Extraction, Mention, Minutes, PersonRef, Resolution, Span, Vote
from .ntriples import Row, literal, prefixed_base, row, triples, typed
from ..pipeline.runtime import collector_paused
from ..text import case_identifier, slug
from .vocab import ID, MG, OA, SCHEMA, bind_prefixes

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


@lru_cache(maxsize=None)
def node(iri: str) -> str:
    """The term of an IRI (vocabulary terms are made once)."""
    return f"<{iri}>"


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
_PERSON, _NAME, _ORGANIZATION, _PROJECT = node(FOAF.Person), node(FOAF.name), node(ORG.Organization), node(MG.Project)
_PREF_LABEL, _ALT_LABEL, _ORGANIZATION_TYPE, _MERGE_REASON = (
    node(SKOS.prefLabel), node(SKOS.altLabel), node(MG.organizationType), node(MG.mergeReason))
_SUB_ORGANIZATION_OF, _MEMBER_OF = node(ORG.subOrganizationOf), node(ORG.memberOf)
_SOURCE_DOCUMENT, _SOURCE_TEXT, _MEETING, _DERIVED_FROM, _HELD_BY = (
    node(MG.SourceDocument), node(MG.sourceText), node(MG.Meeting), node(PROV.wasDerivedFrom), node(MG.heldBy))
_IDENTIFIER, _FORMAT, _TITLE, _DATE, _DESCRIPTION = (
    node(DCTERMS.identifier), node(DCTERMS.format), node(DCTERMS.title), node(DCTERMS.date), node(DCTERMS.description))
_START_TIME, _END_TIME, _LOCATION = node(SCHEMA.startTime), node(SCHEMA.endTime), node(SCHEMA.location)
_AGENDA_ITEM, _HAS_AGENDA_ITEM, _DECISION, _HAS_DECISION = (
    node(MG.AgendaItem), node(MG.hasAgendaItem), node(MG.Decision), node(MG.hasDecision))
_ORDINAL, _ITEM_TIME, _SECTION, _SUBTOPIC, _PRESENTER, _RECUSED = (
    node(MG.ordinal), node(MG.itemTime), node(MG.section), node(MG.subtopic), node(MG.presenter), node(MG.recusedPerson))
_COLLABORATES_WITH, _COLLABORATION, _PARTICIPANT, _EVIDENCE = (
    node(MG.collaboratesWith), node(MG.Collaboration), node(MG.participant), node(MG.collaborationEvidence))
_HAS_EVIDENCE, _DESCRIBING = node(MG.evidence), node(OA.describing)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = node(RDF.Statement), node(RDF.subject), node(RDF.predicate), node(RDF.object)
_DECISION_TYPE, _DECIDED_BY, _PROPOSED_TO, _CONCERNS_CASE, _CASE = (
    node(MG.decisionType), node(MG.decidedBy), node(MG.proposedTo), node(MG.concernsCase), node(MG.Case))
_DECISION_KINDS = {"final": node(MG.FinalDecision), "proposal": node(MG.Proposal), "referral": node(MG.Referral),
                   "postponement": node(MG.Postponement), "noted": node(MG.Noted),
                   "delegated": node(MG.DelegatedDecision)}
_VOTE_CLASS, _VOTE, _VOTERS, _RESERVATION = (
    node(MG.Vote), node(MG.vote),
    ((node(MG.votedYes), "voted_yes"), (node(MG.votedNo), "voted_no"), (node(MG.abstained), "abstained")),
    node(MG.reservation))
_COUNTS = ((node(MG.yesCount), "yes"), (node(MG.noCount), "no"), (node(MG.abstainCount), "abstain"))
_ROLES = ((node(MG.attendee), "attendees"), (node(MG.absentee), "absentees"), (node(MG.minuteTaker), "minute_takers"),
          (node(MG.chair), "chairs"), (node(MG.adjuster), "adjusters"))
_HAS_SUBTOPIC, _IS_PART_OF = node(MG.hasSubTopic), node(DCTERMS.isPartOf)
_ADJUSTED_ON, _SERVING_SUBSTITUTE, _SUBSTITUTE_FOR = node(MG.adjustedOn), node(MG.servingSubstitute), node(MG.substituteFor)
_MEMBERSHIP, _MEMBER, _ORGANIZATION_OF, _ROLE, _ROLE_CLASS, _STATED_IN = (
    node(ORG.Membership), node(ORG.member), node(ORG.organization), node(ORG.role), node(ORG.Role), node(MG.statedIn))
_ID = str(ID)
_PERSON_PREFIX = f"{_ID}person/"
_PERSON_CUT = len(_PERSON_PREFIX) + 1   # where a person's key starts in its term
# the local name of each linking predicate in the IRIs of the statements that repeat its facts
_LINK_NAME = {p: p[1:-1].rsplit("#", 1)[-1].lower()
              for p in (*(prop for prop, _ in _ROLES), _PRESENTER, _RECUSED, _MEMBER_OF, _COLLABORATES_WITH,
                        _SERVING_SUBSTITUTE, _SUBSTITUTE_FOR)}
_ORG_CLASS = {org_type: node(cls) for org_type, cls in ORG_CLASS.items()}


# a name whose slug is itself but for the dot before its suffix: one name per slug
_PLAIN_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def document_key(identifier: str) -> str:
    """The local name of a document's IRIs, distinct for distinct identifiers (relative paths)
    and the same in every run, whatever other files are built with it.

    A plain lowercase name ("protokoll-ks-2024-03-12.txt") gives its slug; any other gets its
    slug, "--" (which no slug holds) and a hash of the identifier, so that "Protokoll 1.txt" and
    "protokoll-1.txt" stay two documents. A suffix added only on collision would make an IRI
    depend on which other files a build reads."""
    s = slug(identifier)
    if _PLAIN_NAME_RE.fullmatch(identifier) and len(s) <= 80:
        return s
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{s}--{digest}"


def document_iri(identifier: str) -> URIRef:
    return ID[f"doc/{document_key(identifier)}"]


def meeting_iri(identifier: str) -> URIRef:
    return ID[f"meeting/{document_key(identifier)}"]


_FOLDERS = {"person": "person", "organization": "org", "project": "project"}


@lru_cache(maxsize=1 << 16)
def _entity_iri(kind: str, key: str) -> URIRef:
    return ID[f"{_FOLDERS[kind]}/{key}"]


def entity_iri(entity: Entity) -> URIRef:
    return _entity_iri(entity.kind, entity.key)


def entity_iri_text(entity: Entity) -> str:
    """``str(entity_iri(entity))``, made without rdflib (the cheapest way to order entities as
    their graph orders them)."""
    return f"{_ID}{_FOLDERS[entity.kind]}/{entity.key}"


@lru_cache(maxsize=1 << 16)
def _entity_node(kind: str, key: str) -> str:
    return f"<{_ID}{_FOLDERS[kind]}/{key}>"


def entity_node(entity: Entity) -> str:
    return _entity_node(entity.kind, entity.key)


@lru_cache(maxsize=1 << 16)
def _offset(n: int) -> str:
    return f'"{n}"^^{_XSD_NNI}'


ENTITIES_GRAPH = ID["graph/entities"]

# Subjects whose facts several documents may state (a membership, a collaboration): a merged
# graph keeps each such fact once, a graph per document keeps it in every document that states it.
SHARED_SUBJECTS = tuple(str(ID[f"{folder}/"]) for folder in ("person", "org", "project", "collaboration", "case", "role"))


class Chunk:
    """The facts of one named graph: the entities' graph or one document's graph.

    ``own`` are the facts only this graph states (about its document, meeting, items, decisions
    and annotations); ``shared`` are facts about entities that other documents may state too (a
    membership, a collaboration), which a merged graph keeps once. Each part is sorted.

    The facts are kept as rows of N-Triples terms (``own_rows``, ``shared_rows``: what the
    writers join); ``own``, ``shared`` and ``triples`` give them as pyoxigraph triples, made
    when first asked for. ``Chunk(graph, own, shared)`` takes pyoxigraph triples. ``names``
    gives the Turtle forms of terms the building code named cheaply (``kg.graph.ntriples.prefixed_base``)."""

    __slots__ = ("graph", "own_rows", "shared_rows", "names", "_own", "_shared")

    def __init__(self, graph: str, own: Iterable[ox.Triple] = (), shared: Iterable[ox.Triple] = ()) -> None:
        self.graph = graph                                  # the graph's IRI
        self._own: tuple[ox.Triple, ...] | None = tuple(own)
        self._shared: tuple[ox.Triple, ...] | None = tuple(shared)
        self.own_rows: tuple[Row, ...] = tuple(map(row, self._own))
        self.shared_rows: tuple[Row, ...] = tuple(map(row, self._shared))
        self.names: dict[str, str] | None = None

    @classmethod
    def of_rows(cls, graph: str, own_rows: tuple[Row, ...], shared_rows: tuple[Row, ...] = (),
                names: dict[str, str] | None = None) -> Chunk:
        chunk = cls.__new__(cls)
        chunk.graph, chunk.own_rows, chunk.shared_rows, chunk.names = graph, own_rows, shared_rows, names
        chunk._own = chunk._shared = None
        return chunk

    @property
    def own(self) -> tuple[ox.Triple, ...]:
        if self._own is None:
            self._own = tuple(triples(self.own_rows))
        return self._own

    @property
    def shared(self) -> tuple[ox.Triple, ...]:
        if self._shared is None:
            self._shared = tuple(triples(self.shared_rows))
        return self._shared

    @property
    def triples(self) -> tuple[ox.Triple, ...]:
        return self.own + self.shared

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.own_rows + self.shared_rows

    def __len__(self) -> int:
        return len(self.own_rows) + len(self.shared_rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chunk) and (self.graph, self.own_rows, self.shared_rows) == (
            other.graph, other.own_rows, other.shared_rows)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Chunk({self.graph!r}, {len(self.own_rows)} own, {len(self.shared_rows)} shared)"


Facts = dict[str, list[Row]]   # subject term -> its facts


_subject_iri = itemgetter(slice(1, -1))   # a subject's IRI from its term (in C: a key for sorting)


def _sorted(subjects: Facts, repeats: set[str] | None = None) -> tuple[Row, ...]:
    """The facts grouped by subject in IRI order, a subject's facts in the order the building
    code adds them in (fixed), each once: the facts of subjects in ``repeats`` (all when it is
    None) are kept at their first statement; other subjects never state a fact twice."""
    out: list[Row] = []
    extend = out.extend
    for subject in sorted(subjects, key=_subject_iri):
        facts = subjects[subject]
        extend(dict.fromkeys(facts) if len(facts) > 1 and (repeats is None or subject in repeats) else facts)
    return tuple(out)


class _Rows:
    """The triples being gathered for one chunk, as lists by subject (its term): ``own`` for the graph's
    own facts, ``shared`` for facts about entities (subjects under ``SHARED_SUBJECTS``) that other
    documents may state. ``repeats`` names the own subjects that may be given a fact twice (a
    meeting mentions an entity once per mention); every shared subject may.

    ``add`` and ``share`` take any row; the building code appends rows to ``facts(subject)``.
    ``names`` holds the Turtle forms of the annotations' nodes (``_annotate``), ``prefixed``
    those of the bases of their IRIs."""

    __slots__ = ("own", "shared", "repeats", "names", "prefixed")

    def __init__(self) -> None:
        self.own: Facts = {}
        self.shared: Facts = {}
        self.repeats: set[str] = set()
        self.names: dict[str, str] = {}
        self.prefixed: dict[str, str | None] = {}

    def facts(self, subject: str, may_repeat: bool = True) -> list[Row]:
        """The list of ``subject``'s own facts, to append to."""
        facts = self.own.get(subject)
        if facts is None:
            facts = self.own[subject] = []
        if may_repeat:
            self.repeats.add(subject)
        return facts

    def shared_facts(self, subject: str) -> list[Row]:
        facts = self.shared.get(subject)
        if facts is None:
            facts = self.shared[subject] = []
        return facts

    def add(self, row: Row) -> None:
        self.facts(row[0]).append(row)

    def share(self, row: Row) -> None:
        self.shared_facts(row[0]).append(row)

    def chunk(self, graph: str) -> Chunk:
        return Chunk.of_rows(graph, _sorted(self.own, self.repeats), _sorted(self.shared), self.names)


def iter_chunks(extractions: Iterable[Extraction], resolution: Resolution,
                include_text: bool = True) -> Iterator[Chunk]:
    """The graph chunk by chunk: the entities first, then each document in the given order.

    Lazy: a chunk is made when asked for, so a writer holds one document's facts at a time."""
    with collector_paused():
        yield entities_chunk(resolution)
        for ex in extractions:
            yield document_chunk(ex, resolution, include_text)


def entities_chunk(resolution: Resolution) -> Chunk:
    """The entities' graph. Its names, labels, types and reasons are stated nowhere else
    (``own``); an organisation's parent a document may state again (``shared``), so a merged
    graph's writer remembers only those few facts, not every entity's."""
    rows = _Rows()
    add_entities(rows, resolution)
    return rows.chunk(str(ENTITIES_GRAPH))


def document_chunk(ex: Extraction, resolution: Resolution, include_text: bool = True) -> Chunk:
    """One document's graph. Of ``resolution`` only ``entity_of`` its mentions is used, so a
    worker process can be given just the document's part (``Resolution.of_document``)."""
    rows = _Rows()
    add_document(rows, ex, resolution, include_text)
    return rows.chunk(str(document_iri(ex.minutes.document.identifier)))


def merged_triples(chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list[ox.Triple]]]:
    """Each chunk with the triples a merged graph still needs from it: a fact about an entity
    that an earlier chunk already stated is left out (documents' own facts never repeat)."""
    seen: set[Row] = set()
    for chunk in chunks:
        fresh = [r for r in chunk.shared_rows if r not in seen]
        seen.update(fresh)
        yield chunk, [*chunk.own, *triples(fresh)]


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


def add_entity(g: _Rows, e: Entity) -> str:
    n = entity_node(e)
    facts = g.facts(n)
    add = facts.append
    if e.kind == "person":
        add((n, _TYPE, _PERSON))
        add((n, _NAME, literal(e.name)))
    elif e.kind == "organization":
        add((n, _TYPE, _ORGANIZATION))
        cls = _ORG_CLASS.get(e.org_type or "")
        if cls is not None:
            add((n, _TYPE, cls))
        add((n, _PREF_LABEL, literal(e.name)))
        if e.org_type:
            add((n, _ORGANIZATION_TYPE, literal(e.org_type)))
        parents = g.shared_facts(n) if e.parents else None
        for parent in e.parents:   # documents state parents too (add_document)
            parents.append((n, _SUB_ORGANIZATION_OF, node(f"{_ID}org/{parent}")))
    else:
        add((n, _TYPE, _PROJECT))
        add((n, _PREF_LABEL, literal(e.name)))
    for alt in e.alt_labels:
        if alt != e.name:
            add((n, _ALT_LABEL, literal(alt)))
    for reason in e.reasons:
        add((n, _MERGE_REASON, literal(reason)))
    return n


def add_document(g: _Rows, ex: Extraction, resolution: Resolution, include_text: bool = True) -> None:
    minutes = ex.minutes
    doc = minutes.document
    d_iri = str(document_iri(doc.identifier))
    d = f"<{d_iri}>"
    facts = g.facts(d, may_repeat=False)
    facts += ((d, _TYPE, _SOURCE_DOCUMENT), (d, _IDENTIFIER, literal(doc.identifier)),
              (d, _FORMAT, literal(doc.media_type)))
    if include_text:
        facts.append((d, _SOURCE_TEXT, literal(doc.text)))

    mentions = ex.mentions
    entity_of = resolution.entity_of
    entities = [entity_of(m) for m in mentions]          # once per mention: used twice below
    base = d_iri.replace('/doc/', '/annotation/')
    for m, e in zip(mentions, entities):
        if e is not None:                               # _add_annotation, without a call more per mention
            span = m.span
            _annotate(g, d, base, f"-{span.start}-{span.end}-{m.kind[:3]}", span, entity_node(e), _IDENTIFYING)

    if not minutes.is_minutes:
        return
    doc_slug = document_key(doc.identifier)
    m_iri = str(meeting_iri(doc.identifier))
    meeting = f"<{m_iri}>"
    meeting_facts = g.facts(meeting)
    add = meeting_facts.append
    add((meeting, _TYPE, _MEETING))
    add((meeting, _DERIVED_FROM, d))
    add_meeting_header(g, meeting, minutes)
    meeting_evidence = [_add_evidence(g, d, base, span, meeting, "meeting") for span in meeting_spans(minutes)]
    for a in meeting_evidence:
        add((meeting, _HAS_EVIDENCE, a))

    # a span's last person mention, as the lookup of the mention by span always gave
    by_span = {(m.span.start, m.span.end): e for m, e in zip(mentions, entities) if m.kind == "person"}

    def person(ref: PersonRef) -> str | None:
        e = by_span.get((ref.span.start, ref.span.end))
        return entity_node(e) if e else None

    statements = f"{_ID}statement/{doc_slug}-"

    def role(subject: str, prop: str, ref: PersonRef, where: str) -> str | None:
        """The person ``ref`` names, linked to ``subject`` by ``prop``, the link stated once more
        with the annotation of the name (made with the person's mention) as its evidence."""
        p = person(ref)
        if p is not None:
            g.facts(subject).append((subject, prop, p))
            span = ref.span
            _add_statement(g, f"{statements}{where}{_LINK_NAME[prop]}-{p[_PERSON_CUT:-1]}",
                           subject, prop, p, (f"<{base}-{span.start}-{span.end}-per>",))
        return p

    for prop, field in _ROLES:
        for ref in getattr(minutes, field):
            role(meeting, prop, ref, "")
    _add_protocol(g, d, base, meeting, minutes, person, role)
    if minutes.titles:
        _add_titles(g, d, base, meeting, ex, entity_of, person)

    e = entity_of(ex.body) if ex.body else None
    held_by = entity_node(e) if e is not None else None
    if e is not None:
        add((meeting, _HELD_BY, held_by))
        parent = entity_of(ex.parent) if ex.parent else None
        if parent is not None and parent.key != e.key:
            g.share((entity_node(e), _SUB_ORGANIZATION_OF, entity_node(parent)))

    item_nodes = []
    holders = []
    item_facts = []
    item_evidence = []
    prefix = f"{_ID}item/{doc_slug}-"
    decision_prefix = f"{_ID}decision/{doc_slug}-"
    vote_prefix = f"{_ID}vote/{doc_slug}-"
    within = _Within(mentions, entities)
    for k, item in enumerate(minutes.items, 1):
        item_iri = f"{prefix}{k}"
        item_node = f"<{item_iri}>"
        item_nodes.append(item_node)
        add((meeting, _HAS_AGENDA_ITEM, item_node))
        add_item(g, item_node, item)
        where = f"{k}-"
        holder = _add_subtopics(g, d, base, item_node, item, role) if item.subtopics else None
        for prop, refs in ((_PRESENTER, item.presenters), (_RECUSED, item.recused)):
            for ref in refs:
                if holder is not None and prop is _PRESENTER and holder(ref.span) is not item_node:
                    continue                            # a sub-topic's presenter (_add_subtopics)
                role(item_node, prop, ref, where)
        heading = _add_evidence(g, d, base, item.title_span, item_node, "item")
        item_evidence.append(heading)
        facts = g.facts(item_node)
        facts.append((item_node, _HAS_EVIDENCE, heading))
        item_facts.append(facts)
        holders.append(holder)
        cases = _add_cases(g, d, base, item, item_node) if item.cases else ()
        decision_nodes = []
        for j, dec in enumerate(item.decisions, 1):
            dn = f"<{decision_prefix}{k}-{j}>"
            decision_nodes.append(dn)
            owner = item_node if holder is None else holder(dec.span)
            g.facts(owner).append((owner, _HAS_DECISION, dn))
            add_decision(g, dn, dec.text, _add_evidence(g, d, base, dec.span, dn, "decision"))
            _add_decision_kind(g, dn, dec, held_by, within)
            for c in cases:
                g.facts(dn, may_repeat=False).append((dn, _CONCERNS_CASE, c))
        if item.votes or item.reservations:
            _add_votes_and_reservations(g, d, base, f"{statements}{k}-", f"{vote_prefix}{k}-", item, item_node,
                                        decision_nodes, within)
    for j, dec in enumerate(minutes.decisions, 1):
        dn = f"<{decision_prefix}0-{j}>"
        add((meeting, _HAS_DECISION, dn))
        add_decision(g, dn, dec.text, _add_evidence(g, d, base, dec.span, dn, "decision"))
        _add_decision_kind(g, dn, dec, held_by, within)

    n_items = len(item_nodes)
    for m, e in zip(mentions, entities):
        if e is None:
            continue
        n = entity_node(e)
        add((meeting, _MENTIONS, n))
        i = m.item
        if i is not None and 0 <= i < n_items:
            holder = holders[i]
            if holder is None:
                item_facts[i].append((item_nodes[i], _MENTIONS, n))
            else:                                       # the item's or a sub-topic's words
                owner = holder(m.span)
                g.facts(owner).append((owner, _MENTIONS, n))

    for membership in ex.memberships:
        a, b = entity_of(membership.member), entity_of(membership.organization)
        if a is not None and b is not None and a.key != b.key:
            na, nb = entity_node(a), entity_node(b)
            g.share((na, _MEMBER_OF, nb))
            evidence = (_add_annotation(g, d, base, membership.member, a, again=False),
                        _add_annotation(g, d, base, membership.organization, b, again=False))
            _add_statement(g, f"{statements}memberof-{slug(_local(na) + '--' + _local(nb))}", na, _MEMBER_OF, nb,
                           evidence)

    for a_m, b_m, item_index in ex.collaborations:
        a, b = entity_of(a_m), entity_of(b_m)
        if a is None or b is None or a.key == b.key:
            continue
        na, nb = entity_node(a), entity_node(b)
        if nb[1:-1] < na[1:-1]:
            a, b, na, nb = b, a, nb, na                 # in IRI order
        share = g.share
        share((na, _COLLABORATES_WITH, nb))
        share((nb, _COLLABORATES_WITH, na))
        in_item = item_index is not None and 0 <= item_index < n_items
        evidence = item_nodes[item_index] if in_item else meeting
        c = f"<{_ID}collaboration/{slug(a.key + '--' + b.key)}>"
        share((c, _TYPE, _COLLABORATION))
        share((c, _PARTICIPANT, na))
        share((c, _PARTICIPANT, nb))
        share((c, _EVIDENCE, evidence))
        words = (item_evidence[item_index],) if in_item else meeting_evidence
        _add_statement(g, f"{statements}collaborateswith-{slug(a.key + '--' + b.key)}", na, _COLLABORATES_WITH, nb,
                       words)
        _add_statement(g, f"{statements}collaborateswith-{slug(b.key + '--' + a.key)}", nb, _COLLABORATES_WITH, na,
                       words)


def _add_subtopics(g: _Rows, d: str, base: str, item_node: str, item: AgendaItem,
                   role) -> Callable[[Span], str]:
    """The item's sub-topics as agenda items of their own under it (IRI: the item's, "." and
    the sub-topic's place), each with its title, heading as evidence and presenters. Returns
    who holds words at a span: the sub-topic whose span holds them, else the item."""
    item_iri = item_node[1:-1]
    nodes = []
    for n, sub in enumerate(item.subtopics, 1):
        sn = f"<{item_iri}.{n}>"
        nodes.append((sub.span.start, sub.span.end, sn))
        g.facts(item_node).append((item_node, _HAS_SUBTOPIC, sn))
        facts = g.facts(sn)
        facts += ((sn, _TYPE, _AGENDA_ITEM), (sn, _TITLE, literal(sub.title.text)), (sn, _IS_PART_OF, item_node))
        facts.append((sn, _HAS_EVIDENCE, _add_evidence(g, d, base, sub.title, sn, "subtopic")))
        where = f"{item_iri.rsplit('-', 1)[-1]}.{n}-"
        for ref in sub.presenters:
            role(sn, _PRESENTER, ref, where)

    def holder(span: Span) -> str:
        for a, b, sn in nodes:
            if a <= span.start < b:
                return sn
        return item_node
    return holder


def _add_protocol(g: _Rows, d: str, base: str, meeting: str, minutes: Minutes, person,
                  role) -> None:
    """The protocol's own facts: when it was justerat (with the words that say so), and the
    serving substitutes with the members they replaced where the text names them."""
    if minutes.adjusted_on is not None:
        facts = g.facts(meeting)
        facts.append((meeting, _ADJUSTED_ON, typed(minutes.adjusted_on.isoformat(), _XSD_DATE)))
        if minutes.adjusted_span is not None:
            facts.append((meeting, _HAS_EVIDENCE, _add_evidence(g, d, base, minutes.adjusted_span, meeting, "meeting")))
    for sub in minutes.substitutes:
        s = role(meeting, _SERVING_SUBSTITUTE, sub.substitute, "")
        if s is None or sub.replaced is None:
            continue
        r = person(sub.replaced)
        if r is not None and r != s:
            g.share((s, _SUBSTITUTE_FOR, r))         # a fact about two persons, as a membership
            span = sub.replaced.span
            _add_statement(g, f"{_ID}statement/{document_key(minutes.document.identifier)}-substitutefor-"
                              f"{s[_PERSON_CUT:-1]}--{r[_PERSON_CUT:-1]}",
                           s, _SUBSTITUTE_FOR, r, (f"<{base}-{span.start}-{span.end}-per>",))


def role_key(label: str) -> str:
    """The local name of a role written ``label``: one node per written form ("ordf" and "ordf.",
    "miljöinspektör" and OCR's "miljoinspektor" are written differently and keep their own labels)."""
    return f"{slug(label)}-{hashlib.sha1(label.encode('utf-8')).hexdigest()[:6]}"


def _add_titles(g: _Rows, d: str, base: str, meeting: str, ex: Extraction, entity_of,
                person) -> None:
    """Each title written with a name as an ``org:Membership`` stated in the meeting: the person,
    the role (one node per title, labelled as written) and, where the text says, the organisation:
    the affiliation written with the name, else for a role of a list ("ordförande", "ledamot")
    the body that met. A job title with no organisation written keeps none."""
    from ..lexicon import ROLE_WORDS
    from ..text import fold_chars as fold
    minutes = ex.minutes
    orgs = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "organization"}
    body = entity_of(ex.body) if ex.body else None
    prefix = f"{_ID}membership/{document_key(minutes.document.identifier)}-"
    for t in minutes.titles:
        p = person(t.person)
        if p is None:
            continue
        written = t.title.text
        label = written[:1].lower() + written[1:] if written[1:2].islower() else written
        r = f"<{_ID}role/{role_key(label)}>"
        g.share((r, _TYPE, _ROLE_CLASS))
        g.share((r, _PREF_LABEL, literal(label)))
        ms = f"<{prefix}{p[_PERSON_CUT:-1]}-{role_key(label)}>"
        facts = g.facts(ms)
        facts += ((ms, _TYPE, _MEMBERSHIP), (ms, _MEMBER, p), (ms, _ROLE, r), (ms, _STATED_IN, meeting))
        aff = t.person.affiliation
        org = entity_of(orgs[(aff.start, aff.end)]) if aff is not None and (aff.start, aff.end) in orgs else None
        if org is None and fold(written).strip(" .") in ROLE_WORDS:
            org = body
        if org is not None and org.kind == "organization":
            facts.append((ms, _ORGANIZATION_OF, entity_node(org)))
        facts.append((ms, _HAS_EVIDENCE, _add_evidence(g, d, base, t.span, ms, "title")))


def meeting_spans(minutes: Minutes) -> list[Span]:
    """The words that state a meeting: its title and date lines where the text has them, else
    the name of the body that met, else the document's first line (a meeting always has one)."""
    spans = [s for s in (minutes.title, minutes.date_span) if s is not None]
    if not spans and minutes.body is not None:
        spans.append(minutes.body)
    if not spans:
        text = minutes.document.text
        found = _FIRST_LINE.search(text)
        if found is not None:
            spans.append(Span(found.start(), found.end(), found.group()))
    return sorted(set(spans), key=lambda s: (s.start, s.end))


_FIRST_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def _local(n: str) -> str:
    """An entity's IRI after the base of instances: 'person/lila-ericsson'."""
    return n[len(_ID) + 1:-1]


def add_meeting_header(g: _Rows, meeting: str, minutes: Minutes) -> None:
    add = g.facts(meeting).append
    if minutes.title is not None:
        add((meeting, _TITLE, literal(minutes.title.text)))
    if minutes.date is not None:
        add((meeting, _DATE, typed(minutes.date.isoformat(), _XSD_DATE)))
    for prop, value in ((_START_TIME, minutes.start_time), (_END_TIME, minutes.end_time)):
        if value is None:
            continue
        if minutes.date is not None:
            add((meeting, prop, typed(f"{minutes.date.isoformat()}T{value}:00", _XSD_DATETIME)))
        else:
            add((meeting, prop, typed(f"{value}:00", _XSD_TIME)))
    if minutes.location is not None:
        add((meeting, _LOCATION, literal(minutes.location.text)))


def add_item(g: _Rows, item_node: str, item: AgendaItem) -> None:
    """An item's own facts (its presenters, recused persons and evidence are added by
    ``add_document``, which knows the persons and the document)."""
    add = g.facts(item_node).append
    add((item_node, _TYPE, _AGENDA_ITEM))
    add((item_node, _TITLE, literal(item.title)))
    if item.ordinal is not None:
        add((item_node, _ORDINAL, typed(str(item.ordinal), _XSD_INTEGER)))
    if item.time:
        add((item_node, _ITEM_TIME, literal(item.time)))
    if item.section:
        add((item_node, _SECTION, literal(item.section)))
    if item.identifier:
        add((item_node, _IDENTIFIER, literal(item.identifier)))
    for sub in item.subtitles:
        add((item_node, _SUBTOPIC, literal(sub.text)))


def add_decision(g: _Rows, decision_node: str, text: str, evidence: str | None = None) -> None:
    """A decision's facts (its IRI is its item's and its place there: stated once), with the
    annotation of its words as evidence."""
    facts = g.facts(decision_node, may_repeat=False)
    facts += ((decision_node, _TYPE, _DECISION), (decision_node, _DESCRIPTION, literal(text)))
    if evidence is not None:
        facts.append((decision_node, _HAS_EVIDENCE, evidence))


def _add_annotation(g: _Rows, doc_node: str, base: str, m: Mention, e: Entity | None,
                    again: bool = True) -> str | None:
    """A W3C Web Annotation of one mention: body = the entity, target = the quoted text span.

    With ``again`` False an annotation already made is only named, not stated again (a
    membership points at its mentions' annotations)."""
    if e is None:
        return None
    span = m.span
    tail = f"-{span.start}-{span.end}-{m.kind[:3]}"
    if not again and f"<{base}{tail}>" in g.own:
        return f"<{base}{tail}>"
    return _annotate(g, doc_node, base, tail, span, entity_node(e), _IDENTIFYING)


def _add_evidence(g: _Rows, doc_node: str, base: str, span: Span, body: str,
                  kind: str) -> str:
    """The annotation of the words that state a meeting, item or decision (``body``)."""
    return _annotate(g, doc_node, base, f"-{span.start}-{span.end}-{kind}", span, body, _DESCRIBING)


def _annotate(g: _Rows, doc_node: str, base: str, tail: str, span: Span, body: str,
              motivation: str) -> str:
    """An annotation of ``span`` with ``body``, named ``base + tail``, its target and selectors
    named after it (their Turtle names too, in ``g.names``: writing them costs a tenth of
    finding them again from the IRIs).

    Its four subjects are new unless the same span was annotated before (a repeated mention):
    then they are marked as subjects whose facts may repeat, and kept once each."""
    a_iri = base + tail
    a, target, pos, quote = f"<{a_iri}>", f"<{a_iri}#target>", f"<{a_iri}#position>", f"<{a_iri}#quote>"
    try:
        written = g.prefixed[base]
    except KeyError:
        written = g.prefixed[base] = prefixed_base(base)
    if written is not None:
        names, t = g.names, written + tail
        names[a], names[target], names[pos], names[quote] = t, t + "\\#target", t + "\\#position", t + "\\#quote"
    a_facts = [(a, _TYPE, _ANNOTATION), (a, _HAS_BODY, body), (a, _HAS_TARGET, target),
               (a, _MOTIVATED_BY, motivation)]
    t_facts = [(target, _HAS_SOURCE, doc_node), (target, _HAS_SELECTOR, pos), (target, _HAS_SELECTOR, quote)]
    p_facts = [(pos, _TYPE, _POSITION_SELECTOR), (pos, _START, _offset(span.start)), (pos, _END, _offset(span.end))]
    q_facts = [(quote, _TYPE, _QUOTE_SELECTOR), (quote, _EXACT, literal(span.text))]
    own = g.own
    if a in own or target in own or pos in own or quote in own:
        facts = g.facts
        facts(a).extend(a_facts)
        facts(target).extend(t_facts)
        facts(pos).extend(p_facts)
        facts(quote).extend(q_facts)
    else:
        own[a] = a_facts
        own[target] = t_facts
        own[pos] = p_facts
        own[quote] = q_facts
    return a


def _add_statement(g: _Rows, s_iri: str, subject: str, predicate: str, obj: Term,
                   evidence: Iterable[str]) -> None:
    """A link stated once more as an ``rdf:Statement`` with the annotations of its words as
    ``mg:evidence``: one pattern then finds the words behind any link. A document states a link
    as often as the text does; its statement is one node, with every span as evidence."""
    st = f"<{s_iri}>"
    facts = [(st, _TYPE, _STATEMENT), (st, _SUBJECT, subject), (st, _PREDICATE, predicate), (st, _OBJECT, obj)]
    facts += [(st, _HAS_EVIDENCE, a) for a in evidence]
    own = g.own
    if st in own:
        g.facts(st).extend(facts)
    else:
        own[st] = facts


class _Within:
    """The resolved mentions of a document by position, to find the persons or organisations
    named inside a span (a reservation, a list of voters, the body a proposal goes to)."""

    __slots__ = ("starts", "rows")

    def __init__(self, mentions: Iterable[Mention], entities: Iterable[Entity | None]) -> None:
        rows = sorted(((m.span.start, m.span.end, m.kind, e) for m, e in zip(mentions, entities) if e is not None),
                      key=lambda r: (r[0], r[1]))      # (never comparing entities: one span may name two)
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def __call__(self, span: Span, kind: str, overlap: bool = False) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the mentions of ``kind`` inside ``span`` (or, with ``overlap``,
        overlapping it), in text order."""
        from bisect import bisect_left
        rows, out = self.rows, []
        i = bisect_left(self.starts, span.start - (200 if overlap else 0))
        while i < len(rows) and rows[i][0] < span.end:
            a, b, k, e = rows[i]
            if k == kind and (b <= span.end and a >= span.start or overlap and b > span.start):
                out.append((a, b, e))
            i += 1
        return out


def _add_decision_kind(g: _Rows, dn: str, dec: Decision, held_by: str | None,
                       within: _Within) -> None:
    """A decision's kind, the body that took it (the body that met) and, for a proposal, the body
    it goes to where a mention of an organisation stands on the words that name it."""
    facts = g.facts(dn, may_repeat=False)
    kind = _DECISION_KINDS.get(dec.kind or "")
    if kind is not None:
        facts.append((dn, _DECISION_TYPE, kind))
    if held_by is not None:
        facts.append((dn, _DECIDED_BY, held_by))
    if dec.proposed_to is not None:
        for _a, _b, e in within(dec.proposed_to, "organization", overlap=True)[:1]:
            to = entity_node(e)
            if held_by is None or to != held_by:
                facts.append((dn, _PROPOSED_TO, to))


def _add_cases(g: _Rows, doc_node: str, base: str, item: AgendaItem,
               item_node: str) -> list[str]:
    """The cases of an item: one node per normal diarienummer across documents (its facts shared,
    as an entity's are), each written form an altLabel with its words as evidence."""
    out: list[str] = []
    item_facts = g.facts(item_node)
    for span in item.cases:
        ident = case_identifier(span.text)
        if ident is None:
            continue
        c = f"<{_ID}case/{slug(ident)}>"
        shared = g.shared_facts(c)
        shared += ((c, _TYPE, _CASE), (c, _IDENTIFIER, literal(ident)),
                   (c, _ALT_LABEL, literal(" ".join(span.text.split()))),
                   (c, _HAS_EVIDENCE, _add_evidence(g, doc_node, base, span, c, "case")))
        if c not in out:
            out.append(c)
            item_facts.append((item_node, _CONCERNS_CASE, c))
    return out


def _decision_at(decision_nodes: list[str], item: AgendaItem, at: int, after: bool) -> int | None:
    """The index of the decision a vote (``after``: the first decision ending after it) or a
    reservation (the last decision before it) concerns; the item's only or last decision else."""
    decisions = item.decisions
    if not decisions:
        return None
    if after:
        return next((j for j, dec in enumerate(decisions) if dec.span.end > at), len(decisions) - 1)
    before = [j for j, dec in enumerate(decisions) if dec.span.start < at]
    return before[-1] if before else 0


def _add_votes_and_reservations(g: _Rows, doc_node: str, base: str, statements: str, vote_prefix: str,
                                item: AgendaItem, item_node: str, decision_nodes: list[str],
                                within: _Within) -> None:
    """The votes of an item (with counts and named voters) and who reserved themselves, from the
    decision they concern (the item when it has none). Each link to a person is stated once
    more as an rdf:Statement with the words that state it."""
    for n, vote in enumerate(item.votes, 1):
        j = _decision_at(decision_nodes, item, vote.span.start, after=True)
        _add_vote(g, doc_node, base, f"{statements}vote{n}-", f"<{vote_prefix}{n}>", vote,
                  decision_nodes[j] if j is not None else item_node, within)
    for span in item.reservations:
        j = _decision_at(decision_nodes, item, span.start, after=False)
        _add_reservation(g, doc_node, base, statements, span, decision_nodes[j] if j is not None else item_node, within)


def _add_vote(g: _Rows, doc_node: str, base: str, statements: str, vn: str, vote: Vote,
              subject: str, within: _Within) -> None:
    g.facts(subject).append((subject, _VOTE, vn))
    facts = g.facts(vn)
    facts += ((vn, _TYPE, _VOTE_CLASS), (vn, _HAS_EVIDENCE, _add_evidence(g, doc_node, base, vote.span, vn, "vote")))
    for prop, field in _COUNTS:
        count = getattr(vote, field)
        if count is not None:
            facts.append((vn, prop, typed(str(count), _XSD_INTEGER)))
    for prop, field in _VOTERS:
        for span in getattr(vote, field):
            for a, b, e in within(span, "person"):
                p = entity_node(e)
                facts.append((vn, prop, p))
                _add_statement(g, f"{statements}{prop[1:-1].rsplit('#', 1)[-1].lower()}-{_local(p).split('/', 1)[-1]}",
                               vn, prop, p, (f"<{base}-{a}-{b}-per>",))


def _add_reservation(g: _Rows, doc_node: str, base: str, statements: str, span: Span,
                     subject: str, within: _Within) -> None:
    """The persons a reservation names; where it names none, the parties ("Ledamöterna för
    Moderaterna reserverar sig"). Its sentence is the evidence."""
    found = within(span, "person") or within(span, "organization")
    if not found:
        return
    words = (_add_evidence(g, doc_node, base, span, subject, "reservation"),)
    facts = g.facts(subject)
    for _a, _b, e in found:
        p = entity_node(e)
        facts.append((subject, _RESERVATION, p))
        _add_statement(g, f"{statements}reservation-{slug(_local(p))}", subject, _RESERVATION, p, words)
