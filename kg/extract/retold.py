"""One occurrence told twice in one sentence is one event (an article-level pass).

A sentence that states an attack often counts its dead in a clause of its own: "gunmen
attacked a camp in P and killed 20 soldiers", "a raid near P, in which eight soldiers were
killed", "X stormed a post in P; six guards were killed". The casualty rule reads such a
clause as a report of its own; :func:`fold_retold_tolls` makes its figures the attack's and
drops the report, so the one occurrence is one event. A report that names a cause of its
own ("... while five died in clashes in Q") or another place stays, and so does one counting
the dead of attacks in the plural ("N have died from X attacks": perhaps many).
:func:`join_coarse_restatements` joins a headline's event in a country to the story's event
at a town in it, and :func:`join_restated_tolls` a report placed nowhere to the attack whose
toll it repeats.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract.context import superlative
from kg.extract.placing import containers
from kg.extract.referents import sentence_numbers
from kg.model import dates_agree

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found
    from kg.model import EventFact

__all__ = [
    "drop_compared",
    "drop_offensive_attacks",
    "fold_into_twins",
    "fold_retold_tolls",
    "join_coarse_restatements",
    "join_definite_truces",
    "join_restated_tolls",
]

#: the events whose dead a clause of their sentence may count
_STRIKES = ("Attack", "Bombardment")
#: ... and, when the clause names them as the cause ("killed in clashes between X and Y"),
#: these too
_CAUSES = (*_STRIKES, "Airstrike", "Battle")
#: determiners by which a cause noun refers to an event told before ("died in the shelling")
_REFERRING = ("the", "this", "that", "these", "those")


def _referring(strike: Token) -> bool:
    """True for a cause noun that refers to an event told before: "the junta shelling",
    "Friday's shelling" (a determiner or a possessive), not "an ambush", "clashes"."""
    return any(
        (c.dep_ == "det" and c.lower_ in _REFERRING) or c.dep_ == "poss" for c in strike.children
    )


def _participle_of_doer(verb: Token, strike: Token) -> bool:
    """True for a participle of the verb the strike noun is the subject of: "coalition air
    strikes hit a wedding in P, killing 20"."""
    return verb.dep_ == "advcl" and strike.dep_ == "nsubj" and verb.head == strike.head


def _joined(verb: Token) -> list[Token]:
    """The report's verb and the verbs conjoined to it, whose phrases count the same dead:
    "N were killed and M wounded in an ambush", "N were killed and dozens injured in a
    strike" (the parser hangs the cause on the last)."""
    out = [verb]
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            out.append(c)
        elif c.dep_ == "conj" and c.pos_ == "NOUN":  # "killed and dozens injured in ..."
            out += [v for v in c.children if v.dep_ == "acl" and v.pos_ == "VERB"]
    return out


def _caused(ctx: ArticleContext, verb: Token, strike: Token) -> bool:
    """True when the report's clause is a participle of the strike's ("bombed P, killing N")
    or names it as the cause ("killed in clashes between X and Y"); not when the strike
    noun is the killing's subject ("Airstrikes killed N": :mod:`kg.extract.sequels`)."""
    if verb.lemma_ in ctx.lexicon("casualties", "toll_raise_verbs"):
        return False  # "..., raising the death toll to N": a running total, not its dead
    if verb in strike.subtree or _participle_of_doer(verb, strike):
        return True
    causes = ctx.lexicon("casualties", "cause_preps")
    head = strike.head
    return strike.dep_ == "pobj" and head.lower_ in causes and head.head in _joined(verb)


def _linked(ctx: ArticleContext, verb: Token, strike: Token) -> bool:
    """True when the report's clause hangs on the strike's ("attacked P and killed N", "a
    raid, in which N were killed"), or both are conjuncts of one verb; when the strike is
    the cause the report names, only if the report introduces it ("N were killed in an
    ambush near P", "N died in clashes between X and Y": one event with its dead), not if it
    refers back to it ("N died in the junta shelling": a report of its own); "N were killed
    when X shelled P" is X's shelling with its dead; "Rebels raid a post, kill N", a headline
    the parser reads with the killing on top, is one."""
    if verb in strike.subtree or (verb.dep_ == "conj" and verb.head == strike.head):
        return True
    if _participle_of_doer(verb, strike):
        return True
    if strike not in verb.subtree:
        return False
    path = [strike, *(t for t in strike.ancestors if t in verb.subtree and t != verb)]
    causes = ctx.lexicon("casualties", "cause_preps")
    if not any(t.dep_ == "prep" and t.lower_ in causes for t in path):
        return True
    return strike.pos_ == "NOUN" and path[1].head in _joined(verb) and not _referring(strike)


def _own_cause(ctx: ArticleContext, verb: Token, strike: Token) -> bool:
    """True when the report's clause names a cause of death other than the strike: "died in
    clashes", "killed in a separate attack" (not "in which", not the strike's own noun)."""
    for o in ctx.prep_objects(verb, ctx.lexicon("casualties", "cause_preps")):
        if o.i == strike.i or o.tag_ in ("WDT", "WP") or ctx.res.mention_at(o) is not None:
            continue
        if o.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _same_place(ctx: ArticleContext, report: EventFact, strike: EventFact) -> bool:
    if report.place is None or strike.place is None or report.place == strike.place:
        return True
    return report.place in containers(ctx, strike.place) or strike.place in containers(
        ctx, report.place
    )


def _host(ctx: ArticleContext, f: Found, found: list[Found]) -> Found | None:
    """The one attack or shelling of ``f``'s sentence whose toll ``f`` counts, or None."""
    verb = ctx.doc[f.trigger]
    report = f.fact
    hosts = []
    for g in found:
        strike = ctx.doc[g.trigger]
        if g.fact.type not in _CAUSES or strike.sent.start != verb.sent.start:
            continue
        if g.fact.type not in _STRIKES and not _caused(ctx, verb, strike):
            continue
        if strike.tag_ == "NNS" and g.fact.type in _STRIKES:
            continue  # "N died from X attacks": perhaps several, the report stays
        if not _linked(ctx, verb, strike) or not _same_place(ctx, report, g.fact):
            continue
        if not all(
            any(a == b or ctx.same_side(a, b) for b in g.fact.agents) for a in report.agents
        ):
            continue  # a state's doers may be named as its government or its forces
        if _own_cause(ctx, verb, strike):
            continue
        hosts.append(g)
    return hosts[0] if len(hosts) == 1 else None


def fold_retold_tolls(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """Casualty reports that count the dead of an attack or shelling their sentence states
    ("Gunmen attacked a camp in P and killed 20 soldiers") are that event's figures, its
    victims its targets: no report of their own.

    Examples
    --------
    "A raid near P, in which six guards were killed" is one Attack with ``killed: 6``.
    """
    out = []
    for f in found:
        host = _host(ctx, f, found) if f.fact.type == "CasualtyReport" else None
        if host is None:
            out.append(f)
            continue
        ev = host.fact
        for kind, n in f.fact.figures.items():
            ev.figures.setdefault(kind, n)
        if ev.type != "Battle":  # the dead of a fight are no side of it by themselves
            ev.targets = list(dict.fromkeys([*ev.targets, *f.fact.targets]))
        ev.place = ev.place or f.fact.place
    return out


def drop_compared(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """An attack noun a superlative qualifies beside an attack its sentence states ("killing
    nine in the deadliest attack in the region since March", "..., the worst attack on
    police this year") compares that attack with others: no second event.

    Examples
    --------
    "Gunmen stormed a post in P, killing six, the worst attack there in years" is one Attack.
    """
    out = []
    for f in found:
        tok = ctx.doc[f.trigger]
        twins = [
            g
            for g in found
            if g is not f
            and g.fact.type == f.fact.type
            and ctx.doc[g.trigger].sent.start == tok.sent.start
            and not superlative(ctx.doc[g.trigger])
        ]
        if not (tok.pos_ == "NOUN" and superlative(tok) and twins):
            out.append(f)
            continue
        kept = twins[0].fact  # "the deadliest raid against X": X is still its target
        kept.targets = list(dict.fromkeys([*kept.targets, *f.fact.targets]))
    return out


_COARSE = ("Country", "Region")
_LEDE = 2  # sentences: a headline and the first sentence of the story


def _coarse_twin(
    ctx: ArticleContext, coarse: EventFact, fine: EventFact, loose: bool = False
) -> bool:
    """Whether ``fine`` states the event ``coarse`` states in a country or region around it
    (``loose``: or in a region of its country, "northern Burkina Faso" for Djibo)."""
    if fine is coarse or fine.type != coarse.type or not fine.place or not coarse.place:
        return False
    if coarse.place not in containers(ctx, fine.place) and not (
        loose and _in_region(ctx, fine.place, coarse.place)
    ):
        return False
    if coarse.agents and fine.agents and not set(coarse.agents) & set(fine.agents):
        return False
    shared = set(coarse.figures) & set(fine.figures)
    if any(coarse.figures[k] != fine.figures[k] for k in shared):
        return False
    return dates_agree(coarse.date, fine.date)


def _in_region(ctx: ArticleContext, town: str, region: str) -> bool:
    """Whether ``region``, a loose region the gazetteer does not bound ("northern Burkina
    Faso"), is of the country ``town`` is in."""
    res = ctx.res
    country = res.country_of_place(town)
    return (
        res.place_class(region) == "Region"
        and country is not None
        and country == res.country_of_place(region)
    )


def join_coarse_restatements(
    ctx: ArticleContext, found: list[Found], merge: Callable[[Found, Found], None]
) -> list[Found]:
    """An event the headline or the lede places in a country or a loose region ("Gunmen
    attack army camp in Niger, kill 22 soldiers") joins the one event of its type the story
    places inside it ("an attack on the camp in P"), when their doers and tolls agree: one
    occurrence, at the precise place; so does one placed so anywhere that its own sentence
    states again inside it with a doer of its own ("Government forces began an offensive in
    northern Burkina Faso, aiming to recapture Djibo": one Offensive, at Djibo).
    ``merge(keep, other)`` folds one statement into another.

    Examples
    --------
    "Rebels raid army post in Mali, kill 9" and, lower, "the raid on the post near Gao" are
    one Attack at Gao with ``killed: 9``.
    """
    number = sentence_numbers(ctx.doc)

    def twins(f: Found) -> list[Found]:
        ev = f.fact
        here = number(ctx.doc[f.trigger].idx)
        if ev.place is None or ctx.res.place_class(ev.place) not in _COARSE:
            return []
        lede = [g for g in found if _coarse_twin(ctx, ev, g.fact)] if here < _LEDE else []
        return lede or [  # "began an offensive in northern X, aiming to retake P": one, at P
            g
            for g in found
            if number(ctx.doc[g.trigger].idx) == here
            and set(ev.agents) & set(g.fact.agents)
            and _coarse_twin(ctx, ev, g.fact, loose=True)
        ]

    return fold_into_twins(found, twins, merge)


def _toll_twin(report: EventFact, strike: EventFact) -> bool:
    """Whether ``report``, placed nowhere, restates the toll ``strike`` states."""
    if strike.type not in (*_STRIKES, "Airstrike") or not report.figures:
        return False
    if any(strike.figures.get(k) != n for k, n in report.figures.items()):
        return False
    if report.agents and not set(report.agents) & set(strike.agents):
        return False
    return dates_agree(report.date, strike.date)


def join_restated_tolls(found: list[Found], merge: Callable[[Found, Found], None]) -> list[Found]:
    """A casualty report that names no place and counts the very toll of one attack or strike
    of the article ("X attacked a post in P, killing 11 officers. ... The group said it had
    killed 11 officers") is that attack told again: it joins it.

    Examples
    --------
    A report of 11 dead by the Taliban, placed nowhere, joins the Taliban's attack in P that
    killed 11.
    """

    def twins(f: Found) -> list[Found]:
        bare = f.fact.type == "CasualtyReport" and f.fact.place is None
        return [g for g in found if _toll_twin(f.fact, g.fact)] if bare else []

    return fold_into_twins(found, twins, merge)


def fold_into_twins(
    found: list[Found],
    twins: Callable[[Found], list[Found]],
    merge: Callable[[Found, Found], None],
) -> list[Found]:
    """Each statement with exactly one twin (``twins(f)``) joins it (``merge(twin, f)``) and
    is dropped; the others stay, in their order: one occurrence, told once."""
    out: list[Found] = []
    for f in found:
        pair = twins(f)
        if len(pair) == 1:
            merge(pair[0], f)
        else:
            out.append(f)
    return out


def drop_offensive_attacks(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """An attack whose sentence states it as an offensive by (at least one of) the same doers
    at the same place ("X launched a surprise attack to regain control of P") is that
    offensive: no attack too (a toll the sentence states is a casualty report of its own).

    Examples
    --------
    "Government troops launched an attack on Monday to retake P" is one Offensive on P.
    """
    offensives = [g for g in found if g.fact.type == "Offensive" and g.fact.agents]
    out = []
    for f in found:
        ev = f.fact
        sent = ctx.doc[f.trigger].sent.start
        same = ev.type == "Attack" and any(
            ctx.doc[g.trigger].sent.start == sent
            and g.fact.place == ev.place
            and set(g.fact.agents) & set(ev.agents)
            for g in offensives
        )
        if not same:
            out.append(f)
    return out


_ONE_OF_A_KIND = ("Ceasefire", "Negotiation")


def join_definite_truces(
    ctx: ArticleContext, found: list[Found], merge: Callable[[Found, Found], None]
) -> list[Found]:
    """A truce or talks named again by a definite noun with no parties ("Biden, announcing
    the ceasefire on Tuesday, ...") is the one truce of its kind with parties the article
    stated before, whatever day or place its own sentence gives (that of the announcing).

    Examples
    --------
    "A truce between X and Y took effect on Wednesday. ... Announcing the truce on Tuesday,
    Z said ..." is one Ceasefire.
    """
    det = ("the", "this", "that")

    def twins(f: Found) -> list[Found]:
        tok = ctx.doc[f.trigger]
        if f.fact.type not in _ONE_OF_A_KIND or f.fact.agents:
            return []
        if not any(c.dep_ == "det" and c.lower_ in det for c in tok.children):
            return []
        return [
            g
            for g in found
            if g is not f and g.fact.type == f.fact.type and g.fact.agents and g.trigger < f.trigger
        ]

    return fold_into_twins(found, twins, merge)
