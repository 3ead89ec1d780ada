"""No federation: a query run by kg query on a store or kg serve may not make the engine send
requests elsewhere (``SERVICE``, or a ``FROM`` IRI that is not one of the store's graphs). Read on
the query's tokens, so the words in strings, comments, IRIs and names do not count."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .sparql import PREFIXES

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


def _sparql_tokens(text: str) -> Iterator[tuple[str | None, str]]:
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
