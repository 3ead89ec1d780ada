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

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

import networkx as nx
from rdflib import Graph

from ..errors import GraphFileError
from .graph_index import (
    ATTENDANCE_ROLES,
    ORG_KINDS,
    AnnotationInfo,
    DecisionInfo,
    DocumentInfo,
    GraphIndex,
    ItemInfo,
    MeetingInfo,
    index_graph,
    local_name,
    organisation_kind,
)
from .loading import StoreReader, load_graph, load_graph_file, load_index_file

__all__ = [
    "ATTENDANCE_ROLES", "AnnotationInfo", "DecisionInfo", "DocumentInfo", "GraphIndex", "ItemInfo", "MeetingInfo", "NETWORKS", "ORG_KINDS",
    "collaboration_network", "index_graph", "load_graph", "load_graph_file", "load_index_file", "StoreReader", "GraphFileError", "organisation_kind",
    "people_organisation_network", "presenter_network",
]


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
            item.iri, label=item.title or local_name(item.iri), type="item", kind="item",
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
