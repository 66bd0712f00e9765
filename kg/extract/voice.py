"""What a verb's grammar says of its participants: what it acts on in either voice, who does
it, the subject a passive infinitive is raised to, whether it is in the perfect. The rules of
:mod:`kg.extract` share these token-level readings; :mod:`kg.extract.context` holds what needs
the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.vocab import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["begun", "doer_tokens", "is_perfect", "raised_subjects", "voiced_objects"]


def voiced_objects(verb: Token) -> tuple[bool, list[Token]]:
    """Whether ``verb`` is passive, and what it acts on: its passive subjects if so ("P was
    shelled"), else its direct objects ("X shelled P").

    >>> from kg.extract.nlp import load_model
    >>> shelled = load_model()("The town was shelled.")[3]
    >>> passive, objs = voiced_objects(shelled)
    >>> passive, [o.text for o in objs]
    (True, ['town'])
    """
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    objs = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if passive and not objs and is_perfect(verb):
        # "P is said / believed to have been retaken", "P appears to have been shelled" (a
        # perfect: done; "P is said to be retaken" may be a report of what is under way)
        objs = raised_subjects(verb)
    return passive, objs


def raised_subjects(verb: Token) -> list[Token]:
    """The subject of the verb of saying or seeming (``raising_verbs`` in rules.yaml) that the
    passive infinitive ``verb`` is raised to: "P is said / believed to have been retaken",
    "P appears to be controlled by X"; none for another verb ("P is expected to be held by
    X", "P is expected to have been retaken by X": a forecast states nothing).

    >>> from kg.extract.nlp import load_model
    >>> doc = load_model()("Idlib is said to be held by rebels.")
    >>> [t.text for t in raised_subjects(doc[5])]
    ['Idlib']
    """
    if verb.dep_ != "xcomp" or not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    head = verb.head
    if head.lemma_ not in word_set("raising_verbs"):
        return []
    dep = "nsubjpass" if head.tag_ == "VBN" else "nsubj"  # "P is said to", "P seems to"
    return [c for c in head.children if c.dep_ == dep]


def doer_tokens(verb: Token) -> list[Token]:
    """The words naming who does ``verb``: its subjects, and the doers of its passive's "by"
    phrase ("X killed N", "N were killed by X")."""
    return [c for c in verb.children if c.dep_ == "nsubj"] + [
        o for c in verb.children if c.dep_ == "agent" for o in c.children
    ]


def is_perfect(verb: Token) -> bool:
    """Whether ``verb`` is in a perfect tense ("has armed", "have fought", "had held")."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def begun(verb: Token, starts: frozenset[str]) -> Token:
    """The verb a verb of beginning or going on takes ("jets began bombing P", "continued to
    shell P": "bombing", "shell"), when ``verb`` is one of ``starts``; else ``verb`` itself."""
    if verb.lemma_ not in starts:
        return verb
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)
