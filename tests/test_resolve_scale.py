"""Resolution compares kinds of name records, not every pair of records: the same person in
thousands of minutes is thousands of equal records. The clusters must be those comparing every
pair gives (the plain form below is the greedy merge over all pairs, as resolution was)."""
from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.resolve import MERGE_THRESHOLD, Judgements, PersonRecord, cannot_link, score_pair
from kg.resolve.people import cluster_people

# --------------------------------------------------------------------------- plain form

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


# --------------------------------------------------------------------------- random records

_NAME = st.sampled_from(["anna berg", "anna holm", "anna holrn", "anna lena holm", "per lund", "per lundh",
                         "per nilsson", "per nilssen", "first:anna"])
_ROW = st.tuples(_NAME, st.sampled_from(["", "S", "M", "SM"]), st.sampled_from(["", "a", "b"]),
                 st.integers(0, 30), st.booleans())


def _records(rows) -> list[PersonRecord]:
    records: dict[tuple[str, str], PersonRecord] = {}
    for key, parties, aff, doc, upper in rows:
        rec = records.setdefault((key, f"{doc:02d}.txt"), PersonRecord(f"{doc:02d}.txt", key))
        name = key.removeprefix("first:")
        rec.names.append(name.title() if upper else name)
        rec.parties |= set(parties)
        if aff:
            rec.affiliations.add(aff)
        rec.mentions.append((rec.doc, len(rec.mentions), 0, "person"))
    return sorted(records.values(), key=lambda r: r.ident)


def _same(records, judgements):
    got, why = cluster_people(records, judgements)
    want, want_why = plain_cluster_people(records, judgements)
    assert [[r.ident for r in c] for c in got] == [[r.ident for r in c] for c in want]
    assert why == want_why


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW, min_size=1, max_size=60))
def test_clusters_are_those_of_every_pair(rows):
    _same(_records(rows), None)


_JUDGED = st.lists(st.tuples(_NAME.filter(lambda n: not n.startswith("first:")),
                             _NAME.filter(lambda n: not n.startswith("first:")),
                             st.sampled_from(["same", "not_same"])), max_size=3)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW, min_size=1, max_size=40), _JUDGED)
def test_clusters_with_judgements_are_those_of_every_pair(rows, judged):
    same = {tuple(sorted((a, b))) for a, b, v in judged if v == "same" and a != b}
    not_same = {tuple(sorted((a, b))) for a, b, v in judged if v == "not_same" and a != b} - same
    _same(_records(rows), Judgements(frozenset(same), frozenset(not_same)))


def test_the_same_person_in_many_minutes_is_one_cluster():
    rows = [("anna berg", "S", "a", d, d % 2 == 0) for d in range(2000)] + [("anna berg", "", "", 3, False)]
    clusters, why = cluster_people(_records(rows), None)
    assert [len(c) for c in clusters] == [2000]
    assert list(why.values()) == [["same full name 'Anna Berg'", "same full name 'anna berg'"]]


def test_clusters_of_real_and_synthetic_minutes_are_those_of_every_pair(tmp_path):
    """The sample minutes, the genre samples, synthetic minutes and one body's weekly minutes."""
    import sys
    from pathlib import Path

    from bench.synth import write_corpus
    from kg.pipeline import process_document
    from kg.read import read_paths
    from kg.resolve.people import person_records

    data = Path(__file__).parent / "data"
    sys.path.insert(0, str(Path(__file__).parent))
    import onebody

    write_corpus(12, tmp_path / "synth", seed=5)
    onebody.write(25, tmp_path / "onebody")
    docs = [d for d in read_paths([data / "seeds", data / "genres" / "docs", tmp_path / "synth", tmp_path / "onebody"])
            if not hasattr(d, "severity")]
    records = person_records(process_document(d) for d in docs)
    assert sum(r.key == "mats nilsson" for r in records) >= 25
    _same(records, None)
