"""Candidates for the learned event checks (:mod:`kg.extract.eventlearn`): the places an
event may be at and the actors that may have done it, each with its features (no names).

- places: every place the trigger's sentence and the sentence before locate, and the rule's
  own choice; features: class, the rule's vote, the dependency path and preposition from the
  trigger, distance, side, containing or inside the rule's choice, mentions in the article;
- doers: every actor the trigger's sentence and the sentence before mention; features: class,
  the dependency path and preposition from the trigger, distance, side, subject of the
  trigger's clause, a target of the event, a doer of the article's other events, mentions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.extract.events import located_places

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = [
    "AGENT_FEATURES",
    "AGENT_TYPES",
    "PLACE_FEATURES",
    "agent_candidates",
    "bucket",
    "place_candidates",
]

#: the feature families of the place model
PLACE_FEATURES = (
    "class of the place; the rule's choice; in the sentence or the one before",
    "dependency path from the trigger; preposition; distance; side",
    "contains or inside the rule's choice; contains another candidate; the main country",
    "mentions of the place in the article; number of candidates",
)
#: the feature families of the doer model
AGENT_FEATURES = (
    "class of the actor (and with the event type); in the sentence or the one before",
    "dependency path from the trigger; preposition; distance; side",
    "subject of the trigger's clause; a target of the event; a doer of another event",
    "mentions of the actor in the article; the most named; number of candidates",
)


def bucket(n: int, edges: Iterable[int]) -> str:
    """The first edge ``n`` is at most, else the last edge with "+"."""
    last = 0
    for e in edges:
        if n <= e:
            return str(e)
        last = e
    return f"{last}+"


# ---------------------------------------------------------------------------- places


def _path(tok: Token, other: Token) -> str:
    """The dependency path from ``tok`` up to the lowest common head and down to ``other``
    (labels only, at most three each way)."""
    up = [tok, *tok.ancestors]
    down = [other, *other.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "far"
    a = [t.dep_ for t in up[: up.index(common)]]
    b = [t.dep_ for t in down[: down.index(common)]]
    if len(a) > 3 or len(b) > 3:
        return "long"
    return "<".join(a) + "^" + ">".join(reversed(b))


def _prep(ctx: ArticleContext, tok: Token) -> str:
    """The preposition the place's phrase hangs on ("in", "near", "from"), else its
    dependency."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj":
            return f"prep={t.head.lower_}" if t.head.lower_.isalpha() else "prep=_"
        if t.dep_ not in ("compound", "conj", "appos", "amod", "nmod", "poss"):
            break
        t = t.head
    return f"pdep={t.dep_}"


def _place_tokens(ctx: ArticleContext, start: int, end: int) -> dict[str, Token]:
    """The first token of each place the tokens from ``start`` to ``end`` locate."""
    out: dict[str, Token] = {}
    doc = ctx.doc
    for i in range(start, end):
        found = located_places(ctx, [doc[i]])
        for p in found:
            out.setdefault(p, doc[i])
    return out


def place_candidates(ctx: ArticleContext, f: Found) -> list[tuple[str, list[str]]]:
    """The candidate places of an event and the features of each (no names): every place
    its trigger's sentence (and the sentence before) locates, and the rule's own choice."""
    from kg.extract.placing import containers

    ev = f.fact
    tok = ctx.doc[f.trigger]
    sent = tok.sent
    here = _place_tokens(ctx, sent.start, sent.end)
    before: dict[str, Token] = {}
    if sent.start > 0:
        prev = ctx.doc[sent.start - 1].sent
        before = {
            p: t for p, t in _place_tokens(ctx, prev.start, prev.end).items() if p not in here
        }
    places = {**here, **before}
    if ev.place and ev.place not in places:
        places[ev.place] = tok  # the rule's choice from further away (a referent, a sequel)
    inside = {p: containers(ctx, p) for p in places}
    rule_in = inside.get(ev.place, set()) if ev.place else set()
    counts = {p: sum(1 for m in ctx.res.mentions if m.key == p) for p in places}
    out = []
    for p, t in sorted(places.items(), key=lambda kv: (kv[1].i, kv[0])):
        cls = ctx.res.place_class(p)
        feats = [
            f"cls={cls}",
            f"rule={'yes' if p == ev.place else 'no'}",
            f"rulecls={'yes' if p == ev.place else 'no'}|{cls}",
            f"where={'here' if p in here else ('before' if p in before else 'away')}",
            f"n={bucket(len(places), (1, 2, 3, 5))}",
            f"mentions={bucket(counts[p], (0, 1, 2, 4))}",
            f"tcls={ev.type}|{cls}",
        ]
        if p in here:
            feats.append(f"path={_path(tok, t)}")
            feats.append(_prep(ctx, t))
            feats.append(f"dist={bucket(abs(t.i - tok.i), (2, 5, 10, 20))}")
            feats.append(f"side={'after' if t.i > tok.i else 'before'}")
        if ev.place and p != ev.place:
            if p in rule_in:
                feats.append("contains_rule")
            elif ev.place in inside[p]:
                feats.append("inside_rule")
        if any(p in inside[q] for q in places if q != p):
            feats.append("outer")
        if ctx.res.main_country() == p:
            feats.append("main_country")
        out.append((p, sorted(set(feats))))
    return out


# ---------------------------------------------------------------------------- doers

#: events a doer is sought for when the rules name none (not tolls, talks, truces, flight)
AGENT_TYPES = frozenset(
    {
        "Capture",
        "Offensive",
        "Attack",
        "Airstrike",
        "Battle",
        "Siege",
        "SiegeLifted",
        "Withdrawal",
        "Bombardment",
        "ViolenceAgainstCivilians",
    }
)


def agent_candidates(
    ctx: ArticleContext, f: Found, final: list[Found]
) -> list[tuple[str, list[str]]]:
    """The candidate doers of an event and the features of each (no names): every actor
    its trigger's sentence (and the sentence before) mentions, scored by class, dependency
    path and preposition from the trigger, distance, side, whether it is the clause's
    subject, a target of the event, a doer of the article's other events, and how often the
    article names it."""
    ev = f.fact
    tok = ctx.doc[f.trigger]
    sent = tok.sent
    prev_start = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    heads: dict[str, Token] = {}
    before: set[str] = set()
    for m in ctx.res.mentions:
        if m.kind != "actor" or not prev_start <= m.start < sent.end:
            continue
        head = ctx.doc[m.end - 1]
        if m.start < sent.start:
            if m.key not in heads:
                before.add(m.key)
                heads[m.key] = head
        elif m.key not in heads or m.key in before:
            before.discard(m.key)
            heads[m.key] = head
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = set(ctx.subject_actors(verb)) if verb.pos_ in ("VERB", "AUX") else set()
    doers = {a for g in final if g is not f for a in g.fact.agents}
    counts = {a: sum(1 for m in ctx.res.mentions if m.key == a) for a in heads}
    top = max(counts.values(), default=0)
    out = []
    for a, t in sorted(heads.items(), key=lambda kv: (kv[1].i, kv[0])):
        cls = ctx.actor_class(a)
        feats = [
            f"cls={cls}",
            f"tcls={ev.type}|{cls}",
            f"where={'before' if a in before else 'here'}",
            f"n={bucket(len(heads), (1, 2, 3, 5))}",
            f"mentions={bucket(counts[a], (1, 2, 4))}",
        ]
        if a not in before:
            feats.append(f"path={_path(tok, t)}")
            feats.append(_prep(ctx, t))
            feats.append(f"dist={bucket(abs(t.i - tok.i), (2, 5, 10, 20))}")
            feats.append(f"side={'after' if t.i > tok.i else 'before'}")
        if a in subjects:
            feats.append("subject")
        if a in ev.targets:
            feats.append("target")
        if a in doers:
            feats.append("doer_elsewhere")
        if a not in before and _suffers(ctx, t):
            feats.append("sufferer")
        if counts[a] == top:
            feats.append("most_named")
        out.append((a, sorted(set(feats))))
    return out


def _suffers(ctx: ArticleContext, tok: Token) -> bool:
    """True when the phrase of the mention ``tok`` is what the sentence says suffered or
    spoke, never a doer: the subject of a passive ("two X soldiers were killed", "X and Y
    troops were wounded") or of a verb of loss or comment (``eventlearn: no_doer_verbs`` in
    ``rules.yaml``: "X lost 20 soldiers in an ambush", "X condemned the attacks")."""
    t = tok
    while t.dep_ in ("compound", "amod", "poss", "nmod", "pobj", "prep", "conj", "appos"):
        if t.head.i == t.i:
            break
        t = t.head
    if t.dep_ == "nsubjpass":
        return True
    verbs = ctx.rule_words("eventlearn", "no_doer_verbs")
    return t.dep_ == "nsubj" and t.head.lemma_.lower() in verbs
