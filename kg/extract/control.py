"""Control of places: "X-held P", "P, held by X", "X's stronghold of P", "X controls P", "P is
under X control", "X, in control of P".

The rules read one sentence each, like those of :mod:`kg.extract.relations`, and state
``controls`` relations; a capture's control comes from :mod:`kg.extract.pipeline` instead.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.captures import aimed_only
from kg.extract.context import ArticleContext
from kg.extract.gates import needs
from kg.extract.hostility import modifier_actors, opposition_word
from kg.extract.sponsorship import official_word, open_compound
from kg.extract.voice import raised_subjects
from kg.model import RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _place_up(ctx: ArticleContext, tok: Token, steps: int = 5) -> str | None:
    """The place a phrase is about, climbing through "one of the towns in ..." and appositions."""
    t = tok
    for _ in range(steps):
        p = ctx.res.place_at(t)
        if p is not None:
            return p
        if (
            t.dep_ in ("pobj", "prep", "appos", "attr", "acl", "relcl", "dobj", "nsubj")
            and t.head.i != t.i
        ):
            if t.dep_ in ("attr",):
                subj = [c for c in t.head.children if c.dep_ == "nsubj"]
                if subj:
                    p = _place_up(ctx, subj[0], 2)
                    if p:
                        return p
            t = t.head
        else:
            return None
    return None


def _listed_places(ctx: ArticleContext, noun: Token) -> list[str]:
    """Places a plural noun of places lists ("border towns held by X, including A and B",
    "towns such as A", "two towns, A and B"; ``listed_place_nouns``), or the places it stands
    in apposition to ("A and B, two towns held by X"); none for any other noun."""
    if noun.lemma_.lower() not in ctx.lexicon_of("listed_place_nouns"):
        return []
    toks: list[Token] = []
    for c in noun.children:
        such_as = c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
        if c.dep_ == "prep" and (c.lower_ == "including" or such_as):
            toks += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "appos":
            toks.append(c)
    if noun.dep_ == "appos":
        toks.append(noun.head)
    out: list[str] = []
    for t in toks:
        for u in (t, *t.conjuncts):
            p = ctx.res.place_at(u)
            if p is not None and p not in out:
                out.append(p)
    return out


@needs("control_participles")
def held_by(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P, held by X", "the last town held in Syria by X", "towns controlled by X, including
    A and B" (each)."""
    parts = set(ctx.rules["control_participles"])
    for tok in ctx.tokens(sent):
        if tok.lower_ not in parts or tok.tag_ != "VBN":
            continue
        holders = ctx.passive_agents(tok)
        if not holders or ctx.negated(tok) or ctx.unreal(tok):  # "towns once held by X"
            continue
        modifies = tok.dep_ in ("acl", "relcl", "amod")
        places = _listed_places(ctx, tok.head) if modifies else []
        place = None if places else _place_up(ctx, tok.head) if modifies else None
        if place is None and not places:
            subj = [c for c in tok.children if c.dep_ == "nsubjpass"] or raised_subjects(tok)
            place = _place_up(ctx, subj[0], 2) if subj else None
        places += [place] if place is not None else []
        date, rel = ctx.date_for(tok, within={t.i for t in tok.subtree})
        for h in holders:
            for p in places:
                yield ctx.relation(
                    sent,
                    "controls",
                    h,
                    p,
                    "held-by",
                    tok,
                    start=date if rel == "since" else None,
                )


@needs("control_participles")
def x_held(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "IS-held Mosul", "rebel-held Idlib", "Houthi-run Sanaa", "Taliban-ruled Afghanistan"
    (not the country of "in rebel-held Syria", a generic holder's part of its own country, nor of
    "Houthi-held areas of Yemen": a part of it)."""
    doc = ctx.doc
    participles = ctx.lexicon_of("control_participles")
    for tok in ctx.tokens(sent):
        if tok.lower_ not in participles or tok.i < sent.start + 2 or doc[tok.i - 1].text != "-":
            continue
        m = ctx.res.mention_at(doc[tok.i - 2])
        holder = ctx.res.as_actor(m) if m is not None else opposition_word(ctx, doc[tok.i - 2])
        generic = set(ctx.rules["opposition"]) | {"insurgent", "militant", "separatist"}
        part = doc[tok.i - 2].lower_ in generic  # "rebel-held Syria": some of it
        if m is None and holder is None:  # "Russian-occupied P": the demonym's state
            holder = next(iter(ctx.word_actors(doc[tok.i - 2])), None)
        place = ctx.res.place_at(tok.head)
        if place is None and tok.head.dep_ == "compound":  # "the Houthi-run capital Sanaa"
            place = ctx.res.place_at(tok.head.head)
        if place is None and tok.head.lemma_.lower() in ctx.lexicon_of("held_area_nouns"):
            # "Houthi-held territory in northern Yemen", "SDF-held parts of Raqqa"
            for o in ctx.prep_objects(tok.head, {"in", "of"}):
                place = place or ctx.res.place_at(o)
        if tok.head.lemma_.lower() in ctx.lexicon_of("held_area_nouns"):
            part = True  # "Houthi-held areas of Yemen": a part of the country
        if not holder:
            continue
        for p in [place] if place else _listed_places(ctx, tok.head):  # "IS-held towns such as"
            if not part or ctx.res.place_class(p) != "Country":
                yield ctx.relation(sent, "controls", holder, p, "x-held", tok)


@needs("stronghold_nouns")
def stronghold(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P, the stronghold of X", "X's stronghold P", "the last X stronghold, P", "P is the
    last rebel stronghold", "X's de facto capital P"."""
    nouns = set(ctx.rules["stronghold_nouns"])
    past = ctx.lexicon_of("stronghold_past_words")  # "the former stronghold"
    for tok in ctx.tokens(sent):
        if tok.lower_ not in nouns or tok.pos_ != "NOUN":
            continue
        if any(c.lower_ in past for c in tok.children):
            continue
        owners: list[str] = []
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod"):
                owners += ctx.res.actors_at(c, conj=False)
        named = tok.dep_ == "compound" and ctx.res.place_at(tok.head) is not None
        if named:  # "Islamic State's de facto capital Raqqa": the owner of the name only
            owners = [
                a
                for c in tok.head.children
                if c.dep_ == "poss"
                for a in ctx.res.actors_at(c, conj=False)
            ]
        of_owners: list[str] = []
        for o in ctx.prep_objects(tok, {"of"}):
            nxt = ctx.doc[o.i + 1] if o.i + 1 < len(ctx.doc) else None
            pair = open_compound(ctx, nxt) if nxt is not None else None
            # "a stronghold of the al-Qaeda aligned militants of al-Shabab": al-Shabab's
            of_owners += [pair[1]] if pair else ctx.res.actors_at(o)
        owners += of_owners
        by_word = not of_owners and not named  # "the regime stronghold of P": of names P
        if not owners:  # "the last rebel / army stronghold", none named after "of"
            owners = _leavers(ctx, tok) or [
                o
                for c in tok.children
                if c.dep_ in ("compound", "amod")
                for o in [opposition_word(ctx, c) or official_word(ctx, c)]
                if o
            ]
        if tok.lower_ == "capital":  # "Sanaa, Yemen's capital" says nothing of who holds it
            owners = [o for o in owners if ctx.actor_class(o) != "State"]
        if not owners:
            continue
        place = ctx.res.place_at(tok.head) if named else None
        for c in tok.children:
            if c.dep_ == "appos":
                place = ctx.res.place_at(c)
        if place is None and tok.dep_ == "appos":
            place = ctx.res.place_at(tok.head)
        if place is None and tok.dep_ == "attr" and not ctx.unreal(tok.head):
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]  # not "was once"
            place = ctx.res.place_at(subj[0]) if subj else None
        if place is None and tok.dep_ == "pobj" and tok.head.lower_ == "as":
            place = _serving_place(ctx, tok.head.head)  # "P, now serving as X's stronghold"
        if place is None and (by_word or any(c.dep_ == "poss" for c in tok.children)):
            for of in ctx.prep_objects(tok, {"of"}):  # "the Islamic State's stronghold of Raqqa",
                place = place or ctx.res.place_at(of)  # "the rebel stronghold of Idlib"
        if place is None:
            continue
        for owner in owners:
            if owner != place:
                yield ctx.relation(sent, "controls", owner, place, "stronghold-of", tok)


def _leavers(ctx: ArticleContext, noun: Token) -> list[str]:
    """ "X's forces retreated from P, a key military stronghold": the stronghold, set off
    after the place a verb of withdrawal or leaving left, was theirs (not the army of the
    country P is in); none for another verb ("rebels attacked P, the last army stronghold")."""
    if noun.dep_ != "appos" or noun.head.dep_ not in ("pobj", "dobj"):
        return []
    verb = noun.head.head.head if noun.head.dep_ == "pobj" else noun.head.head
    leaving = ctx.lexicon("withdrawal", "verbs") | ctx.lexicon("withdrawal", "leave_verbs")
    if verb.lemma_ not in leaving or ctx.res.place_at(noun.head) is None:
        return []
    return ctx.subject_actors(verb)


def _serving_place(ctx: ArticleContext, verb: Token) -> str | None:
    """The place a verb says stands "as" a stronghold: the noun its participle describes ("P,
    home to many, as the last army stronghold"), else its subject ("P serves as X's main
    stronghold"); none for a past ("P served as"), negated or modal verb."""
    if verb.lower_.endswith("ing") and verb.dep_ == "advcl":  # "P, sheltering N as ..., was hit"
        subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return ctx.res.place_at(subj[0]) if subj else None
    if verb.lower_.endswith("ing") and verb.dep_ in ("acl", "relcl", "appos"):
        return ctx.res.place_at(verb.head)  # a participle, which the parser may take for a noun
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ == "VBD" or ctx.negated(verb):
        return None
    if ctx.unreal(verb):
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return ctx.res.place_at(subj[0]) if subj else None


@needs("control_verbs")
def control_verb(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X holds / controls P (since D)", "units who hold a swathe of P"."""
    verbs = set(ctx.rules["control_verbs"])
    for tok in ctx.tokens(sent):
        if (
            tok.pos_ != "VERB"
            or tok.lemma_ not in verbs
            or (tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children))
        ):
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if not objs:
            continue
        places = [p for o in (objs[0], *objs[0].conjuncts) for p in _held_places(ctx, o, tok)]
        if not places:
            continue
        date, rel = ctx.date_for(tok, within={t.i for t in tok.subtree})
        relative = _relative_holders(ctx, tok)
        for h in ctx.subject_actors(tok) if relative is None else relative:
            if ctx.actor_class(h) == "Person" and tok.lemma_ in ctx.lexicon_of("rule_verbs"):
                continue  # "P, who has ruled Niger": P leads the state (rules-state)
            for place in dict.fromkeys(places):
                yield ctx.relation(
                    sent,
                    "controls",
                    h,
                    place,
                    "control-verb",
                    tok,
                    start=date if rel == "since" else None,
                )


def _relative_holders(ctx: ArticleContext, verb: Token) -> list[str] | None:
    """Whom "they" means in "X left the town of P, which they had held since May": the
    subject of the clause the relative clause's noun belongs to, not the last side named
    (none when that subject names no actor: "the Islamists"); None for any other clause."""
    if verb.dep_ != "relcl" or not any(
        c.dep_ == "nsubj" and c.tag_ == "PRP" and c.lower_ in ("they", "it") for c in verb.children
    ):
        return None
    t = verb.head
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    return ctx.subject_actors(t) if t.pos_ in ("VERB", "AUX") else None


def _held_place(ctx: ArticleContext, obj: Token, verb: Token) -> str | None:
    """The place the object of a holding verb names: "holds P", "most of P", "P, which X
    controls" (the relative pronoun's noun)."""
    if obj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return ctx.res.place_at(verb.head)
    place = ctx.res.place_at(obj)
    areas = ctx.lexicon_of("held_area_nouns")
    if place is None:
        for o in ctx.prep_objects(obj, {"of"}):
            place = place or ctx.res.place_at(o)
            if place is None and o.lemma_.lower() in areas:  # "much of the countryside in P"
                for p in ctx.prep_objects(o, {"in", "of"}):
                    place = place or ctx.res.place_at(p)
    return place or _area_place(ctx, obj)


def _held_places(ctx: ArticleContext, obj: Token, verb: Token) -> list[str]:
    """The places of :func:`_held_place`, with those joined to an "of" place ("holds the
    towns of P and Q")."""
    first = _held_place(ctx, obj, verb)
    if first is None:
        return []
    more = [c for o in ctx.prep_objects(obj, {"of"}) for c in o.conjuncts]
    return [first, *(p for c in more for p in [ctx.res.place_at(c)] if p)]


def _area_place(ctx: ArticleContext, noun: Token) -> str | None:
    """The place an area noun is of: "territory in / across P", "parts of P"
    (``held_area_nouns``, ``held_area_preps``); None for any other noun."""
    if noun.lemma_.lower() not in ctx.lexicon_of("held_area_nouns"):
        return None
    for o in ctx.prep_objects(noun, ctx.lexicon_of("held_area_preps")):
        place = ctx.res.place_at(o)
        if place is not None:
            return place
    return None


def _place_of_clause(ctx: ArticleContext, tok: Token) -> str | None:
    """The place a "under X control" phrase is said of: the noun it modifies, or the
    subject of the verb it hangs from ("P came under X control"), or the area its "in"
    phrase names ("schools reopened in parts of P under X control")."""
    head = tok.head
    if head.pos_ in ("NOUN", "PROPN"):
        return ctx.res.place_at(head) or _area_place(ctx, head)  # "parts of P under X control"
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass", "advmod", "npadvmod"):
            p = ctx.res.place_at(c) or _relative_noun_place(ctx, c)
            if p:
                return p
    if head.pos_ == "VERB":  # "schools reopened in parts of P under the control of X"
        for o in ctx.prep_objects(head, {"in"}):
            if (p := _area_place(ctx, o)) is not None:
                return p
    return None


def _relative_noun_place(ctx: ArticleContext, subj: Token) -> str | None:
    """The place a relative pronoun subject stands for: "P, which is under X control", "P,
    which remains in X's hands" (the noun the relative clause describes)."""
    verb = subj.head
    if subj.tag_ not in ("WDT", "WP") or verb.dep_ != "relcl":
        return None
    return ctx.res.place_at(verb.head)


def _actor_before_comma(ctx: ArticleContext, prep: Token) -> list[str]:
    """The actor named just before the comma that sets off ``prep``'s phrase (adverbs
    between them allowed): "X, already in control of P"."""
    i = prep.i - 1
    while i > prep.sent.start and ctx.doc[i].pos_ == "ADV":
        i -= 1
    if i <= prep.sent.start or ctx.doc[i].text != ",":
        return []
    return ctx.res.actors_at(ctx.doc[i - 1], conj=False)


def _in_hands(ctx: ArticleContext, sent: Span, hands: Token) -> Iterator[RelationFact | None]:
    """ "P remains in Russian hands", "P has been in the hands of X since 2014", "P, now in
    Taliban hands, ..." (not "P, once in rebel hands")."""
    verb = hands.head.head
    if any(c.lower_ in ctx.lexicon_of("past_markers") for c in hands.head.children):
        return  # "P, once in rebel hands"
    if verb.pos_ in ("NOUN", "PROPN") and hands.head.dep_ == "prep":
        place = ctx.res.place_at(verb)  # "P, now in Taliban hands, ..."
    elif verb.pos_ not in ("VERB", "AUX") or ctx.negated(verb) or ctx.unreal(verb):
        return
    else:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        place = (ctx.res.place_at(subj[0]) or _relative_noun_place(ctx, subj[0])) if subj else None
    holders = [
        a
        for c in hands.children
        if c.dep_ in ("poss", "amod", "compound")
        for a in ctx.word_actors(c) or [o for o in [opposition_word(ctx, c)] if o]
    ]
    holders += [a for o in ctx.prep_objects(hands, {"of"}) for a in ctx.res.actors_at(o)]
    if place is None:
        return
    for h in dict.fromkeys(holders):
        yield ctx.relation(sent, "controls", h, place, "under-control", hands)


def _said_as_fact(ctx: ArticleContext, prep: Token) -> bool:
    """False when the verb a control phrase hangs from is negated or only possible: "X could
    soon be in control of P", "P may come under X control" (``possibility_modals``; "X will
    remain in control of P" states a holding)."""
    return _stated(ctx, prep.head)


def _stated(ctx: ArticleContext, verb: Token) -> bool:
    """False for a verb that is negated, under a modal of mere possibility, or of a past
    state ("P was once under X control": ``past_markers``)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return True
    maybe = ctx.lexicon_of("possibility_modals")
    past = ctx.lexicon_of("past_markers")
    return not any(
        c.dep_ == "neg"
        or (c.dep_ == "aux" and c.lower_ in maybe)
        or (c.dep_ == "advmod" and c.lower_ in past)
        for c in verb.children
    )


@needs(words=("hands", "control", "charge"))
def under_control(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P came under X control", "P is under the control of X", "X, in control / in charge
    of P", "P remains in X's hands"; not "X could be in control of P"."""
    for tok in ctx.tokens(sent):
        if tok.lower_ == "hands" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into"):
            yield from _in_hands(ctx, sent, tok)
            continue
        if tok.lemma_ not in ("control", "charge") or tok.pos_ != "NOUN" or tok.dep_ != "pobj":
            continue
        prep = tok.head
        if ctx.negated(tok) or not _said_as_fact(ctx, prep):
            continue
        if tok.lemma_ == "charge" and prep.lower_ != "in":  # "under the charge of": no
            continue
        holders: list[str] = []
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                holders += ctx.word_actors(c) or [a for a in [opposition_word(ctx, c)] if a]
        of = ctx.prep_objects(tok, {"of"})
        if prep.lower_ == "under":
            holders += [a for o in of for a in ctx.res.actors_at(o)]
            place = _place_of_clause(ctx, prep)
            places = [place] if place else []
        elif prep.lower_ == "in":  # "in control of Sanaa and Hodeidah": each
            places = [p for o in of for t in (o, *o.conjuncts) for p in [ctx.res.place_at(t)] if p]
            places += [
                p
                for o in of
                for c in o.children
                if c.dep_ == "nmod"
                for p in [ctx.res.place_at(c)]
                if p
            ]
            head = prep.head
            subj = [c for c in prep.children if c.dep_ == "nsubj"]
            if subj:  # the parser's root: "X, in control of P, ..."
                holders = ctx.res.actors_at(subj[0], conj=False)
            else:  # "... to X, already in control of P": set off after X; else the clause's
                holders = _actor_before_comma(ctx, prep) or (
                    ctx.subject_actors(head)
                    if head.pos_ in ("VERB", "AUX")
                    else ctx.res.actors_at(head, conj=False)
                )
            named = [  # "the group in control of P, X, ...": the name set off after P
                a
                for o in of
                for c in o.children
                if c.dep_ == "appos" and ctx.res.place_at(c) is None
                for a in ctx.res.actors_at(c, conj=False)
            ]
            if named and prep.i > 0 and ctx.doc[prep.i - 1].pos_ == "NOUN":
                holders = named
        else:
            continue
        for h in dict.fromkeys(holders):
            for p in places:
                yield ctx.relation(sent, "controls", h, p, "under-control", tok)


def _still_going(ctx: ArticleContext, verb: Token) -> bool:
    """True when a verb of taking states an aim or a process, not a deed: an infinitive of aim
    ("sent troops to push Y out of P", "fighting to expel Y from P"), a progressive ("are
    pushing Y out of P"), a modal of possibility ("could drive Y from P")."""
    if ctx.negated(verb):
        return False
    if aimed_only(ctx, verb):
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    progressive = verb.tag_ == "VBG" and auxes & {"is", "are", "was", "were", "be", "been"}
    return bool(progressive or auxes & ctx.lexicon_of("possibility_modals"))


@needs("events.capture.expel_verbs", "events.capture.verbs")
def held_against(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """Whom a side still tries to take a place from holds it: "troops sent to push Y out of
    P", "an offensive to capture P from Y", "X is driving Y from P"; not a country ("to push
    Y out of Iraq"), nor a deed done ("drove Y out of P": a capture)."""
    expel = ctx.lexicon("capture", "expel_verbs")
    take = ctx.lexicon("capture", "verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in expel | take:
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            continue
        if not _still_going(ctx, tok):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        froms = ctx.prep_objects(tok, {"from"}) + [
            f for o in objs for f in ctx.prep_objects(o, {"from"})
        ]
        if tok.lemma_ in expel:  # "push Y out of P": Y, P
            holders = [a for o in objs for a in ctx.res.actors_at(o)]
            spots = ctx.prep_objects(tok, {"out", "of", "from"}) + [
                f for o in objs for f in ctx.prep_objects(o, {"out", "of", "from"})
            ]
        else:  # "capture P from Y": Y, P
            holders = [a for o in froms for a in ctx.res.actors_at(o)]
            spots = objs
        places = [p for o in spots for p in [ctx.res.place_at(o)] if p]
        doers = set(ctx.subject_actors(tok))  # "forces who try to expel them": not themselves
        for h in dict.fromkeys(a for a in holders if a not in doers):
            for p in dict.fromkeys(places):
                if ctx.res.place_class(p) != "Country":
                    yield ctx.relation(sent, "controls", h, p, "held-against", tok)


def _ended_or_sought(ctx: ArticleContext, noun: Token) -> bool:
    """True when the words around a control noun end it or only seek it: "lost its grip on
    P", "the end of X's control of P", "X's control of P collapsed", "sought to extend its
    control over P" (``control_noun_ends``), "X's former hold on P", or a negated or only
    possible verb above it."""
    ends = ctx.lexicon_of("control_noun_ends")
    if ctx.negated(noun) or any(
        c.lower_ in ("former", "previous") or c.lemma_ in ends for c in noun.children
    ):  # "X lost control of P", which the parser may read as "lost" on "control"
        return True
    for t in itertools.islice(noun.ancestors, 3):
        if t.lemma_ in ends or t.lower_ in ends or not _stated(ctx, t):
            return True
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "aux"):
            break
    return False


@needs("control_nouns")
def control_noun(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X's control of P", "X's grip / hold on P", "Russia's occupation of P", "the occupation
    of P by X", "Russian control over P" (``control_nouns``), "X retains control of P"
    (``control_keep_verbs``); not "lost its grip on P", "the
    end of X's control of P", "seeks to extend its control over P"."""
    nouns = ctx.lexicon_of("control_nouns")
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in nouns or tok.pos_ != "NOUN":
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in", "into"):
            continue  # under-control's
        holders = modifier_actors(ctx, tok)
        holders += [a for o in ctx.prep_objects(tok, {"by"}) for a in ctx.res.actors_at(o)]
        keep = tok.head.lemma_ in ctx.lexicon_of("control_keep_verbs")
        if keep and tok.dep_ == "dobj" and not any(a for a in holders if a):
            holders = ctx.subject_actors(tok.head)  # "X retains control of P"
        spots = ctx.prep_objects(tok, {"of", "on", "over"})
        places = [p for o in spots for t in (o, *o.conjuncts) for p in [ctx.res.place_at(t)] if p]
        if not holders or not places or _ended_or_sought(ctx, tok):
            continue
        for h in dict.fromkeys(holders):
            for p in dict.fromkeys(places):
                if h != p:
                    yield ctx.relation(sent, "controls", h, p, "control-noun", tok)


@needs("stay_verbs")
def stayed_in(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Israeli forces will remain in southern Lebanon", "Russian troops stayed in P": an armed
    side that stays in a place holds it (``stay_verbs``; ``stay_holder_classes``); not a whole
    country ("remain in Syria"), not "could remain", "no longer remain", nor civilians, persons,
    governments or missions."""
    verbs = ctx.lexicon_of("stay_verbs")
    classes = ctx.lexicon_of("stay_holder_classes")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or not _stated(ctx, tok):
            continue
        goes_on = any(c.dep_ == "aux" and c.lower_ in ("will", "would") for c in tok.children)
        if ctx.negated(tok) or (ctx.unreal(tok) and not goes_on):
            continue  # "once remained in P"; "will / would remain in P" states it goes on
        places = [p for o in ctx.prep_objects(tok, {"in"}) for p in [ctx.res.place_at(o)] if p]
        places = [p for p in places if ctx.res.place_class(p) != "Country"]
        holders = [a for a in ctx.subject_actors(tok) if ctx.actor_class(a) in classes]
        for h in dict.fromkeys(holders):
            for p in dict.fromkeys(places):
                yield ctx.relation(sent, "controls", h, p, "stayed-in", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    held_by,
    x_held,
    stronghold,
    control_verb,
    under_control,
    held_against,
    control_noun,
    stayed_in,
)
