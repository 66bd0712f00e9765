"""Write ``docs/queries.md``: every named query, its header, and its output on the samples.

Run from the checkout: ``.venv/bin/python docs/gen_queries_md.py`` (about half a minute: it
builds ``data/samples`` into a temporary store, then runs each query's example). Pass
``--store DIR`` to use an existing store instead, ``--check`` to fail when the file on disk
differs from what would be written.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shlex
import sys
import tempfile
from pathlib import Path

from rdflib import URIRef

from kg.query.catalog import NamedQuery, list_queries
from kg.query.formats import format_result
from kg.query.run import QueryResult, run_query
from kg.rdf.store import KGStore
from kg.resources import data_dir

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "queries.md"
MAX_ROWS = 8
#: text columns quoted from articles are shortened in the samples
TEXT_COLUMNS = {"quote": 60, "detail": 60}

INTRO = """\
# Named queries

`kg query NAME` runs one of the SPARQL 1.1 queries in `queries/`; they run unchanged on the
local store (`--store DIR`) and on any SPARQL 1.1 endpoint loaded with the merged export
(`--endpoint URL`), and give the same rows on both. `kg query --list` lists them;
`kg query NAME --describe` shows a query's header.

```
kg query NAME|FILE.rq|-e 'SPARQL' [--param NAME=VALUE ...]
         [--format table|csv|tsv|json|xml|md] [--store DIR | --endpoint URL] [--update]
         [--limit N | --all]
```

**Rows shown.** A table on a terminal shows the first 100 rows and says so on standard error
when there are more (`(the first 100 rows; more with --limit N or --all)`); `--limit N`
shows N, `--all` every one. The other formats, and a table written to a file or a pipe, have
every row unless `--limit N` is given. On the local store the rows are read from Oxigraph
one by one and only those shown are converted (and one more, to know whether there are
more); the query itself still runs to the end when it has an `ORDER BY`, so the saving is
the conversion (about half the time of `evidence` on a 150,000-triple store, measured on a
loaded machine), not the evaluation. On an endpoint the rows past the limit are dropped
after the answer arrives.

## The header

Every query file starts with a comment header:

```sparql
# title: Who backs whom: sponsor, client, dates and number of sources
# description: Sponsorships (ckg:backs) with ... ; a long description continues on
#   lines starting with "#" and three spaces.
# param: client actor optional -- only sponsors of this actor (label, alias or IRI)
# param: min_length integer default 1 -- shortest chain to list
# lists: via
# example: kg query backers --param client="Syrian Democratic Forces"
```

`param:` reads `NAME TYPE (required | optional | default VALUE) -- DESCRIPTION`. `NAME` is
the SPARQL variable the value binds (`?client`). Types:

| type | the value given | binds |
|---|---|---|
| `actor`, `place` | a label or alias, or the entity's IRI (1) | the entity's IRI |
| `iri` | `<https://...>`, an absolute IRI, or a prefixed name (`id:actor/iran`) | the IRI |
| `date` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` | `xsd:gYear`, `xsd:gYearMonth` or `xsd:date` |
| `integer` | digits | `xsd:integer` |
| `string` | any text | a plain literal |
| `type` | a ckg class name (`Capture`, `ArmedGroup`) or its IRI | the class IRI |

(1) Labels match case-, accent- and punctuation-insensitively, a leading "the" ignored. A
label naming several entities is refused with the candidates and their IRIs; an unknown one
with close matches.

Values are data, never query text: they are bound by a `VALUES` block at the start of the
query's `WHERE` group, every term written by kg's own N-Triples serialiser (so
`x" } ; DROP ALL ; SELECT * { "` is just an odd string). Being inside the `WHERE` group, a
bound value is seen by every pattern and `FILTER`; an optional parameter given no value stays
unbound, so `FILTER(!BOUND(?place) || ...)` keeps everything. (rdflib's `initBindings`
would become Oxigraph substitutions, which join on the results after the query has run,
where a `FILTER` cannot see them; and an endpoint has no such mechanism at all. One `VALUES`
block gives the same rows on both.) A query without a header accepts any `--param`: a value
written `<...>` or as a known prefixed name binds an IRI, anything else a string.

`lists:` names result columns holding `" | "`-separated lists (`GROUP_CONCAT`): SPARQL leaves
their order to the engine, so kg sorts their items and output is the same on every run.

## Writing your own

Declare every prefix you use (`PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>`): the
local store knows conflict-kg's prefixes, an endpoint does not (`kg query --endpoint` adds the
missing ones for you). The local store's default graph is the merge of its named graphs:
every triple once, however many articles state it, as in an endpoint holding the merged
export, so plain triple patterns give the same rows on both (a join can still repeat a row,
e.g. a fact with two dates: use `DISTINCT` where that matters). An entity or fact may carry
several `rdfs:label`s (articles may name it differently): the named queries show the least.
`?x rdfs:label ?l FILTER NOT EXISTS { ?x rdfs:label ?l2 FILTER(STR(?l2) < STR(?l)) }` finds
it looking only at the labels of the rows at hand, while a `{ SELECT ?x (MIN(STR(?l)) AS
?label) ... GROUP BY ?x }` subquery reads every label in the store first: on a large store
that makes a query that keeps a few hundred rows many times slower. Restricted to the entities
of one role (`WHERE { [] ckg:sponsor ?x . ?x rdfs:label ?l }`, as `backers` does), the
subquery reads only their labels, once each, and beats the row-by-row check when the query
keeps most of the role's facts (`backers` on 1,000 articles: 142 against 177 ms, the same
rows in the same order). Put a group's `BIND`s
after its patterns and `OPTIONAL`s, not between them: a `BIND` splits the group, and
Oxigraph may then join the parts in a slow order. Dates come in three precisions; compare
them as strings (`STR(?date)`), never as typed values, which a SPARQL engine may refuse to
compare.

Sorting thousands of rows on long strings is slow in Oxigraph: each comparison in `ORDER BY`
costs microseconds for a string (or IRI) longer than 15 bytes, while numbers, dates and
shorter strings, held inline, compare almost for free (on 1,000 articles, sorting the 10,000
rows of `evidence` on `?factLabel` took about half of its time). Sort on 15-character pieces
of the label instead, each bound once per row (or once per entity, in the label subquery):
`BIND(SUBSTR(?label, 1, 15) AS ?k1)`, `SUBSTR(?label, 16, 15)`, `SUBSTR(?label, 31, 15)`, and
the rest, `SUBSTR(?label, 46)`, last: `ORDER BY ?k1 ?k2 ?k3 ?kr` gives exactly the order of
`ORDER BY ?label` on any engine, the rest being empty (and cheap) for most labels. Where a
column takes only a few values (the dozen sponsors of `opposing-sponsors`), a rank, the number
of values not after it, is cheaper still. Count such a rank with a join and a `FILTER`, not
with `OPTIONAL { ... FILTER(...) }`: rdflib does not let a `FILTER` inside an `OPTIONAL` see
the variables outside it, and finds nothing.

A syntax error reports its line and column and exits with status 1. A SPARQL Update is
refused unless `--update` is given, and a `SERVICE` clause (it calls another server over the
network) unless `--allow-service`. A query over 100,000 characters or nested more than 64
brackets deep is refused before it is parsed, and one running longer than `--timeout`
seconds (default 60) is stopped with a message.

After an update of the local store, its default graph is brought back to the merge of the
named graphs, changing only what differs, and `kg query --update` says how many triples that
added and took out and how many quads the named graphs hold (`update applied: the named
graphs hold 437 quads; the merged default graph +1 −0 triples`; counted once, after the
update: each count reads the whole store). The default graph holds nothing of its
own: a triple an update inserts there that no named graph states is taken out again (counted
in −, though the merge is as it was), and one it deletes there that a named graph still
states comes back (counted in +). To keep triples of your own, write them into a named graph:
`INSERT DATA { GRAPH <urn:my-notes> { ... } }` (a later build leaves graphs it did not write
alone). An update that is killed or interrupted leaves the store unfinished (readers
refuse it, naming the command): `kg repair --store DIR` repairs the merge from the named
graphs, reading no article again.

## Output formats

`table` (default; IRIs as prefixed names, literals by value, cells cut at 80 characters)
and `md` (a Markdown table) are for reading; `csv`, `tsv`, `json` and `xml` are the W3C
SPARQL 1.1 results formats, never cut. CONSTRUCT and DESCRIBE queries give Turtle.

## `kg serve`

`kg serve [--store DIR] [--port 7878] [--bind 127.0.0.1] [--engine auto|oxigraph|python]
[--timeout 60] [--cors ORIGIN] [--allow-host NAME] [--allow-service]` serves the store as a
read-only SPARQL 1.1 protocol endpoint at `http://HOST:PORT/query`, for YASGUI or any SPARQL
client, over the union of its graphs like `kg query`. With the `oxigraph` server binary
installed (`pip install oxigraph`, in the `dev` extra) the queries run in `oxigraph
serve-read-only`, which also serves a YASGUI page at `/`; otherwise (or with `--engine
python`) a small built-in server answers GET and POST queries with JSON, XML, CSV or TSV
results by `Accept` and, unlike a plain endpoint, knows conflict-kg's prefixes. It says
where it listens and stops on Ctrl-C or SIGTERM.

Both engines sit behind the same front, which refuses updates and `SERVICE` (unless
`--allow-service`), refuses queries over the size and nesting limits of `kg query`, and
stops a query after `--timeout` seconds (default 60; status 503). It answers only requests
whose `Host` header names this machine (`localhost`, an IP address, the machine's name, or
a name given with `--allow-host`), so a web page cannot reach it through DNS rebinding, and
sends `Access-Control-Allow-Origin` only to the origins given with `--cors` (never `*`). One
bad request gets an error status and the server goes on; an Oxigraph engine that stops, or
runs a query past the time-out, is restarted. With the `python` engine a query stopped by
the time-out is abandoned: its answer is dropped, but its thread runs until the query ends.

## The queries

{source}
"""


def _example_params(q: NamedQuery) -> dict[str, str]:
    """The ``--param`` values of the query's first example."""
    if not q.examples:
        return {}
    words = shlex.split(q.examples[0])
    out: dict[str, str] = {}
    for flag, value in itertools.pairwise(words):
        if flag in ("--param", "-p"):
            name, _sep, val = value.partition("=")
            out[name] = val
    return out


def _for_docs(result: QueryResult) -> tuple[QueryResult, int]:
    """At most :data:`MAX_ROWS` rows; IRI columns that have a label column dropped."""
    keep = []
    for i, v in enumerate(result.vars):
        label = f"{v}Label" in result.vars or (v == "item" and "itemLabel" in result.vars)
        iris = all(isinstance(r[i], URIRef) or r[i] is None for r in result.rows)
        if not (label and iris):
            keep.append(i)
    rows = []
    for row in result.rows[:MAX_ROWS]:
        cells = []
        for i in keep:
            t = row[i]
            cut = TEXT_COLUMNS.get(result.vars[i])
            if cut and t is not None and len(str(t)) > cut:
                t = type(t)(str(t)[: cut - 1].rstrip() + "…")
            cells.append(t)
        rows.append(tuple(cells))
    return QueryResult(result.form, [result.vars[i] for i in keep], rows), len(result.rows)


def render(store: KGStore, source: str) -> str:
    """The text of ``docs/queries.md`` for the queries run on ``store``."""
    parts = [INTRO.replace("{source}", source)]
    for q in list_queries():
        params = _example_params(q)
        shown, total = _for_docs(run_query(q, store, params))
        parts.append(f"### `{q.name}`: {q.title}\n")
        parts.append("```text\n" + q.describe() + "\n```\n")
        call = q.examples[0] if q.examples else f"kg query {q.name}"
        more = f" (first {MAX_ROWS} of {total} rows)" if total > MAX_ROWS else ""
        parts.append(f"`{call}`{more}:\n")
        parts.append(format_result(shown, "md") + "\n" if shown.rows else "*(no rows)*\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--store", type=Path, help="use this store instead of building the samples")
    ap.add_argument("--check", action="store_true", help="fail if docs/queries.md is stale")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.store is not None:
            path = args.store
            source = f"Sample output below comes from the store `{path}`."
        else:
            from kg.pipeline.build import build

            path = Path(tmp) / "store"
            samples = data_dir() / "samples"
            build([samples], path)
            source = (
                "Sample output below comes from the articles in `data/samples` "
                "(`kg build data/samples`), generated by `docs/gen_queries_md.py`; IRI columns "
                "are left out where a label column names the same thing, and quotes are cut."
            )
        with KGStore(path, read_only=True, must_exist=True) as st:
            text = render(st, source)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run docs/gen_queries_md.py", file=sys.stderr)
            return 1
        return 0
    tmp_out = OUT.with_suffix(".md.tmp")
    tmp_out.write_text(text, encoding="utf-8")
    os.replace(tmp_out, OUT)
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
