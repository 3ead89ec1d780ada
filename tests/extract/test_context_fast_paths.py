"""More fast paths of the rules after the spaCy pipeline, each against its plain form.

* ``_Doc.item_of`` finds the item by two bisections when the items' starts and ends ascend
* ``plain_spans`` reads a spaCy span's attributes once (``Span.text`` from the document's text)
* ``_labelled`` filters the candidate spans by hash before comparing their labels
* ``_fold_word`` remembers ``fold``
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import extract as X
from kg.nlp import CANDIDATES, PER, SPANS_KEY, fold, get_nlp
from tests.oracles.extract import item_bounds, item_of_plain

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [p.read_text(encoding="utf-8") for d in ("seeds", "layouts") for p in sorted((DATA / d).iterdir())
         if p.is_file()]


@dataclass(frozen=True)
class _S:
    start: int
    end: int


@dataclass(frozen=True)
class _Item:
    span: _S


@dataclass(frozen=True)
class _Minutes:
    items: tuple


def _ctx(items) -> X.DocumentContext:
    return X.DocumentContext(_Minutes(tuple(items)), None)   # type: ignore[arg-type]


_bounds = st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda ab: _S(min(ab), max(ab)))


@settings(max_examples=400, deadline=None)
@given(st.lists(_bounds, max_size=8), st.lists(_bounds, min_size=1, max_size=10), st.booleans())
def test_item_of_is_the_first_item_holding_the_span(spans, queries, ordered):
    if ordered:   # the segmenter's case: starts and ends ascend (items may touch, nest at the edges, be empty)
        starts = sorted(s.start for s in spans)
        ends = sorted(max(s.end, a) for s, a in zip(spans, starts))
        spans = [_S(a, max(b, a)) for a, b in zip(starts, ends)]
    items = [_Item(s) for s in spans]
    ctx = _ctx(items)
    for q in queries:
        assert ctx.item_of(q.start, q.end) == item_of_plain(items, q.start, q.end)


def test_item_of_falls_back_when_items_do_not_ascend():
    items = [_Item(_S(10, 50)), _Item(_S(0, 20)), _Item(_S(12, 30))]
    ctx = _ctx(items)
    assert item_bounds(items) == ()
    assert ctx.item_of(12, 20) == 0
    assert ctx.item_of(0, 5) == 1
    assert ctx.item_of(5, 40) is None
    nested = [_Item(_S(0, 100)), _Item(_S(10, 20))]   # ends do not ascend
    assert item_bounds(nested) == ()
    assert _ctx(nested).item_of(12, 15) == 0


@pytest.fixture(scope="module")
def docs():
    nlp = get_nlp()
    return [(text, nlp(text)) for text in TEXTS]


def test_plain_spans_read_what_spacy_spans_say(docs):
    seen = 0
    for text, sdoc in docs:
        for key in (SPANS_KEY, CANDIDATES):
            if key not in sdoc.spans:
                continue
            group = list(sdoc.spans[key])
            plain = X.plain_spans(group, text)
            assert len(plain) == len(group)
            for p, s in zip(plain, group):
                assert (p.label_, p.id_, p.kb_id_, p.start_char, p.end_char, p.text, len(p)) == \
                       (s.label_, s.id_, s.kb_id_, s.start_char, s.end_char, s.text, len(s))
                seen += 1
    assert seen > 100


def test_labelled_is_the_plain_filter(docs):
    found = 0
    for _text, sdoc in docs:
        if CANDIDATES not in sdoc.spans:
            continue
        group = sdoc.spans[CANDIDATES]
        for label, id_ in ((PER, "person"), (PER, "email"), ("ORG", "person"), (PER, "nothing")):
            fast = X.labelled(group, label, id_)
            plain = [s for s in group if s.label_ == label and s.id_ == id_]
            assert [(s.start, s.end, s.label_, s.id_) for s in fast] == [(s.start, s.end, s.label_, s.id_) for s in plain]
            found += len(fast)
    assert found > 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAåÅöÖéÉßæ\u00ad-–  .,()Ss1", max_size=12))
def test_fold_word_is_fold(word):
    assert X.fold_word(word) == fold(word)
    assert X.first_token(word) == (fold(word.split(" ")[0]) if word else "")
