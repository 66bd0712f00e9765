"""Event rules, session 14: where an event is when its sentence names several places, and
statements that report no new event (sentences of our own)."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        # the town named after the province that owns it
        (
            "Gunmen stormed a police post in Nangarhar province's capital Jalalabad on Monday, "
            "killing six officers.",
            "Attack",
            "Jalalabad",
        ),
        (
            "Shelling in North Darfur's state capital, El Fasher, killed nine people on Sunday.",
            "CasualtyReport",
            "El Fasher",
        ),
        (
            "Rebels attacked an army post in Anbar province's Ramadi overnight.",
            "Attack",
            "Ramadi",
        ),
    ],
)
def test_a_town_before_the_province_that_contains_it(
    ex: Extractor, text: str, type_: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [place]


def test_two_towns_neither_inside_the_other_keep_their_order(ex: Extractor) -> None:
    text = "Gunmen attacked a checkpoint in Kandahar, 80 km from Jalalabad, on Monday."
    assert [e.place for e in of_type(run(ex, text), "Attack")] == ["Kandahar"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Rebels raid army outpost in Mali, kill 14 soldiers", 14),
        (
            "The toll was the highest since an ambush near Gao in March, in which nine "
            "soldiers were killed.",
            9,
        ),
        ("Gunmen attacked a police station in Baidoa on Monday and killed five officers.", 5),
    ],
)
def test_the_dead_a_clause_counts_for_its_attack_are_its_figures(
    ex: Extractor, text: str, killed: int
) -> None:
    facts = run(ex, text)
    assert [e.figures.get("killed") for e in of_type(facts, "Attack")] == [killed]
    assert of_type(facts, "CasualtyReport") == []


def test_dead_of_a_cause_of_their_own_are_not_the_attacks(ex: Extractor) -> None:
    text = (
        "Gunmen attacked a police station in Baidoa on Monday, while four people were killed "
        "in clashes in Kismayo."
    )
    assert [e.figures for e in of_type(run(ex, text), "Attack")] == [{}]


def test_the_dead_of_attacks_in_the_plural_keep_their_report(ex: Extractor) -> None:
    text = "More than 40 soldiers have died from militant attacks in Borno since January."
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [e.figures.get("killed") for e in reports] == [40]


@pytest.mark.parametrize(
    "text",
    [
        "Six villagers died on Friday in the border town when troops shelled its eastern "
        "quarter, the Britain-based monitor said.",
        "Four people were killed on Monday, according to a Paris-headquartered rights group.",
    ],
)
def test_where_a_source_sits_is_no_place_of_the_event(ex: Extractor, text: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "CasualtyReport")] == [None]


def test_the_place_named_beside_a_based_source_stays(ex: Extractor) -> None:
    text = "Five people were killed in Aleppo on Monday, the London-based monitor said."
    assert [e.place for e in of_type(run(ex, text), "CasualtyReport")] == ["Aleppo"]


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked an army base near Kupwara on Sunday, killing 12 soldiers in the "
        "deadliest such attack in the valley since 2016.",
        "Gunmen stormed a police post in Kunduz, killing nine officers, the worst attack on "
        "police in the province since March.",
    ],
)
def test_a_compared_attack_is_the_one_stated_and_not_dated_by_since(
    ex: Extractor, text: str
) -> None:
    attacks = of_type(run(ex, text), "Attack")
    assert len(attacks) == 1
    assert attacks[0].date is not None
    assert attacks[0].date.year == 2024  # not the "since" year


def test_since_on_the_attack_itself_dates_it(ex: Extractor) -> None:
    text = "Militants have attacked the base in Kunduz repeatedly since 2014."
    assert [str(e.date) for e in of_type(run(ex, text), "Attack")] == ["2014"]


@pytest.mark.parametrize(
    "text",
    [
        "Home Minister Ravi Kumar spoke on Monday. The toll was the highest since an ambush near "
        "Kupwara in May, in which six soldiers were killed.",
        "The army has carried out dozens of operations against the rebels in which 14 soldiers "
        "were killed.",
    ],
)
def test_in_which_names_the_event_not_the_killer(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert all(not e.agents for e in facts.events if e.figures.get("killed"))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        (
            "Niger's army is fighting Boko Haram militants who launch raids across the border "
            "from Nigeria.",
            "Attack",
        ),
        (
            "Iraqi troops clashed with IS militants on Monday, a week after the militants "
            "crossed over from Syria.",
            "Battle",
        ),
    ],
)
def test_where_fighters_came_from_is_no_place(ex: Extractor, text: str, type_: str) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [None]


def test_the_place_a_toll_from_strikes_names_stays(ex: Extractor) -> None:
    text = "The death toll from Russian strikes on Kharkiv has risen to 14."
    assert [e.place for e in of_type(run(ex, text), "CasualtyReport")] == ["Kharkiv"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Rebels storm army post in Chad, kill 9\n\nNine soldiers died on Tuesday when "
            "rebels stormed an army post in Chad, officials said. The assault on the post in "
            "Bol lasted two hours.",
            "Bol",
        ),
        (
            "Jihadists raid base in Burkina Faso\n\nThe raid on the base near Djibo began "
            "before dawn on Sunday, a security source said.",
            "Djibo",
        ),
    ],
)
def test_a_headline_event_in_a_country_is_the_storys_event_in_a_town(
    ex: Extractor, text: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] == [place]


def test_an_event_in_a_country_later_in_the_story_stays(ex: Extractor) -> None:
    text = (
        "Rebels stormed an army post in Bol on Tuesday. The army said it repelled them. "
        "Officials said the militants had also raided a camp in Chad last year."
    )
    assert sorted(e.place for e in of_type(run(ex, text), "Attack")) == ["Bol", "Chad"]


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents attacked a checkpoint with rifles and grenades, killing seven policemen.",
        "Five guards were killed on Friday when unidentified gunmen attacked a border post.",
    ],
)
def test_an_attack_on_a_military_site_is_an_attack_however_placed(ex: Extractor, text: str) -> None:
    assert len(of_type(run(ex, text), "Attack")) == 1


def test_attacking_a_policy_is_no_attack(ex: Extractor) -> None:
    assert of_type(run(ex, "Opposition leaders attacked the new budget plan."), "Attack") == []


def test_a_report_repeating_an_attacks_toll_joins_it(ex: Extractor) -> None:
    text = (
        "Taliban fighters attacked a police post in Kunduz on Monday, killing six officers. "
        "A Taliban spokesman said the group had killed six officers."
    )
    facts = run(ex, text)
    assert [e.figures.get("killed") for e in of_type(facts, "Attack")] == [6]
    assert of_type(facts, "CasualtyReport") == []


def test_died_from_attacks_in_a_place_is_placed_there(ex: Extractor) -> None:
    text = "At least 30 villagers have died from militant raids in Borno since March."
    assert [e.place for e in of_type(run(ex, text), "CasualtyReport")] == ["Borno State"]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Russian jets bombed Kharkiv on Saturday. Officials said 12 people died in Kharkiv "
            "when the bombs hit homes.",
            "Russia",
        ),
        (
            "Russian missiles struck Odesa on Friday. Three people were killed in Odesa, the "
            "governor said.",
            "Russia",
        ),
    ],
)
def test_a_report_at_the_place_just_struck_counts_that_strikes_dead(
    ex: Extractor, text: str, agent: str
) -> None:
    assert [e.agents for e in of_type(run(ex, text), "CasualtyReport")] == [[agent]]


def test_a_report_at_another_place_has_no_killer_from_the_strike(ex: Extractor) -> None:
    text = "Russian jets bombed Kharkiv on Saturday. Separately, five people died in Kyiv."
    assert [e.agents for e in of_type(run(ex, text), "CasualtyReport")] == [[]]


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents raided a police camp close to the border with Pakistan before "
        "dawn, and three officers died.",
        "Gunmen ambushed a patrol close to the frontier with Niger, killing six soldiers.",
    ],
)
def test_the_country_across_a_border_is_no_place(ex: Extractor, text: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] == [None]


def test_a_border_town_is_still_a_place(ex: Extractor) -> None:
    text = "Gunmen ambushed a patrol near Kidal, close to the border with Algeria."
    assert [e.place for e in of_type(run(ex, text), "Attack")] == ["Kidal"]


@pytest.mark.parametrize(
    "text",
    [
        "In Syria the rebels began an offensive in July to take the commercial capital.",
        "In Iraq the militants launched an offensive in June to seize the economic capital.",
    ],
)
def test_a_qualified_capital_is_not_the_countrys(ex: Extractor, text: str) -> None:
    places = [e.place for e in of_type(run(ex, text), "Offensive")]
    assert "Damascus" not in places
    assert "Baghdad" not in places


def test_the_capital_is_the_countrys(ex: Extractor) -> None:
    text = "In Syria the rebels began an offensive in July to take the capital."
    assert [e.place for e in of_type(run(ex, text), "Offensive")] == ["Damascus"]


@pytest.mark.parametrize(
    "text",
    [
        "Nearly 7,000 people have been killed in the six months of intense fighting, a monitor "
        "said.",
        "More than 2,000 civilians died in three years of war.",
    ],
)
def test_the_dead_of_a_span_of_fighting_are_no_report(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "CasualtyReport") == []


def test_the_dead_of_a_days_fighting_are_reported(ex: Extractor) -> None:
    text = "Twelve people were killed in Sunday's fighting in Bol."
    assert [e.figures.get("killed") for e in of_type(run(ex, text), "CasualtyReport")] == [12]


@pytest.mark.parametrize(
    "text",
    [
        "Government troops launched a surprise attack on Monday night to regain control of Kidal.",
        "The army carried out an attack on Tuesday to recapture Gao.",
    ],
)
def test_an_attack_to_take_a_place_is_one_offensive(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert len(of_type(facts, "Offensive")) == 1
    assert of_type(facts, "Attack") == []


def test_an_attack_beside_anothers_offensive_stays(ex: Extractor) -> None:
    text = (
        "In Kidal, rebels attacked an army post on Monday, while the army began an offensive "
        "on Gao."
    )
    facts = run(ex, text)
    assert [e.place for e in of_type(facts, "Attack")] == ["Kidal"]
