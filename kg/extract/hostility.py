"""Hostility, enmity and control stated by nouns rather than verbs.

The words are the ``hostility`` entry of ``rules.yaml``:

- **war-with**: "X's war with Y", "X, armed in the fight against Y", "X intervened against
  Y", "X helped Y against Z" (fights);
- **x-y-war**: "the Israel-Hamas war", "the Russia-Ukraine conflict" (fights);
- **under-fire**: "X came under fire from Y" (fights);
- **exchanged-fire**: "X traded fire with Y", "X and Y exchanged fire" (fights);
- **clashes-with**: "X suffered losses in clashes with Y", "X were locked in fighting with Y",
  "X have been engaged with Y" (fights);
- **enemies**: "X and Y remain bitter enemies", "X, a sworn enemy of Y", "X threatened Y"
  (tension: enmity without fighting);
- **under-control**: "P came under X control", "P is under the control of X", "X, in control
  of P" (controls);
- **help-fight**: "X sent troops to help Y defeat Z" (X backs or is allied with Y; X fights
  Z);
- **blamed-for**: "X blamed Y for the rocket attack that killed an American contractor" (Y
  fights X, hedged: an accusation);
- **mutual-fight**: "X and Y have been fighting", "X and Y clashed", "X and Y are at war"
  (fights: the two sides of a coordinated subject);
- **taken-from**: "X retook two towns from Y", "X drove Y from P", "X pushed back Y", "X seized
  the Ukrainian city of P" (fights: taking a place from its holder, named or not).

A stated risk ("the potential for war with Y"), a negation or a past ("once", "former")
gives nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.affiliation import person_at
from kg.extract.backedwars import backed_in_war
from kg.extract.context import ArticleContext, exchanged, one_per_side, pairs
from kg.extract.gates import needs
from kg.extract.homelands import insurgency
from kg.extract.phrase import owner_modifiers, subject_verb
from kg.extract.sponsorship import support_kind
from kg.extract.underfire import figurative
from kg.extract.warwords import at_or_gone_to, over_words, war_phrase
from kg.model import ARMED_CLASSES, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES", "modifier_actors", "opposition_word", "owners_of_thing"]


def _owners(ctx: ArticleContext, tok: Token, doing: frozenset[str] | None = None) -> list[str]:
    """Whose war a noun names: "X's war", "X war", "the offensive by X", else the subject of
    its clause (only of a verb of ``doing`` when given: "X carried out attacks on Y")."""
    out: list[str] = []
    pronoun = False
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod"):
            pronoun = pronoun or c.pos_ == "PRON"
            if c.pos_ != "PRON":  # "Israeli strikes on Y": a demonym's state
                out += ctx.res.actors_at(c, conj=False) or (
                    ctx.word_actors(c) if c.dep_ == "amod" else []
                )
    out += [a for o in ctx.prep_objects(tok, {"by"}) for a in ctx.res.actors_at(o)]
    if out:
        return out
    t = tok
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    if doing is not None and (t.lemma_ not in doing or not _done_object(tok, t)):
        return []
    if pronoun:
        client = backed_in_war(ctx, tok, t)
        if client:
            return client
    subj = ctx.subject_actors(t) if t.pos_ in ("VERB", "AUX") else []
    if not subj and pronoun:  # "its war with Y" with no subject: the pronoun's antecedent
        subj = [a for c in tok.children if c.dep_ == "poss" for a in ctx.res.actors_at(c)]
    return subj


def owners_of_thing(ctx: ArticleContext, obj: Token) -> list[str]:
    """Whose thing or people an object names: "a convoy of Ugandan troops", "a Hezbollah
    commander", "insurgents from the Maute group" (a role or unit noun of
    ``hostility.member_things`` with an armed actor before it or after "of" / "from"; never a
    person)."""
    if obj.lemma_.lower() not in ctx.rules["hostility"]["member_things"]:
        return []
    toks = [c for c in obj.children if c.dep_ in ("compound", "amod", "poss") and c.i < obj.i]
    toks += ctx.prep_objects(obj, {"of", "from"})
    out = [a for t in toks for a in ctx.res.actors_at(t, conj=False)]
    return [a for a in dict.fromkeys(out) if ctx.actor_class(a) != "Person"]


def _done_object(noun: Token, verb: Token) -> bool:
    """True when ``noun`` is what ``verb`` does: its object ("carried out attacks"), or
    after "of" in it ("carried out dozens of attacks"); not "in response to attacks"."""
    if noun.dep_ == "dobj" and noun.head.i == verb.i:
        return True
    of = noun.head
    return (
        noun.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.dep_ == "dobj"
        and of.head.head.i == verb.i
    )


@needs("hostility.war_nouns", "hostility.attack_nouns", "hostility.against_verbs", "support.verbs")
def war_with(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X's war with Y", "armed in the fight against Y", "X intervened against Y"."""
    nouns = ctx.rule_words("hostility", "war_nouns")
    attacks = ctx.rule_words("hostility", "attack_nouns")
    doing = ctx.rule_words("hostility", "doing_verbs")
    verbs = ctx.rule_words("hostility", "against_verbs")
    helps = frozenset(ctx.rules["support"]["verbs"])
    joint = ctx.rule_words("pacts", "joint_words")
    for tok in ctx.tokens(sent):
        is_attack = tok.pos_ == "NOUN" and tok.lower_ in attacks
        is_noun = tok.pos_ == "NOUN" and (tok.lemma_ in nouns or is_attack)
        is_verb = tok.pos_ == "VERB" and tok.lemma_ in verbs
        is_help = tok.pos_ == "VERB" and tok.lemma_ in helps
        if not (is_noun or is_verb or is_help) or ctx.negated(tok) or ctx.is_risk(tok):
            continue
        clause = _clause_verb(tok)
        if clause is not None and (ctx.unreal(clause) or ctx.negated(clause)):
            continue  # "X could launch an assault against Y", "X might go to war with Y"
        preps = (
            {"against"}
            if is_help
            else {"with", "against", "on"}
            if is_noun
            else {"with", "against"}
        )
        if is_verb and ctx.prep_objects(tok, {"against"}):
            preps = {"against"}  # "fought with Y against Z": Y a companion
        if is_noun and war_phrase(tok) and over_words(tok):
            continue  # "X is at war with Y over trade": words, no fight
        holders = [tok]
        if is_noun and at_or_gone_to(tok):
            holders.append(tok.head.head)  # "X has been at war with Y", "X went to war with Y"
        if is_noun and any(c.lower_ in joint for c in tok.children):
            preps = preps - {"with"}  # "a joint offensive with Y": Y a partner (joint-action)
        enemies = [
            a
            for h in holders
            for o in ctx.prep_objects(h, preps)
            for a in ctx.res.actors_at(o) or owners_of_thing(ctx, o)
        ]
        if not enemies and is_noun and tok.dep_ == "dobj" and tok.head.lemma_ in doing:
            # "X began their assault against Y": the parser hangs "against" on the verb
            enemies = [
                a
                for o in ctx.prep_objects(tok.head, {"against"})
                for a in ctx.res.actors_at(o) or owners_of_thing(ctx, o)
            ]
        if not enemies:
            continue
        if is_attack and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "for"):
            continue  # "in retaliation for attacks on Y", "killed in attacks on Y": no doer
        if is_noun and tok.dep_ == "pobj" and tok.head.lower_ == "including":
            whole = tok.head.head  # "an offensive including air strikes against Y": its doers
            above = _clause_verb(whole)
            if above is not None and (ctx.unreal(above) or ctx.negated(above)):
                continue
            owners = _owners(ctx, whole, None if whole.lemma_ in nouns else doing)
        elif is_noun:
            owners = _owners(ctx, tok, doing if is_attack else None)
        else:
            owners = ctx.subject_actors(tok)
        if is_help:  # "X sent troops to help Y against Z": X and Y both fight Z
            owners += [a for o in tok.children if o.dep_ == "dobj" for a in ctx.res.actors_at(o)]
        for a in owners:
            for b in enemies:
                if not ctx.same_side(a, b):
                    yield ctx.relation(sent, "fights", a, b, "war-with", tok)


@needs("hostility.war_nouns", "hostility.clash_nouns", "hostility.avoid_verbs")
def x_y_war(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "the Israel-Hamas war", "the Russia-Ukraine conflict", "Hamas-Fatah clashes erupted",
    "Taliban-ISIS fighting" (``hostility.clash_nouns``: not "fears of Hamas-Fatah clashes",
    "to avoid X-Y clashes", "X-Y clashes could erupt", "denied X-Y clashes")."""
    wars = ctx.rule_words("hostility", "war_nouns")
    clashes = ctx.rule_words("hostility", "clash_nouns")
    doc = ctx.doc
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.i - 3 < sent.start:
            continue
        if tok.lemma_ not in wars and (tok.lower_ not in clashes or _unfought(ctx, tok)):
            continue
        a_tok, dash, b_tok = doc[tok.i - 3], doc[tok.i - 2], doc[tok.i - 1]
        if dash.text not in ("-", "–"):
            continue
        a, b = ctx.word_actors(a_tok), ctx.word_actors(b_tok)
        for x in a:
            for y in b:
                yield ctx.relation(sent, "fights", x, y, "x-y-war", tok)


def _unfought(ctx: ArticleContext, tok: Token) -> bool:
    """True when the clash noun ``tok`` states no fighting: negated, denied, a risk ("fears
    of clashes"), or its clause's verb unreal, negated or of avoiding ("to avert clashes")."""
    if ctx.negated(tok) or ctx.denied(tok) or ctx.is_risk(tok):
        return True
    verb = _clause_verb(tok)
    if verb is None:
        return False
    if ctx.unreal(verb) or ctx.negated(verb):
        return True
    avoid = ctx.rule_words("hostility", "avoid_verbs")
    return any(t.lemma_ in avoid for t in [verb, *verb.ancestors][:3])


@needs(words=("come",))
def under_fire(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X came under fire from Y", "X have come under attack by Y": Y fights X; not when the
    phrase is figurative (:func:`kg.extract.underfire.figurative`: blame, an unarmed side)."""
    nouns = ctx.rule_words("hostility", "under_fire_nouns")
    for tok in ctx.tokens(sent):
        if tok.lemma_ != "come" or ctx.negated(tok) or ctx.unreal(tok):
            continue
        hits = [o for o in ctx.prep_objects(tok, {"under"}) if o.lemma_ in nouns]
        if not hits:
            continue
        by = [o for h in hits for o in ctx.prep_objects(h, {"from", "by"})]
        by += ctx.prep_objects(tok, {"from", "by"})
        attackers = [a for o in by for a in ctx.res.actors_at(o)]
        if any(figurative(ctx, h, attackers) for h in hits):
            continue  # "came under fire from the US over the offensive": blame, no fighting
        for victim in ctx.subject_actors(tok):
            for a in attackers:
                yield ctx.relation(sent, "fights", a, victim, "under-fire", tok)


@needs("hostility.exchange_verbs")
def exchanged_fire(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X traded fire with Y", "X and Y exchanged fire": both fight."""
    nouns = ctx.rule_words("hostility", "exchanged_nouns")
    for tok, a, b in exchanged(ctx, sent, nouns):
        yield ctx.relation(sent, "fights", a, b, "exchanged-fire", tok)


@needs("hostility.enemy_nouns", "hostility.threat_verbs")
def enemies(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X and Y remain bitter enemies", "X, a sworn enemy of Y", "X threatened Y"."""
    nouns = ctx.rule_words("hostility", "enemy_nouns")
    verbs = ctx.rule_words("hostility", "threat_verbs")
    for tok in ctx.tokens(sent):
        enemy = tok.pos_ == "NOUN" and tok.lemma_ in nouns
        if not (enemy or (tok.pos_ == "VERB" and tok.lemma_ in verbs)) or ctx.negated(tok):
            continue
        if any(c.lower_ in ("former", "onetime", "ex") for c in tok.children):
            continue  # "Hamas's former rival, Fatah"
        if enemy:
            others = [a for o in ctx.prep_objects(tok, {"of", "to"}) for a in ctx.res.actors_at(o)]
            others += [a for c in tok.children if c.dep_ == "poss" for a in ctx.word_actors(c)]
            subjects: list[str] = []
            if any(c.dep_ == "appos" for c in tok.children):  # "X's rival, Y, said"
                subjects = [a for c in tok.children if c.dep_ == "appos" for a in _named(ctx, c)]
            elif tok.dep_ in ("attr", "oprd", "acomp"):
                subjects = ctx.subject_actors(tok.head)
            elif tok.dep_ == "appos":
                subjects = ctx.res.actors_at(tok.head, conj=False)
            if not others:  # "X and Y remain enemies"
                for a, b in pairs(subjects):
                    yield ctx.relation(sent, "tensionWith", a, b, "enemies", tok)
            for a in subjects:
                for b in others:
                    yield ctx.relation(sent, "tensionWith", a, b, "enemies", tok)
        else:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            targets = [a for o in objs for a in ctx.res.actors_at(o)]
            for a in ctx.subject_actors(tok):
                for b in targets:
                    yield ctx.relation(sent, "tensionWith", a, b, "enemies", tok)


def _named(ctx: ArticleContext, tok: Token) -> list[str]:
    """Actors an apposition names, its person's name read as a person ("Colonel P")."""
    return ctx.res.actors_at(tok, conj=False) or [p for p in [person_at(ctx, tok)] if p]


def opposition_word(ctx: ArticleContext, word: Token) -> str | None:
    """Whom "rebel" or "opposition" before "-held" means: the group the article calls rebels,
    else the opposition of the country in context ("rebel-held parts of Aleppo")."""
    if word.lower_ not in ctx.rules["opposition"]:
        return None
    rebels = coref.salient_rebels(ctx.res, word.i)
    if rebels is not None:
        return rebels
    country = coref.context_country(ctx.res, word)
    st = ctx.res.entry(country, "actor") if country else None
    if st is None:
        return None
    name = f"{ctx.res.adjective(st)} opposition"
    ctx.res.ensure_actor(name, "ArmedGroup", "head-noun")
    return name


def modifier_actors(ctx: ArticleContext, noun: Token) -> list[str]:
    """Actors the words before ``noun`` name: "the Taliban's", "M23", "Russian", "rebel" (the
    opposition of the country in context: :func:`opposition_word`)."""
    return [
        a
        for c in owner_modifiers(noun)
        for a in ctx.word_actors(c) or [o for o in [opposition_word(ctx, c)] if o]
    ]


def _losers(ctx: ArticleContext, tok: Token, expel: bool) -> list[str]:
    """Whom a capture or expulsion verb takes from: "from Y" of a capture ("took P from Y"),
    the object of an expulsion with "from", "away from", "out" or "back" ("drove Y from P",
    "pushed Y away from P", "pushed Y back"); a country named as a place ("from Turkey",
    where they came from) is no loser."""
    froms = ctx.prep_objects(tok, {"from"})
    froms += [  # "retook the town from Y", where the parser hangs "from" on the place
        f for o in tok.children if o.dep_ == "dobj" for f in ctx.prep_objects(o, {"from"})
    ]
    out = [
        a
        for o in froms
        if not ((m := ctx.res.mention_at(o)) is not None and m.country_name)
        for a in ctx.res.actors_at(o)
    ]
    away = [c for c in tok.children if c.lower_ == "away" and ctx.prep_objects(c, {"from"})]
    if expel and (froms or away or any(c.lower_ in ("out", "back") for c in tok.children)):
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        deps = ("nsubjpass",) if passive else ("dobj",)
        out = [a for c in tok.children if c.dep_ in deps for a in ctx.res.actors_at(c)]
    return out


def _overrun(ctx: ArticleContext, tok: Token) -> list[str]:
    """Armed actors taken or overrun themselves: "M23 overran UN peacekeepers" (not a country
    named as a place: "seized Syria" is no actor seized)."""
    out: list[str] = []
    for o in tok.children:
        m = ctx.res.mention_at(o)
        if o.dep_ != "dobj" or o.tag_ in ("WDT", "WP") or (m is not None and m.country_name):
            continue  # "the cities which X took": a place, not whom
        out += [a for a in ctx.res.actors_at(o) if ctx.actor_class(a) != "Person"]
    return out


def _state_of_place(ctx: ArticleContext, tok: Token) -> list[str]:
    """The state a demonym before a taken place names ("seized the Ukrainian city of P"),
    when the article has that state or its forces act elsewhere ("Ukrainian officials
    said"): else the demonym only says where the place lies ("the Syrian border town")."""
    places = ctx.rule_words("hostility", "taken_places")
    out: list[str] = []
    for o in tok.children:
        if o.dep_ != "dobj" or o.lemma_.lower() not in places:
            continue
        for c in o.children:
            if c.dep_ not in ("amod", "compound") or c.i > o.i or ctx.res.mention_at(c):
                continue
            st = ctx.res.gaz.by_demonym(c.text)
            if st is not None and _acts_elsewhere(ctx, st.name, c.i):
                out += [s for s in [ctx.demonym_state(c)] if s]
    return out


def _acts_elsewhere(ctx: ArticleContext, state: str, skip: int) -> bool:
    """True when a mention other than the word at ``skip`` names ``state`` or its forces
    acting (as an actor, not a place)."""
    return any(
        m.kind == "actor"
        and not m.start <= skip < m.end
        and (m.key == state or ctx.same_side(m.key, state))
        for m in ctx.res.mentions
    )


def _is_place(ctx: ArticleContext, tok: Token) -> bool:
    """True when a place is named at ``tok`` (no reference resolved: nothing is recorded)."""
    m = ctx.res.mention_at(tok)
    return m is not None and m.kind == "place"


def _lost_to(ctx: ArticleContext, sent: Span, tok: Token) -> Iterator[RelationFact | None]:
    """ "X lost the town to Y", "X ceded ground to Y": Y fights X (a place or ground lost,
    not "lost men to disease")."""
    places = ctx.rule_words("hostility", "taken_places") | {"ground", "territory", "control"}
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if not any(_is_place(ctx, o) or o.lemma_.lower() in places for o in objs):
        return
    gainers = [  # "to X and their allies": X took it
        a for o in ctx.prep_objects(tok, {"to"}) for a in ctx.res.actors_at(o, principal=True)
    ]
    for a in ctx.subject_actors(tok):
        for b in gainers:
            if not ctx.same_side(a, b):
                yield ctx.relation(sent, "fights", b, a, "taken-from", tok)


@needs("events.capture.verbs", "events.capture.expel_verbs", "events.capture.lose_verbs")
def taken_from(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X retook two towns from Y", "X drove Y from P", "X seized the Ukrainian city of P":
    taking ground from someone is fighting them, whether or not the place is named; so is
    helping with arms ("X seized P with the support of Russian airborne units")."""
    takes = ctx.lexicon("capture", "verbs") - ctx.lexicon("capture", "weak")
    retakes = ctx.lexicon("capture", "retake_verbs")
    expels = ctx.lexicon("capture", "expel_verbs")
    loses = ctx.lexicon("capture", "lose_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in takes | expels | loses:
            continue
        if ctx.negated(tok) or ctx.unreal(tok) or ctx.is_risk(tok):
            continue
        if tok.lemma_ in loses:  # "X lost the town to Y": Y took it from X
            yield from _lost_to(ctx, sent, tok)
            continue
        losers = _losers(ctx, tok, tok.lemma_ in expels)
        if not losers and tok.lemma_ in takes - retakes:
            losers = _overrun(ctx, tok) or _state_of_place(ctx, tok)
        if not losers and tok.lemma_ in retakes:
            losers = _took_it_first(ctx, tok)  # "X retook P after Y gained control of it"
        if not losers:
            continue
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        doers = ctx.passive_agents(tok) if passive else ctx.subject_actors(tok)
        doers += [] if passive else _armed_support(ctx, tok)
        for a in doers:
            for b in losers:
                if not ctx.same_side(a, b):
                    yield ctx.relation(sent, "fights", a, b, "taken-from", tok)
        sides = one_per_side((a for a in doers if a not in losers), ctx.same_side)
        for a, b in pairs(sides):  # "soldiers from Chad and Niger retook P from Y"
            yield ctx.relation(sent, "alliedWith", a, b, "co-fighters", tok)


def _took_it_first(ctx: ArticleContext, verb: Token) -> list[str]:
    """Who had taken what a retaking verb takes back: the subject of a clause of taking joined
    to it by "after" / "when" ("X recaptured the base after Y had seized it", "... once Y won
    control of it"; ``give_way_marks``)."""
    marks = ctx.rule_words("hostility", "give_way_marks")
    takes = ctx.lexicon("capture", "verbs") | {"gain", "take", "seize", "win"}
    out: list[str] = []
    for c in verb.children:
        if c.dep_ != "advcl" or c.lemma_ not in takes or ctx.negated(c) or ctx.unreal(c):
            continue
        if any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
            out += ctx.subject_actors(c)
    return out


def _armed_support(ctx: ArticleContext, verb: Token) -> list[str]:
    """Armed actors who helped a taking verb's subject do it, and so fight the loser too: "X,
    seized P with the support of Russian airborne units", "X, backed by Y fighters, took P"
    (``sponsorship.nouns`` after "with", ``support.participles``); a state that only backs
    is no fighter."""
    helps = ctx.rules["sponsorship"]["nouns"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    found = [
        a
        for t in (verb, *subjects)  # "X, with the support of Y, seized P", however hung
        for o in ctx.prep_objects(t, {"with"})
        if o.lower_ in helps
        for a in [
            *(x for p in ctx.prep_objects(o, {"of", "from"}) for x in ctx.res.actors_at(p)),
            *(x for c in o.children if c.dep_ == "poss" for x in ctx.res.actors_at(c)),
        ]
    ]
    parts = set(ctx.rules["support"]["participles"])
    for subj in subjects:
        for c in subj.children:
            if c.lower_ in parts and c.dep_ in ("acl", "relcl", "amod"):
                found += ctx.passive_agents(c)
    return [a for a in dict.fromkeys(found) if ctx.actor_class(a) in ARMED_CLASSES]


def _not_done(ctx: ArticleContext, tok: Token) -> bool:
    """True when a verb, or the verb whose purpose it is ("did not send troops to help"),
    is negated, modal or past."""
    verbs = [tok, tok.head] if tok.dep_ in ("advcl", "xcomp") else [tok]
    return any(ctx.negated(v) or ctx.unreal(v) for v in verbs)


@needs("support.verbs")
def help_fight(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Chad sent troops to help Nigeria defeat Boko Haram": the helper supports the helped
    (``backs`` for a state, else ``alliedWith``) and fights whom they fight (only with an
    enemy named: "helped Y retake P" may be no more than advice)."""
    helps = frozenset(ctx.rules["support"]["verbs"])
    acts = ctx.rule_words("hostility", "help_to_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in helps or _not_done(ctx, tok):
            continue
        for act in tok.children:
            if act.dep_ not in ("ccomp", "xcomp") or act.lemma_ not in acts:
                continue
            whom = [c for c in act.children if c.dep_ == "nsubj"]
            whom += [c for c in tok.children if c.dep_ == "dobj"]
            helped = [a for c in whom for a in ctx.res.actors_at(c)]
            if not helped:
                continue
            objs = [c for c in act.children if c.dep_ == "dobj"]
            enemies = [a for o in objs for a in ctx.res.actors_at(o)]
            if not enemies:
                continue
            for h in ctx.subject_actors(tok):
                for y in helped:
                    if not ctx.same_side(h, y):
                        kind = support_kind(ctx, h, tok.lemma_)
                        yield ctx.relation(sent, kind, h, y, "help-fight", tok)
                for z in enemies:
                    if z not in helped:
                        yield ctx.relation(sent, "fights", h, z, "help-fight", tok)


@needs("hostility.blame_verbs")
def blamed_for(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "The US blamed Kataib Hezbollah for the rocket attack", "X accused Y of the attack on
    its troops": the accused fights the accuser, hedged (an accusation, not a finding)."""
    verbs = ctx.rule_words("hostility", "blame_verbs")
    attacks = ctx.lexicon("attack", "nouns") | ctx.lexicon("airstrike", "nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or _not_done(ctx, tok):
            continue
        acts = ctx.prep_objects(tok, {"for", "of"})
        if not any(a.lemma_.lower() in attacks or a.lower_ in attacks for a in acts):
            continue
        accused = [a for c in tok.children if c.dep_ == "dobj" for a in ctx.res.actors_at(c)]
        for x in ctx.subject_actors(tok):
            for y in accused:
                if not ctx.same_side(x, y):
                    yield RelationFact("fights", y, x, ctx.evidence(sent, "blamed-for", True))


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a word hangs in (itself when it is a verb)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


@needs("hostility.clash_nouns", words=("engage",))
def clashes_with(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X suffered casualties in clashes with Y", "X were locked in heavy fighting with Y",
    "three X soldiers were killed in clashes with Y", "X's skirmishes with Y", "X have been
    engaged with Y": X fights Y (``hostility.clash_nouns``; the noun's owner, else the
    subject of its clause, a passive's included). Not "X denied clashes with Y", "to avoid
    clashes with Y", "the risk of clashes with Y", "X could face fighting with Y"."""
    nouns = ctx.rule_words("hostility", "clash_nouns")
    avoid = ctx.rule_words("hostility", "avoid_verbs")
    for tok in ctx.tokens(sent):
        engaged = tok.lemma_ == "engage" and tok.tag_ == "VBN"
        if not engaged and (tok.pos_ != "NOUN" or tok.lower_ not in nouns):
            continue
        if ctx.negated(tok) or ctx.denied(tok) or ctx.is_risk(tok):
            continue
        enemies = [a for o in ctx.prep_objects(tok, {"with"}) for a in ctx.res.actors_at(o)]
        verb = _clause_verb(tok)
        if not enemies or verb is None or ctx.unreal(verb) or ctx.negated(verb):
            continue
        if any(t.lemma_ in avoid for t in [verb, *verb.ancestors][:3]):
            continue
        sides = [] if engaged else _owners(ctx, tok)
        if not sides:
            sides = [
                a
                for c in subject_verb(verb).children  # "X were killed and N wounded in"
                if c.dep_ in ("nsubj", "nsubjpass")
                for a in ctx.res.actors_at(c, principal=True)
            ]
        for a in dict.fromkeys(sides):
            for b in enemies:
                if not ctx.same_side(a, b):
                    yield ctx.relation(sent, "fights", a, b, "clashes-with", tok)


def _fight_clause(ctx: ArticleContext, tok: Token) -> tuple[Token, bool] | None:
    """The verb whose subject names the two sides of a fight ``tok`` states, and whether the
    words alone make it mutual: a reciprocal verb ("clashed", ``hostility.mutual_verbs``) or
    "at war"; None for no fight word."""
    if tok.pos_ == "VERB" and tok.lemma_ in ctx.rule_words("hostility", "fight_each_verbs"):
        return tok, tok.lemma_ in ctx.rule_words("hostility", "mutual_verbs")
    if tok.lemma_ == "war" and at_or_gone_to(tok):
        verb = tok.head.head  # "X and Y are at war", "have been at war", "went to war"
        if verb.pos_ in ("VERB", "AUX") and not ctx.prep_objects(tok, {"with"}):
            return verb, True
    return None


def _each_other(ctx: ArticleContext, verb: Token) -> bool:
    """True when words on ``verb`` make its two subjects enemies: "each other", "one
    another", "for control of P", "fought over P", "fought a war" (``mutual_objects``)."""
    for t in verb.subtree:
        if t.lower_ == "other" and t.i > 0 and ctx.doc[t.i - 1].lower_ in ("each", "one"):
            return True
        if t.lower_ == "another" and t.i > 0 and ctx.doc[t.i - 1].lower_ == "one":
            return True
    for c in verb.children:  # "X and Y fought a war over P" (not "a battle against Z")
        enemy = ctx.prep_objects(c, {"against", "with", "on", "alongside"})
        if (
            c.dep_ == "dobj"
            and c.lemma_ in ctx.rule_words("hostility", "mutual_objects")
            and not enemy
        ):
            return True
    over = ctx.prep_objects(verb, {"over"})  # "X and Y fought over P"
    return bool(over) or any(o.lemma_ == "control" for o in ctx.prep_objects(verb, {"for"}))


def _sides(ctx: ArticleContext, subj: Token) -> list[str]:
    """The actors a coordinated subject names ("X and Y", "soldiers and rebels", "X and
    Somali forces" however the parser joins them), each once; none without "and". Words of
    a clause, apposition or phrase inside the subject are not read."""
    found: list[str] = []
    coordinated = False
    todo = [subj]
    while todo:
        t = todo.pop()
        coordinated = coordinated or (t.dep_ == "cc" and t.lower_ == "and")
        found += ctx.res.actors_at(t, conj=False) or [o for o in [opposition_word(ctx, t)] if o]
        todo += [
            c
            for c in t.children
            if c.dep_ not in ("relcl", "acl", "prep", "appos", "advcl") or c.lower_ == "of"
        ]
    return list(dict.fromkeys(found)) if coordinated else []


@needs("hostility.fight_each_verbs", words=("war",))
def fought_each_other(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X and Y have been fighting for weeks", "X and Y clashed in P", "soldiers and rebels
    fought house-to-house", "X and Y fought for control of P", "X and Y are at war": the
    sides of a coordinated subject fight each other. A verb that is not reciprocal by itself
    ("fight", "battle") needs "each other" or "for control of", or a state's side and a
    non-state group of that country (the article's allies are dropped later: ``friend_vetoed``);
    not with an object or an enemy ("X and Y fought Z", "fought against Z", "fought
    together"), nor negated or past ("once fought"); a modal or feared one is tension
    ("officials fear X and Y could clash": feared-fight)."""
    for tok in ctx.tokens(sent):
        found = _fight_clause(ctx, tok)
        if found is None:
            continue
        verb, mutual = found
        feared = _feared(ctx, verb)  # "X and Y could clash": a stated risk, tension
        if (
            ctx.negated(verb)
            or ctx.denied(verb)
            or (not feared and (ctx.unreal(verb) or ctx.is_risk(verb)))
        ):
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
        if any(
            o.lemma_ not in ctx.rule_words("hostility", "fought_objects") for o in objs
        ) or ctx.prep_objects(tok, {"against", "with", "alongside", "beside"}):
            continue  # "X and Y fought Z"; not "fought house-to-house", "fought a battle"
        if any(c.lower_ in ("together", "jointly", "alongside") for c in tok.children):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        sides = _sides(ctx, subj) if subj is not None else []
        mutual = mutual or _each_other(ctx, tok)
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                if ctx.same_side(a, b) or not (mutual or insurgency(ctx, a, b)):
                    continue
                if feared:
                    yield ctx.relation(sent, "tensionWith", a, b, "feared-fight", tok)
                else:
                    yield ctx.relation(sent, "fights", a, b, "mutual-fight", tok)


def _feared(ctx: ArticleContext, verb: Token) -> bool:
    """True when a fight is only feared: a modal ("X and Y could clash", not "may have
    clashed") or a risk word ("fears that X and Y will fight")."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & {"have", "has", "had"}:
        return False
    return bool(aux & ctx.lexicon_of("modals")) or ctx.is_risk(verb)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    blamed_for,
    clashes_with,
    help_fight,
    taken_from,
    war_with,
    x_y_war,
    under_fire,
    exchanged_fire,
    enemies,
    fought_each_other,
)
