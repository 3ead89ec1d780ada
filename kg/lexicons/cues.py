"""Cue words (``resources/patterns/cues.jsonl``), read once and folded, and the test for one OCR slip
between two spellings: what the spaCy components and resolution share."""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ..errors import PatternsError
from ..text import fold

PATTERN_DIR = Path(__file__).parent.parent / "resources" / "patterns"


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Named word lists from ``patterns/cues.jsonl``, folded."""
    out: dict[str, frozenset[str]] = {}
    for row in jsonl(PATTERN_DIR / "cues.jsonl"):
        out[row["cue"]] = frozenset(fold(w) for w in row["words"])
    return out


def cue(name: str) -> frozenset[str]:
    return cues()[name]


@cache
def cue_phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of cue ``name`` as tuples of folded words, the way token norms compare
    ("– ett" -> ("-", "ett")), longest first."""
    for row in jsonl(PATTERN_DIR / "cues.jsonl"):
        if row["cue"] == name:
            phrases = {tuple(fold(w) for w in entry.split()) for entry in row["words"]}
            return tuple(sorted(phrases, key=lambda p: (-len(p), p)))
    raise KeyError(name)


def jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise PatternsError(f"{path}:{n}: not JSON ({exc.msg}); fix the line") from exc


# letters OCR puts in place of (or next to) å, ä, ö: "férvaltningen", "ndmnden", "Chefsnitverket", "6ver"
OCR_CHARS = frozenset("eéèdi641l0c")


def linking_s(seen: str, word: str) -> bool:
    """Whether two spellings of a compound differ only by its linking s ("volontar(s)center")."""
    ops = Levenshtein.editops(seen, word)
    if len(ops) != 1 or ops[0].tag not in ("insert", "delete"):
        return False
    op = ops[0]
    pos, char = (op.dest_pos, word[op.dest_pos]) if op.tag == "insert" else (op.src_pos, seen[op.src_pos])
    longer = word if op.tag == "insert" else seen
    return char == "s" and 3 <= pos < len(longer) - 3


def ocr_slip(seen: str, word: str) -> bool:
    """Whether ``seen`` is ``word`` with one OCR slip: one substitution or insertion of a letter
    OCR typically produces (not an ordinary inflection: "grupper" is no slip of "gruppen")."""
    ops = Levenshtein.editops(seen, word)
    if len(ops) != 1:
        return False
    op = ops[0]
    if op.tag == "replace":
        return seen[op.src_pos] in OCR_CHARS and word[op.dest_pos] in "aoåäöe"
    if op.tag == "delete":     # a letter too many in what we see: "enkait" for "enkat"
        return seen[op.src_pos] in OCR_CHARS
    return False
