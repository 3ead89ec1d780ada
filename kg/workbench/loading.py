"""Graph files read for the views and reports: with rdflib (load_graph), or with Oxigraph into
a GraphIndex (load_index_file, in seconds where rdflib takes minutes; see StoreReader)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from ..errors import GraphFileError
from .graph_index import (
    GraphIndex,
    index_graph,
)


def load_graph(path: str | Path) -> Graph:
    """Parse an RDF file (format from its suffix, Turtle when unknown)."""
    graph = Graph()
    graph.parse(str(path), format=guess_format(str(path)) or "turtle")
    return graph


def load_graph_file(path: str | Path) -> Graph:
    """``load_graph`` for the command line: a missing or unparsable file raises GraphFileError."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file; build a graph first with `kg build`")
    try:
        return load_graph(path)
    except Exception as exc:  # rdflib raises many parser-specific types
        reason = " ".join(str(exc).split())[:200]
        raise GraphFileError(f"{path}: cannot parse the graph ({reason}); check the file is RDF") from exc


class StoreReader:
    """The few reads of rdflib's ``Graph`` that :func:`index_graph` makes (``subjects``, ``objects``,
    ``subject_objects``, ``value``, ``in``), answered from a pyoxigraph ``Store`` with rdflib terms.

    Why: for ``kg views`` and ``kg analyze`` of a large graph, parsing the file is most of the
    work. On 2,000 synthetic minutes (2.3M triples, 169 MB of Turtle) rdflib parsed for 243 s
    and indexing took 71 s more; Oxigraph parses the same file in seconds (measured beside it in
    ``tests/test_network.py``). Quads of every graph of the store are read, as rdflib reads an
    N-Quads or TriG file into one graph."""

    def __init__(self, store: Any) -> None:
        import pyoxigraph as ox

        self.store, self._ox = store, ox

    def _to_ox(self, term: Node | None) -> Any:
        if term is None:
            return None
        if isinstance(term, BNode):
            return self._ox.BlankNode(str(term))
        if isinstance(term, Literal):
            return self._ox.Literal(str(term), language=term.language,
                                    datatype=None if term.language or term.datatype is None
                                    else self._ox.NamedNode(str(term.datatype)))
        return self._ox.NamedNode(str(term))

    def _to_rdflib(self, term: Any) -> Node:
        if isinstance(term, self._ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, self._ox.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))

    def _quads(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[Any]:
        return self.store.quads_for_pattern(self._to_ox(s), self._to_ox(p), self._to_ox(o), None)

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        return (self._to_rdflib(q.subject) for q in self._quads(None, predicate, obj))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (self._to_rdflib(q.object) for q in self._quads(subject, predicate, None))

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((self._to_rdflib(q.subject), self._to_rdflib(q.object)) for q in self._quads(None, predicate, None))

    def value(self, subject: Node | None = None, predicate: Node | None = None) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return next(iter(self._quads(*triple)), None) is not None


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def load_index_file(path: str | Path) -> GraphIndex:
    """The :class:`GraphIndex` of an RDF file, read with Oxigraph (in seconds where rdflib takes
    minutes; see :class:`StoreReader`), or with rdflib for a syntax Oxigraph does not read. A
    missing or unparsable file raises GraphFileError."""
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file; build a graph first with `kg build`")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else ox.RdfFormat.TURTLE
    if fmt is None:
        return index_graph(load_graph_file(path))
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise GraphFileError(f"{path}: cannot parse the graph ({reason}); check the file is RDF") from exc
    return index_graph(StoreReader(store))
