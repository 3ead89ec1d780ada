"""People: small scored rules over name records (one per document and full name), merged greedily
from the best score down, with a cannot-link check across clusters before each merge."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from sys import intern

from ..lexicons.cues import ocr_slip
from ..models import Entity, Extraction, mention_key
from ..text import digest as _digest
from ..text import fold
from ..text import name_slug as slug
from ..text import name_slug_of_folded as _slug_of_folded
from .common import canonical_name
from .judgements import Judgements, ordered_pair
from .organizations import org_type_of_key

MERGE_THRESHOLD = 0.65


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
    ma = {k for k in a.affiliations if org_type_of_key(k) in ("municipality", "region")}
    mb = {k for k in b.affiliations if org_type_of_key(k) in ("municipality", "region")}
    if ma and mb and not (ma & mb):
        return f"different municipalities ({', '.join(sorted(ma))} / {', '.join(sorted(mb))})"
    return None


def score_pair(a: PersonRecord, b: PersonRecord, judgements: Judgements | None) -> tuple[float, str] | None:
    if judgements is not None:
        for x in a.names:
            for y in b.names:
                if judgements.verdict(x, y) == "same":
                    note = judgements.notes.get(ordered_pair(fold(x), fold(y)))
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


def add_person_records(records: dict[tuple[str, str], PersonRecord], ex: Extraction) -> None:
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


IDENT = attrgetter("key", "doc")   # PersonRecord.ident, made in C


def person_clusters(records: list[PersonRecord], judgements: Judgements | None
                    ) -> list[tuple[list[PersonRecord], list[str] | None]]:
    """Clusters of records, each sorted by ident, the clusters by their first, with the reasons
    some scored pair proposed to merge them; reasons None for a record no scored pair proposed
    to merge (the reasons are then [])."""
    full = [r for r in records if not r.key.startswith("first:")]
    link_sig: dict[int, tuple] = {}
    order = _scored_pairs(full, _blocks(full, judgements), judgements, link_sig)
    found = _merged(full, order, judgements, link_sig)
    found += [([r], None) for r in records if r.key.startswith("first:")]
    found.sort(key=lambda c: IDENT(c[0][0]))
    return found


def _blocks(full: list[PersonRecord], judgements: Judgements | None) -> list[list[int]]:
    """The groups of records (indices into ``full``) within which pairs are compared."""
    if judgements is not None:
        by_token: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(full):
            for t in set(r.tokens):
                by_token[t].append(i)
        return list(by_token.values())
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
    return buckets


def _scored_pairs(full: list[PersonRecord], buckets: list[list[int]], judgements: Judgements | None,
                  link_sig: dict[int, tuple]) -> list[tuple[tuple[int, int], tuple[float, str]]]:
    """The pairs of a block that score at least MERGE_THRESHOLD, best first; ``link_sig`` gets,
    for each record in a block, the parts of it ``cannot_link`` depends on."""
    # A pair's score and whether two records cannot link depend only on these parts of the
    # records, which the records of one person in many documents share: each distinct pair of
    # them is scored once (a common given name otherwise makes thousands of equal comparisons).
    with_names = judgements is not None
    score_sig: dict[int, tuple] = {}

    def signature(i: int) -> tuple:
        """The parts of record i a score depends on; made only for records in some block (most
        names are in none), as are the union-find entries: memory follows the candidates."""
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
    del scores
    return sorted(pairs.items(), key=lambda kv: (-kv[1][0], full[kv[0][0]].ident, full[kv[0][1]].ident))


def _merged(full: list[PersonRecord], order: list[tuple[tuple[int, int], tuple[float, str]]],
            judgements: Judgements | None, link_sig: dict[int, tuple]
            ) -> list[tuple[list[PersonRecord], list[str] | None]]:
    """The clusters of ``full``: the pairs merged in ``order`` (union-find) unless a member of one
    cannot link with a member of the other; each record no pair names alone (reasons None)."""
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

    for (i, j), (_score, reason) in order:
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
        (sorted((full[i] for i in ms), key=IDENT), sorted(set(reasons.get(root, []))))
        for root, ms in members.items()]
    found += [([r], None) for i, r in enumerate(full) if i not in parent]
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


def add_person_entities(records: list[PersonRecord], judgements: Judgements | None,
                     mention_entity: dict, entities: dict[str, Entity]) -> None:
    drafts = []
    for cluster, reasons in person_clusters(records, judgements):
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
