"""Synthetic Swedish meeting minutes, for scale tests and benchmarks.

Real minutes are few and cannot be shared in bulk, so ``kg bench`` and the scale tests need a
corpus that looks like them and can be made at any size. Four genres are mixed, each written in
several variants as municipalities actually write them:

* ``ledningsgrupp``: a management group's notes (``Deltagare: A, B, C (sekr.)``, ``Frånvarande:``,
  numbered items ``1. Titel`` with ``Föredragande:`` lines, ``Beslut:`` and bullet points);
* ``protokoll``: a board's formal minutes (``Tid och plats``, ``Beslutande`` with party letters,
  ``Tjänstgörande ersättare``, ``Justerare``, ``§ 176 Dnr KS 2021/123``, ``att``-clauses, signatures;
  each ``att``-clause on its own line counts as one decision in the truth);
* ``natverk``: Markdown notes of a regional network of municipalities in the style of Familjen
  Helsingborg (``Plats och tid:``, timed items ``09.40 **Titel**``, absent members struck through);
* ``arbetsgrupp``: a working group's notes with unnumbered headings and running text.

Every document comes with its ground truth in the shape of the hand annotations in
``tests/data/gold`` (meeting, attendees, items with presenters, decisions verbatim, memberships),
so the pipeline can be scored on synthetic data exactly as on the real samples.

Output is a pure function of ``(seed, index)``: one ``random.Random`` per document, seeded with
the string ``"motesgraf-synth:<seed>:<index>"`` (string seeds are hashed with SHA-512, stable across
runs and Python versions). A plain ``seed + index`` would make seed 1 a shifted copy of seed 0.
Names come from ``kg/resources/first_names.txt`` and ``surnames.txt`` when those lists exist
(one name a line), otherwise from short lists in ``bench/synth/data/words.jsonl``; the corpus is
deterministic for a given set of name lists. All the Swedish the generator writes beyond the
layout of each genre (topics, sentences, places, organisations) is data in
``bench/synth/data/`` (:mod:`bench.synth.material`); each genre is a module of its own.
"""
from __future__ import annotations

from .corpus import (
    GENRES,
    MAX_WORDS,
    MIN_WORDS,
    generate_corpus,
    generate_corpus_with_truth,
    generate_document,
    genre_of,
    write_corpus,
)
from .document import Person
from .material import MUNICIPALITIES, Topic, first_names, genitive, municipality_org, surnames

__all__ = [
    "GENRES", "MAX_WORDS", "MIN_WORDS", "MUNICIPALITIES", "Person", "Topic", "first_names", "generate_corpus",
    "generate_corpus_with_truth", "generate_document", "genitive", "genre_of", "municipality_org", "surnames",
    "write_corpus",
]
