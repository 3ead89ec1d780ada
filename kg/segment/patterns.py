"""Word lists and expressions that several rule units share: labels, roles, names, parties, headings."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import ROLE_WORDS  # noqa: F401 - the rules import it from here
from ..text import fold_chars
from . import lexicon

if TYPE_CHECKING:   # (page.py imports this module)
    from .page import Line

# ---------------------------------------------------------------------------------------------
# Labels

ATTENDANCE_LABELS = lexicon.table("attendance_labels")   # folded label -> role of the people listed under it
# the first word of every attendance label (what a line without ":" or "/" must begin with)
_LABEL_FIRST_WORDS = tuple(sorted({label.split(" ")[0] for label in ATTENDANCE_LABELS}))
PAREN_COMMA_TAIL_RE = re.compile(r"[(,].*")
# "Deltagare LG:", "Deltagare Styrgrupp:": an attendance label followed by the group's name.
# (a Markdown label in bold or italics before its list: "**Närvarande:** Anna Ek", "*Förhinder*: Per Lind")
LABEL_RE = re.compile(r"^(?:\*\*|__|\*|_)?(?P<label>[A-Za-zÅÄÖåäöéÉ6 ]{3,60}?)(?:\s+(?P<group>[A-ZÅÄÖ][\wÅÄÖåäö+\-]{1,30}))?"
                      r"(?:\*\*|__|\*|_)?\s*[:/]\s*(?:(?:\*\*|__|\*|_)\s*)?(?P<rest>.*)$")
PRESENTER_RE = re.compile(
    r"^(?:f[oöé6]redragande|f[oöé6]redragare|presentat[oö]r(?:er)?|dragande|presenteras av|ansvarig(?: f[oö]r punkten)?)\b\s*[:.\-–]?\s*(?P<rest>.*)$",
    re.I,
)
# The first letter of every match of PRESENTER_RE: its alternatives begin with f, p, d or a, and
# re.I finds no other character equal to these four.
PRESENTER_FIRST = frozenset("fFpPdDaA")


def presenter_match(s: str) -> re.Match | None:
    """``PRESENTER_RE.match(s)``, at once None for a line that cannot begin a match."""
    return PRESENTER_RE.match(s) if s[:1] in PRESENTER_FIRST else None


DECISION_LABEL_RE = re.compile(
    r"^\**(?:(?:[A-ZÅÄÖ][\wåäö]*-\s+och\s+)?[A-ZÅÄÖ][\wåäö-]+s\s+)?(?:beslut|beslutades|mötet beslutade|motet beslutade)\b\**\s*[:.]?\s*\**\s*(?P<rest>.*)$",
    re.I,
)
DOC_TYPE_WORDS = lexicon.words("doc_type_words")
ITEM_LABEL_WORDS = lexicon.words("item_label_words")   # parts of a protokoll item, not sub-topics
SECTION_WORDS = lexicon.words("section_words")
ABSENCE_NOTES = lexicon.words("absence_notes")
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
def word_start_alternatives(phrases: list[str], space: str = r"\s+", before: str = r"[\w-]") -> str:
    """``(?<!{before})(?:p1|p2|...)`` for ``phrases`` in their order (a space in one is ``space``),
    written so that the engine looks for their first letters alone: grouped by first letter, each
    group that letter, the look back at the character before it, then the rests. At a position only
    the phrases with its letter can match, in the same order as before; a look back first is tried
    at every position of the text (about a third slower over a document)."""
    groups: dict[str, list[str]] = {}
    for p in phrases:
        groups.setdefault(p[0], []).append(re.escape(p[1:]).replace(r"\ ", space))
    return "|".join(rf"{re.escape(c)}(?<!{before}{re.escape(c)})(?:{'|'.join(rest)})" for c, rest in groups.items())


# a NAME_WORD not after a letter, digit or "-": ``(?<![\w-]){NAME_WORD}`` with the look back after
# the capital, so that the engine looks for capitals alone (a look back first is tried everywhere)
WORD_START_NAME_WORD = rf"(?:[{_UPPER}](?<![\w-][{_UPPER}]){_LOWER}+(?:-[{_UPPER}]{_LOWER}+)?)"
PARTICLE = r"(?:af|von|van|de|der|la|di|da|el|al|bin|ben)"
NAME_INLINE_RE = re.compile(rf"{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_WORD}){{1,4}}")  # on one line
FULL_NAME_RE = re.compile(rf"^{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,4}}$")
PARTY_RE = re.compile(r"^(?:S|M|SD|C|V|KD|L|FP|MP|Fi|SPI|ÖP|NS|KV)$")  # parliamentary and common local parties


# ---------------------------------------------------------------------------------------------
# Headings

NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})\s?[.,)]\s*(?P<title>[A-ZÅÄÖÉa-zåäö\"“(§].*)$")
# "1:Mötet öppnas", "3: Föregående mötes minnesanteckningar" (a capital and a small letter: no time)
COLON_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2}):[ \t]?(?P<title>[A-ZÅÄÖ][a-zåäö].*)$")
PARAGRAPH_RE = re.compile(r"^(?:(?P<prefix>[A-ZÅÄÖ]{2,6})\s*§?\s*|§\s*)(?P<num>\d{1,4})\b[.:]?\s*(?P<title>.*)$")
TIMED_RE = re.compile(
    r"^(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?:\s*[-–]\s*(?:[01]?\d|2[0-3])[.:][0-5]\d)?\s+(?:\*\*)?(?P<title>[A-ZÅÄÖÉ\"“].*?)(?:\*\*)?$"
)


def may_hold_dnr(ln: Line) -> bool:
    """False when DNR_RE cannot match ``ln.clean``: every match begins with "Dnr" or "Diarie" in
    some case, which folds to one of DNR_WORDS_FOLDED ("dıar": re.I takes a dotless "ı" for
    "i", and folding keeps it)."""
    f = ln.folded
    return "dnr" in f or "diar" in f or "dıar" in f


DNR_WORDS_FOLDED = ("dnr", "diar", "dıar")


# the first character of every match of PARAGRAPH_RE
PARAGRAPH_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ§")
DNR_RE = re.compile(r"\b(?:Dnr|Diarienummer|Dnr\.|Diarienr)\.?:?\s*(?P<dnr>[A-ZÅÄÖ]{0,6}\s?\d{2,4}[/\-.:]\d{1,6}(?:[/\-.:]\d{1,6})?)", re.I)
DNR_PREFIX_RE = re.compile(r"^(?:Dnr|Diarienummer|Diarienr)\.?:?\s*[A-ZÅÄÖ]{0,6}\s?\d{2,4}[/\-.:]\d{1,6}(?:[/\-.:]\d{1,6})?\s*[-–:]?\s*", re.I)
# ---------------------------------------------------------------------------------------------
# Expressions of the rule units

DIGIT_START_RE = re.compile(r"^\d")
COMMA_END_RE = re.compile(r",\s*$")
PARENS_RE = re.compile(r"\([^)]*\)")
ENTRY_SEP_RE = re.compile(r"(?=[,;\s])(?:,|;|\s&\s|\soch\s)")   # (the lookahead: as for COMMA_LIST_SEPS_RE)
NAME_WORD_RE = re.compile(rf"^{NAME_WORD}$")

HEADING_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉ\"“")  # what a plain heading may begin with
MARK_SPACE_RE = re.compile(r"[.!?:]\s")
LOWER_START_RE = re.compile(r"^[a-zåäö]")
END_MARK_COLON_RE = re.compile(r"[.!?:]$")
TRAILING_PARENS_NAME_RE = re.compile(r"\(([^()]+)\)\s*$")
ATT_START_RE = re.compile(r"^att\b")
DECISION_LABEL_WORD_RE = re.compile(r"^(?:(?:\w+-\s+och\s+)?\w+s\s+)?(?:beslut|motet)")
DECISION_ABOUT_RE = re.compile(r"^beslut(?:et)?\s+(?:om|fattades|togs)\b", re.I)
DECISION_WORD_SENTENCE_RE = re.compile(r"^\**beslut\w*\**\s+(?!att\b)[a-zåäö]", re.I)
# (a match begins with a line break, or at the start with " ", "\t" or "att": the lookahead)
ATT_CLAUSE_RE = re.compile(r"(?=[\n \ta])(?:^|\n)[ \t]*(?=att\b)")

SIGNATURE_LABEL_RE = re.compile(
    r"^(vid (?:anteckningarna|protokollet)|antecknat av|sekreterare|ordf[oö]rande)\s*[/:]?\s+(?=[A-ZÅÄÖ])", re.I)

# ---------------------------------------------------------------------------------------------
# Name lists


@lru_cache(maxsize=1 << 16)   # asked of the same words again and again (every name of every list)
def is_first_name(word: str) -> bool:
    try:
        from ..lexicons.gazetteer import is_probable_first_name

        return is_probable_first_name(word)
    except Exception:
        return False


@lru_cache(maxsize=1)
def _org_names() -> frozenset[str]:
    """Every normalised organisation name of the gazetteer (built once: the index is a fresh dict per call)."""
    from ..lexicons.gazetteer import org_alias_index

    return frozenset(org_alias_index())


@lru_cache(maxsize=1)
def _org_first_words() -> frozenset[str]:
    """The first word of every normalised organisation name, up to a space or "-"."""
    return frozenset(re.split(r"[ -]", name, maxsplit=1)[0] for name in _org_names())


@lru_cache(maxsize=1 << 14)
def is_place_like(word: str) -> bool:
    """Does ``word`` name an organisation of the gazetteer (a place, a body)?

    A text whose first word is ASCII letters normalises to that word in lower case followed by
    nothing, a space or "-" (normalising lower-cases ASCII letters, makes white space one space
    and joins " - "): without that word among the organisations' first words, the text names
    none, and it is not normalised (most texts asked about are people's names)."""
    try:
        from ..lexicons.gazetteer import normalize

        head = word.split(None, 1)[:1]
        if head and head[0].isascii() and head[0].isalpha() and head[0].lower() not in _org_first_words():
            return False
        return normalize(word) in _org_names()
    except Exception:
        return False


# -- headings -------------------------------------------------------------------------------
def is_heading_line(ln: Line) -> bool:
    s = ln.clean
    c = s[:1]
    if c.isdecimal():  # \d is a decimal digit: NUMBERED_RE and TIMED_RE begin with one, PARAGRAPH_RE does not
        return bool(NUMBERED_RE.match(s) and len(s) < 120) or bool(TIMED_RE.match(s))
    # a match of PARAGRAPH_RE begins the line, so "§" after white space is no heading
    return c == "§" and bool(PARAGRAPH_RE.match(s))


# -- job titles -------------------------------------------------------------------------------
TITLE_SUFFIXES = tuple(sorted(lexicon.words("title_words"), key=len, reverse=True))
# every title ending, read backwards: whole short titles ("vd", "mas": "Tomas" is a name), and
# longer ones at the end of a word, bare, definite ("-en") or with "-n"; one match at the word's
# end instead of one test a title
_SHORT_TITLES = [t for t in TITLE_SUFFIXES if len(t) < 4]
_LONG_TITLES = [t for t in TITLE_SUFFIXES if len(t) >= 4]
_TITLE_END_RE = re.compile(
    "|".join([*(re.escape(t[::-1]) + r"\Z" for t in _SHORT_TITLES),
              "(?:ne|n)?(?:" + "|".join(re.escape(t[::-1]) for t in _LONG_TITLES) + ")"]))


@lru_cache(maxsize=1 << 16)   # asked of every word of every full name: the same words recur
def is_title_word(word: str) -> bool:
    """"Ekonomichef", "kassören", "sjukvårdsdirektör": a job title, not part of a name."""
    return _TITLE_END_RE.match(fold_chars(word).rstrip(".")[::-1]) is not None

