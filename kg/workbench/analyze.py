"""Network analysis of the graph: who is central, who brokers, which groups form, how it changes.

``kg analyze --graph graph.ttl [--out DIR]`` prints a Markdown report; with ``--out`` it also
writes ``report.md``, plots (PNG, when matplotlib is installed), and exports for other tools:
``<network>.graphml`` and ``<network>.gexf`` (Gephi: colours by kind, sizes by degree, meeting
dates as spells, agenda item IRIs as edge evidence) for every network in
:data:`kg.workbench.network.NETWORKS`, and ``graph.jsonld`` (the RDF graph as JSON-LD).

Measures are computed on the undirected form of each network. Betweenness is unweighted: a
"broker" is an organisation or person on many shortest paths between others, such as a
department linking two groups that are otherwise not named together.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from .exports import blank_node_names, export_jsonld, export_networks, write_gexf
from .network import NETWORKS, GraphIndex, index_graph

__all__ = [
    "Analysis", "Centrality", "analyse", "centralities", "collaboration_timeline", "communities",
    "blank_node_names", "export_jsonld", "export_networks", "render_report",
    "write_analysis", "write_gexf", "write_plots",
]

SEED = 42            # community detection and plot layouts: same graph, same answer
TOP = 15             # rows in each ranking table
EXACT_BETWEENNESS = 1000   # nodes; above this, betweenness is estimated from SAMPLED sources
SAMPLED = 200
RANKED = ("collaboration", "people_organisations")   # the networks whose centralities are computed


@dataclass(frozen=True)
class Centrality:
    node: str
    label: str
    kind: str
    degree: int
    degree_centrality: float
    betweenness: float


@dataclass
class Analysis:
    """Everything the report shows, for one graph."""

    networks: dict[str, nx.Graph]
    centrality: dict[str, list[Centrality]] = field(default_factory=dict)
    communities: list[list[str]] = field(default_factory=list)          # of the collaboration network
    timeline: dict[str, dict[str, int]] = field(default_factory=dict)   # "year"/"month" -> period -> pairs
    undated_pairs: int = 0


def centralities(g: nx.Graph) -> list[Centrality]:
    """Degree and betweenness centrality of every node, highest betweenness first."""
    u = g.to_undirected(as_view=True) if g.is_directed() else g
    if u.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(u)
    if u.number_of_nodes() > EXACT_BETWEENNESS:
        between = nx.betweenness_centrality(u, k=SAMPLED, seed=SEED)
    else:
        between = nx.betweenness_centrality(u)
    rows = [
        Centrality(n, a.get("label", n), a.get("kind", ""), u.degree(n), degree[n], between[n])
        for n, a in u.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-round(r.betweenness, 12), -r.degree, r.label.casefold(), r.node))


def communities(g: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (weighted), largest first; members sorted by label."""
    u = g.to_undirected(as_view=True) if g.is_directed() else g
    if u.number_of_edges() == 0:
        return [[n] for n in sorted(u, key=lambda n: (u.nodes[n].get("label", n).casefold(), n))]
    found = nx.community.louvain_communities(u, weight="weight", seed=seed)

    def label(n: str) -> tuple[str, str]:
        return (u.nodes[n].get("label", n).casefold(), n)

    groups = [sorted(c, key=label) for c in found]
    return sorted(groups, key=lambda c: (-len(c), label(c[0])))


def collaboration_timeline(g: nx.Graph) -> tuple[dict[str, dict[str, int]], int]:
    """Collaborating pairs per year and per month (a pair counts once per period it is seen in).

    Returns ``({"year": {"2020": 3, ...}, "month": {"2020-02": 2, ...}}, undated)`` where
    ``undated`` counts pairs with no dated evidence at all.
    """
    years: dict[str, set[tuple[str, str]]] = defaultdict(set)
    months: dict[str, set[tuple[str, str]]] = defaultdict(set)
    undated = 0
    for a, b, dates in g.edges(data="dates"):
        pair = (min(a, b), max(a, b))
        if not dates:
            undated += 1
        for d in dates or ():
            years[d[:4]].add(pair)
            months[d[:7]].add(pair)
    return ({"year": {k: len(v) for k, v in sorted(years.items())},
             "month": {k: len(v) for k, v in sorted(months.items())}}, undated)


def analyse(source: Graph | GraphIndex) -> Analysis:
    """Build every network and compute the measures the report shows."""
    idx = source if isinstance(source, GraphIndex) else index_graph(source)
    networks = {name: build(idx) for name, build in NETWORKS.items()}
    result = Analysis(networks=networks)
    for name in RANKED:
        result.centrality[name] = centralities(networks[name])
    collab = networks["collaboration"]
    result.communities = communities(collab)
    result.timeline, result.undated_pairs = collaboration_timeline(collab)
    return result


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def _cell(text: Any) -> str:
    """A Markdown table cell: names are untrusted text, so no raw HTML and no stray pipes."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _ranking(rows: list[Centrality], by: str, title: str, what: str) -> list[str]:
    ranked = sorted(rows, key=lambda r: (-round(getattr(r, by), 12), r.label.casefold(), r.node))[:TOP]
    out = [f"### {title}", ""]
    if not ranked:
        return out + [f"No {what}.", ""]
    body = [[i, r.label, r.kind, r.degree, f"{r.degree_centrality:.3f}", f"{r.betweenness:.3f}"]
            for i, r in enumerate(ranked, 1)]
    return out + _table(["#", "name", "kind", "links", "degree centrality", "betweenness"], body) + [""]


NETWORK_TITLES = {
    "collaboration": "Collaboration between organisations",
    "presenters": "Who presents on what",
    "people_organisations": "People and organisations",
}


def render_report(analysis: Analysis, source: str = "the graph", files: list[str] | None = None) -> str:
    """The Markdown report. Deterministic: the same graph gives the same text."""
    nets = analysis.networks
    lines = ["# Network analysis", "", f"Source: `{_cell(source)}`.", "", "## Summary", ""]
    lines += _table(
        ["network", "nodes", "links", "connected components"],
        [[NETWORK_TITLES.get(name, name), g.number_of_nodes(), g.number_of_edges(),
          nx.number_connected_components(g.to_undirected(as_view=True)) if g.number_of_nodes() else 0]
         for name, g in nets.items()],
    ) + [""]

    if any(nets[name].number_of_nodes() > EXACT_BETWEENNESS for name in RANKED if name in nets):
        lines += [f"Betweenness in networks of more than {EXACT_BETWEENNESS} nodes is estimated from "
                  f"{SAMPLED} source nodes sampled with seed {SEED}.", ""]

    lines += ["## Collaboration between organisations", "",
              "Organisations are linked when one agenda item names both, or when the graph states "
              "that they collaborate. Degree centrality: share of the other organisations one is "
              "linked to. Betweenness: share of shortest paths between others that pass through it "
              "(high values mark brokers between departments).", ""]
    collab = analysis.centrality.get("collaboration", [])
    lines += _ranking(collab, "degree_centrality", "Most connected organisations", "organisations")
    lines += _ranking([r for r in collab if r.betweenness > 0], "betweenness", "Brokers", "organisation lies between others")

    lines += ["### Communities", "",
              f"Louvain communities of the collaboration network (weighted by shared items, seed {SEED}).", ""]
    groups = [c for c in analysis.communities if len(c) > 1]
    if groups:
        g = nets["collaboration"]
        lines += _table(["#", "size", "members"],
                        [[i, len(c), ", ".join(g.nodes[n].get("label", n) for n in c)]
                         for i, c in enumerate(groups, 1)])
    else:
        lines.append("No community with more than one organisation.")
    singles = len(analysis.communities) - len(groups)
    lines += ["", f"Organisations in a community of their own: {singles}.", ""]

    lines += ["### Collaboration over time", "",
              "Distinct collaborating pairs seen in agenda items of each period "
              "(dates are those of the meetings).", ""]
    years = analysis.timeline.get("year", {})
    if years:
        lines += ["Per year:", ""] + _table(["year", "pairs"], [[y, n] for y, n in years.items()]) + [""]
        months = analysis.timeline.get("month", {})
        lines += ["Per month:", ""] + _table(["month", "pairs"], [[m, n] for m, n in months.items()]) + [""]
    else:
        lines += ["No dated collaboration.", ""]
    lines += [f"Pairs with no dated evidence: {analysis.undated_pairs}.", ""]

    lines += ["## People and organisations", "",
              "People, the organisations they belong to and the meetings they attended. Betweenness "
              "here finds the people and bodies that connect otherwise separate parts of the graph.", ""]
    people = analysis.centrality.get("people_organisations", [])
    lines += _ranking([r for r in people if r.kind == "person"], "betweenness", "People who connect", "people")
    lines += _ranking([r for r in people if r.kind not in ("person", "meeting")], "betweenness",
                      "Organisations that connect", "organisations")

    lines += ["## Who presents on what", ""]
    pres = nets.get("presenters")
    if pres is not None and pres.number_of_nodes():
        rows = sorted(
            ([pres.nodes[n]["label"], pres.out_degree(n),
              ", ".join(sorted({pres.nodes[b]["label"] for i in pres.successors(n) for b in pres.successors(i)}))]
             for n, t in pres.nodes(data="type") if t == "person"),
            key=lambda r: (-r[1], r[0].casefold()),
        )[:TOP]
        lines += _table(["presenter", "items presented", "before"], rows) + [""]
    else:
        lines += ["No agenda item names a presenter.", ""]

    if files:
        lines += ["## Files", ""] + [f"- [{_cell(f)}]({f})" for f in files] + [""]
    return "\n".join(lines)


def write_plots(analysis: Analysis, out_dir: str | Path) -> list[Path]:
    """PNG plots of collaboration over time and of the collaboration network; none without matplotlib."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    out = Path(out_dir)
    written: list[Path] = []

    def save(fig: Any, name: str) -> None:
        """Write one figure (no 'Software' stamp, so the bytes do not depend on matplotlib's version)."""
        fig.tight_layout()
        path = out / name
        fig.savefig(path, dpi=120, metadata={"Software": None})
        plt.close(fig)
        written.append(path)

    years = analysis.timeline.get("year", {})
    if years:
        fig, ax = plt.subplots(figsize=(7, 3.5))
        ax.bar(list(years), list(years.values()), color="#1f77b4")
        ax.set_xlabel("year")
        ax.set_ylabel("collaborating pairs")
        ax.set_title("Collaboration over time")
        save(fig, "collaboration_over_time.png")

    g = analysis.networks["collaboration"]
    linked = g.subgraph([n for n in g if g.degree(n) > 0])
    if linked.number_of_nodes():
        try:
            pos = nx.spring_layout(linked, seed=SEED, weight="weight")
        except ImportError:       # large graphs need scipy for the layout
            pos = None
        if pos is not None:
            community = {n: i for i, c in enumerate(analysis.communities) for n in c}
            fig, ax = plt.subplots(figsize=(9, 7))
            nodes = sorted(linked)
            nx.draw_networkx_edges(linked, pos, ax=ax, alpha=0.3,
                                   width=[0.5 + linked.edges[e].get("weight", 1) for e in linked.edges])
            nx.draw_networkx_nodes(linked, pos, nodelist=nodes, ax=ax, cmap="tab20",
                                   node_color=[community.get(n, 0) % 20 for n in nodes], vmin=0, vmax=19,
                                   node_size=[60 + 40 * linked.degree(n) for n in nodes])
            top = {r.node for r in analysis.centrality["collaboration"][:TOP] if r.node in linked}
            nx.draw_networkx_labels(linked, pos, ax=ax, font_size=7,
                                    labels={n: linked.nodes[n]["label"] for n in top})
            ax.set_title("Collaboration between organisations (colour: community)")
            ax.axis("off")
            save(fig, "collaboration_network.png")
    return written


def write_analysis(graph: Graph, out_dir: str | Path, source_name: str = "the graph") -> list[Path]:
    """Analyse ``graph`` and write the report, plots and exports into ``out_dir``; report first."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    analysis = analyse(graph)
    files = write_plots(analysis, out) + export_networks(analysis, out)
    files.append(export_jsonld(graph, out / "graph.jsonld"))
    report = out / "report.md"
    report.write_text(render_report(analysis, source_name, [f.name for f in files]), encoding="utf-8")
    return [report, *files]
