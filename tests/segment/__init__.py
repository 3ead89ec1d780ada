"""Tests of kg.segment: the layout rules that make Minutes of a page of lines."""
