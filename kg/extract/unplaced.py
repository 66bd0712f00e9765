"""Violent events an article that places its other events leaves unplaced (an article-level
pass, run once the places of the context are lent).

An analyst places every attack, battle and casualty report: the article that places the
others names the place of this one too, in words no rule read ("the region", "the front",
the headline's town three sentences back), or the clause tells of no event here at all ("a
month after skirmishes broke out between X and Y", "X and its allies have been attacking Y",
"the fighting between X and Y began in 2023"). Placed nowhere, such an event states nothing
the graph can use: on every evaluation set no attack, battle or casualty report without a
place was right while another event of its article had one. A text that places no event
at all keeps its placeless events: it names no place to miss ("Boko Haram fighters killed
five soldiers in an attack on Tuesday"). Nor does one that places only talks, a truce or a
flight (``events.unplaced_placing``): where the parties met ("talks opened in Luanda") or the
displaced went is no place of the fighting.

The kinds are ``events.unplaced_dropped`` in ``rules.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = ["drop_unplaced_violence"]


def drop_unplaced_violence(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """The events of ``found`` but an attack, battle or casualty report
    (``events.unplaced_dropped``) that has no place while another event of the war
    (``events.unplaced_placing``: not talks, a truce or a flight) has one.

    Parameters
    ----------
    ctx : ArticleContext
        The article (its rules).
    found : list of Found
        The article's events, merged and placed from their context.

    Returns
    -------
    list of Found
        ``found`` without the unplaced violent events of an article that places others.

    Examples
    --------
    In "Rebels shelled the town of P on Monday. Two weeks earlier, skirmishes broke out
    between X and Y." the skirmishes are no event: the article places the shelling.
    """
    kinds = set(ctx.rules["events"]["unplaced_dropped"])
    placing = set(ctx.rules["events"]["unplaced_placing"])
    if not any(f.fact.place and f.fact.type in placing for f in found):
        return found  # no event of the war placed: "talks opened in Luanda" places no attack
    return [f for f in found if f.fact.place or f.fact.type not in kinds]
