"""The ckg vocabulary as a closed rdflib namespace, and the instance and graph IRI bases.

A misspelt term fails at import time (``_fail = True``); ``tests/test_ontology.py`` keeps this
list in step with ``ontology/conflict.ttl``.

Examples
--------
>>> from kg.rdf.namespace import CKG
>>> str(CKG.backs)
'https://w3id.org/conflict-kg/ontology#backs'
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "CKG",
    "CKG_NS",
    "GEO",
    "GRAPH",
    "ID",
    "ONTOLOGY_IRI",
    "PASTEABLE_LOCAL",
    "PREFIXES",
    "PROV",
    "RELATION_ROLE_ROWS",
    "SCHEMA",
    "local_name",
    "pasteable",
]

#: The ontology namespace IRI as a string (``ckg:``); :class:`CKG` holds its terms.
CKG_NS = "https://w3id.org/conflict-kg/ontology#"


class CKG(DefinedNamespace):
    """Terms of ``https://w3id.org/conflict-kg/ontology#``."""

    _NS = Namespace(CKG_NS)
    _fail = True

    # actors
    Actor: URIRef
    State: URIRef
    Government: URIRef
    ArmedForces: URIRef
    ArmedGroup: URIRef
    Militia: URIRef
    TerroristOrganization: URIRef
    Coalition: URIRef
    Person: URIRef
    InternationalOrganization: URIRef
    MediaOrganization: URIRef
    # places
    Place: URIRef
    Country: URIRef
    Province: URIRef
    District: URIRef
    Region: URIRef
    Settlement: URIRef
    Facility: URIRef
    River: URIRef
    # events
    Event: URIRef
    Capture: URIRef
    Offensive: URIRef
    Battle: URIRef
    Siege: URIRef
    SiegeLifted: URIRef
    Airstrike: URIRef
    Bombardment: URIRef
    Attack: URIRef
    ViolenceAgainstCivilians: URIRef
    Displacement: URIRef
    Withdrawal: URIRef
    Ceasefire: URIRef
    Negotiation: URIRef
    CasualtyReport: URIRef
    # relationships
    Relationship: URIRef
    Sponsorship: URIRef
    Alliance: URIRef
    Hostility: URIRef
    Tension: URIRef
    Membership: URIRef
    Leadership: URIRef
    Control: URIRef
    # provenance
    Article: URIRef
    Attestation: URIRef
    Curation: URIRef
    # direct edges
    backs: URIRef
    alliedWith: URIRef
    fights: URIRef
    tensionWith: URIRef
    memberOf: URIRef
    leads: URIRef
    controls: URIRef
    locatedIn: URIRef
    country: URIRef
    # theatres (graph/derived)
    Theatre: URIRef
    theatre: URIRef
    covers: URIRef
    # qualified roles
    edge: URIRef
    sponsor: URIRef
    client: URIRef
    party: URIRef
    member: URIRef
    organization: URIRef
    leader: URIRef
    controller: URIRef
    territory: URIRef
    startDate: URIRef
    endDate: URIRef
    asOf: URIRef
    # event properties
    agent: URIRef
    target: URIRef
    supporter: URIRef
    place: URIRef
    date: URIRef
    displaced: URIRef
    killed: URIRef
    wounded: URIRef
    trapped: URIRef
    fighters: URIRef
    captured: URIRef
    civilians: URIRef
    # provenance properties
    attestedBy: URIRef
    quote: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    method: URIRef
    hedged: URIRef
    attestationCount: URIRef
    mentionedIn: URIRef
    title: URIRef
    publisher: URIRef
    published: URIRef
    url: URIRef
    contentHash: URIRef
    sourceName: URIRef
    dateKnown: URIRef
    text: URIRef
    # analysis results
    bloc: URIRef
    degreeCentrality: URIRef
    betweenness: URIRef
    pagerank: URIRef
    community: URIRef
    # alignment schemes
    ACLEDEventTypes: URIRef
    PLOVERCategories: URIRef


ONTOLOGY_IRI = URIRef(CKG_NS.rstrip("#"))
ID = Namespace("https://w3id.org/conflict-kg/id/")
GRAPH = Namespace("https://w3id.org/conflict-kg/graph/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")

#: Prefixes bound in every store, query and serialisation.
PREFIXES: dict[str, str] = {
    "ckg": CKG_NS,
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "dcterms": "http://purl.org/dc/terms/",
}

#: local names a prefixed name may carry as typed, in SPARQL and Turtle alike (no escapes)
PASTEABLE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def pasteable(iri: str) -> str:
    """An IRI as people should see it: a prefixed name when that is valid SPARQL, else ``<iri>``.

    Either form pastes back into a query (``kg query -e``) or a Turtle file. Instance IRIs
    hold a ``/`` (``id:actor/iran`` is not a valid prefixed name), so they are written whole.

    >>> pasteable("https://w3id.org/conflict-kg/ontology#alliedWith")
    'ckg:alliedWith'
    >>> pasteable("https://w3id.org/conflict-kg/id/actor/iran")
    '<https://w3id.org/conflict-kg/id/actor/iran>'
    """
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and PASTEABLE_LOCAL.match(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def local_name(iri: object) -> str:
    """The last segment of an IRI: what follows its last ``#`` or ``/``.

    A ckg term's name, an instance IRI's key:

    >>> local_name(CKG.Capture), local_name("https://w3id.org/conflict-kg/id/actor/iran")
    ('Capture', 'iran')
    """
    text = str(iri)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


def _relation_role_rows() -> str:
    from kg.model import RELATION_TYPES

    return "".join(
        f"    (ckg:{edge} ckg:{subj} ckg:{obj})\n"
        for edge, (_cls, subj, obj, _sym) in RELATION_TYPES.items()
    )


#: SPARQL ``VALUES (?edge ?subjectRole ?objectRole)`` rows for every relationship type, from
#: :data:`kg.model.RELATION_TYPES` (vocabulary, not user data: safe to splice into a query).
RELATION_ROLE_ROWS = _relation_role_rows()
