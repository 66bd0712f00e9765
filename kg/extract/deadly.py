"""Which killing strikes are one event: helpers of :func:`kg.extract.sequels.fold_casualties`.

- :func:`owned_strikes`: "Israeli strikes on P killed 38", "Russian military strikes in P
  killed six": a bare "strikes" a state or its forces own is from the air (as
  :func:`kg.extract.combat.airstrike_nouns` reads it when a verb launches them), so the
  strikes that killed are an airstrike;
- :func:`days_since`: "killed 38 since Thursday night" counts a day's dead, not a toll since
  a year or a month ("have killed 1,200 since April");
- :func:`lone_victim`: "a peacekeeper was killed" counts one dead;
- :func:`may_kill`: "N could be killed" counts no dead.

The words are ``events.casualties.owned_strike_nouns``, ``recent_since_words`` and
``one_person_nouns`` of ``rules.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.events import OFFICIAL

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext

__all__ = ["days_since", "leavers", "lone_victim", "may_kill", "owned_strikes"]


def owned_strikes(ctx: ArticleContext, tok: Token) -> bool:
    """Whether ``tok`` is a bare strike noun that a state or its forces own by a word before
    it ("Israeli strikes", "Russian military strikes"; not "drone strikes", "rebel strikes").

    Examples
    --------
    "Israeli strikes on P killed 38 people": an Israeli airstrike on P.
    """
    if tok.lemma_.lower() not in ctx.lexicon("casualties", "owned_strike_nouns"):
        return False
    weapons = ctx.lexicon("attack", "weapons") | ctx.lexicon("attack", "ground_bombs")
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    if any(m.lower_ in weapons for m in mods):
        return False  # "drone strikes", "missile strikes": attacks
    owners = [a for m in mods for a in ctx.word_actors(m)]
    return bool(owners) and all(ctx.actor_class(a) in OFFICIAL for a in owners)


def days_since(ctx: ArticleContext, verb: Token, since: Token) -> bool:
    """Whether the "since" phrase at ``since`` of the killing ``verb`` starts at a day of this
    week ("killed 38 since Thursday night", "since dawn", "since yesterday"), not at a year or
    a month; a toll raised since a day stays a toll ("raised the death toll to 37 since
    Monday").

    Examples
    --------
    "killed 38 since Thursday night": one day's strikes; "since April": a toll.
    """
    if verb.lemma_ not in ctx.lexicon("casualties", "verbs"):
        return False
    recent = ctx.lexicon("casualties", "recent_since_words")
    objs = [c for c in since.children if c.dep_ == "pobj"]
    return bool(objs) and all(
        any(t.lower_ in recent for t in o.subtree) and not any(t.like_num for t in o.subtree)
        for o in objs
    )


def leavers(ctx: ArticleContext, part: Token) -> list[str]:
    """Who left the hurt a participle describes: the subject of "leave" whose object it
    describes ("X fighters left three soldiers wounded": X); none for any other participle
    ("soldiers wounded in P": who wounded them is not said here).

    Examples
    --------
    "Al-Shabaab fighters left three soldiers wounded": al-Shabaab hurt them.
    """
    obj = part.head
    if part.tag_ != "VBN" or obj.dep_ != "dobj" or obj.head.lemma_ != "leave":
        return []
    return ctx.subject_actors(obj.head)


def lone_victim(ctx: ArticleContext, noun: Token) -> int | None:
    """1 for the one person the subject of a passive killing or wounding counts: "a
    peacekeeper was killed", "one soldier was wounded" (``casualties.one_person_nouns``,
    singular, with "a" / "an" / "one"); None for any other phrase ("a number of gunmen").

    Examples
    --------
    "A soldier of the Kenyan contingent died in the ambush": one killed.
    """
    if noun.dep_ != "nsubjpass" or noun.tag_ != "NN":
        return None
    if noun.lemma_.lower() not in ctx.lexicon("casualties", "one_person_nouns"):
        return None
    one = any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in noun.children)
    return 1 if one else None


def may_kill(ctx: ArticleContext, verb: Token) -> bool:
    """True for a killing a modal leaves a possibility: "a civilian could be killed", "an
    assault would kill hundreds" (``modals``; not "earlier", "once": past, still stated).

    Examples
    --------
    "Twenty civilians could be killed by stray fire in P": no report.
    """
    modals = ctx.lexicon_of("modals")
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)
