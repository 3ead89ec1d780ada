"""Reading: paths -> Documents (decoded text with a stable identifier).

Only this stage touches the file system for input. A file that cannot be used becomes an
``Issue`` naming it and the reason; the other files are read regardless.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .models import Document, Issue

SUPPORTED_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}
MAX_BYTES = 50 * 1024 * 1024


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every supported file under the given paths, in a stable order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in SUPPORTED_SUFFIXES):
                yield f, p
        else:
            yield p, p.parent


def identifier_for(path: Path, root: Path) -> str:
    """The file's name relative to the folder it was found in (POSIX separators)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes to text: UTF-8 (with or without BOM) first, then cp1252 / latin-1 with a warning."""
    warnings: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig", warnings
    try:
        return raw.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        warnings.append(f"not UTF-8; decoded as {enc}")
        return text, enc, warnings
    raise UnicodeDecodeError("utf-8", raw, 0, 1, "undecodable")  # pragma: no cover - latin-1 decodes anything


def normalize_newlines(text: str) -> str:
    """Universal newlines, as ``Path.read_text`` gives them: offsets must agree with that reading."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_file(path: Path, root: Path | None = None) -> Document | Issue:
    """Read one file; return a Document, or an error Issue saying why it cannot be used."""
    name = str(path)
    if not path.exists():
        return Issue(name, "no such file; check the path", "error")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return Issue(name, f"unsupported file type {path.suffix or '(none)'}; use .txt or .md", "error")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Issue(name, f"cannot be read ({exc.strerror}); check its permissions", "error")
    if not raw.strip():
        return Issue(name, "empty file; nothing to build", "error")
    if len(raw) > MAX_BYTES:
        return Issue(name, f"too large ({len(raw) // 1_000_000} MB > {MAX_BYTES // 1_000_000} MB); split it", "error")
    if b"\x00" in raw[:8192]:
        return Issue(name, "binary content, not text; convert it to .txt first", "error")
    text, encoding, warnings = decode(raw)
    text = normalize_newlines(text)
    return Document(
        identifier=identifier_for(path, root or path.parent),
        path=name,
        text=text,
        media_type=SUPPORTED_SUFFIXES[path.suffix.lower()],
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        issues=tuple(Issue(name, w) for w in warnings),
    )


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | Issue]:
    """Read every supported file under ``paths``; bad files come out as error Issues, in order."""
    for f, root in iter_input_files(paths):
        yield read_file(f, root)
