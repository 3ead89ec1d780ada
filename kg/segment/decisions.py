"""Decisions: decision paragraphs, att-clauses, sentences and loose decisions."""
from __future__ import annotations

import re

from ..models import AgendaItem, Decision, Span
from .decision_cues import (
    CUE_WORDS_SHORTEST,
    decision_kind,
    decision_start,
    label_rest,
    proposal_label_to,
    section_label,
)
from .page import Line, Page, folded_holds
from .patterns import (
    ATT_CLAUSE_RE,
    ATT_START_RE,
    DECISION_ABOUT_RE,
    DECISION_LABEL_RE,
    DECISION_LABEL_WORD_RE,
    DECISION_WORD_SENTENCE_RE,
)

# ---------------------------------------------------------------------------------------------
# Decisions

# the decision words of the first rules (kept for the paragraph marks that ``paragraphs`` gives;
# read_decisions filters with decision_cues.CUE_WORDS)
# White space after ".", "!" or "?" before a capital, or a blank line: r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n\s*\n",
# written to begin with the white space that both alternatives begin with, so that a search
# skips to white space at once (the same matches)
SENTENCE_END_RE = re.compile(r"\s(?:(?<=[.!?]\s)\s*(?=[A-ZÅÄÖ])|(?<=\n)\s*\n)")


def sentences(text: str, base: int, limit: int | None = None) -> list[Span]:
    """The sentences of ``text`` (offsets from ``base``); with ``limit`` only the first ``limit``
    (``sentences(text, base)[:limit]``, without reading further)."""
    out, pos = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        seg = trimmed_span(text[pos:m.start()], base + pos)
        if seg.text:
            out.append(seg)
            if limit is not None and len(out) >= limit:
                return out
        pos = m.end()
    seg = trimmed_span(text[pos:], base + pos)
    if seg.text:
        out.append(seg)
    return out if limit is None else out[:limit]


def trimmed_span(seg: str, start: int) -> Span:
    """``seg`` (found at ``start``) without the white space around it, as a Span."""
    lead = len(seg) - len(seg.lstrip())
    t = seg.strip()
    return Span(start + lead, start + lead + len(t), t)


_LINE_BREAK_RE = re.compile(r"\s*\n\s*")


def _flatten(span: Span) -> str:
    text = span.text
    return _LINE_BREAK_RE.sub(" ", text) if "\n" in text else text


# -- decisions --------------------------------------------------------------------------------
def _label_at(ln: Line) -> int | None:
    """Offset in ``ln.clean`` of the decision text after a decision label on the line (its
    length when the label stands alone); None when the line is no decision label."""
    f = ln.folded
    if "beslut" in f:
        m = DECISION_LABEL_RE.match(ln.clean)
        if m and DECISION_LABEL_WORD_RE.match(f.lstrip("*")) and not is_plain_decision_sentence(ln.clean):
            rest = m["rest"].strip()
            if not rest:
                return len(ln.clean)
            if rest[0].islower() and not rest.startswith("att") and ":" not in ln.clean[:m.start("rest")]:
                return None   # "Kommundirektörens beslut om ...": prose about a decision
            return m.start("rest")
    if "beslut" in f or "forslag" in f:
        return label_rest(f)
    return None


def _heading_like(ln: Line) -> bool:
    """A short line without end punctuation: a new label or heading, the end of a section."""
    s = ln.clean.strip("*_# ")
    return bool(s) and len(s.split()) <= 6 and s[-1] not in ".,;" and (s[0].isupper() or s[0].isdigit())


def _label_above(page: Page, lines: list[Line]) -> bool:
    """Whether the line above ``lines`` (blank lines skipped) is a decision label standing alone:
    an item whose heading was read from that label begins with the decision text."""
    if not lines:
        return False
    i = lines[0].no - 2
    while i >= 0 and not page.lines[i].clean:
        i -= 1
    if i < 0 or i in page.skip:
        return False
    ln = page.lines[i]
    at = _label_at(ln)
    return at is not None and at >= len(ln.clean)


def _block(lines: list[Line], j: int, skip_blanks: bool = True) -> tuple[list[Line], int]:
    """The decision text from line ``j`` (blank lines skipped after a label standing alone): a
    paragraph and the "att" paragraphs after it; returns the lines and the index after them."""
    block: list[Line] = []
    while skip_blanks and j < len(lines) and not lines[j].clean:
        j += 1
    while True:
        while j < len(lines) and lines[j].clean and not (block and section_label(lines[j].folded)):
            block.append(lines[j])
            j += 1
        at = next((x for x in range(j, len(lines)) if lines[x].clean), None)
        if at is None or not (ATT_START_RE.match(lines[at].clean) or _bullet_goes_on(block, lines[at])):
            return block, j
        j = at


_BULLET_RE = re.compile(r"^[-–•▪*][ \t]+(?=\S)")


def _bullet_goes_on(block: list[Line], nxt: Line) -> bool:
    """A list of bullets with blank lines between them ("- Godkänner avsägelserna." / "" /
    "- Noterar ny sammanräkning."): the next bullet belongs to the section as an "att" clause does."""
    return bool(block) and _is_bullet(block[0]) and _is_bullet(nxt)


def _is_bullet(ln: Line) -> bool:
    return bool(_BULLET_RE.match(ln.text.lstrip()))


def _bullet_decisions(page: Page, block: list[Line], a: int) -> list[Decision]:
    """Each bullet of a decision section's list is a decision of its own (its lines up to the next
    bullet); [] when the section is no list of two bullets or more."""
    starts = [k for k, ln in enumerate(block) if _is_bullet(ln)]
    if len(starts) < 2 or starts[0] != 0 or block[0].cstart < a:
        return []
    out = []
    for k, nxt in zip(starts, [*starts[1:], len(block)]):
        start, last = block[k].cstart, block[nxt - 1]   # (a line's clean text begins after its bullet)
        span = trimmed_span(page.text[start:last.start + len(last.text.rstrip())], start)
        if span.text:
            out.append(Decision(_flatten(span), span))
    return out


def holds_cue(text: str) -> bool:
    """Whether ``text`` (folded) holds a cue word (decision_cues.CUE_WORDS): ``in`` for each word of
    CUE_WORDS_SHORTEST is faster than one search for any of them (an alternation of 50 words is
    tried word by word wherever one of their first letters stands)."""
    for w in CUE_WORDS_SHORTEST:   # (a loop: no generator to make for each paragraph and sentence)
        if w in text:
            return True
    return False


def read_decisions(page: Page, lines: list[Line], start: int, end: int) -> list[Decision]:
    """Decision sections (a label and its text), then sentences in which the body decides,
    outside sections that hold no decision of this meeting (decision_cues)."""
    out: list[Decision] = []
    used: set[int] = set()
    if _label_above(page, lines):
        block, _ = _block(lines, 0)
        to = _proposal_label(page, _line_above(page, lines))
        out.extend(with_kind(page, d, to) for d in decision_texts(page, block, None, None))
        used.update(x.no for x in block)
    if not folded_holds(page, lines, CUE_WORDS_SHORTEST):
        return out
    other = False   # inside a section that holds no decision of this meeting
    k = 0
    for c, ln in enumerate(lines):
        if not ln.clean or ln.no in used or ln.no - 1 in page.skip:
            continue
        at = _label_at(ln) if c >= k else None
        if at is not None:
            other = False
            rest = at < len(ln.clean)
            block, k = _block(lines, c + 1, skip_blanks=not rest)
            if rest:
                block.insert(0, ln)
            to = _proposal_label(page, ln)
            out.extend(with_kind(page, d, to) for d in decision_texts(page, block, ln if rest else None, at))
            used.update(x.no for x in block)
            used.add(ln.no)
            continue
        if section_label(ln.folded):
            other = True
        elif other and _heading_like(ln):
            other = False
        if other:
            used.add(ln.no)
    para_lines = [ln for ln in lines if ln.clean and ln.no not in used and ln.no - 1 not in page.skip]
    folded = page.folded
    for a, b in paragraphs(page, para_lines):
        if not holds_cue(folded[a:b]):
            continue   # no cue word in the paragraph
        sents = sentences(page.text[a:b], a)
        for sent in sents:
            folded_sent = folded[sent.start:sent.end]   # (fold(sent.text): the text folds one character for one)
            # every decision sentence holds a cue word (decision_cues.CUE_WORDS); the one sentence
            # of a paragraph holds the paragraph's (a cue word holds no white space to trim)
            if len(sents) > 1 and not holds_cue(folded_sent):
                continue
            at = decision_start(folded_sent, sent.text)
            if at is not None:
                if at:
                    sent = trimmed_span(sent.text[at:], sent.start + at)
                out.append(with_kind(page, Decision(_flatten(sent), sent)))
    return out


def _line_above(page: Page, lines: list[Line]) -> Line:
    """The first line with text above ``lines`` (``_label_above`` found one)."""
    i = lines[0].no - 2
    while i >= 0 and not page.lines[i].clean:
        i -= 1
    return page.lines[i]


def _proposal_label(page: Page, ln: Line) -> Span | None:
    """The receiving body of a proposal label on ``ln`` ("Arbetsutskottets förslag till
    kommunstyrelsen"), or None."""
    at = proposal_label_to(ln.folded) if "forslag" in ln.folded else None
    if at is None:
        return None
    a, b = ln.cstart + at[0], ln.cstart + at[1]
    return Span(a, b, page.text[a:b])


def with_kind(page: Page, dec: Decision, label_to: Span | None = None) -> Decision:
    """The decision with its kind: what its words say, but a decision under a proposal label
    ("Arbetsutskottets förslag till kommunstyrelsen") is a proposal unless its words send the
    matter back, table it or report delegation decisions; the receiving body is the one the words
    name, else the label's."""
    s = dec.span
    kind, at = decision_kind(page.folded[s.start:s.end])
    to = None
    if at is not None:      # the body the words name ("föreslår barn- och utbildningsnämnden besluta")
        to = Span(s.start + at[0], s.start + at[1], page.text[s.start + at[0]:s.start + at[1]])
    elif label_to is not None and kind not in ("delegated", "referral", "postponement"):
        kind, to = "proposal", label_to
    return Decision(dec.text, dec.span, kind, to)

def is_plain_decision_sentence(s: str) -> bool:
    """'Beslut fattade med stöd av delegation ...' is a sentence about decisions, not a label."""
    if DECISION_ABOUT_RE.match(s):
        return True
    return bool(DECISION_WORD_SENTENCE_RE.match(s)) and ":" not in s[:12]

def paragraphs(page: Page, lines: list[Line]) -> list[tuple[int, int]]:
    """Runs of adjacent lines (at most one line break between them) as (start, end) offsets:
    from the first line's clean text to the last line's end. (Plain form, counting the line
    breaks in the text: tests/oracles/segment.py.)"""
    out: list[tuple[int, int]] = []
    prev_no = None
    for ln in lines:
        a, b = ln.cstart, ln.start + len(ln.text.rstrip())
        # (the line breaks from the previous line's end to this line's clean text: one after
        # each line from the previous one to the one before this, as the lines rise)
        if out and ln.no - prev_no <= 1:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        prev_no = ln.no
    return out

_NUMBERED_LINE_RE = re.compile(r"^\d{1,2}[.)]\s")


def decision_texts(page: Page, block: list[Line], label_line: Line | None, at: int | None) -> list[Decision]:
    """The decision of one section: a numbered list or a list of "att" clauses whole (one
    decision, with its lead-in), otherwise the first sentence (what follows is comment)."""
    if not block:
        return []
    a = label_line.cstart + at if label_line else block[0].cstart
    while a < len(page.text) and page.text[a] in " *_:\t":
        a += 1
    b = block[-1].start + len(block[-1].text.rstrip())
    if a >= b:
        return []
    text = page.text[a:b]
    bullets = _bullet_decisions(page, block, a)
    if bullets:
        return bullets
    if sum(1 for ln in block if _NUMBERED_LINE_RE.match(ln.clean)) >= 2:
        span = trimmed_span(text, a)
        return [Decision(_flatten(span), span)]
    att_starts = [mm.end() for mm in ATT_CLAUSE_RE.finditer(text)]
    if len(att_starts) >= 2:
        # an att-list is one decision: to the end of the first sentence of its last clause
        last = trimmed_span(text[att_starts[-1]:], a + att_starts[-1])
        first = sentences(last.text, last.start, limit=1)[0]
        span = trimmed_span(page.text[a:first.end], a)
        return [Decision(_flatten(span), span)]
    if att_starts:
        seg = trimmed_span(text[att_starts[0]:], a + att_starts[0])
        first = sentences(seg.text, seg.start, limit=1)[0]
        return [Decision(_flatten(first), first)]
    sent = sentences(text, a, limit=1)
    if not sent:
        return []
    return [Decision(_flatten(sent[0]), sent[0])]

def loose_decisions(page: Page, items: list[AgendaItem], header_end: int) -> list[Decision]:
    """Decisions outside every item: before the first item, or in all of minutes without items
    (working notes without item headings may be read as one long header)."""
    if items:
        first = items[0].span.start
        lines = [ln for ln in page.lines[header_end:] if ln.start < first]
        return read_decisions(page, lines, 0, first) if lines else []
    return read_decisions(page, page.lines, 0, len(page.text))
