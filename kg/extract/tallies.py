"""Tolls that count the dead of many events, not one: a whole war's ("the war has killed
40,000", "the conflict, in which 9,000 have died"), those since a year ("30,000 dead since
the group took up arms in 2009") and a year's attacks ("attacks in A and B killed 3,000
last year"). The casualty and attack rules of :mod:`kg.extract.attacks` state no event for
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["since_years", "war_toll", "year_tally"]


def war_toll(ctx: ArticleContext, verb: Token) -> bool:
    """True when ``verb`` counts the dead of a whole war, not of one event: "the war has
    killed 40,000 people", "500,000 died in the 1994 genocide" (``casualties.wars``), "killed
    in five months of fighting" (a span of it: ``casualties.spans``)."""
    wars = ctx.lexicon("casualties", "wars")
    causes = [c for c in verb.children if c.dep_ == "nsubj"] if verb.lemma_ != "die" else []
    if verb.dep_ == "relcl" and any(c.tag_ == "WDT" for c in causes):
        causes.append(verb.head)  # "a war that has so far killed 14,000"
    causes += ctx.prep_objects(verb, {"in", "during", "since", "throughout", "over"})
    for which in [c for c in causes if c.tag_ == "WDT" and c.dep_ == "pobj"]:
        # "the conflict, in which 9,000 people have died": the noun before "in which" (the
        # parser may hang the clause on another noun)
        before = [t for t in ctx.doc[max(which.head.i - 2, 0) : which.head.i] if not t.is_punct]
        causes += [verb.head, *before[-1:]]
    return any(c.lemma_.lower() in wars for c in causes) or any(_span(ctx, c) for c in causes)


def _span(ctx: ArticleContext, noun: Token) -> bool:
    """True for a span of war or fighting: "five months of intense fighting", "years of war"."""
    if noun.lower_ not in ctx.lexicon("casualties", "spans"):
        return False
    fights = ctx.lexicon("casualties", "wars") | ctx.lexicon("casualties", "span_fights")
    return any(o.lemma_.lower() in fights for o in ctx.prep_objects(noun, {"of"}))


def since_years(ctx: ArticleContext, verb: Token) -> bool:
    """True for the dead counted over years: "30,000 people have died since the
    group began its insurgency in 2009" (a toll since a year, not one event's)."""
    for c in verb.children:
        since = c.dep_ == "prep" and c.lower_ == "since"
        since = since or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
        )
        inside = {t.i for t in c.subtree} if since else set()
        for d in ctx.dates(verb.sent):
            if inside & set(d.tokens) and d.value.precision == "year":
                return True
    return False


def year_tally(ctx: ArticleContext, verb: Token) -> bool:
    """True for the dead of many attacks counted over a year: "attacks in A, B and C killed
    nearly 3,000 people last year", "raids left 500 dead in 2019" (a plural attack noun as
    the doer, a date no finer than a year on the verb): a statistic, not one event."""
    nouns = ctx.lexicon("attack", "nouns") | ctx.lexicon("airstrike", "nouns")
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or subj[0].tag_ != "NNS" or subj[0].lemma_ not in nouns:
        return False
    own = {t.i for t in verb.subtree} - {t.i for t in subj[0].subtree}
    return any(own & set(d.tokens) and d.value.precision == "year" for d in ctx.dates(verb.sent))
