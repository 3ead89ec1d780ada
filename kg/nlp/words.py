"""Ordinary Swedish words (from spacy-lookups-data and spaCy's stop words), kept on disk as a
``Lexicon`` between runs: tells ordinary words from names."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

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
