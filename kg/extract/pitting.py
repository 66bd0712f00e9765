"""A war named by the sides it pits against each other: "a war pitting the army against the
RSF", "the conflict, which pits X against Y", "fighting that has pitted X against Y".

- **pitted-against** (fights): the verb "pit" with its object (or a passive's subject) and an
  "against" phrase, on a noun of fighting (``fight_nouns``, ``hostility.war_nouns``): the
  noun the participle or relative clause describes, the verb's subject, or its "in" phrase
  ("X and Y were pitted against each other in a civil war" names no "against" side: not
  read). Not negated, modal or a stated risk ("fears of a war pitting X against Y"), nor a
  contest that is no fighting ("the match pitted X against Y").

- **mired-in-war** (fights): "X has been locked / engaged / embroiled in a war with Y" (a
  passive of ``hostility.mired_verbs`` with "in" a noun of fighting and its "with" /
  "against"): X fights Y; not modal or negated.

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2024, 9, 20)),
...     "The conflict, which pits Ethiopia's army against Fano militiamen, has spread.",
... )
>>> [(r.type, r.subject, r.object) for r in facts.relations]
[('fights', 'Ethiopian National Defense Force', 'Fano')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.gates import needs
from kg.extract.voice import voiced_objects

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.model import RelationFact

__all__ = ["RULES", "mired_in_war", "pitted_against"]


def _fight_noun(ctx: ArticleContext, verb: Token) -> Token | None:
    """The noun of fighting "pit" tells of: the noun its participle or relative clause
    describes, its subject, or the object of its "in" phrase."""
    nouns = set(ctx.rules["fight_nouns"]) | set(ctx.rules["hostility"]["war_nouns"])
    # "Fighting that has pitted X against Y": the parser may make the clause a complement
    cands = [verb.head] if verb.dep_ in ("acl", "relcl", "ccomp") else []
    cands += [c for c in verb.children if c.dep_ == "nsubj"]
    cands += ctx.prep_objects(verb, {"in"})
    return next((c for c in cands if c.lemma_.lower() in nouns or c.lower_ in nouns), None)


@needs(words=("pit",))
def pitted_against(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "A war pitting X against Y", "the conflict, which pits X against Y": X fights Y."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ != "pit" or tok.pos_ != "VERB":
            continue
        noun = _fight_noun(ctx, tok)
        if noun is None or ctx.negated(tok) or ctx.unreal(tok) or ctx.is_risk(noun):
            continue
        if noun.head.pos_ in ("VERB", "AUX") and ctx.unreal(noun.head):
            continue  # "a war pitting X against Y could erupt"
        objs = voiced_objects(tok)[1]
        sides = [a for o in objs for a in ctx.res.actors_at(o)]
        # "against" on the verb, or hung by the parser on its object
        against = [g for t in (tok, *objs) for g in ctx.prep_objects(t, {"against"})]
        foes = [a for o in against for a in ctx.res.actors_at(o)]
        for a in dict.fromkeys(sides):
            for b in dict.fromkeys(foes):
                if a != b and not ctx.same_side(a, b):
                    yield ctx.relation(sent, "fights", a, b, "pitted-against", tok)


@needs("hostility.mired_verbs")
def mired_in_war(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X has been locked / engaged / embroiled in a war with Y": the passive's subject
    fights whom the noun of fighting's "with" or "against" names (``hostility.mired_verbs``;
    not "could be locked in a war with Y", not negated)."""
    nouns = set(ctx.rules["fight_nouns"]) | set(ctx.rules["hostility"]["war_nouns"])
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in ctx.rule_words("hostility", "mired_verbs"):
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        wars = [o for o in ctx.prep_objects(tok, {"in"}) if o.lemma_.lower() in nouns]
        subj = [c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")]
        sides = [a for s in subj for a in ctx.res.actors_at(s)]
        foes = [
            a
            for w in wars
            if not ctx.is_risk(w)
            for o in ctx.prep_objects(w, {"with", "against"})
            for a in ctx.res.actors_at(o)
        ]
        for a in dict.fromkeys(sides):
            for b in dict.fromkeys(foes):
                if a != b and not ctx.same_side(a, b):
                    yield ctx.relation(sent, "fights", a, b, "mired-in-war", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    pitted_against,
    mired_in_war,
)
