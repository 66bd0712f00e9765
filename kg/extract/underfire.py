"""Attacks stated as "X came under fire / attack from Y" (an attack on X by Y).

The phrase is figurative as often as not ("Israel came under fire from the United States
over the offensive": blame), so the attack needs an armed doer (or a state's jets or troops),
an armed target, a military site or convoy, or a state shot at by armed men, and no "over" /
"for" / "about" phrase on the verb (``events.attack.under_blame_preps``). The relation rule
``hostility.under_fire`` asks the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext


def under_attack(ctx: ArticleContext, tok: Token) -> bool:
    """True for the noun of "X came / was under attack / fire" (``attack.under_verbs``)."""
    head = tok.head
    return (
        tok.dep_ == "pobj"
        and head.lower_ == "under"
        and head.head.lemma_ in ctx.lexicon("attack", "under_verbs")
    )


def from_doers(ctx: ArticleContext, objs: list[Token]) -> list[str]:
    """The actors a "from" phrase of an attack names as its doers: "from the jihadists", "from
    M23 rebels"; not a country it came from ("a rocket attack from Lebanon": a place)."""
    out = []
    for o in objs:
        m = ctx.res.mention_at(o)
        if m is not None and m.country_name:
            continue
        out += ctx.res.actors_at(o)
    return out


def blamed_by(ctx: ArticleContext, agents: list[str]) -> bool:
    """Whether any of ``agents`` is no armed actor (a state, a body, a person: who blames)."""
    return any(ctx.actor_class(a) not in ARMED_CLASSES for a in agents)


def figurative(ctx: ArticleContext, tok: Token, agents: list[str]) -> bool:
    """True when "under fire / attack" at ``tok`` is no shooting: a doer (``agents``) that is
    not armed ("from rights groups", "from the United States"; none named is no
    doer against it: "SDF fighters came under attack in P"), a target neither armed nor a
    military thing ("Press freedom is under attack", "Israel came under fire"), or blame on
    the verb ("came under fire from X over the talks"). "Government troops came under fire
    from M23 rebels", "a convoy came under attack from al-Shabaab" stay attacks."""
    verb = tok.head.head
    blame = ctx.lexicon("attack", "under_blame_preps")
    if any(c.dep_ == "prep" and c.lower_ in blame for t in (verb, tok) for c in t.children):
        return True
    said = ctx.prep_objects(tok, {"from"}) + ctx.prep_objects(verb, {"from"})
    # "from Saudi jets", "from Ugandan troops": a state's arms, armed whatever the state's class
    arms = frozenset(ctx.rules["air_heads"]) | frozenset(ctx.rules["forces_heads"])
    by_arms = any(o.lower_ in arms or o.lemma_ in arms for o in said)
    if (said and not agents) or (not by_arms and blamed_by(ctx, agents)):
        return True  # a doer named, none armed ("from rights groups")
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    things = ctx.lexicon("attack", "owned") | frozenset(ctx.rules["forces_heads"])
    if any(s.lower_ in things or s.lemma_ in things for s in subj):
        return False
    if agents and not blamed_by(ctx, agents) and any(ctx.res.place_at(s) for s in subj):
        return False  # "Bama came under attack by Boko Haram fighters": a town attacked
    hit = [a for s in subj for a in ctx.res.actors_at(s)]
    # a state shot at by armed men is fought ("Israel came under fire from Hezbollah rockets");
    # a person or an idea is only blamed ("Netanyahu came under fire from Hamas")
    targets = (*ARMED_CLASSES, "State") if agents and not blamed_by(ctx, agents) else ARMED_CLASSES
    return not hit or any(ctx.actor_class(a) not in targets for a in hit)
