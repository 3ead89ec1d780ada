"""The detail panels of a view: for each node and link, the rows that state it, each with the quotes
(and links into the document pages) behind it; and a view's panel of decisions."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .canvas import shortened
from .documents import (
    DECISIONS_MAX,
    DETAIL_ROWS,
    QUOTE_MAX,
    anchor_id,
    annotation_href,
)
from .graph_index import local_name
from .network import GraphIndex


def view_details(g: nx.Graph, idx: GraphIndex, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The detail panels of a view's nodes and edges (by vis id) with the rows they share and the
    quotes they cite; and the view's decisions panel with its own quotes.

    Two blocks, because the page draws the decisions at once but parses the panels only on the
    first click: on a view of 2,000 minutes they are three quarters of the page."""
    details = Details(idx)
    nodes = {n: details.node(n, a.get("kind", "")) for n, a in g.nodes(data=True)}
    edges = {e["id"]: details.edge(g, e["from"], e["to"]) for e in data["edges"]}
    panels = {"nodes": nodes, "edges": edges, "shared": details.shared, "quotes": details.annotations}
    own = Details(idx)
    decisions = own.decisions_panel(g)
    return panels, {"decisions": decisions, "quotes": own.annotations}
class Details:
    """The detail panels of one view: for each node and edge, sections of rows, each row with the
    annotations (quote and link into the document page) that state it."""

    def __init__(self, idx: GraphIndex) -> None:
        self.idx = idx
        self.annotations: dict[str, list[str]] = {}      # anchor -> [href, quote]
        self.shared: list[dict[str, Any]] = []           # rows many panels list (a meeting's decisions)
        self._shared_at: dict[tuple[str, tuple[str, ...]], int] = {}
        self._person_meetings: dict[str, set[str]] = defaultdict(set)
        self._presented: dict[str, list[str]] = defaultdict(list)
        self._members: dict[str, list[str]] = defaultdict(list)
        self._member_of: dict[str, list[str]] = defaultdict(list)
        self._mentioned_in: dict[str, list[str]] = defaultdict(list)
        self._held: dict[str, list[str]] = defaultdict(list)
        self._decisions_of_meeting: dict[str, list[str]] = defaultdict(list)
        self._decisions_of_item: dict[str, list[str]] = defaultdict(list)
        for m in sorted(idx.meetings.values(), key=lambda m: (m.date or "", m.iri)):
            for p in m.attendance:
                self._person_meetings[p].add(m.iri)
            if m.body:
                self._held[m.body].append(m.iri)
        for i in sorted(idx.items.values(), key=lambda i: (idx.item_date(i.iri) or "", i.iri)):
            for p in i.presenters:
                self._presented[p].append(i.iri)
                if i.meeting:
                    self._person_meetings[p].add(i.meeting)
            for o in i.mentions:
                self._mentioned_in[o].append(i.iri)
        for member, org in sorted(idx.memberships):
            self._members[org].append(member)
            self._member_of[member].append(org)
        for d in sorted(idx.decisions.values(), key=lambda d: (self._date(d.meeting), d.iri)):
            if d.meeting:
                self._decisions_of_meeting[d.meeting].append(d.iri)
            if d.item:
                self._decisions_of_item[d.item].append(d.iri)

    def _date(self, meeting: str | None) -> str:
        info = self.idx.meetings.get(meeting or "")
        return info.date or "" if info else ""

    def _refs(self, annotations: list[str]) -> list[str]:
        refs = []
        for a in annotations:
            if a not in self.idx.annotations:
                continue
            anchor = anchor_id(a)
            if anchor not in self.annotations:
                self.annotations[anchor] = [annotation_href(self.idx, a),
                                            shortened(self.idx.annotations[a].exact, QUOTE_MAX)]
            refs.append(anchor)
        return refs

    def _section(self, title: str, rows: list[tuple[str, list[str]]], shared: bool = False) -> dict[str, Any] | None:
        """A panel's section; with ``shared``, each row is written once in ``self.shared`` and the
        section refers to it (``{"r": k}``): a meeting's decisions are listed for every attendee."""
        if not rows:
            return None
        shown = [self._shared_row(text, found) if shared else {"t": text, "a": self._refs(found)}
                 for text, found in rows[:DETAIL_ROWS]]
        return {"title": title, "rows": shown, "more": max(0, len(rows) - DETAIL_ROWS)}

    def _shared_row(self, text: str, found: list[str]) -> dict[str, int]:
        key = (text, tuple(found))
        if key not in self._shared_at:
            self._shared_at[key] = len(self.shared)
            self.shared.append({"t": text, "a": self._refs(found)})
        return {"r": self._shared_at[key]}

    def _sections(self, *sections: dict[str, Any] | None) -> list[dict[str, Any]]:
        return [s for s in sections if s]

    def decision_rows(self, decisions: Iterable[str]) -> list[tuple[str, list[str]]]:
        idx = self.idx
        rows = []
        for d in decisions:
            info = idx.decisions[d]
            where = idx.meeting_label(info.meeting) if info.meeting else ""
            rows.append((f"{where}: {shortened(info.text, 160)}" if where else shortened(info.text, 160),
                         idx.evidence.get(d, [])))
        return rows

    def node(self, n: str, kind: str) -> list[dict[str, Any]]:
        idx = self.idx
        if n in idx.persons:
            roles = []
            for m in sorted(self._person_meetings[n], key=lambda m: (self._date(m), m)):
                info = idx.meetings[m]
                mine = sorted(info.attendance.get(n, ()))
                if not mine:
                    continue
                found = [a for r in mine for a in idx.link_evidence.get((m, r, n), [])]
                roles.append((f"{', '.join(mine)} · {idx.meeting_label(m)}", found))
            orgs = [(idx.label(o), idx.link_evidence.get((n, "memberOf", o), [])) for o in self._member_of[n]]
            items = [(f"{idx.items[i].title or local_name(i)} · {self._where(i)}",
                      idx.link_evidence.get((i, "presenter", n)) or idx.evidence.get(i, []))
                     for i in self._presented[n]]
            decisions = [d for m in sorted(self._person_meetings[n], key=lambda m: (self._date(m), m))
                         for d in self._decisions_of_meeting[m]]
            return self._sections(self._section("Roles in meetings", roles),
                                  self._section("Organisations", orgs),
                                  self._section("Items presented", items),
                                  self._section("Decisions of their meetings", self.decision_rows(decisions), True))
        if n in idx.items:
            info = idx.items[n]
            return self._sections(
                self._section("Agenda item", [(f"{info.title or local_name(n)} · {self._where(n)}",
                                               idx.evidence.get(n, []))]),
                self._section("Presented by", [(idx.label(p), idx.link_evidence.get((n, "presenter", p), []))
                                               for p in sorted(info.presenters, key=idx.label)]),
                self._section("Decisions", self.decision_rows(self._decisions_of_item[n]), True))
        if n in idx.meetings:
            info = idx.meetings[n]
            people = [(f"{idx.label(p)}: {', '.join(sorted(r))}",
                       [a for role in sorted(r) for a in idx.link_evidence.get((n, role, p), [])])
                      for p, r in sorted(info.attendance.items(), key=lambda pr: idx.label(pr[0]))]
            return self._sections(
                self._section("Meeting", [(idx.meeting_label(n), idx.evidence.get(n, []))]),
                self._section("People", people),
                self._section("Decisions", self.decision_rows(self._decisions_of_meeting[n]), True))
        # an organisation
        collaborations = []
        for pair in sorted(idx.stated_collaborations, key=sorted):
            if n in pair and len(pair) == 2:
                other = next(o for o in pair if o != n)
                found = idx.link_evidence.get((n, "collaboratesWith", other), []) + \
                    idx.link_evidence.get((other, "collaboratesWith", n), [])
                collaborations.append((idx.label(other), sorted(set(found))))
        return self._sections(
            self._section("Members", [(idx.label(m), idx.link_evidence.get((m, "memberOf", n), []))
                                      for m in self._members[n]]),
            self._section("Collaborations stated", collaborations),
            self._section("Meetings held", [(idx.meeting_label(m), idx.evidence.get(m, [])) for m in self._held[n]]),
            self._section("Named in agenda items", [(f"{idx.items[i].title or local_name(i)} · {self._where(i)}",
                                                     idx.evidence.get(i, [])) for i in self._mentioned_in[n]]),
            self._section("Decisions of its meetings", self.decision_rows(
                d for m in self._held[n] for d in self._decisions_of_meeting[m]), True))

    def _where(self, item: str) -> str:
        meeting = self.idx.items[item].meeting
        return self.idx.meeting_label(meeting) if meeting in self.idx.meetings else "no meeting"

    def edge(self, g: nx.Graph, u: str, v: str) -> list[dict[str, Any]]:
        idx, a = self.idx, g.edges[u, v]
        relation = a.get("relation")
        if relation is None:   # collaboration
            stated = sorted(set(idx.link_evidence.get((u, "collaboratesWith", v), []) +
                                idx.link_evidence.get((v, "collaboratesWith", u), [])))
            rows = [(f"{idx.label(u)} collaborates with {idx.label(v)}", stated)] if stated else []
            items = [(f"{r['date'] or 'undated'} {r['title']}", idx.evidence.get(r["iri"], []))
                     for r in a.get("items", [])]
            return self._sections(self._section("Stated collaboration", rows),
                                  self._section("Shared agenda items", items))
        if relation == "presents":
            return self._sections(self._section(
                "Presents", [(f"{idx.label(u)} presents {idx.items[v].title if v in idx.items else ''}",
                              idx.link_evidence.get((v, "presenter", u), []))]))
        if relation == "attendance":
            roles = a.get("roles", [])
            return self._sections(self._section(
                "Attendance", [(f"{idx.label(u)}: {role} · {idx.meeting_label(v)}",
                                idx.link_evidence.get((v, role, u), [])) for role in roles]))
        if relation == "memberOf":
            return self._sections(self._section(
                "Membership", [(f"{idx.label(u)} member of {idx.label(v)}",
                                idx.link_evidence.get((u, "memberOf", v), []))]))
        if relation == "heldBy":
            meeting = idx.items[u].meeting if u in idx.items else u
            return self._sections(self._section(
                "Meeting", [(f"{idx.meeting_label(meeting)} held by {idx.label(v)}",
                             idx.evidence.get(meeting or "", []))]))
        return self._sections(self._section(relation, [(f"{idx.label(u)} – {idx.label(v)}", [])]))

    def decisions_panel(self, g: nx.Graph) -> list[dict[str, Any]]:
        """The decisions that concern the view's nodes, newest first, each with its words."""
        idx = self.idx
        wanted = []
        for d in idx.decisions.values():
            meeting = idx.meetings.get(d.meeting or "")
            item = idx.items.get(d.item or "")
            near = {d.item, d.meeting, meeting.body if meeting else None}
            if item:
                near |= item.mentions | item.presenters
            if meeting:
                near |= set(meeting.attendance)
            if any(x in g for x in near if x):
                wanted.append(d)
        wanted.sort(key=lambda d: (self._date(d.meeting), d.iri), reverse=True)
        return [{"date": self._date(d.meeting), "where": idx.meeting_label(d.meeting) if d.meeting else "",
                 "text": shortened(d.text, 300), "a": self._refs(idx.evidence.get(d.iri, []))}
                for d in wanted[:DECISIONS_MAX]]
