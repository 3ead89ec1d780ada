"""What every executor runs on a document (local processes, Dask workers): segment, nlp and
extract (process_documents, a batch a stage at a time, within a time limit), and the document's
summary a build keeps (its part of resolution, issues and node counts)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..limits import TimeLimitExceeded, allowance, time_limit
from ..models import Document, Extraction, Issue, Minutes

if TYPE_CHECKING:
    from ..resolve import DocumentPart


def process_document(doc: Document) -> Extraction:
    """Segment and extract one document. Pure: the same Document gives the same Extraction."""
    return process_documents([doc])[0]


# Documents a process segments and extracts together (process_documents): enough to keep each
# stage's code and tables in the processor's caches, few enough that their spaCy Docs take
# little memory.
BATCH_SIZE = 32


def process_documents(docs: Sequence[Document], time_limit: float | None = None) -> list[Extraction]:
    """``process_document`` of each of ``docs``, one stage at a time: all are segmented, then
    spaCy reads their texts, then the rules run. Taking each document through every stage in
    turn was about a fifth slower: a stage's code and tables no longer stayed in the processor's
    caches from one document to the next.

    Python's cyclic garbage collector is paused meanwhile: extraction makes many small objects
    and no reference cycles, and the collector's full passes walk everything the caller holds
    (all extractions so far).

    With ``time_limit`` a document whose three stages take longer than that many seconds in all
    (more past a million characters: kg.limits.allowance) is given up: its Extraction is ``refused`` (see there)."""
    from ..extract import extract
    from ..nlp import get_nlp
    from ..segment import segment

    with collector_paused():
        if not time_limit:
            minutes = [segment(doc) for doc in docs]
            nlp = get_nlp()
            parsed = [nlp(m.document.text) for m in minutes]
            return [extract(m, sdoc) for m, sdoc in zip(minutes, parsed)]
        nlp = get_nlp()
        budget = _Budget(docs, time_limit)
        minutes = [budget.run(k, segment, doc) for k, doc in enumerate(docs)]
        parsed = [budget.run(k, nlp, m.document.text) if k not in budget.spent else None for k, m in enumerate(minutes)]
        out = [budget.run(k, extract, m, sdoc) if k not in budget.spent else None
               for k, (m, sdoc) in enumerate(zip(minutes, parsed))]
        return [refused(doc, budget.limits[k]) if k in budget.spent else ex for k, (doc, ex) in enumerate(zip(docs, out))]


class _Budget:
    """What is left of each document's time limit as it goes through the stages."""

    def __init__(self, docs: Sequence[Document], seconds: float):
        self.limits = [allowance(seconds, len(d.text)) or seconds for d in docs]
        self.left = list(self.limits)
        self.spent: set[int] = set()   # the documents that ran out

    def run(self, k: int, stage: Callable, *args):
        from time import perf_counter

        start = perf_counter()
        try:
            with time_limit(max(self.left[k], 0.001)):
                return stage(*args)
        except TimeLimitExceeded:
            self.spent.add(k)
            return None
        finally:
            self.left[k] -= perf_counter() - start


def refused(doc: Document, seconds: float) -> Extraction:
    """The Extraction of a document given up after ``seconds``: no meeting, one error. The build
    leaves it out of the graph and the cache (another run, on a faster machine, may finish it)."""
    issue = Issue(doc.path, f"took longer than {seconds:.3g} s to segment and extract; split it into smaller "
                            "files, or raise the limit (kg build --time-limit)", "error")
    return Extraction(Minutes(document=doc, is_minutes=False, issues=(issue,)))


def is_refused(issues: Sequence[Issue]) -> bool:
    """Whether a document's issues hold an error: the stages raise only warnings, ``refused`` one."""
    return any(i.severity == "error" for i in issues)
def node_counts(ex: Extraction) -> NodeCounts:
    """How many meetings (0 or 1), items, sub-topics and decisions ``ex`` gives the graph
    (``BuildResult.counts``); kept in the cache, so a rebuild counts without decoding extractions."""
    m = ex.minutes
    if not m.is_minutes:
        return (0, 0, 0, 0)
    return (1, len(m.items), sum(len(i.subtopics) for i in m.items),
            len(m.decisions) + sum(len(i.decisions) for i in m.items))


NodeCounts = tuple[int, int, int, int]   # meetings, items, sub-topics, decisions (node_counts)


@dataclass(frozen=True)
class DocumentSummary:
    """What a build needs of a document whose graph it may take from the cache: its part of
    resolution, its issues and its node counts. The extraction cache keeps it beside the
    Extraction (``ExtractionCache.summary``): about a sixth of the entry, so a rebuild reads
    these for every unchanged document and decodes an Extraction only if its graph must be built."""

    part: DocumentPart
    issues: tuple[Issue, ...]
    counts: NodeCounts


def summarize(ex: Extraction) -> DocumentSummary:
    from ..resolve import document_part

    return DocumentSummary(document_part(ex), ex.minutes.issues, node_counts(ex))
