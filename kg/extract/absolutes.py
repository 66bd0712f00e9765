"""Allies named in an absolute phrase after a fight: "X struck P, with Y providing support".

- **with-providing**: "French jets struck rebel columns, with Chad providing ground support",
  "Britain joined France in striking targets, with Qatar and the UAE providing support": the
  subject of "providing" (``absolute_help_verbs``) a support noun (``sponsorship.nouns``)
  fights beside the doers of the clause, when that clause tells of a fight (``fight_verbs``,
  or "joined Z in striking": Z too is a doer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.gates import needs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.model import RelationFact

__all__ = ["RULES"]


@needs("absolute_help_verbs", words=("with",))
def with_providing(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X struck P, with Y providing support": Y is X's ally (not "with Y providing no
    support", "with Y expected to provide support").

    Examples
    --------
    "French jets struck rebel columns, with Chad providing ground support": France and Chad
    are allied.
    """
    helps = ctx.lexicon_of("absolute_help_verbs")
    nouns = frozenset(ctx.rules["sponsorship"]["nouns"])
    for tok in ctx.tokens(sent):
        if tok.lower_ != "with" or tok.dep_ != "prep" or tok.head.pos_ != "VERB":
            continue
        verb = next((c for c in tok.children if c.dep_ == "pcomp" and c.lemma_ in helps), None)
        if verb is None or ctx.negated(verb) or ctx.unreal(tok.head) or ctx.negated(tok.head):
            continue
        civilian = frozenset(ctx.rules["sponsorship"]["civilian_words"])
        if not any(
            c.dep_ == "dobj"
            and c.lemma_ in nouns
            and not ctx.negated(c)
            # "with Egypt providing humanitarian support to civilians": relief, no ally
            and not any(w.lower_ in civilian for w in c.subtree)
            for c in verb.children
        ):
            continue
        if any(p.lower_ == "to" for p in verb.children if p.dep_ in ("prep", "dative")):
            continue  # support given to someone named, not to the fighters of the clause
        helpers = [a for c in verb.children if c.dep_ == "nsubj" for a in ctx.res.actors_at(c)]
        for doer in _fighters(ctx, tok.head):
            for h in helpers:
                if not ctx.same_side(doer, h):
                    yield ctx.relation(sent, "alliedWith", doer, h, "with-providing", tok)


def _fighters(ctx: ArticleContext, verb: Token) -> list[str]:
    """The doers of a clause of fighting: the subject of a fight verb, and for "X joined Y
    in striking P" X and Y both."""
    fights = frozenset(ctx.rules["fight_verbs"])
    if verb.lemma_ in fights:
        return ctx.subject_actors(verb)
    joined = [
        c
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for c in p.children
        if c.dep_ == "pcomp" and c.lemma_ in fights
    ]
    if verb.lemma_ != "join" or not joined:
        return []
    partners = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.res.actors_at(c)]
    return [*ctx.subject_actors(verb), *partners]


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    with_providing,
)
