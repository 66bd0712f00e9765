"""Session 26 (helper prec): wrong actors, places and facts in real-news phrasing of the
Syrian, Gaza, Marawi, Central African and Kashmir wars. Every sentence is our own."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2017, 6, 2)


def members(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(member, group) in lower case of every memberOf relation of ``text``."""
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return {(r.subject.lower(), r.object.lower()) for r in facts.relations if r.type == "memberOf"}


# -- a spokesman's title with a word of its own speaks for that body, not the context ------------
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            'Al-Shabaab fighters stormed the base at dawn. "We drove them back," police '
            "spokesman Ahmed Yusuf said.",
            "ahmed yusuf",
        ),
        ("The RSF shelled El Fasher overnight, said regional spokesman Adam Rijal.", "adam rijal"),
        (
            "Boko Haram gunmen burned the market in Gwoza. The town was quiet again, hospital "
            "spokeswoman Hauwa Bello told reporters.",
            "hauwa bello",
        ),
        (
            "The Houthis fired drones at a tanker in the Red Sea, according to company "
            "spokesperson Lena Moreau.",
            "lena moreau",
        ),
    ],
)
def test_qualified_spokesman_is_not_the_groups(ex: Extractor, text: str, person: str) -> None:
    assert not {g for p, g in members(ex, text) if p == person}


@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        (
            "Rebels burned a village in the Central African Republic on Friday. "
            '"It was a massacre," said presidential spokesperson Albert Ngaba.',
            "albert ngaba",
            "government of the central african republic",
        ),
        (
            "Separatists in Cameroon attacked a gendarmerie post in Wum. Two gendarmes died, "
            "army spokesman Colonel Didier Essomba said.",
            "didier essomba",
            "cameroon armed forces",
        ),
        (
            "Militants raided a checkpoint near Marawi in the Philippines, military spokesman "
            "Jose Herrera told reporters.",
            "jose herrera",
            "armed forces of the philippines",
        ),
        (
            "Gunmen ambushed a convoy in Mali on Sunday, presidential spokesman Moussa Traore "
            "said.",
            "moussa traore",
            "government of mali",
        ),
    ],
)
def test_army_or_presidential_spokesman_speaks_for_the_country(
    ex: Extractor, text: str, member: str, group: str
) -> None:
    got = {g for p, g in members(ex, text) if p == member}
    assert got == {group}


@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        (
            "Al-Shabaab said on Sunday that spokesman Yusuf Dhere had been wounded.",
            "yusuf dhere",
            "al-shabaab",
        ),
        (
            "The Taliban took the district on Monday, senior spokesman Zabihullah Mujahid said.",
            "zabihullah mujahid",
            "taliban",
        ),
        (
            'Hamas fired rockets at Ashkelon. "This is our answer," spokesman Abu Obeida said.',
            "abu obeida",
            "hamas",
        ),
    ],
)
def test_bare_or_ranked_spokesman_still_speaks_for_the_group(
    ex: Extractor, text: str, member: str, group: str
) -> None:
    assert (member, group) in members(ex, text)
