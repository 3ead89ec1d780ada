"""Given names and surnames from the gazetteer, and the small tests on a name's form (genitive,
abbreviation)."""
from __future__ import annotations

from functools import lru_cache

from ..text import fold
from . import gazetteer


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return gazetteer.first_names()


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return gazetteer.surnames()


@lru_cache(maxsize=1 << 17)
def is_first_name(text: str) -> bool:
    """A capitalised listed given name ("Mats", "Anna-Karin"), compared folded."""
    if not text or not text[0].isupper() or text.isupper() and len(text) > 1:
        return False
    key = fold(text)
    if key in first_names():
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in first_names() for p in parts)


def is_surname(text: str) -> bool:
    key = fold(text)
    if key in surnames():
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in surnames() or p in first_names() for p in parts)


def strip_genitive(word: str) -> str | None:
    """'SOFs' / 'SOF:s' -> 'SOF', 'förvaltningens' -> 'förvaltningen'; None when not genitive-like."""
    if word.endswith(":s") and len(word) > 3:
        return word[:-2]
    if len(word) > 3 and word[-1] in "sS" and word[-2].lower() not in "sxz":
        return word[:-1]
    return None


def is_abbreviation(label: str) -> bool:
    """'SOF', 'KC', 'VoO', 'S': short forms that match only as written or in capitals."""
    return len(label) <= 2 or (" " not in label and sum(c.isupper() for c in label) >= 2)
