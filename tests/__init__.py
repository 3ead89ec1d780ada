"""The tests of motesgraf, in folders that mirror kg/ (tests/<package>/test_<module>.py)."""
