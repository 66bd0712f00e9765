"""Relationships between actors from the dependency parse: "clashes / tensions between X and
Y", "X attacked Y" and kin, membership ("the SDF, which include the YPG", "Y, part of X") and
titles ("Syrian President Bashar al-Assad": leads).

Each rule reads one sentence and returns :class:`~kg.model.RelationFact` values; the method
name recorded on each fact is the rule's name (see the ``confidence`` table in
``rules.yaml``). The patterns follow the parse, not word order. Backing said by compounds,
participles and verbs ("Y, backed by X") is :mod:`kg.extract.backing`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.backing import verb_objects
from kg.extract.context import ArticleContext, exchanged, one_per_side, pairs
from kg.extract.events import owner_states
from kg.extract.gates import needs
from kg.extract.hostility import modifier_actors, opposition_word, owners_of_thing
from kg.extract.memberships import compound_groups
from kg.extract.opposed import advance_word
from kg.extract.vocab import mention_words
from kg.extract.voice import voiced_objects
from kg.model import RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _cls(ctx: ArticleContext, actor: str) -> str:
    e = ctx.res.entry(actor, "actor")
    if e is not None:
        return e.cls
    ent = ctx.res.reg.entities.get(actor)
    return ent.cls if ent else "ArmedGroup"


def _strained_ties(ctx: ArticleContext, tok: Token) -> bool:
    """True for "relations" / "ties" said to be strained: "tense ties between X and Y",
    "relations between X and Y have soured" (``ties_nouns``, ``strain_words``)."""
    if tok.lower_ not in ctx.lexicon_of("ties_nouns"):
        return False
    strain = ctx.lexicon_of("strain_words")
    near = [*tok.children, tok.head, *tok.head.children]
    return any(t.lower_ in strain or t.lemma_ in strain for t in near if t.i != tok.i)


def _between_preps(tok: Token) -> list[Token]:
    """The "between" phrases a fight or tension noun names its sides with: its own ("clashes
    between X and Y"), or one on the verb it is the subject of or that describes it ("fighting
    erupted between X and Y", "the conflict, which began in 2023 between X and Y")."""
    holders = [tok]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
        holders.append(tok.head)
    holders += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    return [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "between"]


def _described_within(tok: Token, prep: Token) -> bool:
    """True when ``tok`` is inside a phrase that describes a side of ``prep``'s "between"
    rather than being one: "the army under General P", "the RSF loyal to P", "militias backed
    by Q", "forces allied with Q"."""
    t = tok
    while t.i != prep.i and t.head.i != t.i:
        if t.dep_ in ("amod", "acl", "relcl", "advcl"):
            return True
        if t.dep_ in ("prep", "agent") and t.lower_ in ("under", "to", "by", "with"):
            return True
        t = t.head
    return False


@needs(words=("between",))
def between(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "clashes between X and Y" (fights) vs "the potential for clashes between X and Y",
    "tensions between X and Y" (tension)."""
    fight = set(ctx.rules["fight_nouns"])
    tension = set(ctx.rules["tension_nouns"])
    for tok in ctx.tokens(sent):
        strained = _strained_ties(ctx, tok)
        if tok.lower_ not in fight | tension and tok.lemma_ not in fight | tension and not strained:
            continue
        for prep in _between_preps(tok):
            parties: list[str] = []
            for p in prep.subtree:
                if p.dep_ not in ("pobj", "conj", "nmod", "appos") and p.pos_ != "PRON":
                    continue
                if p.pos_ == "NOUN" and any(
                    c.dep_ == "appos" and ctx.res.actors_at(c, conj=False) for c in p.children
                ):
                    continue  # "between rival rebel factions X and Y": the class of X and Y
                within = _described_within(p, prep)
                for a in ctx.res.actors_at(p, conj=False):
                    if within and (p.dep_ != "conj" or ctx.actor_class(a) == "Person"):
                        continue  # "between X under P and Y loyal to Q": P and Q no sides
                    if a not in parties:
                        parties.append(a)
            if strained or tok.lower_ in tension or tok.lemma_ in tension or ctx.is_risk(tok):
                kind, method = "tensionWith", "tension-between"
            else:
                kind, method = "fights", "clashes-between"
            if ctx.negated(tok):
                continue
            for a, b in pairs(parties):
                if not ctx.same_side(a, b):  # a state's forces and its government: one side
                    yield ctx.relation(sent, kind, a, b, method, tok)


@needs("tension_nouns")
def tension_with(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Ethiopia's border dispute with Sudan", "X has been locked in a feud with Y", "X and Y
    have a long-running dispute" (``tension_nouns``): tension between the noun's owner, else
    its clause's subject under ``tension_holder_verbs`` (have, be, remain, locked: not "X and
    Y discussed the dispute between ..."), and the actor after "with" (or the two subjects:
    "X and Y have a dispute", "X and Y are locked in a border dispute");
    not negated, modal, past ("once had a dispute"), a stated risk, or ended
    (``tension_end_verbs``: "X and Y settled their dispute")."""
    nouns = ctx.lexicon_of("tension_nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lower_ not in nouns or ctx.negated(tok) or ctx.is_risk(tok):
            continue
        verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None and (ctx.unreal(verb) or ctx.negated(verb) or ctx.denied(verb)):
            continue
        if verb is not None and verb.lemma_ in ctx.lexicon_of("tension_end_verbs"):
            continue  # "X and Y settled their dispute"
        others = [a for o in ctx.prep_objects(tok, {"with"}) for a in ctx.res.actors_at(o)]
        owners = modifier_actors(ctx, tok)
        held = verb is not None and verb.lemma_ in ctx.lexicon_of("tension_holder_verbs")
        if not owners and held and verb is not None and tok.dep_ in ("dobj", "pobj", "attr"):
            owners = ctx.subject_actors(verb) or [  # "X has a dispute with Y"
                a for c in verb.children if c.dep_ == "nsubjpass" for a in ctx.res.actors_at(c)
            ]  # "X is locked in a feud with Y"
        mutual = tok.dep_ == "dobj" or (held and tok.dep_ == "pobj")  # "X and Y are locked in"
        found = pairs(dict.fromkeys(owners)) if not others and mutual else []
        found += [(a, b) for a in dict.fromkeys(owners) for b in dict.fromkeys(others)]
        for a, b in found:
            if a != b and not ctx.same_side(a, b):
                yield ctx.relation(sent, "tensionWith", a, b, "tension-with", tok)


def _clause_places(ctx: ArticleContext, verb: Token) -> list[str]:
    """The places ``verb``'s clause names: its object and the objects of the prepositions on
    the verb or its object ("withdrew its troops from P", "pulled out of P", "entered P")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    heads = list(objs)
    for t in (verb, *objs):
        for c in t.children:
            if c.dep_ in ("prep", "prt", "advmod"):
                heads += [g for g in c.children if g.dep_ == "pobj"]
                heads += [h for g in c.children if g.dep_ == "prep" for h in g.children]
    return ctx.res.places_in([h for h in heads if h.dep_ in ("dobj", "pobj")])


def _gave_way_to(ctx: ArticleContext, verb: Token) -> list[str]:
    """Who advanced as ``verb``'s subject gave way: the subject of a verb of taking or
    advancing joined to it by "as" / "after" / "when" ("Y withdrew as X advanced", "X entered
    P as Y fled"), or whose advance "in the face of" names ("retreated in the face of the
    HTS advance"). Not when the two clauses name two places ("withdrew from P as Y entered
    Q") or the advance takes power (``hostility.power_nouns``: "after the junta seized
    power")."""
    hostility = ctx.rules["hostility"]
    moves = ctx.lexicon("capture", "verbs") | ctx.lexicon("offensive", "verbs")
    marks = set(hostility["give_way_marks"])
    linked = [verb.head] if verb.dep_ == "advcl" else []
    linked += [c for c in verb.children if c.dep_ == "advcl"]
    out: list[str] = []
    power = set(hostility["power_nouns"])
    here = _clause_places(ctx, verb)
    for v in linked:
        timed = any(m.dep_ == "mark" and m.lower_ in marks for m in (*verb.children, *v.children))
        if any(c.dep_ == "dobj" and c.lower_ in power for c in v.children):
            continue  # "after the junta seized power"
        there = _clause_places(ctx, v)
        if here and there and not set(here) & set(there):
            continue  # "withdrew from Niger as the rebels entered Aden": two places
        if v.pos_ == "VERB" and v.lemma_ in moves and timed and not ctx.unreal(v):
            out += ctx.subject_actors(v)
    for face in ctx.prep_objects(verb, {"in"}):
        if face.lower_ == "face":  # "in the face of the HTS advance"
            out += _advancers(ctx, ctx.prep_objects(face, {"of"}))
    return out


@needs("hostility.give_way_verbs", "hostility.resistance_nouns")
def gave_way(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Congolese troops fled as M23 rebels entered Goma", "X captured P after Y withdrew",
    "Y retreated in the face of X's advance" (``hostility.give_way_verbs``, ``give_way_marks``),
    "X met stiff resistance from Y" (``resistance_nouns``): the two sides fight. Not negated
    or modal ("could withdraw if X advanced")."""
    hostility = ctx.rules["hostility"]
    give = set(hostility["give_way_verbs"])
    resist = set(hostility["resistance_nouns"])
    for tok in ctx.tokens(sent):
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        if tok.pos_ == "VERB" and tok.lemma_ in give:
            pairs_ = [(a, b) for b in ctx.subject_actors(tok) for a in _gave_way_to(ctx, tok)]
        elif tok.pos_ == "NOUN" and tok.lower_ in resist and tok.dep_ == "dobj":
            verb = tok.head
            if ctx.negated(verb) or ctx.unreal(verb):
                continue
            foes = [a for o in ctx.prep_objects(tok, {"from"}) for a in ctx.res.actors_at(o)]
            pairs_ = [(a, b) for a in ctx.subject_actors(verb) for b in foes]
        else:
            continue
        for a, b in dict.fromkeys(pairs_):
            if a != b and not ctx.same_side(a, b):
                yield ctx.relation(sent, "fights", a, b, "gave-way", tok)


def _repels(ctx: ArticleContext, tok: Token) -> bool:
    """ "held off", "beat back", "fended off" (``hostility.repel_phrasals``), or a verb of
    ``hostility.obstruct_verbs`` whose object is an advance ("halted the advance of Y")."""
    hostility = ctx.rules["hostility"]
    particles = hostility["repel_phrasals"].get(tok.lemma_, ())
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in tok.children):
        return True
    return tok.lemma_ in hostility["obstruct_verbs"] and any(
        c.dep_ == "dobj" and c.lower_ in hostility["advance_nouns"] for c in tok.children
    )


def _hyphen_holders(ctx: ArticleContext, obj: Token) -> list[str]:
    """Who holds a place the object names with "X-held" ("the rebel-held city of P",
    "Houthi-controlled Hodeidah", ``control_participles``; "the Ukrainian-held town of P":
    the demonym's state)."""
    doc = ctx.doc
    parts = ctx.lexicon_of("control_participles")
    out: list[str] = []
    for c in obj.children:
        if c.lower_ not in parts or c.i < 2 or doc[c.i - 1].text != "-":
            continue
        m = ctx.res.mention_at(doc[c.i - 2])
        holder = ctx.res.as_actor(m) if m is not None else opposition_word(ctx, doc[c.i - 2])
        if m is None and holder is None:
            holder = next(iter(ctx.word_actors(doc[c.i - 2])), None)
        out += [holder] if holder else []
    return out


def _advancers(ctx: ArticleContext, objs: list[Token]) -> list[str]:
    """Whose advance or assault an object names: "the advance of Y", "the rebels' advance",
    "an assault by Y"."""
    nouns = ctx.rules["hostility"]["advance_nouns"]
    out: list[str] = []
    for o in objs:
        if o.lower_ not in nouns and advance_word(ctx, o) is None:
            continue  # "Ukraine's counter-offensive", split in three by the parser
        out += [
            a
            for c in o.children
            if c.dep_ in ("poss", "compound", "amod")
            for a in ctx.word_actors(c) or [w for w in [opposition_word(ctx, c)] if w]
        ]
        out += [a for p in ctx.prep_objects(o, {"of", "by"}) for a in ctx.res.actors_at(p)]
    return list(dict.fromkeys(out))


def _risers(ctx: ArticleContext, objs: list[Token], verb: Token) -> list[str]:
    """Who rise in the insurgency an object of ``verb`` names (``hostility.rising_nouns``):
    "an insurgency by Y", "a rebellion led by Y", "the uprising of Y" (the parser may hang
    the "by" on the active verb)."""
    nouns = ctx.rule_words("hostility", "rising_nouns")
    out: list[str] = []
    for o in objs:
        if o.lower_ not in nouns:
            continue
        heads = [o, verb] if o.head.i == verb.i else [o]
        out += [a for h in heads for p in ctx.prep_objects(h, {"by"}) for a in ctx.res.actors_at(p)]
        out += [a for p in ctx.prep_objects(o, {"of"}) for a in ctx.res.actors_at(p)]
        led = ctx.rules["led_participles"]
        out += [
            a
            for c in o.children
            if c.dep_ == "acl" and c.lower_ in led
            for a in ctx.passive_agents(c)
        ]
    return list(dict.fromkeys(out))


@needs("fight_verbs", "hostility.repel_phrasals", "hostility.obstruct_verbs")
def hostile_verb(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X fought Y", "X attacked Y", "X clashed with Y", "P looks to squeeze Y", "X held off
    Y's assault", "X slowed the advance of Y"."""
    verbs = set(ctx.rules["fight_verbs"])
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or ctx.negated(tok):
            continue
        hostility = ctx.rules["hostility"]
        passive = tok.tag_ == "VBN" and voiced_objects(tok)[0]
        if passive and tok.lemma_ in hostility["obstruct_verbs"]:
            if not (ctx.is_risk(tok) or ctx.unreal(tok)):
                yield from _repelled_by(ctx, sent, tok)  # "Y's attack was thwarted by X"
            continue
        if passive and tok.lemma_ in verbs:
            if not (ctx.is_risk(tok) or ctx.unreal(tok)):
                yield from _attacked_by(ctx, sent, tok)  # "Y's soldiers were killed by X"
            continue
        if tok.lemma_ not in verbs and not _repels(ctx, tok):
            continue
        if ctx.is_risk(tok) or ctx.unreal(tok):  # "could attack Y"
            continue
        if tok.dep_ == "xcomp" and (ctx.unreal(tok.head) or ctx.negated(tok.head)):
            continue  # "could face fighting Y", "did not try to attack Y"
        if tok.lemma_ in ("kill", "assassinate") and not ctx.subject_actors(tok):
            continue  # "the drone killed three US soldiers": a casualty report's business
        objs = verb_objects(ctx, tok)
        objs += ctx.prep_objects(tok, {"against"})
        objs += [  # "combat what's left of Y"
            o
            for c in tok.children
            if c.dep_ == "ccomp"
            and c.lemma_ in ("leave", "remain")
            and any(w.lower_ == "what" for w in c.children)
            for o in ctx.prep_objects(c, {"of"})
        ]
        companions = _companions(ctx, tok)
        objs += [
            o
            for o in ctx.prep_objects(tok, {"with"})
            if _fought_with(ctx, tok, o) and o not in companions
        ]
        objs += [o for c in companions for o in ctx.prep_objects(c, {"against"})]
        targets = [a for o in objs for a in ctx.res.actors_at(o) or owner_states(ctx, o)]
        if not targets:  # "ambushed a convoy of Ugandan troops", "a Hezbollah commander"
            targets = [a for o in objs for a in owners_of_thing(ctx, o)]
        if not targets:  # "fighting jihadist groups such as JNIM", "... including X"
            targets = [a for o in objs for a in ctx.included(o)]
        if not targets:  # "slowed the rebels' advance", "halted the advance of Y"
            targets = _advancers(ctx, objs)
        if not targets and any(o.lower_ in hostility["advance_nouns"] for o in objs):
            # "thwarted an offensive by Y", the parser hanging "by" on the active verb
            targets = [a for o in ctx.prep_objects(tok, {"by"}) for a in ctx.res.actors_at(o)]
        if not targets:  # "fighting an insurgency by Y", "a rebellion led by Y"
            targets = _risers(ctx, objs, tok)
        if not targets:  # "shelled the rebel-held city of P": whoever holds it
            targets = [a for o in objs for a in _hyphen_holders(ctx, o)]
        if not targets and tok.lemma_ == "intercept":  # "intercepted Iranian missiles": Iran's
            targets = [
                a
                for o in objs
                for c in o.children
                if c.dep_ in ("amod", "compound", "poss") and c.i < o.i
                for a in ctx.word_actors(c)
            ]
            targets += [  # "intercepted missiles fired by Iran"
                a
                for o in objs
                for c in o.children
                if c.dep_ == "acl"
                for a in ctx.passive_agents(c)
            ]
        if not targets or passive:
            continue
        subjects = ctx.subject_actors(tok)
        if any(ctx.prep_objects(c, {"against"}) for c in companions):
            subjects += [a for c in companions for a in ctx.res.actors_at(c)]
        for s in dict.fromkeys(subjects):
            for t in targets:
                yield ctx.relation(sent, "fights", s, t, "hostile-verb", tok)
        yield from _co_fighters(ctx, sent, subjects, targets, tok)


def _attacked_by(ctx: ArticleContext, sent: Span, verb: Token) -> Iterator[RelationFact | None]:
    """ "Israeli soldiers were killed by Hamas fighters", "Y's convoy was ambushed by X": a
    passive verb of fighting whose subject names an armed actor, or its people or things
    (``hostility.member_things``), and whose "by" names the doer."""
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    victims = [a for c in subj for a in ctx.res.actors_at(c) or owners_of_thing(ctx, c)]
    victims = [v for v in victims if ctx.actor_class(v) != "Person"]
    for d in dict.fromkeys(ctx.passive_agents(verb)):
        for v in dict.fromkeys(victims):
            if not ctx.same_side(d, v):
                yield ctx.relation(sent, "fights", d, v, "hostile-verb", verb)


def _repelled_by(ctx: ArticleContext, sent: Span, verb: Token) -> Iterator[RelationFact | None]:
    """ "Y's attack was repelled by X", "the offensive by Y was thwarted by X (together with
    Z)": a passive verb of repelling (``hostility.obstruct_verbs``) whose subject is an
    advance noun; X (and Z) fight Y."""
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    attackers = _advancers(ctx, subj)
    doers = ctx.passive_agents(verb)
    doers += [a for c in _companions(ctx, verb) for a in ctx.res.actors_at(c)]
    for d in dict.fromkeys(doers):
        for a in attackers:
            if not ctx.same_side(a, d):
                yield ctx.relation(sent, "fights", d, a, "hostile-verb", verb)


def _companions(ctx: ArticleContext, verb: Token) -> list[Token]:
    """Those a verb of fighting says its subject fought beside: "X fought alongside Y", "X
    fought (together) with Y against Z" (``ally_preps``; "with" when "together" or an
    enemy "against" makes it a companion)."""
    jointly = ("together", "jointly")
    together = any(c.lower_ in jointly for c in verb.children)
    out = ctx.prep_objects(verb, ctx.lexicon_of("ally_preps"))
    for o in ctx.prep_objects(verb, {"with"}):
        near = together or any(c.lower_ in jointly for c in o.head.children)
        if near or ctx.prep_objects(o, {"against"}):
            out.append(o)
    return out


def _fought_with(ctx: ArticleContext, verb: Token, obj: Token) -> bool:
    """ "X clashed with Y": Y the enemy for a verb of fighting each other
    (``hostility.with_verbs``), not "X attacked ships in solidarity with Y"."""
    if verb.lemma_ not in ctx.rules["hostility"]["with_verbs"] or ctx.prep_objects(
        verb, {"against"}
    ):
        return False  # "fought with Y against Z": Y a companion
    before = ctx.doc[obj.head.i - 1] if obj.head.i > 0 else None
    return before is None or before.i == verb.i or before.pos_ != "NOUN"


def _co_fighters(
    ctx: ArticleContext, sent: Span, subjects: list[str], targets: list[str], tok: Token
) -> Iterator[RelationFact | None]:
    """ "X and Y repelled Z": two sides fighting one enemy together are allies (a state
    beside its own forces is one side, not two)."""
    sides = one_per_side((s for s in subjects if s not in targets), ctx.same_side)
    for a, b in pairs(sides):
        yield ctx.relation(sent, "alliedWith", a, b, "co-fighters", tok)


@needs("member_verbs")
def which_include(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X, which include(s) Y and Z", "X includes Y" and "X, a group that includes Y": Y and Z
    are members of X."""
    verbs = set(ctx.rules["member_verbs"])
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in verbs or tok.pos_ != "VERB":
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if not objs:
            continue
        members = ctx.res.actors_at(objs[0])
        orgs = ctx.subject_actors(tok)
        noun = tok.head
        if not orgs and tok.dep_ == "relcl" and noun.dep_ == "appos" and noun.pos_ == "NOUN":
            # "X, a group that includes Y": the name the described noun is set off after
            orgs = ctx.res.actors_at(noun.head, conj=False)
        for org in orgs:
            for m in members:
                yield ctx.relation(sent, "memberOf", m, org, "which-include", tok)


@needs("membership_nouns", "within_nouns", words=("one", "belong"))
def part_of(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Y, part of X", "Y is a member of X", "Y, a faction of X", "Y, one of the groups in
    X", "Y, an X affiliate in P", "Y, X's affiliate in the Sahel", "X's armed wing, Y",
    "X's wing in Syria, Y" (the name set off after the place), "Y, a group within X", "Y, the
    backbone of X", "Y belongs to X", "A, B and C, the member states of X", "X, whose members
    are A, B and C" (not negated or modal; ``membership_nouns``, ``within_nouns``)."""
    nouns = ctx.lexicon_of("membership_nouns")
    within_nouns = ctx.lexicon_of("within_nouns")
    for tok in ctx.tokens(sent):
        if tok.lemma_ == "belong" and tok.pos_ == "VERB":
            if not (ctx.negated(tok) or ctx.unreal(tok)):
                for o in [a for p in ctx.prep_objects(tok, {"to"}) for a in ctx.res.actors_at(p)]:
                    for m in ctx.subject_actors(tok):
                        yield _member(ctx, sent, m, o, tok)
            continue
        if _whose(tok):
            yield from _whose_members(ctx, sent, tok)
            continue
        one = tok.lower_ == "one" and tok.dep_ in ("appos", "attr")
        within = [
            a
            for o in ctx.prep_objects(tok, {"within"})
            for a in ctx.res.actors_at(o)
            if tok.lower_ in within_nouns and tok.pos_ == "NOUN"
        ]
        member_kind = any(c.dep_ == "compound" and c.lower_ == "member" for c in tok.children)
        if not (one or within or member_kind) and (tok.lower_ not in nouns or tok.pos_ != "NOUN"):
            continue  # ("A, B and C, the member states of X": member_kind)
        orgs = within or [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
        orgs = orgs or compound_groups(ctx, tok)  # "Y, an Islamic State affiliate in P"
        poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if not orgs and poss and not one:  # "X, Y's affiliate in the Sahel", "Y's armed wing, X"
            orgs = [a for c in poss for a in ctx.res.actors_at(c, conj=False)]
            named = [a for c in tok.children if c.dep_ == "appos" for a in ctx.res.actors_at(c)]
            # "X's wing in Syria, Y": the name set off after the place the noun is in
            named += [
                a
                for g in ctx.prep_objects(tok, {"in"})
                if ctx.res.place_at(g) is not None
                for c in g.children
                if c.dep_ == "appos"
                for a in ctx.res.actors_at(c)
            ]
            for m in named:
                for o in orgs:
                    yield _member(ctx, sent, m, o, tok)
        if not orgs and tok.lower_ == "one":  # "X, one of the groups in Y"
            orgs = [
                a
                for o in ctx.prep_objects(tok, {"of"})
                for g in ctx.prep_objects(o, {"in", "of", "within"})
                for a in ctx.res.actors_at(g)
            ]
        if not orgs or ctx.negated(tok) or ctx.unreal(tok):
            continue  # not "X is not a member of Y", "X, no longer part of Y"
        members: list[str] = []
        if tok.dep_ == "appos":  # "A, B and C, members of X": all three
            plural = tok.tag_ == "NNS"
            members = ctx.res.actors_at(tok.head, conj=plural)
            if plural:  # the parser may set "B and C" off after A as its apposition
                listed_ = [c for c in tok.head.children if c.dep_ == "appos" and c.i < tok.i]
                members += [a for c in listed_ for a in ctx.res.actors_at(c) if a not in members]
        elif tok.dep_ == "attr":
            members = ctx.subject_actors(tok.head)
        for m in members:
            for o in orgs:
                yield _member(ctx, sent, m, o, tok)


def _whose(tok: Token) -> bool:
    """True for "members" in "X, whose members are / include A and B"."""
    return (
        tok.lemma_ == "member"
        and tok.dep_ == "nsubj"
        and tok.head.dep_ == "relcl"
        and any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children)
    )


def _whose_members(ctx: ArticleContext, sent: Span, tok: Token) -> Iterator[RelationFact | None]:
    """ "The Alliance of Sahel States, whose members are Mali, Burkina Faso and Niger": the
    actors the verb's complement lists are members of the noun the clause describes."""
    verb = tok.head
    if ctx.negated(verb) or ctx.unreal(verb):
        return
    orgs = ctx.res.actors_at(verb.head, conj=False)
    listed_ = [c for c in verb.children if c.dep_ in ("attr", "dobj")]
    for m in dict.fromkeys(a for c in listed_ for a in ctx.res.actors_at(c)):
        for o in orgs:
            yield _member(ctx, sent, m, o, tok)


_GROUPS = (
    "ArmedGroup",
    "Coalition",
    "Militia",
    "ArmedForces",
    "TerroristOrganization",
    "InternationalOrganization",
)


def _member(ctx: ArticleContext, sent: Span, m: str, org: str, tok: Token) -> RelationFact | None:
    """``m`` memberOf ``org`` when ``org`` is a group one can belong to (not a state); for a
    kind named by its sponsor ("X, one of the Iran-backed militias"), the sponsor backs m."""
    if _cls(ctx, org) not in _GROUPS:
        return None
    sponsor = next((x.sponsor for x in ctx.res.mentions if x.key == org and x.sponsor), None)
    if sponsor is not None and org.startswith(f"{sponsor}-backed "):
        return ctx.relation(sent, "backs", sponsor, m, "part-of", tok)
    return ctx.relation(sent, "memberOf", m, org, "part-of", tok)


def title_person(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "President P" / "Syrian President P" lead the government; "IS leader P" leads IS."""
    titles: dict[str, str] = ctx.rules["titles"]
    res = ctx.res
    for m in res.mentions:
        if not (sent.start <= m.start < sent.end) or m.kind != "actor":
            continue
        ent = res.reg.entities.get(m.key)
        known = res.entry(m.key, "actor")
        cls = ent.cls if ent else known.cls if known else ""
        if cls != "Person":
            continue
        found = _title_of(ctx, m.start, m.end)
        if found is None:
            continue
        title, t_start = found
        if coref.title_blocked(res, t_start):
            continue  # "former president P", "Vice President P"
        what = titles[title]
        anchor = ctx.doc[m.start]
        before = _title_owner(ctx, t_start, sent.start)
        if what == "government":
            country = None
            if before is not None:
                bm = res.mention_at(before)
                st = (
                    res.entry(bm.key, "actor")
                    if bm is not None and bm.country_name
                    else res.gaz.by_demonym(before.text)
                )
                country = st.name if st is not None else None
            if country is None:
                pe = res.entry(m.key, "actor")
                country = pe.country if pe is not None else None
            if country is None or res.entry(country, "actor") is None:
                continue
            yield ctx.relation(sent, "leads", m.key, _office(ctx, country), "title-person", anchor)
        elif what == "organization" and before is not None:
            bm = res.mention_at(before)
            if bm is not None and bm.kind == "actor" and not bm.country_name:
                yield ctx.relation(sent, "leads", m.key, bm.key, "title-person", anchor)


def _title_of(ctx: ArticleContext, start: int, end: int) -> tuple[str, int] | None:
    """The title of the person named at ``start:end`` and where it starts: before the name,
    past ranks ("commander Gen P"), or inside a gazetteer name that includes it ("PM P")."""
    res, doc = ctx.res, ctx.doc
    honorifics = mention_words("honorifics")
    i = start
    while i > 0 and doc[i - 1].lower_ in honorifics:
        i -= 1
    title = res.title_before(i)
    if title is not None:
        return title, i - len(title.split())
    for n in (2, 1):
        words = " ".join(t.lower_ for t in doc[start : min(start + n, end - 1)])
        if words in res.rules["titles"]:
            return words, start
    return None


def _title_owner(ctx: ArticleContext, t_start: int, sent_start: int) -> Token | None:
    """The word before a title that says whose it is; "whose" stands for the noun its clause
    is about ("Eritrea, whose President P")."""
    if t_start <= sent_start:
        return None
    before = ctx.doc[t_start - 1]
    if coref.after_anti(before):  # "the anti-Taliban commander P" leads no Taliban
        return None
    if before.lower_ == "whose":
        for anc in before.ancestors:
            if anc.dep_ == "relcl" and anc.head.i < before.i:
                return anc.head
    return before


def _office(ctx: ArticleContext, country: str) -> str:
    """What a president or prime minister of ``country`` leads: its government when the
    article speaks of the government as an actor, else the state."""
    res = ctx.res
    name = res.government(country)
    if any(m.key == name and m.kind == "actor" for m in res.mentions) or _speaks_of_government(
        ctx, country
    ):
        res.ensure_actor(name, "Government", "head-noun")
        return name
    st = res.entry(country, "actor")
    if st is not None:
        res.ensure_actor(st.name, "State", "gazetteer")
        return st.name
    res.ensure_actor(name, "Government", "head-noun")
    return name


def _speaks_of_government(ctx: ArticleContext, country: str) -> bool:
    """True when the article says "the Syrian government", "Syria's government", or "the
    government" in an article about ``country``."""
    res = ctx.res
    for tok in ctx.doc:
        if tok.lower_ not in ("government", "regime") or (tok.i and ctx.doc[tok.i - 1].text == "-"):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss")]
        mods += [ctx.doc[tok.i - 1]] if tok.i else []
        if any(c.lower_ == "the" for c in tok.children) and res.main_country() == country:
            return True
        for c in mods:
            st = res.gaz.by_demonym(c.text)
            cm = res.mention_at(c)
            if (st is not None and st.name == country) or (cm is not None and cm.key == country):
                return True
    return False


@needs("tension_exchange_nouns")
def traded_accusations(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Rwanda and Burundi have traded accusations", "X exchanged threats with Y" (a verb of
    ``hostility.exchange_verbs`` with a noun of ``tension_exchange_nouns``; not negated or
    modal): tension between the sides."""
    nouns = ctx.lexicon_of("tension_exchange_nouns")
    for tok, a, b in exchanged(ctx, sent, nouns):
        yield ctx.relation(sent, "tensionWith", a, b, "traded-accusations", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    between,
    tension_with,
    traded_accusations,
    hostile_verb,
    gave_way,
    which_include,
    part_of,
    title_person,
)
