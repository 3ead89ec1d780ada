"""The synthetic corpus: deterministic, every genre, realistic size, and truth that agrees with the text."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synth
from kg.models import Document
from kg.read import read_paths

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")
def rstripped(text: str) -> str:
    """Lines without trailing blanks: some variants leave a space at the end of every line, as Word does."""
    return "\n".join(line.rstrip() for line in text.splitlines())


MONTHS_SHORT = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sept", "okt", "nov", "dec")


def date_forms(iso: str) -> list[str]:
    """The ways minutes write a date (written out here, independently of the generator)."""
    d = dt.date.fromisoformat(iso)
    return [iso, f"{d.day} {MONTHS[d.month - 1]} {d.year}", f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}",
            f"{d:%y%m%d}", f"den {d.day} {MONTHS[d.month - 1]} kl"]


def time_forms(hhmm: str) -> list[str]:
    return [hhmm, hhmm.replace(":", ".")]


# ---------------------------------------------------------------------------------------------
# Determinism


def test_same_seed_same_bytes():
    assert list(synth.generate_corpus(12, seed=7)) == list(synth.generate_corpus(12, seed=7))


def test_written_files_are_identical_between_runs(tmp_path):
    a = synth.write_corpus(6, tmp_path / "a", seed=3)
    b = synth.write_corpus(6, tmp_path / "b", seed=3)
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_different_seeds_give_different_documents():
    zero = list(synth.generate_corpus(8, seed=0))
    one = list(synth.generate_corpus(8, seed=1))
    assert all(a[1] != b[1] for a, b in zip(zero, one))


def test_seed_one_is_not_seed_zero_shifted_by_one():
    # Random(seed + index) would make document 0 of seed 1 equal document 1 of seed 0.
    assert synth.generate_document(0, seed=1)[1] != synth.generate_document(1, seed=0)[1]


def test_a_document_does_not_depend_on_the_corpus_size():
    assert list(synth.generate_corpus(3, seed=5))[2] == list(synth.generate_corpus(9, seed=5))[2]


# ---------------------------------------------------------------------------------------------
# Genres

GENRE_MARKERS = {
    # genre: patterns every document of the genre has (from the sample minutes and the brief)
    "ledningsgrupp": [r"^(Deltagare|Närvarande)[^:\n]*: \w+", r"^1\. \w", r"^2\. \w", r"^3\. \w"],
    "protokoll": [r"^Tid och plats$", r"^Beslutande$", r"^Övriga närvarande$", r"^Justerare$",
                  r"\((S|M|C|L|KD|V|MP|SD)\),? ordförande$", r"^§ \d+", r"^att \w", r"^Ordförande \.+$",
                  r"^Sekreterare \.+$"],
    "natverk": [r"^Plats och tid: ", r"^\d\d\.\d\d \*\*[^*]+\*\*$", r"^\d\d\.\d\d Övrigt$", r"^ordförande$"],
    "arbetsgrupp": [r"^Närvarande", r"[\w-]+ [\w-]+ \(antecknar\)"],
}


@pytest.mark.parametrize("genre", synth.GENRES)
def test_every_genre_has_its_markers(genre):
    docs = [(n, t, tr) for n, t, tr in synth.generate_corpus_with_truth(40, seed=11) if tr["genre"] == genre]
    assert len(docs) == 10
    for name, text, _ in docs:
        text = rstripped(text)
        for pattern in GENRE_MARKERS[genre]:
            assert re.search(pattern, text, re.MULTILINE), (name, pattern)


def test_working_group_items_are_not_numbered():
    for _, text, truth in synth.generate_corpus_with_truth(24, seed=2):
        if truth["genre"] == "arbetsgrupp":
            assert not re.search(r"^\d+\. ", text, re.MULTILINE)
            assert all(item["ordinal"] is None for item in truth["agenda_items"])


@pytest.mark.parametrize("start", [0, 4, 40, 1000])
def test_any_four_consecutive_documents_of_a_block_hold_every_genre(start):
    assert {synth.genre_of(i, seed=9) for i in range(start, start + 4)} == set(synth.GENRES)


def test_network_notes_are_markdown_files_and_the_rest_text():
    for name, _, truth in synth.generate_corpus_with_truth(8, seed=0):
        assert name.endswith(".md" if truth["genre"] == "natverk" else ".txt")


def test_corpus_mixes_municipalities_and_bodies():
    truths = [tr for _, _, tr in synth.generate_corpus_with_truth(60, seed=4)]
    assert len({tr["meeting"]["body"] for tr in truths}) >= 20
    assert len({tr["meeting"]["date"] for tr in truths}) >= 55


@pytest.mark.parametrize("place, genitive, organisation", [
    ("Lund", "Lunds", "Lunds kommun"),
    ("Helsingborg", "Helsingborgs", "Helsingborgs stad"),
    ("Borås", "Borås", "Borås kommun"),
    ("Höganäs", "Höganäs", "Höganäs kommun"),
    ("Vara", "Vara", "Vara kommun"),
    ("Örkelljunga", "Örkelljunga", "Örkelljunga kommun"),
    ("Falun", "Falu", "Falu kommun"),
    ("Malmö", "Malmö", "Malmö stad"),
])
def test_municipality_names(place, genitive, organisation):
    assert synth.genitive(place) == genitive
    assert synth.municipality_org(place) == organisation


def test_at_least_thirty_municipalities():
    assert len(synth.MUNICIPALITIES) >= 30


def test_name_lists_hold_names():
    for names in (synth.first_names(), synth.surnames()):
        assert len(names) >= 50
        assert list(names) == sorted(set(names))
        assert all(n[0].isupper() and not any(ch.isdigit() for ch in n) for n in names)


# ---------------------------------------------------------------------------------------------
# Ground truth agrees with the text


def check_truth(name: str, text: str, truth: dict) -> None:
    flat = " ".join(text.split())
    assert truth["document"] == name
    assert 300 <= truth["words"] == len(text.split()) <= 1500
    assert 3 <= len(truth["agenda_items"]) <= 12
    meeting = truth["meeting"]
    assert meeting["body"] in text
    assert any(form in text for form in date_forms(meeting["date"])), meeting["date"]
    for key in ("start", "end"):
        if meeting[key]:
            assert any(form in text for form in time_forms(meeting[key])), (key, meeting[key])
    if meeting["location"]:
        assert meeting["location"] in text
    for role in ("attendees", "absentees", "minute_takers", "minute_takers_optional", "chairs", "adjusters"):
        for person in truth[role]:
            assert person in text, (role, person)
    assert not set(truth["attendees"]) & set(truth["absentees"])
    assert set(truth["chairs"]) <= set(truth["attendees"])
    titles = [item["title"] for item in truth["agenda_items"]]
    assert len({t.lower() for t in titles}) == len(titles)
    for item in truth["agenda_items"]:
        assert item["title"] in text
        for presenter in item["presenters"]:
            assert presenter in flat, (item["title"], presenter)
        assert item["decisions"] == len(item["decision_texts"])
    assert truth["decisions"] == [d for item in truth["agenda_items"] for d in item["decision_texts"]]
    for decision in truth["decisions"] + truth["decisions_optional"]:
        assert decision in text
    for person in truth["persons"]:
        assert person in flat
    for person, organisation in truth["memberships"]:
        assert person in truth["persons"]
        assert organisation in truth["organizations"]
    for person, party in truth["parties"].items():
        assert f"{person} ({party})" in text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), index=st.integers(0, 10**6))
def test_truth_agrees_with_text(seed, index):
    check_truth(*synth.generate_document(index, seed))


def test_truth_agrees_with_text_over_a_corpus():
    for name, text, truth in synth.generate_corpus_with_truth(80, seed=0):
        check_truth(name, text, truth)


def test_struck_through_names_are_exactly_the_absentees():
    for _, text, truth in synth.generate_corpus_with_truth(40, seed=6):
        if truth["genre"] == "natverk":
            struck = [m.split(",")[0] for m in re.findall(r"^~~(.+?)~~$", text, re.MULTILINE)]
            assert struck == truth["absentees"]


def test_substitutes_stand_in_for_the_absentees():
    seen = 0
    for _, text, truth in synth.generate_corpus_with_truth(80, seed=6):
        if truth["genre"] == "protokoll":
            replaced = re.findall(r"^.+ \(\w+\) för (.+) \(\w+\)$", rstripped(text), re.MULTILINE)
            assert replaced == truth["absentees"]
            seen += len(replaced)
    assert seen > 0


def test_items_are_numbered_as_the_truth_says():
    for _, text, truth in synth.generate_corpus_with_truth(40, seed=8):
        for item in truth["agenda_items"]:
            if truth["genre"] == "ledningsgrupp":
                assert re.search(rf"^{item['ordinal']}\. {re.escape(item['title'])}", text, re.MULTILINE)
            elif truth["genre"] == "protokoll":
                assert re.search(rf"^§ {item['ordinal']}\b", text, re.MULTILINE)
                if item["identifier"]:
                    assert re.match(r"Dnr [A-Z]+ \d{4}/\d+$", item["identifier"])
                    assert item["identifier"] in text


def test_written_corpus_reads_as_documents(tmp_path):
    paths = synth.write_corpus(8, tmp_path, seed=1, with_truth=True)
    docs = [d for d in read_paths([tmp_path]) if isinstance(d, Document)]
    assert sorted(d.identifier for d in docs) == sorted(p.name for p in paths)
    by_name = {d.identifier: d for d in docs}
    for name, text, truth in synth.generate_corpus_with_truth(8, seed=1):
        assert by_name[name].text == text
        assert by_name[name].media_type == ("text/markdown" if name.endswith(".md") else "text/plain")
        assert json.loads((tmp_path / f"{name}.truth.json").read_text(encoding="utf-8")) == truth


@pytest.mark.parametrize("genre, decision_pattern", [
    ("protokoll", r"^att \w.*[,.]$"),                 # every att-clause line is one decision
    ("natverk", r"(?<=^Beslut\n\n)att .+$"),          # "Beslut", blank line, the att-paragraph
    ("ledningsgrupp", r"(?<=^Beslut: ).+$"),
])
def test_decisions_are_counted_as_the_text_shows_them(genre, decision_pattern):
    total = 0
    for _, text, truth in synth.generate_corpus_with_truth(40, seed=12):
        if truth["genre"] == genre:
            found = re.findall(decision_pattern, rstripped(text), re.MULTILINE)
            assert found == truth["decisions"]
            total += len(found)
    assert total > 0
