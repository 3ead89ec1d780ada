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
from .dates import MONTHS, TIME_RANGE_RE, YEAR_RE, find_date, find_time_range
from .page import Line, Page, fold, shortest_words
from .patterns import BODY_WORD_RE, DOC_TYPE_WORDS, FULL_NAME_RE, ORG_LINE_RE, ROLE_WORDS, SECTION_WORDS

# the labels, words and clock times of a header's date, time and place lines
_DOC_TYPE_OR_SECTION_WORDS = frozenset(DOC_TYPE_WORDS | SECTION_WORDS)
_PLACE_ALONE_RE = re.compile(r"^\**\s*(plats och tid|tid och plats|plats|lokal|motesplats)\s*\**\s*:?\s*\**\s*$")
_HEADER_LABEL_RE = re.compile(
    r"^\**\s*(plats och tid|tid och plats|plats|tid|datum|lokal|motesplats|sammantradesdatum|nar|var)\s*\**\s*:\s*\**\s*")
_PLACE_AND_TIME_RE = re.compile(r"^(plats och tid|tid och plats)\s+")
_AT_PLACE_RE = re.compile(r"\bpå\s+[A-ZÅÄÖ]")
_MEETING_START_RE = re.compile(r"^(?:mötet|sammanträdet)\b")
_PLACE_TIME_WORD_RE = re.compile(r"^(plats|tid|datum|lokal)\b")
_AT_LOCATION_RE = re.compile(r"\bpå\s+(?P<loc>[\wÅÄÖåäö][^.;()]*?)(?=\s*(?:[.;]|$|,?\s*\b(?:kl|klockan)\b|,?\s*\d))")
_WE_MEET_RE = re.compile(r"^(?:mötet|sammanträdet|vi)\b", re.I)
_PART_RE = re.compile(r"[^,;]+")
_CLOCK_RE = re.compile(r"(?:\b(?:kl|klockan)\b\.?\s*)?\d{1,2}[.:]\d{2}")   # (no white space before: a run of it would be read again from each of its characters)
_WEEKDAY_RE = re.compile(r"^(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b", re.I)
_NOT_PLACE_RE = re.compile(r"^(mötet|kl|klockan|den|" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)
# a "kl" whose time was lost ("Stadshuset, sessionssalen Kl", "... Kl Beslutande Anna Ek")
_CAPITAL_WORD_RE = re.compile(r"\b[A-ZÅÄÖ][\wåäö]+")
_DANGLING_CLOCK_RE = re.compile(r"(?<=[\s,])(?:kl|klockan)\b", re.I)
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
    if any(stem in f for stem in _MEETING_STEMS) or _CLOCK_RE.search(s):
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
    location = _first_sentence(location) if location else find_place(page)
    return title, body, parent, location, date, date_span, t0, t1

def _without_day_words(s: str) -> str:
    """``s`` without the words between a place and the date after it ("Sätila måndagen den")."""
    s = s.rstrip(" ,*\t")
    while True:
        k = max(s.rfind(" "), s.rfind("\t"), s.rfind(","))
        if not (_WEEKDAY_RE.match(s[k + 1:]) or s[k + 1:].lower() == "den") or k < 0:
            return s
        s = s[:k].rstrip(" ,*\t")


def _place_of_part(part: str, labelled: bool) -> tuple[str, bool]:
    """The place in one comma-separated part of a place value (a prefix of ``part``), and whether the
    value ends with it: a place is cut before a time ("Sessionssalen kl 14.00"), and after a place
    label before a date too ("Plats och tid Sätila 15 december 2016 kl"); and before a "kl" whose
    time was lost or a capitalised kind of document ("Valjeviken Protokoll nr 1")."""
    part = part.strip(" *")
    stop = False
    for w in _CAPITAL_WORD_RE.finditer(part):
        if w.start() and fold(w[0]) in DOC_TYPE_WORDS:   # "Drottninggården Valjeviken Protokoll nr 1 2018"
            part, stop = part[: w.start()].rstrip(" ,*"), True
            break
    cut = _CLOCK_RE.search(part)
    if cut:
        part, stop = part[: cut.start()].strip(" *"), True
    if labelled and part:
        found = find_date(part)
        if found and found[1] > 0:
            part, stop = _without_day_words(part[: found[1]]), True
    dangling = _DANGLING_CLOCK_RE.search(part)
    if dangling:
        return part[: dangling.start()].rstrip(" ,*\t"), True
    return part, stop


# The labels of a protokoll's other fields (attendance, signatures, the cover's labels of
# flattened_labels.tsv), longest first: a form's label column read across puts them between a
# place label and its value ("Plats och tid Beslutande Utses att justera ... Stadshuset, ...").
_FIELD_LABELS = tuple(sorted({*lexicon.table("attendance_labels"), *lexicon.table("signature_labels"),
                              *(p for p, kind in lexicon.entries("flattened_labels") if kind in ("header", "alone", "footer"))},
                             key=len, reverse=True))


def _after_field_labels(folded: str) -> int:
    """The length of the run of other fields' labels that begins ``folded`` (each before a space), else 0."""
    at = 0
    while True:
        label = next((x for x in _FIELD_LABELS if folded.startswith(x + " ", at)), None)
        if label is None:
            return at
        at += len(label) + 1


def location_in(page: Page, ln: Line, offset: int, labelled: bool = False) -> Span | None:
    """The place in a header line: after "på" in a sentence, else what is not a date or time."""
    if labelled:
        skip = _after_field_labels(ln.folded[offset:])
        if skip and ln.clean[offset + skip:offset + skip + 1].isupper():
            offset += skip
    rest = ln.clean[offset:]
    m = _AT_LOCATION_RE.search(rest)
    if m and (find_date(rest) or find_time_range(rest)[0]) and _WE_MEET_RE.match(rest):
        a = ln.cstart + offset + m.start("loc")
        return Span(a, a + len(m["loc"].rstrip()), m["loc"].rstrip())
    # "Rådhuset, sammanträdesrum Kärnan, kl. 13.00-15.30": the run of parts that are no date or time
    kept: list[tuple[int, int]] = []
    for pm in _PART_RE.finditer(rest):
        part, timed = _place_of_part(pm[0], labelled)   # "Sessionssalen kl 14.00-16.30": the place before the time
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


# -- the place, where the header zone did not give it --------------------------------------------
PLACE_LABELS = lexicon.table("place_labels")
PLACE_WORDS = tuple(sorted(lexicon.words("place_words")))
_PLACE_LABEL_RE = re.compile(
    r"(?:^|(?<=\s\s)|(?<=\t)|(?<!justeringens )(?<=\s)(?=plats och tid|tid och plats|sammantradesplats\b|motesplats\b|plats\s*:))\**(?P<label>" + "|".join(sorted(map(re.escape, PLACE_LABELS), key=len, reverse=True)).replace(r"\ ", r"\s+")
    + r")\**\s*(?::\**\s*|\s{2,}|\s+(?=\S))")
# every match of _PLACE_LABEL_RE holds the first word of a label whole: a line without one is
# not searched (the expression's look backs are tried at every position of a line)
_PLACE_LABEL_WORDS = shortest_words(p.split()[0] for p in PLACE_LABELS)
_PLACE_PART_RE = re.compile(r"[^,;·|\n]+")
_NEXT_LABEL_RE = re.compile(r"\s[A-ZÅÄÖ][\w-]*:(?=\s|$)")
_SENTENCE_CUT_RE = re.compile(r"\.(?:\s|$)|\s\(")
_TIMED_AT_RE = re.compile(r"\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?,?\s+i\s+(?=[A-ZÅÄÖa-zåäö])")
_HELD_AT_RE = re.compile(r"\b(?:[Ss]ammanträdet|[Mm]ötet) hölls i (?=[A-ZÅÄÖ])|\bsammanträdde\b[^.\n]{0,40}?\si (?=[A-ZÅÄÖ])")
_HELD_STOP_RE = re.compile(r"\.|\s(?:och|där|med)\s(?=[a-zåäö])")
_PLACE_SCAN_LINES = 40     # the place is stated at the top of minutes
_MID_LINE_PLACE_LINES = 12   # ... and a flattened header's labels inside a line, within its first lines


def _first_sentence(span: Span) -> Span:
    """A place up to the end of its first sentence or a parenthesis ("Teams (två i Stadshuset)")."""
    cut = _SENTENCE_CUT_RE.search(span.text)
    if not cut or cut.start() == 0:
        return span
    t = span.text[: cut.start()].rstrip(" ,")
    return Span(span.start, span.start + len(t), t)


def _place_in(page: Page, a: int, b: int, labelled: bool = False) -> Span | None:
    """The place in ``text[a:b]``: its parts that are no date, weekday or time, in one run (after a
    place label, ``labelled``, what stands before a date in a part too)."""
    s = page.text[a:b]
    cut = _SENTENCE_CUT_RE.search(s)
    if cut:
        s = s[: cut.start()]
    nxt = _NEXT_LABEL_RE.search(s)   # a flattened header: "Plats: Sankt Petri-Orden, Härnösand Närvarande: ..."
    if nxt:
        s = s[: nxt.start()]
    kept: list[tuple[int, int]] = []
    for pm in _PLACE_PART_RE.finditer(s):
        part, clock = _place_of_part(pm[0].strip("\t"), labelled)
        if not part or find_date(part) or _WEEKDAY_RE.match(part) or _NOT_PLACE_RE.match(part) or part[0].isdigit():
            if kept:
                break
            continue
        if len(part.split()) > 8:   # a run of labels or a sentence, no place
            break
        k = pm.start() + pm[0].find(part)
        kept.append((k, k + len(part)))
        if clock:
            break
    if not kept:
        return None
    x, y = a + kept[0][0], a + kept[-1][1]
    return Span(x, y, page.text[x:y])


def _has_place_word(folded: str) -> bool:
    return any(w in folded for w in PLACE_WORDS)


def find_place(page: Page) -> Span | None:
    """The meeting's place at the top of the text: after a label ("Plats:", "Tid och plats",
    "Mötesform:"), with its indented continuation; after the time in the opening sentence
    ("kl 19.00 i bygdegården, Norrbäcken."); on the line under the date, or a part of the date
    line, when it holds a place word ("sammanträdesrum", "Teams")."""
    lines = [ln for ln in page.lines[:_PLACE_SCAN_LINES] if ln.clean]
    for k, ln in enumerate(lines):
        f = ln.folded
        if f.startswith("nasta") or k and "nasta" in lines[k - 1].folded:
            continue   # the next meeting's place, on its line or the one after it
        m = _PLACE_LABEL_RE.search(f) if any(w in f for w in _PLACE_LABEL_WORDS) else None
        if m and m["label"] == "var" and ln.clean[m.start("label"):m.end("label")].lower() != "var":
            m = None   # "Vår kassör ..." folds to the label "var"
        if m and k >= _MID_LINE_PLACE_LINES and m.start() and not f[:m.start()].endswith(("  ", "\t")) \
                and not m["label"].startswith(("plats och", "tid och")):
            m = None   # a label after one space, inside a line: a flattened header's, at the top only
        if m and (f[m.end():m.end() + 1] == "" or not ln.clean[m.end():m.end() + 1].islower() or PLACE_LABELS[re.sub(r"\s+", " ", m["label"])] == "place"):
            a = ln.cstart + m.end()
            b = ln.cstart + len(ln.clean)
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            indent = a - ln.start
            if nxt is not None and nxt.no == ln.no + 1 and indent > 4 and len(nxt.text) - len(nxt.text.lstrip()) >= indent - 2:
                b = nxt.cstart + len(nxt.clean)   # the value goes on in the same column
            place = _place_in(page, a, b, labelled=True)
            if place:
                return place
    for ln in lines[:20]:
        if ln.folded.startswith("nasta"):
            continue
        m = _TIMED_AT_RE.search(ln.clean)
        if m:
            a = ln.cstart + m.end()
            end = page.text.find(".", a)
            nl = page.text.find("\n", a)
            if nl >= 0 and (end < 0 or nl < end) and not page.text[a:nl].rstrip().endswith(","):
                end = nl
            place = _place_in(page, a, end if end >= 0 else len(page.text))
            if place:
                return place
    for ln in lines[:20]:   # "Sammanträdet hölls i Stadshuset och ...", "Regionstyrelsen sammanträdde måndagen den 13 juni i X."
        m = _HELD_AT_RE.search(ln.clean)
        if m:
            a = ln.cstart + m.end()
            end = ln.cstart + len(ln.clean)
            stop = _HELD_STOP_RE.search(page.text, a, end)
            place = _place_in(page, a, stop.start() if stop else end)
            if place:
                return place
    for k, ln in enumerate(lines[:15]):
        if not find_date(ln.clean) or ":" in ln.clean.split(" ")[0]:
            continue
        own = _place_in(page, ln.cstart, ln.cstart + len(ln.clean))
        if own and _has_place_word(fold(own.text)) and own.start > ln.cstart:
            return own
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if nxt is not None and nxt.no == ln.no + 1 and ":" not in nxt.clean and _has_place_word(nxt.folded) \
                and not FULL_NAME_RE.match(nxt.clean) and find_time_range(ln.clean)[0]:
            return _place_in(page, nxt.cstart, nxt.cstart + len(nxt.clean))
    return None
