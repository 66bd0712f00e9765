"""The mentions of one article and the entities they name: the state every mention rule shares.

A :class:`MentionRegistry` holds the parse, the spans found so far (:class:`Mention`, at most
one per token) and the entities they name, and offers the small operations the rules in
:mod:`kg.extract.names`, :mod:`kg.extract.descriptors` and :mod:`kg.extract.coref` build
on: add or replace a mention, register an actor or a place, look a name up in the gazetteer,
name a state's forces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.extract.vocab import load_rules
from kg.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.gazetteer import GazEntry, Gazetteer

__all__ = ["Mention", "MentionRegistry"]

#: countries whose name takes "the" ("Armed Forces of the Philippines")
_THE_COUNTRIES = {
    "Philippines", "United States", "Netherlands", "United Kingdom", "United Arab Emirates",
    "Central African Republic", "Democratic Republic of the Congo", "Gambia", "Bahamas",
    "Comoros", "Maldives", "Seychelles", "Solomon Islands",
}  # fmt: skip


@dataclass
class Mention:
    """A span of tokens that names an actor or a place."""

    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # "actor" | "place"
    key: str  # canonical name
    text: str
    source: str  # gazetteer | ner | acronym | head-noun | context | coref
    country_name: bool = False  # a country's name: a place, or the state when it acts
    air: bool = False  # "Russian bombers": the state acting from the air
    sponsor: str | None = None  # "US-backed ...": the sponsor named inside the mention


@dataclass
class _Entities:
    entities: dict[str, Entity] = field(default_factory=dict)
    forms: dict[str, set[str]] = field(default_factory=dict)

    @staticmethod
    def ref(kind: str, key: str) -> str:
        return key if kind == "actor" else "place:" + key


#: the source of a region named through "the country" ("the north of the country"): a place of
#: the article, but where an event happens the rules read it as loosely as the country itself
#: (:func:`kg.extract.coref.place_at`), as they read "the country"
COUNTRY_NOUN = "country-noun"


class MentionRegistry:
    """Mentions of one parsed article, at most one per token, and the entities they name.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The article parsed by :func:`kg.extract.nlp.load_nlp`.
    gaz : Gazetteer
    ignore : frozenset of str
        Names that are not conflict actors here (the article's publisher).
    known : dict or None
        Actors named in earlier articles of the build: normalised form → canonical key.
    """

    def __init__(
        self,
        doc: Doc,
        gaz: Gazetteer,
        ignore: frozenset[str] = frozenset(),
        known: dict[str, str] | None = None,
    ) -> None:
        self.doc = doc
        self.known = known or {}
        self.ignore = ignore
        self.gaz = gaz
        self.rules = load_rules()
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        #: acronyms the article defines ("Libyan National Army (LNA)") → the defined mention
        self.acronyms: dict[str, Mention] = {}
        #: all-capital words no mention covers (normalised): the only place where ``known``
        #: can change what is found, so a build in worker processes checks them afterwards
        self.open_acronyms: set[str] = set()
        self.reg = _Entities()
        #: several actors named by one phrase ("Kurd and Arab militia allies"): (start, end, key)
        self.group_mentions: list[tuple[int, int, str]] = []
        #: actors kept only when a fact names them (the police of a caption)
        self.needs_fact: set[str] = set()
        #: start tokens of country names that stand for the state ("Iran-backed")
        self.acting: set[int] = set()
        #: head-noun phrases decided once every name is found ("rebels" the story names later):
        #: :class:`kg.extract.phrase.Phrase` objects, not named here (that module imports this)
        self.deferred: list[Any] = []
        self.sent_start: list[int] = [0] * len(doc)
        #: first tokens of sentences without a verb (bylines, captions, section labels)
        self.verbless: set[int] = set()
        for sent in doc.sents:
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                self.verbless.add(sent.start)
            self.sent_start[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)

    # ------------------------------------------------------------------ lookups
    def mention_at(self, tok: Token) -> Mention | None:
        """The mention covering ``tok``."""
        return self.by_token.get(tok.i)

    def entry(self, name: str, kind: str) -> GazEntry | None:
        """The gazetteer entry of ``name`` as an actor or a place."""
        return self.gaz.get(name, kind=kind)

    def actor_class(self, key: str) -> str:
        """The ckg class of an actor: the gazetteer's, else the one the article gave it;
        ``""`` for a key neither knows."""
        e = self.entry(key, "actor")
        if e is not None:
            return e.cls
        ent = self.reg.entities.get(key)
        return ent.cls if ent else ""

    def is_bystander(self, key: str) -> bool:
        """Whether an actor is a source or a relief body, not a party: a class of
        ``mentions: bystander_classes`` (the media) or a name of ``mentions:
        bystander_actors`` (aid agencies, rights groups, monitors, think tanks)."""
        section = self.rules["mentions"]
        return self.actor_class(key) in section["bystander_classes"] or (
            key in section["bystander_actors"]
        )

    def place_class(self, key: str) -> str:
        """The ckg class of a place the article names."""
        e = self.entry(key, "place")
        if e is not None:
            return e.cls
        ent = self.reg.entities.get("place:" + key)
        return ent.cls if ent else "Place"

    def country_of_place(self, key: str) -> str | None:
        """The country a place lies in (a country: itself)."""
        e = self.entry(key, "place")
        if e is not None:
            return e.name if e.cls == "Country" else e.country
        ent = self.reg.entities.get("place:" + key)
        return ent.country if ent else None

    def country_of_actor(self, key: str) -> str | None:
        """The country of a gazetteer actor (a state: itself)."""
        e = self.entry(key, "actor")
        if e is not None:
            return e.name if e.cls == "State" else e.country
        return None

    def last_index(self, key: str) -> int:
        """The first token of the last mention of ``key`` (-1: none)."""
        idx = [m.start for m in self.mentions if m.key == key]
        return max(idx) if idx else -1

    # ------------------------------------------------------------------ mentions
    def add(self, m: Mention) -> Mention | None:
        """Add ``m`` unless one of its tokens is already in a mention."""
        if any(i in self.by_token for i in range(m.start, m.end)):
            return None
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m
        return m

    def remove(self, m: Mention) -> None:
        """Forget mention ``m``."""
        self.mentions.remove(m)
        for i in range(m.start, m.end):
            self.by_token.pop(i, None)

    def replace(self, old: Mention, new: Mention) -> None:
        """Mention ``new`` instead of ``old``."""
        self.remove(old)
        self.add(new)

    def extend(self, m: Mention, end: int, *, air: bool = False) -> None:
        """Extend ``m`` to the token ``end`` ("IS" → "IS fighters"); ``air``: the longer
        mention names its aircraft ("Saudi-led coalition warplanes")."""
        new = Mention(
            m.start,
            end,
            m.kind,
            m.key,
            self.doc[m.start : end].text,
            m.source,
            m.country_name,
            m.air or air,
            m.sponsor,
        )
        self.replace(m, new)

    def add_actor_mention(
        self,
        start: int,
        end: int,
        key: str,
        cls: str,
        text: str,
        *,
        air: bool = False,
        sponsor: str | None = None,
        replace: bool = False,
        group: bool = False,
        via_context: bool = False,
    ) -> None:
        """Mention actor ``key`` (class ``cls`` unless known) at ``start:end``.

        ``replace``: head-noun and place mentions inside the span give way (a name does not);
        ``group``: one of several actors the phrase names; ``via_context``: the actor is
        inferred from the context (a coreference), not named.
        """
        if replace:
            for i in range(start, end):
                old = self.by_token.get(i)
                if (
                    old is not None
                    and old.source in ("gazetteer", "ner", "acronym")
                    and not old.country_name
                ):
                    return
            for i in range(start, end):
                old = self.by_token.get(i)
                if old is not None:
                    self.remove(old)
        if group:
            # several entities share one phrase ("Kurd and Arab militia allies"): keep them apart
            self.ensure_actor(key, cls, "head-noun")
            self.reg.forms.setdefault(key, set()).add(text)
            self.group_mentions.append((start, end, key))
            return
        source = "head-noun" if not via_context else "context"
        m = self.add(Mention(start, end, "actor", key, text, source, air=air, sponsor=sponsor))
        if m is not None:
            self.ensure_actor(key, cls, "head-noun")

    # ------------------------------------------------------------------ entities
    def ensure_actor(self, key: str, cls: str, source: str) -> None:
        """Register actor ``key`` (its gazetteer entry when there is one, else of ``cls``)."""
        ref = _Entities.ref("actor", key)
        if ref not in self.reg.entities:
            e = self.entry(key, "actor")
            if e is not None:
                self.reg.entities[ref] = Entity(
                    e.name, "actor", e.cls, e.name, country=e.country, source="gazetteer"
                )
            else:
                self.reg.entities[ref] = Entity(key, "actor", cls, key, source=source)

    def names_no_place(self, text: str) -> bool:
        """Whether ``text`` names a people or a language, never a place ("Ukrainian", "the
        Dinka", "Arabic"), however the NER or a settlement noun before it reads it.

        Examples
        --------
        >>> from kg.extract.pipeline import Extractor
        >>> ex = Extractor()
        >>> res = MentionRegistry(ex.nlp("Leaflets in Pashto fell."), ex.gaz)
        >>> res.names_no_place("Pashto"), res.names_no_place("Herat")
        (True, False)
        """
        if self.gaz.by_demonym(text) is not None or self.gaz.group_adjective(text) is not None:
            return True
        return text.lower() in self.rules["mentions"]["language_names"]

    def ensure_place(self, key: str, cls: str, source: str) -> None:
        """Register place ``key`` (its gazetteer entry when there is one, else of ``cls``)."""
        ref = _Entities.ref("place", key)
        if ref not in self.reg.entities:
            e = self.entry(key, "place")
            if e is not None:
                self.reg.entities[ref] = Entity(
                    e.name,
                    "place",
                    e.cls,
                    e.name,
                    country=e.country,
                    parent=e.parent,
                    coords=e.coords,
                    source="gazetteer",
                )
            else:
                self.reg.entities[ref] = Entity(key, "place", cls, key, source=source)

    def facility(self, key: str, town: GazEntry, cls: str = "Facility") -> None:
        """Register "Goma airport" (``key``) as a facility in ``town`` (or another place of
        class ``cls`` inside it: "Old City of Mosul", a district)."""
        ref = _Entities.ref("place", key)
        if ref not in self.reg.entities:
            country = town.country or None
            self.reg.entities[ref] = Entity(
                key, "place", cls, key, country=country, parent=town.name, source="head-noun"
            )

    def region(self, key: str, within: GazEntry) -> None:
        """Register "northern Syria", "northern Shan State" (``key``) as a region of the
        country or province ``within``."""
        ref = _Entities.ref("place", key)
        if ref not in self.reg.entities:
            country = within.name if within.cls == "Country" else within.country or None
            self.reg.entities[ref] = Entity(
                key,
                "place",
                "Region",
                key,
                country=country,
                parent=within.name,
                source="head-noun",
            )

    def as_actor(self, m: Mention) -> str | None:
        """The actor a mention stands for (a country's name → its state, recorded as acting)."""
        if m.kind == "actor":
            return m.key
        if m.country_name:
            st = self.entry(m.key, "actor")
            if st is not None:
                self.acting.add(m.start)
                self.ensure_actor(st.name, "State", "gazetteer")
                self.reg.forms.setdefault(st.name, set()).add(m.text)
                return st.name
        return None

    def as_actor_key(self, m: Mention) -> str | None:
        """The state a country mention names, without recording it as acting."""
        st = self.entry(m.key, "actor") if m.country_name else None
        return st.name if st is not None else None

    # ------------------------------------------------------------------ names of states' parts
    def forces(self, state: GazEntry) -> tuple[str, str]:
        """Name and class of a state's armed forces."""
        f = self.gaz.forces_of(state.name)
        if f is not None:
            return f.name, f.cls
        return f"Armed Forces of {self.the(state.name)}", "ArmedForces"

    def government(self, country: str) -> str:
        """Name of a state's government: the gazetteer's, else "Government of X"."""
        gov = self.gaz.government_of(country)
        return gov.name if gov else f"Government of {self.the(country)}"

    @staticmethod
    def the(name: str) -> str:
        """A country's name as it follows "of" ("the Philippines")."""
        return f"the {name}" if name in _THE_COUNTRIES else name

    @staticmethod
    def adjective(state: GazEntry) -> str:
        """A state's adjective ("Syrian"), else its name."""
        for d in state.demonyms:
            if not d.endswith("s") or d.endswith("ss"):
                return d
        return state.name
