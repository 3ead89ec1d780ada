"""The protocol: when the minutes were justerade and who served as substitute for whom.

A formal protokoll states the justering on a label line ("Justeringens plats och tid
Samhällsbyggnadskontoret, 2015-09-23", "Justerat 2019-10-30", "Protokollet justerat den 4 mars
1996"); the date there is the justering's, never the meeting's or the anslag's, so a date is taken
only when no other label or anslag stands between it and the justering label. Serving substitutes
are attendees the list marks so ("X (S) för Y (S)", "X (S), tjänstgörande ersättare för Y (S)",
"X (MP) tjg §§ 165-168", "Y (S) ersätts av X (S)"); the member replaced is the absentee the
attendance rules read right there. Cue words are data: adjustment_labels.tsv, substitute_cues.tsv.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..models import PersonRef, Span, Substitution
from . import lexicon
from .dates import find_date
from .page import Page, fold


def _alternatives(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def _adjustment_res() -> tuple[re.Pattern, re.Pattern]:
    kinds = lexicon.entries("adjustment_labels")
    labels = _alternatives(p for p, k in kinds if k == "label")
    stops = _alternatives(p for p, k in kinds if k == "stop")
    return (re.compile(rf"^[ \t*#]*(?:{labels})(?![a-zåäö])[ \t:]*", re.M),
            re.compile(rf"(?<![a-z])(?:{stops})(?![a-z])"))


def find_adjustment(page: Page) -> tuple[dt.date | None, Span | None]:
    """The date the minutes were justerade and the words that say it, from the first label line
    whose date follows the label with no other label or anslag before it."""
    folded = page.folded
    if "juster" not in folded:
        return None, None
    label_re, stop_re = _adjustment_res()
    text = page.text
    for m in label_re.finditer(folded):
        eol = folded.find("\n", m.end())
        eol = len(folded) if eol < 0 else eol
        rest = text[m.end():min(eol, m.end() + 120)]
        found = find_date(rest)
        if found is None:
            continue
        date, a, b = found
        if stop_re.search(folded, m.end(), m.end() + a):
            continue
        start = m.start() + len(m[0]) - len(m[0].lstrip(" \t*#"))
        return date, Span(start, m.end() + b, text[start:m.end() + b])
    return None, None


_PARTY = r"(?:[ \t]*\([^()\n]{1,12}\))?"


@lru_cache(maxsize=1)
def _substitute_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a cue before the member replaced, at the end of the text before it; a cue after the
    member replaced, before the substitute; a serving cue after a name), over folded text."""
    cues = lexicon.entries("substitute_cues")
    after_cue, serving_cue, by_cue = (_alternatives(p for p, k in cues if k == kind) for kind in ("for", "serving", "by"))
    return (re.compile(rf"{_PARTY}[ \t]*,?[ \t]*(?:{after_cue})[ \t]+$"),
            re.compile(rf"^{_PARTY}[ \t]*,?[ \t]*(?:{by_cue})[ \t]+"),
            re.compile(rf"{_PARTY}[ \t]*,?[ \t]*\(?(?:{serving_cue})(?=[ \t]*(?:$|§|,|;|\)|\n))", re.M))


def _ref(text: str, ref: PersonRef, at: int, length: int) -> PersonRef:
    """``ref`` at another place where its name stands (the list entry that says the substitution)."""
    return PersonRef(ref.name, Span(at, at + length, text[at:at + length]), party=ref.party)


def _folded_name(ref: PersonRef) -> str:
    return " ".join(fold(ref.span.text).split())


def find_substitutes(page: Page, attendees: list[PersonRef], absentees: list[PersonRef]) -> list[Substitution]:
    """The attendees the list marks as serving substitutes, each with the member replaced where
    the same entry names that member ("X (S) för Y (S)", "Y (S) ersätts av X (S)"); the names
    with their spans in that entry."""
    folded = page.folded
    if not attendees:
        return []
    text = page.text
    for_re, by_re, serving_re = _substitute_res()
    present = {_folded_name(r): r for r in reversed(attendees)}      # the first entry of a name
    found: dict[str, Substitution] = {}
    for member in absentees:
        a, b = member.span.start, member.span.end
        bol = folded.rfind("\n", 0, a) + 1
        eol = folded.find("\n", b)
        eol = len(folded) if eol < 0 else eol
        cue = for_re.search(folded, bol, a)
        if cue is not None:
            before = folded[bol:cue.start()]
            for key, sub in present.items():
                if key not in found and before.endswith(key) and (len(before) == len(key) or not before[-len(key) - 1].isalnum()):
                    found[key] = Substitution(_ref(text, sub, cue.start() - len(key), len(key)), member)
                    break
            continue
        cue = by_re.match(folded[b:eol])
        if cue is not None:
            after = folded[b + cue.end():eol]
            for key, sub in present.items():
                if key not in found and after.startswith(key) and not after[len(key):len(key) + 1].isalnum():
                    found[key] = Substitution(_ref(text, sub, b + cue.end(), len(key)), member)
                    break
    for key, ref in present.items():
        if key not in found and serving_re.match(folded, ref.span.end) is not None:
            found[key] = Substitution(ref)
    return sorted(found.values(), key=lambda s: s.substitute.span.start)
