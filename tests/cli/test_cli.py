"""The command line, called in-process: documented commands, exit codes, bad input, reports."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.cli import COMMANDS, main

ROOT = Path(__file__).parent.parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"kg {name}" in readme, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    assert "usage: kg " + name in capsys.readouterr().out


def test_readme_starts_with_setup_and_test_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert "kg build tests/data/seeds" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_build_writes_turtle_and_a_summary(tmp_path, capsys):
    out = tmp_path / "graph.ttl"
    assert main(["build", str(SEEDS), "--out", str(out), "--no-cache"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"^meetings\s+5$", printed, re.M)
    assert len(Graph().parse(out)) > 1000


def test_build_with_bad_files_builds_the_good_ones_and_reports_the_rest(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / "002_12f3b1098c4baf25.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out, report = tmp_path / "graph.ttl", tmp_path / "report.json"
    code = main(["build", str(folder), "--out", str(out), "--report", str(report), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1
    assert "empty.txt" in err and "binary.txt" in err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [Path(p).name for p in data["read"]] == ["good.txt"]
    assert sorted(Path(s["path"]).name for s in data["skipped"]) == ["binary.txt", "empty.txt"]
    assert data["meetings"] == 1
    assert out.exists()


def test_build_with_nothing_readable_is_an_error(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "g.ttl"), "--no-cache"]) == 2
    assert "no readable minutes" in capsys.readouterr().err
    assert not (tmp_path / "g.ttl").exists()


def test_build_rejects_an_unknown_output_format(tmp_path, capsys):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "g.xyz")]) == 2
    assert "unknown RDF file type" in capsys.readouterr().err


def test_trig_output_keeps_one_named_graph_per_document(tmp_path):
    out = tmp_path / "graph.trig"
    assert main(["build", str(SEEDS), "--out", str(out), "--no-cache", "-q"]) == 0
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert sum("/doc/" in n for n in names) == 5
    assert any(n.endswith("/graph/entities") for n in names)


def test_malformed_judgements_file_is_a_one_line_error(tmp_path, capsys):
    bad = tmp_path / "judgements.tsv"
    bad.write_text("Anna Berg\tmaybe\n", encoding="utf-8")
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "g.ttl"), "--judgements", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "judgements.tsv:1" in err[0]


def test_second_build_reuses_the_cache(tmp_path, capsys):
    out = tmp_path / "graph.ttl"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    first = out.read_bytes()
    capsys.readouterr()
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    assert "5 unchanged since the last build" in capsys.readouterr().out
    assert out.read_bytes() == first


def _dies(batch):
    """A graph-building worker killed (as the kernel kills one out of memory)."""
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_is_one_error_line_and_the_old_graph_stays(tmp_path, monkeypatch, capsys):
    from kg import pipeline

    out = tmp_path / "graph.ttl"
    out.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(pipeline.local, "_serialize_batch", _dies)
    code = main(["build", str(SEEDS), "--out", str(out), "--jobs", "2", "--no-cache", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1].startswith("kg: error: a worker process died while building the graph")
    assert "fewer --jobs than 2" in err[-1] and out.read_text(encoding="utf-8") == "old\n"


def test_a_crash_exits_with_its_own_status(monkeypatch, capsys, tmp_path) -> None:
    import kg.cli.build

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.cli.build, "run_cli", broken)
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "g.ttl")]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: boom" in err and err.rstrip().splitlines()[-1].startswith("kg: error: build: crashed")


def test_build_of_a_missing_path_says_it_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "nonexistent"
    assert main(["build", str(missing), "--out", str(tmp_path / "g.ttl")]) == 2
    err = capsys.readouterr().err
    assert f"kg: error: {missing}: no such file or folder; check the path" in err
    assert "unsupported" not in err


def test_unsupported_files_in_a_folder_get_one_line_each(tmp_path, capsys):
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "scan.png").write_bytes(b"\x89PNG")
    (folder / ".DS_Store").write_bytes(b"")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (folder / seed.name).write_bytes(seed.read_bytes())
    assert main(["build", str(folder), "--out", str(tmp_path / "g.ttl")]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "not read" in line]
    assert lines == [
        f"kg: warning: {folder / 'budget.xlsx'}: not read: unsupported file type .xlsx; "
        "save it as .txt, .md, .docx, .pdf or .html to include it",
        f"kg: warning: {folder / 'scan.png'}: not read: unsupported file type .png; "
        "save it as .txt, .md, .docx, .pdf or .html to include it",
    ]


@pytest.mark.parametrize("command", ["views", "analyze", "query", "serve"])
def test_every_command_reads_graph_ttl_by_default(command, tmp_path, monkeypatch, capsys):
    from kg.cli import make_parser

    monkeypatch.chdir(tmp_path)
    argv = {"views": ["views", "--out", "v"], "analyze": ["analyze"], "query": ["query", "people"], "serve": ["serve"]}
    args = make_parser(command).parse_args(argv[command])
    assert (args.graph or "graph.ttl") == "graph.ttl"
    if command in ("views", "analyze"):
        assert main(argv[command]) == 2
        assert "graph.ttl" in capsys.readouterr().err
