"""The fast paths of the rules after the spaCy pipeline give what the plain forms give.

``collaborations`` reads the collaboration words off the text folded in place (one fold per
document, a search per word) instead of splitting and folding every sentence; it looks for
"mellan" before an organisation only where the folded text has one; and ``sentences`` scans with
a pattern that skips to the characters a sentence can end with. Each test compares one of these
with the plain form on real text (the seeds and genre samples) and on generated input.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import extract as X
from kg.nlp import cue, fold
from tests.oracles.extract import saying_sentences_plain, sentences_plain, textscan_roots

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [p.read_text(encoding="utf-8") for d in ("seeds", "layouts") for p in sorted((DATA / d).iterdir())
         if p.is_file()]

# pieces that fold in place, that do not ("ß", "æ", soft hyphen, a combining mark) and that fold
# to collaboration words ("Samverkan", "SAMVERKAN", "samvérkan")
PIECES = [
    "samverkan", "Samverkan", "SAMVERKAN", "samvérkan", "samverkans", "samverkanspartners", "samarbete",
    "samarbetet:", "(samarbete)", "tillsammans.", "mellan", "Mellan", "ömellan", "mellanrum", "gemensamma",
    "ihop", "i", "och", "Region", "Skåne", "–", "…", "”", "ß", "Æ", "sam\u00adverkan", "sam\u200bverkan",
    "samverka\u0301n", "µ", "¼", "¨", "ｓａｍｖｅｒｋａｎ", "e", "o", "Anna", "1.", "-", "*", "•", "12)", "x_y",
    "SOF", "?", ".", "!", "",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\n \n", ". ", ".\n", "!\n", "? ", "\t", "\u00a0", "\n- ", "\n1. ", "\n e "]


def _texts_strategy():
    return st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40).map(
        lambda parts: "".join(p + s for p, s in parts))


def _check_saying(text: str) -> None:
    words = cue("collaboration")
    spans = X.sentences(text)
    plain = saying_sentences_plain(text, spans, words)
    assert X.saying_sentences(text, spans, words, None) == plain   # piece by piece
    folded = X.folded_in_place(text)
    if folded is not None:
        assert len(folded) == len(text)
        assert X.saying_sentences(text, spans, words, folded) == plain


def _check_mellan(text: str) -> None:
    """Every position whose 8 characters before end in the folded word "mellan" is a candidate."""
    folded = X.folded_in_place(text)
    if folded is None:
        return
    after = X.mellan_ends(folded)
    for s in range(len(text) + 1):
        before = X.folded_words(text[max(0, s - 8):s])
        if before and before[-1] == "mellan":
            assert s in after, (text, s)


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_sentences_on_real_text(k):
    assert X.sentences(TEXTS[k]) == sentences_plain(TEXTS[k])


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_saying_sentences_on_real_text(k):
    _check_saying(TEXTS[k])
    # with the collaboration words put in at some places, capitalised and with diacritics
    words = sorted(cue("collaboration"))
    text = TEXTS[k]
    spiked = " ".join(w if j % 7 else f"{words[j % len(words)].capitalize()}. {w}" for j, w in enumerate(text.split(" ")))
    _check_saying(spiked)
    _check_mellan(spiked[:3000])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts_strategy())
def test_saying_sentences_on_generated_text(text):
    assert X.sentences(text) == sentences_plain(text)
    _check_saying(text)
    _check_mellan(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF), max_size=60))
def test_folded_in_place_keeps_the_words_of_each_piece(text):
    folded = X.folded_in_place(text)
    if folded is None:
        return
    assert len(folded) == len(text)
    pos = 0
    for piece in text.split():
        start = text.index(piece, pos)
        pos = start + len(piece)
        assert X.WORD_RE.findall(folded[start:pos]) == X.WORD_RE.findall(fold(piece)), piece


def test_folded_in_place_gives_up_where_it_must():
    assert X.folded_in_place("Straße") is None           # "ß" folds to two letters
    assert X.folded_in_place("sam\u00adverkan") is None   # fold drops the soft hyphen
    assert X.folded_in_place("Samverkan – Göteborg") == "samverkan - goteborg".replace("-", "\u2013")
    assert X.folded_in_place("SAMVERKAN") == "samverkan"


def test_roots_cover_every_word():
    words = cue("collaboration")
    roots = textscan_roots(words)
    assert sorted(w for _, group in roots for w in group) == sorted(words)
    assert all(w.startswith(r) for r, group in roots for w in group)
