"""The words behind the facts: W3C Web Annotations of text spans (a mention's entity, the words that
state a meeting, item or decision), and links stated once more as ``rdf:Statement`` with those
annotations as evidence. Annotations, targets and selectors get IRIs (no blank nodes), so output
stays byte-for-byte stable.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..models import Entity, Mention, Span
from .chunk import Rows
from .iri import entity_node
from .ntriples import literal, prefixed_base
from .terms import (
    ANNOTATION,
    DESCRIBING,
    END,
    EXACT,
    HAS_BODY,
    HAS_EVIDENCE,
    HAS_SELECTOR,
    HAS_SOURCE,
    HAS_TARGET,
    IDENTIFYING,
    MOTIVATED_BY,
    OBJECT,
    POSITION_SELECTOR,
    PREDICATE,
    QUOTE_SELECTOR,
    START,
    STATEMENT,
    SUBJECT,
    TYPE,
    Term,
    offset,
)


def add_annotation(g: Rows, doc_node: str, base: str, m: Mention, e: Entity | None,
                    again: bool = True) -> str | None:
    """A W3C Web Annotation of one mention: body = the entity, target = the quoted text span.

    With ``again`` False an annotation already made is only named, not stated again (a
    membership points at its mentions' annotations)."""
    if e is None:
        return None
    span = m.span
    tail = f"-{span.start}-{span.end}-{m.kind[:3]}"
    if not again and f"<{base}{tail}>" in g.own:
        return f"<{base}{tail}>"
    return annotate(g, doc_node, base, tail, span, entity_node(e), IDENTIFYING)


def add_evidence(g: Rows, doc_node: str, base: str, span: Span, body: str,
                  kind: str) -> str:
    """The annotation of the words that state a meeting, item or decision (``body``)."""
    return annotate(g, doc_node, base, f"-{span.start}-{span.end}-{kind}", span, body, DESCRIBING)


def annotate(g: Rows, doc_node: str, base: str, tail: str, span: Span, body: str,
              motivation: str) -> str:
    """An annotation of ``span`` with ``body``, named ``base + tail``, its target and selectors
    named after it (their Turtle names too, in ``g.names``: writing them costs a tenth of
    finding them again from the IRIs).

    Its four subjects are new unless the same span was annotated before (a repeated mention):
    then they are marked as subjects whose facts may repeat, and kept once each."""
    a_iri = base + tail
    a, target, pos, quote = f"<{a_iri}>", f"<{a_iri}#target>", f"<{a_iri}#position>", f"<{a_iri}#quote>"
    try:
        written = g.prefixed[base]
    except KeyError:
        written = g.prefixed[base] = prefixed_base(base)
    if written is not None:
        names, t = g.names, written + tail
        names[a], names[target], names[pos], names[quote] = t, t + "\\#target", t + "\\#position", t + "\\#quote"
    a_facts = [(a, TYPE, ANNOTATION), (a, HAS_BODY, body), (a, HAS_TARGET, target),
               (a, MOTIVATED_BY, motivation)]
    t_facts = [(target, HAS_SOURCE, doc_node), (target, HAS_SELECTOR, pos), (target, HAS_SELECTOR, quote)]
    p_facts = [(pos, TYPE, POSITION_SELECTOR), (pos, START, offset(span.start)), (pos, END, offset(span.end))]
    q_facts = [(quote, TYPE, QUOTE_SELECTOR), (quote, EXACT, literal(span.text))]
    own = g.own
    if a in own or target in own or pos in own or quote in own:
        facts = g.facts
        facts(a).extend(a_facts)
        facts(target).extend(t_facts)
        facts(pos).extend(p_facts)
        facts(quote).extend(q_facts)
    else:
        own[a] = a_facts
        own[target] = t_facts
        own[pos] = p_facts
        own[quote] = q_facts
    return a


def add_statement(g: Rows, s_iri: str, subject: str, predicate: str, obj: Term,
                   evidence: Iterable[str]) -> None:
    """A link stated once more as an ``rdf:Statement`` with the annotations of its words as
    ``mg:evidence``: one pattern then finds the words behind any link. A document states a link
    as often as the text does; its statement is one node, with every span as evidence."""
    st = f"<{s_iri}>"
    facts = [(st, TYPE, STATEMENT), (st, SUBJECT, subject), (st, PREDICATE, predicate), (st, OBJECT, obj)]
    facts += [(st, HAS_EVIDENCE, a) for a in evidence]
    own = g.own
    if st in own:
        g.facts(st).extend(facts)
    else:
        own[st] = facts
