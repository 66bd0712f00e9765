"""Mentions (session 13): generic references, forces named by a person, countries that act;
sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate


def actor_keys(ex: Extractor, text: str) -> list[str]:
    res = Resolver(ex.nlp(text), ex.gaz)
    return [m.key for m in res.mentions if m.kind == "actor"]


def actors(ex: Extractor, text: str) -> dict[str, set[str]]:
    """Actor key → its surface forms, as the article's facts record them."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    return {k: facts.mentions.get(k, set()) for k, e in facts.entities.items() if e.kind == "actor"}


# --- "rebels" before the story names them ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Rebels seize two villages near Kidal\nThe villages fell to Ansar Dine rebels on "
            "Sunday, residents said.",
            "Ansar Dine",
        ),
        (
            "Rebels took the town on Friday. The rebels, who call themselves the Tigray People's "
            "Liberation Front, held it for a week.",
            "Tigray People's Liberation Front",
        ),
    ],
)
def test_rebels_named_later_in_the_story(ex: Extractor, text: str, group: str) -> None:
    found = actors(ex, text)
    assert group in found
    assert not any(k.endswith(" opposition") for k in found)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("The rebels, known as the Houthis, fired missiles at Mokha.", "Houthis"),
        ("The fighters, known as Ansar Dine, entered Gao.", "Ansar Dine"),
    ],
)
def test_known_as_set_off_by_a_comma(ex: Extractor, text: str, group: str) -> None:
    assert set(actor_keys(ex, text)) == {group}


def test_rebels_no_group_is_called_stay_the_opposition(ex: Extractor) -> None:
    text = "Rebels shelled Aleppo on Monday. Hezbollah fighters later entered the city."
    found = actors(ex, text)
    assert "Syrian opposition" in found
    assert "rebels" not in {f.lower() for f in found.get("Hezbollah", set())}


# --- forces named by the person they serve ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "forces"),
    [
        (
            "Government troops pushed Vice President Taban Deng Gai's forces out of the capital.",
            "forces loyal to Taban Deng Gai",
        ),
        (
            "Heavy fighting broke out on Sunday between the Houthis and forces loyal to "
            "ex-president Ali Abdullah Saleh.",
            "forces loyal to Ali Abdullah Saleh",
        ),
        (
            "Former Yemeni president Ali Abdullah Saleh called for calm as his loyalist forces "
            "withdrew from the city.",
            "forces loyal to Ali Abdullah Saleh",
        ),
        (
            "President Salva Kiir's soldiers held the airport on Monday.",
            "South Sudan People's Defence Forces",
        ),
        (
            "Since 2020 the rebels have fought a war with Abiy Ahmed's government.",
            "Government of Ethiopia",
        ),
    ],
)
def test_forces_named_by_a_person(ex: Extractor, text: str, forces: str) -> None:
    found = actors(ex, text)
    assert forces in found
    # the person keeps their name; the forces are no alias of theirs
    assert not any(
        ("forces" in f or "soldiers" in f)
        for k, fs in found.items()
        for f in fs
        if k in ("Riek Machar", "Ali Abdullah Saleh", "Salva Kiir", "Abiy Ahmed")
    )


def test_a_person_fights_through_the_forces_loyal_to_them(ex: Extractor) -> None:
    text = (
        "Forces loyal to the ex-president Ali Abdullah Saleh clashed with the Houthis in Sanaa. "
        "The Houthis have been fighting Saleh since Monday."
    )
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2017, 12, 4)), text)
    sides = {frozenset((r.subject, r.object)) for r in facts.relations if r.type == "fights"}
    assert frozenset(("Houthis", "forces loyal to Ali Abdullah Saleh")) in sides
    assert not any("Ali Abdullah Saleh" in s for s in sides)


@pytest.mark.parametrize(
    "text",
    [
        "Vice President Riek Machar met the envoy in Juba on Monday.",
        "Former Yemeni president Ali Abdullah Saleh spoke to supporters in Sanaa.",
        "The deputy prime minister said the talks would resume, Deputy President Fanta Mandefro "
        "told reporters.",
    ],
)
def test_a_former_or_deputy_title_leads_nothing(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2017, 12, 4)), text)
    assert not [r for r in facts.relations if r.type == "leads"]
    assert not any(k.startswith("forces loyal to") for k in actors(ex, text))


def test_untitled_person_possessive_makes_no_forces_of_their_own(ex: Extractor) -> None:
    found = actors(ex, "Bashar al-Assad's forces shelled Idlib on Monday.")
    assert not any(k.startswith("forces loyal to") for k in found)


# --- a list whose middle item the parser hangs on the first as an apposition ------------------
@pytest.mark.parametrize(
    ("text", "members"),
    [
        (
            "The Alliance of Sahel States, a bloc of Mali, Chad, and Niger, closed its borders.",
            {"Niger", "Mali", "Chad"},
        ),
        (
            "The Alliance of Sahel States, a grouping of Burkina Faso, Niger, and Mali, met in "
            "Bamako.",
            {"Niger", "Mali", "Burkina Faso"},
        ),
    ],
)
def test_middle_item_of_a_list_is_a_member(ex: Extractor, text: str, members: set[str]) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 9, 20)), text)
    found = {r.subject for r in facts.relations if r.type == "memberOf"}
    assert members <= found


def test_an_apposition_that_is_no_name_is_no_list_item(ex: Extractor) -> None:
    text = "The Alliance of Sahel States, a grouping of Niger, Mali's neighbour, and Chad, met."
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 9, 20)), text)
    members = {r.subject for r in facts.relations if r.type == "memberOf"}
    assert "Mali" not in members


# --- capitalised words that name no place ------------------------------------------------------
def places(ex: Extractor, text: str) -> set[str]:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    return {e.key for e in facts.entities.values() if e.kind == "place"}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("To avoid further losses, the army pulled out of Kherson on Friday.", "To"),
        ("Governmental troops retook the town of Dessie on Monday.", "Governmental"),
        (
            "Taliban Launch Attack On Afghan City\n\nTaliban fighters attacked Ghazni on Friday.",
            "Afghan City",
        ),
    ],
)
def test_capitalised_words_that_name_no_place(ex: Extractor, text: str, wrong: str) -> None:
    found = places(ex, text)
    assert wrong not in found
    assert found  # the real place stays


def test_an_acronym_that_spells_a_stop_word_stays_a_name(ex: Extractor) -> None:
    found = actors(ex, "US troops and their allies entered Raqqa on Monday.")
    assert any(k.startswith("United States") for k in found)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen killed four soldiers at a post in Sagme overnight.", "Sagme"),
        ("Government troops advanced on Mullaittivu after taking Kilinochchi.", "Mullaitivu"),
        ("The camp in the Koutougou department came under fire on Monday.", "Koutougou"),
    ],
)
def test_gazetteer_places_of_the_session_13_wars(ex: Extractor, text: str, place: str) -> None:
    assert place in places(ex, text)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Israel launched a ground invasion of southern Lebanon on Monday.", "Israel"),
        ("Russian forces shelled Kharkiv overnight, Ukrainian officials said.", "Russia"),
    ],
)
def test_a_state_that_only_acts_is_no_place(ex: Extractor, text: str, state: str) -> None:
    assert state not in places(ex, text)
    assert places(ex, text)  # the places where it acts stay, with their countries


def test_a_country_named_as_where_stays_a_place(ex: Extractor) -> None:
    assert "Israel" in places(ex, "Hezbollah fired rockets into northern Israel on Monday.")


@pytest.mark.parametrize(
    ("text", "force"),
    [
        ("In Niamey, gendarmes arrested four suspects after the raid.", "Nigerien Gendarmerie"),
        (
            "Militants attacked a training school in Ouagadougou, killing six gendarme cadets.",
            "Burkinabe Gendarmerie",
        ),
    ],
)
def test_gendarmes_are_the_states_gendarmerie(ex: Extractor, text: str, force: str) -> None:
    assert force in actor_keys(ex, text)


def test_police_officers_are_no_gendarmerie(ex: Extractor) -> None:
    keys = actor_keys(ex, "In Niamey, police officers arrested four suspects after the raid.")
    assert not any("Gendarmerie" in k for k in keys)


# --- "the coalition" and "a coalition led by X" ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "coalition"),
    [
        (
            "A Saudi-led coalition began air strikes against the Houthis in March. On Wednesday "
            "the coalition carried out three more air strikes in Taiz.",
            "Saudi-led coalition",
        ),
        (
            "The US-led coalition struck IS positions near Raqqa. The coalition said ten "
            "militants were killed.",
            "US-led coalition",
        ),
    ],
)
def test_the_coalition_is_the_one_named_before(ex: Extractor, text: str, coalition: str) -> None:
    keys = actor_keys(ex, text)
    assert keys.count(coalition) == 2


def test_the_coalition_with_none_named_is_no_one(ex: Extractor) -> None:
    assert actor_keys(ex, "The coalition said it had struck targets near Raqqa.") == []


@pytest.mark.parametrize(
    ("text", "coalition"),
    [
        (
            "An international coalition led by Saudi Arabia struck a market, killing five people.",
            "Saudi-led coalition",
        ),
        ("An international coalition led by the United States bombed Raqqa.", "US-led coalition"),
    ],
)
def test_a_coalition_led_by_a_state(ex: Extractor, text: str, coalition: str) -> None:
    assert coalition in actor_keys(ex, text)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("The rebels pushed east into neighbouring Afar last month.", "Afar Region"),
        ("Fighting spread from Amhara to Afar in August.", "Afar Region"),
    ],
)
def test_a_region_named_like_its_people(ex: Extractor, text: str, region: str) -> None:
    assert region in places(ex, text)


# --- leaders named by "led by" only -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "leader", "group"),
    [
        (
            "The FPRC is a breakaway faction led by Hassan Abdullah, who faces sanctions.",
            "Hassan Abdullah",
            "Popular Front for the Rebirth of Central African Republic",
        ),
        ("Ansar Dine is led by Yusuf Traore, residents said.", "Yusuf Traore", "Ansar Dine"),
    ],
)
def test_leader_named_by_led_by_alone(ex: Extractor, text: str, leader: str, group: str) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2016, 11, 22)), text)
    assert (leader, group) in {(r.subject, r.object) for r in facts.relations if r.type == "leads"}


@pytest.mark.parametrize(
    "text",
    [
        "Ansar Dine was led by Yusuf Traore until 2019.",
        "Ansar Dine is not led by Yusuf Traore, the group said.",
    ],
)
def test_past_or_negated_led_by_leads_nothing(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2016, 11, 22)), text)
    assert not [r for r in facts.relations if r.type == "leads"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The raid was repelled, army spokesman Colonel Hassan Diallo said.", "Hassan Diallo"),
        ("Police spokesman Major Ahmed Yusuf confirmed the toll on Monday.", "Ahmed Yusuf"),
    ],
)
def test_a_rank_after_a_title_is_no_part_of_the_name(ex: Extractor, text: str, person: str) -> None:
    keys = actor_keys(ex, text)
    assert person in keys
    assert not any(k.startswith(("Colonel", "Major")) for k in keys)


def test_a_name_without_a_rank_is_kept_whole(ex: Extractor) -> None:
    assert "Hassan Diallo" in actor_keys(ex, "Army spokesman Hassan Diallo said ten died.")
