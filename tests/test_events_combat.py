"""Shelling, fire, battles and casualty reports on sentences written for these tests (split
from test_events.py, which holds the first attack, battle and casualty rules)."""

from __future__ import annotations

import pytest
from test_events import low, of_type, pairs, run

from kg.extract.pipeline import Extractor


# --- shelling and fire on what a side owns -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "target", "place"),
    [
        (
            "Azerbaijani forces shelled Armenian positions near Jermuk.",
            "Azerbaijani Armed Forces",
            "Armenia",
            "Jermuk",
        ),
        (
            "Russian troops pounded Ukrainian positions around Avdiivka overnight.",
            "Russian Armed Forces",
            "Ukraine",
            "Avdiivka",
        ),
        (
            "The Taliban fired on Afghan army positions near Kunduz.",
            "Taliban",
            "Afghan National Army",
            "Kunduz",
        ),
        (
            "RSF fighters opened fire on a Sudanese army patrol in Omdurman.",
            "Rapid Support Forces",
            "Sudanese Armed Forces",
            "Omdurman",
        ),
    ],
)
def test_shelling_or_fire_on_a_sides_positions(
    ex: Extractor, text: str, agent: str, target: str, place: str
) -> None:
    facts = run(ex, text)
    evs = [e for e in facts.events if e.type in ("Attack", "Bombardment")]
    assert [(low(e.agents), low(e.targets), e.place) for e in evs] == [
        ({agent.lower()}, {target.lower()}, place)
    ]


def test_shelling_a_town_is_placed_there(ex: Extractor) -> None:
    evs = of_type(run(ex, "Russian troops shelled Kharkiv on Monday."), "Bombardment")
    assert [(e.place, str(e.date)) for e in evs] == [("Kharkiv", "2024-11-25")]


@pytest.mark.parametrize(
    "text",
    [
        "The army did not shell Armenian positions near Jermuk.",
        "Soldiers fired into the air near Kunduz to disperse the crowd.",
        "Azerbaijani forces could shell Armenian positions near Jermuk.",
    ],
)
def test_no_shelling_or_fire_stated(ex: Extractor, text: str) -> None:
    assert not [e for e in run(ex, text).events if e.type in ("Attack", "Bombardment")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Houthi rebels attacked a Saudi coalition vessel near Hodeidah.", "Saudi-led coalition"),
        ("Al-Shabaab fighters hit an Ethiopian military convoy near Baidoa.", "Ethiopia"),
        ("The Houthis struck a British tanker near Hodeidah on Friday.", "United Kingdom"),
    ],
)
def test_owner_of_the_thing_attacked_is_the_target(ex: Extractor, text: str, target: str) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Attack")
    # the state, or its armed forces when the phrase names them ("Ethiopian military")
    assert any(t.lower().startswith(target.lower()[:8]) for t in ev.targets), ev.targets
    assert pairs(facts, "fights")


def test_a_demonym_before_no_military_thing_names_no_target(ex: Extractor) -> None:
    (ev,) = of_type(run(ex, "JNIM fighters attacked a Malian wedding party near Mopti."), "Attack")
    assert ev.targets == []


# --- casualties: whose people were killed -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "target", "killed", "place"),
    [
        (
            "Militants killed 14 soldiers of the Malian army near Gao.",
            "Malian Armed Forces",
            14,
            "Gao",
        ),
        ("Fourteen Nigerien soldiers were killed near Niamey.", "Niger Armed Forces", 14, "Niamey"),
        ("The group said 16 of its fighters died in Kidal.", None, 16, "Kidal"),
    ],
)
def test_casualties_of_a_sides_soldiers(
    ex: Extractor, text: str, target: str | None, killed: int, place: str
) -> None:
    (ev,) = of_type(run(ex, text), "CasualtyReport")
    assert (ev.figures.get("killed"), ev.place) == (killed, place)
    if target is not None:
        assert [t.lower()[:10] for t in ev.targets] == [target.lower()[:10]]


@pytest.mark.parametrize(
    ("text", "target", "killed"),
    [
        ("The attack killed 14 Malian soldiers, JNIM said.", "Malian Armed Forces", 14),
        ("A raid on a village near Kidal left 12 Malian soldiers dead.", "Malian Armed Forces", 12),
        ("Nineteen Somali soldiers were killed in an ambush near Jowhar.", "Somali", 19),
    ],
)
def test_an_attack_that_killed_targets_its_victims(
    ex: Extractor, text: str, target: str, killed: int
) -> None:
    (ev,) = of_type(run(ex, text), "Attack")
    assert ev.figures.get("killed") == killed
    assert [t.lower()[: len(target)] for t in ev.targets] == [target.lower()]
    assert ev.agents == []  # who reports it ("JNIM said") did not carry it out


# --- casualties that are no one event's ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Over ten years, the war killed 40,000 people in Yemen.",
        "More than 500,000 people died in the 1994 genocide.",
        "Since 2012, the insurgency has killed more than 10,000 civilians in Mali.",
    ],
)
def test_the_dead_of_a_whole_war_are_no_casualty_report(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "CasualtyReport")


def test_the_dead_of_strikes_over_a_year_are_still_reported(ex: Extractor) -> None:
    text = "Russian airstrikes on Idlib province have killed more than 2,000 people since May."
    (ev,) = of_type(run(ex, text), "CasualtyReport")
    assert (ev.agents, ev.figures) == (["Russia"], {"killed": 2000})


@pytest.mark.parametrize(
    "text",
    [
        "Five soldiers were killed in Sudan on Friday, the army said.",
        "Seven civilians died in Somalia last week.",
    ],
)
def test_the_country_where_they_died_did_not_kill_them(ex: Extractor, text: str) -> None:
    (ev,) = of_type(run(ex, text), "CasualtyReport")
    assert ev.agents == []


# --- attacks by no one named, and what they killed ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "place", "figures"),
    [
        (
            "Militants stormed a military base in Bulo Marer early on Friday, killing at least "
            "10 soldiers.",
            "Bulo-Marer",
            {"killed": 10},
        ),
        (
            "A missile struck a residential building in Tel Aviv, wounding 12 people.",
            "Tel Aviv",
            {"wounded": 12},
        ),
        ("Gunmen raided a checkpoint near Kidal on Sunday.", "Kidal", {}),
    ],
)
def test_an_attack_by_no_one_named(
    ex: Extractor, text: str, place: str, figures: dict[str, int]
) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Attack")
    assert (ev.agents, ev.place, ev.figures) == ([], place, figures)
    assert not of_type(facts, "CasualtyReport")  # the attack's dead, not a report of their own
    assert not of_type(facts, "Capture")  # storming a base takes nothing


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake struck Herat on Saturday.",
        "A storm hit the coast near Beira on Monday.",
    ],
)
def test_what_strikes_by_itself_is_no_attack(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack")


# --- captures of sites counted by a quantity ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place", "loser"),
    [
        (
            "HTS fighters seized dozens of villages in the Aleppo countryside.",
            "Hayat Tahrir al-Sham",
            "Aleppo Governorate",
            None,
        ),
        (
            "The TNLA said it captured a number of army positions in Kutkai township.",
            "Ta'ang National Liberation Army",
            "Kutkai township",
            None,
        ),
        (
            "Russian troops seized three Ukrainian positions near Avdiivka.",
            "Russian Armed Forces",
            "Avdiivka",
            "Ukraine",
        ),
    ],
)
def test_sites_taken_in_a_place(
    ex: Extractor, text: str, agent: str, place: str, loser: str | None
) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Capture")
    assert (ev.agents, ev.place) == ([agent], place)
    assert ev.targets == ([loser] if loser else [])
    assert not [r for r in facts.relations if r.type == "controls"]  # sites are not the place


def test_a_name_inside_a_facilitys_name_is_the_facility(ex: Extractor) -> None:
    text = "The Northeast Command headquarters was attacked with rockets on Friday."
    (ev,) = of_type(run(ex, text), "Attack")
    assert ev.place == "Northeast Command headquarters"


# --- doers named around the subject -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Insurgents led by HTS breached the defences and entered western Aleppo.", "HTS"),
        ("Fighters spearheaded by M23 entered the centre of Goma on Monday.", "M23"),
    ],
)
def test_the_armed_group_leading_the_doers_acts(ex: Extractor, text: str, agent: str) -> None:
    (ev,) = of_type(run(ex, text), "Capture")
    assert any(agent.lower() in a.lower() or a == "Hayat Tahrir al-Sham" for a in ev.agents)


def test_a_person_leading_the_doers_is_no_doer(ex: Extractor) -> None:
    text = "Iraqi forces led by General Abdul Amir Yarallah retook Tal Afar."
    (ev,) = of_type(run(ex, text), "Capture")
    assert ev.agents == ["Iraqi Security Forces"]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        # no actor withdrew: the forces withdrawn did
        (
            "The command decided to withdraw Ukrainian troops from Avdiivka.",
            "Armed Forces of Ukraine",
        ),
        # "it" is the state that said it (4a83368): the state withdrew, as the gold reads
        # "X withdrew its troops from P"
        ("Ukraine said it had withdrawn its troops from Avdiivka.", "Ukraine"),
        ("The government withdrew its soldiers from Kidal on Friday.", None),
    ],
)
def test_the_forces_withdrawn_withdraw(ex: Extractor, text: str, agent: str | None) -> None:
    (ev,) = of_type(run(ex, text), "Withdrawal")
    assert ev.agents
    assert agent is None or agent in ev.agents


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("HTS launched a surprise attack on government-held Aleppo.", "Government of Syria"),
        ("Ukrainian drones hit Russian-occupied Donetsk on Sunday.", "Russia"),
    ],
)
def test_who_holds_the_place_hit_is_the_target(ex: Extractor, text: str, target: str) -> None:
    evs = [e for e in run(ex, text).events if e.type in ("Attack", "Airstrike")]
    assert [e.targets for e in evs] == [[target]]


def test_people_left_dead_are_killed_not_displaced(ex: Extractor) -> None:
    facts = run(ex, "The clashes have left at least 90 people dead in Deir ez-Zor.")
    assert [(e.place, e.figures) for e in of_type(facts, "Battle")] == [
        ("Deir ez-Zor", {"killed": 90})
    ]
    assert not of_type(facts, "Displacement")
    facts = run(ex, "The fighting has forced 20,000 people to leave Marib.")
    assert [e.figures for e in of_type(facts, "Displacement")] == [{"displaced": 20000}]


def test_sites_retaken_were_not_lost_by_their_owner(ex: Extractor) -> None:
    text = "Kenyan troops recaptured two Somali army positions near Kismayo."
    facts = run(ex, text)
    assert all(e.targets == [] for e in of_type(facts, "Capture"))
    assert not pairs(facts, "fights")


# --- places: the town before the country ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("Fighting raged in Sudan's Darfur region.", "Battle", "Darfur"),
        (
            "Militants attacked a base in Somalia's Lower Shabelle region.",
            "Attack",
            "Lower Shabelle",
        ),
    ],
)
def test_the_place_inside_the_country_named_with_it(
    ex: Extractor, text: str, type_: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [place]


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "The port lies south of Kismayo, held by al-Shabaab since they stormed the city "
            "in March 2008.",
            "al-Shabaab",
            "Kismayo",
        ),
        (
            "Goma, held by M23 since the rebels stormed the city in January, is quiet.",
            "M23",
            "Goma",
        ),
    ],
)
def test_holder_since_its_capture_took_the_place(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    (ev,) = of_type(run(ex, text), "Capture")
    assert (ev.agents, ev.place) == ([agent], place)


# --- shelling nouns ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        ("Israeli shelling of Khiam continued on Sunday.", "Israel", "Khiam"),
        ("The army stepped up its bombardment of rebel positions around Idlib.", None, "Idlib"),
        ("Residents described the shelling of Kharkiv by Russian troops.", None, "Kharkiv"),
    ],
)
def test_shelling_of_a_place(ex: Extractor, text: str, agent: str | None, place: str) -> None:
    (ev,) = of_type(run(ex, text), "Bombardment")
    assert ev.place == place
    assert ev.agents
    assert agent is None or ev.agents == [agent]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry confirmed the shelling of Ras al-Ain.",  # whose, not said
        "Residents feared renewed shelling of Goma.",  # a fear
        "Two farmers died in Israeli shelling of Khiam on Sunday.",  # the report's cause
    ],
)
def test_no_shelling_event(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Bombardment")


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon launched strikes on depots in Iraq and Yemen in retaliation for the "
        "attacks on US troops.",
        "Kenya sent troops to Kismayo after the attacks on Kenyan tourists.",
    ],
)
def test_an_attack_named_inside_another_phrase_is_not_placed_by_its_clause(
    ex: Extractor, text: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] in ([], [None])
    assert "Iraq" in {e.place for e in of_type(run(ex, text), "Airstrike")} or "Kenya" in text


def test_an_attack_in_the_clause_is_placed_by_it(ex: Extractor) -> None:
    (ev,) = of_type(run(ex, "Three soldiers were killed in an ambush in Gao on Monday."), "Attack")
    assert ev.place == "Gao"


# --- an assault on one base; fighting a clause's doers did -------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "target", "place"),
    [
        (
            "Al-Shabaab militants launched a deadly assault on a Ugandan army base in Bulo Marer.",
            "al-Shabaab",
            "Uganda People's Defence Force",
            "Bulo-Marer",
        ),
        (
            "JNIM fighters mounted an assault on a gendarmerie post near Mopti on Sunday.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
            None,
            "Mopti",
        ),
    ],
)
def test_an_assault_on_one_base_is_an_attack(
    ex: Extractor, text: str, agent: str, target: str | None, place: str
) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Attack")
    assert (ev.agents, ev.place) == ([agent], place)
    assert target is None or ev.targets == [target]
    assert not of_type(facts, "Offensive")


def test_an_assault_on_a_town_or_many_positions_is_an_offensive(ex: Extractor) -> None:
    facts = run(ex, "The army launched an assault on Houthi positions near Marib.")
    assert [(e.place, e.targets) for e in of_type(facts, "Offensive")] == [("Marib", ["Houthis"])]
    assert not of_type(facts, "Attack")


# --- who acted in an offensive or attack; control over; entering by no one ------------------------
@pytest.mark.parametrize(
    ("text", "type_", "agent", "place"),
    [
        (
            "Russian troops took part in the assault on Avdiivka.",
            "Offensive",
            "Russian Armed Forces",
            "Avdiivka",
        ),
        (
            "Azerbaijan regained control over Nagorno-Karabakh in a lightning offensive.",
            "Offensive",
            "Azerbaijan",
            "Nagorno-Karabakh",
        ),
        ("Wagner fighters took part in the raid on Moura.", "Attack", "Wagner Group", "Moura"),
    ],
)
def test_who_acted_in_an_offensive_or_attack(
    ex: Extractor, text: str, type_: str, agent: str, place: str
) -> None:
    (ev,) = of_type(run(ex, text), type_)
    assert (ev.agents, ev.place) == ([agent], place)


def test_control_over_a_place_is_taken(ex: Extractor) -> None:
    text = "Azerbaijan regained control over Nagorno-Karabakh in September 2023."
    (ev,) = of_type(run(ex, text), "Capture")
    assert (ev.agents, ev.place, str(ev.date)) == (["Azerbaijan"], "Nagorno-Karabakh", "2023-09")


@pytest.mark.parametrize(
    "text",
    [
        "Twelve civilians were killed in the offensive on Marib.",
        "The delegation entered Kabul on Monday.",
        "Thousands of refugees entered Chad from Darfur.",
    ],
)
def test_no_doer_of_an_offensive_or_capture(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert all(not e.agents for e in facts.events if e.type in ("Offensive", "Capture"))
    assert not of_type(facts, "Capture")


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        (
            "Operation Peace Spring by Turkey and its Syrian allies began in northeastern Syria.",
            "Turkey",
            "Northeastern Syria",
        ),
        (
            "Operation 1027 by the MNDAA has included attacks in northern Shan State.",
            "Myanmar National Democratic Alliance Army",
            "Northern Shan State",
        ),
    ],
)
def test_a_named_operation_is_an_offensive(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    (ev,) = of_type(run(ex, text), "Offensive")
    assert (ev.agents, ev.place) == ([agent], place)


def test_an_operation_of_no_one_is_none(ex: Extractor) -> None:
    assert not of_type(run(ex, "Operation Barkhane ended in Mali in 2022."), "Offensive")


# --- who was attacked, said by the verb around the attack ---------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        (
            "Ukrainian troops repelled an assault by Russian forces near Avdiivka.",
            "Offensive",
            "Armed Forces of Ukraine",
        ),
        ("SDF fighters came under attack in Deir ez-Zor.", "Attack", "Syrian Democratic Forces"),
        (
            "Kenyan troops fought off an attack by al-Shabaab near Lamu.",
            "Attack",
            "Kenya Defence Forces",
        ),
    ],
)
def test_who_resisted_or_came_under_attack_was_its_target(
    ex: Extractor, text: str, type_: str, target: str
) -> None:
    (ev,) = of_type(run(ex, text), type_)
    assert target in ev.targets


def test_a_side_that_launched_the_attack_is_not_its_target(ex: Extractor) -> None:
    (ev,) = of_type(run(ex, "Al-Shabaab mounted an attack on a camp near Lamu."), "Attack")
    assert ev.targets == []


# --- a death toll that rose ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agents", "place", "killed"),
    [
        (
            "The death toll from Israeli strikes on Gaza has risen to 120.",
            ["Israel"],
            "Gaza Strip",
            120,
        ),
        ("The death toll in Goma stands at 700, the UN said.", [], "Goma", 700),
    ],
)
def test_a_death_toll_that_rose(
    ex: Extractor, text: str, agents: list[str], place: str, killed: int
) -> None:
    (ev,) = of_type(run(ex, text), "CasualtyReport")
    assert (ev.agents, ev.place, ev.figures) == (agents, place, {"killed": killed})


def test_the_toll_of_one_attack_is_its_figures(ex: Extractor) -> None:
    facts = run(ex, "The death toll from the raid on a base near Kidal rose to 35.")
    assert [e.figures for e in of_type(facts, "Attack")] == [{"killed": 35}]
    assert not of_type(facts, "CasualtyReport")


def test_other_things_rising_count_no_dead(ex: Extractor) -> None:
    assert not run(ex, "Food prices in Goma rose to 90 dollars a sack.").events


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Ethiopian government drones struck a market in Dedebit on Friday, killing 56 "
            "civilians.",
            56,
        ),
        (
            "Sudanese government warplanes bombed a market in Nyala on Sunday, killing 20 people.",
            20,
        ),
        ("Myanmar junta jets bombed a school in Sagaing on Monday, killing 11 children.", 11),
    ],
)
def test_a_states_strike_keeps_its_dead_whoever_of_its_side_is_named(
    ex: Extractor, text: str, killed: int
) -> None:
    # the strike's doer is read as the government, the killing's as its forces: one side
    facts = run(ex, text)
    assert of_type(facts, "CasualtyReport") == []
    (strike,) = of_type(facts, "Airstrike")
    assert strike.figures == {"killed": killed}


def test_another_sides_dead_stay_their_own(ex: Extractor) -> None:
    text = (
        "Turkish jets bombed a village near Kobani on Monday, killing 4 people, and Syrian "
        "army shelling killed 12 civilians there."
    )
    facts = run(ex, text)
    assert [e.figures for e in of_type(facts, "Airstrike")] == [{"killed": 4}]
    assert [e.figures for e in of_type(facts, "Bombardment")] == [{"killed": 12}]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Russian missiles hit an apartment block in Odesa on Friday, killing at least 12 "
            "people and wounding 30.",
            {"killed": 12, "wounded": 30},
        ),
        (
            "Gunmen stormed a police station in Kidal on Friday, killing four officers and "
            "injuring six others.",
            {"killed": 4, "wounded": 6},
        ),
        # a second participle of no harm counts nothing
        (
            "Gunmen stormed a police station in Kidal on Friday, killing four officers and "
            "burning the building.",
            {"killed": 4},
        ),
    ],
)
def test_the_wounded_of_a_second_participle(
    ex: Extractor, text: str, figures: dict[str, int]
) -> None:
    # "..., killing N and wounding M": both participles count the attack's victims
    assert [e.figures for e in of_type(run(ex, text), "Attack")] == [figures]
