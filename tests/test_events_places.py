"""Event rules, continued: withdrawals, control of places taken, displacement, weapons fired,
and where an event is and who did it when its sentence does not say outright (sentences of
our own)."""

from __future__ import annotations

import pytest
from test_events import low, of_type, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "The Sudanese army said it had begun an inquiry into the reasons for the withdrawal "
            "of the garrison from Kassala.",
            "Sudanese Armed Forces",
            "Kassala",
        ),
        (
            "The UN welcomed Israel's withdrawal from southern Lebanon.",
            "Israel",
            "southern Lebanon",
        ),
    ],
)
def test_withdrawal_noun_ends_control(ex: Extractor, text: str, agent: str, place: str) -> None:
    facts = run(ex, text)
    assert [(e.agents, e.place) for e in of_type(facts, "Withdrawal")] == [([agent], place)]
    held = [r for r in facts.relations if r.type == "controls" and r.subject == agent]
    assert [(r.object, r.end is not None) for r in held] == [(place, True)]


def test_withdrawal_of_nobody_named_is_none(ex: Extractor) -> None:
    text = "Residents spoke of the withdrawal of aid workers from Kassala."
    assert of_type(run(ex, text), "Withdrawal") == []


@pytest.mark.parametrize(
    "text",
    ["Malian troops retook Gao on Monday.", "Government forces in Mali retook Gao overnight."],
)
def test_irregular_past_is_read_by_its_lemma(ex: Extractor, text: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Capture")] == ["Gao"]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        (
            "US jets carried out airstrikes on facilities used by Iranian-backed militias in "
            "eastern Syria.",
            "Airstrike",
            "iran-backed militias",
        ),
        (
            "Israeli warplanes struck depots belonging to Hezbollah near Baalbek.",
            "Airstrike",
            "hezbollah",
        ),
        (
            "Al-Shabaab attacked bases manned by Somali troops near Baidoa.",
            "Attack",
            "somali national army",
        ),
    ],
)
def test_target_is_who_held_or_used_the_site(
    ex: Extractor, text: str, type_: str, target: str
) -> None:
    assert target in low(of_type(run(ex, text), type_)[0].targets)


@pytest.mark.parametrize(
    ("text", "place", "agents"),
    [
        ("Residents fled the town of Kobani on Friday.", "Kobani", []),
        ("Thousands of people fled Kobani as the shelling went on.", "Kobani", []),
        (
            "The arrival of the RSF in Kassala state has forced up to 200,000 people to leave "
            "the region.",
            "Kassala State",
            ["Rapid Support Forces"],
        ),
    ],
)
def test_displacement(ex: Extractor, text: str, place: str, agents: list[str]) -> None:
    found = of_type(run(ex, text), "Displacement")
    assert [(e.place, e.agents) for e in found] == [(place, agents)]


def test_fighters_fleeing_is_no_displacement(ex: Extractor) -> None:
    assert of_type(run(ex, "The militants fled the town of Kobani."), "Displacement") == []


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("HTS fighters claimed control of most of Aleppo city.", "Hayat Tahrir al-Sham", "Aleppo"),
        (
            "The army entered the town of Idlib. Government forces regained control of the town "
            "after heavy fighting.",
            "Syrian Arab Army",
            "Idlib",
        ),
    ],
)
def test_control_of_a_place_taken(ex: Extractor, text: str, agent: str, place: str) -> None:
    caps = of_type(run(ex, text), "Capture")
    assert (agent, place) in [(a, e.place) for e in caps for a in e.agents]


def test_claiming_responsibility_is_no_capture(ex: Extractor) -> None:
    assert (
        of_type(run(ex, "The group claimed responsibility for the raid in Gao."), "Capture") == []
    )


def test_war_with_is_a_battle_of_both_sides(ex: Extractor) -> None:
    [ev] = of_type(run(ex, "Kenya fought a bitter border war with Somalia in 1963-1967."), "Battle")
    assert (set(ev.agents) | set(ev.targets), str(ev.date)) == ({"Kenya", "Somalia"}, "1963")


@pytest.mark.parametrize(
    "text",
    [
        "Russia moved troops to the Belgorod region, where Ukrainian units have been staging an "
        "incursion since May.",
        'He said that "the Russians use them in the Belgorod region", where Ukraine has been '
        "staging an incursion since May.",
    ],
)
def test_where_clause_places_the_offensive(ex: Extractor, text: str) -> None:
    offs = [e for e in of_type(run(ex, text), "Offensive") if e.agents]
    assert [e.place for e in offs] == ["Belgorod Oblast"]


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Houthi rebels have fired missiles and drones at ships in the Red Sea.",
            "Houthis",
            "Red Sea",
        ),
        (
            "Hezbollah launched dozens of rockets into northern Israel on Sunday.",
            "Hezbollah",
            "northern Israel",
        ),
    ],
)
def test_weapons_fired_at_a_target(ex: Extractor, text: str, agent: str, place: str) -> None:
    assert [(e.agents, e.place) for e in of_type(run(ex, text), "Attack")] == [([agent], place)]


def test_shots_into_the_air_are_no_attack(ex: Extractor) -> None:
    assert of_type(run(ex, "The soldiers fired shots into the air."), "Attack") == []


def test_offensive_placed_by_the_one_town_of_its_sentence(ex: Extractor) -> None:
    text = "Armenian separatists in Nagorno-Karabakh agreed to disarm after Azerbaijan's offensive."
    assert [e.place for e in of_type(run(ex, text), "Offensive")] == ["Nagorno-Karabakh"]


def test_expelled_by_a_relative_clause(ex: Extractor) -> None:
    text = (
        "The Western-backed Libyan government, which Haftar's forces drove out of Benghazi in "
        "2014, said it would negotiate."
    )
    caps = of_type(run(ex, text), "Capture")
    assert [(e.place, e.targets) for e in caps] == [("Benghazi", ["Government of Libya"])]


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("Taliban fighters poured into Kabul on Sunday.", "Taliban", "Kabul"),
        ("Houthi fighters swept into the city of Sanaa in September 2014.", "Houthis", "Sanaa"),
    ],
)
def test_sweeping_into_a_town_is_entering_it(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    facts = run(ex, text)
    assert [(e.agents, e.place) for e in of_type(facts, "Capture")] == [([agent], place)]
    assert not [r for r in facts.relations if r.type == "controls"]  # entering is not holding


def test_refugees_pouring_in_take_nothing(ex: Extractor) -> None:
    assert of_type(run(ex, "Refugees poured into Chad."), "Capture") == []


@pytest.mark.parametrize(
    ("text", "displaced"),
    [
        ("The UN said 1.4 million Lebanese were displaced by the war.", 1_400_000),
        ("Some 70,000 Israelis fled their homes in the north.", 70_000),
    ],
)
def test_a_people_counted_as_displaced(ex: Extractor, text: str, displaced: int) -> None:
    [ev] = of_type(run(ex, text), "Displacement")
    assert ev.figures == {"displaced": displaced}


def test_a_withdrawal_to_come_ends_no_control(ex: Extractor) -> None:
    text = "Biden said that Russia would withdraw its remaining forces from Georgia within 60 days."
    facts = run(ex, text)
    # "its remaining forces": Russia's forces withdraw with it (an agent after the state)
    assert [(e.agents[:1], e.place) for e in of_type(facts, "Withdrawal")] == [
        (["Russia"], "Georgia")
    ]
    assert not [r for r in facts.relations if r.type == "controls"]


def test_a_leaders_country_is_no_place_of_the_event(ex: Extractor) -> None:
    text = "US President Joe Biden said the truce took effect in Gaza on Sunday."
    assert "United States" not in {e.place for e in run(ex, text).events}


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        (
            "Rebel drones struck an army convoy in Sudan on Tuesday, killing four soldiers. "
            "The attack took place near Kassala, officials said.",
            "Attack",
            "Kassala",
        ),
        (
            "Government jets bombed a market in northern Mali on Friday. The strikes happened "
            "on the outskirts of Gao, residents said.",
            "Airstrike",
            "Gao",
        ),
        (
            "Al-Shabaab fighters ambushed a police patrol in Somalia on Sunday. It happened near "
            "Baidoa, a police officer said.",
            "Attack",
            "Baidoa",
        ),
    ],
)
def test_a_later_clause_says_where_the_attack_was(
    ex: Extractor, text: str, type_: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [place]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the later clause's day makes the attack's month a day
        (
            "Rebels attacked a village in Darfur this month, killing nine people. The attack "
            "happened on Monday in Kutum, residents said.",
            "2024-11-25",
        ),
        (
            "Gunmen ambushed an army convoy in Mali in November. It took place near Gao on "
            "Thursday, officials said.",
            "2024-11-28",
        ),
        # the attack's own day stays when the later one differs
        (
            "Gunmen ambushed an army convoy in Mali on Tuesday. It took place near Gao on "
            "Thursday, officials said.",
            "2024-11-26",
        ),
    ],
)
def test_a_later_clause_says_when_the_attack_was(ex: Extractor, text: str, date: str) -> None:
    assert [str(e.date) for e in of_type(run(ex, text), "Attack")] == [date]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the attack's own place is more precise than the later one
        (
            "Al-Shabaab fighters ambushed a police patrol near Baidoa on Sunday. The attack took "
            "place in Somalia's south.",
            "Baidoa",
        ),
        # an indefinite subject: another attack
        (
            "Al-Shabaab fighters ambushed a police patrol in Somalia on Sunday. An attack also "
            "took place in Kismayo.",
            "Somalia",
        ),
        # denied
        (
            "Al-Shabaab fighters ambushed a police patrol in Somalia on Sunday. The attack did "
            "not happen in Kismayo, the army said.",
            "Somalia",
        ),
    ],
)
def test_no_later_place_for_the_attack(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] == [place]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Five soldiers were killed in Sunday's attack on a checkpoint in Gao. Ansar Dine "
            "claimed responsibility for the attack.",
            "Ansar Dine",
        ),
        (
            "A suicide bomber struck an army base near Baidoa on Monday, killing seven soldiers. "
            "Al-Shabaab claimed responsibility.",
            "al-Shabaab",
        ),
        (
            "Gunmen stormed a police station near Baidoa on Monday. Al-Shabaab claimed the "
            "attack, a spokesman said.",
            "al-Shabaab",
        ),
    ],
)
def test_a_later_claim_names_the_attacker(ex: Extractor, text: str, agent: str) -> None:
    facts = run(ex, text)
    assert [e.agents for e in of_type(facts, "Attack")] == [[agent]]
    assert all(e.agents == [agent] for e in of_type(facts, "CasualtyReport"))


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a police station near Baidoa on Monday. No group has claimed "
        "responsibility.",
        "Gunmen stormed a police station near Baidoa on Monday. Al-Shabaab did not claim "
        "responsibility.",
        "Gunmen stormed a police station near Baidoa on Monday. Al-Shabaab could claim the "
        "attack, an analyst said.",
    ],
)
def test_no_claim_no_attacker(ex: Extractor, text: str) -> None:
    attacks = of_type(run(ex, text), "Attack")
    assert [e.agents for e in attacks if e.place == "Baidoa"] == [[]]


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        (
            "Boko Haram fighters killed at least 30 people in Nigeria's northeastern Borno state "
            "on Tuesday.",
            "CasualtyReport",
            "Borno State",
        ),
        (
            "Al-Shabaab fighters attacked a base in southern Somalia's Lower Shabelle region.",
            "Attack",
            "Lower Shabelle",
        ),
        (
            "Government forces clashed with rebels in eastern Congo's North Kivu province.",
            "Battle",
            "North Kivu",
        ),
        # a loose region is still before the country
        (
            "Jihadists killed 14 soldiers in northern Mali, near the border with Niger.",
            "CasualtyReport",
            "northern Mali",
        ),
    ],
)
def test_a_province_before_a_loose_region(ex: Extractor, text: str, type_: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [place]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Russian missiles struck Kharkiv overnight, killing three people.", "Russia"),
        (
            "Three people died when a dozen Russian missiles hit an airfield in Kirovohrad on "
            "Saturday.",
            "Russia",
        ),
        ("Houthi drones hit a Saudi oil facility in Abqaiq on Saturday.", "Houthis"),
        # a projectile no one's words own: no doer
        ("Two civilians were killed when a missile struck a market in Kramatorsk.", None),
    ],
)
def test_the_owner_of_a_projectile_is_the_attacker(
    ex: Extractor, text: str, agent: str | None
) -> None:
    facts = run(ex, text)
    assert [e.agents for e in of_type(facts, "Attack")] == [[agent] if agent else []]
    assert all(e.agents == ([agent] if agent else []) for e in of_type(facts, "CasualtyReport"))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Houthi rebels hold Sanaa and much of northern Yemen. The strikes are part of an air "
            "campaign led by Saudi Arabia.",
            "Yemen",
        ),
        (
            "Syrian troops advanced near Idlib and Saraqib this week. Turkey launched a military "
            "offensive on Sunday, officials said.",
            "Syria",
        ),
        # a state's offensive in the country the article is about stays there
        (
            "Tigrayan forces hold Mekelle in Ethiopia. Ethiopia launched a major offensive on "
            "Friday.",
            "Ethiopia",
        ),
    ],
)
def test_a_state_waging_war_abroad_is_not_placed_at_home(
    ex: Extractor, text: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), "Offensive")] == [place]


def test_a_sponsor_by_name_is_no_place(ex: Extractor) -> None:
    text = "Rebels advanced on Aleppo in an offensive backed by Turkey."
    assert [e.place for e in of_type(run(ex, text), "Offensive")] == ["Aleppo"]


# --- abuse: the town its clause (or the clause its participle hangs on) names -----------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Eritrean troops massacred hundreds of civilians in the town of Axum in November.",
            "Axum",
        ),
        (
            "Al-Shabaab fighters swept through the streets of Baidoa on Monday, torching homes "
            "and taking two aid workers hostage.",
            "Baidoa",
        ),
        # a town of another clause (a relative one) is not where: the country
        (
            "Islamic State held Raqqa, the last town held by IS, who have terrorised civilians "
            "in the land they occupied: taking hostages and murdering them.",
            "Syria",
        ),
    ],
)
def test_abuse_is_at_the_town_its_clause_names(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "ViolenceAgainstCivilians")] == [place]


# --- a place that says who holds a town is not where the event is ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Separatists shelled the Kiev-controlled city on Saturday, killing 30 people.",
        "Gunmen attacked a checkpoint in the Damascus-held town on Friday.",
    ],
)
def test_the_holder_of_a_town_is_no_place(ex: Extractor, text: str) -> None:
    places = {e.place for e in run(ex, text).events}
    assert not places & {"Kyiv", "Damascus"}


def test_the_held_town_named_is_the_place(ex: Extractor) -> None:
    text = "Gunmen attacked a checkpoint in the Kiev-controlled city of Mariupol on Friday."
    assert [e.place for e in of_type(run(ex, text), "Attack")] == ["Mariupol"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Kenya hit back on Sunday, killing twelve Shabaab fighters.", "CasualtyReport"),
        ("Rwanda responded within hours, killing nine Burundian soldiers.", "CasualtyReport"),
    ],
)
def test_a_state_that_acts_is_not_where_its_event_happened(
    ex: Extractor, text: str, type_: str
) -> None:
    events = of_type(run(ex, text), type_)
    assert events
    assert all(e.place is None for e in events)


def test_a_country_that_sees_fighting_is_where_it_happened(ex: Extractor) -> None:
    text = "Sudan saw heavy fighting on Tuesday, with 40 people killed."
    assert [e.place for e in of_type(run(ex, text), "Battle")] == ["Sudan"]


@pytest.mark.parametrize(
    ("text", "agent", "place", "quote_starts"),
    [
        (
            "Houthi drones hit the port of Mocha on Monday. Hours later, the Saudi-led "
            "coalition retaliated, killing nine Houthi fighters.",
            "Saudi-led coalition",
            "Mocha",
            "Houthi drones hit",
        ),
        (
            "Al-Shabaab militants shelled the town of Beledweyne on Sunday. Fighting between "
            "al-Shabaab and the Somali army went on until dawn.",
            "Somali National Army",
            "Beledweyne",
            "Al-Shabaab militants shelled",
        ),
    ],
)
def test_unplaced_event_takes_the_place_of_the_event_before(
    ex: Extractor, text: str, agent: str, place: str, quote_starts: str
) -> None:
    (event,) = [e for e in run(ex, text).events if e.agents and agent in e.agents]
    assert event.place == place
    # the evidence runs from the sentence that names the place, so a reader sees it
    assert event.evidence.quote.startswith(quote_starts)
    assert text[event.evidence.char_start : event.evidence.char_end] == event.evidence.quote


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        # the place is named only after the event
        (
            "Fighting between al-Shabaab and the Somali army broke out on Sunday. On Monday, "
            "al-Shabaab seized the town of Beledweyne.",
            "al-Shabaab",
        ),
        # the placed event is two sentences back
        (
            "Houthi drones hit the port of Mocha on Monday. The ministry promised a response. "
            "On Friday, the Saudi-led coalition retaliated, killing nine fighters.",
            "Saudi-led coalition",
        ),
    ],
)
def test_no_place_is_lent_backwards_or_from_afar(ex: Extractor, text: str, agent: str) -> None:
    # the event stays unplaced, and then, as the article places another, is dropped
    # (kg.extract.unplaced): no attack or battle of ``agent`` has a place
    facts = run(ex, text)
    assert not [
        e
        for e in facts.events
        if e.type in ("Attack", "Battle") and e.place is not None and agent in e.agents
    ]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Russian forces withdrew from Kherson in November 2022.", [("Kherson", True)]),
        ("Ethiopian troops withdrew from Mekelle in June 2021.", [("Mekelle", True)]),
        # a force leaving a country did not hold the country
        ("Wagner fighters withdrew from Mali in June.", []),
        ("US troops withdrew from Afghanistan in August 2021.", []),
    ],
)
def test_who_withdrew_from_a_town_held_it_not_from_a_country(
    ex: Extractor, text: str, held: list[tuple[str, bool]]
) -> None:
    facts = run(ex, text)
    assert of_type(facts, "Withdrawal")
    control = [(r.object, r.end is not None) for r in facts.relations if r.type == "controls"]
    assert control == held


# -- "In R, X seized a base in P": the site's own place, not also the setting around it --
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "In Borno state, ISWAP militants captured a military base in Damasak on Friday.",
            "Damasak",
        ),
        (
            "In northeastern Nigeria, Boko Haram fighters overran an army post near Dikwa "
            "on Sunday.",
            "Dikwa",
        ),
    ],
)
def test_a_site_taken_is_placed_by_its_own_phrase_not_the_setting(
    ex: Extractor, text: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), "Capture")] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("In Borno state, ISWAP militants captured an army base on Friday.", "Borno State"),
        # a place deeper in the site's phrase is no site's own: weighed with the setting
        ("In Marte, ISWAP captured a base of troops deployed in Borno on Friday.", "Marte"),
    ],
)
def test_the_setting_places_a_site_whose_own_phrase_names_none(
    ex: Extractor, text: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), "Capture")] == [place]
