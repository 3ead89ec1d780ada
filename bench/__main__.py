"""``python -m bench --docs N``: the benchmark without the ``kg`` command line."""
from __future__ import annotations

import argparse
import sys

from kg import KgError

from . import cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=cli.HELP)
    cli.configure_parser(parser)
    args = parser.parse_args(argv)
    try:
        return cli.run_cli(args)
    except KgError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
