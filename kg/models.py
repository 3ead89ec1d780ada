"""The small typed data model passed between the stages.

read -> Document; segment -> Minutes; extract -> Mention; resolve -> Resolution; build -> RDF.
Every value that comes from the text carries its character offsets into ``Document.text`` so that
the graph can point back at the words it came from. All classes are frozen: a stage never edits
what an earlier stage produced, it returns something new.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Literal

EntityKind = Literal["person", "organization", "project"]
Severity = Literal["warning", "error"]


def _pickled_as_arguments(cls):
    """Pickle instances as ``cls(*fields)``: a frozen slots dataclass otherwise pickles through
    ``__getstate__``/``__setstate__``, which look up its fields on every call. Extractions cross
    process boundaries (``--jobs``, Dask) and are spilled to disk, so this is on the hot path:
    pickling 500 extractions took 0.20 s -> 0.08 s, unpickling 0.29 s -> 0.16 s."""
    getter = attrgetter(*(f.name for f in fields(cls)))
    if len(fields(cls)) == 1:
        def __reduce__(self):
            return (cls, (getter(self),))
    else:
        def __reduce__(self):
            return (cls, getter(self))
    cls.__reduce__ = __reduce__
    return cls


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Issue:
    """A recoverable oddity or an unusable file, carried as data and shown to the user."""

    path: str
    message: str
    severity: Severity = "warning"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"kg: {self.severity}: {where}: {self.message}"


# The longest text the pipeline takes, in characters: the one limit on a document's length.
# Every stage is linear in the text (a tokenizer and rules), so this bounds time and memory
# (a build took 71 s and 1.5 GB for 6.5 million characters), not correctness; the reader
# refuses longer texts with one line and spaCy's max_length is set to it.
MAX_TEXT_CHARS = 20_000_000


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Document:
    """One input file as text. ``identifier`` is the stable name the graph uses for it."""

    identifier: str          # file name, or a relative path ending in "/" + name
    path: str                # where it was read from (for messages)
    text: str                # decoded text, universal newlines; offsets point into this
    media_type: str          # e.g. "text/plain", "text/markdown"
    sha256: str              # of the raw bytes; used for incremental builds
    encoding: str = "utf-8"
    issues: tuple[Issue, ...] = ()


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Span:
    """A piece of ``Document.text``: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person named in a structural slot (attendance list, presenter line, signature)."""

    name: str                      # cleaned surface form, e.g. "Christer Pålsson"
    span: Span                     # where the name itself stands
    affiliation: Span | None = None  # "Bjuv" in "Christer Pålsson, Bjuv", "SOF", "KC"
    party: str | None = None       # "S" in "Anna Andersson (S)"
    role: str | None = None        # "ordförande", "ledamot", "ersättare", "sekreterare", ...


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Decision:
    text: str                      # verbatim
    span: Span
    kind: str | None = None        # "final", "proposal", "referral", "postponement", "noted", "delegated"
    proposed_to: Span | None = None  # the body a proposal goes to ("kommunstyrelsen")


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Vote:
    """A vote (omröstning, votering) with the counts and voters the text states."""

    span: Span                     # the sentence or line that gives the result
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    voted_yes: tuple[Span, ...] = ()   # the lists of names after "Ja-röster:", "Nej-röster:", "Avstår:"
    voted_no: tuple[Span, ...] = ()
    abstained: tuple[Span, ...] = ()


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class SubTopic:
    """A sub-topic inside an item ("a) Boende ...", a plain heading under a numbered item): from its
    title to the next sub-topic or the item's end. Its presenters and decisions are those whose
    words stand in its span; they are also in the item's ``presenters`` / ``decisions``."""

    title: Span
    span: Span
    presenters: tuple[PersonRef, ...] = ()
    decisions: tuple[Decision, ...] = ()


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class AgendaItem:
    title: str
    title_span: Span
    span: Span                     # the whole item, heading to the next heading
    ordinal: int | None = None
    time: str | None = None        # "09:40" for timed items
    section: str | None = None     # "BESLUT", "INFORMATION": the upper-case label it stands under
    identifier: str | None = None  # diarienummer ("Dnr KS 2020/123") where stated
    subtitles: tuple[Span, ...] = ()
    presenters: tuple[PersonRef, ...] = ()
    decisions: tuple[Decision, ...] = ()
    recused: tuple[PersonRef, ...] = ()     # jäv: took no part in the item
    cases: tuple[Span, ...] = ()            # each written form of a diarienummer of the item
    votes: tuple[Vote, ...] = ()
    reservations: tuple[Span, ...] = ()     # sentences in which members reserve themselves


    subtopics: tuple[SubTopic, ...] = ()    # one per subtitle, in order, with its presenters and decisions


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Substitution:
    """A serving substitute (tjänstgörande ersättare) and, where stated, the member replaced."""

    substitute: PersonRef
    replaced: PersonRef | None = None


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Title:
    """A title or role written with a person's name ("förvaltningschef Marie Kvist", "Anna Ek (S),
    ordförande"): ``title`` the words of the title, ``span`` the title with the name."""

    person: PersonRef
    title: Span
    span: Span


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Minutes:
    """The structure of one meeting, as the text states it (nothing guessed)."""

    document: Document
    is_minutes: bool = True
    title: Span | None = None
    body: Span | None = None       # the group that met, as written
    parent: Span | None = None     # the organisation the group belongs to, where the header names it
    date: _dt.date | None = None
    date_span: Span | None = None
    start_time: str | None = None  # "13:00"
    end_time: str | None = None
    location: Span | None = None
    attendees: tuple[PersonRef, ...] = ()
    absentees: tuple[PersonRef, ...] = ()
    minute_takers: tuple[PersonRef, ...] = ()
    chairs: tuple[PersonRef, ...] = ()
    adjusters: tuple[PersonRef, ...] = ()   # justerare
    items: tuple[AgendaItem, ...] = ()
    decisions: tuple[Decision, ...] = ()    # decisions not inside any item
    issues: tuple[Issue, ...] = ()
    adjusted_on: _dt.date | None = None     # when the minutes were justerade, where the text says so
    adjusted_span: Span | None = None       # the words that say it ("Justerat 2019-10-30")
    substitutes: tuple[Substitution, ...] = ()   # tjänstgörande ersättare, with whom they replaced
    titles: tuple[Title, ...] = ()          # titles and roles written with a name


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to a person, organisation or project found in the text."""

    kind: EntityKind
    span: Span
    name: str                      # the name it stands for as far as the text alone says (expanded, cleaned)
    document: str                  # Document.identifier
    item: int | None = None        # index into Minutes.items, None for the header or outside items
    source: str = "rule"           # which rule or component found it (for explanations)
    key: str | None = None         # gazetteer key when a curated entry matched
    first_name_only: bool = False


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Membership:
    """``member`` (a person or organisation mention) is tied to organisation ``organization`` by the text."""

    member: Mention
    organization: Mention


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one document: mentions and the links the text states between them."""

    minutes: Minutes
    mentions: tuple[Mention, ...] = ()
    memberships: tuple[Membership, ...] = ()
    collaborations: tuple[tuple[Mention, Mention, int | None], ...] = ()   # (org, org, item index)
    body: Mention | None = None
    parent: Mention | None = None


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, organisation or project across the corpus."""

    key: str                       # stable, content-derived: becomes the IRI's local name
    kind: EntityKind
    name: str                      # canonical name
    alt_labels: tuple[str, ...] = ()
    org_type: str | None = None    # "administration", "board", "municipality", "group", "external", ...
    parents: tuple[str, ...] = ()  # keys of parent organisations
    reasons: tuple[str, ...] = ()  # why mentions were joined (explainable merges)


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities and which entity each mention refers to (mentions left unresolved map to nothing)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mention_entity: dict[tuple[str, int, int, str], str] = field(default_factory=dict)

    def entity_of(self, mention: Mention) -> Entity | None:
        key = self.mention_entity.get(mention_key(mention))
        return self.entities.get(key) if key else None


def mention_key(m: Mention) -> tuple[str, int, int, str]:
    return (m.document, m.span.start, m.span.end, m.kind)
