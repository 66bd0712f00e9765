"""Alliances stated as a bond between actors or by the nouns and phrases of allies and patrons.

Each rule reads one sentence and yields :class:`~kg.model.RelationFact` values; the words are
the ``pacts`` entry of ``rules.yaml``:

- **pact**: "A and B signed a mutual defence pact", "A forged a military alliance with B"
  (a treaty, accord or agreement needs a military word before it: a peace deal between
  enemies is no alliance);
- **military-ties**: "A and B have deepened their military ties", "A boosted defence
  cooperation with B";
- **joined-forces** / **joined-in**: "A joined forces with B", "A joined B in striking Z";
- **alliance-noun**: "X's alliance with Y", "an alliance of X and Y";
- **ally-noun** / **backer-noun**: "X, a close ally of Y", "Y, X's closest ally", "X is the main
  backer of Y";
- **allies-possessive**: "X's allies Y", "X and its allies Y";
- **alongside**: "X fought alongside Y", "X, in cooperation with Y", "side by side with";
- **invited**: "X deployed troops at the request of Y" (X came as Y's ally);
- **joint-action**: "X coordinated its strikes with Y", "a coordinated operation between X and
  Y", "a joint offensive by X and Y", "a combination of X and Y troops".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.context import ArticleContext, pairs
from kg.extract.gates import needs
from kg.extract.phrase import conjunct_before
from kg.extract.sponsorship import support_kind
from kg.extract.voice import voiced_objects
from kg.model import ARMED_CLASSES, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES", "listed"]


def _parties(ctx: ArticleContext, verb: Token, noun: Token) -> list[str]:
    """The subject side of ``verb`` and whoever the bond is "with" (on the verb or noun)."""
    out = list(ctx.subject_actors(verb))
    for t in (verb, noun):
        out += [a for o in ctx.prep_objects(t, {"with", "between"}) for a in ctx.res.actors_at(o)]
    return list(dict.fromkeys(out))


def _bond(ctx: ArticleContext, noun: Token) -> str | None:
    """The method the noun ``noun`` states an alliance by, or None."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    military = bool(mods & ctx.rule_words("pacts", "military_words"))
    low = noun.lemma_.lower()
    if low in ctx.rule_words("pacts", "pact_nouns") and (
        military or low in ctx.rule_words("pacts", "alliance_nouns")
    ):
        return "pact"
    if low in ctx.rule_words("pacts", "tie_nouns") and military:
        return "military-ties"
    return None


@needs("pacts.pact_nouns", "pacts.tie_nouns")
def bonds(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "A and B signed a defence pact", "A deepened military ties with B"."""
    verbs = ctx.rule_words("pacts", "verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "pobj"):
            continue
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        if verb.pos_ != "VERB" or verb.lemma_ not in verbs or ctx.negated(verb):
            continue
        if ctx.unreal(verb) or ctx.is_risk(verb):
            continue
        method = _bond(ctx, tok)
        if method is None:
            continue
        for a, b in pairs(_parties(ctx, verb, tok)):
            if not ctx.same_side(a, b):
                yield ctx.relation(sent, "alliedWith", a, b, method, verb)


@needs(words=("join",))
def joined_forces(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "A joined forces with B", "A and B joined forces"; "A joined B in striking Z"
    (joined-in); "A joined the alliance Y" (joined-group)."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ != "join" or tok.pos_ != "VERB" or ctx.negated(tok) or ctx.unreal(tok):
            continue
        forces = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "forces"]
        if not forces:
            yield from _joined_in(ctx, sent, tok)
            yield from _joined_group(ctx, sent, tok)
            continue
        for a, b in pairs(_parties(ctx, tok, forces[0])):
            yield ctx.relation(sent, "alliedWith", a, b, "joined-forces", tok)


def _joined_group(ctx: ArticleContext, sent: Span, verb: Token) -> Iterator[RelationFact | None]:
    """ "The MNDAA joined the Brotherhood Alliance", "Sweden joined NATO": the subject becomes
    a member of a coalition or organisation (``pacts: joined_classes``) the object itself
    names (or a noun of ``joined_group_nouns``: "joined the NATO alliance"), not "joined the
    NATO summit"."""
    classes = ctx.rule_words("pacts", "joined_classes")
    nouns = ctx.rule_words("pacts", "joined_group_nouns")
    groups = [
        a
        for c in verb.children
        if c.dep_ == "dobj" and (c.pos_ != "NOUN" or c.i in ctx.res.by_token or c.lower_ in nouns)
        for a in ctx.res.actors_at(c)
        if ctx.actor_class(a) in classes
    ]  # not "joined the NATO summit": the group only a modifier of the object
    for m in ctx.subject_actors(verb):
        for g in groups:
            if ctx.actor_class(m) != "Person":
                yield ctx.relation(sent, "memberOf", m, g, "joined-group", verb)


def _joined_in(ctx: ArticleContext, sent: Span, verb: Token) -> Iterator[RelationFact | None]:
    """ "A joined B in striking Z": A and B act together."""
    acts = [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" for g in c.children)
    ]
    if not acts:
        return
    partners = [a for c in verb.children if c.dep_ == "dobj" for a in ctx.res.actors_at(c)]
    for a in ctx.subject_actors(verb):
        for b in partners:
            if not ctx.same_side(a, b):
                yield ctx.relation(sent, "alliedWith", a, b, "joined-in", verb)


def _clause_subject(ctx: ArticleContext, appos: Token) -> list[str]:
    """The subject of the clause an apposition hangs in, when it is not the noun the
    apposition describes ("Armenia accused Russia, its ally": Armenia)."""
    t = appos.head
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX") or appos.head.dep_ in ("nsubj", "nsubjpass"):
        return []
    described = set(ctx.res.actors_at(appos.head, conj=False))
    return [a for a in ctx.subject_actors(t) if a not in described]


@needs("pacts.backer_nouns", "ally_nouns")
def backer_noun(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X is the main backer of Y", "X is the main supplier of weapons to Y" (the to / for
    object only beside goods of ``pacts: supplied_goods``: not "the largest financier of aid
    to Y"), "X, a close ally of Y", "X and Y are close allies"."""
    backers = ctx.rule_words("pacts", "backer_nouns")
    allies_ = set(ctx.rules["ally_nouns"])
    for tok in ctx.tokens(sent):
        low = tok.lower_
        if tok.pos_ != "NOUN" or low not in backers | allies_ or ctx.negated(tok):
            continue  # "X is not a US partner"
        if low in ctx.rule_words("pacts", "supply_nouns") and not _military_goods(ctx, tok):
            continue  # "a supplier of coffee to Y"
        others = [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
        if not others and low in backers and _military_goods(ctx, tok):
            # "the main supplier of weapons to Y" (not "the largest financier of aid to Y")
            others = [
                a
                for t in (tok, *ctx.prep_objects(tok, {"of"}))
                for o in ctx.prep_objects(t, {"to", "for"})
                for a in ctx.res.actors_at(o)
            ]
        if not others and tok.dep_ in ("attr", "appos"):  # "Y is the main US partner"
            others = [
                a
                for c in tok.children
                if c.dep_ in ("compound", "amod") and c.i < tok.i
                for a in ctx.word_actors(c)
            ]
        if not others and tok.dep_ in ("attr", "appos"):  # "Y, X's closest ally"
            poss = [c for c in tok.children if c.dep_ == "poss"]
            others = [a for c in poss if c.pos_ != "PRON" for a in ctx.res.actors_at(c, conj=False)]
            if poss and poss[0].pos_ == "PRON" and tok.dep_ == "appos":
                others = _clause_subject(ctx, tok)  # "X accused Y, its ally": X's ally
                if not others and poss[0].lower_ in ("his", "her"):
                    owner = coref.pronoun(ctx.res, poss[0])  # "Russia, his main backer"
                    others = [owner] if owner and ctx.actor_class(owner) == "Person" else []
        if not others and tok.dep_ == "attr" and low in allies_ and not ctx.negated(tok.head):
            for a, b in pairs(ctx.subject_actors(tok.head)):  # "X and Y are close allies"
                if not ctx.same_side(a, b):
                    yield ctx.relation(sent, "alliedWith", a, b, "ally-noun", tok)
        if not others:
            continue
        subjects: list[str] = []
        if tok.dep_ == "attr":
            subjects = ctx.subject_actors(tok.head)
        elif tok.dep_ == "appos":  # "Russia and Iran, Assad's main backers": both
            subjects = ctx.res.actors_at(tok.head, conj=tok.tag_ == "NNS")
        for s in subjects:
            for o in others:
                if low in backers:
                    yield ctx.relation(sent, support_kind(ctx, s, "back"), s, o, "backer-noun", tok)
                else:
                    yield ctx.relation(sent, "alliedWith", s, o, "ally-noun", tok)


def _military_goods(ctx: ArticleContext, noun: Token) -> bool:
    """True when a supplier noun names arms: "arms supplier", "supplier of weapons"
    (``pacts: supplied_goods``)."""
    goods = ctx.rule_words("pacts", "supplied_goods")
    words = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    words += ctx.prep_objects(noun, {"of"})
    return any(w.lower_ in goods or w.lemma_ in goods for w in words)


def listed(ctx: ArticleContext, tok: Token) -> list[str]:
    """Actors a noun lists after it: "its allies, including X and Y", "groups such as X"."""
    out: list[str] = []
    for c in tok.children:
        such_as = c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
        if c.dep_ == "prep" and (c.lower_ == "including" or such_as):
            out += [a for g in c.children if g.dep_ == "pobj" for a in ctx.res.actors_at(g)]
    return list(dict.fromkeys(out))


def _set_off(ctx: ArticleContext, tok: Token, end: int) -> list[str]:
    """Actors an "including" / "such as" phrase after ``tok`` names, up to the comma that
    closes it (", and Y" after it is the next item of an outer list: "between X, including
    A and B, and Y")."""
    doc = ctx.doc
    out: list[str] = []
    for c in tok.children:
        such_as = c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
        if c.dep_ != "prep" or not (c.lower_ == "including" or such_as):
            continue
        close = next(
            (
                i
                for i in range(c.i + 1, end - 1)
                if doc[i].text == "," and doc[i + 1].lower_ in ("and", "or", "against", "on")
            ),
            end,
        )
        for i in range(c.i + 1, close):
            m = ctx.res.mention_at(doc[i])
            if m is not None and m.kind == "place":
                continue  # "Lebanon's Hezbollah": a place, not one of them
            out += [a for a in ctx.res.actors_at(doc[i], conj=False) if a not in out]
    return out


@needs(words=("including", "such"))
def side_including(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "government forces, including Iraqi Shiite militias", "Syrian troops, including
    Hezbollah fighters": the named ones fight among a state's forces, so are its allies (no
    side of their own against them). Only for a state's forces: "the rebels, including X"
    and "a coalition including X" say membership, read elsewhere."""
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or ctx.negated(tok):
            continue
        named = _set_off(ctx, tok, sent.end)
        if not named:
            continue
        for o in ctx.res.actors_at(tok, conj=False):
            if ctx.actor_class(o) != "ArmedForces":
                continue
            for p in named:
                if p != o and not ctx.same_side(o, p):
                    yield ctx.relation(sent, "alliedWith", o, p, "side-including", tok)


@needs("ally_nouns", "pacts.backer_nouns")
def allies(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "their Kurd and Arab militia allies", "X's allies Y", "X and its allies Y"; and
    patrons: "their Iranian backers", "Hezbollah's patron Iran"."""
    nouns = set(ctx.rules["ally_nouns"])
    backers = ctx.rule_words("pacts", "backer_nouns")
    for tok in ctx.tokens(sent):
        if (tok.lemma_ not in nouns and tok.lower_ not in backers) or tok.pos_ != "NOUN":
            continue
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if not poss or ctx.negated(tok):
            continue
        owners = ctx.res.actors_at(poss[0], conj=False)
        first = conjunct_before(tok, poss[0].i + 1) if poss[0].pos_ == "PRON" else None
        if first is not None and ctx.res.actors_at(first, conj=False):
            owners = ctx.res.actors_at(first, conj=False)  # "X and their allies": X's
        partners = ctx.res.actors_at(tok, conj=False)
        partners += listed(ctx, tok)  # "Israel and its allies, including the US and Britain"
        nxt = ctx.doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if not partners and nxt is not None and ctx.res.mention_at(nxt) is not None:
            partners += ctx.res.actors_at(nxt)  # "Iran's allies Hezbollah and Hamas"
        for c in tok.children:
            if c.dep_ == "appos":
                partners += ctx.res.actors_at(c)
            elif c.dep_ == "amod" and tok.lower_ in backers:  # "their Iranian backers"
                partners += [st] if (st := ctx.demonym_state(c)) else []
            elif c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
                partners += ctx.word_actors(c)  # "Kabul and its U.S. allies"
        for o in owners:
            for p in dict.fromkeys(partners):
                if tok.lower_ in backers:
                    kind = support_kind(ctx, p, "back")
                    yield ctx.relation(sent, kind, p, o, "backer-noun", tok)
                else:
                    yield ctx.relation(sent, "alliedWith", o, p, "allies-possessive", tok)


@needs("pacts.alliance_nouns")
def alliance_noun(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X's alliance with Y", "the alliance between X and Y", "an alliance of X and Y", "a
    coalition of X and Y fighters", "X fought in a coalition with Y" (``alliance_nouns``)."""
    nouns = ctx.rule_words("pacts", "alliance_nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lemma_ not in nouns or ctx.negated(tok):
            continue
        if ctx.is_risk(tok) or (tok.head.pos_ == "VERB" and ctx.unreal(tok.head)):
            continue
        parties = [
            a for c in tok.children if c.dep_ == "poss" for a in ctx.res.actors_at(c, conj=False)
        ]
        parties += [
            a for o in ctx.prep_objects(tok, {"with", "between"}) for a in ctx.res.actors_at(o)
        ]
        members = [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
        parties += members if len(members) >= 2 else []  # "an alliance of X" alone: a kind
        if parties and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            clause = tok.head.head  # "X struck P in a coalition with Y": X is a party
            if clause.pos_ in ("VERB", "AUX") and not (ctx.unreal(clause) or ctx.negated(clause)):
                parties = ctx.subject_actors(clause) + parties
        for a, b in pairs(dict.fromkeys(parties)):
            if not ctx.same_side(a, b):
                yield ctx.relation(sent, "alliedWith", a, b, "alliance-noun", tok)


def _with_against(ctx: ArticleContext, with_: Token) -> bool:
    """ "X fought with Y against Z": "with" on a verb of fighting that also has an enemy
    "against" names a companion."""
    verb = with_.head
    return (
        verb.pos_ == "VERB"
        and verb.lemma_ in ctx.rules["hostility"]["with_verbs"]
        and bool(ctx.prep_objects(verb, {"against"}))
        and not ctx.negated(verb)
        and not ctx.unreal(verb)
    )


def _partners(ctx: ArticleContext, tok: Token) -> tuple[list[str], bool, bool]:
    """Whom an ally phrase at the preposition ``tok`` names, and whether the phrase is a
    fronted one ("along with": ``ally_fronted_phrases``) or a side one ("on the side of":
    ``ally_side_phrases``): "alongside Y", "in cooperation with Y", "with its partners X and
    Y", "fought with Y against Z", "on the side of Y"."""
    if tok.dep_ != "prep":
        return [], False, False
    objs = [p for p in tok.children if p.dep_ == "pobj"]
    if tok.lower_ in ctx.lexicon_of("ally_preps"):
        return _named(ctx, objs), False, False
    if tok.lower_ == "for":  # "X are fighting for Y": Y's side (not "for control of P")
        fights = tok.head.pos_ == "VERB" and tok.head.lemma_ in ctx.lexicon_of("ally_for_verbs")
        return (_named(ctx, objs), False, True) if fights else ([], False, False)
    if tok.lower_ not in ("of", "with"):
        return [], False, False
    before = _words_to(ctx, tok)
    if tok.lower_ == "of":  # "fought on the side of Y"
        side = any(before.endswith(ph) for ph in ctx.rules["ally_side_phrases"])
        return (_named(ctx, objs), False, True) if side else ([], False, False)
    front = any(before.endswith(ph) for ph in ctx.rules["ally_fronted_phrases"])
    if (
        front
        or any(before.endswith(ph) for ph in ctx.rules["ally_phrases"])
        or any(p.lemma_ in ctx.lexicon_of("ally_nouns") for p in objs)  # "with its partners"
        or _with_against(ctx, tok)
    ):
        return _named(ctx, objs), front, False
    return [], front, False


def _named(ctx: ArticleContext, objs: list[Token]) -> list[str]:
    """The actors the objects of an ally phrase name."""
    return [a for p in objs for a in ctx.res.actors_at(p)]


def _phrase_verb(tok: Token) -> Token:
    """The word an ally phrase at ``tok`` tells of: the verb it hangs on, or the subject noun
    ("X and Y, with ..."), above the nouns and prepositions between."""
    verb = tok.head
    while (
        verb.dep_ == "pobj"
        or verb.dep_ == "prep"
        or (
            verb.pos_ == "NOUN"
            and verb.dep_ not in ("nsubj", "ROOT", "appos")
            and verb.head.i != verb.i
        )
    ):
        verb = verb.head
    return verb


def _allied_subjects(ctx: ArticleContext, verb: Token) -> list[str]:
    """Who acts with the partners: the subject of ``verb``, the noun itself ("X and Y, with
    ..."), or the main clause's subject of a participle ("X, fighting alongside Y, took P")."""
    subjects = (
        ctx.subject_actors(verb)
        if verb.pos_ in ("VERB", "AUX")
        else ctx.res.actors_at(verb, conj=verb.dep_ == "nsubj")  # "X and Y, with ..."
    )
    head = verb.head
    if not subjects and verb.dep_ == "csubj" and not (ctx.unreal(head) or ctx.negated(head)):
        subjects = ctx.subject_actors(head)  # "X, fighting alongside Y, took P"
    passive, sufferers = voiced_objects(verb)
    if passive:
        if ctx.unreal(verb) or ctx.negated(verb):
            return []  # "X are not allied with Y", "X could be deployed alongside Y"
        # "the attack was repelled by X together with Y"; "X are deployed alongside Y"
        subjects = ctx.passive_agents(verb) or [a for c in sufferers for a in ctx.res.actors_at(c)]
    return subjects


@needs("ally_preps", "ally_side_phrases", "ally_for_verbs", words=("with",))
def alongside(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X fought alongside Y", "X, in cooperation with Y", "X, allied with Y", "X fought with
    Y against Z", "X fought on the side of Y" (``ally_side_phrases``: a verb of fighting,
    as for "X are fighting for Y": ``ally_for_verbs``,
    neither negated nor modal); "Along with
    Y, X attacked P", "X, along with Y, attacked P" (``ally_fronted_phrases``: only before the
    verb, which is neither negated nor modal)."""
    fighting = {
        *ctx.rules["fight_verbs"],
        *ctx.rules["hostility"]["against_verbs"],
        "enter",
        "join",
    }
    for tok in ctx.tokens(sent):
        partners, front, side = _partners(ctx, tok)
        if not partners:
            continue
        verb = _phrase_verb(tok)
        if verb.pos_ == "VERB" and ctx.negated(verb):
            continue  # "X did not fight alongside Y", "X never fought alongside Y"
        clause = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if side and (
            clause is None
            or clause.lemma_ not in fighting
            or ctx.unreal(clause)
            or ctx.negated(clause)
        ):
            continue  # "on the side of" a war: not "spoke on behalf of Y", "could fight ..."
        if front and (
            clause is None or clause.i < tok.i or ctx.unreal(clause) or ctx.negated(clause)
        ):
            continue  # "along with" only before the verb: "Along with Y, X attacked P"
        for s in _allied_subjects(ctx, verb):
            for p in partners:
                yield ctx.relation(sent, "alliedWith", s, p, "alongside", tok)


def _words_to(ctx: ArticleContext, tok: Token) -> str:
    """The three words before ``tok`` and ``tok``, lower-cased: what the ally phrases of
    rules.yaml end with ("on the side of", "together with")."""
    return " ".join(t.lower_ for t in ctx.doc[max(tok.i - 3, 0) : tok.i + 1])


def partners_fight(
    ctx: ArticleContext, sent: Span, facts: list[RelationFact]
) -> list[RelationFact]:
    """The partners of a co-acting phrase fight whom the clause's subject fights: "X, together
    with Y, attacked Z", "Along with Y, X attacked Z", "X, alongside Y, attacked Z": Y fights Z
    too (``co_acting_phrases``; not "X, allied with Y, attacked Z": Y's part is not stated).
    ``facts`` are the relations the rules found in ``sent``."""
    fights = [f for f in facts if f.type == "fights"]
    if not fights:
        return []
    phrases = ctx.rules["co_acting_phrases"]
    out: list[RelationFact | None] = []
    for tok in ctx.tokens(sent):
        if tok.dep_ != "prep":
            continue
        before = _words_to(ctx, tok)
        if not any(before.endswith(ph) for ph in phrases):
            continue
        partners, front, side = _partners(ctx, tok)
        verb = _phrase_verb(tok)
        if not partners or side or (front and verb.i < tok.i):
            continue
        subjects = set(_allied_subjects(ctx, verb))
        for f in fights:
            for doer, enemy in ((f.subject, f.object), (f.object, f.subject)):
                if doer not in subjects:
                    continue
                for p in partners:
                    if p != enemy and p not in subjects and not ctx.same_side(p, enemy):
                        out.append(ctx.relation(sent, "fights", p, enemy, "alongside", tok))
    return [r for r in out if r is not None]


def supporters_fight(
    ctx: ArticleContext, sent: Span, facts: list[RelationFact]
) -> list[RelationFact]:
    """Forces sent or moving in to support a side fight whom the sentence has that side fight:
    "Ugandan troops were sent to reinforce Congolese soldiers who are battling the ADF",
    "Kenyan troops moved in to support Somali forces fighting al-Shabaab" (a support verb in
    a purpose clause of a verb of sending or moving, ``sending_verbs``, ``motion_verbs``,
    ``pacts: arrival_verbs``, with an armed subject; not "Hezbollah supports the Houthis, who
    fight Z": support said, no forces sent). ``facts`` are the relations the rules found in
    ``sent``."""
    fights = [f for f in facts if f.type == "fights"]
    if not fights:
        return []
    heads = ctx.lexicon_of("sending_verbs") | ctx.lexicon_of("motion_verbs")
    heads |= ctx.rule_words("pacts", "arrival_verbs")
    out: list[RelationFact | None] = []
    for f in facts:
        if f.type != "alliedWith" or f.evidence.method != "support-verb":
            continue
        verb = next(
            (
                t
                for t in ctx.tokens(sent)
                if t.lemma_ in ctx.rules["support"]["verbs"]
                and t.dep_ in ("xcomp", "advcl")
                and t.head.lemma_ in heads
                and any(c.lower_ == "to" for c in t.children)
                and f.subject in ctx.subject_actors(t)
            ),
            None,
        )
        if verb is None or ctx.actor_class(f.subject) not in ARMED_CLASSES:
            continue
        for g in fights:
            for side, enemy in ((g.subject, g.object), (g.object, g.subject)):
                if side == f.object and enemy != f.subject and not ctx.same_side(f.subject, enemy):
                    out.append(
                        ctx.relation(sent, "fights", f.subject, enemy, "support-fight", verb)
                    )
    return [r for r in out if r is not None]


@needs("pacts.invitation_nouns")
def invited(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X deployed troops at the request of Y", "X troops, sent at Y's invitation": X came
    as Y's ally."""
    nouns = ctx.rule_words("pacts", "invitation_nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lemma_ not in nouns or tok.dep_ != "pobj":
            continue
        prep = tok.head
        if prep.lower_ != "at" or ctx.negated(prep.head):
            continue
        hosts = [a for c in tok.children if c.dep_ == "poss" for a in ctx.word_actors(c)]
        hosts += [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
        verb = prep.head
        if verb.dep_ in ("acl", "relcl", "amod") and verb.pos_ == "VERB":
            guests = ctx.res.actors_at(verb.head, conj=False)  # "X troops, deployed at ..."
        else:
            guests = ctx.subject_actors(verb) if verb.pos_ in ("VERB", "AUX") else []
        for g in guests:
            for h in dict.fromkeys(hosts):
                if not ctx.same_side(g, h):
                    yield ctx.relation(sent, "alliedWith", g, h, "invited", tok)


@needs("pacts.coordinate_verbs", "pacts.combination_nouns", "pacts.joint_words")
def joint_action(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X coordinated its strikes with Y" (a verb of ``pacts: coordinate_verbs`` with a
    partner "with"); "a coordinated operation between X and Y", "a joint offensive by X and
    Y" (a noun of ``joint_action_nouns`` under a word of ``joint_words``: not "a joint
    statement"), "a combination of X and Y troops" (``combination_nouns``): those who act
    together. Not "did not coordinate", "could
    coordinate", nor one side alone ("a joint operation of the army")."""
    verbs = ctx.rule_words("pacts", "coordinate_verbs")
    joint = ctx.rule_words("pacts", "joint_words")
    combos = ctx.rule_words("pacts", "combination_nouns")
    acts = ctx.rule_words("pacts", "joint_action_nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ == "VERB" and tok.lemma_ in verbs and tok.dep_ != "amod":
            if ctx.negated(tok) or ctx.unreal(tok):
                continue
            objs = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
            partners = [
                a for t in objs for o in ctx.prep_objects(t, {"with"}) for a in ctx.res.actors_at(o)
            ]
            for s in ctx.subject_actors(tok):
                for p in dict.fromkeys(partners):
                    if not ctx.same_side(s, p):
                        yield ctx.relation(sent, "alliedWith", s, p, "joint-action", tok)
            continue
        if tok.pos_ != "NOUN" or ctx.negated(tok) or ctx.is_risk(tok):
            continue
        if tok.lemma_ in combos:
            preps = {"of"}
        elif tok.lower_ in acts and any(
            c.dep_ in ("amod", "compound") and c.lower_ in joint for c in tok.children
        ):
            preps = {"between", "by", "of"}
        else:
            continue
        members = [a for o in ctx.prep_objects(tok, preps) for a in ctx.res.actors_at(o)]
        if tok.lemma_ not in combos:  # "X and Y launched a joint operation", "... with Z"
            members += _joint_doers(ctx, tok)
        for a, b in pairs(dict.fromkeys(members)):
            if not ctx.same_side(a, b):
                yield ctx.relation(sent, "alliedWith", a, b, "joint-action", tok)


def _joint_doers(ctx: ArticleContext, noun: Token) -> list[str]:
    """Who does a joint action a noun names besides those after "by" / "between": its owner
    ("their joint offensive"), the subjects of the verb it is the object of ("X and Y launched
    a joint operation"), and the partner after "with" ("X began a joint offensive with Y");
    none under a negated or modal verb."""
    out = [a for c in noun.children if c.dep_ == "poss" for a in ctx.res.actors_at(c)]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.pos_ == "VERB":
        if ctx.negated(verb) or ctx.unreal(verb):
            return []
        out += ctx.subject_actors(verb)
    partners = [a for o in ctx.prep_objects(noun, {"with"}) for a in ctx.res.actors_at(o)]
    return out + partners if partners or len(out) > 1 else []


@needs("pacts.with_verbs")
def teamed_up(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Hamas teamed up with Islamic Jihad", "Iran sided with the Houthis", "X joined hands
    with Y" (``pacts: with_verbs``, each verb with its particle); not negated or modal."""
    verbs: dict[str, list[str]] = ctx.rules["pacts"]["with_verbs"]
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or ctx.negated(tok) or ctx.unreal(tok):
            continue
        need = verbs[tok.lemma_]
        words = [c for c in tok.children if c.dep_ in ("prt", "dobj", "advmod")]
        if need and not any(c.lower_ in need for c in words):
            continue
        partners = [a for o in ctx.prep_objects(tok, {"with"}) for a in ctx.res.actors_at(o)]
        partners += [
            a for c in words for o in ctx.prep_objects(c, {"with"}) for a in ctx.res.actors_at(o)
        ]
        for s in ctx.subject_actors(tok):
            for p in dict.fromkeys(partners):
                if not ctx.same_side(s, p):
                    yield ctx.relation(sent, "alliedWith", s, p, "teamed-up", tok)


@needs("fight_verbs")
def fought_together(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Hezbollah and the Syrian army fought together in Qusayr", "X and Y attacked the
    town jointly", "X and Y fought side by side" (a verb of ``fight_verbs`` with a word of
    ``pacts: together_words``): the sides of the coordinated subject are allies."""
    verbs = ctx.lexicon_of("fight_verbs")
    together = ctx.rule_words("pacts", "together_words")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or ctx.negated(tok) or ctx.unreal(tok):
            continue
        side_by_side = "side by side" in ctx.doc[tok.i : tok.i + 5].text.lower()
        if not side_by_side and not any(
            c.lower_ in together and c.dep_ == "advmod" for c in tok.children
        ):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        sides = ctx.res.actors_at(subj)
        for a, b in pairs(dict.fromkeys(sides)):
            if not ctx.same_side(a, b):
                yield ctx.relation(sent, "alliedWith", a, b, "fought-together", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    bonds,
    joined_forces,
    backer_noun,
    allies,
    side_including,
    alliance_noun,
    alongside,
    invited,
    joint_action,
    teamed_up,
    fought_together,
)
