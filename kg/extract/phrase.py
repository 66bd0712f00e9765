"""Noun phrases that describe an actor, and the table of rules that read them.

A noun phrase whose head is an actor noun ("the US-backed Kurdish units", "government
forces", "the rebels") is a :class:`Phrase`; :func:`find_head_noun` tries the rules
registered with :func:`head_rule` in the order ``mentions: head_noun_rules`` of ``rules.yaml``
gives, and the first that returns True decides what the phrase names. The rules are in
:mod:`kg.extract.descriptors` (descriptions of an actor) and :mod:`kg.extract.references`
(generic references to one named before).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.extract.registry import MentionRegistry
from kg.extract.vocab import load_rules, noun_heads

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.gazetteer import GazEntry

__all__ = [
    "HEAD_RULES",
    "Phrase",
    "conjunct_before",
    "find_head_noun",
    "head_rule",
    "modifiers",
    "owner_modifiers",
    "participles",
    "subject_verb",
]

HeadRule = Callable[["Phrase"], bool]
#: every head-noun rule by name (the order they run in is in rules.yaml)
HEAD_RULES: dict[str, HeadRule] = {}

_MODIFIER_DEPS = frozenset({
    "compound", "amod", "poss", "nmod", "npadvmod", "nummod", "advmod", "det", "case", "punct",
    "cc", "conj", "quantmod",
})  # fmt: skip
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def head_rule(name: str) -> Callable[[HeadRule], HeadRule]:
    """Register a head-noun rule under ``name`` (listed in ``rules.yaml`` to run)."""

    def register(fn: HeadRule) -> HeadRule:
        HEAD_RULES[name] = fn
        return fn

    return register


@dataclass
class Phrase:
    """A noun phrase ending in an actor head noun ("the US-backed Kurdish units")."""

    res: MentionRegistry
    tok: Token  # the head noun
    mods: list[Token]  # its left modifiers, nested ones included
    start: int  # first token of the phrase (after determiners and pronouns)

    @property
    def low(self) -> str:
        return self.tok.lower_

    @property
    def end(self) -> int:
        return self.tok.i + 1

    @property
    def text(self) -> str:
        return self.res.doc[self.start : self.end].text

    @functools.cached_property
    def mod_words(self) -> list[Token]:
        """The modifiers that are words (no determiner, punctuation or conjunction)."""
        return [t for t in self.mods if t.dep_ not in ("det", "punct", "cc")]

    @functools.cached_property
    def words(self) -> set[str]:
        return {t.lower_ for t in self.mod_words}

    @functools.cached_property
    def sponsor(self) -> str | None:
        """The state or actor before "-backed" / "-led" among the modifiers ("US-backed").

        Computed on first use: a country named there is recorded as acting.
        """
        return _sponsor_in(self.res, self.mods)

    @property
    def sponsor_word(self) -> str | None:
        """How the sponsor acts: the participle after "X-" ("backed", "led")."""
        return _sponsor_word(self.res, self.mods)

    @functools.cached_property
    def state(self) -> GazEntry | None:
        """The state a country name or demonym among the modifiers names (not the sponsor)."""
        state: GazEntry | None = None
        words = self.mod_words
        for a, b in itertools.pairwise(words):
            if b.i == a.i + 1 and a.i not in self.res.by_token:
                state = self.res.gaz.by_demonym(f"{a.text} {b.text}")  # "North Korean"
                if state is not None:
                    return None if self.sponsor == state.name else state
        for t in self.mod_words:
            m = self.res.by_token.get(t.i)
            if m is not None and m.country_name:
                state = self.res.entry(m.key, "actor")
            elif m is None and t.dep_ in ("amod", "compound", "poss", "nmod"):
                state = self.res.gaz.by_demonym(t.text) or state
            if state is not None:
                break
        if state is not None and self.sponsor == state.name:
            return None
        return state

    @functools.cached_property
    def states(self) -> list[GazEntry]:
        """Every state the modifiers name when joined by "and" ("US and British warplanes");
        just :attr:`state` otherwise."""
        one = self.state
        if one is None or not any(t.dep_ == "conj" for t in self.mods):
            return [one] if one is not None else []
        out: list[GazEntry] = []
        for t in self.mod_words:
            m = self.res.by_token.get(t.i)
            if m is not None:
                st = self.res.entry(m.key, "actor") if m.country_name else None
            else:
                st = self.res.gaz.by_demonym(t.text)
            if st is not None and st.name != self.sponsor and st not in out:
                out.append(st)
        return out if one in out else [one]

    def name_start(self) -> int:
        """The first token after "X-backed": the sponsor's own name stays a mention of its own."""
        if self.sponsor is None:
            return self.start
        doc = self.res.doc
        parts = participles()
        after = [t.i + 1 for t in self.mods if t.lower_ in parts and doc[t.i - 1].text == "-"]
        start = self.start
        if after:
            start = max(start, min(max(after), self.tok.i))
            while start < self.tok.i and doc[start].is_punct:
                start += 1
        return start

    def apposed_name(self) -> str | None:
        """The named actor this phrase stands in apposition to ("X, an Iran-backed militia";
        "X, the paramilitary group"), when the phrase begins with an article (list items do
        not: "X, Turkish-backed factions and Y"); None otherwise."""
        tok = self.tok
        if tok.dep_ != "appos" or tok.head.i > tok.i:
            return None
        if not any(t.dep_ == "det" and t.lower_ in ("a", "an", "the") for t in self.mods):
            return None
        if any(c.dep_ == "conj" for c in (*tok.children, *tok.head.children)):
            return None  # a list the parser made appositions of
        m = self.res.by_token.get(tok.head.i)
        if m is None or m.kind != "actor" or m.country_name or m.source == "head-noun":
            return None
        return m.key

    def add(
        self,
        key: str,
        cls: str,
        *,
        air: bool = False,
        sponsor: str | None = None,
        replace: bool = False,
        group: bool = False,
        via_context: bool = False,
    ) -> bool:
        """Mention actor ``key`` for the phrase (from :meth:`name_start`); True. A
        description set off after a name is that named actor ("Kataib Hezbollah, an
        Iran-backed militia, ...": no actor "Iran-backed militias" of its own)."""
        named = None if group else self.apposed_name()
        if named is not None:
            key, cls = named, self.res.actor_class(named) or cls
        start = self.name_start()
        text = self.res.doc[start : self.end].text
        if start > self.start and not group:
            # "Iranian-backed Shia militias": the whole description is a form of the actor
            full = self.res.doc[self.start : self.end].text
            self.res.reg.forms.setdefault(key, set()).add(full)
        self.res.add_actor_mention(
            start,
            self.end,
            key,
            cls,
            text,
            air=air,
            sponsor=sponsor,
            replace=replace,
            group=group,
            via_context=via_context,
        )
        return True


@functools.lru_cache(maxsize=1)
def _rule_order() -> tuple[HeadRule, ...]:
    names: list[str] = load_rules()["mentions"]["head_noun_rules"]
    unknown = [n for n in names if n not in HEAD_RULES]
    if unknown:
        raise InputError(
            f"kg/extract/rules.yaml: mentions: head_noun_rules names unknown rules {unknown}; "
            f"the rules are {sorted(HEAD_RULES)}"
        )
    return tuple(HEAD_RULES[n] for n in names)


@functools.lru_cache(maxsize=1)
def participles() -> frozenset[str]:
    return frozenset(load_rules()["support"]["participles"]) | {"led"}


def find_head_noun(res: MentionRegistry, tok: Token) -> None:
    """Mention the actor a phrase headed by ``tok`` describes, by the first rule that fits."""
    if tok.lower_ not in noun_heads() or tok.pos_ not in ("NOUN", "PROPN"):
        return
    if tok.dep_ in ("compound", "amod") and tok.head.lower_ in noun_heads():
        return  # "government forces", "militia allies": the head noun decides
    mods = modifiers(tok)
    doc = res.doc
    # "the SDF and Arab tribal fighters" misparsed as one phrase: the head's own words start
    # after the conjunction, unless the conjuncts are its adjectives ("Kurd and Arab militias")
    cuts = [
        c.i
        for t in mods
        if (m := res.by_token.get(t.i)) is not None and m.kind == "actor"
        for c in t.children
        if c.dep_ == "cc" and c.i < tok.i
    ]
    if cuts:
        mods = [t for t in mods if t.i > max(cuts)]
    start = mods[0].i if mods else tok.i
    while start < tok.i and (
        doc[start].dep_ in ("det", "punct", "cc")
        or (doc[start].dep_ == "poss" and doc[start].pos_ == "PRON")
    ):
        start += 1
    phrase = Phrase(res, tok, mods, start)
    for rule in _rule_order():
        if rule(phrase):
            return


def conjunct_before(tok: Token, start: int) -> Token | None:
    """The first conjunct of an "and" right before a phrase that begins at ``start`` and ends
    in ``tok`` ("the RSF and allied militias", "Syrian troops, backed by Y, and their allied
    militias": the RSF, the troops), whatever the parser made of the phrase itself (a conjunct
    of some other noun, a subject of its own); "its" / "their" between "and" and the phrase
    are the conjunct's. None when no "and" comes right before it."""
    doc = tok.doc
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("its", "their"):
        i -= 1
    if i < 1 or doc[i].lower_ not in ("and", "&") or doc[i].dep_ != "cc":
        return None
    head = doc[i].head
    if head.dep_ == "acl" and head.pos_ == "VERB":  # "X, helped by Y, and ...": X
        head = head.head
    if head.i >= i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return head


def subject_verb(verb: Token, steps: int = 3) -> Token:
    """The verb whose subject the clause of ``verb`` shares: ``verb`` when it has a subject
    of its own, else the verb it is coordinated with ("three soldiers were killed and five
    wounded in ...": the parser hangs "wounded" on "five", a conjunct of "killed"; "and four
    others wounded": more of the same subject)."""
    t = verb
    for _ in range(steps):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and not all(c.lower_ in ("others", "more") or c.pos_ == "NUM" for c in subj):
            return t
        if t.dep_ not in ("conj", "acl") or t.head.i == t.i:
            return t
        t = t.head
    return t


def modifiers(tok: Token) -> list[Token]:
    """Left modifiers of a noun (compounds, adjectives, possessives), nested ones included."""
    out: list[Token] = []
    for child in tok.lefts:
        if child.dep_ in _MODIFIER_DEPS:
            out.append(child)
            out.extend(modifiers(child))
            for c in child.conjuncts:
                if c.i < tok.i:
                    out.append(c)
    return sorted(set(out), key=lambda t: t.i)


def owner_modifiers(noun: Token) -> list[Token]:
    """The words before a noun that may say whose it is: its possessive, compounds,
    adjectives and nominal modifiers ("the Taliban's takeover", "the M23 takeover", "Russian
    shelling", "US-led strikes"), direct children only, in order.

    The rules read an owner from them each in their own way: a name, a demonym's state, the
    opposition of the country in context for "rebel" (:mod:`kg.extract.takings`), the name a
    participle hangs (:mod:`kg.extract.sides`).
    """
    return [c for c in noun.children if c.dep_ in _OWNER_DEPS and c.i < noun.i]


def _sponsor_participles(res: MentionRegistry, mods: list[Token]) -> list[Token]:
    """The participles after "X-" among the modifiers ("backed", "led"), in order."""
    doc = res.doc
    return [t for t in mods if t.lower_ in participles() and t.i >= 2 and doc[t.i - 1].text == "-"]


def _glued(res: MentionRegistry, mods: list[Token]) -> tuple[str, str] | None:
    """ "U.S.-backed" as one token (``support: glued``): the actor before the hyphen and the
    participle after it."""
    for t in mods:
        if t.lower_ in res.rules["support"]["glued"]:
            name, _, word = t.text.rpartition("-")
            actors = [e for e in res.gaz.lookup(name) if e.kind == "actor"]
            if actors:
                return actors[0].name, word.lower()
    return None


def _sponsor_word(res: MentionRegistry, mods: list[Token]) -> str | None:
    """The first participle after "X-" among the modifiers, or None."""
    found = _sponsor_participles(res, mods)
    glued = _glued(res, mods)
    return found[0].lower_ if found else glued[1] if glued else None


def _sponsor_in(res: MentionRegistry, mods: list[Token]) -> str | None:
    doc = res.doc
    glued = _glued(res, mods)
    if glued is not None:
        res.ensure_actor(glued[0], "State", "gazetteer")
        return glued[0]
    for t in _sponsor_participles(res, mods):
        sp = doc[t.i - 2]
        m = res.by_token.get(sp.i)
        if m is not None:
            return res.as_actor(m)
        st = res.gaz.by_demonym(sp.text)
        if st is not None:
            return st.name
    return None
