"""``kg train``: fit the learned extraction components on gold-scored articles."""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["train"]


@click.group("train")
def train() -> None:
    """Fit a learned extraction component and write its weights (a JSON file).

    \b
    Examples:
      kg train fit examples.jsonl --out model.json
    """


@train.command("fit")
@click.argument("examples", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the model (JSON).",
)
@click.option(
    "--folds",
    default=5,
    show_default=True,
    help="Cross-validation folds over articles (0: leave one article out).",
)
@click.option("--l2", default=1.0, show_default=True, help="L2 penalty on the weights.")
@click.option(
    "--min-groups",
    default=2,
    show_default=True,
    help="Keep a feature only when this many articles carry it.",
)
def fit_cmd(examples: Path, out: Path, folds: int, l2: float, min_groups: int) -> None:
    """Fit a linear model to EXAMPLES (JSON Lines: group, features, label, unit).

    Thresholds per class are chosen by cross-validation over the articles (groups).

    \b
    Example:
      kg train fit examples.jsonl --out model.json --folds 0
    """
    from kg.quality.learn.fit import read_examples
    from kg.quality.learn.fit import train as train_model

    model = train_model(read_examples(examples), folds=folds, l2=l2, min_groups=min_groups)
    out.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    cv = model.header["cv"]
    click.echo(
        f"{out}: {len(model.weights)} features; CV F1 {cv['f1_before']:.3f} -> "
        f"{cv['f1_after']:.3f}; thresholds {model.thresholds}"
    )
