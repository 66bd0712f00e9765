"""Seeded fuzzing of ``kg build``: a few hundred malformed inputs, in batches beside one good
article each. No traceback, no hang, the good article built, every bad input named.

The malformed inputs are drawn (with a fixed seed, so a failure can be replayed) from the kinds
of damage found by hand: impossible dates, lone surrogates, deep or huge JSON, binary data,
non-http URLs, broken YAML, pipes, link loops, links out of the folder, names that are not
UTF-8, files and articles over the limits (lowered here so the files stay small). All are
refused while reading, before spaCy, so the batches are fast.
"""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import kg.ingest.read as ingest
from kg.pipeline.build import build

SEED = 19
BATCHES = 4
PER_BATCH = 60
GOOD = (
    "Government troops entered the town of {town} on {day}, a day after rebel fighters "
    "withdrew from it, a local official said.\n"
)
WORDS = [
    "the",
    "army",
    "rebels",
    "town",
    "fighters",
    "said",
    "took",
    "held",
    "shelled",
    "village",
    "forces",
]

Maker = Callable[[random.Random, Path, str], str]
_MAKERS: list[Maker] = []


def maker(f: Maker) -> Maker:
    _MAKERS.append(f)
    return f


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@maker
def bad_date(rng: random.Random, folder: Path, stem: str) -> str:
    y = rng.randint(1990, 2030)
    date = rng.choice(
        [
            f"{y}-{rng.randint(13, 99)}-01",
            f"{y}-02-{rng.randint(30, 31)}",
            f"{y}-04-31",
            f"{y}-01-{rng.randint(32, 99)}",
            f"{y}-01-01T{rng.randint(24, 99)}:00:00",
            f"{y}-01-01T10:{rng.randint(60, 99)}",
        ]
    )
    (folder / f"{stem}.txt").write_text(f"---\ndate: {date}\n---\n{_text(rng, 12)}\n")
    return f"{stem}.txt"


@maker
def surrogate(rng: random.Random, folder: Path, stem: str) -> str:
    code = f"{rng.randint(0xD800, 0xDFFF):04x}"
    kind = rng.randrange(3)
    if kind == 0:
        name = f"{stem}.jsonl"
        (folder / name).write_text(f'{{"text": "{_text(rng, 8)} \\u{code}"}}\n')
    elif kind == 1:
        name = f"{stem}.md"
        (folder / name).write_text(f'---\ntitle: "x \\u{code}"\n---\n{_text(rng, 8)}\n')
    else:
        name = f"{stem}.rss"
        (folder / name).write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title>'
            f"<description>{_text(rng, 8)} &#x{code};</description></item></channel></rss>"
        )
    return name


@maker
def deep_or_huge_json(rng: random.Random, folder: Path, stem: str) -> str:
    if rng.random() < 0.5:
        depth = rng.randint(5_000, 60_000)
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        line = '{"text": ' + opener * depth + "1" + closer * depth + "}"
    else:
        line = f'{{"text": "{_text(rng, 6)}", "n": {"9" * rng.randint(4301, 9000)}}}'
    (folder / f"{stem}.jsonl").write_text(line + "\n")
    return f"{stem}.jsonl"


@maker
def binary(rng: random.Random, folder: Path, stem: str) -> str:
    head = rng.choice([b"%PDF-1.4", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"", b"\x00\x00"])
    body = bytes(rng.randrange(256) for _ in range(rng.randint(50, 400)))
    (folder / f"{stem}.txt").write_bytes(head + body + b"\x00")
    return f"{stem}.txt"


@maker
def bad_url(rng: random.Random, folder: Path, stem: str) -> str:
    scheme = rng.choice(["javascript:", "data:", "vbscript:", "file://", "ftp://", "JaVaScRiPt:"])
    url = scheme + rng.choice(["alert(1)", "//%0aalert(1)", "text/html,<b>x</b>", "/etc/passwd"])
    if rng.random() < 0.5:
        (folder / f"{stem}.txt").write_text(f"---\nurl: '{url}'\n---\n{_text(rng, 10)}\n")
        return f"{stem}.txt"
    (folder / f"{stem}.jsonl").write_text(f'{{"text": "{_text(rng, 8)}", "url": "{url}"}}\n')
    return f"{stem}.jsonl"


@maker
def broken_structure(rng: random.Random, folder: Path, stem: str) -> str:
    kind = rng.randrange(5)
    if kind == 0:  # front matter never closed
        name, data = f"{stem}.txt", f"---\ntitle: x\n{_text(rng, 10)}\n"
    elif kind == 1:  # front matter that is not YAML
        name, data = f"{stem}.txt", f"---\ntitle: [unclosed\n  : : {{\n---\n{_text(rng, 5)}\n"
    elif kind == 2:  # a truncated JSON line
        name, data = f"{stem}.jsonl", f'{{"text": "{_text(rng, 5)}'[: rng.randint(3, 20)] + "\n"
    elif kind == 3:  # an .xml file that is no feed
        name, data = f"{stem}.xml", _text(rng, 20)
    else:  # a page without HTML elements
        name, data = f"{stem}.html", _text(rng, 20)
    (folder / name).write_text(data)
    return name


@maker
def empty(rng: random.Random, folder: Path, stem: str) -> str:
    name = f"{stem}.{rng.choice(['txt', 'html', 'jsonl', 'md'])}"
    (folder / name).write_text(rng.choice(["", " ", "\n\n\t\n"]))
    return name


@maker
def not_a_regular_file(rng: random.Random, folder: Path, stem: str) -> str:
    name = f"{stem}.txt"
    kind = rng.randrange(5)
    if kind == 0:
        os.mkfifo(folder / name)
    elif kind == 1:
        (folder / name).symlink_to(folder / name)
    elif kind == 2:
        (folder / name).symlink_to(rng.choice(["/dev/zero", "/dev/urandom", "/etc/passwd"]))
    elif kind == 3:
        (folder / name).symlink_to(folder / f"{stem}-nowhere")
    else:
        outside = folder.parent / f"outside-{stem}.txt"
        outside.write_text(_text(rng, 10))
        (folder / name).symlink_to(outside)
    return name


@maker
def name_not_utf8(rng: random.Random, folder: Path, stem: str) -> str:
    raw = stem.encode() + bytes([rng.randint(0x80, 0xFF)]) + b".txt"
    (folder / os.fsdecode(raw)).write_text(_text(rng, 10))
    return raw.decode("utf-8", "surrogateescape").encode("utf-8", "backslashreplace").decode()


@maker
def too_big(rng: random.Random, folder: Path, stem: str) -> str:
    name = f"{stem}.txt"
    if rng.random() < 0.5:  # over the file limit (8,000 bytes here)
        (folder / name).write_text(_text(rng, rng.randint(1700, 3000)))
    else:  # over the article limit (2,000 characters here), under the file limit
        (folder / name).write_text(_text(rng, rng.randint(450, 1200)))
    return name


@maker
def unknown_kind(rng: random.Random, folder: Path, stem: str) -> str:
    name = f"{stem}.{rng.choice(['bin', 'dat', 'docx', 'csv'])}"
    (folder / name).write_text(_text(rng, 10))
    return name


@pytest.fixture(autouse=True)
def _bounded(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 8_000)
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 2_000)

    def stuck(signum: int, frame: object) -> None:
        raise TimeoutError("the build hung")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(300)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _batch(rng: random.Random, folder: Path, batch: int) -> list[str]:
    folder.mkdir()
    names = [rng.choice(_MAKERS)(rng, folder, f"b{batch}-{i:03d}") for i in range(PER_BATCH)]
    good = GOOD.format(town=f"Town{batch}", day=rng.choice(["Monday", "Friday"]))
    (folder / "good.txt").write_text(good)
    return names


@pytest.mark.slow
@pytest.mark.parametrize("batch", range(BATCHES))
def test_malformed_inputs_never_stop_the_build(tmp_path: Path, batch: int) -> None:
    rng = random.Random(SEED * 1000 + batch)
    bad = _batch(rng, tmp_path / "in", batch)
    workers = 2 if batch == BATCHES - 1 else 1  # the workers read files too
    report = build([tmp_path / "in"], tmp_path / "store", workers=workers)
    assert report.articles == 1, report.summary()
    named = sorted(src.split("#")[0] for src, _msg in report.errors)
    assert named == sorted(bad), report.summary()
    assert all(msg.strip() for _src, msg in report.errors)
    assert [r.source for r in report.inputs if r.status == "built"] == ["good.txt"]
    assert report.summary().startswith(f"{PER_BATCH + 1} inputs: 1 built, 0 duplicates, ")
