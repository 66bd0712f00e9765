"""The words of a war between two sides: "X is at war with Y", "X and Y went to war", and
a war of words ("at war with Y over trade": a quarrel, no fight). Whose war "its war" is after
a support verb is :mod:`kg.extract.backedwars`'.

Split from :mod:`kg.extract.hostility`, whose fight rules read these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


__all__ = ["at_or_gone_to", "over_words", "war_phrase"]


def at_or_gone_to(tok: Token) -> bool:
    """Whether the noun ``tok`` follows "at" ("at war") or "to" after "go" ("went to war"),
    and the war is not one of words: "over" or "on" a thing ("at war with Y over trade",
    "went to war on tariffs") makes it a quarrel.

    Examples
    --------
    "X and Y went to war in 2008", "X is at war with Y": True. "a road to war", "X is at
    war with Y over fishing rights": False.
    """
    return war_phrase(tok) and not over_words(tok)


def war_phrase(tok: Token) -> bool:
    """Whether the noun ``tok`` follows "at" ("at war") or "to" after "go" ("went to war")."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ == "at" or (prep.lower_ == "to" and prep.head.lemma_ == "go")


def over_words(tok: Token) -> bool:
    """Whether the war of "at war" / "went to war" is over or on a thing, not a place or an
    actor: "at war with Y over trade", "went to war on tariffs" (a quarrel)."""
    prep = tok.head
    # the phrase may hang on "war", its verb, or the enemy ("at war with Y over trade")
    holders = [tok, prep.head, *(o for w in tok.children if w.lower_ == "with" for o in w.children)]
    about = [
        o
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in ("over", "on")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return any(
        o.pos_ == "NOUN" and not any(t.ent_type_ in _NAMED for t in o.subtree) for o in about
    )


#: entity labels of a place or an actor: "over the town of P" is a war over a place
_NAMED = frozenset({"KG_PLACE", "KG_ACTOR", "GPE", "LOC", "FAC"})
