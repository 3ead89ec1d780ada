"""``kg dictionary``: write docs/vocabulary.md, the data dictionary, from the ontology (a
developer's step after changing ontology/motesgraf.ttl); ``--check`` only says whether it is stale."""
from __future__ import annotations

import argparse
import sys

from .. import dictionary


def configure_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 when docs/vocabulary.md differs from what the ontology generates")


def run_cli(args: argparse.Namespace) -> int:
    if args.check:
        if not dictionary.is_current():
            print(f"{dictionary.DOC} is out of date: run kg dictionary", file=sys.stderr)
            return 1
        return 0
    print(f"wrote {dictionary.write_dictionary()}")
    return 0
