"""A truce told by its verbs: "X and Y agreed to stop fighting in P", "X agreed with Y to
cease hostilities" (a Ceasefire of the subjects and the "with" party).

The verbs of agreeing are ``ceasefire.agree_verbs``; the verbs of stopping on a fight noun
(``battle.nouns``: fighting, hostilities, clashes) are ``ceasefire.stop_verbs``. Not negated,
modal, refused or only asked for (:func:`kg.extract.rulebook.find_events` drops what a verb
of plan or denial governs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract import truces
from kg.extract.events import Found, located_places, make_event
from kg.extract.gates import needs
from kg.extract.placing import town_first

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "agreed_to_stop"]


def _stopped_fight(ctx: ArticleContext, verb: Token) -> Token | None:
    """The verb of stopping a fight that ``verb`` (of agreeing) governs: "agreed to stop
    fighting", "agreed to end hostilities"; None else."""
    stops = ctx.lexicon("ceasefire", "stop_verbs")
    fights = ctx.lexicon("battle", "nouns")
    for x in verb.children:
        if x.dep_ != "xcomp" or x.lemma_ not in stops:
            continue
        objs = [c for c in x.children if c.dep_ in ("dobj", "xcomp")]
        if any(o.lower_ in fights or o.lemma_ in fights for o in objs):
            return x
    return None


@needs("events.ceasefire.agree_verbs")
def agreed_to_stop(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "The army and the rebels agreed to stop fighting in Bria on Tuesday": a Ceasefire of
    both at Bria.

    Examples
    --------
    "X agreed with Y to cease hostilities" is a Ceasefire of X and Y; "X refused to stop
    fighting" and "X could agree to stop fighting" are none.
    """
    for verb in ctx.stated_verbs(sent, ctx.lexicon("ceasefire", "agree_verbs")):
        stop = _stopped_fight(ctx, verb)
        if stop is None:
            continue
        parties = ctx.subject_actors(verb)
        parties += [a for o in ctx.prep_objects(verb, {"with"}) for a in ctx.res.actors_at(o)]
        parties = [p for p in dict.fromkeys(parties) if ctx.actor_class(p) != "Person"]
        if not parties:
            continue
        # "stop fighting in P": the phrase may hang on the verb of agreeing, of stopping, or on
        # the fight noun (not "with Y": a party)
        fight = [c for c in stop.children if c.dep_ in ("dobj", "xcomp")]
        own = [
            t
            for c in (verb, stop, *fight)
            for p in c.children
            if p.dep_ == "prep" and p.lower_ != "with"
            for t in p.subtree
        ]
        places = town_first(ctx, located_places(ctx, own))
        # none stated: none (the theatre was often a party's or the mediator's country)
        place = truces.truce_area(ctx, places[0]) if places else None
        f = make_event(ctx, sent, "Ceasefire", "ceasefire", verb, agents=parties, place=place)
        yield Found(f, verb.i, explicit_target=False)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (agreed_to_stop,)
