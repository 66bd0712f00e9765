"""Relations, session 16 (helper rl16): phrasings that link two actors the article already
names (commanders, holdings said in a relative clause or by the state's own side, fights
with a companion, joint actions, coalitions, disputes). Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2021, 6, 14)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


# -- under-command: "X under General P", "X under the command of P", "X, loyal to P" ----------
@pytest.mark.parametrize(
    ("text", "leader", "group"),
    [
        (
            "The LNA, loyal to General Khalifa Haftar, shelled Tripoli overnight.",
            "Khalifa Haftar",
            "Libyan National Army",
        ),
        (
            "The Tatmadaw under Min Aung Hlaing retook the bridge near Lashio.",
            "Min Aung Hlaing",
            "Tatmadaw",
        ),
        (
            "The SDF, under the command of Mazloum Abdi, entered the village at dawn.",
            "Mazloum Abdi",
            "Syrian Democratic Forces",
        ),
    ],
)
def test_under_command_leads(ex: Extractor, text: str, leader: str, group: str) -> None:
    got = rels(ex, text)
    assert fact("leads", leader, group) in got
    assert fact("alliedWith", leader, group) not in got  # loyal to its leader: no ally


@pytest.mark.parametrize(
    ("text", "leader", "forces"),
    [
        (
            "Troops loyal to President Salva Kiir clashed with rebels in Juba.",
            "Salva Kiir",
            "South Sudan People's Defence Forces",
        ),
        (
            "Troops loyal to President Ashraf Ghani held the airport in Kabul.",
            "Ashraf Ghani",
            "Afghan National Army",
        ),
    ],
)
def test_forces_loyal_to_their_leader(ex: Extractor, text: str, leader: str, forces: str) -> None:
    assert fact("leads", leader, forces) in rels(ex, text)


def test_loyal_to_a_former_title_is_no_leader(ex: Extractor) -> None:
    text = "The Houthis, loyal to former president Ali Abdullah Saleh, took the port."
    assert not any(t == "leads" for t, _, _ in rels(ex, text))


def test_clashes_between_reads_no_commander_as_a_side(ex: Extractor) -> None:
    text = (
        "Fighting that erupted in 2019 between the Libyan National Army under Khalifa Haftar "
        "and the GNA forces loyal to Prime Minister Fayez al-Sarraj continues."
    )
    got = rels(ex, text)
    assert fact("fights", "Libyan National Army", "Government of National Accord") in got
    assert fact("fights", "Libyan National Army", "Fayez al-Sarraj") not in got


# -- clashes-between: "between" on the verb the fight noun is the subject of ------------------
@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting erupted between al-Shabaab and Somali forces near Baidoa.",
        "The conflict, which started in 2007 between al-Shabaab and Somali forces, goes on.",
    ],
)
def test_between_on_the_fight_nouns_verb(ex: Extractor, text: str) -> None:
    assert fact("fights", "al-Shabaab", "Somali National Army") in rels(ex, text)


# -- under-control / in-hands said in a relative clause ---------------------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Houthi drones flew from Hodeidah, which is under Houthi control.", "Houthis", "Hodeidah"),
        ("Residents of Kidal, which remains in the hands of the MNLA, fled.", None, "Kidal"),
    ],
)
def test_relative_clause_holding(ex: Extractor, text: str, holder: str | None, place: str) -> None:
    got = rels(ex, text)
    held = {(s, o) for t, s, o in got if t == "controls"}
    if holder is not None:
        assert (holder.lower(), place.lower()) in held
    else:
        assert any(o == place.lower() and "azawad" in s for s, o in held)


def test_relative_clause_holding_once_is_none(ex: Extractor) -> None:
    text = "Aid reached Gao, which was once under MNLA control."
    assert not any(t == "controls" for t, _, _ in rels(ex, text))


# -- stronghold-of: the state's own side ("army stronghold", "regime stronghold of P") -------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "The RSF besieged Babanusa, the last army stronghold in West Kordofan.",
            "Sudanese Armed Forces",
            "Babanusa",
        ),
        (
            "Rebel rockets hit the regime stronghold of Latakia in Syria.",
            "Government of Syria",
            "Latakia",
        ),
        (
            "El Obeid, sheltering thousands as the last army stronghold in North Kordofan, was "
            "shelled.",
            "Sudanese Armed Forces",
            "El Obeid",
        ),
    ],
)
def test_official_stronghold(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert fact("controls", holder, place) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Latakia in Syria was once a regime stronghold.",
        "The rebels entered El Fasher, the former army stronghold in Darfur.",
    ],
)
def test_past_stronghold_is_no_holding(ex: Extractor, text: str) -> None:
    got = rels(ex, text)
    assert not any(t == "controls" and s.startswith(("government", "sudanese")) for t, s, _ in got)


# -- hostile-verb: "thwarted an offensive by Y"; "fought together with Y against Z" -----------
@pytest.mark.parametrize(
    "text",
    [
        "Somali forces thwarted an offensive by al-Shabaab on Baidoa.",
        "Somali forces repelled an assault by al-Shabaab near Baidoa on Friday.",
    ],
)
def test_repelled_offensive_by(ex: Extractor, text: str) -> None:
    assert fact("fights", "Somali National Army", "al-Shabaab") in rels(ex, text)


def test_could_not_thwart_is_no_fight_by_that_rule(ex: Extractor) -> None:
    facts = ex.extract(
        ArticleMeta("test.txt", date=PUB),
        "Somali forces could not thwart an offensive by al-Shabaab.",
    )
    assert not any(r.evidence.method == "hostile-verb" for r in facts.relations)


@pytest.mark.parametrize(
    "text",
    [
        "Ugandan troops fought together with Congolese soldiers against the ADF.",
        "Ugandan troops fought with Congolese soldiers against the ADF.",
    ],
)
def test_companion_fights_the_enemy_too(ex: Extractor, text: str) -> None:
    got = rels(ex, text)
    fardc = "Armed Forces of the Democratic Republic of the Congo"
    assert fact("fights", fardc, "Allied Democratic Forces") in got
    assert fact("fights", "Uganda People's Defence Force", "Allied Democratic Forces") in got
    assert fact("fights", "Uganda People's Defence Force", fardc) not in got


# -- joint-action: "a joint offensive with Y", "X and Y carried out a joint raid" -------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "The Syrian army began a joint offensive with Hezbollah near Qusayr.",
            "Syrian Arab Army",
            "Hezbollah",
        ),
        (
            "Kenyan and Somali troops mounted a joint raid on an al-Shabaab camp.",
            "Kenya Defence Forces",
            "Somali National Army",
        ),
    ],
)
def test_joint_action_partners(ex: Extractor, text: str, a: str, b: str) -> None:
    got = rels(ex, text)
    assert fact("alliedWith", a, b) in got
    assert fact("fights", a, b) not in got  # "with" a partner names no enemy


def test_joint_action_under_a_modal_is_none(ex: Extractor) -> None:
    facts = ex.extract(
        ArticleMeta("test.txt", date=PUB),
        "The Syrian army could begin a joint offensive with Hezbollah near Qusayr.",
    )
    assert not any(r.evidence.method == "joint-action" for r in facts.relations)


# -- alliance-noun: "a coalition of X and Y", "in a coalition with Y" -------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "A coalition of Ansar Dine and AQIM fighters entered Gao.",
            "Ansar Dine",
            "al-Qaeda in the Islamic Maghreb",
        ),
        (
            "Saudi Arabia bombed Sanaa in a coalition with the United Arab Emirates.",
            "Saudi Arabia",
            "United Arab Emirates",
        ),
    ],
)
def test_coalition_noun(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("alliedWith", a, b) in rels(ex, text)


def test_coalition_of_one_or_only_possible_is_none(ex: Extractor) -> None:
    got = rels(ex, "Saudi Arabia might form a coalition with the United Arab Emirates.")
    assert fact("alliedWith", "Saudi Arabia", "United Arab Emirates") not in got


# -- tension-with: "X's dispute with Y", "X and Y have a dispute" ------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Eritrea and Ethiopia have a long border dispute.", "Eritrea", "Ethiopia"),
        ("Egypt's row with Ethiopia over the dam deepened.", "Egypt", "Ethiopia"),
        ("Sudan has been locked in a feud with Ethiopia over the border.", "Sudan", "Ethiopia"),
    ],
)
def test_tension_with(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("tensionWith", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Egypt denied any row with Ethiopia.",
        "Eritrea and Ethiopia once had a border dispute.",
    ],
)
def test_tension_with_denied_or_past_is_none(ex: Extractor, text: str) -> None:
    assert not any(t == "tensionWith" for t, _, _ in rels(ex, text))


# -- hostile-verb, passive: "Y's assault was repelled by X (together with Z)" ------------------
@pytest.mark.parametrize(
    ("text", "doers", "enemy"),
    [
        (
            "An assault by al-Shabaab on the base was repelled by Kenyan troops together "
            "with Somali forces.",
            ("Kenya Defence Forces", "Somali National Army"),
            "al-Shabaab",
        ),
        (
            "The M23 offensive was halted by Congolese troops near Sake.",
            ("Armed Forces of the Democratic Republic of the Congo",),
            "M23",
        ),
    ],
)
def test_passive_repelled_by(ex: Extractor, text: str, doers: tuple[str, ...], enemy: str) -> None:
    got = rels(ex, text)
    for d in doers:
        assert fact("fights", d, enemy) in got


def test_passive_repel_only_possible_is_none(ex: Extractor) -> None:
    facts = ex.extract(
        ArticleMeta("test.txt", date=PUB),
        "An assault by al-Shabaab could be repelled by Kenyan troops.",
    )
    assert not any(r.evidence.method == "hostile-verb" for r in facts.relations)


# -- war-with: an attack noun "including" in a campaign: the campaign's doers ------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Israel launched a campaign including airstrikes against Hezbollah positions.",
            "Israel",
            "Hezbollah",
        ),
        (
            "Kenya began a campaign including air raids against al-Shabaab camps in Somalia.",
            "Kenya",
            "al-Shabaab",
        ),
    ],
)
def test_campaign_including_strikes(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("fights", a, b) in rels(ex, text)


def test_campaign_including_strikes_under_a_modal_is_none(ex: Extractor) -> None:
    facts = ex.extract(
        ArticleMeta("test.txt", date=PUB),
        "Israel might launch a campaign including airstrikes against Hezbollah positions.",
    )
    assert not any(r.evidence.method == "war-with" for r in facts.relations)


# -- under-control: "the group in control of P, X"; "P, now in X hands" -------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "Rockets fired by the faction in control of Idlib, Hayat Tahrir al-Sham, hit Latakia.",
            "Hayat Tahrir al-Sham",
            "Idlib",
        ),
        ("Kunduz, now in Taliban hands, was quiet on Friday.", "Taliban", "Kunduz"),
    ],
)
def test_in_control_set_off(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert fact("controls", holder, place) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The faction could soon be in control of Idlib, HTS said.",
        "Kunduz, once in Taliban hands, was quiet on Friday.",
    ],
)
def test_in_control_possible_or_past_is_none(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(r.evidence.method == "under-control" for r in facts.relations)


# -- x-held before a compound ("the Houthi-run port city P"); enclave as a stronghold ---------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Drones hit the Houthi-run port city Hodeidah.", "Houthis", "Hodeidah"),
        ("Idlib, the last rebel enclave in Syria, came under fire.", "Syrian opposition", "Idlib"),
    ],
)
def test_held_compound_and_enclave(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert fact("controls", holder, place) in rels(ex, text)


def test_enclave_of_a_people_is_no_holding(ex: Extractor) -> None:
    text = "Fighters from the Armenian enclave of Karabakh fled to Armenia."
    assert not any(t == "controls" for t, _, _ in rels(ex, text))


# -- hostile-verb, passive: "Y's soldiers were killed by X" -----------------------------------
@pytest.mark.parametrize(
    ("text", "doer", "victim"),
    [
        (
            "Two Israeli soldiers were killed by Hamas gunmen near the fence.",
            "Hamas",
            "Israel Defense Forces",
        ),
        (
            "A patrol of Ugandan troops was ambushed by al-Shabaab outside Mogadishu.",
            "al-Shabaab",
            "Uganda People's Defence Force",
        ),
    ],
)
def test_passive_fight_verb(ex: Extractor, text: str, doer: str, victim: str) -> None:
    assert fact("fights", doer, victim) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah could be attacked by Israel within days.",
        "The commander was killed by a roadside bomb.",
    ],
)
def test_passive_fight_verb_possible_or_no_doer_is_none(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(r.evidence.method == "hostile-verb" for r in facts.relations)


# -- fought-together / teamed-up: partners said by the verb ------------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Hezbollah and the Syrian army fought together near Aleppo.",
            "Hezbollah",
            "Syrian Arab Army",
        ),
        (
            "Hezbollah and the Syrian army fought side by side near Aleppo.",
            "Hezbollah",
            "Syrian Arab Army",
        ),
        ("Hamas teamed up with Islamic Jihad for the raid.", "Hamas", "Palestinian Islamic Jihad"),
        ("Iran has sided with the Houthis since 2015.", "Iran", "Houthis"),
    ],
)
def test_partners_by_the_verb(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("alliedWith", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah and the Syrian army fought near Aleppo.",
        "Hamas might team up with Islamic Jihad for the raid.",
    ],
)
def test_no_partners_without_together_or_when_possible(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(r.evidence.method in ("fought-together", "teamed-up") for r in facts.relations)


# -- joined-group: "X joined the alliance Y" ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        (
            "The MNDAA joined the Three Brotherhood Alliance years ago.",
            "Myanmar National Democratic Alliance Army",
            "Three Brotherhood Alliance",
        ),
        ("Finland joined NATO after the invasion.", "Finland", "NATO"),
    ],
)
def test_joined_group(ex: Extractor, text: str, member: str, group: str) -> None:
    assert fact("memberOf", member, group) in rels(ex, text)


def test_joined_an_armed_group_or_not_joined_is_no_membership(ex: Extractor) -> None:
    assert not any(t == "memberOf" for t, _, _ in rels(ex, "Finland did not join NATO."))


# -- control-noun: "X retains control of P" ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("The Taliban retain control of Kunduz.", "Taliban", "Kunduz"),
        ("Al-Shabaab maintains its grip on Jilib.", "al-Shabaab", "Jilib"),
    ],
)
def test_kept_control(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert fact("controls", holder, place) in rels(ex, text)


def test_no_control_is_no_holding(ex: Extractor) -> None:
    assert not any(
        t == "controls" for t, _, _ in rels(ex, "The Taliban have no control of Kunduz.")
    )


# -- gave-way: one side gives ground as the other takes or advances ---------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "M23 fighters entered Sake as Congolese troops fled.",
            "M23",
            "Armed Forces of the Democratic Republic of the Congo",
        ),
        (
            "Russian forces took Marinka after Ukrainian troops withdrew.",
            "Russian Armed Forces",
            "Armed Forces of Ukraine",
        ),
        (
            "Government troops pulled back from Hama in the face of the HTS advance.",
            "Hayat Tahrir al-Sham",
            "Syrian Arab Army",
        ),
        (
            "Russian troops met fierce resistance from Ukrainian forces near Marinka.",
            "Russian Armed Forces",
            "Armed Forces of Ukraine",
        ),
    ],
)
def test_gave_way(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("fights", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian troops could withdraw if Russian forces advanced on Marinka.",
        "M23 fighters entered Sake as civilians fled.",
        "The army withdrew from Kidal after the MNLA signed the accord.",
    ],
)
def test_no_gave_way(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(r.evidence.method == "gave-way" for r in facts.relations)


# -- role-apposition: "the head of X, P" (the parser hangs P on X) ---------------------------
@pytest.mark.parametrize(
    ("text", "leader", "group"),
    [
        (
            "The leader of Hezbollah, Hassan Nasrallah, spoke on Friday.",
            "Hassan Nasrallah",
            "Hezbollah",
        ),
        (
            "The chief of the Wagner Group, Yevgeny Prigozhin, claimed the town.",
            "Yevgeny Prigozhin",
            "Wagner Group",
        ),
        (
            "Stephen Townsend, the commanding general of the US-led coalition, spoke.",
            "Stephen Townsend",
            "US-led coalition",
        ),
    ],
)
def test_head_of_x_then_name(ex: Extractor, text: str, leader: str, group: str) -> None:
    assert fact("leads", leader, group) in rels(ex, text)


def test_former_head_then_name_is_no_leader(ex: Extractor) -> None:
    text = "A former commander of the Wagner Group, Dmitry Utkin, was killed."
    assert not any(t == "leads" for t, _, _ in rels(ex, text))


# -- taken-from: armed helpers of a taking fight the loser ------------------------------------
@pytest.mark.parametrize(
    ("text", "helper", "loser"),
    [
        (
            "Kyiv said Wagner fighters seized the Ukrainian town of Soledar with the support of "
            "Russian airborne units.",
            "Russian Armed Forces",
            "Ukraine",
        ),
        (
            "Malian troops, with the help of Wagner mercenaries, retook Kidal from the rebels.",
            "Wagner Group",
            "Malian opposition",
        ),
    ],
)
def test_armed_helpers_fight_the_loser(ex: Extractor, text: str, helper: str, loser: str) -> None:
    assert fact("fights", helper, loser) in rels(ex, text)


def test_a_backing_state_is_no_fighter(ex: Extractor) -> None:
    got = rels(ex, "Malian troops, backed by Russia, retook Kidal from the rebels.")
    assert fact("fights", "Russia", "Malian opposition") not in got


# -- hostile-verb: "combat what's left of Y", "hunt down the remnants of Y" ---------------------
@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces attacked what remains of the Islamic State in Anbar.",
        "Iraqi forces are hunting down the remnants of the Islamic State in Anbar.",
    ],
)
def test_what_is_left_of(ex: Extractor, text: str) -> None:
    assert fact("fights", "Iraqi Security Forces", "Islamic State") in rels(ex, text)


def test_what_is_left_under_a_modal_is_none(ex: Extractor) -> None:
    facts = ex.extract(
        ArticleMeta("test.txt", date=PUB),
        "Iraqi forces could attack what remains of the Islamic State.",
    )
    assert not any(r.evidence.method == "hostile-verb" for r in facts.relations)


# -- alongside on a passive verb: "X are deployed alongside Y" --------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Burundian troops are deployed alongside the Congolese army in North Kivu.",
            "Burundi National Defence Force",
            "Armed Forces of the Democratic Republic of the Congo",
        ),
        (
            "Chadian soldiers were stationed alongside Malian troops near Gao.",
            "Chadian National Army",
            "Malian Armed Forces",
        ),
    ],
)
def test_passive_alongside(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("alliedWith", a, b) in rels(ex, text)


def test_passive_alongside_only_possible_is_none(ex: Extractor) -> None:
    text = "Burundian troops could be deployed alongside the Congolese army."
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(r.evidence.method == "alongside" for r in facts.relations)


# -- co-targets: the sides one killer's casualty report counts stood together -----------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "ISWAP fighters killed 15 Nigerian soldiers and four CJTF militiamen near Monguno.",
            "Nigerian Armed Forces",
            "Civilian Joint Task Force",
        ),
        (
            "Al-Shabaab gunmen killed six Somali soldiers and three Ugandan troops near Afgoye.",
            "Somali National Army",
            "Uganda People's Defence Force",
        ),
    ],
)
def test_co_targets(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("alliedWith", a, b) in rels(ex, text)


def test_dead_of_both_sides_of_a_clash_are_no_allies(ex: Extractor) -> None:
    text = "Ten Sudanese soldiers and 20 RSF fighters were killed in clashes in Omdurman."
    assert fact("alliedWith", "Sudanese Armed Forces", "Rapid Support Forces") not in rels(ex, text)


# -- backer-noun: arms suppliers and financiers ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        ("Iran remains the main supplier of weapons to the Houthis.", "Iran", "Houthis"),
        ("Russia, Armenia's main arms supplier, stayed out of the war.", "Russia", "Armenia"),
        ("Qatar, a key financier of Hamas, hosted the talks.", "Qatar", "Hamas"),
    ],
)
def test_supplier_nouns(ex: Extractor, text: str, sponsor: str, client: str) -> None:
    assert fact("backs", sponsor, client) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rwanda is a big supplier of coffee to Belgium.",
        "Iran is not a supplier of weapons to the Houthis.",
    ],
)
def test_no_arms_supplier(ex: Extractor, text: str) -> None:
    assert not any(t == "backs" for t, _, _ in rels(ex, text))


# -- a head of state's support is his state's sponsorship ------------------------------------
@pytest.mark.parametrize(
    ("text", "state", "client"),
    [
        ("Syrian President Bashar al-Assad has armed Hezbollah for years.", "Syria", "Hezbollah"),
        ("Iranian President Ebrahim Raisi pledged to support the Houthis.", "Iran", "Houthis"),
    ],
)
def test_leaders_support_is_his_states_backing(
    ex: Extractor, text: str, state: str, client: str
) -> None:
    got = rels(ex, text)
    assert fact("backs", state, client) in got
    assert fact("alliedWith", state, client) not in got


def test_a_leaders_fight_stays_a_fight(ex: Extractor) -> None:
    got = rels(ex, "Syrian President Bashar al-Assad looks to squeeze the opposition in Idlib.")
    assert not any(t == "backs" for t, _, _ in got)


# -- a leader's enmity stays his; his fights are his office's --------------------------------
@pytest.mark.parametrize(
    ("text", "person", "foe"),
    [
        (
            "Ethiopian Prime Minister Abiy Ahmed and the TPLF are still bitter foes.",
            "Abiy Ahmed",
            "Tigray People's Liberation Front",
        ),
        ("Russian President Vladimir Putin threatened Ukraine again.", "Vladimir Putin", "Ukraine"),
    ],
)
def test_leaders_enmity_stays_his(ex: Extractor, text: str, person: str, foe: str) -> None:
    assert fact("tensionWith", person, foe) in rels(ex, text)


def test_leaders_fight_is_his_offices(ex: Extractor) -> None:
    got = rels(ex, "Syrian President Bashar al-Assad looks to squeeze the opposition in Idlib.")
    assert not any(t == "fights" and "bashar al-assad" in (s, o) for t, s, o in got)


# -- role-apposition with a capitalised title: "the Interior Minister of X, P" -------------------
@pytest.mark.parametrize(
    ("text", "person", "state"),
    [
        (
            "The Defence Minister of Ukraine, Rustem Umerov, visited Kharkiv.",
            "Rustem Umerov",
            "Ukraine",
        ),
        (
            "Sergei Lavrov, the Foreign Minister of Russia, spoke in Moscow.",
            "Sergei Lavrov",
            "Russia",
        ),
    ],
)
def test_capitalised_role_apposition(ex: Extractor, text: str, person: str, state: str) -> None:
    assert fact("memberOf", person, state) in rels(ex, text)


def test_former_capitalised_role_is_none(ex: Extractor) -> None:
    text = "The former Defence Minister of Ukraine, Oleksii Reznikov, visited Kharkiv."
    assert not any(t == "memberOf" for t, _, _ in rels(ex, text))


# -- support-noun: whose help a "thanks to / with the help of" phrase names --------------------
@pytest.mark.parametrize(
    "text",
    [
        "Palmyra was retaken by Syrian troops with the help of Russian jets.",
        "Syrian troops, advancing with the help of Russian jets, retook Palmyra.",
    ],
)
def test_help_of_goes_to_the_doers(ex: Extractor, text: str) -> None:
    assert fact("backs", "Russia", "Syrian Arab Army") in rels(ex, text)


def test_help_with_a_passive_participle_is_not_the_subjects(ex: Extractor) -> None:
    text = "Rebels in Chad launched a raid on Abeche, repelled with the help of French troops."
    got = rels(ex, text)
    assert not any(t in ("alliedWith", "backs") for t, _, _ in got)


# -- "the alliance" is the coalition named before ---------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "M23 belongs to the Congo River Alliance. Last month the alliance overran the town of "
        "Walikale.",
        "The Congo River Alliance launched a push in North Kivu. The alliance captured Masisi "
        "in January.",
    ],
)
def test_the_alliance_is_the_coalition_named_before(ex: Extractor, text: str) -> None:
    got = rels(ex, text)
    assert any(t == "controls" and s == "congo river alliance" for t, s, _ in got)


def test_the_alliance_with_no_coalition_before_is_no_one(ex: Extractor) -> None:
    got = rels(ex, "Hamas fighters entered the town. The alliance captured Rafah in August.")
    assert not any(t == "controls" and s == "hamas" for t, s, _ in got)


# -- a coalition's support is sponsorship ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "coalition", "client"),
    [
        (
            "Yemeni army units, supported by the Saudi-led coalition, retook Mokha.",
            "Saudi-led coalition",
            "Yemeni Armed Forces",
        ),
        (
            "Afghan troops, supported by the US-led coalition, retook Kunduz.",
            "US-led coalition",
            "Afghan National Army",
        ),
    ],
)
def test_coalition_support_is_backing(
    ex: Extractor, text: str, coalition: str, client: str
) -> None:
    got = rels(ex, text)
    assert fact("backs", coalition, client) in got
    assert fact("alliedWith", coalition, client) not in got


def test_an_armed_groups_support_stays_an_alliance(ex: Extractor) -> None:
    got = rels(ex, "Syrian troops, supported by Hezbollah fighters, retook Qusayr.")
    assert fact("alliedWith", "Hezbollah", "Syrian Arab Army") in got


# -- taken-from: a retaking after another side's taking -------------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Somali troops recaptured Baidoa after al-Shabaab seized it in May.",
            "Somali National Army",
            "al-Shabaab",
        ),
        (
            "Malian troops retook Kidal after the MNLA gained control of it in 2012.",
            "Malian Armed Forces",
            "National Movement for the Liberation of Azawad",
        ),
    ],
)
def test_retook_after_they_took_it(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("fights", a, b) in rels(ex, text)


def test_retook_after_something_else_names_no_foe(ex: Extractor) -> None:
    facts = ex.extract(
        ArticleMeta("test.txt", date=PUB),
        "Somali troops recaptured Baidoa after the floods receded.",
    )
    assert not any(r.evidence.method == "taken-from" for r in facts.relations)
