"""The graph wing (stages 5-6): extractions + resolution -> RDF chunks, written as files or into
the on-disk store. rdflib and pyoxigraph live here and in the workbench only.

``vocab`` (namespaces, prefixes), ``ntriples`` (terms as N-Triples text, Turtle from them),
``terms`` and ``iri`` (what the graph is written with), ``chunk`` (one named graph's facts),
``build`` (the chunks, from ``entities`` and ``document`` with its ``meeting``, ``items``,
``decisions`` and ``annotations``), ``serialized`` (a chunk's bytes in each format), ``export``
(formats, the streamed file writer), ``store`` (opening and locking the Oxigraph store, its
manifest), ``store_writer`` (writing it) and ``store_commit`` (putting it in place).
"""
