"""Events and their arguments (agents, targets, place, date, figures) from the parse: what
every event rule shares.

Each rule reads one sentence and returns :class:`Found` events: the :class:`~kg.model.EventFact`
plus what the article-level pass needs (whether the target was stated, the trigger word). The
rules are in their topic's module (:mod:`kg.extract.captures`, :mod:`kg.extract.takings`,
:mod:`kg.extract.offensives`, ...; the tables are :mod:`kg.extract.rulebook`'s).
Article-level steps (merging an agentless "P has fallen" into "X retook P", control facts
from captures, hostilities from events) are in :mod:`kg.extract.pipeline`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.numbers import number_value
from kg.extract.vocab import mention_words
from kg.extract.whenclause import when_date
from kg.model import EventFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "OFFICIAL",
    "Found",
    "air_verb",
    "airstrike_at",
    "figures_in",
    "forces_of",
    "is_actor_only",
    "located_places",
    "make_event",
    "noun_like",
    "on_a_site",
    "owner_states",
    "subject_token",
    "supporters_of",
    "taking_part",
    "target_actors",
    "targeted_subject",
    "where_place",
]


# who strikes from the air when a noun does not say so ("strikes by the army", "the bombing
# of P by the coalition"): a state, its government, its forces, a coalition of them
OFFICIAL = ("State", "ArmedForces", "Coalition", "Government")
# who bears arms: the doers of a shooting "under fire" and of a push into a town


@dataclass
class Found:
    """An event as one sentence states it, with notes for the article-level pass."""

    fact: EventFact
    trigger: int  # token index
    explicit_target: bool = True
    controls: bool = False  # a capture that gives (a withdrawal that ends) control of the place
    intent_place: str | None = None  # "preparing to recapture P": P is held by the enemy
    #: targets a phrase names as who lost the place ("took P from Y", "Y lost P to X", "drove
    #: Y out of P"): they held it until then (other targets, "overran Y positions in P", the
    #: article's holder of P, may not have)
    losers: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    mentions: int = 1  # statements merged into this one


def taking_part(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who carried out what the noun ``tok`` names by acting in it: "X regained P in a
    lightning offensive", "X took part in the assault" (the subject of the verb the noun's
    "in" / "during" phrase hangs on; not a passive's: "civilians were killed in the raid",
    "soldiers wounded in the attack"; nor of a verb of suffering or dying: "X lost N men in the
    raid", "six soldiers died in an offensive": ``attack.suffer_verbs``)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "during"):
        return []
    verb = tok.head.head
    if verb.lemma_ == "part" and verb.head.lemma_ == "take":
        verb = verb.head  # "took part in"
    if verb.pos_ != "VERB" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return []  # "soldiers wounded in the attack": the hurt, a passive too
    if verb.lemma_ in ctx.lexicon("attack", "suffer_verbs"):
        return []  # "X suffered losses in the attack": X was hit
    return ctx.subject_actors(verb)


def make_event(
    ctx: ArticleContext,
    sent: Span,
    type_: str,
    method: str,
    trigger: Token,
    *,
    agents: list[str] | None = None,
    targets: list[str] | None = None,
    supporters: list[str] | None = None,
    place: str | None = None,
    date_anchor: Token | None = None,
    prefer: str | None = None,
    within: set[int] | None = None,
    figures: dict[str, int] | None = None,
) -> EventFact:
    date, _rel = ctx.date_for(date_anchor or trigger, prefer, within)
    if date is None:  # "since March last year, when X launched an offensive"
        date = when_date(ctx, trigger) or ctx.default_date()
    return EventFact(
        type_,
        ctx.evidence(sent, method, ctx.hedged(trigger)),
        list(agents or []),
        list(targets or []),
        list(supporters or []),
        place,
        date,
        dict(figures or {}),
    )


_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod")


def _names_people(ctx: ArticleContext, tok: Token) -> bool:
    """Whether a country's name at ``tok`` qualifies people rather than locates: "attacks on
    US troops", "American soldiers", "envoys of the United States and France"."""
    root = tok
    if tok.head.lower_ in mention_words("acting_compounds"):
        return True  # "Iran-backed militias", "Saudi-led forces": the state acts, not a place
    titles = ctx.res.rules["titles"]
    while root.head.i != root.i and root.head.pos_ == "PROPN" and root.dep_ in ("compound", "flat"):
        root = root.head
        if root.lower_ in titles:
            return True  # "US President Joe Biden": a title, no location
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "between":
        # "contradictions between Turkey and Russia": sides; "the border between A and B": where
        return head.head.lemma_ not in ctx.lexicon_of("land_nouns")
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ in ("VERB", "NOUN"):
        return True  # "a campaign led by Saudi Arabia", "attacked by Russia": the doer
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and head.i != root.i:
        # "Turkey retaliated, killing 30 soldiers": the doer; "Syria saw heavy fighting" and
        # the other idle verbs of a place (``capital_idle_verbs``) leave it where it happened
        return head.lemma_.lower() not in mention_words("capital_idle_verbs")
    if root.dep_ == "pobj" and head.lower_ in ("of", "from"):
        head = head.head
    elif root.dep_ not in _MODIFIER_DEPS:
        return False
    if head.pos_ == "PROPN":
        return ctx.res.place_at(head) is None
    # not a noun it locates ("the Syrian border", "Iraq's north": ``land_nouns``)
    return head.pos_ == "NOUN" and head.lemma_ not in ctx.lexicon_of("land_nouns")


def noun_like(ctx: ArticleContext, tok: Token) -> bool:
    """A common noun, also one the tagger took for a name because it opens a sentence
    ("Airstrikes by X hit P" after a headline: ``PROPN``) and no mention covers it."""
    if tok.pos_ == "NOUN":
        return True
    return tok.pos_ == "PROPN" and tok.i == tok.sent.start and ctx.res.mention_at(tok) is None


def located_places(ctx: ArticleContext, tokens: list[Token]) -> list[str]:
    """The places the phrases at ``tokens`` name as a location, each once: a country that only
    qualifies people ("attacks against US personnel", "Turkish troops") is no place, nor is
    where a source sits ("the Britain-based monitor": ``based_participles``), nor the
    country on the other side of a border ("near the border with P": ``border_nouns``).

    Examples
    --------
    In "militias attacked US troops in Iraq" the located place is Iraq, not the United States.
    """
    out: list[str] = []
    people: set[str] = set()  # the name's mention may run on to the noun it qualifies
    holding = frozenset(ctx.rules["control_participles"])
    based = frozenset(ctx.rules["based_participles"])
    borders = frozenset(ctx.rules["border_nouns"])
    for t in tokens:
        p = ctx.res.place_at(t)
        if p is None or p in out or p in people:
            continue
        if t.head.lower_ in holding and t.dep_ in (*_MODIFIER_DEPS, "npadvmod") and t.i < t.head.i:
            people.add(p)  # "the Kiev-controlled city": who holds it, not where
            continue
        if t.head.lower_ in based and t.dep_ in (*_MODIFIER_DEPS, "npadvmod"):
            people.add(p)  # "the Britain-based monitor said": where a source sits
            continue
        w = t.head  # "near the border with P" (the parser may hang "with" on the verb)
        before = w.nbor(-1).lemma_.lower() if w.i > 0 else ""
        if w.lower_ == "with" and {w.head.lemma_.lower(), before} & borders:
            continue  # at the border, not in P
        if ctx.res.place_class(p) == "Country" and _names_people(ctx, t):
            people.add(p)
            continue
        if _whose_partners(ctx, t) or _whose_help(ctx, t):
            people.add(p)  # "with Gulf region allies", "with support from P": who, not where
            continue
        out.append(p)
    return out


def _whose_help(ctx: ArticleContext, tok: Token) -> bool:
    """True for a name in the "of" or "from" phrase of a help noun: "struck targets with
    support from Australia and Canada", "with the help of Chad" (``helpers: help_nouns``)
    names who helps, never where."""
    helps = ctx.rule_words("helpers", "help_nouns")
    for t in [tok, *tok.ancestors][:5]:
        if t.dep_ == "prep":  # the nearest phrase only: "with the help of drones in P"
            return t.lower_ in ("of", "from") and t.head.lemma_.lower() in helps
    return False


def _whose_partners(ctx: ArticleContext, tok: Token) -> bool:
    """True for a place name that only says whose partners a noun names: "Gulf region allies",
    "Sahel states" (``events.located.partner_nouns``)."""
    head = tok
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    m = ctx.res.mention_at(tok)
    if head is tok or (m is not None and m.start <= head.i < m.end):
        return False  # "Al Gezira state": the place's own name
    return head.lemma_.lower() in ctx.lexicon("located", "partner_nouns")


def supporters_of(ctx: ArticleContext, actor_tok: Token) -> list[str]:
    """Co-actors named in "X, supported by Y and Z"."""
    out: list[str] = []
    parts = set(ctx.rules["support"]["participles"])
    for c in actor_tok.children:
        if c.lower_ in parts and c.dep_ in ("acl", "relcl", "amod"):
            out += ctx.passive_agents(c)
    return out


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a noun is in ("carried" in "carried out abuses in their push")."""
    verb = tok.head
    for _ in range(8):  # through nouns and prepositions ("an inquiry into the reasons behind")
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def where_place(ctx: ArticleContext, tok: Token) -> str | None:
    """The place a "where" clause hangs on: "the Kursk region, where X has been mounting an
    incursion" (the clause of ``tok``)."""
    verb = clause_verb(tok) if tok.pos_ != "VERB" else tok
    where = next((c for c in verb.children if c.lower_ == "where"), None)
    if where is None:
        return None
    if verb.dep_ == "relcl":
        return ctx.res.place_at(verb.head)
    # the parser may not see the relative clause: the last place named before "where"
    before = [t for t in ctx.doc[tok.sent.start : where.i] if ctx.res.place_at(t)]
    return ctx.res.place_at(before[-1]) if before else None


def own_clause(verb: Token) -> list[Token]:
    """The tokens of ``verb``'s clause, less the clauses under it that have a subject of
    their own ("X bombed P, while Y struck Q": Q is Y's; "X bombed P, killing N": the
    participle has none, so it stays).

    Examples
    --------
    For "Jets bombed Ariha, while drones struck Qamishli" the clause of "bombed" holds
    Ariha and not Qamishli.
    """
    skip: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp", "conj", "parataxis") and any(
            g.dep_ in ("nsubj", "nsubjpass") for g in c.children
        ):
            skip.update(t.i for t in c.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def subject_token(tok: Token) -> Token | None:
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "nsubj":
                return c
        if t.dep_ in ("xcomp", "conj", "advcl", "ccomp") and t.head.i != t.i:
            t = t.head
        else:
            return None
    return None


def _named_military(ctx: ArticleContext, actor: str, sent: Span) -> bool:
    """True when ``sent`` calls ``actor`` by a word for a military government ("the junta"):
    the ruling military is its own armed force."""
    words = mention_words("military_government_nouns")
    return any(
        m.key == actor and m.text.split()[-1].lower() in words
        for m in ctx.res.mentions
        if sent.start <= m.start < sent.end
    )


def forces_of(ctx: ArticleContext, agents: list[str], tok: Token) -> list[str]:
    """A government acting militarily acts through its armed forces; a junta is its own force."""
    out = []
    for a in agents:
        e = ctx.res.entry(a, "actor")
        ent = ctx.res.reg.entities.get(a)
        cls = e.cls if e else ent.cls if ent else ""
        if cls == "Government" and not _named_military(ctx, a, tok.sent):
            country = e.country if e is not None else ctx.res.context_country(tok)
            st = ctx.res.entry(country, "actor") if country else None
            if st is not None:
                name, fcls = ctx.res.forces(st)
                ctx.res.ensure_actor(name, fcls, "head-noun")
                ctx.res.rekey(a, name, tok.sent)
                a = name
        out.append(a)
    return out


def is_actor_only(ctx: ArticleContext, tok: Token) -> bool:
    m = ctx.res.mention_at(tok)
    return m is not None and m.kind == "actor"


def site_places(ctx: ArticleContext, verb: Token, objs: list[Token]) -> list[str]:
    """The places of military sites ``verb`` takes ("seized six positions in A, B and C
    townships": A, B and C), each listed place once; none when no object is a site."""
    sites = ctx.lexicon("capture", "sites")
    # "dozens of villages", "a number of positions": the sites are the "of" phrase's
    objs = objs + [g for o in objs for g in ctx.prep_objects(o, {"of"})]
    # the lemma, or the word less its plural "s" (the model lemmatises "bases" as "basis")
    site = next((o for o in objs if {o.lemma_.lower(), o.lower_.removesuffix("s")} & sites), None)
    if site is None:
        return []
    preps = set(ctx.lexicon("capture", "site_preps"))  # "a base in / near / at P"
    # "in P" anywhere in the site's phrase ("strongholds held by X and its militias in P")
    inner = [
        t
        for o in {o.i: o for o in objs}.values()
        if site.i in {x.i for x in o.subtree}
        for t in o.subtree
        if t.dep_ == "pobj" and t.head.lower_ in preps
    ]
    # the site's own phrase ("a base in P") before the verb's: "In R, X seized a base in P"
    # took the base in P, and R is only the setting around it (whether or not the gazetteer
    # knows P is in R); not a place deeper in the site's phrase ("a base of troops deployed
    # in R"), which is weighed with the verb's
    own = [o for s in (site, *site.conjuncts) for o in ctx.prep_objects(s, preps)]
    places = located_places(ctx, _phrases(own)) or located_places(
        ctx, _phrases(inner + ctx.prep_objects(verb, preps))
    )
    # "checkpoints in Afghanistan's Takhar province": the province, not also its country;
    # "the headquarters in A in the B region": A, not also the region around it
    res = ctx.res
    inside = {res.country_of_place(p) for p in places if res.place_class(p) != "Country"}
    inside |= {a for p in places for a in res.gaz.ancestors(p) if a != p}
    inside |= {  # a loose region ("northern Shan state") around a town of its country
        r
        for r in places
        if res.place_class(r) == "Region"
        and any(
            res.place_class(p) not in ("Region", "Country")
            and res.country_of_place(p) == res.country_of_place(r)
            for p in places
        )
    }
    return [p for p in places if p not in inside]


def _phrases(heads: list[Token]) -> list[Token]:
    """The tokens of the phrases at ``heads``, whole: a list the parser hangs as conjuncts,
    appositions or compounds."""
    return [t for h in heads for t in h.subtree]


def site_holders(ctx: ArticleContext, objs: list[Token]) -> list[str]:
    """Who held or used what was taken or hit: "bases held / controlled by X (and Y)",
    "facilities used by X", "depots belonging to X"."""
    verbs = ctx.lexicon("capture", "held_by")
    out: list[str] = []
    for o in objs:
        for c in o.children:
            if c.dep_ != "acl" or c.pos_ != "VERB":
                continue
            if c.lemma_ in verbs:
                out += ctx.passive_agents(c)
            elif c.lemma_ == "belong":
                out += [a for p in ctx.prep_objects(c, {"to"}) for a in ctx.res.actors_at(p)]
    return list(dict.fromkeys(out))


def owner_states(ctx: ArticleContext, obj: Token) -> list[str]:
    """The state a demonym before an owned thing names: "Armenian positions", "a Saudi
    warship" (``events.attack.owned`` in rules.yaml); nothing for other nouns."""
    owned = ctx.lexicon("attack", "owned")
    if not {obj.lemma_.lower(), obj.lower_, obj.lower_.removesuffix("s")} & owned:
        return []
    out: list[str] = []
    for c in obj.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < obj.i:
            st = ctx.demonym_state(c) if ctx.res.mention_at(c) is None else None
            if st is not None:
                out.append(st)
    return out


def on_a_site(ctx: ArticleContext, tok: Token) -> bool:
    """True when the noun ``tok`` is aimed at one military site, not a place: "an assault on
    a Ugandan army base" (one of ``events.capture.sites``; "an assault on Houthi positions"
    is a push on many)."""
    sites = ctx.lexicon("capture", "sites") - {"village", "hamlet"}
    aims = ctx.prep_objects(tok, {"on", "against"})
    return any(
        o.lemma_.lower() in sites and o.tag_ == "NN" and ctx.res.place_at(o) is None for o in aims
    )


def targeted_subject(ctx: ArticleContext, tok: Token) -> tuple[Token | None, list[Token]]:
    """The subject an event noun ``tok`` is the target of ("P has been the target of a
    month-long offensive", "P became the focus of attacks by X": ``offensive.target_nouns``),
    with the objects of the "by" phrase the parser may hang on the target noun; (None, []) for
    any other noun, or under a negation or modal ("P could become the target of ...").

    Parameters
    ----------
    ctx : ArticleContext
        The article.
    tok : Token
        An offensive or attack noun.

    Returns
    -------
    tuple of (Token or None, list of Token)
        The subject of the clause, and the "by" objects of the target noun.
    """
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of":
        return None, []
    noun = prep.head
    verb = noun.head
    if noun.lemma_ not in ctx.lexicon("offensive", "target_nouns") or noun.dep_ != "attr":
        return None, []
    if ctx.negated(verb) or ctx.unreal(verb):
        return None, []
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return (subj[0], ctx.prep_objects(noun, {"by"})) if subj else (None, [])


def target_actors(ctx: ArticleContext, objs: list[Token]) -> list[str]:
    """The actors a strike or attack on ``objs`` hits: those the phrases name ("Houthi
    positions", "the militia"), the state whose military things they are ("Armenian
    positions", "a Saudi warship"), or who held or used the sites ("facilities used by X")."""
    out = [a for o in objs for a in ctx.res.actors_at(o) or owner_states(ctx, o)]
    # "an attack on government-held Aleppo": who holds the place hit
    out += [
        a
        for o in objs
        for c in o.children
        if c.dep_ == "amod" and c.lower_ in ("held", "controlled", "occupied")
        for w in c.children
        if w.dep_ in ("npadvmod", "compound", "amod", "nmod")
        for a in ctx.word_actors(w)
    ]
    return list(dict.fromkeys(out + site_holders(ctx, objs)))


def figures_in(ctx: ArticleContext, toks: list[Token], default: str | None) -> dict[str, int]:
    """Numbers stated for people or fighters among ``toks``, named by the verb nearby."""
    people = set(ctx.rules["figures"]["people"])
    fighters = set(ctx.rules["figures"]["fighters"])
    verb_fig: dict[str, str] = ctx.rules["figures"]["verb_figure"]
    out: dict[str, int] = {}
    for t in toks:
        n = number_value(t)
        if n is None or t.dep_ not in ("nummod", "quantmod", "compound", "pobj", "dobj", "nsubj"):
            continue
        noun = t.head if t.dep_ in ("nummod", "quantmod", "compound") else t
        while noun.dep_ in ("nummod", "quantmod") and noun.head.i != noun.i:
            noun = noun.head
        low = noun.lower_
        # "1.4 million Lebanese": a people's noun counts people too
        nation = (
            noun.is_title
            and noun.pos_ in ("NOUN", "PROPN")
            and bool(ctx.res.gaz.by_demonym(noun.text))
        )
        if low in fighters:
            kind = "fighters"
        elif low in people or nation:
            kind = default or ""
            for anc in [noun, *noun.ancestors]:
                if anc.lemma_ in verb_fig:
                    kind = verb_fig[anc.lemma_]
                    break
            for c in noun.head.children if noun.head.i != noun.i else []:
                if c.lemma_ in verb_fig and not kind:
                    kind = verb_fig[c.lemma_]
            # "left 90 people dead": the word beside the noun says what they are
            said = [verb_fig[c.lower_] for c in noun.children if c.lower_ in verb_fig]
            kind = said[0] if said else kind
        else:
            continue
        if kind and kind not in out:
            out[kind] = n
    return out


def airstrike_at(
    ctx: ArticleContext,
    sent: Span,
    verb: Token,
    agents: list[str],
    targets: list[str],
    place: str | None,
) -> Found:
    """The airstrike a striking verb states, its doers the aircraft's owners ("US and
    British jets struck X targets in P", "the Israeli Air Force struck P"): method
    airstrike, explicit when it names its targets."""
    f = make_event(
        ctx, sent, "Airstrike", "airstrike", verb, agents=agents, targets=targets, place=place
    )
    return Found(f, verb.i, explicit_target=bool(targets))


def air_verb(ctx: ArticleContext, verb: Token) -> bool:
    """True when aircraft doing ``verb`` strike (``events.airstrike.air_verbs``): "bombed",
    "struck", and the light verbs only with a strike for object ("carried out raids on P",
    "dropped bombs on P", "launched missiles at P"), not "helicopters carried troops to P",
    "planes dropped aid over P", "the jets launched from a base near P"
    (``light_verbs``, ``light_objects``).

    >>> # "Russian jets carried out strikes near Idlib": True; "... carried troops": False
    """
    if verb.lemma_ not in ctx.lexicon("airstrike", "air_verbs"):
        return False
    if verb.lemma_ not in ctx.lexicon("airstrike", "light_verbs"):
        return True
    aims = ctx.lexicon("airstrike", "light_objects")
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [c for o in objs for c in o.conjuncts]
    # "carried out dozens of strikes": the count's noun
    objs += [g for o in objs for p in o.children if p.lower_ == "of" for g in p.children]
    return any(o.lemma_.lower() in aims or o.lower_ in aims for o in objs)
