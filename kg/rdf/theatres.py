"""Theatres of war: which country's conflict each event, relationship and article belongs to.

A theatre is the war in one country (``id:theatre/syria``, a ``ckg:Theatre`` labelled with
the country's name, ``ckg:covers`` the places of the store that lie in it). Facts get their
theatres from the places they name, never from the words around them:

1. an event with a place: the country of that place (``ckg:country``, else the nearest
   ``ckg:locatedIn`` ancestor that is a ``ckg:Country``, else the place itself when it is a
   country); a control relationship: the country of its territory. An event placed at a
   whole country that is the home of one of its parties ("Lebanon's Hezbollah fought ..."),
   or where no event has a finer place, takes instead the country of the article's more
   finely placed events when they are all in one (else the rules below place it). These
   are the article's *event theatres*;
2. any other fact: the places of its sentences, i.e. the places of events stated in the same
   sentences (same article, overlapping span) and the places the sentences name (labels and
   aliases of the places the article mentions, as whole words), kept when they lie in one of
   the article's event theatres (so "Iran-backed", "Lebanon's Hezbollah" or "pressure on
   Moscow" do not open a theatre). Places finer than a country win over countries, and the
   home country of a state among the fact's parties does not count. When the sentences span
   several theatres, those that are home to a non-state party win ("IS lost Marawi to
   Philippine forces and Raqqa to the SDF": the SDF's ties are in Syria);
3. else the home countries of the fact's parties that are not states, when some event of
   the store happens there (``US backs SDF`` is in Syria, the SDF's country; for ``backs``
   only the client counts; the Wagner Group's home, Russia, is no theatre);
4. else the article's event theatre, when it has exactly one;
5. else none: the fact is *unplaced* (analyses list it apart).

An article's theatres are those of its facts. Everything is derived when ``graph/derived`` is
recomputed (:func:`kg.rdf.derived.refresh_derived`), so it follows every build.

Examples
--------
>>> inp = TheatreInput(countries={"p/syria"}, place_country={"p/raqqa": "p/syria"})
>>> inp.events["e1"] = "p/raqqa"
>>> assign_theatres(inp).facts
{'e1': {'p/syria'}}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, RDFS

from kg.rdf.graphfacts import PARTY_ROLES, GraphFacts
from kg.rdf.iri import theatre_iri
from kg.rdf.namespace import CKG, local_name

__all__ = [
    "TheatreAssignment",
    "TheatreInput",
    "assign_theatres",
    "theatre_input",
    "theatre_statements",
]


@dataclass
class TheatreInput:
    """What theatre assignment reads from the graphs (:func:`theatre_input`), as plain strings
    (IRIs)."""

    #: places of class ``ckg:Country``
    countries: set[str] = field(default_factory=set)
    #: place → its country (``ckg:country``)
    place_country: dict[str, str] = field(default_factory=dict)
    #: place → containing places (``ckg:locatedIn``)
    parents: dict[str, set[str]] = field(default_factory=dict)
    #: place → names (label and aliases)
    names: dict[str, set[str]] = field(default_factory=dict)
    #: country → its canonical label
    labels: dict[str, str] = field(default_factory=dict)
    #: article → places it mentions
    article_places: dict[str, set[str]] = field(default_factory=dict)
    #: actor → home country; actors of class ``ckg:State``
    actor_country: dict[str, str] = field(default_factory=dict)
    states: set[str] = field(default_factory=set)
    #: event → its place (``None``: no place)
    events: dict[str, str | None] = field(default_factory=dict)
    #: relationship → its direct edge's local name (``"backs"``)
    relations: dict[str, str] = field(default_factory=dict)
    #: fact → [(role local name, actor or place)]
    roles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: fact → [(article, char start, char end, quote)]
    attestations: dict[str, list[tuple[str, int, int, str]]] = field(default_factory=dict)


@dataclass
class TheatreAssignment:
    """Country place IRIs per fact and per article (empty sets are left out)."""

    facts: dict[str, set[str]] = field(default_factory=dict)
    articles: dict[str, set[str]] = field(default_factory=dict)

    def theatres(self) -> set[str]:
        """Every country some fact or article belongs to."""
        return {c for cs in (*self.facts.values(), *self.articles.values()) for c in cs}


# ---------------------------------------------------------------- reading


def theatre_input(facts: GraphFacts) -> TheatreInput:
    """The :class:`TheatreInput` of the graphs ``facts`` gathered (the rows where a later one
    overrides an earlier one are read in sorted order, so the input does not depend on the
    order the graphs came in)."""
    rows: dict[str, Iterable[tuple[str, ...]]] = dict(facts.rows)
    for kind in ("country_of", "events", "edges"):
        rows[kind] = sorted(facts.rows[kind])
    inp = TheatreInput()
    inp.countries = {p for (p,) in rows["countries"]}
    for x, c in rows["country_of"]:
        inp.place_country[x] = c  # actors are read apart; the extra keys are harmless
        inp.actor_country[x] = c
    for p, q in rows["parents"]:
        inp.parents.setdefault(p, set()).add(q)
    for p, n in rows["place_names"]:
        inp.names.setdefault(p, set()).add(n)
    for p, n in rows["country_labels"]:
        inp.labels[p] = min(inp.labels.get(p, n), n)
    for p, a in rows["article_places"]:
        inp.article_places.setdefault(a, set()).add(p)
    inp.states = {a for (a,) in rows["states"]}
    for e, p in rows["events"]:
        if p or e not in inp.events:
            inp.events[e] = p or inp.events.get(e) or None
    for r, edge in rows["edges"]:
        inp.relations[r] = local_name(edge)
    for f, role, x in rows["roles"]:
        inp.roles.setdefault(f, []).append((local_name(role), x))
    for f, _t, a, s, e, q in rows["spans"]:
        inp.attestations.setdefault(f, []).append((a, int(s), int(e), q))
    for v in inp.roles.values():
        v.sort()
    for v2 in inp.attestations.values():
        v2.sort()
    return inp


# ---------------------------------------------------------------- assigning


def _country(inp: TheatreInput, place: str) -> str | None:
    """The country ``place`` lies in (itself when it is one), or ``None``."""
    if place in inp.countries:
        return place
    if place in inp.place_country:
        return inp.place_country[place]
    seen = {place}
    frontier = [place]
    while frontier:
        nxt = []
        for p in frontier:
            for q in sorted(inp.parents.get(p, ())):
                if q in inp.countries:
                    return q
                if q not in seen:
                    seen.add(q)
                    nxt.append(q)
        frontier = nxt
    return None


class _Namer:
    r"""Finds the places an article mentions in its sentences: its places' names as whole
    words, leftmost first and, at one position, longest first (what the regular expression
    ``(?<!\w)(name|...)(?!\w)`` of the names, longest first, finds; searched name by name,
    which spares compiling one such expression per article)."""

    def __init__(self, inp: TheatreInput) -> None:
        self.inp = inp
        self._cache: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {}
        quotes: dict[str, set[str]] = {}
        for atts in inp.attestations.values():
            for art, _s, _e, quote in atts:
                quotes.setdefault(art, set()).add(quote.casefold())
        #: article → its sentences, casefolded: a name none of them holds cannot match
        self._text = {art: "\0".join(sorted(qs)) for art, qs in quotes.items()}

    def places(self, article: str, quote: str) -> set[str]:
        if article not in self._cache:
            by_name: dict[str, str] = {}
            text = self._text.get(article, "")
            for p in sorted(self.inp.article_places.get(article, ())):
                for n in self.inp.names.get(p, ()):
                    if len(n) > 2 and n.casefold() in text:
                        by_name.setdefault(n.casefold(), p)
            self._cache[article] = (tuple(sorted(by_name, key=lambda n: (-len(n), n))), by_name)
        names, by_name = self._cache[article]
        return {by_name[n] for n in _whole_words(quote.casefold(), names)}


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"  # a regular expression's \w


def _whole_words(text: str, names: tuple[str, ...]) -> list[str]:
    r"""The names ``(?<!\w)(names...)(?!\w)`` matches in ``text``, in order (``names`` in the
    expression's order: at one position the first that matches wins, and the search goes on
    after it).

    >>> _whole_words("al-bab and bab, babylon", ("al-bab", "bab"))
    ['al-bab', 'bab']
    """
    found: list[tuple[int, int, int]] = []  # (start, rank, end) of every whole-word occurrence
    for rank, name in enumerate(names):
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if (i == 0 or not _word(text[i - 1])) and (j == len(text) or not _word(text[j])):
                found.append((i, rank, j))
            i = text.find(name, i + 1)
    out: list[str] = []
    end = 0
    for i, rank, j in sorted(found):
        if i >= end:
            out.append(names[rank])
            end = j
    return out


def _sentence_places(
    inp: TheatreInput, fact: str, namer: _Namer, event_spans: dict[str, list[tuple[int, int, str]]]
) -> dict[str, set[str]]:
    """Article → places of the fact's sentences there: events' places and places named."""
    out: dict[str, set[str]] = {}
    for art, s, e, quote in inp.attestations.get(fact, ()):
        got = out.setdefault(art, set())
        got |= namer.places(art, quote)
        got |= {place for s2, e2, place in event_spans.get(art, ()) if s2 < e and s < e2}
    return out


def _from_sentences(
    inp: TheatreInput, fact: str, places: dict[str, set[str]], where: dict[str, set[str]]
) -> set[str]:
    """Countries of the sentence places that lie in a theatre of their article's events.

    Places finer than a country win over countries, and a country that is the home of a
    state among the fact's parties does not count.
    """
    homes = {inp.actor_country.get(a) for _r, a in inp.roles.get(fact, ()) if a in inp.states}
    out: set[str] = set()
    for art, ps in places.items():
        known = where.get(art)
        finer = {p for p in ps if p not in inp.countries}
        chosen = finer or {p for p in ps if p not in homes}
        got = {c for p in chosen if (c := _country(inp, p))}
        out |= got & known if known else (got if finer else set())
    if len(out) > 1:  # a sentence about two wars: keep those its non-state parties are from
        return _home_theatres(inp, fact, out, client_only=False) or out
    return out


def _home_theatres(
    inp: TheatreInput, fact: str, known: set[str], *, client_only: bool = True
) -> set[str]:
    """Home countries of the fact's non-state parties (the client only, for ``backs``), among
    ``known`` theatres."""
    roles = inp.roles.get(fact, ())
    if client_only and inp.relations.get(fact) == "backs":
        roles = [r for r in roles if r[0] == "client"]
    homes = {
        c
        for role, a in roles
        if role in PARTY_ROLES and a not in inp.states and (c := inp.actor_country.get(a))
    }
    return homes & known


def assign_theatres(inp: TheatreInput) -> TheatreAssignment:
    """Give each fact and article its theatres (country place IRIs), by the rules above.

    A pure function of ``inp``: the same input gives the same assignment.
    """
    out = TheatreAssignment()
    event_spans: dict[str, list[tuple[int, int, str]]] = {}
    for ev, place in sorted(inp.events.items()):
        if place:
            for art, s, e, _q in inp.attestations.get(ev, ()):
                event_spans.setdefault(art, []).append((s, e, place))
    pending: list[str] = []
    for f in sorted(set(inp.events) | set(inp.relations)):
        place = inp.events.get(f)
        if inp.relations.get(f) == "controls":
            place = next((x for r, x in inp.roles.get(f, ()) if r == "territory"), None)
        c = _country(inp, place) if place else None
        if c:
            out.facts[f] = {c}
        else:
            pending.append(f)
    pending += _possessive_countries(inp, out.facts)
    where = _article_theatres(inp, out.facts)  # theatres of each article's events
    event_theatres = {c for cs in out.facts.values() for c in cs}
    namer = _Namer(inp)
    for f in pending:
        found = _from_sentences(inp, f, _sentence_places(inp, f, namer, event_spans), where)
        if not found:
            found = _home_theatres(inp, f, event_theatres)
        if not found:
            known = {c for a, *_ in inp.attestations.get(f, ()) for c in where.get(a, ())}
            found = known if len(known) == 1 else set()
        if found:
            out.facts[f] = found
    out.articles = _article_theatres(inp, out.facts)
    return out


def _possessive_countries(inp: TheatreInput, facts: dict[str, set[str]]) -> list[str]:
    """Move events placed at a party's home country to their article's one other theatre.

    "Lebanon's Hezbollah fought beside the Syrian army" in an article whose other events are
    all in Syria is a battle in Syria, not in Lebanon: an event whose place is a whole
    country that is the home of one of its parties, or where no event of the store has a
    finer place, takes the country of its article's more finely placed events when they all
    lie in one other country; when they lie in several, it is placed like a relationship
    (returned, to go through the other rules).
    """
    unsure = []
    finer = {f: cs for f, cs in facts.items() if (inp.events.get(f) or "") not in inp.countries}
    around = _article_theatres(inp, finer)
    fought_in = {c for cs in finer.values() for c in cs}
    for f, cs in list(facts.items()):
        place = inp.events.get(f)
        if place not in inp.countries:
            continue
        homes = {inp.actor_country.get(a) for r, a in inp.roles.get(f, ()) if r in PARTY_ROLES}
        near = {c for a, *_ in inp.attestations.get(f, ()) for c in around.get(a, ())}
        if (cs & homes or not cs & fought_in) and near and not cs & near:
            if len(near) == 1:
                facts[f] = near
            else:
                del facts[f]
                unsure.append(f)
    return unsure


def _article_theatres(inp: TheatreInput, facts: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f, cs in facts.items():
        for a, *_ in inp.attestations.get(f, ()):
            out.setdefault(a, set()).update(cs)
    return out


def theatre_statements(facts: GraphFacts) -> list[str]:
    """Statements for ``graph/derived`` (N-Triples lines without the final `` .``):
    ``ckg:theatre`` of facts and articles, and the theatre nodes.

    Each theatre is ``a ckg:Theatre``, labelled with its country's label, and
    ``ckg:covers`` its country and every place of the store that lies in it.
    """
    inp = theatre_input(facts)
    got = assign_theatres(inp)
    theatre = {c: f"<{theatre_iri(c)}>" for c in got.theatres()}
    out: list[str] = []
    for table in (got.facts, got.articles):
        for x, cs in sorted(table.items()):
            out += [f"<{x}> <{CKG.theatre}> {theatre[c]}" for c in sorted(cs)]
    covered: dict[str, set[str]] = {}
    for p in set(inp.names) | inp.countries:
        c = _country(inp, p)
        if c:
            covered.setdefault(c, set()).add(p)
    for c in sorted(got.theatres()):
        t = theatre[c]
        label = inp.labels.get(c) or c.rsplit("/", 1)[-1].replace("-", " ").title()
        out += [
            f"{t} <{RDF.type}> <{CKG.Theatre}>",
            f"{t} <{RDFS.label}> {ox.Literal(label, language='en')}",
        ]
        out += [f"{t} <{CKG.covers}> <{p}>" for p in sorted(covered.get(c, {c}))]
    return out
