"""The dead of an event told before, counted by a clause that names it again (an article-level
pass).

A report of the dead often points back to the event that killed them with a definite noun:
"X and Y clashed near P on Tuesday. ... Two soldiers died in the fighting", "Russian forces
shelled P. ... Six civilians died in the shelling". Such a report names no place, doer or date
of its own: they are those of the event the noun points to (:func:`dead_of_told_events`; a
report that repeats an attack's toll has joined that attack before:
:func:`kg.extract.retold.join_restated_tolls`). The noun's family says which events it may point to
(``events.casualties.told_families`` of ``rules.yaml``): "the clash" a battle, "the shelling"
a shelling or an attack, "the strikes" a strike from the air or the ground. The event is the
nearest one of the first of those kinds stated before, up to :data:`REACH` sentences back, with
a place; a
noun that makes the event another one ("an earlier attack", "the first raid",
:func:`kg.extract.eventrefs.definite`) or that names a place of its own points to none.

Who killed: the doers of an attack or a strike; those of the attack's targets when the dead
are the attackers' own ("X attacked P. X said ten of its fighters were killed in the
attack"); in a battle, the sides the dead are not of; no one for dead of no side in a battle,
offensive or siege ("civilians were killed during the campaign").

A casualty report of the headline or the lede that counts the very toll of an attack stated at
the same place with the same doers is that attack told again (:func:`join_headline_tolls`).

People who fled because of an event told before ("X shelled P. ... The violence in P forced
4,000 people to flee", "fled their homes because of the attack") were displaced by its doers,
at its place (:func:`displaced_by_told_events`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from kg.extract.eventrefs import definite
from kg.extract.events import located_places
from kg.extract.placing import containers
from kg.extract.referents import event_referent, sentence_numbers
from kg.extract.retold import fold_into_twins

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found
    from kg.model import EventFact

__all__ = [
    "REACH",
    "dead_of_told_events",
    "displaced_by_told_events",
    "drop_unplaced_told_dead",
    "join_headline_tolls",
]

#: how many sentences back the event a definite noun names may be told
REACH = 8


def _told_kinds(ctx: ArticleContext, noun: Token) -> tuple[str, ...]:
    """The event kinds a cause noun may name again ("the clash": Battle), from the
    ``events.<family>.nouns`` of ``casualties.told_families``; none for another noun."""
    families: dict[str, list[str]] = ctx.rules["events"]["casualties"]["told_families"]
    words = {noun.lower_, noun.lemma_.lower()}
    two = f"{noun.nbor(-1).lower_} {noun.lower_}" if noun.i > noun.sent.start else ""
    for family, kinds in families.items():
        nouns = ctx.lexicon(family, "nouns")
        if words & nouns or two in nouns:
            return tuple(kinds)
    return ()


def _cause_noun(ctx: ArticleContext, verb: Token) -> tuple[Token, tuple[str, ...]] | None:
    """The definite event noun a killing ``verb`` names as the cause of death ("killed in
    the attack", "died during the clashes"), with the kinds of event it may name; None when
    it names none, or one with a place of its own ("in the attack on P")."""
    preps = ctx.lexicon("casualties", "own_cause_preps")
    for o in ctx.prep_objects(verb, preps):
        if ctx.res.mention_at(o) is not None or not definite(o):
            continue
        if any(c.dep_ == "poss" for c in o.children):
            continue  # "in Friday's shelling", "in the group's raid": its own
        kinds = _told_kinds(ctx, o)
        if not kinds:
            continue
        own = [t for c in o.children if c.dep_ == "prep" for t in c.subtree]
        if located_places(ctx, own):
            return None  # "in the attack on P": an event of its own
        return o, kinds
    return None


def _referent(
    ctx: ArticleContext,
    found: list[Found],
    report: Found,
    kinds: Sequence[Collection[str]],
    fits: Callable[[EventFact], bool] = lambda ev: True,
) -> EventFact | None:
    """The nearest event with a place stated before ``report``'s sentence (up to
    :data:`REACH` sentences back) of the first group of ``kinds`` that has one (and that
    ``fits``); None when there is none, or when that sentence states several at different
    places (:func:`kg.extract.referents.event_referent`)."""
    number = sentence_numbers(ctx.doc)

    def at(g: Found) -> int:
        return number(ctx.doc[g.trigger].idx)

    def one_place(latest: Found, rivals: Sequence[Found]) -> bool:
        return len({g.fact.place for g in rivals if at(g) == at(latest)}) == 1

    near = event_referent(
        found,
        at(report),
        at,
        lambda g: g.fact.type,
        kinds,
        window=REACH,
        fits=lambda g: bool(g.fact.place) and fits(g.fact),
        agree=one_place,
    )
    return near.fact if near is not None else None


#: events with two sides: dead of no stated side ("civilians") in one have no stated killer
_TWO_SIDED = frozenset({"Battle", "Offensive", "Siege"})


def _killers(ctx: ArticleContext, report: EventFact, cause: EventFact) -> list[str]:
    """Who killed the dead ``report`` counts in ``cause``: the doers of a one-sided event
    (an attack, a strike, shelling); in a battle, offensive or siege only when the dead
    belong to a side ("12 soldiers died in the fighting"), never for dead of no side
    ("1,000 civilians were killed during the campaign": the text does not say by whom)."""
    dead = set(report.targets)
    if not dead and cause.type in _TWO_SIDED:
        return []  # "civilians were killed during the campaign": by whom, not said
    if cause.type == "Battle":  # the sides the dead are not of
        return [a for a in cause.agents if a not in dead and not _sided(ctx, a, dead)]
    if dead & set(cause.agents):  # the attackers' own dead: those they attacked
        return [t for t in cause.targets if t not in dead]
    return list(cause.agents)


def _sided(ctx: ArticleContext, actor: str, dead: set[str]) -> bool:
    return any(ctx.same_side(actor, d) for d in dead)


def dead_of_told_events(ctx: ArticleContext, found: list[Found]) -> None:
    """A casualty report placed nowhere whose clause names its cause by a definite noun
    pointing back ("N were killed in the attack", "N died in the clash") counts the dead of
    that event: its place, doers (:func:`_killers`, when the report names none) and date
    (when the report's sentence gives none). Run on the merged events: a report that repeats
    an attack's toll has joined it already (:func:`kg.extract.retold.join_restated_tolls`).

    Examples
    --------
    "Russian forces shelled P on Monday. ... Six civilians died in the shelling" is a report
    of six dead at P on Monday, killed by Russian forces.
    """
    for f in found:
        ev = f.fact
        if ev.type != "CasualtyReport" or ev.place is not None:
            continue
        verb = ctx.doc[f.trigger]
        cause = _cause_noun(ctx, verb)
        told = _referent(ctx, found, f, [{k} for k in cause[1]]) if cause else None
        if told is None:
            continue
        ev.place = told.place
        if not ev.agents:
            ev.agents = _killers(ctx, ev, told)
        if not ctx.dates(verb.sent) and told.date is not None:
            ev.date = told.date
            f.tags.discard("undated")


def _flight_causes(ctx: ArticleContext, verb: Token) -> list[Token]:
    """The nouns the clause of the fleeing ``verb`` names as the cause: the object of a
    ``displacement.cause_preps`` phrase ("fled because of the attack", "due to the raids"),
    of the fleeing ("fled the violence"), or the subject of the verb that made them flee
    ("the violence in P forced N to flee")."""
    causes = ctx.lexicon("displacement", "causes")
    preps = ctx.lexicon("displacement", "cause_preps")
    verbs = [verb]
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in causes:
        verbs.append(verb.head)
    out: list[Token] = []
    for v in verbs:
        for c in v.children:
            if c.dep_ == ("dobj" if v is verb else "nsubj"):
                out.append(c)  # "fled the violence"; "the violence forced N to flee"
            if c.dep_ in ("prep", "agent") and c.lower_ in preps:
                out += [o for o in c.children if o.dep_ == "pobj"]
                # "because of", "due to": the object hangs on the second word
                out += [o for p in c.children if p.dep_ == "pcomp" for o in p.children]
    return out


def _told_cause(
    ctx: ArticleContext, verb: Token
) -> tuple[Token, list[frozenset[str]], str | None] | None:
    """The definite event noun that the fleeing ``verb``'s clause names as the cause, the
    groups of event kinds it may name (its family's, else ``displacement.told_kinds``) and
    the place its own phrase names ("the violence in P"); None when it names none, or one of
    its own ("a Houthi assault", "their attack")."""
    cause_nouns = ctx.lexicon("displacement", "cause_nouns")
    for o in _flight_causes(ctx, verb):
        if ctx.res.mention_at(o) is not None or not definite(o):
            continue
        if any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in o.children):
            continue  # "the M23 attack", "the group's raid": its own doers (displacers.py)
        family = _told_kinds(ctx, o)
        if family:
            groups = [frozenset({k}) for k in family]
        elif o.lower_ in cause_nouns or o.lemma_.lower() in cause_nouns:
            groups = [frozenset(ctx.rules["events"]["displacement"]["told_kinds"])]
        else:
            continue
        own = [t for c in o.children if c.dep_ == "prep" for t in c.subtree]
        places = located_places(ctx, own)
        return o, groups, places[0] if places else None
    return None


def displaced_by_told_events(ctx: ArticleContext, found: list[Found]) -> None:
    """A displacement with no displacer whose clause names its cause by a definite noun
    pointing back ("M23 rebels attacked P on Monday. ... The violence in P forced 10,000
    people to flee", "Residents fled their homes because of the attack") was made by the
    doers of that event (the nearest one with a place up to :data:`REACH` sentences back of
    the kinds the noun may name, :func:`_referent`), at its place when the displacement has
    none or one around it, on its date when the sentence gives none. The noun's own place
    ("the violence in P") must be the event's; the sides of a battle are no displacer
    ("fled the fighting": only its place and date), and a noun with an owner names its doers itself
    (:mod:`kg.extract.displacers`).

    Examples
    --------
    "Al-Shabaab fighters stormed a base in Baidoa on Monday. Thousands of residents fled
    because of the attack." is a Displacement by al-Shabaab at Baidoa.
    """
    for f in found:
        ev = f.fact
        if ev.type != "Displacement" or ev.agents:
            continue
        verb = ctx.doc[f.trigger]
        cause = _told_cause(ctx, verb)
        if cause is None:
            continue
        _noun, groups, own = cause

        def fits(told: EventFact, own: str | None = own, here: str | None = ev.place) -> bool:
            return all(p is None or _within(ctx, p, told.place) for p in (own, here))

        told = _referent(ctx, found, f, groups, fits)
        if told is None:
            continue
        if told.type != "Battle":  # "fled the fighting": at its place, by neither side
            ev.agents = list(told.agents)
        ev.place = told.place
        if not ctx.dates(verb.sent) and told.date is not None:
            ev.date = told.date
            f.tags.discard("undated")


def _within(ctx: ArticleContext, outer: str, place: str | None) -> bool:
    """Whether ``place`` is ``outer`` or inside it."""
    return place is not None and (place == outer or outer in containers(ctx, place))


#: sentences at the top of an article: a headline and the lede
_LEDE = 2


def join_headline_tolls(
    ctx: ArticleContext, found: list[Found], merge: Callable[[Found, Found], None]
) -> list[Found]:
    """A casualty report of the headline or the lede that counts the very toll of an attack
    or strike the article states at the same place (or one inside it) with the same doers
    ("ISWAP fighters kill 15 soldiers in Borno attack" over "ISWAP fighters killed 15
    soldiers in an attack in Borno State") is that attack told again: it joins it.

    Examples
    --------
    "Rebels kill 9 soldiers in Mali raid. Rebels killed nine soldiers in a raid on a post
    near Gao" is one Attack at Gao with ``killed: 9``.
    """
    number = sentence_numbers(ctx.doc)

    def twins(f: Found) -> list[Found]:
        ev = f.fact
        top = number(ctx.doc[f.trigger].idx) < _LEDE
        if ev.type != "CasualtyReport" or not top or not ev.agents or not ev.figures:
            return []
        here = ctx.doc[f.trigger].sent.start
        return [  # a story's attack told after the headline, not one of its own sentence
            g for g in found if ctx.doc[g.trigger].sent.start > here and _same_toll(ctx, ev, g.fact)
        ]

    return fold_into_twins(found, twins, merge)


def _same_toll(ctx: ArticleContext, report: EventFact, strike: EventFact) -> bool:
    if strike.type not in ("Attack", "Bombardment", "Airstrike") or not strike.place:
        return False
    if any(strike.figures.get(k) != n for k, n in report.figures.items()):
        return False
    if not set(report.agents) & set(strike.agents):
        return False
    return (
        report.place is None
        or report.place == strike.place
        or (report.place in containers(ctx, strike.place))
    )


def drop_unplaced_told_dead(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """A casualty report that names its cause by a definite noun pointing back ("three
    guards were killed in the raid reported on Friday", "four officers died in the
    ambush") and that no event told before, nor the sentences before it, place counts
    the dead of an event the article told in words no rule read: placed nowhere, it states
    nothing (run after :func:`dead_of_told_events` and the context's places). "N were killed
    in an ambush" (indefinite: the report names its cause) stays, and so does "N were killed
    in the airstrike on P" (the noun's own phrase says which).

    Examples
    --------
    "Four police officers died in the ambush, officials said." states no event.
    """
    preps = ctx.lexicon("casualties", "own_cause_preps")

    def told_dead(f: Found) -> bool:
        if f.fact.type != "CasualtyReport" or f.fact.place is not None:
            return False
        verb = ctx.doc[f.trigger]
        # "N were killed and M wounded in the clash": the phrase may hang on the last verb
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        return any(
            definite(o)
            and _told_kinds(ctx, o)
            and ctx.res.mention_at(o) is None
            and not any(c.dep_ == "prep" for c in o.children)  # "the airstrike on P": its own
            for v in verbs
            for o in ctx.prep_objects(v, preps)
        )

    return [f for f in found if not told_dead(f)]
