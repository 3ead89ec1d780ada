"""Tests of kg.lexicons: the gazetteer, cue words and name lists the stages share."""
