"""``kg train``: fit the learned extraction components on gold-scored articles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.quality.learn import EVENT_MODELS

if TYPE_CHECKING:
    from kg.extract.linear import LinearModel

__all__ = ["train"]

_F = TypeVar("_F", bound=Callable[..., Any])


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
    from kg.extract.linear import model_json
    from kg.quality.learn.fit import read_examples
    from kg.quality.learn.fit import train as train_model

    model = train_model(read_examples(examples), folds=folds, l2=l2, min_groups=min_groups)
    out.write_text(model_json(model), encoding="utf-8")
    _echo(out, model)


def _gold_sets(f: _F) -> _F:
    """The GOLD_DIRS argument and the --texts option of a command that trains on gold."""
    f = click.option(
        "--texts",
        "texts",
        multiple=True,
        required=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Folder of the articles of each GOLD_DIR, in the same order (once: all).",
    )(f)
    return click.argument(
        "gold_dirs",
        nargs=-1,
        required=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
    )(f)


def _fit_options(f: _F) -> _F:
    """The --folds, --l2 and --min-groups options of a command that fits a model."""
    f = click.option(
        "--min-groups",
        default=2,
        show_default=True,
        help="Keep a feature only when this many articles carry it.",
    )(f)
    f = click.option("--l2", default=1.0, show_default=True, help="L2 penalty on the weights.")(f)
    return click.option(
        "--folds",
        default=0,
        show_default=True,
        help="Cross-validation folds over articles (0: leave one article out).",
    )(f)


def _tune_on_option(f: _F) -> _F:
    """``--tune-on GOLD_DIR`` (repeatable), shared by the commands that choose thresholds."""
    return click.option(
        "--tune-on",
        "tune_on",
        multiple=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A GOLD_DIR whose articles choose the thresholds (repeatable; default: all). "
        "Choose articles the rules were not written on.",
    )(f)


def _tune_sets(gold_dirs: tuple[Path, ...], tune_on: tuple[Path, ...]) -> list[int]:
    """The positions among ``gold_dirs`` of the ``--tune-on`` folders (each must be one)."""
    where = {d.resolve(): i for i, d in enumerate(gold_dirs)}
    stray = [str(g) for g in tune_on if g.resolve() not in where]
    if stray:
        raise click.BadParameter(
            f"{', '.join(stray)} is not one of the GOLD_DIRs", param_hint="--tune-on"
        )
    return [where[g.resolve()] for g in tune_on]


def _paired(gold_dirs: tuple[Path, ...], texts: tuple[Path, ...]) -> list[tuple[Path, Path]]:
    """Each gold folder with its texts folder (one --texts: the same for all)."""
    if len(texts) not in (1, len(gold_dirs)):
        raise click.BadParameter(
            f"give one --texts for all gold folders or one per gold folder "
            f"({len(gold_dirs)}), not {len(texts)}",
            param_hint="--texts",
        )
    return list(zip(gold_dirs, texts * len(gold_dirs) if len(texts) == 1 else texts, strict=True))


@train.command("pairs")
@_gold_sets
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the model (kg/extract/pairs.json is the shipped one).",
)
@_fit_options
@_tune_on_option
@click.option(
    "--off",
    is_flag=True,
    help="Write the model switched off (thresholds kept; KG_PAIRS=1 runs it), e.g. when "
    "it does not raise the scores of articles it was not trained on.",
)
def pairs_cmd(
    gold_dirs: tuple[Path, ...],
    texts: tuple[Path, ...],
    out: Path,
    folds: int,
    l2: float,
    min_groups: int,
    tune_on: tuple[Path, ...],
    off: bool,
) -> None:
    """Train the pair model (relations between two mentions of a sentence) on gold files.

    Each article is built alone with the rules only; its candidate pairs are labelled with
    the gold relation between the two entities, and the thresholds are chosen by
    cross-validation to raise the relation F1 over the rules'.

    \b
    Example:
      kg train pairs gold/odd gold/dev --texts news --texts dev --out pairs.json \\
        --tune-on gold/dev
    """
    from kg.extract.linear import model_json
    from kg.quality.learn.pairs import train_pairs

    sets = _paired(gold_dirs, texts)
    _tune_sets(gold_dirs, tune_on)
    model = train_pairs(
        sets, folds=folds, tune_on=tune_on, l2=l2, min_groups=min_groups, header={"on": not off}
    )
    out.write_text(model_json(model), encoding="utf-8")
    _echo(out, model)


def _echo(out: Path, model: LinearModel) -> None:
    cv = model.header["cv"]
    state = "on" if model.thresholds else "off (no class raises the CV F1)"
    if model.thresholds and not model.header.get("on", True):
        state = "off (--off: KG_PAIRS=1 runs it)"
    click.echo(
        f"{out}: {len(model.weights)} features; CV F1 {cv['f1_before']:.3f} -> "
        f"{cv['f1_after']:.3f} (+{cv['added_right']} right, +{cv['added_spurious']} "
        f"spurious); thresholds {model.thresholds}: {state}"
    )


@train.command("events")
@_gold_sets
@click.option(
    "--out-dir",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Where to write eventlearn_keep.json, _place.json and _agent.json.",
)
@_fit_options
@_tune_on_option
@click.option(
    "--off",
    "off",
    multiple=True,
    type=click.Choice(EVENT_MODELS),
    help="Write this model without its threshold (switched off; the CV stays in the header).",
)
def events_cmd(
    gold_dirs: tuple[Path, ...],
    texts: tuple[Path, ...],
    out_dir: Path,
    folds: int,
    l2: float,
    min_groups: int,
    tune_on: tuple[Path, ...],
    off: tuple[str, ...],
) -> None:
    """Fit the event keep / drop, place and doer models (kg/extract/eventlearn.py) on GOLD_DIRS.

    Each gold article is built alone with the learned checks off and its events scored
    against the gold; the thresholds are those whose out-of-fold predictions give the best
    events F1 (a model none of whose thresholds raises it is written without one: off).
    Copy the files into kg/extract/ to use them; --off writes a model switched off.

    \b
    Example:
      kg train events gold/ more-gold/ --texts texts/ --texts more-texts/ --out-dir models/
    """
    from kg.extract.linear import model_json
    from kg.quality.learn.events import harvest, train_events

    sets = _paired(gold_dirs, texts)
    tune = [f"{i}:" for i in _tune_sets(gold_dirs, tune_on)]
    events, tallies = harvest(sets)
    trained_on = [
        {"gold": f"{d.parent.name}/{d.name}", "articles": len(list(d.glob("*.y*ml")))}
        for d in gold_dirs
    ]
    header = {"trained_on": trained_on, "commit": _commit()}
    models = train_events(
        events, tallies, tune_on=tune, folds=folds, l2=l2, min_groups=min_groups, header=header
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, model in models.items():
        if name in off:
            model = replace(model, thresholds={}, header={**model.header, "switched_off": True})
        path = out_dir / f"eventlearn_{name}.json"
        path.write_text(model_json(model), encoding="utf-8")
        cv = model.header["cv"]
        click.echo(
            f"{path}: {len(model.weights)} features; CV events F1 {cv['events_f1_before']:.3f}"
            f" -> {cv['events_f1_after']:.3f}; thresholds {model.thresholds or 'none (off)'}"
        )


def _commit() -> str:
    """The checkout's commit (short), or ``"unknown"`` outside a git checkout."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"
