"""Who an event's agent is when the sentence names a person or a coalition by its leader
(sentences of our own)."""

from __future__ import annotations

import pytest
from test_events import low, of_type, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Valery Zaluzhny, Ukraine's commander-in-chief, ordered a withdrawal from Kherson.",
            "Ukraine",
            "Kherson",
        ),
        (
            "Abdel Fattah al-Burhan, the head of the Sudanese army, announced a pullout from "
            "Wad Madani.",
            "Sudanese Armed Forces",
            "Wad Madani",
        ),
    ],
)
def test_a_leader_withdraws_for_his_side(ex: Extractor, text: str, agent: str, place: str) -> None:
    facts = run(ex, text)
    [ev] = of_type(facts, "Withdrawal")
    assert low(ev.agents) == low([agent])
    assert ev.place == place
    held = {(r.subject, r.object) for r in facts.relations if r.type == "controls"}
    assert (agent, place) in held  # held until then: by the side, not by its leader
    assert not any(r.subject == text.split(",")[0] for r in facts.relations if r.type == "controls")


def test_a_withdrawal_spoken_of_is_not_the_speakers(ex: Extractor) -> None:
    """ "The withdrawal from P was completed, the army said": the speaker is not the doer."""
    facts = run(ex, "The withdrawal from Kherson was completed, the army said.")
    assert not of_type(facts, "Withdrawal")


@pytest.mark.parametrize(
    ("text", "coalition", "leader"),
    [
        (
            "HTS-led rebels launched an offensive on Hama.",
            "Hayat Tahrir al-Sham-led rebels",
            "Hayat Tahrir al-Sham",
        ),
        (
            "Wagner-led fighters attacked the town of Soledar.",
            "Wagner Group-led fighters",
            "Wagner Group",
        ),
    ],
)
def test_fighters_led_by_a_group_are_not_its_clients(
    ex: Extractor, text: str, coalition: str, leader: str
) -> None:
    facts = run(ex, text)
    assert coalition in facts.entities
    rel = {(r.type, r.subject, r.object) for r in facts.relations}
    assert ("memberOf", leader, coalition) in rel
    assert not any(t == "backs" for t, _, _ in rel)


@pytest.mark.parametrize(
    ("text", "target", "place"),
    [
        (
            "Airstrikes by the United States hit Kataib Hezbollah positions near al-Qaim.",
            "Kataib Hezbollah",
            "Al-Qaim",
        ),
        ("Air raids by Russia destroyed HTS depots in Saraqib.", "Hayat Tahrir al-Sham", "Saraqib"),
    ],
)
def test_what_the_strikes_hit(ex: Extractor, text: str, target: str, place: str) -> None:
    """The strikes as the subject of a verb of hitting: its object is their target; who
    strikes ("by the United States") is no place."""
    [ev] = of_type(run(ex, text), "Airstrike")
    assert low(ev.targets) == low([target])
    assert ev.place == place


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        # who claims the attack did it
        ("Boko Haram claimed responsibility for the attack on the base in Monguno.", "Boko Haram"),
        ("The Islamic State claimed credit for the bombing in Kabul.", "Islamic State"),
        # "its forces" of a ministry or government are the state's forces
        (
            "Ukraine's defence ministry said its forces had recaptured Kupiansk.",
            "Armed Forces of Ukraine",
        ),
    ],
)
def test_the_doer_a_claim_names(ex: Extractor, text: str, agent: str) -> None:
    facts = run(ex, text)
    assert any(low([agent]) <= low(e.agents) for e in facts.events)


@pytest.mark.parametrize(
    ("text", "agents"),
    [
        ("Turkey has carried out dozens of drone strikes on PKK targets in Sinjar.", ["Turkey"]),
        (
            "Al-Shabaab launched a wave of attacks on army bases in Hiraan on Monday.",
            ["al-Shabaab"],
        ),
        # a count taken by a verb of no doing names no doer
        ("The UN condemned a wave of attacks on aid convoys in Darfur.", []),
    ],
)
def test_the_doer_of_counted_attacks(ex: Extractor, text: str, agents: list[str]) -> None:
    # "dozens of X", "a wave of X": the verb takes the count in the attacks' stead
    assert [e.agents for e in of_type(run(ex, text), "Attack")] == [agents]
