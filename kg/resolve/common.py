"""What the people, organisations and projects share: the canonical name of a set of written forms."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# --------------------------------------------------------------------------- helpers

def diacritic_score(name: str) -> int:
    """The number of non-ASCII characters (each one code point, which ``encode`` drops)."""
    if name.isascii():
        return 0
    return len(name) - len(name.encode("ascii", "ignore"))


def canonical_name(names: Iterable[str]) -> str:
    """The longest full form, diacritics preferred over OCR-stripped forms, then the most frequent."""
    return canonical_of_counts(Counter(names))


def canonical_of_counts(counts: dict[str, int]) -> str:
    """``canonical_name`` of the names ``counts`` counts (the order of ``counts`` does not matter:
    the name itself breaks every tie)."""
    if len(counts) == 1:
        return next(iter(counts))
    if not counts:
        raise IndexError("canonical_name of no names")
    return min(counts, key=lambda n: (-len(n.split()), -n[:1].isupper(), -diacritic_score(n), -counts[n], n))
