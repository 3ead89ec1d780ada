"""A graph chunk (the facts of one named graph) and the rows it is gathered in (``Rows``): facts as
rows of N-Triples terms, grouped by subject in IRI order, repeated facts kept once where they may
repeat.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import itemgetter

import pyoxigraph as ox

from .ntriples import Row, row, triples

# the Turtle of a chunk's own facts: per subject in order its block, or None where the writer
# writes it from the rows (the rows of those subjects, in order)
ChunkTurtle = tuple[list[str | None], tuple[Row, ...]]


class Chunk:
    """The facts of one named graph: the entities' graph or one document's graph.

    ``own`` are the facts only this graph states (about its document, meeting, items, decisions
    and annotations); ``shared`` are facts about entities that other documents may state too (a
    membership, a collaboration), which a merged graph keeps once. Each part is sorted.

    The facts are kept as rows of N-Triples terms (``own_rows``, ``shared_rows``: what the
    writers join); ``own``, ``shared`` and ``triples`` give them as pyoxigraph triples, made
    when first asked for. ``Chunk(graph, own, shared)`` takes pyoxigraph triples. ``names``
    gives the Turtle forms of terms the building code named cheaply (``kg.graph.ntriples.prefixed_base``);
    ``turtle`` (or None), the own facts' Turtle in pieces (``ChunkTurtle``): the blocks the
    building code wrote, and the rows of the other subjects, which the writer writes."""

    __slots__ = ("graph", "own_rows", "shared_rows", "names", "turtle", "_own", "_shared")

    def __init__(self, graph: str, own: Iterable[ox.Triple] = (), shared: Iterable[ox.Triple] = ()) -> None:
        self.graph = graph                                  # the graph's IRI
        self._own: tuple[ox.Triple, ...] | None = tuple(own)
        self._shared: tuple[ox.Triple, ...] | None = tuple(shared)
        self.own_rows: tuple[Row, ...] = tuple(map(row, self._own))
        self.shared_rows: tuple[Row, ...] = tuple(map(row, self._shared))
        self.names: dict[str, str] | None = None
        self.turtle: ChunkTurtle | None = None

    @classmethod
    def of_rows(cls, graph: str, own_rows: tuple[Row, ...], shared_rows: tuple[Row, ...] = (),
                names: dict[str, str] | None = None, turtle: ChunkTurtle | None = None) -> Chunk:
        chunk = cls.__new__(cls)
        chunk.graph, chunk.own_rows, chunk.shared_rows, chunk.names = graph, own_rows, shared_rows, names
        chunk.turtle = turtle
        chunk._own = chunk._shared = None
        return chunk

    @property
    def own(self) -> tuple[ox.Triple, ...]:
        if self._own is None:
            self._own = tuple(triples(self.own_rows))
        return self._own

    @property
    def shared(self) -> tuple[ox.Triple, ...]:
        if self._shared is None:
            self._shared = tuple(triples(self.shared_rows))
        return self._shared

    @property
    def triples(self) -> tuple[ox.Triple, ...]:
        return self.own + self.shared

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.own_rows + self.shared_rows

    def __len__(self) -> int:
        return len(self.own_rows) + len(self.shared_rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chunk) and (self.graph, self.own_rows, self.shared_rows) == (
            other.graph, other.own_rows, other.shared_rows)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Chunk({self.graph!r}, {len(self.own_rows)} own, {len(self.shared_rows)} shared)"


Facts = dict[str, list[Row]]   # subject term -> its facts


_subject_iri = itemgetter(slice(1, -1))   # a subject's IRI from its term (in C: a key for sorting)


def sorted_facts(subjects: Facts, repeats: set[str] | None = None) -> tuple[Row, ...]:
    """The facts grouped by subject in IRI order, a subject's facts in the order the building
    code adds them in (fixed), each once: the facts of subjects in ``repeats`` (all when it is
    None) are kept at their first statement; other subjects never state a fact twice."""
    out: list[Row] = []
    extend = out.extend
    for subject in sorted(subjects, key=_subject_iri):
        facts = subjects[subject]
        extend(dict.fromkeys(facts) if len(facts) > 1 and (repeats is None or subject in repeats) else facts)
    return tuple(out)


def sorted_own_facts(subjects: Facts, repeats: set[str],
                     blocks: dict[str, tuple[str, int]]) -> tuple[tuple[Row, ...], ChunkTurtle]:
    """``sorted_facts(subjects, repeats)``, and the Turtle of those rows in pieces
    (``ChunkTurtle``): the block of each subject in ``blocks`` (subject -> its Turtle block and
    its number of facts, as the building code wrote them) that still has just those facts; None
    for each other subject, whose rows are gathered in order for the writer."""
    out: list[Row] = []
    rest: list[Row] = []
    extend, extend_rest = out.extend, rest.extend
    pieces: list[str | None] = []
    piece = pieces.append
    get_block = blocks.get
    for subject in sorted(subjects, key=_subject_iri):
        facts = subjects[subject]
        block = get_block(subject)
        if block is not None and block[1] == len(facts):
            piece(block[0])
        else:
            if len(facts) > 1 and subject in repeats:
                facts = list(dict.fromkeys(facts))
            piece(None)
            extend_rest(facts)
        extend(facts)
    return tuple(out), (pieces, tuple(rest))


class Rows:
    """The triples being gathered for one chunk, as lists by subject (its term): ``own`` for the graph's
    own facts, ``shared`` for facts about entities (persons, organisations, projects, collaborations,
    cases, roles) that other
    documents may state. ``repeats`` names the own subjects that may be given a fact twice (a
    meeting mentions an entity once per mention); every shared subject may.

    ``add`` and ``share`` take any row; the building code appends rows to ``facts(subject)``.
    ``names`` holds the Turtle forms of the annotations' nodes (``annotate``), ``prefixed``
    those of the bases of their IRIs, ``blocks`` the Turtle of subjects the building code wrote
    itself (subject -> its block and its number of facts: an annotation's four nodes)."""

    __slots__ = ("own", "shared", "repeats", "names", "prefixed", "blocks")

    def __init__(self) -> None:
        self.own: Facts = {}
        self.shared: Facts = {}
        self.repeats: set[str] = set()
        self.names: dict[str, str] = {}
        self.prefixed: dict[str, str | None] = {}
        self.blocks: dict[str, tuple[str, int]] = {}

    def facts(self, subject: str, may_repeat: bool = True) -> list[Row]:
        """The list of ``subject``'s own facts, to append to."""
        facts = self.own.get(subject)
        if facts is None:
            facts = self.own[subject] = []
        if may_repeat:
            self.repeats.add(subject)
        return facts

    def shared_facts(self, subject: str) -> list[Row]:
        facts = self.shared.get(subject)
        if facts is None:
            facts = self.shared[subject] = []
        return facts

    def add(self, row: Row) -> None:
        self.facts(row[0]).append(row)

    def share(self, row: Row) -> None:
        self.shared_facts(row[0]).append(row)

    def chunk(self, graph: str) -> Chunk:
        if not self.blocks:
            return Chunk.of_rows(graph, sorted_facts(self.own, self.repeats), sorted_facts(self.shared), self.names)
        own, turtle = sorted_own_facts(self.own, self.repeats, self.blocks)
        return Chunk.of_rows(graph, own, sorted_facts(self.shared), self.names, turtle)


def merged_triples(chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list[ox.Triple]]]:
    """Each chunk with the triples a merged graph still needs from it: a fact about an entity
    that an earlier chunk already stated is left out (documents' own facts never repeat)."""
    seen: set[Row] = set()
    for chunk in chunks:
        fresh = [r for r in chunk.shared_rows if r not in seen]
        seen.update(fresh)
        yield chunk, [*chunk.own, *triples(fresh)]
