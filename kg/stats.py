"""Old home of :mod:`kg.quality.stats`; its public names still import from here."""

from kg.quality.stats import *  # noqa: F403
from kg.quality.stats import __all__ as __all__
