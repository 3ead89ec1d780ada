"""Segmenting: Document -> Minutes, from the layout that Swedish minutes share.

Minutes of every genre (ledningsgrupp notes, formal protokoll with §§, Markdown copies, OCR'd
PDFs) have the same parts: a header (title, body, date, time, place), attendance lists, agenda
items (numbered, §-numbered, timed or plain headings), presenter lines and decisions. This module
finds those parts with line rules; it never guesses what the text does not state.

Keywords are matched on a folded form of each line (case and diacritics removed) so that OCR
damage (``Foredragande``, ``Franvarande``) does not hide them, while every Span keeps the exact
text of the document.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .models import AgendaItem, Decision, Document, Issue, Minutes, PersonRef, Span

# ---------------------------------------------------------------------------------------------
# Lines and folding


@dataclass(unsafe_hash=True)
class Line:
    """One line of the document: ``text`` is exact, ``start`` its offset, ``clean`` the content
    without Markdown emphasis, heading marks and bullets (with ``cstart`` its offset).

    Not frozen, though nothing changes a Line once built: a frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``, and a document has a Line for every line."""

    no: int
    start: int
    text: str
    clean: str
    cstart: int
    bullet: bool = False

    @property
    def blank(self) -> bool:
        return not self.clean

    @cached_property
    def folded(self) -> str:
        return fold(self.clean)

    def span(self) -> Span:
        return Span(self.cstart, self.cstart + len(self.clean), self.clean)


def _fold_char(c: str) -> str:
    d = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(d) == 1:
        return d
    low = c.lower()
    return low if len(low) == 1 else c


class _FoldTable(dict):
    """code point -> folded character for ``str.translate``, filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
OCR_SIX_RE = re.compile(r"(?<![\w])6(?=[a-zåäö]{2})")  # "6ver", "6vriga": an OCR'd "ö" at a word's start


# _fold_char of every Latin-1 character as a byte table, for ``bytes.translate`` (far faster than
# ``str.translate`` through a dict). "µ" is the one Latin-1 character that folds outside Latin-1
# (to Greek "μ"): a text with it takes the dict; its byte here is never used.
_LATIN1_UNFOLDABLE = "\xb5"
_LATIN1_FOLD = bytes(c if chr(c) in _LATIN1_UNFOLDABLE else ord(_fold_char(chr(c))) for c in range(256))


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Lower-case and strip diacritics, one character for one, so offsets in the folded string
    are offsets in the original: the form keywords are compared in. OCR's "6" for a leading "ö"
    folds to "o" as well."""
    if _LATIN1_UNFOLDABLE in s:
        t = s.translate(_FOLD_TABLE)
    else:
        try:
            t = s.encode("latin-1").translate(_LATIN1_FOLD).decode("latin-1")
        except UnicodeEncodeError:  # a character beyond Latin-1 ("–", "…")
            t = s.translate(_FOLD_TABLE)
    # every match of OCR_SIX_RE is a "6" (a substitution without a match returns the same text)
    return OCR_SIX_RE.sub("o", t) if "6" in t else t


def _fold_plain(s: str) -> str:
    """What ``fold`` gives, by the dict alone (for tests)."""
    return OCR_SIX_RE.sub("o", s.translate(_FOLD_TABLE))


BULLET_RE = re.compile(r"^(?:[-*•·▪◦»¢=]|[eo](?=\s+[A-ZÅÄÖ0-9\"“]))\s+")
MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
LEADING_JUNK_RE = re.compile(r"^[%|¦#>]+\s*")


def split_lines(text: str, ftext: str | None = None) -> list[Line]:
    """Each line cleaned and folded (as ``_clean_line`` does it alone), with every line's ``folded`` set at once: a slice of the whole text
    folded (``ftext``, ``_fold_text(text)`` when not given)."""
    if ftext is None:
        ftext = _fold_text(text)
    lines: list[Line] = []
    append = lines.append
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        if not raw or raw[0] not in _CUT_FIRST:  # as _clean_line
            clean = raw.rstrip()
            ln = Line(no, pos, raw, clean, pos, False)
            ln.folded = ftext[pos:pos + len(clean)]
        else:
            ln = _clean_line_plain(no, pos, raw)
            ln.folded = ftext[ln.cstart:ln.cstart + len(ln.clean)]
        append(ln)
        pos += len(raw) + 1
    return lines


# OCR_SIX_RE with the "6" first (its lookbehind moved after it, to the character before the
# "6"), so that the engine looks for the "6" alone: the same matches
_OCR_SIX_FAST_RE = re.compile(r"6(?<!\w6)(?=[a-zåäö]{2})")


def _fold_text(text: str) -> str:
    """``fold(text)`` for a whole text, uncached, such that ``_fold_text(text)[a:b]`` is
    ``fold(ln.clean)`` for each line's ``clean`` at ``a:b``.

    Folding is one character for one, each by itself (the byte table and the dict give the same
    character), but for OCR_SIX_RE, which also reads the character before a "6" and the two after
    it. Before ``clean`` the text has a line break, white space, "\ufeff", "\u200b" or one of
    "#%|¦>*" (what _clean_line_plain cuts), which all fold to no \\w character, as the start of a
    string gives none; after it, a line break, white space or "*" (what rstrip and the emphasis
    cut remove), which fold to no letter, as the end of a string gives none."""
    parts: list[str] = []
    pos, n = 0, len(text)
    while pos < n:
        # the Latin-1 characters but "µ" through the byte table, each run of the others through the dict
        try:
            b = text[pos:].encode("latin-1")
        except UnicodeEncodeError as e:
            a, z = pos + e.start, pos + e.end
        else:
            a = z = n
        micro = text.find(_LATIN1_UNFOLDABLE, pos, a)
        if micro >= 0:
            a, z = micro, micro + 1
        if a > pos:
            parts.append(text[pos:a].encode("latin-1").translate(_LATIN1_FOLD).decode("latin-1"))
        if z > a:
            parts.append(text[a:z].translate(_FOLD_TABLE))
        pos = z
    t = "".join(parts)
    return _OCR_SIX_FAST_RE.sub("o", t) if "6" in t else t


# the first characters of a line that _clean_line_plain may cut away; another first character
# leaves the line as it is but for the white space at its end
_CUT_FIRST = frozenset("\ufeff \t\u00a0\u200b#%|¦>-*•·▪◦»¢=eo")


def _clean_line(no: int, start: int, raw: str) -> Line:
    """``_clean_line_plain``, at once for a line that begins with none of ``_CUT_FIRST``."""
    if not raw or raw[0] not in _CUT_FIRST:
        return Line(no, start, raw, raw.rstrip(), start, False)
    return _clean_line_plain(no, start, raw)


def _clean_line_plain(no: int, start: int, raw: str) -> Line:
    s, off = raw, 0

    def cut(n: int) -> None:
        nonlocal s, off
        s, off = s[n:], off + n

    lead = len(s) - len(s.lstrip("\ufeff \t\u00a0\u200b"))  # a byte-order mark or odd spaces are not content
    cut(lead)
    m = MD_HEADING_RE.match(s) or LEADING_JUNK_RE.match(s)
    if m:
        cut(m.end())
    m = BULLET_RE.match(s)
    bullet = bool(m)
    if m:
        cut(m.end())
    s = s.rstrip()
    # Markdown emphasis around the whole line (or its title part) is layout, not content.
    while s.startswith("**") and s.endswith("**") and len(s) > 4:
        cut(2)
        s = s[:-2].rstrip()
    return Line(no, start, raw, s, start + off, bullet)


# ---------------------------------------------------------------------------------------------
# Dates and times

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
TEXT_DATE_RE = re.compile(rf"(?<![\w])(\d{{1,2}})(?:\s*:e|\s*:a)?\s+({_MONTH_ALT})\.?(?:\s+(\d{{4}}))?(?!\w)", re.I)
COMPACT_DATE_RE = re.compile(r"(?<![\w./-])(\d{2}|20\d{2})(\d{2})(\d{2})(?![\w./-])")
YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d{2})(?!\d)")
TIME_RANGE_RE = re.compile(   # (every match begins with "kl" or a digit: the lookahead)
    r"(?=[k\d])(?:kl(?:ockan)?\.?\s*)?(?<![\d/])([01]?\d|2[0-3])[.:]([0-5]\d)\s*(?:[-–—]|till)\s*(?:kl\.?\s*)?([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)",
    re.I,
)
TIME_START_RE = re.compile(r"\bkl(?:ockan)?\.?\s*([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)", re.I)


_DIGIT_RE = re.compile(r"\d")


def _mkdate(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=1 << 12)  # a header line is read two or three times (the result is immutable)
def find_date(s: str, default_year: int | None = None) -> tuple[dt.date, int, int] | None:
    """The first date stated in ``s`` with its (start, end) offsets in ``s``; None if none is stated.

    A day and month without a year take ``default_year`` only when the caller knows the year from
    elsewhere in the same header; otherwise they are not a date.
    """
    if not _DIGIT_RE.search(s):
        return None   # every date expression below begins with a digit
    found: list[tuple[int, int, dt.date]] = []
    for m in ISO_DATE_RE.finditer(s):
        d = _mkdate(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((m.start(), m.end(), d))
    for m in TEXT_DATE_RE.finditer(s):
        year = int(m[3]) if m[3] else default_year
        if year:
            d = _mkdate(year, MONTHS[m[2].lower().rstrip(".")], int(m[1]))
            if d:
                found.append((m.start(), m.end(), d))
    for m in COMPACT_DATE_RE.finditer(s):
        y = int(m[1])
        y = y + 2000 if y < 100 else y
        d = _mkdate(y, int(m[2]), int(m[3]))
        if d and 1990 <= d.year <= 2099:
            found.append((m.start(), m.end(), d))
    if not found:
        return None
    start, end, d = min(found, key=lambda t: t[0])
    return d, start, end


def find_time_range(s: str) -> tuple[str | None, str | None]:
    m = TIME_RANGE_RE.search(s)
    if m:
        return f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
    m = TIME_START_RE.search(s)
    if m:
        return f"{int(m[1]):02d}:{m[2]}", None
    return None, None


# ---------------------------------------------------------------------------------------------
# Labels

ATTENDANCE_LABELS = {
    # folded label -> role of the people listed under it
    "deltagare": "attendee", "narvarande": "attendee", "narvarande tjansteman": "attendee",
    "narvarande ledamoter": "attendee", "narvarande ersattare": "attendee", "beslutande": "attendee",
    "beslutande ledamoter": "attendee", "ledamoter": "attendee", "tjanstgorande ersattare": "attendee",
    "ersattare": "attendee", "ovriga": "attendee", "ovriga deltagare": "attendee",
    "ovriga narvarande": "attendee", "ovriga deltagande": "attendee", "ovriga narvarande tjansteman": "attendee",
    "narvarande ovriga": "attendee", "tjansteman": "attendee", "inbjudna": "attendee", "gaster": "attendee",
    "franvarande": "absentee", "forhinder": "absentee", "anmalt forhinder": "absentee",
    "ej narvarande": "absentee", "franvarande ledamoter": "absentee", "anmalda forhinder": "absentee",
    "sekreterare": "minute_taker", "antecknare": "minute_taker", "protokollforare": "minute_taker",
    "vid protokollet": "minute_taker", "vid anteckningarna": "minute_taker", "antecknat av": "minute_taker",
    "ordforande": "chair", "motesordforande": "chair", "motesordf": "chair", "ordf": "chair",
    "justerare": "adjuster", "justerande": "adjuster", "utses att justera": "adjuster",
}
# the first word of every attendance label (what a line without ":" or "/" must begin with)
_LABEL_FIRST_WORDS = tuple(sorted({label.split(" ")[0] for label in ATTENDANCE_LABELS}))
_PAREN_COMMA_TAIL_RE = re.compile(r"[(,].*")
# "Deltagare LG:", "Deltagare Styrgrupp:": an attendance label followed by the group's name.
LABEL_RE = re.compile(r"^(?P<label>[A-Za-zÅÄÖåäöéÉ6 ]{3,40}?)(?:\s+(?P<group>[A-ZÅÄÖ][\wÅÄÖåäö+\-]{1,30}))?\s*[:/]\s*(?P<rest>.*)$")
PRESENTER_RE = re.compile(
    r"^(?:f[oöé6]redragande|f[oöé6]redragare|presentat[oö]r(?:er)?|dragande|presenteras av|ansvarig(?: f[oö]r punkten)?)\b\s*[:.\-–]?\s*(?P<rest>.*)$",
    re.I,
)
# The first letter of every match of PRESENTER_RE: its alternatives begin with f, p, d or a, and
# re.I finds no other character equal to these four.
_PRESENTER_FIRST = frozenset("fFpPdDaA")


def _presenter_match(s: str) -> re.Match | None:
    """``PRESENTER_RE.match(s)``, at once None for a line that cannot begin a match."""
    return PRESENTER_RE.match(s) if s[:1] in _PRESENTER_FIRST else None


DECISION_LABEL_RE = re.compile(
    r"^\**(?:[A-ZÅÄÖ][\wåäö-]+s\s+)?(?:beslut|beslutades|mötet beslutade|motet beslutade)\b\**\s*[:.]?\s*\**\s*(?P<rest>.*)$",
    re.I,
)
DOC_TYPE_WORDS = {
    "motesanteckningar", "minnesanteckningar", "anteckningar", "protokoll", "sammantradesprotokoll",
    "dagordning", "agenda", "minnesanteckning", "motesprotokoll", "justerat protokoll", "utdrag",
}
ITEM_LABEL_WORDS = {
    # labels inside a protokoll item: parts of the item, not sub-topics
    "yrkanden", "yrkande", "reservation", "reservationer", "omrostning", "jav", "beslutsunderlag",
    "arendebeskrivning", "sammanfattning", "bakgrund", "forslag till beslut", "protokollsanteckning",
    "propositionsordning", "beslutsgang", "arendet", "handlingar", "expedieras till", "skickas till",
    "sammanfattning av arendet", "overlaggning",
}
SECTION_WORDS = {
    "information", "informationsarenden", "beslut", "beslutsarenden", "diskussion", "diskussionsarenden",
    "ovriga fragor", "arenden", "informationspunkter", "beslutspunkter", "for kannedom", "anmalningsarenden",
    "delgivningar", "rapporter",
}
_DOC_TYPE_OR_SECTION_WORDS = frozenset(DOC_TYPE_WORDS | SECTION_WORDS)
ROLE_WORDS = {
    "ordforande": "chair", "ordf": "chair", "ordf.": "chair", "motesordforande": "chair", "motesordf": "chair",
    "motesordf.": "chair", "sekreterare": "minute_taker", "sekr": "minute_taker", "sekr.": "minute_taker",
    "antecknar": "minute_taker", "antecknare": "minute_taker", "protokollforare": "minute_taker",
    "justerare": "adjuster", "justerande": "adjuster",
    "vice ordforande": "vice_chair", "1:e vice ordforande": "vice_chair", "2:e vice ordforande": "vice_chair",
    "ledamot": "member", "ersattare": "substitute", "tjanstgorande ersattare": "substitute",
}
ABSENCE_NOTES = {"sem", "semester", "sjuk", "forhindrad", "forhinder", "franvarande", "ej narvarande", "tjl"}
# A word that names a body: the last part of a compound ("ledningsgrupp", "Förvaltningsledningen",
# "arbetsutskott"), not a part in the middle ("Stadsledningsförvaltningen" is an administration).
# (BODY_WORD_RE and ORG_LINE_RE begin with a lookahead for the first letters of their
# alternatives: a search then tries the alternatives only where one can begin)
BODY_WORD_RE = re.compile(
    r"(?=[bfgklmnprstu])(?:grupp(?:en|s)?|m[oö]te(?:t|n)?|n[aä]mnd(?:en|ens)?|styrelse(?:n|ns)?|utskott(?:et|ets)?|r[aå]d(?:et|ets)?|"
    r"n[aä]tverk(?:et|ets)?|fullm[aä]ktige|kommitt[eé]n?|beredning(?:en)?|presidi(?:um|et)|forum|konferens(?:en)?|"
    r"ledning(?:en|s)?|samr[aå]d(?:et)?|team(?:et)?)\b",
    re.I,
)
ORG_LINE_RE = re.compile(
    r"(?=[abfhkmrsuv])(f[oöé]rvaltning|kommun\b|kommuns\b|\bstad\b|\bstads\b|\bregion\b|myndighet|universitet|h[oö]gskola|bolag|\bAB\b|verket\b|f[oö]rbund)",
    re.I,
)

# A person's name: capitalised words (with the particles of Swedish and foreign names).
_UPPER = "A-ZÅÄÖÉÈÜØÆÇŠŽČĆĐŁŃŚŹŻÁÍÓÚ"
_LOWER = rf"(?:(?![{_UPPER}])[^\W\d_]|['’])"  # any letter that is not upper case (ć, ş, ñ ...)
NAME_WORD = rf"(?:[{_UPPER}]{_LOWER}+(?:-[{_UPPER}]{_LOWER}+)?)"
PARTICLE = r"(?:af|von|van|de|der|la|di|da|el|al|bin|ben)"
NAME_RE = re.compile(rf"{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{0,4}}")
NAME_INLINE_RE = re.compile(rf"{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_WORD}){{1,4}}")  # on one line
FULL_NAME_RE = re.compile(rf"^{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,4}}$")
PARTY_RE = re.compile(r"^(?:S|M|SD|C|V|KD|L|FP|MP|Fi|SPI|ÖP|NS|KV)$")  # parliamentary and common local parties


# ---------------------------------------------------------------------------------------------
# Name lists


def _first_names() -> frozenset[str]:
    try:
        from .gazetteer import first_names

        return first_names()
    except Exception:  # the gazetteer is optional for segmentation: fall back to no list
        return frozenset()


def _is_first_name(word: str) -> bool:
    try:
        from .gazetteer import is_probable_first_name

        return is_probable_first_name(word)
    except Exception:
        return False


_WORD_RE = re.compile(r"\S+")


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
    out, pos = [], 0
    for m in seps.finditer(text):
        out.append(_Piece(base + pos, base + m.start(), text[pos:m.start()]))
        pos = m.end()
    out.append(_Piece(base + pos, base + len(text), text[pos:]))
    return out


def _strip_piece(p: _Piece) -> _Piece:
    lead = len(p.text) - len(p.text.lstrip(" \t\n*_.:-–"))
    t = p.text[lead:].rstrip(" \t\n*_.:-–")
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
LINE_LIST_SEPS_RE = re.compile(r"(?=[\s,;])(?:\s*;\s*|(?<!-)\s+(?:&|och)\s+(?=[A-ZÅÄÖ])|\s*,\s*)")
ROLE_IN_PARENS_RE = re.compile(r"\s*\(([^()]{1,30})\)\s*$")
JOINED_RE = re.compile(r"(&|\boch)\s*$")
SENTENCE_MARK_RE = re.compile(r"[.!?]\s")
TRAILING_PARENS_RE = re.compile(r"\s*\(([^()]{1,40})\)\s*$")


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
        len(content_lines) <= 1
        or bool(COMMA_NEWLINE_RE.search(chunk))
        or any(x.count(",") >= 2 for x in content_lines)
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
    out: list[tuple[PersonRef, str | None]] = []
    group: list[int] = []  # indices in out of names joined by "&"/"och" waiting for a shared affiliation
    for p in pieces:
        entry = _parse_entry(p)
        if entry is not None and out and _is_place_like(p.text):
            entry = None   # a place after a name ("Anna Berg, Bjuv") is no name
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


def _role_of(folded: str) -> str | None:
    r = ROLE_WORDS.get(folded)
    return r if r in ("chair", "minute_taker", "adjuster") else None


def _looks_like_affiliation(s: str) -> bool:
    s = s.strip()
    return 0 < len(s) <= 60 and len(s.split()) <= 6 and not SENTENCE_MARK_RE.search(s)


SUBSTITUTE_RE = re.compile(r"\s+(?:ers[aä]tter|ers\.|i st[aä]llet f[oö]r|tj[aä]nstg[oö]r f[oö]r|f[oö]r)\s+(?=[A-ZÅÄÖ])")
TRAILING_ROLE_RE = re.compile(   # (a match begins with white space or ",": the lookahead)
    r"(?=[\s,])\s*,?\s+(?P<role>(?:1:e |2:e |f[oö]rste |andre )?vice ordf[oö]rande|ordf[oö]rande|ordf\.|ledamot|ers[aä]ttare|sekreterare|justerare)\s*$",
    re.I,
)

_ROLE_LAST = frozenset("eEtT.")


def _parse_entry(p: _Piece) -> list[tuple[PersonRef, str | None]] | None:
    """One list entry: 'Name', 'Name (S)', 'Name (sekr.)', 'Name(KC)', 'Name, ordförande'."""
    text, start = p.text, p.start
    role: str | None = None
    # "Marie Johnsson (L) ersätter Maria Winberg Nordström", "Örjan Jönsson (MP) för Claes Larsson (MP)":
    # the substitute is present, the member replaced is absent.
    sub = SUBSTITUTE_RE.search(text) if "ers" in text or "f" in text else None   # as in _is_name_line
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
        elif finner in ABSENCE_NOTES:
            role = "absentee"
        elif PARTY_RE.match(inner) and len(inner) <= 3:
            party = inner
        else:
            affiliation = Span(inner_start, inner_start + len(inner), inner)
        text = text[: m.start()]
    # "Name, Affil" inside one piece (line lists keep their commas)
    if "," in text:
        head, _, tail = text.partition(",")
        tail_clean = tail.strip()
        if not FULL_NAME_RE.match(head.strip()):
            return None
        t0 = start + len(head) + 1 + (len(tail) - len(tail.lstrip()))
        ftail = fold(tail_clean).rstrip(".")
        if ftail in ROLE_WORDS:
            role = _role_of(ftail) or role
        elif tail_clean:
            affiliation = Span(t0, t0 + len(tail_clean), tail_clean)
        text = head
    text = text.rstrip()
    if not FULL_NAME_RE.match(text):
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
    return out


# ---------------------------------------------------------------------------------------------
# Presenters named in running text: "X informerar om", "Maria och Mikael berättade", "delar X med sig"

PRESENT_VERBS = (
    r"informerar|informerade|redog[oö]r|redogjorde|g[aå]r igenom|gick igenom|ber[aä]ttar|ber[aä]ttade|"
    r"presenterar|presenterade|f[oö]redrar|f[oö]redrog|rapporterar|rapporterade|visar|visade|"
    r"delar med sig|delade med sig|inleder|inledde|h[aå]ller i|h[oö]ll i|beskriver|beskrev"
)
_NAME_OR_FIRST = rf"{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_WORD}){{0,3}}"
SUBJECT_VERB_RE = re.compile(
    rf"^(?:(?:Efter|Under|I|Vid|Som)\s[^,.]{{0,40}}?\s)?(?P<subj>{_NAME_OR_FIRST}(?:\s*,[^,.]{{1,60}},)?"
    rf"(?:\s+(?:och|&)\s+{_NAME_OR_FIRST})*(?:[ \t]+[A-ZÅÄÖ][\wåäö]+)?(?:\s+från\s[^.]{{1,80}}?)?)\s+(?:{PRESENT_VERBS})\b"
)
# "Ekonomichef Hans Holm föredrar ärendet": the verb of "Föredragande", as explicit as a presenter line.
EXPLICIT_PRESENTER_RE = re.compile(
    rf"(?:^|(?<=[.:;]\s))(?:[A-ZÅÄÖ][\wåäö-]+\s+(?=[A-ZÅÄÖ]))?(?P<subj>{_NAME_OR_FIRST}(?:\s*,[^,.]{{1,60}},)?(?:\s+(?:och|&)\s+{_NAME_OR_FIRST})*)\s+f[oö]redr(?:ar|og)\b"
)
EXPLICIT_PRESENTER_WORD = "redr"   # in every match of EXPLICIT_PRESENTER_RE
# Job titles written before a name ("Ekonomichef Hans Holm"): not part of the name.
TITLE_WORD_RE = re.compile(
    r"(?:chef|direktor|strateg|ansvarig|controller|samordnare|handlaggare|utvecklare|sekreterare|jurist|ekonom|rektor|"
    r"konsult|specialist|ledare|planerare|arkitekt|ingenjor|forestandare|ombudsman|revisor|analytiker|kommunikator|"
    r"ordforande|radgivare|inspektor|projektledare|professor|doktor|dr|fil|docent)$"
)
VERB_SUBJECT_RE = re.compile(
    rf"^(?:(?:Efter|Under|I|Vid)\s[^,.]{{0,40}}?\s)(?:delar|informerar|ber[aä]ttar|presenterar|redog[oö]r|g[aå]r)\s+(?P<subj>{_NAME_OR_FIRST})"
)

APPOSITION_RE = re.compile(r",[^,]*,|\bfrån\s.*$")
FROM_TAIL_RE = re.compile(r"\bfrån\s[^,]*$")


def presenters_in_sentence(sentence: str, base: int) -> list[PersonRef]:
    """Persons who present according to the opening sentence of an item (no Föredragande line)."""
    m = SUBJECT_VERB_RE.match(sentence) or VERB_SUBJECT_RE.match(sentence)
    if not m:
        return []
    subj, s0 = m["subj"], m.start("subj")
    # blank out appositions (", processledare i Mark,") and "från X": places there are no presenters
    subj = APPOSITION_RE.sub(lambda a: " " * len(a[0]), subj)
    refs = []
    for nm in NAME_RE.finditer(subj):
        name = nm[0]
        words = name.split()
        # "Maria Norrby Helsingborg": a trailing place after a full name is an affiliation.
        aff = None
        if len(words) >= 3 and _is_place_like(words[-1]) and not _is_first_name(words[-2]):
            cut = name.rfind(" ")
            aff_text = name[cut + 1:]
            a0 = base + s0 + nm.start() + cut + 1
            aff = Span(a0, a0 + len(aff_text), aff_text)
            name = name[:cut]
        before = subj[:nm.start()]
        if before.rstrip().endswith(",") or FROM_TAIL_RE.search(before):
            continue  # inside an apposition ("Lisa Olsson, innovationschef i Helsingborg,") or "från X"
        # "Ekonomichef Hans Holm": a title capitalised at the start of the sentence is not a name
        lead = 0
        words = name.split()
        while len(words) > 2 and (TITLE_WORD_RE.search(fold(words[0])) or not _is_first_name(words[0]) and _is_first_name(words[1])):
            lead += len(words[0]) + 1
            words = words[1:]
        name = name[lead:]
        first = name.split()[0]
        if len(name.split()) == 1 and not _is_first_name(first):
            continue
        start = base + s0 + nm.start() + lead
        refs.append(PersonRef(name, Span(start, start + len(name), name), aff))
    return refs


@lru_cache(maxsize=1)
def _org_names() -> frozenset[str]:
    """Every normalised organisation name of the gazetteer (built once: the index is a fresh dict per call)."""
    from .gazetteer import org_alias_index

    return frozenset(org_alias_index())


@lru_cache(maxsize=1)
def _org_first_words() -> frozenset[str]:
    """The first word of every normalised organisation name, up to a space or "-"."""
    return frozenset(re.split(r"[ -]", name, maxsplit=1)[0] for name in _org_names())


@lru_cache(maxsize=1 << 14)
def _is_place_like(word: str) -> bool:
    """Does ``word`` name an organisation of the gazetteer (a place, a body)?

    A text whose first word is ASCII letters normalises to that word in lower case followed by
    nothing, a space or "-" (normalising lower-cases ASCII letters, makes white space one space
    and joins " - "): without that word among the organisations' first words, the text names
    none, and it is not normalised (most texts asked about are people's names)."""
    try:
        from .gazetteer import normalize

        head = word.split(None, 1)[:1]
        if head and head[0].isascii() and head[0].isalpha() and head[0].lower() not in _org_first_words():
            return False
        return normalize(word) in _org_names()
    except Exception:
        return False


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


# ---------------------------------------------------------------------------------------------
# Headings

NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})\s?[.,)]\s*(?P<title>[A-ZÅÄÖÉa-zåäö\"“(§].*)$")
PARAGRAPH_RE = re.compile(r"^(?:(?P<prefix>[A-ZÅÄÖ]{2,6})\s*§?\s*|§\s*)(?P<num>\d{1,4})\b[.:]?\s*(?P<title>.*)$")
TIMED_RE = re.compile(
    r"^(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?:\s*[-–]\s*(?:[01]?\d|2[0-3])[.:][0-5]\d)?\s+(?:\*\*)?(?P<title>[A-ZÅÄÖÉ\"“].*?)(?:\*\*)?$"
)


def _may_hold_dnr(ln: Line) -> bool:
    """False when DNR_RE cannot match ``ln.clean``: every match begins with "Dnr" or "Diarie" in
    some case, which folds to one of _DNR_WORDS_FOLDED ("dıar": re.I takes a dotless "ı" for
    "i", and folding keeps it)."""
    f = ln.folded
    return "dnr" in f or "diar" in f or "dıar" in f


_DNR_WORDS_FOLDED = ("dnr", "diar", "dıar")


# the first character of every match of PARAGRAPH_RE
_PARAGRAPH_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ§")
DNR_RE = re.compile(r"\b(?:Dnr|Diarienummer|Dnr\.|Diarienr)\.?:?\s*(?P<dnr>[A-ZÅÄÖ]{0,6}\s?\d{2,4}[/\-.:]\d{1,6}(?:[/\-.:]\d{1,6})?)", re.I)
DNR_PREFIX_RE = re.compile(r"^(?:Dnr|Diarienummer|Diarienr)\.?:?\s*[A-ZÅÄÖ]{0,6}\s?\d{2,4}[/\-.:]\d{1,6}(?:[/\-.:]\d{1,6})?\s*[-–:]?\s*", re.I)
PAGE_FOOTER_RE = re.compile(
    r"^(?:sida\s+\d+(?:\s*\(\d+\)|\s+av\s+\d+)?|\d+\s*\(\d+\)|\d+\s*/\s*\d+|justerandes? (?:sign|signatur).*|utdragsbestyrkande.*)$",
    re.I,
)
# What a web page around a document adds: viewer controls, download links, cookie notices.
WEB_FURNITURE_RE = re.compile(
    r"^(?:ladda ner|ladda ned|download|storlek:.*|starta visningen|transkript|save this pdf as.*|skriv ut|print|"
    r"dela|share|till toppen|hoppa till (?:innehållet|huvudinnehåll)|cookies?.*godkänn.*|visa (?:hela|fler).*|"
    r"öppna i nytt fönster|\S+\.(?:pdf|docx?)(?:\s*\(\d+[,.]?\d*\s*[kKmM]i?B\))?)$",
    re.I,
)

# PAGE_FOOTER_RE or WEB_FURNITURE_RE in one expression: each is anchored at both ends, so the
# alternation matches where either does. The lookahead holds for every match (the first letters
# of the alternatives, a digit, or a file name) and rejects most lines in one step.
_FURNITURE_RE = re.compile(
    rf"(?=[sjultdphcvö\d]|\S+\.(?:pdf|docx?))(?:(?:{PAGE_FOOTER_RE.pattern})|(?:{WEB_FURNITURE_RE.pattern}))", re.I)


def _clean_title(s: str) -> str:
    s = s.strip().strip("*_").strip()
    return s.rstrip(":").rstrip()


@dataclass
class _Heading:
    line: Line
    kind: str          # numbered | paragraph | timed | plain
    ordinal: int | None
    time: str | None
    title: Span


def _title_span(line: Line, title: str) -> Span:
    idx = line.text.find(title)
    if idx < 0:  # pragma: no cover - title is always cut from the line
        return line.span()
    return Span(line.start + idx, line.start + idx + len(title), title)


# ---------------------------------------------------------------------------------------------
# The segmenter

_DIGIT_START_RE = re.compile(r"^\d")
_COMMA_END_RE = re.compile(r",\s*$")
_PARENS_RE = re.compile(r"\([^)]*\)")
_ENTRY_SEP_RE = re.compile(r"(?=[,;\s])(?:,|;|\s&\s|\soch\s)")   # (the lookahead: as for COMMA_LIST_SEPS_RE)
_NAME_WORD_RE = re.compile(rf"^{NAME_WORD}$")

_END_MARK_RE = re.compile(r"[.,;!?]$")
_HEADING_START_RE = re.compile(r"^[A-ZÅÄÖÉ\"“]")
_HEADING_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉ\"“")  # what _HEADING_START_RE matches
_MARK_SPACE_RE = re.compile(r"[.!?:]\s")
_LOWER_START_RE = re.compile(r"^[a-zåäö]")
_END_MARK_COLON_RE = re.compile(r"[.!?:]$")
_TRAILING_PARENS_NAME_RE = re.compile(r"\(([^()]+)\)\s*$")
_ATT_START_RE = re.compile(r"^att\b")
_DECISION_LABEL_WORD_RE = re.compile(r"^(?:\w+s\s+)?(?:beslut|motet)")
_DECISION_ABOUT_RE = re.compile(r"^beslut(?:et)?\s+(?:om|fattades|togs)\b", re.I)
_DECISION_WORD_SENTENCE_RE = re.compile(r"^\**beslut\w*\**\s+(?!att\b)[a-zåäö]", re.I)
# (a match begins with a line break, or at the start with " ", "\t" or "att": the lookahead)
_ATT_CLAUSE_RE = re.compile(r"(?=[\n \ta])(?:^|\n)[ \t]*(?=att\b)")

_PLACE_ALONE_RE = re.compile(r"^\**\s*(plats och tid|tid och plats|plats|lokal|motesplats)\s*\**\s*:?\s*\**\s*$")
_HEADER_LABEL_RE = re.compile(
    r"^\**\s*(plats och tid|tid och plats|plats|tid|datum|lokal|motesplats|sammantradesdatum|nar|var)\s*\**\s*:\s*\**\s*")
_PLACE_AND_TIME_RE = re.compile(r"^(plats och tid|tid och plats)\s+")
_AT_PLACE_RE = re.compile(r"\bpå\s+[A-ZÅÄÖ]")
_MEETING_START_RE = re.compile(r"^(?:mötet|sammanträdet)\b")
_PLACE_TIME_WORD_RE = re.compile(r"^(plats|tid|datum|lokal)\b")
_AT_LOCATION_RE = re.compile(r"\bpå\s+(?P<loc>[\wÅÄÖåäö][^.;()]*?)(?=\s*(?:[.;]|$|,?\s*\b(?:kl|klockan)\b|,?\s*\d))")
_WE_MEET_RE = re.compile(r"^(?:mötet|sammanträdet|vi)\b", re.I)
_PART_RE = re.compile(r"[^,;]+")
_CLOCK_RE = re.compile(r"\s*(?:\b(?:kl|klockan)\b\.?\s*)?\d{1,2}[.:]\d{2}")
_WEEKDAY_RE = re.compile(r"^(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b", re.I)
_NOT_PLACE_RE = re.compile(r"^(mötet|kl|klockan|den)\b", re.I)
_DOC_TYPE_LEAD_RE = re.compile(
    r"^(?:protokoll|m[oö]tesanteckningar|minnesanteckningar|anteckningar|sammantr[aä]desprotokoll|dagordning)\s*(?:(?:fr[aå]n|f[oö]r|vid|över)\b|,|-|–|:)?\s*",
    re.I)
_BODY_TIME_RE = re.compile(r",?\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}")
_TRAILING_WEEKDAY_RE = re.compile(r"\s+(?:den|måndag(?:en)?|tisdag(?:en)?|onsdag(?:en)?|torsdag(?:en)?|fredag(?:en)?)$", re.I)


def _colon_label(ln: Line) -> tuple[str, int, str | None] | None:
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
    return None


def segment(doc: Document) -> Minutes:
    """Find the structure of one document. A text with no structure gives ``is_minutes=False``."""
    return _Segmenter(doc).run()


class _Segmenter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.folded = _fold_text(doc.text)   # every line's ``folded`` is a slice of it
        self.lines = split_lines(doc.text, self.folded)
        self.line_starts = [ln.start for ln in self.lines]
        self.issues: list[Issue] = []
        self.skip: set[int] = set()          # line indices consumed by attendance blocks etc.
        self.people: dict[str, list[PersonRef]] = {k: [] for k in ("attendee", "absentee", "minute_taker", "chair", "adjuster")}
        self.attendance_labels: list[str] = []
        self._attending_names: set[str] = set()
        self._attending_count = 0
        self.attendance_lines: set[int] = set()
        # (_presenter_match inlined: its first-letter test, then the expression)
        self.has_presenter_lines = any(
            PRESENTER_RE.match(ln.clean) for ln in self.lines if ln.clean[:1] in _PRESENTER_FIRST)

    # -- driver -------------------------------------------------------------------------------
    def run(self) -> Minutes:
        self._drop_page_furniture()
        self._attendance()
        headings = self._headings()
        header_end = self._header_end(headings)
        title, body, parent, location, date, date_span, t0, t1 = self._header(header_end)
        self._signatures()
        items = self._items(headings)
        meeting_decisions = self._loose_decisions(items, header_end)
        if body is None:
            body = self._body_from_text()
        is_minutes = bool(items or any(self.people.values()) or date)
        if not is_minutes:
            self.issues.append(Issue(self.doc.path, "no meeting structure found (no items, attendance or date); kept as a document without a meeting"))
        return Minutes(
            document=self.doc,
            is_minutes=is_minutes,
            title=title,
            body=body,
            parent=parent,
            date=date,
            date_span=date_span,
            start_time=t0,
            end_time=t1,
            location=location,
            attendees=tuple(self.people["attendee"]),
            absentees=tuple(self.people["absentee"]),
            minute_takers=tuple(self.people["minute_taker"]),
            chairs=tuple(self.people["chair"]),
            adjusters=tuple(self.people["adjuster"]),
            items=tuple(items),
            decisions=tuple(meeting_decisions),
            issues=tuple(self.issues),
        )

    # -- page furniture -------------------------------------------------------------------------
    def _drop_page_furniture(self) -> None:
        """Page numbers, signature boxes and page headers repeated on every page are not content."""
        content = [(i, ln) for i, ln in enumerate(self.lines) if ln.clean]   # the lines read below
        first = content[0][1] if content else None
        breaks: list[int] = []
        for i, ln in content:
            if _FURNITURE_RE.match(ln.clean):  # PAGE_FOOTER_RE or WEB_FURNITURE_RE
                self.skip.add(i)
                breaks.append(i)
            elif first is not None and ln is not first and ln.folded == first.folded and len(ln.clean) > 8:
                self.skip.add(i)  # the title repeated as a page header
        if not breaks:
            return
        # A page header: the lines after a page break that repeat lines from the top of the first page.
        counts = Counter(ln.folded for _, ln in content)   # (read with .get only: as a dict)
        top = {ln.folded for ln in self.lines[:25] if ln.clean}
        first_content = next((i for i, _ in content if i not in self.skip), 0)
        for b in breaks:
            k = b + 1
            while k < len(self.lines) and k - b <= 8:
                ln = self.lines[k]
                if ln.clean and k > first_content + 25 and ln.folded in top and counts.get(ln.folded, 0) >= 2:
                    self.skip.add(k)
                elif ln.clean and k not in self.skip:
                    break
                k += 1

    # -- attendance -----------------------------------------------------------------------------
    def _attendance(self) -> None:
        i = 0
        n = len(self.lines)
        # the lines that _attendance_label does not at once reject (its first test, inlined): for
        # the others it gives None, and the loop would step to the next line
        cands = [k for k, ln in enumerate(self.lines) if ln.clean and (
            ":" in ln.clean or "/" in ln.clean or ln.folded.lstrip().lstrip("*").startswith(_LABEL_FIRST_WORDS))]
        for c in cands:
            if c < i:
                continue   # inside a block already read
            i = c
            ln = self.lines[i]
            label = self._attendance_label(ln)
            if not label:
                i += 1
                continue
            role, rest_start, group = label
            if group:
                self.attendance_labels.append(group)
            self.skip.add(i)
            self.attendance_lines.add(i)
            # The list: the rest of the label line and the following lines while they hold names.
            end = i + 1
            block_end_offset = ln.start + len(ln.text)
            last_content = i if ln.text[rest_start - ln.start:].strip() else None
            j = i + 1
            blank_run = 0
            single = role in ("minute_taker", "chair", "adjuster")
            while j < n:
                nxt = self.lines[j]
                if not nxt.clean:
                    blank_run += 1
                    if blank_run > 2 or (single and last_content is not None):
                        break
                    j += 1
                    continue
                if self._attendance_label(nxt) or _presenter_match(nxt.clean) or self._is_heading_line(nxt):
                    break
                if not self._is_name_line(nxt, continuation=last_content == j - 1 - blank_run and blank_run == 0):
                    break
                blank_run = 0
                last_content = j
                self.skip.add(j)
                self.attendance_lines.add(j)
                end = j + 1
                block_end_offset = nxt.start + len(nxt.text)
                j += 1
            chunk = self.text[rest_start:block_end_offset]
            people = parse_people(chunk, rest_start, role)
            if not people:
                # a role word with nobody after it: a signature line ("ordförande"), not a list
                self.skip.discard(i)
                self.attendance_lines.discard(i)
            for ref, r in people:
                self._add_person(r or role, ref)
            i = max(end, i + 1)

    def _attending(self) -> set[str]:
        """The folded names of the attendees so far (the list only grows; folded once each)."""
        attendees = self.people["attendee"]
        while self._attending_count < len(attendees):
            self._attending_names.add(fold(attendees[self._attending_count].name))
            self._attending_count += 1
        return self._attending_names

    def _add_person(self, role: str | None, ref: PersonRef) -> None:
        role = role or "attendee"
        if role in ("minute_taker", "chair") and fold(ref.name) in self._attending():
            self.people[role].append(ref)  # already listed as present
            return
        if role == "attendee" and fold(ref.name) in self._attending():
            return
        if role == "minute_taker":
            self.people["minute_taker"].append(ref)
            self.people["attendee"].append(ref)
        elif role == "chair":
            self.people["chair"].append(ref)
            self.people["attendee"].append(ref)
        elif role == "adjuster":
            self.people["adjuster"].append(ref)
        elif role in self.people:
            self.people[role].append(ref)
        else:
            self.people["attendee"].append(ref)

    def _attendance_label(self, ln: Line) -> tuple[str, int, str | None] | None:
        """``_attendance_label_plain``, at once None for a line that can be no label.

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
            return self._attendance_label_plain(ln)
        return _colon_label(ln) if ":" in clean or "/" in clean else None

    def _attendance_label_plain(self, ln: Line) -> tuple[str, int, str | None] | None:
        if ln.blank:
            return None
        # LABEL_RE needs a ":" or "/" (it backtracks through every label length to find none)
        found = _colon_label(ln) if ":" in ln.clean or "/" in ln.clean else None
        if found:
            return found
        # A label and the first name on one line, without a colon ("Beslutande Anna Andersson (S)"),
        # as text flattened from a PDF gives it.
        words = ln.clean.split()
        for n in (3, 2, 1):
            if len(words) > n:
                head = fold(" ".join(words[:n]))
                if head in ATTENDANCE_LABELS and FULL_NAME_RE.match(" ".join(_PAREN_COMMA_TAIL_RE.sub("", " ".join(words[n:])).split()[:2])):
                    offset = ln.clean.find(words[n], len(" ".join(words[:n])))
                    return ATTENDANCE_LABELS[head], ln.cstart + offset, None
        # A label alone on its line, without a colon ("Närvarande").
        folded = ln.folded.strip().strip("*").rstrip(" :._…").strip("*")
        if folded in ATTENDANCE_LABELS:
            role = ATTENDANCE_LABELS[folded]
            if role in ("chair", "minute_taker", "adjuster") and not ln.clean.rstrip("*").endswith(":"):
                # "Palle Lundberg / ordförande": a role in lower case under a signature, not a list label
                if ln.clean[:1].islower() and FULL_NAME_RE.match(self._prev_content(ln)):
                    return None
            return role, ln.cstart + len(ln.clean), None
        # "Vid anteckningarna/Marie Krantz", "Vid protokollet Name"
        m2 = SIGNATURE_LABEL_RE.match(ln.clean)
        if m2 and fold(m2[1]) in ATTENDANCE_LABELS:
            return ATTENDANCE_LABELS[fold(m2[1])], ln.cstart + m2.end(), None
        return None

    def _is_name_line(self, ln: Line, continuation: bool) -> bool:
        """Does this line continue a list of people?"""
        s = ln.clean.strip("~ ")
        if not s or len(s) > 200:
            return False
        if _DIGIT_START_RE.match(s):
            return False
        if continuation and _COMMA_END_RE.search(self._prev_content(ln)):
            return True
        # Each comma-separated part must look like a name, a name with a note, or an affiliation.
        # (each expression is tried only where it can match: _PARENS_RE on a "(", SUBSTITUTE_RE
        # on "ers" or "f" (in every one of its words), TRAILING_ROLE_RE as in _parse_entry)
        core = _PARENS_RE.sub("", s) if "(" in s else s
        if "ers" in core or "f" in core:
            core = SUBSTITUTE_RE.split(core)[0]
        if core.rstrip()[-1:] in _ROLE_LAST:
            core = TRAILING_ROLE_RE.sub("", core)
        parts = [p.strip() for p in _ENTRY_SEP_RE.split(core) if p.strip()]
        if not parts:
            return False
        first = parts[0]
        if not FULL_NAME_RE.match(first):
            # "Nilsson, Lila Ericsson, ..." - the tail of a name wrapped from the previous line
            return continuation and bool(_NAME_WORD_RE.match(first)) and all(
                FULL_NAME_RE.match(p) or len(p.split()) == 1 for p in parts[1:]
            )
        # (no part ends in ".", "!" or "?": _SENTENCE_END_MARK_RE on a stripped part)
        return all(len(p.split()) <= 6 and p[-1] not in ".!?" for p in parts)

    def _prev_content(self, ln: Line) -> str:
        k = ln.no - 2
        while k >= 0 and not self.lines[k].clean:
            k -= 1
        return self.lines[k].clean if k >= 0 else ""

    # -- headings -------------------------------------------------------------------------------
    def _is_heading_line(self, ln: Line) -> bool:
        s = ln.clean
        c = s[:1]
        if c.isdecimal():  # \d is a decimal digit: NUMBERED_RE and TIMED_RE begin with one, PARAGRAPH_RE does not
            return bool(NUMBERED_RE.match(s) and len(s) < 120) or bool(TIMED_RE.match(s))
        # a match of PARAGRAPH_RE begins the line, so "§" after white space is no heading
        return c == "§" and bool(PARAGRAPH_RE.match(s))

    def _headings(self) -> list[_Heading]:
        """Numbered, §-numbered and timed headings, kept only where they form a sequence."""
        numbered: list[_Heading] = []
        paragraphs: list[_Heading] = []
        timed: list[_Heading] = []
        skip = self.skip
        for i, ln in enumerate(self.lines):
            s = ln.clean
            if not s or i in skip:
                continue
            c = s[0]
            # PARAGRAPH_RE begins with "§" or two of [A-ZÅÄÖ]; NUMBERED_RE and TIMED_RE with \d (a decimal digit)
            m = PARAGRAPH_RE.match(s) if c in _PARAGRAPH_FIRST and (c == "§" or s[1:2] in _PARAGRAPH_FIRST) else None
            if m and (s.startswith("§") or m["prefix"]) and "§" in s or (m and m["prefix"] and m["prefix"] in ("KSAU", "KS", "KF", "AU", "SN", "BUN", "SFN", "AMN")):
                title = _clean_title(m["title"])
                if not title:
                    title = self._next_title_line(i)
                else:
                    title = DNR_PREFIX_RE.sub("", title).strip() or self._next_title_line(i)
                if title:
                    tspan = self._title_span_anywhere(i, title)
                    paragraphs.append(_Heading(ln, "paragraph", int(m["num"]), None, tspan))
                continue
            if not c.isdecimal():
                continue
            m = NUMBERED_RE.match(s)
            if m and len(s) <= 120 and not (s.endswith(".") and len(s) > 70):
                title = _clean_title(m["title"])
                if title and not _DIGIT_START_RE.match(title):
                    numbered.append(_Heading(ln, "numbered", int(m["num"]), None, _title_span(ln, title)))
                continue
            m = TIMED_RE.match(s)
            if m and len(s) <= 120:
                title = _clean_title(m["title"])
                time = f"{int(m['h']):02d}:{m['m']}"
                timed.append(_Heading(ln, "timed", None, time, _title_span(ln, title)))
        if paragraphs and numbered:
            # "§ 12" then "13. Övriga frågor": one numbering written two ways
            merged = self._sequence(sorted(paragraphs + numbered, key=lambda h: h.line.start))
            if len(merged) > len(paragraphs):
                return merged
        numbered = self._sequence(numbered)
        best = max((paragraphs, numbered, timed), key=len)
        if paragraphs and len(paragraphs) >= len(best):
            return paragraphs
        if len(numbered) >= 2 or (numbered and not timed):
            return numbered
        if len(timed) >= 2:
            return timed
        return []

    def _next_title_line(self, i: int) -> str:
        for ln in self.lines[i + 1: i + 4]:
            if ln.clean and not DNR_RE.match(ln.clean):
                return _clean_title(ln.clean)
        return ""

    def _title_span_anywhere(self, i: int, title: str) -> Span:
        for ln in self.lines[i: i + 4]:
            if title in ln.text:
                return _title_span(ln, title)
        return self.lines[i].span()

    @staticmethod
    def _sequence(cands: list[_Heading]) -> list[_Heading]:
        """Keep the longest chain of numbers rising by one (or two: a number may be skipped).

        Numbered lists inside an item restart at 1 and fall out of the chain."""
        n = len(cands)
        best_len = [1] * n
        prev = [-1] * n
        for j in range(n):
            for i in range(j):
                step = cands[j].ordinal - cands[i].ordinal
                if step in (1, 2) and best_len[i] + 1 - (step - 1) * 0.5 > best_len[j]:
                    best_len[j] = best_len[i] + 1 - (step - 1) * 0.5
                    prev[j] = i
        if not n:
            return []
        j = max(range(n), key=lambda k: (best_len[k], -k))
        chain = []
        while j >= 0:
            chain.append(cands[j])
            j = prev[j]
        return chain[::-1]

    def _header_end(self, headings: list[_Heading]) -> int:
        """Index of the first line after the header: the first heading or attendance line."""
        first_heading = headings[0].line.no - 1 if headings else len(self.lines)
        attendance = [i for i in sorted(self.attendance_lines) if i < first_heading and not self.lines[i].blank]
        first_att = attendance[0] if attendance else None
        if first_att is not None:
            return min(first_att, first_heading)
        return first_heading

    # -- header -----------------------------------------------------------------------------------
    def _header(self, header_end: int):
        header = [ln for ln in self.lines[: max(header_end, 0)] if ln.clean and ln.no - 1 not in self.skip]
        if not header:  # no header zone: take the first non-empty line as the title
            header = [ln for ln in self.lines[:3] if ln.clean and ln.no - 1 not in self.skip][:1]
        title = body = parent = location = None
        date = date_span = None
        t0 = t1 = None
        content = [
            ln for ln in header
            if ln.folded.strip(" :.") not in _DOC_TYPE_OR_SECTION_WORDS and not ln.clean.startswith("~")
        ]
        if content:
            title = content[0].span()
        # the year stated anywhere in the header, for dates written without one
        years = {int(y) for ln in header for y in YEAR_RE.findall(ln.clean)}
        compact = [find_date(ln.clean) for ln in header]
        years |= {c[0].year for c in compact if c}
        default_year = years.pop() if len(years) == 1 else None
        for k, ln in enumerate(header):
            f = ln.folded
            alone = _PLACE_ALONE_RE.match(f)
            if alone and location is None and k + 1 < len(header):
                location = self._location_in(header[k + 1], 0, labelled=True)
            label = _HEADER_LABEL_RE.match(f) or _PLACE_AND_TIME_RE.match(f)
            found = find_date(ln.clean, default_year)
            if found and date is None:
                date, a, b = found
                date_span = Span(ln.cstart + a, ln.cstart + b, ln.clean[a:b])
            if t0 is None:
                s0, s1 = find_time_range(ln.clean)
                if s0:
                    t0, t1 = s0, s1
            if label and label[1] in ("plats", "lokal", "motesplats", "var", "plats och tid", "tid och plats"):
                location = location or self._location_in(ln, label.end(), labelled=True)
            elif location is None and _AT_PLACE_RE.search(ln.clean) and (found or t0) and _MEETING_START_RE.match(f):
                location = self._location_in(ln, 0)
        # the body that met, and the organisation it belongs to
        for ln in content:
            s = ln.clean
            if find_date(s) and not BODY_WORD_RE.search(s):
                continue
            if _PLACE_TIME_WORD_RE.match(ln.folded) or "@" in s:
                continue
            if body is None and BODY_WORD_RE.search(s):
                body = self._body_span(ln)
            elif parent is None and ORG_LINE_RE.search(s) and len(s.split()) <= 8:
                parent = ln.span()
        if title is not None and body is not None and parent is None and title != body and ORG_LINE_RE.search(title.text):
            parent = title
        return title, body, parent, location, date, date_span, t0, t1

    def _location_in(self, ln: Line, offset: int, labelled: bool = False) -> Span | None:
        """The place in a header line: after "på" in a sentence, else what is not a date or time."""
        rest = ln.clean[offset:]
        m = _AT_LOCATION_RE.search(rest)
        if m and (find_date(rest) or find_time_range(rest)[0]) and _WE_MEET_RE.match(rest):
            a = ln.cstart + offset + m.start("loc")
            return Span(a, a + len(m["loc"].rstrip()), m["loc"].rstrip())
        # "Rådhuset, sammanträdesrum Kärnan, kl. 13.00-15.30": the run of parts that are no date or time
        kept: list[tuple[int, int]] = []
        for pm in _PART_RE.finditer(rest):
            part = pm[0].strip(" *")
            # "Sessionssalen kl 14.00-16.30": the place before the time
            cut = _CLOCK_RE.search(part)
            timed = cut is not None
            if cut:
                part = part[: cut.start()].strip(" *")
            weekday = _WEEKDAY_RE.match(part)
            if not part or find_date(part) or weekday or _NOT_PLACE_RE.match(part):
                if kept or timed:
                    break
                continue
            a = pm.start() + pm[0].find(part)
            kept.append((a, a + len(part)))
            if timed:
                break
        if not kept:
            return None
        a, b = kept[0][0], kept[-1][1]
        loc = rest[a:b].rstrip(" .")
        return Span(ln.cstart + offset + a, ln.cstart + offset + a + len(loc), loc)

    def _body_span(self, ln: Line) -> Span:
        """The body's name from a header line: doc-type words, dates and times removed."""
        s = ln.clean
        a, b = 0, len(s)
        m = _DOC_TYPE_LEAD_RE.match(s)
        if m and m.end() < b:
            a = m.end()
        found = find_date(s)
        if found and found[1] > a:
            b = min(b, found[1])
        t = _BODY_TIME_RE.search(s[a:b])
        if t:
            b = a + t.start()
        # trailing weekday words ("... måndag")
        piece = s[a:b].rstrip(" ,.-–:")
        piece = _TRAILING_WEEKDAY_RE.sub("", piece).rstrip(" ,.-–:")
        return Span(ln.cstart + a, ln.cstart + a + len(piece), piece)

    def _body_from_text(self) -> Span | None:
        """No body in the header: the group that the text itself says decides or meets."""
        m = re.search(r"\b([A-ZÅÄÖ][a-zåäö]+(?:gruppen|nämnden|styrelsen|utskottet|rådet))\s+(?:beslutar|beslutade|beslöt|tog beslut|godkänner|godkände)\b", self.text)
        if m:
            return Span(m.start(1), m.end(1), m[1])
        if self.attendance_labels:
            label = self.attendance_labels[0]
            k = self.text.find(label)
            return Span(k, k + len(label), label)
        m = re.search(r"\b([A-ZÅÄÖ]{2,5})[- ]?mötet\b", self.text)
        if m:
            return Span(m.start(1), m.end(1), m[1])
        return None

    # -- signatures -------------------------------------------------------------------------------
    def _signatures(self) -> None:
        """'Palle Lundberg' followed by 'ordförande' on the next line (a signature block)."""
        content = [(i, ln) for i, ln in enumerate(self.lines) if ln.clean and i not in self.skip]
        for (i, ln), (j, nxt) in zip(content, content[1:]):
            role = ROLE_WORDS.get(nxt.folded.strip(" .,"))
            if role in ("chair", "minute_taker", "adjuster") and FULL_NAME_RE.match(ln.clean) and j - i <= 2:
                ref = PersonRef(ln.clean, ln.span(), role=nxt.folded.strip(" .,"))
                if not any(r.span == ref.span for r in self.people[role]):
                    self._add_person(role, ref)
                self.skip.update({i, j})

    # -- items ------------------------------------------------------------------------------------
    def _items(self, headings: list[_Heading]) -> list[AgendaItem]:
        numbered_doc = bool(headings) and headings[0].kind in ("numbered", "paragraph")
        plain = [] if numbered_doc else self._plain_headings(headings)
        all_heads = sorted(headings + plain, key=lambda h: h.line.start)
        items: list[AgendaItem] = []
        section: str | None = None
        sections = self._sections()
        for k, h in enumerate(all_heads):
            start = h.line.start
            end = all_heads[k + 1].line.start if k + 1 < len(all_heads) else self._content_end()
            for pos, label in sections:
                if pos < start:
                    section = label
            items.append(self._item(h, start, end, section, numbered_doc))
        return items

    def _content_end(self) -> int:
        """Where the last item ends: before a trailing signature block."""
        for i in range(len(self.lines) - 1, -1, -1):
            ln = self.lines[i]
            if ln.clean and i not in self.skip:
                return ln.start + len(ln.text)
        return len(self.text)

    def _sections(self) -> list[tuple[int, str]]:
        out = []
        for i, ln in enumerate(self.lines):
            s = ln.clean
            if not s or i in self.skip:
                continue
            f = ln.folded.strip(" :")
            if f in DOC_TYPE_WORDS:
                continue
            if f in SECTION_WORDS or (s.isupper() and s.isalpha() and len(s) >= 4):
                nxt = self._next_content(i)
                if nxt is not None and (self._is_heading_line(nxt) or s.isupper()):
                    out.append((ln.start, s))
                    self.skip.add(i)
        return out

    def _plain_headings(self, numbered: list[_Heading]) -> list[_Heading]:
        """Unnumbered headings: short lines set apart by blank lines, followed by text."""
        out: list[_Heading] = []
        taken = {h.line.no for h in numbered}
        start = self._after_header_index()
        for i in range(start, len(self.lines)):
            ln = self.lines[i]
            if ln.no in taken or i in self.skip or not self._is_plain_heading(i):
                continue
            title = _clean_title(ln.clean)
            out.append(_Heading(ln, "plain", None, None, _title_span(ln, title)))
        return out

    def _after_header_index(self) -> int:
        att = sorted(self.attendance_lines)
        if att:
            # the end of the first run of attendance blocks (blocks may be separated by a few lines)
            end = att[0]
            for i in att[1:]:
                if i - end > 6:
                    break
                end = i
            return end + 1
        first = next((i for i, ln in enumerate(self.lines) if ln.clean), 0)
        return first + 1

    def _next_content(self, i: int) -> Line | None:
        """The first line after line ``i`` that is not blank (without copying the rest of the lines)."""
        lines = self.lines
        return next((lines[k] for k in range(i + 1, len(lines)) if lines[k].clean), None)

    def _is_plain_heading(self, i: int) -> bool:
        ln = self.lines[i]
        s = ln.clean
        # (every test up to the next lines' end gives False; the cheapest first)
        if len(s) < 3 or len(s) > 80 or ln.bullet:
            return False
        # _END_MARK_RE (with ":") and _HEADING_START_RE on a line: "$" and "^" of a text without a
        # line break are its end and start, so the two read its last and first character
        if s[-1] in ".,;!?:" or s[0] not in _HEADING_FIRST:
            return False
        if i > 0 and self.lines[i - 1].clean:
            return False  # not set apart by a blank line
        if len(s.split()) > 10 or _MARK_SPACE_RE.search(s):
            return False  # a sentence, or a label with its text, not a heading
        f = ln.folded.strip()
        if f in SECTION_WORDS or f in DOC_TYPE_WORDS or f in ROLE_WORDS or f.startswith("beslut") and DECISION_LABEL_RE.match(s):
            return False
        if _presenter_match(s) or self._attendance_label(ln):
            return False
        if FULL_NAME_RE.match(s) and _is_first_name(s.split()[0]):
            return False
        nxt = self._next_content(i)
        if nxt is None:
            return False
        # A heading is followed by body text, a presenter line or a list, not by another heading-like line
        nf = nxt.clean
        if _LOWER_START_RE.match(nf):
            return False  # the line continues a sentence
        return len(nf) > 40 or bool(_presenter_match(nf)) or nxt.text.lstrip().startswith(("-", "*", "•")) or bool(_END_MARK_COLON_RE.search(nf))

    def _item(self, h: _Heading, start: int, end: int, section: str | None, numbered_doc: bool) -> AgendaItem:
        body = self.lines[bisect_left(self.line_starts, start) + 1:bisect_left(self.line_starts, end)]
        presenters: list[PersonRef] = []
        subtitles: list[Span] = []
        identifier = None
        first = last = None   # the first and last lines of text that are no item label ("Beslutsunderlag")
        skip = self.skip
        may_hold_dnr = self._folded_holds(body, _DNR_WORDS_FOLDED)
        for ln in body:
            i = ln.no - 1
            if not ln.clean or i in skip:
                continue
            label = ln.folded.strip(" :") in ITEM_LABEL_WORDS
            if not label:
                if first is None:
                    first = ln
                last = ln
            m = PRESENTER_RE.match(ln.clean) if ln.clean[0] in _PRESENTER_FIRST else None   # _presenter_match
            if m and m["rest"].strip():
                rest_start = ln.cstart + m.start("rest")
                for ref, _ in parse_people(m["rest"], rest_start):
                    presenters.append(ref)
                continue
            if identifier is None and may_hold_dnr and _may_hold_dnr(ln):
                dm = DNR_RE.search(ln.clean)
                if dm:
                    identifier = dm["dnr"].strip()
            # Title on the heading line ending with "(Name)": the item's presenter
            if numbered_doc and not label and ln.clean != h.title.text and self._is_plain_heading(i):
                st = Span(ln.cstart, ln.cstart + len(_clean_title(ln.clean)), _clean_title(ln.clean))
                subtitles.append(st)
                pm = _TRAILING_PARENS_NAME_RE.search(st.text)
                if pm and FULL_NAME_RE.match(pm[1].strip()):
                    a = st.start + pm.start(1)
                    presenters.append(PersonRef(pm[1].strip(), Span(a, a + len(pm[1].strip()), pm[1].strip())))
        if identifier is None:
            dm = DNR_RE.search(h.line.clean) if _may_hold_dnr(h.line) else None
            identifier = dm["dnr"].strip() if dm else None
        decisions = self._decisions(body, start, end)
        recused = self._recused(body)
        if not presenters and first is not None:
            presenters = self._presenters_from_text(first.cstart, last.start + len(last.text), explicit_only=self.has_presenter_lines)
        return AgendaItem(
            title=h.title.text,
            title_span=h.title,
            span=_trim(self.text[start:end], start),
            ordinal=h.ordinal,
            time=h.time,
            section=section,
            identifier=identifier,
            subtitles=tuple(subtitles),
            presenters=tuple(_unique_refs(presenters)),
            decisions=tuple(decisions),
            recused=tuple(_unique_refs(recused)),
        )

    def _folded_holds(self, lines: list[Line], words: tuple[str, ...]) -> bool:
        """Whether the folded text from the first to the last of ``lines`` holds one of ``words``;
        False tells at once that no line's ``folded`` (a slice of that text) holds one."""
        if not lines:
            return False
        a, b = lines[0].start, lines[-1].start + len(lines[-1].text)
        for w in words:
            if self.folded.find(w, a, b) >= 0:
                return True
        return False

    def _recused(self, lines: list[Line]) -> list[PersonRef]:
        """People who declared a conflict of interest (jäv) and took no part in the item."""
        out: list[PersonRef] = []
        if not self._folded_holds(lines, ("jav", "deltar ")):
            return out   # no line is read below
        for ln in lines:
            if not ln.clean or not ("jav" in ln.folded or "deltar " in ln.folded) or not RECUSED_RE.search(ln.folded):
                continue
            for nm in NAME_INLINE_RE.finditer(ln.clean):
                if not ORG_LINE_RE.search(nm[0]) and fold(nm[0].split()[0]) not in ("jav", "pa", "med", "pga"):
                    s0 = ln.cstart + nm.start()
                    out.append(PersonRef(nm[0], Span(s0, s0 + len(nm[0]), nm[0])))
        return out

    def _presenters_from_text(self, a: int, b: int, explicit_only: bool = False) -> list[PersonRef]:
        """Presenters named in the text from ``a`` to ``b``: "X föredrar ärendet" anywhere in the
        item; where the minutes have no presenter lines at all, also "X informerar / redogör / går
        igenom" in the item's opening sentences."""
        if self.text.find(EXPLICIT_PRESENTER_WORD, a, b) < 0:
            # no "föredrar"/"föredrog" (EXPLICIT_PRESENTER_RE): only the opening sentences may tell
            if explicit_only:
                return []
            sents = sentences(self.text[a:b], a, limit=2)
        else:
            sents = sentences(self.text[a:b], a)
        for sent in sents:
            # every match holds EXPLICIT_PRESENTER_WORD
            m = EXPLICIT_PRESENTER_RE.search(sent.text) if EXPLICIT_PRESENTER_WORD in sent.text else None
            if m:
                refs = presenters_in_sentence(sent.text[m.start("subj"):], sent.start + m.start("subj"))
                if refs:
                    return refs
        if explicit_only:
            return []
        for sent in sents[:2]:
            refs = presenters_in_sentence(sent.text, sent.start)
            if refs:
                return refs
        return []

    # -- decisions --------------------------------------------------------------------------------
    def _decisions(self, lines: list[Line], start: int, end: int) -> list[Decision]:
        """'Beslut' sections, 'att'-clauses under them, and sentences in which a body decides."""
        # The lines holding a decision word (one of DECISION_WORDS_FOLDED): every match of
        # DECISION_LABEL_RE holds "beslut" (in any case: folded, "beslut"), and a paragraph is
        # read below only if one of its lines holds one.
        if not self._folded_holds(lines, DECISION_WORDS_FOLDED):
            return []
        marked = [k for k, ln in enumerate(lines) if "besl" in ln.folded or "godk" in ln.folded or "fastst" in ln.folded]
        if not marked:
            return []
        out: list[Decision] = []
        used: set[int] = set()
        k = 0   # the first line after the last decision block
        for c in marked:
            ln = lines[c]
            if c < k or "beslut" not in ln.folded or ln.no - 1 in self.skip:
                continue
            m = DECISION_LABEL_RE.match(ln.clean)
            if not m or not _DECISION_LABEL_WORD_RE.match(ln.folded.lstrip("*")) or self._is_plain_decision_sentence(ln.clean):
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
            out.extend(self._decision_texts(block, ln if rest else None, m))
            used.update(x.no for x in block)
            used.add(ln.no)
            k = j
        # sentences in which a body decides: "Ledningsgruppen beslutar att ...", "X har fattat beslut om ..."
        if all(lines[c].no in used or lines[c].no - 1 in self.skip for c in marked):
            return out   # no paragraph below holds a decision word
        para_lines = [ln for ln in lines if ln.clean and ln.no not in used and ln.no - 1 not in self.skip]
        for para in self._paragraphs(para_lines):
            # no line of the paragraph holds a decision word (folded), so none of the text does
            # (see _paragraphs): no sentence of the paragraph can match the two expressions below
            if not para[2]:
                continue
            for sent in sentences(self.text[para[0]:para[1]], para[0]):
                flat = _flatten(sent)
                if DECISION_VERB_RE.match(flat) or IMPERSONAL_DECISION_RE.match(flat):
                    out.append(Decision(flat, sent))
        return out

    @staticmethod
    def _is_plain_decision_sentence(s: str) -> bool:
        """'Beslut fattade med stöd av delegation ...' is a sentence about decisions, not a label."""
        if _DECISION_ABOUT_RE.match(s):
            return True
        return bool(_DECISION_WORD_SENTENCE_RE.match(s)) and ":" not in s[:12]

    def _paragraphs(self, lines: list[Line]) -> list[tuple[int, int, bool]]:
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

    def _decision_texts(self, block: list[Line], label_line: Line | None, m: re.Match) -> list[Decision]:
        if not block:
            return []
        a = label_line.cstart + m.start("rest") if label_line else block[0].cstart
        b = block[-1].start + len(block[-1].text.rstrip())
        text = self.text[a:b]
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

    def _loose_decisions(self, items: list[AgendaItem], header_end: int) -> list[Decision]:
        """Decisions outside every item (minutes without items, or before the first item)."""
        if items:
            first = items[0].span.start
            lines = [ln for ln in self.lines[header_end:] if ln.start < first]
            return self._decisions(lines, 0, first) if lines else []
        lines = self.lines[header_end:]
        return self._decisions(lines, 0, len(self.text))


RECUSED_RE = re.compile(r"\bjav(?:ig)?\b|deltar (?:inte|ej) i (?:handlaggningen|beslutet)")


SIGNATURE_LABEL_RE = re.compile(
    r"^(vid (?:anteckningarna|protokollet)|antecknat av|sekreterare|ordf[oö]rande)\s*[/:]?\s+(?=[A-ZÅÄÖ])", re.I)


def _unique_refs(refs: list[PersonRef]) -> list[PersonRef]:
    seen, out = set(), []
    for r in refs:
        key = fold(r.name)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
