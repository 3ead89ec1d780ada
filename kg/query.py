"""The analyst's SPARQL workbench: saved questions and ad-hoc queries over a built graph.

Saved questions are ``.rq`` files in ``kg/resources/queries/``: data, not code. Each starts with
comment lines that describe it::

    # title: Presenters
    # description: Who presented which agenda item ...
    #   (indented comment lines continue the previous field)
    # param: name - the person's name ...
    # requires: name or person - kg query people lists everyone

A ``requires`` line names parameters of which at least one must be given: ``kg query`` refuses
to run the question without one (saying which ``--param`` to give and the rest of the line), and
the question's SPARQL answers nothing then (it tests ``BOUND`` on them before any pattern), so a
page link or a run through :func:`run_query` without parameters costs nothing either.

Parameters are bound as RDF terms (a VALUES block of N-Triples terms first in the WHERE group,
see :func:`bind_values`), never pasted into the query as text, so a value such as
``" } ; DROP ALL ; #`` is only ever a string that matches nothing. A saved question uses its
parameters in its top-level group (filters there, or EXISTS), where a bound parameter narrows
the answer and an unbound one (``!BOUND(?name) || ...``) lets everything through.

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

import argparse
import contextlib
import csv
import gc
import io
import json
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import pyoxigraph as ox

from .errors import QueryError

QUERIES_DIR = Path(__file__).resolve().parent / "resources" / "queries"
DEFAULT_GRAPH = "graph.ttl"
DEFAULT_TIMEOUT = 30.0   # seconds kg query lets a query run (--timeout), as kg serve

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _project_prefixes() -> dict[str, str]:
    """The prefixes the project binds in its Turtle, plus rdf/rdfs: shared with kg.vocab."""
    from rdflib import Graph

    from .vocab import bind_prefixes

    prefixes = {p: str(ns) for p, ns in bind_prefixes(Graph(bind_namespaces="none")).namespaces()}
    prefixes.setdefault("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    prefixes.setdefault("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
    return dict(sorted(prefixes.items()))


PREFIXES: dict[str, str] = _project_prefixes()


# ---------------------------------------------------------------------------------------------
# Saved questions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    meaning: str


@dataclass(frozen=True)
class SavedQuestion:
    name: str                      # file stem: what ``kg query NAME`` takes
    title: str
    description: str
    params: tuple[Param, ...]
    text: str                      # the SPARQL, header comments included
    path: Path
    requires: tuple[str, ...] = ()  # at least one of these parameters must be given
    requires_note: str = ""         # what to do without one, e.g. which question lists everything


_HEADER_FIELD = re.compile(r"#\s*(title|description|param|requires)\s*:\s*(.*)$", re.IGNORECASE)


def _read_header(text: str) -> tuple[dict[str, str], tuple[Param, ...]]:
    """The fields (title, description, requires) and params of a query's leading comment block."""
    fields: dict[str, str] = {"title": "", "description": "", "requires": ""}
    params: list[Param] = []
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER_FIELD.match(stripped)
        if match:
            key, value = match.group(1).lower(), match.group(2).strip()
            if key == "param":
                name, _, meaning = value.partition(" - ")
                params.append(Param(name.strip().lstrip("?$"), meaning.strip()))
            else:
                fields[key] = value
            last = key
        elif last is not None and stripped.lstrip("#").strip():
            more = stripped.lstrip("#").strip()
            if last == "param":
                p = params[-1]
                params[-1] = Param(p.name, f"{p.meaning} {more}".strip())
            else:
                fields[last] = f"{fields[last]} {more}".strip()
    return fields, tuple(params)


def parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    """Read title, description and params from the leading comment block of a query."""
    fields, params = _read_header(text)
    return fields["title"], fields["description"], params


def parse_requires(text: str) -> tuple[tuple[str, ...], str]:
    """The ``# requires: a or b - note`` line of a query's header: (parameter names, note)."""
    names, _, note = _read_header(text)[0]["requires"].partition(" - ")
    wanted = tuple(n.lstrip("?$") for n in re.split(r"\s*(?:,|\bor\b|\|)\s*", names.strip()) if n)
    return wanted, note.strip()


def check_required(query_text: str, params: Mapping[str, object], label: str = "query") -> None:
    """Raise a QueryError naming the ``--param`` to give when the query requires one of its
    parameters and none of them is given."""
    wanted, note = parse_requires(query_text)
    if not wanted or any(name in params for name in wanted):
        return
    meanings = {p.name: p.meaning for p in parse_header(query_text)[2]}
    options = " or ".join(f"--param {n}=..." + (f" ({meanings[n]})" if meanings.get(n) else "") for n in wanted)
    raise QueryError(f"{label}: needs {options}" + (f"; {note}" if note else ""))


def list_saved(directory: Path = QUERIES_DIR) -> list[SavedQuestion]:
    """Every saved question, sorted by name."""
    questions = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        title, description, params = parse_header(text)
        requires, note = parse_requires(text)
        questions.append(SavedQuestion(path.stem, title or path.stem, description, params, text, path,
                                       requires, note))
    return questions


def get_saved(name: str, directory: Path = QUERIES_DIR) -> SavedQuestion:
    """The saved question called ``name``; the error lists the names there are."""
    questions = {q.name: q for q in list_saved(directory)}
    if name not in questions:
        raise QueryError(
            f"{name}: no saved question by that name; known: {', '.join(questions)} "
            "(or give SPARQL text or a .rq file)"
        )
    return questions[name]


# ---------------------------------------------------------------------------------------------
# Graph and parameters
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


_DATATYPE_CHECKS: dict[str, re.Pattern[str]] = {
    XSD + "date": re.compile(r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?"),
    XSD + "dateTime": re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"),
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    XSD + "boolean": re.compile(r"true|false|1|0"),
}


def to_term(value: str) -> Term:
    """Turn a ``--param`` value into an RDF term.

    ``<iri>`` or ``http(s)://...`` -> IRI; ``lexical^^xsd:date`` or ``lexical^^<iri>`` -> typed
    literal; anything else -> plain string literal, taken as it stands.
    """
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if re.match(r"https?://\S+$", value):
            return ox.NamedNode(value)
    except ValueError as e:
        raise QueryError(f"{value}: not a valid IRI ({e}); write it as <https://...>") from e
    typed = re.fullmatch(r"(.*)\^\^(<[^<>\s]+>|[A-Za-z][\w-]*:[\w-]+)", value, re.DOTALL)
    if typed:
        lexical, datatype = typed.groups()
        iri = datatype[1:-1] if datatype.startswith("<") else _expand(datatype)
        check = _DATATYPE_CHECKS.get(iri)
        if check and not check.fullmatch(lexical):
            raise QueryError(f"{value}: {lexical!r} is not a valid {datatype}; e.g. 2020-01-31^^xsd:date")
        return ox.Literal(lexical, datatype=ox.NamedNode(iri))
    return ox.Literal(value)


def _expand(prefixed: str) -> str:
    prefix, _, local = prefixed.partition(":")
    if prefix not in PREFIXES:
        raise QueryError(f"{prefixed}: unknown prefix {prefix}:; known: {', '.join(PREFIXES)}")
    return PREFIXES[prefix] + local


def parse_param(text: str) -> tuple[str, str]:
    """``name=value`` (the name may start with ? or $) -> (name, value)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name:
        raise QueryError(f"--param {text}: expected NAME=VALUE, e.g. --param name='Mats Nilsson'")
    return name, value


# ---------------------------------------------------------------------------------------------
# Running a query
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryResult:
    """Variables and rows (``None`` where unbound) of a SELECT; ``boolean`` for ASK;
    ``triples`` for CONSTRUCT and DESCRIBE."""

    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = None

    def column(self, var: str) -> list[Term | None]:
        i = self.vars.index(var)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs in full, literals by value): handy in notebooks."""
        return [{v: (None if t is None else t.value) for v, t in zip(self.vars, row)} for row in self.rows]


def prepare_query(query_text: str, params: Mapping[str, str | Term] | None = None) -> str:
    """The query with ``params`` bound (see :func:`bind_values`); only declared parameters are
    accepted when the query declares any. Shared by local and remote (``--endpoint``) queries."""
    params = dict(params or {})
    _, _, declared = parse_header(query_text)
    declared_names = sorted(p.name for p in declared)
    unknown = sorted(set(params) - set(declared_names)) if declared else []
    if unknown:
        raise QueryError(
            f"?{unknown[0]}: not a parameter of this question; it takes "
            + ", ".join(f"?{n}" for n in declared_names)
        )
    terms = {name: tuple(_as_term(v) for v in value) if isinstance(value, (tuple, list)) else _as_term(value)
             for name, value in params.items()}
    return bind_values(query_text, terms) if terms else query_text


def _as_term(value: str | Term) -> Term:
    return to_term(value) if isinstance(value, str) else value


# ---------------------------------------------------------------------------------------------
# No federation: a query may not make the engine send requests elsewhere
# ---------------------------------------------------------------------------------------------

_SPARQL_TOKEN = re.compile("|".join((
    "(?P<string>" + "'''(?:[^'\\\\]|\\\\.|'(?!''))*'''" + '|"""(?:[^"\\\\]|\\\\.|"(?!""))*"""'
    + "|'(?:[^'\\\\\\n]|\\\\.)*'" + '|"(?:[^"\\\\\\n]|\\\\.)*")',
    r"(?P<comment>#[^\n]*)",
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
    r"(?P<var>[?$]\w+)",
    r"(?P<pname>(?:[A-Za-z][\w.-]*)?:[\w.%-]*)",
    r"(?P<word>[A-Za-z_]\w*)",
    r"(?P<other>\S)",
)))


def _sparql_tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of each token, enough to tell keywords from names, strings and comments."""
    for m in _SPARQL_TOKEN.finditer(text):
        kind = m.lastgroup
        if kind != "comment":
            yield kind, m.group(0)


def federation_refusal(query_text: str, local_graphs: Iterable[str] = ()) -> str | None:
    """Why the query must not run (one line), or None: ``SERVICE`` sends the query to another
    server, and a ``FROM``/``FROM NAMED`` IRI that is not one of ``local_graphs`` (the store's
    named graphs) may make an engine fetch it. Found on the query's tokens, so the words in
    strings, comments, IRIs and names do not count."""
    tokens = list(_sparql_tokens(query_text))
    prefixes: dict[str, str] = {**PREFIXES}
    for k, (kind, text) in enumerate(tokens[:-2]):
        if kind == "word" and text.upper() == "PREFIX" and tokens[k + 1][0] == "pname" and tokens[k + 2][0] == "iri":
            prefixes[tokens[k + 1][1].rstrip(":").split(":")[0]] = tokens[k + 2][1][1:-1]
    local: set[str] | None = None   # read only when a FROM asks for it (a store may have many graphs)
    for k, (kind, text) in enumerate(tokens):
        if kind != "word":
            continue
        if text.upper() == "SERVICE":
            return "SERVICE is refused: this endpoint answers from its own graph only (no federated queries)"
        if text.upper() == "FROM":
            j = k + 1 + (k + 1 < len(tokens) and tokens[k + 1][1].upper() == "NAMED")
            if j >= len(tokens):
                continue
            target_kind, target = tokens[j]
            if target_kind == "iri":
                iri = target[1:-1]
            elif target_kind == "pname" and target.split(":")[0] in prefixes:
                prefix, _, name = target.partition(":")
                iri = prefixes[prefix] + name
            else:
                iri = target
            if local is None:
                local = set(local_graphs)
            if iri not in local:
                return (f"FROM <{iri}> is refused: not a graph of this store (no remote data); "
                        "name one of its graphs, or use GRAPH ?g")
    return None


def run_query(
    store_or_path: ox.Store | str | Path,
    query_text: str,
    params: Mapping[str, str | Term] | None = None,
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
    collecting = gc.isenabled()
    gc.disable()
    try:
        return tuple(tuple(solution) for solution in answer)
    finally:
        if collecting:
            gc.enable()


# Parameters are bound with a VALUES block opening the query's WHERE group, built from each
# term's N-Triples form (pyoxigraph escapes it; an IRI is validated when it is made), so user
# text can never become query syntax. Not pyoxigraph's ``substitutions=``, measured: it binds
# only variables the query projects, and filters on a substituted variable are not pushed down,
# so the ``person`` question took 3.2 s instead of 0.08 s on the 30-copy graph.
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.DOTALL)
_WORD = re.compile(r"[?$]?[A-Za-z_][\w.:-]*")


def where_group_start(query_text: str) -> int | None:
    """Index just inside the ``{`` that opens the query's WHERE group, or None if it has none.

    A small scanner, not a parser: it skips comments, strings and IRIs, and knows that a
    CONSTRUCT template comes before the WHERE keyword while SELECT, ASK and DESCRIBE may omit it.
    """
    i, n = 0, len(query_text)
    form: str | None = None
    seen_where = False
    braces = parens = 0
    while i < n:
        c = query_text[i]
        if c == "#":
            end = query_text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            m = _STRING.match(query_text, i)
            i = m.end() if m else i + 1
            continue
        if c == "<":
            m = _IRIREF.match(query_text, i)
            i = m.end() if m else i + 1
            continue
        if c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        elif c == "{":
            if braces == 0 and parens == 0 and (seen_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return i + 1
            braces += 1
        elif c == "}":
            braces -= 1
        elif c.isalpha() or c in "?$_":
            m = _WORD.match(query_text, i)
            token = m.group(0) if m else c
            word = token.upper()
            if braces == 0 and parens == 0:
                if form is None and word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                    form = word
                elif word == "WHERE":
                    seen_where = True
            i += len(token)
            continue
        i += 1
    return None


def bind_values(query_text: str, terms: Mapping[str, Term | tuple[Term, ...]]) -> str:
    """The query with ``VALUES ?name { term }`` for each parameter, first in its WHERE group
    (several terms for a parameter bound to more than one value)."""
    lines = []
    for name, term in sorted(terms.items()):
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"--param {name}: not a valid SPARQL variable name; use letters, digits and _")
        values = " ".join(str(t) for t in term) if isinstance(term, tuple) else str(term)
        lines.append(f" VALUES ?{name} {{ {values} }}")
    at = where_group_start(query_text)
    if at is None:
        raise QueryError("query: no WHERE group to bind parameters in; parameters need a WHERE { ... }")
    return query_text[:at] + "".join(lines) + "\n" + query_text[at:]


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


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def shorten(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``prefix:local`` for the longest matching namespace, else ``<iri>``."""
    best = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            local = iri[len(namespace):]
            if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                best = prefix
    return f"{best}:{iri[len(prefixes[best]):]}" if best else f"<{iri}>"


def display(term: Term | None) -> str:
    """A term as a person reads it: literals by value, IRIs with prefixes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def format_table(result: QueryResult, max_width: int = 60) -> str:
    """An aligned plain-text table; cells longer than ``max_width`` are cut (0: never)."""
    if result.boolean is not None:
        return "true\n" if result.boolean else "false\n"
    if result.triples is not None:
        return format_turtle(result)

    def cell(term: Term | None) -> str:
        text = " ".join(display(term).split())
        return text if not max_width or len(text) <= max_width else text[: max_width - 1] + "…"

    header = list(result.vars)
    body = [[cell(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in body]
    n = len(body)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out) + "\n"


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: IRIs in full, literals by value, CRLF line ends."""
    if result.boolean is not None or result.triples is not None:
        return format_table(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return buffer.getvalue()


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (unbound variables left out of each binding)."""
    if result.triples is not None:
        return format_turtle(result)
    if result.boolean is not None:
        doc: dict[str, object] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows
        ]
        doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def format_turtle(result: QueryResult) -> str:
    """CONSTRUCT and DESCRIBE results, whatever format was asked for: Turtle is their table."""
    triples = sorted(result.triples or (), key=str)
    used = {p: ns for p, ns in PREFIXES.items() if any(ns in str(t) for t in triples)}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used).decode("utf-8")


def format_jsonl(result: QueryResult) -> str:
    """One JSON object per row (JSON Lines): column -> value as text (IRIs in full), null where
    unbound; an ASK answer is one object {"boolean": ...}. Easy to read into pandas or jq."""
    if result.triples is not None:
        return format_turtle(result)
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) + "\n"
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in result.records())


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json, "jsonl": format_jsonl}


def select_columns(result: QueryResult, columns: Sequence[str]) -> QueryResult:
    """The result with only ``columns``, in that order; an unknown name is an error listing the
    columns there are."""
    if result.boolean is not None or result.triples is not None:
        return result
    unknown = [c for c in columns if c not in result.vars]
    if unknown:
        raise QueryError(f"--columns {unknown[0]}: no such column; the query has {', '.join(result.vars)}")
    at = [result.vars.index(c) for c in columns]
    return QueryResult(vars=tuple(columns), rows=tuple(tuple(row[i] for i in at) for row in result.rows))


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def _is_query_file(argument: str) -> bool:
    """Whether QUERY names a file: SPARQL text of any length is no file name (a long one would
    make the operating system refuse the name)."""
    if any(c in argument for c in "{}\n") or len(argument) > 1024:
        return False
    try:
        return bool(Path(argument).suffix) and Path(argument).is_file()
    except (OSError, ValueError):
        return False


def resolve_query(argument: str) -> tuple[str, str]:
    """QUERY -> (SPARQL text, label for messages): a .rq file, a saved question, SPARQL, or '-'."""
    if argument == "-":
        return sys.stdin.read(), "stdin"
    if _is_query_file(argument):
        return Path(argument).read_text(encoding="utf-8"), argument
    if re.fullmatch(r"[^\s{}]+\.rq", argument):
        raise QueryError(f"{argument}: no such query file; check the path")
    if re.match(r"[A-Za-z][\w-]*$", argument):
        return get_saved(argument).text, argument
    return argument, "query"


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", nargs="?", metavar="QUERY",
        help="a saved question's name (see --list), a .rq file, SPARQL text, or - for stdin",
    )
    parser.add_argument("--graph", default=DEFAULT_GRAPH, help=f"the graph to query (default: {DEFAULT_GRAPH})")
    parser.add_argument("--store", metavar="DIR", default=None,
                        help="query the on-disk store kg build --store DIR wrote (opened read-only) instead of --graph")
    parser.add_argument("--endpoint", metavar="URL", default=None,
                        help="run the query at a SPARQL 1.1 Protocol endpoint instead, e.g. http://127.0.0.1:7878/query "
                             "(after kg push; Fuseki /DATASET/sparql, GraphDB /repositories/REPO, Virtuoso /sparql)")
    parser.add_argument("--user", default=None,
                        help="with --endpoint: user name for HTTP authentication, sent only when the server asks "
                             "(basic or digest, e.g. Virtuoso's /sparql-auth); the password is read from "
                             "KG_PUSH_PASSWORD (or given in the URL, http://USER:PASSWORD@HOST/...)")
    parser.add_argument("--insecure", action="store_true",
                        help="with --endpoint: allow sending a password over plain http to another machine")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help=f"end a query that runs longer than S seconds with an error (default {DEFAULT_TIMEOUT:g}; "
                             "0: no limit)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="table",
                        help="table (readable), csv or json (SPARQL 1.1 results), jsonl (one JSON object "
                             "per row); default: table")
    parser.add_argument("--columns", metavar="A,B", default=None,
                        help="print only these columns, in this order (comma-separated names)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="bind ?NAME to VALUE: <iri> or https://... for an IRI, 2020-01-31^^xsd:date "
                             "for a typed value, anything else a string; repeatable")
    parser.add_argument("--list", action="store_true", help="list the saved questions and exit")
    parser.add_argument("--show", action="store_true", help="print the query's SPARQL instead of running it")
    parser.add_argument("--max-width", type=int, default=60, metavar="N",
                        help="cut table cells longer than N characters (0: never; default 60)")


def describe_saved(questions: Sequence[SavedQuestion]) -> str:
    """The --list text: name and title, then the description and parameters, indented."""
    import textwrap

    width = max((len(q.name) for q in questions), default=0)
    out = []
    for q in questions:
        out.append(f"{q.name.ljust(width)}  {q.title}")
        indent = " " * (width + 2)
        if q.description:
            out.append(textwrap.fill(q.description, 100, initial_indent=indent, subsequent_indent=indent))
        for p in q.params:
            out.append(f"{indent}--param {p.name}=...  {p.meaning}")
        if q.requires:
            needs = " or ".join(f"--param {n}" for n in q.requires)
            out.append(f"{indent}(needs {needs}" + (f"; {q.requires_note})" if q.requires_note else ")"))
    return "\n".join(out) + "\n"


@contextlib.contextmanager
def deadline(seconds: float, label: str) -> Iterator[None]:
    """End the process with a one-line error (exit 2) if the block runs longer than ``seconds``.

    pyoxigraph has no query time limit and its evaluation cannot be interrupted, but it releases
    the GIL while it evaluates, so a timer thread can still run: when it fires it prints the error
    and ends the process (``os._exit``: the query's memory and CPU go with it). That costs one
    thread per query, where running every query in a child process would cost a fork and sending
    the rows back. Only for the command line: a caller in the same process would be ended too."""
    if seconds <= 0:
        yield
        return

    def overdue() -> None:
        os.write(2, (f"kg: error: {label}: the query ran longer than the {seconds:g} s allowed (--timeout); "
                     "narrow it (LIMIT, --param, fewer joins) or give a larger --timeout\n").encode())
        os._exit(2)

    timer = threading.Timer(seconds, overdue)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _local_store(args: argparse.Namespace) -> ox.Store:
    """The on-disk store (--store) or the graph file (--graph), loaded once per command."""
    if getattr(args, "_loaded", None) is None:
        args._loaded = _open_local_store(args)
    return args._loaded


def _open_local_store(args: argparse.Namespace) -> ox.Store:
    if getattr(args, "store", None):
        from .store import StoreError, open_store

        try:
            return open_store(args.store)
        except StoreError as e:
            raise QueryError(str(e)) from e
    return load_graph(args.graph)


def _run_where_asked(args: argparse.Namespace, text: str, params: Mapping[str, str], label: str = "query") -> QueryResult:
    """Run on the endpoint (--endpoint), the on-disk store (--store) or the graph file (--graph),
    within --timeout; a local query may not reach out (SERVICE, a FROM of a graph not in it)."""
    limit = float(getattr(args, "timeout", 0) or 0)
    if getattr(args, "endpoint", None):
        from .remote import PASSWORD_VARIABLE, RemoteError, run_remote

        try:
            with deadline(limit, label):
                return run_remote(args.endpoint, text, params, user=getattr(args, "user", None),
                                  password=os.environ.get(PASSWORD_VARIABLE), insecure=getattr(args, "insecure", False))
        except RemoteError as e:
            raise QueryError(str(e)) from e
    store = _local_store(args)
    refusal = federation_refusal(text, (g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)))
    if refusal is not None:
        raise QueryError(f"{label}: {refusal}")
    with deadline(limit, label):
        return run_query(store, text, params)


# Names a 0-row answer is checked against: parameter -> the labels it is matched with.
_NAME_LABELS = {
    "name": "SELECT DISTINCT ?label WHERE { ?x a foaf:Person ; foaf:name|skos:altLabel ?label }",
    "org": "SELECT DISTINCT ?label WHERE { VALUES ?class { org:Organization org:OrganizationalUnit "
           "org:FormalOrganization } ?x a ?class ; skos:prefLabel|skos:altLabel ?label }",
}


def fold(text: str) -> str:
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
        by_fold.setdefault(fold(label), label)
    words: dict[str, str] = {}
    for folded, label in by_fold.items():
        for word in folded.split():
            words.setdefault(word, label)
    key = fold(asked)
    found = [by_fold[f] for f in difflib.get_close_matches(key, list(by_fold), n, 0.6)]
    found += [words[w] for w in difflib.get_close_matches(key, list(words), n, 0.7)]
    return list(dict.fromkeys(found))[:n]


def _name_labels(args: argparse.Namespace, param: str) -> list[str]:
    return [row[0].value for row in _run_where_asked(args, _NAME_LABELS[param], {}, "names").rows if row[0]]


def _name_params(text: str, params: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (parameter, value) pairs that ask by a name (not an IRI) in a question that declares them."""
    declared = {p.name for p in parse_header(text)[2]}
    return [(p, v) for p, v in params.items()
            if p in _NAME_LABELS and p in declared and not isinstance(to_term(v), ox.NamedNode)]


def names_like(asked: str, labels: Iterable[str]) -> list[str]:
    """The labels of which ``asked``, folded, is whole words: 'asbjorn' finds 'Asbjörn Almberg'."""
    key = f" {fold(asked)} "
    return sorted({label for label in labels if key.strip() and key in f" {fold(label)} "})


def widen_names(args: argparse.Namespace, text: str, params: dict[str, str]) -> dict[str, str | tuple[str, ...]]:
    """A name parameter bound to every label it matches without regard to diacritics, so that
    'asbjorn' asks about Asbjörn: the saved question itself matches letter case and word starts
    only (folding every label in SPARQL was 20 to 100 times slower). Labels are bound as terms."""
    widened: dict[str, str | tuple[str, ...]] = dict(params)
    for param, value in _name_params(text, params):
        like = names_like(value, _name_labels(args, param))
        if like:
            widened[param] = tuple(dict.fromkeys([value, *like]))
    return widened


def no_match_hint(args: argparse.Namespace, text: str, params: Mapping[str, str], result: QueryResult) -> str | None:
    """For an empty answer to a question asked by a name: 'no match; did you mean ...'."""
    if result.rows or result.boolean is not None or result.triples is not None:
        return None
    asked = _name_params(text, params)
    if not asked:
        return None
    param, value = asked[0]
    close = did_you_mean(value, _name_labels(args, param))
    if not close:
        return f"{param}={value}: no match; no name in the graph is close (kg query people or organisations lists them)"
    return f"{param}={value}: no match; did you mean " + ", ".join(repr(c) for c in close) + "?"


def run_cli(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(describe_saved(list_saved()))
        return 0
    if not args.query:
        print("kg: error: query: no QUERY given; name a saved question (kg query --list), "
              "a .rq file or SPARQL text", file=sys.stderr)
        return 2
    try:
        text, _label = resolve_query(args.query)
        if args.show:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            return 0
        params = dict(parse_param(p) for p in args.param)
        prepare_query(text, params)  # an unknown parameter first: 'nmae' is a typo, not a missing 'name'
        check_required(text, params, _label)
        result = _run_where_asked(args, text, widen_names(args, text, params), _label)
        if args.columns:
            result = select_columns(result, [c.strip().lstrip("?$") for c in args.columns.split(",") if c.strip()])
        hint = no_match_hint(args, text, params, result)
    except QueryError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return 2
    if hint:
        print(f"kg: {hint}", file=sys.stderr)
    if args.format == "table":
        sys.stdout.write(format_table(result, max_width=args.max_width))
    else:
        sys.stdout.write(FORMATTERS[args.format](result))
    return 0
