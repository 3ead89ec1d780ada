"""Tests of kg.cli: the commands and the progress line."""
