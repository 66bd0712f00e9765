"""``kg eval``: score extraction against gold files."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import REPORT_FORMATS, format_option

__all__ = ["eval_cmd"]


@click.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option(
    "--texts",
    "texts",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder holding the articles the gold files name.",
)
@click.option(
    "--date",
    "date",
    metavar="YYYY[-MM[-DD]]",
    help="Publication date for articles whose gold file gives none.",
)
@format_option(
    REPORT_FORMATS,
    "table",
    "An aligned table, or JSON (always with the missed and spurious facts).",
)
@click.option("--show-errors", is_flag=True, help="List the missed and spurious facts.")
def eval_cmd(gold_dir: Path, texts: Path, date: str | None, fmt: str, show_errors: bool) -> None:
    """Build each article of GOLD_DIR alone and score it against its gold file.

    Precision, recall and F1 per section (actors, places, relations and events by type)
    and micro-averaged over every fact.

    \b
    Examples:
      kg eval ../shared/eval/dev --texts ../shared/seeds
      kg eval gold/ --texts articles/ --show-errors
    """
    from kg.model import FuzzyDate
    from kg.quality.evaluate import evaluate_dir, format_result

    if date is not None:
        try:
            FuzzyDate.parse(date)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--date") from None
    result = evaluate_dir(gold_dir, texts, default_date=date)
    click.echo(format_result(result, fmt, show_errors=show_errors))
