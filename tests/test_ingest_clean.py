"""Cleaning an article's text: clutter dropped, fact sentences kept, headlines, paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_inputs import BODY, SECOND, articles, read_file

from kg.ingest.clean import clean_article, clean_text, load_clutter, split_paragraphs
from kg.ingest.markup import html_to_text

# ---------------------------------------------------------------------------- clutter


@pytest.mark.parametrize(
    "paragraph",
    [
        "Type to search",
        "SHARE THIS ARTICLE",
        "Share on Facebook Share on Twitter",
        "Photo: Reuters/Jane Roe",
        "Photo by Jane Roe/AFP via Getty Images",
        "Image source, Getty Images",
        "Credit: Wikipedia",
        "This website uses cookies to give you the best experience.",
        "By continuing you agree to our use of cookies.",
        "© 2019 Example Daily. All rights reserved.",
        "(Reporting by Jane Roe; Editing by John Doe)",
        "Follow us on Telegram",
        "Editor's note:",
        "Read more: Town shelled as fighting spreads",
        "Sign up for our daily newsletter",
    ],
)
def test_clutter_dropped(paragraph: str) -> None:
    assert clean_text(f"{BODY}\n\n{paragraph}\n\n{SECOND}") == f"{BODY}\n\n{SECOND}"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Photo: Syrian troops enter the town after a week of fighting.",
        "Source: the ministry said 20 fighters were killed in the clashes.",
        "Share prices fell in Tripoli as the fighting spread.",
        "By Sunday the rebels had withdrawn from the hills.",
        "Copies of the ceasefire agreement were signed in Geneva.",
        "Syria",  # a section name is clutter only in the head
        "Related talks in Astana brought no ceasefire.",
    ],
)
def test_fact_sentences_kept(paragraph: str) -> None:
    text = f"{BODY}\n\n{paragraph}\n\n{SECOND}"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("Town shelled\n\nWorld\n\nTown shelled\n\nBy Jane Roe\n\n", None),
        ("Home > World > Middle East\n\nTown shelled\n\nPublished 12 March 2019\n\n", None),
        ("Town shelled\n\n", "Town shelled"),
        ("Syria\n\nTown shelled\n\nMiddle East\n\nTown shelled\n\nCredit: Wikipedia\n\n", None),
    ],
)
def test_head_clutter_and_repeated_headline(head: str, title: str | None) -> None:
    cleaned = clean_article(f"{head}{BODY}\n\n{SECOND}", title=title)
    assert cleaned.text == f"Town shelled\n\n{BODY}\n\n{SECOND}"


def test_repeated_headline_becomes_title(tmp_path: Path) -> None:
    [art] = articles(read_file(tmp_path, "t.txt", f"Town shelled\nWorld\nTown shelled\n{BODY}"))
    assert art.meta.title == "Town shelled"
    assert art.text == f"Town shelled\n\n{BODY}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A  line\twith\u00a0spaces.\r\nNext\u200b line.", ["A line with spaces.", "Next line."]),
        ("One.\n\n\n\n  Two.  ", ["One.", "Two."]),
        (
            "The rebels, backed by Turkey, shelled the town on Tuesday and\n"
            "government aircraft answered with airstrikes on the hills to\n"
            "the north, officials said.\n\nNext paragraph.",
            [
                "The rebels, backed by Turkey, shelled the town on Tuesday and government "
                "aircraft answered with airstrikes on the hills to the north, officials said.",
                "Next paragraph.",
            ],
        ),
    ],
)
def test_paragraphs_and_whitespace(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text) == expected


def test_trailing_ellipsis_removed() -> None:
    assert clean_text(f"{BODY}\n\n{SECOND} …\n\n[...]") == f"{BODY}\n\n{SECOND}"


def test_clutter_rules_load_and_are_valid() -> None:
    rules = load_clutter()
    assert "type to search" in rules.lines
    assert {p.name for p in rules.patterns} >= {"photo credit", "cookie banner", "byline"}
    assert "Reuters" in rules.agencies


def test_html_fragment_to_text() -> None:
    fragment = "<div>One <i>two</i></div><ul><li>three</li><li>four &amp; five</li></ul>"
    assert html_to_text(fragment) == "One two\n\nthree\n\nfour & five"
