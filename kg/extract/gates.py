"""Word gates of the sentence rules: a rule runs only on a sentence holding one of its words.

Every rule of :mod:`kg.extract.rulebook` walks every token of the sentence it is given, and
most find nothing in most sentences: a rule about sieges has nothing to say about a sentence
without "siege", "besieged", "encircled" and their kin. A rule that declares its words with
:func:`needs` is skipped for a sentence holding none of them (compared with each token's
lower-case text and lower-case lemma), which saves most of the rules' CPU. The words are
names of word lists of ``rules.yaml`` (dotted paths, read from the rules the extractor uses,
so an analyst who adds a trigger word there adds it to the gate too) and literal words.

A gate must be *sound*: the rule can state nothing without one of its words. The test suite
runs with ``KG_CHECK_GATES=1``, where a skipped rule is run all the same and a fact it states
is an error naming the rule and the sentence (:class:`GateError`): a rule given a new way to
fire must have its gate widened.

Examples
--------
>>> @needs("events.siege.nouns", words=("encircle",))
... def sieges(ctx, sent):
...     yield from ()
>>> sieges.gate.keys, sorted(sieges.gate.words)
(('events.siege.nouns',), ['encircle'])
>>> rules = {"events": {"siege": {"nouns": ["Siege", "blockade"]}}}
>>> sorted(gate_words(sieges, rules))
['blockade', 'encircle', 'siege']
>>> sorted(_words_at({"w": ["pro-government"]}, "w"))
['government', 'pro', 'pro-government']
>>> gate_words(lambda ctx, sent: iter(()), rules) is None
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["Gate", "GateError", "checking", "gate_words", "needs"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Gate:
    """A rule's words: dotted paths of word lists in ``rules.yaml``, and literal words."""

    keys: tuple[str, ...]
    words: frozenset[str]


class GateError(RuntimeError):
    """A gated rule stated a fact in a sentence holding none of its words (check mode)."""


def needs(*keys: str, words: Iterable[str] = ()) -> Callable[[F], F]:
    """Declare the words without which a rule states nothing.

    Parameters
    ----------
    *keys : str
        Dotted paths of word lists in ``rules.yaml`` (``"events.siege.nouns"``); a path
        naming a mapping takes its keys and every word list under it.
    words : iterable of str
        Further words (lower case), e.g. the constants of the rule's module.
    """
    gate = Gate(tuple(keys), frozenset(w.lower() for w in words))

    def mark(rule: F) -> F:
        rule.gate = gate  # type: ignore[attr-defined]
        return rule

    return mark


def _words_at(rules: Mapping[str, Any], key: str) -> set[str]:
    node: Any = rules
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise KeyError(f"rule gate names {key!r}, which rules.yaml does not hold")
        node = node[part]
    out: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            low = item.lower()  # the entry, and each of its words ("pro-government": "pro")
            out.add(low)
            out.update(w for w in re.split(r"[\s\-'’]+", low) if w)
        elif isinstance(item, Mapping):  # a table of words ("roles": word -> kind): both sides
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, Iterable):
            stack.extend(item)
    return out


def gate_words(rule: Callable[..., Any], rules: Mapping[str, Any]) -> frozenset[str] | None:
    """The words of ``rule``'s gate under ``rules``, or None for a rule without a gate.

    An entry of several words ("fighter jet", "pro-government") adds each of its words too: a
    sentence holding the phrase holds them all, whichever the tokenizer keeps whole.
    """
    gate: Gate | None = getattr(rule, "gate", None)
    if gate is None:
        return None
    out = set(gate.words)
    for key in gate.keys:
        out |= _words_at(rules, key)
    return frozenset(out)


def checking() -> bool:
    """Whether skipped rules are run all the same to check their gates (``KG_CHECK_GATES``)."""
    return os.environ.get("KG_CHECK_GATES", "") not in ("", "0")
