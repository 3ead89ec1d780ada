"""A person with a role, added once per role, and the name a signature cell begins with: what
every rule that reads chairs, secretaries and justerare shares."""
from __future__ import annotations

import re

from ..models import PersonRef, Span
from . import lexicon
from .attendance import add_person
from .flattened import link_words
from .page import Page, fold
from .patterns import NAME_INLINE_RE, ROLE_WORDS

SIGNATURE_LABELS = lexicon.table("signature_labels")   # folded label -> role
# words that join (flattened_labels.tsv's links): capitalised after a name, they begin the next
# sentence of a line that lost its full stop ("valdes Björn Sjöström Till sekreterare valdes ...")
_LINK_WORDS = link_words()
PARTY_TAIL_RE = re.compile(r"\s*\([^()\n]{1,12}\)")


def add_role(page: Page, role: str, name: str, span: Span, word: str) -> None:
    """One person with a role, once per role (the same name found by two rules is one)."""
    name = " ".join(name.split())
    if not name or fold(name) in _folded_names(page, role):
        return
    add_person(page, role, PersonRef(name, span, role=word))


def _folded_names(page: Page, role: str) -> set[str]:
    """``fold`` of the names of ``page.people[role]``, brought up to date with what was appended
    since the last call (a list replaced is read again): asking the whole list for each name
    made long texts quadratic."""
    people = page.people[role]
    cache = page.__dict__.setdefault("_folded_role_names", {})
    seen, names, count = cache.get(role, (None, set(), 0))
    if seen is not people or count > len(people):
        names, count = set(), 0
    names.update(fold(r.name) for r in people[count:])
    cache[role] = (people, names, len(people))
    return names


def name_in(s: str) -> tuple[int, int] | None:
    """The name a cell begins with, up to a label word, a party ("Anna Ek (S)" -> "Anna Ek") or a
    word that begins the next sentence ("Björn Sjöström Till sekreterare ...")."""
    m = NAME_INLINE_RE.match(s)
    if not m:
        return None
    words = list(re.finditer(r"\S+", m.group()))
    keep = []
    for w in words:
        f = fold(w.group())
        if f in SIGNATURE_LABELS or f in ROLE_WORDS or (keep and f in _LINK_WORDS):
            break
        keep.append(w)
    if len(keep) < 2:
        return None
    return m.start() + keep[0].start(), m.start() + keep[-1].end()
