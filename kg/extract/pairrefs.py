""" "The latter" and "the former": the second or the first of two actors named just before.

"Eight soldiers on the road between rebel camps and army posts died in an ambush the latter
set" names the army; "Talks between X and Y stalled. The former
shelled P" names X. The pair is two actors joined by "and" / "or" in the sentence or the one
before (the nearest such pair), else the last two actors named there. "The former commander",
"the latter half" are an adjective on a noun: no actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.registry import Mention, MentionRegistry

__all__ = ["latter_or_former"]

_WORDS = ("latter", "former")
#: the dependencies by which a name is part of a larger noun ("Somali army posts")
_INSIDE = ("compound", "amod", "nmod", "poss")


def _anchor(res: MentionRegistry, m: Mention) -> Token:
    """The word that carries a mention in its sentence: its root, or the noun the mention
    modifies ("al-Shabaab camps": camps)."""
    span = res.doc[m.start : m.end]
    tok = span.root
    while tok.dep_ in _INSIDE and tok.head.i != tok.i:
        tok = tok.head
    return tok


def latter_or_former(res: MentionRegistry, tok: Token) -> str | None:
    """The actor "the latter" / "the former" at ``tok`` stands for, or None.

    Parameters
    ----------
    res
        The article's mentions.
    tok
        The word "latter" or "former".

    Returns
    -------
    str or None
        The second (latter) or first (former) actor of the pair named just before; None for
        an adjective on a noun ("the former army chief") or with fewer than two actors.

    Examples
    --------
    "Clashes between X and Y spread. The latter shelled P": Y.
    """
    if tok.lower_ not in _WORDS or tok.dep_ in ("amod", "compound"):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    sents = list(res.doc.sents)
    here = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
    start = sents[max(here - 1, 0)].start
    named = [
        m
        for m in res.mentions
        if m.kind == "actor" and start <= m.start and m.end <= tok.i and res.as_actor(m)
    ]
    pair = _coordinated(res, named) or _last_two(res, named)
    if pair is None:
        return None
    return res.as_actor(pair[1] if tok.lower_ == "latter" else pair[0])


def _coordinated(res: MentionRegistry, named: list[Mention]) -> tuple[Mention, Mention] | None:
    """The nearest two actors joined by "and" / "or" ("between A and B")."""
    for second in reversed(named):
        a2 = _anchor(res, second)
        if a2.dep_ != "conj":
            continue
        first = next((m for m in named if _anchor(res, m).i == a2.head.i), None)
        if first is not None and first.key != second.key:
            return first, second
    return None


def _last_two(res: MentionRegistry, named: list[Mention]) -> tuple[Mention, Mention] | None:
    """The last two distinct actors named."""
    out: list[Mention] = []
    for m in reversed(named):
        if all(res.as_actor(m) != res.as_actor(o) for o in out):
            out.insert(0, m)
        if len(out) == 2:
            return out[0], out[1]
    return None
