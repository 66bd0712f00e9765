"""Hostile inputs: each becomes one reported skip naming the file and why; nothing hangs.

Every failure found by throwing malformed files at ``kg build`` has a case here (read without
spaCy, so they are fast); the build tests at the end check that the good article beside them
is built and that duplicates and ``--report`` account for every input.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest.read as ingest
from kg.cli import cli
from kg.ingest import IngestFailure, RawArticle, read_articles
from kg.pipeline.build import build

GOOD = (
    "Kurdish fighters took the village of Tal Saman from Islamic State on Monday, "
    "a spokesman for the group said.\n"
)


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A read that blocks (a named pipe) fails the test instead of hanging the suite."""

    def stuck(signum: int, frame: object) -> None:
        raise TimeoutError("reading hung")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _front(field: str) -> bytes:
    return f"---\n{field}\n---\n{GOOD}".encode()


def _write(content: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(content)


# name, how to make it, what the message says (a fragment)
CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("feb30.txt", _write(_front("date: 2017-02-30")), "day 30 is out of range for 2017-02"),
    ("month13.txt", _write(_front("date: 2017-13-01")), "month 13 is out of range 1-12"),
    ("hour25.txt", _write(_front("date: 2017-01-01T25:00:00")), "hour 25 is out of range"),
    ("tagged.txt", _write(_front("date: !!timestamp 2017-02-30")), "front matter cannot be read"),
    ("surr.txt", _write(_front('title: "a \\ud800 b"')), "title holds a lone surrogate (U+D800"),
    (
        "surr.jsonl",
        _write(b'{"text": "The army \\udc80 entered Raqqa."}\n'),
        "text holds a lone surrogate (U+DC80",
    ),
    (
        "surr.xml",
        _write(
            b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title>'
            b"<description>Fighters &#xD800; entered.</description></item></channel></rss>"
        ),
        "lone surrogate",
    ),
    (
        "deep.jsonl",
        _write(b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"),
        "line 1 cannot be read as JSON (nested too deep)",
    ),
    (
        "bigint.jsonl",
        _write(b'{"text": "Fighters entered.", "n": ' + b"7" * 5000 + b"}\n"),
        "Exceeds the limit (4300 digits)",
    ),
    (
        "js.txt",
        _write(_front("url: javascript://%0aalert(1)")),
        "is not an http(s) URL",
    ),
    (
        "data.jsonl",
        _write(b'{"text": "Fighters entered.", "url": "data:text/html,x"}\n'),
        "http(s)",
    ),
    ("loop.txt", lambda p: p.symlink_to(p), "is a symbolic link loop"),
    ("pipe.txt", lambda p: os.mkfifo(p), "is a named pipe, not a regular file"),
    ("zero.txt", lambda p: p.symlink_to("/dev/zero"), "outside the folder"),
    ("passwd.txt", lambda p: p.symlink_to("/etc/passwd"), "outside the folder"),
    ("gone.txt", lambda p: p.symlink_to(p.parent / "nowhere"), "is a broken symbolic link"),
]


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_one_named_failure(
    tmp_path: Path, name: str, make: Callable[[Path], None], message: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make(folder / name)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    out = list(read_articles([folder]))
    failures = [o for o in out if isinstance(o, IngestFailure)]
    assert [a.meta.source for a in out if isinstance(a, RawArticle)] == ["good.txt"]
    assert len(failures) == 1, failures
    assert failures[0].source.split("#")[0] == name
    assert message in failures[0].message
    assert name in failures[0].message


def test_named_pipe_given_as_argument_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.txt")
    [failure] = read_articles([tmp_path / "p.txt"])
    assert isinstance(failure, IngestFailure)
    assert "is a named pipe, not a regular file" in failure.message


def test_device_given_as_argument_is_refused() -> None:
    [failure] = read_articles(["/dev/zero"])
    assert isinstance(failure, IngestFailure)
    assert failure.message == (
        "/dev/zero is a character device, not a regular file; only article files are read"
    )


def test_file_name_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    [failure] = read_articles([tmp_path])
    assert isinstance(failure, IngestFailure)
    assert failure.source == "bad\\udcff.txt"  # printable: the byte escaped
    assert "the file name is not valid UTF-8; rename the file" in failure.message
    failure.message.encode("utf-8")  # never raises


def test_links_out_of_the_folder_read_with_follow_links(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").symlink_to(elsewhere / "a.txt")
    (folder / "sub").symlink_to(elsewhere, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # a link within the folder: read
    refused = list(read_articles([folder]))
    assert [
        (type(o).__name__, o.source if isinstance(o, IngestFailure) else "") for o in refused
    ] == [
        ("IngestFailure", "sub"),
        ("IngestFailure", "a.txt"),
        ("IngestFailure", "inside.txt"),
    ]
    assert "pass --follow-links" in refused[0].message  # type: ignore[union-attr]
    followed = list(read_articles([folder], follow_links=True))
    assert all(isinstance(o, RawArticle) for o in followed)
    assert [o.meta.source for o in followed] == ["a.txt"]  # one file, however reached


def test_oversized_file_is_refused_not_truncated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.txt").write_text(GOOD * 20, encoding="utf-8")
    [failure] = read_articles([tmp_path])
    assert isinstance(failure, IngestFailure)
    assert "is over 1,000 bytes, the most one file is read to; it was refused" in failure.message


def test_overlong_article_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 500)
    (tmp_path / "long.txt").write_text(GOOD * 10, encoding="utf-8")
    [failure] = read_articles([tmp_path])
    assert isinstance(failure, IngestFailure)
    assert failure.message == (
        "long.txt: the article has 1,098 characters, over the 500 one article may have; it "
        "was refused (not split): split it into several articles"
    )


def test_undefined_charset_falls_back_to_the_bytes(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="undefined"></head><body><p>{GOOD}</p></body></html>'
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    [art] = read_articles([tmp_path])
    assert isinstance(art, RawArticle)
    assert "Tal Saman" in art.text


def test_feed_javascript_link_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "f.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title>'
        "<link>javascript:alert(1)</link>"
        f"<description>{GOOD}</description></item></channel></rss>",
        encoding="utf-8",
    )
    [art] = read_articles([tmp_path])
    assert isinstance(art, RawArticle)
    assert art.meta.url is None


# -- builds (real spaCy model) --------------------------------------------------------


def test_build_skips_every_hostile_file_and_builds_the_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, make, _message in CASES:
        make(folder / name)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    report = build([folder], tmp_path / "s")
    assert report.articles == 1
    assert sorted(src.split("#")[0] for src, _ in report.errors) == sorted(c[0] for c in CASES)
    assert report.summary().startswith(f"{len(CASES) + 1} inputs: 1 built, 0 duplicates, ")


@pytest.mark.parametrize("workers", [1, 2])
def test_extraction_failure_skips_one_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    from kg.extract.pipeline import Extractor

    real = Extractor.facts_and_open_acronyms

    def flaky(self: Extractor, meta, text, doc):  # type: ignore[no-untyped-def]
        if meta.source == "b.txt":
            raise RuntimeError("boom")
        return real(self, meta, text, doc)

    monkeypatch.setattr(Extractor, "facts_and_open_acronyms", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.txt").write_text(GOOD.replace("Monday", f"day {name}"), "utf-8")
    report = build([folder], tmp_path / "s", batch_size=4, workers=workers)
    assert report.articles == 2
    assert report.errors == [
        ("b.txt", "b.txt: extraction failed: RuntimeError: boom (please report this as a bug)")
    ]


def test_duplicates_are_counted_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"---\ntitle: First\n---\n{GOOD}", encoding="utf-8")
    (folder / "b.txt").write_text(
        f"---\ntitle: Second\nurl: https://example.org/b\n---\n{GOOD}", encoding="utf-8"
    )
    (folder / "c.txt").write_bytes(b"\x00\x01binary")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "build",
            str(folder),
            "--store",
            str(tmp_path / "s"),
            "--report",
            str(tmp_path / "r.jsonl"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "3 inputs: 1 built, 1 duplicate of a.txt, 1 skipped" in result.output
    assert (
        "b.txt: same text as a.txt; its metadata differs (title Second; url "
        "https://example.org/b) and was not kept: a.txt's won"
    ) in result.output
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [(r["source"], r["status"]) for r in records] == [
        ("a.txt", "built"),
        ("b.txt", "duplicate"),
        ("c.txt", "skipped"),
    ]
    assert records[1]["duplicate_of"] == "a.txt"
    assert records[1]["graph"] == records[0]["graph"]
    assert "binary" in records[2]["reason"]
