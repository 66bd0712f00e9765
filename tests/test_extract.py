"""Extraction patterns, each on sentences written for this test (not from the seed articles)."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.extract.timex import find_dates
from kg.model import ArticleFacts, ArticleMeta, FuzzyDate

PUB = FuzzyDate(2018, 3, 9)  # a Friday


def run(ex: Extractor, text: str, pub: FuzzyDate | None = PUB) -> ArticleFacts:
    return ex.extract(ArticleMeta("test.txt", date=pub), text)


def rels(facts: ArticleFacts, type_: str | None = None) -> set[tuple[str, str, str]]:
    out = set()
    for r in facts.relations:
        if type_ is None or r.type == type_:
            a, b = r.subject, r.object
            if r.type in ("alliedWith", "fights", "tensionWith"):
                a, b = sorted((a, b))
            out.add((r.type, a, b))
    return out


def events(facts: ArticleFacts, type_: str) -> list[tuple[tuple[str, ...], str | None, str]]:
    return [(tuple(e.agents), e.place, str(e.date)) for e in facts.events if e.type == type_]


# --- relations --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish-backed rebels shelled Afrin.", ("backs", "Turkey", "Turkey-backed rebels")),
        (
            "The Iranian-backed Kataib Hezbollah fired rockets at the base.",
            ("backs", "Iran", "Kataib Hezbollah"),
        ),
        ("Hezbollah, backed by Iran, sent fighters to Qusayr.", ("backs", "Iran", "Hezbollah")),
        (
            "The Libyan National Army is armed by the United Arab Emirates.",
            ("backs", "United Arab Emirates", "Libyan National Army"),
        ),
        (
            "Russia supports the Syrian army in its campaign.",
            ("backs", "Russia", "Syrian Arab Army"),
        ),
    ],
)
def test_sponsorship(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in rels(run(ex, text), "backs")


def test_support_between_armed_groups_is_alliance(ex: Extractor) -> None:
    facts = run(
        ex, "The Iraqi army, supported by the Popular Mobilization Forces, advanced on Tal Afar."
    )
    assert ("alliedWith", "Iraqi Security Forces", "Popular Mobilization Forces") in rels(facts)


def test_hedged_backing_is_kept_with_lower_confidence(ex: Extractor) -> None:
    facts = run(ex, "Hezbollah is believed to be backed by Iran.")
    [r] = [r for r in facts.relations if r.type == "backs"]
    assert (r.subject, r.object, r.evidence.hedged) == ("Iran", "Hezbollah", True)
    plain = run(ex, "Hezbollah is backed by Iran.")
    [p] = [r for r in plain.relations if r.type == "backs"]
    assert r.evidence.confidence < p.evidence.confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Heavy clashes between Hayat Tahrir al-Sham and the Free Syrian Army broke out.",
            ("fights", "Free Syrian Army", "Hayat Tahrir al-Sham"),
        ),
        (
            "Analysts warn of the risk of clashes between Turkey and the Kurdish YPG near Manbij.",
            ("tensionWith", "People's Protection Units", "Turkey"),
        ),
        (
            "Tensions between Hezbollah and Israel rose after the incident.",
            ("tensionWith", "Hezbollah", "Israel"),
        ),
        ("The Houthis attacked Saudi Arabia again.", ("fights", "Houthis", "Saudi Arabia")),
    ],
)
def test_hostility_and_tension(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    got = rels(run(ex, text))
    assert expected in got, got


def test_clashes_with_pronoun_party(ex: Extractor) -> None:
    facts = run(
        ex,
        "The advance of the Turkish army raises the prospect of clashes between "
        "them and the Syrian Democratic Forces.",
    )
    assert ("tensionWith", "Syrian Democratic Forces", "Turkish Armed Forces") in rels(facts)


def test_negated_statement_gives_nothing(ex: Extractor) -> None:
    facts = run(ex, "Jordan does not back Hezbollah.")
    assert not rels(facts, "backs")


def test_alongside_is_alliance(ex: Extractor) -> None:
    facts = run(ex, "Hezbollah fought alongside the Syrian army near Palmyra.")
    assert ("alliedWith", "Hezbollah", "Syrian Arab Army") in rels(facts)


def test_membership(ex: Extractor) -> None:
    facts = run(
        ex,
        "The Syrian Democratic Forces, which include the YPG and the Syriac Military "
        "Council, hold Raqqa.",
    )
    assert ("memberOf", "People's Protection Units", "Syrian Democratic Forces") in rels(facts)


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("Turkish President Recep Tayyip Erdogan threatened to attack Manbij.", "Turkey"),
        (
            "The Turkish government sent troops. Turkish President Recep Tayyip Erdogan "
            "threatened to attack Manbij.",
            "Government of Turkey",
        ),
    ],
)
def test_title_gives_leadership(ex: Extractor, text: str, office: str) -> None:
    # a head of state leads the state, or its government when the article speaks of one
    facts = run(ex, text)
    assert ("leads", "Recep Tayyip Erdogan", office) in rels(facts, "leads")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government forces shelled Douma, a town held by Jaysh al-Islam.",
            ("controls", "Jaysh al-Islam", "Douma"),
        ),
        ("Civilians fled the IS-held town of Hajin.", ("controls", "Islamic State", "Hajin")),
        (
            "Idlib, the last stronghold of Hayat Tahrir al-Sham, was bombed.",
            ("controls", "Hayat Tahrir al-Sham", "Idlib"),
        ),
    ],
)
def test_control(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in rels(run(ex, text), "controls")


def test_control_since_date(ex: Extractor) -> None:
    facts = run(ex, "Islamic State had controlled Mosul since 2014.")
    [r] = [r for r in facts.relations if r.type == "controls"]
    assert (r.subject, r.object, str(r.start)) == ("Islamic State", "Mosul", "2014")


# --- events -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place", "date"),
    [
        (
            "Iraqi forces recaptured Tal Afar from Islamic State on 31 August.",
            "Iraqi Security Forces",
            "Tal Afar",
            "2017-08-31",
        ),
        (
            "The Syrian Democratic Forces drove IS out of Manbij last month.",
            "Syrian Democratic Forces",
            "Manbij",
            "2018-02",
        ),
        (
            "Rebels lost Aleppo to the Syrian army in December 2016.",
            "Syrian Arab Army",
            "Aleppo",
            "2016-12",
        ),
    ],
)
def test_capture(ex: Extractor, text: str, agent: str, place: str, date: str) -> None:
    facts = run(ex, text)
    assert ((agent,), place, date) in [(a[:1], p, d) for a, p, d in events(facts, "Capture")]


def test_capture_gives_control_and_hostility(ex: Extractor) -> None:
    facts = run(ex, "Iraqi forces recaptured Tal Afar from Islamic State on 31 August.")
    got = rels(facts)
    assert ("controls", "Iraqi Security Forces", "Tal Afar") in got
    assert ("fights", "Iraqi Security Forces", "Islamic State") in got


def test_intent_is_an_offensive_not_a_capture(ex: Extractor) -> None:
    facts = run(ex, "The Iraqi army is preparing to retake Hawija.")
    assert not events(facts, "Capture")
    assert events(facts, "Offensive")[0][:2] == (("Iraqi Security Forces",), "Hawija")


def test_siege_with_figure_and_date(ex: Extractor) -> None:
    facts = run(ex, "A siege by Islamic State of Deir ez-Zor had trapped 90,000 people since 2015.")
    [siege] = [e for e in facts.events if e.type == "Siege"]
    assert (siege.agents, siege.place, str(siege.date), siege.figures) == (
        ["Islamic State"],
        "Deir ez-Zor",
        "2015",
        {"trapped": 90000},
    )


def test_siege_lifted(ex: Extractor) -> None:
    facts = run(ex, "In February the Syrian army broke the siege of Kuweires by Islamic State.")
    lifted = events(facts, "SiegeLifted")
    assert lifted
    assert lifted[0][0] == ("Syrian Arab Army",)
    assert lifted[0][2] == "2018-02"


def test_airstrike_with_fighters(ex: Extractor) -> None:
    facts = run(ex, "The US-led coalition carried out airstrikes against 300 IS fighters in Hajin.")
    [ev] = [e for e in facts.events if e.type == "Airstrike"]
    assert (ev.agents, ev.targets, ev.place, ev.figures) == (
        ["US-led coalition"],
        ["Islamic State"],
        "Hajin",
        {"fighters": 300},
    )


def test_displacement_figure_when_stated(ex: Extractor) -> None:
    facts = run(ex, "About 25,000 people fled Afrin as Turkish troops advanced.")
    [ev] = [e for e in facts.events if e.type == "Displacement"]
    assert (ev.figures, ev.place) == ({"displaced": 25000}, "Afrin")
    [ev] = [e for e in run(ex, "Many families fled Afrin.").events if e.type == "Displacement"]
    assert (ev.figures, ev.place) == ({}, "Afrin")  # people fleeing a place: no figure needed
    assert not [e for e in run(ex, "Fighters fled Afrin.").events if e.type == "Displacement"]


def test_government_forces_resolved_by_place(ex: Extractor) -> None:
    facts = run(ex, "Government forces entered Hawija on Friday.")
    [ev] = [e for e in facts.events if e.type == "Capture"]
    assert (ev.agents, ev.place, str(ev.date)) == (
        ["Iraqi Security Forces"],
        "Hawija",
        "2018-03-09",
    )


def test_generic_reference_to_salient_group(ex: Extractor) -> None:
    facts = run(ex, "Islamic State lost ground in Syria. The jihadists withdrew from Mayadin.")
    assert events(facts, "Withdrawal")[0][:2] == (("Islamic State",), "Mayadin")


def test_evidence_points_at_the_sentence(ex: Extractor) -> None:
    text = "First line here.\nHezbollah, backed by Iran, sent fighters to Qusayr."
    facts = run(ex, text)
    [r] = [r for r in facts.relations if r.type == "backs"]
    assert text[r.evidence.char_start : r.evidence.char_end] == r.evidence.quote
    assert r.evidence.quote.startswith("Hezbollah")


def test_unknown_actor_found_by_head_noun_and_acronym(ex: Extractor) -> None:
    facts = run(ex, "The Free Idlib Army (FIA) seized Kafr Nabl. The FIA is backed by Turkey.")
    assert ("backs", "Turkey", "Free Idlib Army") in rels(facts)
    assert "FIA" in facts.mentions["Free Idlib Army"]


# --- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 3 November", ["2017-11-03"]),
        ("In September they moved", ["2017-09"]),
        ("since 2014", ["2014"]),
        ("Last month", ["2017-10"]),
        ("on Saturday", ["2017-11-04"]),
        ("on 11/03/2017", ["2017-11-03"]),
        ("on 25/12/2016", ["2016-12-25"]),
        ("the 1916 agreement", []),
        # a year before a war's or an event's noun in a phrase of time dates by that noun
        ("In the 2020 war, the army retook the town", ["2020"]),
        ("during a 2012 rebellion that overran the city", ["2012"]),
        ("held since the 2014 jihadist offensive", ["2014"]),
        ("after the 2021 military coup", ["2021"]),
        ("vowed to tear up the 2015 peace deal", []),  # names the deal, not when
        ("in the 2000 troops sent", []),  # a number of troops, no event noun
        ("in a 2019 report, the monitor said", []),  # a report is no event of the war
        ("on December 2", ["2016-12-02"]),
        ("a border war in 1963-1967", ["1963"]),  # a range starts where it starts
        ("fighting in 2014-15 left", ["2014"]),
        ("in 2016-style raids", []),  # a compound word, no date
        # "May" with a day is the month unless it heads a sentence, where it may be the verb
        ("took it on May 30.", ["2017-05-30"]),
        ("On May 3rd the siege ended", ["2017-05-03"]),
        ("Since May 12, the truce held", ["2017-05-12"]),
        ("May 3 rounds be enough?", []),
        ("They said so. May 3 rounds be enough?", []),
        # a weekday and the date after it are one date, the stated one
        ("fell on Wednesday, 3 May", ["2017-05-03"]),
        ("fell on Tuesday May 2", ["2017-05-02"]),
        ("fell on Monday the 23rd of October", ["2017-10-23"]),
        ("fell on Friday and on 1 November", ["2017-11-03", "2017-11-01"]),
        # a range of days dates from its first
        ("on the night of 3-4 May", ["2017-05-03"]),
        ("between 12 and 14 October", ["2017-10-12"]),
        ("on October 12-14", ["2017-10-12"]),
        ("at the end of April", ["2017-04"]),
        ("the son of April Smith", []),
    ],
)
def test_dates(text: str, expected: list[str]) -> None:
    pub = FuzzyDate(2017, 11, 5)
    assert [str(t.value) for t in find_dates(text, pub)] == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("In the 2016 war, the Chadian army retook Faya.", "2016"),
        ("The town was a rebel base during a 2013 uprising that briefly seized Bangui.", "2013"),
    ],
)
def test_an_event_in_a_dated_war_takes_its_year(ex: Extractor, text: str, date: str) -> None:
    assert [str(e.date) for e in run(ex, text).events if e.type == "Capture"] == [date]


def test_dates_without_publication_date_stay_as_precise_as_the_text() -> None:
    assert [str(t.value) for t in find_dates("since 2014, and on 3 November", None)] == ["2014"]


@pytest.mark.parametrize(
    ("text", "type_", "agents", "place"),
    [
        (
            "Israeli jets struck Iranian targets near Damascus on Saturday.",
            "Airstrike",
            ["Israel"],
            "Damascus",
        ),
        (
            "The Houthis and the Saudi-led coalition agreed to a ceasefire in Hodeidah.",
            "Ceasefire",
            ["Houthis", "Saudi-led coalition"],
            "Hodeidah",
        ),
        (
            "Russian troops withdrew from Palmyra in March 2016.",
            "Withdrawal",
            ["Russian Armed Forces"],
            "Palmyra",
        ),
    ],
)
def test_more_events(ex: Extractor, text: str, type_: str, agents: list[str], place: str) -> None:
    facts = run(ex, text)
    assert [(e.agents, e.place) for e in facts.events if e.type == type_] == [(agents, place)]


def test_fighting_between_a_list(ex: Extractor) -> None:
    facts = run(ex, "Fighting between the YPG and Turkish-backed rebels intensified near Manbij.")
    assert ("fights", "People's Protection Units", "Turkey-backed rebels") in rels(facts)


def test_state_air_power_backs(ex: Extractor) -> None:
    facts = run(ex, "Government troops, backed by Russian air power, entered Hawija.")
    assert ("backs", "Russia", "Iraqi Security Forces") in rels(facts, "backs")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran and Russia are the main backers of the Syrian government.",
            ("backs", "Iran", "Government of Syria"),
        ),
        ("Hezbollah is a close ally of Iran.", ("alliedWith", "Hezbollah", "Iran")),
        (
            "Kurdish-led forces, backed by the United States, captured Tabqa on 10 May.",
            ("backs", "United States", "Syrian Democratic Forces"),
        ),
        (
            "Turkey launched an offensive against the YPG in Afrin in January.",
            ("fights", "People's Protection Units", "Turkey"),
        ),
    ],
)
def test_relations_from_nouns_and_descriptions(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in rels(run(ex, text))


def test_passive_shelling(ex: Extractor) -> None:
    facts = run(ex, "Douma was shelled by government forces on Monday.")
    assert events(facts, "Bombardment") == [(("Syrian Arab Army",), "Douma", "2018-03-05")]


@pytest.mark.parametrize("batch_size", [1, 2])
def test_pipe_in_worker_processes_gives_the_facts_of_one_process(
    ex: Extractor, batch_size: int
) -> None:
    texts = [
        "The Libyan National Army (LNA) advanced on Tripoli on Thursday.",
        "Iran-backed militias clashed with the SDF near Deir ez-Zor.",
        "LNA forces shelled the airport, residents said.",
    ]
    items = [(ArticleMeta(f"a{i}.txt", date=PUB), t) for i, t in enumerate(texts)]
    one = list(ex.pipe(items, batch_size=batch_size))
    two = list(ex.pipe(items, batch_size=batch_size, n_process=2))
    assert [f.meta.source for f in two] == ["a0.txt", "a1.txt", "a2.txt"]
    assert two == one
