"""Attendance: labels ("Närvarande:", "Deltagare LG:") and the lists of people after them."""
from __future__ import annotations

import re

from ..models import PersonRef
from . import lexicon
from .cover import read_column_cover
from .entries import (
    ROLE_LAST,
    SUBSTITUTE_RE,
    TRAILING_ROLE_RE,
    is_full_name,
    name_then_title,
    names_run_together,
    strip_notes,
    without_label_words_ref,
)
from .page import Line, Page, fold
from .patterns import (
    ATTENDANCE_LABELS as _LABELS,
)
from .patterns import (
    COMMA_END_RE,
    DIGIT_START_RE,
    ENTRY_SEP_RE,
    FULL_NAME_RE,
    LABEL_RE,
    NAME_WORD_RE,
    PAREN_COMMA_TAIL_RE,
    PARENS_RE,
    ROLE_WORDS,
    SIGNATURE_LABEL_RE,
    is_heading_line,
    presenter_match,
)
from .people import column_bounds, parse_people
from .tables import read_tables

# the labels of lists and the group headings inside them ("Tjänstepersoner", "Arbetsgivarföreträdare")
ATTENDANCE_LABELS = {**_LABELS, **lexicon.table("attendance_groups")}
# the first word of every label (what a line without ":" or "/" must begin with)
_LABEL_FIRST_WORDS = tuple(sorted({label.split(" ")[0] for label in ATTENDANCE_LABELS}))

def _colon_label(ln: Line, page: Page | None = None) -> tuple[str, int, str | None] | None:
    """An attendance label before ":" or "/" ("Närvarande:", "Deltagare LG:"): its role, where the
    list after it starts, and the group named with the label."""
    m = LABEL_RE.match(ln.clean)
    if m:
        label = fold(m["label"]).strip().rstrip(".")
        if label in ATTENDANCE_LABELS:
            rest_start = ln.cstart + m.start("rest")
            return ATTENDANCE_LABELS[label], rest_start, m["group"]
        # "Deltagare Styrgrupp:" where the group word was read as part of the label
        words = label.split()
        if len(words) >= 2 and words[0] in ATTENDANCE_LABELS and not m["group"]:
            group = m["label"].split(None, 1)[1].strip()
            return ATTENDANCE_LABELS[words[0]], ln.cstart + m.start("rest"), group
        if page is not None and len(words) == 1 and not m["group"] and _names_own_group(page, label, ln.start):
            return "attendee", ln.cstart + m.start("rest"), m["label"].strip()
    return None


_OWN_GROUP_ENDINGS = tuple(sorted(lexicon.words("own_group_labels"), key=len, reverse=True))
_TITLE_ZONE = 300   # the characters of a document where its title stands


def _names_own_group(page: Page, label: str, at: int) -> bool:
    """Whether a label ("Styrgrupp", "Ledningsgruppen") names the group the minutes' title says met
    ("Anteckningar från styrgruppsmöte nr 4") above the label at ``at``: its list is then the
    meeting's attendance list."""
    ending = next((e for e in _OWN_GROUP_ENDINGS if label.endswith(e)), None)
    if ending is None:
        return False
    stem = label[:-2] if ending.endswith(("en", "et")) else label   # "styrgruppen" in "styrgruppsmöte"
    return len(stem) >= 3 and stem in page.folded[:min(at, _TITLE_ZONE)]


# -- attendance -----------------------------------------------------------------------------
# a protocol is justerat by the chair and one or two members (three where a vice chair signs too)
MAX_ADJUSTERS = 3


def read_attendance(page: Page) -> None:
    """The people of the attendance lists: tables, a cover page in columns, then every label
    ("Närvarande:", "Beslutande ledamöter") with the names after it and on the lines below."""
    for ref, role in read_tables(page):
        add_person(page, role, ref)
    for ref, role in read_column_cover(page):
        add_person(page, role, ref)
    i = 0
    for c in label_candidates(page):
        if c < i or c in page.attendance_lines:
            continue   # inside a block already read
        end = _read_labelled_block(page, c)
        i = c + 1 if end is None else max(end, c + 1)


def label_candidates(page: Page) -> list[int]:
    """The lines that ``attendance_label`` does not at once reject (its first test, inlined): for
    the others it gives None. (Plain form, every line: tests/oracles/segment.py.)"""
    return [k for k, ln in enumerate(page.lines) if ln.clean and (
        ":" in ln.clean or "/" in ln.clean or ln.folded.lstrip().lstrip("*").startswith(_LABEL_FIRST_WORDS))]


def _read_labelled_block(page: Page, i: int) -> int | None:
    """The list after the label on line ``i``: the rest of the label line and the following lines
    while they hold names. The index of the line after the block, or None if line ``i`` is no label."""
    ln = page.lines[i]
    label = attendance_label(page, ln)
    if not label:
        return None
    role, rest_start, group = label
    if group:
        page.attendance_labels.append(group)
    page.skip.add(i)
    page.attendance_lines.add(i)
    end, block_end_offset = _list_extent(page, i, role, ln.text[rest_start - ln.start:].strip() != "")
    if any(x.restored for x in page.lines[i:end]):   # rows restored from flattened text (flattened.py)
        rows = [(rest_start, ln.cstart + len(ln.clean))] + [
            (x.cstart, x.cstart + len(x.clean)) for x in page.lines[i + 1:end] if x.clean]
        people = [p for a, b in rows if b > a for p in parse_people(page.text[a:b], a, role)]
    else:
        people = parse_people(page.text[rest_start:block_end_offset], rest_start, role)
    if role == "adjuster" and len(people) > MAX_ADJUSTERS:
        people = []   # a cover page read column by column: another label's list after "Utses att justera"
    if role in _SIGNATURE_ROLES:
        people = _before_next_label(people, ln, rest_start)
        if _under_lone_label(page, i):
            people = []   # labels in a run over their names: which is whose, flat_signatures.py reads
            page.role_column_lines.add(i)
    if role in _ONE_PERSON_ROLES and ln.text[rest_start - ln.start:].strip():
        people = _one_person_label(page, people, role, ln, i, end)
    if not people:
        # a role word with nobody after it: a signature line ("ordförande"), not a list
        page.skip.discard(i)
        page.attendance_lines.discard(i)
    for ref, r in people:
        add_person(page, r or role, ref)
    return end


def _list_extent(page: Page, i: int, role: str, names_on_label_line: bool) -> tuple[int, int]:
    """Where the list after the label on line ``i`` ends: (the index of the line after it, the
    offset of its end). It goes on while the lines hold names, across at most two blank lines (none
    after the name of a one-person role), up to the next label, presenter, heading or signatures."""
    ln = page.lines[i]
    n = len(page.lines)
    end = i + 1
    block_end_offset = ln.start + len(ln.text)
    last_content = i if names_on_label_line else None
    j = i + 1
    blank_run = 0
    single = role in ("minute_taker", "chair", "adjuster")
    while j < n:
        nxt = page.lines[j]
        if not nxt.clean:
            blank_run += 1
            if blank_run > 2 or (single and last_content is not None):
                break
            j += 1
            continue
        if nxt.no - 1 in page.attendance_lines or attendance_label(page, nxt) or presenter_match(nxt.clean) or is_heading_line(nxt):
            break
        if nxt.folded.split(None, 1)[0].rstrip(":") in _BLOCK_HEADS:
            break   # "Underskrifter Sekreterare Anna Ek": the signatures, not the list going on
        if not is_name_line(page, nxt, continuation=last_content == j - 1 - blank_run and blank_run == 0):
            break
        blank_run = 0
        last_content = j
        page.skip.add(j)
        page.attendance_lines.add(j)
        end = j + 1
        block_end_offset = nxt.start + len(nxt.text)
        j += 1
    return end, block_end_offset


_ONE_PERSON_ROLES = ("chair", "minute_taker")
_BLOCK_HEADS = frozenset(lexicon.words("signature_block_heads"))
_SIGNATURE_ROLES = ("chair", "minute_taker", "adjuster")
_SIGNATURE_LABEL_WORDS = frozenset(k for k in lexicon.table("signature_labels") if " " not in k)
_CAP_WORD_RE = re.compile(r"[A-ZÅÄÖ]\w+")


def _before_next_label(people: list[tuple[PersonRef, str | None]], ln: Line,
                       rest_start: int) -> list[tuple[PersonRef, str | None]]:
    """The people of a role label's line up to the next label on it ("Sekreterare Mona Ek
    Ordföranden Erik Berg (S)", a signature row flattened): the names after that label are its own
    (flat_signatures.py reads them)."""
    line_end = ln.start + len(ln.text)
    for w in _CAP_WORD_RE.finditer(ln.text, rest_start - ln.start):
        if fold(w.group()) in _SIGNATURE_LABEL_WORDS:
            cut = ln.start + w.start()
            return [(ref, r) for ref, r in people if not cut <= ref.span.start < line_end]
    return people


def _under_lone_label(page: Page, i: int) -> bool:
    """Whether the content line before line ``i`` is a signature label alone ("Ordförande" over
    "Justerande Lisa Berg (S)"): the labels stand in a run, and the names after the last one are
    not surely its own."""
    for k in range(i - 1, max(i - 3, -1), -1):
        prev = page.lines[k]
        if prev.clean:
            return prev.folded.strip(" :") in _SIGNATURE_LABEL_WORDS
    return False


def _one_person_label(page: Page, people: list[tuple[PersonRef, str | None]], role: str, ln: Line, i: int,
                      end: int) -> list[tuple[PersonRef, str | None]]:
    """"Ordförande Anna Ek (S)" with more names on the lines under it: one person chairs, so the
    lines under it are the column of the list before (attendees), read beside a column of role
    words by a PDF reader. When the next line is a vice chair's title alone ("Vice ordförande"), the
    titles are a column that stands beside other names than the ones they were read with: nobody
    gets the role."""
    line_end = ln.start + len(ln.text)
    nxt = next((x for x in page.lines[i + 1:end + 1] if x.clean), None)
    shifted = nxt is not None and ROLE_WORDS.get(fold(nxt.clean).strip(" :")) == "vice_chair"
    if shifted:
        page.role_column_lines.add(i)
    out: list[tuple[PersonRef, str | None]] = []
    named = 0   # "Ordförande Birger Lind Arne Ek": one person chairs, the next name is not said to
    for ref, r in people:
        if (r or role) == role and ref.span.start < line_end:
            named += 1
        if (r or role) == role and (ref.span.start >= line_end or shifted or named > 1):
            out.append((PersonRef(ref.name, ref.span, ref.affiliation, ref.party), "attendee"))
        else:
            out.append((ref, r))
    return out


def attending(page: Page) -> set[str]:
    """The folded names of the attendees so far (the list only grows; folded once each)."""
    attendees = page.people["attendee"]
    while page.attending_count < len(attendees):
        page.attending_names.add(fold(attendees[page.attending_count].name))
        page.attending_count += 1
    return page.attending_names

def add_person(page: Page, role: str | None, ref: PersonRef) -> None:
    role = role or "attendee"
    if len(ref.span.text) > 12:   # (a label word and a name: three words at least)
        clean = without_label_words_ref(ref, page.text[ref.span.end:ref.span.end + 40])
        if clean is None:
            return
        ref = clean
    if role in ("minute_taker", "chair", "adjuster") and fold(ref.name) in attending(page):
        page.people[role].append(ref)  # already listed as present
        return
    if role == "attendee" and fold(ref.name) in attending(page):
        return
    if role == "minute_taker":
        page.people["minute_taker"].append(ref)
        page.people["attendee"].append(ref)
    elif role == "chair":
        page.people["chair"].append(ref)
        page.people["attendee"].append(ref)
    elif role == "adjuster":   # a justerare signs the protocol of a meeting they attended, as the chair does
        page.people["adjuster"].append(ref)
        page.people["attendee"].append(ref)
    elif role in page.people:
        page.people[role].append(ref)
    else:
        page.people["attendee"].append(ref)

def attendance_label(page: Page, ln: Line) -> tuple[str, int, str | None] | None:
    """(role, offset where the names begin, a group) when ``ln`` is an attendance label
    (``_read_label``), at once None for a line that can be no label.

    But for a label before ":" or "/" (``_colon_label``), the label forms each need the folded
    line (white space and "*" stripped from its start) to begin with the first word of a
    label: a label alone on its line is that stripped folded line cut at the end; a label
    before a name is the fold of the line's first words (folding is per character and keeps
    white space white, so it is the folded line from its first non-space character); and the
    signature labels match at the line's start."""
    clean = ln.clean
    if not clean:
        return None
    if ln.folded.lstrip().lstrip("*").startswith(_LABEL_FIRST_WORDS):
        return _read_label(page, ln)
    return _colon_label(ln, page) if ":" in clean or "/" in clean else None

def _read_label(page: Page, ln: Line) -> tuple[str, int, str | None] | None:
    """The label ``ln`` holds, of any form: before ":" or "/", before the first name, alone on
    its line, or a signature label."""
    if ln.blank:
        return None
    # LABEL_RE needs a ":" or "/" (it backtracks through every label length to find none)
    found = _colon_label(ln, page) if ":" in ln.clean or "/" in ln.clean else None
    if found:
        return found
    # A label and the first name on one line, without a colon ("Beslutande Anna Andersson (S)"),
    # as text flattened from a PDF gives it.
    words = ln.clean.split()
    for n in (3, 2, 1):
        if len(words) > n:
            head = fold(" ".join(words[:n]))
            # "Övriga närvarande   Ersättare": a label and the group heading of the column beside it
            sub = fold(" ".join(words[n:])).strip("* :")
            if head in ATTENDANCE_LABELS and sub in ATTENDANCE_LABELS and ATTENDANCE_LABELS[sub] in ("attendee", "absentee"):
                role = ATTENDANCE_LABELS[sub] if ATTENDANCE_LABELS[head] == "attendee" else ATTENDANCE_LABELS[head]
                return role, ln.cstart + len(ln.clean), None
            if head in ATTENDANCE_LABELS and FULL_NAME_RE.match(" ".join(PAREN_COMMA_TAIL_RE.sub("", " ".join(words[n:])).split()[:2])):
                offset = ln.clean.find(words[n], len(" ".join(words[:n])))
                return ATTENDANCE_LABELS[head], ln.cstart + offset, None
    # A label alone on its line, without a colon ("Närvarande").
    folded = ln.folded.strip().strip("*").rstrip(" :._…").strip("*")
    # "Närvarande kommunchefer", "Frånvarande ledamöter": a label and the kind of people listed
    head, _, kind = folded.partition(" ")
    words = ln.clean.split()
    if kind and " " not in kind and kind.isalpha() and len(words) == 2 and words[1].islower() \
            and ATTENDANCE_LABELS.get(head) in ("attendee", "absentee"):
        return ATTENDANCE_LABELS[head], ln.cstart + len(ln.clean), None
    if folded in ATTENDANCE_LABELS:
        role = ATTENDANCE_LABELS[folded]
        if role in ("chair", "minute_taker", "adjuster") and not ln.clean.rstrip("*").endswith(":"):
            # "Palle Lundberg / ordförande": a role in lower case under a signature, not a list label
            if ln.clean[:1].islower() and FULL_NAME_RE.match(prev_content(page, ln)):
                return None
        return role, ln.cstart + len(ln.clean), None
    # "Vid anteckningarna/Marie Krantz", "Vid protokollet Name"
    m2 = SIGNATURE_LABEL_RE.match(ln.clean)
    if m2 and fold(m2[1]) in ATTENDANCE_LABELS:
        return ATTENDANCE_LABELS[fold(m2[1])], ln.cstart + m2.end(), None
    return None

def is_name_line(page: Page, ln: Line, continuation: bool) -> bool:
    """Does this line continue a list of people?"""
    raw = ln.clean.strip("~ ")
    s = strip_notes(raw)
    if not s or len(s) > 200 or (s != raw and len(s.split()) < 2):   # "Paragrafer § 260–263" is no entry
        return False
    if DIGIT_START_RE.match(s):
        return False
    if continuation and COMMA_END_RE.search(prev_content(page, ln)):
        return True
    # Each comma-separated part must look like a name, a name with a note, or an affiliation.
    # (each expression is tried only where it can match: PARENS_RE on a "(", SUBSTITUTE_RE
    # on "ers" or "f" (in every one of its words), TRAILING_ROLE_RE as in _parse_entry)
    bounds = column_bounds(s)
    if bounds:   # two columns in one line: each part an entry (its capacity and a wrapped cell left out)
        starts = [0, *(b for _, b in bounds)]
        ends = [*(a for a, _ in bounds), len(s)]
        s = ", ".join(s[a:b] for a, b in zip(starts, ends) if a == 0 or s[a:a + 1].isupper())
    elif _SUBSTITUTE_CONT_RE.match(s) and continuation:
        return True   # "för Elof Nyqvist (kds)": the member a substitute on the line above serves for
    core = PARENS_RE.sub("", s) if "(" in s else s
    if "ers" in core or "f" in core:
        core = SUBSTITUTE_RE.split(core)[0]
    if core.rstrip()[-1:] in ROLE_LAST:
        core = TRAILING_ROLE_RE.sub("", core)
    parts = [p.strip(" *_@\\") for p in ENTRY_SEP_RE.split(core) if p.strip(" *_@\\")]
    # "Berit Adolfsson Anita Bohman Margit Viklund": a row of names with the commas lost
    parts = [q for p in parts for q in _run_apart(p)]
    if any(_DASH_SEP_RE.search(p) for p in parts):
        # "Arjeplog – Per-Ola Lindgren", "Name – mötesledare", "Polisen, polisområde Dalarna – Annika
        # Lundin, samordnare": the name is one part of the dash, the rest affiliation and title
        parts = [q for p in parts for q in _DASH_SEP_RE.split(p) if q]
        parts.sort(key=lambda p: not is_full_name(p))
    if not parts:
        return False
    first = parts[0]
    if not is_full_name(first) and name_then_title(first) is None:   # ("Jan Boberg ekonom": a name and its title)
        # "Nilsson, Lila Ericsson, ..." - the tail of a name wrapped from the previous line
        return continuation and bool(NAME_WORD_RE.match(first)) and all(
            FULL_NAME_RE.match(p) or len(p.split()) == 1 for p in parts[1:]
        )
    # (no part ends in ".", "!" or "?": _SENTENCE_END_MARK_RE on a stripped part)
    return all(len(p.split()) <= 6 and (p[-1] not in ".!?" or _is_abbreviation(p)) for p in parts)


def _run_apart(part: str) -> list[str]:
    """The names of a row whose separators were lost, or the part itself."""
    run = names_run_together(part) if len(part) > 20 else None
    return [part[a:b] for a, b in run] if run else [part]


def _is_abbreviation(part: str) -> bool:
    """"ordf.", "sekr.", "v. ordf.": a short title after a name ends in a point, no sentence."""
    return part.endswith(".") and len(part) <= 12 and part[:1].islower()

_SUBSTITUTE_CONT_RE = re.compile(r"^(?:f[oö]r|ers[aä]tter|i st[aä]llet f[oö]r)\s+[A-ZÅÄÖ]\S*\s+[A-ZÅÄÖ]")
_DASH_SEP_RE = re.compile(r"\s+[–—-]\s+")


def prev_content(page: Page, ln: Line) -> str:
    k = ln.no - 2
    while k >= 0 and not page.lines[k].clean:
        k -= 1
    return page.lines[k].clean if k >= 0 else ""
