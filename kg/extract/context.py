"""What extraction knows about one document while it works (``DocumentContext``), the index of
spans found by overlap (``SpanIndex``), the spans read once from spaCy (``PlainSpan``) and the
small helpers the rules share."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..models import Membership, Mention, Minutes, PersonRef, Span
from .textscan import occurrences

_SPAN_ORDER = attrgetter("span.start", "span.end")
MENTION_ORDER = attrgetter("span.start", "span.end", "kind")


class Mentions(dict):
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


class SpanIndex:
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


class PlainSpan:
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
        return f"PlainSpan({self.label_!r}, {self.start_char}, {self.end_char}, {self.text!r})"


def plain_spans(spans: Iterable[SpacySpan], text: str) -> list[PlainSpan]:
    """The spans as ``PlainSpan``s; ``text`` is the document's text (``Span.text`` is the text
    between the span's character offsets: the tokens cover the text without gaps)."""
    return [PlainSpan(s.label_, s.id_, s.kb_id_, s.start_char, s.end_char, text[s.start_char:s.end_char], len(s))
            for s in spans]


def labelled(group: Iterable[SpacySpan], label: str, id_: str) -> list[SpacySpan]:
    """``[s for s in group if s.label_ == label and s.id_ == id_]``, comparing the hashes first
    (a string attribute is a look-up in the string store; equal strings have equal hashes)."""
    label_hash, id_hash = hash_string(label), hash_string(id_)
    return [s for s in group if s.label == label_hash and s.id == id_hash and s.label_ == label and s.id_ == id_]


@dataclass
class DocumentContext:
    """What extraction knows about one document while it works."""

    minutes: Minutes
    sdoc: Doc
    scope: str | None = None
    mentions: dict[tuple[int, int, str], Mention] = field(default_factory=Mentions)
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
        hold ``end`` are those from the first whose end reaches ``end``: two bisections; else
        every item is read."""
        bounds = self._item_bounds
        if bounds is None:
            bounds = self._item_bounds = _item_bounds(self.minutes.items)
        if not bounds:
            return next((k for k, item in enumerate(self.minutes.items)
                         if item.span.start <= start and end <= item.span.end), None)
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


def tokens_of(table, words: Iterable[str]) -> list[int]:
    """The indices, ascending, of the tokens whose text is one of ``words``: found by searching the
    text for each word (a token's text stands verbatim at its offset), not by reading every token
    (faster for a rare word such as "(", slower for a dozen names)."""
    text, idx, texts = table.text, table.idx, table.texts
    found = []
    for word in words:
        for at in occurrences(text, word):
            i = bisect_left(idx, at)
            if i < len(idx) and idx[i] == at and texts[i] == word:
                found.append(i)
    return sorted(found)


def positions_of(values: list[str], wanted: frozenset[str]) -> list[int]:
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


def _item_bounds(items) -> tuple[list[int], list[int]] | tuple[()]:
    """(starts, ends) of the items when both ascend, else () (``item_of`` then reads them all)."""
    starts = [item.span.start for item in items]
    ends = [item.span.end for item in items]
    if all(a <= b for a, b in zip(starts, starts[1:])) and all(a <= b for a, b in zip(ends, ends[1:])):
        return starts, ends
    return ()


def structure_refs(minutes: Minutes) -> list[tuple[PersonRef, str, int | None]]:
    """Every PersonRef with its slot and item index, header slots first."""
    out: list[tuple[PersonRef, str, int | None]] = []
    for slot in ("attendees", "absentees", "minute_takers", "chairs", "adjusters"):
        out += [(ref, slot, None) for ref in getattr(minutes, slot)]
    for sub in minutes.substitutes:   # the entry that says who served for whom names both again
        out += [(sub.substitute, "attendees", None)] + ([(sub.replaced, "absentees", None)] if sub.replaced else [])
    for k, item in enumerate(minutes.items):
        out += [(ref, "presenter", k) for ref in item.presenters]
    return out


def unique(xs: Iterable) -> list:
    return list(dict.fromkeys(xs))


def quotes(ctx: DocumentContext, span: Span) -> bool:
    return 0 <= span.start <= span.end <= len(ctx.text) and ctx.text[span.start:span.end] == span.text


def full_name_before(ctx: DocumentContext, ref: Span, start: int) -> bool:
    """Whether at least a given name and a surname stand in ``ref`` before ``start``
    ("Maria Norrby | Helsingborg", but not "Bahar | Norberg")."""
    return ref.start < start and len(ctx.text[ref.start:start].split()) >= 2


def overlaps_any(spans: list[tuple[int, int]], span: Span) -> bool:
    return any(a < span.end and span.start < b for a, b in spans)


def inside_ref(ref_spans: SpanIndex, start: int, end: int, allow_tail: bool = False) -> bool:
    """Whether [start, end) overlaps a structural person span (an org at its end is an
    affiliation); the first such span in the structure's order decides."""
    first = ref_spans.first_overlapping(start, end)
    if first is None:
        return False
    a, b = ref_spans.spans[first]
    return not (allow_tail and a < start and end <= b)
