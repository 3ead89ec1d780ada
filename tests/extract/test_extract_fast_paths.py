"""Fast paths of the extraction rules, each against its plain form.

* ``SpanIndex.overlaps`` and ``first_overlapping`` answer what ``overlapping`` lists
* ``_lone_word`` stops at the second word where the plain form tokenised the whole gap
* ``define_abbreviations`` reads the parentheses off the token table without copying its columns
* ``narrow_keys``, ``clean_name`` and ``generic_forms`` are remembered: pure functions of their arguments
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import extract as X
from kg import segment
from kg.nlp import fold
from tests.oracles.extract import (
    backref_possible,
    backref_words_opening_sentences,
    define_abbreviations_plain,
    item_title_projects_plain,
    lone_word,
    lone_word_plain,
    look_back_pairs,
)

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [p.read_text(encoding="utf-8") for d in ("seeds", "layouts") for p in sorted((DATA / d).iterdir())
         if p.is_file()]

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(SPANS, st.integers(0, 70), st.integers(0, 12))
def test_span_index_questions_agree_with_the_list(spans, start, length):
    end = start + length
    index = X.SpanIndex(spans)
    hits = [k for k, (a, b) in enumerate(spans) if a < end and start < b]
    assert index.overlapping(start, end) == hits
    assert index.overlaps(start, end) == bool(hits)
    assert index.first_overlapping(start, end) == (hits[0] if hits else None)


# --------------------------------------------------------------------------- _lone_word


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


GAPS = st.lists(st.sampled_from(["vid", "Vid", "VID", "inom", "i", "(", ")", ",", "CTF", "SFF", " ", "\t",
                                 "och", "Ödeshög", "–", "x"]), max_size=8).map("".join)


@given(GAPS, st.integers(0, 3), st.integers(0, 3))
def test_lone_word_is_the_single_core_word(gap, before, after):
    text = "A" * before + gap + "B" * after
    core = lone_word_plain(gap)
    assert lone_word(_Text(text), before, before + len(gap)) == (core[0] if len(core) == 1 else None)


@pytest.mark.parametrize("text", TEXTS[:6])
def test_lone_word_on_real_gaps(text):
    ctx = _Text(text)
    for m in re.finditer(r"[^\n]{0,40}", text):
        core = lone_word_plain(m.group())
        assert lone_word(ctx, m.start(), m.end()) == (core[0] if len(core) == 1 else None)


# --------------------------------------------------------------------------- define_abbreviations


ABBREVIATED = ("Skol- och fritidsförvaltningen (SFF) träffade socialförvaltningen. SFF och SFFs chefer.\n"
               "OCN (Open College Network) och ( Helsingborgs stad ) samt (SOF) och () och (SFF\n")


def _plain_and_fast(text: str, monkeypatch, rule: str, plain_rule) -> tuple[tuple, tuple]:
    """Extract ``text`` with the rule ``rule`` of ``kg.extract`` run where extraction runs it, on
    the context by itself and on a copy of the context by ``plain_rule``: what each left (the
    mentions and the abbreviations), plain form first."""
    from kg.models import Document
    minutes = segment.segment(Document(identifier="t", path="t.txt", text=text, media_type="text/plain", sha256=""))
    calls = []
    real = getattr(X, rule)

    def both(ctx):
        twin = X.DocumentContext(ctx.minutes, ctx.sdoc, ctx.scope, mentions=X.Mentions(ctx.mentions),
                                 abbreviations=dict(ctx.abbreviations))
        plain_rule(twin)
        real(ctx)
        calls.append(((dict(twin.mentions), dict(twin.abbreviations)), (dict(ctx.mentions), dict(ctx.abbreviations))))
    monkeypatch.setattr(X, rule, both)
    X.extract(minutes)
    (plain, fast), = calls
    return plain, fast


@pytest.mark.parametrize("text", [*TEXTS, ABBREVIATED])
def test_define_abbreviations_as_before(text, monkeypatch):
    plain, fast = _plain_and_fast(text, monkeypatch, "define_abbreviations", define_abbreviations_plain)
    assert fast == plain


# --------------------------------------------------------------------------- remembered functions

@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab ~*_,.()\"'\n«»Åö-")), max_size=20))
def test_clean_name_remembered_is_clean_name(text):
    plain = X.clean_name.__wrapped__(text)
    assert X.clean_name(text) == plain
    assert X.clean_name(text) == plain


def test_generic_forms_are_the_group_aliases():
    from kg.nlp import group_canonical
    for name in list(group_canonical())[:50] + ["Ledningsgruppen", "okänd grupp"]:
        canonical = group_canonical().get(fold(name), name)
        expected = {norm for norm, c in group_canonical().items() if c == canonical} | {fold(canonical)}
        assert X.generic_forms(name) == expected


# --------------------------------------------------------------------------- look backs after the first character

def _same(fast: re.Pattern[str], plain: re.Pattern[str], text: str) -> int:
    got = [(m.span(), m.groups()) for m in fast.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (plain.pattern, text[:200])
    return len(got)


def test_look_backs_after_the_first_character_on_real_minutes():
    genres = sorted((DATA / "genres" / "docs").glob("*.md")) + sorted((DATA / "genres" / "docs").glob("*.txt"))
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in genres]
    for fast, plain in look_back_pairs():
        assert fast.pattern != plain.pattern
        assert sum(_same(fast, plain, t) for t in texts) > 0, plain.pattern


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["@", "@Anna Berg", "Anna", "Berg", "Kunskapslyftet", "statliga", "det", "a", ",", ".",
                                 " ", "\t", "\n", "x@", "Ö", "é", "-", "Heltidsresan", "1"]), max_size=10).map("".join))
def test_look_backs_after_the_first_character_on_generated_text(text):
    for fast, plain in look_back_pairs():
        _same(fast, plain, text)
        _same(fast, plain, " ".join(text))


# --------------------------------------------------------------------------- item titles' back-references

GENRES = sorted((DATA / "genres" / "docs").glob("*.md")) + sorted((DATA / "genres" / "docs").glob("*.txt"))


def _title_projects_agree(text: str, monkeypatch) -> None:
    plain, fast = _plain_and_fast(text, monkeypatch, "item_title_projects", item_title_projects_plain)
    assert fast == plain


@pytest.mark.parametrize("text", TEXTS)
def test_item_title_projects_as_before(text, monkeypatch):
    _title_projects_agree(text, monkeypatch)


def test_the_genres_are_there():
    assert len(GENRES) >= 30   # (the test below would run on none)


@pytest.mark.parametrize("path", GENRES, ids=lambda p: p.name)
def test_item_title_projects_as_before_on_the_genres(path, monkeypatch):
    _title_projects_agree(path.read_text(encoding="utf-8"), monkeypatch)


BACKREF_WORDS = frozenset({"projektet", "enkaten", "satsningen"})


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["Projektet", "PROJEKTET", "projektet", "Enkäten", "ENKÄTEN", "Enkaten", "Enkäten-",
                                 "Satsningen", "Satsnìngen", "6", "6ver", "é", "Ö", "har", "Anna", ".", ":", "-", "•",
                                 "\n", " ", "  ", "\u2013", "\u00ad", "?", "Proj", "ektet"]), max_size=25))
def test_no_back_reference_where_the_pre_filter_finds_no_word(parts):
    text = "".join(parts)
    if backref_words_opening_sentences(text, BACKREF_WORDS):
        assert backref_possible(text, BACKREF_WORDS)
