"""Battles: fighting with two sides, or at a stated place.

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events; the words
are the ``battle`` entry of ``rules.yaml``. :func:`battle_sides` gives a battle whose sentence
names fewer than two sides those of the article's other statements.

- **battle**: "fighting between X and Y in P", "the battle for P", "X clashed with Y in P",
  "X and Y clashed in P", "fighting raged in P", "X entered P after days of fighting with Y".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.attacks import NOMINAL, clause_of, own_actors
from kg.extract.context import ArticleContext
from kg.extract.events import Found, located_places, make_event
from kg.extract.gates import needs
from kg.extract.offensives import aim_place
from kg.extract.placing import place_near, town_first
from kg.extract.tallies import toll
from kg.extract.voice import is_perfect, voiced_objects
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.model import EventFact

__all__ = ["RULES", "battle_sides"]


def _parties(ctx: ArticleContext, tok: Token) -> tuple[list[str], list[str]]:
    """The sides of a fight noun: "between X and Y", "X's war with Y", "X clashed with Y"
    (all as parties), and "X entered P after days of fighting with Y" (X the party, Y the
    foe)."""
    out: list[str] = []
    # "clashes broke out between X and Y": the parser may hang "between" on the verb
    heads = [tok, tok.head] if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" else [tok]
    # "fighting broke out in P between X and Y": or on the place
    heads += [o for h in heads[1:] for o in ctx.prep_objects(h, {"in", "around", "near"})]
    for prep in [c for h in heads for c in h.children]:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for p in prep.subtree:
                if p.dep_ in ("pobj", "conj", "nmod", "appos") or p.pos_ == "PRON":
                    out += ctx.res.actors_at(p, conj=False)
    if out:
        out += _other_side(ctx, tok)
    out += own_actors(ctx, tok)
    out += _launchers(ctx, tok)
    foes = [a for o in ctx.prep_objects(tok, {"with", "against"}) for a in ctx.res.actors_at(o)]
    verb = tok.head.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and verb.pos_ in ("VERB", "ADJ"):
        # "X is locked in fighting with Y", "X engaged Y in heavy fighting"
        dying = verb.lemma_ in ctx.lexicon("casualties", "verbs")
        # "X soldiers were killed and N wounded in clashes with Y": the dead of the first verb
        verbs = [verb, verb.head] if dying and verb.dep_ == "conj" else [verb]
        objs = [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        named = [a for o in objs for a in ctx.res.actors_at(o)]
        # the dead are sides only beside a foe or one another ("X soldiers were killed in
        # clashes with Y", "X soldiers and Y fighters were killed in clashes"), not one
        # actor's ("two UN peacekeepers were killed in fighting in P": caught in it)
        out += named if not dying or foes or len(set(named)) > 1 else []
    elif not out and (when := _when_of(tok)) is not None:
        # "X entered P after days of fighting with Y": X fought Y; "X retreated from P after
        # a day of fighting", "X and Y agreed to a truce after two days of fighting": the
        # doers fought (not the dead: "N were killed after days of fighting")
        doers = [] if voiced_objects(when)[0] else ctx.subject_actors(when)
        if doers:
            return doers, [f for f in foes if f not in doers]
    return list(dict.fromkeys(out + foes)), []


def _between_places(ctx: ArticleContext, tok: Token) -> list[Token]:
    """The objects of the place phrases the parser hangs inside the "between" phrase of a
    fight noun or its verb: "fighting broke out between X and Y in P" (on Y).

    >>> # "clashes erupted between soldiers and separatists in Bamenda": Bamenda's token
    """
    heads = [tok, tok.head] if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" else [tok]
    betweens = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "between"]
    preps = {"in", "near", "around", "at"}
    return [
        o
        for b in betweens
        for t in b.subtree
        if t.dep_ == "prep" and t.lower_ in preps
        for o in t.children
        if o.dep_ == "pobj"
    ]


def _when_place(ctx: ArticleContext, tok: Token) -> list[str]:
    """Where the verb a fight noun is a time of says it acted: "X retreated from P after a
    day of fighting" (P), not a place of the fight noun's own phrase."""
    when = _when_of(tok)
    if when is None:
        return []
    own = {t.i for t in tok.subtree}
    preps = {"in", "from", "near", "around", "at", "into", "of"}
    toks = [t for o in ctx.prep_objects(when, preps) for t in o.subtree if t.i not in own]
    toks += [t for c in when.children if c.dep_ == "dobj" for t in c.subtree]
    return town_first(ctx, located_places(ctx, toks))


def _launchers(ctx: ArticleContext, tok: Token) -> list[str]:
    """Who began a fight noun: the subject of a verb whose object it is ("X began / launched
    the battle for P", "X waged a battle to retake P"; ``battle: launch_verbs``), not one
    merely ready for it, announcing or continuing it ("X prepared the battle", "X announced
    the clashes")."""
    verb = tok.head
    if tok.dep_ != "dobj" or verb.lemma_ not in ctx.lexicon("battle", "launch_verbs"):
        return []
    if ctx.negated(verb) or ctx.unreal(verb):
        return []
    return ctx.subject_actors(verb)


def _other_side(ctx: ArticleContext, tok: Token) -> list[str]:
    """ "between X and its allies on one side and Y on the other": Y, which the parser may
    hang anywhere in the sentence (the phrase before "on the other")."""
    out: list[str] = []
    for t in tok.sent:
        on = t.head
        if t.lower_ == "other" and t.dep_ == "pobj" and on.lower_ == "on" and on.head.i != on.i:
            out += ctx.res.actors_at(on.head, conj=False)
    return out


def _when_of(tok: Token) -> Token | None:
    """The verb a noun hangs on (through "days of") by a phrase of time: "X entered P after /
    during / amid / following (days of) fighting with Y" (None for any other noun)."""
    t = tok
    for _ in range(4):
        if t.dep_ != "pobj":
            return None
        prep = t.head
        if prep.lower_ in ("after", "during", "amid", "following") and prep.head.pos_ == "VERB":
            return prep.head
        t = prep.head  # "days of fighting": on through "days"
    return None


def _subject_sides(ctx: ArticleContext, verb: Token) -> list[str]:
    """The actors of a verb's subject, with those the parser hung inside it: in "The army
    and M23 rebels clashed" it may read "army and M23" as a modifier of "rebels"."""
    out = ctx.subject_actors(verb)
    for s in [c for c in verb.children if c.dep_ == "nsubj"]:
        for c in s.children:
            if c.dep_ in ("nmod", "compound", "amod") and any(g.dep_ == "conj" for g in c.children):
                out += [a for a in ctx.res.actors_at(c) if a not in out]
    return out


def _verb_sides(ctx: ArticleContext, tok: Token) -> tuple[list[str], list[str]] | None:
    """The sides of a fight verb: "X and Y fought Z" (X and Y one side, Z the target), "X
    clashed with Y", "X and Y clashed" (a reciprocal verb: its co-subjects fought each other);
    None when co-subjects of a verb that is not reciprocal fought someone unnamed (allies)."""
    parties = _subject_sides(ctx, tok)
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if tok.lemma_ in ctx.lexicon("battle", "engage_verbs"):
        # "X engaged Y fighters near P": only an armed object is a foe ("engaged Y in talks",
        # "engaged with Y leaders" are no fight)
        foes = [a for o in objs for a in ctx.res.actors_at(o) if a not in parties]
        armed = [a for a in foes if ctx.actor_class(a) in ARMED_CLASSES]
        talks = ctx.lexicon("negotiation", "nouns")
        if not armed or not parties or any({t.lower_, t.lemma_} & talks for t in tok.subtree):
            return None
        return list(dict.fromkeys(parties + armed)), []  # they fought each other
    foes = [
        a
        # "fought Y", "fought with Y", "fought a border war with Y"
        for o in objs + [w for t in [tok, *objs] for w in ctx.prep_objects(t, {"with", "against"})]
        for a in ctx.res.actors_at(o)
        if a not in parties
    ]
    mutual = (
        tok.lemma_ in ctx.lexicon("battle", "reciprocal")
        or any(o.lower_ in ("other", "another", *ctx.lexicon("battle", "exchanged")) for o in objs)
        # "X and Y fought for control of P": for it against each other
        or any(o.lemma_ == "control" for o in ctx.prep_objects(tok, {"for"}))
        # "X and Y fought over P": a place contested between them
        or any(ctx.res.place_at(o) for o in ctx.prep_objects(tok, {"over"}))
    )
    if len(parties) > 1 and not foes and not mutual:
        return None
    if len(parties) < 2 or mutual:  # "X clashed with Y": two sides, no stated target
        return list(dict.fromkeys(parties + foes)), []
    return parties, foes


def _scene_place(ctx: ArticleContext, tok: Token) -> list[str]:
    """Where a fight noun is, said by its verb: "fighting raged in P", "heavy fighting was
    reported around P", "P saw heavy fighting", "P has been a theatre of fighting"."""
    head = tok.head
    if (
        tok.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_ in ctx.lexicon("battle", "scenes")
    ):
        tok = head.head  # "a theatre of fighting": where the theatre is
        head = tok.head
    if tok.dep_ in ("attr", "dobj") and (head.lemma_ == "be" or head.lemma_ in ("see", "witness")):
        return [p for s in head.children if s.dep_ == "nsubj" for p in [ctx.res.place_at(s)] if p]
    if tok.dep_ not in ("nsubj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
        return []
    near = {"in", "around", "near", "at", "across", "inside", "outside", "on", "for"}
    toks = [t for o in ctx.prep_objects(head, near) for t in o.subtree]
    toks += [c for c in head.children if c.dep_ in ("advmod", "npadvmod")]  # a misparse
    # "clashes left 90 people dead in P": where the dead are
    toks += [t for c in head.children if c.dep_ in ("dobj", "oprd") for t in c.subtree]
    return town_first(ctx, located_places(ctx, toks))


def _no_battle(ctx: ArticleContext, tok: Token) -> bool:
    """A fight noun or verb stating no battle: negated ("no fighting"; "fighting did not
    stop" is fighting), a risk ("the potential for clashes"), a truce's ("a cessation of
    hostilities"), a modal ("the battle for P
    could mark ..."), or another name of an offensive ("an assault on P, a crucial battle")."""
    verb = tok if tok.pos_ == "VERB" and tok.dep_ not in NOMINAL else tok.head
    ends = ctx.lexicon("battle", "ends")
    if tok.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ends and ctx.negated(verb):
        return ctx.unreal(verb)  # "battles do not stop": they go on
    if ctx.negated(tok) or ctx.is_risk(tok):
        return True
    truces = ctx.lexicon("ceasefire", "nouns")
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in truces:
        return True  # "a cessation of hostilities": a truce, no battle
    subject = tok.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX")
    if subject and ctx.negated(verb):  # "fighting has not resumed"
        return True
    if verb.pos_ in ("VERB", "AUX") and ctx.unreal(verb) and tok.dep_ != "pobj":
        return True
    offensive = ctx.lexicon("offensive", "nouns")
    if tok.dep_ == "dobj":  # the parser may read the apposition as a second object
        return any(
            c.dep_ == "dobj" and c.i < tok.i and c.lemma_ in offensive for c in tok.head.children
        )
    return tok.dep_ == "appos" and tok.head.lemma_ in offensive


@needs("events.battle.nouns", "events.battle.verbs")
def battles(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "fighting between X and Y (in P)", "the battle for P", "X clashed with Y in P",
    "X and Y clashed in P", "fighting raged in P"."""
    nouns = ctx.lexicon("battle", "nouns")
    verbs = ctx.lexicon("battle", "verbs")
    for tok in ctx.tokens(sent):
        nounlike = tok.pos_ == "NOUN" or (tok.tag_ == "VBG" and tok.dep_ in NOMINAL)
        foes: list[str] = []
        if nounlike and (tok.lemma_ in nouns or tok.lower_ in nouns):
            parties, foes = _parties(ctx, tok)
        elif tok.pos_ == "VERB" and tok.lemma_ in verbs:
            if tok.lemma_ == "exchange" and not any(
                c.dep_ == "dobj" and c.lower_ in ctx.lexicon("battle", "exchanged")
                for c in tok.children
            ):
                continue  # "exchanged prisoners" is no fight; "exchanged fire" is
            sides = _verb_sides(ctx, tok)
            if sides is None:
                continue
            parties, foes = sides
        else:
            continue
        if _no_battle(ctx, tok):
            continue
        at = ctx.prep_objects(tok, {"for", "in", "around", "over", "at", "near", "of"})
        # "fighting broke out between X and Y in P", when a side is armed (not "between two
        # families", "between police and protesters")
        armed = any(ctx.actor_class(a) in ARMED_CLASSES for a in parties)
        at += _between_places(ctx, tok) if nounlike and armed else []
        if not nounlike:  # "clashed with Y in P": the parser may hang "in P" on Y
            # "fought (their way) into P"
            at += ctx.prep_objects(tok, {"with", "against", "into"})
            # "battling to hold P", "fought to retake P"
            at += [
                o for x in tok.children if x.dep_ == "xcomp" for o in x.children if o.dep_ == "dobj"
            ]
        stated = town_first(ctx, located_places(ctx, [t for o in at for t in o.subtree]))
        if nounlike and not stated:
            stated = _scene_place(ctx, tok) or _when_place(ctx, tok)
        if nounlike and not stated and (aim := aim_place(ctx, tok)) is not None:
            stated = [aim]  # "the battle to retake P"
        if len(parties) + len(foes) < 2 and not stated:
            continue
        place = stated[0] if stated else place_near(ctx, sent, [], clause_of(tok))
        if not nounlike and len(parties) + len(foes) < 2 and _record(ctx, tok, place):
            continue
        # "clashes between X and Y killed 25 people": the battle's dead
        killed = (
            nounlike
            and tok.dep_ == "nsubj"
            and tok.head.lemma_ in ctx.lexicon("casualties", "verbs") | {"leave"}
        )
        f = make_event(
            ctx,
            sent,
            "Battle",
            "battle",
            tok,
            agents=parties,
            targets=foes,
            place=place,
            figures=toll(ctx, tok.head) if killed else {},
        )
        yield Found(f, tok.i, explicit_target=False, tags={"battle"})


def _record(ctx: ArticleContext, verb: Token, place: str | None) -> bool:
    """True for "(X) have also fought in Syria": a perfect with no second side, placed in a
    whole country, records where a group has fought; it states no battle."""
    return is_perfect(verb) and place is not None and ctx.res.country_of_place(place) == place


def battle_sides(ctx: ArticleContext, found: list[Found]) -> None:
    """A battle whose sentence names fewer than two sides takes those of the article's
    other statements: the parties of a truce its sentence states ("fighting in P resumed
    after a truce between X and Y broke down"), else of a two-sided event at the same place
    ("X seized P from Y ... the battle for P"), else of one in the sentence before ("X
    attacked Y's positions in P. Heavy fighting raged around the city.")."""
    for f in found:
        ev = f.fact
        if ev.type != "Battle" or len(ev.agents) + len(ev.targets) >= 2:
            continue
        sent = ctx.doc[f.trigger].sent
        prev = ctx.doc[sent.start - 1].sent if sent.start > 0 else None
        sided = [g.fact for g in found if g is not f and g.fact.agents and g.fact.type in _SIDED]
        # an event at the same place names a side ("X seized P ... the battle for P"); one
        # in the sentence before must name both ("X attacked Y. Heavy fighting raged")
        # in the same month ("X seized P in 2015. Fighting raged in P this week": not X's)
        here = [
            g for g in sided if ev.place is not None and g.place == ev.place and _same_month(g, ev)
        ]
        before = [
            g
            for g in sided
            if prev is not None
            and prev.start_char <= g.evidence.char_start < prev.end_char
            and (g.targets or len(g.agents) > 1)
            and _same_setting(ctx, g, ev)
        ]
        # "fighting resumed after a truce between X and Y broke down": the truce's parties
        truce = [
            g.fact
            for g in found
            if g.fact.type == "Ceasefire"
            and len(g.fact.agents) > 1
            and sent.start_char <= g.fact.evidence.char_start < sent.end_char
        ]
        if truce:
            ev.agents, ev.targets = list(truce[0].agents), []
            continue
        for g in (here or before)[:1]:
            if g.type != "Battle" and not g.targets and len(g.agents) > 1:
                continue  # co-doers of one capture are one side, not two
            if g.type == "Battle" and not g.targets:
                ev.agents = list(g.agents)
            else:
                ev.agents, ev.targets = list(g.agents), [t for t in g.targets if t not in g.agents]
            ev.place = ev.place or g.place


def _same_setting(ctx: ArticleContext, a: EventFact, b: EventFact) -> bool:
    """False when two events differ in date ("retook P in 2013. Fighting ... on Friday") or
    happen in two countries: the sides of one say nothing of the other."""
    if a.date is not None and b.date is not None and not a.date.agrees(b.date):
        return False
    ca = ctx.res.country_of_place(a.place) if a.place else None
    cb = ctx.res.country_of_place(b.place) if b.place else None
    return ca is None or cb is None or ca == cb


def _same_month(a: EventFact, b: EventFact) -> bool:
    """False when two events are dated to different years, or months of one year."""
    if a.date is None or b.date is None:
        return True
    if a.date.year != b.date.year:
        return False
    return not (a.date.month and b.date.month) or a.date.month == b.date.month


_SIDED = frozenset({"Battle", "Capture", "Offensive", "Attack", "Bombardment", "Siege"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (battles,)
