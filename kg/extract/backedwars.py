"""A war "its" backers fight in: "X backed Y in its war against Z" is Y's war, not X's
(backed-in-war, a part of :mod:`kg.extract.hostility`'s war-with rule)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["backed_in_war"]


def backed_in_war(ctx: ArticleContext, noun: Token, verb: Token) -> list[str]:
    """ "X backed Y in its war against Z", "X armed Y in their fight with Z" (backed-in-war):
    the pronoun's war is the backed object's, not the backer's (X backs Y; Y fights Z)."""
    if verb.lemma_ not in ctx.rules["support"]["verbs"]:
        return []
    prep = noun.head
    objs = [o for o in verb.children if o.dep_ == "dobj"]
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during"):
        return []
    if prep.head.i != verb.i and prep.head not in objs:  # "backed [the SPLA in its war]"
        return []
    its = any(c.dep_ == "poss" and c.lower_ == "its" for c in noun.children)
    if its and any(o.lower_.endswith("s") and not o.text.isupper() for o in objs):
        return []  # "Iran armed the Houthis in its war": the backer's own war (not "ISIS")
    return [a for o in objs for a in ctx.res.actors_at(o) if ctx.actor_class(a) != "Person"]
