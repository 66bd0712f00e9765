"""Control of places, session 14 (helper rl14b): the ways news says who holds a place, and the
ways it says a side only might ("could soon be in control of P"), once did, or only tried.
Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2016, 5, 3)


def controls(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(holder, place) in lower case of every controls relation of ``text``."""
    got = relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))
    return {(s, o) for t, s, o in got if t == "controls"}


def events(ex: Extractor, text: str) -> list[tuple[str, str | None]]:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return [(e.type, e.place) for e in facts.events]


# -- in control / in charge of: said as a fact, never as a possibility ------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("By Friday the Taliban were in charge of Kunduz.", "taliban", "kunduz"),
        ("Local elders say the Houthis are in charge of Hodeidah now.", "houthis", "hodeidah"),
    ],
)
def test_in_charge_of(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts warn the Taliban could soon be in control of Kunduz.",
        "Officials fear Kunduz may come under Taliban control within days.",
        "The Houthis would never be in charge of Marib, the governor said.",
    ],
)
def test_possible_control_is_no_control(ex: Extractor, text: str) -> None:
    assert controls(ex, text) == set()


# -- a headline's infinitive is a plan; "wrested from X control by Y" is a capture -----------
def test_headline_plan_is_no_capture(ex: Extractor) -> None:
    text = "Karen Rebels Beat Back Army Push to Recapture Myawaddy"
    assert ("Capture", "Myawaddy") not in events(ex, text)
    assert not any(p == "myawaddy" for _, p in controls(ex, text))


@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "Ramadi was wrested from Islamic State control by Iraqi forces last December.",
            "iraqi security forces",
            "ramadi",
        ),
        (
            "In a swift advance the Taliban wrested Kunduz from the Afghan army on Monday.",
            "taliban",
            "kunduz",
        ),
    ],
)
def test_wrested(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


# -- held-against: whom a side still tries to take a place from holds it --------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "Moscow brought in reinforcements to push Ukrainian troops out of the Kursk region.",
            "armed forces of ukraine",
            "kursk oblast",
        ),
        (
            "For weeks the rebels have tried to drive government forces from Idlib.",
            "syrian arab army",
            "idlib",
        ),
        (
            "Iraqi troops began a campaign to seize Tal Afar from Islamic State on Sunday.",
            "islamic state",
            "tal afar",
        ),
    ],
)
def test_held_against(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        # the deed done: the loser holds nothing any more
        ("Iraqi troops drove Islamic State out of Tal Afar in August.", "islamic state"),
        # a whole country is no place held
        ("The coalition hopes to push Islamic State out of Iraq by next year.", "islamic state"),
        # negated
        ("The army did not try to push the rebels out of Idlib.", "syrian opposition"),
    ],
)
def test_not_held_against(ex: Extractor, text: str, holder: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(
        r.type == "controls" and r.subject.lower() == holder and r.end is None
        for r in facts.relations
    )


# -- control nouns: "X's control of P", "X's grip on P", "the occupation of P by X" ---------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Islamic State's control of Raqqa has begun to slip.", "islamic state", "raqqa"),
        ("The Taliban's hold on Kunduz grew stronger over the summer.", "taliban", "kunduz"),
        ("Diplomats discussed the occupation of Kherson by Russia.", "russia", "kherson"),
    ],
)
def test_control_noun(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "By the spring the army had lost its grip on Palmyra.",
        "The end of Islamic State's control of Mosul came in 2017.",
        "The Houthis are seeking to extend their control over Marib.",
        "Islamic State's hold on Raqqa could collapse within weeks.",
    ],
)
def test_no_control_noun(ex: Extractor, text: str) -> None:
    assert not any(p in ("palmyra", "mosul", "marib", "raqqa") for _, p in controls(ex, text))


# -- a demonym before "-held", "rebel stronghold", "X's de facto capital P" -----------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Drones struck Russian-occupied Melitopol overnight.", "russia", "melitopol"),
        ("Shells fell on Ukrainian-held Avdiivka all day.", "ukraine", "avdiivka"),
        ("Jets bombed Islamic State's de facto capital Raqqa again.", "islamic state", "raqqa"),
        (
            "Syrian jets hit Idlib, the last rebel stronghold in the country.",
            "syrian opposition",
            "idlib",
        ),
    ],
)
def test_holder_words(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Shells fell on Kurdish-held Kobane all day.",  # no state is Kurdish
        "Yemen's capital Sanaa was bombed on Monday.",  # a state's capital says nothing
        "The former rebel stronghold of Homs was calm.",
    ],
)
def test_no_holder_word(ex: Extractor, text: str) -> None:
    assert controls(ex, text) == set()


# -- "it" after a capture verb is the place of the clause it hangs on -----------------------
@pytest.mark.parametrize(
    ("text", "loser", "winner", "place"),
    [
        (
            "Islamic State fighters held Baiji until Iraqi troops recaptured it in April.",
            "islamic state",
            "iraqi security forces",
            "baiji",
        ),
        (
            "Al-Shabaab held Kismayo for years before Kenyan troops seized it last month.",
            "al-shabaab",
            "kenya defence forces",
            "kismayo",
        ),
    ],
)
def test_retook_it(ex: Extractor, text: str, loser: str, winner: str, place: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert ("Capture", place) in [(e.type, (e.place or "").lower()) for e in facts.events]
    held = {
        (r.subject.lower(), r.object.lower()): r for r in facts.relations if r.type == "controls"
    }
    assert (winner, place) in held
    if (loser, place) in held:
        assert held[(loser, place)].end is not None


def test_it_without_a_place_is_no_capture(ex: Extractor) -> None:
    text = "Iraqi troops reached the river and seized it after a short fight."
    assert not [
        e for e in ex.extract(ArticleMeta("test.txt", date=PUB), text).events if e.type == "Capture"
    ]


# -- "seized several towns, including A and B": a capture of each ---------------------------
@pytest.mark.parametrize(
    ("text", "holder", "places"),
    [
        (
            "Boko Haram fighters have overrun several towns, including Bama and Dikwa.",
            "boko haram",
            {"bama", "dikwa"},
        ),
        ("M23 rebels seized two towns, including Sake, on Tuesday.", "m23", {"sake"}),
    ],
)
def test_captured_including(ex: Extractor, text: str, holder: str, places: set[str]) -> None:
    got = controls(ex, text)
    assert {(holder, p) for p in places} <= got


def test_attacked_including_is_no_capture(ex: Extractor) -> None:
    assert controls(ex, "Boko Haram fighters attacked several towns, including Bama.") == set()


# -- "X, which rules P" ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Hamas, which rules Gaza, said it would respond.", "hamas", "gaza strip"),
        ("The Houthis, who rule Sanaa, rejected the plan.", "houthis", "sanaa"),
    ],
)
def test_rules_place(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


def test_ruled_that_is_no_rule(ex: Extractor) -> None:
    assert controls(ex, "A court in Gaza ruled that the Hamas detainees must be freed.") == set()


# -- "P, which they had held": the subject of the clause the noun belongs to ----------------
def test_relative_they_is_the_main_subject(ex: Extractor) -> None:
    text = (
        "Malian soldiers reached Gao on Sunday. "
        "Ansar Dine fighters have abandoned the town of Kidal, which they had held since April."
    )
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    held = {
        (r.subject.lower(), r.object.lower()): r for r in facts.relations if r.type == "controls"
    }
    assert ("ansar dine", "kidal") in held
    assert held[("ansar dine", "kidal")].end is not None  # the abandoning ends it
    assert ("malian armed forces", "kidal") not in held


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab militants deserted Baidoa overnight, witnesses said.",
        "The Houthis vacated Aden after weeks of street fighting.",
    ],
)
def test_leaving_is_a_withdrawal(ex: Extractor, text: str) -> None:
    assert any(t == "Withdrawal" for t, _ in events(ex, text))


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis could abandon Aden within days, analysts said.",  # possible only
        "Thousands of residents abandoned Aden during the fighting.",  # no armed side
    ],
)
def test_no_withdrawal_by_leaving(ex: Extractor, text: str) -> None:
    assert not any(t == "Withdrawal" for t, _ in events(ex, text))


def test_relative_they_of_no_actor_is_no_one(ex: Extractor) -> None:
    text = (
        "French troops reached Gao on Sunday. "
        "The jihadists have abandoned the town of Kidal, which they had held since April."
    )
    assert ("french armed forces", "kidal") not in controls(ex, text)


# -- stayed-in: an armed side that stays in a place holds it ---------------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "An army spokesman said Israeli troops would stay in south Lebanon for the time being.",
            "israel defense forces",
            "southern lebanon",
        ),
        ("Wagner fighters stayed in Bakhmut after the army left.", "wagner group", "bakhmut"),
    ],
)
def test_stayed_in(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops will remain in Syria, the minister said.",  # a whole country
        "Israeli forces could remain in southern Lebanon for months.",  # possible only
        "Israeli forces no longer remain in southern Lebanon.",
        "UN peacekeepers remain in southern Lebanon despite the shelling.",  # a mission
        "Thousands of civilians remained in Bakhmut during the battle.",
    ],
)
def test_not_stayed_in(ex: Extractor, text: str) -> None:
    assert controls(ex, text) == set()


# -- tension said of strained ties and rows ---------------------------------------------------
def tensions(ex: Extractor, text: str) -> set[tuple[str, str]]:
    got = relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))
    return {(s, o) for t, s, o in got if t == "tensionWith"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Relations between Rwanda and Burundi have soured badly since January.",
            ("burundi", "rwanda"),
        ),
        ("Diplomats fear the tense ties between Ethiopia and Sudan.", ("ethiopia", "sudan")),
        ("A bitter row between Kenya and Somalia broke out last month.", ("kenya", "somalia")),
    ],
)
def test_strained_ties(ex: Extractor, text: str, pair: tuple[str, str]) -> None:
    got = {tuple(sorted(p)) for p in tensions(ex, text)}
    assert pair in got


@pytest.mark.parametrize(
    "text",
    [
        "Relations between Rwanda and Burundi have improved since January.",
        "Trade ties between Turkey and Iran grew last year.",
    ],
)
def test_ties_without_strain(ex: Extractor, text: str) -> None:
    assert tensions(ex, text) == set()


@pytest.mark.parametrize(
    ("text", "end"),
    [
        # the withdrawal comes before the holding the article starts later: it stays open
        (
            "Rebels withdrew from Kafr Nabl in 2014. The rebels have held Kafr Nabl since 2016.",
            None,
        ),
        (
            "The rebels have held Kafr Nabl since 2016. In 2014 they had withdrawn from Kafr Nabl.",
            None,
        ),
        # after it: the withdrawal ends it
        ("The rebels have held Kafr Nabl since 2012. They withdrew from Kafr Nabl in 2019.", 2019),
    ],
)
def test_a_withdrawal_ends_only_a_holding_begun_before_it(
    ex: Extractor, text: str, end: int | None
) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=FuzzyDate(2020, 1, 10)), text)
    held = [r for r in facts.relations if r.type == "controls" and r.object == "Kafr Nabl"]
    assert [(r.start, r.end) for r in held if r.start is not None] == [
        (FuzzyDate(2012 if end else 2016), FuzzyDate(end) if end else None)
    ]
