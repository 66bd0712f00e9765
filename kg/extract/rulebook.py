"""The tables of sentence rules: every relation rule and every event rule, in order.

A rule is a small function ``rule(ctx, sent)`` that reads one sentence through
:class:`~kg.extract.context.ArticleContext` and yields facts; its vocabulary lives in
``rules.yaml``. The tables here are what :class:`~kg.extract.pipeline.Extractor` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from kg.extract import (
    absolutes,
    affiliation,
    airforces,
    atrocities,
    attacks,
    backing,
    battles,
    blasts,
    bombings,
    captures,
    combat,
    control,
    hostility,
    losses,
    mediation,
    offensives,
    opposed,
    pacts,
    participants,
    pitting,
    relations,
    repelled,
    reprisals,
    retold,
    salvos,
    sequels,
    sides,
    sieges,
    sponsorship,
    takings,
    tolls,
    truceverbs,
    units,
)
from kg.extract.gates import GateError, checking, gate_words
from kg.extract.modality import condemned_kind, unstated

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found
    from kg.model import RelationFact

__all__ = ["EVENT_RULES", "RELATION_RULES", "article_pass", "find_events", "find_relations"]

RELATION_RULES = (
    backing.RULES
    + relations.RULES
    + control.RULES
    + affiliation.RULES
    + units.RULES
    + sponsorship.RULES
    + hostility.RULES
    + sides.RULES
    + pacts.RULES
    + opposed.RULES
    + pitting.RULES
    + absolutes.RULES
)
EVENT_RULES = (
    captures.RULES
    + takings.RULES
    + offensives.RULES
    + sieges.RULES
    + combat.RULES
    + airforces.RULES
    + attacks.RULES
    + losses.RULES
    + repelled.RULES
    + blasts.RULES
    + bombings.RULES
    + reprisals.RULES
    + salvos.RULES
    + battles.RULES
    + mediation.RULES
    + truceverbs.RULES
)


def find_relations(ctx: ArticleContext, sent: Span) -> list[RelationFact]:
    """Every relationship one sentence states, by every rule whose words it holds."""
    out: list[RelationFact] = []
    for rule in _runnable(ctx, sent, RELATION_RULES):
        for fact in rule(ctx, sent):
            if fact is not None:
                out.append(fact)
    out += pacts.partners_fight(ctx, sent, out) + pacts.supporters_fight(ctx, sent, out)
    return out + participants.allies_fight(ctx, sent, out)


def find_events(ctx: ArticleContext, sent: Span) -> list[Found]:
    """Every event one sentence states, by every rule whose words it holds."""
    out: list[Found] = []
    for rule in _runnable(ctx, sent, EVENT_RULES):
        out.extend(rule(ctx, sent))
    # an event only asked for is none ("urged its allies to launch airstrikes"), nor one
    # denied or asked about ("denied that X had taken P", "whether X would attack P"), nor one
    # only threatened, feared or planned ("threatened to besiege P": kg.extract.modality)
    return [f for f in out if not _unstated(ctx, f)]


def _unstated(ctx: ArticleContext, f: Found) -> bool:
    tok = ctx.doc[f.trigger]
    if f.fact.type == "Siege" and ctx.ended(tok):
        return False  # "calls to halt the siege": the siege is stated, its end asked for
    if ctx.requested(tok) or ctx.disowned(tok) or condemned_kind(ctx, tok):
        return True
    # "vowed to retake P" is an offensive; "threatened to march on P" states no advance
    aim = (
        f.fact.type == "Offensive"
        and tok.pos_ == "VERB"
        and tok.lemma_ not in ctx.lexicon("offensive", "verbs")  # advance, march, push
    )
    return unstated(ctx, tok, aim)


_Rule = TypeVar("_Rule", bound=Callable[..., Iterable[Any]])
_Gates = dict[Callable[..., Any], frozenset[str] | None]
_GATES: dict[int, tuple[Mapping[str, Any], _Gates]] = {}


def _gates(rules: Mapping[str, Any]) -> _Gates:
    """Every rule's gate words under ``rules`` (:mod:`kg.extract.gates`), once per rules."""
    hit = _GATES.get(id(rules))
    if hit is None or hit[0] is not rules:
        table: _Gates = {r: gate_words(r, rules) for r in (*RELATION_RULES, *EVENT_RULES)}
        hit = _GATES[id(rules)] = (rules, table)
    return hit[1]


def _runnable(ctx: ArticleContext, sent: Span, table: tuple[_Rule, ...]) -> list[_Rule]:
    """The rules of ``table`` whose gate ``sent`` passes: it holds one of their words (as a
    token's lower-case text or lemma), or they have no gate. With ``KG_CHECK_GATES`` set, a
    rule skipped is run all the same, and a fact it states raises :class:`GateError`."""
    gates = _gates(ctx.rules)
    words = ctx.words(sent)
    check = checking()
    out = []
    for rule in table:
        need = gates[rule]
        if need is None or not need.isdisjoint(words):
            out.append(rule)
        elif check and any(f is not None for f in rule(ctx, sent)):
            raise GateError(
                f"rule {rule.__module__}.{rule.__name__} stated a fact in a sentence holding "
                f"none of its gate words: widen its @needs (kg/extract/gates.py): {sent.text!r}"
            )
    return out


def article_pass(
    ctx: ArticleContext, found: list[Found], relations: list[RelationFact]
) -> list[Found]:
    """What the event rules need of the whole article: the sides of battles
    (:func:`kg.extract.battles.battle_sides`), the parties of a truce between "the warring
    sides" (:func:`kg.extract.combat.warring_parties`, from the article's ``relations``),
    casualties folded into their attacks (:func:`kg.extract.sequels.fold_casualties`), the
    place and doers of casualties stated after their attack
    (:func:`kg.extract.sequels.casualty_causes`), the place a later clause gives an attack
    (:func:`kg.extract.sequels.restated_places`), the doer a later claim gives it
    (:func:`kg.extract.sequels.claimed_attacks`) or a later restatement with doers
    (:func:`kg.extract.sequels.restated_doers`), the doers of "the strikes" stated before
    (:func:`kg.extract.sequels.strikes_referred_back`), the dead a clause counts for the attack
    its sentence states (:func:`kg.extract.retold.fold_retold_tolls`), an attack noun a
    superlative compares with others (:func:`kg.extract.retold.drop_compared`), an attack its
    sentence states as an offensive (:func:`kg.extract.retold.drop_offensive_attacks`), the
    group a plural pronoun stands for when it was read as its spokesman
    (:func:`kg.extract.sequels.plural_doers`), a war's running toll
    (:func:`kg.extract.tolls.cumulative_tolls`), civilians armed men killed
    (:func:`kg.extract.atrocities.civilian_killings`); first, a strike at coordinated places
    is one at each (:func:`kg.extract.salvos.each_coordinated_place`)."""
    found = salvos.each_coordinated_place(ctx, found)
    battles.battle_sides(ctx, found)
    combat.warring_parties(found, relations)
    sequels.plural_doers(ctx, found)
    found = sequels.strikes_referred_back(ctx, found)
    sequels.restated_places(ctx, found)
    sequels.casualty_causes(ctx, found)
    found = sequels.restated_doers(ctx, sequels.claimed_attacks(ctx, found))
    found = sequels.fold_casualties(ctx, found)
    found = retold.drop_compared(ctx, retold.fold_retold_tolls(ctx, found))
    found = atrocities.civilian_killings(ctx, tolls.cumulative_tolls(ctx, found))
    return retold.drop_offensive_attacks(ctx, found)
