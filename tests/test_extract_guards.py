"""Rules kept from overreaching (sentences of our own): a retake aimed at "it" finds its town,
a first-told attack with a phrase of its own stays, a building is no village, a past
description backs no one."""

from __future__ import annotations

from test_events import of_type, run

from kg.extract.pipeline import Extractor


def test_an_offensive_to_retake_it_is_at_the_town_it_stands_for(ex: Extractor) -> None:
    facts = run(ex, "Russia seized Kherson in March. Ukraine launched an offensive to retake it.")
    [off] = of_type(facts, "Offensive")
    assert (off.place, off.targets) == ("Kherson", ["Russia"])


def test_an_attack_told_with_its_target_and_day_is_kept(ex: Extractor) -> None:
    facts = run(ex, "Hezbollah's attack on Israeli troops on Tuesday drew a swift response.")
    [attack] = of_type(facts, "Attack")
    assert attack.agents == ["Hezbollah"]


def test_a_building_before_in_is_no_village(ex: Extractor) -> None:
    facts = run(ex, "A car bomb exploded outside Parliament in Mogadishu on Sunday, killing five.")
    assert {e.place for e in facts.events} == {"Mogadishu"}


def test_a_past_description_backs_no_one(ex: Extractor) -> None:
    text = "The Fano militia, once a force that supported the Ethiopian army, now fights it."
    facts = run(ex, text)
    assert not [r for r in facts.relations if r.type == "alliedWith"]
