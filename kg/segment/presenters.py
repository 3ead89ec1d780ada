"""Presenters: the people the text says present an item.

Three ways minutes say it, tried in this order for an item without a presenter line
("Föredragande:", read by items.py):
1. a presenting verb after its subject ("Ekonom Jan Boberg redovisar", "Anna Wik och Bo Berg
   informerade om", "*Fredrik Sand* redogjorde för"), or a passive cue before the name ("Ärendet
   föredras av planarkitekt Karin Åström"); the verbs are data (presenter_verbs.tsv,
   presenter_passive.tsv);
2. in working notes, a name with a colon starting a line ("Jonas: Upphandlingen är klar").
A presenter is a person: job titles before the name (title_words.tsv) are dropped, a lone first
name or surname is given the full name the document uses for exactly one person, and a word that
is neither a name nor resolvable is no presenter.
"""
from __future__ import annotations

import re

from ..models import PersonRef, Span
from . import lexicon
from .page import Page, fold
from .patterns import (  # noqa: F401
    NAME_WORD,
    PARTICLE,
    TITLE_SUFFIXES,
    WORD_START_NAME_WORD,
    is_first_name,
    is_place_like,
    is_title_word,
    word_start_alternatives,
)


def _by_length(name: str) -> list[str]:
    return sorted(lexicon.words(name), key=len, reverse=True)


def _alternatives(name: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _by_length(name))


# matched on the folded text (offsets equal the original's)
VERB_RE = re.compile(rf"(?:{word_start_alternatives(_by_length('presenter_verbs'))})\b(?!\s+sig\b)")  # "presenterade sig": introduced themselves
WEAK_VERBS = frozenset(re.sub(r"\s+", " ", w) for w, v in lexicon.entries("presenter_verbs") if v == "weak")
# "Efter förfrågan delar Lisa Olsson med sig", "Under mötet informerade Anna Wik": the verb before its subject
INVERTED_RE = re.compile(r"(?:efter|under|i|vid)\s[^,.\n]{0,40}?\s(?:delar|delade|informerar|informerade|berattar|berattade|presenterar|presenterade|redogor|redogjorde|gar igenom|gick igenom)\s+")
LABEL_LINE_RE = re.compile(r"^[*_]*(?:f[oe6]redragande|f[oe6]redragare|dragande|presentat[oe]r)\b")
PASSIVE_RE = re.compile(rf"(?:{word_start_alternatives(_by_length('presenter_passive'))})\s+")
# where the subject of a verb may begin: a sentence, a clause after ":" or ";", a paragraph, a bullet
# "X kommer till nämnden för att berätta", "Vidare kommer X till sammanträdet för att ge ...": a visit to present
_VISIT_TAIL = rf"till\s+(?:{_alternatives('presenter_visits')})\s+f[oö]r\s+att\b"
# (the look back after the "k": the engine looks for the letter alone, and reads back only there)
VISIT_RE = re.compile(rf"k(?<![\w-]k)(?:ommer|om)\s+{_VISIT_TAIL}")
VISIT_INVERTED_RE = re.compile(rf"k(?<![\w-]k)(?:ommer|om)\s+(?!till\b)(?P<who>[^.\n]{{3,80}}?)\s+{_VISIT_TAIL}")
CLAUSE_START_RE = re.compile(r"(?:[.!?:;]\s+|\n\s*\n\s*|\n\s*[-*•▪–]\s+|\n(?=\s*[@*_]))")
NAME_TOKEN_RE = re.compile(rf"^{NAME_WORD}$")
CONNECTORS = frozenset({"och", "&", ","})
PARTICLES = frozenset(PARTICLE[3:-1].split("|"))
SUBJECT_WINDOW = 160
_MARKUP_RE = re.compile(r"[*_@]")
_BLANKED_RE = re.compile(r"\([^()]*\)|,[^,\n]*,(?=\s*$)|\bfrån\s[^\n]*$")
_TOKEN_RE = re.compile(r"[^\s,&]+|,|&")
INITIALS_COLON_RE = re.compile(r"^(?P<name>[A-ZÅÄÖ]{2,3}):[ \t]+\S")   # "EF: Upparbetat 3,1 mnkr"
COLON_NAME_RE = re.compile(rf"^@?(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}):[ \t]+\S")


# -- the people a document names in full ------------------------------------------------------
_FULL_NAME_INLINE_RE = re.compile(rf"{WORD_START_NAME_WORD}(?: (?:{PARTICLE} )?{NAME_WORD}){{1,3}}(?![\w-])")


def full_names(page: Page) -> dict[str, set[str]]:
    """folded given name or surname -> the full names (given name first) the document writes out.

    Read once per page in one pass over the text."""
    index = getattr(page, "_full_name_index", None)
    if index is None:
        index = {}
        for m in _FULL_NAME_INLINE_RE.finditer(page.text):
            words = m[0].split()
            j = next((k for k, w in enumerate(words) if is_first_name(w)), len(words))
            words = words[j:j + 3]   # "Kassören Leif Ågren": the name begins at the given name
            if len(words) >= 3 and is_place_like(words[-1]) and not is_first_name(words[-2]):
                words = words[:-1]   # "Maria Norrby Helsingborg": a place after the name
            if len(words) < 2 or any(is_title_word(w) for w in words):
                continue
            name = " ".join(words)
            index.setdefault(fold(words[0]), set()).add(name)
            index.setdefault(fold(words[-1]), set()).add(name)
        page._full_name_index = index
    return index


# initials are two or three capitals, one per word of the name they stand for
INITIALS_MIN, INITIALS_MAX = 2, 3
_INITIALS_RE = re.compile(rf"(?P<name>{WORD_START_NAME_WORD}(?: {NAME_WORD}){{{INITIALS_MIN - 1},{INITIALS_MAX - 1}}})"
                          rf" \((?P<ini>[A-ZÅÄÖ]{{{INITIALS_MIN},{INITIALS_MAX}}})\)")


_BRACKETED_INITIALS_RE = re.compile(rf"\([A-ZÅÄÖ]{{{INITIALS_MIN},{INITIALS_MAX}}}\)")


def initials(page: Page) -> dict[str, str]:
    """"Sara Lindell (SL)": the initials a document introduces for its people, to their names."""
    index = getattr(page, "_initials_index", None)
    if index is None:
        index = {}
        for m in _INITIALS_RE.finditer(page.text) if _BRACKETED_INITIALS_RE.search(page.text) else ():
            words = m["name"].split()
            if "".join(w[0] for w in words) == m["ini"] and is_first_name(words[0]):
                index[m["ini"]] = m["name"]
        page._initials_index = index
    return index


def _initials_of(page: Page, word: str) -> str | None:
    """The name ``word`` stands for as initials the document introduced, or None. Initials are two
    or three letters: the page's initials are read only when a word that short is asked about."""
    return initials(page).get(word) if INITIALS_MIN <= len(word) <= INITIALS_MAX else None


def _is_name_token(page: Page, tok: str) -> bool:
    return bool(NAME_TOKEN_RE.match(tok)) or _initials_of(page, tok) is not None


def resolve(page: Page, name: str) -> str | None:
    """The name a presenter is known by: a full name as written; a lone given name or surname
    the one full name of the document it can be; else None (a word that names nobody)."""
    words = name.split()
    known = _initials_of(page, name)
    if known is not None:
        return known
    if len(words) >= 2:
        return name if is_first_name(words[0]) or not any(is_place_like(w) for w in words) else None
    cands = full_names(page).get(fold(name), set())
    if len(cands) == 1:
        return next(iter(cands))
    return name if is_first_name(name) else None


def presenter_from_name(page: Page, name: str, start: int) -> PersonRef | None:
    """A presenter written ``name`` at ``start``, under the name ``resolve`` knows them by; None for a word that names nobody."""
    full = resolve(page, name)
    if full is None:
        return None
    return PersonRef(full, Span(start, start + len(name), name))


# -- subjects and objects of the cues ----------------------------------------------------------
def _tokens(text: str, base: int) -> list[tuple[str, int]]:
    return [(m[0], base + m.start()) for m in _TOKEN_RE.finditer(text)]


def _name_groups(page: Page, tokens: list[tuple[str, int]]) -> list[PersonRef]:
    """Names separated by "och", "&" or ","; each group the words of one name."""
    refs, group = [], []

    def flush() -> None:
        # "Ekonomichef Hans Holm", "Kassören Leif Ågren": leading title words are no name
        # "Ärendebeskrivning\nEkonom Eva Granberg": a label line and a title before the given name
        j = next((k for k, (w, _) in enumerate(group) if is_first_name(w)), 0)
        if j and len(group) - j >= 1:
            del group[:j]
        while len(group) > 1 and is_title_word(group[0][0]):
            group.pop(0)
        aff = None
        if len(group) >= 3 and is_place_like(group[-1][0]) and not is_first_name(group[-2][0]):
            w, p0 = group.pop()   # "Maria Norrby Helsingborg": the place is an affiliation
            aff = Span(p0, p0 + len(w), w)
        if group:
            a, b = group[0][1], group[-1][1] + len(group[-1][0])
            ref = presenter_from_name(page, page.text[a:b], a)
            if ref:
                refs.append(PersonRef(ref.name, ref.span, aff) if aff else ref)
        group.clear()

    for tok, pos in tokens:
        if tok in CONNECTORS:
            flush()
        else:
            group.append((tok, pos))
    flush()
    return refs


def subject_before(page: Page, a: int, v: int) -> list[PersonRef]:
    """The people named as the subject just before a verb at ``v`` (the clause starting after ``a``)."""
    lo = max(a, v - SUBJECT_WINDOW)
    window = page.text[lo:v]
    cs = 0
    for m in CLAUSE_START_RE.finditer(window):
        cs = m.end()
    if lo > a and cs == 0:
        return []   # no clause start within reach
    clause = window[cs:]
    # blank out markup, parenthesised parties and units, appositions and "från X" (same length)
    clause = _MARKUP_RE.sub(" ", clause)
    clause = _BLANKED_RE.sub(lambda x: " " * len(x[0]), clause)
    tokens = _tokens(clause, lo + cs)
    # the subject: the longest run of name words and connectors before the verb
    k = len(tokens)
    # (a title inside: "Kommundirektör Marie Holmgren och ekonomichef Fredrik Ahlström")
    while k > 0 and (_is_name_token(page, tokens[k - 1][0]) or is_title_word(tokens[k - 1][0]) or tokens[k - 1][0] in CONNECTORS or tokens[k - 1][0] in PARTICLES):
        k -= 1
    while k < len(tokens) and tokens[k][0] in CONNECTORS:
        k += 1
    while k < len(tokens) - 1 and is_title_word(tokens[k][0]) and not _is_name_token(page, tokens[k][0]):
        k += 1   # "Hälso- och sjukvårdsdirektör Pernilla Sjölund": a title that begins lower-case belongs to the lead
    lead, subject = tokens[:k], tokens[k:]
    if not subject:
        return []
    # what stands before the names may only be a title ("Hälso- och sjukvårdsdirektör", "Kommunstyrelsens ordförande")
    if lead and (len(lead) > 4 or not is_title_word(lead[-1][0])) and not starts_line(page, subject[0][1]):
        return []
    return _name_groups(page, subject)


def starts_line(page: Page, pos: int) -> bool:
    """Only white space or a bullet stands between the line's start and ``pos``: after a label line
    ("Sammanfattning av ärendet") a name starting the next line begins a clause."""
    nl = page.text.rfind("\n", 0, pos)
    return not page.text[nl + 1:pos].strip(" \t*_@-•▪")


def object_after(page: Page, p: int, b: int) -> list[PersonRef]:
    """The people named after a passive cue ("föredras av planarkitekt Karin Åström och ...")."""
    line_end = page.text.find("\n\n", p, b)
    window = page.text[p:min(b, p + SUBJECT_WINDOW, line_end if line_end >= 0 else b)]
    window = _MARKUP_RE.sub(" ", window)
    tokens = _tokens(_BLANKED_RE.sub(lambda x: " " * len(x[0]), window.split(".")[0]), p)
    k = 0
    while k < len(tokens) and k < 4 and not NAME_TOKEN_RE.match(tokens[k][0]) and is_title_word(tokens[k][0]):
        k += 1
    end = k
    while end < len(tokens) and (NAME_TOKEN_RE.match(tokens[end][0]) or tokens[end][0] in CONNECTORS or tokens[end][0] in PARTICLES):
        end += 1
    return _name_groups(page, tokens[k:end])


def has_label_lines(page: Page) -> bool:
    """Whether the minutes name presenters on label lines ("Föredragande: ..."), cached on the page."""
    known = getattr(page, "_presenter_labels", None)
    if known is None:
        known = page._presenter_labels = any(LABEL_LINE_RE.match(ln.folded) for ln in page.lines if ln.folded[:1] in "*_fdp")
    return known


def presenters_by_verb(page: Page, a: int, b: int) -> list[PersonRef]:
    """Everyone the item's text names as presenting, in order. Where the minutes name presenters
    on label lines, the verbs that also tell of discussion ("går igenom", "berättar") do not count."""
    refs: list[PersonRef] = []
    folded = page.folded
    weak_off = has_label_lines(page)
    for m in VERB_RE.finditer(folded, a, b):
        if weak_off and re.sub(r"\s+", " ", m[0]) in WEAK_VERBS:
            continue
        refs += subject_before(page, a, m.start())
    for m in VISIT_RE.finditer(folded, a, b):
        refs += subject_before(page, a, m.start())
    for m in VISIT_INVERTED_RE.finditer(folded, a, b):
        refs += _visitors(page, m.start("who"), m.end("who"))
    for m in PASSIVE_RE.finditer(folded, a, b):
        refs += object_after(page, m.end(), b)
    if not refs:
        for m in INVERTED_RE.finditer(folded, a, b):
            if m.start() == a or folded[m.start() - 2:m.start()] in (". ", "\n\n") or folded[m.start() - 1] == "\n":
                refs += object_after(page, m.end(), b)
    refs.sort(key=lambda r: r.span.start)
    return refs


def _visitors(page: Page, a: int, b: int) -> list[PersonRef]:
    """The names ending the words between "kommer" and "till ... för att" (the titles before them
    dropped): "Vidare kommer anhörigkonsulent Eva Lind till sammanträdet för att ..."."""
    tokens = _tokens(_MARKUP_RE.sub(" ", page.text[a:b]), a)
    k = len(tokens)
    while k > 0 and (NAME_TOKEN_RE.match(tokens[k - 1][0]) or tokens[k - 1][0] in CONNECTORS or tokens[k - 1][0] in PARTICLES):
        k -= 1
    if k < len(tokens) and tokens[k][0] in CONNECTORS:
        return []
    return _name_groups(page, tokens[k:])


def presenters_by_colon(page: Page, a: int, b: int) -> list[PersonRef]:
    """Working notes: "Jonas: Upphandlingen är klar." or "- Ulrika: KS presidium vill ..." starting a line."""
    refs: list[PersonRef] = []
    pos = a
    while pos < b:
        nl = page.text.find("\n", pos, b)
        end = b if nl < 0 else nl
        raw = page.text[pos:end]
        body = raw.lstrip(" \t-*•▪")
        # (a match of either holds a colon: most lines of text hold none)
        m = (COLON_NAME_RE.match(body) or INITIALS_COLON_RE.match(body)) if ":" in body else None
        if m and (is_first_name(m["name"].split()[0]) or _initials_of(page, m["name"]) is not None):
            start = pos + (len(raw) - len(body)) + m.start("name")
            ref = presenter_from_name(page, m["name"], start)
            if ref:
                refs.append(ref)
        pos = end + 1
    return refs


def presenters_from_text(page: Page, a: int, b: int) -> list[PersonRef]:
    """Presenters named in the text of an item from ``a`` to ``b`` (its lines after the heading)."""
    return presenters_by_verb(page, a, b) or presenters_by_colon(page, a, b)
