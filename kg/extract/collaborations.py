"""Collaborations: organisations working together in one item (a sentence that says so,
"mellan X och Y", people of different organisations presenting one item)."""
from __future__ import annotations

import re

from ..lexicons import gazetteer
from ..lexicons.cues import cue
from ..models import Mention
from .context import DocumentContext
from .memberships import tokens_between
from .names import ABBREVIATION_RE, fold_word
from .textscan import folded_in_place, folded_words, mellan_ends, saying_sentences, saying_sentences_plain, sentences


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
    saying = saying_sentences(folded, spans, words) if folded is not None else None
    if saying is None:
        saying = saying_sentences_plain(text, spans, words)
    for start, end in saying:
        _pairs(ctx, ctx.within("organization", start, end))
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
                _pairs(ctx, [a, b])
                break
    orgs_of: dict[Mention, list[Mention]] = {}
    for ms in ctx.memberships:
        orgs_of.setdefault(ms.member, []).append(ms.organization)
    for k, item in enumerate(ctx.minutes.items):
        affs = []
        for ref in item.presenters:
            p = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
            affs += orgs_of.get(p, [])
        _pairs(ctx, affs, k)


def _pairs(ctx: DocumentContext, orgs: list[Mention], item: int | None = None) -> None:
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
            if _related(ma, mb):
                continue
            it = item if item is not None else ma.item if ma.item == mb.item else None
            ctx.collaborations.append((ma, mb, it))


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
