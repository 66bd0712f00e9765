"""The extraction vocabulary: ``rules.yaml`` and ``descriptors.yaml``, loaded once.

Every word a mention, relation or event rule looks for lives in those two files; this module
reads them and derives the word sets the mention rules share.

Examples
--------
>>> "forces" in load_rules()["actor_heads"]
True
>>> "city" in place_heads()
True
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "load_descriptors",
    "load_rules",
    "mention_words",
    "noun_heads",
    "place_heads",
    "word_set",
]

_HERE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def load_rules() -> dict[str, Any]:
    """The extraction vocabulary in ``kg/extract/rules.yaml``."""
    with open(_HERE / "rules.yaml", encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


@functools.lru_cache(maxsize=1)
def load_descriptors() -> list[dict[str, Any]]:
    """Descriptions that name a known actor ("US-backed Kurdish units"), from descriptors.yaml."""
    with open(_HERE / "descriptors.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return list(data.get("descriptors", []))


@functools.lru_cache(maxsize=64)
def word_set(key: str) -> frozenset[str]:
    """A top-level word list of rules.yaml, as a set.

    >>> "believe" in word_set("raising_verbs")
    True
    """
    return frozenset(load_rules()[key])


def mention_words(name: str) -> frozenset[str]:
    """One word list of the ``mentions:`` section of rules.yaml, as a set.

    >>> sorted(mention_words("loyalty"))
    ['aligned', 'allied', 'loyal']
    """
    return _mention_sets()[name]


@functools.lru_cache(maxsize=1)
def _mention_sets() -> dict[str, frozenset[str]]:
    section: dict[str, list[str]] = load_rules()["mentions"]
    return {k: frozenset(v) for k, v in section.items() if isinstance(v, list)}


@functools.lru_cache(maxsize=1)
def loyal_heads() -> frozenset[str]:
    """Nouns that "loyal to" a person makes that person's forces: ``forces_heads`` ("troops
    loyal to P") and ``mentions: loyal_heads`` ("fighters loyal to P").

    >>> {"troops", "fighters"} <= loyal_heads()
    True
    """
    return word_set("forces_heads") | mention_words("loyal_heads")


@functools.lru_cache(maxsize=1)
def place_heads() -> frozenset[str]:
    """Nouns that refer back to a place ("the city", "the province", "the country")."""
    coref = load_rules()["coref"]
    return frozenset([*coref["settlement"], *coref["province"], *coref["country"]])


@functools.lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """The common nouns a sentence may open with that the tagger can take for names: every
    head-noun mention's noun (:func:`noun_heads`) and the nouns of the event families
    (``events: <family>: nouns`` in rules.yaml), one word each ("Fighters", "Airstrikes",
    "Clashes").

    >>> {"fighters", "airstrikes", "clashes"} <= common_nouns()
    True
    """
    events = load_rules()["events"]
    words = {w for f in events.values() if isinstance(f, dict) for w in f.get("nouns", [])}
    return frozenset(w for w in (*noun_heads(), *words) if " " not in w)


@functools.lru_cache(maxsize=1)
def event_setting_words() -> frozenset[str]:
    """The verbs and nouns of ``mentions: setting_families`` (``events: <family>``) and the
    sites a capture takes (``events: capture: sites``): the words an event's place phrase
    hangs on (:func:`kg.extract.placenames.find_event_settings`).

    >>> {"attacked", "attack", "base"} & event_setting_words() == {"attack", "base"}
    True
    """
    events = load_rules()["events"]
    out: set[str] = set(events["capture"]["sites"])
    for family in mention_words("setting_families"):
        out.update(events[family].get("verbs", []), events[family].get("nouns", []))
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def noun_heads() -> frozenset[str]:
    """Every noun a head-noun mention can end in: actor, air and place heads, "power", and
    the nouns of the described-actor rules (``mentions:`` in rules.yaml)."""
    rules = load_rules()
    described = [
        w
        for name in (
            "fighter_nouns",
            "described_nouns",
            "class_nouns",
            "official_nouns",
            "police_nouns",
            "police_officer_nouns",
            "kind_heads",
            "kind_nouns",
            "peacekeeper_nouns",
        )
        for w in rules["mentions"][name]
    ]
    return frozenset([*rules["actor_heads"], *rules["air_heads"], "power", *described]) | (
        place_heads()
    )
