"""Internals of kg.pipeline that tests read."""
from __future__ import annotations

# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.pipeline import _extract_all as extract_all  # noqa: E402, F401
