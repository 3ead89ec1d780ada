"""The fast graph building (kg.graph.build) against its plain form.

kg.graph.build gathers each chunk's triples in lists by subject and removes repeated facts only where
they can occur. The plain form (tests/oracles/graph.py) is the earlier, simple implementation: every fact a
``(subject, predicate, object)`` row in one list, then ``dict.fromkeys`` and a stable sort by
subject IRI. Both must give the same chunks, triple for triple and in the same order, also when
an extraction states things twice (repeated mentions, memberships, collaborations, attendees).
"""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import pipeline
from kg.graph import build
from kg.graph.chunk import Chunk, sorted_facts
from kg.graph.iri import document_iri
from kg.graph.ntriples import row
from kg.graph.vocab import MG
from kg.models import Extraction, Resolution, mention_key
from tests.oracles.graph import entity_iri, plain_chunks, plain_document, plain_sorted

DATA = Path(__file__).resolve().parents[1] / "data"


# --------------------------------------------------------------------------- tests

@pytest.fixture(scope="module")
def result() -> pipeline.BuildResult:
    return pipeline.build([DATA / "seeds", DATA / "layouts"])


def _assert_same(fast: list[Chunk], plain: list[Chunk]) -> None:
    assert len(fast) == len(plain)
    for f, p in zip(fast, plain):
        assert f.graph == p.graph
        assert f.own == p.own, f.graph          # same triples in the same order
        assert f.shared == p.shared, f.graph


@pytest.mark.parametrize("include_text", [True, False])
def test_chunks_are_those_of_the_plain_form(result, include_text):
    fast = list(build.iter_chunks(result.extractions, result.resolution, include_text))
    _assert_same(fast, list(plain_chunks(result.extractions, result.resolution, include_text)))
    assert sum(len(c.shared) for c in fast[1:]) > 0 and sum(len(c.own) for c in fast) > 1000


def _doubled(ex: Extraction) -> Extraction:
    """Everything the text states, stated twice (and collaborations also the other way round)."""
    minutes = dataclasses.replace(
        ex.minutes, attendees=ex.minutes.attendees * 2, chairs=ex.minutes.chairs * 2,
        items=tuple(dataclasses.replace(item, subtitles=item.subtitles * 2, presenters=item.presenters * 2)
                    for item in ex.minutes.items))
    return dataclasses.replace(
        ex, minutes=minutes, mentions=ex.mentions + ex.mentions[::-1], memberships=ex.memberships * 2,
        collaborations=ex.collaborations + tuple((b, a, i) for a, b, i in ex.collaborations))


def test_facts_stated_twice_are_kept_once_where_first_stated(result):
    doubled = [_doubled(ex) for ex in result.extractions]
    assert any(ex.collaborations and ex.memberships for ex in doubled)
    fast = list(build.iter_chunks(doubled, result.resolution))
    _assert_same(fast, list(plain_chunks(doubled, result.resolution)))
    # stating a fact again changes nothing
    _assert_same(fast, list(build.iter_chunks(result.extractions, result.resolution)))


def test_two_mentions_of_one_span_with_different_entities(result):
    """Two annotations with the same IRI (same span and kind, another document field): their
    facts are merged, each fact once, in the order first stated."""
    ex = next(ex for ex in result.extractions if len(ex.mentions) > 3)
    resolved = [m for m in ex.mentions if result.resolution.entity_of(m) is not None]
    m = resolved[1]
    other = next(e for e in result.resolution.entities.values()
                 if e.key != result.resolution.entity_of(m).key and e.kind == m.kind)
    twin = dataclasses.replace(m, document=m.document + "#twin")
    resolution = Resolution(result.resolution.entities,
                            {**result.resolution.mention_entity, mention_key(twin): other.key})
    ex2 = dataclasses.replace(ex, mentions=ex.mentions + (twin,))
    fast = build.document_chunk(ex2, resolution)
    _assert_same([fast], [plain_document(ex2, resolution, True)])
    a_iri = f"{str(document_iri(ex.minutes.document.identifier)).replace('/doc/', '/annotation/')}" \
            f"-{m.span.start}-{m.span.end}-{m.kind[:3]}"
    bodies = [t.object.value for t in fast.own if t.subject.value == a_iri and t.predicate.value.endswith("hasBody")]
    assert len(bodies) == 2 and bodies[1] == str(entity_iri(other))


def test_entities_stated_twice(result):
    entities = dict(result.resolution.entities)
    for key, e in list(entities.items())[:50]:
        entities[key] = dataclasses.replace(e, alt_labels=e.alt_labels * 2 + ("x", "x"), reasons=e.reasons * 2,
                                            parents=e.parents * 2)
    resolution = Resolution(entities, result.resolution.mention_entity)
    _assert_same([build.entities_chunk(resolution)], list(plain_chunks([], resolution)))


def test_sorted_groups_by_subject_in_order_added_each_fact_once():
    rng = random.Random(7)
    # subjects whose IRIs order otherwise than their terms ("<…/a1>" after "<…/a1-2>")
    subjects = [ox.NamedNode(f"https://e.org/s/{rng.choice('abc')}{i}{rng.choice(['', '-2', '.x', '#t'])}")
                for i in range(30)]
    preds = [ox.NamedNode(f"https://e.org/p/{i}") for i in range(4)]
    objects = [ox.Literal(str(i)) for i in range(5)] + [ox.NamedNode(f"https://e.org/o/{i}") for i in range(5)]
    rows = [(rng.choice(subjects), rng.choice(preds), rng.choice(objects)) for _ in range(2000)]
    by_subject: dict[str, list[tuple[str, str, str]]] = {}
    for s, p, o in rows:
        by_subject.setdefault(str(s), []).append((str(s), str(p), str(o)))
    plain = tuple(map(row, plain_sorted(rows)))
    assert sorted_facts(by_subject) == plain
    assert sorted_facts(by_subject, set(by_subject)) == plain
    assert len(plain) < len(rows)                           # there were repeats to remove
    assert sorted_facts(by_subject, set()) != plain        # only subjects named as repeating are deduplicated


def test_chunks_of_votes_cases_and_reservations_are_those_of_the_plain_form():
    """Genre protokoll with votes (counts and voter lists), reservations, proposals and cases."""
    docs = DATA / "genres" / "docs"
    result = pipeline.build([docs / "protokoll-kommunfullmaktige-omrostning-1.txt",
                             docs / "protokoll-bygg-och-miljonamnden-pdftext-3.txt",
                             docs / "protokoll-ksau-forkortningar-1.txt"])
    fast = list(build.iter_chunks(result.extractions, result.resolution, False))
    assert any(t.predicate.value == str(MG.votedYes) for c in fast for t in c.own)
    assert any(t.predicate.value == str(MG.proposedTo) for c in fast for t in c.own)
    _assert_same(fast, list(plain_chunks(result.extractions, result.resolution, False)))
