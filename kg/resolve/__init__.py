"""Resolution: mentions from every document -> one entity per real person, organisation, project.

People are resolved by small scored rules ``(a, b) -> (score, reason)`` over name records (one
record per document and full name), merged greedily from the best score down. Before two clusters
merge, every pair across them is checked for a cannot-link (different given name, different
surname, conflicting party, an analyst's "not same"), so a chain of plausible pairs never joins
two people that conflict somewhere ("Anna Svensson (S)" ~ "A. Svensson" ~ "Anna Svensson (M)").
Plain connected components would.

Organisations are keyed: by the gazetteer's key when the name is curated, else by their
normalised name. Generic names that every municipality and administration has ("Ledningsgruppen",
"Styrgruppen", "Socialförvaltningen" outside the gazetteer's municipality) are *scoped*: their key
is the name plus the organisation they belong to in that document, so the leadership group of one
administration is never the same node as another's. The scope is, in order: the organisation the
text ties the group to (a membership in the same document), the parent organisation of the body
that met, the document's municipality, and finally the document itself (an unknown owner is kept
apart rather than guessed the same). Administrations and boards ("...förvaltningen", "...nämnden")
are scoped by municipality only, since a municipality has one of each.

Keys are content-derived (slugs of canonical names; namesakes get a suffix from what tells them
apart, or from their first mention), and nothing depends on the order of the documents.
"""
from __future__ import annotations

import csv
import re
from sys import intern
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from pathlib import Path

from ..lexicons import gazetteer
from ..lexicons.cues import cue, ocr_slip
from ..lexicons.organizations import group_canonical
from ..models import Entity, Extraction, Mention, Resolution, mention_key
from ..runtime import collector_paused
from ..text import digest as _digest
from ..text import fold
from ..text import name_slug as slug
from ..text import name_slug_of_folded as _slug_of_folded

MERGE_THRESHOLD = 0.65


# --------------------------------------------------------------------------- judgements

@dataclass(frozen=True)
class Judgements:
    """An analyst's decisions, which override the rules: pairs of folded names."""

    same: frozenset[tuple[str, str]] = frozenset()
    not_same: frozenset[tuple[str, str]] = frozenset()
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def verdict(self, a: str, b: str) -> str | None:
        pair = _pair(fold(a), fold(b))
        if pair in self.not_same:
            return "not_same"
        if pair in self.same:
            return "same"
        return None


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def load_judgements(path: str | Path) -> Judgements:
    """Read a judgements TSV: ``name_a<TAB>name_b<TAB>same|not_same<TAB>note``; '#' starts a comment.

    Raises ValueError with a one-line message naming the file and line for a malformed row.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"kg: error: {p}: cannot read judgements ({exc.strerror}); check the path") from exc
    same, not_same, notes = set(), set(), {}
    rows = csv.reader((line for line in text.splitlines()), delimiter="\t")
    for n, row in enumerate(rows, 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if [c.strip() for c in row[:3]] == ["name_a", "name_b", "verdict"]:
            continue
        if len(row) < 3 or row[2].strip() not in ("same", "not_same") or not row[0].strip() or not row[1].strip():
            raise ValueError(f"kg: error: {p}:{n}: expected name_a, name_b, same|not_same, note separated by tabs; "
                             "fix the line")
        pair = _pair(fold(row[0].strip()), fold(row[1].strip()))
        (same if row[2].strip() == "same" else not_same).add(pair)
        if len(row) > 3 and row[3].strip():
            notes[pair] = row[3].strip()
    clash = sorted(same & not_same)
    if clash:
        raise ValueError(f"kg: error: {p}: '{clash[0][0]}' and '{clash[0][1]}' are judged both same and "
                         "not_same; keep one line")
    return Judgements(frozenset(same), frozenset(not_same), notes)


# --------------------------------------------------------------------------- helpers

def _diacritic_score(name: str) -> int:
    """The number of non-ASCII characters (each one code point, which ``encode`` drops)."""
    if name.isascii():
        return 0
    return len(name) - len(name.encode("ascii", "ignore"))


def canonical_name(names: Iterable[str]) -> str:
    """The longest full form, diacritics preferred over OCR-stripped forms, then the most frequent."""
    return _canonical_of_counts(Counter(names))


def _canonical_of_counts(counts: dict[str, int]) -> str:
    """``canonical_name`` of the names ``counts`` counts (the order of ``counts`` does not matter:
    the name itself breaks every tie)."""
    if len(counts) == 1:
        return next(iter(counts))
    if not counts:
        raise IndexError("canonical_name of no names")
    return min(counts, key=lambda n: (-len(n.split()), -_diacritic_score(n), -counts[n],
                                      -sum(c.isupper() for c in n[:1]), n))


# --------------------------------------------------------------------------- persons

@dataclass(slots=True)
class PersonRecord:
    """All mentions of one full name in one document. (Slots: resolution holds one record per
    name and document of the whole corpus, and reads their fields in every pass.)"""

    doc: str
    key: str                                  # folded full name
    names: list[str] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)   # mention_key of each
    _tokens: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def ident(self) -> tuple[str, str]:
        return (self.key, self.doc)

    @property
    def tokens(self) -> list[str]:
        """The words of the folded name, made once (``key`` does not change; read only)."""
        t = self._tokens
        if t is None:
            t = self._tokens = self.key.replace("-", " ").split()
        return t


Rule = Callable[[PersonRecord, PersonRecord], "tuple[float, str] | None"]


def rule_same_name(a: PersonRecord, b: PersonRecord) -> tuple[float, str] | None:
    if a.key == b.key:
        return 1.0, f"same full name '{b.names[0]}'"
    return None


def rule_ocr_variant(a: PersonRecord, b: PersonRecord) -> tuple[float, str] | None:
    ta, tb = a.tokens, b.tokens
    if len(ta) != len(tb) or ta[0] != tb[0]:
        return None
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) == 1 and len(diff[0][0]) >= 5 and (ocr_slip(*diff[0]) or ocr_slip(diff[0][1], diff[0][0])):
        return 0.8, f"'{a.names[0]}' and '{b.names[0]}' differ by one OCR slip"
    return None


def rule_middle_name(a: PersonRecord, b: PersonRecord) -> tuple[float, str] | None:
    """'Cecilia Rosengren' ~ 'Cecilia Wickenberg Rosengren': same given name and last surname."""
    ta, tb = a.tokens, b.tokens
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) < 2 or len(short) == len(long_) or short[0] != long_[0] or short[-1] != long_[-1]:
        return None
    it = iter(long_)
    if all(t in it for t in short):
        return 0.7, f"'{' '.join(short)}' is '{' '.join(long_)}' without a middle name"
    return None


RULES: tuple[Rule, ...] = (rule_same_name, rule_ocr_variant, rule_middle_name)


def cannot_link(a: PersonRecord, b: PersonRecord, judgements: Judgements | None) -> str | None:
    """Why two name records can never be one person, or None."""
    if judgements is not None:
        for x in a.names:
            for y in b.names:
                v = judgements.verdict(x, y)
                if v == "not_same":
                    return f"analyst: '{x}' is not '{y}'"
                if v == "same":
                    return None
    ta, tb = a.tokens, b.tokens
    if ta[0] != tb[0]:
        return f"different given names ({ta[0]} / {tb[0]})"
    if ta[-1] != tb[-1] and not (set(ta[1:]) & set(tb[1:])) and not _ocr_equal(ta[-1], tb[-1]):
        return f"different surnames ({ta[-1]} / {tb[-1]})"
    if a.parties and b.parties and not (a.parties & b.parties):
        return f"different parties ({'/'.join(sorted(a.parties))} vs {'/'.join(sorted(b.parties))})"
    return None


def _ocr_equal(x: str, y: str) -> bool:
    return ocr_slip(x, y) or ocr_slip(y, x)


def affiliation_conflict(a: PersonRecord, b: PersonRecord) -> str | None:
    """Both tied to municipalities, none shared: likely namesakes in different towns."""
    ma = {k for k in a.affiliations if _org_type(k) in ("municipality", "region")}
    mb = {k for k in b.affiliations if _org_type(k) in ("municipality", "region")}
    if ma and mb and not (ma & mb):
        return f"different municipalities ({', '.join(sorted(ma))} / {', '.join(sorted(mb))})"
    return None


def score_pair(a: PersonRecord, b: PersonRecord, judgements: Judgements | None) -> tuple[float, str] | None:
    if judgements is not None:
        for x in a.names:
            for y in b.names:
                if judgements.verdict(x, y) == "same":
                    note = judgements.notes.get(_pair(fold(x), fold(y)))
                    return 2.0, f"analyst: '{x}' is '{y}'" + (f" ({note})" if note else "")
    if cannot_link(a, b, judgements):
        return None
    best = None
    for rule in RULES:
        r = rule(a, b)
        if r is not None and (best is None or r[0] > best[0]):
            best = r
    if best is None:
        return None
    conflict = affiliation_conflict(a, b)
    if conflict:
        return best[0] - 0.5, best[1] + f"; but {conflict}"
    return best


def _person_records(extractions: Iterable[Extraction]) -> list[PersonRecord]:
    """Name records: the person mentions of each (full name or lone given name, document)."""
    records: dict[tuple[str, str], PersonRecord] = {}
    for ex in extractions:
        _add_person_records(records, ex)
    return sorted(records.values(), key=lambda r: r.ident)


def _add_person_records(records: dict[tuple[str, str], PersonRecord], ex: Extraction) -> None:
    """Add one document's person mentions to ``records``. A record keeps the mentions' keys, not
    the mentions: resolution holds every document's records at once."""
    doc = intern(ex.minutes.document.identifier)
    aff: dict[tuple, set[str]] = defaultdict(set)
    for ms in ex.memberships:
        if ms.member.kind == "person" and ms.organization.key:
            aff[mention_key(ms.member)].add(ms.organization.key)
    parties = {}
    for ref in _refs(ex):
        if ref.party:
            parties[(doc, ref.span.start, ref.span.end, "person")] = ref.party
    for m in ex.mentions:
        if m.kind != "person" or m.source.endswith("+ambiguous"):
            continue   # a given name two people of the document share: linked to no one
        lone = m.first_name_only or " " not in m.name.strip()
        key = intern(("first:" + fold(m.name)) if lone else fold(m.name))
        rec = records.get((key, doc))
        if rec is None:
            rec = records[(key, doc)] = PersonRecord(doc, key)
        rec.names.append(intern(m.name))
        mk = (doc, m.span.start, m.span.end, m.kind)
        rec.mentions.append(mk)
        tied = aff.get(mk)
        if tied:
            rec.affiliations |= tied
        party = parties.get(mk)
        if party is not None:
            rec.parties.add(party)


def _refs(ex: Extraction):
    mi = ex.minutes
    for refs in (mi.attendees, mi.absentees, mi.minute_takers, mi.chairs, mi.adjusters):
        yield from refs
    for item in mi.items:
        yield from item.presenters


_IDENT = attrgetter("key", "doc")   # PersonRecord.ident, made in C


def _cluster_people(records: list[PersonRecord], judgements: Judgements | None
                    ) -> tuple[list[list[PersonRecord]], dict[tuple, list[str]]]:
    """Clusters of records (each sorted by ident, the clusters by their first), and the reasons of
    each cluster that some scored pair proposed to merge, keyed by the idents of its records."""
    found = _person_clusters(records, judgements)
    why = {tuple(r.ident for r in cluster): reasons for cluster, reasons in found if reasons is not None}
    return [cluster for cluster, _ in found], why


def _person_clusters(records: list[PersonRecord], judgements: Judgements | None
                     ) -> list[tuple[list[PersonRecord], list[str] | None]]:
    """``_cluster_people`` as (cluster, its reasons) pairs; reasons None for a record no scored pair
    proposed to merge (the reasons are then []), so that no cluster needs a look-up by idents."""
    full = [r for r in records if not r.key.startswith("first:")]
    buckets: list[list[int]] = []
    if judgements is None:
        # Without an analyst's "same", only the RULES can link two records, and each needs the
        # same given name and either the same last name (same name, middle name, an OCR slip
        # before the last name) or all but the last name the same and the last names one OCR
        # slip apart (one letter replaced or added: such words share a one-letter deletion).
        # So only records sharing one of these blocks are compared: comparing all records with
        # one given name grew with its square (about 1M pairs at 2,000 synthetic minutes). The
        # deletion variants are made within one group of equal leading names at a time, so
        # memory holds one group's variants, not the corpus's.
        by_last: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_stem: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, r in enumerate(full):
            if r.tokens:
                by_last[(r.tokens[0], r.tokens[-1])].append(i)
                by_stem[tuple(r.tokens[:-1])].append(i)
        buckets = [idxs for idxs in by_last.values() if len(idxs) > 1]
        for idxs in by_stem.values():
            if len(idxs) < 2:
                continue
            variants: dict[str, list[int]] = defaultdict(list)
            for i in idxs:
                for variant in _deletions(full[i].tokens[-1]):
                    variants[variant].append(i)
            buckets.extend(v for v in variants.values() if len(v) > 1)
        del by_last, by_stem
    else:
        by_token: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(full):
            for t in set(r.tokens):
                by_token[t].append(i)
        buckets = list(by_token.values())
    # A pair's score and whether two records cannot link depend only on these parts of the
    # records, which the records of one person in many documents share: each distinct pair of
    # them is scored once (a common given name otherwise makes thousands of equal comparisons).
    with_names = judgements is not None
    score_sig: dict[int, tuple] = {}
    link_sig: dict[int, tuple] = {}

    def signature(i: int) -> tuple:
        """The parts of record i a score depends on; made only for records in some block (most
        names are in none), as are the union-find entries below: memory follows the candidates."""
        if i not in score_sig:
            r = full[i]
            parties, names = frozenset(r.parties), tuple(r.names) if with_names else ()
            score_sig[i] = (r.key, r.names[0], parties, frozenset(r.affiliations), names)
            link_sig[i] = (r.key, parties, names)
        return score_sig[i]

    scores: dict[tuple, tuple[float, str] | None] = {}
    pairs: dict[tuple[int, int], tuple[float, str]] = {}
    for idxs in buckets:
        for i, j in _candidate_pairs(idxs, signature):
            if (i, j) in pairs:
                continue
            sig = (signature(i), signature(j))
            if sig not in scores:
                scores[sig] = score_pair(full[i], full[j], judgements)
            s = scores[sig]
            if s is not None and s[0] >= MERGE_THRESHOLD:
                pairs[(i, j)] = s
    del buckets, scores
    links: dict[tuple, bool] = {}

    def conflict(x: int, y: int) -> bool:
        sig = (link_sig[x], link_sig[y])
        if sig not in links:
            links[sig] = bool(cannot_link(full[x], full[y], judgements))
        return links[sig]
    parent: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    kinds: dict[int, dict[tuple, int]] = {}   # root -> one member per distinct link_sig
    reasons: dict[int, list[str]] = defaultdict(list)

    def find(i: int) -> int:
        if i not in parent:   # a record of some pair, met for the first time: its own cluster
            parent[i], members[i], kinds[i] = i, [i], {link_sig[i]: i}
            return i
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(pairs.items(), key=lambda kv: (-kv[1][0], full[kv[0][0]].ident, full[kv[0][1]].ident))
    del pairs
    for (i, j), (score, reason) in order:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if any(conflict(x, y) for x in kinds[ri].values() for y in kinds[rj].values()):
            continue   # (= any cannot_link between a member of each: members of one kind are alike)
        parent[rj] = ri
        members[ri] += members.pop(rj)
        for sig, x in kinds.pop(rj).items():
            kinds[ri].setdefault(sig, x)
        reasons[ri] += reasons.pop(rj, []) + [reason]
    found: list[tuple[list[PersonRecord], list[str] | None]] = [
        (sorted((full[i] for i in ms), key=_IDENT), sorted(set(reasons.get(root, []))))
        for root, ms in members.items()]
    found += [([r], None) for i, r in enumerate(full) if i not in parent]
    found += [([r], None) for r in records if r.key.startswith("first:")]
    found.sort(key=lambda c: _IDENT(c[0][0]))
    return found


@lru_cache(maxsize=1 << 16)
def _deletions(word: str) -> tuple[str, ...]:
    """``word`` and each form of it with one letter left out, once per word (surnames recur in
    every document)."""
    return tuple(sorted({word, *[word[:k] + word[k + 1:] for k in range(len(word))]}))


def _candidate_pairs(idxs: list[int], signature: Callable[[int], tuple]) -> Iterable[tuple[int, int]]:
    """The pairs of one block (ascending indices) that can change the clustering: those with the
    first record of its kind (equal ``signature``) at one end. The same person in 5,000 minutes is
    5,000 equal records; all 12.5 million pairs of them were scored and sorted before.

    The others are redundant: records of one kind score alike with everyone and conflict alike,
    and the first one's pair with any record comes before the others' in the merge order, so a
    later record of the kind is either alone or already in the first one's cluster; a pair of two
    later records then meets clusters an earlier pair joined or found in conflict (conflicts only
    grow). tests/test_resolve_scale.py checks it against every pair on random records."""
    if len(idxs) < 2:
        return ()
    first: dict[tuple, int] = {}
    heads: list[int] = []
    for i in idxs:
        if first.setdefault(signature(i), i) == i:
            heads.append(i)
    if len(heads) == len(idxs):
        return ((idxs[x], idxs[y]) for x in range(len(idxs)) for y in range(x + 1, len(idxs)))
    head_set = set(heads)
    return ((min(h, j), max(h, j)) for h in heads for j in idxs if j != h and not (j in head_set and j < h))


def _person_entities(records: list[PersonRecord], judgements: Judgements | None,
                     mention_entity: dict, entities: dict[str, Entity]) -> None:
    drafts = []
    for cluster, reasons in _person_clusters(records, judgements):
        names = cluster[0].names if len(cluster) == 1 else [n for r in cluster for n in r.names]
        lone = cluster[0].key.startswith("first:")
        first = names[0] if names else None
        if first is not None and names.count(first) == len(names):
            name = first   # one form (most records): canonical_name's choice without counting
        else:
            name = canonical_name(names)
        base = _slug_of_folded(_folded_name(cluster, name), name)
        if lone:
            base = f"{base}-{_digest(cluster[0].doc, 6)}"   # a given name alone is only known in its document
            reasons = [f"only the given name '{name}' is written in {cluster[0].doc}"]
        elif reasons is None:
            reasons = []
        drafts.append((base, name, cluster, reasons))
    for base, name, cluster, reasons in _disambiguate(drafts):
        full_forms = {n for r in cluster for n in r.names if n != name and " " in n}
        e = Entity(key=base, kind="person", name=name, alt_labels=tuple(sorted(full_forms)) if full_forms else (),
                   reasons=tuple(reasons))
        entities[base] = e
        for r in cluster:
            mention_entity.update(zip(r.mentions, repeat(base)))


def _folded_name(cluster: list[PersonRecord], name: str) -> str:
    """``fold(name)`` for one of the names of ``cluster``'s records: the key of the record that
    has it (its folded name; "first:" and the folded name for a given name alone). Folding it
    again cost a fifth of resolving where extraction ran in other processes (--jobs), as this
    process had folded none of the names before."""
    for r in cluster:
        if name in r.names:
            return r.key.removeprefix("first:")
    return fold(name)


def _disambiguate(drafts: list[tuple[str, str, list[PersonRecord], list[str]]]):
    """Namesakes (same slug, different clusters) get a suffix: party, municipality, or first mention."""
    by_base: dict[str, list] = defaultdict(list)
    for d in drafts:
        by_base[d[0]].append(d)
    for base in sorted(by_base):
        group = by_base[base]
        if len(group) == 1:
            yield group[0]
            continue
        used = set()
        for b, name, cluster, reasons in sorted(group, key=lambda d: min(r.ident for r in d[2])):
            hint = sorted({p for r in cluster for p in r.parties}) or sorted({a for r in cluster for a in r.affiliations})
            suffix = slug(hint[0]) if hint else ""
            if not suffix or suffix in used:
                first = min((mk[0], mk[1]) for r in cluster for mk in r.mentions)
                suffix = _digest(f"{first[0]}:{first[1]}", 6)
            used.add(suffix)
            yield f"{b}-{suffix}", name, cluster, reasons + [f"namesake of another '{name}', kept apart"]


# --------------------------------------------------------------------------- organisations

def _org_type(key: str) -> str | None:
    try:
        return gazetteer.organization(key).type
    except KeyError:
        return None


_START = attrgetter("span.start")


def _doc_scope(ex: Extraction) -> str | None:
    """The municipality the document's curated organisation names point to most often (the first
    named on a tie), as extraction decides it."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in sorted(ex.mentions, key=_START):
        if m.kind == "organization" and m.key:
            scope = _key_scope(m.key)
            if scope:
                votes[scope] += 1
                first.setdefault(scope, m.span.start)
    if not votes:
        return None
    best = max(votes.values())
    return min((k for k, v in votes.items() if v == best), key=first.__getitem__)


@lru_cache(maxsize=1 << 14)
def _key_scope(key: str) -> str | None:
    """The municipality or region an organisation's key points to (itself for one), once per key."""
    return key if _org_type(key) in ("municipality", "region") else gazetteer.org_scope(key)


def _is_generic(m: Mention) -> bool:
    return m.kind == "organization" and not m.key and fold(m.name) in group_canonical()


def _municipal_group(name: str) -> bool:
    heads = cue("scoped_group_heads")
    f = fold(name)
    return any(f.endswith(h) for h in heads)


@lru_cache(maxsize=1 << 12)
def _municipal_group_of(canonical: str) -> bool:
    """``_municipal_group(canonical)``, once per canonical group name."""
    return _municipal_group(canonical)


_MEMBERSHIP_ORDER = attrgetter("member.span.start", "organization.span.start")


def org_keys(ex: Extraction, resolved: Callable[[Mention], str | None]) -> dict[tuple, tuple[str, str, str | None]]:
    """mention key -> (entity key, scope key or '', owner key) for the document's organisation mentions.

    ``resolved`` gives the key already decided for a non-generic mention (used for scopes)."""
    doc = ex.minutes.document.identifier
    scope = _doc_scope(ex)
    parent_key = resolved(ex.parent) if ex.parent is not None and not _is_generic(ex.parent) else None
    owner_of: dict[str, str] = {}     # canonical group name -> the organisation the text ties it to
    for ms in sorted(ex.memberships, key=_MEMBERSHIP_ORDER):
        if _is_generic(ms.member) and not _is_generic(ms.organization):
            k = resolved(ms.organization)
            if k:
                owner_of.setdefault(group_canonical()[fold(ms.member.name)], k)
    out = {}
    for m in ex.mentions:
        if m.kind != "organization":
            continue
        if not _is_generic(m):
            out[mention_key(m)] = (resolved(m), "", None)
            continue
        canonical = group_canonical()[fold(m.name)]
        owner = owner_of.get(canonical)
        if owner is None and not _municipal_group_of(canonical):
            owner = parent_key
        if owner is None:
            owner = scope
        key = f"{slug(canonical)}--{owner}" if owner else f"{slug(canonical)}--{slug(doc)}"
        out[mention_key(m)] = (key, canonical, owner)
    return out


def org_base_key(m: Mention) -> str:
    """Key of a non-generic organisation: its gazetteer key, else its normalised name."""
    if m.key:
        return m.key
    return _name_key(m.name)


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    """``slug(_org_lemma(name))``, once per name: the same names recur in every document."""
    return slug(_org_lemma(name))


def _org_lemma(name: str) -> str:
    words = fold(name).split()
    last = words[-1] if words else ""
    if last.endswith(("ens", "ets", "nas")):   # a genitive s after a definite form
        words[-1] = last[:-1]
    return " ".join(words)


def _add_org_mentions(ex: Extraction, mention_entity: dict, surfaces: dict[str, Counter[str]],
                      info: dict[str, dict]) -> None:
    """Key one document's organisation mentions; count their surface forms under the key (name,
    then surface of each mention: a Counter keeps the order forms were first seen, and how often,
    which is all the entity needs of them, not one entry per mention)."""
    keys = org_keys(ex, org_base_key)
    for m in ex.mentions:
        if m.kind != "organization":
            continue
        mk = mention_key(m)
        key, canonical, owner = keys[mk]
        mention_entity[mk] = key = intern(key)
        forms = surfaces.get(key)
        if forms is None:
            forms = surfaces[key] = Counter()
        name, surface = m.name, _surface(m)
        forms[name] = forms.get(name, 0) + 1
        forms[surface] = forms.get(surface, 0) + 1
        d = info.setdefault(key, {"canonical": canonical, "owner": owner, "gaz": m.key, "reasons": set()})
        if canonical:
            d["reasons"].add(f"generic name '{canonical}' scoped to "
                             + (f"organisation {owner}" if owner else f"document {ex.minutes.document.identifier}"))


def _org_entities(surfaces: dict[str, Counter[str]], info: dict[str, dict], entities: dict[str, Entity]) -> None:
    needed = set(info)
    for key in sorted(info):
        g = info[key]["gaz"]
        while g:
            entry = gazetteer.organization(g)
            if entry.parent and entry.parent not in needed:
                needed.add(entry.parent)
                info[entry.parent] = {"canonical": "", "owner": None, "gaz": entry.parent,
                                      "reasons": {f"parent of {entry.pref_label} in the gazetteer"}}
            g = entry.parent
    for key in sorted(info):
        d = info[key]
        counts = surfaces.get(key) or Counter()
        names = list(counts)   # each form once, in the order first seen (all _alt_labels needs)
        if d["gaz"]:
            entry = gazetteer.organization(d["gaz"])
            name, org_type = entry.pref_label, entry.type
            alts = list(entry.alt_labels) + names
            parents = (entry.parent,) if entry.parent else ()
            reasons = {"curated name in the gazetteer"} | d["reasons"]
        elif d["canonical"]:
            name, org_type = d["canonical"], "administration" if _municipal_group(d["canonical"]) else "group"
            alts = names
            parents = (d["owner"],) if d["owner"] and (d["owner"] in info or _org_type(d["owner"])) else ()
            reasons = d["reasons"]
        else:
            name = _canonical_of_counts({n: c for n, c in counts.items() if n})
            org_type = _type_from_name(name)
            alts = names
            parents = ()
            reasons = {"same name (case, diacritics and genitive ignored)"} if names else set()
        alt = _alt_labels(name, alts)
        entities[key] = Entity(key=key, kind="organization", name=name, alt_labels=alt, org_type=org_type,
                               parents=tuple(p for p in parents if p), reasons=tuple(sorted(reasons)))


def _surface(m: Mention) -> str:
    return _surface_of(m.span.text)


_MARKUP = re.compile(r"[~*_]+")


@lru_cache(maxsize=1 << 16)
def _surface_of(text: str) -> str:
    return _MARKUP.sub("", " ".join(text.split())).strip(" ,.;:()-")


def _alt_labels(name: str, labels: Iterable[str]) -> tuple[str, ...]:
    """Other names of an organisation, one per form that differs in more than case or a genitive
    s ('SOFs', 'Helsingborgs stads'); a form written with capitals or diacritics is preferred.

    A form met again changes nothing (it was either skipped, and still is, since ``best`` only
    grows, or it is ranked against the form it already lost to or is), so each form is looked at
    once, in the order first met; and 'key is some x + s' is a look-up of key minus its s."""
    def lemma(label: str) -> str:
        f = _org_lemma(label)
        return f[:-2] if f.endswith(":s") else f

    def rank(label: str) -> tuple:
        return (-sum(c.isupper() for c in label[:1]), -_diacritic_score(label), label)

    own = lemma(name)
    best: dict[str, str] = {}
    best_rank: dict[str, tuple] = {}
    for label in dict.fromkeys(labels):
        if not label:
            continue
        key = lemma(label)
        if key == own or key.endswith("s") and (key[:-1] == own or key[:-1] in best):
            continue
        r = rank(label)
        if key not in best or r < best_rank[key]:
            best[key], best_rank[key] = label, r
    return tuple(sorted(best.values()))


def _type_from_name(name: str) -> str:
    f = fold(name)
    for heads, t in ((("forvaltningen", "forvaltning", "kontoret"), "administration"),
                     (("namnden", "namnd", "styrelsen", "fullmaktige"), "board"),
                     (("universitet", "hogskola", "hogskolan"), "university"),
                     ((" ab",), "company"),
                     (("gruppen", "grupp", "natverket", "natverk", "teamet", "kommitten", "kommitte"), "group"),
                     (("avdelning", "enhet", "centrum", "center", "centret"), "unit")):
        if any(f.endswith(h) or f.startswith(h) for h in heads):
            return t
    return "other"


# --------------------------------------------------------------------------- projects

PROJECT_DEFINITE = (("projektet", "projekt"), ("enkaten", "enkat"), ("satsningen", "satsning"),
                    ("planen", "plan"), ("uppdraget", "uppdrag"), ("budgeten", "budget"),
                    ("kampanjen", "kampanj"), ("programmet", "program"))


def project_key(name: str) -> str:
    words = fold(name).split()
    for i, w in enumerate(words):
        for definite, base in PROJECT_DEFINITE:
            if w.endswith(definite):
                words[i] = w[: -len(definite)] + base
    return slug(" ".join(words))


@lru_cache(maxsize=1 << 16)
def _project_key(name: str) -> str:
    """``project_key(name)`` (interned), once per name."""
    return intern(project_key(name))


def _add_project_mentions(ex: Extraction, mention_entity: dict, names: dict[str, Counter[str]]) -> None:
    """Key one document's project mentions; count their names under the key (not one entry per mention)."""
    for m in ex.mentions:
        if m.kind == "project":
            key = _project_key(m.name)
            mention_entity[mention_key(m)] = key
            counts = names.get(key)
            if counts is None:
                counts = names[key] = Counter()
            counts[m.name] = counts.get(m.name, 0) + 1


def _project_entities(names: dict[str, Counter[str]], entities: dict[str, Entity]) -> None:
    for key in sorted(names):
        counts = names[key]
        if len(counts) == 1:
            name = next(iter(counts))
        else:
            name = min(counts, key=lambda n: (-_diacritic_score(n), -counts[n], -len(n), n))
        alt = tuple(sorted(n for n in counts if n != name))
        entities[key] = Entity(key=key, kind="project", name=name, alt_labels=alt,
                               reasons=("same name (case, diacritics and definite form ignored)",) if alt else ())


# --------------------------------------------------------------------------- entry point

def resolve(extractions: Iterable[Extraction], judgements: Judgements | None = None) -> Resolution:
    """Entities of the whole corpus and the entity of every mention; independent of document order.

    Reads ``extractions`` once, one at a time (a build passes them from disk, kg.spill), and
    keeps of each only what resolution needs (``document_part``)."""
    with collector_paused():
        resolver = Resolver()
        for ex in _in_identifier_order(extractions):
            resolver.add(document_part(ex))
        return resolver.finish(judgements)


def _in_identifier_order(extractions: Iterable[Extraction]) -> Iterable[Extraction]:
    """``extractions`` by document identifier; a sequence already in that order (a build's) is
    read as it is, without loading it all."""
    if getattr(extractions, "in_identifier_order", False):
        return extractions
    return sorted(extractions, key=lambda e: e.minutes.document.identifier)


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
    _add_person_records(records, ex)
    org_mentions: dict[tuple, str] = {}
    org_forms: dict[str, Counter[str]] = {}
    org_info: dict[str, dict] = {}
    _add_org_mentions(ex, org_mentions, org_forms, org_info)
    project_mentions: dict[tuple, str] = {}
    project_names: dict[str, Counter[str]] = {}
    _add_project_mentions(ex, project_mentions, project_names)
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
        """The entities and every mention's entity. The resolver is used up."""
        with collector_paused():
            return self._finish(judgements)

    def _finish(self, judgements: Judgements | None) -> Resolution:
        entities: dict[str, Entity] = {}
        person_mentions: dict[tuple, str] = {}
        _person_entities(sorted(self.records.values(), key=_IDENT), judgements, person_mentions, entities)
        self.records = {}
        org_entities: dict[str, Entity] = {}
        _org_entities(self.surfaces, self.info, org_entities)
        self.surfaces, self.info = {}, {}
        project_entities: dict[str, Entity] = {}
        _project_entities(self.project_names, project_entities)
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
