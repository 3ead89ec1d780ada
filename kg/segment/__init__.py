"""Segmenting: Document -> Minutes, from the layout that Swedish minutes share.

Minutes of every genre (ledningsgrupp notes, formal protokoll with §§, Markdown copies, OCR'd
PDFs) have the same parts: a header (title, body, date, time, place), attendance lists, agenda
items (numbered, §-numbered, timed or plain headings), presenter lines and decisions. This package
finds those parts with line rules, one module per part; it never guesses what the text does not
state. ``segment`` runs the rule units in order over one ``Page`` (page.py), the per-document state
they share.

Keywords are matched on a folded form of each line (case and diacritics removed) so that OCR
damage (``Foredragande``, ``Franvarande``) does not hide them, while every Span keeps the exact
text of the document.
"""
from __future__ import annotations

from dataclasses import replace

from ..models import AgendaItem, Document, Issue, Minutes, Span
from ..text import OCR_SIX_RE
from .attendance import read_attendance
from .caption_signatures import add_caption_roles, find_caption_signatures, find_foot_captions
from .cases import find_cases
from .dates import find_date, find_time_range
from .decisions import loose_decisions
from .entries import split_run_together
from .furniture import drop_page_furniture
from .header import body_from_text, read_header, read_signatures
from .items import find_headings, header_end, read_items
from .lines import Line, fold, split_lines
from .page import Page
from .people import parse_people
from .protocol import find_adjustment, find_substitutes
from .roles import read_roles
from .titles import find_titles
from .toc_items import toc_items
from .votes import find_reservations, find_votes

__all__ = ["segment", "Minutes", "Span", "Page", "Line", "split_lines", "fold", "OCR_SIX_RE", "find_date", "find_time_range",
           "parse_people", "split_run_together"]


def with_outcomes(page: Page, item: AgendaItem) -> AgendaItem:
    """The item with its cases (diarienummer), votes and reservations, where the text states them."""
    cases, votes, reservations = find_cases(page, item), find_votes(page, item), find_reservations(page, item)
    if not (cases or votes or reservations):
        return item
    return replace(item, cases=cases, votes=votes, reservations=reservations)


def segment(doc: Document) -> Minutes:
    """Find the structure of one document. A text with no structure gives ``is_minutes=False``."""
    page = Page(doc)
    drop_page_furniture(page)
    captions = find_caption_signatures(page) + find_foot_captions(page)
    read_attendance(page)
    headings = find_headings(page)
    end = header_end(page, headings)
    title, body, parent, location, date, date_span, t0, t1 = read_header(page, end)
    read_signatures(page)
    add_caption_roles(page, captions)
    read_roles(page)
    items = [with_outcomes(page, item) for item in read_items(page, headings)] or toc_items(page)
    meeting_decisions = loose_decisions(page, items, end)
    if body is None:
        body = body_from_text(page)
    adjusted_on, adjusted_span = find_adjustment(page)
    substitutes = find_substitutes(page, page.people["attendee"], page.people["absentee"])
    titles = find_titles(page, [*(r for role in ("chair", "minute_taker", "adjuster", "attendee", "absentee") for r in page.people[role]),
                                *(s.substitute for s in substitutes), *(r for it in items for r in it.presenters)])
    is_minutes = bool(items or any(page.people.values()) or date)
    if not is_minutes:
        page.issues.append(Issue(doc.path, "no meeting structure found (no items, attendance or date); kept as a document without a meeting"))
    return Minutes(
        document=doc,
        is_minutes=is_minutes,
        title=title,
        body=body,
        parent=parent,
        date=date,
        date_span=date_span,
        start_time=t0,
        end_time=t1,
        location=location,
        attendees=tuple(page.people["attendee"]),
        absentees=tuple(page.people["absentee"]),
        minute_takers=tuple(page.people["minute_taker"]),
        chairs=tuple(page.people["chair"]),
        adjusters=tuple(page.people["adjuster"]),
        items=tuple(items),
        decisions=tuple(meeting_decisions),
        issues=tuple(page.issues),
        adjusted_on=adjusted_on,
        adjusted_span=adjusted_span,
        substitutes=tuple(substitutes),
        titles=tuple(titles),
    )
