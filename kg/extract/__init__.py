"""Text → facts: a spaCy pipeline (statistical model + gazetteer entity ruler + our rules).

The public entry point is :class:`kg.extract.pipeline.Extractor`; the rules are data in
``kg/extract/rules.yaml`` so an analyst can extend them without touching code.
"""
