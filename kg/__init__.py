"""motesgraf: a knowledge graph of Swedish municipal meeting minutes.

The public API: what notebooks, the benchmark (bench/, beside the package) and other programs
import, as ``from kg import run_query``. Each name is imported when it is first used, so ``import
kg`` stays fast (spaCy, rdflib and Oxigraph load only with the names that need them).

The whole pipeline is ``build`` (``kg.pipeline.build``). The single stage functions are
``kg.segment.segment``, ``kg.extract.extract`` and ``kg.resolve.resolve``: those modules bear the
stages' names, and a package attribute named like a submodule is replaced by the submodule once
it is imported, so they cannot also be names here.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module it comes from
_API: dict[str, str] = {
    "KgError": "kg.errors",
    # read, build and write the graph
    "read_paths": "kg.read",
    "build": "kg.pipeline",
    "BuildResult": "kg.pipeline",
    "build_graph": "kg.graph.build",
    "build_dataset": "kg.graph.build",     # a named graph per document
    "write_graph": "kg.graph.export",
    "write_store": "kg.graph.store_writer",   # a Dataset or chunks into an on-disk Oxigraph store
    "write_turtle": "kg.graph.export",
    "open_store": "kg.graph.store",
    # ask it
    "QueryResult": "kg.workbench.sparql",
    "list_saved": "kg.workbench.sparql",
    "get_saved": "kg.workbench.sparql",
    "load_graph": "kg.workbench.query",
    "run_query": "kg.workbench.query",
    # its networks
    "index_graph": "kg.workbench.network",
    "collaboration_network": "kg.workbench.network",
    "presenter_network": "kg.workbench.network",
    "people_organisation_network": "kg.workbench.network",
    "analyse": "kg.workbench.analyze",
    "export_networks": "kg.workbench.analyze",
    # the stages one at a time, as kg build runs them (for tools that time them: bench/)
    "Document": "kg.models",
    "read_documents": "kg.pipeline",
    "import_stages": "kg.pipeline",
    "warm_up_pipeline": "kg.pipeline",
    "process_document": "kg.pipeline",
    "extract_documents": "kg.pipeline",
    "resolve_extracted": "kg.pipeline",
    "collector_paused": "kg.collector",
    "iter_chunks": "kg.graph.build",
    "serialized_chunks": "kg.pipeline",
    "ChunkWriter": "kg.graph.export",
    # the saved questions as text, for other engines
    "PREFIXES": "kg.workbench.sparql",
    "prepare_query": "kg.workbench.sparql",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
