"""Votes and reservations of an item.

A vote (omröstning, votering) is told by its result: "Med 22 ja-röster mot 19 nej-röster beslutar
...", "Ja 31, Nej 18, Avstår 2", "31 ja, 18 nej och 2 avstod", "Vid voteringen avges 34 ja-röster
och 27 nej-röster. 0 ledamöter avstår."; a sentence with a count of yes and of no votes is one, an
abstention count in the next sentence belongs to it. Lists after "Ja-röster:", "Nej-röster:",
"Avstår:" name who voted so. A reservation is a sentence with "reserverar sig" ("X (M) reserverar
sig mot beslutet", "Mot beslutet reserverar sig X och Y") or a "Reservation:" label with names.
Cue words are data (kg/resources/segment/vote_words.tsv, reservation_words.tsv).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import AgendaItem, Span, Vote
from . import lexicon
from .page import Page

_VOTE_WORDS = lexicon.table("vote_words")
_WORDS = "|".join(re.escape(w) for w in sorted(_VOTE_WORDS, key=len, reverse=True))
# (folded text) a count before its word ("22 ja-roster", "0 ledamoter avstar") or after it ("ja 31", "avstar: 2")
_COUNT_FIRST_RE = re.compile(r"(?<![\d,.])(?P<n>\d{1,3})\s+(?:ledamoter\s+|ledamot\s+|roster\s+)?(?P<w>" + _WORDS + r")(?![\w-])")
_WORD_FIRST_RE = re.compile(r"(?<![\w-])(?P<w>" + _WORDS + r")\s*:?\s*(?P<n>\d{1,3})(?!\d|[,.:/-]\d)")
_LIST_RE = re.compile(r"(?P<w>" + _WORDS + r")\s*:\s*(?=\S)")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$|[A-ZÅÄÖ])|\n\s*\n")

_RESERVATION = lexicon.table("reservation_words")
_RES_VERB_RE = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                              for p, v in _RESERVATION.items() if v == "verb") + r")\b")
_RES_END_RE = re.compile(r"\s(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                              for p, v in _RESERVATION.items() if v == "end") + r")\b")
_RES_LABEL_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(p) for p, v in _RESERVATION.items() if v == "label"),
                                                      key=len, reverse=True)) + r")(?:(?![a-z])\s*:?\s*|(?=[a-z]))")


def _sentence_bounds(page: Page, at: int, start: int, end: int) -> tuple[int, int]:
    """The sentence around offset ``at`` within [start, end): after the last end mark before it,
    to the first after it (the mark kept). A mark before a capital ends a sentence too: web
    copies run sentences and labels together ("begärs.OmröstningJa-röst för ...")."""
    text = page.text
    a = start
    for m in _SENTENCE_END_RE.finditer(text, max(start, at - 600), at):
        a = m.end()
    m = _SENTENCE_END_RE.search(text, at, end)
    b = m.start() + (1 if m and text[m.start()] in ".!?" else 0) if m else end
    return a, b


def _span(page: Page, a: int, b: int) -> Span:
    text = page.text[a:b]
    lead = len(text) - len(text.lstrip())
    t = text.strip()
    return Span(a + lead, a + lead + len(t), t)


def _counts(folded: str, a: int, b: int) -> dict[str, int]:
    """The counts a sentence states by kind: word-first when the sentence begins so ("Ja 31,
    Nej 18"), else count-first ("31 ja, 18 nej")."""
    first = _WORD_FIRST_RE.search(folded, a, b)
    lead = folded[a:first.start()].strip(" :*\n") if first else None
    line_lead = folded[folded.rfind("\n", a, first.start()) + 1:first.start()].strip(" :*") if first else None
    rx = _WORD_FIRST_RE if first is not None and (not lead or not line_lead or lead.endswith(
        ("omrostning", "votering", "resultat"))) else _COUNT_FIRST_RE
    out: dict[str, int] = {}
    for m in rx.finditer(folded, a, b):
        out.setdefault(_VOTE_WORDS[m["w"]], int(m["n"]))
    return out


def find_votes(page: Page, item: AgendaItem) -> tuple[Vote, ...]:
    """The votes of an item with the counts and voter lists the text states."""
    start, end = item.span.start, item.span.end
    folded = page.folded
    if folded.find("nej", start, end) < 0:
        return ()
    votes: list[Vote] = []
    pos = start
    while True:
        m = _COUNT_FIRST_RE.search(folded, pos, end) or None
        w = _WORD_FIRST_RE.search(folded, pos, end)
        hits = [x for x in (m, w) if x is not None]
        if not hits:
            break
        at = min(x.start() for x in hits)
        a, b = _sentence_bounds(page, at, start, end)
        a = _result_start(page, at, a)
        counts = _counts(folded, a, b)
        pos = max(b, at + 1)
        if "yes" in counts and "no" in counts:
            if "abstain" not in counts:     # "... 27 nej-röster. 0 ledamöter avstår."
                a2, b2 = _sentence_bounds(page, min(b + 1, end), b, end) if b < end else (b, b)
                more = _counts(folded, a2, b2)
                if set(more) == {"abstain"}:
                    counts["abstain"] = more["abstain"]
                    pos = max(pos, b2)
            votes.append(Vote(_span(page, a, b), counts.get("yes"), counts["no"], counts.get("abstain")))
    lists = _voter_lists(page, start, end)
    if lists and not votes:
        first = min(s.start for spans in lists.values() for s in spans)
        ln = page.text.rfind("\n", start, first) + 1
        votes.append(Vote(_span(page, ln, page.text.find("\n", first, end) if "\n" in page.text[first:end] else end)))
    if lists:
        first = min(s.start for spans in lists.values() for s in spans)
        k = next((i for i, v in enumerate(votes) if v.span.start >= first), 0)
        v = votes[k]
        votes[k] = Vote(v.span, v.yes, v.no, v.abstain, lists.get("yes", ()), lists.get("no", ()), lists.get("abstain", ()))
    return tuple(votes)


def _result_start(page: Page, at: int, a: int) -> int:
    """Where the result sentence of the count at ``at`` begins: its line, and the lines above it
    in the sentence, but never a voter list or a label line above it ("Omröstningsresultat",
    "Nej-röster: ...")."""
    i = bisect_right(page.line_starts, at) - 1
    cur = page.lines[i]
    while cur.start > a and not _WORD_FIRST_RE.match(cur.folded):   # "Ja 31, Nej 18" begins its line
        j = i - 1
        while j >= 0 and not page.lines[j].clean:
            j -= 1
        if j < 0:
            break
        prev = page.lines[j]
        if prev.start + len(prev.text) < a or len(prev.clean.split()) <= 2 or _LIST_RE.match(prev.folded) \
                or prev.clean.rstrip()[-1:] in (".", "!", "?", ":"):
            break
        i, cur = j, prev
    return max(a, cur.cstart)


def _voter_lists(page: Page, start: int, end: int) -> dict[str, tuple[Span, ...]]:
    """The lists of names after "Ja-röster:", "Nej-röster:", "Avstår:" at the start of a line,
    with the lines that continue them (after a comma or "och")."""
    out: dict[str, list[Span]] = {}
    text = page.text
    for ln in page.lines:
        if ln.start < start or ln.start >= end or ":" not in ln.clean:
            continue
        m = _LIST_RE.match(ln.folded)
        if not m or any(c.isdigit() for c in ln.clean[m.end():m.end() + 3]):
            continue
        a = ln.cstart + m.end()
        b = ln.cstart + len(ln.clean)
        i = ln.no   # the next line's index
        while text[a:b].rstrip().endswith((",", " och")) and i < len(page.lines) and page.lines[i].clean \
                and page.lines[i].start < end and not _LIST_RE.match(page.lines[i].folded):
            nxt = page.lines[i]
            b = nxt.cstart + len(nxt.clean)
            i += 1
        out.setdefault(_VOTE_WORDS[m["w"]], []).append(_span(page, a, b))
    return {k: tuple(v) for k, v in out.items()}


def _is_label(page: Page, m: re.Match) -> bool:
    """A "Reservation" label: not the start of a longer word, unless the text glues the next
    capitalised word to it ("ReservationIngrid Hedberg (V) reserverar sig")."""
    e = m.end()
    return e >= len(page.text) or not page.folded[e].isalpha() or page.text[e].isupper()


def find_reservations(page: Page, item: AgendaItem) -> tuple[Span, ...]:
    """The words that name who reserved themselves against the item's decision: the sentence of
    "reserverar sig" (from a "Reservation" label before it, if one stands in the sentence), or
    what follows a "Reservation:" label in its sentence."""
    start, end = item.span.start, item.span.end
    folded = page.folded
    if folded.find("reserv", start, end) < 0:
        return ()
    out: list[Span] = []
    covered = start
    for m in _RES_VERB_RE.finditer(folded, start, end):
        if m.start() < covered:
            continue
        a, b = _sentence_bounds(page, m.start(), start, end)
        labels = [x for x in _RES_LABEL_RE.finditer(folded, a, m.start()) if _is_label(page, x)]
        if labels:
            a = labels[-1].end()
        cut = _RES_END_RE.search(folded, m.end(), b)   # "... till förmån för Patrik Lindroos yrkande"
        out.append(_span(page, a, cut.start() if cut else b))
        covered = b
    for m in _RES_LABEL_RE.finditer(folded, start, end):
        if ":" not in folded[m.start():m.end()] or any(s.start <= m.end() < s.end + 1 for s in out):
            continue
        a, b = _sentence_bounds(page, m.end(), start, end)
        s = _span(page, m.end(), b)
        if s.text and not any(x.start <= s.start < x.end for x in out):
            out.append(s)
    return tuple(sorted(out, key=lambda s: s.start))
