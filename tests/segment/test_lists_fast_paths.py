"""The third round of kg.segment shortcuts give what their plain forms give.

A name is normalised for the organisation lookup only when its first word can begin an
organisation's name; some expressions begin with a lookahead for their first characters, so that
a search passes other characters at once; a line of a list is tried against the separator and
role expressions only where they can match. Each test checks one shortcut against its plain form
on real minutes (tests/data/seeds, tests/data/layouts, a small synthetic corpus) and on generated
strings.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg import segment as SEG
from kg.models import Document
from kg.segment import attendance, dates, decisions, furniture, header, page, patterns, people
from tests.corpora import real_and_synthetic
from tests.oracles.segment import (
    FURNITURE_PLAIN_RE,
    FURNITURE_RE,
    PLAIN_PATTERNS,
    is_name_line_plain,
    is_place_like_plain,
    org_first_words,
    people_pieces,
)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[Document]:
    return real_and_synthetic(tmp_path_factory.mktemp("synth"), 30, seed=11)


# --------------------------------------------------------------------------- organisation names


def _org_labels() -> list[str]:
    from kg.lexicons.gazetteer import load_organizations

    return [label for entry in load_organizations() for label in entry.labels]


def test_org_labels_are_place_like():
    labels = _org_labels()
    assert len(labels) > 500
    for label in labels:
        for text in (label, label.upper(), f"  {label}  ", label.replace(" ", " - ", 1)):
            assert patterns.is_place_like.__wrapped__(text) == is_place_like_plain(text), text
    assert sum(patterns.is_place_like.__wrapped__(label) for label in labels) > 500


def test_place_like_on_list_entries(docs):
    pieces = [p.text for d in docs for p in people_pieces(d.text, 0, people.COMMA_LIST_SEPS_RE)]
    words = {w for p in pieces for w in (p.strip(), *p.split())}
    assert len(words) > 1000
    for w in words:
        assert patterns.is_place_like.__wrapped__(w) == is_place_like_plain(w), w


_FIRST_WORDS = sorted(org_first_words())
WORD = st.text(alphabet=st.sampled_from("aAbBkKsSåÅöÖæßſ-–\u00ad\u200b ´\t"), max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_FIRST_WORDS), WORD, st.sampled_from(["", " ", "-", " - ", "\t", "\u200b", "´"]),
       st.sampled_from(["", "kommun", "Kommun", "stad", "län", "region"]))
@example("Region", "", " ", "Skåne")
@example("Bjuv", "", "", "")
def test_place_like_on_generated_names(first, tail, sep, last):
    for text in (first + tail + sep + last, first.title() + sep + last, first.upper() + tail):
        assert patterns.is_place_like.__wrapped__(text) == is_place_like_plain(text), text


# --------------------------------------------------------------------------- expressions


def _segment_attr(name: str):
    """The expression ``name`` from the module of kg.segment that defines it."""
    return next(getattr(m, name) for m in (patterns, people, decisions, dates, header, page, furniture, attendance) if hasattr(m, name))


def _same_matches(name: str, text: str) -> None:
    fast = _segment_attr(name)
    plain = re.compile(*PLAIN_PATTERNS[name])
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)
    assert [m.groups() for m in fast.finditer(text)] == [m.groups() for m in plain.finditer(text)], (name, text)


def test_expressions_on_real_minutes(docs):
    for d in docs:
        for name in PLAIN_PATTERNS:
            _same_matches(name, d.text)


TRICKY = "KkKsSſ1234567890:.-–—!?\n\t \xa0ABÅÄÖaåäöé,;&§"
SNIPPETS = ["att", " att ", "\natt", "ordförande", "Ledamot", "ersättare", "ORDF.", "kl", "klockan", "till", "och", "grupp", "nämnden", "Styrelsen", "kommun", "AB", "stad", "FÖRVALTNING",
            "10.00", "13:30", "-", " ", "\n", ". ", ", ", " & ", " och ", "Anna", "\n\n", "råd", "team"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SNIPPETS) | st.text(alphabet=st.sampled_from(TRICKY), max_size=3), max_size=14))
def test_expressions_on_generated_text(parts):
    text = "".join(parts)
    for name in PLAIN_PATTERNS:
        _same_matches(name, text)


FURNITURE_LINES = ["Sida 3 av 7", "3 (7)", "12/14", "Justerandes sign", "Utdragsbestyrkande", "Ladda ner", "DOWNLOAD",
                   "Storlek: 2 MB", "Starta visningen", "Transkript", "Save this PDF as", "Skriv ut", "Print", "Dela",
                   "Share", "Till toppen", "Hoppa till innehållet", "Cookies: godkänn", "Visa hela", "Öppna i nytt fönster",
                   "protokoll.pdf", "Bilaga 1.DOCX (120 kB)", "ſida 2", "٣ (٧)", "Anna Berg", "Beslut", "ö", "6ver"]


def test_furniture_on_real_lines(docs):
    lines = [ln.clean for d in docs for ln in SEG.split_lines(d.text)] + FURNITURE_LINES
    found = 0
    for s in lines:
        fast, plain = FURNITURE_RE.match(s), FURNITURE_PLAIN_RE.match(s)
        assert (fast and fast.span()) == (plain and plain.span()), s
        found += bool(plain)
    assert found >= len(FURNITURE_LINES) - 4


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(FURNITURE_LINES), st.text(alphabet=st.sampled_from(TRICKY + "ſSsJjUuLlTtDdPpHhCcVvÖö"), max_size=4))
def test_furniture_on_generated_lines(line, noise):
    for s in (line, noise + line, line + noise, noise):
        fast, plain = FURNITURE_RE.match(s), FURNITURE_PLAIN_RE.match(s)
        assert (fast and fast.span()) == (plain and plain.span()), s


# --------------------------------------------------------------------------- list lines


def _doc(text: str) -> Document:
    return Document(identifier="x.txt", path="x.txt", text=text, media_type="text/plain", sha256="0")


def _same_name_lines(text: str) -> int:
    pg = SEG.Page(_doc(text))
    names = 0
    for ln in pg.lines:
        for continuation in (False, True):
            got = attendance.is_name_line(pg, ln, continuation)
            assert got == is_name_line_plain(pg, ln, continuation), (ln.clean, continuation)
            names += got
    return names


def test_name_lines_on_real_minutes(docs):
    assert sum(_same_name_lines(d.text) for d in docs) > 100


LIST_WORDS = ["Anna Berg", "Per Ek", "(S)", "(sekr.)", "ersätter", "ers.", "för", "ordförande", "ledamot", "Ordf.",
              "justerare", ",", ";", " & ", " och ", " ", "\n", ".", "!", "?", "fö", "Ersättare", "vice ordförande"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LIST_WORDS), max_size=10))
@example(["Anna Berg", " ", "ersätter", " ", "Per Ek"])
@example(["Anna Berg", ",", " ", "ordförande", "."])
def test_name_lines_on_generated_lists(words):
    _same_name_lines("Närvarande:\n" + "".join(words) + "\n")


# --------------------------------------------------------------------------- whole minutes

def test_item_prefilters_see_what_they_skip(docs):
    """The folded text of an item holds the decision, recusal and registration-number words where
    one of its lines does (each line's folded text is a slice of it)."""
    for d in docs[:40]:
        sg = SEG.Page(d)
        for i in range(0, len(sg.lines), 7):
            part = sg.lines[i:i + 9]
            for words in (("besl", "godk", "fastst"), ("jav", "deltar "), patterns.DNR_WORDS_FOLDED):
                if any(w in ln.folded for ln in part for w in words):
                    assert page.folded_holds(sg, part, words)
