"""Numbered units of an armed force: "the 14th Brigade", "the 22nd Infantry Division".

- **numbered-unit** (a mention finder, :mod:`kg.extract.unitnames`): "the 14th Mountain
  Brigade", "the Fifth Division", one actor of its own;
- **unit-of** (a relation rule): the unit is part of the force its "of" phrase, its possessor
  or a word before it names ("the 14th Brigade of the army", "the army's 22nd Division", "the
  Ukrainian 47th Brigade": that state's forces); with none, of the armed forces of the country
  the sentence is about, when the article names those forces ("Iraqi troops ... units of the
  9th Armored Division"); none when it does not ("the 82nd Airborne Division is on alert").

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2024, 6, 10)),
...     "The Sudanese army's 22nd Infantry Division repelled an RSF attack on Babanusa.",
... )
>>> [(r.subject, r.object) for r in facts.relations if r.type == "memberOf"]
[('22nd Infantry Division', 'Sudanese Armed Forces')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.gates import needs
from kg.extract.unitnames import SOURCE
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.model import RelationFact

__all__ = ["RULES", "unit_of"]


def _owners(ctx: ArticleContext, head: Token, start: int) -> list[str]:
    """The forces a unit's own phrase names: "of" the force, the force's possessive, or a
    word before the ordinal (a state's demonym: its forces)."""
    words = list(ctx.prep_objects(head, {"of"}))
    words += [c for c in head.children if c.dep_ in ("poss", "compound", "amod") and c.i < start]
    out: list[str] = []
    for w in words:
        for a in ctx.res.actors_at(w, conj=False):
            cls = ctx.actor_class(a)
            if cls == "State":
                entry = ctx.res.entry(a, "actor")
                if entry is None:
                    continue
                a, cls = ctx.res.forces(entry)
            if cls in ARMED_CLASSES and a not in out:
                out.append(a)
    return out


def _of_forces(ctx: ArticleContext, head: Token, key: str) -> list[str]:
    """The armed actors other than the unit ``key`` its "of" phrase names ("the Hamza
    Division of the Syrian National Army"); none after a negation."""
    if ctx.negated(head):
        return []
    return [
        a
        for w in ctx.prep_objects(head, {"of"})
        for a in ctx.res.actors_at(w, conj=False)
        if a != key and ctx.actor_class(a) in ARMED_CLASSES
    ]


def _state_forces(ctx: ArticleContext, actor: str) -> str | None:
    """``actor`` when it is the armed forces of its state (the gazetteer's), else None."""
    country = ctx.res.country_of_actor(actor)
    entry = ctx.res.entry(country, "actor") if country else None
    return actor if entry is not None and ctx.res.forces(entry)[0] == actor else None


def _context_forces(ctx: ArticleContext, tok: Token) -> str | None:
    """The armed forces of the country ``tok``'s sentence is about, when the article names
    them; with no such country, the one state's armed forces the article names."""
    named = {
        f
        for m in ctx.res.mentions
        if m.kind == "actor" and m.source != SOURCE
        for f in [_state_forces(ctx, m.key)]
        if f
    }
    country = ctx.res.context_country(tok)
    entry = ctx.res.entry(country, "actor") if country else None
    if entry is not None:
        forces = ctx.res.forces(entry)[0]
        return forces if forces in named else None
    return next(iter(named)) if len(named) == 1 else None


@needs("mentions.unit_nouns")
def unit_of(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "The 14th Brigade of the army", "the army's 22nd Division", "units of the 9th Armored
    Division" (in an article naming Iraqi troops): the unit is part of that force. A named
    unit of another source ("the Tariq Ibn Ziyad Brigade of the LNA", ``named_unit_heads``)
    is part of the force its "of" phrase names, and only that."""
    named = ctx.rule_words("mentions", "named_unit_heads")
    for m in ctx.res.mentions:
        if not sent.start <= m.start < sent.end or m.kind != "actor":
            continue
        head = ctx.doc[m.end - 1]
        if m.source != SOURCE:  # "the Tariq Ibn Ziyad Brigade of the LNA": its "of" only
            if head.lower_ in named:
                for o in _of_forces(ctx, head, m.key):
                    yield ctx.relation(sent, "memberOf", m.key, o, "unit-of", head)
            continue
        owners = _owners(ctx, head, m.start)
        if not owners:
            fallback = _context_forces(ctx, head)
            owners = [fallback] if fallback else []
        for o in owners:
            yield ctx.relation(sent, "memberOf", m.key, o, "unit-of", head)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (unit_of,)
