"""Relation rules of session 13, written against classes of phrasing seen in further real war
news (Libya 2011, Marawi 2017, Donbas 2015, Fallujah, South Sudan 2014, Sri Lanka 2009, Yemen):
two sides of a coordinated subject fighting each other, a place "in rebel hands", a party
"allied with" another, an assault held off or an advance halted, and allies fighting
alongside in a participle. Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2016, 5, 3)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


def of_type(got: set[tuple[str, str, str]], type_: str) -> set[tuple[str, str, str]]:
    return {r for r in got if r[0] == type_}


# -- mutual-fight: "X and Y have been fighting" --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Al-Shabaab and Somali forces have been fighting for weeks around Kismayo.",
            ("fights", "Somali National Army", "al-Shabaab"),
        ),
        (
            "Rebels and government troops clashed again in Bentiu.",
            ("fights", "South Sudan People's Defence Forces", "South Sudanese opposition"),
        ),
        (
            "The SPLA and the rebels fought for control of Malakal.",
            ("fights", "South Sudan People's Defence Forces", "South Sudanese opposition"),
        ),
        ("Russia and Ukraine have been at war since 2022.", ("fights", "Russia", "Ukraine")),
        (
            "Sri Lankan soldiers and Tamil Tiger rebels fought in the town of Mullaittivu.",
            ("fights", "Armed Forces of Sri Lanka", "Liberation Tigers of Tamil Eelam"),
        ),
    ],
)
def test_two_sides_fight_each_other(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The YPG and the SDF fought together in Raqqa.",
        "Al-Shabaab and Somali forces could clash again near Kismayo.",
        "Al-Shabaab and Somali forces have not fought since March.",
        "Armenia and Azerbaijan once fought over Karabakh.",
        # a foreign group beside a state's forces, no reciprocal word: maybe allies
        "Syrian troops and Hezbollah fought in Qusayr.",
    ],
)
def test_no_mutual_fight(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "fights")


def test_no_fight_between_allies_fighting_one_enemy(ex: Extractor) -> None:
    got = rels(ex, "Syrian troops and Hezbollah fought against the rebels in Qusayr.")
    assert fact("fights", "Syrian Arab Army", "Hezbollah") not in got
    assert fact("fights", "Hezbollah", "Syrian opposition") in got


def test_allies_of_the_article_do_not_fight_each_other(ex: Extractor) -> None:
    """A fight of two coordinated sides whom the article has as allies is dropped."""
    text = (
        "Iraqi forces and the Popular Mobilization Forces fought in Tikrit. "
        "The Popular Mobilization Forces are allied with the Iraqi government."
    )
    got = rels(ex, text)
    assert fact("alliedWith", "Popular Mobilization Forces", "Government of Iraq") in got
    assert not of_type(got, "fights")


# -- under-control: "P remains in rebel hands" --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town of Kidal remains in rebel hands.", ("controls", "Malian opposition", "Kidal")),
        (
            "The Houthi rebels advanced on Taiz. Mocha is in rebel hands.",
            ("controls", "Houthis", "Mocha"),
        ),
    ],
)
def test_place_in_rebel_hands(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kidal was never in rebel hands.",
        "Kidal, which once was in rebel hands, is calm.",
        "Kidal could soon be in rebel hands.",
    ],
)
def test_no_control_in_rebel_hands(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "controls")


# -- aligned: "X are allied with Y" --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Houthis are allied with Iran.", ("alliedWith", "Houthis", "Iran")),
        (
            "Hezbollah is allied with the Syrian government.",
            ("alliedWith", "Hezbollah", "Government of Syria"),
        ),
    ],
)
def test_allied_with(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis were once allied with al-Qaeda.",
        "The Houthis could be allied with Iran.",
        "The Houthis are not allied with Iran.",
    ],
)
def test_not_allied_with(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "alliedWith")


# -- hostile-verb: an assault held off, an advance halted -----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenyan troops beat back an al-Shabaab attack on their base.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "Somali troops are holding off an al-Shabaab assault on the town.",
            ("fights", "Somali National Army", "al-Shabaab"),
        ),
        (
            "Kenyan troops halted the advance of al-Shabaab fighters.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "Ukrainian troops slowed the rebels' advance near Donetsk. The rebels are backed by "
            "Russia.",
            ("fights", "Armed Forces of Ukraine", "Ukrainian opposition"),
        ),
    ],
)
def test_assault_held_off(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Turkey urged Russia to stop the government attacks.",
        "Kenyan troops could not halt the advance of al-Shabaab fighters.",
        "The Houthis are holding talks with Saudi Arabia.",
    ],
)
def test_no_assault_held_off(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "fights")


# -- alongside in a participle set off by commas ------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ethiopian troops, fighting alongside Eritrean soldiers, captured Axum.",
            ("alliedWith", "Ethiopian National Defense Force", "Eritrean Defence Forces"),
        ),
        (
            "Chadian troops, fighting alongside Nigerien soldiers, retook Damasak.",
            ("alliedWith", "Chadian National Army", "Niger Armed Forces"),
        ),
    ],
)
def test_alongside_in_a_participle(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_alongside_in_a_negated_clause(ex: Extractor) -> None:
    got = rels(ex, "Fighting alongside Eritrean soldiers is not an option for Ethiopian troops.")
    assert not of_type(got, "alliedWith")


# -- war-with: whose people or posts the attack is against; a demonym's attacks --------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Philippine troops began their assault against insurgents from the Maute group.",
            ("fights", "Armed Forces of the Philippines", "Maute group"),
        ),
        (
            "Philippine security forces carried out a raid on a hideout of the Maute group.",
            ("fights", "Armed Forces of the Philippines", "Maute group"),
        ),
        ("Israeli strikes on Hezbollah targets continued.", ("fights", "Israel", "Hezbollah")),
        (
            "Kenyan troops launched an attack with tanks against militants from al-Shabaab.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
    ],
)
def test_attack_on_a_groups_people(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya might go to war with militants from al-Shabaab.",
        "Kenya would never wage war against militants from al-Shabaab.",
        "Three Kenyan soldiers were killed in attacks on posts of al-Shabaab.",
    ],
)
def test_no_attack_on_a_groups_people(ex: Extractor, text: str) -> None:
    got = rels(ex, text)
    assert fact("fights", "Kenya Defence Forces", "al-Shabaab") not in got


# -- backed-compound: "U.S.-backed" as one token --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iraq's U.S.-backed armed forces are preparing a counteroffensive.",
            ("backs", "United States", "Iraqi Security Forces"),
        ),
        (
            "The U.S.-backed Syrian Democratic Forces took Raqqa.",
            ("backs", "United States", "Syrian Democratic Forces"),
        ),
    ],
)
def test_glued_sponsor(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_glued_sponsor_of_a_plain_abbreviation(ex: Extractor) -> None:
    got = rels(ex, "The U.S.-made Syrian Democratic Forces rifles were seized in Raqqa.")
    assert not of_type(got, "backs")


# -- proxy: by a demonym, "of X", a name after "proxy" read as an adjective ------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Syrian National Army, a Turkish proxy, attacked Manbij.",
            ("backs", "Turkey", "Syrian National Army"),
        ),
        ("Hezbollah, a proxy of Iran, fired rockets.", ("backs", "Iran", "Hezbollah")),
        ("Kataib Hezbollah is an Iranian proxy.", ("backs", "Iran", "Kataib Hezbollah")),
        ("Iran's proxy Hezbollah fired rockets.", ("backs", "Iran", "Hezbollah")),
    ],
)
def test_proxy(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah denied being a proxy of Iran.",
        "Hezbollah is not an Iranian proxy.",
        "The Syrian National Army, a former Turkish proxy, attacked Manbij.",
    ],
)
def test_no_proxy(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "backs")


# -- alongside: "on the side of" a war ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wagner mercenaries are fighting on the side of the Malian army.",
            ("alliedWith", "Wagner Group", "Malian Armed Forces"),
        ),
        (
            "Eritrean troops are fighting on behalf of the Ethiopian government.",
            ("alliedWith", "Eritrean Defence Forces", "Government of Ethiopia"),
        ),
        (
            "Russia entered the war on the side of the Syrian government.",
            ("alliedWith", "Russia", "Government of Syria"),
        ),
    ],
)
def test_on_the_side_of(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The UN envoy spoke on behalf of the Syrian government.",
        "Wagner mercenaries could fight on the side of the Malian army.",
        "Wagner mercenaries are not fighting on the side of the Malian army.",
    ],
)
def test_not_on_the_side_of(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "alliedWith")


# -- support-verb: two verbs sharing one object ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran has armed and trained Hezbollah for decades.", ("backs", "Iran", "Hezbollah")),
        ("Russia equipped and trained the Syrian army.", ("backs", "Russia", "Syrian Arab Army")),
    ],
)
def test_shared_object_of_support_verbs(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_shared_object_when_negated(ex: Extractor) -> None:
    assert not of_type(rels(ex, "Iran has not armed and trained Hezbollah."), "backs")


# -- hostile-verb: the holder of an "X-held" place attacked ---------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Forces loyal to Gaddafi shelled the rebel-held city of Misrata.",
            ("fights", "Armed Forces of Libya", "Libyan opposition"),
        ),
        (
            "Russian jets bombed rebel-held Idlib on Sunday.",
            ("fights", "Russia", "Syrian opposition"),
        ),
    ],
)
def test_attack_on_a_held_place(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Government forces could shell rebel-held Misrata.",
        "Government forces did not shell rebel-held Misrata.",
    ],
)
def test_no_attack_on_a_held_place(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "fights")


def test_forces_loyal_to_a_known_leader(ex: Extractor) -> None:
    """A leader the gazetteer knows (Muammar Gaddafi): forces loyal to him are his state's."""
    got = rels(ex, "Rebels battled troops loyal to Muammar Gaddafi for the town of Brega.")
    assert fact("fights", "Libyan opposition", "Armed Forces of Libya") in got


# -- backed-by: a relative pronoun inside a reported clause ---------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The M23 rebels, whom Congo says are supported by Rwanda, advanced on Goma.",
            ("backs", "Rwanda", "M23"),
        ),
        (
            "The Houthis, whom Riyadh says are armed by Iran, fired missiles at Jizan.",
            ("backs", "Iran", "Houthis"),
        ),
    ],
)
def test_backed_in_a_reported_relative_clause(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_backing_denied_in_a_relative_clause(ex: Extractor) -> None:
    got = rels(ex, "The M23 rebels, whom Congo says are not supported by Rwanda, advanced.")
    assert not of_type(got, "backs")


# -- a provincial capital is not the country's capital --------------------------------------
def test_provincial_capital_is_not_the_capital(ex: Extractor) -> None:
    text = "The Taliban took Kunduz on Monday, the first provincial capital to fall to them."
    got = rels(ex, text)
    assert fact("controls", "Taliban", "Kunduz") in got
    assert fact("controls", "Taliban", "Kabul") not in got


def test_the_capital_is_still_the_countrys(ex: Extractor) -> None:
    got = rels(ex, "The Taliban advanced on Kabul. The Taliban took the capital on Sunday.")
    assert fact("controls", "Taliban", "Kabul") in got


# -- backed-compound: whose sponsor, whom it backs ------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "Clashes erupted between the US-backed Syrian Democratic Forces and Arab tribal "
            "fighters near Deir ez-Zor.",
            ("backs", "United States", "Syrian Democratic Forces"),
            ("backs", "United States", "Arab tribal fighters"),
        ),
        (
            "The Pentagon said it hit Kataib Hezbollah, an Iranian-backed militia, in Iraq.",
            ("backs", "Iran", "Kataib Hezbollah"),
            ("backs", "Iran", "Iran-backed militias"),
        ),
        (
            "Jets struck the Popular Mobilization Forces, a Tehran regime-backed group, in Iraq.",
            ("backs", "Iran", "Popular Mobilization Forces"),
            ("backs", "Government of Iran", "Popular Mobilization Forces"),
        ),
    ],
)
def test_backed_compound_client_and_sponsor(
    ex: Extractor,
    text: str,
    expected: tuple[str, str, str],
    wrong: tuple[str, str, str],
) -> None:
    got = rels(ex, text)
    assert fact(*expected) in got
    assert fact(*wrong) not in got


def test_no_backing_by_a_government_for_an_alliance(ex: Extractor) -> None:
    """A government that only sides with a group ("government-aligned") backs no one."""
    got = rels(ex, "The Sudanese government-aligned militia attacked the town of Kutum.")
    assert not of_type(got, "backs")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The US struck five facilities of Kataib Hezbollah in Iraq.",
            ("fights", "United States", "Kataib Hezbollah"),
        ),
        (
            "Israeli jets bombed weapons depots of Hezbollah in the Bekaa valley.",
            ("fights", "Israel", "Hezbollah"),
        ),
    ],
)
def test_attack_on_a_groups_facilities(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_attack_on_facilities_under_a_modal(ex: Extractor) -> None:
    got = rels(ex, "The US could strike facilities of Kataib Hezbollah in Iraq.")
    assert not of_type(got, "fights")


# -- part-of: "a group within X", "the backbone of X", "belongs to X" -----------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fighters loyal to Deir ez-Zor Military Council, a mostly Arab group within the "
            "SDF, mutinied.",
            ("memberOf", "Deir ez-Zor Military Council", "Syrian Democratic Forces"),
        ),
        (
            "The YPG, the backbone of the SDF, holds Kobani.",
            ("memberOf", "People's Protection Units", "Syrian Democratic Forces"),
        ),
        (
            "Kataib Hezbollah belongs to the Islamic Resistance in Iraq.",
            ("memberOf", "Kataib Hezbollah", "Islamic Resistance in Iraq"),
        ),
    ],
)
def test_part_within(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kataib Hezbollah does not belong to the Islamic Resistance in Iraq.",
        "A group of Hezbollah fighters attacked the town.",
    ],
)
def test_no_part_within(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "memberOf")


# -- heads-verb: "P heads X" ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Corneille Nangaa, who heads the Congo River Alliance, spoke in Goma.",
            ("leads", "Corneille Nangaa", "Congo River Alliance"),
        ),
        (
            "Mohamed Hamdan Dagalo commands the Rapid Support Forces.",
            ("leads", "Mohamed Hamdan Dagalo", "Rapid Support Forces"),
        ),
    ],
)
def test_heads_verb(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Abu Mohammed al-Jolani once led the Nusra Front.",
        "Mohamed Hamdan Dagalo could lead the Rapid Support Forces again.",
        "Mohamed Hamdan Dagalo does not lead the Rapid Support Forces.",
        "Abu Mohammed al-Jolani led the Nusra Front until 2016.",
    ],
)
def test_no_heads_verb(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "leads")


# -- support-verb: "prop up", "shore up", "bolster", "reinforce"; a mere possibility --------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow stepped in during 2015 to prop up the Syrian government.",
            ("backs", "Russia", "Government of Syria"),
        ),
        (
            "Hezbollah sent hundreds of fighters to shore up the Syrian army near Homs.",
            ("alliedWith", "Hezbollah", "Syrian Arab Army"),
        ),
        (
            "Hezbollah units were sent to reinforce Syrian troops in Aleppo.",
            ("alliedWith", "Hezbollah", "Syrian Arab Army"),
        ),
    ],
)
def test_propped_up(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia could prop up the Syrian government.",
        "Russia did not bolster the Syrian army.",
        "Russia reinforced its positions near Bakhmut.",
    ],
)
def test_not_propped_up(ex: Extractor, text: str) -> None:
    got = rels(ex, text)
    assert not of_type(got, "backs")
    assert not of_type(got, "alliedWith")


# -- "waging": the model's lemma is "wag" (rules.yaml lemma_fixes) ---------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Taliban spent twenty years waging war against the Afghan government.",
            ("fights", "Taliban", "Government of Afghanistan"),
        ),
        (
            "Boko Haram has waged a bloody campaign against the Nigerian army since 2009.",
            ("fights", "Boko Haram", "Nigerian Army"),
        ),
    ],
)
def test_waging_war(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_war_waged_under_a_modal(ex: Extractor) -> None:
    got = rels(ex, "The Taliban could wage war against the Afghan government.")
    assert not of_type(got, "fights")
