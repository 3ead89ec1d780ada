"""The fast paths of kg.segment give what the plain forms give.

Segmenting skips a regular expression where a cheap test on the string shows that it cannot
match (a first character, a word in the folded line), folds Latin-1 text through a byte table and
reads a line as a label only when it can be one. Each test here checks one such shortcut against
the plain form (or the claim it rests on) on real minutes (tests/data/seeds, tests/data/layouts,
a small synthetic corpus) and on generated strings, so that a speed-up cannot change the output.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg import segment as SEG
from kg import text as kg_text
from kg.models import Document
from kg.segment import attendance, entries, furniture, patterns, people
from tests.oracles.segment import (
    END_MARK_RE,
    ENTRY_WORD_RE,
    FURNITURE_RE,
    HEADING_START_RE,
    attendance_label_plain,
    is_heading_line_plain,
    split_run_together_plain,
)
from tests.oracles.text import fold_chars_plain

DATA = Path(__file__).resolve().parents[1] / "data"
# every code point (surrogates included: a str may hold them)
ALL_CHARS = "".join(map(chr, range(sys.maxunicode + 1)))


def _documents() -> list[Document]:
    from kg.pipeline import read_documents

    return read_documents([DATA / "seeds", DATA / "layouts"])[0]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[Document]:
    from bench.synth import write_corpus
    from kg.pipeline import read_documents

    synth = tmp_path_factory.mktemp("synth")
    write_corpus(20, synth, seed=3)
    return _documents() + read_documents([synth])[0]


@pytest.fixture(scope="module")
def lines(docs) -> list[SEG.Line]:
    return [ln for d in docs for ln in SEG.split_lines(d.text)]


def _line(text: str) -> SEG.Line:
    return SEG.split_lines(text)[0]


def _case_equals(letter: str) -> set[str]:
    """Every character that re.IGNORECASE takes for ``letter``."""
    return set(re.findall(f"(?i){re.escape(letter)}", ALL_CHARS))


# --------------------------------------------------------------------------- facts the shortcuts rest on

def test_ignorecase_letters_fold_to_themselves():
    """A keyword matched with re.I is found in the folded line: every character that re.I takes
    for one of its letters folds to that letter (but the dotless "ı", which folding keeps)."""
    for letter in set("beslutgodkfastdnrip" + "e"):
        for c in _case_equals(letter):
            assert kg_text.fold_char(c) == letter or (letter, c) == ("i", "ı"), (letter, c)


def test_presenter_and_role_first_and_last_letters():
    assert set().union(*(_case_equals(c) for c in "fpda")) == patterns.PRESENTER_FIRST
    assert set().union(*(_case_equals(c) for c in "etfs")) | {"."} == entries.ROLE_LAST   # "s": "tjg ers"


def test_white_space_folds_to_white_space():
    assert all(kg_text.fold_char(c).isspace() for c in ALL_CHARS if c.isspace())


def test_digit_class_is_isdecimal_and_rstrip_is_the_space_class():
    assert re.findall(r"\d", ALL_CHARS) == [c for c in ALL_CHARS if c.isdecimal()]
    assert re.findall(r"\s", ALL_CHARS) == [c for c in ALL_CHARS if c.isspace()]


def test_first_character_sets_are_what_the_expressions_begin_with():
    """item_headings and items test a line's first character against these sets before the
    expression: exactly the characters a matching line can begin with."""
    paragraph = {c for c in ALL_CHARS if patterns.PARAGRAPH_RE.match(c + " 12 Titel")
                 or patterns.PARAGRAPH_RE.match(c * 2 + " 12 Titel")}
    assert paragraph == patterns.PARAGRAPH_FIRST
    assert {c for c in ALL_CHARS if HEADING_START_RE.match(c)} == patterns.HEADING_FIRST


def test_latin1_table_is_the_fold_table():
    for c in map(chr, range(256)):
        assert SEG.fold(c) == fold_chars_plain(c), repr(c)
        assert SEG.fold("x" + c + "6ver") == fold_chars_plain("x" + c + "6ver"), repr(c)


def test_fold_is_the_plain_fold_on_real_lines(lines):
    for ln in lines:
        assert SEG.fold(ln.text) == fold_chars_plain(ln.text)


FOLD_TEXT = st.lists(st.sampled_from(list("aÅäÖéÉ6 ¨µß–…ſİıK\u00a0\t") + ["6ver", "Över", "FÖRE", "x6ab"]),
                     max_size=20).map("".join)


@given(FOLD_TEXT)
def test_fold_is_the_plain_fold(text):
    SEG.fold.cache_clear()
    assert SEG.fold(text) == fold_chars_plain(text)


# --------------------------------------------------------------------------- attendance labels

def _segmenter(text: str) -> SEG.Page:
    return SEG.Page(Document(identifier="x.txt", path="x.txt", text=text, media_type="text/plain", sha256="0"))


def test_attendance_label_is_the_plain_label_on_real_lines(docs):
    seen = 0
    for d in docs:
        sg = _segmenter(d.text)
        for ln in sg.lines:
            fast, plain = attendance.attendance_label(sg, ln), attendance_label_plain(sg, ln)
            assert fast == plain, ln.text
            seen += plain is not None
    assert seen > 20  # the lines hold labels of every form


LABEL_PARTS = st.sampled_from(
    ["Närvarande", "NÄRVARANDE", "Narvarande", "Ej", "ej närvarande", "Vid", "vid anteckningarna", "Vid protokollet",
     "Ordf", "ordförande", "Ordförande", "Justerare", "6vriga", "Övriga", "deltagare", "Deltagare", "LG", "Anna",
     "Anna Berg", "Berg", "(S)", ",", ":", "/", "*", "**", " ", "  ", "\t", "\u00a0", "¨", "´", "6", ".", "…", "Dnr"])
LABEL_LINE = st.lists(LABEL_PARTS, max_size=8).map(" ".join) | st.lists(LABEL_PARTS, max_size=8).map("".join)


@settings(max_examples=400)
@given(LABEL_LINE, LABEL_LINE)
def test_attendance_label_is_the_plain_label(previous, text):
    sg = _segmenter(previous.replace("\n", " ") + "\n" + text.replace("\n", " "))
    for ln in sg.lines:
        assert attendance.attendance_label(sg, ln) == attendance_label_plain(sg, ln)


# --------------------------------------------------------------------------- presenter lines, headings, Dnr

def _same(m1, m2) -> bool:
    return (m1 is None) == (m2 is None) and (m1 is None or (m1.span(), m1.groupdict()) == (m2.span(), m2.groupdict()))


def test_line_shortcuts_on_real_lines(lines):
    _segmenter("x")
    for ln in lines:
        s = ln.clean
        assert _same(patterns.presenter_match(s), patterns.PRESENTER_RE.match(s)), s
        assert patterns.is_heading_line(ln) == is_heading_line_plain(ln), s
        if patterns.DNR_RE.search(s):
            assert patterns.may_hold_dnr(ln), s
        if patterns.DECISION_LABEL_RE.match(s):
            assert "beslut" in ln.folded, s
        if FURNITURE_RE.match(s) or furniture.PAGE_FOOTER_RE.match(s) or furniture.WEB_FURNITURE_RE.match(s):
            assert bool(FURNITURE_RE.match(s)) == bool(furniture.PAGE_FOOTER_RE.match(s) or furniture.WEB_FURNITURE_RE.match(s))


WORDS = st.sampled_from(
    ["Föredragande", "FÖREDRAGANDE", "foredragande", "Presentatör", "Dragande", "Ansvarig", "ansvarig för punkten",
     "Anna Berg", "§", "§ 12", "KS §", "KS", "12", "1.", "3)", "09.00", "13:30-14.00", "Dnr", "DNR", "dnr.",
     "Dıarienummer", "DİARİENR", "Diarienr", "KS 2023/123", "2023/45", "Beslut", "BESLUT", "beſlut", "Mötet beslutade",
     "Kommunstyrelsens", "beslutades", "Sida 2", "sida 3 av 9", "2 (5)", "Ladda ner", "protokoll.pdf", "(120 kB)",
     "Justerandes sign", ":", ".", "-", "*", " ", "\t", "\u00a0", "a", "Ärende", "٣", "６"])
LINE = st.lists(WORDS, max_size=7).map(" ".join) | st.lists(WORDS, max_size=7).map("".join)


@settings(max_examples=400)
@given(LINE)
@example("٣. Ärende")           # a heading numbered in other decimal digits
@example("١٠.٣٠ Ärende")
@example("§ 12 Ärende")
@example("Dıarienummer KS 2023/12")
@example("ansvarig: Anna Berg")
def test_line_shortcuts(text):
    text = text.replace("\n", " ")
    ln = _line(text)
    _segmenter("x")
    s = ln.clean
    assert _same(patterns.presenter_match(s), patterns.PRESENTER_RE.match(s))
    assert patterns.is_heading_line(ln) == is_heading_line_plain(ln)
    assert not patterns.DNR_RE.search(s) or patterns.may_hold_dnr(ln)
    assert not patterns.DECISION_LABEL_RE.match(s) or "beslut" in ln.folded
    assert bool(FURNITURE_RE.match(s)) == bool(furniture.PAGE_FOOTER_RE.match(s) or furniture.WEB_FURNITURE_RE.match(s))
    # the first characters _headings reads before its three expressions
    if patterns.PARAGRAPH_RE.match(s):
        assert s[0] in patterns.PARAGRAPH_FIRST
    if patterns.NUMBERED_RE.match(s) or patterns.TIMED_RE.match(s):
        assert s[0].isdecimal()
    # _is_plain_heading's reading of END_MARK_RE and HEADING_START_RE
    if s:
        assert bool(END_MARK_RE.search(s) or s.endswith(":")) == (s[-1] in ".,;!?:")
        assert bool(HEADING_START_RE.match(s)) == (s[0] in patterns.HEADING_FIRST)


# --------------------------------------------------------------------------- people lists

PEOPLE = st.lists(st.sampled_from(
    ["Anna Berg", "Maria Boman Hansson Marie Krantz", "Anna", "Maria", "Per Holm", "(S)", "(sekr.)", "(ordf)", "ordförande", "Ordförande", "ORDFÖRANDE", "ledamot",
     "ersättare", "ersätter", "för", "1:e vice ordförande", "sekreterare", "justerare", ",", ";", "&", "och", "(",
     ")", " ", "  ", "\t", "\n", "\u00a0", "SOF", "~~", "x"]), max_size=10).map(" ".join)


@settings(max_examples=300)
@given(PEOPLE)
def test_trailing_expression_shortcuts(text):
    if entries.TRAILING_ROLE_RE.search(text):
        assert text.rstrip()[-1:] in entries.ROLE_LAST
    if entries.TRAILING_PARENS_RE.search(text) or people.ROLE_IN_PARENS_RE.search(text):
        assert text.rstrip().endswith(")")
    if people.STRUCK_RE.search(text):
        assert "~~" in text
    assert (len(text.split()) < 4) == (len(ENTRY_WORD_RE.findall(text)) < 4)


@given(PEOPLE)
def test_split_run_together_is_the_plain_split(text):
    assert SEG.split_run_together(text) == split_run_together_plain(text)


def test_segment_gives_the_same_on_real_text_twice(docs):
    """The caches (fold, place names) give what a fresh run gives."""
    first = [SEG.segment(d) for d in docs]
    SEG.fold.cache_clear()
    assert [SEG.segment(d) for d in docs] == first
