"""Presence tables flattened to text: a header row of column words ("Ledamöter  Närv.  Frånv.
Tjänstgörande ersättare  Ja  Nej", "Närv. Namn   Närv. Namn") and one row per person below it.

Text copied from a PDF keeps the columns as positions on the line, so each word of a row belongs
to the header column that starts at (or just before) it. A mark under Närv. makes the person
present; a mark under Frånv./Anmält förhinder, a "-" under Närv., or a serving substitute on the
same row makes the member absent (the substitute present). Vote columns ("Ja Nej Avstår") are
not attendance and are read as nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import PersonRef, Span
from . import lexicon
from .entries import is_full_name, is_party
from .page import Line, Page, fold
from .patterns import ABSENCE_NOTES, PARTY_RE, ROLE_WORDS
from .people import parse_people

# folded header word -> kind of column: name, sub (serving substitute), present, absent, vote, party
COLUMN_WORDS = lexicon.table("table_columns")
_TOKEN_RE = re.compile(r"\S+")
_MARK_RE = re.compile(r"^(?:[xX✓✔√]\*?|[xX]\s*\(.*\)|-|–|—)$")
_TOLERANCE = 2   # a word may begin this many characters before its column's header word


@dataclass(slots=True)
class Column:
    start: int
    kind: str


def header_columns(ln: Line) -> list[Column] | None:
    """The columns of a presence table's header row, or None for a line that is no such header:
    every word (or two-word phrase) a column word, three columns or more, at least one name
    column and one presence column."""
    text = ln.text
    tokens = [(m.start(), fold(m[0])) for m in _TOKEN_RE.finditer(text)]
    cols: list[Column] = []
    k = 0
    while k < len(tokens):
        pos, word = tokens[k]
        pair = f"{word} {tokens[k + 1][1]}" if k + 1 < len(tokens) else None
        if pair in COLUMN_WORDS:
            kind, k = COLUMN_WORDS[pair], k + 2
        elif word in COLUMN_WORDS:
            kind, k = COLUMN_WORDS[word], k + 1
        else:
            return None
        if kind == "group":   # "Ledamöter", "Ersättare": the name column at the start, a substitute column later
            people_cols = [c for c in cols if c.kind != "org"]
            kind = "name" if not people_cols or _marks_first(people_cols) and cols[-1].kind in ("present", "absent") else "sub"
        cols.append(Column(pos, kind))
    kinds = {c.kind for c in cols}
    # (two words are a label and a group heading of a cover page: "Närvarande   Ledamöter")
    if len(cols) < 3 or not kinds & {"name"} or not kinds & {"present", "absent"}:
        return None
    return cols


def _marks_first(cols: list[Column]) -> bool:
    """Whether the table puts the mark before the name ("Närv. Namn   Närv. Namn"); an
    organisation column at the start ("Organisation  Ledamot  Närv.") is no part of it."""
    cols = [c for c in cols if c.kind != "org"]
    return bool(cols) and cols[0].kind in ("present", "absent")


def _cells(ln: Line, cols: list[Column]) -> list[tuple[int, int]]:
    """(start, end) offsets in the line of the text under each column."""
    spans: list[list[int] | None] = [None] * len(cols)
    k_prev, prev_end = -1, -2
    for m in _TOKEN_RE.finditer(ln.text):
        if m.start() == prev_end + 1 and not _MARK_RE.match(m[0]):
            k = k_prev   # one space: the same phrase ("Ingrid Moberg §§ 211-218", "X (tjg)")
        else:
            k = len(cols) - 1
            while k > 0 and cols[k].start > m.start() + _TOLERANCE:
                k -= 1
        k_prev, prev_end = k, m.end()
        if spans[k] is None:
            spans[k] = [m.start(), m.end()]
        else:
            spans[k][1] = m.end()
    return [(s[0], s[1]) if s else (0, 0) for s in spans]


def _groups(cols: list[Column]) -> list[list[int]]:
    """The column indices of each person group of a row: a name column with its mark and
    substitute columns (after it, or before it when the marks come first)."""
    groups: list[list[int]] = []
    marks_first = _marks_first(cols)
    for k, c in enumerate(cols):
        starts = c.kind == "name" if not marks_first else (c.kind in ("present", "absent") and (
            not groups or any(cols[j].kind == "name" for j in groups[-1])))
        if starts or not groups:
            groups.append([k])
        else:
            groups[-1].append(k)
    return groups


def _person(page: Page, ln: Line, span: tuple[int, int]) -> list[tuple[PersonRef, str | None]]:
    """The person in one cell, with the party letters of a separate party column dropped."""
    a, b = span
    cell = ln.text[a:b]
    words = cell.split()
    dropped: list[Span] = []
    while words and PARTY_RE.match(words[-1]):
        word = words.pop()
        cut = cell.rstrip().rfind(word)
        dropped.append(Span(ln.start + a + cut, ln.start + a + cut + len(word), word))
        cell = cell[:cut]
    cell = cell.rstrip()
    if not cell:
        return []
    people = parse_people(cell, ln.start + a, None)
    if len(dropped) == 1 and len(people) == 1:   # "Ingrid Moberg §§ 211-218 S": the cell's party letters
        people = [(_with_party(people[0][0], dropped[0]), people[0][1])]
    return people


def _row(page: Page, ln: Line, cols: list[Column]) -> list[tuple[PersonRef, str]] | None:
    """The people of one row, or None when the row holds nobody (the table has ended)."""
    spans = _cells(ln, cols)
    out: list[tuple[PersonRef, str]] = []
    found = False
    org_only = False
    org: Span | None = None
    for group in _groups(cols):
        marks = {"present": "", "absent": ""}
        sub_marks = {"present": "", "absent": ""}
        member: list[tuple[PersonRef, str | None]] = []
        subs: list[tuple[PersonRef, str | None]] = []
        parties: list[Span | None] = [None, None]   # the member's, the substitute's
        after_sub = False
        for k in group:
            a, b = spans[k]
            cell = ln.text[a:b].strip()
            kind = cols[k].kind
            if kind == "party":
                parties[after_sub] = _party_cell(ln, spans[k])
            elif kind == "org":
                org_only = org_only or bool(cell)
                if cell:
                    org = Span(ln.start + a, ln.start + b, ln.text[a:b])
            elif kind in marks:
                # a mark after the substitute's column is the substitute's ("Ersättare  Närv.")
                (sub_marks if after_sub else marks)[kind] = _yes_no(cell, kind)
            elif kind == "sub":
                after_sub = True
                if cell and not _MARK_RE.match(cell):
                    subs = _person(page, ln, spans[k])
            elif kind == "name":
                member = _person(page, ln, spans[k])
        if not member:
            continue
        found = True
        ref, note = _with_party(member[0][0], parties[0]), member[0][1]
        if org is not None and ref.affiliation is None:   # "DHR Halmstad   Gunvor Sjödahl   Ja"
            ref = PersonRef(ref.name, ref.span, org, ref.party, ref.role)
        present, absent = marks["present"], marks["absent"]
        if note == "absentee" or present[:1] in "-–—" and present or absent and not present:
            role = "absentee"
        elif present:
            role = "attendee"
        elif subs:
            role = "absentee"
        elif "present" not in {cols[k].kind for k in group}:
            role = "attendee"   # a list of names under a heading of the table, marks elsewhere
        else:
            role = None         # nothing marked: the table does not say
        if role:
            out.append((ref, role))
        out.extend((r, n if n == "absentee" else "attendee") for r, n in member[1:])
        sub_absent = sub_marks["absent"] or sub_marks["present"][:1] in "-–—" and sub_marks["present"]
        for r, _ in subs[:1]:
            r = _with_party(r, parties[1])
            if org is not None and r.affiliation is None:
                r = PersonRef(r.name, r.span, org, r.party, r.role)
            out.append((r, "absentee" if sub_absent else "attendee"))
    if not found and org_only:
        return []   # an organisation's name wrapped onto a row of its own ("Autism- och Asperger-
                    # föreningen" / "Halland"): the table goes on
    return out if found else None


def _party_cell(ln: Line, span: tuple[int, int]) -> Span | None:
    """The party letters under a "Parti" column ("S", "KD", "fp"), as the words of the text."""
    a, b = span
    cell = ln.text[a:b]
    if not is_party(cell.strip()):
        return None
    lead = len(cell) - len(cell.lstrip())
    text = cell.strip()
    return Span(ln.start + a + lead, ln.start + a + lead + len(text), text)


def _with_party(ref: PersonRef, party: Span | None) -> PersonRef:
    """``ref`` with the party of its row's party column: its party, and the organisation the
    person belongs to when the row names no other."""
    if party is None or ref.party:
        return ref
    return PersonRef(ref.name, ref.span, ref.affiliation or party, party.text.upper(), ref.role)


def _yes_no(cell: str, kind: str) -> str:
    """A "Ja"/"Nej" answer under a presence column as the mark it stands for: "Nej" under Närv.
    is a "-", "Ja" is an "X" (under Frånv. the other way round)."""
    f = fold(cell)
    if f in ("ja", "nej"):
        yes = f == "ja"
        return "X" if yes else ("-" if kind == "present" else "")
    return cell


def read_tables(page: Page) -> list[tuple[PersonRef, str]]:
    """The people of every presence table of the page; the table lines join
    ``page.attendance_lines`` so that the list rules leave them alone."""
    people: list[tuple[PersonRef, str]] = []
    lines = page.lines
    cands = [k for k, ln in enumerate(lines) if ln.clean and _may_be_header(ln)]
    done = -1
    for k in cands:
        if k <= done:
            continue
        cols = header_columns(lines[k])
        if not cols:
            continue
        page.attendance_lines.add(k)
        page.skip.add(k)
        j = k + 1
        while j < len(lines) and lines[j].clean:
            if header_columns(lines[j]):
                break
            row = _row(page, lines[j], cols)
            if row is None and not _is_sum_row(lines[j]):
                break
            people.extend(row or ())
            page.attendance_lines.add(j)
            page.skip.add(j)
            j += 1
        done = j - 1
    return people + read_mark_lists(page, cands)


def _may_be_header(ln: Line) -> bool:
    """A header row holds a presence column word ("närv", "franv", "forhinder")."""
    f = ln.folded
    return "narv" in f or "franv" in f or "forhinder" in f


def _is_sum_row(ln: Line) -> bool:
    return fold(ln.clean).startswith(("summa", "totalt", "antal"))


# -- lists with a mark after each name ------------------------------------------------------
# "Ledamöter Närvarande" over rows "Hanna Berg X, mötesordförande § 4-9" and "Per Lind anmält
# förhinder": a table of two columns flattened to text, the columns no longer in their places
_MARK_ROW_RE = re.compile(r"^(?P<name>[^\d,;:()]+?)[ \t]+[xX✓✔√](?:[ \t]*,[ \t]*(?P<note>.*))?$")
_GLUED_HEAD_RE = re.compile(r"^.*\d(?=[a-z]{3})")
# "Magnus Ek § 44-58, 66-74": present for the paragraphs named
_PART_ROW_RE = re.compile(r"^(?P<name>[^\d,;:()§]+?)[ \t]+§[ \t]*\d[\d \t,§–-]*$")
_MARK_ONLY_RE = re.compile(r"^[xX✓✔√](?:[ \t]*,.*)?$")


def _mark_list_header(ln: Line) -> bool:
    """"Ledamöter Närvarande", "Namn Närv.": a name or group column and a presence column, alone,
    or glued by a PDF reader to the end of the line before ("... sept. 1992Ledamöter Närvarande")."""
    words = fold(ln.clean).split()
    if len(words) > 2 and (glued := _GLUED_HEAD_RE.search(words[-2])):
        words = [words[-2][glued.end():], words[-1]]
    for n in (1, 2):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if COLUMN_WORDS.get(head) in ("name", "group") and COLUMN_WORDS.get(rest) == "present":
            return True
    return False


def _mark_row(ln: Line) -> tuple[PersonRef, str | None] | None:
    """A row of a mark list: the person and "attendee" for a mark, "absentee" for an absence note
    ("anmält förhinder", "frånvarande"), None (the list says nothing) for a name alone."""
    s = ln.clean
    m = _MARK_ROW_RE.match(s) or _PART_ROW_RE.match(s)
    if m is not None:
        name, role = m["name"].strip(), "attendee"
        # "X, sekreterare": a role for the whole meeting ("X, mötesordförande § 94-106" is for a part)
        note_role = ROLE_WORDS.get(fold(m.groupdict().get("note") or "").strip(" ."))
        if note_role in ("chair", "minute_taker"):
            role = note_role
    else:
        words = s.split()
        name, role = s.strip(), None
        for n in range(2, min(len(words), 5)):
            if fold(" ".join(words[n:])).rstrip(" .") in _ABSENT_NOTES:
                name, role = " ".join(words[:n]), "absentee"
                break
        if role is None and len(words) in (3, 4) and ROLE_WORDS.get(fold(words[-1]).strip(" .")) in ("chair", "minute_taker"):
            name, role = " ".join(words[:-1]), ROLE_WORDS[fold(words[-1]).strip(" .")]   # "Göran Ek sekreterare"
    if not is_full_name(name):
        return None
    a = ln.cstart + s.find(name)
    return PersonRef(name, Span(a, a + len(name), name)), role


_ABSENT_NOTES = frozenset(w for w, kind in COLUMN_WORDS.items() if kind == "absent") | ABSENCE_NOTES


def read_mark_lists(page: Page, cands: list[int]) -> list[tuple[PersonRef, str]]:
    """The people of each mark list: the rows under its header, past group headings of one or two
    words ("Suppleanter", "Sekretariatet") and marks wrapped onto a line of their own."""
    people: list[tuple[PersonRef, str]] = []
    lines = page.lines
    for k in cands:
        if k in page.attendance_lines or not _mark_list_header(lines[k]):
            continue
        rows: list[int] = []
        for j in range(k + 1, len(lines)):
            ln = lines[j]
            if not ln.clean:
                continue
            if ROLE_WORDS.get(ln.folded.strip(" :")) in ("chair", "minute_taker", "adjuster"):
                break   # "Mötesordförande" over its own list: not a group of this one
            row = _mark_row(ln)
            if row is not None:
                if row[1]:
                    people.append((row[0], row[1]))
            elif not (_MARK_ONLY_RE.match(ln.clean) or len(ln.clean.split()) <= 2 and ln.clean[:1].isupper()
                      and not any(c.isdigit() or c in "§:" for c in ln.clean)):
                break
            rows.append(j)
        if any(role != "absentee" for _, role in people):
            glued = len(lines[k].clean.split()) > 2   # (the header glued to a line of the title: that line stays)
            for j in (*rows,) if glued else (k, *rows):
                page.attendance_lines.add(j)
                page.skip.add(j)
    return people
