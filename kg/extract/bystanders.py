"""People who speak for no party: the head of a civil society group, of a rights monitor.

A name with a role beside it is a person of the conflict ("P, a spokesman for the group",
"IS leader P"); when the role is held in a body that only reports on or relieves a war
("P, the chair of a civil society group", "Observatory head P", "the vice
president of an advocacy group"), the person is a source, as the body is: kept only when a
fact names them (:attr:`~kg.extract.registry.MentionRegistry.needs_fact`). The body is told
by a word of ``mentions: bystander_body_words`` in the role's phrase, or by a mention of an
actor the rules count as a bystander (``mentions: bystander_actors``, the media). The phrase
is the role's own words: not a clause hung on it ("the commander of a militia accused by
rights groups"), and not a body a party owns ("head of the army's human rights office").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.registry import MentionRegistry

__all__ = ["bystander_role"]

#: dependencies of a clause hung on a noun: its words tell of something other than the role
_CLAUSES = ("acl", "relcl", "advcl")


def bystander_role(res: MentionRegistry, name: Span) -> bool:
    """Whether the role beside the person's ``name`` is held in a bystander body.

    The role is an apposition ("P, the chair of a civil society group") or a title
    before the name ("Observatory head P"); its words, with the phrase hung on it but not
    the clauses, are read. A role of ``mentions: office_roles`` is the state's ("P, the
    minister of human rights").

    Parameters
    ----------
    res : MentionRegistry
        The article's mentions found so far (bystander actors among them).
    name : Span
        The person's name.

    Returns
    -------
    bool
        True when the role is held in a body that reports on or relieves the war.
    """
    roles = mention_words("role_nouns") - mention_words("office_roles")
    head = name.root
    beside = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    for t in beside:
        role = t.lemma_.lower() in roles or t.lower_ in roles
        if role and _bystander_words(res, _phrase(t)):
            return True
    before = [c for c in head.children if c.dep_ == "compound" and c.i < name.start]
    titled = any(c.lower_ in roles for c in before)
    if any(c.lower_ in mention_words("office_roles") for c in before):
        return False  # "Human Rights Minister P": an office of the state
    return titled and _bystander_words(res, [w for c in before for w in _phrase(c)])


def _phrase(tok: Token) -> list[Token]:
    """The words of the noun phrase headed by ``tok``, without the clauses hung on its nouns
    ("a militia accused by rights groups of abuses": the militia's words, not its accusers')."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in _CLAUSES:
            out += _phrase(c)
    return out


def _bystander_words(res: MentionRegistry, tokens: list[Token]) -> bool:
    """Whether ``tokens`` name a bystander body: a word of ``bystander_body_words`` or a
    mention of a bystander actor."""
    words = mention_words("bystander_body_words")
    if any(_party_owner(res, t) for t in tokens):
        return False  # "head of the army's human rights office": the army's, a party's
    for t in tokens:
        if t.lower_ in words:
            return True
        m = res.by_token.get(t.i)
        if m is not None and m.kind == "actor" and res.is_bystander(m.key):
            return True
    return False


def _party_owner(res: MentionRegistry, tok: Token) -> bool:
    """Whether ``tok`` is the possessor of the body ("the army's office", "Hamas's rights
    office") and names a party: a word of ``actor_heads`` (the nouns are resolved later) or a
    mention of an actor that is no bystander."""
    if tok.dep_ != "poss":
        return False
    m = res.by_token.get(tok.i)
    if m is not None:
        return m.kind == "actor" and not res.is_bystander(m.key)
    return tok.lower_ in res.rules["actor_heads"]
