"""The date a "when" clause points back to: "The army has held Darfur since March last year,
when it started a large offensive in the province" — the event of a clause opened by "when"
right after a date takes that date, whatever the date's relation to the main clause ("since").
:func:`kg.extract.events.make_event` asks it when the event's own words give no date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.model import FuzzyDate

__all__ = ["when_date"]


def when_date(ctx: ArticleContext, trigger: Token) -> FuzzyDate | None:
    """The date a "when" clause holding ``trigger`` points back to: "since March last year,
    when it launched an offensive" (March last year), "in 2012, when rebels overran P" (the
    date expression that ends at most a comma before "when").

    Parameters
    ----------
    ctx
        The article's context.
    trigger
        The word of the event (a verb, or a noun it governs).

    Returns
    -------
    FuzzyDate or None
        The date, or None when the event's clause is no "when" clause right after a date.
    """
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    whens = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "when"]
    if not whens or whens[0].i > trigger.i:
        return None
    when = whens[0].i
    for d in ctx.dates(trigger.sent):
        gap = ctx.doc[max(d.tokens) + 1 : when]
        if max(d.tokens) < when and all(t.text == "," for t in gap) and len(gap) <= 1:
            return d.expr.value
    return None
