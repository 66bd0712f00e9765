"""The command line as a whole: every command has help with an example, and stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert "kg " in result.output.split("Options:")[0], f"'kg {name} --help' shows no example"


def _subcommands() -> list[str]:
    ctx = click.Context(cli)
    out = []
    for name in sorted(COMMANDS):
        cmd = cli.get_command(ctx, name)
        out += [f"{name} {sub}" for sub in sorted(getattr(cmd, "commands", {}))]
    return out


@pytest.mark.parametrize("name", _subcommands())
def test_every_subcommand_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert f"kg {name}" in result.output.split("Options:")[0], f"'kg {name} --help': no example"


@pytest.mark.parametrize(
    ("name", "has", "has_not"),
    [
        ("analyze blocs", ["--min-strength", "--theatre"], ["--by", "--top"]),
        ("analyze centrality", ["--by", "--top", "--theatre"], ["--min-strength"]),
        ("analyze clash-risk", ["--top", "--min-strength"], ["--by"]),
        ("analyze proxies", ["--theatre", "--as-of"], ["--by", "--top", "--min-strength"]),
        ("analyze theatres", ["--as-of"], ["--theatre", "--by", "--top", "--min-strength"]),
    ],
)
def test_subcommands_list_only_their_own_options(
    name: str, has: list[str], has_not: list[str]
) -> None:
    options = CliRunner().invoke(cli, [*name.split(), "--help"]).output.split("Options:")[1]
    assert [o for o in has if o not in options] == []
    assert [o for o in has_not if o in options] == []


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kg.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('spacy', 'pyvis', 'networkx', 'pyshacl') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_unknown_command() -> None:
    result = CliRunner().invoke(cli, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.output


def test_store_missing_is_a_clean_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no conflict-kg store" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["load", "file://otherhost/shards"], "names a host"),
        (["build", "file://otherhost/corpus"], "names a host"),
        (["load", "memory://shards"], "memory:// is one process's memory"),
        (["push", "http://localhost:1", "--shards", "file://otherhost/shards"], "names a host"),
    ],
)
def test_urls_are_read_as_written(args: list[str], message: str, tmp_path: Path) -> None:
    """A file:// URL with a host or another scheme is refused as written (click.Path would
    have collapsed 'file://host/x' into the local path '/host/x')."""
    result = CliRunner().invoke(cli, [*args, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_file_url_is_the_local_path(tmp_path: Path) -> None:
    missing = (tmp_path / "no shards").as_uri()
    result = CliRunner().invoke(cli, ["load", missing, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
