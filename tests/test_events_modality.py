"""Events the verbs above their trigger leave not done (kg.extract.modality), on sentences
written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2024, 11, 30)  # a Saturday


def types(ex: Extractor, text: str) -> list[str]:
    return [e.type for e in ex.extract(ArticleMeta("test.txt", date=PUB), text).events]


@pytest.mark.parametrize(
    "text",
    [
        "Ethiopian troops may soon launch an offensive on Mekelle.",  # a modal on the verb above
        "The Houthis threatened to besiege Taiz if talks failed.",
        "Villagers fear a new attack on Mopti by JNIM.",
        "The M23 denied that its fighters had shelled a camp near Goma.",
        "Kenya plans to withdraw its troops from Somalia next year.",
        "The Taliban have refused to withdraw from Bamiyan.",
    ],
)
def test_no_event_only_planned_feared_or_denied(ex: Extractor, text: str) -> None:
    assert types(ex, text) == []


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Officials said that ISWAP fighters had attacked Monguno on Sunday.", "Attack"),
        # preparing is an offensive under way; an aim to take a place is an offensive
        ("Iraqi forces are preparing to recapture the town of Rawa.", "Offensive"),
        ("The Houthis launched a new offensive on Marib on Sunday.", "Offensive"),
    ],
)
def test_an_event_stated_stays(ex: Extractor, text: str, type_: str) -> None:
    assert type_ in types(ex, text)


# --- civilians killed by armed men on the ground (kg.extract.atrocities) ------------------------
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        (
            "CODECO militiamen killed 46 displaced people at a camp in Djugu.",
            "ViolenceAgainstCivilians",
        ),
        (
            "At least 30 civilians were killed by RSF fighters in Wad al-Noura.",
            "ViolenceAgainstCivilians",
        ),
        ("Al-Shabaab fighters killed 12 Somali soldiers near Jowhar.", "CasualtyReport"),
        ("Government jets killed 12 civilians in Nyala.", "Airstrike"),
    ],
)
def test_civilians_killed_by_armed_men(ex: Extractor, text: str, type_: str) -> None:
    assert types(ex, text) == [type_]


# --- fights stated by their aim or by a time (kg.extract.battles) -------------------------------
def battles(ex: Extractor, text: str) -> list[tuple[list[str], str | None]]:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return [(sorted(e.agents), e.place) for e in facts.events if e.type == "Battle"]


@pytest.mark.parametrize(
    ("text", "agents", "place"),
    [
        (
            "Fano militiamen and federal troops fought for control of Lalibela.",
            ["Ethiopian National Defense Force", "Fano"],
            "Lalibela",
        ),
        (
            "Malian troops retreated from Bamba after a day of heavy fighting.",
            ["Malian Armed Forces"],
            "Bamba",
        ),
        # the dead of a passive are no side of the fighting they died after
        ("Ten Malian soldiers were killed in Bamba after days of fighting.", [], "Bamba"),
    ],
)
def test_fights_by_aim_or_time(ex: Extractor, text: str, agents: list[str], place: str) -> None:
    assert battles(ex, text) == [(agents, place)]


# --- a town under attack by armed men (kg.extract.underfire) ------------------------------------
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Bama came under attack by Boko Haram fighters late on Monday.", ["Attack"]),
        ("Kharkiv came under fire from Russian forces on Monday.", ["Attack"]),
        # blame, not shooting
        ("Kharkiv came under fire from the United States over the offensive.", []),
    ],
)
def test_town_under_attack(ex: Extractor, text: str, type_: list[str]) -> None:
    assert types(ex, text) == type_


# --- an offensive noun the tagger takes for an adjective (kg.extract.offensives) ----------------
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Ukrainian troops mounted a counteroffensive near Kupiansk in September.", ["Offensive"]),
        ("Government forces launched a counteroffensive near Nyala on Sunday.", ["Offensive"]),
        ("The Taliban's remarks were offensive, officials said.", []),  # an adjective
    ],
)
def test_offensive_tagged_as_adjective(ex: Extractor, text: str, type_: list[str]) -> None:
    assert types(ex, text) == type_


# --- people forced to leave, no figure (kg.extract.combat.displacement) -------------------------
@pytest.mark.parametrize(
    ("text", "displaced"),
    [
        ("Al-Shabaab forced thousands of villagers to leave Dhusamareb on Sunday.", True),
        ("Viv Ansanm gangs forced hundreds of families to leave Mirebalais on Sunday.", True),
        ("The army forced the rebels to leave Sake on Sunday.", False),  # armed men: no people
    ],
)
def test_people_forced_to_leave(ex: Extractor, text: str, displaced: bool) -> None:
    assert ("Displacement" in types(ex, text)) is displaced


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        (
            "Armenian forces shelled Azerbaijani positions near Lachin, according to Baku, a "
            "claim Yerevan rejected.",
            True,
        ),
        (
            "Kyiv said Russian jets bombed a hospital in Kharkiv, which Moscow denied.",
            True,
        ),
        (
            "Israel said Hezbollah fired rockets at Metula on Monday. The group dismissed the "
            "accusation.",
            True,
        ),
        # a denial of something else leaves the fact as stated
        (
            "Armenian forces shelled Azerbaijani positions near Lachin. Yerevan rejected calls "
            "for a ceasefire.",
            False,
        ),
        # an undetermined claim in the next sentence is another one
        (
            "Israel said Hezbollah fired rockets at Metula on Monday. The group denied a claim "
            "about its funding.",
            False,
        ),
    ],
)
def test_a_claim_another_party_denies_is_hedged(ex: Extractor, text: str, hedged: bool) -> None:
    events = ex.extract(ArticleMeta("test.txt", date=PUB), text).events
    assert events
    assert {e.evidence.hedged for e in events} == {hedged}
