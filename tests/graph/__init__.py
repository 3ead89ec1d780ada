"""Tests of kg.graph: RDF terms, chunks, export and the store."""
