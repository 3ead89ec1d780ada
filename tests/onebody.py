"""A corpus of one body's minutes with the same thirteen members (a weekly ledningsgrupp over a
decade), and the benchmark that builds 300 and 3,000 of them: resolution must not grow with the
square of the times one person is named. Not a test; run it:

    PYTHONPATH=. python tests/onebody.py [small] [large]
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

MEMBERS = ("Karin Gerken", "Peter Abrahamsson", "Anci Cederqvist", "Thomas Karlegatt", "Mats Nilsson",
           "Christian Olsson", "Agneta Gullstrand", "Lolitha Nilsson", "Lila Ericsson", "Matz Ingvarsson",
           "Maria Boman Hansson", "Tony Mufic", "Susanne Fras")
TOPICS = (("Ekonomi", "gick igenom prognosen för året och läget i verksamheterna."),
          ("Bemanning", "redovisade rekryteringsläget inför hösten."),
          ("Skolskjuts", "informerade om den nya upphandlingen av skolskjuts."),
          ("Lokaler", "berättade om ombyggnaden av matsalen."),
          ("Arbetsmiljö", "gick igenom resultatet av medarbetarenkäten."),
          ("Digitalisering", "presenterade planen för nya elevdatorer."))


def minutes(index: int) -> tuple[str, str]:
    """The ``index``-th weekly meeting: (file name, text); the same index gives the same bytes."""
    rng = Random(f"onebody:{index}")
    day = dt.date(2014, 1, 7) + dt.timedelta(weeks=index)
    absent = sorted(rng.sample(range(len(MEMBERS)), rng.choice((0, 1, 1, 2))))
    present = [m for i, m in enumerate(MEMBERS) if i not in absent]
    secretary = present[-1]
    lines = ["Skol- och fritidsförvaltningen", "", "Ledningsgrupp SFF", "",
             f"Datum: {day.isoformat()}, 13.00-15.00", "Plats: Jupiter", "",
             "Deltagare: " + ", ".join(present[:-1]) + f", {secretary} (sekr.)"]
    if absent:
        lines.append("Frånvarande: " + ", ".join(MEMBERS[i] for i in absent))
    lines.append("")
    for n, (title, text) in enumerate(rng.sample(TOPICS, 3), 1):
        who = rng.choice(present)
        lines += [f"{n}. {title}", f"{who} {text}", ""]
    return f"{day.isoformat()}_ledningsgrupp.txt", "\n".join(lines)


def write(n: int, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, text = minutes(i)
        (out / name).write_text(text, encoding="utf-8")
    return out


def build(folder: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a clean ``kg build`` of ``folder`` in its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "--no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"kg build {folder} failed ({status})")
    return seconds, usage.ru_maxrss / 1024


def main(argv: list[str]) -> int:
    small, large = (int(a) for a in (argv + ["300", "3000"][len(argv):])[:2])
    with tempfile.TemporaryDirectory() as tmp:
        figures = {}
        for n in (small, large):
            figures[n] = build(write(n, Path(tmp) / str(n)), Path(tmp) / f"{n}.ttl")
            print(f"{n:>6} minutes of one body: {figures[n][0]:7.1f} s, peak {figures[n][1]:6.0f} MB", flush=True)
        print(f"time ratio {large}/{small}: {figures[large][0] / figures[small][0]:.1f}x "
              f"(documents {large / small:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
