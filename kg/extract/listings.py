"""Places a capture takes as a counted group named elsewhere: "X won back four villages east of
P. ... named the villages as A, B, C and D" (the next sentences name what the count took).

A capture verb whose object is a plural settlement noun with no name ("four villages", "several
towns") takes the places a following sentence lists for "the villages" / "the towns": after
"as" ("named / identified the villages as A, B and C"), after a colon, or as the complement of
a copula ("The villages are A and B"). Only the next ``NEXT_SENTENCES`` sentences are read; a
list with "of" ("the villages of A and B") names places without saying they are the ones taken.

The words are ``mentions.named_settlement_nouns`` and ``events.capture.naming_verbs`` in
``rules.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["NEXT_SENTENCES", "named_later", "with_conjuncts"]

#: how many sentences after a counted capture may name what it took
NEXT_SENTENCES = 2


def _counted_settlements(tok: Token) -> bool:
    """Whether ``tok`` is a plural settlement noun without a name ("four villages")."""
    return tok.tag_ == "NNS" and tok.lower_ in mention_words("named_settlement_nouns")


def _list_heads(ctx: ArticleContext, noun: Token) -> list[Token]:
    """The first names of the lists a sentence gives for the definite ``noun`` ("named the
    villages as A, B": A; "the villages are A and B": A; "the villages: A, B": A)."""
    verb = noun.head
    heads: list[Token] = []
    if noun.dep_ in ("dobj", "nsubjpass") and verb.lemma_ in ctx.lexicon("capture", "naming_verbs"):
        heads += ctx.prep_objects(verb, {"as"})
    if noun.dep_ == "nsubj" and verb.lemma_ == "be":
        heads += [c for c in verb.children if c.dep_ == "attr"]
    heads += [c for c in noun.children if c.dep_ == "appos"]
    return heads


def named_later(ctx: ArticleContext, objs: list[Token]) -> list[str]:
    """The places the next sentences list for the counted settlements among ``objs`` (the
    objects of a capture verb), in the order they are named.

    Parameters
    ----------
    ctx
        The article's context.
    objs
        The objects of a capture verb ("four villages").

    Returns
    -------
    list of str
        Place keys; empty when no object is a counted settlement noun or no sentence names
        them.
    """
    counted = [o for o in objs if _counted_settlements(o)]
    if not counted:
        return []
    sents = list(ctx.doc.sents)
    here = next(i for i, s in enumerate(sents) if s.start <= counted[0].i < s.end)
    lemmas = {o.lemma_ for o in counted}
    out: list[str] = []
    for sent in sents[here + 1 : here + 1 + NEXT_SENTENCES]:
        for noun in sent:
            if noun.lemma_ not in lemmas or noun.tag_ != "NNS":
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "these") for c in noun.children):
                continue
            for head in _list_heads(ctx, noun):
                out += [p for t in (head, *head.conjuncts) for p in [ctx.res.place_at(t)] if p]
        if out:
            break
    return [p for p in dict.fromkeys(out) if ctx.res.place_class(p) != "Country"]


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """``tokens`` and the words coordinated with each ("withdrew from A, a key stronghold, and
    B": A and B), each once, in order.

    Parameters
    ----------
    tokens
        Heads of noun phrases (the objects of "from").

    Returns
    -------
    list of Token
        The heads and their conjuncts.
    """
    out = {t.i: t for t in tokens}
    for t in tokens:
        out |= {c.i: c for c in t.conjuncts}
        # "A, a key stronghold, and B": the parser may hang B on A's apposition
        out |= {c.i: c for a in t.children if a.dep_ == "appos" for c in a.conjuncts}
    return [out[i] for i in sorted(out)]
