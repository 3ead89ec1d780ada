"""Page furniture: page numbers, repeated page headers and web viewer boilerplate are not content."""
from __future__ import annotations

import re
from collections import Counter

from . import lexicon
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


# A page stamp with the page header before it, as a flattened PDF page gives it:
# "1 LUDVIKA KOMMUN SAMMANTRÄDESPROTOKOLL Sida 1 (14)", "2 SANDVIKENS KOMMUN SAMMANTRÄDESPROTOKOLL 2 (11)"
PAGE_STAMP_LINE_RE = re.compile(r"^\d{1,3}\s+(?:[A-ZÅÄÖ][A-ZÅÄÖ/\-]+\s+){1,5}(?:Sida\s+)?\d{1,3}\s?\(\d{1,3}\)$")
# a breadcrumb trail: "Startsida / Kommun och politik / Politik och demokrati / Kommunstyrelsen"
BREADCRUMB_RE = re.compile(r"^[^/\d]{2,40}(?:\s/\s[^/\d]{2,40}){3,}$")
# a view or download count of a document-sharing site: "7 views", "0 download"
COUNT_RE = re.compile(r"^\d+\s+(?:views?|downloads?|visningar|nedladdningar)$", re.I)


def _web_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The web boilerplate of web_furniture.tsv: whole lines, line starts and the headings of a
    trailing list of other documents."""
    kinds: dict[str, list[str]] = {"line": [], "prefix": [], "tail": []}
    for phrase, kind in lexicon.entries("web_furniture"):
        kinds[kind].append(phrase)
    return frozenset(kinds["line"]), tuple(kinds["prefix"]), frozenset(kinds["tail"])


_WEB_LINES, _WEB_PREFIXES, _WEB_TAILS = _web_words()


def is_web_furniture(folded: str, clean: str) -> bool:
    """A line a web page or a PDF viewer adds: viewer controls, publishing stamps, share links."""
    f = folded.strip().rstrip(":").strip()
    if f in _WEB_LINES or f in _WEB_TAILS or f.startswith(_WEB_PREFIXES):
        return True
    # a page stamp and a count begin with a digit, a breadcrumb trail holds "/"
    if clean[:1].isdecimal():
        return bool(PAGE_STAMP_LINE_RE.match(clean) or COUNT_RE.match(clean))
    return "/" in clean and BREADCRUMB_RE.match(clean) is not None


def drop_web_furniture(page: Page) -> None:
    """Web boilerplate is never a title, body, item or date; a list of other documents
    ("Relevanta dokument", "Liknande dokument", "Recommended") ends the document."""
    tail = False
    for i, ln in enumerate(page.lines):
        if not ln.clean or i in page.skip:
            continue
        if tail or is_web_furniture(ln.folded, ln.clean):
            page.skip.add(i)
            tail = tail or ln.folded.strip().rstrip(":") in _WEB_TAILS


# -- page furniture -------------------------------------------------------------------------
def drop_page_furniture(page: Page) -> None:
    """Page numbers, signature boxes and page headers repeated on every page are not content."""
    drop_web_furniture(page)
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
