"""``--format``: the same names for the same formats in every command, and their aliases."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.cli._common import FormatChoice


def _run(store: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("command", "alias", "name"),
    [
        (["export"], "turtle", "ttl"),
        (["export"], "Turtle", "ttl"),
        (["export"], "ntriples", "nt"),
        (["export"], "n-quads", "nq"),
        (["export"], "nquads", "nq"),
        (["export"], "json-ld", "jsonld"),
        (["export"], "xml", "rdfxml"),
        (["stats"], "text", "table"),
        (["query", "actors"], "text", "table"),
        (["query", "actors"], "markdown", "md"),
        (["analyze", "blocs"], "text", "table"),
    ],
)
def test_format_aliases_give_the_same_output(
    store_path: Path, command: list[str], alias: str, name: str
) -> None:
    assert _run(store_path, *command, "--format", alias) == _run(
        store_path, *command, "--format", name
    )


def test_query_xml_stays_the_sparql_results_format(store_path: Path) -> None:
    assert "<sparql xmlns" in _run(store_path, "query", "actors", "-f", "xml")


def test_people_and_scripts_formats_have_one_name_everywhere() -> None:
    """Every command's --format offers table and json (not text) when it offers either."""
    from kg.cli import COMMANDS

    seen: dict[str, tuple[str, ...]] = {}
    ctx = click.Context(cli)
    for name in COMMANDS:
        cmd = cli.get_command(ctx, name)
        subs = getattr(cmd, "commands", {"": cmd})
        for sub_name, sub in subs.items():
            for p in sub.params:
                if p.name == "fmt":
                    assert isinstance(p.type, FormatChoice), f"{name} {sub_name}"
                    seen[f"{name} {sub_name}".strip()] = tuple(p.type.choices)
    for where, choices in seen.items():
        assert "text" not in choices, where
        if "json" in choices:
            assert "table" in choices, where
    assert {"stats", "validate", "eval", "analyze blocs", "query", "export"} <= set(seen)
