"""Turn an article's facts into RDF triples (pure: values in, triples out).

Examples
--------
>>> from kg.model import ArticleFacts, ArticleMeta, Entity, Evidence, RelationFact
>>> from kg.rdf.iri import actor_iri
>>> from kg.rdf.namespace import CKG
>>> facts = ArticleFacts(ArticleMeta("a.txt"), "The US-backed SDF advanced.")
>>> facts.entities["United States"] = Entity("United States", "actor", "State", "United States")
>>> facts.entities["Syrian Democratic Forces"] = Entity(
...     "Syrian Democratic Forces", "actor", "ArmedGroup", "Syrian Democratic Forces")
>>> ev = Evidence("The US-backed SDF advanced.", 0, 27, "backed-compound", 0.9)
>>> facts.relations.append(
...     RelationFact("backs", "United States", "Syrian Democratic Forces", ev))
>>> triples = article_triples(facts)
>>> (actor_iri("United States"), CKG.backs, actor_iri("Syrian Democratic Forces")) in triples
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import XSD, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.model import (
    RELATION_TYPES,
    ArticleFacts,
    ArticleMeta,
    Entity,
    EventFact,
    Evidence,
    FuzzyDate,
    RelationFact,
)
from kg.rdf.iri import (
    article_iri,
    attestation_iri,
    entity_iri,
    event_iri,
    geometry_iri,
    place_iri,
    relation_iri,
)
from kg.rdf.namespace import CKG, GEO, PROV, SCHEMA

__all__ = [
    "article_triples",
    "confidence_literal",
    "date_literal",
    "entity_triples",
    "evidence_triples",
]

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Terms are immutable, so each distinct one is built once and shared by every triple (and
# article) that uses it: building rdflib terms is most of what this module costs (a build writes
# them from the main process, see :mod:`kg.pipeline.build`). Predicates and classes are looked
# up once here instead of through the namespaces' ``__getattr__`` on every use.
_TYPE, _LABEL, _ALT = RDF.type, RDFS.label, SKOS.altLabel
_ACTOR, _PLACE, _ARTICLE, _EVENT, _RELATIONSHIP = (
    CKG.Actor,
    CKG.Place,
    CKG.Article,
    CKG.Event,
    CKG.Relationship,
)
_ATTESTATION, _ATTESTED_BY, _QUOTE, _CHAR_START, _CHAR_END = (
    CKG.Attestation,
    CKG.attestedBy,
    CKG.quote,
    CKG.charStart,
    CKG.charEnd,
)
_CONFIDENCE, _METHOD, _HEDGED = CKG.confidence, CKG.method, CKG.hedged
_MENTIONED_IN, _COUNTRY, _LOCATED_IN = CKG.mentionedIn, CKG.country, CKG.locatedIn
_CONTENT_HASH, _SOURCE_NAME, _TEXT, _DATE_KNOWN, _TITLE, _PUBLISHER, _PUBLISHED, _URL = (
    CKG.contentHash,
    CKG.sourceName,
    CKG.text,
    CKG.dateKnown,
    CKG.title,
    CKG.publisher,
    CKG.published,
    CKG.url,
)
_EDGE, _START_DATE, _END_DATE, _AS_OF, _PLACE_OF, _DATE = (
    CKG.edge,
    CKG.startDate,
    CKG.endDate,
    CKG.asOf,
    CKG.place,
    CKG.date,
)
_PROV_ENTITY, _DERIVED_FROM = PROV.Entity, PROV.wasDerivedFrom
_NEWS_ARTICLE = SCHEMA.NewsArticle
_HAS_GEOMETRY, _GEOMETRY, _AS_WKT, _WKT = GEO.hasGeometry, GEO.Geometry, GEO.asWKT, GEO.wktLiteral
_TRUE, _FALSE = Literal(True), Literal(False)
_CACHE = 16384  # distinct terms kept per kind (entities, labels, offsets ...) in a long build


@cache
def _ckg(name: str) -> URIRef:
    return CKG[name]


_entity_iri = lru_cache(maxsize=_CACHE)(entity_iri)
_place_iri = lru_cache(maxsize=_CACHE)(place_iri)
_geometry_iri = lru_cache(maxsize=_CACHE)(geometry_iri)
_relation_iri = lru_cache(maxsize=_CACHE)(relation_iri)


@lru_cache(maxsize=_CACHE)
def _plain(text: str) -> Literal:
    return Literal(text)


@lru_cache(maxsize=_CACHE)
def _int(n: int) -> Literal:
    return Literal(n)


def _bool(value: bool) -> Literal:
    return _TRUE if value is True else _FALSE if value is False else Literal(value)


_EVENT_LABEL = {
    "Capture": "Capture",
    "Offensive": "Offensive",
    "Battle": "Battle",
    "Siege": "Siege",
    "SiegeLifted": "Siege lifted",
    "Airstrike": "Airstrikes",
    "Bombardment": "Bombardment",
    "Attack": "Attack",
    "ViolenceAgainstCivilians": "Violence against civilians",
    "Displacement": "Displacement",
    "Withdrawal": "Withdrawal",
    "Ceasefire": "Ceasefire",
    "Negotiation": "Negotiations",
    "CasualtyReport": "Casualties",
}
_RELATION_LABEL = {
    "backs": "{s} backs {o}",
    "alliedWith": "{s} allied with {o}",
    "fights": "{s} fights {o}",
    "tensionWith": "{s} in tension with {o}",
    "memberOf": "{s} member of {o}",
    "leads": "{s} leads {o}",
    "controls": "{s} controls {o}",
}


def date_literal(d: FuzzyDate) -> Literal:
    """A typed literal whose datatype carries the precision.

    >>> date_literal(FuzzyDate(2017, 11)).datatype == XSD.gYearMonth
    True
    """
    return _date_literal(d)


_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


@lru_cache(maxsize=_CACHE)
def _date_literal(d: FuzzyDate) -> Literal:
    return Literal(str(d), datatype=_DATE_TYPES[d.precision])


def confidence_literal(value: float) -> Literal:
    """``xsd:decimal`` rounded to 3 places, so output is byte-for-byte stable."""
    return _decimal(f"{min(max(value, 0.0), 1.0):.3f}")


@lru_cache(maxsize=_CACHE)
def _decimal(text: str) -> Literal:
    # keyed by the text, not the float: 0.0 and -0.0 are equal keys but print differently
    return Literal(Decimal(text), datatype=XSD.decimal)


@lru_cache(maxsize=_CACHE)
def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _wkt(lat: float, lon: float) -> Literal:
    return Literal(f"POINT({lon:.4f} {lat:.4f})", datatype=_WKT)


def entity_triples(
    e: Entity, article: URIRef | None, surface_forms: Iterable[str] = ()
) -> list[Triple]:
    """Triples describing one actor or place as one article knows it."""
    s = _entity_iri(e.kind, e.key)
    out: list[Triple] = [(s, _TYPE, _ckg(e.cls)), (s, _LABEL, _en(e.label))]
    out.append((s, _TYPE, _ACTOR if e.kind == "actor" else _PLACE))
    for form in sorted(set(surface_forms) | e.aliases):
        if form and form != e.label:
            out.append((s, _ALT, _en(form)))
    if article is not None:
        out.append((s, _MENTIONED_IN, article))
    if e.country and not (e.kind == "place" and e.key == e.country):
        out.append((s, _COUNTRY, _place_iri(e.country)))
    if e.kind == "place" and e.parent and e.parent != e.key:
        out.append((s, _LOCATED_IN, _place_iri(e.parent)))
    if e.kind == "place" and e.coords is not None:
        g = _geometry_iri(e.key)
        out += [(s, _HAS_GEOMETRY, g), (g, _TYPE, _GEOMETRY), (g, _AS_WKT, _wkt(*e.coords))]
    return out


def evidence_triples(fact: URIRef, article: URIRef, ev: Evidence) -> list[Triple]:
    """The attestation of ``fact`` by ``article``."""
    a = attestation_iri(fact, article, ev.char_start, ev.char_end, ev.method)
    return [
        (fact, _ATTESTED_BY, a),
        (a, _TYPE, _ATTESTATION),
        (a, _TYPE, _PROV_ENTITY),
        (a, _DERIVED_FROM, article),
        (a, _QUOTE, _plain(ev.quote)),
        (a, _CHAR_START, _int(ev.char_start)),
        (a, _CHAR_END, _int(ev.char_end)),
        (a, _CONFIDENCE, confidence_literal(ev.confidence)),
        (a, _METHOD, _plain(ev.method)),
        (a, _HEDGED, _bool(ev.hedged)),
    ]


def article_node_triples(meta: ArticleMeta, text: str, content_hash: str) -> list[Triple]:
    """Triples describing the article itself."""
    a = article_iri(content_hash)
    out: list[Triple] = [
        (a, _TYPE, _ARTICLE),
        (a, _TYPE, _PROV_ENTITY),
        (a, _TYPE, _NEWS_ARTICLE),
        (a, _CONTENT_HASH, Literal(content_hash)),
        (a, _SOURCE_NAME, Literal(meta.source)),
        (a, _TEXT, Literal(text)),
        (a, _DATE_KNOWN, _bool(meta.date is not None)),
        (a, _LABEL, Literal(meta.title or meta.source, lang="en")),
    ]
    if meta.title:
        out.append((a, _TITLE, Literal(meta.title)))
    if meta.publisher:
        for p in meta.publisher.split(";"):
            if p.strip():
                out.append((a, _PUBLISHER, _plain(p.strip())))
    if meta.date:
        out.append((a, _PUBLISHED, _date_literal(meta.date)))
    if meta.url:
        out.append((a, _URL, Literal(meta.url, datatype=XSD.anyURI)))
    return out


def _best(evs: list[Evidence]) -> Evidence:
    return sorted(evs, key=lambda e: (-e.confidence, e.char_start, e.method))[0]


def _label_of(facts: ArticleFacts, key: str) -> str:
    e = facts.entities.get(key)
    return e.label if e else key


def _relation_triples(
    facts: ArticleFacts, article: URIRef, key: URIRef, rels: list[RelationFact]
) -> list[Triple]:
    r0 = rels[0]
    cls, srole, orole, _sym = RELATION_TYPES[r0.type]
    subj_kind = "actor"
    obj_kind = "place" if r0.type == "controls" else "actor"
    s, o = _entity_iri(subj_kind, r0.subject), _entity_iri(obj_kind, r0.object)
    edge = _ckg(r0.type)
    out: list[Triple] = [
        (s, edge, o),
        (key, _TYPE, _ckg(cls)),
        (key, _TYPE, _RELATIONSHIP),
        (key, _EDGE, edge),
        (key, _ckg(srole), s),
        (key, _ckg(orole), o),
        (
            key,
            _LABEL,
            _en(
                _RELATION_LABEL[r0.type].format(
                    s=_label_of(facts, r0.subject), o=_label_of(facts, r0.object)
                )
            ),
        ),
    ]
    for r in rels:
        if r.start:
            out.append((key, _START_DATE, _date_literal(r.start)))
        if r.end:
            out.append((key, _END_DATE, _date_literal(r.end)))
    if r0.type == "controls" and facts.meta.date:
        out.append((key, _AS_OF, _date_literal(facts.meta.date)))
    out += evidence_triples(key, article, _best([r.evidence for r in rels]))
    return out


def _event_label(facts: ArticleFacts, ev: EventFact) -> str:
    parts = [_EVENT_LABEL[ev.type]]
    if ev.place:
        parts.append(("in " if ev.type != "Capture" else "of ") + _label_of(facts, ev.place))
    if ev.agents:
        parts.append("by " + ", ".join(sorted(_label_of(facts, a) for a in ev.agents)))
    # the year only: the label must not differ between articles that state the same event
    # (its IRI is minted from class, place, agents and year)
    parts.append(f"({ev.date.year})" if ev.date else "(undated)")
    return " ".join(parts)


def _event_triples(
    facts: ArticleFacts, article: URIRef, key: URIRef, evs: list[EventFact]
) -> list[Triple]:
    e0 = evs[0]
    out: list[Triple] = [
        (key, _TYPE, _ckg(e0.type)),
        (key, _TYPE, _EVENT),
        (key, _LABEL, _en(_event_label(facts, e0))),
    ]
    if e0.place:
        out.append((key, _PLACE_OF, _place_iri(e0.place)))
    for ev in evs:
        for role, keys in (
            ("agent", ev.agents),
            ("target", ev.targets),
            ("supporter", ev.supporters),
        ):
            pred = _ckg(role)
            out += [(key, pred, _entity_iri("actor", k)) for k in keys]
        if ev.date:
            out.append((key, _DATE, _date_literal(ev.date)))
        for fig, n in ev.figures.items():
            out.append((key, _ckg(fig), _int(int(n))))
    out += evidence_triples(key, article, _best([e.evidence for e in evs]))
    return out


def article_triples(facts: ArticleFacts) -> set[Triple]:
    """Every triple one article contributes: its node, entities, relations, events.

    A fact stated twice in one article gets one attestation (the most confident statement);
    its dates and figures from every statement are kept.
    """
    h = facts.content_hash
    art = article_iri(h)
    out: set[Triple] = set(article_node_triples(facts.meta, facts.text, h))
    for key, ent in facts.entities.items():
        forms = facts.mentions.get(key)
        out.update(entity_triples(ent, art if forms is not None else None, forms or ()))
    rel_groups: dict[URIRef, list[RelationFact]] = {}
    for r in facts.relations:
        rel_groups.setdefault(_relation_iri(r.type, r.subject, r.object), []).append(r)
    for iri, rels in rel_groups.items():
        out.update(_relation_triples(facts, art, iri, rels))
    ev_groups: dict[URIRef, list[EventFact]] = {}
    for ev in facts.events:
        ev_groups.setdefault(event_iri(ev.type, ev.place, ev.agents, ev.date), []).append(ev)
    for iri, evs in ev_groups.items():
        out.update(_event_triples(facts, art, iri, evs))
    return out
