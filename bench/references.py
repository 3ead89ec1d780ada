"""Reference figures that say what "fast" means, on the same text and graph as the pipeline:
spaCy's bare Swedish tokenizer (``spacy.blank("sv")`` through ``nlp.pipe``), pyoxigraph loading
and dumping the graph as Turtle without rdflib, and every saved question
(``kg/resources/queries/*.rq``), median of ``--repeats`` runs, once through ``kg.run_query``
and once straight through ``pyoxigraph.Store.query`` on the same store. Each imports what it
needs when it runs, after the pipeline's stages are timed, as before they were."""
from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any


def tokenizer_seconds(texts: Sequence[str]) -> tuple[float, int]:
    """Seconds for spaCy's blank Swedish pipeline (tokenizer only) over ``texts``, and its token count."""
    import spacy

    nlp = spacy.blank("sv")
    nlp("värm upp")  # first call builds lookup tables; keep it off the clock
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - start, tokens


def _seconds(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def pyoxigraph_turtle(turtle: Path) -> tuple[Any, float, float]:
    """Load ``turtle`` into a pyoxigraph store and dump it as Turtle again: (store, load s, dump s)."""
    import pyoxigraph as ox

    store = ox.Store()
    _, load_s = _seconds(lambda: store.load(path=str(turtle), format=ox.RdfFormat.TURTLE))
    _, dump_s = _seconds(lambda: store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    return store, load_s, dump_s


def _consume(answer: Any) -> int:
    """Pull every row of a pyoxigraph answer (results are lazy: an unread answer costs nothing)."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return 1
    return sum(1 for _ in answer)


def _ask_bare(store: Any, text: str, prefixes: dict[str, str]) -> int:
    """Rows of ``text`` asked straight through ``pyoxigraph.Store.query``."""
    return _consume(store.query(text, prefixes=prefixes))


# For a question that needs a parameter (``# requires:``), the bench asks about the busiest
# person or organisation of the graph: the largest answer such a question gives there.
EXAMPLE_QUERIES = {
    "name": """SELECT ?value WHERE {
        ?person a foaf:Person ; foaf:name ?value . ?meeting mg:attendee ?person }
        GROUP BY ?value ORDER BY DESC(COUNT(?meeting)) ?value LIMIT 1""",
    "org": """SELECT ?value WHERE {
        ?organisation a org:Organization ; skos:prefLabel ?value . ?item mg:mentions ?organisation }
        GROUP BY ?value ORDER BY DESC(COUNT(?item)) ?value LIMIT 1""",
    "dnr": """SELECT ?value WHERE {
        ?case a mg:Case ; dcterms:identifier ?value . ?item mg:concernsCase ?case }
        GROUP BY ?value ORDER BY DESC(COUNT(?item)) ?value LIMIT 1""",
}


def example_params(store: Any, requires: Sequence[str]) -> dict[str, str] | None:
    """A value from the graph for the first required parameter the bench knows how to pick."""
    from kg import PREFIXES

    for name in requires:
        if name in EXAMPLE_QUERIES:
            for row in store.query(EXAMPLE_QUERIES[name], prefixes=PREFIXES):
                return {name: row[0].value}
    return None


def time_questions(store: Any, repeats: int) -> dict[str, dict[str, Any]]:
    """Median seconds of every saved question through ``kg.run_query`` and through bare pyoxigraph.

    Questions with optional parameters run unbound, as ``kg query NAME`` does without
    ``--param``; a question that needs one gets the busiest person's or organisation's
    (``example_params``), reported under ``params``."""
    from kg import PREFIXES, list_saved, prepare_query, run_query

    out: dict[str, dict[str, Any]] = {}
    for q in list_saved():
        params = example_params(store, q.requires) if q.requires else None
        text = prepare_query(q.text, params)
        through_kg, bare, rows = [], [], 0
        for _ in range(repeats):
            _, seconds = _seconds(partial(run_query, store, q.text, params))
            through_kg.append(seconds)
            rows, seconds = _seconds(partial(_ask_bare, store, text, PREFIXES))
            bare.append(seconds)
        out[q.name] = {
            "median_s": round(statistics.median(through_kg), 6),
            "pyoxigraph_median_s": round(statistics.median(bare), 6),
            "rows": rows,
        }
        if params:
            out[q.name]["params"] = params
    return dict(sorted(out.items()))
