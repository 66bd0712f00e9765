"""Every ``click.Choice`` of every command lists exactly the library's constant for it."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from kg.analysis import ANALYSES, EXPORT_FORMATS, MEASURES
from kg.cli import cli
from kg.cli._common import REPORT_FORMATS
from kg.export.profiles import PROFILES
from kg.export.push import PROTOCOLS
from kg.export.serialise import FORMATS, LAYOUTS
from kg.export.transport import AUTH_SCHEMES
from kg.quality.learn import EVENT_MODELS
from kg.query.formats import FORMATS as QUERY_FORMATS
from kg.query.serve import ENGINES as SERVE_ENGINES
from kg.scale import ENGINES as BUILD_ENGINES
from kg.viz.model import VIEWS

#: (command, parameter) → the constant its choices come from
CONSTANTS: dict[tuple[str, str], tuple[str, ...]] = {
    **{(f"analyze {name}", "fmt"): REPORT_FORMATS for name in ANALYSES},
    ("analyze centrality", "by"): MEASURES,
    ("analyze export", "fmt"): EXPORT_FORMATS,
    ("build", "engine"): BUILD_ENGINES,
    ("eval", "fmt"): REPORT_FORMATS,
    ("export", "fmt"): tuple(FORMATS),
    ("export", "graphs"): LAYOUTS,
    ("push", "profile"): tuple(PROFILES),
    ("push", "protocol"): PROTOCOLS,
    ("push", "graphs"): LAYOUTS,
    ("push", "auth"): AUTH_SCHEMES,
    ("query", "fmt"): QUERY_FORMATS,
    ("repair", "fmt"): REPORT_FORMATS,
    ("serve", "engine"): SERVE_ENGINES,
    ("stats", "fmt"): REPORT_FORMATS,
    ("train events", "off"): EVENT_MODELS,
    ("validate", "fmt"): REPORT_FORMATS,
    ("viz", "view"): VIEWS,
}


def _choices(cmd: click.Command, path: str, ctx: click.Context) -> Iterator[tuple[str, str, tuple]]:
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            assert sub is not None
            yield from _choices(sub, f"{path} {name}".strip(), ctx)
        return
    for p in cmd.params:
        if isinstance(p.type, click.Choice):
            yield path, str(p.name), tuple(p.type.choices)


FOUND = {(c, p): choices for c, p, choices in _choices(cli, "", click.Context(cli))}


def test_every_choice_has_a_library_constant() -> None:
    assert sorted(set(FOUND) - set(CONSTANTS)) == [], "add the new choice list to CONSTANTS"
    assert sorted(set(CONSTANTS) - set(FOUND)) == [], "CONSTANTS names a choice no command has"


@pytest.mark.parametrize("key", sorted(CONSTANTS), ids=" ".join)
def test_choice_lists_its_constant(key: tuple[str, str]) -> None:
    assert FOUND.get(key) == tuple(CONSTANTS[key])
