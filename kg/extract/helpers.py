"""Who takes part in an event beside its doers: the helpers an event phrase names.

- **event-backed**: "launched an offensive in the north backed by X and Y", "the assault,
  supported by X": X and Y fought in it. An event backed by armed forces is fought by them
  too; an actor backed by X is X's client (:mod:`kg.extract.backing`), not this;
- **event-joint**: "X retook P as they carried out a joint operation with fighters from Y":
  Y took part;
- **aimed-at**: an offensive with no target is aimed at whom its sentence says its agents
  launched it to defeat ("in a bid to oust Y": :mod:`kg.extract.opposed`);
- **event-supported**: "X supported the M23's attack", "accused X of supporting the M23's
  attack" (``helpers: join_verbs``);
- **event-help**: "the recapture of P was made possible with the help of X, Y and Z", "P was
  retaken with the support of X", "the raid, carried out in coordination with X": X took
  part (``helpers: help_nouns``, ``coordination_nouns``).

A helper is one of the event's agents, an ally of its other agents (with no agent, the
helpers are allies of each other) and fights its targets. Only armed actors and states help
(``ARMED_CLASSES``): "with the help of local elders" names no side. Not "without the help
of X", nor a negated or modal event verb, nor a sponsor whose means back the doers
("supported by Russian jets": backs, read elsewhere).

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2023, 6, 10)),
...     "Galcad was recaptured from al-Shabaab on Friday with the help of Somali troops and"
...     " the Macawisley militia.",
... )
>>> facts.events[0].agents
['Somali National Army', "Ma'awisley"]
>>> for r in sorted(facts.relations, key=lambda r: (r.type, r.subject)):
...     if r.type != "controls":
...         print(r.type, r.subject, r.object)
alliedWith Somali National Army Ma'awisley
fights Ma'awisley al-Shabaab
fights Somali National Army al-Shabaab
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.context import one_per_side, pairs
from kg.model import ARMED_CLASSES, EventFact, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = ["helper_relations", "helpers_of", "partner_states"]

#: events whose helpers act with the doers against the targets
_HELPED = frozenset({"Capture", "Offensive", "Airstrike", "Attack", "Siege", "Bombardment"})
#: the clause words whose "with" phrase may carry the help ("was made possible with ...")
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _anchors(trig: Token) -> list[Token]:
    """The tokens a helper phrase of the event ``trig`` names may hang on: the trigger, the
    verb it is the subject or object of (and that verb's predicate: "was made possible with
    the help of"), and the objects of their prepositions ("an offensive in the region backed
    by X": the parser hangs the participle on the last noun)."""
    out = [trig]
    if trig.dep_ in _CLAUSE_DEPS and trig.head.pos_ in ("VERB", "AUX"):
        verb = trig.head
        out += [verb, *(c for c in verb.children if c.dep_ in ("oprd", "acomp"))]
    for a in list(out):
        for c in a.children:
            if c.dep_ == "prep" and c.lower_ not in ("with", "without"):
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _listed_after(ctx: ArticleContext, noun: Token) -> list[str]:
    """Actors of the "of" (or "from") list after a help noun, read token by token up to the
    next verb or subject (the parser often breaks a long list: "the help of X, Y (Z) and W
    fighters", "with support from X and Y")."""
    out: list[str] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        for t in ctx.doc[prep.i + 1 : noun.sent.end]:
            if t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "nsubjpass"):
                break
            out += [a for a in ctx.res.actors_at(t, conj=False) if a not in out]
    return out


def _partners_of(ctx: ArticleContext, noun: Token) -> list[str]:
    """Actors a "with" object names, or those it comes from ("fighters from X")."""
    found = ctx.res.actors_at(noun)
    if found:
        return found
    return [a for o in ctx.prep_objects(noun, {"from", "of"}) for a in ctx.res.actors_at(o)]


def _joint_partners(ctx: ArticleContext, trig: Token) -> list[str]:
    """Partners of a joint action the event verb's clause carries out: "X retook P as they
    carried out a joint operation with fighters from Y" (``pacts: joint_words``,
    ``joint_action_nouns``; the "with" partner takes part in what the verb tells)."""
    if trig.pos_ != "VERB":
        return []
    joint = ctx.rule_words("pacts", "joint_words")
    acts = ctx.rule_words("pacts", "joint_action_nouns")
    out: list[str] = []
    for t in trig.subtree:
        if t.pos_ != "NOUN" or t.lower_ not in acts or ctx.negated(t):
            continue
        if any(c.dep_ in ("amod", "compound") and c.lower_ in joint for c in t.children):
            out += [a for p in ctx.prep_objects(t, {"with"}) for a in _partners_of(ctx, p)]
    return out


def _supporting(ctx: ArticleContext, trig: Token) -> list[str]:
    """Who supports or joins an event noun as a verb's object: "X supported the M23's
    attack", "accused X of supporting the M23's attack" (``helpers: join_verbs``; the one
    accused is the doer of the "of" gerund); not negated or modal."""
    verb = trig.head
    if trig.dep_ != "dobj" or verb.lemma_ not in ctx.rule_words("helpers", "join_verbs"):
        return []
    if ctx.negated(verb) or ctx.unreal(verb):
        return []
    doers = ctx.subject_actors(verb)
    if not doers and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        doers = [
            a for o in verb.head.head.children if o.dep_ == "dobj" for a in ctx.res.actors_at(o)
        ]
    return doers


def helpers_of(
    ctx: ArticleContext, trig: Token, help_nouns: frozenset[str] | None = None
) -> list[str]:
    """Actors a phrase on the event ``trig`` names as taking part in it (see the module);
    ``help_nouns`` narrows the nouns of a "with" phrase (default ``helpers: help_nouns``)."""
    backed = ctx.rule_words("helpers", "participles")
    if help_nouns is None:
        help_nouns = ctx.rule_words("helpers", "help_nouns")
    coord = ctx.rule_words("helpers", "coordination_nouns")
    out: list[str] = []
    for a in _anchors(trig):
        for c in a.children:
            if c.dep_ in ("acl", "amod", "relcl", "advcl") and c.lower_ in backed:
                if not ctx.negated(c):
                    out += ctx.passive_agents(c)
                continue
            if c.dep_ != "prep" or c.lower_ not in ("with", "in"):
                continue
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                if c.lower_ == "with" and o.lemma_.lower() in help_nouns:
                    out += _listed_after(ctx, o)
                elif c.lower_ == "in" and o.lemma_.lower() in coord:
                    out += [a for p in ctx.prep_objects(o, {"with"}) for a in _partners_of(ctx, p)]
    out += _joint_partners(ctx, trig)
    out += _supporting(ctx, trig)
    armed = (*ARMED_CLASSES, "State")
    return [a for a in dict.fromkeys(out) if ctx.actor_class(a) in armed]


def _enemies(relations: list[RelationFact], sent: Span, agents: list[str]) -> list[str]:
    """Whom ``sent`` says the ``agents`` fight ("X retook P ... to drive Y out")."""
    out: list[str] = []
    for r in relations:
        if r.type != "fights" or not sent.start_char <= r.evidence.char_start < sent.end_char:
            continue
        for doer, enemy in ((r.subject, r.object), (r.object, r.subject)):
            if doer in agents and enemy not in agents and enemy not in out:
                out.append(enemy)
    return out


def _aimed_at(events: list[EventFact], relations: list[RelationFact]) -> None:
    """An offensive with no target is aimed at whom its sentence says its agents launched it
    to defeat ("launched an offensive in a bid to oust Y": purpose-foe)."""
    for ev in events:
        if ev.type != "Offensive" or ev.targets:
            continue
        start = ev.evidence.char_start
        ev.targets.extend(
            r.object
            for r in relations
            if r.evidence.method == "purpose-foe"
            and r.evidence.char_start == start
            and r.subject in ev.agents
            and r.object not in ev.agents
        )


def helper_relations(
    ctx: ArticleContext,
    found: list[Found],
    events: list[EventFact],
    relations: list[RelationFact],
) -> list[RelationFact]:
    """Alliances and fights of the helpers of each event (see the module), who join its
    agents. ``events`` are the facts of ``found`` as the article has them (their agents as
    offices); the helpers also fight whom ``relations`` have the agents fight in the event's
    sentence."""
    _aimed_at(events, relations)
    out: list[RelationFact | None] = []
    for f, ev in zip(found, events, strict=True):
        if ev.type not in _HELPED:
            continue
        trig = ctx.doc[f.trigger]
        if ctx.negated(trig) or (trig.pos_ == "VERB" and ctx.unreal(trig)):
            continue
        # "supported by Russian jets": a sponsor's means (backs), read elsewhere; a state's
        # support of a state's action (joint-support: partner_states) is no fighting either
        backers = {
            x
            for r in relations
            if r.type == "backs" or r.evidence.method == "joint-support"
            for x in (r.subject, r.object)
        }
        helpers = [
            h
            for h in helpers_of(ctx, trig)
            if h not in ev.agents and h not in ev.targets and h not in backers
        ]
        if not helpers:
            continue
        sent = trig.sent
        agents = one_per_side(ev.agents, ctx.same_side)
        for h in helpers:
            for a in agents:
                if not ctx.same_side(h, a):
                    out.append(ctx.relation(sent, "alliedWith", a, h, "event-helpers", trig))
            for t in dict.fromkeys([*ev.targets, *_enemies(relations, sent, ev.agents)]):
                if not ctx.same_side(h, t):
                    out.append(ctx.relation(sent, "fights", h, t, "event-helpers", trig))
        if not agents:
            for a, b in pairs(one_per_side(helpers, ctx.same_side)):
                out.append(ctx.relation(sent, "alliedWith", a, b, "event-helpers", trig))
        ev.agents.extend(helpers)
    return [r for r in out if r is not None]


def partner_states(
    ctx: ArticleContext,
    found: list[Found],
    events: list[EventFact],
    relations: list[RelationFact],
) -> list[RelationFact]:
    """``relations`` with a state's support of another state's armed action read as a
    partnership: "the US and Britain struck targets with support from Australia and Canada"
    (support-noun, the help phrase on the event: :func:`helpers_of`) makes Australia and
    Canada allies of both (``alliedWith``, joint-support), not their sponsors; "with the
    backing of X" (``sponsorship: strong``) and help by a sponsor's means ("with the help of
    Russian jets": ``sponsorship: means``) stay sponsorship. Support of a group stays
    sponsorship ("the Houthis, with support from Iran, attacked ships"), and so
    does support the event's phrase does not name ("Russian support for Syria continued as
    Syrian jets bombed Idlib"). The partners are not made doers of the event: support is no
    fighting (:func:`helper_relations` leaves them out)."""
    official = ("State", "Government", "ArmedForces")
    candidates = [
        r
        for r in relations
        if r.type == "backs"
        and r.evidence.method == "support-noun"
        and ctx.actor_class(r.subject) == "State"
        and ctx.actor_class(r.object) in official
    ]
    if not candidates:
        return relations  # most articles: nothing to read again
    # "with the support / help of X", not "with the backing of X" (a sponsor's word)
    weak = ctx.rule_words("helpers", "help_nouns") - ctx.rule_words("sponsorship", "strong")
    means = frozenset(ctx.rules["sponsorship"]["means"])
    partners: set[tuple[str, str]] = set()
    for f, ev in zip(found, events, strict=True):
        if ev.type not in _HELPED and ev.type != "Battle":
            continue
        trig = ctx.doc[f.trigger]
        helps = [t for t in trig.sent if t.lemma_.lower() in weak]
        if any(x.lemma_.lower() in means for h in helps for x in h.subtree if x.i != h.i):
            continue  # "with the help of Russian jets": a sponsor's means (backs)
        helpers = [h for h in helpers_of(ctx, trig, weak) if h not in ev.agents]
        partners |= {(h, a) for h in helpers for a in ev.agents}
    ids = {id(c) for c in candidates}
    out: list[RelationFact] = []
    for r in relations:
        if id(r) in ids and (r.subject, r.object) in partners:
            r = replace(r, type="alliedWith", evidence=replace(r.evidence, method="joint-support"))
        out.append(r)
    return out
