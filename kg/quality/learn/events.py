"""Training of the learned event checks (:mod:`kg.extract.eventlearn`) on gold-scored articles.

Each gold article is built alone, as :func:`kg.quality.evaluate.evaluate_dir` builds it, with
the extractor logging every merged event's features and candidate places. The events are
then scored against the gold as ``kg eval`` scores them, which labels them:

- **keep / drop**: an event no gold event matches is labelled ``drop``; the keep model is
  fitted (:func:`kg.quality.learn.fit.fit`) to tell those apart, and its threshold is the one
  whose out-of-fold drops (articles held out together) give the best events F1;
- **place**: for an event no gold event matches, a gold event that is missed, of its type,
  whose doers and date agree, marks the candidate at its place ``place``; for an event
  matched, the rule's place is the right one. Events with neither teach nothing. The best
  candidate replaces the rule's choice when its out-of-fold probability reaches the
  threshold with the best events F1.

Examples
--------
>>> f1_of(Tally(tp=2, fp=2, fn=0))
0.6667
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.extract.eventcands import AGENT_FEATURES, PLACE_FEATURES
from kg.extract.eventlearn import KEEP_FEATURES
from kg.quality.learn.fit import Example, cross_validate, fit

if TYPE_CHECKING:
    from rdflib import URIRef

    from kg.extract.linear import LinearModel
    from kg.extract.pipeline import Extractor
    from kg.ingest import ArticleFile, IngestFailure, ReadOptions
    from kg.model import ArticleFacts

__all__ = [
    "LoggedEvent",
    "Tally",
    "doer_examples",
    "f1_of",
    "harvest",
    "keep_examples",
    "place_examples",
    "total",
    "train_events",
]


@dataclass
class Tally:
    """Right, spurious and missed events."""

    tp: int = 0
    fp: int = 0
    fn: int = 0


def f1_of(t: Tally) -> float:
    """F1 of a tally, rounded to 4 places."""
    d = 2 * t.tp + t.fp + t.fn
    return round(2 * t.tp / d, 4) if d else 0.0


@dataclass
class LoggedEvent:
    """One event the rules stated in a training article, labelled by the gold.

    ``unit`` is the event's node (statements of one event are one node); ``matched`` whether
    a gold event matched that node; ``candidates`` the places it could be at, each with its
    features and whether it is the gold's place (``True``), not (``False``) or unknown
    (``None``: the event teaches the place model nothing); ``gain`` the candidate that would
    make an unmatched event right (its doers and date agree with a missed gold event there);
    ``doers`` the candidate doers labelled likewise by the gold event's doers, and
    ``doer_gain`` those that would make an event the rules give no doer right.
    """

    article: str
    unit: str
    type: str
    features: list[str]
    matched: bool
    candidates: list[tuple[str, list[str], bool | None]] = field(default_factory=list)
    gain: str | None = None
    doers: list[tuple[str, list[str], bool | None]] = field(default_factory=list)
    doer_gain: list[str] = field(default_factory=list)
    agentless: bool = False


def _recording(
    out: list[tuple[ArticleFacts, list[dict[str, Any]]]],
) -> Any:
    """A :data:`kg.pipeline.build.FactSource` that extracts in this process, with the
    learned components off (the rules' events are what the models learn to check), and
    keeps each article's facts with its event log."""
    from kg.ingest import IngestFailure

    def source(
        extractor: Extractor,
        files: Iterator[ArticleFile | IngestFailure],
        options: ReadOptions,
    ) -> Iterator[ArticleFacts | IngestFailure]:
        extractor.event_log = []
        learned, extractor.learned = extractor.learned, False
        try:
            for file in files:
                if isinstance(file, IngestFailure):
                    yield file
                    continue
                for item in options.read(file):
                    if isinstance(item, IngestFailure):
                        yield item
                        continue
                    start = len(extractor.event_log)
                    facts = extractor.extract(item.meta, item.text)
                    out.append((facts, extractor.event_log[start:]))
                    yield facts
        finally:
            extractor.learned = learned

    return source


@dataclass
class _Scored:
    """One article's events scored as ``kg eval`` scores them."""

    resolve: Any
    system: dict[Any, Any]
    used: dict[Any, int]
    missed: list[Any]


def _score(gold: Any, store: Any, tally: Tally) -> _Scored:
    from kg.quality.evaluate import score as scoring
    from kg.quality.evaluate.gold import gold_match_key
    from kg.quality.evaluate.system import _system_entities, _system_events

    ents = _system_entities(store, None)
    names = {}
    for section, gold_ents in (("actors", gold.actors), ("places", gold.places)):
        pairs = scoring._match_entities(gold_ents, ents[section])
        names[section] = scoring._resolver(gold_ents, pairs, ents[section])

    def resolve(name: str | None, section: str) -> URIRef | None:
        return names[section].get(gold_match_key(name)) if name else None

    system = _system_events(store, None)
    used: dict[URIRef, int] = {}
    missed = []
    for k, ge in enumerate(gold.events):
        hit = next(
            (sf for sf in system if sf.iri not in used and scoring._event_matches(ge, sf, resolve)),
            None,
        )
        if hit is None:
            missed.append(ge)
        else:
            used[hit.iri] = k
    tally.tp += len(used)
    tally.fp += len(system) - len(used)
    tally.fn += len(missed)
    return _Scored(resolve, {sf.iri: sf for sf in system}, used, missed)


def _twins(sc: _Scored, sf: Any, place: bool, date: bool) -> list[Any]:
    """The missed gold events of the type of ``sf`` (at its place, on its date, when
    asked)."""
    from kg.quality.evaluate.gold import EVENT_TYPES

    out = []
    for ge in sc.missed:
        if not (EVENT_TYPES[ge.type] & sf.classes):
            continue
        if place and ge.place is not None and sc.resolve(ge.place, "places") != sf.place:
            continue
        if date and ge.date is not None and not any(ge.date.agrees(d) for d in sf.dates):
            continue
        out.append(ge)
    return out


def _place_labels(
    sc: _Scored, sf: Any, matched: bool, place: str | None, cands: list[Any]
) -> tuple[list[tuple[str, list[str], bool | None]], str | None]:
    """Candidate places labelled (``None``: unknown), and the one that makes it right."""
    from kg.rdf.iri import place_iri

    want: set[URIRef] = set()  # the places of missed gold events of its type and date
    full: set[URIRef] = set()  # ... whose doers agree too: moving there makes it right
    if not matched and sf is not None:
        for ge in _twins(sc, sf, place=False, date=True):
            p = sc.resolve(ge.place, "places")
            if p is None:
                continue
            want.add(p)
            agents = {sc.resolve(a, "actors") for a in ge.agents} - {None}
            if not ge.agents or agents & set(sf.args):
                full.add(p)
    keys = [c[0] for c in cands]
    known = matched or bool(want & {place_iri(k) for k in keys})
    out: list[tuple[str, list[str], bool | None]] = []
    for key, feats in cands:
        label = None if not known else (key == place if matched else place_iri(key) in want)
        out.append((key, list(feats), label))
    return out, next((k for k in keys if place_iri(k) in full), None)


def _doer_labels(
    gold: Any, sc: _Scored, sf: Any, matched: int | None, doers: list[Any]
) -> tuple[list[tuple[str, list[str], bool | None]], list[str]]:
    """Candidate doers labelled by the gold doers of the event (``None``: unknown), and
    those that would make an event without doers right."""
    from kg.rdf.iri import actor_iri

    want: set[URIRef] = set()
    gain: set[URIRef] = set()
    if matched is not None:
        want = {sc.resolve(a, "actors") for a in gold.events[matched].agents} - {None}
    elif sf is not None:
        for ge in _twins(sc, sf, place=True, date=True):
            agents = {sc.resolve(a, "actors") for a in ge.agents} - {None}
            want |= agents
            gain |= agents
    out = [(k, list(fs), (actor_iri(k) in want) if want else None) for k, fs in doers]
    return out, [k for k, _ in doers if actor_iri(k) in gain]


def _label_article(
    gold: Any, store: Any, facts: ArticleFacts, log: list[dict[str, Any]], tally: Tally
) -> list[LoggedEvent]:
    """Score one built article as ``kg eval`` does and label its logged events."""
    from kg.rdf.iri import event_iri

    sc = _score(gold, store, tally)
    if len(log) != len(facts.events):
        raise ValueError(f"{gold.article}: {len(log)} events logged, {len(facts.events)} stated")
    out = []
    for rec, ev in zip(log, facts.events, strict=True):
        iri = event_iri(ev.type, ev.place, ev.agents, ev.date)
        sf = sc.system.get(iri)
        matched = iri in sc.used
        cands, gain = _place_labels(sc, sf, matched, ev.place, rec["candidates"])
        doers, doer_gain = _doer_labels(gold, sc, sf, sc.used.get(iri), rec["doers"])
        out.append(
            LoggedEvent(
                gold.article,
                str(iri),
                ev.type,
                list(rec["features"]),
                matched,
                cands,
                gain,
                doers,
                doer_gain if not ev.agents else [],
                not ev.agents,
            )
        )
    return out


def harvest(sets: Sequence[tuple[Path, Path]]) -> tuple[list[LoggedEvent], dict[str, Tally]]:
    """Build every gold article of ``sets`` (gold folder, texts folder) alone, with the
    learned checks off, and label its events; also the events tally of the rules alone, per
    set (keyed ``"0:"``, ``"1:"``, ...: each event's ``article`` starts with its set's key).

    Parameters
    ----------
    sets : sequence of (Path, Path)
        Gold folders and the folders holding their articles.

    Returns
    -------
    (list of LoggedEvent, dict of str to Tally)
    """
    from kg.pipeline.build import build
    from kg.quality.evaluate.gold import load_gold
    from kg.quality.evaluate.score import _gold_files
    from kg.rdf.store import KGStore

    events: list[LoggedEvent] = []
    tallies = {f"{n}:": Tally() for n in range(len(sets))}
    with tempfile.TemporaryDirectory(prefix="kg-train-") as tmp:
        for n, (gold_dir, texts) in enumerate(sets):
            for m, path in enumerate(_gold_files(Path(gold_dir))):
                gold = load_gold(path)
                logged: list[tuple[ArticleFacts, list[dict[str, Any]]]] = []
                store = Path(tmp) / f"s{n}-{m}"
                date = str(gold.date) if gold.date else None
                build(
                    [Path(texts) / gold.article],
                    store,
                    default_date=date,
                    extract=_recording(logged),
                )
                with KGStore(store, read_only=True, must_exist=True) as st:
                    for facts, log in logged:
                        evs = _label_article(gold, st, facts, log, tallies[f"{n}:"])
                        for e in evs:
                            e.article = f"{n}:{gold.article}"
                        events += evs
    return events, tallies


def total(tallies: Iterable[Tally]) -> Tally:
    """The sum of tallies."""
    out = Tally()
    for t in tallies:
        out.tp, out.fp, out.fn = out.tp + t.tp, out.fp + t.fp, out.fn + t.fn
    return out


def keep_examples(events: Sequence[LoggedEvent]) -> list[Example]:
    """One example per logged event: ``drop`` when no gold event matched its node."""
    return [
        Example(e.article, tuple(e.features), "NONE" if e.matched else "drop", e.unit)
        for e in events
    ]


def place_examples(events: Sequence[LoggedEvent]) -> tuple[list[Example], list[int]]:
    """One example per candidate place of the events whose right place is known, and the
    index of the event each comes from."""
    return _choice_examples(events, "candidates", "place", 2)


def doer_examples(events: Sequence[LoggedEvent]) -> tuple[list[Example], list[int]]:
    """One example per candidate doer of the events whose gold doers are known (whatever
    doers the rules gave them), and the index of the event each comes from."""
    return _choice_examples(events, "doers", "agent", 1)


def _choice_examples(
    events: Sequence[LoggedEvent], field_: str, label: str, least: int
) -> tuple[list[Example], list[int]]:
    """Examples of the candidates of each event that has at least ``least`` of them."""
    out, owner = [], []
    for i, e in enumerate(events):
        cands = getattr(e, field_)
        if len(cands) < least or all(c[2] is None for c in cands):
            continue
        for key, feats, right in cands:
            out.append(Example(e.article, tuple(feats), label if right else "NONE", (e.unit, key)))
            owner.append(i)
    return out, owner


_GRID = tuple(x / 20 for x in range(2, 20))


def _keep_tally(
    events: Sequence[LoggedEvent], drop_p: Sequence[float], limit: float, base: Tally
) -> Tally:
    """The tally when every node all of whose events reach ``limit`` is dropped."""
    units: dict[tuple[str, str], tuple[bool, bool]] = {}
    for e, p in zip(events, drop_p, strict=True):
        key = (e.article, e.unit)
        dropped, matched = units.get(key, (True, e.matched))
        units[key] = (dropped and p >= limit, matched)
    t = Tally(base.tp, base.fp, base.fn)
    for dropped, matched in units.values():
        if dropped and matched:
            t.tp, t.fn = t.tp - 1, t.fn + 1
        elif dropped:
            t.fp -= 1
    return t


def _place_tally(
    events: Sequence[LoggedEvent], best: dict[int, tuple[str, float]], limit: float, base: Tally
) -> Tally:
    """The tally when each event moves to its best candidate at or above ``limit``."""
    t = Tally(base.tp, base.fp, base.fn)
    for i, (key, prob) in best.items():
        e = events[i]
        rule = next((c for c in e.candidates if "rule=yes" in c[1]), None)
        if prob < limit or (rule is not None and rule[0] == key):
            continue
        if e.matched:
            t.tp, t.fn, t.fp = t.tp - 1, t.fn + 1, t.fp + 1
        elif key == e.gain:
            t.tp, t.fn, t.fp = t.tp + 1, t.fn - 1, t.fp - 1
    return t


def _doer_tally(
    events: Sequence[LoggedEvent], best: dict[int, tuple[str, float]], limit: float, base: Tally
) -> Tally:
    """The tally when each event the rules give no doer takes its best candidate at or
    above ``limit`` (a matched one stays matched: its gold event names no doer)."""
    t = Tally(base.tp, base.fp, base.fn)
    for i, (key, prob) in best.items():
        e = events[i]
        if e.agentless and prob >= limit and key in e.doer_gain:
            t.tp, t.fn, t.fp = t.tp + 1, t.fn - 1, t.fp - 1
    return t


def _choose(tally_at: Any, base: Tally) -> tuple[float | None, Tally]:
    """The threshold of the grid with the best F1 (the highest among ties), or ``None``
    when none beats ``base``."""
    best, chosen = base, None
    for limit in reversed(_GRID):
        t = tally_at(limit)
        if f1_of(t) > f1_of(best) + 1e-9:
            best, chosen = t, limit
    return chosen, best


def _cv_info(folds: int, base: Tally, after: Tally, limit: float | None) -> dict[str, Any]:
    return {
        "folds": folds,
        "events_f1_before": f1_of(base),
        "events_f1_after": f1_of(after),
        "threshold": limit,
    }


def _fit_keep(
    events: Sequence[LoggedEvent], tune: _Tune, folds: int, info: dict[str, Any], opts: Any
) -> LinearModel:
    keep = keep_examples(events)
    probs = cross_validate(keep, ("NONE", "drop"), folds=folds, **opts)
    sub = [(e, p.get("drop", 0.0)) for e, p in zip(events, probs, strict=True) if tune.on(e)]
    evs, drop_p = [e for e, _ in sub], [p for _, p in sub]
    base = tune.base
    limit, after = _choose(lambda x: _keep_tally(evs, drop_p, x, base), base)
    header = {
        **info,
        "features": list(KEEP_FEATURES),
        "labels": {
            "drop": sum(not e.matched for e in events),
            "keep": sum(e.matched for e in events),
        },
        "cv": _cv_info(folds, base, after, limit),
    }
    thresholds = {"drop": limit} if limit else {}
    return fit(keep, ("NONE", "drop"), thresholds=thresholds, header=header, **opts)


def _fit_choice(
    events: Sequence[LoggedEvent],
    tune: _Tune,
    folds: int,
    info: dict[str, Any],
    opts: Any,
    kind: str,
) -> LinearModel:
    """The place (``kind="place"``) or doer (``"agent"``) model, its threshold by CV."""
    examples, owner = place_examples(events) if kind == "place" else doer_examples(events)
    probs = cross_validate(examples, ("NONE", kind), folds=folds, **opts)
    best: dict[int, tuple[str, float]] = {}
    for ex, i, p in zip(examples, owner, probs, strict=True):
        assert isinstance(ex.unit, tuple)
        key, prob = str(ex.unit[1]), p.get(kind, 0.0)
        if tune.on(events[i]) and (i not in best or (prob, key) > (best[i][1], best[i][0])):
            best[i] = (key, prob)
    base = tune.base
    tally = _place_tally if kind == "place" else _doer_tally
    limit, after = _choose(lambda x: tally(events, best, x, base), base)
    header = {
        **info,
        "features": list(PLACE_FEATURES if kind == "place" else AGENT_FEATURES),
        "examples": len(examples),
        "events_known": len(best),
        "cv": _cv_info(folds, base, after, limit),
    }
    thresholds = {kind: limit} if limit else {}
    return fit(examples, ("NONE", kind), thresholds=thresholds, header=header, **opts)


@dataclass(frozen=True)
class _Tune:
    """The articles whose out-of-fold predictions choose the thresholds, and their tally."""

    sets: tuple[str, ...]
    base: Tally

    def on(self, e: LoggedEvent) -> bool:
        return not self.sets or e.article.startswith(self.sets)


def train_events(
    events: Sequence[LoggedEvent],
    tallies: Mapping[str, Tally],
    *,
    tune_on: Sequence[str] = (),
    folds: int = 0,
    l2: float = 1.0,
    min_groups: int = 2,
    header: dict[str, Any] | None = None,
) -> dict[str, LinearModel]:
    """Fit the keep, place and doer models; thresholds by cross-validation over articles.

    Parameters
    ----------
    events : sequence of LoggedEvent
    tallies : mapping of str to Tally
        The rules' events tally of each set of articles (as :func:`harvest` returns them).
    tune_on : sequence of str
        The sets (keys of ``tallies``) whose articles choose the thresholds (default: all):
        articles the rules were not written from say best what unseen news will do.
    folds : int
        Folds over articles (0: leave one article out).
    l2, min_groups : float, int
        Passed to :func:`kg.quality.learn.fit.fit`.
    header : dict, optional
        Added to each model's header.

    Returns
    -------
    dict
        ``"keep"``, ``"place"`` and ``"agent"`` models (one with no threshold stays off).
    """
    opts: dict[str, Any] = {"l2": l2, "min_groups": min_groups}
    tune = _Tune(tuple(tune_on), total(tallies[k] for k in (tune_on or sorted(tallies))))
    info: dict[str, Any] = {
        "articles": len({e.article for e in events}),
        "events": len(events),
        "events_f1_rules": f1_of(total(tallies.values())),
        "tuned_on": list(tune_on) or "all",
        **(header or {}),
    }
    return {
        "keep": _fit_keep(events, tune, folds, info, opts),
        "place": _fit_choice(events, tune, folds, info, opts, "place"),
        "agent": _fit_choice(events, tune, folds, info, opts, "agent"),
    }
