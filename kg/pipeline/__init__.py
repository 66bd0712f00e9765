"""The pipeline layer: building a store from articles (:mod:`kg.pipeline.build`).

It sits above ingest, extract and rdf and drives them; the consumers (query, analysis, viz,
export) read the store it writes.
"""
