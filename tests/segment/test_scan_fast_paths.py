"""Scans over whole texts and their shortcuts give what their plain forms give.

* An expression that begins with a look back (``(?<![\\w-])``, ``\\b``) is tried at every position
  of the text; written with the look back after its first character
  (``patterns.word_start_alternatives``, ``patterns.WORD_START_NAME_WORD``), the engine looks for
  those characters alone: presenter cues, full names, initials, case labels, numbered runs, role
  phrases, each against the form it had.
* Decision paragraphs and sentences are asked for the shortest cue words with ``in``.
* Signature rows and entry roles read only the lines that hold a key word (``page.lines_holding``).
* A long line without digits, glued capitals or three labels is no flattened line.
Each is checked on real minutes (tests/data: seeds, layouts, genres), synthetic minutes, their
folded text (where the cues are searched) and generated strings (tests/oracles/segment.py).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Document
from kg.segment import flattened, presenters, roles
from kg.segment.decision_cues import CUE_WORDS, CUE_WORDS_SHORTEST
from kg.segment.decisions import holds_cue
from kg.segment.page import Page, lines_holding
from kg.text import fold_text
from tests.corpora import real_and_synthetic
from tests.oracles.segment import (
    entry_role_lines_plain,
    flattened_cuts_plain,
    role_phrase_pairs,
    signature_label_lines_plain,
    word_start_pairs,
)

PAIRS = word_start_pairs()


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[Document]:
    """The seeds, the layouts, the genres corpus and 20 synthetic minutes."""
    return real_and_synthetic(tmp_path_factory.mktemp("synth"), 20, seed=5, genres=True)


@pytest.fixture(scope="module")
def texts(docs) -> list[str]:
    """Each document's text, then each folded."""
    return [d.text for d in docs] + [fold_text(d.text) for d in docs]


def _same_matches(fast: re.Pattern[str], plain: re.Pattern[str], text: str, pos: int = 0) -> int:
    got = [(m.span(), m.groupdict(), m.groups()) for m in fast.finditer(text, pos)]
    assert got == [(m.span(), m.groupdict(), m.groups()) for m in plain.finditer(text, pos)], (plain.pattern, text[:200])
    return len(got)


# --------------------------------------------------------------------------- look backs after the first character

def test_the_look_backs_were_moved():
    for name, (fast, plain) in PAIRS.items():
        assert fast.pattern != plain.pattern and not fast.pattern.startswith("(?<"), name


def test_expressions_on_real_minutes(texts):
    found = {name: sum(_same_matches(fast, plain, t) for t in texts) for name, (fast, plain) in PAIRS.items()}
    # the corpus exercises them: a cue, a name, a label or a numbered run in many texts
    for name in ("presenters.VERB_RE", "presenters._FULL_NAME_INLINE_RE", "cases.LABEL_RE", "flattened.NUMBERED_RE"):
        assert found[name] > 20, (name, found[name])


def test_search_from_an_offset(texts):
    """finditer(text, pos): the look back reads the character before ``pos`` in both forms."""
    for t in texts[:40]:
        for pos in (1, 7, len(t) // 3):
            for fast, plain in PAIRS.values():
                _same_matches(fast, plain, t, pos)


SNIPPETS = ["redovisar", "informerade", "föredras av", "kommer", "kom", "till", "nämnden", "för att", " ", "-", "\n",
            "Anna", "Berg", "af", "de", "Per-Ola", "(AB)", "(SL)", "dnr", "Dnr:", "diarienr", "1.", "2:", "3.", "12.",
            "Mötet", "x", "é", "Ö", "§", "/", ",", ".", "kommer till sammanträdet för att", "kom till nämnden för att",
            "KS 2019/456", "BUN-2013-12", "KSAU", "2019", "/0456-042"]
TRICKY = "kKrRiIdDfFpPaA1234567890:.-–/§,\n\t ABÅÄÖaåäöé"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SNIPPETS) | st.text(alphabet=st.sampled_from(TRICKY), max_size=3), max_size=14))
def test_expressions_on_generated_text(parts):
    text = "".join(parts)
    for fast, plain in PAIRS.values():
        _same_matches(fast, plain, text)
        _same_matches(fast, plain, fold_text(text))


def test_a_numbered_run_and_a_visit():
    text = "Närvarande: Anna Berg 1. Mötets öppnande Ordföranden öppnade mötet. 2. Dagordning Godkändes. " \
           "3. Val av justerare Per Ek. 1: Övrigt"
    assert [m["num"] for m in flattened.numbered_run(text)] == ["1", "2", "3"]
    assert presenters.VISIT_RE.search(fold_text("Vidare kommer till nämnden för att")) is not None
    assert presenters.VISIT_RE.search(fold_text("Vidarekommer till nämnden för att")) is None


def test_role_phrases_on_real_minutes(texts):
    pairs = role_phrase_pairs()
    assert pairs and all(fast.pattern != plain.pattern for fast, plain in pairs)
    found = 0
    for t in texts:
        for fast, plain in pairs:
            got = [(m.span(), m.span("n")) for m in fast.finditer(t)]
            assert got == [(m.span(), m.span("n")) for m in plain.finditer(t)], (plain.pattern, t[:200])
            found += len(got)
    assert found > 10


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["mötet", "Mötet", "leddes", "av", "öppnades", "ordförande", "Anna Berg", "förde",
                                 "anteckningarna", "valdes", "till", "justerare", "x", "-", " ", "\n", "ö", "2"]),
                max_size=12).map(" ".join))
def test_role_phrases_on_generated_text(text):
    for fast, plain in role_phrase_pairs():
        for t in (text, fold_text(text), text.replace(" ", "")):
            assert [(m.span(), m.span("n")) for m in fast.finditer(t)] == [(m.span(), m.span("n")) for m in plain.finditer(t)]


# --------------------------------------------------------------------------- cue words, key lines, flattened lines

def test_shortest_cue_words_find_what_every_cue_word_finds(texts):
    assert set(CUE_WORDS_SHORTEST) < set(CUE_WORDS) and "beslut" in CUE_WORDS_SHORTEST
    pieces = [p for t in texts for p in re.split(r"(?<=[.!?])\s+|\n\s*\n", t)]
    held = [holds_cue(p) for p in pieces]
    assert held == [any(w in p for w in CUE_WORDS) for p in pieces]
    assert 100 < sum(held) < len(pieces)
    for w in CUE_WORDS:
        assert holds_cue(f"x {w} y")


def test_lines_holding_the_keys_are_the_lines_the_expressions_can_match(docs):
    """roles.read_signature_rows and read_entry_roles read only the lines that hold a key word:
    every line a label or role expression matches is one of them."""
    labelled = with_roles = 0
    for d in docs:
        page = Page(d)
        labels, entry_roles = signature_label_lines_plain(page), entry_role_lines_plain(page)
        assert labels <= lines_holding(page, roles.LABEL_KEYS), d.identifier
        assert entry_roles <= lines_holding(page, roles.ENTRY_ROLE_KEYS), d.identifier
        labelled += len(labels)
        with_roles += len(entry_roles)
    assert labelled > 50 and with_roles > 50


def test_lines_holding_on_a_flattened_line():
    text = "Protokoll\n\n" + "Beslutande Anna Ek (S), ordförande Per Ny (M) Övriga närvarande Eva Lund, sekreterare " * 3
    page = Page(Document("x.txt", "x", text, "text/plain", "0" * 64))
    assert len(page.lines) > 3   # the flattened line restored as rows
    held = lines_holding(page, ("ordf", "sekr"))
    assert held == {k for k, ln in enumerate(page.lines)
                    if "ordf" in page.folded[ln.start:ln.start + len(ln.text)] or "sekr" in page.folded[ln.start:ln.start + len(ln.text)]}
    assert held and lines_holding(page, ("jav",)) == set()


def test_flattened_cuts_pass_over_long_lines_without_digits_as_before(texts):
    """flattened_cuts gives up on a long line with fewer than two glued capitals, fewer than three
    labels and no digit before reading stamps and headings (each holds a digit)."""
    lines = [(ln, fold_text(ln)) for t in texts[:len(texts) // 2] for ln in t.split("\n") if len(ln) >= 80]
    extra = ["Beslutande Anna Ek (S), ordförande Per Ny (M) Övriga närvarande Eva Lund, sekreterare Justerare "
             "Per Ny Sekreterare Eva Lund Ordförande Anna Ek " * 2,
             "Mötet öppnades. Närvarande: Anna Ek, Per Ny. Frånvarande: Eva Lund. Protokollet justeras av Per Ny "
             "som också är ordförande. Sekreterare Eva Lund. " * 2]
    lines += [(x, fold_text(x)) for x in extra]
    cut = 0
    for t, f in lines:
        for in_items in (False, True):
            fast = flattened.flattened_cuts(t, f, in_items, set())
            assert fast == flattened_cuts_plain(t, f, in_items, set()), t[:200]
            cut += bool(fast[0])
    assert cut >= 1
