"""Aircraft named for who flies them: "Russian bombers", "Syrian air power" (the state acting
from the air), "Saudi-led coalition warplanes", "NATO jets", "the junta's jets", "government
aircraft" (the forces of the country in context).

One rule of the head-noun table (:mod:`kg.extract.phrase`), ``air-power`` in ``mentions:
head_noun_rules``; its words are ``air_heads`` and ``mentions: air_owner_words`` in rules.yaml.
"""

from __future__ import annotations

from kg.extract import coref
from kg.extract.phrase import Phrase, head_rule
from kg.extract.vocab import mention_words

__all__: list[str] = []


@head_rule("air-power")
def _air_power(p: Phrase) -> bool:
    """ "Russian bombers", "Syrian air power": the state acting from the air."""
    if p.low not in p.res.rules["air_heads"] and not (p.low == "power" and "air" in p.words):
        return False
    if _named_air_owner(p):
        return True
    if p.state is not None:
        states = p.states  # read before the phrase becomes a mention
        p.add(p.state.name, "State", air=True, replace=True)
        if len(states) > 1:  # "US and British warplanes": the phrase names each state
            for st in states:
                p.add(st.name, "State", group=True)
        return True
    owner = _air_owner(p)
    if owner is not None:
        p.add(owner[0], owner[1], air=True, replace=True)
    return True


def _named_air_owner(p: Phrase) -> bool:
    """ "Saudi-led coalition warplanes", "NATO jets": aircraft right after the name of an
    official actor (a state, its government or forces, a coalition, an intergovernmental
    body), or the manned aircraft of an armed group ("LNA warplanes"), are that actor's; its
    mention grows to the aircraft and acts from the air."""
    res = p.res
    owners = (*_AIR_OWNERS, "InternationalOrganization")
    m = res.by_token.get(p.tok.i - 1)
    if m is not None and m.kind == "actor" and m.end == p.tok.i and not m.country_name:
        # (a country's name before aircraft is read as its demonym below)
        if res.actor_class(m.key) not in owners and not _group_aircraft(p, m.key):
            return False
        res.extend(m, p.end, air=True)
        return True
    if p.state is not None or p.sponsor is not None:
        return False  # "Russian jets", "Saudi-led warplanes": below
    # "jets of the Saudi-led coalition", "warplanes from the US-led coalition"
    for prep in p.tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        for obj in prep.children:
            o = res.by_token.get(obj.i)
            if obj.dep_ != "pobj" or o is None or o.kind not in ("actor", "place"):
                continue
            st = res.entry(o.key, "actor") if o.country_name else None
            if st is not None:  # "warplanes from the United States": the state
                return p.add(st.name, "State", air=True)
            if o.kind == "actor" and res.actor_class(o.key) in owners:
                return p.add(o.key, res.actor_class(o.key), air=True)
    return False


_AIR_OWNERS = ("State", "Government", "ArmedForces", "Coalition")


def _group_aircraft(p: Phrase, key: str) -> bool:
    """Whether the aircraft right after an armed group's name are its own, flown by it:
    "LNA warplanes", "rebel helicopters" of a group named (manned aircraft: an armed
    group's drones are weapons it launches, an attack: ``mentions: group_air_heads``).

    >>> # "LNA warplanes bombed Misrata": the Libyan National Army strikes from the air
    """
    groups = p.res.rules["mentions"]["armed_group_classes"]
    return p.res.actor_class(key) in groups and p.low in p.res.rules["mentions"]["group_air_heads"]


def _air_owner(p: Phrase) -> tuple[str, str] | None:
    """Who flies aircraft named without a demonym: "the junta's jets" (an official possessor,
    also by "its": "X said its jets struck P"), "Saudi-led warplanes" (the coalition
    the gazetteer knows by that name), "government aircraft", "military planes", "army
    helicopters" (the forces of the country in context; words: ``mentions: air_owner_words``)."""
    res = p.res
    official = _AIR_OWNERS
    for t in p.tok.children:
        m = res.by_token.get(t.i)
        if t.dep_ == "poss" and m is not None and m.kind == "actor":
            cls = res.actor_class(m.key)
            return (m.key, cls) if cls in official else None
        if t.dep_ == "poss" and t.lower_ == "its":
            # "Israel said its warplanes struck P", "the army said its jets bombed P" ("their
            # jets" of several states is each state's: kg.extract.participants)
            key = coref.pronoun(res, t)
            if key is None or res.actor_class(key) not in official:
                return None
            return key, res.actor_class(key)
    if p.sponsor is not None and p.sponsor_word == "led":
        led = [t for t in p.mods if t.lower_ == "led"]
        name = f"{res.doc[led[0].i - 2].text}-led coalition" if led else ""
        found = [e for e in res.gaz.lookup(name) if e.cls == "Coalition"]
        return (found[0].name, "Coalition") if found else None
    if not p.words & mention_words("air_owner_words"):
        return None
    country = coref.context_country(res, p.tok)
    st = res.entry(country, "actor") if country is not None else None
    if st is None:
        return None
    return res.forces(st)
