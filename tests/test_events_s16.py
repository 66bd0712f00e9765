"""Event rules, session 16 (helper ev16). Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import run

from kg.extract.pipeline import Extractor
from kg.model import FuzzyDate


def former_holders(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(holder, place) in lower case of every holding a capture's loser is given."""
    facts = run(ex, text)
    return {
        (r.subject.lower(), r.object.lower())
        for r in facts.relations
        if r.type == "controls" and r.evidence.method == "taken-from-holder"
    }


# -- a former holding only from a target a from / lost-to / out-of phrase names ----------------
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Kenyan troops took Kismayo from al-Shabaab on Sunday.", ("al-shabaab", "kismayo")),
        ("Rebels wrested Kafr Nabl from government forces in April.", None),
        ("Al-Shabaab lost Baidoa to Ethiopian troops in February.", ("al-shabaab", "baidoa")),
        ("Iraqi forces drove the Islamic State out of Ramadi.", ("islamic state", "ramadi")),
    ],
)
def test_a_named_loser_held_the_place(
    ex: Extractor, text: str, pair: tuple[str, str] | None
) -> None:
    got = former_holders(ex, text)
    if pair is None:  # any holder of Kafr Nabl (the army's name varies with the gazetteer)
        assert any(place == "kafr nabl" for _, place in got), got
    else:
        assert pair in got


@pytest.mark.parametrize(
    "text",
    [
        # the owner of the sites overrun in the place, not its holder
        "M23 rebels seized Goma on Monday, overrunning Congolese army bases in Goma.",
        "Russian troops captured Avdiivka on Monday. On Monday Russian troops also overran "
        "Ukrainian positions in Avdiivka.",
    ],
)
def test_a_target_read_otherwise_is_no_former_holder(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    capture = [e for e in facts.events if e.type == "Capture"]
    assert capture
    assert capture[0].targets  # the target stays on the event
    assert former_holders(ex, text) == set()


def events_of(ex: Extractor, text: str, type_: str) -> list[tuple[object, ...]]:
    """(place, agents, date, figures) of each event of ``type_`` in ``text``."""
    facts = run(ex, text)
    return [
        (e.place, sorted(e.agents), str(e.date), e.figures) for e in facts.events if e.type == type_
    ]


# -- a strike noun that kills states the strike, with its dead -----------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "place", "killed"),
    [
        (
            "Airstrikes killed eleven civilians in Idlib on Monday, a monitor said.",
            "Airstrike",
            "Idlib",
            11,
        ),
        (
            "An air raid killed nine people in Maarat al-Numan on Friday.",
            "Airstrike",
            "Maarat al-Numan",
            9,
        ),
        ("Rebel shelling killed four people in Aleppo on Sunday.", "Bombardment", "Aleppo", 4),
        # the place where it killed, not the one naming its doer
        (
            "Mortar fire by the militia holding Douma killed six people in Damascus.",
            "Bombardment",
            "Damascus",
            6,
        ),
    ],
)
def test_a_killing_strike_is_the_strike(
    ex: Extractor, text: str, type_: str, place: str, killed: int
) -> None:
    got = events_of(ex, text, type_)
    assert [(p, f) for p, _, _, f in got] == [(place, {"killed": killed})]
    assert events_of(ex, text, "CasualtyReport") == []


@pytest.mark.parametrize(
    "text",
    [
        # a toll since a date counts many strikes: a casualty report
        "Since April, Turkish airstrikes on northern Iraq have killed more than 1,200 people.",
        "Airstrikes could kill civilians in Idlib.",
    ],
)
def test_no_strike_from_a_running_toll_or_a_modal(ex: Extractor, text: str) -> None:
    assert events_of(ex, text, "Airstrike") == []


def test_a_raised_toll_is_a_casualty_report(ex: Extractor) -> None:
    text = "Medics say Tuesday's shelling raised the death toll in Kassala to 37 since Monday."
    got = events_of(ex, text, "CasualtyReport")
    assert [(p, f) for p, _, _, f in got] == [("Kassala", {"killed": 37})]
    # a budget raised to a sum counts no dead
    assert events_of(ex, "The war raised the army's budget to 30 million.", "CasualtyReport") == []


# -- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Rebels seized Kafr Nabl five weeks ago.", "2024-10"),
        ("Rebels seized Kafr Nabl nine months ago.", "2024-02"),
        ("Rebels seized Kafr Nabl two days ago.", "2024-11-28"),
    ],
)
def test_a_time_ago_dates_the_event(ex: Extractor, text: str, date: str) -> None:
    assert [d for _, _, d, _ in events_of(ex, text, "Capture")] == [date]


def test_a_since_clause_of_another_verb_dates_nothing(ex: Extractor) -> None:
    text = (
        "Airstrikes killed five farmers in Kafr Nabl, rescuers said, raising the toll to 31 "
        "since the assault opened on Friday."
    )
    assert [d for _, _, d, _ in events_of(ex, text, "Airstrike")] == ["2024-11"]
    # a since clause on the event's own verb still dates it
    text = "The army has besieged Kafr Nabl since it launched an assault on Friday."
    assert [d for _, _, d, _ in events_of(ex, text, "Siege")] == ["2024-11-29"]


# -- "X came under attack / fire from Y": an attack on X by Y ------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "A convoy came under attack from Al-Shabaab fighters near Kismayo on Thursday.",
            "al-shabaab",
            "Kismayo",
        ),
        ("Government troops came under fire from M23 rebels near Sake on Monday.", "m23", "Sake"),
    ],
)
def test_under_attack_from(ex: Extractor, text: str, agent: str, place: str) -> None:
    got = events_of(ex, text, "Attack")
    assert [(p, [a.lower() for a in ag]) for p, ag, _, _ in got] == [(place, [agent])]


@pytest.mark.parametrize(
    "text",
    [
        "The convoy could come under fire from M23 rebels near Sake.",
        "The troops were not under fire from M23 rebels near Sake on Monday.",
    ],
)
def test_no_attack_under_a_modal_or_negation(ex: Extractor, text: str) -> None:
    assert events_of(ex, text, "Attack") == []


def test_a_country_an_attack_came_from_is_no_doer(ex: Extractor) -> None:
    got = events_of(
        ex, "Hezbollah fired a rocket attack from Lebanon on Haifa on Monday.", "Attack"
    )
    assert all("Lebanon" not in agents for _, agents, _, _ in got)


def test_the_attack_a_clause_places_is_not_a_series(ex: Extractor) -> None:
    text = (
        "A drone struck a convoy near Kismayo on Monday. Kenyan troops have come under fire "
        "from al-Shabaab repeatedly. The attack took place near Baidoa."
    )
    series = [p for p, agents, _, _ in events_of(ex, text, "Attack") if agents]
    assert series
    assert "Baidoa" not in series


# -- the article's dateline dates no event ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        " date 2024-11-30 (Wire) A truce between Israel and Hezbollah took effect on Wednesday.",
        "BEIRUT, 30 November 2024 - A truce between Israel and Hezbollah took effect on Wednesday.",
    ],
)
def test_a_dateline_does_not_date_the_first_event(ex: Extractor, text: str) -> None:
    assert [d for _, _, d, _ in events_of(ex, text, "Ceasefire")] == ["2024-11-27"]


def test_a_date_in_the_story_still_dates(ex: Extractor) -> None:
    text = "Rebels said a truce between Israel and Hezbollah took effect on 27 November 2024."
    assert [d for _, _, d, _ in events_of(ex, text, "Ceasefire")] == ["2024-11-27"]


# -- where a truce or talks are -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        # a party's country is not where
        (
            "Evacuations from Douma halted when talks between rebels, Russia and the Syrian "
            "government collapsed.",
            "Negotiation",
            "Douma",
        ),
        (
            "Clashes flared again in Rakhine when a truce between the junta and the Arakan "
            "Army fell apart.",
            "Ceasefire",
            "Rakhine State",
        ),
        # a truce holds in a country, not in the town fought over
        (
            "Despite a truce that had begun on Saturday, the separatists pushed into Horlivka "
            "on Monday.",
            "Ceasefire",
            "Ukraine",
        ),
    ],
)
def test_where_a_truce_is(ex: Extractor, text: str, type_: str, place: str) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, type_)] == [place]


def test_a_party_is_not_the_place(ex: Extractor) -> None:
    text = "Russia and Ukraine held talks on prisoner swaps."
    got = events_of(ex, text, "Negotiation")
    assert got
    assert all(p not in ("Russia", "Ukraine") for p, _, _, _ in got)


# -- captures of facilities ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "The Houthis seized Aden's international airport on Monday.",
            "Aden International Airport",
        ),
        ("The rebels captured Goma's airport on Sunday.", "Goma International Airport"),
    ],
)
def test_a_towns_facility_taken_is_the_place(ex: Extractor, text: str, place: str) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, "Capture")] == [place]


@pytest.mark.parametrize(
    "text",
    [
        # no facility word: the town's square is no place of its own
        "The rebels seized Goma's main square on Sunday.",
        # "the port of P" is the port town
        "The army retook the port of Kismayo on Friday.",
        # a site somewhere in a country is not the country taken
        "Clashes continue in Myanmar. Rebels said they had seized a large army "
        "headquarters in the country's north.",
    ],
)
def test_no_facility_or_country_taken(ex: Extractor, text: str) -> None:
    got = [p for p, _, _, _ in events_of(ex, text, "Capture")]
    assert all(p not in ("Goma", "Myanmar") and " " not in (p or "") for p in got)


# -- the dead of a fight are its sides only beside a foe or one another ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Twelve civilians and two UN peacekeepers were killed in fighting in Goma on Monday.",
        "Four Somali soldiers were wounded in heavy fighting near Baidoa on Monday.",
    ],
)
def test_the_dead_of_one_actor_are_no_side(ex: Extractor, text: str) -> None:
    battles = events_of(ex, text, "Battle")
    assert battles
    assert all(agents == [] for _, agents, _, _ in battles)


@pytest.mark.parametrize(
    "text",
    [
        "Five Kenyan soldiers and three Al-Shabaab fighters were killed in clashes in Baidoa.",
        "Three Kenyan soldiers were killed in clashes with Al-Shabaab in Baidoa.",
    ],
)
def test_the_dead_of_both_sides_are_the_sides(ex: Extractor, text: str) -> None:
    battles = events_of(ex, text, "Battle")
    assert [sorted(a.lower() for a in agents) for _, agents, _, _ in battles] == [
        ["al-shabaab", "kenya defence forces"]
    ]


# -- "repelled an offensive by X on P": X's offensive on P ----------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "The army beat back a large offensive by RSF fighters on Kadugli on Thursday.",
            "rapid support forces",
            "Kadugli",
        ),
        ("The army thwarted an offensive by M23 rebels on Goma.", "m23", "Goma"),
    ],
)
def test_an_offensive_by_x_on_p(ex: Extractor, text: str, agent: str, place: str) -> None:
    got = events_of(ex, text, "Offensive")
    assert [(p, [a.lower() for a in ag]) for p, ag, _, _ in got] == [(place, [agent])]


def test_an_offensive_stated_by_a_passive_is_not_misread(ex: Extractor) -> None:
    # "by X" of a passive verb is who repelled it, not whose offensive it was
    text = "The rebels said an offensive on Goma was repelled by Congolese troops on Friday."
    got = events_of(ex, text, "Offensive")
    assert all(not any("Congo" in a for a in ag) for _, ag, _, _ in got)


# -- "X fought into P": a battle at P ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("M23 rebels fought into Sake on Tuesday.", "Sake"),
        ("Al-Shabaab fighters fought their way into Baidoa on Wednesday.", "Baidoa"),
    ],
)
def test_fought_into_a_place(ex: Extractor, text: str, place: str) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, "Battle")] == [place]


def test_fought_into_the_night_is_no_place(ex: Extractor) -> None:
    assert events_of(ex, "M23 rebels fought into the night.", "Battle") == []


# -- entering told in the present is a push under way ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Regime troops enter Saraqib, the last rebel town in southern Idlib", "Saraqib"),
        ("M23 rebels are entering Goma, residents said on Monday.", "Goma"),
    ],
)
def test_entering_in_the_present_is_an_offensive(ex: Extractor, text: str, place: str) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, "Offensive")] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Government forces entered al-Qaim on Friday.",
        "M23 rebels could enter Goma.",
        # an advance that is only said to come
        "The rebels said they would march on Bukavu.",
        "Army columns will push toward Kidal next week.",
        "The militia could advance on Tripoli.",
        # threatened, planned, or a modal on the first of two verbs
        "The rebels threatened to march on Goma.",
        "The army plans to push toward Kidal.",
        "RSF fighters could regroup and march on El Fasher.",
    ],
)
def test_entered_or_a_modal_is_no_push(ex: Extractor, text: str) -> None:
    assert events_of(ex, text, "Offensive") == []


# -- "spokesman P said they ...": the group, not the spokesman -----------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "group"),
    [
        (
            "Taliban spokesman Zabihullah Mujahid said they had captured Kunduz on Sunday.",
            "Capture",
            "Taliban",
        ),
        (
            "Houthi spokesman Yahya Saree said they had launched drones at Eilat on Sunday.",
            "Attack",
            "Houthis",
        ),
    ],
)
def test_they_after_a_spokesman_is_his_group(
    ex: Extractor, text: str, type_: str, group: str
) -> None:
    assert [ag for _, ag, _, _ in events_of(ex, text, type_)] == [[group]]


def test_a_group_named_outright_stays(ex: Extractor) -> None:
    text = "The Taliban said they had captured Kunduz on Sunday."
    assert [ag for _, ag, _, _ in events_of(ex, text, "Capture")] == [["Taliban"]]


# -- a place that only says whose partners a noun names is no location ---------------------------
@pytest.mark.parametrize(
    ("text", "type_", "places"),
    [
        (
            "Egypt launched air strikes in Libya in a coalition with Arab partners.",
            "Airstrike",
            ["Libya"],
        ),
        (
            "The United States carried out airstrikes in Syria together with Gulf region partners.",
            "Airstrike",
            ["Syria"],
        ),
        # the place's own name ends in such a noun: still where
        (
            "Some 300,000 people fled after the arrival of RSF fighters in Al Gezira state.",
            "Displacement",
            ["Al Gezira State"],
        ),
    ],
)
def test_whose_partners_is_not_where(
    ex: Extractor, text: str, type_: str, places: list[str]
) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, type_)] == places


# -- "announcing the truce on Tuesday": the truce stated before, not a second one ----------------
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        (
            "A ceasefire between Israel and Hezbollah came into effect on Wednesday. The US "
            "president, announcing the ceasefire on Tuesday, said Israel would pull back.",
            "Ceasefire",
        ),
        (
            "Talks between Ethiopia and the TPLF opened in Pretoria on Monday. South African "
            "President Cyril Ramaphosa, announcing the talks on Sunday, said they would last "
            "a week.",
            "Negotiation",
        ),
    ],
)
def test_a_definite_truce_restates_the_one_before(ex: Extractor, text: str, type_: str) -> None:
    assert len(events_of(ex, text, type_)) == 1


def test_a_definite_truce_before_any_other_stays(ex: Extractor) -> None:
    text = "The peace talks in 2012 failed. Talks between the army and M23 began on Monday."
    assert len(events_of(ex, text, "Negotiation")) == 2


# -- an air offensive is strikes from the air ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "The US launched an air offensive in northern Iraq against militia sites.",
            "northern Iraq",
        ),
        ("Russia began an aerial assault on rebels in Idlib on Monday.", "Idlib"),
    ],
)
def test_an_air_offensive_is_an_airstrike(ex: Extractor, text: str, place: str) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, "Airstrike")] == [place]
    assert events_of(ex, text, "Offensive") == []


def test_a_ground_offensive_stays(ex: Extractor) -> None:
    text = "The army launched a ground offensive on Idlib."
    assert [p for p, _, _, _ in events_of(ex, text, "Offensive")] == ["Idlib"]


# -- no country is besieged ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["Houthi rebels have surrounded Yemen.", "Russian troops encircled Ukraine in 2022."]
)
def test_no_country_is_besieged(ex: Extractor, text: str) -> None:
    assert events_of(ex, text, "Siege") == []


@pytest.mark.parametrize(
    "text",
    [
        "Houthi rebels have surrounded Taiz.",
        "Taiz has been encircled by Houthi fighters since 2015.",
    ],
)
def test_a_town_is_besieged(ex: Extractor, text: str) -> None:
    assert [p for p, _, _, _ in events_of(ex, text, "Siege")] == ["Taiz"]


# -- clearing a place of explosives takes nothing -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Engineers kept working to clear the old town of Tal Afar of unexploded bombs.",
        "Kurdish forces cleared Raqqa of mines and rubble on Monday.",
    ],
)
def test_clearing_of_things_is_no_event(ex: Extractor, text: str) -> None:
    assert events_of(ex, text, "Capture") == []
    assert events_of(ex, text, "Offensive") == []


def test_clearing_of_fighters_is_a_capture(ex: Extractor) -> None:
    text = "Iraqi forces cleared Mosul of Islamic State fighters on Monday."
    assert [p for p, _, _, _ in events_of(ex, text, "Capture")] == ["Mosul"]


# -- the dead of the attackers are not their kills ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "JNIM raided a school in Bamako on Tuesday. The militants admitted that eight of "
        "their fighters were killed.",
        "Al-Shabaab stormed a base near Baidoa on Monday. The group said 12 of its fighters were "
        "killed.",
    ],
)
def test_the_attackers_own_dead(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    reports = [e for e in facts.events if e.type == "CasualtyReport"]
    assert reports
    assert all(e.agents == [] and e.targets for e in reports)


def test_the_dead_after_an_attack_are_its_kills(ex: Extractor) -> None:
    text = "JNIM attacked a school in Bamako on Tuesday. Ten soldiers were killed, officials said."
    facts = run(ex, text)
    reports = [e for e in facts.events if e.type == "CasualtyReport"]
    assert [e.agents for e in reports] == [["Jama'at Nusrat al-Islam wal-Muslimin"]]


# -- "last <month>" ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pub", "text", "date"),
    [
        # the month just gone would be "last month": "last November" in December is a year back
        (FuzzyDate(2024, 12, 21), "Rebels seized Kafr Nabl last November.", "2023-11"),
        (FuzzyDate(2021, 2, 26), "Rebels seized Kafr Nabl last November.", "2020-11"),
        # further back in the year: this year's
        (FuzzyDate(2024, 12, 21), "Rebels seized Kafr Nabl last March.", "2024-03"),
    ],
)
def test_last_month_name(ex: Extractor, pub: FuzzyDate, text: str, date: str) -> None:
    facts = run(ex, text, pub)
    assert [str(e.date) for e in facts.events if e.type == "Capture"] == [date]
