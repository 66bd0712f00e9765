"""Event rules, session 26 (helper ev): phrasings of real war news written anew for other
wars. Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import low, of_type, run

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate


# -- a side's own losses: "X lost N soldiers", "X suffered N wounded" ----------------------
@pytest.mark.parametrize(
    ("text", "target", "figures", "place"),
    [
        (
            "The Syrian army lost 12 men in the assault on Idlib.",
            "Syrian Arab Army",
            {"killed": 12},
            "Idlib",
        ),
        (
            "The Houthis sustained 14 dead in the battle for Marib on Tuesday.",
            "Houthis",
            {"killed": 14},
            "Marib",
        ),
        ("The peshmerga suffered two wounded near Sinjar.", "Peshmerga", {"wounded": 2}, "Sinjar"),
        (
            "Ukrainian forces said they had lost nine soldiers near Bakhmut on Friday.",
            "Armed Forces of Ukraine",
            {"killed": 9},
            "Bakhmut",
        ),
        (
            "Al-Shabaab lost 30 fighters near Baidoa on Monday, the army said.",
            "al-Shabaab",
            {"killed": 30},
            "Baidoa",
        ),
    ],
)
def test_a_side_counts_its_own_losses(
    ex: Extractor, text: str, target: str, figures: dict[str, int], place: str
) -> None:
    reports = [e for e in run(ex, text).events if e.figures == figures]
    assert reports, text
    assert low(reports[0].targets) == low([target]), text
    assert reports[0].place == place, text


@pytest.mark.parametrize(
    "text",
    [
        "The army lost five tanks near Bakhmut.",
        "The Syrian army lost contact with ten soldiers near Palmyra.",
        "The militia could lose hundreds of fighters in Marib.",
        "The army did not lose a single soldier in Gao.",
        "The rebels lost 30 fighters to desertion in Kidal last year.",
        "The army lost control of five villages near Gao.",
        "The Houthis suffered heavy losses in Marib.",
    ],
)
def test_losses_that_are_no_dead(ex: Extractor, text: str) -> None:
    assert not [e for e in run(ex, text).events if e.figures], text


# -- attackers beaten off: "X repelled Y at P" is an attack by Y on X ------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Soldiers repelled ISWAP fighters at an army camp in Malam Fatori on Thursday.",
            "Islamic State West Africa Province",
            "Malam Fatori",
        ),
        ("Soldiers beat back M23 fighters at Kibumba on Monday.", "M23", "Kibumba"),
        (
            "Ukrainian forces fought off Russian troops near Avdiivka on Sunday.",
            "Russian Armed Forces",
            "Avdiivka",
        ),
        ("The army drove off Boko Haram fighters near Gwoza.", "Boko Haram", "Gwoza"),
        (
            "Houthi fighters were repulsed by the Yemeni army near Marib on Friday.",
            "Houthis",
            "Marib",
        ),
    ],
)
def test_a_repelled_attacker_attacked(ex: Extractor, text: str, agent: str, place: str) -> None:
    attacks = [e for e in of_type(run(ex, text), "Attack") if low([agent]) <= low(e.agents)]
    assert [e.place for e in attacks] == [place], text


@pytest.mark.parametrize(
    "text",
    [
        "The army vowed to repel the Houthis in Marib.",
        "Residents repelled the proposal in Baidoa.",
        "The Houthis beat the army in Marib.",
        "The Taliban fought off criticism from Kabul.",
        "The army did not repel al-Shabaab in Baidoa.",
    ],
)
def test_no_attack_beaten_off(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack"), text


# -- armed men who flee a place withdraw from it -------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("Islamic State fighters fled Mosul on Tuesday.", "Islamic State", "Mosul"),
        (
            "Ansar Dine fighters fled Timbuktu as French troops approached.",
            "Ansar Dine",
            "Timbuktu",
        ),
        ("The Houthis fled from Aden in July.", "Houthis", "Aden"),
        (
            "Islamic State fighters were forced to flee Ramadi in December.",
            "Islamic State",
            "Ramadi",
        ),
        (
            "French jets struck Gao, forcing MUJAO fighters to flee the city.",
            "Movement for Oneness and Jihad in West Africa",
            "Gao",
        ),
    ],
)
def test_armed_men_who_flee_withdraw(ex: Extractor, text: str, agent: str, place: str) -> None:
    out = of_type(run(ex, text), "Withdrawal")
    assert [(low(e.agents), e.place) for e in out] == [(low([agent]), place)], text


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of civilians fled Mosul on Tuesday.",
        "Residents fled Mosul as Islamic State fighters approached.",
        "Islamic State fighters did not flee Mosul.",
        "The Taliban commander planned to flee Kandahar.",
        "Al-Shabaab fighters fled into the forest after the raid.",
    ],
)
def test_no_withdrawal_by_flight(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Withdrawal"), text


# -- strikes begun or kept up: "jets began bombing P" ---------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("Russian jets began bombing rebel targets in Idlib last week.", "Russia", "Idlib"),
        (
            "Government warplanes continued bombing Houthi positions in Sanaa on Monday.",
            "Yemeni Armed Forces",
            "Sanaa",
        ),
        ("Israeli jets kept striking targets in Gaza overnight.", "Israel", "Gaza Strip"),
        ("Russia began bombing rebel targets in Idlib in September.", "Russia", "Idlib"),
    ],
)
def test_strikes_begun_are_airstrikes(ex: Extractor, text: str, agent: str, place: str) -> None:
    facts = run(ex, text)
    strikes = of_type(facts, "Airstrike")
    assert [(low(e.agents), e.place) for e in strikes] == [(low([agent]), place)], text
    assert not of_type(facts, "Attack"), text  # the jets' strike is no ground attack


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets began flying over Idlib last week.",
        "Russian jets could begin bombing Idlib next week.",
        "Syrian jets did not begin bombing Idlib.",
        "Russia may start bombing rebel targets in Idlib.",
    ],
)
def test_no_strike_begun(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Airstrike"), text


# -- a capture told in a relative clause on a place's description -------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Timbuktu, a city which French troops recaptured on Monday, was calm.",
            "French Armed Forces",
            "Timbuktu",
        ),
        (
            "French jets struck a camp near Konna, a key town which Malian troops recaptured on"
            " Friday.",
            "Malian Armed Forces",
            "Konna",
        ),
        ("Kunduz, a city the Taliban captured in 2015, is calm.", "Taliban", "Kunduz"),
        (
            "Marawi, a city which Filipino troops retook in October, lies in ruins.",
            "Armed Forces of the Philippines",
            "Marawi",
        ),
    ],
)
def test_a_capture_in_a_relative_clause(ex: Extractor, text: str, agent: str, place: str) -> None:
    caps = of_type(run(ex, text), "Capture")
    assert [(low(e.agents), e.place) for e in caps] == [(low([agent]), place)], text


@pytest.mark.parametrize(
    "text",
    [
        "Kidal, a town which the rebels hope to capture, is calm.",
        "Aleppo, a city which the army once held, is calm.",
        "The weapons the army seized in Gao were destroyed.",
        "The fighters the army captured in Marawi were jailed.",
    ],
)
def test_no_capture_in_a_relative_clause(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Capture"), text


def test_repelled_them_restates_the_attack_told(ex: Extractor) -> None:
    # "repelled them": the rebels' attack the sentence before told, not a second one
    text = "Al-Shabaab fighters stormed an army base in Baidoa on Tuesday. The army repelled them."
    assert len(of_type(run(ex, text), "Attack")) == 1


def test_bare_soldiers_who_flee_stay_unnamed(ex: Extractor) -> None:
    # whose soldiers fled, the words leave open: no withdrawal of the country's army
    text = "ISWAP overran Marte on Friday. The group said soldiers had fled the town on Sunday."
    assert not of_type(run(ex, text), "Withdrawal")


# -- review: near misses of the lost-men and withdrawal-flee rules ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The ruling party lost 30 members to the opposition ahead of the election.",
        "Kenya's police lost 200 officers to HIV last year.",
        "The Kenyan police lost three officers in a road accident near Nakuru.",
        "The mining company lost 12 men in a shaft collapse near Kolwezi.",
    ],
)
def test_losses_not_in_fighting_are_no_casualties(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=FuzzyDate(2021, 3, 1)), text)
    assert not [e for e in facts.events if e.type == "CasualtyReport"]


@pytest.mark.parametrize(
    "text",
    [
        "A senior Hamas commander fled Gaza for Egypt last year.",
        "Two Malian soldiers who fled Bamako after the coup were arrested in Dakar.",
        "Dozens of Syrian army defectors fled Syria for Turkey.",
        "The Wagner chief fled Rostov after the mutiny collapsed.",
    ],
)
def test_one_man_or_a_few_fleeing_is_no_withdrawal(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=FuzzyDate(2021, 3, 1)), text)
    assert not [e for e in facts.events if e.type == "Withdrawal"]
    assert not [r for r in facts.relations if r.type == "controls"]
