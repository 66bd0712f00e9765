"""Relation rules of session 12, written against classes of phrasing seen in further real war
news: allies that act jointly ("coordinated its strikes with Y", "a coordinated operation
between X and Y", "Along with Y, X ..."), and the negative cases. Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2016, 5, 3)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "For the first time the United States coordinated its raids with the GNA.",
            ("alliedWith", "United States", "Government of National Accord"),
        ),
        (
            "Kenyan forces coordinated their attacks with Somali troops near Kismayo.",
            ("alliedWith", "Kenya Defence Forces", "Somali National Army"),
        ),
        (
            "A coordinated operation between Kenyan and Somali troops began in May.",
            ("alliedWith", "Kenya Defence Forces", "Somali National Army"),
        ),
        (
            "The town was retaken by a combination of Chadian and Nigerien troops.",
            ("alliedWith", "Chadian National Army", "Niger Armed Forces"),
        ),
        (
            "The raid was a joint operation by the Syrian army and Hezbollah.",
            ("alliedWith", "Syrian Arab Army", "Hezbollah"),
        ),
        (
            "Along with Iran, Russia sent troops and aircraft to Syria last year.",
            ("alliedWith", "Russia", "Iran"),
        ),
        (
            "Hezbollah, along with the Syrian army, attacked rebel positions near Aleppo.",
            ("alliedWith", "Hezbollah", "Syrian Arab Army"),
        ),
    ],
)
def test_joint_action(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan forces did not coordinate their strikes with Somali troops.",  # negated
        "Kenyan forces could coordinate their strikes with Somali troops.",  # modal
        "A joint operation of the Syrian army retook the town.",  # one side alone
        "Hezbollah shelled the Syrian army along with its Iraqi militias.",  # after the verb
        "Along with Iran, Russia may send troops to Syria.",  # modal
        "Russia, along with Iran, did not send troops to Syria.",  # negated
    ],
)
def test_no_joint_action(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "alliedWith"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whose means helped: the owner of the air power backs the clause's doer
        (
            "The Syrian army retook the town with the help of Russian air support.",
            ("backs", "Russia", "Syrian Arab Army"),
        ),
        (
            "Iraqi forces retook the city thanks to the support of American warplanes.",
            ("backs", "United States", "Iraqi Security Forces"),
        ),
        (
            "Russian air support aided the Syrian army near Palmyra.",
            ("backs", "Russia", "Syrian Arab Army"),
        ),
    ],
)
def test_support_by_whose_means(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces could retake the city with the help of US air strikes.",  # modal
        "Iraqi forces did not retake the city with the help of US air strikes.",  # negated
        "Iraqi forces retook the city without the help of US air strikes.",  # without
        "Russian air support did not aid the Syrian army near Palmyra.",  # negated
        "Iraqi forces retook the city with the help of heavy air strikes.",  # no owner
    ],
)
def test_no_support_by_means(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] in ("backs", "alliedWith")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "South African troops suffered casualties in clashes with Seleka rebels.",
            ("fights", "South African National Defence Force", "Séléka"),
        ),
        (
            "Al-Shabaab fighters were locked in heavy fighting with the Somali army.",
            ("fights", "al-Shabaab", "Somali National Army"),
        ),
        (
            "Three Kenyan soldiers were killed in skirmishes with al-Shabaab near Lamu.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "Forces loyal to the GNA had been engaged with IS in Sirte since May.",
            ("fights", "Armed Forces of Libya", "Islamic State"),
        ),
    ],
)
def test_clashes_with(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The army denied clashes with the Seleka rebels.",  # denied
        "Kenya withdrew its troops to avoid clashes with Ethiopian forces.",  # avoided
        "Nigeria warned of the risk of clashes with Boko Haram.",  # a risk
        "The Kenyan army may see clashes with al-Shabaab near Lamu.",  # modal
    ],
)
def test_no_clashes_with(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "fights"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the places a noun of places lists, or stands beside
        (
            "Turkish jets struck border towns controlled by the SDF, including Tal Abyad.",
            ("controls", "Syrian Democratic Forces", "Tell Abyad"),
        ),
        (
            "Manbij and Tal Abyad, two towns held by the SDF, were shelled.",
            ("controls", "Syrian Democratic Forces", "Manbij"),
        ),
        (
            "Russian jets bombed IS-held towns such as Raqqa and Deir ez-Zor.",
            ("controls", "Islamic State", "Deir ez-Zor"),
        ),
        # an area in a place
        (
            "Al-Shabaab still controls much of the countryside in southern Somalia.",
            ("controls", "al-Shabaab", "southern Somalia"),
        ),
        # a spelling of a known president: troops loyal to him are his state's
        (
            "Houthi rebels fought soldiers loyal to President Abd-Rabbu Mansour Hadi in Taiz.",
            ("fights", "Yemeni Armed Forces", "Houthis"),
        ),
    ],
)
def test_control_of_listed_places(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Turkish jets struck towns once held by the SDF, including Tal Abyad.",  # past
        "Turkish jets struck towns near Manbij, including some held by the SDF.",  # no list
        "The SDF may soon control much of the countryside in northern Syria.",  # modal
    ],
)
def test_no_control_of_listed_places(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "controls"}


def test_after_doing_the_subject_does_it(ex: Extractor) -> None:
    """ "After seizing P, X forced Y to flee": X seized P, not Y (an object does the act only
    after "of", "for", "against", ...: "warned X against attacking Y")."""
    got = rels(
        ex, "After seizing Sanaa, the Houthis forced President Abdrabbuh Mansur Hadi to flee."
    )
    assert fact("controls", "Houthis", "Sanaa") in got
    assert not {r for r in got if r[0] == "controls" and r[1] != "houthis"}
    got = rels(ex, "Russia warned Turkey against attacking Syrian troops near Idlib.")
    assert fact("fights", "Turkey", "Syrian Arab Army") in got
    assert fact("fights", "Russia", "Syrian Arab Army") not in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the parser reads as an adverbial right after the verb
        ("Analysts say Rwanda backs M23.", ("backs", "Rwanda", "M23")),
        # the possessor of a support noun gives it; "of" names the client
        ("Iran's backing of the Houthis has grown.", ("backs", "Iran", "Houthis")),
        (
            "Russia's support of the Syrian army was decisive.",
            ("backs", "Russia", "Syrian Arab Army"),
        ),
        # a partner noun whose word before it names the partner
        (
            "The SDF is the main US partner in Syria.",
            ("alliedWith", "Syrian Democratic Forces", "United States"),
        ),
        # whose people or things the object of a hostile verb names
        (
            "The Israeli army said it killed a Hezbollah commander.",
            ("fights", "Israel Defense Forces", "Hezbollah"),
        ),
        (
            "Al-Shabaab militants ambushed a convoy of Ugandan troops.",
            ("fights", "al-Shabaab", "Uganda People's Defence Force"),
        ),
        ("Israel intercepted missiles fired by Iran.", ("fights", "Israel", "Iran")),
        # attacks whose doer is the subject of a verb of doing, or "by"
        (
            "Kataib Hezbollah has carried out dozens of attacks on US forces.",
            ("fights", "Kataib Hezbollah", "United States Armed Forces"),
        ),
        (
            "The offensive by HTS against Syrian government forces began.",
            ("fights", "Hayat Tahrir al-Sham", "Syrian Arab Army"),
        ),
        # "fought with Y against Z": Y a companion
        (
            "Hezbollah fought with Syrian troops against the rebels in Qusayr.",
            ("alliedWith", "Hezbollah", "Syrian Arab Army"),
        ),
    ],
)
def test_parse_variants(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "The SDF is not a US partner.",
            ("alliedWith", "Syrian Democratic Forces", "United States"),
        ),
        ("Hezbollah is not Iran's ally.", ("alliedWith", "Hezbollah", "Iran")),
        (
            "The Houthis attacked ships in the Red Sea in solidarity with Hamas.",
            ("fights", "Houthis", "Hamas"),
        ),
        (
            "Hezbollah fought with Syrian troops against the rebels in Qusayr.",
            ("fights", "Hezbollah", "Syrian Arab Army"),
        ),
        ("Israel could kill Hezbollah commanders.", ("fights", "Israel", "Hezbollah")),
        ("Israel did not kill the Hezbollah commander.", ("fights", "Israel", "Hezbollah")),
        (
            "The UN condemned the attack on the Syrian army near Aleppo.",
            ("fights", "United Nations", "Syrian Arab Army"),
        ),
        (
            "The US struck Iraq in retaliation for attacks on US troops.",
            ("fights", "Iraq", "United States Armed Forces"),
        ),
    ],
)
def test_no_parse_variants(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "aligned" / "linked" written without a hyphen
        (
            "The port is a stronghold of the al-Qaeda aligned movement al-Shabaab.",
            ("controls", "al-Shabaab", "Kismayo"),
        ),
        (
            "The al-Qaeda linked group al-Shabaab claimed the attack.",
            ("alliedWith", "al-Shabaab", "al-Qaeda"),
        ),
        # members by a verb of composition
        (
            "The SDF is composed of the YPG and Arab tribal fighters.",
            ("memberOf", "People's Protection Units", "Syrian Democratic Forces"),
        ),
        (
            "The Three Brotherhood Alliance consists of the MNDAA, the TNLA and the Arakan Army.",
            ("memberOf", "Arakan Army", "Three Brotherhood Alliance"),
        ),
        (
            "The MNDAA, the TNLA and the Arakan Army make up the Three Brotherhood Alliance.",
            ("memberOf", "Ta'ang National Liberation Army", "Three Brotherhood Alliance"),
        ),
        (
            "Hayat Tahrir al-Sham comprises several Islamist factions, including Jabhat al-Nusra.",
            ("memberOf", "al-Nusra Front", "Hayat Tahrir al-Sham"),
        ),
    ],
)
def test_open_compounds_and_members(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    got = rels(ex, "Kenyan troops captured Kismayo. " + text if "port" in text else text)
    assert fact(*expected) in got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Kenyan troops captured Kismayo. The port was long a stronghold of the al-Qaeda "
            "aligned faction al-Shabaab.",
            ("controls", "al-Qaeda", "Kismayo"),
        ),
        ("Hamas linked the attack to Israel.", ("alliedWith", "Hamas", "Israel")),
        (
            "The SDF is not made up of the YPG.",
            ("memberOf", "People's Protection Units", "Syrian Democratic Forces"),
        ),
        (
            "The SDF was once composed of the YPG alone.",
            ("memberOf", "People's Protection Units", "Syrian Democratic Forces"),
        ),
    ],
)
def test_no_open_compounds_and_members(
    ex: Extractor, text: str, absent: tuple[str, str, str]
) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adviser to a titled head of state: a member of that state
        (
            "Pavlo Kovalenko, adviser to Ukraine's President Volodymyr Zelensky, spoke.",
            ("memberOf", "Pavlo Kovalenko", "Ukraine"),
        ),
        (
            "Reza Tavakoli, an adviser to Supreme Leader Ali Khamenei, spoke on Monday.",
            ("memberOf", "Reza Tavakoli", "Iran"),
        ),
        # a two-word member title
        (
            "Pentagon press secretary John Kirby said the strikes were over.",
            ("memberOf", "John Kirby", "United States Department of Defense"),
        ),
    ],
)
def test_members_by_office(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_a_friend_of_a_president_is_no_member(ex: Extractor) -> None:
    got = rels(ex, "Sami Haddad, a friend of President Masoud Pezeshkian, spoke on Monday.")
    assert not {r for r in got if r[0] == "memberOf"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran sent weapons to Hezbollah.", ("backs", "Iran", "Hezbollah")),  # a dative "to"
        ("Iran sent drones to Russia last year.", ("backs", "Iran", "Russia")),
    ],
)
def test_goods_sent_to_a_client(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia sent troops to Ukraine in 2022.",  # troops to a country: where they went
        "Russia could send troops to Syria.",  # modal
        "Russia may supply the Syrian army with weapons.",  # modal
    ],
)
def test_no_goods_sent(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] in ("backs", "alliedWith")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seleka's leader is Michel Djotodia.", ("leads", "Michel Djotodia", "Séléka")),
        (
            "The commander of the RSF is Mohamed Hamdan Dagalo.",
            ("leads", "Mohamed Hamdan Dagalo", "Rapid Support Forces"),
        ),
        ("Hamas's spokesman is Abu Obeida.", ("memberOf", "Abu Obeida", "Hamas")),
    ],
)
def test_role_by_copula(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    ["Seleka's leader is not Michel Djotodia.", "Seleka's former leader is Michel Djotodia."],
)
def test_no_role_by_copula(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] in ("leads", "memberOf")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenyan troops drove al-Shabaab fighters away from the port.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "The Taliban pushed Afghan army units away from the city of Kunduz.",
            ("fights", "Taliban", "Afghan National Army"),
        ),
    ],
)
def test_expelled_away_from(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_expulsion_away_from(ex: Extractor) -> None:
    assert not rels(ex, "Kenyan troops could drive al-Shabaab fighters away from the port.")
    assert not rels(ex, "Kenyan troops moved away from the port of Kismayo.")


def test_no_hostility_in_an_attempt_not_made(ex: Extractor) -> None:
    """An infinitive under a negated verb states no hostility ("did not try to attack Y")."""
    assert not rels(ex, "The Somali army did not try to attack al-Shabaab.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sponsor's demonym the gazetteer matched inside the client's name
        (
            "The Turkish-backed Syrian National Army shelled Manbij.",
            ("backs", "Turkey", "Syrian National Army"),
        ),
        (
            "The US-backed Syrian Democratic Forces took Raqqa.",
            ("backs", "United States", "Syrian Democratic Forces"),
        ),
    ],
)
def test_sponsor_inside_a_name(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_sponsor_inside_a_name(ex: Extractor) -> None:
    got = rels(ex, "The Syrian National Army shelled Manbij.")
    assert not {r for r in got if r[0] == "backs"}


# -- joint-support: a state's support of another state's armed action is a partnership --------
@pytest.mark.parametrize(
    ("text", "allies", "not_backs"),
    [
        (
            "The US and Britain struck Houthi sites in Yemen, with the support of Australia "
            "and Canada.",
            [("Australia", "United States"), ("Canada", "United Kingdom")],
            ("Australia", "United States"),
        ),
        (
            "French jets bombed jihadist camps near Gao with support from Chad.",
            [("Chad", "France")],
            ("Chad", "France"),
        ),
    ],
)
def test_support_of_a_states_strike_by_a_state_is_an_alliance(
    ex: Extractor, text: str, allies: list[tuple[str, str]], not_backs: tuple[str, str]
) -> None:
    found = rels(ex, text)
    for a, b in allies:
        assert fact("alliedWith", a, b) in found
    assert fact("backs", *not_backs) not in found
    # support is no fighting: the partner fights nobody
    assert not [r for r in found if r[0] == "fights" and not_backs[0].lower() in r[1:]]


@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        # a state's support of a group in its attack stays sponsorship
        ("The Houthis, with support from Iran, attacked ships in the Red Sea.", "Iran", "Houthis"),
        # no armed action in the sentence: sponsorship
        ("Russia's support for Syria grew after 2015.", "Russia", "Syria"),
        # an armed action, but the support is not a phrase of it
        ("Russian support for Syria continued as Syrian jets bombed Idlib.", "Russia", "Syria"),
        # a sponsor's word
        (
            "Israel, with the backing of the United States, attacked Hezbollah positions in "
            "southern Lebanon.",
            "United States",
            "Israel",
        ),
    ],
)
def test_support_outside_a_joint_state_action_stays_backs(
    ex: Extractor, text: str, sponsor: str, client: str
) -> None:
    assert fact("backs", sponsor, client) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Egypt was reportedly supplying drones to the army.", "Egypt"),
        ("Chad armed its soldiers with new rifles in 2015.", "Chad"),
        # forces the gazetteer does not name: the names made for them
        ("Tanzania supplied arms to its army.", "Tanzania"),
    ],
)
def test_a_state_does_not_back_its_own_forces(ex: Extractor, text: str, state: str) -> None:
    assert not [r for r in rels(ex, text) if r[0] == "backs" and r[1] == state.lower()]


def test_a_regional_force_a_government_arms_is_its_client(ex: Extractor) -> None:
    found = rels(ex, "Ethiopia's federal government armed the Amhara Special Forces.")
    assert fact("backs", "Government of Ethiopia", "Amhara Special Forces") in found
