"""Minting of every instance IRI: the one place user data becomes part of an IRI.

IRIs are deterministic: the same names, types and dates give the same IRIs on every build,
on every machine.

Examples
--------
>>> slug("Deir al-Zour")
'deir-al-zour'
>>> str(actor_iri("Syrian Democratic Forces"))
'https://w3id.org/conflict-kg/id/actor/syrian-democratic-forces'
>>> relation_iri("fights", "Islamic State", "Syrian Arab Army") == relation_iri(
...     "fights", "Syrian Arab Army", "Islamic State")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.model import RELATION_TYPES, FuzzyDate
from kg.rdf.namespace import GRAPH, ID

__all__ = [
    "actor_iri",
    "article_graph_iri",
    "article_iri",
    "attestation_iri",
    "entity_iri",
    "event_iri",
    "geometry_iri",
    "place_iri",
    "relation_iri",
    "slug",
    "theatre_iri",
]

ONTOLOGY_GRAPH = GRAPH["ontology"]
DERIVED_GRAPH = GRAPH["derived"]
CURATION_GRAPH = GRAPH["curation"]
ANALYSIS_GRAPH = GRAPH["analysis"]


def slug(text: str, max_len: int = 80) -> str:
    """Lower-case ASCII words joined by ``-``: diacritics dropped, apostrophes removed.

    >>> slug("Ḥayʼat Taḥrīr al-Shām")
    'hayat-tahrir-al-sham'
    """
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"['’ʼʻ`]", "", t).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if not t:
        t = "x" + _digest(text, 12)
    if len(t) > max_len:
        t = t[:max_len].rstrip("-") + "-" + _digest(text, 8)
    return t


def _digest(*parts: object, n: int = 16) -> str:
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


def actor_iri(key: str) -> URIRef:
    """IRI of the actor whose canonical name is ``key``."""
    return ID["actor/" + slug(key)]


def place_iri(key: str) -> URIRef:
    """IRI of the place whose canonical name is ``key``."""
    return ID["place/" + slug(key)]


def entity_iri(kind: str, key: str) -> URIRef:
    """IRI of an actor or place (``kind`` is ``"actor"`` or ``"place"``)."""
    if kind == "actor":
        return actor_iri(key)
    if kind == "place":
        return place_iri(key)
    raise ValueError(f"unknown entity kind {kind!r}: use 'actor' or 'place'")


def geometry_iri(place_key: str) -> URIRef:
    """IRI of a place's point geometry."""
    return ID["geometry/" + slug(place_key)]


def event_iri(type_: str, place: str | None, agents: list[str], date: FuzzyDate | None) -> URIRef:
    """IRI of an event: its class, place, agents and year.

    Two articles stating the same capture in the same year give one node, even when one says
    "last month" and the other "on 17 October"; the node then carries both dates.
    """
    year = str(date.year) if date else "undated"
    key = _digest(type_, place or "", "|".join(sorted(agents)), year, n=10)
    where = slug(place, 40) if place else "nowhere"
    return ID[f"event/{slug(type_)}-{where}-{year}-{key}"]


def relation_iri(type_: str, subject: str, obj: str) -> URIRef:
    """IRI of a qualified relationship; symmetric types ignore argument order."""
    if type_ not in RELATION_TYPES:
        raise ValueError(f"unknown relation type {type_!r}: use one of {sorted(RELATION_TYPES)}")
    if RELATION_TYPES[type_][3]:
        subject, obj = sorted((subject, obj))
    return ID[f"relation/{slug(type_)}-{slug(subject, 40)}--{slug(obj, 40)}"]


def article_iri(content_hash: str) -> URIRef:
    """IRI of an article, from the hash of its text."""
    return ID["article/" + content_hash.removeprefix("sha256:")[:16]]


def article_graph_iri(content_hash: str) -> URIRef:
    """IRI of the named graph holding what one article states."""
    return GRAPH["article/" + content_hash.removeprefix("sha256:")[:16]]


def attestation_iri(fact: URIRef, article: URIRef, start: int, end: int, method: str) -> URIRef:
    """IRI of one article's statement of one fact."""
    return ID["attestation/" + _digest(fact, article, start, end, method, n=20)]


def theatre_iri(country: URIRef | str) -> URIRef:
    """IRI of the theatre of war in a country, from the country's place IRI.

    >>> str(theatre_iri(place_iri("Syria")))
    'https://w3id.org/conflict-kg/id/theatre/syria'
    """
    return ID["theatre/" + str(country).rsplit("/", 1)[-1]]
