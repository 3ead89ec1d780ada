"""The plain forms of kg.resolve's fast paths: each the code as it was before it was made faster,
and the greedy merge over every pair of name records (tests/resolve/*_fast_paths.py)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.models import Entity
from kg.nlp import fold
from kg.resolve import MERGE_THRESHOLD, Judgements, PersonRecord, cannot_link, score_pair
from kg.resolve.people import person_clusters


def plain_diacritic_score(name: str) -> int:
    return sum(1 for c in name if not c.isascii())


def plain_canonical_name(names) -> str:
    counts = Counter(names)
    return sorted(counts, key=lambda n: (-len(n.split()), -sum(c.isupper() for c in n[:1]),
                                         -plain_diacritic_score(n), -counts[n], n))[0]


def plain_org_lemma(name: str) -> str:
    words = fold(name).split()
    last = words[-1] if words else ""
    if re.search(r"(en|et|na)s$", last):
        words[-1] = last[:-1]
    return " ".join(words)


def plain_alt_labels(name: str, labels) -> tuple[str, ...]:
    def lemma(label: str) -> str:
        f = plain_org_lemma(label)
        return f[:-2] if f.endswith(":s") else f

    own = lemma(name)
    best: dict[str, str] = {}
    for label in labels:
        if not label:
            continue
        key = lemma(label)
        if key == own or any(key == x + "s" for x in (own, *best)):
            continue
        rank = (-sum(c.isupper() for c in label[:1]), -plain_diacritic_score(label), label)
        if key not in best or rank < (-sum(c.isupper() for c in best[key][:1]), -plain_diacritic_score(best[key]), best[key]):
            best[key] = label
    return tuple(sorted(best.values()))


def plain_surface(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"[~*_]+", "", text).strip(" ,.;:()-")


def plain_project_entities(names: dict[str, list[str]]) -> dict[str, Entity]:
    entities = {}
    for key in sorted(names):
        ns = names[key]
        counts = Counter(ns)
        name = sorted(counts, key=lambda n: (-plain_diacritic_score(n), -counts[n], -len(n), n))[0]
        alt = tuple(sorted(set(ns) - {name}))
        entities[key] = Entity(key=key, kind="project", name=name, alt_labels=alt,
                               reasons=("same name (case, diacritics and definite form ignored)",) if alt else ())
    return entities


def plain_cluster_people(records: list[PersonRecord], judgements: Judgements | None):
    """Every pair of full-name records (with judgements: that share a word) scored, merged greedily from the best score down, each
    merge checked for a cannot-link between every member of the two clusters."""
    full = [r for r in records if not r.key.startswith("first:")]
    pairs = []
    for i in range(len(full)):
        for j in range(i + 1, len(full)):
            if judgements is not None and not set(full[i].tokens) & set(full[j].tokens):
                continue
            if judgements is None and full[i].tokens[0] != full[j].tokens[0]:
                continue   # (every rule, and cannot_link, needs the same given name)
            s = score_pair(full[i], full[j], judgements)
            if s is not None and s[0] >= MERGE_THRESHOLD:
                pairs.append((i, j, s))
    pairs.sort(key=lambda p: (-p[2][0], full[p[0]].ident, full[p[1]].ident))
    cluster = {i: i for i in range(len(full))}
    members = {i: [i] for i in range(len(full))}
    reasons: dict[int, list[str]] = defaultdict(list)
    for i, j, (_, reason) in pairs:
        ri, rj = cluster[i], cluster[j]
        if ri == rj or any(cannot_link(full[x], full[y], judgements) for x in members[ri] for y in members[rj]):
            continue
        for x in members[rj]:
            cluster[x] = ri
        members[ri] += members.pop(rj)
        reasons[ri] += reasons.pop(rj, []) + [reason]
    out = [sorted((full[i] for i in ms), key=lambda r: r.ident) for ms in members.values()]
    out += [[r] for r in records if r.key.startswith("first:")]
    out.sort(key=lambda c: c[0].ident)
    paired = {i for i, j, _ in pairs} | {j for i, j, _ in pairs}   # (the others have no reasons at all)
    why = {tuple(r.ident for r in sorted((full[i] for i in ms), key=lambda r: r.ident)):
           sorted(set(reasons.get(root, []))) for root, ms in members.items() if paired & set(ms)}
    return out, why


def cluster_people(records: list[PersonRecord], judgements: Judgements | None
                   ) -> tuple[list[list[PersonRecord]], dict[tuple, list[str]]]:
    """kg.resolve.people.person_clusters in the form plain_cluster_people gives: the clusters, and
    the reasons of each cluster some scored pair proposed to merge, keyed by its records' idents."""
    found = person_clusters(records, judgements)
    why = {tuple(r.ident for r in cluster): reasons for cluster, reasons in found if reasons is not None}
    return [cluster for cluster, _ in found], why


# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.resolve.organizations import _alt_labels as alt_labels  # noqa: E402, F401
from kg.resolve.organizations import _name_key as name_key  # noqa: E402, F401
from kg.resolve.organizations import _org_lemma as org_lemma  # noqa: E402, F401
from kg.resolve.organizations import _surface_of as surface_of  # noqa: E402, F401
from kg.resolve.people import _folded_name as folded_name  # noqa: E402, F401
