"""SPARQL text and terms, shared by every way of asking the graph (kg query on a file or a store,
kg query --endpoint, kg serve): saved questions, parameters bound as RDF terms, the project's
prefixes. (The check that a query reaches no other server is :mod:`kg.workbench.federation`.)

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
page link or a run through :func:`kg.workbench.query.run_query` without parameters costs nothing either.

Parameters are bound as RDF terms (a VALUES block of N-Triples terms first in the WHERE group,
see :func:`bind_values`), never pasted into the query as text, so a value such as
``" } ; DROP ALL ; #`` is only ever a string that matches nothing. A saved question uses its
parameters in its top-level group (filters there, or EXISTS), where a bound parameter narrows
the answer and an unbound one (``!BOUND(?name) || ...``) lets everything through.

Where queries run, and how fast, is :mod:`kg.workbench.query` (pyoxigraph, in memory or on disk) and
:mod:`kg.workbench.remote` (a SPARQL 1.1 Protocol endpoint).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError

QUERIES_DIR = Path(__file__).resolve().parent.parent / "resources" / "queries"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
# parameter -> its value, or its values (a name asked for with the labels it matches)
Params = Mapping[str, "str | Term | tuple[str | Term, ...]"]

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _project_prefixes() -> dict[str, str]:
    """The prefixes the project binds in its Turtle, plus rdf/rdfs: shared with kg.graph.vocab."""
    from rdflib import Graph

    from ..graph.vocab import bind_prefixes

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
# Parameters
# ---------------------------------------------------------------------------------------------


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
# Results
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
        return [{v: (None if t is None else t.value) for v, t in zip(self.vars, row)}  # type: ignore[union-attr]
                for row in self.rows]   # (a quoted triple, which has no value, is no answer of a saved question)


def prepare_query(query_text: str, params: Params | None = None) -> str:
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
# Binding parameters
# ---------------------------------------------------------------------------------------------

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
