"""Mentions: actors and places named, described and referred to, on sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.descriptors import HEAD_RULES
from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor
from kg.extract.vocab import load_rules


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def mentions(ex: Extractor, text: str) -> list[tuple[str, str, str]]:
    res = Resolver(ex.nlp(text), ex.gaz)
    return [(m.text, m.kind, m.key) for m in res.mentions]


def test_every_head_noun_rule_is_listed_once_in_rules_yaml() -> None:
    listed = load_rules()["mentions"]["head_noun_rules"]
    assert sorted(listed) == sorted(HEAD_RULES)
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraqi troops entered the town.", ("Iraqi troops", "actor", "Iraqi Security Forces")),
        ("Russian bombers struck the town.", ("Russian bombers", "actor", "Russia")),
        ("Turkish-backed rebels shelled Afrin.", ("rebels", "actor", "Turkey-backed rebels")),
    ],
)
def test_head_noun_rules(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in mentions(ex, text)
