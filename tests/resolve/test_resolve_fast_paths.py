"""The faster forms in kg.resolve give what the plain forms they replace gave.

Each plain form (tests/oracles/resolve.py) is the code as it was before it was made faster; the faster one must agree
with it on every input (hypothesis), so that a build's Resolution does not change."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Entity
from kg.nlp import fold
from kg.resolve import common as C
from kg.resolve import organizations as O
from kg.resolve import people as P
from kg.resolve import projects as J
from tests.oracles.resolve import (
    alt_labels,
    cluster_people,
    folded_name,
    name_key,
    org_lemma,
    plain_alt_labels,
    plain_canonical_name,
    plain_diacritic_score,
    plain_org_lemma,
    plain_project_entities,
    plain_surface,
    surface_of,
)

# --------------------------------------------------------------------------- strategies

# organisation-like forms that collide under folding, genitive s, ':s' and definite endings
_WORDS = ["Socialnämnden", "socialnamnden", "Socialnämndens", "SOCIALNÄMNDEN", "SOF", "SOFs", "SOF:s",
          "Kommunen", "kommunens", "Kommunens", "Helsingborgs stad", "Helsingborgs stads", "helsingborgs stad",
          "Styrelsen", "styrelsens", "Ab", "AB", "Abs", "Skolan", "skolans", "Skolans", "", "Nätet", "natets",
          "Gruppen", "gruppens", "gruppen", "Gruppena", "gruppenas", "X", "Xs", "xs", "Xss"]
_LABEL = st.one_of(st.sampled_from(_WORDS),
                   st.text(alphabet="aAeEnNsStTåÅöÖ :-", min_size=0, max_size=8))
_NAME = st.one_of(st.sampled_from(["Anna Svensson", "Anna Svensson", "anna svensson", "Åsa Öberg", "Asa Oberg",
                                   "Anna", "Anna Maria Svensson", "ANNA SVENSSON", "Per Åkesson"]),
                  st.text(alphabet="aAåÅ sS", min_size=1, max_size=6))


# --------------------------------------------------------------------------- tests

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_diacritic_score_counts_non_ascii_characters(text):
    assert C.diacritic_score(text) == plain_diacritic_score(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=12))
def test_canonical_name_is_the_plain_choice(names):
    assert C.canonical_name(names) == plain_canonical_name(names)
    assert C.canonical_of_counts(Counter(names)) == plain_canonical_name(names)
    # counts given in another order choose the same
    assert C.canonical_of_counts(dict(reversed(Counter(names).most_common()))) == plain_canonical_name(names)


@settings(max_examples=300, deadline=None)
@given(_LABEL)
def test_org_lemma_and_surface_are_the_plain_forms(label):
    assert org_lemma(label) == plain_org_lemma(label)
    assert name_key(label) == O.slug(plain_org_lemma(label)) if fold(label).strip() else True
    assert surface_of(label + " ~*_ ,") == plain_surface(label + " ~*_ ,")
    assert surface_of(label) == plain_surface(label)


@settings(max_examples=500, deadline=None)
@given(_LABEL, st.lists(_LABEL, max_size=30))
def test_alt_labels_of_each_form_once_are_those_of_every_occurrence(name, labels):
    """_org_entities passes each surface form once, in the order first met (a Counter's keys):
    the result must be the plain loop's over every occurrence."""
    expected = plain_alt_labels(name, labels)
    assert alt_labels(name, labels) == expected
    assert alt_labels(name, list(Counter(labels))) == expected
    doubled = [x for label in labels for x in (label, label.upper())]
    assert alt_labels(name, list(Counter(doubled))) == plain_alt_labels(name, doubled)


def test_alt_labels_order_of_first_meeting_matters_and_is_kept():
    """A genitive form met before its base form is kept, after it is not: so the forms must keep
    the order they were first met in (a set would not)."""
    assert plain_alt_labels("Annat", ["SOFs", "SOF"]) == ("SOF", "SOFs")
    assert plain_alt_labels("Annat", ["SOF", "SOFs"]) == ("SOF",)
    for labels in (["SOFs", "SOF", "SOFs"], ["SOF", "SOFs", "SOF"], ["sof", "SOFs", "SOF", "sofs"]):
        assert alt_labels("Annat", list(Counter(labels))) == plain_alt_labels("Annat", labels)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["p1", "p2", "p3"]), st.lists(_NAME, min_size=1, max_size=8), min_size=1))
def test_project_entities_from_counts_are_those_from_every_name(names):
    entities: dict[str, Entity] = {}
    J.add_project_entities({k: Counter(v) for k, v in names.items()}, entities)
    assert entities == plain_project_entities(names)
    assert list(entities) == list(plain_project_entities(names))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["anna", "per", "asa"]),
                          st.lists(st.sampled_from(["svensson", "svenson", "svenssom", "berg", "oberg", "lind"]),
                                   min_size=1, max_size=2),
                          st.sampled_from(["", "S", "M"]), st.integers(0, 4), st.booleans()),
                min_size=1, max_size=25))
def test_person_clusters_are_sorted_partitions_with_reasons_of_merged_ones(rows):
    """person_clusters with reasons keyed by idents (cluster_people);
    clusters partition the records, each sorted by ident, the clusters by their first."""
    records = {}
    for given_name, surnames, party, doc, lone in rows:
        key = ("first:" + given_name) if lone else " ".join([given_name, *surnames])
        rec = records.setdefault((key, f"{doc}.txt"), P.PersonRecord(f"{doc}.txt", key))
        rec.names.append(given_name.title() if lone else key.title())
        if party:
            rec.parties.add(party)
    recs = sorted(records.values(), key=lambda r: r.ident)
    found = P.person_clusters(recs, None)
    clusters, why = cluster_people(recs, None)
    assert [c for c, _ in found] == clusters
    assert sorted(r.ident for c in clusters for r in c) == [r.ident for r in recs]
    assert [c[0].ident for c in clusters] == sorted(c[0].ident for c in clusters)
    for c, reasons in found:
        assert [r.ident for r in c] == sorted(r.ident for r in c)
        assert (reasons is None) == (tuple(r.ident for r in c) not in why)
        if len(c) > 1:
            assert reasons and why[tuple(r.ident for r in c)] == reasons


@pytest.mark.parametrize("name", ["Åsa Öberg", "Åsa", "ANNA-KARIN Wickenberg", "Per  Skålén"])
def test_a_cluster_gives_the_folded_form_of_its_names(name):
    """_folded_name reads fold(name) off the record that has the name (its key, "first:" and the
    folded name for a given name alone) instead of folding again."""
    lone = " " not in name.strip()
    cluster = [P.PersonRecord("a.txt", fold("Mats Nilsson"), names=["Mats Nilsson"]),
               P.PersonRecord("b.txt", ("first:" if lone else "") + fold(name), names=[name])]
    assert folded_name(cluster, name) == fold(name)
    assert folded_name(cluster, "Lisa Berg") == fold("Lisa Berg")   # no record has it: folded
