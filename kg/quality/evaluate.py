"""Score extraction against hand-made gold files (``kg eval``).

A gold file (YAML, format in ``../shared/eval/FORMAT.md``) lists, for one article, the actors,
places, relations and events a careful reader finds in its text. :func:`score_article` compares
one gold article with what a store holds for that article; :func:`evaluate_dir` builds each
article alone into a temporary store and scores it; :func:`format_result` renders the scores.

Matching, one-to-one and greedy in a fixed order (so scores are deterministic):

- **entities**: the system's actors and places are those the article mentions
  (``ckg:mentionedIn``) or that take part in a fact it attests. One matches a gold actor
  (place) when one of its labels equals the gold name or one of its ``aliases_in_text`` after
  :func:`normalise`. Pairs where the system's canonical label equals the gold name go first.
  Classes are not scored; their agreement with the gold ``kind`` is reported on the side.
- **relations**: same type and matched arguments; ``allied_with``, ``fights`` and ``tension``
  in either order. Dates of ``controls`` are not scored.
- **events**: an accepted class (``attack`` also accepts ``Bombardment``), the matched place
  (when gold names one), at least one matched agent (when gold has agents), and, when gold
  gives a date, a system date agreeing to the precision both give (an event with several
  dates matches when any agrees).

Examples
--------
>>> normalise("The Deir ez-Zor")
'deir ezzor'
>>> PRF(tp=3, fp=1, fn=1).f1
0.75
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.errors import InputError
from kg.model import FuzzyDate
from kg.rdf.namespace import CKG, local_name
from kg.rdf.store import KGStore

__all__ = [
    "ACTOR_KINDS",
    "EVENT_TYPES",
    "PLACE_KINDS",
    "PRF",
    "RELATION_TYPES",
    "ArticleScore",
    "DateCheck",
    "EvalResult",
    "GoldArticle",
    "GoldEntity",
    "GoldEvent",
    "GoldRelation",
    "Mismatch",
    "evaluate_dir",
    "format_result",
    "load_gold",
    "normalise",
    "parse_gold",
    "score_article",
]

#: gold actor kind → system classes that agree with it
ACTOR_KINDS: dict[str, frozenset[str]] = {
    "state": frozenset({"State"}),
    "government": frozenset({"Government"}),
    "armed_forces": frozenset({"ArmedForces"}),
    "armed_group": frozenset({"ArmedGroup", "Militia", "TerroristOrganization"}),
    "militia": frozenset({"Militia"}),
    "terrorist_organization": frozenset({"TerroristOrganization"}),
    "coalition": frozenset({"Coalition"}),
    "person": frozenset({"Person"}),
    "international_org": frozenset({"InternationalOrganization"}),
    "media": frozenset({"MediaOrganization"}),
}
#: gold place kind → system classes that agree with it
PLACE_KINDS: dict[str, frozenset[str]] = {
    "country": frozenset({"Country"}),
    "province": frozenset({"Province"}),
    "district": frozenset({"District"}),
    "region": frozenset({"Region"}),
    "city": frozenset({"Settlement"}),
    "town": frozenset({"Settlement"}),
    "village": frozenset({"Settlement"}),
    "river": frozenset({"River"}),
    "facility": frozenset({"Facility"}),
    "border_crossing": frozenset({"Facility"}),
}
#: gold relation type → (ckg direct edge, gold subject field, gold object field, symmetric)
RELATION_TYPES: dict[str, tuple[str, str, str, bool]] = {
    "backs": ("backs", "sponsor", "client", False),
    "allied_with": ("alliedWith", "a", "b", True),
    "fights": ("fights", "a", "b", True),
    "tension": ("tensionWith", "a", "b", True),
    "part_of": ("memberOf", "member", "group", False),
    "leads": ("leads", "leader", "group", False),
    "controls": ("controls", "actor", "place", False),
}
#: gold event type → ckg event classes it accepts
EVENT_TYPES: dict[str, frozenset[str]] = {
    "capture": frozenset({"Capture"}),
    "offensive": frozenset({"Offensive"}),
    "siege": frozenset({"Siege"}),
    "siege_broken": frozenset({"SiegeLifted"}),
    "airstrike": frozenset({"Airstrike"}),
    "battle": frozenset({"Battle"}),
    "attack": frozenset({"Attack", "Bombardment"}),
    "abuse": frozenset({"ViolenceAgainstCivilians"}),
    "displacement": frozenset({"Displacement"}),
    "withdrawal": frozenset({"Withdrawal"}),
    "ceasefire": frozenset({"Ceasefire"}),
    "negotiation": frozenset({"Negotiation"}),
    "casualties": frozenset({"CasualtyReport"}),
}
_Resolve = Callable[[str | None, str], URIRef | None]
_EDGE_TO_GOLD = {v[0]: k for k, v in RELATION_TYPES.items()}
_CLASS_TO_GOLD = {c: k for k, v in sorted(EVENT_TYPES.items(), reverse=True) for c in v}
SECTIONS = ("actors", "places", "relations", "events")


def normalise(name: str) -> str:
    """A name as entity matching compares it.

    Case-folded; diacritics, apostrophes and hyphens removed; a leading "the" dropped;
    runs of white space made one space.

    >>> normalise("Ḥay'at  Taḥrir al-Sham") == normalise("hayat tahrir alsham")
    True
    """
    t = unicodedata.normalize("NFKD", name)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    for ch in "'’ʼʻ`-‐‑–":
        t = t.replace(ch, "")
    words = t.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEntity:
    """A gold actor or place: canonical name, kind and the surface forms in the text."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> frozenset[str]:
        """Normalised name and aliases."""
        return frozenset(normalise(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldRelation:
    """A gold relation: gold type, subject and object names (a and b when symmetric)."""

    type: str
    subject: str
    object: str
    evidence: str = ""
    since: FuzzyDate | None = None
    until: FuzzyDate | None = None

    def __str__(self) -> str:
        return f"{self.type}({self.subject}, {self.object})"


@dataclass(frozen=True)
class GoldEvent:
    """A gold event: gold type, agents, targets, place and date (``None`` when not stated)."""

    type: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    date: FuzzyDate | None = None
    evidence: str = ""

    def __str__(self) -> str:
        who = ", ".join(self.agents) or "-"
        return f"{self.type} at {self.place or '-'} by {who} ({self.date or 'undated'})"


@dataclass
class GoldArticle:
    """The gold facts of one article; ``source`` names the gold file in messages."""

    article: str
    date: FuzzyDate | None
    actors: list[GoldEntity] = field(default_factory=list)
    places: list[GoldEntity] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    source: str = "<gold>"


def _fail(source: str, where: str, problem: str) -> InputError:
    return InputError(f"gold file {source}: {where}: {problem} (see ../shared/eval/FORMAT.md)")


def _str(source: str, where: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    raise _fail(source, where, f"expected a non-empty name, got {value!r}")


def _names(source: str, where: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _fail(source, where, f"expected a list of names, got {value!r}")
    return tuple(_str(source, f"{where}[{i}]", v) or "" for i, v in enumerate(value))


def _date(source: str, where: str, value: object) -> FuzzyDate | None:
    if value is None:
        return None
    try:
        return FuzzyDate.parse(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, AttributeError):
        raise _fail(
            source, where, f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


def _items(source: str, gold: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = gold.get(key) or []
    if not isinstance(items, list):
        raise _fail(source, key, f"expected a list, got {type(items).__name__}")
    for i, it in enumerate(items):
        if not isinstance(it, Mapping):
            raise _fail(source, f"{key}[{i}]", f"expected a mapping of fields, got {it!r}")
    return items


def parse_gold(gold: Mapping[str, Any], source: str = "<gold>") -> GoldArticle:
    """Check and read one gold file's content (the parsed YAML mapping).

    Raises
    ------
    InputError
        Naming ``source`` and the field at fault, when a field is missing or malformed.

    Examples
    --------
    >>> g = parse_gold({"article": "a.txt", "date": "2017-11",
    ...                 "actors": [{"name": "Iran", "kind": "state"}],
    ...                 "relations": [{"type": "fights", "a": "Iran", "b": "X"}]})
    >>> g.date, g.actors[0].name, str(g.relations[0])
    (FuzzyDate(year=2017, month=11, day=0), 'Iran', 'fights(Iran, X)')
    >>> parse_gold({"article": "a.txt", "events": [{"type": "party"}]}, "g.yaml")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: gold file g.yaml: events[0].type: unknown event type 'party': ...
    """
    if not isinstance(gold, Mapping):
        raise _fail(source, "top level", "expected a mapping with article, actors, places, ...")
    article = _str(source, "article", gold.get("article") or gold.get("url"))
    out = GoldArticle(article or "", _date(source, "date", gold.get("date")), source=source)
    for key, kinds, dest in (
        ("actors", ACTOR_KINDS, out.actors),
        ("places", PLACE_KINDS, out.places),
    ):
        for i, it in enumerate(_items(source, gold, key)):
            name = _str(source, f"{key}[{i}].name", it.get("name")) or ""
            kind = str(it.get("kind") or "")
            if kind not in kinds:
                raise _fail(
                    source,
                    f"{key}[{i}].kind",
                    f"unknown kind {kind!r} for {name!r}: use one of {', '.join(sorted(kinds))}",
                )
            aliases = _names(source, f"{key}[{i}].aliases_in_text", it.get("aliases_in_text"))
            dest.append(GoldEntity(name, kind, aliases))
    for i, it in enumerate(_items(source, gold, "relations")):
        type_ = str(it.get("type") or "")
        if type_ not in RELATION_TYPES:
            raise _fail(
                source,
                f"relations[{i}].type",
                f"unknown relation type {type_!r}: use one of {', '.join(sorted(RELATION_TYPES))}",
            )
        _edge, subj, obj, _sym = RELATION_TYPES[type_]
        s = _str(source, f"relations[{i}].{subj}", it.get(subj)) or ""
        o = _str(source, f"relations[{i}].{obj}", it.get(obj)) or ""
        out.relations.append(
            GoldRelation(
                type_,
                s,
                o,
                str(it.get("evidence") or ""),
                _date(source, f"relations[{i}].since", it.get("since")),
                _date(source, f"relations[{i}].until", it.get("until")),
            )
        )
    for i, it in enumerate(_items(source, gold, "events")):
        type_ = str(it.get("type") or "")
        if type_ not in EVENT_TYPES:
            raise _fail(
                source,
                f"events[{i}].type",
                f"unknown event type {type_!r}: use one of {', '.join(sorted(EVENT_TYPES))}",
            )
        out.events.append(
            GoldEvent(
                type_,
                _names(source, f"events[{i}].agents", it.get("agents")),
                _names(source, f"events[{i}].targets", it.get("targets")),
                _str(source, f"events[{i}].place", it.get("place"), optional=True),
                _date(source, f"events[{i}].date", it.get("date")),
                str(it.get("evidence") or ""),
            )
        )
    return out


def load_gold(path: Path) -> GoldArticle:
    """Read and check one gold YAML file.

    Raises
    ------
    InputError
        When the file cannot be read, is not YAML, or a field is malformed.
    """
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read gold file {path}: {e}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InputError(f"gold file {path} is not valid YAML: {e}") from None
    return parse_gold(data, str(path))


# ---------------------------------------------------------------------------- system side


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
        e.names.add(normalise(str(r["label"])))
        if "alt" in r:
            e.names.add(normalise(str(r["alt"])))
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


# ---------------------------------------------------------------------------- scoring


@dataclass
class PRF:
    """True positives, false positives and false negatives, with P, R and F1 from them.

    An empty denominator counts as perfect (nothing asked, nothing wrong).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rounded scores, for JSON."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Mismatch:
    """A missed gold fact or a spurious system fact, for the error listing.

    ``text`` is the gold evidence for a missed fact, the system's quote for a spurious one.
    """

    article: str
    section: str
    type: str
    fact: str
    text: str = ""


@dataclass(frozen=True)
class DateCheck:
    """Dates of a matched relation (reported, not scored): gold since/until and the system's
    start and end dates, and whether every gold date agrees with one of the system's."""

    article: str
    fact: str
    gold: str
    system: str
    agrees: bool


def _date_check(article: str, gr: GoldRelation, sf: _SysFact) -> DateCheck | None:
    if gr.since is None and gr.until is None:
        return None
    ok = all(
        want is None or any(want.agrees(d) for d in have)
        for want, have in ((gr.since, sf.start), (gr.until, sf.end))
    )

    def span(a: object, b: object) -> str:
        return f"{a or '?'}..{b or '?'}"

    got = span(",".join(map(str, sf.start)), ",".join(map(str, sf.end)))
    return DateCheck(article, str(gr), span(gr.since, gr.until), got, ok)


@dataclass
class ArticleScore:
    """Scores of one article: per section, per relation and event type, and the errors.

    ``class_agreement`` maps ``"actors"`` / ``"places"`` to ``(agreeing, matched)``: how many
    matched entities carry a class agreeing with the gold kind.
    """

    article: str
    sections: dict[str, PRF] = field(default_factory=lambda: {s: PRF() for s in SECTIONS})
    by_type: dict[str, dict[str, PRF]] = field(
        default_factory=lambda: {"relations": {}, "events": {}}
    )
    class_agreement: dict[str, tuple[int, int]] = field(default_factory=dict)
    missed: list[Mismatch] = field(default_factory=list)
    spurious: list[Mismatch] = field(default_factory=list)
    relation_dates: list[DateCheck] = field(default_factory=list)

    @property
    def micro(self) -> PRF:
        """Counts summed over every section."""
        total = PRF()
        for p in self.sections.values():
            total.add(p)
        return total


def _match_entities(gold: list[GoldEntity], system: dict[URIRef, _SysEntity]) -> dict[int, URIRef]:
    pairs = []
    for i, g in enumerate(gold):
        names = g.names
        canon = normalise(g.name)
        for iri, e in system.items():
            if names & e.names:
                pairs.append((0 if normalise(e.label) == canon else 1, i, str(iri), iri))
    pairs.sort()
    out: dict[int, URIRef] = {}
    used: set[URIRef] = set()
    for _rank, i, _s, iri in pairs:
        if i not in out and iri not in used:
            out[i] = iri
            used.add(iri)
    return out


def _resolver(
    gold: list[GoldEntity], matched: dict[int, URIRef], system: dict[URIRef, _SysEntity]
) -> dict[str, URIRef | None]:
    """Gold name → the system entity it stands for (via the gold entity lists)."""
    out: dict[str, URIRef | None] = {}
    for i, g in enumerate(gold):
        out.setdefault(normalise(g.name), matched.get(i))
        for a in g.aliases:
            out.setdefault(normalise(a), matched.get(i))
    for e in system.values():  # a name gold uses without listing it: match on names alone
        for n in sorted(e.names):
            out.setdefault(n, e.iri)
    return out


def _score_section(
    score: ArticleScore, section: str, n_gold: int, n_sys: int, n_match: int
) -> None:
    p = score.sections[section]
    p.tp += n_match
    p.fp += n_sys - n_match
    p.fn += n_gold - n_match


def score_article(
    gold: GoldArticle | Mapping[str, Any], store: KGStore, article: URIRef | None = None
) -> ArticleScore:
    """Score what ``store`` holds against one article's gold facts.

    Parameters
    ----------
    gold : GoldArticle or mapping
        A parsed gold file, or its raw mapping (checked with :func:`parse_gold`).
    store : KGStore
        An open store holding the article (usually built from that article alone).
    article : URIRef, optional
        Only score the entities this article mentions and the facts it attests; by default
        everything in the store.

    Returns
    -------
    ArticleScore
    """
    g = gold if isinstance(gold, GoldArticle) else parse_gold(gold)
    score = ArticleScore(g.article)
    ents = _system_entities(store, article)
    names: dict[str, dict[str, URIRef | None]] = {}
    for section, gold_ents in (("actors", g.actors), ("places", g.places)):
        system = ents[section]
        matched = _match_entities(gold_ents, system)
        _score_section(score, section, len(gold_ents), len(system), len(matched))
        kinds = ACTOR_KINDS if section == "actors" else PLACE_KINDS
        agree = sum(
            1 for i, iri in matched.items() if kinds[gold_ents[i].kind] & system[iri].classes
        )
        score.class_agreement[section] = (agree, len(matched))
        for i, ge in enumerate(gold_ents):
            if i not in matched:
                alias = f" (in text: {', '.join(ge.aliases)})" if ge.aliases else ""
                score.missed.append(Mismatch(g.article, section, ge.kind, ge.name + alias))
        used = set(matched.values())
        for iri, e in system.items():
            if iri not in used:
                cls = ", ".join(sorted(e.classes)) or "?"
                score.spurious.append(Mismatch(g.article, section, cls, e.label))
        names[section] = _resolver(gold_ents, matched, system)

    def resolve(name: str | None, section: str) -> URIRef | None:
        return names[section].get(normalise(name)) if name else None

    _score_relations(score, g, _system_relations(store, article), resolve)
    _score_events(score, g, _system_events(store, article), resolve)
    return score


def _score_relations(
    score: ArticleScore, g: GoldArticle, system: list[_SysFact], resolve: _Resolve
) -> None:
    used: set[URIRef] = set()
    by_type = score.by_type["relations"]
    for gr in g.relations:
        sym = RELATION_TYPES[gr.type][3]
        want = (
            resolve(gr.subject, "actors"),
            resolve(gr.object, "places" if gr.type == "controls" else "actors"),
        )
        hit = None
        if None not in want:
            for sf in system:
                if sf.iri in used or sf.type != gr.type:
                    continue
                if sf.args == want or (sym and sf.args == want[::-1]):
                    hit = sf
                    break
        p = by_type.setdefault(gr.type, PRF())
        if hit is None:
            p.fn += 1
            score.missed.append(Mismatch(g.article, "relations", gr.type, str(gr), gr.evidence))
        else:
            p.tp += 1
            used.add(hit.iri)
            check = _date_check(g.article, gr, hit)
            if check is not None:
                score.relation_dates.append(check)
    for sf in system:
        if sf.iri not in used:
            by_type.setdefault(sf.type, PRF()).fp += 1
            score.spurious.append(Mismatch(g.article, "relations", sf.type, sf.label, sf.quote))
    for p in by_type.values():
        score.sections["relations"].add(p)


def _event_matches(ge: GoldEvent, sf: _SysFact, resolve: _Resolve) -> bool:
    if not (EVENT_TYPES[ge.type] & sf.classes):
        return False
    place = resolve(ge.place, "places")
    if ge.place is not None and (place is None or place != sf.place):
        return False
    if ge.agents and not ({resolve(a, "actors") for a in ge.agents} - {None}) & set(sf.args):
        return False
    return ge.date is None or any(ge.date.agrees(d) for d in sf.dates)


def _score_events(
    score: ArticleScore, g: GoldArticle, system: list[_SysFact], resolve: _Resolve
) -> None:
    used: set[URIRef] = set()
    by_type = score.by_type["events"]
    for ge in g.events:
        hit = next(
            (sf for sf in system if sf.iri not in used and _event_matches(ge, sf, resolve)), None
        )
        p = by_type.setdefault(ge.type, PRF())
        if hit is None:
            p.fn += 1
            score.missed.append(Mismatch(g.article, "events", ge.type, str(ge), ge.evidence))
        else:
            p.tp += 1
            used.add(hit.iri)
    for sf in system:
        if sf.iri not in used:
            type_ = sf.type or "/".join(sorted(sf.classes))
            by_type.setdefault(type_, PRF()).fp += 1
            score.spurious.append(Mismatch(g.article, "events", type_, sf.label, sf.quote))
    for p in by_type.values():
        score.sections["events"].add(p)


# ---------------------------------------------------------------------------- a whole set


@dataclass
class EvalResult:
    """Scores of every article and their sums (micro-averages over articles)."""

    articles: list[ArticleScore] = field(default_factory=list)

    def _sum(self, pick: Any) -> PRF:
        total = PRF()
        for a in self.articles:
            total.add(pick(a))
        return total

    @property
    def sections(self) -> dict[str, PRF]:
        """Per section, summed over articles."""
        return {s: self._sum(lambda a, s=s: a.sections[s]) for s in SECTIONS}

    @property
    def micro(self) -> PRF:
        """Every fact of every section and article."""
        return self._sum(lambda a: a.micro)

    def by_type(self, section: str) -> dict[str, PRF]:
        """Relations or events per gold type, summed over articles."""
        out: dict[str, PRF] = {}
        for a in self.articles:
            for t, p in a.by_type[section].items():
                out.setdefault(t, PRF()).add(p)
        return dict(sorted(out.items()))

    def class_agreement(self, section: str) -> tuple[int, int]:
        """``(agreeing, matched)`` entities of ``section`` over all articles."""
        pairs = [a.class_agreement.get(section, (0, 0)) for a in self.articles]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    @property
    def missed(self) -> list[Mismatch]:
        """Every gold fact the system did not find."""
        return [m for a in self.articles for m in a.missed]

    @property
    def spurious(self) -> list[Mismatch]:
        """Every system fact no gold fact matched."""
        return [m for a in self.articles for m in a.spurious]

    @property
    def relation_dates(self) -> list[DateCheck]:
        """Dates of matched relations whose gold gives since/until (not scored)."""
        return [d for a in self.articles for d in a.relation_dates]

    def to_dict(self) -> dict[str, Any]:
        """Scores and errors, JSON-ready."""
        return {
            "articles": [a.article for a in self.articles],
            "micro": self.micro.to_dict(),
            "sections": {s: p.to_dict() for s, p in self.sections.items()},
            "relations": {t: p.to_dict() for t, p in self.by_type("relations").items()},
            "events": {t: p.to_dict() for t, p in self.by_type("events").items()},
            "class_agreement": {
                s: dict(zip(("agreeing", "matched"), self.class_agreement(s), strict=True))
                for s in ("actors", "places")
            },
            "missed": [m.__dict__ for m in self.missed],
            "spurious": [m.__dict__ for m in self.spurious],
            "relation_dates": [d.__dict__ for d in self.relation_dates],
        }


def _gold_files(gold_dir: Path) -> list[Path]:
    if not gold_dir.is_dir():
        raise InputError(
            f"gold folder {gold_dir} not found: pass a folder of *.gold.yaml files "
            "(e.g. ../shared/eval/dev)"
        )
    files = sorted(p for p in gold_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise InputError(f"gold folder {gold_dir} holds no .yaml gold files")
    return files


def evaluate_dir(
    gold_dir: Path | str,
    texts_dir: Path | str,
    *,
    default_date: str | None = None,
    workdir: Path | None = None,
) -> EvalResult:
    """Build each gold file's article alone and score it.

    Parameters
    ----------
    gold_dir : Path
        Folder of gold YAML files (one per article).
    texts_dir : Path
        Folder holding the articles the gold files name.
    default_date : str, optional
        Publication date for articles whose gold file gives none (``YYYY[-MM[-DD]]``).
    workdir : Path, optional
        Where the temporary stores go (default: a temporary folder, removed afterwards).

    Raises
    ------
    InputError
        When the gold folder or an article is missing, a gold file is malformed, or an
        article cannot be built.
    """
    from kg.pipeline.build import build

    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir)
    golds = [load_gold(p) for p in _gold_files(gold_dir)]
    if not texts_dir.is_dir():
        raise InputError(f"texts folder {texts_dir} not found: pass --texts DIR")
    for gold in golds:
        if not (texts_dir / gold.article).is_file():
            raise InputError(
                f"gold file {gold.source} names article {gold.article!r}, "
                f"which is not in {texts_dir}: check --texts"
            )
    result = EvalResult()
    with tempfile.TemporaryDirectory(dir=workdir, prefix="kg-eval-") as tmp:
        for n, gold in enumerate(golds):
            path = Path(tmp) / f"store-{n}"
            date = str(gold.date) if gold.date else default_date
            report = build([texts_dir / gold.article], path, default_date=date)
            if report.errors:
                src, msg = report.errors[0]
                raise InputError(f"cannot build {src} for gold file {gold.source}: {msg}")
            with KGStore(path, read_only=True, must_exist=True) as st:
                result.articles.append(score_article(gold, st))
    return result


# ---------------------------------------------------------------------------- output


def _table(rows: Iterable[tuple[str, ...]]) -> list[str]:
    rows = list(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]


def format_result(result: EvalResult, fmt: str = "table", *, show_errors: bool = False) -> str:
    """Render scores as an aligned ``"table"`` or as ``"json"``.

    With ``show_errors`` the table is followed by the missed and spurious facts (JSON always
    has them).

    Raises
    ------
    InputError
        When ``fmt`` is neither ``"table"`` nor ``"json"``.
    """
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    if fmt != "table":
        raise InputError(f"unknown eval format {fmt!r}: use 'table' or 'json'")

    def row(name: str, p: PRF, extra: str = "") -> tuple[str, ...]:
        return (
            name,
            str(p.tp),
            str(p.fp),
            str(p.fn),
            f"{p.precision:.3f}",
            f"{p.recall:.3f}",
            f"{p.f1:.3f}",
            extra,
        )

    rows: list[tuple[str, ...]] = [("section", "tp", "fp", "fn", "P", "R", "F1", "class ok")]
    sections = result.sections
    for s in SECTIONS:
        extra = ""
        if s in ("actors", "places"):
            ok, n = result.class_agreement(s)
            extra = f"{ok}/{n}"
        rows.append(row(s, sections[s], extra))
        if s in ("relations", "events"):
            rows += [row("  " + t, p) for t, p in result.by_type(s).items()]
    rows.append(row("micro (all facts)", result.micro))
    lines = [f"{len(result.articles)} article(s)", *_table(rows)]
    checks = result.relation_dates
    if checks:
        ok = sum(1 for d in checks if d.agrees)
        lines.append(
            f"relation dates (not scored): {ok} of {len(checks)} matched relations with "
            "gold dates agree"
        )
    if show_errors:
        for title, items in (("missed", result.missed), ("spurious", result.spurious)):
            lines.append(f"\n{title} ({len(items)}):")
            for m in items:
                text = f'  "{m.text}"' if m.text else ""
                lines.append(f"  [{m.article}] {m.section}/{m.type}: {m.fact}{text}")
        bad = [d for d in checks if not d.agrees]
        lines.append(f"\nrelation dates that disagree ({len(bad)}):")
        lines += [f"  [{d.article}] {d.fact}: gold {d.gold}, system {d.system}" for d in bad]
    return "\n".join(lines)
