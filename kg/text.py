"""Folding, normal forms and slugs of text: the one place for them.

Which form to use:

* :func:`fold_chars`: lower case without diacritics, one character for one, so that offsets in the
  folded text are offsets in the original (OCR's "6" for a word-initial "ö" folds to "o" as well).
  What segmentation compares its cue words in; :func:`fold_text` folds a whole text the same way.
* :func:`normalize`: the comparison form of a name: case-folded (``ß`` -> ``ss``), without
  diacritics, invisible characters dropped, every dash a hyphen, single spaces, tight hyphens.
  What the gazetteers, the spaCy components, extraction and resolution compare names in;
  :func:`fold` is the same, remembered. :func:`casefold_chars` is its character-by-character step.
* :func:`slug`: an ASCII slug for IRIs; :func:`name_slug`: an ASCII slug of a name's
  comparison form, for keys. They differ (``ß``, ``æ``, dashes) and the graph's IRIs depend on
  both, so both stay.
* :func:`case_identifier`: the normal form of a written diarienummer.
* :func:`one_line`: a message from another program, on one line.

Standard library only.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "DASHES", "INVISIBLE", "OCR_SIX_FAST_RE", "OCR_SIX_RE", "case_identifier", "casefold_chars",
    "digest", "fold", "fold_char", "fold_chars", "fold_phrase", "fold_text",
    "name_slug", "name_slug_of_folded", "normalize", "one_line", "slug",
]


# ---------------------------------------------------------------------------------------------
# Folding one character for one (segmentation)


def fold_char(c: str) -> str:
    d = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(d) == 1:
        return d
    low = c.lower()
    return low if len(low) == 1 else c


class _FoldTable(dict):
    """code point -> folded character for ``str.translate``, filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
OCR_SIX_RE = re.compile(r"(?<![\w])6(?=[a-zåäö]{2})")  # "6ver", "6vriga": an OCR'd "ö" at a word's start


# fold_char of every Latin-1 character as a byte table, for ``bytes.translate`` (far faster than
# ``str.translate`` through a dict). "µ" is the one Latin-1 character that folds outside Latin-1
# (to Greek "μ"): a text with it takes the dict; its byte here is never used.
_LATIN1_UNFOLDABLE = "\xb5"
_NON_LATIN1_RE = re.compile(r"[^\x00-\xff]+")
_LATIN1_FOLD = bytes(c if chr(c) in _LATIN1_UNFOLDABLE else ord(fold_char(chr(c))) for c in range(256))


@lru_cache(maxsize=1 << 16)
def fold_chars(s: str) -> str:
    """Lower-case and strip diacritics, one character for one, so offsets in the folded string
    are offsets in the original: the form keywords are compared in. OCR's "6" for a leading "ö"
    folds to "o" as well."""
    if _LATIN1_UNFOLDABLE in s:
        t = s.translate(_FOLD_TABLE)
    else:
        try:
            t = s.encode("latin-1").translate(_LATIN1_FOLD).decode("latin-1")
        except UnicodeEncodeError:  # a character beyond Latin-1 ("–", "…")
            t = s.translate(_FOLD_TABLE)
    # every match of OCR_SIX_RE is a "6" (a substitution without a match returns the same text)
    return OCR_SIX_RE.sub("o", t) if "6" in t else t


# OCR_SIX_RE with the "6" first (its lookbehind moved after it, to the character before the
# "6"), so that the engine looks for the "6" alone: the same matches
OCR_SIX_FAST_RE = re.compile(r"6(?<!\w6)(?=[a-zåäö]{2})")


def fold_text(text: str) -> str:
    """``fold_chars(text)`` for a whole text, uncached, such that ``fold_text(text)[a:b]`` is
    ``fold_chars(line.clean)`` for each line's ``clean`` at ``a:b``.

    Folding is one character for one, each by itself (the byte table and the dict give the same
    character), but for OCR_SIX_RE, which also reads the character before a "6" and the two after
    it. Before ``clean`` the text has a line break, white space, "\ufeff", "\u200b" or one of
    "#%|¦>*" (what kg.segment.page cuts from a line), which all fold to no \\w character, as the
    start of a string gives none; after it, a line break, white space or "*" (what rstrip and the emphasis
    cut remove), which fold to no letter, as the end of a string gives none."""
    parts: list[str] = []
    pos, n = 0, len(text)
    while pos < n:
        # the Latin-1 characters but "µ" through the byte table, each run of the others through the dict
        # (searched, not found by encoding the rest of the text: that re-sliced it at every run)
        m = _NON_LATIN1_RE.search(text, pos)
        a, z = (m.start(), m.end()) if m else (n, n)
        micro = text.find(_LATIN1_UNFOLDABLE, pos, a)
        if micro >= 0:
            a, z = micro, micro + 1
        if a > pos:
            parts.append(text[pos:a].encode("latin-1").translate(_LATIN1_FOLD).decode("latin-1"))
        if z > a:
            parts.append(text[a:z].translate(_FOLD_TABLE))
        pos = z
    t = "".join(parts)
    return OCR_SIX_FAST_RE.sub("o", t) if "6" in t else t


# ---------------------------------------------------------------------------------------------
# The comparison form of names (gazetteers, nlp, extraction, resolution)

# Letters that Unicode does not decompose into base letter + mark, folded by hand.
_BY_HAND = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d",
                          "þ": "th", "ı": "i", "ŋ": "n", "ħ": "h", "ŧ": "t"})
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACED_HYPHEN = re.compile(r" ?- ?")


def _casefold_char(c: str) -> str:
    """One character case-folded, folded by hand (``_BY_HAND``), decomposed (NFKD) and without
    combining marks: zero, one or more characters."""
    text = unicodedata.normalize("NFKD", c.casefold().translate(_BY_HAND))
    return "".join(x for x in text if not unicodedata.combining(x) and unicodedata.category(x) != "Mn")


class _CaseFoldTable(dict):
    """code point -> ``_casefold_char`` of that character, for ``str.translate``; filled as
    characters are first seen.

    The fold works character by character: case folding and ``_BY_HAND`` map each character on
    its own, NFKD decomposes each on its own and then only reorders runs of combining marks, and
    every combining mark is dropped; so folding a text is folding each of its characters."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _casefold_char(chr(code))
        return folded


_CASEFOLD_TABLE = _CaseFoldTable()


def casefold_chars(text: str) -> str:
    """``text`` case-folded, folded by hand, decomposed and without combining marks (the fold of
    each character, ``_casefold_char``): lower case for ASCII, else through the table of folded
    characters."""
    return text.lower() if text.isascii() else text.translate(_CASEFOLD_TABLE)


def normalize(text: str) -> str:
    """The comparison form of a name: case-folded, without diacritics, single spaces, tight hyphens.

    "Skol - och fritidsförvaltningen", "skol- och fritidsforvaltningen" and "SKOL-OCH
    FRITIDSFÖRVALTNINGEN" all give "skol-och fritidsforvaltningen". Every dash becomes "-",
    invisible characters (soft hyphen, zero-width space) are dropped. Idempotent.
    """
    folded = text.translate(INVISIBLE)
    for _ in range(4):  # folding can expose new foldable characters; stop at the fixed point
        again = casefold_chars(folded)
        if again == folded:
            break
        folded = again
    folded = folded.translate(INVISIBLE).translate(DASHES)
    return _SPACED_HYPHEN.sub("-", " ".join(folded.split()))


def fold_phrase(s: str) -> str:
    """Case-folded without diacritics, as the word lists of segmentation are compared
    (``Närvarande`` -> ``narvarande``); unlike normalize, no letters folded by hand, no dashes."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Case-folded, without diacritics: the form names are compared in (see normalize)."""
    return normalize(text)


# ---------------------------------------------------------------------------------------------
# Slugs


_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def slug(text: str, max_len: int = 80) -> str:
    """An ASCII slug for IRIs: 'Skol- och fritidsförvaltningen' -> 'skol-och-fritidsforvaltningen'."""
    if text.isascii():   # (ASCII is its own NFKD form and holds no combining mark)
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKD", text)
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _NON_SLUG.sub("-", s).strip("-")
    if len(s) > max_len:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = s[:max_len].rstrip("-") + "-" + digest
    return s or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def name_slug(text: str, max_len: int = 80) -> str:
    """ASCII slug for keys: 'Skol- och fritidsförvaltningen' -> 'skol-och-fritidsforvaltningen'."""
    return name_slug_of_folded(fold(text), text, max_len)


def name_slug_of_folded(folded: str, text: str, max_len: int = 80) -> str:
    """``name_slug(text)`` where ``folded`` is ``fold(text)`` already."""
    s = _NON_SLUG.sub("-", folded).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rstrip("-") + "-" + digest(text)
    return s or digest(text)


def digest(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


# ---------------------------------------------------------------------------------------------
# Case numbers


_CASE_FORM_RE = re.compile(r"(?P<series>[A-ZÅÄÖ]{1,6})?[\s-]*(?P<year>\d{2,4})[/.:-]0*(?P<number>\d+)")


def case_identifier(form: str) -> str | None:
    """The normal form of a written diarienummer: series, year and number without leading zeros
    and without a filing code ("Dnr KS 2019/0456-042" -> "KS 2019/456", "98.154" -> "98/154")."""
    m = _CASE_FORM_RE.search(form)
    if m is None:
        return None
    series = m["series"]
    ident = f"{m['year']}/{m['number']}"
    return f"{series} {ident}" if series else ident


# ---------------------------------------------------------------------------------------------
# Messages


def one_line(text: str, limit: int = 160) -> str:
    """``text`` on one line (white space runs as one space), cut at ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
