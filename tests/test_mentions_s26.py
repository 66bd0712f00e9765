"""Mentions, session 26: armed actors named by a people's adjective (kg.extract.descriptors);
sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleFacts, ArticleMeta, FuzzyDate

PUB = FuzzyDate(2022, 6, 4)


def run(ex: Extractor, text: str) -> ArticleFacts:
    return ex.extract(ArticleMeta("test.txt", date=PUB), text)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Baloch militants attacked a convoy near Quetta on Sunday.", "Baloch militants"),
        ("Fulani militants killed 20 villagers in Plateau State on Monday.", "Fulani militants"),
        ("Tuareg rebels seized Kidal on Sunday after a week of fighting.", "Tuareg rebels"),
        ("Oromo insurgents ambushed a bus near Gimbi on Friday.", "Oromo insurgents"),
    ],
)
def test_a_peoples_militants_are_an_actor_that_acts(ex: Extractor, text: str, actor: str) -> None:
    facts = run(ex, text)
    assert actor in facts.entities
    assert any(actor in e.agents for e in facts.events)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a faith's or a cause's word is no people
        ("Islamist militants attacked a church in Cabo Delgado on Sunday.", "islamist militants"),
        ("Jihadist insurgents attacked a base near Menaka.", "jihadist insurgents"),
        # lower case: no name
        ("The militants attacked a convoy near Quetta on Sunday.", "militants"),
    ],
)
def test_other_militants_are_no_actor_of_their_own(ex: Extractor, text: str, absent: str) -> None:
    assert absent not in {k.lower() for k in run(ex, text).entities}


def test_a_states_rebels_stay_its_opposition(ex: Extractor) -> None:
    facts = run(ex, "Syrian rebels attacked government positions near Aleppo on Monday.")
    assert "Syrian Opposition" in facts.entities


# -- "the soldiers": the salient armed forces, as "the troops" ------------------------------
@pytest.mark.parametrize(
    ("text", "forces"),
    [
        (
            "Nigerian troops clashed with Boko Haram near Bama on Monday. The soldiers killed 12 "
            "militants.",
            "Nigerian Armed Forces",
        ),
        (
            "Russian soldiers attacked Bakhmut in eastern Ukraine on Monday. The soldiers killed "
            "12 defenders.",
            "Russian Armed Forces",
        ),
    ],
)
def test_the_soldiers_are_the_forces_named_before(ex: Extractor, text: str, forces: str) -> None:
    facts = run(ex, text)
    killed = [e for e in facts.events if e.figures.get("killed") == 12]
    assert killed
    assert forces in killed[0].agents


def test_the_soldiers_with_no_forces_before_are_nobody(ex: Extractor) -> None:
    facts = run(ex, "Gunmen stormed a bank in the town. The soldiers arrived an hour later.")
    assert not any(e.cls == "ArmedForces" for e in facts.entities.values())


# -- "fighters loyal to P": forces named by the person they serve ---------------------------
@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("Fighters loyal to Khalifa Haftar attacked Tripoli on Sunday.", "Libyan National Army"),
        (
            "Militiamen loyal to army chief Deng Akol attacked Wau on Monday.",
            "forces loyal to Deng Akol",
        ),
        (
            "Troops loyal to former army general Thomas Kuol shelled Yei on Friday.",
            "forces loyal to Thomas Kuol",
        ),
    ],
)
def test_fighters_loyal_to_a_person_are_forces(ex: Extractor, text: str, forces: str) -> None:
    facts = run(ex, text)
    assert forces in facts.entities
    assert any(forces in e.agents for e in facts.events)


def test_fighters_loyal_to_a_leader_are_led_by_him(ex: Extractor) -> None:
    facts = run(ex, "Fighters loyal to Khalifa Haftar attacked Tripoli on Sunday.")
    found = {(r.type, r.subject, r.object) for r in facts.relations}
    assert ("leads", "Khalifa Haftar", "Libyan National Army") in found
    assert ("alliedWith", "Libyan National Army", "Khalifa Haftar") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Fighters loyal to the cause attacked the town on Sunday.",
        "Fighters who were once loyal to nobody attacked the town on Sunday.",
    ],
)
def test_loyal_to_no_one_named_makes_no_forces(ex: Extractor, text: str) -> None:
    assert not any(k.startswith("forces loyal to") for k in run(ex, text).entities)


# -- "the P-led rebels": the person leads them --------------------------------------------
@pytest.mark.parametrize(
    ("text", "person", "group"),
    [
        (
            "The Machar-led rebels attacked Bor on Tuesday.",
            "Riek Machar",
            "Sudan People's Liberation Movement-in-Opposition",
        ),
        ("Haftar-led forces attacked Tripoli on Sunday.", "Khalifa Haftar", "Libyan National Army"),
        (
            "Forces loyal to former army general Thomas Cirillo attacked Kajo Keji on Tuesday. "
            "The Cirillo-led rebels then withdrew.",
            "Thomas Cirillo",
            "National Salvation Front (South Sudan)",
        ),
    ],
)
def test_a_person_leads_the_forces_named_after_him(
    ex: Extractor, text: str, person: str, group: str
) -> None:
    facts = run(ex, text)
    found = {(r.type, r.subject, r.object) for r in facts.relations}
    assert ("leads", person, group) in found
    assert ("memberOf", person, group) not in found


def test_a_state_led_coalition_still_has_the_state_as_member(ex: Extractor) -> None:
    facts = run(ex, "The Saudi-led coalition struck Sanaa on Monday.")
    found = {(r.type, r.subject, r.object) for r in facts.relations}
    assert ("memberOf", "Saudi Arabia", "Saudi-led coalition") in found


# -- review: near misses of the loyal-to, person-led and people's-militants rules ---------------
def test_gunmen_loyal_to_a_president_are_not_his_army(ex: Extractor) -> None:
    facts = run(
        ex, "Gunmen loyal to President Faustin-Archange Touadera attacked a rally in Bangui."
    )
    assert "Central African Armed Forces" not in facts.entities


def test_a_person_led_government_makes_no_forces(ex: Extractor) -> None:
    text = "Prime Minister Benjamin Netanyahu spoke. The Netanyahu-led government ordered a strike."
    facts = run(ex, text)
    assert not any(
        r.type == "leads" and r.object == "Israel Defense Forces" for r in facts.relations
    )


@pytest.mark.parametrize(
    "text",
    [
        "Shia militants attacked a US base in Iraq on Monday.",
        "Sunni insurgents ambushed a convoy near Ramadi on Monday.",
    ],
)
def test_a_faith_names_no_militants(ex: Extractor, text: str) -> None:
    assert not any(k.endswith(("militants", "insurgents")) for k in run(ex, text).entities)
