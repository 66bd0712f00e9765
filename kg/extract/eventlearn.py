"""Learned checks of the events the rules state: where, who, keep or drop.

The event rules (:mod:`kg.extract.rulebook`) state an event wherever a sentence's words fit
a phrasing, and choose its place among the sentence's places (:mod:`kg.extract.placing`).
Three small linear models (:class:`~kg.extract.linear.LinearModel`, weights in
``kg/extract/eventlearn_*.json``, trained by :mod:`kg.quality.learn.events`) look at each
event once the article's statements of it are merged:

- **keep / drop** (``eventlearn_keep.json``): the event is dropped when the model gives it a
  probability of being no event of the gold at or above its threshold. Its features say how
  the event was stated, never what or where: the type and the rule, the trigger's lemma,
  tense, aspect and modality, the verbs above it, which arguments are filled, where the
  sentence stands in the article, whether the date is the publication's or earlier, how often
  the article states the event, hedges and attribution;
- **place** (``eventlearn_place.json``): every place of the trigger's sentence and the one
  before is a candidate, scored by the dependency path from the trigger, its preposition, its
  class, the distance and whether the rule chose it; the best candidate replaces the rule's
  choice when its probability reaches the threshold;
- **doer** (``eventlearn_agent.json``): for an event of :data:`~kg.extract.eventcands.AGENT_TYPES`
  the rules give no doer, every actor of the trigger's sentence and the one before is a
  candidate (:func:`~kg.extract.eventcands.agent_candidates`); the best becomes its agent
  when its probability reaches the threshold.

No feature holds a name: words are the lemmas of common words, never of a token inside a
mention. ``Extractor(learned=False)`` or ``KG_LEARNED=0`` turns them off (the rules' events
unchanged); a model file without a threshold is off too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.extract.eventcands import AGENT_TYPES, agent_candidates, bucket, place_candidates
from kg.model import FuzzyDate

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found
    from kg.extract.linear import LinearModel

__all__ = [
    "AGENT_MODEL",
    "KEEP_FEATURES",
    "KEEP_MODEL",
    "PLACE_MODEL",
    "date_class",
    "event_features",
    "review_events",
]

KEEP_MODEL = Path(__file__).with_name("eventlearn_keep.json")
PLACE_MODEL = Path(__file__).with_name("eventlearn_place.json")
AGENT_MODEL = Path(__file__).with_name("eventlearn_agent.json")
#: the feature families of the keep / drop model (for the model file's header)
KEEP_FEATURES = (
    "type, rule (method), trigger lemma and part of speech",
    "agents, targets, supporters, figures filled; the place's class",
    "sentence index and relative position; statements merged; events of its type",
    "tense, auxiliaries, negation, adverbs, hedges, unreal (modal, past)",
    "dependency of the trigger, verbs above it, attribution, clause kinds",
    "date: undated, publication month, before, years before; precision",
)
# verbs of saying above a trigger: the event is attributed
_ATTRIBUTION = frozenset(
    "say tell claim report announce accuse allege add state confirm deny insist warn".split()  # noqa: SIM905
)
_WORD_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADV", "ADP"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "pcomp", "ROOT"})


def _word(ctx: ArticleContext, tok: Token) -> str:
    """The lower-case lemma of a common word, ``"_"`` for a name or a word of a mention."""
    if tok.pos_ not in _WORD_POS or ctx.res.mention_at(tok) is not None:
        return "_"
    if tok.is_title and tok.i != tok.sent.start:
        return "_"
    lemma = tok.lemma_.lower()
    return lemma if lemma.isalpha() else "_"


def _modality(ctx: ArticleContext, tok: Token) -> list[str]:
    """Tense, aspect, modality, negation and hedging of the trigger's clause."""
    out = [f"tag={tok.tag_}"]
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ != "ROOT":
        verb = verb.head
    if verb.i != tok.i:
        out.append(f"vtag={verb.tag_}")
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            out.append(f"aux={c.lower_}")
        elif c.dep_ == "neg":
            out.append("neg")
        elif c.dep_ == "advmod" and c.pos_ == "ADV":
            out.append(f"adv={_word(ctx, c)}")
    if ctx.hedged(tok):
        out.append("hedged")
    if ctx.unreal(verb):
        out.append("unreal")
    if ctx.negated(tok):
        out.append("negated")
    return out


def _governors(ctx: ArticleContext, tok: Token) -> list[str]:
    """The dependency of the trigger and the verbs above it (up to three): "gov=say" for
    a statement reported, "dep=relcl" for one inside a clause on a noun."""
    out = [f"dep={tok.dep_}"]
    seen = 0
    for t in tok.ancestors:
        if t.pos_ in ("VERB", "AUX"):
            w = _word(ctx, t)
            out.append(f"gov={w}")
            if w in _ATTRIBUTION:
                out.append("attributed")
            seen += 1
            if seen == 3:
                break
        if t.dep_ in _CLAUSE_DEPS and t.dep_ != "ROOT":
            out.append(f"clause={t.dep_}")
    if any(c.lower_ == "according" for c in tok.sent):
        out.append("attributed")
    return out


def _dating(ctx: ArticleContext, f: Found) -> list[str]:
    """How the event's date stands to the publication's."""
    ev = f.fact
    if "undated" in f.tags:
        return ["date=undated"]
    if ev.date is None or ctx.pub is None:
        return ["date=none"]
    return [
        f"dprec={ev.date.precision}",
        "date=" + date_class(ev.date, ctx.pub, ctx.default_date()),
    ]


def date_class(date: FuzzyDate, pub: FuzzyDate, pubmonth: FuzzyDate | None) -> str:
    """How an event's ``date`` stands to the publication date ``pub``.

    Parameters
    ----------
    date : FuzzyDate
        The event's date.
    pub : FuzzyDate
        The article's publication date.
    pubmonth : FuzzyDate or None
        The date an undated event is given (the publication month).

    Returns
    -------
    str
        ``"pubmonth"``, ``"years-before"`` (two years or more), ``"before"`` (an earlier year,
        or an earlier month of the same year), ``"pub"`` (agrees with the publication date)
        or ``"other"`` (later, or the same month at another day).

    Examples
    --------
    >>> pub = FuzzyDate(2024, 3, 10)
    >>> date_class(FuzzyDate(2024, 1), pub, FuzzyDate(2024, 3))
    'before'
    >>> date_class(FuzzyDate(2025, 1), pub, FuzzyDate(2024, 3))
    'other'
    """
    if date == pubmonth:
        return "pubmonth"
    if date.year < pub.year - 1:
        return "years-before"
    if date.year < pub.year or (
        date.year == pub.year and date.month and pub.month and date.month < pub.month
    ):
        return "before"
    return "pub" if date.agrees(pub) else "other"


def event_features(ctx: ArticleContext, f: Found, final: list[Found]) -> list[str]:
    """The features of one merged event for the keep / drop model (no names).

    Parameters
    ----------
    ctx : ArticleContext
    f : Found
        The event, its statements merged.
    final : list of Found
        Every event of the article (for how many of its type there are).
    """
    ev = f.fact
    tok = ctx.doc[f.trigger]
    sents = list(ctx.doc.sents)
    index = next((i for i, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    same_type = sum(1 for g in final if g.fact.type == ev.type)
    out = [
        f"type={ev.type}",
        f"method={ev.evidence.method}",
        f"tm={ev.type}|{ev.evidence.method}",
        f"lemma={_word(ctx, tok)}",
        f"tl={ev.type}|{_word(ctx, tok)}",
        f"pos={tok.pos_}",
        f"agents={bucket(len(ev.agents), (0, 1, 2))}",
        f"targets={bucket(len(ev.targets), (0, 1))}",
        f"supporters={min(len(ev.supporters), 1)}",
        f"place={ctx.res.place_class(ev.place) if ev.place else 'none'}",
        f"figures={min(len(ev.figures), 1)}",
        f"sent={bucket(index, (0, 1, 3, 7, 15))}",
        f"relpos={min(int(4 * index / max(len(sents), 1)), 3)}",
        f"mentions={bucket(f.mentions, (1, 2, 4))}",
        f"sametype={bucket(same_type, (1, 2, 4))}",
        f"tplace={ev.type}|{'place' if ev.place else 'none'}",
        f"tagents={ev.type}|{min(len(ev.agents), 1)}",
    ]
    if ev.evidence.hedged:
        out.append("ev_hedged")
    if not f.explicit_target:
        out.append("implicit_target")
    out += _modality(ctx, tok)
    out += _governors(ctx, tok)
    out += _dating(ctx, f)
    return sorted(set(out))


# ---------------------------------------------------------------------------- runtime


def _model(path: Path) -> LinearModel | None:
    from kg.extract.linear import load_model

    if not path.is_file():
        return None
    m = load_model(path)
    return m if m.thresholds else None


def _best(model: LinearModel, cands: list[tuple[str, list[str]]]) -> tuple[str, float]:
    """The candidate a model scores highest, with its probability."""
    pos = model.classes[1]
    scored = [(model.probabilities(feats)[pos], p) for p, feats in cands]
    prob, place = max(scored, key=lambda sp: (sp[0], sp[1]))
    return place, prob


def review_events(
    ctx: ArticleContext,
    final: list[Found],
    log: list[dict[str, Any]] | None = None,
    *,
    on: bool = True,
) -> list[Found]:
    """The article's merged events as the learned models judge them: a better place where
    the place model is confident, and without those the keep model drops.

    Parameters
    ----------
    ctx : ArticleContext
    final : list of Found
        The article's events, each with its statements merged.
    log : list, optional
        When given, each event's candidate places (before the place model moves it) and
        keep features (after) are appended to it, for training
        (:mod:`kg.quality.learn.events`).
    on : bool
        Whether the models run (``Extractor(learned=...)``, ``KG_LEARNED``).

    Returns
    -------
    list of Found
    """
    place_model = _model(PLACE_MODEL) if on else None
    agent_model = _model(AGENT_MODEL) if on else None
    keep_model = _model(KEEP_MODEL) if on else None
    if log is None and place_model is None and agent_model is None and keep_model is None:
        return final
    cands = [place_candidates(ctx, f) for f in final]
    if place_model is not None:
        limit = place_model.thresholds.get(place_model.classes[1], 2.0)
        for f, cs in zip(final, cands, strict=True):
            if len(cs) > 1:
                place, prob = _best(place_model, cs)
                if place != f.fact.place and prob >= limit:
                    f.fact.place = place
    doers = [agent_candidates(ctx, f, final) if f.fact.type in AGENT_TYPES else [] for f in final]
    if agent_model is not None:
        limit = agent_model.thresholds.get(agent_model.classes[1], 2.0)
        for f, ds in zip(final, doers, strict=True):
            ds = [(a, fs) for a, fs in ds if "sufferer" not in fs]  # the hurt, the speakers
            if ds and not f.fact.agents:
                actor, prob = _best(agent_model, ds)
                if prob >= limit and actor not in f.fact.targets:
                    f.fact.agents = [actor]
    feats = [event_features(ctx, f, final) for f in final]
    if log is not None:
        for f, cs, ds, fs in zip(final, cands, doers, feats, strict=True):
            log.append(
                {
                    "features": fs,
                    "candidates": cs,
                    "doers": ds,
                    "type": f.fact.type,
                    "start": f.fact.evidence.char_start,
                }
            )
    if keep_model is None:
        return final
    return [f for f, fs in zip(final, feats, strict=True) if keep_model.predict(fs) is None]
