"""``kg bench --docs N``: time every pipeline stage on a synthetic corpus.

The options and the printing are still those of :mod:`kg.bench`, where work on the benchmark is
under way; they move here (and the benchmark out of the package, to ``bench/``) after it."""
from __future__ import annotations

from ..bench import configure_parser, run_cli

__all__ = ["configure_parser", "run_cli"]
