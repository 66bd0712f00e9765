"""Training of the learned extraction components (their runtime halves are in ``kg.extract``).

:mod:`kg.quality.learn.fit` fits a :class:`~kg.extract.linear.LinearModel` to labelled
feature lists and chooses its thresholds by cross-validation over articles.
"""

__all__ = ["EVENT_MODELS"]

#: the event models :func:`kg.quality.learn.events.train_events` fits, by the names
#: ``kg train events --off`` takes
EVENT_MODELS = ("keep", "place", "agent")
