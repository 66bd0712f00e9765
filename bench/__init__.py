"""Benchmarks of conflict-kg against baselines measured in the same run.

Run ``python -m bench --help``. The pieces:

- :mod:`bench.corpus`: a deterministic synthetic news corpus (streamed to a folder), its names
  from :mod:`bench.names`;
- :mod:`bench.build_bench`: ``kg build`` vs spaCy alone, one vs two workers, peak memory;
- :mod:`bench.query_bench`: the named queries on our store vs rdflib's in-memory store;
- :mod:`bench.push_bench`: ``kg push`` into a local Oxigraph server vs ``oxigraph load``;
- ``bench.export_bench`` and ``bench.page`` (written with the export and viz features);
- :mod:`bench.report`: rows, the machine description, the table and the JSON file;
- :mod:`bench.runner`: runs the tiers and collects rows;
- :mod:`bench.steps` and :mod:`bench._child`: each measured step in a fresh process, with its
  peak memory and a time limit; :mod:`bench._store`: opening a built store for a step.

See ``docs/performance.md`` for what each row compares and the figures on this machine.
"""

from __future__ import annotations

__all__: list[str] = []
