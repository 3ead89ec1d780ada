"""Collaborations: organisations working together in one item (a sentence that says so,
"mellan X och Y", people of different organisations presenting one item)."""
from __future__ import annotations

import re

from ..lexicons import gazetteer
from ..lexicons.cues import cue
from ..models import Mention
from ..text import fold
from .context import DocumentContext
from .memberships import tokens_between
from .names import ABBREVIATION_RE, fold_word
from .textscan import folded_in_place, folded_words, mellan_ends, saying_sentences, sentences


def collaborating_organisations(ctx: DocumentContext) -> None:
    """Organisations working together in one item.

    * a sentence with a collaboration word (samverkan, samarbete, tillsammans, gemensam, ...) and
      two or more different organisations: every pair of them
    * "mellan X och Y" (samarbetet mellan SFF och socialtjänsten): X and Y
    * people of different organisations presenting one item together
    """
    words = cue("collaboration")
    orgs = ctx.of_kind("organization")
    text = ctx.text
    spans = sentences(text)
    folded = folded_in_place(text)
    home = frozenset(_home(ctx, orgs))
    for start, end in saying_sentences(text, spans, words, folded):
        _pairs(ctx, ctx.within("organization", start, end), home=home)
    if folded is not None:
        # "mellan" must stand in the 8 characters before the organisation (see folded_in_place)
        after = mellan_ends(folded)
        candidates = [(k, a) for k, a in enumerate(orgs) if a.span.start in after]
    else:
        candidates = list(enumerate(orgs))
    for k, a in candidates:
        before = folded_words(text[max(0, a.span.start - 8):a.span.start])
        if not before or before[-1] != "mellan":
            continue
        for b in orgs[k + 1:k + 4]:
            gap = [fold_word(w) for w in tokens_between(ctx, a.span.end, b.span.start)]
            if [w for w in gap if w not in "()" and not ABBREVIATION_RE.match(w.upper())] in (["och"],) \
                    or gap == ["och"]:
                _pairs(ctx, [a, b], home=home)
                break
    orgs_of: dict[Mention, list[Mention]] = {}
    for ms in ctx.memberships:
        orgs_of.setdefault(ms.member, []).append(ms.organization)
    for k, item in enumerate(ctx.minutes.items):
        affs = []
        for ref in item.presenters:
            p = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
            affs += orgs_of.get(p, [])
        _pairs(ctx, affs, k, home)


def _pairs(ctx: DocumentContext, orgs: list[Mention], item: int | None = None, home: frozenset[str] = frozenset()) -> None:
    """Every pair of different organisations; parties are no departments that work together
    ('Anna Berg (S) och Per Ek (M) yrkar gemensamt')."""
    distinct: dict[str, Mention] = {}
    for m in orgs:
        if m.key and gazetteer.organization(m.key).type == "party":
            continue
        distinct.setdefault(m.key or fold_word(m.name), m)
    keys = sorted(distinct)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            ma, mb = distinct[a], distinct[b]
            if _related(ma, mb) or _own_unit(home, ma, mb) or _own_unit(home, mb, ma):
                continue
            it = item if item is not None else ma.item if ma.item == mb.item else None
            ctx.collaborations.append((ma, mb, it))


def _home(ctx: DocumentContext, orgs: list[Mention]) -> set[str]:
    """The municipalities the minutes belong to: the body's owner (or its ancestor) and one named at
    the head of a line with a word for its own paper ('Avesta kommun sammanträdesprotokoll Sida 2');
    empty when the minutes do not say."""
    keys: set[str] = set()
    owner = ctx.owner
    if owner is not None and owner.key:
        keys = {owner.key} | _ancestors(owner.key)
    words = cue("own_paper_words")
    for m in orgs:
        if m.key and m.key not in keys and HEAD_RE.search(ctx.text, max(0, m.span.start - 8), m.span.start):
            after = OWN_PAPER_RE.match(ctx.text, m.span.end)
            if after is not None and fold(after[1]) in words:
                keys.add(m.key)
    return {k for k in keys if gazetteer.organization(k).type == "municipality"}


HEAD_RE = re.compile(r"(?:^|\n)[ \t]*(?:\d+[ \t]+)?$")
OWN_PAPER_RE = re.compile(r"[ \t]+(\w+)")


def _own_unit(home: frozenset[str], place: Mention, unit: Mention) -> bool:
    """'Avesta kommun' and 'omsorgsstyrelsen' in Avesta's minutes: a board or administration with a
    generic name is the minutes' own municipality's, no partner of it."""
    if not home or place.key not in home or unit.key:
        return False
    last = fold(unit.name).split(" ")[-1]
    return last.endswith(tuple(cue("scoped_group_heads")))


def _related(a: Mention, b: Mention) -> bool:
    """Whether one organisation is part of the other (working together is then not news)."""
    if not a.key or not b.key:
        return False
    return b.key in _ancestors(a.key) or a.key in _ancestors(b.key)


def _ancestors(key: str) -> set[str]:
    out = set()
    parent = gazetteer.organization(key).parent
    while parent:
        out.add(parent)
        parent = gazetteer.organization(parent).parent
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]
