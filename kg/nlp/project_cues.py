"""The rules of ``kg_projects`` that start at a cue (a quote, a project word or label, a copula
noun, an enumeration) or at a titled heading line: methods ``ProjectFinder`` (projects.py) inherits,
reading the cue words and the state of the document it sets up."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import compress

from spacy.tokens import Doc, Span

from ..lexicons.names import is_first_name
from ..text import fold
from .tokens import (
    QUOTES,
    TokenTable,
)
from .words import is_ordinary_word

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


class ProjectCueRules:
    """The cue rules of ProjectFinder."""

    # -- rules (over token indices; see TokenTable)
    def _quoted(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the quotes, when known)"""
        texts = table.texts
        n = len(texts)
        i = 0
        if at is None:
            if QUOTES.isdisjoint(texts):
                return   # (the loop below starts only at a quote)
            at = [k for k, text in enumerate(texts) if text in QUOTES]
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

    def _after_cue(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm is a cue, when known)"""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        alpha, lower = table.alpha, table.lower
        n = len(texts)
        if at is None:
            if self.after.isdisjoint(norms):
                return   # (the loop below starts only at a cue)
            at = [k for k, norm in enumerate(norms) if norm in self.after]
        for i in at:
            j = i + 1
            while j < n and space[j]:
                j += 1
            norm = norms[i]
            if norm in self.within:
                s = self._within(doc, table, j)
                if s is not None:
                    yield s
                continue
            if norm in self.labels:
                s = self._label(doc, table, j) if texts[i][:1].isupper() and table.line_start(i) else None
                if s is not None:
                    yield s
                    continue
                if norm in self.label_only:
                    continue   # "styrgrupp" in running text or a table is no cue
            # "projektet som handlar om X"
            for words in self.about:
                k = j
                if k < n and norms[k] == "som":
                    k += 1
                if tuple(norms[x] for x in range(k, min(k + len(words) + 2, n)) if not space[x])[:len(words)] == words:
                    while k < n and (space[k] or norms[k] in words):
                        k += 1
                    a = k
                    b = a
                    while b < n and b - a < 6 and not punct[b] and not space[b]:
                        b += 1
                    s = self._span(doc, table, a, b, "project_about")
                    if s is not None:
                        yield s
            if j < n and norms[j] == "med":
                j += 1
            if j < n and self.caps[j] and self._free(j):
                b = j
                while b < n and b - j < 4 and (self.caps[b] or texts[b].isupper()) and self._free(b):
                    b += 1
                if b - j == 1 and self._opens_clause(table, j):
                    continue
                s = self._span(doc, table, j, b, "project_named")
                if s is not None:
                    yield s
            elif norms[i] == "konceptet" and j < n and lower[j]:
                b = j
                while b < n and b - j < 3 and alpha[b] and lower[b] \
                        and norms[b] not in self.locative and norms[b] not in {"och", "som", "att"}:
                    b += 1
                if b - j >= 2:
                    s = self._span(doc, table, j, b, "project_concept")
                    if s is not None:
                        yield s

    def _opens_clause(self, table: TokenTable, j: int) -> bool:
        """A lone capitalised ordinary word after a project word that a finite verb follows is the
        subject of a new sentence whose full stop a flattened text lost ("partners i projektet
        Syftet är nya metoder"), not the project's name."""
        texts, norms, space = table.texts, table.norms, table.space
        k = j + 1
        while k < len(texts) and space[k]:
            k += 1
        return k < len(texts) and norms[k] in self.subject_verbs and is_ordinary_word(texts[j])

    def _within(self, doc: Doc, table: TokenTable, j: int) -> Span | None:
        """The programme or initiative after "inom" (``j``: the next word): any capitalised name
        after "inom ramen för"; otherwise one capitalised word in the definite form that is no
        acronym, genitive or known name ("inom Klimatklivet", "inom Kompetensstegen"), or a
        lower-case compound of a programme word ("inom landsbygdsprogrammet")."""
        texts, norms, space = table.texts, table.norms, table.space
        n = len(texts)
        for words in self.frame:
            k, w = j, 0
            while k < n and w < len(words) and (space[k] or norms[k] == words[w]):
                w += 0 if space[k] else 1
                k += 1
            if w == len(words):
                while k < n and space[k] and "\n" not in texts[k]:
                    k += 1
                b = k
                while b < n and b - k < 4 and self.caps[b] and self._free(b):
                    b += 1
                return self._span(doc, table, k, b, "project_frame") if b > k else None
        if j >= n or not self._free(j):
            return None
        text, norm = texts[j], norms[j]
        if self.caps[j] and not text.isupper() and len(norm) >= 6 and norm.endswith(("et", "en")) \
                and not is_first_name(text) and not is_ordinary_word(text):
            return self._span(doc, table, j, j + 1, "project_within")
        if text.islower() and any(norm.endswith(h) and len(norm) >= len(h) + 4 for h in self.programme_heads):
            return self._span(doc, table, j, j + 1, "project_programme")
        return None

    def _label(self, doc: Doc, table: TokenTable, j: int) -> Span | None:
        """The rest of a line opened by a project label ("Projekt Nytt badhus – projektgruppsmöte",
        "Projekt: e-arkiv Norra Kalmar län (ENKL)"), up to a dash, bracket or comma; at most six
        words, the first of them a word of letters."""
        texts, space, punct = table.texts, table.space, table.punct
        n = len(texts)
        if j < n and texts[j] == ":":
            j += 1
            while j < n and space[j] and "\n" not in texts[j]:
                j += 1
        if j >= n or not texts[j][:1].isalpha() or not (texts[j][:1].isupper() or "-" in texts[j]):
            return None
        b, words = j, 0
        while b < n and words < 7 and "\n" not in texts[b] and not punct[b]:
            words += 0 if space[b] else 1
            b += 1
        if words > 6:
            return None
        return self._span(doc, table, j, b, "project_label")

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

    def _copula(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm is one of the nouns, when known)"""
        texts, norms, alpha, lower, space = table.texts, table.norms, table.alpha, table.lower, table.space
        if at is None:
            if COPULA_NOUNS.isdisjoint(norms):
                return   # (the loop below starts only at one of these nouns)
            at = [k for k, norm in enumerate(norms) if norm in COPULA_NOUNS]
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

    def _enumeration(self, doc: Doc, table: TokenTable, at: Iterable[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm begins a cue, when known)"""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        n = len(norms)
        if at is not None:
            pass
        elif self.enum_any_empty:
            at = range(n)
        else:   # the tokens that begin a cue (at the others no cue is tried)
            firsts = self.enum_by_first.keys()
            at = () if firsts.isdisjoint(norms) else compress(range(n), map(firsts.__contains__, norms))
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
