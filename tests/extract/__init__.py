"""Tests of kg.extract: Extractions from the annotated Doc."""
