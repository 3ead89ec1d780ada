"""The second round of kg.segment fast paths give what their plain forms give.

Lines are folded once per document (a slice of the whole text folded) and built without the
frozen dataclass's ``__init__``; the attendance scan visits only the lines that can be labels;
paragraphs are joined by line numbers instead of counting line breaks in the text; a piece without
a line break is not split at line breaks. Each test checks one shortcut against its plain form on
real minutes (tests/data/seeds, tests/data/layouts, a small synthetic corpus) or generated strings.
"""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg import segment as SEG
from kg import text as kg_text
from kg.models import Document
from kg.segment import attendance, decisions, page, people
from tests.corpora import real_and_synthetic
from tests.oracles.segment import label_candidates_plain, paragraphs_plain, people_pieces, split_lines_plain
from tests.oracles.text import fold_chars_plain

# the characters the shortcuts turn on: "6" (OCR_SIX_RE), Latin-1 and beyond ("µ" folds outside
# Latin-1), what clean_line cuts, white space and letters
TRICKY = "6⁶oeaAöÖÅåµſ–…\ufeff\u200b\xa0 \t\r\n#%|¦>-*•=~:/,.§1Ix_"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[Document]:
    return real_and_synthetic(tmp_path_factory.mktemp("synth"), 30, seed=5)


def _same_lines(text: str) -> None:
    fast, plain = SEG.split_lines(text), split_lines_plain(text)
    assert fast == plain
    for a, b in zip(fast, plain):
        assert type(a) is SEG.Line
        assert a.folded == SEG.fold(b.clean), (a, a.folded)
        b.folded  # noqa: B018 - compute the cached property
        assert a.__dict__ == b.__dict__


def test_split_lines_on_real_minutes(docs):
    for d in docs:
        _same_lines(d.text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=60))
@example("6ver\n**6vriga**\n- 6ver 6a\n#6ab\n e 6vr\nµ6ab")
@example("a6ab\n–6ab–\n\ufeff6ab")
def test_split_lines_on_generated_text(text):
    _same_lines(text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from(TRICKY), max_size=40))
def test_fold_text_is_fold(text):
    assert kg_text.fold_text(text) == fold_chars_plain(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("6a_åÅ1 ö\n-"), max_size=30))
def test_ocr_six_fast_has_the_same_matches(text):
    assert [m.span() for m in kg_text.OCR_SIX_FAST_RE.finditer(text)] == [m.span() for m in kg_text.OCR_SIX_RE.finditer(text)]


def test_paragraphs_by_line_numbers(docs):
    for d in docs:
        sg = SEG.Page(d)
        content = [ln for ln in sg.lines if ln.clean]
        assert decisions.paragraphs(sg, content) == paragraphs_plain(sg, content)
        every_other = content[::2]
        assert decisions.paragraphs(sg, every_other) == paragraphs_plain(sg, every_other)
        no_blanks_between = [ln for ln in sg.lines if ln.clean and ln.no % 3]
        assert decisions.paragraphs(sg, no_blanks_between) == paragraphs_plain(sg, no_blanks_between)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\nAb,;&och"), max_size=30), st.integers(0, 100))
def test_wrap_split_of_a_piece_without_line_break(text, base):
    parts = people_pieces(text, base, people.WRAP_SEP_RE)
    if "\n" not in text:
        assert len(parts) == 1 and (parts[0].start, parts[0].end, parts[0].text) == (base, base + len(text), text)


def _segment_plain(doc: Document, monkeypatch) -> SEG.Minutes:
    with monkeypatch.context() as m:
        m.setattr(page, "split_lines", split_lines_plain)
        m.setattr(attendance, "label_candidates", label_candidates_plain)
        m.setattr(decisions, "paragraphs", paragraphs_plain)
        return SEG.segment(doc)


def test_segment_same_as_plain_forms(docs, monkeypatch):
    for d in docs:
        assert SEG.segment(d) == _segment_plain(d, monkeypatch), d.path


def test_plain_forms_can_differ(monkeypatch):
    """The comparison above sees a difference: an attendance scan that misses a label changes
    the Minutes."""
    d = Document(identifier="x.txt", path="x.txt", text="Möte 2024-01-10\n\nNärvarande: Anna Berg, Per Ek\n\n1. Budget\nText.\n", media_type="text/plain", sha256="0")
    with monkeypatch.context() as m:
        m.setattr(SEG, "read_attendance", lambda page: None)
        broken = SEG.segment(d)
    assert broken != SEG.segment(d)
