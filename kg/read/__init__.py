"""Reading: paths -> Documents (decoded or extracted text with a stable identifier).

Only this stage touches the file system for input. A file that cannot be used becomes one error
``Issue`` saying why and what to do; the other files are read regardless. No bytes make this
module raise: third-party parsers fail in many ways on damaged files, so their calls are fenced.

Formats, by suffix:

* ``.txt`` / ``.md`` / ``.markdown``: for bytes that are valid UTF-8 the text is *exactly*
  ``Path.read_text(encoding="utf-8")`` (universal newlines, a leading byte-order mark kept as
  U+FEFF), because the vocabulary defines annotation offsets against that reading. Other encodings
  (UTF-16/32 with a BOM, cp1252, latin-1 ...) are detected and reported with a warning. Text that is
  valid UTF-8 but carries certain mojibake ("fÃ¶r") is repaired with ftfy, with a warning: offsets
  then refer to the repaired text.
* ``.docx`` (python-docx): body paragraphs and tables in document order, paragraphs separated by a
  blank line, list numbering rendered ("1.", "§ 3", "-"), each table row one line of its cells
  joined by ", ", struck-through runs as ``~~text~~`` (struck names mean absent, as in Markdown
  minutes), hidden and deleted (tracked) text left out.
* ``.pdf`` (pdfplumber on pdfminer.six): words grouped into lines by position, so "§ 12  Budget"
  and attendance-table rows stay on one line (a wide gap becomes a tab); a blank line where the
  vertical gap is paragraph-sized; running headers repeated on every page kept once and running
  footers dropped. No text layer, a password or a truncated file is an error.
* ``.html`` / ``.htm`` (selectolax, Lexbor's HTML5 parser): the main content only (``<main>`` or a
  single ``<article>`` when present), without navigation, cookie banners, scripts and download or
  player boilerplate lines; headings, paragraphs, list items ("- ", "1. ") and table rows as lines.

``Document.encoding`` is the character encoding for text and HTML files, and "docx" / "pdf" for
those formats. Text extracted from documents (not plain-text files) is NFC-normalised and freed of soft hyphens and
zero-width characters so that names match; it is a pure function of the bytes, so offsets into
``Document.text`` are stable from run to run.

Each format's reader is a function ``read(raw: bytes) -> Extracted`` in its own module, named in
``READERS`` as "module:function" and imported the first time a file of that type is read (as
rdflib looks up its plugins): reading a text file imports none of the other readers.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError as Unusable
from ..limits import FILE_TIME_LIMIT, TimeLimitExceeded, allowance
from ..limits import time_limit as _time_limit
from ..models import MAX_TEXT_CHARS, Document, Issue
from .files import MAX_BYTES, display_name, identifier_for, load, printable_name
from .text import Extracted, clean_extracted, decode, normalize_newlines, repair_mojibake

__all__ = [
    "DOCX", "MAX_BYTES", "READERS", "SUPPORTED_LIST", "SUPPORTED_SUFFIXES", "Extracted", "Reader",
    "clean_extracted", "decode", "display_name", "identifier_for", "iter_input_files", "normalize_newlines",
    "printable_name", "read_file", "read_paths", "repair_mojibake", "unsupported_file",
]

Reader = Callable[[bytes], Extracted]

# suffix -> the reader, as "module:function" (imported when first needed) or a function
READERS: dict[str, str | Reader] = {
    ".txt": "kg.read.text:read",
    ".md": "kg.read.text:read",
    ".markdown": "kg.read.text:read",
    ".docx": "kg.read.docx:read",
    ".pdf": "kg.read.pdf:read",
    ".html": "kg.read.html:read",
    ".htm": "kg.read.html:read",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".docx": DOCX,
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
}
SUPPORTED_SUFFIXES = {suffix: _MEDIA_TYPES[suffix] for suffix in READERS}   # suffix -> media type
SUPPORTED_LIST = ".txt, .md, .docx, .pdf or .html"
_PLAIN = frozenset({".txt", ".md", ".markdown"})


def _reader(entry: str | Reader) -> Reader:
    """The reader a READERS entry names, imported on first use."""
    if not isinstance(entry, str):
        return entry
    module, _, name = entry.partition(":")
    reader: Reader = getattr(importlib.import_module(module), name)
    return reader


# --------------------------------------------------------------------------- finding files


def _is_hidden(name: str) -> bool:
    """Dot files and folders (.git, .DS_Store) and Office lock files (~$Protokoll.docx)."""
    return name.startswith(".") or name.startswith("~$")


def iter_input_files(paths: Iterable[str | Path],
                     unsupported: Callable[[Path], None] | None = None) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every supported file under the given paths, in a stable order.

    Walking a folder picks only supported suffixes and skips hidden files and folders; the other
    files found there go to ``unsupported`` (so that the user hears of them). A file named
    explicitly is always yielded (so that ``read_file`` can say what is wrong with it).
    The same file reached twice is yielded once.
    """
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[tuple[str, Path | None]] = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = [d for d in dirnames if not _is_hidden(d)]
                for fname in filenames:
                    if not _is_hidden(fname) and Path(fname).suffix.lower() in SUPPORTED_SUFFIXES:
                        f = Path(dirpath) / fname
                        found.append((f.relative_to(p).as_posix(), f))
                    elif not _is_hidden(fname) and unsupported is not None:
                        found.append((Path(dirpath, fname).relative_to(p).as_posix(), None))
            pairs = []
            for key, found_file in sorted(found, key=lambda pair: pair[0]):
                if found_file is None:
                    unsupported(p / key)  # type: ignore[misc]  # (None entries only with unsupported)
                else:
                    pairs.append((found_file, p))
        else:
            pairs = [(p, p.parent)]
        for f, root in pairs:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                yield f, root



# --------------------------------------------------------------------------- reading


def read_file(path: Path | str, root: Path | None = None, *, max_bytes: int = MAX_BYTES,
              time_limit: float | None = FILE_TIME_LIMIT) -> Document | Issue:
    """Read one file; return a Document, or an error Issue saying why it cannot be used and what to do.
    Reading that takes longer than ``time_limit`` seconds (None: no limit; more for a file past
    1 MB, see kg.limits.allowance) is given up."""
    path = Path(path)
    name = display_name(str(path))
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if not path.exists():
        return Issue(name, "no such file or folder; check the path", "error")
    if reader is None:
        return Issue(name, f"unsupported file type {path.suffix or '(no suffix)'}; save it as {SUPPORTED_LIST}", "error")
    try:
        raw = load(path, max_bytes)
        seconds = allowance(time_limit, len(raw))
        with _time_limit(seconds):
            extracted = _reader(reader)(raw)
    except Unusable as exc:
        return Issue(name, str(exc), "error")
    except TimeLimitExceeded:
        return Issue(name, f"took longer than {seconds:.3g} s to read; split it into smaller files, "
                           "or raise the limit (kg build --time-limit)", "error")
    text = extracted.text if suffix in _PLAIN else clean_extracted(extracted.text)
    if not text.replace("\ufeff", "").strip():
        what = "empty file" if suffix in _PLAIN else "no text found in it"
        return Issue(name, f"{what}; nothing to build from it (is it the right file?)", "error")
    if len(text) > MAX_TEXT_CHARS:
        return Issue(name, f"text too long ({len(text):,} characters, limit {MAX_TEXT_CHARS:,}); "
                           "split it into several files (one per meeting or year)", "error")
    text, repaired = repair_mojibake(text)
    messages = list(extracted.warnings) + ([repaired] if repaired else [])
    return Document(
        identifier=identifier_for(path, root or path.parent),
        path=name,
        text=text,
        media_type=SUPPORTED_SUFFIXES[suffix],
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=extracted.encoding,
        issues=tuple(Issue(name, m) for m in messages),
    )


def read_paths(paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES,
               time_limit: float | None = FILE_TIME_LIMIT) -> Iterator[Document | Issue]:
    """Read every supported file under ``paths``; bad files come out as error Issues, in order,
    and files of other types found in folders as one warning each (they are not read)."""
    passed_over: list[Path] = []
    for f, root in iter_input_files(paths, passed_over.append):
        yield from (unsupported_file(p) for p in passed_over)
        passed_over.clear()
        yield read_file(f, root, max_bytes=max_bytes, time_limit=time_limit)
    yield from (unsupported_file(p) for p in passed_over)


def unsupported_file(path: Path) -> Issue:
    """The warning for a file of a type that is not read, found in a folder."""
    return Issue(str(path), f"not read: unsupported file type {path.suffix or '(no suffix)'}; "
                            f"save it as {SUPPORTED_LIST} to include it")
