"""Expressions searched over whole texts, with their look back after the first character.

An expression that begins with a look back (``(?<![\\w-])``) is tried at every position of the
text; written with the look back after its first character (``patterns.word_start_alternatives``,
``patterns.WORD_START_NAME_WORD``), the engine looks for those characters alone. Each is checked
against the form it had (tests/oracles/segment.py) on real minutes, their folded text (where the
presenter cues are searched) and generated strings: the same matches and groups.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Document
from kg.segment import flattened, presenters
from kg.text import fold_text
from tests.oracles.segment import word_start_plain_patterns

DATA = Path(__file__).resolve().parents[1] / "data"
PLAIN = word_start_plain_patterns()


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[str]:
    """The texts of the seeds, the layouts, the genres corpus and 20 synthetic minutes, and each folded."""
    from bench.synth import write_corpus
    from kg.pipeline import read_documents

    synth = tmp_path_factory.mktemp("synth")
    write_corpus(20, synth, seed=5)
    docs: list[Document] = read_documents([DATA / "seeds", DATA / "layouts", DATA / "genres" / "docs", synth])[0]
    return [d.text for d in docs] + [fold_text(d.text) for d in docs]


def _fast(name: str) -> re.Pattern[str]:
    module, attr = name.split(".")
    return getattr(importlib.import_module(f"kg.segment.{module}"), attr)


def _same_matches(name: str, text: str) -> int:
    fast, plain = _fast(name), re.compile(*PLAIN[name])
    got = [(m.span(), m.groupdict(), m.groups()) for m in fast.finditer(text)]
    assert got == [(m.span(), m.groupdict(), m.groups()) for m in plain.finditer(text)], (name, text[:200])
    return len(got)


def test_the_look_backs_were_moved():
    for name, (plain, _) in PLAIN.items():
        assert _fast(name).pattern != plain, name
        assert not _fast(name).pattern.startswith("(?<"), name


def test_expressions_on_real_minutes(texts):
    found = {name: sum(_same_matches(name, t) for t in texts) for name in PLAIN}
    # the corpus exercises them: a cue, a name, a label or a numbered run in many texts
    for name in ("presenters.VERB_RE", "presenters._FULL_NAME_INLINE_RE", "cases.LABEL_RE", "flattened.NUMBERED_RE"):
        assert found[name] > 20, (name, found[name])


def test_search_from_an_offset(texts):
    """finditer(text, pos): the look back reads the character before ``pos`` in both forms."""
    for t in texts[:40]:
        for pos in (1, 7, len(t) // 3):
            for name in ("presenters.VERB_RE", "presenters._FULL_NAME_INLINE_RE", "cases.LABEL_RE"):
                fast, plain = _fast(name), re.compile(*PLAIN[name])
                assert [m.span() for m in fast.finditer(t, pos)] == [m.span() for m in plain.finditer(t, pos)]


SNIPPETS = ["redovisar", "informerade", "föredras av", "kommer", "kom", "till", "nämnden", "för att", " ", "-", "\n",
            "Anna", "Berg", "af", "de", "Per-Ola", "(AB)", "(SL)", "dnr", "Dnr:", "diarienr", "1.", "2:", "3.", "12.",
            "Mötet", "x", "é", "Ö", "§", "/", ",", ".", "kommer till sammanträdet för att", "kom till nämnden för att"]
TRICKY = "kKrRiIdDfFpPaA1234567890:.-–/§,\n\t ABÅÄÖaåäöé"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SNIPPETS) | st.text(alphabet=st.sampled_from(TRICKY), max_size=3), max_size=14))
def test_expressions_on_generated_text(parts):
    text = "".join(parts)
    for name in PLAIN:
        _same_matches(name, text)
        _same_matches(name, fold_text(text))


def test_numbered_run_reads_the_numbers_once():
    text = "Närvarande: Anna Berg 1. Mötets öppnande Ordföranden öppnade mötet. 2. Dagordning Godkändes. " \
           "3. Val av justerare Per Ek. 1: Övrigt"
    assert [m["num"] for m in flattened.numbered_run(text)] == ["1", "2", "3"]


def test_a_visit_to_present():
    assert presenters.VISIT_RE.search(fold_text("Vidare kommer till nämnden för att")) is not None


def test_role_phrases_on_real_minutes(texts):
    from kg.segment.roles import _phrase_res
    from tests.oracles.segment import role_phrase_patterns_plain

    plain = role_phrase_patterns_plain()
    fast = [rx for rx, *_ in _phrase_res()]
    assert len(fast) == len(plain) and all(f.pattern != p for f, p in zip(fast, plain))
    found = 0
    for t in texts:
        for f, p in zip(fast, map(re.compile, plain)):
            got = [(m.span(), m.span("n")) for m in f.finditer(t)]
            assert got == [(m.span(), m.span("n")) for m in p.finditer(t)], (p.pattern, t[:200])
            found += len(got)
    assert found > 10


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["mötet", "Mötet", "leddes", "av", "öppnades", "ordförande", "Anna Berg", "förde",
                                 "anteckningarna", "valdes", "till", "justerare", "x", "-", " ", "\n", "ö", "2"]),
                max_size=12).map(" ".join))
def test_role_phrases_on_generated_text(text):
    from kg.segment.roles import _phrase_res
    from tests.oracles.segment import role_phrase_patterns_plain

    for (f, *_), p in zip(_phrase_res(), role_phrase_patterns_plain()):
        for t in (text, fold_text(text), text.replace(" ", "")):
            assert [(m.span(), m.span("n")) for m in f.finditer(t)] == [(m.span(), m.span("n")) for m in re.finditer(p, t)]


def test_shortest_cue_words_find_what_every_cue_word_finds(texts):
    from kg.segment.decision_cues import CUE_WORDS, CUE_WORDS_SHORTEST
    from kg.segment.decisions import _holds_cue

    assert set(CUE_WORDS_SHORTEST) < set(CUE_WORDS) and "beslut" in CUE_WORDS_SHORTEST
    pieces = [p for t in texts for p in re.split(r"(?<=[.!?])\s+|\n\s*\n", t)]
    held = [_holds_cue(p) for p in pieces]
    assert held == [any(w in p for w in CUE_WORDS) for p in pieces]
    assert 100 < sum(held) < len(pieces)
    for w in CUE_WORDS:
        assert _holds_cue(f"x {w} y")


def test_lines_holding_the_keys_are_the_lines_the_expressions_can_match(tmp_path_factory):
    """roles.read_signature_rows and read_entry_roles read only the lines that hold a key word:
    every line a label or role expression matches is one of them."""
    from bench.synth import write_corpus
    from kg.pipeline import read_documents
    from kg.segment import roles
    from kg.segment.page import Page, lines_holding

    synth = tmp_path_factory.mktemp("synth_roles")
    write_corpus(20, synth, seed=9)
    docs = read_documents([DATA / "seeds", DATA / "layouts", DATA / "genres" / "docs", synth])[0]
    labelled = roles_found = 0
    for d in docs:
        page = Page(d)
        labels, entry_roles = lines_holding(page, roles._LABEL_KEYS), lines_holding(page, roles._ENTRY_ROLE_KEYS)
        for k, ln in enumerate(page.lines):
            if roles._ANY_LABEL_RE.search(page.folded, ln.start, ln.start + len(ln.text)):
                assert k in labels, ln.text
                labelled += 1
            if ln.folded and roles._ENTRY_ROLE_RE.search(ln.folded):
                assert k in entry_roles, ln.text
                roles_found += 1
    assert labelled > 50 and roles_found > 50


def test_lines_holding_on_a_flattened_line():
    from kg.models import Document
    from kg.segment.page import Page, lines_holding

    text = "Protokoll\n\n" + "Beslutande Anna Ek (S), ordförande Per Ny (M) Övriga närvarande Eva Lund, sekreterare " * 3
    page = Page(Document("x.txt", "x", text, "text/plain", "0" * 64))
    held = lines_holding(page, ("ordf", "sekr"))
    assert held == {k for k, ln in enumerate(page.lines) if "ordf" in ln.folded or "sekr" in ln.folded
                    or "ordf" in page.folded[ln.start:ln.start + len(ln.text)]
                    or "sekr" in page.folded[ln.start:ln.start + len(ln.text)]}
    assert held and lines_holding(page, ("jav",)) == set()


def test_flattened_cuts_pass_over_long_lines_without_digits_as_before(texts, monkeypatch):
    """flattened_cuts gives up on a long line with fewer than two glued capitals, fewer than three
    labels and no digit before reading stamps and headings (each holds a digit): with that test
    off (every line holding a "digit") the cuts and the item state are the same."""
    lines = [(ln, fold_text(ln)) for t in texts[:len(texts) // 2] for ln in t.split("\n") if len(ln) >= 80]
    extra = ["Beslutande Anna Ek (S), ordförande Per Ny (M) Övriga närvarande Eva Lund, sekreterare Justerare "
             "Per Ny Sekreterare Eva Lund Ordförande Anna Ek " * 2,
             "Mötet öppnades. Närvarande: Anna Ek, Per Ny. Frånvarande: Eva Lund. Protokollet justeras av Per Ny "
             "som också är ordförande. Sekreterare Eva Lund. " * 2]
    lines += [(x, fold_text(x)) for x in extra]
    fast = [[flattened.flattened_cuts(t, f, in_items, set()) for in_items in (False, True)] for t, f in lines]
    monkeypatch.setattr(flattened, "_DIGIT_RE", re.compile(""))
    plain = [[flattened.flattened_cuts(t, f, in_items, set()) for in_items in (False, True)] for t, f in lines]
    assert fast == plain
    assert sum(1 for cuts in plain if cuts[0][0]) >= 1
