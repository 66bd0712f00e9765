"""How a sentence names a truce: the words of a ceasefire and who keeps it.

Helpers of the truce and talks rule (:func:`kg.extract.combat.simple_events`):

- :func:`truce_word`: a truce noun, also spelt with a hyphen the tokenizer splits
  ("cease-fire" is the tokens "cease", "-", "fire");
- :func:`truce_phrase`: the noun whose phrase states the truce: a deal a truce noun names
  ("the truce agreement between X and Y was signed": the agreement's "between" and verb);
- :func:`unilateral_parties`: who announces a unilateral truce keeps it ("X announced a
  unilateral ceasefire": X), though an announcer of any other truce is no party.

The words are the ``events.ceasefire`` lists of ``rules.yaml`` (``nouns``, ``deal_nouns``,
``unilateral_words``, ``announce_verbs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.placing import containers

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = [
    "demanded",
    "envoys_of",
    "talkers",
    "theatre",
    "truce_area",
    "truce_phrase",
    "truce_word",
    "unilateral_parties",
]


def truce_word(ctx: ArticleContext, tok: Token) -> bool:
    """Whether ``tok`` is a truce noun: a word of ``ceasefire.nouns``, or the last token of
    one the tokenizer split at its hyphen ("cease-fire": "fire" after "cease" and "-").

    Examples
    --------
    In "the cease-fire collapsed" the token "fire" is a truce noun; in "the fire spread" it
    is not; in "X and Y signed a peace deal" "deal" is (``ceasefire.peace_words``).
    """
    nouns = ctx.lexicon("ceasefire", "nouns")
    if tok.lemma_ in nouns or tok.lower_ in nouns:
        return True
    deals = ctx.lexicon("ceasefire", "deal_nouns")
    if {tok.lemma_, tok.lower_} & deals and any(
        c.dep_ in ("compound", "amod") and c.lower_ in ctx.lexicon("ceasefire", "peace_words")
        for c in tok.children
    ):
        return True  # "a peace deal", "the peace agreement": the fighting ends by it
    if tok.i < 2 or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    doc = tok.doc
    hyphen, first = doc[tok.i - 1], doc[tok.i - 2]
    joined = f"{first.lower_}-{tok.lower_}"
    return hyphen.text == "-" and not hyphen.whitespace_ and joined in nouns


def truce_phrase(ctx: ArticleContext, tok: Token) -> Token:
    """The noun whose phrase states the truce at ``tok``: the deal it names when it
    qualifies one right after it ("a ceasefire accord", "the truce agreement": accord,
    agreement; the parser may take "deal" for a verb), else ``tok`` itself.

    Examples
    --------
    In "the truce agreement between X and Y was signed" the phrase is "agreement": its
    "between" names the parties and "signed" is their verb.
    """
    head = tok.head
    deals = ctx.lexicon("ceasefire", "deal_nouns")
    if head.i == tok.i + 1 and (head.lower_ in deals or head.lemma_ in deals):
        return head
    return tok


def unilateral_parties(ctx: ArticleContext, tok: Token, gov: Token) -> list[str]:
    """Who keeps a unilateral truce: the subject of the verb announcing it ("X announced a
    unilateral ceasefire"), unless that verb is negated or only possible ("X may announce
    ..."); none for a truce not called unilateral.

    Examples
    --------
    "The government announced a unilateral truce": the government; "The government
    announced a truce between X and Y": none (the announcer is no party).
    """
    words = ctx.lexicon("ceasefire", "unilateral_words")
    if not any(c.dep_ == "amod" and c.lower_ in words for c in tok.children):
        return []
    if tok.dep_ != "dobj" or gov.i != tok.head.i:
        return []
    if gov.lemma_ not in ctx.lexicon("ceasefire", "announce_verbs"):
        return []
    if ctx.negated(gov) or ctx.unreal(gov):
        return []
    return ctx.subject_actors(gov)


def theatre(ctx: ArticleContext) -> str | None:
    """Where a truce the sentence places nowhere holds: the province or region the article
    names most (at least twice: "Tigray", "Idlib"), else the country it is about.

    Examples
    --------
    In an article on the war in Tigray that names Tigray five times and Ethiopia twice,
    "the government announced a unilateral ceasefire" holds in Tigray.
    """
    res = ctx.res
    counts: dict[str, int] = {}
    for m in res.mentions:
        if m.kind == "place" and res.place_class(m.key) in ("Province", "Region"):
            counts[m.key] = counts.get(m.key, 0) + 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
    return best[0][0] if best and best[0][1] >= 2 else res.main_country()


def truce_area(ctx: ArticleContext, place: str) -> str:
    """The area a truce named at a town holds in: the town's province or region when the
    article names it, else its country ("X fought into P despite the ceasefire"); any
    other place is itself.

    Examples
    --------
    "After the fall of Mekelle the government announced a ceasefire", in an article that
    names Tigray: Tigray; with no province named, Ethiopia.
    """
    res = ctx.res
    if res.place_class(place) not in ("Settlement", "Facility"):
        return place
    named = {m.key for m in res.mentions if m.kind == "place"}
    for outer in containers(ctx, place):
        if outer in named and res.place_class(outer) in ("Province", "Region"):
            return outer
    return res.country_of_place(place) or place


def envoys_of(ctx: ArticleContext, tok: Token) -> list[str]:
    """The actors whose envoys the noun phrase at ``tok`` names, with its conjuncts ("a
    Hamas delegation", "Ukrainian and Russian delegations", "negotiators from Israel and
    Hamas", "the army's envoys"): ``events.negotiation.envoy_nouns``."""
    envoys = ctx.lexicon("negotiation", "envoy_nouns")
    out: list[str] = []
    for noun in [tok, *[c for c in tok.subtree if c.dep_ == "conj" and c.head.i == tok.i]]:
        if noun.lemma_.lower() not in envoys and noun.lower_ not in envoys:
            continue
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        mods += [c for m in mods for c in m.children if c.dep_ == "conj"]  # "A and B envoys"
        if tok.dep_ == "conj" or noun is not tok:
            mods += [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        out += [a for m in mods for a in ctx.word_actors(m)]
        out += [a for o in ctx.prep_objects(noun, {"from", "of"}) for a in ctx.res.actors_at(o)]
    return list(dict.fromkeys(out))


def talkers(ctx: ArticleContext, noun: Token, gov: Token) -> list[str]:
    """Who takes part in the talks at ``noun`` by the clause ``gov`` they are the aim or
    object of: who comes "for talks" ("an M23 delegation arrived in P for talks": M23; "X
    sent a delegation to P for talks": X), whose envoys hold them ("Ukrainian and Russian
    delegations held talks": Ukraine, Russia), the envoys a headline with no verb names
    ("M23 envoys in Doha for talks").

    Examples
    --------
    "A Hamas delegation arrived in Cairo for ceasefire talks": Hamas.
    """
    for_talks = noun.dep_ == "pobj" and noun.head.lower_ == "for"
    if for_talks and gov.pos_ == "NOUN" and gov.dep_ == "ROOT":  # a headline's "X delegation
        return ctx.res.actors_at(gov) or envoys_of(ctx, gov)  # in P for talks"
    verbs = ctx.lexicon("negotiation", "come_verbs" if for_talks else "hold_verbs")
    verb = gov if for_talks or noun.dep_ == "dobj" else None
    if verb is None or verb.lemma_ not in verbs or ctx.negated(verb) or ctx.unreal(verb):
        return []  # not "X called / pressed for talks": a demand
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    out = [a for s in subjects for a in ctx.res.actors_at(s) or envoys_of(ctx, s)]
    if noun.dep_ == "pobj":  # "X sent a delegation to P for talks": X's envoys
        out += [a for o in verb.children if o.dep_ == "dobj" for a in envoys_of(ctx, o)]
    return [a for a in dict.fromkeys(out) if ctx.actor_class(a) != "Person"]


def demanded(ctx: ArticleContext, noun: Token, gov: Token) -> bool:
    """Whether the truce or talks at ``noun`` are only asked for: "X called / pressed for
    talks with Y", "urged a truce" (``events.ceasefire.demand_verbs``): none is stated."""
    if noun.dep_ not in ("pobj", "dobj") or gov.pos_ != "VERB":
        return False
    by_for = noun.dep_ == "dobj" or noun.head.lower_ == "for"
    return by_for and gov.lemma_ in ctx.lexicon("ceasefire", "demand_verbs")


def talked_of(ctx: ArticleContext, noun: Token, gov: Token) -> str | None:
    """What a truce noun that is only talked of states: "negotiation" when it is the object of a
    verb of talking (``ceasefire.talk_verbs``: "X and Y are negotiating a truce", "discussed a
    ceasefire": talks, no truce yet), "talks" when it is what talks are about ("talks on a
    truce": the talks noun is the event), else None.

    Examples
    --------
    "Israel and Hamas are negotiating a truce in Cairo" is a Negotiation in Cairo, not a
    Ceasefire; "talks on a ceasefire" give the talks alone.
    """
    if gov.pos_ == "VERB" and gov.lemma_ in ctx.lexicon("ceasefire", "talk_verbs"):
        return "negotiation" if noun.dep_ in ("dobj", "pobj") else None
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ctx.lexicon("ceasefire", "topic_preps"):
        talks = ctx.lexicon("negotiation", "nouns")
        if prep.head.lemma_ in talks or prep.head.lower_ in talks:
            return "talks"
    return None
