"""Tests of kg.pipeline: stage order, caches, spills, processes."""
