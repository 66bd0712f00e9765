"""Places changing hands as wire copy names them without a verb of taking: "the Taliban's
takeover of P", "the capture of P by X", "X claimed the capture of P" (a noun), "P fell into
rebel hands" / "P fell under X control" (a fall with its new holder), and armed forces that
leave a place ("government troops left P", "soldiers inside P started retreating": a
withdrawal).

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events; the words are
``events.capture.nouns``, ``events.capture.claim_verbs``, ``events.capture.fall_holders``,
``events.capture.since_preps`` and ``events.withdrawal`` (``leave_verbs``, ``start_verbs``,
``inside_preps``, ``out_words``) in ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.captures import undone_later
from kg.extract.context import ArticleContext
from kg.extract.eventrefs import noun_places
from kg.extract.events import Found, forces_of, make_event, site_places, subject_token
from kg.extract.gates import needs
from kg.extract.helpers import helpers_of
from kg.extract.hostility import modifier_actors
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]

# actors that can hold a place by arms: who leaves it withdraws (not a delegation, a minister)
_ARMED = frozenset(("State", *ARMED_CLASSES))


def _noun_takers(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who takes in a capture noun: "the Taliban's takeover", "the M23 takeover", "the Russian
    capture of P", "the capture of P by X", "the fall of P to X", "X claimed the capture of P"
    (the claimer, for ``claim_verbs`` only: a source that confirms it is no taker)."""
    out = modifier_actors(ctx, tok)
    out += [a for o in ctx.prep_objects(tok, {"by", "to"}) for a in ctx.res.actors_at(o)]
    out += [  # "the recapture of the town by X": the parser may hang "by" on the place
        a
        for o in ctx.prep_objects(tok, {"of"})
        for b in ctx.prep_objects(o, {"by"})
        for a in ctx.res.actors_at(b)
    ]
    if not out and tok.dep_ == "dobj" and tok.head.lemma_ in ctx.lexicon("capture", "claim_verbs"):
        out = ctx.subject_actors(tok.head)
    return list(dict.fromkeys(out))


def _not_stated(ctx: ArticleContext, tok: Token) -> bool:
    """Whether a capture noun states no capture that took place: negated, under a modal ("the
    capture of P would be a blow"), only aimed at ("a bid for the capture of P", "sought the
    capture of P"), or a time it counts from ("since the fall of P": an old one, undated)."""
    head = tok.head
    if ctx.negated(tok) or ctx.denied(tok) or ctx.is_risk(tok):
        return True
    if head.pos_ in ("VERB", "AUX") and (ctx.unreal(head) or ctx.negated(head)):
        return True
    aims = ctx.lexicon("offensive", "intent") | ctx.lexicon("ceasefire", "aim_nouns")
    if head.lemma_ in aims or (head.dep_ == "prep" and head.head.lemma_ in aims):
        return True
    return head.dep_ == "prep" and head.lower_ in ctx.lexicon("capture", "since_preps")


@needs("events.capture.nouns")
def capture_nouns(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "the Taliban's takeover of P", "the capture of P by X", "X claimed the capture of P",
    "the recapture of P was made possible with the help of X" (its helpers): a capture of P by
    X (only with a taker named; the agentless noun restates a capture the article states
    otherwise)."""
    nouns = ctx.lexicon("capture", "nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in nouns:
            continue
        places = noun_places(ctx, tok, "capture")
        if not places or _not_stated(ctx, tok):
            continue
        # "the recapture of P was made possible with the help of X and Y": its helpers took it
        agents = forces_of(ctx, _noun_takers(ctx, tok) or helpers_of(ctx, tok), tok)
        if not agents:
            continue
        # "X completed / claimed the capture of P in May": the date hangs on the verb
        claimed = tok.dep_ == "dobj" and tok.head.lemma_ in ctx.lexicon("capture", "claim_verbs")
        within = {t.i for t in (tok.head if claimed else tok).subtree}
        # "the capture of P from Y": the parser hangs "from" on the noun or on the place
        froms = [*ctx.prep_objects(tok, {"from"})]
        froms += [g for o in ctx.prep_objects(tok, {"of"}) for g in ctx.prep_objects(o, {"from"})]
        losers = [a for o in froms for a in ctx.res.actors_at(o) if a not in agents]
        f = make_event(
            ctx,
            sent,
            "Capture",
            "capture-noun",
            tok,
            agents=agents,
            targets=losers,
            place=places[0],
            within=within,
        )
        yield Found(f, tok.i, explicit_target=bool(losers), controls=True, losers=losers)


@needs("events.capture.fall_verbs")
def fell_to_holder(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "P fell into rebel hands", "P fell into the hands of X", "P fell under Taliban control":
    a capture of P by the new holder (``fall_holders``: hands, control)."""
    holders = ctx.lexicon("capture", "fall_holders")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in ctx.lexicon("capture", "fall_verbs"):
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        nouns = [o for o in ctx.prep_objects(tok, {"into", "under"}) if o.lemma_ in holders]
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        place = ctx.res.place_at(subj[0]) if subj else None
        if not nouns or place is None:
            continue
        agents = [a for n in nouns for a in modifier_actors(ctx, n)]
        agents += [
            a for n in nouns for o in ctx.prep_objects(n, {"of"}) for a in ctx.res.actors_at(o)
        ]
        agents = forces_of(ctx, list(dict.fromkeys(agents)), tok)
        if not agents:
            continue
        f = make_event(ctx, sent, "Capture", "fall", tok, agents=agents, place=place)
        yield Found(f, tok.i, explicit_target=False, controls=not undone_later(ctx, tok))


def _started(ctx: ArticleContext, verb: Token) -> bool:
    """Whether an infinitive states the act begun ("began to leave P"), not an aim or an order
    (``events.withdrawal.start_verbs``)."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return not to or verb.head.lemma_ in ctx.lexicon("withdrawal", "start_verbs")


@needs("events.withdrawal.leave_verbs")
def left_place(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Government troops left P", "the rebels abandoned P", "they have left the city",
    "X abandoned its positions in P" (armed actors only: civilians who leave are displaced):
    a withdrawal from P."""
    verbs = ctx.lexicon("withdrawal", "leave_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or not _started(ctx, tok):
            continue
        if ctx.negated(tok) or ctx.unreal(tok) or ctx.denied(tok):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        places = [p for o in objs for p in [ctx.res.place_at(o)] if p]
        # "abandoned their positions in P", "left its base near P": where the sites are (the
        # place itself may still be held: no end of control)
        whole = bool(places)
        places = places or site_places(ctx, tok, objs)[:1]
        if not places:
            continue
        subj = subject_token(tok)
        if subj is None or subj.lower_ == "it":
            continue  # "the helicopter was hit after leaving P", "it left P": not troops
        agents = [a for a in ctx.subject_actors(tok) if ctx.actor_class(a) in _ARMED]
        agents = forces_of(ctx, agents, tok)
        if not agents:
            continue
        f = make_event(
            ctx, sent, "Withdrawal", "withdrawal-leave", tok, agents=agents, place=places[0]
        )
        yield Found(f, tok.i, explicit_target=False, controls=whole)


def _retreat_place(ctx: ArticleContext, verb: Token) -> str | None:
    """Where troops retreat from when no "from P" says it: where they are ("soldiers inside P
    started retreating", "the forces in the city had retreated"), or the place the clause
    that forced them names ("X attacked P from several sides, forcing Y to retreat")."""
    subj = subject_token(verb)
    inside = ctx.lexicon("withdrawal", "inside_preps")
    if subj is not None and subj.pos_ != "PRON":
        # "soldiers in P", "soldiers who held out inside P" (the subject's own phrase)
        for t in subj.subtree:
            p = ctx.res.place_at(t) if t.dep_ == "pobj" and t.head.lower_ in inside else None
            if p:
                return p
    force = verb.head
    if verb.dep_ != "xcomp" or force.lemma_ not in ctx.lexicon("displacement", "causes"):
        return None
    cause = force.head if force.dep_ in ("advcl", "conj", "xcomp") else None
    if cause is None or cause.pos_ != "VERB":
        return None
    objs = [c for c in cause.children if c.dep_ == "dobj"]
    objs += ctx.prep_objects(cause, {"into", "on", "in", "inside"})
    return next((p for o in objs for p in [ctx.res.place_at(o)] if p), None)


@needs("events.withdrawal.verbs")
def retreat_in_place(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "The soldiers inside P started retreating", "X stormed P, forcing government troops to
    retreat": a withdrawal from P (the rule of ``combat.simple_events`` needs "from P")."""
    outs = ctx.lexicon("withdrawal", "out_words")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in ctx.lexicon("withdrawal", "verbs"):
            continue
        forcing = tok.head.lemma_ in ctx.lexicon("displacement", "causes")
        forced = forcing and _started(ctx, tok.head)
        if not (_started(ctx, tok) or forced) or ctx.negated(tok) or ctx.unreal(tok):
            continue  # "refused to retreat", "hoping to force them to retreat"
        if ctx.denied(tok) or any(ctx.res.place_at(o) for o in ctx.prep_objects(tok, outs)):
            continue  # "withdrew from P": combat.simple_events
        place = _retreat_place(ctx, tok)
        # "X stormed P, forcing troops to retreat": who was forced, never X (the subject the
        # parser reaches through the forcing verb when the forced go unnamed)
        forced_toks = [o for o in tok.head.children if o.dep_ == "dobj"]
        forced_toks += [c for c in tok.children if c.dep_ == "nsubj"]
        # "X attacked the soldiers, forcing them to retreat": "them" never X
        forcers = set(ctx.subject_actors(tok.head)) if forcing else set()
        doers = (
            [a for o in forced_toks for a in ctx.res.actors_at(o) if a not in forcers]
            if forcing
            else ctx.subject_actors(tok)
        )
        agents = [a for a in doers if ctx.actor_class(a) in _ARMED]
        agents = forces_of(ctx, agents, tok)
        if place is None or not agents:
            continue
        f = make_event(ctx, sent, "Withdrawal", "withdrawal", tok, agents=agents, place=place)
        yield Found(f, tok.i, explicit_target=False, controls=True)


def _fled_from(ctx: ArticleContext, verb: Token) -> str | None:
    """The place armed men fled: the object ("fled Mosul", "fled the city") or the "from" /
    "out of" phrase; else the place the clause that forced them names ("X struck P, forcing
    Y to flee")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += ctx.prep_objects(verb, {"from", "out", "of"})
    found = next((p for o in objs for p in [ctx.res.place_at(o)] if p), None)
    if found is not None or objs:
        return found
    found = _retreat_place(ctx, verb)
    # "X struck P, destroying bases and forcing Y to flee": the place of a clause above
    for v in [a for a in verb.ancestors if a.pos_ == "VERB"][:3] if found is None else ():
        objs = [c for c in v.children if c.dep_ == "dobj"]
        objs += ctx.prep_objects(v, {"into", "on", "in", "inside"})
        found = next((p for o in objs for p in [ctx.res.place_at(o)] if p), None)
        if found is not None:
            break
    return found


def _fleeing_body(ctx: ArticleContext, tok: Token) -> bool:
    """Whether ``tok`` names a body of armed men that can withdraw by fleeing: a pronoun, a
    group's name, or a plural of ``withdrawal: fleeing_bodies`` with no number ("Islamic
    State fighters", "the militants"); not one person or a counted few ("a senior Hamas
    commander", "two soldiers who fled", "army defectors")."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "two soldiers who fled P": the soldiers
    elif tok.pos_ in ("PRON", "PROPN"):
        return True
    if any(c.dep_ == "nummod" for c in tok.children):
        return False
    return tok.tag_ == "NNS" and tok.lower_ in ctx.lexicon("withdrawal", "fleeing_bodies")


def _from_context(ctx: ArticleContext, tok: Token | None) -> bool:
    """True for bare troops the article's country names ("soldiers fled P": whose, the words
    do not say), not a name."""
    m = ctx.res.mention_at(tok) if tok is not None else None
    return m is not None and m.source == "context"


@needs("events.withdrawal.flee_verbs")
def fled_place(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Islamic State fighters fled Mosul", "X struck P, forcing Y fighters to flee the city",
    "the Houthis were forced to flee from Aden": armed men who flee a place withdraw from it
    (civilians who flee are displaced: :mod:`kg.extract.combat`)."""
    causes = ctx.lexicon("displacement", "causes")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in ctx.lexicon("withdrawal", "flee_verbs"):
            continue
        forcing = tok.head.lemma_ in causes and tok.dep_ in ("xcomp", "ccomp")
        if not (_started(ctx, tok) or (forcing and _started(ctx, tok.head))):
            continue  # "planned to flee P", "hoping to force them to flee"
        if ctx.negated(tok) or ctx.unreal(tok) or ctx.denied(tok):
            continue
        place = _fled_from(ctx, tok)
        forced = [o for o in tok.head.children if o.dep_ == "dobj"] if forcing else []
        if any(_from_context(ctx, t) for t in [*forced, subject_token(tok)]):
            continue  # "the group said soldiers had fled P": whose soldiers, the text leaves open
        bodies = forced or [t for t in [subject_token(tok)] if t is not None]
        if not all(_fleeing_body(ctx, t) for t in bodies):
            continue  # "a senior Hamas commander fled Gaza", "two soldiers who fled Bamako"
        pe = ctx.res.entry(place, "place") if place is not None else None
        if pe is not None and pe.cls == "Country":
            continue  # "defectors fled Syria for Turkey": no withdrawal from a country
        doers = [a for o in forced for a in ctx.res.actors_at(o)] or ctx.subject_actors(tok)
        if forcing:  # "X attacked P, forcing them to flee": never X
            doers = [a for a in doers if a not in ctx.subject_actors(tok.head)]
        agents = forces_of(ctx, [a for a in doers if ctx.actor_class(a) in ARMED_CLASSES], tok)
        if place is None or not agents:
            continue
        f = make_event(ctx, sent, "Withdrawal", "withdrawal-flee", tok, agents=agents, place=place)
        yield Found(f, tok.i, explicit_target=False, controls=True)


def _paired_capture(ctx: ArticleContext, tok: Token) -> Token | None:
    """The capture noun the noun ``tok`` is coordinated with ("the recapture of P by X and the
    withdrawal of Y"), if any."""
    nouns = ctx.lexicon("capture", "nouns")
    pair = [tok.head] if tok.dep_ == "conj" else []
    pair += [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj" and tok.head.dep_ == "pobj":
        # "the recapture of P by X and the withdrawal of Y": the parser may join the second
        # noun to the last word of the first one's phrase
        pair.append(tok.head.head.head)
    return next((t for t in pair if t.pos_ == "NOUN" and t.lemma_.lower() in nouns), None)


@needs("events.withdrawal.nouns", "events.capture.nouns")
def withdrawal_beside_capture(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "The recapture of the city by X and the withdrawal of government troops on Monday": a
    withdrawal noun with no "from P" of its own, coordinated with a capture noun, is a
    withdrawal from the place taken (the one event seen from both sides)."""
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lemma_ not in ctx.lexicon("withdrawal", "nouns"):
            continue
        capture = _paired_capture(ctx, tok)
        if capture is None or ctx.negated(tok) or ctx.prep_objects(tok, {"from", "away"}):
            continue
        if _not_stated(ctx, capture):
            continue
        places = noun_places(ctx, capture, "capture")
        whose = [c for c in tok.children if c.dep_ == "poss"] + ctx.prep_objects(tok, {"of"})
        agents = forces_of(ctx, [a for w in whose for a in ctx.res.actors_at(w)], tok)
        agents = [a for a in agents if ctx.actor_class(a) in _ARMED]
        if not places or not agents:
            continue
        within = {t.i for t in tok.subtree}
        f = make_event(
            ctx,
            sent,
            "Withdrawal",
            "withdrawal",
            tok,
            agents=agents,
            place=places[0],
            within=within,
        )
        yield Found(f, tok.i, explicit_target=False, controls=True)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (
    capture_nouns,
    fell_to_holder,
    left_place,
    retreat_in_place,
    fled_place,
    withdrawal_beside_capture,
)
