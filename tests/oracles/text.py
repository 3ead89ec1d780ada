"""The plain forms of kg.text's folds: one character at a time through the dict, as the byte
table and the caches must give (tests/segment/*_fast_paths.py, tests/nlp/test_nlp_fast_paths.py)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from kg.text import _BY_HAND, _FOLD_TABLE, OCR_SIX_RE


def fold_char_plain(c: str) -> str:
    """One character folded as the definition says: its NFKD form without combining marks, lower
    case; one character for one (else the character lower-cased, or as it is)."""
    d = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(d) == 1:
        return d
    low = c.lower()
    return low if len(low) == 1 else c


def fold_chars_plain(s: str) -> str:
    """What ``kg.text.fold_chars`` gives, by the dict alone (no byte table, no cache)."""
    return OCR_SIX_RE.sub("o", s.translate(_FOLD_TABLE))


def casefold_chars_plain(text: str) -> str:
    """Plain form of ``kg.text.casefold_chars``: the whole text case-folded, folded by hand,
    decomposed and freed of combining marks at once (the fast form folds character by character)."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_BY_HAND))
    return "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Mn")


def slug_plain(text: str, max_len: int = 80) -> str:
    """Plain form of ``kg.text.slug``: every text decomposed (NFKD) and freed of combining marks,
    ASCII too."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = s[:max_len].rstrip("-") + "-" + digest
    return s or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
