"""Partial names of a person the article has named in full: "Dagalo", "Gen Dagalo", "Mr
Prigozhin" after "Mohamed Dagalo" are the same person, even where the NER took the part for a
place or an organisation (:func:`find_partial_names`, run by :mod:`kg.extract.mentions` after
the full names are found); the stem of a group's name before its class noun ("Maute fighters",
"Maute members" after "the Maute group": :func:`find_group_stems`)."""

from __future__ import annotations

from kg.extract.names import honorifics_at, name_words, person_names
from kg.extract.registry import Mention, MentionRegistry
from kg.extract.vocab import mention_words

__all__ = ["find_group_stems", "find_partial_names"]


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


#: classes of the actors whose names' stems stand for them ("the Maute group" → "Maute")
_GROUP_CLASSES = frozenset({"ArmedGroup", "Militia", "TerroristOrganization", "Coalition"})


def find_group_stems(res: MentionRegistry) -> None:
    """ "Maute fighters", "Maute members" after "the Maute group": an armed group's name that
    ends in a class noun (``mentions: class_nouns``) stands for it by the words before that
    noun when a noun of its men follows them (``mentions: group_member_nouns``), after the
    full name; not a stem two groups share, nor one a mention covers ("Maute brothers",
    "Maute's wife" name no group)."""
    doc = res.doc
    classes = mention_words("class_nouns")
    men = mention_words("group_member_nouns")
    stems: dict[tuple[str, ...], tuple[str, int] | None] = {}
    for m in res.mentions:
        span = doc[m.start : m.end]
        if m.kind != "actor" or res.actor_class(m.key) not in _GROUP_CLASSES:
            continue
        words = [t for t in span if t.lower_ != "the"]
        if len(words) < 2 or words[-1].lower_ not in classes:
            continue
        if not all(t.is_title for t in words[:-1]):
            continue
        stem = tuple(t.lower_ for t in words[:-1])
        old = stems.get(stem, (m.key, m.end))
        stems[stem] = None if old is None or old[0] != m.key else (m.key, min(old[1], m.end))
    for stem, found in stems.items():
        if found is None:
            continue
        key, after = found
        n = len(stem)
        for i in range(after, len(doc) - n):
            if tuple(t.lower_ for t in doc[i : i + n]) != stem or doc[i + n].lower_ not in men:
                continue
            if any(j in res.by_token for j in range(i, i + n)):
                continue
            res.add(Mention(i, i + n, "actor", key, doc[i : i + n].text, "gazetteer"))
