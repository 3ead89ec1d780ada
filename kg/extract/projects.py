"""Projects: the rules' project spans, item titles that name projects, and undertakings
named in the text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Span as SpacySpan

from ..lexicons.cues import cue, cue_phrases
from ..models import Mention
from ..nlp import PRJ, PROJECT_CUE_RULES
from ..text import fold, fold_text
from .context import DocumentContext, SpanIndex, inside_ref, overlaps_any, structure_refs
from .names import clean_project_name


def project_spans(ctx: DocumentContext, spans: list[SpacySpan], ref_spans: SpanIndex) -> None:
    """Project mentions, except where the structure has put something else (a place, the body,
    a person's affiliation) or a person or organisation already stands."""
    doc_id = ctx.minutes.document.identifier
    minutes = ctx.minutes
    blocked = [(s.start, s.end) for s in (minutes.location, minutes.date_span) if s]
    # a body's name may hold the name of the project it works on ("Projekt Nytt badhus –
    # projektgruppsmöte", "Styrgrupp Heltid som norm"): a project word must have introduced it
    body = [(minutes.body.start, minutes.body.end)] if minutes.body else []
    blocked += [(r.affiliation.start, r.affiliation.end) for r, _, _ in structure_refs(minutes) if r.affiliation]
    # the mentions so far as (start, end, kind), by start, kept up to date as projects are added
    marks = sorted((m.span.start, m.span.end, m.kind) for m in ctx.mentions.values())
    starts = [x[0] for x in marks]
    longest = max((b - a for a, b, _ in marks), default=0)
    for s in spans:
        if s.label_ != PRJ:
            continue
        if inside_ref(ref_spans, s.start_char, s.end_char):
            continue
        span = ctx.span(s.start_char, s.end_char)
        if overlaps_any(blocked, span) or (overlaps_any(body, span) and s.id_ not in PROJECT_CUE_RULES):
            continue
        near = marks[bisect_right(starts, span.start - max(longest, 0)):bisect_left(starts, span.end)]
        if any(span.start < b and (kind == "person" or not (span.start <= a and b <= span.end)) for a, b, kind in near):
            continue   # an organisation may stand inside a project's name, not around or across it
        name = clean_project_name(s.text)
        if len(name) < 2:
            continue
        known = len(ctx.mentions)
        ctx.add(Mention("project", span, name, doc_id, ctx.item_of(span.start, span.end), f"project:{s.id_}"))
        if len(ctx.mentions) > known:
            mark = (span.start, span.end, "project")
            k = bisect_right(marks, mark)
            marks.insert(k, mark)
            starts.insert(k, span.start)
            longest = max(longest, span.end - span.start)


# a dash, colon or bracket after the name in an item title: what follows says what the item does
_TITLE_CUT_RE = re.compile(r"\s+[-–—]\s+|:\s|\s\(")
_WORD_RE = re.compile(r"[^\W\d_][\w.-]*", re.UNICODE)
_TITLE_YEAR_RE = re.compile(r"\b(19|20)\d\d([-–/](19|20)?\d\d)?$")
_SENTENCE_OPEN_RE = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-•*–]\s*)?)([A-ZÅÄÖ][a-zåäöé-]+)\b(?!\s+[A-ZÅÄÖ0-9\"“])")
BACKREF_REACH = 800   # characters of an item's text after its title in which a project word refers back to it


def item_title_projects(ctx: DocumentContext) -> None:
    """Projects that an item's title names and its text treats as a project: a building
    undertaking on a property ("Nyproduktion kv. X – beslut om byggstart"), a trial named by what
    it is about ("Försöksverksamhet arbetsmarknad"), a one-word
    undertaking ("X-resan – lägesrapport"), or a title that a project word of its text refers back
    to ("Information om X" ... "Projektet har fått stöd"; "X 2017" ... "Enkäten genomförs").
    Precision first: only the part of the title before a dash, without a reporting prefix."""
    doc_id = ctx.minutes.document.identifier
    text = ctx.text
    folded = fold_text(text)
    for item in ctx.minutes.items:
        found = _title_project(ctx, item, folded)
        if found is not None:
            start, end, how = found
            name = text[start:end]
            ctx.add(Mention("project", ctx.span(start, end), name[:1].upper() + name[1:], doc_id,
                            ctx.item_of(start, end), f"project:{how}"))
    undertakings_in_text(ctx)


def _title_project(ctx: DocumentContext, item, folded: str) -> tuple[int, int, str] | None:
    """(start, end, rule) of the project an item's title names, or None (``folded``: the text by
    ``fold_text``)."""
    text = ctx.text
    t0, t1 = item.title_span.start, item.title_span.end
    title = text[t0:t1]
    cut = _TITLE_CUT_RE.search(title)
    head = title[:cut.start()] if cut else title
    words = [(m.start(), m.end(), fold(m.group())) for m in _WORD_RE.finditer(head)]
    if not words:
        return None
    for phrase in cue_phrases("item_title_prefixes"):
        if len(words) > len(phrase) and tuple(w for _, _, w in words[:len(phrase)]) == phrase:
            words = words[len(phrase):]
            break
    a = words[0][0]
    b = len(head.rstrip(" .,;"))
    if b <= a:
        return None
    start, end = t0 + a, t0 + b
    first = words[0][2]
    refs, dated_refs = cue("project_backrefs"), cue("project_backrefs_dated")
    # which rules could name a project here, read before the mentions in the way (most titles fit none)
    building = (len(words) >= 3 and first in cue("building_undertakings") and words[1][2] in cue("property_marks")
                and head[words[2][0]:][:1].isupper())
    trial = len(words) >= 2 and first in cue("undertaking_title_heads")
    undertaking = len(words) == 1 and _undertaking_word(head[a:b])
    backref = (len(words) >= 2 and first not in cue("item_title_reports")
               and _backref_possible(folded, t1, min(item.span.end, t1 + BACKREF_REACH), refs | dated_refs))
    if not (building or trial or undertaking or backref):
        return None
    blockers = _taken(ctx, start, end)
    if blockers and not all(_lone_name_inside(m, start, end) for m in blockers):
        return None
    # "Nyproduktion kv. X": a building undertaking on a named property
    if building and not blockers:
        return start, end, "project_building"
    # "Försöksverksamhet arbetsmarknad": a trial named by what it is about
    if trial and not blockers:
        return start, end, "project_trial"
    # "X-resan – lägesrapport": the whole name is one capitalised undertaking word
    if undertaking and not blockers:
        return start, end, "project_undertaking"
    # "Information om X" ... "Projektet har fått stöd": the text refers back to the title
    # (not ``backref``: a one-word title ("Ekonomi") is a topic, "Lägesrapport från ..." a report)
    if not backref:
        return None
    dated = bool(_TITLE_YEAR_RE.search(head[:b]))
    body_end = min(item.span.end, t1 + BACKREF_REACH)
    if ctx.within("project", t1, item.span.end):
        first_project = ctx.within("project", t1, item.span.end)[0].span.start
        body_end = min(body_end, first_project)   # a project named first is what the word refers to
    if not _backref_possible(folded, t1, body_end, refs | dated_refs if dated else refs):
        return None
    for m in _SENTENCE_OPEN_RE.finditer(text, t1, body_end):
        word = fold(m.group(1))
        if word in refs or (dated and word in dated_refs):
            for p in blockers:   # "Liv och hälsa ung 2017": "Liv" is a word of the name here
                ctx.mentions.pop((p.span.start, p.span.end, p.kind), None)
            return start, end, "project_title_backref"
    return None


def _backref_possible(folded: str, start: int, end: int, words: frozenset[str]) -> bool:
    """Whether one of ``words`` (folded) stands in ``folded[start:end]``: else no sentence there opens
    with one. A word _SENTENCE_OPEN_RE takes is of letters a-z, å, ä, ö, é (either case) and "-", which
    ``fold`` folds each to one character as ``fold_text`` does (and no "6", the one character
    ``fold_text`` reads with its neighbours): its fold stands at its place in ``folded``."""
    return any(folded.find(w, start, end) >= 0 for w in words)


def _lone_name_inside(m: Mention, start: int, end: int) -> bool:
    """A one-word person mention strictly inside a title's name: a word of the name that was
    read as a given name ("Liv och hälsa ung 2017"), given way to only where the text refers
    back to the title as a project."""
    return (m.kind == "person" and start <= m.span.start and m.span.end <= end
            and (m.span.end - m.span.start) < (end - start) and " " not in m.name.strip())


def _taken(ctx: DocumentContext, start: int, end: int) -> list[Mention]:
    """The mentions that stand in the way of a project at [start, end]: a person or project across
    it, an organisation around or across it (an organisation may stand inside a project's name)."""
    return [m for kind in ("person", "organization", "project")
            for m in ctx.within(kind, max(0, start - 200), end + 200)
            if m.span.start < end and start < m.span.end
            and (kind != "organization" or not (start <= m.span.start and m.span.end <= end))]


def _undertaking_word(word: str) -> bool:
    """A capitalised one-word name ending in an undertaking ending, with a stem of its own:
    "Heltidsresan", "Kunskapslyftet" (not "Resan", not "resan")."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    low = fold(word)
    return any(low.endswith(e) and len(low) - len(e) >= 4 for e in cue("undertaking_endings"))


# a capitalised word after a small letter or "," and a space (the look back after the capital, so
# that the engine looks for capitals alone: a look back first is tried at every position)
_CAPITALISED_WORD_RE = re.compile(r"[A-ZÅÄÖ](?<=[a-zåäö,] [A-ZÅÄÖ])[a-zåäö]{5,}\b")


def undertakings_in_text(ctx: DocumentContext) -> None:
    """A capitalised undertaking word in mid-sentence is a name: "det statliga Kunskapslyftet ger"."""
    doc_id = ctx.minutes.document.identifier
    text = ctx.text
    endings = tuple(cue("undertaking_endings"))
    for m in _CAPITALISED_WORD_RE.finditer(text):
        word = m.group()
        if not fold(word).endswith(endings) or not _undertaking_word(word) or _taken(ctx, m.start(), m.end()):
            continue
        ctx.add(Mention("project", ctx.span(m.start(), m.end()), word, doc_id, ctx.item_of(m.start(), m.end()),
                        "project:project_undertaking"))
