"""Lists of people: "A, B (sekr.)", "Name, Town", "Name (S)", "A & B, SOF", "~~Name~~"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import PersonRef, Span
from .page import fold
from .patterns import ABSENCE_NOTES, FULL_NAME_RE, PARTY_RE, ROLE_WORDS, _is_first_name, _is_place_like

_WORD_RE = re.compile(r"\S+")
# a digit that OCR read for a letter of a name: "Sj6gren" (ö), "0hrström" (Ö), "Stal1er" (l)
_OCR_DIGIT_RE = re.compile(r"(?<=[^\W\d_])[016](?=[^\W\d_])|(?<![\w])0(?=[a-zåäö]{2})")
_OCR_LETTER = {"0": "o", "6": "ö", "1": "l"}


def is_full_name(text: str) -> bool:
    """FULL_NAME_RE, where a digit inside a word that OCR read for a letter ("Ulla Sj6strom",
    "Birgitta 0hrstrom") counts as that letter (the text itself is kept as it stands)."""
    if FULL_NAME_RE.match(text):
        return True
    if not any(c in text for c in "016"):
        return False
    read = _OCR_DIGIT_RE.sub(lambda m: "O" if m[0] == "0" and not text[m.start() - 1:m.start()].isalpha()
                             else _OCR_LETTER[m[0]], text)
    return read != text and bool(FULL_NAME_RE.match(read))


def split_run_together(name: str) -> list[tuple[int, int]]:
    """Split 'Maria Boman Hansson Marie Krantz' (a lost comma) into name ranges.

    A name of four or more words is split before a word that is a known first name, when both
    parts keep at least two words. Returns (start, end) ranges into ``name``.
    """
    if len(name.split()) < 4:  # as many words as _WORD_RE finds (\S is what str.split does not split on)
        return [(0, len(name))]
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(name)]
    cuts = [0]
    for k in range(2, len(words) - 1):
        if k - cuts[-1] >= 2 and _is_first_name(name[words[k][0]:words[k][1]]):
            cuts.append(k)
    if len(cuts) == 1:
        return [(0, len(name))]
    ranges = []
    for a, b in zip(cuts, cuts[1:] + [len(words)]):
        ranges.append((words[a][0], words[b - 1][1]))
    return ranges


# ---------------------------------------------------------------------------------------------
# People lists: "A, B (sekr.)", "Name, Town", "Name (S)", "A & B, SOF", "~~Name~~"

ENTRY_SPLIT_RE = re.compile(r"\s*(?:,|;|\s&\s|\soch\s|\n)\s*")


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    text: str


def _pieces(text: str, base: int, seps: re.Pattern) -> list[_Piece]:
    """``text`` cut at the separators that are not inside parentheses ("Erik Blom (Gävle kommun,
    biblioteket)" is one entry)."""
    out, pos = [], 0
    depth, seen = 0, 0
    for m in seps.finditer(text):
        if "(" in text:
            depth += text.count("(", seen, m.start()) - text.count(")", seen, m.start())
            seen = m.start()
            if depth > 0 and "\n" not in m[0]:
                continue
            depth = max(depth, 0)
        out.append(_Piece(base + pos, base + m.start(), text[pos:m.start()]))
        pos = m.end()
    out.append(_Piece(base + pos, base + len(text), text[pos:]))
    return out


def _strip_piece(p: _Piece) -> _Piece:
    lead = len(p.text) - len(p.text.lstrip(" \t\n*_.:-–@"))
    t = p.text[lead:].rstrip(" \t\n*_.:-–\\")
    if len(t) == len(p.text):
        return p   # nothing to strip (pieces are not changed once made)
    return _Piece(p.start + lead, p.start + lead + len(t), t)


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
SENTENCE_MARK_RE = re.compile(r"[.!?]\s")
TRAILING_PARENS_RE = re.compile(r"\s*\(([^()]{1,80})\)\s*$")
# "(förhinder, ersattes av ekonomichef Tore Mäki)": the member absent, the one named after "av" present
REPLACED_IN_NOTE_RE = re.compile(
    r"\bers[aä]tt(?:es|s)?\s+av\s+(?:[a-zåäö][\w-]*\s+)*?(?P<name>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*){1,3})\s*$")


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
    pieces, tails = _column_pieces(pieces)
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
        entry = _parse_entry(p)
        if entry is not None and not comma_list and k and _after_name_on_line(chunk, base, pieces[k - 1], p):
            entry = None   # "Tor Eklund, Vårdförbundet Jämtland": an organisation after the name, no second person
        if entry is not None and pending is not None:
            entry = [(PersonRef(ref.name, ref.span, ref.affiliation or pending, ref.party, ref.role), r) for ref, r in entry]
        pending = None
        if entry is not None and out and _is_place_like(TRAILING_PARENS_RE.sub("", p.text)):
            entry = None   # a place or body after a name ("Anna Berg, Bjuv", "..., Region Norrbotten (kl. 9-10)") is no name
        if entry is None and out and _note_after_name(p, out):
            continue
        if entry is None:
            # Not a name: an affiliation ("Bjuv", "SOF", "sekretariatet") or a role of the previous entry.
            if out and _looks_like_affiliation(p.text):
                folded = fold(p.text).rstrip(".")
                if folded in ROLE_WORDS:
                    ref, r = out[-1]
                    new_role = _role_of(folded)
                    out[-1] = (PersonRef(ref.name, ref.span, ref.affiliation, ref.party, folded),
                               new_role if new_role and r in (None, "attendee") else r)
                    continue
                # "SOF (ordförande)": a role in parentheses after the affiliation
                # a match ends in ")" and white space (\s is what str.rstrip strips)
                pm = ROLE_IN_PARENS_RE.search(p.text) if p.text.rstrip().endswith(")") else None
                if pm and fold(pm[1]).rstrip(".") in ROLE_WORDS:
                    ref, r = out[-1]
                    new_role = _role_of(fold(pm[1]).rstrip("."))
                    out[-1] = (ref, new_role if new_role and r in (None, "attendee") else r)
                    p = _Piece(p.start, p.start + pm.start(), p.text[: pm.start()])
                note_free = _strip_notes(p.text)
                if not note_free.strip():
                    continue   # a note alone ("§§ 113-115")
                p = _Piece(p.start, p.start + len(note_free), note_free)
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


def _column_pieces(pieces: list[_Piece]) -> tuple[list[_Piece], set[int]]:
    """``pieces`` cut at column boundaries; the indices of the cut-off parts that are no name."""
    out: list[_Piece] = []
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
            out.append(_Piece(p.start + a, p.start + a + len(t), t))
    return out, tails


_LEADING_DASH_RE = re.compile(r"[ \t]+[–—-][ \t]+")


def _dash_entry(line: str) -> bool:
    """"Avesta kommun – Stefan Nyberg": one entry whose name stands after (or before) a dash."""
    if not _LEADING_DASH_RE.search(line):
        return False
    sides = [x.strip(" *_") for x in _LEADING_DASH_RE.split(line.strip())]
    return any(is_full_name(x.split(",")[0].strip()) for x in sides)


def _leading_affiliations(chunk: str, base: int, pieces: list[_Piece]) -> set[int]:
    """Pieces that open their line, are no name (or name a place or body of the gazetteer) and are
    followed on the line by " – " and a name: in "Municipality – Name" lists the affiliation comes
    first, so it belongs to the name after it, not to the entry of the line above. An affiliation
    with a comma ("Polisen, polisområde Dalarna – Name") is all the pieces from the line's start."""
    out = set()
    for k in range(len(pieces) - 1):
        p, q = pieces[k], pieces[k + 1]
        if not (_LEADING_DASH_RE.fullmatch(chunk[p.end - base: q.start - base])
                and (_parse_entry(p) is None or _is_place_like(p.text)) and _parse_entry(q) is not None):
            continue
        run = [k]
        while run[0] > 0:
            j = run[0]
            before = chunk[pieces[j - 1].end - base: pieces[j].start - base]
            if "\n" in before or _parse_entry(pieces[j - 1]) is not None:
                break
            run.insert(0, j - 1)
        j = run[0]
        before = chunk[pieces[j - 1].end - base: pieces[j].start - base] if j else chunk[: pieces[j].start - base]
        if j == 0 or "\n" in before:
            out.update(run)
    return out


def _after_name_on_line(chunk: str, base: int, prev: _Piece, p: _Piece) -> bool:
    """In a list of one entry a line, a piece after a comma on the same line whose first word is no
    known first name ("Emma Lind, räddningschef, Räddningstjänsten Västervik") is an affiliation."""
    between = chunk[prev.end - base: p.start - base]
    if "\n" in between or "," not in between:
        return False
    return not _is_first_name(p.text.split()[0])


def _names_on_line(line: str) -> int:
    """How many comma parts of one line are full names: two or more make the line a comma list
    ("Anna Berg, Per Ek, Bjuv"); one ("Name, title, organisation") keeps one entry per line."""
    parts = line.split(",")
    if len(parts) < 2 or not FULL_NAME_RE.match(_strip_notes(parts[1].strip(" *_-–")).strip()):
        return 0   # "Emma Lind, räddningschef, Räddningstjänsten Västervik": a title after the name, one entry
    return sum(1 for part in parts if FULL_NAME_RE.match(_strip_notes(part.strip(" *_-–")).strip()))


SUBSTITUTE_TAIL_RE = re.compile(
    r"^(?:(?:tj[aä]nstg[oö]rande\s+)?ers[aä]ttare\s+|tjg\.?\s+)?(?:f[oö]r|ers[aä]tter|i st[aä]llet f[oö]r)\s+(?=[A-ZÅÄÖ])", re.I)
REPLACED_BY_RE = re.compile(r"\s*,?\s*\b(?:ers[aä]tts|ersatt)\s+av\s+(?=[A-ZÅÄÖ])", re.I)


def _note_after_name(p: _Piece, out: list) -> bool:
    """A piece after a name that is a note on it, not an affiliation: "tjänstgörande ersättare för
    Y (S)" (Y is absent), "ersätts av X" (the name before is absent, X present), "anmält förhinder"."""
    ref, r = out[-1]
    folded = fold(_strip_notes(p.text)).strip(" .")
    if folded in ABSENCE_NOTES:
        out[-1] = (ref, "absentee")
        return True
    rm = TRAILING_ROLE_RE.match(" " + p.text) if p.text[-1:] in _ROLE_LAST else None
    if rm and rm.start() == 0:   # "1:e v ordf", "tjänstgörande ersättare": the capacity, not an affiliation
        new_role = _role_of(fold(rm["role"]).strip(" ."))
        if new_role and r in (None, "attendee"):
            out[-1] = (ref, new_role)
        return True
    m = SUBSTITUTE_TAIL_RE.match(p.text)
    if m:
        replaced = _parse_entry(_Piece(p.start + m.end(), p.end, p.text[m.end():]))
        if replaced:
            out.extend((x, "absentee") for x, _ in replaced)
            return True
    m = REPLACED_BY_RE.match(p.text)
    if m:
        present = _parse_entry(_Piece(p.start + m.end(), p.end, p.text[m.end():]))
        if present:
            out[-1] = (ref, "absentee")
            out.extend((x, "attendee") for x, _ in present)
            return True
    return False


# Notes after a name that say for which paragraphs or in what capacity the person took part:
# "§§ 113-115", "ej § 115", "tjg", "1:e v ordf", "*" (took part remotely).
NOTE_RE = re.compile(
    r"(?:\s*,?\s*(?:(?:ej|utom|fr\.?o\.?m\.?|t\.?o\.?m\.?|from|tom)\s+)?§§?\s*\d+(?:\s*(?:[-–,]|och|o)\s*\d+)*"
    r"|\s*\*+|\s*,?\s*\(?tjg\.?\)?)+\s*$", re.I)


def _strip_notes(text: str) -> str:
    """``text`` without its trailing paragraph and capacity notes (the kept part is a prefix)."""
    if "§" not in text and "*" not in text and "tjg" not in text.lower():
        return text
    return NOTE_RE.sub("", text)


# party letters written other than PARTY_RE has them: "FI", and the older "KDS", "NYD", "VPK"
_MORE_PARTIES = frozenset({"FI", "KDS", "NYD", "VPK"})


def is_party(inner: str) -> bool:
    """Party letters in parentheses after a name: "(S)", "(FI)", and in lower case as older and
    OCR'd protokoll write them ("(s)", "(fp)", "(kds)")."""
    if len(inner) > 3 or not inner.isalpha():
        return False
    if PARTY_RE.match(inner):
        return True
    if not (inner.islower() or inner.isupper()):
        return False
    up = inner.upper()
    return up in _MORE_PARTIES or bool(PARTY_RE.match(up))


def _role_of(folded: str) -> str | None:
    r = ROLE_WORDS.get(folded)
    return r if r in ("chair", "minute_taker", "adjuster") else None


def _looks_like_affiliation(s: str) -> bool:
    s = s.strip()
    return 0 < len(s) <= 60 and len(s.split()) <= 6 and not SENTENCE_MARK_RE.search(s)


SUBSTITUTE_RE = re.compile(r"(?:\s*,\s*tj[aä]nstg[oö]rande ers[aä]ttare|\s+tjg\.?\s+ers(?:[aä]ttare|\.)?)?\s+(?:ers[aä]tter|ers\.|i st[aä]llet f[oö]r|tj[aä]nstg[oö]r f[oö]r|tjg\.? f[oö]r|f[oö]r)\s+(?=[A-ZÅÄÖ])")
TRAILING_ROLE_RE = re.compile(   # (a match begins with white space or ",": the lookahead)
    r"(?=[\s,])\s*,?\s+(?P<role>(?:1:e |2:e |f[oö]rste |andre )?(?:vice|v\.?) ordf(?:[oö]rande|\.)?|tj[aä]nstg[oö]rande ers[aä]ttare|tjg\.?\s+ers(?:[aä]ttare|\.)?|ordf[oö]rande|ordf\.?|ledamot|ers[aä]ttare|sekreterare|justerare)\s*$",
    re.I,
)

_ROLE_LAST = frozenset("eEtTfFsSſ.")   # ("ſ": what re.I takes for "s")


def _parse_entry(p: _Piece) -> list[tuple[PersonRef, str | None]] | None:
    """One list entry: 'Name', 'Name (S)', 'Name (sekr.)', 'Name(KC)', 'Name, ordförande'."""
    text, start = p.text, p.start
    role: str | None = None
    text = _strip_notes(text)
    # "Björn Kvist (S) ersätts av Mona Ljung (S)": the first is absent, the second present
    rb = REPLACED_BY_RE.search(text) if "av" in text else None
    if rb and rb.start() > 0:
        replaced = _parse_entry(_Piece(start, start + rb.start(), text[: rb.start()]))
        present = _parse_entry(_Piece(start + rb.end(), start + len(text), text[rb.end():]))
        if replaced and present:
            return [(ref, "absentee") for ref, _ in replaced] + present
    # "Marie Johnsson (L) ersätter Maria Winberg Nordström", "Örjan Jönsson (MP) för Claes Larsson (MP)":
    # the substitute is present, the member replaced is absent.
    sub = SUBSTITUTE_RE.search(text) if "ers" in text or "f" in text else None   # as in is_name_line
    if sub:
        present = _parse_entry(_Piece(start, start + sub.start(), text[: sub.start()]))
        replaced = _parse_entry(_Piece(start + sub.end(), start + len(text), text[sub.end():]))
        if present:
            return present + [(ref, "absentee") for ref, _ in (replaced or [])]
    # "Conny Axelsson (M) ordförande": a role word after the name, with or without a comma
    # a match ends in a role word's last letter (e, t or "."; re.I finds no other letter for e
    # and t) and white space (\s is what str.rstrip strips)
    rm = TRAILING_ROLE_RE.search(text) if text.rstrip()[-1:] in _ROLE_LAST else None
    if rm and rm.start() > 0:
        role = _role_of(fold(rm["role"]).strip(" .")) or role
        text = text[: rm.start()]
    party: str | None = None
    affiliation: Span | None = None
    stand_in: PersonRef | None = None
    # trailing parentheses
    while True:
        # a match ends in ")" and white space (\s is what str.rstrip strips)
        m = TRAILING_PARENS_RE.search(text) if text.rstrip().endswith(")") else None
        if not m:
            break
        inner = m[1].strip()
        finner = fold(inner).rstrip(".")
        inner_start = start + m.start(1) + (len(m[1]) - len(m[1].lstrip()))
        if finner in ROLE_WORDS or finner + "." in ROLE_WORDS:
            role = _role_of(finner) or role
        elif finner in ABSENCE_NOTES or fold(inner.split(",")[0]).strip(" .") in ABSENCE_NOTES:
            role = "absentee"   # "(förhinder)", "(förhinder, ersattes av ...)"
            rn = REPLACED_IN_NOTE_RE.search(inner)
            if rn and FULL_NAME_RE.match(rn["name"]):
                a = inner_start + rn.start("name")
                stand_in = PersonRef(rn["name"], Span(a, a + len(rn["name"]), rn["name"]), None, None, None)
        elif is_party(inner):
            party = inner
        else:
            affiliation = Span(inner_start, inner_start + len(inner), inner)
        text = text[: m.start()]
    # "Name, Affil" inside one piece (line lists keep their commas)
    if "," in text:
        head, _, tail = text.partition(",")
        tail_clean = tail.strip()
        if not is_full_name(head.strip()):
            return None
        t0 = start + len(head) + 1 + (len(tail) - len(tail.lstrip()))
        ftail = fold(tail_clean).rstrip(".")
        if ftail in ROLE_WORDS:
            role = _role_of(ftail) or role
        elif tail_clean:
            affiliation = Span(t0, t0 + len(tail_clean), tail_clean)
        text = head
    text = text.rstrip()
    if not is_full_name(text):
        # a single capitalised word is a name only as a first-name mention in a presenter line
        return None
    ranges = split_run_together(text)
    out = []
    for k, (a, b) in enumerate(ranges):
        last = k == len(ranges) - 1
        ref = PersonRef(
            name=" ".join(text[a:b].split()),
            span=Span(start + a, start + b, text[a:b]),
            affiliation=affiliation if last else None,
            party=party if last else None,
            role=None,
        )
        out.append((ref, role if last else None))
    if stand_in is not None:
        out.append((stand_in, "attendee"))
    return out
