"""Sentences and folded words of a text, as the collaboration rules read them (folding in place,
one search for the saying words)."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..text import INVISIBLE, casefold_chars, fold

WORD_RE = re.compile(r"\w+")


def saying_sentences(text: str, spans: list[tuple[int, int]], words: frozenset[str],
                     folded: str | None) -> list[tuple[int, int]]:
    """The sentences (``spans``) with a piece (between white space) whose folded words include one
    of ``words``. Read off ``folded`` = ``folded_in_place(text)`` when there is one and the words
    are all word characters, a search per word: a word of a folded piece is then a maximal run of
    word characters of ``folded``, and none crosses white space or a sentence's end (which
    follows '.', '!', '?' or a line break). Else piece by piece, each distinct piece folded once."""
    roots = _roots(words) if folded is not None else None
    if roots is None or folded is None:
        pieces = [text[start:end].split() for start, end in spans]
        saying = {piece for piece in set().union(*pieces) if _says_any(piece, words)}
        return [span for span, sentence in zip(spans, pieces) if not saying.isdisjoint(sentence)]
    starts = [a for a, _ in spans]
    hit = set()
    n = len(folded)
    for root, group in roots:
        for q in occurrences(folded, root):
            if q and WORD_CHAR_RE.match(folded, q - 1):
                continue
            for w in group:
                end = q + len(w)
                if folded.startswith(w, q) and (end == n or not WORD_CHAR_RE.match(folded, end)):
                    hit.add(bisect_right(starts, q) - 1)
                    break
    return [spans[k] for k in sorted(hit)]


@lru_cache(maxsize=64)
def _roots(words: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The words no other word begins, each with the words it begins ('samverka': 'samverka',
    'samverkan', ...): one search per root. None when a word is not all word characters."""
    if not words or not all(WORD_RE.fullmatch(w) for w in words):
        return None
    roots = sorted(w for w in words if not any(v != w and w.startswith(v) for v in words))
    return tuple((r, tuple(sorted(w for w in words if w.startswith(r)))) for r in roots)


WORD_CHAR_RE = re.compile(r"\w")


def mellan_ends(folded: str) -> set[int]:
    """The positions ``s`` where the last folded word of ``text[s - 8:s]`` can be "mellan", for
    ``folded`` = ``folded_in_place(text)``: 6 to 8 characters after a "mellan" of ``folded``."""
    return {q + k for q in occurrences(folded, "mellan") for k in (6, 7, 8)}


def occurrences(text: str, sub: str) -> list[int]:
    out, k = [], text.find(sub)
    while k >= 0:
        out.append(k)
        k = text.find(sub, k + 1)
    return out


def _folds_in_place(run: str) -> str | None:
    """``casefold_chars(run)`` when each character folds to exactly one that is no invisible
    character (``fold`` drops those) and folds to itself (``fold`` folds to a fixed point)."""
    folded = casefold_chars(run)
    if len(folded) != len(run) or casefold_chars(folded) != folded \
            or len(folded.translate(INVISIBLE)) != len(folded) \
            or len(run.translate(INVISIBLE)) != len(run):
        return None
    return folded


# the Latin-1 characters that fold in place, as a byte table for ``bytes.translate`` (far faster
# than ``str.translate`` through a dict); the others ("ß", "æ", "¼", soft hyphen) make
# ``folded_in_place`` give up
_LATIN1_IN_PLACE = [_folds_in_place(chr(c)) for c in range(256)]
_LATIN1_FOLDED = bytes(ord(f) if f is not None and ord(f) < 256 else c for c, f in enumerate(_LATIN1_IN_PLACE))
_LATIN1_SAFE = bytes(c for c, f in enumerate(_LATIN1_IN_PLACE) if f is not None and ord(f) < 256)
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]+")


@lru_cache(maxsize=1 << 12)
def _run_in_place(run: str) -> str | None:
    return _folds_in_place(run)


def folded_in_place(text: str) -> str | None:
    """``text`` folded character by character (``casefold_chars``), the same length as ``text``,
    when that gives every piece between white space the words of ``fold(piece)``: every character
    folds to exactly one, no invisible character (``fold`` drops them), and a second fold changes
    nothing (``fold`` folds to a fixed point). None otherwise. Dashes and white space, which
    ``fold`` rewrites too, are no word characters in either form."""
    if text.isascii():
        return text.lower()   # casefold_chars of ASCII
    latin1 = text.encode("latin-1", "replace")   # "?" for a character beyond Latin-1
    if latin1.translate(None, _LATIN1_SAFE):
        return None   # a Latin-1 character that does not fold in place
    folded = latin1.translate(_LATIN1_FOLDED).decode("latin-1")
    if latin1.count(b"?") == text.count("?"):
        return folded
    parts, pos = [], 0
    for m in _BEYOND_LATIN1.finditer(text):
        run = _run_in_place(m.group())
        if run is None:
            return None
        parts += (folded[pos:m.start()], run)
        pos = m.end()
    parts.append(folded[pos:])
    return "".join(parts)


@lru_cache(maxsize=1 << 16)
def _piece_words(piece: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(fold(piece)))


@lru_cache(maxsize=1 << 16)
def _says_any(piece: str, words: frozenset[str]) -> bool:
    return not words.isdisjoint(_piece_words(piece))


def folded_words(text: str) -> list[str]:
    r"""``re.findall(r"\w+", fold(text))``, folded piece by piece between white space (remembered
    per piece): folding works character by character and never joins or splits a word across
    white space, so the words are the same, in the same order, and a long text costs no fold."""
    return [w for piece in text.split() for w in _piece_words(piece)]


# where a sentence ends: after ".", "!" or "?" before white space, at a blank line, at a line break
# before a bullet, a lone "e"/"o" bullet or an item number; written with its first character as a
# set to skip to (about half the time per text), each branch after the one character it starts
# with (tests/oracles/extract.py has the plain expression)
SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])(?=\s)|(?<=\n)\s*\n|(?<=\n)(?=\s*(?:[-*•·»¢=\uf0b7]|[eo](?= [A-ZÅÄÖ])|\d+[.)] )))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: full stops, blank lines and bullet lines end a sentence."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    ends.append(len(text))
    return [(a, b) for a, b in zip([0, *ends], ends) if b > a]
