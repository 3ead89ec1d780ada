"""The data dictionary: ``docs/vocabulary.md`` generated from ``ontology/motesgraf.ttl``.

The ontology is the single source of truth; this renders every class and property in it (Swedish
and English labels and comments, domain, range, alignments to standard vocabularies) as Markdown,
so analysts can read the vocabulary without a Turtle reader. ``tests/test_dictionary.py`` fails when
the committed file differs from what the ontology generates; regenerate it with
``kg dictionary`` (:mod:`kg.cli.dictionary`).
"""
from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import BNode, Node, URIRef

__all__ = ["DOC", "ONTOLOGY", "data_dictionary", "is_current", "write_dictionary"]

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "motesgraf.ttl"
DOC = ROOT / "docs" / "vocabulary.md"

SECTIONS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties (links between nodes)"),
    (OWL.DatatypeProperty, "Datatype properties (values)"),
)
ALIGNMENTS = (
    (RDFS.subClassOf, "subclass of"),
    (RDFS.subPropertyOf, "subproperty of"),
    (OWL.equivalentClass, "equivalent to"),
    (OWL.equivalentProperty, "equivalent to"),
    (SKOS.closeMatch, "close match"),
    (SKOS.exactMatch, "exact match"),
)


def _text(graph: Graph, subject: Node, predicate: URIRef, lang: str) -> str:
    """The one literal in that language (the ontology's tests require exactly one)."""
    found = sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang)
    return " ".join(found)


def _name(graph: Graph, term: Node) -> str:
    """A term as a reader writes it in SPARQL: ``mg:Meeting``; a union as ``a or b``."""
    if isinstance(term, BNode):
        members = next(graph.objects(term, OWL.unionOf), None)
        if members is not None:
            return " or ".join(_name(graph, m) for m in Collection(graph, members))
        return "(anonymous class)"
    return f"`{graph.namespace_manager.normalizeUri(term)}`"  # type: ignore[arg-type]  # a URIRef, a str


def _names(graph: Graph, subject: Node, predicate: URIRef) -> str:
    return ", ".join(sorted(_name(graph, o) for o in graph.objects(subject, predicate)))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _term(graph: Graph, term: URIRef) -> list[str]:
    name = graph.namespace_manager.normalizeUri(term)
    lines = [f"### {name}", "", "| | |", "|---|---|",
             f"| IRI | <{term}> |",
             f"| label (en) | {_cell(_text(graph, term, RDFS.label, 'en'))} |",
             f"| label (sv) | {_cell(_text(graph, term, RDFS.label, 'sv'))} |"]
    for predicate, heading in ((RDFS.domain, "domain"), (RDFS.range, "range")):
        if value := _names(graph, term, predicate):
            lines.append(f"| {heading} | {value} |")
    for predicate, heading in ALIGNMENTS:
        if value := _names(graph, term, predicate):
            lines.append(f"| {heading} | {value} |")
    lines += ["", _text(graph, term, RDFS.comment, "en"), "", f"*{_text(graph, term, RDFS.comment, 'sv')}*", ""]
    return lines


def data_dictionary(ontology: str | Path = ONTOLOGY) -> str:
    """Markdown for every class and property the ontology declares, in the order of its sections."""
    graph = Graph().parse(ontology, format="turtle")
    own = next(graph.subjects(RDF.type, OWL.Ontology))
    namespace = str(next(graph.objects(own, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))))
    lines = [
        f"# {_text(graph, own, DCTERMS.title, 'en')}: data dictionary",
        "",
        "<!-- Generated from ontology/motesgraf.ttl by `kg dictionary`; do not edit by hand. -->",
        "",
        _text(graph, own, DCTERMS.description, "en"),
        "",
        f"Namespace `mg:` = <{namespace}>, version {next(graph.objects(own, OWL.versionInfo))}. "
        "*Subclass/subproperty of* means the standard term's meaning holds in full; *close match* "
        "means close but not the same (entails nothing).",
        "",
    ]
    sections = []
    for kind, heading in SECTIONS:
        terms = sorted((t for t in graph.subjects(RDF.type, kind)
                        if isinstance(t, URIRef) and str(t).startswith(namespace)), key=str)
        sections.append((heading, terms))
        lines.append(f"- [{heading}](#{heading.lower().replace(' ', '-').replace('(', '').replace(')', '')})"
                     f": {len(terms)}")
    lines.append("")
    for heading, terms in sections:
        lines += [f"## {heading}", ""]
        lines += ["| term | en | sv |", "|---|---|---|"]
        for t in terms:
            name = graph.namespace_manager.normalizeUri(t)
            lines.append(f"| [{name}](#{name.replace(':', '').lower()}) | {_cell(_text(graph, t, RDFS.label, 'en'))}"
                         f" | {_cell(_text(graph, t, RDFS.label, 'sv'))} |")
        lines.append("")
        for t in terms:
            lines += _term(graph, t)
    return "\n".join(lines).rstrip() + "\n"


def is_current(doc: Path | None = None) -> bool:
    """Whether the committed data dictionary (``DOC``) is what the ontology generates."""
    doc = DOC if doc is None else doc
    return doc.exists() and doc.read_text("utf-8") == data_dictionary()


def write_dictionary(doc: Path | None = None) -> Path:
    """Write the data dictionary generated from the ontology to ``doc`` (``DOC``); the path written."""
    doc = DOC if doc is None else doc
    doc.write_text(data_dictionary(), encoding="utf-8")
    return doc
