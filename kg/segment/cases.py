"""Cases: the diarienummer of an item, in every way minutes write it.

One case is written "Dnr KS 2019/0456-042", "KS 2019/456", "KS-2019-0456", "(KS 2019/0456)",
"Dnr KS19.456" or "Diarienr: BUN 2013/12"; its parts are a series (the registry's letters,
optional), a year and a running number, sometimes followed by a filing code ("-042"). After a
label ("Dnr", kg/resources/segment/case_labels.tsv) a year of two digits and no series are
enough; without one only a series, a four-digit year and a number read as a case, and only near
the item's heading, where an item states its own case (a case named further down may be another).
``case_identifier`` gives the one normal form the graph keys cases by: "KS 2019/456".
"""
from __future__ import annotations

import re

from ..models import AgendaItem, Span
from ..text import case_identifier  # noqa: F401 - the normal form is kg.text's; read here by the tests
from . import lexicon
from .page import Page, shortest_words
from .patterns import word_start_alternatives

# every match of LABEL_RE holds the first word of a label whole ("arendet", "arenden" hold none)
_LABEL_WORDS = shortest_words(w.split()[0] for w in lexicon.words("case_labels"))
# (in folded text: the label; then the written form in the text itself, from the label's end)
LABEL_RE = re.compile(r"(?:" + word_start_alternatives(sorted(lexicon.words("case_labels"), key=len, reverse=True), r"\s*", r"\w")
                      + r")\.?\s*:?\s*")
# a date is no case: "FSG 2023-03-16", "Dnr 2023-04-26"
_NO_DATE = r"(?!(?:19|20)\d\d-[01]?\d-[0-3]?\d(?!\d))"
LABELLED_FORM_RE = re.compile(
    r"(?P<series>[A-ZÅÄÖ]{1,6}(?=[\s-]?\d))?[\s-]?" + _NO_DATE + r"(?P<year>(?:19|20)\d\d|\d\d)[/.:-](?P<number>\d{1,6})"
    r"(?:-\d{1,4})?(?![\d/])")
# (the look back after the series' first capital, so that the engine looks for capitals alone:
# before a capital it is the same as one before the series)
BARE_FORM_RE = re.compile(
    r"(?P<series>[A-ZÅÄÖ](?<![\w/.-][A-ZÅÄÖ])[A-ZÅÄÖ]{1,5})[\s-]" + _NO_DATE + r"(?P<year>(?:19|20)\d\d)[/-](?P<number>\d{1,6})"
    r"(?:-\d{1,4})?(?![\w/:])")
_HEAD_LINES = 3   # the lines of an item, from its heading, where a case may stand without a label


def find_cases(page: Page, item: AgendaItem) -> tuple[Span, ...]:
    """The written forms of the item's diarienummer, in text order: after a label anywhere in the
    item, without one in its first lines."""
    start, end = min(item.span.start, item.title_span.start), item.span.end
    text, folded = page.text, page.folded
    found: dict[int, Span] = {}
    if any(folded.find(w, start, end) >= 0 for w in _LABEL_WORDS):
        for lm in LABEL_RE.finditer(folded, start, end):
            m = LABELLED_FORM_RE.match(text, lm.end(), end)
            if m:
                found[m.start()] = Span(m.start(), m.end(), m.group())
    head_end = _after_lines(page, start, end, _HEAD_LINES)
    for m in BARE_FORM_RE.finditer(text, start, head_end):
        if not any(s.start <= m.start() < s.end for s in found.values()):
            found[m.start()] = Span(m.start(), m.end(), m.group())
    return tuple(found[k] for k in sorted(found))


def _after_lines(page: Page, start: int, end: int, n: int) -> int:
    """The offset after the first ``n`` lines with text from ``start`` (at most ``end``)."""
    pos, seen = start, 0
    text = page.text
    while pos < end and seen < n:
        nl = text.find("\n", pos, end)
        if nl < 0:
            return end
        if text[pos:nl].strip():
            seen += 1
        pos = nl + 1
    return min(pos, end)
