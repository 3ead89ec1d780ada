"""One document's facts: the document, its annotated mentions, its meeting with roles, items,
decisions, mentions, memberships and collaborations, each part written by a function named after
it, in this order (the order of the rows is the order of the output's bytes).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Document, Entity, Extraction, Mention, PersonRef, Resolution
from ..text import slug
from .annotations import add_annotation, add_evidence, add_statement, annotate
from .chunk import Rows
from .decisions import Within, add_cases, add_decision_kind, add_votes_and_reservations
from .iri import ID_BASE, PERSON_CUT, document_iri, document_key, entity_node, entity_path, meeting_iri
from .items import add_decision, add_item, add_subtopics
from .meeting import add_meeting_header, add_protocol, add_titles, meeting_spans
from .ntriples import literal
from .terms import (
    COLLABORATES_WITH,
    COLLABORATION,
    CONCERNS_CASE,
    DERIVED_FROM,
    EVIDENCE,
    FORMAT,
    HAS_AGENDA_ITEM,
    HAS_DECISION,
    HAS_EVIDENCE,
    HELD_BY,
    IDENTIFIER,
    IDENTIFYING,
    MEETING,
    MEMBER_OF,
    MENTIONS,
    PARTICIPANT,
    PRESENTER,
    RECUSED,
    ROLES,
    SERVING_SUBSTITUTE,
    SOURCE_DOCUMENT,
    SOURCE_TEXT,
    SUB_ORGANIZATION_OF,
    SUBSTITUTE_FOR,
    TYPE,
)

# the local name of each linking predicate in the IRIs of the statements that repeat its facts
LINK_NAME = {p: p[1:-1].rsplit("#", 1)[-1].lower()
              for p in (*(prop for prop, _ in ROLES), PRESENTER, RECUSED, MEMBER_OF, COLLABORATES_WITH,
                        SERVING_SUBSTITUTE, SUBSTITUTE_FOR)}


def add_document(g: Rows, ex: Extraction, resolution: Resolution, include_text: bool = True) -> None:
    """All the facts of one document (``ex``), in the order the graph's bytes keep."""
    doc = ex.minutes.document
    d_iri = str(document_iri(doc.identifier))
    d = f"<{d_iri}>"
    base = d_iri.replace('/doc/', '/annotation/')
    add_source_document(g, d, doc, include_text)
    entity_of = resolution.entity_of
    entities = entities_of(resolution, ex.mentions)         # once per mention: used again below
    nodes = [entity_node(e) if e is not None else None for e in entities]
    add_identifying_annotations(g, d, base, ex.mentions, nodes)
    if not ex.minutes.is_minutes:
        return
    m = add_meeting(g, ex, entity_of, entities, d, base)
    m.nodes = nodes
    add_roles(m)
    add_held_by(m)
    for k, item in enumerate(ex.minutes.items, 1):
        add_agenda_item(m, k, item)
    add_meeting_decisions(m)
    add_mentions(m)
    add_memberships(m)
    add_collaborations(m)


def add_source_document(g: Rows, d: str, doc: Document, include_text: bool) -> None:
    """The document itself: its kind, identifier, media type and (unless left out) its text."""
    facts = g.facts(d, may_repeat=False)
    facts += ((d, TYPE, SOURCE_DOCUMENT), (d, IDENTIFIER, literal(doc.identifier)),
              (d, FORMAT, literal(doc.media_type)))
    if include_text:
        facts.append((d, SOURCE_TEXT, literal(doc.text)))


def entities_of(resolution: Resolution, mentions: Sequence[Mention]) -> list[Entity | None]:
    """``resolution.entity_of`` each mention, its two lookups (mention key -> entity key ->
    entity) made in one comprehension rather than two calls a mention."""
    if type(resolution) is not Resolution:
        return [resolution.entity_of(m) for m in mentions]
    key_of, entity = resolution.mention_entity.get, resolution.entities.get
    return [entity(k) if (k := key_of((m.document, m.span.start, m.span.end, m.kind))) else None for m in mentions]


def add_identifying_annotations(g: Rows, d: str, base: str, mentions: Sequence[Mention],
                                nodes: list[str | None]) -> None:
    """The annotation of every resolved mention (its entity's node in ``nodes``), identifying its entity."""
    for m, n in zip(mentions, nodes):
        if n is not None:                               # add_annotation, without a call more per mention
            span = m.span
            annotate(g, d, base, f"-{span.start}-{span.end}-{m.kind[:3]}", span, n, IDENTIFYING)


@dataclass
class MeetingFacts:
    """What the parts of one meeting's facts share: the document and the meeting, the entities of
    the mentions, and the agenda items' nodes and evidence as they are written."""

    g: Rows
    ex: Extraction
    entity_of: Callable[[Any], Any]
    entities: list
    d: str
    base: str
    meeting: str
    add: Callable[[tuple[str, str, str]], None]     # a fact about the meeting
    doc_slug: str
    statements: str                                 # the IRI start of this document's statements
    by_span: dict                                   # a span's last person mention -> its entity
    within: Within
    evidence: list[str] = field(default_factory=list)   # the meeting's evidence annotations
    held_by: str | None = None
    item_nodes: list[str] = field(default_factory=list)
    holders: list = field(default_factory=list)         # per item: its sub-topics' holder or None
    item_facts: list[list] = field(default_factory=list)
    item_evidence: list[str] = field(default_factory=list)
    nodes: list[str | None] = field(default_factory=list)  # per mention: its entity's node or None

    def person(self, ref: PersonRef) -> str | None:
        """The node of the person ``ref`` names, as the lookup of the mention by span gives it."""
        e = self.by_span.get((ref.span.start, ref.span.end))
        return entity_node(e) if e else None

    def role(self, subject: str, prop: str, ref: PersonRef, where: str) -> str | None:
        """The person ``ref`` names, linked to ``subject`` by ``prop``, the link stated once more
        with the annotation of the name (made with the person's mention) as its evidence."""
        p = self.person(ref)
        if p is not None:
            g = self.g
            g.facts(subject).append((subject, prop, p))
            span = ref.span
            add_statement(g, f"{self.statements}{where}{LINK_NAME[prop]}-{p[PERSON_CUT:-1]}",
                           subject, prop, p, (f"<{self.base}-{span.start}-{span.end}-per>",))
        return p


def add_meeting(g: Rows, ex: Extraction, entity_of: Callable[[Any], Any], entities: list, d: str,
                base: str) -> MeetingFacts:
    """The meeting: its kind, the document it is derived from, its header and the evidence of it."""
    minutes = ex.minutes
    identifier = minutes.document.identifier
    doc_slug = document_key(identifier)
    meeting = f"<{meeting_iri(identifier)}>"
    add = g.facts(meeting).append
    add((meeting, TYPE, MEETING))
    add((meeting, DERIVED_FROM, d))
    add_meeting_header(g, meeting, minutes)
    mentions = ex.mentions
    by_span = {(m.span.start, m.span.end): e for m, e in zip(mentions, entities) if m.kind == "person"}
    m = MeetingFacts(g, ex, entity_of, entities, d, base, meeting, add, doc_slug, f"{ID_BASE}statement/{doc_slug}-",
                     by_span, Within(mentions, entities))
    m.evidence = [add_evidence(g, d, base, span, meeting, "meeting") for span in meeting_spans(minutes)]
    for a in m.evidence:
        add((meeting, HAS_EVIDENCE, a))
    return m


def add_roles(m: MeetingFacts) -> None:
    """The meeting's roles (chair, secretary, members, ...), the protocol's people and the titles."""
    minutes = m.ex.minutes
    for prop, field_name in ROLES:
        for ref in getattr(minutes, field_name):
            m.role(m.meeting, prop, ref, "")
    add_protocol(m.g, m.d, m.base, m.meeting, minutes, m.person, m.role)
    if minutes.titles:
        add_titles(m.g, m.d, m.base, m.meeting, m.ex, m.entity_of, m.person)


def add_held_by(m: MeetingFacts) -> None:
    """The body that held the meeting, and the organisation it is part of."""
    ex, entity_of = m.ex, m.entity_of
    e = entity_of(ex.body) if ex.body else None
    if e is not None:
        m.held_by = entity_node(e)
        m.add((m.meeting, HELD_BY, m.held_by))
        parent = entity_of(ex.parent) if ex.parent else None
        if parent is not None and parent.key != e.key:
            m.g.share((entity_node(e), SUB_ORGANIZATION_OF, entity_node(parent)))


def add_agenda_item(m: MeetingFacts, k: int, item) -> None:
    """The ``k``-th agenda item: its facts, sub-topics, presenters, recusals, heading and decisions."""
    g = m.g
    item_node = f"<{ID_BASE}item/{m.doc_slug}-{k}>"
    m.item_nodes.append(item_node)
    m.add((m.meeting, HAS_AGENDA_ITEM, item_node))
    add_item(g, item_node, item)
    where = f"{k}-"
    holder = add_subtopics(g, m.d, m.base, item_node, item, m.role) if item.subtopics else None
    for prop, refs in ((PRESENTER, item.presenters), (RECUSED, item.recused)):
        for ref in refs:
            if holder is not None and prop is PRESENTER and holder(ref.span) is not item_node:
                continue                            # a sub-topic's presenter (add_subtopics)
            m.role(item_node, prop, ref, where)
    heading = add_evidence(g, m.d, m.base, item.title_span, item_node, "item")
    m.item_evidence.append(heading)
    facts = g.facts(item_node)
    facts.append((item_node, HAS_EVIDENCE, heading))
    m.item_facts.append(facts)
    m.holders.append(holder)
    add_item_decisions(m, k, item, item_node, holder)


def add_item_decisions(m: MeetingFacts, k: int, item, item_node: str, holder) -> None:
    """An item's decisions (each held by the item or its sub-topic), their cases, votes and reservations."""
    g, d, base = m.g, m.d, m.base
    cases = add_cases(g, d, base, item, item_node) if item.cases else ()
    decision_prefix = f"{ID_BASE}decision/{m.doc_slug}-{k}-"
    decision_nodes = []
    for j, dec in enumerate(item.decisions, 1):
        dn = f"<{decision_prefix}{j}>"
        decision_nodes.append(dn)
        owner = item_node if holder is None else holder(dec.span)
        g.facts(owner).append((owner, HAS_DECISION, dn))
        add_decision(g, dn, dec.text, add_evidence(g, d, base, dec.span, dn, "decision"))
        add_decision_kind(g, dn, dec, m.held_by, m.within)
        for c in cases:
            g.facts(dn, may_repeat=False).append((dn, CONCERNS_CASE, c))
    if item.votes or item.reservations:
        add_votes_and_reservations(g, d, base, f"{m.statements}{k}-", f"{ID_BASE}vote/{m.doc_slug}-{k}-", item,
                                    item_node, decision_nodes, m.within)


def add_meeting_decisions(m: MeetingFacts) -> None:
    """The decisions outside any agenda item: the meeting's own."""
    g = m.g
    for j, dec in enumerate(m.ex.minutes.decisions, 1):
        dn = f"<{ID_BASE}decision/{m.doc_slug}-0-{j}>"
        m.add((m.meeting, HAS_DECISION, dn))
        add_decision(g, dn, dec.text, add_evidence(g, m.d, m.base, dec.span, dn, "decision"))
        add_decision_kind(g, dn, dec, m.held_by, m.within)


def add_mentions(m: MeetingFacts) -> None:
    """What the meeting mentions, and each item (or its sub-topic) the words of which mention it."""
    g, add, meeting = m.g, m.add, m.meeting
    item_nodes, holders, item_facts = m.item_nodes, m.holders, m.item_facts
    n_items = len(item_nodes)
    for mention, n in zip(m.ex.mentions, m.nodes):
        if n is None:
            continue
        add((meeting, MENTIONS, n))
        i = mention.item
        if i is not None and 0 <= i < n_items:
            holder = holders[i]
            if holder is None:
                item_facts[i].append((item_nodes[i], MENTIONS, n))
            else:                                       # the item's or a sub-topic's words
                owner = holder(mention.span)
                g.facts(owner).append((owner, MENTIONS, n))


def add_memberships(m: MeetingFacts) -> None:
    """Who is a member of what, as the document states it, with the words as evidence."""
    g, d, base, entity_of = m.g, m.d, m.base, m.entity_of
    for membership in m.ex.memberships:
        a, b = entity_of(membership.member), entity_of(membership.organization)
        if a is not None and b is not None and a.key != b.key:
            na, nb = entity_node(a), entity_node(b)
            g.share((na, MEMBER_OF, nb))
            evidence = (add_annotation(g, d, base, membership.member, a, again=False),
                        add_annotation(g, d, base, membership.organization, b, again=False))
            add_statement(g, f"{m.statements}memberof-{slug(entity_path(na) + '--' + entity_path(nb))}", na,
                           MEMBER_OF, nb, evidence)


def add_collaborations(m: MeetingFacts) -> None:
    """Organisations that work together in an item (or the meeting): both directions, the
    collaboration as a node, and the item's heading (or the meeting's evidence) as its words."""
    g, entity_of, statements = m.g, m.entity_of, m.statements
    n_items = len(m.item_nodes)
    for a_m, b_m, item_index in m.ex.collaborations:
        a, b = entity_of(a_m), entity_of(b_m)
        if a is None or b is None or a.key == b.key:
            continue
        na, nb = entity_node(a), entity_node(b)
        if nb[1:-1] < na[1:-1]:
            a, b, na, nb = b, a, nb, na                 # in IRI order
        share = g.share
        share((na, COLLABORATES_WITH, nb))
        share((nb, COLLABORATES_WITH, na))
        in_item = item_index is not None and 0 <= item_index < n_items
        evidence = m.item_nodes[item_index] if in_item else m.meeting
        c = f"<{ID_BASE}collaboration/{slug(a.key + '--' + b.key)}>"
        share((c, TYPE, COLLABORATION))
        share((c, PARTICIPANT, na))
        share((c, PARTICIPANT, nb))
        share((c, EVIDENCE, evidence))
        words = (m.item_evidence[item_index],) if in_item else m.evidence
        add_statement(g, f"{statements}collaborateswith-{slug(a.key + '--' + b.key)}", na, COLLABORATES_WITH, nb,
                       words)
        add_statement(g, f"{statements}collaborateswith-{slug(b.key + '--' + a.key)}", nb, COLLABORATES_WITH, na,
                       words)
