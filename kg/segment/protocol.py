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
from .header import find_date
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
def _cues() -> tuple[str, str, str]:
    cues = lexicon.entries("substitute_cues")
    return tuple(_alternatives(p for p, k in cues if k == kind) for kind in ("for", "serving", "by"))


def _name_re(name: str) -> str:
    """A name as a pattern over the folded text, any run of spaces between its words."""
    return re.escape(fold(name)).replace(r"\ ", r"[ \t]+")


def _occurrences(folded: str, name: str) -> list[int]:
    """Where a person's name stands in the folded text, as a whole name."""
    pat = re.compile(rf"(?<![\w-]){_name_re(name)}(?![\w-])")
    return [m.start() for m in pat.finditer(folded)]


def _ref(text: str, ref: PersonRef, at: int) -> PersonRef:
    """``ref`` at another place where its name stands (the list entry that says the substitution)."""
    end = at + len(ref.span.text)
    if text[at:end] != ref.span.text:
        end = text.find("\n", at) if "\n" in text[at:at + len(ref.span.text) + 5] else at + len(ref.span.text)
    return PersonRef(ref.name, Span(at, end, text[at:end]), party=ref.party)


def find_substitutes(page: Page, attendees: list[PersonRef], absentees: list[PersonRef]) -> list[Substitution]:
    """The attendees the list marks as serving substitutes, each with the member replaced where
    the same entry names that member; each with the span of its name in that entry."""
    folded = page.folded
    if not attendees or not ("ers" in folded or "tjg" in folded or "tjanstg" in folded):
        return []
    text = page.text
    after_cue, serving_cue, by_cue = _cues()
    present = {fold(r.name): r for r in reversed(attendees)}      # the first entry of a name
    absent = {fold(r.name): r for r in reversed(absentees)}
    found: dict[str, Substitution] = {}
    for key, member in absent.items():
        for at in _occurrences(folded, member.span.text):
            bol = folded.rfind("\n", 0, at) + 1
            eol = folded.find("\n", at)
            eol = len(folded) if eol < 0 else eol
            before, after = folded[bol:at], folded[at + len(member.span.text):eol]
            for sub_key, sub in present.items():
                if sub_key in found or sub_key == key:
                    continue
                name = _name_re(sub.span.text)
                m = re.search(rf"(?<![\w-]){name}{_PARTY}[ \t]*,?[ \t]*(?:{after_cue})[ \t]+$", before)
                if m is not None:
                    found[sub_key] = Substitution(_ref(text, sub, bol + m.start()), _ref(text, member, at))
                    continue
                m = re.match(rf"{_PARTY}[ \t]*,?[ \t]*(?:{by_cue})[ \t]+({name})(?![\w-])", after)
                if m is not None:
                    found[sub_key] = Substitution(_ref(text, sub, at + len(member.span.text) + m.start(1)),
                                                  _ref(text, member, at))
    serving = re.compile(rf"{_PARTY}[ \t]*,?[ \t]*\(?(?:{serving_cue})(?=[ \t]*(?:$|§|,|;|\)|\n))", re.M)
    for key, ref in present.items():
        if key not in found and serving.match(folded, ref.span.end) is not None:
            found[key] = Substitution(ref)
    return sorted(found.values(), key=lambda s: s.substitute.span.start)
