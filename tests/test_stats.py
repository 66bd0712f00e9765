"""``kg stats``: counts of a store, table and JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import handmade_articles

from kg.cli import cli
from kg.errors import InputError
from kg.model import RELATION_TYPES
from kg.quality.stats import StoreStats, format_stats, store_stats
from kg.rdf.iri import event_iri, relation_iri
from kg.rdf.store import KGStore


@pytest.fixture(scope="module")
def expected() -> dict[str, object]:
    """What the hand-made articles state, counted from the Python objects (not the store)."""
    arts = handmade_articles()
    actors = {k: e.cls for a in arts for k, e in a.entities.items() if e.kind == "actor"}
    places = {k: e.cls for a in arts for k, e in a.entities.items() if e.kind == "place"}
    rels = {relation_iri(r.type, r.subject, r.object): r.type for a in arts for r in a.relations}
    events = {event_iri(e.type, e.place, e.agents, e.date): e for a in arts for e in a.events}
    hedged = {
        relation_iri(r.type, r.subject, r.object)
        for a in arts
        for r in a.relations
        if r.evidence.hedged
    }
    return {
        "actors": dict(Counter(actors.values())),
        "places": dict(Counter(places.values())),
        "relations": dict(Counter(rels.values())),
        "events": dict(Counter(e.type for e in events.values())),
        "undated": sum(1 for e in events.values() if e.date is None),
        "n_rel": len(rels),
        "hedged_any": len(hedged),
    }


@pytest.fixture(scope="module")
def stats() -> StoreStats:
    from conftest import write_articles

    with KGStore(None) as st:
        write_articles(st, handmade_articles())
        return store_stats(st)


def test_articles(stats: StoreStats) -> None:
    assert stats.articles == 2
    assert stats.undated_articles == 0


@pytest.mark.parametrize("section", ["actors", "places", "relations", "events"])
def test_by_class(stats: StoreStats, expected: dict[str, object], section: str) -> None:
    assert getattr(stats, section) == expected[section]


def test_totals(stats: StoreStats, expected: dict[str, object]) -> None:
    assert stats.actors_total == sum(expected["actors"].values())  # type: ignore[attr-defined]
    assert stats.places_total == sum(expected["places"].values())  # type: ignore[attr-defined]
    assert stats.relations_total == expected["n_rel"]
    assert stats.events_total == sum(expected["events"].values())  # type: ignore[attr-defined]
    assert stats.undated_events == expected["undated"]


def test_relations_keyed_by_edge(stats: StoreStats) -> None:
    assert set(stats.relations) <= set(RELATION_TYPES)


def test_attestations_and_hedged(stats: StoreStats) -> None:
    # one attestation per (fact, article): the US-SDF sponsorship is stated by both articles
    assert stats.attestations == stats.relations_total + stats.events_total + 1
    # the US-SDF sponsorship is hedged in one article only, so as a fact it is not hedged
    assert stats.hedged_facts == 0


def test_graph_triples(stats: StoreStats) -> None:
    assert sorted(k for k in stats.graphs if not k.startswith("article/")) == [
        "derived",
        "ontology",
    ]
    assert sum(1 for k in stats.graphs if k.startswith("article/")) == 2
    assert stats.triples == sum(stats.graphs.values())


def test_hedged_fact_counted() -> None:
    from conftest import write_articles

    arts = handmade_articles()
    with KGStore(None) as st:
        write_articles(st, arts[1:])  # only the article with the hedged statement
        assert store_stats(st).hedged_facts == 1


def test_sorted_by_count_then_name(stats: StoreStats) -> None:
    items = list(stats.actors.items())
    assert items == sorted(items, key=lambda kv: (-kv[1], kv[0]))


def test_format_text(stats: StoreStats) -> None:
    lines = format_stats(stats).splitlines()
    assert lines[0].split() == ["articles", "2"]
    assert "  article/* (2 graphs)" in "\n".join(lines)
    widths = {len(line) for line in lines}
    assert len(widths) == 1  # aligned


def test_format_json_round_trips(stats: StoreStats) -> None:
    assert StoreStats(**json.loads(format_stats(stats, "json"))) == stats


def test_format_unknown() -> None:
    with pytest.raises(InputError, match="unknown stats format 'xml': use 'table' or 'json'"):
        format_stats(StoreStats(), "xml")


def test_cli(handmade_store_path: Path) -> None:
    res = CliRunner().invoke(
        cli, ["stats", "--store", str(handmade_store_path), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["articles"] == 2
    res = CliRunner().invoke(cli, ["stats", "--store", str(handmade_store_path)])
    assert res.exit_code == 0
    assert res.output.splitlines()[0].split() == ["articles", "2"]


def test_cli_missing_store(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1
    assert res.output == (
        f"Error: no conflict-kg store at {tmp_path / 'none'}: build one first with "
        f"'kg build ARTICLES --store {tmp_path / 'none'}', or pass --store DIR\n"
    )


def test_seed_store(seed_store_path: Path) -> None:
    """The seed build: every count consistent with the store's own totals."""
    with KGStore(seed_store_path, read_only=True) as st:
        s = store_stats(st)
    assert s.articles == 2
    assert s.relations_total == sum(s.relations.values())
    assert s.events_total <= sum(s.events.values())
    assert s.attestations >= s.relations_total + s.events_total


def test_the_build_summary_counts_what_kg_stats_counts(tmp_path: Path) -> None:
    """After a build and after --append, the summary's store counts are kg stats' totals."""
    samples = Path(__file__).resolve().parent.parent / "data" / "samples"
    store = tmp_path / "store"
    runner = CliRunner()
    for extra, article in ([], "2017-10-14-mayadin.txt"), (["--append"], "2017-10-20-raqqa.txt"):
        result = runner.invoke(
            cli, ["build", str(samples / article), "--store", str(store), *extra]
        )
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        held = lines.index("the store now holds (as kg stats counts them):")
        summary = dict(line.split() for line in lines[held + 1 : held + 7])
        with KGStore(store, read_only=True) as st:
            s = store_stats(st)
        assert summary == {
            "articles": str(s.articles),
            "actors": str(s.actors_total),
            "places": str(s.places_total),
            "relationships": str(s.relations_total),
            "events": str(s.events_total),
            "attestations": str(s.attestations),
        }
    assert summary["articles"] == "2"
    assert "1 article (" in result.output  # what this run built: the second article only
