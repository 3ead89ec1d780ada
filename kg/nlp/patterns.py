"""``kg_patterns``: token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``)
in spaCy's Matcher syntax, matched per distinct word."""
from __future__ import annotations

import json
from functools import reduce
from itertools import compress
from operator import and_, or_

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import PATTERN_DIR, jsonl
from .pattern_syntax import PatternAutomaton, quantifiers, token_test
from .tokens import TokenTable, add_candidates, normalized_table


class PatternMatcher:
    """Token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``) for
    organisations and projects no list knows, written in spaCy's Matcher syntax and matched with
    spaCy's rules: every start and end a pattern allows, deduplicated and in the order spaCy's
    SpanRuler gives them, appended to the candidates.

    spaCy's Matcher evaluated each regular expression on every token of every document (and made
    two Token objects per token); here each distinct (text, norm) is tested once per process and
    a pattern is tried only where its first token can stand. A pattern using anything else than
    ORTH/TEXT/NORM/LOWER (a string, IN, NOT_IN, REGEX), LENGTH, the IS_ flags above and the
    operators ?, {n}, {n,m}, {,m} is matched by spaCy's Matcher itself.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        from spacy.matcher import Matcher

        self.name = name
        self.patterns: list[PatternAutomaton] = []
        self.fallback = Matcher(nlp.vocab)
        self.fallback_ids: dict[int, tuple[str, str]] = {}
        self.tests: list = []   # by bit: the token tests (``token_test``) of the patterns
        self._by_flags: dict[tuple, tuple] = {}
        keys: dict[str, int] = {}
        for row in _load_patterns():
            label, id_ = row["label"], row.get("id", "")
            compiled = self._compile(row["pattern"], keys)
            if compiled is None:
                key = nlp.vocab.strings.add(repr((label, id_)))
                self.fallback.add(key, [row["pattern"]])
                self.fallback_ids[key] = (label, id_)
            else:
                self.patterns.append(PatternAutomaton(label, id_, *compiled))
        self.any_first = 0
        for p in self.patterns:
            self.any_first |= p.first
        strings = nlp.vocab.strings
        self.order = {(p.label, p.id): (strings.add(p.label), strings.add(p.id)) for p in self.patterns}
        self.order.update({v: (strings.add(v[0]), strings.add(v[1])) for v in self.fallback_ids.values()})
        self._masks: dict[tuple[str, str], int] = {}
        self._by_kind: list[int] = []   # TokenTable.kinds -> mask (see ``masks``)
        self._needs: dict[int, int] = {}     # mask -> _need(mask)
        self.every = 1 << len(self.tests)   # (see ``masks``)
        self._plans: dict[tuple[int, int], tuple[tuple[PatternAutomaton, int], ...]] = {}

    def _need(self, mask: int) -> int:
        """The tests one of which the token after one of tests ``mask`` must pass for
        ``_plan(mask, following)`` to name a pattern (-1, all of them and ``self.every``, which
        every mask ``masks`` gives has, when one is named whatever follows; 0 when none starts
        here)."""
        need = 0
        for p in self.patterns:
            if mask & p.first:
                n = len(p.bits)
                states = p.after_first(mask)
                if n in states:
                    return -1
                for q in states:
                    if q < n:
                        need |= p.bits[q]
        return need

    def _plan(self, mask: int, following: int) -> tuple[tuple[PatternAutomaton, int], ...]:
        """The patterns to try at a token of tests ``mask`` before one of tests ``following`` (0 at
        the end of the text), each with its length when these two tokens decide the match, else 0."""
        plan = []
        for p in self.patterns:
            if not mask & p.first:
                continue
            n = len(p.bits)
            if p.fixed:
                if n == 1:
                    plan.append((p, 1))
                elif following & p.bits[1]:
                    plan.append((p, 2 if n == 2 else 0))
                continue
            # the positions a match may be in after this token: ``ends`` finds nothing unless
            # the match may end here or the next token goes on from one of them
            states = p.after_first(mask)
            if n in states or any(q < n and following & p.bits[q] for q in states):
                plan.append((p, 0))
        return tuple(plan)

    def _compile(self, pattern: object, keys: dict[str, int]) -> tuple[list[int], list[bool]] | None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(s, dict) for s in pattern):
            return None
        bits: list[int] = []
        optional: list[bool] = []
        for spec in pattern:
            quants = quantifiers(spec)
            test = token_test(spec)
            if quants is None or test is None:
                return None
            key = json.dumps({k: v for k, v in spec.items() if k != "OP"}, sort_keys=True, ensure_ascii=False)
            if key not in keys:
                keys[key] = len(self.tests)
                self.tests.append(test)
            for q in quants:
                bits.append(1 << keys[key])
                optional.append(q)
        return (bits, optional) if bits else None

    def _mask(self, table: TokenTable, i: int) -> int:
        """Which token tests token ``i`` passes, as bits. The tests whose flags the token has are
        chosen once per combination of flags; only their other tests are run."""
        text = table.texts[i]
        return self._mask_of((text, table.norms[i], text.lower(), len(text), table.alpha[i], table.lower[i],
                              table.title[i], table.punct[i], table.space[i]))

    def _row_mask(self, row: tuple) -> int:
        """``_mask`` of a token with the Normalizer's ``row`` (see ``Normalizer._row``), ``self.every`` set."""
        text, norm, _, space, punct, alpha, lower, _, title = row[:9]
        return self._mask_of((text, norm, text.lower(), len(text), alpha, lower, title, punct, space)) | self.every

    def _mask_of(self, values: tuple) -> int:
        """The bits of the tests the word's ``values`` pass; the tests of one check (most of them)
        are read in one comprehension (their bits are distinct: the sum is their union)."""
        flags = values[4:]
        todo = self._by_flags.get(flags)
        if todo is None:
            chosen = [(1 << k, checks) for k, (wants, checks) in enumerate(self.tests)
                      if all(bool(values[slot]) == want for slot, want in wants)]
            todo = self._by_flags[flags] = (
                tuple((bit, *checks[0]) for bit, checks in chosen if len(checks) == 1),
                tuple((bit, checks) for bit, checks in chosen if len(checks) != 1))
        singles, others = todo
        mask = sum([bit for bit, slot, test in singles if test(values[slot])])
        for bit, checks in others:
            for slot, test in checks:
                if not test(values[slot]):
                    break
            else:
                mask |= bit
        return mask

    def masks(self, table: TokenTable) -> list[int]:
        """Which token tests each token passes (``_mask``), with the bit ``self.every`` set in each
        (a bit no test has), remembered per orth (a token's text and norm follow from its orth, but
        for the tokens in ``table.odd``, remembered per text and norm)."""
        every = self.every
        by_kind, rows = self._by_kind, table.kind_rows
        if len(by_kind) < len(rows):
            by_kind.extend(map(self._row_mask, rows[len(by_kind):]))
        masks = list(map(by_kind.__getitem__, table.kinds))
        for i in table.odd:
            key = (table.texts[i], table.norms[i])
            mask = self._masks.get(key)
            if mask is None:
                mask = self._masks[key] = self._mask(table, i)
            masks[i] = mask | every
        return masks

    def __call__(self, doc: Doc) -> Doc:
        table = normalized_table(doc)
        masks = self.masks(table)
        found: set[tuple[int, int, str, str]] = set()
        any_first, plans = self.any_first, self._plans
        last = len(masks) - 1
        # only where the plan is not empty: where the next token passes a test in ``_need``
        need_of = self._needs
        try:
            need = list(map(need_of.__getitem__, masks))
        except KeyError:
            for mask in set(masks).difference(need_of):
                need_of[mask] = self._need(mask)
            need = list(map(need_of.__getitem__, masks))
        at = list(compress(range(last), map(and_, need, masks[1:])))   # (map stops at the shorter)
        present = reduce(or_, masks, 0)   # the tests some token passes
        if last >= 0 and masks[last] & any_first:
            at.append(last)
        for i in at:
            mask = masks[i]
            pair = (mask, masks[i + 1] if i < last else 0)
            plan = plans.get(pair)
            if plan is None:
                plan = plans[pair] = self._plan(*pair)
            for p, length in plan:
                if length:
                    found.add((i, i + length, p.label, p.id))
                elif p.last & present:   # (most tries fail for want of a last token: "Anna Berg", no "AB")
                    for end in p.ends(masks, i):
                        found.add((i, end, p.label, p.id))
        if self.fallback_ids:
            found.update((start, end, *self.fallback_ids[key]) for key, start, end in self.fallback(doc) if start != end)
        order = self.order
        ranked = sorted(found, key=lambda m: (m[0], m[1], *order[(m[2], m[3])]))
        add_candidates(doc, [Span(doc, start, end, label=label, span_id=id_) for start, end, label, id_ in ranked])
        return doc


@Language.factory("kg_patterns")
def make_patterns(nlp: Language, name: str) -> PatternMatcher:
    return PatternMatcher(nlp, name)


def _load_patterns() -> list[dict]:
    patterns = []
    for name in ("organizations.jsonl", "projects.jsonl"):
        for row in jsonl(PATTERN_DIR / name):
            patterns.append(row)
    return patterns
