"""Internals of kg.workbench that tests read."""
from __future__ import annotations

# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.workbench.remote import _digest_challenge as digest_challenge  # noqa: E402, F401
