"""Strikes aimed at several places, and weapons fired at what a participle names.

- :func:`aimed_salvos` (a sentence rule): "X fired missiles targeting P", "X launched rockets
  aimed at Y's positions in P": an attack by the subject on what the participle of aiming
  (``events.attack.aim_participles``) names, one event per town named;
- :func:`each_coordinated_place` (an article pass): a strike, attack or capture placed at one
  of several coordinated places ("shelling of positions near the towns of A, B and C",
  "missiles at areas near A and the regions of B and C", "A and B fell to X") is one event at
  each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.events import Found, forces_of, located_places, make_event, target_actors
from kg.extract.gates import needs
from kg.extract.placing import containers, town_first

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "aimed_salvos", "each_coordinated_place", "fired"]

#: event classes whose places a coordination splits ("seized / the fall of A, B and C": a
#: capture of each)
_STRIKES = frozenset({"Attack", "Bombardment", "Airstrike", "Capture"})


def _aiming(ctx: ArticleContext, weapon: Token) -> list[Token]:
    """The participles of aiming on ``weapon`` or on the weapons an "of" phrase names ("two
    rounds of missiles targeting P")."""
    aims = ctx.lexicon("attack", "aim_participles")
    return [
        part
        for noun in [weapon, *ctx.prep_objects(weapon, {"of"})]
        for part in noun.children
        if part.dep_ == "acl" and part.lemma_ in aims
    ]


def _aimed(ctx: ArticleContext, part: Token) -> list[Token]:
    """What a participle of aiming names: its object or its "at" phrase."""
    preps = {"at", "on", "against", "toward", "towards"}
    return [c for c in part.children if c.dep_ == "dobj"] + ctx.prep_objects(part, preps)


def fired(ctx: ArticleContext, sent: Span) -> Iterator[tuple[Token, list[Token]]]:
    """The verbs of firing of a sentence that are stated (not negated nor unreal), each with
    the weapons it fires ("fired missiles", "launched dozens of rockets": ``projectiles``);
    a verb that fires none is left out."""
    verbs = ctx.lexicon("attack", "fire_verbs")
    arms = ctx.lexicon("attack", "projectiles")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or ctx.negated(tok) or ctx.unreal(tok):
            continue
        weapons = [
            c
            for c in tok.children
            if c.dep_ == "dobj"  # "fired missiles", "launched dozens of rockets"
            and ({c.lemma_.lower()} | {g.lemma_.lower() for g in ctx.prep_objects(c, {"of"})})
            & arms
        ]
        if weapons:
            yield tok, weapons


@needs("events.attack.fire_verbs", "events.attack.aim_participles")
def aimed_salvos(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Israel fired missiles targeting areas near A and B", "Hezbollah launched rockets
    aimed at positions in P": an attack by who fired on what the participle names (the
    actors its words name the targets, its towns one event each); not "X could fire
    missiles targeting P", "X did not launch ..."."""
    for tok, weapons in fired(ctx, sent):
        parts = [p for w in weapons for p in _aiming(ctx, w)]
        aims = [a for p in parts for a in _aimed(ctx, p)]
        agents = forces_of(ctx, ctx.subject_actors(tok), tok)
        if not aims or not agents:
            continue
        targets = [a for a in target_actors(ctx, aims) if a not in agents]
        places = town_first(ctx, located_places(ctx, [t for a in aims for t in a.subtree]))
        if not targets and not places:
            continue
        each: list[str | None] = list(_towns(ctx, places)) or [None]
        for place in each:
            f = make_event(
                ctx,
                sent,
                "Attack",
                "aimed-salvo",
                tok,
                agents=agents,
                targets=targets,
                place=place,
                date_anchor=parts[0],  # "on Thursday" may hang on the participle
            )
            yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


def _towns(ctx: ArticleContext, places: list[str]) -> list[str]:
    """The places of ``places`` no other of them lies in ("near A in province P": A)."""
    inside = {p: containers(ctx, p) for p in places}
    return [p for p in places if not any(p in inside[q] for q in places if q != p)]


def _coordinated(ctx: ArticleContext, tok: Token) -> list[Token]:
    """The nouns coordinated with ``tok`` ("A, B and C"; "areas near A and the regions of B
    and C": the places an "of" phrase of a coordinated noun names too; "the towns of A, B and
    C", whose common noun the mention of A covers; "A, B, C and D" that the parser hung as A
    with B in apposition and C, D as B's conjuncts)."""
    root = tok
    while _linked(root) and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "between":
        return [tok]  # "on the border between A and B": one place, at the border
    chain = [root, *[t for t in root.subtree if _linked(t) and _in_chain(t, root)]]
    out = list(chain)
    for noun in chain:
        # "the towns of A, B and C" (plural: not "the Saltivka district of Kharkiv")
        if ctx.res.place_at(noun) is None or noun.tag_ == "NNS":
            for o in ctx.prep_objects(noun, {"of"}):
                out += [o, *[t for t in o.subtree if _linked(t) and _in_chain(t, o)]]
    return out


def _linked(tok: Token) -> bool:
    """True when ``tok`` is a conjunct, or a name in apposition that a list goes on from
    ("A, B, C and D" parsed as A with B in apposition, C and D conjuncts of B; not "A, a
    town near B" nor "A, P province": no conjunct follows)."""
    return tok.dep_ == "conj" or (
        tok.dep_ == "appos" and tok.pos_ == "PROPN" and any(c.dep_ == "conj" for c in tok.children)
    )


def _in_chain(tok: Token, root: Token) -> bool:
    """True when ``tok`` hangs on ``root`` through conjunctions (and list appositions) only."""
    t = tok
    while _linked(t) and t.head.i != t.i:
        t = t.head
    return t.i == root.i


def each_coordinated_place(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """A strike, attack or capture at a place its sentence coordinates with others
    ("bombardment of positions near the cities of A, B and C", "A and B fell to X") is one
    event at each; not a place with the places it lies in ("in A and P province": A), nor the
    two sides of a border ("near the border between A and B"), nor one another event of the
    same kind and trigger is already at. A capture split so gives no control of any place.

    Parameters
    ----------
    ctx : ArticleContext
        The article.
    found : list of Found
        The article's events.

    Returns
    -------
    list of Found
        ``found`` with the events at the other places of each coordination after their event.
    """
    out: list[Found] = []
    for f in found:
        out.append(f)
        fact = f.fact
        if fact.type not in _STRIKES or fact.place is None:
            continue
        sent = ctx.doc[f.trigger].sent
        # the head of the place's mention ("Dumat" of "Dumat Aziz" is a compound of it)
        spots = [
            t
            for t in sent
            if ctx.res.place_at(t) == fact.place
            and (t.head.i == t.i or ctx.res.place_at(t.head) != fact.place)
        ]
        if not spots:
            continue
        others = ctx.res.places_in(_coordinated(ctx, spots[0]))
        if fact.place not in others or len(others) < 2:
            continue
        taken = {(g.fact.type, g.trigger, g.fact.place) for g in found}
        copies = [
            replace(
                f,
                fact=replace(fact, place=p, agents=list(fact.agents), targets=list(fact.targets)),
                tags=set(f.tags),
                losers=list(f.losers),
                controls=False,
            )
            for p in _towns(ctx, others)
            if (fact.type, f.trigger, p) not in taken
        ]
        if copies:
            # a list its rule did not read ("A and B fell to X", "including A, B, C"): a
            # capture of each, read from the coordination alone, gives no control of any
            out[-1] = replace(f, controls=False)
        out += copies
    return out


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (aimed_salvos,)
