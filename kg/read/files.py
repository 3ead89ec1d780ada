"""Naming the input files (printable, one-line, relative to the folder they were found in) and
loading their bytes within the size limit."""
from __future__ import annotations

import re
import stat
from pathlib import Path

from ..errors import InputError as Unusable

MAX_BYTES = 50 * 1024 * 1024


def printable_name(name: str) -> str:
    """A file name as text that can be written anywhere (UTF-8 outputs, JSON, RDF literals):
    bytes that are not UTF-8 (kept by the OS as lone surrogates) shown as ``\\xff``; the same
    name gives the same text in every run."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def display_name(name: str) -> str:
    """``printable_name``, with control characters (a line break in a file name) escaped too, so
    that a message about the file stays one line."""
    return _CONTROL_RE.sub(lambda m: repr(m[0])[1:-1], printable_name(name))


def identifier_for(path: Path, root: Path) -> str:
    """The file's name relative to the folder it was found in (POSIX separators)."""
    try:
        return printable_name(path.relative_to(root).as_posix())
    except ValueError:
        return printable_name(path.name)



def size_text(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def load(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing non-files and files over the limit before reading them."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise Unusable("no such file; check the path") from None
    except OSError as exc:
        raise Unusable(f"cannot be read ({exc.strerror or exc}); check its permissions") from None
    if stat.S_ISDIR(st.st_mode):
        raise Unusable("is a folder; name the folder itself to read the files in it")
    if not stat.S_ISREG(st.st_mode):
        raise Unusable("not a regular file; copy it to a file first")
    if st.st_size > max_bytes:
        raise Unusable(f"too large ({size_text(st.st_size)}, limit {size_text(max_bytes)}); split it or raise the limit")
    if st.st_size == 0:
        raise Unusable("empty file; nothing to build from it (was it saved completely?)")
    try:
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        raise Unusable(f"cannot be read ({exc.strerror or exc}); check its permissions") from None
    if len(raw) > max_bytes:
        raise Unusable(f"too large (over {size_text(max_bytes)}); split it or raise the limit")
    return raw
