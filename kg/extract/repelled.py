"""Attackers beaten off: "X repelled Y at P" is an attack by Y on X (an event rule).

"Troops repelled ISWAP fighters at a base in Malam Fatori", "the army beat back an al-Shabaab
column near Baidoa", "Ukrainian forces fought off Russian troops near Avdiivka", "M23 fighters
were repulsed by the army at Kibumba": the object (or the passive's subject) came at the
subject, which held; an attack by the armed actors of the object on the subject's side, where
the clause says (``events.attack.repel_verbs``; "beat", "fight", "fend" and "drive" only with
their particle: ``events.attack.repel_particles``). An attack noun as the object ("repelled an
attack by Y") is the attack-noun rule's. Not negated or modal ("failed to repel", "vowed to
repel any attack": :mod:`kg.extract.modality`), nor an object that is no armed actor
("repelled the proposal", "beat back inflation"), nor a pronoun ("repelled them": the attack
told before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.events import Found, forces_of, make_event
from kg.extract.gates import needs
from kg.extract.placing import place_near
from kg.model import ARMED_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import ArticleContext

__all__ = ["RULES", "repelled"]


def _repel_verb(ctx: ArticleContext, verb: Token) -> bool:
    """True for a verb of beating off an attacker: "repelled", "beat back", "fought off"."""
    if verb.pos_ != "VERB" or verb.lemma_ not in ctx.lexicon("attack", "repel_verbs"):
        return False
    particles: dict[str, str] = ctx.rules["events"]["attack"]["repel_particles"]
    need = particles.get(verb.lemma_)
    return need is None or any(c.lower_ == need for c in verb.children)


def _sides(ctx: ArticleContext, verb: Token) -> tuple[list[Token], list[str]]:
    """The attackers' phrases and the actors who held: the object and the subject of an
    active verb, the subject and the "by" phrase of a passive."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return [c for c in verb.children if c.dep_ == "nsubjpass"], ctx.passive_agents(verb)
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    # the parser may read a bare name object as an adverbial ("repelled [ISWAP] at a base")
    objs = objs or [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ != "NUM"]
    # "fought off Y" may be read with "off" as a preposition
    objs += [o for c in verb.children if c.lower_ == "off" for o in c.children if o.dep_ == "pobj"]
    return objs, ctx.subject_actors(verb)


@needs("events.attack.repel_verbs")
def repelled(ctx: ArticleContext, sent: Span) -> Iterator[Found]:
    """ "X repelled Y (at P)", "Y were beaten back by X": an attack by Y on X."""
    attack_nouns = ctx.lexicon("attack", "nouns") | ctx.lexicon("offensive", "nouns")
    for tok in ctx.tokens(sent):
        if not _repel_verb(ctx, tok) or ctx.negated(tok) or ctx.unreal(tok):
            continue
        objs, held = _sides(ctx, tok)
        # "the army said it repelled them": a pronoun names attackers the story told before,
        # whose attack is stated there
        objs = [o for o in objs if o.lemma_.lower() not in attack_nouns and o.pos_ != "PRON"]
        came = [a for o in objs for a in ctx.res.actors_at(o)]
        came = [a for a in came if ctx.actor_class(a) in ARMED_CLASSES]
        agents = forces_of(ctx, list(dict.fromkeys(came)), tok)
        targets = [a for a in forces_of(ctx, held, tok) if a not in agents]
        if not agents:
            continue
        place = place_near(ctx, sent, list(tok.subtree), tok)
        f = make_event(
            ctx, sent, "Attack", "repelled", tok, agents=agents, targets=targets, place=place
        )
        yield Found(f, tok.i, explicit_target=bool(targets), tags={"attack"})


RULES: tuple[Callable[[ArticleContext, Span], Iterator[Found]], ...] = (repelled,)
