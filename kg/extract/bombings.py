"""Bombing told by its verb with a named doer: "Russia bombed Grozny", "the Sri Lankan army
bombed Tiger positions near P" (a state, its government or forces, a coalition: from the air,
an Airstrike, as a bombing noun of theirs is), "the ELN bombed an oil pipeline in P" (an armed
group: on the ground, an Attack).

Aircraft as the subject ("Russian jets bombed P") are :func:`kg.extract.combat.air_power`'s;
the verbs are ``events.airstrike.bomb_verbs``. Not negated, modal, planned or denied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.events import (
    OFFICIAL,
    Found,
    airstrike_at,
    located_places,
    make_event,
    own_clause,
    target_actors,
)
from kg.extract.gates import needs
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "bombed"]


def _by_air(ctx: ArticleContext, subj: Token) -> bool:
    """Whether the subject's phrase holds aircraft, whose rule states the strike."""
    return any((m := ctx.res.mention_at(t)) is not None and m.air for t in subj.subtree)


def _place(ctx: ArticleContext, verb: Token, subj: Token) -> str | None:
    """Where the clause of ``verb`` says it bombed, a town first; not its subject's words."""
    own = {t.i for t in subj.subtree}
    places = located_places(ctx, [t for t in own_clause(verb) if t.i not in own])
    towns = [p for p in places if ctx.res.place_class(p) != "Country"]
    found = towns or places
    return found[0] if found else None


@needs("events.airstrike.bomb_verbs")
def bombed(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Russia bombed Grozny on Monday": an Airstrike by Russia at Grozny; "the ELN bombed a
    pipeline in Arauca": an Attack by the ELN there.

    Examples
    --------
    "FARC rebels bombed a police station in P" is an Attack by the FARC at P; "the army
    denied that it had bombed the village" and "X could bomb P" are none.
    """
    starts = ctx.lexicon("airstrike", "start_verbs")
    for verb in ctx.stated_verbs(sent, ctx.lexicon("airstrike", "bomb_verbs")):
        # "Russia began bombing P": the subject of the verb of beginning
        above = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_ in starts else verb
        if ctx.negated(above) or ctx.unreal(above):
            continue
        subj = next((c for c in above.children if c.dep_ == "nsubj"), None)
        if subj is None or _by_air(ctx, subj):
            continue
        if not any(c.dep_ == "dobj" for c in verb.children) or any(
            c.dep_ == "prt" for c in verb.children
        ):
            continue  # "X bombed out of the tournament": what was bombed is stated, or none
        agents = [
            a for a in ctx.subject_actors(verb) if ctx.actor_class(a) in ARMED_CLASSES + OFFICIAL
        ]
        place = _place(ctx, verb, subj)
        if not agents or place is None:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        targets = [a for a in target_actors(ctx, objs) if a not in agents]
        if all(ctx.actor_class(a) in OFFICIAL for a in agents):
            yield airstrike_at(ctx, sent, verb, agents, targets, place)
            continue
        f = make_event(
            ctx, sent, "Attack", "attack-verb", verb, agents=agents, targets=targets, place=place
        )
        yield Found(f, verb.i, explicit_target=bool(targets), tags={"attack"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (bombed,)
