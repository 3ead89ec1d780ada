"""Word .docx files (python-docx): body paragraphs and tables in document order, list numbering
rendered, struck-through runs as ``~~text~~``, hidden and deleted text left out."""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError as Unusable
from .files import MAX_BYTES, size_text
from .text import WHOLLY_STRUCK, Extracted, int_or

MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # a .docx inflating past this is refused (zip bomb)

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
                int_or(lvl.get(_W + "ilvl"), 0): (
                    int_or(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or ""
                )
                for lvl in an.iterchildren(_W + "lvl")
            }
        for num in root.iterchildren(_W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = int_or(override.get(_W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int_or(start, 1),) + levels[ilvl][1:]
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


def _num_pr(paragraph: Any, styles: _Styles) -> tuple[str | None, int]:
    """(numId, level) from the paragraph, else from its style chain."""
    ilvl: int | None = None
    pPr = paragraph._p.pPr
    if pPr is not None and pPr.numPr is not None:
        num_id = _val(pPr.numPr, "numId")
        ilvl = int_or(_val(pPr.numPr, "ilvl"), 0)
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
                    found = (num_id, int_or(_val(num_pr, "ilvl"), 0))
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
        struck = [WHOLLY_STRUCK.fullmatch(c) for c in cells]
        if all(struck):
            rows.append("~~" + ", ".join(m.group(1) for m in struck if m) + "~~")
        else:
            rows.append(", ".join(cells))
    return rows


def read(raw: bytes) -> Extracted:
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
        raise Unusable(f"the .docx unpacks to {size_text(inflated)}; save a smaller copy without embedded media")
    if markup > MAX_BYTES:
        # (the XML is parsed whole, at about ten times its size in memory: refused before parsing)
        raise Unusable(f"the .docx text parts unpack to {size_text(markup)}, limit {size_text(MAX_BYTES)}; "
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

