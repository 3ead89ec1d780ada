"""PDF files (pdfplumber on pdfminer.six): words grouped into lines by position, running headers
kept once and running footers dropped."""
from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings as _warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError as Unusable
from .text import Extracted

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


def read(raw: bytes) -> Extracted:
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

