"""Memberships: people in organisations (affiliations in the structure, slots such as
"Anna Berg, Bjuv", what the text states) and organisations in organisations."""
from __future__ import annotations

import re

from ..lexicons import gazetteer
from ..lexicons.cues import cue
from ..lexicons.names import is_first_name
from ..models import Membership, Mention, PersonRef, Span
from ..text import fold
from .context import DocumentContext, quotes
from .names import ABBREVIATION_RE, clean_org_name, fold_word
from .organizations import resolve_org_text, unit_name
from .paired_lists import paired_lists
from .people import title_endings
from .slots import SLOT_END_RE, TITLE, TITLE_SLOT_RE, is_slot, title_slots
from .textscan import WORD_RE


def affiliations(ctx: DocumentContext, refs: list[tuple[PersonRef, str, int | None]]) -> None:
    """'Christer Pålsson, Bjuv', 'Richard Person(KC)', 'Anna Andersson (S)': the structure's affiliations."""
    for ref, _slot, _item in refs:
        person = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
        if person is None:
            continue
        targets: list[Span] = []
        if ref.affiliation is not None and quotes(ctx, ref.affiliation):
            targets.append(ref.affiliation)
        if ref.party:
            m = re.compile(r"\s*\(\s*(" + re.escape(ref.party) + r")\s*\)").match(ctx.text, ref.span.end)
            if m:
                targets.append(ctx.span(m.start(1), m.end(1)))
        # an organisation at the end of the name span: "Maria Norrby Helsingborg"
        for org in ctx.within("organization", ref.span.start, ref.span.end, after_start=True):
            ctx.memberships.append(Membership(person, org))
        for target in targets:
            org = ctx.mentions.get((target.start, target.end, "organization"))
            if org is None:
                inner = ctx.within("organization", target.start, target.end)
                org = inner[0] if len(inner) == 1 and not _of_another(ctx, target, inner[0]) else None
            if org is None:
                org = _affiliation_mention(ctx, target)
            if org is not None:
                ctx.memberships.append(Membership(person, org))


OWNER_BEFORE_RE = re.compile(r"(?:^|\s)[A-ZÅÄÖ][\wÅÄÖåäö&-]*[ \t]+$")


def _of_another(ctx: DocumentContext, target: Span, org: Mention) -> bool:
    """'vice ordförande LRF regionstyrelsen': a group with a generic name after another
    organisation's name is that organisation's group, not the one the minutes know by the name."""
    if org.key or org.source != "group":
        return False
    return bool(OWNER_BEFORE_RE.search(ctx.text[target.start:org.span.start]))


def _affiliation_mention(ctx: DocumentContext, target: Span) -> Mention | None:
    """An organisation Mention for an affiliation written as plain text ("Bjuv", "SOF", "sekretariatet")."""
    key, group, name = resolve_org_text(ctx, target.text)
    if key is None and group is None:
        if fold(target.text) not in cue("context_units") or ctx.owner is None:
            return None
        name, key = unit_name(ctx.owner, _owners(ctx), target.text)
    return ctx.add(Mention("organization", target, name, ctx.minutes.document.identifier,
                           ctx.item_of(target.start, target.end), "structure", key=key))


def _owners(ctx: DocumentContext) -> list[str]:
    minutes = ctx.minutes
    keys = []
    if minutes.body is not None:
        for m in ctx.of_kind("organization"):
            if minutes.body.start <= m.span.start and m.span.end <= minutes.body.end and m.key:
                keys.append(m.key)
                parent = gazetteer.organization(m.key).parent
                if parent:
                    keys.append(parent)
    return keys


TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def tokens_between(ctx: DocumentContext, start: int, end: int) -> list[str]:
    return TOKEN_RE.findall(ctx.text[start:end])


# "Name, [title,] Organisation" with an organisation the gazetteer does not know: a capitalised
# phrase (or an acronym, "C4 Teknik") of at most five words ending the slot
SLOT_ORG_RE = re.compile(
    r"[ \t]*(?:\([A-ZÅÄÖ]{1,4}\)[ \t]*)?,[ \t]*"
    rf"(?:(?P<title>{TITLE}(?:[ \t]+{TITLE}){{0,3}})[ \t]*,[ \t]*|(?P<bare>{TITLE})[ \t]+)?"
    r"(?P<org>(?:[A-ZÅÄÖ][\wåäöÅÄÖé&-]+|[A-ZÅÄÖ]\d)(?:[ \t][\wåäöÅÄÖé&-]+){0,4}?)"
    r"(?=[ \t]*(?:$|\n|[(,;]|[–—-][ \t]))")


def slot_organisations(ctx: DocumentContext) -> None:
    """'Kristian Holt, verksamhetsutvecklare, Sydarkivera (punkt 3)', 'Mikael Ås, Vision',
    'Carina Vik (CV), badchef Hälsans Hus – sekreterare': the organisation slot of a line that
    names a person is an organisation even when the gazetteer does not know it. Not when the slot
    holds a name, a title or a label, nor for the later name of a comma list."""
    doc_id = ctx.minutes.document.identifier
    orgs = ctx.of_kind("organization")
    starts = {m.span.start for m in orgs} | {m.span.start for m in ctx.of_kind("person")}
    places = titles = None
    for p in ctx.of_kind("person"):
        if " " not in p.name or "\n" in p.span.text:
            continue
        m = SLOT_ORG_RE.match(ctx.text, p.span.end)
        if m is None or m.start("org") in starts:
            continue
        if m.group("bare") and not fold(m.group("bare")).endswith(title_endings()):
            continue   # "Anna Berg, informerade Trafikverket"
        a, b = m.span("org")
        words = m.group("org").split()
        first = words[0]
        if is_first_name(first) or fold(first) in cue("not_names") or fold(first).endswith(title_endings()) \
                or fold(first) in cue("months") or fold(first) in cue("sentence_openers"):
            continue
        if any(o.span.start < b and a < o.span.end and not (o.span.start > a and _is_place(o)) for o in orgs):
            continue   # a known organisation is in the slot: the membership rules take it ('PRO Ystad' is new)
        line_start = ctx.text.rfind("\n", 0, p.span.start) + 1
        if ctx.text[line_start:p.span.start].rstrip().endswith(","):
            continue
        if len(words) == 1:
            if places is None:
                places, titles = _places_and_titles(ctx.text)
            if first in places or first in titles:
                continue   # "Gösta Wahlberg, Överum" (the text says "i Överum"), "Ingela Dahlqvist, MAS"
        org = ctx.add(Mention("organization", ctx.span(a, b), clean_org_name(m.group("org")), doc_id,
                              ctx.item_of(a, b), "slot"))
        ctx.memberships.append(Membership(p, org))
    paired_lists(ctx)


PLACE_AFTER_RE = re.compile(r"\b(?:i|I|mellan|utanför|nära)[ \t]+([A-ZÅÄÖ][\wåäöé-]+)")
TITLE_ABBREVIATION_RE = re.compile(r"\b[a-zåäöé][\wåäöé-]*[ \t]+\(([A-ZÅÄÖ]{2,5})\)")


def _places_and_titles(text: str) -> tuple[set[str], set[str]]:
    """Words the document writes as places ('i Gamleby', 'mellan Överum och ...') and abbreviations it
    defines for lower-case words ('medicinskt ansvarig sjuksköterska (MAS)'): no organisation in a slot."""
    return set(PLACE_AFTER_RE.findall(text)), set(TITLE_ABBREVIATION_RE.findall(text))


def text_memberships(ctx: DocumentContext) -> None:
    """Person-organisation ties the sentence states.

    * "Eva Svensson från PC", "Maria Norrby Helsingborg och Mikael Borgarve Bjuv från <nätverk>"
      (coordinated people share the "från" phrase)
    * "Per Skålén, professor från Centrum för tjänsteforskning", "Lisa Olsson, innovationschef i
      Helsingborg", "Julia, jurist från avdelning administration och juridik" (an apposition after
      a comma, at most three words before the preposition)
    * "Richard Person (KC)"
    """
    link = cue("membership")
    people = [m for m in ctx.of_kind("person") if " " in m.name or not m.first_name_only]
    orgs = ctx.of_kind("organization")
    items = sorted([*people, *orgs], key=lambda m: (m.span.start, -m.span.end))
    for k, p in enumerate(items):
        if p.kind != "person":
            continue
        o = next((m for m in items[k + 1:k + 6] if m.span.start >= p.span.end), None)
        if o is None:
            continue
        gap = ctx.text[p.span.end:o.span.start]
        if "\n\n" in gap:
            continue
        between = TOKEN_RE.findall(gap)
        if len(between) > 6:
            continue
        words = [fold_word(w) for w in between]
        if o.kind == "organization":
            if not words and "\n" not in gap and _is_place(o):
                ctx.memberships.append(Membership(p, o))          # "Maria Norrby Helsingborg"
                _chain_from(ctx, items, o, p)
                continue
            if words == ["("]:
                ctx.memberships.append(Membership(p, o))          # "Richard Person (KC)"
                _after_party(ctx, items, k, p, o)
                continue
            if "\n" not in gap and TITLE_SLOT_RE.match(gap) and is_slot(ctx, p, o):
                ctx.memberships.append(Membership(p, o))          # "Elin Kjellgren, kanslichef, Hultsfreds kommun"
                continue
            if words and words[-1] in link and "\n" not in gap:
                if len(words) == 1:
                    ctx.memberships.append(Membership(p, o))      # "Eva Svensson från PC"
                elif words[0] == "," and len(words) <= 5 and all(w.isalpha() for w in words[1:]):
                    ctx.memberships.append(Membership(p, o))      # "X, professor från Y"
        # coordinated people: "A och B från X" -> handled from the last person of the chain
    title_slots(ctx, items)
    _organisation_first(ctx, items)
    _coordinated(ctx, items)
    _apposition_places(ctx, people)


# "Region Dalarna – Lena Sandberg", "Arjeplog – Per-Ola Lindgren", "PRO Ystad: Ingrid Tell" at a line's start
ORG_DASH_RE = re.compile(r"[ \t]*[–—:-][ \t]*$|[ \t]{3,}$|\t[ \t]*$")   # (or a table's next column)
LINE_HEAD_RE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·–]|\d+[.)])?[ \t]*$")


PARTY_SLOT_RE = re.compile(rf"\)[ \t]*,[ \t]*(?:{TITLE}(?:[ \t]+{TITLE}){{0,3}}[ \t]*,[ \t]*)?$")


def _after_party(ctx: DocumentContext, items: list[Mention], k: int, p: Mention, party: Mention) -> None:
    """'Monica Sandgren (S), ordförande, kommunstyrelsen': the organisation after the party is the
    person's too."""
    o = next((m for m in items[k + 1:k + 6] if m.span.start >= party.span.end), None)
    if o is None or o.kind != "organization":
        return
    gap = ctx.text[party.span.end:o.span.start]
    if "\n" not in gap and PARTY_SLOT_RE.match(gap) and SLOT_END_RE.match(ctx.text, o.span.end):
        ctx.memberships.append(Membership(p, o))


def _organisation_first(ctx: DocumentContext, items: list[Mention]) -> None:
    """'Region Dalarna – Lena Sandberg, divisionschef': an organisation opening a line, a dash or colon,
    then a person; and 'Socialförvaltningens Anna Berg' (the organisation's genitive right before the name)."""
    for k, o in enumerate(items[:-1]):
        if o.kind != "organization":
            continue
        p = next((m for m in items[k + 1:k + 4] if m.span.start >= o.span.end), None)
        if p is None or p.kind != "person" or (p.first_name_only and " " not in p.name):
            continue
        gap = ctx.text[o.span.end:p.span.start]
        if ORG_DASH_RE.match(gap) and LINE_HEAD_RE.search(ctx.text, max(0, o.span.start - 12), o.span.start):
            ctx.memberships.append(Membership(p, o))
        elif gap == " " and _genitive_of(o.span.text) and not _is_place(o):
            ctx.memberships.append(Membership(p, o))


def _genitive_of(surface: str) -> bool:
    """'Socialförvaltningens', 'SOF:s': an organisation's name written in the genitive."""
    return surface.endswith(":s") or (len(surface) > 3 and surface.endswith("s") and surface[-2].islower()
                                        and not surface.endswith(("ss", "us", "is")))


APPOSITION_RE = re.compile(r",\s*(?:[a-zåäö-]+\s+){1,3}(?:i|vid|på|från)\s+([A-ZÅÄÖ][\wåäöÅÄÖ-]+)")


def _apposition_places(ctx: DocumentContext, people: list[Mention]) -> None:
    """'Büsra Wikman, processledare i Mark': a capitalised word after the apposition's preposition
    is the person's organisation when the gazetteer knows it (as 'Marks kommun' here)."""
    doc_id = ctx.minutes.document.identifier
    for p in people:
        m = APPOSITION_RE.match(ctx.text, p.span.end)
        if m is None or (m.start(1), m.end(1), "organization") in ctx.mentions:
            continue
        if any(o.span.start <= m.start(1) < o.span.end for o in ctx.of_kind("organization")):
            continue
        key, _group, name = resolve_org_text(ctx, m.group(1))
        if key is None:
            continue
        org = ctx.add(Mention("organization", ctx.span(m.start(1), m.end(1)), name, doc_id,
                              ctx.item_of(m.start(1), m.end(1)), "apposition", key=key))
        ctx.memberships.append(Membership(p, org))


def _chain_from(ctx: DocumentContext, items: list[Mention], o: Mention, p: Mention) -> None:
    """'Mikael Borgarve Bjuv från Strategiskt chefsnätverk': the person is from both."""
    rest = [m for m in items if m.span.start >= o.span.end and m.kind == "organization"]
    if not rest:
        return
    nxt = rest[0]
    words = [fold_word(w) for w in tokens_between(ctx, o.span.end, nxt.span.start)]
    if words in (["fran"], ["vid"], ["pa"]) and "\n" not in ctx.text[o.span.end:nxt.span.start]:
        ctx.memberships.append(Membership(p, nxt))


def _coordinated(ctx: DocumentContext, items: list[Mention]) -> None:
    """'A och B från X', 'A & B, SOF': the first of two coordinated people shares the second's ties."""
    persons = [m for m in items if m.kind == "person"]
    ties: dict[Mention, list[Mention]] = {}   # member -> organisations, in ctx.memberships' order (a scan per pair was quadratic)
    for m in ctx.memberships:
        ties.setdefault(m.member, []).append(m.organization)
    for k, p in enumerate(persons[:-1]):
        q = persons[k + 1]
        gap = ctx.text[p.span.end:q.span.start]
        if "\n" in gap:
            continue
        between = [fold_word(w) for w in TOKEN_RE.findall(gap)]
        orgs_between = ctx.within("organization", p.span.end, q.span.start)   # = the organisations of items
        org_words = {fold_word(x) for o in orgs_between for x in WORD_RE.findall(o.span.text)}
        words = [w for w in between if w not in org_words]
        if words not in (["och"], ["&"]):   # "A, B (KC)": in a comma list each has their own
            continue
        for org in ties.get(q, ()):
            if org not in orgs_between and not _is_place(org):
                ctx.memberships.append(Membership(p, org))
                ties.setdefault(p, []).append(org)


def drop_places(ctx: DocumentContext) -> None:
    """'i Uddevalla', 'på Helsingborg': a bare town name after a place preposition is where
    something happened, not the municipality acting; kept when it ties a person to it
    ('innovationschef i Helsingborg')."""
    used = {id(ms.organization) for ms in ctx.memberships} | {id(ms.member) for ms in ctx.memberships}
    places = {"i", "pa", "till", "fran", "vid"}
    for key, m in list(ctx.mentions.items()):
        if m.kind != "organization" or not _is_place(m) or id(m) in used or m.source == "structure":
            continue
        if " " in m.span.text.strip():
            continue   # "Helsingborgs stad": the organisation's own name
        before = re.findall(r"\w+", ctx.text[max(0, m.span.start - 12):m.span.start])
        if before and fold_word(before[-1]) in places:
            del ctx.mentions[key]


def _is_place(m: Mention) -> bool:
    return bool(m.key) and gazetteer.organization(m.key).type in ("municipality", "region")


def org_memberships(ctx: DocumentContext) -> None:
    """Organisations inside organisations: the gazetteer's parents when the document names them,
    'Centrum för tjänsteforskning (CTF), vid Karlstad universitet', 'Grundskolenätverket i Familjen Helsingborg'."""
    orgs = ctx.of_kind("organization")
    first: dict[str, Mention] = {}
    for m in orgs:
        if m.key:
            first.setdefault(m.key, m)
    for m in first.values():
        ancestor = gazetteer.organization(m.key).parent
        while ancestor:
            if ancestor in first and _local_instance(m.key, ancestor):
                break   # 'Länsstyrelsen' beside 'Länsstyrelsen i Dalarnas län': the same authority
            if ancestor in first:
                ctx.memberships.append(Membership(m, first[ancestor]))
                break
            ancestor = gazetteer.organization(ancestor).parent
    for k, a in enumerate(orgs):
        for b in orgs[k + 1:k + 3]:
            if b.span.start < a.span.end:
                if a.span.start < b.span.start and b.span.end <= a.span.end:
                    words = [fold_word(w) for w in tokens_between(ctx, a.span.start, b.span.start)]
                    if words and words[-1] in ("i", "vid", "inom"):
                        ctx.memberships.append(Membership(a, b))
                continue
            # "Centrum för tjänsteforskning (CTF), vid Karlstad universitet"
            if "\n" in ctx.text[a.span.end:b.span.start]:
                continue   # (tested first: the gap to the next organisation may be long)
            if _lone_word(ctx, a.span.end, b.span.start) in ("vid", "inom"):
                ctx.memberships.append(Membership(a, b))


def _local_instance(key: str, parent: str) -> bool:
    """Whether the organisation is its parent's office for one place ('Länsstyrelsen i Dalarnas
    län' of 'Länsstyrelsen'): a text naming both means one authority by the bare name."""
    name, parent_name = fold(gazetteer.organization(key).pref_label), fold(gazetteer.organization(parent).pref_label)
    return name.startswith(parent_name + " i ")


def _lone_word(ctx: DocumentContext, start: int, end: int) -> str | None:
    """The one word (folded) between ``start`` and ``end`` besides parentheses, commas and
    abbreviations, None when there are none or several (read no further than the second: the gap
    between two organisations may be long)."""
    found = None
    for token in TOKEN_RE.finditer(ctx.text, start, end):
        w = token.group()
        if w not in ("(", ")", ",") and not ABBREVIATION_RE.match(w):
            if found is not None:
                return None
            found = fold_word(w)
    return found


def group_memberships(ctx: DocumentContext) -> None:
    """A group named in an item's title, presented by people who all come from one organisation,
    belongs to that organisation ("Information om Krimteamet", presented by "A & B, SOF")."""
    # what each member belongs to, in the order of the memberships (the ones added here have
    # organisations as members, never the presenters looked up)
    orgs_of: dict[Mention, list[Mention]] = {}
    for ms in ctx.memberships:
        orgs_of.setdefault(ms.member, []).append(ms.organization)
    for k, item in enumerate(ctx.minutes.items):
        groups = [m for m in ctx.within("organization", item.title_span.start, item.title_span.end)
                  if m.source == "group" and not m.key]
        if not groups or not item.presenters:
            continue
        owners = set()
        for ref in item.presenters:
            p = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
            orgs = {o for o in orgs_of.get(p, ()) if not _is_place(o)}
            if len(orgs) != 1:
                owners = set()
                break
            owners |= {(o.key or fold_word(o.name), o) for o in orgs}
        if len({k for k, _ in owners}) == 1:
            org = next(iter(owners))[1]
            for g in groups:
                ctx.memberships.append(Membership(g, org))
