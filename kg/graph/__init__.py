"""The graph wing (stages 5-6): extractions + resolution -> RDF chunks, written as files or into
the on-disk store. rdflib and pyoxigraph live here and in the workbench only.

``vocab`` (namespaces, prefixes), ``ntriples`` (terms as N-Triples text, Turtle from them),
``build`` (the chunks), ``export`` (formats, streamed writers), ``store`` (the Oxigraph store).
"""
