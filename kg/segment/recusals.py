"""Recusals (jäv): people who declared a conflict of interest in an item and took no part in it."""
from __future__ import annotations

import re

from ..models import PersonRef, Span
from .page import Line, Page, fold, folded_holds
from .patterns import NAME_INLINE_RE, ORG_LINE_RE

RECUSED_RE = re.compile(r"\bjav(?:ig)?\b|deltar (?:inte|ej) i (?:handlaggningen|beslutet)")


def find_recused(page: Page, lines: list[Line]) -> list[PersonRef]:
    """People who declared a conflict of interest (jäv) and took no part in the item."""
    out: list[PersonRef] = []
    if not folded_holds(page, lines, ("jav", "deltar ")):
        return out   # no line is read below
    for ln in lines:
        if not ln.clean or not ("jav" in ln.folded or "deltar " in ln.folded) or not RECUSED_RE.search(ln.folded):
            continue
        for nm in NAME_INLINE_RE.finditer(ln.clean):
            if not ORG_LINE_RE.search(nm[0]) and fold(nm[0].split()[0]) not in ("jav", "pa", "med", "pga"):
                s0 = ln.cstart + nm.start()
                out.append(PersonRef(nm[0], Span(s0, s0 + len(nm[0]), nm[0])))
    return out
