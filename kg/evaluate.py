"""Old home of :mod:`kg.quality.evaluate`; its public names still import from here."""

from kg.quality.evaluate import *  # noqa: F403
from kg.quality.evaluate import __all__ as __all__
