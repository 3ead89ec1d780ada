"""What a project candidate's surroundings say for it (``ProjectEvidence``), and the phrase tests
the project rules share."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..lexicons.cues import cue, cue_phrases
from .tokens import BULLETS, DASHES, PRJ, QUOTES, TokenTable, candidates, drop_candidates

# project candidates whose rule read a project word, a programme preposition or a label: they
# carry their own evidence; the others were found by their shape alone (ProjectEvidence)
PROJECT_CUE_RULES = frozenset({
    "project_named", "project_about", "project_concept", "project_copula", "project_label",
    "project_within", "project_frame", "project_programme", "project_compound", "project_plan_period",
    "project_titled"})


class ProjectEvidence:
    """Which project candidates the text supports: precision first.

    A name that a project word introduces ("projektet X", "X-projektet", "inom Klimatklivet",
    "Projekt Nytt badhus", "X är ett projekt") is a project. A name found by its shape alone
    (capitalised words, a capitalised word in mid-sentence, an enumeration, a code, a plan's
    name, a quotation, a bullet topic) is one only where its own line treats it as something
    people work on: a work word right before it ("ska koordinera X", "arbetet kopplat till X"),
    words after it that introduce a new undertaking ("X är en digital medarbetare",
    "X och Y - ett digitalt kontaktcenter", "X startar"), a project word near it on its line
    ("exempelvis X, Hälsoprojektet"); a quotation unless it quotes an agenda point or a button;
    a bullet topic when a bullet mark opens its line. Persons, bodies, places, form labels and
    table headers have none of these, and so stay out without a list of them.
    """

    WINDOW = 6   # words on either side in which a project word is looked for

    def __init__(self) -> None:
        self.before = cue_phrases("project_work_before")
        self.after = cue_phrases("project_after_name")
        self.quote_not = cue_phrases("project_quote_not")
        self.words = cue("project_words")
        self.endings = tuple(sorted(cue("project_word_endings")))
        self.reach = max(len(p) for p in self.before + self.after + self.quote_not)
        self.months = cue("months")
        self.heads = tuple(sorted(cue("project_after")))

    def keep(self, doc: Doc, table: TokenTable, found: list[Span]) -> list[Span]:
        """``found`` without the spans the text does not support; the unsupported project
        candidates of the token patterns are dropped from the candidates."""
        patterns = [s for s in candidates(doc, PRJ) if s.id_ not in PROJECT_CUE_RULES]
        shaped = [(s.start, s.end, s.id_) for s in found if s.id_ not in PROJECT_CUE_RULES]
        shaped += [(s.start, s.end, s.id_) for s in patterns]
        if not shaped:
            return found
        ends = {}
        for a, b, _ in shaped:
            ends[a] = max(b, ends.get(a, b))
        ok = {x for x in shaped if self.supported(table, x, ends)}
        drop_candidates(doc, [s for s in patterns if (s.start, s.end, s.id_) not in ok])
        return [self._without_head(doc, table, s) for s in found
                if s.id_ in PROJECT_CUE_RULES or (s.start, s.end, s.id_) in ok]

    def _without_head(self, doc: Doc, table: TokenTable, s: Span) -> Span:
        """A run of capitalised words that opens with a compound of a project word names the
        project after it: "Föräldrastödsprogrammet ABC" -> "ABC"."""
        if s.id_ != "project_capitals" or s.end - s.start < 2 or not table.norms[s.start].endswith(self.heads):
            return s
        return Span(doc, s.start + 1, s.end, label=s.label_, span_id=s.id_)

    def supported(self, table: TokenTable, span: tuple[int, int, str], ends: dict[int, int]) -> bool:
        a, b, rule = span
        norms = table.norms
        before = _line_words(table, a, -1, max(self.reach, self.WINDOW))
        if rule == "project_quoted":
            return not _phrase_before(self.quote_not, before, norms)
        if rule == "project_topic":
            return bool(before) and BULLETS.issuperset(table.texts[before[0]]) and table.line_start(a, numbers=False)
        if a and table.texts[a - 1][:1] == "@":
            return False   # the surname of an @-mentioned person
        if _phrase_before(self.before, _line_words(table, a, -1, self.reach, lines=2), norms):
            return True
        after = _line_words(table, b, 1, max(self.reach, self.WINDOW))
        if rule == "project_capitals" and self._dated_heading(table, a, after):
            return True
        if after and norms[after[0]] == "och" and len(after) > 1 and after[1] in ends:
            after = _line_words(table, ends[after[1]], 1, self.reach)   # "X och Y - ett ..."
        if _phrase_after(self.after, after, norms):
            return True
        near = before[:self.WINDOW] + after[:self.WINDOW]
        return any(norms[k] in self.words or norms[k].endswith(self.endings) for k in near)

    def _dated_heading(self, table: TokenTable, a: int, after: list[int]) -> bool:
        """A line that holds only the name and the days it took place: "Curiosity Mashup 1-2 juni",
        "Digitalidag 17 oktober 2024" (an event, a time-bound undertaking)."""
        if not after or not table.line_start(a):
            return False
        texts, norms = table.texts, table.norms
        dated = False   # a month's name or a year: a bare number may number the heading
        for k in after:
            text = texts[k]
            if norms[k] in self.months or _YEAR_RE.match(text):
                dated = True
            elif not _DAYS_RE.match(text) and text not in DASHES:
                return False
        return dated


_DAYS_RE = re.compile(r"^\d{1,4}([-–/]\d{1,4})?$")
_YEAR_RE = re.compile(r"^(19|20)\d\d([-–/](19|20)?\d\d)?$")


def _line_words(table: TokenTable, i: int, step: int, most: int, lines: int = 1) -> list[int]:
    """Up to ``most`` tokens that are no white space before (``step`` -1, nearest first) or from
    (``step`` 1) token ``i`` on its line (``lines`` 2: on the line next to it as well, as a
    sentence wraps, but not across a blank line), quotation marks passed over."""
    texts, space = table.texts, table.space
    out: list[int] = []
    k = i - 1 if step < 0 else i
    n = len(texts)
    while 0 <= k < n and len(out) < most:
        if space[k]:
            breaks = texts[k].count("\n")
            if breaks:
                lines -= breaks
                if lines <= 0 or breaks > 1:
                    break
        elif texts[k] not in QUOTES:
            out.append(k)
        k += step
    return out


def _word_matches(entry: str, norm: str) -> bool:
    """An entry's word against a norm; "*x" matches a compound ending in x."""
    return norm.endswith(entry[1:]) if entry[:1] == "*" else norm == entry


def _phrase_before(phrases: tuple[tuple[str, ...], ...], before: list[int], norms: list[str]) -> bool:
    """Whether one of ``phrases`` ends right before the name (``before``: nearest first); only the
    phrases whose last word is the nearest word are tried."""
    if not before:
        return False
    by_last = _by_word(phrases, -1)
    return any(_phrase_at(p, before[:len(p)][::-1], norms)
               for p in by_last.get(norms[before[0]], ()) if len(before) >= len(p))


def _phrase_after(phrases: tuple[tuple[str, ...], ...], after: list[int], norms: list[str]) -> bool:
    if not after:
        return False
    by_first = _by_word(phrases, 0)
    return any(_phrase_at(p, after[:len(p)], norms) for p in by_first.get(norms[after[0]], ()) if len(after) >= len(p))


@lru_cache(maxsize=32)
def _by_word(phrases: tuple[tuple[str, ...], ...], at: int) -> dict[str, list[tuple[str, ...]]]:
    """``phrases`` by their word at ``at`` (a word "*x" of a compound's end stands first in its
    phrase, never last or alone)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[at], []).append(p)
    return out


def _phrase_at(phrase: tuple[str, ...], toks: list[int], norms: list[str]) -> bool:
    return all(_word_matches(w, norms[k]) for w, k in zip(phrase, toks))
