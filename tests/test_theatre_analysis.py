"""Analyses per theatre on a hand-made store of three wars, where a store-wide analysis goes
wrong: ties chain across wars, a state's forces that fight each other are put together, an
actor joins a camp on one hedged tie. The articles are written here, their facts stated by
hand (no spaCy), and written through the real RDF layer, theatre derivation included."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from handmade import evidence, write_articles

from kg.analysis import analyze
from kg.analysis.balance import BlocResult, blocs
from kg.analysis.clash import clash_risk
from kg.analysis.project import project
from kg.analysis.theatres import (
    TheatreResults,
    resolve_theatres,
    sponsors_across_theatres,
    theatre_blocs,
    theatres_of,
)
from kg.cli import cli
from kg.errors import InputError
from kg.model import ArticleFacts, ArticleMeta, Entity, EventFact, FuzzyDate, RelationFact
from kg.rdf.iri import actor_iri
from kg.rdf.read import GraphFacts, read_facts
from kg.rdf.store import KGStore

ACTORS = {  # name: (class, home country)
    "Iran": ("State", "Iran"),
    "United States": ("State", "United States"),
    "Russia": ("State", "Russia"),
    "Saudi Arabia": ("State", "Saudi Arabia"),
    "Syrian Arab Army": ("ArmedForces", "Syria"),
    "Syrian Democratic Forces": ("ArmedGroup", "Syria"),
    "Islamic State": ("TerroristOrganization", None),
    "Iraqi Security Forces": ("ArmedForces", "Iraq"),
    "Peshmerga": ("ArmedForces", "Iraq"),
    "Government of Iraq": ("Government", "Iraq"),
    "Popular Mobilization Forces": ("Militia", "Iraq"),
    "Houthis": ("ArmedGroup", "Yemen"),
    "Government of Yemen": ("Government", "Yemen"),
    "Saudi-led coalition": ("Coalition", None),
    "Tihama tribesmen": ("Militia", "Yemen"),
}
PLACES = {  # name: (class, country, parent)
    "Syria": ("Country", "Syria", None),
    "Iraq": ("Country", "Iraq", None),
    "Yemen": ("Country", "Yemen", None),
    "Deir ez-Zor": ("Settlement", "Syria", "Syria"),
    "Raqqa": ("Settlement", "Syria", "Syria"),
    "Kirkuk": ("Settlement", "Iraq", "Iraq"),
    "Tal Afar": ("Settlement", "Iraq", "Iraq"),
    "Hodeidah": ("Settlement", "Yemen", "Yemen"),
    "Taiz": ("Settlement", "Yemen", "Yemen"),
}

# our own sentences, one article per war
SYRIA = (
    "Backed by Russia and Iran, the Syrian army pushed into Deir ez-Zor against Islamic State. "
    "The US-backed Syrian Democratic Forces drove Islamic State out of Raqqa. "
    "Observers fear the Syrian army and the SDF could clash."
)
IRAQ = (
    "Iraqi forces, backed by the United States, fought alongside the Iran-backed Popular "
    "Mobilization Forces to retake Tal Afar from Islamic State. "
    "Iraqi troops reportedly shelled Peshmerga positions around Kirkuk."
)
YEMEN = (
    "Iran backs the Houthis, who hold Hodeidah. "
    "The Saudi-led coalition, backed by Saudi Arabia and the United States, bombed Houthi "
    "positions in Taiz. The coalition fights for the Government of Yemen. "
    "Some say the Tihama tribesmen might be backed by the Houthis."
)


def _article(source: str, text: str, day: int) -> ArticleFacts:
    art = ArticleFacts(ArticleMeta(source, source, "Test Wire", FuzzyDate(2017, 11, day)), text)
    for name, (cls, home) in ACTORS.items():
        art.entities[name] = Entity(name, "actor", cls, name, country=home, source="gazetteer")
    for name, (cls, home, parent) in PLACES.items():
        art.entities[name] = Entity(
            name, "place", cls, name, country=home, parent=parent, source="gazetteer"
        )
    art.mentions = {k: {k} for k in art.entities if k in text}
    return art


def _rel(text: str, type_: str, s: str, o: str, quote: str, conf=0.8, hedged=False):  # type: ignore[no-untyped-def]
    return RelationFact(type_, s, o, evidence(text, quote, conf=conf, hedged=hedged))


def _event(text: str, cls: str, quote: str, agents, targets, place, supporters=()):  # type: ignore[no-untyped-def]
    return EventFact(
        cls,
        evidence(text, quote),
        list(agents),
        list(targets),
        list(supporters),
        place,
        FuzzyDate(2017, 11),
    )


def war_articles() -> list[ArticleFacts]:
    """Three articles, one per war, with the facts their sentences state."""
    return [_syria_article(), _iraq_article(), _yemen_article()]


def _syria_article() -> ArticleFacts:
    """Syria: Russia and Iran back the army, the US the SDF; an offensive, a capture."""
    sy = _article("syria.txt", SYRIA, 3)
    s1 = SYRIA.split(". ")[0]
    sy.relations += [
        _rel(SYRIA, "backs", "Russia", "Syrian Arab Army", s1, 0.9),
        _rel(SYRIA, "backs", "Iran", "Syrian Arab Army", s1, 0.9),
        _rel(SYRIA, "backs", "United States", "Syrian Democratic Forces", "US-backed Syrian", 0.9),
        _rel(
            SYRIA,
            "tensionWith",
            "Syrian Arab Army",
            "Syrian Democratic Forces",
            "the Syrian army and the SDF could clash",
        ),
    ]
    sy.events += [
        _event(
            SYRIA,
            "Offensive",
            s1,
            ["Syrian Arab Army"],
            ["Islamic State"],
            "Deir ez-Zor",
            ["Russia", "Iran"],
        ),
        _event(
            SYRIA,
            "Capture",
            "Syrian Democratic Forces drove Islamic State out of Raqqa",
            ["Syrian Democratic Forces"],
            ["Islamic State"],
            "Raqqa",
        ),
    ]
    return sy


def _iraq_article() -> ArticleFacts:
    """Iraq: the state's forces and the PMF allied, backed; a capture, a hedged attack."""
    iq = _article("iraq.txt", IRAQ, 4)
    i1 = IRAQ.split(". ")[0]
    iq.relations += [
        _rel(IRAQ, "backs", "United States", "Iraqi Security Forces", i1, 0.8),
        _rel(IRAQ, "backs", "Iran", "Popular Mobilization Forces", "Iran-backed Popular", 0.9),
        _rel(IRAQ, "alliedWith", "Iraqi Security Forces", "Popular Mobilization Forces", i1),
    ]
    iq.events += [
        _event(
            IRAQ,
            "Capture",
            i1,
            ["Iraqi Security Forces", "Popular Mobilization Forces"],
            ["Islamic State"],
            "Tal Afar",
        ),
        # hedged and weak: under the same-state tie (0.5) it would leave them "allied"
        EventFact(
            "Attack",
            evidence(
                IRAQ, "Iraqi troops reportedly shelled Peshmerga positions", conf=0.5, hedged=True
            ),
            ["Iraqi Security Forces"],
            ["Peshmerga"],
            [],
            "Kirkuk",
            FuzzyDate(2017, 10),
        ),
    ]
    iq.relations.append(_rel(IRAQ, "leads", "Government of Iraq", "Iraqi Security Forces", i1, 0.3))
    return iq


def _yemen_article() -> ArticleFacts:
    """Yemen: Iran backs the Houthis, Saudi Arabia and the US the coalition; an airstrike."""
    ye = _article("yemen.txt", YEMEN, 5)
    y2 = YEMEN.split(". ")[1]
    ye.relations += [
        _rel(YEMEN, "backs", "Iran", "Houthis", "Iran backs the Houthis", 0.9),
        _rel(YEMEN, "controls", "Houthis", "Hodeidah", "Houthis, who hold Hodeidah"),
        _rel(YEMEN, "backs", "Saudi Arabia", "Saudi-led coalition", y2, 0.9),
        _rel(YEMEN, "backs", "United States", "Saudi-led coalition", y2, 0.8),
        _rel(
            YEMEN,
            "alliedWith",
            "Saudi-led coalition",
            "Government of Yemen",
            "The coalition fights for the Government of Yemen",
        ),
        _rel(
            YEMEN,
            "backs",
            "Houthis",
            "Tihama tribesmen",
            "the Tihama tribesmen might be backed by the Houthis",
            0.6,
            True,
        ),
    ]
    ye.events.append(_event(YEMEN, "Airstrike", y2, ["Saudi-led coalition"], ["Houthis"], "Taiz"))
    return ye


A = actor_iri


def _ids(*names: str) -> set[str]:
    return {str(A(n)) for n in names}


@pytest.fixture(scope="module")
def wars() -> Iterator[GraphFacts]:
    with KGStore(None) as st:
        write_articles(st, war_articles())
        yield read_facts(st)


@pytest.fixture(scope="module")
def wars_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wars") / "store"
    with KGStore(path) as st:
        write_articles(st, war_articles())
    return path


def test_every_fact_has_its_war(wars: GraphFacts):
    assert [(t.label, t.facts) for t in theatres_of(wars)] == [
        ("Yemen", 7),
        ("Iraq", 6),
        ("Syria", 6),
    ]
    label = dict(wars.theatres)
    where = {r.fact.label: {label[t] for t in r.theatres} for r in wars.relations}
    assert where["Iran backs Houthis"] == {"Yemen"}
    assert where["Iran backs Popular Mobilization Forces"] == {"Iraq"}
    assert where["Iran backs Syrian Arab Army"] == {"Syria"}
    assert where["United States backs Saudi-led coalition"] == {"Yemen"}


def test_store_wide_blocs_chain_across_wars(wars: GraphFacts):
    """The trap: over the whole store a chain of positive ties runs from the Houthis (Yemen)
    through Iran and its Iraqi clients to the United States (what per-theatre analysis cuts)."""
    import networkx as nx

    g = project(wars).signed
    pos = nx.Graph([(u, v) for u, v, d in g.edges(data=True) if d["sign"] > 0])
    path = nx.shortest_path(pos, str(A("Houthis")), str(A("Iraqi Security Forces")))
    assert str(A("Iran")) in path


def test_no_bloc_spans_wars_that_share_no_fact(wars: GraphFacts):
    runs = theatre_blocs(wars)
    assert [t.label for t, _r in runs] == [t.label for t in theatres_of(wars)]
    for t, r in runs:
        members_here = {a for f in t.select(wars).relations for a in (f.subject, f.object)}
        members_here |= {
            a for e in t.select(wars).events for a in (*e.agents, *e.targets, *e.supporters)
        }
        for b in r.blocs:
            assert {m.iri for m in b.members} <= members_here, (t.label, r.to_table())
    yemen = {t.label: r for t, r in runs}["Yemen"].bloc_of()
    assert yemen[str(A("Iran"))] == yemen[str(A("Houthis"))]
    assert yemen[str(A("United States"))] == yemen[str(A("Saudi-led coalition"))]
    assert yemen[str(A("Iran"))] != yemen[str(A("United States"))]
    assert str(A("Iraqi Security Forces")) not in yemen


def test_an_actor_stated_to_fight_another_is_never_in_its_bloc(wars: GraphFacts):
    for t, r in theatre_blocs(wars):
        net = project(t.select(wars))
        bloc_of = r.bloc_of()
        for u, v, d in net.signed.edges(data=True):
            if any(x.sign < 0 and x.role in ("fights", "against") for x in d["ties"]):
                assert bloc_of.get(u) is None or bloc_of.get(u) != bloc_of.get(v), (
                    t.label,
                    net.signed.nodes[u]["label"],
                    net.signed.nodes[v]["label"],
                )
    iraq = {t.label: r for t, r in theatre_blocs(wars)}["Iraq"]
    assert str(A("Peshmerga")) not in iraq.bloc_of()  # no same-state tie to its attackers


def test_one_hedged_tie_leaves_an_actor_unaligned(wars: GraphFacts):
    (yemen,) = theatre_blocs(wars, theatres=resolve_theatres(wars, ["yemen"]))
    r = yemen[1]
    tribes = str(A("Tihama tribesmen"))
    assert tribes in {a.iri for a in r.unaligned}
    weak = r.weak[tribes]
    assert 0 < weak.strength < 0.4
    (other, ties), *_ = weak.ties
    assert other.label == "Houthis"
    assert ties[0].fact.hedged
    assert "might be backed" in ties[0].fact.quotes[0].quote
    loose = blocs(project(yemen[0].select(wars)).signed, min_strength=0.0)
    assert tribes in loose.bloc_of()


def test_strengths_grow_with_evidence(wars: GraphFacts):
    (syria,) = theatre_blocs(wars, theatres=resolve_theatres(wars, ["Syria"]))
    r = syria[1]
    b = next(b for b in r.blocs if str(A("Syrian Arab Army")) in {m.iri for m in b.members})
    saa, russia = b.memberships[str(A("Syrian Arab Army"))], b.memberships[str(A("Russia"))]
    assert saa.strength > russia.strength > 0.4  # backed by two, and fought beside them
    assert [o.label for o, _t in saa.ties][:2] == ["Iran", "Russia"] or len(saa.ties) >= 2
    assert all(ts for _o, ts in saa.ties)


def test_seed_like_expectations_hold_per_theatre(wars: GraphFacts):
    (syria,) = theatre_blocs(wars, theatres=resolve_theatres(wars, ["Syria"]))
    t, r = syria
    bloc_of = r.bloc_of()
    assert bloc_of[str(A("United States"))] == bloc_of[str(A("Syrian Democratic Forces"))]
    assert len({bloc_of[a] for a in _ids("Iran", "Russia", "Syrian Arab Army")}) == 1
    assert bloc_of[str(A("Iran"))] != bloc_of[str(A("United States"))]
    assert str(A("Islamic State")) not in bloc_of
    net = project(t.select(wars))
    c = clash_risk(net.signed, bloc_of, net.activity, net.places)
    assert {c.pairs[0].a.iri, c.pairs[0].b.iri} == _ids(
        "Syrian Arab Army", "Syrian Democratic Forces"
    )


def test_sponsors_across_theatres(wars: GraphFacts):
    r = sponsors_across_theatres(wars)
    got = {s.sponsor.label: sorted(s.theatres) for s in r.sponsors}
    assert got == {"Iran": ["Iraq", "Syria", "Yemen"], "United States": ["Iraq", "Syria", "Yemen"]}
    iran = next(s for s in r.sponsors if s.sponsor.label == "Iran")
    assert [c.label for c, _f in iran.theatres["Yemen"]] == ["Houthis"]
    assert "Iran" in r.to_table()


def test_resolve_theatres_errors(wars: GraphFacts):
    with pytest.raises(InputError, match="'Libya' names no theatre of the store: use one of"):
        resolve_theatres(wars, ["Libya"])
    assert [t.label for t in resolve_theatres(wars, ["all", "syria", "Syria"])] == [
        "all theatres",
        "Syria",
    ]


def test_analyze_reports_each_theatre(wars_path: Path):
    run = analyze(wars_path, "blocs")
    assert isinstance(run.result, TheatreResults)
    assert {t.label for t, _r in run.result.runs} == {"Syria", "Iraq", "Yemen"}
    one = analyze(wars_path, "blocs", theatres=["Iraq"], min_strength=0.95)
    ((t, r),) = one.result.runs  # type: ignore[attr-defined]
    assert t.label == "Iraq"
    assert isinstance(r, BlocResult)
    assert r.blocs == [] or all(b.strength(m.iri) >= 0.95 for b in r.blocs for m in b.members)


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["blocs", "--theatre", "Yemen", "--format", "json"], "Tihama tribesmen"),
        (["blocs", "--theatre", "Syria", "--theatre", "Iraq"], "== Iraq"),
        (["sponsors-across-theatres"], "United States"),
        (["theatres"], "Yemen"),
        (["clash-risk", "--theatre", "all"], "== all theatres"),
    ],
)
def test_cli_theatre_options(wars_path: Path, args: list[str], expect: str):
    res = CliRunner().invoke(cli, ["analyze", *args, "--store", str(wars_path)])
    assert res.exit_code == 0, res.output
    assert expect in res.output
    if "json" in args:
        data = json.loads(res.output)
        (yemen,) = data["theatres"]
        assert yemen["theatre"]["label"] == "Yemen"
        member = yemen["blocs"][0]["members"][0]
        assert {"iri", "label", "strength", "ties"} <= set(member)
        assert member["ties"][0]["facts"][0]["quotes"]
        weak = [u for u in yemen["unaligned"] if u["label"] == "Tihama tribesmen"]
        assert weak[0]["why"].startswith("strength 0.")


def test_cli_unknown_theatre(wars_path: Path):
    res = CliRunner().invoke(
        cli, ["analyze", "blocs", "--theatre", "Mars", "--store", str(wars_path)]
    )
    assert res.exit_code == 1
    assert "Error: --theatre 'Mars' names no theatre of the store: use one of" in res.output
