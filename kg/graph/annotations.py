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
from .ntriples import TURTLE, literal, prefixed_base
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
    named after it. Where its name has a prefixed form (``prefixed_base``) its four nodes' Turtle
    is written here too (``g.blocks``): twelve facts of a known shape, written in four strings
    for a fifth of what the writer takes to find them from the rows.

    Its four subjects are new unless the same span was annotated before (a repeated mention):
    then they are marked as subjects whose facts may repeat, kept once each, and left to the
    writer (their Turtle names in ``g.names``)."""
    a_iri = base + tail
    a, target, pos, quote = f"<{a_iri}>", f"<{a_iri}#target>", f"<{a_iri}#position>", f"<{a_iri}#quote>"
    try:
        written = g.prefixed[base]
    except KeyError:
        written = g.prefixed[base] = prefixed_base(base)
    if written is not None:
        t = written + tail
        g.names[a] = t                                  # (an object of other facts: evidence)
    a_facts = [(a, TYPE, ANNOTATION), (a, HAS_BODY, body), (a, HAS_TARGET, target),
               (a, MOTIVATED_BY, motivation)]
    t_facts = [(target, HAS_SOURCE, doc_node), (target, HAS_SELECTOR, pos), (target, HAS_SELECTOR, quote)]
    p_facts = [(pos, TYPE, POSITION_SELECTOR), (pos, START, offset(span.start)), (pos, END, offset(span.end))]
    exact = literal(span.text)
    q_facts = [(quote, TYPE, QUOTE_SELECTOR), (quote, EXACT, exact)]
    own = g.own
    if a in own or target in own or pos in own or quote in own:
        facts = g.facts
        facts(a).extend(a_facts)
        facts(target).extend(t_facts)
        facts(pos).extend(p_facts)
        facts(quote).extend(q_facts)
        blocks = g.blocks
        for node in (a, target, pos, quote):
            blocks.pop(node, None)
        if written is not None:
            g.names.update({target: t + "\\#target", pos: t + "\\#position", quote: t + "\\#quote"})
        return a
    own[a] = a_facts
    own[target] = t_facts
    own[pos] = p_facts
    own[quote] = q_facts
    if written is not None:
        _write_turtle(g.blocks, a, target, pos, quote, t, doc_node, span, body, motivation, exact)
    return a


def _write_turtle(blocks: dict[str, tuple[str, int]], a: str, target: str, pos: str, quote: str, t: str,
                  doc_node: str, span: Span, body: str, motivation: str, exact: str) -> None:
    """The Turtle of a new annotation's four nodes, as ``TURTLE`` writes their facts (``annotate``),
    ``t`` the annotation's Turtle name."""
    obj = TURTLE.object
    tt, pt, qt = t + "\\#target", t + "\\#position", t + "\\#quote"
    blocks[a] = (f"{t}{_ANNOTATION}{obj(body)}{_TARGET}{tt}{_MOTIVATION}{obj(motivation)} .\n", 4)
    blocks[target] = (f"{tt}{_SOURCE}{obj(doc_node)}{_SELECTOR}{pt} , {qt} .\n", 3)
    blocks[pos] = (f'{pt}{_POSITION}"{span.start}"{_OFFSET}{_END}"{span.end}"{_OFFSET} .\n', 3)
    blocks[quote] = (f"{qt}{_QUOTE}{exact} .\n", 2)


def _turtle_pieces() -> tuple[str, ...]:
    """The constant parts of an annotation's Turtle (``_write_turtle``), as ``TURTLE`` writes them."""
    p, o = TURTLE.predicate, TURTLE.object
    return (f" {p(TYPE)} {o(ANNOTATION)} ;\n\t{p(HAS_BODY)} ", f" ;\n\t{p(HAS_TARGET)} ",
            f" ;\n\t{p(MOTIVATED_BY)} ", f" {p(HAS_SOURCE)} ", f" ;\n\t{p(HAS_SELECTOR)} ",
            f" {p(TYPE)} {o(POSITION_SELECTOR)} ;\n\t{p(START)} ", o(offset(0))[3:], f" ;\n\t{p(END)} ",
            f" {p(TYPE)} {o(QUOTE_SELECTOR)} ;\n\t{p(EXACT)} ")


(_ANNOTATION, _TARGET, _MOTIVATION, _SOURCE, _SELECTOR, _POSITION, _OFFSET, _END, _QUOTE) = _turtle_pieces()


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
