"""Internals of kg.read that tests read."""
from __future__ import annotations

# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.read.text import _ALLOWED_CONTROLS as ALLOWED_CONTROLS  # noqa: E402, F401
from kg.read.text import _MAYBE_BAD as MAYBE_BAD  # noqa: E402, F401
from kg.read.text import _is_bad_character as is_bad_character  # noqa: E402, F401
