"""The learned pair component: candidates and their features (kg.extract.pairs), its
training data and ``kg train pairs`` (kg.quality.learn.pairs), on articles of our own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.extract import pairs
from kg.extract.linear import LinearModel, load_model
from kg.extract.pipeline import Extractor
from kg.model import ACTOR_CLASSES, EVENT_CLASSES, PLACE_CLASSES, ArticleMeta, FuzzyDate
from kg.quality.learn.fit import Example
from kg.quality.learn.pairs import CLASSES, _iri, _label, pair_examples, pair_fact

META = ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 5))

# three tiny articles of our own, with gold
ARTICLES = {
    "a1.txt": (
        "Hezbollah fighters and Syrian army units advanced on Qusayr on Monday. "
        "The rebels in the town said they would resist the attack."
    ),
    "a2.txt": (
        "Al-Shabaab militants attacked a police station in Baidoa on Friday. "
        "Somali troops and African Union soldiers later pushed the group out of the area."
    ),
    "a3.txt": (
        "The Houthis fired missiles at a ship near Hodeidah on Sunday. "
        "Saudi Arabia condemned the strike, and the coalition it leads bombed Houthi positions."
    ),
}
GOLD = {
    "a1.txt": {
        "actors": [
            {"name": "Hezbollah", "kind": "armed_group"},
            {"name": "Syria", "kind": "state", "aliases_in_text": ["Syrian army"]},
        ],
        "places": [{"name": "Qusayr", "kind": "town"}],
        "relations": [{"type": "allied_with", "a": "Hezbollah", "b": "Syria"}],
    },
    "a2.txt": {
        "actors": [
            {"name": "Al-Shabaab", "kind": "terrorist_organization"},
            {"name": "Somalia", "kind": "state", "aliases_in_text": ["Somali troops"]},
            {"name": "African Union", "kind": "international_org"},
        ],
        "places": [{"name": "Baidoa", "kind": "town"}],
        "relations": [
            {"type": "fights", "a": "Somalia", "b": "Al-Shabaab"},
            {"type": "allied_with", "a": "Somalia", "b": "African Union"},
        ],
    },
    "a3.txt": {
        "actors": [
            {"name": "Houthis", "kind": "armed_group"},
            {"name": "Saudi Arabia", "kind": "state"},
        ],
        "places": [{"name": "Hodeidah", "kind": "city"}],
        "relations": [{"type": "fights", "a": "Saudi Arabia", "b": "Houthis"}],
    },
}


@pytest.fixture(scope="module")
def gold_set(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("learn")
    texts, gold = root / "texts", root / "gold"
    texts.mkdir()
    gold.mkdir()
    for name, text in ARTICLES.items():
        (texts / name).write_text(text + "\n", encoding="utf-8")
        data = {"article": name, "date": "2024-03-05", "events": [], **GOLD[name]}
        (gold / (name[:-4] + ".gold.yaml")).write_text(yaml.safe_dump(data), encoding="utf-8")
    return gold, texts


def _candidates(ex: Extractor, text: str) -> list[pairs.Candidate]:
    got: list[pairs.Candidate] = []
    ex.pair_sink = lambda meta, cands: got.extend(cands)
    try:
        ex.extract(META, text)
    finally:
        ex.pair_sink = None
    return got


_ALLOWED_CAPS = {
    *ACTOR_CLASSES,
    *PLACE_CLASSES,
    *EVENT_CLASSES,  # of the votes
    "SELF",
}


def _names_in(features: list[str], ex: Extractor) -> list[str]:
    """Feature words that are capitalised (not a class, a part of speech or an event type)
    or a one-word name the gazetteer knows as it writes it (a verb's lemma "say" is no
    town named Say)."""
    known = {s for s, _e, _cs in ex.gaz.surface_forms() if " " not in s} - _ALLOWED_CAPS
    bad = []
    for f in features:
        for w in re.findall(r"[A-Za-z][A-Za-z'-]*", f):
            pos_tag = w.isupper() and len(w) <= 5  # PROPN, VERB, DET, ...
            if (w[0].isupper() and w not in _ALLOWED_CAPS and not pos_tag) or w in known:
                bad.append(f)
    return bad


def test_candidates_are_pairs_the_rules_leave_unrelated(ex: Extractor) -> None:
    text = "Hezbollah fighters and Syrian army units advanced on Qusayr on Monday."
    cands = _candidates(ex, text)  # for training: the related pairs too, marked
    facts = ex.extract(META, text)
    related = {frozenset((r.subject, r.object)) for r in facts.relations}
    assert related == {frozenset(("Hezbollah", "Syrian Arab Army"))}
    assert [(c.first, c.second) for c in cands if c.related] == [("Hezbollah", "Syrian Arab Army")]
    assert {c.second for c in cands if not c.related} == {"place:Al-Qusayr"}
    assert all(c.control for c in cands if not c.related)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah fighters and Syrian army units advanced on Qusayr on Monday.",
        "The Houthis fired missiles at a ship near Hodeidah, and Saudi Arabia condemned it.",
    ],
)
def test_features_name_no_one(ex: Extractor, text: str) -> None:
    feats = [f for c in _candidates(ex, text) for f in c.features]
    assert feats
    assert _names_in(feats, ex) == []


def test_shipped_model_names_no_one(ex: Extractor) -> None:
    model = load_model(pairs.MODEL_PATH)
    assert model.classes == CLASSES
    assert _names_in(sorted(model.weights), ex) == []
    assert {"examples", "articles", "cv", "commit", "trained_on"} <= set(model.header)


def test_a_model_adds_relations_with_its_own_method(
    ex: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Al-Shabaab militants and Somali troops were seen near Baidoa on Friday."
    before = ex.extract(META, text)
    assert not [r for r in before.relations if r.evidence.method == "learned-pair"]
    toy = LinearModel(
        CLASSES,
        [0.0] * len(CLASSES),
        {"conj": [0.0 if c != "allied_with" else 9.0 for c in CLASSES]},
        {"allied_with": 0.5},  # subjects joined by "and" are never predicted to fight
    )
    monkeypatch.setattr(pairs, "active_model", lambda: toy)
    after = ex.extract(META, text)
    learned = [r for r in after.relations if r.evidence.method == "learned-pair"]
    assert [(r.type, r.subject) for r in learned] == [("alliedWith", "al-Shabaab")]
    assert learned[0].evidence.confidence > 0.5
    off = Extractor.__new__(Extractor)
    off.__dict__.update(ex.__dict__, learned=False)  # KG_LEARNED=0: the rules alone
    assert not [r for r in off.extract(META, text).relations if r.evidence.method == "learned-pair"]


def test_labels_read_direction_in_sentence_order() -> None:
    c = pairs.Candidate("United States", "Syrian Democratic Forces", False, (), 0)
    us, sdf = _iri("United States"), _iri("Syrian Democratic Forces")
    assert _label(c, {(us, sdf): {"backs"}}) == "backs"
    assert _label(c, {(sdf, us): {"backs"}}) == "backed_by"
    assert _label(c, {}) == "NONE"
    a = Example("g", (), "backs", unit=("United States", "Syrian Democratic Forces"))
    b = Example("g", (), "backed_by", unit=("Syrian Democratic Forces", "United States"))
    assert pair_fact(a, "backs") == pair_fact(b, "backed_by")


def test_training_data_from_gold_of_our_own(gold_set: tuple[Path, Path]) -> None:
    examples, counts = pair_examples([gold_set])
    assert examples
    assert {e.group.rsplit("/", 1)[1] for e in examples} <= set(ARTICLES)
    assert {e.label for e in examples} <= set(CLASSES)
    assert sorted(g.rsplit("/", 1)[1] for g in counts) == sorted(ARTICLES)
    assert sum(c.right + c.missed for c in counts.values()) == sum(
        len(g["relations"]) for g in GOLD.values()
    )


def test_cli_train_pairs(gold_set: tuple[Path, Path], tmp_path: Path) -> None:
    gold, texts = gold_set
    out = tmp_path / "pairs.json"
    args = ["train", "pairs", str(gold), "--texts", str(texts), "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "CV F1" in result.output
    model = json.loads(out.read_text())
    assert list(model["header"]["trained_on"].values()) == [3]
    assert model["header"]["cv"]["tuned_on_articles"] == 3
    assert model["classes"] == list(CLASSES)


def test_cli_train_pairs_needs_texts_per_gold_folder(gold_set: tuple[Path, Path]) -> None:
    gold, texts = gold_set
    args = [
        "train",
        "pairs",
        str(gold),
        str(gold),
        "--texts",
        str(texts),
        "--texts",
        str(texts),
        "--texts",
        str(texts),
        "--out",
        "x.json",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "one --texts for all gold folders or one per gold folder (2), not 3" in result.output
    args = ["train", "pairs", str(gold), "--texts", str(texts), "--tune-on", str(texts)]
    result = CliRunner().invoke(cli, [*args, "--out", "x.json"])
    assert result.exit_code == 2
    assert "is not one of the GOLD_DIRs" in result.output


def test_shipped_model_runs_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model(pairs.MODEL_PATH)
    monkeypatch.delenv("KG_PAIRS", raising=False)
    expected = model if model.thresholds and model.header.get("on", True) else None
    assert pairs.active_model() is expected
    monkeypatch.setenv("KG_PAIRS", "1")
    assert pairs.active_model() is (model if model.thresholds else None)


# -- the gate: pairs the words between them do not relate are never predicted ------------------
@pytest.mark.parametrize(
    "text",
    [
        "Hamas fighters battled Hezbollah gunmen near the border town.",
        "Houthi rebels ambushed soldiers of the Saudi army outside the port on Friday.",
    ],
)
def test_a_plain_statement_is_stated(ex: Extractor, text: str) -> None:
    cands = [c for c in _candidates(ex, text) if not c.control]
    assert cands
    assert all(c.stated for c in cands)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas fighters have not battled Hezbollah gunmen since March.",  # negated
        "Hamas fighters could soon attack Hezbollah gunmen near the border town.",  # modal
        "Hamas fighters avoided clashes with Hezbollah gunmen near the border town.",  # avoided
        "Hamas fighters took the village without the help of Hezbollah gunmen.",  # without
        "Hamas fighters pressed for talks with Hezbollah gunmen on Monday.",  # talks
        "Hamas fighters left the town after Hezbollah gunmen entered the port.",  # two clauses
        "Hamas fighters were seen near the port, a Hezbollah commander said.",  # a speaker
        "Hamas fighters shelled the port despite a Hezbollah warning.",  # despite
    ],
)
def test_words_that_state_nothing_done_gate_the_pair(ex: Extractor, text: str) -> None:
    cands = [c for c in _candidates(ex, text) if not c.control]
    assert cands
    assert not any(c.stated for c in cands)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas fighters shelled the port in solidarity with Hezbollah gunmen.",
        "Hamas fighters attacked ships in solidarity with the Houthis.",
        "Hamas and the Houthis fought on one front in the south.",
    ],
)
def test_acting_together_is_never_a_fight(ex: Extractor, text: str) -> None:
    cands = [c for c in _candidates(ex, text) if not c.control and not c.related]
    assert cands
    assert all(c.friendly for c in cands)


def test_foes_are_not_friendly(ex: Extractor) -> None:
    text = "Hamas fighters shelled the port in response to Hezbollah raids."
    cands = [c for c in _candidates(ex, text) if not c.control and not c.related]
    assert not any(c.friendly for c in cands)
