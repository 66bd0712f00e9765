"""Statements that another party disputes in the same breath.

A report that names who makes a claim and who denies it ("X shelled P, according to Baku,
a claim Yerevan rejected"; "Baku said X shelled P, which Yerevan denied"; "... Yerevan
dismissed the accusation." in the sentence after) states a contested fact: the facts of
such a sentence are kept but hedged (``ckg:hedged``, lower confidence), like "reportedly".
A verb of denial that governs the fact itself ("denied shelling P") is a negation and gives
no fact at all (:meth:`kg.extract.context.ArticleContext.negated`).

The words are ``denials`` and ``disputed_claim_nouns`` in ``rules.yaml``.

Examples
--------
>>> from kg.extract.nlp import load_nlp
>>> doc = load_nlp()("Rebels shelled the town, a claim the army rejected. Talks resume.")
>>> first, second = doc.sents
>>> words = frozenset({"deny", "reject"}), frozenset({"claim", "accusation"})
>>> disputed(first, None, *words), disputed(second, None, *words)
(True, False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["disputed"]

_RELATIVES = ("which", "that", "what")


def _denies_claim(verb: Token, claims: frozenset[str], definite: bool) -> bool:
    """Whether a verb of denial takes a claim as its object: "a claim X rejected" (the
    clause on the noun), "which X denied", "X dismissed the accusation" (``definite``: only
    a claim named with "the" / "this" / "these", one told before)."""
    if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in claims and not definite:
        return True
    for o in verb.children:
        if o.dep_ not in ("dobj", "nsubjpass"):
            continue
        if o.lower_ in _RELATIVES and not definite:
            return True
        dets = {c.lower_ for c in o.children if c.dep_ == "det"}
        if o.lemma_.lower() in claims and (not definite or dets & {"the", "this", "these"}):
            return True
    return False


def disputed(
    sent: Span, after: Span | None, denials: frozenset[str], claims: frozenset[str]
) -> bool:
    """Whether ``sent`` states something it, or the sentence ``after`` it, says another
    party denies (see the module's examples)."""
    for span, definite in ((sent, False), (after, True)):
        if span is None:
            continue
        for t in span:
            if (
                t.pos_ == "VERB"
                and t.lemma_.lower() in denials
                and _denies_claim(t, claims, definite)
            ):
                return True
    return False
