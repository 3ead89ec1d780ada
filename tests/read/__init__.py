"""Tests of kg.read: documents from files."""
