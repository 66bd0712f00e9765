"""Article facts as JSON: what a shard keeps so ``kg load`` can finish the cross-article step.

A shard (:mod:`kg.scale.shards`) holds each article's triples *and* its facts, because the
cross-article step (names one article defines resolving another's, :mod:`kg.extract.consolidate`)
may change an article's triples after every article has been read. JSON rather than pickle: a
shard folder may be shared, and loading it must not run code.

Examples
--------
>>> from kg.model import ArticleFacts, ArticleMeta, Entity, Evidence, FuzzyDate, RelationFact
>>> ev = Evidence("Turkey backs the FIA.", 0, 21, "pattern", 0.8)
>>> facts = ArticleFacts(
...     ArticleMeta("a.txt", date=FuzzyDate(2018, 3)), "Turkey backs the FIA.",
...     {"Turkey": Entity("Turkey", "actor", "State", "Turkey", {"TR"}, source="gazetteer")},
...     [RelationFact("backs", "Turkey", "FIA", ev, start=FuzzyDate(2018))],
...     mentions={"Turkey": {"Turkey"}})
>>> facts_from_json(facts_to_json(facts)) == facts
True
"""

from __future__ import annotations

from typing import Any

from kg.model import (
    ArticleFacts,
    ArticleMeta,
    Entity,
    EventFact,
    Evidence,
    FuzzyDate,
    RelationFact,
)

__all__ = ["facts_from_json", "facts_to_json"]


def _date(d: FuzzyDate | None) -> str | None:
    return None if d is None else str(d)


def _undate(s: str | None) -> FuzzyDate | None:
    return None if s is None else FuzzyDate.parse(s)


def _evidence(e: Evidence) -> list[Any]:
    return [e.quote, e.char_start, e.char_end, e.method, e.confidence, e.hedged]


def facts_to_json(facts: ArticleFacts) -> dict[str, Any]:
    """One article's facts as JSON-ready values (lists, dicts, strings, numbers)."""
    m = facts.meta
    return {
        "meta": [m.source, m.title, m.publisher, _date(m.date), m.url],
        "text": facts.text,
        "entities": [
            [
                ref,
                e.key,
                e.kind,
                e.cls,
                e.label,
                sorted(e.aliases),
                e.country,
                e.parent,
                list(e.coords) if e.coords is not None else None,
                e.source,
            ]
            for ref, e in facts.entities.items()
        ],
        "relations": [
            [r.type, r.subject, r.object, _evidence(r.evidence), _date(r.start), _date(r.end)]
            for r in facts.relations
        ],
        "events": [
            [
                ev.type,
                _evidence(ev.evidence),
                ev.agents,
                ev.targets,
                ev.supporters,
                ev.place,
                _date(ev.date),
                ev.figures,
            ]
            for ev in facts.events
        ],
        "mentions": [[ref, sorted(forms)] for ref, forms in facts.mentions.items()],
    }


def facts_from_json(data: dict[str, Any]) -> ArticleFacts:
    """The :class:`~kg.model.ArticleFacts` :func:`facts_to_json` was given."""
    source, title, publisher, date, url = data["meta"]
    entities = {}
    for ref, key, kind, cls, label, aliases, country, parent, coords, src in data["entities"]:
        entities[ref] = Entity(
            key,
            kind,
            cls,
            label,
            set(aliases),
            country,
            parent,
            (coords[0], coords[1]) if coords is not None else None,
            src,
        )
    relations = [
        RelationFact(t, s, o, Evidence(*ev), _undate(start), _undate(end))
        for t, s, o, ev, start, end in data["relations"]
    ]
    events = [
        EventFact(t, Evidence(*ev), agents, targets, supporters, place, _undate(d), figures)
        for t, ev, agents, targets, supporters, place, d, figures in data["events"]
    ]
    return ArticleFacts(
        ArticleMeta(source, title, publisher, _undate(date), url),
        data["text"],
        entities,
        relations,
        events,
        {ref: set(forms) for ref, forms in data["mentions"]},
    )
