"""Battles on sentences written for these tests (split from test_events_combat.py)."""

from __future__ import annotations

import pytest
from test_events import low, of_type, pairs, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "sides", "place"),
    [
        (
            "The army and M23 rebels clashed in Goma on Sunday.",
            {"m23", "armed forces of the democratic republic of the congo"},
            "Goma",
        ),
        (
            "Sudanese troops and RSF fighters clashed near El Fasher.",
            {"sudanese armed forces", "rapid support forces"},
            "El Fasher",
        ),
        (
            "Kurdish fighters and Arab tribesmen fought each other in Deir ez-Zor.",
            {"kurdish fighters", "arab tribesmen"},
            "Deir ez-Zor",
        ),
    ],
)
def test_co_subjects_of_a_reciprocal_fight_are_its_sides(
    ex: Extractor, text: str, sides: set[str], place: str
) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Battle")
    assert (low(ev.agents), ev.place) == (sides, place)
    assert pairs(facts, "fights") == {tuple(sorted(sides))}


def test_co_subjects_fighting_someone_unnamed_are_allies(ex: Extractor) -> None:
    assert not of_type(run(ex, "Turkish troops and Syrian rebels fought in Afrin."), "Battle")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Heavy fighting was reported around Bakhmut.", "Bakhmut"),
        ("Fierce fighting raged in Omdurman on Friday.", "Omdurman"),
        ("Northern Shan State has seen heavy fighting since October.", "Northern Shan State"),
        ("Darfur has been the scene of fierce clashes between the army and the RSF.", "Darfur"),
        ("The army command said fierce battles for Avdiivka go on.", "Avdiivka"),
    ],
)
def test_fighting_placed_by_its_verb_or_scene(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Battle")] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "The battle for Kherson could mark a turning point.",
        "Fighting in Goma has not resumed since the truce.",
        "The coalition launched an assault on Hodeidah, a crucial battle in the war.",
        # "engage" is a fight only with an armed object, not in talks (battle.engage_verbs)
        "The Congolese army engaged the M23 in talks in Goma.",
        "The envoy engaged with Hamas leaders in Doha.",
    ],
)
def test_no_battle_stated(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Battle")


@pytest.mark.parametrize(
    ("text", "agents", "targets"),
    [
        (
            "The RSF attacked Sudanese army positions in El Fasher. "
            "Heavy fighting raged around the city.",
            {"rapid support forces"},
            {"sudanese armed forces"},
        ),
        (
            "Wagner fighters seized Bakhmut from Ukrainian forces. "
            "The battle for the city lasted eight months.",
            {"wagner group"},
            {"armed forces of ukraine"},
        ),
    ],
)
def test_a_battle_takes_its_sides_from_the_article(
    ex: Extractor, text: str, agents: set[str], targets: set[str]
) -> None:
    (ev,) = of_type(run(ex, text), "Battle")
    assert (low(ev.agents), low(ev.targets)) == (agents, targets)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # another country, another year
        (
            "The army retook Goma from M23 rebels in 2013. "
            "Heavy fighting was reported around Kassala on Friday.",
            "Kassala",
        ),
        # one country, but another year
        (
            "Malian troops retook Kidal from Tuareg rebels in 2013. "
            "Heavy fighting was reported around Gao on Friday.",
            "Gao",
        ),
    ],
)
def test_a_battle_takes_no_sides_from_an_unrelated_sentence(
    ex: Extractor, text: str, place: str
) -> None:
    (ev,) = of_type(run(ex, text), "Battle")
    assert (ev.agents, ev.place) == ([], place)


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Government troops are locked in fierce fighting with M23 rebels near Goma.",
            {"m23", "armed forces of the democratic republic of the congo"},
        ),
        ("Taliban fighters engaged Afghan forces in heavy fighting in Kandahar.", None),
        ("Azerbaijani forces clashed with Armenian separatists in Nagorno-Karabakh.", None),
    ],
)
def test_sides_of_fighting_a_clause_is_engaged_in(
    ex: Extractor, text: str, sides: set[str] | None
) -> None:
    (ev,) = of_type(run(ex, text), "Battle")
    assert len(ev.agents) == 2
    if sides is not None:
        assert low(ev.agents) == sides


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Clashes between the SDF and tribal fighters killed 25 people in Deir ez-Zor.", 25),
        ("Fighting between the army and the RSF killed 40 civilians in Omdurman.", 40),
    ],
)
def test_the_dead_of_a_battle_are_its_figures(ex: Extractor, text: str, killed: int) -> None:
    facts = run(ex, text)
    assert [e.figures.get("killed") for e in of_type(facts, "Battle")] == [killed]
    assert not of_type(facts, "CasualtyReport")


@pytest.mark.parametrize(
    ("text", "sides", "foes"),
    [
        (
            "M23 fighters and Rwandan troops entered Goma on Sunday after days of fighting with "
            "Congolese forces.",
            {"m23", "rwanda defence force"},
            {"armed forces of the democratic republic of the congo"},
        ),
        (
            "The RSF took Wad Madani following heavy fighting with Sudanese troops.",
            {"rapid support forces"},
            {"sudanese armed forces"},
        ),
    ],
)
def test_fighting_after_which_the_clause_acts_was_its_doers(
    ex: Extractor, text: str, sides: set[str], foes: set[str]
) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Battle")
    assert (low(ev.agents), low(ev.targets)) == (sides, foes)
    assert all(
        r.object.lower() in foes or r.subject.lower() in foes
        for r in facts.relations
        if r.type == "fights"
    )


def test_who_denounces_fighting_did_not_fight(ex: Extractor) -> None:
    facts = run(ex, "The UN denounced the fighting with M23 in Goma.")
    assert all("United Nations" not in e.agents for e in facts.events)


@pytest.mark.parametrize(
    ("text", "agents", "place"),
    [
        (
            "Ukrainian forces are battling to hold Avdiivka.",
            {"armed forces of ukraine"},
            "Avdiivka",
        ),
        ("Fierce fighting continued for control of Avdiivka.", set(), "Avdiivka"),
        (
            "Rebel fighters and government troops exchanged fire in the city of Hama.",
            {"syrian opposition", "syrian arab army"},
            "Hama",
        ),
    ],
)
def test_more_ways_of_saying_a_battle(
    ex: Extractor, text: str, agents: set[str], place: str
) -> None:
    (ev,) = of_type(run(ex, text), "Battle")
    assert (low(ev.agents), ev.place) == (agents, place)


@pytest.mark.parametrize(
    "text",
    ["The two sides exchanged prisoners in Riyadh.", "The army fought for months."],
)
def test_exchanges_and_fights_that_state_no_battle(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Battle")


def test_the_sides_of_fighting_hung_on_its_place(ex: Extractor) -> None:
    (ev,) = of_type(run(ex, "Heavy fighting broke out in Goma between M23 and the army."), "Battle")
    assert "M23" in ev.agents
    assert len(ev.agents) == 2


@pytest.mark.parametrize(
    ("text", "battle"),
    [
        # a perfect with one side in a whole country records where a group has fought
        ("Several of its brigades have also fought in Yemen alongside the Houthis.", False),
        ("Chadian units have fought in Mali for a decade.", False),
        # a past battle in a country, or a perfect at a town, stays
        ("Hezbollah fought in Syria on the government's side.", True),
        ("Wagner fighters have fought in Bakhmut since May.", True),
    ],
)
def test_where_a_group_has_fought_is_no_battle(ex: Extractor, text: str, battle: bool) -> None:
    assert bool(of_type(run(ex, text), "Battle")) is battle


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Iraqi forces began the battle for Mosul in October 2016.",
            "iraqi security forces",
            "Mosul",
        ),
        (
            "The Libyan National Army launched the battle to retake Benghazi in May 2014.",
            "libyan national army",
            "Benghazi",
        ),
    ],
)
def test_who_began_a_battle_fights_it(ex: Extractor, text: str, agent: str, place: str) -> None:
    (ev,) = of_type(run(ex, text), "Battle")
    assert agent in low(ev.agents)
    assert ev.place == place


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces did not begin the battle for Mosul until the autumn.",
        "Iraqi forces prepared for the battle for Mosul in October 2016.",
        "Iraqi forces prepared the battle for Mosul in October 2016.",
        "Iraqi commanders announced the battle for Mosul in October 2016.",
    ],
)
def test_who_only_readied_a_battle_is_no_side_of_it(ex: Extractor, text: str) -> None:
    assert all(not ev.agents for ev in of_type(run(ex, text), "Battle"))
