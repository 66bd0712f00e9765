"""Scoring against gold files: the matcher on hand-made gold and stores, the CLI, bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import GOLD, SEEDS, handmade_articles, write_articles
from rdflib import URIRef

from kg.cli import cli
from kg.errors import InputError
from kg.quality.evaluate import (
    PRF,
    EvalResult,
    evaluate_dir,
    format_result,
    gold_match_key,
    load_gold,
    parse_gold,
    score_article,
)
from kg.rdf.iri import article_iri
from kg.rdf.store import KGStore

# Gold for the first hand-made article (conftest.handmade_articles), written so that every
# outcome is known: see the expected counts in test_sections.
GOLD_ONE: dict[str, Any] = {
    "article": "one.txt",
    "date": "2017-11-03",
    "actors": [
        {"name": "Syrian Arab Army", "kind": "armed_forces", "aliases_in_text": ["Syrian army"]},
        {"name": "Islamic State", "kind": "terrorist_organization"},
        {"name": "Syrian Democratic Forces", "kind": "armed_group", "aliases_in_text": ["SDF"]},
        {"name": "Russia", "kind": "state"},
        {"name": "Iran", "kind": "government"},  # the store says State: class disagrees
        {"name": "Bashar al-Assad", "kind": "person"},
        {"name": "Kurdish fighters", "kind": "armed_group"},  # not in the store: missed
    ],
    "places": [
        {"name": "DEIR EZ-ZOR", "kind": "city"},  # matches after case-folding
        {"name": "the Raqqa", "kind": "city"},  # matches after dropping "the"
        {"name": "Aleppo", "kind": "city"},  # missed
    ],
    "relations": [
        {"type": "backs", "sponsor": "Russia", "client": "Syrian Arab Army"},
        {"type": "backs", "sponsor": "Syrian Arab Army", "client": "Iran"},  # reversed: missed
        {"type": "fights", "a": "Islamic State", "b": "Syrian Arab Army"},  # symmetric
        {"type": "controls", "actor": "Syrian Arab Army", "place": "Deir ez-Zor", "since": 2017},
        {"type": "tension", "a": "SDF", "b": "Syrian army"},  # names through aliases
        # not a gold actor: resolved on the store's own names
        {"type": "leads", "leader": "Bashar al-Assad", "group": "Government of Syria"},
    ],
    "events": [
        # month precision agrees with the store's 2017-11-03
        {"type": "capture", "agents": ["Syrian army"], "place": "Deir ez-Zor", "date": "2017-11"},
        # wrong month: missed (and the store's Raqqa capture is spurious)
        {"type": "capture", "agents": ["SDF"], "place": "Raqqa", "date": "2017-09"},
        {"type": "attack", "agents": ["Islamic State"], "place": "Deir ez-Zor", "date": None},
    ],
}

EXPECTED_SECTIONS = {
    # actors: the store's article mentions 8 actors and the leads fact adds the Government
    "actors": (6, 3, 1),
    "places": (2, 0, 1),
    "relations": (5, 4, 1),
    "events": (1, 1, 2),
}


@pytest.fixture(scope="module")
def store() -> Iterator[KGStore]:
    st = KGStore(None)
    write_articles(st, handmade_articles())
    yield st
    st.close()


@pytest.fixture(scope="module")
def one(store: KGStore) -> Any:
    a1 = handmade_articles()[0]
    return score_article(GOLD_ONE, store, article_iri(a1.content_hash))


@pytest.mark.parametrize("section", list(EXPECTED_SECTIONS))
def test_sections(one: Any, section: str) -> None:
    p = one.sections[section]
    assert (p.tp, p.fp, p.fn) == EXPECTED_SECTIONS[section]


def test_micro(one: Any) -> None:
    m = one.micro
    assert (m.tp, m.fp, m.fn) == (14, 8, 5)
    assert m.precision == pytest.approx(14 / 22)
    assert m.recall == pytest.approx(14 / 19)


@pytest.mark.parametrize(
    ("section", "type_", "counts"),
    [
        ("relations", "backs", (1, 2, 1)),
        ("relations", "fights", (1, 1, 0)),
        ("relations", "controls", (1, 0, 0)),
        ("relations", "tension", (1, 0, 0)),
        ("relations", "leads", (1, 0, 0)),
        ("relations", "allied_with", (0, 1, 0)),
        ("events", "capture", (1, 1, 1)),
        ("events", "attack", (0, 0, 1)),
    ],
)
def test_by_type(one: Any, section: str, type_: str, counts: tuple[int, int, int]) -> None:
    p = one.by_type[section][type_]
    assert (p.tp, p.fp, p.fn) == counts


def test_class_agreement(one: Any) -> None:
    assert one.class_agreement == {"actors": (5, 6), "places": (2, 2)}


def test_missed_and_spurious(one: Any) -> None:
    missed = {(m.section, m.fact) for m in one.missed}
    assert ("actors", "Kurdish fighters") in missed
    assert ("places", "Aleppo") in missed
    assert ("relations", "backs(Syrian Arab Army, Iran)") in missed
    spurious = {(m.section, m.type): m.text for m in one.spurious if m.section == "events"}
    # a spurious fact carries the system's quote
    assert spurious == {
        ("events", "capture"): "Syrian Democratic Forces took Raqqa last month",
    }
    assert {m.fact for m in one.spurious if m.section == "actors"} == {
        "United States",
        "Shiite militias",
        "Government of Syria",
    }


def test_whole_store_without_article_filter(store: KGStore) -> None:
    # the second article adds Al-Qaim's capture; the gold does not list it: one more fp
    res = score_article(GOLD_ONE, store)
    assert res.sections["events"].tp == 1
    assert res.sections["events"].fp == 4


@pytest.mark.parametrize(
    ("gold_date", "matched"),
    [("2017", 1), ("2017-11-03", 1), ("2017-11-04", 0), ("2016", 0), (None, 1)],
)
def test_event_date_precision(store: KGStore, gold_date: str | None, matched: int) -> None:
    gold = {
        "article": "one.txt",
        "events": [
            {
                "type": "capture",
                "agents": ["Syrian Arab Army"],
                "place": "Deir ez-Zor",
                "date": gold_date,
            }
        ],
    }
    a1 = handmade_articles()[0]
    res = score_article(gold, store, article_iri(a1.content_hash))
    assert res.sections["events"].tp == matched


@pytest.mark.parametrize(
    ("agents", "matched"),
    [([], 1), (["Syrian Arab Army", "Kurds"], 1), (["Kurds"], 0), (["Islamic State"], 0)],
)
def test_event_agents(store: KGStore, agents: list[str], matched: int) -> None:
    gold = {
        "article": "one.txt",
        "events": [{"type": "capture", "agents": agents, "place": "Deir ez-Zor"}],
    }
    a1 = handmade_articles()[0]
    res = score_article(gold, store, article_iri(a1.content_hash))
    assert res.sections["events"].tp == matched


def test_one_to_one(store: KGStore) -> None:
    # two identical gold facts cannot both match the one system fact
    rel = {"type": "backs", "sponsor": "Russia", "client": "Syrian Arab Army"}
    gold = {"article": "one.txt", "relations": [rel, dict(rel)]}
    a1 = handmade_articles()[0]
    p = score_article(gold, store, article_iri(a1.content_hash)).by_type["relations"]["backs"]
    assert (p.tp, p.fn) == (1, 1)


def _entity(iri: str, label: str, *aliases: str) -> Any:
    from kg.quality.evaluate.system import _SysEntity

    names = {gold_match_key(n) for n in (label, *aliases)}
    return _SysEntity(URIRef(iri), label, names, set())


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        # a greedy pass in IRI order gave the town to the province (shared alias) and left
        # the gold town unmatched; the best assignment matches both
        (
            [("Homs province", ("Homs",)), ("Homs city", ())],
            [("urn:a", "Homs", ("Homs city",)), ("urn:b", "Homs Governorate", ("Homs province",))],
            {"Homs province": "urn:b", "Homs city": "urn:a"},
        ),
        # the closest name wins when both could match: the label itself over an alias
        (
            [("Kassala", ())],
            [("urn:a", "Kassala State", ("Kassala",)), ("urn:b", "Kassala", ())],
            {"Kassala": "urn:b"},
        ),
        # one to one: a single system entity matches one of two gold entities
        (
            [("Tigray People's Liberation Front", ("TPLF",)), ("TPLF", ())],
            [("urn:a", "TPLF", ())],
            {"TPLF": "urn:a"},
        ),
        # no shared name, no match
        ([("Mariupol", ())], [("urn:a", "Melitopol", ())], {}),
    ],
)
def test_entity_assignment(
    gold: list[tuple[str, tuple[str, ...]]],
    system: list[tuple[str, str, tuple[str, ...]]],
    expected: dict[str, str],
) -> None:
    from kg.quality.evaluate.gold import GoldEntity
    from kg.quality.evaluate.score import _match_entities

    golds = [GoldEntity(name, "city", aliases) for name, aliases in gold]
    entities = {URIRef(iri): _entity(iri, label, *al) for iri, label, al in system}
    for order in (entities, dict(reversed(entities.items()))):  # the same whatever the order
        got = _match_entities(golds, order)
        assert {golds[i].name: str(iri) for i, iri in got.items()} == expected


def test_attack_accepts_bombardment() -> None:
    from kg.model import ArticleFacts, ArticleMeta, Entity, EventFact, Evidence, FuzzyDate

    text = "Government artillery shelled Idlib."
    art = ArticleFacts(ArticleMeta("b.txt", date=FuzzyDate(2018, 1, 2)), text)
    art.entities["Idlib"] = Entity("Idlib", "place", "Settlement", "Idlib")
    art.mentions = {"Idlib": {"Idlib"}}
    art.events.append(
        EventFact("Bombardment", Evidence(text, 0, len(text), "t", 0.7), place="Idlib")
    )
    gold = {"article": "b.txt", "events": [{"type": "attack", "place": "Idlib"}]}
    with KGStore(None) as st:
        write_articles(st, [art])
        assert score_article(gold, st).sections["events"].tp == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Syrian Army", "syrian army"),
        ("Deir ez-Zor", "deir ezzor"),
        ("Ḥamāh", "hamah"),
        ("Kurdistan Workers' Party", "kurdistan workers party"),
        ("  Islamic   State ", "islamic state"),
    ],
)
def test_gold_match_key(a: str, b: str) -> None:
    assert gold_match_key(a) == b


@pytest.mark.parametrize(
    ("counts", "p", "r", "f"),
    [((0, 0, 0), 1.0, 1.0, 1.0), ((1, 1, 0), 0.5, 1.0, 2 / 3), ((0, 2, 2), 0.0, 0.0, 0.0)],
)
def test_prf(counts: tuple[int, int, int], p: float, r: float, f: float) -> None:
    prf = PRF(*counts)
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((p, r, f))


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ({"date": "2017"}, "article: expected a non-empty name, got None"),
        (
            {"article": "a.txt", "date": "3 Nov"},
            "date: '3 Nov' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            {"article": "a.txt", "actors": [{"name": "X", "kind": "tribe"}]},
            "actors[0].kind: unknown kind 'tribe' for 'X'",
        ),
        ({"article": "a.txt", "places": [{"kind": "city"}]}, "places[0].name: expected a"),
        ({"article": "a.txt", "actors": {"name": "X"}}, "actors: expected a list, got dict"),
        (
            {"article": "a.txt", "relations": [{"type": "hates", "a": "X", "b": "Y"}]},
            "relations[0].type: unknown relation type 'hates'",
        ),
        (
            {"article": "a.txt", "relations": [{"type": "backs", "sponsor": "X"}]},
            "relations[0].client: expected a non-empty name, got None",
        ),
        (
            {"article": "a.txt", "events": [{"type": "capture", "date": "2017-13"}]},
            "events[0].date: '2017-13' is not a date",
        ),
        (
            {"article": "a.txt", "events": [{"type": "capture", "agents": "X", "targets": 5}]},
            "events[0].targets: expected a list of names, got 5",
        ),
        ({"article": "a.txt", "events": ["capture"]}, "events[0]: expected a mapping"),
    ],
)
def test_malformed_gold(gold: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as e:
        parse_gold(gold, "x.gold.yaml")
    assert str(e.value).startswith("gold file x.gold.yaml: ")
    assert message in str(e.value)


def test_load_gold_bad_yaml(tmp_path: Path) -> None:
    p = tmp_path / "bad.gold.yaml"
    p.write_text("article: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"gold file {p} is not valid YAML"):
        load_gold(p)


def test_dev_gold_files_parse() -> None:
    if not GOLD.is_dir():
        pytest.skip(f"no gold at {GOLD}")
    for p in sorted(GOLD.glob("*.yaml")):
        g = load_gold(p)
        assert g.actors
        assert g.relations
        assert g.events


def test_format_table_and_json(one: Any) -> None:
    res = EvalResult([one])
    table = format_result(res, "table", show_errors=True)
    lines = table.splitlines()
    assert lines[0] == "1 article(s)"
    assert lines[1].split() == ["section", "tp", "fp", "fn", "P", "R", "F1", "class", "ok"]
    assert lines[2].split() == ["actors", "6", "3", "1", "0.667", "0.857", "0.750", "5/6"]
    assert "micro (all facts)  14   8   5" in table
    assert "missed (5):" in table
    assert "spurious (8):" in table
    data = json.loads(format_result(res, "json"))
    assert data["micro"] == {
        "tp": 14,
        "fp": 8,
        "fn": 5,
        "precision": 0.6364,
        "recall": 0.7368,
        "f1": 0.6829,
    }
    assert data["class_agreement"]["actors"] == {"agreeing": 5, "matched": 6}
    assert len(data["missed"]) == 5


# ---------------------------------------------------------------------------- bad input


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    d = tmp_path / "gold"
    d.mkdir()
    (d / "a.gold.yaml").write_text(yaml.safe_dump({"article": "a.txt"}), encoding="utf-8")
    return d


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["{tmp}/nowhere", "--texts", "{tmp}"],
            "Error: gold folder {tmp}/nowhere not found: pass a folder of *.gold.yaml files "
            "(e.g. ../shared/eval/dev)",
        ),
        (
            ["{tmp}/gold", "--texts", "{tmp}/texts"],
            "Error: texts folder {tmp}/texts not found: pass --texts DIR",
        ),
        (
            ["{tmp}/gold", "--texts", "{tmp}"],
            "Error: gold file {tmp}/gold/a.gold.yaml names article 'a.txt', which is not in "
            "{tmp}: check --texts",
        ),
        (
            ["{tmp}/empty", "--texts", "{tmp}"],
            "Error: gold folder {tmp}/empty holds no .yaml gold files",
        ),
    ],
)
def test_cli_errors(gold_dir: Path, args: list[str], message: str) -> None:
    tmp = gold_dir.parent
    (tmp / "empty").mkdir()
    res = CliRunner().invoke(cli, ["eval", *(a.format(tmp=tmp) for a in args)])
    assert res.exit_code == 1
    assert res.output.strip() == message.format(tmp=tmp)


def test_cli_malformed_gold(gold_dir: Path) -> None:
    (gold_dir / "a.gold.yaml").write_text("article: a.txt\nevents: [{type: raid}]\n")
    res = CliRunner().invoke(cli, ["eval", str(gold_dir), "--texts", str(gold_dir)])
    assert res.exit_code == 1
    assert res.output.startswith(f"Error: gold file {gold_dir}/a.gold.yaml: events[0].type: ")
    assert res.output.count("\n") == 1


def test_cli_bad_date(gold_dir: Path) -> None:
    res = CliRunner().invoke(
        cli, ["eval", str(gold_dir), "--texts", str(gold_dir), "--date", "yesterday"]
    )
    assert res.exit_code == 2
    assert "Invalid value for --date: 'yesterday' is not a date" in res.output


# ---------------------------------------------------------------------------- the real thing


def test_cli_on_seeds(tmp_path: Path) -> None:
    """Builds each seed article alone with the real pipeline and scores it (no thresholds)."""
    if not (GOLD.is_dir() and SEEDS.is_dir()):
        pytest.skip("shared gold or seeds missing")
    res = CliRunner().invoke(cli, ["eval", str(GOLD), "--texts", str(SEEDS), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    n_gold = sum(len(load_gold(p).relations) for p in sorted(GOLD.glob("*.yaml")))
    rel = data["sections"]["relations"]
    assert rel["tp"] + rel["fn"] == n_gold
    assert data["articles"] == [load_gold(p).article for p in sorted(GOLD.glob("*.yaml"))]


def test_evaluate_dir_matches_score_article(tmp_path: Path) -> None:
    """evaluate_dir scores exactly what a separate build of the article holds."""
    if not (GOLD.is_dir() and SEEDS.is_dir()):
        pytest.skip("shared gold or seeds missing")
    from kg.pipeline.build import build

    first = sorted(GOLD.glob("*.yaml"))[0]
    gdir = tmp_path / "gold"
    gdir.mkdir()
    (gdir / first.name).write_bytes(first.read_bytes())
    res = evaluate_dir(gdir, SEEDS)
    gold = load_gold(first)
    build([SEEDS / gold.article], tmp_path / "store", default_date=str(gold.date))
    with KGStore(tmp_path / "store", read_only=True) as st:
        direct = score_article(gold, st)
    assert res.micro == direct.micro


@pytest.mark.parametrize(
    ("dates", "agrees"),
    [
        ({"since": 2017}, True),
        ({"since": "2017-11-03"}, True),
        ({"since": "2016"}, False),
        ({"since": 2017, "until": 2018}, False),  # the store gives no end date
    ],
)
def test_relation_dates_reported(store: KGStore, dates: dict[str, Any], agrees: bool) -> None:
    rel = {"type": "controls", "actor": "Syrian Arab Army", "place": "Deir ez-Zor", **dates}
    a1 = handmade_articles()[0]
    res = score_article(
        {"article": "one.txt", "relations": [rel]}, store, article_iri(a1.content_hash)
    )
    assert res.sections["relations"].tp == 1  # dates never change the score
    (check,) = res.relation_dates
    assert check.agrees is agrees
    assert check.system == "2017-11-03..?"


def test_relation_without_gold_dates_not_reported(one: Any) -> None:
    assert [d.fact for d in one.relation_dates] == ["controls(Syrian Arab Army, Deir ez-Zor)"]


def test_actor_and_place_of_one_name_kept_apart() -> None:
    """A state and its country share a name: agents resolve to actors, places to places."""
    from kg.model import ArticleFacts, ArticleMeta, Entity, EventFact, Evidence, FuzzyDate

    text = "Jordan's air force struck targets in Jordan."
    art = ArticleFacts(ArticleMeta("j.txt", date=FuzzyDate(2019, 5, 6)), text)
    art.entities["Jordan"] = Entity("Jordan", "actor", "State", "Jordan")
    art.entities["Jordan (country)"] = Entity("Jordan (country)", "place", "Country", "Jordan")
    art.mentions = {"Jordan": {"Jordan"}, "Jordan (country)": {"Jordan"}}
    art.events.append(
        EventFact(
            "Airstrike",
            Evidence(text, 0, len(text), "t", 0.7),
            agents=["Jordan"],
            place="Jordan (country)",
            date=FuzzyDate(2019, 5),
        )
    )
    gold = {
        "article": "j.txt",
        "actors": [{"name": "Jordan", "kind": "state"}],
        "places": [{"name": "Jordan", "kind": "country"}],
        "events": [{"type": "airstrike", "agents": ["Jordan"], "place": "Jordan", "date": 2019}],
    }
    with KGStore(None) as st:
        write_articles(st, [art])
        res = score_article(gold, st)
    counts = {k: (p.tp, p.fp, p.fn) for k, p in res.sections.items()}
    assert counts == {
        "actors": (1, 0, 0),
        "places": (1, 0, 0),
        "relations": (0, 0, 0),
        "events": (1, 0, 0),
    }
