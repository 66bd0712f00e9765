"""The shared pieces of the learned components: the linear runtime (kg.extract.linear), its
trainer (kg.quality.learn.fit) and ``kg train fit``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract.linear import LinearModel, load_model, model_from_dict
from kg.quality.learn.fit import (
    Counts,
    Example,
    choose_thresholds,
    cross_validate,
    fit,
    fold_of,
    read_examples,
    train,
    unit_counts,
    write_examples,
)

CLASSES = ("NONE", "fights", "allied_with")


def _toy(n: int = 12) -> list[Example]:
    """Articles a0..a(n-1): a clash word means fights, a pact word allied, else none."""
    out = []
    for i in range(n):
        g = f"a{i}"
        out.append(Example(g, ("w=clash", "cls=State|Militia"), "fights", unit=("x", "y")))
        out.append(Example(g, ("w=pact", "cls=State|State"), "allied_with", unit=("x", "z")))
        out.append(Example(g, ("w=said", f"only={i}"), "NONE", unit=("y", "z")))
    return out


def test_model_predicts_the_best_class_over_its_threshold() -> None:
    m = LinearModel(
        CLASSES, [0.0, 0.0, 0.0], {"w=clash": [0.0, 2.0, 0.0]}, {"fights": 0.5, "allied_with": 0.5}
    )
    assert m.predict(["w=clash", "w=clash"]) == ("fights", 0.79)
    assert m.predict(["w=other"]) is None  # 1/3 each: under every threshold
    assert sum(m.probabilities(["w=clash"]).values()) == pytest.approx(1.0)


def test_a_class_without_threshold_is_off() -> None:
    m = LinearModel(CLASSES, [0.0, 0.0, 0.0], {"w=clash": [0.0, 5.0, 0.0]}, {})
    assert m.predict(["w=clash"]) is None


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    m = fit(_toy(), CLASSES, thresholds={"fights": 0.6}, header={"trained_on": "toy"})
    path = tmp_path / "m.json"
    path.write_text(json.dumps(m.to_dict(), sort_keys=True))
    back = load_model(path)
    assert back is load_model(path)  # read once
    assert back.header == {"trained_on": "toy"}
    assert back.predict(["w=clash"]) == m.predict(["w=clash"])


def test_bad_model_file_says_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="2 classes"):
        model_from_dict({"classes": ["NONE", "fights"], "bias": [0.0], "weights": {}})


def test_fit_is_deterministic_and_drops_features_of_one_article() -> None:
    a, b = fit(_toy(), CLASSES), fit(list(reversed(_toy())), CLASSES)
    assert a.to_dict() == b.to_dict()
    assert not any(f.startswith("only=") for f in a.weights)
    probs = a.probabilities(["w=pact"])
    assert max(probs, key=lambda c: probs[c]) == "allied_with"


def test_folds_keep_an_article_together() -> None:
    assert fold_of(["b", "a", "c", "a"], 2) == {"a": 0, "b": 1, "c": 0}
    assert fold_of(["b", "a"], 0) == {"a": 0, "b": 1}  # leave one out
    probs = cross_validate(_toy(), CLASSES, folds=3)
    assert len(probs) == len(_toy())
    assert all(p for p in probs)


def test_units_count_once() -> None:
    ex = [
        Example("a", (), "fights", unit=1),
        Example("a", (), "fights", unit=1),
        Example("a", (), "NONE", unit=2),
    ]
    assert unit_counts(ex, ["fights", "fights", "fights"]) == (1, 1)
    assert unit_counts(ex, [None, None, "allied_with"]) == (0, 1)


def test_thresholds_add_only_what_raises_f1() -> None:
    ex = [Example("a", (), "fights"), Example("b", (), "NONE"), Example("c", (), "NONE")]
    probs = [
        {"NONE": 0.1, "fights": 0.9, "allied_with": 0.0},
        {"NONE": 0.3, "fights": 0.7, "allied_with": 0.0},
        {"NONE": 0.4, "fights": 0.0, "allied_with": 0.6},
    ]
    base = Counts(right=2, spurious=2, missed=2)
    chosen, f1 = choose_thresholds(ex, probs, CLASSES, base)
    assert chosen == {"fights": 0.75}  # 0.7 would add a spurious one; allied_with only does
    assert f1 == pytest.approx(base.f1(1, 0))


def test_train_records_its_cross_validation() -> None:
    m = train(_toy(), Counts(right=10, spurious=5, missed=24), folds=4, l2=0.5)
    cv = m.header["cv"]
    assert cv["f1_after"] > cv["f1_before"]
    assert m.header["articles"] == 12
    assert m.classes[0] == "NONE"
    assert m.predict(["w=clash", "cls=State|Militia"])[0] == "fights"


def test_examples_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "ex.jsonl"
    assert write_examples(_toy(3), path) == 9
    assert read_examples(path) == _toy(3)


def test_cli_train_fit(tmp_path: Path) -> None:
    src, out = tmp_path / "ex.jsonl", tmp_path / "m.json"
    write_examples(_toy(), src)
    result = CliRunner().invoke(cli, ["train", "fit", str(src), "--out", str(out), "--folds", "3"])
    assert result.exit_code == 0, result.output
    assert "CV F1" in result.output
    assert json.loads(out.read_text())["classes"] == ["NONE", "allied_with", "fights"]


def test_model_json_is_sorted_one_line_per_feature(tmp_path: Path) -> None:
    from kg.extract.linear import model_json

    m = fit(_toy(), CLASSES, thresholds={"fights": 0.6})
    text = model_json(m)
    assert json.loads(text) == m.to_dict()
    lines = text.split('"weights": {')[1].splitlines()[1:-2]
    assert lines == sorted(lines)
    assert len(lines) == len(m.weights)


def test_examples_that_only_teach_are_not_counted() -> None:
    ex = [Example("a", (), "fights", unit=1, emits=False), Example("a", (), "NONE", unit=2)]
    assert unit_counts(ex, ["fights", "fights"]) == (0, 1)
