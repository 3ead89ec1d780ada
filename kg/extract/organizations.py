"""Organisations: the municipality of the document, gazetteer keys narrowed to it, abbreviations
defined in the text, units named in context, and the body that met and its parent."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from ..lexicons import gazetteer
from ..lexicons.cues import cue
from ..lexicons.names import is_abbreviation, is_first_name, strip_genitive
from ..lexicons.organizations import group_canonical
from ..models import Mention
from ..nlp import ORG, token_table
from ..text import fold
from .context import DocumentContext, SpanIndex, positions_of, quotes, tokens_of
from .names import ABBREVIATION_RE, clean_name, clean_org_name


def document_scope(spans: Iterable[SpacySpan]) -> str | None:
    """The municipality the minutes come from: the one their unambiguous names point to most."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for s in spans:
        if s.label_ != ORG or not s.kb_id_ or "|" in s.kb_id_ or s.kb_id_.startswith("group:"):
            continue
        try:
            entry = gazetteer.organization(s.kb_id_)
        except KeyError:
            continue
        scope = entry.key if entry.type in ("municipality", "region") else gazetteer.org_scope(entry.key)
        if scope:
            votes[scope] += 1
            first.setdefault(scope, s.start_char)
    if not votes:
        return None
    best = max(votes.values())
    return min((k for k, v in votes.items() if v == best), key=first.__getitem__)


@lru_cache(maxsize=1 << 16)
def narrow_keys(kb_id: str, surface: str, scope: str | None) -> tuple[str | None, str | None]:
    """(gazetteer key, generic group name) a matched name stands for in a document of ``scope``
    (remembered: the same names recur in every document of a municipality)."""
    keys = [k for k in kb_id.split("|") if k and not k.startswith("group:")]
    groups = [k[6:] for k in kb_id.split("|") if k.startswith("group:")]
    if keys:
        if scope is None and groups:
            # a generic name ("Socialnämnden") in minutes that name no municipality: which
            # municipality's it is the text does not state, so it stays generic (scoped later)
            keys = [k for k in keys if gazetteer.org_scope(k) is None]
        inscope = [k for k in keys if scope is None or gazetteer.org_scope(k) in (None, scope) or k == scope]
        if len(inscope) > 1:
            inscope = [k for k in inscope if k in gazetteer.lookup_organization(surface, scope)] or inscope
        if len(inscope) == 1:
            return inscope[0], None
        if not inscope and groups:
            return None, groups[0]
        return None, None
    if groups:
        return None, groups[0]
    return None, None


def org_mention(ctx: DocumentContext, s: SpacySpan, source: str | None = None) -> Mention | None:
    """A Mention for an organisation span: gazetteer key and name, generic group, or pattern name."""
    end = branch_end(s.text, s.id_)
    span = ctx.span(s.start_char, s.start_char + end if end else s.end_char)
    item = ctx.item_of(span.start, span.end)
    doc_id = ctx.minutes.document.identifier
    if end:
        name = clean_org_name(span.text)
        canonical = group_canonical().get(fold(name))
        return Mention("organization", span, canonical or name, doc_id, item,
                       source or ("group" if canonical else f"pattern:{s.id_}"))
    if s.kb_id_:
        key, group = narrow_keys(s.kb_id_, s.text, ctx.scope)
        if key:
            return Mention("organization", span, gazetteer.organization(key).pref_label, doc_id, item,
                           source or "gazetteer", key=key)
        if group:
            return Mention("organization", span, group, doc_id, item, source or "group")
        return None
    name = clean_org_name(s.text)
    canonical = group_canonical().get(fold(name))
    if canonical:
        return Mention("organization", span, canonical, doc_id, item, source or "group")
    return Mention("organization", span, name, doc_id, item, source or f"pattern:{s.id_}")


def branch_end(text: str, rule: str) -> int | None:
    """'Räddningstjänsten Anna Berg', 'Kommunal Information': where the words after a branch name
    ('Räddningstjänsten Västervik', 'Kommunal Västervik') are no place but a person's given name
    or a word that opens a line or label ('Information', 'Närvarande'), the length of the name
    alone; None otherwise."""
    if rule != "org_branch":
        return None
    words = text.split()
    place = words[-2] if len(words) > 2 and fold(words[-1]) == "lan" else words[-1]
    if len(words) < 2 or not (is_first_name(place) or fold(place) in cue("not_names")):
        return None
    before = text[:text.rfind(place)].rstrip()
    return len(before) or None


def resolve_org_text(ctx: DocumentContext, text: str) -> tuple[str | None, str | None, str]:
    """(key, group, name) for an organisation written as plain text (an affiliation, a party)."""
    surface = clean_name(text)
    if surface in ctx.abbreviations:
        name, key = ctx.abbreviations[surface]
        return key, None, name
    keys = gazetteer.lookup_organization(surface, ctx.scope)
    if not keys:
        base = strip_genitive(surface)
        keys = gazetteer.lookup_organization(base, ctx.scope) if base else ()
    if not keys and surface[:1].isupper() and " " not in surface:
        # an affiliation slot says "organisation": "Vara" is Vara kommun though "vara" is a word
        for form in (f"{surface} kommun", f"{surface}s kommun", f"{surface} stad", f"{surface}s stad"):
            keys = tuple(k for k in gazetteer.lookup_organization(form, ctx.scope)
                         if gazetteer.organization(k).type == "municipality")
            if keys:
                break
    if len(keys) == 1:
        return keys[0], None, gazetteer.organization(keys[0]).pref_label
    group = group_canonical().get(fold(surface))
    if group and not (is_abbreviation(surface) and not surface.isupper()):
        return None, group, group
    return None, None, surface


def define_abbreviations(ctx: DocumentContext) -> None:
    """'skol- och fritidsförvaltningen (SFF)' and 'OCN (Open College Network)': the document's own
    abbreviations, applied to every use of them in the document."""
    table = token_table(ctx.sdoc)
    content = table.content   # the tokens that are not whitespace, by their position among them
    n = len(content)

    def text_at(k: int) -> str:
        return table.texts[content[k]]

    def start_at(k: int) -> int:
        return table.idx[content[k]]

    opening = [bisect_left(content, i) for i in tokens_of(table, ("(",))]
    # the abbreviations in parentheses ("(SFF)") and before them ("OCN (");
    # the organisations are read only for a document that has one
    closed = [k for k in opening if k < n - 2 and text_at(k + 2) == ")" and ABBREVIATION_RE.match(text_at(k + 1))]
    opened = [k for k in [p - 1 for p in opening if p >= 1] if ABBREVIATION_RE.match(text_at(k))]
    if not closed and not opened:
        return
    orgs = {(m.span.start, m.span.end): m for m in ctx.of_kind("organization")}
    by_start = {m.span.start: m for m in orgs.values()}
    by_end = {m.span.end: m for m in orgs.values()}
    for k in closed:
        before = by_end.get(start_at(k - 1) + len(text_at(k - 1))) if k > 0 else None
        if before is not None:
            ctx.abbreviations.setdefault(text_at(k + 1), (before.name, before.key))
    for k in opened:
        inner = by_start.get(start_at(k + 2)) if k + 2 < n else None
        if inner is not None:
            ctx.abbreviations.setdefault(text_at(k), (inner.name, inner.key))
    if ctx.abbreviations:
        _apply_abbreviations(ctx, orgs, list(map(table.texts.__getitem__, content)),
                             list(map(table.idx.__getitem__, content)))


def _apply_abbreviations(ctx: DocumentContext, orgs: dict[tuple[int, int], Mention], texts: list[str], idx: list[int]) -> None:
    """An organisation mention for every use of the document's abbreviations (``texts`` and
    their offsets ``idx``: the words of the document), in place of another organisation's
    mention of the same words."""
    taken = SpanIndex([(m.span.start, m.span.end) for m in ctx.mentions.values()])
    doc_id = ctx.minutes.document.identifier
    for word, start in zip(texts, idx):
        base = word if word in ctx.abbreviations else (strip_genitive(word) or "")
        if base not in ctx.abbreviations:
            continue
        end = start + len(word)
        if taken.overlaps(start, end):
            existing = orgs.get((start, end))
            if existing is None or existing.key == ctx.abbreviations[base][1]:
                continue
            del ctx.mentions[(start, end, "organization")]
        name, key = ctx.abbreviations[base]
        span = ctx.span(start, end)
        ctx.add(Mention("organization", span, name, doc_id, ctx.item_of(start, end), "abbreviation", key=key))


def context_units(ctx: DocumentContext, body: Mention | None, parent: Mention | None) -> None:
    """'sekretariatet' means the unit of the minutes' own organisation: the gazetteer's unit of
    that organisation named by the word, else "<organisation>s sekretariat"."""
    owner = parent or (body if body is not None and (body.key or not names_a_board(body.name)) else None)
    if owner is None:
        return
    owners = [m.key for m in (parent, body) if m is not None and m.key]
    units = cue("context_units")
    doc_id = ctx.minutes.document.identifier
    taken = [(m.span.start, m.span.end) for m in ctx.mentions.values()]
    taken_index = SpanIndex(taken)
    table = token_table(ctx.sdoc)
    for i in positions_of(table.norms, units):
        text = table.texts[i]
        start, end = table.idx[i], table.idx[i] + len(text)
        if taken_index.overlaps(start, end):
            continue
        name, key = unit_name(owner, owners, text)
        ctx.add(Mention("organization", ctx.span(start, end), name, doc_id, ctx.item_of(start, end),
                        "context_unit", key=key))


def names_a_board(name: str) -> bool:
    """'Sektionens styrelse', 'Styrgruppen för X': a board or group, which holds no secretariat or
    staff of its own ('sekretariatet' in its minutes is the organisation's)."""
    words = fold(name).split(" ")
    ends, boards = tuple(sorted(cue("groups_without_staff"))), cue("boards_without_staff")
    return any(w.endswith(ends) or w in boards for w in (words[0], words[-1]))


def unit_name(owner: Mention, owners: list[str], word: str) -> tuple[str, str | None]:
    """(name, key) of the unit ``word`` ('sekretariatet') of the organisation ``owner``."""
    key = unit_of(owners, word)
    if key is not None:
        return gazetteer.organization(key).pref_label, key
    indefinite = re.sub(r"(?<=[a-zåäö])(et|en)$", "", word.lower())
    return f"{genitive(owner.name)} {indefinite}", None


def genitive(name: str) -> str:
    """'Skaraborgs kommunalförbund' -> 'Skaraborgs kommunalförbunds'; 'Familjen Helsingborg' -> '...s'."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def unit_of(owners: list[str], word: str) -> str | None:
    """The gazetteer child of an owner whose name ends in ``word`` (definite or indefinite)."""
    for owner in owners:
        hits = _units_named(owner, word)
        if len(hits) == 1:
            return hits[0]
    return None


@lru_cache(maxsize=1 << 12)
def _units_named(owner: str, word: str) -> tuple[str, ...]:
    """The gazetteer children of ``owner`` whose name ends in ``word`` (read once per pair: a
    look-up reads every organisation)."""
    stems = {fold(word), re.sub(r"(et|en)$", "", fold(word))}
    return tuple(e.key for e in gazetteer.load_organizations() if e.parent == owner
                 and any(fold(label).split(" ")[-1] in stems for label in e.labels))


def body_and_parent(ctx: DocumentContext) -> tuple[Mention | None, Mention | None]:
    """The body that met (from the segmenter's span) and the organisation it belongs to.

    The parent is, in order: an organisation named inside the body's name after a linking word
    ("Kommundirektörmöte i Familjen Helsingborg"), an organisation on a header line above the body
    ("Skol - och fritidsförvaltningen" over "Helsingborgs stads skolors ledningsgrupp"), or the
    gazetteer's parent of the body when the document names it.
    """
    minutes = ctx.minutes
    if minutes.body is None or not quotes(ctx, minutes.body):
        return None, None
    b = minutes.body
    orgs = ctx.of_kind("organization")
    body = next((m for m in orgs if (m.span.start, m.span.end) == (b.start, b.end)), None)
    if body is not None and not body.key and body.name.isupper():
        body = ctx.mentions[(b.start, b.end, "organization")] = replace(body, name=sentence_case(body.name))
    if body is None:
        key, group, name = resolve_org_text(ctx, b.text)
        if key is None and group is None:
            name = body_of_meeting(sentence_case(clean_org_name(b.text)))
            group = group_canonical().get(fold(name))
            name = group or name
        body = ctx.add(Mention("organization", b, name, minutes.document.identifier,
                               ctx.item_of(b.start, b.end), "structure", key=key))
    parent = next((m for m in orgs if b.start < m.span.start and m.span.end <= b.end and m is not body
                   and m.key != body.key), None)
    if parent is None:
        parent = _parent_in_body_name(ctx, body)
    if parent is None:
        first_item = min((it.span.start for it in minutes.items), default=len(ctx.text))
        header = [m for m in orgs if m.span.end <= b.start and m.span.end <= first_item and _is_owner(m)]
        parent = header[-1] if header else None
    if parent is None and body.key:
        ancestor = gazetteer.organization(body.key).parent
        while ancestor and parent is None:
            parent = next((m for m in orgs if m.key == ancestor), None)
            ancestor = gazetteer.organization(ancestor).parent
    if parent is not None and parent.key and body.key == parent.key:
        parent = None
    return body, parent


def sentence_case(name: str) -> str:
    """'OMSORGSSTYRELSEN' -> 'Omsorgsstyrelsen', 'KOMMUNSTYRELSENS SOCIALA UTSKOTT' -> 'Kommunstyrelsens
    sociala utskott': a name written in capitals on a header, as a name is written in running
    text; short words in capitals stay ('PITEBO AB' -> 'Pitebo AB')."""
    if not name.isupper():
        return name
    words = name.split(" ")
    small = cue("name_linking_words")
    out = [w if len(w) <= 3 and fold(w) not in small else w.lower() for w in words]
    return out[0][:1].upper() + out[0][1:] + "".join(" " + w for w in out[1:])


def body_of_meeting(name: str) -> str:
    """'Styrgruppsmöte för det nationella landsbygdsnätverket': the body is the group whose meeting
    the compound names, 'Styrgruppen för det nationella landsbygdsnätverket' (a meeting kind
    alone, 'Kommundirektörmöte i ...', stays: no body word stands before it)."""
    first, _, rest = name.partition(" ")
    if not rest:
        return name
    f = fold(first)
    kind = next((k for k in cue("meeting_words") if f.endswith(k)), None)
    if kind is None:
        return name
    stem = f[: -len(kind)]
    stem = stem[:-1] if stem.endswith("s") else stem
    for form in sorted(cue("body_definite_forms")):
        for base in (form[:-2], form[:-1]):   # "gruppen" -> "grupp", "rådet" -> "råd"; "kommittén" -> "kommitté"
            if stem.endswith(base):
                return f"{first[: len(stem)]}{form[len(base):]} {rest}"
    return name


def _parent_in_body_name(ctx: DocumentContext, body: Mention) -> Mention | None:
    """'Nätverket för skolchefer i Göteborgsregionen': the capitalised name after 'i' / 'inom'
    closing the body's name is the organisation it belongs to, even when no list knows it."""
    m = re.search(r"\s(?:i|inom|vid)\s+((?:[A-ZÅÄÖ][\w-]*)(?:\s+[\w-]+){0,3})\s*$", body.span.text)
    if m is None or body.source != "structure":
        return None
    start = body.span.start + m.start(1)
    end = body.span.start + m.end(1)
    name = clean_org_name(ctx.text[start:end])
    key, group, resolved = resolve_org_text(ctx, name)
    return ctx.add(Mention("organization", ctx.span(start, end), resolved if key else name,
                           ctx.minutes.document.identifier, ctx.item_of(start, end), "structure", key=key))


def _is_owner(m: Mention) -> bool:
    """Whether an organisation can own a meeting body (not a party, not another working group)."""
    if m.key:
        return gazetteer.organization(m.key).type not in ("party", "group")
    return m.source != "group"


def groups_as_body(ctx: DocumentContext, body: Mention | None) -> None:
    """'Ledningsgruppen tog beslut' in the minutes of 'Helsingborgs stads skolors ledningsgrupp'
    is the body itself: a generic group name that the body's name ends or starts with."""
    if body is None or (not body.key and body.source == "group"):
        return
    body_name = fold(body.name)
    for key, m in list(ctx.mentions.items()):
        if m.kind != "organization" or m.key or m.source != "group" or m is body:
            continue
        forms = generic_forms(m.name)
        if any(body_name.endswith(" " + f) or body_name.startswith(f + " ") or body_name == f for f in forms):
            ctx.mentions[key] = Mention("organization", m.span, body.name, m.document, m.item,
                                        "group+body", key=body.key)


@lru_cache(maxsize=1 << 12)
def generic_forms(name: str) -> frozenset[str]:
    """Folded forms of a generic group name: canonical and every alias ('Ledningsgruppen', 'ledningsgrupp', 'lg');
    remembered (each look-up reads every alias of every group)."""
    canonical = group_canonical().get(fold(name), name)
    return frozenset({norm for norm, c in group_canonical().items() if c == canonical} | {fold(canonical)})
