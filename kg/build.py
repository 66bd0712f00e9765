"""Old home of :mod:`kg.pipeline.build`; its public names still import from here."""

from kg.pipeline.build import *  # noqa: F403
from kg.pipeline.build import __all__ as __all__
