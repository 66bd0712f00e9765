"""Partial names of a person the article has named in full: "Dagalo", "Gen Dagalo", "Mr
Prigozhin" after "Mohamed Dagalo" are the same person, even where the NER took the part for a
place or an organisation (:func:`find_partial_names`, run by :mod:`kg.extract.mentions` after
the full names are found)."""

from __future__ import annotations

from kg.extract.names import honorifics_at, name_words, person_names
from kg.extract.registry import Mention, MentionRegistry

__all__ = ["find_partial_names"]


def find_partial_names(res: MentionRegistry) -> None:
    """ "Dagalo", "Gen Dagalo", "Mr Prigozhin" after "Mohamed Dagalo": the same person, even
    where the NER took the name for a place or an organisation. A part of a name that fits
    two persons of the article is left alone."""
    persons = person_names(res)
    if not persons:
        return
    first = {k: min(m.start for m in res.mentions if m.key == k) for k in persons}
    doc = res.doc
    i = 0
    while i < len(doc):
        end = _name_run(res, i)
        if end == i:
            i += 1
            continue
        name_start = i + honorifics_at(res, i, end)
        words = name_words(doc[name_start:end].text)
        owners = [k for k, ws in persons.items() if words and words <= ws and first[k] < i]
        if len(owners) == 1 and all(len(w) >= 3 for w in words):
            _claim(res, i, end, owners[0])
        i = end


def _name_run(res: MentionRegistry, i: int) -> int:
    """The end of the run of capitalised words starting at ``i`` (``i`` when none), stopping
    at a gazetteer or person mention."""
    doc = res.doc
    j = i
    while j < len(doc) and doc[j].is_title and doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
        m = res.by_token.get(j)
        if m is not None and (m.source not in ("ner",) or m.kind == "actor"):
            break
        j += 1
    return j


def _claim(res: MentionRegistry, start: int, end: int, person: str) -> None:
    """Mention ``person`` at ``start:end``, replacing places the NER found inside it."""
    for i in range(start, end):
        old = res.by_token.get(i)
        if old is not None:
            if old.start < start or old.end > end:
                return
            res.remove(old)
            if old.source == "ner" and not any(m.key == old.key for m in res.mentions):
                res.reg.entities.pop(res.reg.ref(old.kind, old.key), None)
    text = res.doc[start:end].text
    res.add(Mention(start, end, "actor", person, text, "ner"))
