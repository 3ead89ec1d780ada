"""``kg build PATH... --out graph.ttl``: read minutes and write the graph with a short summary."""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from rdflib.namespace import FOAF, ORG, RDF

from .export import FORMATS, write_graph
from .pipeline import BuildResult, build
from .vocab import MG


def configure_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="minutes files or folders (searched recursively)")
    p.add_argument("--out", "-o", default="graph.ttl", help="output file; format from suffix (%(choices)s)" if False else
                   f"output file, format from its suffix: {', '.join(sorted(FORMATS))} (default: graph.ttl)")
    p.add_argument("--judgements", metavar="TSV", help="analyst judgements (same / not same) the resolution honours")
    p.add_argument("--no-text", action="store_true", help="leave the documents' full text out of the graph")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors")


def summary(result: BuildResult) -> str:
    g = result.graph
    counts = Counter()
    for cls, name in ((MG.Meeting, "meetings"), (MG.AgendaItem, "items"), (MG.Decision, "decisions"),
                      (FOAF.Person, "people"), (ORG.Organization, "organisations"), (MG.Project, "projects")):
        counts[name] = sum(1 for _ in g.subjects(RDF.type, cls))
    warnings = [i for i in result.issues if i.severity == "warning"]
    lines = [
        f"documents     {len(result.documents)}",
        f"meetings      {counts['meetings']}",
        f"items         {counts['items']}",
        f"decisions     {counts['decisions']}",
        f"people        {counts['people']}",
        f"organisations {counts['organisations']}",
        f"projects      {counts['projects']}",
        f"triples       {len(g)}",
        f"warnings      {len(warnings)}",
        f"skipped       {len(result.errors)}",
    ]
    return "\n".join(lines)


def run_cli(args: argparse.Namespace) -> int:
    progress = None if args.quiet else (lambda msg: print(f"kg: reading {msg}", file=sys.stderr))
    try:
        result = build(args.paths, judgements=args.judgements, progress=progress, include_text=not args.no_text)
    except FileNotFoundError as exc:
        print(f"kg: error: {exc.filename}: no such file; check the path", file=sys.stderr)
        return 2
    for issue in result.issues:
        if issue.severity == "error" or not args.quiet:
            print(issue, file=sys.stderr)
    if not result.documents:
        print("kg: error: no readable minutes in the given paths; give .txt or .md files or folders holding them", file=sys.stderr)
        return 2
    try:
        out = write_graph(result.graph, args.out)
    except ValueError as exc:
        print(f"kg: error: {args.out}: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(summary(result))
        print(f"wrote {out}")
    return 1 if result.errors else 0
