"""docs/vocabulary.md, the data dictionary, is what ontology/motesgraf.ttl generates: it stays current."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph

from kg import dictionary
from kg.cli import main as cli_main
from kg.dictionary import DOC, ONTOLOGY, data_dictionary


def test_committed_dictionary_is_what_the_ontology_generates() -> None:
    assert DOC.read_text("utf-8") == data_dictionary(), "docs/vocabulary.md is stale: run kg dictionary"


def test_every_class_and_property_has_its_entry_with_both_languages() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    text = data_dictionary()
    terms = [t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for t in onto.subjects(RDF.type, kind) if str(t).startswith("https://w3id.org/motesgraf/ontology#")]
    assert len(terms) > 40
    for term in terms:
        name = "mg:" + str(term).split("#")[1]
        entry = text.split(f"\n### {name}\n", 1)[1].split("\n### ", 1)[0]
        assert "| label (en) | " in entry and "| label (sv) | " in entry, name
        for label in onto.objects(term, dictionary.RDFS.label):
            assert str(label) in entry, (name, label)


def test_entries_show_domain_range_and_alignments() -> None:
    entry = data_dictionary().split("\n### mg:hasDecision\n", 1)[1].split("\n### ", 1)[0]
    assert "| domain | `mg:Meeting` or `mg:AgendaItem` |" in entry
    assert "| range | `mg:Decision` |" in entry
    assert "| close match | `prov:generated` |" in entry
    meeting = data_dictionary().split("\n### mg:Meeting\n", 1)[1].split("\n### ", 1)[0]
    assert "| subclass of | `prov:Entity`, `schema:Event` |" in meeting


def test_a_new_term_changes_the_dictionary_and_the_check_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = tmp_path / "motesgraf.ttl"
    changed.write_text(ONTOLOGY.read_text("utf-8") + '\nmg:Hearing a owl:Class ; rdfs:label "hearing"@en , "hearing"@sv ;'
                       ' rdfs:comment "A public hearing."@en , "En offentlig hearing."@sv .\n', encoding="utf-8")
    text = data_dictionary(changed)
    assert "### mg:Hearing" in text and text != data_dictionary()
    stale = tmp_path / "vocabulary.md"
    stale.write_text(text, encoding="utf-8")
    monkeypatch.setattr(dictionary, "DOC", stale)
    assert not dictionary.is_current()
    assert cli_main(["dictionary", "--check"]) == 1
    assert dictionary.write_dictionary() == stale
    assert stale.read_text("utf-8") == data_dictionary()
    assert dictionary.is_current() and cli_main(["dictionary", "--check"]) == 0
