"""Captures, withdrawals and sieges, session 14: how wire copy states that a place changed
hands, who took it and who left (every sentence is our own)."""

from __future__ import annotations

import pytest
from test_events import low, of_type, run

from kg.extract.pipeline import Extractor


def controls(facts: object, place: str) -> set[str]:
    return {
        r.subject.lower()
        for r in facts.relations  # type: ignore[attr-defined]
        if r.type == "controls" and r.object == place and r.end is None
    }


# -- a named taker of a place the article says it held before is still the taker ---------
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "Kismayo was an al-Shabaab stronghold during the 2010 uprising. "
            "Al-Shabaab fighters have seized Kismayo again, residents said on Monday.",
            "Kismayo",
            "al-shabaab",
        ),
        (
            "Goma was held by M23 in 2012. M23 rebels captured Goma on Tuesday after "
            "the army fled.",
            "Goma",
            "m23",
        ),
    ],
)
def test_a_named_taker_of_a_place_it_once_held_takes_it(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    facts = run(ex, text)
    caps = [e for e in of_type(facts, "Capture") if e.place == place]
    assert [low(e.agents) for e in caps] == [{agent}]
    assert agent in controls(facts, place)


def test_a_pronoun_taker_of_the_holders_place_is_still_the_holder_losing_it(
    ex: Extractor,
) -> None:
    facts = run(
        ex,
        "Islamic State held Tikrit for a year. They were attacked by Iraqi forces. "
        "They recaptured Tikrit in 2015.",
    )
    assert all("Islamic State" not in e.agents for e in of_type(facts, "Capture"))


# -- "X said it had ...": the pronoun is the state the reporting verb's subject names -----
@pytest.mark.parametrize(
    ("text", "type_", "place", "agent"),
    [
        (
            "Germany pulls soldiers out as Malian troops surround key town\n\n"
            "Germany said it had withdrawn its soldiers from the town of Gao on Monday.",
            "Withdrawal",
            "Gao",
            "germany",
        ),
        (
            "Kenyan troops advanced along the coast. Somalia said it had retaken "
            "the port of Kismayo on Friday.",
            "Capture",
            "Kismayo",
            "somalia",
        ),
    ],
)
def test_it_in_a_clause_a_state_reports_is_that_state(
    ex: Extractor, text: str, type_: str, place: str, agent: str
) -> None:
    evs = [e for e in of_type(run(ex, text), type_) if e.place == place]
    # the state first; its own forces, when named ("its soldiers"), may follow it
    assert [low(e.agents[:1]) for e in evs] == [{agent}]
    assert not any("kenya" in a.lower() for a in evs[0].agents)


def test_they_in_a_clause_a_state_reports_is_not_that_state(ex: Extractor) -> None:
    facts = run(ex, "Syrian rebels attacked Palmyra. Syria said they had been repelled.")
    assert all("Syria" not in e.agents for e in facts.events)


# -- one place taken on one day by friends is one capture -----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Turkish-backed rebels seized the town of Tal Abyad on Sunday. Turkish troops and "
        "the rebels they back took control of Tal Abyad on Sunday, Ankara said.",
        "Rwandan-backed M23 rebels captured Goma on Tuesday. Rwandan soldiers and their "
        "M23 allies took Goma on Tuesday after brief clashes.",
    ],
)
def test_a_place_taken_by_friends_on_one_day_is_one_capture(ex: Extractor, text: str) -> None:
    caps = of_type(run(ex, text), "Capture")
    assert len(caps) == 1


def test_foes_taking_one_place_on_other_dates_are_two_captures(ex: Extractor) -> None:
    text = (
        "Islamic State seized Palmyra in May 2015. Syrian troops recaptured Palmyra in March 2016."
    )
    caps = of_type(run(ex, text), "Capture")
    assert len(caps) == 2


# -- "on the verge of retaking P": not yet taken ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Peshmerga fighters pushed into Sinjar on Friday, putting them on the verge of "
        "fully recapturing the town.",
        "Government troops are close to retaking Ramadi, officials said.",
        "The rebels are on the brink of seizing Aleppo.",
    ],
)
def test_on_the_verge_of_taking_is_no_capture(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert not of_type(facts, "Capture")
    assert not any(r.type == "controls" for r in facts.relations)


# -- capture nouns: "the takeover of P by X", "X's capture of P", "X claimed the capture of P" -
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        ("The capture of Izium by Ukrainian forces was confirmed on Monday.", "Izium", None),
        (
            "Officials were stunned by the Taliban's takeover of Kunduz on Monday.",
            "Kunduz",
            "taliban",
        ),
        ("Azerbaijan claimed the capture of Shusha on Sunday.", "Shusha", "azerbaijan"),
        (
            "The fall of Ramadi to Islamic State on Sunday alarmed Washington.",
            "Ramadi",
            "islamic state",
        ),
    ],
)
def test_a_capture_noun_with_its_taker_is_a_capture(
    ex: Extractor, text: str, place: str, agent: str | None
) -> None:
    facts = run(ex, text)
    caps = [e for e in of_type(facts, "Capture") if e.place == place]
    assert len(caps) == 1
    assert caps[0].agents
    if agent is not None:
        assert agent in low(caps[0].agents)
        assert agent in controls(facts, place)


@pytest.mark.parametrize(
    "text",
    [
        "The capture of Shusha would be a major victory for Azerbaijan.",
        "Kunduz has been calm since the fall of the city to the Taliban.",
        "Azerbaijan made a bid for the capture of Shusha.",
        "The capture of Kunduz was a disaster, officials said.",  # no taker named
        "Armenia denied the capture of Shusha by Azerbaijan.",
    ],
)
def test_a_capture_noun_not_stated_as_done_or_without_a_taker_is_none(
    ex: Extractor, text: str
) -> None:
    assert not [e for e in of_type(run(ex, text), "Capture") if "noun" in e.evidence.method]


def test_a_capture_noun_restating_a_capture_the_article_states_adds_none(ex: Extractor) -> None:
    text = (
        "Local fighters claim capture of Ghazni\n\n"
        "Taliban fighters captured Ghazni on Monday after three days of fighting."
    )
    caps = of_type(run(ex, text), "Capture")
    assert [low(e.agents) for e in caps] == [{"taliban"}]


# -- "P fell into X hands", "P fell under X control": the new holder takes P --------------
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        ("Ghazni fell into Taliban hands on Monday.", "Ghazni", "taliban"),
        ("Kunduz fell into the hands of the Taliban last week.", "Kunduz", "taliban"),
        ("Idlib fell under the control of the Nusra Front in March.", "Idlib", "al-nusra front"),
    ],
)
def test_a_fall_into_hands_is_a_capture_by_the_holder(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    facts = run(ex, text)
    caps = [e for e in of_type(facts, "Capture") if e.place == place]
    assert [low(e.agents) for e in caps] == [{agent}]


@pytest.mark.parametrize(
    "text",
    ["Ghazni could fall into Taliban hands.", "Ghazni has not fallen into Taliban hands."],
)
def test_a_possible_or_denied_fall_into_hands_is_none(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Capture")


# -- armed actors that leave a place withdraw from it ---------------------------------------
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "Afghan troops left Sangin on Tuesday after weeks of fighting.",
            "Sangin",
            "afghan national army",
        ),
        (
            "Malian soldiers who had been surrounded in Kidal for days have left the town, "
            "a local official said.",
            "Kidal",
            "malian armed forces",
        ),
        ("The Shabaab fighters abandoned Kismayo overnight.", "Kismayo", "al-shabaab"),
    ],
)
def test_armed_forces_that_leave_a_place_withdraw(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    evs = [e for e in of_type(run(ex, text), "Withdrawal") if e.place == place]
    assert [low(e.agents) for e in evs] == [{agent}]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of civilians left Sangin on Tuesday.",
        "Afghan troops were ordered to leave Sangin.",
        "Afghan troops did not leave Sangin.",
        "Afghan troops will leave Sangin next month.",
    ],
)
def test_civilians_leaving_or_an_order_to_leave_is_no_withdrawal(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Withdrawal")


# -- a bare dateline is never the doer -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "BAGHDAD — Islamic State fighters seized the town of Hit on Sunday, officials said.",
            "Hit",
            "islamic state",
        ),
        (
            "KANDAHAR — Taliban fighters overran the district of Maiwand on Monday.",
            "Maiwand",
            "taliban",
        ),
    ],
)
def test_a_bare_dateline_is_not_the_subject(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    caps = [e for e in of_type(run(ex, text), "Capture") if e.place == place]
    assert [low(e.agents) for e in caps] == [{agent}]


def test_a_capitalised_name_that_is_no_dateline_stays_the_subject(ex: Extractor) -> None:
    caps = of_type(run(ex, "HTS seized Saraqeb on Monday after heavy fighting."), "Capture")
    assert [low(e.agents) for e in caps] == [{"hayat tahrir al-sham"}]


# -- sieges said by a passive, "under siege by X", or a besieger before the noun -----------
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "A relief column reached the garrison, besieged since 2014 by Islamic State "
            "inside the city of Deir al-Zor, on Tuesday.",
            "Deir ez-Zor",
            "islamic state",
        ),
        (
            "Kunduz, which has been encircled by the Taliban for about a year, is short of food.",
            "Kunduz",
            "taliban",
        ),
        (
            "Two districts of Deir al-Zor were still under siege by Islamic State fighters.",
            "Deir ez-Zor",
            "islamic state",
        ),
        ("The Russian siege of Mariupol has lasted three months.", "Mariupol", "russia"),
    ],
)
def test_a_siege_said_by_a_passive_or_a_besieger_before_the_noun(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    sieges = [e for e in of_type(run(ex, text), "Siege") if e.place == place]
    assert [low(e.agents) for e in sieges] == [{agent}]


@pytest.mark.parametrize(
    "text",
    [
        "Kunduz could be encircled by the Taliban within weeks.",
        "Kunduz has not been encircled by the Taliban.",
        "The town of Kunduz was surrounded by mountains.",
    ],
)
def test_a_possible_or_denied_siege_or_one_of_no_actor_is_none(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Siege")


# -- a retreat with no "from P": where the troops are, or the place the forcing clause names -
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "Malian soldiers who had held out inside Kidal for weeks started retreating "
            "on Saturday.",
            "Kidal",
            "malian armed forces",
        ),
        (
            "Islamic State fighters stormed Palmyra from several directions, forcing Syrian "
            "troops to retreat.",
            "Palmyra",
            "syrian arab army",
        ),
    ],
)
def test_a_retreat_from_where_the_troops_are(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    evs = of_type(run(ex, text), "Withdrawal")
    assert [(e.place, low(e.agents)) for e in evs] == [(place, {agent})]


@pytest.mark.parametrize(
    "text",
    [
        "Syrian troops in Palmyra refused to retreat.",
        "Syrian troops in Palmyra did not retreat.",
        "Islamic State fighters stormed Palmyra, hoping to force Syrian troops to retreat.",
    ],
)
def test_a_refused_denied_or_hoped_for_retreat_is_none(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Withdrawal")


@pytest.mark.parametrize(
    "text",
    [
        "ISWAP overran Marte on Friday, forcing troops to retreat to Dikwa.",
        "The rebels stormed Bria, forcing soldiers to retreat.",
        "ISWAP attacked the soldiers in Marte on Friday, forcing them to retreat.",
    ],
)
def test_who_forced_a_retreat_is_not_the_one_retreating(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    takers = {a for t in ("Capture", "Attack") for e in of_type(facts, t) for a in e.agents}
    assert takers
    assert all(not set(e.agents) & takers for e in of_type(facts, "Withdrawal"))


@pytest.mark.parametrize(
    "text",
    [
        "Rebels took Kafr Nabl from government forces.",
        "Kenyan troops drove al-Shabaab out of Kismayo.",
    ],
)
def test_an_undated_capture_gives_the_loser_no_open_holding(ex: Extractor, text: str) -> None:
    """Undated, a capture cannot end the loser's holding: none is stated (it would read as
    the loser's still); dated, the holding is stated and ends at the capture."""
    from kg.model import ArticleMeta, FuzzyDate

    def losers(date: FuzzyDate | None) -> list[FuzzyDate | None]:
        facts = ex.extract(ArticleMeta("t.txt", date=date), text)
        return [r.end for r in facts.relations if r.evidence.method == "taken-from-holder"]

    assert losers(FuzzyDate(2016, 5, 3)) == [FuzzyDate(2016, 5, 0)]
    assert losers(None) == []
