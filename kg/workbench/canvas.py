"""What a view draws: the nodes and links of a network in vis-network's shape, their colours and
shapes by kind (the one palette, also of the Gephi exports), tooltips, layout options, and the
legend. Counts behind the tooltips are made once per graph (Tallies)."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

import networkx as nx

from .network import ORG_KINDS, GraphIndex

LARGE = 500          # nodes: above this, cheaper drawing (no smooth edges, hide edges on drag)
DRAWN_MAX = 500      # nodes a page draws by default (top by degree); the rest behind search and filters
LABEL_MAX = 48       # characters of an item title shown on the canvas (the tooltip has all of it)
TOOLTIP_ITEMS = 15   # evidence lines listed in an edge's tooltip
SEED = 7             # vis-network layout seed: the same graph is laid out the same way
NEIGHBOURS_PER_HUB = 4   # neighbours drawn with each well-linked node by default (see _ranks)
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    "administration": ("#1f77b4", "dot", "administration (förvaltning)"),
    "board": ("#d62728", "dot", "board (nämnd, styrelse)"),
    "municipality": ("#2ca02c", "dot", "municipality (kommun)"),
    "region": ("#98df8a", "dot", "region"),
    "authority": ("#8c564b", "dot", "authority (myndighet)"),
    "party": ("#e377c2", "dot", "party"),
    "university": ("#17becf", "dot", "university (lärosäte)"),
    "group": ("#9467bd", "dot", "group (grupp)"),
    "company": ("#bcbd22", "dot", "company"),
    "external": ("#7f7f7f", "dot", "other organisation"),
    # Kinds outside the ontology's list that a graph may still state.
    "unit": ("#aec7e8", "dot", "unit (avdelning, enhet)"),
    "network": ("#c5b0d5", "dot", "network (nätverk)"),
    "association": ("#c49c94", "dot", "association (förbund, förening)"),
    "court": ("#e7969c", "dot", "court (domstol)"),
    "other": ("#c7c7c7", "dot", "other"),
    "person": ("#ff7f0e", "triangle", "person"),
    "item": ("#f2c14e", "square", "agenda item"),
    "meeting": ("#6baed6", "diamond", "meeting"),
}
_KIND_ORDER = ("person", "item", "meeting", *ORG_KINDS, "unit", "network", "association", "court", "other")
_SPARE_COLOURS = ("#dbdb8d", "#9edae5", "#f7b6d2", "#ffbb78", "#98df8a", "#ff9896")


def _style(kind: str) -> tuple[str, str, str]:
    """Colour, shape and legend text of a kind; a kind nobody foresaw still gets a stable colour."""
    if kind in KIND_STYLE:
        return KIND_STYLE[kind]
    spare = _SPARE_COLOURS[int(hashlib.sha1(kind.encode("utf-8")).hexdigest(), 16) % len(_SPARE_COLOURS)]
    return spare, "dot", kind


def shortened(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class Tallies:
    """Counts behind the tooltips, made once per graph (a tooltip must not scan the graph)."""

    def __init__(self, idx: GraphIndex) -> None:
        self.idx = idx
        self.roles: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.meetings: dict[str, int] = defaultdict(int)
        self.orgs: dict[str, list[str]] = defaultdict(list)
        self.members: dict[str, int] = defaultdict(int)
        self.presented: dict[str, int] = defaultdict(int)
        self.held: dict[str, int] = defaultdict(int)
        self.stated: dict[str, int] = defaultdict(int)
        self.decisions: dict[str, int] = defaultdict(int)      # meeting or item -> decisions
        for m in idx.meetings.values():
            if m.body:
                self.held[m.body] += 1
            for p, rs in m.attendance.items():
                self.meetings[p] += 1
                for r in rs:
                    self.roles[p][r] += 1
                    self.roles[m.iri][r] += 1
        for member, o in sorted(idx.memberships):
            self.orgs[member].append(idx.label(o))
            self.members[o] += 1
        for i in idx.items.values():
            for p in i.presenters:
                self.presented[p] += 1
        for pair in idx.stated_collaborations:
            for o in pair:
                self.stated[o] += 1
        for d in idx.decisions.values():
            for holder in {d.meeting, d.item} - {None}:
                self.decisions[holder] += 1

    def person(self, n: str) -> list[str]:
        """Roles (with how many meetings), organisations and items presented."""
        lines = []
        if self.meetings[n]:
            k = self.meetings[n]
            lines.append(f"in {k} meeting{'s' if k != 1 else ''}: {_counted(self.roles[n])}")
        orgs = sorted(set(self.orgs[n]))
        if orgs:
            lines.append("organisations: " + ", ".join(orgs[:6]) + (f" and {len(orgs) - 6} more" if len(orgs) > 6 else ""))
        if self.presented[n]:
            k = self.presented[n]
            lines.append(f"presented {k} agenda item{'s' if k != 1 else ''}")
        return lines

    def organisation(self, n: str) -> list[str]:
        parts = [_plural(self.members[n], "member"), _plural(self.held[n], "meeting held"),
                 f"collaboration stated with {self.stated[n]}" if self.stated[n] else ""]
        return [" · ".join(p for p in parts if p)] if any(parts) else []

    def meeting(self, n: str) -> list[str]:
        info = self.idx.meetings.get(n)
        if info is None:
            return []
        lines = [f"{_plural(len(info.items), 'agenda item') or 'no agenda items'}, "
                 f"{_plural(self.decisions[n], 'decision') or 'no decisions'}"]
        if self.roles[n]:
            lines.append(_counted(self.roles[n]))
        return lines


def _plural(k: int, noun: str) -> str:
    """"3 agenda items", "1 meeting held"; "" for none. The word before any "held" takes the s."""
    if not k:
        return ""
    words = noun.split(" ")
    at = len(words) - 1 - (words[-1] == "held")
    if k != 1:
        words[at] += "s"
    return f"{k} " + " ".join(words)


def _node_tooltip(g: nx.Graph, n: str, tallies: Tallies | None = None) -> str:
    """Plain text: the name, then what it is in the graph (roles, organisations, counts)."""
    a = g.nodes[n]
    lines = [a["label"]]
    kind = a.get("kind", "")
    idx = tallies.idx if tallies is not None else None
    if idx is not None and n in idx.persons:
        lines += tallies.person(n)
    elif idx is not None and kind == "meeting":
        lines += tallies.meeting(n)
    elif idx is not None and a.get("type") == "organisation":
        lines += [_style(kind)[2], *tallies.organisation(n)]
    if a.get("type") == "organisation" and idx is None:
        lines.append(_style(kind)[2])
        if a.get("alt_labels"):
            lines.append("also: " + ", ".join(a["alt_labels"]))
        if "items" in a:
            lines.append(f"named in {a['items']} agenda item(s)")
    elif kind == "item":
        where = " · ".join(x for x in (f"§ {a['ordinal']}" if a.get("ordinal") is not None else "",
                                       ", ".join(a.get("dates", []))) if x)
        if where:
            lines.append(where)
        if idx is not None and n in idx.items:
            info = idx.items[n]
            if info.meeting in idx.meetings:
                lines.append(idx.meeting_label(info.meeting))
            if info.presenters:
                lines.append("presented by " + ", ".join(sorted(idx.label(p) for p in info.presenters)))
            if tallies.decisions[n]:
                lines.append(_plural(tallies.decisions[n], "decision"))
    if a.get("type") == "organisation" and idx is not None:
        if a.get("alt_labels"):
            lines.append("also: " + ", ".join(a["alt_labels"]))
        if "items" in a:
            lines.append(f"named in {a['items']} agenda item{'s' if a['items'] != 1 else ''}")
    if a.get("dates") and kind not in ("item", "meeting"):
        first, last = a["dates"][0], a["dates"][-1]
        lines.append(f"dates: {first}" + (f" to {last}" if last != first else ""))
    degree = g.degree(n)
    noun = {"collaboration": "organisation"}.get(g.graph.get("name", ""), "link")
    lines.append(f"{degree} {noun}{'s' if degree != 1 else ''} in this view · click for details")
    return "\n".join(lines)


def _edge_tooltip(g: nx.Graph, u: str, v: str) -> str:
    a = g.edges[u, v]
    lu, lv = g.nodes[u]["label"], g.nodes[v]["label"]
    relation = a.get("relation")
    if relation is None:   # collaboration
        items = a.get("items", [])
        head = f"{lu} – {lv}\n{a.get('weight', 1)} shared agenda item(s)"
        if a.get("stated"):
            head += "; collaboration stated in the graph"
        lines = [head] + [f"{r['date'] or 'undated'}  {r['title']}" for r in items[:TOOLTIP_ITEMS]]
        if len(items) > TOOLTIP_ITEMS:
            lines.append(f"… and {len(items) - TOOLTIP_ITEMS} more")
        return "\n".join(lines)
    if relation == "attendance":
        return f"{lu}: {', '.join(a.get('roles', []))}\n{lv}"
    verb = {"presents": "presents", "heldBy": "held by", "memberOf": "member of",
            "subOrganizationOf": "part of"}.get(relation, relation)
    return f"{lu}\n{verb}\n{lv}"


def _options(n_nodes: int, directed: bool) -> dict[str, Any]:
    """vis-network options: stabilise once (bounded iterations), the page then freezes physics."""
    large = n_nodes > LARGE
    # Layout time grows with nodes x iterations; past LARGE, fewer iterations and no overlap
    # avoidance keep a 2,500-node view to seconds instead of minutes (measured in Chromium).
    iterations = 600 if not large else 200 if n_nodes <= 2000 else 100
    return {
        "autoResize": True,
        "layout": {"randomSeed": SEED, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "springConstant": 0.03,
                          "damping": 0.25, "avoidOverlap": 0 if large else 0.2},
            "stabilization": {"enabled": True, "iterations": iterations,
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": not large, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False, "navigationButtons": False},
        "nodes": {
            "shape": "dot",
            "scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 12, "max": 22,
                                                        "drawThreshold": 7}},
            "font": {"size": 14, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "color": {"color": "#9aa7b4", "highlight": "#333333", "hover": "#555555", "inherit": False},
            "scaling": {"min": 1, "max": 10},
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
        },
    }


def _canvas_label(a: dict[str, Any]) -> str:
    """The label drawn on the canvas: shortened, but a meeting keeps its date."""
    label = a["label"]
    dates = a.get("dates") or []
    if a.get("kind") == "meeting" and dates and label.endswith(" " + dates[0]):
        return shortened(label[: -len(dates[0]) - 1], LABEL_MAX - len(dates[0]) - 1) + " " + dates[0]
    return shortened(label)


def _ranks(g: nx.Graph) -> dict[str, int]:
    """Node -> its place in the drawing order (0 first), which the page cuts at its limit.

    The best-linked nodes come first, each followed by up to ``NEIGHBOURS_PER_HUB`` of its
    neighbours not yet placed (those linked to most of the nodes already placed, then the
    best-linked), so that what a page draws is connected: ranked by links alone, the first 500
    nodes of the presenters' view were bodies and presenters with none of the items between them,
    and drew no link at all. Ties go by label then IRI, so the drawing is stable."""
    weighted = not g.is_directed()
    degree = {n: g.degree(n, weight="weight") if weighted else g.degree(n) for n in g}
    labels = {n: g.nodes[n]["label"].casefold() for n in g}
    if g.is_directed():
        adjacent = {n: set(g.predecessors(n)) | set(g.successors(n)) for n in g}
    else:
        adjacent = {n: set(g.neighbors(n)) for n in g}
    placed: dict[str, int] = {}
    for hub in sorted(g.nodes, key=lambda n: (-degree[n], labels[n], n)):
        placed.setdefault(hub, len(placed))
        free = [m for m in adjacent[hub] if m not in placed]
        if not free:
            continue
        links = {m: sum(1 for x in adjacent[m] if x in placed) for m in free}
        for m in sorted(free, key=lambda m: (-links[m], -degree[m], labels[m], m))[:NEIGHBOURS_PER_HUB]:
            placed[m] = len(placed)
    return placed


def vis_data(g: nx.Graph, idx: GraphIndex | None = None, tallies: Tallies | None = None) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, in the networkx graph's (sorted) order."""
    directed = g.is_directed()
    if tallies is None and idx is not None:
        tallies = Tallies(idx)
    ranks = _ranks(g)
    # The node and edge objects pyvis's Network.add_node / add_edge make, made here: both check
    # membership in a list (add_edge twice per edge), quadratic, which took minutes on the
    # 30,000 nodes and 41,000 links of 2,000 synthetic minutes. networkx holds each edge once.
    weighted = not directed
    nodes, edges = [], []
    for n, a in g.nodes(data=True):
        color, shape, _ = _style(a.get("kind", "external"))
        size = g.degree(n, weight="weight") if weighted else g.degree(n)
        nodes.append({
            "id": n, "label": _canvas_label(a), "shape": shape, "name": a["label"],
            "title": _node_tooltip(g, n, tallies), "color": color, "value": 1 + size,
            "kind": a.get("kind", "external"), "dates": list(a.get("dates", [])),
            "alt_labels": list(a.get("alt_labels", [])), "rank": ranks[n],
        })
    for k, (u, v, a) in enumerate(g.edges(data=True)):
        edge: dict[str, Any] = {"from": u, "to": v, "id": f"e{k}", "title": _edge_tooltip(g, u, v),
                                "dates": list(a.get("dates", [])), "arrows": "to" if directed else ""}
        if weighted:
            edge["value"] = a.get("weight", 1)
        if a.get("relation") == "attendance" and set(a.get("roles", [])) == {"absentee"}:
            edge["dashes"] = True
        edges.append(edge)
    # Layout options follow the whole network: a reader may raise the drawing limit to all of it.
    return {"nodes": nodes, "edges": edges, "limit": DRAWN_MAX,
            "options": _options(g.number_of_nodes(), directed)}
def legend(g: nx.Graph) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for _, kind in g.nodes(data="kind"):
        counts[kind or "external"] = counts.get(kind or "external", 0) + 1
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    return [
        {"kind": k, "color": _style(k)[0], "shape": _style(k)[1], "label": _style(k)[2], "count": c}
        for k, c in sorted(counts.items(), key=lambda kc: (order.get(kc[0], len(order)), kc[0]))
    ]
