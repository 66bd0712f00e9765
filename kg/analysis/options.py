"""The analyses' names and the values and defaults of their options.

A leaf module, cheap to import: the package face :mod:`kg.analysis` hands these names on
(the CLI takes its choices from them), and the analysis modules read them from here, so no
module imports the package that imports it.

Examples
--------
>>> "blocs" in PER_THEATRE and set(PER_THEATRE) < set(ANALYSES)
True
"""

__all__ = ["ANALYSES", "EXPORT_FORMATS", "MEASURES", "MIN_STRENGTH", "PER_THEATRE"]

#: Below this membership strength a bloc member is unaligned (see :mod:`kg.analysis.balance`).
MIN_STRENGTH = 0.4
#: Analyses of ``kg analyze NAME`` that run per theatre.
PER_THEATRE = (
    "centrality",
    "blocs",
    "proxies",
    "rivalries",
    "clash-risk",
    "brokers",
    "communities",
)
#: Analysis names of ``kg analyze NAME``.
ANALYSES = (*PER_THEATRE, "sponsors-across-theatres", "theatres")
#: Centrality measures (:mod:`kg.analysis.centrality`), in the order shown; the first is the
#: default sort.
MEASURES = ("pagerank", "degree", "betweenness")
#: File formats of the actor graph (:func:`kg.analysis.write.export_graph`).
EXPORT_FORMATS = ("graphml", "gexf")
