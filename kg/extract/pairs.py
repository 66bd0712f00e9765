"""Learned relations between two mentions of one sentence that the rules left unrelated.

After the rules, every pair of actors a sentence mentions (and every actor and place, for
``controls``) that no rule relates anywhere in the article is a *candidate*. A linear model
(:mod:`kg.extract.linear`, weights in ``kg/extract/pairs.json``, trained by
``kg train pairs``) reads features of the pair that name no one: the dependency path
between the two mention heads (labels, and lemmas of the verbs, nouns and prepositions on
it), the verbs of the sentence, the two actors' classes, their order, distance and
coordination, negation and modality on the path, and the rules' own votes (the events and
relations the rules found for the pair, or for each of them with a third party). A pair
whose best class reaches that class's threshold becomes a relation with the method
``learned-pair`` and the model's probability as its confidence.

Classes read the pair in sentence order: ``backs`` (the first backs the second) and
``backed_by``; ``part_of`` and ``has_member``; ``leads`` and ``led_by``; ``fights``,
``allied_with``; ``controls`` (actor, place).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.extract.linear import LinearModel, load_model
from kg.model import EventFact, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.extract.registry import Mention

__all__ = [
    "MODEL_PATH",
    "RELATION_OF",
    "Candidate",
    "active_model",
    "candidates",
    "learned_on",
    "predicted",
]

#: the shipped model
MODEL_PATH = Path(__file__).with_name("pairs.json")
#: class → (system relation type, whether the pair is reversed)
RELATION_OF: dict[str, tuple[str, bool]] = {
    "fights": ("fights", False),
    "allied_with": ("alliedWith", False),
    "backs": ("backs", False),
    "backed_by": ("backs", True),
    "part_of": ("memberOf", False),
    "has_member": ("memberOf", True),
    "leads": ("leads", False),
    "led_by": ("leads", True),
    "controls": ("controls", False),
}
_SYMMETRIC = frozenset({"fights", "alliedWith", "tensionWith"})
_CONTENT = frozenset({"VERB", "NOUN", "ADP", "ADJ", "AUX"})
_MODALS = frozenset({"could", "would", "will", "might", "may", "can", "should", "must"})
_MAX_MENTIONS = 8  # a sentence listing more actors than this gives no candidates


def learned_on() -> bool:
    """Whether learned components run (``KG_LEARNED=0`` turns them off)."""
    return os.environ.get("KG_LEARNED", "1") != "0"


@dataclass(frozen=True)
class Candidate:
    """A pair of mentions of one sentence and its features.

    ``first`` and ``second`` are entity keys in sentence order (for ``controls``: the actor,
    then the place key); ``control`` tells an actor-place pair; ``related``: the rules relate
    the pair already (such a pair only teaches the model how relations are said);
    ``stated`` is False when a word on the path between them states nothing as done (see
    :func:`_stated`): such a pair is never predicted; ``friendly`` when they act together
    (both doers of an event the rules state in the sentence, or :func:`_friendly`): such a
    pair is never predicted to fight.
    """

    first: str
    second: str
    control: bool
    features: tuple[str, ...]
    sent_start: int  # token index of the sentence
    related: bool = False
    stated: bool = True  # False: the words joining the two deny, plan or fear it
    friendly: bool = False  # True: they act together (never predicted to fight)


# ---------------------------------------------------------------------- candidates
def candidates(
    ctx: ArticleContext,
    relations: list[RelationFact],
    events: list[EventFact],
    *,
    teach: bool = False,
) -> list[Candidate]:
    """The article's candidate pairs: in each sentence, two actors (or an actor and a place)
    the rules relate nowhere in the article, closest mentions first; one per pair and
    sentence. With ``teach``, the pairs the rules relate too (marked ``related``)."""
    related = {
        frozenset((r.subject, "place:" + r.object if r.type == "controls" else r.object))
        for r in relations
    }
    votes = _Votes(ctx, relations, events)
    out: list[Candidate] = []
    for sent in ctx.doc.sents:
        actors, places = _sentence_mentions(ctx, sent)
        if len(actors) > _MAX_MENTIONS:
            continue
        seen: set[tuple[str, str]] = set()
        for a, b, control in _pairs(actors, places):
            ka, kb = a[0], b[0]
            known = frozenset((ka, kb)) in related
            if ka == kb or (ka, kb) in seen or (known and not teach):
                continue
            if not control and ctx.same_side(ka, kb):
                continue
            seen.add((ka, kb))
            feats = _features(ctx, sent, a, b, control) + votes.of(ka, kb, control, sent)
            prefix = "c:" if control else ""
            feats_ = tuple(prefix + f for f in feats)
            peace = ctx.rule_words("pairs", "peaceful_events")
            votes_ = {f.rsplit(":", 1)[-1] for f in feats if f.startswith("vh=ag-ag:")}
            stated = not votes_ & peace and _stated(ctx, a[1], b[1])
            friendly = bool(votes_) or _friendly(ctx, a[1], b[1])
            out.append(Candidate(ka, kb, control, feats_, sent.start, known, stated, friendly))
    return out


def _stated(ctx: ArticleContext, ta: Token, tb: Token) -> bool:
    """False when the words joining two mention heads state no relation between them, as the
    rules' own gates read such words (``pairs`` in ``rules.yaml``):

    - a verb or noun on the dependency path states nothing as done: negated ("have not
      fought"), modal, future or past ("could retake", "once held"), planned, feared,
      avoided or denied ("threatened to attack", "avoiding clashes with", "denied
      fighting"), only a risk ("the potential for clashes"), or a role that was ("a former
      commander of X, P");
    - a preposition on the path denies it ("without the help of Y", "despite a Y demand");
    - talks join them ("X pressed for talks with Y", "X and Y held talks": the rules' event
      says what they do together);
    - one of them only speaks of the other ("X fighters were seen near P, a Y officer
      said");
    - the two are in clauses of their own, joined as times ("X left P after Y captured Q");
    - a hyphen alone joins them ("the A-B border": one name).

    Examples
    --------
    "X and Y have not fought since March": False. "X fought Y near P": True.
    """
    up, lca, down = _meeting(ta, tb)
    arcs = {t.dep_ for t in (*up, *down)}
    lo, hi = sorted((ta.i, tb.i))
    if hi - lo == 2 and ta.doc[lo + 1].text in ("-", "–", "/"):
        return False
    if "advcl" in arcs and lca.pos_ in ("VERB", "AUX"):
        return False
    speech = ctx.rule_words("coref", "speech_verbs")
    if lca.lemma_ in speech and {up[-1].dep_ if up else "", down[-1].dep_ if down else ""} & {
        "nsubj"
    }:
        return False
    path = (*up, lca, *down)
    if any(t.lower_ in ctx.rule_words("pairs", "denying_preps") for t in path):
        return False
    return not any(_undone(ctx, t) for t in (*path, *_above(lca)))


def _friendly(ctx: ArticleContext, ta: Token, tb: Token) -> bool:
    """True when two mention heads act together: subjects joined by "and" ("X and Y fought on
    the same front"), or a noun on the path between them says so ("X attacked ships in
    solidarity with Y": ``pairs: together_nouns`` in ``rules.yaml``)."""
    if tb in ta.conjuncts and ta.dep_ in ("nsubj", "nsubjpass"):
        return True  # "X and Y fought on the same front": one side
    together = ctx.rule_words("pairs", "together_nouns")
    up, lca, down = _meeting(ta, tb)
    path = (*up, lca, *down)
    before = [t.nbor(-1) for t in path if t.pos_ == "ADP" and t.i > t.sent.start]
    return any(t.lemma_.lower() in together for t in (*path, *before))  # "in solidarity with"


def _above(lca: Token) -> list[Token]:
    """What governs the two from above their meeting word: the noun a phrase "of X" hangs on
    ("a former commander of X, P"), the verb a pair of subjects shares and its object ("X and
    Y held talks")."""
    out: list[Token] = []
    t = lca
    while t.dep_ in ("pobj", "prep") and t.head.i != t.i:
        t = t.head
        out.append(t)
    if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != t.i:
        out += [t.head, *(c for c in t.head.children if c.dep_ == "dobj")]
    return out


def _undone(ctx: ArticleContext, t: Token) -> bool:
    """True when the word ``t`` of a path states nothing as done (see :func:`_stated`)."""
    from kg.extract.modality import unstated

    if t.pos_ == "NOUN" or t.pos_ == "PROPN":
        blockers = ctx.rule_words("mentions", "role_blockers")
        if any(c.dep_ == "amod" and c.lower_ in blockers for c in t.children):
            return True
    if t.pos_ not in ("VERB", "AUX", "NOUN"):
        return False
    if t.lemma_ in ctx.lexicon("negotiation", "nouns") or t.lower_ in ctx.lexicon(
        "negotiation", "nouns"
    ):
        return True  # "X pressed for talks with Y", "talks between X and Y"
    if ctx.negated(t) or ctx.is_risk(t) or ctx.disowned(t) or unstated(ctx, t):
        return True
    if t.pos_ == "NOUN":
        return False
    avoid = ctx.lexicon_of("plan_verbs") | ctx.rule_words("hostility", "avoid_verbs")
    return ctx.unreal(t) or t.lemma_ in avoid


_Mention = tuple[str, "Token", "Mention"]


def _pairs(
    actors: list[_Mention], places: list[_Mention]
) -> Iterable[tuple[_Mention, _Mention, bool]]:
    """Pairs closest first: actor-actor in sentence order, then actor-place."""
    pairs = [(a, b, False) for i, a in enumerate(actors) for b in actors[i + 1 :]]
    pairs += [(a, p, True) for a in actors for p in places]
    return sorted(pairs, key=lambda x: (abs(x[0][1].i - x[1][1].i), x[0][1].i, x[1][1].i))


def _sentence_mentions(ctx: ArticleContext, sent: Span) -> tuple[list[_Mention], list[_Mention]]:
    """The actors and places a sentence mentions: (key, head token, mention). A country's
    name is a place, and its state too when the gazetteer knows one."""
    res = ctx.res
    actors: list[_Mention] = []
    places: list[_Mention] = []
    for m in res.mentions:
        if not sent.start <= m.start < sent.end:
            continue
        head = ctx.doc[m.start : m.end].root
        if m.kind == "actor":
            if not res.is_bystander(m.key):
                actors.append((m.key, head, m))
            continue
        places.append(("place:" + m.key, head, m))
        state = res.as_actor_key(m)
        if state is not None:
            actors.append((state, head, m))
    return actors, places


# ---------------------------------------------------------------------- features
def _word(t: Token) -> str:
    """A token as a feature word: its lower-case lemma for a common word, else its part of
    speech (never a name)."""
    if t.pos_ in _CONTENT and not t.ent_type_ and not (t.is_title and t.i > t.sent.start):
        return t.lemma_.lower()
    return t.pos_


def _dep(t: Token) -> str:
    return f"pobj:{t.head.lower_}" if t.dep_ == "pobj" else t.dep_


def _chain(t: Token) -> list[Token]:
    out = [t]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _meeting(ta: Token, tb: Token) -> tuple[list[Token], Token, list[Token]]:
    """The dependency path between two words of one sentence: the words from ``ta`` up to
    where the two branches meet (that word not included), the word where they meet, and the
    words from ``tb`` up to it (not included); the feature path and the gates read it."""
    ca, cb = _chain(ta), _chain(tb)
    in_b = {t.i for t in cb}
    cut = next((i for i, t in enumerate(ca) if t.i in in_b), len(ca) - 1)
    lca = ca[cut]
    return ca[:cut], lca, cb[: next((i for i, t in enumerate(cb) if t.i == lca.i), len(cb))]


def _bucket(n: int, edges: tuple[int, ...] = (1, 3, 6, 10, 16)) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def _features(
    ctx: ArticleContext, sent: Span, a: _Mention, b: _Mention, control: bool
) -> list[str]:
    """Features of the path and the words between two mentions (no names)."""
    ta, tb = a[1], b[1]
    up, lca, down = _meeting(ta, tb)
    down = down[::-1]
    first_is_a = ta.i <= tb.i
    mentioned = ctx.res.by_token
    inner = [t for t in (*up[1:], *down[:-1]) if t.i not in mentioned]
    lca_word = "SELF" if lca.i in (ta.i, tb.i) else _word(lca)
    deps = "/".join(t.dep_ + "^" for t in up) + "|" + "/".join("v" + t.dep_ for t in down)
    lex = "/".join(f"{_dep(t)}^{_word(t.head)}" for t in up)
    lex += "|" + "/".join(f"v{_dep(t)}" for t in down)
    cls_a = ctx.actor_class(a[0])
    cls_b = ctx.res.place_class(b[0][6:]) if control else ctx.actor_class(b[0])
    lo, hi = sorted((ta.i, tb.i))
    between = [t for t in ctx.doc[lo + 1 : hi] if t.i not in mentioned]
    feats = [
        "bias",
        f"pd={deps}",
        f"pl={lex}",
        f"lca={lca_word}",
        f"lcapos={lca.pos_}",
        f"len={_bucket(len(up) + len(down))}",
        f"ad={_dep(ta)}",
        f"bd={_dep(tb)}",
        f"abd={_dep(ta)}|{_dep(tb)}",
        f"cls={cls_a}|{cls_b}",
        f"ca={cls_a}",
        f"cb={cls_b}",
        f"order={'ab' if first_is_a else 'ba'}",
        f"dist={_bucket(hi - lo)}",
        *(f"on={_word(t)}" for t in inner if t.pos_ in _CONTENT),
        *(f"lca_w={lca_word}|{c}" for c in (cls_a, cls_b)),
    ]
    if tb in ta.conjuncts:
        feats.append("conj")
    if hi - lo <= 6:
        feats += [f"btw={_word(t)}" for t in between if not t.is_punct or t.text in "-,("]
    if a[2].source == "coref" or b[2].source == "coref":
        feats.append("coref")
    if a[2].kind == "place":
        feats.append("a_country_name")
    if not control and b[2].kind == "place":
        feats.append("b_country_name")
    path = [*up, lca, *down]
    verbs = [t for t in path if t.pos_ in ("VERB", "AUX")]
    if any(c.dep_ == "neg" for v in verbs for c in v.children):
        feats.append("neg")
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for v in verbs for c in v.children):
        feats.append("modal")
    if any(ctx.hedged(v) for v in verbs[:2]):
        feats.append("hedged")
    feats += sorted({f"sv={_word(t)}" for t in sent if t.pos_ == "VERB" and t.i not in mentioned})
    return feats


class _Votes:
    """What the rules found for a pair: its roles in one event, relations with a third."""

    def __init__(
        self, ctx: ArticleContext, relations: list[RelationFact], events: list[EventFact]
    ) -> None:
        self.ctx = ctx
        self.events = events
        self.rels: dict[str, list[tuple[str, str]]] = {}  # actor → (type/dir, other)
        self.holders: dict[str, set[str]] = {}
        for r in relations:
            if r.type == "controls":
                self.holders.setdefault("place:" + r.object, set()).add(r.subject)
                continue
            sym = r.type in _SYMMETRIC
            self.rels.setdefault(r.subject, []).append((r.type if sym else r.type + ">", r.object))
            self.rels.setdefault(r.object, []).append((r.type if sym else r.type + "<", r.subject))

    def of(self, a: str, b: str, control: bool, sent: Span) -> list[str]:
        """Vote features of ``a`` and ``b`` (an actor and a place key when ``control``)."""
        lo, hi = sent.start_char, sent.end_char
        out: set[str] = set()
        for ev in self.events:
            here = "h" if lo <= ev.evidence.char_start < hi else ""
            if control:
                if ev.place is None or "place:" + ev.place != b:
                    continue
                role = "agent" if a in ev.agents else "target" if a in ev.targets else "none"
                out.add(f"v{here}=at:{role}:{ev.type}")
                continue
            ra, rb = _role(ev, a), _role(ev, b)
            if ra and rb:
                out.add(f"v{here}={ra}-{rb}:{ev.type}")
                out.add(f"v{here}={ra}-{rb}")
        if control:
            others = self.holders.get(b, set()) - {a}
            if others:
                out.add("v=other_holder")
            return sorted(out)
        by_a: dict[str, list[str]] = {}
        for t, x in self.rels.get(a, []):
            by_a.setdefault(x, []).append(t)
        for t, x in self.rels.get(b, []):
            for ta in by_a.get(x, []):
                out.add(f"v3={ta}|{t}")
        return sorted(out)


def _role(ev: EventFact, actor: str) -> str:
    if actor in ev.agents:
        return "ag"
    if actor in ev.targets:
        return "tg"
    if actor in ev.supporters:
        return "sp"
    return ""


# ---------------------------------------------------------------------- predictions
def predicted(
    ctx: ArticleContext, cands: list[Candidate], model: LinearModel
) -> list[RelationFact]:
    """The relations ``model`` states for ``cands`` (one per fact: the most probable
    sentence's), each with its sentence as evidence (method ``learned-pair``, the model's
    probability as confidence)."""
    best: dict[tuple[str, str, str], tuple[float, RelationFact]] = {}
    for c in cands:
        if c.related or not c.stated:
            continue
        hit = model.predict(c.features)
        if hit is None or (hit[0] == "controls") != c.control:
            continue
        if hit[0] == "fights" and c.friendly:
            continue  # co-doers of one event, "in solidarity with"
        type_, reverse = RELATION_OF[hit[0]]
        s, o = (c.second, c.first) if reverse else (c.first, c.second)
        if type_ == "controls":
            o = o[len("place:") :]
        key = (type_, *(sorted((s, o)) if type_ in _SYMMETRIC else (s, o)))
        if key in best and best[key][0] >= hit[1]:
            continue
        sent = ctx.doc[c.sent_start].sent
        ev = replace(ctx.evidence(sent, "learned-pair"), confidence=hit[1])
        best[key] = (hit[1], RelationFact(type_, s, o, ev))
    return [best[k][1] for k in sorted(best)]


def active_model(path: Path | None = None) -> LinearModel | None:
    """The model at ``path`` (default: the packaged one) when it predicts some class (has a
    threshold) and is switched on (its header says ``"on": true``, or the environment
    ``KG_PAIRS=1``, to measure a model shipped off), else None: the component is off."""
    path = path or MODEL_PATH
    if not path.is_file():
        return None
    model = load_model(path)
    on = model.header.get("on", True) or os.environ.get("KG_PAIRS") == "1"
    return model if model.thresholds and on else None
