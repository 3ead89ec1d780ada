"""The body that met, from one header line of any layout.

Headers name the body in many ways: alone ("Kommunstyrelsen"), in a flattened row of columns
("Barn- och utbildningsnämndens     Sammanträdesdatum"), in a web breadcrumb ("Startsida /
Kommunstyrelsen / Beslut i korthet"), after a report lead ("Kortfattat från regionstyrelsen"), or
followed by the kind of meeting ("DDG arbetsgrupp – möte #5"). A line that names only a kind of
meeting ("Anteckningar från styrgruppsmöte nr 4", "Projekt Nytt badhus – projektgruppsmöte") names
no body: the body is then not guessed from it.
"""
from __future__ import annotations

import re

from ..lexicon import ROLE_WORDS
from . import lexicon
from .page import fold
from .patterns import BODY_WORD_RE, DOC_TYPE_WORDS

MEETING_KINDS = tuple(sorted(lexicon.words("meeting_kinds"), key=len, reverse=True))
LEAD_WORDS = lexicon.words("body_lead_words")
BOARD_KINDS = tuple(lexicon.words("board_kinds"))
NAMED_MEETING_WORDS = lexicon.words("named_meeting_words")
END_LABELS = lexicon.words("body_end_labels")
LABEL_WORDS = lexicon.words("body_label_words")
MEETING_LEADS = lexicon.words("meeting_leads")
MAX_NAME_WORDS = 12   # a longer "name" is a run of header text flattened onto one line
_NEXT_TWO_RE = re.compile(r"\s+([\w-]+)\s+([\w-]+)")

_COLUMN_GAP_RE = re.compile(r"\s{3,}|\t")
_CRUMB_SEP_RE = re.compile(r"\s+[/›>»]\s+")
_DASH_SEP_RE = re.compile(r"\s+[–—-]\s+")
_WORD_RE = re.compile(r"[\w-]+")
_KIND_TAIL_RE = re.compile(r"^\s*(?:nr\.?\s*|#\s*)?\d*(?:\s+(?:19|20)\d{2})?\s*$")
_TOKEN_RE = re.compile(r"\S+")
# a number that ends a name: "4/97", "2019-2022", "#7", "(27)", "1(30)", "26-27", a year glued to a label
_NUMBER_TOKEN_RE = re.compile(r"(?:#?\d[\d/.:–-]*|\d*\(\d+\)|\d{4}[A-ZÅÄÖ]\S*)[,.:]?")
_TRAILING_DEN_RE = re.compile(r"(?:\s+den)+$", re.I)


def is_meeting_kind(word: str) -> bool:
    """A word that names a kind of meeting ("styrgruppsmöte", "Styrelsesammanträde")."""
    f = fold(word)
    return any(f.endswith(k) for k in MEETING_KINDS)


_PAREN_RE = re.compile(r"\([^()]*\)")


def names_body(s: str) -> bool:
    """``s`` holds a body word that is not part of a word naming a kind of meeting nor said in
    passing in parentheses ("Projektägare: Marie Holmgren (ordförande i styrgruppen)")."""
    s = _PAREN_RE.sub(lambda m: " " * len(m[0]), s)
    for m in BODY_WORD_RE.finditer(s):
        w = _word_at(s, m.start())
        if not is_meeting_kind(w) or _named_meeting(s, m.end()):
            return True
    return False


def _named_meeting(s: str, k: int) -> bool:
    """The kind of meeting ending at ``k`` goes on "i Familjen Helsingborg": a named standing meeting."""
    m = _NEXT_TWO_RE.match(s, k)
    return bool(m and fold(m[1]) in NAMED_MEETING_WORDS and m[2][:1].isupper())


def _word_at(s: str, k: int) -> str:
    a = k
    while a > 0 and (s[a - 1].isalnum() or s[a - 1] == "-"):
        a -= 1
    m = _WORD_RE.match(s, a)
    return m[0] if m else ""


def _parts(s: str, sep: re.Pattern, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``s[a:b]`` between separators."""
    out, k = [], a
    for m in sep.finditer(s, a, b):
        out.append((k, m.start()))
        k = m.end()
    out.append((k, b))
    return [(x, y) for x, y in out if s[x:y].strip()]


def is_kind_only(piece: str) -> bool:
    """A piece that is only a kind of meeting, with an optional number ("möte #5", "styrgruppsmöte nr 4")."""
    m = _WORD_RE.search(piece)
    return bool(m and is_meeting_kind(m[0]) and _KIND_TAIL_RE.match(piece[m.end():]))


def body_bounds(s: str, a: int, b: int) -> tuple[int, int] | None:
    """Where the body's name lies in ``s[a:b]`` (a header line without its doc-type lead, date and
    time); None when the line names no body."""
    # a flattened row of columns, or a breadcrumb: the last column or crumb that names a body
    for sep in (_COLUMN_GAP_RE, _CRUMB_SEP_RE):
        parts = _parts(s, sep, a, b)
        if len(parts) > 1:
            named = [p for p in parts if names_body(s[p[0]:p[1]])]
            if not named:
                return None
            a, b = named[-1] if sep is _CRUMB_SEP_RE else named[0]
    # "DDG arbetsgrupp – möte #5": the kind of meeting after a dash is no part of the name
    parts = _parts(s, _DASH_SEP_RE, a, b)
    # ... and so is the kind of document ("Barn- och utbildningsnämnden – beslut i korthet")
    while len(parts) > 1 and (is_kind_only(s[parts[-1][0]:parts[-1][1]])
                              or fold(s[parts[-1][0]:parts[-1][1]]).strip(" .:") in DOC_TYPE_WORDS):
        parts.pop()
    a, b = parts[0][0], parts[-1][1]
    a = _name_start(s, a, b)
    b = _name_end(s, a, b)
    if is_prose_about_body(s, a, b):
        return None
    piece = s[a:b]
    words = _WORD_RE.findall(piece)
    if not names_body(piece) or len(words) > MAX_NAME_WORDS or (len(words) == 1 and fold(words[0]) in LABEL_WORDS):
        return None
    piece = _genitive_before_kind(piece)
    return a + (len(piece) - len(piece.lstrip())), a + len(piece.rstrip(" ,.-–:"))


# what a body does in a sentence (presenter and decision verbs) and a role of its own: after the
# body word they make the line a sentence about it ("Styrelsen informerade om ...", "Styrelsens
# ordförande Lars ...")
_VERBS = frozenset(p.split()[0] for p in (*lexicon.words("presenter_verbs"), *lexicon.table("decision_verbs")))
_ROLES = frozenset(ROLE_WORDS)


_TELLING = frozenset(p.split()[0] for p in lexicon.words("presenter_verbs"))
_FOLDED_WORD_RE = re.compile(r"[a-z]+")


def tells(folded: str) -> bool:
    """Whether a sentence (folded) holds a verb of telling ("berättade", "informerade", "redovisar")."""
    return any(w in _TELLING for w in _FOLDED_WORD_RE.findall(folded))


def is_prose_about_body(s: str, a: int, b: int) -> bool:
    """Whether ``s[a:b]`` is a sentence about a body, not a name: a verb of what the body does after
    its body word ("Styrelsen informerade om kongressen ...": the board told the meeting), or a role
    of the body in the genitive ("Styrelsens ordförande Lars Jacobsson hälsade ...")."""
    words = list(_WORD_RE.finditer(s, a, b))
    for k, w in enumerate(words[:-1]):
        if not BODY_WORD_RE.search(w[0]) or is_meeting_kind(w[0]):
            continue
        nxt = words[k + 1][0]
        if s[w.end():words[k + 1].start()].strip() or not nxt.islower():
            return False
        f = fold(nxt)
        return f in _VERBS or (f in _ROLES and w[0].endswith("s") and BODY_WORD_RE.search(w[0][:-1] + " ") is not None)
    return False


def _name_start(s: str, a: int, b: int) -> int:
    """Where the name begins in ``s[a:b]``: after what stands before the first body word, a lead
    word ("Kortfattat från regionstyrelsen"), a kind of document ("1 Sammanträdesprotokoll
    OMSORGSSTYRELSEN"), a page or reference number ("SW-ORG 72/06/92 Möte med ..."), a field's
    label ("Beslutsinstans: Arbetsutskottet"), a header label of the column before ("Sida 1 (23)
    Barn- och utbildningsnämnden", "Sammanträdesdatum Miljö- och byggnadsnämnden") or a bare
    meeting and its preposition ("Möte med sektionens styrelse")."""
    words = list(_WORD_RE.finditer(s, a, b))
    for k, w in enumerate(words):
        f = fold(w[0])
        if f in LABEL_WORDS and s[w.end():w.end() + 1] == ":" and k + 1 < len(words):
            a = words[k + 1].start()
            continue
        if BODY_WORD_RE.search(w[0]) and not is_meeting_kind(w[0]):
            break
        if w[0][:1].isupper() and f in END_LABELS and k + 1 < len(words):
            a = words[k + 1].start()   # a flattened row of columns: "SAMMANTRÄDESPROTOKOLL Sida 1 (23) Barn- och ..."
            continue
        if k + 2 < len(words) and f"{f} {fold(words[k + 1][0])}" in MEETING_LEADS:
            a = words[k + 2].start()
        elif (f in LEAD_WORDS or ((f in DOC_TYPE_WORDS or w[0].isdigit()) and w.start() == a)) and k + 1 < len(words):
            a = words[k + 1].start()
    return a


def _name_end(s: str, a: int, b: int) -> int:
    """Where the name ends in ``s[a:b]``: before a number after it ("Beslutsgruppen för mål
    5b-skärgården 4/97", "Arbetsutskottet 2019-2022", "Socialnämnden (27)", "Möte med sektionens
    styrelse den 26-27 januari") unless a paragraph sign follows ("Förhandling enligt 11 § MBL"),
    and before a capitalised header label ("KOMMUNSTYRELSEN Sidan", "... Utvecklingspolitik
    Avsändarens tjänsteställe")."""
    tokens = list(_TOKEN_RE.finditer(s, a, b))
    for k, t in enumerate(tokens):
        word = t[0].rstrip(":,.")
        if k == 0:
            if word[:1].isupper() and fold(word) in END_LABELS:
                return a   # ("Innehållsförteckning 103 Förändring av ärendelistan ...")
            continue
        if (word[:1].isupper() and fold(word) in END_LABELS) or (
                _NUMBER_TOKEN_RE.fullmatch(t[0]) and not (k + 1 < len(tokens) and tokens[k + 1][0] == "§")):
            kept = _TRAILING_DEN_RE.sub("", s[a:t.start()].rstrip(" ,.-–:")).rstrip(" ,.-–:")
            return a + len(kept)
    return b


def _genitive_before_kind(piece: str) -> str:
    """"Socialutskottets sammanträde": the body is named before the kind of meeting."""
    words = list(_WORD_RE.finditer(piece))
    if len(words) >= 2 and is_meeting_kind(words[-1][0]) and words[-2][0].endswith("s") \
            and BODY_WORD_RE.search(words[-2][0][:-1] + " "):
        return piece[:words[-2].end()]
    return piece


def board_meeting(s: str) -> bool:
    """The line says the board met ("Styrelsesammanträde", "fört vid styrelsemöte")."""
    return any(
        is_meeting_kind(w[0]) and fold(w[0]).startswith(BOARD_KINDS) for w in _WORD_RE.finditer(s)
    )


def says_kind_of_meeting(s: str) -> bool:
    """The line names a kind of meeting or of document ("Protokoll från styrelsemötet 4
    september"): it describes the meeting, it does not name the organisation heading the paper."""
    return any(is_meeting_kind(w[0]) or fold(w[0]) in DOC_TYPE_WORDS for w in _WORD_RE.finditer(s))


def first_column(s: str) -> tuple[int, int]:
    """The first column of a flattened row ("PITEBO AB      PROTOKOLL nr 6/2017" -> "PITEBO AB")."""
    m = _COLUMN_GAP_RE.search(s)
    end = m.start() if m else len(s)
    piece = s[:end]
    return len(piece) - len(piece.lstrip()), len(piece.rstrip(" ,.-–:"))
