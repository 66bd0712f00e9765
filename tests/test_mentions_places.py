"""Places an article names, and a country's name as a place or as its state (issue 13)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.extract.names import find_ner_name
from kg.extract.pipeline import Extractor
from kg.extract.registry import MentionRegistry
from kg.model import ArticleMeta, FuzzyDate


def _facts(ex: Extractor, text: str):  # type: ignore[no-untyped-def]
    return ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2021, 3, 8)), text)


def places(ex: Extractor, text: str) -> set[str]:
    """Places the article mentions (not the containers added for the located-in chain)."""
    f = _facts(ex, text)
    return {e.key for k, e in f.entities.items() if e.kind == "place" and k in f.mentions}


def actors(ex: Extractor, text: str) -> set[str]:
    f = _facts(ex, text)
    return {k for k, e in f.entities.items() if e.kind == "actor" and k in f.mentions}


# --- a region named by a direction and a country ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Aid workers counted the tents of displaced families in southwest Niger.",
            "southwestern Niger",
        ),
        ("Photographers filmed army convoys moving across Northern Iraq.", "northern Iraq"),
        ("Herders in eastern Chad said the wells had dried up.", "eastern Chad"),
    ],
)
def test_a_region_of_a_country_is_a_place_without_a_fact(
    ex: Extractor, text: str, region: str
) -> None:
    assert region in places(ex, text)


def test_a_region_describing_a_town_is_no_place_of_its_own(ex: Extractor) -> None:
    found = places(ex, "Hasaka is northern Syria's busiest market town.")
    assert "northern Syria" not in found


# --- a country's name: a place, or the state acting -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "states"),
    [
        (
            "Soldiers from Chad and Niger are due to reach the garrison town next week.",
            {"Chad", "Niger"},
        ),
        ("The junta has begun to use soldiers from Belarus in its assaults.", {"Belarus"}),
    ],
)
def test_soldiers_from_a_country_are_its_state(ex: Extractor, text: str, states: set[str]) -> None:
    assert states <= actors(ex, text)
    assert not states & places(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "France completed the withdrawal of its troops from Mali in August.",
        "An aid convoy from Niger reached the camp on Friday.",
    ],
)
def test_leaving_a_country_or_coming_from_it_is_a_place(ex: Extractor, text: str) -> None:
    found = places(ex, text)
    assert found & {"Mali", "Niger"}
    assert not {"Mali", "Niger"} & actors(ex, text)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Thousands of families have fled towards Chad's border since March.", "Chad"),
        ("Herders say Mali's north has had no rain for a year.", "Mali"),
    ],
)
def test_a_possessive_country_is_a_place(ex: Extractor, text: str, country: str) -> None:
    assert country in places(ex, text)


def test_a_country_qualifying_a_person_is_no_place(ex: Extractor) -> None:
    assert "Chad" not in places(ex, "A Chad army officer spoke to reporters.")


def _agents(ex: Extractor, text: str) -> set[str]:
    return {a for e in _facts(ex, text).events for a in e.agents}


def test_forces_act_for_their_state_only_when_it_is_named_acting(ex: Extractor) -> None:
    said = "Mali said Malian troops retook Konna on Sunday."
    assert {"Mali", "Malian Armed Forces"} <= _agents(ex, said)
    owner = "Malian troops retook Konna, Mali's largest river port, on Sunday."
    assert "Mali" not in _agents(ex, owner)
    capital = "Malian troops shelled Gao, far from Bamako, Mali's capital, on Sunday."
    assert "Mali" not in actors(ex, capital)


# --- "the north of the country": a region of the country the article is about ----------------
@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Gunmen have raided villages in Niger for years. Raids are worst in the west of the"
            " country.",
            "western Niger",
        ),
        (
            "Ukraine's army pushed on. Its brigades advanced in the north-east of the country on"
            " Friday.",
            "northeastern Ukraine",
        ),
        (
            "Chad closed its border with Libya. The country's north is mostly desert.",
            "northern Chad",
        ),
        (
            "Somalia held a vote in May. Drought hit the south of the nation hardest.",
            "southern Somalia",
        ),
    ],
)
def test_a_direction_of_the_country_is_its_region(ex: Extractor, text: str, region: str) -> None:
    assert region in places(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Floods struck the north of the country, the ministry said.",  # no country named
        "Mali's army moved north. The country's northern border is closed.",  # a border, no region
        "The camp lies 40 km west of the city of Herat.",  # outside a town, no region
    ],
)
def test_no_region_without_a_country_or_direction(ex: Extractor, text: str) -> None:
    assert not {p for p in places(ex, text) if p.split()[0].endswith("ern")}


# --- a people is no place -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Fighting spread between the Nuer and the Dinka after the split in the army.",
        "The Tuareg rebellion began in the desert north in January.",
    ],
)
def test_a_people_named_by_the_ner_is_no_place(ex: Extractor, text: str) -> None:
    assert not places(ex, text) & {"Nuer", "Dinka", "Tuareg"}


# --- a language is no place ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The brigade, known by the Arabic name Liwa al-Nasr, patrolled the road.", "Arabic"),
        ("Leaflets written in Pashto were dropped over the valley before dawn.", "Pashto"),
        ("The militia's radio station broadcasts in Amharic every evening.", "Amharic"),
    ],
)
def test_a_language_the_ner_calls_a_place_is_no_place(
    ex: Extractor, text: str, language: str
) -> None:
    # the small model sometimes labels a language GPE; label it so here, whatever it says
    doc = ex.nlp(text)
    start = next(t.i for t in doc if t.text == language)
    res = MentionRegistry(doc, ex.gaz)
    find_ner_name(res, Span(doc, start, start + 1, label="GPE"))
    assert not res.mentions
    assert language not in places(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed nine herders in northern Burkina on Monday.",
        "Burkina has been ruled by a junta since 2022.",
    ],
)
def test_a_country_s_short_name_is_the_country(ex: Extractor, text: str) -> None:
    found = places(ex, text) | actors(ex, text)
    assert "Burkina" not in found
    assert {"Burkina Faso", "northern Burkina Faso"} & found


def test_a_region_named_after_a_people_stays_a_place(ex: Extractor) -> None:
    assert "Amhara Region" in places(ex, "Thousands fled the fighting in the Amhara region.")


# --- a known person's name inside someone else's ------------------------------------------------
def persons(ex: Extractor, text: str) -> set[str]:
    f = _facts(ex, text)
    return {k for k, e in f.entities.items() if e.cls == "Person" and k in f.mentions}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Ukrainian President Petro Poroshenko ordered the flag raised over the town.",
            "Gustavo Petro",
        ),
        (
            "Moeenal-Kadhimi, a militia commander, said the fighters would hold the bridge.",
            "Mustafa al-Kadhimi",
        ),
    ],
)
def test_a_known_name_inside_a_longer_one_is_not_that_person(
    ex: Extractor, text: str, wrong: str
) -> None:
    assert wrong not in persons(ex, text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Colombian President Petro said the talks would resume in May.", "Gustavo Petro"),
        ("Prime Minister Abiy Ahmed said the operation was over.", "Abiy Ahmed"),
        ("Iraqi Prime Minister Kadhimi visited the town on Monday.", "Mustafa al-Kadhimi"),
    ],
)
def test_a_known_name_alone_or_in_full_is_the_person(ex: Extractor, text: str, person: str) -> None:
    assert person in persons(ex, text)


# --- the police of a state the gazetteer knows --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "police"),
    [
        (
            "Insurgents attacked police officers in Lashio, a town in Myanmar, on Sunday.",
            "Myanmar Police Force",
        ),
        (
            "In Kunduz, Afghanistan, the police said the checkpoint had been retaken.",
            "Afghan National Police",
        ),
    ],
)
def test_police_of_the_country_are_its_known_police_force(
    ex: Extractor, text: str, police: str
) -> None:
    assert police in actors(ex, text)


def test_unknown_police_in_no_fact_are_still_left_out(ex: Extractor) -> None:
    found = actors(ex, "Yemeni police inspect a damaged house in Sanaa.")
    assert not any("police" in k.lower() for k in found)


# --- forces named by their level of government --------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "In Ethiopia's Tigray region, the federal troops entered Adigrat on Sunday.",
        "The federal forces retook Beledweyne, a town in central Somalia, on Monday.",
    ],
)
def test_federal_forces_are_the_armed_forces_of_the_country(ex: Extractor, text: str) -> None:
    found = actors(ex, text)
    assert found & {"Ethiopian National Defense Force", "Somali National Army"}, found


def test_the_federal_government_is_no_armed_force(ex: Extractor) -> None:
    found = actors(
        ex, "In Ethiopia's Tigray region, the federal government said talks would begin."
    )
    assert "Ethiopian National Defense Force" not in found


# --- an unknown name where an event happened, whatever the NER made of it ---------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ISWAP fighters attacked a base in Ngamdu on Monday.", "Ngamdu"),  # NER: ORG
        ("ISWAP fighters attacked a base in Amchide on Monday.", "Amchide"),  # NER: PRODUCT
        ("ISWAP fighters attacked a base in Tumbuk on Monday.", "Tumbuk"),  # NER: nothing
        ("ISWAP fighters attacked a base in Damasak on Monday.", "Damasak"),  # NER: PERSON
        ("Two soldiers were killed near Bulabulin on Friday.", "Bulabulin"),
    ],
)
def test_an_unknown_name_where_an_event_happened_is_a_settlement(
    ex: Extractor, text: str, place: str
) -> None:
    assert place in places(ex, text)
    assert [e.place for e in _facts(ex, text).events] == [place]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lawmakers debated the withdrawal in Congress on Monday.", "Congress"),
        ("Thousands of families were displaced in Cyclone Idai last year.", "Cyclone Idai"),
        ("Troops were attacked near Mile 4 on Monday.", "Mile"),
        ("Gunmen killed two workers in Dangote Cement on Monday.", "Dangote Cement"),
        ("An attack near Mohammed Yusuf killed his guards.", "Mohammed Yusuf"),
        ("Five Soldiers Killed in Nine Hour Assault on Army Camp", "Nine Hour Assault"),
        (
            "Ali Kime, a local chief, said gunmen had fled. Two soldiers were killed near "
            "Kime on Friday.",
            "Kime",
        ),
    ],
)
def test_a_name_where_no_event_happened_is_no_settlement(
    ex: Extractor, text: str, name: str
) -> None:
    assert name not in places(ex, text)
