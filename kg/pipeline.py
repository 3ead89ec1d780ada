"""The only place that knows the order of the stages.

read -> segment -> extract (per document, parallelisable, plain picklable results)
-> resolve (across the corpus) -> build (RDF graph).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .models import Document, Extraction, Issue, Resolution
from .read import read_paths


@dataclass
class BuildResult:
    graph: Graph
    documents: list[Document] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    resolution: Resolution | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


def process_document(doc: Document) -> Extraction:
    """Segment and extract one document. Pure: the same Document gives the same Extraction."""
    from .extract import extract
    from .segment import segment

    return extract(segment(doc))


def build(
    paths: Iterable[str | Path],
    judgements: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    include_text: bool = True,
) -> BuildResult:
    """Read, segment, extract, resolve and build the graph of every minutes file under ``paths``."""
    from .build import build_graph
    from .resolve import load_judgements, resolve

    issues: list[Issue] = []
    documents: list[Document] = []
    extractions: list[Extraction] = []
    for n, item in enumerate(read_paths(paths), 1):
        if isinstance(item, Issue):
            issues.append(item)
            continue
        documents.append(item)
        issues.extend(item.issues)
        if progress:
            progress(f"[{n}] {item.identifier}")
        ex = process_document(item)
        issues.extend(ex.minutes.issues)
        extractions.append(ex)
    resolution = resolve(extractions, load_judgements(judgements) if judgements else None)
    graph = build_graph(extractions, resolution, include_text=include_text)
    return BuildResult(graph, documents, extractions, resolution, issues)
