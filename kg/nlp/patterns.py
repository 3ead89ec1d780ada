"""``kg_patterns``: token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``)
in spaCy's Matcher syntax, matched per distinct word."""
from __future__ import annotations

import json
import re
from itertools import compress
from operator import and_

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import PATTERN_DIR, jsonl
from .tokens import TokenTable, add_candidates, token_table

# what a pattern may test of a token: attribute -> slot in the values _mask reads
_PATTERN_STRINGS = {"ORTH": 0, "TEXT": 0, "NORM": 1, "LOWER": 2}
_PATTERN_LENGTH = 3
_PATTERN_FLAGS = {"IS_ALPHA": 4, "IS_LOWER": 5, "IS_TITLE": 6, "IS_PUNCT": 7, "IS_SPACE": 8}
_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, ">=": lambda a, b: a >= b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def _string_test(value: object):
    """A test of one string attribute as spaCy's Matcher reads the pattern value; None if unsupported."""
    if isinstance(value, str):
        return lambda s: s == value
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
            words = frozenset(arg)
            tests.append((lambda s, w=words: s in w) if op == "IN" else (lambda s, w=words: s not in w))
        elif op == "REGEX" and isinstance(arg, str):
            tests.append(lambda s, rx=re.compile(arg): bool(rx.search(s)))
        else:
            return None
    return lambda s: all(t(s) for t in tests)


def _length_test(value: object):
    if isinstance(value, int) and not isinstance(value, bool):
        return lambda n: n == value
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op not in _COMPARE or not isinstance(arg, int) or isinstance(arg, bool):
            return None
        tests.append(lambda n, f=_COMPARE[op], a=arg: f(n, a))
    return lambda n: all(t(n) for t in tests)


def _token_test(spec: dict) -> list[tuple[int, object]] | None:
    """One token's specification (without "OP") as (slot, test) pairs that must all pass; None if
    it uses something this matcher does not read (spaCy's Matcher then takes the pattern)."""
    checks: list[tuple[int, object]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _PATTERN_STRINGS:
            test = _string_test(value)
            if test is None:
                return None
            checks.append((_PATTERN_STRINGS[key], test))
        elif key in _PATTERN_FLAGS:
            if not isinstance(value, bool):
                return None
            checks.append((_PATTERN_FLAGS[key], lambda flag, want=value: bool(flag) == want))
        elif key == "LENGTH":
            test = _length_test(value)
            if test is None:
                return None
            checks.append((_PATTERN_LENGTH, test))
        else:
            return None
    # the flags first: cheaper than a regular expression, and the result is the same
    return sorted(checks, key=lambda c: c[0] < _PATTERN_LENGTH)


def _fast_string_tests(value: object) -> list:
    """``_string_test(value)`` as tests that must all pass, each a built-in method where one says
    the same (for the strings these slots hold): set membership for a string or IN, the pattern's
    ``search`` for REGEX (a match is true, None false)."""
    if isinstance(value, str):
        return [frozenset((value,)).__contains__]
    tests = []
    for op, arg in value.items():   # type: ignore[union-attr]  # (_string_test accepted it)
        if op == "IN":
            tests.append(frozenset(arg).__contains__)
        elif op == "NOT_IN":
            tests.append(lambda s, w=frozenset(arg): s not in w)
        else:
            tests.append(re.compile(arg).search)
    return tests


def _fast_length_tests(value: object) -> list:
    """``_length_test(value)`` as tests that must all pass."""
    if isinstance(value, int):
        return [lambda n, a=value: n == a]
    return [lambda n, f=_COMPARE[op], a=arg: f(n, a) for op, arg in value.items()]   # type: ignore[union-attr]


def _fast_token_test(spec: dict) -> tuple[tuple[tuple[int, bool], ...], tuple[tuple[int, object], ...]]:
    """``_token_test(spec)`` (which must have accepted ``spec``) split in two: the flags it wants
    (slot, value) and the tests of the other values (slot, test), the length first."""
    flags: list[tuple[int, bool]] = []
    checks: list[tuple[int, object]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _PATTERN_STRINGS:
            checks.extend((_PATTERN_STRINGS[key], t) for t in _fast_string_tests(value))
        elif key in _PATTERN_FLAGS:
            flags.append((_PATTERN_FLAGS[key], value))
        else:
            checks.extend((_PATTERN_LENGTH, t) for t in _fast_length_tests(value))
    checks.sort(key=lambda c: c[0] != _PATTERN_LENGTH)
    return tuple(flags), tuple(checks)


def _quantifiers(spec: dict) -> list[bool] | None:
    """spaCy's expansion of a token's "OP" into required (False) and optional (True) copies;
    None for the unbounded and negated operators."""
    op = spec.get("OP")
    if op is None or op == "1":
        return [False]
    if op == "?":
        return [True]
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        inner = op[1:-1] if "," in op else f"{op[1:-1]},{op[1:-1]}"
        n, m = inner.split(",")
        if (n == "" or n.isdecimal()) and m.isdecimal() and int(n or 0) <= int(m):
            return [False] * int(n or 0) + [True] * (int(m) - int(n or 0))
    return None


class _Pattern:
    """One token pattern as a small automaton over positions (bits name the token tests)."""

    __slots__ = ("label", "id", "bits", "optional", "closure", "first", "fixed")

    def __init__(self, label: str, id_: str, bits: list[int], optional: list[bool]) -> None:
        self.label, self.id, self.bits, self.optional = label, id_, bits, optional
        n = len(bits)
        # closure[p]: the positions reachable from p without reading a token (over optional ones)
        self.closure = []
        for p in range(n + 1):
            reach = {p}
            q = p
            while q < n and optional[q]:
                q += 1
                reach.add(q)
            self.closure.append(frozenset(reach))
        self.first = 0   # the tests one of which the first token of a match passes
        for p in self.closure[0]:
            if p < n:
                self.first |= bits[p]
        self.fixed = not any(optional)

    def ends(self, masks: list[int], start: int) -> list[int]:
        """Every end of a non-empty match that starts at ``start``."""
        n, bits, closure = len(self.bits), self.bits, self.closure
        if self.fixed:   # one token per position: one possible end
            if start + n > len(masks):
                return []
            for k in range(n):
                if not masks[start + k] & bits[k]:
                    return []
            return [start + n]
        states = closure[0]
        out = []
        j = start
        while j < len(masks):
            mask = masks[j]
            nxt: set[int] = set()
            for p in states:
                if p < n and mask & bits[p]:
                    nxt |= closure[p + 1]
            if not nxt:
                break
            j += 1
            if n in nxt:
                out.append(j)
            states = nxt
        return out


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
        self.patterns: list[_Pattern] = []
        self.fallback = Matcher(nlp.vocab)
        self.fallback_ids: dict[int, tuple[str, str]] = {}
        self.tests: list = []
        self.fast_tests: list = []   # the same tests, as _fast_token_test gives them
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
                self.patterns.append(_Pattern(label, id_, *compiled))
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
        self._plans: dict[tuple[int, int], tuple[tuple[_Pattern, int], ...]] = {}

    def _need(self, mask: int) -> int:
        """The tests one of which the token after one of tests ``mask`` must pass for
        ``_plan(mask, following)`` to name a pattern (-1, all of them and ``self.every``, which
        every mask ``masks`` gives has, when one is named whatever follows; 0 when none starts
        here)."""
        need = 0
        for p in self.patterns:
            if not mask & p.first:
                continue
            n = len(p.bits)
            if p.fixed:
                if n == 1:
                    return -1
                need |= p.bits[1]
                continue
            states: set[int] = set()
            for q in p.closure[0]:
                if q < n and mask & p.bits[q]:
                    states |= p.closure[q + 1]
            if n in states:
                return -1
            for q in states:
                if q < n:
                    need |= p.bits[q]
        return need

    def _plan(self, mask: int, following: int) -> tuple[tuple[_Pattern, int], ...]:
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
            states: set[int] = set()
            for q in p.closure[0]:
                if q < n and mask & p.bits[q]:
                    states |= p.closure[q + 1]
            if n in states or any(q < n and following & p.bits[q] for q in states):
                plan.append((p, 0))
        return tuple(plan)

    def _compile(self, pattern: object, keys: dict[str, int]) -> tuple[list[int], list[bool]] | None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(s, dict) for s in pattern):
            return None
        bits: list[int] = []
        optional: list[bool] = []
        for spec in pattern:
            quants = _quantifiers(spec)
            test = _token_test(spec)
            if quants is None or test is None:
                return None
            key = json.dumps({k: v for k, v in spec.items() if k != "OP"}, sort_keys=True, ensure_ascii=False)
            if key not in keys:
                keys[key] = len(self.tests)
                self.tests.append(test)
                self.fast_tests.append(_fast_token_test(spec))
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
        flags = values[4:]
        todo = self._by_flags.get(flags)
        if todo is None:
            todo = self._by_flags[flags] = tuple(
                (1 << k, checks) for k, (wants, checks) in enumerate(self.fast_tests)
                if all(bool(values[slot]) == want for slot, want in wants))
        mask = 0
        for bit, checks in todo:
            for slot, test in checks:
                if not test(values[slot]):
                    break
            else:
                mask |= bit
        return mask

    def _masks_plain(self, table: TokenTable) -> list[int]:
        """The mask of every token, remembered per (text, norm)."""
        known = self._masks
        keys = list(zip(table.texts, table.norms))
        masks = [known.get(key) for key in keys]
        for i, mask in enumerate(masks):
            if mask is None:
                masks[i] = known[keys[i]] = self._mask(table, i)
        return masks

    def masks(self, table: TokenTable) -> list[int]:
        """``_masks_plain`` with the bit ``self.every`` set in each (a bit no test has), remembered
        per orth where ``kg_normalize`` made the table (a token's text and norm then follow from
        its orth, but for the tokens in ``table.odd``)."""
        every = self.every
        if table.kinds is None:
            return [m | every for m in self._masks_plain(table)]
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
        table = token_table(doc)
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
                else:
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
