"""HTML pages (selectolax, Lexbor's HTML5 parser): the main content only, without navigation,
banners, scripts and download or player boilerplate."""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError as Unusable
from .text import (
    BOMS,
    WHOLLY_STRUCK,
    Extracted,
    clean_extracted,
    detect_legacy,
    int_or,
    looks_binary,
    normalize_newlines,
)

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
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), *BOMS):
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
    encoding = detect_legacy(raw)
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
            start = int_or(node.attributes.get("start"), 1) if tag == "ol" else 0
            self.lists.append([tag, start])
        elif tag == "li":
            self.flush()
            if self.lists:
                kind, number = self.lists[-1]
                number = int_or(node.attributes.get("value"), number) if kind == "ol" else number
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
        struck = [WHOLLY_STRUCK.fullmatch(c) for c in cells]
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


def read(raw: bytes) -> Extracted:
    text, encoding, warns = _html_encoding(raw)
    if looks_binary(text[:65536]):
        raise Unusable("binary content, not HTML; check the file")
    try:
        extracted = html_to_text(text)
    except Exception as exc:  # noqa: BLE001 - the parser is fed anything; never let it stop the run
        raise Unusable(f"the page cannot be parsed ({type(exc).__name__}); save it as text (.txt) instead") from None
    return Extracted(extracted, encoding, tuple(warns))


