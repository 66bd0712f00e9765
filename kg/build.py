"""Old home of :mod:`kg.pipeline.build`; its public names still import from here."""

from kg.pipeline.build import (
    ENGINES,
    BuildReport,
    InputRecord,
    build,
    check_paths,
    describe_error,
    duplicate_record,
    finish_build,
    refuse_url,
    skip_input,
    store_counts,
    write_report,
)

__all__ = [
    "ENGINES",
    "BuildReport",
    "InputRecord",
    "build",
    "check_paths",
    "describe_error",
    "duplicate_record",
    "finish_build",
    "refuse_url",
    "skip_input",
    "store_counts",
    "write_report",
]
