"""Combat and its aftermath: airstrikes, attacks, battles, casualties, abuse, displacement,
withdrawals, ceasefires and talks.

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events, like the
rules of :mod:`kg.extract.events` (captures, offensives, sieges); both tables are run by
:mod:`kg.extract.rulebook`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.events import Found, figures_in, make_event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def airstrikes(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X carried out / ran airstrikes against Y (in P)"; "supported by Russian bombers"."""
    nouns = ctx.lexicon("airstrike", "nouns")
    verbs = ctx.lexicon("airstrike", "verbs")
    for tok in ctx.tokens(sent):
        low = tok.lower_
        two = f"{tok.lower_} {tok.nbor(1).lower_}" if tok.i + 1 < len(ctx.doc) else low
        if tok.pos_ == "NOUN" and (low in nouns or two in nouns or tok.lemma_ in nouns):
            if low in ("strike", "strikes", "raid", "raids") and not any(
                c.lower_ in ("air", "aerial") for c in tok.children
            ):
                continue
            gov = tok.head
            for _ in range(3):  # "carried out dozens of airstrikes"
                if gov.pos_ == "VERB" or gov.head is gov:
                    break
                gov = gov.head
            agents: list[str] = []
            if gov.pos_ == "VERB" and (gov.lemma_ in verbs or gov.lemma_ in ("carry", "do")):
                agents = ctx.subject_actors(gov)
            agents += [a for o in ctx.prep_objects(tok, {"by"}) for a in ctx.res.actors_at(o)]
            if not agents:
                continue
            targets = [
                a
                for o in ctx.prep_objects(tok, {"against", "on", "targeting"})
                for a in ctx.res.actors_at(o)
            ]
            sub = list(tok.subtree)
            places = ctx.res.places_in(sub)
            if not places:
                places = [
                    p for p in ctx.res.places_in(list(sent)) if ctx.res.place_class(p) != "Country"
                ][:1]
            figures = figures_in(ctx, sub, None)
            f = make_event(
                ctx,
                sent,
                "Airstrike",
                "airstrike",
                tok,
                agents=agents,
                targets=[t for t in targets if t not in agents],
                place=places[0] if places else None,
                figures=figures,
            )
            yield Found(f, tok.i, explicit_target=bool(targets))
    for m in ctx.res.mentions:
        if m.air and sent.start <= m.start < sent.end:
            tok = ctx.doc[m.end - 1]
            role = tok.dep_
            if role not in ("pobj", "nsubj", "conj", "appos"):
                continue
            if role == "nsubj" and tok.head.pos_ == "VERB":
                # "Israeli jets struck targets near Damascus": where the verb says
                verb = tok.head
                places = ctx.res.places_in(
                    [t for t in verb.subtree if t.i not in range(m.start, m.end)]
                )
                if places and not ctx.negated(verb):
                    f = make_event(
                        ctx, sent, "Airstrike", "airstrike", verb, agents=[m.key], place=places[0]
                    )
                    yield Found(f, verb.i, explicit_target=False)
                    continue
            place = _most_mentioned_place(ctx)
            f = make_event(ctx, sent, "Airstrike", "air-support", tok, agents=[m.key], place=place)
            f.date = None if not ctx.dates(sent) else f.date
            yield Found(f, tok.i, explicit_target=False)


def _most_mentioned_place(ctx: ArticleContext) -> str | None:
    counts: dict[str, int] = {}
    for m in ctx.res.mentions:
        if m.kind == "place" and ctx.res.place_class(m.key) == "Settlement":
            counts[m.key] = counts.get(m.key, 0) + 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _sentence_place(ctx: ArticleContext, sent: Span, scope: list[Token]) -> str | None:
    places = ctx.res.places_in(scope)
    if places:
        return places[0]
    countries = [ctx.res.country_of_place(p) for p in ctx.res.places_in(list(sent))]
    countries = [c for c in countries if c]
    if countries:
        return countries[0]
    return ctx.res.main_country()


def abuse(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """Violence against civilians: hostages, sex slaves, massacres, murdering civilians."""
    phrases = ctx.rules["events"]["abuse"]["phrases"]
    words = [t.lower_ for t in sent]
    text = " ".join(words)
    hits = [p for p in phrases if f" {p} " in f" {text} "]
    if not hits:
        return
    first = min(text.find(p) for p in hits)
    pos = len(text[:first].split())
    trigger = sent[min(pos, len(sent) - 1)]
    agents: list[str] = []
    for m in reversed(ctx.res.mentions):
        if sent.start <= m.start < trigger.i and m.kind == "actor":
            cls = ctx.res.reg.entities.get(m.key)
            e = ctx.res.entry(m.key, "actor")
            c = e.cls if e else cls.cls if cls else ""
            if c in ("TerroristOrganization", "ArmedGroup", "Militia", "ArmedForces"):
                agents = [m.key]
                break
    if not agents:
        return
    clause = trigger
    while clause.pos_ != "VERB" and clause.head is not clause:
        clause = clause.head
    place = _sentence_place(ctx, sent, list(clause.subtree))
    if place and ctx.res.place_class(place) not in ("Country",):
        place = ctx.res.country_of_place(place) or place
    if place:
        ctx.res.ensure_place(place, "Country", "gazetteer")
    f = make_event(
        ctx, sent, "ViolenceAgainstCivilians", "abuse", trigger, agents=agents, place=place
    )
    if not ctx.dates(sent):
        f.date = None
    yield Found(f, trigger.i, explicit_target=False)


def displacement(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "N civilians have been forced to flee", "N people were displaced" (a figure is needed)."""
    verbs = ctx.lexicon("displacement", "verbs")
    trig = [t for t in sent if t.lemma_ in verbs or t.lower_ in ("displaced", "uprooted")]
    if not trig:
        return
    figs = figures_in(ctx, list(sent), "displaced")
    n = figs.get("displaced")
    if n is None:
        return
    place = _sentence_place(ctx, sent, list(sent))
    f = make_event(
        ctx, sent, "Displacement", "displacement", trig[0], place=place, figures={"displaced": n}
    )
    yield Found(f, trig[0].i, explicit_target=False)


def simple_events(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """Withdrawals, ceasefires, talks, shelling."""
    ev = ctx.rules["events"]
    for tok in ctx.tokens(sent):
        lemma = tok.lemma_
        if tok.pos_ == "VERB" and lemma in ev["withdrawal"]["verbs"] and not ctx.negated(tok):
            agents = ctx.subject_actors(tok)
            places = [
                p
                for o in ctx.prep_objects(tok, {"from", "out", "of"})
                for p in [ctx.res.place_at(o)]
                if p
            ]
            if agents and places:
                yield Found(
                    make_event(
                        ctx, sent, "Withdrawal", "withdrawal", tok, agents=agents, place=places[0]
                    ),
                    tok.i,
                    explicit_target=False,
                )
        elif tok.pos_ == "NOUN" and (
            lemma in ev["ceasefire"]["nouns"] or lemma in ev["negotiation"]["nouns"]
        ):
            kind = "Ceasefire" if lemma in ev["ceasefire"]["nouns"] else "Negotiation"
            parties = [
                a for o in ctx.prep_objects(tok, {"between", "with"}) for a in ctx.res.actors_at(o)
            ]
            gov = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else tok.head
            if tok.dep_ in ("dobj", "pobj") and gov.pos_ == "VERB":
                parties = ctx.subject_actors(gov) + parties
            parties = list(dict.fromkeys(parties))
            if len(parties) >= 1 and not ctx.negated(tok):
                place = _sentence_place(ctx, sent, list(tok.subtree))
                yield Found(
                    make_event(ctx, sent, kind, kind.lower(), tok, agents=parties, place=place),
                    tok.i,
                    explicit_target=False,
                )
        elif tok.pos_ == "VERB" and lemma in ev["bombardment"]["verbs"]:
            passive = any(c.dep_ == "nsubjpass" for c in tok.children)
            agents = ctx.passive_agents(tok) if passive else ctx.subject_actors(tok)
            objs = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
            place = ctx.res.place_at(objs[0]) if objs else None
            if agents and place and not ctx.negated(tok):
                yield Found(
                    make_event(
                        ctx, sent, "Bombardment", "bombardment", tok, agents=agents, place=place
                    ),
                    tok.i,
                    explicit_target=False,
                )


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (
    airstrikes,
    abuse,
    displacement,
    simple_events,
)
