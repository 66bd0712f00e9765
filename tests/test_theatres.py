"""Theatres of war: the rules of kg.rdf.theatres on hand-made inputs, and in a real store."""

from __future__ import annotations

import pytest
from conftest import handmade_articles, write_articles

from kg.rdf.iri import theatre_iri
from kg.rdf.store import KGStore
from kg.rdf.theatres import TheatreInput, assign_theatres

SY, IQ, LB, IR, YE = "p/syria", "p/iraq", "p/lebanon", "p/iran", "p/yemen"


def _inp() -> TheatreInput:
    """Two articles: one on Syria (an event in Raqqa), one with events in Syria and Iraq."""
    inp = TheatreInput(
        countries={SY, IQ, LB, IR, YE},
        place_country={"p/raqqa": SY, "p/mosul": IQ, "p/hodeidah": YE},
        parents={"p/deir-province": {SY}, "p/deir": {"p/deir-province"}},
        names={
            "p/raqqa": {"Raqqa"},
            "p/mosul": {"Mosul"},
            "p/deir": {"Deir ez-Zor"},
            SY: {"Syria"},
            LB: {"Lebanon"},
            IR: {"Iran"},
        },
        article_places={
            "a1": {"p/raqqa", LB, IR, "p/deir"},
            "a2": {"p/raqqa", "p/mosul"},
        },
        actor_country={"x/iran": IR, "x/sdf": SY, "x/hezbollah": LB, "x/us": "p/us"},
        states={"x/iran", "x/us"},
    )
    inp.events |= {"e/raqqa": "p/raqqa", "e/mosul": "p/mosul", "e/deir": "p/deir"}
    inp.attestations |= {
        "e/raqqa": [("a1", 0, 40, "The SDF took Raqqa."), ("a2", 0, 20, "The SDF took Raqqa.")],
        "e/deir": [("a1", 200, 240, "The army entered Deir ez-Zor.")],
        "e/mosul": [
            ("a2", 100, 140, "Iraqi forces took Mosul."),
            ("a4", 0, 40, "They took Mosul."),
        ],
    }
    return inp


def _fact(inp: TheatreInput, rel: str, roles, atts) -> str:  # type: ignore[no-untyped-def]
    f = f"r/{rel}-{len(inp.relations)}"
    inp.relations[f] = rel
    inp.roles[f] = sorted(roles)
    inp.attestations[f] = atts
    return f


@pytest.mark.parametrize(
    ("rel", "roles", "atts", "want"),
    [
        pytest.param(
            "backs",
            [("sponsor", "x/us"), ("client", "x/sdf")],
            [("a1", 10, 30, "The US-backed SDF took Raqqa.")],
            {SY},
            id="same-sentence-event",
        ),
        pytest.param(
            "alliedWith",
            [("party", "x/hezbollah"), ("party", "x/army")],
            [("a1", 300, 360, "Lebanon's Hezbollah fought beside the army near Deir ez-Zor.")],
            {SY},
            id="finer-place-beats-country",
        ),
        pytest.param(
            "alliedWith",
            [("party", "x/hezbollah"), ("party", "x/army")],
            [("a1", 300, 360, "Lebanon's Hezbollah fought beside the army.")],
            {SY},
            id="country-outside-event-theatres-ignored-sole-theatre",
        ),
        pytest.param(
            "backs",
            [("sponsor", "x/iran"), ("client", "x/militia")],
            [("a2", 300, 340, "Iran backs the militia.")],
            set(),
            id="two-theatres-no-clue-unplaced",
        ),
        pytest.param(
            "backs",
            [("sponsor", "x/us"), ("client", "x/sdf")],
            [("a2", 300, 340, "Washington backs the SDF.")],
            {SY},
            id="client-home-among-event-theatres",
        ),
        pytest.param(
            "fights",
            [("party", "x/iraqi-army"), ("party", "x/is")],
            [("a2", 300, 340, "The army fought IS in Mosul and Raqqa.")],
            {SY, IQ},
            id="two-places-two-theatres",
        ),
        pytest.param(
            "alliedWith",
            [("party", "x/sdf"), ("party", "x/tribes")],
            [("a2", 300, 340, "IS lost Mosul to Iraqi forces and Raqqa to the SDF and tribes.")],
            {SY},
            id="two-wars-in-a-sentence-party-home-wins",
        ),
        pytest.param(
            "controls",
            [("controller", "x/houthis"), ("territory", "p/hodeidah")],
            [("a3", 0, 20, "The Houthis hold Hodeidah.")],
            {YE},
            id="control-territory",
        ),
        pytest.param(
            "backs",
            [("sponsor", "x/iran"), ("client", "x/hezbollah")],
            [("a9", 0, 20, "Iran backs Hezbollah.")],
            set(),
            id="client-home-without-war-unplaced",
        ),
        pytest.param(
            "backs",
            [("sponsor", "x/iran"), ("client", "x/hezbollah")],
            [("a1", 500, 520, "Iran backs Hezbollah.")],
            {SY},
            id="client-home-without-war-article-theatre",
        ),
        pytest.param(
            "backs",
            [("sponsor", "x/us"), ("client", "x/sdf")],
            [("a4", 300, 340, "The SDF is backed by the US.")],
            {SY},
            id="client-home-beats-article-theatre",
        ),
    ],
)
def test_relation_theatre_rules(rel, roles, atts, want):
    inp = _inp()
    f = _fact(inp, rel, roles, atts)
    got = assign_theatres(inp)
    assert got.facts.get(f, set()) == want
    assert got.facts["e/deir"] == {SY}  # through locatedIn up to the country


def test_article_theatres_are_their_facts():
    got = assign_theatres(_inp())
    assert got.articles == {"a1": {SY}, "a2": {SY, IQ}, "a4": {IQ}}


def test_store_has_theatres():
    with KGStore(None) as st:
        write_articles(st, handmade_articles())
        rows = st.select(
            "SELECT ?f ?t ?l WHERE { ?f ckg:theatre ?t . ?t a ckg:Theatre ; rdfs:label ?l }"
        )
        covers = st.select("SELECT ?t ?p WHERE { ?t ckg:covers ?p }", {"t": theatre_iri("x/iraq")})
    by_theatre: dict[str, set[str]] = {}
    for r in rows:
        by_theatre.setdefault(str(r["l"]), set()).add(str(r["f"]).split("/id/")[1])
    assert set(by_theatre) == {"Syria", "Iraq"}
    assert "relation/backs-iran--popular-mobilization-forces" in by_theatre["Iraq"]
    assert "relation/backs-iran--syrian-arab-army" in by_theatre["Syria"]
    assert "relation/backs-iran--popular-mobilization-forces" not in by_theatre["Syria"]
    assert {str(r["p"]).rsplit("/", 1)[1] for r in covers} == {"iraq", "al-qaim"}


@pytest.mark.parametrize(
    ("agents", "want"),
    [
        (["x/hezbollah"], {SY}),  # "Lebanon's Hezbollah fought ...": a possessive, not a place
        (["x/coalition"], {LB}),  # no party from Lebanon, fighting there: the battle is there
    ],
)
def test_event_at_a_partys_home_country(agents: list[str], want: set[str]) -> None:
    inp = _inp()
    inp.place_country["p/tyre"] = LB
    inp.events["e/tyre"] = "p/tyre"
    inp.attestations["e/tyre"] = [("a7", 0, 10, "Shelling in Tyre.")]
    inp.events["e/battle"] = LB
    inp.roles["e/battle"] = [("agent", a) for a in agents]
    inp.attestations["e/battle"] = [("a1", 300, 360, "Lebanon's Hezbollah fought here.")]
    assert assign_theatres(inp).facts["e/battle"] == want


def test_whole_words_finds_what_the_names_expression_finds() -> None:
    """Names are searched one by one, not by one regular expression per article: same finds."""
    import random
    import re

    from kg.rdf.theatres import _whole_words

    rng = random.Random(7)
    alphabet = "aab -_'.é1"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        pool = {text[i : i + rng.randint(1, 6)] for i in range(len(text))} | {"ab", "a b", "ba"}
        names = tuple(sorted((n for n in pool if n), key=lambda n: (-len(n), n))[:8])
        rx = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
        assert _whole_words(text, names) == [m.group(1) for m in rx.finditer(text)], (text, names)
