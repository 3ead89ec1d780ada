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

The parts: canvas.py (what is drawn), panels.py (the detail panels), documents.py (the document
pages), templates.py (the page templates and the inlined vis-network).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from .canvas import DRAWN_MAX, Tallies, legend, vis_data
from .documents import (
    anchor_id,
    document_slug,
    highlighted_text,
    render_document,
    write_documents,
)
from .network import NETWORKS, GraphIndex, index_graph
from .panels import view_details
from .templates import environment, vis_assets

__all__ = ["VIEWS", "ViewSpec", "anchor_id", "document_slug", "highlighted_text",
           "render_document", "render_index", "render_view", "vis_data", "write_documents",
           "write_views"]


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


def render_view(spec: ViewSpec, g: nx.Graph, idx: GraphIndex | None = None, tallies: Tallies | None = None) -> str:
    """The HTML page of one network (a string; writing it is the caller's job)."""
    js, css = vis_assets()
    dates = sorted({d for _, ds in g.nodes(data="dates") for d in (ds or [])})
    data = vis_data(g, idx, tallies)
    details, decisions = view_details(g, idx, data) if idx is not None else (
        {"nodes": {}, "edges": {}, "shared": [], "quotes": {}}, {"decisions": [], "quotes": {}})
    return environment().get_template("view.html.j2").render(
        name=spec.name, title=spec.title, description=spec.description, edge_note=spec.edge_note,
        legend=legend(g), data=data, details=details, decisions=decisions, vis_js=js, vis_css=css,
        date_min=dates[0] if dates else "", date_max=dates[-1] if dates else "",
    )


def render_index(entries: list[dict[str, Any]], source: str, documents: list[dict[str, str]] | None = None) -> str:
    """The index page: one entry per view with ``file``, ``title``, ``description``, ``nodes``, ``edges``,
    then the document pages."""
    return environment().get_template("index.html.j2").render(views=entries, source=source,
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
