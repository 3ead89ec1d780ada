"""The cheap tests before an expression or a scan let through every text it could match.

* A case label, a place label and a colon-name form are looked for only in text holding a word
  each of their matches holds (cases, header, presenters).
* A section label of a named body ("Socialnämndens förslag till beslut") is looked for only on a
  line that ends in a section word (decision_cues.section_label).
* A decision sentence's folded text is the slice of the page's folded text (no second fold).
* A name range of fewer than three words has fewer than three words as the word expression reads them.
* The labels of a long line, read when the page is made, are what cover.py would read again.
Each is checked on real minutes (tests/data: seeds, layouts, genres), synthetic minutes and
generated strings, against the plain forms of tests/oracles/segment.py.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Document
from kg.segment.decision_cues import section_label
from kg.segment.decisions import paragraphs, sentences
from kg.segment.page import Page, fold
from kg.text import fold_text
from tests.corpora import real_and_synthetic
from tests.oracles.segment import (
    ENTRY_WORD_RE,
    case_label_words,
    colon_name_patterns,
    place_label_words,
    section_label_plain,
)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[Document]:
    """The seeds, the layouts, the genres corpus and 20 synthetic minutes."""
    return real_and_synthetic(tmp_path_factory.mktemp("synth"), 20, seed=7, genres=True)


@pytest.fixture(scope="module")
def pages(docs) -> list[Page]:
    return [Page(d) for d in docs]


def _holds(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def test_every_label_match_holds_a_key_word(pages):
    cases_re, case_words = case_label_words()
    place_re, place_words = place_label_words()
    found = 0
    for page in pages:
        for m in cases_re.finditer(page.folded):
            assert _holds(m.group(), case_words), m.group()
            found += 1
        for ln in page.lines:
            m = place_re.search(ln.folded)
            if m:
                assert _holds(m.group(), place_words), ln.folded
                found += 1
    assert found > 20
    assert not _holds("ärendet och ärenden", case_words)   # the words of prose that the test lets pass by


def test_colon_name_forms_match_only_with_a_colon(pages):
    matched = 0
    for page in pages:
        for ln in page.lines:
            body = ln.text.lstrip(" \t-*•▪")
            for rx in colon_name_patterns():
                if rx.match(body):
                    assert ":" in body
                    matched += 1
    assert matched > 5


SECTION_SNIPPETS = ["Socialnämndens", "förslag till beslut", "Nämndens", "yrkande", "Yrkanden", "Bakgrund", ":",
                    " ", "**", "Beslut", "ärendet", "Barn- och utbildningsnämndens", "x", "s", "Ärendebeskrivning"]


def test_section_labels_as_before(pages):
    lines = [ln.folded for page in pages for ln in page.lines if ln.folded]
    got = [section_label(f) for f in lines]
    assert got == [section_label_plain(f) for f in lines]
    assert sum(got) > 10


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SECTION_SNIPPETS), max_size=8).map(" ".join))
def test_section_labels_on_generated_lines(text):
    for f in (fold(text), fold(text).replace(" ", ""), fold(text) + " :"):
        assert section_label(f) == section_label_plain(f), f


def test_a_sentence_folds_to_its_slice_of_the_folded_page(pages):
    seen = 0
    for page in pages:
        lines = [ln for ln in page.lines if ln.clean]
        for a, b in paragraphs(page, lines):
            for sent in sentences(page.text[a:b], a):
                assert page.folded[sent.start:sent.end] == fold(sent.text)
                seen += 1
    assert seen > 500
    text = "Mötet 6ppnades.\n6vriga frågor: inga. Beslöt att 6ka."
    page = Page(Document("x.txt", "x", text, "text/plain", "0" * 64))
    for sent in sentences(text, 0):
        assert page.folded[sent.start:sent.end] == fold(sent.text) == fold_text(sent.text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("Ab -\t\n\u00a0\u2003.é"), max_size=30))
def test_split_counts_the_words_the_word_expression_finds(text):
    assert len(text.split()) == len(ENTRY_WORD_RE.findall(text))
    assert len(re.findall(r"\S+", text)) == len(text.split())


def test_the_labels_of_long_lines_are_kept_as_read(pages):
    """cover.py reads the labels the page kept for its long lines left as they are: the labels
    all_labels gives them."""
    from kg.segment.flattened import MIN_FLAT_LEN, all_labels

    kept = 0
    for page in pages:
        for ln in page.lines:
            labels = page.long_line_labels.get(ln.start)
            if labels is None or ln.restored:
                continue
            assert len(ln.text) >= MIN_FLAT_LEN
            assert labels == all_labels(ln.text, page.folded[ln.start:ln.start + len(ln.text)])
            kept += 1
    assert kept > 20
    text = "Protokoll\n\n" + "Beslutande Anna Ek (S), ordförande Per Ny (M) Övriga närvarande Eva Lund, sekreterare " * 3
    page = Page(Document("x.txt", "x", text, "text/plain", "0" * 64))
    assert all(ln.start not in page.long_line_labels for ln in page.lines if ln.restored)
