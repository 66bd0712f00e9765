"""Losses a side counts of its own: "X lost N soldiers", "X suffered two wounded" (an event rule).

"The army said it lost six men in the ambush near P", "the militia lost 12 fighters",
"the peshmerga suffered two wounded", "the brigade sustained 14 dead": the subject is the side
that was hit, the number its dead (people lost: ``casualties.lost_people``) or what its noun
counts ("wounded", "dead": ``casualties.suffered_counts``). A casualty report whose target is
the subject and whose place is the clause's; the attack it follows, when the article states
one, takes its figures (:func:`kg.extract.sequels.fold_casualties`). Not "lost five tanks",
"lost contact with ten soldiers", "lost 30 soldiers to desertion" (``casualties.lost_not``),
nor negated or modal ("could lose hundreds of men").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.deadly import may_kill
from kg.extract.events import Found, forces_of, make_event
from kg.extract.gates import needs
from kg.extract.numbers import number_value
from kg.extract.placing import place_near
from kg.extract.tallies import number_in
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "lost_men"]


def _count(ctx: ArticleContext, verb: Token) -> dict[str, int]:
    """The figure the object of a verb of loss counts: "lost five soldiers" (killed), "suffered
    two wounded", "sustained 14 dead"; {} for anything else."""
    lost = ctx.lexicon("casualties", "lost_people")
    counts: dict[str, str] = ctx.rules["events"]["casualties"]["suffered_counts"]
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        word = obj.lower_
        # the parser may make the number the object: "suffered [two] wounded"
        word = next((c.lower_ for c in obj.children if c.lower_ in counts), word)
        if verb.lemma_ == "lose" and obj.lemma_.lower() in lost:
            kind = "killed"
        elif verb.lemma_ in ctx.lexicon("casualties", "suffer_verbs") and word in counts:
            kind = counts[word]
        else:
            continue
        n = number_value(obj) if obj.like_num else number_in(obj)
        if n and not any(c.lower_ in ("of", "to") for c in obj.children):
            return {kind: n}  # not "lost 20 percent of its men", "lost ten men to desertion"
    return {}


def _lost_to(ctx: ArticleContext, verb: Token) -> bool:
    """True for a loss not in fighting: "lost 30 soldiers to desertion / disease", "lost 200
    officers to HIV" (a "to" that names no actor), "lost three officers in a road accident"."""
    not_fight = ctx.lexicon("casualties", "lost_not")
    to = ctx.prep_objects(verb, {"to"})
    named = [o for o in to if any(ctx.res.mention_at(t) is not None for t in o.subtree)]
    if any(o.lemma_.lower() in not_fight or o not in named for o in to):
        return True
    within = [t for o in ctx.prep_objects(verb, {"in", "during", "after"}) for t in o.subtree]
    return any(t.lemma_.lower() in not_fight for t in within)


@needs("events.casualties.lose_verbs", "events.casualties.suffer_verbs")
def lost_men(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X lost N soldiers (in P)", "X suffered N wounded": X's casualties."""
    verbs = ctx.lexicon("casualties", "lose_verbs") | ctx.lexicon("casualties", "suffer_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs:
            continue
        if ctx.negated(tok) or ctx.unreal(tok) or may_kill(ctx, tok) or _lost_to(ctx, tok):
            continue
        figures = _count(ctx, tok)
        if not figures:
            continue
        targets = forces_of(ctx, ctx.subject_actors(tok), tok)
        if not targets or any(ctx.actor_class(t) not in ARMED_CLASSES for t in targets):
            continue  # "the ruling party lost 30 members", "the company lost 12 men"
        place = place_near(ctx, sent, list(tok.subtree), tok)
        f = make_event(
            ctx,
            sent,
            "CasualtyReport",
            "lost-men",
            tok,
            targets=targets,
            place=place,
            figures=figures,
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"casualties"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (lost_men,)
