"""The analyst's workbench: reads graphs (files, stores, endpoints) and never builds them. SPARQL
questions and answers, the networks drawn from a graph, their pages and reports, the local SPARQL
server and the push to a remote store."""
