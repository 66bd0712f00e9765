"""Relation mechanisms of session 14, written against classes seen in further real war news
(Iraq 2015, Somalia 2012, Afghanistan 2015-18, Syria 2012, Lebanon 2006, Myanmar 2024, Mali
2013): facts an article implies from its events and holdings rather than from one verb.
Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2016, 5, 3)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


def fights(got: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, o) for t, s, o in got if t == "fights"}


def pair(a: str, b: str) -> tuple[str, str]:
    x, y = sorted((a.lower(), b.lower()))
    return (x, y)


# -- holder-foes: an offensive or attack on a place the article has another side hold ------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "The town of Tal Afar has been held by Islamic State since 2014. "
            "On Monday the Peshmerga launched a new offensive on Tal Afar.",
            "Peshmerga",
            "Islamic State",
        ),
        (
            "Kismayo remains in the hands of al-Shabaab. "
            "Kenyan troops advanced on Kismayo at dawn.",
            "Kenya Defence Forces",
            "al-Shabaab",
        ),
        (
            "Ghazni is controlled by government forces, officials said. "
            "Taliban fighters attacked Ghazni overnight from several directions.",
            "Taliban",
            "Afghan National Army",
        ),
    ],
)
def test_holder_foes(ex: Extractor, text: str, a: str, b: str) -> None:
    assert pair(a, b) in {pair(s, o) for s, o in fights(rels(ex, text))}


@pytest.mark.parametrize(
    "text",
    [
        # the doers' ally holds the place: no fight between friends
        "Kismayo is held by Somali government forces, which Kenya backs. "
        "Kenyan troops advanced on Kismayo at dawn.",
        # a strike from the air in a town held by the side the striker helps
        "Ghazni is controlled by government forces, officials said. "
        "US jets carried out airstrikes on Ghazni overnight.",
        # a holding that is over, or only feared
        "The Peshmerga launched an offensive on Tal Afar, a town once held by Islamic State.",
        "The Peshmerga launched an offensive on Tal Afar, which Islamic State might seize.",
    ],
)
def test_holder_foes_negative(ex: Extractor, text: str) -> None:
    got = fights(rels(ex, text))
    assert not {p for p in got if "united states" in p or "kenya defence forces" in p}
    assert pair("Peshmerga", "Islamic State") not in {pair(s, o) for s, o in got}


# -- fights stated in ways the verb rules missed --------------------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        # clashes-with: the subject of the verb a coordinated "and N others wounded" shares
        (
            "Two Israeli soldiers were killed and five wounded in heavy fighting with "
            "Hezbollah on Tuesday.",
            "Israel Defense Forces",
            "Hezbollah",
        ),
        (
            "Four Somali soldiers were killed and six others wounded in clashes with "
            "al-Shabaab near Afgoye.",
            "Somali National Army",
            "al-Shabaab",
        ),
        # strike-subject: the owner of a strike noun that is the subject of a verb of fighting
        ("US airstrikes hit the Taliban in Sangin on Wednesday.", "United States", "Taliban"),
        (
            "Two US-led airstrikes targeted Taliban fighters near Marjah overnight.",
            "United States",
            "Taliban",
        ),
        # hostile-verb: "a number of" Y's fighters are Y's
        (
            "Afghan soldiers killed a number of Taliban fighters in the operation.",
            "Afghan National Army",
            "Taliban",
        ),
        (
            "Government troops killed a number of al-Shabaab militants near Afgoye.",
            "Somali National Army",
            "al-Shabaab",
        ),
    ],
)
def test_fight_phrasings(ex: Extractor, text: str, a: str, b: str) -> None:
    assert pair(a, b) in {pair(s, o) for s, o in fights(rels(ex, text))}


@pytest.mark.parametrize(
    "text",
    [
        "US airstrikes could target the Taliban in Sangin.",  # modal
        "US airstrikes did not hit the Taliban in Sangin.",  # negated
        "The strikes hit a hospital in Sangin.",  # no actor struck, no striker named
        "Two Israeli soldiers were killed and five wounded while avoiding clashes with "
        "Hezbollah.",  # avoided
    ],
)
def test_fight_phrasings_negative(ex: Extractor, text: str) -> None:
    assert not fights(rels(ex, text))


def test_no_fight_with_own_forces(ex: Extractor) -> None:
    """casualty-sides: a state does not fight its own forces, whatever one report merges."""
    got = fights(
        rels(
            ex,
            "Israeli aircraft struck a house in Nabatiya, killing seven civilians. "
            "The army said two of its soldiers were killed near the town.",
        )
    )
    assert pair("Israel", "Israel Defense Forces") not in {pair(s, o) for s, o in got}


# -- control: a capture in a relative clause, positions held in a place ---------------------
def controls(got: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, o) for t, s, o in got if t == "controls"}


@pytest.mark.parametrize(
    ("text", "actor", "place"),
    [
        (
            "Fighting raged near Bint Jbeil, which the Israeli army captured on Sunday.",
            "Israel Defense Forces",
            "Bint Jbeil",
        ),
        (
            "Heavy fighting continued around Kismayo, which was seized by Kenyan troops last week.",
            "Kenya Defence Forces",
            "Kismayo",
        ),
        (
            "Ukrainian troops still hold positions in the Kursk region.",
            "Armed Forces of Ukraine",
            "Kursk Oblast",
        ),
        (
            "Rebel fighters hold several positions in Aleppo, a commander said.",
            "Syrian opposition",
            "Aleppo",
        ),
        (
            "Al-Shabaab still holds positions in Kismayo, officials said.",
            "al-Shabaab",
            "Kismayo",
        ),
    ],
)
def test_control_phrasings(ex: Extractor, text: str, actor: str, place: str) -> None:
    assert (actor.lower(), place.lower()) in controls(rels(ex, text))


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting continued around Kismayo, which Kenyan troops could seize soon.",
        "Ukrainian troops no longer hold positions in the Kursk region.",
        "Fighting raged near Bint Jbeil, which the Israeli army failed to capture.",
    ],
)
def test_control_phrasings_negative(ex: Extractor, text: str) -> None:
    assert not controls(rels(ex, text))


# -- in-control: "P, where X are in control" ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor", "place"),
    [
        (
            "Troops began a new push into Sangin district, where the Taliban are now largely "
            "in control.",
            "Taliban",
            "Sangin district",
        ),
        ("The rebels remain in full control in Aleppo.", "Syrian opposition", "Aleppo"),
    ],
)
def test_in_control(ex: Extractor, text: str, actor: str, place: str) -> None:
    assert (actor.lower(), place.lower()) in controls(rels(ex, text))


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab is no longer in control of Kismayo.",
        "The army is in control of the situation, officials said.",
        "The rebels were once in control in Aleppo.",
    ],
)
def test_in_control_negative(ex: Extractor, text: str) -> None:
    assert not controls(rels(ex, text))
