"""Who made people flee, when the clause that says they fled names the cause:

- **a cause noun** of the fleeing verb: "displaced by the Arakan Army's offensive", "fled the
  advance of Al-Shabaab fighters", "fled their homes amid a Houthi assault on Marib" (an
  offensive, attack or ``displacement.cause_nouns`` noun after ``cause_preps`` or as the
  object of fleeing; its possessor, demonym, compound or "of" / "by" phrase names the doer;
  the sides of fighting, "fled the fighting between X and Y", are no displacer);
- **an act the fleeing follows**: "fled Kiwanja after M23 rebels seized the town",
  "residents fled as JNIM fighters attacked the town" (a clause of ``cause_marks`` whose
  verb is one of ``cause_acts``: its subject);
- **an act that made them flee**: "gunmen stormed the town, killing 20 and forcing 3,000
  residents to flee" (the participle of causing joined to the act: the act's subject).

Before those, **who forced them**: "X forced / drove N people to flee" (its subject, or what
the subject names, "the arrival of X", "X's advance"). Used by
:func:`kg.extract.combat.displacement`.
Vocabulary: the ``events.displacement`` section of ``rules.yaml``.

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta, FuzzyDate
>>> facts = Extractor().extract(
...     ArticleMeta("t.txt", date=FuzzyDate(2024, 5, 10)),
...     "About 40,000 people were displaced by the Arakan Army's offensive in Rathedaung.",
... )
>>> [(e.type, e.agents, e.place) for e in facts.events if e.type == "Displacement"]
[('Displacement', ['Arakan Army'], 'Rathedaung')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.events import subject_token

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["causers"]


def causers(ctx: ArticleContext, verb: Token) -> list[str]:
    """The actors whose act the fleeing ``verb`` (or "forced N to flee") says made people
    flee; empty when the clause names none."""
    causes = ctx.lexicon("displacement", "causes")
    cause = verb.head if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in causes else verb
    found = _forcers(ctx, verb) or (_by_act_before(ctx, cause) if cause.lemma_ in causes else [])
    for t in dict.fromkeys([verb, cause]):
        found = found or _by_cause_noun(ctx, t) or _by_act_after(ctx, t)
    return list(dict.fromkeys(found))


def _forcers(ctx: ArticleContext, verb: Token) -> list[str]:
    """ "X forced / drove N people to flee": its subject, or what the subject names ("the
    arrival of X", "X's advance")."""
    force = verb.head if verb.dep_ in ("xcomp", "ccomp") else None
    if force is None or force.lemma_ not in ctx.lexicon("displacement", "causes"):
        return []
    subj = subject_token(force)
    if subj is None:
        return []
    found = ctx.res.actors_at(subj)
    inner = [c for c in subj.children if c.dep_ == "poss"] + ctx.prep_objects(subj, {"of", "by"})
    return found or [a for t in inner for a in ctx.res.actors_at(t)]


def _by_cause_noun(ctx: ArticleContext, verb: Token) -> list[str]:
    """ "displaced by X's offensive", "fled the advance of X", "fled amid a Houthi assault"."""
    nouns = (
        ctx.lexicon("offensive", "nouns")
        | ctx.lexicon("attack", "nouns")
        | ctx.lexicon("displacement", "cause_nouns")
    )
    preps = ctx.lexicon("displacement", "cause_preps")
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    for c in verb.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            objs += [o for o in c.children if o.dep_ == "pobj"]
            # "because of", "due to": the object hangs on the second word
            objs += [o for p in c.children if p.dep_ == "pcomp" for o in p.children]
    out: list[str] = []
    for o in objs:
        if o.lemma_.lower() not in nouns and o.lower_ not in nouns:
            if c_agent := (ctx.res.actors_at(o) if o.head.dep_ == "agent" else []):
                out += c_agent  # "displaced by M23 rebels"
            continue
        owners = [c for c in o.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        for c in owners:
            out += ctx.word_actors(c)
        for p in ctx.prep_objects(o, {"of", "by"}):
            out += ctx.res.actors_at(p)
    return out


def _by_act_after(ctx: ArticleContext, verb: Token) -> list[str]:
    """ "fled P after X seized the town", "fled as X attacked": the subject of the act."""
    marks = ctx.lexicon("displacement", "cause_marks")
    acts = ctx.lexicon("displacement", "cause_acts")
    out: list[str] = []
    for c in verb.children:
        if c.dep_ != "advcl" or c.lemma_ not in acts or ctx.negated(c) or ctx.unreal(c):
            continue
        if any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
            out += _doers(ctx, c)
    return out


def _by_act_before(ctx: ArticleContext, cause: Token) -> list[str]:
    """ "X stormed P, killing 20 and forcing 3,000 to flee": the subject of the act the
    participle of causing is joined to."""
    acts = ctx.lexicon("displacement", "cause_acts")
    t = cause
    for _ in range(3):
        if t.dep_ not in ("advcl", "conj") or t.head.i == t.i:
            return []
        t = t.head
        if t.pos_ == "VERB" and t.lemma_ in acts:
            return _doers(ctx, t)
    return []


def _doers(ctx: ArticleContext, verb: Token) -> list[str]:
    """The actors the subject of ``verb`` names: "M23 rebels", "gunmen from the X gang"."""
    out: list[str] = []
    for s in (c for c in verb.children if c.dep_ == "nsubj"):
        out += ctx.res.actors_at(s) or [
            a for o in ctx.prep_objects(s, {"from", "of"}) for a in ctx.res.actors_at(o)
        ]
    return out
