"""Text flattened from PDF pages: a whole page on one line, or labels, list rows and headings glued.

A PDF viewer's web copy or a careless text export loses the line breaks of the page: "... Beslutande
Anna Ek (S), ordförande Per Ny (M) Övriga närvarande ...", "BUN 19 Dnr BUN 2013/12 Ekonomisk
uppföljning ...", "§ 161 Dnr KS18.211Delårsrapport ...". The other rules read lines, so the breaks
are restored first: a flattened line is cut into several Lines, each an exact slice of the text (no
character is added or moved), at page stamps, labels, §/number headings, decision-section labels
and list-row boundaries. Only lines that are clearly flattened are cut (long and holding several
labels or headings, or words glued where a break was lost), so other documents stay as they are.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..text import fold_phrase
from . import lexicon
from .lines import Line, clean_line
from .patterns import is_first_name

# A line this long holding two cues, or any line with two glued breaks, is flattened.
MIN_FLAT_LEN = 200
_UP = "A-ZÅÄÖÉÜ"
_LOW = "a-zåäöéüø"
# a page stamp: "Sida 2 (14)", "1(18)", "3 (11)"
STAMP_RE = re.compile(r"(?<!\S)(?:Sida\s+)?\d{1,3}\s?\(\d{1,3}\)(?=\s|$)")
ISO_DATE_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# a heading: "§ 12", "KSAU § 176", "BUN 18" at the start of a run (a body abbreviation and a number)
HEADING_RE = re.compile(rf"(?:(?P<prefix>[{_UP}]{{2,6}})\s(?:§\s?)?|(?<!§)§\s?)(?P<num>\d{{1,4}})(?=\s+(?:Dnr\b|[{_UP}]))")
DNR_RE = re.compile(rf"\s*Dnr\.?:?\s*[{_UP}]{{0,6}}\s?[\d.]{{2,8}}(?:[/\-:][\d.]{{1,6}})*")
# "Barn- och utbildningsnämndens beslut", "Kommunstyrelsens arbetsutskotts beslut": this meeting's decision section
DECISION_LABEL_RE = re.compile(
    rf"(?:[{_UP}][{_LOW}]+-\s+och\s+[{_LOW}]+|[{_UP}][{_LOW}]+)s(?:\s+[{_LOW}]+s)?\s+beslut(?=$|\s+(?:att\b|[{_UP}])|[{_UP}])")
# breaks lost without a space: "ordförandeKristina", "(M)Olle", "2018Ekonomichef", "mnkr.Kommunstyrelsens",
# "PROTOKOLLKommunstyrelsen"
GLUE_RE = re.compile(   # (the break is before the capital each match is; the capital first: the
    # engine looks for it alone, and reads around it only there)
    rf"[{_UP}](?:(?<=[{_LOW}]{{2}}[{_UP}])(?=[{_LOW}])|(?<=\)[{_UP}])|(?<=\d[{_UP}])(?=[{_LOW}]{{2}})"
    rf"|(?<=[{_LOW}]\.[{_UP}])(?=[{_LOW}])|(?<=[{_UP}]{{4}})(?=[{_LOW}]{{2}}))")
# a capital right after a small letter, ")", a digit or ".": where GLUE_RE matches on a line that is
# not long (the capital first: the engine looks for it alone, and reads back only there)
_GLUE_HINT_RE = re.compile(rf"[{_UP}](?<=[{_LOW})\d.][{_UP}])")
# a list row ends after a party letter in brackets, or before a full name after a lower-case word or a number
ROW_AFTER_PARTY_RE = re.compile(rf"\)\s+(?=[{_UP}])")
FULL_NAME_AHEAD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?\s+[{_UP}][{_LOW}]+"
# (a whole word: the tail of a capitalised name is no lower-case word, "Christina Linderholm Gun Rudquist")
ROW_BEFORE_NAME_RE = re.compile(rf"(?<!\w)(?P<prev>[{_LOW}\d]+\.?)\s+(?={FULL_NAME_AHEAD})")
WORD_RE = re.compile(r"\S+")
_DIGIT_RE = re.compile(r"\d")   # (what STAMP_RE, HEADING_RE and NUMBERED_RE hold, as \d reads it)
SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], dict[str, str], frozenset[str], frozenset[str]]:
    """The label expression (over folded text), label -> kind, the title link words, the row join words."""
    kinds: dict[str, str] = {p: "list" for p in lexicon.table("attendance_labels")}
    links, joins = set(), set()
    for phrase, kind in lexicon.entries("flattened_labels"):
        if kind == "link":
            links.add(phrase)
        elif kind == "join":
            joins.add(phrase)
        else:
            kinds[phrase] = kind
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?:{alts})"), kinds, frozenset(links), frozenset(joins)


def link_words() -> frozenset[str]:
    """The words that join a title or a name to what follows it ("för", "till", "vid"; folded)."""
    return _labels()[2]


_CAPITAL_RE = re.compile(rf"[{_UP}]")


def all_labels(text: str, folded: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each label written as a label: capitalised, whole, not after a comma
    (matched only where a capital stands: a label starts with one)."""
    rx, kinds, _, _ = _labels()
    out = []
    last = 0
    for c in _CAPITAL_RE.finditer(text):
        a = c.start()
        m = rx.match(folded, a) if a >= last else None
        if m is None:
            continue
        b = m.end()
        if b < len(text) and text[b].islower():
            continue
        if a and (text[a - 1] in "-/(" or text[max(0, a - 2):a] == ", "):
            continue   # "(Ordförande)", "Name, ordförande": a role noted in an entry, no label
        kind = kinds[" ".join(m.group().split())]
        if kind == "section" and not re.match(rf"\s*[{_UP}]|\s*$", text[b:b + 3]):
            continue   # "Beslut om ...": a word of a sentence
        out.append((a, b, kind))
        last = b
    return out


def _in_zone(labels: list[tuple[int, int, str]], in_items: bool) -> list[tuple[int, int, str]]:
    """Before the items, header and list labels; in an item's text, section labels (a role word there is prose)."""
    drop = ("list", "header") if in_items else ("section",)
    return [x for x in labels if x[2] not in drop]


def _heading_at(text: str, a: int) -> bool:
    """A heading starts a run: at the start, after a sentence, a date or a page stamp."""
    before = text[:a].rstrip()
    return not before or before[-1] in ".!?:)" or bool(ISO_DATE_RE.search(before[-10:]))


def _title_end(text: str, a: int, b: int) -> int | None:
    """Where an item's title ends in a run-on text: before the first capitalised word that starts
    a sentence (after a number or a lower-case word that is not a preposition), up to the first full stop."""
    _, _, links, _ = _labels()
    stop = SENTENCE_END_RE.search(text, a, b)
    end = stop.start() if stop else b
    words = list(WORD_RE.finditer(text, a, end))
    for k in range(1, len(words)):
        w, prev = words[k].group(), words[k - 1].group()
        if not w[0].isupper() or not w[1:2].islower():
            continue
        nxt = words[k + 1].group() if k + 1 < len(words) else ""
        named = nxt[:1].isupper() and _names_a_person(words, k)
        if not (nxt[:1].islower() or nxt[:1].isupper() and nxt[1:2].islower()):
            continue
        if prev[-1:].isdigit() or (prev.islower() and fold_phrase(prev) not in links and prev.isalpha()
                                    and (nxt[:1].islower() or named)) or (
                k == 1 and prev.isalpha() and nxt[:1].islower()):
            return words[k].start()
        if k >= 2 and named and is_first_name(w):
            return words[k].start()   # "... vid Storsjöstrand Eva Wiklander, Sandviken, föreslår": a person begins the text
    return None


def _names_a_person(words: list[re.Match[str]], k: int) -> bool:
    """Words from ``k`` on are a name (maybe after a title) followed by a party or a verb:
    "Åsa Dahl (V) frågar", "Socialchef Sara Vik redovisar"."""
    n = k
    while n < len(words) and n - k < 4 and words[n].group()[:1].isupper():
        n += 1
    return 2 <= n - k <= 3 and n < len(words) and (words[n].group()[:1] == "(" or words[n].group()[:1].islower())


def flattened_cuts(text: str, folded: str, in_items: bool = False,
                   seen: set[str] | None = None, found: list[tuple[int, int, str]] | None = None) -> tuple[list[int], bool]:
    """The offsets in ``text`` (one line) where a restored line starts, and whether items have begun.
    Empty when the line is not clearly flattened. ``found``: ``all_labels(text, folded)`` when read already."""
    glue = [m.start() for m in GLUE_RE.finditer(text)]
    if len(glue) < 2 and len(text) < MIN_FLAT_LEN:
        return [], in_items
    if found is None:
        found = all_labels(text, folded)
    labels = _in_zone(found, in_items)
    if len(glue) < 2 and len(labels) < 3 and not _DIGIT_RE.search(text):
        return [], in_items   # (a stamp and a heading hold a digit: below, no cue but labels could cut it)
    heads = [m for m in HEADING_RE.finditer(text) if _heading_at(text, m.start())]
    if not heads:
        heads = numbered_run(text)
    stamps = list(STAMP_RE.finditer(text))
    cues = len(labels) + len(heads) + len(stamps) + len(DECISION_LABEL_RE.findall(text))
    # Two label words in a long sentence are prose: a flattened page holds a stamp, a heading or
    # three labels. Two glued capitals are a brand ("SharePoint och OneDrive") unless the line also
    # holds a label or heading, or a capital glued to a party's ")" or a number ("(M)Olle", "2018Ekonomichef").
    glued = len(glue) >= 2 and (cues >= 1 or any(text[g - 1] == ")" or text[g - 1].isdigit() for g in glue))
    if not glued and not (len(text) >= MIN_FLAT_LEN and cues >= 3 and (stamps or heads or len(labels) >= 3)):
        return [], in_items
    cuts: set[int] = set(glue)
    for m in stamps:
        a = m.start()
        piece_start = max([c for c in cuts if c <= a] + [0])
        if re.search(rf"[{_LOW}]", text[piece_start:a]):
            cuts.add(a)
        cuts.add(m.end())
        date = ISO_DATE_RE.search(text, m.end(), m.end() + 100)
        if date:
            cuts.add(date.end())
    # headings: a body abbreviation counts when it heads two runs
    prefixes = [m["prefix"] for m in heads if m["prefix"]]
    seen = set() if seen is None else seen
    heads = [m for m in heads if not m["prefix"] or prefixes.count(m["prefix"]) >= 2 or m["prefix"] in seen]
    seen.update(m["prefix"] for m in heads if m["prefix"])
    first_head = heads[0].start() if heads else len(text)
    if not in_items:
        labels = [x for x in _in_zone(found, False) if x[0] < first_head] + [
            x for x in _in_zone(found, True) if x[0] >= first_head]
    labels = _without_label_columns(text, labels)
    for k, (a, b, kind) in enumerate(labels):
        cuts.add(a)
        if kind in ("alone", "section"):
            cuts.add(b)
        if kind == "list":
            end = labels[k + 1][0] if k + 1 < len(labels) else first_head
            cuts.update(row_cuts(text, b, min(end, first_head) if a < first_head else end))
    for m in DECISION_LABEL_RE.finditer(text):
        cuts.update((m.start(), m.end()))
    for m in heads:
        cuts.add(m.start())
        t0 = m.end()
        dnr = DNR_RE.match(text, t0)
        if dnr:
            t0 = dnr.end()
        nxt = min([c for c in cuts if c > t0 + 1] + [len(text)])
        end = _title_end(text, t0, nxt)
        if end is not None:
            cuts.add(end)
    return sorted(c for c in cuts if 0 < c < len(text)), in_items or bool(heads)


# a numbered point in run-on notes: "1. Mötets öppnande", "2:Val av justerare", "3: Dagordning"
# (not after a word character or ".,:/§-": the look back after the first digit, so that the
# engine looks for digits alone)
NUMBERED_RE = re.compile(rf"(?P<prefix>)(?P<num>\d(?<![\w.,:/§-]\d)\d?)(?P<sep>[.:])[ \t]?(?=[{_UP}][{_LOW}])")


def numbered_run(text: str) -> list[re.Match[str]]:
    """The points of notes flattened to one line ("... Närvarande: ... 1. Mötets öppnande Ordföranden
    öppnade mötet. 2. Dagordning ..."): the numbers 1, 2, 3 ... in order, written alike ("1." or "1:")
    before a capitalised word; fewer than three in a row are a list in a sentence, not the agenda."""
    best: list[re.Match[str]] = []
    numbers = list(NUMBERED_RE.finditer(text))   # (read once for both separators)
    for sep in ".:":
        run: list[re.Match[str]] = []
        for m in numbers:
            if m["sep"] != sep:
                continue
            if int(m["num"]) == (int(run[-1]["num"]) + 1 if run else 1):
                run.append(m)
        if len(run) >= 3 and len(run) > len(best):
            best = run
    return best


def _without_label_columns(text: str, labels: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A cover page read column by column gives all its labels first and then all values
    ("Plats och tid Beslutande Övriga deltagare Utses att justera ... Stadshuset, ..."): which value
    fills which label is not stated, so a run of three or more labels with nothing between is not cut."""
    out: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []
    for lab in labels + [(len(text) + 2, len(text) + 2, "")]:
        if run and text[run[-1][1]:lab[0]].strip():
            out.extend(run if len(run) < 3 else [])
            run = []
        run.append(lab)
    return out + (run[:-1] if len(run) < 4 else [])


def row_cuts(text: str, a: int, b: int) -> list[int]:
    """List-row boundaries between ``a`` and ``b``: after "(S)", or before a full name that follows a
    role word or a number ("ordförande Karin Sahlin", "ekonom 21 Hans-Olov Lund"), not after "ersätter"."""
    _, _, _, joins = _labels()
    out = [m.end() for m in ROW_AFTER_PARTY_RE.finditer(text, a, b)]
    for m in ROW_BEFORE_NAME_RE.finditer(text, a, b):
        prev = m["prev"]
        if fold_phrase(prev.rstrip(".")) not in joins and (prev.islower() or prev.isdigit()):
            out.append(m.end())
    return [c for c in out if a < c < b]


# a label with its colon right after a sentence on the same line ("Plats: Café Skogen. Deltagande: Lars
# Göran Bergman, ..."): the capital after the full stop (the engine looks for the colon's words there)
_LABEL_AFTER_SENTENCE_RE = re.compile(rf"[.!?][ \t]+(?=[{_UP}][{_LOW}]+(?:[ \t]+[{_LOW}]+){{0,2}}[ \t]*:[ \t]*\S)")


def label_after_sentence_cuts(text: str, folded: str) -> list[int]:
    """Where a line is cut before a header or list label that follows a sentence on it (the offsets of
    the labels in ``text``, one line); [] for a line without one."""
    _, kinds, _, _ = _labels()
    out = []
    for m in _LABEL_AFTER_SENTENCE_RE.finditer(text):
        label = folded[m.end():text.index(":", m.end())].strip()
        if kinds.get(" ".join(label.split())) in ("list", "header") or label in _PLACE_OR_TIME_LABELS:
            out.append(m.end())
    return out


HEADER_LINES = 20   # a header's labels stand within the first lines (where no item has opened yet)
_ITEM_FIRST = frozenset("§$0123456789")
_ITEM_START_RE = re.compile(r"(?:§|\$)\s*\d|\d{1,2}[.:)]\s")
_PLACE_OR_TIME_LABELS = frozenset({*lexicon.table("place_labels"), "tid", "datum"})


def restore_flattened(lines: list[Line], text: str, folded: str,
                      long_labels: dict[int, list[tuple[int, int, str]]] | None = None) -> list[Line]:
    """The lines with every flattened line cut into its restored lines (``restored``), numbered anew.

    Only a line of at least MIN_FLAT_LEN characters or with a capital glued to what precedes it
    can be flattened (flattened_cuts); the glued capitals are found by one scan of the whole text.
    ``long_labels`` receives the labels (``all_labels``) of each long line left as it is, by its
    start: a cover page read by columns is such a line, and cover.py reads them again."""
    hints = [m.start() for m in _GLUE_HINT_RE.finditer(text)]
    long = [k for k, ln in enumerate(lines) if len(ln.text) >= MIN_FLAT_LEN]
    # a label after a sentence is cut in the header only: before the first line that opens an item
    # (only a line with a full stop and a colon after it can hold one)
    first_item = next((k for k, ln in enumerate(lines) if ln.clean[:1] in _ITEM_FIRST and _ITEM_START_RE.match(ln.clean)), len(lines))
    labelled = [ln.start for ln in lines[:min(first_item, HEADER_LINES)] if ":" in ln.text and _LABEL_AFTER_SENTENCE_RE.search(ln.text)]
    if not hints and not long and not labelled:
        return lines
    starts = [ln.start for ln in lines]
    candidates = sorted({bisect_right(starts, x) - 1 for x in (*hints, *labelled)}.union(long))
    out: list[Line] = []
    in_items = False
    seen: set[str] = set()   # the body abbreviations that head items ("BUN 18")
    done = 0
    for k in candidates:
        ln = lines[k]
        line_folded = folded[ln.start:ln.start + len(ln.text)]
        found = all_labels(ln.text, line_folded) if len(ln.text) >= MIN_FLAT_LEN else None
        cuts, in_items = flattened_cuts(ln.text, line_folded, in_items, seen, found)
        if not cuts and not in_items and k < min(first_item, HEADER_LINES):
            cuts = label_after_sentence_cuts(ln.text, line_folded)
        if not cuts:
            if found is not None and long_labels is not None:
                long_labels[ln.start] = found
            continue
        out.extend(lines[done:k])
        done = k + 1
        bounds = [0] + cuts + [len(ln.text)]
        for a, b in zip(bounds, bounds[1:]):
            piece = clean_line(0, ln.start + a, ln.text[a:b])
            piece.restored = True
            piece.folded = folded[piece.cstart:piece.cstart + len(piece.clean)]
            out.append(piece)
    if not done:
        return lines
    out.extend(lines[done:])
    for no, ln in enumerate(out, 1):
        ln.no = no
    return out
