"""docs/tutorial.md stays true: every ``kg`` command in it runs, with the exit status it should
have, and prints the lines the tutorial shows; every screenshot it shows exists and is small.

The commands run in-process (``kg.cli.main``) in a folder holding a copy of the sample minutes at
``tests/data/seeds``, in the tutorial's order. ``kg serve`` is left out (it runs until stopped;
``tests/workbench/test_serve.py`` starts it and drives its page in Chromium), and so are the lines that set
up the shell. Lines of the shown outputs that change from run to run (the progress line) or are
cut (``…``) are not compared.
"""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"```(bash)?\n(.*?)\n```", re.S)


def steps() -> list[tuple[str, str | None]]:
    """(bash block, the output block right after it or None), in order."""
    text = TUTORIAL.read_text(encoding="utf-8")
    found, out = list(FENCE.finditer(text)), []
    for k, m in enumerate(found):
        if m.group(1) != "bash":
            continue
        nxt = found[k + 1] if k + 1 < len(found) else None
        shown = nxt.group(2) if nxt and nxt.group(1) is None and not text[m.end():nxt.start()].strip() else None
        out.append((m.group(2), shown))
    return out


def test_the_tutorial_commands_run_and_print_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "tests" / "data" / "seeds", tmp_path / "tests" / "data" / "seeds")
    monkeypatch.chdir(tmp_path)
    ran = 0
    for block, shown in steps():
        lines = block.splitlines()
        if lines[0].startswith("cat > "):              # a here-document: the file the next command reads
            name = lines[0].split()[2]
            Path(name).write_text("\n".join(lines[1:lines.index("EOF")]) + "\n", encoding="utf-8")
            lines = lines[lines.index("EOF") + 1:]
        printed = ""
        for line in lines:
            if not line.startswith("kg ") or line.startswith("kg serve"):
                continue
            args = shlex.split(line)[1:]
            expected = 2 if "no/such/folder" in line else 0
            assert main(args) == expected, line
            captured = capsys.readouterr()
            printed += captured.out + captured.err
            ran += 1
        if shown is None or not printed:
            continue
        for want in shown.splitlines():
            if "…" in want or want.startswith("kg: extracting") or not want.strip():
                continue
            assert want in printed.splitlines(), f"{lines[-1]}: the tutorial shows {want!r}, not printed"
    assert ran >= 12
    assert (tmp_path / "views" / "collaboration.html").is_file() and (tmp_path / "analysis" / "report.md").is_file()


def test_every_screenshot_exists_and_is_small() -> None:
    images = re.findall(r"!\[[^\]]+\]\((img/[^)]+\.png)\)", TUTORIAL.read_text(encoding="utf-8"))
    assert len(images) >= 5
    for name in images:
        path = TUTORIAL.parent / name
        assert path.is_file(), name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size < 300_000, name
