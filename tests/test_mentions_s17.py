"""Mentions, session 17: classes of phrasing from the phrasing suite
(``tests/phrasing/actors.yaml``), on sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.extract.vocab import load_rules
from kg.model import ArticleMeta, FuzzyDate


def actors(ex: Extractor, text: str) -> set[str]:
    """The actor keys of the article's facts."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 14)), text)
    return {k for k, e in facts.entities.items() if e.kind == "actor"}


# --- bystanders: aid agencies, rights groups, monitors, think tanks ---------------------------
def test_every_bystander_actor_is_a_gazetteer_actor(ex: Extractor) -> None:
    for name in load_rules()["mentions"]["bystander_actors"]:
        assert ex.gaz.get(name, kind="actor") is not None, name


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Oxfam said it had sent water tanks to Kalehe on Sunday.", "Oxfam"),
        (
            "Amnesty International called on the junta to free the prisoners held in Bamako.",
            "Amnesty International",
        ),
        (
            "The UN refugee agency said 4,000 people had reached Renk this week.",
            "Office of the United Nations High Commissioner for Refugees",
        ),
    ],
)
def test_relief_and_rights_bodies_are_no_actors(ex: Extractor, text: str, org: str) -> None:
    assert org not in actors(ex, text)


def test_a_bystander_a_fact_names_stays(ex: Extractor) -> None:
    found = actors(ex, "Gunmen of the M23 attacked a Medecins Sans Frontieres clinic in Rutshuru.")
    assert {"M23", "Medecins Sans Frontieres"} <= found


def test_a_political_body_stays_an_actor(ex: Extractor) -> None:
    assert "African Union" in actors(ex, "The African Union suspended Niger on Friday.")


# --- abbreviations written with dots ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The U.N. Security Council met on Friday.", "United Nations Security Council"),
        ("The U.S. Africa Command said it had struck the camp.", "United States Africa Command"),
        ("The U.K. government said it would send more ships.", "Government of the United Kingdom"),
    ],
)
def test_a_gazetteer_name_with_dots_is_one_mention(ex: Extractor, text: str, actor: str) -> None:
    assert actor in actors(ex, text)


@pytest.mark.parametrize(
    ("text", "state", "coalition"),
    [
        ("The U.S.-led coalition said it had left Baghdad.", "United States", "US-led coalition"),
        ("The U.S.-backed SDF held Raqqa.", "United States", "Syrian Democratic Forces"),
    ],
)
def test_a_dotted_name_before_a_hyphen_is_read_as_the_undotted_one(
    ex: Extractor, text: str, state: str, coalition: str
) -> None:
    assert [t.text for t in ex.nlp(text)][1:4] == ["U.S.", "-", text.split("-")[1].split()[0]]
    assert {state, coalition} <= actors(ex, text)


def test_lower_case_us_is_no_state(ex: Extractor) -> None:
    assert "United States" not in actors(ex, "The rebels told us the road to Goma was open.")


@pytest.mark.parametrize(
    "text",
    [
        "Congress approved new U.S. military aid for Israel on Friday.",
        "Lawmakers passed a US military assistance package for Ukraine.",
    ],
)
def test_military_aid_is_the_country_s_not_its_army(ex: Extractor, text: str) -> None:
    found = actors(ex, text)
    assert "United States" in found
    assert "United States Armed Forces" not in found


def test_the_military_before_another_noun_stays_the_army(ex: Extractor) -> None:
    found = actors(ex, "U.S. military officials said the base near Erbil was hit on Sunday.")
    assert "United States Armed Forces" in found


# --- countries that supply ----------------------------------------------------------------------
def places(ex: Extractor, text: str) -> set[str]:
    """The place keys of the article's facts."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 14)), text)
    return {e.label for e in facts.entities.values() if e.kind != "actor"}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The Houthis fired Iranian-made drones at the ship on Friday.", "Iran"),
        ("The army used Turkish-built drones over Tigray.", "Turkey"),
        ("Russia launched drones made in Iran at Odesa on Tuesday.", "Iran"),
        ("The rebels showed rifles manufactured in China.", "China"),
    ],
)
def test_a_country_that_makes_the_weapons_is_an_actor(ex: Extractor, text: str, state: str) -> None:
    assert state in actors(ex, text)
    assert state not in places(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The commander was born in Iran and studied in Turkey.",
        "The drones were launched in Kursk and hit Sumy on Tuesday.",
    ],
)
def test_in_a_country_is_a_place_without_a_maker_verb(ex: Extractor, text: str) -> None:
    assert not {"Iran", "Turkey", "Russia"} & actors(ex, text)


@pytest.mark.parametrize(
    ("text", "sponsor"),
    [
        ("Ethiopia's army has received armed drones from Turkey.", "Turkey"),
        ("Myanmar's junta obtained missiles from Russia last year.", "Russia"),
    ],
)
def test_receiving_drones_or_missiles_from_a_state_is_its_backing(
    ex: Extractor, text: str, sponsor: str
) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 14)), text)
    assert any(r.type == "backs" and r.subject == sponsor for r in facts.relations)


# --- titles ----------------------------------------------------------------------------------
def relations(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) of the article's relations."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 14)), text)
    return {(r.type, r.subject, r.object) for r in facts.relations}


@pytest.mark.parametrize(
    ("text", "person", "state"),
    [
        (
            "Israeli Prime Minister Benjamin Netanyahu spoke on Thursday.",
            "Benjamin Netanyahu",
            "Israel",
        ),
        ("Ethiopian Prime Minister Abiy Ahmed visited Bahir Dar.", "Abiy Ahmed", "Ethiopia"),
    ],
)
def test_a_prime_minister_leads_and_is_no_mere_member(
    ex: Extractor, text: str, person: str, state: str
) -> None:
    found = relations(ex, text)
    assert ("leads", person, state) in found
    assert ("memberOf", person, state) not in found


def test_a_minister_of_a_state_is_its_member_and_the_state_acts(ex: Extractor) -> None:
    text = "Defence Minister Yoav Gallant of Israel toured the Gaza border on Sunday."
    assert ("memberOf", "Yoav Gallant", "Israel") in relations(ex, text)
    assert "Israel" in actors(ex, text)
    assert "Israel" not in places(ex, text)


def test_the_state_of_a_titled_person_is_no_place(ex: Extractor) -> None:
    text = "Prime Minister Ariel Henry of Haiti was stranded in Puerto Rico on Tuesday."
    assert "Haiti" not in places(ex, text)
    assert "Puerto Rico" in places(ex, text)


# --- states joined by "and" over one noun ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Armenian and Azerbaijani officials met in Almaty on Friday.", {"Armenia", "Azerbaijan"}),
        ("Chadian and Sudanese officials met in N'Djamena on Monday.", {"Chad", "Sudan"}),
    ],
)
def test_officials_of_two_states_name_both(ex: Extractor, text: str, states: set[str]) -> None:
    assert states <= actors(ex, text)


def test_officials_of_one_state_name_one(ex: Extractor) -> None:
    assert actors(ex, "Ukrainian officials denied the claim on Sunday.") == {"Ukraine"}


# --- names spelt out before their acronym ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Patriotic Front for the Liberation of Kivu (FPLK) opened an office in Uvira.",
            "Patriotic Front for the Liberation of Kivu",
        ),
        (
            "The Movement for Justice and Development in Tillaberi (MJDT) said it had 500 men.",
            "Movement for Justice and Development in Tillaberi",
        ),
    ],
)
def test_a_name_its_acronym_spells_is_one_actor(ex: Extractor, text: str, name: str) -> None:
    found = actors(ex, text)
    assert name in found
    assert not {"Patriotic Front", "Kivu", "Tillaberi"} & (found | places(ex, text))


def test_an_acronym_that_spells_no_name_before_it_joins_nothing(ex: Extractor) -> None:
    found = actors(ex, "Fighters attacked the Front in Kivu (ADF) on Monday.")
    assert "Front in Kivu" not in found


# --- forces named by the person they serve -------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Forces of eastern commander Khalifa Haftar held a parade in Benghazi on Saturday.",
        "Troops loyal to Khalifa Haftar held a parade in Benghazi on Sunday.",
    ],
)
def test_the_forces_the_gazetteer_knows_as_a_person_s(ex: Extractor, text: str) -> None:
    found = actors(ex, text)
    assert {"Libyan National Army", "Khalifa Haftar"} <= found
    assert "Armed Forces of Libya" not in found


def test_forces_of_a_person_with_no_known_forces_name_no_one(ex: Extractor) -> None:
    found = actors(ex, "Troops of Riek Machar attacked Nasir on Monday.")
    assert not {f for f in found if f.startswith("forces loyal to")}
