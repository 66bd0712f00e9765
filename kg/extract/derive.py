"""Relationships that an article's events imply.

- **co-agents**: actors that carry out one capture, offensive, airstrike, attack or siege
  together fight on the same side ("Turkish troops and the rebels began an offensive":
  alliedWith);
- **battle-sides**: the sides of a battle fight each other ("fighting between X and Y");
- **casualty-sides**: who killed whom in a casualty report fight each other;
- **co-targets**: those whose dead one casualty report counts stood on one side ("militants
  killed 15 soldiers and four militiamen": alliedWith);
- **taken-from-holder**: whom a capture took a place from held it until then ("X retook P
  from Y": Y controlled P, ended at the capture's date).

Hostility from the other events with a stated target is in :mod:`kg.extract.pipeline`.

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2024, 11, 30)),
...     "Hezbollah and Hamas launched a rocket attack on Haifa.",
... )
>>> [(r.type, r.subject, r.object) for r in facts.relations if r.type == "alliedWith"]
[('alliedWith', 'Hezbollah', 'Hamas')]
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kg.extract.context import one_per_side, pairs
from kg.extract.vocab import place_heads
from kg.model import Entity, EventFact, Evidence, RelationFact, dates_agree

__all__ = [
    "event_relations",
    "evidence_of",
    "forces_act",
    "friends",
    "kin_targets",
    "lost_holdings",
    "states_act",
    "states_struck",
    "without_contradictions",
    "without_friendly_fights",
    "without_self_backing",
]

_JOINT = frozenset({"Capture", "Offensive", "Airstrike", "Attack", "Siege", "SiegeLifted"})
_SIDES = frozenset({"Battle"})
#: a truce between two parties says they fought ("X and Y agreed to a ceasefire")
_TRUCES = frozenset({"Ceasefire"})
_HURT = frozenset({"CasualtyReport", "Battle"})
_STRUCK = frozenset({"CasualtyReport"})


def _acting_states(ctx: Any) -> set[str]:
    """The states the article has act: named as an actor ("Pyongyang", "Malian officials"),
    or a country's name not used as a place ("US strikes", "the US said", "along with
    Russia"; a possessive, "Sudan's RSF", says whose, not who acts)."""
    states = {k for k, e in ctx.res.reg.entities.items() if e.kind == "actor" and e.cls == "State"}
    named = {m.key for m in ctx.res.mentions if m.kind == "actor" and m.key in states}
    for m in ctx.res.mentions:
        head = ctx.doc[m.end - 1]
        while head.dep_ in ("conj", "appos") and head.head.i != head.i:
            head = head.head
        if m.country_name and not _as_place(ctx, head, m.start in ctx.res.acting):
            if head.dep_ == "nsubj" and ctx.res.undergoes(head):
                continue  # "Mali has been facing a crisis": a place
            named.add(m.key)
    return named


def _state_of_forces(ctx: Any, actor: str, named: set[str]) -> str | None:
    """The state whose armed forces ``actor`` is, when the article has that state act."""
    if ctx.actor_class(actor) != "ArmedForces":
        return None
    state = ctx.res.country_of_actor(actor)
    entry = ctx.res.entry(state, "actor") if state else None
    if entry is None or entry.cls != "State" or state not in named:
        return None
    return str(state)


def states_act(events: list[EventFact], ctx: Any) -> None:
    """A state whose armed forces carry out an event is an agent of it too ("US forces
    struck ...": the United States struck), when the article has the state act elsewhere
    (:func:`_acting_states`)."""
    named = _acting_states(ctx)
    for ev in events:
        if ev.type not in _JOINT and ev.type not in ("Withdrawal", "Bombardment"):
            continue
        for a in list(ev.agents):
            state = _state_of_forces(ctx, a, named)
            if state is not None and state not in ev.agents and state not in ev.targets:
                ctx.res.ensure_actor(state, "State", "gazetteer")
                ev.agents.append(state)


def states_struck(events: list[EventFact], ctx: Any, rules: dict[str, Any]) -> list[RelationFact]:
    """A state whose armed forces abroad an attack, strike or offensive with a doer is aimed
    at is struck too, when the article has the state act elsewhere ("Hezbollah fired rockets
    at Israeli troops in Lebanon ... Israel said": Hezbollah fights Israel). The state
    becomes a target and each doer fights it (not a doer of the state's own side). Not at
    home, where the forces, not the country, are fought ("JNIM attacked Malian troops in
    Bamako"), nor in no stated place.

    Examples
    --------
    >>> from kg.extract.pipeline import Extractor
    >>> from kg.model import ArticleMeta, FuzzyDate
    >>> facts = Extractor().extract(
    ...     ArticleMeta("t.txt", date=FuzzyDate(2024, 2, 3)),
    ...     "Hezbollah fired rockets at Israeli troops in southern Lebanon. Israel said it "
    ...     "had struck back.",
    ... )
    >>> [(r.subject, r.object) for r in facts.relations if r.evidence.method == "state-struck"]
    [('Hezbollah', 'Israel')]
    """
    named = _acting_states(ctx)
    out: list[RelationFact] = []
    for ev in events:
        if ev.type not in _JOINT or not ev.agents or ev.place is None:
            continue
        home = ctx.res.country_of_place(ev.place)
        for t in list(ev.targets):
            state = _state_of_forces(ctx, t, named)
            if state is None or state in ev.agents or state in ev.targets or home in (None, state):
                continue
            doers = [a for a in ev.agents if not ctx.same_side(a, state) and a != state]
            if not doers:
                continue
            ctx.res.ensure_actor(state, "State", "gazetteer")
            ev.targets.append(state)
            for a in doers:
                out.append(RelationFact("fights", a, state, evidence_of(ev, "state-struck", rules)))
    return out


def forces_act(events: list[EventFact], ctx: Any, entities: dict[str, Entity]) -> None:
    """A state that carries out an event does it with its armed forces, when the article
    names them ("Azerbaijan shelled Goris ... Azerbaijani forces", "Israel struck ... the
    IDF"): they become an agent too, after the state. The state's own forces are preferred
    (the gazetteer's), else its first forces the article names. The reverse, forces to
    their state, is :func:`states_act` (only where the article has the state act).

    Called once the article's relations are read, so no relation is drawn from the added
    agent; ``entities`` are the article's entities (only those are added).
    """
    order = {m.key: i for i, m in reversed(list(enumerate(ctx.res.mentions)))}
    forces: dict[str, list[str]] = {}
    for key in sorted(entities, key=lambda k: (order.get(k, len(order)), k)):
        e = entities[key]
        if e.kind == "actor" and e.cls == "ArmedForces" and e.country:
            forces.setdefault(e.country, []).append(key)
    for ev in events:
        for a in list(ev.agents):
            st = entities.get(a)
            if st is None or st.kind != "actor" or st.cls != "State":
                continue
            entry = ctx.res.entry(a, "actor")
            own = ctx.res.forces(entry)[0] if entry is not None else None
            found = forces.get(st.country or a, [])
            pick = own if own in found else (found[0] if found else None)
            if pick is not None and pick not in ev.agents and pick not in ev.targets:
                ev.agents.append(pick)


def kin_targets(
    ev: EventFact, aimed: list[EventFact], same_side: Any = lambda a, b: a == b
) -> list[str]:
    """Whom an offensive or capture with no stated target is aimed at: the targets of the
    strikes or attacks one of its doers aimed at someone at its place and in its time
    ("Turkey and its allies began an offensive on P ... Turkish jets bombed X positions in
    P": the offensive is on X). ``aimed`` are the article's events with a stated target;
    ``same_side(a, b)`` says two doers are one (a state and its forces); a doer of ``ev``
    is no target.

    >>> from kg.model import Evidence, FuzzyDate
    >>> e = Evidence("", 0, 0, "m", 1.0)
    >>> push = EventFact("Offensive", e, ["Turkey", "SNA"], [], [], "P", FuzzyDate(2019, 10))
    >>> jets = EventFact("Airstrike", e, ["Turkey"], ["SDF"], [], "P", FuzzyDate(2019, 10, 9))
    >>> kin_targets(push, [jets])
    ['SDF']
    """
    out: list[str] = []
    for other in aimed:
        if other is ev or other.place != ev.place or not dates_agree(other.date, ev.date):
            continue
        if other.type not in _JOINT:
            continue
        if not any(a == b or same_side(a, b) for a in ev.agents for b in other.agents):
            continue
        out += [
            t
            for t in other.targets
            if t not in out and not any(t == a or same_side(t, a) for a in ev.agents)
        ]
    return out


def _as_place(ctx: Any, head: Any, acting: bool) -> bool:
    """Whether a country's name is used as a place or an owner, not as who acts: "in Syria",
    "Yemen's exiled government" (whose, not who), "a Yemen port city", "to regain Yemen"."""
    if head.dep_ == "pobj":
        return bool(head.head.lower_ in ctx.rules["state_place_preps"]) and not acting
    if head.dep_ == "poss":
        return True
    if head.dep_ in ("compound", "nmod"):
        return bool(head.head.lower_ in place_heads())
    taken = ctx.rules["events"]["capture"]["verbs"]
    return bool(head.dep_ == "dobj" and head.head.lemma_.lower() in taken)


def friends(ctx: Any, relations: list[RelationFact], a: str, b: str) -> bool:
    """True when the article has ``a`` and ``b`` on one side: allied, one backing the other,
    or one a member of the other (a state and its own forces count as one)."""
    for r in relations:
        if r.type in ("alliedWith", "backs", "memberOf"):
            s, o = r.subject, r.object
            if (ctx.same_side(s, a) or s == a) and (ctx.same_side(o, b) or o == b):
                return True
            if (ctx.same_side(s, b) or s == b) and (ctx.same_side(o, a) or o == a):
                return True
    return False


def without_contradictions(relations: list[RelationFact]) -> list[RelationFact]:
    """Less a fight between two actors the same sentence has allied ("clashes between X and
    forces allied to Y": those forces and Y are one side, not enemies)."""
    allied = {
        (r.evidence.char_start, frozenset((r.subject, r.object)))
        for r in relations
        if r.type == "alliedWith"
    }
    return [
        r
        for r in relations
        if r.type != "fights"
        or (r.evidence.char_start, frozenset((r.subject, r.object))) not in allied
    ]


def without_self_backing(relations: list[RelationFact], own: Any) -> list[RelationFact]:
    """Less a sponsorship of one's own: a state does not back its own government or national
    forces ("Egypt was supplying drones to the army", with the army Egypt's own, states
    supply, not sponsorship; ``own(state, actor)``); a regional force it arms stays its
    client ("Ethiopia's government armed the Amhara Special Forces")."""
    return [
        r
        for r in relations
        if r.type != "backs" or not (own(r.subject, r.object) or own(r.object, r.subject))
    ]


def without_friendly_fights(
    relations: list[RelationFact], friendly: Any, methods: frozenset[str]
) -> list[RelationFact]:
    """Less a fight stated by one of ``methods`` (rules that read two coordinated sides,
    "X and Y have been fighting", which may fight on one side) between two actors
    ``friendly(a, b)`` says the article has as friends."""
    return [
        r
        for r in relations
        if r.type != "fights"
        or r.evidence.method not in methods
        or not friendly(r.subject, r.object)
    ]


def evidence_of(ev: EventFact, method: str, rules: dict[str, Any]) -> Evidence:
    """The evidence of a fact derived from an event: the event's sentence, another method
    (its confidence from the ``confidence`` table of the rules, lowered when hedged)."""
    table: dict[str, float] = rules["confidence"]
    conf = float(table.get(method, table["default"]))
    if ev.evidence.hedged:
        conf *= float(table["hedge-factor"])
    return replace(ev.evidence, method=method, confidence=round(conf, 3))


def lost_holdings(
    events: list[EventFact],
    losers: list[list[str]],
    relations: list[RelationFact],
    rules: dict[str, Any],
) -> list[RelationFact]:
    """Control of a captured place by whom the capture took it from, ended at its date.

    "X retook P from Y", "Y lost P to X", "X drove Y out of P": Y held P until then. Only a
    target such a phrase names (``losers``) held it: not one read otherwise ("overran Y
    positions in P": Y held positions, maybe not P; the holder the article gives P). A
    holding the article states already is not stated again (the capture ends it), nor is
    one for a loser who is also a taker; a capture with takers that did not give them the
    place ("seized bases held by Y in P": the bases, not P) gives none, nor does an undated
    capture (the holding would have no end, and read as Y's still).

    Parameters
    ----------
    events : list of EventFact
        The article's events, merged.
    losers : list of list of str
        For each event, the targets a "from" / "lost to" / "out of" phrase names.
    relations : list of RelationFact
        The relations found so far (their holdings are not repeated).
    rules : dict
        The extraction rules (for confidences).
    """
    held = {(r.subject, r.object) for r in relations if r.type == "controls"}
    # captures that gave their takers the place (not "seized bases held by Y in P")
    taken = {
        (r.evidence.char_start, r.object)
        for r in relations
        if r.type == "controls" and r.evidence.method == "capture-control"
    }
    out: list[RelationFact] = []
    for ev, named in zip(events, losers, strict=True):
        if ev.type != "Capture" or ev.place is None or ev.date is None:
            continue
        if ev.agents and (ev.evidence.char_start, ev.place) not in taken:
            continue
        for t in ev.targets:
            if t not in named or t in ev.agents or (t, ev.place) in held:
                continue
            held.add((t, ev.place))
            evidence = evidence_of(ev, "taken-from-holder", rules)
            out.append(RelationFact("controls", t, ev.place, evidence, end=ev.date))
    return out


def event_relations(
    events: list[EventFact],
    rules: dict[str, Any],
    same_side: Any = None,
    friendly: Any = None,
    armed: Any = None,
    two_forces: Any = None,
) -> list[RelationFact]:
    """Alliances and hostilities the events imply.

    Parameters
    ----------
    events : list of EventFact
        The article's events, merged.
    rules : dict
        The extraction rules (for confidences).
    same_side : callable, optional
        ``same_side(a, b)`` is true when two actors are one (a state and its own forces):
        no alliance is drawn between them.
    friendly : callable, optional
        ``friendly(a, b)`` is true when the article has two actors on one side (allied, one
        backing the other): two sides of a battle that are friends do not fight ("Turkey
        backs Azerbaijan in its fighting with Armenian forces").
    armed : callable, optional
        ``armed(a)`` is true for an actor of an armed class: only two such targets struck
        together are allies ("killed 15 soldiers and a UN worker" makes no ally of the UN).
    two_forces : callable, optional
        ``two_forces(a, b)`` is true for two forces of one state, neither a unit of the other
        ("the army and the federal police retook P"): one side, yet two allies acting together.
    """
    out: list[RelationFact] = []
    for ev in events:
        # one actor per side: a state beside its own forces is not a second ally
        sides = one_per_side(ev.agents, same_side)
        if ev.type in _JOINT:
            forces = (
                []
                if two_forces is None
                else [
                    (a, b)
                    for a, b in pairs(ev.agents)
                    if (a, b) not in pairs(sides) and two_forces(a, b)
                ]
            )
            for a, b in [*pairs(sides), *forces]:
                out.append(RelationFact("alliedWith", a, b, evidence_of(ev, "co-agents", rules)))
        if ev.type in _SIDES | _TRUCES and not ev.targets:  # with a target, one side
            method = "truce-sides" if ev.type in _TRUCES else "battle-sides"
            for a, b in pairs(sides):
                if friendly is None or not friendly(a, b):
                    out.append(RelationFact("fights", a, b, evidence_of(ev, method, rules)))
        # "X killed 15 soldiers and four militiamen", "X gunmen killed six soldiers and
        # three troops" (an attack told by its dead)
        if (ev.type in _STRUCK or (ev.type == "Attack" and ev.figures)) and ev.agents:
            for a, b in pairs(
                one_per_side([t for t in ev.targets if t not in ev.agents], same_side)
            ):
                if armed is not None and not (armed(a) and armed(b)):
                    continue
                out.append(RelationFact("alliedWith", a, b, evidence_of(ev, "co-targets", rules)))
        if ev.type in _HURT:
            for a in ev.agents:
                for t in ev.targets:  # not a state and its own forces
                    if a != t and not (same_side is not None and same_side(a, t)):
                        out.append(
                            RelationFact("fights", a, t, evidence_of(ev, "casualty-sides", rules))
                        )
    return out
