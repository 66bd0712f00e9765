"""Building on a Dask cluster: the map step on the workers, the cross-article step once.

- :mod:`kg.scale.dask_engine`: ``kg build --engine dask``: connecting to a cluster (or starting
  a local one), reading and extracting batches of articles on its workers, in input order;
- :mod:`kg.scale.shards`: ``kg build --shards DIR``: workers write each batch's triples and
  facts to a shard instead of sending them back;
- :mod:`kg.scale.load`: ``kg load DIR``: bulk-loads shards into the store and finishes the
  cross-article step;
- :mod:`kg.scale.push`: ``kg push ENDPOINT --shards DIR``: shards to a triplestore, the
  cross-article step in memory (no store on disk);
- :mod:`kg.scale.codec`: article facts as JSON (what a shard keeps besides its triples).

``docs/scaling.md`` says how to run it and what it costs.
"""

__all__ = ["ENGINES"]

#: ``kg build --engine`` values: extract on this machine (:func:`kg.pipeline.build.build`),
#: or on a Dask cluster (:func:`kg.scale.dask_engine.dask_build`).
ENGINES = ("local", "dask")
