"""The word lists under ``kg/resources/segment/``: the cue words of segmentation, and the role
words the graph also reads.

A new spelling of a label or role is a line of data, not a branch of code. Each file is plain
text: one entry per line, ``phrase`` or ``phrase<TAB>value``, then an optional ``# note``; blank
lines and lines starting with ``#`` are comments. Phrases are written as they appear in minutes
and folded here (lower case, no diacritics: ``Närvarande`` -> ``narvarande``), the form the rules
compare against.
"""
from __future__ import annotations

import importlib.resources
from functools import cache

from .text import fold_phrase


@cache
def entries(name: str) -> tuple[tuple[str, str], ...]:
    """(folded phrase, value) of every entry of ``segment/<name>.tsv``, in file order."""
    text = (importlib.resources.files("kg") / "resources" / "segment" / f"{name}.tsv").read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        phrase, _, value = line.partition("\t")
        out.append((fold_phrase(phrase.strip()), value.strip()))
    return tuple(out)


def table(name: str) -> dict[str, str]:
    """phrase -> value of a two-column list (e.g. an attendance label -> the role it gives)."""
    return dict(entries(name))


def words(name: str) -> frozenset[str]:
    """The phrases of a one-column list."""
    return frozenset(phrase for phrase, _ in entries(name))


# role word -> the role it names ("ordförande" -> "chair"): segmentation reads roles with it, and the
# graph tells a role from an organisation by it
ROLE_WORDS = table("role_words")
