"""Facts told only as the content of a report the sentence calls false or denies: "the army
dismissed false reports that rebels had captured P" states no capture.

Read by :meth:`kg.extract.context.ArticleContext.disowned`; only the article's vocabulary is
needed, so the context is typed by what it offers (:class:`Lexicon`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Lexicon", "false_report"]


class Lexicon(Protocol):
    """What the rules here read of an article's context: its word lists by name."""

    def lexicon_of(self, key: str) -> frozenset[str]: ...


#: the arcs climbed from a trigger to the report noun whose content it tells
_REPORTED = frozenset(
    ("ccomp", "xcomp", "acl", "conj", "prep", "pobj", "dobj", "nsubj", "nsubjpass", "attr")
)


def false_report(ctx: Lexicon, tok: Token) -> bool:
    """True when ``tok`` tells the content of a report the sentence calls false or denies:
    "dismissed false reports that rebels had captured P", "denied reports that 20 soldiers
    were killed", "claims that militants overran a base were untrue", "fake news ... claiming
    that 9 soldiers were killed" (a noun of ``false_report_nouns`` with a word of ``falsity_words``,
    the object of a verb of ``denials``, or the subject of "were false"); not a report
    confirmed or only told ("confirmed reports that X took P")."""
    claims = ctx.lexicon_of("claim_verbs")
    t = tok
    for _ in range(6):
        if t.dep_ in ("acl", "ccomp") and _false_noun(ctx, t.head):
            return True  # "false reports that X had taken P"
        if t.dep_ in ("acl", "advcl") and t.lemma_ in claims:  # "fake news ... claiming that X"
            root = t.sent.root
            if any(_false_noun(ctx, c) for c in root.children if c.dep_ == "nsubj"):
                return True
        if t.dep_ not in _REPORTED or t.head.i == t.i:
            return False
        t = t.head
    return False


def _false_noun(ctx: Lexicon, noun: Token) -> bool:
    """Whether ``noun`` is a report called false ("false reports", "fake news"), denied
    ("denied reports"), or said to be false ("claims ... were false")."""
    if noun.lemma_.lower() not in ctx.lexicon_of("false_report_nouns"):
        return False
    false = ctx.lexicon_of("falsity_words")
    if any(c.dep_ == "amod" and c.lower_ in false for c in noun.children):
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_ in ctx.lexicon_of("denials"):
        return True
    verb = noun.head
    return noun.dep_ == "nsubj" and any(
        c.dep_ in ("acomp", "attr") and c.lower_ in false for c in verb.children
    )
