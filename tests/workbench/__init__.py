"""Tests of kg.workbench: the analyst's side (queries, views, analysis, servers)."""
