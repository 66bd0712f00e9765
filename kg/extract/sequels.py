"""What a sentence says about an event another sentence states (article-level passes).

- :func:`fold_casualties`: the dead a participle counts for an attack stated by its verb are
  the attack's figures;
- :func:`casualty_causes`: a casualty report naming no place and no killer counts the dead of
  the strike or attack stated just before it;
- :func:`restated_places`: "the attack took place in P", "it happened near P" says where the
  attack stated before it was (the words: ``events.restated`` of ``rules.yaml``);
- :func:`claimed_attacks`: "X claimed responsibility (for the attack)" names the doer of the
  attack stated before it;
- :func:`restated_doers`: "the attack was carried out by X" names the doer of the attack
  stated before with none;
- :func:`strikes_referred_back`: "The strikes hit depots in A and B" are the strikes stated
  before: their doers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.attacks import indefinite, speaks_for
from kg.extract.deadly import days_since, owned_strikes
from kg.extract.eventrefs import definite
from kg.extract.events import located_places
from kg.extract.placing import containers
from kg.extract.referents import sentence_numbers
from kg.model import ARMED_CLASSES, dates_agree

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found
    from kg.model import EventFact, FuzzyDate

__all__ = [
    "casualty_causes",
    "claimed_attacks",
    "fold_casualties",
    "plural_doers",
    "restated_doers",
    "restated_places",
    "strikes_referred_back",
]


def fold_casualties(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """The dead a participle counts for an attack stated by its verb ("stormed a base in P,
    killing ten soldiers"), and the dead the strike an event's noun names killed ("an
    Israeli airstrike on P killed 15 people", "Russian shelling of P killed six") are that
    event's figures: no casualty report of their own. "N were killed in a drone strike on
    P" stays one (the report names its cause), and so does "attacks killed N" (plural:
    perhaps several); "an air raid killed N" whose raid is no event states none
    (``strike-subject``), as "the attack killed N" states none."""
    attacks = {g.trigger for g in found if g.fact.type in ("Attack", "Bombardment")}
    strikes = {g.trigger: g for g in found if g.fact.type in ("Attack", "Bombardment", "Airstrike")}
    out = []
    for f in found:
        tok = ctx.doc[f.trigger]
        if f.fact.type != "CasualtyReport":
            out.append(f)
            continue
        if tok.dep_ == "advcl" and tok.head.i in attacks:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        # one strike's ("attacks killed N" may count several: the report stays)
        host = strikes.get(subj.i) if subj is not None and subj.tag_ == "NN" else None
        if host is None:
            strike = _deadly_strike(ctx, subj, tok) if subj is not None else None
            if strike is not None:  # "Airstrikes killed N in P": the strikes, with their dead
                f.fact.type = _strike_kind(ctx, strike) or f.fact.type
                f.fact.evidence = replace(f.fact.evidence, method="deadly-strike")
                f.fact.agents = f.fact.agents or _strike_doers(ctx, strike, tok)
                # where the clause says it killed, not a place naming its doers ("shelling by
                # the group holding P killed six in Q") nor one of a clause on the dead
                # ("killed eight civilians who had fled P")
                after = located_places(ctx, _killed_where(tok))
                on_dead = located_places(ctx, _clauses_on_the_dead(tok))
                f.fact.place = after[0] if after else f.fact.place
                f.fact.place = None if f.fact.place in on_dead else f.fact.place
                out.append(f)
            elif "strike-subject" not in f.tags:
                means = _means_kind(ctx, tok) if f.fact.agents else None
                if means is not None:  # "X killed 50 fighters in airstrikes": X's strikes
                    f.fact.type = means
                    f.fact.evidence = replace(f.fact.evidence, method="deadly-strike")
                out.append(f)
            continue
        for kind, n in f.fact.figures.items():
            host.fact.figures.setdefault(kind, n)
    return out


def _means_kind(ctx: ArticleContext, verb: Token) -> str | None:
    """The event the means of an active killing names, in an "in" phrase of a strike or
    attack noun not told before ("X killed 50 fighters in airstrikes in P": an Airstrike;
    "in an ambush", "in a raid": an Attack; not "in the attack", which names one stated).

    Examples
    --------
    "French forces killed 50 jihadists in airstrikes in central Mali" gives "Airstrike".
    """
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.lemma_ != "kill" or not subj or not ctx.res.actors_at(subj[0]):
        return None  # "two farmers died in Israeli shelling": a report of its own cause
    attack_nouns = ctx.lexicon("attack", "nouns")
    # the parser may hang the phrase on the dead ("killed 50 jihadists in airstrikes")
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for o in (o for h in heads for o in ctx.prep_objects(h, {"in"})):
        if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in o.children):
            continue  # "in the attack", "in their raids": an event told elsewhere
        if o.tag_ == "NN" and not indefinite(o):
            continue  # a headline's "X kill 12 soldiers in Borno raid": the story's raid
        if {o.lower_, o.lemma_.lower()} & ctx.lexicon("casualties", "killing_attackers"):
            continue  # "in gunmen ...": no means
        kind = _strike_kind(ctx, o)
        if kind is None and (o.lemma_.lower() in attack_nouns or o.lower_ in attack_nouns):
            kind = "Attack"
        if kind is not None:
            return kind
    return None


def _killed_where(verb: Token) -> list[Token]:
    """The words of the prepositional phrases of the killing ``verb`` after it, and of its
    object's ("killed six in P", "killed six people in P", "killed six and wounded 20 in
    P"), not of a clause on the dead."""
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    heads = verbs + [c for v in verbs for c in v.children if c.dep_ == "dobj"]
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.i > verb.i]
    return [t for c in preps for t in c.subtree]


def _clauses_on_the_dead(verb: Token) -> list[Token]:
    """The words of clauses on the object of the killing ``verb`` ("civilians who had fled
    P", "people living in P")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    clauses = [c for o in objs for c in o.children if c.dep_ in ("relcl", "acl")]
    return [t for c in clauses for t in c.subtree]


def _deadly_strike(ctx: ArticleContext, subj: Token, verb: Token) -> Token | None:
    """The strike noun of the phrase that kills, when no rule stated its event: "Airstrikes
    killed eight civilians in P", "an air raid killed N", "Rebel shelling killed four",
    "mortar fire by X killed six" (the parser may hang the noun on the verb or the subject);
    None for any other subject, and for a toll counted since a date ("airstrikes have killed
    1,200 since April": many strikes over months, a casualty report)."""
    for c in verb.children:
        since = (
            c if c.lower_ == "since" else next((m for m in c.children if m.lower_ == "since"), None)
        )
        if since is not None and not days_since(ctx, verb, since):
            return None  # "since April": a toll; "since Thursday night": a day's strikes
    start = min(subj.left_edge.i, subj.i)
    # the subject, or a word of its phrase the parser hung on it or on the verb
    words = [t for t in ctx.doc[start : verb.i] if t.i == subj.i or t.head.i in (subj.i, verb.i)]
    return next((t for t in words if _strike_kind(ctx, t) is not None), None)


def _strike_kind(ctx: ArticleContext, tok: Token) -> str | None:
    """The event a strike noun names: an Airstrike ("airstrikes", "an air raid"), a
    Bombardment ("shelling", "mortar fire"), an Attack (its doers: "a suicide bomber",
    "gunmen"; a strike by weapons: "a drone strike"); None for other words
    (``casualties.killing_*``)."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    air = ctx.lexicon("casualties", "killing_air_nouns")
    # "an air raid", "an aerial strike"; not "an air crash", "an air defence missile"
    raid = lemma in ctx.lexicon("casualties", "killing_air_heads") and mods & {"air", "aerial"}
    if low in air or lemma in air or (raid and tok.pos_ == "NOUN") or owned_strikes(ctx, tok):
        return "Airstrike"  # also "Israeli strikes": a state's bare strikes
    fire = lemma == "fire" and mods & ctx.lexicon("casualties", "killing_fire_words")
    if {low, lemma} & ctx.lexicon("casualties", "killing_shell_nouns") or fire:
        return "Bombardment"
    if tok.pos_ == "NOUN" and {low, lemma} & ctx.lexicon("casualties", "killing_attackers"):
        # "a suicide bomber killed 30 people", "gunmen killed six"; a bomber no suicide one
        # may be an aircraft ("a Russian bomber killed 30": the airstrike's)
        return None if lemma == "bomber" and "suicide" not in mods else "Attack"
    if lemma in ctx.lexicon("casualties", "killing_air_heads") and tok.pos_ == "NOUN":
        # "a drone strike killed six", "a missile strike": an attack (``attack.weapons``)
        return "Attack" if mods & ctx.lexicon("attack", "weapons") else None
    if lemma in ctx.lexicon("attack", "nouns") and tok.tag_ == "NN":
        # "an ambush killed 12 soldiers": one attack told the first time
        return "Attack" if indefinite(tok) else None
    return None


def _strike_doers(ctx: ArticleContext, strike: Token, verb: Token) -> list[str]:
    """Who a killing strike's phrase names as its doer: a modifier ("Russian airstrikes",
    "rebel shelling") or the phrase after "by" ("shelling by X killed six")."""
    out = [a for c in strike.lefts for a in ctx.word_actors(c)]
    out += [a for t in ctx.doc[strike.left_edge.i : strike.i] for a in ctx.word_actors(t)]
    by = next((t for t in ctx.doc[strike.i : verb.i] if t.lower_ == "by"), None)
    if by is not None:
        doers = [m for m in ctx.res.mentions if by.i < m.start < verb.i and m.kind == "actor"]
        # "by the group holding P, X": the name, not also what "the group" was read as
        named = [m for m in doers if m.source in ("gazetteer", "ner", "acronym")]
        out += [m.key for m in named or doers]
    return list(dict.fromkeys(out))


def _own_cause(ctx: ArticleContext, o: Token) -> bool:
    """True for a cause of death a report names itself ("in Friday's shelling", "in clashes"),
    not one it refers back to ("in the attack") nor a place ("in Sanaa")."""
    if ctx.res.mention_at(o) is not None:
        return False
    back = any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in o.children)
    return not back or any(c.dep_ in ("poss", "compound", "amod") for c in o.children)


def casualty_causes(ctx: ArticleContext, found: list[Found]) -> None:
    """A casualty report naming no place and no killer counts the dead of the strike or
    attack stated just before it ("Jets bombed a market in P on Tuesday. Ten people were
    killed, he said."): its place, doers and (when its sentence gives none) date are that
    event's. Only when the sentence before or the one before that states one such event.
    A report by a participle of a strike's clause ("Airstrikes by X hit P, killing N") has
    that strike's doers. A report that places itself ("Jets bombed P. Ten people died in P
    when the bombs fell") takes the doers of the one strike at that place."""
    causes = ("Attack", "Airstrike", "Bombardment")
    own_causes = ctx.lexicon("casualties", "own_cause_preps")
    number = sentence_numbers(ctx.doc)
    for f in found:
        ev = f.fact
        if ev.type != "CasualtyReport" or ev.agents:
            continue
        verb = ctx.doc[f.trigger]
        strike = _participle_cause(ctx, found, verb, causes)
        if strike is not None:  # "Airstrikes by X hit P, killing N": X killed them
            ev.agents = list(strike.agents)
            ev.place = ev.place or strike.place
            continue
        if any(_own_cause(ctx, o) for o in ctx.prep_objects(verb, own_causes)):
            f.tags.add("own-cause")  # nor does it take a place from the event before
            continue  # "died in Friday's shelling": it names its own cause
        sent = verb.sent
        here = number(sent.start_char)
        near = [
            g
            for g in found
            if g.fact.type in causes
            and g.fact.place
            and 0 < here - number(ctx.doc[g.trigger].idx) <= 2
            # a report placed itself counts the dead of a strike at that place only
            and (ev.place is None or _same_place(ctx, ev.place, g.fact.place))
        ]
        if len({(g.fact.place, tuple(g.fact.agents)) for g in near}) != 1:
            continue
        cause = near[-1].fact
        if ev.place is not None and not cause.agents:
            continue
        # "X attacked P. X said it lost 10 of its men": X's dead, not X's kills
        own = bool(set(ev.targets) & set(cause.agents))
        ev.place = ev.place or cause.place
        if not own:
            ev.agents = list(cause.agents)
            ev.targets = list(dict.fromkeys([*ev.targets, *cause.targets]))
        if not ctx.dates(sent):
            ev.date = cause.date


def _same_place(ctx: ArticleContext, a: str, b: str) -> bool:
    return a == b or a in containers(ctx, b) or b in containers(ctx, a)


def _participle_cause(
    ctx: ArticleContext, found: list[Found], verb: Token, causes: tuple[str, ...]
) -> EventFact | None:
    """The strike whose noun is the subject of the clause a participle of killing hangs on
    ("Airstrikes by X hit a house in P, killing 16 civilians"), when it names its doers."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    return next(
        (g.fact for g in found if g.trigger == subj.i and g.fact.type in causes and g.fact.agents),
        None,
    )


# the events whose place a later "the attack took place in P" states
_RESTATED = ("Attack", "Airstrike", "Bombardment", "CasualtyReport")
_COARSE = ("Country", "Region")
_REACH = 5  # sentences back
_CLAIM_REACH = 3
# the most precise place a clause names first: a town or a site, then a province, ...
_RANK = {"Facility": 0, "Settlement": 0, "Region": 2, "Country": 3}


def _restating_subject(ctx: ArticleContext, verb: Token) -> Token | None:
    """The subject of a clause that locates an event stated before: "the attack took place
    in P", "the strikes occurred near P", "it happened at P" (not "an attack took place":
    a new one; not negated, modal or hedged)."""
    if verb.lemma_ not in ctx.lexicon("restated", "verbs"):
        return None
    if verb.lemma_ == "take" and not any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children
    ):
        return None
    if ctx.negated(verb) or ctx.unreal(verb):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.lower_ == "it":
        return subj
    nouns = ctx.lexicon("restated", "nouns")
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children)
    return subj if definite and (subj.lower_ in nouns or subj.lemma_ in nouns) else None


def _inside(ctx: ArticleContext, new: str, old: str | None) -> bool:
    """True when ``new`` says more precisely where than ``old``: no place, a country or
    region it lies in, or any place containing it."""
    if old is None:
        return True
    if new == old:
        return False
    if old in ctx.res.gaz.ancestors(new):
        return True
    if ctx.res.place_class(old) not in _COARSE:
        return False
    country = ctx.res.country_of_place(new)
    return country is not None and country == ctx.res.country_of_place(old)


def restated_places(ctx: ArticleContext, found: list[Found]) -> None:
    """A clause that says where an attack stated before it was ("A drone struck a convoy on
    Monday. The attack took place near P.") gives that attack its place: the events of the
    nearest sentence with one (its own or up to five before; an attack before a report of
    its dead), and the reports of the dead since, whose place
    is none or coarser (a country, a region, a province holding P). A new attack ("an attack
    took place in P") or a place no more precise changes nothing."""
    number = sentence_numbers(ctx.doc)
    for sent in ctx.doc.sents:
        for verb in sent:
            subj = _restating_subject(ctx, verb)
            if subj is None:
                continue
            scope = [t for c in verb.children if c.dep_ == "prep" for t in c.subtree]
            places = located_places(ctx, scope)
            new = min(places, key=lambda p: _RANK.get(ctx.res.place_class(p), 1), default=None)
            if new is None:
                continue
            # "The attack happened on Monday in P": its day too, when its date is coarser
            when, _rel = ctx.date_for(verb, within={t.i for t in verb.subtree})
            _relocate(ctx, found, number, sent, subj, new, when)


def _relocate(
    ctx: ArticleContext,
    found: list[Found],
    number: Callable[[int], int],
    sent: Span,
    subj: Token,
    new: str,
    when: FuzzyDate | None = None,
) -> None:
    here = number(sent.start_char)
    before = [
        g
        for g in found
        if g.fact.type in _RESTATED
        and g.trigger < subj.i
        and 0 <= here - number(ctx.doc[g.trigger].idx) <= _REACH
        and not _series(ctx, ctx.doc[g.trigger])
    ]
    if not before:
        return
    # the attack itself before a report of its dead
    strikes = [g for g in before if g.fact.type != "CasualtyReport"] or before
    last = max(number(ctx.doc[g.trigger].idx) for g in strikes)
    for g in before:
        at = number(ctx.doc[g.trigger].idx)
        # the attack's sentence, and the reports of its dead since
        ours = at == last or (at > last and g.fact.type == "CasualtyReport")
        if ours and _inside(ctx, new, g.fact.place):
            g.fact.place = new
            old = g.fact.date
            if when is not None and when.day and old is not None and not old.day:
                g.fact.date = when if old.agrees(when) else old


def _series(ctx: ArticleContext, tok: Token) -> bool:
    """True for attacks told as a series ("forces have come under fire repeatedly"): not
    "the attack" a later clause places (``events.restated.series_adverbs``)."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    series = ctx.lexicon("restated", "series_adverbs")
    return any(c.dep_ == "advmod" and c.lower_ in series for c in verb.children)


_CLAIMED = ("Attack", "Bombardment")


def _claim(ctx: ArticleContext, verb: Token) -> Token | None:
    """The object of a claim of an attack stated before: "X claimed responsibility (for the
    attack)", "X claimed the attack", "X claimed it" (not negated nor modal; not "X
    claimed the attack killed 40": a report)."""
    if verb.lemma_ != "claim" or ctx.negated(verb) or ctx.unreal(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if obj.lower_ in ctx.lexicon("claim", "nouns"):
        return obj
    nouns = ctx.lexicon("restated", "nouns")
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children)
    if obj.lower_ == "it" or (definite and (obj.lower_ in nouns or obj.lemma_ in nouns)):
        return obj
    return None


def claimed_attacks(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """An armed group that claims the attack stated before ("Gunmen stormed a police station
    in P. Al-Shabaab claimed responsibility.") is its doer: the latest attack or shelling of
    up to three sentences before that names no doer takes the claimants, and so do the
    reports of its dead since; the claim's own restatement of the attack ("claimed
    responsibility for the attack", no place of its own) is that attack, no event of its own."""
    number = sentence_numbers(ctx.doc)
    drop: set[int] = set()
    for sent in ctx.doc.sents:
        for verb in sent:
            obj = _claim(ctx, verb)
            if obj is None:
                continue
            who = [speaks_for(ctx, a) for a in ctx.subject_actors(verb)]
            who = [a for a in dict.fromkeys(who) if ctx.actor_class(a) in ARMED_CLASSES]
            if not who:
                continue
            here = number(sent.start_char)
            before = [
                g
                for g in found
                if g.fact.type in _CLAIMED
                and 0 < here - number(ctx.doc[g.trigger].idx) <= _CLAIM_REACH
            ]
            if not before:
                continue
            attack = max(before, key=lambda g: g.trigger)
            if attack.fact.agents:
                continue
            _name_doers(ctx, found, attack, here, who)
            drop |= {
                id(g)
                for g in found
                if g.fact.type in _CLAIMED
                and g.fact.place is None
                and sent.start <= g.trigger < sent.end
            }
    return [g for g in found if id(g) not in drop]


def _name_doers(
    ctx: ArticleContext, found: list[Found], attack: Found, here: int, who: list[str]
) -> None:
    """``who`` did ``attack``, as a claim or a restatement in sentence ``here`` says; so
    do the dead the reports since count, when they name no killer."""
    number = sentence_numbers(ctx.doc)
    attack.fact.agents = list(who)
    at = number(ctx.doc[attack.trigger].idx)
    for g in found:
        if g.fact.type != "CasualtyReport" or g.fact.agents:
            continue
        if at <= number(ctx.doc[g.trigger].idx) < here:
            g.fact.agents = list(who)


def restated_doers(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """A definite attack noun that restates the attack stated just before (the latest attack
    or shelling of up to three sentences before, with a date that agrees) and adds what it
    lacked is that attack, no event of its own:

    - **its doers**: "A drone attack killed three soldiers near P on Sunday. The governor said
      the attack was carried out by X." (a restatement with doers and no place phrase of its
      own, of an attack with none, at the same place or one around it);
    - **its place**: "X launched an attack on a police post in Colombia on Thursday. When the
      attack against the police post in P was confirmed, ..." (a restatement with no doers at a
      place inside the country or region the attack was placed in: the attack is at P).

    Not attacks told as a series ("have come under attack repeatedly"), nor "the attack on
    Q" after an attack at P (another event)."""
    number = sentence_numbers(ctx.doc)
    drop: set[int] = set()
    for f in found:
        here = number(ctx.doc[f.trigger].idx)
        if not _restates(ctx, f):
            continue
        before = [
            g
            for g in found
            if g.fact.type in _CLAIMED
            and id(g) not in drop
            and 0 < here - number(ctx.doc[g.trigger].idx) <= _CLAIM_REACH
        ]
        attack = max(before, key=lambda g: g.trigger) if before else None
        if attack is None or not dates_agree(attack.fact.date, f.fact.date):
            continue
        told, again = attack.fact, f.fact
        if again.agents and not told.agents and not _own_place(ctx, f):
            if again.place is not None and (
                told.place is None or not _same_place(ctx, told.place, again.place)
            ):
                continue
            _name_doers(ctx, found, attack, here, again.agents)
        elif told.agents and not again.agents and _refines(ctx, again.place, told.place):
            told.place = again.place
        else:
            continue
        targets = [*told.targets, *again.targets]
        told.targets = [t for t in dict.fromkeys(targets) if t not in told.agents]
        drop.add(id(f))
    return [g for g in found if id(g) not in drop]


def _restates(ctx: ArticleContext, f: Found) -> bool:
    """Whether ``f`` is an attack its definite noun states again: "the attack was carried
    out by X", "the attack against the police post in P" (``events.restated.nouns``)."""
    noun = ctx.doc[f.trigger]
    if f.fact.type not in _CLAIMED or noun.pos_ != "NOUN":
        return False
    nouns = ctx.lexicon("restated", "nouns")
    return noun.lower_ in nouns and definite(noun) and not _series(ctx, noun)


def _own_place(ctx: ArticleContext, f: Found) -> bool:
    """Whether the attack noun of ``f`` names a place in a phrase of its own ("the attack
    on Q"; "by X" names no place)."""
    noun = ctx.doc[f.trigger]
    own = [t for c in noun.children if c.dep_ == "prep" and c.lower_ != "by" for t in c.subtree]
    return bool(located_places(ctx, own))


def _refines(ctx: ArticleContext, new: str | None, old: str | None) -> bool:
    """Whether ``new`` is a place inside the country or region ``old``."""
    if new is None or old is None or ctx.res.place_class(old) not in _COARSE:
        return False
    return new != old and (old in containers(ctx, new) or _inside(ctx, new, old))


def strikes_referred_back(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """Strikes a definite noun points back to ("US and British jets struck Houthi targets on
    Friday. The strikes hit radar sites in A and B.") are those of the nearest sentence before
    (up to three) that states airstrikes with doers: their doers, targets and (when its own
    sentence gives none) date. With none before, no event."""
    number = sentence_numbers(ctx.doc)
    out: list[Found] = []
    for f in found:
        if "refers-back" not in f.tags:
            out.append(f)
            continue
        sent = ctx.doc[f.trigger].sent
        here = number(sent.start_char)
        before = [
            g
            for g in found
            if g.fact.type == "Airstrike"
            and g.fact.agents
            and "refers-back" not in g.tags
            and 0 < here - number(ctx.doc[g.trigger].idx) <= _CLAIM_REACH
        ]
        if not before:
            continue
        last = max(number(ctx.doc[g.trigger].idx) for g in before)
        near = [g.fact for g in before if number(ctx.doc[g.trigger].idx) == last]
        ev = f.fact
        ev.agents = list(dict.fromkeys(a for g in near for a in g.agents))
        ev.targets = list(dict.fromkeys([*ev.targets, *(t for g in near for t in g.targets)]))
        ev.targets = [t for t in ev.targets if t not in ev.agents]
        if not ctx.dates(sent):
            ev.date = near[0].date
        f.tags.discard("refers-back")
        out.append(f)
    return out


def plural_doers(ctx: ArticleContext, found: list[Found]) -> None:
    """A plural pronoun that does an event stands for a group, not for the one person it was
    read as: "Houthi spokesman P said they had launched drones at Q" is the Houthis' attack
    (the group a spokesman speaks for, :func:`kg.extract.attacks.speaks_for`)."""
    plural = ctx.lexicon("attack", "plural_pronouns")
    for f in found:
        verb = ctx.doc[f.trigger]
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ not in plural:
            continue
        f.fact.agents = list(dict.fromkeys(speaks_for(ctx, a) for a in f.fact.agents))
