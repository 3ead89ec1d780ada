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
"""
from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import logging
import os
import re
import stat
import unicodedata
import warnings as _warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError as Unusable
from ..limits import FILE_TIME_LIMIT, TimeLimitExceeded, allowance
from ..limits import time_limit as _time_limit
from ..models import MAX_TEXT_CHARS, Document, Issue

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SUPPORTED_SUFFIXES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".docx": DOCX,
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
}
MAX_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # a .docx inflating past this is refused (zip bomb)
SUPPORTED_LIST = ".txt, .md, .docx, .pdf or .html"


@dataclass(frozen=True)
class Extracted:
    """What a reader got from the bytes."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


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


# --------------------------------------------------------------------------- plain text

_MAGIC = (  # what a file named .txt really is, when its first bytes say so
    (b"%PDF-", "a PDF file; rename it to .pdf"),
    (b"PK\x03\x04", "a ZIP package (a .docx?); rename it to .docx if it is a Word file"),
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (.doc); save it as .docx or .txt"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
)
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings Swedish text is found in. Detection is confined to these: left free,
# charset-normalizer takes short Swedish cp1252 text for cp1250, where 0xE5 is "ĺ", not "å".
_LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1a")  # \x1a: DOS end-of-file mark


def normalize_newlines(text: str) -> str:
    """Universal newlines, as ``Path.read_text`` gives them: offsets must agree with that reading."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Characters that are never control, surrogate or unassigned ones: ASCII, Latin-1 and the Latin
# extensions, general punctuation. Most texts hold nothing else, and one search over the text
# says so in a fraction of the time counting its characters takes.
_NEVER_BAD = "\t\n\r\x0b\x0c\x1a\x20-\x7e\xa0-\u02ff\u2000-\u2064"
_MAYBE_BAD = re.compile(f"[^{_NEVER_BAD}]")


def _looks_binary(text: str) -> bool:
    """More than 5 % control or unassigned characters: not something a person wrote."""
    if not text or _MAYBE_BAD.search(text) is None:
        return False
    # each distinct character looked up once (a text has a few hundred): a lookup per character
    # took most of the time of reading a corpus
    counts = Counter(text)
    bad = sum(n for c, n in counts.items() if _is_bad_character(c))
    return bad > 0.05 * len(text)


def _is_bad_character(c: str) -> bool:
    return c not in _ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cs", "Cn")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: every other byte zero, on one side only."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    half = len(raw) // 2
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    codec = "utf-16-le" if (even == 0 and odd >= 0.3 * half) else "utf-16-be" if (odd == 0 and even >= 0.3 * half) else None
    if codec is None:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


def _detect_legacy(raw: bytes) -> str:
    """Best single-byte encoding among those Swedish text uses (cp1252 when unsure)."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(raw, cp_isolation=_LEGACY_ENCODINGS).best()
    except Exception:  # noqa: BLE001 - detection is a guess; any failure falls back to cp1252
        best = None
    candidates = ([best.encoding] if best is not None else []) + ["cp1252", "latin_1"]
    for enc in candidates:
        try:
            raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        return enc
    return "latin_1"  # pragma: no cover - latin-1 decodes any bytes


def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode text-file bytes: (text, encoding, warnings). Raise ``Unusable`` for binary content.

    Valid UTF-8 gives exactly what ``read_text(encoding="utf-8")`` gives (BOM kept as U+FEFF).
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                name = codec.upper()
                raise Unusable(f"starts with a {name} byte-order mark but is not {name}; save it as UTF-8") from None
            if _looks_binary(text):
                break
            return normalize_newlines(text), codec, [f"decoded as {codec.upper()} (byte-order mark); save it as UTF-8 to be sure"]
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise Unusable(f"not text but {what}")
    if b"\x00" in raw:
        text16 = _utf16_without_bom(raw)
        if text16 is not None:
            return normalize_newlines(text16), "utf-16", ["decoded as UTF-16 (no byte-order mark); save it as UTF-8 to be sure"]
        raise Unusable("binary content, not text; convert it to .txt (UTF-8) first")
    try:
        text, encoding, warns = raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        encoding = _detect_legacy(raw)
        text = raw.decode(encoding)
        warns = [f"not UTF-8; decoded as {encoding}; save it as UTF-8 to be sure of every character"]
    if _looks_binary(text[:65536]):
        raise Unusable("binary content, not text; convert it to .txt (UTF-8) first")
    return normalize_newlines(text), encoding, warns


def _read_text(raw: bytes) -> Extracted:
    text, encoding, warns = decode(raw)
    return Extracted(text, encoding, tuple(warns))


# --------------------------------------------------------------------------- mojibake


def _mojibake_pattern() -> re.Pattern[str]:
    """UTF-8 bytes of Swedish letters and punctuation misread as cp1252 / latin-1 ("Ã¶" for "ö")."""
    source = "åäöÅÄÖéÉèüÜæøÆØ§°–—‘’‚“”„…•€\u00a0"
    forms: set[str] = set()
    for ch in source:
        for enc in ("cp1252", "latin-1"):
            try:
                forms.add(ch.encode("utf-8").decode(enc))
            except UnicodeDecodeError:
                continue
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))))


_MOJIBAKE = _mojibake_pattern()


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Repair mojibake only where certain: returns (text, warning or None).

    Certain means: typical sequences are present, and ftfy's ``fix_encoding`` removes every one of
    them without introducing replacement characters. Otherwise the text is left as it is (its
    offsets stay those of the file) and the warning says so.
    """
    found = _MOJIBAKE.search(text)
    if not found:
        return text, None
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed == text or _MOJIBAKE.search(fixed) or fixed.count("\ufffd") > text.count("\ufffd"):
        return text, (
            f"looks like mojibake ({found.group()!r}) but cannot be repaired with certainty; "
            "save the original as UTF-8 and read it again"
        )
    example = found.group()
    return fixed, (
        f"repaired mojibake ({example!r} -> {ftfy.fix_encoding(example)!r}); "
        "offsets refer to the repaired text; save the original as UTF-8 to avoid this"
    )


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060"))  # soft hyphen, zero-width


def clean_extracted(text: str) -> str:
    """Extracted (not plain-file) text: NFC, no invisible characters, no trailing spaces, one final newline."""
    text = unicodedata.normalize("NFC", normalize_newlines(text)).translate(_INVISIBLE)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


# --------------------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _owned_by(el: Any, owner: Any, stops: frozenset[str]) -> bool:
    """True when no element with a tag in ``stops`` stands between ``el`` and ``owner``."""
    node = el.getparent()
    while node is not None and node is not owner:
        if node.tag in stops:
            return False
        node = node.getparent()
    return node is owner


_RUN_STOPS = frozenset({_W + "p", _W + "del", _W + "moveFrom", _W + "txbxContent", _MC_FALLBACK})
_BOX_STOPS = frozenset({_W + "p", _W + "txbxContent", _MC_FALLBACK})


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa, bb ..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n) if 0 < n < 4000 else str(n)
    if fmt == "upperRoman":
        return _roman(n).upper() if 0 < n < 4000 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Renders Word's automatic list numbering, which is not part of the paragraph's text.

    Agenda items are often numbered this way ("1.", "§ 12"); without it their ordinals are lost.
    Counters are kept per list instance (numId), deeper levels restart when a level advances.
    """

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = _Styles(document)   # (the paragraphs' and runs' styles, read once)
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no or broken numbering part: no numbers, text still read
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for an in root.iterchildren(_W + "abstractNum"):
            abstract[an.get(_W + "abstractNumId", "")] = {
                _int(lvl.get(_W + "ilvl"), 0): (
                    _int(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or ""
                )
                for lvl in an.iterchildren(_W + "lvl")
            }
        for num in root.iterchildren(_W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (_int(start, 1),) + levels[ilvl][1:]
            self.levels[num.get(_W + "numId", "")] = levels

    def label(self, paragraph: Any) -> str:
        """The number or bullet Word shows before this paragraph ("" when none)."""
        num_id, ilvl = _num_pr(paragraph, self.styles)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id or "", {})
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return text.strip()

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            return _format_number(counters.get(k, k_start), k_fmt)

        return re.sub(r"%([1-9])", number, text).strip()


def _val(el: Any, child: str) -> str | None:
    found = el.find(_W + child)
    return None if found is None else found.get(_W + "val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(paragraph: Any, styles: _Styles) -> tuple[str | None, int]:
    """(numId, level) from the paragraph, else from its style chain."""
    ilvl: int | None = None
    pPr = paragraph._p.pPr
    if pPr is not None and pPr.numPr is not None:
        num_id = _val(pPr.numPr, "numId")
        ilvl = _int(_val(pPr.numPr, "ilvl"), 0)
        if num_id is not None:
            return (None if num_id == "0" else num_id), ilvl
    style_id = _val(pPr, "pStyle") if pPr is not None else None
    found = styles.numbering(style_id)
    if found is not None:
        num_id, level = found
        return (None if num_id == "0" else num_id), (ilvl if ilvl is not None else level)
    return None, 0


_ON_OFF = {"hidden": "vanish", "strike": "strike", "double_strike": "dstrike"}   # font flag -> element


def _on_off(rPr: Any, tag: str) -> bool | None:
    """A run property's on/off value (None when not set), as python-docx reads it."""
    el = None if rPr is None else rPr.find(_W + tag)
    if el is None:
        return None
    return el.get(_W + "val", "true") not in ("0", "false", "off")


class _Styles:
    """Each style's list numbering and font flags through its base styles, worked out once per
    style: python-docx finds a style by scanning all of them, and was asked several times per
    run (15 s for 10,000 short paragraphs)."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[tuple[str, str], Any] = {}
        self.default: dict[str, Any] = {}
        try:
            root = document.styles.element
        except Exception:  # noqa: BLE001 - no or broken styles part: no style flags or numbers
            root = None
        for el in ([] if root is None else root.iterchildren(_W + "style")):
            kind = el.get(_W + "type", "paragraph")
            self.by_id.setdefault((kind, el.get(_W + "styleId", "")), el)
            if el.get(_W + "default") in ("1", "true", "on"):
                self.default.setdefault(kind, el)
        self._flags: dict[tuple[str | None, str], bool | None] = {}
        self._numbering: dict[str | None, tuple[str, int] | None] = {}

    def _chain(self, kind: str, style_id: str | None) -> Iterator[Any]:
        """The style (the default one of its kind when unnamed or unknown) and its base styles."""
        el = self.by_id.get((kind, style_id or ""), self.default.get(kind))
        for _ in range(20):
            if el is None:
                return
            yield el
            based = _val(el, "basedOn")
            el = self.by_id.get((kind, based)) if based is not None else None

    def flag(self, style_id: str | None, attr: str) -> bool | None:
        """A font flag of a character style, through its base styles."""
        key = (style_id, attr)
        if key not in self._flags:
            tag = _ON_OFF[attr]
            self._flags[key] = next((v for el in self._chain("character", style_id)
                                     if (v := _on_off(el.find(_W + "rPr"), tag)) is not None), None)
        return self._flags[key]

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, level) a paragraph style gives its paragraphs, through its base styles."""
        if style_id not in self._numbering:
            found = None
            for el in self._chain("paragraph", style_id):
                ppr = el.find(_W + "pPr")
                num_pr = None if ppr is None else ppr.find(_W + "numPr")
                if num_pr is not None and (num_id := _val(num_pr, "numId")) is not None:
                    found = (num_id, _int(_val(num_pr, "ilvl"), 0))
                    break
            self._numbering[style_id] = found
        return self._numbering[style_id]


def _style_flag(r: Any, attr: str, styles: _Styles) -> bool:
    """A run's font flag, direct or through its character style chain."""
    rPr = r.find(_W + "rPr")
    value = _on_off(rPr, _ON_OFF[attr])
    if value is None:
        value = styles.flag(_val(rPr, "rStyle") if rPr is not None else None, attr)
    return bool(value)


def _strike_markup(pieces: list[tuple[str, bool]]) -> str:
    """Join runs, wrapping struck stretches in ``~~`` (per line, whitespace outside the marks)."""
    merged: list[list[Any]] = []
    for text, struck in pieces:
        if merged and merged[-1][1] == struck:
            merged[-1][0] += text
        else:
            merged.append([text, struck])
    out = []
    for text, struck in merged:
        if struck:
            text = "\n".join(_strike_line(line) for line in text.split("\n"))
        out.append(text)
    return "".join(out)


def _strike_line(line: str) -> str:
    m = re.fullmatch(r"(\s*)(.*?)(\s*)", line, re.S)
    assert m is not None
    lead, core, trail = m.groups()
    return f"{lead}~~{core}~~{trail}" if core else line


def _docx_paragraph(p_el: Any, parent: Any, numbering: _Numbering) -> str:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    paragraph = Paragraph(p_el, parent)
    pieces: list[tuple[str, bool]] = []
    for r in p_el.iter(_W + "r"):
        if not _owned_by(r, p_el, _RUN_STOPS):
            continue
        styles = numbering.styles
        if _style_flag(r, "hidden", styles):
            continue
        text = Run(r, paragraph).text
        if text:
            pieces.append((text, _style_flag(r, "strike", styles) or _style_flag(r, "double_strike", styles)))
    text = _strike_markup(pieces)
    label = numbering.label(paragraph)
    return f"{label} {text}" if label and text.strip() else text


def _docx_blocks(container: Any, parent: Any, numbering: _Numbering) -> Iterator[str]:
    """Blocks (paragraphs, tables) of a body, cell or text box, in document order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            text = _docx_paragraph(child, parent, numbering)
            if text.strip():
                yield text
            for box in child.iter(_W + "txbxContent"):
                if _owned_by(box, child, _BOX_STOPS):
                    yield from _docx_blocks(box, parent, numbering)
        elif tag == _W + "tbl":
            rows = _docx_table_rows(child, parent, numbering)
            if rows:
                yield "\n".join(rows)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _docx_blocks(content, parent, numbering)
        elif tag in (_W + "customXml", _W + "ins", _W + "smartTag"):
            yield from _docx_blocks(child, parent, numbering)


_WHOLLY_STRUCK = re.compile(r"~~([^~]+)~~")


def _docx_table_rows(tbl: Any, parent: Any, numbering: _Numbering) -> list[str]:
    """One line per row, cells joined by ", " (paragraphs inside a cell too).

    A row whose every cell is struck through becomes one struck line: "~~Anna Berg, Bjuv~~".
    """
    rows: list[str] = []
    for tr in tbl.iter(_W + "tr"):
        if not _owned_by(tr, tbl, frozenset({_W + "tbl"})):
            continue
        cells: list[str] = []
        for tc in tr.iter(_W + "tc"):
            if not _owned_by(tc, tr, frozenset({_W + "tbl"})):
                continue
            lines = (line.strip() for block in _docx_blocks(tc, parent, numbering) for line in block.split("\n"))
            cell = ", ".join(line for line in lines if line)
            if cell:
                cells.append(cell)
        if not cells:
            continue
        struck = [_WHOLLY_STRUCK.fullmatch(c) for c in cells]
        if all(struck):
            rows.append("~~" + ", ".join(m.group(1) for m in struck if m) + "~~")
        else:
            rows.append(", ".join(cells))
    return rows


def _read_docx(raw: bytes) -> Extracted:
    import zipfile

    if raw.startswith(_OLE2):
        raise Unusable("password-protected or old-format (.doc) Word file; remove the password or save it as .docx")
    if not raw.startswith(b"PK"):
        raise Unusable("not a Word .docx file (not a ZIP package); open it in Word and save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            inflated = sum(i.file_size for i in zf.infolist())
            markup = sum(i.file_size for i in zf.infolist() if i.filename.lower().endswith((".xml", ".rels")))
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
        raise Unusable(f"damaged .docx ({type(exc).__name__}: not a readable ZIP); open it in Word and save it again") from None
    if inflated > MAX_UNZIPPED_BYTES:
        raise Unusable(f"the .docx unpacks to {_size(inflated)}; save a smaller copy without embedded media")
    if markup > MAX_BYTES:
        # (the XML is parsed whole, at about ten times its size in memory: refused before parsing)
        raise Unusable(f"the .docx text parts unpack to {_size(markup)}, limit {_size(MAX_BYTES)}; "
                       "split it into several files or save it as .txt")
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
        numbering = _Numbering(document)
        blocks = list(_docx_blocks(document.element.body, document._body, numbering))
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds on damaged files
        kind = type(exc).__name__
        raise Unusable(f"damaged or not a Word document ({kind}); open it in Word and save it as .docx again") from None
    return Extracted("\n\n".join(blocks), "docx")


# --------------------------------------------------------------------------- .pdf

_HEADER_ZONE = 0.12   # running headers live in the top 12 % of a page ...
_FOOTER_ZONE = 0.88   # ... running footers below 88 %


@dataclass
class _PdfLine:
    text: str
    top: float
    bottom: float


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every oddity of a PDF; the reader reports what matters itself."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _pdf_lines(words: list[dict[str, Any]]) -> list[_PdfLine]:
    """Group words into lines by vertical position; a wide gap within a line becomes a tab.

    Reading order is top to bottom, left to right within a line, which keeps "§ 12" and its title,
    and the name and party columns of an attendance table, together.
    """
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines:
            current = lines[-1]
            top = min(x["top"] for x in current)
            height = max(x["bottom"] - x["top"] for x in current)
            if w["top"] - top <= max(2.0, 0.5 * height):
                current.append(w)
                continue
        lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        height = max(w["bottom"] - w["top"] for w in line) or 1.0
        parts = [line[0]["text"]]
        for prev, w in zip(line, line[1:], strict=False):
            parts.append("\t" if w["x0"] - prev["x1"] > 1.5 * height else " ")
            parts.append(w["text"])
        out.append(_PdfLine("".join(parts), min(w["top"] for w in line), max(w["bottom"] for w in line)))
    return out


def _page_text(lines: list[_PdfLine]) -> str:
    """Lines joined, with a blank line where the gap above a line is paragraph-sized."""
    parts: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None:
            gap = line.top - prev.bottom
            parts.append("\n\n" if gap > 0.6 * (prev.bottom - prev.top) else "\n")
        parts.append(line.text)
    return "".join(parts)


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _drop_running_lines(pages: list[tuple[list[_PdfLine], float]]) -> list[list[_PdfLine]]:
    """Drop headers and footers that repeat on at least half the pages (2 or more).

    Page numbers differ from page to page, so digits are ignored when comparing. A running header
    is kept where it first appears (it often names the body and the date); footers ("Justerandes
    sign", "Sida 2 av 5") are dropped everywhere.
    """
    if len(pages) < 2:
        return [lines for lines, _ in pages]
    counts: dict[tuple[str, str], int] = {}
    for lines, height in pages:
        keys = {(_zone(line, height), _running_key(line.text)) for line in lines}
        for key in keys:
            if key[0]:
                counts[key] = counts.get(key, 0) + 1
    needed = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= needed}
    kept_once: set[str] = set()
    out = []
    for lines, height in pages:
        page = []
        for line in lines:
            key = (_zone(line, height), _running_key(line.text))
            if key in repeated:
                if key[0] == "footer" or key[1] in kept_once:
                    continue
                kept_once.add(key[1])
            page.append(line)
        out.append(page)
    return out


def _zone(line: _PdfLine, height: float) -> str:
    if height <= 0:
        return ""
    if line.bottom <= _HEADER_ZONE * height:
        return "header"
    if line.top >= _FOOTER_ZONE * height:
        return "footer"
    return ""


def _page_list(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:10])) + (" ..." if len(pages) > 10 else "")


def _read_pdf(raw: bytes) -> Extracted:
    if b"%PDF-" not in raw[:1024]:
        raise Unusable("not a PDF (no %PDF- header); check the file, or rename it if it is text or HTML")
    if b"%%EOF" not in raw[-8192:]:
        raise Unusable("truncated PDF (no %%EOF end marker); download or export it again")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[tuple[list[_PdfLine], float]] = []
    empty: list[int] = []
    rotated: list[int] = []
    try:
        with _quiet_pdfminer(), pdfplumber.open(io.BytesIO(raw)) as pdf:
            for n, page in enumerate(pdf.pages, 1):
                words = page.extract_words(x_tolerance_ratio=0.15, y_tolerance=3, keep_blank_chars=False)
                if not words:
                    empty.append(n)
                # Sideways text is margin furniture ("Justerandes signatur") in minutes; read
                # letter by letter it would be garbage. A page that is mostly sideways is reported.
                upright = [w for w in words if w.get("upright", True)]
                if len(upright) < len(words) / 2:
                    rotated.append(n)
                words = upright
                pages.append((_pdf_lines(words), float(page.height)))
                page.close()
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        cause: BaseException | None = exc
        innermost: BaseException = exc
        for _ in range(10):  # pdfplumber wraps pdfminer's exception in its own
            if cause is None:
                break
            innermost = cause
            if isinstance(cause, PDFPasswordIncorrect):
                raise Unusable(
                    "password-protected PDF; remove the password (e.g. qpdf --decrypt --password=PW IN OUT) and read OUT"
                ) from None
            if isinstance(cause, PDFEncryptionError):
                raise Unusable("encrypted PDF with an unsupported method; print it to a new PDF without encryption") from None
            if cause.args and isinstance(cause.args[0], BaseException):
                cause = cause.args[0]
            else:
                cause = cause.__cause__ or cause.__context__
        raise Unusable(f"damaged PDF ({type(innermost).__name__}); download or export it again") from None
    if not pages:
        raise Unusable("the PDF has no pages; export it again")
    if len(empty) == len(pages):
        raise Unusable("no text layer: needs OCR (e.g. ocrmypdf); run `ocrmypdf IN.pdf OUT.pdf` and read OUT.pdf")
    text = "\n\n".join(_page_text(lines) for lines in _drop_running_lines(pages) if lines)
    if rotated and not text.strip():
        raise Unusable("all text is sideways; rotate the pages upright (e.g. qpdf --rotate=+90) and read it again")
    warns: list[str] = []
    cids = len(re.findall(r"\(cid:\d+\)", text))
    n_words = len(text.split())
    if cids and cids >= 0.2 * n_words:
        raise Unusable("the text layer is unreadable (fonts without a Unicode map); needs OCR (e.g. ocrmypdf --force-ocr)")
    if cids:
        warns.append(f"{cids} characters could not be decoded (shown as (cid:N)); OCR the file if names are affected")
    if rotated:
        warns.append(f"sideways text skipped on pages {_page_list(rotated)}; rotate those pages upright and read it again")
    if empty:
        warns.append(f"pages without a text layer (scanned?): {_page_list(empty)}; OCR them (e.g. ocrmypdf --skip-text)")
    return Extracted(text, "pdf", tuple(warns))


# --------------------------------------------------------------------------- .html

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed",
    "head", "title", "nav", "aside", "menu", "button", "select", "input", "textarea", "dialog",
    "video", "audio", "map", "-comment", "_comment",
})
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog", "menu"})
# Parts of class / id tokens (split on - and _) that mark page furniture.
_SKIP_CLASS_PARTS = frozenset({
    "cookie", "cookies", "cookiebanner", "cookieconsent", "consent", "gdpr", "onetrust", "cookiebot",
    "cybotcookiebotdialog", "breadcrumb", "breadcrumbs", "skip", "skiplink", "skiplinks", "share",
    "sharing", "social", "socialmedia", "readspeaker", "rs",
})
_BLANK_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "hr", "dl", "address"})
_LINE_BLOCKS = frozenset({
    "div", "section", "article", "main", "header", "footer", "center", "details", "summary",
    "figcaption", "fieldset", "legend", "dd", "dt", "caption", "body", "html", "form", "li",
})
_STRUCK = frozenset({"s", "strike", "del"})
_MAX_TABLE_DEPTH = 20
_BOILERPLATE_LINES = [re.compile(p, re.I) for p in (
    r"(ladda (ner|ned)|download|hämta( dokumentet| filen)?)(\b|(?=[A-ZÅÄÖ])).{0,100}",
    r"(fil)?storlek:?\s*\d[\d\s.,]*\s*(px|b|kb|mb|bytes?|pixlar)\b.{0,60}",
    r"starta visningen.{0,40}",
    r"transkri(pt|ption|bera)",
    r"(visa|dölj) transkri(pt|ption)",
    r"save this (pdf|page|file)\b.{0,100}",
    r"(skriv ut|print)( (sidan|this page|page))?",
    r"(dela|share)( (sidan|this page|på \w+))?:?",
    r"lyssna( på sidan)?|listen",
    r"(till|tillbaka till) (toppen|början)|back to top",
    r"(gå|hoppa) (direkt )?till (huvud)?innehåll(et)?|skip to (main )?content",
    r"senast (uppdaterad|ändrad|granskad):?.{0,60}",
    r"sidansvarig:?.{0,60}",
    r"(godkänn|acceptera|neka|avvisa|tillåt)( alla| nödvändiga)?( kakor| cookies)?",
    r"(vi använder|(den här|denna) (webbplats(en)?|sida(n)?) använder) (kakor|cookies)\b.*",
    r"(kakor|cookies|cookie-inställningar|inställningar för kakor)",
)]


def _html_encoding(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode page bytes: BOM, then UTF-8, then the page's declared charset, then detection."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), *_BOMS):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec, []
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", raw[:4096], re.I)
    if m:
        try:
            codec = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = ""
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # as browsers do (WHATWG encoding standard)
        if codec and not codec.startswith("utf-"):
            try:
                return raw.decode(codec), codec, [f"not UTF-8; decoded as {codec} (declared in the page)"]
            except (UnicodeDecodeError, LookupError):
                pass
    encoding = _detect_legacy(raw)
    return raw.decode(encoding), encoding, [f"not UTF-8; decoded as {encoding}; save the page as UTF-8 to be sure"]


class _HtmlText:
    """Walks an element tree and writes its visible text as lines (no recursion: pages nest deep)."""

    def __init__(self, depth: int = 0) -> None:
        self.depth = depth  # tables nested around this walk
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix: str | None = None
        self.blank_pending = False
        self.lists: list[list[Any]] = []  # [kind, next number]

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if not text:
            return
        if self.prefix:
            text, self.prefix = self.prefix + text, None
        if self.blank_pending and self.lines and self.lines[-1]:
            self.lines.append("")
        self.blank_pending = False
        self.lines.append(text)

    def block(self, blank: bool) -> None:
        self.flush()
        if blank and not self.lists:
            self.blank_pending = True

    def run(self, root: Any) -> list[str]:
        stack: list[tuple[Any, bool, bool]] = [(root, False, True)]  # (node, leaving, outside main/article)
        while stack:
            node, leaving, outside = stack.pop()
            tag = node.tag or ""
            if leaving:
                self.leave(tag)
                continue
            if tag == "-text":
                self.current.append(node.text_content or "")
                continue
            if not node.is_element_node or _is_furniture(node, tag, outside):
                continue
            if self.enter(node, tag):
                below = outside and tag not in ("main", "article")
                stack.append((node, True, outside))
                children = list(node.iter(include_text=True))
                stack.extend((c, False, below) for c in reversed(children))
        self.flush()
        return self.lines

    def enter(self, node: Any, tag: str) -> bool:
        """Handle an opening tag; False when its content has been handled already."""
        if tag == "br":
            self.flush()
            return False
        if tag in _STRUCK:
            raw = node.text(deep=True, separator="") or ""
            core = " ".join(raw.split())
            if core:
                lead = " " if raw[:1].isspace() else ""
                trail = " " if raw[-1:].isspace() else ""
                self.current.append(f"{lead}~~{core}~~{trail}")
            return False
        if tag == "pre":
            self.block(True)
            for line in (node.text(deep=True) or "").split("\n"):
                self.current.append(line)
                self.flush()
            self.block(True)
            return False
        if tag == "table":
            self.block(True)
            for row in _html_table_rows(node, self.depth + 1):
                self.current.append(row)
                self.flush()
            self.block(True)
            return False
        if tag in ("ul", "ol"):
            self.block(True)
            start = _int(node.attributes.get("start"), 1) if tag == "ol" else 0
            self.lists.append([tag, start])
        elif tag == "li":
            self.flush()
            if self.lists:
                kind, number = self.lists[-1]
                number = _int(node.attributes.get("value"), number) if kind == "ol" else number
                indent = "  " * min(len(self.lists) - 1, 5)
                self.prefix = f"{indent}{number}. " if kind == "ol" else f"{indent}- "
                if kind == "ol":
                    self.lists[-1][1] = number + 1
        elif tag in _BLANK_BLOCKS:
            self.block(True)
        elif tag in _LINE_BLOCKS or tag == "tr":
            self.flush()
        return True

    def leave(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            self.block(True)
        elif tag == "li":
            self.flush()
            self.prefix = None
        elif tag in _BLANK_BLOCKS:
            self.block(True)
        elif tag in _LINE_BLOCKS or tag in ("td", "th", "tr"):
            self.flush()


def _is_furniture(node: Any, tag: str, outside_content: bool) -> bool:
    """Navigation, banners, scripts, hidden parts: not the page's content."""
    if tag in _SKIP_TAGS:
        return True
    if outside_content and tag in ("header", "footer"):
        return True
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in _SKIP_ROLES:
        return True
    tokens = (attrs.get("class") or "").split() + (attrs.get("id") or "").split()
    return any(part in _SKIP_CLASS_PARTS for token in tokens for part in re.split(r"[-_]", token.lower()))


def _html_table_rows(table: Any, depth: int) -> list[str]:
    """One line per row of this table (not of tables nested in it), cells joined by ", ".

    Tables nested deeper than ``_MAX_TABLE_DEPTH`` (layout tables gone wild) give their plain text.
    """
    rows = [" ".join((c.text(deep=True) or "").split()) for c in table.iter() if c.tag == "caption"]
    rows = [r for r in rows if r]
    for tr in _table_rows(table):
        cells = []
        for cell in tr.iter():
            if cell.tag in ("td", "th") and not _is_furniture(cell, cell.tag, False):
                if depth < _MAX_TABLE_DEPTH:
                    text = ", ".join(line for line in _HtmlText(depth).run(cell) if line.strip())
                else:
                    text = " ".join((cell.text(deep=True) or "").split())
                if text:
                    cells.append(text)
        struck = [_WHOLLY_STRUCK.fullmatch(c) for c in cells]
        if cells and all(struck):
            rows.append("~~" + ", ".join(m.group(1) for m in struck if m) + "~~")
        elif cells:
            rows.append(", ".join(cells))
    return rows


def _table_rows(table: Any) -> Iterator[Any]:
    """The table's own rows: children, or children of its row groups (the parser adds <tbody>)."""
    for child in table.iter():
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child.iter() if tr.tag == "tr")


def _content_root(tree: Any) -> Any:
    """``<main>`` (or role=main), else the one ``<article>``, else the body."""
    for selector in ("main", "[role=main]"):
        found = tree.css_first(selector)
        if found is not None and (found.text(deep=True) or "").strip():
            return found
    articles = tree.css("article")
    if len(articles) == 1 and (articles[0].text(deep=True) or "").strip():
        return articles[0]
    return tree.body or tree.root


def _is_boilerplate(line: str) -> bool:
    """Lines of page furniture that survive in the content area (players, downloads, sharing)."""
    if not any(c.isalnum() for c in line):
        return True
    bare = re.sub(r"^\s*(?:[-–•*]|\d+\.)\s+", "", line).strip()
    return any(p.fullmatch(bare) for p in _BOILERPLATE_LINES)


def html_to_text(html: str) -> str:
    """The main content of a page as lines (exposed for tests and notebooks)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(normalize_newlines(html))
    root = _content_root(tree)
    if root is None:
        return ""
    lines = _HtmlText().run(root)
    return clean_extracted("\n".join(line for line in lines if not line or not _is_boilerplate(line)))


def _read_html(raw: bytes) -> Extracted:
    text, encoding, warns = _html_encoding(raw)
    if _looks_binary(text[:65536]):
        raise Unusable("binary content, not HTML; check the file")
    try:
        extracted = html_to_text(text)
    except Exception as exc:  # noqa: BLE001 - the parser is fed anything; never let it stop the run
        raise Unusable(f"the page cannot be parsed ({type(exc).__name__}); save it as text (.txt) instead") from None
    return Extracted(extracted, encoding, tuple(warns))


# --------------------------------------------------------------------------- dispatch

Reader = Callable[[bytes], Extracted]
READERS: dict[str, Reader] = {
    ".txt": _read_text, ".md": _read_text, ".markdown": _read_text,
    ".docx": _read_docx, ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html,
}
_PLAIN = frozenset({".txt", ".md", ".markdown"})


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _load(path: Path, max_bytes: int) -> bytes:
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
        raise Unusable(f"too large ({_size(st.st_size)}, limit {_size(max_bytes)}); split it or raise the limit")
    if st.st_size == 0:
        raise Unusable("empty file; nothing to build from it (was it saved completely?)")
    try:
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        raise Unusable(f"cannot be read ({exc.strerror or exc}); check its permissions") from None
    if len(raw) > max_bytes:
        raise Unusable(f"too large (over {_size(max_bytes)}); split it or raise the limit")
    return raw


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
        raw = _load(path, max_bytes)
        seconds = allowance(time_limit, len(raw))
        with _time_limit(seconds):
            extracted = reader(raw)
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
