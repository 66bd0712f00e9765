"""Alliance rules of session 14, written against classes of phrasing seen in further real war
news (Syria 2015, Sudan 2023, DR Congo 2023): a side and "allied" militias the parser hangs
elsewhere, and "X and their allies" (X's allies, not the clause subject's). Every sentence is
our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2023, 11, 20)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


# -- "X and allied militias", whatever the parser hangs the militias on ---------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "After the siege of Nyala ended, the RSF and allied Arab militias looted the market.",
            ("alliedWith", "Rapid Support Forces", "Arab militias"),
        ),
        (
            "Ethiopian troops, supported by drones, and allied militias pushed toward Dessie.",
            ("alliedWith", "Ethiopian National Defense Force", "pro-army militias"),
        ),
        (
            "Malian soldiers, helped by Russian instructors, and their allied militias retook "
            "the village of Anefis.",
            ("alliedWith", "Malian Armed Forces", "pro-army militias"),
        ),
    ],
)
def test_side_and_allied_militias(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # "and" joins two clauses: the militias are no one's named ally
        (
            "Tigrayan fighters shelled the Ethiopian army, and allied militias fled Dessie.",
            ("alliedWith", "Tigray Defense Forces", "pro-army militias"),
        ),
        # not allied: the militias fight the RSF
        (
            "The RSF and the Masalit militias fought for control of the town.",
            ("alliedWith", "Rapid Support Forces", "Masalit militias"),
        ),
    ],
)
def test_no_allied_militias(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    got = rels(ex, text)
    assert fact(*absent) not in got
    assert not [r for r in got if r[0] == "alliedWith"]


# -- "X and their allies": X's allies --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "M23 said it had been shelled by Congolese troops and their allies, including the "
            "FDLR.",
            (
                "alliedWith",
                "Armed Forces of the Democratic Republic of the Congo",
                "Democratic Forces for the Liberation of Rwanda",
            ),
            ("alliedWith", "M23", "Democratic Forces for the Liberation of Rwanda"),
        ),
        (
            "Hamas said it would fight Israel and its allies, including the United States.",
            ("alliedWith", "Israel", "United States"),
            ("alliedWith", "Hamas", "United States"),
        ),
    ],
)
def test_conjunct_and_their_allies(
    ex: Extractor,
    text: str,
    expected: tuple[str, str, str],
    absent: tuple[str, str, str],
) -> None:
    got = rels(ex, text)
    assert fact(*expected) in got
    assert fact(*absent) not in got


def test_their_allies_alone_keeps_the_subject() -> None:
    """Without a conjunct before it, "their" is still read by coreference."""
    got = rels(Extractor(), "The Houthis said their allies, including Hezbollah, would respond.")
    assert fact("alliedWith", "Houthis", "Hezbollah") in got


# -- a description set off after a name is that actor ----------------------------------------
def actors(ex: Extractor, text: str) -> set[str]:
    f = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return {k for k, e in f.entities.items() if e.kind == "actor" and k in f.mentions}


@pytest.mark.parametrize(
    ("text", "named", "sponsor", "description"),
    [
        (
            "The Pentagon said Kataib Hezbollah, an Iranian-backed militia, fired the rockets.",
            "Kataib Hezbollah",
            "Iran",
            "Iran-backed militias",
        ),
        (
            "Asaib Ahl al-Haq, a Shiite militia backed by Iran, denied any role in the raid.",
            "Asaib Ahl al-Haq",
            "Iran",
            "Shiite militias",
        ),
    ],
)
def test_apposed_description_is_the_named_actor(
    ex: Extractor, text: str, named: str, sponsor: str, description: str
) -> None:
    assert description not in actors(ex, text)
    assert fact("backs", sponsor, named) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the participle describes the apposed militia, not the clause's subject
        (
            "Washington blamed Kataib Hezbollah, an Iraqi militia group armed by Iran, for the "
            "drone strike.",
            ("backs", "Iran", "United States"),
        ),
        (
            "Israel accused the Houthis, a rebel movement funded by Tehran, of attacking ships.",
            ("backs", "Iran", "Israel"),
        ),
    ],
)
def test_participle_in_apposition_backs_the_named(
    ex: Extractor, text: str, absent: tuple[str, str, str]
) -> None:
    got = rels(ex, text)
    assert fact(*absent) not in got
    assert any(r[0] == "backs" and r[1] == "iran" for r in got)


def test_list_items_keep_their_own_actor(ex: Extractor) -> None:
    """Items of a list the parser makes appositions of (no article) stay actors of their own."""
    got = actors(ex, "Clashes broke out between HTS, Turkish-backed factions and Kurdish fighters.")
    assert "Turkey-backed factions" in got


# -- an apposition is not denied by its host's verb; "his backers"; "to help Y fight Z" ------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkey, Azerbaijan's closest ally, did not take part in the offensive.",
            ("alliedWith", "Azerbaijan", "Turkey"),
        ),
        (
            "Iran, the main backer of the Houthis, did not comment on the strikes.",
            ("backs", "Iran", "Houthis"),
        ),
        (
            "Malian President Assimi Goita met envoys on Monday. Russia, his main backer, has "
            "sent mercenaries.",
            ("backs", "Russia", "Mali"),
        ),
        (
            "Chad sent 2,000 soldiers to help Niger fight the insurgents near Diffa.",
            ("backs", "Chad", "Niger"),
        ),
        (
            "Rwanda deployed 1,000 troops to help Mozambique fight the rebels in Cabo Delgado.",
            ("backs", "Rwanda", "Mozambique"),
        ),
    ],
)
def test_ally_in_apposition_and_help_to_fight(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Russia, no longer an ally of Armenia, did not intervene.",
            ("alliedWith", "Armenia", "Russia"),
        ),
        (
            "Rwanda did not send troops to help Mozambique fight the rebels.",
            ("backs", "Rwanda", "Mozambique"),
        ),
        (
            "Rwanda could send troops to help Mozambique fight the rebels.",
            ("backs", "Rwanda", "Mozambique"),
        ),
        # "his" is a person's; a foe is no backer
        (
            "Sudanese President Omar al-Bashir fled on Monday. Egypt, his old foe, did not "
            "comment.",
            ("backs", "Egypt", "Sudan"),
        ),
    ],
)
def test_no_ally_when_denied(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


# -- fighters "loyal to" an actor are its allies; troops loyal to X are X's own ---------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tribal fighters loyal to the Syrian government crossed the river near Deir ez-Zor.",
            ("alliedWith", "Government of Syria", "tribal fighters"),
        ),
        (
            "Arab militias, loyal to the RSF, burned the market of Nyala.",
            ("alliedWith", "Arab militias", "Rapid Support Forces"),
        ),
    ],
)
def test_fighters_loyal_to(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Troops loyal to President Salva Kiir clashed with rebels in Juba.",
        "The Houthis were never loyal to Saleh.",
    ],
)
def test_no_alliance_from_loyal(ex: Extractor, text: str) -> None:
    assert not [r for r in rels(ex, text) if r[0] == "alliedWith"]


# -- a state's forces "including" others: those fight on its side ----------------------------
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Heavy fighting raged between government forces, including Iraqi Shiite militias, "
            "and rebels near Aleppo.",
            ("alliedWith", "Syrian Arab Army", "Iraqi Shiite militias"),
            ("fights", "Syrian Arab Army", "Iraqi Shiite militias"),
        ),
        (
            "Syrian troops, including Hezbollah fighters, stormed the town of Qusair.",
            ("alliedWith", "Syrian Arab Army", "Hezbollah"),
            ("fights", "Syrian Arab Army", "Hezbollah"),
        ),
    ],
)
def test_forces_including_allies(
    ex: Extractor,
    text: str,
    expected: tuple[str, str, str],
    absent: tuple[str, str, str],
) -> None:
    got = rels(ex, text)
    assert fact(*expected) in got
    assert fact(*absent) not in got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the item after the closing comma is the other side
        (
            "Heavy fighting raged between government forces, including Iraqi Shiite militias, "
            "and rebels near Aleppo.",
            ("alliedWith", "Syrian Arab Army", "Syrian opposition"),
        ),
        # not a state's forces: membership, read elsewhere, not an alliance
        (
            "Islamist groups, including the Nusra Front, shelled the district of Aleppo.",
            ("alliedWith", "al-Nusra Front", "Syrian opposition"),
        ),
    ],
)
def test_forces_including_not_others(
    ex: Extractor, text: str, absent: tuple[str, str, str]
) -> None:
    assert fact(*absent) not in rels(ex, text)


# -- "X-aligned fighters known as Y": Y aligned with X ---------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iranian-aligned fighters known as the Houthis seized Sanaa in 2014.",
            ("alliedWith", "Houthis", "Iran"),
        ),
        (
            "Al-Qaeda-linked militants known as JNIM attacked the army base near Boulkessi.",
            ("alliedWith", "Jama'at Nusrat al-Islam wal-Muslimin", "al-Qaeda"),
        ),
    ],
)
def test_aligned_known_as(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_known_as_alone_allies_no_one(ex: Extractor) -> None:
    got = rels(ex, "Shiite rebels known as Houthis seized Sanaa in 2014.")
    assert not [r for r in got if r[0] == "alliedWith"]


# -- "X helped Y do Z": Y, whom the parser makes the subject of the verb after "help" ---------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Britain helped Israel shoot down the Iranian drones.",
            ("backs", "United Kingdom", "Israel"),
        ),
        (
            "Chad and Niger have mobilised troops to help Nigeria retake the border towns.",
            ("backs", "Chad", "Nigeria"),
        ),
        # an armed group helping forces take a place fights beside them: an alliance (the
        # gold reads "X, with help from Y's troops" so)
        (
            "The Wagner Group helped Russian forces seize Soledar.",
            ("alliedWith", "Wagner Group", "Russian Armed Forces"),
        ),
    ],
)
def test_helped_y_do(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Britain did not help Israel shoot down the Iranian drones.",
        "Britain could help Israel shoot down the Iranian drones.",
    ],
)
def test_helped_y_do_not(ex: Extractor, text: str) -> None:
    assert fact("backs", "United Kingdom", "Israel") not in rels(ex, text)


# -- "<Country> said it ...": "it" is the state that speaks ---------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Israel said it struck Hezbollah positions near Tyre overnight.",
            ("fights", "Hezbollah", "Israel"),
        ),
        (
            "Russia said it had captured the village of Krasnohorivka.",
            ("controls", "Russia", "Krasnohorivka"),
        ),
        ("Jordan said it helped Israel intercept the drones.", ("backs", "Jordan", "Israel")),
    ],
)
def test_country_said_it(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Russia said it could capture the village of Krasnohorivka within weeks.",
            ("controls", "Russia", "Krasnohorivka"),
        ),
        (
            "Jordan said it did not help Israel intercept the drones.",
            ("backs", "Jordan", "Israel"),
        ),
    ],
)
def test_country_said_it_not(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


# -- "as part of" a coalition or mission: membership ---------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sudanese troops fought in Yemen as part of the Saudi-led coalition.",
            ("memberOf", "Sudanese Armed Forces", "Saudi-led coalition"),
        ),
        (
            "Ugandan soldiers, deployed as part of the African Union mission, guarded the base.",
            ("memberOf", "Uganda People's Defence Force", "African Union"),
        ),
    ],
)
def test_as_part_of(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Sudanese troops did not fight as part of the Saudi-led coalition.",
        "Sudanese troops could fight as part of the Saudi-led coalition.",
    ],
)
def test_as_part_of_not(ex: Extractor, text: str) -> None:
    got = rels(ex, text)
    assert fact("memberOf", "Sudanese Armed Forces", "Saudi-led coalition") not in got


# -- a newspaper or agency named after a place is a source, not a place ----------------------
@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("His reporting has appeared in the Washington Times and the Toronto Star.", "Washington"),
        ("Militias shelled the city on Monday (Bloomberg) -- officials said.", "Bloomberg"),
    ],
)
def test_paper_names_are_no_places(ex: Extractor, text: str, not_place: str) -> None:
    f = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    places = {e.key for e in f.entities.values() if e.kind == "place" and e.key in f.mentions}
    assert not any(not_place in p for p in places)


def test_the_city_alone_is_still_a_place(ex: Extractor) -> None:
    f = ex.extract(ArticleMeta("test.txt", date=PUB), "Protesters marched in Washington on Monday.")
    assert any("Washington" in e.key for e in f.entities.values() if e.kind == "place")


# -- "X, one of the Iran-backed militias": Iran backs X (a kind, not a group to belong to) ----
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "The strikes hit Kataib Hezbollah, one of the Iranian-backed militias in Iraq.",
            ("backs", "Iran", "Kataib Hezbollah"),
            ("memberOf", "Kataib Hezbollah", "Iran-backed militias"),
        ),
        (
            "Asaib Ahl al-Haq is one of the Iran-backed groups that attacked the embassy.",
            ("backs", "Iran", "Asaib Ahl al-Haq"),
            ("memberOf", "Asaib Ahl al-Haq", "Iran-backed militias"),
        ),
    ],
)
def test_one_of_the_backed(
    ex: Extractor,
    text: str,
    expected: tuple[str, str, str],
    absent: tuple[str, str, str],
) -> None:
    got = rels(ex, text)
    assert fact(*expected) in got
    assert fact(*absent) not in got


def test_one_of_a_named_group_stays_membership(ex: Extractor) -> None:
    got = rels(ex, "Kataib Hezbollah is one of the factions of the Popular Mobilization Forces.")
    assert fact("memberOf", "Kataib Hezbollah", "Popular Mobilization Forces") in got
