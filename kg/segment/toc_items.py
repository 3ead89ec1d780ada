"""Items known only from a table of contents: "Innehållsförteckning" over entries with dotted
leaders and a page number ("Kvartalsrapport med helårsprognos ..... 3"), in minutes whose
paragraphs are not in the text (a cover page and its contents, the rest left out). Read only when
no item heading was found, so the contents never give an item twice; the numbers are pages, not
paragraphs, so the items get no ordinal, and an item's text is its entry alone."""
from __future__ import annotations

import re

from ..models import AgendaItem, Span
from . import lexicon
from .headings import not_an_item
from .page import Page

# dotted leaders (three dots at least, or an ellipsis) and the page number: "Ekonomiskt bistånd... 6"
_ENTRY_RE = re.compile(r"^(?P<title>\S.*?)[ \t]*(?:(?:\.[ \t]*){3,}|…+)[ \t]*\d{1,3}[ \t]*$")

_HEADS = frozenset(lexicon.words("toc_heads"))
_NOT_ITEMS = frozenset(lexicon.words("label_words_in_names"))   # "Beslutande ..... 2": the cover's list
_MIN_ENTRIES = 3
_MAX_GAP = 2   # blank lines between two entries


def toc_items(page: Page) -> list[AgendaItem]:
    """The entries under the first table of contents that has three at least."""
    for k, ln in enumerate(page.lines):
        if not ln.clean or not _is_head(ln.folded):
            continue
        items = _entries_under(page, k)
        if len(items) >= _MIN_ENTRIES:
            return items
    return []


def _is_head(folded: str) -> bool:
    """"Innehållsförteckning", alone or ending a title line ("Protokoll ... 2011-10-12 Innehållsförteckning")."""
    words = folded.strip(" :#*").split()
    return bool(words) and words[-1] in _HEADS


def _entries_under(page: Page, k: int) -> list[AgendaItem]:
    out: list[AgendaItem] = []
    blank = 0
    for ln in page.lines[k + 1:]:
        if not ln.clean:
            blank += 1
            if blank > _MAX_GAP:
                break
            continue
        blank = 0
        m = _ENTRY_RE.match(ln.clean)
        if m is None:
            break
        title = m["title"]
        folded = page.folded[ln.cstart:ln.cstart + len(title)].strip(" .")
        if not title or folded in _NOT_ITEMS or not_an_item(folded):
            continue
        span = Span(ln.cstart, ln.cstart + len(title), title)
        out.append(AgendaItem(title=title, title_span=span, span=Span(ln.cstart, ln.cstart + len(ln.clean), ln.clean)))
    return out
