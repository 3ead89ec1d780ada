"""The benchmark's command: ``kg bench`` (this module is the ``bench`` entry point of the group
``kg.commands``, which ``kg``'s command line reads) and ``python -m bench``.

Like every ``kg`` command it provides ``HELP``, ``configure_parser(parser)`` and
``run_cli(args) -> int``; it imports the benchmark only when it runs, so that ``kg --help``
stays fast."""
from __future__ import annotations

import argparse
import json
import os

from kg import KgError

HELP = "time every pipeline stage on a synthetic corpus of N documents (table or JSON)"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be 1 or more")
    return value


def configure_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs", "-n", type=_positive, default=100, help="documents to generate (default 100)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed: the same seed gives the same corpus (default 0)")
    p.add_argument("--jobs", "-j", type=int, default=1,
                   help="extract with this many processes (default 1; 0 = one per core)")
    p.add_argument("--repeats", "-r", type=_positive, default=3,
                   help="runs of each saved question; the median is reported (default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")


def run_cli(args: argparse.Namespace) -> int:
    from . import run
    from .report import format_table

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    try:
        stages = run.load_stages()
    except ImportError as e:
        raise KgError(f"bench: a pipeline stage cannot be imported ({e})") from e
    result = run.run_bench(args.docs, seed=args.seed, jobs=jobs, repeats=args.repeats, stages=stages)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(format_table(result))
    return 0
