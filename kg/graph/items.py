"""An agenda item's own facts, its sub-topics, and a decision's facts.
"""
from __future__ import annotations

from collections.abc import Callable

from ..models import AgendaItem, Span
from .annotations import add_evidence
from .chunk import Rows
from .ntriples import literal, typed
from .terms import (
    AGENDA_ITEM,
    DECISION,
    DESCRIPTION,
    HAS_EVIDENCE,
    HAS_SUBTOPIC,
    IDENTIFIER,
    IS_PART_OF,
    ITEM_TIME,
    ORDINAL,
    PRESENTER,
    SECTION,
    SUBTOPIC,
    TITLE,
    TYPE,
    XSD_INTEGER,
)


def add_item(g: Rows, item_node: str, item: AgendaItem) -> None:
    """An item's own facts (its presenters, recused persons and evidence are added by
    ``add_document``, which knows the persons and the document)."""
    add = g.facts(item_node).append
    add((item_node, TYPE, AGENDA_ITEM))
    add((item_node, TITLE, literal(item.title)))
    if item.ordinal is not None:
        add((item_node, ORDINAL, typed(str(item.ordinal), XSD_INTEGER)))
    if item.time:
        add((item_node, ITEM_TIME, literal(item.time)))
    if item.section:
        add((item_node, SECTION, literal(item.section)))
    if item.identifier:
        add((item_node, IDENTIFIER, literal(item.identifier)))
    for sub in item.subtitles:
        add((item_node, SUBTOPIC, literal(sub.text)))


def add_decision(g: Rows, decision_node: str, text: str, evidence: str | None = None) -> None:
    """A decision's facts (its IRI is its item's and its place there: stated once), with the
    annotation of its words as evidence."""
    facts = g.facts(decision_node, may_repeat=False)
    facts += ((decision_node, TYPE, DECISION), (decision_node, DESCRIPTION, literal(text)))
    if evidence is not None:
        facts.append((decision_node, HAS_EVIDENCE, evidence))


def add_subtopics(g: Rows, d: str, base: str, item_node: str, item: AgendaItem,
                   role) -> Callable[[Span], str]:
    """The item's sub-topics as agenda items of their own under it (IRI: the item's, "." and
    the sub-topic's place), each with its title, heading as evidence and presenters. Returns
    who holds words at a span: the sub-topic whose span holds them, else the item."""
    item_iri = item_node[1:-1]
    nodes = []
    for n, sub in enumerate(item.subtopics, 1):
        sn = f"<{item_iri}.{n}>"
        nodes.append((sub.span.start, sub.span.end, sn))
        g.facts(item_node).append((item_node, HAS_SUBTOPIC, sn))
        facts = g.facts(sn)
        facts += ((sn, TYPE, AGENDA_ITEM), (sn, TITLE, literal(sub.title.text)), (sn, IS_PART_OF, item_node))
        facts.append((sn, HAS_EVIDENCE, add_evidence(g, d, base, sub.title, sn, "subtopic")))
        where = f"{item_iri.rsplit('-', 1)[-1]}.{n}-"
        for ref in sub.presenters:
            role(sn, PRESENTER, ref, where)

    def holder(span: Span) -> str:
        for a, b, sn in nodes:
            if a <= span.start < b:
                return sn
        return item_node
    return holder
