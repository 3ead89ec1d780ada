"""Real and synthetic minutes for the tests that hold a fast path to its plain form: the
documents they are compared on, read as ``kg build`` reads them."""
from __future__ import annotations

from pathlib import Path

from kg.models import Document

DATA = Path(__file__).resolve().parent / "data"


def real_and_synthetic(folder: Path, synthetic: int, seed: int, genres: bool = False) -> list[Document]:
    """The sample minutes and the layouts (and the genres corpus with ``genres``), then
    ``synthetic`` minutes of the bench's generator (its ``seed``), written into ``folder``."""
    from bench.synth import write_corpus
    from kg.pipeline import read_documents

    write_corpus(synthetic, folder, seed=seed)
    real = [DATA / "seeds", DATA / "layouts"] + ([DATA / "genres" / "docs"] if genres else [])
    return read_documents([*real, folder])[0]
