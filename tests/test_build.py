"""kg build: idempotent rebuilds, --append, curation, bad input, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline.build import build
from kg.rdf.namespace import ID
from kg.rdf.store import KGStore

A1 = """---
title: Army retakes Hawija
date: 2017-10-05
publisher: Test Wire
---
Iraqi forces recaptured Hawija from Islamic State on Thursday, the military said.
The Iran-backed Popular Mobilization Forces fought alongside the army.
"""
A2 = """---
title: Raqqa falls
date: 2017-10-20
---
The US-backed Syrian Democratic Forces drove IS out of Raqqa on 17 October.
Analysts see a risk of clashes between the SDF and the Syrian army.
"""


def sorted_quads(path: Path) -> list[str]:
    with KGStore(path, read_only=True) as st:
        return sorted(str(q) for q in st.quads())


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text(A1, encoding="utf-8")
    (folder / "a2.txt").write_text(A2, encoding="utf-8")
    return folder


def test_build_reports_counts(corpus: Path, tmp_path: Path) -> None:
    report = build([corpus], tmp_path / "s")
    assert report.articles == 2
    assert not report.errors
    assert report.facts["events"] >= 2
    assert report.facts["relations"] >= 4
    assert "2 articles" in report.summary()


def test_rebuild_is_idempotent(corpus: Path, tmp_path: Path) -> None:
    build([corpus], tmp_path / "one")
    build([corpus], tmp_path / "two")
    first = sorted_quads(tmp_path / "one")
    assert first == sorted_quads(tmp_path / "two")
    build([corpus], tmp_path / "one")  # same store again
    assert first == sorted_quads(tmp_path / "one")


def test_build_replaces_unless_append(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    build([corpus / "a1.txt"], store)
    build([corpus / "a2.txt"], store, append=True)
    with KGStore(store, read_only=True) as st:
        assert len(st.article_graphs()) == 2
    both = sorted_quads(store)
    build([corpus], tmp_path / "fresh")
    assert both == sorted_quads(tmp_path / "fresh")
    build([corpus / "a2.txt"], store)
    with KGStore(store, read_only=True) as st:
        assert len(st.article_graphs()) == 1


def test_bad_article_is_skipped_and_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    report = build([corpus], tmp_path / "s")
    assert report.articles == 2
    assert sorted(src for src, _ in report.errors) == ["broken.txt", "empty.txt"]


def test_nothing_readable_leaves_the_store_unchanged(corpus: Path, tmp_path: Path) -> None:
    from kg.errors import InputError

    store = tmp_path / "s"
    build([corpus], store)
    before = sorted_quads(store)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="store was left unchanged"):
        build([bad], store)
    assert sorted_quads(store) == before


def test_curation(corpus: Path, tmp_path: Path) -> None:
    cur = tmp_path / "curation.yaml"
    cur.write_text(
        """
aliases:
  - {entity: Syrian Democratic Forces, add: [QSD]}
suppress:
  - {type: tensionWith, subject: Syrian Arab Army, object: Syrian Democratic Forces}
  - {type: tensionWith, subject: Syrian Democratic Forces, object: Syrian Arab Army}
facts:
  - {type: backs, subject: Russia, object: Syrian Arab Army, since: 2015-09,
     source: "https://example.org/report", quote: "Russia intervened for the government."}
""",
        encoding="utf-8",
    )
    store = tmp_path / "s"
    build([corpus], store, curation=cur)
    with KGStore(store, read_only=True) as st:
        ask = st.query(
            """ASK { ?r ckg:edge ckg:backs ; ckg:sponsor ?russia ;
                     ckg:attestedBy/ckg:method "curated" }""",
            {"russia": ID["actor/russia"]},
        )
        assert ask.askAnswer
        assert not st.select("SELECT ?r WHERE { ?r a ckg:Tension }")
        alts = {
            str(r["l"])
            for r in st.select(
                "SELECT ?sdf ?l WHERE { ?sdf skos:altLabel ?l }",
                {"sdf": ID["actor/syrian-democratic-forces"]},
            )
        }
        assert "QSD" in alts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("merge: [{from: A}]", "merge[0]: missing into"),
        ("facts: [{type: owns, subject: A, object: B, source: x}]", "unknown relation type 'owns'"),
        ("bogus: []", "unknown section(s) bogus"),
        ("aliases: [: bad", "not valid YAML"),
    ],
)
def test_bad_curation_file(corpus: Path, tmp_path: Path, content: str, message: str) -> None:
    cur = tmp_path / "curation.yaml"
    cur.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--store", str(tmp_path / "s"), "--curation", str(cur)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_build(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output


def test_cli_build_bad_date(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--store", str(tmp_path / "s"), "--date", "3 Nov"]
    )
    assert result.exit_code == 1
    assert "--date '3 Nov'" in result.output


def test_cli_build_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "nope"), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # a URL scheme whose filesystem package is missing (ocifs: Oracle Cloud)
        (["oci://bucket@namespace/corpus"], "Install ocifs"),
        # read as written (click.Path made it "memory:/shards"), and refused: workers and
        # kg load would each see their own
        (["CORPUS", "--shards", "memory://shards"], "--shards memory://shards: memory://"),
        (["CORPUS", "--shards", "oci://bucket@namespace/shards"], "Install ocifs"),
    ],
)
def test_cli_refuses_urls_with_a_clear_message(
    corpus: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    # a URL that cannot be read, or --shards not local: say so before any cluster starts,
    # and write nothing
    args = [str(corpus) if a == "CORPUS" else a for a in args]
    result = CliRunner().invoke(cli, ["build", *args, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert message in result.output
    assert "give a folder or a bucket" in result.output or "pip install" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()


def test_cli_skips_bad_file_with_nonzero_exit(corpus: Path, tmp_path: Path) -> None:
    (corpus / "bin.txt").write_bytes(b"\x00\xff" * 100)
    result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "2 articles" in result.output
    assert "bin.txt" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 16), (2, 16), (2, 1)])
def test_acronym_defined_in_one_article_resolves_in_the_next(
    tmp_path: Path, workers: int, batch_size: int
) -> None:
    # with workers, article 2 is first read without the names of article 1 (in the same chunk
    # or another worker's), then read again by the main process: the facts must not differ
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "1.txt").write_text(
        "The Free Idlib Army (FIA) seized Kafr Nabl on Monday.", encoding="utf-8"
    )
    (folder / "2.txt").write_text("Turkey backs the FIA, officials said.", encoding="utf-8")
    build(
        [folder], tmp_path / "s", default_date="2018-03-09", workers=workers, batch_size=batch_size
    )
    with KGStore(tmp_path / "s", read_only=True) as st:
        rows = st.select("SELECT DISTINCT ?c WHERE { ?s ckg:backs ?x . ?x rdfs:label ?c }")
    assert [str(r["c"]) for r in rows] == ["Free Idlib Army"]


@pytest.mark.parametrize("batch_size", [1, 16])
def test_workers_give_identical_output(corpus: Path, tmp_path: Path, batch_size: int) -> None:
    build([corpus], tmp_path / "one", workers=1)
    build([corpus], tmp_path / "two", workers=2, batch_size=batch_size)
    assert sorted_quads(tmp_path / "one") == sorted_quads(tmp_path / "two")


def _mixed_corpus(folder: Path) -> Path:
    """Good articles among files that cannot be read: a dangling link, binary, empty, a JSON
    Lines file (read by the main process with workers) with a bad line, an unknown kind."""
    folder.mkdir()
    (folder / "a1.txt").write_text(A1, encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "c-gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "d-empty.html").write_text("", encoding="utf-8")
    (folder / "e-wire.jsonl").write_text(
        '{"text": "Turkey backs the Free Idlib Army, officials said.", "date": "2018-03-09"}\n'
        "{not json\n",
        encoding="utf-8",
    )
    (folder / "f-notes.bin").write_bytes(b"some bytes")
    (folder / "g.txt").write_text(A2, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("workers", "batch_size"), [(2, 16), (2, 1), (3, 2)])
def test_unreadable_files_reported_and_skipped_with_workers(
    tmp_path: Path, workers: int, batch_size: int
) -> None:
    # with workers, the text and HTML files are read by the workers (the JSON Lines file by
    # the main process): the same files are skipped, in the same order, with the same messages
    folder = _mixed_corpus(tmp_path / "arts")
    one = build([folder], tmp_path / "one", workers=1)
    many = build([folder], tmp_path / "many", workers=workers, batch_size=batch_size)
    assert one.articles == many.articles == 3
    assert [src for src, _ in one.errors] == [
        "b-binary.txt",
        "c-gone.txt",
        "d-empty.html",
        "e-wire.jsonl#2",
        "f-notes.bin",
    ]
    assert "c-gone.txt is a broken symbolic link" in one.errors[1][1]
    assert many.errors == one.errors
    assert many.undated == one.undated
    assert many.words == one.words
    assert sorted_quads(tmp_path / "one") == sorted_quads(tmp_path / "many")


@pytest.mark.parametrize("workers", [1, 2])
def test_only_unreadable_files_create_no_store(tmp_path: Path, workers: int) -> None:
    from kg.errors import InputError

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").symlink_to(bad / "nowhere.txt")
    (bad / "y.txt").write_text("", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"x.txt is a broken symbolic link.*; no store was created$"
    ):
        build([bad], tmp_path / "s", workers=workers)
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_manifest_applies_with_workers(tmp_path: Path, workers: int) -> None:
    # workers read the files with the build's options: manifest, --date and --publisher
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "a.txt").write_text("Iraqi forces recaptured Hawija on Thursday.", encoding="utf-8")
    (folder / "b.txt").write_text("The SDF took Raqqa.", encoding="utf-8")
    manifest = folder / "manifest.yaml"
    manifest.write_text(
        "- {file: a.txt, date: 2017-10-05, title: Hawija retaken}\n", encoding="utf-8"
    )
    report = build(
        [folder],
        tmp_path / "s",
        workers=workers,
        manifest=manifest,
        publisher="Wire",
        default_date="2017",
    )
    assert report.articles == 2  # the manifest itself is not an article
    with KGStore(tmp_path / "s", read_only=True) as st:
        rows = st.select(
            "SELECT ?title ?pub ?date WHERE { ?a a ckg:Article ; ckg:title ?title ; "
            "ckg:publisher ?pub ; ckg:published ?date }"
        )
    assert [(str(r["title"]), str(r["pub"]), str(r["date"])) for r in rows] == [
        ("Hawija retaken", "Wire", "2017-10-05")
    ]


def test_article_triples_are_stable() -> None:
    # terms are cached and shared between articles: a second article, or the same one again,
    # gets equal triples
    from kg.model import ArticleFacts, ArticleMeta, Entity, Evidence, FuzzyDate, RelationFact
    from kg.rdf.write import article_triples

    def facts(text: str) -> ArticleFacts:
        f = ArticleFacts(ArticleMeta("a.txt", date=FuzzyDate(2017, 10)), text)
        f.entities["Turkey"] = Entity("Turkey", "actor", "State", "Turkey")
        f.entities["Free Idlib Army"] = Entity("Free Idlib Army", "actor", "ArmedGroup", "FIA")
        ev = Evidence(text, 0, len(text), "backed-compound", 0.9, hedged=True)
        f.relations.append(RelationFact("backs", "Turkey", "Free Idlib Army", ev, FuzzyDate(2017)))
        return f

    first = article_triples(facts("Turkey backs the FIA."))
    other = article_triples(facts("Turkey backs the FIA, officials said."))
    assert article_triples(facts("Turkey backs the FIA.")) == first
    assert first != other
    shared = {(s, p) for s, p, _o in first} & {(s, p) for s, p, _o in other}
    assert len(shared) > 5
