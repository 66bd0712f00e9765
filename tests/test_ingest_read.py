"""Reading articles (kg.ingest): the formats, bad input, folders, and the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES
from ingest_inputs import ATOM, BODY, PAGE, RSS, SECOND, articles, jsonl, read_file

from kg.errors import InputError
from kg.ingest import IngestFailure, RawArticle, read_articles
from kg.ingest.clean import load_clutter
from kg.ingest.dateline import find_dateline

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
            jsonl(
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
    arts = articles(read_file(tmp_path, name, content))
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
    [art] = articles(read_file(tmp_path, "page.html", PAGE))
    assert art.text.split("\n\n") == ["Town shelled as fighting spreads", BODY, SECOND]


def test_feed_html_is_stripped(tmp_path: Path) -> None:
    first, _ = articles(read_file(tmp_path, "feed.rss", RSS))
    assert first.text == f"{BODY}\n\n{SECOND}"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("cp1252", b"")],
)
def test_encodings_read(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Residents of the town said the caf\u00e9 had \u201creopened\u201d. " + BODY
    [art] = articles(read_file(tmp_path, "e.txt", prefix + text.encode(encoding)))
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
    result = read_file(tmp_path, name, content)
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
    first, bad, last = read_file(tmp_path, "w.jsonl", content)
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
    good, bad = read_file(tmp_path, "f.xml", feed)
    assert isinstance(good, RawArticle)
    assert bad == IngestFailure(
        "f.xml#2",
        f"{tmp_path / 'f.xml'} item 2 'Talks resume' has no text in <content>, <description> "
        "or <summary>; a feed of headlines only cannot be read",
    )


def test_broken_html_with_text_still_reads(tmp_path: Path) -> None:
    page = f"<html><body><div><p>{BODY}<p>{SECOND}</div></span>"  # unclosed, stray tags
    [art] = articles(read_file(tmp_path, "broken.htm", page))
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
        "a/z.jsonl": jsonl({"text": SECOND}),
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
