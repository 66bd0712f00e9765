"""Read the graph back into plain values: the one SPARQL reader of the consumers.

Two levels, each usable on its own:

1. :func:`read_tables` runs the queries (SPARQL only) and keeps what they answer in a
   :class:`Tables`: entities with their kind, label and classes, relationships with the
   direction their direct edge is stated in, event roles, dates as written, attestations,
   derived confidences, theatres and articles (and, for the page, aliases, mentions,
   figures and analysis results);
2. :func:`read_facts` turns the tables into :class:`GraphFacts`: actors, places,
   relationships (:class:`Relation`) and events (:class:`Event`), each with its
   :class:`FactInfo` (combined confidence, attestations, first article date).

:mod:`kg.analysis` projects the facts into actor graphs; :mod:`kg.viz` builds its page from
the tables. :meth:`GraphFacts.within` keeps the facts of a :class:`~kg.model.Window`.

Examples
--------
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     facts = read_facts(st)
>>> facts.articles, facts.actors, facts.relations
(0, {}, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib.term import Identifier

from kg.model import EVENT_CLASSES, FuzzyDate, Window
from kg.rdf.derived import noisy_or
from kg.rdf.namespace import CKG, RELATION_ROLE_ROWS, local_name
from kg.rdf.store import KGStore

__all__ = [
    "HEDGED_FACTOR",
    "ActorInfo",
    "ArticleInfo",
    "Attestation",
    "Event",
    "FactInfo",
    "GraphFacts",
    "PlaceInfo",
    "Relation",
    "RelationRow",
    "Tables",
    "known_entities",
    "read_facts",
    "read_tables",
]

#: a hedged fact counts this much of its confidence in the actor graphs
HEDGED_FACTOR = 0.5
#: the top classes of entities, and the kind each gives
_KINDS = {"Actor": "actor", "Place": "place", "Event": "event"}


# ---------------------------------------------------------------- plain values


@dataclass(frozen=True)
class Attestation:
    """One article's statement of a fact: the quoted sentence and where it comes from."""

    iri: str
    quote: str = ""
    article: str | None = None
    confidence: float | None = None
    hedged: bool = False


@dataclass(frozen=True)
class ArticleInfo:
    """An article as the graph describes it (``published`` as written)."""

    iri: str
    title: str
    publishers: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class FactInfo:
    """What every relationship or event carries: provenance, confidence and dates.

    ``first_seen`` is the earliest publication date of an article stating the fact; a fact
    without a date of its own is dated by it.
    """

    iri: str
    label: str
    confidence: float
    attestations: int
    quotes: tuple[Attestation, ...] = ()
    first_seen: FuzzyDate | None = None
    #: every attestation hedges it ("believed to be backed by")
    hedged: bool = False

    @property
    def evidence(self) -> float:
        """Confidence as a tie counts it: :data:`HEDGED_FACTOR` times less when hedged."""
        return self.confidence * (HEDGED_FACTOR if self.hedged else 1.0)

    def to_dict(self) -> dict[str, object]:
        """JSON shape: IRI, label, confidence, attestation count and quotes."""
        return {
            "fact": self.iri,
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "attestations": self.attestations,
            **({"hedged": True} if self.hedged else {}),
            "quotes": [
                {"quote": q.quote, "article": q.article or "", "attestation": q.iri}
                for q in self.quotes
            ],
        }


@dataclass(frozen=True)
class Relation:
    """A qualified relationship: ``type`` is the direct edge's local name (``"backs"``)."""

    fact: FactInfo
    type: str
    subject: str
    object: str
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    #: theatre IRIs (``ckg:theatre``); empty: unplaced
    theatres: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """An event: ``cls`` is its ckg class local name (``"Capture"``)."""

    fact: FactInfo
    cls: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    supporters: tuple[str, ...] = ()
    place: str | None = None
    dates: tuple[FuzzyDate, ...] = ()
    #: theatre IRIs (``ckg:theatre``); empty: unplaced
    theatres: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorInfo:
    """An actor node: IRI, canonical label and ckg classes (local names, sorted)."""

    iri: str
    label: str
    classes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        """JSON shape ``{"iri": ..., "label": ...}``."""
        return {"iri": self.iri, "label": self.label}


@dataclass(frozen=True)
class PlaceInfo:
    """A place: label and the chain of places containing it, nearest first."""

    iri: str
    label: str
    ancestors: tuple[str, ...] = ()


@dataclass
class GraphFacts:
    """Actors, places, relationships and events of a store, as plain values."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    articles: int = 0
    #: actor IRI → IRI of the country it belongs to (``ckg:country``)
    countries: dict[str, str] = field(default_factory=dict)
    #: theatre IRI → label (``ckg:Theatre`` nodes)
    theatres: dict[str, str] = field(default_factory=dict)

    def in_theatre(self, theatre: str | None) -> GraphFacts:
        """The relationships and events of one theatre (``None``: the unplaced ones)."""
        want = (theatre,) if theatre else ()
        return replace(
            self,
            relations=[r for r in self.relations if _has(r.theatres, want)],
            events=[e for e in self.events if _has(e.theatres, want)],
        )

    def within(self, window: Window) -> GraphFacts:
        """The facts within ``window`` (actors and places are kept whole).

        >>> r = Relation(FactInfo("r", "A fights B", 0.8, 1), "fights", "a", "b",
        ...              start=FuzzyDate(2016), end=FuzzyDate(2016))
        >>> len(GraphFacts(relations=[r]).within(Window.parse(as_of="2017")).relations)
        0
        """
        if not window.active:
            return self
        return replace(
            self,
            relations=[
                r for r in self.relations if window.holds(r.start or r.fact.first_seen, r.end)
            ],
            events=[
                e
                for e in self.events
                if window.happened(e.dates or ((e.fact.first_seen,) if e.fact.first_seen else ()))
            ],
        )


def _has(theatres: tuple[str, ...], want: tuple[str, ...]) -> bool:
    return theatres == () if not want else want[0] in theatres


# ---------------------------------------------------------------- the queries

_Q_ENTITIES = """
SELECT ?e ?top ?label WHERE {
  VALUES ?top { ckg:Actor ckg:Place ckg:Event }
  ?e a ?top .
  OPTIONAL { ?e rdfs:label ?label }
}"""
_Q_CLASSES = """
SELECT ?e ?cls WHERE {
  VALUES ?top { ckg:Actor ckg:Place ckg:Event }
  ?e a ?top , ?cls .
  FILTER(?cls != ?top && STRSTARTS(STR(?cls), STR(ckg:)))
}"""
_Q_COUNTRIES = "SELECT DISTINCT ?a ?c WHERE { ?a a ckg:Actor ; ckg:country ?c }"
_Q_LOCATED = "SELECT ?p ?q WHERE { ?p a ckg:Place ; ckg:locatedIn ?q }"
_Q_RELATIONS = (
    """
SELECT ?r ?type ?a ?b ?label ?ab ?ba WHERE {
  VALUES (?edge ?ra ?rb) {
"""
    + RELATION_ROLE_ROWS
    + """  }
  ?r ckg:edge ?edge ; ?ra ?a ; ?rb ?b .
  FILTER(?ra != ?rb || STR(?a) < STR(?b))
  OPTIONAL { ?r rdfs:label ?label }
  BIND(EXISTS { ?a ?edge ?b } AS ?ab)
  BIND(EXISTS { ?b ?edge ?a } AS ?ba)
  BIND(STRAFTER(STR(?edge), "#") AS ?type)
}"""
)
_Q_ROLES = """
SELECT ?ev ?role ?x WHERE {
  VALUES ?role { ckg:agent ckg:target ckg:supporter ckg:place }
  ?ev a ckg:Event ; ?role ?x .
}"""
_Q_DATES = """
SELECT ?f ?prop ?d WHERE {
  VALUES ?prop { ckg:startDate ckg:endDate ckg:date }
  ?f ?prop ?d .
}"""
_Q_DERIVED = """
SELECT ?f ?conf ?n ?hedged WHERE {
  ?f ckg:attestationCount ?n ; ckg:confidence ?conf .
  OPTIONAL { ?f ckg:hedged ?hedged }
}"""
_Q_ATTESTATIONS = """
SELECT ?f ?att ?quote ?art ?conf ?hedged WHERE {
  ?f ckg:attestedBy ?att .
  OPTIONAL { ?att ckg:quote ?quote }
  OPTIONAL { ?att prov:wasDerivedFrom ?art . ?art a ckg:Article }
  OPTIONAL { ?att ckg:confidence ?conf }
  OPTIONAL { ?att ckg:hedged ?hedged }
}"""
_Q_THEATRES = "SELECT ?x ?t WHERE { ?x ckg:theatre ?t }"
_Q_COVERS = "SELECT ?x ?t WHERE { ?t ckg:covers ?x }"
_Q_THEATRE_LABELS = "SELECT ?t ?label WHERE { ?t a ckg:Theatre ; rdfs:label ?label }"
_Q_ARTICLES = """
SELECT ?art ?label ?title ?publisher ?published ?url WHERE {
  ?art a ckg:Article .
  OPTIONAL { ?art rdfs:label ?label }
  OPTIONAL { ?art ckg:title ?title }
  OPTIONAL { ?art ckg:publisher ?publisher }
  OPTIONAL { ?art ckg:published ?published }
  OPTIONAL { ?art ckg:url ?url }
}"""
# the page's own: names, where entities are mentioned, figures, stored analysis results
_Q_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_Q_MENTIONS = "SELECT ?e ?art WHERE { ?e ckg:mentionedIn ?art }"
_Q_FIGURES = """
SELECT ?ev ?prop ?n WHERE {
  VALUES ?prop { ckg:displaced ckg:killed ckg:wounded ckg:trapped ckg:fighters ckg:captured
                 ckg:civilians }
  ?ev ?prop ?n .
}"""
_Q_ANALYSIS = """
SELECT ?e ?bloc ?pr WHERE {
  ?e a ckg:Actor .
  OPTIONAL { ?e ckg:bloc ?bloc }
  OPTIONAL { ?e ckg:pagerank ?pr }
  FILTER(BOUND(?bloc) || BOUND(?pr))
}"""


def _float(term: Identifier | None) -> float | None:
    try:
        return float(str(term)) if term is not None else None
    except ValueError:
        return None


def _true(term: Identifier | None) -> bool:
    return str(term if term is not None else "false").lower() in ("true", "1")


# ---------------------------------------------------------------- the tables


@dataclass(frozen=True)
class RelationRow:
    """One relationship with a pair of its parties (a symmetric one's lesser IRI first);
    ``forward`` and ``backward`` say whether the graph states ``subject ?edge object`` and
    ``object ?edge subject``."""

    iri: str
    type: str
    subject: str
    object: str
    label: str
    forward: bool
    backward: bool


@dataclass
class Tables:
    """What the queries of :func:`read_tables` answered, keyed by IRI (plain strings)."""

    #: entity → its kinds (``actor``, ``place``, ``event``)
    kinds: dict[str, set[str]] = field(default_factory=dict)
    #: entity → its least label
    labels: dict[str, str] = field(default_factory=dict)
    #: entity → ckg classes (local names) besides its top class
    classes: dict[str, set[str]] = field(default_factory=dict)
    #: actor → countries (``ckg:country``)
    countries: dict[str, set[str]] = field(default_factory=dict)
    #: place → the places it is ``ckg:locatedIn``
    parents: dict[str, set[str]] = field(default_factory=dict)
    relations: list[RelationRow] = field(default_factory=list)
    #: event → ``(role, entity)`` for agent, target, supporter and place
    roles: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    #: ``(fact, "startDate" | "endDate" | "date")`` → dates as written
    dates: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    #: fact → ``(confidence, attestation count, hedged)`` from ``graph/derived``
    derived: dict[str, tuple[float | None, int, bool]] = field(default_factory=dict)
    attestations: dict[str, Attestation] = field(default_factory=dict)
    #: fact → its attestations' IRIs
    attested: dict[str, set[str]] = field(default_factory=dict)
    #: fact or article → theatres (``ckg:theatre``)
    theatre_of: dict[str, set[str]] = field(default_factory=dict)
    #: place → theatres covering it (``ckg:covers``)
    covered_by: dict[str, set[str]] = field(default_factory=dict)
    #: theatre → its least label
    theatre_labels: dict[str, str] = field(default_factory=dict)
    articles: dict[str, ArticleInfo] = field(default_factory=dict)
    # read with ``page=True`` only
    aliases: dict[str, set[str]] = field(default_factory=dict)
    mentions: dict[str, set[str]] = field(default_factory=dict)
    figures: dict[str, dict[str, int]] = field(default_factory=dict)
    #: actor → ``(bloc, pagerank)`` written by ``kg analyze --write``
    analysis: dict[str, tuple[int | None, float | None]] = field(default_factory=dict)

    def kind(self, iri: str) -> str | None:
        """The entity's kind (``actor`` before ``place`` before ``event``), or None."""
        kinds = self.kinds.get(iri, ())
        return next((k for k in _KINDS.values() if k in kinds), None)

    def date_values(self, fact: str, prop: str) -> list[FuzzyDate]:
        """The dates of ``fact`` under ``prop`` that read as dates, earliest first."""
        return sorted({d for v in self.dates.get((fact, prop), ()) if (d := _date(v))})


def _date(value: object) -> FuzzyDate | None:
    if value is None:
        return None
    try:
        return FuzzyDate.parse(str(value)[:10])
    except ValueError:
        return None


def _group(rows: Iterable[dict[str, Any]], key: str, value: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(str(r[key]), set()).add(str(r[value]))
    return out


def _least(rows: Iterable[dict[str, Any]], key: str, value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows:
        k, v = str(r[key]), str(r[value])
        out[k] = min(out.get(k, v), v)
    return out


def _read_entities(store: KGStore, t: Tables) -> None:
    rows = store.select(_Q_ENTITIES)
    for r in rows:
        t.kinds.setdefault(str(r["e"]), set()).add(_KINDS[local_name(r["top"])])
    t.labels = _least((r for r in rows if "label" in r), "e", "label")
    for r in store.select(_Q_CLASSES):
        t.classes.setdefault(str(r["e"]), set()).add(local_name(r["cls"]))
    t.countries = _group(store.select(_Q_COUNTRIES), "a", "c")
    t.parents = _group(store.select(_Q_LOCATED), "p", "q")


def _read_facts_rows(store: KGStore, t: Tables) -> None:
    for r in store.select(_Q_RELATIONS):
        t.relations.append(
            RelationRow(
                str(r["r"]),
                str(r["type"]),
                str(r["a"]),
                str(r["b"]),
                str(r.get("label", "")),
                _true(r.get("ab")),
                _true(r.get("ba")),
            )
        )
    for r in store.select(_Q_ROLES):
        t.roles.setdefault(str(r["ev"]), set()).add((local_name(r["role"]), str(r["x"])))
    for r in store.select(_Q_DATES):
        t.dates.setdefault((str(r["f"]), local_name(r["prop"])), set()).add(str(r["d"]))
    t.derived = {
        str(r["f"]): (_float(r["conf"]), int(str(r["n"])), _true(r.get("hedged")))
        for r in store.select(_Q_DERIVED)
    }


def _read_provenance(store: KGStore, t: Tables) -> None:
    for r in store.select(_Q_ATTESTATIONS):
        att = str(r["att"])
        t.attested.setdefault(str(r["f"]), set()).add(att)
        t.attestations[att] = Attestation(
            att,
            str(r.get("quote", "")),
            str(r["art"]) if "art" in r else None,
            _float(r.get("conf")),
            _true(r.get("hedged")),
        )
    t.theatre_of = _group(store.select(_Q_THEATRES), "x", "t")
    t.covered_by = _group(store.select(_Q_COVERS), "x", "t")
    t.theatre_labels = _least(store.select(_Q_THEATRE_LABELS), "t", "label")
    publishers: dict[str, set[str]] = {}
    for r in store.select(_Q_ARTICLES):
        a = str(r["art"])
        if "publisher" in r:
            publishers.setdefault(a, set()).add(str(r["publisher"]))
        if a not in t.articles:
            title = str(r.get("title", r.get("label", "")))
            url = str(r["url"]) if "url" in r else None
            published = str(r["published"]) if "published" in r else None
            t.articles[a] = ArticleInfo(a, title, (), published, url)
    t.articles = {
        a: replace(art, publishers=tuple(sorted(publishers.get(a, ()))))
        for a, art in sorted(t.articles.items())
    }


def _read_page_extras(store: KGStore, t: Tables) -> None:
    t.aliases = _group(store.select(_Q_ALIASES), "e", "alias")
    t.mentions = _group(store.select(_Q_MENTIONS), "e", "art")
    for r in store.select(_Q_FIGURES):
        t.figures.setdefault(str(r["ev"]), {})[local_name(r["prop"])] = int(str(r["n"]))
    for r in store.select(_Q_ANALYSIS):
        bloc = int(str(r["bloc"])) if "bloc" in r else None
        t.analysis[str(r["e"])] = (bloc, _float(r.get("pr")))


def read_tables(store: KGStore, *, page: bool = False) -> Tables:
    """Everything the consumers read from ``store``, through SPARQL only.

    Parameters
    ----------
    store : KGStore
        An open store (read-only is enough).
    page : bool
        Also read what only the graph page shows: aliases, mentions, figures and the
        results of ``kg analyze --write``.
    """
    t = Tables()
    _read_entities(store, t)
    _read_facts_rows(store, t)
    _read_provenance(store, t)
    if page:
        _read_page_extras(store, t)
    return t


_Q_KNOWN = """
SELECT ?e ?kind ?label ?cls (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts)
WHERE {
  VALUES ?kind { ckg:Actor ckg:Place }
  ?e a ?kind ; rdfs:label ?label ; a ?cls .
  ?cls rdfs:subClassOf ?kind .
  OPTIONAL { ?e skos:altLabel ?alt }
} GROUP BY ?e ?kind ?label ?cls ORDER BY ?e"""


def known_entities(store: KGStore) -> list[tuple[str, str, str, list[str]]]:
    """Actors and places already in ``store``: ``(kind, label, class, aliases)``.

    Used to resolve entities across builds (``kg build --append``).
    """
    out = []
    for r in store.select(_Q_KNOWN):
        kind = "actor" if r["kind"] == CKG.Actor else "place"
        alts = str(r.get("alts", "")).split("\x1f") if r.get("alts") else []
        out.append((kind, str(r["label"]), local_name(r["cls"]), alts))
    return out


# ---------------------------------------------------------------- the facts


#: a fact's :class:`FactInfo` under a label
_Fact = Callable[[str, str], FactInfo]


def _ancestors(iri: str, parents: dict[str, set[str]]) -> tuple[str, ...]:
    """Places containing ``iri``, breadth-first (nearest first), cycles ignored."""
    out: list[str] = []
    seen = {iri}
    frontier = [iri]
    while frontier:
        nxt: list[str] = []
        for p in frontier:
            for q in sorted(parents.get(p, ())):
                if q not in seen:
                    seen.add(q)
                    out.append(q)
                    nxt.append(q)
        frontier = nxt
    return tuple(out)


def _fact_infos(t: Tables) -> dict[str, FactInfo]:
    """Confidence, attestation count, quotes and first-seen date of every attested fact."""
    out: dict[str, FactInfo] = {}
    for iri, atts in t.attested.items():
        quotes = tuple(t.attestations[a] for a in sorted(atts))
        conf, n, hedged = t.derived.get(iri, (None, len(quotes), False))
        if conf is None:
            conf = noisy_or(q.confidence or 0.0 for q in quotes)
        seen = [
            d
            for q in quotes
            if q.article in t.articles and (d := _date(t.articles[q.article].published)) is not None
        ]
        first = min(seen, key=lambda d: (d.to_date(), d)) if seen else None
        out[iri] = FactInfo(iri, "", conf, n, quotes, first, hedged)
    return out


def _actors_and_places(t: Tables, gf: GraphFacts) -> None:
    for e in sorted(t.kinds):
        if "actor" in t.kinds[e]:
            label = t.labels.get(e) or local_name(e)
            gf.actors[e] = ActorInfo(e, label, tuple(sorted(t.classes.get(e, ()))))
        if "place" in t.kinds[e]:
            label = t.labels.get(e) or e.rsplit("/", 1)[-1]
            gf.places[e] = PlaceInfo(e, label, _ancestors(e, t.parents))
    for a in gf.actors:
        if t.countries.get(a):
            gf.countries[a] = min(t.countries[a])
    for a, info in gf.actors.items():
        if "State" in info.classes and a not in gf.countries and "/actor/" in a:
            gf.countries[a] = a.replace("/actor/", "/place/", 1)


def _relations(t: Tables, fact: _Fact) -> list[Relation]:
    labels: dict[tuple[str, str, str, str], str] = {}
    for r in t.relations:
        key = (r.iri, r.type, r.subject, r.object)
        labels[key] = min(labels.get(key, r.label), r.label)
    out = []
    for (iri, type_, a, b), label in sorted(labels.items()):
        starts = t.date_values(iri, "startDate")
        ends = t.date_values(iri, "endDate")
        out.append(
            Relation(
                fact(iri, label or iri),
                type_,
                a,
                b,
                min(starts, key=lambda d: (d.to_date(), d)) if starts else None,
                max(ends, key=lambda d: (d.last_day(), d)) if ends else None,
                tuple(sorted(t.theatre_of.get(iri, ()))),
            )
        )
    return out


def _events(t: Tables, fact: _Fact) -> list[Event]:
    out = []
    for iri in sorted(e for e, kinds in t.kinds.items() if "event" in kinds):
        classes = t.classes.get(iri, set())
        if not classes:
            continue
        known = sorted(c for c in classes if c in EVENT_CLASSES)
        roles = t.roles.get(iri, set())

        def of(role: str, roles: set[tuple[str, str]] = roles) -> tuple[str, ...]:
            return tuple(sorted(x for r, x in roles if r == role))

        places = of("place")
        out.append(
            Event(
                fact(iri, t.labels.get(iri, "") or iri),
                known[0] if known else min(classes),
                of("agent"),
                of("target"),
                of("supporter"),
                places[0] if places else None,
                tuple(t.date_values(iri, "date")),
                tuple(sorted(t.theatre_of.get(iri, ()))),
            )
        )
    return out


def read_facts(store: KGStore, tables: Tables | None = None) -> GraphFacts:
    """Actors, places, relationships and events of ``store`` (SPARQL only).

    Facts without an attestation get confidence 0 and no quotes (they should not exist).
    ``tables``, when given, are used instead of reading the store again.
    """
    t = tables or read_tables(store)
    gf = GraphFacts(articles=len(t.articles), theatres=dict(t.theatre_labels))
    _actors_and_places(t, gf)
    infos = _fact_infos(t)

    def fact(iri: str, label: str) -> FactInfo:
        return replace(infos.get(iri) or FactInfo(iri, "", 0.0, 0), label=label)

    gf.relations = _relations(t, fact)
    gf.events = _events(t, fact)
    return gf
