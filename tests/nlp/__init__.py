"""Tests of kg.nlp: the spaCy components, and their fast paths against the plain forms in tests/oracles."""
