"""Facts → triples, the embedded Oxigraph store they live in, and the one reader of the graph
that its consumers share (:mod:`kg.rdf.read`)."""
