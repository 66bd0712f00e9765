"""Offensives: "X's advance to P", "a push by X", "their offensive to take P", "X pushed
towards P".

Each rule reads one sentence and yields :class:`~kg.extract.events.Found` events, like the
capture rules of :mod:`kg.extract.events`; the words they look for are the ``offensive``
entry of ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.attacks import own_actors
from kg.extract.context import ArticleContext
from kg.extract.eventrefs import BACK, definite
from kg.extract.events import (
    Found,
    clause_verb,
    forces_of,
    is_actor_only,
    located_places,
    make_event,
    on_a_site,
    subject_token,
    supporters_of,
    taking_part,
    target_actors,
    targeted_subject,
    where_place,
)
from kg.extract.gates import needs
from kg.extract.hostility import modifier_actors
from kg.extract.placing import town_first
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES"]


def _side_place(ctx: ArticleContext, tok: Token) -> str | None:
    """ "on the Iraqi side": the country a demonym names."""
    for t in tok.subtree:
        if t.lower_ == "side":
            for c in t.children:
                if c.dep_ in ("amod", "compound"):
                    st = ctx.res.gaz.by_demonym(c.text)
                    if st is not None and ctx.res.entry(st.name, "place") is not None:
                        ctx.res.ensure_place(st.name, "Country", "gazetteer")
                        return st.name
    return None


def aim_place(ctx: ArticleContext, tok: Token) -> str | None:
    """The place an offensive is launched to take: "a drive to seize control of P",
    "a push to recapture P" (a place under the clause that says its aim); also a battle's
    ("the battle to retake P": kg.extract.battles).

    >>> # "the offensive to retake Mosul began": Mosul
    """
    verb = clause_verb(tok)
    # the parser may hang "to take P" on the verb of the clause instead of on the noun
    later = [c for c in verb.children if c.dep_ == "advcl" and c.i > tok.i]
    aims = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    aims += [c for c in later if any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
    for c in aims:
        if c.pos_ == "VERB" and not is_actor_only(ctx, c):
            it = _aimed_it(ctx, c)
            if it is not None:
                return it
            places = located_places(ctx, list(c.subtree))
            towns = [p for p in places if ctx.res.place_class(p) != "Country"]
            if towns or places:
                return (towns or places)[0]
    return None


def _aimed_it(ctx: ArticleContext, aim: Token) -> str | None:
    """The place "it" stands for as the object of an offensive's aim ("P fell to Y in 2014.
    The assault to retake it began ...": the parser may hang "it" elsewhere, right after the
    verb): the town or province named last in this sentence or the one before, none else."""
    nxt = ctx.doc[aim.i + 1] if aim.i + 1 < len(ctx.doc) else None
    if (
        nxt is None
        or nxt.lower_ != "it"
        or any(c.dep_ == "dobj" and c.i != nxt.i for c in aim.children)
    ):
        return None
    sent = aim.sent
    start = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in reversed(ctx.doc[start : aim.i]):
        p = ctx.res.place_at(t) if t.pos_ == "PROPN" else None
        if p is not None and ctx.res.place_class(p) in ("Settlement", "Province"):
            return p
    return None


def _unstated_place(
    ctx: ArticleContext,
    sent: Span,
    tok: Token,
    sides: list[str],
    aimed: int = 0,
    targeted: Token | None = None,
) -> str | None:
    """Where an offensive the noun ``tok`` names is when no preposition of its own says:
    its side or aim, a "where" clause, a place under the noun or its verb, the one town of
    the sentence, else the country of those it is aimed at or of those who wage it
    (``sides``: the first ``aimed`` are targets) — not the waging state's own country when
    the article is about another ("an air campaign led by Saudi Arabia" in an article on
    Yemen: Yemen); none when an actor is ``targeted`` ("Y has been the target of a Russian
    offensive": :func:`_at_someone`)."""
    if _at_someone(ctx, targeted):
        return None
    place = _side_place(ctx, tok) or aim_place(ctx, tok) or where_place(ctx, tok)
    if place is None:
        # "launched an offensive against the YPG in Afrin": a place under the noun or verb
        scope = list(tok.subtree)
        if tok.dep_ == "dobj":
            scope += [t for c in tok.head.children if c.dep_ == "prep" for t in c.subtree]
        near = [p for p in ctx.res.places_in(scope) if ctx.res.place_class(p) != "Country"]
        place = near[0] if near else None
    if place is None:
        # a town or region the sentence names elsewhere ("Armenians in Nagorno-Karabakh
        # agreed to disarm after Azerbaijan's offensive")
        near = [p for p in located_places(ctx, list(sent)) if ctx.res.place_class(p) != "Country"]
        place = near[0] if len(set(near)) == 1 else None
    main = ctx.res.main_country()
    for n, a in enumerate(sides if place is None else []):
        country = ctx.res.country_of_actor(a)
        if n >= aimed and main and country != main and ctx.actor_class(a) == "State":
            country = main  # a state waging war abroad
        if country and ctx.res.entry(country, "place"):
            ctx.res.ensure_place(country, "Country", "gazetteer")
            return country
    return place


def _told_again(ctx: ArticleContext, tok: Token) -> bool:
    """Whether the offensive noun ``tok`` may be one the article told before: definite ("the
    RSF assault", "its offensive") and with no phrase of its own saying where or whither (no
    preposition but "by", no side, no aim)."""
    if not definite(tok) or any(c.dep_ == "prep" and c.lower_ != "by" for c in tok.children):
        return False
    return _side_place(ctx, tok) is None and aim_place(ctx, tok) is None


def _named_operation(tok: Token) -> bool:
    """True for the head of a named military operation: "Operation Peace Spring", "Operation
    1027" (the head of the name, with "Operation" first)."""
    if tok.pos_ not in ("PROPN", "NUM") or tok.dep_ == "compound":
        return False
    first = min([tok, *[c for c in tok.children if c.dep_ == "compound"]], key=lambda t: t.i)
    return first.lower_ == "operation" and first.is_title


def _launched_by(ctx: ArticleContext, tok: Token, nouns: frozenset[str]) -> Token | None:
    """Who launched the offensive of "an offensive the LNA's fighters launched in May", which
    the parser reads as an adjective before the launchers ("offensive ... forces launched"):
    the noun it hangs on, when a verb of launching follows that noun."""
    if tok.dep_ != "amod" or tok.lower_ not in nouns:
        return None
    head = tok.head
    while head.dep_ in ("poss", "nmod", "compound") and head.head.i > head.i:
        head = head.head  # "an offensive RSF's fighters launched": offensive > RSF > fighters
    launched = [
        c
        for c in head.children
        if c.dep_ in ("acl", "relcl") and c.lemma_ in ctx.lexicon("offensive", "launch")
    ]
    return head if launched and head.i > tok.i + 1 and not ctx.negated(launched[0]) else None


def _owners(ctx: ArticleContext, tok: Token) -> list[str]:
    """The owner the words before an offensive noun name ("a Russian offensive", "a Somali
    army counteroffensive": :func:`kg.extract.attacks.own_actors`); none after "anti-" or
    "counter-", which name its enemy ("an anti-ISIS offensive", "a counter-Houthi push")."""
    doc = ctx.doc
    for t in (w for c in tok.lefts for w in c.subtree):
        against = t.lower_ in ("anti", "counter") and t.i + 2 < len(doc)
        if against and doc[t.i + 1].text == "-" and doc[t.i + 2].i != tok.i:
            return []
    return own_actors(ctx, tok)


def _figurative(ctx: ArticleContext, tok: Token) -> bool:
    """Whether a modifier of ``offensive.figurative`` makes the offensive noun ``tok`` no
    military push ("a diplomatic / charm / cyber / propaganda offensive")."""
    words = ctx.lexicon("offensive", "figurative")
    return any(c.dep_ in ("amod", "compound") and c.lower_ in words for c in tok.children)


def _unarmed_by(ctx: ArticleContext, bys: list[Token]) -> bool:
    """True when the "by" phrase of an offensive noun names people who are no party at all
    ("an offensive by critics in parliament", "a push by lawmakers"): common nouns naming no
    actor, no word of ``actor_heads``, no number ("by thousands of troops" is a force).

    >>> from kg.extract.nlp import load_model
    >>> doc = load_model()("It faced an offensive by critics.")
    >>> [t.text for t in doc if t.dep_ == "pobj"]
    ['critics']
    """
    heads = ctx.lexicon_of("actor_heads")
    return bool(bys) and all(
        b.pos_ == "NOUN"
        and not b.like_num
        and b.lower_ not in heads
        and not ctx.res.actors_at(b)
        and not ctx.prep_objects(b, {"of"})
        for b in bys
    )


def _misparsed_by(tok: Token) -> list[Token]:
    """The doer of "repelled an offensive by X" when the parser hangs "by X" on the active
    verb the noun is the object of (an "agent" of a verb with no passive)."""
    verb = tok.head
    if tok.dep_ != "dobj" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return []
    return [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def _targeted(
    ctx: ArticleContext, tok: Token, noun: bool, agents: list[str], bys: list[Token]
) -> tuple[Token | None, list[str], list[Token]]:
    """ "P has been the target of a (Russian) offensive (by X)", "P became the focus of an
    assault": the subject P (:func:`~kg.extract.events.targeted_subject`, for
    ``offensive.target_offensives`` only: not "the focus of a diplomatic push"), with the
    doers and "by" objects: those given, else the target noun's "by" phrase or the offensive
    noun's modifiers ("Russian"), or none; (None, ``agents``, ``bys``) for any other noun."""
    if not noun or tok.lemma_ not in ctx.lexicon("offensive", "target_offensives"):
        return None, agents, bys
    targeted, target_bys = targeted_subject(ctx, tok)
    if targeted is None or agents:
        return targeted, agents, bys
    bys = bys or target_bys
    return (
        targeted,
        [a for o in bys for a in ctx.res.actors_at(o)] or modifier_actors(ctx, tok),
        bys,
    )


def _at_someone(ctx: ArticleContext, targeted: Token | None) -> bool:
    """True when the subject of "Y has been the target of a (Russian) offensive" names an actor
    (a person, a group), not a place: the offensive is at no place the text says (the owner
    "Russian" is its doer, never its place)."""
    return targeted is not None and bool(ctx.res.actors_at(targeted))


def _where_targeted(ctx: ArticleContext, targeted: Token | None) -> str | None:
    """The place the subject of "P has been the target of an offensive" names ("the area
    around P": P), a town before the region it lies in."""
    if targeted is None:
        return None
    return next(iter(town_first(ctx, located_places(ctx, list(targeted.subtree)))), None)


@needs("events.offensive.nouns", words=("operation",))
def offensives(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X's advance to P", "a push by X", "their offensive to flush out Y", "Y faces a push",
    "X launched Operation Spiderweb" (a named operation), "a Russian offensive" (its owner)."""
    nouns = ctx.lexicon("offensive", "nouns")
    launch = ctx.lexicon("offensive", "launch")
    for tok in ctx.tokens(sent):
        launcher = _launched_by(ctx, tok, nouns)
        # "mounted a counteroffensive near P": the tagger may take the noun for an adjective
        nominal = tok.pos_ == "NOUN" or (tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "nsubj"))
        noun = nominal and tok.lemma_ in nouns
        if not noun and launcher is None and not _named_operation(tok):
            continue
        if tok.lemma_ in ctx.lexicon("attack", "site_nouns") and on_a_site(ctx, tok):
            continue  # "an assault on an army base": an attack (kg.extract.attacks)
        if ctx.negated(tok) or (noun and _figurative(ctx, tok)):
            continue  # "X did not launch the offensive", "a diplomatic / charm offensive"
        agents: list[str] = []
        agent_tok: Token | None = launcher
        dated: Token | None = None  # "launched in April": the date of the launch
        if launcher is not None:
            agents = ctx.res.actors_at(launcher)
            dated = next(c for c in launcher.children if c.lemma_ in launch)
        for c in tok.children:
            if c.dep_ == "poss":
                agents = ctx.res.actors_at(c, conj=False)
                if c.pos_ == "PRON" and c.lower_ in ("their", "its"):
                    subj_tok = subject_token(clause_verb(tok)) if tok.head.i != tok.i else None
                    if subj_tok is not None and ctx.res.actors_at(subj_tok, conj=False):
                        agents = ctx.res.actors_at(subj_tok, conj=False)
                        agent_tok = subj_tok
        bys = ctx.prep_objects(tok, {"by"}) or _misparsed_by(tok)
        if not agents:
            agents = [a for o in bys for a in ctx.res.actors_at(o)]
        if not agents and tok.dep_ == "dobj" and tok.head.lemma_ in launch:
            agent_tok = subject_token(tok.head)
            agents = ctx.subject_actors(tok.head)
        for c in tok.children if not agents else []:
            # "an offensive (that) the LNA's fighters launched in May"
            if c.dep_ in ("relcl", "acl") and c.lemma_ in launch and not ctx.negated(c):
                agent_tok = subject_token(c)  # "launched by X": the passive's doer
                agents = (
                    ctx.passive_agents(c) if agent_tok is None else ctx.res.actors_at(agent_tok)
                )
        # "a Russian push"; "X regained P in a lightning offensive"
        agents = agents or (_owners(ctx, tok) if noun else []) or taking_part(ctx, tok)
        if not agents and tok.dep_ == "nsubj" and tok.head.lemma_ in launch:
            agent_tok, agents = _begun_with(ctx, tok.head)  # "the assault began, with X ..."
        targeted, agents, bys = _targeted(ctx, tok, noun, agents, bys)  # "P was the target of"
        if (not agents and targeted is None) or (not agents and _unarmed_by(ctx, bys)):
            continue  # "P has been the target of an offensive by critics": a figure of speech
        agents = forces_of(ctx, agents, tok)
        supporters = supporters_of(ctx, agent_tok) if agent_tok is not None else []
        targets, place = _aims(ctx, tok, bys, tok if launcher is None else launcher)
        place = place or _where_targeted(ctx, targeted)
        told_again = place is None and noun and _told_again(ctx, tok)  # "The RSF assault, ..."
        sides = [*targets, *agents]  # "Y has been the target of an offensive": no place
        place = place or _unstated_place(ctx, sent, tok, sides, len(targets), targeted)
        targets = [t for t in dict.fromkeys(targets) if t not in agents]
        method = (
            "facing-push" if tok.dep_ == "dobj" and tok.head.lemma_ == "face" else "offensive-noun"
        )
        # "launched an air offensive / an aerial assault on P": strikes from the air (an "air
        # campaign" may be a whole war's: an offensive)
        air = tok.lemma_ in ctx.lexicon("offensive", "air_nouns") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in ("air", "aerial") for c in tok.children
        )
        f = make_event(
            ctx,
            sent,
            "Airstrike" if air else "Offensive",
            "airstrike" if air else method,
            tok,
            agents=agents,
            targets=targets,
            supporters=supporters,
            place=place,
            date_anchor=dated,
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={BACK} if told_again else set())


def _begun_with(ctx: ArticleContext, verb: Token) -> tuple[Token | None, list[str]]:
    """Who wage an offensive whose start ``verb`` tells with a "with" phrase: "the assault
    to retake P began in May, with Iraqi troops supported by Y" (the armed actors or states
    the phrase names, and its token for their supporters); not a negated or modal start."""
    if ctx.negated(verb) or ctx.unreal(verb):
        return None, []
    armed = (*ARMED_CLASSES, "State")
    for o in ctx.prep_objects(verb, {"with"}):
        found = [a for a in ctx.res.actors_at(o) if ctx.actor_class(a) in armed]
        if found:
            return o, found
    return None, []


def _aims(
    ctx: ArticleContext, tok: Token, bys: list[Token], resisted: Token
) -> tuple[list[str], str | None]:
    """Whom and where the offensive noun ``tok`` aims at: its "to / on / against ..." phrases
    (an actor is a target, else a place; "repelled an offensive by X on P": the parser may
    hang "on P" on X, one of ``bys``), the object of a clause on it ("an offensive to flush
    out Y") and who resisted it (``resisted``: the noun or what launched it, the object of
    ``offensive.resist``)."""
    to_preps = {"to", "towards", "toward", "on", "into", "in", "against", "at", "of"}
    targets: list[str] = []
    place = None
    aims = ctx.prep_objects(tok, to_preps) + [
        a for b in bys if b.i > tok.i for a in ctx.prep_objects(b, to_preps - {"of", "in"})
    ]
    for o in aims:
        if is_actor_only(ctx, o):
            targets += ctx.res.actors_at(o)
        else:
            place = place or ctx.res.place_at(o)
            # "on facilities used by X", "on Houthi positions"
            targets += target_actors(ctx, [o]) if ctx.res.place_at(o) is None else []
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            targets += [a for o in c.children if o.dep_ == "dobj" for a in ctx.res.actors_at(o)]
    if resisted.dep_ == "dobj" and resisted.head.lemma_ in ctx.lexicon("offensive", "resist"):
        targets += ctx.subject_actors(resisted.head)
    return targets, place


@needs("events.offensive.verbs", "events.offensive.near_verbs")
def advance_verbs(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X advanced / pressed on / marched towards P", "X had neared P" (``near_verbs``: the
    object the place approached; not "could near P")."""
    verbs = ctx.lexicon("offensive", "verbs")
    nears = ctx.lexicon("offensive", "near_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs | nears or ctx.negated(tok):
            continue
        if ctx.unreal(tok) or (
            tok.dep_ == "conj" and not _own_subject(tok) and ctx.unreal(tok.head)
        ):
            continue  # "X would march on P", "X could regroup and advance on P": none yet
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if tok.lemma_ in nears:
            places = [
                p for o in objs if not is_actor_only(ctx, o) for p in [ctx.res.place_at(o)] if p
            ]
        elif objs:
            continue  # "launched an offensive" is the noun's; "pushed X out" a capture
        else:
            places = [
                p
                for o in ctx.prep_objects(tok, {"towards", "toward", "on", "into", "to"})
                for p in [ctx.res.place_at(o)]
                if p
            ]
        agents = forces_of(ctx, ctx.subject_actors(tok), tok)
        if places and agents:
            f = make_event(
                ctx, sent, "Offensive", "offensive-verb", tok, agents=agents, place=places[0]
            )
            yield Found(f, tok.i, explicit_target=False)


@needs("events.offensive.intervene_verbs")
def interventions(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "In 2015 the coalition intervened against the Houthis", "France intervened in
    Mali with airstrikes": an offensive by who intervened, in the place the
    verb names, else the country of its enemy or the article's (not "could intervene")."""
    verbs = ctx.lexicon("offensive", "intervene_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs:
            continue
        if ctx.negated(tok) or ctx.unreal(tok) or ctx.requested(tok):
            continue
        agents = forces_of(ctx, ctx.subject_actors(tok), tok)
        if not agents:
            continue
        targets = [a for o in ctx.prep_objects(tok, {"against"}) for a in ctx.res.actors_at(o)]
        where = [
            p
            for o in ctx.prep_objects(tok, {"in", "into"})
            if not is_actor_only(ctx, o)
            for p in [ctx.res.place_at(o)]
            if p
        ]
        sides = [*targets, *agents]
        place = where[0] if where else _unstated_place(ctx, sent, tok, sides, len(targets))
        targets = [t for t in targets if t not in agents]
        f = make_event(
            ctx, sent, "Offensive", "intervened", tok, agents=agents, targets=targets, place=place
        )
        yield Found(f, tok.i, explicit_target=bool(targets))


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (
    offensives,
    advance_verbs,
    interventions,
)


def _own_subject(verb: Token) -> bool:
    """True when a verb has a subject of its own (a conjunct verb may share the first's)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
