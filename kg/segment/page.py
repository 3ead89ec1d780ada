"""Lines, folding and the Page: the per-document state that the rule units share."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..models import Document, Issue, PersonRef, Span
from .patterns import PRESENTER_RE, _PRESENTER_FIRST

# ---------------------------------------------------------------------------------------------
# Lines and folding


@dataclass(unsafe_hash=True)
class Line:
    """One line of the document: ``text`` is exact, ``start`` its offset, ``clean`` the content
    without Markdown emphasis, heading marks and bullets (with ``cstart`` its offset).

    Not frozen, though nothing changes a Line once built: a frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``, and a document has a Line for every line."""

    no: int
    start: int
    text: str
    clean: str
    cstart: int
    bullet: bool = False
    restored: bool = False   # cut from a line of flattened text (flattened.py): one row of a list

    @property
    def blank(self) -> bool:
        return not self.clean

    @cached_property
    def folded(self) -> str:
        return fold(self.clean)

    def span(self) -> Span:
        return Span(self.cstart, self.cstart + len(self.clean), self.clean)


def _fold_char(c: str) -> str:
    d = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(d) == 1:
        return d
    low = c.lower()
    return low if len(low) == 1 else c


class _FoldTable(dict):
    """code point -> folded character for ``str.translate``, filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
OCR_SIX_RE = re.compile(r"(?<![\w])6(?=[a-zåäö]{2})")  # "6ver", "6vriga": an OCR'd "ö" at a word's start


# _fold_char of every Latin-1 character as a byte table, for ``bytes.translate`` (far faster than
# ``str.translate`` through a dict). "µ" is the one Latin-1 character that folds outside Latin-1
# (to Greek "μ"): a text with it takes the dict; its byte here is never used.
_LATIN1_UNFOLDABLE = "\xb5"
_NON_LATIN1_RE = re.compile(r"[^\x00-\xff]+")
_LATIN1_FOLD = bytes(c if chr(c) in _LATIN1_UNFOLDABLE else ord(_fold_char(chr(c))) for c in range(256))


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
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


def _fold_plain(s: str) -> str:
    """What ``fold`` gives, by the dict alone (for tests)."""
    return OCR_SIX_RE.sub("o", s.translate(_FOLD_TABLE))


BULLET_RE = re.compile(r"^(?:[-*•·▪◦»¢=]|[eo](?=\s+[A-ZÅÄÖ0-9\"“]))\s+")
MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
LEADING_JUNK_RE = re.compile(r"^[%|¦#>]+\s*")


def split_lines(text: str, ftext: str | None = None) -> list[Line]:
    """Each line cleaned and folded (as ``_clean_line`` does it alone), with every line's ``folded`` set at once: a slice of the whole text
    folded (``ftext``, ``_fold_text(text)`` when not given)."""
    if ftext is None:
        ftext = _fold_text(text)
    lines: list[Line] = []
    append = lines.append
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        if not raw or raw[0] not in _CUT_FIRST:  # as _clean_line
            clean = raw.rstrip()
            ln = Line(no, pos, raw, clean, pos, False)
            ln.folded = ftext[pos:pos + len(clean)]
        else:
            ln = _clean_line_plain(no, pos, raw)
            ln.folded = ftext[ln.cstart:ln.cstart + len(ln.clean)]
        append(ln)
        pos += len(raw) + 1
    return lines


# OCR_SIX_RE with the "6" first (its lookbehind moved after it, to the character before the
# "6"), so that the engine looks for the "6" alone: the same matches
_OCR_SIX_FAST_RE = re.compile(r"6(?<!\w6)(?=[a-zåäö]{2})")


def _fold_text(text: str) -> str:
    """``fold(text)`` for a whole text, uncached, such that ``_fold_text(text)[a:b]`` is
    ``fold(ln.clean)`` for each line's ``clean`` at ``a:b``.

    Folding is one character for one, each by itself (the byte table and the dict give the same
    character), but for OCR_SIX_RE, which also reads the character before a "6" and the two after
    it. Before ``clean`` the text has a line break, white space, "\ufeff", "\u200b" or one of
    "#%|¦>*" (what _clean_line_plain cuts), which all fold to no \\w character, as the start of a
    string gives none; after it, a line break, white space or "*" (what rstrip and the emphasis
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
    return _OCR_SIX_FAST_RE.sub("o", t) if "6" in t else t


# the first characters of a line that _clean_line_plain may cut away; another first character
# leaves the line as it is but for the white space at its end
_CUT_FIRST = frozenset("\ufeff \t\u00a0\u200b#%|¦>-*•·▪◦»¢=eo")


def _clean_line(no: int, start: int, raw: str) -> Line:
    """``_clean_line_plain``, at once for a line that begins with none of ``_CUT_FIRST``."""
    if not raw or raw[0] not in _CUT_FIRST:
        return Line(no, start, raw, raw.rstrip(), start, False)
    return _clean_line_plain(no, start, raw)


def _clean_line_plain(no: int, start: int, raw: str) -> Line:
    s, off = raw, 0

    def cut(n: int) -> None:
        nonlocal s, off
        s, off = s[n:], off + n

    lead = len(s) - len(s.lstrip("\ufeff \t\u00a0\u200b"))  # a byte-order mark or odd spaces are not content
    cut(lead)
    m = MD_HEADING_RE.match(s) or LEADING_JUNK_RE.match(s)
    if m:
        cut(m.end())
    m = BULLET_RE.match(s)
    bullet = bool(m)
    if m:
        cut(m.end())
    s = s.rstrip()
    # Markdown emphasis around the whole line (or its title part) is layout, not content.
    while s.startswith("**") and s.endswith("**") and len(s) > 4:
        cut(2)
        s = s[:-2].rstrip()
    return Line(no, start, raw, s, start + off, bullet)


class Page:
    """One document as the rule units read it: its lines and folded text, the lines consumed so
    far (``skip``), the people found so far and the issues raised. The units read and extend it
    in the order ``segment`` runs them."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.folded = _fold_text(doc.text)   # every line's ``folded`` is a slice of it
        self.lines = split_lines(doc.text, self.folded)
        # text flattened from PDF pages: its lost line breaks restored as lines (flattened.py)
        from .flattened import restore_flattened
        self.lines = restore_flattened(self.lines, doc.text, self.folded)
        self.line_starts = [ln.start for ln in self.lines]
        self.issues: list[Issue] = []
        self.skip: set[int] = set()          # line indices consumed by attendance blocks etc.
        self.people: dict[str, list[PersonRef]] = {k: [] for k in ("attendee", "absentee", "minute_taker", "chair", "adjuster")}
        self.attendance_labels: list[str] = []
        self.attending_names: set[str] = set()
        self.attending_count = 0
        self.attendance_lines: set[int] = set()
        # (_presenter_match inlined: its first-letter test, then the expression)
        self.has_presenter_lines = any(
            PRESENTER_RE.match(ln.clean) for ln in self.lines if ln.clean[:1] in _PRESENTER_FIRST)


def folded_holds(page: Page, lines: list[Line], words: tuple[str, ...]) -> bool:
    """Whether the folded text from the first to the last of ``lines`` holds one of ``words``;
    False tells at once that no line's ``folded`` (a slice of that text) holds one."""
    if not lines:
        return False
    a, b = lines[0].start, lines[-1].start + len(lines[-1].text)
    for w in words:
        if page.folded.find(w, a, b) >= 0:
            return True
    return False
