"""The rules' word gates (kg/extract/gates.py): declared, resolvable, sound, and checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.extract import rulebook
from kg.extract.gates import GateError, gate_words, needs
from kg.extract.pipeline import Extractor
from kg.extract.vocab import load_rules
from kg.model import ArticleMeta, FuzzyDate

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

# rules that read the sentence's mentions rather than its words, and stay ungated
UNGATED = {"relations.title_person", "combat.air_power"}


def _name(rule: object) -> str:
    return f"{rule.__module__.rsplit('.', 1)[-1]}.{rule.__name__}"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("keys", "words", "rules", "want"),
    [
        (("a.b",), (), {"a": {"b": ["Siege", "blockade"]}}, {"siege", "blockade"}),
        ((), ("Down",), {}, {"down"}),
        (("w",), (), {"w": ["fighter jet"]}, {"fighter jet", "fighter", "jet"}),
        (("w",), (), {"w": ["pro-government"]}, {"pro-government", "pro", "government"}),
        (("roles",), (), {"roles": {"envoy": "member"}}, {"envoy", "member"}),
        (("f",), ("x",), {"f": {"nouns": ["raid"], "verbs": ["storm"]}}, None),
    ],
)
def test_gate_words_resolve_lists_literals_phrases_and_tables(
    keys: tuple[str, ...], words: tuple[str, ...], rules: dict, want: set[str] | None
) -> None:
    @needs(*keys, words=words)
    def rule(ctx: object, sent: object) -> Iterator[None]:
        yield from ()

    got = gate_words(rule, rules)
    assert got is not None
    if want is None:  # a family: its keys and every list under it
        assert {"raid", "storm", "x", "nouns", "verbs"} <= got
    else:
        assert got == want


def test_a_gate_naming_a_missing_list_says_which() -> None:
    @needs("events.no_such_family.nouns")
    def rule(ctx: object, sent: object) -> Iterator[None]:
        yield from ()

    with pytest.raises(KeyError, match=r"events\.no_such_family\.nouns"):
        gate_words(rule, load_rules())


def test_every_rule_has_a_gate_that_resolves_under_the_packaged_rules() -> None:
    rules = load_rules()
    for rule in (*rulebook.RELATION_RULES, *rulebook.EVENT_RULES):
        words = gate_words(rule, rules)
        if _name(rule) in UNGATED:
            assert words is None, f"{_name(rule)} has a gate now: take it off UNGATED"
        else:
            assert words, f"rule {_name(rule)} has no @needs gate"


def _bad_rule_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A relation rule whose gate ("zzz") misses the word it fires on ("backed")."""

    @needs(words=("zzz",))
    def fires_on_backed(ctx, sent):  # type: ignore[no-untyped-def]
        for tok in sent:
            if tok.lower_ == "backed":
                yield from rulebook.backing.backed_compound(ctx, sent)

    monkeypatch.setattr(rulebook, "RELATION_RULES", (fires_on_backed,))
    monkeypatch.setattr(rulebook, "_GATES", {})


TEXT = "The US-backed Syrian Democratic Forces took Raqqa last month."


def test_check_mode_reports_an_unsound_gate(ex: Extractor, monkeypatch) -> None:
    _bad_rule_table(monkeypatch)
    monkeypatch.setenv("KG_CHECK_GATES", "1")
    with pytest.raises(GateError, match=r"fires_on_backed.*widen its @needs"):
        ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 3)), TEXT)


def test_a_gated_rule_is_skipped_without_its_words(ex: Extractor, monkeypatch) -> None:
    _bad_rule_table(monkeypatch)
    monkeypatch.setenv("KG_CHECK_GATES", "0")
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 3)), TEXT)
    assert not [r for r in facts.relations if r.type == "backs"]


@pytest.mark.parametrize("sample", ["2017-10-14-mayadin.txt", "2019-04-libya-tripoli.txt"])
def test_gates_change_no_fact(ex: Extractor, monkeypatch, sample: str) -> None:
    """The same facts with gates (skipping) and in check mode (every rule runs)."""
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    meta = ArticleMeta(sample, date=FuzzyDate(2019, 4, 10))
    out = []
    for mode in ("0", "1"):
        monkeypatch.setenv("KG_CHECK_GATES", mode)
        f = ex.extract(meta, text)
        out.append((sorted(map(repr, f.relations)), sorted(map(repr, f.events))))
    assert out[0] == out[1]
    assert out[0][0], "the sample states relations"
    assert out[0][1], "the sample states events"
