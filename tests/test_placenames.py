"""Places named by the words around them (kg.extract.placenames, session 16): settlements listed
after "the villages of", regions of a country however the direction is written, features such
as "the Bay of X", a town's own district and a facility after a possessive. Every sentence is
our own; the village names are made up."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleFacts, ArticleMeta, FuzzyDate

PUB = FuzzyDate(2023, 3, 9)


def facts(ex: Extractor, text: str) -> ArticleFacts:
    return ex.extract(ArticleMeta("test.txt", date=PUB), text)


def places(ex: Extractor, text: str) -> dict[str, str]:
    """Place key -> class of every place of ``text``."""
    return {e.key: e.cls for e in facts(ex, text).entities.values() if e.kind == "place"}


def forms(ex: Extractor, text: str, key: str) -> set[str]:
    """The words ``text`` names place ``key`` with (what gold aliases are matched against)."""
    f = facts(ex, text)
    return {form for ref, fs in f.mentions.items() if ref.endswith(key) for form in fs}


# -- settlements listed after a settlement noun and "of" ------------------------------------
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Gunmen raided the village of Kodiri before dawn.", {"Kodiri"}),
        (
            "The army said it had retaken the villages of Umbala, Sorgi and Tal Hamra.",
            {"Umbala", "Sorgi", "Tal Hamra"},
        ),
        ("Fighters overran the towns of Bir Kassa and Ndoko on Monday.", {"Bir Kassa", "Ndoko"}),
        ("Troops retook the villages of al-Zab and Tal al-Hamra.", {"al-Zab", "Tal al-Hamra"}),
        ("The militants overran five villages, including Umbala and Sorgi.", {"Umbala", "Sorgi"}),
        ("Forces freed towns such as Umbala and Ndoko.", {"Umbala", "Ndoko"}),
        ("The army took Umbala, Sorgi and Tal Hamra villages on Monday.", {"Umbala", "Tal Hamra"}),
    ],
)
def test_settlements_listed_after_of(ex: Extractor, text: str, named: set[str]) -> None:
    got = places(ex, text)
    assert all(got.get(n) == "Settlement" for n in named), got


def test_listed_villages_are_each_captured(ex: Extractor) -> None:
    text = "Troops recaptured the villages of Umbala and Sorgi."
    got = [(e.type, e.place) for e in facts(ex, text).events]
    assert ("Capture", "Umbala") in got
    assert ("Capture", "Sorgi") in got


@pytest.mark.parametrize(
    "text",
    [
        "The town of Hezbollah supporters was quiet.",  # an actor after "of": no place
        "Residents of the village of the dead fled.",  # no capitalised name
        "The village of Syrian refugees was shelled.",  # a people, not a place
        "Rebel villages were shelled on Monday.",  # a capitalised first word, no name
        "Monday's raid hit villages near the road.",  # no name before or after the noun
        "The town of Monday's attack lies near the river.",  # a day, not a name
        "The villages of March were cut off by snow.",  # a month
    ],
)
def test_no_settlement_without_a_name(ex: Extractor, text: str) -> None:
    got = places(ex, text)
    assert not {k for k, c in got.items() if c == "Settlement"}, got


# -- regions of a country --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Fighting raged in north-eastern Syria as the convoy advanced.", "northeastern Syria"),
        ("Gunmen attacked a convoy in Nigeria's North-East on Friday.", "northeastern Nigeria"),
        ("Jihadists attacked an army post in Mali's north.", "northern Mali"),
        ("Militants attacked an army post in north Mali.", "northern Mali"),
        ("Shelling resumed in south-western Chad overnight.", "southwestern Chad"),
        ("Fighting spread to the north of Syria in May.", "northern Syria"),
    ],
)
def test_regions_of_a_country(ex: Extractor, text: str, key: str) -> None:
    assert places(ex, text).get(key) == "Region"


def test_a_region_keeps_the_words_of_the_text(ex: Extractor) -> None:
    text = "Gunmen attacked a convoy in Nigeria's North-East on Friday."
    assert "Nigeria's North-East" in forms(ex, text, "northeastern Nigeria")


@pytest.mark.parametrize(
    "text",
    [
        "Clashes erupted along Syria's eastern border with Iraq.",  # a border, no eastern Syria
        "The minister said Mali's northern allies would help.",  # no place noun after it
        "Drones hit targets in southern Kherson region.",  # a province's direction
    ],
)
def test_a_direction_before_another_noun_is_no_region(ex: Extractor, text: str) -> None:
    # (and "western Kursk region", "southern Kherson": where in a province, no region of its own)
    # (the border is a place of its own: kg.extract.borders)
    assert not {k for k, c in places(ex, text).items() if c == "Region" and "border" not in k}


# -- features, districts, facilities -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rebels hold much of the coast along the Bay of Bengal.", "Bay of Bengal"),
        ("Fishing boats fled the Bay of Tamanu after the strike.", "Bay of Tamanu"),
    ],
)
def test_a_feature_named_with_of_is_one_place(ex: Extractor, text: str, key: str) -> None:
    got = places(ex, text)
    assert got.get(key) == "Region", got
    assert not {"Bay", "Bengal", "Tamanu"} & set(got), got


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Troops cleared Mosul's Old City of mines.", "Old City of Mosul"),
        ("Rebels were shelling Aleppo's Old City.", "Old City of Aleppo"),
    ],
)
def test_a_towns_district(ex: Extractor, text: str, key: str) -> None:
    assert places(ex, text).get(key) == "District"


def test_a_district_after_no_possessive_is_not_the_towns(ex: Extractor) -> None:
    assert "Old City of Mosul" not in places(ex, "The Old City was quiet, officials in Mosul said.")


@pytest.mark.parametrize(
    "text",
    [
        "The rebels seized Aden's international airport.",
        "The rebels seized Aden airport on Wednesday.",
    ],
)
def test_a_facility_after_a_possessive(ex: Extractor, text: str) -> None:
    got = [(e.type, e.place) for e in facts(ex, text).events]
    assert got == [("Capture", "Aden International Airport")]


# -- session 19: directions of two words, directions of a territory or province ----------------
@pytest.mark.parametrize(
    ("text", "key", "alias"),
    [
        ("Raids hit central-eastern Chad.", "central-eastern Chad", "central-eastern Chad"),
        ("Raids hit north-central Nigeria.", "north-central Nigeria", "north-central Nigeria"),
        ("Raids hit centre-west Chad.", "central-western Chad", "centre-west Chad"),
        ("Raids hit Chad's centre.", "central Chad", "Chad's centre"),
    ],
)
def test_a_direction_of_two_words_is_kept_whole(
    ex: Extractor, text: str, key: str, alias: str
) -> None:
    assert places(ex, text).get(key) == "Region"
    assert alias in forms(ex, text, key)


@pytest.mark.parametrize(
    ("text", "key", "parent"),
    [
        ("Tanks entered southern Gaza Strip.", "southern Gaza Strip", "Gaza Strip"),
        ("Jets bombed eastern Hama countryside.", "eastern Hama countryside", "Hama Governorate"),
        (
            "Jets bombed the western Deir ez-Zor countryside.",
            "western Deir ez-Zor countryside",
            "Deir ez-Zor Governorate",
        ),
        (
            "Gaza is split. Shelling shook the north of the enclave.",
            "northern Gaza Strip",
            "Gaza Strip",
        ),
    ],
)
def test_a_direction_of_a_territory_is_its_region(
    ex: Extractor, text: str, key: str, parent: str
) -> None:
    got = facts(ex, text).entities.get(f"place:{key}")
    assert got is not None
    assert (got.cls, got.parent) == ("Region", parent)


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit targets in western Belgorod region.",  # the province's type word
        "Shelling hit southern Idlib province.",
        "Shelling hit the northern province of Kirkuk.",  # where the province lies
    ],
)
def test_a_province_named_with_its_type_word_has_no_region(ex: Extractor, text: str) -> None:
    assert not {k for k, c in places(ex, text).items() if c == "Region"}


def test_the_territory_of_a_region_stays_a_place(ex: Extractor) -> None:
    text = "Tanks entered southern Gaza Strip."
    assert "Gaza Strip" in forms(ex, text, "Gaza Strip")


# -- session 19: a province named bare, or after a described "province of" -------------------
@pytest.mark.parametrize(
    ("text", "key", "form"),
    [
        ("Militias advanced in Salahuddin.", "Saladin Governorate", "Salahuddin"),
        ("Militias took the eastern province of Diyala.", "Diyala Governorate", "Diyala province"),
        ("Militias took the northern province of Kirkuk.", "Kirkuk Governorate", "Kirkuk province"),
    ],
)  # fmt: skip
def test_a_province_however_named(ex: Extractor, text: str, key: str, form: str) -> None:
    assert places(ex, text).get(key) == "Province"
    assert form in forms(ex, text, key)


def test_the_city_of_a_province_name_stays_the_city(ex: Extractor) -> None:
    got = places(ex, "Militias advanced on the city of Kandahar.")
    assert got.get("Kandahar") == "Settlement"


@pytest.mark.parametrize(
    "text",
    [
        "It was the worst raid in Africa this year.",
        "Leaders in Europe and Asia condemned the raid.",
        "Donors in Latin America sent aid.",
    ],
)
def test_a_continent_is_no_place(ex: Extractor, text: str) -> None:
    assert not places(ex, text)


# -- a named operation is never a place (session 24, readleft) ---------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Operation Silent River began in March, the army said.", None),
        ("Operation Desert River was launched by the Iraqi army near Ramadi.", "Ramadi"),
        ("Sudanese troops launched Operation Blue Valley against the RSF in Sennar.", "Sennar"),
    ],
)
def test_a_named_operation_is_no_place(ex: Extractor, text: str, place: str | None) -> None:
    got = places(ex, text)
    assert not [k for k in got if "Operation" in k or k.endswith(("River", "Valley"))]
    assert place is None or place in got


def test_a_river_named_with_its_type_word_is_still_a_place(ex: Extractor) -> None:
    got = places(ex, "The army crossed the Silent River in March, officials said.")
    assert got.get("Silent River") == "River"
