"""Scoring: matching gold against the system side (:func:`score_article`) and
:func:`evaluate_dir`, which builds each gold article alone and scores it.

Examples
--------
>>> PRF(tp=3, fp=1, fn=1).f1
0.75
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib import URIRef

from kg.errors import InputError
from kg.quality.evaluate.gold import (
    ACTOR_KINDS,
    EVENT_TYPES,
    PLACE_KINDS,
    RELATION_TYPES,
    SECTIONS,
    GoldArticle,
    GoldEntity,
    GoldEvent,
    GoldRelation,
    _Resolve,
    gold_match_key,
    load_gold,
    parse_gold,
)
from kg.quality.evaluate.system import (
    _SysEntity,
    _SysFact,
    _system_entities,
    _system_events,
    _system_relations,
)
from kg.rdf.store import KGStore


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
    """Pair gold entities with system entities that share a name, one to one.

    The pairing is the best assignment, not a greedy one: as many gold entities matched as
    can be, then the closest names (the gold name is the system's own label, before the
    gold name among its aliases, before the system's label among the gold's names, before
    a shared alias only). A greedy pass in IRI order could give a city "Idlib" to the gold
    "Idlib province" (they share the alias) and leave the gold city, which only that system
    entity names, unmatched. Kinds play no part: class agreement is reported on its own.

    Examples
    --------
    >>> from kg.quality.evaluate.gold import GoldEntity
    >>> from kg.quality.evaluate.system import _SysEntity
    >>> prov = GoldEntity("Idlib province", "province", ("Idlib",))
    >>> city = GoldEntity("Idlib city", "city", ())
    >>> a, b = URIRef("urn:a"), URIRef("urn:b")
    >>> system = {
    ...     a: _SysEntity(a, "Idlib", {"idlib", "idlib city"}, set()),
    ...     b: _SysEntity(b, "Idlib Governorate", {"idlib governorate", "idlib province"}, set()),
    ... }
    >>> golds = [prov, city]
    >>> sorted((golds[i].name, str(iri)) for i, iri in _match_entities(golds, system).items())
    [('Idlib city', 'urn:a'), ('Idlib province', 'urn:b')]
    """
    import networkx as nx

    graph = nx.Graph()
    for i, g in enumerate(gold):
        canon = gold_match_key(g.name)
        for iri in sorted(system, key=str):
            e = system[iri]
            if g.names & e.names:
                label = gold_match_key(e.label)
                closeness = (
                    4 if label == canon else 3 if canon in e.names else 2 if label in g.names else 1
                )
                graph.add_edge(("gold", i), ("system", str(iri)), weight=closeness)
    out: dict[int, URIRef] = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        (_, i), (_, iri) = sorted((a, b))  # ("gold", i) sorts before ("system", iri)
        out[int(i)] = URIRef(str(iri))
    return out


def _resolver(
    gold: list[GoldEntity], matched: dict[int, URIRef], system: dict[URIRef, _SysEntity]
) -> dict[str, URIRef | None]:
    """Gold name → the system entity it stands for (via the gold entity lists)."""
    out: dict[str, URIRef | None] = {}
    for i, g in enumerate(gold):
        out.setdefault(gold_match_key(g.name), matched.get(i))
        for a in g.aliases:
            out.setdefault(gold_match_key(a), matched.get(i))
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
        return names[section].get(gold_match_key(name)) if name else None

    _score_relations(score, g, _system_relations(store, article), resolve)
    _score_events(score, g, _system_events(store, article), resolve)
    return score


def _score_relations(
    score: ArticleScore, g: GoldArticle, system: list[_SysFact], resolve: _Resolve
) -> None:
    """Match the gold relations, count them by type, and check the dates of those matched."""

    def find(gr: GoldRelation, free: list[_SysFact]) -> _SysFact | None:
        sym = RELATION_TYPES[gr.type][3]
        want = (
            resolve(gr.subject, "actors"),
            resolve(gr.object, "places" if gr.type == "controls" else "actors"),
        )
        if None in want:
            return None
        return next(
            (
                sf
                for sf in free
                if sf.type == gr.type and (sf.args == want or (sym and sf.args == want[::-1]))
            ),
            None,
        )

    for gr, hit in _tally(score, "relations", g.article, g.relations, system, find):
        check = _date_check(g.article, gr, hit)
        if check is not None:
            score.relation_dates.append(check)


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
    """Match the gold events and count them by type (a system event of no type by classes)."""

    def find(ge: GoldEvent, free: list[_SysFact]) -> _SysFact | None:
        return next((sf for sf in free if _event_matches(ge, sf, resolve)), None)

    def kind(sf: _SysFact) -> str:
        return sf.type or "/".join(sorted(sf.classes))

    _tally(score, "events", g.article, g.events, system, find, kind)


_G = TypeVar("_G", GoldRelation, GoldEvent)


def _tally(
    score: ArticleScore,
    section: str,
    article: str,
    gold: list[_G],
    system: list[_SysFact],
    find: Callable[[_G, list[_SysFact]], _SysFact | None],
    kind: Callable[[_SysFact], str] = lambda sf: sf.type,
) -> list[tuple[_G, _SysFact]]:
    """Match each gold fact of ``section`` to a system fact not matched yet, and count.

    Parameters
    ----------
    score : ArticleScore
        Takes the counts by type and for the section, the missed and the spurious facts.
    section : str
        ``"relations"`` or ``"events"``.
    article : str
        The gold article, named in the mismatches.
    gold : list
        The gold facts, matched in their order.
    system : list of _SysFact
        The system's facts of the section.
    find : callable
        The first of the free system facts (those not matched yet) that matches a gold fact.
    kind : callable
        The type a spurious system fact is counted under.

    Returns
    -------
    list of (gold fact, system fact)
        The matched pairs, in the order of ``gold``.
    """
    used: set[URIRef] = set()
    by_type = score.by_type[section]
    hits = []
    for gf in gold:
        hit = find(gf, [sf for sf in system if sf.iri not in used])
        p = by_type.setdefault(gf.type, PRF())
        if hit is None:
            p.fn += 1
            score.missed.append(Mismatch(article, section, gf.type, str(gf), gf.evidence))
        else:
            p.tp += 1
            used.add(hit.iri)
            hits.append((gf, hit))
    for sf in system:
        if sf.iri not in used:
            type_ = kind(sf)
            by_type.setdefault(type_, PRF()).fp += 1
            score.spurious.append(Mismatch(article, section, type_, sf.label, sf.quote))
    for p in by_type.values():
        score.sections[section].add(p)
    return hits


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
