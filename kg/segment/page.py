"""Lines, folding and the Page: the per-document state that the rule units share."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..models import Document, Issue, PersonRef, Span
from ..text import OCR_SIX_FAST_RE as _OCR_SIX_FAST_RE  # noqa: F401 - read by the tests of the fast paths
from ..text import OCR_SIX_RE  # noqa: F401 - kg.segment's too
from ..text import fold_char as _fold_char  # noqa: F401 - read by the tests of the fast paths
from ..text import fold_chars as fold
from ..text import fold_chars_plain as _fold_plain  # noqa: F401 - read by the tests of the fast paths
from ..text import fold_text as _fold_text
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
        # lines whose role words a PDF reader set beside other names than their own (attendance.py)
        self.role_column_lines: set[int] = set()
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
