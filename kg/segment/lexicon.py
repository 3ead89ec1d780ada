"""The cue words of segmentation, read from data files under ``kg/resources/segment/``.

A new spelling of a label or role is a line of data, not a branch of code. Each file is plain
text: one entry per line, ``phrase`` or ``phrase<TAB>value``, then an optional ``# note``; blank
lines and lines starting with ``#`` are comments. Phrases are written as they appear in minutes
and folded here (lower case, no diacritics: ``Närvarande`` -> ``narvarande``), the form the rules
compare against.
"""
from __future__ import annotations

# The loader is kg.lexicon's (the graph reads one of the lists too); the rules read it here.
from ..lexicon import entries, table, words  # noqa: F401
