"""The model's attribute rules, matched by dictionary lookup instead of spaCy's ``Matcher``.

``en_core_web_sm`` sets coarse part-of-speech tags, morphology and some lemmas with an
``AttributeRuler``: about 180 token patterns (``{"TAG": "VBZ", "LOWER": {"IN": [...]}}``, ...)
run through spaCy's general ``Matcher``, which tries every pattern at every token. That is
about an eighth of the whole pipeline's time. Almost every pattern pins its first token to one
value of one attribute (a tag, a lower-cased word, a dependency label), so the patterns that
can match at a token are found by looking that token's values up in a table; only those are
checked in full. The matches are then handed to the model's own ruler
(:meth:`AttributeRuler.set_annotations`), which sets the attributes exactly as it would have.

Semantics kept from spaCy: each pattern is matched on the document as the tagger and parser
left it (before any rule applies), ``IN``/``NOT_IN``/``REGEX`` (``re.search``) predicates and
plain equality on ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE``; matches are applied in rule
order, so later rules win. Patterns using anything else make :class:`FastAttributes` refuse
the ruler (:class:`UnsupportedPatternError`), and :func:`kg.extract.nlp.load_nlp` then keeps
spaCy's own component.

Examples
--------
>>> from kg.extract.nlp import load_model
>>> nlp = load_model()
>>> fast = FastAttributes(nlp.get_pipe("attribute_ruler"))
>>> with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
...     doc = nlp("There is a siege.")
>>> [t.pos_ for t in fast(doc)]
['PRON', 'VERB', 'DET', 'NOUN', 'PUNCT']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["FastAttributes", "UnsupportedPatternError"]

#: the token attributes the rules may test, read for a whole document with ``Doc.to_array``
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_IDS = [TAG, LOWER, DEP, IS_SPACE]


class UnsupportedPatternError(ValueError):
    """A rule uses an attribute or predicate :class:`FastAttributes` does not implement."""


# one test on one attribute: (attribute position in _ATTRS, kind, value). Values are compared
# as spaCy stores them: string hashes (``""`` is 0), and 0/1 for IS_SPACE.
_Test = tuple[int, str, Any]


class FastAttributes:
    """Does what a model's ``AttributeRuler`` does, finding its matches by table lookup.

    Parameters
    ----------
    ruler : AttributeRuler
        The model's ruler: its patterns are read once, and it still sets the attributes.

    Raises
    ------
    UnsupportedPatternError
        When a pattern tests something this class does not implement.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self._strings = ruler.vocab.strings
        # rule: (attr_id, match key, compiled tests of each token)
        self._rules: list[tuple[int, int, list[list[_Test]]]] = []
        self._anchored: dict[tuple[int, int], list[int]] = {}
        self._anywhere: list[int] = []
        # (pattern, string hash) -> whether the pattern is found in the string
        self._regex_memo: dict[tuple[re.Pattern[str], int], bool] = {}
        entries: list[dict[str, Any]] = ruler.patterns
        for attr_id, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                if not pattern:
                    raise UnsupportedPatternError(f"empty pattern for rule {attr_id}")
                tokens = [self._compile_token(spec) for spec in pattern]
                rule = len(self._rules)
                self._rules.append((attr_id, self._strings.add(str(attr_id)), tokens))
                self._anchor(rule, tokens[0])

    def _value(self, attr: str, value: Any) -> int:
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                raise UnsupportedPatternError(f"IS_SPACE must be true or false, got {value!r}")
            return int(value)
        if not isinstance(value, str):
            raise UnsupportedPatternError(f"{attr} must be a string, got {value!r}")
        return int(self._strings[value])

    def _compile_token(self, spec: dict[str, Any]) -> list[_Test]:
        tests: list[_Test] = []
        for attr, value in spec.items():
            if attr not in _ATTRS:
                raise UnsupportedPatternError(f"attribute {attr!r} in {spec}")
            pos = _ATTRS.index(attr)
            if not isinstance(value, dict):
                tests.append((pos, "eq", self._value(attr, value)))
                continue
            if len(value) != 1:
                raise UnsupportedPatternError(f"more than one predicate in {spec}")
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN"):
                hashes = frozenset(self._value(attr, v) for v in arg)
                tests.append((pos, "in" if op == "IN" else "not_in", hashes))
            elif op == "REGEX" and attr != "IS_SPACE":
                tests.append((pos, "regex", re.compile(arg)))
            else:
                raise UnsupportedPatternError(f"predicate {op!r} in {spec}")
        return tests

    def _anchor(self, rule: int, first: list[_Test]) -> None:
        """File a rule under one value its first token must have (else under "anywhere")."""
        for wanted in ("eq", "in"):
            for pos, kind, arg in first:
                if kind != wanted:
                    continue
                for value in [arg] if kind == "eq" else sorted(arg):
                    self._anchored.setdefault((pos, value), []).append(rule)
                return
        self._anywhere.append(rule)

    def _passes(self, tests: list[_Test], values: Sequence[int]) -> bool:
        for pos, kind, arg in tests:
            v = values[pos]
            if kind == "eq":
                if v != arg:
                    return False
            elif kind == "in":
                if v not in arg:
                    return False
            elif kind == "not_in":
                if v in arg:
                    return False
            else:
                key = (arg, v)
                hit = self._regex_memo.get(key)
                if hit is None:
                    hit = self._regex_memo[key] = bool(arg.search(self._strings[v]))
                if not hit:
                    return False
        return True

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match key, start, end)`` of every match, sorted as spaCy's ruler sorts
        them (rule order first, so later rules win)."""
        values: list[list[int]] = doc.to_array(_IDS).tolist() if len(doc) else []
        anchored, anywhere, rules, passes = (
            self._anchored,
            self._anywhere,
            self._rules,
            self._passes,
        )
        n = len(values)
        found: set[tuple[int, int, int, int]] = set()
        for i, (tag, lower, dep, space) in enumerate(values):
            candidates = (
                anywhere
                + anchored.get((0, tag), [])
                + anchored.get((1, lower), [])
                + anchored.get((2, dep), [])
                + anchored.get((3, space), [])
            )
            for rule in candidates:
                attr_id, key, tokens = rules[rule]
                if len(tokens) == 1:
                    if passes(tokens[0], values[i]):
                        found.add((attr_id, key, i, i + 1))
                    continue
                end = i + len(tokens)
                if end <= n and all(passes(tests, values[i + k]) for k, tests in enumerate(tokens)):
                    found.add((attr_id, key, i, end))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        """Set the rules' attributes on ``doc`` (in place) and return it."""
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("kg_attributes")
def make_fast_attributes(nlp: Language, name: str, source: str = "attribute_ruler") -> Any:
    """The ``kg_attributes`` component: :class:`FastAttributes` over the pipeline's ruler
    named ``source`` (which must be in the pipeline when this component is added)."""
    ruler = nlp.get_pipe(source)
    if not isinstance(ruler, AttributeRuler):
        raise UnsupportedPatternError(f"{source!r} is not an AttributeRuler")
    return FastAttributes(ruler)
