"""Sieges and their lifting: "a siege by X of P that had trapped N since D", "X besieged P
until Z arrived", "Z broke the siege".

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events; the words
are the ``siege`` entry of ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.eventrefs import SIEGE_BACK, definite
from kg.extract.events import Found, figures_in, forces_of, make_event
from kg.extract.gates import needs
from kg.extract.phrase import owner_modifiers

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _siege_place(ctx: ArticleContext, related: set[int]) -> str | None:
    """The place of "of / in / on / around P" among the siege phrase's tokens ("to P" of
    "laid siege to P")."""
    place = None
    for i in sorted(related):
        o = ctx.doc[i]
        if o.dep_ != "prep" or o.lower_ not in ("of", "in", "on", "around", "to"):
            continue
        for p in o.children:
            inner = (
                q
                for g in p.children
                if g.dep_ == "prep"
                for h in g.children
                for q in [ctx.res.place_at(h)]
                if q
            )
            place = place or ctx.res.place_at(p) or ctx.res.unknown_place(p) or next(inner, None)
    return place


def _siege_phrase(ctx: ArticleContext, tok: Token, gov: Token | None) -> tuple[list[str], set[int]]:
    """The besiegers ("by X", also on the lifting verb) and the tokens of the siege phrase."""
    lifting = gov is not None
    by = [c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"]
    if gov is not None:
        by += [c for c in gov.children if c.dep_ == "prep" and c.lower_ == "by"]
    besiegers = [
        a for b in by for p in b.children if p.dep_ == "pobj" for a in ctx.res.actors_at(p)
    ]
    # "the Russian siege of P", "Israel's blockade of P", "an army siege": who besieges
    besiegers += [a for c in owner_modifiers(tok) for a in ctx.word_actors(c) if a not in besiegers]
    if tok.head.lower_ == "under":  # "P was under siege by / from X"
        besiegers += [a for o in ctx.prep_objects(tok, {"from"}) for a in ctx.res.actors_at(o)]
        clause = tok.head.head  # "P has been under siege by X": the parser hangs "by" on "been"
        if clause.pos_ in ("VERB", "AUX") and not besiegers:
            by += [c for c in clause.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"]
            besiegers += [
                a for b in by for p in b.children if p.dep_ == "pobj" for a in ctx.res.actors_at(p)
            ]
    laid = [c for c in tok.children if c.dep_ == "amod" and c.lemma_ in ("lay", "laid")]
    for c in laid:  # "X laid siege to P", misread as "(X laid) siege": X's the doer
        doers = [g for g in c.children if g.dep_ in ("nsubj", "npadvmod", "compound")]
        doers += [g for g in tok.children if g.dep_ == "compound" and g.i < c.i]
        besiegers += [a for g in doers for a in ctx.res.actors_at(g) if a not in besiegers]
    if tok.dep_ == "dobj" and tok.head.lemma_ in ctx.lexicon("siege", "impose_verbs"):
        # "X has imposed a blockade on the town of P": X besieges, the verb's phrase says where
        # ("X laid siege to P in March": "to" and "in" too)
        imposer = tok.head
        besiegers += [a for a in ctx.subject_actors(imposer) if a not in besiegers]
        preps = ("on", "around", "since", "to", "in")
        by += [c for c in imposer.children if c.dep_ == "prep" and c.lower_ in preps]
        # "laid siege to P last week": a bare time phrase of the verb dates it too
        by += [c for c in imposer.children if c.dep_ == "npadvmod"]
    related = {t.i for t in tok.subtree} | {t.i for b in by for t in b.subtree}
    if tok.head.lower_ == "under" and tok.head.head.pos_ in ("VERB", "AUX"):
        # "P has been under siege", "troops in P were still under siege": the clause's place
        verb = tok.head.head
        related |= {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
        # "... under siege by X since June 2023": when it began
        related |= {t.i for c in verb.children if c.lower_ == "since" for t in c.subtree}
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in ("trap", "cut", "last"):
        related |= {t.i for t in tok.head.subtree}  # "a siege by X had trapped N"
    if lifting and gov is not None:
        related |= {
            t.i
            for c in gov.children
            if c.dep_ == "prep"
            and c.lower_ in ("of", "in", "on", "around")
            and any(ctx.res.place_at(x) for x in c.subtree)
            for t in c.subtree
        }
    return besiegers, related


def _under_siege_subject(ctx: ArticleContext, tok: Token) -> str | None:
    """The place that is under siege: "P has been under siege by X since D"."""
    if tok.head.lower_ != "under" or tok.head.head.pos_ not in ("VERB", "AUX"):
        return None
    subj = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
    return ctx.res.place_at(subj[0]) if subj else None


def _siege_noun(ctx: ArticleContext, sent: Span, tok: Token) -> Iterator[Found]:
    """ "a siege by X (of / in P) that had trapped N since D", "Z broke / lifted the siege"."""
    lift = ctx.lexicon("siege", "lift_verbs")
    gov = tok.head if tok.dep_ == "dobj" and tok.head.lemma_ in lift else None
    besiegers, related = _siege_phrase(ctx, tok, gov)
    place = _siege_place(ctx, related) or _under_siege_subject(ctx, tok)
    if place is None and not besiegers and definite(tok):
        # "appeals to halt the months-long siege": the siege of the offensive told just before
        f = make_event(ctx, sent, "Siege", "siege-noun", tok, within=related)
        if not any(d for d in ctx.dates(sent) if set(d.tokens) & related):
            f.date = None  # the offensive's, unless the siege's own words date it
        yield Found(f, tok.i, explicit_target=False, tags={SIEGE_BACK})
        return
    if place is None:
        return
    if besiegers:
        figures = figures_in(ctx, [ctx.doc[i] for i in sorted(related)], "trapped")
        f = make_event(
            ctx,
            sent,
            "Siege",
            "siege-noun",
            tok,
            agents=besiegers,
            place=place,
            prefer="since",
            within=related,
            figures=figures,
        )
        if not any(d for d in ctx.dates(sent) if set(d.tokens) & related):
            f.date = None
        yield Found(f, tok.i, explicit_target=False)
    lifters = forces_of(ctx, ctx.subject_actors(gov), gov) if gov is not None else []
    if gov is not None and lifters:
        within = {t.i for t in gov.subtree} - related
        f = make_event(
            ctx,
            sent,
            "SiegeLifted",
            "siege-lifted",
            gov,
            agents=lifters,
            targets=besiegers,
            place=place,
            within=within,
        )
        yield Found(f, gov.i, explicit_target=bool(besiegers))


def _besieged_place(ctx: ArticleContext, tok: Token) -> str | None:
    """The place a passive siege verb besieges: its subject ("P has been encircled by X"), the
    noun it describes ("P, which X had encircled", "the city of P, besieged by X"), or where
    those besieged are ("troops besieged by X in P")."""
    subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
    nouns = [tok.head] if tok.dep_ in ("acl", "relcl") else []
    if subj and subj[0].lower_ in ("which", "that") and tok.dep_ == "relcl":
        subj = []
    for n in subj + nouns:
        p = ctx.res.place_at(n)
        if p:
            return p
    ins = ctx.prep_objects(tok, {"in", "inside"})
    ins += [o for n in subj + nouns for o in ctx.prep_objects(n, {"in", "inside"})]
    return next((p for o in ins for p in [ctx.res.place_at(o)] if p), None)


def _siege_verb(ctx: ArticleContext, sent: Span, tok: Token) -> Iterator[Found]:
    """ "X besieged P ... until D when Z arrived", "P has been encircled by X", "troops
    besieged by X in P"."""
    relief = ctx.lexicon("siege", "relief_verbs")
    if ctx.unreal(tok):
        return
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    trapped: list[str] = []
    if any(c.dep_ in ("agent", "nsubjpass", "auxpass") for c in tok.children) or (
        tok.dep_ == "acl" and not objs
    ):
        besiegers = ctx.passive_agents(tok)
        place = _besieged_place(ctx, tok)
    else:
        besiegers = ctx.subject_actors(tok)
        place = ctx.res.place_at(objs[0]) if objs else None
        if objs and place is None:  # "X have encircled Y units in P": where those besieged are
            ins = ctx.prep_objects(objs[0], {"in", "inside"}) + ctx.prep_objects(
                tok, {"in", "inside"}
            )
            place = next((p for o in ins if (p := ctx.res.place_at(o))), None)
            trapped = [a for a in ctx.res.actors_at(objs[0]) if a not in besiegers]
    if not besiegers or place is None or ctx.res.place_class(place) == "Country":
        return  # "rebels who have surrounded Yemen['s second city]": no country is besieged
    until = [c for c in tok.subtree if c.lower_ in ("until", "till")]
    until_toks = {t.i for u in until for t in u.subtree}
    main = {t.i for t in tok.subtree} - until_toks
    f = make_event(
        ctx,
        sent,
        "Siege",
        "siege-verb",
        tok,
        agents=besiegers,
        targets=trapped,
        place=place,
        within=main,
    )
    if not any(set(d.tokens) & main for d in ctx.dates(sent)):
        f.date = None
    yield Found(f, tok.i, explicit_target=bool(trapped))
    for u in until:
        for v in u.subtree:
            if v.pos_ != "VERB" or v.lemma_ not in relief:
                continue
            lifters = forces_of(ctx, ctx.subject_actors(v), v)
            if lifters:
                g = make_event(
                    ctx,
                    sent,
                    "SiegeLifted",
                    "siege-relief",
                    u,
                    agents=lifters,
                    targets=besiegers,
                    place=place,
                    within=until_toks,
                )
                yield Found(g, v.i)


@needs("events.siege.nouns", "events.siege.verbs")
def sieges(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "a siege by X (of / in P) that had trapped N since D", "X besieged P ... until D when Z
    arrived", "Z broke / lifted the siege"."""
    nouns = ctx.lexicon("siege", "nouns")
    verbs = ctx.lexicon("siege", "verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ == "NOUN" and tok.lemma_ in nouns:
            yield from _siege_noun(ctx, sent, tok)
        elif tok.pos_ == "VERB" and tok.lemma_ in verbs and not ctx.negated(tok):
            yield from _siege_verb(ctx, sent, tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (sieges,)
