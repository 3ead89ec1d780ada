"""One entry of a list of people: "Anna Ek (S), ordförande", "X (S) för Y (S)", "Per Lind, sjuk",
"Ekonomichef Tore Mäki" - the name, its party, role, affiliation and the notes on it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons.gazetteer import is_probable_surname, ocr_read_digits, ocr_read_name
from ..models import PersonRef, Span
from . import lexicon
from .page import fold
from .patterns import (
    ABSENCE_NOTES,
    FULL_NAME_RE,
    NAME_WORD,
    PARTICLE,
    PARTY_RE,
    ROLE_WORDS,
    is_first_name,
    is_title_word,
)

_NOT_NAME_STARTS = lexicon.words("not_name_starts")
_LABEL_WORDS = lexicon.words("label_words_in_names")
_GLUED_LEAD = tuple(w for w, kind in lexicon.entries("glued_name_words") if kind == "lead")
_GLUED_TAIL = tuple(w for w, kind in lexicon.entries("glued_name_words") if kind == "tail")
# "Vård och äldreomsorgschef": a capitalised word joined by "och" to a word in lower case is the
# first part of a title or a body, not a surname
_AND_LOWER_RE = re.compile(r"[ \t]+och[ \t]+[a-zåäö]")
SENTENCE_MARK_RE = re.compile(r"[.!?]\s")
TRAILING_PARENS_RE = re.compile(r"\s*\(([^()]{1,80})\)\s*$")
REPLACED_IN_NOTE_RE = re.compile(
    r"\bers[aä]tt(?:es|s)?\s+av\s+(?:[a-zåäö][\w-]*\s+)*?(?P<name>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*){1,3})\s*$")
_WORD_RE = re.compile(r"\S+")


def is_full_name(text: str) -> bool:
    """FULL_NAME_RE, where a digit inside a word that OCR read for a letter ("Ulla Sj6strom",
    "Birgitta 0hrstrom") counts as that letter (the text itself is kept as it stands)."""
    if FULL_NAME_RE.match(text):
        return True
    if not any(c in text for c in "016"):
        return False
    read = ocr_read_digits(text)
    return read != text and bool(FULL_NAME_RE.match(read))


# "Marie Kvist förvaltningschef", "Susanne Frost kvalitetsstrateg 21", "Bo Grahn teknisk chef 35, 39":
# a list row of a table read as text, the name and then its title in lower case (the paragraphs
# the person attended for at the end)
_NAME_THEN_TITLE_RE = re.compile(
    rf"^(?P<name>{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,4}})\s+"
    r"(?P<rest>(?P<lower>[a-zåäö][\w-]*(?:\s+[a-zåäö][\w-]*){0,2})(?:\s+[^\W\d_][\w-]*){0,3}?)"
    r"(?:\s+\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)?\s*$")


def name_then_title(text: str) -> tuple[int, int, int] | None:
    """For a row "Name title ...": the end of the name and the span (in ``text``) of its title and
    what follows it, but the paragraph numbers at the end; None when no word of the lower-case run
    after the name is a job title (title_words.tsv): "Anna Berg informerar" is no row."""
    m = _NAME_THEN_TITLE_RE.match(text)
    if m is None or not is_full_name(m["name"]) or not any(is_title_word(w) for w in m["lower"].split()):
        return None
    return m.end("name"), m.start("rest"), m.end("rest")


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
        if k - cuts[-1] >= 2 and is_first_name(name[words[k][0]:words[k][1]]):
            cuts.append(k)
    if len(cuts) == 1:
        return [(0, len(name))]
    ranges = []
    for a, b in zip(cuts, cuts[1:] + [len(words)]):
        ranges.append((words[a][0], words[b - 1][1]))
    return ranges


def without_label_words(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The name ranges without a label word glued before the first or after the last
    ("Tjänstemän Lisebritt Karlsson", "Rickard Norberg Underskrift"), or a caption or organisation
    known by its ending (glued_name_words.tsv), where a full name is left."""
    if not ranges:
        return ranges
    out = list(ranges)
    a, b = out[0]
    words = _words_if_three(text, a, b)
    if len(words) >= 3 and FULL_NAME_RE.fullmatch(text[words[1][0]:b]) and (
            fold(text[words[0][0]:words[0][1]]) in _LABEL_WORDS
            or _glued_lead(text[words[0][0]:words[0][1]], text[words[1][0]:words[1][1]])):
        out[0] = (words[1][0], b)
    a, b = out[-1]
    words = _words_if_three(text, a, b)
    if len(words) >= 3 and FULL_NAME_RE.fullmatch(text[a:words[-2][1]]) and (
            fold(text[words[-1][0]:words[-1][1]]) in _LABEL_WORDS
            or _glued_tail(text[words[-1][0]:words[-1][1]], text[b:b + 40])):
        out[-1] = (a, words[-2][1])
    return out


def _words_if_three(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The offsets of the words (_WORD_RE) of ``text[a:b]`` when it has three or more, else none:
    a shorter range keeps its words (most names have two), and str.split counts them without
    making their offsets."""
    if len(text[a:b].split()) < 3:
        return []
    return [(m.start() + a, m.end() + a) for m in _WORD_RE.finditer(text[a:b])]


@lru_cache(maxsize=1 << 14)
def _is_listed_name(word: str) -> bool:
    return is_first_name(word) or is_probable_surname(word)


def _glued_lead(word: str, next_word: str) -> bool:
    """"Utvärderarna" before "Marianne Bull": a plural caption before a listed first name."""
    return fold(word).endswith(_GLUED_LEAD) and is_first_name(next_word) and not _is_listed_name(word)


def _glued_tail(word: str, after: str) -> bool:
    """"Landstinget" after "Benny Eriksson", "Vård" in "Eva Källén Vård och äldreomsorgschef"."""
    if _is_listed_name(word):
        return False
    return fold(word).endswith(_GLUED_TAIL) or _AND_LOWER_RE.match(after) is not None


def without_label_words_ref(ref: PersonRef, after: str = "") -> PersonRef | None:
    """The person with a glued label word left out of the name; None for an entry made of label
    words alone ("Övriga Justering": two captions of a flattened cover page)."""
    text = ref.span.text
    words = text.split()
    if words and all(fold(w) in _LABEL_WORDS for w in words):
        return None
    if len(words) == 2 and fold(words[0]) in _LABEL_WORDS and not _is_listed_name(words[1]):
        return None   # "Justerare Tjänstgör": a caption and a word of the next cell, no name
    (a, b), = without_label_words(text + after, [(0, len(text))])
    if (a, b) == (0, len(text)):
        return ref
    span = Span(ref.span.start + a, ref.span.start + b, text[a:b])
    return PersonRef(" ".join(text[a:b].split()), span, ref.affiliation, ref.party, ref.role)


_GAP_RE = re.compile(r"\s{2,}")


def names_run_together(text: str) -> list[tuple[int, int]] | None:
    """A row of full names with the separators lost ("Berit Adolfsson Anita Bohman Margit Viklund",
    text flattened from a PDF column): the ranges of the names when every part split before a known
    first name is itself a full name that begins with one; None otherwise."""
    if len(text.split()) < 6 or _GAP_RE.search(text):
        return None   # (four or five words are one name or two: split_run_together decides; names
        # parted by wide gaps are the columns of a signature row, read by the column rules)
    ranges = split_run_together(text)
    if len(ranges) < 3:
        return None
    for a, b in ranges:
        part = text[a:b]
        if len(part.split()) > 3 or not FULL_NAME_RE.fullmatch(part) or not is_first_name(part.split()[0]):
            return None
    return ranges


# ---------------------------------------------------------------------------------------------
# People lists: "A, B (sekr.)", "Name, Town", "Name (S)", "A & B, SOF", "~~Name~~"

@dataclass(slots=True)
class Piece:
    start: int
    end: int
    text: str


SUBSTITUTE_TAIL_RE = re.compile(
    r"^(?:(?:tj[aä]nstg[oö]rande\s+)?ers[aä]ttare\s+|tjg\.?\s+)?(?:f[oö]r|ers[aä]tter|i st[aä]llet f[oö]r)\s+(?=[A-ZÅÄÖ])", re.I)
REPLACED_BY_RE = re.compile(r"\s*,?\s*\b(?:ers[aä]tts|ersatt)\s+av\s+(?=[A-ZÅÄÖ])", re.I)


def note_after_name(p: Piece, out: list) -> bool:
    """A piece after a name that is a note on it, not an affiliation: "tjänstgörande ersättare för
    Y (S)" (Y is absent), "ersätts av X" (the name before is absent, X present), "anmält förhinder"."""
    ref, r = out[-1]
    folded = fold(strip_notes(p.text)).strip(" .")
    if folded in ABSENCE_NOTES:
        out[-1] = (ref, "absentee")
        return True
    rm = TRAILING_ROLE_RE.match(" " + p.text) if p.text[-1:] in ROLE_LAST else None
    if rm and rm.start() == 0:   # "1:e v ordf", "tjänstgörande ersättare": the capacity, not an affiliation
        new_role = role_of(fold(rm["role"]).strip(" ."))
        if new_role and r in (None, "attendee"):
            out[-1] = (ref, new_role)
        return True
    m = SUBSTITUTE_TAIL_RE.match(p.text)
    if m:
        replaced = parse_entry(Piece(p.start + m.end(), p.end, p.text[m.end():]))
        if replaced:
            out.extend((x, "absentee") for x, _ in replaced)
            return True
    m = REPLACED_BY_RE.match(p.text)
    if m:
        present = parse_entry(Piece(p.start + m.end(), p.end, p.text[m.end():]))
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


def strip_notes(text: str) -> str:
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


def role_of(folded: str) -> str | None:
    r = ROLE_WORDS.get(folded)
    return r if r in ("chair", "minute_taker", "adjuster") else None


def looks_like_affiliation(s: str) -> bool:
    s = s.strip()
    return 0 < len(s) <= 60 and len(s.split()) <= 6 and not SENTENCE_MARK_RE.search(s)


SUBSTITUTE_RE = re.compile(r"(?:\s*,\s*tj[aä]nstg[oö]rande ers[aä]ttare|\s+tjg\.?\s+ers(?:[aä]ttare|\.)?)?\s+(?:ers[aä]tter|ers\.|i st[aä]llet f[oö]r|tj[aä]nstg[oö]r f[oö]r|tjg\.? f[oö]r|f[oö]r)\s+(?=[A-ZÅÄÖ])")
TRAILING_ROLE_RE = re.compile(   # (a match begins with white space or ",": the lookahead)
    r"(?=[\s,])\s*,?\s+(?P<role>(?:1:e |2:e |f[oö]rste |andre )?(?:vice|v\.?) ordf(?:[oö]rande|\.)?|tj[aä]nstg[oö]rande ers[aä]ttare|tjg\.?\s+ers(?:[aä]ttare|\.)?|ordf[oö]rande|ordf\.?|ledamot|ers[aä]ttare|sekreterare|justerare)\s*$",
    re.I,
)

ROLE_LAST = frozenset("eEtTfFsSſ.")   # ("ſ": what re.I takes for "s")


def parse_entry(p: Piece) -> list[tuple[PersonRef, str | None]] | None:
    """One list entry: 'Name', 'Name (S)', 'Name (sekr.)', 'Name(KC)', 'Name, ordförande'."""
    text, start = p.text, p.start
    role: str | None = None
    text = strip_notes(text)
    # "Björn Kvist (S) ersätts av Mona Ljung (S)": the first is absent, the second present
    rb = REPLACED_BY_RE.search(text) if "av" in text else None
    if rb and rb.start() > 0:
        replaced = parse_entry(Piece(start, start + rb.start(), text[: rb.start()]))
        present = parse_entry(Piece(start + rb.end(), start + len(text), text[rb.end():]))
        if replaced and present:
            return [(ref, "absentee") for ref, _ in replaced] + present
    # "Marie Johnsson (L) ersätter Maria Winberg Nordström", "Örjan Jönsson (MP) för Claes Larsson (MP)":
    # the substitute is present, the member replaced is absent.
    sub = SUBSTITUTE_RE.search(text) if "ers" in text or "f" in text else None   # as in is_name_line
    if sub:
        present = parse_entry(Piece(start, start + sub.start(), text[: sub.start()]))
        replaced = parse_entry(Piece(start + sub.end(), start + len(text), text[sub.end():]))
        if present:
            return present + [(ref, "absentee") for ref, _ in (replaced or [])]
    # "Conny Axelsson (M) ordförande": a role word after the name, with or without a comma
    # a match ends in a role word's last letter (e, t or "."; re.I finds no other letter for e
    # and t) and white space (\s is what str.rstrip strips)
    rm = TRAILING_ROLE_RE.search(text) if text.rstrip()[-1:] in ROLE_LAST else None
    if rm and rm.start() > 0:
        role = role_of(fold(rm["role"]).strip(" .")) or role
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
            role = role_of(finner) or role
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
            role = role_of(ftail) or role
        elif tail_clean:
            affiliation = Span(t0, t0 + len(tail_clean), tail_clean)
        text = head
    text = text.rstrip()
    if fold(text.split(" ", 1)[0]) in _NOT_NAME_STARTS:
        return None   # "För Kommunal Sydost": a side of a negotiation, no person
    full = is_full_name(text)
    run = names_run_together(text) if not full else None
    if run is not None:
        ranges = run
    elif not full:
        titled = name_then_title(text)
        if titled is None:
            # a single capitalised word is a name only as a first-name mention in a presenter line
            return None
        name_end, a, b = titled   # "Marie Kvist förvaltningschef", "Hans-Olov Lund rektor Marnässkolan 22"
        if affiliation is None:
            affiliation = Span(start + a, start + b, text[a:b])
        text = text[:name_end]
        ranges = split_run_together(text)
    else:
        ranges = split_run_together(text)
    ranges = without_label_words(text, ranges)
    out = []
    for k, (a, b) in enumerate(ranges):
        last = k == len(ranges) - 1
        ref = PersonRef(
            name=ocr_read_name(" ".join(text[a:b].split())),
            span=Span(start + a, start + b, text[a:b]),
            affiliation=affiliation if last else None,
            party=party if last else None,
            role=None,
        )
        out.append((ref, role if last else None))
    if stand_in is not None:
        out.append((stand_in, "attendee"))
    return out
