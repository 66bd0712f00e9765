"""Where an event noun takes place when its own phrase does not name it plainly.

- **the place as possessor**: "Kidal's recapture in May by Malian troops" is a capture of
  Kidal, as "the recapture of Kidal" is;
- **an event told again**: "The RSF launched an offensive on El Fasher in June. ... The RSF
  assault, launched despite a UN demand, cost it a commander" — a definite event noun ("the
  assault", "the RSF assault", "its offensive") whose phrase names no place of its own is the
  event of its type the article told before with one of its doers: it joins that event (its
  place and date) instead of standing as a new one placed only in the country
  (:func:`join_back_references`);
- **a place named after**: "The recapture of the city by Tuareg rebels on Sunday ... Following
  the capture of Kidal, ..." — an article (or a paragraph) may open with "the city" before it
  names it: a definite place noun ("the city", "the town") that nothing before resolves is the
  place the next sentences' own event noun of the same kind names ("the capture of Kidal").

The words are ``events.capture.nouns`` and ``coref.settlement`` in ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract.referents import event_referent, sentence_numbers, sole
from kg.extract.retold import fold_into_twins
from kg.model import dates_agree

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = [
    "BACK",
    "NEXT_SENTENCES",
    "SIEGE_BACK",
    "definite",
    "drop_placeless_references",
    "join_back_references",
    "noun_places",
]

#: the tag of a statement whose definite event noun names no place of its own
BACK = "told-again"
#: the tag of "the siege" with no besieger nor place: the siege of the offensive just before
SIEGE_BACK = "siege-of-offensive"

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


#: determiners by which an event noun points back ("the RSF attack", "this offensive")
_REFERRING = frozenset({"the", "this", "that"})

#: words before an event noun that make it another one than any told before ("the final
#: offensive", "the new push", "the second assault")
_ANOTHER = frozenset(
    (
        "final",
        "new",
        "latest",
        "fresh",
        "second",
        "third",
        "next",
        "another",
        "previous",
        "earlier",
        "last",
        "first",
        "renewed",
        "major",
        "large-scale",
        "full-scale",
        "ground",
    )
)


def definite(tok: Token) -> bool:
    """Whether the event noun ``tok`` points back: "the assault", "the RSF assault", "this
    offensive" (a determiner "the" / "this" / "that"; not "the final offensive", "the new
    push", nor "their offensive", which may be a new one the sentence tells)."""
    return any(c.dep_ == "det" and c.lower_ in _REFERRING for c in tok.children) and not any(
        c.lower_ in _ANOTHER for c in tok.children
    )


def join_back_references(
    ctx: ArticleContext, found: list[Found], merge: Callable[[Found, Found], None]
) -> list[Found]:
    """Each statement tagged :data:`BACK` joins the one earlier event of its type, with a
    place, that shares a doer and whose date agrees ("The RSF assault" after "an offensive by
    the RSF on El Fasher"); with none or several, it stays as it was
    (:func:`kg.extract.referents.event_referent`: any distance, one referent only).

    Parameters
    ----------
    ctx
        The article's context.
    found
        The article's events in the order their sentences state them.
    merge
        ``merge(keep, other)`` folds ``other`` into ``keep``.

    Returns
    -------
    list of Found
        ``found`` less the statements joined to an earlier one.
    """
    position = {id(f): n for n, f in enumerate(found)}
    number = sentence_numbers(ctx.doc)

    def at(g: Found) -> int:
        return number(ctx.doc[g.trigger].idx)

    def twins(f: Found) -> list[Found]:
        ev = f.fact
        if BACK not in f.tags:
            return []

        def fits(g: Found) -> bool:
            return bool(
                g.fact.place
                and BACK not in g.tags
                and set(g.fact.agents) & set(ev.agents)
                and dates_agree(g.fact.date, ev.date)
            )

        told = found[: position[id(f)]]
        kinds = [{ev.type}]
        one = event_referent(
            told, at(f), at, lambda g: g.fact.type, kinds, own_sentence=True, fits=fits, agree=sole
        )
        return [one] if one is not None else []

    out = fold_into_twins(found, twins, merge)
    for f in out:
        f.tags.discard(BACK)
    return _sieges_of_offensives(out)


def _sieges_of_offensives(found: list[Found]) -> list[Found]:
    """ "X thwarted an offensive by Y on P, following calls to halt the weeks-long siege": a
    siege tagged :data:`SIEGE_BACK` is Y's siege of P, the nearest offensive or siege with
    doers and a place stated before it in its sentence or the one before (its doers, targets,
    place; its date when the siege's own words give none); with none, no event."""
    out: list[Found] = []
    for f in found:
        if SIEGE_BACK not in f.tags:
            out.append(f)
            continue
        before = [
            g
            for g in found
            if g.fact.type in ("Offensive", "Siege")
            and g.fact.agents
            and g.fact.place
            and SIEGE_BACK not in g.tags
            and g.trigger < f.trigger
            and f.fact.evidence.char_start - g.fact.evidence.char_end < 300
        ]
        if not before:
            continue
        near = max(before, key=lambda g: g.trigger)
        src, ev = near.fact, f.fact
        ev.agents, ev.targets, ev.place = list(src.agents), list(src.targets), src.place
        if ev.date is None:  # an undated offensive gets the publication month back later
            ev.date = src.date
            f.tags |= near.tags & {"undated"}
        f.tags.discard(SIEGE_BACK)
        out.append(f)
    return out


def drop_placeless_references(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """An attack read from a noun that points back ("while the RSF attack began", "the
    group's new attack came hours after ...": a determiner "the" / "this" / "that" or a
    possessive) that neither its sentence nor the ones before it place, and that counts no
    dead, is an attack the article told in words no rule read, or none: a placeless copy of
    it states nothing. An attack of an indefinite noun ("killed five in an attack on
    Tuesday") stays.

    An attack noun with a phrase of its own that says which attack it is (a target, a date:
    "Hezbollah's attack on Israeli troops on Tuesday drew a response") is told there, and
    stays.

    Examples
    --------
    "Families left by bus while the Houthi attack began" states no event.
    """

    def refers_back(f: Found) -> bool:
        tok = ctx.doc[f.trigger]
        if f.fact.type != "Attack" or tok.pos_ != "NOUN" or f.fact.place or f.fact.figures:
            return False
        if _own_phrase(ctx, tok):
            return False  # "Hezbollah's attack on Israeli troops on Tuesday": told here
        return any(
            (c.dep_ == "det" and c.lower_ in _REFERRING) or c.dep_ == "poss" for c in tok.children
        )

    return [f for f in found if not refers_back(f)]


def _own_phrase(ctx: ArticleContext, noun: Token) -> bool:
    """Whether an event noun has a phrase of its own that says which event it is: a date
    inside its phrase ("the attack on Tuesday", "Tuesday's attack"). A target alone does not
    ("the attack on the convoy" is as often the one told before: measured on unseen news,
    such placeless attacks were none of them right)."""
    own = {t.i for t in noun.subtree}
    return any(set(d.tokens) & own for d in ctx.dates(noun.sent))
