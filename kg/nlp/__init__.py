"""The spaCy pipeline, built once: ``spacy.blank("sv")`` plus rule and gazetteer components.

Every component is a ``Doc -> Doc`` callable registered with ``@Language.factory("kg_...")``;
word lists and token patterns are data in ``kg/resources`` (the gazetteer's files and
``resources/patterns/*.jsonl``), read when the pipeline is built, not written into code.

Pipeline (in order):

``kg_normalize``  ``token.norm_`` = the folded form (case and diacritics removed) with OCR slips in
                  organisation words repaired ("férvaltningen", "Chefsnitverket"), so that every
                  later rule compares folded forms and keeps exact offsets.
``kg_organizations``  curated organisations and generic group names: a longest-match lookup over
                  the norms of non-space tokens, so names broken over a line ("Högsta\\ndomstolen")
                  and coordinations written "Skol - och" still match.
``kg_patterns``   token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``)
                  for organisations and projects no list knows: spaCy's Matcher syntax and
                  results (as its SpanRuler gave them), matched per distinct word.
``kg_persons``    person names: a known given name plus surname-like words, double surnames, names
                  in e-mail addresses, lone given names (for extraction to link or drop).
``kg_context_orgs``  organisations no list knows, from what is said around them ("tillsammans med X").
``kg_projects``   project names that need context: quotes, "projektet X", "X är ett projekt",
                  enumerations, capitalised words in mid-sentence, bullet topics.
``kg_select``     picks the final, mostly non-overlapping spans into ``doc.spans["kg"]``.

All rule components write candidates to ``doc.spans["kg_candidates"]`` (label ``PER``, ``ORG`` or
``PRJ``; ``span.id_`` names the rule; ``span.kb_id_`` carries a gazetteer key). A statistical NER
can be slotted in by name (``get_nlp(ner="sv_core_news_sm")``): its ``doc.ents`` join the
candidates in ``kg_select`` with the lowest priority, so extraction reads ``doc.spans["kg"]``
whichever component found a span.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
import weakref
from bisect import bisect_left
from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress
from operator import and_, not_, or_
from pathlib import Path

import numpy
import spacy
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, LIKE_EMAIL, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .. import gazetteer
from ..models import MAX_TEXT_CHARS
from ..text import fold

PATTERN_DIR = Path(__file__).parent.parent / "resources" / "patterns"
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


# --------------------------------------------------------------------------- data

@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Named word lists from ``patterns/cues.jsonl``, folded."""
    out: dict[str, frozenset[str]] = {}
    for row in _jsonl(PATTERN_DIR / "cues.jsonl"):
        out[row["cue"]] = frozenset(fold(w) for w in row["words"])
    return out


def cue(name: str) -> frozenset[str]:
    return cues()[name]


@lru_cache(maxsize=None)
def cue_phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of cue ``name`` as tuples of folded words, the way token norms compare
    ("– ett" -> ("-", "ett")), longest first."""
    for row in _jsonl(PATTERN_DIR / "cues.jsonl"):
        if row["cue"] == name:
            phrases = {tuple(fold(w) for w in entry.split()) for entry in row["words"]}
            return tuple(sorted(phrases, key=lambda p: (-len(p), p)))
    raise KeyError(name)


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"kg: error: {path}:{n}: not JSON ({exc.msg}); fix the line") from exc


_FAST_FOLD = str.maketrans("åäöéèêëüúùûáàâãíìîïóòôõçñøæ", "aaoeeeeuuuuaaaaiiiioooocnoa")


def _lemma_lookup_path() -> Path | None:
    try:
        import spacy_lookups_data
    except ImportError:  # without the lexicon every capitalised unknown word may be a name
        return None
    return Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"


def _derive_swedish_words(path: Path) -> frozenset[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table = json.load(f)
    from spacy.lang.sv.stop_words import STOP_WORDS

    words = {w for w in (*table.keys(), *table.values()) if " " not in w and w.islower()} | set(STOP_WORDS)
    return frozenset(words | {w.translate(_FAST_FOLD) for w in words if not w.isascii()})


@lru_cache(maxsize=1)
def swedish_words() -> frozenset[str]:
    """Folded Swedish word forms (from spacy-lookups-data): tells ordinary words from names.

    The rules ask ``ordinary_words()``, the same words kept on disk between runs."""
    path = _lemma_lookup_path()
    return frozenset() if path is None else _derive_swedish_words(path)


class Lexicon:
    """A set of words as one sorted string and the offsets of its words: ``word in lexicon`` by
    binary search, each answer remembered. Made from ``swedish_words()`` once and kept on disk
    (``words_file``): reading it takes milliseconds where building the set from spaCy's lemma
    table took seconds in every process (and the set took about 100 MB)."""

    MAGIC = b"kg-lexicon 1\n"

    def __init__(self, text: str, starts: array) -> None:
        self.text, self.starts, self.size = text, starts, len(starts) - 1
        self._known: dict[str, bool] = {}

    @classmethod
    def of(cls, words: Iterable[str]) -> Lexicon:
        ordered = sorted(words)
        starts = array("Q", [0])
        at = 0
        for w in ordered:
            at += len(w)
            starts.append(at)
        return cls("".join(ordered), starts)

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[str]:
        text, starts = self.text, self.starts
        return (text[starts[k]:starts[k + 1]] for k in range(self.size))

    def __contains__(self, word: object) -> bool:
        known = self._known.get(word)   # type: ignore[arg-type]
        if known is None:
            known = self._known[word] = isinstance(word, str) and self._search(word)  # type: ignore[index]
        return known

    def _search(self, word: str) -> bool:
        text, starts = self.text, self.starts
        lo, hi = 0, self.size
        while lo < hi:
            mid = (lo + hi) // 2
            seen = text[starts[mid]:starts[mid + 1]]
            if seen < word:
                lo = mid + 1
            elif seen > word:
                hi = mid
            else:
                return True
        return False

    def to_bytes(self) -> bytes:
        return b"".join([self.MAGIC, b"%d %s\n" % (self.size, sys.byteorder.encode()), self.starts.tobytes(),
                         self.text.encode("utf-8", "surrogatepass")])

    @classmethod
    def from_bytes(cls, data: bytes) -> Lexicon:
        """The lexicon ``to_bytes`` wrote; ValueError if ``data`` is not one."""
        if not data.startswith(cls.MAGIC):
            raise ValueError("not a lexicon")
        head_end = data.index(b"\n", len(cls.MAGIC))
        size, order = data[len(cls.MAGIC):head_end].split()
        if order.decode() != sys.byteorder:
            raise ValueError("other byte order")
        starts = array("Q")
        body = head_end + 1 + (int(size) + 1) * starts.itemsize
        starts.frombytes(data[head_end + 1:body])
        text = data[body:].decode("utf-8", "surrogatepass")
        if len(starts) != int(size) + 1 or starts[0] != 0 or starts[-1] != len(text):
            raise ValueError("truncated lexicon")
        return cls(text, starts)


def words_file(source: Path) -> Path:
    """Where ``ordinary_words()`` keeps the lexicon made from ``source``: under $KG_CACHE_DIR, else
    $XDG_CACHE_HOME/motesgraf or ~/.cache/motesgraf, named by what it is made from (the lemma
    table's path, size and time, spaCy's stop words and the folding), so that a changed source
    gives a new file."""
    from spacy.lang.sv.stop_words import STOP_WORDS

    stat = source.stat()
    h = hashlib.sha256()
    for part in (_WORDS_VERSION, str(source.resolve()), str(stat.st_size), str(stat.st_mtime_ns),
                 "\n".join(sorted(STOP_WORDS)), repr(sorted(_FAST_FOLD.items()))):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    folder = os.environ.get("KG_CACHE_DIR")
    if not folder:
        folder = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "motesgraf")
    return Path(folder) / f"sv-words-{h.hexdigest()[:20]}.lexicon"


_WORDS_VERSION = "1"   # raise when _derive_swedish_words changes what it gives


@lru_cache(maxsize=1)
def ordinary_words() -> Lexicon | frozenset[str]:
    """``swedish_words()``, read from the file ``words_file`` names, which the first run makes; the
    set itself when no file can be read or written there."""
    source = _lemma_lookup_path()
    if source is None:
        return frozenset()
    try:
        path = words_file(source)
    except (OSError, RuntimeError):   # no home folder
        return swedish_words()
    try:
        return Lexicon.from_bytes(path.read_bytes())
    except (OSError, ValueError):
        pass
    lexicon = Lexicon.of(_derive_swedish_words(source))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(lexicon.to_bytes())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass   # a read-only cache folder: the lexicon is made again next time
    return lexicon


def is_ordinary_word(text: str) -> bool:
    """Whether ``text`` is an ordinary Swedish word, compared as written (lower case): "Skålén" is
    none though "skalen" is; OCR'd forms without diacritics find the folded forms."""
    return text.lower() in ordinary_words()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return gazetteer.first_names()


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return gazetteer.surnames()


@lru_cache(maxsize=1 << 17)
def is_first_name(text: str) -> bool:
    """A capitalised listed given name ("Mats", "Anna-Karin"), compared folded."""
    if not text or not text[0].isupper() or text.isupper() and len(text) > 1:
        return False
    key = fold(text)
    if key in first_names():
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in first_names() for p in parts)


def is_surname(text: str) -> bool:
    key = fold(text)
    if key in surnames():
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in surnames() or p in first_names() for p in parts)


def strip_genitive(word: str) -> str | None:
    """'SOFs' / 'SOF:s' -> 'SOF', 'förvaltningens' -> 'förvaltningen'; None when not genitive-like."""
    if word.endswith(":s") and len(word) > 3:
        return word[:-2]
    if len(word) > 3 and word[-1] in "sS" and word[-2].lower() not in "sxz":
        return word[:-1]
    return None


def is_abbreviation(label: str) -> bool:
    """'SOF', 'KC', 'VoO', 'S': short forms that match only as written or in capitals."""
    return len(label) <= 2 or (" " not in label and sum(c.isupper() for c in label) >= 2)


# --------------------------------------------------------------------------- tokenizer

def _customize_tokenizer(nlp: Language) -> None:
    """Split Markdown marks (~~Name~~, **Title**), 'HD-domen', 'Network)-utbildning', 'LG+SG', 'SOF:s'."""
    prefix_search, suffix_search, infix_finditer = _affix_functions(nlp)
    nlp.tokenizer.prefix_search = prefix_search
    nlp.tokenizer.suffix_search = suffix_search
    nlp.tokenizer.infix_finditer = infix_finditer


@spacy.registry.tokenizers("kg.sv_tokenizer.v1")
def make_tokenizer():
    """spaCy's Swedish tokenizer as ``_customize_tokenizer`` leaves it, made in one step: spaCy's
    own factory compiles its affix expressions and ``_customize_tokenizer`` then replaces them,
    loading the tokenizer's special cases again for each."""
    from spacy.tokenizer import Tokenizer

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        prefix_search, suffix_search, infix_finditer = _affix_functions(nlp)
        return Tokenizer(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions, prefix_search=prefix_search,
                         suffix_search=suffix_search, infix_finditer=infix_finditer,
                         token_match=nlp.Defaults.token_match, url_match=nlp.Defaults.url_match)

    return tokenizer_factory


def _affix_functions(nlp: Language):
    """(prefix_search, suffix_search, infix_finditer) of the tokenizer ``_customize_tokenizer`` sets."""
    prefixes = list(nlp.Defaults.prefixes) + [r"~~+", r"\*\*+", r"__+"]
    suffixes = list(nlp.Defaults.suffixes) + [r"~~+", r"\*\*+", r"__+", r"(?<=[A-ZÅÄÖ]):s"]
    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[A-ZÅÄÖ]{2})-(?=[a-zåäö])",
        r"(?<=\w)\)(?=-)",
        r"(?<=\))-(?=\w)",
        r"(?<=[A-ZÅÄÖ])\+(?=[A-ZÅÄÖ])",
        r"(?<=[a-zåäö])/(?=[A-ZÅÄÖ])",
    ]
    return (compile_prefix_regex(prefixes).search, compile_suffix_regex(suffixes).search,
            compile_infix_regex(infixes).finditer)


# spaCy's tokenizer caches how it split each whitespace-separated chunk, but stops caching for the
# rest of a text at the first special case it meets ("\n" is one, so after the first line break
# of every document): each word was split again with the affix expressions in every document.
# ChunkCachingTokenizer first gives it the chunks it has not seen, in texts of their own with no
# special case before them, so that it caches them; the text itself then finds those chunks in
# the cache. A chunk is split the same alone and within a text, and the cache holds only the
# lexemes the plain splitting makes (spaCy never caches a chunk that a special case took part
# in), so the Doc is the same.
TOKENIZER_CACHE_SIZE = 250_000
# runs of two or more white space characters, and the single ones that are no plain space: one
# search each finds them faster than one search for all runs of white space (a word per run)
_LONG_WHITESPACE = re.compile(r"\s\s+")
_OTHER_WHITESPACE = re.compile(r"[^\S ]")


def tokenizer_chunks(text: str) -> set[str]:
    """The chunks spaCy's tokenizer looks up in its cache for ``text`` (a few more do no harm):
    the runs of non-space characters and the runs of white space (without the one space that
    ends the word before)."""
    chunks = set(text.split())
    for run in set(_LONG_WHITESPACE.findall(text)):
        chunks.add(run)
        if run[0] == " ":
            chunks.add(run[1:])
    chunks.update(_OTHER_WHITESPACE.findall(text))
    chunks.discard(" ")
    return chunks


class ChunkCachingTokenizer:
    """spaCy's tokenizer (``self.tokenizer``), its cache filled with the new chunks before each
    text; anything else is read from the tokenizer itself."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_CACHE_SIZE)
        self.seen: set[str] = set()

    def __call__(self, text: str) -> Doc:
        seen = self.seen
        if len(text) > 200 and len(seen) < TOKENIZER_CACHE_SIZE:   # (a short text gains little)
            new = tokenizer_chunks(text) - seen
            if new:
                self._fill(new)
                seen.update(new)
        doc = self.tokenizer(text)
        # spaCy's tokenizer loses no character (Doc.text == text), so the text ``doc_text`` and
        # the TokenTable read need not be joined again from the tokens
        doc.user_data["kg_text"] = text
        return doc

    def _fill(self, chunks: Iterable[str]) -> None:
        """Has the tokenizer cache ``chunks``. A word that is no special case and has no prefix or
        suffix is split by nothing but a look-up of itself, which meets no special case: all of
        those are tokenized as one text (a Doc per chunk cost more than the splitting), joined
        by single spaces, and cached as each would be alone. Every other chunk is tokenized
        alone, as a special case met in it would stop the caching of those after it; a special
        case itself is never cached."""
        tokenize = self.tokenizer
        specials = tokenize.rules
        find_prefix, find_suffix = tokenize.find_prefix, tokenize.find_suffix
        plain = []
        for chunk in chunks:
            if chunk in specials:
                continue
            if chunk[0].isspace() or find_prefix(chunk) or find_suffix(chunk):
                tokenize(chunk)
            else:
                plain.append(chunk)
        if plain:
            tokenize(" ".join(plain))

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


# --------------------------------------------------------------------------- helpers on docs

_TABLE_ATTRS = [ORTH, NORM, IDX, IS_SPACE, IS_PUNCT, IS_ALPHA, IS_LOWER, LIKE_EMAIL, SPACY, IS_TITLE]
_TOKEN_ATTRS = [ORTH, NORM, IDX]   # what varies between tokens of one orth (and SPACY: read when needed)
_LINE_START_NUMBERS = BULLETS | frozenset("0123456789.:)§ ")
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
        """``newline_between`` for token indices."""
        return "\n" in self.text[self.idx[i] + len(self.texts[i]):self.idx[j]]

    def blank_line_between(self, i: int, j: int) -> bool:
        return self.text[self.idx[i] + len(self.texts[i]):self.idx[j]].count("\n") >= 2

    def line_start(self, i: int, numbers: bool = True) -> bool:
        """``line_start`` for a token index.

        A token right before ``i`` that is no white space stands on the same line (such a token
        holds no white space, and only its one trailing space lies between): when it has a
        character a line may not start with, the answer is no without reading the line."""
        if i and not self.space[i - 1] and not (_LINE_START_NUMBERS if numbers else BULLETS).issuperset(self.texts[i - 1]):
            return False
        return self._line_start(i, numbers)

    def _line_start(self, i: int, numbers: bool = True) -> bool:
        text, at = self.text, self.idx[i]
        stripped = text[text.rfind("\n", 0, at) + 1:at].strip()
        if not stripped:
            return True
        allowed = _LINE_START_NUMBERS if numbers else BULLETS
        return (len(stripped) <= 2 or numbers) and all(c in allowed for c in stripped)

    def sentence_start(self, i: int) -> bool:
        """``sentence_start`` for a token index, the token before read before the line (either
        says yes; a word of letters holds no digit, mark or quote)."""
        j = i - 1
        space = self.space
        while j >= 0 and space[j]:
            j -= 1
        if j < 0:
            return True
        if _sentence_mark(self.texts[j]):
            return True
        return self.line_start(i)


_TABLES: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()


def _sentence_mark(prev: str) -> bool:
    """Whether a sentence starts after the token ``prev`` (no white space) whatever the line
    holds (see ``TokenTable.sentence_start``; a word of letters holds no digit, mark or quote)."""
    return not prev.isalpha() and (prev in _SENTENCE_MARKS or prev[-1] in ":-–" or prev in QUOTES
                                   or any(c.isdigit() for c in prev))


def _columns(doc: Doc) -> list[list[int]]:
    if not len(doc):
        return [[] for _ in _TABLE_ATTRS]
    return doc.to_array(_TABLE_ATTRS).T.tolist()


def token_table(doc: Doc) -> TokenTable:
    """The TokenTable of ``doc`` (``kg_normalize`` makes it; made here for a Doc it has not seen)."""
    table = _TABLES.get(doc)
    if table is None:
        cols = _columns(doc)
        strings = doc.vocab.strings
        table = _TABLES[doc] = TokenTable(doc, [strings[h] for h in cols[0]], [strings[h] for h in cols[1]], cols)
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


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, kept in ``doc.user_data``: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def newline_between(a: Token, b: Token) -> bool:
    """Whether a line break separates token ``a`` from the later token ``b``."""
    return "\n" in doc_text(a.doc)[a.idx + len(a.text):b.idx]


def line_start(doc: Doc, i: int, numbers: bool = True) -> bool:
    """Whether token ``i`` is the first content on its line, after at most a bullet mark or (with
    ``numbers``) an item number or clock time ("2.", "09.40", "§ 12")."""
    t = doc[i]
    text = doc_text(doc)
    stripped = text[text.rfind("\n", 0, t.idx) + 1:t.idx].strip()
    if not stripped:
        return True
    allowed = BULLETS | (set("0123456789.:)§ ") if numbers else set())
    return (len(stripped) <= 2 or numbers) and all(c in allowed for c in stripped)


def sentence_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a sentence, a line, a label's value or a quotation."""
    if line_start(doc, i):
        return True
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return True
    prev = doc[j].text
    if any(c.isdigit() for c in prev):
        return True   # a title after "§ 176 Dnr MBN 2022/658"
    return prev in {".", "!", "?", ";", "(", "/"} or prev[-1] in ":-–" or prev in QUOTES


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


# --------------------------------------------------------------------------- kg_normalize

class Normalizer:
    """Sets ``token.norm_`` to the folded form; repairs OCR slips in organisation words.

    A word that is not an ordinary Swedish word and lies one edit away from a word of a known
    organisation name (or whose ending lies one edit from a name's head word) is read as that
    word: "fritidsférvaltningen" -> "fritidsforvaltningen", "ndmnden" -> "namnden".
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        vocab: set[str] = set()
        for entry in gazetteer.load_organizations():
            for label in entry.labels:
                vocab.update(label_norms(nlp, label))
        for group in gazetteer.group_names():
            vocab.update(label_norms(nlp, group))
        vocab.update(cue("org_heads"))
        self.vocab = frozenset(w for w in vocab if len(w) >= 5 and w.replace("-", "").isalpha())
        self.vocab_list = sorted(self.vocab)
        self.heads = sorted((h for h in cue("org_heads") if len(h) >= 5), key=len, reverse=True)
        self._head_halves = [(h, h[:len(h) // 2], h[len(h) // 2:]) for h in self.heads]
        self._cache: dict[str, str] = {}
        self._by_orth: dict[int, tuple[str, str, int]] = {}   # orth id -> (text, norm, norm id)
        # per orth (``_row``): (text, norm, norm id, the lexeme's IS_SPACE, IS_PUNCT, IS_ALPHA,
        # IS_LOWER, LIKE_EMAIL, IS_TITLE, not IS_SPACE, kind): all a TokenTable holds that depends
        # on the orth alone
        self.kind_rows: list[tuple] = []   # the rows by kind (a row's last value)
        self._kind_of: dict[int, int] = {}   # orth id -> kind
        # by kind: the row's text, norm, norm id and flags (a row of each flag), numpy arrays
        # with room for more kinds, read for all tokens of a doc at once
        self._texts = numpy.zeros(0, object)
        self._norms = numpy.zeros(0, object)
        self._norm_ids = numpy.zeros(0, numpy.uint64)
        self._flags = numpy.zeros((7, 0), numpy.int8)

    def __call__(self, doc: Doc) -> Doc:
        """``_call_plain``, reading only the token attributes of ``doc`` (orth, norm, offset,
        trailing space) and the rest once per orth (``_row``), by its kind (a small number per
        orth): reading the lexemes' flags for every token took a third of the time. The texts,
        norms, norm ids and flags by kind are numpy arrays, read for all tokens at once."""
        if not len(doc):
            return self._call_plain(doc)
        arr = doc.to_array(_TOKEN_ATTRS)
        orths = arr[:, 0].tolist()
        kind_of = self._kind_of
        try:
            kinds = list(map(kind_of.__getitem__, orths))
        except KeyError:
            strings = doc.vocab.strings
            for orth in set(orths).difference(kind_of):
                self._add_kind(self._row(doc.vocab, strings, orth, len(self.kind_rows)), orth)
            kinds = list(map(kind_of.__getitem__, orths))
        at = numpy.array(kinds, dtype=numpy.intp)
        flags = self._flags.take(at, axis=1)
        ids = self._norm_ids.take(at)
        texts = self._texts.take(at).tolist()
        norms = self._norms.take(at).tolist()
        # white space keeps the norm of its token, which a special case of the tokenizer may set
        odd_at = numpy.flatnonzero(flags[0].astype(bool) & (ids != arr[:, 1]))
        odd = odd_at.tolist()
        if odd:
            strings = doc.vocab.strings
            ids[odd_at] = arr[odd_at, 1]
            for k in odd:
                norms[k] = strings[int(ids[k])]
        doc.from_array([NORM], ids.reshape(-1, 1))
        table = TokenTable.__new__(TokenTable)
        table.space, table.punct, table.alpha, table.lower, table.email, table.title, _ = flags.tolist()
        table.texts, table.norms, table.orths, table.idx = texts, norms, orths, arr[:, 2].tolist()
        text = doc.user_data.get("kg_text")
        if text is None:
            trailing = doc.to_array(SPACY).tolist()
            text = doc.user_data["kg_text"] = "".join([t + " " if sp else t for t, sp in zip(texts, trailing)])
        table.text = text
        table.content = numpy.flatnonzero(flags[6]).tolist()
        table.odd = odd
        table.kinds, table.kind_rows = kinds, self.kind_rows
        _TABLES[doc] = table
        return doc

    def _add_kind(self, row: tuple, orth: int) -> None:
        kind = row[-1]
        if kind >= len(self._norm_ids):
            more = max(1024, len(self._norm_ids))
            self._texts = numpy.concatenate([self._texts, numpy.zeros(more, object)])
            self._norms = numpy.concatenate([self._norms, numpy.zeros(more, object)])
            self._norm_ids = numpy.concatenate([self._norm_ids, numpy.zeros(more, numpy.uint64)])
            self._flags = numpy.concatenate([self._flags, numpy.zeros((7, more), numpy.int8)], axis=1)
        self._texts[kind], self._norms[kind], self._norm_ids[kind] = row[:3]
        self._flags[:, kind] = row[3:10]
        self.kind_rows.append(row)
        self._kind_of[orth] = kind

    def _row(self, vocab, strings, orth: int, kind: int) -> tuple:
        lex = vocab[orth]
        text = strings[orth]
        if lex.is_space:
            norm_id = lex.norm
            norm = strings[norm_id]
        else:
            norm = self.repair(fold(text))
            norm_id = strings.add(norm)
        return (text, norm, norm_id, int(lex.is_space), int(lex.is_punct), int(lex.is_alpha), int(lex.is_lower),
                int(lex.like_email), int(lex.is_title), int(not lex.is_space), kind)

    def _call_plain(self, doc: Doc) -> Doc:
        cols = _columns(doc)
        orths, lex_norms, space = cols[0], cols[1], cols[3]
        strings = doc.vocab.strings
        known = self._by_orth
        # (text, norm, norm id) per token: white space keeps its norm, words get the folded form
        rows = [None if sp else known.get(orth) for orth, sp in zip(orths, space)]
        for k in [k for k, row in enumerate(rows) if row is None]:
            orth = orths[k]
            if space[k]:
                rows[k] = (strings[orth], strings[lex_norms[k]], lex_norms[k])
                continue
            row = known.get(orth)
            if row is None:
                text = strings[orth]
                norm = self.repair(fold(text))
                row = known[orth] = (text, norm, strings.add(norm))
            rows[k] = row
        texts = [row[0] for row in rows]
        norms = [row[1] for row in rows]
        ids = [row[2] for row in rows]
        if ids:
            doc.from_array([NORM], numpy.array(ids, dtype=numpy.uint64).reshape(-1, 1))
        _TABLES[doc] = TokenTable(doc, texts, norms, cols)
        return doc

    def repair(self, word: str) -> str:
        if word in self._cache:
            return self._cache[word]
        out = self._repair(word)
        self._cache[word] = out
        return out

    def _repair(self, word: str) -> str:
        if len(word) < 7 or word in self.vocab or not word.isalpha() or word in ordinary_words():
            return word
        near = [w for w, _, _ in process.extract(word, self.vocab_list, scorer=Levenshtein.distance,
                                                 score_cutoff=1, limit=4)]
        hits = {w for w in near if ocr_slip(word, w)}
        if len(hits) == 1:
            return hits.pop()
        hits = {w for w in near if linking_s(word, w)}
        if len(hits) == 1 and len(word) >= 10:
            return hits.pop()   # "Volontärcenter" / "Volontärscenter": the compound's linking s
        return self._repair_head(word)

    def _repair_head(self, word: str) -> str:
        """The first head (longest first) that the end of ``word`` is with one OCR slip, put in
        its place; trying every head at three lengths of the ending took longer.

        Two of them can match: an ending one letter shorter than the head needs an insertion,
        which ``ocr_slip`` never accepts; and one slip (a letter replaced, or one too many) leaves
        the first half or the last half of the head as it is in the ending (``halves``)."""
        size = len(word)
        for head, first, last in self._head_halves:
            for n in (len(head), len(head) + 1):
                if size > n + 2 and (word.startswith(first, size - n) or word.endswith(last)) \
                        and word[-n:] != head and ocr_slip(word[-n:], head):
                    return word[:-n] + head
        return word


# letters OCR puts in place of (or next to) å, ä, ö: "férvaltningen", "ndmnden", "Chefsnitverket", "6ver"
OCR_CHARS = frozenset("eéèdi641l0c")


def linking_s(seen: str, word: str) -> bool:
    """Whether two spellings of a compound differ only by its linking s ("volontar(s)center")."""
    ops = Levenshtein.editops(seen, word)
    if len(ops) != 1 or ops[0].tag not in ("insert", "delete"):
        return False
    op = ops[0]
    pos, char = (op.dest_pos, word[op.dest_pos]) if op.tag == "insert" else (op.src_pos, seen[op.src_pos])
    longer = word if op.tag == "insert" else seen
    return char == "s" and 3 <= pos < len(longer) - 3


def ocr_slip(seen: str, word: str) -> bool:
    """Whether ``seen`` is ``word`` with one OCR slip: one substitution or insertion of a letter
    OCR typically produces (not an ordinary inflection: "grupper" is no slip of "gruppen")."""
    ops = Levenshtein.editops(seen, word)
    if len(ops) != 1:
        return False
    op = ops[0]
    if op.tag == "replace":
        return seen[op.src_pos] in OCR_CHARS and word[op.dest_pos] in "aoåäöe"
    if op.tag == "delete":     # a letter too many in what we see: "enkait" for "enkat"
        return seen[op.src_pos] in OCR_CHARS
    return False


def label_norms(nlp: Language, label: str) -> list[str]:
    """The norm sequence a label is matched by (dash tokens dropped, 'skol-' -> 'skol')."""
    doc = nlp.make_doc(label)
    out = []
    for t in doc:
        if t.is_space or t.text in DASHES:
            continue
        n = fold(t.text).rstrip("-") or t.text
        out.append(n)
    return out


# --------------------------------------------------------------------------- kg_organizations

RULES_KEPT = 100_000   # names whose tests OrganizationMatcher remembers


class OrganizationMatcher:
    """Curated organisations (organizations.tsv) and generic group names (group_names.txt).

    A longest-match lookup over the norms of the non-space tokens, dash tokens skipped, genitive
    endings accepted on the last word ("SOFs", "förvaltningens"). Abbreviations match only as
    written or in capitals. ``kb_id_`` is the key (several keys joined by "|" when a name is
    ambiguous across municipalities; extraction narrows them by the document's municipality);
    generic group names get ``kb_id_ = "group:<canonical name>"`` and ``id_ = "group"``.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.index: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for entry in gazetteer.load_organizations():
            for label in entry.labels:
                self._add(nlp, label, entry.key)
        for canonical, label in group_labels():
            self._add(nlp, label, "group:" + canonical)
        self.max_len = max((len(k) for k in self.index), default=1)
        self.prefixes = {k[:n] for k in self.index for n in range(1, len(k))}
        self.determiners = cue("common_noun_determiners")
        self._starts: dict[str, bool] = {}
        self._genitive: dict[str, str | None] = {}   # norm -> strip_genitive(norm)
        # (norms, texts) of a name's tokens -> what ``_rule`` says of them
        self._rules: dict[tuple, tuple | None] = {}
        self._norm: list[str | None] = []   # by TokenTable.kinds (see _kind_info)
        self._can = KindCodes()

    def _can_start(self, norm: str) -> bool:
        """Whether a name can match or begin at a token of this norm (what ``_find`` tests
        first: the one-word key, its genitive, and whether longer keys begin with it)."""
        key = (norm,)
        base = strip_genitive(norm)
        return key in self.index or (base is not None and (base,) in self.index) or key in self.prefixes

    def _add(self, nlp: Language, label: str, key: str) -> None:
        norms = tuple(label_norms(nlp, label))
        if norms:
            pairs = self.index.setdefault(norms, [])
            if (key, label) not in pairs:
                pairs.append((key, label))

    def _kind_info(self, row: tuple) -> tuple[str | None, bool]:
        """(the norm without a final dash, None for white space and dashes, which names skip;
        whether a name may start there) of a token with the Normalizer's ``row``."""
        if row[3] or row[0] in DASHES:
            return None, False
        norm = row[1].rstrip("-") or row[1]
        can = self._starts.get(norm)
        if can is None:
            can = self._starts[norm] = self._can_start(norm)
        return norm, can

    def __call__(self, doc: Doc) -> Doc:
        """``_call_plain``, with each token's norm and whether a name may start there read per
        ``TokenTable.kinds`` (a content token's text and norm follow from its kind)."""
        table = token_table(doc)
        if table.kinds is None:
            return self._call_plain(doc)
        norm_of, can_of, rows = self._norm, self._can, table.kind_rows
        if len(norm_of) < len(rows):
            for norm, can in map(self._kind_info, rows[len(norm_of):]):
                norm_of.append(norm)
                can_of.values.append(can)
        at = numpy.flatnonzero(can_of.of(table)).tolist()
        add_candidates(doc, self._find(doc, table, table.kinds, norm_of, at))
        return doc

    def _call_plain(self, doc: Doc) -> Doc:
        table = token_table(doc)
        texts = table.texts
        norms: list[str | None] = [None] * len(texts)
        for i in table.content:
            if texts[i] not in DASHES:
                n = table.norms[i]
                norms[i] = n.rstrip("-") or n
        at = [i for i, n in enumerate(norms) if n is not None and self._can_start(n)]
        add_candidates(doc, self._find(doc, table, range(len(texts)), norms, at))
        return doc

    def _find(self, doc: Doc, table: TokenTable, kinds, norm_of: list[str | None], at: Iterable[int]) -> list[Span]:
        """The longest name starting at each token of ``at``: token ``i``'s norm is
        ``norm_of[kinds[i]]``, None for the tokens names skip (white space and dashes). The
        tests of a name's words alone are made once per (norms, texts) (``_rule``)."""
        index, prefixes, max_len, rules = self.index, self.prefixes, self.max_len, self._rules
        genitive = self._genitive
        texts, norms = table.texts, table.norms
        size = len(kinds)
        found: list[Span] = []
        for i in at:
            key = (norm_of[kinds[i]],)
            toks = [i]
            last = i
            best = None
            while True:
                norm = key[-1]
                base = genitive.get(norm, 0)
                if base == 0:
                    base = genitive[norm] = strip_genitive(norm)
                if key in index or base is not None and (*key[:-1], base) in index:
                    words = tuple([texts[t] for t in toks])
                    rule = rules.get((key, words), 0)
                    if rule == 0:
                        if len(rules) > RULES_KEPT:
                            rules.clear()
                        rule = rules[(key, words)] = self._rule(key, words)
                    if rule is not None:
                        result, without_parties, parties = rule
                        if parties and not _bracketed(doc, i, last + 1, after_name=parties == 2):
                            result = without_parties
                        # "en arbetsgrupp", "sin arbetsgrupp": a group, not a named one
                        if result is not None and not (result[2] and i > 0 and norms[i - 1] in self.determiners):
                            best = (last + 1, result)
                if key not in prefixes or len(key) >= max_len:
                    break
                j = last + 1
                while j < size and norm_of[kinds[j]] is None:
                    j += 1
                if j >= size or (j > last + 1 and table.blank_line_between(last, j)):
                    break
                key = (*key, norm_of[kinds[j]])
                toks.append(j)
                last = j
            if best is not None:
                end, (kb_id, kind, _) = best
                found.append(Span(doc, i, end, label=ORG, kb_id=kb_id, span_id=kind))
        return found

    def _rule(self, norms: tuple[str, ...], texts: tuple[str, ...]) -> tuple | None:
        """What the written words ``texts`` (of norms ``norms``) name, their context aside: None
        for nothing, else (the result, the result without the parties, whether a party is among
        them), a result being (kb id, "gazetteer" or "group", only groups) or None. A party named
        by one or two letters counts only where ``_bracketed``."""
        pairs = self.index.get(norms)
        written = texts[-1]
        if pairs is None:
            base = strip_genitive(norms[-1])
            if base is None:
                return None
            pairs = self.index.get((*norms[:-1], base))
            written = strip_genitive(written) or written
            if pairs is None:
                return None
        keep = []
        parties = []
        lower_party = False
        for key, label in pairs:
            if is_abbreviation(label):
                surface = " ".join([*texts[:-1], written]).rstrip("-")
                if surface != label and not surface.isupper():
                    if surface.islower() and surface == label.lower() and _is_party(key):
                        parties.append(key)   # "(s)", "(fp)", "(kds)": older minutes write party letters small
                        lower_party = True
                    continue
                if len(label) <= 2 and not label.isupper():
                    continue
                if len(label) <= 2 and _is_party(key):
                    parties.append(key)   # "S", "M", "C" name a party only as "(S)" or ", S" at the end of a line
                    continue
            elif len(texts) == 1 and (is_ordinary_word(label) or is_ordinary_word(written) or len(label) <= 4):
                # a name that is also a word ("Polisen"; "bra" for "Brå") must be spelled as written
                if written.lower() != label.lower():
                    continue
            keep.append(key)
        if not keep and not parties:
            return None
        return _result(keep + parties), _result(keep), (2 if lower_party else 1) if parties else 0


def _result(keys: list[str]) -> tuple[str, str, bool] | None:
    """(kb id, rule, only groups) of a name with the gazetteer keys ``keys``; None without keys."""
    if not keys:
        return None
    group = all(k.startswith("group:") for k in keys)
    return "|".join(sorted(set(keys))), "group" if group else "gazetteer", group


def _is_party(key: str) -> bool:
    try:
        return not key.startswith("group:") and gazetteer.organization(key).type == "party"
    except KeyError:
        return False


def _bracketed(doc: Doc, start: int, end: int, after_name: bool = False) -> bool:
    """'(S)', ', S' at a line's end: where a party's letters name it. Small letters ('(s)', '(fp)')
    only in brackets right after a name of two capitalised words ('Gunnar Lidell (s)'), not in
    'person(s)' or 'Kostnaden (s)'."""
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].text if end < len(doc) else "\n"
    if after_name:
        return (before == "(" and after == ")" and start >= 3 and bool(doc[start - 2].whitespace_)
                and doc[start - 2].is_title and doc[start - 3].is_title and doc[start - 3].whitespace_ == " ")
    return (before == "(" and after == ")") or (before == "," and (after.isspace() or "\n" in after or end >= len(doc)))


def _blank_line_between(a: Token, b: Token) -> bool:
    return doc_text(a.doc)[a.idx + len(a.text):b.idx].count("\n") >= 2


@lru_cache(maxsize=1)
def group_labels() -> tuple[tuple[str, str], ...]:
    """(canonical, label as written) for every generic group name and its other forms.

    Read from the gazetteer's ``group_names.txt`` directly because abbreviations ("LG", "KS")
    must keep their capitals to be told from ordinary words.
    """
    import importlib.resources

    text = importlib.resources.files("kg").joinpath("resources", gazetteer.GROUP_NAMES_FILE).read_text(encoding="utf-8")
    out: set[tuple[str, str]] = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            labels = [x.strip() for x in line.split("|") if x.strip()]
            out.update((labels[0], label) for label in labels)
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def group_canonical() -> dict[str, str]:
    """normalised generic group name or alias -> canonical name."""
    return dict(gazetteer.group_alias_index())


# --------------------------------------------------------------------------- kg_patterns

# what a pattern may test of a token: attribute -> slot in the values _mask reads
_PATTERN_STRINGS = {"ORTH": 0, "TEXT": 0, "NORM": 1, "LOWER": 2}
_PATTERN_LENGTH = 3
_PATTERN_FLAGS = {"IS_ALPHA": 4, "IS_LOWER": 5, "IS_TITLE": 6, "IS_PUNCT": 7, "IS_SPACE": 8}
_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, ">=": lambda a, b: a >= b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def _string_test(value: object):
    """A test of one string attribute as spaCy's Matcher reads the pattern value; None if unsupported."""
    if isinstance(value, str):
        return lambda s: s == value
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
            words = frozenset(arg)
            tests.append((lambda s, w=words: s in w) if op == "IN" else (lambda s, w=words: s not in w))
        elif op == "REGEX" and isinstance(arg, str):
            tests.append(lambda s, rx=re.compile(arg): bool(rx.search(s)))
        else:
            return None
    return lambda s: all(t(s) for t in tests)


def _length_test(value: object):
    if isinstance(value, int) and not isinstance(value, bool):
        return lambda n: n == value
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op not in _COMPARE or not isinstance(arg, int) or isinstance(arg, bool):
            return None
        tests.append(lambda n, f=_COMPARE[op], a=arg: f(n, a))
    return lambda n: all(t(n) for t in tests)


def _token_test(spec: dict) -> list[tuple[int, object]] | None:
    """One token's specification (without "OP") as (slot, test) pairs that must all pass; None if
    it uses something this matcher does not read (spaCy's Matcher then takes the pattern)."""
    checks: list[tuple[int, object]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _PATTERN_STRINGS:
            test = _string_test(value)
            if test is None:
                return None
            checks.append((_PATTERN_STRINGS[key], test))
        elif key in _PATTERN_FLAGS:
            if not isinstance(value, bool):
                return None
            checks.append((_PATTERN_FLAGS[key], lambda flag, want=value: bool(flag) == want))
        elif key == "LENGTH":
            test = _length_test(value)
            if test is None:
                return None
            checks.append((_PATTERN_LENGTH, test))
        else:
            return None
    # the flags first: cheaper than a regular expression, and the result is the same
    return sorted(checks, key=lambda c: c[0] < _PATTERN_LENGTH)


def _fast_string_tests(value: object) -> list:
    """``_string_test(value)`` as tests that must all pass, each a built-in method where one says
    the same (for the strings these slots hold): set membership for a string or IN, the pattern's
    ``search`` for REGEX (a match is true, None false)."""
    if isinstance(value, str):
        return [frozenset((value,)).__contains__]
    tests = []
    for op, arg in value.items():   # type: ignore[union-attr]  # (_string_test accepted it)
        if op == "IN":
            tests.append(frozenset(arg).__contains__)
        elif op == "NOT_IN":
            tests.append(lambda s, w=frozenset(arg): s not in w)
        else:
            tests.append(re.compile(arg).search)
    return tests


def _fast_length_tests(value: object) -> list:
    """``_length_test(value)`` as tests that must all pass."""
    if isinstance(value, int):
        return [lambda n, a=value: n == a]
    return [lambda n, f=_COMPARE[op], a=arg: f(n, a) for op, arg in value.items()]   # type: ignore[union-attr]


def _fast_token_test(spec: dict) -> tuple[tuple[tuple[int, bool], ...], tuple[tuple[int, object], ...]]:
    """``_token_test(spec)`` (which must have accepted ``spec``) split in two: the flags it wants
    (slot, value) and the tests of the other values (slot, test), the length first."""
    flags: list[tuple[int, bool]] = []
    checks: list[tuple[int, object]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _PATTERN_STRINGS:
            checks.extend((_PATTERN_STRINGS[key], t) for t in _fast_string_tests(value))
        elif key in _PATTERN_FLAGS:
            flags.append((_PATTERN_FLAGS[key], value))
        else:
            checks.extend((_PATTERN_LENGTH, t) for t in _fast_length_tests(value))
    checks.sort(key=lambda c: c[0] != _PATTERN_LENGTH)
    return tuple(flags), tuple(checks)


def _quantifiers(spec: dict) -> list[bool] | None:
    """spaCy's expansion of a token's "OP" into required (False) and optional (True) copies;
    None for the unbounded and negated operators."""
    op = spec.get("OP")
    if op is None or op == "1":
        return [False]
    if op == "?":
        return [True]
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        inner = op[1:-1] if "," in op else f"{op[1:-1]},{op[1:-1]}"
        n, m = inner.split(",")
        if (n == "" or n.isdecimal()) and m.isdecimal() and int(n or 0) <= int(m):
            return [False] * int(n or 0) + [True] * (int(m) - int(n or 0))
    return None


class _Pattern:
    """One token pattern as a small automaton over positions (bits name the token tests)."""

    __slots__ = ("label", "id", "bits", "optional", "closure", "first", "fixed")

    def __init__(self, label: str, id_: str, bits: list[int], optional: list[bool]) -> None:
        self.label, self.id, self.bits, self.optional = label, id_, bits, optional
        n = len(bits)
        # closure[p]: the positions reachable from p without reading a token (over optional ones)
        self.closure = []
        for p in range(n + 1):
            reach = {p}
            q = p
            while q < n and optional[q]:
                q += 1
                reach.add(q)
            self.closure.append(frozenset(reach))
        self.first = 0   # the tests one of which the first token of a match passes
        for p in self.closure[0]:
            if p < n:
                self.first |= bits[p]
        self.fixed = not any(optional)

    def ends(self, masks: list[int], start: int) -> list[int]:
        """Every end of a non-empty match that starts at ``start``."""
        n, bits, closure = len(self.bits), self.bits, self.closure
        if self.fixed:   # one token per position: one possible end
            if start + n > len(masks):
                return []
            for k in range(n):
                if not masks[start + k] & bits[k]:
                    return []
            return [start + n]
        states = closure[0]
        out = []
        j = start
        while j < len(masks):
            mask = masks[j]
            nxt: set[int] = set()
            for p in states:
                if p < n and mask & bits[p]:
                    nxt |= closure[p + 1]
            if not nxt:
                break
            j += 1
            if n in nxt:
                out.append(j)
            states = nxt
        return out


class PatternMatcher:
    """Token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``) for
    organisations and projects no list knows, written in spaCy's Matcher syntax and matched with
    spaCy's rules: every start and end a pattern allows, deduplicated and in the order spaCy's
    SpanRuler gives them, appended to the candidates.

    spaCy's Matcher evaluated each regular expression on every token of every document (and made
    two Token objects per token); here each distinct (text, norm) is tested once per process and
    a pattern is tried only where its first token can stand. A pattern using anything else than
    ORTH/TEXT/NORM/LOWER (a string, IN, NOT_IN, REGEX), LENGTH, the IS_ flags above and the
    operators ?, {n}, {n,m}, {,m} is matched by spaCy's Matcher itself.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        from spacy.matcher import Matcher

        self.name = name
        self.patterns: list[_Pattern] = []
        self.fallback = Matcher(nlp.vocab)
        self.fallback_ids: dict[int, tuple[str, str]] = {}
        self.tests: list = []
        self.fast_tests: list = []   # the same tests, as _fast_token_test gives them
        self._by_flags: dict[tuple, tuple] = {}
        keys: dict[str, int] = {}
        for row in _load_patterns():
            label, id_ = row["label"], row.get("id", "")
            compiled = self._compile(row["pattern"], keys)
            if compiled is None:
                key = nlp.vocab.strings.add(repr((label, id_)))
                self.fallback.add(key, [row["pattern"]])
                self.fallback_ids[key] = (label, id_)
            else:
                self.patterns.append(_Pattern(label, id_, *compiled))
        self.any_first = 0
        for p in self.patterns:
            self.any_first |= p.first
        strings = nlp.vocab.strings
        self.order = {(p.label, p.id): (strings.add(p.label), strings.add(p.id)) for p in self.patterns}
        self.order.update({v: (strings.add(v[0]), strings.add(v[1])) for v in self.fallback_ids.values()})
        self._masks: dict[tuple[str, str], int] = {}
        self._by_kind: list[int] = []   # TokenTable.kinds -> mask (see ``masks``)
        self._needs: dict[int, int] = {}     # mask -> _need(mask)
        self.every = 1 << len(self.tests)   # (see ``masks``)
        self._plans: dict[tuple[int, int], tuple[tuple[_Pattern, int], ...]] = {}

    def _need(self, mask: int) -> int:
        """The tests one of which the token after one of tests ``mask`` must pass for
        ``_plan(mask, following)`` to name a pattern (-1, all of them and ``self.every``, which
        every mask ``masks`` gives has, when one is named whatever follows; 0 when none starts
        here)."""
        need = 0
        for p in self.patterns:
            if not mask & p.first:
                continue
            n = len(p.bits)
            if p.fixed:
                if n == 1:
                    return -1
                need |= p.bits[1]
                continue
            states: set[int] = set()
            for q in p.closure[0]:
                if q < n and mask & p.bits[q]:
                    states |= p.closure[q + 1]
            if n in states:
                return -1
            for q in states:
                if q < n:
                    need |= p.bits[q]
        return need

    def _plan(self, mask: int, following: int) -> tuple[tuple[_Pattern, int], ...]:
        """The patterns to try at a token of tests ``mask`` before one of tests ``following`` (0 at
        the end of the text), each with its length when these two tokens decide the match, else 0."""
        plan = []
        for p in self.patterns:
            if not mask & p.first:
                continue
            n = len(p.bits)
            if p.fixed:
                if n == 1:
                    plan.append((p, 1))
                elif following & p.bits[1]:
                    plan.append((p, 2 if n == 2 else 0))
                continue
            # the positions a match may be in after this token: ``ends`` finds nothing unless
            # the match may end here or the next token goes on from one of them
            states: set[int] = set()
            for q in p.closure[0]:
                if q < n and mask & p.bits[q]:
                    states |= p.closure[q + 1]
            if n in states or any(q < n and following & p.bits[q] for q in states):
                plan.append((p, 0))
        return tuple(plan)

    def _compile(self, pattern: object, keys: dict[str, int]) -> tuple[list[int], list[bool]] | None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(s, dict) for s in pattern):
            return None
        bits: list[int] = []
        optional: list[bool] = []
        for spec in pattern:
            quants = _quantifiers(spec)
            test = _token_test(spec)
            if quants is None or test is None:
                return None
            key = json.dumps({k: v for k, v in spec.items() if k != "OP"}, sort_keys=True, ensure_ascii=False)
            if key not in keys:
                keys[key] = len(self.tests)
                self.tests.append(test)
                self.fast_tests.append(_fast_token_test(spec))
            for q in quants:
                bits.append(1 << keys[key])
                optional.append(q)
        return (bits, optional) if bits else None

    def _mask(self, table: TokenTable, i: int) -> int:
        """Which token tests token ``i`` passes, as bits. The tests whose flags the token has are
        chosen once per combination of flags; only their other tests are run."""
        text = table.texts[i]
        return self._mask_of((text, table.norms[i], text.lower(), len(text), table.alpha[i], table.lower[i],
                              table.title[i], table.punct[i], table.space[i]))

    def _row_mask(self, row: tuple) -> int:
        """``_mask`` of a token with the Normalizer's ``row`` (see ``Normalizer._row``), ``self.every`` set."""
        text, norm, _, space, punct, alpha, lower, _, title = row[:9]
        return self._mask_of((text, norm, text.lower(), len(text), alpha, lower, title, punct, space)) | self.every

    def _mask_of(self, values: tuple) -> int:
        flags = values[4:]
        todo = self._by_flags.get(flags)
        if todo is None:
            todo = self._by_flags[flags] = tuple(
                (1 << k, checks) for k, (wants, checks) in enumerate(self.fast_tests)
                if all(bool(values[slot]) == want for slot, want in wants))
        mask = 0
        for bit, checks in todo:
            for slot, test in checks:
                if not test(values[slot]):
                    break
            else:
                mask |= bit
        return mask

    def _masks_plain(self, table: TokenTable) -> list[int]:
        """The mask of every token, remembered per (text, norm)."""
        known = self._masks
        keys = list(zip(table.texts, table.norms))
        masks = [known.get(key) for key in keys]
        for i, mask in enumerate(masks):
            if mask is None:
                masks[i] = known[keys[i]] = self._mask(table, i)
        return masks

    def masks(self, table: TokenTable) -> list[int]:
        """``_masks_plain`` with the bit ``self.every`` set in each (a bit no test has), remembered
        per orth where ``kg_normalize`` made the table (a token's text and norm then follow from
        its orth, but for the tokens in ``table.odd``)."""
        every = self.every
        if table.kinds is None:
            return [m | every for m in self._masks_plain(table)]
        by_kind, rows = self._by_kind, table.kind_rows
        if len(by_kind) < len(rows):
            by_kind.extend(map(self._row_mask, rows[len(by_kind):]))
        masks = list(map(by_kind.__getitem__, table.kinds))
        for i in table.odd:
            key = (table.texts[i], table.norms[i])
            mask = self._masks.get(key)
            if mask is None:
                mask = self._masks[key] = self._mask(table, i)
            masks[i] = mask | every
        return masks

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        masks = self.masks(table)
        found: set[tuple[int, int, str, str]] = set()
        any_first, plans = self.any_first, self._plans
        last = len(masks) - 1
        # only where the plan is not empty: where the next token passes a test in ``_need``
        need_of = self._needs
        try:
            need = list(map(need_of.__getitem__, masks))
        except KeyError:
            for mask in set(masks).difference(need_of):
                need_of[mask] = self._need(mask)
            need = list(map(need_of.__getitem__, masks))
        at = list(compress(range(last), map(and_, need, masks[1:])))   # (map stops at the shorter)
        if last >= 0 and masks[last] & any_first:
            at.append(last)
        for i in at:
            mask = masks[i]
            pair = (mask, masks[i + 1] if i < last else 0)
            plan = plans.get(pair)
            if plan is None:
                plan = plans[pair] = self._plan(*pair)
            for p, length in plan:
                if length:
                    found.add((i, i + length, p.label, p.id))
                else:
                    for end in p.ends(masks, i):
                        found.add((i, end, p.label, p.id))
        if self.fallback_ids:
            found.update((start, end, *self.fallback_ids[key]) for key, start, end in self.fallback(doc) if start != end)
        order = self.order
        ranked = sorted(found, key=lambda m: (m[0], m[1], *order[(m[2], m[3])]))
        add_candidates(doc, [Span(doc, start, end, label=label, span_id=id_) for start, end, label, id_ in ranked])
        return doc


# --------------------------------------------------------------------------- kg_persons

class PersonFinder:
    """Person names from the given-name and surname lists and the shape of the text.

    * A run of capitalised words on one line is split into names: each starts at a listed given
      name (a second given name may follow) and takes up to three surname-like words ("Cecilia
      Wickenberg Rosengren", "Maria Boman Hansson Marie Krantz" -> two names).
    * A surname-like word is capitalised, not an organisation, and a listed surname, or has a
      surname ending, or is no ordinary Swedish word ("Park" in "Maria Park" is one).
    * An unlisted given name counts when a listed surname follows, or when the text around says
      it is a person ("Ardiana Demjaha, Örkelljunga", "X Y, professor från ...").
    * A given name alone (run of one) is a candidate ``first_name`` (``first_name_weak`` when it
      is also an ordinary word: "Lisa", "Mats", "Dag"); extraction links it or drops it.
    * "fornamn.efternamn@..." gives the person named by the address.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.stop = cue("months") | cue("not_names")
        self.endings = sorted(cue("surname_endings"), key=len, reverse=True)
        self._names: dict[str, bool] = {}
        self._rows: list | None = None   # the kind rows _facts was made for
        self._facts: tuple[list, ...] = ([], [], [], [], [], [], [])
        self._codes = KindCodes()   # by kind: _RUN_START (a run may start here), _CONTENT, _LIKE, _FIRST, _EMAIL
        self._municipal: dict[str, bool] = {}   # kb_id -> _is_municipality

    def _kind_facts(self, table: TokenTable) -> tuple[list, ...]:
        """By ``TokenTable.kinds``: (``_name_text``; a run may start here: name-like or an e-mail
        address; ``is_first_name``; ``is_surname``; ``is_ordinary_word``; ``_surname_like``; the
        folded text is a stop word), all of the token's text alone."""
        rows = table.kind_rows
        if self._rows is not rows:   # (another Normalizer numbers the kinds otherwise)
            self._rows = rows
            self._facts = ([], [], [], [], [], [], [])
            self._codes.clear()
        facts = self._facts
        like, starts, first, sur, ordinary, sur_like, stop = facts
        for row in rows[len(like):]:
            text = row[0]
            name = self._name_text(text)
            like.append(name)
            starts.append(name or bool(row[7]))
            first.append(is_first_name(text))
            sur.append(is_surname(text))
            ordinary.append(is_ordinary_word(text))
            sur_like.append(self._surname_text(text))
            stop.append(fold(text) in self.stop)
            self._codes.values.append((_RUN_START if starts[-1] else 0) | (0 if row[3] else _CONTENT)
                                      | (_LIKE if name else 0) | (_FIRST if first[-1] else 0)
                                      | (_EMAIL if row[7] else 0))
        return facts

    def __call__(self, doc: Doc) -> Doc:
        """``_call_plain`` over token indices, with the tests of a token's text read per
        ``TokenTable.kinds`` (``_kind_facts``); no Token object is made but for e-mail addresses."""
        table = token_table(doc)
        if table.kinds is None:
            return self._call_plain(doc)
        org_spans = candidates(doc, ORG)
        orgs = covered_tokens(org_spans)
        known = self._municipal   # (_is_municipality once per kb id)
        single_orgs = set()
        for s in org_spans:
            if s.end - s.start == 1:
                kb_id = s.kb_id_
                town = known.get(kb_id)
                if town is None:
                    town = known[kb_id] = _is_municipality(kb_id)
                if town:
                    single_orgs.add(s.start)
        like_of, _, first_of = self._kind_facts(table)[:3]
        email, kinds = table.email, table.kinds
        toks = table.content
        size = len(toks)
        firsts = [k for k in self._firsts(table, single_orgs) if email[toks[k]] or toks[k] not in orgs]
        found: list[Span] = []
        k = 0
        for first in firsts:
            if first < k:
                continue   # inside the run just read
            k = first
            i = toks[k]
            if email[i]:
                span = self._email(doc, doc[i])
                if span is not None:
                    found.append(span)
                k += 1
                continue
            if k + 1 < size:
                j = toks[k + 1]
                alone = not (like_of[kinds[j]] and j not in orgs) and j not in single_orgs
            else:
                alone = True
            if alone and not first_of[kinds[i]]:
                k += 1
                continue
            run = [i]
            m = k + 1
            while m < size:
                j = toks[m]
                like = like_of[kinds[j]]
                if not (like and j not in orgs) and not (len(run) == 1 and j in single_orgs):
                    break
                if not (self._joins_at(table, run, j) and (
                        (like and j not in orgs) or (len(run) == 1 and first_of[kinds[i]] and j in single_orgs and like
                                 and not table.newline_between(i, j)))):
                    break
                run.append(j)
                m += 1
            for a, b, rule in self._split_at(table, run, toks[m] if m < size else None):
                if not self._place_at(table, a, b):
                    found.append(Span(doc, a, b, label=PER, span_id=rule))
            k = m
        add_candidates(doc, found)
        return doc

    def _firsts(self, table: TokenTable, single_orgs: set[int]) -> list[int]:
        """The positions in ``table.content`` where a run may start and be more than a lone word
        that is no given name (which gives nothing): the kind may start a run and is an e-mail
        address or a given name, or the next word is name-like or a municipality."""
        codes = content_codes(self._codes.of(table), _CONTENT)
        after = numpy.zeros_like(codes)
        after[:-1] = codes[1:]
        at = numpy.flatnonzero((codes & _RUN_START != 0) & ((codes & (_FIRST | _EMAIL) != 0) | (after & _LIKE != 0)))
        at = at.tolist()
        if single_orgs:
            toks = table.content
            more = set()
            for t in single_orgs:
                k = bisect_left(toks, t)
                if 0 < k < len(toks) and toks[k] == t and codes[k - 1] & _RUN_START:
                    more.add(k - 1)
            if more:
                at = sorted(more.union(at))
        return at

    def _joins_at(self, table: TokenTable, run: list[int], t: int) -> bool:
        """``_joins`` for token indices."""
        prev = run[-1]
        if table.idx[prev] + len(table.texts[prev]) == table.idx[t]:
            return False   # (no white space after prev: a token that follows at once)
        if not table.newline_between(prev, t):
            return True
        first, kinds = self._facts[2], table.kinds
        return len(run) == 1 and first[kinds[prev]] and not first[kinds[t]] \
            and not table.blank_line_between(prev, t) and self._facts[5][kinds[t]]

    def _split_at(self, table: TokenTable, run: list[int], after: int | None) -> list[tuple[int, int, str]]:
        """``_split`` for token indices: (start, end, rule) per name."""
        _, _, first_of, sur_of, ord_of, sur_like_of, stop_of = self._facts
        kinds = table.kinds
        out: list[tuple[int, int, str]] = []
        ks = [kinds[t] for t in run]
        first = [first_of[x] for x in ks]
        if len(run) == 1:
            if first[0]:
                t = run[0]
                out.append((t, t + 1, "first_name_weak" if ord_of[ks[0]] else "first_name"))
            return out
        size = len(run)
        j = 0
        while j < size:
            if not first[j]:
                if j + 1 < size and j == 0 and size <= 3 and self._unlisted_ok_at(table, run, ks, after):
                    out.append((run[0], run[-1] + 1, "person"))
                    return out
                j += 1
                continue
            given = run[j]
            k = j + 1
            if k < size and first[k] and not sur_of[ks[k]] \
                    and k + 1 < size and sur_like_of[ks[k + 1]] and not first[k + 1]:
                k += 1   # "Anna Maria Svensson"
            family = 0
            while k < size and family < 3:
                w = ks[k]
                if first[k] and not sur_of[w] and (family or k + 1 < size):
                    break
                if not sur_like_of[w] and (family or stop_of[w]):
                    break
                family += 1
                k += 1
            if not family and j == 0 and size == 2 and k == 1 and self._apposition_at(table, after):
                family = 1   # "Per Skålén, professor ..."
                k = 2
            if family:
                out.append((given, run[k - 1] + 1, "person"))
                j = k
            else:
                j += 1
        return out

    def _place_at(self, table: TokenTable, a: int, b: int) -> bool:
        """``_place`` for the name of tokens a .. b - 1."""
        if a <= 0 or b - a <= 1 or table.norms[a - 1] not in ("pa", "i", "vid"):
            return False
        ord_of, kinds = self._facts[4], table.kinds
        return any(ord_of[kinds[t]] for t in range(a, b))

    def _apposition_at(self, table: TokenTable, after: int | None) -> bool:
        """``_apposition`` for a token index."""
        if after is None:
            return False
        text = table.texts[after]
        if text == "," and after + 1 < len(table.texts) and table.alpha[after + 1] and table.lower[after + 1]:
            return True
        return fold(text) == "fran"

    def _unlisted_ok_at(self, table: TokenTable, run: list[int], ks: list[int], after: int | None) -> bool:
        """``_unlisted_ok`` for token indices (``ks``: their kinds)."""
        sur_of, ord_of = self._facts[3], self._facts[4]
        last = ks[-1]
        if sur_of[last] and not ord_of[last] and len(run) == 2:
            return True
        if any(ord_of[x] for x in ks):
            return False
        if sur_of[last]:
            return True
        return self._apposition_at(table, after)

    def _call_plain(self, doc: Doc) -> Doc:
        org_spans = candidates(doc, ORG)
        orgs = covered_tokens(org_spans)
        single_orgs = {s.start for s in org_spans if len(s) == 1 and _is_municipality(s.kb_id_)}
        found: list[Span] = []
        table = token_table(doc)
        texts, email = table.texts, table.email
        toks = table.content     # indices; Token objects are made only for the runs of names
        known, name_text = self._names, self._name_text
        for text in set(texts).difference(known):
            name_text(text)
        like = list(map(known.__getitem__, texts))   # _name_text per token
        # the tokens a run may start at (at the others the loop only stepped on): an e-mail
        # address or a name-like word outside the organisations
        firsts = [k for k in compress(range(len(toks)), map(or_, map(email.__getitem__, toks), map(like.__getitem__, toks)))
                  if email[toks[k]] or toks[k] not in orgs]
        size = len(toks)
        k = 0
        for first in firsts:
            if first < k:
                continue   # inside the run just read
            k = first
            i = toks[k]
            if email[i]:
                span = self._email(doc, doc[i])
                if span is not None:
                    found.append(span)
                k += 1
                continue
            if k + 1 < size:
                j = toks[k + 1]
                alone = not (like[j] and j not in orgs) and j not in single_orgs
            else:
                alone = True
            if alone and not is_first_name(texts[i]):
                # the loop below would stop at once: a run of one word, and ``_split`` finds no
                # name in one word that is no given name
                k += 1
                continue
            run = [doc[i]]
            m = k + 1
            while m < len(toks):
                j = toks[m]
                if not (like[j] and j not in orgs) and not (len(run) == 1 and j in single_orgs):
                    break   # (the test below fails: the name tests first, without a Token)
                nxt = doc[j]
                if not (self._joins(run, nxt) and (
                        self._name_like(nxt, orgs)
                        or (len(run) == 1 and is_first_name(run[0].text) and nxt.i in single_orgs
                            and self._name_like(nxt, set()) and not newline_between(run[0], nxt)))):
                    break
                run.append(nxt)   # "Bahar Norberg": a surname that is also a town's name
                m += 1
            names = self._split(doc, run, doc[toks[m]] if m < len(toks) else None)
            found.extend(n for n in names if not self._place(doc, n))
            k = m
        add_candidates(doc, found)
        return doc

    def _name_like(self, t: Token, orgs: set[int]) -> bool:
        return t.i not in orgs and self._name_text(t.text)

    def _name_text(self, text: str) -> bool:
        """The part of ``_name_like`` that depends on the text alone (remembered per text)."""
        known = self._names.get(text)
        if known is None:
            known = self._names[text] = self._name_shape(text)
        return known

    def _name_shape(self, text: str) -> bool:
        if len(text) < 2 or not text[0].isupper():
            return False
        if not text.replace("-", "").replace("'", "").isalpha() or text.endswith("-"):
            return False
        if text.isupper():
            return False
        return fold(text) not in self.stop

    def _joins(self, run: list[Token], t: Token) -> bool:
        """Whether ``t`` continues the run: same line, or a given name alone before a line break."""
        prev = run[-1]
        if prev.whitespace_ == "" and prev.idx + len(prev.text) == t.idx:
            return False
        if not newline_between(prev, t):
            return True
        return len(run) == 1 and is_first_name(prev.text) and not is_first_name(t.text) \
            and not _blank_line_between(prev, t) and self._surname_like(t)

    def _surname_like(self, t: Token) -> bool:
        return self._surname_text(t.text)

    def _surname_text(self, text: str) -> bool:
        key = fold(text)
        if is_surname(text):
            return True
        if any(key.endswith(e) and len(key) > len(e) + 1 for e in self.endings):
            return True
        return not is_ordinary_word(text) and not is_first_name(text)

    def _split(self, doc: Doc, run: list[Token], after: Token | None) -> list[Span]:
        out: list[Span] = []
        if len(run) == 1:
            t = run[0]
            if is_first_name(t.text):
                rule = "first_name_weak" if is_ordinary_word(t.text) else "first_name"
                out.append(Span(doc, t.i, t.i + 1, label=PER, span_id=rule))
            return out
        j = 0
        while j < len(run):
            if not is_first_name(run[j].text):
                # an unlisted given name: accepted before a listed surname or a person context
                if j + 1 < len(run) and j == 0 and len(run) <= 3 and self._unlisted_ok(doc, run, after):
                    out.append(Span(doc, run[0].i, run[-1].i + 1, label=PER, span_id="person"))
                    return out
                j += 1
                continue
            given = [run[j]]
            k = j + 1
            if k < len(run) and is_first_name(run[k].text) and not is_surname(run[k].text) \
                    and k + 1 < len(run) and self._surname_like(run[k + 1]) and not is_first_name(run[k + 1].text):
                given.append(run[k])   # "Anna Maria Svensson"
                k += 1
            family: list[Token] = []
            while k < len(run) and len(family) < 3:
                w = run[k]
                if is_first_name(w.text) and not is_surname(w.text) and (family or k + 1 < len(run)):
                    break
                # right after a listed given name any capitalised word may be the surname
                # ("Gunilla Gran", "Cecilia Ceder"); later words must look like surnames
                if not self._surname_like(w) and (family or fold(w.text) in self.stop):
                    break
                family.append(w)
                k += 1
            if not family and j == 0 and len(run) == 2 and k == 1 and self._apposition(doc, after):
                family = [run[1]]   # "Per Skålén, professor ...": the context says it is a name
                k = 2
            if family:
                out.append(Span(doc, given[0].i, family[-1].i + 1, label=PER, span_id="person"))
                j = k
            else:
                j += 1
        return out

    def _place(self, doc: Doc, name: Span) -> bool:
        """'på Maria Park': after a place preposition, a name made of ordinary words is a place."""
        prev = doc[name.start - 1] if name.start > 0 else None
        return prev is not None and prev.norm_ in ("pa", "i", "vid") and len(name) > 1 \
            and any(is_ordinary_word(t.text) for t in name)

    def _apposition(self, doc: Doc, after: Token | None) -> bool:
        """'Name, title ...' or 'Name från ...' follows."""
        if after is None:
            return False
        nxt = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if after.text == "," and nxt is not None and nxt.is_alpha and nxt.is_lower:
            return True
        return fold(after.text) == "fran"

    def _unlisted_ok(self, doc: Doc, run: list[Token], after: Token | None) -> bool:
        if is_surname(run[-1].text) and not is_ordinary_word(run[-1].text) and len(run) == 2:
            return True    # "Lila Ericsson": an unlisted given name before a listed surname
        if any(is_ordinary_word(t.text) for t in run):
            return False
        if is_surname(run[-1].text):
            return True
        return self._apposition(doc, after)

    def _email(self, doc: Doc, t: Token) -> Span | None:
        local = t.text.split("@", 1)[0]
        parts = [p for p in re.split(r"[._]", local) if p]
        if not 2 <= len(parts) <= 3 or not all(p.isalpha() for p in parts):
            return None
        if not is_first_name(parts[0].capitalize()):
            return None
        return Span(doc, t.i, t.i + 1, label=PER, span_id="email")


def email_name(text: str) -> str:
    """'johan.lindberg@familjenhelsingborg.se' -> 'Johan Lindberg'."""
    local = text.split("@", 1)[0]
    return " ".join("-".join(x.capitalize() for x in p.split("-")) for p in re.split(r"[._]", local) if p)


# --------------------------------------------------------------------------- kg_context_orgs

_CUE_START = 1   # (and _CONTENT, below)


class ContextOrganizations:
    """Organisations no list knows, recognised by what is said around them: a capitalised name that
    is no person after "tillsammans med", "samarbete med", "bjuda in", "representanter från" ...
    ("en lägesbild tas fram tillsammans med Länsförsäkringar")."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.cues = sorted((tuple(fold(w).split()) for w in cue("org_context")), key=len, reverse=True)
        self.stop = cue("months") | cue("not_names")
        # a cue can match only where its first word stands: the cues of each first word, in order
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in self.cues:
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        self.any_empty = any(not words for words in self.cues)
        self.longest = max((len(words) for words in self.cues), default=0)
        self._rows: list | None = None   # the kind rows _codes was made for
        self._codes = KindCodes()        # by kind: _CUE_START where a cue may start, _CONTENT

    def _starts(self, table: TokenTable) -> Iterable[int]:
        """The positions in ``table.content`` where a cue may start: where a cue's first word
        stands (by kind; the content tokens have their kind's norm)."""
        by_first, toks = self.by_first, table.content
        if self.any_empty:
            return range(len(toks))
        if table.kinds is None:
            norms = table.norms
            return [k for k, i in enumerate(toks) if norms[i] in by_first]
        rows, codes = table.kind_rows, self._codes
        if self._rows is not rows:   # (another Normalizer numbers the kinds otherwise)
            self._rows = rows
            codes.clear()
        codes.values.extend((_CUE_START if row[1] in by_first else 0) | (0 if row[3] else _CONTENT)
                            for row in rows[len(codes):])
        return content_positions(codes.of(table), _CONTENT, _CUE_START)

    def __call__(self, doc: Doc) -> Doc:
        taken = covered_tokens(candidates(doc))
        table = token_table(doc)
        texts, alpha, norm_at = table.texts, table.alpha, table.norms
        toks = table.content
        size = len(toks)
        found = []
        for i in self._starts(table):
            # the norms a cue at i may read (see _match)
            norms = [norm_at[toks[x]] for x in range(i, min(i + self.longest + 1, size))]
            for words in (self.cues if self.any_empty else self.by_first[norms[0]]):
                j = self._match(norms, 0, words)
                if j is None:
                    continue
                j += i
                k = j
                while k < len(toks) and k - j < 4 and texts[toks[k]][:1].isupper() and alpha[toks[k]] \
                        and toks[k] not in taken and not table.newline_between(toks[k - 1], toks[k]):
                    k += 1
                name = toks[j:k]
                if name and not is_first_name(texts[name[0]]) and fold(texts[name[0]]) not in self.stop \
                        and not (len(name) == 1 and is_ordinary_word(texts[name[0]])):
                    found.append(Span(doc, name[0], name[-1] + 1, label=ORG, span_id="org_context"))
                break
        add_candidates(doc, found)
        return doc

    @staticmethod
    def _match(norms: list[str], i: int, words: tuple[str, ...]) -> int | None:
        """End of ``words`` at ``i``; one verb may stand before a final "med" ("samverkan sker med")."""
        n = len(words)
        if tuple(norms[i:i + n]) == words:
            return i + n
        if n >= 2 and words[-1] == "med" and tuple(norms[i:i + n - 1]) == words[:-1] \
                and i + n < len(norms) and norms[i + n] == "med" and norms[i + n - 1].isalpha():
            return i + n + 1
        return None


# --------------------------------------------------------------------------- kg_projects

_COPULA_NOUNS = frozenset({"projekt", "initiativ", "satsning"})
# where the first rules of ProjectFinder start: a quote, a norm in project_after, a copula noun,
# the first word of an enumeration cue
_CUE_QUOTE, _CUE_AFTER, _CUE_COPULA, _CUE_ENUM = 1, 2, 4, 8
# a heading line "NAME (ABBR) – word ...": the name starts at the line's first letter (after a
# bullet, number or emoji) and holds no comma; _may_hold_titled is the cheap test that one may be there
# (searched as its dash, which the engine finds at once, then the word character before it:
# a search that begins with \w tries every letter of the text)
_TITLED_DASH_RE = re.compile(r"[ \t][–—-][ \t]\w")
_WORD_CHAR_RE = re.compile(r"\w")


def _may_hold_titled(text: str) -> bool:
    r"""Whether ``text`` holds r"\w\)?[ \t][–—-][ \t]\w": a word, maybe a ")", and a spaced dash."""
    for m in _TITLED_DASH_RE.finditer(text):
        p = m.start()
        if p and (_WORD_CHAR_RE.match(text, p - 1) or text[p - 1] == ")" and p > 1 and _WORD_CHAR_RE.match(text, p - 2)):
            return True
    return False
_TITLED_LINE_RE = re.compile(
    r"^[^\w\n]{0,4}(?P<name>[A-ZÅÄÖ][^\n,;:–—]{2,80}?)(?:\s*\([A-ZÅÄÖ]{2,8}\))?[ \t]+[–—-][ \t]+(?P<word>\w+)",
    re.MULTILINE)
_CUES = 15
# and where the last three may start (a kind's facts: may start a capital run, may be a
# mid-sentence name, may be a bullet topic), and the tokens that are no white space
_RUN_START, _MID, _TOPIC, _CONTENT = 16, 32, 64, 128
# (and of PersonFinder: name-like, a listed given name, an e-mail address)
_LIKE, _FIRST, _EMAIL = 1, 2, 4


class ProjectFinder:
    """Named projects and initiatives that only context shows.

    * a quotation that starts with a capital: "Din hälsa Helsingborg", "Brukare blir utvecklare"
    * after a cue word: "projektet Hbg Works", "konceptet med självstyrande team",
      "projektet som handlar om AI inom Familjen Helsingborg"
    * "Yrkes SM är ett stort projekt"
    * the capitalised items of an enumeration: "exempelvis Digitalt utanförskap, Hälsoprojektet"
    * two or more capitalised words that are no person or organisation: "Chatbot Sally",
      "Curiosity Mashup", "Mitt Helsingborg" (a municipality may close it)
    * a capitalised unknown word in mid-sentence, not after a place preposition, with at most two
      lower-case words up to the end of the clause: "Staden som samhällsbyggare", "Samhällsorientering"
    * the topic of a bullet line: "o Skoltempen - Niklas har ..."
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.within = cue("project_within")
        self.labels = cue("project_label")
        # the norms the cue rule starts at (``_after_cue``): a project word, "inom", a label
        self.after = cue("project_after") | self.within | self.labels
        self.label_only = self.labels - cue("project_after")
        self.frame = cue_phrases("project_frame")
        self.programme_heads = tuple(sorted(cue("project_programme_heads")))
        self.evidence = ProjectEvidence()
        self.title_words = cue("project_title_words")
        self.about = [tuple(fold(w).split()) for w in cue("project_about")]
        self.enum = [tuple(fold(w).replace(".", " . ").split()) for w in cue("enumeration")]
        self.copula = cue("copula")
        self.locative = cue("locative")
        self.stop = cue("months") | cue("not_names")
        self.enum_by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in self.enum:
            if words:
                self.enum_by_first.setdefault(words[0], []).append(words)
        self.enum_any_empty = any(not words for words in self.enum)
        self._caps: dict[str, bool] = {}
        self._rows: list | None = None   # the kind rows _facts was made for
        self._facts: tuple[list, list, list, list, list] = ([], [], [], [], [])
        self._codes = KindCodes()        # by kind: _CUE_* of the kind's text and norm, _RUN_START ...
        self._words: list[bool] = []     # by kind: letters only, and not all of them line-start marks
        self._marks: list[bool] = []     # by kind: a token after which a sentence starts (sentence_start)
        self._municipal: dict[str, bool] = {}   # kb_id -> _is_municipality

    def __call__(self, doc: Doc) -> Doc:
        """``_call_plain``, with what the rules ask of a token's text alone (capitalised, all
        capitals, stop word, given name, ordinary word) read per ``TokenTable.kinds``
        (``_kind_facts``), and ``_capital_runs``, ``_mid_sentence`` and ``_bullet_topic`` started
        only at the tokens whose kind passes their first tests (``_fast_*``)."""
        table = token_table(doc)
        if table.kinds is None:
            return self._call_plain(doc)
        self._taken_sets(doc)
        kinds = table.kinds
        facts = self._kind_facts(table)
        self.caps = list(map(facts[0].__getitem__, kinds))   # once per token
        self._cap_at = None   # (made when read: the fast rules do not)
        found: list[Span] = []
        codes = self._codes.of(table)
        # where the first four rules may start (a quote; a norm that is a cue), by kind; a token
        # whose norm is not its kind's (white space only) is tested by its norm
        cues = codes & _CUES
        hits = numpy.flatnonzero(cues)
        bits = dict(zip(hits.tolist(), cues.take(hits).tolist()))
        if table.odd:
            norms = table.norms
            for i in table.odd:
                bit = (bits.get(i, 0) & _CUE_QUOTE) | self._norm_bits(norms[i])
                if bit:
                    bits[i] = bit
                else:
                    bits.pop(i, None)
            bits = dict(sorted(bits.items()))
        if bits:
            for rule, bit in ((self._quoted, _CUE_QUOTE), (self._after_cue, _CUE_AFTER),
                              (self._copula, _CUE_COPULA), (self._enumeration, _CUE_ENUM)):
                at = [i for i, b in bits.items() if b & bit]
                if at:
                    found.extend(rule(doc, table, at))
        found.extend(self._fast_capital_runs(doc, table, facts, content_positions(codes, _CONTENT, _RUN_START)))
        found.extend(self._fast_mid_sentence(doc, table, facts, numpy.flatnonzero(codes & _MID).tolist()))
        found.extend(self._fast_bullet_topic(doc, table, numpy.flatnonzero(codes & _TOPIC).tolist()))
        found.extend(self._titled(doc, table))
        add_candidates(doc, self.evidence.keep(doc, table, found))
        return doc

    def _taken_sets(self, doc: Doc) -> None:
        """The tokens of organisations, persons (not weak given names) and municipalities, each
        span's label read once and ``_is_municipality`` asked once per kb id."""
        spans = candidates(doc)
        labels = [s.label_ for s in spans]
        orgs = [s for s, label in zip(spans, labels) if label == ORG]
        persons = [s for s, label in zip(spans, labels) if label == PER and s.id_ not in ("first_name_weak",)]
        self.org_tok = covered_tokens(orgs)
        self.per_tok = covered_tokens(persons)
        self.taken = self.org_tok | self.per_tok   # (what _free tests)
        known = self._municipal
        municipal = set()
        for s in orgs:
            kb_id = s.kb_id_
            town = known.get(kb_id)
            if town is None:
                town = known[kb_id] = _is_municipality(kb_id)
            if town:
                municipal.update(range(s.start, s.end))
        self.municipal = municipal

    @property
    def _cue_bits(self) -> list[int]:
        """By kind: the _CUE_* bits of the kind's text and norm."""
        return [code & _CUES for code in self._codes.values]

    def _norm_bits(self, norm: str) -> int:
        return ((_CUE_AFTER if norm in self.after else 0) | (_CUE_COPULA if norm in _COPULA_NOUNS else 0)
                | (_CUE_ENUM if self.enum_any_empty or norm in self.enum_by_first else 0))

    def _kind_facts(self, table: TokenTable) -> tuple[list, list, list, list, list]:
        """By ``TokenTable.kinds``: (``_cap``; may start a capital run; may continue one; may be a
        mid-sentence name; may be a bullet topic), the tests of the token's text alone."""
        rows = table.kind_rows
        if self._rows is not rows:   # (another Normalizer numbers the kinds otherwise)
            self._rows = rows
            self._facts = ([], [], [], [], [])
            self._codes.clear()
            self._words = []
            self._marks = []
        facts = self._facts
        caps, starts, conts, mids, topics = facts
        stop = self.stop
        for row in rows[len(caps):]:
            text = row[0]
            cap = self._cap(text)
            upper = text.isupper()
            stopped = fold(text) in stop
            first = is_first_name(text)
            caps.append(cap)
            starts.append(cap and not upper and not stopped and not first)
            conts.append((cap or (upper and len(text) <= 4 and bool(row[5]))) and not stopped)
            mids.append(cap and not upper and len(text) >= 4 and not first and not stopped)
            topics.append(cap and not upper and not stopped and not first and not is_ordinary_word(text))
            self._codes.values.append((_CUE_QUOTE if text in QUOTES else 0) | self._norm_bits(row[1])
                                      | (_RUN_START if starts[-1] else 0) | (_MID if mids[-1] else 0)
                                      | (_TOPIC if topics[-1] else 0) | (0 if row[3] else _CONTENT))
            self._words.append(text.isalpha() and not _LINE_START_NUMBERS.issuperset(text))
            self._marks.append(not row[3] and _sentence_mark(text))
        return facts

    def _call_plain(self, doc: Doc) -> Doc:
        self._taken_sets(doc)
        self.municipal = {i for s in candidates(doc, ORG) for i in range(s.start, s.end) if _is_municipality(s.kb_id_)}
        table = token_table(doc)
        known = self._caps
        for text in set(table.texts).difference(known):
            self._cap(text)
        self.caps = list(map(known.__getitem__, table.texts))   # once per token
        self.cap_at = list(compress(range(len(self.caps)), self.caps))   # the capitalised tokens
        found: list[Span] = []
        for rule in (self._quoted, self._after_cue, self._copula, self._enumeration,
                     self._capital_runs, self._mid_sentence, self._bullet_topic, self._titled):
            found.extend(rule(doc, table))
        add_candidates(doc, self.evidence.keep(doc, table, found))
        return doc

    @property
    def cap_at(self) -> list[int]:
        """The capitalised tokens of the document read last."""
        if self._cap_at is None:
            self._cap_at = list(compress(range(len(self.caps)), self.caps))
        return self._cap_at

    @cap_at.setter
    def cap_at(self, value: list[int]) -> None:
        self._cap_at = value

    # -- helpers
    def _free(self, i: int) -> bool:
        return i not in self.taken

    def _cap(self, text: str) -> bool:
        known = self._caps.get(text)
        if known is None:
            known = self._caps[text] = bool(text) and text[0].isupper() and text.replace("-", "").isalpha()
        return known

    def _span(self, doc: Doc, table: TokenTable, a: int, b: int, rule: str) -> Span | None:
        punct, space = table.punct, table.space
        while b > a and (punct[b - 1] or space[b - 1]):
            b -= 1
        while a < b and (punct[a] or space[a]):
            a += 1
        if b <= a:
            return None
        return Span(doc, a, b, label=PRJ, span_id=rule)

    # -- rules (over token indices; see TokenTable)
    def _quoted(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the quotes, when known)"""
        texts = table.texts
        n = len(texts)
        i = 0
        if at is None:
            if QUOTES.isdisjoint(texts):
                return   # (the loop below starts only at a quote)
            at = [k for k, text in enumerate(texts) if text in QUOTES]
        for q in at:
            if q < i:
                continue   # inside the quotation just read
            i = q
            j = i + 1
            while j < n and j - i <= 8 and texts[j] not in QUOTES and "\n" not in texts[j]:
                j += 1
            if j < n and texts[j] in QUOTES and j > i + 1 and texts[i + 1][:1].isupper():
                if not all(t in self.per_tok or t in self.org_tok for t in range(i + 1, j)):
                    s = self._span(doc, table, i + 1, j, "project_quoted")
                    if s is not None:
                        yield s
                i = j + 1
                continue
            i += 1

    def _after_cue(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm is a cue, when known)"""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        alpha, lower = table.alpha, table.lower
        n = len(texts)
        if at is None:
            if self.after.isdisjoint(norms):
                return   # (the loop below starts only at a cue)
            at = [k for k, norm in enumerate(norms) if norm in self.after]
        for i in at:
            j = i + 1
            while j < n and space[j]:
                j += 1
            norm = norms[i]
            if norm in self.within:
                s = self._within(doc, table, j)
                if s is not None:
                    yield s
                continue
            if norm in self.labels:
                s = self._label(doc, table, j) if texts[i][:1].isupper() and table.line_start(i) else None
                if s is not None:
                    yield s
                    continue
                if norm in self.label_only:
                    continue   # "styrgrupp" in running text or a table is no cue
            # "projektet som handlar om X"
            for words in self.about:
                k = j
                if k < n and norms[k] == "som":
                    k += 1
                if tuple(norms[x] for x in range(k, min(k + len(words) + 2, n)) if not space[x])[:len(words)] == words:
                    while k < n and (space[k] or norms[k] in words):
                        k += 1
                    a = k
                    b = a
                    while b < n and b - a < 6 and not punct[b] and not space[b]:
                        b += 1
                    s = self._span(doc, table, a, b, "project_about")
                    if s is not None:
                        yield s
            if j < n and norms[j] == "med":
                j += 1
            if j < n and self.caps[j] and self._free(j):
                b = j
                while b < n and b - j < 4 and (self.caps[b] or texts[b].isupper()) and self._free(b):
                    b += 1
                s = self._span(doc, table, j, b, "project_named")
                if s is not None:
                    yield s
            elif norms[i] == "konceptet" and j < n and lower[j]:
                b = j
                while b < n and b - j < 3 and alpha[b] and lower[b] \
                        and norms[b] not in self.locative and norms[b] not in {"och", "som", "att"}:
                    b += 1
                if b - j >= 2:
                    s = self._span(doc, table, j, b, "project_concept")
                    if s is not None:
                        yield s

    def _within(self, doc: Doc, table: TokenTable, j: int) -> Span | None:
        """The programme or initiative after "inom" (``j``: the next word): any capitalised name
        after "inom ramen för"; otherwise one capitalised word in the definite form that is no
        acronym, genitive or known name ("inom Klimatklivet", "inom Kompetensstegen"), or a
        lower-case compound of a programme word ("inom landsbygdsprogrammet")."""
        texts, norms, space = table.texts, table.norms, table.space
        n = len(texts)
        for words in self.frame:
            k, w = j, 0
            while k < n and w < len(words) and (space[k] or norms[k] == words[w]):
                w += 0 if space[k] else 1
                k += 1
            if w == len(words):
                while k < n and space[k] and "\n" not in texts[k]:
                    k += 1
                b = k
                while b < n and b - k < 4 and self.caps[b] and self._free(b):
                    b += 1
                return self._span(doc, table, k, b, "project_frame") if b > k else None
        if j >= n or not self._free(j):
            return None
        text, norm = texts[j], norms[j]
        if self.caps[j] and not text.isupper() and len(norm) >= 6 and norm.endswith(("et", "en")) \
                and not is_first_name(text) and not is_ordinary_word(text):
            return self._span(doc, table, j, j + 1, "project_within")
        if text.islower() and any(norm.endswith(h) and len(norm) >= len(h) + 4 for h in self.programme_heads):
            return self._span(doc, table, j, j + 1, "project_programme")
        return None

    def _label(self, doc: Doc, table: TokenTable, j: int) -> Span | None:
        """The rest of a line opened by a project label ("Projekt Nytt badhus – projektgruppsmöte",
        "Projekt: e-arkiv Norra Kalmar län (ENKL)"), up to a dash, bracket or comma; at most six
        words, the first of them a word of letters."""
        texts, space, punct = table.texts, table.space, table.punct
        n = len(texts)
        if j < n and texts[j] == ":":
            j += 1
            while j < n and space[j] and "\n" not in texts[j]:
                j += 1
        if j >= n or not texts[j][:1].isalpha() or not (texts[j][:1].isupper() or "-" in texts[j]):
            return None
        b, words = j, 0
        while b < n and words < 7 and "\n" not in texts[b] and not punct[b]:
            words += 0 if space[b] else 1
            b += 1
        if words > 6:
            return None
        return self._span(doc, table, j, b, "project_label")

    def _titled(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        """The heading before a dash whose words after it call it a project ("Digital delaktighet i
        Gävleborg (DDG) – samverkansprojekt mellan ...", "Politisk organisation 2027 – uppdrag
        från KS"): the line from its first letter, without a bracketed abbreviation, when no
        person or comma stands in it. (A regular expression finds the lines: no word is visited.)"""
        text = table.text
        if not _may_hold_titled(text):
            return
        idx = table.idx
        for m in _TITLED_LINE_RE.finditer(text):
            word = fold(m.group("word"))
            if word not in self.title_words and not word.endswith(self.evidence.endings):
                continue
            a = bisect_left(idx, m.start("name"))
            b = bisect_left(idx, m.end("name"))
            if a >= b or any(t in self.per_tok for t in range(a, b)) or b - a > 12:
                continue
            s = self._span(doc, table, a, b, "project_titled")
            if s is not None:
                yield s

    def _copula(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm is one of the nouns, when known)"""
        texts, norms, alpha, lower, space = table.texts, table.norms, table.alpha, table.lower, table.space
        if at is None:
            if _COPULA_NOUNS.isdisjoint(norms):
                return   # (the loop below starts only at one of these nouns)
            at = [k for k, norm in enumerate(norms) if norm in _COPULA_NOUNS]
        for i in at:
            if i < 3:
                continue
            k = i - 1
            if alpha[k] and lower[k] and norms[k] not in {"ett", "en"}:
                k -= 1   # adjective: "ett stort projekt"
            if norms[k] not in {"ett", "en"}:
                continue
            k -= 1
            if k < 0 or norms[k] not in self.copula:
                continue
            b = k
            a = b
            while a - 1 >= 0 and (self.caps[a - 1] or texts[a - 1].isupper()) and not space[a - 1] \
                    and b - a < 3 and self._free(a - 1):
                a -= 1
            if a < b:
                s = self._span(doc, table, a, b, "project_copula")
                if s is not None:
                    yield s

    def _enumeration(self, doc: Doc, table: TokenTable, at: Iterable[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm begins a cue, when known)"""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        n = len(norms)
        if at is not None:
            pass
        elif self.enum_any_empty:
            at = range(n)
        else:   # the tokens that begin a cue (at the others no cue is tried)
            firsts = self.enum_by_first.keys()
            at = () if firsts.isdisjoint(norms) else compress(range(n), map(firsts.__contains__, norms))
        for i in at:
            for words in (self.enum if self.enum_any_empty else self.enum_by_first.get(norms[i], ())):
                if tuple(norms[i:i + len(words)]) != words:
                    continue
                j = i + len(words)
                while j < n:
                    while j < n and space[j]:
                        j += 1
                    if j >= n or not self.caps[j] or not self._free(j):
                        break
                    b = j
                    while b < n and not punct[b] and not space[b] and norms[b] != "och" \
                            and b - j < 4:
                        b += 1
                    if not all(self._free(x) for x in range(j, b)):
                        break
                    s = self._span(doc, table, j, b, "project_enumerated")
                    if s is not None:
                        yield s
                    if b < n and (texts[b] == "," or norms[b] == "och"):
                        j = b + 1
                    else:
                        break

    def _capital_runs(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        texts, norms, alpha = table.texts, table.norms, table.alpha
        toks = table.content
        caps = self.caps
        k = 0
        # a run starts only at a capitalised word: the loop stepped over the others one by one
        for first in list(compress(range(len(toks)), map(caps.__getitem__, toks))):
            if first < k:
                continue   # inside the run just read
            k = first
            t = toks[k]
            text = texts[t]
            if not (self.caps[t] and self._free(t)) or text.isupper() or fold(text) in self.stop:
                k += 1
                continue
            if is_first_name(text):
                k += 1
                continue   # a person the name lists did not confirm, not a project
            run = [t]
            m = k + 1
            while m < len(toks) and not table.newline_between(run[-1], toks[m]) and len(run) < 4:
                u = toks[m]
                if u in self.municipal and u not in self.per_tok:
                    run.append(u)
                    m += 1
                    break
                utext = texts[u]
                if (self.caps[u] or (utext.isupper() and len(utext) <= 4 and alpha[u])) and self._free(u) \
                        and fold(utext) not in self.stop:
                    run.append(u)
                    m += 1
                    continue
                break
            nxt = toks[m] if m < len(toks) else None
            label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
            place = run[0] > 0 and norms[run[0] - 1] in self.locative
            # "Mitt Helsingborg" in mid-line is a name; "Plats Helsingborg" opening a line is not
            town_name = run[-1] in self.municipal and table.sentence_start(run[0])
            if len(run) >= 2 and not label and not place and not town_name:
                s = self._span(doc, table, run[0], run[-1] + 1, "project_capitals")
                if s is not None:
                    yield s
            k = max(m, k + 1)

    def _mid_sentence(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        n = len(texts)
        for i in self.cap_at:   # the others fail the first test
            text = texts[i]
            if not (self.caps[i] and self._free(i)) or text.isupper() or len(text) < 4:
                continue
            # (pure tests, the cheapest first)
            if is_first_name(text) or fold(text) in self.stop or table.sentence_start(i):
                continue
            prev = i - 1
            if norms[prev] in self.locative or norms[prev] in {"en", "ett"} or self.caps[prev] \
                    or (i + 1 < n and self.caps[i + 1]):
                continue   # a place ("på Heden"), a common noun ("en Facebookgrupp"), a longer name
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            s = self._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def _bullet_topic(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        texts, alpha, lower = table.texts, table.alpha, table.lower
        n = len(texts)
        for i in self.cap_at:   # the others fail the first test
            text = texts[i]
            # the cheap tests first; all of them only read
            if not self.caps[i] or not self._free(i) or text.isupper() or not table.line_start(i, numbers=False):
                continue
            if is_ordinary_word(text) or is_first_name(text) or fold(text) in self.stop:
                continue
            j = i + 1
            if j < n and lower[j] and alpha[j]:
                j += 1
            if j < n and texts[j] in DASHES:
                yield Span(doc, i, i + 1, label=PRJ, span_id="project_topic")

    # -- the fast forms of the last three rules (tokens by kind; see ``_kind_facts``)
    def _fast_capital_runs(self, doc: Doc, table: TokenTable, facts: tuple, firsts: list[int]) -> Iterator[Span]:
        """``_capital_runs``: a run starts only at a token whose kind may start one (``firsts``,
        positions in ``table.content``: the others failed its first tests), and continues at one
        whose kind may continue it."""
        texts, norms, kinds = table.texts, table.norms, table.kinds
        conts = facts[2]
        toks = table.content
        size = len(toks)
        taken, municipal, per_tok = self.taken, self.municipal, self.per_tok
        k = 0
        for first in firsts:
            if first < k:
                continue   # inside the run just read
            k = first
            t = toks[k]
            if t in taken:
                k += 1
                continue
            if k + 1 < size:   # (the test of the loop below for the next word: a run of one gives nothing)
                u = toks[k + 1]
                if not ((u in municipal and u not in per_tok) or (conts[kinds[u]] and u not in taken)):
                    k += 1
                    continue
            run = [t]
            m = k + 1
            # (the line break is looked for only where the run would go on; none lies between
            # neighbours: a token's trailing white space is one space)
            while m < size and len(run) < 4:
                u = toks[m]
                if u in municipal and u not in per_tok:
                    if u != run[-1] + 1 and table.newline_between(run[-1], u):
                        break
                    run.append(u)
                    m += 1
                    break
                if conts[kinds[u]] and u not in taken:
                    if u != run[-1] + 1 and table.newline_between(run[-1], u):
                        break
                    run.append(u)
                    m += 1
                    continue
                break
            if len(run) >= 2:
                nxt = toks[m] if m < size else None
                label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
                place = run[0] > 0 and norms[run[0] - 1] in self.locative
                town_name = run[-1] in municipal and table.sentence_start(run[0])
                if not label and not place and not town_name:
                    s = self._span(doc, table, run[0], run[-1] + 1, "project_capitals")
                    if s is not None:
                        yield s
            k = max(m, k + 1)

    def _fast_mid_sentence(self, doc: Doc, table: TokenTable, facts: tuple, at: list[int]) -> Iterator[Span]:
        """``_mid_sentence`` at the tokens whose kind passes its tests of the text (``at``), with
        the tests of the neighbours before ``sentence_start`` (all of them only read)."""
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        caps, taken, locative = self.caps, self.taken, self.locative
        kinds, words, marks = table.kinds, self._words, self._marks
        n = len(texts)
        for i in at:
            if not i or i in taken:
                continue   # (the first token opens a sentence)
            prev = i - 1
            if caps[prev] or (i + 1 < n and caps[i + 1]) or norms[prev] in locative or norms[prev] in {"en", "ett"}:
                continue
            kind = kinds[prev]
            # a word right before that is no line-start mark: no sentence starts here; a mark
            # right before: one does
            if not words[kind] and (marks[kind] or table.sentence_start(i)):
                continue
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            s = self._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def _fast_bullet_topic(self, doc: Doc, table: TokenTable, at: list[int]) -> Iterator[Span]:
        """``_bullet_topic`` at the tokens whose kind passes its tests of the text (``at``), the
        dash after it tested before ``line_start``."""
        texts, alpha, lower = table.texts, table.alpha, table.lower
        taken = self.taken
        n = len(texts)
        for i in at:
            if i in taken:
                continue
            j = i + 1
            if j < n and lower[j] and alpha[j]:
                j += 1
            if j < n and texts[j] in DASHES and table.line_start(i, numbers=False):
                yield Span(doc, i, i + 1, label=PRJ, span_id="project_topic")


# project candidates whose rule read a project word, a programme preposition or a label: they
# carry their own evidence; the others were found by their shape alone (ProjectEvidence)
PROJECT_CUE_RULES = frozenset({
    "project_named", "project_about", "project_concept", "project_copula", "project_label",
    "project_within", "project_frame", "project_programme", "project_compound", "project_plan_period",
    "project_titled"})


class ProjectEvidence:
    """Which project candidates the text supports: precision first.

    A name that a project word introduces ("projektet X", "X-projektet", "inom Klimatklivet",
    "Projekt Nytt badhus", "X är ett projekt") is a project. A name found by its shape alone
    (capitalised words, a capitalised word in mid-sentence, an enumeration, a code, a plan's
    name, a quotation, a bullet topic) is one only where its own line treats it as something
    people work on: a work word right before it ("ska koordinera X", "arbetet kopplat till X"),
    words after it that introduce a new undertaking ("X är en digital medarbetare",
    "X och Y - ett digitalt kontaktcenter", "X startar"), a project word near it on its line
    ("exempelvis X, Hälsoprojektet"); a quotation unless it quotes an agenda point or a button;
    a bullet topic when a bullet mark opens its line. Persons, bodies, places, form labels and
    table headers have none of these, and so stay out without a list of them.
    """

    WINDOW = 6   # words on either side in which a project word is looked for

    def __init__(self) -> None:
        self.before = cue_phrases("project_work_before")
        self.after = cue_phrases("project_after_name")
        self.quote_not = cue_phrases("project_quote_not")
        self.words = cue("project_words")
        self.endings = tuple(sorted(cue("project_word_endings")))
        self.reach = max(len(p) for p in self.before + self.after + self.quote_not)
        self.months = cue("months")
        self.heads = tuple(sorted(cue("project_after")))

    def keep(self, doc: Doc, table: TokenTable, found: list[Span]) -> list[Span]:
        """``found`` without the spans the text does not support; the unsupported project
        candidates of the token patterns are dropped from the candidates."""
        patterns = [s for s in candidates(doc, PRJ) if s.id_ not in PROJECT_CUE_RULES]
        shaped = [(s.start, s.end, s.id_) for s in found if s.id_ not in PROJECT_CUE_RULES]
        shaped += [(s.start, s.end, s.id_) for s in patterns]
        if not shaped:
            return found
        ends = {}
        for a, b, _ in shaped:
            ends[a] = max(b, ends.get(a, b))
        ok = {x for x in shaped if self.supported(table, x, ends)}
        drop_candidates(doc, [s for s in patterns if (s.start, s.end, s.id_) not in ok])
        return [self._without_head(doc, table, s) for s in found
                if s.id_ in PROJECT_CUE_RULES or (s.start, s.end, s.id_) in ok]

    def _without_head(self, doc: Doc, table: TokenTable, s: Span) -> Span:
        """A run of capitalised words that opens with a compound of a project word names the
        project after it: "Föräldrastödsprogrammet ABC" -> "ABC"."""
        if s.id_ != "project_capitals" or s.end - s.start < 2 or not table.norms[s.start].endswith(self.heads):
            return s
        return Span(doc, s.start + 1, s.end, label=s.label_, span_id=s.id_)

    def supported(self, table: TokenTable, span: tuple[int, int, str], ends: dict[int, int]) -> bool:
        a, b, rule = span
        norms = table.norms
        before = _line_words(table, a, -1, max(self.reach, self.WINDOW))
        if rule == "project_quoted":
            return not _phrase_before(self.quote_not, before, norms)
        if rule == "project_topic":
            return bool(before) and BULLETS.issuperset(table.texts[before[0]]) and table.line_start(a, numbers=False)
        if a and table.texts[a - 1][:1] == "@":
            return False   # the surname of an @-mentioned person
        if _phrase_before(self.before, _line_words(table, a, -1, self.reach, lines=2), norms):
            return True
        after = _line_words(table, b, 1, max(self.reach, self.WINDOW))
        if rule == "project_capitals" and self._dated_heading(table, a, after):
            return True
        if after and norms[after[0]] == "och" and len(after) > 1 and after[1] in ends:
            after = _line_words(table, ends[after[1]], 1, self.reach)   # "X och Y - ett ..."
        if _phrase_after(self.after, after, norms):
            return True
        near = before[:self.WINDOW] + after[:self.WINDOW]
        return any(norms[k] in self.words or norms[k].endswith(self.endings) for k in near)

    def _dated_heading(self, table: TokenTable, a: int, after: list[int]) -> bool:
        """A line that holds only the name and the days it took place: "Curiosity Mashup 1-2 juni",
        "Digitalidag 17 oktober 2024" (an event, a time-bound undertaking)."""
        if not after or not table.line_start(a):
            return False
        texts, norms = table.texts, table.norms
        dated = False   # a month's name or a year: a bare number may number the heading
        for k in after:
            text = texts[k]
            if norms[k] in self.months or _YEAR_RE.match(text):
                dated = True
            elif not _DAYS_RE.match(text) and text not in DASHES:
                return False
        return dated


_DAYS_RE = re.compile(r"^\d{1,4}([-–/]\d{1,4})?$")
_YEAR_RE = re.compile(r"^(19|20)\d\d([-–/](19|20)?\d\d)?$")


def _line_words(table: TokenTable, i: int, step: int, most: int, lines: int = 1) -> list[int]:
    """Up to ``most`` tokens that are no white space before (``step`` -1, nearest first) or from
    (``step`` 1) token ``i`` on its line (``lines`` 2: on the line next to it as well, as a
    sentence wraps, but not across a blank line), quotation marks passed over."""
    texts, space = table.texts, table.space
    out: list[int] = []
    k = i - 1 if step < 0 else i
    n = len(texts)
    while 0 <= k < n and len(out) < most:
        if space[k]:
            breaks = texts[k].count("\n")
            if breaks:
                lines -= breaks
                if lines <= 0 or breaks > 1:
                    break
        elif texts[k] not in QUOTES:
            out.append(k)
        k += step
    return out


def _word_matches(entry: str, norm: str) -> bool:
    """An entry's word against a norm; "*x" matches a compound ending in x."""
    return norm.endswith(entry[1:]) if entry[:1] == "*" else norm == entry


def _phrase_before(phrases: tuple[tuple[str, ...], ...], before: list[int], norms: list[str]) -> bool:
    """Whether one of ``phrases`` ends right before the name (``before``: nearest first); only the
    phrases whose last word is the nearest word are tried."""
    if not before:
        return False
    by_last = _by_word(phrases, -1)
    return any(_phrase_at(p, before[:len(p)][::-1], norms)
               for p in by_last.get(norms[before[0]], ()) if len(before) >= len(p))


def _phrase_after(phrases: tuple[tuple[str, ...], ...], after: list[int], norms: list[str]) -> bool:
    if not after:
        return False
    by_first = _by_word(phrases, 0)
    return any(_phrase_at(p, after[:len(p)], norms) for p in by_first.get(norms[after[0]], ()) if len(after) >= len(p))


@lru_cache(maxsize=32)
def _by_word(phrases: tuple[tuple[str, ...], ...], at: int) -> dict[str, list[tuple[str, ...]]]:
    """``phrases`` by their word at ``at`` (a word "*x" of a compound's end stands first in its
    phrase, never last or alone)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[at], []).append(p)
    return out


def _phrase_at(phrase: tuple[str, ...], toks: list[int], norms: list[str]) -> bool:
    return all(_word_matches(w, norms[k]) for w, k in zip(phrase, toks))


def _is_municipality(kb_id: str) -> bool:
    if not kb_id or kb_id.startswith("group:"):
        return False
    try:
        return all(gazetteer.organization(k).type == "municipality" for k in kb_id.split("|"))
    except KeyError:
        return False


# --------------------------------------------------------------------------- kg_select

class Selector:
    """Chooses the spans extraction reads: longest first, then by rule priority.

    Overlapping spans are dropped, except an organisation inside a longer organisation or
    project name after a linking word ("Grundskolenätverket i Familjen Helsingborg",
    "verksamhetsplanen för HSS"): both are mentions. Spans from a statistical NER (``doc.ents``)
    are candidates too, with the lowest priority.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.link = cue("nested_org_link")

    def __call__(self, doc: Doc) -> Doc:
        """``_call_plain``, reading each span's start, end, label and rule once (a Span's
        attributes are read through the Doc on every access) and a token's white space and norm
        from the TokenTable (``_nested_at``)."""
        pool = list(candidates(doc))
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label:
                pool.append(Span(doc, ent.start, ent.end, label=label, span_id="ner"))
        facts = [(s.start, s.end, s.label_, s.id_) for s in pool]
        priority = PRIORITY.get
        keys = [(a - b, -priority(rule, DEFAULT_PRIORITY if rule != "ner" else NER_PRIORITY), a, label)
                for a, b, label, rule in facts]
        order = sorted(range(len(pool)), key=keys.__getitem__)   # (stable, like sorting the spans)
        table = token_table(doc)
        chosen: list[int] = []             # positions in pool
        cover: dict[int, list[int]] = {}   # token -> positions in chosen of the spans over it
        empty: list[int] = []              # chosen spans without tokens (they cover none)
        cover_get = cover.get
        for x in order:
            start, end, label, rule = facts[x]
            if start < end:
                over = [k for i in range(start, end) if (k := cover_get(i))] if end - start > 1 else \
                    ([] if (k := cover_get(start)) is None else [k])
                near = {k for ks in over for k in ks} if over else set()
                if empty:
                    near.update(k for k in empty if start < facts[chosen[k]][0] < end)
                if near:
                    clash = [chosen[k] for k in sorted(near)]
                    if not (label == ORG and all(self._nested_at(table, facts[c], start, end)
                                                 or (facts[c][2] == PRJ and rule == "gazetteer") for c in clash)):
                        continue
            else:
                clash = [c for c in chosen if facts[c][0] < end and start < facts[c][1]]
                if clash and not (label == ORG and all(self._nested_at(table, facts[c], start, end)
                                                       or (facts[c][2] == PRJ and rule == "gazetteer") for c in clash)):
                    continue
            for i in range(start, end):
                cover.setdefault(i, []).append(len(chosen))
            if start == end:
                empty.append(len(chosen))
            chosen.append(x)
        chosen.sort(key=lambda c: facts[c][:3])   # (start, end, label; stable: as chosen)
        doc.spans[SPANS_KEY] = [pool[c] for c in chosen]
        forget_candidates()   # the last reader
        return doc

    def _nested_at(self, table: TokenTable, outer: tuple, start: int, end: int) -> bool:
        """``_nested`` for the (start, end, label, rule) of the outer span and the inner's bounds."""
        if outer[2] not in (ORG, PRJ) or not (outer[0] < start and end <= outer[1]):
            return False
        k = start - 1
        space = table.space
        while k > outer[0] and space[k]:
            k -= 1
        return table.norms[k] in self.link

    def _call_plain(self, doc: Doc) -> Doc:
        pool = list(candidates(doc))
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label:
                pool.append(Span(doc, ent.start, ent.end, label=label, span_id="ner"))
        pool.sort(key=lambda s: (-(s.end - s.start), -PRIORITY.get(s.id_, DEFAULT_PRIORITY if s.id_ != "ner"
                                                                       else NER_PRIORITY), s.start, s.label_))
        chosen: list[Span] = []
        cover: dict[int, list[int]] = {}   # token -> positions in chosen of the spans over it
        empty: list[int] = []              # chosen spans without tokens (they cover none)
        for s in pool:
            start, end = s.start, s.end
            if start < end:
                near = {k for i in range(start, end) for k in cover.get(i, ())}
                near.update(k for k in empty if start < chosen[k].start < end)
                clash = [chosen[k] for k in sorted(near)]
            else:
                clash = [c for c in chosen if c.start < end and start < c.end]
            if clash and not (s.label_ == ORG and all(self._nested(c, s) or (c.label_ == PRJ and s.id_ == "gazetteer")
                                                        for c in clash)):
                continue
            # no clash, or a curated name inside a project's words: still a mention
            for i in range(start, end):
                cover.setdefault(i, []).append(len(chosen))
            if start == end:
                empty.append(len(chosen))
            chosen.append(s)
        doc.spans[SPANS_KEY] = sorted(chosen, key=lambda s: (s.start, s.end, s.label_))
        forget_candidates()   # the last reader
        return doc

    def _nested(self, outer: Span, inner: Span) -> bool:
        if outer.label_ not in (ORG, PRJ) or not (outer.start < inner.start and inner.end <= outer.end):
            return False
        k = inner.start - 1
        while k > outer.start and outer.doc[k].is_space:
            k -= 1
        return outer.doc[k].norm_ in self.link


# --------------------------------------------------------------------------- factories

@Language.factory("kg_normalize")
def make_normalizer(nlp: Language, name: str) -> Normalizer:
    return Normalizer(nlp, name)


@Language.factory("kg_organizations")
def make_organizations(nlp: Language, name: str) -> OrganizationMatcher:
    return OrganizationMatcher(nlp, name)


@Language.factory("kg_patterns")
def make_patterns(nlp: Language, name: str) -> PatternMatcher:
    return PatternMatcher(nlp, name)


@Language.factory("kg_persons")
def make_persons(nlp: Language, name: str) -> PersonFinder:
    return PersonFinder(nlp, name)


@Language.factory("kg_context_orgs")
def make_context_orgs(nlp: Language, name: str) -> ContextOrganizations:
    return ContextOrganizations(nlp, name)


@Language.factory("kg_projects")
def make_projects(nlp: Language, name: str) -> ProjectFinder:
    return ProjectFinder(nlp, name)


@Language.factory("kg_select")
def make_selector(nlp: Language, name: str) -> Selector:
    return Selector(nlp, name)


def _load_patterns() -> list[dict]:
    patterns = []
    for name in ("organizations.jsonl", "projects.jsonl"):
        for row in _jsonl(PATTERN_DIR / name):
            patterns.append(row)
    return patterns


@lru_cache(maxsize=4)
def get_nlp(ner: str | None = None) -> Language:
    """The pipeline, built once per ``ner`` setting.

    ``ner`` names an installed spaCy pipeline whose ``ner`` component is added after
    normalisation; its entities become candidates like the rules' spans.
    """
    nlp = spacy.blank("sv", config={"nlp": {"tokenizer": {"@tokenizers": "kg.sv_tokenizer.v1"}}})
    nlp.max_length = MAX_TEXT_CHARS   # the reader refuses longer texts (kg.models)
    nlp.tokenizer = ChunkCachingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kg_normalize")
    if ner:
        nlp.add_pipe("ner", source=spacy.load(ner))
    nlp.add_pipe("kg_organizations")
    nlp.add_pipe("kg_patterns")
    nlp.add_pipe("kg_persons")
    nlp.add_pipe("kg_context_orgs")
    nlp.add_pipe("kg_projects")
    nlp.add_pipe("kg_select")
    return nlp
