"""The corpus: which genre the ``index``-th document has, one document from its own Random, and
the corpus written to a folder (with its ground truth on request).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from random import Random
from typing import Any

from .arbetsgrupp import arbetsgrupp
from .document import Doc
from .ledningsgrupp import ledningsgrupp
from .material import MUNICIPALITIES
from .natverk import natverk
from .pieces import word_count
from .protokoll import protokoll

GENRES: tuple[str, ...] = ("ledningsgrupp", "protokoll", "natverk", "arbetsgrupp")

RENDERERS = {"ledningsgrupp": ledningsgrupp, "protokoll": protokoll, "natverk": natverk,
             "arbetsgrupp": arbetsgrupp}


def genre_of(index: int, seed: int = 0) -> str:
    """Genres rotate in shuffled blocks of four, so any four consecutive documents hold all of them."""
    order = list(GENRES)
    Random(f"motesgraf-synth:{seed}:block:{index // len(GENRES)}").shuffle(order)
    return order[index % len(GENRES)]


MIN_WORDS, MAX_WORDS = 300, 1500


def generate_document(index: int, seed: int = 0) -> tuple[str, str, dict[str, Any]]:
    """The ``index``-th document of corpus ``seed``: (file name, text, ground truth).

    A draw that falls outside MIN_WORDS..MAX_WORDS (a few short network notes do) is drawn again
    from the next derived seed, so every document has a realistic length and stays deterministic.
    """
    genre = genre_of(index, seed)
    for attempt in range(20):
        rng = Random(f"motesgraf-synth:{seed}:{index}" + (f":{attempt}" if attempt else ""))
        doc = Doc(rng, rng.choice(MUNICIPALITIES))
        text, truth = RENDERERS[genre](doc)
        if MIN_WORDS <= word_count(text) <= MAX_WORDS:
            break
    suffix = ".md" if genre == "natverk" else ".txt"
    name = f"{index:06d}_{rng.getrandbits(64):016x}{suffix}"
    truth["document"] = name
    truth["memberships"] = [list(m) for m in sorted(doc.memberships)]
    truth["persons"] = sorted(doc.persons)
    truth["organizations"] = sorted(doc.organizations)
    truth["words"] = word_count(text)
    return name, text, dict(sorted(truth.items()))


def generate_corpus_with_truth(n_docs: int, seed: int = 0) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``n_docs`` documents with their ground truth, in index order."""
    for index in range(n_docs):
        yield generate_document(index, seed)


def generate_corpus(n_docs: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n_docs`` (file name, text) pairs; the same arguments always give the same bytes."""
    for name, text, _ in generate_corpus_with_truth(n_docs, seed):
        yield name, text


def write_corpus(n_docs: int, out_dir: str | Path, seed: int = 0, with_truth: bool = False) -> list[Path]:
    """Write the corpus as UTF-8 files into ``out_dir`` (created); with ``with_truth`` also NAME.truth.json."""
    import json

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text, truth in generate_corpus_with_truth(n_docs, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        if with_truth:
            (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        paths.append(path)
    return paths
