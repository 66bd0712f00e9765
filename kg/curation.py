"""Analyst curation: add cited facts, suppress wrong ones, merge entities, add aliases.

The curation file (``data/curation.yaml`` by default, ``kg build --curation FILE``) is applied
on every build. Suppressions, merges and aliases change what each article's extraction yields;
added facts go into their own named graph (``graph/curation``) with ``ckg:method "curated"``
and an attestation pointing at the cited source (their triples:
:func:`kg.pipeline.curation.curation_triples`). This module reads the file and applies it to
one article's facts; it needs only :mod:`kg.model` and :mod:`kg.errors`, so extraction can
call it without an import back up.

File format (every section optional)::

    aliases:                      # more names of an entity
      - {entity: Syrian Democratic Forces, add: [QSD]}
    merge:                        # one real-world actor extracted under two names
      - {from: Syrian Government, into: Government of Syria}
    suppress:                     # a wrong fact: drop it wherever extracted
      - {type: controls, subject: Islamic State, object: Raqqa}
      - {event: Capture, place: Marawi}           # agents: [...] narrows it
    facts:                        # a fact no article states clearly, with its citation
      - {type: backs, subject: Russia, object: Syrian Arab Army, since: 2015-09,
         source: "https://example.org/report", quote: "Russia intervened in support ..."}

Examples
--------
>>> cur = parse_curation({"merge": [{"from": "Syrian regime", "into": "Government of Syria"}]},
...                      "inline")
>>> cur.merge
{'Syrian regime': 'Government of Syria'}
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kg.errors import CurationError
from kg.model import (
    EVENT_CLASSES,
    RELATION_TYPES,
    ArticleFacts,
    Entity,
    FuzzyDate,
)

__all__ = ["Curation", "apply_curation", "load_curation", "parse_curation"]


@dataclass
class Curation:
    """A parsed curation file."""

    path: str = ""
    aliases: dict[str, set[str]] = field(default_factory=dict)
    merge: dict[str, str] = field(default_factory=dict)
    suppress_relations: list[dict[str, str]] = field(default_factory=list)
    suppress_events: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.aliases
            or self.merge
            or self.suppress_relations
            or self.suppress_events
            or self.facts
        )


def _default_path() -> Path:
    from kg.resources import data_dir

    return data_dir() / "curation.yaml"


def load_curation(path: Path | str | None = None) -> Curation:
    """Read a curation file (``None``: ``data/curation.yaml``, or nothing when it is absent).

    Raises
    ------
    CurationError
        Naming the file, the entry and what is wrong.
    """
    p = Path(path) if path is not None else _default_path()
    if not p.exists():
        if path is not None:
            raise CurationError(f"curation file {p} does not exist")
        return Curation()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise CurationError(f"{p}: not valid YAML: {e}".replace("\n", " ")) from None
    return parse_curation(data, str(p))


def _need(entry: Any, keys: tuple[str, ...], where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise CurationError(f"{where}: expected a mapping with {', '.join(keys)}, got {entry!r}")
    missing = [k for k in keys if not entry.get(k)]
    if missing:
        raise CurationError(f"{where}: missing {', '.join(missing)} in {entry!r}")
    return entry


def parse_curation(data: Any, path: str) -> Curation:
    """Validate and parse the YAML content of a curation file."""
    if not isinstance(data, dict):
        raise CurationError(f"{path}: expected sections aliases / merge / suppress / facts")
    unknown = set(data) - {"aliases", "merge", "suppress", "facts"}
    if unknown:
        raise CurationError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; "
            "use aliases, merge, suppress, facts"
        )
    cur = Curation(path=path)
    for i, e in enumerate(data.get("aliases") or []):
        e = _need(e, ("entity", "add"), f"{path}: aliases[{i}]")
        add = e["add"] if isinstance(e["add"], list) else [e["add"]]
        cur.aliases.setdefault(str(e["entity"]), set()).update(str(a) for a in add)
    for i, e in enumerate(data.get("merge") or []):
        e = _need(e, ("from", "into"), f"{path}: merge[{i}]")
        cur.merge[str(e["from"])] = str(e["into"])
    for i, e in enumerate(data.get("suppress") or []):
        where = f"{path}: suppress[{i}]"
        if isinstance(e, dict) and "event" in e:
            if e["event"] not in EVENT_CLASSES:
                raise CurationError(
                    f"{where}: unknown event class {e['event']!r}; use one of "
                    f"{', '.join(EVENT_CLASSES)}"
                )
            cur.suppress_events.append(e)
        else:
            e = _need(e, ("type", "subject", "object"), where)
            if e["type"] not in RELATION_TYPES:
                raise CurationError(
                    f"{where}: unknown relation type {e['type']!r}; use one of "
                    f"{', '.join(RELATION_TYPES)}"
                )
            cur.suppress_relations.append({k: str(v) for k, v in e.items()})
    for i, e in enumerate(data.get("facts") or []):
        where = f"{path}: facts[{i}]"
        e = _need(e, ("type", "subject", "object", "source"), where)
        if e["type"] not in RELATION_TYPES:
            raise CurationError(
                f"{where}: unknown relation type {e['type']!r}; use one of "
                f"{', '.join(RELATION_TYPES)}"
            )
        for k in ("since", "until"):
            if e.get(k) is not None:
                try:
                    FuzzyDate.parse(str(e[k]))
                except ValueError as err:
                    raise CurationError(f"{where}: {k}: {err}") from None
        cur.facts.append(e)
    return cur


def apply_curation(facts: ArticleFacts, cur: Curation) -> ArticleFacts:
    """One article's facts with merges, suppressions and aliases applied (a new value)."""
    if not cur:
        return facts
    m = cur.merge

    def key(k: str) -> str:
        seen = set()
        while k in m and k not in seen:
            seen.add(k)
            k = m[k]
        return k

    entities: dict[str, Entity] = {}
    mentions: dict[str, set[str]] = {}
    for ref, ent in facts.entities.items():
        new_key = key(ent.key)
        new_ref = (
            ref if new_key == ent.key else (new_key if ent.kind == "actor" else "place:" + new_key)
        )
        if new_ref in entities:
            mentions.setdefault(new_ref, set()).update(facts.mentions.get(ref, set()))
            mentions[new_ref].add(ent.label)
            continue
        e = replace(
            ent,
            key=new_key,
            label=new_key if new_key != ent.key else ent.label,
            aliases=set(ent.aliases) | cur.aliases.get(new_key, set()),
        )
        if new_key != ent.key:
            e.aliases.add(ent.label)
        entities[new_ref] = e
        mentions.setdefault(new_ref, set()).update(facts.mentions.get(ref, set()))
    relations = []
    for r in facts.relations:
        r = replace(r, subject=key(r.subject), object=key(r.object))
        if r.subject == r.object or any(
            s["type"] == r.type and s["subject"] == r.subject and s["object"] == r.object
            for s in cur.suppress_relations
        ):
            continue
        relations.append(r)
    events = []
    for ev in facts.events:
        ev = replace(
            ev,
            agents=[key(a) for a in ev.agents],
            targets=[key(a) for a in ev.targets],
            supporters=[key(a) for a in ev.supporters],
            place=key(ev.place) if ev.place else None,
        )
        if any(
            s["event"] == ev.type
            and s.get("place", ev.place) == ev.place
            and set(s.get("agents", ev.agents)) <= set(ev.agents)
            for s in cur.suppress_events
        ):
            continue
        events.append(ev)
    return ArticleFacts(facts.meta, facts.text, entities, relations, events, mentions)
