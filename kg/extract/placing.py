"""Which of the places a sentence names is where an event happened.

A sentence often names several places: the town attacked, the province or country around it,
where a source is based, where fighters came from. The event rules collect the places of a
phrase or clause with :func:`~kg.extract.events.located_places`; :func:`town_first` orders
them so the most precise place inside the others comes first:

- a town or province before a loose region or a country ("in Ethiopia's Tigray region");
- a place before the places that contain it, however the sentence orders them: "in Nangarhar
  province's capital Jalalabad", "the state capital of P, Q" (Q first when the gazetteer or
  the article puts Q inside P).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.events import clause_verb, located_places, own_clause
from kg.extract.referents import sentence_numbers

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = [
    "clause_place",
    "containers",
    "other_events",
    "place_from_context",
    "place_near",
    "town_first",
]

_COARSE = {"Region": 1, "Country": 2}


def containers(ctx: ArticleContext, place: str) -> set[str]:
    """The places that contain ``place``: its gazetteer ancestors, else the parent chain the
    article gave it ("Sagaing's Ayadaw township": Sagaing), and its country; for a place
    neither knows, the country the article is about.

    Examples
    --------
    For "Jalalabad" the containers are Nangarhar Province and Afghanistan.
    """
    res = ctx.res
    out = set(res.gaz.ancestors(place))
    ent = res.reg.entities.get("place:" + place)
    for _ in range(4):  # the article's own chain, for places the gazetteer does not know
        if ent is None or not ent.parent or ent.parent in out:
            break
        out.add(ent.parent)
        out.update(res.gaz.ancestors(ent.parent))
        ent = res.reg.entities.get("place:" + ent.parent)
    country = res.country_of_place(place)
    if country and country != place:
        out.add(country)
    if not out and res.entry(place, "place") is None:  # a village no one places: in the
        main = res.main_country()  # country the article is about
        if main and main != place:
            out.add(main)
    return out


def town_first(ctx: ArticleContext, places: list[str]) -> list[str]:
    """Places with those inside a country before the countries ("in Ethiopia's Tigray
    region": Tigray first), a province or town before a loose region ("in northern
    Nigeria's Borno state": Borno), and a place before any of the others that contains it
    ("in Nangarhar province's capital Jalalabad": Jalalabad, then Nangarhar)."""
    if len(places) < 2:
        return list(places)
    inside = {p: containers(ctx, p) for p in places}
    outer = {p for p in places if any(p in inside[q] for q in places if q != p)}
    return sorted(places, key=lambda p: (_COARSE.get(ctx.res.place_class(p), 0), p in outer))


def _origin(ctx: ArticleContext, tok: Token) -> bool:
    """True for a token inside a "from" phrase of a verb of coming or striking: where
    someone came or struck from ("crossed from P", "launch raids from P"; not "the toll
    from strikes on P", "died from attacks in P": ``origin_verbs``; nor a phrase naming the
    doers, "an attack from X fighters near P")."""
    verbs = ctx.lexicon_of("origin_verbs")
    # "a soldier of the Kenyan contingent", "a citizen of Kenya": whose, not where
    people = ctx.lexicon("casualties", "one_person_nouns")
    citizens = ctx.lexicon("casualties", "nationality_nouns")
    if tok.lemma_.lower() in citizens:
        return True  # the noun itself, which names the place of its "of" phrase
    return any(
        t.dep_ == "prep"
        and (
            (t.lower_ == "from" and t.head.lemma_.lower() in verbs and not _doers(ctx, t))
            or (t.lower_ == "from" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in people)
            or (t.lower_ == "of" and t.head.lemma_.lower() in citizens)
        )
        for t in [tok, *tok.ancestors][:4]
    )


def _doers(ctx: ArticleContext, prep: Token) -> bool:
    """True for a "from" phrase that names who struck, not where from: "came under attack
    from X fighters near P" (P is where the attack was)."""
    return any(
        o.dep_ == "pobj" and ctx.res.place_at(o) is None and ctx.res.actors_at(o)
        for o in prep.children
    )


def place_near(ctx: ArticleContext, sent: Span, own: list[Token], clause: Token) -> str | None:
    """A place in the phrase itself, else in its clause (a town before a country), else
    the only place of the sentence; not one a "from" phrase names as an origin.

    Examples
    --------
    In "battles have raged in P since the militants crossed from Q" the place is P, and in
    "the group launches raids from Q" no place is stated.
    """
    # the clauses the phrase's clause hangs on, nearest first ("X bombed P, while Y struck
    # Q, killing N": N died in Q, the clause of "struck", not in P)
    above = [own_clause(v) for v in clause.ancestors if v.pos_ in ("VERB", "AUX")][:2]
    for scope in (own, list(clause.subtree), *above, list(sent)):
        found = town_first(ctx, located_places(ctx, [t for t in scope if not _origin(ctx, t)]))
        if found:
            return found[0]
    return None


def place_from_context(ctx: ArticleContext, found: list[Found]) -> None:
    """Give an event its own sentence does not place the place of the latest event placed
    by an earlier sentence, up to ``events.place_window`` sentences back (``rules.yaml``):
    "Rebels shelled P on Monday. The army hit back within hours" puts the reprisal in P.
    No event lends its place backwards, an event two sentences further on keeps none, a
    place lent is not lent on, and none comes from the event's own sentence (which placed
    it, or chose not to: "strikes on P in retaliation for the attacks on Y"). A casualty
    report that names its own cause ("died in Saturday's floods") takes none. The evidence
    then runs from the sentence that names the place to the event's own, so the quote
    shows the words for every part of the fact.

    Run once the article's events are merged, so that a restatement without a place still
    joins the event it restates rather than taking a neighbour's place.

    Examples
    --------
    In "Ethiopian troops shelled the town of P on Saturday. Hours later, the TDF retaliated,
    killing 12 soldiers." the reprisal is placed in P, with both sentences as its evidence;
    in "... Two soldiers were killed in clashes." the report names its own cause and stays
    unplaced.
    """
    window = int(ctx.rules["events"]["place_window"])
    at = sentence_numbers(ctx.doc)

    def sentence(f: Found) -> int:
        return at(ctx.doc[f.trigger].idx)

    # placed by their own sentences, in the order stated: a place lent is not lent on
    placed = sorted((f for f in found if f.fact.place), key=lambda f: f.trigger)
    for f in sorted(found, key=lambda f: f.trigger):
        if f.fact.place or "own-cause" in f.tags:
            continue  # "Six people died in Saturday's floods": not the event before's dead
        # an earlier sentence: the event's own sentence placed it or chose not to ("strikes
        # on P in retaliation for the attacks on Y": those attacks are not in P)
        near = [g for g in placed if 0 < sentence(f) - sentence(g) <= window]
        if not near:
            continue
        lender = near[-1]
        f.fact.place = lender.fact.place
        start = min(ctx.doc[lender.trigger].sent.start_char, f.fact.evidence.char_start)
        end = f.fact.evidence.char_end
        f.fact.evidence = replace(
            f.fact.evidence, quote=ctx.doc.text[start:end], char_start=start, char_end=end
        )


def other_events(ctx: ArticleContext, sent: Span) -> set[int]:
    """The tokens of the phrases of a sentence that tell of another event, before or after
    the one it states or its cause ("after attacks on shipping in P", "in retaliation for
    an attack on Q": ``events.attack.foreign_preps``, ``events.airstrike.cause_nouns``)."""
    foreign = ctx.lexicon("attack", "foreign_preps")
    why = ctx.lexicon("airstrike", "cause_nouns")
    out: set[int] = set()
    for t in sent:
        if t.dep_ != "prep":
            continue
        if t.lower_ in foreign or any(o.dep_ == "pobj" and o.lemma_ in why for o in t.children):
            out |= {x.i for x in t.subtree}
    return out


def clause_place(ctx: ArticleContext, sent: Span, tok: Token, skip: set[int]) -> str | None:
    """Where the event a noun names is, when its own phrase says nothing: the first place
    (not a country) of the clause the noun stands in, else of its sentence, less the tokens
    ``skip`` and the phrases of another event (:func:`other_events`).

    Examples
    --------
    In "X said it fired rockets at a base in P, after a Y strike killed two commanders in
    Q", the strike is in Q (its clause), not in P; in "X launched strikes on depots after
    attacks on its troops in P" the strikes have no place.
    """
    foreign = other_events(ctx, sent) | skip
    for scope in (own_clause(clause_verb(tok)), list(sent)):
        tokens = [t for t in scope if t.i not in foreign]
        found = [p for p in ctx.res.places_in(tokens) if ctx.res.place_class(p) != "Country"]
        if found:
            return found[0]
    return None
