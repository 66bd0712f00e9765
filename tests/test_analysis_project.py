"""From graph facts to an actor network: the time window, the signs and event roles of the
projection, and the ties between the organs of one state.
"""

from __future__ import annotations

import pytest

from kg.analysis.balance import blocs
from kg.analysis.project import ActorNetwork, project
from kg.errors import InputError
from kg.model import FuzzyDate, Window
from kg.rdf.read import ActorInfo, Event, FactInfo, GraphFacts, Relation

# ---------------------------------------------------------------- time window


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"as_of": "2017-13"}, "--as-of '2017-13' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"since": "last week"}, "--since 'last week' is not a date"),
        ({"as_of": "2017", "until": "2018"}, "--as-of cannot be combined with --since/--until"),
        ({"since": "2018", "until": "2017-06"}, "--since 2018 is after --until 2017-06: swap them"),
    ],
)
def test_window_errors(kwargs, message):
    with pytest.raises(InputError) as e:
        Window.parse(**kwargs)
    assert message in str(e.value)


def _rel(start=None, end=None, seen=None) -> Relation:
    f = FactInfo("r", "A backs B", 0.8, 1, first_seen=seen and FuzzyDate.parse(seen))
    return Relation(
        f, "backs", "a", "b", start and FuzzyDate.parse(start), end and FuzzyDate.parse(end)
    )


@pytest.mark.parametrize(
    ("window", "rel", "keep"),
    [
        (Window.parse(as_of="2017-06"), _rel(start="2015"), True),
        (Window.parse(as_of="2017-06"), _rel(start="2015", end="2016"), False),
        (Window.parse(as_of="2017-06"), _rel(start="2017"), True),  # a year covers June
        (Window.parse(as_of="2017-06"), _rel(seen="2017-11-03"), False),  # dated by article
        (Window.parse(as_of="2017-06"), _rel(), False),  # no date at all
        (Window(), _rel(), True),
        (Window.parse(since="2016", until="2016"), _rel(start="2015", end="2017"), True),
        (Window.parse(since="2018"), _rel(start="2015", end="2017-12"), False),
    ],
)
def test_window_relations(window, rel, keep):
    assert len(GraphFacts(relations=[rel]).within(window).relations) == keep


@pytest.mark.parametrize(
    ("window", "dates", "keep"),
    [
        (Window.parse(as_of="2017-11"), ("2017-10-17",), True),
        (Window.parse(as_of="2017-10"), ("2017-11-03",), False),
        (Window.parse(since="2017-11"), ("2017-10",), False),
        (Window.parse(since="2017-10-20", until="2017-10-25"), ("2017-10",), True),
        (Window.parse(since="2017"), (), True),  # undated: the article's date, 2017-11-03
    ],
)
def test_window_events(window, dates, keep):
    f = FactInfo("e", "Capture", 0.8, 1, first_seen=FuzzyDate(2017, 11, 3))
    ev = Event(f, "Capture", ("a",), ("b",), dates=tuple(FuzzyDate.parse(d) for d in dates))
    assert len(GraphFacts(events=[ev]).within(window).events) == keep


def test_project_combines_signs_and_event_roles():
    actors = {k: ActorInfo(k, k.upper()) for k in "abcst"}
    f = GraphFacts(actors=actors)
    f.relations += [
        Relation(FactInfo("r1", "a allied b", 0.5, 1), "alliedWith", "a", "b"),
        Relation(FactInfo("r2", "a fights b", 0.8, 1), "fights", "a", "b"),
        Relation(FactInfo("r3", "a in tension with c", 0.6, 1), "tensionWith", "a", "c"),
        Relation(FactInfo("r4", "a controls p", 0.9, 1), "controls", "a", "p"),
    ]
    f.events.append(
        Event(FactInfo("e1", "Attack", 0.7, 1), "Attack", ("a", "c"), ("t",), ("s",), "p")
    )
    f.events.append(Event(FactInfo("e2", "Talks", 0.9, 1), "Negotiation", ("b", "t"), (), (), "q"))
    net = project(f)
    g = net.signed
    assert (g.edges["a", "b"]["sign"], g.edges["a", "b"]["weight"]) == (-1, 0.8)
    ac = g.edges["a", "c"]  # co-agents (+0.7) vs tension (-0.6)
    assert (ac["sign"], ac["positive"], ac["tension"]) == (1, 0.7, 0.6)
    assert g.edges["s", "t"]["sign"] == -1
    assert g.edges["a", "s"]["sign"] == 1
    assert not g.has_edge("b", "t")  # talks are not a tie
    assert sorted(net.activity) == ["a", "c", "s", "t"]
    assert sorted(f.iri for f in net.activity["a"]["p"]) == ["e1", "r4"]


def _organs(*rels: tuple[str, str, str]) -> ActorNetwork:

    f = GraphFacts(
        actors={
            "gov": ActorInfo("gov", "Government of X", ("Government",)),
            "army": ActorInfo("army", "X Army", ("ArmedForces",)),
            "region": ActorInfo("region", "X Regional Forces", ("ArmedForces",)),
            "rebels": ActorInfo("rebels", "Rebels", ("ArmedGroup",)),
            "boss": ActorInfo("boss", "Boss", ("Person",)),
        },
        countries=dict.fromkeys(("gov", "army", "region", "rebels"), "place/x"),
    )
    for i, (a, rel, b) in enumerate(rels):
        f.relations.append(Relation(FactInfo(f"r{i}", f"{a} {rel} {b}", 0.8, 1), rel, a, b))
    return project(f)


def test_organs_of_one_state_are_tied() -> None:
    net = _organs(("army", "fights", "rebels"), ("boss", "leads", "gov"))
    edge = net.signed.edges["army", "gov"]
    assert (edge["sign"], edge["weight"]) == (1, 0.5)
    assert not net.signed.has_edge("gov", "rebels")  # an armed group is no organ of the state
    assert "region" not in net.signed  # an organ no kept fact names is left out


def test_stated_hostility_cancels_same_state_tie() -> None:
    # the army attacks the regional forces: neither gets the same-state tie
    net = _organs(("army", "fights", "region"), ("boss", "leads", "gov"))
    assert net.signed.edges["army", "region"]["sign"] == -1
    assert not net.signed.has_edge("army", "gov")
    assert not net.signed.has_edge("gov", "region")
    r = blocs(net.signed)
    assert r.bloc_of().get("army") is None or r.bloc_of().get("army") != r.bloc_of().get("region")
