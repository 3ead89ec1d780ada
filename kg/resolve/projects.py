"""Projects: one entity per project name, keyed by its name without the definite ending."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from sys import intern

from ..models import Entity, Extraction, mention_key
from ..text import fold
from ..text import name_slug as slug
from .common import diacritic_score

# --------------------------------------------------------------------------- projects

PROJECT_DEFINITE = (("projektet", "projekt"), ("enkaten", "enkat"), ("satsningen", "satsning"),
                    ("planen", "plan"), ("uppdraget", "uppdrag"), ("budgeten", "budget"),
                    ("kampanjen", "kampanj"), ("programmet", "program"))


def project_key(name: str) -> str:
    words = fold(name).split()
    for i, w in enumerate(words):
        for definite, base in PROJECT_DEFINITE:
            if w.endswith(definite):
                words[i] = w[: -len(definite)] + base
    return slug(" ".join(words))


@lru_cache(maxsize=1 << 16)
def _project_key(name: str) -> str:
    """``project_key(name)`` (interned), once per name."""
    return intern(project_key(name))


def add_project_mentions(ex: Extraction, mention_entity: dict, names: dict[str, Counter[str]]) -> None:
    """Key one document's project mentions; count their names under the key (not one entry per mention)."""
    for m in ex.mentions:
        if m.kind == "project":
            key = _project_key(m.name)
            mention_entity[mention_key(m)] = key
            counts = names.get(key)
            if counts is None:
                counts = names[key] = Counter()
            counts[m.name] = counts.get(m.name, 0) + 1


def add_project_entities(names: dict[str, Counter[str]], entities: dict[str, Entity]) -> None:
    for key in sorted(names):
        counts = names[key]
        if len(counts) == 1:
            name = next(iter(counts))
        else:
            name = min(counts, key=lambda n: (-diacritic_score(n), -counts[n], -len(n), n))
        alt = tuple(sorted(n for n in counts if n != name))
        entities[key] = Entity(key=key, kind="project", name=name, alt_labels=alt,
                               reasons=("same name (case, diacritics and definite form ignored)",) if alt else ())
