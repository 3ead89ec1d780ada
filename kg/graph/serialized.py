"""Graph chunks serialised for the writers: the bytes each output format takes of one chunk.

Made where the chunk is built (with ``--jobs``, in the worker processes; a rebuild takes them
from the cache), so that the process that writes the files only appends bytes
(``kg.graph.export.ChunkWriter``, ``kg.graph.store_writer.StoreWriter``). N-Triples and Turtle
are made from the chunk's rows of terms (``kg.graph.ntriples``: the bytes Oxigraph writes,
without making pyoxigraph objects), TriG by Oxigraph itself; each piece is cut so that pieces
joined in order are the serialisation of all of them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from operator import itemgetter

import pyoxigraph as ox

from .ntriples import PREFIXES, TURTLE, ntriples, triples

# rdflib format name -> Oxigraph's serialiser (the others are written through rdflib)
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def without_prefix_lines(data: bytes) -> tuple[list[bytes], bytes]:
    """Oxigraph's output split into its ``@prefix`` lines and the rest."""
    lines = data.split(b"\n")
    k = 0
    while k < len(lines) and lines[k].startswith(b"@prefix"):
        k += 1
    return lines[:k], b"\n".join(lines[k:])


@dataclass(frozen=True)
class SerializedChunk:
    """A graph chunk (``kg.graph.chunk.Chunk``) already serialised, as writers take it.

    Made where the chunk is built (``serialize_chunk``; with ``--jobs``, in the worker
    processes), so that the writing process only appends bytes. ``own`` maps a triple format
    ("turtle", "nt") to the chunk's own facts in it, without prefix lines; ``shared`` holds the
    facts about entities as N-Triples lines, which a merged graph writes once; ``whole`` maps a
    quad format ("trig", "nquads") or "nt" (for the store) to the whole chunk.

    ``shared_blocks`` maps a triple format other than N-Triples ("turtle") to the shared facts
    in it, one piece per subject: the writer of a merged graph takes the pieces
    of the subjects whose facts were all not written before, instead of serialising those facts
    again (a rebuild takes most chunks from the cache, serialised by an earlier build)."""

    graph: str
    own_count: int
    own: dict[str, bytes]
    shared: tuple[bytes, ...]
    whole: dict[str, bytes]
    shared_blocks: dict[str, tuple[bytes, ...]] = field(default_factory=dict)


def oxigraph_bytes(rows, fmt: str) -> bytes:
    """Oxigraph's serialisation of ``rows`` in ``fmt``, without prefix lines (``prefix_header``)."""
    prefixed = fmt in ("turtle", "trig")
    data = ox.serialize(rows, format=OX_FORMATS[fmt], prefixes=PREFIXES if prefixed else None) or b""
    return without_prefix_lines(data)[1] if prefixed else data


@cache
def prefix_header(fmt: str) -> bytes:
    """The prefix lines Oxigraph writes for ``fmt`` (all of ``PREFIXES``), in a stable order."""
    n = ox.NamedNode("urn:x:x")
    rows: list[ox.Quad] | list[ox.Triple] = [ox.Quad(n, n, n, n)] if fmt == "trig" else [ox.Triple(n, n, n)]
    lines, _ = without_prefix_lines(ox.serialize(rows, format=OX_FORMATS[fmt], prefixes=PREFIXES) or b"")
    return b"\n".join(sorted(lines)) + b"\n"


def serialize_chunk(chunk, triple_formats: Iterable[str] = (), whole_formats: Iterable[str] = ()) -> SerializedChunk:
    """``chunk`` serialised in the formats writers asked for (``ChunkWriter.needs``).

    N-Triples and Turtle are written from the chunk's rows of terms (``kg.graph.ntriples``, the
    bytes Oxigraph writes), TriG by Oxigraph."""
    own_rows, shared_rows = chunk.own_rows, chunk.shared_rows
    names = getattr(chunk, "names", None)
    turtle = getattr(chunk, "turtle", None)
    own = {fmt: (TURTLE.turtle_of_pieces(turtle[0], turtle[1], names).encode("utf-8") if fmt == "turtle" and turtle
                 else _written(own_rows, fmt, names)) for fmt in sorted(set(triple_formats))}
    shared_nt = ntriples(shared_rows)
    shared = tuple(shared_nt.encode("utf-8").splitlines(keepends=True))
    blocks: dict[str, tuple[bytes, ...]] = {}
    if shared_rows:
        for fmt in sorted(set(triple_formats) - {"nt"}):
            blocks[fmt] = tuple(b.encode("utf-8") for b in _turtle_blocks(shared_rows, fmt, names))
    whole: dict[str, bytes] = {}
    wanted = set(whole_formats)
    if wanted & {"nt", "nquads"}:
        whole["nt"] = (own["nt"] if "nt" in own else ntriples(own_rows).encode("utf-8")) + shared_nt.encode("utf-8")
    if "nquads" in wanted:
        whole["nquads"] = as_nquads(chunk.graph, whole["nt"])
    if "trig" in wanted:
        graph = ox.NamedNode(chunk.graph)
        whole["trig"] = oxigraph_bytes([ox.Quad(t.subject, t.predicate, t.object, graph) for t in chunk.triples], "trig")
    return SerializedChunk(chunk.graph, len(own_rows), own, shared, whole, blocks)


def subject_pieces(rows, fmt: str) -> list[bytes]:
    """``rows`` (sorted by subject) in ``fmt`` ("nt" or "turtle", without prefix lines), one
    piece per subject: joined in order, any run of them is the serialisation of those subjects'
    rows alone (what ``pipeline.ChunkCache`` keeps of each entity)."""
    if fmt == "nt":
        return [ntriples(group).encode("utf-8") for _, group in groupby(rows, key=itemgetter(0))]
    return [b.encode("utf-8") for b in _turtle_blocks(rows, fmt)]


def _turtle_blocks(rows, fmt: str, names: dict[str, str] | None = None) -> list[str]:
    if fmt != "turtle":
        raise ValueError(f"cannot cut {fmt} by subject")
    return TURTLE.blocks(rows, names)


def _written(rows, fmt: str, names: dict[str, str] | None = None) -> bytes:
    """``rows`` (sorted by subject) in ``fmt``, without prefix lines: as ``oxigraph_bytes`` writes
    them through Oxigraph, for N-Triples and Turtle made from the terms (``kg.graph.ntriples``)."""
    if fmt == "nt":
        return ntriples(rows).encode("utf-8")
    if fmt == "turtle":
        return TURTLE.turtle(rows, names).encode("utf-8")
    return oxigraph_bytes(triples(rows), fmt)


def subject_groups(lines: Iterable[bytes]) -> list[list[bytes]]:
    """N-Triples lines sorted by subject, in groups of one subject (an IRI: no spaces)."""
    groups: list[list[bytes]] = []
    last = None
    for line in lines:
        subject = line[:line.index(b" ")]
        if subject != last:
            groups.append([])
            last = subject
        groups[-1].append(line)
    return groups


def as_nquads(name: str, ntriples: bytes) -> bytes:
    """N-Triples of one graph as N-Quads: every line ends ' .\\n' (N-Triples escapes newlines)."""
    return ntriples.replace(b" .\n", f" <{name}> .\n".encode())
