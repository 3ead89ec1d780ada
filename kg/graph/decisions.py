"""What decisions say beyond their words: their kind, who took them and whom a proposal goes to,
the cases (diarienummer) items concern, votes with counts and voters, and reservations.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..models import AgendaItem, Decision, Entity, Mention, Span, Vote
from ..text import case_identifier, slug
from .annotations import add_evidence, add_statement
from .chunk import Rows
from .iri import ID_BASE, entity_node, entity_path
from .ntriples import literal, typed
from .terms import (
    ALT_LABEL,
    CASE,
    CONCERNS_CASE,
    COUNTS,
    DECIDED_BY,
    DECISION_KINDS,
    DECISION_TYPE,
    HAS_EVIDENCE,
    IDENTIFIER,
    PROPOSED_TO,
    RESERVATION,
    TYPE,
    VOTE,
    VOTE_CLASS,
    VOTERS,
    XSD_INTEGER,
)


class Within:
    """The resolved mentions of a document by position, to find the persons or organisations
    named inside a span (a reservation, a list of voters, the body a proposal goes to)."""

    __slots__ = ("starts", "rows")

    def __init__(self, mentions: Iterable[Mention], entities: Iterable[Entity | None]) -> None:
        rows = sorted(((m.span.start, m.span.end, m.kind, e) for m, e in zip(mentions, entities) if e is not None),
                      key=lambda r: (r[0], r[1]))      # (never comparing entities: one span may name two)
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def __call__(self, span: Span, kind: str, overlap: bool = False) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the mentions of ``kind`` inside ``span`` (or, with ``overlap``,
        overlapping it), in text order."""
        from bisect import bisect_left
        rows, out = self.rows, []
        i = bisect_left(self.starts, span.start - (200 if overlap else 0))
        while i < len(rows) and rows[i][0] < span.end:
            a, b, k, e = rows[i]
            if k == kind and (b <= span.end and a >= span.start or overlap and b > span.start):
                out.append((a, b, e))
            i += 1
        return out


def add_decision_kind(g: Rows, dn: str, dec: Decision, held_by: str | None,
                       within: Within) -> None:
    """A decision's kind, the body that took it (the body that met) and, for a proposal, the body
    it goes to where a mention of an organisation stands on the words that name it."""
    facts = g.facts(dn, may_repeat=False)
    kind = DECISION_KINDS.get(dec.kind or "")
    if kind is not None:
        facts.append((dn, DECISION_TYPE, kind))
    if held_by is not None:
        facts.append((dn, DECIDED_BY, held_by))
    if dec.proposed_to is not None:
        for _a, _b, e in within(dec.proposed_to, "organization", overlap=True)[:1]:
            to = entity_node(e)
            if held_by is None or to != held_by:
                facts.append((dn, PROPOSED_TO, to))


def add_cases(g: Rows, doc_node: str, base: str, item: AgendaItem,
               item_node: str) -> list[str]:
    """The cases of an item: one node per normal diarienummer across documents (its facts shared,
    as an entity's are), each written form an altLabel with its words as evidence."""
    out: list[str] = []
    item_facts = g.facts(item_node)
    for span in item.cases:
        ident = case_identifier(span.text)
        if ident is None:
            continue
        c = f"<{ID_BASE}case/{slug(ident)}>"
        shared = g.shared_facts(c)
        shared += ((c, TYPE, CASE), (c, IDENTIFIER, literal(ident)),
                   (c, ALT_LABEL, literal(" ".join(span.text.split()))),
                   (c, HAS_EVIDENCE, add_evidence(g, doc_node, base, span, c, "case")))
        if c not in out:
            out.append(c)
            item_facts.append((item_node, CONCERNS_CASE, c))
    return out


def decision_at(decision_nodes: list[str], item: AgendaItem, at: int, after: bool) -> int | None:
    """The index of the decision a vote (``after``: the first decision ending after it) or a
    reservation (the last decision before it) concerns; the item's only or last decision else."""
    decisions = item.decisions
    if not decisions:
        return None
    if after:
        return next((j for j, dec in enumerate(decisions) if dec.span.end > at), len(decisions) - 1)
    before = [j for j, dec in enumerate(decisions) if dec.span.start < at]
    return before[-1] if before else 0


def add_votes_and_reservations(g: Rows, doc_node: str, base: str, statements: str, vote_prefix: str,
                                item: AgendaItem, item_node: str, decision_nodes: list[str],
                                within: Within) -> None:
    """The votes of an item (with counts and named voters) and who reserved themselves, from the
    decision they concern (the item when it has none). Each link to a person is stated once
    more as an rdf:Statement with the words that state it."""
    for n, vote in enumerate(item.votes, 1):
        j = decision_at(decision_nodes, item, vote.span.start, after=True)
        _add_vote(g, doc_node, base, f"{statements}vote{n}-", f"<{vote_prefix}{n}>", vote,
                  decision_nodes[j] if j is not None else item_node, within)
    for span in item.reservations:
        j = decision_at(decision_nodes, item, span.start, after=False)
        _add_reservation(g, doc_node, base, statements, span, decision_nodes[j] if j is not None else item_node, within)


def _add_vote(g: Rows, doc_node: str, base: str, statements: str, vn: str, vote: Vote,
              subject: str, within: Within) -> None:
    g.facts(subject).append((subject, VOTE, vn))
    facts = g.facts(vn)
    facts += ((vn, TYPE, VOTE_CLASS), (vn, HAS_EVIDENCE, add_evidence(g, doc_node, base, vote.span, vn, "vote")))
    for prop, field in COUNTS:
        count = getattr(vote, field)
        if count is not None:
            facts.append((vn, prop, typed(str(count), XSD_INTEGER)))
    for prop, field in VOTERS:
        for span in getattr(vote, field):
            for a, b, e in within(span, "person"):
                p = entity_node(e)
                facts.append((vn, prop, p))
                add_statement(g, f"{statements}{prop[1:-1].rsplit('#', 1)[-1].lower()}-{entity_path(p).split('/', 1)[-1]}",
                               vn, prop, p, (f"<{base}-{a}-{b}-per>",))


def _add_reservation(g: Rows, doc_node: str, base: str, statements: str, span: Span,
                     subject: str, within: Within) -> None:
    """The persons a reservation names; where it names none, the parties ("Ledamöterna för
    Moderaterna reserverar sig"). Its sentence is the evidence."""
    found = within(span, "person") or within(span, "organization")
    if not found:
        return
    words = (add_evidence(g, doc_node, base, span, subject, "reservation"),)
    facts = g.facts(subject)
    for _a, _b, e in found:
        p = entity_node(e)
        facts.append((subject, RESERVATION, p))
        add_statement(g, f"{statements}reservation-{slug(entity_path(p))}", subject, RESERVATION, p, words)
