"""The ``kg`` command: a thin layer over the library.

Each command lives in its own module under ``kg.cli`` and is imported only when it runs (or
when its help is shown), so ``kg --help`` loads neither spaCy nor pyvis. Errors from the
library (:class:`kg.errors.KGError`) become a one-line message and exit status 1, here only.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from kg import __version__
from kg.errors import KGError

__all__ = ["cli"]

#: command name → "module:function" (modules under kg.cli)
COMMANDS: dict[str, str] = {
    "build": "kg.cli.build:build",
    "load": "kg.cli.load:load",
    "stats": "kg.cli.inspect:stats",
    "validate": "kg.cli.inspect:validate",
    "repair": "kg.cli.inspect:repair",
    "eval": "kg.cli.evaluate:eval_cmd",
    "query": "kg.cli.query:query",
    "serve": "kg.cli.query:serve",
    "analyze": "kg.cli.analyze:analyze",
    "viz": "kg.cli.viz:viz",
    "export": "kg.cli.export:export",
    "push": "kg.cli.export:push",
    "train": "kg.cli.train:train",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            cmd = getattr(importlib.import_module(module), attr)
        except ImportError as e:
            raise click.ClickException(
                f"the '{cmd_name}' command cannot load ({e}); reinstall with "
                "'pip install -e .' or run './dev setup'"
            ) from None
        assert isinstance(cmd, click.Command)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="conflict-kg")
def cli() -> None:
    """conflict-kg: a knowledge graph of armed conflict, built from news articles.

    \b
    Typical session:
      kg build data/samples --store kg-store     # articles → RDF store
      kg query backers --param client=SDF        # named SPARQL queries
      kg analyze blocs                           # actor-network analysis
      kg viz -o graph.html                       # offline interactive page
    """
