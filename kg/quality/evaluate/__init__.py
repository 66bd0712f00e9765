"""Score extraction against hand-made gold files (``kg eval``).

A gold file (YAML, format in ``../shared/eval/FORMAT.md``) lists, for one article, the actors,
places, relations and events a careful reader finds in its text. :func:`score_article` compares
one gold article with what a store holds for that article; :func:`evaluate_dir` builds each
article alone into a temporary store and scores it; :func:`format_result` renders the scores.

Matching, one-to-one and greedy in a fixed order (so scores are deterministic):

- **entities**: the system's actors and places are those the article mentions
  (``ckg:mentionedIn``) or that take part in a fact it attests. One matches a gold actor
  (place) when one of its labels equals the gold name or one of its ``aliases_in_text`` after
  :func:`gold_match_key`. Pairs where the system's canonical label equals the gold name go first.
  Classes are not scored; their agreement with the gold ``kind`` is reported on the side.
- **relations**: same type and matched arguments; ``allied_with``, ``fights`` and ``tension``
  in either order. Dates of ``controls`` are not scored.
- **events**: an accepted class (``attack`` also accepts ``Bombardment``), the matched place
  (when gold names one), at least one matched agent (when gold has agents), and, when gold
  gives a date, a system date agreeing to the precision both give (an event with several
  dates matches when any agrees).

The package: :mod:`~kg.quality.evaluate.gold` reads gold files,
:mod:`~kg.quality.evaluate.system` reads what the store holds, :mod:`~kg.quality.evaluate.score`
matches and scores, :mod:`~kg.quality.evaluate.report` renders the scores.

Examples
--------
>>> gold_match_key("The Deir ez-Zor")
'deir ezzor'
>>> PRF(tp=3, fp=1, fn=1).f1
0.75
"""

from kg.quality.evaluate.gold import (
    ACTOR_KINDS,
    EVENT_TYPES,
    PLACE_KINDS,
    RELATION_TYPES,
    GoldArticle,
    GoldEntity,
    GoldEvent,
    GoldRelation,
    gold_match_key,
    load_gold,
    parse_gold,
)
from kg.quality.evaluate.report import format_result
from kg.quality.evaluate.score import (
    PRF,
    ArticleScore,
    DateCheck,
    EvalResult,
    Mismatch,
    evaluate_dir,
    score_article,
)

__all__ = [
    "ACTOR_KINDS",
    "EVENT_TYPES",
    "PLACE_KINDS",
    "PRF",
    "RELATION_TYPES",
    "ArticleScore",
    "DateCheck",
    "EvalResult",
    "GoldArticle",
    "GoldEntity",
    "GoldEvent",
    "GoldRelation",
    "Mismatch",
    "evaluate_dir",
    "format_result",
    "gold_match_key",
    "load_gold",
    "parse_gold",
    "score_article",
]
