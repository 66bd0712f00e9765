"""Old home of :mod:`kg.quality.validate`; its public names still import from here."""

from kg.quality.validate import (
    ValidationReport,
    Violation,
    check_blank_nodes,
    check_quotes,
    format_report,
    literal_text,
    load_shapes,
    store_graphs,
    validate_graph,
    validate_store,
)

__all__ = [
    "ValidationReport",
    "Violation",
    "check_blank_nodes",
    "check_quotes",
    "format_report",
    "literal_text",
    "load_shapes",
    "store_graphs",
    "validate_graph",
    "validate_store",
]
