"""Running-text lists that pair each name with its organisation: "I gruppen ingår Lars Ek,
Trafikverket, Eva Berg, Landstinget och Kia Sund, DalaMaTs." Every person of such a list belongs
to the organisation after their name, known to the gazetteer or not."""
from __future__ import annotations

import re

from ..lexicons.cues import cue
from ..lexicons.names import is_first_name
from ..models import Membership, Mention
from ..text import fold
from .context import DocumentContext
from .names import clean_org_name

# ", Trafikverket" after a name: a capitalised element of at most five words up to the next comma,
# "och", full stop, semicolon or line end
ELEMENT_RE = re.compile(r",[ \t]+(?P<org>[A-ZÅÄÖ][^,;.\n]{0,60}?)(?=,[ \t]|[ \t]+och[ \t]|[.;]|[ \t]*\n|[ \t]*$)")
SEPARATOR_RE = re.compile(r",[ \t]+(?:och[ \t]+)?|[ \t]+och[ \t]+")
BEFORE_RE = re.compile(r"(?:,|[ \t]och)[ \t]*$")


def paired_lists(ctx: DocumentContext) -> None:
    """Memberships from lists that alternate name and organisation, two pairs or more; a list
    whose first name follows another name ("Anna Berg, Bo Ek, Trafikverket") pairs nobody."""
    people = {m.span.start: m for m in ctx.of_kind("person") if " " in m.name and "\n" not in m.span.text}
    if len(people) < 2:
        return
    ends = {m.span.end for m in people.values()}
    done: set[int] = set()
    for start in sorted(people):
        if start in done:
            continue
        before = BEFORE_RE.search(ctx.text, max(0, start - 6), start)
        if before is not None and len(ctx.text[max(0, before.start() - 80):before.start()].rstrip()) \
                + max(0, before.start() - 80) in ends:
            continue   # the name before is the list's first
        pairs = _pairs_from(ctx, people, people[start])
        done.update(p.span.start for p, _ in pairs)
        if len(pairs) >= 2:
            for p, (a, b) in pairs:
                _join(ctx, p, a, b)


def _pairs_from(ctx: DocumentContext, people: dict[int, Mention], p: Mention) -> list[tuple[Mention, tuple[int, int]]]:
    """The (person, organisation span) pairs of the list that begins with ``p``."""
    pairs: list[tuple[Mention, tuple[int, int]]] = []
    while True:
        m = ELEMENT_RE.match(ctx.text, p.span.end)
        if m is None or not _organisation_like(m["org"]) or ctx.within("person", m.start("org"), m.end("org")):
            return pairs
        pairs.append((p, m.span("org")))
        sep = SEPARATOR_RE.match(ctx.text, m.end())
        nxt = people.get(sep.end()) if sep is not None else None
        if nxt is None:
            return pairs
        p = nxt


def _organisation_like(words_text: str) -> bool:
    words = words_text.split()
    first = words[0]
    return len(words) <= 5 and not is_first_name(first) and fold(first) not in cue("not_names") \
        and fold(first) not in cue("months") and fold(first) not in cue("sentence_openers")


def _join(ctx: DocumentContext, p: Mention, a: int, b: int) -> None:
    """``p`` is a member of the organisation at [a, b]: the mention there, else a new one."""
    org = ctx.mentions.get((a, b, "organization"))
    if org is None:
        inner = ctx.within("organization", a, b)
        org = inner[0] if len(inner) == 1 and inner[0].span.start == a else None
    if org is None:
        if any(o.span.start < b and a < o.span.end for o in ctx.of_kind("organization")):
            return   # an organisation across the element's edge: not this element's name
        org = ctx.add(Mention("organization", ctx.span(a, b), clean_org_name(ctx.text[a:b]),
                              ctx.minutes.document.identifier, ctx.item_of(a, b), "slot"))
    if not any(ms.member is p and ms.organization is org for ms in ctx.memberships):
        ctx.memberships.append(Membership(p, org))
