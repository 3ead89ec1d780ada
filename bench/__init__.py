"""The project's benchmark and its synthetic corpus: development tools beside the ``kg`` package.

``python -m bench --docs N`` (or ``kg bench --docs N``, a command this package adds to ``kg``
through the ``kg.commands`` entry points when the project is installed from its source) times
every stage of the pipeline on N synthetic minutes (:mod:`bench.synth`). It uses ``kg``'s public
API only (``kg.__all__``), and nothing in ``kg`` imports it.

The modules: :mod:`bench.run` (the stages timed as ``kg build`` runs them), :mod:`bench.references`
(spaCy's bare tokenizer, pyoxigraph and the saved questions on the same text and graph),
:mod:`bench.children` (``kg build`` in child processes: incremental and store builds),
:mod:`bench.report` (the table), :mod:`bench.cli` (the command's options).
"""
