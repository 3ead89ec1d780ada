"""Page furniture: page numbers, repeated page headers and web viewer boilerplate are not content."""
from __future__ import annotations

import re
from collections import Counter

from .page import Page

PAGE_FOOTER_RE = re.compile(
    r"^(?:sida\s+\d+(?:\s*\(\d+\)|\s+av\s+\d+)?|\d+\s*\(\d+\)|\d+\s*/\s*\d+|justerandes? (?:sign|signatur).*|utdragsbestyrkande.*)$",
    re.I,
)
# What a web page around a document adds: viewer controls, download links, cookie notices.
WEB_FURNITURE_RE = re.compile(
    r"^(?:ladda ner|ladda ned|download|storlek:.*|starta visningen|transkript|save this pdf as.*|skriv ut|print|"
    r"dela|share|till toppen|hoppa till (?:innehållet|huvudinnehåll)|cookies?.*godkänn.*|visa (?:hela|fler).*|"
    r"öppna i nytt fönster|\S+\.(?:pdf|docx?)(?:\s*\(\d+[,.]?\d*\s*[kKmM]i?B\))?)$",
    re.I,
)

# PAGE_FOOTER_RE or WEB_FURNITURE_RE in one expression: each is anchored at both ends, so the
# alternation matches where either does. The lookahead holds for every match (the first letters
# of the alternatives, a digit, or a file name) and rejects most lines in one step.
_FURNITURE_RE = re.compile(
    rf"(?=[sjultdphcvö\d]|\S+\.(?:pdf|docx?))(?:(?:{PAGE_FOOTER_RE.pattern})|(?:{WEB_FURNITURE_RE.pattern}))", re.I)


# -- page furniture -------------------------------------------------------------------------
def drop_page_furniture(page: Page) -> None:
    """Page numbers, signature boxes and page headers repeated on every page are not content."""
    content = [(i, ln) for i, ln in enumerate(page.lines) if ln.clean]   # the lines read below
    first = content[0][1] if content else None
    breaks: list[int] = []
    for i, ln in content:
        if _FURNITURE_RE.match(ln.clean):  # PAGE_FOOTER_RE or WEB_FURNITURE_RE
            page.skip.add(i)
            breaks.append(i)
        elif first is not None and ln is not first and ln.folded == first.folded and len(ln.clean) > 8:
            page.skip.add(i)  # the title repeated as a page header
    if not breaks:
        return
    # A page header: the lines after a page break that repeat lines from the top of the first page.
    counts = Counter(ln.folded for _, ln in content)   # (read with .get only: as a dict)
    top = {ln.folded for ln in page.lines[:25] if ln.clean}
    first_content = next((i for i, _ in content if i not in page.skip), 0)
    for b in breaks:
        k = b + 1
        while k < len(page.lines) and k - b <= 8:
            ln = page.lines[k]
            if ln.clean and k > first_content + 25 and ln.folded in top and counts.get(ln.folded, 0) >= 2:
                page.skip.add(k)
            elif ln.clean and k not in page.skip:
                break
            k += 1
