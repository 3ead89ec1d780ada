"""Lines: each line of a document's text, cleaned of Markdown marks and bullets, and folded.

Its own module so that page.py (the Page) and flattened.py (lines restored from flattened text)
both build Lines here, and neither imports the other back."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..models import Span
from ..text import fold_chars as fold
from ..text import fold_text


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
    """Each line cleaned and folded (as ``clean_line`` does it alone), with every line's ``folded`` set at once: a slice of the whole text
    folded (``ftext``, ``fold_text(text)`` when not given)."""
    if ftext is None:
        ftext = fold_text(text)
    lines: list[Line] = []
    append = lines.append
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        if not raw or raw[0] not in _CUT_FIRST:  # what clean_line leaves of it
            clean = raw.rstrip()
            if clean.endswith("\\"):   # a Markdown line break ("Närvarande:\\"): layout, not content
                clean = clean[:-1].rstrip()
            ln = Line(no, pos, raw, clean, pos, False)
            ln.folded = ftext[pos:pos + len(clean)]
        else:
            ln = clean_line(no, pos, raw)
            ln.folded = ftext[ln.cstart:ln.cstart + len(ln.clean)]
        append(ln)
        pos += len(raw) + 1
    return lines


# the first characters of a line that clean_line may cut away; another first character
# leaves the line as it is but for the white space at its end
_CUT_FIRST = frozenset("\ufeff \t\u00a0\u200b#%|¦>-*•·▪◦»¢=eo_")


def clean_line(no: int, start: int, raw: str) -> Line:
    """The Line of ``raw`` (line ``no`` at offset ``start``): its content without leading odd spaces,
    a heading mark or junk, a bullet and emphasis around it."""
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
    if s.endswith("\\"):   # a Markdown line break after the line ("**Rekapitulering**\\")
        s = s[:-1].rstrip()
    # Markdown emphasis around the whole line (or its title part) is layout, not content.
    while s.startswith("**") and s.endswith("**") and len(s) > 4:
        cut(2)
        s = s[:-2].rstrip()
    if len(s) > 2 and s[0] == s[-1] and s[0] in "*_" and s[1] not in " *_" and s[-2] not in " *_" and s[0] not in s[1:-1]:
        cut(1)   # "*Nyckelhantering*", "_Övrigt_"
        s = s[:-1]
    return Line(no, start, raw, s, start + off, bullet)
