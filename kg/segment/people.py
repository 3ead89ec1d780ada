"""Lists of people: "A, B (sekr.)", "Name, Town", "Name (S)", "A & B, SOF", "~~Name~~"."""
from __future__ import annotations

import re

from ..models import PersonRef, Span
from .entries import (
    TRAILING_PARENS_RE,
    Piece,
    is_full_name,
    is_party,
    looks_like_affiliation,
    note_after_name,
    parse_entry,
    role_of,
    strip_notes,
)
from .page import fold
from .patterns import FULL_NAME_RE, ROLE_WORDS, is_first_name, is_place_like
from .row_heads import split_row_heads


def _pieces(text: str, base: int, seps: re.Pattern) -> list[Piece]:
    """``text`` cut at the separators that are not inside parentheses ("Erik Blom (Gävle kommun,
    biblioteket)" is one entry)."""
    out, pos = [], 0
    depth, seen = 0, 0
    parens = "(" in text
    for m in seps.finditer(text):
        if parens:
            depth += text.count("(", seen, m.start()) - text.count(")", seen, m.start())
            seen = m.start()
            if depth > 0 and "\n" not in m[0]:
                continue
            depth = max(depth, 0)
        out.append(Piece(base + pos, base + m.start(), text[pos:m.start()]))
        pos = m.end()
    out.append(Piece(base + pos, base + len(text), text[pos:]))
    return out


def _strip_piece(p: Piece) -> Piece:
    lead = len(p.text) - len(p.text.lstrip(" \t\n*_.:-–@"))
    t = p.text[lead:].rstrip(" \t\n*_.:-–\\")
    if len(t) == len(p.text):
        return p   # nothing to strip (pieces are not changed once made)
    return Piece(p.start + lead, p.start + lead + len(t), t)


STRUCK_RE = re.compile(r"~~(.+?)~~", re.S)
COMMA_NEWLINE_RE = re.compile(r",\s*\n")
# (the list separators begin with white space, "," or ";": the lookahead lets a search pass
# other characters at once)
COMMA_LIST_SEPS_RE = re.compile(r"(?=[\s,;])(?:\s*(?:,|;)\s*|(?<!-)\s+(?:&|och)\s+(?=[A-ZÅÄÖ]))")
WRAP_SEP_RE = re.compile(r"[ \t]*\n[ \t]*")
NEWLINE_RE = re.compile(r"\n")
# (in a list of one entry a line, " – " parts "Arjeplog – Per-Ola Lindgren", "Name (Org) – mötesledare" too)
LINE_LIST_SEPS_RE = re.compile(r"(?=[\s,;])(?:\s*;\s*|(?<!-)\s+(?:&|och)\s+(?=[A-ZÅÄÖ])|\s*,\s*|\s+[–—-]\s+)")
ROLE_IN_PARENS_RE = re.compile(r"\s*\(([^()]{1,30})\)\s*$")
JOINED_RE = re.compile(r"(&|\boch)\s*$")
# "(förhinder, ersattes av ekonomichef Tore Mäki)": the member absent, the one named after "av" present


def parse_people(text: str, base: int, default_role: str | None = None) -> list[tuple[PersonRef, str | None]]:
    """Parse a list of people. Returns (PersonRef, role) pairs; role from notes like "(sekr.)".

    Handles comma-, line-, "och"- and "&"-separated lists; "Name, Affiliation" where the part after
    the comma is not itself a full name; "Name (S)" party letters; "(sekr.)"/"(antecknar)" notes;
    struck-through entries "~~Name~~" (role "absentee"); and two names run together.
    """
    results: list[tuple[PersonRef, str | None]] = []
    # Struck-through spans are entries on their own.
    segments: list[tuple[int, int, bool]] = []
    pos = 0
    # every match of STRUCK_RE holds "~~"
    for m in (STRUCK_RE.finditer(text) if "~~" in text else ()):
        segments.append((pos, m.start(), False))
        segments.append((m.start(1), m.end(1), True))
        pos = m.end()
    segments.append((pos, len(text), False))
    for s0, s1, struck in segments:
        chunk = text[s0:s1]
        if not chunk.strip():
            continue
        results.extend(_parse_chunk(chunk, base + s0, "absentee" if struck else default_role))
    return results


def _parse_chunk(chunk: str, base: int, role: str | None) -> list[tuple[PersonRef, str | None]]:
    content_lines = [x for x in chunk.split("\n") if x.strip()]
    comma_list = (
        len(content_lines) <= 1 and not _dash_entry(chunk)
        or bool(COMMA_NEWLINE_RE.search(chunk))
        or any(x.count(",") >= 2 and _names_on_line(x) >= 2 for x in content_lines)
    )
    if comma_list:
        # Lines wrap inside a comma list: a newline between two words of one name is a space.
        raw = _pieces(chunk, base, COMMA_LIST_SEPS_RE)
        pieces = []
        for p in raw:
            if "\n" not in p.text:  # every match of WRAP_SEP_RE holds "\n": one part, p itself
                pieces.append(p)
                continue
            parts = _pieces(p.text, p.start, WRAP_SEP_RE)
            if len(parts) > 1 and all(len(x.text.split()) >= 2 for x in parts if x.text.strip()):
                pieces.extend(parts)
            else:
                pieces.append(p)
    else:
        pieces = []
        for ln in _pieces(chunk, base, NEWLINE_RE):
            pieces.extend(_pieces(ln.text, ln.start, LINE_LIST_SEPS_RE))
    pieces = [_strip_piece(p) for p in pieces]
    pieces = [p for p in pieces if p.text]
    pieces, tails = split_row_heads(chunk, base, *_column_pieces(pieces))
    leading = _leading_affiliations(chunk, base, pieces)
    out: list[tuple[PersonRef, str | None]] = []
    group: list[int] = []  # indices in out of names joined by "&"/"och" waiting for a shared affiliation
    pending: Span | None = None   # "Piteå" of "Piteå – Magnus Holmström": the next name's affiliation
    for k, p in enumerate(pieces):
        if k in tails:
            continue   # the wrapped rest of the right column's cell on the line above
        if k in leading:
            start = pending.start if pending is not None else p.start
            pending = Span(start, p.end, chunk[start - base: p.end - base])
            continue
        entry = parse_entry(p)
        if entry is not None and not comma_list and k and _after_name_on_line(chunk, base, pieces[k - 1], p):
            entry = None   # "Tor Eklund, Vårdförbundet Jämtland": an organisation after the name, no second person
        if entry is not None and pending is not None:
            entry = [(PersonRef(ref.name, ref.span, ref.affiliation or pending, ref.party, ref.role), r) for ref, r in entry]
        pending = None
        if entry is not None and out and is_place_like(TRAILING_PARENS_RE.sub("", p.text)):
            entry = None   # a place or body after a name ("Anna Berg, Bjuv", "..., Region Norrbotten (kl. 9-10)") is no name
        if entry is None and out and note_after_name(p, out):
            continue
        if entry is None and out and (split := _role_then_name(p)) is not None:
            folded, entry = split   # "Antonella Berg (KD), ordförande Anders Ek (M)": two columns in one line
            ref, r = out[-1]
            new_role = role_of(folded)
            out[-1] = (PersonRef(ref.name, ref.span, ref.affiliation, ref.party, folded),
                       new_role if new_role and r in (None, "attendee") else r)
        if entry is None and _own_party(p.text):
            group = []
            continue   # "Cristina kvist (V)": a name not read, with its own party; no earlier person's
        if entry is None:
            # Not a name: an affiliation ("Bjuv", "SOF", "sekretariatet") or a role of the previous entry.
            if out and looks_like_affiliation(p.text):
                folded = fold(p.text).rstrip(".")
                if folded in ROLE_WORDS:
                    ref, r = out[-1]
                    new_role = role_of(folded)
                    out[-1] = (PersonRef(ref.name, ref.span, ref.affiliation, ref.party, folded),
                               new_role if new_role and r in (None, "attendee") else r)
                    continue
                # "SOF (ordförande)": a role in parentheses after the affiliation
                # a match ends in ")" and white space (\s is what str.rstrip strips)
                pm = ROLE_IN_PARENS_RE.search(p.text) if p.text.rstrip().endswith(")") else None
                if pm and fold(pm[1]).rstrip(".") in ROLE_WORDS:
                    ref, r = out[-1]
                    new_role = role_of(fold(pm[1]).rstrip("."))
                    out[-1] = (ref, new_role if new_role and r in (None, "attendee") else r)
                    p = Piece(p.start, p.start + pm.start(), p.text[: pm.start()])
                note_free = strip_notes(p.text)
                if not note_free.strip():
                    continue   # a note alone ("§§ 113-115")
                p = Piece(p.start, p.start + len(note_free), note_free)
                span = Span(p.start, p.end, p.text)
                targets = group if len(group) > 1 else [len(out) - 1]
                for k in targets:
                    ref, r = out[k]
                    if ref.affiliation is None:
                        out[k] = (PersonRef(ref.name, ref.span, span, ref.party, ref.role), r)
            group = []
            continue
        for ref, r in entry:
            out.append((ref, r if r and (role in (None, "attendee") or r == "absentee") else role))
        joined = chunk[max(0, p.start - base - 5): p.start - base]
        if ("&" in joined or "och" in joined) and JOINED_RE.search(joined):   # what every match holds
            group.append(len(out) - 1)
            if len(group) == 1 and len(out) >= 2:
                group.insert(0, len(out) - 2)
        else:
            group = [len(out) - 1]
    return out


def _role_then_name(p: Piece) -> tuple[str, list[tuple[PersonRef, str | None]]] | None:
    """"ordförande Anders Ek (M)": the capacity of the entry before, then a name of its own (a
    cover page's two columns read into one line)."""
    words = p.text.split()
    for n in (1, 2, 3):
        if len(words) <= n + 1:
            return None
        folded = fold(" ".join(words[:n])).rstrip(".")
        if folded not in ROLE_WORDS:
            continue
        cut = p.text.index(words[n], len(" ".join(words[:n])))
        entry = parse_entry(Piece(p.start + cut, p.end, p.text[cut:]))
        return (folded, entry) if entry else None
    return None


def _own_party(text: str) -> bool:
    """"Cristina kvist (V)": words before party letters in parentheses are someone's name with
    their party (a party belongs to the name right before it, never to a person further back)."""
    m = TRAILING_PARENS_RE.search(text) if text.endswith(")") else None
    if m is None or not is_party(m[1].strip()):
        return False
    words = text[:m.start()].split()
    return 2 <= len(words) <= 4 and words[0][:1].isupper() and is_first_name(words[0])


# Two columns of a cover page read into one line ("Karl-Gustav Lindh (s) ordf Bengt Sjögren, miljöchef"):
# after a name's party letters (and a capacity) the right column's entry begins.
PARTY_CUT_RE = re.compile(
    r"\(([^\W\d_]{1,3})\)(?>(?:\s+(?:(?:1:e|2:e)\s+)?(?:v\.?\s*ordf\.?|vice\s+ordf[oö]rande|ordf[oö]rande|ordf\.?"
    r"|tjg\.?(?:\s+ers\.?)?)\b\.?)?)[ \t]+(?=[^\W\d_])")   # (atomic: a capacity is never a cell)
_NOT_TAIL_RE = re.compile(r"(?:f[oö]r|ers[aä]tt|ers\b|tj[aä]nstg|tjg|ej|utom|i st[aä]llet|§)", re.I)


def column_cuts(text: str) -> list[int]:
    """Where in ``text`` the right column's entry begins: after "(party)" and a capacity, before a
    name or the lower-case rest of a cell; never before a substitute note ("tjg för Y", "ej § 5")."""
    return [b for _, b in column_bounds(text)]


def column_bounds(text: str) -> list[tuple[int, int]]:
    """(end of the party letters, start of the right column's entry) of each column cut."""
    if "(" not in text:
        return []
    return [(m.end(1) + 1, m.end()) for m in PARTY_CUT_RE.finditer(text)
            if is_party(m[1]) and not _NOT_TAIL_RE.match(text, m.end())]


def _column_pieces(pieces: list[Piece]) -> tuple[list[Piece], set[int]]:
    """``pieces`` cut at column boundaries; the indices of the cut-off parts that are no name."""
    out: list[Piece] = []
    tails: set[int] = set()
    for p in pieces:
        cuts = column_cuts(p.text)
        if not cuts:
            out.append(p)
            continue
        bounds = [0, *cuts, len(p.text)]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
            t = p.text[a:b].rstrip()
            if k and not t[:1].isupper():
                tails.add(len(out))
            out.append(Piece(p.start + a, p.start + a + len(t), t))
    return out, tails


_LEADING_DASH_RE = re.compile(r"[ \t]+[–—-][ \t]+")


def _dash_entry(line: str) -> bool:
    """"Avesta kommun – Stefan Nyberg": one entry whose name stands after (or before) a dash."""
    if not _LEADING_DASH_RE.search(line):
        return False
    sides = [x.strip(" *_") for x in _LEADING_DASH_RE.split(line.strip())]
    return any(is_full_name(x.split(",")[0].strip()) for x in sides)


def _leading_affiliations(chunk: str, base: int, pieces: list[Piece]) -> set[int]:
    """Pieces that open their line, are no name (or name a place or body of the gazetteer) and are
    followed on the line by " – " and a name: in "Municipality – Name" lists the affiliation comes
    first, so it belongs to the name after it, not to the entry of the line above. An affiliation
    with a comma ("Polisen, polisområde Dalarna – Name") is all the pieces from the line's start."""
    out = set()
    for k in range(len(pieces) - 1):
        p, q = pieces[k], pieces[k + 1]
        if not (_LEADING_DASH_RE.fullmatch(chunk[p.end - base: q.start - base])
                and (parse_entry(p) is None or is_place_like(p.text)) and parse_entry(q) is not None):
            continue
        run = [k]
        while run[0] > 0:
            j = run[0]
            before = chunk[pieces[j - 1].end - base: pieces[j].start - base]
            if "\n" in before or parse_entry(pieces[j - 1]) is not None:
                break
            run.insert(0, j - 1)
        j = run[0]
        before = chunk[pieces[j - 1].end - base: pieces[j].start - base] if j else chunk[: pieces[j].start - base]
        if j == 0 or "\n" in before:
            out.update(run)
    return out


def _after_name_on_line(chunk: str, base: int, prev: Piece, p: Piece) -> bool:
    """In a list of one entry a line, a piece after a comma on the same line whose first word is no
    known first name ("Emma Lind, räddningschef, Räddningstjänsten Västervik") is an affiliation."""
    between = chunk[prev.end - base: p.start - base]
    if "\n" in between or "," not in between:
        return False
    return not is_first_name(p.text.split()[0])


def _names_on_line(line: str) -> int:
    """How many comma parts of one line are full names: two or more make the line a comma list
    ("Anna Berg, Per Ek, Bjuv"); one ("Name, title, organisation") keeps one entry per line."""
    parts = line.split(",")
    if len(parts) < 2 or not FULL_NAME_RE.match(strip_notes(parts[1].strip(" *_-–")).strip()):
        return 0   # "Emma Lind, räddningschef, Räddningstjänsten Västervik": a title after the name, one entry
    return sum(1 for part in parts if FULL_NAME_RE.match(strip_notes(part.strip(" *_-–")).strip()))


