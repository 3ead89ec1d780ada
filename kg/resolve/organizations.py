"""Organisations: keyed by the gazetteer's key when the name is curated, else by their normalised
name; generic names scoped by the organisation they belong to (see the package's docstring)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import attrgetter
from sys import intern

from ..lexicons import gazetteer
from ..lexicons.cues import cue
from ..lexicons.organizations import group_canonical
from ..models import Entity, Extraction, Mention, mention_key
from ..text import fold
from ..text import name_slug as slug
from .common import canonical_of_counts, diacritic_score

# --------------------------------------------------------------------------- organisations

def org_type_of_key(key: str) -> str | None:
    try:
        return gazetteer.organization(key).type
    except KeyError:
        return None


_START = attrgetter("span.start")


def _doc_scope(ex: Extraction) -> str | None:
    """The municipality the document's curated organisation names point to most often (the first
    named on a tie), as extraction decides it."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in sorted(ex.mentions, key=_START):
        if m.kind == "organization" and m.key:
            scope = _key_scope(m.key)
            if scope:
                votes[scope] += 1
                first.setdefault(scope, m.span.start)
    if not votes:
        return None
    best = max(votes.values())
    return min((k for k, v in votes.items() if v == best), key=first.__getitem__)


@lru_cache(maxsize=1 << 14)
def _key_scope(key: str) -> str | None:
    """The municipality or region an organisation's key points to (itself for one), once per key."""
    return key if org_type_of_key(key) in ("municipality", "region") else gazetteer.org_scope(key)


def _is_generic(m: Mention) -> bool:
    return m.kind == "organization" and not m.key and fold(m.name) in group_canonical()


def _municipal_group(name: str) -> bool:
    heads = cue("scoped_group_heads")
    f = fold(name)
    return any(f.endswith(h) for h in heads)


@lru_cache(maxsize=1 << 12)
def _municipal_group_of(canonical: str) -> bool:
    """``_municipal_group(canonical)``, once per canonical group name."""
    return _municipal_group(canonical)


_MEMBERSHIP_ORDER = attrgetter("member.span.start", "organization.span.start")


def org_keys(ex: Extraction, resolved: Callable[[Mention], str | None]) -> dict[tuple, tuple[str, str, str | None]]:
    """mention key -> (entity key, scope key or '', owner key) for the document's organisation mentions.

    ``resolved`` gives the key already decided for a non-generic mention (used for scopes)."""
    doc = ex.minutes.document.identifier
    scope = _doc_scope(ex)
    parent_key = resolved(ex.parent) if ex.parent is not None and not _is_generic(ex.parent) else None
    owner_of: dict[str, str] = {}     # canonical group name -> the organisation the text ties it to
    for ms in sorted(ex.memberships, key=_MEMBERSHIP_ORDER):
        if _is_generic(ms.member) and not _is_generic(ms.organization):
            k = resolved(ms.organization)
            if k:
                owner_of.setdefault(group_canonical()[fold(ms.member.name)], k)
    out = {}
    for m in ex.mentions:
        if m.kind != "organization":
            continue
        if not _is_generic(m):
            out[mention_key(m)] = (resolved(m), "", None)
            continue
        canonical = group_canonical()[fold(m.name)]
        owner = owner_of.get(canonical)
        if owner is None and not _municipal_group_of(canonical):
            owner = parent_key
        if owner is None:
            owner = scope
        key = f"{slug(canonical)}--{owner}" if owner else f"{slug(canonical)}--{slug(doc)}"
        out[mention_key(m)] = (key, canonical, owner)
    return out


def org_base_key(m: Mention) -> str:
    """Key of a non-generic organisation: its gazetteer key, else its normalised name."""
    if m.key:
        return m.key
    return _name_key(m.name)


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    """``slug(_org_lemma(name))``, once per name: the same names recur in every document."""
    return slug(_org_lemma(name))


def _org_lemma(name: str) -> str:
    words = fold(name).split()
    last = words[-1] if words else ""
    if last.endswith(("ens", "ets", "nas")):   # a genitive s after a definite form
        words[-1] = last[:-1]
    return " ".join(words)


def add_org_mentions(ex: Extraction, mention_entity: dict, surfaces: dict[str, Counter[str]],
                      info: dict[str, dict]) -> None:
    """Key one document's organisation mentions; count their surface forms under the key (name,
    then surface of each mention: a Counter keeps the order forms were first seen, and how often,
    which is all the entity needs of them, not one entry per mention)."""
    keys = org_keys(ex, org_base_key)
    for m in ex.mentions:
        if m.kind != "organization":
            continue
        mk = mention_key(m)
        key, canonical, owner = keys[mk]
        mention_entity[mk] = key = intern(key)
        forms = surfaces.get(key)
        if forms is None:
            forms = surfaces[key] = Counter()
        name, surface = m.name, _surface(m)
        forms[name] = forms.get(name, 0) + 1
        forms[surface] = forms.get(surface, 0) + 1
        d = info.setdefault(key, {"canonical": canonical, "owner": owner, "gaz": m.key, "reasons": set()})
        if canonical:
            d["reasons"].add(f"generic name '{canonical}' scoped to "
                             + (f"organisation {owner}" if owner else f"document {ex.minutes.document.identifier}"))


def add_org_entities(surfaces: dict[str, Counter[str]], info: dict[str, dict], entities: dict[str, Entity]) -> None:
    needed = set(info)
    for key in sorted(info):
        g = info[key]["gaz"]
        while g:
            entry = gazetteer.organization(g)
            if entry.parent and entry.parent not in needed:
                needed.add(entry.parent)
                info[entry.parent] = {"canonical": "", "owner": None, "gaz": entry.parent,
                                      "reasons": {f"parent of {entry.pref_label} in the gazetteer"}}
            g = entry.parent
    for key in sorted(info):
        d = info[key]
        counts = surfaces.get(key) or Counter()
        names = list(counts)   # each form once, in the order first seen (all _alt_labels needs)
        if d["gaz"]:
            entry = gazetteer.organization(d["gaz"])
            name, org_type = entry.pref_label, entry.type
            alts = list(entry.alt_labels) + names
            parents = (entry.parent,) if entry.parent else ()
            reasons = {"curated name in the gazetteer"} | d["reasons"]
        elif d["canonical"]:
            name, org_type = d["canonical"], "administration" if _municipal_group(d["canonical"]) else "group"
            alts = names
            parents = (d["owner"],) if d["owner"] and (d["owner"] in info or org_type_of_key(d["owner"])) else ()
            reasons = d["reasons"]
        else:
            name = canonical_of_counts({n: c for n, c in counts.items() if n})
            org_type = _type_from_name(name)
            alts = names
            parents = ()
            reasons = {"same name (case, diacritics and genitive ignored)"} if names else set()
        alt = _alt_labels(name, alts)
        entities[key] = Entity(key=key, kind="organization", name=name, alt_labels=alt, org_type=org_type,
                               parents=tuple(p for p in parents if p), reasons=tuple(sorted(reasons)))


def _surface(m: Mention) -> str:
    return _surface_of(m.span.text)


_MARKUP = re.compile(r"[~*_]+")


@lru_cache(maxsize=1 << 16)
def _surface_of(text: str) -> str:
    return _MARKUP.sub("", " ".join(text.split())).strip(" ,.;:()-")


def _alt_labels(name: str, labels: Iterable[str]) -> tuple[str, ...]:
    """Other names of an organisation, one per form that differs in more than case or a genitive
    s ('SOFs', 'Helsingborgs stads'); a form written with capitals or diacritics is preferred.

    A form met again changes nothing (it was either skipped, and still is, since ``best`` only
    grows, or it is ranked against the form it already lost to or is), so each form is looked at
    once, in the order first met; and 'key is some x + s' is a look-up of key minus its s."""
    def lemma(label: str) -> str:
        f = _org_lemma(label)
        return f[:-2] if f.endswith(":s") else f

    def rank(label: str) -> tuple:
        return (-sum(c.isupper() for c in label[:1]), -diacritic_score(label), label)

    own = lemma(name)
    best: dict[str, str] = {}
    best_rank: dict[str, tuple] = {}
    for label in dict.fromkeys(labels):
        if not label:
            continue
        key = lemma(label)
        if key == own or key.endswith("s") and (key[:-1] == own or key[:-1] in best):
            continue
        r = rank(label)
        if key not in best or r < best_rank[key]:
            best[key], best_rank[key] = label, r
    return tuple(sorted(best.values()))


def _type_from_name(name: str) -> str:
    f = fold(name)
    for heads, t in ((("forvaltningen", "forvaltning", "kontoret"), "administration"),
                     (("namnden", "namnd", "styrelsen", "fullmaktige"), "board"),
                     (("universitet", "hogskola", "hogskolan"), "university"),
                     ((" ab",), "company"),
                     (("gruppen", "grupp", "natverket", "natverk", "teamet", "kommitten", "kommitte"), "group"),
                     (("avdelning", "enhet", "centrum", "center", "centret"), "unit")):
        if any(f.endswith(h) or f.startswith(h) for h in heads):
            return t
    return "other"
