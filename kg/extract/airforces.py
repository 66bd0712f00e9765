"""An air force that strikes makes an airstrike (rule **air-force**).

"The Israeli Air Force struck Hezbollah targets in P", "Pakistan's air force bombed militant
hideouts near P": a state's air arm named as the subject of a verb of striking from the air
(``events.airstrike.air_verbs``) strikes from the air, whatever the gazetteer calls the actor
(its air force or its armed forces as a whole). Aircraft named for their owner ("Russian
jets") are :mod:`kg.extract.airpower`'s; this rule reads the words "air force" themselves.
Not negated nor unreal ("the air force could strike P" is no strike).

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta
>>> text = "The Nigerian Air Force bombed Boko Haram hideouts near Bama on Monday."
>>> facts = Extractor().extract(ArticleMeta("a.txt"), text)
>>> [(e.type, e.agents, e.place) for e in facts.events]
[('Airstrike', ['Nigerian Air Force'], 'Bama')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.events import (
    Found,
    air_verb,
    airstrike_at,
    located_places,
    own_clause,
    target_actors,
)
from kg.extract.gates import needs
from kg.extract.placing import town_first

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "air_force_strikes", "is_air_force"]


def is_air_force(tok: Token) -> bool:
    """True for the head of "the X air force", "X's Air Force", "the air forces of X"
    ("force" with "air" right before it)."""
    return tok.lemma_.lower() in ("force", "airforce") and (
        tok.lemma_.lower() == "airforce" or (tok.i > 0 and tok.nbor(-1).lower_ == "air")
    )


@needs("events.airstrike.air_verbs", words=("force", "forces", "airforce"))
def air_force_strikes(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "The X air force struck / bombed / pounded Y positions in P": X's Airstrike at P."""
    for verb in ctx.stated_verbs(sent, ctx.lexicon("airstrike", "air_verbs")):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not is_air_force(subj) or not air_verb(ctx, verb):
            continue
        agents = ctx.res.actors_at(subj, conj=False)
        if not agents:
            continue
        own = {t.i for t in subj.subtree}
        clause = [t for t in own_clause(verb) if t.i not in own]
        places = town_first(ctx, located_places(ctx, clause))
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        targets = [a for a in target_actors(ctx, objs) if a not in agents]
        if not places and not targets:
            continue
        yield airstrike_at(ctx, sent, verb, agents, targets, places[0] if places else None)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (air_force_strikes,)
