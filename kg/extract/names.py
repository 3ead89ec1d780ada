"""Names as the graph writes them: Markdown marks and stray punctuation cleaned off, the first token,
the folded form of a word (remembered)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons.names import strip_genitive
from ..text import fold

ABBREVIATION_RE = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,2}[A-ZÅÄÖ]{1,4}$")


MARKDOWN_MARKS_RE = re.compile(r"[~*_]+")


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """Single spaces, no Markdown marks or edge punctuation: '~~Christer\\nPålsson~~' -> 'Christer Pålsson'."""
    text = MARKDOWN_MARKS_RE.sub("", text)
    text = " ".join(text.split())
    return text.strip(" ,.;:()[]\"'“”«»")


def clean_org_name(text: str) -> str:
    """'Skol - och fritidsförvaltningen' -> 'Skol- och fritidsförvaltningen'; genitive dropped;
    first letter capitalised ('socialförvaltningens' -> 'Socialförvaltningen')."""
    name = clean_name(text)
    name = re.sub(r"(\w) ?- ?(och|eller) ", r"\1- \2 ", name)
    words = name.split(" ")
    last = words[-1]
    if re.search(r"(en|et|na|an|ns|ts)s$", last) or re.search(r"[A-ZÅÄÖ]{2,}:?s$", last):
        words[-1] = strip_genitive(last) or last
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def clean_project_name(text: str) -> str:
    name = clean_name(text)
    return name[:1].upper() + name[1:]


def first_token(name: str) -> str:
    return fold_word(name.split(" ")[0]) if name else ""


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """``fold(word)``, remembered: the rules fold the same few thousand words over and over."""
    return fold(word)
