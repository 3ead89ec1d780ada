"""Interactive network views: one self-contained HTML page per network, plus an index.

``kg views --graph graph.ttl --out DIR`` writes ``collaboration.html``, ``presenters.html``,
``people_organisations.html`` and ``index.html``. Each page has a legend that doubles as a filter
by kind, a name search, a date range, neighbour highlighting on click, and a layout that is
stabilised once and then frozen, so that large views stay responsive.

Why not pyvis's own page template: even with ``cdn_resources="in_line"`` it links Bootstrap from a
CDN, and with a tooltip that contains "href" it switches to ``innerHTML`` popups. pyvis is used to
assemble nodes and edges; the page comes from ``kg/resources/views/``, with vis-network (as shipped
inside pyvis) inlined, so a view opens offline and writes nothing outside ``--out``.

Names and titles come from documents and are untrusted. They reach the page only inside a JSON
block (``tojson`` escapes ``<``, ``>``, ``&`` and ``'``), and the page shows them as text: through
``textContent`` and vis-network's plain-text tooltips, never as markup.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network
from rdflib import Graph

from .network import NETWORKS, ORG_KINDS, GraphIndex, index_graph, GraphFileError, load_graph_file

__all__ = ["VIEWS", "ViewSpec", "configure_parser", "render_index", "render_view", "run_cli",
           "vis_data", "write_views"]

TEMPLATES = Path(__file__).parent / "resources" / "views"
LARGE = 500          # nodes: above this, cheaper drawing (no smooth edges, hide edges on drag)
LABEL_MAX = 48       # characters of an item title shown on the canvas (the tooltip has all of it)
TOOLTIP_ITEMS = 15   # evidence lines listed in an edge's tooltip
SEED = 7             # vis-network layout seed: the same graph is laid out the same way


def _vis_dir() -> Path:
    """The newest vis-network that pyvis ships (9.1.2 in pyvis 0.3.2)."""
    found = sorted((Path(pyvis.__file__).parent / "templates" / "lib").glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise RuntimeError("pyvis ships no vis-network library; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    return found[-1].parent


@dataclass(frozen=True)
class ViewSpec:
    name: str            # file stem and key in kg.network.NETWORKS
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


def _node_tooltip(g: nx.Graph, n: str) -> str:
    a = g.nodes[n]
    lines = [a["label"]]
    kind = a.get("kind", "")
    if a.get("type") == "organisation":
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
    if a.get("dates") and kind != "item":
        first, last = a["dates"][0], a["dates"][-1]
        lines.append(f"dates: {first}" + (f" to {last}" if last != first else ""))
    lines.append(f"{g.degree(n)} link(s)")
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


def vis_data(g: nx.Graph) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, in the networkx graph's (sorted) order."""
    directed = g.is_directed()
    # directed=True skips pyvis's duplicate-edge scan, quadratic in the number of edges;
    # networkx already holds each edge once. Arrows are then set on each edge ("" for none).
    net = Network(directed=True, cdn_resources="in_line")
    weighted = not directed
    for n, a in g.nodes(data=True):
        color, shape, _ = _style(a.get("kind", "external"))
        size = g.degree(n, weight="weight") if weighted else g.degree(n)
        net.add_node(
            n, label=_short(a["label"]), name=a["label"], title=_node_tooltip(g, n), color=color, shape=shape,
            value=1 + size, kind=a.get("kind", "external"), dates=list(a.get("dates", [])),
            alt_labels=list(a.get("alt_labels", [])),
        )
    for k, (u, v, a) in enumerate(g.edges(data=True)):
        extra: dict[str, Any] = {}
        if weighted:
            extra["value"] = a.get("weight", 1)
        if a.get("relation") == "attendance" and set(a.get("roles", [])) == {"absentee"}:
            extra["dashes"] = True
        net.add_edge(u, v, id=f"e{k}", title=_edge_tooltip(g, u, v), dates=list(a.get("dates", [])),
                     arrows="to" if directed else "", **extra)
    return {"nodes": net.nodes, "edges": net.edges, "options": _options(g.number_of_nodes(), directed)}


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


def render_view(spec: ViewSpec, g: nx.Graph) -> str:
    """The HTML page of one network (a string; writing it is the caller's job)."""
    js, css = _vis_assets()
    dates = sorted({d for _, ds in g.nodes(data="dates") for d in (ds or [])})
    return _environment().get_template("view.html.j2").render(
        name=spec.name, title=spec.title, description=spec.description, edge_note=spec.edge_note,
        legend=_legend(g), data=vis_data(g), vis_js=js, vis_css=css,
        date_min=dates[0] if dates else "", date_max=dates[-1] if dates else "",
    )


def render_index(entries: list[dict[str, Any]], source: str) -> str:
    """The index page: one entry per view with ``file``, ``title``, ``description``, ``nodes``, ``edges``."""
    return _environment().get_template("index.html.j2").render(views=entries, source=source)


def write_views(source: Graph | GraphIndex, out_dir: str | Path, source_name: str = "the graph") -> list[Path]:
    """Write every view and the index into ``out_dir``; returns the files written, index last."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    idx = source if isinstance(source, GraphIndex) else index_graph(source)
    written: list[Path] = []
    entries: list[dict[str, Any]] = []
    for spec in VIEWS:
        g = NETWORKS[spec.name](idx)
        path = out / f"{spec.name}.html"
        path.write_text(render_view(spec, g), encoding="utf-8")
        written.append(path)
        entries.append({"file": path.name, "title": spec.title, "description": spec.description,
                        "nodes": g.number_of_nodes(), "edges": g.number_of_edges()})
    index = out / "index.html"
    index.write_text(render_index(entries, source_name), encoding="utf-8")
    written.append(index)
    return written


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", required=True, metavar="GRAPH",
                        help="the RDF graph to show (Turtle, or any format rdflib reads by suffix)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder for the HTML views (created if missing)")


def run_cli(args: argparse.Namespace) -> int:
    path = Path(args.graph)
    try:
        graph = load_graph_file(path)
    except GraphFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    for written in write_views(graph, args.out, source_name=path.name):
        print(written)
    return 0
