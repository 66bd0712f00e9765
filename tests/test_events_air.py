"""Strikes from the air and who flies them, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleFacts, ArticleMeta, EventFact, FuzzyDate

PUB = FuzzyDate(2024, 11, 30)  # a Saturday


def run(ex: Extractor, text: str) -> ArticleFacts:
    return ex.extract(ArticleMeta("test.txt", date=PUB), text)


def of_type(facts: ArticleFacts, type_: str) -> list[EventFact]:
    return [e for e in facts.events if e.type == type_]


# --- aircraft named without a demonym ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        # an official possessor flies them
        (
            "The junta's jets bombed a village near Sagaing on Monday.",
            "State Administration Council",
            "Sagaing",
        ),
        # the forces of the country in context
        (
            "Government aircraft bombed the town of Nyala in Darfur.",
            "Sudanese Armed Forces",
            "Nyala",
        ),
        ("Military planes dropped bombs on a market in Taunggyi.", "Tatmadaw", "Taunggyi"),
        ("A military jet dropped two bombs on a school in Lashio.", "Tatmadaw", "Lashio"),
        (
            "Army helicopter gunships pounded rebel positions north of Tikrit.",
            "Iraqi Security Forces",
            "Tikrit",
        ),
        # "X-led" aircraft: the coalition the gazetteer knows by that name
        ("Saudi-led warplanes struck a fuel depot in Hodeidah.", "Saudi-led coalition", "Hodeidah"),
        # aircraft right after an official actor's name, or "of" / "from" it
        (
            "Saudi-led coalition warplanes strike rebel targets near Saada",
            "Saudi-led coalition",
            "Saada",
        ),
        ("NATO jets bombed an ammunition depot outside Sirte on Friday.", "NATO", "Sirte"),
        (
            "Jets of the Saudi-led coalition carried out raids on Houthi posts near Marib.",
            "Saudi-led coalition",
            "Marib",
        ),
        (
            "Warplanes from the Saudi-led coalition conducted several raids near Saada.",
            "Saudi-led coalition",
            "Saada",
        ),
        # a country "from" whom they come: that state, and no place of the strike
        ("On Sunday jets from France bombed rebel camps near Tessalit.", "France", "Tessalit"),
    ],
)
def test_aircraft_of_an_owner_named_otherwise(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    strikes = of_type(run(ex, text), "Airstrike")
    assert [e.place for e in strikes] == [place]
    assert agent in strikes[0].agents


def test_gunships_pounding_is_no_shelling_too(ex: Extractor) -> None:
    facts = run(ex, "Army helicopter gunships pounded rebel positions north of Tikrit.")
    assert of_type(facts, "Bombardment") == []


@pytest.mark.parametrize(
    "text",
    [
        "Turkish jets flew over Afrin on Monday.",  # flying is no strike
        "Government aircraft did not bomb the town of Nyala.",  # negated
        "The rebels' drones hit a market in Nyala.",  # an armed group's drones: no airstrike
        "Hezbollah drones struck an army post near Metula.",  # a group's drones: an attack
        "Jets of the Saudi-led coalition flew over Marib on Monday.",  # flying is no strike
        "NATO jets could bomb the depots near Sirte.",  # only possible
    ],
)
def test_no_airstrike(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "Airstrike") == []


def test_raids_of_aircraft_are_one_airstrike(ex: Extractor) -> None:
    facts = run(ex, "Jets of the Saudi-led coalition carried out raids on Houthi posts near Marib.")
    assert of_type(facts, "Attack") == []
    assert len(of_type(facts, "Airstrike")) == 1


def test_killed_in_air_strikes_by_aircraft(ex: Extractor) -> None:
    facts = run(ex, "Eight villagers were killed in air raids by Saudi-led jets near Saada.")
    strikes = of_type(facts, "Airstrike")
    assert [(e.agents, e.place) for e in strikes] == [(["Saudi-led coalition"], "Saada")]
    # the dead the sentence counts are the raids' (kg.extract.retold), no report of their own
    assert strikes[0].figures == {"killed": 8}
    assert of_type(facts, "CasualtyReport") == []


# --- the dead of a strike a "when" clause states ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Twelve people were killed on Monday when the RSF shelled a market in El Fasher.",
            "Rapid Support Forces",
        ),
        (
            "Nine farmers were killed when the Myanmar army carried out air strikes "
            "on a village in Sagaing.",
            "Tatmadaw",
        ),
    ],
)
def test_killed_when_someone_struck(ex: Extractor, text: str, agent: str) -> None:
    # a report with its killer, or the shelling itself with its dead (kg.extract.retold)
    tolls = [e.agents for e in run(ex, text).events if e.figures.get("killed")]
    assert tolls == [[agent]]


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed when the army arrived in Goma.",  # arriving is no strike
    ],
)
def test_killed_when_no_strike(ex: Extractor, text: str) -> None:
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [e.agents for e in reports] == [[]]


def test_killed_when_a_bus_hit_a_mine_is_an_attack_of_no_one_named(ex: Extractor) -> None:
    # the mine is the attack, with its dead (kg.extract.blasts); no one is named as its doer
    facts = run(ex, "Five people were killed when a bus hit a mine near Goma.")
    assert [(e.agents, e.figures) for e in of_type(facts, "Attack")] == [([], {"killed": 5})]
    assert of_type(facts, "CasualtyReport") == []


def test_a_village_in_a_region_is_one_strike(ex: Extractor) -> None:
    text = "Government jets bombed the village of Kafr Nabl in Idlib province on Monday."
    assert [e.place for e in of_type(run(ex, text), "Airstrike")] == ["Kafr Nabl"]


def test_aircraft_that_targeted_are_no_ground_attack(ex: Extractor) -> None:
    text = "Six people died in air raids by Saudi-led jets that targeted a house in Saada."
    facts = run(ex, text)
    assert of_type(facts, "Attack") == []
    assert [e.agents for e in of_type(facts, "Airstrike")] == [["Saudi-led coalition"]]


# --- aircraft shot down -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "target", "place"),
    [
        (
            "The rebels shot down a government helicopter over Idlib.",
            "Syrian opposition",
            "Syrian Arab Army",
            "Idlib",
        ),
        ("Hezbollah downed an Israeli drone near Nabatieh.", "Hezbollah", "Israel", "Nabatieh"),
        ("A Russian jet was shot down by Turkey near Latakia.", "Turkey", "Russia", "Latakia"),
    ],
)
def test_shooting_down_aircraft_attacks_their_owner(
    ex: Extractor, text: str, agent: str, target: str, place: str
) -> None:
    attacks = of_type(run(ex, text), "Attack")
    assert [(e.agents, e.targets, e.place) for e in attacks] == [([agent], [target], place)]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels could not shoot down the helicopter over Idlib.",  # modal, negated
        "The army shot down the proposal of the rebels in Idlib.",  # no aircraft
    ],
)
def test_no_aircraft_shot_down(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "Attack") == []


# --- the dead of a strike stated in the next sentence ----------------------------------------
def test_casualties_after_their_strike_take_its_place_and_doer(ex: Extractor) -> None:
    text = (
        "Government jets bombed a market in Kafr Nabl on Tuesday. "
        "Eleven people were killed and twenty wounded, a witness said."
    )
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [(e.place, e.agents, str(e.date)) for e in reports] == [
        ("Kafr Nabl", ["Syrian Arab Army"], "2024-11-26")
    ]


def test_casualties_far_from_a_strike_stay_unplaced(ex: Extractor) -> None:
    text = (
        "Government jets bombed a market in Kafr Nabl on Tuesday. The town lies on a hill. "
        "Its mayor spoke to reporters. Medics said they had no news. "
        "Eleven people were killed, a witness said."
    )
    # unplaced, in an article that places the bombing: dropped (kg.extract.unplaced)
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [(e.place, e.agents) for e in reports] == []


def test_a_headline_joins_the_placed_attack(ex: Extractor) -> None:
    text = (
        "Taliban raid kills 9 guards\n\n"
        "The Taliban killed 9 guards in a raid on an outpost in Kunduz on Sunday."
    )
    attacks = of_type(run(ex, text), "Attack")
    assert [(e.place, e.figures.get("killed")) for e in attacks] == [("Kunduz", 9)]


def test_two_tolls_are_two_attacks(ex: Extractor) -> None:
    text = (
        "A Taliban raid killed 9 guards.\n\n"
        "The Taliban killed 4 guards in a raid on an outpost in Kunduz on Sunday."
    )
    # not one attack: the lede's keeps its own toll (the headline's, placed nowhere while the
    # lede's is placed, is dropped: kg.extract.unplaced)
    attacks = of_type(run(ex, text), "Attack")
    assert [(e.place, e.figures.get("killed")) for e in attacks] == [("Kunduz", 4)]


# --- who claims an attack ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "A raid at a village near Lashio left 30 soldiers dead, the TNLA claimed.",
            "Ta'ang National Liberation Army",
        ),
        (
            "Gunmen attacked a checkpoint in Kunduz on Sunday. "
            "Taliban spokesman Qari Yusuf claimed the raid.",
            "Taliban",
        ),
    ],
)
def test_who_claims_an_attack_made_it(ex: Extractor, text: str, agent: str) -> None:
    assert any(agent in e.agents for e in of_type(run(ex, text), "Attack"))


def test_a_news_agency_claiming_makes_no_attacker(ex: Extractor) -> None:
    text = "An attack on a base near Lashio killed 30 soldiers, Reuters claimed."
    assert [e.agents for e in of_type(run(ex, text), "Attack")] == [[]]


# --- tolls ----------------------------------------------------------------------------------
def test_leaving_people_killed_is_a_toll_not_flight(ex: Extractor) -> None:
    text = "A bomb went off near Ramadi, leaving three people killed and 11 others wounded."
    facts = run(ex, text)
    assert of_type(facts, "Displacement") == []
    # the bomb that went off is the attack, and the dead are its figures (kg.extract.blasts)
    assert [e.figures for e in of_type(facts, "Attack")] == [{"killed": 3, "wounded": 11}]


def test_the_dead_of_a_conflict_are_no_report(ex: Extractor) -> None:
    text = (
        "Four people were killed in shelling of Donetsk on Sunday, a blow to a truce in a "
        "war that has so far killed 14,000."
    )
    assert [e.figures for e in of_type(run(ex, text), "CasualtyReport")] == [{"killed": 4}]


@pytest.mark.parametrize(
    "text",
    [
        # the dead of a whole war a relative clause counts, whatever noun the parser hangs it on
        "Negotiations with the rebels failed to end the war, in which some "
        "9,000 people have been killed.",
        "The Houthis have fought the government in a conflict in which 9,000 people have died.",
        # a year's attacks: a statistic, no event
        "Islamist attacks in Mali, Niger and Chad killed nearly 3,000 people last year.",
        "Jihadist attacks in Mali and Niger left nearly 2,000 people dead in 2019, the UN said.",
    ],
)
def test_tolls_of_many_events_are_no_event(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert of_type(facts, "CasualtyReport") == of_type(facts, "Attack") == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # one attack a relative clause counts the dead of
        ("Rebels ambushed a convoy near Goma in an ambush in which 12 soldiers were killed.", 12),
        # attacks dated to a day or a week are events
        ("Jihadist attacks in Mali killed 30 soldiers on Monday.", 30),
        ("Boko Haram attacks in Borno killed 40 people last week.", 40),
    ],
)
def test_tolls_of_dated_attacks_stay(ex: Extractor, text: str, killed: int) -> None:
    facts = run(ex, text)
    assert [e.figures for e in of_type(facts, "CasualtyReport")] == [{"killed": killed}]
    assert len(of_type(facts, "Attack")) == 1


def test_a_country_an_attack_is_in_is_not_its_target(ex: Extractor) -> None:
    attacks = of_type(run(ex, "Jihadist attacks in Mali killed 30 soldiers on Monday."), "Attack")
    assert [e.place for e in attacks] == ["Mali"]
    assert all("Mali" not in e.targets for e in attacks)  # the soldiers may be its forces


def test_casualties_in_the_attack_refer_back_to_it(ex: Extractor) -> None:
    text = (
        "Al-Shabaab fighters attacked a police station in Baidoa on Friday. "
        "Six officers were killed in the attack, the governor said."
    )
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [(e.place, e.agents) for e in reports] == [("Baidoa", ["al-Shabaab"])]


def test_casualties_naming_their_own_cause_stay_theirs(ex: Extractor) -> None:
    text = (
        "Al-Shabaab fighters attacked a police station in Baidoa on Friday. "
        "Six people died in Saturday's floods, the governor said."
    )
    # not the attack's dead, nor placed in Baidoa; unplaced, it is dropped (kg.extract.unplaced)
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [(e.place, e.agents) for e in reports] == []


# --- offensives named by who launched them ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place", "date"),
    [
        # zero relative, which the parser reads as "offensive" qualifying the launchers
        (
            "The army said it had repelled an offensive RSF's fighters launched on Kassala in "
            "April last year.",
            "Rapid Support Forces",
            "Kassala",
            "2023-04",
        ),
        (
            "The army repelled an offensive the RSF launched on Kassala in April.",
            "Rapid Support Forces",
            "Kassala",
            "2024-04",
        ),
        (
            "An offensive launched by the RSF on Kassala in March failed.",
            "Rapid Support Forces",
            "Kassala",
            "2024-03",
        ),
    ],
)
def test_offensive_launched_by(ex: Extractor, text: str, agent: str, place: str, date: str) -> None:
    offs = of_type(run(ex, text), "Offensive")
    assert [(e.agents, e.place, str(e.date)) for e in offs] == [([agent], place, date)]


def test_offensive_not_launched(ex: Extractor) -> None:
    text = "The army said the RSF did not launch the offensive it had feared on Kassala."
    assert of_type(run(ex, text), "Offensive") == []


# --- withdrawals said otherwise ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("The army pulled back from Kupiansk on Monday.", "Armed Forces of Ukraine", "Kupiansk"),
        (
            "Russian troops completed their pullback from Kherson.",
            "Russian Armed Forces",
            "Kherson",
        ),
        (
            "Haftar's forces confirmed their redeployment away from Tripoli on Thursday.",
            "Libyan National Army",
            "Tripoli",
        ),
    ],
)
def test_withdrawal_words(ex: Extractor, text: str, agent: str, place: str) -> None:
    wd = of_type(run(ex, text), "Withdrawal")
    assert [(e.agents, e.place) for e in wd] == [([agent], place)]


@pytest.mark.parametrize(
    "text",
    [
        "The army denied a withdrawal from Kherson.",  # denied
        "The redeployment of Russian troops to Bakhmut began.",  # to a place, not from one
    ],
)
def test_no_withdrawal(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "Withdrawal") == []


# --- the country an article is about ----------------------------------------------------------
def test_a_named_government_says_whose_country_it_is(ex: Extractor) -> None:
    text = (
        "Leaders in Washington and New York welcomed the news. "
        "South Sudan's government and the rebels signed a ceasefire on Thursday."
    )
    truces = of_type(run(ex, text), "Ceasefire")
    assert [e.place for e in truces] == ["South Sudan"]


# --- dates and countries of other things ------------------------------------------------------
def test_a_date_of_another_noun_is_not_the_events(ex: Extractor) -> None:
    text = (
        "The Saudi-led coalition carried out air strikes on Sanaa as Hadi's forces prepared to "
        "retake the city of Taiz, taken by the Houthis in March 2015."
    )
    strikes = of_type(run(ex, text), "Airstrike")
    assert strikes
    assert all(str(e.date) == "2024-11" for e in strikes)


def test_a_date_of_the_event_itself_in_a_relative_clause(ex: Extractor) -> None:
    text = "The attack on Kassala, which took place on Monday, killed 12 people."
    assert [str(e.date) for e in of_type(run(ex, text), "Attack")] == ["2024-11-25"]


def test_the_country_is_not_one_qualifying_foreign_forces(ex: Extractor) -> None:
    text = (
        "The Taliban attacked checkpoints in Kunduz and Ghazni. "
        "Afghan forces have struggled since U.S. and NATO forces ended their combat mission. "
        "Attacks across the country have killed more than 200 people this month."
    )
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [e.place for e in reports if e.figures.get("killed") == 200] == ["Afghanistan"]


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "A Myanmar army airstrike on a monastery near Sagaing killed nine monks.",
            "Tatmadaw",
            "Sagaing",
        ),
        ("A Saudi-led air strike hit a wedding in Hodeidah.", "Saudi-led coalition", "Hodeidah"),
    ],
)
def test_one_strike_named_by_its_owner(ex: Extractor, text: str, agent: str, place: str) -> None:
    strikes = of_type(run(ex, text), "Airstrike")
    assert [(e.agents, e.place) for e in strikes] == [([agent], place)]


def test_owned_strikes_of_a_campaign_are_no_event(ex: Extractor) -> None:
    text = "Since June, Ethiopian airstrikes on Tigray have killed 900 people."
    assert of_type(run(ex, text), "Airstrike") == []


def test_air_raids_are_no_ground_attack(ex: Extractor) -> None:
    facts = run(ex, "Air raids by the Saudi-led coalition hit Sanaa on Monday.")
    assert of_type(facts, "Attack") == []
    assert [e.place for e in of_type(facts, "Airstrike")] == ["Sanaa"]


# --- an undated restatement joins its dated twin ---------------------------------------------
def test_an_undated_restatement_joins_the_dated_event(ex: Extractor) -> None:
    text = (
        "The Rapid Support Forces launched an offensive on Kassala in June. "
        "The Kassala offensive was the largest operation yet by the Rapid Support Forces."
    )
    offs = of_type(run(ex, text), "Offensive")
    assert [str(e.date) for e in offs] == ["2024-06"]


def test_an_undated_event_alone_keeps_the_publication_month(ex: Extractor) -> None:
    text = "The Kassala offensive was the largest operation yet by the Rapid Support Forces."
    assert [str(e.date) for e in of_type(run(ex, text), "Offensive")] == ["2024-11"]


def test_two_dated_events_stay_two(ex: Extractor) -> None:
    text = (
        "The Rapid Support Forces launched an offensive on Kassala in June. "
        "The Rapid Support Forces launched another offensive on Kassala in October."
    )
    assert len(of_type(run(ex, text), "Offensive")) == 2


@pytest.mark.parametrize(
    ("text", "type_", "date"),
    [
        # the capture of the capital in a clause on the place withdrawn from
        (
            "Russia ordered a retreat from Kherson, the sole provincial capital it has held "
            "since February.",
            "Withdrawal",
            "2024-11",
        ),
        # a time of another event after "since"
        (
            "The Taliban overran Kunduz in their largest gain since losing power in 2001.",
            "Capture",
            "2024-11",
        ),
        # the report that states the event dates it
        (
            "Iraqi forces have retaken Tal Afar, according to a statement issued by the army "
            "on 26 November.",
            "Capture",
            "2024-11-26",
        ),
        (
            "Kurdish fighters have driven IS out of Manbij, according to an announcement made "
            "on Friday.",
            "Capture",
            "2024-11-29",
        ),
    ],
)
def test_dates_of_other_clauses(ex: Extractor, text: str, type_: str, date: str) -> None:
    assert [str(e.date) for e in of_type(run(ex, text), type_)] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops pulled back from the west bank of the river near Kherson.",
        "The army pulled out of the west bank of the Dnieper on Friday.",
    ],
)
def test_a_lowercase_common_phrase_is_no_named_place(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert all(e.place != "West Bank" for e in facts.events)
    assert not {"West Bank", "place:West Bank"} & set(facts.entities)


def test_the_named_west_bank_stays(ex: Extractor) -> None:
    facts = run(ex, "Israeli forces withdrew from Jenin in the West Bank on Friday.")
    assert [e.place for e in of_type(facts, "Withdrawal")] == ["Jenin"]


# --- mediators named by their envoys ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mediators"),
    [
        (
            "The EU and United States envoys spent months trying to broker a durable truce "
            "in Sudan.",
            ["European Union", "United States"],
        ),
        ("Qatari mediators brokered a truce in Gaza on Friday.", ["Qatar"]),
        # the parser makes "the UN" the subject and "envoys" its conjunct
        (
            "The UN and British envoys tried to broker a truce in Yemen.",
            ["United Kingdom", "United Nations"],
        ),
        ("The AU and Kenyan envoys hoped to broker a deal in Juba.", ["African Union", "Kenya"]),
        # conjoined qualifiers; a plural role noun
        ("Ethiopian and Kenyan envoys brokered a truce in South Sudan.", ["Ethiopia", "Kenya"]),
        ("The UN and Egyptian negotiators brokered a truce in Gaza.", ["Egypt", "United Nations"]),
    ],
)
def test_envoys_broker_for_whoever_sent_them(
    ex: Extractor, text: str, mediators: list[str]
) -> None:
    talks = of_type(run(ex, text), "Negotiation")
    assert [sorted(e.agents) for e in talks] == [sorted(mediators)]


def test_envoys_who_failed_broker_nothing(ex: Extractor) -> None:
    text = "The UN envoys did not broker a truce in Yemen."
    assert of_type(run(ex, text), "Negotiation") == []


def test_unplaced_talks_are_in_the_articles_country(ex: Extractor) -> None:
    text = (
        "Fighting raged in Hodeidah and Taiz on Monday. "
        "Oman brokered a deal between the Houthis and the government on Friday."
    )
    assert [e.place for e in of_type(run(ex, text), "Negotiation")] == ["Yemen"]


@pytest.mark.parametrize(
    "text",
    [
        "Over 30,000 people have died since the group took up arms in 2009.",
        "At least 500 people have been killed in Darfur since 2015.",
    ],
)
def test_the_dead_of_years_are_no_report(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "CasualtyReport") == []


def test_the_dead_since_a_day_are_a_report(ex: Extractor) -> None:
    text = "Twelve people have been killed in Kassala since Monday."
    assert [e.figures for e in of_type(run(ex, text), "CasualtyReport")] == [{"killed": 12}]


# --- the other side of a battle ---------------------------------------------------------------
def test_battle_sides_on_one_side_and_on_the_other(ex: Extractor) -> None:
    text = (
        "Clashes have gone on in Kassala since May, between the army and allied militias on "
        "one side and the paramilitary RSF on the other."
    )
    battles = of_type(run(ex, text), "Battle")
    assert [sorted(e.agents) for e in battles] == [
        ["Rapid Support Forces", "Sudanese Armed Forces"]
    ]


def test_on_the_other_hand_is_no_side(ex: Extractor) -> None:
    text = (
        "Clashes between the army and the RSF went on in Kassala; on the other hand, Egypt waited."
    )
    battles = of_type(run(ex, text), "Battle")
    assert [sorted(e.agents) for e in battles] == [
        ["Rapid Support Forces", "Sudanese Armed Forces"]
    ]


# --- sites taken in a province of a country ---------------------------------------------------
def test_sites_in_a_countrys_province_are_taken_once(ex: Extractor) -> None:
    text = (
        "The Taliban overran three checkpoints in Afghanistan's northern Kunduz province on Monday."
    )
    assert [e.place for e in of_type(run(ex, text), "Capture")] == ["Kunduz Province"]


def test_sites_in_two_countries_are_two_captures(ex: Extractor) -> None:
    text = "The army seized rebel positions in Syria and Iraq."
    assert sorted(e.place or "" for e in of_type(run(ex, text), "Capture")) == ["Iraq", "Syria"]


# --- a place named only to measure a distance -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Iraqi forces retook the town of Saadiyah, some 90 km northeast of the capital "
            "Baghdad, on Thursday. Five civilians died in the town on Friday.",
            "Saadiyah",
        ),
        (
            "Syrian troops took Kafr Nabl, 30 kilometres south of Idlib, on Monday. "
            "Five civilians died in the town on Friday.",
            "Kafr Nabl",
        ),
    ],
)
def test_the_town_is_not_a_distance_landmark(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "CasualtyReport")] == [place]


def test_a_town_named_plainly_is_the_town(ex: Extractor) -> None:
    text = "Iraqi forces shelled Baghdad's outskirts on Monday. Five civilians died in the city."
    assert [e.place for e in of_type(run(ex, text), "CasualtyReport")] == ["Baghdad"]


# --- "the troops": the armed forces just named ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Iraqi forces retook the town of Saadiyah on Thursday. The troops stormed a school "
            "in the town, killing seven IS militants.",
            "Iraqi Security Forces",
        ),
        (
            "Rwandan troops landed in Palma. The troops attacked insurgent positions near "
            "Mocimboa da Praia.",
            "Rwanda Defence Force",
        ),
    ],
)
def test_the_troops_are_the_forces_just_named(ex: Extractor, text: str, agent: str) -> None:
    facts = run(ex, text)
    assert any(agent in e.agents for e in facts.events if e.type != "Capture")


def test_the_troops_with_no_forces_named_are_no_one(ex: Extractor) -> None:
    facts = run(ex, "The troops attacked insurgent positions near Mocimboa da Praia.")
    assert all(not e.agents for e in facts.events)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Russia moved troops into eastern Ukraine and stepped up airstrikes on towns like "
            "Kharkiv.",
            "Kharkiv",
        ),
        (
            "The army, which has bases in Kassala, launched air strikes near El Fasher on Monday.",
            "El Fasher",
        ),
        # why it struck is not where: the place of the verb's "in"
        (
            "Israel carried out airstrikes in southern Lebanon in retaliation for a rocket "
            "attack on Haifa.",
            "southern Lebanon",
        ),
    ],
)
def test_airstrikes_aimed_by_their_verb(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Airstrike")] == [place]


def test_strikes_opening_a_sentence_after_a_headline(ex: Extractor) -> None:
    # the tagger takes the capitalised plural for a name there
    text = (
        "Coalition Raids Kill Family\n\nAirstrikes by the Saudi-led coalition struck a farm near "
        "Saada on Wednesday."
    )
    strikes = of_type(run(ex, text), "Airstrike")
    assert [(e.agents, e.place) for e in strikes] == [(["Saudi-led coalition"], "Saada")]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Air strikes by Russian jets hit a market in Idlib on Friday, killing seven people.",
            "Russia",
        ),
        (
            "Airstrikes by the Saudi-led coalition struck a wedding tent outside Saada on "
            "Wednesday, killing at least 16 civilians.",
            "Saudi-led coalition",
        ),
        # no one named: no killer
        ("Airstrikes hit a house in Saada on Wednesday, killing 16 people.", None),
    ],
)
def test_the_dead_of_a_strikes_participle_are_its_doers(
    ex: Extractor, text: str, agent: str | None
) -> None:
    # the strike's figures when it is an event, else a report (kg.extract.retold)
    dead = [e for e in run(ex, text).events if e.figures.get("killed")]
    assert [e.agents for e in dead] == [[agent] if agent else []]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # a bomb on the ground is an attack, never an airstrike
        ("A car bombing by al-Shabaab killed 12 people in Mogadishu on Saturday.", ["Attack"]),
        (
            "The toll from the Islamic State group's suicide bombing on Monday in Aden has "
            "risen to 72.",
            ["Attack"],
        ),
        # a state's bombing of a city is from the air
        (
            "The bombing of Raqqa by the US-led coalition killed dozens of civilians.",
            ["Airstrike"],
        ),
        ("The Russian bombing of Aleppo continued on Sunday.", ["Airstrike"]),
    ],
)
def test_bombings_on_the_ground_and_from_the_air(
    ex: Extractor, text: str, types: list[str]
) -> None:
    facts = run(ex, text)
    assert sorted({e.type for e in facts.events} & {"Attack", "Airstrike"}) == types


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "The United States and Britain launched strikes on Houthi targets after attacks on "
            "shipping in the Red Sea.",
            None,
        ),
        (
            "Israel carried out airstrikes on Hezbollah positions near Tyre following a rocket "
            "attack on Haifa.",
            "Tyre",
        ),
    ],
)
def test_another_event_before_the_strikes_is_not_theirs(
    ex: Extractor, text: str, place: str | None
) -> None:
    facts = run(ex, text)
    strikes = of_type(facts, "Airstrike")
    assert [e.place for e in strikes] == [place]
    striker = set(strikes[0].agents)
    assert all(not striker & set(e.agents) for e in of_type(facts, "Attack"))


def test_an_attack_launched_after_midnight_is_still_theirs(ex: Extractor) -> None:
    text = "Al-Shabaab mounted an attack on an army camp near Baidoa after midnight."
    assert [e.agents for e in of_type(run(ex, text), "Attack")] == [["al-Shabaab"]]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "American jets hit three sites in western Iraq and two in eastern Syria on Sunday.",
            ["western Iraq", "eastern Syria"],
        ),
        (
            "Turkish jets bombed Kurdish positions in northern Syria and northern Iraq.",
            ["northern Syria", "northern Iraq"],
        ),
        # the sponsor of the targets is no place of the strikes
        (
            "The US military said it had conducted strikes against Iran-backed militias in Iraq "
            "and Syria on Sunday.",
            ["Iraq", "Syria"],
        ),
        # one region: one strike
        ("Israeli jets struck targets in southern Lebanon, the army said.", ["southern Lebanon"]),
    ],
)
def test_strikes_in_regions_of_two_countries(ex: Extractor, text: str, places: list[str]) -> None:
    assert [e.place for e in of_type(run(ex, text), "Airstrike")] == places


def test_the_strikes_stated_before_hit_the_towns_named_after(ex: Extractor) -> None:
    text = (
        "US and British jets struck Houthi targets in Yemen on Friday. The strikes hit radar "
        "sites and weapons depots in Sanaa, Hodeidah and Saada."
    )
    strikes = of_type(run(ex, text), "Airstrike")
    towns = [e for e in strikes if e.place in ("Sanaa", "Hodeidah", "Saada")]
    assert [e.place for e in towns] == ["Sanaa", "Hodeidah", "Saada"]
    assert all(e.agents == ["United States", "United Kingdom"] for e in towns)
    assert all(str(e.date) == "2024-11-29" for e in towns)  # the Friday before


@pytest.mark.parametrize(
    "text",
    [
        # no strikes before them
        "The strikes hit radar sites in Sanaa.",
        # an attack by drones is no airstrike to point back to
        "Houthi drones attacked a ship on Monday. The strikes hit a tanker near Hodeidah.",
    ],
)
def test_the_strikes_with_nothing_to_point_back_to(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "Airstrike") == []


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("A raid by Russian jets on a market in Ariha killed five people.", "Russia", "Ariha"),
        (
            "An attack by government helicopters on Kafranbel killed two.",
            "Syrian Arab Army",
            "Kafr Nabl",
        ),
    ],
)
def test_a_raid_by_aircraft_is_one_airstrike(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    facts = run(ex, text)
    assert [(e.agents, e.place) for e in of_type(facts, "Airstrike")] == [([agent], place)]
    assert of_type(facts, "Attack") == []


def test_a_raid_by_fighters_stays_an_attack(ex: Extractor) -> None:
    facts = run(ex, "A raid by IS fighters on a checkpoint near Kirkuk killed four policemen.")
    assert [e.place for e in of_type(facts, "Attack")] == ["Kirkuk"]
    assert of_type(facts, "Airstrike") == []


# --- the dead a strike's noun killed are its figures -------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "place", "figures"),
    [
        (
            "A Turkish drone strike on a car near Qamishli killed two SDF commanders on Friday.",
            "Attack",
            "Qamishli",
            {"killed": 2},
        ),
        (
            "An Ethiopian airstrike on a market in Togoga killed 51 people and wounded 30.",
            "Airstrike",
            "Togoga",
            {"killed": 51, "wounded": 30},
        ),
        (
            "The Israeli air raid on Rafah killed 12 people overnight, medics said.",
            "Airstrike",
            "Rafah",
            {"killed": 12},
        ),
        (
            "Russian shelling of Kherson killed four civilians on Tuesday.",
            "Bombardment",
            "Kherson",
            {"killed": 4},
        ),
        # a cause the report introduces ("in an airstrike", "in clashes"), not one told before
        (
            "Twelve people were killed in an Ethiopian airstrike on Mekelle.",
            "Airstrike",
            "Mekelle",
            {"killed": 12},
        ),
        (
            "Nine fighters were killed in clashes between the army and the RSF in Nyala.",
            "Battle",
            "Nyala",
            {"killed": 9},
        ),
    ],
)
def test_a_strikes_dead_are_its_figures_not_a_report(
    ex: Extractor, text: str, type_: str, place: str, figures: dict[str, int]
) -> None:
    facts = run(ex, text)
    assert [(e.place, e.figures) for e in of_type(facts, type_)] == [(place, figures)]
    assert of_type(facts, "CasualtyReport") == []


@pytest.mark.parametrize(
    "text",
    [
        # a campaign's toll: plural strikes with no event of their own
        "Russian airstrikes have killed more than 300 civilians in Idlib since January.",
        # the report names its cause in a phrase referring to a strike told before
        "Twelve people were killed in the Ethiopian airstrike on Togoga.",
    ],
)
def test_a_toll_without_a_striking_subject_stays_a_report(ex: Extractor, text: str) -> None:
    reports = of_type(run(ex, text), "CasualtyReport")
    assert len(reports) == 1
    assert reports[0].figures.get("killed")


# --- strikes from the air that hit something: one airstrike, not a campaign ------------------
@pytest.mark.parametrize(
    ("text", "agent", "place", "figures"),
    [
        (
            "US air strikes hit Houthi positions near Hodeidah overnight.",
            "United States",
            "Hodeidah",
            {},
        ),
        (
            "Houthi positions near Hodeidah were hit by US air strikes.",
            "United States",
            "Hodeidah",
            {},
        ),
        (
            "Saudi-led coalition air strikes hit a wedding in Hajjah province, killing 20 people.",
            "Saudi-led coalition",
            "Hajjah Governorate",
            {"killed": 20},
        ),
    ],
)
def test_air_strikes_that_hit_are_one_airstrike(
    ex: Extractor, text: str, agent: str, place: str, figures: dict[str, int]
) -> None:
    facts = run(ex, text)
    assert [(e.agents, e.place, e.figures) for e in of_type(facts, "Airstrike")] == [
        ([agent], place, figures)
    ]
    assert of_type(facts, "Attack") == of_type(facts, "CasualtyReport") == []


@pytest.mark.parametrize(
    ("text", "strikes", "dead"),
    [
        (
            "Russian jets bombed Avdiivka on Friday, while Ukrainian drones hit a fuel depot in "
            "Belgorod, killing 3 workers.",
            {("Russia", "Avdiivka"), ("Ukraine", "Belgorod")},
            {("Ukraine", "Belgorod", 3)},
        ),
        (
            "Syrian government jets bombed a market in Ariha on Monday, while Turkish drones "
            "struck Qamishli, killing 5 SDF fighters.",
            {("Government of Syria", "Ariha"), ("Turkey", "Qamishli")},
            {("Turkey", "Qamishli", 5)},
        ),
        # a participle has no subject of its own: it stays in the clause it hangs on
        (
            "Israeli jets struck a house in Rafah on Tuesday, killing 7 people.",
            {("Israel", "Rafah")},
            {("Israel", "Rafah", 7)},
        ),
    ],
)
def test_a_clause_with_its_own_subject_keeps_its_places(
    ex: Extractor, text: str, strikes: set[tuple[str, str]], dead: set[tuple[str, str, int]]
) -> None:
    # "X bombed P, while Y struck Q": Q is Y's, and the dead of Y's clause died in Q
    facts = run(ex, text)
    air = of_type(facts, "Airstrike")
    assert {(a, e.place) for e in air for a in e.agents} == strikes
    assert {(a, e.place, e.figures["killed"]) for e in air if e.figures for a in e.agents} == dead
    assert of_type(facts, "CasualtyReport") == []


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Hezbollah said it fired rockets at an Israeli base in the Golan Heights on "
            "Saturday, after an Israeli strike killed two of its commanders in Tyre.",
            "Israel",
            "Tyre",
        ),
        (
            "The Houthis said they shelled a border post in Jizan on Friday, after a Saudi air "
            "strike killed five of their fighters in Saada.",
            "Saudi Arabia",
            "Saada",
        ),
        # the strike's clause names no place and the other is of another event: none
        (
            "The United States launched strikes on militia depots after attacks on its "
            "troops in Tanf.",
            "United States",
            None,
        ),
    ],
)
def test_a_strike_noun_is_placed_by_its_own_clause(
    ex: Extractor, text: str, agent: str, place: str | None
) -> None:
    strikes = [e for e in of_type(run(ex, text), "Airstrike") if agent in e.agents]
    assert [e.place for e in strikes] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Qatar and Egypt brokered a truce in Gaza.", "Gaza Strip"),
        ("Norway brokered a ceasefire in Sri Lanka on Friday.", "Sri Lanka"),
    ],
)
def test_a_brokered_truce_is_placed_where_the_verb_says(
    ex: Extractor, text: str, place: str
) -> None:
    """ "brokered a truce in P": the parser hangs "in P" on the verb; the place is P, not the
    mediator's country."""
    assert [e.place for e in of_type(run(ex, text), "Negotiation")] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "US and British jets struck rebel targets with support from Australia and Canada.",
        "French jets bombed jihadist camps near Gao with the help of Chad.",
    ],
)
def test_a_helper_country_is_no_place_of_the_strike(ex: Extractor, text: str) -> None:
    """ "with support from P": P helps; the strike is not in P."""
    places = {e.place for e in of_type(run(ex, text), "Airstrike")}
    assert not places & {"Australia", "Canada", "Chad"}


def test_a_help_phrase_hides_no_place_after_it(ex: Extractor) -> None:
    """ "with the help of Egyptian drones in Darfur": Darfur is where (only the phrase's own
    "of" names who helps)."""
    text = "Sudanese jets struck RSF positions with the help of Egyptian drones in Darfur."
    assert "Darfur" in {e.place for e in of_type(run(ex, text), "Airstrike")}


# --- light verbs strike only with a strike for object ----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Russian helicopters carried troops to the front near Kidal on Monday.",
        "Government planes dropped food aid over Madaya on Tuesday.",
        "Israeli jets launched from a base near Haifa on Sunday.",
        "The Nigerian Air Force carried wounded soldiers to Maiduguri on Friday.",
        "Ethiopian aircraft dropped leaflets over Mekelle on Wednesday.",
        "Saudi jets conducted a reconnaissance mission over Saada on Monday.",
        "Russian bombers conducted a training mission over the Baltic Sea.",
    ],
)
def test_aircraft_that_carry_or_drop_no_weapon_strike_nothing(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "Airstrike") == []


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("Russian jets carried out strikes near Idlib on Monday.", "Russia", "Idlib"),
        ("Syrian aircraft dropped barrel bombs on Daraya on Friday.", "Syria", "Darayya"),
        (
            "The Nigerian Air Force carried out airstrikes on Boko Haram camps near Gwoza.",
            "Nigerian Air Force",
            "Gwoza",
        ),
        (
            "Government helicopters carried out a series of raids on villages near Idlib.",
            "Syrian Arab Army",
            "Idlib",
        ),
        ("Turkish jets fired on villages near Afrin on Sunday.", "Turkey", "Afrin"),
    ],
)
def test_aircraft_that_carry_out_or_drop_strikes_strike(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    facts = run(ex, text)
    found = {(a, e.place) for e in of_type(facts, "Airstrike") for a in e.agents}
    assert (agent, place) in found
