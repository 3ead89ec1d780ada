"""One folder of real-world input: every format and genre, and bad files, built in one command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF

from kg.cli import main
from kg.graph.vocab import MG
from tests.read.test_read import PAGE, PROTOCOL_PAGES, docx_bytes, minutes_docx, pdf_bytes

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("minutes")
    (folder / "kommundirektorer.docx").write_bytes(docx_bytes(minutes_docx))
    (folder / "ks-2021-03-15.pdf").write_bytes(pdf_bytes(PROTOCOL_PAGES))
    (folder / "protokoll.html").write_text(PAGE, encoding="utf-8")
    for p in sorted((DATA / "layouts").iterdir()):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "cp1252.txt").write_bytes((DATA / "seeds" / "001_c5a28c6c6790d8b8.txt").read_text(encoding="utf-8").encode("cp1252"))
    (folder / "brev.txt").write_text("Hej! Tack för senast. Vi ses på fredag.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "truncated.pdf").write_bytes(pdf_bytes(PROTOCOL_PAGES)[:700])
    (folder / "locked.pdf").write_bytes(pdf_bytes(PROTOCOL_PAGES, encrypt="hemligt"))
    out = folder / "graph.ttl"
    report = folder / "report.json"
    code = main(["build", str(folder), "--out", str(out), "--report", str(report), "--no-cache", "-q"])
    return code, Graph().parse(out), json.loads(report.read_text(encoding="utf-8"))


def meeting(g: Graph, name: str):
    doc = next(d for d in g.subjects(RDF.type, MG.SourceDocument) if str(g.value(d, DCTERMS.identifier)) == name)
    return next((m for m in g.subjects(PROV.wasDerivedFrom, doc)), None)


def test_bad_files_are_reported_and_the_exit_status_says_so(built):
    code, _, report = built
    assert code == 1
    assert sorted(Path(s["path"]).name for s in report["skipped"]) == ["binary.txt", "empty.txt", "locked.pdf", "truncated.pdf"]
    assert all(s["reason"] for s in report["skipped"])
    assert any("cp1252" in w for w in report["warnings"].get(str(next(Path(p) for p in report["read"] if p.endswith("cp1252.txt"))), []))


def test_every_good_file_is_in_the_graph(built):
    _, g, report = built
    names = {str(g.value(d, DCTERMS.identifier)) for d in g.subjects(RDF.type, MG.SourceDocument)}
    assert names == {Path(p).name for p in report["read"]}
    assert len(names) == 8


def test_a_file_that_is_not_minutes_has_no_meeting(built):
    _, g, _ = built
    assert meeting(g, "brev.txt") is None


def test_word_minutes_struck_row_is_absent(built):
    _, g, _ = built
    m = meeting(g, "kommundirektorer.docx")
    absent = {str(g.value(p, FOAF.name)) for p in g.objects(m, MG.absentee)}
    present = {str(g.value(p, FOAF.name)) for p in g.objects(m, MG.attendee)}
    assert "Christer Pålsson" in absent and "Palle Lundberg" in present


@pytest.mark.parametrize("name", ["ks-2021-03-15.pdf", "protokoll.html"])
def test_pdf_and_html_protokoll_items_and_decisions(built, name):
    _, g, _ = built
    m = meeting(g, name)
    items = {str(g.value(i, DCTERMS.title)): i for i in g.objects(m, MG.hasAgendaItem)}
    assert "Budget 2022" in items
    assert int(g.value(items["Budget 2022"], MG.ordinal)) == 12
    decisions = [str(g.value(d, DCTERMS.description)) for d in g.objects(items["Budget 2022"], MG.hasDecision)]
    assert len(decisions) == 1 and decisions[0].endswith("att godkänna budgeten.")


def test_cp1252_minutes_read_like_the_utf8_original(built):
    _, g, _ = built
    m = meeting(g, "cp1252.txt")
    assert len(set(g.objects(m, MG.attendee))) == 14
