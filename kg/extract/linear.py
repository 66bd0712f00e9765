"""A trained linear classifier over string features, read from a JSON file of weights.

The runtime half of the learned components (the trainer is :mod:`kg.quality.learn.fit`): a
multiclass softmax model whose input is a list of feature strings ("path=nsubj<fight>prep",
"cls=State|Militia"), each worth 1 when present. A model file is read once per path and never
changes; scoring is deterministic (features are deduplicated and summed in sorted order).

Model file (JSON, keys sorted)::

    {"header": {...what it was trained on, CV score, feature families...},
     "classes": ["NONE", "fights", ...],      # the first is the negative class
     "bias": [b_NONE, b_fights, ...],
     "weights": {"feature": [w_NONE, w_fights, ...], ...},
     "thresholds": {"fights": 0.6, ...}}       # a class is predicted at or above it

Examples
--------
>>> m = LinearModel(("NONE", "fights"), [0.0, -1.0], {"w=clash": [0.0, 3.0]}, {"fights": 0.5})
>>> m.predict(["w=clash", "w=unknown"])
('fights', 0.88)
>>> m.predict(["w=talk"]) is None
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["LinearModel", "load_model", "model_from_dict", "model_json"]


@dataclass(frozen=True)
class LinearModel:
    """Softmax weights over string features, with a threshold per class.

    Parameters
    ----------
    classes : tuple of str
        Class names; ``classes[0]`` is the negative class ("NONE"), never predicted.
    bias : list of float
        One bias per class.
    weights : mapping of str to list of float
        Feature → one weight per class. Features the model does not know are ignored.
    thresholds : mapping of str to float
        Class → the least probability at which it is predicted (a class without one is never
        predicted: it is switched off).
    header : dict
        What the model was trained on (counts, commit, CV score, feature families).
    """

    classes: tuple[str, ...]
    bias: Sequence[float]
    weights: Mapping[str, Sequence[float]]
    thresholds: Mapping[str, float]
    header: Mapping[str, Any] = field(default_factory=dict)

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Class → softmax probability for one example's features."""
        scores = list(self.bias)
        for f in sorted(set(features)):
            w = self.weights.get(f)
            if w is not None:
                for k, x in enumerate(w):
                    scores[k] += x
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def predict(self, features: Iterable[str]) -> tuple[str, float] | None:
        """The most probable non-negative class that reaches its threshold, with its
        probability (rounded to 2 places), or ``None``."""
        probs = self.probabilities(features)
        best = max(self.classes[1:], key=lambda c: (probs[c], c), default=None)
        if best is None or best not in self.thresholds or probs[best] < self.thresholds[best]:
            return None
        return best, round(probs[best], 2)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form :func:`model_from_dict` reads (weights rounded to 4 places)."""
        return {
            "header": dict(self.header),
            "classes": list(self.classes),
            "bias": [round(b, 4) for b in self.bias],
            "weights": {f: [round(x, 4) for x in self.weights[f]] for f in sorted(self.weights)},
            "thresholds": {c: round(self.thresholds[c], 4) for c in sorted(self.thresholds)},
        }


def model_json(model: LinearModel) -> str:
    """The model as sorted JSON, one line per feature (small diffs when it is retrained)."""
    d = model.to_dict()
    weights = d.pop("weights")
    head = json.dumps(d, indent=1, sort_keys=True)[:-2]  # without the closing brace
    rows = ",\n".join(f"  {json.dumps(f)}: {json.dumps(w)}" for f, w in weights.items())
    return head + ',\n "weights": {\n' + rows + "\n }\n}\n"


def model_from_dict(data: Mapping[str, Any]) -> LinearModel:
    """A :class:`LinearModel` from its JSON form (as :meth:`LinearModel.to_dict` writes).

    Raises
    ------
    ValueError
        When a weight row or the bias does not have one number per class.
    """
    classes = tuple(data["classes"])
    bias = [float(b) for b in data["bias"]]
    weights = {str(f): [float(x) for x in w] for f, w in data["weights"].items()}
    bad = [f for f, w in weights.items() if len(w) != len(classes)]
    if len(bias) != len(classes) or bad:
        raise ValueError(
            f"model has {len(classes)} classes but the bias or the weights of "
            f"{bad[:3] or 'bias'} have another length; retrain it with 'kg train'"
        )
    thresholds = {str(c): float(t) for c, t in data.get("thresholds", {}).items()}
    return LinearModel(classes, bias, weights, thresholds, dict(data.get("header", {})))


@lru_cache(maxsize=8)
def load_model(path: str | Path) -> LinearModel:
    """The model stored at ``path``, read once per path."""
    return model_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
