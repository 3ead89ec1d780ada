"""spaCy's Matcher syntax, read: one token's specification as tests of the values ``kg_patterns``
reads of a word (``token_test``), a token's "OP" as required and optional
copies (``quantifiers``), and a pattern as a small automaton over token positions
(``PatternAutomaton``). What the syntax allows and this does not read is None: the pattern then
goes to spaCy's Matcher."""
from __future__ import annotations

import re

# what a pattern may test of a token: attribute -> slot in the values PatternMatcher reads of a word
_PATTERN_STRINGS = {"ORTH": 0, "TEXT": 0, "NORM": 1, "LOWER": 2}
_PATTERN_LENGTH = 3
_PATTERN_FLAGS = {"IS_ALPHA": 4, "IS_LOWER": 5, "IS_TITLE": 6, "IS_PUNCT": 7, "IS_SPACE": 8}
_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, ">=": lambda a, b: a >= b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def _string_tests(value: object) -> list | None:
    """The tests of one string attribute as spaCy's Matcher reads the pattern value, all of which
    must pass, each a built-in method where one says the same (set membership for a string or IN,
    the pattern's ``search`` for REGEX: a match is true, None false); None if unsupported."""
    if isinstance(value, str):
        return [frozenset((value,)).__contains__]
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
            tests.append(frozenset(arg).__contains__ if op == "IN" else (lambda s, w=frozenset(arg): s not in w))
        elif op == "REGEX" and isinstance(arg, str):
            tests.append(re.compile(arg).search)
        else:
            return None
    return tests


def _length_tests(value: object) -> list | None:
    """The tests of a word's length, all of which must pass; None if unsupported."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [lambda n, a=value: n == a]
    if not isinstance(value, dict) or not value:
        return None
    if not all(op in _COMPARE and isinstance(arg, int) and not isinstance(arg, bool) for op, arg in value.items()):
        return None
    return [lambda n, f=_COMPARE[op], a=arg: f(n, a) for op, arg in value.items()]


def token_test(spec: dict) -> tuple[tuple[tuple[int, bool], ...], tuple[tuple[int, object], ...]] | None:
    """One token's specification (without "OP") as the flags it wants (slot, value) and the tests
    of the other values (slot, test), the length first, all of which must pass; None if it uses
    something this matcher does not read (spaCy's Matcher then takes the pattern)."""
    flags: list[tuple[int, bool]] = []
    checks: list[tuple[int, object]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _PATTERN_STRINGS:
            tests = _string_tests(value)
            if tests is None:
                return None
            checks.extend((_PATTERN_STRINGS[key], t) for t in tests)
        elif key in _PATTERN_FLAGS:
            if not isinstance(value, bool):
                return None
            flags.append((_PATTERN_FLAGS[key], value))
        elif key == "LENGTH":
            tests = _length_tests(value)
            if tests is None:
                return None
            checks.extend((_PATTERN_LENGTH, t) for t in tests)
        else:
            return None
    checks.sort(key=lambda c: c[0] != _PATTERN_LENGTH)
    return tuple(flags), tuple(checks)


def quantifiers(spec: dict) -> list[bool] | None:
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


class PatternAutomaton:
    """One token pattern as a small automaton over positions (bits name the token tests)."""

    __slots__ = ("label", "id", "bits", "optional", "closure", "first", "fixed", "last")

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
        # the tests of a required last position, one of which every match's last token passes
        # (all of them, -1, when the last position is optional)
        self.last = -1 if optional[-1] else bits[-1]

    def after_first(self, mask: int) -> set[int]:
        """The positions a match may be in after its first token, one of tests ``mask`` (the
        pattern's length among them when the match may end there)."""
        n, bits, closure = len(self.bits), self.bits, self.closure
        states: set[int] = set()
        for q in closure[0]:
            if q < n and mask & bits[q]:
                states |= closure[q + 1]
        return states

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
