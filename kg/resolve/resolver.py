"""Resolution as documents come: what resolution needs of one document (DocumentPart, made where
the document is extracted, and its form in the extraction cache), and the Resolver that adds the
parts in identifier order and then makes the entities."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from sys import intern

from ..models import Entity, Extraction, Resolution
from .judgements import Judgements
from .organizations import add_org_entities, add_org_mentions
from .people import IDENT, PersonRecord, add_person_entities, add_person_records
from .projects import add_project_entities, add_project_mentions


@dataclass(frozen=True, slots=True)
class DocumentPart:
    """What resolution needs of one document: its person records, and its organisation and
    project mentions' keys and written forms. Made where the document is extracted (a worker
    process, with ``--jobs``): small to send back, and the per-document half of resolution."""

    identifier: str
    records: tuple[PersonRecord, ...]
    org_mentions: dict[tuple, str]
    org_forms: dict[str, Counter[str]]
    org_info: dict[str, dict]
    project_mentions: dict[tuple, str]
    project_names: dict[str, Counter[str]]


def document_part(ex: Extraction) -> DocumentPart:
    records: dict[tuple[str, str], PersonRecord] = {}
    add_person_records(records, ex)
    org_mentions: dict[tuple, str] = {}
    org_forms: dict[str, Counter[str]] = {}
    org_info: dict[str, dict] = {}
    add_org_mentions(ex, org_mentions, org_forms, org_info)
    project_mentions: dict[tuple, str] = {}
    project_names: dict[str, Counter[str]] = {}
    add_project_mentions(ex, project_mentions, project_names)
    return DocumentPart(ex.minutes.document.identifier, tuple(records.values()), org_mentions, org_forms,
                        org_info, project_mentions, project_names)


def part_to_data(part: DocumentPart) -> list:
    """``part`` as plain JSON data, for the extraction cache: an incremental build resolves its
    unchanged documents from these instead of decoding their whole extractions (a sixth of the
    bytes, and a few lists instead of thousands of model objects).

    Exact: ``part_from_data(part_to_data(p)) == p``, with every dict and Counter in its order
    (the order decides which written form resolution meets first). Mention keys are of this
    document and of the table's kind (``document_part`` makes them so), so a table of them is
    one flat list of numbers (and keys), which decodes several times faster than a list per
    mention; a table that holds any other key is written as whole keys (``_keys_to_data``)."""
    doc = part.identifier

    def counts(table: dict[str, Counter[str]]) -> list:
        return [[k, [[form, n] for form, n in c.items()]] for k, c in table.items()]

    return [
        doc,
        [[r.key, _names_to_data(r.names), sorted(r.parties), sorted(r.affiliations),
          _keys_to_data(doc, "person", r.mentions)] for r in part.records],
        _keys_to_data(doc, "organization", part.org_mentions),
        counts(part.org_forms),
        [[k, d["canonical"], d["owner"], d["gaz"], sorted(d["reasons"])] for k, d in part.org_info.items()],
        _keys_to_data(doc, "project", part.project_mentions),
        counts(part.project_names),
    ]


def _keys_to_data(doc: str, kind: str, keys: list[tuple] | dict[tuple, str]) -> list | dict:
    """Mention keys (a list, or a dict of them to entity keys) as a flat list: start, end (and
    the entity key) of each; or, if some key is not of ``doc`` and ``kind``, {"keys": [[doc,
    start, end, kind (, entity key)], ...]}."""
    rows = keys.items() if isinstance(keys, dict) else ((mk,) for mk in keys)
    rows = [(*mk, *rest) for mk, *rest in rows]
    if all(r[0] == doc and r[3] == kind for r in rows):
        return [x for r in rows for x in (r[1], r[2], *r[4:])]
    return {"keys": [list(r) for r in rows]}


def part_from_data(data: list) -> DocumentPart:
    """The DocumentPart ``part_to_data`` gave ``data``. Raises TypeError, ValueError or
    IndexError for data of another shape (the caller treats the entry as damaged); the values
    themselves are not checked (the cache's checksum is). Names and record keys are interned,
    as ``document_part`` interns them."""
    doc, records, orgs, org_forms, org_info, projects, project_names = data
    doc = intern(doc)

    def counts(rows: list) -> dict[str, Counter[str]]:
        out = {}
        for k, forms in rows:
            c = out[intern(k)] = Counter()
            dict.update(c, forms)   # (a Counter's own update adds, one form at a time in Python)
        return out

    people = tuple(PersonRecord(doc, intern(k), _names_from_data(names), set(parties), set(affiliations),
                                _keys_from_data(doc, "person", mks, False))
                   for k, names, parties, affiliations, mks in records)
    info = {intern(k): {"canonical": canonical, "owner": owner, "gaz": gaz, "reasons": set(reasons)}
            for k, canonical, owner, gaz, reasons in org_info}
    return DocumentPart(doc, people, _keys_from_data(doc, "organization", orgs, True), counts(org_forms), info,
                        _keys_from_data(doc, "project", projects, True), counts(project_names))


def _names_to_data(names: list[str]) -> list:
    """A record's names: [name, n] when they are one name n times (most records: a person's
    name as written in one document), else the list of names itself."""
    if names and names.count(names[0]) == len(names):
        return [names[0], len(names)]
    return names


def _names_from_data(data: list) -> list[str]:
    if len(data) == 2 and isinstance(data[1], int):
        return [intern(data[0])] * data[1]
    return [intern(n) for n in data]


def _keys_from_data(doc: str, kind: str, data: list | dict, to_entities: bool) -> list[tuple] | dict[tuple, str]:
    """The mention keys (``to_entities``: the dict of them to entity keys) ``_keys_to_data`` gave ``data``."""
    if isinstance(data, dict):
        rows = [(intern(d), s, e, k, *rest) for d, s, e, k, *rest in data["keys"]]
        if any(r[3] not in ("person", "organization", "project") for r in rows):
            raise ValueError("a mention of an unknown kind")
        return {r[:4]: intern(r[4]) for r in rows} if to_entities else [r[:4] for r in rows]
    it = iter(data)
    if to_entities:   # (entity keys left as read: only looked up, never keys of a dict)
        return {(doc, s, e, kind): k for s, e, k in zip(it, it, it)}
    return [(doc, s, e, kind) for s, e in zip(it, it)]


def _add_counts(into: dict[str, Counter[str]], more: dict[str, Counter[str]]) -> None:
    """Add ``more``'s counts to ``into``, keeping the order forms were first seen."""
    for key, counts in more.items():
        have = into.get(key)
        if have is None:
            into[key] = counts
            continue
        for form, n in counts.items():
            have[form] = have.get(form, 0) + n


class Resolver:
    """Resolution as documents come: ``add`` each document's part (in identifier order, as a
    build reads them; the order decides which written form is seen first), then ``finish``.
    A build adds parts while the other documents are still being extracted."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], PersonRecord] = {}
        self.person_mentions: dict[tuple, str] = {}   # filled by finish
        self.org_mentions: dict[tuple, str] = {}
        self.surfaces: dict[str, Counter[str]] = {}
        self.info: dict[str, dict] = {}
        self.project_mentions: dict[tuple, str] = {}
        self.project_names: dict[str, Counter[str]] = {}
        self.last = ""

    def add(self, part: DocumentPart) -> None:
        if part.identifier < self.last:
            raise ValueError(f"{part.identifier} came after {self.last}: add documents in identifier order")
        self.last = part.identifier
        for r in part.records:
            self.records[(r.key, r.doc)] = r
        self.org_mentions.update(part.org_mentions)
        _add_counts(self.surfaces, part.org_forms)
        for key, d in part.org_info.items():
            have = self.info.get(key)
            if have is None:
                self.info[key] = d
            else:
                have["reasons"] |= d["reasons"]
        self.project_mentions.update(part.project_mentions)
        _add_counts(self.project_names, part.project_names)

    def finish(self, judgements: Judgements | None = None) -> Resolution:
        """The entities and every mention's entity. The resolver is used up. (Many small objects,
        no cycles: the pipeline calls it with the garbage collector paused.)"""
        entities: dict[str, Entity] = {}
        person_mentions: dict[tuple, str] = {}
        add_person_entities(sorted(self.records.values(), key=IDENT), judgements, person_mentions, entities)
        self.records = {}
        org_entities: dict[str, Entity] = {}
        add_org_entities(self.surfaces, self.info, org_entities)
        self.surfaces, self.info = {}, {}
        project_entities: dict[str, Entity] = {}
        add_project_entities(self.project_names, project_entities)
        self.project_names = {}
        org_mentions, project_mentions = self.org_mentions, self.project_mentions
        self.org_mentions, self.project_mentions = {}, {}
        # a mention key holds its mention's kind, so each kind's mentions are in its own dict
        for extra, mentions in ((org_entities, org_mentions), (project_entities, project_mentions)):
            renamed: dict[str, str] = {}
            for key, e in sorted(extra.items()):
                if key in entities:   # one key space for all kinds: a clash gets the kind as suffix
                    renamed[key] = f"{key}-{e.kind}"
                    e = Entity(renamed[key], e.kind, e.name, e.alt_labels, e.org_type, e.parents, e.reasons)
                entities[e.key] = e
            if renamed:
                for mk in [mk for mk, k in mentions.items() if k in renamed]:
                    mentions[mk] = renamed[mentions[mk]]
        mention_entity: dict[tuple[str, int, int, str], str] = person_mentions
        mention_entity.update(org_mentions)
        mention_entity.update(project_mentions)
        del org_mentions, project_mentions
        ordered = dict(sorted(entities.items()))
        # (mention_entity is only looked up; its order, the order documents were added in, is
        # the same for the same corpus)
        return Resolution(entities=ordered, mention_entity=mention_entity)
