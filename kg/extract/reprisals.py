"""Reprisals: "X retaliated" is an attack by X (an event rule).

"Turkey retaliated, killing 30 Syrian soldiers", "Hezbollah retaliated against Israeli
positions in the Golan on Sunday": the subject attacked; whom the "against" / "on" phrase or
the dead of a participle of killing name are its targets, the dead its figures (the report
the casualty rule reads in the participle folds into it:
:func:`kg.extract.sequels.fold_casualties`). A reprisal said to follow at once
("immediately", "the same day": ``events.attack.reprisal_same_day``) in a sentence with no
date of its own takes the date of the sentence before, which states what it answers. Not
negated, modal or threatened ("vowed to retaliate"). The words: ``events.attack.reprisal_verbs``.
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
    from kg.model import FuzzyDate

__all__ = ["RULES", "reprisals"]

#: prepositions whose object a reprisal is aimed at
_AIMED = {"against", "on", "at"}


def _hit(ctx: ArticleContext, verb: Token) -> list[Token]:
    """What a reprisal ``verb`` is aimed at: its "against" / "on" objects, and the dead of
    its participle of killing ("retaliated, killing 30 soldiers")."""
    kills = ctx.lexicon("casualties", "verbs")
    parts = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    dead = [d for p in parts if p.lemma_ in kills for d in p.children if d.dep_ == "dobj"]
    return ctx.prep_objects(verb, _AIMED) + dead


def _same_day(ctx: ArticleContext, verb: Token) -> FuzzyDate | None:
    """The date of the sentence before, when ``verb`` says it followed at once and its own
    sentence gives no date."""
    sent = verb.sent
    if ctx.dates(sent) or sent.start == 0:
        return None
    words = ctx.lexicon("attack", "reprisal_same_day")
    said = any(t.lower_ in words for c in verb.children for t in c.subtree if c.i != verb.i)
    same = any(
        t.lower_ == "same" and t.head.lower_ == "day" for c in verb.children for t in c.subtree
    )
    if not (said or same):
        return None
    before = ctx.dates(ctx.doc[sent.start - 1].sent)
    return before[-1].value if before else None


@needs("events.attack.reprisal_verbs")
def reprisals(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X retaliated, killing N Y soldiers", "X retaliated against Y positions in P"."""
    for tok in ctx.stated_verbs(sent, ctx.lexicon("attack", "reprisal_verbs")):
        agents = forces_of(ctx, ctx.subject_actors(tok), tok)
        if not agents:
            continue
        hit = _hit(ctx, tok)
        targets = [a for a in target_actors(ctx, hit) if a not in agents]
        own = [t for o in hit for t in o.subtree]
        own += [t for o in ctx.prep_objects(tok, {"in", "near", "around"}) for t in o.subtree]
        figures = toll(ctx, tok)
        if not (targets or figures or located_places(ctx, own)):
            continue  # "X retaliated": against whom, where, not said
        f = make_event(
            ctx,
            sent,
            "Attack",
            "reprisal",
            tok,
            agents=agents,
            targets=targets,
            place=place_near(ctx, sent, own, tok),
            figures=figures,
        )
        f.date = _same_day(ctx, tok) or f.date
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (reprisals,)
