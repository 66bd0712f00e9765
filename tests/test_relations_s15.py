"""Relations, session 15 (helper rl15): what an article's events imply about who held a place.
Every sentence is our own."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate, RelationFact

PUB = FuzzyDate(2016, 5, 3)


def holdings(ex: Extractor, text: str) -> list[RelationFact]:
    """Every controls relation of ``text``."""
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return [r for r in facts.relations if r.type == "controls"]


def held(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(holder, place) in lower case of every controls relation of ``text``."""
    return {(r.subject.lower(), r.object.lower()) for r in holdings(ex, text)}


# -- a capture from Y: Y held the place until then -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "loser", "place"),
    [
        ("Kenyan troops took Kismayo from al-Shabaab last week.", "al-shabaab", "kismayo"),
        ("Al-Shabaab lost Baidoa to Ethiopian troops in February.", "al-shabaab", "baidoa"),
        ("Iraqi forces drove the Islamic State out of Ramadi.", "islamic state", "ramadi"),
    ],
)
def test_capture_from_ends_the_losers_holding(
    ex: Extractor, text: str, loser: str, place: str
) -> None:
    got = [r for r in holdings(ex, text) if (r.subject.lower(), r.object.lower()) == (loser, place)]
    assert len(got) == 1
    assert got[0].end is not None
    assert got[0].evidence.method == "taken-from-holder"


def test_stated_holding_is_not_repeated(ex: Extractor) -> None:
    text = "Al-Shabaab had held Kismayo since 2008. Kenyan troops took it from al-Shabaab in 2012."
    got = [r for r in holdings(ex, text) if r.subject == "al-Shabaab"]
    assert len(got) == 1
    assert got[0].evidence.method == "control-verb"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # bases held by Y in a region: Y held the bases, not the region
        (
            "Kenyan troops seized several bases held by al-Shabaab in Lower Juba.",
            ("al-shabaab", "lower juba"),
        ),
        ("Kenyan troops did not take Kismayo from al-Shabaab.", ("al-shabaab", "kismayo")),
    ],
)
def test_no_holding_without_a_capture_of_the_place(
    ex: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair not in held(ex, text)


# -- a bare role title speaks for the actor in context (role-in-context) -------------------------
def members(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(member, group) in lower case of every memberOf relation of ``text``."""
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return {(r.subject.lower(), r.object.lower()) for r in facts.relations if r.type == "memberOf"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Al-Shabaab said its fighters had overrun the base. "
            "“We will keep fighting,” spokesman Yusuf Warsame Dhere said.",
            ("yusuf warsame dhere", "al-shabaab"),
        ),
        (
            "The Malian government said on Monday that it would reopen the border. "
            "Foreign Minister Bakary Sidibe Traore said talks would follow.",
            ("bakary sidibe traore", "government of mali"),
        ),
        (
            "Al-Shabaab said on Sunday that spokesman Yusuf Warsame Dhere had been wounded.",
            ("yusuf warsame dhere", "al-shabaab"),
        ),
    ],
)
def test_bare_title_speaks_for_the_actor_in_context(
    ex: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair in members(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        # no actor is the subject of a clause around the title
        "The rain stopped on Monday. “We are waiting,” spokesman Yusuf Warsame Dhere said.",
        # a head of government's title is a leader's, not a member's
        "The Iraqi army retook the town. Prime Minister Haider al-Abadi praised the troops.",
    ],
)
def test_bare_title_without_a_speaker_in_context(ex: Extractor, text: str) -> None:
    assert not members(ex, text)


# -- membership said by an apposition ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Al-Qaeda's wing in Somalia, al-Shabaab, stormed the town of Baidoa.",
            ("al-shabaab", "al-qaeda"),
        ),
        (
            "Rebels including al-Qaeda's branch in Syria, the Nusra Front, entered Idlib.",
            ("al-nusra front", "al-qaeda"),
        ),
        (
            "Hayat Tahrir al-Sham, an alliance that includes the Nusra Front, shelled the airport.",
            ("al-nusra front", "hayat tahrir al-sham"),
        ),
    ],
)
def test_membership_in_an_apposition(ex: Extractor, text: str, pair: tuple[str, str]) -> None:
    assert pair in members(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        # a group that includes people names no member group
        "Hezbollah, a group that includes many veterans, fired rockets at Haifa.",
        # the wing's name is not set off after the place
        "Al-Qaeda's wing in Somalia attacked Baidoa, al-Shabaab said.",
    ],
)
def test_no_membership_without_a_named_member(ex: Extractor, text: str) -> None:
    assert not {m for m in members(ex, text) if m[1] in ("hezbollah", "al-qaeda")}


# -- "anti-X" names an enemy of X, never X -------------------------------------------------------
def relation_pairs(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case of every relation of ``text``."""
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return {(r.type, r.subject.lower(), r.object.lower()) for r in facts.relations}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Two aides of the veteran anti-Taliban commander Ahmad Shah Massoud spoke in Kabul.",
            "taliban",
        ),
        (
            "Another force in the anti-Houthi coalition, trained by the UAE, fought in Aden.",
            "houthis",
        ),
    ],
)
def test_anti_names_no_leader_or_client(ex: Extractor, text: str, group: str) -> None:
    assert not {r for r in relation_pairs(ex, text) if group in r[1:]}


def test_a_title_without_anti_still_leads(ex: Extractor) -> None:
    text = "Taliban commander Mullah Omar Nazari was killed in Kunduz."
    assert ("leads", "mullah omar nazari", "taliban") in relation_pairs(ex, text)
