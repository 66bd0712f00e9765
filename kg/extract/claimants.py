"""Who claims an attack, as a clause on its noun says: "an attack claimed by X", "an ambush
(that) X claimed", "an attack on a checkpoint in P for which X claimed responsibility".

The claimant of an attack is its doer (:func:`kg.extract.attacks._claimed_by`, which keeps the
armed actors and reads a spokesman as his group). Not negated nor modal: "an attack no group
has claimed", "which X could claim".

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 14)),
...     "Eleven soldiers were killed near Baidoa on Monday in an attack claimed by al-Shabaab.",
... )
>>> [(e.type, e.agents, e.place) for e in facts.events]
[('Attack', ['al-Shabaab'], 'Baidoa')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["claim_clause"]


def _phrase_nouns(tok: Token) -> list[Token]:
    """The attack noun and the nouns of its phrases, two deep ("an attack on a checkpoint in
    P": attack, checkpoint, P), where the parser may hang a relative clause."""
    out = [tok]
    frontier = [tok]
    for _ in range(2):
        frontier = [
            o
            for n in frontier
            for c in n.children
            if c.dep_ == "prep"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        out += frontier
    return out


def claim_clause(ctx: ArticleContext, tok: Token) -> list[str]:
    """The claimants a clause on the attack noun ``tok`` (or on a noun of its phrase) names:
    the doers of a participle ("an attack claimed by X") or the subject of a relative clause
    ("an ambush that X claimed", "for which X claimed responsibility"); empty for none, a
    negated or a modal claim, or one an adverb of ``attack.false_claim_adverbs`` says is false
    ("an attack falsely claimed by X")."""
    false = ctx.lexicon("attack", "false_claim_adverbs")
    for n in _phrase_nouns(tok):
        for c in n.children:
            if c.lemma_ != "claim" or ctx.negated(c) or ctx.unreal(c):
                continue
            if any(a.dep_ == "advmod" and a.lower_ in false for a in c.children):
                continue  # "an attack falsely claimed by X": no claim of X's
            if c.dep_ == "acl" and c.tag_ == "VBN" and n.i == tok.i:
                return ctx.passive_agents(c)
            if c.dep_ == "relcl":
                return ctx.subject_actors(c)
    return []
