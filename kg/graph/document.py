"""One document's facts: the document, its annotated mentions, its meeting with roles, items,
decisions, mentions, memberships and collaborations.
"""
from __future__ import annotations

from ..models import Extraction, PersonRef, Resolution
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
    minutes = ex.minutes
    doc = minutes.document
    d_iri = str(document_iri(doc.identifier))
    d = f"<{d_iri}>"
    facts = g.facts(d, may_repeat=False)
    facts += ((d, TYPE, SOURCE_DOCUMENT), (d, IDENTIFIER, literal(doc.identifier)),
              (d, FORMAT, literal(doc.media_type)))
    if include_text:
        facts.append((d, SOURCE_TEXT, literal(doc.text)))

    mentions = ex.mentions
    entity_of = resolution.entity_of
    entities = [entity_of(m) for m in mentions]          # once per mention: used twice below
    base = d_iri.replace('/doc/', '/annotation/')
    for m, e in zip(mentions, entities):
        if e is not None:                               # add_annotation, without a call more per mention
            span = m.span
            annotate(g, d, base, f"-{span.start}-{span.end}-{m.kind[:3]}", span, entity_node(e), IDENTIFYING)

    if not minutes.is_minutes:
        return
    doc_slug = document_key(doc.identifier)
    m_iri = str(meeting_iri(doc.identifier))
    meeting = f"<{m_iri}>"
    meeting_facts = g.facts(meeting)
    add = meeting_facts.append
    add((meeting, TYPE, MEETING))
    add((meeting, DERIVED_FROM, d))
    add_meeting_header(g, meeting, minutes)
    meeting_evidence = [add_evidence(g, d, base, span, meeting, "meeting") for span in meeting_spans(minutes)]
    for a in meeting_evidence:
        add((meeting, HAS_EVIDENCE, a))

    # a span's last person mention, as the lookup of the mention by span always gave
    by_span = {(m.span.start, m.span.end): e for m, e in zip(mentions, entities) if m.kind == "person"}

    def person(ref: PersonRef) -> str | None:
        e = by_span.get((ref.span.start, ref.span.end))
        return entity_node(e) if e else None

    statements = f"{ID_BASE}statement/{doc_slug}-"

    def role(subject: str, prop: str, ref: PersonRef, where: str) -> str | None:
        """The person ``ref`` names, linked to ``subject`` by ``prop``, the link stated once more
        with the annotation of the name (made with the person's mention) as its evidence."""
        p = person(ref)
        if p is not None:
            g.facts(subject).append((subject, prop, p))
            span = ref.span
            add_statement(g, f"{statements}{where}{LINK_NAME[prop]}-{p[PERSON_CUT:-1]}",
                           subject, prop, p, (f"<{base}-{span.start}-{span.end}-per>",))
        return p

    for prop, field in ROLES:
        for ref in getattr(minutes, field):
            role(meeting, prop, ref, "")
    add_protocol(g, d, base, meeting, minutes, person, role)
    if minutes.titles:
        add_titles(g, d, base, meeting, ex, entity_of, person)

    e = entity_of(ex.body) if ex.body else None
    held_by = entity_node(e) if e is not None else None
    if e is not None:
        add((meeting, HELD_BY, held_by))
        parent = entity_of(ex.parent) if ex.parent else None
        if parent is not None and parent.key != e.key:
            g.share((entity_node(e), SUB_ORGANIZATION_OF, entity_node(parent)))

    item_nodes = []
    holders = []
    item_facts = []
    item_evidence = []
    prefix = f"{ID_BASE}item/{doc_slug}-"
    decision_prefix = f"{ID_BASE}decision/{doc_slug}-"
    vote_prefix = f"{ID_BASE}vote/{doc_slug}-"
    within = Within(mentions, entities)
    for k, item in enumerate(minutes.items, 1):
        item_iri = f"{prefix}{k}"
        item_node = f"<{item_iri}>"
        item_nodes.append(item_node)
        add((meeting, HAS_AGENDA_ITEM, item_node))
        add_item(g, item_node, item)
        where = f"{k}-"
        holder = add_subtopics(g, d, base, item_node, item, role) if item.subtopics else None
        for prop, refs in ((PRESENTER, item.presenters), (RECUSED, item.recused)):
            for ref in refs:
                if holder is not None and prop is PRESENTER and holder(ref.span) is not item_node:
                    continue                            # a sub-topic's presenter (add_subtopics)
                role(item_node, prop, ref, where)
        heading = add_evidence(g, d, base, item.title_span, item_node, "item")
        item_evidence.append(heading)
        facts = g.facts(item_node)
        facts.append((item_node, HAS_EVIDENCE, heading))
        item_facts.append(facts)
        holders.append(holder)
        cases = add_cases(g, d, base, item, item_node) if item.cases else ()
        decision_nodes = []
        for j, dec in enumerate(item.decisions, 1):
            dn = f"<{decision_prefix}{k}-{j}>"
            decision_nodes.append(dn)
            owner = item_node if holder is None else holder(dec.span)
            g.facts(owner).append((owner, HAS_DECISION, dn))
            add_decision(g, dn, dec.text, add_evidence(g, d, base, dec.span, dn, "decision"))
            add_decision_kind(g, dn, dec, held_by, within)
            for c in cases:
                g.facts(dn, may_repeat=False).append((dn, CONCERNS_CASE, c))
        if item.votes or item.reservations:
            add_votes_and_reservations(g, d, base, f"{statements}{k}-", f"{vote_prefix}{k}-", item, item_node,
                                        decision_nodes, within)
    for j, dec in enumerate(minutes.decisions, 1):
        dn = f"<{decision_prefix}0-{j}>"
        add((meeting, HAS_DECISION, dn))
        add_decision(g, dn, dec.text, add_evidence(g, d, base, dec.span, dn, "decision"))
        add_decision_kind(g, dn, dec, held_by, within)

    n_items = len(item_nodes)
    for m, e in zip(mentions, entities):
        if e is None:
            continue
        n = entity_node(e)
        add((meeting, MENTIONS, n))
        i = m.item
        if i is not None and 0 <= i < n_items:
            holder = holders[i]
            if holder is None:
                item_facts[i].append((item_nodes[i], MENTIONS, n))
            else:                                       # the item's or a sub-topic's words
                owner = holder(m.span)
                g.facts(owner).append((owner, MENTIONS, n))

    for membership in ex.memberships:
        a, b = entity_of(membership.member), entity_of(membership.organization)
        if a is not None and b is not None and a.key != b.key:
            na, nb = entity_node(a), entity_node(b)
            g.share((na, MEMBER_OF, nb))
            evidence = (add_annotation(g, d, base, membership.member, a, again=False),
                        add_annotation(g, d, base, membership.organization, b, again=False))
            add_statement(g, f"{statements}memberof-{slug(entity_path(na) + '--' + entity_path(nb))}", na, MEMBER_OF, nb,
                           evidence)

    for a_m, b_m, item_index in ex.collaborations:
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
        evidence = item_nodes[item_index] if in_item else meeting
        c = f"<{ID_BASE}collaboration/{slug(a.key + '--' + b.key)}>"
        share((c, TYPE, COLLABORATION))
        share((c, PARTICIPANT, na))
        share((c, PARTICIPANT, nb))
        share((c, EVIDENCE, evidence))
        words = (item_evidence[item_index],) if in_item else meeting_evidence
        add_statement(g, f"{statements}collaborateswith-{slug(a.key + '--' + b.key)}", na, COLLABORATES_WITH, nb,
                       words)
        add_statement(g, f"{statements}collaborateswith-{slug(b.key + '--' + a.key)}", nb, COLLABORATES_WITH, na,
                       words)
