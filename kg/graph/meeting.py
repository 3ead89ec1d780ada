"""A meeting's facts from its minutes: header (title, date, times, place), the words that state it,
the protocol's justering and serving substitutes, and titles written with names as memberships.
"""
from __future__ import annotations

import re

from ..models import Extraction, Minutes, Span
from .annotations import add_evidence, add_statement
from .chunk import Rows
from .iri import ID_BASE, PERSON_CUT, document_key, entity_node, role_key
from .ntriples import literal, typed
from .terms import (
    ADJUSTED_ON,
    DATE,
    END_TIME,
    HAS_EVIDENCE,
    LOCATION,
    MEMBER,
    MEMBERSHIP,
    ORGANIZATION_OF,
    PREF_LABEL,
    ROLE,
    ROLE_CLASS,
    SERVING_SUBSTITUTE,
    START_TIME,
    STATED_IN,
    SUBSTITUTE_FOR,
    TITLE,
    TYPE,
    XSD_DATE,
    XSD_DATETIME,
    XSD_TIME,
)


def add_meeting_header(g: Rows, meeting: str, minutes: Minutes) -> None:
    add = g.facts(meeting).append
    if minutes.title is not None:
        add((meeting, TITLE, literal(minutes.title.text)))
    if minutes.date is not None:
        add((meeting, DATE, typed(minutes.date.isoformat(), XSD_DATE)))
    for prop, value in ((START_TIME, minutes.start_time), (END_TIME, minutes.end_time)):
        if value is None:
            continue
        if minutes.date is not None:
            add((meeting, prop, typed(f"{minutes.date.isoformat()}T{value}:00", XSD_DATETIME)))
        else:
            add((meeting, prop, typed(f"{value}:00", XSD_TIME)))
    if minutes.location is not None:
        add((meeting, LOCATION, literal(minutes.location.text)))



def meeting_spans(minutes: Minutes) -> list[Span]:
    """The words that state a meeting: its title and date lines where the text has them, else
    the name of the body that met, else the document's first line (a meeting always has one)."""
    spans = [s for s in (minutes.title, minutes.date_span) if s is not None]
    if not spans and minutes.body is not None:
        spans.append(minutes.body)
    if not spans:
        text = minutes.document.text
        found = _FIRST_LINE.search(text)
        if found is not None:
            spans.append(Span(found.start(), found.end(), found.group()))
    return sorted(set(spans), key=lambda s: (s.start, s.end))


_FIRST_LINE = re.compile(r"\S(?:[^\n]*\S)?")



def add_protocol(g: Rows, d: str, base: str, meeting: str, minutes: Minutes, person,
                  role) -> None:
    """The protocol's own facts: when it was justerat (with the words that say so), and the
    serving substitutes with the members they replaced where the text names them."""
    if minutes.adjusted_on is not None:
        facts = g.facts(meeting)
        facts.append((meeting, ADJUSTED_ON, typed(minutes.adjusted_on.isoformat(), XSD_DATE)))
        if minutes.adjusted_span is not None:
            facts.append((meeting, HAS_EVIDENCE, add_evidence(g, d, base, minutes.adjusted_span, meeting, "meeting")))
    for sub in minutes.substitutes:
        s = role(meeting, SERVING_SUBSTITUTE, sub.substitute, "")
        if s is None or sub.replaced is None:
            continue
        r = person(sub.replaced)
        if r is not None and r != s:
            g.share((s, SUBSTITUTE_FOR, r))         # a fact about two persons, as a membership
            span = sub.replaced.span
            add_statement(g, f"{ID_BASE}statement/{document_key(minutes.document.identifier)}-substitutefor-"
                              f"{s[PERSON_CUT:-1]}--{r[PERSON_CUT:-1]}",
                           s, SUBSTITUTE_FOR, r, (f"<{base}-{span.start}-{span.end}-per>",))



def add_titles(g: Rows, d: str, base: str, meeting: str, ex: Extraction, entity_of,
                person) -> None:
    """Each title written with a name as an ``org:Membership`` stated in the meeting: the person,
    the role (one node per title, labelled as written) and, where the text says, the organisation:
    the affiliation written with the name, else for a role of a list ("ordförande", "ledamot")
    the body that met. A job title with no organisation written keeps none."""
    from ..lexicon import ROLE_WORDS
    from ..text import fold_chars as fold
    minutes = ex.minutes
    orgs = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "organization"}
    body = entity_of(ex.body) if ex.body else None
    prefix = f"{ID_BASE}membership/{document_key(minutes.document.identifier)}-"
    for t in minutes.titles:
        p = person(t.person)
        if p is None:
            continue
        written = t.title.text
        label = written[:1].lower() + written[1:] if written[1:2].islower() else written
        r = f"<{ID_BASE}role/{role_key(label)}>"
        g.share((r, TYPE, ROLE_CLASS))
        g.share((r, PREF_LABEL, literal(label)))
        ms = f"<{prefix}{p[PERSON_CUT:-1]}-{role_key(label)}>"
        facts = g.facts(ms)
        facts += ((ms, TYPE, MEMBERSHIP), (ms, MEMBER, p), (ms, ROLE, r), (ms, STATED_IN, meeting))
        aff = t.person.affiliation
        org = entity_of(orgs[(aff.start, aff.end)]) if aff is not None and (aff.start, aff.end) in orgs else None
        if org is None and fold(written).strip(" .") in ROLE_WORDS:
            org = body
        if org is not None and org.kind == "organization":
            facts.append((ms, ORGANIZATION_OF, entity_node(org)))
        facts.append((ms, HAS_EVIDENCE, add_evidence(g, d, base, t.span, ms, "title")))
