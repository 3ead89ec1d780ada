"""The tokenizer's cache is filled as by one text per chunk, though most chunks share one text.

``ChunkCachingTokenizer._fill`` tokenizes the chunks without prefix, suffix or special case
together. Whether spaCy cached a chunk shows in whether a later text splits it again: the suffix
search is called for every chunk not found in the cache, so the calls it gets for a text with a
special case first ("\\n", after which spaCy caches nothing) count the chunks that were not cached.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import nlp as K
from tests.oracles.nlp import customize_tokenizer

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
WORDS = ["Region", "Skåne", "i", "och", "t.ex.", "bl.a.", "(SFF)", "**Beslut**", "~~Anna~~", ":)", "HD-domen",
         "SOF:s", "LG+SG", "kl.", "e.g.", "kr", "AB", "förvaltningen,", "2023-2024", "\u2003", "\t", "\n\n", "”Mitt”"]


def _counting_tokenizer():
    nlp = spacy.blank("sv")
    customize_tokenizer(nlp)
    tokenizer = nlp.tokenizer
    calls = []
    search = tokenizer.suffix_search

    def counted(text):
        calls.append(text)
        return search(text)

    tokenizer.suffix_search = counted
    return tokenizer, calls


def _uncached_after_fill(text: str, fill) -> list[str]:
    tokenizer, calls = _counting_tokenizer()
    fill(tokenizer, K.tokenizer_chunks(text))
    calls.clear()
    tokenizer("\n" + text)
    return sorted(calls)


def _fill_alone(tokenizer, chunks) -> None:
    for chunk in chunks:
        tokenizer(chunk)


def _fill_together(tokenizer, chunks) -> None:
    K.ChunkCachingTokenizer(tokenizer)._fill(chunks)


def _same_cache(text: str) -> None:
    assert _uncached_after_fill(text, _fill_together) == _uncached_after_fill(text, _fill_alone)


def test_fill_caches_the_seed_minutes_as_one_text_per_chunk():
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        _same_cache(path.read_text(encoding="utf-8"))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "\n", "", "  "])), min_size=1, max_size=40))
def test_fill_caches_any_text_as_one_text_per_chunk(parts):
    _same_cache("".join(w + sep for w, sep in parts))


def test_a_special_case_in_the_joined_text_would_show():
    # the check above can fail: a special case among the chunks of one text stops the caching
    def fill_all_together(tokenizer, chunks):
        words = sorted((c for c in chunks if not c[0].isspace()), key=lambda c: c != "t.ex.")   # t.ex. first
        tokenizer(" ".join(words))

    text = "t.ex. Region Skåne och Lund"
    assert _uncached_after_fill(text, fill_all_together) != _uncached_after_fill(text, _fill_alone)
