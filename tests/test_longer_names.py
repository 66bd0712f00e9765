"""A gazetteer name matched only inside a longer proper name does not stand for its entry
(kg.extract.names); sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor


def mentions(ex: Extractor, text: str) -> list[tuple[str, str, str]]:
    res = Resolver(ex.nlp(text), ex.gaz)
    return [(m.text, m.kind, m.key) for m in res.mentions]


def keys(ex: Extractor, text: str) -> set[str]:
    return {key for _, _, key in mentions(ex, text)}


@pytest.mark.parametrize(
    "text",
    [
        "The new alliance named itself Army of Hezbollah last week.",
        "Observers said the Army of Hezbollah then shelled a village near the border.",
    ],
)
def test_an_actor_after_an_organisation_word_and_of_is_another_group(
    ex: Extractor, text: str
) -> None:
    assert "Hezbollah" not in keys(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah's leader spoke on Friday.",
        "Supporters of Hezbollah rallied in the square.",
        "Analysts expect the Hezbollah movement to grow.",
    ],
)
def test_the_actor_stays_where_it_is_meant(ex: Extractor, text: str) -> None:
    assert "Hezbollah" in keys(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed the Qasr al-Raqqa compound at dawn.",
        "Guards had abandoned the Qasr al-Raqqa compound a day earlier.",
    ],
)
def test_a_place_glued_inside_a_longer_name_is_that_site(ex: Extractor, text: str) -> None:
    found = mentions(ex, text)
    assert ("Qasr al-Raqqa", "place", "Qasr al-Raqqa") in found
    assert "Raqqa" not in keys(ex, text)
    res = Resolver(ex.nlp(text), ex.gaz)
    assert res.reg.entities["place:Qasr al-Raqqa"].cls == "Facility"


@pytest.mark.parametrize(
    "text",
    ["Kurdish fighters entered al-Raqqa on Monday.", "In al-Raqqa, the militants regrouped."],
)
def test_a_place_after_a_particle_alone_stays(ex: Extractor, text: str) -> None:
    assert "Raqqa" in keys(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Republic of Chad closed its border, officials said.",
        "The Republic of Chad also recalled its envoy.",
    ],
)
def test_a_name_cut_before_of_is_no_place(ex: Extractor, text: str) -> None:
    found = keys(ex, text)
    assert "Chad" in found
    assert not any(k.endswith(" of") for k in found)


def test_a_shortened_name_is_the_known_actor(ex: Extractor) -> None:
    text = (
        "Fighters loyal to the Southern Transitional Council took the port. "
        "Later the Transitional Council said it would negotiate."
    )
    found = mentions(ex, text)
    assert ("Transitional Council", "actor", "Southern Transitional Council") in found


@pytest.mark.parametrize(
    ("text", "acr"),
    [
        ("Militants of the SDF (Democratic Forces of North Syria) took the town.", "SDF"),
        ("The YPG (People's Protection Units of Syria) held the bridge.", "YPG"),
    ],
)
def test_a_spelt_out_acronym_is_the_acronym(ex: Extractor, text: str, acr: str) -> None:
    found = mentions(ex, text)
    key = next(k for t, _, k in found if t == acr)
    inside = text[text.index("(") + 1 : text.index(")")]
    assert all(k == key for t, _, k in found if t in inside)
    assert "Syria" not in keys(ex, text)


def test_words_in_brackets_after_an_acronym_that_name_no_one(ex: Extractor) -> None:
    text = "The SDF (according to monitors in Syria) took the town."
    assert "Syria" in keys(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Government troops held out in the province of Hama for weeks.",
        "Rebels later shelled villages in the governorate of Hama.",
    ],
)
def test_the_province_of_a_town_is_its_province(ex: Extractor, text: str) -> None:
    found = keys(ex, text)
    assert "Hama Governorate" in found
    assert "Hama" not in found


@pytest.mark.parametrize(
    "text", ["Rebels entered the city of Hama.", "The governor of Hama resigned on Sunday."]
)
def test_the_town_of_a_province_stays_the_town(ex: Extractor, text: str) -> None:
    found = keys(ex, text)
    assert "Hama" in found
    assert "Hama Governorate" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of the Army of Fatah entered the town at dawn.",
        "The Army of Fatah later claimed the attack on the checkpoint.",
    ],
)
def test_army_of_fatah_is_the_alliance_not_the_party(ex: Extractor, text: str) -> None:
    found = keys(ex, text)
    assert "Jaysh al-Fatah" in found
    assert "Fatah" not in found


@pytest.mark.parametrize(
    "text",
    [
        "The exiled cabinet is backed by a Riyadh-led coalition fighting the rebels.",
        "Jets of the Washington-led coalition struck the bridge on Sunday.",
    ],
)
def test_a_capital_led_coalition_is_the_states_coalition(ex: Extractor, text: str) -> None:
    found = mentions(ex, text)
    led = [k for t, kind, k in found if t.endswith("-led coalition") and kind == "actor"]
    assert led
    assert led[0] in ("Saudi-led coalition", "US-led coalition")
    assert not any(kind == "place" for _, kind, _ in found)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Militias trained by Tehran ally Hezbollah held the pass.", "Iran"),
        ("Observers blamed Moscow proxies for the shelling of the depot.", "Russia"),
    ],
)
def test_a_capital_before_ally_is_its_state(ex: Extractor, text: str, state: str) -> None:
    found = mentions(ex, text)
    assert any(kind == "actor" and k == state for _, kind, k in found)
    assert not any(kind == "place" for _, kind, _ in found)


def test_a_capital_before_other_nouns_stays_a_place(ex: Extractor) -> None:
    found = mentions(ex, "Crowds gathered near the Tehran bazaar on Friday.")
    assert ("Tehran", "place", "Tehran") in found


@pytest.mark.parametrize(
    "text",
    [
        "A Radio Nord French to Africa Service reporter saw the flags.",
        "The BBC English for Africa Service said the road was closed.",
    ],
)
def test_an_organisation_name_joined_to_a_longer_name_is_none(ex: Extractor, text: str) -> None:
    assert "Africa Service" not in keys(ex, text)


def test_an_organisation_name_after_to_stays(ex: Extractor) -> None:
    text = "Turkey sent arms to the Free Idlib Army on Monday."
    assert "Free Idlib Army" in keys(ex, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cartel gunmen attacked a police patrol in Mexico City on Sunday.", "Mexico City"),
        ("A bomb went off outside a mosque in Kuwait City on Friday.", "Kuwait City"),
        ("Soldiers guarded the palace in Guatemala City.", "Guatemala City"),
        ("Police in Benin City arrested the kidnappers.", "Benin City"),
    ],
)
def test_a_city_named_after_its_country_is_the_city(ex: Extractor, text: str, name: str) -> None:
    assert name in keys(ex, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mexico sent troops to the border city on Monday.", "Mexico"),
        ("Kuwait closed its airspace, the city's airport said.", "Kuwait"),
    ],
)
def test_the_country_alone_is_still_the_country(ex: Extractor, text: str, name: str) -> None:
    assert name in keys(ex, text)
