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

import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, XSD, Graph, Literal
from rdflib.term import BNode, Node

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


# ---------------------------------------------------------------------------------------------
# Exports and plots
# ---------------------------------------------------------------------------------------------

def _flat(value: Any) -> Any:
    """GraphML and GEXF hold scalars only: lists become one "; "-separated string.

    Evidence records ({iri, title, date}) become their IRI, so Gephi's data table leads to the item.
    """
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v["iri"]) if isinstance(v, dict) else str(v) for v in value)
    return value


def _flattened(g: nx.Graph, extra: dict[str, dict[str, Any]] | None = None) -> nx.Graph:
    h = g.__class__()
    h.graph["name"] = g.graph.get("name", "")
    for n, a in g.nodes(data=True):
        attrs = {k: _flat(v) for k, v in a.items() if v is not None}
        attrs.update((extra or {}).get(n, {}))
        h.add_node(n, **attrs)
    for u, v, a in g.edges(data=True):
        h.add_edge(u, v, **{k: _flat(x) for k, x in a.items() if x is not None})
    return h


GEXF_SIZE = (5.0, 30.0)     # smallest and largest node size Gephi draws, scaled by degree


def _rgb(kind: str) -> dict[str, int | float]:
    """The node colour of a kind, the same as ``kg views`` draws it (grey for an unknown kind)."""
    from .views import KIND_STYLE  # the one palette; imported late so analyze runs without views

    colour = KIND_STYLE.get(kind, ("#7f7f7f",))[0].lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return {"r": r, "g": g, "b": b, "a": 1.0}


def _for_gephi(original: nx.Graph, flat: nx.Graph) -> nx.Graph:
    """Add what Gephi draws and animates: colour by kind, size by degree, and time.

    Nodes get ``viz`` (colour, size) and ``start`` (first dated appearance); edges get one spell
    per meeting date behind them, so Gephi's timeline shows when each link was seen. ``dates``
    lists stay out: the spells carry them.
    """
    h = flat.copy()
    degrees = dict(original.degree())
    top = max(degrees.values(), default=0) or 1
    low, high = GEXF_SIZE
    for n, a in h.nodes(data=True):
        a.pop("dates", None)
        a["viz"] = {"color": _rgb(str(a.get("kind", ""))),
                    "size": round(low + (high - low) * degrees.get(n, 0) / top, 2)}
        dates = original.nodes[n].get("dates") or []
        if dates:
            a["start"] = min(dates)
    for u, v, a in h.edges(data=True):
        a.pop("dates", None)
        dates = original.edges[u, v].get("dates") or []
        if dates:
            a["spells"] = [(d, d) for d in sorted(set(dates))]
    if any("start" in a for _, a in h.nodes(data=True)) or any("spells" in a for *_, a in h.edges(data=True)):
        h.graph["mode"] = "dynamic"
    return h


def write_gexf(original: nx.Graph, flat: nx.Graph, path: Path) -> Path:
    """GEXF 1.2 through networkx's writer, without the date stamp it adds (reproducible files)."""
    text = "\n".join(nx.generate_gexf(_for_gephi(original, flat)))
    path.write_text(re.sub(r' lastmodifieddate="[^"]*"', "", text) + "\n", encoding="utf-8")
    return path


def export_networks(analysis: Analysis, out_dir: str | Path) -> list[Path]:
    """Write each network as GraphML and GEXF, with centralities (and communities) on the nodes."""
    out = Path(out_dir)
    written: list[Path] = []
    for name, g in analysis.networks.items():
        extra: dict[str, dict[str, Any]] = {
            r.node: {"degree_centrality": r.degree_centrality, "betweenness": r.betweenness}
            for r in analysis.centrality.get(name, [])
        }
        if name == "collaboration":
            for i, group in enumerate(analysis.communities, 1):
                for n in group:
                    extra.setdefault(n, {})["community"] = i
        flat = _flattened(g, extra)
        graphml = out / f"{name}.graphml"
        nx.write_graphml(flat, graphml)
        written += [graphml, write_gexf(g, flat, out / f"{name}.gexf")]
    return written


def blank_node_names(triples: list[tuple[Node, Node, Node]]) -> dict[BNode, str]:
    """A stable name for every blank node, derived from what it holds.

    rdflib's ``to_canonical_graph`` names the blank nodes of any graph canonically but ran for
    over ten minutes on a graph with 20,000 annotations. Here blank nodes form small trees
    (annotation -> target -> selectors), for which a hash of each node's outgoing triples, taken
    bottom-up, plus the named nodes that point at it, is a stable name. Nodes that hash alike
    hold the same triples, so numbering them in any order gives the same output.
    """
    outgoing: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
    incoming: dict[BNode, list[str]] = defaultdict(list)
    blanks: set[BNode] = set()
    for s, p, o in triples:
        if isinstance(s, BNode):
            outgoing[s].append((p, o))
            blanks.add(s)
        if isinstance(o, BNode):
            blanks.add(o)
            if not isinstance(s, BNode):
                incoming[o].append(f"{s.n3()} {p.n3()}")
    memo: dict[BNode, str] = {}

    def signature(b: BNode, path: frozenset[BNode]) -> str:
        if b in memo:
            return memo[b]
        if b in path:                      # a cycle of blank nodes: cut it
            return "cycle"
        parts = sorted(
            f"{p.n3()} {signature(o, path | {b}) if isinstance(o, BNode) else o.n3()}"
            for p, o in outgoing.get(b, ())
        ) + sorted(f"^{x}" for x in incoming.get(b, ()))
        memo[b] = hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:20]
        return memo[b]

    by_signature: dict[str, list[BNode]] = defaultdict(list)
    for b in blanks:
        by_signature[signature(b, frozenset())].append(b)
    return {b: f"b{sig}" + (f"-{i}" if i else "") for sig, group in by_signature.items()
            for i, b in enumerate(group)}


def _compactor(graph: Graph, triples: list[tuple[Node, Node, Node]]) -> tuple[dict[str, str], Callable[[str], str]]:
    """The JSON-LD context (those of the graph's prefixes in use) and a function compacting an IRI."""
    # Longest namespace first, so that the most specific prefix is chosen.
    spaces = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces() if prefix and prefix != "_"),
                    key=lambda x: (-len(x[0]), x[1]))
    context: dict[str, str] = {}
    cache: dict[str, str] = {}

    def compact(iri: str) -> str:
        if iri not in cache:
            cache[iri] = iri
            for ns, prefix in spaces:
                rest = iri[len(ns):]
                if iri.startswith(ns) and rest and not rest.startswith("//"):
                    context[prefix] = ns
                    cache[iri] = f"{prefix}:{rest}"
                    break
        return cache[iri]

    return context, compact


def export_jsonld(graph: Graph, path: str | Path) -> Path:
    """The RDF graph as flattened JSON-LD: one object per subject, compacted with the graph's prefixes.

    Written directly rather than through rdflib's JSON-LD serializer, which took 50 s on a graph
    of 270,000 triples and names blank nodes at random. Subjects, properties and values are
    sorted and blank nodes named by :func:`blank_node_names`, so the same graph gives the same
    file; rdflib (or any JSON-LD processor) reads it back as the same graph.
    """
    triples = list(graph)
    names = blank_node_names(triples)
    context, compact = _compactor(graph, triples)

    def node_id(term: Node) -> str:
        return f"_:{names[term]}" if isinstance(term, BNode) else compact(str(term))

    def value(term: Node) -> Any:
        if isinstance(term, Literal):
            if term.language:
                return {"@value": str(term), "@language": term.language}
            if term.datatype and term.datatype != XSD.string:
                return {"@value": str(term), "@type": compact(str(term.datatype))}
            return str(term)
        return {"@id": node_id(term)}

    subjects: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if p == RDF.type and not isinstance(o, Literal):
            subjects[node_id(s)]["@type"].append(node_id(o))
        else:
            subjects[node_id(s)][compact(str(p))].append(value(o))

    def order(v: Any) -> str:
        return json.dumps(v, sort_keys=True, ensure_ascii=False)

    nodes = []
    for sid in sorted(subjects):
        node: dict[str, Any] = {"@id": sid}
        for key in sorted(subjects[sid]):
            node[key] = sorted(subjects[sid][key], key=order)
        nodes.append(node)
    document = {"@context": dict(sorted(context.items())), "@graph": nodes}
    path = Path(path)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


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
    meta = {"Software": None}

    years = analysis.timeline.get("year", {})
    if years:
        fig, ax = plt.subplots(figsize=(7, 3.5))
        ax.bar(list(years), list(years.values()), color="#1f77b4")
        ax.set_xlabel("year")
        ax.set_ylabel("collaborating pairs")
        ax.set_title("Collaboration over time")
        fig.tight_layout()
        path = out / "collaboration_over_time.png"
        fig.savefig(path, dpi=120, metadata=meta)
        plt.close(fig)
        written.append(path)

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
            fig.tight_layout()
            path = out / "collaboration_network.png"
            fig.savefig(path, dpi=120, metadata=meta)
            plt.close(fig)
            written.append(path)
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
