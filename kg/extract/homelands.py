"""Whose country an actor is of, and when two actors are a state's and a rebel group of that
same country: "soldiers and rebels" clashing are enemies, "Syrian troops and Hezbollah" may be
allies (:func:`kg.extract.hostility.fought_each_other`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.context import ArticleContext

__all__ = ["actor_country", "insurgency"]


def insurgency(ctx: ArticleContext, a: str, b: str) -> bool:
    """True when one of two actors is a state's (its forces, government or itself) and the
    other a non-state group of that same country: "soldiers and rebels", "X and the army"
    (a foreign group beside a state's forces may be its ally: "Syrian troops and Hezbollah")."""
    official = ("State", "Government", "ArmedForces")
    if (ctx.actor_class(a) in official) == (ctx.actor_class(b) in official):
        return False
    country = actor_country(ctx, a)
    return country is not None and country == actor_country(ctx, b)


def actor_country(ctx: ArticleContext, actor: str) -> str | None:
    """The country of an actor: the gazetteer's, else the one its built name says ("Armed
    Forces of Sri Lanka", "Malian opposition")."""
    found = ctx.res.country_of_actor(actor)
    if found is not None:
        return found
    words = actor.split()
    if " of " in actor:
        e = ctx.res.entry(actor.rsplit(" of ", 1)[1], "place")
        if e is not None and e.cls == "Country":
            return e.name
    for n in range(len(words) - 1, 0, -1):
        st = ctx.res.gaz.by_demonym(" ".join(words[:n]))
        if st is not None:
            return st.name
    return None
