"""The quality layer: scoring against gold files (:mod:`kg.quality.evaluate`), SHACL
validation of a store (:mod:`kg.quality.validate`) and its counts (:mod:`kg.quality.stats`).
"""
