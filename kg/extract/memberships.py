"""Memberships read from a noun: a state's contingent in a mission, a group's affiliate.

- **contingent-of**: "the Kenyan contingent of the UN force", "Burundian troops with the AU
  mission", "Egypt's battalion in the UN mission" (the state's forces are a member of the
  mission or coalition: memberOf, as for "troops serving with X", :mod:`kg.extract.affiliation`);
- the group a membership noun names before it ("X, an Islamic State affiliate", "X is a
  NATO member": :func:`compound_groups`, for :func:`kg.extract.relations.part_of`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.gates import needs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.model import RelationFact

__all__ = ["compound_groups", "contingent_of"]

#: words before a membership noun that say it is over or not yet
_NOT_YET_OR_NO_LONGER = frozenset(
    {"former", "ex", "onetime", "one-time", "erstwhile", "aspiring", "would-be", "prospective",
     "candidate", "future", "potential", "possible"}
)  # fmt: skip

#: classes of the actors a state's contingent serves in (not "Chadian troops with the rebels")
_MISSIONS = ("Coalition", "InternationalOrganization")
#: the state forces whose part in a mission is so named
_MEMBERS = ("ArmedForces", "State")


@needs("contingent_nouns")
def contingent_of(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "The Kenyan contingent of the UN force", "Burundian troops with the AU mission": a
    state's forces named by a troop noun (``contingent_nouns``) with "of", "with" or "in" a
    mission or coalition are its member.

    Examples
    --------
    "The Ugandan contingent of the African Union force lost three soldiers": the Ugandan
    army is a member of the African Union. Not "Chadian troops with the rebels" (no mission).
    """
    nouns = ctx.lexicon_of("contingent_nouns")
    for tok in ctx.tokens(sent):
        if tok.lower_ not in nouns or tok.pos_ != "NOUN":
            continue
        groups = [
            a
            for o in ctx.prep_objects(tok, {"of", "with", "in"})
            if ctx.res.place_at(o) is None
            for a in ctx.res.actors_at(o)
            if ctx.actor_class(a) in _MISSIONS
        ]
        if not groups:
            continue
        members = [
            a for a in ctx.res.actors_at(tok, conj=False) if ctx.actor_class(a) in _MEMBERS
        ] or _owners_forces(ctx, tok)
        for m in members:
            for g in groups:
                yield ctx.relation(sent, "memberOf", m, g, "contingent-of", tok)


def _owners_forces(ctx: ArticleContext, tok: Token) -> list[str]:
    """The forces of the state a demonym or a state's name before a contingent noun names
    ("the Kenyan contingent", "Egypt's battalion"; ``contingent_only_nouns``)."""
    if tok.lower_ not in ctx.lexicon_of("contingent_only_nouns"):
        return []
    out: list[str] = []
    for c in tok.children:
        st = ctx.res.gaz.by_demonym(c.text) if c.dep_ in ("amod", "compound", "poss") else None
        entry = ctx.res.entry(st.name, "actor") if st is not None else None
        if entry is not None:
            name, cls = ctx.res.forces(entry)
            ctx.res.ensure_actor(name, cls, "gazetteer")
            out.append(name)
    return out


def compound_groups(ctx: ArticleContext, tok: Token) -> list[str]:
    """The actors named before a membership noun ``tok`` set off after or predicated of its
    member: "X, an Islamic State affiliate in P", "X is a NATO member" (X is part of them).

    Examples
    --------
    "The Maute Group, an Islamic State affiliate, claimed the bombing": ["Islamic State"]
    for "affiliate". "An Islamic State affiliate claimed it": [] (no member named).
    """
    if tok.dep_ not in ("appos", "attr"):
        return []
    if any(c.lower_ in _NOT_YET_OR_NO_LONGER for c in tok.children if c.dep_ in ("amod", "advmod")):
        return []  # "a former al-Qaeda affiliate", "an aspiring NATO member"
    return [
        a
        for c in tok.children
        if c.dep_ == "compound"
        for a in ctx.res.actors_at(c, conj=False)
        if ctx.actor_class(a) != "Person"
    ]
