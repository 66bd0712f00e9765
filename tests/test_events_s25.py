"""Event rules, session 25 (helper evbank): phrasing of wars outside the news set.
Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate


# -- hyphenated number words ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Twenty-three villagers were killed in an attack on Solhan on Friday.", 23),
        ("Rebels killed thirty-one people in Bria on Monday.", 31),
        ("Forty soldiers died near Djibo on Sunday.", 40),  # a tens word alone
        ("Fifty-nine civilians died in Maiduguri on Sunday.", 59),
    ],
)
def test_hyphenated_number_words(ex: Extractor, text: str, killed: int) -> None:
    counts = {e.figures["killed"] for e in run(ex, text).events if "killed" in e.figures}
    assert counts == {killed}, text


def test_a_hyphen_between_other_words_is_no_number(ex: Extractor) -> None:
    # "twenty-year-old" is an age: the count of the dead is the number before it
    facts = run(ex, "Two twenty-year-old students were killed in Maiduguri.")
    assert {e.figures["killed"] for e in facts.events if "killed" in e.figures} <= {2}


# -- a place's possessive before a part of it ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("Filipino troops withdrew from Marawi's city centre on Friday.", "Withdrawal", "Marawi"),
        ("Iraqi forces recaptured Fallujah's city centre on June 17, 2016.", "Capture", "Fallujah"),
        ("Rebels shelled Bangui's northern suburbs on Monday.", "Bombardment", "Bangui"),
        ("The army regained control of Marawi's old city on Monday.", "Capture", "Marawi"),
    ],
)
def test_a_part_of_a_place_is_that_place(ex: Extractor, text: str, type_: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [place], text


def test_a_country_part_is_no_one_place(ex: Extractor) -> None:
    # "Libya's ports": a country's parts name no town
    events = run(ex, "Government forces seized Libya's ports on Monday.").events
    assert all(e.place not in ("Libya",) or e.type != "Capture" for e in events)


# -- a verb of abuse with civilians as its object ------------------------------------------
@pytest.mark.parametrize(
    ("text", "agents", "place"),
    [
        (
            "Islamic State militants executed 20 villagers in Nineveh province last month.",
            ["Islamic State"],
            "Nineveh Governorate",
        ),
        (
            "Twelve villagers were abducted by Boko Haram in Gwoza on Monday.",
            ["Boko Haram"],
            "Gwoza",
        ),
        ("Gunmen kidnapped 12 worshippers from a mosque in Bauchi on Friday.", [], "Bauchi"),
        (
            "Boko Haram fighters stormed Dalori on Saturday, abducting 30 women.",
            ["Boko Haram"],
            "Dalori",
        ),
    ],
)
def test_abuse_verbs(ex: Extractor, text: str, agents: list[str], place: str) -> None:
    events = of_type(run(ex, text), "ViolenceAgainstCivilians")
    assert [(e.agents, e.place) for e in events] == [(agents, place)], text


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State threatened to execute the villagers.",
        "Boko Haram did not abduct the students, the army said.",
        "Islamic State militants may have executed 20 villagers in Nineveh.",
        "The court executed two men in Baghdad on Monday.",  # no armed doer
        "ISWAP fighters executed a raid on Monguno on Monday.",  # no civilians
    ],
)
def test_no_abuse_verb(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "ViolenceAgainstCivilians"), text


# -- attackers by their noun as the subject of a killing -----------------------------------
@pytest.mark.parametrize(
    ("text", "agents", "place", "killed"),
    [
        (
            "A suicide bomber killed 30 people at a market in Maiduguri on Tuesday.",
            [],
            "Maiduguri",
            30,
        ),
        ("Gunmen killed six farmers in Katsina on Monday.", [], "Katsina", 6),
        (
            "ISWAP gunmen killed 11 soldiers near Monguno on Sunday.",
            ["Islamic State West Africa Province"],
            "Monguno",
            11,
        ),
    ],
)
def test_attackers_who_kill_attack(
    ex: Extractor, text: str, agents: list[str], place: str, killed: int
) -> None:
    events = of_type(run(ex, text), "Attack")
    assert [(e.agents, e.place, e.figures.get("killed")) for e in events] == [
        (agents, place, killed)
    ], text


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen could kill more villagers in Zamfara, officials warned.",  # modal
        "Gunmen have killed 2,000 people in Zamfara since 2019.",  # a toll of years
        "Militants killed 12 soldiers in Borno on Monday.",  # fighters: perhaps in battle
    ],
)
def test_no_attack_by_killers(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack"), text


# -- the means of a killing: "X killed N in airstrikes" ------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "agents"),
    [
        (
            "French forces killed 50 jihadists in airstrikes in central Mali on Friday.",
            "Airstrike",
            ["French Armed Forces"],
        ),
        (
            "Nigerian troops killed 14 insurgents in air raids near Bama on Monday.",
            "Airstrike",
            ["Nigerian Armed Forces"],
        ),
    ],
)
def test_the_means_of_a_killing(ex: Extractor, text: str, type_: str, agents: list[str]) -> None:
    assert [e.agents for e in of_type(run(ex, text), type_)] == [agents], text


@pytest.mark.parametrize(
    "text",
    [
        "The army killed 30 militants in the airstrikes, the spokesman said.",  # told before
        "The army could kill more militants in airstrikes, the minister said.",  # modal
    ],
)
def test_no_means_of_a_killing(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Airstrike"), text


# -- an armed group's own aircraft ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("LNA warplanes bombed Misrata on Saturday.", "Airstrike", "Misrata"),
        ("Libyan National Army helicopters struck Zawiya on 6 January.", "Airstrike", "Zawiya"),
        ("LNA drones struck Misrata on Saturday.", "Attack", "Misrata"),  # weapons it launches
    ],
)
def test_group_aircraft(ex: Extractor, text: str, type_: str, place: str) -> None:
    events = of_type(run(ex, text), type_)
    assert [(e.agents, e.place) for e in events] == [(["Libyan National Army"], place)], text


def test_group_aircraft_that_only_may_bomb(ex: Extractor) -> None:
    assert not run(ex, "LNA warplanes could bomb Misrata, the GNA warned.").events


# -- an attack told the first time as the subject of a killing -----------------------------
@pytest.mark.parametrize(
    ("text", "place", "killed"),
    [
        ("A drone strike killed six militants near Sirte on Thursday.", "Sirte", 6),
        ("A missile strike killed 12 people in Tskhinvali on Friday.", "Tskhinvali", 12),
        ("A suicide bombing killed 20 people at a mosque in Maiduguri on Friday.", "Maiduguri", 20),
    ],
)
def test_an_attack_that_kills(ex: Extractor, text: str, place: str, killed: int) -> None:
    events = of_type(run(ex, text), "Attack")
    assert [(e.place, e.figures.get("killed")) for e in events] == [(place, killed)], text


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike could kill civilians in Sirte, the UN warned.",  # modal
        "Drone strikes have killed 300 people in Libya since 2019.",  # a toll of years
    ],
)
def test_no_attack_that_kills(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack"), text


# -- unnamed fighters as the doers of an attack --------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Separatists attacked Buea's main market on Tuesday.", "Buea"),
        ("Separatist fighters ambushed a police patrol near Kumba on Friday.", "Kumba"),
        ("Guerrillas raided a military outpost in Cauca on Sunday.", "Cauca Department"),
    ],
)
def test_unnamed_fighters_attack(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] == [place], text


@pytest.mark.parametrize(
    "text",
    ["Separatists threatened to attack Buea.", "The fighters did not attack Bria, the UN said."],
)
def test_unnamed_fighters_no_attack(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack"), text


# -- a site taken "at" or "outside" a place ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("LTTE fighters overran an army camp at Mullaitivu in July 1996.", "Mullaitivu"),
        ("Boko Haram seized a military base at Baga on Saturday.", "Baga"),
        ("Islamic State fighters captured an army outpost outside Ramadi on Monday.", "Ramadi"),
    ],
)
def test_a_site_at_a_place(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Capture")] == [place], text


def test_a_site_taken_at_a_time(ex: Extractor) -> None:
    # "at dawn" names no place
    assert not of_type(run(ex, "The LNA took a position at dawn on Monday."), "Capture")


# -- the place inside a "between" phrase of a fight ----------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Fighting broke out between the army and Maute militants in Marawi on May 23.", "Marawi"),
        ("Clashes erupted between soldiers and separatists in Bamenda on Monday.", "Bamenda"),
    ],
)
def test_a_place_between_the_sides(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Battle")] == [place], text


def test_no_fight_between_the_sides(ex: Extractor) -> None:
    text = "Fighting could break out between the army and separatists in Bamenda, officials warned."
    assert not of_type(run(ex, text), "Battle")


# -- a battle's place from its aim: "the battle to retake P" -------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The battle to retake Marawi lasted five months.", "Marawi"),
        ("The battle to recapture Ramadi began in December.", "Ramadi"),
        ("Fierce fighting to retake Tal Afar continued on Monday.", "Tal Afar"),
    ],
)
def test_a_battle_to_take_a_place(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Battle")] == [place], text


def test_a_battle_that_could_begin(ex: Extractor) -> None:
    text = "The battle to retake Sirte could begin next week."
    assert not of_type(run(ex, text), "Battle")


def test_a_headline_means_is_the_story_s(ex: Extractor) -> None:
    # a headline's bare "in P raid" names the raid the story tells: no attack of its own
    text = "Rebels kill six soldiers in Vakaga raid"
    assert not of_type(run(ex, text), "Attack")


# -- a bombing verb with a named doer ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "agents", "place"),
    [
        ("Russia bombed Grozny on Monday.", "Airstrike", ["Russia"], "Grozny"),
        (
            "The Sri Lankan army bombed Tiger positions near Kilinochchi on Monday.",
            "Airstrike",
            ["Armed Forces of Sri Lanka"],
            "Kilinochchi",
        ),
        (
            "FARC rebels bombed a police station in Cali on Monday.",
            "Attack",
            ["Revolutionary Armed Forces of Colombia"],
            "Cali",
        ),
    ],
)
def test_bombed_by(ex: Extractor, text: str, type_: str, agents: list[str], place: str) -> None:
    events = of_type(run(ex, text), type_)
    assert [(e.agents, e.place) for e in events] == [(agents, place)], text


@pytest.mark.parametrize(
    "text",
    [
        "The army denied that it had bombed the village of Bama.",
        "Russia could bomb Grozny, officials warned.",
        "Russia threatened to bomb Grozny.",
        "Russia did not bomb Grozny on Monday.",
    ],
)
def test_no_bombing(ex: Extractor, text: str) -> None:
    events = run(ex, text).events
    assert not [e for e in events if e.type in ("Airstrike", "Attack")], text


# -- a verb form the model rarely saw: "overran" -------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Islamic State overran Ramadi in May 2015.", "Ramadi"),
        ("Boko Haram overran Monguno on Saturday.", "Monguno"),
        ("Boko Haram overruns Baga", "Baga"),
    ],
)
def test_overran(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Capture")] == [place], text


def test_overran_only_in_a_plan(ex: Extractor) -> None:
    assert not of_type(run(ex, "Islamic State threatened to overrun Ramadi."), "Capture")


# -- burning homes and villages ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agents", "place"),
    [
        ("Boko Haram fighters burned the village of Dalori on Monday.", ["Boko Haram"], "Dalori"),
        ("Seleka rebels torched homes in Bossangoa on Monday.", ["Séléka"], "Bossangoa"),
    ],
)
def test_burnt_homes(ex: Extractor, text: str, agents: list[str], place: str) -> None:
    events = of_type(run(ex, text), "ViolenceAgainstCivilians")
    assert [(e.agents, e.place) for e in events] == [(agents, place)], text


@pytest.mark.parametrize(
    "text",
    [
        "Boko Haram burned an army base in Monguno on Monday.",  # no homes
        "Boko Haram threatened to burn the village of Kukawa.",
        "Boko Haram did not burn the village, residents said.",
    ],
)
def test_no_burnt_homes(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "ViolenceAgainstCivilians"), text


# -- unnamed attackers who open fire -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen opened fire on worshippers at a mosque in Kano on Friday.", "Kano"),
        ("Unknown assailants fired on a bus near Kaduna on Monday.", "Kaduna"),
        ("Twenty-five people died when gunmen opened fire at a church in Ondo on Sunday.", "Ondo"),
    ],
)
def test_unnamed_attackers_open_fire(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] == [place], text


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen could open fire on voters in Kano, police warned.",
        "Gunmen did not open fire on the crowd in Kano.",
    ],
)
def test_unnamed_attackers_no_fire(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack"), text


# -- "armed men" as unnamed attackers ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Armed men attacked the village of Yirgou on January 1.", "Yirgou"),
        ("Masked men stormed a church in Ondo on Sunday.", "Ondo"),
    ],
)
def test_armed_men_attack(ex: Extractor, text: str, place: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "Attack")] == [place], text


@pytest.mark.parametrize(
    "text",
    [
        "Men attacked the village of Yirgou on January 1.",  # "men" alone: no attackers
        "Armed men could attack the village of Yirgou, residents fear.",
    ],
)
def test_no_armed_men_attack(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Attack"), text


# -- a truce by its verbs: "agreed to stop fighting" ---------------------------------------
@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The army and the rebels agreed to stop fighting in Bria on Tuesday.",
            {"Central African Armed Forces", "Central African opposition"},
        ),
        (
            "The LNA agreed with the GNA to cease hostilities on Sunday.",
            {"Libyan National Army", "Government of National Accord"},
        ),
    ],
)
def test_agreed_to_stop_fighting(ex: Extractor, text: str, parties: set[str]) -> None:
    assert [set(e.agents) for e in of_type(run(ex, text), "Ceasefire")] == [parties], text


@pytest.mark.parametrize(
    "text",
    [
        "The rebels refused to stop fighting in Bria.",
        "The LNA could agree to stop fighting, diplomats said.",
        "The UN urged the LNA to stop fighting.",
        "The LNA did not agree to stop fighting.",
    ],
)
def test_no_agreement_to_stop(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Ceasefire"), text


# -- the date of a siege laid: "laid siege to P last week" ---------------------------------
@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ISWAP fighters laid siege to the town of Dikwa last week.", (2024, 3)),
        ("Boko Haram imposed a blockade on Monguno last month.", (2024, 2)),
    ],
)
def test_a_siege_laid_when(ex: Extractor, text: str, date: tuple[int, int]) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 10)), text)
    events = of_type(facts, "Siege")
    assert [(e.date.year, e.date.month) for e in events if e.date] == [date], text


def test_a_siege_laid_undated(ex: Extractor) -> None:
    # no time phrase: the siege's start is not the article's date
    events = of_type(run(ex, "ISWAP fighters have laid siege to Dikwa."), "Siege")
    assert [e.date for e in events] == [None]


# -- a peace deal is a truce ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The Colombian government and the FARC signed a peace agreement in Havana in 2016.",
            {"Government of Colombia", "Revolutionary Armed Forces of Colombia"},
        ),
        (
            "The government and the MILF signed a peace deal in Manila on March 27, 2014.",
            {"Government of the Philippines", "Moro Islamic Liberation Front"},
        ),
    ],
)
def test_a_peace_deal(ex: Extractor, text: str, parties: set[str]) -> None:
    assert [set(e.agents) for e in of_type(run(ex, text), "Ceasefire")] == [parties], text


@pytest.mark.parametrize(
    "text",
    [
        "The UN called for a peace deal between the LNA and the GNA.",  # asked for
        "The LNA and the GNA are negotiating a peace deal.",  # talks, no truce yet
    ],
)
def test_no_peace_deal(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Ceasefire"), text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russia and Ukraine agreed to stop fighting in Karvosk.", "Karvosk"),
        # no place stated: none, never a party's country or the mediator's
        ("Hamas and Israel agreed to stop fighting, Egypt said.", None),
    ],
)
def test_a_truce_by_its_verbs_is_placed_by_its_own_phrase(
    ex: Extractor, text: str, place: str | None
) -> None:
    assert [e.place for e in of_type(run(ex, text), "Ceasefire")] == [place], text


@pytest.mark.parametrize(
    "text",
    [
        "Hamas executed three men it accused of collaborating with Israel.",
        "Al-Shabaab beheaded two men it accused of spying for Kenya.",
    ],
)
def test_an_abuse_is_not_placed_in_a_clause_on_its_victims(ex: Extractor, text: str) -> None:
    assert [e.place for e in of_type(run(ex, text), "ViolenceAgainstCivilians")] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Fighting broke out between two families in Karvosk over land.",
        "Clashes broke out between two clans in Ostrava over grazing land.",
    ],
)
def test_a_fight_between_unarmed_sides_is_placed_by_no_between_phrase(
    ex: Extractor, text: str
) -> None:
    assert not of_type(run(ex, text), "Battle"), text


def test_unnamed_attackers_opening_fire_keep_the_dead(ex: Extractor) -> None:
    facts = run(ex, "A gunman opened fire at a school in Karvosk, killing three.")
    assert [(e.place, e.figures.get("killed")) for e in of_type(facts, "Attack")] == [
        ("Karvosk", 3)
    ]


def test_bombed_out_of_something_is_no_bombing(ex: Extractor) -> None:
    facts = run(ex, "Russia bombed out of the tournament in Karvosk.")
    assert not of_type(facts, "Airstrike")
    assert not of_type(facts, "Attack")
