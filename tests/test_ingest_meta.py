"""An article's metadata: datelines, front matter, the order in which sources win, manifests."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_inputs import BODY, RSS, articles, read_file

from kg.errors import InputError
from kg.ingest import read_articles
from kg.ingest.dateline import MAX_PARAGRAPH, find_dateline, strip_dateline
from kg.ingest.dates import NumericDate, YearlessDate
from kg.model import FuzzyDate

# ---------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("paragraph", "place", "publisher", "date", "rest"),
    [
        (
            "06/04/2019 Libya (BBC) – Forces advanced.",
            "Libya",
            "BBC",
            NumericDate(6, 4, 2019),
            "Forces advanced.",
        ),
        ("TRIPOLI (Reuters) - Forces advanced.", "TRIPOLI", "Reuters", None, "Forces advanced."),
        (
            "Sanaa, June 13 (AFP) - Forces advanced.",
            "Sanaa",
            "AFP",
            YearlessDate(6, 13),
            "Forces advanced.",
        ),
        (
            "ADEN, Yemen, 13 June 2018 (AP) — Forces advanced.",
            "ADEN, Yemen",
            "AP",
            FuzzyDate(2018, 6, 13),
            "Forces advanced.",
        ),
        ("Al-Hudaydah (SPA) - Forces advanced.", "Al-Hudaydah", "SPA", None, "Forces advanced."),
        (
            "MISRATA (Local Radio) -- Forces advanced.",
            "MISRATA",
            "Local Radio",
            None,
            "Forces advanced.",
        ),
        # a newspaper's: a city in capitals and its country, the dash touching the sentence
        ("GAO, Mali—Forces advanced.", "GAO, Mali", None, None, "Forces advanced."),
        (
            "JUBA, South Sudan — Forces advanced.",
            "JUBA, South Sudan",
            None,
            None,
            "Forces advanced.",
        ),
        (
            "BENGHAZI, 5 May – Forces advanced.",
            "BENGHAZI",
            None,
            YearlessDate(5, 5),
            "Forces advanced.",
        ),
    ],
)
def test_dateline_found(
    paragraph: str, place: str, publisher: str | None, date: object, rest: str
) -> None:
    d = find_dateline(paragraph)
    assert d is not None
    assert (d.place, d.publisher, d.date, paragraph[d.end :]) == (place, publisher, date, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Libyan National Army (LNA) - the force led by Haftar - advanced.",
        "Ansar Allah (AA) – the Houthis' movement – rejected the plan.",
        "HTS - once linked to al-Qaeda - holds Idlib.",
        "Misrata (a port city) - advanced.",
        "The army (Reuters) - advanced.",
        "BEIRUT (Reuters) -",
        "Troops entered the town on 5 May - officials said.",
        # capitals without a country, or a country not in capitals, are no dateline alone
        "ISIS — the group lost ground.",
        "Gao, Mali — forces advanced.",
        "NATO, the alliance — advanced.",
        "HTS-held Idlib was shelled.",
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_dateline_only_near_the_top() -> None:
    paragraphs = ["First paragraph."] * MAX_PARAGRAPH + ["TRIPOLI (Reuters) - Later text."]
    text = "\n\n".join(paragraphs)
    assert strip_dateline(text) == (text, None)


@pytest.mark.parametrize(
    "head",
    [
        [
            "Army pushes on in the east",
            "Soldiers rest by a road.",
            "Soldiers rest by a road.",
            "(Jane Roe / Photo Agency)",
        ],
        ["Rebels leave the hills", "A convoy on the move.", "(File photo)", "Our reporter"],
    ],
)
def test_dateline_after_a_caption_and_credit(head: list[str]) -> None:
    text = "\n\n".join([*head, "NAIROBI, Kenya -- Troops entered the town.", "More text."])
    stripped, found = strip_dateline(text)
    assert found is not None
    assert found.place == "NAIROBI, Kenya"
    assert "NAIROBI" not in stripped


@pytest.mark.parametrize(
    ("text", "default", "date", "publisher"),
    [
        # the month names of the text put 06/04 in April (two days after events on 4 April)
        (
            "06/04/2019 Libya (Example Radio) – Forces advanced on 4 April. " + BODY,
            None,
            "2019-04-06",
            "Example Radio",
        ),
        # ... or in June (a report of May's fighting)
        (
            "06/04/2019 Libya (Example Radio) – Fighting raged through May. " + BODY,
            None,
            "2019-06-04",
            "Example Radio",
        ),
        # a date without a year takes the year of --date
        ("SANAA, June 13 (Example Radio) - " + BODY, "2018", "2018-06-13", "Example Radio"),
        ("SANAA, June 13 (Example Radio) - " + BODY, None, None, "Example Radio"),
    ],
)
def test_dateline_gives_date_and_publisher(
    tmp_path: Path, text: str, default: str | None, date: str | None, publisher: str
) -> None:
    [art] = articles(read_file(tmp_path, "d.txt", text, default_date=default))
    assert (art.meta.date and str(art.meta.date), art.meta.publisher) == (date, publisher)
    assert art.text.startswith(("Forces", "Fighting", "Rebel"))


# ------------------------------------------------------------------- metadata and manifests


@pytest.mark.parametrize(
    ("front", "dateline", "manifest", "expected"),
    [
        ("date: 2019-01-02\npublisher: Front", True, True, ("2019-01-02", "Front")),
        ("title: x", True, True, ("2019-03-04", "Line")),
        ("title: x", False, True, ("2019-05-06", "Listed")),
        ("title: x", False, False, ("2019-07-08", "Default")),
    ],
)
def test_metadata_precedence(
    tmp_path: Path, front: str, dateline: bool, manifest: bool, expected: tuple
) -> None:
    head = "BEIRUT, 4 March 2019 (Line) - " if dateline else ""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"---\n{front}\n---\n{head}{BODY}")
    listing = tmp_path / "m.yaml"
    listing.write_text("- {file: a.txt, date: 2019-05-06, publisher: Listed, title: Listed}\n")
    [art] = articles(
        list(
            read_articles(
                [tmp_path / "in"],
                default_date="2019-07-08",
                publisher="Default",
                manifest=listing if manifest else None,
            )
        )
    )
    assert (str(art.meta.date), art.meta.publisher) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "m.yaml",
            "- {file: sub/a.txt, date: 2019-05-06, publisher: P}\n- file: feed.xml\n"
            "  url: https://example.org/f\n",
        ),
        (
            "m.yml",
            "sub/a.txt: {date: 2019-05-06, publisher: P}\nfeed.xml: "
            "{url: 'https://example.org/f'}\n",
        ),
        (
            "m.csv",
            "file,date,publisher,url\nsub/a.txt,2019-05-06,P,\nfeed.xml,,,https://example.org/f\n",
        ),
    ],
)
def test_manifest_forms(tmp_path: Path, name: str, content: str) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(BODY)
    (folder / "feed.xml").write_text(RSS.replace("<link>https://example.org/a</link>", ""))
    (folder / name).write_text(content)  # a manifest inside the folder is not an article
    arts = articles(list(read_articles([folder], manifest=folder / name)))
    got = [
        (a.meta.source, a.meta.date and str(a.meta.date), a.meta.publisher, a.meta.url)
        for a in arts
    ]
    assert got == [
        ("feed.xml#1", "2019-03-12", None, "https://example.org/f"),  # item's own date wins
        ("feed.xml#2", "2019-03-13", None, "https://example.org/b"),  # item's own link wins
        ("sub/a.txt", "2019-05-06", "P", None),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "m.yaml",
            "- {file: a.txt, when: 2019}\n",
            "{p} entry 1: unknown field(s) when; a manifest entry may have file, date, publisher, "
            "title, url",
        ),
        (
            "m.yaml",
            "- {date: 2019}\n",
            "{p} entry 1: the entry has no 'file'; name the article file it describes",
        ),
        (
            "m.yaml",
            "- {file: a.txt, date: tomorrow}\n",
            "{p} entry 1: date 'tomorrow' is not a date; write it as YYYY-MM-DD, YYYY-MM, YYYY, an "
            "ISO date-time (2017-11-03T10:00:00Z), '3 November 2017', 'November 3, 2017', "
            "'Fri, 03 Nov 2017 10:00:00 GMT' or '11/03/2017'",
        ),
        (
            "m.yaml",
            "- {file: a.txt}\n- {file: ./a.txt}\n",
            "{p} entry 2: 'a.txt' is already described by {p} entry 1; keep one entry per file",
        ),
        (
            "m.yaml",
            "just text\n",
            "{p}: expected a list of entries or a mapping from file to fields, found str",
        ),
        (
            "m.csv",
            "name,date\na.txt,2019\n",
            "{p}: the first row must name the columns, among them 'file' (and any of date, "
            "publisher, title, url)",
        ),
        ("m.json", "[]", "{p}: a manifest must be a .yaml, .yml or .csv file"),
    ],
)
def test_bad_manifest(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError) as err:
        read_articles([tmp_path], manifest=path)
    assert str(err.value) == message.format(p=path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"manifest .*nope\.yaml does not exist; check the path"):
        read_articles([tmp_path], manifest=tmp_path / "nope.yaml")
