"""The plain form of kg.graph.build: every fact a ``(subject, predicate, object)`` row in one list,
then ``dict.fromkeys`` and a stable sort by subject IRI, the earlier simple implementation the
fast chunks must equal triple for triple (tests/graph/test_build_fast_paths.py)."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import starmap

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from kg.graph.chunk import Chunk
from kg.graph.decisions import decision_at
from kg.graph.iri import ENTITIES_GRAPH, document_iri, document_key, entity_iri_text, meeting_iri, role_key
from kg.graph.meeting import meeting_spans
from kg.graph.terms import ORG_CLASS
from kg.graph.vocab import ID, MG, OA, SCHEMA
from kg.models import Entity, Extraction, Resolution
from kg.segment.cases import case_identifier
from kg.segment.page import fold
from kg.segment.patterns import ROLE_WORDS
from kg.text import slug


def entity_iri(entity) -> URIRef:
    """An entity's IRI as an rdflib term (kg.graph.iri.entity_iri_text, as a term)."""
    return URIRef(entity_iri_text(entity))


def named_node(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def plain_sorted(rows: list[tuple]) -> tuple[ox.Triple, ...]:
    return tuple(starmap(ox.Triple, sorted(dict.fromkeys(rows), key=lambda row: row[0].value)))


def plain_entity(add, e: Entity) -> None:
    n = named_node(entity_iri(e))
    if e.kind == "person":
        add((n, named_node(RDF.type), named_node(FOAF.Person)))
        add((n, named_node(FOAF.name), ox.Literal(e.name)))
    elif e.kind == "organization":
        add((n, named_node(RDF.type), named_node(ORG.Organization)))
        cls = ORG_CLASS.get(e.org_type or "")
        if cls is not None:
            add((n, named_node(RDF.type), named_node(cls)))
        add((n, named_node(SKOS.prefLabel), ox.Literal(e.name)))
        if e.org_type:
            add((n, named_node(MG.organizationType), ox.Literal(e.org_type)))
        for parent in e.parents:
            add((n, named_node(ORG.subOrganizationOf), named_node(ID[f"org/{parent}"])))
    else:
        add((n, named_node(RDF.type), named_node(MG.Project)))
        add((n, named_node(SKOS.prefLabel), ox.Literal(e.name)))
    for alt in e.alt_labels:
        if alt != e.name:
            add((n, named_node(SKOS.altLabel), ox.Literal(alt)))
    for reason in e.reasons:
        add((n, named_node(MG.mergeReason), ox.Literal(reason)))


def plain_document(ex: Extraction, resolution: Resolution, include_text: bool) -> Chunk:
    rows: list[tuple] = []
    shared: list[tuple] = []
    add, share = rows.append, shared.append
    minutes = ex.minutes
    doc = minutes.document
    d_iri = str(document_iri(doc.identifier))
    d = ox.NamedNode(d_iri)
    add((d, named_node(RDF.type), named_node(MG.SourceDocument)))
    add((d, named_node(DCTERMS.identifier), ox.Literal(doc.identifier)))
    add((d, named_node(DCTERMS.format), ox.Literal(doc.media_type)))
    if include_text:
        add((d, named_node(MG.sourceText), ox.Literal(doc.text)))
    base = d_iri.replace("/doc/", "/annotation/")
    nni = named_node(XSD.nonNegativeInteger)

    def annotate(a_iri, span, body, motivation):
        a, target = ox.NamedNode(a_iri), ox.NamedNode(a_iri + "#target")
        pos, quote = ox.NamedNode(a_iri + "#position"), ox.NamedNode(a_iri + "#quote")
        add((a, named_node(RDF.type), named_node(OA.Annotation)))
        add((a, named_node(OA.hasBody), body))
        add((a, named_node(OA.hasTarget), target))
        add((a, named_node(OA.motivatedBy), named_node(motivation)))
        add((target, named_node(OA.hasSource), d))
        add((target, named_node(OA.hasSelector), pos))
        add((target, named_node(OA.hasSelector), quote))
        add((pos, named_node(RDF.type), named_node(OA.TextPositionSelector)))
        add((pos, named_node(OA.start), ox.Literal(str(span.start), datatype=nni)))
        add((pos, named_node(OA.end), ox.Literal(str(span.end), datatype=nni)))
        add((quote, named_node(RDF.type), named_node(OA.TextQuoteSelector)))
        add((quote, named_node(OA.exact), ox.Literal(span.text)))
        return a

    def mention_annotation(m, e):
        return annotate(f"{base}-{m.span.start}-{m.span.end}-{m.kind[:3]}", m.span, named_node(entity_iri(e)),
                        OA.identifying)

    def stated_by(span, body, kind):
        return annotate(f"{base}-{span.start}-{span.end}-{kind}", span, body, OA.describing)

    def statement(tail, s, p, o, words):
        st = named_node(ID[f"statement/{document_key(doc.identifier)}-{tail}"])
        add((st, named_node(RDF.type), named_node(RDF.Statement)))
        add((st, named_node(RDF.subject), s))
        add((st, named_node(RDF.predicate), p))
        add((st, named_node(RDF.object), o))
        for a in words:
            add((st, named_node(MG.evidence), a))

    for m in ex.mentions:
        e = resolution.entity_of(m)
        if e is None:
            continue
        mention_annotation(m, e)
    graph = str(document_iri(doc.identifier))
    if not minutes.is_minutes:
        return Chunk(graph, plain_sorted(rows), plain_sorted(shared))

    meeting = named_node(meeting_iri(doc.identifier))
    doc_slug = document_key(doc.identifier)
    add((meeting, named_node(RDF.type), named_node(MG.Meeting)))
    add((meeting, named_node(PROV.wasDerivedFrom), d))
    if minutes.title is not None:
        add((meeting, named_node(DCTERMS.title), ox.Literal(minutes.title.text)))
    if minutes.date is not None:
        add((meeting, named_node(DCTERMS.date), ox.Literal(minutes.date.isoformat(), datatype=named_node(XSD.date))))
    for prop, value in ((SCHEMA.startTime, minutes.start_time), (SCHEMA.endTime, minutes.end_time)):
        if value is None:
            continue
        if minutes.date is not None:
            add((meeting, named_node(prop), ox.Literal(f"{minutes.date.isoformat()}T{value}:00", datatype=named_node(XSD.dateTime))))
        else:
            add((meeting, named_node(prop), ox.Literal(f"{value}:00", datatype=named_node(XSD.time))))
    if minutes.location is not None:
        add((meeting, named_node(SCHEMA.location), ox.Literal(minutes.location.text)))
    meeting_evidence = [stated_by(span, meeting, "meeting") for span in meeting_spans(minutes)]
    for a in meeting_evidence:
        add((meeting, named_node(MG.evidence), a))

    by_span = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "person"}

    def person(ref):
        m = by_span.get((ref.span.start, ref.span.end))
        e = resolution.entity_of(m) if m else None
        return named_node(entity_iri(e)) if e else None

    def role(subject, prop, ref, where):
        p = person(ref)
        if p is not None:
            add((subject, named_node(prop), p))
            name = str(prop).rsplit("#", 1)[-1].lower()
            statement(f"{where}{name}-{p.value.rsplit('/', 1)[-1]}", subject, named_node(prop), p,
                      [named_node(f"{base}-{ref.span.start}-{ref.span.end}-per")])

    for prop, refs in ((MG.attendee, minutes.attendees), (MG.absentee, minutes.absentees),
                       (MG.minuteTaker, minutes.minute_takers), (MG.chair, minutes.chairs),
                       (MG.adjuster, minutes.adjusters)):
        for ref in refs:
            role(meeting, prop, ref, "")
    if minutes.adjusted_on is not None:
        add((meeting, named_node(MG.adjustedOn), ox.Literal(minutes.adjusted_on.isoformat(), datatype=named_node(XSD.date))))
        if minutes.adjusted_span is not None:
            add((meeting, named_node(MG.evidence), stated_by(minutes.adjusted_span, meeting, "meeting")))
    for sub in minutes.substitutes:
        role(meeting, MG.servingSubstitute, sub.substitute, "")
        s, r = person(sub.substitute), person(sub.replaced) if sub.replaced else None
        if s is not None and r is not None and r != s:
            share((s, named_node(MG.substituteFor), r))
            statement(f"substitutefor-{s.value.rsplit('/', 1)[-1]}--{r.value.rsplit('/', 1)[-1]}", s,
                      named_node(MG.substituteFor), r, [named_node(f"{base}-{sub.replaced.span.start}-{sub.replaced.span.end}-per")])
    orgs = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "organization"}
    body = resolution.entity_of(ex.body) if ex.body else None
    for t in minutes.titles:
        p = person(t.person)
        if p is None:
            continue
        written = t.title.text
        label = written[:1].lower() + written[1:] if written[1:2].islower() else written
        r = named_node(ID[f"role/{role_key(label)}"])
        share((r, named_node(RDF.type), named_node(ORG.Role)))
        share((r, named_node(SKOS.prefLabel), ox.Literal(label)))
        ms = named_node(ID[f"membership/{doc_slug}-{p.value.rsplit('/', 1)[-1]}-{role_key(label)}"])
        add((ms, named_node(RDF.type), named_node(ORG.Membership)))
        add((ms, named_node(ORG.member), p))
        add((ms, named_node(ORG.role), r))
        add((ms, named_node(MG.statedIn), meeting))
        aff = t.person.affiliation
        org = resolution.entity_of(orgs[(aff.start, aff.end)]) if aff and (aff.start, aff.end) in orgs else None
        if org is None and fold(written).strip(" .") in ROLE_WORDS:
            org = body
        if org is not None and org.kind == "organization":
            add((ms, named_node(ORG.organization), named_node(entity_iri(org))))
        add((ms, named_node(MG.evidence), stated_by(t.span, ms, "title")))
    e = resolution.entity_of(ex.body) if ex.body else None
    held_by = named_node(entity_iri(e)) if e is not None else None
    if e is not None:
        add((meeting, named_node(MG.heldBy), named_node(entity_iri(e))))
        parent = resolution.entity_of(ex.parent) if ex.parent else None
        if parent is not None and parent.key != e.key:
            share((named_node(entity_iri(e)), named_node(ORG.subOrganizationOf), named_node(entity_iri(parent))))

    resolved = sorted(((m, resolution.entity_of(m)) for m in ex.mentions if resolution.entity_of(m) is not None),
                      key=lambda me: (me[0].span.start, me[0].span.end))

    def inside(span, kind):
        return [(m, e) for m, e in resolved if m.kind == kind and span.start <= m.span.start and m.span.end <= span.end]

    kinds = {"final": MG.FinalDecision, "proposal": MG.Proposal, "referral": MG.Referral,
             "postponement": MG.Postponement, "noted": MG.Noted, "delegated": MG.DelegatedDecision}

    def decision_kind(dn, dec):
        if dec.kind in kinds:
            add((dn, named_node(MG.decisionType), named_node(kinds[dec.kind])))
        if held_by is not None:
            add((dn, named_node(MG.decidedBy), held_by))
        if dec.proposed_to is not None:
            to = dec.proposed_to
            named = [e for m, e in resolved if m.kind == "organization" and m.span.start < to.end and m.span.end > to.start]
            if named and named_node(entity_iri(named[0])) != held_by:
                add((dn, named_node(MG.proposedTo), named_node(entity_iri(named[0]))))

    item_nodes = []
    item_holders = []
    item_evidence = []
    for k, item in enumerate(minutes.items, 1):
        it = named_node(ID[f"item/{doc_slug}-{k}"])
        item_nodes.append(it)
        add((meeting, named_node(MG.hasAgendaItem), it))
        add((it, named_node(RDF.type), named_node(MG.AgendaItem)))
        add((it, named_node(DCTERMS.title), ox.Literal(item.title)))
        if item.ordinal is not None:
            add((it, named_node(MG.ordinal), ox.Literal(str(item.ordinal), datatype=named_node(XSD.integer))))
        if item.time:
            add((it, named_node(MG.itemTime), ox.Literal(item.time)))
        if item.section:
            add((it, named_node(MG.section), ox.Literal(item.section)))
        if item.identifier:
            add((it, named_node(DCTERMS.identifier), ox.Literal(item.identifier)))
        for sub in item.subtitles:
            add((it, named_node(MG.subtopic), ox.Literal(sub.text)))
        subs = []
        for n, sub in enumerate(item.subtopics, 1):
            sn = named_node(f"{it.value}.{n}")
            subs.append((sub.span, sn))
            add((it, named_node(MG.hasSubTopic), sn))
            add((sn, named_node(RDF.type), named_node(MG.AgendaItem)))
            add((sn, named_node(DCTERMS.title), ox.Literal(sub.title.text)))
            add((sn, named_node(DCTERMS.isPartOf), it))
            add((sn, named_node(MG.evidence), stated_by(sub.title, sn, "subtopic")))
            for ref in sub.presenters:
                role(sn, MG.presenter, ref, f"{k}.{n}-")

        def holder(span, subs=subs, it=it):
            return next((sn for sp, sn in subs if sp.start <= span.start < sp.end), it)
        item_holders.append(holder)
        for prop, refs in ((MG.presenter, item.presenters), (MG.recusedPerson, item.recused)):
            for ref in refs:
                if prop == MG.presenter and holder(ref.span) != it:
                    continue
                role(it, prop, ref, f"{k}-")
        heading = stated_by(item.title_span, it, "item")
        item_evidence.append(heading)
        add((it, named_node(MG.evidence), heading))
        cases = []
        for span in item.cases:
            ident = case_identifier(span.text)
            if ident is None:
                continue
            c = named_node(ID[f"case/{slug(ident)}"])
            share((c, named_node(RDF.type), named_node(MG.Case)))
            share((c, named_node(DCTERMS.identifier), ox.Literal(ident)))
            share((c, named_node(SKOS.altLabel), ox.Literal(" ".join(span.text.split()))))
            share((c, named_node(MG.evidence), stated_by(span, c, "case")))
            if c not in cases:
                cases.append(c)
                add((it, named_node(MG.concernsCase), c))
        decisions = []
        for j, dec in enumerate(item.decisions, 1):
            dn = named_node(ID[f"decision/{doc_slug}-{k}-{j}"])
            decisions.append(dn)
            add((holder(dec.span), named_node(MG.hasDecision), dn))
            add((dn, named_node(RDF.type), named_node(MG.Decision)))
            add((dn, named_node(DCTERMS.description), ox.Literal(dec.text)))
            add((dn, named_node(MG.evidence), stated_by(dec.span, dn, "decision")))
            decision_kind(dn, dec)
            for c in cases:
                add((dn, named_node(MG.concernsCase), c))
        for n, vote in enumerate(item.votes, 1):
            j = decision_at(decisions, item, vote.span.start, after=True)
            subject = decisions[j] if j is not None else it
            vn = named_node(ID[f"vote/{doc_slug}-{k}-{n}"])
            add((subject, named_node(MG.vote), vn))
            add((vn, named_node(RDF.type), named_node(MG.Vote)))
            add((vn, named_node(MG.evidence), stated_by(vote.span, vn, "vote")))
            for prop, count in ((MG.yesCount, vote.yes), (MG.noCount, vote.no), (MG.abstainCount, vote.abstain)):
                if count is not None:
                    add((vn, named_node(prop), ox.Literal(str(count), datatype=named_node(XSD.integer))))
            for prop, spans in ((MG.votedYes, vote.voted_yes), (MG.votedNo, vote.voted_no),
                                (MG.abstained, vote.abstained)):
                for span in spans:
                    for m, e in inside(span, "person"):
                        p = named_node(entity_iri(e))
                        add((vn, named_node(prop), p))
                        statement(f"{k}-vote{n}-{str(prop).rsplit('#', 1)[-1].lower()}-{p.value.rsplit('/', 1)[-1]}",
                                  vn, named_node(prop), p, [named_node(f"{base}-{m.span.start}-{m.span.end}-per")])
        for span in item.reservations:
            j = decision_at(decisions, item, span.start, after=False)
            subject = decisions[j] if j is not None else it
            found = inside(span, "person") or inside(span, "organization")
            if not found:
                continue
            words = [stated_by(span, subject, "reservation")]
            for _m, e in found:
                p = named_node(entity_iri(e))
                add((subject, named_node(MG.reservation), p))
                statement(f"{k}-reservation-{slug(str(p)[len(ID):])}", subject, named_node(MG.reservation), p, words)
    for j, dec in enumerate(minutes.decisions, 1):
        dn = named_node(ID[f"decision/{doc_slug}-0-{j}"])
        add((meeting, named_node(MG.hasDecision), dn))
        add((dn, named_node(RDF.type), named_node(MG.Decision)))
        add((dn, named_node(DCTERMS.description), ox.Literal(dec.text)))
        add((dn, named_node(MG.evidence), stated_by(dec.span, dn, "decision")))
        decision_kind(dn, dec)
    for m in ex.mentions:
        e = resolution.entity_of(m)
        if e is None:
            continue
        add((meeting, named_node(MG.mentions), named_node(entity_iri(e))))
        if m.item is not None and 0 <= m.item < len(item_nodes):
            add((item_holders[m.item](m.span), named_node(MG.mentions), named_node(entity_iri(e))))
    for ms in ex.memberships:
        a, b = resolution.entity_of(ms.member), resolution.entity_of(ms.organization)
        if a is not None and b is not None and a.key != b.key:
            na, nb = named_node(entity_iri(a)), named_node(entity_iri(b))
            share((na, named_node(ORG.memberOf), nb))
            words = [mention_annotation(ms.member, a), mention_annotation(ms.organization, b)]
            local = slug(str(entity_iri(a))[len(ID):] + "--" + str(entity_iri(b))[len(ID):])
            statement(f"memberof-{local}", na, named_node(ORG.memberOf), nb, words)
    for a_m, b_m, item_index in ex.collaborations:
        a, b = resolution.entity_of(a_m), resolution.entity_of(b_m)
        if a is None or b is None or a.key == b.key:
            continue
        if str(entity_iri(b)) < str(entity_iri(a)):
            a, b = b, a
        na, nb = named_node(entity_iri(a)), named_node(entity_iri(b))
        share((na, named_node(MG.collaboratesWith), nb))
        share((nb, named_node(MG.collaboratesWith), na))
        evidence = item_nodes[item_index] if item_index is not None and 0 <= item_index < len(item_nodes) else meeting
        c = named_node(ID[f"collaboration/{slug(a.key + '--' + b.key)}"])
        share((c, named_node(RDF.type), named_node(MG.Collaboration)))
        share((c, named_node(MG.participant), na))
        share((c, named_node(MG.participant), nb))
        share((c, named_node(MG.collaborationEvidence), evidence))
        words = [item_evidence[item_index]] if evidence != meeting else meeting_evidence
        statement(f"collaborateswith-{slug(a.key + '--' + b.key)}", na, named_node(MG.collaboratesWith), nb, words)
        statement(f"collaborateswith-{slug(b.key + '--' + a.key)}", nb, named_node(MG.collaboratesWith), na, words)
    return Chunk(graph, plain_sorted(rows), plain_sorted(shared))


def plain_chunks(extractions, resolution: Resolution, include_text: bool = True) -> Iterator[Chunk]:
    rows: list[tuple] = []
    for entity in sorted(resolution.entities.values(), key=lambda e: (e.kind, e.key)):
        plain_entity(rows.append, entity)
    parents = [r for r in rows if r[1] == named_node(ORG.subOrganizationOf)]
    yield Chunk(str(ENTITIES_GRAPH), plain_sorted([r for r in rows if r[1] != named_node(ORG.subOrganizationOf)]),
                      plain_sorted(parents))
    for ex in extractions:
        yield plain_document(ex, resolution, include_text)


# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.graph.store_writer import _pieces as store_pieces  # noqa: E402, F401


def plain_turtle(rows) -> bytes:
    """The Turtle of rows as the writer makes it from the rows alone (a fresh ``TurtleTerms``: no
    names given, no block written while building), the form ``Chunk.turtle``'s pieces must equal."""
    from kg.graph.ntriples import PREFIXES, TurtleTerms

    return TurtleTerms(PREFIXES).turtle(rows).encode("utf-8")
