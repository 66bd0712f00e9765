"""Facts → triples, and the embedded Oxigraph store they live in."""
