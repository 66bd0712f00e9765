"""Options and helpers shared by the command modules (light imports only)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kg.pipeline.build import BuildReport

__all__ = [
    "FORMAT_ALIASES",
    "REPORT_FORMATS",
    "FormatChoice",
    "LocalPath",
    "finish_build",
    "format_option",
    "progress_enabled",
    "run_with_progress",
    "store_option",
]

#: ``--format`` values of the commands that report to people or scripts: an aligned table, or
#: JSON (every report of the library has ``to_table`` / ``to_dict`` or a formatter for both).
REPORT_FORMATS = ("table", "json")
#: Other names accepted by every ``--format`` whose formats include the name on the right
#: (``--format turtle`` is ``--format ttl``); a command's own format names win.
FORMAT_ALIASES: dict[str, str] = {
    "text": "table",
    "markdown": "md",
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "rdf/xml": "rdfxml",
    "rdf": "rdfxml",
    "xml": "rdfxml",
}


class FormatChoice(click.Choice):
    """A ``--format`` value: one of ``choices`` or an alias of one (any case)."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(choices, case_sensitive=False)
        self.aliases = {
            alias: name
            for alias, name in FORMAT_ALIASES.items()
            if name in choices and alias not in choices
        }

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        name = self.aliases.get(str(value).lower(), value)
        return super().convert(name, param, ctx)


def format_option(
    choices: tuple[str, ...], default: str, help: str, *, short: bool = True
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-f/--format``: the same names for the same formats in every command, with aliases.

    ``table`` is the aligned text for people, ``json`` the JSON for scripts; RDF formats are
    ``nt``, ``nq``, ``ttl``, ``trig``, ``jsonld``, ``rdfxml`` (aliases in
    :data:`FORMAT_ALIASES`, listed in the help).
    """
    kind = FormatChoice(choices)
    aliases = ", ".join(f"{a}={n}" for a, n in kind.aliases.items())
    return click.option(
        *(("-f", "--format") if short else ("--format",)),
        "fmt",
        type=kind,
        default=default,
        show_default=True,
        help=help + (f" Also: {aliases}." if aliases else ""),
    )


class LocalPath(click.ParamType):
    """A path on this machine, also written as a ``file://`` URL (``click.Path`` would make
    ``file://host/x`` the local ``file:/host/x`` and ``s3://b/k`` the path ``s3:/b/k``, hiding
    what the user asked for); any other URL is refused with the reason, or with ``urls``
    kept as written (a ``str``: the articles of ``kg build s3://bucket/corpus``, checked when
    they are read).

    Examples
    --------
    >>> LocalPath().convert("file:///srv/shards", None, None)
    PosixPath('/srv/shards')
    >>> LocalPath(urls=True).convert("s3://bucket/corpus/", None, None)
    's3://bucket/corpus/'
    """

    name = "path"

    def __init__(self, *, exists: bool = False, dir_okay: bool = True, urls: bool = False) -> None:
        self.exists = exists
        self.dir_okay = dir_okay
        self.urls = urls

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path | str:
        # errors are the library's (an InputError: "Error: ...", exit status 1), as for any
        # input the library refuses
        from kg.errors import InputError
        from kg.ingest.remote import is_remote, local_path

        if isinstance(value, Path):
            return value
        if self.urls and is_remote(str(value)):
            return str(value)
        opts = [o for o in (param.opts if param is not None else []) if o.startswith("--")]
        option = opts[0] if opts else ""
        where = option + " " if option else ""
        path = Path(local_path(str(value), option))
        if self.exists and not path.exists():
            raise InputError(f"{where}{value}: no such file or folder")
        if not self.dir_okay and path.is_dir():
            raise InputError(f"{where}{value} is a folder, a file is needed")
        return path


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--store DIR`` (default ``./kg-store``)."""
    return click.option(
        "--store",
        "store",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("kg-store"),
        show_default=True,
        envvar="KG_STORE",
        help="Folder of the embedded Oxigraph store (env KG_STORE).",
    )(f)


def progress_enabled() -> bool:
    """Progress bars only on an interactive terminal: quiet when piped or under CI."""
    return sys.stderr.isatty()


#: what a build step is handed to report each article done (``None``: no progress shown)
Tick = Callable[[str], None] | None


def run_with_progress(
    verb: str, run: Callable[[Tick], BuildReport], *, sources: bool = False
) -> BuildReport:
    """``run(tick)`` under a progress bar on a terminal (``VERB ... N articles``, with the
    article being read when ``sources``), else ``run(None)``."""
    if not progress_enabled():
        return run(None)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn(verb), BarColumn(), TextColumn("{task.completed} articles")]
    if sources:
        columns.append(TextColumn("{task.description}"))
    with Progress(*columns, TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("", total=None)
        return run(lambda source: bar.update(task, advance=1, description=source[-40:]))


def finish_build(report: BuildReport, report_file: Path | None, where: str) -> None:
    """Write ``--report``, say where the result is and what became of the inputs; exit
    status 1 when any input was skipped."""
    from kg.pipeline.build import write_report

    if report_file is not None:
        write_report(report, report_file)
    click.echo(where)
    click.echo(report.summary())
    if report.errors:
        raise click.exceptions.Exit(1)
