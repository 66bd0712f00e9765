"""Whom "with the help of Y" helps, whatever the parser hangs the phrase on. Sentences our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set
from test_events import run

from kg.extract.pipeline import Extractor


def helped_pairs(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(one, other) of every alliance or sponsorship, both orders, in lower case."""
    got = relation_set(run(ex, text))
    return {p for t, a, b in got if t in ("alliedWith", "backs") for p in ((a, b), (b, a))}


@pytest.mark.parametrize(
    ("text", "helper", "helped", "not_helped"),
    [
        # the phrase hung on the object of "by": the doer of the verb is helped
        (
            "The army repelled an assault on Gao by rebels with the help of MINUSMA.",
            "stabilization mission in mali",
            "malian armed forces",
            "malian opposition",
        ),
        (
            "Chadian troops drove back an attack on Diffa by Boko Haram with the help of "
            "French jets.",
            "france",
            "chadian national army",
            "boko haram",
        ),
    ],
)
def test_the_doer_of_the_clause_is_helped(
    ex: Extractor, text: str, helper: str, helped: str, not_helped: str
) -> None:
    pairs = helped_pairs(ex, text)
    assert any(helper in a and b == helped for a, b in pairs), pairs
    assert not any(helper in a and b == not_helped for a, b in pairs), pairs


@pytest.mark.parametrize(
    "text",
    [
        # a participle the parser joins to the main verb turns the clause back on its subject
        "Rebels in Mali launched an assault on Gao, repelled thanks to the help of MINUSMA.",
        "Militants in Niger staged a raid on Diffa, thwarted with the help of Chadian troops.",
    ],
)
def test_a_reversal_participle_gives_the_subject_no_helper(ex: Extractor, text: str) -> None:
    assert not helped_pairs(ex, text)


def test_the_helped_subject_still_counts_when_the_verb_is_its_own(ex: Extractor) -> None:
    got = relation_set(run(ex, "Rebels seized Gao and held it with the help of Wagner."))
    assert fact("alliedWith", "Wagner Group", "Malian opposition") in got
