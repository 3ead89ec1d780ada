"""``kg build PATH... --out graph.ttl``: read minutes and write the graph with a short summary."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..collector import spare_the_final_collection
from ..errors import ClusterError, StoreError, WorkerDiedError
from ..graph.export import FORMATS, format_for
from ..limits import FILE_TIME_LIMIT
from ..pipeline import BuildResult, build
from ..pipeline.outputs import write_outputs
from ..progress import Progress
from ..read import SUPPORTED_SUFFIXES
from .options import add_jobs, add_quiet


def configure_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="minutes files or folders (searched recursively)")
    p.add_argument("--out", "-o", default="graph.ttl",
                   help=f"output file, format from its suffix: {', '.join(sorted(FORMATS))} (default: graph.ttl)")
    p.add_argument("--report", metavar="JSON", help="write a build report: documents read, skipped, warnings per file")
    p.add_argument("--judgements", metavar="TSV", help="analyst judgements (same / not same) the resolution honours")
    add_jobs(p)
    p.add_argument("--cache", metavar="DIR",
                   help="cache of per-document extractions for incremental rebuilds (default: .kg-cache beside --out)")
    p.add_argument("--no-cache", action="store_true", help="extract every document again")
    p.add_argument("--no-text", action="store_true", help="leave the documents' full text out of the graph")
    p.add_argument("--store", metavar="DIR",
                   help="also write the graph into an on-disk Oxigraph store in DIR (one named graph per "
                        "document; a rebuild replaces only changed documents' graphs), for kg query, "
                        "kg serve and kg push --store DIR")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where documents are extracted: local processes (--jobs) or a Dask cluster (--scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler for --executor dask, e.g. tcp://10.0.0.5:8786 "
                        "(needs pip install 'motesgraf[dask]' here and on the workers)")
    p.add_argument("--time-limit", type=float, default=FILE_TIME_LIMIT, metavar="SECONDS",
                   help=f"leave out, with an error, a file that takes longer than this to read, or to segment "
                        f"and extract, plus a quarter of it per MB past the first (default {FILE_TIME_LIMIT:g}; "
                        f"0 = no limit)")
    add_quiet(p)


def summary(result: BuildResult, triples: int) -> str:
    counts = result.counts()
    warnings = [i for i in result.issues if i.severity == "warning"]
    rows = [
        ("documents", f"{len(result.documents)} ({result.reused} unchanged since the last build)" if result.reused else len(result.documents)),
        ("meetings", counts["meetings"]),
        ("items", counts["items"]),
        ("sub-topics", counts["sub-topics"]),
        ("decisions", counts["decisions"]),
        ("people", counts["people"]),
        ("organisations", counts["organisations"]),
        ("projects", counts["projects"]),
        ("triples", triples),
        ("warnings", len(warnings)),
        ("skipped", len(result.errors)),
    ]
    return "\n".join(f"{k:<14}{v}" for k, v in rows)


def report(result: BuildResult, triples: int) -> dict:
    """The machine-readable build report: what was read, what was skipped and why, warnings per file."""
    per_file: dict[str, list[str]] = {}
    for i in result.issues:
        if i.severity == "warning":
            per_file.setdefault(i.path, []).append(i.message)
    return {
        "read": sorted(d.path for d in result.documents),
        "skipped": [{"path": i.path, "reason": i.message} for i in sorted(result.errors, key=lambda i: i.path)],
        "warnings": dict(sorted(per_file.items())),
        "meetings": result.counts()["meetings"],   # from the kept counts: no extraction decoded
        "triples": triples,
    }


def run_cli(args: argparse.Namespace) -> int:
    # one updating line on a terminal, a line every tenth of the work elsewhere (kg.progress)
    progress = None if args.quiet else Progress(sys.stderr, what="extracting")
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    cache = None if args.no_cache else (args.cache or Path(args.out).resolve().parent / ".kg-cache")
    try:
        fmt = format_for(args.out)
    except ValueError as exc:
        print(f"kg: error: {args.out}: {exc}", file=sys.stderr)
        return 2
    if args.judgements:
        from ..resolve import load_judgements

        load_judgements(args.judgements)   # a JudgementsError is a KgError: kg.cli reports it
    from ..tempfiles import clean_left_behind

    clean_left_behind(Path(args.out).parent, Path(args.out).name)   # what killed builds left
    lock = None
    if args.store:
        from ..graph.store import StoreLock, check_target
        from ..graph.store_commit import recover

        try:
            check_target(args.store)
            lock = StoreLock(args.store).acquire()   # held until the process ends
            recover(args.store)   # what a build killed while writing this store left
        except StoreError as exc:
            print(f"kg: error: {exc}", file=sys.stderr)
            return 2
    try:
        code = _build_and_write(args, progress, jobs, cache, fmt)
        if getattr(args, "ends_process", False):
            spare_the_final_collection()
        return code
    finally:
        if progress is not None:
            progress.close()
        if lock is not None:
            lock.release()


def _build_and_write(args: argparse.Namespace, progress, jobs: int, cache, fmt) -> int:
    if (args.executor == "dask") != bool(args.scheduler):
        print("kg: error: --executor dask and --scheduler ADDRESS go together; give both, or neither", file=sys.stderr)
        return 2
    try:
        result = build(args.paths, judgements=args.judgements, progress=progress,
                       include_text=not args.no_text, jobs=jobs, cache_dir=cache,
                       scheduler=args.scheduler, time_limit=args.time_limit or None)
    except (ClusterError, WorkerDiedError) as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if progress is not None:
            progress.close()   # the bar's line ends before any message
    for issue in result.issues:
        if issue.severity == "error" or not args.quiet:
            print(issue, file=sys.stderr)
    if not result.documents:
        if args.report:
            Path(args.report).write_text(json.dumps(report(result, 0), ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        print(f"kg: error: no readable minutes in the given paths; give files ({kinds}) or folders holding them", file=sys.stderr)
        return 2
    try:
        out, triples, update = write_outputs(result, args.out, fmt, args.store)
    except StoreError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except WorkerDiedError as exc:
        print(f"kg: error: {exc}; {args.out} is unchanged", file=sys.stderr)
        return 2
    if args.report:
        Path(args.report).write_text(json.dumps(report(result, triples), ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    if not args.quiet:
        print(summary(result, triples))
        print(f"wrote {out}")
        if update is not None:   # (with --store)
            print(update.summary())
    return 1 if result.errors else 0
