"""Terms as N-Triples text and Turtle written from them (kg.graph.ntriples) against Oxigraph's own
serialisers, the plain form: the same triples must give the same bytes, also for hostile text
(quotes, backslashes, line breaks, control characters, characters outside the BMP) and for IRIs
whose local names need escaping or cannot be prefixed names."""
from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.graph.export import PREFIXES
from kg.graph.ntriples import TURTLE, TurtleTerms, literal, local_name, ntriples, prefixed_base, row, triples, typed

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = [
    "", "plain", 'say "hej"', "back\\slash", "line\nbreak", "cr\rlf\r\n", "tab\there", "\x00\x01\x07\x08\x0b\x0c\x1f",
    "\x7f", "\ufffe\uffff", "emoji 😀 and 𝔘", "\u2028\u2029\x85", "åäö ÅÄÖ é", '\\"', "\\n is not a newline",
    "ends with backslash\\", '"', "^^<http://x>", '"^^<http://www.w3.org/2001/XMLSchema#integer>',
    "<https://w3id.org/motesgraf/id/person/x>", "§ 12 Beslut: 3 ja, 2 nej",
]
ID = "https://w3id.org/motesgraf/id/"
LOCALS = [
    "anna-berg", "000003-e954--74506a-3385-3414-item#target", "x.y", "ends.", "-starts", ".starts", "_u", "9lives",
    "a:b", "a~b", "a/b", "a?b=c&d", "a%20b", "a@b", "a(b)", "a'b", "a!b$c*d+e,f;g", "é", "x·y", "a#b#c", "",
    "with space", "a<b", "a\\b", "a{b}", 'a"b', "a^b", "a|b", "𝔘nicode", "x\u00b7", "\u0300x", "x\u203f",
]
XSD = "http://www.w3.org/2001/XMLSchema#"


def _is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


IRI_LOCALS = [local for local in LOCALS if _is_iri(f"{ID}person/{local}0")]


def _ox_turtle(rows: list[ox.Triple]) -> bytes:
    """Oxigraph's Turtle of ``rows``, without its prefix lines."""
    data = ox.serialize(rows, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"@prefix"))


def test_literals_are_written_as_oxigraph_writes_them():
    for text in HOSTILE:
        assert literal(text) == str(ox.Literal(text)), text
        for datatype in ("integer", "nonNegativeInteger", "date", "string"):
            term = ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))
            if datatype == "string":
                assert literal(text) == str(term)
            else:
                assert typed(text, f"<{XSD}{datatype}>") == str(term)


@pytest.mark.parametrize("local", LOCALS)
def test_local_names_are_escaped_as_oxigraph_escapes_them(local):
    if not _is_iri(f"{ID}person/{local}"):
        return                                            # not an IRI: no graph holds it
    node = ox.NamedNode(f"{ID}person/{local}")
    t = ox.Triple(node, node, node)
    assert TurtleTerms(PREFIXES).turtle([row(t)]).encode() == _ox_turtle([t])
    header = f"@prefix person: <{ID}person/> .\n".encode()
    assert list(ox.parse(header + _ox_turtle([t]), format=ox.RdfFormat.TURTLE)) == [ox.Quad(node, node, node)]
    escaped = local_name(local) if local else None
    if escaped is not None:
        assert f"person:{escaped} " in _ox_turtle([t]).decode()


def _random_rows(rng: random.Random, n: int) -> list[ox.Triple]:
    folders = ["person", "org", "annotation", "statement", "item", "nowhere"]
    subjects = [ox.NamedNode(f"{ID}{rng.choice(folders)}/{rng.choice(IRI_LOCALS)}{i}") for i in range(12)]
    subjects += [ox.NamedNode("http://example.org/x"), ox.NamedNode(f"{ID}doc/")]
    predicates = [ox.NamedNode(p) for p in (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/ns/oa#hasBody",
        "https://w3id.org/motesgraf/ontology#mentions", "http://purl.org/dc/terms/title", "http://example.org/p")]
    objects: list[ox.NamedNode | ox.Literal] = [*subjects, *(ox.Literal(t) for t in HOSTILE)]
    objects += [ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")),
                ox.Literal("-3", datatype=ox.NamedNode(XSD + "integer")),
                ox.Literal("+7", datatype=ox.NamedNode(XSD + "integer")),
                ox.Literal("1.5", datatype=ox.NamedNode(XSD + "integer")),
                ox.Literal("7", datatype=ox.NamedNode(XSD + "nonNegativeInteger")),
                ox.Literal("2024-03-12", datatype=ox.NamedNode(XSD + "date")),
                ox.Literal("x", datatype=ox.NamedNode("http://example.org/type")),
                ox.Literal("hej", language="sv"), ox.Literal('"hej"\n', language="sv-se")]
    triples_ = {ox.Triple(rng.choice(subjects), rng.choice(predicates), rng.choice(objects)) for _ in range(n)}
    # grouped by subject (in a fixed, arbitrary order: the writers group, they do not sort),
    # a subject's facts in random order (so that a predicate comes back after another one)
    order = {s.value: k for k, s in enumerate(subjects)}
    return sorted(triples_, key=lambda t: (order[t.subject.value], rng.random()))


@pytest.mark.parametrize("seed", range(6))
def test_turtle_and_ntriples_are_oxigraphs_bytes(seed):
    rng = random.Random(seed)
    rows_ = _random_rows(rng, 300)
    rows = [row(t) for t in rows_]
    terms = TurtleTerms(PREFIXES)
    assert terms.turtle(rows).encode() == _ox_turtle(rows_)
    assert terms.turtle(rows).encode() == _ox_turtle(rows_)                   # (again, from its memory)
    assert ntriples(rows).encode() == ox.serialize(rows_, format=ox.RdfFormat.N_TRIPLES)
    # one block per subject, each the Turtle of that subject's facts alone
    blocks = terms.blocks(rows)
    assert "".join(blocks) == terms.turtle(rows)
    subjects = list(dict.fromkeys(t.subject for t in rows_))
    assert len(blocks) == len(subjects)
    for block, subject in zip(blocks, subjects):
        assert block.encode() == _ox_turtle([t for t in rows_ if t.subject == subject])
    # the rows mean the triples
    assert triples(rows) == rows_


def test_rows_of_terms_round_trip_through_the_parsers():
    rng = random.Random(11)
    rows_ = _random_rows(rng, 200)
    rows = [row(t) for t in rows_]
    header = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in PREFIXES.items())
    turtle = Graph().parse(data=header + TurtleTerms(PREFIXES).turtle(rows), format="turtle")
    nt = Graph().parse(data=ntriples(rows), format="nt")
    assert set(turtle) == set(nt) and len(nt) == len(set(rows))


def test_memory_of_terms_is_emptied_when_large():
    terms = TurtleTerms(PREFIXES)
    for k in range((1 << 16) + 10):
        terms.object(f"<{ID}annotation/doc-{k}-{k + 1}-per#target>")
    assert len(terms._objects) < 1 << 16
    assert terms.object(f"<{ID}annotation/doc-1-2-per#target>") == "annotation:doc-1-2-per\\#target"


def test_prefixed_base_gives_the_names_the_writer_finds():
    terms = TurtleTerms(PREFIXES)
    for base in (f"{ID}annotation/protokoll-ks-2024-03-12-txt", f"{ID}annotation/x--0a1b2c",
                 f"{ID}annotation/Ärende-1", f"{ID}annotation/-x", f"{ID}nowhere/x", f"{ID}annotation/a.b"):
        written = prefixed_base(base)
        for tail in ("-12-30-per", "-0-5-meeting#target", "-7-9-item#quote"):
            if written is not None:
                assert terms.object(f"<{base}{tail}>") == written + tail.replace("#", "\\#")
    assert prefixed_base(f"{ID}annotation/Ärende-1") is None            # written whole or escaped: left to the writer
    assert prefixed_base(f"{ID}nowhere/x") is None


def test_chunks_written_with_their_names_as_without(tmp_path):
    from kg.graph.build import iter_chunks
    from kg.pipeline import build

    result = build([DATA / "seeds"])
    chunks = list(iter_chunks(result.extractions, result.resolution))
    assert sum(len(c.names or ()) for c in chunks) > 100
    for chunk in chunks:
        for rows in (chunk.own_rows, chunk.shared_rows):
            assert TURTLE.turtle(rows, chunk.names) == TurtleTerms(PREFIXES).turtle(rows)
            assert TURTLE.turtle(rows, chunk.names).encode() == _ox_turtle(list(triples(rows)))
