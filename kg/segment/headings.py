"""Item headings as minutes write them: "§ 12 Titel", "KSAU § 176", "BUN AU § 112", OCR'd "Ks S 112"
or "MHN 8 34", "Punkt 4 – Titel", "### Punkt 1: Titel"; the title cut before "Dnr" and joined with
its wrapped second line; and the agenda lists (kallelse, table of contents) that repeat the items.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Span
from . import lexicon
from .page import Line, Page, fold
from .patterns import DNR_PREFIX_RE

# "§ 12", "KSAU § 176", "BUN AU § 112", "Ks $ 114", "MHN 8 34": a body's abbreviation (one or two
# words) may stand before the mark; OCR reads "§" as "S", "$" or "8", which only counts after such
# an abbreviation. "KF § 156/2018" (a paragraph of another year) is a reference, not a heading.
PARAGRAPH_HEAD_RE = re.compile(
    r"^(?:(?P<prefix>(?:[A-ZÅÄÖ]{2,6}|[A-ZÅÄÖ][a-zåäö]{1,2})(?:\s+[A-ZÅÄÖ]{2,5})?)\s*)?"
    r"(?P<mark>§|\$|S|8)?\s*(?P<num>\d{1,4})(?![\d/])(?:\s*[.:]|\b)\s*(?P<title>.*)$"
)
# "Punkt 4 – Titel", "Punkt 1: Titel", "Ärende 3. Titel"
POINT_HEAD_RE = re.compile(r"^(?:Punkt|Ärende|Arende|P\.)\s*(?P<num>\d{1,3})\s*(?:[-–—:.)]\s*)?(?P<title>[A-ZÅÄÖÉ\"“].*)$")
# the title ends where a wide gap or "Dnr" begins ("Patientsäkerhetsberättelse 2016     Dnr VO 2017/0041")
TITLE_TAIL_RE = re.compile(r"(?:\s{3,}.*|(?:^|\s+)(?:Dnr|Diarienr|Diarienummer)\b.*)$")
# a table of contents entry: "Val av justerare ........ 3"
DOTTED_LEADER_RE = re.compile(r"(?:\.\s*){4,}\d*\s*$|…+\s*\d+\s*$")
# a title that goes on on the next line: it ends in a hyphen, a comma or a word that needs what follows
OPEN_END_RE = re.compile(r"(?:[-,]|\b(?:av|för|om|till|och|i|på|pa|att|med|över|over|for|vid|från|fran|enligt|inom|mot|efter|samt|de|den|det))$", re.I)  # also as OCR without diacritics
BODY_ABBREVIATIONS = lexicon.words("body_abbreviations")
LETTERED_RE = re.compile(r"^[a-zåäö][).]\s")   # "a) Bygdegårdarnas Riksförbund: ...": a sub-topic
DEEP_INDENT = 20   # "§ 47" standing far right above a vote table is a column label


def paragraph_head(ln: Line) -> re.Match | None:
    """The match of a §-heading line, or None."""
    s = ln.clean
    if not s or len(ln.text) - len(ln.text.lstrip()) >= DEEP_INDENT:
        return None
    m = PARAGRAPH_HEAD_RE.match(s)
    if not m:
        return None
    if m["mark"] != "§" and not m["prefix"] and not (m["mark"] == "$" and m["title"][:1].isupper()):
        return None   # "S 12", "8 12" alone are no headings; OCR's § only after a body's abbreviation
        # (but "$" before a title: "$1 Mötets öppnande", a § typed or read as "$")
    if m["prefix"] and not m["prefix"].isupper() and fold(m["prefix"]) not in BODY_ABBREVIATIONS:
        return None   # "Ks S 112" (OCR) but not "Se § 12"
    if m["mark"] is None and (fold(m["prefix"].split()[-1]) not in BODY_ABBREVIATIONS or not m["title"][:1].isalpha()):
        return None   # "KSAU 176 Detaljplan": a known body's paragraph written without "§"
    if m["mark"] == "8" and m["title"][:1].isdigit():
        return None
    return m


def point_head(ln: Line) -> re.Match | None:
    return POINT_HEAD_RE.match(ln.clean) if ln.clean[:1] in "PpÄäAa" else None


def cut_title(title: str) -> str:
    """The title without a trailing "Dnr ..." or a column after a wide gap, and without dotted leaders."""
    title = TITLE_TAIL_RE.sub("", title)
    return DOTTED_LEADER_RE.sub("", title).rstrip(" .")


# a heading's title followed on its line by the item's first sentence: "§2. Godkännande av dagordning.
# Dagordningen godkänns." (the word before the full stop three letters or more: no abbreviation)
_TITLE_THEN_SENTENCE_RE = re.compile(r"(?<=[a-zåäöé]{3})\.[ \t]+(?=[A-ZÅÄÖ][a-zåäö]+(?:[ \t]+\S|[.!]?$))")
_ABBREVIATIONS = frozenset(lexicon.words("abbreviations"))
_LAST_WORD_RE = re.compile(r"[\w-]+$")


def first_sentence_title(title: str) -> str:
    """The title without the sentence that follows it on the heading line (kept as the item's text);
    an abbreviation's point ("Rapport från ordf. Lars Ek") ends no title."""
    for m in _TITLE_THEN_SENTENCE_RE.finditer(title):
        word = _LAST_WORD_RE.search(title, 0, m.start())
        if word is None or fold(word.group()) not in _ABBREVIATIONS:
            return title[: m.start()]
    return title


def sentence_after(text: str, title_end: int, line_end: int) -> int | None:
    """Where the sentence after a title on its heading line begins ("Godkännande av dagordning.
    Dagordningen godkänns."): after the title's full stop, at a capital; None when none follows."""
    if not title_end < line_end or text[title_end] != ".":
        return None
    rest = text[title_end + 1:line_end]
    k = len(rest) - len(rest.lstrip())
    return title_end + 1 + k if k and rest[k:k + 1].isupper() else None


def is_toc_entry(ln: Line) -> bool:
    return bool(DOTTED_LEADER_RE.search(ln.clean))


def _ends_sentence(line: str) -> bool:
    """A line that ends a sentence or opens a list is the item's text, not the rest of its title (a final
    full stop counts before `cut_title` strips it; dotted leaders end in a page number)."""
    return line.rstrip()[-1:] in ".!?:"


def title_with_continuation(page: Page, span: Span) -> tuple[str, Span]:
    """A heading title wrapped onto the next line ("Svar till IVO efter tillsyn av" /
    "Nöbbelövs vård- och omsorgsboende     Dnr ..."): the title as one line and its span over both."""
    i = bisect_right(page.line_starts, span.start) - 1
    if not span.text or i + 1 >= len(page.lines) or sentence_after(page.text, span.end, page.lines[i].start + len(page.lines[i].text)):
        return span.text, span   # (a title followed by its item's first sentence does not go on below)
    nxt = page.lines[i + 1]
    dnr = DNR_PREFIX_RE.match(nxt.clean)   # OCR's two columns: "Dnr 98.154 väg 45, delen ..."
    raw = nxt.clean[dnr.end():] if dnr else nxt.clean
    rest = cut_title(raw)
    if not rest or nxt.bullet or LETTERED_RE.match(nxt.clean) or len(rest) > 90 or _ends_sentence(raw) or paragraph_head(nxt) or point_head(nxt):
        return span.text, span
    if not (rest[0].islower() or OPEN_END_RE.search(span.text)):
        return span.text, span
    joined = span.text[:-1] + rest if span.text.endswith("-") and rest[0].islower() else f"{span.text} {rest}"
    end = nxt.cstart + (dnr.end() if dnr else 0) + len(rest)
    return joined, Span(span.start, end, page.text[span.start:end])


def without_listed_twice(page: Page, heads: list) -> list:
    """Drop the agenda list (kallelse, table of contents) when the items come again with their text.

    A heading whose number comes twice is a list entry when it has no text of its own (the next
    line with content is the next heading) or carries dotted leaders; the other one is the item."""
    counts: dict[int, int] = {}
    for h in heads:
        counts[h.ordinal] = counts.get(h.ordinal, 0) + 1
    if all(c == 1 for c in counts.values()):
        return heads
    head_lines = {h.line.no for h in heads}
    out = []
    for h in heads:
        if counts[h.ordinal] > 1 and (is_toc_entry(h.line) or bodiless(page, h.line, head_lines)):
            counts[h.ordinal] -= 1
            continue
        out.append(h)
    return out


def bodiless(page: Page, ln: Line, head_lines: set[int]) -> bool:
    """The line with content next to it, after or before, is another heading: a run of headings
    with no text between them is a list."""
    lines = page.lines
    after = next((lines[k] for k in range(ln.no, min(len(lines), ln.no + 6)) if lines[k].clean), None)
    before = next((lines[k] for k in range(ln.no - 2, max(-1, ln.no - 8), -1) if lines[k].clean), None)
    return after is None or after.no in head_lines or (before is not None and before.no in head_lines)


NOT_ITEM_RE = re.compile(r"^(?:" + "|".join(
    re.escape(w) for w in sorted(lexicon.words("not_item_headings"), key=len, reverse=True)) + r")\b")


def not_an_item(folded: str) -> bool:
    """"Uppgifter", "Projektets uppdrag", "Bilagor", "Mer information": a heading that is no item
    (an action list, a background box, appendices, a web page's sections)."""
    return bool(NOT_ITEM_RE.match(folded.strip(" :#*")))


def is_bullet_heading(page: Page, i: int) -> bool:
    """"▪ Ny webbplats – status" set apart before and followed by its text: working notes that mark
    their items with bullets. A bullet inside a list has a bullet or text right before it."""
    lines = page.lines
    if i > 0 and lines[i - 1].clean:
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or not nxt.clean:
        return False
    # "▪ Övrigt" over "- Ulrika: ...": a list under the heading has bullets of another kind
    return not nxt.bullet or nxt.text.lstrip()[:1] != lines[i].text.lstrip()[:1]


LETTERED_TOPIC_RE = re.compile(r"^[a-zåäö][).]\s+(?P<topic>[A-ZÅÄÖ][^:.\n]{1,80}?)(?::|\.|$)")


def lettered_subtitle(ln: Line) -> Span | None:
    """"a) Boende för ensamkommande barn", "b) Länsförsäkringar Gävleborg: Ny premie": a lettered
    sub-topic of an item, up to its colon or full stop."""
    m = LETTERED_TOPIC_RE.match(ln.clean) if ln.clean[1:2] in (")", ".") else None
    if not m:
        return None
    topic = m["topic"].rstrip()
    a = ln.cstart + m.start("topic")
    return Span(a, a + len(topic), topic)
