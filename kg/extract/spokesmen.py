"""Whom a spokesman with a qualified title speaks for (role-body).

"army spokesman P", "presidential spokesperson P": the forces or the government of the country
the sentence is about (``title_bodies``); "police spokesman P", "regional spokesman P": a body
the sentence does not name, so not the actor of the context that a bare "spokesman P said"
speaks for (role-in-context, :mod:`kg.extract.affiliation`). A word of ``rank_words``
("senior spokesman P") leaves the title bare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["qualified_role", "title_body"]


def qualified_role(ctx: ArticleContext, role: Token) -> bool:
    """Whether a spokesman's title carries a word of its own that names the body he speaks
    for ("police spokesman P", "presidential spokesperson P", "regional spokesman P"): such a
    title is not bare, so it does not speak for an actor of the context; a word of
    ``rank_words`` only ranks him ("senior spokesman P")."""
    if role.lower_ not in ctx.lexicon_of("qualified_roles"):
        return False
    ranks = ctx.lexicon_of("rank_words")
    return any(
        c.i < role.i and c.dep_ in ("amod", "compound", "nmod") and c.lower_ not in ranks
        for c in role.children
    )


def title_body(ctx: ArticleContext, role: Token) -> list[str]:
    """The forces or government a word of a spokesman's title names ("army spokesman P",
    "presidential spokesperson P": ``title_bodies``), of the country the sentence is about;
    nothing for any other word ("police spokesman P") or without a country."""
    bodies: dict[str, str] = ctx.rules["title_bodies"]
    words = [c for c in role.children if c.i < role.i and c.lower_ in bodies]
    country = coref.context_country(ctx.res, role) if words else None
    st = ctx.res.entry(country, "actor") if country is not None else None
    if st is None or country is None or not _official_named(ctx, country, role.i):
        return []
    if bodies[words[0].lower_] == "forces":
        name, cls = ctx.res.forces(st)
    else:
        name, cls = ctx.res.government(country), "Government"
    ctx.res.ensure_actor(name, cls, "context")
    return [name]


def _official_named(ctx: ArticleContext, country: str, before: int) -> bool:
    """Whether the country may be the one whose official speaks at token ``before``: the
    article names its state, government or forces before, or no other country's ("Russian
    missiles struck Kyiv. Presidential spokesman P said": Russia's, not Ukraine's)."""
    res = ctx.res
    others = False
    for m in res.mentions:
        if m.start >= before or m.kind != "actor":
            continue
        if res.actor_class(m.key) not in ("State", "Government", "ArmedForces"):
            continue
        if res.country_of_actor(m.key) == country:
            return True
        others = True
    return not others
