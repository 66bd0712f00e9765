"""People who speak for no party: the head of a civil society group, of a rights monitor.

A name with a role beside it is a person of the conflict ("P, a spokesman for the group",
"IS leader P"); when the role is held in a body that only reports on or relieves a war
("P, the president of a local civil society group", "Observatory head P", "the vice
president of an advocacy group"), the person is a source, as the body is: kept only when a
fact names them (:attr:`~kg.extract.registry.MentionRegistry.needs_fact`). The body is told
by a word of ``mentions: bystander_body_words`` in the role's phrase, or by a mention of an
actor the rules count as a bystander (``mentions: bystander_actors``, the media).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.registry import MentionRegistry

__all__ = ["bystander_role"]


def bystander_role(res: MentionRegistry, name: Span) -> bool:
    """Whether the role beside the person's ``name`` is held in a bystander body.

    The role is an apposition ("P, the president of a civil society group") or a title
    before the name ("Observatory head P"); its words, with the phrase hung on it, are read.
    """
    roles = mention_words("role_nouns")
    head = name.root
    beside = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    for t in beside:
        role = t.lemma_.lower() in roles or t.lower_ in roles
        if role and _bystander_words(res, list(t.subtree)):
            return True
    before = [c for c in head.children if c.dep_ == "compound" and c.i < name.start]
    titled = any(c.lower_ in roles for c in before)
    return titled and _bystander_words(res, [w for c in before for w in c.subtree])


def _bystander_words(res: MentionRegistry, tokens: list[Token]) -> bool:
    """Whether ``tokens`` name a bystander body: a word of ``bystander_body_words`` or a
    mention of a bystander actor."""
    words = mention_words("bystander_body_words")
    for t in tokens:
        if t.lower_ in words:
            return True
        m = res.by_token.get(t.i)
        if m is not None and m.kind == "actor" and res.is_bystander(m.key):
            return True
    return False
