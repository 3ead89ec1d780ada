"""The files kg analyze writes for other tools: each network as GraphML and as GEXF (coloured and
sized for Gephi), and the graph as JSON-LD, deterministic (sorted, blank nodes named by content)."""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import RDF, XSD, Graph, Literal
from rdflib.term import BNode, Node

if TYPE_CHECKING:
    from .analyze import Analysis


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
    from .canvas import KIND_STYLE  # the one palette; imported late so analyze runs without the views

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
