"""The fast graph building (kg.graph.build) against its plain form.

kg.graph.build gathers each chunk's triples in lists by subject and removes repeated facts only where
they can occur. The plain form below is the earlier, simple implementation: every fact a
``(subject, predicate, object)`` row in one list, then ``dict.fromkeys`` and a stable sort by
subject IRI. Both must give the same chunks, triple for triple and in the same order, also when
an extraction states things twice (repeated mentions, memberships, collaborations, attendees).
"""
from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from itertools import starmap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from kg import pipeline
from kg.graph import build
from kg.graph.chunk import Chunk, sorted_facts
from kg.graph.decisions import decision_at
from kg.graph.iri import ENTITIES_GRAPH, document_iri, document_key, entity_iri, meeting_iri, role_key
from kg.graph.meeting import meeting_spans
from kg.graph.ntriples import row
from kg.graph.terms import ORG_CLASS
from kg.graph.vocab import ID, MG, OA, SCHEMA
from kg.models import Entity, Extraction, Resolution, mention_key
from kg.segment.cases import case_identifier
from kg.segment.page import fold
from kg.segment.patterns import ROLE_WORDS
from kg.text import slug

DATA = Path(__file__).resolve().parents[1] / "data"


# --------------------------------------------------------------------------- the plain form

def _n(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _plain_sorted(rows: list[tuple]) -> tuple[ox.Triple, ...]:
    return tuple(starmap(ox.Triple, sorted(dict.fromkeys(rows), key=lambda row: row[0].value)))


def _plain_entity(add, e: Entity) -> None:
    n = _n(entity_iri(e))
    if e.kind == "person":
        add((n, _n(RDF.type), _n(FOAF.Person)))
        add((n, _n(FOAF.name), ox.Literal(e.name)))
    elif e.kind == "organization":
        add((n, _n(RDF.type), _n(ORG.Organization)))
        cls = ORG_CLASS.get(e.org_type or "")
        if cls is not None:
            add((n, _n(RDF.type), _n(cls)))
        add((n, _n(SKOS.prefLabel), ox.Literal(e.name)))
        if e.org_type:
            add((n, _n(MG.organizationType), ox.Literal(e.org_type)))
        for parent in e.parents:
            add((n, _n(ORG.subOrganizationOf), _n(ID[f"org/{parent}"])))
    else:
        add((n, _n(RDF.type), _n(MG.Project)))
        add((n, _n(SKOS.prefLabel), ox.Literal(e.name)))
    for alt in e.alt_labels:
        if alt != e.name:
            add((n, _n(SKOS.altLabel), ox.Literal(alt)))
    for reason in e.reasons:
        add((n, _n(MG.mergeReason), ox.Literal(reason)))


def _plain_document(ex: Extraction, resolution: Resolution, include_text: bool) -> Chunk:
    rows: list[tuple] = []
    shared: list[tuple] = []
    add, share = rows.append, shared.append
    minutes = ex.minutes
    doc = minutes.document
    d_iri = str(document_iri(doc.identifier))
    d = ox.NamedNode(d_iri)
    add((d, _n(RDF.type), _n(MG.SourceDocument)))
    add((d, _n(DCTERMS.identifier), ox.Literal(doc.identifier)))
    add((d, _n(DCTERMS.format), ox.Literal(doc.media_type)))
    if include_text:
        add((d, _n(MG.sourceText), ox.Literal(doc.text)))
    base = d_iri.replace("/doc/", "/annotation/")
    nni = _n(XSD.nonNegativeInteger)

    def annotate(a_iri, span, body, motivation):
        a, target = ox.NamedNode(a_iri), ox.NamedNode(a_iri + "#target")
        pos, quote = ox.NamedNode(a_iri + "#position"), ox.NamedNode(a_iri + "#quote")
        add((a, _n(RDF.type), _n(OA.Annotation)))
        add((a, _n(OA.hasBody), body))
        add((a, _n(OA.hasTarget), target))
        add((a, _n(OA.motivatedBy), _n(motivation)))
        add((target, _n(OA.hasSource), d))
        add((target, _n(OA.hasSelector), pos))
        add((target, _n(OA.hasSelector), quote))
        add((pos, _n(RDF.type), _n(OA.TextPositionSelector)))
        add((pos, _n(OA.start), ox.Literal(str(span.start), datatype=nni)))
        add((pos, _n(OA.end), ox.Literal(str(span.end), datatype=nni)))
        add((quote, _n(RDF.type), _n(OA.TextQuoteSelector)))
        add((quote, _n(OA.exact), ox.Literal(span.text)))
        return a

    def mention_annotation(m, e):
        return annotate(f"{base}-{m.span.start}-{m.span.end}-{m.kind[:3]}", m.span, _n(entity_iri(e)),
                        OA.identifying)

    def stated_by(span, body, kind):
        return annotate(f"{base}-{span.start}-{span.end}-{kind}", span, body, OA.describing)

    def statement(tail, s, p, o, words):
        st = _n(ID[f"statement/{document_key(doc.identifier)}-{tail}"])
        add((st, _n(RDF.type), _n(RDF.Statement)))
        add((st, _n(RDF.subject), s))
        add((st, _n(RDF.predicate), p))
        add((st, _n(RDF.object), o))
        for a in words:
            add((st, _n(MG.evidence), a))

    for m in ex.mentions:
        e = resolution.entity_of(m)
        if e is None:
            continue
        mention_annotation(m, e)
    graph = str(document_iri(doc.identifier))
    if not minutes.is_minutes:
        return Chunk(graph, _plain_sorted(rows), _plain_sorted(shared))

    meeting = _n(meeting_iri(doc.identifier))
    doc_slug = document_key(doc.identifier)
    add((meeting, _n(RDF.type), _n(MG.Meeting)))
    add((meeting, _n(PROV.wasDerivedFrom), d))
    if minutes.title is not None:
        add((meeting, _n(DCTERMS.title), ox.Literal(minutes.title.text)))
    if minutes.date is not None:
        add((meeting, _n(DCTERMS.date), ox.Literal(minutes.date.isoformat(), datatype=_n(XSD.date))))
    for prop, value in ((SCHEMA.startTime, minutes.start_time), (SCHEMA.endTime, minutes.end_time)):
        if value is None:
            continue
        if minutes.date is not None:
            add((meeting, _n(prop), ox.Literal(f"{minutes.date.isoformat()}T{value}:00", datatype=_n(XSD.dateTime))))
        else:
            add((meeting, _n(prop), ox.Literal(f"{value}:00", datatype=_n(XSD.time))))
    if minutes.location is not None:
        add((meeting, _n(SCHEMA.location), ox.Literal(minutes.location.text)))
    meeting_evidence = [stated_by(span, meeting, "meeting") for span in meeting_spans(minutes)]
    for a in meeting_evidence:
        add((meeting, _n(MG.evidence), a))

    by_span = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "person"}

    def person(ref):
        m = by_span.get((ref.span.start, ref.span.end))
        e = resolution.entity_of(m) if m else None
        return _n(entity_iri(e)) if e else None

    def role(subject, prop, ref, where):
        p = person(ref)
        if p is not None:
            add((subject, _n(prop), p))
            name = str(prop).rsplit("#", 1)[-1].lower()
            statement(f"{where}{name}-{p.value.rsplit('/', 1)[-1]}", subject, _n(prop), p,
                      [_n(f"{base}-{ref.span.start}-{ref.span.end}-per")])

    for prop, refs in ((MG.attendee, minutes.attendees), (MG.absentee, minutes.absentees),
                       (MG.minuteTaker, minutes.minute_takers), (MG.chair, minutes.chairs),
                       (MG.adjuster, minutes.adjusters)):
        for ref in refs:
            role(meeting, prop, ref, "")
    if minutes.adjusted_on is not None:
        add((meeting, _n(MG.adjustedOn), ox.Literal(minutes.adjusted_on.isoformat(), datatype=_n(XSD.date))))
        if minutes.adjusted_span is not None:
            add((meeting, _n(MG.evidence), stated_by(minutes.adjusted_span, meeting, "meeting")))
    for sub in minutes.substitutes:
        role(meeting, MG.servingSubstitute, sub.substitute, "")
        s, r = person(sub.substitute), person(sub.replaced) if sub.replaced else None
        if s is not None and r is not None and r != s:
            share((s, _n(MG.substituteFor), r))
            statement(f"substitutefor-{s.value.rsplit('/', 1)[-1]}--{r.value.rsplit('/', 1)[-1]}", s,
                      _n(MG.substituteFor), r, [_n(f"{base}-{sub.replaced.span.start}-{sub.replaced.span.end}-per")])
    orgs = {(m.span.start, m.span.end): m for m in ex.mentions if m.kind == "organization"}
    body = resolution.entity_of(ex.body) if ex.body else None
    for t in minutes.titles:
        p = person(t.person)
        if p is None:
            continue
        written = t.title.text
        label = written[:1].lower() + written[1:] if written[1:2].islower() else written
        r = _n(ID[f"role/{role_key(label)}"])
        share((r, _n(RDF.type), _n(ORG.Role)))
        share((r, _n(SKOS.prefLabel), ox.Literal(label)))
        ms = _n(ID[f"membership/{doc_slug}-{p.value.rsplit('/', 1)[-1]}-{role_key(label)}"])
        add((ms, _n(RDF.type), _n(ORG.Membership)))
        add((ms, _n(ORG.member), p))
        add((ms, _n(ORG.role), r))
        add((ms, _n(MG.statedIn), meeting))
        aff = t.person.affiliation
        org = resolution.entity_of(orgs[(aff.start, aff.end)]) if aff and (aff.start, aff.end) in orgs else None
        if org is None and fold(written).strip(" .") in ROLE_WORDS:
            org = body
        if org is not None and org.kind == "organization":
            add((ms, _n(ORG.organization), _n(entity_iri(org))))
        add((ms, _n(MG.evidence), stated_by(t.span, ms, "title")))
    e = resolution.entity_of(ex.body) if ex.body else None
    held_by = _n(entity_iri(e)) if e is not None else None
    if e is not None:
        add((meeting, _n(MG.heldBy), _n(entity_iri(e))))
        parent = resolution.entity_of(ex.parent) if ex.parent else None
        if parent is not None and parent.key != e.key:
            share((_n(entity_iri(e)), _n(ORG.subOrganizationOf), _n(entity_iri(parent))))

    resolved = sorted(((m, resolution.entity_of(m)) for m in ex.mentions if resolution.entity_of(m) is not None),
                      key=lambda me: (me[0].span.start, me[0].span.end))

    def inside(span, kind):
        return [(m, e) for m, e in resolved if m.kind == kind and span.start <= m.span.start and m.span.end <= span.end]

    kinds = {"final": MG.FinalDecision, "proposal": MG.Proposal, "referral": MG.Referral,
             "postponement": MG.Postponement, "noted": MG.Noted, "delegated": MG.DelegatedDecision}

    def decision_kind(dn, dec):
        if dec.kind in kinds:
            add((dn, _n(MG.decisionType), _n(kinds[dec.kind])))
        if held_by is not None:
            add((dn, _n(MG.decidedBy), held_by))
        if dec.proposed_to is not None:
            to = dec.proposed_to
            named = [e for m, e in resolved if m.kind == "organization" and m.span.start < to.end and m.span.end > to.start]
            if named and _n(entity_iri(named[0])) != held_by:
                add((dn, _n(MG.proposedTo), _n(entity_iri(named[0]))))

    item_nodes = []
    item_holders = []
    item_evidence = []
    for k, item in enumerate(minutes.items, 1):
        it = _n(ID[f"item/{doc_slug}-{k}"])
        item_nodes.append(it)
        add((meeting, _n(MG.hasAgendaItem), it))
        add((it, _n(RDF.type), _n(MG.AgendaItem)))
        add((it, _n(DCTERMS.title), ox.Literal(item.title)))
        if item.ordinal is not None:
            add((it, _n(MG.ordinal), ox.Literal(str(item.ordinal), datatype=_n(XSD.integer))))
        if item.time:
            add((it, _n(MG.itemTime), ox.Literal(item.time)))
        if item.section:
            add((it, _n(MG.section), ox.Literal(item.section)))
        if item.identifier:
            add((it, _n(DCTERMS.identifier), ox.Literal(item.identifier)))
        for sub in item.subtitles:
            add((it, _n(MG.subtopic), ox.Literal(sub.text)))
        subs = []
        for n, sub in enumerate(item.subtopics, 1):
            sn = _n(f"{it.value}.{n}")
            subs.append((sub.span, sn))
            add((it, _n(MG.hasSubTopic), sn))
            add((sn, _n(RDF.type), _n(MG.AgendaItem)))
            add((sn, _n(DCTERMS.title), ox.Literal(sub.title.text)))
            add((sn, _n(DCTERMS.isPartOf), it))
            add((sn, _n(MG.evidence), stated_by(sub.title, sn, "subtopic")))
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
        add((it, _n(MG.evidence), heading))
        cases = []
        for span in item.cases:
            ident = case_identifier(span.text)
            if ident is None:
                continue
            c = _n(ID[f"case/{slug(ident)}"])
            share((c, _n(RDF.type), _n(MG.Case)))
            share((c, _n(DCTERMS.identifier), ox.Literal(ident)))
            share((c, _n(SKOS.altLabel), ox.Literal(" ".join(span.text.split()))))
            share((c, _n(MG.evidence), stated_by(span, c, "case")))
            if c not in cases:
                cases.append(c)
                add((it, _n(MG.concernsCase), c))
        decisions = []
        for j, dec in enumerate(item.decisions, 1):
            dn = _n(ID[f"decision/{doc_slug}-{k}-{j}"])
            decisions.append(dn)
            add((holder(dec.span), _n(MG.hasDecision), dn))
            add((dn, _n(RDF.type), _n(MG.Decision)))
            add((dn, _n(DCTERMS.description), ox.Literal(dec.text)))
            add((dn, _n(MG.evidence), stated_by(dec.span, dn, "decision")))
            decision_kind(dn, dec)
            for c in cases:
                add((dn, _n(MG.concernsCase), c))
        for n, vote in enumerate(item.votes, 1):
            j = decision_at(decisions, item, vote.span.start, after=True)
            subject = decisions[j] if j is not None else it
            vn = _n(ID[f"vote/{doc_slug}-{k}-{n}"])
            add((subject, _n(MG.vote), vn))
            add((vn, _n(RDF.type), _n(MG.Vote)))
            add((vn, _n(MG.evidence), stated_by(vote.span, vn, "vote")))
            for prop, count in ((MG.yesCount, vote.yes), (MG.noCount, vote.no), (MG.abstainCount, vote.abstain)):
                if count is not None:
                    add((vn, _n(prop), ox.Literal(str(count), datatype=_n(XSD.integer))))
            for prop, spans in ((MG.votedYes, vote.voted_yes), (MG.votedNo, vote.voted_no),
                                (MG.abstained, vote.abstained)):
                for span in spans:
                    for m, e in inside(span, "person"):
                        p = _n(entity_iri(e))
                        add((vn, _n(prop), p))
                        statement(f"{k}-vote{n}-{str(prop).rsplit('#', 1)[-1].lower()}-{p.value.rsplit('/', 1)[-1]}",
                                  vn, _n(prop), p, [_n(f"{base}-{m.span.start}-{m.span.end}-per")])
        for span in item.reservations:
            j = decision_at(decisions, item, span.start, after=False)
            subject = decisions[j] if j is not None else it
            found = inside(span, "person") or inside(span, "organization")
            if not found:
                continue
            words = [stated_by(span, subject, "reservation")]
            for m, e in found:
                p = _n(entity_iri(e))
                add((subject, _n(MG.reservation), p))
                statement(f"{k}-reservation-{slug(str(p)[len(ID):])}", subject, _n(MG.reservation), p, words)
    for j, dec in enumerate(minutes.decisions, 1):
        dn = _n(ID[f"decision/{doc_slug}-0-{j}"])
        add((meeting, _n(MG.hasDecision), dn))
        add((dn, _n(RDF.type), _n(MG.Decision)))
        add((dn, _n(DCTERMS.description), ox.Literal(dec.text)))
        add((dn, _n(MG.evidence), stated_by(dec.span, dn, "decision")))
        decision_kind(dn, dec)
    for m in ex.mentions:
        e = resolution.entity_of(m)
        if e is None:
            continue
        add((meeting, _n(MG.mentions), _n(entity_iri(e))))
        if m.item is not None and 0 <= m.item < len(item_nodes):
            add((item_holders[m.item](m.span), _n(MG.mentions), _n(entity_iri(e))))
    for ms in ex.memberships:
        a, b = resolution.entity_of(ms.member), resolution.entity_of(ms.organization)
        if a is not None and b is not None and a.key != b.key:
            na, nb = _n(entity_iri(a)), _n(entity_iri(b))
            share((na, _n(ORG.memberOf), nb))
            words = [mention_annotation(ms.member, a), mention_annotation(ms.organization, b)]
            local = slug(str(entity_iri(a))[len(ID):] + "--" + str(entity_iri(b))[len(ID):])
            statement(f"memberof-{local}", na, _n(ORG.memberOf), nb, words)
    for a_m, b_m, item_index in ex.collaborations:
        a, b = resolution.entity_of(a_m), resolution.entity_of(b_m)
        if a is None or b is None or a.key == b.key:
            continue
        if str(entity_iri(b)) < str(entity_iri(a)):
            a, b = b, a
        na, nb = _n(entity_iri(a)), _n(entity_iri(b))
        share((na, _n(MG.collaboratesWith), nb))
        share((nb, _n(MG.collaboratesWith), na))
        evidence = item_nodes[item_index] if item_index is not None and 0 <= item_index < len(item_nodes) else meeting
        c = _n(ID[f"collaboration/{slug(a.key + '--' + b.key)}"])
        share((c, _n(RDF.type), _n(MG.Collaboration)))
        share((c, _n(MG.participant), na))
        share((c, _n(MG.participant), nb))
        share((c, _n(MG.collaborationEvidence), evidence))
        words = [item_evidence[item_index]] if evidence != meeting else meeting_evidence
        statement(f"collaborateswith-{slug(a.key + '--' + b.key)}", na, _n(MG.collaboratesWith), nb, words)
        statement(f"collaborateswith-{slug(b.key + '--' + a.key)}", nb, _n(MG.collaboratesWith), na, words)
    return Chunk(graph, _plain_sorted(rows), _plain_sorted(shared))


def _plain_chunks(extractions, resolution: Resolution, include_text: bool = True) -> Iterator[Chunk]:
    rows: list[tuple] = []
    for entity in sorted(resolution.entities.values(), key=lambda e: (e.kind, e.key)):
        _plain_entity(rows.append, entity)
    parents = [r for r in rows if r[1] == _n(ORG.subOrganizationOf)]
    yield Chunk(str(ENTITIES_GRAPH), _plain_sorted([r for r in rows if r[1] != _n(ORG.subOrganizationOf)]),
                      _plain_sorted(parents))
    for ex in extractions:
        yield _plain_document(ex, resolution, include_text)


# --------------------------------------------------------------------------- tests

@pytest.fixture(scope="module")
def result() -> pipeline.BuildResult:
    return pipeline.build([DATA / "seeds", DATA / "layouts"])


def _assert_same(fast: list[Chunk], plain: list[Chunk]) -> None:
    assert len(fast) == len(plain)
    for f, p in zip(fast, plain):
        assert f.graph == p.graph
        assert f.own == p.own, f.graph          # same triples in the same order
        assert f.shared == p.shared, f.graph


@pytest.mark.parametrize("include_text", [True, False])
def test_chunks_are_those_of_the_plain_form(result, include_text):
    fast = list(build.iter_chunks(result.extractions, result.resolution, include_text))
    _assert_same(fast, list(_plain_chunks(result.extractions, result.resolution, include_text)))
    assert sum(len(c.shared) for c in fast[1:]) > 0 and sum(len(c.own) for c in fast) > 1000


def _doubled(ex: Extraction) -> Extraction:
    """Everything the text states, stated twice (and collaborations also the other way round)."""
    minutes = dataclasses.replace(
        ex.minutes, attendees=ex.minutes.attendees * 2, chairs=ex.minutes.chairs * 2,
        items=tuple(dataclasses.replace(item, subtitles=item.subtitles * 2, presenters=item.presenters * 2)
                    for item in ex.minutes.items))
    return dataclasses.replace(
        ex, minutes=minutes, mentions=ex.mentions + ex.mentions[::-1], memberships=ex.memberships * 2,
        collaborations=ex.collaborations + tuple((b, a, i) for a, b, i in ex.collaborations))


def test_facts_stated_twice_are_kept_once_where_first_stated(result):
    doubled = [_doubled(ex) for ex in result.extractions]
    assert any(ex.collaborations and ex.memberships for ex in doubled)
    fast = list(build.iter_chunks(doubled, result.resolution))
    _assert_same(fast, list(_plain_chunks(doubled, result.resolution)))
    # stating a fact again changes nothing
    _assert_same(fast, list(build.iter_chunks(result.extractions, result.resolution)))


def test_two_mentions_of_one_span_with_different_entities(result):
    """Two annotations with the same IRI (same span and kind, another document field): their
    facts are merged, each fact once, in the order first stated."""
    ex = next(ex for ex in result.extractions if len(ex.mentions) > 3)
    resolved = [m for m in ex.mentions if result.resolution.entity_of(m) is not None]
    m = resolved[1]
    other = next(e for e in result.resolution.entities.values()
                 if e.key != result.resolution.entity_of(m).key and e.kind == m.kind)
    twin = dataclasses.replace(m, document=m.document + "#twin")
    resolution = Resolution(result.resolution.entities,
                            {**result.resolution.mention_entity, mention_key(twin): other.key})
    ex2 = dataclasses.replace(ex, mentions=ex.mentions + (twin,))
    fast = build.document_chunk(ex2, resolution)
    _assert_same([fast], [_plain_document(ex2, resolution, True)])
    a_iri = f"{str(document_iri(ex.minutes.document.identifier)).replace('/doc/', '/annotation/')}" \
            f"-{m.span.start}-{m.span.end}-{m.kind[:3]}"
    bodies = [t.object.value for t in fast.own if t.subject.value == a_iri and t.predicate.value.endswith("hasBody")]
    assert len(bodies) == 2 and bodies[1] == str(entity_iri(other))


def test_entities_stated_twice(result):
    entities = dict(result.resolution.entities)
    for key, e in list(entities.items())[:50]:
        entities[key] = dataclasses.replace(e, alt_labels=e.alt_labels * 2 + ("x", "x"), reasons=e.reasons * 2,
                                            parents=e.parents * 2)
    resolution = Resolution(entities, result.resolution.mention_entity)
    _assert_same([build.entities_chunk(resolution)], list(_plain_chunks([], resolution)))


def test_sorted_groups_by_subject_in_order_added_each_fact_once():
    rng = random.Random(7)
    # subjects whose IRIs order otherwise than their terms ("<…/a1>" after "<…/a1-2>")
    subjects = [ox.NamedNode(f"https://e.org/s/{rng.choice('abc')}{i}{rng.choice(['', '-2', '.x', '#t'])}")
                for i in range(30)]
    preds = [ox.NamedNode(f"https://e.org/p/{i}") for i in range(4)]
    objects = [ox.Literal(str(i)) for i in range(5)] + [ox.NamedNode(f"https://e.org/o/{i}") for i in range(5)]
    rows = [(rng.choice(subjects), rng.choice(preds), rng.choice(objects)) for _ in range(2000)]
    by_subject: dict[str, list[tuple[str, str, str]]] = {}
    for s, p, o in rows:
        by_subject.setdefault(str(s), []).append((str(s), str(p), str(o)))
    plain = tuple(map(row, _plain_sorted(rows)))
    assert sorted_facts(by_subject) == plain
    assert sorted_facts(by_subject, set(by_subject)) == plain
    assert len(plain) < len(rows)                           # there were repeats to remove
    assert sorted_facts(by_subject, set()) != plain        # only subjects named as repeating are deduplicated


def test_chunks_of_votes_cases_and_reservations_are_those_of_the_plain_form():
    """Genre protokoll with votes (counts and voter lists), reservations, proposals and cases."""
    docs = DATA / "genres" / "docs"
    result = pipeline.build([docs / "protokoll-kommunfullmaktige-omrostning-1.txt",
                             docs / "protokoll-bygg-och-miljonamnden-pdftext-3.txt",
                             docs / "protokoll-ksau-forkortningar-1.txt"])
    fast = list(build.iter_chunks(result.extractions, result.resolution, False))
    assert any(t.predicate.value == str(MG.votedYes) for c in fast for t in c.own)
    assert any(t.predicate.value == str(MG.proposedTo) for c in fast for t in c.own)
    _assert_same(fast, list(_plain_chunks(result.extractions, result.resolution, False)))
