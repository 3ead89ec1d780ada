"""The meeting's place: read from a header line after its label ("Plats och tid", "Plats:",
"Sammanträdesplats"), from the opening sentence ("kl 19.00 i bygdegården"), or near the date.
What is no place is cut off: dates, times, weekdays, other fields' labels, a kind of document."""
from __future__ import annotations

import re

from ..models import Span
from . import lexicon
from .dates import MONTHS, find_date, find_time_range
from .page import Line, Page, fold, shortest_words
from .patterns import DOC_TYPE_WORDS, FULL_NAME_RE

_AT_LOCATION_RE = re.compile(r"\bpå\s+(?P<loc>[\wÅÄÖåäö][^.;()]*?)(?=\s*(?:[.;]|$|,?\s*\b(?:kl|klockan)\b|,?\s*\d))")
_WE_MEET_RE = re.compile(r"^(?:mötet|sammanträdet|vi)\b", re.I)
_PART_RE = re.compile(r"[^,;]+")
CLOCK_RE = re.compile(r"(?:\b(?:kl|klockan)\b\.?\s*)?\d{1,2}[.:]\d{2}")   # (no white space before: a run of it would be read again from each of its characters)
_WEEKDAY_RE = re.compile(r"^(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b", re.I)
_NOT_PLACE_RE = re.compile(r"^(mötet|kl|klockan|den|" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)
_CAPITAL_WORD_RE = re.compile(r"\b[A-ZÅÄÖ][\wåäö]+")
# a "kl" whose time was lost ("Stadshuset, sessionssalen Kl", "... Kl Beslutande Anna Ek")
_DANGLING_CLOCK_RE = re.compile(r"(?<=[\s,])(?:kl|klockan)\b", re.I)


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
    cut = CLOCK_RE.search(part)
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


def first_sentence(span: Span) -> Span:
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
