"""The entities' facts: names, labels, types, merge reasons, and an organisation's parents.
"""
from __future__ import annotations

from ..models import Entity, Resolution
from .chunk import Rows
from .iri import ID_BASE, entity_node
from .ntriples import literal
from .terms import (
    ALT_LABEL,
    MERGE_REASON,
    NAME,
    ORG_CLASS_NODES,
    ORGANIZATION,
    ORGANIZATION_TYPE,
    PERSON,
    PREF_LABEL,
    PROJECT,
    SUB_ORGANIZATION_OF,
    TYPE,
    node,
)


def add_entities(g: Rows, resolution: Resolution) -> None:
    for entity in sorted(resolution.entities.values(), key=lambda e: (e.kind, e.key)):
        add_entity(g, entity)


def add_entity(g: Rows, e: Entity) -> str:
    n = entity_node(e)
    facts = g.facts(n)
    add = facts.append
    if e.kind == "person":
        add((n, TYPE, PERSON))
        add((n, NAME, literal(e.name)))
    elif e.kind == "organization":
        add((n, TYPE, ORGANIZATION))
        cls = ORG_CLASS_NODES.get(e.org_type or "")
        if cls is not None:
            add((n, TYPE, cls))
        add((n, PREF_LABEL, literal(e.name)))
        if e.org_type:
            add((n, ORGANIZATION_TYPE, literal(e.org_type)))
        parents = g.shared_facts(n) if e.parents else None
        for parent in e.parents:   # documents state parents too (add_document)
            parents.append((n, SUB_ORGANIZATION_OF, node(f"{ID_BASE}org/{parent}")))
    else:
        add((n, TYPE, PROJECT))
        add((n, PREF_LABEL, literal(e.name)))
    for alt in e.alt_labels:
        if alt != e.name:
            add((n, ALT_LABEL, literal(alt)))
    for reason in e.reasons:
        add((n, MERGE_REASON, literal(reason)))
    return n
