"""Training of the learned extraction components (their runtime halves are in ``kg.extract``).

:mod:`kg.quality.learn.fit` fits a :class:`~kg.extract.linear.LinearModel` to labelled
feature lists and chooses its thresholds by cross-validation over articles.
"""
