"""Numbered units of an armed force: "the 14th Brigade", "the 22nd Infantry Division".

- **numbered-unit** (a mention finder): an ordinal, up to four capitalised words and a unit
  noun (``mentions: unit_nouns``), "the 14th Mountain Brigade", "the Fifth Division": one
  actor named by those words, even where the statistical NER took a longer name ("Brigade of
  the Army") or none; a name the gazetteer knows stays the gazetteer's;
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

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.gates import needs
from kg.extract.names import forget_guess
from kg.extract.registry import Mention
from kg.extract.vocab import mention_words
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.extract.registry import MentionRegistry
    from kg.model import RelationFact

__all__ = ["RULES", "find_numbered_units", "unit_of"]

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
#: capitalised words a unit's name may hold between its ordinal and its noun
MAX_MODIFIERS = 4
#: the mention source of a numbered unit
SOURCE = "unit"


def _is_ordinal(tok: Token) -> bool:
    return bool(_ORDINAL.match(tok.text)) or (
        tok.is_title and tok.lower_ in mention_words("ordinal_words")
    )


def _unit_end(res: MentionRegistry, start: int) -> int | None:
    """The index after the unit noun of a numbered unit's name starting at ``start``."""
    doc, nouns = res.doc, mention_words("unit_nouns")
    end = min(len(doc), start + MAX_MODIFIERS + 2)
    for i in range(start + 1, end):
        tok = doc[i]
        if not tok.is_title or tok.sent.start != doc[start].sent.start:
            return None
        if tok.lower_ in nouns:
            return i + 1
    return None


def find_numbered_units(res: MentionRegistry) -> None:
    """Mention every numbered unit ("the 14th Mountain Brigade") as an actor of its own,
    taking its words from a mention the NER made of them (not from a gazetteer name)."""
    doc = res.doc
    for tok in doc:
        if not _is_ordinal(tok):
            continue
        end = _unit_end(res, tok.i)
        if end is None:
            continue
        covering = {id(m): m for i in range(tok.i, end) for m in [res.by_token.get(i)] if m}
        if any(m.source != "ner" for m in covering.values()):
            continue  # a gazetteer name ("4th Armoured Division") or an earlier finder's
        for m in covering.values():
            res.remove(m)
            forget_guess(res, m)
        name = doc[tok.i : end].text
        if res.add(Mention(tok.i, end, "actor", name, name, SOURCE)) is not None:
            res.ensure_actor(name, "ArmedForces", SOURCE)


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
    Division" (in an article naming Iraqi troops): the unit is part of that force."""
    for m in ctx.res.mentions:
        if m.source != SOURCE or not sent.start <= m.start < sent.end:
            continue
        head = ctx.doc[m.end - 1]
        owners = _owners(ctx, head, m.start)
        if not owners:
            fallback = _context_forces(ctx, head)
            owners = [fallback] if fallback else []
        for o in owners:
            yield ctx.relation(sent, "memberOf", m.key, o, "unit-of", head)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (unit_of,)
