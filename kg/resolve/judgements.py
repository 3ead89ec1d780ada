"""An analyst's judgements (same / not same), which override the rules, read from a TSV file."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JudgementsError
from ..text import fold


@dataclass(frozen=True)
class Judgements:
    """An analyst's decisions, which override the rules: pairs of folded names."""

    same: frozenset[tuple[str, str]] = frozenset()
    not_same: frozenset[tuple[str, str]] = frozenset()
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def verdict(self, a: str, b: str) -> str | None:
        pair = ordered_pair(fold(a), fold(b))
        if pair in self.not_same:
            return "not_same"
        if pair in self.same:
            return "same"
        return None


def ordered_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def load_judgements(path: str | Path) -> Judgements:
    """Read a judgements TSV: ``name_a<TAB>name_b<TAB>same|not_same<TAB>note``; '#' starts a comment.

    Raises JudgementsError (a ValueError) with a one-line message naming the file and line for a
    malformed row.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise JudgementsError(f"{p}: cannot read judgements ({exc.strerror}); check the path") from exc
    same, not_same, notes = set(), set(), {}
    rows = csv.reader((line for line in text.splitlines()), delimiter="\t")
    for n, row in enumerate(rows, 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if [c.strip() for c in row[:3]] == ["name_a", "name_b", "verdict"]:
            continue
        if len(row) < 3 or row[2].strip() not in ("same", "not_same") or not row[0].strip() or not row[1].strip():
            raise JudgementsError(f"{p}:{n}: expected name_a, name_b, same|not_same, note separated by tabs; "
                             "fix the line")
        pair = ordered_pair(fold(row[0].strip()), fold(row[1].strip()))
        (same if row[2].strip() == "same" else not_same).add(pair)
        if len(row) > 3 and row[3].strip():
            notes[pair] = row[3].strip()
    clash = sorted(same & not_same)
    if clash:
        raise JudgementsError(f"{p}: '{clash[0][0]}' and '{clash[0][1]}' are judged both same and "
                         "not_same; keep one line")
    return Judgements(frozenset(same), frozenset(not_same), notes)
