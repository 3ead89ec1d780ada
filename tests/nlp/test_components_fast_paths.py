"""The fast paths of the pipeline components (kg/nlp/) give what their plain forms give.

* ``Normalizer.__call__`` reads the lexeme flags, texts, norms and norm ids once per orth (by a
  small "kind" number) where its plain form (``normalize_plain``) read them per token;
* ``TokenTable.line_start`` answers no from the token before without reading the line;
* ``PatternMatcher`` remembers masks per kind and tries a pattern only where ``_need`` says the
  next token can continue one, and walks a pattern only when some token of the text passes the
  tests of its required last position;
* every rule component reads its per-token tests per kind: the plain forms
  (tests/oracles/nlp*.py) run on a Doc normalised by ``normalize_plain`` and give the same
  candidates and final spans.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import nlp as K
from tests.oracles import nlp as O
from tests.oracles.nlp import masks_plain, normalize_plain, plain_pattern_spans
from tests.oracles.nlp_finders import plain_component

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = sorted((DATA / "seeds").glob("*.txt")) + sorted(p for p in (DATA / "layouts").iterdir() if p.is_file())

WORDS = [
    "Region", "Skåne", "Lund", "universitet", "Universitet", "högskola", "i", "för", "och", "Anna", "Berg",
    "avdelningen", "enheten", "Network", "Open", "College", "AB", "Ikea", "-", "–", "o", "•", "2.", "§",
    "Skol-", "skol-", "fritidsförvaltningen", "fritidsférvaltningen", "2023-2024", "Hbg", "HSS", "SOF:s",
    "Centrum", "Stiftelsen", "Hälsoprojektet", "Kulturrådet", "ledningsgruppen", "Helsingborg", "K12",
    "projektet", "\"", "(", ")", ",", ".", ":", "anna.berg@hbg.se", "\u00a0", "Mitt", "ér", "ndmnden",
]
SEPARATORS = [" ", "", "\n", "  ", "\n\n", "\t", "\u00a0", " \n "]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _docs(text: str):
    """The same text through the pipeline twice: with ``kg_normalize``'s fast path and its plain form."""
    nlp = K.get_nlp()
    normalizer = nlp.get_pipe("kg_normalize")
    fast, plain = nlp.make_doc(text), nlp.make_doc(text)
    normalizer(fast)
    normalize_plain(normalizer, plain)
    return nlp, fast, plain


def _tables_agree(text: str) -> None:
    nlp, fast, plain = _docs(text)
    a, b = K.token_table(fast), K.token_table(plain)
    assert b.kinds is None and a.kinds is not None   # (an empty Doc too)
    for name in ("text", "texts", "norms", "orths", "idx", "space", "punct", "alpha", "lower", "email", "title",
                 "content"):
        assert getattr(a, name) == getattr(b, name), name
    assert [t.norm_ for t in fast] == [t.norm_ for t in plain]
    # the tokens kg_normalize marks odd are those whose norm is not their kind's
    assert a.odd == [i for i, k in enumerate(a.kinds) if a.norms[i] != a.kind_rows[k][1]]
    for i, k in enumerate(a.kinds):
        row = a.kind_rows[k]
        assert row[0] == a.texts[i] and row[-1] == k
        assert list(row[3:9]) == [a.space[i], a.punct[i], a.alpha[i], a.lower[i], a.email[i], a.title[i]]


def _spans(doc) -> list[tuple]:
    return [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in K.candidates(doc)]


def _components_agree(text: str) -> None:
    """Every rule component after ``kg_normalize`` gives the candidates its plain form gives (on
    the table of ``normalize_plain``), and the same final spans."""
    nlp, fast, plain = _docs(text)
    for name, proc in nlp.pipeline:
        if name == "kg_normalize":
            continue
        if name == "kg_select":
            assert _spans(fast) == _spans(plain)
        K.forget_candidates()
        proc(fast)
        K.forget_candidates()
        plain_component(nlp, name, plain)
        if name != "kg_select":
            assert _spans(fast) == _spans(plain), name
    assert [(s.start, s.end, s.label_, s.id_) for s in fast.spans[K.SPANS_KEY]] == \
        [(s.start, s.end, s.label_, s.id_) for s in plain.spans[K.SPANS_KEY]]


def _patterns_agree(text: str) -> None:
    nlp = K.get_nlp()
    matcher = nlp.get_pipe("kg_patterns")
    doc = nlp.make_doc(text)
    nlp.get_pipe("kg_normalize")(doc)
    table = K.token_table(doc)
    assert matcher.masks(table) == [m | matcher.every for m in masks_plain(matcher, table)]
    expected = plain_pattern_spans(matcher, doc)
    K.forget_candidates()
    matcher(doc)
    assert [(s.start, s.end, s.label_, s.id_) for s in K.candidates(doc)] == expected


def _line_starts_agree(text: str) -> None:
    _, fast, _ = _docs(text)
    table = K.token_table(fast)
    for i in range(len(fast)):
        for numbers in (True, False):
            assert table.line_start(i, numbers) == table._line_start(i, numbers) == O.line_start(fast, i, numbers), (i, numbers)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_fast_normalizer_table_is_the_plain_table(path):
    _tables_agree(_read(path))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_components_on_the_fast_table_give_the_plain_candidates(path):
    _components_agree(_read(path))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_patterns_tried_only_where_needed_give_every_match(path):
    _patterns_agree(_read(path))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_line_start_shortcut(path):
    _line_starts_agree(_read(path))


_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=20).map(
    lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_fast_paths_on_any_word_sequence(text):
    _tables_agree(text)
    _components_agree(text)
    _patterns_agree(text)
    _line_starts_agree(text)


def test_an_empty_text():
    _tables_agree("")
    _components_agree("")
    _patterns_agree("")


def test_a_space_token_whose_norm_a_special_case_sets():
    """spaCy's tokenizer gives "\\u00a0" alone the norm "  " (a special case): the token keeps it."""
    nlp, fast, plain = _docs("Region\u00a0Skåne och\u00a0\u00a0 Lund\u00a0")
    table = K.token_table(fast)
    assert [t.norm_ for t in fast] == [t.norm_ for t in plain]
    assert table.odd and table.odd == [i for i, t in enumerate(fast) if t.is_space and t.norm != fast.vocab[t.orth].norm]
    _components_agree("Region\u00a0Skåne och\u00a0\u00a0 Lund\u00a0")
