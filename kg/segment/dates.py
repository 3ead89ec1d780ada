"""Dates and times as minutes write them: "2023-03-14", "14 mars 2023", "23/3 2020", "4.9.2018" (day first,
as Finland-Swedish minutes write it), "230314", "kl. 13.00-15.30". Plain functions of a string: header.py reads the
meeting's date and time with them, protocol.py the date of an adjustment."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
TEXT_DATE_RE = re.compile(rf"(?<![\w])(\d{{1,2}})(?:\s*:e|\s*:a)?\s+({_MONTH_ALT})\.?(?:\s+(\d{{4}}))?(?!\w)", re.I)
SLASH_DATE_RE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})\s+((?:19|20)\d{2})(?![\d/])")   # "23/3 2020"
DOTTED_DATE_RE = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\w|\.\d)")   # "4.9.2018"
COMPACT_DATE_RE = re.compile(r"(?<![\w./-])(\d{2}|20\d{2})(\d{2})(\d{2})(?![\w./-])")
YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d{2})(?!\d)")
TIME_RANGE_RE = re.compile(   # (every match begins with "kl" or a digit: the lookahead)
    r"(?=[k\d])(?:kl(?:ockan)?\.?\s*)?(?<![\d/])([01]?\d|2[0-3])[.:]([0-5]\d):?\s*(?:[-–—]|till)\s*(?:kl\.?\s*)?([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)",
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
    for m in SLASH_DATE_RE.finditer(s):
        d = _mkdate(int(m[3]), int(m[2]), int(m[1]))
        if d:
            found.append((m.start(), m.end(), d))
    for m in DOTTED_DATE_RE.finditer(s):
        d = _mkdate(int(m[3]), int(m[2]), int(m[1]))
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
    """The meeting's start and end time ("HH:MM") stated in ``s``; the end None when only a start is stated."""
    m = TIME_RANGE_RE.search(s)
    if m:
        return f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
    m = TIME_START_RE.search(s)
    if m:
        return f"{int(m[1]):02d}:{m[2]}", None
    return None, None
