"""Agenda items: headings (numbered, §, timed, plain), item spans, subtitles and recusals."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..models import AgendaItem, Decision, PersonRef, Span, SubTopic
from .attendance import attendance_label
from .decisions import read_decisions, trimmed_span
from .headings import is_bullet_heading, lettered_subtitle, not_an_item, sentence_after
from .item_headings import Heading, clean_title, find_headings, sequence, title_span  # noqa: F401 (find_headings, sequence: the package's)
from .lines import clean_line
from .page import Line, Page, fold, folded_holds
from .patterns import (
    DECISION_LABEL_RE,
    DNR_RE,
    DNR_WORDS_FOLDED,
    DOC_TYPE_WORDS,
    END_MARK_COLON_RE,
    FULL_NAME_RE,
    HEADING_FIRST,
    ITEM_LABEL_WORDS,
    LOWER_START_RE,
    MARK_SPACE_RE,
    PRESENTER_FIRST,
    PRESENTER_RE,
    ROLE_WORDS,
    SECTION_WORDS,
    TRAILING_PARENS_NAME_RE,
    is_first_name,
    is_heading_line,
    may_hold_dnr,
    presenter_match,
)
from .people import parse_people
from .presenters import full_names, presenter_from_name, presenters_from_text
from .recusals import find_recused


def _unique_refs(refs: list[PersonRef]) -> list[PersonRef]:
    seen, out = set(), []
    for r in refs:
        key = fold(r.name)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out



def header_end(page: Page, headings: list[Heading]) -> int:
    """Index of the first line after the header: the first heading or attendance line."""
    first_heading = headings[0].line.no - 1 if headings else len(page.lines)
    attendance = [i for i in sorted(page.attendance_lines) if i < first_heading and not page.lines[i].blank]
    first_att = attendance[0] if attendance else None
    if first_att is not None:
        return min(first_att, first_heading)
    return first_heading


# -- items ------------------------------------------------------------------------------------
def read_items(page: Page, headings: list[Heading]) -> list[AgendaItem]:
    numbered_doc = bool(headings) and headings[0].kind in ("numbered", "paragraph")
    plain = [] if numbered_doc else plain_headings(page, headings)
    all_heads = sorted(headings + plain, key=lambda h: h.line.start)
    items: list[AgendaItem] = []
    section: str | None = None
    sections = section_labels(page)
    for k, h in enumerate(all_heads):
        title_presenter(page, h)
        start = h.line.start
        end = all_heads[k + 1].line.start if k + 1 < len(all_heads) else content_end(page)
        for pos, label in sections:
            if pos < start:
                section = label
        items.append(read_item(page, h, start, end, section, numbered_doc))
    return items

def content_end(page: Page) -> int:
    """Where the last item ends: before a trailing signature block."""
    for i in range(len(page.lines) - 1, -1, -1):
        ln = page.lines[i]
        if ln.clean and i not in page.skip:
            return ln.start + len(ln.text)
    return len(page.text)

def section_labels(page: Page) -> list[tuple[int, str]]:
    out = []
    for i, ln in enumerate(page.lines):
        s = ln.clean
        if not s or i in page.skip:
            continue
        f = ln.folded.strip(" :")
        if f in DOC_TYPE_WORDS:
            continue
        if f in SECTION_WORDS or (s.isupper() and s.isalpha() and len(s) >= 4):
            nxt = next_content(page, i)
            if nxt is not None and (is_heading_line(nxt) or s.isupper()):
                out.append((ln.start, s))
                page.skip.add(i)
    return out

def plain_headings(page: Page, numbered: list[Heading]) -> list[Heading]:
    """Unnumbered headings: short lines set apart by blank lines, followed by text."""
    out: list[Heading] = []
    taken = {h.line.no for h in numbered}
    start = after_header_index(page)
    for i in range(start, len(page.lines)):
        ln = page.lines[i]
        if ln.no in taken or i in page.skip or not is_plain_heading(page, i):
            continue
        title = clean_title(ln.clean)
        out.append(Heading(ln, "plain", None, None, title_span(ln, title)))
    return out

def after_header_index(page: Page) -> int:
    att = sorted(page.attendance_lines)
    if att:
        # the end of the first run of attendance blocks (blocks may be separated by a few lines)
        end = att[0]
        for i in att[1:]:
            if i - end > 6:
                break
            end = i
        return end + 1
    first = next((i for i, ln in enumerate(page.lines) if ln.clean), 0)
    return first + 1

def next_content(page: Page, i: int) -> Line | None:
    """The first line after line ``i`` that is not blank (without copying the rest of the lines)."""
    lines = page.lines
    return next((lines[k] for k in range(i + 1, len(lines)) if lines[k].clean), None)

def is_plain_heading(page: Page, i: int) -> bool:
    ln = page.lines[i]
    s = ln.clean
    # (every test up to the next lines' end gives False; the cheapest first)
    if len(s) < 3 or len(s) > 80:
        return False
    if ln.bullet and not is_bullet_heading(page, i):
        return False
    # END_MARK_RE (with ":") and HEADING_START_RE on a line: "$" and "^" of a text without a
    # line break are its end and start, so the two read its last and first character
    if s[-1] in ".,;!?:" or s[0] not in HEADING_FIRST:
        return False
    if i > 0 and page.lines[i - 1].clean:
        return False  # not set apart by a blank line
    if len(s.split()) > 10 or MARK_SPACE_RE.search(s):
        return False  # a sentence, or a label with its text, not a heading
    f = ln.folded.strip()
    if f in SECTION_WORDS or f in DOC_TYPE_WORDS or f in ROLE_WORDS or f.startswith("beslut") and DECISION_LABEL_RE.match(s):
        return False
    if not_an_item(f):
        return False
    if presenter_match(s) or attendance_label(page, ln):
        return False
    if FULL_NAME_RE.match(s) and is_first_name(s.split()[0]):
        return False
    nxt = next_content(page, i)
    if nxt is None:
        return False
    # A heading is followed by body text, a presenter line or a list, not by another heading-like line
    nf = nxt.clean
    if LOWER_START_RE.match(nf):
        return False  # the line continues a sentence
    return len(nf) > 40 or bool(presenter_match(nf)) or nxt.text.lstrip().startswith(("-", "*", "•")) or bool(END_MARK_COLON_RE.search(nf))

_MARKUP_EDGE = "*_ \t"


def presenter_line(ln: Line) -> list[PersonRef] | None:
    """"Föredragande: Anna Wik", "**Dragande:** Karin Westman": the people of a presenter label
    line (None for another line; [] for a label with no person, "Ansvarig: respektive chef")."""
    s = ln.clean.lstrip(_MARKUP_EDGE)
    m = PRESENTER_RE.match(s) if s[:1] in PRESENTER_FIRST else None   # presenter_match
    if not m:
        return None
    rest = m["rest"]
    lead = len(rest) - len(rest.lstrip(_MARKUP_EDGE + ":"))
    rest = rest[lead:].rstrip(_MARKUP_EDGE)
    if not rest:
        return None
    rest_start = ln.cstart + (len(ln.clean) - len(s)) + m.start("rest") + lead
    return [ref for ref, _ in parse_people(rest, rest_start) if FULL_NAME_RE.match(ref.name) or is_first_name(ref.name)]


TITLE_PRESENTER_RE = re.compile(r"\s*\((?P<name>[^(),]+)(?:,[^()]*)?\)\s*$")


def title_presenter(page: Page, h: Heading) -> None:
    """"Folkhälsoplan – remiss (Åsa Grahn, KLF)": the person in parentheses after a title presents
    the item; the title ends before the parentheses. A party or unit there ("(S)", "(IVO)") is no person."""
    if _labelled_presenter(page, h):
        return
    m = TITLE_PRESENTER_RE.search(h.title.text)
    if not m:
        return
    name = m["name"].strip()
    words = name.split()
    if not (FULL_NAME_RE.match(name) and is_first_name(words[0]) or len(words) == 1 and full_names(page).get(fold(name))):
        return
    ref = presenter_from_name(page, name, h.title.start + m.start("name") + (len(m["name"]) - len(m["name"].lstrip())))
    if ref is None:
        return
    title = h.title.text[:m.start()]
    h.title = Span(h.title.start, h.title.start + len(title), title)
    h.presenters = (ref,)


# "Regional strategi Föredragande: Ann Ek": a presenter label run into the title's line
_TITLE_LABEL_RE = re.compile(r"\s+(?:f[oöé]redragande|f[oöé]redragare|presentat[oö]rer|presentat[oö]r)\s*:\s*(?P<name>\S.*)$", re.I)


def _labelled_presenter(page: Page, h: Heading) -> bool:
    """A presenter label with one full name after it at the end of a title: the name presents the
    item and the title ends before the label."""
    m = _TITLE_LABEL_RE.search(h.title.text)
    if not m:
        return False
    name = m["name"].rstrip(" .")
    if not (FULL_NAME_RE.fullmatch(name) and is_first_name(name.split()[0])):
        return False
    ref = presenter_from_name(page, name, h.title.start + m.start("name"))
    if ref is None:
        return False
    title = h.title.text[:m.start()]
    h.title = Span(h.title.start, h.title.start + len(title), title)
    h.presenters = (ref,)
    return True


def _sentence_after_title(page: Page, h: Heading) -> Line | None:
    """The item's first sentence on its heading line, after the title and its full stop
    ("§2. Godkännande av dagordning. Dagordningen godkänns."), as a line of the item's text."""
    line_end = h.line.start + len(h.line.text)
    a = sentence_after(page.text, h.title.end, line_end) if h.line.start <= h.title.end else None
    if a is None:
        return None
    rest = clean_line(h.line.no, a, page.text[a:line_end])
    rest.folded = page.folded[rest.cstart:rest.cstart + len(rest.clean)]
    return rest


def read_item(page: Page, h: Heading, start: int, end: int, section: str | None, numbered_doc: bool) -> AgendaItem:
    body = page.lines[bisect_left(page.line_starts, start) + 1:bisect_left(page.line_starts, end)]
    rest = _sentence_after_title(page, h)
    if rest is not None:
        body = [rest, *body]
    presenters: list[PersonRef] = []
    subtitles: list[Span] = []
    identifier = None
    first = last = None   # the first and last lines of text that are no item label ("Beslutsunderlag")
    skip = page.skip
    dnr_possible = folded_holds(page, body, DNR_WORDS_FOLDED)
    for ln in body:
        i = ln.no - 1
        if not ln.clean or i in skip:
            continue
        label = ln.folded.strip(" :") in ITEM_LABEL_WORDS
        if not label:
            if first is None:
                first = ln
            last = ln
        label_refs = presenter_line(ln)
        if label_refs is not None:
            presenters += label_refs
            continue
        if identifier is None and dnr_possible and may_hold_dnr(ln):
            dm = DNR_RE.search(ln.clean)
            if dm:
                identifier = dm["dnr"].strip()
        lettered = lettered_subtitle(ln)
        if lettered is not None:
            subtitles.append(lettered)
            continue
        # Title on the heading line ending with "(Name)": the item's presenter
        if numbered_doc and not label and ln.clean != h.title.text and ln.start >= h.title.end and is_plain_heading(page, i):
            st = Span(ln.cstart, ln.cstart + len(clean_title(ln.clean)), clean_title(ln.clean))
            subtitles.append(st)
            pm = TRAILING_PARENS_NAME_RE.search(st.text)
            if pm and FULL_NAME_RE.match(pm[1].strip()):
                a = st.start + pm.start(1)
                presenters.append(PersonRef(pm[1].strip(), Span(a, a + len(pm[1].strip()), pm[1].strip())))
    if identifier is None:
        dm = DNR_RE.search(h.line.clean) if may_hold_dnr(h.line) else None
        identifier = dm["dnr"].strip() if dm else None
    decisions = read_decisions(page, body, start, end)
    recused = find_recused(page, body)
    if not presenters and h.presenters:
        presenters = list(h.presenters)
    if not presenters and first is not None:
        presenters = presenters_from_text(page, max(first.cstart, h.title.end), last.start + len(last.text))
    return AgendaItem(
        title=h.text if h.text and h.title.end > h.line.start + len(h.line.text) else h.title.text,
        title_span=h.title,
        span=trimmed_span(page.text[start:end], start),
        ordinal=h.ordinal,
        time=h.time,
        section=section,
        identifier=identifier,
        subtitles=tuple(subtitles),
        presenters=tuple(_unique_refs(presenters)),
        decisions=tuple(decisions),
        recused=tuple(_unique_refs(recused)),
        subtopics=subtopics_of(page, subtitles, end, _unique_refs(presenters), decisions),
    )


def subtopics_of(page: Page, titles: list[Span], end: int, presenters: list[PersonRef],
                 decisions: list[Decision]) -> tuple[SubTopic, ...]:
    """The item's sub-topics: each from its title to the next title or the item's end, with the
    presenters and decisions whose words stand there. A presenter line under a sub-topic's title
    names who presented that sub-topic, not the whole item; text before the first title stays the item's."""
    out = []
    for k, title in enumerate(titles):
        stop = titles[k + 1].start if k + 1 < len(titles) else end
        span = trimmed_span(page.text[title.start:stop], title.start)
        out.append(SubTopic(
            title=title,
            span=span,
            presenters=tuple(r for r in presenters if title.start <= r.span.start < stop),
            decisions=tuple(d for d in decisions if title.start <= d.span.start < stop),
        ))
    return tuple(out)
