"""The extraction cache: one entry per document, named by the hash of its bytes and the build's
fingerprint (the code and the libraries that decide what extraction gives), data only
(kg.pipeline.modeljson, never pickle), with the document's summary on a line of its own so a
rebuild reads the summaries of unchanged documents without decoding their extractions."""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Document, Extraction, Issue
from ..tempfiles import left_behind, temp_prefix

if TYPE_CHECKING:
    pass
from .document import DocumentSummary, summarize

# The libraries whose versions decide what the cache holds: how a file's text is read, how it
# is tokenised and matched, and how graphs are serialised.
FINGERPRINT_LIBRARIES = ("charset-normalizer", "ftfy", "pdfminer.six", "pdfplumber", "python-docx", "selectolax",
                         "spacy", "spacy-lookups-data", "rapidfuzz", "pyoxigraph")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the package's code and data, of the Python and of ``FINGERPRINT_LIBRARIES``'
    versions: a cached Document, extraction or graph is valid only for the same. (A cache entry
    is found by the file's bytes, not its decoded text, so a new version of a reader must not
    find the entries the old one made.)"""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".tsv", ".txt", ".jsonl", ".ttl", ".json"} and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    for name in FINGERPRINT_LIBRARIES:
        try:
            v = version(name)
        except PackageNotFoundError:
            v = "-"
        h.update(f"\n{name} {v}".encode())
    h.update(f"\npython {sys.version_info[:3]}".encode())
    return h.hexdigest()[:16]


class ExtractionCache:
    """Extractions on disk, one file per (document's bytes, identifier, pipeline fingerprint).

    An entry is data only (kg.pipeline.modeljson, never pickle: a planted file must not run code): a
    header line holding the pipeline fingerprint and a SHA-256 over fingerprint and the rest,
    then the Document on one line and its summary on the next (``DocumentSummary``: with the
    Document, what an incremental build needs of a document whose graph is cached), then the
    encoded Extraction. An entry that fails either check, or belongs to another document, is damaged:
    it is reported (``issues``, a warning naming the file) and the document is extracted again.

    An entry is found from the file's bytes and identifier alone, so a rebuild takes an
    unchanged file's Document from it (``document``) instead of decoding and cleaning its text
    again: a Document is a function of the file's bytes, its name and the code."""

    FORMAT = "motesgraf-extraction-cache/2"
    SUFFIX = ".json"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.issues: list[Issue] = []     # damaged entries met, one warning each
        self._damaged: set[str] = set()
        self._summaries: dict[Document, bytes] = {}   # summary lines read with their documents (``document``)

    def _name(self, sha256: str, identifier: str) -> str:
        """The file name of the entry of the document ``identifier`` whose bytes hash to ``sha256``."""
        key = hashlib.sha256(f"{fingerprint()}|{sha256}|{identifier}".encode()).hexdigest()[:32]
        return f"{key}{self.SUFFIX}"

    def _path(self, doc: Document) -> Path:
        return self.folder / self._name(doc.sha256, doc.identifier)

    @classmethod
    def entry(cls, ex: Extraction, summary: DocumentSummary | None = None) -> bytes:
        """The bytes of ``ex``'s cache entry: header line, document line, summary line
        (``summarize(ex)`` unless given), then the encoded extraction."""
        from .modeljson import encode

        rest = b"\n".join((encode(ex.minutes.document), _encode_summary(summary or summarize(ex)), encode(ex)))
        header = {"checksum": _entry_checksum(rest), "fingerprint": fingerprint(), "format": cls.FORMAT}
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode() + b"\n" + rest

    def _damaged_entry(self, path: str | Path, identifier: str, reason: str) -> None:
        name = os.path.basename(path)
        if name not in self._damaged:
            self._damaged.add(name)
            self.issues.append(Issue(str(path), f"damaged extraction cache entry of {identifier} ({reason}); "
                                                 "extracted the document again and rewrote the entry"))

    def _whole(self, path: str | Path, identifier: str) -> tuple[bytes, bytes, bytes] | None:
        """The document line, summary line and encoded extraction of the entry at ``path`` if
        it is whole; None if missing or damaged."""
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return None
        head, sep, rest = data.partition(b"\n")
        try:
            header = json.loads(head.decode("utf-8")) if sep else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            header = None
        if not isinstance(header, dict) or header.get("format") != self.FORMAT:
            self._damaged_entry(path, identifier, "unreadable header")
        elif header.get("fingerprint") != fingerprint():
            self._damaged_entry(path, identifier, "written by another version of the pipeline")
        elif header.get("checksum") != _entry_checksum(rest):
            self._damaged_entry(path, identifier, "checksum does not match")
        else:
            parts = rest.split(b"\n", 2)
            if len(parts) == 3:
                return parts[0], parts[1], parts[2]
            self._damaged_entry(path, identifier, "lines missing")
        return None

    def _document_at(self, path: str | Path, identifier: str) -> tuple[Document, bytes] | None:
        """The Document of the entry at ``path`` and its summary line (not decoded yet), if the
        entry is whole."""
        whole = self._whole(path, identifier)
        if whole is None:
            return None
        try:
            doc = _decode_document(whole[0])
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
            self._damaged_entry(path, identifier, f"not a document: {str(exc)[:80]}")
            return None
        return doc, whole[1]

    def check(self, doc: Document) -> bool:
        """Whether ``doc`` has a whole entry (reports a damaged one)."""
        return self._whole(self._path(doc), doc.identifier) is not None

    def has_entries(self) -> bool:
        """Whether the cache holds any entry (of any document, whole or not)."""
        try:
            return any(p.name.endswith(self.SUFFIX) for p in os.scandir(self.folder))
        except OSError:
            return False

    def has_entry(self, doc: Document) -> bool:
        """Whether ``doc`` has an entry, whole or not (``summary`` checks it)."""
        return doc in self._summaries or self._path(doc).is_file()

    def document(self, path: Path, root: Path) -> Document | None:
        """The Document ``kg.read.read_file(path, root)`` gives, taken from the entry of a file
        of these very bytes, identifier and name (its summary kept for ``summary``); None when
        there is none: then the file is read."""
        from ..read import MAX_BYTES, display_name, identifier_for

        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or not 0 < st.st_size <= MAX_BYTES:
                return None   # (read_file says what is wrong with it)
            with open(path, "rb") as f:
                raw = f.read(MAX_BYTES + 1)
        except OSError:
            return None
        identifier, sha256 = identifier_for(path, root), hashlib.sha256(raw).hexdigest()
        entry = os.path.join(self.folder, self._name(sha256, identifier))   # (a string: cheaper than a Path)
        found = self._document_at(entry, identifier) if 0 < len(raw) <= MAX_BYTES else None
        if found is None:
            return None
        doc, summary = found
        if (doc.identifier, doc.sha256, doc.path) != (identifier, sha256, display_name(str(path))):
            return None   # (the same file named another way: read, then its entry is found to differ)
        self._summaries[doc] = summary
        return doc

    def summary(self, doc: Document) -> DocumentSummary | None:
        """The cached summary of ``doc``, if there is a whole entry made from this very document
        (its extraction is not decoded: ``get`` does that). A summary line read with the
        document (``document``) is decoded here, once, and forgotten."""
        path = self._path(doc)
        line = self._summaries.pop(doc, None)
        if line is None:
            found = self._document_at(path, doc.identifier)
            if found is None:
                return None
            if found[0] != doc:
                self._damaged_entry(path, doc.identifier, "holds another document's extraction")
                return None
            line = found[1]
        try:
            summary = _decode_summary(line)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
            self._damaged_entry(path, doc.identifier, f"not a summary: {str(exc)[:80]}")
            return None
        if summary.part.identifier != doc.identifier:
            self._damaged_entry(path, doc.identifier, "holds another document's extraction")
            return None
        return summary

    def get(self, doc: Document) -> Extraction | None:
        """The cached Extraction of ``doc``, if there is a whole one made from this very document."""
        from .modeljson import DecodeError, decode

        path = self._path(doc)
        whole = self._whole(path, doc.identifier)
        if whole is None:
            return None
        try:
            ex = decode(whole[2])
        except (DecodeError, TypeError) as exc:   # TypeError: a class given the wrong values
            self._damaged_entry(path, doc.identifier, f"not an extraction: {exc}")
            return None
        if not isinstance(ex, Extraction) or ex.minutes.document != doc:
            self._damaged_entry(path, doc.identifier, "holds another document's extraction")
            return None
        return ex

    def put(self, doc: Document, ex: Extraction) -> None:
        self.put_entry(doc, self.entry(ex))

    def put_entry(self, doc: Document, data: bytes) -> None:
        """Store ``data`` (from ``entry``) as ``doc``'s entry, atomically (a new file renamed into place)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=temp_prefix(), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self._path(doc))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, keep: Iterable[Document]) -> int:
        """Remove entries of documents no longer in the corpus, entries of the old pickle format
        (never read: loading them could run code) and temporary files left by a killed build
        (those of a process that has ended, ``kg-PID-*.tmp``, or older than an hour, so a concurrent
        build's are spared); returns how many were removed."""

        wanted = {self._name(d.sha256, d.identifier) for d in keep}
        try:
            names = [n for n in os.listdir(self.folder) if n.endswith((self.SUFFIX, ".pickle", ".tmp"))]
        except OSError:
            return 0
        # (which processes have ended is asked only when there are temporary files: it looks at
        # every name in the folder again)
        ended = {p.name for p in left_behind(self.folder, "")} if any(n.endswith(".tmp") for n in names) else set()
        removed = 0
        stale = time.time() - 3600
        for name in names:
            if name in wanted:
                continue
            p = self.folder / name
            try:
                if name.endswith(".tmp") and name not in ended and p.stat().st_mtime > stale:
                    continue
            except OSError:
                continue
            p.unlink(missing_ok=True)
            removed += 1
        return removed


def _entry_checksum(body: bytes) -> str:
    return hashlib.sha256(fingerprint().encode() + b"\n" + body).hexdigest()


def _encode_summary(summary: DocumentSummary) -> bytes:
    """One line of JSON data (no pickle, as the rest of the entry): the document's part of
    resolution (``kg.resolve.part_to_data``), issues (kg.pipeline.modeljson) and node counts."""
    from ..resolve import part_to_data
    from .modeljson import to_data

    data = {"counts": list(summary.counts), "issues": to_data(summary.issues), "part": part_to_data(summary.part)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _decode_summary(line: bytes) -> DocumentSummary:
    """The summary ``_encode_summary`` gave ``line``; ValueError, TypeError, KeyError or
    IndexError for a line of another shape."""
    from ..resolve import part_from_data
    from .modeljson import from_data

    data = json.loads(line.decode("utf-8"))
    issues = from_data(data["issues"])
    if not isinstance(issues, tuple) or not all(isinstance(i, Issue) for i in issues):
        raise TypeError("issues are not Issues")
    counts = tuple(int(n) for n in data["counts"])
    if len(counts) != 4:
        raise ValueError("not four counts")
    return DocumentSummary(part_from_data(data["part"]), issues, counts)


def _decode_document(line: bytes) -> Document:
    """The Document of an entry's document line (kg.pipeline.modeljson); DecodeError (a ValueError) or
    TypeError for a line of another shape."""
    from .modeljson import decode

    doc = decode(line)
    if not isinstance(doc, Document):
        raise TypeError("not a Document")
    return doc
