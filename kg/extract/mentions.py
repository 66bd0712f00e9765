"""Mentions of actors and places in one parsed article, resolved to entities.

A :class:`Resolver` walks a spaCy ``Doc`` once and finds, in this order:

1. gazetteer names (the entity ruler's ``KG_ACTOR`` / ``KG_PLACE`` spans), with "X province"
   turning a city into its province and "northern Syria" into a region;
2. names the statistical NER finds and the gazetteer does not know (GPE/LOC/FAC places; ORG
   with an armed head noun; titled or multi-word PERSON names), and capitalised names ending
   in an organisation word (:mod:`kg.extract.names`);
3. acronyms the article defines ("Libyan National Army (LNA)") and their later uses;
4. actors typed by a head noun: "Syria's army" and "government forces" (armed forces of the
   country in context), "Russian bombers" (the state), "Shiite militias", "opposition forces",
   "US-backed, predominantly Kurdish units" (a descriptor, see ``descriptors.yaml``), and
   generic references to the salient entity: "the jihadists" (:mod:`kg.extract.descriptors`).

Pronouns, "the city" and "the province" are resolved on demand (:mod:`kg.extract.coref`).
Relation and event rules ask the resolver what actor or place a token stands for
(:meth:`Resolver.actors_at`, :meth:`Resolver.place_at`).

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> ex = Extractor()
>>> doc = ex.nlp("Turkish-backed rebels shelled Afrin.")
>>> res = Resolver(doc, ex.gaz)
>>> [(m.text, m.key) for m in res.mentions]
[('rebels', 'Turkey-backed rebels'), ('Afrin', 'Afrin')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import (  # noqa: F401  (they register their rules)
    airpower,
    coref,
    descriptors,
    loyalists,
    references,
    separatists,
)
from kg.extract.borders import find_borders
from kg.extract.gazetteer import normalise
from kg.extract.names import (
    find_gazetteer_name,
    find_ner_name,
    find_titled_names,
    person_names,
    title_before,
)
from kg.extract.orgnames import find_acronyms, find_proper_orgs, find_spelt_acronyms
from kg.extract.partialnames import find_group_stems, find_partial_names
from kg.extract.phrase import find_head_noun
from kg.extract.placenames import (
    find_bearing_settlements,
    find_country_regions,
    find_event_settings,
    find_located_settlements,
    find_named_settlements,
)
from kg.extract.registry import Mention, MentionRegistry
from kg.extract.states import find_capitals_as_states, find_coordinated_states
from kg.extract.typednames import find_described_settlements, find_typed_places
from kg.extract.unitnames import find_numbered_units
from kg.extract.vocab import load_descriptors, load_rules, mention_words, noun_heads, place_heads

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from spacy.tokens import Doc, Span, Token

    from kg.extract.gazetteer import Gazetteer
    from kg.model import Entity

__all__ = ["Mention", "Resolver", "load_descriptors", "load_rules"]

#: named-entity labels of words that never name an unknown town ("on Monday", "in March")
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


class Resolver(MentionRegistry):
    """Entities of one article: mentions found in a parsed ``Doc`` and references resolved.

    Built like :class:`~kg.extract.registry.MentionRegistry` (same parameters); every finder
    runs at construction, in the order of :meth:`_find`.
    """

    def __init__(
        self,
        doc: Doc,
        gaz: Gazetteer,
        ignore: frozenset[str] = frozenset(),
        known: dict[str, str] | None = None,
    ) -> None:
        super().__init__(doc, gaz, ignore, known)
        self._find()

    def _find(self) -> None:
        doc = self.doc
        find_typed_places(self)
        find_described_settlements(self)
        for ent in doc.ents:
            if ent.label_ in ("KG_ACTOR", "KG_PLACE"):
                find_gazetteer_name(self, ent)
            else:
                find_ner_name(self, ent)
        find_numbered_units(self)
        find_proper_orgs(self)
        find_titled_names(self)
        find_spelt_acronyms(self)
        find_acronyms(self)
        find_partial_names(self)
        find_group_stems(self)
        find_capitals_as_states(self)
        find_named_settlements(self)
        find_country_regions(self)
        find_located_settlements(self)
        find_bearing_settlements(self)
        find_event_settings(self)
        find_borders(self)
        heads = noun_heads()
        for tok in doc:
            if tok.lower_ not in heads or tok.i in self.by_token:
                continue
            if self.sent_start[tok.i] not in self.verbless:
                find_head_noun(self, tok)
        references.resolve_deferred_rebels(self)
        find_coordinated_states(self)
        self.mentions.sort(key=lambda m: m.start)

    # ------------------------------------------------------------------ resolution API
    def salient_actor(self, before: int, classes: tuple[str, ...]) -> str | None:
        """The most mentioned actor of these classes before token ``before`` (latest on ties)."""
        return coref.salient_actor(self, before, classes)

    def salient_place(self, before: int, classes: tuple[str, ...]) -> str | None:
        """The place of these classes that "the city" / "the province" at ``before`` means."""
        return coref.salient_place(self, before, classes)

    def context_country(self, tok: Token) -> str | None:
        """The country the sentence of ``tok`` is about."""
        return coref.context_country(self, tok)

    def main_country(self, before: int | None = None) -> str | None:
        """The country most mentioned in the article (directly or through its places)."""
        return coref.main_country(self, before)

    def pronoun(self, tok: Token) -> str | None:
        """The actor a pronoun (they, their, its, who) refers to."""
        return coref.pronoun(self, tok)

    def actors_at(self, tok: Token, conj: bool = True, principal: bool = False) -> list[str]:
        """Actors a noun phrase headed by ``tok`` names (with its conjuncts)."""
        return coref.actors_at(self, tok, conj, principal)

    def place_at(self, tok: Token) -> str | None:
        """The place a noun phrase headed by ``tok`` names ("the city" resolved)."""
        return coref.place_at(self, tok)

    def places_in(self, tokens: list[Token]) -> list[str]:
        """The places the noun phrases headed by ``tokens`` name, each once."""
        out: list[str] = []
        for t in tokens:
            p = self.place_at(t)
            if p is not None and p not in out:
                out.append(p)
        return out

    def title_before(self, start: int) -> str | None:
        """The title just before token ``start`` ("President", "IS leader")."""
        return title_before(self, start)

    def unknown_place(self, tok: Token) -> str | None:
        """A proper name no gazetteer knows, in a place's slot ("seized Kafr Nabl"): a town."""
        if tok.pos_ != "PROPN" or not tok.is_title or tok.i in self.by_token:
            return None
        span = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t is tok]
        start, end = min(t.i for t in span), max(t.i for t in span) + 1
        if any(i in self.by_token or not self.doc[i].is_title for i in range(start, end)):
            return None
        if any(self.doc[i].ent_type_ in _NOT_PLACES for i in range(start, end)):
            return None  # "laid siege to P on Monday": a day is never a town
        text = self.doc[start:end].text
        if self.gaz.lookup(text) or self.gaz.by_demonym(text):
            return None
        words = {normalise(t.text) for t in self.doc[start:end]}
        if any(words <= name for name in person_names(self).values()):
            return None  # a person is never a place
        if self.add(Mention(start, end, "place", text, text, "ner")) is None:
            return None
        self.ensure_place(text, "Settlement", "ner")
        return text

    def rekey(self, old: str, new: str, sent: Span) -> None:
        """Mentions of ``old`` in ``sent`` name ``new`` instead (a government that fights is its
        forces: "the government are preparing to recapture the town")."""
        for m in self.mentions:
            if m.key == old and m.kind == "actor" and sent.start <= m.start < sent.end:
                m.key = new

    # names the relation and event rules used before the split
    _ensure_actor = MentionRegistry.ensure_actor
    _ensure_place = MentionRegistry.ensure_place
    _forces = MentionRegistry.forces
    _the = staticmethod(MentionRegistry.the)
    _title_before = title_before

    # ------------------------------------------------------------------ output
    def entities(
        self,
        used_actors: set[str],
        used_places: set[str] = frozenset(),  # type: ignore[assignment]
        agents: AbstractSet[str] = frozenset(),
    ) -> tuple[dict[str, Entity], dict[str, set[str]]]:
        """Every entity the article mentions (a country's name counts as the state only when it
        acts in a fact), with its surface forms, keyed as ArticleFacts expects; ``agents``:
        the doers of the article's events (a state among them acts with its forces)."""
        self._subjects_act()
        self._owners_of_places_idle()
        named_states = self._compounds_act()
        ents = dict(self.reg.entities)
        forms: dict[str, set[str]] = {k: set(v) for k, v in self.reg.forms.items()}
        for m in self.mentions:
            if m.kind == "place" and (m.start in self.acting or self._attributive(m)):
                continue
            text = {m.text} if self._is_name(m) else set()
            if (
                m.kind == "place"
                and m.source == "head-noun"
                and m.key not in used_places
                and self.doc[m.end - 1].dep_ == "poss"
            ):
                continue  # "eastern Syria's largest city": a description of the city
            if m.kind == "place":
                self.ensure_place(m.key, "Settlement", m.source)
                ents.setdefault("place:" + m.key, self.reg.entities["place:" + m.key])
                forms.setdefault("place:" + m.key, set()).update(text)
            else:
                self.ensure_actor(m.key, "ArmedGroup", m.source)
                ents.setdefault(m.key, self.reg.entities[m.key])
                forms.setdefault(m.key, set()).update(text)
        for a in used_actors:
            if a not in ents:
                self.ensure_actor(a, "ArmedGroup", "head-noun")
                ents[a] = self.reg.entities[a]
            forms.setdefault(a, set())  # the article names it in a fact: it is mentioned
        self._drop_idle_states(ents, forms, used_actors | named_states)
        self._idle_forces_to_states(ents, forms, used_actors, agents)
        for ref, e in list(ents.items()):
            idle = self.is_bystander(ref) or ref in self.needs_fact or self._parent_only(ref)
            if e.kind == "actor" and idle and ref not in used_actors:
                del ents[ref]
                forms.pop(ref, None)
        self._add_containers(ents)
        return ents, forms

    def _parent_only(self, key: str) -> bool:
        """Whether a parent organisation (``mentions: mission_parents``) is named only inside
        what one of its bodies is called: "UN estimates", "the U.N. migration agency", "the
        United Nations Peacekeeping Mission to ...", "(United Nations) Blue Helmets". Its
        body speaks or acts, not the UN: kept only when a fact names it. Not "the UN said",
        "UN forces", "a UN envoy", "a UN demand"."""
        if key not in self.rules["mentions"]["mission_parents"]:
            return False
        named = [m for m in self.mentions if m.kind == "actor" and m.key == key]
        return bool(named) and all(self._inside_body_name(m) for m in named)

    def _inside_body_name(self, m: Mention) -> bool:
        """Whether mention ``m`` qualifies a noun of ``mentions: parent_body_nouns`` outside
        it (a body or its figures: "UN estimates", "U.N. agency", "United Nations Mission"),
        or stands in brackets before a noun ("(United Nations) Blue Helmets"). Not an act of
        the UN ("a UN demand") nor a person of it ("a UN envoy")."""
        doc = self.doc
        head = doc[m.end - 1]
        if m.start > 0 and doc[m.start - 1].text == "(" and m.end < len(doc) - 1:
            return doc[m.end].text == ")" and doc[m.end + 1].pos_ in ("NOUN", "PROPN")
        noun = head.head
        return (
            head.dep_ in ("compound", "nmod", "amod")
            and noun.i >= m.end
            and self.by_token.get(noun.i) is None
            and noun.lower_ in mention_words("parent_body_nouns")
        )

    def _attributive(self, m: Mention) -> bool:
        """A country's name qualifying a noun ("US service members", "a US official", "US
        strikes") names no location: no place of the article. A possessive names one ("Mali's
        north", "Chad's border", "Mali's army")."""
        if not m.country_name:
            return False
        head = self.doc[m.end - 1]
        noun = head.head
        return (
            head.dep_ in ("compound", "amod", "nmod")
            and noun.i != head.i
            and noun.pos_ in ("NOUN", "PROPN")
            and self.by_token.get(noun.i) is None
            and noun.lower_ not in place_heads()
        )

    @staticmethod
    def _is_name(m: Mention) -> bool:
        """Whether a mention's words may be an alias of its entity: a guessed coreference ("the
        insurgents" → the salient armed group) may not."""
        return m.source != "coref"

    def _compounds_act(self) -> set[str]:
        """Countries named in "Iranian-aligned", "Saudi-led", "pro-Iranian", "mediated by the
        US and France", "United States envoys", "Iranian-made" or "made in Iran" act: the
        states, and their forms."""
        doc = self.doc
        words = mention_words("acting_compounds")
        roles = mention_words("role_nouns") | mention_words("official_nouns")
        makers = mention_words("maker_verbs")
        titles = {t.split()[-1] for t in self.rules["titles"]} | set(self.rules["roles"])
        states: set[str] = set()
        for t in doc:
            hyphen_after = t.i + 2 < len(doc) and doc[t.i + 1].text == "-"
            compound = hyphen_after and doc[t.i + 2].lower_ in words
            pro = t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "pro"
            head = t
            while head.dep_ == "conj" and head.head.i < head.i:
                head = head.head
            agent = head.dep_ == "pobj" and head.head.dep_ == "agent"
            role = head.dep_ in ("compound", "nmod") and head.head.lemma_.lower() in roles
            partner = (  # "allied with Iran", "aligned to Russia": the other party
                head.dep_ == "pobj"
                and head.head.lower_ in ("with", "to")
                and head.head.head.lower_ in words
            )
            made = (  # "drones made in Iran": the state that makes them supplies them
                head.dep_ == "pobj"
                and head.head.lower_ == "in"
                and head.head.head.lemma_.lower() in makers
            )
            titled = (  # "Prime Minister P of Haiti": the state P serves
                head.dep_ == "pobj"
                and head.head.lower_ == "of"
                and _titled_name(head.head.head, titles)
            )
            if not (compound or pro or agent or role or partner or made or titled):
                continue
            m = self.by_token.get(t.i)
            if m is not None and m.country_name:
                if (agent or role or partner or made or titled) and m.end - 1 != t.i:
                    continue
                self.as_actor(m)
                continue
            st = self.gaz.by_demonym(t.text) if (compound or pro) else None
            if st is None or self.entry(st.name, "actor") is None:
                continue
            self.ensure_actor(st.name, "State", "gazetteer")
            self.reg.forms.setdefault(st.name, set()).add(t.text)
            states.add(st.name)
        return states

    def _subjects_act(self) -> None:
        """A country that is the subject of a statement ("With Iran eager to ...", "The US and
        France said") or whose soldiers are meant ("soldiers from Chad") acts."""
        for m in self.mentions:
            head = self.doc[m.end - 1]
            while head.dep_ == "conj" and head.head.i < head.i:
                head = head.head
            if m.country_name and (
                (head.dep_ in ("nsubj", "nsubjpass") and not self.undergoes(head))
                or any(c.dep_ in ("amod", "acomp") and c.i > head.i for c in head.children)
                or self._origin_of_forces(head)
            ):
                self.as_actor(m)

    def undergoes(self, subj: Token) -> bool:
        """Whether a country subject is where a state of affairs holds, not who acts: "Mali has
        been facing a severe crisis", "Sudan has suffered years of war", "Myanmar has been in
        turmoil since 2021" (a verb of ``mentions: undergoing_verbs`` whose object, or "be" whose
        "in" phrase, is a noun of ``mentions: turmoil_nouns``; not "Rwanda has faced accusations
        of backing M23", "Turkey is in talks with the GNA"): the country is a place."""
        verb = subj.head
        lemma = verb.lemma_.lower()
        if lemma in mention_words("undergoing_verbs"):
            objs = [c for c in verb.children if c.dep_ == "dobj"]
        elif lemma == "be":
            objs = [o for c in verb.children if c.lower_ == "in" for o in c.children]
        else:
            return False
        return any(self._turmoil(o) for o in objs)

    @staticmethod
    def _turmoil(noun: Token) -> bool:
        """Whether ``noun`` is a state of affairs ("crisis", "turmoil"), or a span of time of
        one ("years of war")."""
        if noun.lower_ in mention_words("span_nouns"):
            of = [o for c in noun.children if c.lower_ == "of" for o in c.children]
            noun = of[0] if of else noun
        return noun.lower_ in mention_words("turmoil_nouns")

    def _origin_of_forces(self, tok: Token) -> bool:
        """ "soldiers from Chad and Niger", "troops from North Korea", "troops from several
        countries, including Kenya and Uganda": the states whose forces they are (not
        "troops withdrew from Mali": the verb's, a place)."""
        prep = tok.head
        listed = mention_words("listing_preps")  # "troops from several countries, including X"
        if tok.dep_ == "pobj" and prep.lower_ in listed and prep.dep_ == "prep":
            group = prep.head
            if group.lower_ in mention_words("state_plurals") and group.dep_ == "pobj":
                return self._origin_of_forces(group)
            return False
        if tok.dep_ != "pobj" or prep.lower_ != "from" or prep.dep_ != "prep":
            return False
        forces = self.rules["coref"]["forces_of"]
        noun = prep.head
        if noun.pos_ == "VERB" and noun.lemma_.lower() in self.rules["sending_verbs"]:
            # "Russia used soldiers from North Korea": the parser hangs "from" on the verb
            objs = [c for c in noun.children if c.dep_ == "dobj"]
            return bool(objs) and objs[0].lower_ in forces
        away = self.rules["events"]["withdrawal"]
        if noun.head.lemma_.lower() in {*away["verbs"], *away["nouns"]}:
            return False  # "the withdrawal of troops from Mali"
        return noun.pos_ == "NOUN" and noun.lower_ in forces

    def _owners_of_places_idle(self) -> None:
        """A country named as the owner of a place ("Sanaa, Yemen's capital", "a Yemen port
        city") is that place's country, not a state acting, whatever rule looked at it."""
        heads = place_heads() | set(self.rules["coref"]["capital"])
        for m in self.mentions:
            head = self.doc[m.end - 1]
            if (
                m.country_name
                and m.start in self.acting
                and head.dep_ in ("poss", "compound", "nmod")
                and head.head.lower_ in heads
            ):
                self.acting.discard(m.start)

    def _drop_idle_states(
        self, ents: dict[str, Entity], forms: dict[str, set[str]], used_actors: set[str]
    ) -> None:
        """States whose name appears only as a place are actors only when they act."""
        for ref, e in list(ents.items()):
            if (
                e.kind == "actor"
                and e.cls == "State"
                and ref not in used_actors
                and not any(m.kind == "actor" and m.key == ref for m in self.mentions)
                and not any(key == ref for _, _, key in self.group_mentions)
                and not any(
                    self.as_actor_key(m) == ref for m in self.mentions if m.start in self.acting
                )
            ):
                del ents[ref]
                forms.pop(ref, None)

    def _idle_forces_to_states(
        self,
        ents: dict[str, Entity],
        forms: dict[str, set[str]],
        used_actors: set[str],
        agents: AbstractSet[str],
    ) -> None:
        """A state's own armed forces that the article names only by words for troops ("US
        forces pulled back", "Russia also sent troops") and that act in no fact are the state,
        when the state is an actor of the article: their words become its forms. Not forces
        named by their name or acronym ("the IDF", "FAMa"), nor forces a fact names, nor
        those of a state that does an event ("Azerbaijan shelled P ... Azerbaijani troops":
        they do it with it, :func:`kg.extract.derive.forces_act`)."""
        for ref, e in list(ents.items()):
            if e.kind != "actor" or e.cls != "ArmedForces" or ref in used_actors or not e.country:
                continue
            st = self.entry(e.country, "actor")
            if st is None or st.cls != "State" or st.name not in ents or st.name in agents:
                continue
            if self.forces(st)[0] != ref:
                continue
            named = [m for m in self.mentions if m.kind == "actor" and m.key == ref]
            if not named or not all(self._troop_words(m) for m in named):
                continue
            del ents[ref]
            forms.setdefault(st.name, set()).update(forms.pop(ref, set()))

    def _troop_words(self, m: Mention) -> bool:
        """Whether mention ``m`` names forces by words for troops ("US forces", "American
        troops", "eight Turkish soldiers"), not by a name ("Malian Armed Forces")."""
        words = [t.lower_ for t in self.doc[m.start : m.end]]
        troops = mention_words("troop_words")
        return words[-1] in troops and "armed" not in words

    def _add_containers(self, ents: dict[str, Entity]) -> None:
        """The containing places of every place, so the located-in chain is complete."""
        for e in list(ents.values()):
            if e.kind == "place" and e.parent:
                for anc in [e.parent, *self.gaz.ancestors(e.parent)]:
                    if "place:" + anc not in ents:
                        self.ensure_place(anc, "Country", "gazetteer")
                        ents["place:" + anc] = self.reg.entities["place:" + anc]
        for e in list(ents.values()):
            if e.kind != "place":
                continue  # an actor's country is no place of the article ("Israel launched")
            if e.country and "place:" + e.country not in ents and self.entry(e.country, "place"):
                self.ensure_place(e.country, "Country", "gazetteer")
                ents["place:" + e.country] = self.reg.entities["place:" + e.country]


def _titled_name(tok: Token, titles: AbstractSet[str]) -> bool:
    """Whether ``tok`` ends a person's name with a title of ``titles`` before it ("Prime
    Minister P", "Defence Minister P", "spokesman P")."""
    return tok.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.i < tok.i and c.lower_ in titles for c in tok.children
    )
