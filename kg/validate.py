"""Old home of :mod:`kg.quality.validate`; its public names still import from here."""

from kg.quality.validate import *  # noqa: F403
from kg.quality.validate import __all__ as __all__
