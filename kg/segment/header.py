"""The header: title, body, parent, date, time and place, and the signatures."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..models import PersonRef, Span
from .attendance import add_person
from .page import Line, Page
from .patterns import (
    BODY_WORD_RE, FULL_NAME_RE, ORG_LINE_RE, ROLE_WORDS, _AT_LOCATION_RE, _AT_PLACE_RE, _BODY_TIME_RE,
    _CLOCK_RE, _DOC_TYPE_LEAD_RE, _DOC_TYPE_OR_SECTION_WORDS, _HEADER_LABEL_RE, _MEETING_START_RE,
    _NOT_PLACE_RE, _PART_RE, _PLACE_ALONE_RE, _PLACE_AND_TIME_RE, _PLACE_TIME_WORD_RE,
    _TRAILING_WEEKDAY_RE, _WEEKDAY_RE, _WE_MEET_RE,
)

# ---------------------------------------------------------------------------------------------
# Dates and times

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
TEXT_DATE_RE = re.compile(rf"(?<![\w])(\d{{1,2}})(?:\s*:e|\s*:a)?\s+({_MONTH_ALT})\.?(?:\s+(\d{{4}}))?(?!\w)", re.I)
COMPACT_DATE_RE = re.compile(r"(?<![\w./-])(\d{2}|20\d{2})(\d{2})(\d{2})(?![\w./-])")
YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d{2})(?!\d)")
TIME_RANGE_RE = re.compile(   # (every match begins with "kl" or a digit: the lookahead)
    r"(?=[k\d])(?:kl(?:ockan)?\.?\s*)?(?<![\d/])([01]?\d|2[0-3])[.:]([0-5]\d)\s*(?:[-–—]|till)\s*(?:kl\.?\s*)?([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)",
    re.I,
)
TIME_START_RE = re.compile(r"\bkl(?:ockan)?\.?\s*([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)", re.I)


_DIGIT_RE = re.compile(r"\d")


def _mkdate(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=1 << 12)  # a header line is read two or three times (the result is immutable)
def find_date(s: str, default_year: int | None = None) -> tuple[dt.date, int, int] | None:
    """The first date stated in ``s`` with its (start, end) offsets in ``s``; None if none is stated.

    A day and month without a year take ``default_year`` only when the caller knows the year from
    elsewhere in the same header; otherwise they are not a date.
    """
    if not _DIGIT_RE.search(s):
        return None   # every date expression below begins with a digit
    found: list[tuple[int, int, dt.date]] = []
    for m in ISO_DATE_RE.finditer(s):
        d = _mkdate(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((m.start(), m.end(), d))
    for m in TEXT_DATE_RE.finditer(s):
        year = int(m[3]) if m[3] else default_year
        if year:
            d = _mkdate(year, MONTHS[m[2].lower().rstrip(".")], int(m[1]))
            if d:
                found.append((m.start(), m.end(), d))
    for m in COMPACT_DATE_RE.finditer(s):
        y = int(m[1])
        y = y + 2000 if y < 100 else y
        d = _mkdate(y, int(m[2]), int(m[3]))
        if d and 1990 <= d.year <= 2099:
            found.append((m.start(), m.end(), d))
    if not found:
        return None
    start, end, d = min(found, key=lambda t: t[0])
    return d, start, end


def find_time_range(s: str) -> tuple[str | None, str | None]:
    m = TIME_RANGE_RE.search(s)
    if m:
        return f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
    m = TIME_START_RE.search(s)
    if m:
        return f"{int(m[1]):02d}:{m[2]}", None
    return None, None


# -- header -----------------------------------------------------------------------------------
def read_header(page: Page, header_end: int):
    header = [ln for ln in page.lines[: max(header_end, 0)] if ln.clean and ln.no - 1 not in page.skip]
    if not header:  # no header zone: take the first non-empty line as the title
        header = [ln for ln in page.lines[:3] if ln.clean and ln.no - 1 not in page.skip][:1]
    title = body = parent = location = None
    date = date_span = None
    t0 = t1 = None
    content = [
        ln for ln in header
        if ln.folded.strip(" :.") not in _DOC_TYPE_OR_SECTION_WORDS and not ln.clean.startswith("~")
    ]
    if content:
        title = content[0].span()
    # the year stated anywhere in the header, for dates written without one
    years = {int(y) for ln in header for y in YEAR_RE.findall(ln.clean)}
    compact = [find_date(ln.clean) for ln in header]
    years |= {c[0].year for c in compact if c}
    default_year = years.pop() if len(years) == 1 else None
    for k, ln in enumerate(header):
        f = ln.folded
        alone = _PLACE_ALONE_RE.match(f)
        if alone and location is None and k + 1 < len(header):
            location = location_in(page, header[k + 1], 0, labelled=True)
        label = _HEADER_LABEL_RE.match(f) or _PLACE_AND_TIME_RE.match(f)
        found = find_date(ln.clean, default_year)
        if found and date is None:
            date, a, b = found
            date_span = Span(ln.cstart + a, ln.cstart + b, ln.clean[a:b])
        if t0 is None:
            s0, s1 = find_time_range(ln.clean)
            if s0:
                t0, t1 = s0, s1
        if label and label[1] in ("plats", "lokal", "motesplats", "var", "plats och tid", "tid och plats"):
            location = location or location_in(page, ln, label.end(), labelled=True)
        elif location is None and _AT_PLACE_RE.search(ln.clean) and (found or t0) and _MEETING_START_RE.match(f):
            location = location_in(page, ln, 0)
    # the body that met, and the organisation it belongs to
    for ln in content:
        s = ln.clean
        if find_date(s) and not BODY_WORD_RE.search(s):
            continue
        if _PLACE_TIME_WORD_RE.match(ln.folded) or "@" in s:
            continue
        if body is None and BODY_WORD_RE.search(s):
            body = body_span(page, ln)
        elif parent is None and ORG_LINE_RE.search(s) and len(s.split()) <= 8:
            parent = ln.span()
    if title is not None and body is not None and parent is None and title != body and ORG_LINE_RE.search(title.text):
        parent = title
    return title, body, parent, location, date, date_span, t0, t1

def location_in(page: Page, ln: Line, offset: int, labelled: bool = False) -> Span | None:
    """The place in a header line: after "på" in a sentence, else what is not a date or time."""
    rest = ln.clean[offset:]
    m = _AT_LOCATION_RE.search(rest)
    if m and (find_date(rest) or find_time_range(rest)[0]) and _WE_MEET_RE.match(rest):
        a = ln.cstart + offset + m.start("loc")
        return Span(a, a + len(m["loc"].rstrip()), m["loc"].rstrip())
    # "Rådhuset, sammanträdesrum Kärnan, kl. 13.00-15.30": the run of parts that are no date or time
    kept: list[tuple[int, int]] = []
    for pm in _PART_RE.finditer(rest):
        part = pm[0].strip(" *")
        # "Sessionssalen kl 14.00-16.30": the place before the time
        cut = _CLOCK_RE.search(part)
        timed = cut is not None
        if cut:
            part = part[: cut.start()].strip(" *")
        weekday = _WEEKDAY_RE.match(part)
        if not part or find_date(part) or weekday or _NOT_PLACE_RE.match(part):
            if kept or timed:
                break
            continue
        a = pm.start() + pm[0].find(part)
        kept.append((a, a + len(part)))
        if timed:
            break
    if not kept:
        return None
    a, b = kept[0][0], kept[-1][1]
    loc = rest[a:b].rstrip(" .")
    return Span(ln.cstart + offset + a, ln.cstart + offset + a + len(loc), loc)

def body_span(page: Page, ln: Line) -> Span:
    """The body's name from a header line: doc-type words, dates and times removed."""
    s = ln.clean
    a, b = 0, len(s)
    m = _DOC_TYPE_LEAD_RE.match(s)
    if m and m.end() < b:
        a = m.end()
    found = find_date(s)
    if found and found[1] > a:
        b = min(b, found[1])
    t = _BODY_TIME_RE.search(s[a:b])
    if t:
        b = a + t.start()
    # trailing weekday words ("... måndag")
    piece = s[a:b].rstrip(" ,.-–:")
    piece = _TRAILING_WEEKDAY_RE.sub("", piece).rstrip(" ,.-–:")
    return Span(ln.cstart + a, ln.cstart + a + len(piece), piece)

def body_from_text(page: Page) -> Span | None:
    """No body in the header: the group that the text itself says decides or meets."""
    m = re.search(r"\b([A-ZÅÄÖ][a-zåäö]+(?:gruppen|nämnden|styrelsen|utskottet|rådet))\s+(?:beslutar|beslutade|beslöt|tog beslut|godkänner|godkände)\b", page.text)
    if m:
        return Span(m.start(1), m.end(1), m[1])
    if page.attendance_labels:
        label = page.attendance_labels[0]
        k = page.text.find(label)
        return Span(k, k + len(label), label)
    m = re.search(r"\b([A-ZÅÄÖ]{2,5})[- ]?mötet\b", page.text)
    if m:
        return Span(m.start(1), m.end(1), m[1])
    return None

# -- signatures -------------------------------------------------------------------------------
def read_signatures(page: Page) -> None:
    """'Palle Lundberg' followed by 'ordförande' on the next line (a signature block)."""
    content = [(i, ln) for i, ln in enumerate(page.lines) if ln.clean and i not in page.skip]
    for (i, ln), (j, nxt) in zip(content, content[1:]):
        role = ROLE_WORDS.get(nxt.folded.strip(" .,"))
        if role in ("chair", "minute_taker", "adjuster") and FULL_NAME_RE.match(ln.clean) and j - i <= 2:
            ref = PersonRef(ln.clean, ln.span(), role=nxt.folded.strip(" .,"))
            if not any(r.span == ref.span for r in page.people[role]):
                add_person(page, role, ref)
            page.skip.update({i, j})
