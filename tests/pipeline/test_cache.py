"""The extraction cache (pipeline.ExtractionCache): data only, so a planted entry cannot run
code, and checked, so a damaged entry is reported and rebuilt instead of changing the graph."""
from __future__ import annotations

import json
import pickle
import random
import shutil
from pathlib import Path

import pytest

from kg import pipeline
from kg.models import Document, Extraction
from kg.pipeline import ExtractionCache, build, modeljson

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))[:3]


def nt(result) -> list[str]:
    return sorted(line for line in result.graph.serialize(format="nt").splitlines() if line.strip())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("minutes")
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    cache = tmp_path_factory.mktemp("cache")
    clean = build([folder], cache_dir=cache)
    return folder, cache, clean, nt(clean)


def test_every_extraction_round_trips_exactly():
    # the genres hold what the samples lack: votes, cases, reservations, presence tables
    result = build([DATA / "seeds", DATA / "layouts", DATA / "genres" / "docs"])
    for ex in result.extractions:
        assert modeljson.decode(modeljson.encode(ex)) == ex


def test_entries_are_json_with_a_checksum(corpus):
    _, cache, clean, _ = corpus
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == len(SEEDS) and not list(cache.glob("*.pickle"))
    head, document, summary, body = entries[0].read_bytes().split(b"\n", 3)
    assert b'"checksum"' in head and b'"fingerprint"' in head
    assert isinstance(modeljson.decode(document), Document)
    assert set(json.loads(summary)) == {"counts", "issues", "part"}   # data, not pickle
    assert isinstance(modeljson.decode(body), Extraction)


def test_the_decoder_names_only_model_classes():
    for planted in (b'{"os.system":["touch /tmp/x"]}', b'{"Span":[1,2]}', b'[1.5]', b'{"date":"x"}', b"\x80"):
        with pytest.raises(modeljson.DecodeError):
            modeljson.decode(planted)


class _Payload:
    """Runs ``marker.touch()`` when unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_entry_does_not_run(corpus, tmp_path):
    folder, cache, _, expected = corpus
    planted = tmp_path / "cache"
    shutil.copytree(cache, planted)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    docs, _ = pipeline.read_documents([folder])
    target = ExtractionCache(planted)._path(docs[0])
    target.write_bytes(payload)                                # in place of the entry
    target.with_suffix(".pickle").write_bytes(payload)         # and where the old format kept it
    result = build([folder], cache_dir=planted)
    assert not marker.exists()
    assert nt(result) == expected
    warnings = [str(i) for i in result.issues if "damaged extraction cache entry" in i.message]
    assert len(warnings) == 1 and str(target) in warnings[0]
    assert not target.with_suffix(".pickle").exists()          # pruned, never read


def test_an_entry_of_another_document_is_refused(corpus, tmp_path):
    folder, cache, _, expected = corpus
    planted = tmp_path / "cache"
    shutil.copytree(cache, planted)
    docs, _ = pipeline.read_documents([folder])
    c = ExtractionCache(planted)
    c.put(docs[0], c.get(docs[1]))                             # a well-formed entry that lies
    result = build([folder], cache_dir=planted)
    assert nt(result) == expected
    assert any("another document" in i.message for i in result.issues)


def test_thirty_bit_flips_give_the_right_graph_or_a_warning_and_a_rebuild(corpus, tmp_path):
    folder, cache, _, expected = corpus
    rng = random.Random(19)
    entries = sorted(cache.glob("*.json"))
    warned = 0
    for trial in range(30):
        damaged = tmp_path / f"cache{trial}"
        shutil.copytree(cache, damaged)
        entry = damaged / rng.choice(entries).name
        data = bytearray(entry.read_bytes())
        # the header line half the time: it holds the checks themselves
        head = data.index(b"\n")
        at = rng.randrange(head + 1) if trial % 2 else rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
        entry.write_bytes(bytes(data))
        result = build([folder], cache_dir=damaged)
        assert nt(result) == expected, f"flip at byte {at} of {entry.name} changed the graph"
        if any(str(entry) in str(i) for i in result.issues):
            warned += 1
            assert result.reused == len(SEEDS) - 1
            assert entry.read_bytes() == (cache / entry.name).read_bytes()   # rebuilt
        else:
            assert result.reused == len(SEEDS)
        shutil.rmtree(damaged)
    assert warned == 30   # every flip breaks the checksum or the header


def test_leftover_temporary_files_are_removed(corpus, tmp_path):
    import os

    folder, cache, _, _ = corpus
    copy = tmp_path / "cache"
    shutil.copytree(cache, copy)
    old, new = copy / "a.tmp", copy / "b.tmp"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    os.utime(old, (0, 0))
    build([folder], cache_dir=copy)
    assert not old.exists() and new.exists()   # a concurrent build's own is spared


def test_prune_removes_the_temporary_files_of_ended_builds_only(tmp_path) -> None:
    import os

    from kg.pipeline import ExtractionCache

    ended, running = tmp_path / "kg-999999999-a1b2.tmp", tmp_path / f"kg-{os.getpid()}-c3d4.tmp"
    for p in (ended, running):
        p.write_bytes(b"{")
    ExtractionCache(tmp_path).prune([])
    assert not ended.exists() and running.exists()
