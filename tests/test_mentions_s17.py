"""Mentions, session 17: classes of phrasing from the phrasing suite
(``tests/phrasing/actors.yaml``), on sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.extract.vocab import load_rules
from kg.model import ArticleMeta, FuzzyDate


def actors(ex: Extractor, text: str) -> set[str]:
    """The actor keys of the article's facts."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 14)), text)
    return {k for k, e in facts.entities.items() if e.kind == "actor"}


# --- bystanders: aid agencies, rights groups, monitors, think tanks ---------------------------
def test_every_bystander_actor_is_a_gazetteer_actor(ex: Extractor) -> None:
    for name in load_rules()["mentions"]["bystander_actors"]:
        assert ex.gaz.get(name, kind="actor") is not None, name


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Oxfam said it had sent water tanks to Kalehe on Sunday.", "Oxfam"),
        (
            "Amnesty International called on the junta to free the prisoners held in Bamako.",
            "Amnesty International",
        ),
        (
            "The UN refugee agency said 4,000 people had reached Renk this week.",
            "Office of the United Nations High Commissioner for Refugees",
        ),
    ],
)
def test_relief_and_rights_bodies_are_no_actors(ex: Extractor, text: str, org: str) -> None:
    assert org not in actors(ex, text)


def test_a_bystander_a_fact_names_stays(ex: Extractor) -> None:
    found = actors(ex, "Gunmen of the M23 attacked a Medecins Sans Frontieres clinic in Rutshuru.")
    assert {"M23", "Medecins Sans Frontieres"} <= found


def test_a_political_body_stays_an_actor(ex: Extractor) -> None:
    assert "African Union" in actors(ex, "The African Union suspended Niger on Friday.")
