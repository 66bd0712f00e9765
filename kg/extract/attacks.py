"""Attacks, shelling and casualty reports (battles: :mod:`kg.extract.battles`).

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events; the words
that trigger them are the ``attack``, ``bombardment`` and ``casualties`` entries of
``rules.yaml``. A few helpers (:func:`own_actors`, :func:`toll`) serve the battle rules too;
where an event is comes from :mod:`kg.extract.placing`.

- **attack-noun**: "a drone attack on the base in Kassala by the rebels", "the rebels'
  ambush", "the attack was carried out by X", "X launched a rocket attack";
- **attack-verb**: "X attacked / ambushed / raided P", "P was attacked with rockets";
- **bombardment** / **fire-on**: "X shelled P", "X pounded Y positions near P", "X opened
  fire on a Y patrol in P";
- **casualties**: "N people were killed", "X's shelling killed N in P", "N soldiers died
  from X attacks", "left N dead": a figure is required.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.airforces import is_air_force
from kg.extract.claimants import claim_clause
from kg.extract.context import ArticleContext
from kg.extract.deadly import leavers, may_kill
from kg.extract.events import (
    OFFICIAL,
    Found,
    forces_of,
    located_places,
    make_event,
    on_a_site,
    taking_part,
    target_actors,
    targeted_subject,
)
from kg.extract.gates import needs
from kg.extract.names import title_before
from kg.extract.placing import place_near, town_first
from kg.extract.salvos import fired
from kg.extract.tallies import (
    since_years,
    toll,
    toll_by_place,
    toll_noun,
    war_toll,
    year_tally,
)
from kg.extract.underfire import figurative, from_doers, under_attack
from kg.extract.voice import doer_tokens, voiced_objects
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "NOMINAL",
    "RULES",
    "by_aircraft",
    "clause_of",
    "indefinite",
    "own_actors",
    "speaks_for",
]

_AGENT_DEPS = ("poss", "compound", "amod", "nmod")
NOMINAL = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos")


def own_actors(ctx: ArticleContext, tok: Token) -> list[str]:
    """Actors named inside a noun phrase as its doer: "Hezbollah attacks", "the group's raid",
    "a Russian drone strike" (a state's adjective: that state)."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ in _AGENT_DEPS:
            for a in ctx.word_actors(c):
                if a not in out:
                    out.append(a)
    m = ctx.res.mention_at(tok)
    if not out and m is not None and m.air:
        out.append(m.key)
    return out


def _noun_agents(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who did what the noun ``tok`` names: its own modifiers, "by X", the subject of the verb
    that launched it, the agent of "was carried out by X"."""
    agents = own_actors(ctx, tok)
    agents += [a for o in ctx.prep_objects(tok, {"by"}) for a in ctx.res.actors_at(o)]
    noun = _counted(ctx, tok)  # "X carried out dozens of drone strikes": the count's verb
    head = noun.head
    launch = ctx.lexicon("attack", "launch")
    before_after = noun.dep_ == "pobj" and head.lower_ in ctx.lexicon("attack", "foreign_preps")
    if not agents and noun.dep_ in ("dobj", "pobj") and head.i != noun.i and not before_after:
        verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
        if verb.lower_ in ("responsibility", "credit") and verb.dep_ == "dobj":
            verb = verb.head  # "X claimed responsibility for the attack"
        if verb.pos_ == "VERB" and verb.lemma_ in launch:
            agents = [speaks_for(ctx, a) for a in ctx.subject_actors(verb)]
    if not agents and noun.dep_ == "nsubjpass" and head.lemma_ in launch:
        agents = ctx.passive_agents(head)
    head = tok.head
    if not agents and tok.dep_ == "pobj" and head.lower_ == "under":
        agents = ctx.passive_agents(head.head)  # "fell under an attack by X"
    if not agents:  # "came under attack from X", "an attack from the jihadists"
        agents = from_doers(ctx, ctx.prep_objects(tok, {"from"}))
    if not agents and under_attack(ctx, tok):  # "P came under attack by / from X"
        agents = from_doers(ctx, ctx.prep_objects(head.head, {"from", "by"}))
    agents = agents or taking_part(ctx, tok) or _claimed_by(ctx, tok)
    return list(dict.fromkeys(agents))


def _counted(ctx: ArticleContext, tok: Token) -> Token:
    """The noun that counts ``tok`` ("dozens of drone strikes", "a wave of attacks":
    ``events.attack.count_nouns``), which a verb takes in its place; else ``tok``."""
    counts = ctx.lexicon("attack", "count_nouns")
    of = tok.head
    if tok.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in counts:
        return of.head
    return tok


def _claimed_by(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who claims the attack a reported clause states: "a raid on P left 40 soldiers dead,
    the TNLA claimed" (an armed actor that claims, not a news agency or a government), or
    the noun itself: "an attack claimed by X", "an ambush (that) X claimed", "an attack for
    which X claimed responsibility" (:func:`kg.extract.claimants.claim_clause`)."""
    claimed = [speaks_for(ctx, a) for a in claim_clause(ctx, tok)]
    if claimed:
        return [a for a in claimed if ctx.actor_class(a) in ARMED_CLASSES]
    t, root = tok, None
    for _ in range(4):  # the clause (or the noun itself) reported by "claimed"
        if t.dep_ == "ccomp" and t.head.lemma_ == "claim":
            root = t.head
            break
        if t.head.i == t.i:
            break
        t = t.head
    if root is None or ctx.negated(root):
        return []
    return [a for a in ctx.subject_actors(root) if ctx.actor_class(a) in ARMED_CLASSES]


def speaks_for(ctx: ArticleContext, actor: str) -> str:
    """The group a spokesman speaks for when he claims an attack ("Taliban spokesman P
    claimed the attack": the Taliban); any other actor is itself."""
    if ctx.actor_class(actor) != "Person":
        return actor
    res = ctx.res
    for m in res.mentions:
        title = title_before(res, m.start) if m.key == actor else None
        if title is None or title not in ctx.rules["mentions"]["role_nouns"]:
            continue
        before = res.by_token.get(m.start - len(title.split()) - 1)
        if before is not None and before.kind == "actor" and not before.country_name:
            return before.key
    return actor


def _victim_actors(ctx: ArticleContext, victims: list[Token]) -> list[str]:
    """Whose people the phrases at ``victims`` count: "14 Malian soldiers", "soldiers of the
    Malian army", "10 of its fighters"."""
    out: list[str] = []
    for v in victims:
        found = ctx.res.actors_at(v)
        for o in ctx.prep_objects(v, {"of"}) if not found else []:
            found = ctx.res.actors_at(o) or [
                a for g in ctx.prep_objects(o, {"of"}) for a in ctx.res.actors_at(g)
            ]
        out += [a for a in found if a not in out]
    return out


def _struck(ctx: ArticleContext, tok: Token) -> list[str]:
    """The victims of an attack noun that killed: "the attack killed 14 Malian soldiers",
    "N soldiers were killed in an ambush", "a raid left 40 police dead"; the parser may hang
    the verb on the noun ("a raid at P left 40 police and troops dead" as a clause of "raid",
    "an ambush that killed 9 soldiers"), and "left" may take a small clause ("40 police
    ... dead")."""
    verbs = ctx.lexicon("casualties", "verbs") | {"leave"}
    head = tok.head
    verb = head if tok.dep_ == "nsubj" and head.lemma_ in verbs else None
    for c in tok.children if verb is None else ():  # "a raid at P left 40 police dead"
        if c.dep_ in ("acl", "relcl") and c.lemma_ in verbs and c.tag_ == "VBD":
            verb = c  # "an ambush that killed N"
    if verb is not None:
        if ctx.unreal(verb) or ctx.negated(verb):
            return []  # "a raid that could have left 40 dead"
        return _victim_actors(ctx, _killed(verb))
    if tok.dep_ == "pobj" and head.lower_ in ("in", "during") and head.head.lemma_ in verbs:
        # "N soldiers were killed / are believed to have been killed in the attack"
        passive, dead = voiced_objects(head.head)
        return _victim_actors(ctx, dead if passive else [])
    return []


def _aims_of_doer(ctx: ArticleContext, tok: Token) -> list[Token]:
    """What an attack noun's "on" phrase names where the parser hangs it on the doer of its
    "by" phrase: "attacks by X on Kenyan troops"."""
    return [
        o
        for b in ctx.prep_objects(tok, {"by"})
        if ctx.res.actors_at(b)
        for o in ctx.prep_objects(b, {"on", "against", "targeting"})
    ]


def _killed(verb: Token) -> list[Token]:
    """Whom a verb of killing or "left" counts: its object, or the subject of the small
    clause "left" takes ("left [40 police and troops] dead")."""
    out = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_ == "leave":
        out += [
            s
            for c in verb.children
            if c.dep_ in ("oprd", "ccomp", "xcomp")
            for s in c.children
            if s.dep_ == "nsubj"
        ]
    return out


def _resisting(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who an attack noun was aimed at by the verb that governs it: "X repelled / fought off
    an attack by Y" (``offensive.resist``), "X came under attack"."""
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_ in ctx.lexicon("offensive", "resist"):
        return ctx.subject_actors(head)
    # "fought off an attack" (the parser may read "off" as a preposition)
    fought_off = head.lower_ == "off" and head.head.lemma_ == "fight"
    off = head.lemma_ == "fight" and any(c.lower_ == "off" for c in head.children)
    if (tok.dep_ == "dobj" and off) or (tok.dep_ == "pobj" and fought_off):
        return ctx.subject_actors(head if off else head.head)
    if tok.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_ in ("come", "be"):
        return ctx.subject_actors(head.head)
    return []


def clause_of(tok: Token) -> Token:
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


@needs(
    "events.attack.nouns",
    "events.attack.site_nouns",
    "events.attack.under_nouns",
    "events.attack.under_blame_preps",
)
def attack_nouns(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "a drone attack on the base in P by X", "X launched attacks on Y", "the raid at P"."""
    nouns = ctx.lexicon("attack", "nouns")
    weapons = ctx.lexicon("attack", "weapons")
    on_sites = ctx.lexicon("attack", "site_nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN":
            continue
        named = tok.lemma_ in nouns or tok.lower_ in nouns
        # "troops came under fire from X": an attack on them
        named = named or (
            tok.lemma_ in ctx.lexicon("attack", "under_nouns") and under_attack(ctx, tok)
        )
        # "an assault on an army base" is an attack; on a town, an offensive
        if not named and (tok.lemma_ not in on_sites or not on_a_site(ctx, tok)):
            continue
        if tok.lemma_ == "strike" and not any(c.lower_ in weapons for c in tok.children):
            continue  # a bare "strike" is an airstrike's (kg.extract.combat)
        if _aerial(tok):
            continue  # "air raids", "aerial bombing": airstrikes (kg.extract.combat)
        if ctx.negated(tok) or any(c.lower_ in ("no", "any") for c in tok.children):
            continue
        if under_attack(ctx, tok) and (ctx.unreal(tok.head.head) or ctx.negated(tok.head.head)):
            continue  # "the convoy could come under fire"
        agents = forces_of(ctx, _noun_agents(ctx, tok), tok)
        if under_attack(ctx, tok) and figurative(ctx, tok, agents):
            continue  # "Israel came under fire from the US over the offensive"
        if _from_the_air_bombing(ctx, tok, agents):
            continue  # "the bombing of P by the coalition": an airstrike (kg.extract.combat)
        on = ctx.prep_objects(tok, {"on", "against", "at", "in", "targeting", "near"})
        # a country the attack is "in" is where, not whom, it hit ("attacks in Mali")
        where = {o.i for o in ctx.prep_objects(tok, {"in", "near"}) if _country_name(ctx, o)}
        aims = [o for o in on if o.i not in where] + _aims_of_doer(ctx, tok)
        targeted, _ = targeted_subject(ctx, tok)  # "X have been the target of Y attacks"
        aims += [targeted] if targeted is not None else []
        hit = target_actors(ctx, aims) + _struck(ctx, tok) + _resisting(ctx, tok)
        targets = [a for a in hit if a not in agents]
        own = [t for o in on for t in o.subtree]
        clause = clause_of(tok)
        # an attack named inside another phrase ("strikes on depots in P in retaliation for
        # the attacks on US troops") is not where that phrase's clause is
        noun = _counted(ctx, tok)  # "X carried out dozens of raids on P": as "raids on P"
        direct = noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") or (
            noun.dep_ == "pobj" and noun.head.head.i == clause.i
        )
        place = place_near(ctx, sent, own, clause) if direct else place_near(ctx, sent, own, tok)
        place = place if direct or located_places(ctx, own) else None
        stated = bool(located_places(ctx, own))
        if not agents and not targets and not stated:
            continue
        if tok.dep_ == "nsubj" and year_tally(ctx, tok.head):
            continue  # "attacks in A and B killed 3,000 last year": a statistic
        figures = toll(ctx, clause) if clause is not tok else {}
        air = by_aircraft(ctx, tok)  # "a raid by Russian jets": an airstrike
        f = make_event(
            ctx,
            sent,
            "Airstrike" if air else "Attack",
            "airstrike" if air else "attack-noun",
            tok,
            agents=agents,
            targets=targets,
            place=place,
            figures=figures,
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags=set() if air else {"attack"})


def _country_name(ctx: ArticleContext, tok: Token) -> bool:
    m = ctx.res.mention_at(tok)
    return m is not None and m.country_name


def by_aircraft(ctx: ArticleContext, tok: Token) -> bool:
    """True when aircraft do what the noun ``tok`` names: "a raid by Russian jets", "an
    attack by government helicopters", "a raid was conducted by Syrian aircraft", "jets of
    the coalition carried out raids on P" (the subject of a verb of ``attack.launch``)."""
    doers = ctx.prep_objects(tok, {"by"})
    tok = _counted(ctx, tok)  # "jets carried out dozens of raids"
    if tok.dep_ == "nsubjpass":
        doers += [o for c in tok.head.children if c.dep_ == "agent" for o in c.children]
    if tok.dep_ == "dobj" and tok.head.lemma_ in ctx.lexicon("attack", "launch"):
        doers += [c for c in tok.head.children if c.dep_ == "nsubj"]
    return any((m := ctx.res.mention_at(t)) and m.air for o in doers for t in o.subtree)


def _from_the_air_bombing(ctx: ArticleContext, tok: Token, agents: list[str]) -> bool:
    """A bombing no ground weapon makes ("suicide", "car": ``attack.ground_bombs``) by a
    state, its forces or a coalition is from the air."""
    if tok.lemma_ != "bombing" or not agents:
        return False
    ground = ctx.lexicon("attack", "ground_bombs")
    if any(c.lower_ in ground for c in tok.children):
        return False
    return all(ctx.actor_class(a) in OFFICIAL for a in agents)


def _unnamed_attacker(ctx: ArticleContext, subj: Token) -> bool:
    """True when the subject is an attacker no name says ("gunmen", "militants", "a drone",
    "armed men"): ``events.attack.doers`` and the projectiles; an earthquake or a storm
    striking is none, and so are "men" alone."""
    words = ctx.lexicon("attack", "doers") | ctx.lexicon("attack", "projectiles")
    if subj.lemma_.lower() in words or subj.lower_ in words:
        return True
    # "armed men", "masked men" (``attack.armed_men_mods``): gunmen by other words
    mods = {c.lower_ for c in subj.children if c.dep_ == "amod"}
    return subj.lower_ == "men" and bool(mods & ctx.lexicon("attack", "armed_men_mods"))


def _unnamed_subject(ctx: ArticleContext, verb: Token) -> bool:
    """True when the subject of ``verb`` is attackers no name says ("gunmen opened fire").

    >>> # "gunmen opened fire on a market": True; "the storm opened fire": False
    """
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and not ctx.res.actors_at(subj) and _unnamed_attacker(ctx, subj)


def _projectile(ctx: ArticleContext, subj: Token) -> bool:
    projectiles = ctx.lexicon("attack", "projectiles")
    return subj.lemma_.lower() in projectiles or subj.lower_ in projectiles


def _from_the_air(ctx: ArticleContext, verb: Token) -> bool:
    """True when the subject of ``verb`` is aircraft ("Russian jets", "government aircraft")."""
    starts = ctx.lexicon("airstrike", "start_verbs")
    if verb.dep_ == "xcomp" and verb.head.lemma_ in starts:
        verb = verb.head  # "Israeli jets kept striking P": the subject of "kept"
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if subj and subj[0].tag_ == "WDT" and verb.dep_ == "relcl":
        subj = [verb.head]  # "warplanes that targeted the house"
    if subj and is_air_force(subj[0]):
        return True  # "the X air force struck P" (kg.extract.airforces)
    return bool(subj) and any(
        (m := ctx.res.mention_at(t)) and m.air for t in subj[0].subtree if t.i < verb.i
    )


def _air_strikes_hit(ctx: ArticleContext, verb: Token) -> bool:
    """True when strikes from the air do ``verb``: "coalition air strikes hit a wedding in P",
    "positions were hit by US air strikes" (``casualties.killing_air_nouns``): an airstrike
    (:func:`kg.extract.combat.airstrike_nouns`), no attack."""
    air = ctx.lexicon("casualties", "killing_air_nouns")
    for d in doer_tokens(verb):
        two = f"{ctx.doc[d.i - 1].lower_} {d.lower_}" if d.i > 0 else d.lower_
        if d.lower_ in air or d.lemma_ in air or two in air:
            return True
    return False


@needs("events.attack.verbs")
def attack_verbs(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X attacked / ambushed / raided P (with rockets)", "P was attacked", "X hit Y's ship"."""
    for tok in ctx.stated_verbs(sent, ctx.lexicon("attack", "verbs")):
        passive, objs = voiced_objects(tok)
        if not objs:
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if _from_the_air(ctx, tok) or _air_strikes_hit(ctx, tok):
            continue  # "Turkish jets struck ...", "air strikes hit P": an airstrike (combat)
        agents = ctx.passive_agents(tok) if passive else _strikers(ctx, tok)
        agents = forces_of(ctx, agents, tok)
        targets = [a for a in target_actors(ctx, objs) if a not in agents]
        own = [t for o in objs for t in o.subtree]
        own += [t for o in ctx.prep_objects(tok, {"in", "at", "near", "on"}) for t in o.subtree]
        place = place_near(ctx, sent, own, tok)
        # "gunmen stormed a base in P", "a missile struck P": no one named, still an attack
        unnamed = bool(subj) and _unnamed_attacker(ctx, subj[0])
        # "X attacked a checkpoint, killing N": a military site is a target however placed
        site = any(o.lemma_.lower() in ctx.lexicon("attack", "owned") for o in objs)
        if not (targets or site or located_places(ctx, own)) or not (agents or passive or unnamed):
            continue
        f = make_event(
            ctx,
            sent,
            "Attack",
            "attack-verb",
            tok,
            agents=agents,
            targets=targets,
            place=place,
            figures=toll(ctx, tok),
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


@needs("events.attack.fire_verbs")
def fired_weapons(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X fired missiles and drones at ships in the Red Sea", "X launched rockets into P":
    an attack by the subject on whoever or wherever the weapons were aimed at."""
    for tok, objs in fired(ctx, sent):
        agents = forces_of(ctx, ctx.subject_actors(tok), tok)
        aims = ctx.prep_objects(tok, {"at", "on", "into", "toward", "towards", "against"})
        aims += [
            a for o in objs for a in ctx.prep_objects(o, {"at", "on", "into", "toward", "towards"})
        ]
        targets = [a for a in target_actors(ctx, aims) if a not in agents]
        own = [t for o in aims for t in o.subtree]
        place = place_near(ctx, sent, own, tok)
        if not agents or not (targets or located_places(ctx, own)):
            continue
        f = make_event(
            ctx, sent, "Attack", "fired-weapons", tok, agents=agents, targets=targets, place=place
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


def _fire_targets(ctx: ArticleContext, tok: Token) -> list[Token] | None:
    """What ``tok`` bombards or fires on: the object of "shelled / pounded P", the "on"
    phrase of "fired on Y" or "opened fire on Y"; None when ``tok`` is no such verb (a verb
    firing weapons is :func:`fired_weapons`')."""
    objs = voiced_objects(tok)[1]
    if tok.lemma_ in ctx.lexicon("bombardment", "verbs"):
        return objs
    if tok.lemma_ == "fire" and not objs:  # "fired on the convoy"
        return ctx.prep_objects(tok, {"on", "upon", "at"})
    if tok.lemma_ == "open" and any(o.lower_ == "fire" for o in objs):  # "opened fire on"
        return [g for t in [tok, *objs] for g in ctx.prep_objects(t, {"on", "upon", "at"})]
    return None


@needs("events.bombardment.verbs", words=("fire",))
def bombardment(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X shelled P", "X pounded Y's positions near P", "X fired / opened fire on a Y patrol
    in P": a bombardment (shelling) or an attack by the subject on the owner of what it hit."""
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB":
            continue
        objs = _fire_targets(ctx, tok)
        if not objs or ctx.negated(tok) or ctx.unreal(tok):
            continue
        passive = voiced_objects(tok)[0]
        if not passive and _from_the_air(ctx, tok):
            continue  # "army gunships pounded P": an airstrike (kg.extract.combat)
        agents = ctx.passive_agents(tok) if passive else _strikers(ctx, tok)
        agents = forces_of(ctx, agents, tok)
        targets = [a for a in target_actors(ctx, objs) if a not in agents]
        own = [t for o in objs for t in o.subtree]
        own += [t for o in ctx.prep_objects(tok, {"in", "near", "around", "at"}) for t in o.subtree]
        place = next((p for o in objs for p in [ctx.res.place_at(o)] if p), None)
        stated = place or next(iter(town_first(ctx, located_places(ctx, own))), None)
        shelled = tok.lemma_ in ctx.lexicon("bombardment", "verbs")
        # "gunmen opened fire on worshippers in P": unnamed attackers fire on the ground
        unnamed = not shelled and not passive and _unnamed_subject(ctx, tok) and stated
        if (not agents and not unnamed) or not (stated or targets):
            continue
        kind, method = ("Bombardment", "bombardment") if shelled else ("Attack", "fire-on")
        f = make_event(
            ctx,
            sent,
            kind,
            method,
            tok,
            agents=agents,
            targets=targets,
            place=stated or place_near(ctx, sent, own, tok),
            # "gunmen opened fire at a school in P, killing three": the attack's dead
            figures=toll(ctx, tok) if unnamed else {},
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


@needs("events.bombardment.nouns")
def shelling_nouns(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Turkish shelling of P", "X's bombardment of Y positions near P", "the shelling of P
    by X" (``events.bombardment.nouns``; a doer is required); the shelling the dead of a
    casualty report died in ("died in Israeli shelling of P") is that report's cause, no
    event of its own."""
    # "barrage" is an attack noun too: kg.extract.attacks.attack_nouns reads it
    nouns = ctx.lexicon("bombardment", "nouns") - ctx.lexicon("attack", "nouns")
    dying = ctx.lexicon("casualties", "verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lemma_ not in nouns or ctx.negated(tok) or ctx.is_risk(tok):
            continue
        if tok.dep_ == "pobj" and tok.head.head.lemma_ in dying:
            continue
        agents = forces_of(ctx, _noun_agents(ctx, tok), tok)
        hit = ctx.prep_objects(tok, {"of", "on", "against", "in", "near", "around"})
        targets = [a for a in target_actors(ctx, hit) if a not in agents]
        own = [t for o in hit for t in o.subtree]
        place = next(iter(town_first(ctx, located_places(ctx, own))), None)
        if not agents or not (place or targets):
            continue  # "the shelling of P" alone: whose, the sentence does not say
        f = make_event(
            ctx,
            sent,
            "Bombardment",
            "bombardment",
            tok,
            agents=agents,
            targets=targets,
            place=place,
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


def _killers(ctx: ArticleContext, verb: Token) -> list[str]:
    """Who killed: the subject of "killed" (or the doer of the attack that is its subject),
    "killed by X", "died in X's shelling / from X attacks"."""
    if verb.lemma_ != "die" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj:
            return ctx.res.actors_at(subj[0]) or _noun_agents(ctx, subj[0])
        return ctx.subject_actors(verb)
    out = ctx.passive_agents(verb)
    for o in ctx.prep_objects(verb, {"in", "from", "by", "during"}):
        if (m := ctx.res.mention_at(o)) is not None and m.kind == "place":
            continue  # "killed in Sudan": where, not by whom
        if o.tag_ in ("WDT", "WP"):
            continue  # "a raid, in which N were killed": the event, not who killed
        # an actor named outright, or the doer of an attack noun ("in the army's shelling");
        # the parser may hang a noun modifier as a second object ("in the junta shelling")
        named = ctx.res.actors_at(o, conj=False)
        out += named if named or o.pos_ != "NOUN" else _noun_agents(ctx, o)
    if not out:
        out = _when_striking(ctx, verb)
    return list(dict.fromkeys(out))


def _when_striking(ctx: ArticleContext, verb: Token) -> list[str]:
    """The doer of the strike a "when" clause of a passive killing states: "seven people were
    killed when the army shelled P", "... when government jets bombed the market", "... when
    X overran their base" (``attack.when_takings``)."""
    strikes = (
        ctx.lexicon("attack", "verbs")
        | ctx.lexicon("attack", "when_takings")
        | ctx.lexicon("attack", "launch")
        | ctx.lexicon("airstrike", "air_verbs")
        | ctx.lexicon("bombardment", "verbs")
    )
    for c in verb.children:
        if c.dep_ != "advcl" or c.lemma_ not in strikes or ctx.negated(c):
            continue
        if any(g.dep_ == "advmod" and g.lower_ in ("when", "as") for g in c.children):
            return forces_of(ctx, _strikers(ctx, c), c)
    return []


def _strikers(ctx: ArticleContext, verb: Token) -> list[str]:
    """Who does ``verb``: its subject, or the owner a projectile's or a gun's words name
    ("Russian missiles hit P", "Russian artillery shelled P": Russia; ``attack.guns``)."""
    agents = ctx.subject_actors(verb)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    guns = ctx.lexicon("attack", "guns")
    if not agents and subj is not None and (_projectile(ctx, subj) or subj.lemma_.lower() in guns):
        agents = own_actors(ctx, subj)
    return agents


def indefinite(tok: Token) -> bool:
    """True for a noun with an indefinite article ("a drone strike", "an ambush"): an event
    told the first time, not one named again ("the attack").

    >>> # "an ambush killed 12 soldiers": True; "the ambush killed 12 soldiers": False
    """
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def _aerial(tok: Token) -> bool:
    """True for an attack noun made an airstrike's by its modifier ("an air raid")."""
    return any(c.lower_ in ("air", "aerial") for c in tok.children)


@needs("events.casualties.verbs", words=("toll",))
def casualties(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "N people were killed (in P)", "X's shelling killed N", "left N dead"."""
    verbs = ctx.lexicon("casualties", "verbs")
    single = ctx.lexicon("attack", "nouns")
    fights = ctx.lexicon("battle", "nouns")
    for tok in ctx.tokens(sent):
        risen = toll_noun(ctx, tok)
        if tok.pos_ != "VERB" or (tok.lemma_ not in verbs and risen is None) or ctx.negated(tok):
            continue
        if may_kill(ctx, tok):
            continue  # "N could be killed"
        if tok.dep_ == "conj" and tok.head.lemma_ in verbs:
            continue  # "killed or wounded": one report
        figures = toll(ctx, tok)
        if not figures:
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if risen is not None:  # "the death toll from the attack / from X's strikes rose to N"
            subj = ctx.prep_objects(risen, {"from", "of", "in"}) or subj
        if subj and (
            (
                subj[0].lemma_ in single
                and subj[0].tag_ == "NN"
                and not _aerial(subj[0])
                and not indefinite(subj[0])
            )
            or subj[0].lower_ in fights
        ):
            continue  # "the attack killed N", "clashes killed N": the attack's, battle's figures
        # ("a drone strike killed N", "an ambush killed N": a new attack, kg.extract.sequels)
        # "the air raid killed N": the airstrike's figures, if it is one (kg.extract.sequels)
        owed = bool(subj) and subj[0].lemma_ in single and subj[0].tag_ == "NN"
        tags = {"casualties", "strike-subject"} if owed else {"casualties"}
        if war_toll(ctx, tok) or since_years(ctx, tok) or year_tally(ctx, tok):
            continue
        killers = _killers(ctx, tok) if risen is None else []
        if risen is not None:  # "the death toll from Israeli strikes": their doer
            killers = [a for o in subj for a in ctx.res.actors_at(o) or _noun_agents(ctx, o)]
        victims = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        victims += [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" else []  # "left N hurt"
        killers = leavers(ctx, tok) if tok.dep_ == "acl" else killers
        dead = [c for c in tok.children if c.dep_ == "nsubj"] if tok.lemma_ == "die" else victims
        # the dead are never their own killers ("N X soldiers died in fighting in P")
        fallen = _victim_actors(ctx, dead)
        agents = [a for a in forces_of(ctx, killers, tok) if a not in fallen]
        targets = [a for a in fallen if a not in agents]
        kind = next(iter(figures))
        split = toll_by_place(ctx, dead)
        reports: list[tuple[str | None, dict[str, int]]] = [(p, {kind: n}) for p, n in split]
        if not reports:
            reports = [(place_near(ctx, sent, list(tok.subtree), tok), figures)]
        for place, figs in reports:
            f = make_event(
                ctx,
                sent,
                "CasualtyReport",
                "casualties",
                tok,
                agents=agents,
                targets=targets,
                place=place,
                figures=figs,
            )
            yield Found(f, tok.i, explicit_target=bool(targets), tags=tags)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (
    attack_nouns,
    attack_verbs,
    fired_weapons,
    bombardment,
    shelling_nouns,
    casualties,
)
