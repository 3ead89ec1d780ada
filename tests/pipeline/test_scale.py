"""Input of any size and shape: texts past the length limit, file names of every kind, Word files
with many paragraphs or bombs, files that take too long; one bad file never loses the others.

Speed is not timed here (timings are noisy): the linear rewrites are checked against the
quadratic originals on random input.
"""
from __future__ import annotations

import io
import json
import random
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

import kg.read
import kg.read.docx
from kg.cli import main
from kg.graph.iri import document_iri, document_key, meeting_iri
from kg.models import MAX_TEXT_CHARS, Document, Issue
from kg.pipeline import build, process_documents
from kg.read import read_file
from kg.segment.items import sequence
from kg.text import fold_chars as fold
from kg.text import fold_text
from tests.graph_files import write_chunks

SEEDS = Path(__file__).parent.parent / "data" / "seeds"
SAMPLE = (SEEDS / "002_12f3b1098c4baf25.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- one limit on length

def test_a_text_past_the_limit_is_one_error_naming_file_size_and_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.read, "MAX_TEXT_CHARS", 1000)
    path = tmp_path / "arkiv.txt"
    path.write_text("Protokoll\n" * 200, encoding="utf-8")
    issue = read_file(path)
    assert isinstance(issue, Issue) and issue.severity == "error"
    assert str(issue).startswith(f"kg: error: {path}: text too long (2,000 characters, limit 1,000); split it")
    assert "\n" not in str(issue)


def test_the_pipeline_takes_every_text_the_reader_takes():
    from kg.nlp import get_nlp

    assert get_nlp().max_length == MAX_TEXT_CHARS


def test_a_text_longer_than_spacys_old_limit_builds_with_the_others(tmp_path):
    """5,000,000 characters was spaCy's limit: a longer text crashed the whole build."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SAMPLE, encoding="utf-8")
    # a long text of little structure: what spaCy's limit is about, not the rules' speed
    (folder / "lang.txt").write_text(("Mötet diskuterade frågan vidare. " * 160_000)[:5_100_000], encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(folder), "--out", str(out), "--no-cache", "-q"]) == 0
    graph = Graph().parse(out)
    assert (document_iri("good.txt"), None, None) in graph
    assert (document_iri("lang.txt"), None, None) in graph


def test_a_too_long_file_is_refused_and_the_others_are_built(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kg.read, "MAX_TEXT_CHARS", 50_000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "huge.txt").write_text(SAMPLE * 20, encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(folder), "--out", str(out), "--no-cache", "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"kg: error: {folder / 'huge.txt'}: text too long")
    assert (meeting_iri("good.txt"), None, None) in Graph().parse(out)


# --------------------------------------------------------------------------- linear rules

def _sequence_by_all_pairs(cands):
    """The heading chain as first written: every earlier heading tried for each (quadratic)."""
    n = len(cands)
    best_len, prev = [1] * n, [-1] * n
    for j in range(n):
        for i in range(j):
            step = cands[j].ordinal - cands[i].ordinal
            if step in (1, 2) and best_len[i] + 1 - (step - 1) * 0.5 > best_len[j]:
                best_len[j] = best_len[i] + 1 - (step - 1) * 0.5
                prev[j] = i
    if not n:
        return []
    j = max(range(n), key=lambda k: (best_len[k], -k))
    chain = []
    while j >= 0:
        chain.append(cands[j])
        j = prev[j]
    return chain[::-1]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=16))
def test_the_heading_chain_is_the_one_all_pairs_give(ordinals):
    cands = [SimpleNamespace(ordinal=o) for o in ordinals]
    assert [id(c) for c in sequence(cands)] == [id(c) for c in _sequence_by_all_pairs(cands)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aåÄö6µ–—\u2011Δж😀 \n\t§é"), max_size=40))
def test_folding_the_whole_text_folds_each_line_as_fold_does(text):
    folded = fold_text(text)
    assert len(folded) == len(text)
    pos = 0
    for line in text.split("\n"):
        assert folded[pos:pos + len(line)] == fold(line)
        pos += len(line) + 1


# --------------------------------------------------------------------------- any file name

def test_names_that_slug_alike_get_distinct_stable_iris():
    a, b = document_key("Protokoll 1.txt"), document_key("protokoll-1.txt")
    assert a != b
    assert b == "protokoll-1-txt"                               # a plain name keeps its IRI
    assert a == "protokoll-1-txt--" + __import__("hashlib").sha256(b"Protokoll 1.txt").hexdigest()[:12]
    assert document_key("2024/protokoll-1.txt") != document_key("2024-protokoll-1.txt")
    assert document_key("a.b.txt") != document_key("a-b.txt")


WEIRD_NAMES = [b"Protokoll 1.txt", b"protokoll-1.txt", b"rad\nbrytning.txt", b"-ledande.txt",
               b"inte-utf8-\xff\xfe.txt", "Ärende Δ ж.txt".encode()]


def test_any_file_name_builds_and_names_that_slug_alike_stay_apart(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in WEIRD_NAMES:
        with open(bytes(folder) + b"/" + name, "wb") as f:
            f.write(SAMPLE.encode("utf-8"))
    out, report, store = tmp_path / "g.ttl", tmp_path / "r.json", tmp_path / "store"
    assert main(["build", str(folder), "--out", str(out), "--report", str(report), "--store", str(store),
                 "--no-cache", "-q"]) == 0
    graph = Graph().parse(out)
    meetings = {s for s in graph.subjects() if str(s).rsplit("/", 1)[0].endswith("/id/meeting")}
    assert len(meetings) == len(WEIRD_NAMES)
    read = json.loads(report.read_text(encoding="utf-8"))["read"]
    assert any(r.endswith("inte-utf8-\\xff\\xfe.txt") for r in read)
    assert any(r.endswith("rad\\nbrytning.txt") for r in read)   # messages about it stay one line


def test_document_iris_do_not_depend_on_the_other_files(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, names in ((one, ["Protokoll 1.txt"]), (two, ["Protokoll 1.txt", "protokoll-1.txt"])):
        folder.mkdir()
        for n in names:
            (folder / n).write_text(SAMPLE, encoding="utf-8")
    docs = [{str(document_iri(d.identifier)) for d in build([f]).documents} for f in (one, two)]
    assert docs[0] < docs[1]


# --------------------------------------------------------------------------- Word files

def _many_paragraphs_docx(n: int) -> bytes:
    import docx

    document = docx.Document()
    for k in range(n):
        p = document.add_paragraph(style=("List Number", "Heading 2", "Normal")[k % 3])
        p.add_run(f"Punkt {k} ")
        p.add_run("struken").font.strike = k % 2 == 0
        p.add_run(" slut", style="Strong")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_styles_are_looked_up_once_per_style_not_per_paragraph(tmp_path, monkeypatch):
    from docx.oxml.styles import CT_Styles

    calls = []
    original = CT_Styles.get_by_id
    monkeypatch.setattr(CT_Styles, "get_by_id", lambda self, *a: calls.append(a) or original(self, *a))
    path = tmp_path / "lang.docx"
    path.write_bytes(_many_paragraphs_docx(300))
    d = read_file(path)
    assert isinstance(d, Document)
    assert "1. Punkt 0 ~~struken~~ slut" in d.text and "Punkt 1 struken slut" in d.text
    assert calls == []   # python-docx scans every style per lookup: none made per paragraph


def test_a_docx_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.read.docx, "MAX_BYTES", 200_000)
    raw = _many_paragraphs_docx(3)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + b"<w:p><w:r><w:t>" + b"x" * 300_000 + b"</w:t></w:r></w:p>" + tail
            dst.writestr(info, data)
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 60_000 < 300_000   # small on disk, large unpacked
    issue = read_file(path)
    assert isinstance(issue, Issue) and "text parts unpack to" in issue.message and "limit" in issue.message


# --------------------------------------------------------------------------- time limit per file

def test_reading_past_the_time_limit_is_one_error(tmp_path, monkeypatch):
    def slow(raw):
        time.sleep(5)

    monkeypatch.setitem(kg.read.READERS, ".txt", slow)
    path = tmp_path / "seg.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    issue = read_file(path, time_limit=0.2)
    assert isinstance(issue, Issue) and issue.severity == "error"
    assert "took longer than 0.2 s to read" in issue.message and "--time-limit" in issue.message


def test_a_document_past_the_time_limit_is_left_out_and_the_others_built(tmp_path, monkeypatch):
    import kg.segment

    real = kg.segment.segment

    def segment(doc):
        if "seg" in doc.identifier:
            time.sleep(5)
        return real(doc)

    monkeypatch.setattr(kg.segment, "segment", segment)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "seg.txt").write_text(SAMPLE, encoding="utf-8")
    result = build([folder], time_limit=0.5, cache_dir=tmp_path / "cache")
    assert [d.identifier for d in result.documents] == ["good.txt"]
    assert [(Path(i.path).name, i.severity) for i in result.errors] == [("seg.txt", "error")]
    assert "took longer than 0.5 s to segment and extract" in result.errors[0].message
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1   # a refusal is not cached
    assert result.counts()["meetings"] == 1


def test_without_a_time_limit_every_document_is_processed_in_stages():
    doc = Document("a.txt", "a.txt", SAMPLE, "text/plain", "0")
    limited, unlimited = process_documents([doc], time_limit=60), process_documents([doc])
    assert limited == unlimited


# --------------------------------------------------------------------------- fuzz

GENRES = sorted((Path(__file__).parent.parent / "data" / "genres" / "docs").iterdir())
SNIPPETS = [p.read_text(encoding="utf-8").splitlines() for p in GENRES[::4]]
INSERTS = ["§ 12", "§", "Närvarande:", "Beslut:", "Föredragande:", "Justerare:", "Ordförande", "1.", "- ",
           "Protokoll", "2024-13-45", "kl. 25:99", "(S)", "~~", "**", "#", "|", "\t", "\ufeff", "\u200b"]


def mutate(lines: list[str], rng: random.Random) -> str:
    """A document made of a real one: lines deleted, duplicated and swapped, labels and § put in,
    random Unicode mixed in."""
    lines = list(lines)
    for _ in range(rng.randint(1, 12)):
        op = rng.randrange(5)
        k = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:
            del lines[k]
        elif op == 1 and lines:
            lines.insert(k, lines[k])
        elif op == 2 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]
        elif op == 3:
            lines.insert(k, rng.choice(INSERTS) + " " + (rng.choice(lines) if lines else ""))
        else:
            junk = "".join(chr(rng.choice([rng.randrange(32, 0x2FF), rng.randrange(0x370, 0xD800),
                                           rng.randrange(0xE000, 0xFFFF), rng.randrange(0x1F300, 0x1F6FF)]))
                           for _ in range(rng.randint(1, 8)))   # any character a file can hold
            if lines:
                line = lines[k]
                cut = rng.randint(0, len(line))
                lines[k] = line[:cut] + junk + line[cut:]
            else:
                lines.append(junk)
    return "\n".join(lines)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, len(SNIPPETS) - 1), st.integers(0, 2**32 - 1))
def test_mutated_minutes_go_through_the_whole_pipeline_deterministically(tmp_path_factory, which, seed):
    text = mutate(SNIPPETS[which], random.Random(seed))
    if not text.strip():
        return
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "mutant.txt").write_text(text, encoding="utf-8")
    (folder / "good.txt").write_text(SAMPLE, encoding="utf-8")
    outputs = []
    for k in range(2):
        result = build([folder], time_limit=None)
        assert len(result.documents) == 2
        path, _ = write_chunks(result.chunks(), folder / f"out{k}.ttl")
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


def test_the_time_limit_grows_with_the_length_past_the_first_megabyte():
    from kg.limits import allowance

    assert allowance(60, 500_000) == 60
    assert allowance(60, 5_000_000) == 120     # a quarter more per MB past the first
    assert allowance(None, 5_000_000) is None and allowance(0, 10) is None
