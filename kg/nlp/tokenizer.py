"""The tokenizer: spaCy's Swedish one with the affixes minutes need, and a cache of the chunks it
has split."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex


@spacy.registry.tokenizers("kg.sv_tokenizer.v1")
def make_tokenizer():
    """spaCy's Swedish tokenizer with the affixes of ``_affix_functions``, made in one step (spaCy's
    own factory compiles its affix expressions; replacing them afterwards loads the tokenizer's
    special cases again for each)."""
    from spacy.tokenizer import Tokenizer

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        prefix_search, suffix_search, infix_finditer = _affix_functions(nlp)
        return Tokenizer(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions, prefix_search=prefix_search,
                         suffix_search=suffix_search, infix_finditer=infix_finditer,
                         token_match=nlp.Defaults.token_match, url_match=nlp.Defaults.url_match)

    return tokenizer_factory


def _affix_functions(nlp: Language):
    """(prefix_search, suffix_search, infix_finditer) of spaCy's Swedish affixes and those minutes
    need: Markdown marks (~~Name~~, **Title**), 'HD-domen', 'Network)-utbildning', 'LG+SG', 'SOF:s'."""
    prefixes = list(nlp.Defaults.prefixes) + [r"~~+", r"\*\*+", r"__+"]
    suffixes = list(nlp.Defaults.suffixes) + [r"~~+", r"\*\*+", r"__+", r"(?<=[A-ZÅÄÖ]):s"]
    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[A-ZÅÄÖ]{2})-(?=[a-zåäö])",
        r"(?<=\w)\)(?=-)",
        r"(?<=\))-(?=\w)",
        r"(?<=[A-ZÅÄÖ])\+(?=[A-ZÅÄÖ])",
        r"(?<=[a-zåäö])/(?=[A-ZÅÄÖ])",
    ]
    return (compile_prefix_regex(prefixes).search, compile_suffix_regex(suffixes).search,
            compile_infix_regex(infixes).finditer)


# spaCy's tokenizer caches how it split each whitespace-separated chunk, but stops caching for the
# rest of a text at the first special case it meets ("\n" is one, so after the first line break
# of every document): each word was split again with the affix expressions in every document.
# ChunkCachingTokenizer first gives it the chunks it has not seen, in texts of their own with no
# special case before them, so that it caches them; the text itself then finds those chunks in
# the cache. A chunk is split the same alone and within a text, and the cache holds only the
# lexemes the plain splitting makes (spaCy never caches a chunk that a special case took part
# in), so the Doc is the same.
TOKENIZER_CACHE_SIZE = 250_000
# runs of two or more white space characters, and the single ones that are no plain space: one
# search each finds them faster than one search for all runs of white space (a word per run)
_LONG_WHITESPACE = re.compile(r"\s\s+")
_OTHER_WHITESPACE = re.compile(r"[^\S ]")


def tokenizer_chunks(text: str) -> set[str]:
    """The chunks spaCy's tokenizer looks up in its cache for ``text`` (a few more do no harm):
    the runs of non-space characters and the runs of white space (without the one space that
    ends the word before)."""
    chunks = set(text.split())
    for run in set(_LONG_WHITESPACE.findall(text)):
        chunks.add(run)
        if run[0] == " ":
            chunks.add(run[1:])
    chunks.update(_OTHER_WHITESPACE.findall(text))
    chunks.discard(" ")
    return chunks


class ChunkCachingTokenizer:
    """spaCy's tokenizer (``self.tokenizer``), its cache filled with the new chunks before each
    text; anything else is read from the tokenizer itself."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_CACHE_SIZE)
        self.seen: set[str] = set()

    def __call__(self, text: str) -> Doc:
        seen = self.seen
        if len(text) > 200 and len(seen) < TOKENIZER_CACHE_SIZE:   # (a short text gains little)
            new = tokenizer_chunks(text) - seen
            if new:
                self._fill(new)
                seen.update(new)
        doc = self.tokenizer(text)
        # spaCy's tokenizer loses no character (Doc.text == text), so the text the TokenTable
        # reads need not be joined again from the tokens
        doc.user_data["kg_text"] = text
        return doc

    def _fill(self, chunks: Iterable[str]) -> None:
        """Has the tokenizer cache ``chunks``. A word that is no special case and has no prefix or
        suffix is split by nothing but a look-up of itself, which meets no special case: all of
        those are tokenized as one text (a Doc per chunk cost more than the splitting), joined
        by single spaces, and cached as each would be alone. Every other chunk is tokenized
        alone, as a special case met in it would stop the caching of those after it; a special
        case itself is never cached."""
        tokenize = self.tokenizer
        specials = tokenize.rules
        find_prefix, find_suffix = tokenize.find_prefix, tokenize.find_suffix
        plain = []
        for chunk in chunks:
            if chunk in specials:
                continue
            if chunk[0].isspace() or find_prefix(chunk) or find_suffix(chunk):
                tokenize(chunk)
            else:
                plain.append(chunk)
        if plain:
            tokenize(" ".join(plain))

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)
