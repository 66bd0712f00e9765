"""Relations, session 25 (helper relbank): generic classes from a phrase bank of our own about
wars outside the news set (Libya, Nigeria, Colombia, Western Sahara, Georgia, ...). Every
sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2024, 3, 10)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


# -- "X arms and funds Y": support verbs the tagger reads as plural nouns ------------------
@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        ("Algeria funds, arms and trains the Polisario Front.", "Algeria", "Polisario Front"),
        ("Russia arms Serbia, Western diplomats say.", "Russia", "Serbia"),
        ("Egypt supports and equips the Libyan National Army.", "Egypt", "Libyan National Army"),
        ("Chad arms and funds the Seleka, the report said.", "Chad", "Séléka"),
    ],
)
def test_support_verbs_read_as_nouns(ex: Extractor, text: str, sponsor: str, client: str) -> None:
    assert fact("backs", sponsor, client) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        (
            "Algerian arms and funds reached the Polisario Front in 1977.",
            "Algeria",
            "Polisario Front",
        ),
        ("Egypt denies that it arms the Libyan National Army.", "Egypt", "Libyan National Army"),
        ("Egypt does not fund the Libyan National Army.", "Egypt", "Libyan National Army"),
    ],
)
def test_support_nouns_and_denied_support_are_no_backing(
    ex: Extractor, text: str, sponsor: str, client: str
) -> None:
    assert fact("backs", sponsor, client) not in rels(ex, text)


# -- a relation in the infinitive of a wish, attempt, threat or refusal is not stated ------
@pytest.mark.parametrize(
    ("text", "relation"),
    [
        (
            "The GNA hopes to control Sirte by the end of the year.",
            ("controls", "Government of National Accord", "Sirte"),
        ),
        (
            "The LNA wants to hold Sirte before the talks.",
            ("controls", "Libyan National Army", "Sirte"),
        ),
        (
            "ISWAP seeks to control Borno State.",
            ("controls", "Islamic State West Africa Province", "Borno State"),
        ),
        ("Turkey threatened to arm the GNA.", ("backs", "Turkey", "Government of National Accord")),
        ("Algeria refused to arm the Polisario Front.", ("backs", "Algeria", "Polisario Front")),
        (
            "The LNA did not fight alongside the Wagner Group.",
            ("alliedWith", "Libyan National Army", "Wagner Group"),
        ),
    ],
)
def test_wished_or_refused_relations_are_not_stated(
    ex: Extractor, text: str, relation: tuple[str, str, str]
) -> None:
    assert fact(*relation) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        (
            "The ELN vowed to keep fighting the Colombian army.",
            ("fights", "National Liberation Army (Colombia)", "Military Forces of Colombia"),
        ),
        ("Algeria continued to arm the Polisario Front.", ("backs", "Algeria", "Polisario Front")),
        (
            "Turkey began to arm the GNA in 2019.",
            ("backs", "Turkey", "Government of National Accord"),
        ),
        (
            "The LNA, which hopes to seize Tripoli, controls Sirte.",
            ("controls", "Libyan National Army", "Sirte"),
        ),
    ],
)
def test_going_on_relations_beside_a_wish_are_stated(
    ex: Extractor, text: str, relation: tuple[str, str, str]
) -> None:
    assert fact(*relation) in rels(ex, text)


# -- a state's contingent of a multinational mission or force is its member ----------------
@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        (
            "The Kenyan contingent of the UN force lost two soldiers.",
            "Kenya Defence Forces",
            "United Nations",
        ),
        (
            "The Ugandan contingent of the African Union force lost three soldiers.",
            "Uganda People's Defence Force",
            "African Union",
        ),
        (
            "Burundian troops with the AU mission in Somalia were ambushed.",
            "Burundi National Defence Force",
            "African Union",
        ),
    ],
)
def test_contingent_of_a_mission(ex: Extractor, text: str, member: str, group: str) -> None:
    assert fact("memberOf", member, group) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chadian troops with the rebels crossed the border.",
        "Kenya could send a contingent to the UN force next year.",
    ],
)
def test_troops_beside_no_mission_are_no_member(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "memberOf"}


# -- "X and Y went to war", capitals at war: fights between the states ----------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Georgia and Russia went to war over South Ossetia in 2008.", "Georgia", "Russia"),
        ("Georgia went to war with Russia in 2008.", "Georgia", "Russia"),
        ("Khartoum and Juba remain technically at war.", "Sudan", "South Sudan"),
        ("Moscow is at war with Tbilisi, the minister said.", "Russia", "Georgia"),
    ],
)
def test_went_to_war_and_capitals_at_war(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("fights", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Egypt and Turkey did not go to war over Libya.", "Egypt", "Turkey"),
        ("Egypt and Turkey could go to war over Libya.", "Egypt", "Turkey"),
        ("Khartoum and Juba are at peace.", "Sudan", "South Sudan"),
    ],
)
def test_war_not_gone_to_is_no_fight(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("fights", a, b) not in rels(ex, text)


# -- "Y, an X affiliate": the group named before a membership noun ----------------------------
@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        (
            "The Maute Group, an Islamic State affiliate in the Philippines, claimed the bombing.",
            "Maute group",
            "Islamic State",
        ),
        ("The Maute Group is an Islamic State affiliate.", "Maute group", "Islamic State"),
        ("Montenegro, a NATO member, sent no troops.", "Montenegro", "NATO"),
    ],
)
def test_group_named_before_a_membership_noun(
    ex: Extractor, text: str, member: str, group: str
) -> None:
    assert fact("memberOf", member, group) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Maute Group is not an Islamic State affiliate, the army said.",
        "An Islamic State affiliate claimed the bombing in Marawi.",
        "The Maute Group, a former Islamic State affiliate, claimed the bombing.",
        "Georgia, an aspiring NATO member, hosted the talks.",
    ],
)
def test_denied_or_unnamed_affiliate_is_no_member(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "memberOf"}


# -- "X struck P, with Y providing support": Y fights beside X ------------------------------
@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "French jets struck rebel columns, with Chad providing ground support.",
            [("France", "Chad")],
        ),
        (
            "Britain joined France in striking targets in Libya, with Qatar and the UAE "
            "providing support.",
            [
                ("United Kingdom", "France"),
                ("United Kingdom", "Qatar"),
                ("France", "United Arab Emirates"),
            ],
        ),
    ],
)
def test_with_y_providing_support(ex: Extractor, text: str, pairs: list[tuple[str, str]]) -> None:
    got = rels(ex, text)
    for a, b in pairs:
        assert fact("alliedWith", a, b) in got


@pytest.mark.parametrize(
    "text",
    [
        "French jets struck rebel columns, with Chad providing no support.",
        "Britain joined France in the talks, with Chad providing support.",
        "French jets could strike rebel columns, with Chad providing support.",
        "French jets struck rebel columns, with Chad providing humanitarian support.",
        "French jets struck rebel columns, with Chad providing support to refugees.",
    ],
)
def test_with_y_providing_no_support_or_to_no_fight(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "alliedWith" and "chad" in r}


# -- "X provided military aid to Y" ("to" on the goods); humanitarian aid is no backing ------
@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        (
            "Sudan provided military aid to the Lord's Resistance Army in the 1990s.",
            "Sudan",
            "Lord's Resistance Army",
        ),
        ("Algeria supplied modern weapons to the Polisario Front.", "Algeria", "Polisario Front"),
        ("Iran supplied weapons and medical supplies to the Houthis.", "Iran", "Houthis"),
    ],
)
def test_goods_given_to_a_client(ex: Extractor, text: str, sponsor: str, client: str) -> None:
    assert fact("backs", sponsor, client) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        ("The United States sent humanitarian aid to Sudan.", "United States", "Sudan"),
        ("Egypt delivered food aid to the Libyan National Army.", "Egypt", "Libyan National Army"),
        ("Algeria did not supply weapons to the Polisario Front.", "Algeria", "Polisario Front"),
    ],
)
def test_relief_or_denied_goods_are_no_backing(
    ex: Extractor, text: str, sponsor: str, client: str
) -> None:
    assert fact("backs", sponsor, client) not in rels(ex, text)


# -- "X and Y are locked in a dispute": tension between the two subjects ---------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Chad and Sudan have long been locked in a border dispute.", "Chad", "Sudan"),
        ("Morocco and Algeria remain locked in a feud over Western Sahara.", "Morocco", "Algeria"),
    ],
)
def test_two_subjects_locked_in_a_dispute(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("tensionWith", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chad and Sudan were once locked in a border dispute.",
        "Chad and Sudan are no longer locked in a dispute.",
        "Chad and Sudan met to talk about the dispute.",
    ],
)
def test_past_ended_or_discussed_dispute_is_no_tension(ex: Extractor, text: str) -> None:
    assert fact("tensionWith", "Chad", "Sudan") not in rels(ex, text)


# -- "the Tariq Ibn Ziyad Brigade of the LNA": a named unit is part of its "of" force --------
@pytest.mark.parametrize(
    ("text", "unit", "force"),
    [
        (
            "The Tariq Ibn Ziyad Brigade of the Libyan National Army entered Sabha.",
            "Tariq Ibn Ziyad Brigade",
            "Libyan National Army",
        ),
        (
            "The Hamza Division of the Syrian National Army entered Afrin.",
            "Hamza Division",
            "Syrian National Army",
        ),
    ],
)
def test_named_unit_of_a_force(ex: Extractor, text: str, unit: str, force: str) -> None:
    assert fact("memberOf", unit, force) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Nawasi Brigade of Tripoli fought the Libyan National Army.",
        "The Salahuddin Brigade is not part of the Libyan National Army.",
    ],
)
def test_named_unit_of_a_town_or_denied_is_no_member(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "memberOf"}


# -- "X and Y are allied": each other's allies ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Chad and Niger are allied against Boko Haram.",
    ],
)
def test_two_subjects_allied(ex: Extractor, text: str) -> None:
    assert fact("alliedWith", "Chad", "Niger") in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chad and Niger are not allied.",
        "Chad and Niger could be allied against Boko Haram.",
        "Chad and Niger were once allied.",
        # a past the tense ends, with no date to tell when
        "Chad and Niger were allied before 2015 but are now rivals.",
        "Chad and Niger were allied during the war with Boko Haram.",
    ],
)
def test_two_subjects_not_or_no_longer_allied(ex: Extractor, text: str) -> None:
    assert fact("alliedWith", "Chad", "Niger") not in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Washington is at war with Beijing over trade.",
        "London and Paris are at war over fishing rights.",
        "Canada went to war with the US over tariffs.",
    ],
)
def test_a_war_over_words_is_no_fight(ex: Extractor, text: str) -> None:
    assert not [r for r in rels(ex, text) if r[0] == "fights"]
