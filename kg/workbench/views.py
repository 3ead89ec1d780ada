"""Interactive network views: one self-contained HTML page per network, plus an index.

``kg views --graph graph.ttl --out DIR`` writes ``collaboration.html``, ``presenters.html``,
``people_organisations.html``, one ``docs/<document>.html`` per source document (its text with every
annotated span anchored and coloured by kind) and ``index.html``. Each view has a legend that
doubles as a filter by kind, a name search, a date range, an ego view (``?focus=``), a detail panel
per node and link that quotes the words behind it and links to them in the document page, and a
layout that is stabilised once and then frozen. A page draws at most ``DRAWN_MAX`` nodes (the
best-linked, each with a few neighbours, so that what is drawn is connected) and says how many more
are behind the filters, so that large graphs stay responsive; the detail panels, most of a large
page, are parsed on the first click.

Why not pyvis's own page template: even with ``cdn_resources="in_line"`` it links Bootstrap from a
CDN, and with a tooltip that contains "href" it switches to ``innerHTML`` popups; and its
``add_node``/``add_edge`` are quadratic. The nodes and edges are made here in the shape pyvis gives
them, the page comes from ``kg/resources/views/``, with vis-network (as shipped inside pyvis)
inlined, so a view opens offline and writes nothing outside ``--out``.

Names and titles come from documents and are untrusted. They reach the page only inside a JSON
block (``tojson`` escapes ``<``, ``>``, ``&`` and ``'``), and the page shows them as text: through
``textContent`` and vis-network's plain-text tooltips, never as markup.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from rdflib import Graph

from .network import NETWORKS, ORG_KINDS, AnnotationInfo, GraphIndex, index_graph

__all__ = ["VIEWS", "ViewSpec", "anchor_id", "document_slug", "highlighted_text",
           "render_document", "render_index", "render_view", "vis_data", "write_documents",
           "write_views"]

TEMPLATES = Path(__file__).parent.parent / "resources" / "views"
LARGE = 500          # nodes: above this, cheaper drawing (no smooth edges, hide edges on drag)
DRAWN_MAX = 500      # nodes a page draws by default (top by degree); the rest behind search and filters
LABEL_MAX = 48       # characters of an item title shown on the canvas (the tooltip has all of it)
TOOLTIP_ITEMS = 15   # evidence lines listed in an edge's tooltip
SEED = 7             # vis-network layout seed: the same graph is laid out the same way
NEIGHBOURS_PER_HUB = 4   # neighbours drawn with each well-linked node by default (see _ranks)


def _vis_dir() -> Path:
    """The newest vis-network that pyvis ships (9.1.2 in pyvis 0.3.2)."""
    found = sorted((Path(pyvis.__file__).parent / "templates" / "lib").glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise RuntimeError("pyvis ships no vis-network library; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    return found[-1].parent


@dataclass(frozen=True)
class ViewSpec:
    name: str            # file stem and key in kg.workbench.network.NETWORKS
    title: str
    description: str
    edge_note: str


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "collaboration", "Collaboration between organisations",
        "Organisations named together in the same agenda item, or stated to collaborate.",
        "A link's width is the number of agenda items the two share; hover it to list them.",
    ),
    ViewSpec(
        "presenters", "Who presents on what",
        "People who presented agenda items, the items, and the bodies whose meetings they came before.",
        "Arrows: person → item presented → body that held the meeting.",
    ),
    ViewSpec(
        "people_organisations", "People and organisations",
        "People, the organisations they belong to, and the meetings they attended (or were absent from).",
        "Arrows: person → organisation (member), person → meeting (dashed: absent) → body that met.",
    ),
)

# kind -> (colour, vis shape, legend label). Colour-blind-safe-ish palette, shapes tell types apart.
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


def _short(text: str, limit: int = LABEL_MAX) -> str:
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
        return _short(label[: -len(dates[0]) - 1], LABEL_MAX - len(dates[0]) - 1) + " " + dates[0]
    return _short(label)


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


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]),
                       keep_trailing_newline=True)


def _vis_assets() -> tuple[Markup, Markup]:
    vis = _vis_dir()
    js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    css = (vis / "vis-network.css").read_text(encoding="utf-8")
    # An inline script ends at the first "</script"; the library has none, but make sure.
    return Markup(js.replace("</script", "<\\/script")), Markup(css.replace("</style", "<\\/style"))


def _legend(g: nx.Graph) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for _, kind in g.nodes(data="kind"):
        counts[kind or "external"] = counts.get(kind or "external", 0) + 1
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    return [
        {"kind": k, "color": _style(k)[0], "shape": _style(k)[1], "label": _style(k)[2], "count": c}
        for k, c in sorted(counts.items(), key=lambda kc: (order.get(kc[0], len(order)), kc[0]))
    ]


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


def render_view(spec: ViewSpec, g: nx.Graph, idx: GraphIndex | None = None, tallies: Tallies | None = None) -> str:
    """The HTML page of one network (a string; writing it is the caller's job)."""
    js, css = _vis_assets()
    dates = sorted({d for _, ds in g.nodes(data="dates") for d in (ds or [])})
    data = vis_data(g, idx, tallies)
    details, decisions = view_details(g, idx, data) if idx is not None else (
        {"nodes": {}, "edges": {}, "shared": [], "quotes": {}}, {"decisions": [], "quotes": {}})
    return _environment().get_template("view.html.j2").render(
        name=spec.name, title=spec.title, description=spec.description, edge_note=spec.edge_note,
        legend=_legend(g), data=data, details=details, decisions=decisions, vis_js=js, vis_css=css,
        date_min=dates[0] if dates else "", date_max=dates[-1] if dates else "",
    )


def render_index(entries: list[dict[str, Any]], source: str, documents: list[dict[str, str]] | None = None) -> str:
    """The index page: one entry per view with ``file``, ``title``, ``description``, ``nodes``, ``edges``,
    then the document pages."""
    return _environment().get_template("index.html.j2").render(views=entries, source=source,
                                                               documents=documents or [])


def write_views(source: Graph | GraphIndex, out_dir: str | Path, source_name: str = "the graph") -> list[Path]:
    """Write every view and the index into ``out_dir``; returns the files written, index last."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    idx = source if isinstance(source, GraphIndex) else index_graph(source)
    written: list[Path] = []
    entries: list[dict[str, Any]] = []
    tallies = Tallies(idx)
    for spec in VIEWS:
        g = NETWORKS[spec.name](idx)
        path = out / f"{spec.name}.html"
        path.write_text(render_view(spec, g, idx, tallies), encoding="utf-8")
        written.append(path)
        entries.append({"file": path.name, "title": spec.title, "description": spec.description,
                        "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                        "drawn": min(g.number_of_nodes(), DRAWN_MAX)})
    documents = write_documents(idx, out)
    written += documents
    doc_entries = [{"file": f"docs/{p.name}", "title": idx.documents[d].identifier}
                   for d, p in zip(sorted(d for d, i in idx.documents.items() if i.text), documents)]
    index = out / "index.html"
    index.write_text(render_index(entries, source_name, doc_entries), encoding="utf-8")
    written.append(index)
    return written


# ---------------------------------------------------------------------------------------------
# The words behind the facts: one page per source document, and the detail panels that link to it
# ---------------------------------------------------------------------------------------------

DETAIL_ROWS = 30     # rows per section of a detail panel (the rest is counted, not listed)
QUOTE_MAX = 400      # characters of a quote in a panel (the document page has all of it)
DECISIONS_MAX = 300  # decisions listed in a view's decisions panel
ROLE_LINKS = ("chair", "attendee", "substitute", "minuteTaker", "adjuster", "absentee", "presenter",
              "recusedPerson", "memberOf")
# Span kinds on a document page, in the order they win when one span is several things.
SPAN_KINDS: dict[str, str] = {
    "decision": "decision", "item": "agenda item", "meeting": "meeting", "role": "role link",
    "person": "person", "organisation": "organisation", "project": "project", "other": "other fact",
}


@functools.cache
def _slug(text: str) -> str:
    """A file name or HTML id from an IRI's local name: only safe characters, stable."""
    local = _local_name(text)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", local).strip("-")[:80]
    if safe != local or not safe:
        safe = f"{safe}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}".lstrip("-")
    return safe


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1] or iri


def document_slug(doc_iri: str) -> str:
    return _slug(doc_iri)


def anchor_id(annotation_iri: str) -> str:
    return "a-" + _slug(annotation_iri)


def annotation_href(idx: GraphIndex, annotation_iri: str) -> str:
    """Where a view links for the words of a fact: ``docs/<slug>.html#<anchor>``."""
    a = idx.annotations[annotation_iri]
    return f"docs/{document_slug(a.document)}.html#{anchor_id(annotation_iri)}"


def _span_kinds(idx: GraphIndex) -> dict[str, str]:
    """Annotation IRI -> the kind of fact its span is coloured as (see SPAN_KINDS)."""
    kinds: dict[str, str] = {}
    order = {k: i for i, k in enumerate(SPAN_KINDS)}

    def mark(a: str, kind: str) -> None:
        if order[kind] < order.get(kinds.get(a, "other"), len(order)):
            kinds[a] = kind

    for a in idx.annotations.values():
        for body in a.bodies:
            if body in idx.persons:
                mark(a.iri, "person")
            elif body in idx.organisations:
                mark(a.iri, "organisation")
            elif body in idx.projects:
                mark(a.iri, "project")
        kinds.setdefault(a.iri, "other")
    for node, found in idx.evidence.items():
        kind = ("decision" if node in idx.decisions else "item" if node in idx.items
                else "meeting" if node in idx.meetings else None)
        for a in found:
            if kind:
                mark(a, kind)
    for (_, link, _), found in idx.link_evidence.items():
        if link in ROLE_LINKS:
            for a in found:
                mark(a, "role")
    return kinds


def _span_titles(idx: GraphIndex) -> dict[str, list[str]]:
    """Annotation IRI -> the facts it states, as short plain-text lines (the span's tooltip)."""
    titles: dict[str, list[str]] = defaultdict(list)
    for a in idx.annotations.values():
        for body in a.bodies:
            if body in idx.persons or body in idx.organisations or body in idx.projects:
                titles[a.iri].append(idx.label(body))
    for node, found in idx.evidence.items():
        line = _node_phrase(idx, node)
        for a in found:
            titles[a].append(line)
    for (s, link, o), found in idx.link_evidence.items():
        line = f"{idx.label(o) if link != 'memberOf' and link != 'collaboratesWith' else idx.label(s)}"
        line = {"memberOf": f"{idx.label(s)} member of {idx.label(o)}",
                "collaboratesWith": f"{idx.label(s)} collaborates with {idx.label(o)}"}.get(
            link, f"{idx.label(o)}: {link} of {_node_phrase(idx, s)}")
        for a in found:
            titles[a].append(line)
    return titles


def _node_phrase(idx: GraphIndex, node: str) -> str:
    if node in idx.decisions:
        return "decision: " + _short(idx.decisions[node].text, 80)
    if node in idx.items:
        return "item: " + _short(idx.items[node].title or _local_name(node), 80)
    if node in idx.meetings:
        return "meeting: " + idx.meeting_label(node)
    return idx.label(node)


def highlighted_text(text: str, spans: list[tuple[int, int, str, str, str]]) -> Markup:
    """``text`` as HTML with each span ``(start, end, anchor, kind, title)`` wrapped in ``<span>``.

    Spans nest; one that crosses another is closed and reopened, and only its first piece carries
    the ``id``. Every piece carries ``data-a`` = the anchor, so the pieces of an annotation read
    together give its exact words. All text is escaped."""
    ordered = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    cuts = sorted({0, len(text), *(s[0] for s in ordered), *(s[1] for s in ordered)})
    starts: dict[int, list[tuple[int, int, str, str, str]]] = defaultdict(list)
    for s in ordered:
        starts[s[0]].append(s)
    out: list[str] = []
    stack: list[tuple[int, int, str, str, str]] = []

    def open_tag(s: tuple[int, int, str, str, str], first: bool) -> str:
        _, _, anchor, kind, title = s
        head = f'<span id="{escape(anchor)}" ' if first else "<span "
        return head + f'class="f k-{escape(kind)}" data-a="{escape(anchor)}" title="{escape(title)}">'

    for k, p in enumerate(cuts):
        if any(s[1] == p for s in stack):
            lowest = min(i for i, s in enumerate(stack) if s[1] == p)
            reopen = [s for s in stack[lowest:] if s[1] != p]
            out.append("</span>" * (len(stack) - lowest))
            del stack[lowest:]
            for s in reopen:
                out.append(open_tag(s, first=False))
                stack.append(s)
        for s in starts.get(p, ()):
            out.append(open_tag(s, first=True))
            stack.append(s)
        if k + 1 < len(cuts):
            out.append(str(escape(text[p:cuts[k + 1]])))
    out.append("</span>" * len(stack))
    return Markup("".join(out))


def render_document(idx: GraphIndex, doc_iri: str, kinds: dict[str, str], titles: dict[str, list[str]],
                    annotations: Iterable[AnnotationInfo] | None = None) -> str:
    """The page of one source document: its text with every annotated span anchored and coloured."""
    doc = idx.documents[doc_iri]
    spans = []
    counts: dict[str, int] = defaultdict(int)
    for a in idx.annotations.values() if annotations is None else annotations:
        if a.document != doc_iri or a.end > len(doc.text):
            continue
        kind = kinds.get(a.iri, "other")
        counts[kind] += 1
        title = "\n".join(dict.fromkeys([SPAN_KINDS[kind], *titles.get(a.iri, [])]))
        spans.append((a.start, a.end, anchor_id(a.iri), kind, title))
    meetings = sorted(idx.meeting_label(m) for m, d in idx.meeting_documents.items() if d == doc_iri)
    legend = [{"kind": k, "label": label, "count": counts[k]} for k, label in SPAN_KINDS.items() if counts[k]]
    return _environment().get_template("document.html.j2").render(
        identifier=doc.identifier, meetings=meetings, legend=legend, n_spans=len(spans),
        text=highlighted_text(doc.text, spans))


def write_documents(idx: GraphIndex, out: Path) -> list[Path]:
    """One page per source document under ``out/docs``; none when the graph carries no texts."""
    docs = sorted(d for d, info in idx.documents.items() if info.text)
    if not docs:
        return []
    folder = out / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    kinds, titles = _span_kinds(idx), _span_titles(idx)
    by_document: dict[str, list[AnnotationInfo]] = defaultdict(list)
    for a in idx.annotations.values():
        by_document[a.document].append(a)
    written = []
    for d in docs:
        path = folder / f"{document_slug(d)}.html"
        path.write_text(render_document(idx, d, kinds, titles, by_document[d]), encoding="utf-8")
        written.append(path)
    return written


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
                                            _short(self.idx.annotations[a].exact, QUOTE_MAX)]
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
            rows.append((f"{where}: {_short(info.text, 160)}" if where else _short(info.text, 160),
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
            items = [(f"{idx.items[i].title or _local_name(i)} · {self._where(i)}",
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
                self._section("Agenda item", [(f"{info.title or _local_name(n)} · {self._where(n)}",
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
            self._section("Named in agenda items", [(f"{idx.items[i].title or _local_name(i)} · {self._where(i)}",
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
                 "text": _short(d.text, 300), "a": self._refs(idx.evidence.get(d.iri, []))}
                for d in wanted[:DECISIONS_MAX]]
