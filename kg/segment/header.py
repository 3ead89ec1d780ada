"""The header: title, body, parent, date, time and place, and the signatures."""
from __future__ import annotations

import datetime as dt
import re

from ..models import PersonRef, Span
from . import lexicon
from .attendance import add_person
from .body import (
    LABEL_WORDS,
    board_meeting,
    body_bounds,
    first_column,
    is_kind_only,
    is_prose_about_body,
    names_body,
    says_kind_of_meeting,
    tells,
)
from .dates import TIME_RANGE_RE, YEAR_RE, find_date, find_time_range
from .page import Line, Page, fold
from .patterns import BODY_WORD_RE, DOC_TYPE_WORDS, FULL_NAME_RE, ORG_LINE_RE, ROLE_WORDS, SECTION_WORDS
from .place import CLOCK_RE, find_place, first_sentence, location_in

# the labels, words and clock times of a header's date, time and place lines
_DOC_TYPE_OR_SECTION_WORDS = frozenset(DOC_TYPE_WORDS | SECTION_WORDS)
_PLACE_ALONE_RE = re.compile(r"^\**\s*(plats och tid|tid och plats|plats|lokal|motesplats)\s*\**\s*:?\s*\**\s*$")
_HEADER_LABEL_RE = re.compile(
    r"^\**\s*(plats och tid|tid och plats|plats|tid|datum|lokal|motesplats|sammantradesdatum|nar|var)\s*\**\s*:\s*\**\s*")
_PLACE_AND_TIME_RE = re.compile(r"^(plats och tid|tid och plats)\s+")
_AT_PLACE_RE = re.compile(r"\bpå\s+[A-ZÅÄÖ]")
_MEETING_START_RE = re.compile(r"^(?:mötet|sammanträdet)\b")
_PLACE_TIME_WORD_RE = re.compile(r"^(plats|tid|datum|lokal)\b")
_DOC_TYPE_LEAD_RE = re.compile(
    r"^(?:protokoll|m[oö]tesanteckningar|minnesanteckningar|anteckningar|sammantr[aä]desprotokoll|dagordning)\s*(?:(?:fr[aå]n|f[oö]r|vid|över)\b|,|-|–|:)?\s*",
    re.I)
_BODY_TIME_RE = re.compile(r",?\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}")
_TRAILING_WEEKDAY_RE = re.compile(r"\s+(?:den|måndag(?:en)?|tisdag(?:en)?|onsdag(?:en)?|torsdag(?:en)?|fredag(?:en)?)$", re.I)

# ---------------------------------------------------------------------------------------------
# The meeting's date

NOT_MEETING_DATE_LABELS = tuple(lexicon.words("not_meeting_date_labels"))
_ENDS_WITH_DAY_RE = re.compile(r"\b\d{1,2}\s*$")


def meeting_date_in(page: Page, ln: Line, default_year: int | None) -> tuple[dt.date, Span] | None:
    """The meeting's date on a header line, with its span. A date after a word of sending,
    adjusting, posting or publishing ("Datum för utskick: 2018-09-20", "Justerat 2016-11-10") is
    another date. A line ending in the day goes on with the month on the next line
    ("måndagen den 26 / februari 1996")."""
    s = ln.clean
    found = find_date(s, default_year)
    if found is None and _ENDS_WITH_DAY_RE.search(s):
        end = page.text.find("\n", ln.cstart + len(s) + 1)
        s = page.text[ln.cstart: end if end >= 0 else len(page.text)]
        found = find_date(s, default_year)
        if found and found[1] >= len(ln.clean):
            found = None
    if found is None:
        return None
    d, a, b = found
    before = fold(s[:a])
    if any(w in before for w in NOT_MEETING_DATE_LABELS) or _sentence_about_something_else(s):
        return None
    return d, Span(ln.cstart + a, ln.cstart + b, s[a:b])


_MEETING_STEMS = tuple(lexicon.words("meeting_stems"))
_LEAD_LABEL_RE = re.compile(r"^[\w ]{1,25}:")


def _sentence_about_something_else(s: str) -> bool:
    """A sentence of running text (eight words or more, ending with a full stop, no label before
    it) that names no meeting or time of day, and no body but in a sentence that tells something
    ("Styrelsen informerade om kongressen den 21-23 september 2021.", "Anna Wik berättade om
    konferensen den 3 maj 2023 ..."): its date is of what it tells, not of the meeting ("Beslut i
    korthet från kommunfullmäktige den 14 mars 2023 i Stadshuset." is the meeting's)."""
    if not s.rstrip().endswith(".") or len(s.split()) < 8 or _LEAD_LABEL_RE.match(s):
        return False
    f = fold(s)
    if any(stem in f for stem in _MEETING_STEMS) or CLOCK_RE.search(s):
        return False
    return not BODY_WORD_RE.search(s) or is_prose_about_body(s, 0, len(s)) or tells(f)


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
    titled = [ln for ln in content if any(c.isalpha() for c in ln.clean)]   # ("1", "2 (18)": no title)
    if titled:
        title = titled[0].span()
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
        if date is None:
            met = meeting_date_in(page, ln, default_year)
            if met:
                date, date_span = met
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
        if body is None and names_body(s):
            body = body_span(page, ln)
            if body is not None:
                body, parent = _column_continued(page, header, ln, body, parent)
        elif parent is None and ORG_LINE_RE.search(s) and len(s.split()) <= 8:
            parent = ln.span()
    if body is None and title is not None and any(board_meeting(ln.clean) for ln in header):
        body = _board_of(title)
    if title is not None and body is not None and parent is None and title != body and ORG_LINE_RE.search(title.text):
        parent = title
    location = first_sentence(location) if location else find_place(page)
    return title, body, parent, location, date, date_span, t0, t1


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
    after = None
    if t:
        after = _after_time(s, a + t.start(), b)
        b = a + t.start()
    # trailing weekday words ("... måndag")
    piece = s[a:b].rstrip(" ,.-–:")
    piece = _TRAILING_WEEKDAY_RE.sub("", piece).rstrip(" ,.-–:")
    bounds = body_bounds(s, a, a + len(piece))
    if bounds is None and after is not None:
        bounds = body_bounds(s, *after)
    if bounds is None:
        return None
    a, b = bounds
    return Span(ln.cstart + a, ln.cstart + b, s[a:b])


_FIELD_LABEL_RE = re.compile(r"\s[A-ZÅÄÖ][a-zåäö]+:(?=\s|$)")


def _after_time(s: str, k: int, b: int) -> tuple[int, int] | None:
    """A flattened row of fields "STENUNGSUNDS KOMMUN Tid: 9:00 - 12:45 KOMMUNSTYRELSENS SOCIALA
    UTSKOTT Plats: Rodret": what stands after the time range up to the next field's label (where
    the body's name may be when the part before the time names none)."""
    r = TIME_RANGE_RE.search(s, k, min(b, k + 40))
    if r is None or r.start() > k + 8:
        return None
    label = _FIELD_LABEL_RE.search(s, r.end(), b)
    end = label.start() if label else b
    return (r.end(), end) if end > r.end() else None


def _column_continued(page: Page, header: list[Line], ln: Line, body: Span, parent: Span | None):
    """A body name in a column that goes on in the same column of the next line
    ("Barn- och utbildningsnämndens     Sammanträdesdatum" / "arbetsutskott     2016-11-08"): the
    continuation is the body, the genitive above it the body it belongs to."""
    if not body.text.endswith("s"):
        return body, parent
    k = header.index(ln)
    nxt = header[k + 1] if k + 1 < len(header) else None
    if nxt is None or nxt.no != ln.no + 1:
        return body, parent
    col = body.start - ln.start
    if len(nxt.text) - len(nxt.text.lstrip()) != col:
        return body, parent
    a, b = first_column(nxt.text[col:])
    piece = nxt.text[col + a: col + b]
    if not piece[:1].islower() or not names_body(piece):
        return body, parent
    start = nxt.start + col + a
    return Span(start, start + len(piece), piece), parent or body


def _board_of(title: Span) -> Span | None:
    """The header says the board met and names no body: the board of the organisation heading the
    paper, named by that organisation's name ("PITEBO AB      PROTOKOLL nr 6/2017")."""
    a, b = first_column(title.text)
    piece = title.text[a:b]
    if not piece or find_date(piece) or is_kind_only(piece) or fold(piece) in _DOC_TYPE_OR_SECTION_WORDS \
            or says_kind_of_meeting(piece):
        return None
    return Span(title.start + a, title.start + b, piece)

# A body field's label in the text ("Organ", "Myndighet", "Nämnd/Styrelse" of a protokoll's anslag
# block), folded, before the name with its capital (glued when the layout was lost)
_BODY_FIELD_RE = re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, sorted(LABEL_WORDS, key=len, reverse=True)))
                            + r")[ \t]*:?[ \t]*(?=\w)")


def _body_field(page: Page) -> Span | None:
    """The body named after its field's label ("Myndighet Arbetsutskottet Anslagsdatum ...")."""
    text = page.text
    for m in _BODY_FIELD_RE.finditer(page.folded):
        a = m.end()
        if not text[a].isupper() or not text[m.start()].isupper():
            continue
        if a == m.start() + len(m.group().rstrip(" \t:")) and not text[a - 1].islower():
            continue   # inside a word in capitals ("MYNDIGHETSNÄMNDEN"); glued only after a small letter
        b = text.find("\n", a)
        bounds = body_bounds(text, a, b if b >= 0 else len(text))
        if bounds is not None:
            return Span(bounds[0], bounds[1], text[bounds[0]:bounds[1]])
    return None


def body_from_text(page: Page) -> Span | None:
    """No body in the header: the body named in its field (the anslag block), else the group that
    the text itself says decides or meets."""
    field = _body_field(page)
    if field is not None:
        return field
    m = re.search(r"\b([A-ZÅÄÖ][a-zåäö]+(?:gruppen|nämnden|styrelsen|utskottet|rådet))\s+(?:beslutar|beslutade|beslöt|tog beslut|godkänner|godkände)\b", page.text)
    if m:
        return Span(m.start(1), m.end(1), m[1])
    if page.attendance_labels and names_body(page.attendance_labels[0]):   # ("Justeringsdag:" is no group)
        label = page.attendance_labels[0]
        k = page.text.find(label)
        return Span(k, k + len(label), label)
    m = re.search(r"\b([A-ZÅÄÖ]{2,5})[- ]?mötet\b", page.text)
    if m:
        return Span(m.start(1), m.end(1), m[1])
    return None

# -- signatures -------------------------------------------------------------------------------
_SIGNATURE_WORDS = frozenset(lexicon.words("signature_block_heads")) | frozenset(lexicon.table("signature_labels"))
def read_signatures(page: Page) -> None:
    """'Palle Lundberg' followed by 'ordförande' on the next line (a signature block)."""
    content = [(i, ln) for i, ln in enumerate(page.lines) if ln.clean and i not in page.skip]
    for (i, ln), (j, nxt) in zip(content, content[1:]):
        role = ROLE_WORDS.get(nxt.folded.strip(" .,"))
        if role in ("chair", "minute_taker", "adjuster") and FULL_NAME_RE.match(ln.clean) and j - i <= 2 \
                and _SIGNATURE_WORDS.isdisjoint(ln.folded.split()):   # ("Underskrifter Sekreterare Anna Ek": a label's own name)
            ref = PersonRef(ln.clean, ln.span(), role=nxt.folded.strip(" .,"))
            if not any(r.span == ref.span for r in page.people[role]):
                add_person(page, role, ref)
            page.skip.update({i, j})

