"""Captures and losses of places stated by a verb: "X retook / seized / entered P (from Y)",
"X pushed Y out of P", "P has fallen (to X)", "Y lost P to X (on D)". A verb only aimed at
("preparing to recapture P", "an offensive to take P", "troops sent to drive Y out of P") states
an offensive instead (:func:`aimed_only`), and so does a fall only imminent ("P is poised to
fall to X", :func:`imminent_fall`).

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events; the words
are ``events.capture`` (and ``achieved_verbs``, ``aim_words``) in ``rules.yaml``. Captures
named by a noun, falls into someone's hands and withdrawals are :mod:`kg.extract.takings`'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.events import (
    Found,
    forces_of,
    make_event,
    site_holders,
    site_places,
    subject_token,
    supporters_of,
    target_actors,
)
from kg.extract.gates import needs
from kg.extract.helpers import helpers_of
from kg.extract.listings import named_later
from kg.extract.registry import COUNTRY_NOUN
from kg.extract.voice import voiced_objects
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES", "aimed_only", "undone_later"]


def _intent(ctx: ArticleContext, verb: Token) -> bool:
    intent = ctx.lexicon("offensive", "intent")
    return (verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_ in intent) or (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_ in intent
    )


def aimed_only(ctx: ArticleContext, verb: Token) -> bool:
    """True when ``verb`` is an infinitive of aim, which states no capture: "an offensive to
    take P", "using troops to push Y out of P", "a struggle to regain P", a headline's "X to
    retake P"; or a gerund of aim:
    "an attack aimed at seizing P", "with the aim of retaking P"."""
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("at", "of", "to", "toward", "towards"):
        gov = verb.head.head
        aims = ctx.lexicon_of("aim_words")
        return gov.lemma_ in aims or gov.lower_ in aims
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if "to" not in auxes or "have" in auxes:  # "claimed to have seized P" states it done
        return False
    # an infinitive at the root is a headline's plan: "Army to retake P", "Push to Take Back P"
    # "managed to retake P" states it done (``achieved_verbs``)
    return verb.head.i == verb.i or verb.head.lemma_ not in ctx.lexicon_of("achieved_verbs")


def _part_taken(ctx: ArticleContext, obj: Token) -> str | None:
    """What "the X of P" takes of P when X is no place word: ``"site"`` for a site or the area
    around P ("the airport of P", "the outskirts of P": a capture at P, no control of it),
    ``"duty"`` for a task in P ("(control of) the security of P": nothing taken); None else
    ("the town of P", "most of P", "P")."""
    res = ctx.res
    if res.place_at(obj) is None:  # "seized six positions in P": sites (_site_phrases)
        return None
    holders = res.rules["of_place_holders"]
    while obj.lower_ in holders:  # "control of the outskirts of P"
        inner = [g for g in ctx.prep_objects(obj, {"of"}) if g.pos_ == "NOUN"]
        if not inner:
            return None
        obj = inner[0]
    m = res.by_token.get(obj.i)
    places = [
        w for k in ("settlement", "province", "country", "capital") for w in res.rules["coref"][k]
    ]
    if obj.pos_ != "NOUN" or (m is not None and m.kind == "place") or obj.lower_ in places:
        return None
    if obj.lower_ in ctx.lexicon("capture", "duties"):
        return "duty"
    sites = ctx.lexicon("capture", "sites") | ctx.lexicon("capture", "areas")
    return "site" if obj.lemma_ in sites or obj.lower_ in sites else None


def _taken_places(ctx: ArticleContext, verb: Token, objs: list[Token]) -> tuple[list[str], bool]:
    """The places a capture verb takes, and whether they are only where its sites are
    (positions taken in a district are not the district: no control of it follows; so are
    "the airport / the outskirts of P"; "the security of P" is no place taken)."""
    parts = [_part_taken(ctx, o) for o in objs]
    if any(parts):
        objs = [o for o, part in zip(objs, parts, strict=True) if part != "duty"]
        places = [p for o in objs for p in [ctx.res.place_at(o)] if p]
        return places, True
    # ("seized Aden's international airport": the airport's mention, kg.extract.placenames.facility)
    places = [
        p
        for o in objs
        for p in [ctx.res.place_at(o)]
        if p and not (_of_a_thing(ctx, o) and ctx.res.place_class(p) == "Country")
    ]
    if places:
        # "seized A, B and C", "the towns of A, B and C": every place of the list
        listed = [c for o in objs for x in [o, *ctx.prep_objects(o, {"of"})] for c in x.conjuncts]
        # "took A and B-C": the parser may hang "A and B" as a modifier of the last name
        listed += [
            t
            for o in objs
            for c in o.children
            if c.dep_ in ("nmod", "compound") and any(g.dep_ == "conj" for g in c.children)
            for t in (c, *c.conjuncts)
        ]
        places += [
            p
            for c in listed
            for p in [ctx.res.place_at(c)]
            if p and p not in places and ctx.res.place_class(p) != "Country"
        ]
        return places, False
    # "seized several towns, including A and B": each town the list names
    named = [g for o in objs for g in ctx.prep_objects(o, {"including"})]
    places = [p for g in named for t in (g, *g.conjuncts) for p in [ctx.res.place_at(t)] if p]
    places = [p for p in dict.fromkeys(places) if ctx.res.place_class(p) != "Country"]
    if places:
        return places, False
    # "won back four villages ... named the villages as A, B and C": the places named after
    places = named_later(ctx, objs)
    if places:
        return places, False
    # one site taken somewhere in a country ("a headquarters in the country's north") is not
    # where; one in a country named ("an army base in Burkina Faso") is taken there (the
    # caller gives no control of it), and so are "positions in Syria and Iraq"
    one = any(o.tag_ == "NN" for o in objs)
    said = {  # named, not "the country's north"
        ctx.res.place_at(o)
        for o in _site_phrases(ctx, verb, objs)
        if (m := ctx.res.mention_at(o)) is None or m.source != COUNTRY_NOUN
    }
    places = [
        p
        for p in site_places(ctx, verb, objs)
        if not (one and ctx.res.place_class(p) == "Country" and p not in said)
    ]
    if not places and verb.lemma_ not in ("take", "free", "win", "clear"):
        # "retook Galcad": a name no gazetteer knows is a town taken, not a site in one
        return [p for o in objs for p in [ctx.res.unknown_place(o)] if p], False
    return places, True


def _of_a_thing(ctx: ArticleContext, obj: Token) -> bool:
    """True when ``obj`` is a noun that names no place and holds none, so that a country in
    its "of" phrase is an owner, not what is taken: "seized the embassy of Pakistan in
    Kabul", "took control of the north of Mali" (not "most of Syria", "the capital of Mali":
    ``of_place_holders`` and the place nouns of ``coref``)."""
    res = ctx.res
    coref = res.rules["coref"]
    holders = {*res.rules["of_place_holders"], *coref["settlement"], *coref["province"]}
    holders |= {*coref["country"], *coref["capital"]}
    while obj.lower_ in res.rules["of_place_holders"]:  # "control of the embassy of P"
        inner = [g for g in ctx.prep_objects(obj, {"of"}) if g.pos_ == "NOUN"]
        if not inner:
            break
        obj = inner[0]
    m = res.by_token.get(obj.i)
    if obj.pos_ != "NOUN" or (m is not None and m.kind == "place"):
        return False
    return obj.lower_ not in holders and obj.lemma_ not in holders


def _site_phrases(ctx: ArticleContext, verb: Token, objs: list[Token]) -> list[Token]:
    """The objects of the "in" / "near" / "around" phrases of a capture's verb and its
    objects ("an army base in P", "seized a post near P")."""
    preps = set(ctx.lexicon("capture", "site_preps"))  # "a base in / near / at P"
    inner = [t for o in objs for t in o.subtree if t.dep_ == "pobj" and t.head.lower_ in preps]
    return inner + ctx.prep_objects(verb, preps)


def _taken_from(ctx: ArticleContext, verb: Token, objs: list[Token]) -> list[str]:
    """Whom a "from" phrase says a capture took its place from ("took P from Y", "wrested P
    from Y control"), or the "of" phrase of a verb of ridding ("P was purged of Y fighters",
    ``rid_verbs``; a name among the words before its head too: "of Y Takfiri militants"):
    who held it until then."""
    froms = ctx.prep_objects(verb, {"from"})
    for o in objs:
        froms += ctx.prep_objects(o, {"from"})
    out = [a for o in froms for a in ctx.res.actors_at(o)]
    if verb.lemma_ in ctx.lexicon("capture", "rid_verbs"):
        rid = ctx.prep_objects(verb, {"of"})
        out += [a for o in rid for a in ctx.res.actors_at(o)]
        out += [
            a
            for o in rid
            for t in o.lefts
            if t.dep_ in ("compound", "amod")
            for a in ctx.res.actors_at(t, conj=False)
        ]
    return list(dict.fromkeys(out))


def _losers(ctx: ArticleContext, verb: Token, objs: list[Token]) -> list[str]:
    """Who lost what was taken: "took P from Y", "seized bases held by Y", "overran Y
    positions", "seized dozens of Ukrainian positions" (the owner of a military site)."""
    targets = _taken_from(ctx, verb, objs)
    sites = ctx.lexicon("capture", "sites") - {"village", "hamlet"}
    owned = [
        s
        for o in objs
        for s in [o, *ctx.prep_objects(o, {"of"})]
        if {s.lemma_.lower(), s.lower_.removesuffix("s")} & sites and ctx.res.place_at(s) is None
    ]
    if verb.lemma_ not in ctx.lexicon("capture", "retake_verbs"):
        # "recaptured a Mozambican army base": the owner got it back, it lost nothing
        targets += [a for a in target_actors(ctx, owned) if a not in targets]
    return targets + [a for a in site_holders(ctx, objs) if a not in targets]


def _antecedent_place(ctx: ArticleContext, verb: Token, it: Token) -> Token:
    """The place "it" stands for after a capture verb: the object of the clause it hangs on
    ("X held P until the army retook it", "besieged P before storming it"); else "it"."""
    head = verb.head
    if verb.dep_ not in ("advcl", "conj") or head.pos_ != "VERB":
        return it
    for c in head.children:
        if c.dep_ in ("dobj", "nsubjpass") and ctx.res.place_at(c) is not None:
            return c
    return it


def _participle(tok: Token) -> bool:
    """True for a past participle that modifies a noun, a reduced passive relative ("P,
    captured by X on Monday, ...", "the town seized by X"): it takes the noun it modifies."""
    # "P, captured by X in 2014 and retaken in 2016": the second participle modifies P too
    on_noun = tok.dep_ == "acl" or (tok.dep_ == "conj" and _participle(tok.head))
    return on_noun and tok.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in tok.children)


def _modified(ctx: ArticleContext, tok: Token) -> Token:
    """The noun the participle ``tok`` modifies, or the name that noun is in apposition to
    ("P, the mining town seized by X": P)."""
    part = tok
    while part.dep_ == "conj":  # "P, captured by X and retaken by Y": the first one's noun
        part = part.head
    noun = part.head
    if ctx.res.place_at(noun) is None and noun.dep_ == "appos":
        return noun.head
    return noun


def undone_later(ctx: ArticleContext, verb: Token) -> bool:
    """True when a verb conjoined to the taking ``verb`` undoes it (``undone_verbs``): "captured
    P in 2012 and lost it in 2013", "A and B fell to X in 2012 and were retaken in 2019". The
    taking was; the taker's control of the place (of every place listed) does not go on.

    >>> from kg.extract.nlp import load_model
    >>> doc = load_model()("Rebels captured the town in 2012 and lost it in 2013.")
    >>> [c.lemma_ for c in doc[1].children if c.dep_ == "conj"]
    ['lose']
    """
    undone = ctx.lexicon("capture", "undone_verbs")
    return any(c.dep_ == "conj" and c.lemma_ in undone for c in verb.children)


def _verb_objects(ctx: ArticleContext, tok: Token) -> list[Token]:
    """What a capture verb takes: its object, a passive's subject; "P, which the army
    captured": the relative pronoun's noun; "P, captured by X": the noun the participle
    modifies; "the army retook it": the place "it" stands for."""
    if _participle(tok):
        return [_modified(ctx, tok)]
    passive, objs = voiced_objects(tok)  # "P is said to have been retaken": the raised subject
    if passive and not objs and tok.dep_ == "conj":
        # "A and B fell to X in 2012 and were retaken in 2019": the first verb's subjects
        objs = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ == "relcl":  # "P, which the army captured": the relative pronoun's noun
        noun = tok.head
        if noun.dep_ == "appos" and ctx.res.place_at(noun.head):
            noun = noun.head  # "P, a town which the army recaptured": P
        # "P, a city the Taliban captured" (no pronoun, or one the parser hung elsewhere): P,
        # a name (not a common noun the parser may have torn from its name: "the town")
        named = [noun] if not passive and noun.pos_ == "PROPN" else []
        objs = [noun if o.tag_ in ("WDT", "WP") else o for o in objs] or named
    return [_antecedent_place(ctx, tok, o) if o.lower_ == "it" else o for o in objs]


def _adverb_places(ctx: ArticleContext, tok: Token) -> list[Token]:
    """A place name the parser hung on a capture verb as an adverb or attribute
    ("recaptured Tal Afar")."""
    return [
        c
        for c in tok.rights
        if c.dep_ in ("advmod", "npadvmod", "oprd", "attr", "ccomp", "xcomp")
        and ctx.res.place_at(c)
    ]


def _control_over(ctx: ArticleContext, verb: Token, objs: list[Token]) -> list[Token]:
    """ "established full control over P": the place of the verb's or the noun's "over"
    phrase is taken too (as "of P" in "gained control of P" is); "control of it": the place
    "it" stands for (:func:`_antecedent_place`)."""
    nouns = [o for o in objs if o.lemma_ == "control"]
    # "retook P after the rebels gained control of it": the place "it" stands for
    # (the parser may hang "of it" on the verb: "took control of it")
    heads = [*nouns, verb] if nouns else []
    its = [g for o in heads for g in ctx.prep_objects(o, {"of", "over"}) if g.lower_ == "it"]
    # the parser may hang "of P" on the verb too: "took control of Wad Madani"
    on_verb = ctx.prep_objects(verb, {"of", "over"}) if nouns else []
    return (
        objs
        + [g for g in on_verb if g.lower_ != "it"]
        + [g for o in nouns for g in ctx.prep_objects(o, {"over"})]
        + [a for g in its for a in [_antecedent_place(ctx, verb, g)] if a.i != g.i]
    )


@needs("events.capture.verbs", "events.capture.control_verbs", "events.capture.into_verbs")
def captures(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X retook / liberated / seized / entered P (from Y)"; intent ("preparing to recapture P")
    is an offensive instead."""
    verbs = ctx.lexicon("capture", "verbs")
    weak = ctx.lexicon("capture", "weak")
    of_control = ctx.lexicon("capture", "control_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB":
            continue
        passive = voiced_objects(tok)[0] or _participle(tok)
        objs = _verb_objects(ctx, tok)
        of_control_noun = any(o.lemma_ == "control" for o in objs)
        control = tok.lemma_ in of_control and of_control_noun
        if of_control_noun:  # "gained / took control over P", "took control of it"
            objs = _control_over(ctx, tok, objs)
        into = tok.lemma_ in ctx.lexicon("capture", "into_verbs") and not objs
        if into:  # "swept / stormed into the city": entering it
            objs = ctx.prep_objects(tok, {"into"})
        if tok.lemma_ not in verbs and not control and not into:
            continue  # "gained / claimed control of P" is a capture too
        if ctx.negated(tok) or ctx.unreal(tok) or _cleared_of_things(ctx, tok):
            continue
        if not objs and not passive:
            objs = _adverb_places(ctx, tok)
        places, in_sites = _taken_places(ctx, tok, objs)
        if not places or (in_sites and tok.lemma_ in ctx.lexicon("attack", "verbs")):
            continue  # "stormed a base in P": an attack (kg.extract.attacks), nothing taken
        agents = ctx.passive_agents(tok) if passive else ctx.subject_actors(tok)
        if passive and not agents:  # "P was retaken with the help of X and Y": they took it
            agents = helpers_of(ctx, tok)
        agents = forces_of(ctx, agents, tok)
        entering = into or tok.lemma_ in weak
        if entering and not agents and not passive:
            continue  # "refugees poured into / entered Chad", "a delegation entered P"
        yield from _taken(ctx, sent, tok, objs, places, agents, entering, in_sites)


def _cleared_of_things(ctx: ArticleContext, verb: Token) -> bool:
    """True for "clear P of explosive devices / mines / rubble": what is cleared away is no
    actor, so nothing is taken ("cleared P of IS fighters" is a capture)."""
    if verb.lemma_ != "clear":
        return False
    rid = ctx.prep_objects(verb, {"of"})
    rid += [g for o in verb.children if o.dep_ == "dobj" for g in ctx.prep_objects(o, {"of"})]
    return bool(rid) and not any(ctx.res.actors_at(o) for o in rid)


def _taken(
    ctx: ArticleContext,
    sent: Span,
    tok: Token,
    objs: list[Token],
    places: list[str],
    agents: list[str],
    entering: bool,
    in_sites: bool,
) -> Iterator[Found]:
    """What the capture verb ``tok`` states of ``places``: an offensive when it is only aimed
    at ("preparing to recapture P", "an offensive to take P"), else a capture of each place
    (``entering``, weak: entering is not holding; ``in_sites``: sites taken in a place, no
    control of it follows)."""
    targets = _losers(ctx, tok, objs)
    subj = subject_token(tok)
    supporters = supporters_of(ctx, subj) if subj is not None else []
    aimed = _intent(ctx, tok) or (aimed_only(ctx, tok) and bool(agents))
    if not aimed and (
        aimed_only(ctx, tok)
        or (tok.lemma_ == "take" and not any(ctx.res.place_at(o) for o in objs))
    ):
        return
    if aimed:
        kind, method = "Offensive", "offensive-intent"
    else:
        kind, method = "Capture", "capture-weak" if entering else "capture-verb"
    retaking = aimed and tok.lemma_ in ("recapture", "retake", "regain", "reclaim")
    holds = not aimed and not entering and not in_sites and not undone_later(ctx, tok)
    for p in places:
        f = make_event(
            ctx,
            sent,
            kind,
            method,
            tok,
            agents=agents,
            targets=targets,
            supporters=supporters,
            place=p,
        )
        intent_place = p if retaking else None
        yield Found(
            f,
            tok.i,
            explicit_target=bool(targets),
            controls=holds,
            intent_place=intent_place,
            losers=_taken_from(ctx, tok, objs) if kind == "Capture" else [],
        )
        if not aimed and _pushing(ctx, tok) and _armed(ctx, agents):
            g = make_event(
                ctx,
                sent,
                "Offensive",
                "offensive-verb",
                tok,
                agents=agents,
                targets=targets,
                place=p,
            )
            yield Found(g, tok.i, explicit_target=bool(targets))


def _armed(ctx: ArticleContext, agents: list[str]) -> bool:
    """True when ``agents`` are all armed ("M23 rebels", "regime troops"); UN peacekeepers or
    a state entering a town push no offensive."""
    return bool(agents) and all(ctx.actor_class(a) in ARMED_CLASSES for a in agents)


def _pushing(ctx: ArticleContext, verb: Token) -> bool:
    """True for a verb of entering told in the present, a push under way: a headline's
    "Regime troops enter Saraqib", "M23 rebels are entering Goma" (``push_verbs``; "forces
    entered al-Qaim" tells the entry done: a capture only)."""
    return verb.lemma_ in ctx.lexicon("capture", "push_verbs") and verb.tag_ in (
        "VBP",
        "VBZ",
        "VBG",
    )


@needs("events.capture.expel_verbs")
def expel(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X pushed / drove Y out of P", "removing Y from P", "Y was driven out of P"."""
    for tok in ctx.stated_verbs(sent, ctx.lexicon("capture", "expel_verbs")):
        passive, objs = voiced_objects(tok)
        losers = [a for o in objs for a in ctx.res.actors_at(o)]
        if (
            not losers
            and tok.dep_ == "relcl"
            and any(o.lower_ in ("which", "who", "that") for o in objs)
        ):
            losers = ctx.res.actors_at(tok.head)  # "the government, which X drove out of P"
        pobjs = ctx.prep_objects(tok, {"out", "of", "from"})
        for o in objs:
            pobjs += ctx.prep_objects(o, {"out", "of", "from"})
        places = [p for o in pobjs for p in [ctx.res.place_at(o)] if p]
        if passive and not losers and tok.dep_ == "conj":
            # "Y seized P but were driven out (of the city) by X": Y lost the place it took
            losers, places = _taken_before(ctx, tok, places)
        if not losers or not places:
            continue
        # "Y were driven out of P (by X)": the passive subject lost P
        agents = ctx.passive_agents(tok) if passive else ctx.subject_actors(tok)
        agents = forces_of(ctx, agents, tok)
        # "troops sent to drive Y out of P": an offensive, not yet a capture
        aim = aimed_only(ctx, tok)
        if aim and not agents:
            continue
        kind, method = ("Offensive", "offensive-intent") if aim else ("Capture", "expel-verb")
        for p in places:
            f = make_event(ctx, sent, kind, method, tok, agents=agents, targets=losers, place=p)
            yield Found(f, tok.i, controls=not aim, losers=[] if aim else list(losers))


def _taken_before(
    ctx: ArticleContext, tok: Token, places: list[str]
) -> tuple[list[str], list[str]]:
    """Who lost what in a passive expulsion joined to the verb of their taking it: "Y seized
    P but were driven out within weeks": Y, and P unless the expulsion names its own place.
    Nothing when the first verb took no place ("Y attacked the base but were driven out")."""
    first = tok.head
    if first.lemma_ not in ctx.lexicon("capture", "verbs"):
        return [], []
    taken = [p for o in first.children if o.dep_ == "dobj" for p in [ctx.res.place_at(o)] if p]
    if not taken:
        return [], []
    return ctx.subject_actors(first), places or taken


@needs("events.capture.fall_verbs")
def fall(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "P has fallen (to X)"; not "P fell under attack" nor "P could fall"."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in ctx.lexicon("capture", "fall_verbs") or tok.pos_ != "VERB":
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue  # "P has not fallen", "P could fall"
        if any(c.dep_ == "prep" and c.lower_ in ("under", "into", "victim") for c in tok.children):
            continue  # "P fell under attack", "P fell into chaos": no change of hands
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        place = ctx.res.place_at(subj[0]) if subj else None
        if place is None and subj:
            for c in subj[0].children:
                if c.dep_ == "appos":
                    place = place or ctx.res.place_at(c)
        if place is None:
            continue
        agents = [a for o in ctx.prep_objects(tok, {"to"}) for a in ctx.res.actors_at(o)]
        owners: list[str] = []
        if subj:
            for c in subj[0].children:
                if c.dep_ in ("compound", "poss"):
                    owners += ctx.res.actors_at(c, conj=False)
        f = make_event(
            ctx, sent, "Capture", "fall", tok, agents=agents, targets=owners, place=place
        )
        held = bool(agents) and not undone_later(ctx, tok)  # "... and was retaken in 2019"
        yield Found(f, tok.i, explicit_target=bool(owners), controls=held)


def _imminent_clause(ctx: ArticleContext, verb: Token) -> Token | None:
    """The clause whose subject is about to fall when ``verb`` is the infinitive or gerund of
    a word of ``offensive.imminent`` ("P is poised / about to fall", "P is on the verge of
    falling", "close to falling"): the nearest ancestor with a subject, through such a
    word only; None otherwise."""
    imminent = ctx.lexicon("offensive", "imminent")
    seen = False
    for t in list(verb.ancestors)[:4]:
        seen = seen or t.lower_ in imminent
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return t if seen else None
    return None


def _doubted(ctx: ArticleContext, verb: Token, clause: Token) -> bool:
    """Whether an imminent fall is only supposed or feared: a word of
    ``offensive.imminent_doubts`` on its clause ("if P is about to fall", "P is unlikely to be
    poised to fall"), or a stated risk around it ("residents fear P is poised to fall")."""
    doubts = ctx.lexicon("offensive", "imminent_doubts")
    words = [c.lower_ for c in clause.children if c.dep_ in ("mark", "acomp")]
    return any(w in doubts for w in words) or ctx.is_risk(verb)


@needs("events.capture.fall_verbs", "events.offensive.imminent")
def imminent_fall(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "P is poised to fall to X", "P is on the verge of falling to X": an offensive of X on P
    (the place not yet taken); not "P could fall to X" (a forecast), "P is not about to
    fall", nor without a taker."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in ctx.lexicon("capture", "fall_verbs") or tok.pos_ != "VERB":
            continue
        clause = _imminent_clause(ctx, tok)
        if clause is None or ctx.negated(clause) or ctx.unreal(clause) or ctx.negated(tok):
            continue
        if _doubted(ctx, tok, clause):
            continue  # "if P is about to fall", "residents fear P is poised to fall"
        subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        place = ctx.res.place_at(subj[0])
        agents = [a for o in ctx.prep_objects(tok, {"to"}) for a in ctx.res.actors_at(o)]
        if place is None or not agents:
            continue
        f = make_event(ctx, sent, "Offensive", "offensive-intent", tok, agents=agents, place=place)
        yield Found(f, tok.i)


@needs("events.capture.lose_verbs")
def lose(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "Y lost P to X (on D) and Q to Z (on E)".

    The loser is the verb's subject; each place lost goes to the actor of the first "to"
    phrase after it (the parse often hangs a second "Q to Z" on the wrong word, so the pairing
    follows the order of the phrases), and its date is the first one after that phrase.
    """
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in ctx.lexicon("capture", "lose_verbs") or tok.pos_ != "VERB":
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue  # "did not lose P", "could lose P to Y"
        losers = ctx.subject_actors(tok)
        end = max(t.i for t in tok.subtree) + 1
        tos = [
            p for p in ctx.doc[tok.i + 1 : end] if p.lower_ == "to" and p.dep_ in ("prep", "dative")
        ]
        gains = [
            (
                p,
                [
                    a
                    for o in p.children
                    if o.dep_ == "pobj"
                    for a in ctx.res.actors_at(o, principal=True)
                ],
            )
            for p in tos
        ]
        gains = [(p, a) for p, a in gains if a]
        if not tos:  # "Y lost P", "Y lost control of P": taken by whom the text does not say
            yield from _lost(ctx, sent, tok, losers)
            continue
        places = [
            m
            for m in ctx.res.mentions
            if tok.i < m.start < end and m.kind == "place" and not m.country_name
        ]
        dates = ctx.dates(sent)
        for n, m in enumerate(places):
            nxt = places[n + 1].start if n + 1 < len(places) else end
            gain = next(((p, a) for p, a in gains if p.i > m.start), None)
            if gain is None:
                continue
            prep, agents = gain
            after = [
                d
                for d in dates
                if prep.i < d.tokens[0] and (d.tokens[0] < nxt or n + 1 == len(places))
            ]
            after = after or [d for d in dates if m.start < d.tokens[0] < nxt]
            f = make_event(
                ctx, sent, "Capture", "lose-to", tok, agents=agents, targets=losers, place=m.key
            )
            if after:
                f.date = after[0].value
            yield Found(f, tok.i, explicit_target=bool(losers), controls=True, losers=list(losers))


def _lost(ctx: ArticleContext, sent: Span, verb: Token, losers: list[str]) -> Iterator[Found]:
    """ "Y lost P in 2012", "Y lost control of P on Monday": a capture of P from Y by no one
    named, Y's holding of P ended (``losers``); the place must be the verb's object ("Y lost
    20 soldiers in P" lost no place)."""
    if not losers:
        return
    objs = [t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
    places = [p for o in objs for p in [ctx.res.place_at(o)] if p]
    for p in dict.fromkeys(places):
        if ctx.res.place_class(p) == "Country":
            continue  # "Y lost Syria" is a figure of speech more often than a conquest
        f = make_event(ctx, sent, "Capture", "lose-to", verb, targets=losers, place=p)
        yield Found(f, verb.i, explicit_target=True, losers=list(losers))


Rule = Callable[[ArticleContext, "Span"], Iterator[Found]]
#: captures and losses of places (offensives and sieges have modules of their own)
RULES: tuple[Rule, ...] = (captures, expel, fall, imminent_fall, lose)
