"""``kg query --limit N`` / ``--all``: the first rows, without converting the others."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.query.catalog import load_query
from kg.query.run import Target, run_query
from kg.rdf.store import KGStore

LISTING = ["evidence", "actors", "events-timeline"]


@pytest.mark.parametrize("name", LISTING)
def test_limit_keeps_the_first_rows_in_order(store_path, name) -> None:
    with KGStore(store_path, read_only=True) as st:
        target = Target(store=st, timeout=None)
        every = run_query(load_query(name), target)
        n = len(every.rows)
        assert n > 3
        for limit, more in ((0, True), (3, True), (n - 1, True), (n, False), (n + 5, False)):
            part = run_query(load_query(name), target, limit=limit)
            assert part.rows == every.rows[:limit]
            assert part.more is more
        assert every.more is False


@pytest.mark.parametrize("limit", [None, 1, 5])
def test_a_row_with_every_variable_unbound_is_kept(store_path, limit) -> None:
    with KGStore(store_path, read_only=True) as st:
        r = run_query("SELECT ?x WHERE { OPTIONAL { ?x a <urn:x:none> } }", st, limit=limit)
    assert r.rows == [(None,)]
    assert r.more is False


def test_a_negative_limit_is_refused(store_path) -> None:
    with KGStore(store_path, read_only=True) as st, pytest.raises(QueryError, match="0 or more"):
        run_query("SELECT ?s WHERE { ?s ?p ?o }", st, limit=-1)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_limit_and_all(store_path, fmt) -> None:
    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(
            cli, ["query", "evidence", "--store", str(store_path), "--format", fmt, *args]
        )

    limited, every, default = run("--limit", "2"), run("--all"), run()
    for res in (limited, every, default):
        assert res.exit_code == 0, res.output
    assert limited.stderr == "(the first 2 rows; more with --limit N or --all)\n"
    # not a terminal here: every format gives every row by default
    assert default.stdout == every.stdout
    if fmt == "csv":
        n = len(every.stdout.splitlines()) - 1
        assert n > 2
    if fmt == "table":
        assert len(limited.stdout.splitlines()) == 2 + 2  # header, rule, two rows
        first = [line.split()[0] for line in every.stdout.splitlines()[2:4]]
        assert [line.split()[0] for line in limited.stdout.splitlines()[2:]] == first
    both = run("--limit", "2", "--all")
    assert both.exit_code == 2
    assert "give --limit N or --all, not both" in both.output
