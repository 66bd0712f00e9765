"""Golden outputs: what ``kg analyze``, ``kg query``, ``kg stats`` and ``kg viz`` print or write
for one fixed graph, compared byte for byte, so that a change meant to keep behaviour fails
here, with a diff, when it does not.

The graph, ``tests/data/golden/graph.nq``, holds the two articles of hand-written facts of
:func:`conftest.handmade_articles` as ``kg build`` writes them (their article graphs and the
derived graph) and is kept as a file: no extraction runs, and a change to the extractor or
the writer does not move it, so these goldens speak for the consumers alone (the ontology is
loaded from ``ontology/conflict.ttl``, as a build does). A page golden is the page with its
four assets (vis-network's script and stylesheet, ``kg/viz/assets/app.js`` and ``app.css``)
as markers and its data indented, a value a line, so that a diff is readable.

After a change that is meant to alter an output, rewrite the goldens and review their diff::

    KG_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.analysis import ANALYSES
from kg.cli import cli
from kg.query.catalog import list_queries
from kg.rdf.store import KGStore

GOLDEN = Path(__file__).parent / "data" / "golden"
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"

#: (golden file, kg arguments): every analysis, with options that change what they compute
ANALYZE = [(f"analyze-{name}.json", ["analyze", name, "--format", "json"]) for name in ANALYSES]
ANALYZE += [
    ("analyze-blocs-all.json", ["analyze", "blocs", "--theatre", "all", "--format", "json"]),
    (
        "analyze-blocs-syria-strong.json",
        ["analyze", "blocs", "--theatre", "Syria", "--min-strength", "0.8", "--format", "json"],
    ),
    (
        "analyze-clash-risk-as-of.json",
        ["analyze", "clash-risk", "--as-of", "2017-11-03", "--format", "json"],
    ),
    ("analyze-blocs.txt", ["analyze", "blocs"]),
]
#: every named query with its defaults, and the ones taking an actor with one
QUERY = [(f"query-{q.name}.json", ["query", q.name, "--format", "json"]) for q in list_queries()]
QUERY = [c for c in QUERY if c[0] != "query-actor-profile.json"]
QUERY += [
    (
        "query-actor-profile-sdf.json",
        ["query", "actor-profile", "--param", "actor=SDF", "--format", "json"],
    ),
    (
        "query-evidence-iran.json",
        ["query", "evidence", "--param", "actor=Iran", "--format", "json"],
    ),
    ("query-backers.csv", ["query", "backers", "--format", "csv"]),
    ("stats.txt", ["stats"]),
]
#: (golden file, kg viz options)
PAGES = [
    ("page-actors.golden", []),
    ("page-full.golden", ["--view", "full"]),
    ("page-events.golden", ["--view", "events"]),
    ("page-syria-as-of.golden", ["--theatre", "Syria", "--as-of", "2017-11-03"]),
]


@pytest.fixture(scope="module")
def golden_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the golden graph, as a build leaves it."""
    path = tmp_path_factory.mktemp("golden") / "store"
    with KGStore(path) as st:
        st.ensure_ontology()
        st.ox.load(path=str(GOLDEN / "graph.nq"), format=ox.RdfFormat.N_QUADS)
        st.refresh_merged()
    return path


def _same_as_golden(name: str, got: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"no golden {path}: write it with KG_UPDATE_GOLDEN=1"
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = difflib.unified_diff(
            want.splitlines(keepends=True),
            got.splitlines(keepends=True),
            f"golden/{name}",
            "now",
            n=2,
        )
        pytest.fail(f"{name} differs from its golden:\n{''.join(list(diff)[:80])}")


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("name", "args"), ANALYZE + QUERY, ids=[n for n, _a in ANALYZE + QUERY])
def test_output_is_golden(golden_store: Path, name: str, args: list[str]) -> None:
    _same_as_golden(name, _run([*args, "--store", str(golden_store)]))


def _page_golden(page: str) -> str:
    """The page with its four assets as markers and its data indented (one value a line)."""
    from kg.viz.render import _ASSETS, _script, _vis_files, embed_json

    vis_js, vis_css = _vis_files()
    assets = {
        "vis-network script": vis_js,
        "vis-network stylesheet": vis_css,
        "app.js": (_ASSETS / "app.js").read_text(encoding="utf-8"),
        "app.css": (_ASSETS / "app.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        assert page.count(_script(text)) == 1, f"the page does not hold {name} once"
        page = page.replace(_script(text), f"/* {name} */")
    head, rest = page.split(_DATA_OPEN)
    data, tail = rest.split("</script>", 1)
    value = json.loads(data)
    assert data == embed_json(value)  # so the indented form below stands for the bytes
    return (
        head
        + _DATA_OPEN
        + "\n"
        + json.dumps(value, indent=1, sort_keys=True)
        + "\n</script>"
        + tail
    )


_DATA_OPEN = '<script id="kg-data" type="application/json">'


@pytest.mark.parametrize(("name", "options"), PAGES, ids=[n for n, _o in PAGES])
def test_page_is_golden(golden_store: Path, tmp_path: Path, name: str, options: list[str]) -> None:
    out = tmp_path / "page.html"
    _run(["viz", "--store", str(golden_store), "-o", str(out), *options])
    _same_as_golden(name, _page_golden(out.read_text(encoding="utf-8")))


def test_golden_graph_is_extraction_free() -> None:
    """The graph is data, not a build: its article graphs and derived graph only."""
    graphs = {q.graph_name.value for q in ox.parse(path=GOLDEN / "graph.nq")}
    assert len(graphs) == 3
    assert sum(g.startswith("https://w3id.org/conflict-kg/graph/article/") for g in graphs) == 2
