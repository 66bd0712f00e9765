"""Relations, session 24 (helper ts): the other side of a fight, missing from an event that
names only its doer (the dead an attack left, ...). Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2024, 3, 9)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


# -- the dead an attack left: "a raid at P left 40 police and troops dead, X claimed" --------
@pytest.mark.parametrize(
    ("text", "doer", "victim"),
    [
        (
            "The Arakan Army said it had overrun junta bases in Rakhine State. An ambush near "
            "Kyauktaw village left at least 25 police and troops dead, the Arakan Army claimed.",
            "Arakan Army",
            "Myanmar Police Force",
        ),
        (
            "Al-Shabaab fighters attacked Baidoa on Monday. An ambush near the town that killed "
            "nine Ethiopian soldiers was claimed by al-Shabaab.",
            "al-Shabaab",
            "Ethiopian National Defense Force",
        ),
    ],
)
def test_the_dead_an_attack_left_are_its_target(
    ex: Extractor, text: str, doer: str, victim: str
) -> None:
    assert fact("fights", doer, victim) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Arakan Army said it had overrun junta bases in Rakhine State. An ambush near "
        "Kyauktaw village could have left at least 25 police dead, the Arakan Army claimed.",
        "The Arakan Army said it had overrun junta bases in Rakhine State. An ambush near "
        "Kyauktaw village that did not kill any police officers was claimed by the Arakan Army.",
    ],
)
def test_the_dead_an_attack_may_have_left_are_no_target(ex: Extractor, text: str) -> None:
    assert fact("fights", "Arakan Army", "Myanmar Police Force") not in rels(ex, text)


# -- "X-Y clashes", "X-Y fighting": a clash noun after two hyphenated names ----------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Hamas-Fatah clashes erupted in Gaza City on Monday.", "Hamas", "Fatah"),
        ("Deadly Taliban-ISIS fighting continued in Jalalabad.", "Taliban", "Islamic State"),
    ],
)
def test_x_y_clashes(ex: Extractor, text: str, a: str, b: str) -> None:
    assert fact("fights", a, b) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The mediators warned of the risk of Hamas-Fatah clashes in Gaza City.",
        "The truce was meant to avert Hamas-Fatah clashes in Gaza City.",
        "Hamas-Fatah clashes could erupt in Gaza City.",
    ],
)
def test_x_y_clashes_feared_or_averted_are_no_fight(ex: Extractor, text: str) -> None:
    assert fact("fights", "Hamas", "Fatah") not in rels(ex, text)


# -- the dead of "the attacks" told before, in a raised perfect: "N soldiers are believed to
# have been killed in the attack(s)" (the attack's target; not a running toll) -------------
@pytest.mark.parametrize(
    ("text", "doer", "victim"),
    [
        (
            "Al-Shabaab fighters stormed a hotel in Mogadishu on Friday. At least 12 Somali "
            "soldiers are believed to have been killed in the attack.",
            "al-Shabaab",
            "Somali National Army",
        ),
        (
            "JNIM fighters stormed a base near Gao on Sunday. Some 20 Malian troops were "
            "thought to have been killed during the attacks.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
            "Malian Armed Forces",
        ),
    ],
)
def test_the_dead_said_to_have_been_killed_in_the_attack(
    ex: Extractor, text: str, doer: str, victim: str
) -> None:
    assert fact("fights", doer, victim) in rels(ex, text)


def test_the_dead_expected_in_the_attack_are_no_target(ex: Extractor) -> None:
    text = (
        "Al-Shabaab fighters stormed a hotel in Mogadishu on Friday. At least 12 Somali "
        "soldiers are expected to have been killed in the attack."
    )
    assert fact("fights", "al-Shabaab", "Somali National Army") not in rels(ex, text)


# -- the armed leader of a conjunct of the doers acts too: "X and militias led by Y advanced
# on P" (Y fights P's holder beside X) -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "leader", "foe"),
    [
        (
            "The Houthis have held the port of Mocha for years. Government troops and irregular "
            "fighters led by Sudanese soldiers advanced on Mocha on Monday.",
            "Sudanese Armed Forces",
            "Houthis",
        ),
        (
            "Nigerien troops and local militias led by Chadian soldiers retook the town of "
            "Bosso from Boko Haram.",
            "Chadian National Army",
            "Boko Haram",
        ),
    ],
)
def test_the_leader_of_a_conjunct_doer_fights_too(
    ex: Extractor, text: str, leader: str, foe: str
) -> None:
    assert fact("fights", leader, foe) in rels(ex, text)


def test_a_person_leading_a_conjunct_doer_is_no_fighter(ex: Extractor) -> None:
    text = (
        "The Houthis have held the port of Mocha for years. Government troops and irregular "
        "fighters led by Tareq Saleh advanced on Mocha on Monday."
    )
    assert not any(t == "fights" and "tareq saleh" in (a, b) for t, a, b in rels(ex, text))


# -- "X had neared P", "X approached P": an offensive on P (its holder fought) ---------------
@pytest.mark.parametrize(
    "text",
    [
        "The Houthis have held the port of Mocha for years. Yemeni government forces had "
        "neared Mocha by Sunday.",
        "The Houthis have held the port of Mocha for years. Yemeni government forces "
        "approached Mocha on Sunday.",
    ],
)
def test_nearing_a_held_place_fights_its_holder(ex: Extractor, text: str) -> None:
    assert fact("fights", "Yemeni Armed Forces", "Houthis") in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis have held the port of Mocha for years. Yemeni government forces could "
        "approach Mocha within days.",
        "The Houthis have held the port of Mocha for years. Yemeni government forces "
        "approached the United Nations with a plan.",
    ],
)
def test_nearing_that_may_come_is_no_offensive(ex: Extractor, text: str) -> None:
    assert fact("fights", "Yemeni Armed Forces", "Houthis") not in rels(ex, text)


# -- forces abroad stand for their state: "militias attacked US troops in Syria ... the US
# said" (the attackers fight the United States); at home the forces, not the country --------
@pytest.mark.parametrize(
    ("text", "doer", "state"),
    [
        (
            "Hezbollah fired rockets at Israeli troops in southern Lebanon on Monday. Israel "
            "said it had struck back.",
            "Hezbollah",
            "Israel",
        ),
        (
            "Al-Shabaab fighters ambushed Kenyan troops in Gedo on Friday. Kenya vowed to "
            "hunt down the attackers.",
            "al-Shabaab",
            "Kenya",
        ),
    ],
)
def test_an_attack_on_forces_abroad_fights_their_state(
    ex: Extractor, text: str, doer: str, state: str
) -> None:
    assert fact("fights", doer, state) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "doer", "state"),
    [
        (
            "Al-Shabaab fighters ambushed Kenyan troops in Lamu on Friday. Kenya vowed to "
            "hunt down the attackers.",
            "al-Shabaab",
            "Kenya",
        ),
        (
            "Al-Shabaab fighters ambushed Kenyan troops in Gedo on Friday.",
            "al-Shabaab",
            "Kenya",
        ),
    ],
)
def test_forces_at_home_or_a_state_never_acting_are_no_struck_state(
    ex: Extractor, text: str, doer: str, state: str
) -> None:
    assert fact("fights", doer, state) not in rels(ex, text)


# -- "X besieged / shelled the Ukrainian-held city of P": the demonym's state holds P and is
# fought (as "the rebel-held city of P" was) --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "doer", "holder"),
    [
        (
            "Russian forces besieged the Ukrainian-held city of Mariupol.",
            "Russian Armed Forces",
            "Ukraine",
        ),
        (
            "Azerbaijani troops stormed the Armenian-held village of Tegh.",
            "Azerbaijani Armed Forces",
            "Armenia",
        ),
    ],
)
def test_a_demonym_held_place_attacked_fights_its_state(
    ex: Extractor, text: str, doer: str, holder: str
) -> None:
    assert fact("fights", doer, holder) in rels(ex, text)


def test_a_demonym_held_place_that_may_be_besieged_is_no_fight(ex: Extractor) -> None:
    text = "Russian forces could besiege the Ukrainian-held city of Mariupol."
    assert fact("fights", "Russian Armed Forces", "Ukraine") not in rels(ex, text)


# -- a verb of fighting whose object names its enemies by example: "fighting jihadist groups
# such as X", "attacked militant groups, including X" ---------------------------------------
@pytest.mark.parametrize(
    ("text", "doer", "foe"),
    [
        (
            "The Nigerian army has long battled jihadist groups such as Boko Haram.",
            "Nigerian Army",
            "Boko Haram",
        ),
        (
            "Kenyan troops in Somalia attacked militant groups, including al-Shabaab, near "
            "Kismayo.",
            "Kenya Defence Forces",
            "al-Shabaab",
        ),
    ],
)
def test_enemies_named_by_example(ex: Extractor, text: str, doer: str, foe: str) -> None:
    assert fact("fights", doer, foe) in rels(ex, text)


def test_enemies_named_by_example_under_a_modal_are_none(ex: Extractor) -> None:
    text = "The Nigerian army could attack jihadist groups such as Boko Haram."
    assert not any(t == "fights" for t, _, _ in rels(ex, text))


# -- an offensive with no stated target is aimed at whom its doers struck at its place and
# time: "X and Y began an offensive on P. X's jets bombed Z positions in P" (Y fights Z) ------
@pytest.mark.parametrize(
    ("text", "partner", "foe"),
    [
        (
            "Turkey and the Syrian National Army began an offensive on Tal Abyad on Wednesday. "
            "Turkish jets bombed SDF positions in Tal Abyad on Wednesday.",
            "Syrian National Army",
            "Syrian Democratic Forces",
        ),
        (
            "Rwandan troops and M23 rebels launched an offensive on Sake in February. Rwandan "
            "drones struck Congolese army positions in Sake in February.",
            "M23",
            "Armed Forces of the Democratic Republic of the Congo",
        ),
    ],
)
def test_an_untargeted_offensive_is_on_whom_its_doers_struck_there(
    ex: Extractor, text: str, partner: str, foe: str
) -> None:
    assert fact("fights", partner, foe) in rels(ex, text)


def test_strikes_elsewhere_or_at_another_time_aim_no_offensive(ex: Extractor) -> None:
    text = (
        "Turkey and the Syrian National Army began an offensive on Tal Abyad in 2019. Turkish "
        "jets bombed SDF positions in Tal Abyad in 2022."
    )
    assert fact("fights", "Syrian National Army", "Syrian Democratic Forces") not in rels(ex, text)


# -- "attacks by X on Y", the parser hanging "on Y" on X -------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Attacks by al-Shabaab on Kenyan troops have increased.",
        "Raids by al-Shabaab on Kenyan troops near Lamu resumed last week.",
    ],
)
def test_attacks_by_x_on_y(ex: Extractor, text: str) -> None:
    assert fact("fights", "al-Shabaab", "Kenya Defence Forces") in rels(ex, text)


def test_attacks_by_x_on_a_place_name_no_foe(ex: Extractor) -> None:
    text = "Attacks by al-Shabaab on Lamu have increased."
    assert not any(t == "fights" for t, _, _ in rels(ex, text))


# -- "X have been the target of Y attacks": X is the attack's target ------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Kenyan troops have been the target of repeated al-Shabaab attacks in Lamu.",
        "Kenyan troops became the focus of attacks by al-Shabaab in Lamu last year.",
    ],
)
def test_the_target_of_attacks_is_fought(ex: Extractor, text: str) -> None:
    assert fact("fights", "al-Shabaab", "Kenya Defence Forces") in rels(ex, text)


def test_who_could_become_the_target_of_attacks_is_not_fought(ex: Extractor) -> None:
    text = "Kenyan troops could become the target of al-Shabaab attacks in Lamu."
    assert fact("fights", "al-Shabaab", "Kenya Defence Forces") not in rels(ex, text)


# -- "Y suffered heavy losses at the hands of X", "N Y soldiers died at the hands of X" -------
@pytest.mark.parametrize(
    ("text", "doer", "victim"),
    [
        (
            "Government forces suffered a major defeat at the hands of the Taliban in Kunduz.",
            "Taliban",
            "Afghan National Army",
        ),
        (
            "Dozens of Nigerian soldiers died at the hands of Boko Haram last year.",
            "Boko Haram",
            "Nigerian Armed Forces",
        ),
    ],
)
def test_losses_at_the_hands_of(ex: Extractor, text: str, doer: str, victim: str) -> None:
    assert fact("fights", doer, victim) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Malian army could suffer heavy losses at the hands of JNIM.",
        "The Malian army did not suffer losses at the hands of JNIM.",
    ],
)
def test_losses_at_the_hands_of_that_may_come_are_none(ex: Extractor, text: str) -> None:
    assert not any(t == "fights" for t, _, _ in rels(ex, text))


def test_civilians_dying_at_the_hands_of_x_is_no_fight(ex: Extractor) -> None:
    text = "Hundreds of civilians died at the hands of the RSF."
    assert not any(t == "fights" for t, _, _ in rels(ex, text))


# -- "X defended P against Y's assaults", "X held the town of P against Y" -------------------
@pytest.mark.parametrize(
    ("text", "defender", "foe"),
    [
        (
            "Ukrainian troops defended Avdiivka against Russian assaults for months.",
            "Armed Forces of Ukraine",
            "Russia",
        ),
        (
            "The Somali army held the base at Baidoa against repeated al-Shabaab attacks.",
            "Somali National Army",
            "al-Shabaab",
        ),
    ],
)
def test_defended_against(ex: Extractor, text: str, defender: str, foe: str) -> None:
    assert fact("fights", defender, foe) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian troops could not defend Avdiivka against Russian assaults.",
        "The Ukrainian foreign minister defended the grain deal against Russia.",
    ],
)
def test_defending_that_fails_or_is_no_fighting_is_none(ex: Extractor, text: str) -> None:
    assert not any(t == "fights" for t, _, _ in rels(ex, text))
