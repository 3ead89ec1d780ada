"""The Page: the per-document state that the rule units share (its lines are lines.py's)."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from ..models import Document, Issue, PersonRef
from ..text import fold_text
from .flattened import restore_flattened
from .lines import Line, fold, split_lines  # noqa: F401 - Line and fold: the rule units read them here with the Page
from .patterns import PRESENTER_FIRST, PRESENTER_RE


class Page:
    """One document as the rule units read it: its lines and folded text, the lines consumed so
    far (``skip``), the people found so far and the issues raised. The units read and extend it
    in the order ``segment`` runs them."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.folded = fold_text(doc.text)   # every line's ``folded`` is a slice of it
        self.lines = split_lines(doc.text, self.folded)
        # text flattened from PDF pages: its lost line breaks restored as lines (flattened.py)
        # the labels of each long line left as it is, by its start (read again by cover.py)
        self.long_line_labels: dict[int, list[tuple[int, int, str]]] = {}
        self.lines = restore_flattened(self.lines, doc.text, self.folded, self.long_line_labels)
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
        # (presenter_match inlined: its first-letter test, then the expression)
        self.has_presenter_lines = any(
            PRESENTER_RE.match(ln.clean) for ln in self.lines if ln.clean[:1] in PRESENTER_FIRST)


def folded_holds(page: Page, lines: list[Line], words: tuple[str, ...]) -> bool:
    """Whether the folded text from the first to the last of ``lines`` holds one of ``words``;
    False tells at once that no line's ``folded`` (a slice of that text) holds one."""
    if not lines:
        return False
    a, b = lines[0].start, lines[-1].start + len(lines[-1].text)
    text = page.folded[a:b]   # (``in`` on the slice: faster than a find with bounds for each word)
    for w in words:
        if w in text:
            return True
    return False


def shortest_words(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` but those that hold another of them: a text holds one of these exactly when it
    holds one of ``words``."""
    unique = sorted(set(words))
    return tuple(w for w in unique if not any(v != w and v in w for v in unique))


def lines_holding(page: Page, words: tuple[str, ...]) -> set[int]:
    """The indices of the lines whose text holds one of ``words`` (folded, no white space in them)
    in the folded text: each word found through the whole text at once, not line by line. A rule
    that looks only at lines with one of these words (an expression every match of which holds one)
    asks ``k in lines_holding(...)`` first: the lines without are most of a document."""
    folded, starts = page.folded, page.line_starts
    out: set[int] = set()
    for w in words:
        at = folded.find(w)
        while at >= 0:
            out.add(bisect_right(starts, at) - 1)
            at = folded.find(w, at + 1)
    return out
