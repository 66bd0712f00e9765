"""Learned event checks: features without names, labels from gold, training, the runtime switch.

The articles and gold here are our own, written for these tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.extract import eventlearn
from kg.extract.eventlearn import date_class
from kg.extract.linear import LinearModel, model_json
from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate
from kg.quality.learn.events import (
    Tally,
    f1_of,
    harvest,
    keep_examples,
    place_examples,
    total,
    train_events,
)

ARTICLES = {
    "a.txt": (
        "Islamic State fighters seized the town of Hit in Anbar province on Tuesday, "
        "officials said. In 2014 the group had captured Mosul."
    ),
    "b.txt": (
        "Iraqi forces recaptured the city of Ramadi on Sunday after weeks of fighting. "
        "The militants had seized Fallujah in 2014."
    ),
    "c.txt": (
        "Kurdish fighters of the SDF took the town of Tabqa on Friday. Islamic State had "
        "seized Raqqa in 2014."
    ),
}
GOLD = {
    "a.txt": {
        "date": "2017-11-08",
        "actors": [{"name": "Islamic State", "kind": "terrorist_organization"}],
        "places": [{"name": "Hit", "kind": "town"}, {"name": "Mosul", "kind": "city"}],
        "events": [
            {"type": "capture", "agents": ["Islamic State"], "place": "Hit", "date": "2017-11-07"}
        ],
    },
    "b.txt": {
        "date": "2017-11-08",
        "actors": [{"name": "Iraqi Armed Forces", "kind": "armed_forces"}],
        "places": [{"name": "Ramadi", "kind": "city"}],
        "events": [
            {"type": "capture", "place": "Ramadi", "date": "2017-11-05"},
            # "after weeks of fighting": the fight for the city is stated too
            {"type": "battle", "place": "Ramadi", "date": "2017-11"},
        ],
    },
    "c.txt": {
        "date": "2017-11-08",
        "actors": [{"name": "Syrian Democratic Forces", "kind": "armed_group"}],
        "places": [{"name": "Tabqa", "kind": "town"}],
        "events": [{"type": "capture", "place": "Tabqa", "date": "2017-11-03"}],
    },
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("learnev")
    texts, gold = root / "texts", root / "gold"
    texts.mkdir()
    gold.mkdir()
    for name, text in ARTICLES.items():
        (texts / name).write_text(text, encoding="utf-8")
        g = {"article": name, **GOLD[name]}
        (gold / f"{name[0]}.gold.yaml").write_text(yaml.safe_dump(g), encoding="utf-8")
    return gold, texts


@pytest.fixture(scope="module")
def harvested(corpus: tuple[Path, Path]) -> tuple[list[Any], dict[str, Tally]]:
    return harvest([corpus])


def test_labels_from_gold(harvested: tuple[list[Any], dict[str, Tally]]) -> None:
    events, tallies = harvested
    assert list(tallies) == ["0:"]
    tally = total(tallies.values())
    # each article: this week's capture is right, the capture years before is no gold event
    assert (tally.tp, tally.fp, tally.fn) == (4, 3, 0)
    right = sorted(e.features for e in events if e.matched)
    wrong = sorted(e.features for e in events if not e.matched)
    assert len(right) == 4
    assert len(wrong) == 3
    assert all("date=years-before" in f for f in wrong)
    assert not any("date=years-before" in f for f in right)
    assert [e.label for e in keep_examples(events)].count("drop") == 3


def test_place_examples(harvested: tuple[list[Any], dict[str, Tally]]) -> None:
    events, _ = harvested
    examples, owner = place_examples(events)
    assert examples
    assert len(examples) == len(owner)
    # the rule's place of a matched event is the right one: one candidate each marked
    for i in sorted(set(owner)):
        marked = [ex for ex, o in zip(examples, owner, strict=True) if o == i]
        assert sum(ex.label == "place" for ex in marked) == 1


def test_train_writes_models(harvested: tuple[list[Any], dict[str, Tally]], tmp_path: Path) -> None:
    events, tallies = harvested
    tally = total(tallies.values())
    models = train_events(events, tallies, tune_on=["0:"], folds=0, min_groups=1)
    assert models["keep"].header["tuned_on"] == ["0:"]
    assert set(models) == {"keep", "place", "agent"}
    keep = models["keep"]
    assert keep.header["cv"]["events_f1_before"] == f1_of(tally)
    assert keep.header["cv"]["events_f1_after"] >= f1_of(tally)
    path = tmp_path / "keep.json"
    path.write_text(model_json(keep), encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["classes"] == ["NONE", "drop"]
    assert list(data["weights"]) == sorted(data["weights"])


def _facts(ex: Extractor) -> list[tuple[str, str | None]]:
    meta = ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 8))
    facts = ex.extract(meta, ARTICLES["a.txt"])
    return sorted((e.type, e.place) for e in facts.events)


@pytest.fixture
def dropping_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A keep model that drops every event dated years before the article."""
    model = LinearModel(
        ("NONE", "drop"), [0.0, -5.0], {"date=years-before": [0.0, 10.0]}, {"drop": 0.5}
    )
    path = tmp_path / "keep.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    monkeypatch.setattr(eventlearn, "KEEP_MODEL", path)
    monkeypatch.setattr(eventlearn, "PLACE_MODEL", tmp_path / "none.json")
    monkeypatch.setattr(eventlearn, "AGENT_MODEL", tmp_path / "none.json")


@pytest.mark.usefixtures("dropping_model")
def test_keep_model_drops(ex: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "learned", True)
    assert _facts(ex) == [("Capture", "Hit")]
    monkeypatch.setattr(ex, "learned", False)  # Extractor(learned=False), KG_LEARNED=0
    assert _facts(ex) == [("Capture", "Hit"), ("Capture", "Mosul")]


def test_shipped_models_hold_no_names(ex: Extractor) -> None:
    """No feature of a shipped model holds a name: nothing capitalised after "=" or "|",
    and no word that is a gazetteer key."""
    for path in (eventlearn.KEEP_MODEL, eventlearn.PLACE_MODEL, eventlearn.AGENT_MODEL):
        if not path.is_file():
            continue
        weights = json.loads(path.read_text(encoding="utf-8"))["weights"]
        for feat in weights:
            for word in re.split(r"[=|<>^]", feat):
                assert not word or ex.gaz.get(word) is None, (path.name, feat)
            if feat.startswith(("lemma=", "tl=", "gov=", "adv=", "aux=", "prep=")):
                word = feat.split("=", 1)[1].split("|")[-1]  # tl=Type|lemma
                assert word == word.lower(), (path.name, feat)


def test_features_hold_no_names(ex: Extractor) -> None:
    """Lemmas come from common words only: a name in the trigger's clause gives "_"."""
    ex.event_log = []
    try:
        meta = ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 8))
        ex.extract(meta, ARTICLES["c.txt"])
        feats = [f for rec in ex.event_log for f in rec["features"]]
        cands = [f for rec in ex.event_log for _p, fs in rec["candidates"] for f in fs]
        cands += [f for rec in ex.event_log for _a, fs in rec["doers"] for f in fs]
    finally:
        ex.event_log = None
    assert feats
    assert cands
    for f in feats + cands:
        assert not any(w in f.lower() for w in ("tabqa", "raqqa", "sdf", "islamic")), f


def test_cli_train_events(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    gold, texts = corpus
    out = tmp_path / "models"
    args = ["train", "events", str(gold), "--texts", str(texts), "--out-dir", str(out)]
    res = CliRunner().invoke(cli, [*args, "--min-groups", "1"])
    assert res.exit_code == 0, res.output
    assert "CV events F1 0.727" in res.output  # 4 right, 3 wrong: 8 / 11
    header = json.loads((out / "eventlearn_keep.json").read_text(encoding="utf-8"))["header"]
    assert [s["articles"] for s in header["trained_on"]] == [3]
    assert header["labels"] == {"drop": 3, "keep": 4}
    bad = CliRunner().invoke(cli, [*args, "--texts", str(texts)])
    assert bad.exit_code != 0
    stray = CliRunner().invoke(cli, [*args, "--tune-on", str(tmp_path)])
    assert stray.exit_code != 0
    assert "is not one of the GOLD_DIRs" in stray.output


# sentences of our own: the town's fall names no doer
DOERS = (
    "Islamic State fighters besieged the town of Hit for weeks. The town fell on Tuesday, "
    "residents said."
)


@pytest.fixture
def filling_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A doer model that takes the actor mentioned most often in the two sentences."""
    model = LinearModel(("NONE", "agent"), [0.0, -3.0], {"most_named": [0.0, 6.0]}, {"agent": 0.5})
    path = tmp_path / "agent.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    monkeypatch.setattr(eventlearn, "AGENT_MODEL", path)
    monkeypatch.setattr(eventlearn, "KEEP_MODEL", tmp_path / "none.json")
    monkeypatch.setattr(eventlearn, "PLACE_MODEL", tmp_path / "none.json")


def _captures(ex: Extractor) -> list[tuple[str | None, tuple[str, ...]]]:
    meta = ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 8))
    facts = ex.extract(meta, DOERS)
    return sorted((e.place, tuple(e.agents)) for e in facts.events if e.type == "Capture")


@pytest.mark.usefixtures("filling_model")
def test_doer_model_fills_agentless(ex: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "learned", False)
    assert _captures(ex) == [("Hit", ())]
    monkeypatch.setattr(ex, "learned", True)
    assert _captures(ex) == [("Hit", ("Islamic State",))]


def test_doer_candidates(ex: Extractor) -> None:
    ex.event_log = []
    try:
        meta = ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 8))
        ex.extract(meta, DOERS)
        doers = [(rec["type"], rec["doers"]) for rec in ex.event_log]
    finally:
        ex.event_log = None
    capture = next(ds for t, ds in doers if t == "Capture")
    assert [a for a, _fs in capture] == ["Islamic State"]
    assert "where=before" in capture[0][1]
    assert "most_named" in capture[0][1]


# -- the doer model never picks the hurt, the speakers or the counters ----------------------------
def _doers(ex: Extractor, text: str) -> dict[str, list[str]]:
    ex.event_log = []
    try:
        ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 5, 10)), text)
        return {a: fs for rec in ex.event_log for a, fs in rec["doers"]}
    finally:
        ex.event_log = None


@pytest.mark.parametrize(
    "text",
    [
        "Three Houthi fighters were wounded in an ambush near Marib on Sunday.",
        "The Houthis lost 12 fighters in an ambush near Marib on Friday.",
        "The Houthis condemned the ambush near Marib on Friday.",
        "The Houthis counted 40 attacks near Marib last year.",
    ],
)
def test_the_hurt_and_the_speakers_are_marked(ex: Extractor, text: str) -> None:
    doers = _doers(ex, text)
    assert "sufferer" in doers.get("Houthis", [])


def test_a_doer_is_no_sufferer(ex: Extractor) -> None:
    doers = _doers(ex, "Three Houthi fighters ambushed a convoy near Marib on Sunday.")
    assert "sufferer" not in doers.get("Houthis", ["sufferer"])


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (FuzzyDate(2024, 3), "pubmonth"),
        (FuzzyDate(2021, 5), "years-before"),
        (FuzzyDate(2023, 11), "before"),
        (FuzzyDate(2024, 1, 5), "before"),
        (FuzzyDate(2024, 3, 10), "pub"),
        (FuzzyDate(2024, 3, 2), "other"),
        (FuzzyDate(2025, 1), "other"),  # a later year, an earlier month: not before
        (FuzzyDate(2024, 7), "other"),
    ],
)
def test_date_class(date: FuzzyDate, expected: str) -> None:
    assert date_class(date, FuzzyDate(2024, 3, 10), FuzzyDate(2024, 3)) == expected
