"""The graph cache of incremental builds: each document's serialised graph chunk, and each
entity's piece of the entities' graph, kept while nothing they are made of changes (their own
extraction, their mentions' entities), so a rebuild serialises only the rest."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import fields
from itertools import groupby
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..collector import collector_paused
from ..graph.ntriples import ntriples
from ..models import Document, Entity, Extraction, Resolution
from ..tempfiles import clean_left_behind, temp_prefix

if TYPE_CHECKING:
    from ..graph.serialized import SerializedChunk
from .cache import fingerprint
from .local import built_chunks


class ChunkCache:
    """Each document's serialised graph, kept for the next build: a document whose extraction
    (its file and the code) and whose mentions' entities are unchanged has the same graph, so
    adding one document to thousands rebuilds the graphs of those that mention what changed, not
    all of them, and loads no other extraction (kg.pipeline.spill's deferred entries). An entry is named by
    a hash of everything its graph is made of (``key``); a build removes the entries it did not use."""

    SUFFIX = ".chunk"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    @staticmethod
    def key(identifier: str, sha256: str, facts: tuple, include_text: bool, triple_formats: tuple[str, ...],
            whole_formats: tuple[str, ...]) -> str:
        """The name of the entry of the document ``identifier`` whose bytes hash to ``sha256``,
        with ``facts`` its mentions' entities (``_entity_facts_by_document``)."""
        made_of = repr((fingerprint(), sha256, identifier, include_text, sorted(set(triple_formats)),
                        sorted(set(whole_formats)), facts))
        return hashlib.sha256(made_of.encode()).hexdigest()[:40]

    def serialized(self, extractions: Sequence[Extraction], resolution: Resolution, include_text: bool,
                   triple_formats: tuple[str, ...], whole_formats: tuple[str, ...], jobs: int = 1,
                   documents: Sequence[Document] | None = None) -> Iterator[SerializedChunk]:
        """``serialized_chunks``, each document's taken from the cache when there; the others are
        built (over ``jobs`` processes) and stored."""
        # The collector stays paused while the writer takes the chunks too: neither leaves
        # cycles, and a full pass walks the whole resolution (importing kg.graph.build set one off).
        with collector_paused():
            from ..graph.build import document_chunk
            from ..graph.serialized import serialize_chunk

            self.folder.mkdir(parents=True, exist_ok=True)
            present = set(os.listdir(self.folder))
            if any(name.endswith(".tmp") for name in present):
                clean_left_behind(self.folder, "")   # what killed builds were writing
            facts = _entity_facts_by_document(resolution)
            names = [self.key(identifier, sha256, facts.get(identifier, ()), include_text, triple_formats,
                              whole_formats) + self.SUFFIX
                     for identifier, sha256 in _sources(extractions, documents)]
            del facts
            missing = [k for k, name in enumerate(names) if name not in present]
            built = built_chunks(extractions, missing, resolution, include_text, jobs, triple_formats, whole_formats,
                           with_entities=False)
            yield self._entities(resolution, triple_formats, whole_formats)
            todo = set(missing)
            for k, name in enumerate(names):
                chunk = None if k in todo else self._read(name)
                if chunk is None:
                    if k in todo:
                        chunk = next(built)
                    else:   # damaged: built again (and written over)
                        chunk = serialize_chunk(document_chunk(extractions[k], resolution, include_text),
                                                triple_formats, whole_formats)
                    self._write(name, chunk)
                yield chunk
        used = set(names)
        for p in self.folder.glob(f"*{self.SUFFIX}"):
            if p.name not in used:
                p.unlink(missing_ok=True)

    ENTITIES = "entities.pieces"   # each entity's part of the entities' graph (_entities)

    def _entities(self, resolution: Resolution, triple_formats: tuple[str, ...], whole_formats: tuple[str, ...]
                  ) -> SerializedChunk:
        """The entities' graph, serialised, each entity's part of it taken from the last build's
        when the entity is unchanged: adding a document adds or changes a few of the corpus's
        tens of thousands of entities, and building all their facts took longer than the rest of
        the graph's work together. Their parts joined in IRI order are the whole graph's bytes
        (each subject's statement starts a line of its own). TriG frames the graph as a whole: then it is built whole."""
        from ..graph.build import entities_chunk
        from ..graph.iri import ENTITIES_GRAPH, entity_iri_text
        from ..graph.serialized import SerializedChunk, as_nquads, serialize_chunk

        formats = _piece_formats(triple_formats, whole_formats)
        if formats is None:
            with collector_paused():
                return serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)
        own_formats = formats[:-1] if whole_formats else formats
        with collector_paused():
            ordered = sorted(resolution.entities.values(), key=entity_iri_text)
            digests = [_entity_digest(e) for e in ordered]
            pieces = self._read_pieces(formats)
            new = [(d, e) for d, e in zip(digests, ordered) if d not in pieces]
            if new:
                pieces.update(zip((d for d, _ in new), _entity_pieces([e for _, e in new], formats)))
            used = [pieces[d] for d in digests]
            if new or len(pieces) > len(used):   # (kept as they are when no entity changed)
                self._write_pieces(formats, dict(zip(digests, used)))
            own = {fmt: b"".join(p.own[k] for p in used) for k, fmt in enumerate(own_formats)}
            shared = tuple(line for p in used for line in p.shared)
            whole: dict[str, bytes] = {}
            if whole_formats:   # as serialize_chunk makes them
                whole["nt"] = b"".join(p.own[-1] for p in used) + b"".join(shared)
                if "nquads" in whole_formats:
                    whole["nquads"] = as_nquads(str(ENTITIES_GRAPH), whole["nt"])
            return SerializedChunk(str(ENTITIES_GRAPH), sum(p.count for p in used), own, shared, whole)

    def _read_pieces(self, formats: tuple[str, ...]) -> dict[str, _EntityPiece]:
        """The entity parts the last build kept, by ``_entity_digest``; none if they are of
        other formats or another version of the code, or damaged."""
        try:
            data = (self.folder / self.ENTITIES).read_bytes()
            header, parts = _decode_parts(data)
            if header.get("fingerprint") != fingerprint() or header.get("formats") != list(formats):
                return {}
            out, k = {}, 0
            for digest, count, n_shared in header["pieces"]:
                own = tuple(parts[k:k + len(formats)])
                k += len(formats)
                out[digest] = _EntityPiece(own, count, tuple(parts[k:k + n_shared]))
                k += n_shared
            if k != len(parts):
                raise ValueError("parts left over")
            return out
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return {}   # built again (and written over)

    def _write_pieces(self, formats: tuple[str, ...], pieces: dict[str, _EntityPiece]) -> None:
        header = {"fingerprint": fingerprint(), "formats": list(formats),
                  "pieces": [[d, p.count, len(p.shared)] for d, p in pieces.items()]}
        self._write_bytes(self.ENTITIES, _encode_parts(header, [b for p in pieces.values() for b in (*p.own, *p.shared)]))

    def _read(self, name: str) -> SerializedChunk | None:
        try:
            with open(os.path.join(self.folder, name), "rb") as f:
                data = f.read()
        except OSError:
            return None
        try:
            return decode_chunk(data)
        except (ValueError, KeyError, TypeError, IndexError):
            return None   # damaged: built again (and written over)

    def _write(self, name: str, chunk: SerializedChunk) -> None:
        self._write_bytes(name, encode_chunk(chunk))

    def _write_bytes(self, name: str, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=temp_prefix(), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / name)
        except OSError:
            Path(tmp).unlink(missing_ok=True)   # a cache that cannot be written only costs time


class _EntityPiece(NamedTuple):
    """One entity's part of the entities' graph (``ChunkCache._entities``). (A named tuple: a
    build reads one for each of tens of thousands of entities.)"""

    own: tuple[bytes, ...]      # its own facts in each of the formats of ``_piece_formats``
    count: int                  # how many own facts
    shared: tuple[bytes, ...]   # its facts documents may state too (parents), as N-Triples lines


def _piece_formats(triple_formats: tuple[str, ...], whole_formats: tuple[str, ...]) -> tuple[str, ...] | None:
    """The formats an entity's part is kept in: the triple formats, then "nt" when the whole
    chunk is wanted (as N-Triples or N-Quads); None when a format cannot be cut by subject (TriG)."""
    if not set(triple_formats) <= {"turtle", "nt"} or not set(whole_formats) <= {"nt", "nquads"}:
        return None
    return tuple(sorted(set(triple_formats))) + (("nt",) if whole_formats else ())


def _entity_digest(e: Entity) -> str:
    """A hash of everything an entity's facts are made of (all its fields; a tuple's repr is
    made in C, the dataclass's in Python)."""
    return hashlib.sha256(repr(_ENTITY_FIELDS(e)).encode()).hexdigest()[:24]


_ENTITY_FIELDS = attrgetter(*(f.name for f in fields(Entity)))   # (all of them, should one be added)


def _entity_pieces(entities: list[Entity], formats: tuple[str, ...]) -> list[_EntityPiece]:
    """The parts of ``entities`` (in IRI order) of the entities' graph: their facts built and
    serialised together, then cut by subject (each entity is one subject)."""
    from ..graph.chunk import Rows
    from ..graph.entities import add_entity
    from ..graph.iri import ENTITIES_GRAPH
    from ..graph.serialized import subject_pieces

    rows = Rows()
    for e in entities:
        add_entity(rows, e)
    chunk = rows.chunk(str(ENTITIES_GRAPH))
    runs = [(subject, sum(1 for _ in run)) for subject, run in groupby(chunk.own_rows, key=itemgetter(0))]
    if len(runs) != len(entities):
        raise AssertionError("an entity's facts are not all about the entity")
    own = [subject_pieces(chunk.own_rows, fmt) for fmt in formats]
    shared: dict[str, list[bytes]] = {}
    for r in chunk.shared_rows:
        shared.setdefault(r[0], []).append(ntriples((r,)).encode("utf-8"))
    return [_EntityPiece(tuple(parts), n, tuple(shared.get(subject, ()))) for (subject, n), *parts in zip(runs, *own)]


def _sources(extractions: Sequence[Extraction], documents: Sequence[Document] | None) -> list[tuple[str, str]]:
    """(identifier, sha256) of each extraction's document: from ``documents`` by the identifiers
    a spill keeps (loading no extraction), else from the extractions themselves."""
    identifiers = getattr(extractions, "identifiers", None)
    if identifiers is not None and documents is not None:
        sha256 = {d.identifier: d.sha256 for d in documents}
        if all(i in sha256 for i in identifiers):
            return [(i, sha256[i]) for i in identifiers]
    return [(ex.minutes.document.identifier, ex.minutes.document.sha256) for ex in extractions]


def _entity_facts_by_document(resolution: Resolution) -> dict[str, tuple[str, list]]:
    """Per document, what its graph takes of the entities: the entity key of each of its
    mentions (lines "start end kind key", sorted), and the key, kind, name, type and parents of
    those entities (kg.graph.document.add_document uses no more), sorted by key. (Each entity once, and
    the mentions as text, not tuples: written with every mention, as before, they made most of
    the time keying the documents' graphs. Keys are IRI names: no spaces, no line breaks.)"""
    by_document: dict[str, list] = {}
    for (doc, start, end, kind), key in resolution.mention_entity.items():
        rows = by_document.get(doc)
        if rows is None:
            rows = by_document[doc] = []
        rows.append((start, end, kind, key))
    entities = resolution.entities
    out = {}
    for doc, rows in by_document.items():
        rows.sort()
        used = sorted({row[3] for row in rows})
        out[doc] = ("".join([f"{s} {e} {kind} {key}\n" for s, e, kind, key in rows]),
                    [_GRAPH_FIELDS(entities[k]) if k in entities else (k,) for k in used])
    return out


_GRAPH_FIELDS = attrgetter("key", "kind", "name", "org_type", "parents")   # what a document's graph uses of an entity


def encode_chunk(chunk: SerializedChunk) -> bytes:
    """A serialised chunk as bytes (``_encode_parts``)."""
    own = sorted(chunk.own.items())
    whole = list(chunk.whole.items())   # (in the order serialize_chunk made them)
    blocks = sorted(chunk.shared_blocks.items())
    header = {"graph": chunk.graph, "own_count": chunk.own_count, "own": [f for f, _ in own],
              "shared": len(chunk.shared), "whole": [f for f, _ in whole],
              "blocks": [[f, len(b)] for f, b in blocks]}
    return _encode_parts(header, [b for _, b in own] + list(chunk.shared) + [b for _, b in whole]
                         + [piece for _, b in blocks for piece in b])


def decode_chunk(data: bytes) -> SerializedChunk:
    from ..graph.serialized import SerializedChunk

    header, parts = _decode_parts(data)
    own, shared, whole = len(header["own"]), header["shared"], len(header["whole"])
    blocks, at = {}, own + shared + whole
    for fmt, n in header["blocks"]:
        blocks[fmt] = tuple(parts[at:at + n])
        at += n
    if len(parts) != at:
        raise ValueError("parts missing")
    return SerializedChunk(header["graph"], header["own_count"], dict(zip(header["own"], parts[:own])),
                           tuple(parts[own:own + shared]), dict(zip(header["whole"], parts[own + shared:own + shared + whole])),
                           blocks)


def _encode_parts(header: dict, parts: list[bytes]) -> bytes:
    """A JSON header line (``header`` and the parts' lengths), the parts, then a SHA-256 of them."""
    body = b"".join(parts)
    head = json.dumps({**header, "lengths": [len(p) for p in parts]}, sort_keys=True, separators=(",", ":"))
    return head.encode() + b"\n" + body + hashlib.sha256(body).hexdigest().encode()


def _decode_parts(data: bytes) -> tuple[dict, list[bytes]]:
    """(header, parts) of ``_encode_parts``'s bytes; ValueError (or KeyError, TypeError) if damaged."""
    line, _, rest = data.partition(b"\n")
    header = json.loads(line)
    body, digest = rest[:-64], rest[-64:]
    if hashlib.sha256(body).hexdigest().encode() != digest:
        raise ValueError("checksum")
    parts, pos = [], 0
    for n in header["lengths"]:
        parts.append(body[pos:pos + n])
        pos += n
    if pos != len(body):
        raise ValueError("length")
    return header, parts
