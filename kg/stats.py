"""Old home of :mod:`kg.quality.stats`; its public names still import from here."""

from kg.quality.stats import (
    StoreStats,
    format_stats,
    store_stats,
)

__all__ = [
    "StoreStats",
    "format_stats",
    "store_stats",
]
