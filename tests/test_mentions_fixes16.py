"""Mentions (session 16, review fixes): wrong facts the actor-mention rules made on ordinary
sentences; sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate


def actor_forms(ex: Extractor, text: str) -> dict[str, set[str]]:
    """Actor key → the texts of its mentions in ``text``."""
    out: dict[str, set[str]] = {}
    for m in Resolver(ex.nlp(text), ex.gaz).mentions:
        if m.kind == "actor":
            out.setdefault(m.key, set()).add(m.text)
    return out


def relations(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 5, 4)), text)
    return {(r.type, r.subject, r.object) for r in facts.relations}


# --- counted soldiers: not "the soldiers"; only forces the gazetteer knows ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "The soldiers opened fire on a crowd of traders in Bamako.",
        "Unknown attackers ambushed the soldiers on a road near Mopti.",
        "Those soldiers later looted a shop in Gao, Mali.",
    ],
)
def test_soldiers_with_a_determiner_are_not_the_countrys_forces(ex: Extractor, text: str) -> None:
    assert "Malian Armed Forces" not in actor_forms(ex, text)


def test_counted_soldiers_of_a_country_with_no_known_forces_make_no_actor(ex: Extractor) -> None:
    text = "Hamas militants ambushed 9 soldiers near Khan Younis in Gaza."
    found = actor_forms(ex, text)
    assert not any(k.startswith("Armed Forces of") for k in found), found
    assert not any(k.startswith("Armed Forces of") for _, _, k in relations(ex, text))


def test_counted_soldiers_of_a_known_force_still_count(ex: Extractor) -> None:
    found = actor_forms(ex, "Jihadists killed 7 soldiers near Menaka in Mali on Sunday.")
    assert "7 soldiers" in found.get("Malian Armed Forces", set())
