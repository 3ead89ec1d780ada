"""The rules of ``kg_projects`` that find a project by its shape (capitalised runs, a capitalised
word in mid-sentence, a bullet line's topic): methods ``ProjectFinder`` (projects.py) inherits,
reading the state of the document it sets up and its facts by word kind."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from .tokens import DASHES, PRJ, TokenTable


class ProjectCapitalRules:
    """The shape rules of ProjectFinder, started only where the token's kind passes their first
    tests (``ProjectFinder._kind_facts``)."""

    def _before_passive(self, norms: list[str], i: int, b: int) -> int:
        """``b`` without the past passive verbs that end the clause of the name at ``i``: the name
        stops before its verb ("projektet Samordnad svävartrafik godkändes")."""
        while b - 1 > i and norms[b - 1].endswith(self.passive_endings):
            b -= 1
        return b

    def _capital_runs(self, doc: Doc, table: TokenTable, facts: tuple, firsts: list[int]) -> Iterator[Span]:
        """Two to four capitalised words on one line that are no person or organisation ("Chatbot
        Sally", "Mitt Helsingborg"; a municipality may close the run), not a label before a colon,
        a place after a locative, nor a town's name opening a sentence. A run starts only at a
        token whose kind may start one (``firsts``, positions in ``table.content``) and continues
        at one whose kind may continue it."""
        texts, norms, kinds = table.texts, table.norms, table.kinds
        conts = facts[2]
        toks = table.content
        size = len(toks)
        taken, municipal, per_tok = self.taken, self.municipal, self.per_tok
        k = 0
        for first in firsts:
            if first < k:
                continue   # inside the run just read
            k = first
            t = toks[k]
            if t in taken:
                k += 1
                continue
            if k + 1 < size:   # (the test of the loop below for the next word: a run of one gives nothing)
                u = toks[k + 1]
                if not ((u in municipal and u not in per_tok) or (conts[kinds[u]] and u not in taken)):
                    k += 1
                    continue
            run = [t]
            m = k + 1
            # (the line break is looked for only where the run would go on; none lies between
            # neighbours: a token's trailing white space is one space)
            while m < size and len(run) < 4:
                u = toks[m]
                if u in municipal and u not in per_tok:
                    if u != run[-1] + 1 and table.newline_between(run[-1], u):
                        break
                    run.append(u)
                    m += 1
                    break
                if conts[kinds[u]] and u not in taken:
                    if u != run[-1] + 1 and table.newline_between(run[-1], u):
                        break
                    run.append(u)
                    m += 1
                    continue
                break
            if len(run) >= 2:
                nxt = toks[m] if m < size else None
                label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
                place = run[0] > 0 and norms[run[0] - 1] in self.locative
                town_name = run[-1] in municipal and table.sentence_start(run[0])
                if not label and not place and not town_name:
                    s = self._span(doc, table, run[0], run[-1] + 1, "project_capitals")
                    if s is not None:
                        yield s
            k = max(m, k + 1)

    def _mid_sentence(self, doc: Doc, table: TokenTable, facts: tuple, at: list[int]) -> Iterator[Span]:
        """A capitalised unknown word in mid-sentence, not after a place preposition or an article
        nor next to another capitalised word, with at most two lower-case words up to the end of
        the clause ("Staden som samhällsbyggare"); only at the tokens whose kind passes the tests
        of the text (``at``), the neighbours tested before ``sentence_start`` (all only read)."""
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        caps, taken, locative = self.caps, self.taken, self.locative
        kinds, words, marks = table.kinds, self._words, self._marks
        n = len(texts)
        for i in at:
            if not i or i in taken:
                continue   # (the first token opens a sentence)
            prev = i - 1
            if caps[prev] or (i + 1 < n and caps[i + 1]) or norms[prev] in locative or norms[prev] in {"en", "ett"}:
                continue
            kind = kinds[prev]
            # a word right before that is no line-start mark: no sentence starts here; a mark
            # right before: one does
            if not words[kind] and (marks[kind] or table.sentence_start(i)):
                continue
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            if end_clause:
                b = self._before_passive(norms, i, b)
            elif self._opens_clause(table, i):
                continue
            s = self._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def _bullet_topic(self, doc: Doc, table: TokenTable, at: list[int]) -> Iterator[Span]:
        """The topic of a bullet line, a capitalised word opening the line before a dash ("o
        Skoltempen - Niklas har ..."); only at the tokens whose kind passes the tests of the text
        (``at``), the dash tested before ``line_start``."""
        texts, alpha, lower = table.texts, table.alpha, table.lower
        taken = self.taken
        n = len(texts)
        for i in at:
            if i in taken:
                continue
            j = i + 1
            if j < n and lower[j] and alpha[j]:
                j += 1
            if j < n and texts[j] in DASHES and table.line_start(i, numbers=False):
                yield Span(doc, i, i + 1, label=PRJ, span_id="project_topic")
