"""Who took part in an operation the article told of before: "The Saudi-led coalition bombed
Houthi positions in Sanaa. Bahrain and Kuwait said their jets took part in the operation."

- **took-part**: a verb of taking part (``participants: verbs``: "took part in",
  "participated in", "joined") or a noun of it ("its involvement in", "their participation
  in"; ``participants: nouns``) in a definite operation noun with no doer of its own ("the
  operation", "the air strikes"; ``participants: event_nouns``) refers back to the latest
  hostile event an earlier sentence states with a doer, of the noun's kind ("the air
  strikes": an air strike; ``participants: kinds``; "the operation", of no kind: only when
  the events of the three sentences before are one side's; of an air strike when aircraft
  took part: "planes from several countries took part in the operation"): those taking part
  are members of the coalition that did it, or that its doer leads ("the Saudi-led coalition
  ... Saudi Arabia launched air strikes"), else allies of its doers, and fight its targets.
  Those taking part are the clause's subject (a noun of taking part: its possessor), with a
  list "including" A, B and C on it or on the operation noun ("planes from several countries
  took part in the operation, including A and B"); only states and armed actors.

- **allies-fight**: "X and their Y allies captured P from Z": allies named in the doer's
  subject take part in what it does, and fight whom it fights there (a sentence rule, run on
  the relations the rules found in each sentence).

Not negated, modal or refused ("could take part", "declined to join the strikes"), nor an
operation with a doer of its own ("took part in Russia's offensive" is read by the helper
rules), nor talks ("took part in the talks": no operation noun).

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2015, 3, 27)),
...     "The Saudi-led coalition launched air strikes on Houthi positions in Sanaa on Thursday."
...     " Bahrain said its jets took part in the operation.",
... )
>>> sorted((r.type, r.subject, r.object) for r in facts.relations if r.subject == "Bahrain")
[('fights', 'Bahrain', 'Houthis'), ('memberOf', 'Bahrain', 'Saudi-led coalition')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.extract.referents import event_referent, sentence_numbers
from kg.model import ARMED_CLASSES, EventFact, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["allies_fight", "participant_relations"]

#: sentences before a statement of taking part whose events must agree on the side joined
WINDOW = 3
#: events whose doers others may join, taking their side against the targets
_JOINED = frozenset({"Airstrike", "Attack", "Offensive", "Bombardment", "Capture", "Siege"})


def _words(ctx: ArticleContext, key: str) -> frozenset[str]:
    return ctx.rule_words("participants", key)


def _operation(ctx: ArticleContext, tok: Token) -> Token | None:
    """The operation noun after "in" on ``tok`` (or ``tok``'s object for "joined"), when it
    is definite and names no doer of its own."""
    nouns = _words(ctx, "event_nouns")
    objs = ctx.prep_objects(tok, {"in"})
    if tok.lemma_ == "join":
        objs += [c for c in tok.children if c.dep_ == "dobj"]
    for o in objs:
        if o.lemma_.lower() not in nouns and o.lower_ not in nouns:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "this") for c in o.children):
            continue
        own = [c for c in o.children if c.dep_ in ("poss", "compound", "amod")]
        if any(ctx.word_actors(c) for c in own) or ctx.prep_objects(o, {"by"}):
            continue  # "took part in Russia's offensive": a doer of its own
        return o
    return None


def _stated(ctx: ArticleContext, verb: Token) -> bool:
    """Whether taking part is stated: not negated, modal, or refused ("declined to join")."""
    if ctx.negated(verb) or ctx.unreal(verb) or ctx.disowned(verb):
        return False
    return not (verb.dep_ == "xcomp" and verb.head.lemma_ in _words(ctx, "refusal_verbs"))


def _included(ctx: ArticleContext, toks: list[Token]) -> list[str]:
    """Actors an "including" / "such as" list on any of ``toks`` names."""
    out: list[str] = []
    for t in toks:
        for c in t.children:
            such_as = c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
            if c.lower_ in ("including", "include") or such_as:
                out += [a for g in c.children if g.dep_ == "pobj" for a in ctx.res.actors_at(g)]
    return out


def _owners(ctx: ArticleContext, subj: Token) -> list[str]:
    """Who a subject of taking part names: its actors, those it comes from ("planes from
    several countries"), or its possessor ("their jets": whom "their" means)."""
    out = ctx.res.actors_at(subj)
    out += [a for o in ctx.prep_objects(subj, {"from"}) for a in ctx.res.actors_at(o)]
    poss = [c for c in subj.children if c.dep_ == "poss"]
    verb = subj.head
    if not out and poss and poss[0].pos_ == "PRON" and verb.dep_ == "ccomp":
        # "Bahrain and Kuwait said their jets took part": the speakers
        speakers = [c for c in verb.head.children if c.dep_ == "nsubj"]
        out = [a for t in speakers for c in (t, *t.conjuncts) for a in ctx.word_actors(c)]
    if not out:
        out = [a for c in poss for a in ctx.res.actors_at(c)]
    return out


def _takers_part(ctx: ArticleContext, sent: Span) -> list[tuple[Token, Token, list[str], bool]]:
    """Each statement of taking part in ``sent``: its word, the operation noun, who took part
    (read only for a statement that stands: a state named is then an actor of the article),
    and whether aircraft took part ("planes from several countries took part": ``air_heads``)."""
    out = []
    for tok in ctx.tokens(sent):
        takes = tok.lemma_ == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "part" for c in tok.children
        )
        if tok.pos_ == "VERB" and (takes or tok.lemma_ in _words(ctx, "verbs")):
            verb, deps = tok, ("nsubj",)
        elif tok.pos_ == "NOUN" and tok.lemma_ in _words(ctx, "nouns"):
            verb, deps = (tok.head if tok.head.pos_ in ("VERB", "AUX") else tok), ("poss",)
        else:
            continue
        op = _operation(ctx, tok)
        if op is None or not _stated(ctx, verb):
            continue
        subj = [c for c in tok.children if c.dep_ in deps]
        who = [a for s in subj for a in _owners(ctx, s)]
        if not who and verb is tok:
            who = ctx.subject_actors(tok)
        who += _included(ctx, [*subj, op])
        air = any(s.lower_ in ctx.rules["air_heads"] for s in subj)
        out.append((tok, op, list(dict.fromkeys(who)), air))
    return out


def _joined_event(
    ctx: ArticleContext, events: list[EventFact], op: Token, sent: Span, air: bool = False
) -> EventFact | None:
    """The event the operation noun ``op`` refers back to: the latest hostile event with a
    doer an earlier sentence states, of the noun's kind ("the air strikes": an air strike;
    ``participants: kinds``; "the operation" that aircraft took part in, ``air``: the kind of
    ``participants: air_kind``); for a noun of no kind ("the operation"), only when the events
    of the last ``WINDOW`` sentences before are all done by one side
    (:func:`kg.extract.referents.event_referent`)."""
    kinds: dict[str, list[str]] = ctx.rules["participants"]["kinds"]
    kind = kinds.get(op.lemma_.lower()) or kinds.get(op.lower_)
    if kind is None and air:
        kind = kinds.get(ctx.rules["participants"]["air_kind"])
    number = sentence_numbers(ctx.doc)
    here = number(sent.start_char)

    def at(e: EventFact) -> int:
        return number(e.evidence.char_start)

    def one_side(latest: EventFact, rivals: Sequence[EventFact]) -> bool:
        if kind is not None:
            return True
        recent = [e for e in rivals if here - at(e) <= WINDOW] or [latest]
        return all(
            a == b or ctx.same_side(a, b) for e in recent for a in e.agents for b in latest.agents
        )

    return event_referent(
        events,
        here,
        at,
        lambda e: e.type,
        [_JOINED if kind is None else _JOINED & set(kind)],
        fits=lambda e: bool(e.agents),
        agree=one_side,
    )


def _led_coalitions(ctx: ArticleContext, relations: Sequence[RelationFact]) -> dict[str, str]:
    """The coalition each actor leads by the article's words ("the Saudi-led coalition", "a
    coalition led by Saudi Arabia": the led-compound and led-by memberships)."""
    return {
        r.subject: r.object
        for r in relations
        if r.type == "memberOf"
        and r.evidence.method in ("led-compound", "led-by")
        and ctx.actor_class(r.object) == "Coalition"
    }


def participant_relations(
    ctx: ArticleContext, events: list[EventFact], relations: Sequence[RelationFact] = ()
) -> list[RelationFact]:
    """Memberships, alliances and fights of those who took part in an operation an earlier
    sentence told of (see the module).

    Parameters
    ----------
    ctx
        The article's context.
    events
        The article's events, as final.
    relations
        The relations found so far: a doer that leads a coalition the article names
        ("Saudi Arabia launched air strikes" after "the Saudi-led coalition") is joined in
        that coalition.

    Returns
    -------
    list of RelationFact
        For each taker part: memberOf the doer when a coalition (or the coalition the doer
        leads), else alliedWith its doers; fights its targets.
    """
    out: list[RelationFact] = []
    armed = (*ARMED_CLASSES, "State")
    led = _led_coalitions(ctx, relations)
    for sent in ctx.doc.sents:
        for tok, op, who, air in _takers_part(ctx, sent):
            ev = _joined_event(ctx, events, op, sent, air)
            if ev is None:
                continue
            evidence = ctx.evidence(sent, "took-part", ctx.hedged(tok))
            for p in who:
                if ctx.actor_class(p) not in armed or p in ev.agents:
                    continue
                if any(ctx.same_side(p, a) for a in ev.agents):
                    continue
                for a in dict.fromkeys(led.get(a, a) for a in ev.agents):
                    kind = "memberOf" if ctx.actor_class(a) == "Coalition" else "alliedWith"
                    if a != p:
                        out.append(RelationFact(kind, p, a, evidence))
                out += [
                    RelationFact("fights", p, t, evidence)
                    for t in ev.targets
                    if t != p and not ctx.same_side(p, t)
                ]
    return out


def allies_fight(ctx: ArticleContext, sent: Span, facts: list[RelationFact]) -> list[RelationFact]:
    """Allies named beside the doer in one subject fight whom the doer fights there: "Ethiopian
    troops and their Eritrean allies captured Shire from the TPLF", "Ethiopian troops and
    their Eritrean allies launched an offensive against the TPLF" (an ally noun of ``ally_nouns``
    with a possessive pronoun, a conjunct of a clause's subject; its alliance read by
    allies-possessive). ``facts`` are the relations the rules found in ``sent``."""
    fights = [f for f in facts if f.type == "fights"]
    allied = [
        f for f in facts if f.type == "alliedWith" and f.evidence.method == "allies-possessive"
    ]
    if not fights or not allied:
        return []
    nouns = set(ctx.rules["ally_nouns"])
    subject_allies = [
        t
        for t in ctx.tokens(sent)
        if t.lemma_ in nouns
        and t.dep_ == "conj"
        and t.head.dep_ == "nsubj"
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
    ]
    out: list[RelationFact | None] = []
    for noun in subject_allies:
        partners = set(ctx.res.actors_at(noun, conj=False))
        partners |= {
            a for c in noun.children if c.dep_ in ("amod", "compound") for a in ctx.word_actors(c)
        }
        for a in allied:
            if a.object not in partners:
                continue
            for f in fights:
                for doer, enemy in ((f.subject, f.object), (f.object, f.subject)):
                    if (
                        doer == a.subject
                        and enemy != a.object
                        and not ctx.same_side(a.object, enemy)
                    ):
                        out.append(
                            ctx.relation(sent, "fights", a.object, enemy, "allies-fight", noun)
                        )
    return [r for r in out if r is not None]
