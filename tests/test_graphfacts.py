"""GraphFacts: what the end of a build gathers from the graphs it writes is what queries over
the finished store read (the SPARQL it replaced is the oracle here), and ``kg load`` tells
the lines of a shard apart as Oxigraph writes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline.build import store_counts
from kg.rdf.graphfacts import GraphFacts
from kg.rdf.iri import DERIVED_GRAPH
from kg.rdf.namespace import PREFIXES
from kg.rdf.store import KGStore
from kg.rdf.theatres import PARTY_ROLES
from kg.scale.load import ShardStream
from kg.scale.shards import graph_of
from tests.conftest import copy_store

#: the queries the rows replace: kind → (variables, pattern inside GRAPH ?g)
_ORACLE = {
    "countries": ("?p", "?p a ckg:Country"),
    "country_of": ("?x ?c", "?x ckg:country ?c"),
    "parents": ("?p ?q", "?p ckg:locatedIn ?q"),
    "place_names": ("?p ?n", "?p a ckg:Place . { ?p rdfs:label ?n } UNION { ?p skos:altLabel ?n }"),
    "country_labels": ("?p ?n", "?p a ckg:Country ; rdfs:label ?n"),
    "article_places": ("?p ?a", "?p a ckg:Place ; ckg:mentionedIn ?a"),
    "states": ("?a", "?a a ckg:State"),
    "events": ("?e ?p", "?e a ckg:Event . OPTIONAL { ?e ckg:place ?p }"),
    "edges": ("?r ?edge", "?r ckg:edge ?edge"),
    "roles": (
        "?f ?role ?x",
        "VALUES ?role { "
        + " ".join(f"ckg:{r}" for r in (*PARTY_ROLES, "territory"))
        + " } ?f ?role ?x",
    ),
    "spans": (
        "?f ?t ?a ?s ?e ?q",
        "?f ckg:attestedBy ?t . ?t prov:wasDerivedFrom ?a ; ckg:charStart ?s ; "
        "ckg:charEnd ?e ; ckg:quote ?q",
    ),
    "attestations": (
        "?f ?t ?c ?h",
        "?f ckg:attestedBy ?t . ?t ckg:confidence ?c . OPTIONAL { ?t ckg:hedged ?h }",
    ),
}


def _queried(st: KGStore, kind: str) -> set[tuple[str, ...]]:
    names, body = _ORACLE[kind]
    q = f"SELECT DISTINCT {names} WHERE {{ GRAPH ?g {{ {body} }} FILTER(?g != <{DERIVED_GRAPH}>) }}"
    res = st.ox.query(q, prefixes={k: str(v) for k, v in PREFIXES.items()})
    assert isinstance(res, ox.QuerySolutions)
    cols = [v.value for v in res.variables]
    return {tuple(s[c].value if s[c] is not None else "" for c in cols) for s in res}


def test_rows_are_what_queries_over_the_store_select(seed_store_path: Path, tmp_path: Path) -> None:
    with KGStore(copy_store(seed_store_path, tmp_path / "s")) as st:
        gathered = GraphFacts()
        gathered.add_store_graphs(st)
        for kind in _ORACLE:
            assert gathered.rows[kind] == _queried(st, kind), kind
        assert gathered.rows["spans"]
        assert gathered.rows["events"]
        assert gathered.counts() == store_counts(st)


def test_a_build_gathers_what_the_store_holds(seed_store_path: Path, tmp_path: Path) -> None:
    """The derived graph of the build (gathered graph by graph as written) is the one
    recomputed from the finished store."""
    from kg.rdf.derived import refresh_derived

    with KGStore(copy_store(seed_store_path, tmp_path / "s")) as st:
        g = ox.NamedNode(str(DERIVED_GRAPH))
        built = set(st.ox.quads_for_pattern(None, None, None, g))
        assert len(built) > 100
        refresh_derived(st)
        assert set(st.ox.quads_for_pattern(None, None, None, g)) == built


@pytest.mark.parametrize(
    "literal",
    [
        'say "no"',
        "back\\slash",
        "two\nlines\r\tand tab",
        "a <https://e.org/x> in it",
        "ends with a space <",
        "Ḥalab and 😀",
        "",
    ],
)
@pytest.mark.parametrize("kind", ["plain", "lang", "typed"])
def test_lines_as_oxigraph_writes_them_are_told_apart(literal: str, kind: str) -> None:
    # a quad gives its graph, the same statement as a triple of the default graph gives None,
    # whatever the literal holds (" <", quotes, escapes)
    value = {
        "plain": ox.Literal(literal),
        "lang": ox.Literal(literal, language="en"),
        "typed": ox.Literal(literal, datatype=ox.NamedNode("https://e.org/type")),
    }[kind]
    s, p, g = (ox.NamedNode(f"https://e.org/{n}") for n in "spg")
    for obj in (value, ox.NamedNode("https://e.org/o"), ox.BlankNode("b1")):
        data = ox.serialize(
            [ox.Quad(s, p, obj, g), ox.Quad(s, p, obj)], format=ox.RdfFormat.N_QUADS
        )
        assert data is not None
        quad, triple = data.splitlines()
        assert (graph_of(quad), graph_of(triple)) == (b"https://e.org/g", None)


def _stream(tmp_path: Path, gathered: GraphFacts) -> ShardStream:
    from kg.curation import load_curation
    from kg.pipeline.build import BuildReport
    from kg.scale.folder import ShardFolder

    folder = ShardFolder.of(tmp_path)
    return ShardStream(folder, load_curation(None), BuildReport(), None, gathered, merged=True)


def test_a_shard_read_line_by_line_keeps_its_owned_graphs_and_their_merge(tmp_path: Path) -> None:
    g1, g2 = "https://e.org/g1", "https://e.org/g2"
    quads = [
        f'<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" <{g}> .'
        for g in (g1, g2)
    ]
    merge = '<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .'
    data = "\n".join([merge, *quads]).encode() + b"\n"
    out = _stream(tmp_path, GraphFacts())._lines("x.nq", data, {g1.encode()}).decode()
    assert out == quads[0] + "\n" + merge + "\n"  # the merge line made again, once


def test_a_bad_shard_line_is_named(tmp_path: Path) -> None:
    from kg.errors import InputError

    data = b"<https://e.org/a> <https://e.org/p> .\n"
    with pytest.raises(InputError, match=r"x\.nq line 1 is not an N-Quads line"):
        _stream(tmp_path, GraphFacts())._lines("x.nq", data, set())


def test_bulk_load_stops_cleanly_on_bad_input(tmp_path: Path) -> None:
    """A syntax error stops the loader while chunks are still coming (no hang on the pipe);
    an error of the chunks' producer is raised as it is; ``meanwhile``'s result returned."""
    line = b'<https://e.org/a> <https://e.org/p> "x" <https://e.org/g> .\n'
    with KGStore(tmp_path / "s") as st:
        with pytest.raises(SyntaxError):
            st.bulk_load([b'<https://e.org/a> <https://e.org/p> "x .\n', *[line * 50_000] * 4])

        def failing() -> Iterator[bytes]:
            yield line
            raise ValueError("the producer failed")

        with pytest.raises(ValueError, match="the producer failed"):
            st.bulk_load(failing())
        assert st.bulk_load([line], meanwhile=lambda: 42) == 42
        assert ox.NamedNode("https://e.org/g") in set(st.ox.named_graphs())
