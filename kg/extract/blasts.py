"""Bombs as attacks: a bomb that went off, was set off, or was hit (rule **blast**).

Wire reports often tell a bombing by its device, with no attack noun and no attacker: "a car
bomb exploded near a checkpoint in P", "a roadside bomb killed four soldiers near P", "X
detonated a car bomb outside a police station in P", "N were killed when their patrol hit a
roadside bomb near P", "a suicide bomber blew himself up at a checkpoint in P". Each is an
Attack where the bomb went off; its dead are the attack's figures
(:func:`kg.extract.sequels.fold_casualties`). The device words are ``events.attack.bombs``;
the verbs of a bomb going off ``blast_verbs``, of setting one off ``detonate_verbs``, and of
running into one ``bomb_hit_verbs`` (whose subject is the victim, no doer).

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta
>>> text = "A car bomb exploded at a market in Kandahar."
>>> facts = Extractor().extract(ArticleMeta("b.txt"), text)
>>> [(e.type, e.place) for e in facts.events]
[('Attack', 'Kandahar')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.events import Found, forces_of, located_places, make_event, target_actors
from kg.extract.gates import needs
from kg.extract.placing import place_near
from kg.extract.tallies import toll

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "blasts", "is_bomb"]

_REFLEXIVE = frozenset({"himself", "herself", "themselves"})


def is_bomb(ctx: ArticleContext, tok: Token) -> bool:
    """True for a noun naming an explosive device ("a car bomb", "an IED", "a landmine",
    "an explosive device"); "device" only with "explosive"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = tok.lemma_.lower()
    if lemma == "device":
        return any(c.lower_ in ("explosive", "explosives") for c in tok.children)
    return lemma in ctx.lexicon("attack", "bombs") or tok.lower_ in ctx.lexicon("attack", "bombs")


def _bomber_blew_up(verb: Token) -> bool:
    """ "A suicide bomber blew himself up": "blow" with a reflexive object and "up"."""
    return (
        verb.lemma_ == "blow"
        and any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVE for c in verb.children)
        and any(c.lower_ == "up" and c.dep_ in ("prt", "advmod", "prep") for c in verb.children)
    )


def _roles(ctx: ArticleContext, verb: Token) -> tuple[Token, list[str], list[Token]] | None:
    """The bomb (or bomber) of ``verb``, who set it off, and whose words the targets are;
    None when ``verb`` tells no bomb going off."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    lemma = verb.lemma_
    if subj is not None and is_bomb(ctx, subj) and lemma in ctx.lexicon("attack", "blast_verbs"):
        doers = [a for c in subj.children for a in ctx.word_actors(c)]  # "a Taliban car bomb"
        return subj, doers, objs  # "a car bomb exploded / killed four soldiers"
    bomb = next((o for o in objs if is_bomb(ctx, o)), None)
    if bomb is not None and lemma in ctx.lexicon("attack", "detonate_verbs"):
        return bomb, ctx.subject_actors(verb), []  # "X detonated a car bomb in P"
    if bomb is not None and lemma in ctx.lexicon("attack", "bomb_hit_verbs"):
        return bomb, [], [subj] if subj is not None else []  # "their patrol hit a mine"
    if subj is not None and _bomber_blew_up(verb):
        return subj, ctx.subject_actors(verb), []
    return None


@needs("events.attack.bombs", words=("device", "himself", "herself", "themselves"))
def blasts(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "A car bomb exploded in P", "X detonated a bomb in P", "their convoy hit a mine near
    P", "a suicide bomber blew himself up in P": an Attack at P (doers only when named)."""
    verbs = (
        ctx.lexicon("attack", "blast_verbs")
        | ctx.lexicon("attack", "detonate_verbs")
        | ctx.lexicon("attack", "bomb_hit_verbs")
        | {"blow"}
    )
    # "the attack began when two car bombs exploded at the gate of the base in P": the bombs
    # are how an attack its sentence names was made, no second attack
    nouns = ctx.lexicon("attack", "nouns") | ctx.lexicon("attack", "site_nouns")
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in nouns for t in ctx.tokens(sent)):
        return
    for verb in ctx.stated_verbs(sent, verbs):
        roles = _roles(ctx, verb)
        if roles is None:
            continue
        bomb, doers, hit = roles
        agents = forces_of(ctx, doers, verb)
        targets = [a for a in target_actors(ctx, hit) if a not in agents]
        # the words of the clause, less the bomb's own modifiers ("a Kabul-made bomb")
        own = [t for t in verb.subtree if not bomb.left_edge.i <= t.i <= bomb.i]
        if not located_places(ctx, own) and not targets:
            continue  # "a bomb exploded", no place, no victim named: nothing to place
        place = place_near(ctx, sent, own, verb)
        # a killing bomb is the trigger itself, so the report of its dead folds into it
        killing = verb.lemma_ in ctx.lexicon("casualties", "verbs")
        trigger = bomb if killing else verb
        f = make_event(
            ctx,
            sent,
            "Attack",
            "blast",
            verb,
            agents=agents,
            targets=targets,
            place=place,
            figures={} if killing else toll(ctx, verb),
        )
        yield Found(f, trigger.i, explicit_target=bool(targets), tags={"attack"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (blasts,)
