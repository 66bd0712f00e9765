"""conflict-kg: build a conflict knowledge graph from news articles.

Layers, each talking to the next only through values or the store:
``kg.ingest`` (read articles) → ``kg.extract`` (text → facts) → ``kg.rdf`` (facts → triples,
store) → ``kg.query``, ``kg.analysis``, ``kg.viz``, ``kg.export`` (read the store).
"""

__version__ = "0.1.0"
