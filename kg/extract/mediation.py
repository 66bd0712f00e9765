"""Mediation: who brokers a truce or talks between others.

A mediator is no party to the truce (:func:`kg.extract.combat._truce_or_talks` leaves it
out); its part is a negotiation of its own. The words are the ``mediation`` entry of the
``events`` section of ``rules.yaml``:

- **mediated**: "a ceasefire between X and Y, mediated by Qatar and Egypt", "the
  UN-brokered truce", "Qatar brokered a deal", "the truce was brokered by X and Y", "envoys
  of the UN tried to broker a ceasefire" (Negotiation, the mediators its agents).

A mediation that is only hoped for or refused ("could broker", "did not mediate") is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.events import Found, located_places, make_event, subject_token
from kg.extract.gates import needs
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _mediators(ctx: ArticleContext, deal: Token) -> list[str]:
    """Who brokers ``deal``: "mediated by X", "X-brokered", "X brokered / tried to broker"."""
    verbs = ctx.lexicon("mediation", "verbs")
    doc = ctx.doc
    out: list[str] = []
    for c in deal.children:
        if c.dep_ in ("acl", "amod", "relcl") and c.lemma_ in verbs and not ctx.negated(c):
            out += ctx.passive_agents(c)
            if c.i >= 2 and doc[c.i - 1].text == "-":  # "the UN-brokered truce"
                out += ctx.word_actors(doc[c.i - 2])
    verb = deal.head
    brokered = deal.dep_ in ("dobj", "nsubjpass") and verb.lemma_ in verbs and verb.pos_ == "VERB"
    if brokered and not (ctx.negated(verb) or ctx.unreal(verb)):
        if deal.dep_ == "nsubjpass":  # "the truce was brokered by X and Y"
            out += ctx.passive_agents(verb)
        else:  # "X brokered a truce"
            out += ctx.subject_actors(verb) + _envoys_of(ctx, verb)
    return [a for a in dict.fromkeys(out) if ctx.actor_class(a) != "Person"]


def _envoys_of(ctx: ArticleContext, verb: Token) -> list[str]:
    """Whose envoys broker: "US envoys sought to broker a truce", "the UN and British envoys
    tried to broker a truce" (the parser's subject "the UN" with "envoys" its conjunct): the
    actors qualifying a subject, or a conjunct of it, that names none itself."""
    subj = subject_token(verb)
    if subj is None:
        return []
    roles = mention_words("role_nouns") | {"envoy", "mediator"}
    nouns = [n for n in (subj, *subj.conjuncts) if n.lemma_.lower() in roles]
    whose = [c for n in nouns for c in n.children if c.dep_ in ("nmod", "compound", "amod", "poss")]
    whose += [d for c in whose for d in c.conjuncts]  # "Ethiopian and Kenyan envoys"
    out = [a for c in whose for a in ctx.res.actors_at(c) or ctx.word_actors(c)]
    # "envoys from the UN and the AU"
    return out + [
        a for n in nouns for o in ctx.prep_objects(n, {"from", "of"}) for a in ctx.res.actors_at(o)
    ]


@needs("events.mediation.deals")
def mediated(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """Negotiation by whoever brokers a truce, a deal or talks."""
    nouns = ctx.lexicon("mediation", "deals")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or not {tok.lemma_, tok.lower_} & nouns or ctx.is_risk(tok):
            continue
        mediators = _mediators(ctx, tok)
        if not mediators:
            continue
        # "a truce in Yemen" (not "between Israel and Y"); "brokered a truce in Gaza" with the
        # parser's "in Gaza" on the verb
        heads = [*tok.subtree, *(tok.head.children if tok.dep_ == "dobj" else ())]
        where = [
            o
            for p in heads
            if p.dep_ == "prep" and p.lower_ in mention_words("locative_preps")
            for o in p.children
            if o.dep_ == "pobj"
        ]
        places = located_places(ctx, where)
        f = make_event(
            ctx,
            sent,
            "Negotiation",
            "mediated",
            tok,
            agents=mediators,
            # no place stated: the country the article is about
            place=places[0] if places else ctx.res.main_country(),
        )
        yield Found(f, tok.i, explicit_target=False)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (mediated,)
