"""Where each triplestore serves the Graph Store Protocol, SPARQL query and SPARQL Update.

A profile turns the ENDPOINT a user gives ``kg push`` into three URLs. Paths are relative to
the endpoint, which is the server root for Oxigraph and Virtuoso, the dataset URL for Fuseki
(``http://host:3030/DATASET``) and the repository URL for GraphDB
(``http://host:7200/repositories/ID``).

Examples
--------
>>> e = endpoints("fuseki", "http://localhost:3030/conflict")
>>> e.gsp, e.query, e.update
('http://localhost:3030/conflict/data', 'http://localhost:3030/conflict/query', 'http://localhost:3030/conflict/update')
>>> endpoints("graphdb", "http://localhost:7200/repositories/ckg/").update
'http://localhost:7200/repositories/ckg/statements'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.errors import PushError

__all__ = ["PROFILES", "Endpoints", "Profile", "endpoints"]


@dataclass(frozen=True)
class Profile:
    """A triplestore's paths, relative to the endpoint (``""`` is the endpoint itself).

    Attributes
    ----------
    name : str
        ``oxigraph``, ``fuseki``, ...
    gsp, query, update : str
        Paths of the Graph Store Protocol service, the query and the update endpoints.
    auth : str
        The authentication scheme the store expects when credentials are given.
    atomic_update : bool
        Whether one SPARQL Update request is applied in one transaction (so replacing through
        a temporary graph and a ``MOVE`` never leaves the target half-written).
    update_triples, update_bytes : int
        The most triples and bytes one ``INSERT DATA`` request carries. Virtuoso 7.2 compiles
        an ``INSERT DATA`` into SQL and refuses one of 1,500 triples ("SP031: The length of
        generated SQL text has exceeded 10000 lines"; 1,200 pass), whatever their size.
    chunked : bool
        The Graph Store service reads a request body sent with chunked transfer encoding, so
        a graph streams in one request without a temporary file (tested live: Oxigraph;
        Virtuoso 7.2 answers 201 to a chunked ``PUT`` and stores nothing).
    atomic_put : bool
        One Graph Store ``PUT`` replaces the graph in one transaction, so a replace sent in
        one request needs no temporary graph.
    bulk : str or None
        A query parameter of the Graph Store service that loads without a transaction
        (faster), used when the target is empty or with ``--no-atomic``.
    merges_values : bool
        The store keeps literals as values, so two that are equal as values (``1`` and
        ``01``, ``"2017"^^xsd:gYear`` and ``"2017-01-01"^^xsd:date``) become one triple
        (Virtuoso: :mod:`kg.export.virtuoso_values`); the ``COUNT`` check expects that.
    """

    name: str
    gsp: str
    query: str
    update: str
    auth: str = "basic"
    atomic_update: bool = True
    update_triples: int = 50_000
    update_bytes: int = 16 << 20
    chunked: bool = False
    atomic_put: bool = False
    bulk: str | None = None
    merges_values: bool = False


#: The stores ``kg push --profile`` knows.
PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "oxigraph",
            gsp="store",
            query="query",
            update="update",
            chunked=True,
            atomic_put=True,
            bulk="no_transaction&lenient",  # our lines are Oxigraph's own dump: valid
        ),
        Profile("fuseki", gsp="data", query="query", update="update"),
        Profile(
            "virtuoso",
            gsp="sparql-graph-crud-auth",
            query="sparql",
            update="sparql-auth",
            auth="digest",
            atomic_update=False,
            update_triples=1_000,
            update_bytes=4 << 20,
            merges_values=True,
        ),
        Profile("graphdb", gsp="rdf-graphs/service", query="", update="statements"),
        Profile("generic", gsp="", query="", update=""),
    )
}


@dataclass(frozen=True)
class Endpoints:
    """The three URLs a push talks to."""

    gsp: str
    query: str
    update: str


def _join(base: str, path: str) -> str:
    return base if not path else base + "/" + path


def endpoints(
    profile: str,
    endpoint: str,
    *,
    gsp_url: str | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
) -> Endpoints:
    """The URLs of ``profile`` under ``endpoint``; explicit URLs override the profile's.

    Raises
    ------
    PushError
        Unknown profile, an endpoint that is not an http(s) URL, or credentials in the URL.
    """
    if profile not in PROFILES:
        raise PushError(f"unknown --profile {profile!r}: use one of {', '.join(PROFILES)}")
    for url in (endpoint, gsp_url, query_url, update_url):
        if url is not None:
            _check_url(url)
    p = PROFILES[profile]
    base = endpoint.rstrip("/")
    if profile == "virtuoso":
        # Virtuoso's services sit at the server root, whatever path the user gave.
        parts = urlsplit(base)
        base = f"{parts.scheme}://{parts.netloc}"
    return Endpoints(
        gsp=gsp_url or _join(base, p.gsp),
        query=query_url or _join(base, p.query),
        update=update_url or _join(base, p.update),
    )


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(
            f"{url!r} is not an http(s) URL: give the store's address, e.g. "
            "http://localhost:7878 for Oxigraph or http://localhost:3030/DATASET for Fuseki"
        )
    if parts.username is not None or parts.password is not None:
        raise PushError(
            f"the URL {parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}{parts.path} carries "
            "credentials: remove them and pass --user U --password-env VAR (the password is "
            "read from that environment variable)"
        )
