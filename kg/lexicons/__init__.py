"""Word lists and lookups over kg/resources that the stages share and that need no spaCy: cue words,
given names and surnames, generic group names."""
