"""Violence against civilians told by its verb: "Islamic State militants executed 20
villagers", "X beheaded 43 farmers", "gunmen abducted 30 students from a school in P",
"12 worshippers were kidnapped by X".

A verb of ``abuse.verbs`` (execute, behead, massacre, abduct, kidnap, ...) whose object, or
passive subject, names civilians (``casualties.civilian_nouns``, "people" with
``casualties.civilian_mods``) or plain people (``abuse.people``: "executed 20 men") states the
abuse; its doers are the armed actors among its subjects or its "by" phrase. Unnamed armed men
(``attack.doers``: "gunmen", "militants") leave it without agents, as an attack by them is.
The sentence rule :func:`kg.extract.combat.abuse` reads it first, then its fixed phrases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.atrocities import civilians
from kg.extract.events import located_places
from kg.extract.voice import doer_tokens
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["abuse_verb", "verb_place"]


def _victims(ctx: ArticleContext, verb: Token) -> bool:
    """Whether the object or passive subject of ``verb`` names civilians or people, or, for
    a verb of burning (``abuse.burn_verbs``), their homes or village (``abuse.homes``)."""
    people = ctx.lexicon("abuse", "people")
    burnt = verb.lemma_.lower() in ctx.lexicon("abuse", "burn_verbs")
    homes = ctx.lexicon("abuse", "homes")
    for c in verb.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        words = {c.lemma_.lower(), c.lower_}
        if burnt:
            if words & homes:
                return True
        elif civilians(ctx, c) or words & people:
            return True
    return False


def _doers(ctx: ArticleContext, verb: Token) -> list[str] | None:
    """The armed actors who do ``verb``: ``[]`` for unnamed armed men ("gunmen"), None when
    its doers are no armed men (a state's court "executed" prisoners; nobody named)."""
    doers = doer_tokens(verb)
    if not doers and verb.dep_ in ("advcl", "conj") and verb.tag_ in ("VBG", "VBD"):
        doers = doer_tokens(verb.head)  # "X stormed the village, abducting 30 women"
    unnamed = ctx.lexicon("attack", "doers")
    out: list[str] = []
    for d in doers:
        actors = [a for a in ctx.res.actors_at(d) if ctx.actor_class(a) in ARMED_CLASSES]
        out += [a for a in actors if a not in out]
        if not actors and d.lemma_.lower() not in unnamed and d.lower_ not in unnamed:
            return None
    return out if doers else None


def abuse_verb(ctx: ArticleContext, sent: Span) -> tuple[Token, list[str]] | None:
    """The verb of ``sent`` that states violence against civilians, and its armed doers.

    Examples
    --------
    "Islamic State militants executed 20 villagers in Nineveh" gives ``executed`` with
    ``["Islamic State"]``; "gunmen kidnapped 12 worshippers" gives ``kidnapped`` with ``[]``;
    "the court executed two men", "X executed a raid" and "X did not abduct the students"
    give None.
    """
    verbs = ctx.lexicon("abuse", "verbs") | ctx.lexicon("abuse", "burn_verbs")
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or not _victims(ctx, tok):
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue  # "did not abduct the students", "may have executed 20 villagers"
        doers = _doers(ctx, tok)
        if doers is not None:
            return tok, doers
    return None


#: the prepositions of where a verb of abuse was done
_WHERE = frozenset(
    {"in", "at", "near", "outside", "across", "around", "inside", "from", "through", "into"}
)


def verb_place(ctx: ArticleContext, verb: Token) -> str | None:
    """Where a verb of abuse says it was done: its own place phrases and its object's
    ("executed 20 villagers in P", "abducted students from P"); None when they name none,
    never a place of a clause on its victims ("executed three men it accused of spying for
    Y": not in Y).

    Examples
    --------
    "X executed 20 villagers in Nineveh province" is placed in Nineveh Governorate.
    """
    for v in (verb, verb.head):  # "stormed P, abducting 30 women": the clause it hangs on
        heads = [v, *(c for c in v.children if c.dep_ in ("dobj", "nsubjpass"))]
        heads += ctx.prep_objects(v, {"by"})  # "abducted by X in P"
        phrases = [o for h in heads for o in ctx.prep_objects(h, _WHERE)]
        toks = [t for o in phrases for t in o.subtree]
        # what it was done to, when a place ("burned the village of P", "stormed P"), not a
        # clause on it ("three men it accused of spying for Y")
        objs = [c for c in v.children if c.dep_ == "dobj"]
        toks += objs + [g for o in objs for g in ctx.prep_objects(o, {"of"})]
        places = located_places(ctx, toks)
        if places:
            return places[0]
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.pos_ != "VERB":
            break
    return None
