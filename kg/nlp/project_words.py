"""The rules of ``kg_projects`` that start at a project word, "inom" or a project label
(``ProjectFinder.after``): the name after the word ("projektet Hbg Works"), what the project is
about ("projektet som handlar om ..."), a concept ("konceptet med ..."), the programme after
"inom" and the rest of a line a label opens. Methods ``ProjectCueRules`` (project_cues.py) and so
``ProjectFinder`` (projects.py) inherit, reading the cue words and the state of the document it
sets up."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ..lexicons.names import is_first_name
from .tokens import TokenTable
from .words import is_ordinary_word


class ProjectWordRules:
    """The rules of ProjectFinder that start at a project word or label."""

    def _after_cue(self, doc: Doc, table: TokenTable, at: list[int]) -> Iterator[Span]:
        """The name after a project word, "inom" or a label ("projektet Hbg Works", "projektet som
        handlar om AI") (``at``: the tokens whose norm is one of ``after``)."""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        alpha, lower = table.alpha, table.lower
        n = len(texts)
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
