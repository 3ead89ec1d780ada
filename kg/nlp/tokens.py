"""What every component reads of a Doc: the span labels and keys, the ``TokenTable`` of a Doc's
tokens and their word kinds, and the candidate spans the rule components share."""
from __future__ import annotations

import weakref
from collections.abc import Iterable
from itertools import compress
from operator import not_

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, LIKE_EMAIL, NORM, ORTH, SPACY
from spacy.tokens import Doc, Span

CANDIDATES = "kg_candidates"
SPANS_KEY = "kg"
PER, ORG, PRJ = "PER", "ORG", "PRJ"
# labels of common statistical NER models -> ours
NER_LABELS = {"PER": PER, "PRS": PER, "PERSON": PER, "ORG": ORG, "ORGANIZATION": ORG, "EVN": PRJ, "WRK": PRJ}
# selection priority when two spans overlap and have the same length
PRIORITY = {"gazetteer": 8, "group": 7, "person": 6, "email": 6,
            "org_compound": 5, "org_group": 5, "org_university": 5, "org_centre": 5, "org_unit": 5,
            "org_company": 4, "org_english": 4, "org_region": 4, "org_association": 4, "org_branch": 4,
            "org_context": 3, "first_name": 3, "first_name_weak": 2}
DEFAULT_PRIORITY = 1
NER_PRIORITY = 0
BULLETS = frozenset("-–*•·▪◦»¢=oe\uf0b7\uf0a7")
QUOTES = frozenset('"“”«»„')
DASHES = frozenset("-–—")


_TABLE_ATTRS = [ORTH, NORM, IDX, IS_SPACE, IS_PUNCT, IS_ALPHA, IS_LOWER, LIKE_EMAIL, SPACY, IS_TITLE]
TOKEN_ATTRS = [ORTH, NORM, IDX]   # what varies between tokens of one orth (and SPACY: read when needed)
LINE_START_NUMBERS = BULLETS | frozenset("0123456789.:)§ ")
_SENTENCE_MARKS = frozenset({".", "!", "?", ";", "(", "/"})


class TokenTable:
    """What the rules read of a Doc's tokens, as plain lists indexed like the Doc, made once.

    ``doc[i]`` and ``for t in doc`` make a new Token object every time and each attribute is
    read through the vocabulary; the rules did that millions of times per corpus. ``norms`` are
    the norms ``kg_normalize`` set; ``content`` lists the indices of the tokens that are not
    whitespace."""

    __slots__ = ("text", "texts", "norms", "idx", "space", "punct", "alpha", "lower", "email", "title", "content",
                 "orths", "odd", "kinds", "kind_rows", "kind_array")

    def __init__(self, doc: Doc, texts: list[str], norms: list[str], cols: list[list[int]]) -> None:
        self.texts = texts
        self.norms = norms
        self.orths, _, self.idx, self.space, self.punct, self.alpha, self.lower, self.email, trailing, self.title = cols
        text = doc.user_data.get("kg_text")
        if text is None:   # Doc.text, without making a Token per token
            text = doc.user_data["kg_text"] = "".join([t + " " if sp else t for t, sp in zip(texts, trailing)])
        self.text = text
        self.content = list(compress(range(len(texts)), map(not_, self.space)))   # the non-space tokens
        # the tokens whose norm is not the one ``kg_normalize`` gives every token of their orth (all
        # of them when it did not make the table): rules that remember a result per orth ask again
        self.odd = None
        # (made by kg_normalize) a small number per orth, and the Normalizer's rows by that number
        self.kinds: list[int] | None = None
        self.kind_rows: list[tuple] = []

    def newline_between(self, i: int, j: int) -> bool:
        """Whether a line break separates token ``i`` from the later token ``j``."""
        return "\n" in self.text[self.idx[i] + len(self.texts[i]):self.idx[j]]

    def blank_line_between(self, i: int, j: int) -> bool:
        return self.text[self.idx[i] + len(self.texts[i]):self.idx[j]].count("\n") >= 2

    def line_start(self, i: int, numbers: bool = True) -> bool:
        """Whether token ``i`` is the first content on its line, after at most a bullet mark or
        (with ``numbers``) an item number or clock time ("2.", "09.40", "§ 12").

        A token right before ``i`` that is no white space stands on the same line (such a token
        holds no white space, and only its one trailing space lies between): when it has a
        character a line may not start with, the answer is no without reading the line."""
        if i and not self.space[i - 1] and not (LINE_START_NUMBERS if numbers else BULLETS).issuperset(self.texts[i - 1]):
            return False
        return self._line_start(i, numbers)

    def _line_start(self, i: int, numbers: bool = True) -> bool:
        text, at = self.text, self.idx[i]
        stripped = text[text.rfind("\n", 0, at) + 1:at].strip()
        if not stripped:
            return True
        allowed = LINE_START_NUMBERS if numbers else BULLETS
        return (len(stripped) <= 2 or numbers) and all(c in allowed for c in stripped)

    def sentence_start(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence, a line, a label's value or a quotation ("§ 176 Dnr
        MBN 2022/658" before a title), the token before read before the line (either says yes;
        a word of letters holds no digit, mark or quote)."""
        j = i - 1
        space = self.space
        while j >= 0 and space[j]:
            j -= 1
        if j < 0:
            return True
        if sentence_mark(self.texts[j]):
            return True
        return self.line_start(i)


TABLES: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()


def sentence_mark(prev: str) -> bool:
    """Whether a sentence starts after the token ``prev`` (no white space) whatever the line
    holds (see ``TokenTable.sentence_start``; a word of letters holds no digit, mark or quote)."""
    return not prev.isalpha() and (prev in _SENTENCE_MARKS or prev[-1] in ":-–" or prev in QUOTES
                                   or any(c.isdigit() for c in prev))


def token_columns(doc: Doc) -> list[list[int]]:
    if not len(doc):
        return [[] for _ in _TABLE_ATTRS]
    return doc.to_array(_TABLE_ATTRS).T.tolist()


def token_table(doc: Doc) -> TokenTable:
    """The TokenTable of ``doc`` (``kg_normalize`` makes it; made here for a Doc it has not seen)."""
    table = TABLES.get(doc)
    if table is None:
        cols = token_columns(doc)
        strings = doc.vocab.strings
        table = TABLES[doc] = TokenTable(doc, [strings[h] for h in cols[0]], [strings[h] for h in cols[1]], cols)
    return table


def normalized_table(doc: Doc) -> TokenTable:
    """The TokenTable ``kg_normalize`` made of ``doc``, with the kinds the components read their
    facts of a token by; a Doc it has not seen is a mistake of the pipeline's order."""
    table = TABLES.get(doc)
    if table is None or table.kinds is None:
        raise ValueError("the rule components read the token table of kg_normalize: run it first")
    return table


def kind_array(table: TokenTable) -> numpy.ndarray:
    """``table.kinds`` as a numpy array, made once per table: the components read their facts of
    every token by kind through it at once (``KindCodes``)."""
    kinds = getattr(table, "kind_array", None)
    if kinds is None:
        kinds = table.kind_array = numpy.array(table.kinds, dtype=numpy.intp)
    return kinds


class KindCodes:
    """A small number (bits) per ``TokenTable.kinds``, appended as kinds are met, also kept in a
    numpy array (grown by doubling): ``of`` gives the numbers of all tokens of a table at once,
    where a ``map`` over the tokens cost as much as a component's rules."""

    def __init__(self) -> None:
        self.values: list[int] = []
        self._array = numpy.zeros(1024, numpy.uint8)
        self._filled = 0

    def __len__(self) -> int:
        return len(self.values)

    def clear(self) -> None:
        self.values.clear()
        self._filled = 0

    def of(self, table: TokenTable) -> numpy.ndarray:
        size = len(self.values)
        if self._filled < size:
            if len(self._array) < size:
                grown = numpy.zeros(2 * size, numpy.uint8)
                grown[:self._filled] = self._array[:self._filled]
                self._array = grown
            self._array[self._filled:size] = self.values[self._filled:]
            self._filled = size
        return self._array.take(kind_array(table))


def content_codes(codes: numpy.ndarray, content_bit: int) -> numpy.ndarray:
    """The ``codes`` of the tokens in ``TokenTable.content`` (those whose codes have
    ``content_bit``: no white space), by position there."""
    return codes[(codes & content_bit) != 0]


def content_positions(codes: numpy.ndarray, content_bit: int, bit: int) -> list[int]:
    """The positions in ``TokenTable.content`` of the tokens whose ``codes`` have ``bit``."""
    return numpy.flatnonzero(content_codes(codes, content_bit) & bit).tolist()


# The candidates of the document in the pipeline as the Span objects the components made:
# (doc, its span group, the spans in it). Reading a span group makes a new Span object per span,
# and the components read the candidates five times per document. Only one document at a time
# (no document is kept alive for long) and only while its span group is the one written here with
# as many spans; else the span group itself is read.
_CANDIDATE_SPANS: list[tuple[Doc, object, list[Span]] | None] = [None]


def _known_candidates(doc: Doc, group: object) -> list[Span] | None:
    known = _CANDIDATE_SPANS[0]
    if known is not None and known[0] is doc and known[1] is group and len(group) == len(known[2]):  # type: ignore[arg-type]
        return known[2]
    return None


def forget_candidates() -> None:
    _CANDIDATE_SPANS[0] = None


def add_candidates(doc: Doc, spans: Iterable[Span]) -> None:
    """Append ``spans`` to ``doc.spans[CANDIDATES]`` (made when missing)."""
    spans = list(spans)
    group = doc.spans[CANDIDATES] if CANDIDATES in doc.spans else None
    if group is None:
        doc.spans[CANDIDATES] = spans
        _CANDIDATE_SPANS[0] = (doc, doc.spans[CANDIDATES], spans)
        return
    known = _known_candidates(doc, group)
    group.extend(spans)
    _CANDIDATE_SPANS[0] = None if known is None else (doc, group, known + spans)


def drop_candidates(doc: Doc, dropped: Iterable[Span]) -> None:
    """Remove ``dropped`` (spans of ``candidates(doc)``, compared by identity of bounds, label
    and rule) from the candidates."""
    gone = {(s.start, s.end, s.label_, s.id_) for s in dropped}
    if not gone or CANDIDATES not in doc.spans:
        return
    kept = [s for s in candidates(doc) if (s.start, s.end, s.label_, s.id_) not in gone]
    doc.spans[CANDIDATES] = kept
    _CANDIDATE_SPANS[0] = (doc, doc.spans[CANDIDATES], kept)


def candidates(doc: Doc, label: str | None = None) -> list[Span]:
    if CANDIDATES not in doc.spans:
        return []
    group = doc.spans[CANDIDATES]
    spans = _known_candidates(doc, group)
    if spans is None:
        spans = list(group)
    return [s for s in spans if label is None or s.label_ == label]


def covered_tokens(spans: Iterable[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


# Bits of the codes the components give word kinds (KindCodes) that more than one reads. Of
# ProjectFinder (its bits 1-8 are its cues): where the last three of its rules may start (a kind's
# facts: may start a capital run, may be a mid-sentence name, may be a bullet topic), and the tokens
# that are no white space
RUN_START, MID, TOPIC, CONTENT = 16, 32, 64, 128
# (and of PersonFinder: name-like, a listed given name, an e-mail address)
LIKE, FIRST, EMAIL = 1, 2, 4
