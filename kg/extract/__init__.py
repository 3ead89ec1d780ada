"""Extraction: Minutes -> mentions of people, organisations and projects, and the links the text
states between them (memberships, collaborations, the body that met and its parent).

The only module that touches ``spacy.Doc``: the pipeline of ``kg.nlp`` proposes spans, this module
turns them into ``Mention``s with document offsets, names and gazetteer keys, and adds what the
structure of the minutes says (attendance lists, presenters, affiliations). Rules here decide only
what the text of one document supports; identity across documents is ``kg.resolve``'s job.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import gazetteer
from ..models import Extraction, Membership, Mention, Minutes, PersonRef, Span
from ..nlp import (CANDIDATES, ORG, PER, PRJ, PROJECT_CUE_RULES, SPANS_KEY, cue, cue_phrases, email_name, get_nlp, group_canonical,
                  is_abbreviation, is_first_name, is_ordinary_word, is_surname, strip_genitive, token_table)
from ..text import fold

ABBREVIATION_RE = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,2}[A-ZÅÄÖ]{1,4}$")


# --------------------------------------------------------------------------- names

MARKDOWN_MARKS_RE = re.compile(r"[~*_]+")


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """Single spaces, no Markdown marks or edge punctuation: '~~Christer\\nPålsson~~' -> 'Christer Pålsson'."""
    text = MARKDOWN_MARKS_RE.sub("", text)
    text = " ".join(text.split())
    return text.strip(" ,.;:()[]\"'“”«»")


def clean_org_name(text: str) -> str:
    """'Skol - och fritidsförvaltningen' -> 'Skol- och fritidsförvaltningen'; genitive dropped;
    first letter capitalised ('socialförvaltningens' -> 'Socialförvaltningen')."""
    name = clean_name(text)
    name = re.sub(r"(\w) ?- ?(och|eller) ", r"\1- \2 ", name)
    words = name.split(" ")
    last = words[-1]
    if re.search(r"(en|et|na|an|ns|ts)s$", last) or re.search(r"[A-ZÅÄÖ]{2,}:?s$", last):
        words[-1] = strip_genitive(last) or last
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def clean_project_name(text: str) -> str:
    name = clean_name(text)
    return name[:1].upper() + name[1:]


def first_token(name: str) -> str:
    return _fold_word(name.split(" ")[0]) if name else ""


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    """``fold(word)``, remembered: the rules fold the same few thousand words over and over."""
    return fold(word)


# --------------------------------------------------------------------------- context

_SPAN_ORDER = attrgetter("span.start", "span.end")
_MENTION_ORDER = attrgetter("span.start", "span.end", "kind")


class _Mentions(dict):
    """Mentions by (start, end, kind), counting their changes so that sorted views can be kept."""

    version = 0

    def __setitem__(self, key, value) -> None:
        self.version += 1
        super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        self.version += 1
        super().__delitem__(key)

    def pop(self, *args):
        self.version += 1
        return super().pop(*args)

    def popitem(self):
        self.version += 1
        return super().popitem()

    def setdefault(self, key, default=None):
        self.version += 1
        return super().setdefault(key, default)

    def update(self, *args, **kwargs) -> None:
        self.version += 1
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self.version += 1
        super().clear()


class _SpanIndex:
    """(start, end) pairs found by overlap without reading all of them: long minutes have
    thousands of names and organisations, and a scan per mention made extraction quadratic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        order = sorted(range(len(spans)), key=spans.__getitem__)   # by start (ties in any order)
        self.starts = [spans[k][0] for k in order]
        self.order = order
        self.longest = max(max((b - a for a, b in spans), default=0), 0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions in ``spans`` (ascending) of the pairs (a, b) with a < end and start < b."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        spans = self.spans
        return sorted(k for k in self.order[lo:hi] if start < spans[k][1])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any pair overlaps [start, end): ``bool(overlapping(start, end))``."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        spans = self.spans
        return any(start < spans[k][1] for k in self.order[lo:hi])

    def first_overlapping(self, start: int, end: int) -> int | None:
        """The first of ``overlapping(start, end)``, None when there is none."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        spans = self.spans
        return min((k for k in self.order[lo:hi] if start < spans[k][1]), default=None)


class _PlainSpan:
    """What the rules read of a spaCy span, read once: ``label_``, ``id_``, ``kb_id_``, the
    character offsets, ``text`` and the number of tokens (``len``). Each read of a ``Span``'s
    string attributes goes through the string store, and ``Span.text`` through its tokens."""

    __slots__ = ("label_", "id_", "kb_id_", "start_char", "end_char", "text", "_length")

    def __init__(self, label: str, id_: str, kb_id: str, start_char: int, end_char: int, text: str,
                 length: int) -> None:
        self.label_, self.id_, self.kb_id_ = label, id_, kb_id
        self.start_char, self.end_char, self.text, self._length = start_char, end_char, text, length

    def __len__(self) -> int:
        return self._length

    def __repr__(self) -> str:
        return f"_PlainSpan({self.label_!r}, {self.start_char}, {self.end_char}, {self.text!r})"


def plain_spans(spans: Iterable[SpacySpan], text: str) -> list[_PlainSpan]:
    """The spans as ``_PlainSpan``s; ``text`` is the document's text (``Span.text`` is the text
    between the span's character offsets: the tokens cover the text without gaps)."""
    return [_PlainSpan(s.label_, s.id_, s.kb_id_, s.start_char, s.end_char, text[s.start_char:s.end_char], len(s))
            for s in spans]


def _labelled(group: Iterable[SpacySpan], label: str, id_: str) -> list[SpacySpan]:
    """``[s for s in group if s.label_ == label and s.id_ == id_]``, comparing the hashes first
    (a string attribute is a look-up in the string store; equal strings have equal hashes)."""
    label_hash, id_hash = hash_string(label), hash_string(id_)
    return [s for s in group if s.label == label_hash and s.id == id_hash and s.label_ == label and s.id_ == id_]


@dataclass
class _Doc:
    """What extraction knows about one document while it works."""

    minutes: Minutes
    sdoc: Doc
    scope: str | None = None
    mentions: dict[tuple[int, int, str], Mention] = field(default_factory=_Mentions)
    memberships: list[Membership] = field(default_factory=list)
    collaborations: list[tuple[Mention, Mention, int | None]] = field(default_factory=list)
    abbreviations: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    owner: Mention | None = None
    _sorted: dict[str, tuple[int, list[Mention]]] = field(default_factory=dict, repr=False)
    _item_bounds: tuple[list[int], list[int]] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.minutes.document.text

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def item_of(self, start: int, end: int) -> int | None:
        """The first item whose span holds [start, end]. When the items' starts and ends both
        ascend (as the segmenter makes them), the items that start at or before ``start`` and
        hold ``end`` are those from the first whose end reaches ``end``: two bisections."""
        bounds = self._item_bounds
        if bounds is None:
            bounds = self._item_bounds = _item_bounds(self.minutes.items)
        if not bounds:
            return _item_of_plain(self.minutes.items, start, end)
        starts, ends = bounds
        last = bisect_right(starts, start)          # items[:last] start at or before ``start``
        k = bisect_left(ends, end, 0, last)
        return k if k < last else None

    def add(self, m: Mention) -> Mention:
        key = (m.span.start, m.span.end, m.kind)
        if key not in self.mentions:
            self.mentions[key] = m
        return self.mentions[key]

    def _ordered(self, kind: str) -> tuple[int, list[Mention], list[int]]:
        version = self.mentions.version
        kept = self._sorted.get(kind)
        if kept is None or kept[0] != version:
            ordered = sorted((m for m in self.mentions.values() if m.kind == kind), key=_SPAN_ORDER)
            kept = self._sorted[kind] = (version, ordered, [m.span.start for m in ordered])
        return kept

    def of_kind(self, kind: str) -> list[Mention]:
        """The mentions of one kind in text order (a fresh list; sorted again only after a change)."""
        return list(self._ordered(kind)[1])

    def within(self, kind: str, start: int, end: int, after_start: bool = False) -> list[Mention]:
        """The mentions of one kind inside [start, end] (starting after ``start`` with
        ``after_start``), in text order: ``[m for m in of_kind(kind) if start <= m.span.start and
        m.span.end <= end]`` without reading every mention."""
        _, ordered, starts = self._ordered(kind)
        lo = bisect_right(starts, start) if after_start else bisect_left(starts, start)
        return [m for m in ordered[lo:bisect_right(starts, end)] if m.span.end <= end]


def _tokens_of(table, words: Iterable[str]) -> list[int]:
    """The indices, ascending, of the tokens whose text is one of ``words``: found by searching the
    text for each word (a token's text stands verbatim at its offset), not by reading every token
    (faster for a rare word such as "(", slower for a dozen names)."""
    text, idx, texts = table.text, table.idx, table.texts
    found = []
    for word in words:
        for at in _occurrences(text, word):
            i = bisect_left(idx, at)
            if i < len(idx) and idx[i] == at and texts[i] == word:
                found.append(i)
    return sorted(found)


def _positions_of(values: list[str], wanted: frozenset[str]) -> list[int]:
    """The positions, ascending, of the values that are in ``wanted``: the few wanted values that
    occur are found first (one pass in C), then only their positions are looked up."""
    found = []
    for value in wanted.intersection(values):
        at = values.index(value)
        while True:
            found.append(at)
            try:
                at = values.index(value, at + 1)
            except ValueError:
                break
    return sorted(found)


def _item_of_plain(items, start: int, end: int) -> int | None:
    for k, item in enumerate(items):
        if item.span.start <= start and end <= item.span.end:
            return k
    return None


def _item_bounds(items) -> tuple[list[int], list[int]] | tuple[()]:
    """(starts, ends) of the items when both ascend, else () (``item_of`` then reads them all)."""
    starts = [item.span.start for item in items]
    ends = [item.span.end for item in items]
    if all(a <= b for a, b in zip(starts, starts[1:])) and all(a <= b for a, b in zip(ends, ends[1:])):
        return starts, ends
    return ()


def _structure_refs(minutes: Minutes) -> list[tuple[PersonRef, str, int | None]]:
    """Every PersonRef with its slot and item index, header slots first."""
    out: list[tuple[PersonRef, str, int | None]] = []
    for slot in ("attendees", "absentees", "minute_takers", "chairs", "adjusters"):
        out += [(ref, slot, None) for ref in getattr(minutes, slot)]
    for sub in minutes.substitutes:   # the entry that says who served for whom names both again
        out += [(sub.substitute, "attendees", None)] + ([(sub.replaced, "absentees", None)] if sub.replaced else [])
    for k, item in enumerate(minutes.items):
        out += [(ref, "presenter", k) for ref in item.presenters]
    return out


# --------------------------------------------------------------------------- entry point

def extract(minutes: Minutes, parsed: Doc | None = None) -> Extraction:
    """Mentions, memberships, collaborations, body and parent of one document. ``parsed`` is the
    spaCy Doc of its text when the caller made it already (``pipeline.process_documents``)."""
    sdoc = parsed if parsed is not None else get_nlp()(minutes.document.text)
    ctx = _Doc(minutes, sdoc)
    spans = plain_spans(sdoc.spans[SPANS_KEY], minutes.document.text) if SPANS_KEY in sdoc.spans else []
    ctx.scope = document_scope(spans)
    refs = [(r, slot, k) for r, slot, k in _structure_refs(minutes) if _quotes(ctx, r.span)]
    ref_spans = _SpanIndex([(r.span.start, r.span.end) for r, _, _ in refs])

    org_spans = [s for s in spans if s.label_ == ORG]
    for s in org_spans:
        m = org_mention(ctx, s)
        if m is None:
            continue
        hits = ref_spans.overlapping(m.span.start, m.span.end)
        if hits:   # (most organisations stand in no structural person span)
            inside = [ref_spans.spans[k] for k in hits
                      if ref_spans.spans[k][0] < m.span.start and m.span.end <= ref_spans.spans[k][1]]
            if inside and not _full_name_before(ctx, ctx.span(*inside[0]), m.span.start):
                continue   # "Bahar Norberg": the town is the person's surname
            if _inside_ref(ref_spans, m.span.start, m.span.end, allow_tail=True):
                continue
        ctx.add(m)
    define_abbreviations(ctx)
    people = _labelled(sdoc.spans[CANDIDATES], PER, "person") if CANDIDATES in sdoc.spans else []
    person_refs(ctx, refs, spans, plain_spans(people, minutes.document.text))
    persons_from_rules(ctx, spans, ref_spans)
    at_mentions(ctx)
    projects(ctx, spans, ref_spans)
    item_title_projects(ctx)
    body, parent = body_and_parent(ctx)
    ctx.owner = parent or body
    groups_as_body(ctx, body)
    context_units(ctx, body, parent)
    given_names_of_the_document(ctx)
    initials_of_people(ctx)
    email_names(ctx)
    link_first_names(ctx, refs)
    affiliations(ctx, refs)
    slot_organisations(ctx)
    text_memberships(ctx)
    drop_places(ctx)
    org_memberships(ctx)
    group_memberships(ctx)
    collaborations(ctx)
    mentions = tuple(sorted(ctx.mentions.values(), key=_MENTION_ORDER))
    return Extraction(
        minutes=minutes,
        mentions=mentions,
        memberships=tuple(_unique(ctx.memberships)),
        collaborations=tuple(_unique(ctx.collaborations)),
        body=body,
        parent=parent,
    )


def _unique(xs: Iterable) -> list:
    return list(dict.fromkeys(xs))


def _quotes(ctx: _Doc, span: Span) -> bool:
    return 0 <= span.start <= span.end <= len(ctx.text) and ctx.text[span.start:span.end] == span.text


def _full_name_before(ctx: _Doc, ref: Span, start: int) -> bool:
    """Whether at least a given name and a surname stand in ``ref`` before ``start``
    ("Maria Norrby | Helsingborg", but not "Bahar | Norberg")."""
    return ref.start < start and len(ctx.text[ref.start:start].split()) >= 2


def _overlaps(spans: list[tuple[int, int]], span: Span) -> bool:
    return any(a < span.end and span.start < b for a, b in spans)


def _inside_ref(ref_spans: _SpanIndex, start: int, end: int, allow_tail: bool = False) -> bool:
    """Whether [start, end) overlaps a structural person span (an org at its end is an
    affiliation); the first such span in the structure's order decides."""
    first = ref_spans.first_overlapping(start, end)
    if first is None:
        return False
    a, b = ref_spans.spans[first]
    return not (allow_tail and a < start and end <= b)


# --------------------------------------------------------------------------- organisations

def document_scope(spans: Iterable[SpacySpan]) -> str | None:
    """The municipality the minutes come from: the one their unambiguous names point to most."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for s in spans:
        if s.label_ != ORG or not s.kb_id_ or "|" in s.kb_id_ or s.kb_id_.startswith("group:"):
            continue
        try:
            entry = gazetteer.organization(s.kb_id_)
        except KeyError:
            continue
        scope = entry.key if entry.type in ("municipality", "region") else gazetteer.org_scope(entry.key)
        if scope:
            votes[scope] += 1
            first.setdefault(scope, s.start_char)
    if not votes:
        return None
    best = max(votes.values())
    return min((k for k, v in votes.items() if v == best), key=first.__getitem__)


@lru_cache(maxsize=1 << 16)
def narrow_keys(kb_id: str, surface: str, scope: str | None) -> tuple[str | None, str | None]:
    """(gazetteer key, generic group name) a matched name stands for in a document of ``scope``
    (remembered: the same names recur in every document of a municipality)."""
    keys = [k for k in kb_id.split("|") if k and not k.startswith("group:")]
    groups = [k[6:] for k in kb_id.split("|") if k.startswith("group:")]
    if keys:
        inscope = [k for k in keys if scope is None or gazetteer.org_scope(k) in (None, scope) or k == scope]
        if len(inscope) > 1:
            inscope = [k for k in inscope if k in gazetteer.lookup_organization(surface, scope)] or inscope
        if len(inscope) == 1:
            return inscope[0], None
        if not inscope and groups:
            return None, groups[0]
        return None, None
    if groups:
        return None, groups[0]
    return None, None


def org_mention(ctx: _Doc, s: SpacySpan, source: str | None = None) -> Mention | None:
    """A Mention for an organisation span: gazetteer key and name, generic group, or pattern name."""
    span = ctx.span(s.start_char, s.end_char)
    item = ctx.item_of(span.start, span.end)
    doc_id = ctx.minutes.document.identifier
    if s.kb_id_:
        key, group = narrow_keys(s.kb_id_, s.text, ctx.scope)
        if key:
            return Mention("organization", span, gazetteer.organization(key).pref_label, doc_id, item,
                           source or "gazetteer", key=key)
        if group:
            return Mention("organization", span, group, doc_id, item, source or "group")
        return None
    name = clean_org_name(s.text)
    canonical = group_canonical().get(fold(name))
    if canonical:
        return Mention("organization", span, canonical, doc_id, item, source or "group")
    return Mention("organization", span, name, doc_id, item, source or f"pattern:{s.id_}")


def resolve_org_text(ctx: _Doc, text: str) -> tuple[str | None, str | None, str]:
    """(key, group, name) for an organisation written as plain text (an affiliation, a party)."""
    surface = clean_name(text)
    if surface in ctx.abbreviations:
        name, key = ctx.abbreviations[surface]
        return key, None, name
    keys = gazetteer.lookup_organization(surface, ctx.scope)
    if not keys:
        base = strip_genitive(surface)
        keys = gazetteer.lookup_organization(base, ctx.scope) if base else ()
    if not keys and surface[:1].isupper() and " " not in surface:
        # an affiliation slot says "organisation": "Vara" is Vara kommun though "vara" is a word
        for form in (f"{surface} kommun", f"{surface}s kommun", f"{surface} stad", f"{surface}s stad"):
            keys = tuple(k for k in gazetteer.lookup_organization(form, ctx.scope)
                         if gazetteer.organization(k).type == "municipality")
            if keys:
                break
    if len(keys) == 1:
        return keys[0], None, gazetteer.organization(keys[0]).pref_label
    group = group_canonical().get(fold(surface))
    if group and not (is_abbreviation(surface) and not surface.isupper()):
        return None, group, group
    return None, None, surface


def define_abbreviations(ctx: _Doc) -> None:
    """'skol- och fritidsförvaltningen (SFF)' and 'OCN (Open College Network)': the document's own
    abbreviations, applied to every use of them in the document."""
    table = token_table(ctx.sdoc)
    content = table.content   # the tokens that are not whitespace, by their position among them
    n = len(content)

    def text_at(k: int) -> str:
        return table.texts[content[k]]

    def start_at(k: int) -> int:
        return table.idx[content[k]]

    opening = [bisect_left(content, i) for i in _tokens_of(table, ("(",))]
    # the abbreviations in parentheses ("(SFF)") and before them ("OCN (");
    # the organisations are read only for a document that has one
    closed = [k for k in opening if k < n - 2 and text_at(k + 2) == ")" and ABBREVIATION_RE.match(text_at(k + 1))]
    opened = [k for k in [p - 1 for p in opening if p >= 1] if ABBREVIATION_RE.match(text_at(k))]
    if not closed and not opened:
        return
    orgs = {(m.span.start, m.span.end): m for m in ctx.of_kind("organization")}
    by_start = {m.span.start: m for m in orgs.values()}
    by_end = {m.span.end: m for m in orgs.values()}
    for k in closed:
        before = by_end.get(start_at(k - 1) + len(text_at(k - 1))) if k > 0 else None
        if before is not None:
            ctx.abbreviations.setdefault(text_at(k + 1), (before.name, before.key))
    for k in opened:
        inner = by_start.get(start_at(k + 2)) if k + 2 < n else None
        if inner is not None:
            ctx.abbreviations.setdefault(text_at(k), (inner.name, inner.key))
    if ctx.abbreviations:
        _apply_abbreviations(ctx, orgs, list(map(table.texts.__getitem__, content)),
                             list(map(table.idx.__getitem__, content)))


def _apply_abbreviations(ctx: _Doc, orgs: dict[tuple[int, int], Mention], texts: list[str], idx: list[int]) -> None:
    """An organisation mention for every use of the document's abbreviations (``texts`` and
    their offsets ``idx``: the words of the document), in place of another organisation's
    mention of the same words."""
    taken = _SpanIndex([(m.span.start, m.span.end) for m in ctx.mentions.values()])
    doc_id = ctx.minutes.document.identifier
    for word, start in zip(texts, idx):
        base = word if word in ctx.abbreviations else (strip_genitive(word) or "")
        if base not in ctx.abbreviations:
            continue
        end = start + len(word)
        if taken.overlaps(start, end):
            existing = orgs.get((start, end))
            if existing is None or existing.key == ctx.abbreviations[base][1]:
                continue
            del ctx.mentions[(start, end, "organization")]
        name, key = ctx.abbreviations[base]
        span = ctx.span(start, end)
        ctx.add(Mention("organization", span, name, doc_id, ctx.item_of(start, end), "abbreviation", key=key))


def context_units(ctx: _Doc, body: Mention | None, parent: Mention | None) -> None:
    """'sekretariatet' means the unit of the minutes' own organisation: the gazetteer's unit of
    that organisation named by the word, else "<organisation>s sekretariat"."""
    owner = parent or body
    if owner is None:
        return
    owners = [m.key for m in (parent, body) if m is not None and m.key]
    units = cue("context_units")
    doc_id = ctx.minutes.document.identifier
    taken = [(m.span.start, m.span.end) for m in ctx.mentions.values()]
    taken_index = _SpanIndex(taken)
    table = token_table(ctx.sdoc)
    for i in _positions_of(table.norms, units):
        text = table.texts[i]
        start, end = table.idx[i], table.idx[i] + len(text)
        if taken_index.overlaps(start, end):
            continue
        name, key = unit_name(owner, owners, text)
        ctx.add(Mention("organization", ctx.span(start, end), name, doc_id, ctx.item_of(start, end),
                        "context_unit", key=key))


def unit_name(owner: Mention, owners: list[str], word: str) -> tuple[str, str | None]:
    """(name, key) of the unit ``word`` ('sekretariatet') of the organisation ``owner``."""
    key = unit_of(owners, word)
    if key is not None:
        return gazetteer.organization(key).pref_label, key
    indefinite = re.sub(r"(?<=[a-zåäö])(et|en)$", "", word.lower())
    return f"{genitive(owner.name)} {indefinite}", None


def genitive(name: str) -> str:
    """'Skaraborgs kommunalförbund' -> 'Skaraborgs kommunalförbunds'; 'Familjen Helsingborg' -> '...s'."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def unit_of(owners: list[str], word: str) -> str | None:
    """The gazetteer child of an owner whose name ends in ``word`` (definite or indefinite)."""
    for owner in owners:
        hits = _units_named(owner, word)
        if len(hits) == 1:
            return hits[0]
    return None


@lru_cache(maxsize=1 << 12)
def _units_named(owner: str, word: str) -> tuple[str, ...]:
    """The gazetteer children of ``owner`` whose name ends in ``word`` (read once per pair: a
    look-up reads every organisation)."""
    stems = {fold(word), re.sub(r"(et|en)$", "", fold(word))}
    return tuple(e.key for e in gazetteer.load_organizations() if e.parent == owner
                 and any(fold(label).split(" ")[-1] in stems for label in e.labels))


# --------------------------------------------------------------------------- persons

def person_refs(ctx: _Doc, refs: list[tuple[PersonRef, str, int | None]], spans: list[SpacySpan],
                people: list[SpacySpan] | None = None) -> None:
    """A person Mention for every PersonRef, with exactly its span (the graph links slots through it).
    ``people``: the person candidates of the pipeline (read from the document when not given)."""
    doc_id = ctx.minutes.document.identifier
    if people is None:
        people = [s for s in ctx.sdoc.spans.get(CANDIDATES, []) if s.label_ == PER and s.id_ == "person"]
    # (start, end, position) of the candidates, by start: a ref looks only at those that start in it
    by_start = sorted((s.start_char, s.end_char, k) for k, s in enumerate(people))
    starts = [x[0] for x in by_start]
    org_starts: dict[int, list[int]] = {}   # end -> starts of the organisation spans ending there
    for o in spans:
        if o.label_ == ORG:
            org_starts.setdefault(o.end_char, []).append(o.start_char)
    org_at = {o.start_char for o in spans if o.label_ == ORG}
    for ref, slot, item in refs:
        a, b = ref.span.start, ref.span.end
        if a in org_at and not is_first_name(ref.name.split()[0]):
            continue   # "Region Jämtland Härjedalen" in a list of participants: the organisation, not a person
        inside = [k for start, end, k in by_start[bisect_left(starts, a):bisect_right(starts, b)] if end <= b]
        name = clean_name(ref.name)
        if " " in name and " " in ref.span.text.strip():
            # (a slot that names the person in full; "SL:" stands for the "Sara Lindell" segmentation gave it)
            name = clean_name(ctx.text[slice(*name_bounds(ctx.text, a, b))])   # "Tjänstepersoner   Lars Edvardsson"
        if inside and (len(inside) > 1
                       or any(_full_name_before(ctx, ref.span, start) for start in org_starts.get(b, ()))):
            name = clean_name(people[min(inside)].text)   # "Maria Norrby Helsingborg", "A B C D E" run together
        if item is None:
            item = ctx.item_of(ref.span.start, ref.span.end)
        ctx.add(Mention("person", ref.span, name, doc_id, item, "structure", first_name_only=" " not in name))


def persons_from_rules(ctx: _Doc, spans: list[SpacySpan], ref_spans: _SpanIndex) -> None:
    doc_id = ctx.minutes.document.identifier
    org_starts = {s.start_char for s in spans if s.label_ == ORG}
    for s in spans:
        if s.label_ != PER:
            continue
        if _inside_ref(ref_spans, s.start_char, s.end_char):
            continue
        item = ctx.item_of(s.start_char, s.end_char)
        if s.id_ == "email":
            ctx.add(Mention("person", ctx.span(s.start_char, s.end_char), email_name(s.text), doc_id, item, "email"))
        elif s.id_ in ("first_name", "first_name_weak") or len(s) == 1:
            if _place_name(ctx.text, s.start_char, s.end_char):
                continue
            ctx.add(Mention("person", ctx.span(s.start_char, s.end_char), clean_name(s.text), doc_id, item,
                            s.id_ or "first_name", first_name_only=True))
        else:
            if s.start_char in org_starts and not is_first_name(s.text.split()[0]):
                continue   # "Region Norrbotten", "Vårdförbundet Jämtland": an organisation, not a person
            start, end = name_bounds(ctx.text, s.start_char, s.end_char)
            if start == s.start_char and end == s.end_char:
                ctx.add(Mention("person", ctx.span(start, end), clean_name(s.text), doc_id, item, s.id_ or "person"))
            elif len(ctx.text[start:end].split()) > 1:
                span = ctx.span(start, end)
                ctx.add(Mention("person", span, clean_name(span.text), doc_id, item, s.id_ or "person"))
            elif not any(o.label_ == PER and o is not s and o.start_char <= start and end <= o.end_char for o in spans):
                # "Miljöchef Anna-Karin": the given name alone, for the links to the full name
                ctx.add(Mention("person", ctx.span(start, end), clean_name(ctx.text[start:end]), doc_id, item,
                                "first_name", first_name_only=True))


NAME_WORD_RE = re.compile(r"\S+")
WIDE_GAP_RE = re.compile(r"[ \t]{3,}|\t")


def name_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside a found run of capitalised words, by character offsets:
    * a title before it is no part of it ('Förvaltningschef Kerstin Hedman', 'Controller Ulrika Lidén');
    * flattened columns end it at a wide gap ('Fredrik Ahlström    Kostnadssammanställning');
    * an ordinary word glued after a full name ends it ('Lina Forsgren Uppföljningsplan');
    * a genitive surname before a lower-case word is the surname ('Anders Wibergs förslag')."""
    words = [(m.start(), m.end()) for m in NAME_WORD_RE.finditer(text, start, end)]
    if len(words) >= 2 and _title_word(text[words[0][0]:words[0][1]]) and is_first_name(text[words[1][0]:words[1][1]]):
        words = words[1:]
    for k in range(1, len(words)):
        if WIDE_GAP_RE.search(text, words[k - 1][1], words[k][0]):
            words = words[:k]
            break
    if len(words) >= 3:
        last = text[words[-1][0]:words[-1][1]]
        if not is_surname(last) and not is_first_name(last) and _common_noun(last):
            words = words[:-1]
    if len(words) >= 2:
        a, b = words[-1]
        last = text[a:b]
        base = strip_genitive(last)
        if base is not None and last.endswith("s") and is_surname(base) and not is_surname(last) \
                and GENITIVE_NEXT_RE.match(text, b):
            words[-1] = (a, b - 1)
    return words[0][0], words[-1][1]


def _common_noun(word: str) -> bool:
    """'Uppföljningsplan', 'Dessutom': an ordinary word or a compound of two (with a linking s),
    and no surname's ending ('Bergström' is 'berg' + 'ström')."""
    lower = word.lower()
    if fold(lower) in cue("sentence_openers"):
        return True
    if not lower.isalpha() or fold(lower).endswith(_surname_endings()):
        return False
    if is_ordinary_word(lower):
        return True
    for k in range(3, len(lower) - 2):
        head, tail = lower[:k], lower[k:]
        if is_ordinary_word(tail) and (is_ordinary_word(head) or head.endswith("s") and is_ordinary_word(head[:-1])):
            return True
    return False


@lru_cache(maxsize=1)
def _surname_endings() -> tuple[str, ...]:
    return tuple(sorted(cue("surname_endings")))


GENITIVE_NEXT_RE = re.compile(r"[ \t]+[a-zåäöé]")


@lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    return tuple(sorted(cue("title_endings")))


def _title_word(word: str) -> bool:
    return not is_first_name(word) and (fold(word).endswith(_title_endings()) or is_ordinary_word(word.lower()))


def _place_name(text: str, start: int, end: int) -> bool:
    """'Helge å', 'S:t Petri': a given name that is part of a place's name."""
    after = re.match(r"[ \t]+(\w+)", text[end:end + 20])
    if after and after.group(1).islower() and fold(after.group(1)) in cue("place_heads"):
        return True
    before = text[max(0, start - 8):start].split()
    return bool(before) and fold(before[-1]) in cue("saint_prefixes")


AT_MENTION_RE = re.compile(r"(?<![\w@.])@([A-ZÅÄÖ][\wåäöé]+(?:-[A-ZÅÄÖ][\wåäöé]+)?(?:[ \t][A-ZÅÄÖ][\wåäöé-]+){1,2})")


def at_mentions(ctx: _Doc) -> None:
    """'- @Erik Blom (Gävle kommun)', '- [ ] @Maria Sjöberg: beställa material': notes written in a
    chat or a wiki name people with an '@' before a given name and a surname."""
    if "@" not in ctx.text:
        return
    doc_id = ctx.minutes.document.identifier
    for m in AT_MENTION_RE.finditer(ctx.text):
        a, b = m.span(1)
        words = m.group(1).split()
        if not is_first_name(words[0]) or ctx.within("person", a, b):
            continue
        if len(words) == 3 and not is_surname(words[2]):
            b = a + len(" ".join(words[:2]))
        ctx.add(Mention("person", ctx.span(a, b), clean_name(ctx.text[a:b]), doc_id, ctx.item_of(a, b), "at"))


INITIALS_DEFINED_RE = re.compile(r"[ \t]*\(([A-ZÅÄÖ]{2,4})\)")


def initials_of_people(ctx: _Doc) -> None:
    """'Kjell Åhman (KÅ), fritidschef ...' then 'KÅ och CV träffar simklubben': initials the text
    defines for a person (the first letters of the name's words) are mentions of that person
    wherever they stand as a word."""
    defined: dict[str, Mention] = {}
    definitions: set[tuple[int, int]] = set()
    for p in ctx.of_kind("person"):
        if " " not in p.name:
            continue
        m = INITIALS_DEFINED_RE.match(ctx.text, p.span.end)
        if m is None:
            continue
        if ctx.within("organization", m.start(1), m.end(1)):
            continue   # "Sven Dahl (SD)": the party, not his initials
        letters = "".join(w[0] for w in re.split(r"[\s-]+", p.name) if w).upper()
        initials = m.group(1)
        if initials in (letters, letters[0] + letters[-1]):
            defined.setdefault(initials, p)
            definitions.add(m.span(1))
    if not defined:
        return
    doc_id = ctx.minutes.document.identifier
    taken = {(m.span.start, m.span.end) for m in ctx.mentions.values()} | definitions   # (the slot reads on)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(defined))) + r")(?![\w-])")
    for m in pattern.finditer(ctx.text):
        a, b = m.span(1)
        if (a, b) in taken:
            continue
        p = defined[m.group(1)]
        ctx.add(Mention("person", ctx.span(a, b), p.name, doc_id, ctx.item_of(a, b), "initials"))


def given_names_of_the_document(ctx: _Doc) -> None:
    """A capitalised word that is the given name of someone named in full in this document is a
    lone given-name mention even when no list knows the name ("Lila återkopplar ...")."""
    given = {first_token(m.name) for m in ctx.of_kind("person") if " " in m.name and not m.first_name_only}
    doc_id = ctx.minutes.document.identifier
    if not given:
        return
    taken_index = None   # the mentions found before this rule, indexed when first needed (before it adds any)
    table = token_table(ctx.sdoc)
    texts, n = table.texts, len(table.texts)
    # the test on the text alone, once per distinct text
    names = {text for text in set(texts) if text[:1].isupper() and not text.isupper() and _fold_word(text) in given}
    for i in compress(range(n), map(names.__contains__, texts)):
        text = texts[i]
        start, end = table.idx[i], table.idx[i] + len(text)
        # (a line break between two words is a token of its own: a token's trailing white space
        # is at most one space)
        if i + 1 < n and texts[i + 1][:1].isupper() and table.alpha[i + 1]:
            continue   # part of a longer capitalised name
        if taken_index is None:
            taken_index = _SpanIndex([(m.span.start, m.span.end) for m in ctx.mentions.values()])
        if taken_index.overlaps(start, end):
            continue
        ctx.add(Mention("person", ctx.span(start, end), text, doc_id, ctx.item_of(start, end),
                        "first_name_weak", first_name_only=True))


def email_names(ctx: _Doc) -> None:
    """'hani.kellyhagman@...' is the 'Hani Kelly Hagman' the document names, when one fits."""
    emails = [(key, m) for key, m in ctx.mentions.items() if m.kind == "person" and m.source == "email"]
    if not emails:
        return
    full = {_compact(m.name): m.name for m in ctx.of_kind("person")
            if " " in m.name and m.source != "email"}
    for key, m in emails:
        compact = _compact(m.name)
        if compact in full and full[compact] != m.name:
            ctx.mentions[key] = Mention("person", m.span, full[compact], m.document, m.item, m.source)


NOT_A_TO_Z_RE = re.compile(r"[^a-z]")


@lru_cache(maxsize=1 << 16)
def _compact(name: str) -> str:
    return NOT_A_TO_Z_RE.sub("", fold(name))


def link_first_names(ctx: _Doc, refs: list[tuple[PersonRef, str, int | None]]) -> None:
    """Give a lone given name the full name of the one person it can mean in this document.

    Candidates, tier by tier: the presenters of the same item, the people of the attendance lists,
    people named in full in the same item, people named in full anywhere in the document. The
    first tier with a candidate decides; two different candidates there leave it unlinked (never
    wrong). A weak given name (also an ordinary word: "Lisa", "Mats") that links to nobody is dropped.
    """
    full = [m for m in ctx.of_kind("person") if not m.first_name_only and " " in m.name]
    presenters: dict[int, list[str]] = {}
    header: list[str] = []
    for ref, slot, item in refs:
        m = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
        if m is None or m.first_name_only:
            continue
        if slot == "presenter" and item is not None:
            presenters.setdefault(item, []).append(m.name)
        elif slot != "absentees":
            header.append(m.name)
    # each tier's names grouped by their given name, in order (made once, not per lone given name)
    def by_given(names: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for n in names:
            out.setdefault(first_token(n), []).append(n)
        return out

    full_in_item: dict[int, list[str]] = {}
    for f in full:
        if f.item is not None:
            full_in_item.setdefault(f.item, []).append(f.name)
    full_names = [f.name for f in full]
    grouped: dict[tuple[str, int | None], dict[str, list[str]]] = {}

    def tier(name: str, item: int | None, names: list[str]) -> dict[str, list[str]]:
        if (name, item) not in grouped:
            grouped[(name, item)] = by_given(names)
        return grouped[(name, item)]

    def tiers(item: int | None) -> Iterator[dict[str, list[str]]]:
        """The tiers in order, each grouped only when reached (most given names link in the first two)."""
        yield tier("presenters", item, presenters.get(item, []) if item is not None else [])
        yield tier("header", None, header)
        yield tier("item", item, full_in_item.get(item, []) if item is not None else [])
        yield tier("full", None, full_names)

    for m in ctx.of_kind("person"):
        if not m.first_name_only:
            continue
        given = _fold_word(m.name)
        linked: str | None = None
        ambiguous = False
        for names in tiers(m.item):
            fits = sorted({_fold_word(n): n for n in names.get(given, ())}.values())
            if len(fits) == 1:
                linked = fits[0]
                break
            if len(fits) > 1:
                ambiguous = True
                break
        key = (m.span.start, m.span.end, "person")
        if linked:
            ctx.mentions[key] = Mention("person", m.span, linked, m.document, m.item, m.source + "+linked")
        elif m.source == "first_name_weak":
            del ctx.mentions[key]       # probably the ordinary word
        elif ambiguous:
            ctx.mentions[key] = Mention("person", m.span, m.name, m.document, m.item, m.source + "+ambiguous",
                                        first_name_only=True)


# --------------------------------------------------------------------------- projects

def projects(ctx: _Doc, spans: list[SpacySpan], ref_spans: _SpanIndex) -> None:
    """Project mentions, except where the structure has put something else (a place, the body,
    a person's affiliation) or a person or organisation already stands."""
    doc_id = ctx.minutes.document.identifier
    minutes = ctx.minutes
    blocked = [(s.start, s.end) for s in (minutes.location, minutes.date_span) if s]
    # a body's name may hold the name of the project it works on ("Projekt Nytt badhus –
    # projektgruppsmöte", "Styrgrupp Heltid som norm"): a project word must have introduced it
    body = [(minutes.body.start, minutes.body.end)] if minutes.body else []
    blocked += [(r.affiliation.start, r.affiliation.end) for r, _, _ in _structure_refs(minutes) if r.affiliation]
    # the mentions so far as (start, end, kind), by start, kept up to date as projects are added
    marks = sorted((m.span.start, m.span.end, m.kind) for m in ctx.mentions.values())
    starts = [x[0] for x in marks]
    longest = max((b - a for a, b, _ in marks), default=0)
    for s in spans:
        if s.label_ != PRJ:
            continue
        if _inside_ref(ref_spans, s.start_char, s.end_char):
            continue
        span = ctx.span(s.start_char, s.end_char)
        if _overlaps(blocked, span) or (_overlaps(body, span) and s.id_ not in PROJECT_CUE_RULES):
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


def item_title_projects(ctx: _Doc) -> None:
    """Projects that an item's title names and its text treats as a project: a building
    undertaking on a property ("Nyproduktion kv. X – beslut om byggstart"), a trial named by what
    it is about ("Försöksverksamhet arbetsmarknad"), a one-word
    undertaking ("X-resan – lägesrapport"), or a title that a project word of its text refers back
    to ("Information om X" ... "Projektet har fått stöd"; "X 2017" ... "Enkäten genomförs").
    Precision first: only the part of the title before a dash, without a reporting prefix."""
    doc_id = ctx.minutes.document.identifier
    text = ctx.text
    for k, item in enumerate(ctx.minutes.items):
        found = _title_project(ctx, item, k)
        if found is not None:
            start, end, how = found
            name = text[start:end]
            ctx.add(Mention("project", ctx.span(start, end), name[:1].upper() + name[1:], doc_id,
                            ctx.item_of(start, end), f"project:{how}"))
    undertakings_in_text(ctx)


def _title_project(ctx: _Doc, item, k: int) -> tuple[int, int, str] | None:
    """(start, end, rule) of the project an item's title names, or None."""
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
    blockers = _taken(ctx, start, end)
    if blockers and not all(_lone_name_inside(m, start, end) for m in blockers):
        return None
    # "Nyproduktion kv. X": a building undertaking on a named property
    if len(words) >= 3 and first in cue("building_undertakings") and words[1][2] in cue("property_marks"):
        rest = head[words[2][0]:]
        if rest[:1].isupper() and not blockers:
            return start, end, "project_building"
    # "Försöksverksamhet arbetsmarknad": a trial named by what it is about
    if len(words) >= 2 and first in cue("undertaking_title_heads") and not blockers:
        return start, end, "project_trial"
    # "X-resan – lägesrapport": the whole name is one capitalised undertaking word
    if len(words) == 1 and _undertaking_word(head[a:b]) and not blockers:
        return start, end, "project_undertaking"
    # "Information om X" ... "Projektet har fått stöd": the text refers back to the title
    dated = bool(_TITLE_YEAR_RE.search(head[:b]))
    if len(words) < 2 or first in cue("item_title_reports"):
        return None   # a one-word title ("Ekonomi") is a topic, "Lägesrapport från ..." a report
    body_end = min(item.span.end, t1 + BACKREF_REACH)
    if ctx.within("project", t1, item.span.end):
        first_project = ctx.within("project", t1, item.span.end)[0].span.start
        body_end = min(body_end, first_project)   # a project named first is what the word refers to
    refs, dated_refs = cue("project_backrefs"), cue("project_backrefs_dated")
    for m in _SENTENCE_OPEN_RE.finditer(text, t1, body_end):
        word = fold(m.group(1))
        if word in refs or (dated and word in dated_refs):
            for p in blockers:   # "Liv och hälsa ung 2017": "Liv" is a word of the name here
                ctx.mentions.pop((p.span.start, p.span.end, p.kind), None)
            return start, end, "project_title_backref"
    return None


def _lone_name_inside(m: Mention, start: int, end: int) -> bool:
    """A one-word person mention strictly inside a title's name: a word of the name that was
    read as a given name ("Liv och hälsa ung 2017"), given way to only where the text refers
    back to the title as a project."""
    return (m.kind == "person" and start <= m.span.start and m.span.end <= end
            and (m.span.end - m.span.start) < (end - start) and " " not in m.name.strip())


def _taken(ctx: _Doc, start: int, end: int) -> list[Mention]:
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


_CAPITALISED_WORD_RE = re.compile(r"(?<=[a-zåäö,] )[A-ZÅÄÖ][a-zåäö]{5,}\b")


def undertakings_in_text(ctx: _Doc) -> None:
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


# --------------------------------------------------------------------------- body and parent

def body_and_parent(ctx: _Doc) -> tuple[Mention | None, Mention | None]:
    """The body that met (from the segmenter's span) and the organisation it belongs to.

    The parent is, in order: an organisation named inside the body's name after a linking word
    ("Kommundirektörmöte i Familjen Helsingborg"), an organisation on a header line above the body
    ("Skol - och fritidsförvaltningen" over "Helsingborgs stads skolors ledningsgrupp"), or the
    gazetteer's parent of the body when the document names it.
    """
    minutes = ctx.minutes
    if minutes.body is None or not _quotes(ctx, minutes.body):
        return None, None
    b = minutes.body
    orgs = ctx.of_kind("organization")
    body = next((m for m in orgs if (m.span.start, m.span.end) == (b.start, b.end)), None)
    if body is None:
        key, group, name = resolve_org_text(ctx, b.text)
        if key is None and group is None:
            name = clean_org_name(b.text)
            group = group_canonical().get(fold(name))
            name = group or name
        body = ctx.add(Mention("organization", b, name, minutes.document.identifier,
                               ctx.item_of(b.start, b.end), "structure", key=key))
    parent = next((m for m in orgs if b.start < m.span.start and m.span.end <= b.end and m is not body
                   and m.key != body.key), None)
    if parent is None:
        parent = _parent_in_body_name(ctx, body)
    if parent is None:
        first_item = min((it.span.start for it in minutes.items), default=len(ctx.text))
        header = [m for m in orgs if m.span.end <= b.start and m.span.end <= first_item and _is_owner(m)]
        parent = header[-1] if header else None
    if parent is None and body.key:
        ancestor = gazetteer.organization(body.key).parent
        while ancestor and parent is None:
            parent = next((m for m in orgs if m.key == ancestor), None)
            ancestor = gazetteer.organization(ancestor).parent
    if parent is not None and parent.key and body.key == parent.key:
        parent = None
    return body, parent


def _parent_in_body_name(ctx: _Doc, body: Mention) -> Mention | None:
    """'Nätverket för skolchefer i Göteborgsregionen': the capitalised name after 'i' / 'inom'
    closing the body's name is the organisation it belongs to, even when no list knows it."""
    m = re.search(r"\s(?:i|inom|vid)\s+((?:[A-ZÅÄÖ][\w-]*)(?:\s+[\w-]+){0,3})\s*$", body.span.text)
    if m is None or body.source != "structure":
        return None
    start = body.span.start + m.start(1)
    end = body.span.start + m.end(1)
    name = clean_org_name(ctx.text[start:end])
    key, group, resolved = resolve_org_text(ctx, name)
    return ctx.add(Mention("organization", ctx.span(start, end), resolved if key else name,
                           ctx.minutes.document.identifier, ctx.item_of(start, end), "structure", key=key))


def _is_owner(m: Mention) -> bool:
    """Whether an organisation can own a meeting body (not a party, not another working group)."""
    if m.key:
        return gazetteer.organization(m.key).type not in ("party", "group")
    return m.source != "group"


def groups_as_body(ctx: _Doc, body: Mention | None) -> None:
    """'Ledningsgruppen tog beslut' in the minutes of 'Helsingborgs stads skolors ledningsgrupp'
    is the body itself: a generic group name that the body's name ends or starts with."""
    if body is None or (not body.key and body.source == "group"):
        return
    body_name = fold(body.name)
    for key, m in list(ctx.mentions.items()):
        if m.kind != "organization" or m.key or m.source != "group" or m is body:
            continue
        forms = generic_forms(m.name)
        if any(body_name.endswith(" " + f) or body_name.startswith(f + " ") or body_name == f for f in forms):
            ctx.mentions[key] = Mention("organization", m.span, body.name, m.document, m.item,
                                        "group+body", key=body.key)


@lru_cache(maxsize=1 << 12)
def generic_forms(name: str) -> frozenset[str]:
    """Folded forms of a generic group name: canonical and every alias ('Ledningsgruppen', 'ledningsgrupp', 'lg');
    remembered (each look-up reads every alias of every group)."""
    canonical = group_canonical().get(fold(name), name)
    return frozenset({norm for norm, c in group_canonical().items() if c == canonical} | {fold(canonical)})


# --------------------------------------------------------------------------- memberships

def affiliations(ctx: _Doc, refs: list[tuple[PersonRef, str, int | None]]) -> None:
    """'Christer Pålsson, Bjuv', 'Richard Person(KC)', 'Anna Andersson (S)': the structure's affiliations."""
    for ref, _slot, _item in refs:
        person = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
        if person is None:
            continue
        targets: list[Span] = []
        if ref.affiliation is not None and _quotes(ctx, ref.affiliation):
            targets.append(ref.affiliation)
        if ref.party:
            m = re.compile(r"\s*\(\s*(" + re.escape(ref.party) + r")\s*\)").match(ctx.text, ref.span.end)
            if m:
                targets.append(ctx.span(m.start(1), m.end(1)))
        # an organisation at the end of the name span: "Maria Norrby Helsingborg"
        for org in ctx.within("organization", ref.span.start, ref.span.end, after_start=True):
            ctx.memberships.append(Membership(person, org))
        for target in targets:
            org = ctx.mentions.get((target.start, target.end, "organization"))
            if org is None:
                inner = ctx.within("organization", target.start, target.end)
                org = inner[0] if len(inner) == 1 else None
            if org is None:
                org = _affiliation_mention(ctx, target)
            if org is not None:
                ctx.memberships.append(Membership(person, org))


def _affiliation_mention(ctx: _Doc, target: Span) -> Mention | None:
    """An organisation Mention for an affiliation written as plain text ("Bjuv", "SOF", "sekretariatet")."""
    key, group, name = resolve_org_text(ctx, target.text)
    if key is None and group is None:
        if fold(target.text) not in cue("context_units") or ctx.owner is None:
            return None
        name, key = unit_name(ctx.owner, _owners(ctx), target.text)
    return ctx.add(Mention("organization", target, name, ctx.minutes.document.identifier,
                           ctx.item_of(target.start, target.end), "structure", key=key))


def _owners(ctx: _Doc) -> list[str]:
    minutes = ctx.minutes
    keys = []
    if minutes.body is not None:
        for m in ctx.of_kind("organization"):
            if minutes.body.start <= m.span.start and m.span.end <= minutes.body.end and m.key:
                keys.append(m.key)
                parent = gazetteer.organization(m.key).parent
                if parent:
                    keys.append(parent)
    return keys


TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def _tokens_between(ctx: _Doc, start: int, end: int) -> list[str]:
    return TOKEN_RE.findall(ctx.text[start:end])


_TITLE = r"(?:[A-ZÅÄÖ]{1,4}-)?[a-zåäöé][\wåäöé-]*"
# "Name, [title,] Organisation" with an organisation the gazetteer does not know: a capitalised
# phrase (or an acronym, "C4 Teknik") of at most five words ending the slot
SLOT_ORG_RE = re.compile(
    r"[ \t]*(?:\([A-ZÅÄÖ]{1,4}\)[ \t]*)?,[ \t]*"
    rf"(?:(?P<title>{_TITLE}(?:[ \t]+{_TITLE}){{0,3}})[ \t]*,[ \t]*|(?P<bare>{_TITLE})[ \t]+)?"
    r"(?P<org>(?:[A-ZÅÄÖ][\wåäöÅÄÖé&-]+|[A-ZÅÄÖ]\d)(?:[ \t][\wåäöÅÄÖé&-]+){0,4}?)"
    r"(?=[ \t]*(?:$|\n|[(,;]|[–—-][ \t]))")


def slot_organisations(ctx: _Doc) -> None:
    """'Kristian Holt, verksamhetsutvecklare, Sydarkivera (punkt 3)', 'Mikael Ås, Vision',
    'Carina Vik (CV), badchef Hälsans Hus – sekreterare': the organisation slot of a line that
    names a person is an organisation even when the gazetteer does not know it. Not when the slot
    holds a name, a title or a label, nor for the later name of a comma list."""
    doc_id = ctx.minutes.document.identifier
    orgs = ctx.of_kind("organization")
    starts = {m.span.start for m in orgs} | {m.span.start for m in ctx.of_kind("person")}
    places = titles = None
    for p in ctx.of_kind("person"):
        if " " not in p.name or "\n" in p.span.text:
            continue
        m = SLOT_ORG_RE.match(ctx.text, p.span.end)
        if m is None or m.start("org") in starts:
            continue
        if m.group("bare") and not fold(m.group("bare")).endswith(_title_endings()):
            continue   # "Anna Berg, informerade Trafikverket"
        a, b = m.span("org")
        words = m.group("org").split()
        first = words[0]
        if is_first_name(first) or fold(first) in cue("not_names") or fold(first).endswith(_title_endings()) \
                or fold(first) in cue("months") or fold(first) in cue("sentence_openers"):
            continue
        if any(o.span.start < b and a < o.span.end and not (o.span.start > a and _is_place(o)) for o in orgs):
            continue   # a known organisation is in the slot: the membership rules take it ('PRO Ystad' is new)
        line_start = ctx.text.rfind("\n", 0, p.span.start) + 1
        if ctx.text[line_start:p.span.start].rstrip().endswith(","):
            continue
        if len(words) == 1:
            if places is None:
                places, titles = _places_and_titles(ctx.text)
            if first in places or first in titles:
                continue   # "Gösta Wahlberg, Överum" (the text says "i Överum"), "Ingela Dahlqvist, MAS"
        org = ctx.add(Mention("organization", ctx.span(a, b), clean_org_name(m.group("org")), doc_id,
                              ctx.item_of(a, b), "slot"))
        ctx.memberships.append(Membership(p, org))


PLACE_AFTER_RE = re.compile(r"\b(?:i|I|mellan|utanför|nära)[ \t]+([A-ZÅÄÖ][\wåäöé-]+)")
TITLE_ABBREVIATION_RE = re.compile(r"\b[a-zåäöé][\wåäöé-]*[ \t]+\(([A-ZÅÄÖ]{2,5})\)")


def _places_and_titles(text: str) -> tuple[set[str], set[str]]:
    """Words the document writes as places ('i Gamleby', 'mellan Överum och ...') and abbreviations it
    defines for lower-case words ('medicinskt ansvarig sjuksköterska (MAS)'): no organisation in a slot."""
    return set(PLACE_AFTER_RE.findall(text)), set(TITLE_ABBREVIATION_RE.findall(text))


def text_memberships(ctx: _Doc) -> None:
    """Person-organisation ties the sentence states.

    * "Eva Svensson från PC", "Maria Norrby Helsingborg och Mikael Borgarve Bjuv från <nätverk>"
      (coordinated people share the "från" phrase)
    * "Per Skålén, professor från Centrum för tjänsteforskning", "Lisa Olsson, innovationschef i
      Helsingborg", "Julia, jurist från avdelning administration och juridik" (an apposition after
      a comma, at most three words before the preposition)
    * "Richard Person (KC)"
    """
    link = cue("membership")
    people = [m for m in ctx.of_kind("person") if " " in m.name or not m.first_name_only]
    orgs = ctx.of_kind("organization")
    items = sorted([*people, *orgs], key=lambda m: (m.span.start, -m.span.end))
    for k, p in enumerate(items):
        if p.kind != "person":
            continue
        o = next((m for m in items[k + 1:k + 6] if m.span.start >= p.span.end), None)
        if o is None:
            continue
        gap = ctx.text[p.span.end:o.span.start]
        if "\n\n" in gap:
            continue
        between = TOKEN_RE.findall(gap)
        if len(between) > 6:
            continue
        words = [_fold_word(w) for w in between]
        if o.kind == "organization":
            if not words and "\n" not in gap and _is_place(o):
                ctx.memberships.append(Membership(p, o))          # "Maria Norrby Helsingborg"
                _chain_from(ctx, items, o, p)
                continue
            if words == ["("]:
                ctx.memberships.append(Membership(p, o))          # "Richard Person (KC)"
                _after_party(ctx, items, k, p, o)
                continue
            if "\n" not in gap and TITLE_SLOT_RE.match(gap) and _slot(ctx, p, o):
                ctx.memberships.append(Membership(p, o))          # "Elin Kjellgren, kanslichef, Hultsfreds kommun"
                continue
            if words and words[-1] in link and "\n" not in gap:
                if len(words) == 1:
                    ctx.memberships.append(Membership(p, o))      # "Eva Svensson från PC"
                elif words[0] == "," and len(words) <= 5 and all(w.isalpha() for w in words[1:]):
                    ctx.memberships.append(Membership(p, o))      # "X, professor från Y"
        # coordinated people: "A och B från X" -> handled from the last person of the chain
    _organisation_first(ctx, items)
    _coordinated(ctx, items)
    _apposition_places(ctx, people)


# "Name, Organisation", "Name (KÅ), title, Organisation", "Name, title Organisation": the slot of an
# attendance line or a signature; the title is lower case (or "VA-ingenjör"), at most four words
TITLE_SLOT_RE = re.compile(r"[ \t]*(?:\([A-ZÅÄÖ]{1,4}\)[ \t]*)?,[ \t]*"
                           rf"(?:{_TITLE}(?:[ \t]+{_TITLE}){{0,3}}[ \t]*,[ \t]*|{_TITLE}[ \t]+)?$")
# "Region Dalarna – Lena Sandberg", "Arjeplog – Per-Ola Lindgren", "PRO Ystad: Ingrid Tell" at a line's start
ORG_DASH_RE = re.compile(r"[ \t]*[–—:-][ \t]*$|[ \t]{3,}$|\t[ \t]*$")   # (or a table's next column)
LINE_HEAD_RE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·–]|\d+[.)])?[ \t]*$")


SLOT_END_RE = re.compile(r"[ \t]*(?:$|\n|[(,;–—]|- |\.(?:\s|$))")


def _slot(ctx: _Doc, p: Mention, o: Mention) -> bool:
    """Whether 'Name, [title,] Organisation' is a slot of its own: the organisation ends the phrase
    (not 'Lisa Holm, informerade Trafikverket om ...') and the person is not the later one of a
    comma list ('Anna Berg, Bo Ek, Trafikverket')."""
    if not SLOT_END_RE.match(ctx.text, o.span.end):
        return False
    line_start = ctx.text.rfind("\n", 0, p.span.start) + 1
    return not ctx.text[line_start:p.span.start].rstrip().endswith(",")


PARTY_SLOT_RE = re.compile(rf"\)[ \t]*,[ \t]*(?:{_TITLE}(?:[ \t]+{_TITLE}){{0,3}}[ \t]*,[ \t]*)?$")


def _after_party(ctx: _Doc, items: list[Mention], k: int, p: Mention, party: Mention) -> None:
    """'Monica Sandgren (S), ordförande, kommunstyrelsen': the organisation after the party is the
    person's too."""
    o = next((m for m in items[k + 1:k + 6] if m.span.start >= party.span.end), None)
    if o is None or o.kind != "organization":
        return
    gap = ctx.text[party.span.end:o.span.start]
    if "\n" not in gap and PARTY_SLOT_RE.match(gap) and SLOT_END_RE.match(ctx.text, o.span.end):
        ctx.memberships.append(Membership(p, o))


def _organisation_first(ctx: _Doc, items: list[Mention]) -> None:
    """'Region Dalarna – Lena Sandberg, divisionschef': an organisation opening a line, a dash or colon,
    then a person; and 'Socialförvaltningens Anna Berg' (the organisation's genitive right before the name)."""
    for k, o in enumerate(items[:-1]):
        if o.kind != "organization":
            continue
        p = next((m for m in items[k + 1:k + 4] if m.span.start >= o.span.end), None)
        if p is None or p.kind != "person" or (p.first_name_only and " " not in p.name):
            continue
        gap = ctx.text[o.span.end:p.span.start]
        if ORG_DASH_RE.match(gap) and LINE_HEAD_RE.search(ctx.text, max(0, o.span.start - 12), o.span.start):
            ctx.memberships.append(Membership(p, o))
        elif gap == " " and _genitive_of(o.span.text) and not _is_place(o):
            ctx.memberships.append(Membership(p, o))


def _genitive_of(surface: str) -> bool:
    """'Socialförvaltningens', 'SOF:s': an organisation's name written in the genitive."""
    return surface.endswith(":s") or (len(surface) > 3 and surface.endswith("s") and surface[-2].islower()
                                        and not surface.endswith(("ss", "us", "is")))


APPOSITION_RE = re.compile(r",\s*(?:[a-zåäö-]+\s+){1,3}(?:i|vid|på|från)\s+([A-ZÅÄÖ][\wåäöÅÄÖ-]+)")


def _apposition_places(ctx: _Doc, people: list[Mention]) -> None:
    """'Büsra Wikman, processledare i Mark': a capitalised word after the apposition's preposition
    is the person's organisation when the gazetteer knows it (as 'Marks kommun' here)."""
    doc_id = ctx.minutes.document.identifier
    for p in people:
        m = APPOSITION_RE.match(ctx.text, p.span.end)
        if m is None or (m.start(1), m.end(1), "organization") in ctx.mentions:
            continue
        if any(o.span.start <= m.start(1) < o.span.end for o in ctx.of_kind("organization")):
            continue
        key, _group, name = resolve_org_text(ctx, m.group(1))
        if key is None:
            continue
        org = ctx.add(Mention("organization", ctx.span(m.start(1), m.end(1)), name, doc_id,
                              ctx.item_of(m.start(1), m.end(1)), "apposition", key=key))
        ctx.memberships.append(Membership(p, org))


def _chain_from(ctx: _Doc, items: list[Mention], o: Mention, p: Mention) -> None:
    """'Mikael Borgarve Bjuv från Strategiskt chefsnätverk': the person is from both."""
    rest = [m for m in items if m.span.start >= o.span.end and m.kind == "organization"]
    if not rest:
        return
    nxt = rest[0]
    words = [_fold_word(w) for w in _tokens_between(ctx, o.span.end, nxt.span.start)]
    if words in (["fran"], ["vid"], ["pa"]) and "\n" not in ctx.text[o.span.end:nxt.span.start]:
        ctx.memberships.append(Membership(p, nxt))


def _coordinated(ctx: _Doc, items: list[Mention]) -> None:
    """'A och B från X', 'A & B, SOF': the first of two coordinated people shares the second's ties."""
    persons = [m for m in items if m.kind == "person"]
    ties: dict[Mention, list[Mention]] = {}   # member -> organisations, in ctx.memberships' order (a scan per pair was quadratic)
    for m in ctx.memberships:
        ties.setdefault(m.member, []).append(m.organization)
    for k, p in enumerate(persons[:-1]):
        q = persons[k + 1]
        gap = ctx.text[p.span.end:q.span.start]
        if "\n" in gap:
            continue
        between = [_fold_word(w) for w in TOKEN_RE.findall(gap)]
        orgs_between = ctx.within("organization", p.span.end, q.span.start)   # = the organisations of items
        org_words = {_fold_word(x) for o in orgs_between for x in WORD_RE.findall(o.span.text)}
        words = [w for w in between if w not in org_words]
        if words not in (["och"], ["&"]):   # "A, B (KC)": in a comma list each has their own
            continue
        for org in ties.get(q, ()):
            if org not in orgs_between and not _is_place(org):
                ctx.memberships.append(Membership(p, org))
                ties.setdefault(p, []).append(org)


def drop_places(ctx: _Doc) -> None:
    """'i Uddevalla', 'på Helsingborg': a bare town name after a place preposition is where
    something happened, not the municipality acting; kept when it ties a person to it
    ('innovationschef i Helsingborg')."""
    used = {id(ms.organization) for ms in ctx.memberships} | {id(ms.member) for ms in ctx.memberships}
    places = {"i", "pa", "till", "fran", "vid"}
    for key, m in list(ctx.mentions.items()):
        if m.kind != "organization" or not _is_place(m) or id(m) in used or m.source == "structure":
            continue
        if " " in m.span.text.strip():
            continue   # "Helsingborgs stad": the organisation's own name
        before = re.findall(r"\w+", ctx.text[max(0, m.span.start - 12):m.span.start])
        if before and _fold_word(before[-1]) in places:
            del ctx.mentions[key]


def _is_place(m: Mention) -> bool:
    return bool(m.key) and gazetteer.organization(m.key).type in ("municipality", "region")


def org_memberships(ctx: _Doc) -> None:
    """Organisations inside organisations: the gazetteer's parents when the document names them,
    'Centrum för tjänsteforskning (CTF), vid Karlstad universitet', 'Grundskolenätverket i Familjen Helsingborg'."""
    orgs = ctx.of_kind("organization")
    first: dict[str, Mention] = {}
    for m in orgs:
        if m.key:
            first.setdefault(m.key, m)
    for m in first.values():
        ancestor = gazetteer.organization(m.key).parent
        while ancestor:
            if ancestor in first:
                ctx.memberships.append(Membership(m, first[ancestor]))
                break
            ancestor = gazetteer.organization(ancestor).parent
    for k, a in enumerate(orgs):
        for b in orgs[k + 1:k + 3]:
            if b.span.start < a.span.end:
                if a.span.start < b.span.start and b.span.end <= a.span.end:
                    words = [_fold_word(w) for w in _tokens_between(ctx, a.span.start, b.span.start)]
                    if words and words[-1] in ("i", "vid", "inom"):
                        ctx.memberships.append(Membership(a, b))
                continue
            # "Centrum för tjänsteforskning (CTF), vid Karlstad universitet"
            if "\n" in ctx.text[a.span.end:b.span.start]:
                continue   # (tested first: the gap to the next organisation may be long)
            if _lone_word(ctx, a.span.end, b.span.start) in ("vid", "inom"):
                ctx.memberships.append(Membership(a, b))


def _lone_word(ctx: _Doc, start: int, end: int) -> str | None:
    """The one word (folded) between ``start`` and ``end`` besides parentheses, commas and
    abbreviations, None when there are none or several (read no further than the second: the gap
    between two organisations may be long)."""
    found = None
    for token in TOKEN_RE.finditer(ctx.text, start, end):
        w = token.group()
        if w not in ("(", ")", ",") and not ABBREVIATION_RE.match(w):
            if found is not None:
                return None
            found = _fold_word(w)
    return found


def group_memberships(ctx: _Doc) -> None:
    """A group named in an item's title, presented by people who all come from one organisation,
    belongs to that organisation ("Information om Krimteamet", presented by "A & B, SOF")."""
    # what each member belongs to, in the order of the memberships (the ones added here have
    # organisations as members, never the presenters looked up)
    orgs_of: dict[Mention, list[Mention]] = {}
    for ms in ctx.memberships:
        orgs_of.setdefault(ms.member, []).append(ms.organization)
    for k, item in enumerate(ctx.minutes.items):
        groups = [m for m in ctx.within("organization", item.title_span.start, item.title_span.end)
                  if m.source == "group" and not m.key]
        if not groups or not item.presenters:
            continue
        owners = set()
        for ref in item.presenters:
            p = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
            orgs = {o for o in orgs_of.get(p, ()) if not _is_place(o)}
            if len(orgs) != 1:
                owners = set()
                break
            owners |= {(o.key or _fold_word(o.name), o) for o in orgs}
        if len({k for k, _ in owners}) == 1:
            org = next(iter(owners))[1]
            for g in groups:
                ctx.memberships.append(Membership(g, org))


# --------------------------------------------------------------------------- collaborations

def collaborations(ctx: _Doc) -> None:
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
    saying = _saying_sentences(folded, spans, words) if folded is not None else None
    if saying is None:
        saying = _saying_sentences_plain(text, spans, words)
    for start, end in saying:
        _pairs(ctx, ctx.within("organization", start, end))
    if folded is not None:
        # "mellan" must stand in the 8 characters before the organisation (see folded_in_place)
        after = _mellan_ends(folded)
        candidates = [(k, a) for k, a in enumerate(orgs) if a.span.start in after]
    else:
        candidates = list(enumerate(orgs))
    for k, a in candidates:
        before = folded_words(text[max(0, a.span.start - 8):a.span.start])
        if not before or before[-1] != "mellan":
            continue
        for b in orgs[k + 1:k + 4]:
            gap = [_fold_word(w) for w in _tokens_between(ctx, a.span.end, b.span.start)]
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


WORD_RE = re.compile(r"\w+")


def _saying_sentences_plain(text: str, spans: list[tuple[int, int]], words: frozenset[str]) -> list[tuple[int, int]]:
    """The sentences with a piece (between white space) whose folded words include one of ``words``."""
    pieces = [text[start:end].split() for start, end in spans]
    # each distinct piece tested once
    saying = {piece for piece in set().union(*pieces) if _says_any(piece, words)}
    if not saying:
        return []
    return [span for span, sentence in zip(spans, pieces) if not saying.isdisjoint(sentence)]


def _saying_sentences(folded: str, spans: list[tuple[int, int]], words: frozenset[str]) -> list[tuple[int, int]] | None:
    """``_saying_sentences_plain`` read off the text folded in place (``folded_in_place``): a word
    of a folded piece is a maximal run of word characters of ``folded``, and none crosses white
    space or a sentence's end (which follows '.', '!', '?' or a line break). None when a word of
    ``words`` is not all word characters."""
    roots = _roots(words)
    if roots is None:
        return None
    starts = [a for a, _ in spans]
    hit = set()
    n = len(folded)
    for root, group in roots:
        for q in _occurrences(folded, root):
            if q and WORD_CHAR_RE.match(folded, q - 1):
                continue
            for w in group:
                end = q + len(w)
                if folded.startswith(w, q) and (end == n or not WORD_CHAR_RE.match(folded, end)):
                    hit.add(bisect_right(starts, q) - 1)
                    break
    return [spans[k] for k in sorted(hit)]


@lru_cache(maxsize=64)
def _roots(words: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The words no other word begins, each with the words it begins ('samverka': 'samverka',
    'samverkan', ...): one search per root. None when a word is not all word characters."""
    if not words or not all(WORD_RE.fullmatch(w) for w in words):
        return None
    roots = sorted(w for w in words if not any(v != w and w.startswith(v) for v in words))
    return tuple((r, tuple(sorted(w for w in words if w.startswith(r)))) for r in roots)


WORD_CHAR_RE = re.compile(r"\w")


def _mellan_ends(folded: str) -> set[int]:
    """The positions ``s`` where the last folded word of ``text[s - 8:s]`` can be "mellan", for
    ``folded`` = ``folded_in_place(text)``: 6 to 8 characters after a "mellan" of ``folded``."""
    return {q + k for q in _occurrences(folded, "mellan") for k in (6, 7, 8)}


def _occurrences(text: str, sub: str) -> list[int]:
    out, k = [], text.find(sub)
    while k >= 0:
        out.append(k)
        k = text.find(sub, k + 1)
    return out


def _folds_in_place(run: str) -> str | None:
    """``gazetteer._fold(run)`` when each character folds to exactly one that is no invisible
    character (``fold`` drops those) and folds to itself (``fold`` folds to a fixed point)."""
    folded = gazetteer._fold(run)
    if len(folded) != len(run) or gazetteer._fold(folded) != folded \
            or len(folded.translate(gazetteer._INVISIBLE)) != len(folded) \
            or len(run.translate(gazetteer._INVISIBLE)) != len(run):
        return None
    return folded


# the Latin-1 characters that fold in place, as a byte table for ``bytes.translate`` (far faster
# than ``str.translate`` through a dict); the others ("ß", "æ", "¼", soft hyphen) make
# ``folded_in_place`` give up
_LATIN1_IN_PLACE = [_folds_in_place(chr(c)) for c in range(256)]
_LATIN1_FOLDED = bytes(ord(f) if f is not None and ord(f) < 256 else c for c, f in enumerate(_LATIN1_IN_PLACE))
_LATIN1_SAFE = bytes(c for c, f in enumerate(_LATIN1_IN_PLACE) if f is not None and ord(f) < 256)
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]+")


@lru_cache(maxsize=1 << 12)
def _run_in_place(run: str) -> str | None:
    return _folds_in_place(run)


def folded_in_place(text: str) -> str | None:
    """``text`` folded character by character (``gazetteer._fold``), the same length as ``text``,
    when that gives every piece between white space the words of ``fold(piece)``: every character
    folds to exactly one, no invisible character (``fold`` drops them), and a second fold changes
    nothing (``fold`` folds to a fixed point). None otherwise. Dashes and white space, which
    ``fold`` rewrites too, are no word characters in either form."""
    if text.isascii():
        return text.lower()   # gazetteer._fold of ASCII
    latin1 = text.encode("latin-1", "replace")   # "?" for a character beyond Latin-1
    if latin1.translate(None, _LATIN1_SAFE):
        return None   # a Latin-1 character that does not fold in place
    folded = latin1.translate(_LATIN1_FOLDED).decode("latin-1")
    if latin1.count(b"?") == text.count("?"):
        return folded
    parts, pos = [], 0
    for m in _BEYOND_LATIN1.finditer(text):
        run = _run_in_place(m.group())
        if run is None:
            return None
        parts += (folded[pos:m.start()], run)
        pos = m.end()
    parts.append(folded[pos:])
    return "".join(parts)


@lru_cache(maxsize=1 << 16)
def _piece_words(piece: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(fold(piece)))


@lru_cache(maxsize=1 << 16)
def _says_any(piece: str, words: frozenset[str]) -> bool:
    return not words.isdisjoint(_piece_words(piece))


def folded_words(text: str) -> list[str]:
    r"""``re.findall(r"\w+", fold(text))``, folded piece by piece between white space (remembered
    per piece): folding works character by character and never joins or splits a word across
    white space, so the words are the same, in the same order, and a long text costs no fold."""
    return [w for piece in text.split() for w in _piece_words(piece)]


SENTENCE_END_PLAIN = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*•·»¢=\uf0b7]|[eo](?= [A-ZÅÄÖ])|\d+[.)] ))")
# the same, its first character as a set to skip to (about half the time per text): the branches of
# SENTENCE_END_PLAIN in their order, each after the one character it starts with
SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])(?=\s)|(?<=\n)\s*\n|(?<=\n)(?=\s*(?:[-*•·»¢=\uf0b7]|[eo](?= [A-ZÅÄÖ])|\d+[.)] )))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: full stops, blank lines and bullet lines end a sentence."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    ends.append(len(text))
    return [(a, b) for a, b in zip([0, *ends], ends) if b > a]


def _pairs(ctx: _Doc, orgs: list[Mention], item: int | None = None) -> None:
    """Every pair of different organisations; parties are no departments that work together
    ('Anna Berg (S) och Per Ek (M) yrkar gemensamt')."""
    distinct: dict[str, Mention] = {}
    for m in orgs:
        if m.key and gazetteer.organization(m.key).type == "party":
            continue
        distinct.setdefault(m.key or _fold_word(m.name), m)
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
