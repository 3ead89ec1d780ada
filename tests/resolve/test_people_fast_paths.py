"""Resolution compares kinds of name records, not every pair of records: the same person in
thousands of minutes is thousands of equal records. The clusters must be those comparing every
pair gives (the plain form in tests/oracles/resolve.py is the greedy merge over all pairs, as resolution was)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.resolve import Judgements, PersonRecord
from tests.oracles.resolve import cluster_people, plain_cluster_people

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
    from pathlib import Path

    from bench.synth import write_corpus
    from kg.pipeline import process_document
    from kg.read import read_paths
    from kg.resolve.people import add_person_records
    from tests import onebody

    data = Path(__file__).parent.parent / "data"

    write_corpus(12, tmp_path / "synth", seed=5)
    onebody.write(25, tmp_path / "onebody")
    docs = [d for d in read_paths([data / "seeds", data / "genres" / "docs", tmp_path / "synth", tmp_path / "onebody"])
            if not hasattr(d, "severity")]
    by_key: dict = {}
    for d in docs:
        add_person_records(by_key, process_document(d))
    records = sorted(by_key.values(), key=lambda r: r.ident)
    assert sum(r.key == "mats nilsson" for r in records) >= 25
    _same(records, None)
