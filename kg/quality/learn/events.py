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

import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.extract.eventlearn import KEEP_FEATURES, PLACE_FEATURES
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
    "f1_of",
    "harvest",
    "keep_examples",
    "place_examples",
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
    make an unmatched event right (its doers and date agree with a missed gold event there).
    """

    article: str
    unit: str
    type: str
    features: list[str]
    matched: bool
    candidates: list[tuple[str, list[str], bool | None]] = field(default_factory=list)
    gain: str | None = None


def _recording(
    out: list[tuple[ArticleFacts, list[dict[str, Any]]]],
) -> Any:
    """A :data:`kg.pipeline.build.FactSource` that extracts in this process and keeps each
    article's facts with its event log."""
    from kg.ingest import IngestFailure

    def source(
        extractor: Extractor,
        files: Iterator[ArticleFile | IngestFailure],
        options: ReadOptions,
    ) -> Iterator[ArticleFacts | IngestFailure]:
        extractor.event_log = []
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

    return source


def _label_article(
    gold: Any, store: Any, facts: ArticleFacts, log: list[dict[str, Any]], tally: Tally
) -> list[LoggedEvent]:
    """Score one built article as ``kg eval`` does and label its logged events."""
    from kg.quality.evaluate import score as scoring
    from kg.quality.evaluate.gold import EVENT_TYPES, gold_match_key
    from kg.quality.evaluate.system import _system_entities, _system_events
    from kg.rdf.iri import event_iri, place_iri

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
    by_iri = {sf.iri: sf for sf in system}
    if len(log) != len(facts.events):
        raise ValueError(f"{gold.article}: {len(log)} events logged, {len(facts.events)} stated")
    out = []
    for rec, ev in zip(log, facts.events, strict=True):
        iri = event_iri(ev.type, ev.place, ev.agents, ev.date)
        sf = by_iri.get(iri)
        matched = iri in used
        want: set[URIRef] = set()  # the places of missed gold events of its type and date
        full: set[URIRef] = set()  # ... whose doers agree too: moving there makes it right
        if not matched and sf is not None:
            for ge in missed:
                if not (EVENT_TYPES[ge.type] & sf.classes) or ge.place is None:
                    continue
                if ge.date is not None and not any(ge.date.agrees(d) for d in sf.dates):
                    continue
                p = resolve(ge.place, "places")
                if p is None:
                    continue
                want.add(p)
                agents = {resolve(a, "actors") for a in ge.agents} - {None}
                if not ge.agents or agents & set(sf.args):
                    full.add(p)
        cands: list[tuple[str, list[str], bool | None]] = []
        keys = [c[0] for c in rec["candidates"]]
        known = matched or bool(want & {place_iri(k) for k in keys})
        for key, feats in rec["candidates"]:
            if not known:
                label = None
            elif matched:
                label = key == ev.place
            else:
                label = place_iri(key) in want
            cands.append((key, list(feats), label))
        gain = next((k for k in keys if place_iri(k) in full), None)
        out.append(
            LoggedEvent(
                gold.article, str(iri), ev.type, list(rec["features"]), matched, cands, gain
            )
        )
    return out


def harvest(sets: Sequence[tuple[Path, Path]]) -> tuple[list[LoggedEvent], Tally]:
    """Build every gold article of ``sets`` (gold folder, texts folder) alone, with the
    learned checks off, and label its events; also the events tally of the rules alone.

    Parameters
    ----------
    sets : sequence of (Path, Path)
        Gold folders and the folders holding their articles.

    Returns
    -------
    (list of LoggedEvent, Tally)
    """
    import os

    from kg.pipeline.build import build
    from kg.quality.evaluate.gold import load_gold
    from kg.quality.evaluate.score import _gold_files
    from kg.rdf.store import KGStore

    events: list[LoggedEvent] = []
    tally = Tally()
    before = os.environ.get("KG_LEARNED")
    os.environ["KG_LEARNED"] = "0"
    try:
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
                            evs = _label_article(gold, st, facts, log, tally)
                            for e in evs:
                                e.article = f"{n}:{gold.article}"
                            events += evs
    finally:
        if before is None:
            os.environ.pop("KG_LEARNED", None)
        else:
            os.environ["KG_LEARNED"] = before
    return events, tally


def keep_examples(events: Sequence[LoggedEvent]) -> list[Example]:
    """One example per logged event: ``drop`` when no gold event matched its node."""
    return [
        Example(e.article, tuple(e.features), "NONE" if e.matched else "drop", e.unit)
        for e in events
    ]


def place_examples(events: Sequence[LoggedEvent]) -> tuple[list[Example], list[int]]:
    """One example per candidate place of the events whose right place is known, and the
    index of the event each comes from."""
    out, owner = [], []
    for i, e in enumerate(events):
        if len(e.candidates) < 2 or all(c[2] is None for c in e.candidates):
            continue
        for key, feats, label in e.candidates:
            out.append(
                Example(e.article, tuple(feats), "place" if label else "NONE", (e.unit, key))
            )
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


def _choose(tally_at: Any, base: Tally) -> tuple[float | None, Tally]:
    """The threshold of the grid with the best F1 (the highest among ties), or ``None``
    when none beats ``base``."""
    best, chosen = base, None
    for limit in reversed(_GRID):
        t = tally_at(limit)
        if f1_of(t) > f1_of(best) + 1e-9:
            best, chosen = t, limit
    return chosen, best


def train_events(
    events: Sequence[LoggedEvent],
    base: Tally,
    *,
    folds: int = 0,
    l2: float = 1.0,
    min_groups: int = 2,
    header: dict[str, Any] | None = None,
) -> dict[str, LinearModel]:
    """Fit the keep and the place models; thresholds by cross-validation over articles.

    Parameters
    ----------
    events : sequence of LoggedEvent
    base : Tally
        The rules' events tally on the same articles.
    folds : int
        Folds over articles (0: leave one article out).
    l2, min_groups : float, int
        Passed to :func:`kg.quality.learn.fit.fit`.
    header : dict, optional
        Added to each model's header.

    Returns
    -------
    dict
        ``"keep"`` and ``"place"`` models (a model with no threshold stays off).
    """
    opts: dict[str, Any] = {"l2": l2, "min_groups": min_groups}
    info: dict[str, Any] = {
        "articles": len({e.article for e in events}),
        "events": len(events),
        "events_f1_rules": f1_of(base),
        **(header or {}),
    }
    keep = keep_examples(events)
    probs = cross_validate(keep, ("NONE", "drop"), folds=folds, **opts)
    drop_p = [p.get("drop", 0.0) for p in probs]
    limit, after = _choose(lambda x: _keep_tally(events, drop_p, x, base), base)
    keep_info = {
        **info,
        "features": list(KEEP_FEATURES),
        "labels": {
            "drop": sum(not e.matched for e in events),
            "keep": sum(e.matched for e in events),
        },
        "cv": {
            "folds": folds,
            "events_f1_before": f1_of(base),
            "events_f1_after": f1_of(after),
            "threshold": limit,
        },
    }
    keep_model = fit(
        keep,
        ("NONE", "drop"),
        thresholds={"drop": limit} if limit else {},
        header=keep_info,
        **opts,
    )
    cands, owner = place_examples(events)
    out = {"keep": keep_model}
    pprobs = cross_validate(cands, ("NONE", "place"), folds=folds, **opts)
    best: dict[int, tuple[str, float]] = {}
    for ex, i, p in zip(cands, owner, pprobs, strict=True):
        assert isinstance(ex.unit, tuple)
        key, prob = str(ex.unit[1]), p.get("place", 0.0)
        if i not in best or (prob, key) > (best[i][1], best[i][0]):
            best[i] = (key, prob)
    plimit, pafter = _choose(lambda x: _place_tally(events, best, x, base), base)
    place_info = {
        **info,
        "features": list(PLACE_FEATURES),
        "examples": len(cands),
        "events_known": len(best),
        "cv": {
            "folds": folds,
            "events_f1_before": f1_of(base),
            "events_f1_after": f1_of(pafter),
            "threshold": plimit,
        },
    }
    out["place"] = fit(
        cands,
        ("NONE", "place"),
        thresholds={"place": plimit} if plimit else {},
        header=place_info,
        **opts,
    )
    return out


def write_model(model: LinearModel, path: Path) -> None:
    """Write a model as sorted JSON."""
    path.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
