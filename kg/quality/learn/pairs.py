"""Training data and training for the pair model of :mod:`kg.extract.pairs`.

Each gold article is built alone with the learned components off (as ``kg eval`` builds
it); the extractor hands over its candidate pairs, which are labelled with the gold
relation between the two entities (gold names aligned with the system's entities as
:func:`kg.quality.evaluate.score.score_article` aligns them), or ``NONE``. The rules' own
relation score on the same articles is the base the thresholds must improve.

Examples
--------
``kg train pairs GOLD_DIR --texts TEXTS_DIR --out kg/extract/pairs.json``
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Hashable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.extract.linear import LinearModel
from kg.extract.pairs import RELATION_OF, Candidate
from kg.model import ArticleMeta
from kg.quality.evaluate.gold import RELATION_TYPES, GoldArticle, gold_match_key, load_gold
from kg.quality.evaluate.score import _gold_files, _match_entities, _resolver, score_article
from kg.quality.evaluate.system import _system_entities
from kg.quality.learn.fit import Counts, Example, train
from kg.rdf.iri import actor_iri, place_iri
from kg.rdf.store import KGStore

if TYPE_CHECKING:
    from kg.extract.pipeline import Extractor
    from kg.ingest import ArticleFile, IngestFailure, ReadOptions
    from kg.model import ArticleFacts

__all__ = ["CLASSES", "pair_examples", "pair_fact", "set_name", "train_pairs"]

#: the model's classes, the negative first
CLASSES = ("NONE", *sorted(RELATION_OF))
_GOLD_CLASS = {"allied_with": "allied_with", "fights": "fights", "controls": "controls"}
_DIRECTED = {"backs": ("backs", "backed_by"), "part_of": ("part_of", "has_member"),
             "leads": ("leads", "led_by")}  # fmt: skip


def pair_fact(ex: Example, cls: str) -> Hashable:
    """The fact a class states of an example's pair (``ex.unit``: the two keys in sentence
    order): one key for "a backs b" whichever order the sentence names them in."""
    assert isinstance(ex.unit, tuple)
    a, b = str(ex.unit[0]), str(ex.unit[1])
    if cls == "NONE":
        return ("NONE", a, b)
    type_, reverse = RELATION_OF[cls]
    s, o = (b, a) if reverse else (a, b)
    if type_ in ("fights", "alliedWith"):
        s, o = sorted((s, o))
    return (type_, s, o)


def _recording(
    sink: list[tuple[ArticleMeta, list[Candidate]]],
) -> Any:
    """A build fact source that reads as the build does, rules only, keeping the candidates."""
    from kg.pipeline.build import guarded_pipe

    def source(
        extractor: Extractor, files: Iterator[ArticleFile | IngestFailure], options: ReadOptions
    ) -> Iterator[ArticleFacts | IngestFailure]:
        from kg.ingest import IngestFailure

        def raw() -> Iterator[tuple[ArticleMeta, str] | IngestFailure]:
            for file in files:
                if isinstance(file, IngestFailure):
                    yield file
                    continue
                for item in options.read(file):
                    yield item if isinstance(item, IngestFailure) else (item.meta, item.text)

        learned, extractor.learned = extractor.learned, False
        extractor.pair_sink = lambda meta, cands: sink.append((meta, cands))
        try:
            yield from guarded_pipe(extractor, raw(), 16)
        finally:
            extractor.learned, extractor.pair_sink = learned, None

    return source


def _labels(gold: GoldArticle, st: KGStore) -> dict[tuple[str, str], set[str]]:
    """(subject key IRI, object IRI) → gold relation types, the gold names resolved to the
    store's entities as scoring does."""
    ents = _system_entities(st, None)
    names = {}
    for section, gold_ents in (("actors", gold.actors), ("places", gold.places)):
        matched = _match_entities(gold_ents, ents[section])
        names[section] = _resolver(gold_ents, matched, ents[section])
    out: dict[tuple[str, str], set[str]] = {}
    for gr in gold.relations:
        s = names["actors"].get(gold_match_key(gr.subject))
        o = names["places" if gr.type == "controls" else "actors"].get(gold_match_key(gr.object))
        if s is None or o is None:
            continue
        out.setdefault((str(s), str(o)), set()).add(gr.type)
        if RELATION_TYPES[gr.type][3]:
            out.setdefault((str(o), str(s)), set()).add(gr.type)
    return out


def _iri(key: str) -> str:
    return str(place_iri(key[6:]) if key.startswith("place:") else actor_iri(key))


def _label(c: Candidate, gold: dict[tuple[str, str], set[str]]) -> str:
    a, b = _iri(c.first), _iri(c.second)
    ab, ba = gold.get((a, b), set()), gold.get((b, a), set())
    if c.control:
        return "controls" if "controls" in ab else "NONE"
    for t in ("fights", "allied_with"):
        if t in ab:
            return t
    for t, (fwd, rev) in _DIRECTED.items():
        if t in ab:
            return fwd
        if t in ba:
            return rev
    return "NONE"


def set_name(gold_dir: Path) -> str:
    """A gold folder's name in groups and headers: its last two parts ("devgold/gold")."""
    return "/".join(gold_dir.resolve().parts[-2:])


def pair_examples(
    sets: Sequence[tuple[Path, Path]], *, workdir: Path | None = None
) -> tuple[list[Example], dict[str, Counts]]:
    """Labelled candidates of every gold article of ``sets`` ((gold folder, texts folder)
    pairs; each example's group is "set name/article") and the rules' relation counts on
    each article."""
    from kg.pipeline.build import build

    examples: list[Example] = []
    counts: dict[str, Counts] = {}
    with tempfile.TemporaryDirectory(dir=workdir, prefix="kg-train-") as tmp:
        n = 0
        for gold_dir, texts in sets:
            for path in _gold_files(gold_dir):
                gold = load_gold(path)
                sink: list[tuple[ArticleMeta, list[Candidate]]] = []
                store = Path(tmp) / f"s{n}"
                n += 1
                date = str(gold.date) if gold.date else None
                build([texts / gold.article], store, default_date=date, extract=_recording(sink))
                with KGStore(store, read_only=True, must_exist=True) as st:
                    rel = score_article(gold, st).sections["relations"]
                    labels = _labels(gold, st)
                group = f"{set_name(gold_dir)}/{gold.article}"
                counts[group] = Counts(rel.tp, rel.fp, rel.fn)
                for _meta, cands in sink:
                    examples += [
                        Example(
                            group,
                            c.features,
                            _label(c, labels),
                            unit=(c.first, c.second),
                            emits=not c.related and c.stated,
                        )
                        for c in cands
                    ]
    return examples, counts


def train_pairs(
    sets: Sequence[tuple[Path, Path]],
    *,
    folds: int = 5,
    tune_on: Sequence[Path] = (),
    header: dict[str, Any] | None = None,
    **fit_options: Any,
) -> LinearModel:
    """The pair model trained on ``sets`` ((gold folder, texts folder) pairs), its
    thresholds chosen on the out-of-fold predictions of the articles of ``tune_on`` (gold
    folders among ``sets``; default: all), against the rules' relation F1 on them;
    ``header`` is added to the model's header (``{"on": False}``: shipped off)."""
    examples, counts = pair_examples(sets)
    tune = {set_name(g) for g in tune_on} or {set_name(g) for g, _t in sets}
    groups = [g for g in sorted(counts) if g.rsplit("/", 1)[0] in tune]
    base = Counts(
        *(sum(getattr(counts[g], f) for g in groups) for f in ("right", "spurious", "missed"))
    )
    header = {
        "component": "kg.extract.pairs",
        "trained_on": {set_name(g): len(_gold_files(g)) for g, _t in sets},
        "thresholds_tuned_on": sorted(tune),
        "commit": _commit(),
        "features": "dependency path (labels, lemmas of verbs/nouns/adpositions), lca word, "
        "mention deps, classes, order, distance, conjunction, words between, negation, modal, "
        "hedge, sentence verbs, rule votes (event roles, third-party relations, holders)",
        **(header or {}),
    }
    return train(
        examples,
        base,
        classes=CLASSES,
        folds=folds,
        header=header,
        fact_of=pair_fact,
        tune_groups=set(groups),
        **fit_options,
    )


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).parent,
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"
