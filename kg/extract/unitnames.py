"""Numbered units of an armed force named in the text: an ordinal, up to four capitalised
words and a unit noun (``mentions: unit_nouns``), "the 14th Mountain Brigade", "the Fifth
Division": one actor named by those words, even where the statistical NER took a longer name
("Brigade of the Army") or none; a name the gazetteer knows stays the gazetteer's. Run by
:mod:`kg.extract.mentions`; whose part a unit is, is :mod:`kg.extract.units` (a relation rule).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.orgnames import forget_guess
from kg.extract.registry import Mention
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.registry import MentionRegistry

__all__ = ["MAX_MODIFIERS", "SOURCE", "find_numbered_units"]

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
