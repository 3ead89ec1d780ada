"""A protokoll's cover page read column by column: all the labels first, then all the values.

"Plats och tid Beslutande Övriga deltagare Utses att justera ... Stadshuset, kl 08.30 Kjell Forsberg
(s), ordförande Göran Sundberg (m) ... Bo Grahn, teknisk chef Annika Vall, sekreterare Göran
Sundberg Stadshuset 2006-04-19 ...": which value fills which label is not stated (flattened.py cuts
no such run of labels), but when the labels in the run are presence labels and the labels around
them, the people written as list rows ("Name (party)", "Name (party), role", "Name, title") after
them are the meeting's people. Rows are read from the first row with a party letter or a title to
the last one, each row read as an attendance list's entry (a substitute's "ersätter X" makes X
absent); what follows the last row (the justerare's name, the place and date of the justering,
the signatures) is left to the other rules.
"""
from __future__ import annotations

import re

from ..models import PersonRef
from .entries import Piece, parse_entry
from .flattened import MIN_FLAT_LEN, all_labels, row_cuts
from .page import Page
from .patterns import NAME_WORD

# a row that begins the people: a name with its party letters or with a title after a comma
_FIRST_ROW_RE = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}\s*(?:\([^\W\d_]{{1,4}}\)|,\s+[a-zåäö])")
_MIN_LABELS = 3   # a run of this many labels: the cover page read by columns (as flattened.py says)


def read_column_cover(page: Page) -> list[tuple[PersonRef, str | None]]:
    """The people (and their roles) of a cover page read column by column, on any line that holds
    a run of labels with an attendance list's label among them; empty for other documents."""
    out: list[tuple[PersonRef, str | None]] = []
    for ln in page.lines:
        if len(ln.text) < MIN_FLAT_LEN:
            continue
        labels = None if ln.restored else page.long_line_labels.get(ln.start)   # (read when the page was made)
        if labels is None:
            labels = all_labels(ln.text, page.folded[ln.start:ln.start + len(ln.text)])
        if len(labels) < _MIN_LABELS or not any(kind == "list" for _, _, kind in labels):
            continue
        out.extend(_rows(ln.text, ln.start, max(b for _, b, _ in labels)))
    return out


def _rows(text: str, base: int, after: int) -> list[tuple[PersonRef, str | None]]:
    """The entries of the list rows in ``text`` from the first row after ``after`` to the last."""
    first = _FIRST_ROW_RE.search(text, after)
    if first is None:
        return []
    a = first.start()
    cuts = sorted({a, *row_cuts(text, a, len(text))})
    out: list[tuple[PersonRef, str | None]] = []
    for start, end in zip(cuts, [*cuts[1:], len(text)]):
        row = text[start:end].rstrip(" ,")
        entry = parse_entry(Piece(base + start, base + start + len(row), row)) if row else None
        if not entry:
            break   # the rows end: what follows is the justering and the signatures
        out.extend(entry)
    return out

