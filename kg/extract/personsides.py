"""A person named as one side of a fight or an alliance stands for the group that is his.

- **backed-leader**: "rebels backing Riek Machar", "tribal fighters allied to P": armed men the
  gazetteer does not name, said to back or be allied with a person who leads nothing else in the
  article, are the person's own following (leads), not an ally of him (a named group backing a
  person, "Fano militias backing P", stays his ally);
- **member-side**: "a rebel spokesman said they had to withdraw from a battle with Y", when
  "they" resolves to the spokesman: a member's fight is that of the group he is a member of
  (the one group the article makes him a member of); a person whose side the article does not
  say is no side of a fight.

Both run on an article's relations (:mod:`kg.extract.pipeline`); the classes come from the
article's registry through ``actor_class``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kg.model import RelationFact

__all__ = ["backed_leaders", "member_sides"]

#: the groups that can be a person's own following ("rebels backing P"; not a state backing P,
#: which sponsors him, nor a state's army, which a title makes him lead)
_FOLLOWER_CLASSES = frozenset({"ArmedGroup", "Militia", "Coalition"})
#: the rules whose alliedWith says the group stands behind the person
_FOLLOW_METHODS = frozenset({"support-verb", "aligned"})


def backed_leaders(
    relations: list[RelationFact],
    actor_class: Callable[[str], str | None],
    named: Callable[[str], bool],
) -> list[RelationFact]:
    """``relations`` with each alliedWith of a following (an armed actor not ``named`` by the
    gazetteer) and a person who leads nothing in the article turned into the person leading it
    (backed-leader)."""
    leaders = {r.subject for r in relations if r.type == "leads"}
    out: list[RelationFact] = []
    for r in relations:
        if r.type == "alliedWith" and r.evidence.method in _FOLLOW_METHODS:
            group, person = _group_and_person(r, actor_class)
            # "pro-government militias backing P" are allies of a government, no following
            generic = group is not None and group.startswith("pro-")
            if group and person and person not in leaders and not named(group) and not generic:
                out.append(replace(r, type="leads", subject=person, object=group))
                continue
        out.append(r)
    return out


def _group_and_person(
    r: RelationFact, actor_class: Callable[[str], str | None]
) -> tuple[str | None, str | None]:
    """The following and the person of an alliance between the two, else (None, None)."""
    for group, person in ((r.subject, r.object), (r.object, r.subject)):
        if actor_class(person) == "Person" and actor_class(group) in _FOLLOWER_CLASSES:
            return group, person
    return None, None


def member_sides(
    relations: list[RelationFact], actor_class: Callable[[str], str | None]
) -> list[RelationFact]:
    """``relations`` with each fight of a person made the fight of his one group, and dropped
    when the article gives him none (member-side); a leader's were mapped before
    (:meth:`kg.extract.pipeline.Extractor._person_to_office`)."""
    groups: dict[str, set[str]] = {}
    for r in relations:
        if r.type in ("memberOf", "leads") and actor_class(r.object) != "Person":
            groups.setdefault(r.subject, set()).add(r.object)
    out: list[RelationFact] = []
    for r in relations:
        if r.type != "fights":
            out.append(r)
            continue
        sides = []
        for a in (r.subject, r.object):
            if actor_class(a) == "Person":
                own = groups.get(a, set())
                a = next(iter(own)) if len(own) == 1 else ""
            sides.append(a)
        if all(sides) and sides[0] != sides[1]:
            out.append(replace(r, subject=sides[0], object=sides[1]))
    return out
