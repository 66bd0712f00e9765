"""Hostility stated by an action against someone's operation, or by the aim of one.

- **purpose-foe**: "X launched an offensive in a bid to oust Y", "X stepped up operations in
  an effort to dislodge Y" (a verb of fighting after a purpose noun, ``opposed:
  purpose_nouns``, whose "in" phrase hangs on the doer's verb): X fights Y;
- **died-in-offensive**: "dozens of Y fighters were killed in an X counteroffensive", "12
  militants died in the army's offensive" (a verb of dying, ``opposed: death_verbs``, "in"
  an advance noun, ``hostility.advance_nouns``, whose owner names the doer): X fights Y;
- **at-the-hands**: "Y suffered heavy losses at the hands of X", "dozens of Y soldiers died
  at the hands of X" (a verb or noun of loss or dying, ``opposed: loss_words``,
  ``death_verbs``): X fights Y;
- **defended-against**: "X defended P against Y's assaults", "X held the town against Y" (a
  verb of ``opposed: defend_verbs`` whose "against" names an advance noun's owner, or an
  actor when the object is a place or a military thing): X fights Y.

Not negated, modal or a stated risk ("could launch an offensive in a bid to oust Y").

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2023, 6, 10)),
...     "Dozens of al-Shabaab fighters were killed in a Somali army counteroffensive.",
... )
>>> [(r.type, r.subject, r.object) for r in facts.relations]
[('fights', 'Somali National Army', 'al-Shabaab')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.backing import verb_objects
from kg.extract.gates import needs
from kg.extract.hostility import modifier_actors, owners_of_thing
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.model import RelationFact

__all__ = [
    "RULES",
    "advance_word",
    "at_the_hands",
    "defended_against",
    "died_in_offensive",
    "purpose_foe",
]


def advance_word(ctx: ArticleContext, tok: Token) -> Token | None:
    """The head word of an advance noun at ``tok`` (``hostility.advance_nouns``), also when
    the parser splits "counter-offensive" into three words and hangs the owner on "counter"
    (then ``tok`` itself, which carries the owner)."""
    nouns = ctx.rules["hostility"]["advance_nouns"]
    if tok.lower_ in nouns:
        return tok
    doc = ctx.doc
    if tok.lower_ == "counter" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        return tok if doc[tok.i + 2].lower_ in nouns else None
    return None


def _doers_of(ctx: ArticleContext, noun: Token) -> list[str]:
    """Whose purpose the purpose noun states: the subject of the first verb above it that is
    not a participle ("launched an offensive in the region backed by Z in a bid to ...")."""
    for a in noun.ancestors:
        if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("acl", "amod"):
            if ctx.negated(a) or ctx.unreal(a) or ctx.is_risk(a):
                return []
            return ctx.subject_actors(a)
    return []


@needs("opposed.purpose_nouns")
def purpose_foe(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X launched an offensive in a bid to oust Y" (see the module)."""
    purpose = ctx.rule_words("opposed", "purpose_nouns")
    verbs = frozenset(ctx.rules["fight_verbs"]) | frozenset(
        ctx.rules["events"]["capture"]["expel_verbs"]
    )
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or tok.dep_ != "acl":
            continue
        noun = tok.head
        if noun.lemma_.lower() not in purpose or noun.dep_ != "pobj" or ctx.negated(tok):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue
        foes = [
            a
            for o in verb_objects(ctx, tok)
            for a in ctx.res.actors_at(o) or owners_of_thing(ctx, o)
        ]
        for d in dict.fromkeys(_doers_of(ctx, noun)):
            for f in dict.fromkeys(foes):
                if not ctx.same_side(d, f):
                    yield ctx.relation(sent, "fights", d, f, "purpose-foe", tok)


@needs("opposed.death_verbs")
def died_in_offensive(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Dozens of Y fighters were killed in an X counteroffensive" (see the module)."""
    dying = ctx.rule_words("opposed", "death_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in dying or ctx.negated(tok) or ctx.unreal(tok):
            continue
        advances = [
            w for o in ctx.prep_objects(tok, {"in", "during"}) if (w := advance_word(ctx, o))
        ]
        if not advances:
            continue
        doers = [a for w in advances for a in modifier_actors(ctx, w)]
        doers += [
            a for w in advances for o in ctx.prep_objects(w, {"by"}) for a in ctx.res.actors_at(o)
        ]
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj += [o for c in subj for o in ctx.prep_objects(c, {"of"})]  # "dozens of Y fighters"
        victims = [a for c in subj for a in ctx.res.actors_at(c) or owners_of_thing(ctx, c)]
        for d in dict.fromkeys(doers):
            for v in dict.fromkeys(victims):
                if ctx.actor_class(v) != "Person" and not ctx.same_side(d, v):
                    yield ctx.relation(sent, "fights", d, v, "died-in-offensive", tok)


@needs("opposed.loss_words", "opposed.death_verbs", words=("hands",))
def at_the_hands(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Y suffered heavy losses at the hands of X" (see the module); the sufferers are the
    subject of the clause (or whom its "of" phrase counts: "dozens of Y soldiers"), armed
    actors only ("civilians died at the hands of X" is no fight)."""
    loss = ctx.rule_words("opposed", "loss_words") | ctx.rule_words("opposed", "death_verbs")
    for tok in ctx.tokens(sent):
        if tok.lower_ != "hands" or tok.dep_ != "pobj" or tok.head.lower_ != "at":
            continue
        on = tok.head.head  # the verb or noun "at the hands of" hangs on
        verb = on if on.pos_ in ("VERB", "AUX") else on.head
        if on.lemma_.lower() not in loss and on.lower_ not in loss:
            continue
        if verb.pos_ not in ("VERB", "AUX") or ctx.negated(verb) or ctx.unreal(verb):
            continue
        if ctx.is_risk(verb):
            continue
        doers = [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj += [o for c in subj for o in ctx.prep_objects(c, {"of"})]  # "dozens of Y soldiers"
        victims = [a for c in subj for a in ctx.res.actors_at(c) or owners_of_thing(ctx, c)]
        for d in dict.fromkeys(doers):
            for v in dict.fromkeys(victims):
                if ctx.actor_class(v) in ARMED_CLASSES and not ctx.same_side(d, v):
                    yield ctx.relation(sent, "fights", d, v, "at-the-hands", tok)


@needs("opposed.defend_verbs", words=("against",))
def defended_against(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X defended P against Y's assaults" (see the module); not "X defended the deal
    against Y" (no place or military thing defended), nor negated or modal."""
    verbs = ctx.rule_words("opposed", "defend_verbs")
    things = ctx.rule_words("hostility", "member_things")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or ctx.negated(tok) or ctx.unreal(tok):
            continue
        if ctx.is_risk(tok):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        held = any(ctx.res.place_at(o) or o.lower_ in things for o in objs)
        foes: list[str] = []
        for o in ctx.prep_objects(tok, {"against"}):
            w = advance_word(ctx, o)
            if w is not None:  # "against Russian assaults", "against an attack by Y"
                foes += modifier_actors(ctx, w)
                foes += [a for b in ctx.prep_objects(w, {"by"}) for a in ctx.res.actors_at(b)]
            elif held:  # "held the town against Y"
                foes += ctx.res.actors_at(o)
        for d in dict.fromkeys(ctx.subject_actors(tok)):
            for f in dict.fromkeys(foes):
                if not ctx.same_side(d, f):
                    yield ctx.relation(sent, "fights", d, f, "defended-against", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    purpose_foe,
    died_in_offensive,
    at_the_hands,
    defended_against,
)
