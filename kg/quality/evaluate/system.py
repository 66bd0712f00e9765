"""The system side: what a store holds for one article, read for scoring."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg.model import FuzzyDate
from kg.quality.evaluate.gold import (
    _CLASS_TO_GOLD,
    _EDGE_TO_GOLD,
    gold_match_key,
)
from kg.rdf.namespace import CKG, local_name
from kg.rdf.store import KGStore


@dataclass
class _SysEntity:
    iri: URIRef
    label: str
    names: set[str]
    classes: set[str]


@dataclass
class _SysFact:
    iri: URIRef
    type: str  # gold type
    args: tuple[URIRef, ...]  # relation: (subject, object); event: agents
    place: URIRef | None = None
    classes: set[str] = field(default_factory=set)
    dates: list[FuzzyDate] = field(default_factory=list)
    label: str = ""
    quote: str = ""
    start: list[FuzzyDate] = field(default_factory=list)
    end: list[FuzzyDate] = field(default_factory=list)


_ENTITIES = """
SELECT ?article ?e ?top ?label ?cls ?alt WHERE {
  VALUES ?top { ckg:Actor ckg:Place }
  ?e a ?top ; rdfs:label ?label .
  { ?e ckg:mentionedIn ?article }
  UNION
  { ?fact ?role ?e ; ckg:attestedBy/prov:wasDerivedFrom ?article .
    FILTER(?role IN (ckg:sponsor, ckg:client, ckg:party, ckg:member, ckg:organization,
                     ckg:leader, ckg:controller, ckg:territory, ckg:agent, ckg:target,
                     ckg:supporter, ckg:place)) }
  OPTIONAL { ?e a ?cls FILTER(?cls != ?top && STRSTARTS(STR(?cls), STR(ckg:))) }
  OPTIONAL { ?e skos:altLabel ?alt }
}"""

_QUOTES = """
SELECT ?article ?f ?quote ?start WHERE {
  ?f ckg:attestedBy ?att .
  ?att prov:wasDerivedFrom ?article ; ckg:quote ?quote ; ckg:charStart ?start .
}"""

_RELATIONS = """
SELECT ?article ?r ?edge ?role ?arg ?label WHERE {
  VALUES ?role { ckg:sponsor ckg:client ckg:party ckg:member ckg:organization
                 ckg:leader ckg:controller ckg:territory }
  ?r a ckg:Relationship ; ckg:edge ?edge ; ?role ?arg ; rdfs:label ?label ;
     ckg:attestedBy/prov:wasDerivedFrom ?article .
}"""

_RELATION_DATES = """
SELECT ?article ?r ?p ?d WHERE {
  VALUES ?p { ckg:startDate ckg:endDate }
  ?r a ckg:Relationship ; ?p ?d ; ckg:attestedBy/prov:wasDerivedFrom ?article .
}"""

_SUBJECT_ROLES = {CKG.sponsor, CKG.member, CKG.leader, CKG.controller}

_EVENTS = """
SELECT ?article ?ev ?cls ?agent ?place ?date ?label WHERE {
  ?ev a ckg:Event , ?cls ; rdfs:label ?label ; ckg:attestedBy/prov:wasDerivedFrom ?article .
  FILTER(?cls != ckg:Event && STRSTARTS(STR(?cls), STR(ckg:)))
  OPTIONAL { ?ev ckg:agent ?agent }
  OPTIONAL { ?ev ckg:place ?place }
  OPTIONAL { ?ev ckg:date ?date }
}"""


def _bind(article: URIRef | None) -> dict[str, URIRef]:
    return {"article": article} if article is not None else {}


def _system_entities(store: KGStore, article: URIRef | None) -> dict[str, dict[URIRef, _SysEntity]]:
    out: dict[str, dict[URIRef, _SysEntity]] = {"actors": {}, "places": {}}
    for r in store.select(_ENTITIES, _bind(article)):
        section = "actors" if r["top"] == CKG.Actor else "places"
        e = out[section].setdefault(r["e"], _SysEntity(r["e"], str(r["label"]), set(), set()))
        e.names.add(gold_match_key(str(r["label"])))
        if "alt" in r:
            e.names.add(gold_match_key(str(r["alt"])))
        if "cls" in r:
            e.classes.add(local_name(r["cls"]))
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def _quotes(store: KGStore, article: URIRef | None) -> dict[URIRef, str]:
    best: dict[URIRef, tuple[int, str]] = {}
    for r in store.select(_QUOTES, _bind(article)):
        cand = (int(r["start"]), str(r["quote"]))
        if r["f"] not in best or cand < best[r["f"]]:
            best[r["f"]] = cand
    return {k: v[1] for k, v in best.items()}


def _system_relations(store: KGStore, article: URIRef | None) -> list[_SysFact]:
    roles: dict[URIRef, tuple[str, str, list[URIRef], list[URIRef]]] = {}
    for r in store.select(_RELATIONS, _bind(article)):
        edge = local_name(r["edge"])
        if edge not in _EDGE_TO_GOLD:
            continue
        entry = roles.setdefault(r["r"], (edge, str(r["label"]), [], []))
        (entry[2] if r["role"] in _SUBJECT_ROLES or r["role"] == CKG.party else entry[3]).append(
            r["arg"]
        )
    quotes = _quotes(store, article)
    dates: dict[tuple[URIRef, URIRef], set[FuzzyDate]] = {}
    for r in store.select(_RELATION_DATES, _bind(article)):
        dates.setdefault((r["r"], r["p"]), set()).add(FuzzyDate.parse(str(r["d"])))
    out = []
    for iri, (edge, label, subj, obj) in sorted(roles.items()):
        args = sorted(set(subj)) if not obj else sorted(set(subj))[:1] + sorted(set(obj))[:1]
        if len(args) != 2:  # a malformed node (kg validate reports it): pad, never crash
            args = (args + args)[:2]
        fact = _SysFact(iri, _EDGE_TO_GOLD[edge], tuple(args), label=label)
        fact.quote = quotes.get(iri, "")
        fact.start = sorted(dates.get((iri, CKG.startDate), ()), key=str)
        fact.end = sorted(dates.get((iri, CKG.endDate), ()), key=str)
        out.append(fact)
    return out


def _system_events(store: KGStore, article: URIRef | None) -> list[_SysFact]:
    events: dict[URIRef, _SysFact] = {}
    agents: dict[URIRef, set[URIRef]] = {}
    for r in store.select(_EVENTS, _bind(article)):
        ev = events.setdefault(r["ev"], _SysFact(r["ev"], "", (), label=str(r["label"])))
        ev.classes.add(local_name(r["cls"]))
        if "agent" in r:
            agents.setdefault(r["ev"], set()).add(r["agent"])
        if "place" in r:
            ev.place = r["place"]
        if "date" in r:
            d = FuzzyDate.parse(str(r["date"]))
            if d not in ev.dates:
                ev.dates.append(d)
    quotes = _quotes(store, article)
    for iri, ev in events.items():
        ev.args = tuple(sorted(agents.get(iri, ())))
        ev.type = min((_CLASS_TO_GOLD[c] for c in ev.classes if c in _CLASS_TO_GOLD), default="")
        ev.dates.sort(key=lambda d: (d.year, d.month, d.day))
        ev.quote = quotes.get(iri, "")
    return [events[k] for k in sorted(events)]
