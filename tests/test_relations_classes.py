"""Relation rules written against classes of phrasing found in real war news beyond the gold
articles (session 11): hostility implied by taking ground, and the negative cases. Every
sentence is our own."""

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
        # taken from someone, the place unnamed
        (
            "Afghan troops backed by helicopters recaptured three villages from the Taliban.",
            ("fights", "Afghan National Army", "Taliban"),
        ),
        # expelled: the object of drive / push out / push back
        (
            "Kenyan soldiers drove al-Shabaab fighters from the town of Kismayo.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "The Iraqi army pushed back Islamic State fighters in the desert.",
            ("fights", "Iraqi Security Forces", "Islamic State"),
        ),
        (
            "The Houthis were pushed back by the Yemeni army near Marib.",
            ("fights", "Yemeni Armed Forces", "Houthis"),
        ),
        (
            "The Taliban forced the Afghan army out of the district.",
            ("fights", "Taliban", "Afghan National Army"),
        ),
        # a place of a state's, taken: the state is who lost it (a state the article has act)
        (
            "Ukrainian officials said Russian forces seized the Ukrainian town of Marinka.",
            ("fights", "Russian Armed Forces", "Ukraine"),
        ),
        # a capture of a place from the holder the article named
        (
            "Al-Shabaab had held Baidoa since 2012. In March Kenyan troops captured Baidoa.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
    ],
)
def test_taking_ground_is_fighting(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # modal, negated, a retaking of one's own state's town, where they came from
        (
            "The Iraqi army could retake the villages from Islamic State.",
            ("fights", "Iraqi Security Forces", "Islamic State"),
        ),
        (
            "The Nigerian army did not retake the villages from Boko Haram.",
            ("fights", "Nigerian Armed Forces", "Boko Haram"),
        ),
        (
            "Ukrainian troops retook the Ukrainian village of Robotyne.",
            ("fights", "Armed Forces of Ukraine", "Ukraine"),
        ),
        (
            "Turkish troops crossing from Syria took the border post from smugglers.",
            ("fights", "Turkish Armed Forces", "Syria"),
        ),
        # a demonym of a state that never acts says where the town lies (test_relations too)
        (
            "Ethiopian troops seized the Somali border town of Dolow.",
            ("fights", "Ethiopian National Defense Force", "Somalia"),
        ),
        # the place came under the control of the taker's ally: no fight with the ally
        (
            "The Wagner Group, backed by Russian troops, seized Soledar. "
            "The town came under complete Russian control on Friday.",
            ("fights", "Wagner Group", "Russia"),
        ),
    ],
)
def test_no_fight_from_taking(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whose means back someone: the owner of the air strikes or air support
        (
            "The Syrian army launched an offensive backed by Russian airstrikes near Hama.",
            ("backs", "Russia", "Syrian Arab Army"),
        ),
        (
            "Yemeni government forces had been backed by Saudi air and sea support.",
            ("backs", "Saudi Arabia", "Yemeni Armed Forces"),
        ),
        # help to fight: the helper backs the helped and fights the enemy
        (
            "Cameroon and Chad sent troops to help Nigeria defeat Boko Haram.",
            ("backs", "Chad", "Nigeria"),
        ),
        (
            "Cameroon and Chad sent troops to help Nigeria defeat Boko Haram.",
            ("fights", "Cameroon", "Boko Haram"),
        ),
        (
            "Kenya deployed soldiers to help Somalia fight al-Shabaab.",
            ("fights", "Kenya", "al-Shabaab"),
        ),
        # the parser hangs "from" on the place; soldiers from two states: both, allies
        (
            "Soldiers from Chad and Niger retook the town of Bosso from Boko Haram.",
            ("fights", "Niger", "Boko Haram"),
        ),
        (
            "Soldiers from Chad and Niger retook the town of Bosso from Boko Haram.",
            ("alliedWith", "Chad", "Niger"),
        ),
    ],
)
def test_support_and_sides_of_a_fight(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # means nobody owns, a place after them, help not given or only possible
        (
            "Nigerian soldiers backed by air strikes over Borno State recaptured Baga.",
            ("backs", "Nigeria", "Nigerian Armed Forces"),
        ),
        (
            "Kenya did not send troops to help Somalia fight al-Shabaab.",
            ("fights", "Kenya", "al-Shabaab"),
        ),
        (
            "Iran could help the Houthis defeat the Saudi-led coalition.",
            ("backs", "Iran", "Houthis"),
        ),
        ("Kenya will not send troops to help Somalia.", ("backs", "Kenya", "Somalia")),
    ],
)
def test_no_support_or_side(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X and its allied militias": an actor of their own, X's ally ("its" is X's)
        (
            "Arakan Army fighters captured outposts of the Myanmar junta and its allied militias "
            "near Lashio.",
            ("alliedWith", "pro-junta militias", "State Administration Council"),
        ),
        (
            "The Rapid Support Forces seized bases held by the Sudanese army and its allied "
            "militias near Kadugli.",
            ("fights", "Rapid Support Forces", "pro-army militias"),
        ),
        (
            "The Congolese army and allied militias fought M23 rebels near Sake.",
            (
                "alliedWith",
                "pro-army militias",
                "Armed Forces of the Democratic Republic of the Congo",
            ),
        ),
        # lost to: the gainer fights the loser
        (
            "The Malian army lost the town of Kidal to Ansar Dine.",
            ("fights", "Ansar Dine", "Malian Armed Forces"),
        ),
        (
            "The Syrian army lost ground to the Islamic State near Palmyra.",
            ("fights", "Islamic State", "Syrian Arab Army"),
        ),
    ],
)
def test_allied_militias_and_losses(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # "its" is the junta's, not the subject's; alone, "its allied militias" names no one
        (
            "Arakan Army fighters captured outposts of the Myanmar junta and its allied militias "
            "near Lashio.",
            ("alliedWith", "pro-junta militias", "Arakan Army"),
        ),
        (
            "Arakan Army rebels overran camps defended by the Myanmar junta together with its "
            "allied militias near Lashio.",
            ("alliedWith", "pro-Arakan Army militias", "Arakan Army"),
        ),
        # men lost, not ground; a loss that did not happen
        (
            "The Malian army lost 40 men to Ansar Dine.",
            ("fights", "Ansar Dine", "Malian Armed Forces"),
        ),
        (
            "The Syrian army did not lose ground to the Islamic State.",
            ("fights", "Islamic State", "Syrian Arab Army"),
        ),
    ],
)
def test_no_allied_militias_or_loss(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # armed actors overrun themselves
        ("M23 rebels overran UN peacekeepers near Goma.", ("fights", "M23", "United Nations")),
        (
            "Al-Shabaab fighters overran Kenyan troops at a base near Lamu.",
            ("fights", "al-Shabaab", "Kenya Defence Forces"),
        ),
        # fallen into someone's hands
        ("Kunduz fell into Taliban hands on Monday.", ("controls", "Taliban", "Kunduz")),
        (
            "Mosul fell into the hands of the Islamic State in 2014.",
            ("controls", "Islamic State", "Mosul"),
        ),
        # a pact one has, allies named by their state
        (
            "Russia, which has a mutual defence pact with Armenia, did not intervene.",
            ("alliedWith", "Russia", "Armenia"),
        ),
        (
            "The Afghan government and its American allies vowed to retake the city.",
            ("alliedWith", "Government of Afghanistan", "United States"),
        ),
    ],
)
def test_overrun_hands_pacts_allies(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the relative pronoun of a place taken; a person is not overrun
        (
            "The LNA spokesman praised Derna, which the LNA took by force.",
            ("fights", "Libyan National Army", "Derna"),
        ),
        ("Kunduz could fall into Taliban hands.", ("controls", "Taliban", "Kunduz")),
        ("Armenia does not have a defence pact with Iran.", ("alliedWith", "Armenia", "Iran")),
        ("Russia has good relations with Azerbaijan.", ("alliedWith", "Russia", "Azerbaijan")),
        # a battle's two sides that the article has as friends do not fight
        (
            "Ankara is backing Azerbaijan in its fighting with Armenian forces.",
            ("fights", "Turkey", "Azerbaijan"),
        ),
    ],
)
def test_no_overrun_hands_pacts(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "anti-X" fighters: the opposition of the state they are against
        (
            "Idlib is the last stronghold controlled by anti-Damascus groups.",
            ("controls", "Syrian opposition", "Idlib"),
        ),
        (
            "Turkey backs anti-Assad rebels in northern Syria.",
            ("backs", "Turkey", "Syrian opposition"),
        ),
        # a leader's backing is his government's
        (
            "President Bashar al-Assad's push into Idlib province, backed by Russian air "
            "strikes, went on.",
            ("backs", "Russia", "Syria"),
        ),
        # allegiance: the group joins; its leader speaks for it
        (
            "Boko Haram leader Abubakar Shekau pledged allegiance to the Islamic State group.",
            ("memberOf", "Boko Haram", "Islamic State"),
        ),
        (
            "Boko Haram pledged allegiance to the Islamic State in 2015.",
            ("memberOf", "Boko Haram", "Islamic State"),
        ),
        # an insurgency against a government
        (
            "Boko Haram has been seeking to overthrow the Nigerian government since 2009.",
            ("fights", "Boko Haram", "Government of Nigeria"),
        ),
        # "the UN-backed government forces": the government, the UN only its sponsor
        (
            "AU troops are helping the UN-backed government battle al-Shabaab in Somalia.",
            ("backs", "United Nations", "Government of Somalia"),
        ),
    ],
)
def test_anti_allegiance_overthrow(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Turkey backs anti-Assad rebels in northern Syria.",
            ("backs", "Turkey", "Bashar al-Assad"),
        ),
        ("Anti-Houthi forces advanced on Hodeidah.", ("backs", "Houthis", "Yemeni opposition")),
        (
            "The Taliban's rivals pledged allegiance to the Islamic State in 2015.",
            ("memberOf", "Taliban", "Islamic State"),
        ),
        (
            "The group refused to pledge allegiance to al-Qaeda.",
            ("memberOf", "Islamic State", "al-Qaeda"),
        ),
        (
            "Al-Shabaab may pledge allegiance to the Islamic State.",
            ("memberOf", "al-Shabaab", "Islamic State"),
        ),
        (
            "Nobody expects the rebels to topple the Syrian government.",
            ("fights", "Syrian opposition", "Government of Syria"),
        ),
        (
            "AU troops are helping the UN-backed government battle al-Shabaab in Somalia.",
            ("alliedWith", "African Union", "United Nations"),
        ),
    ],
)
def test_no_anti_allegiance_overthrow(
    ex: Extractor, text: str, absent: tuple[str, str, str]
) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # allies named right after the noun; several backers set off by commas
        (
            "Iran's allies Hezbollah and Hamas praised the attack.",
            ("alliedWith", "Iran", "Hamas"),
        ),
        (
            "Syrian President Bashar al-Assad spoke. Russia and Iran, Assad's main backers, "
            "sent more troops.",
            ("backs", "Iran", "Syria"),
        ),
        # troops serving in a mission are a member of it
        (
            "Ugandan troops serving with AMISOM repelled the attack.",
            ("memberOf", "Uganda People's Defence Force", "African Union Mission in Somalia"),
        ),
        (
            "Kenyan soldiers who serve in AMISOM were killed.",
            ("memberOf", "Kenya Defence Forces", "African Union Mission in Somalia"),
        ),
    ],
)
def test_allies_backers_missions(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Iran's allies in Lebanon praised Hezbollah.", ("alliedWith", "Iran", "Hezbollah")),
        (
            "Burundian troops served in AMISOM until 2020.",
            ("memberOf", "Burundi National Defence Force", "African Union Mission in Somalia"),
        ),
        (
            "Ethiopian troops could serve under AMISOM.",
            ("memberOf", "Ethiopian National Defense Force", "African Union Mission in Somalia"),
        ),
    ],
)
def test_no_allies_backers_missions(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


def test_the_class_noun_before_named_factions_is_no_side(ex: Extractor) -> None:
    text = (
        "Syrian troops used clashes between rival rebel factions Jaysh al-Islam and Faylaq "
        "al-Rahman in Ghouta."
    )
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    between = {
        frozenset((r.subject, r.object))
        for r in facts.relations
        if r.evidence.method == "clashes-between"
    }
    assert between == {frozenset(("Jaysh al-Islam", "Faylaq al-Rahman"))}


def test_a_sentence_that_allies_two_actors_makes_them_no_enemies() -> None:
    from kg.extract.derive import without_contradictions
    from kg.model import Evidence, RelationFact

    ev = Evidence("X and forces allied to Y clashed with Z.", 0, 40, "t", 0.7)
    other = Evidence("Y fought X.", 50, 61, "t", 0.7)
    rels_ = [
        RelationFact("alliedWith", "forces", "Y", ev),
        RelationFact("fights", "Y", "forces", ev),
        RelationFact("fights", "X", "Y", ev),
        RelationFact("fights", "forces", "Y", other),
    ]
    kept = [
        (r.type, r.subject, r.object, r.evidence.char_start) for r in without_contradictions(rels_)
    ]
    assert kept == [
        ("alliedWith", "forces", "Y", 0),
        ("fights", "X", "Y", 0),
        ("fights", "forces", "Y", 50),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # holding verbs: every place of the object; a relative pronoun's noun
        (
            "The Houthis, who control Sanaa and most of northern Yemen, fired missiles.",
            ("controls", "Houthis", "northern Yemen"),
        ),
        (
            "Ukrainian troops withdrew from Avdiivka, which Russia now controls.",
            ("controls", "Russia", "Avdiivka"),
        ),
        # "X-held" areas of a place; "rebel-held" in a country's war
        (
            "Houthi-held territory in northern Yemen was struck.",
            ("controls", "Houthis", "northern Yemen"),
        ),
        (
            "Syrian troops advanced. Rebel-held parts of Aleppo came under bombardment.",
            ("controls", "Syrian opposition", "Aleppo"),
        ),
        # "X's stronghold of P"
        (
            "The Islamic State's stronghold of Raqqa fell in 2017.",
            ("controls", "Islamic State", "Raqqa"),
        ),
    ],
)
def test_control_phrasings(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Russia once controlled Avdiivka and Bakhmut.", ("controls", "Russia", "Bakhmut")),
        ("The rebels do not control Idlib or Aleppo.", ("controls", "Syrian opposition", "Aleppo")),
        # a place inside another phrase, no area noun: not held
        (
            "Houthi-held ships in the Red Sea were struck.",
            ("controls", "Houthis", "Red Sea"),
        ),
    ],
)
def test_no_control(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "in control of" each place; "under rebel control" in a country's war
        (
            "The Houthis remain in control of Sanaa and Hodeidah.",
            ("controls", "Houthis", "Hodeidah"),
        ),
        (
            "Syrian troops advanced. Parts of Aleppo under rebel control were shelled.",
            ("controls", "Syrian opposition", "Aleppo"),
        ),
        # blamed for an attack: the accused fights the accuser
        (
            "The US blamed Kataib Hezbollah for the rocket attack that killed a contractor.",
            ("fights", "Kataib Hezbollah", "United States"),
        ),
        ("Iraq accused Turkey of the drone strike on Sinjar.", ("fights", "Turkey", "Iraq")),
    ],
)
def test_control_and_blame(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Israel did not blame Hezbollah for the attack.", ("fights", "Hezbollah", "Israel")),
        ("The US could blame Iran for the attack.", ("fights", "Iran", "United States")),
        ("Ukraine accused Russia of lying.", ("fights", "Russia", "Ukraine")),
    ],
)
def test_no_blame(ex: Extractor, text: str, absent: tuple[str, str, str]) -> None:
    assert fact(*absent) not in rels(ex, text)


def test_a_blame_is_hedged(ex: Extractor) -> None:
    text = "The US blamed Kataib Hezbollah for the rocket attack that killed a contractor."
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    blamed = [r for r in facts.relations if r.evidence.method == "blamed-for"]
    assert blamed
    assert all(r.evidence.hedged for r in blamed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # actors listed after an ally, proxy or sponsored noun: "including", "such as"
        (
            "The Congolese army and its allies, including Burundian troops and Wazalendo "
            "militias, lost ground.",
            ("alliedWith", "Armed Forces of the Democratic Republic of the Congo", "Wazalendo"),
        ),
        (
            "Iran's proxies, including Hezbollah and the Houthis, fired at Israel.",
            ("backs", "Iran", "Houthis"),
        ),
        (
            "Iran-backed groups such as Hezbollah and the Houthis attacked Israel.",
            ("backs", "Iran", "Hezbollah"),
        ),
    ],
)
def test_listed_partners(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_a_list_after_a_plain_noun_names_no_partner(ex: Extractor) -> None:
    text = "Several groups, including Hezbollah and the Houthis, condemned Iran."
    assert fact("backs", "Iran", "Hezbollah") not in rels(ex, text)
    assert fact("alliedWith", "Iran", "Hezbollah") not in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Popular Mobilisation Forces, an umbrella group of militias including Kataib "
            "Hezbollah, condemned the strikes.",
            ("memberOf", "Kataib Hezbollah", "Popular Mobilization Forces"),
        ),
        (
            "The Deir ez-Zor Military Council, a component of the SDF, fought the tribes.",
            ("memberOf", "Deir ez-Zor Military Council", "Syrian Democratic Forces"),
        ),
        (
            "Badr is the biggest component of the Popular Mobilisation Forces.",
            ("memberOf", "Badr Organization", "Popular Mobilization Forces"),
        ),
    ],
)
def test_components_and_umbrellas(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


def test_a_plain_group_including_people_has_no_members(ex: Extractor) -> None:
    text = "Hezbollah, a group including Lebanese veterans of the Syrian war, marched."
    assert not {r for r in rels(ex, text) if r[0] == "memberOf"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran retaliated against Israel on Saturday.", ("fights", "Iran", "Israel")),
        ("Russia's war on Ukraine entered its third year.", ("fights", "Russia", "Ukraine")),
        (
            "Israel and the United States intercepted Iranian missiles over Jordan.",
            ("fights", "United States", "Iran"),
        ),
    ],
)
def test_retaliation_war_on_interception(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The war on terror shaped Russia's policy.", ("fights", "Russia", "terror")),
        ("Iran did not retaliate against Israel.", ("fights", "Iran", "Israel")),
        (
            "Israeli air defences intercepted most of the rockets over Haifa.",
            ("fights", "Israel", "Haifa"),
        ),
    ],
)
def test_no_retaliation_war_on_interception(
    ex: Extractor, text: str, absent: tuple[str, str, str]
) -> None:
    assert fact(*absent) not in rels(ex, text)
