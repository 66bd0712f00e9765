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
    dt = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[d.precision]
    return Literal(str(d), datatype=dt)


def confidence_literal(value: float) -> Literal:
    """``xsd:decimal`` rounded to 3 places, so output is byte-for-byte stable."""
    return Literal(Decimal(f"{min(max(value, 0.0), 1.0):.3f}"), datatype=XSD.decimal)


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def entity_triples(
    e: Entity, article: URIRef | None, surface_forms: Iterable[str] = ()
) -> list[Triple]:
    """Triples describing one actor or place as one article knows it."""
    s = entity_iri(e.kind, e.key)
    out: list[Triple] = [(s, RDF.type, CKG[e.cls]), (s, RDFS.label, _en(e.label))]
    out.append((s, RDF.type, CKG.Actor if e.kind == "actor" else CKG.Place))
    for form in sorted(set(surface_forms) | e.aliases):
        if form and form != e.label:
            out.append((s, SKOS.altLabel, _en(form)))
    if article is not None:
        out.append((s, CKG.mentionedIn, article))
    if e.country and not (e.kind == "place" and e.key == e.country):
        out.append((s, CKG.country, place_iri(e.country)))
    if e.kind == "place" and e.parent and e.parent != e.key:
        out.append((s, CKG.locatedIn, place_iri(e.parent)))
    if e.kind == "place" and e.coords is not None:
        g = geometry_iri(e.key)
        lat, lon = e.coords
        out += [
            (s, GEO.hasGeometry, g),
            (g, RDF.type, GEO.Geometry),
            (g, GEO.asWKT, Literal(f"POINT({lon:.4f} {lat:.4f})", datatype=GEO.wktLiteral)),
        ]
    return out


def evidence_triples(fact: URIRef, article: URIRef, ev: Evidence) -> list[Triple]:
    """The attestation of ``fact`` by ``article``."""
    a = attestation_iri(fact, article, ev.char_start, ev.char_end, ev.method)
    return [
        (fact, CKG.attestedBy, a),
        (a, RDF.type, CKG.Attestation),
        (a, RDF.type, PROV.Entity),
        (a, PROV.wasDerivedFrom, article),
        (a, CKG.quote, Literal(ev.quote)),
        (a, CKG.charStart, Literal(ev.char_start)),
        (a, CKG.charEnd, Literal(ev.char_end)),
        (a, CKG.confidence, confidence_literal(ev.confidence)),
        (a, CKG.method, Literal(ev.method)),
        (a, CKG.hedged, Literal(ev.hedged)),
    ]


def article_node_triples(meta: ArticleMeta, text: str, content_hash: str) -> list[Triple]:
    """Triples describing the article itself."""
    a = article_iri(content_hash)
    out: list[Triple] = [
        (a, RDF.type, CKG.Article),
        (a, RDF.type, PROV.Entity),
        (a, RDF.type, SCHEMA.NewsArticle),
        (a, CKG.contentHash, Literal(content_hash)),
        (a, CKG.sourceName, Literal(meta.source)),
        (a, CKG.text, Literal(text)),
        (a, CKG.dateKnown, Literal(meta.date is not None)),
        (a, RDFS.label, _en(meta.title or meta.source)),
    ]
    if meta.title:
        out.append((a, CKG.title, Literal(meta.title)))
    if meta.publisher:
        for p in meta.publisher.split(";"):
            if p.strip():
                out.append((a, CKG.publisher, Literal(p.strip())))
    if meta.date:
        out.append((a, CKG.published, date_literal(meta.date)))
    if meta.url:
        out.append((a, CKG.url, Literal(meta.url, datatype=XSD.anyURI)))
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
    s, o = entity_iri(subj_kind, r0.subject), entity_iri(obj_kind, r0.object)
    out: list[Triple] = [
        (s, CKG[r0.type], o),
        (key, RDF.type, CKG[cls]),
        (key, RDF.type, CKG.Relationship),
        (key, CKG.edge, CKG[r0.type]),
        (key, CKG[srole], s),
        (key, CKG[orole], o),
        (
            key,
            RDFS.label,
            _en(
                _RELATION_LABEL[r0.type].format(
                    s=_label_of(facts, r0.subject), o=_label_of(facts, r0.object)
                )
            ),
        ),
    ]
    for r in rels:
        if r.start:
            out.append((key, CKG.startDate, date_literal(r.start)))
        if r.end:
            out.append((key, CKG.endDate, date_literal(r.end)))
    if r0.type == "controls" and facts.meta.date:
        out.append((key, CKG.asOf, date_literal(facts.meta.date)))
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
        (key, RDF.type, CKG[e0.type]),
        (key, RDF.type, CKG.Event),
        (key, RDFS.label, _en(_event_label(facts, e0))),
    ]
    if e0.place:
        out.append((key, CKG.place, place_iri(e0.place)))
    for ev in evs:
        for role, keys in (
            ("agent", ev.agents),
            ("target", ev.targets),
            ("supporter", ev.supporters),
        ):
            out += [(key, CKG[role], entity_iri("actor", k)) for k in keys]
        if ev.date:
            out.append((key, CKG.date, date_literal(ev.date)))
        for fig, n in ev.figures.items():
            out.append((key, CKG[fig], Literal(int(n))))
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
        rel_groups.setdefault(relation_iri(r.type, r.subject, r.object), []).append(r)
    for iri, rels in rel_groups.items():
        out.update(_relation_triples(facts, art, iri, rels))
    ev_groups: dict[URIRef, list[EventFact]] = {}
    for ev in facts.events:
        ev_groups.setdefault(event_iri(ev.type, ev.place, ev.agents, ev.date), []).append(ev)
    for iri, evs in ev_groups.items():
        out.update(_event_triples(facts, art, iri, evs))
    return out
