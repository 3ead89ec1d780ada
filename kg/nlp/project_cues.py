"""The rules of ``kg_projects`` that start at a cue (a quote, a copula noun, an enumeration) or at
a titled heading line, with those that start at a project word or label (project_words.py):
methods ``ProjectFinder`` (projects.py) inherits, reading the cue words and the state of the
document it sets up."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from ..text import fold
from .project_words import ProjectWordRules
from .tokens import (
    QUOTES,
    TokenTable,
)

COPULA_NOUNS = frozenset({"projekt", "initiativ", "satsning"})
# a heading line "NAME (ABBR) – word ...": the name starts at the line's first letter (after a
# bullet, number or emoji) and holds no comma; _may_hold_titled is the cheap test that one may be there
# (searched as its dash, which the engine finds at once, then the word character before it:
# a search that begins with \w tries every letter of the text)
_TITLED_DASH_RE = re.compile(r"[ \t][–—-][ \t]\w")
_WORD_CHAR_RE = re.compile(r"\w")


def _may_hold_titled(text: str) -> bool:
    r"""Whether ``text`` holds r"\w\)?[ \t][–—-][ \t]\w": a word, maybe a ")", and a spaced dash."""
    for m in _TITLED_DASH_RE.finditer(text):
        p = m.start()
        if p and (_WORD_CHAR_RE.match(text, p - 1) or text[p - 1] == ")" and p > 1 and _WORD_CHAR_RE.match(text, p - 2)):
            return True
    return False


_TITLED_LINE_RE = re.compile(
    r"^[^\w\n]{0,4}(?P<name>[A-ZÅÄÖ][^\n,;:–—]{2,80}?)(?:\s*\([A-ZÅÄÖ]{2,8}\))?[ \t]+[–—-][ \t]+(?P<word>\w+)",
    re.MULTILINE)


class ProjectCueRules(ProjectWordRules):
    """The cue rules of ProjectFinder: those that start at a project word or label
    (``ProjectWordRules``, project_words.py) and those here."""

    # -- rules (over token indices; see TokenTable)
    def _quoted(self, doc: Doc, table: TokenTable, at: list[int]) -> Iterator[Span]:
        """A quotation of at most eight tokens on one line that opens with a capital and is not
        all persons and organisations (``at``: the quotes)."""
        texts = table.texts
        n = len(texts)
        i = 0
        for q in at:
            if q < i:
                continue   # inside the quotation just read
            i = q
            j = i + 1
            while j < n and j - i <= 8 and texts[j] not in QUOTES and "\n" not in texts[j]:
                j += 1
            if j < n and texts[j] in QUOTES and j > i + 1 and texts[i + 1][:1].isupper():
                if not all(t in self.per_tok or t in self.org_tok for t in range(i + 1, j)):
                    s = self._span(doc, table, i + 1, j, "project_quoted")
                    if s is not None:
                        yield s
                i = j + 1
                continue
            i += 1

    def _titled(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        """The heading before a dash whose words after it call it a project ("Digital delaktighet i
        Gävleborg (DDG) – samverkansprojekt mellan ...", "Politisk organisation 2027 – uppdrag
        från KS"): the line from its first letter, without a bracketed abbreviation, when no
        person or comma stands in it. (A regular expression finds the lines: no word is visited.)"""
        text = table.text
        if not _may_hold_titled(text):
            return
        idx = table.idx
        for m in _TITLED_LINE_RE.finditer(text):
            word = fold(m.group("word"))
            if word not in self.title_words and not word.endswith(self.evidence.endings):
                continue
            a = bisect_left(idx, m.start("name"))
            b = bisect_left(idx, m.end("name"))
            if a >= b or any(t in self.per_tok for t in range(a, b)) or b - a > 12:
                continue
            s = self._span(doc, table, a, b, "project_titled")
            if s is not None:
                yield s

    def _copula(self, doc: Doc, table: TokenTable, at: list[int]) -> Iterator[Span]:
        """The capitalised subject of "X är ett (stort) projekt" (``at``: the tokens whose norm is
        one of ``COPULA_NOUNS``)."""
        texts, norms, alpha, lower, space = table.texts, table.norms, table.alpha, table.lower, table.space
        for i in at:
            if i < 3:
                continue
            k = i - 1
            if alpha[k] and lower[k] and norms[k] not in {"ett", "en"}:
                k -= 1   # adjective: "ett stort projekt"
            if norms[k] not in {"ett", "en"}:
                continue
            k -= 1
            if k < 0 or norms[k] not in self.copula:
                continue
            if k and norms[k - 1] == "och":
                yield from self._relative_subject(doc, table, k - 1)
                continue
            b = k
            a = b
            while a - 1 >= 0 and (self.caps[a - 1] or texts[a - 1].isupper()) and not space[a - 1] \
                    and b - a < 3 and self._free(a - 1):
                a -= 1
            if a < b:
                s = self._span(doc, table, a, b, "project_copula")
                if s is not None:
                    yield s

    def _relative_subject(self, doc: Doc, table: TokenTable, conj: int) -> Iterator[Span]:
        """The name a relative clause follows in "X som står för Y och är ett projekt" (``conj``:
        the "och"), on one line and within a sentence; and Y, the words an abbreviation stands for,
        when they open with a capital."""
        texts, norms, space = table.texts, table.norms, table.space
        x = conj - 1
        while x > 0 and conj - x < 16 and norms[x] != "som":
            if "\n" in texts[x] or texts[x] in (".", "!", "?", ";"):
                return
            x -= 1
        if x <= 0 or norms[x] != "som":
            return
        b = x - 1 if texts[x - 1] == "," else x
        a = b
        while a - 1 >= 0 and (self.caps[a - 1] or texts[a - 1].isupper()) and not space[a - 1] \
                and b - a < 3 and self._free(a - 1):
            a -= 1
        if a == b:
            return
        s = self._span(doc, table, a, b, "project_copula")
        if s is not None:
            yield s
        if tuple(norms[x + 1:x + 3]) == ("star", "for") and x + 3 < conj and self.caps[x + 3] \
                and all(self._free(t) for t in range(x + 3, conj)):
            s = self._span(doc, table, x + 3, conj, "project_copula")
            if s is not None:
                yield s

    def _enumeration(self, doc: Doc, table: TokenTable, at: Iterable[int]) -> Iterator[Span]:
        """The capitalised items after an enumeration cue ("exempelvis Digitalt utanförskap,
        Hälsoprojektet och ...") (``at``: the tokens whose norm begins a cue; all of them when a
        cue is empty)."""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        n = len(norms)
        for i in at:
            for words in (self.enum if self.enum_any_empty else self.enum_by_first.get(norms[i], ())):
                if tuple(norms[i:i + len(words)]) != words:
                    continue
                j = i + len(words)
                while j < n:
                    while j < n and space[j]:
                        j += 1
                    if j >= n or not self.caps[j] or not self._free(j):
                        break
                    b = j
                    while b < n and not punct[b] and not space[b] and norms[b] != "och" \
                            and b - j < 4:
                        b += 1
                    if not all(self._free(x) for x in range(j, b)):
                        break
                    s = self._span(doc, table, j, b, "project_enumerated")
                    if s is not None:
                        yield s
                    if b < n and (texts[b] == "," or norms[b] == "och"):
                        j = b + 1
                    else:
                        break
