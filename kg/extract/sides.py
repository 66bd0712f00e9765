"""Sides of a fight said in ways the verb rules of :mod:`kg.extract.hostility` and
:mod:`kg.extract.relations` do not read: a strike noun as the subject, whose owner is the
side that strikes ("US airstrikes targeted the Taliban in P": the United States fights the
Taliban).

"Two US soldiers died in a night raid against the Islamic State": those who fell in
their own side's raid fight its target (fell-in-raid).

"Al-Shabaab was behind the attack on the Kenyan base": the one behind an attack fights its
target (behind-attack).

"P, where the Taliban are in control": the Taliban hold P.

Each rule reads one sentence and yields relations, like those of
:mod:`kg.extract.hostility`; the words are the ``hostility`` entry of ``rules.yaml`` and its
``in_control_*`` lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.gates import needs
from kg.extract.hostility import owners_of_thing
from kg.extract.phrase import owner_modifiers
from kg.model import ARMED_CLASSES, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _strikers(ctx: ArticleContext, noun: Token) -> list[str]:
    """Whose strike a noun names: "US airstrikes", "Russia's shelling", "strikes by X", "the
    US-led strikes" (its possessive, a name or demonym before it, or "by")."""
    out: list[str] = []
    for c in owner_modifiers(noun):
        if c.pos_ == "PRON":
            continue
        out += ctx.res.actors_at(c, conj=False) or ctx.word_actors(c)
        # "US-led strikes": the name the participle hangs
        out += [a for g in c.children if g.i < c.i for a in ctx.res.actors_at(g, conj=False)]
    out += [a for o in ctx.prep_objects(noun, {"by"}) for a in ctx.res.actors_at(o)]
    return list(dict.fromkeys(out))


def _fights(
    ctx: ArticleContext, sent: Span, sides: list[str], targets: list[str], method: str, tok: Token
) -> Iterator[RelationFact | None]:
    """fights between each of ``sides`` and each target on another side."""
    for a in sides:
        for t in targets:
            if a != t and not ctx.same_side(a, t):
                yield ctx.relation(sent, "fights", a, t, method, tok)


#: verbs that put a responsibility in doubt ("analysts doubt that X was behind the attack")
_DOUBTS = frozenset(("doubt", "question", "dispute", "deny", "reject"))

#: who may fall in its own raid: a state or an armed actor
_ARMED = frozenset(("State", *ARMED_CLASSES))


@needs("hostility.attack_nouns")
def strike_subject(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "US airstrikes targeted the Taliban in P", "Russian shelling hit Ukrainian positions",
    "strikes by the coalition pounded IS fighters": the owner of an attack noun that is the
    subject of a verb of fighting (``fight_verbs``, ``hostility.strike_subject_verbs``) fights
    the actor its object names, or whose people or posts it names. Not negated, not modal
    ("strikes could target Y"), not a passive ("strikes were targeted by Y")."""
    nouns = frozenset(ctx.rules["hostility"]["attack_nouns"])
    verbs = {*ctx.rules["fight_verbs"], *ctx.rules["hostility"]["strike_subject_verbs"]}
    for tok in ctx.tokens(sent):
        if tok.dep_ != "nsubj" or tok.lower_ not in nouns:
            continue
        verb = tok.head
        if verb.pos_ != "VERB" or verb.lemma_ not in verbs:
            continue
        if ctx.negated(verb) or ctx.unreal(verb) or ctx.is_risk(verb):
            continue
        strikers = _strikers(ctx, tok)
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        targets = [a for o in objs for a in ctx.res.actors_at(o) or owners_of_thing(ctx, o)]
        yield from _fights(ctx, sent, strikers, targets, "strike-subject", verb)


@needs("hostility.raid_nouns", "hostility.fallen_verbs")
def fell_in_raid(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Two US soldiers died in a night raid against the Islamic State", "four French
    soldiers died in an operation against jihadists": the armed actor whose people fell (the
    subject of ``hostility.fallen_verbs``) "in" / "during" a raid or operation
    (``hostility.raid_nouns``) fights the actor it was "against" or "on" (or whose people or
    posts). Not a raid with a doer of its own ("killed in a Taliban raid on Y": the raid's
    victims), not negated or modal."""
    nouns = ctx.rule_words("hostility", "raid_nouns")
    fallen = ctx.rule_words("hostility", "fallen_verbs")
    for tok in ctx.tokens(sent):
        prep = tok.head
        if tok.lower_ not in nouns or tok.dep_ != "pobj" or prep.lower_ not in ("in", "during"):
            continue
        verb = prep.head
        if verb.lemma_ not in fallen or ctx.negated(verb) or ctx.unreal(verb):
            continue
        if _strikers(ctx, tok) or any(c.pos_ == "PRON" for c in owner_modifiers(tok)):
            continue  # "a Taliban raid", "a raid by X", "their raid": whose, the noun says
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # an armed side's fallen, not "UN peacekeepers" read as the whole UN
        fell = [a for c in subj for a in ctx.res.actors_at(c) if ctx.actor_class(a) in _ARMED]
        objs = ctx.prep_objects(tok, {"against", "on"})
        targets = [a for o in objs for a in ctx.res.actors_at(o) or owners_of_thing(ctx, o)]
        yield from _fights(ctx, sent, fell, targets, "fell-in-raid", tok)


@needs("hostility.attack_nouns", "hostility.behind_nouns")
def behind_attack(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Al-Shabaab was behind the attack on the Kenyan base", "the ELN was behind the bombing
    of the police station": the subject of "be behind" an attack noun (``attack_nouns``,
    ``hostility.behind_nouns``) fights the actor its "on" / "against" / "of" phrase names, or
    whose people or posts. Not negated ("was not behind"), not modal ("may have been behind")."""
    nouns = ctx.rule_words("hostility", "attack_nouns") | ctx.rule_words(
        "hostility", "behind_nouns"
    )
    for tok in ctx.tokens(sent):
        prep = tok.head
        if tok.lower_ not in nouns or tok.dep_ != "pobj" or prep.lower_ != "behind":
            continue
        verb = prep.head
        if verb.lemma_ != "be" or ctx.negated(verb) or ctx.unreal(verb) or ctx.is_risk(verb):
            continue
        doubted = any(a.lemma_ in _DOUBTS for a in list(verb.ancestors)[:3])
        if doubted or ctx.denied(verb) or ctx.disowned(verb):  # "analysts doubt that X was ..."
            continue
        doers = [a for a in ctx.subject_actors(verb) if ctx.actor_class(a) != "Person"]
        objs = ctx.prep_objects(tok, {"on", "against", "of"})
        targets = [a for o in objs for a in ctx.res.actors_at(o) or owners_of_thing(ctx, o)]
        yield from _fights(ctx, sent, doers, targets, "behind-attack", tok)


@needs(words=("control",))
def in_control(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P, where the Taliban are largely in control", "X is in control of P", "X remains in
    full control in P": X controls P (the place the "where" clause hangs on, else the place
    after "of" or "in"). Not negated ("no longer in control"), not modal ("could be in
    control"), not "in control of the situation" (no place). The words are
    ``in_control_verbs`` and ``in_control_past_words`` in ``rules.yaml``."""
    verbs = ctx.lexicon_of("in_control_verbs")
    past = ctx.lexicon_of("in_control_past_words")
    for tok in ctx.tokens(sent):
        if tok.lower_ != "control" or tok.dep_ != "pobj" or tok.head.lower_ != "in":
            continue
        verb = tok.head.head
        if verb.lemma_ not in verbs or verb.pos_ not in ("AUX", "VERB"):
            continue
        if ctx.negated(verb) or ctx.unreal(verb) or any(c.lower_ in past for c in verb.subtree):
            continue
        holders = ctx.subject_actors(verb)
        where = verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children)
        place = ctx.res.place_at(verb.head) if where else None
        for o in [*ctx.prep_objects(tok, {"of", "in"}), *ctx.prep_objects(verb, {"in"})]:
            place = place or ctx.res.place_at(o)
        for h in holders if place else []:
            yield ctx.relation(sent, "controls", h, place, "in-control", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    strike_subject,
    fell_in_raid,
    behind_attack,
    in_control,
)
