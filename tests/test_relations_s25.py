"""Relations, session 25 (helper relbank): generic classes from a phrase bank of our own about
wars outside the news set (Libya, Nigeria, Colombia, Western Sahara, Georgia, ...). Every
sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2024, 3, 10)


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


# -- "X arms and funds Y": support verbs the tagger reads as plural nouns ------------------
@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        ("Algeria funds, arms and trains the Polisario Front.", "Algeria", "Polisario Front"),
        ("Russia arms Serbia, Western diplomats say.", "Russia", "Serbia"),
        ("Egypt supports and equips the Libyan National Army.", "Egypt", "Libyan National Army"),
        ("Chad arms and funds the Seleka, the report said.", "Chad", "Séléka"),
    ],
)
def test_support_verbs_read_as_nouns(ex: Extractor, text: str, sponsor: str, client: str) -> None:
    assert fact("backs", sponsor, client) in rels(ex, text)


@pytest.mark.parametrize(
    ("text", "sponsor", "client"),
    [
        (
            "Algerian arms and funds reached the Polisario Front in 1977.",
            "Algeria",
            "Polisario Front",
        ),
        ("Egypt denies that it arms the Libyan National Army.", "Egypt", "Libyan National Army"),
        ("Egypt does not fund the Libyan National Army.", "Egypt", "Libyan National Army"),
    ],
)
def test_support_nouns_and_denied_support_are_no_backing(
    ex: Extractor, text: str, sponsor: str, client: str
) -> None:
    assert fact("backs", sponsor, client) not in rels(ex, text)
