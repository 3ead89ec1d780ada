"""Tests of kg.resolve: entities across documents."""
