"""Alliances stated as a bond between actors: pacts signed, military ties, forces joined.

Each rule reads one sentence and yields :class:`~kg.model.RelationFact` values; the words are
the ``pacts`` entry of ``rules.yaml``:

- **pact**: "A and B signed a mutual defence pact", "A forged a military alliance with B"
  (a treaty, accord or agreement needs a military word before it: a peace deal between
  enemies is no alliance);
- **military-ties**: "A and B have deepened their military ties", "A boosted defence
  cooperation with B";
- **joined-forces**: "A joined forces with B".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.model import RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _words(ctx: ArticleContext, key: str) -> frozenset[str]:
    return frozenset(ctx.rules["pacts"][key])


def _parties(ctx: ArticleContext, verb: Token, noun: Token) -> list[str]:
    """The subject side of ``verb`` and whoever the bond is "with" (on the verb or noun)."""
    out = list(ctx.subject_actors(verb))
    for t in (verb, noun):
        out += [a for o in ctx.prep_objects(t, {"with", "between"}) for a in ctx.res.actors_at(o)]
    return list(dict.fromkeys(out))


def _bond(ctx: ArticleContext, noun: Token) -> str | None:
    """The method the noun ``noun`` states an alliance by, or None."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    military = bool(mods & _words(ctx, "military_words"))
    low = noun.lemma_.lower()
    if low in _words(ctx, "pact_nouns") and (military or low in _words(ctx, "alliance_nouns")):
        return "pact"
    if low in _words(ctx, "tie_nouns") and military:
        return "military-ties"
    return None


def bonds(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "A and B signed a defence pact", "A deepened military ties with B"."""
    verbs = _words(ctx, "verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "pobj"):
            continue
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        if verb.pos_ != "VERB" or verb.lemma_ not in verbs or ctx.negated(verb):
            continue
        if ctx.unreal(verb) or ctx.is_risk(verb):
            continue
        method = _bond(ctx, tok)
        if method is None:
            continue
        parties = _parties(ctx, verb, tok)
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                if not ctx.same_side(a, b):
                    yield ctx.relation(sent, "alliedWith", a, b, method, verb)


def joined_forces(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "A joined forces with B", "A and B joined forces"."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ != "join" or tok.pos_ != "VERB" or ctx.negated(tok) or ctx.unreal(tok):
            continue
        forces = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "forces"]
        if not forces:
            continue
        parties = _parties(ctx, tok, forces[0])
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                yield ctx.relation(sent, "alliedWith", a, b, "joined-forces", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    bonds,
    joined_forces,
)
