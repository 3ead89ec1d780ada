"""The forms an answer is written in: an aligned table, CSV, SPARQL JSON, JSON Lines, Turtle for
CONSTRUCT answers; IRIs shortened with the project's prefixes."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from ..errors import QueryError
from .sparql import (
    PREFIXES,
    RDF_LANG_STRING,
    XSD_STRING,
    QueryResult,
    Term,
)

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
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)  # type: ignore[union-attr]
                         for t in row])
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
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used).decode("utf-8")  # type: ignore[union-attr]  # bytes without output=


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
