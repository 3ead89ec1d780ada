"""The progress of ``kg build``: one updating line on a terminal, a line now and then elsewhere."""
from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.progress import Progress, duration

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "seeds"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def run(total: int, tty: bool, seconds_each: float = 0.5, width: int = 200, **kw) -> tuple[str, Clock]:
    out, clock = io.StringIO(), Clock()
    bar = Progress(out, tty=tty, clock=clock, width=width, **kw)
    for n in range(1, total + 1):
        clock.now += seconds_each
        bar(f"[{n}/{total}] minutes-{n:04d}.txt")
    bar.close()
    return out.getvalue(), clock


@pytest.mark.parametrize("seconds, text", [(0, "0s"), (42.4, "42s"), (187, "3m07s"), (7500, "2h05m")])
def test_durations_are_short(seconds: float, text: str) -> None:
    assert duration(seconds) == text


def test_on_a_terminal_one_line_is_redrawn_with_count_rate_eta_and_file() -> None:
    text, _ = run(2000, tty=True, seconds_each=0.05)
    assert text.count("\n") == 1 and text.endswith("\n")           # one line, ended once at the end
    frames = text.rstrip("\n").split("\r")[1:]
    assert 10 < len(frames) < 2000                                  # redrawn, but not once per file
    middle = frames[len(frames) // 2]
    assert re.fullmatch(r"kg: extracting (\d+)/2000 +\d+%  20\.0 docs/s  ETA \d+(s|m\d\ds)  minutes-\d{4}\.txt *",
                        middle), middle
    n = int(re.search(r"(\d+)/2000", middle)[1])
    assert f"minutes-{n:04d}.txt" in middle                         # the file just done
    assert frames[-1].startswith("kg: extracting 2000/2000  100%  20.0 docs/s  in 1m40s  minutes-2000.txt")


def test_on_a_terminal_the_line_fits_the_width() -> None:
    text, _ = run(50, tty=True, width=40)
    assert all(len(frame) <= 39 for frame in text.rstrip("\n").split("\r"))


def test_a_shorter_line_covers_what_a_longer_one_left() -> None:
    out, clock = io.StringIO(), Clock()
    bar = Progress(out, tty=True, clock=clock, width=200, redraws=0)
    clock.now += 1
    bar("[1/3] a-very-long-file-name-of-minutes.txt")
    clock.now += 1
    bar("[2/3] b.txt")
    first, second = out.getvalue().split("\r")[1:]
    assert len(second) >= len(first)


def test_elsewhere_a_line_every_tenth_of_the_work() -> None:
    text, _ = run(2000, tty=False, seconds_each=0.001)
    lines = text.splitlines()
    assert "\r" not in text
    assert [int(re.search(r" (\d+)/2000", line)[1]) for line in lines] == [1, *range(200, 2001, 200)]
    assert lines[-1].startswith("kg: extracting 2000/2000  100%")


def test_elsewhere_a_slow_build_still_says_where_it_is() -> None:
    text, _ = run(100, tty=False, seconds_each=20, every=60)
    steps = [int(re.search(r" (\d+)/100", line)[1]) for line in text.splitlines()]
    assert steps[:3] == [1, 4, 7] and steps[-1] == 100          # every 60 s between the tenths


def test_a_few_documents_get_a_line_each() -> None:
    text, _ = run(5, tty=False)
    assert len(text.splitlines()) == 5


def test_other_messages_are_lines_of_their_own_and_end_the_bar() -> None:
    out = io.StringIO()
    bar = Progress(out, tty=True, width=200)
    bar("[1/3] a.txt")
    bar("resolving\nidentities")
    assert out.getvalue().endswith("a.txt\nresolving\\nidentities\n")


def test_the_build_command_is_quiet_ish_without_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "g.ttl"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("kg: extracting")]
    assert len(lines) == 5 and "\r" not in err
    assert lines[-1].startswith("kg: extracting 5/5  100%")
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "g.ttl"), "--no-cache", "-q"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal as stderr")
def test_the_build_command_draws_one_line_on_a_terminal(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    done = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(tmp_path / "g.ttl"),
                             "--no-cache"], cwd=ROOT, stdout=subprocess.PIPE, stderr=slave,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        assert ready, "kg build said nothing for 2 minutes"
        try:
            chunk = os.read(master, 65536)
        except OSError:      # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    assert done.wait(120) == 0
    os.close(master)
    text = seen.decode("utf-8")
    bar = [line for line in text.split("\n") if "kg: extracting" in line]
    assert len(bar) == 1, text                       # one line, redrawn with \r
    assert bar[0].rstrip("\r ").split("\r")[-1].startswith("kg: extracting 5/5  100%")
