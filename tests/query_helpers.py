"""Helpers of the ``kg query`` tests (``test_query_*.py``)."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
from kg.query.formats import short
from kg.query.run import QueryResult
from kg.resources import queries_dir

#: every named query, by name
ALL_QUERIES = sorted(p.stem for p in queries_dir().glob("*.rq"))


def rows(result: QueryResult, *cols: str) -> list[tuple[str, ...]]:
    """Selected columns of each row, as shown in a table."""
    return [tuple(short(d.get(c)) for c in cols) for d in result.dicts()]


def kg(*args: str) -> tuple[int, str, str]:
    """Run the ``kg`` CLI in-process: its exit code, standard output and standard error."""
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr
