"""Reading articles (kg.ingest): formats, bad input, datelines, manifests, clutter, samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import IngestFailure, RawArticle, read_articles
from kg.ingest.clean import clean_article, clean_text, load_clutter, split_paragraphs
from kg.ingest.dateline import find_dateline, strip_dateline
from kg.ingest.dates import NumericDate, YearlessDate
from kg.ingest.markup import html_to_text
from kg.model import FuzzyDate

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

# Our own sentences, long enough for trafilatura to take them as the main text.
BODY = (
    "Rebel fighters backed by Turkey shelled the outskirts of the town on Tuesday, local "
    "officials said, and government aircraft answered with airstrikes on the hills to the "
    "north. Aid workers said some 4,000 families had fled towards the border since the start "
    "of the month and that more were trapped in villages cut off by the fighting."
)
SECOND = (
    "The defence ministry said its forces had repelled three attacks and that the road to the "
    "provincial capital remained open, a claim the rebels denied."
)

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Town shelled as fighting spreads | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2019-03-12T09:00:00+02:00">
<link rel="canonical" href="https://example.org/daily/town-shelled"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<div class="share"><a>Share on Facebook</a></div>
<article><h1>Town shelled as fighting spreads</h1><p>{BODY}</p><p>{SECOND}</p></article>
<footer><p>We use cookies to improve this site. Accept cookies to continue.</p></footer>
</body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example feed</title><link>https://example.org/</link>
<description>Example</description>
<item><title>Town shelled</title><link>https://example.org/a</link>
<pubDate>Tue, 12 Mar 2019 23:30:00 -0500</pubDate>
<description><![CDATA[<p>{BODY}</p><p>{SECOND}</p>]]></description></item>
<item><title>Talks resume</title><link>https://example.org/b</link>
<pubDate>Wed, 13 Mar 2019 08:00:00 +0000</pubDate>
<description>Delegations of the two sides met in Geneva for a second round of talks.</description>
</item></channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example atom</title>
<id>urn:example:feed</id><updated>2019-03-12T10:00:00Z</updated>
<entry><title>Town shelled</title><id>urn:example:1</id>
<link href="https://example.org/atom/1"/><published>2019-03-12T10:00:00+03:00</published>
<updated>2019-03-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def _read(tmp_path: Path, name: str, content: str | bytes, **options: object) -> list:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return list(read_articles([path], **options))  # type: ignore[arg-type]


def _articles(items: list) -> list[RawArticle]:
    assert all(isinstance(i, RawArticle) for i in items), items
    return items


# ---------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param(
            "a.txt",
            "---\ntitle: Town shelled\ndate: 2019-03-12\npublisher: Example Daily\n"
            f"url: https://example.org/a\nauthor: ignored\n---\n{BODY}\n",
            [("a.txt", "Town shelled", "2019-03-12", "Example Daily", "https://example.org/a")],
            id="text-front-matter",
        ),
        pytest.param("b.md", f"{BODY}\n", [("b.md", None, None, None, None)], id="markdown-plain"),
        pytest.param(
            "c.text",
            f"---\ndate: March 2019\n---\n{BODY}",
            [("c.text", None, "2019-03", None, None)],
            id="text-month-precision",
        ),
        pytest.param(
            "page.html",
            PAGE,
            [
                (
                    "page.html",
                    "Town shelled as fighting spreads",
                    "2019-03-12",
                    "Example Daily",
                    "https://example.org/daily/town-shelled",
                )
            ],
            id="html",
        ),
        pytest.param(
            "feed.xml",
            RSS,
            [
                ("feed.xml#1", "Town shelled", "2019-03-12", None, "https://example.org/a"),
                ("feed.xml#2", "Talks resume", "2019-03-13", None, "https://example.org/b"),
            ],
            id="rss",
        ),
        pytest.param(
            "feed.atom",
            ATOM,
            [("feed.atom#1", "Town shelled", "2019-03-12", None, "https://example.org/atom/1")],
            id="atom",
        ),
        pytest.param(
            "wire.jsonl",
            _jsonl(
                {"text": BODY, "title": "One", "date": "2019-03-12", "publisher": "W", "id": 7},
                {"text": SECOND, "url": "https://example.org/two"},
            ),
            [
                ("wire.jsonl#1", "One", "2019-03-12", "W", None),
                ("wire.jsonl#2", None, None, None, "https://example.org/two"),
            ],
            id="jsonl",
        ),
        pytest.param(
            "feed.dat",
            RSS,
            [
                ("feed.dat#1", "Town shelled", "2019-03-12", None, "https://example.org/a"),
                ("feed.dat#2", "Talks resume", "2019-03-13", None, "https://example.org/b"),
            ],
            id="sniffed-feed",
        ),
    ],
)
def test_formats(tmp_path: Path, name: str, content: str, expected: list) -> None:
    arts = _articles(_read(tmp_path, name, content))
    got = [
        (
            a.meta.source,
            a.meta.title,
            a.meta.date and str(a.meta.date),
            a.meta.publisher,
            a.meta.url,
        )
        for a in arts
    ]
    assert got == expected
    assert "Rebel fighters backed by Turkey" in arts[0].text or arts[0].text == SECOND


def test_html_keeps_paragraphs_drops_clutter(tmp_path: Path) -> None:
    [art] = _articles(_read(tmp_path, "page.html", PAGE))
    assert art.text.split("\n\n") == ["Town shelled as fighting spreads", BODY, SECOND]


def test_feed_html_is_stripped(tmp_path: Path) -> None:
    first, _ = _articles(_read(tmp_path, "feed.rss", RSS))
    assert first.text == f"{BODY}\n\n{SECOND}"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("cp1252", b"")],
)
def test_encodings_read(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Residents of the town said the caf\u00e9 had \u201creopened\u201d. " + BODY
    [art] = _articles(_read(tmp_path, "e.txt", prefix + text.encode(encoding)))
    assert art.text == text


# ---------------------------------------------------------------------------- bad input


def _msg(tmp_path: Path, name: str) -> str:
    return str(tmp_path / name)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("e.txt", b"", "{p} is empty; remove it or add the article text", id="empty"),
        pytest.param(
            "w.txt", b" \n\t\n", "{p} is empty; remove it or add the article text", id="blank"
        ),
        pytest.param(
            "bin.txt",
            bytes(range(256)) * 4,
            "{p} is a binary file (it contains NUL bytes), not text; only text, HTML, feeds and "
            "JSON Lines are read",
            id="binary",
        ),
        pytest.param(
            "doc.txt",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "{p} is a PDF document: convert it to text first (e.g. pdftotext FILE.pdf FILE.txt); "
            "only text, HTML, feeds and JSON Lines are read",
            id="pdf",
        ),
        pytest.param(
            "ru.txt",
            "Войска вошли в город после долгой осады.".encode("koi8-r"),
            "{p} is not UTF-8 text (byte 0 is b'\\xf7') and does not look like Windows-1252 "
            "either; convert it to UTF-8, e.g. 'iconv -f ENCODING -t UTF-8 {p} > converted.txt'",
            id="wrong-encoding",
        ),
        pytest.param(
            "fm.txt",
            f"---\ntitle: Town: shelled\n---\n{BODY}",
            "{p}: the front matter is not valid YAML on line 2 (mapping values are not allowed "
            "here); write one 'key: value' per line (quote values that contain ': ')",
            id="front-matter-yaml",
        ),
        pytest.param(
            "open.txt",
            f"---\ntitle: Town shelled\n{BODY}",
            "{p}: the front matter opened by '---' on line 1 is never closed; add a line '---' "
            "after its last field, or remove the first line",
            id="front-matter-unclosed",
        ),
        pytest.param(
            "list.txt",
            f"---\n- one\n- two\n---\n{BODY}",
            "{p}: the front matter must be 'key: value' lines (title, date, publisher, url), "
            "found list",
            id="front-matter-list",
        ),
        pytest.param(
            "date.txt",
            f"---\ndate: last Tuesday\n---\n{BODY}",
            "{p} front matter: date 'last Tuesday' is not a date; write it as YYYY-MM-DD, "
            "YYYY-MM, YYYY, an ISO date-time (2017-11-03T10:00:00Z), '3 November 2017', "
            "'November 3, 2017', 'Fri, 03 Nov 2017 10:00:00 GMT' or '11/03/2017'",
            id="front-matter-date",
        ),
        pytest.param(
            "url.txt",
            f"---\nurl: example.org/a\n---\n{BODY}",
            "{p} front matter: url 'example.org/a' is not an http(s) URL (only http:// and "
            "https:// article URLs are kept); write it as https://...",
            id="front-matter-url",
        ),
        pytest.param(
            "broken.html",
            "<html><body><div><script>var a = 1;</script><p></div></b></html",
            "{p}: no article text found in the HTML (an index page, a broken page or a page "
            "that needs JavaScript?); save the article's own page, or its text as .txt",
            id="broken-html",
        ),
        pytest.param(
            "nohtml.html",
            "just words and no markup at all",
            "{p}: no HTML elements found; name a plain-text article '.txt' instead",
            id="html-without-markup",
        ),
        pytest.param(
            "empty.xml",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            "<link>https://example.org/</link><description>D</description></channel></rss>",
            "{p}: the feed has no items (no <item> or <entry> elements); nothing to read",
            id="feed-no-items",
        ),
        pytest.param(
            "sitemap.xml",
            '<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>',
            "{p} is not an RSS or Atom feed; check that it is a complete feed file, or give it "
            "the extension of what it is",
            id="xml-not-feed",
        ),
        pytest.param(
            "notes.docx",
            "plain words",
            "{p}: unknown kind of file ('.docx'); conflict-kg reads plain text (.txt .md .text), "
            "HTML (.html .htm), RSS/Atom feeds (.xml .rss .atom) and JSON Lines (.jsonl .ndjson)",
            id="unknown-extension",
        ),
        pytest.param(
            "clutter.txt",
            "Type to search\n\nShare this article\n\nPhoto: AFP\n",
            "clutter.txt: no article text (the file is empty or holds only page clutter such as "
            "menus and credits); add the article text",
            id="only-clutter",
        ),
    ],
)
def test_bad_file_is_one_failure(tmp_path: Path, name: str, content: str | bytes, message: str):
    result = _read(tmp_path, name, content)
    assert result == [IngestFailure(name, message.format(p=tmp_path / name))]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(
            '{"text": "unterminated',
            "{p} line 2 is not JSON (Unterminated string starting at at column 10); write one "
            "complete JSON object per line",
            id="not-json",
        ),
        pytest.param('["a list"]', "{p} line 2 is a JSON list, not an object", id="not-object"),
        pytest.param(
            '{"body": "words", "title": "T"}',
            "{p} line 2 has no 'text' (fields found: body, title); put the article text in a "
            "'text' field",
            id="missing-text",
        ),
        pytest.param(
            '{"text": "   "}',
            "{p} line 2 has no 'text' (fields found: text); put the article text in a 'text' field",
            id="blank-text",
        ),
        pytest.param(
            '{"text": "words", "date": "someday"}',
            "{p} line 2: date 'someday' is not a date; write it as YYYY-MM-DD, YYYY-MM, YYYY, an "
            "ISO date-time (2017-11-03T10:00:00Z), '3 November 2017', 'November 3, 2017', "
            "'Fri, 03 Nov 2017 10:00:00 GMT' or '11/03/2017'",
            id="bad-date",
        ),
    ],
)
def test_bad_jsonl_line_skipped(tmp_path: Path, line: str, message: str) -> None:
    content = json.dumps({"text": BODY}) + "\n" + line + "\n\n" + json.dumps({"text": SECOND})
    first, bad, last = _read(tmp_path, "w.jsonl", content)
    assert isinstance(first, RawArticle)
    assert first.meta.source == "w.jsonl#1"
    assert bad == IngestFailure("w.jsonl#2", message.format(p=tmp_path / "w.jsonl"))
    assert isinstance(last, RawArticle)
    assert last.meta.source == "w.jsonl#4"


def test_feed_item_without_text(tmp_path: Path) -> None:
    feed = RSS.replace(
        "<description>Delegations of the two sides met in Geneva for a second round of "
        "talks.</description>",
        "",
    )
    good, bad = _read(tmp_path, "f.xml", feed)
    assert isinstance(good, RawArticle)
    assert bad == IngestFailure(
        "f.xml#2",
        f"{tmp_path / 'f.xml'} item 2 'Talks resume' has no text in <content>, <description> "
        "or <summary>; a feed of headlines only cannot be read",
    )


def test_broken_html_with_text_still_reads(tmp_path: Path) -> None:
    page = f"<html><body><div><p>{BODY}<p>{SECOND}</div></span>"  # unclosed, stray tags
    [art] = _articles(_read(tmp_path, "broken.htm", page))
    assert art.text == f"{BODY}\n\n{SECOND}"


def test_nonexistent_path_and_the_rest_continues(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(BODY)
    missing = tmp_path / "missing"
    result = list(read_articles([missing, tmp_path / "ok.txt"]))
    assert result[0] == IngestFailure(
        str(missing),
        f"{missing} does not exist; check the path (a file or a folder of articles)",
    )
    assert isinstance(result[1], RawArticle)


def test_folder_walk(tmp_path: Path) -> None:
    files = {
        "b.txt": BODY,
        "a/z.jsonl": _jsonl({"text": SECOND}),
        "a/y.txt": BODY + " One.",
        ".hidden.txt": BODY,
        ".git/x.txt": BODY,
        "README.md": "About this folder.",
        "bad.txt": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    result = list(read_articles([tmp_path, tmp_path / "b.txt"]))  # b.txt reached twice
    sources = [r.meta.source if isinstance(r, RawArticle) else ("failed", r.source) for r in result]
    assert sources == ["a/y.txt", "a/z.jsonl#1", "b.txt", ("failed", "bad.txt")]
    assert result == list(read_articles([tmp_path]))  # deterministic


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("soon", "--date 'soon' is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY"),
        (
            "05/04/2019",
            "--date '05/04/2019' is ambiguous or lacks a year; write it as YYYY-MM-DD, "
            "YYYY-MM or YYYY",
        ),
        (
            "May 4",
            "--date 'May 4' is ambiguous or lacks a year; write it as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ],
)
def test_bad_default_date_raises_at_once(value: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        read_articles(["nowhere"], default_date=value)
    assert str(err.value) == message


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
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_dateline_only_near_the_top() -> None:
    paragraphs = ["First paragraph."] * 4 + ["TRIPOLI (Reuters) - Later text."]
    text = "\n\n".join(paragraphs)
    assert strip_dateline(text) == (text, None)


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
    [art] = _articles(_read(tmp_path, "d.txt", text, default_date=default))
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
    [art] = _articles(
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
    arts = _articles(list(read_articles([folder], manifest=folder / name)))
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
    [art] = _articles(_read(tmp_path, "t.txt", f"Town shelled\nWorld\nTown shelled\n{BODY}"))
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


# ---------------------------------------------------------------------------- samples


@pytest.fixture(scope="module")
def samples() -> list:
    return list(read_articles([SAMPLES]))


def test_samples_read_cleanly(samples: list) -> None:
    assert all(isinstance(s, RawArticle) for s in samples), [
        s for s in samples if isinstance(s, IngestFailure)
    ]
    suffixes = {Path(s.meta.source.split("#")[0]).suffix for s in samples}
    assert suffixes == {".txt", ".html", ".jsonl", ".xml"}
    assert 6 <= len(samples) <= 8


@pytest.mark.parametrize("index", range(8))
def test_each_sample(samples: list, index: int) -> None:
    if index >= len(samples):
        pytest.fail(f"expected 8 sample articles, found {len(samples)}")
    art = samples[index]
    assert 300 <= len(art.text.split()) <= 700, art.meta.source
    assert art.meta.date is not None, art.meta.source
    assert art.meta.date.precision == "day", art.meta.source
    assert art.meta.publisher, art.meta.source
    assert art.meta.title, art.meta.source
    for paragraph in art.text.split("\n\n"):
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph
        assert find_dateline(paragraph) is None, (art.meta.source, paragraph)
    rules = load_clutter()
    assert not any(p.casefold() in rules.lines for p in art.text.split("\n\n"))
