"""'Name, [title,] Organisation' slots: the organisation of a line or phrase that names a person,
after the name, an optional title and a comma ("Elin Kjellgren, kanslichef, Hultsfreds kommun")."""
from __future__ import annotations

import re

from ..models import Membership, Mention
from .context import DocumentContext

TITLE = r"(?:[A-ZÅÄÖ]{1,4}-)?[a-zåäöé][\wåäöé-]*"
# "Name, Organisation", "Name (KÅ), title, Organisation", "Name, title Organisation": the slot of an
# attendance line or a signature; the title is lower case (or "VA-ingenjör"), at most four words
TITLE_SLOT_RE = re.compile(r"[ \t]*(?:\([A-ZÅÄÖ]{1,4}\)[ \t]*)?,[ \t]*"
                           rf"(?:{TITLE}(?:[ \t]+{TITLE}){{0,3}}[ \t]*,[ \t]*|{TITLE}[ \t]+)?$")
SLOT_END_RE = re.compile(r"[ \t]*(?:$|\n|[(,;–—]|- |\.(?:\s|$))")


def is_slot(ctx: DocumentContext, p: Mention, o: Mention) -> bool:
    """Whether 'Name, [title,] Organisation' is a slot of its own: the organisation ends the phrase
    (not 'Lisa Holm, informerade Trafikverket om ...') and the person is not the later one of a
    comma list ('Anna Berg, Bo Ek, Trafikverket')."""
    if not SLOT_END_RE.match(ctx.text, o.span.end):
        return False
    line_start = ctx.text.rfind("\n", 0, p.span.start) + 1
    return not ctx.text[line_start:p.span.start].rstrip().endswith(",")


MARKUP_RE = re.compile(r"[*_]+")
SLOT_GAP = 80   # characters between a name and its organisation: initials, a title of four words


def title_slots(ctx: DocumentContext, items: list[Mention]) -> None:
    """'**Ahmed Berg**, fältsekreterare, socialförvaltningen', 'Sara Lind (SL), projektledare bygg,
    samhällsbyggnadsförvaltningen', 'Eva Ek, HR-chef, kommunledningsförvaltningen': the slot rule
    past what stands between the name and its organisation: Markdown emphasis, the initials in
    parentheses (a mention of their own), an organisation's abbreviation inside the title word."""
    have = {(id(ms.member), id(ms.organization)) for ms in ctx.memberships}
    for k, p in enumerate(items):
        if p.kind != "person" or (p.first_name_only and " " not in p.name):
            continue
        for o in items[k + 1:k + 5]:
            if not 0 <= o.span.start - p.span.end <= SLOT_GAP or "\n" in ctx.text[p.span.end:o.span.start]:
                break
            if o.kind == "person" and ctx.text[o.span.start - 1:o.span.start] == "(":
                continue   # "(SL)": the person's initials
            if o.kind != "organization":
                break
            if ctx.text[o.span.end:o.span.end + 1] == "-":
                continue   # "HR" of "HR-chef": part of the title
            gap = MARKUP_RE.sub("", ctx.text[p.span.end:o.span.start])
            if (id(p), id(o)) not in have and TITLE_SLOT_RE.match(gap) and is_slot(ctx, p, o):
                ctx.memberships.append(Membership(p, o))
                have.add((id(p), id(o)))
            break
