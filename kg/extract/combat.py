"""Combat and its aftermath: airstrikes, attacks, battles, casualties, abuse, displacement,
withdrawals, ceasefires and talks.

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events, like the
rules of :mod:`kg.extract.events` (captures, offensives, sieges); both tables are run by
:mod:`kg.extract.rulebook`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract import abuses, truces
from kg.extract.attacks import by_aircraft, own_actors
from kg.extract.context import ArticleContext
from kg.extract.displacers import causers
from kg.extract.events import (
    OFFICIAL,
    Found,
    air_verb,
    airstrike_at,
    clause_verb,
    figures_in,
    forces_of,
    located_places,
    make_event,
    noun_like,
    own_clause,
    site_places,
    subject_token,
    target_actors,
)
from kg.extract.gates import needs
from kg.extract.listings import with_conjuncts
from kg.extract.placing import clause_place, place_near, town_first
from kg.extract.voice import begun, voiced_objects

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.model import RelationFact

__all__ = ["RULES"]


def _each_place(ctx: ArticleContext, places: list[str]) -> list[str]:
    """The places a strike is said to hit, one event each: the towns when towns are named
    ("bombed villages in A, B and C"), else the first place."""
    towns = [p for p in places if ctx.res.place_class(p) not in ("Country", "Region")]
    sites = [p for p in towns if ctx.res.place_class(p) in ("Settlement", "Facility")]
    if sites and len(sites) < len(towns):
        return sites  # "bombed Nyaung Kone village in the Sagaing region": the village
    if len(towns) > 1:
        return towns
    if not towns and len(places) > 1:
        # "sites in western Iraq and eastern Syria": each region, not its country again
        within = {
            ctx.res.country_of_place(p) for p in places if ctx.res.place_class(p) != "Country"
        }
        if len({ctx.res.country_of_place(p) for p in places}) > 1:
            return [p for p in places if p not in within]
    if len(places) > 1 and all(ctx.res.place_class(p) == "Country" for p in places):
        return places  # "strikes on sites in Libya, Chad and Niger"
    return places[:1]


def _strike_agents(ctx: ArticleContext, tok: Token, verbs: frozenset[str]) -> list[str]:
    gov = tok.head
    for _ in range(3):  # "carried out dozens of airstrikes"
        if gov.pos_ == "VERB" or gov.head.i == gov.i:
            break
        gov = gov.head
    agents: list[str] = []
    if gov.pos_ == "VERB" and (gov.lemma_ in verbs or gov.lemma_ in ("carry", "do")):
        agents = ctx.subject_actors(gov)
    agents += [a for o in ctx.prep_objects(tok, {"by"}) for a in ctx.res.actors_at(o)]
    if not agents and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "by"):
        # "N were killed in air raids by US-led jets": the parser may hang the
        # doer on the verb of killing
        agents = ctx.passive_agents(tok.head.head)
    return agents


def _owners(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who strikes by the words before the noun: "Israeli airstrikes", "a Myanmar military
    airstrike", "Saudi-led air strikes" (the coalition the gazetteer knows by that name)."""
    out = own_actors(ctx, tok)
    doc = ctx.doc
    for t in tok.lefts:
        if t.lower_ == "led" and t.i >= 2 and doc[t.i - 1].text == "-":
            name = f"{doc[t.i - 2].text}-led coalition"
            out += [e.name for e in ctx.res.gaz.lookup(name) if e.cls == "Coalition"][:1]
    return list(dict.fromkeys(out))


def _refers_back(tok: Token) -> bool:
    """True for strikes a definite article or demonstrative points back to ("the strikes",
    "these raids"), the subject of what they did ("hit", "targeted": the hit verbs)."""
    return tok.dep_ == "nsubj" and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that")
        for c in tok.children
    )


def _where_preps(ctx: ArticleContext, verb: Token) -> list[Token]:
    """The prepositions of ``verb`` that say where or at what it strikes ("launched
    airstrikes near P"; not "in retaliation for an attack on P": ``events.airstrike.aim_preps``
    and ``cause_nouns``)."""
    where = ctx.lexicon("airstrike", "aim_preps")
    why = ctx.lexicon("airstrike", "cause_nouns")
    out = []
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in where:
            continue
        if any(o.dep_ == "pobj" and o.lemma_ in why for o in c.children):
            continue
        out.append(c)
    return out


def hitting_verb(ctx: ArticleContext, tok: Token) -> Token | None:
    """The verb of hitting a strike noun does, as its subject ("US air strikes hit Houthi
    positions") or as the doer of its passive ("positions were hit by US air strikes"):
    ``events.airstrike.hit_verbs``; None otherwise."""
    hits = ctx.lexicon("airstrike", "hit_verbs")
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    elif tok.dep_ != "nsubj":
        return None
    if verb.pos_ != "VERB" or verb.lemma_ not in hits or ctx.unreal(verb) or ctx.negated(verb):
        return None  # "US airstrikes could target the Taliban": no strike yet
    return verb


def _hit_scope(verb: Token) -> tuple[list[Token], list[Token]]:
    """What a verb of hitting hits (its object, or its passive subject) and the tokens that
    say where ("hit a wedding party in P", "positions near P were hit")."""
    aims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    sub = [t for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "prep") for t in c.subtree]
    return aims, sub


@needs("events.airstrike.nouns")
def airstrike_nouns(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X carried out / ran airstrikes against Y (in P)", "X launched strikes on A and B"."""
    nouns = ctx.lexicon("airstrike", "nouns")
    verbs = ctx.lexicon("airstrike", "verbs")
    weapons = ctx.lexicon("attack", "weapons")
    ground = ctx.lexicon("attack", "ground_bombs")
    for tok in ctx.tokens(sent):
        low = tok.lower_
        two = f"{tok.lower_} {tok.nbor(1).lower_}" if tok.i + 1 < len(ctx.doc) else low
        if not noun_like(ctx, tok) or not (low in nouns or two in nouns or tok.lemma_ in nouns):
            continue
        if ctx.negated(tok):
            continue
        if tok.dep_ == "compound" and (tok.head.lower_ in nouns or tok.head.lemma_ in nouns):
            continue  # "air strikes": one event, of "strikes"
        bombing = tok.lemma_ == "bombing" or low in ("bombing", "bombings")
        if bombing and any(c.lower_ in ground for c in tok.children):
            continue  # "a suicide bombing", "car bombings": attacks (kg.extract.attacks)
        bare = (bombing or low in ("strike", "strikes", "raid", "raids")) and not any(
            c.lower_ in ("air", "aerial") for c in tok.children
        )
        if bare and (low.startswith("raid") or any(c.lower_ in weapons for c in tok.children)):
            continue  # a raid or a drone strike is an attack (kg.extract.attacks)
        # one strike named by its owner ("an Ethiopian army airstrike"); plural strikes with
        # no verb launching them are as often a campaign ("Israeli strikes have killed ..."),
        # but not when they hit something ("US air strikes hit Houthi positions near P")
        hit = hitting_verb(ctx, tok)
        owned = tok.tag_ == "NN" or hit is not None
        named = _strike_agents(ctx, tok, verbs) or (_owners(ctx, tok) if owned else [])
        agents = named
        if bare:  # a bare "strikes" is from the air when a state or its forces strike
            agents = [a for a in agents if ctx.actor_class(a) in OFFICIAL]
        # "The strikes hit depots in A and B": those stated before (kg.extract.sequels)
        back = not named and _refers_back(tok)
        if not agents and not back:
            continue
        aims = ctx.prep_objects(tok, {"against", "on", "targeting", "at"})
        sub = list(tok.subtree)
        if tok.dep_ == "dobj" and tok.head.lemma_ in verbs:
            # "X stepped up airstrikes on towns like P": the parser hangs the aim on the verb
            aims += ctx.prep_objects(tok.head, {"against", "on", "targeting", "at"})
            sub += [t for c in _where_preps(ctx, tok.head) for t in c.subtree]
        if hit is not None:
            # "US airstrikes hit militia positions near P", "positions near P were hit by
            # US air strikes": what the verb hits
            hit_aims, hit_sub = _hit_scope(hit)
            aims += hit_aims
            sub += [t for t in hit_sub if t not in sub]
        targets = target_actors(ctx, aims)
        # who strikes is no place: "strikes by the United States hit P"
        by = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree}
        sub = [t for t in sub if t.i not in by]
        places = located_places(ctx, sub)  # not "Iran" of "Iran-backed militias"
        if not places:  # its clause's, else its sentence's (not another event's)
            places = [p for p in [clause_place(ctx, sent, tok, by)] if p]
        figures = figures_in(ctx, sub, None)
        each: list[str | None] = list(_each_place(ctx, places)) or [None]
        for place in each:
            f = make_event(
                ctx,
                sent,
                "Airstrike",
                "airstrike",
                tok,
                agents=agents,
                targets=[t for t in targets if t not in agents],
                place=place,
                figures=figures,
            )
            yield Found(
                f, tok.i, explicit_target=bool(targets), tags={"refers-back"} if back else set()
            )


def air_power(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Turkish jets bombed villages in A, B and C"; "supported by Russian bombers"."""
    for m in ctx.res.mentions:
        if not (m.air and sent.start <= m.start < sent.end):
            continue
        tok = ctx.doc[m.end - 1]
        role = tok.dep_
        if role not in ("pobj", "nsubj", "conj", "appos"):
            continue
        if _doers_of_a_raid(ctx, tok):
            continue  # "a raid by Russian jets": the raid is the airstrike (kg.extract.attacks)
        if role == "nsubj" and tok.head.pos_ == "VERB":
            # "Israeli jets struck targets near Damascus": where the verb says ("began bombing")
            verb = begun(tok.head, ctx.lexicon("airstrike", "start_verbs"))
            own = {t.i for t in tok.subtree} | set(range(m.start, m.end))  # "jets from X"
            clause = [t for t in own_clause(verb) if t.i not in own]
            # located: not "with support from P", nor P of "P-backed militias"
            places = located_places(ctx, clause)
            if ctx.negated(verb) or ctx.unreal(verb) or not _strikes(ctx, verb):
                continue  # "Turkish jets flew over P" bombed nothing; "jets could bomb P"
            if places or ctx.res.places_in(clause):  # "... with support from P": no place
                objs = [c for c in verb.children if c.dep_ == "dobj"]
                agents = ctx.res.actors_at(tok, conj=False) or [m.key]  # "US and British jets"
                targets = [a for a in target_actors(ctx, objs) if a not in agents]
                each: list[str | None] = [*_each_place(ctx, places)] or [None]
                for place in each:
                    yield airstrike_at(ctx, sent, verb, agents, targets, place)
                continue
        most = _most_mentioned_place(ctx)
        agents = ctx.res.actors_at(tok, conj=False) or [m.key]  # "US and British jets": both
        f = make_event(ctx, sent, "Airstrike", "air-support", tok, agents=agents, place=most)
        f.date = None if not ctx.dates(sent) else f.date
        yield Found(f, tok.i, explicit_target=False)


def _doers_of_a_raid(ctx: ArticleContext, tok: Token) -> bool:
    """True for aircraft after the "by" of an attack noun ("a raid by Russian jets") or of
    the passive verb an attack noun is the subject of ("a raid was conducted by jets")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "by":
        return False
    nouns = ctx.lexicon("attack", "nouns")
    head = tok.head.head
    if head.pos_ == "NOUN":
        return head.lemma_ in nouns and by_aircraft(ctx, head)
    subj = [c for c in head.children if c.dep_ == "nsubjpass" and c.lemma_ in nouns]
    return bool(subj) and by_aircraft(ctx, subj[0])


def _strikes(ctx: ArticleContext, verb: Token) -> bool:
    """True when aircraft doing ``verb`` strike: "bombed", "dropped bombs", "took part in
    the bombing" (``events.airstrike.air_verbs``)."""
    part = verb.lemma_ == "participate" or any(c.lower_ == "part" for c in verb.children)
    return part or air_verb(ctx, verb)


def _most_mentioned_place(ctx: ArticleContext) -> str | None:
    counts: dict[str, int] = {}
    for m in ctx.res.mentions:
        if m.kind == "place" and ctx.res.place_class(m.key) == "Settlement":
            counts[m.key] = counts.get(m.key, 0) + 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _sentence_place(ctx: ArticleContext, sent: Span, scope: list[Token]) -> str | None:
    places = located_places(ctx, scope)
    if places:
        return places[0]
    countries = [ctx.res.country_of_place(p) for p in located_places(ctx, list(sent))]
    countries = [c for c in countries if c]
    if countries:
        return countries[0]
    return ctx.res.main_country()


_ABUSE_PLACES = ("Country", "Settlement", "Facility")


def _abuse_phrase(ctx: ArticleContext, sent: Span) -> tuple[Token, list[str]] | None:
    """The first phrase of ``abuse.phrases`` in ``sent`` ("massacred", "took hostages") and
    the armed actor named last before it, or None.

    Examples
    --------
    "Boko Haram fighters took dozens of hostages in P" gives "hostages" and Boko Haram.
    """
    phrases = ctx.rules["events"]["abuse"]["phrases"]
    words = [t.lower_ for t in sent]
    text = " ".join(words)
    hits = [p for p in phrases if f" {p} " in f" {text} "]
    if not hits:
        return None
    first = min(text.find(p) for p in hits)
    pos = len(text[:first].split())
    trigger = sent[min(pos, len(sent) - 1)]
    for m in reversed(ctx.res.mentions):
        if sent.start <= m.start < trigger.i and m.kind == "actor":
            cls = ctx.res.reg.entities.get(m.key)
            e = ctx.res.entry(m.key, "actor")
            c = e.cls if e else cls.cls if cls else ""
            if c in ("TerroristOrganization", "ArmedGroup", "Militia", "ArmedForces"):
                return trigger, [m.key]
    return None


@needs("events.abuse.phrases", "events.abuse.verbs", "events.abuse.burn_verbs")
def abuse(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """Violence against civilians: hostages, sex slaves, massacres, murdering civilians; a
    verb of abuse with civilians as its object ("X executed 20 villagers": kg.extract.abuses)."""
    by_verb = abuses.abuse_verb(ctx, sent)
    if by_verb is not None:
        trigger, agents = by_verb
    else:
        found = _abuse_phrase(ctx, sent)
        if found is None:
            return
        trigger, agents = found
    clause = trigger
    while clause.pos_ != "VERB" and clause.head.i != clause.i:
        clause = clause.head
    # "rebels swept through Marawi, taking hostages": the participle's clause says where
    while clause.dep_ in ("advcl", "conj", "xcomp") and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head
    if by_verb is not None:
        place = abuses.verb_place(ctx, trigger)
    else:
        place = _sentence_place(ctx, sent, list(clause.subtree))
    if by_verb is None and place and ctx.res.place_class(place) not in _ABUSE_PLACES:
        # a town the clause names is where ("massacred civilians in Axum"); a region's
        # country is ("sex slaves across northern Syria"); a verb's clause places its act
        # as any other ("executed 20 villagers in Nineveh province")
        place = ctx.res.country_of_place(place) or place
    if place:
        ctx.res.ensure_place(place, "Country", "gazetteer")
    f = make_event(
        ctx, sent, "ViolenceAgainstCivilians", "abuse", trigger, agents=agents, place=place
    )
    if not ctx.dates(sent):
        f.date = None
    yield Found(f, trigger.i, explicit_target=False)


def _fled_place(ctx: ArticleContext, verb: Token) -> str | None:
    """The place people fled: the object of "fled the town", or "fled from P"."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += ctx.prep_objects(verb, {"from", "out", "of"})
    return next((p for o in objs for p in [ctx.res.place_at(o)] if p), None)


@needs("events.displacement.verbs", words=("displaced", "uprooted"))
def displacement(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "N civilians have been forced to flee", "N people were displaced", "residents fled the
    town" (people as the subject of a verb of fleeing, and the place they fled)."""
    verbs = ctx.lexicon("displacement", "verbs")
    people = frozenset(ctx.rules["figures"]["people"])
    trig = [
        t
        for t in sent
        if (t.lemma_ in verbs and not _left_dead(ctx, t)) or t.lower_ in ("displaced", "uprooted")
    ]
    if not trig:
        return
    figs = figures_in(ctx, list(sent), "displaced")
    n = figs.get("displaced")
    fled = None
    causes = ctx.lexicon("displacement", "causes")
    for t in trig:
        subj = subject_token(t) if t.pos_ == "VERB" else None
        if t.dep_ == "xcomp" and t.head.lemma_ in causes:
            # "forced thousands of families to leave P": who were forced
            subj = next((c for c in t.head.children if c.dep_ == "dobj"), None)
        # "residents fled", "thousands of people fled"
        words = (
            {subj.lower_, *(o.lower_ for o in ctx.prep_objects(subj, {"of"}))} if subj else set()
        )
        if words & people and not ctx.negated(t):
            fled = t
            break
    if n is None and fled is None:
        return
    anchor = fled or trig[0]
    place = (_fled_place(ctx, fled) if fled is not None else None) or _sentence_place(
        ctx, sent, list(sent)
    )
    agents = causers(ctx, anchor) if anchor.pos_ == "VERB" else []
    f = make_event(
        ctx,
        sent,
        "Displacement",
        "displacement",
        anchor,
        agents=agents,
        place=place,
        figures={"displaced": n} if n is not None else {},
    )
    yield Found(f, anchor.i, explicit_target=False)


def _left_dead(ctx: ArticleContext, verb: Token) -> bool:
    """True for "leaving N people killed / dead": a toll, no one leaving home."""
    if verb.lemma_ != "leave":
        return False
    hurt = ctx.lexicon("casualties", "verbs") | {"dead", "wounded", "injured"}
    return any(t.lemma_ in hurt or t.lower_ in hurt for t in verb.subtree if t.i != verb.i)


def _truce_or_talks(ctx: ArticleContext, sent: Span, tok: Token) -> Found | None:
    """ "a truce between X and Y", "X and Y agreed to a truce", "peace talks in 2016".

    The parties are those "between" or "with" whom it is, or the subject of a verb of
    agreeing ("agree", "sign", "reach"); who announces, mediates or welcomes it is no party.
    A truce or talks with no party are kept when the phrase itself dates them.
    """
    truce = truces.truce_word(ctx, tok)
    kind = "Ceasefire" if truce else "Negotiation"
    if ctx.negated(tok) or ctx.is_risk(tok):
        return None
    noun = truces.truce_phrase(ctx, tok) if truce else tok  # "the truce agreement between X and Y"
    # "a ceasefire brokered by Z between X and Y": the parser may hang "between" on the
    # participle that describes the noun
    described = [c for c in noun.children if c.dep_ == "acl"]
    if not truce:  # "talks on a truce between X and Y": the parties of the truce talked of
        described += ctx.prep_objects(noun, ctx.lexicon("ceasefire", "topic_preps"))
    parties = [
        a
        for t in [noun, *described]
        for o in ctx.prep_objects(t, {"between", "with"})
        for a in ctx.res.actors_at(o)
    ]
    gov = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    if _sought(ctx, gov) or truces.demanded(ctx, noun, gov):
        return None  # "envoys had been trying to engineer a ceasefire": none yet
    talk = truces.talked_of(ctx, noun, gov) if truce else None
    if talk == "talks":
        return None  # "talks on a truce": the talks are the event
    kind = "Negotiation" if talk else kind  # "X and Y are negotiating a truce": no truce yet
    party_verbs = ctx.lexicon("ceasefire", "party_verbs")
    if noun.dep_ in ("dobj", "pobj") and gov.pos_ == "VERB" and (gov.lemma_ in party_verbs or talk):
        parties = ctx.subject_actors(gov) + parties
    keepers = truces.unilateral_parties if truce else truces.talkers  # who announced, came
    parties = keepers(ctx, noun, gov) + parties
    parties = [p for p in dict.fromkeys(parties) if ctx.actor_class(p) != "Person"]
    own = {t.i for t in noun.subtree} | {t.i for t in _own_verb_phrases(ctx, noun)}
    dated = noun is tok and any(set(d.tokens) & own for d in ctx.dates(sent))
    warring = not parties and _warring_sides(ctx, noun, gov)
    if not parties and not dated and not warring:
        return None
    place = _truce_place(ctx, sent, noun, parties, truce=truce)
    f = make_event(ctx, sent, kind, kind.lower(), tok, agents=parties, place=place)
    tags = ({"warring"} if dated else {"warring", "undated"}) if warring else set()
    return Found(f, tok.i, explicit_target=False, tags=tags)


def _own_verb_phrases(ctx: ArticleContext, tok: Token) -> list[Token]:
    """The tokens of the phrases of the verb a truce or talks noun is the subject of, or the
    object of a party's verb: where and when it took effect, collapsed or was signed ("a
    truce ... took effect in P on Monday", "talks ... collapsed in P", "X and Y signed a
    truce in P")."""
    verb = tok.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    signed = tok.dep_ == "dobj" and verb.lemma_ in ctx.lexicon("ceasefire", "party_verbs")
    if tok.dep_ not in ("nsubj", "nsubjpass") and not signed:
        return []
    return [t for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree]


def _truce_place(
    ctx: ArticleContext, sent: Span, tok: Token, parties: list[str], truce: bool
) -> str | None:
    """Where a truce or talks are: a place of the noun's phrase, else the most precise place
    of the sentence ("fighting in Rakhine resumed after a truce between X and Y broke
    down": Rakhine; "talks on P" stalled: P), a town's province or country for a truce ("X
    fought into P despite the ceasefire": :func:`~kg.extract.truces.truce_area`), else for a
    truce the war's province or region (:func:`~kg.extract.truces.theatre`) and for talks
    the country the article is about; never a state that is a party ("talks between X and the
    government and Russia": not Russia), and none when one is and no other place is named
    ("a truce between Hamas and Israel")."""
    sides = {t.i for p in ctx.prep_objects(tok, {"between", "with"}) for t in p.subtree}
    # a state that is a party (not a government's own country: "South Sudan's government
    # and the rebels signed a truce" is in South Sudan)
    states = {a for a in parties if ctx.actor_class(a) == "State"}

    def where(scope: list[Token], widen: bool) -> list[str]:
        # the places named, not one a head noun's phrase holds ("envoys of the US")
        named = [t for t in scope if t.i not in sides and _names_a_place(ctx, t)]
        places = town_first(ctx, located_places(ctx, named))
        if widen:
            places = [truces.truce_area(ctx, p) for p in places]
        return [p for p in places if p not in states]

    # where it took effect or collapsed, before the places its own phrase names ("talks on
    # a truce in P collapsed in Q": Q)
    found = (
        where(_own_verb_phrases(ctx, tok), False)
        or where(list(tok.subtree), False)
        or where(list(sent), truce)
    )
    # with a state among the parties, the article's country may be any side's or a mediator's
    fallback = truces.theatre(ctx) if truce else ctx.res.main_country()
    return found[0] if found else None if states else fallback


def _names_a_place(ctx: ArticleContext, tok: Token) -> bool:
    m = ctx.res.mention_at(tok)
    return m is not None and m.kind == "place"


def _sought(ctx: ArticleContext, verb: Token) -> bool:
    """Whether ``verb`` is only aimed at: the infinitive of a verb or noun of trying ("trying
    to engineer a truce", "efforts to secure a ceasefire"), not of agreeing ("agreed to
    observe a truce")."""
    aims = ctx.lexicon("offensive", "intent") | ctx.lexicon("ceasefire", "aim_nouns")
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.pos_ == "VERB" and to and verb.head.i != verb.i and verb.head.lemma_ in aims


def _warring_sides(ctx: ArticleContext, tok: Token, gov: Token) -> bool:
    """Whether the parties of the truce or talks ``tok`` are named only as "the warring sides"
    ("the warring parties agreed to a truce", "talks between the two sides")."""
    named = ctx.prep_objects(tok, {"between"})
    if gov.pos_ == "VERB" and gov.lemma_ in ctx.lexicon("ceasefire", "party_verbs"):
        subj = subject_token(gov)
        named += [subj] if subj is not None else []
    nouns = ctx.lexicon("ceasefire", "warring_nouns")
    words = ctx.lexicon("ceasefire", "warring_words")
    return any(
        (n.lower_ in nouns or n.lemma_ in nouns) and any(c.lower_ in words for c in n.children)
        for n in named
    )


def warring_parties(found: list[Found], relations: list[RelationFact]) -> None:
    """Give a truce or talks between "the warring sides" the article's two main belligerents:
    the pair it states fighting in most sentences (the first stated on a tie); none when it
    states no fighting, and then it is kept only when its own phrase dates it."""
    said: dict[tuple[str, str], set[int]] = {}
    for r in relations:
        if r.type == "fights":
            a, b = sorted((r.subject, r.object))
            said.setdefault((a, b), set()).add(r.evidence.char_start)
    counts = {pair: len(where) for pair, where in said.items()}
    best = max(counts, key=lambda p: counts[p], default=None)  # max keeps the first on a tie
    for f in list(found):
        if "warring" not in f.tags or f.fact.agents:
            continue
        if best is not None:
            f.fact.agents = list(best)
        elif "undated" in f.tags:
            found.remove(f)


@needs("events.withdrawal.verbs", "events.ceasefire.nouns", "events.negotiation.nouns")
def simple_events(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """Withdrawals, ceasefires, talks."""
    ev = ctx.rules["events"]
    for tok in ctx.tokens(sent):
        lemma = tok.lemma_
        if tok.pos_ == "VERB" and lemma in ev["withdrawal"]["verbs"] and not ctx.negated(tok):
            # "withdraw from P", "withdraw its forces from P" (the parser may hang it on them)
            outs = [tok, *[c for c in tok.children if c.dep_ == "dobj"]]
            # who withdrew, else the forces withdrawn ("it had withdrawn its troops")
            agents = ctx.subject_actors(tok) or [a for o in outs[1:] for a in ctx.res.actors_at(o)]
            froms = [
                o
                for t in outs
                for o in with_conjuncts(ctx.prep_objects(t, {"from", "out", "of", "back", "away"}))
            ]
            # "retreated from A, a key stronghold, and B": each place; "pulled out of their
            # positions near P": where the sites are
            places = [p for o in froms for p in [ctx.res.place_at(o)] if p]
            whole = bool(places)  # from sites in P: P itself may still be held
            places = places or site_places(ctx, tok, froms)[:1]
            for place in dict.fromkeys(places) if agents else ():
                yield Found(
                    make_event(
                        ctx, sent, "Withdrawal", "withdrawal", tok, agents=agents, place=place
                    ),
                    tok.i,
                    explicit_target=False,
                    # "X would withdraw from P": X still holds P
                    controls=whole and not ctx.unreal(tok),
                )
        elif tok.pos_ == "NOUN" and (
            {lemma, tok.lower_} & ctx.lexicon("negotiation", "nouns") or truces.truce_word(ctx, tok)
        ):
            found = _truce_or_talks(ctx, sent, tok)
            if found is not None:
                yield found


@needs("events.withdrawal.nouns")
def withdrawal_nouns(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X's withdrawal from P", "the withdrawal of X from P", "the pullout of its troops from
    P" (the troops of whoever the clause is about)."""
    nouns = ctx.lexicon("withdrawal", "nouns")
    forces = frozenset(ctx.rules["forces_heads"]) | ctx.lexicon("withdrawal", "units")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lemma_ not in nouns or ctx.negated(tok):
            continue
        if tok.dep_ == "dobj" and tok.head.lemma_ in ctx.lexicon_of("denials"):
            continue  # "the army denied a withdrawal from P"
        froms = ctx.prep_objects(tok, {"from", "away"})  # "away from P"
        if not froms and tok.dep_ == "dobj":  # the parser may hang it on the verb
            froms = ctx.prep_objects(tok.head, {"from", "away"})
        places = [p for o in froms for p in [ctx.res.place_at(o)] if p]
        if not places:
            continue
        whose = [c for c in tok.children if c.dep_ == "poss"] + ctx.prep_objects(tok, {"of"})
        agents = [a for w in whose for a in ctx.res.actors_at(w)]
        if not agents and any(w.lemma_ in forces or w.lower_ in forces for w in whose):
            # "the pullout of the garrison from P": the garrison of the clause's subject
            subj = subject_token(clause_verb(tok))
            agents = ctx.res.actors_at(subj) if subj is not None else []
            agents = [a for a in agents if ctx.actor_class(a) in ("ArmedForces", "State")]
        if not agents and any(w.pos_ == "PRON" for w in whose) and tok.head.i != tok.i:
            agents = ctx.subject_actors(clause_verb(tok))  # "X completed their pullback from P"
        if not agents and not whose and tok.dep_ == "dobj":
            agents = ctx.subject_actors(tok.head)  # "P's commander ordered a withdrawal from Q"
        if not agents:
            continue
        f = make_event(ctx, sent, "Withdrawal", "withdrawal", tok, agents=agents, place=places[0])
        yield Found(f, tok.i, explicit_target=False, controls=True)


@needs(words=("down", "downed"))
def shot_down(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "The rebels shot down a government helicopter over Idlib", "X downed a drone near
    P", "a jet was shot down by X": an attack on the aircraft's owner."""
    aircraft = frozenset(ctx.rules["air_heads"]) | {"aircraft", "drone"}
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in ("down", "shoot", "bring"):
            continue
        down = any(c.lower_ == "down" and c.dep_ in ("prt", "advmod") for c in tok.children)
        if not (tok.lemma_ == "down" or down) or ctx.negated(tok) or ctx.unreal(tok):
            continue
        passive, objs = voiced_objects(tok)
        if not objs:  # "they shot down over the capital": nothing named
            continue
        # the parser may hang the aircraft on a direction: "a helicopter west of Aleppo"
        craft = next(
            (t for t in objs[0].subtree if t.lemma_ in aircraft or t.lower_ in aircraft), None
        )
        if craft is None:
            continue
        agents = ctx.passive_agents(tok) if passive else ctx.subject_actors(tok)
        agents = forces_of(ctx, agents, tok)
        owners = ctx.res.actors_at(craft, conj=False) or target_actors(ctx, [craft])
        targets = [a for a in forces_of(ctx, owners, tok) if a not in agents]
        if not agents and not targets:
            continue
        doers = {t.i for c in tok.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
        own = [t for t in tok.subtree if t.i not in doers]
        f = make_event(
            ctx,
            sent,
            "Attack",
            "shot-down",
            tok,
            agents=agents,
            targets=targets,
            place=place_near(ctx, sent, own, tok),
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (
    airstrike_nouns,
    air_power,
    shot_down,
    abuse,
    displacement,
    simple_events,
    withdrawal_nouns,
)
