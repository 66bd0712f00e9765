"""Which of the places a sentence names is where an event happened.

A sentence often names several places: the town attacked, the province or country around it,
where a source is based, where fighters came from. The event rules collect the places of a
phrase or clause with :func:`~kg.extract.events.located_places`; :func:`town_first` orders
them so the most precise place inside the others comes first:

- a town or province before a loose region or a country ("in Ethiopia's Tigray region");
- a place before the places that contain it, however the sentence orders them: "in Nangarhar
  province's capital Jalalabad", "the state capital of P, Q" (Q first when the gazetteer or
  the article puts Q inside P).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.context import ArticleContext

__all__ = ["containers", "town_first"]

_COARSE = {"Region": 1, "Country": 2}


def containers(ctx: ArticleContext, place: str) -> set[str]:
    """The places that contain ``place``: its gazetteer ancestors, else the parent chain the
    article gave it ("Sagaing's Ayadaw township": Sagaing), and its country.

    Examples
    --------
    For "Jalalabad" the containers are Nangarhar Province and Afghanistan.
    """
    res = ctx.res
    out = set(res.gaz.ancestors(place))
    ent = res.reg.entities.get("place:" + place)
    for _ in range(4):  # the article's own chain, for places the gazetteer does not know
        if ent is None or not ent.parent or ent.parent in out:
            break
        out.add(ent.parent)
        out.update(res.gaz.ancestors(ent.parent))
        ent = res.reg.entities.get("place:" + ent.parent)
    country = res.country_of_place(place)
    if country and country != place:
        out.add(country)
    return out


def town_first(ctx: ArticleContext, places: list[str]) -> list[str]:
    """Places with those inside a country before the countries ("in Ethiopia's Tigray
    region": Tigray first), a province or town before a loose region ("in northern
    Nigeria's Borno state": Borno), and a place before any of the others that contains it
    ("in Nangarhar province's capital Jalalabad": Jalalabad, then Nangarhar)."""
    if len(places) < 2:
        return list(places)
    inside = {p: containers(ctx, p) for p in places}
    outer = {p for p in places if any(p in inside[q] for q in places if q != p)}
    return sorted(
        places, key=lambda p: (_COARSE.get(ctx.res.place_class(p), 0), p in outer)
    )
