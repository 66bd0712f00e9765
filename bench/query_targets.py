"""The query section's targets and where rdflib is stopped, in a module of their own so the
runner and the command line can name the defaults without importing rdflib."""

from __future__ import annotations

__all__ = ["BASELINE_STOP", "MEAN_TARGET", "QUERY_TARGET"]

#: How many times faster than rdflib's in-memory store the issue asks our store to be.
QUERY_TARGET = 20.0
#: ... and on the geometric mean over the named queries (the ``query`` row)
MEAN_TARGET = 40.0
#: rdflib is stopped at this many times our latency (the ratio is then a lower bound): twice the
#: per-query target by default, so a stopped query still settles it with room to spare
BASELINE_STOP = 2 * QUERY_TARGET
