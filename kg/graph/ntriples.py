"""RDF terms as N-Triples text, and Turtle written from them, byte for byte as Oxigraph writes.

The graph is built as rows of three term strings in N-Triples form (``<iri>``, ``"text"``,
``"5"^^<datatype>``), not as pyoxigraph objects: a document has about 1,200 triples, and making
a ``pyoxigraph.Triple`` with a literal costs 2.3 µs (a tuple of strings 0.07 µs). N-Triples is
then a join, and Turtle a small writer of subject groups (``turtle_blocks``). Both give the
bytes Oxigraph's serialisers give for the same triples (``tests/test_ntriples.py`` holds them
to it on hostile text), so a graph written either way, or partly from an earlier build's cache,
is the same file. Objects are made only where a consumer needs them (``triples``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from .vocab import INSTANCE_NAMESPACES, VOCABULARY_PREFIXES

Row = tuple[str, str, str]   # subject, predicate, object in N-Triples form

# The prefixes of the graph's Turtle and TriG (prefix -> namespace).
PREFIXES = {k: str(v) for k, v in {**VOCABULARY_PREFIXES, **INSTANCE_NAMESPACES}.items()}

# What Oxigraph escapes in a literal (oxrdf print_quoted_str), and how.
_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_ESCAPE_TABLE = {c: _ESCAPES.get(c, f"\\u{c:04X}") for c in (*range(0x20), 0x22, 0x5C, 0x7F, 0xFFFE, 0xFFFF)}
_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_RARE_ESCAPE = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]')   # all but \t \n \r " \\


def literal(value: str) -> str:
    """A plain (xsd:string) literal: ``"value"``, escaped as Oxigraph escapes it."""
    if _NEEDS_ESCAPE.search(value) is None:
        return f'"{value}"'
    if _RARE_ESCAPE.search(value) is None:                  # (a text's lines and quotes: replaced in C)
        value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
            "\r", "\\r").replace("\t", "\\t")
        return f'"{value}"'
    return f'"{value.translate(_ESCAPE_TABLE)}"'


def typed(value: str, datatype: str) -> str:
    """A literal of ``datatype`` (a term: ``<iri>``)."""
    return f"{literal(value)}^^{datatype}"


def iri(value: str) -> str:
    return f"<{value}>"


def ntriples(rows: Iterable[Row]) -> str:
    """The rows as N-Triples lines."""
    return "".join([f"{s} {p} {o} .\n" for s, p, o in rows])


def triples(rows: Sequence[Row]) -> list[ox.Triple]:
    """The rows as pyoxigraph triples (parsed: the N-Triples form is the rows' meaning)."""
    if not rows:
        return []
    return [q.triple for q in ox.parse(ntriples(rows).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def row(t: ox.Triple) -> Row:
    """A pyoxigraph triple as a row (its terms' N-Triples forms)."""
    return (str(t.subject), str(t.predicate), str(t.object))


# --------------------------------------------------------------------------- Turtle

# Oxigraph's local names (oxttl trig.rs escape_local_name): PN_CHARS_BASE, PN_CHARS_U, PN_CHARS.
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS = _BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_ESCAPABLE = "_~.\\-!$&'()*+,;=/?#@%"
# a local name Oxigraph can write: every character allowed (PN_CHARS_U, digits and ":" first) or escapable
_LOCAL = re.compile(f"[{_BASE}_:0-9{_ESCAPABLE}][{_CHARS}:{_ESCAPABLE}]*")
# characters escaped wherever they stand (escapable, not PN_CHARS; "." only at the end, "-" first)
_ESCAPED_ANYWHERE = re.compile("[~!$&'()*+,;=/?#@%]")


def local_name(value: str) -> str | None:
    """``value`` as the local part of a prefixed name, escaped as Oxigraph escapes it; None if
    it cannot be one (then the IRI is written whole)."""
    if _LOCAL.fullmatch(value) is None:
        return None
    out = _ESCAPED_ANYWHERE.sub(r"\\\g<0>", value)
    if value[0] in ".-":
        out = "\\" + out
    if value[-1] == "." and len(value) > 1:
        out = out[:-1] + "\\."
    return out


class TurtleTerms:
    """Terms in Turtle: IRIs as prefixed names where a prefix fits (``prefixes``: name -> namespace),
    rdf:type as ``a`` in predicates, xsd:integer literals bare; otherwise as in N-Triples."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self._by_namespace = {namespace: name for name, namespace in sorted(prefixes.items())}
        # (a namespace that does not end with "/" or "#" is tried after the others, in order)
        self._others = [(name, ns) for ns, name in self._by_namespace.items() if ns[-1:] not in ("/", "#")]
        self._objects: dict[str, str] = {}     # IRIs and typed literals written: most repeat
        self._predicates: dict[str, str] = {}

    def iri(self, term: str) -> str:
        """``<iri>`` as a prefixed name where a prefix fits, else as it is."""
        cut = term.rfind("/") + 1                           # (most IRIs: a slug in a namespace)
        name = self._by_namespace.get(term[1:cut])
        if name is not None and _PLAIN_LOCAL.fullmatch(term, cut, len(term) - 1):
            return f"{name}:{term[cut:-1].replace('#', _ESCAPED_HASH)}"
        value = term[1:-1]
        get = self._by_namespace.get
        end = len(value)
        while end > 0:                      # the namespaces that end before a "/" or "#", longest first
            end = max(value.rfind("/", 0, end), value.rfind("#", 0, end))
            name = get(value[:end + 1])
            if name is not None:
                written = _prefixed(name, value[end + 1:])
                if written is not None:
                    return written
        for name, namespace in self._others:
            if value.startswith(namespace):
                written = _prefixed(name, value[len(namespace):])
                if written is not None:
                    return written
        return term

    def predicate(self, term: str) -> str:
        found = self._predicates.get(term)
        if found is None:
            found = self._predicates[term] = "a" if term == _RDF_TYPE else self.iri(term)
        return found

    def object(self, term: str) -> str:
        if term[-1] == '"':                                 # a plain string: as in N-Triples
            return term
        found = self._objects.get(term)
        return self._new_object(term) if found is None else found

    def _new_object(self, term: str) -> str:
        """``object`` of a term not written before (or not lately: the memory of them is
        emptied now and then, as a document's own IRIs are not written again in others)."""
        if term[0] == "<":
            cut = term.rfind("/") + 1                       # (most IRIs: a slug in a namespace)
            name = self._by_namespace.get(term[1:cut])
            if name is not None and _PLAIN_LOCAL.fullmatch(term, cut, len(term) - 1):
                found = f"{name}:{term[cut:-1].replace('#', _ESCAPED_HASH)}"
            else:
                found = self.iri(term)
        elif term[-1] != ">":                               # a language-tagged string
            found = term
        else:
            cut = term.rindex('"^^<')
            datatype = term[cut + 3:]
            if datatype == _XSD_INTEGER and _INTEGER.fullmatch(term, 1, cut):
                found = term[1:cut]
            else:
                found = f"{term[:cut + 3]}{self.iri(datatype)}"
        objects = self._objects
        if len(objects) > 1 << 16:
            objects.clear()
        objects[term] = found
        return found

    def blocks(self, rows: Iterable[Row], names: dict[str, str] | None = None) -> list[str]:
        """Turtle of ``rows`` (sorted by subject), one statement per subject: the subject's
        line, its further predicates on lines that start with a tab, an object repeated for
        the same predicate after " , " (as Oxigraph writes). Joined, the blocks are the Turtle of
        all the rows, without prefix lines. ``names`` may give terms' Turtle forms, as
        ``prefixed_base`` makes them (the building code names most of a document's nodes)."""
        return self._write(rows, True, names)

    def turtle(self, rows: Iterable[Row], names: dict[str, str] | None = None) -> str:
        """The blocks of ``rows`` joined."""
        return "".join(self._write(rows, False, names))

    def turtle_of_pieces(self, pieces: Sequence[str | None], rows: Iterable[Row],
                         names: dict[str, str] | None = None) -> str:
        """The Turtle of subjects given in pieces (``kg.graph.chunk.ChunkTurtle``): per subject
        in order its block already written, or None where it is written here from ``rows`` (the
        facts of those subjects, in order)."""
        written = iter(self._write(rows, True, names))
        return "".join([piece if piece is not None else next(written) for piece in pieces])

    def _remember(self, names: dict[str, str] | None) -> None:
        if names:
            if len(self._objects) > 1 << 16:
                self._objects.clear()
            self._objects.update(names)

    def _write(self, rows: Iterable[Row], cut: bool, names: dict[str, str] | None) -> list[str]:
        self._remember(names)
        blocks: list[str] = []
        parts: list[str] = []
        append = parts.append
        subject = predicate = None
        get_object, get_predicate = self._objects.get, self._predicates.get
        new_object, new_predicate = self._new_object, self.predicate
        for s, p, o in rows:
            o_t = o if o[-1] == '"' else get_object(o) or new_object(o)
            if s == subject:
                if p == predicate:
                    append(f" , {o_t}")
                else:
                    append(f" ;\n\t{get_predicate(p) or new_predicate(p)} {o_t}")
                    predicate = p
                continue
            if subject is not None:
                append(" .\n")
                if cut:
                    blocks.append("".join(parts))
                    parts = []
                    append = parts.append
            append(f"{get_object(s) or new_object(s)} {get_predicate(p) or new_predicate(p)} {o_t}")
            subject, predicate = s, p
        if subject is not None:
            append(" .\n")
            if cut:
                blocks.append("".join(parts))
        return blocks if cut else parts


def prefixed_base(base: str) -> str | None:
    """What the IRIs ``base + tail`` are written as in Turtle before their tail, for every tail
    that starts with "-" and holds only ASCII letters, digits, "_", "-" and "#" (as an
    annotation's "-12-30-per#target"): the Turtle form of such an IRI is this, then the tail
    with each "#" escaped. None when ``base`` has no prefixed name of that kind."""
    cut = base.rfind("/") + 1
    name = _BY_NAMESPACE.get(base[:cut])
    if name is None or not _PLAIN_LOCAL.fullmatch(base[cut:] + "-0"):
        return None
    return f"{name}:{base[cut:]}"


def _prefixed(name: str, rest: str) -> str | None:
    """``name:rest``, ``rest`` escaped (``local_name``); None if ``rest`` cannot be a local name."""
    if _PLAIN_LOCAL.fullmatch(rest):
        return f"{name}:{rest.replace('#', _ESCAPED_HASH)}"
    if not rest:
        return f"{name}:"
    escaped = local_name(rest)
    return None if escaped is None else f"{name}:{escaped}"


_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
_INTEGER = re.compile(r"[+-]?[0-9]+")
# a local name Oxigraph writes as it is but for "#" (the common case: slugs, "annotation-1-5-per#target")
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.#-]*[A-Za-z0-9_-])?")
_ESCAPED_HASH = "\\#"


TURTLE = TurtleTerms(PREFIXES)   # the graph's Turtle terms (kg.graph.export writes with them)
_BY_NAMESPACE = {namespace: name for name, namespace in PREFIXES.items()}
