"""Tests of bench/: the benchmark and the synthetic corpus it builds from."""
