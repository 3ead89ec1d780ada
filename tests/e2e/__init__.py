"""End to end: whole builds and commands judged against gold, the scorer and the documentation."""
