"""Item headings: numbered, §-numbered, timed and "N Title" lines, kept where they form a sequence."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ..models import PersonRef, Span
from .headings import (
    cut_title,
    first_sentence_title,
    paragraph_head,
    point_head,
    title_with_continuation,
    without_listed_twice,
)
from .page import Line, Page
from .patterns import (
    COLON_NUMBERED_RE,
    DIGIT_START_RE,
    DNR_PREFIX_RE,
    DNR_RE,
    NUMBERED_RE,
    PARAGRAPH_FIRST,
    PARAGRAPH_RE,
    TIMED_RE,
)


def clean_title(s: str) -> str:
    s = s.strip().strip("*_").strip()
    return s.rstrip(":").rstrip()


@dataclass
class Heading:
    line: Line
    kind: str          # numbered | paragraph | timed | plain
    ordinal: int | None
    time: str | None
    title: Span
    presenters: tuple[PersonRef, ...] = ()
    text: str = ""     # the title as one line where it wraps onto a second (else title.text)


def title_span(line: Line, title: str) -> Span:
    idx = line.text.find(title)
    if idx < 0:  # pragma: no cover - title is always cut from the line
        return line.span()
    return Span(line.start + idx, line.start + idx + len(title), title)



def find_headings(page: Page) -> list[Heading]:
    """Numbered, §-numbered and timed headings, kept only where they form a sequence."""
    numbered: list[Heading] = []
    paragraphs: list[Heading] = []
    timed: list[Heading] = []
    colon: list[Heading] = []
    spaced: list[Heading] = []
    by_prefix: dict[str, list] = {}
    skip = page.skip
    for i, ln in enumerate(page.lines):
        s = ln.clean
        if not s or i in skip:
            continue
        c = s[0]
        m = paragraph_head(ln) if c in PARAGRAPH_FIRST or c == "$" else None
        if m:
            title = first_sentence_title(cut_title(DNR_PREFIX_RE.sub("", clean_title(m["title"])).strip()))
            if not title:
                title = cut_title(next_title_line(page, i))
            if title:
                tspan = title_span_anywhere(page, i, title)
                paragraphs.append(Heading(ln, "paragraph", int(m["num"]), None, tspan))
            continue
        m = point_head(ln)
        if m:
            title = first_sentence_title(cut_title(clean_title(m["title"])))
            if title:
                numbered.append(Heading(ln, "numbered", int(m["num"]), None, title_span(ln, title)))
            continue
        m = PARAGRAPH_RE.match(s) if c in PARAGRAPH_FIRST and s[1:2] in PARAGRAPH_FIRST else None
        if m and m["prefix"] and m["title"][:1].isupper():
            by_prefix.setdefault(m["prefix"], []).append((i, ln, m))   # "TN 34 Val av justerare"
        if not c.isdecimal():
            continue
        m = NUMBERED_RE.match(s)
        if m and len(s) <= 120 and not (s.endswith(".") and len(s) > 70):
            title = first_sentence_title(cut_title(clean_title(m["title"])))
            if title and not DIGIT_START_RE.match(title):
                numbered.append(Heading(ln, "numbered", int(m["num"]), None, title_span(ln, title)))
            continue
        m = SPACED_NUMBERED_RE.match(s) if len(s) <= 120 and not ln.restored else None
        if m and _stands_alone(page, i) and (title := cut_title(clean_title(m["title"]))):
            spaced.append(Heading(ln, "numbered", int(m["num"]), None, title_span(ln, title)))
            continue
        m = COLON_NUMBERED_RE.match(s)   # "1:Mötet öppnas", "3: Föregående mötes minnesanteckningar"
        if m and len(s) <= 120 and (title := cut_title(clean_title(m["title"]))):
            colon.append(Heading(ln, "numbered", int(m["num"]), None, title_span(ln, title)))
            continue
        m = TIMED_RE.match(s)
        if m and len(s) <= 120:
            title = clean_title(m["title"])
            time = f"{int(m['h']):02d}:{m['m']}"
            timed.append(Heading(ln, "timed", None, time, title_span(ln, title)))
    # a body abbreviation that heads lines with rising numbers ("TN 34", "TN 35") numbers the items
    for cands in by_prefix.values():
        nums = [int(m["num"]) for _, _, m in cands]
        if len(cands) >= 2 and nums == sorted(set(nums)):
            for i, ln, m in cands:
                title = cut_title(DNR_PREFIX_RE.sub("", clean_title(m["title"])).strip())
                if title:
                    paragraphs.append(Heading(ln, "paragraph", int(m["num"]), None, title_span_anywhere(page, i, title)))
    if by_prefix:
        paragraphs.sort(key=lambda h: h.line.start)
    paragraphs = without_listed_twice(page, paragraphs)
    numbered = without_listed_twice(page, numbered)
    for h in paragraphs + numbered:
        h.text, h.title = title_with_continuation(page, h.title)
    if paragraphs and numbered:
        # "§ 12" then "13. Övriga frågor": one numbering written two ways
        merged = sequence(sorted(paragraphs + numbered, key=lambda h: h.line.start))
        if len(merged) > len(paragraphs):
            return merged
    numbered = _auto_numbered(page, numbered) or sequence(numbered)
    colon = sequence(colon)   # (a time "13:00" is no match; three in a row at least make a numbering)
    if len(colon) >= 3 and len(colon) > len(numbered):
        numbered = colon
        for h in numbered:
            h.text, h.title = title_with_continuation(page, h.title)
    spaced = sequence(_once(spaced))
    if len(spaced) >= 2 and len(spaced) > len(numbered):
        numbered = spaced
    best = max((paragraphs, numbered, timed), key=len)
    if paragraphs and len(paragraphs) >= len(best):
        return paragraphs
    if len(numbered) >= 2 or (numbered and not timed):
        return numbered
    if len(timed) >= 2:
        return timed
    return []

def _auto_numbered(page: Page, cands: list[Heading]) -> list[Heading]:
    """A list whose every entry is written "1." (Markdown numbers such a list itself; a web page
    copied as Markdown keeps the source's "1."): three or more headings "1.", each with text of its
    own under it, and no other numbers among them. Their numbers are not stated, so they get none."""
    if len(cands) < 3 or any(h.ordinal != 1 for h in cands):
        return []
    for h, nxt in zip(cands, [*cands[1:], None]):
        end = nxt.line.no - 1 if nxt is not None else len(page.lines)
        after = bisect_right(page.line_starts, h.title.end)   # (the line after the title's last: it may wrap)
        if not any(ln.clean for ln in page.lines[after:end]):
            return []   # a list of lines "1. ...": a list inside an item, not headings
    return [replace(h, ordinal=None) for h in cands]


def next_title_line(page: Page, i: int) -> str:
    for ln in page.lines[i + 1: i + 4]:
        if ln.clean and not DNR_RE.match(ln.clean):
            return clean_title(ln.clean)
    return ""

def title_span_anywhere(page: Page, i: int, title: str) -> Span:
    for ln in page.lines[i: i + 4]:
        if title in ln.text:
            return title_span(ln, title)
    return page.lines[i].span()

def sequence(cands: list[Heading]) -> list[Heading]:
    """Keep the longest chain of numbers rising by one (or two: a number may be skipped).

    Numbered lists inside an item restart at 1 and fall out of the chain."""
    n = len(cands)
    best_len = [1] * n
    prev = [-1] * n
    # only the best earlier heading of each ordinal can precede one (the first of the longest
    # chains, as a scan of all earlier pairs would choose): linear, not quadratic, in headings
    best_at: dict[int, int] = {}
    for j in range(n):
        o = cands[j].ordinal
        for i in sorted(best_at[o - s] for s in (1, 2) if o - s in best_at):
            if best_len[i] + 1 - (o - cands[i].ordinal - 1) * 0.5 > best_len[j]:
                best_len[j] = best_len[i] + 1 - (o - cands[i].ordinal - 1) * 0.5
                prev[j] = i
        if o not in best_at or best_len[j] > best_len[best_at[o]]:
            best_at[o] = j
    if not n:
        return []
    j = max(range(n), key=lambda k: (best_len[k], -k))
    chain = []
    while j >= 0:
        chain.append(cands[j])
        j = prev[j]
    return chain[::-1]


# "1 Information om hyressättning" (a web page's items: the number, a space, the title)
SPACED_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})[ \t]+(?P<title>[A-ZÅÄÖ][a-zåäö]\S*(?:[ \t]+\S+)+)$")


def _stands_alone(page: Page, i: int) -> bool:
    """Whether line ``i`` stands between blank lines (or at an edge): a heading, not a line of a
    table or a list of figures."""
    lines = page.lines
    return (i == 0 or not lines[i - 1].clean) and (i + 1 >= len(lines) or not lines[i + 1].clean)


def _once(cands: list[Heading]) -> list[Heading]:
    """The candidates whose title is written once: a title repeated on every page with its page
    number ("2 Avesta kommun sammanträdesprotokoll") is a page header."""
    seen: dict[str, int] = {}
    for h in cands:
        key = " ".join(h.title.text.split()[:2])
        seen[key] = seen.get(key, 0) + 1
    return [h for h in cands if seen[" ".join(h.title.text.split()[:2])] == 1]
