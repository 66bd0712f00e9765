"""Where an event noun takes place when its own phrase does not name it plainly.

- **the place as possessor**: "Kidal's recapture in May by Malian troops" is a capture of
  Kidal, as "the recapture of Kidal" is;
- **a place named after**: "The recapture of the city by Tuareg rebels on Sunday ... Following
  the capture of Kidal, ..." — an article (or a paragraph) may open with "the city" before it
  names it: a definite place noun ("the city", "the town") that nothing before resolves is the
  place the next sentences' own event noun of the same kind names ("the capture of Kidal").

The words are ``events.capture.nouns`` and ``coref.settlement`` in ``rules.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["NEXT_SENTENCES", "noun_places"]

#: how many sentences after an event noun may name the place its "the city" stands for
NEXT_SENTENCES = 2


def _the_place_noun(ctx: ArticleContext, tok: Token) -> bool:
    """Whether ``tok`` is "the city" / "the town" (a definite settlement noun)."""
    return tok.lower_ in ctx.rules["coref"]["settlement"] and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children
    )


def _named_after(ctx: ArticleContext, noun: Token, family: str) -> str | None:
    """The place of the first noun of ``family`` ("the capture of P") in the next sentences."""
    nouns = ctx.lexicon(family, "nouns")
    sents = list(ctx.doc.sents)
    here = next(i for i, s in enumerate(sents) if s.start <= noun.i < s.end)
    for sent in sents[here + 1 : here + 1 + NEXT_SENTENCES]:
        for t in sent:
            if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in nouns:
                named = [p for o in ctx.prep_objects(t, {"of"}) for p in [ctx.res.place_at(o)] if p]
                if named:
                    return named[0]
    return None


def noun_places(ctx: ArticleContext, noun: Token, family: str) -> list[str]:
    """The places an event noun names: its "of" phrase ("the capture of P"), its possessor
    ("P's recapture"), or, for "the city" nothing before resolves, the place a later noun of
    the same ``family`` names ("The recapture of the city by X ... the capture of P").

    Parameters
    ----------
    ctx
        The article's context.
    noun
        The event noun ("recapture").
    family
        The ``events`` section of ``rules.yaml`` whose ``nouns`` name the same kind of event.

    Returns
    -------
    list of str
        Place keys, the noun's own first.
    """
    ofs = ctx.prep_objects(noun, {"of"})
    places = [p for o in ofs for p in [ctx.res.place_at(o)] if p]
    places += [
        p
        for c in noun.children
        if c.dep_ == "poss" and not ctx.res.actors_at(c)
        for p in [ctx.res.place_at(c)]
        if p
    ]
    if not places and any(_the_place_noun(ctx, o) for o in ofs):
        later = _named_after(ctx, noun, family)
        places = [later] if later else []
    return list(dict.fromkeys(places))
