"""The analyst's SPARQL workbench: run a query or a saved question over a built graph, and format
the answer as a table, CSV, JSON or JSON Lines. The SPARQL text itself (saved questions,
parameters bound as RDF terms, the project's prefixes) is :mod:`kg.workbench.sparql`.

A query runs where a :class:`GraphSource` says: a graph file (loaded into memory), the on-disk
store that ``kg build --store`` writes, or a SPARQL 1.1 Protocol endpoint (:mod:`kg.workbench.remote`).

Engine: pyoxigraph, in memory. Measured against rdflib 7.6 (same query text, parameters bound
the same way) on the fixture graph copied 300 times under distinct IRIs and names (261,600
triples, 11 MB of Turtle, 1,500 meetings), on a shared two-core machine, after a warm-up run:

                                rdflib          pyoxigraph
    load the Turtle             7-21 s          0.74 s  (bulk_load: 0.65 s)
    presenters                  fails (*)       0.18 s
    person (?name bound)        > 590 s         0.06 s
    collaborations              > 580 s         1.1 s
    cross-department            > 590 s         0.23 s
    mentions (?org bound)       > 590 s         0.05 s
    decisions                   1.2 s           0.06 s
    meetings                    2.0 s           0.08 s
    items (?text bound)         7.0 s           0.12 s

On 30 copies (26,160 triples), where rdflib finishes: person 81 s vs 0.006 s, collaborations
21 s vs 0.10 s, cross-department 197 s vs 0.018 s, mentions 49 s vs 0.005 s; the same rows.
(*) rdflib raises NotBoundError on GROUP_CONCAT(DISTINCT ...) over an unbound OPTIONAL value.
Oxigraph's planner has its own traps, noted in the .rq files where they were met: before the
questions were shaped for it, person, collaborations and cross-department took 3 s, 15 s and
24 s on the 30 copies.
"""
from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..collector import collector_paused
from ..errors import QueryError
from ..text import one_line as _one_line
from .federation import federation_refusal
from .formats import (
    FORMATTERS,
    display,
    format_csv,
    format_json,
    format_jsonl,
    format_table,
    format_turtle,
    select_columns,
    shorten,
)
from .sparql import (
    PREFIXES,
    QUERIES_DIR,
    Param,
    Params,
    QueryResult,
    SavedQuestion,
    Term,
    bind_values,
    check_required,
    get_saved,
    list_saved,
    parse_header,
    parse_param,
    parse_requires,
    prepare_query,
    to_term,
    where_group_start,
)

__all__ = [
    "DEFAULT_GRAPH", "DEFAULT_TIMEOUT", "FORMATTERS", "GraphSource", "Param", "Params", "PREFIXES", "QUERIES_DIR",
    "QueryError", "QueryResult", "SavedQuestion", "Term", "bind_values", "check_required", "did_you_mean",
    "display", "federation_refusal", "format_csv", "format_json", "format_jsonl", "format_table",
    "format_turtle", "get_saved", "list_saved", "load_graph", "names_like", "no_match_hint", "parse_header",
    "parse_param", "parse_requires", "prepare_query", "run_query", "select_columns", "shorten", "to_term",
    "where_group_start", "widen_names",
]

DEFAULT_GRAPH = "graph.ttl"
DEFAULT_TIMEOUT = 30.0   # seconds kg query lets a query run (--timeout), as kg serve

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# ---------------------------------------------------------------------------------------------
# Graph
# ---------------------------------------------------------------------------------------------


def load_graph(path: str | Path) -> ox.Store:
    """Load an RDF file (format from its extension) into a new in-memory store."""
    p = Path(path)
    if not p.is_file():
        raise QueryError(f"{p}: no such graph file; run kg build first, or give --graph PATH")
    fmt = ox.RdfFormat.from_extension(p.suffix.lstrip(".")) if p.suffix else None
    if fmt is None:
        raise QueryError(f"{p}: unknown RDF format; use a .ttl, .nt, .nq, .trig or .rdf file")
    store = ox.Store()
    try:
        store.load(path=str(p), format=fmt)
    except SyntaxError as e:
        raise QueryError(f"{p}: not valid {fmt.name}: {_one_line(str(e))}; rebuild it with kg build") from e
    return store


# ---------------------------------------------------------------------------------------------
# Running a query
# ---------------------------------------------------------------------------------------------


def run_query(
    store_or_path: ox.Store | str | Path,
    query_text: str,
    params: Params | None = None,
) -> QueryResult:
    """Run SPARQL over a store (or a graph file), binding ``params`` as RDF terms.

    String values go through :func:`to_term`. A query whose header declares parameters
    (``# param:`` lines) accepts only those.
    """
    store = store_or_path if isinstance(store_or_path, ox.Store) else load_graph(store_or_path)
    text = prepare_query(query_text, params)
    try:
        # The union default graph: a store with one named graph per document (kg build --store,
        # a .nq or .trig graph) is queried as one graph; a plain Turtle graph is unchanged.
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(_syntax_message(query_text, str(e))) from e
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult(triples=tuple(answer))
    variables = [v.value for v in answer.variables]
    return QueryResult(vars=tuple(variables), rows=_read_rows(answer))


def _read_rows(answer: ox.QuerySolutions) -> tuple[tuple[Term | None, ...], ...]:
    """Every row, its values by position (a solution iterates them in order: faster than by name).

    With Python's cyclic garbage collector paused while the rows are read: each row is a new
    tuple, and the collector, set off by every few hundred of them, walks all the rows read so far
    again and again. Measured on 2,000 synthetic minutes (1.56M triples), median of 5, reading
    only (the query's own time left out): ``person`` without a parameter, 68,146 rows of 7 terms,
    1.37 s with the collector, 0.74 s without (bare iteration that keeps nothing: 0.44 s);
    ``mentions``, 50,541 rows of 8, 0.65 s against 0.43 s (0.23 s). Rows hold only terms, which
    make no reference cycles, so there is nothing for the collector to find here. Reading the
    answer as TSV serialised by Oxigraph and converting each distinct value once saved only 15%.
    """
    with collector_paused():
        return tuple(tuple(solution) for solution in answer)

_UPDATE = re.compile(
    r"^(?:\s|#[^\n]*\n|(?:PREFIX\s+[\w-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def _syntax_message(query_text: str, error: str) -> str:
    if _UPDATE.match(query_text):
        return "query: SPARQL updates are not run here; the graph is read-only (rebuild it with kg build)"
    where = re.match(r"error at (\d+):(\d+): (.*)", error, re.DOTALL)
    if where:
        line, column, reason = where.groups()
        return f"query: SPARQL syntax error at line {line}, column {column}: {_one_line(reason)}; fix the query"
    return f"query: SPARQL syntax error: {_one_line(error)}; fix the query"


# ---------------------------------------------------------------------------------------------
# Where a query runs
# ---------------------------------------------------------------------------------------------


def _no_deadline(seconds: float, label: str) -> contextlib.AbstractContextManager[None]:
    return contextlib.nullcontext()


@dataclass
class GraphSource:
    """Where queries run: a SPARQL 1.1 Protocol ``endpoint``, else the on-disk ``store`` (opened
    read-only), else the ``graph`` file (loaded into memory once, at the first query).

    ``deadline(timeout, label)`` is entered around each query when ``timeout`` is set: pyoxigraph
    cannot stop a query, so only the caller knows what to do when one runs too long (the command
    line ends the process). A local query may not reach out: SERVICE, or a FROM of a graph the
    store does not hold, is a QueryError."""

    graph: str | Path = DEFAULT_GRAPH
    store: str | Path | None = None
    endpoint: str | None = None
    user: str | None = None
    password: str | None = None
    insecure: bool = False
    timeout: float = 0.0
    deadline: Callable[[float, str], contextlib.AbstractContextManager[None]] = _no_deadline
    _loaded: ox.Store | None = field(default=None, init=False, repr=False)

    def local_store(self) -> ox.Store:
        """The on-disk store or the graph file, opened once."""
        if self._loaded is None:
            self._loaded = self._open_local_store()
        return self._loaded

    def _open_local_store(self) -> ox.Store:
        if self.store:
            from ..graph.store import StoreError, open_store

            try:
                return open_store(self.store)
            except StoreError as e:
                raise QueryError(str(e)) from e
        return load_graph(self.graph)

    def run(self, text: str, params: Params, label: str = "query") -> QueryResult:
        """Run on the endpoint, the on-disk store or the graph file, within ``timeout``."""
        limit = float(self.timeout or 0)
        if self.endpoint:
            from .remote import RemoteError, run_remote

            try:
                with self.deadline(limit, label):
                    return run_remote(self.endpoint, text, params, user=self.user, password=self.password,
                                      insecure=self.insecure)
            except RemoteError as e:
                raise QueryError(str(e)) from e
        store = self.local_store()
        refusal = federation_refusal(text, (g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)))
        if refusal is not None:
            raise QueryError(f"{label}: {refusal}")
        with self.deadline(limit, label):
            return run_query(store, text, params)


# ---------------------------------------------------------------------------------------------
# Asking by a name: diacritics, and "did you mean"
# ---------------------------------------------------------------------------------------------

# Names a 0-row answer is checked against: parameter -> the labels it is matched with.
_NAME_LABELS = {
    "name": "SELECT DISTINCT ?label WHERE { ?x a foaf:Person ; foaf:name|skos:altLabel ?label }",
    "org": "SELECT DISTINCT ?label WHERE { VALUES ?class { org:Organization org:OrganizationalUnit "
           "org:FormalOrganization } ?x a ?class ; skos:prefLabel|skos:altLabel ?label }",
}


def fold_name(text: str) -> str:
    """A name as the saved questions compare names: lower case, without diacritics, words
    separated by single spaces (kept in step with the REPLACE chain in person.rq and mentions.rq)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ø", "o"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def did_you_mean(asked: str, labels: Iterable[str], n: int = 5) -> list[str]:
    """The labels closest to ``asked`` (by whole label, then by any word of it), best first."""
    import difflib

    by_fold: dict[str, str] = {}
    for label in sorted(labels):
        by_fold.setdefault(fold_name(label), label)
    words: dict[str, str] = {}
    for folded, label in by_fold.items():
        for word in folded.split():
            words.setdefault(word, label)
    key = fold_name(asked)
    found = [by_fold[f] for f in difflib.get_close_matches(key, list(by_fold), n, 0.6)]
    found += [words[w] for w in difflib.get_close_matches(key, list(words), n, 0.7)]
    return list(dict.fromkeys(found))[:n]


def _name_labels(source: GraphSource, param: str) -> list[str]:
    return [row[0].value for row in source.run(_NAME_LABELS[param], {}, "names").rows if row[0]]  # type: ignore[union-attr]


def _name_params(text: str, params: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (parameter, value) pairs that ask by a name (not an IRI) in a question that declares them."""
    declared = {p.name for p in parse_header(text)[2]}
    return [(p, v) for p, v in params.items()
            if p in _NAME_LABELS and p in declared and not isinstance(to_term(v), ox.NamedNode)]


def names_like(asked: str, labels: Iterable[str]) -> list[str]:
    """The labels of which ``asked``, folded, is whole words: 'asbjorn' finds 'Asbjörn Almberg'."""
    key = f" {fold_name(asked)} "
    return sorted({label for label in labels if key.strip() and key in f" {fold_name(label)} "})


def widen_names(source: GraphSource, text: str, params: dict[str, str]) -> dict[str, str | tuple[str, ...]]:
    """A name parameter bound to every label it matches without regard to diacritics, so that
    'asbjorn' asks about Asbjörn: the saved question itself matches letter case and word starts
    only (folding every label in SPARQL was 20 to 100 times slower). Labels are bound as terms."""
    widened: dict[str, str | tuple[str, ...]] = dict(params)
    for param, value in _name_params(text, params):
        like = names_like(value, _name_labels(source, param))
        if like:
            widened[param] = tuple(dict.fromkeys([value, *like]))
    return widened


def no_match_hint(source: GraphSource, text: str, params: Mapping[str, str], result: QueryResult) -> str | None:
    """For an empty answer to a question asked by a name: 'no match; did you mean ...'."""
    if result.rows or result.boolean is not None or result.triples is not None:
        return None
    asked = _name_params(text, params)
    if not asked:
        return None
    param, value = asked[0]
    close = did_you_mean(value, _name_labels(source, param))
    if not close:
        return f"{param}={value}: no match; no name in the graph is close (kg query people or organisations lists them)"
    return f"{param}={value}: no match; did you mean " + ", ".join(repr(c) for c in close) + "?"

