"""Whether a sentence states an event as done, or only as planned, feared or denied.

An event rule reads its trigger word ("offensive", "besiege", "attack") and checks the words
right on it (a negation, a modal on its own verb). What governs a noun or an infinitive from
further up is read here, once for every event rule (:func:`kg.extract.rulebook.find_events`):
"Ethiopian troops may soon launch an offensive on P" (the modal is on "launch", not on
"offensive"), "the Houthis threatened to besiege P",
"residents fear an attack by X", "Kenya plans to withdraw its troops", "troops refused to
retreat", "X denied that its fighters had attacked P"; what a report called false tells
("dismissed false reports that X had taken P": :func:`kg.extract.falsereports.false_report`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["condemned_kind", "unstated"]

#: the arcs climbed from a trigger to the verb that governs it: an object, a preposition's
#: object, an infinitive or a clause a verb takes ("denied that they had attacked P")
_UP = ("dobj", "pobj", "prep", "xcomp", "ccomp", "nsubjpass", "attr")


def _governors(tok: Token, depth: int = 4) -> list[Token]:
    """``tok``'s head, its head's head, ... while the arcs are those of :data:`_UP` (never
    across a relative or adverbial clause, a conjunct or an apposition: a fact of its own)."""
    out: list[Token] = []
    t = tok
    for _ in range(depth):
        if t.dep_ not in _UP or t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def unstated(ctx: ArticleContext, tok: Token, aim: bool = False) -> bool:
    """True when the verbs above the trigger ``tok`` state its event as not done: a modal or
    a future ("may soon launch an offensive"), a verb of threat, fear or refusal
    (``plan_verbs``: "threatened to besiege P", "fear an attack", "refused to retreat"), a
    denial ("denied that X had captured P") or a negation ("did not launch an offensive").
    The trigger's own words are its rule's to read. With ``aim`` (an offensive read from an
    aim to take a place, "vowed to retake P": :func:`kg.extract.captures.aimed_only`), a
    verb of planning is that aim, no denial of it.

    Examples
    --------
    "The Houthis threatened to besiege Taiz": True. "The Houthis besieged Taiz": False.
    """
    plans = ctx.lexicon_of("plan_verbs")
    denials = ctx.lexicon_of("denials")
    for t in _governors(tok):
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if (t.lemma_ in plans and not aim) or t.lemma_ in denials:
            return True
        if ctx.unreal(t) or ctx.negated(t):
            return True
    return False


def condemned_kind(ctx: ArticleContext, tok: Token) -> bool:
    """True when ``tok`` is a bare plural event noun a verb of ``condemn_verbs`` takes: "The UN
    condemned attacks against its peacekeepers", "denounces attacks on aid workers" name a kind
    of event, no event of their own (nor one to fold into an event told before); not "condemned
    the attack on P", "condemned Monday's attacks", "condemned two attacks", "condemned recent
    attacks" (a determiner, possessor, number or modifier: those events)."""
    if tok.tag_ != "NNS" or any(
        c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in tok.children
    ):
        return False
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "condemned raids and attacks on civilians"
    return t.dep_ == "dobj" and t.head.lemma_ in ctx.lexicon_of("condemn_verbs")
