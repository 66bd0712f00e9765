"""Civilians killed by armed men: violence against civilians, not a toll of fighting.

The casualty rule (:func:`kg.extract.attacks.casualties`) reads "X killed N civilians" as a
report of the dead. When the dead are civilians by their noun (``casualties.civilian_nouns``:
"civilians", "villagers", "displaced people") and a named armed actor on the ground killed
them (the subject, or the "by" doer of the passive: not a strike from the air, shelling or a
campaign's toll), the sentence states violence against civilians
(:func:`civilian_killings`, run by :func:`kg.extract.rulebook.article_pass`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.voice import doer_tokens
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = ["civilian_killings", "civilians"]

_KILLING = "ViolenceAgainstCivilians"


def _dead(verb: Token) -> list[Token]:
    """The dead a killing verb counts: its object, or its passive subject."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


def civilians(ctx: ArticleContext, noun: Token) -> bool:
    """True for a noun of civilians ("civilians", "villagers", "displaced people")."""
    nouns = ctx.lexicon("casualties", "civilian_nouns")
    lemma = noun.lemma_.lower()
    if lemma in nouns or noun.lower_ in nouns:
        return True
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    return lemma in ("people", "person") and bool(mods & ctx.lexicon("casualties", "civilian_mods"))


def _killers_on_the_ground(ctx: ArticleContext, verb: Token) -> bool:
    """True when the doers of the killing are named actors, not aircraft nor a strike noun:
    "CODECO militiamen killed ...", "... were killed by RSF fighters"."""
    doers = doer_tokens(verb)
    if not doers:
        return False
    for d in doers:
        m = ctx.res.mention_at(d)
        if (m is not None and m.air) or not ctx.res.actors_at(d):
            return False
    return True


def civilian_killings(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """Casualty reports of civilians a named armed actor killed on the ground are violence
    against civilians, with their figures; one the sentence states already (a massacre
    named by its own words) takes the figures instead.

    Examples
    --------
    "CODECO militiamen killed 46 displaced people at a camp in P" is one
    ViolenceAgainstCivilians by CODECO at P with ``killed: 46``. "Airstrikes killed eight
    civilians" stays the airstrike's; "Israeli strikes have killed 300 civilians" a report.
    """
    out: list[Found] = []
    for f in found:
        ev = f.fact
        verb = ctx.doc[f.trigger]
        armed = ev.agents and all(ctx.actor_class(a) in ARMED_CLASSES for a in ev.agents)
        if (
            ev.type != "CasualtyReport"
            or not armed
            or verb.lemma_ != "kill"
            or not any(civilians(ctx, d) for d in _dead(verb))
            or not _killers_on_the_ground(ctx, verb)
        ):
            out.append(f)
            continue
        twin = next(
            (
                g
                for g in found
                if g.fact.type == _KILLING
                and ctx.doc[g.trigger].sent.start == verb.sent.start
                and set(g.fact.agents) & set(ev.agents)
            ),
            None,
        )
        if twin is not None:  # "X massacred villagers in P, killing 30 civilians": one
            for kind, n in ev.figures.items():
                twin.fact.figures.setdefault(kind, n)
            continue
        ev.type = _KILLING
        ev.evidence = replace(ev.evidence, method="civilian-killing")
        out.append(f)
    return out
