"""The plain forms of kg.segment's fast paths: the expressions as written before their lookaheads
and prefilters, lines cleaned one at a time, the attendance scan over every line
(tests/segment/*_fast_paths.py, tests/nlp/test_nlp_fast_paths.py)."""
from __future__ import annotations

import re

from kg import segment as SEG
from kg.segment import (
    attendance,
    entries,
    furniture,
    patterns,
    people,
)
from kg.segment.lines import clean_line


# -- title endings, the dash of a titled heading, the cue word of a decision sentence ----------
def is_title_word_plain(word: str) -> bool:
    """The definition: a whole short title, or a longer one at the end (bare, "-en" or "-n")."""
    from kg.segment.presenters import TITLE_SUFFIXES
    from kg.segment.presenters import fold as presenters_fold

    f = presenters_fold(word).rstrip(".")
    for suffix in TITLE_SUFFIXES:
        if len(suffix) < 4:
            if f == suffix:
                return True
        elif f.endswith(suffix) or f.endswith(suffix + "en") or f.endswith(suffix + "n"):
            return True
    return False


def is_heading_line_plain(ln: SEG.Line) -> bool:
    """``patterns.is_heading_line`` trying each heading expression in turn."""
    s = ln.clean
    return (bool(patterns.NUMBERED_RE.match(s) and len(s) < 120) or bool(patterns.PARAGRAPH_RE.match(s) and s.lstrip().startswith("§"))
            or bool(patterns.TIMED_RE.match(s)))


def split_run_together_plain(name: str) -> list[tuple[int, int]]:
    """split_run_together as it was: the words found before their number is read."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    if len(words) < 4:
        return [(0, len(name))]
    cuts = [0]
    for k in range(2, len(words) - 1):
        if k - cuts[-1] >= 2 and patterns.is_first_name(name[words[k][0]:words[k][1]]):
            cuts.append(k)
    if len(cuts) == 1:
        return [(0, len(name))]
    return [(words[a][0], words[b - 1][1]) for a, b in zip(cuts, cuts[1:] + [len(words)])]


def split_lines_plain(text: str, ftext: str | None = None) -> list[SEG.Line]:
    """Each line cleaned and folded by itself (``ftext``, the signature of ``split_lines``, is not read)."""
    lines: list[SEG.Line] = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        lines.append(clean_line(no, pos, raw))
        pos += len(raw) + 1
    return lines


# the expressions items._is_plain_heading's character tests stand for
END_MARK_RE = re.compile(r"[.,;!?]$")
HEADING_START_RE = re.compile(r"^[A-ZÅÄÖÉ\"“]")


def paragraphs_plain(self, lines: list[SEG.Line]) -> list[tuple[int, int]]:
    """``decisions.paragraphs`` counting the line breaks between lines in the text."""
    out: list[tuple[int, int]] = []
    for ln in lines:
        a, b = ln.cstart, ln.start + len(ln.text.rstrip())
        if out and self.text[out[-1][1]:a].count("\n") <= 1:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def label_candidates_plain(page) -> list[int]:
    """attendance.label_candidates as it was: every line asked whether it is a label."""
    return list(range(len(page.lines)))


def is_place_like_plain(word: str) -> bool:
    from kg.lexicons.gazetteer import normalize

    return normalize(word) in patterns._org_names()


# each expression as it was written before it got a lookahead for its first characters
PLAIN_PATTERNS = {
    "SENTENCE_END_RE": (r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n\s*\n", 0),
    "BODY_WORD_RE": (
        r"(?:grupp(?:en|s)?|m[oö]te(?:t|n)?|n[aä]mnd(?:en|ens)?|styrelse(?:n|ns)?|utskott(?:et|ets)?|r[aå]d(?:et|ets)?|"
        r"n[aä]tverk(?:et|ets)?|fullm[aä]ktige|kommitt[eé]n?|beredning(?:en)?|presidi(?:um|et)|forum|konferens(?:en)?|"
        r"ledning(?:en|s)?|samr[aå]d(?:et)?|team(?:et)?)\b", re.I),
    "ORG_LINE_RE": (
        r"(f[oöé]rvaltning|kommun\b|kommuns\b|\bstad\b|\bstads\b|\bregion\b|myndighet|universitet|h[oö]gskola|bolag|"
        r"\bAB\b|verket\b|f[oö]rbund)", re.I),
    "TIME_RANGE_RE": (
        r"(?:kl(?:ockan)?\.?\s*)?(?<![\d/])([01]?\d|2[0-3])[.:]([0-5]\d)\s*(?:[-–—]|till)\s*(?:kl\.?\s*)?"
        r"([01]?\d|2[0-3])[.:]([0-5]\d)(?!\d)", re.I),
    "COMMA_LIST_SEPS_RE": (r"\s*(?:,|;)\s*|(?<!-)\s+(?:&|och)\s+(?=[A-ZÅÄÖ])", 0),
    "LINE_LIST_SEPS_RE": (r"\s*;\s*|(?<!-)\s+(?:&|och)\s+(?=[A-ZÅÄÖ])|\s*,\s*|\s+[–—-]\s+", 0),
    "ENTRY_SEP_RE": (r",|;|\s&\s|\soch\s", 0),
    "TRAILING_ROLE_RE": (
        r"\s*,?\s+(?P<role>(?:1:e |2:e |f[oö]rste |andre )?(?:vice|v\.?) ordf(?:[oö]rande|\.)?|tj[aä]nstg[oö]rande ers[aä]ttare|ordf[oö]rande|ordf\.?|ledamot|ers[aä]ttare|"
        r"sekreterare|justerare)\s*$", re.I),
    "ATT_CLAUSE_RE": (r"(?:^|\n)[ \t]*(?=att\b)", 0),
}


FURNITURE_PLAIN_RE = re.compile(rf"(?:{furniture.PAGE_FOOTER_RE.pattern})|(?:{furniture.WEB_FURNITURE_RE.pattern})", re.I)


def is_name_line_plain(pg, ln, continuation):   # the form without the tests before each expression
    raw = ln.clean.strip("~ ")
    s = entries.NOTE_RE.sub("", raw)
    if not s or len(s) > 200 or (s != raw and len(s.split()) < 2):
        return False
    if patterns.DIGIT_START_RE.match(s):
        return False
    if continuation and patterns.COMMA_END_RE.search(attendance.prev_content(pg, ln)):
        return True
    bounds = people.column_bounds(s)
    if bounds:
        starts = [0, *(b for _, b in bounds)]
        ends = [*(a for a, _ in bounds), len(s)]
        s = ", ".join(s[a:b] for a, b in zip(starts, ends) if a == 0 or s[a:a + 1].isupper())
    elif attendance._SUBSTITUTE_CONT_RE.match(s) and continuation:
        return True
    core = patterns.PARENS_RE.sub("", s)
    core = entries.SUBSTITUTE_RE.split(core)[0]
    core = entries.TRAILING_ROLE_RE.sub("", core)
    parts = [p.strip(" *_@\\") for p in patterns.ENTRY_SEP_RE.split(core) if p.strip(" *_@\\")]
    parts = [q for p in parts for q in attendance._run_apart(p)]   # a row of names with the commas lost
    if any(attendance._DASH_SEP_RE.search(p) for p in parts):
        parts = sorted((q for p in parts for q in attendance._DASH_SEP_RE.split(p) if q), key=lambda p: not entries.is_full_name(p))
    if not parts:
        return False
    first = parts[0]
    if not entries.is_full_name(first) and entries.name_then_title(first) is None:   # "Jan Boberg ekonom"
        return continuation and bool(patterns.NAME_WORD_RE.match(first)) and all(
            patterns.FULL_NAME_RE.match(p) or len(p.split()) == 1 for p in parts[1:])
    return all(len(p.split()) <= 6 and (not re.search(r"[.!?]$", p) or attendance._is_abbreviation(p)) for p in parts)


def attendance_label_plain(page, ln):
    """``attendance.attendance_label`` without its test of the line's start: every line read for
    a label of every form."""
    return attendance._read_label(page, ln)


def word_start_plain_patterns() -> dict[str, tuple[str, int]]:
    """"module.NAME" -> the expression as written before its look back (``(?<![\\w-])`` and the
    like, first) was moved after its first character (``patterns.word_start_alternatives``,
    ``WORD_START_NAME_WORD``), so that the engine looks for the first characters alone."""
    from kg.segment import cases, flattened, lexicon, presenters

    case_labels = "|".join(r"\s*".join(map(re.escape, w.split()))
                           for w in sorted(lexicon.words("case_labels"), key=len, reverse=True))
    visit_tail = presenters._VISIT_TAIL
    name_word, particle = patterns.NAME_WORD, patterns.PARTICLE
    return {
        "presenters.VERB_RE": (rf"(?<![\w-])(?:{presenters._alternatives('presenter_verbs')})\b(?!\s+sig\b)", 0),
        "presenters.PASSIVE_RE": (rf"(?<![\w-])(?:{presenters._alternatives('presenter_passive')})\s+", 0),
        "presenters.VISIT_RE": (rf"(?<![\w-])(?:kommer|kom)\s+{visit_tail}", 0),
        "presenters.VISIT_INVERTED_RE": (
            rf"(?<![\w-])(?:kommer|kom)\s+(?!till\b)(?P<who>[^.\n]{{3,80}}?)\s+{visit_tail}", 0),
        "presenters._FULL_NAME_INLINE_RE": (
            rf"(?<![\w-]){name_word}(?: (?:{particle} )?{name_word}){{1,3}}(?![\w-])", 0),
        "presenters._INITIALS_RE": (
            rf"(?<![\w-])(?P<name>{name_word}(?: {name_word}){{1,2}}) \((?P<ini>[A-ZÅÄÖ]{{2,3}})\)", 0),
        "cases.LABEL_RE": (r"(?<![\w])(?:" + case_labels + r")\.?\s*:?\s*", 0),
        "cases.BARE_FORM_RE": (
            r"(?<![\w/.-])(?P<series>[A-ZÅÄÖ]{2,6})[\s-]" + cases._NO_DATE + r"(?P<year>(?:19|20)\d\d)[/-](?P<number>\d{1,6})"
            r"(?:-\d{1,4})?(?![\w/:])", 0),
        "flattened.NUMBERED_RE": (
            rf"(?<![\w.,:/§-])(?P<prefix>)(?P<num>\d{{1,2}})(?P<sep>[.:])[ \t]?(?=[{flattened._UP}][{flattened._LOW}])", 0),
    }


def role_phrase_patterns_plain() -> list[str]:
    """roles._phrase_res's expressions as written before their ``\\b`` became a look back after the
    first letter (roles._word_start), in the same order."""
    from kg.segment import lexicon

    out = []
    for template, _ in lexicon.entries("role_phrases"):
        pre, _, post = template.partition("{name}")
        pre, post = pre.split(), post.split()
        if pre and post:
            rx = r"\b" + r"\s+".join(map(re.escape, pre)) + r"\s+(?P<n>[^\n]{3,60}?)\s+" + r"\s+".join(map(re.escape, post)) + r"\b"
        elif pre:
            rx = r"\b" + r"\s+".join(map(re.escape, pre)) + r"\s+(?P<n>)"
        else:
            rx = r"(?P<n>)\b" + r"\s+".join(map(re.escape, post)) + r"\b"
        out.append(rx)
    return out


def word_start_pairs() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """"module.NAME" -> (the expression of kg.segment, its plain form of ``word_start_plain_patterns``)."""
    import importlib

    out = {}
    for name, (plain, flags) in word_start_plain_patterns().items():
        module, attr = name.split(".")
        out[name] = (getattr(importlib.import_module(f"kg.segment.{module}"), attr), re.compile(plain, flags))
    return out


def role_phrase_pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """(roles' compiled phrase expression, its plain form), template by template."""
    from kg.segment import roles

    fast = [rx for rx, *_ in roles._phrase_res()]
    return list(zip(fast, map(re.compile, role_phrase_patterns_plain()), strict=True))


def signature_label_lines_plain(page) -> set[int]:
    """The lines in which roles.read_signature_rows finds a label, every line searched."""
    from kg.segment import roles

    return {k for k, ln in enumerate(page.lines) if roles._ANY_LABEL_RE.search(page.folded, ln.start, ln.start + len(ln.text))}


def entry_role_lines_plain(page) -> set[int]:
    """The lines in which roles.read_entry_roles finds a role word, every line searched."""
    from kg.segment import roles

    return {k for k, ln in enumerate(page.lines) if ln.folded and roles._ENTRY_ROLE_RE.search(ln.folded)}


def flattened_cuts_plain(text: str, folded: str, in_items: bool = False, seen: set[str] | None = None):
    """flattened.flattened_cuts reading stamps, headings and numbered runs on every long line (its
    test for a digit, which lets it give up on a line without one, made to hold everywhere)."""
    from kg.segment import flattened

    shortcut = flattened._DIGIT_RE
    flattened._DIGIT_RE = re.compile("")
    try:
        return flattened.flattened_cuts(text, folded, in_items, seen)
    finally:
        flattened._DIGIT_RE = shortcut


def section_label_plain(folded: str) -> bool:
    """decision_cues.section_label without its test of the line's end: the genitive body's label
    looked for on every line."""
    from kg.segment import decision_cues as dc

    s = folded.strip(dc._MARKS)
    if s in dc.NOT_DECISION_SECTIONS or s.split(":", 1)[0].strip() in dc.NOT_DECISION_SECTIONS and ":" in s:
        return True
    g = dc._GENITIVE_BODY_RE.match(s)
    return g is not None and s[g.end():].rstrip(" :") in dc.NOT_DECISION_SECTIONS


def case_label_words() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """cases.LABEL_RE and the words one of which each of its matches holds (the test before the search)."""
    from kg.segment import cases

    return cases.LABEL_RE, cases._LABEL_WORDS


def place_label_words() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """place.py's label expression and the words one of which each of its matches holds."""
    from kg.segment import place

    return place._PLACE_LABEL_RE, place._PLACE_LABEL_WORDS


def colon_name_patterns() -> tuple[re.Pattern[str], ...]:
    """The colon-name forms of presenters_by_colon (each match holds a colon)."""
    from kg.segment import presenters

    return presenters.COLON_NAME_RE, presenters.INITIALS_COLON_RE


# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.segment.decisions import _flatten as decision_flatten  # noqa: E402, F401
from kg.segment.entries import _WORD_RE as ENTRY_WORD_RE  # noqa: E402, F401
from kg.segment.furniture import _FURNITURE_RE as FURNITURE_RE  # noqa: E402, F401
from kg.segment.patterns import _org_first_words as org_first_words  # noqa: E402, F401
from kg.segment.people import _pieces as people_pieces  # noqa: E402, F401
