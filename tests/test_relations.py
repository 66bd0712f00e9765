"""Relation rules (sponsorship, alignment, affiliation, hostility, control) on sentences
written for these tests, with the negative cases each must not fire on."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2024, 11, 30)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # support-noun, with coordination: two facts
        (
            "The Houthis fight on with the backing of Iran and Hezbollah.",
            [("backs", "Iran", "Houthis"), ("alliedWith", "Hezbollah", "Houthis")],
        ),
        (
            "Hezbollah seized the village with help from Iran.",
            [("backs", "Iran", "Hezbollah")],
        ),
        ("Russia's support for the Wagner Group grew.", [("backs", "Russia", "Wagner Group")]),
        # strong word from a coalition: sponsorship
        (
            "A Saudi-led coalition backing the Yemeni government shelled the harbour.",
            [("backs", "Saudi-led coalition", "Government of Yemen")],
        ),
        # backed-compound with a suspended coordination: each sponsor
        (
            "The Saudi- and Emirati-backed government of Yemen lost the port.",
            [
                ("backs", "Saudi Arabia", "Government of Yemen"),
                ("backs", "United Arab Emirates", "Government of Yemen"),
            ],
        ),
        (
            "Qatari- and Turkish-backed Hamas rejected the offer.",
            [("backs", "Qatar", "Hamas"), ("backs", "Turkey", "Hamas")],
        ),
        # pro-compound
        (
            "Pro-Iranian militias of Kataib Hezbollah and Hezbollah manned a roadblock.",
            [("backs", "Iran", "Kataib Hezbollah"), ("backs", "Iran", "Hezbollah")],
        ),
        # aligned: alliance, not sponsorship
        (
            "The Houthi group, aligned with Iran, fired missiles.",
            [("alliedWith", "Houthis", "Iran")],
        ),
        (
            "Hamas-linked Hezbollah fighters fired rockets.",
            [("alliedWith", "Hamas", "Hezbollah")],
        ),
        # provide-with
        # support-noun: a package of aid, and support received
        (
            "Lawmakers passed a second U.S. military aid package for Ukraine.",
            [("backs", "United States", "Ukraine")],
        ),
        (
            "Germany announced an arms package for the Ukrainian army.",
            [("backs", "Germany", "Armed Forces of Ukraine")],
        ),
        ("The Houthis received weapons from Iran.", [("backs", "Iran", "Houthis")]),
        (
            "Hezbollah has received support from Iran for decades.",
            [("backs", "Iran", "Hezbollah")],
        ),
        ("Iran supplied the Houthis with drones.", [("backs", "Iran", "Houthis")]),
        (
            "Washington accused Iran of sending drones to help Russia.",
            [("backs", "Iran", "Russia")],
        ),
    ],
)
def test_sponsorship(ex: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = rels(ex, text)
    for e in expected:
        assert fact(*e) in found, (e, found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Iran denied backing the Houthis.", ("backs", "Iran", "Houthis")),
        ("Iran does not support the Houthis.", ("backs", "Iran", "Houthis")),
        ("Iran never sent weapons to the Houthis.", ("backs", "Iran", "Houthis")),
        ("The Houthi group, aligned with Iran, fired missiles.", ("backs", "Iran", "Houthis")),
        ("There was no support from Iran for the Houthis.", ("backs", "Iran", "Houthis")),
        (
            "France may announce an arms package for Ukraine next month.",
            ("backs", "France", "Ukraine"),
        ),
        ("The rebels could receive weapons from Iran.", ("backs", "Iran", "rebels")),
        ("Hezbollah never received weapons from Iran.", ("backs", "Iran", "Hezbollah")),
        # a coordinated actor with no hyphen of its own is no sponsor
        ("Hezbollah and Iranian-backed Houthis fired missiles.", ("backs", "Hezbollah", "Houthis")),
        ("The Houthis received a delegation from Iran.", ("backs", "Iran", "Houthis")),
    ],
)
def test_no_sponsorship(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Omar Khaled, a spokesman for the Rapid Support Forces, said the city was calm.",
            ("memberOf", "Omar Khaled", "Rapid Support Forces"),
        ),
        # an adviser to a head of state belongs to that state
        (
            "Leila Haddad, a senior adviser to the Lebanese president, urged calm.",
            ("memberOf", "Leila Haddad", "Lebanon"),
        ),
        # an affiliate or branch named by its parent's possessive
        (
            "Al-Shabaab, al-Qaeda's affiliate in East Africa, claimed the bombing.",
            ("memberOf", "al-Shabaab", "al-Qaeda"),
        ),
        (
            "The Islamic State's Sahel branch, ISSP, attacked the convoy.",
            ("memberOf", "Islamic State – Sahel Province", "Islamic State"),
        ),
        (
            "Harakat al-Nujaba is one of the largest factions in the Popular Mobilization Forces.",
            ("memberOf", "Harakat Hezbollah al-Nujaba", "Popular Mobilization Forces"),
        ),
        # "one of the groups in X"
        (
            "The Arakan Army, one of the armed groups in the Three Brotherhood Alliance, "
            "took Paletwa.",
            ("memberOf", "Arakan Army", "Three Brotherhood Alliance"),
        ),
        (
            "A senior Hezbollah official, Ali Hamdan, spoke on television.",
            ("memberOf", "Ali Hamdan", "Hezbollah"),
        ),
        (
            "Karim Nasser, the leader of Hezbollah, spoke on television.",
            ("leads", "Karim Nasser", "Hezbollah"),
        ),
        (
            "The Rapid Support Forces, led by Ali Hamdan, seized the town.",
            ("leads", "Ali Hamdan", "Rapid Support Forces"),
        ),
        (
            "Hezbollah, a faction of the Axis of Resistance, and Hamas, which together with "
            "Kataib Hezbollah form the Axis of Resistance, fired rockets.",
            ("memberOf", "Kataib Hezbollah", "Axis of Resistance"),
        ),
        # a member's role written as a title before the name
        (
            "Taliban spokesman Karim Daoudzai told reporters the talks had stalled.",
            ("memberOf", "Karim Daoudzai", "Taliban"),
        ),
        (
            "Hamas official Basem Naimi rejected the proposal on Monday.",
            ("memberOf", "Basem Naimi", "Hamas"),
        ),
        (
            "Russia's Foreign Minister Pavel Orlanov said the offer still stood.",
            ("memberOf", "Pavel Orlanov", "Russia"),
        ),
    ],
)
def test_affiliation(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_a_former_role_is_no_membership(ex: Extractor) -> None:
    found = rels(ex, "Ali Hamdan, a former Hezbollah official, spoke on television.")
    assert fact("memberOf", "Ali Hamdan", "Hezbollah") not in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Former Taliban spokesman Karim Daoudzai now lives abroad.",
            ("memberOf", "Karim Daoudzai", "Taliban"),
        ),
        (  # a bare title names no actor; the country he speaks of is not his
            "The spokesman Karim Daoudzai said Russia would not comment.",
            ("memberOf", "Karim Daoudzai", "Russia"),
        ),
        # "one of the towns in X" names no member
        (
            "Goma, one of the largest cities in Congo, fell to the M23.",
            ("memberOf", "Goma", "Democratic Republic of the Congo"),
        ),
    ],
)
def test_no_title_membership(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


def test_a_commander_is_a_member_not_the_leader(ex: Extractor) -> None:
    found = rels(ex, "Ali Hamdan, a commander of Hezbollah, was killed.")
    assert fact("memberOf", "Ali Hamdan", "Hezbollah") in found
    assert fact("leads", "Ali Hamdan", "Hezbollah") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel vowed to end its war with Hamas.", ("fights", "Israel", "Hamas")),
        (
            "The SDF, armed by Washington for its fight against the Islamic State, held Raqqa.",
            ("fights", "Syrian Democratic Forces", "Islamic State"),
        ),
        ("Ever since the Iran-Iraq war started, prices rose.", ("fights", "Iran", "Iraq")),
        (
            "A ceasefire between Israel and Hezbollah came into effect.",
            ("fights", "Israel", "Hezbollah"),
        ),
        ("Hezbollah and Hamas remain bitter enemies.", ("tensionWith", "Hezbollah", "Hamas")),
        ("Hezbollah is a sworn enemy of Israel.", ("tensionWith", "Hezbollah", "Israel")),
        # help against an enemy: the helper and the helped both fight the enemy
        (
            "Uganda sent troops to help the Congolese army against the ADF.",
            ("fights", "Uganda", "Allied Democratic Forces"),
        ),
        (
            "Uganda sent troops to help the Congolese army against the ADF.",
            (
                "fights",
                "Armed Forces of the Democratic Republic of the Congo",
                "Allied Democratic Forces",
            ),
        ),
        # an invasion, a purpose to fight, and storming someone's positions
        ("Russia invaded Ukraine in 2022.", ("fights", "Russia", "Ukraine")),
        (
            "Chad deployed 2,000 soldiers to Niger in 2015 to combat Boko Haram.",
            ("fights", "Chad", "Boko Haram"),
        ),
        (
            "Ukrainian troops stormed Russian positions near Robotyne.",
            ("fights", "Armed Forces of Ukraine", "Russia"),
        ),
        # taking another state's military site: fighting that state
        (
            "Russian troops captured a Ukrainian army outpost near Krynky.",
            ("fights", "Russian Armed Forces", "Armed Forces of Ukraine"),
        ),
        (
            "Troops of the Wagner Group stormed a Malian border post.",
            ("fights", "Wagner Group", "Mali"),
        ),
        (
            "Al-Shabaab fighters overran Kenyan army positions near Lamu.",
            ("fights", "al-Shabaab", "Kenya Defence Forces"),
        ),
    ],
)
def test_hostility(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Diplomats fear a war with Hamas could spread.", ("fights", "Israel", "Hamas")),
        ("Hezbollah and Hamas are not enemies.", ("tensionWith", "Hezbollah", "Hamas")),
        (
            "Analysts warned of the risk of war between Israel and Hezbollah.",
            ("fights", "Israel", "Hezbollah"),
        ),
        # retaking one's own ally's town, a town of the taker's own state, a taking not done
        (
            "Rwandan soldiers recaptured a Mozambican army base near Palma.",
            ("fights", "Rwanda Defence Force", "Mozambique Armed Defence Forces"),
        ),
        # a town of another country says where it lies, not who held it
        (
            "Turkish troops seized the Syrian border town of Tal Abyad.",
            ("fights", "Turkish Armed Forces", "Syria"),
        ),
        (
            "The M23 seized the Congolese town of Rubaya.",
            ("fights", "M23", "Democratic Republic of the Congo"),
        ),
        (
            "Russia might capture Ukrainian positions near Kupiansk.",
            ("fights", "Russia", "Ukraine"),
        ),
    ],
)
def test_no_hostility(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Raqqa came under Kurdish control in 2017 and Manbij is under the control of the "
            "Syrian Democratic Forces.",
            ("controls", "Syrian Democratic Forces", "Manbij"),
        ),
        ("The Houthis, in control of Sanaa, fired missiles.", ("controls", "Houthis", "Sanaa")),
    ],
)
def test_under_control(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Iran and Syria signed a mutual defence pact in 2006.", "Iran", "Syria"),
        ("Armenia and Iran have deepened their military ties.", "Armenia", "Iran"),
        ("Russia boosted defence cooperation with Iran last year.", "Iran", "Russia"),
        ("The Houthis joined forces with the Islah party.", "Al-Islah", "Houthis"),
        # an ally named in apposition, by possessive, or by "-allied"
        ("Serbia, Russia's oldest ally in the Balkans, abstained.", "Russia", "Serbia"),
        ("Armenia was long Russia's closest ally.", "Armenia", "Russia"),
        (
            "The Polisario, an Algeria-allied movement, fired on the wall.",
            "Algeria",
            "Polisario Front",
        ),
        # "X and allied Y"; two sides fighting one enemy together
        (
            "The Malian army and allied Wagner Group fighters held Kidal.",
            "Malian Armed Forces",
            "Wagner Group",
        ),
        (
            "Kenyan troops and Somali forces repelled an al-Shabaab raid.",
            "Kenya Defence Forces",
            "Somali National Army",
        ),
        (
            "Chadian troops fought side by side with French soldiers.",
            "Chadian National Army",
            "French Armed Forces",
        ),
    ],
)
def test_alliance_as_a_bond(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("alliedWith", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Israel and Hamas signed a ceasefire agreement.",  # a truce between enemies
        "Iran and Syria may sign a defence pact next year.",  # not done
        "Russia and Ukraine discussed trade relations.",  # no military bond
    ],
)
def test_no_alliance_without_a_military_bond(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "alliedWith"}


@pytest.mark.parametrize(
    ("text", "leader", "group"),
    [
        (
            "The Saudi-led coalition launched an assault on Hodeidah.",
            "Saudi Arabia",
            "Saudi-led coalition",
        ),
        ("The US-led coalition struck targets in Raqqa.", "United States", "US-led coalition"),
    ],
)
def test_leader_of_a_coalition_is_a_member(
    ex: Extractor, text: str, leader: str, group: str
) -> None:
    assert fact("memberOf", leader, group) in rels(ex, text)


def test_a_people_leading_a_force_is_no_member(ex: Extractor) -> None:
    text = "The Kurdish-led Syrian Democratic Forces hold Raqqa."
    assert not {r for r in rels(ex, text) if r[0] == "memberOf"}


@pytest.mark.parametrize(
    ("text", "leader", "group"),
    [
        # the gazetteer's name of the person holds the title ("PM Abiy")
        ("Ethiopia PM Abiy Ahmed hailed the win.", "Abiy Ahmed", "Ethiopia"),
        # a rank between the title and the name
        (
            "Houthi commander Gen Yahya Saree said the missiles hit the ship.",
            "Yahya Saree",
            "Houthis",
        ),
        # "whose" stands for the noun its clause is about
        (
            "Eritrea, whose President Isaias Afwerki rarely speaks, denied it.",
            "Isaias Afwerki",
            "Eritrea",
        ),
    ],
)
def test_title_of_a_leader(ex: Extractor, text: str, leader: str, group: str) -> None:
    assert fact("leads", leader, group) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran has armed the Houthis for years.", ("backs", "Iran", "Houthis")),
        (
            "Russia has supported the Syrian government since 2015.",
            ("backs", "Russia", "Government of Syria"),
        ),
        (
            "Hezbollah launched rockets across the border in support of Hamas.",
            ("alliedWith", "Hamas", "Hezbollah"),
        ),
        ("Iran fired missiles at Israel in support of Hezbollah.", ("backs", "Iran", "Hezbollah")),
    ],
)
def test_support_by_an_act(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_a_rally_in_support_of_peace_backs_nobody(ex: Extractor) -> None:
    assert not rels(ex, "The rebels held a rally in support of peace.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armenia, backed by its ally Russia, protested.",
            ("backs", "Russia", "Armenia"),
        ),
        (
            "Units of the Sudanese army, supported by Egypt, advanced.",
            ("backs", "Egypt", "Sudanese Armed Forces"),
        ),
    ],
)
def test_who_a_noun_phrase_names(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    """ "its ally Russia" names Russia; "units of the Sudanese army" name the army."""
    assert fact(*expected) in rels(ex, text)


def test_two_parts_of_one_state_are_not_allies(ex: Extractor) -> None:
    found = rels(ex, "Nigeria and the Nigerian Army attacked Boko Haram in Borno.")
    assert fact("fights", "Nigerian Army", "Boko Haram") in found
    assert not {r for r in found if r[0] == "alliedWith"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X and Y are allies", "X's alliance with Y", "an alliance of X and Y"
        ("Iran and Syria are longtime allies.", ("alliedWith", "Iran", "Syria")),
        ("Russia's alliance with Syria survived the war.", ("alliedWith", "Russia", "Syria")),
        (
            "An alliance of Hamas and Hezbollah fighters attacked Israel.",
            ("alliedWith", "Hamas", "Hezbollah"),
        ),
        # acting together, and partners named in apposition
        (
            "France joined the United States in bombing Islamic State targets.",
            ("alliedWith", "France", "United States"),
        ),
        (
            "Israel, with its partners Britain and Jordan, shot down the drones.",
            ("alliedWith", "Israel", "Jordan"),
        ),
        # a force that came at someone's request
        (
            "Chad sent 1,200 soldiers to Mali at the request of the Malian government.",
            ("alliedWith", "Chad", "Government of Mali"),
        ),
        (
            "Burundian troops, deployed at Congo's invitation, guarded the road to Uvira.",
            ("alliedWith", "Burundi National Defence Force", "Democratic Republic of the Congo"),
        ),
        # patrons named by a noun and a possessive
        ("Hezbollah and its Iranian backers denied the claim.", ("backs", "Iran", "Hezbollah")),
        (
            "Hamas and its Iranian sponsors praised the attack.",
            ("backs", "Iran", "Hamas"),
        ),
    ],
)
def test_alliance_and_patronage_by_noun(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Iran and Saudi Arabia are not allies.",  # negated
        "An alliance of tribes met in the town.",  # an alliance of one kind, no pair
        "Turkey may form an alliance with Azerbaijan.",  # not done
        "The talks were held in Doha at the request of Qatar.",  # no force came
    ],
)
def test_no_alliance_by_noun(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "alliedWith"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # exchanges of fire, a war one side is "at", fighters "from" a group
        (
            "Pakistani troops and Taliban fighters traded fire across the border on Sunday.",
            ("fights", "Pakistan Armed Forces", "Taliban"),
        ),
        (
            "Hamas has been trading rockets with Israel for days.",
            ("fights", "Hamas", "Israel"),
        ),
        (
            "Sudan has been at war with the RSF since April.",
            ("fights", "Sudan", "Rapid Support Forces"),
        ),
        (
            "Fighters from Hayat Tahrir al-Sham attacked the Syrian army in Aleppo.",
            ("fights", "Hayat Tahrir al-Sham", "Syrian Arab Army"),
        ),
        # attacked from someone
        (
            "Israeli soldiers came under fire from Hezbollah near the border.",
            ("fights", "Hezbollah", "Israel Defense Forces"),
        ),
        (
            "The Somali army has come under attack by al-Shabaab near Mogadishu.",
            ("fights", "al-Shabaab", "Somali National Army"),
        ),
        # whom a phrase names: the troops sent to act, a share of a force
        (
            "Iran sent hundreds of Hezbollah fighters to attack the Islamic State in Palmyra.",
            ("fights", "Hezbollah", "Islamic State"),
        ),
        (
            "Dozens of Wagner Group fighters ambushed JNIM near Tessalit.",
            ("fights", "Wagner Group", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ),
        # in someone's hands; "X-run P"; a place named by "the port of P"
        ("Melitopol remains in Russian hands.", ("controls", "Russia", "Melitopol")),
        (
            "Kidal has been in the hands of JNIM since March.",
            ("controls", "Jama'at Nusrat al-Islam wal-Muslimin", "Kidal"),
        ),
        ("Rockets fell on Houthi-run Saada overnight.", ("controls", "Houthis", "Saada")),
        (
            "The Houthis have run the Red Sea port of Hodeidah since 2014.",
            ("controls", "Houthis", "Hodeidah port"),
        ),
        # "the port": the town the article is about, even "by the sea"
        (
            "Kenyan troops reached Kismayo. Al-Shabaab had held the port since 2008.",
            ("controls", "al-Shabaab", "Kismayo"),
        ),
        (
            "Coalition ships shelled Hodeidah. The Houthis have held the Red Sea port since 2014.",
            ("controls", "Houthis", "Hodeidah"),
        ),
        # "the capital" of the country the sentence is about
        (
            "The war in Yemen goes on; the Houthis remain in control of the capital.",
            ("controls", "Houthis", "Sanaa"),
        ),
        (
            "In Sudan the army lost ground to the RSF, already in control of the capital.",
            ("controls", "Rapid Support Forces", "Khartoum"),
        ),
        # a member named in a relative clause on an apposition
        (
            "The Axis of Resistance, an alliance that includes the Houthis, vowed revenge.",
            ("memberOf", "Houthis", "Axis of Resistance"),
        ),
    ],
)
def test_who_acts_where_the_phrase_is_indirect(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


def test_a_capital_of_something_else_is_not_the_country_capital(ex: Extractor) -> None:
    found = rels(ex, "In Iraq, the Peshmerga are in control of Erbil, capital of the region.")
    assert not {r for r in found if r[2] == "baghdad" or r[1] == "baghdad"}


def test_an_ally_in_apposition_is_the_subjects(ex: Extractor) -> None:
    found = rels(ex, "Serbia thanked Russia, its old ally, for the vote.")
    assert fact("alliedWith", "Serbia", "Russia") in found
    assert not rels(ex, "Russia, its ally, said nothing.")  # no one else to be its ally


def test_a_country_joined_to_a_place_phrase_is_no_target(ex: Extractor) -> None:
    found = rels(ex, "Israel carried out strikes against Hezbollah in Lebanon and Syria.")
    assert fact("fights", "Israel", "Hezbollah") in found
    assert fact("fights", "Israel", "Syria") not in found


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Azerbaijan retook Nagorno-Karabakh after ethnic Armenian separatist forces "
            "laid down their arms.",
            "Artsakh Defence Army",
        ),
        (
            "Fighting flared in Nagorno-Karabakh, and the separatist authorities asked for talks.",
            "Republic of Artsakh",
        ),
    ],
)
def test_separatists_are_not_the_state_the_demonym_names(
    ex: Extractor, text: str, actor: str
) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    names = {e.key for e in facts.entities.values()}
    assert actor in names
    assert "Armed Forces of Armenia" not in names


def test_being_at_peace_is_no_war(ex: Extractor) -> None:
    assert not {
        r for r in rels(ex, "Egypt has been at peace with Israel since 1979.") if r[0] == "fights"
    }


@pytest.mark.parametrize(
    "text",
    [
        "Kherson is no longer in Russian hands.",  # negated
        "The rifles fell into the hands of the Taliban.",  # things, not a place
    ],
)
def test_no_control_in_hands(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "controls"}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # the doer of a gerund after a preposition: the passive subject, else the object
        (
            "Iran has been accused of arming the Houthis, a charge Tehran denies.",
            ("backs", "Iran", "Houthis"),
            None,
        ),
        (
            "Ukraine accused Belarus of sending troops to help Russia.",
            ("backs", "Belarus", "Russia"),
            ("backs", "Ukraine", "Russia"),
        ),
        # a denial in the main clause does not reach a relative clause
        (
            "Hezbollah, which receives weapons from Iran, denied any role in the attack.",
            ("backs", "Iran", "Hezbollah"),
            None,
        ),
    ],
)
def test_who_does_what_a_clause_hangs_on(
    ex: Extractor,
    text: str,
    expected: tuple[str, str, str],
    absent: tuple[str, str, str] | None,
) -> None:
    found = rels(ex, text)
    assert fact(*expected) in found
    assert absent is None or fact(*absent) not in found


def test_a_states_capital_is_no_stronghold(ex: Extractor) -> None:
    assert fact("controls", "Houthis", "Sanaa") in rels(
        ex, "The Houthi capital, Sanaa, was bombed."
    )
    found = rels(ex, "The port lies west of Sanaa, the capital of Yemen.")
    assert fact("controls", "Yemen", "Sanaa") not in found
