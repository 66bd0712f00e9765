"""Relations of an extraction as comparable tuples, for the relation rule tests."""

from __future__ import annotations

from kg.model import ArticleFacts

#: relation types whose two arguments have no order
SYMMETRIC = ("alliedWith", "fights", "tensionWith")


def fact(type_: str, a: str, b: str) -> tuple[str, str, str]:
    """(type, subject, object) in lower case; a symmetric pair sorted."""
    a, b = a.lower(), b.lower()
    if type_ in SYMMETRIC:
        a, b = sorted((a, b))
    return (type_, a, b)


def relation_set(facts: ArticleFacts) -> set[tuple[str, str, str]]:
    """Every relation of ``facts`` as :func:`fact` writes it."""
    return {fact(r.type, r.subject, r.object) for r in facts.relations}
