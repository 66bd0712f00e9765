"""Fit a linear classifier to labelled feature lists (numpy only, deterministic).

The trainer of :class:`kg.extract.linear.LinearModel`: softmax (multinomial logistic)
regression with an L2 penalty, by full-batch gradient descent with Adam steps from zero
weights, so the same examples always give the same weights. Features seen in fewer than
``min_groups`` articles are dropped (a feature one article carries is a memory of it, not a
pattern). :func:`cross_validate` gives every example a probability from a model that never
saw its article; :func:`choose_thresholds` picks the threshold per class that maximises the
F1 of the facts the component adds to those the rules already find.

Examples
--------
>>> ex = [Example(f"a{i}", ("w=clash",) if i % 2 else ("w=talk",), "fights" if i % 2 else "NONE")
...       for i in range(8)]
>>> m = fit(ex, ("NONE", "fights"), thresholds={"fights": 0.5})
>>> m.predict(["w=clash"])[0], m.predict(["w=talk"])
('fights', None)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kg.extract.linear import LinearModel

__all__ = [
    "Counts",
    "Example",
    "choose_thresholds",
    "cross_validate",
    "fit",
    "fold_of",
    "read_examples",
    "train",
    "unit_counts",
    "write_examples",
]


#: thresholds tried per class: 0.20, 0.25, ..., 0.95
GRID = tuple(k / 20 for k in range(4, 20))


@dataclass(frozen=True)
class Example:
    """One labelled candidate.

    Parameters
    ----------
    group : str
        The article it comes from (cross-validation keeps an article's examples together).
    features : tuple of str
        Its feature strings (no names of actors or places).
    label : str
        Its class ("NONE" for none).
    unit : hashable
        What one prediction is about, when several examples may state it (the same pair of
        entities in two sentences): a unit is predicted a class when any of its examples is.
        ``None``: the example is its own unit.
    emits : bool
        Whether the component states what it predicts for the example (False: the rules
        already state something of it; the example only teaches, and the thresholds ignore
        it).
    """

    group: str
    features: tuple[str, ...]
    label: str
    unit: Hashable = None
    emits: bool = True


#: the fact a prediction of a class for an example states
FactOf = Callable[[Example, str], Hashable]


@dataclass(frozen=True)
class Counts:
    """What the rules already score on the training articles: right, spurious and missed
    facts of the section the component adds to (a missed fact the component finds turns
    from missed into right)."""

    right: int = 0
    spurious: int = 0
    missed: int = 0

    def f1(self, tp: int = 0, fp: int = 0) -> float:
        """F1 of the section after adding ``tp`` right and ``fp`` spurious facts."""
        right = self.right + tp
        denom = 2 * right + self.spurious + fp + max(self.missed - tp, 0)
        return 2 * right / denom if denom else 0.0


@dataclass
class _Matrix:
    """Examples as (row, column) index pairs of their features, and label indices."""

    rows: np.ndarray
    cols: np.ndarray
    labels: np.ndarray
    n: int
    vocab: list[str] = field(default_factory=list)


def _vocabulary(examples: Sequence[Example], min_groups: int) -> list[str]:
    groups: dict[str, set[str]] = {}
    for ex in examples:
        for f in ex.features:
            groups.setdefault(f, set()).add(ex.group)
    return sorted(f for f, g in groups.items() if len(g) >= min_groups)


def _matrix(examples: Sequence[Example], vocab: list[str], classes: Sequence[str]) -> _Matrix:
    index = {f: i for i, f in enumerate(vocab)}
    cls = {c: k for k, c in enumerate(classes)}
    rows: list[int] = []
    cols: list[int] = []
    for r, ex in enumerate(examples):
        for f in sorted(set(ex.features)):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    labels = np.array([cls.get(ex.label, 0) for ex in examples], dtype=np.int64)
    return _Matrix(
        np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), labels, len(examples), vocab
    )


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def _scores(m: _Matrix, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    k = w.shape[1]
    cols = [np.bincount(m.rows, weights=w[m.cols, j], minlength=m.n) for j in range(k)]
    return np.stack(cols, axis=1) + b


def _gradient(m: _Matrix, resid: np.ndarray, d: int) -> np.ndarray:
    k = resid.shape[1]
    cols = [np.bincount(m.cols, weights=resid[m.rows, j], minlength=d) for j in range(k)]
    return np.stack(cols, axis=1)


def fit(
    examples: Sequence[Example],
    classes: Sequence[str],
    *,
    l2: float = 1.0,
    steps: int = 300,
    rate: float = 0.1,
    min_groups: int = 2,
    thresholds: dict[str, float] | None = None,
    header: dict[str, Any] | None = None,
) -> LinearModel:
    """A softmax model fitted to ``examples``.

    Parameters
    ----------
    examples : sequence of Example
        The training examples (labels outside ``classes`` count as ``classes[0]``).
    classes : sequence of str
        Class names, the negative class first.
    l2 : float
        L2 penalty on the weights (not the biases), per example summed over the data.
    steps, rate : int, float
        Full-batch Adam steps and their size.
    min_groups : int
        A feature is kept only when examples of at least this many groups carry it.
    thresholds, header : dict, optional
        Stored in the model as they are.

    Returns
    -------
    LinearModel
    """
    vocab = _vocabulary(examples, min_groups)
    m = _matrix(examples, vocab, classes)
    k = len(classes)
    w = np.zeros((len(vocab), k))
    b = np.zeros(k)
    y = np.zeros((m.n, k))
    y[np.arange(m.n), m.labels] = 1.0
    state = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for t in range(1, steps + 1):
        resid = _softmax(_scores(m, w, b)) - y  # gradient of the summed log loss
        gw = _gradient(m, resid, len(vocab)) + l2 * w
        gb = resid.sum(axis=0)
        w = _adam(w, gw, state[0], state[1], t, rate)
        b = _adam(b, gb, state[2], state[3], t, rate)
    weights = {f: [float(x) for x in w[i]] for i, f in enumerate(vocab) if np.any(w[i] != 0)}
    return LinearModel(
        tuple(classes), [float(x) for x in b], weights, thresholds or {}, header or {}
    )


def _adam(
    x: np.ndarray, g: np.ndarray, m1: np.ndarray, m2: np.ndarray, t: int, rate: float
) -> np.ndarray:
    m1 *= 0.9
    m1 += 0.1 * g
    m2 *= 0.999
    m2 += 0.001 * g * g
    step = rate * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
    out: np.ndarray = x - step
    return out


def fold_of(groups: Iterable[str], folds: int) -> dict[str, int]:
    """Group → fold: the sorted groups dealt out in turn (``folds`` ≤ 0 or more folds than
    groups: one group per fold, leave-one-article-out)."""
    ordered = sorted(set(groups))
    k = len(ordered) if folds <= 0 or folds > len(ordered) else folds
    return {g: i % k for i, g in enumerate(ordered)}


def cross_validate(
    examples: Sequence[Example],
    classes: Sequence[str],
    *,
    folds: int = 5,
    **fit_options: Any,
) -> list[dict[str, float]]:
    """Out-of-fold class probabilities of every example, in input order: each from a model
    fitted (:func:`fit` with ``fit_options``) on the other folds' articles."""
    fold = fold_of((ex.group for ex in examples), folds)
    out: list[dict[str, float]] = [{} for _ in examples]
    for k in sorted(set(fold.values())):
        train = [ex for ex in examples if fold[ex.group] != k]
        held = [i for i, ex in enumerate(examples) if fold[ex.group] == k]
        if not held:
            continue
        model = fit(train, classes, **fit_options)
        for i in held:
            out[i] = model.probabilities(examples[i].features)
    return out


def _predicted(
    probs: Sequence[dict[str, float]], classes: Sequence[str], thresholds: dict[str, float]
) -> list[str | None]:
    out: list[str | None] = []
    for p in probs:
        best = max(classes[1:], key=lambda c: (p.get(c, 0.0), c))
        out.append(best if p.get(best, 0.0) >= thresholds.get(best, 2.0) else None)
    return out


def unit_counts(
    examples: Sequence[Example],
    predicted: Sequence[str | None],
    fact_of: FactOf | None = None,
) -> tuple[int, int]:
    """Right and spurious facts the predictions add, each fact once: by default the fact of
    a prediction is (unit, class), right when the unit's label is that class; ``fact_of(ex,
    cls)`` names it otherwise (the same fact for "a backs b" read from either order)."""
    seen: dict[Hashable, bool] = {}
    for i, (ex, c) in enumerate(zip(examples, predicted, strict=True)):
        if c is None or not ex.emits:
            continue
        if fact_of is None:
            key: Hashable = (ex.group, ex.unit if ex.unit is not None else i, c)
            right = ex.label == c
        else:
            key = (ex.group, fact_of(ex, c))
            right = fact_of(ex, c) == fact_of(ex, ex.label)
        seen[key] = seen.get(key, False) or right
    tp = sum(seen.values())
    return tp, len(seen) - tp


def choose_thresholds(
    examples: Sequence[Example],
    probs: Sequence[dict[str, float]],
    classes: Sequence[str],
    base: Counts,
    *,
    grid: Sequence[float] = GRID,
    rounds: int = 2,
    fact_of: FactOf | None = None,
) -> tuple[dict[str, float], float]:
    """Thresholds per class that maximise the section's F1 (:class:`Counts` ``base`` plus
    what the out-of-fold predictions ``probs`` add), by coordinate ascent from "all off";
    a class whose every threshold lowers the F1 stays off (left out of the result).

    Returns
    -------
    (dict, float)
        Class → threshold, and the F1 they give.
    """
    chosen: dict[str, float] = {}
    best = base.f1()
    for _ in range(rounds):
        for c in classes[1:]:
            trial = {k: v for k, v in chosen.items() if k != c}
            keep = None
            top = base.f1(*unit_counts(examples, _predicted(probs, classes, trial), fact_of))
            for t in grid:
                guess = _predicted(probs, classes, {**trial, c: t})
                score = base.f1(*unit_counts(examples, guess, fact_of))
                if score > top + 1e-9:
                    top, keep = score, t
            chosen = trial if keep is None else {**trial, c: keep}
            best = top
    return dict(sorted(chosen.items())), best


def train(
    examples: Sequence[Example],
    base: Counts | None = None,
    *,
    classes: Sequence[str] | None = None,
    folds: int = 5,
    header: dict[str, Any] | None = None,
    fact_of: FactOf | None = None,
    tune_groups: Collection[str] | None = None,
    **fit_options: Any,
) -> LinearModel:
    """Cross-validate, choose the thresholds, then fit on all ``examples``.

    Parameters
    ----------
    examples : sequence of Example
    base : Counts, optional
        What the rules score on the training articles (default: nothing).
    classes : sequence of str, optional
        Default: "NONE", then the other labels sorted.
    folds : int
        Cross-validation folds over groups (0: leave one group out).
    header : dict, optional
        Added to the model's header, after the training counts and the CV score.
    fact_of : callable, optional
        The fact a class states of an example (see :func:`unit_counts`).
    tune_groups : collection of str, optional
        The groups whose out-of-fold predictions choose the thresholds (default: all);
        ``base`` then counts those articles only. Articles the rules were written on score
        higher than unseen ones, so a fact must be more precise to raise their F1: tuning on
        articles the rules never saw matches what the component meets.

    Returns
    -------
    LinearModel
        With ``header["cv"]``: the F1 before and after, the thresholds, the folds.
    """
    base = base or Counts()
    if classes is None:
        classes = ("NONE", *sorted({ex.label for ex in examples} - {"NONE"}))
    probs = cross_validate(examples, classes, folds=folds, **fit_options)
    keep = [i for i, ex in enumerate(examples) if tune_groups is None or ex.group in tune_groups]
    tuned, tuned_probs = [examples[i] for i in keep], [probs[i] for i in keep]
    thresholds, f1 = choose_thresholds(tuned, tuned_probs, classes, base, fact_of=fact_of)
    tp, fp = unit_counts(tuned, _predicted(tuned_probs, classes, thresholds), fact_of)
    info = {
        "examples": len(examples),
        "articles": len({ex.group for ex in examples}),
        "labels": {c: sum(ex.label == c for ex in examples) for c in classes},
        "cv": {
            "folds": folds,
            "f1_before": round(base.f1(), 4),
            "f1_after": round(f1, 4),
            "added_right": tp,
            "added_spurious": fp,
            "tuned_on_articles": len({ex.group for ex in tuned}),
        },
        "fit": {k: fit_options[k] for k in sorted(fit_options)},
        **(header or {}),
    }
    return fit(examples, classes, thresholds=thresholds, header=info, **fit_options)


def write_examples(examples: Iterable[Example], path: Path) -> int:
    """Write examples as JSON Lines (group, features, label, unit, emits); returns how
    many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for ex in examples:
            unit = list(ex.unit) if isinstance(ex.unit, tuple) else ex.unit
            row: dict[str, Any] = {"group": ex.group, "features": list(ex.features)}
            row["label"] = ex.label
            row |= {"unit": unit, "emits": ex.emits}
            fh.write(json.dumps(row, sort_keys=True) + "\n")
            n += 1
    return n


def read_examples(path: Path) -> list[Example]:
    """Examples from a JSON Lines file :func:`write_examples` wrote."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            unit = tuple(d["unit"]) if isinstance(d.get("unit"), list) else d.get("unit")
            out.append(
                Example(
                    str(d["group"]),
                    tuple(d["features"]),
                    str(d["label"]),
                    unit,
                    bool(d.get("emits", True)),
                )
            )
    return out
