"""Decisions: decision paragraphs, att-clauses, sentences and loose decisions."""
from __future__ import annotations

import re

from ..models import AgendaItem, Decision, Span
from .page import Line, Page, folded_holds
from .patterns import (
    DECISION_LABEL_RE, _ATT_CLAUSE_RE, _ATT_START_RE, _DECISION_ABOUT_RE, _DECISION_LABEL_WORD_RE,
    _DECISION_WORD_SENTENCE_RE,
)

# ---------------------------------------------------------------------------------------------
# Decisions

DECISION_VERB_RE = re.compile(
    r"^(?:[\wÅÄÖåäö\-]+\s){0,3}?(?:har\s+|hade\s+)?(?:beslutar|beslutade|beslöt|besl[oö]t|beslutat|"
    r"fattat beslut|fattade beslut|fattar beslut|tog beslut|tar beslut|godk[aä]nner|godk[aä]nde|fastst[aä]ller|fastst[aä]llde)\b",
    re.I,
)
IMPERSONAL_DECISION_RE = re.compile(r"^(?:beslutades|besl[oö]ts|beslutas)\b", re.I)
# what every match of the two expressions above contains (with the same flags): a paragraph
# without it has no decision sentence (flattening a sentence joins no letters)
DECISION_WORD_RE = re.compile(r"besl|godk|fastst", re.I)
DECISION_WORDS_FOLDED = ("besl", "godk", "fastst")  # the same words as folded text holds them
# White space after ".", "!" or "?" before a capital, or a blank line: r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n\s*\n",
# written to begin with the white space that both alternatives begin with, so that a search
# skips to white space at once (the same matches)
SENTENCE_END_RE = re.compile(r"\s(?:(?<=[.!?]\s)\s*(?=[A-ZÅÄÖ])|(?<=\n)\s*\n)")


def sentences(text: str, base: int, limit: int | None = None) -> list[Span]:
    """The sentences of ``text`` (offsets from ``base``); with ``limit`` only the first ``limit``
    (``sentences(text, base)[:limit]``, without reading further)."""
    out, pos = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        seg = _trim(text[pos:m.start()], base + pos)
        if seg.text:
            out.append(seg)
            if limit is not None and len(out) >= limit:
                return out
        pos = m.end()
    seg = _trim(text[pos:], base + pos)
    if seg.text:
        out.append(seg)
    return out if limit is None else out[:limit]


def _trim(seg: str, start: int) -> Span:
    lead = len(seg) - len(seg.lstrip())
    t = seg.strip()
    return Span(start + lead, start + lead + len(t), t)


_LINE_BREAK_RE = re.compile(r"\s*\n\s*")


def _flatten(span: Span) -> str:
    text = span.text
    return _LINE_BREAK_RE.sub(" ", text) if "\n" in text else text


# -- decisions --------------------------------------------------------------------------------
def read_decisions(page: Page, lines: list[Line], start: int, end: int) -> list[Decision]:
    """'Beslut' sections, 'att'-clauses under them, and sentences in which a body decides."""
    # The lines holding a decision word (one of DECISION_WORDS_FOLDED): every match of
    # DECISION_LABEL_RE holds "beslut" (in any case: folded, "beslut"), and a paragraph is
    # read below only if one of its lines holds one.
    if not folded_holds(page, lines, DECISION_WORDS_FOLDED):
        return []
    marked = [k for k, ln in enumerate(lines) if "besl" in ln.folded or "godk" in ln.folded or "fastst" in ln.folded]
    if not marked:
        return []
    out: list[Decision] = []
    used: set[int] = set()
    k = 0   # the first line after the last decision block
    for c in marked:
        ln = lines[c]
        if c < k or "beslut" not in ln.folded or ln.no - 1 in page.skip:
            continue
        m = DECISION_LABEL_RE.match(ln.clean)
        if not m or not _DECISION_LABEL_WORD_RE.match(ln.folded.lstrip("*")) or is_plain_decision_sentence(ln.clean):
            continue
        rest = m["rest"].strip()
        block: list[Line] = []
        if rest:
            block.append(ln)
        j = c + 1
        # skip blank lines to the decision text
        while j < len(lines) and not lines[j].clean and not block:
            j += 1
        while j < len(lines) and lines[j].clean:
            block.append(lines[j])
            j += 1
        # further "att" paragraphs belong to the same decision block
        while j < len(lines):
            at = next((x for x in range(j, len(lines)) if lines[x].clean), None)
            if at is None or not _ATT_START_RE.match(lines[at].clean):
                break
            j = at   # (lines are distinct: each has its own number)
            while j < len(lines) and lines[j].clean:
                block.append(lines[j])
                j += 1
        out.extend(decision_texts(page, block, ln if rest else None, m))
        used.update(x.no for x in block)
        used.add(ln.no)
        k = j
    # sentences in which a body decides: "Ledningsgruppen beslutar att ...", "X har fattat beslut om ..."
    if all(lines[c].no in used or lines[c].no - 1 in page.skip for c in marked):
        return out   # no paragraph below holds a decision word
    para_lines = [ln for ln in lines if ln.clean and ln.no not in used and ln.no - 1 not in page.skip]
    for para in paragraphs(page, para_lines):
        # no line of the paragraph holds a decision word (folded), so none of the text does
        # (see paragraphs): no sentence of the paragraph can match the two expressions below
        if not para[2]:
            continue
        for sent in sentences(page.text[para[0]:para[1]], para[0]):
            flat = _flatten(sent)
            if DECISION_VERB_RE.match(flat) or IMPERSONAL_DECISION_RE.match(flat):
                out.append(Decision(flat, sent))
    return out

def is_plain_decision_sentence(s: str) -> bool:
    """'Beslut fattade med stöd av delegation ...' is a sentence about decisions, not a label."""
    if _DECISION_ABOUT_RE.match(s):
        return True
    return bool(_DECISION_WORD_SENTENCE_RE.match(s)) and ":" not in s[:12]

def paragraphs(page: Page, lines: list[Line]) -> list[tuple[int, int, bool]]:
    """Runs of adjacent lines as (start, end) offsets, and whether a line of the run holds one
    of DECISION_WORDS_FOLDED in its folded text.

    A paragraph joins whole adjacent lines (at most one line break between them): its text is
    their text, and what a line has beyond ``clean`` is white space and layout marks (no
    letters, but a bullet "e"/"o" followed by white space). So a match of DECISION_WORD_RE in the
    paragraph (letters, ending in "l", "k" or "t") lies in one line's ``clean``, where it folds
    to one of DECISION_WORDS_FOLDED (re.I finds no character that folds otherwise)."""
    out: list[tuple[int, int, bool]] = []
    prev_no = None
    for ln in lines:
        a, b = ln.cstart, ln.start + len(ln.text.rstrip())
        f = ln.folded
        w = "besl" in f or "godk" in f or "fastst" in f   # DECISION_WORDS_FOLDED
        # (the line breaks from the previous line's end to this line's clean text: one after
        # each line from the previous one to the one before this, as the lines rise)
        if out and ln.no - prev_no <= 1:
            out[-1] = (out[-1][0], b, out[-1][2] or w)
        else:
            out.append((a, b, w))
        prev_no = ln.no
    return out

def decision_texts(page: Page, block: list[Line], label_line: Line | None, m: re.Match) -> list[Decision]:
    if not block:
        return []
    a = label_line.cstart + m.start("rest") if label_line else block[0].cstart
    b = block[-1].start + len(block[-1].text.rstrip())
    text = page.text[a:b]
    # one decision per "att" clause (a lead-in such as "Kommunstyrelsen beslutar" is not repeated);
    # otherwise the first sentence (what follows is comment)
    att_starts = [mm.end() for mm in _ATT_CLAUSE_RE.finditer(text)]
    if att_starts:
        bounds = att_starts + [len(text)]
        out = []
        for x, y in zip(bounds, bounds[1:]):
            seg = _trim(text[x:y], a + x)
            if seg.text:
                first = sentences(seg.text, seg.start, limit=1)[0]
                out.append(Decision(_flatten(first), first))
        return out
    sent = sentences(text, a, limit=1)
    if not sent:
        return []
    # a lead-in ("Kommunstyrelsen beslutar") joins the clause after it
    first = sent[0]
    return [Decision(_flatten(first), first)]

def loose_decisions(page: Page, items: list[AgendaItem], header_end: int) -> list[Decision]:
    """Decisions outside every item (minutes without items, or before the first item)."""
    if items:
        first = items[0].span.start
        lines = [ln for ln in page.lines[header_end:] if ln.start < first]
        return read_decisions(page, lines, 0, first) if lines else []
    lines = page.lines[header_end:]
    return read_decisions(page, lines, 0, len(page.text))
