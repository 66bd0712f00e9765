"""Tolls that count the dead of many events, not one: a whole war's ("the war has killed
40,000", "the conflict, in which 9,000 have died"), those since a year ("30,000 dead since
the group took up arms in 2009") and a year's attacks ("attacks in A and B killed 3,000
last year"). The casualty and attack rules of :mod:`kg.extract.attacks` state no event for
them. And the counting of one clause's dead those rules share (:func:`toll`: "killed three
soldiers", "left one dead and six wounded", "the death toll rose to 35"; :func:`toll_by_place`:
"two people in A and one each in B and C").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.deadly import lone_victim
from kg.extract.events import located_places
from kg.extract.numbers import number_value

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "number_in",
    "since_years",
    "toll",
    "toll_by_place",
    "toll_noun",
    "war_toll",
    "year_tally",
]


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


def number_in(tok: Token) -> int | None:
    """The number stated for a noun phrase ("at least 22 militiamen", "10 of its fighters")."""
    n = number_value(tok)
    if n is not None:
        return n or None
    for c in tok.children:
        if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "compound" and c.like_num):
            n = number_value(c)
            if n:
                return n
        if c.dep_ in ("compound", "amod") and c.i < tok.i:
            # the parser may hang the number on a demonym: "Fourteen Nigerien soldiers"
            for g in c.children:
                n = number_value(g) if g.like_num and g.i < c.i else None
                if n:
                    return n
    return None


def toll(ctx: ArticleContext, verb: Token) -> dict[str, int]:
    """The dead and wounded a clause counts: "killed three soldiers", "34 were injured",
    "left one dead and six wounded"."""
    words: dict[str, str] = ctx.rules["figures"]["verb_figure"]
    out: dict[str, int] = {}
    # "stormed the base, killing ten soldiers": a participle of the same clause counts too
    parts = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    parts += [c for p in parts for c in p.children if c.dep_ == "conj"]  # "... and wounding 30"
    for v in [verb, *[c for c in verb.children if c.dep_ == "conj"], *parts]:
        kind = words.get(v.lemma_) if v.pos_ in ("VERB", "ADJ") else None
        if kind in ("killed", "wounded"):
            # "leaving three people killed and 11 others wounded": the noun the participle
            # follows, and the subject of one joined to "leaving"
            bare = v.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
            leaving = v.head.lemma_ == "leave" or any(c.lemma_ == "leave" for c in v.head.children)
            left = v.dep_ == "conj" and (bare or leaving)  # "... and ten others wounded"
            counted = [v.head] if v.dep_ == "acl" and v.head.pos_ == "NOUN" else []
            for c in [*v.children, *counted]:
                if (
                    c.dep_ in ("nsubjpass", "dobj")
                    or (c.dep_ == "nsubj" and (v.lemma_ == "die" or left))
                    or c in counted
                ):
                    n = number_in(c) or lone_victim(ctx, c)
                    if n and kind not in out:
                        out[kind] = n
        for c in v.children:  # "left 22 dead", "one dead and six wounded"
            for t in c.subtree:
                k = words.get(t.lower_) if t.lower_ in ("dead", "wounded", "injured") else None
                if k is None:
                    continue
                # "left 12 soldiers dead", "left 90 people dead": the count is the object's
                objs = [o for o in t.head.children if o.dep_ == "dobj"] if t.dep_ == "oprd" else []
                objs += [t.head] if t.dep_ == "amod" and t.head.pos_ == "NOUN" else []
                for g in [*t.children, t.head, *objs]:
                    n = number_value(g) if g.like_num else number_in(g) if g in objs else None
                    if n and k not in out:
                        out[k] = n
    n = _risen_toll(ctx, verb)
    if n and "killed" not in out:
        out["killed"] = n
    return out


def toll_noun(ctx: ArticleContext, verb: Token) -> Token | None:
    """The death toll a verb of rising reports ("the death toll rose to 35", "raising the
    toll to 37": ``toll_verbs``, ``toll_raise_verbs``)."""
    if verb.lemma_ in ctx.lexicon("casualties", "toll_raise_verbs"):
        role = "dobj"
    elif verb.lemma_ in ctx.lexicon("casualties", "toll_verbs"):
        role = "nsubj"
    else:
        return None
    subj = [c for c in verb.children if c.dep_ == role and c.lemma_ == "toll"]
    return subj[0] if subj else None


def _risen_toll(ctx: ArticleContext, verb: Token) -> int | None:
    """The dead of "the death toll rose to 35", "the toll stands at 12", "reached 40"."""
    if toll_noun(ctx, verb) is None:
        return None
    counts = ctx.prep_objects(verb, {"to", "at"})
    counts += [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ != "toll"]
    return next((n for c in counts for n in [number_in(c)] if n), None)


def toll_by_place(ctx: ArticleContext, victims: list[Token]) -> list[tuple[str, int]]:
    """The dead counted place by place: "two people in A and one each in B and C" gives
    (A, 2), (B, 1), (C, 1); empty unless at least two places each get their own number."""
    out: list[tuple[str, int]] = []
    for v in victims:
        for group in [v, *[c for c in v.children if c.dep_ == "conj"]]:
            # a bare "one" is a count here ("one each in B and C"), not a pronoun
            n = number_value(group) if group.like_num else number_in(group)
            n = 1 if group.lower_ == "one" else n
            places = [
                p
                for o in ctx.prep_objects(group, {"in", "at"})
                for p in located_places(ctx, list(o.subtree))
            ]
            each = any(c.lower_ == "each" for c in group.children)
            if not n or not places or (len(places) > 1 and not each):
                return []  # a count shared by several places cannot be split
            out += [(p, n) for p in places]
    return out if len({p for p, _ in out}) > 1 else []
