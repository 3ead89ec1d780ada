"""Incremental builds (``kg build`` with its cache) give the very bytes of a clean build.

A rebuild takes unchanged documents' summaries (their part of resolution) and serialised graphs
from the cache, and each entity's part of the entities' graph; what a document's graph is made of
includes its mentions' entities, so a document that changes who someone is changes the graphs of
unchanged documents too. These tests add, change and remove documents of a small corpus (synthetic
minutes that share people and organisations, and real samples) and compare every output with a
build of the same folder without the cache.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench import synth
from kg.cli import main
from kg.pipeline import modeljson

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = [DATA / "seeds" / "000_72be01b0eb7bbc95.txt", *sorted((DATA / "genres" / "docs").glob("*"))[:2]]
# Names Cecilia Wickenberg Rosengren in full: added to the corpus, it makes the note's "Cecilia
# Rosengren" the same person, under the longer name, so the note's graph changes though its file does not.
FULL_NAME = DATA / "seeds" / "001_c5a28c6c6790d8b8.txt"
NOTE = """Mötesanteckningar ledningsgruppen 2024-10-01

Deltagare: Cecilia Rosengren, Tony Mufic, Maria Holm

1. Läget i verksamheten
Cecilia Rosengren informerar om läget inför hösten.
"""


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Five synthetic minutes (of one world: bodies and places recur), three samples and a short
    note that names someone a sample names in full."""
    folder = tmp_path / "corpus"
    synth.write_corpus(5, folder, seed=3)
    for p in SAMPLES:
        shutil.copy(p, folder / f"sample-{p.name}")
    (folder / "sample-note.txt").write_text(NOTE, encoding="utf-8")
    return folder


def synthetic(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("sample-"))


def rename_someone(path: Path, new_name: str) -> None:
    """Give the first person listed in ``path`` (a line "Förnamn Efternamn (S)" or "..., Ort") another name."""
    import re

    text = path.read_text(encoding="utf-8")
    found = re.search(r"^([A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+)(?: \(|,)", text, flags=re.M)
    assert found, f"no attendance line in {path.name}"
    path.write_text(text.replace(found.group(1), new_name), encoding="utf-8")


def _build(folder: Path, out: Path, cache: Path | None, store: Path | None = None) -> bytes:
    argv = ["build", str(folder), "--out", str(out), "--quiet"]
    argv += ["--cache", str(cache)] if cache else ["--no-cache"]
    argv += ["--store", str(store)] if store else []
    assert main(argv) == 0
    return out.read_bytes()


def _quads(store: Path) -> set[str]:
    s = ox.Store.read_only(str(store))
    try:
        return {str(q) for q in s}
    finally:
        del s


def _same_as_clean(folder: Path, tmp: Path, name: str, cached: bytes, store: Path | None = None) -> None:
    """``cached`` (what the build with the cache wrote) is byte for byte a clean build's."""
    clean_dir = tmp / f"clean-{len(list(tmp.iterdir()))}"
    clean_dir.mkdir()
    clean = _build(folder, clean_dir / name, None, clean_dir / "store" if store else None)
    assert cached == clean
    if store:
        assert _quads(store) == _quads(clean_dir / "store")


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nq", "graph.trig"])
def test_adding_changing_and_removing_documents_give_the_clean_graph(corpus, tmp_path, name):
    cache, out = tmp_path / "cache", tmp_path / "out" / name
    store = tmp_path / "store" if name == "graph.ttl" else None
    checks = tmp_path / "checks"
    checks.mkdir()

    first = _build(corpus, out, cache, store)
    _same_as_clean(corpus, checks, name, first, store)
    assert b"cecilia-rosengren" in first

    shutil.copy(FULL_NAME, corpus / "sample-full-name.txt")                 # added
    added = _build(corpus, out, cache, store)
    _same_as_clean(corpus, checks, name, added, store)
    assert b"cecilia-rosengren" not in added   # the note's mentions now point to the full name

    rename_someone(synthetic(corpus)[1], "Ingrid Wallin")                   # changed
    _same_as_clean(corpus, checks, name, _build(corpus, out, cache, store), store)

    (corpus / "sample-full-name.txt").unlink()                               # removed
    synthetic(corpus)[0].unlink()
    removed = _build(corpus, out, cache, store)
    _same_as_clean(corpus, checks, name, removed, store)
    assert b"cecilia-rosengren" in removed


def test_an_unchanged_rebuild_decodes_no_extraction(corpus, tmp_path, monkeypatch):
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"
    first = _build(corpus, out, cache)
    calls = _count_extractions_decoded(monkeypatch)
    assert _build(corpus, out, cache) == first
    assert calls == []   # resolved from the summaries, the graphs taken from the cache


def test_a_rebuild_after_adding_one_document_decodes_only_what_it_must(corpus, tmp_path, monkeypatch):
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"
    _build(corpus, out, cache)
    shutil.copy(FULL_NAME, corpus / "sample-full-name.txt")
    calls = _count_extractions_decoded(monkeypatch)
    _build(corpus, out, cache)
    assert len(calls) == 1   # the note's: its Cecilia Rosengren is now Cecilia Wickenberg Rosengren


def _count_extractions_decoded(monkeypatch) -> list:
    """A list that gets an item each time the cache decodes an Extraction (not a Document)."""
    from kg.models import Extraction

    calls: list = []
    real = modeljson.decode

    def decode(data):
        value = real(data)
        if isinstance(value, Extraction):
            calls.append(1)
        return value

    monkeypatch.setattr(modeljson, "decode", decode)
    return calls


def test_a_damaged_graph_entry_is_built_again(corpus, tmp_path):
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"
    first = _build(corpus, out, cache)
    for entry in [*sorted((cache / "chunks").glob("*.chunk"))[:2], cache / "chunks" / "entities.pieces"]:
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0x20
        entry.write_bytes(bytes(data))
    assert _build(corpus, out, cache) == first


def test_what_a_killed_build_was_writing_into_the_graph_cache_is_removed(corpus, tmp_path):
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"
    _build(corpus, out, cache)
    ended = cache / "chunks" / "kg-999999999-abcd.tmp"   # (no process has that pid)
    ended.write_bytes(b"half a chunk")
    _build(corpus, out, cache)
    assert not ended.exists()


def test_documents_taken_from_the_cache_are_the_documents_read(tmp_path):
    """An unchanged file is not read again: its Document comes from its cache entry, and must
    be the very Document kg.read makes of it (text, encoding, media type, warnings)."""
    from kg import pipeline

    folder = tmp_path / "minutes"
    shutil.copytree(DATA / "genres" / "docs", folder)
    note = "Protokoll för socialnämnden\\n\\nNärvarande: Åsa Öberg (S), ordförande\\n\\n§ 1 Budget för 2024\\n"
    (folder / "windows.txt").write_bytes(note.encode("cp1252"))                         # another encoding
    (folder / "mojibake.txt").write_text(note.encode("utf-8").decode("latin-1"), encoding="utf-8")   # repaired
    (folder / "page.html").write_text(f"<html><body><h1>Protokoll</h1><p>{note}</p></body></html>",
                                      encoding="utf-8")
    (folder / "notes.odt").write_bytes(b"not read")                                      # a warning
    cache = tmp_path / "cache"
    pipeline.build([folder], cache_dir=cache)

    read, read_issues = pipeline.read_documents([folder])
    entries = pipeline.ExtractionCache(cache)
    cached, cached_issues = pipeline.read_documents([folder], cache=entries)
    assert cached == read and cached_issues == read_issues
    assert len(entries._summaries) == len(read)   # every one of them from the cache
    assert {d.encoding for d in read} > {"utf-8"} and any(d.issues for d in read)


def test_a_changed_file_or_another_spelling_of_its_path_is_read_again(corpus, tmp_path):
    from kg import pipeline

    cache = tmp_path / "cache"
    pipeline.build([corpus], cache_dir=cache)
    changed = synthetic(corpus)[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\\nÖvrigt: inget.\\n", encoding="utf-8")
    entries = pipeline.ExtractionCache(cache)
    docs, _ = pipeline.read_documents([corpus], cache=entries)
    assert len(entries._summaries) == len(docs) - 1 and changed.name not in {d.identifier for d in entries._summaries}
    import os

    relative = Path(os.path.relpath(corpus))                  # the same files named another way
    elsewhere = pipeline.ExtractionCache(cache)
    docs, _ = pipeline.read_documents([relative], cache=elsewhere)
    assert docs == pipeline.read_documents([relative])[0] and not elsewhere._summaries


def test_with_two_processes_a_rebuild_gives_the_clean_graph_too(corpus, tmp_path):
    """With --jobs the documents to extract go to worker processes started before the cache is
    read, and the graphs not in the cache are built in worker processes."""
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"

    def build(*extra: str) -> bytes:
        assert main(["build", str(corpus), "--out", str(out), "--quiet", "--jobs", "2", *extra]) == 0
        return out.read_bytes()

    build("--cache", str(cache))
    shutil.copy(FULL_NAME, corpus / "sample-full-name.txt")
    rename_someone(synthetic(corpus)[1], "Ingrid Wallin")
    cached = build("--cache", str(cache))
    assert cached == build("--no-cache") and b"cecilia-rosengren" not in cached


def test_a_document_part_round_trips_through_the_cache_s_data_exactly():
    """What resolution needs of a document, as the cache keeps it (kg.resolve.part_to_data):
    equal, and every dict and Counter in the same order (the order decides which written form
    resolution meets first)."""
    import json
    from collections import Counter

    from kg import pipeline
    from kg.resolve import DocumentPart, PersonRecord, document_part, part_from_data, part_to_data

    result = pipeline.build([DATA / "seeds", DATA / "genres" / "docs"])
    parts = [document_part(ex) for ex in result.extractions]
    foreign = DocumentPart("a.txt", (PersonRecord("a.txt", "anna berg", ["Anna Berg", "A. Berg"], {"S"}, {"sof"},
                                                  [("a.txt", 0, 9, "person"), ("b.txt", 3, 7, "person")]),),
                           {("a.txt", 20, 23, "organization"): "sof", ("a.txt", 30, 33, "project"): "x"},
                           {"sof": Counter({"SOF": 2, "Socialförvaltningen": 1})},
                           {"sof": {"canonical": "", "owner": None, "gaz": "sof", "reasons": {"r"}}}, {}, {})
    for part in [*parts, foreign]:
        back = part_from_data(json.loads(json.dumps(part_to_data(part))))
        assert back == part
        assert list(back.org_mentions) == list(part.org_mentions)
        assert [list(c.items()) for c in back.org_forms.values()] == [list(c.items()) for c in part.org_forms.values()]
        assert [r.names for r in back.records] == [r.names for r in part.records]
    assert sum(len(p.records) for p in parts) > 50


def test_deferred_extractions_are_loaded_when_asked_for(tmp_path):
    from kg import pipeline
    from kg.pipeline.spill import ExtractionSpill

    result = pipeline.build([DATA / "seeds"])
    exs = list(result.extractions)
    loads = []
    spill = ExtractionSpill()
    spill.append(exs[0])
    spill.append_deferred(exs[1].minutes.document.identifier, lambda: loads.append(1) or exs[1])
    spill.append(exs[2])
    assert loads == [] and len(spill) == 3
    assert spill[1] == exs[1] and spill[-1] == exs[2] and spill[0] == exs[0]
    assert pickle_round_trip(spill.pickled(1)) == exs[1] and list(spill) == exs[:3]
    assert len(loads) == 3   # once for each time it was asked for
    assert spill.identifiers == [ex.minutes.document.identifier for ex in exs[:3]]


def pickle_round_trip(data: bytes):
    import pickle

    return pickle.loads(data)
