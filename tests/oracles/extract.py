"""The plain forms of extraction's fast paths (kg/extract/): sentences, lone words and
abbreviations as first written (tests/extract/*_fast_paths.py)."""
from __future__ import annotations

import re

from kg import extract as X
from kg.extract import organizations as extract_organizations
from kg.extract import projects as extract_projects
from kg.nlp import token_table
from kg.text import fold, fold_text

# where a sentence ends, as ``kg.extract.textscan.SENTENCE_END`` must find it
SENTENCE_END_PLAIN = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*•·»¢=\uf0b7]|[eo](?= [A-ZÅÄÖ])|\d+[.)] ))")


def sentences_plain(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENTENCE_END_PLAIN.finditer(text):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def lone_word_plain(text: str) -> list[str]:
    return [X.fold_word(w) for w in X.TOKEN_RE.findall(text) if w not in ("(", ")", ",")
            and not X.ABBREVIATION_RE.match(w)]


def define_abbreviations_plain(ctx) -> None:
    """The form that copied the token table's columns for every document."""
    table = token_table(ctx.sdoc)
    texts = list(map(table.texts.__getitem__, table.content))
    idx = list(map(table.idx.__getitem__, table.content))
    orgs = {(m.span.start, m.span.end): m for m in ctx.of_kind("organization")}
    by_start = {m.span.start: m for m in orgs.values()}
    by_end = {m.span.end: m for m in orgs.values()}
    opening = [k for k, t in enumerate(texts) if t == "("]
    for k in opening:
        if k >= len(texts) - 2 or texts[k + 2] != ")":
            continue
        abbr = texts[k + 1]
        if not X.ABBREVIATION_RE.match(abbr):
            continue
        before = by_end.get(idx[k - 1] + len(texts[k - 1])) if k > 0 else None
        if before is not None:
            ctx.abbreviations.setdefault(abbr, (before.name, before.key))
    for k in [p - 1 for p in opening if p >= 1]:
        if X.ABBREVIATION_RE.match(texts[k]):
            inner = by_start.get(idx[k + 2]) if k + 2 < len(texts) else None
            if inner is not None:
                ctx.abbreviations.setdefault(texts[k], (inner.name, inner.key))
    if ctx.abbreviations:
        extract_organizations._apply_abbreviations(ctx, orgs, texts, idx)


def item_of_plain(items, start: int, end: int) -> int | None:
    """Plain form of ``DocumentContext.item_of`` (kg/extract/context.py): every item read."""
    for k, item in enumerate(items):
        if item.span.start <= start and end <= item.span.end:
            return k
    return None


def saying_sentences_plain(text: str, spans: list[tuple[int, int]], words: frozenset[str]) -> list[tuple[int, int]]:
    """Plain form of ``saying_sentences`` (kg/extract/textscan.py): the sentences with a piece
    between white space whose folded words include one of ``words``, every piece folded."""
    return [(a, b) for a, b in spans
            if any(not words.isdisjoint(X.WORD_RE.findall(fold(piece))) for piece in text[a:b].split())]


# expressions as written before their look back was moved after the first character (so that the
# engine looks for that character alone): "module.NAME" -> pattern
LOOK_BACK_FIRST = {
    "projects._CAPITALISED_WORD_RE": r"(?<=[a-zåäö,] )[A-ZÅÄÖ][a-zåäö]{5,}\b",
    "people.AT_MENTION_RE": r"(?<![\w@.])@([A-ZÅÄÖ][\wåäöé]+(?:-[A-ZÅÄÖ][\wåäöé]+)?(?:[ \t][A-ZÅÄÖ][\wåäöé-]+){1,2})",
}


def look_back_pairs():
    """(the expression of kg.extract, its plain form of ``LOOK_BACK_FIRST``) for each."""
    import importlib
    import re

    for name, plain in LOOK_BACK_FIRST.items():
        module, attr = name.split(".")
        yield getattr(importlib.import_module(f"kg.extract.{module}"), attr), re.compile(plain)


# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.extract.context import _item_bounds as item_bounds  # noqa: E402, F401
from kg.extract.memberships import _lone_word as lone_word  # noqa: E402, F401
from kg.extract.textscan import _roots as textscan_roots  # noqa: E402, F401


def item_title_projects_plain(ctx) -> None:
    """``item_title_projects`` with ``_title_project`` as first written (``title_project_plain``)."""
    fast = extract_projects._title_project
    extract_projects._title_project = title_project_plain
    try:
        extract_projects.item_title_projects(ctx)
    finally:
        extract_projects._title_project = fast


def title_project_plain(ctx, item, folded: str) -> tuple[int, int, str] | None:
    """``_title_project`` as first written: every rule's conditions read after the mentions in the
    title's way, every item's window after its title scanned for a back-reference word."""
    text = ctx.text
    t0, t1 = item.title_span.start, item.title_span.end
    title = text[t0:t1]
    cut = extract_projects._TITLE_CUT_RE.search(title)
    head = title[:cut.start()] if cut else title
    words = [(m.start(), m.end(), fold(m.group())) for m in extract_projects._WORD_RE.finditer(head)]
    if not words:
        return None
    for phrase in extract_projects.cue_phrases("item_title_prefixes"):
        if len(words) > len(phrase) and tuple(w for _, _, w in words[:len(phrase)]) == phrase:
            words = words[len(phrase):]
            break
    a = words[0][0]
    b = len(head.rstrip(" .,;"))
    if b <= a:
        return None
    start, end = t0 + a, t0 + b
    first = words[0][2]
    blockers = extract_projects._taken(ctx, start, end)
    if blockers and not all(extract_projects._lone_name_inside(m, start, end) for m in blockers):
        return None
    # "Nyproduktion kv. X": a building undertaking on a named property
    if len(words) >= 3 and first in extract_projects.cue("building_undertakings") and words[1][2] in extract_projects.cue("property_marks"):
        rest = head[words[2][0]:]
        if rest[:1].isupper() and not blockers:
            return start, end, "project_building"
    # "Försöksverksamhet arbetsmarknad": a trial named by what it is about
    if len(words) >= 2 and first in extract_projects.cue("undertaking_title_heads") and not blockers:
        return start, end, "project_trial"
    # "X-resan – lägesrapport": the whole name is one capitalised undertaking word
    if len(words) == 1 and extract_projects._undertaking_word(head[a:b]) and not blockers:
        return start, end, "project_undertaking"
    # "Information om X" ... "Projektet har fått stöd": the text refers back to the title
    dated = bool(extract_projects._TITLE_YEAR_RE.search(head[:b]))
    if len(words) < 2 or first in extract_projects.cue("item_title_reports"):
        return None   # a one-word title ("Ekonomi") is a topic, "Lägesrapport från ..." a report
    body_end = min(item.span.end, t1 + extract_projects.BACKREF_REACH)
    if ctx.within("project", t1, item.span.end):
        first_project = ctx.within("project", t1, item.span.end)[0].span.start
        body_end = min(body_end, first_project)   # a project named first is what the word refers to
    refs, dated_refs = extract_projects.cue("project_backrefs"), extract_projects.cue("project_backrefs_dated")
    for m in extract_projects._SENTENCE_OPEN_RE.finditer(text, t1, body_end):
        word = fold(m.group(1))
        if word in refs or (dated and word in dated_refs):
            for p in blockers:   # "Liv och hälsa ung 2017": "Liv" is a word of the name here
                ctx.mentions.pop((p.span.start, p.span.end, p.kind), None)
            return start, end, "project_title_backref"
    return None


def backref_words_opening_sentences(text: str, words: frozenset[str]) -> list[str]:
    """The words of ``words`` that open a sentence of ``text`` as the title rule reads them."""
    return [fold(m.group(1)) for m in extract_projects._SENTENCE_OPEN_RE.finditer(text)
            if fold(m.group(1)) in words]


def backref_possible(text: str, words: frozenset[str]) -> bool:
    """The title rule's pre-filter on the whole of ``text``."""
    return extract_projects._backref_possible(fold_text(text), 0, len(text), words)
