"""Extraction: Minutes -> mentions of people, organisations and projects, and the links the text
states between them (memberships, collaborations, the body that met and its parent).

The only module that touches ``spacy.Doc``: the pipeline of ``kg.nlp`` proposes spans, this module
turns them into ``Mention``s with document offsets, names and gazetteer keys, and adds what the
structure of the minutes says (attendance lists, presenters, affiliations). Rules here decide only
what the text of one document supports; identity across documents is ``kg.resolve``'s job.

The rules are in one module per kind of finding: ``organizations`` (with the body that met and its
parent), ``people``, ``projects``, ``memberships`` and ``collaborations``; ``context`` holds what they
know of the document (``DocumentContext``), ``names`` and ``textscan`` the text helpers they share.
``extract`` runs them in order.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..models import Extraction, Minutes
from ..nlp import CANDIDATES, ORG, PER, SPANS_KEY, get_nlp
from .collaborations import collaborating_organisations
from .context import (
    MENTION_ORDER,
    DocumentContext,
    Mentions,
    PlainSpan,
    SpanIndex,
    full_name_before,
    inside_ref,
    labelled,
    plain_spans,
    quotes,
    structure_refs,
    unique,
)
from .memberships import (
    TOKEN_RE,
    affiliations,
    drop_places,
    group_memberships,
    org_memberships,
    slot_organisations,
    text_memberships,
)
from .names import ABBREVIATION_RE, clean_name, clean_org_name, clean_project_name, first_token, fold_word
from .organizations import (
    body_and_parent,
    context_units,
    define_abbreviations,
    document_scope,
    generic_forms,
    groups_as_body,
    org_mention,
)
from .people import (
    at_mentions,
    email_names,
    given_names_of_the_document,
    initials_of_people,
    link_first_names,
    person_refs,
    persons_from_rules,
)
from .projects import item_title_projects, project_spans
from .textscan import (
    WORD_RE,
    folded_in_place,
    folded_words,
    mellan_ends,
    saying_sentences,
    sentences,
)

__all__ = [
    "ABBREVIATION_RE", "TOKEN_RE", "WORD_RE", "DocumentContext", "Mentions", "PlainSpan",
    "SpanIndex", "clean_name", "clean_org_name", "clean_project_name", "define_abbreviations", "extract",
    "first_token", "fold_word", "folded_in_place", "folded_words", "generic_forms", "labelled", "mellan_ends",
    "plain_spans", "saying_sentences", "sentences",
]


def extract(minutes: Minutes, parsed: Doc | None = None) -> Extraction:
    """Mentions, memberships, collaborations, body and parent of one document. ``parsed`` is the
    spaCy Doc of its text when the caller made it already (``pipeline.process_documents``)."""
    sdoc = parsed if parsed is not None else get_nlp()(minutes.document.text)
    ctx = DocumentContext(minutes, sdoc)
    spans = plain_spans(sdoc.spans[SPANS_KEY], minutes.document.text) if SPANS_KEY in sdoc.spans else []
    ctx.scope = document_scope(spans)
    refs = [(r, slot, k) for r, slot, k in structure_refs(minutes) if quotes(ctx, r.span)]
    ref_spans = SpanIndex([(r.span.start, r.span.end) for r, _, _ in refs])

    org_spans = [s for s in spans if s.label_ == ORG]
    for s in org_spans:
        m = org_mention(ctx, s)
        if m is None:
            continue
        hits = ref_spans.overlapping(m.span.start, m.span.end)
        if hits:   # (most organisations stand in no structural person span)
            inside = [ref_spans.spans[k] for k in hits
                      if ref_spans.spans[k][0] < m.span.start and m.span.end <= ref_spans.spans[k][1]]
            if inside and not full_name_before(ctx, ctx.span(*inside[0]), m.span.start):
                continue   # "Bahar Norberg": the town is the person's surname
            if inside_ref(ref_spans, m.span.start, m.span.end, allow_tail=True):
                continue
        ctx.add(m)
    define_abbreviations(ctx)
    people = labelled(sdoc.spans[CANDIDATES], PER, "person") if CANDIDATES in sdoc.spans else []
    person_refs(ctx, refs, spans, plain_spans(people, minutes.document.text))
    persons_from_rules(ctx, spans, ref_spans)
    at_mentions(ctx)
    project_spans(ctx, spans, ref_spans)
    item_title_projects(ctx)
    body, parent = body_and_parent(ctx)
    ctx.owner = parent or body
    groups_as_body(ctx, body)
    context_units(ctx, body, parent)
    given_names_of_the_document(ctx)
    initials_of_people(ctx)
    email_names(ctx)
    link_first_names(ctx, refs)
    affiliations(ctx, refs)
    slot_organisations(ctx)
    text_memberships(ctx)
    drop_places(ctx)
    org_memberships(ctx)
    group_memberships(ctx)
    collaborating_organisations(ctx)
    mentions = tuple(sorted(ctx.mentions.values(), key=MENTION_ORDER))
    return Extraction(
        minutes=minutes,
        mentions=mentions,
        memberships=tuple(unique(ctx.memberships)),
        collaborations=tuple(unique(ctx.collaborations)),
        body=body,
        parent=parent,
    )
