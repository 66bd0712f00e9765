"""Mentions of actors and places in one parsed article, resolved to entities.

A :class:`Resolver` walks a spaCy ``Doc`` once and finds, in this order:

1. gazetteer names (the entity ruler's ``KG_ACTOR`` / ``KG_PLACE`` spans), with "X province"
   turning a city into its province and "northern Syria" into a region;
2. names the statistical NER finds and the gazetteer does not know (GPE/LOC/FAC places; ORG
   with an armed head noun; titled or multi-word PERSON names);
3. acronyms the article defines ("Libyan National Army (LNA)") and their later uses;
4. actors typed by a head noun: "Syria's army" and "government forces" (armed forces of the
   country in context), "Russian bombers" (the state), "Shiite militias", "opposition forces",
   "US-backed, predominantly Kurdish units" (a descriptor, see ``descriptors.yaml``);
5. generic references to the salient entity: "the jihadists", "the city", "the province".

Pronouns are resolved on demand (:meth:`Resolver.pronoun`). Relation and event rules ask the
resolver what actor or place a token stands for (:meth:`actors_at`, :meth:`place_at`).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kg.extract.gazetteer import GazEntry, Gazetteer, normalize
from kg.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Mention", "Resolver", "load_descriptors", "load_rules"]

_HERE = Path(__file__).resolve().parent
#: countries whose name takes "the" ("Armed Forces of the Philippines")
_THE_COUNTRIES = {
    "Philippines", "United States", "Netherlands", "United Kingdom", "United Arab Emirates",
    "Central African Republic", "Democratic Republic of the Congo", "Gambia", "Bahamas",
    "Comoros", "Maldives", "Seychelles", "Solomon Islands",
}  # fmt: skip
_LOCATIVE = {
    "in",
    "into",
    "across",
    "throughout",
    "inside",
    "within",
    "of",
    "from",
    "near",
    "around",
}
_ARMED_GROUP_CLASSES = ("TerroristOrganization", "ArmedGroup", "Militia")


@functools.lru_cache(maxsize=1)
def load_rules() -> dict[str, Any]:
    """The extraction vocabulary in ``kg/extract/rules.yaml``."""
    with open(_HERE / "rules.yaml", encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


@functools.lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """Nouns that refer back to a place ("the city", "the province", "the country")."""
    coref = load_rules()["coref"]
    return frozenset([*coref["settlement"], *coref["province"], *coref["country"]])


@functools.lru_cache(maxsize=1)
def _noun_heads() -> frozenset[str]:
    """Every noun a head-noun mention can end in: actor and air heads, "power", place heads."""
    rules = load_rules()
    return frozenset([*rules["actor_heads"], *rules["air_heads"], "power"]) | _place_heads()


@functools.lru_cache(maxsize=1)
def load_descriptors() -> list[dict[str, Any]]:
    """Descriptions that name a known actor ("US-backed Kurdish units"), from descriptors.yaml."""
    with open(_HERE / "descriptors.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return list(data.get("descriptors", []))


@dataclass
class Mention:
    """A span of tokens that names an actor or a place."""

    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # "actor" | "place"
    key: str  # canonical name
    text: str
    source: str  # gazetteer | ner | acronym | head-noun | descriptor | coref
    country_name: bool = False  # a country's name: a place, or the state when it acts
    air: bool = False  # "Russian bombers": the state acting from the air
    sponsor: str | None = None  # "US-backed ...": the sponsor named inside the mention


@dataclass
class _Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    forms: dict[str, set[str]] = field(default_factory=dict)

    @staticmethod
    def ref(kind: str, key: str) -> str:
        return key if kind == "actor" else "place:" + key


class Resolver:
    """Entities of one article: mentions found in a parsed ``Doc`` and references resolved.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The article parsed by :func:`kg.extract.nlp.load_nlp`.
    gaz : Gazetteer
    """

    def __init__(
        self,
        doc: Doc,
        gaz: Gazetteer,
        ignore: frozenset[str] = frozenset(),
        known: dict[str, str] | None = None,
    ) -> None:
        self.doc = doc
        #: actors named in earlier articles of the build: normalised form → canonical key
        self.known = known or {}
        #: names that are not conflict actors here (the article's publisher)
        self.ignore = ignore
        self.gaz = gaz
        self.rules = load_rules()
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        self.acronyms: dict[str, Mention] = {}
        #: all-capital words no mention covers (normalised): the only place where ``known``
        #: can change what is found, so a build in worker processes checks them afterwards
        self.open_acronyms: set[str] = set()
        self.reg = _Registry()
        #: several actors named by one phrase ("Kurd and Arab militia allies"): (start, end, key)
        self.group_mentions: list[tuple[int, int, str]] = []
        #: start tokens of country names that stand for the state ("Iran-backed")
        self.acting: set[int] = set()
        self.sent_start: list[int] = [0] * len(doc)
        self.sent_len: dict[int, int] = {}
        self._find()

    # ------------------------------------------------------------------ lookups
    def mention_at(self, tok: Token) -> Mention | None:
        """The mention covering ``tok``."""
        return self.by_token.get(tok.i)

    def entry(self, name: str, kind: str) -> GazEntry | None:
        return self.gaz.get(name, kind=kind)

    def _add(self, m: Mention) -> Mention | None:
        if any(i in self.by_token for i in range(m.start, m.end)):
            return None
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m
        return m

    def _replace(self, old: Mention, new: Mention) -> None:
        self.mentions.remove(old)
        for i in range(old.start, old.end):
            self.by_token.pop(i, None)
        self._add(new)

    # ------------------------------------------------------------------ finding mentions
    def _find(self) -> None:
        doc = self.doc
        verbless = set()
        for sent in doc.sents:
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                verbless.add(sent.start)
            self.sent_start[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
            self.sent_len[sent.start] = sent.end - sent.start
        for ent in doc.ents:
            ss = self.sent_start[ent.start]
            if ss in verbless and self.sent_len[ss] < 12:
                continue  # section labels, bylines and captions state no facts
            if ent.label_ in ("KG_ACTOR", "KG_PLACE"):
                self._gazetteer_mention(ent)
            else:
                self._ner_mention(ent)
        self._proper_orgs(verbless)
        self._acronyms()
        heads = _noun_heads()
        for tok in doc:
            if tok.lower_ not in heads or tok.i in self.by_token:
                continue
            if self.sent_start[tok.i] not in verbless:
                self._head_noun(tok)
        self.mentions.sort(key=lambda m: m.start)

    def _gazetteer_mention(self, ent: Span) -> None:
        kind, name = ent.ent_id_.split("|", 1)
        e = self.entry(name, kind)
        if e is None:
            return
        start, end = ent.start, ent.end
        doc = self.doc
        # "Deir al-Zour province" → the province of the city
        if kind == "place" and end < len(doc) and doc[end].lower_ in ("province", "governorate"):
            parent = self.entry(e.parent, "place") if e.parent else None
            if e.cls != "Province" and parent is not None and parent.cls == "Province":
                e, end = parent, end + 1
            elif e.cls == "Province":
                end += 1
        # "northern Syria": a region of the country
        if kind == "place" and e.cls == "Country" and start > 0:
            prev = doc[start - 1]
            if prev.lower_ in self.rules["regions"]:
                key = f"{prev.lower_} {e.name}"
                self._region(key, e)
                self._add(
                    Mention(start - 1, end, "place", key, doc[start - 1 : end].text, "head-noun")
                )
                return
        if kind == "actor" and doc[end - 1].lower_ in self.rules["air_heads"]:
            # "Russian bombers", "Israeli jets": the state acting from the air
            st = self.gaz.by_demonym(doc[start].text)
            if st is not None:
                self._add(
                    Mention(
                        start, end, "actor", st.name, doc[start:end].text, "head-noun", air=True
                    )
                )
                self._ensure_actor(st.name, "State", "gazetteer")
                return
        self._add(
            Mention(
                start,
                end,
                kind,
                e.name,
                doc[start:end].text,
                "gazetteer",
                country_name=e.cls == "Country",
            )
        )

    def _region(self, key: str, country: GazEntry) -> None:
        ref = _Registry.ref("place", key)
        if ref not in self.reg.entities:
            self.reg.entities[ref] = Entity(
                key,
                "place",
                "Region",
                key,
                country=country.name,
                parent=country.name,
                source="head-noun",
            )

    def _ner_mention(self, ent: Span) -> None:
        label = ent.label_
        doc = self.doc
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        while start < ent.end and doc[start].is_punct:
            start += 1
        end = ent.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
            end -= 1
        if end <= start:
            return
        span = doc[start:end]
        text = span.text
        if text in self.ignore:
            return
        found = self.gaz.lookup(text)
        if label in ("GPE", "LOC", "FAC"):
            places = [e for e in found if e.kind == "place"]
            if places:
                self._add(
                    Mention(
                        start,
                        end,
                        "place",
                        places[0].name,
                        text,
                        "gazetteer",
                        country_name=places[0].cls == "Country",
                    )
                )
                return
            if not span[0].is_title and not span[0].is_upper:
                return
            cls = {"GPE": "Settlement", "LOC": "Region", "FAC": "Facility"}[label]
            if span[-1].lower_ in ("river",) or span[0].lower_ == "river":
                cls = "River"
            m = self._add(Mention(start, end, "place", text, text, "ner"))
            if m is not None:
                self._ensure_place(text, cls, "ner")
            return
        if label == "ORG":
            actors = [e for e in found if e.kind == "actor"]
            if actors:
                self._add(Mention(start, end, "actor", actors[0].name, text, "gazetteer"))
                return
            head = span[-1].lower_
            cls = self.rules["org_heads"].get(head)
            if cls is None or len(span) < 2:
                return
            m = self._add(Mention(start, end, "actor", text, text, "ner"))
            if m is not None:
                self._ensure_actor(text, cls, "ner")
            return
        if (
            label == "PERSON"
            and len(span) == 1
            and end < len(doc)
            and doc[end].lower_ in ("city", "town", "village", "province", "governorate")
        ):
            cls = "Province" if doc[end].lower_ in ("province", "governorate") else "Settlement"
            if self._add(Mention(start, end, "place", text, text, "ner")) is not None:
                self._ensure_place(text, cls, "ner")
            return
        if label == "PERSON":
            if found:
                e = found[0]
                self._add(
                    Mention(
                        start,
                        end,
                        e.kind,
                        e.name,
                        text,
                        "gazetteer",
                        country_name=e.cls == "Country",
                    )
                )
                return
            titled = start > 0 and self._title_before(start) is not None
            if titled and all(
                t.is_title or t.lower_ in ("al", "bin", "ibn", "abu", "el", "de") or "-" in t.text
                for t in span
            ):
                m = self._add(Mention(start, end, "actor", text, text, "ner"))
                if m is not None:
                    self._ensure_actor(text, "Person", "ner")

    def _proper_orgs(self, verbless: set[int]) -> None:
        """Capitalised names ending in an organisation word ("Free Idlib Army", "Joint
        Operations Command") that neither the gazetteer nor the NER gave whole: an actor, even
        when a place name inside it was matched ("Idlib")."""
        doc = self.doc
        heads: dict[str, str] = self.rules["org_heads"]
        for tok in doc:
            if tok.lower_ not in heads or not tok.is_title or self.sent_start[tok.i] in verbless:
                continue
            start = tok.i
            while (
                start > self.sent_start[tok.i]
                and (doc[start - 1].is_title or doc[start - 1].lower_ in ("al", "of", "-"))
                and doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN", "ADP", "PUNCT")
            ):
                start -= 1
            while start < tok.i and not doc[start].is_title:
                start += 1
            if tok.i - start < 1 or (
                start == self.sent_start[tok.i] and doc[start].lower_ == "the"
            ):
                continue
            covered = [self.by_token.get(i) for i in range(start, tok.i + 1)]
            if any(m is not None and m.kind == "actor" for m in covered):
                continue
            if covered[0] is not None and covered[0].start < start:
                continue
            for m in {id(m): m for m in covered if m is not None}.values():
                self.mentions.remove(m)
                for i in range(m.start, m.end):
                    self.by_token.pop(i, None)
            text = doc[start : tok.i + 1].text
            found = [e for e in self.gaz.lookup(text) if e.kind == "actor"]
            key = found[0].name if found else text
            if self._add(Mention(start, tok.i + 1, "actor", key, text, "ner")) is not None:
                self._ensure_actor(key, heads[tok.lower_], "ner")

    def _title_before(self, start: int) -> str | None:
        doc = self.doc
        for n in (2, 1):
            if start - n >= 0:
                words = " ".join(t.lower_ for t in doc[start - n : start])
                if words in self.rules["titles"]:
                    return words
        return None

    def _acronyms(self) -> None:
        """ "Name (ACR)" defines ACR for this article; bare ACR tokens then name the entity."""
        doc = self.doc
        for m in list(self.mentions):
            if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
                acr = doc[m.end + 1]
                if acr.is_upper and 2 <= len(acr.text) <= 8 and acr.text.isalpha():
                    self.acronyms[acr.text] = m
                    if m.end + 1 not in self.by_token:
                        self._add(Mention(m.end + 1, m.end + 2, m.kind, m.key, acr.text, "acronym"))
        for tok in doc:
            # an acronym an earlier article of the build defined ("LNA")
            if tok.is_upper and len(tok.text) >= 2 and tok.is_alpha and tok.i not in self.by_token:
                norm = normalize(tok.text)
                self.open_acronyms.add(norm)
                key = self.known.get(norm)
                if key is not None and not self.gaz.lookup(tok.text):
                    self._add(Mention(tok.i, tok.i + 1, "actor", key, tok.text, "acronym"))
                    self._ensure_actor(key, "ArmedGroup", "acronym")
        if not self.acronyms:
            return
        for tok in doc:
            defined = self.acronyms.get(tok.text)
            if defined is not None and tok.i not in self.by_token:
                self._add(Mention(tok.i, tok.i + 1, defined.kind, defined.key, tok.text, "acronym"))

    # ------------------------------------------------------------------ head nouns
    def _modifiers(self, tok: Token) -> list[Token]:
        """Left modifiers of a noun (compounds, adjectives, possessives), nested ones included."""
        out: list[Token] = []
        for child in tok.lefts:
            if child.dep_ in (
                "compound",
                "amod",
                "poss",
                "nmod",
                "npadvmod",
                "nummod",
                "advmod",
                "det",
                "case",
                "punct",
                "cc",
                "conj",
                "quantmod",
            ):
                out.append(child)
                out.extend(self._modifiers(child))
                for c in child.conjuncts:
                    if c.i < tok.i:
                        out.append(c)
        return sorted(set(out), key=lambda t: t.i)

    def _sponsor_in(self, mods: list[Token]) -> str | None:
        """ "US-backed ...": the state or actor named before '-backed' among ``mods``."""
        parts = set(self.rules["support"]["participles"]) | {"led"}
        for t in mods:
            if t.lower_ in parts and t.i >= 2 and self.doc[t.i - 1].text == "-":
                sp = self.doc[t.i - 2]
                m = self.by_token.get(sp.i)
                if m is not None:
                    return self.as_actor(m)
                st = self.gaz.by_demonym(sp.text)
                if st is not None:
                    return st.name
        return None

    def _head_noun(self, tok: Token) -> None:
        rules = self.rules
        low = tok.lower_
        if low not in _noun_heads() or tok.pos_ not in ("NOUN", "PROPN"):
            return
        if tok.dep_ in ("compound", "amod") and (
            tok.head.lower_ in rules["actor_heads"] or tok.head.lower_ in rules["air_heads"]
        ):
            return  # "government forces", "militia allies": the head noun decides
        mods = self._modifiers(tok)
        doc = self.doc
        start = mods[0].i if mods else tok.i
        while start < tok.i and (
            doc[start].dep_ in ("det", "punct", "cc")
            or (doc[start].dep_ == "poss" and doc[start].pos_ == "PRON")
        ):
            start += 1
        text = doc[start : tok.i + 1].text
        mod_words = [t for t in mods if t.dep_ not in ("det", "punct", "cc")]
        # a known actor among the modifiers ("IS fighters", "Islamic State militants")
        for t in mod_words:
            m = self.by_token.get(t.i)
            if (
                m is not None
                and m.kind == "actor"
                and t.dep_ in ("compound", "nmod")
                and low in rules["actor_heads"]
                and not any(x.pos_ in ("CCONJ", "PUNCT") for x in doc[m.end : tok.i])
            ):
                self._extend(m, tok.i + 1)
                return
        # a country or its demonym
        state: GazEntry | None = None
        for t in mod_words:
            m = self.by_token.get(t.i)
            if m is not None and m.country_name:
                state = self.entry(m.key, "actor")
            elif m is None and t.dep_ in ("amod", "compound", "poss", "nmod"):
                state = self.gaz.by_demonym(t.text) or state
            if state is not None:
                break
        words = {t.lower_ for t in mod_words}
        # "forces loyal to Assad": the forces of the loyalty's country
        loyal = [c for c in tok.children if c.lower_ in ("loyal", "allied", "aligned")]
        for c in loyal:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "to":
                    for o in p.subtree:
                        om = self.by_token.get(o.i)
                        if om is None:
                            continue
                        country = (
                            self.country_of_actor(om.key)
                            if om.kind == "actor"
                            else (om.key if om.country_name else None)
                        )
                        st = self.entry(country, "actor") if country else None
                        if st is not None and low in rules["forces_heads"]:
                            forces = self._forces(st)
                            self._add_actor_mention(
                                start, tok.i + 1, forces[0], forces[1], doc[start : o.i + 1].text
                            )
                            return
        sponsor = self._sponsor_in(mods)
        backed_by = None
        if sponsor is None:
            # "Kurdish-led forces, backed by the United States": the sponsor after the noun
            parts = set(rules["support"]["participles"])
            for c in tok.children:
                if c.lower_ in parts and c.dep_ in ("acl", "amod", "relcl"):
                    for a in c.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                pm = self.by_token.get(p.i)
                                if pm is not None and backed_by is None:
                                    backed_by = self.as_actor_key(pm) or (
                                        pm.key if pm.kind == "actor" else None
                                    )
        if sponsor is None and backed_by is not None:
            described = self._descriptor(backed_by, tok, words | self._words_right(tok))
            if described is not None:
                e = self.entry(described, "actor")
                self._add_actor_mention(
                    start, tok.i + 1, described, e.cls if e else "ArmedGroup", text, replace=True
                )
                return
        if sponsor is not None:
            # the sponsor's own name stays a mention of its own: start after "-backed"
            parts = set(rules["support"]["participles"]) | {"led"}
            after = [t.i + 1 for t in mods if t.lower_ in parts and doc[t.i - 1].text == "-"]
            if after:
                start = max(start, min(max(after), tok.i))
                while start < tok.i and doc[start].is_punct:
                    start += 1
                text = doc[start : tok.i + 1].text
        if sponsor is not None and state is not None and state.name == sponsor:
            state = None
        if low in rules["air_heads"] or (low == "power" and "air" in words):
            if state is not None:
                self._add_actor_mention(
                    start, tok.i + 1, state.name, "State", text, air=True, replace=True
                )
            return
        if low in _place_heads():
            return  # resolved later, when it is an argument (see place_at)
        if state is not None and words & set(rules["opposition"]):
            name = f"{self._adjective(state)} opposition"
            self._add_actor_mention(start, tok.i + 1, name, "ArmedGroup", text, replace=True)
            return
        if state is not None and low in rules["forces_heads"]:
            forces = self._forces(state)
            self._add_actor_mention(start, tok.i + 1, forces[0], forces[1], text, replace=True)
            return
        if state is not None and low in ("government", "administration", "regime"):
            gov = self.gaz.government_of(state.name)
            name = gov.name if gov else f"Government of {self._the(state.name)}"
            self._add_actor_mention(start, tok.i + 1, name, "Government", text, replace=True)
            return
        # group adjectives: "Shiite militias", "Sunni tribal militias", "Kurd and Arab militia
        # allies"
        groups = [(t, self.gaz.group_adjective(t.text)) for t in mod_words]
        groups = [(t, g) for t, g in groups if g]
        militia = low in ("militia", "militias") or "militia" in words or "militias" in words
        if groups and militia:
            words_in_order = []
            for t in mod_words:
                g = self.gaz.group_adjective(t.text)
                if g or (
                    t.dep_ == "amod" and t.pos_ == "ADJ" and t.lower_ not in ("militia", "militias")
                ):
                    words_in_order.append((t, g))
            for t0, _g0 in groups:
                name_parts = [
                    str(g) if t is t0 else t.text if t.is_title else t.lower_
                    for t, g in words_in_order
                    if not g or t is t0
                ]
                name = " ".join([*name_parts, "militias"])
                self._add_actor_mention(start, tok.i + 1, name, "Militia", text, group=True)
            return
        # descriptors ("US-backed, predominantly Kurdish units" → SDF)
        if sponsor is not None:
            described = self._descriptor(sponsor, tok, words | self._words_right(tok))
            if described is not None:
                e = self.entry(described, "actor")
                self._add_actor_mention(
                    start,
                    tok.i + 1,
                    described,
                    e.cls if e else "ArmedGroup",
                    text,
                    sponsor=sponsor,
                    replace=True,
                )
                return
            if low in ("militias", "militia", "groups", "fighters", "rebels"):
                name = f"{sponsor}-backed {low if low.endswith('s') else low + 's'}"
                self._add_actor_mention(start, tok.i + 1, name, "Militia", text, sponsor=sponsor)
                return
        # "government forces", "the army": forces of the country in context
        phrase = " ".join(t.lower_ for t in doc[max(start - 1, 0) : tok.i + 1])
        for gf in rules["government_forces"]:
            if phrase.endswith(gf) and (gf.split()[0] != "the" or not mod_words):
                country = self.context_country(tok)
                if country is not None:
                    st = self.entry(country, "actor")
                    if st is not None:
                        forces = self._forces(st)
                        self._add_actor_mention(
                            start, tok.i + 1, forces[0], forces[1], text, via_context=True
                        )
                return
        if (low in ("government", "regime") and not mod_words) or phrase.endswith("the government"):
            country = self.context_country(tok)
            if country is not None and self.entry(country, "actor") is not None:
                gov = self.gaz.government_of(country)
                name = gov.name if gov else f"Government of {self._the(country)}"
                self._add_actor_mention(
                    start, tok.i + 1, name, "Government", text, via_context=True
                )
            return
        if low in ("opposition", "rebels") or words & set(rules["opposition"]):
            country = self.context_country(tok)
            st = self.entry(country, "actor") if country else None
            if st is not None:
                name = f"{self._adjective(st)} opposition"
                self._add_actor_mention(start, tok.i + 1, name, "ArmedGroup", text)
            return
        # "the jihadists", "the militant group": the salient armed group
        generic = " ".join(t.lower_ for t in mod_words if t.dep_ != "poss") + " " + low
        if low in rules["coref"]["armed_group"] or generic.strip() in rules["coref"]["armed_group"]:
            if any(t.dep_ == "poss" for t in mods) or (mod_words and not generic.strip()):
                return
            det = [t for t in mods if t.dep_ == "det"]
            if det or low in ("jihadists", "militants"):
                # "the jihadists" name a terrorist organisation before any other armed group
                salient = self.salient_actor(tok.i, ("TerroristOrganization",))
                if salient is None or low in ("group", "insurgents"):
                    salient = self.salient_actor(tok.i, _ARMED_GROUP_CLASSES) or salient
                if salient is not None:
                    self._add(Mention(start, tok.i + 1, "actor", salient, text, "coref"))

    def _words_right(self, tok: Token) -> set[str]:
        out = set()
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    out |= {t.lower_ for t in g.subtree}
        return out

    def _descriptor(self, sponsor: str, head: Token, words: set[str]) -> str | None:
        for d in load_descriptors():
            if d["sponsor"] != sponsor or head.lower_ not in d["heads"]:
                continue
            need = set(d.get("any_of", []))
            if need and not (need & words):
                continue
            return str(d["actor"])
        return None

    def _extend(self, m: Mention, end: int) -> None:
        new = Mention(
            m.start,
            end,
            m.kind,
            m.key,
            self.doc[m.start : end].text,
            m.source,
            m.country_name,
            m.air,
            m.sponsor,
        )
        self._replace(m, new)

    def _add_actor_mention(
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
                    self.mentions.remove(old)
                    for j in range(old.start, old.end):
                        self.by_token.pop(j, None)
        if group:
            # several entities share one phrase ("Kurd and Arab militia allies"): keep them apart
            self._ensure_actor(key, cls, "head-noun")
            self.reg.forms.setdefault(key, set()).add(text)
            self.group_mentions.append((start, end, key))
            return
        m = self._add(
            Mention(
                start,
                end,
                "actor",
                key,
                text,
                "head-noun" if not via_context else "coref",
                air=air,
                sponsor=sponsor,
            )
        )
        if m is not None:
            self._ensure_actor(key, cls, "head-noun")

    def _forces(self, state: GazEntry) -> tuple[str, str]:
        f = self.gaz.forces_of(state.name)
        if f is not None:
            return f.name, f.cls
        return f"Armed Forces of {self._the(state.name)}", "ArmedForces"

    @staticmethod
    def _the(name: str) -> str:
        return f"the {name}" if name in _THE_COUNTRIES else name

    @staticmethod
    def _adjective(state: GazEntry) -> str:
        for d in state.demonyms:
            if not d.endswith("s") or d.endswith("ss"):
                return d
        return state.name

    def _ensure_actor(self, key: str, cls: str, source: str) -> None:
        ref = _Registry.ref("actor", key)
        if ref not in self.reg.entities:
            e = self.entry(key, "actor")
            if e is not None:
                self.reg.entities[ref] = Entity(
                    e.name, "actor", e.cls, e.name, country=e.country, source="gazetteer"
                )
            else:
                self.reg.entities[ref] = Entity(key, "actor", cls, key, source=source)

    def _ensure_place(self, key: str, cls: str, source: str) -> None:
        ref = _Registry.ref("place", key)
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

    # ------------------------------------------------------------------ salience and context
    def salient_actor(self, before: int, classes: tuple[str, ...]) -> str | None:
        """The most mentioned actor of these classes before token ``before`` (latest on ties)."""
        counts: Counter[str] = Counter()
        last: dict[str, int] = {}
        for m in self.mentions:
            if m.start >= before or m.kind != "actor" or m.country_name:
                continue
            e = self.entry(m.key, "actor")
            cls = e.cls if e else self.reg.entities.get(m.key, Entity("", "", "", "")).cls
            if cls in classes:
                counts[m.key] += 1
                last[m.key] = m.start
        if not counts:
            return None
        return max(counts, key=lambda k: (counts[k], last[k]))

    def salient_place(self, before: int, classes: tuple[str, ...]) -> str | None:
        """The place of these classes that "the city" / "the province" at ``before`` means.

        A place named in the same or the previous sentence wins (its subject first, else the
        latest); failing that, the place the article has named most (the latest on ties).
        """
        cands = [
            m
            for m in self.mentions
            if m.start < before and m.kind == "place" and self.place_class(m.key) in classes
        ]
        if not cands:
            return None
        sent = self.doc[min(before, len(self.doc) - 1)].sent
        prev_start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        recent = [m for m in cands if m.start >= prev_start]
        if recent:
            subj = [m for m in recent if self.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
            return (subj or recent)[-1].key
        counts = Counter(m.key for m in cands)
        last = {m.key: m.start for m in cands}
        return max(counts, key=lambda k: (counts[k], last[k]))

    def place_class(self, key: str) -> str:
        e = self.entry(key, "place")
        if e is not None:
            return e.cls
        ent = self.reg.entities.get("place:" + key)
        return ent.cls if ent else "Place"

    def country_of_place(self, key: str) -> str | None:
        e = self.entry(key, "place")
        if e is not None:
            return e.name if e.cls == "Country" else e.country
        ent = self.reg.entities.get("place:" + key)
        return ent.country if ent else None

    def country_of_actor(self, key: str) -> str | None:
        e = self.entry(key, "actor")
        if e is not None:
            return e.name if e.cls == "State" else e.country
        return None

    def context_country(self, tok: Token) -> str | None:
        """The country a sentence is about: the country of its nearest town or province, else a
        country named as a location ("in Syria"), else the article's main country so far."""
        sent = tok.sent
        towns, named = [], []
        for m in self.mentions:
            if not (sent.start <= m.start < sent.end) or m.kind != "place":
                continue
            c = self.country_of_place(m.key)
            if not c:
                continue
            if not m.country_name:
                towns.append((abs(m.start - tok.i), c))
            else:
                head = self.doc[m.end - 1]
                if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE:
                    named.append((abs(m.start - tok.i), c))
        if towns:
            return min(towns)[1]
        if named:
            return min(named)[1]
        return self.main_country(tok.i)

    def main_country(self, before: int | None = None) -> str | None:
        """The country most mentioned in the article (directly or through its places)."""
        counts: Counter[str] = Counter()
        for m in self.mentions:
            if before is not None and m.start >= before:
                continue
            if m.kind == "place":
                c = self.country_of_place(m.key)
                if c:
                    counts[c] += 1
        if not counts:
            return None
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    # ------------------------------------------------------------------ resolution API
    def as_actor(self, m: Mention) -> str | None:
        """The actor a mention stands for (a country's name → its state)."""
        if m.kind == "actor":
            return m.key
        if m.country_name:
            st = self.entry(m.key, "actor")
            if st is not None:
                self.acting.add(m.start)
                self._ensure_actor(st.name, "State", "gazetteer")
                self.reg.forms.setdefault(st.name, set()).add(m.text)
                return st.name
        return None

    def pronoun(self, tok: Token) -> str | None:
        """The actor a pronoun (they, their, its, who) refers to: the nearest actor before it in
        the sentence that is a subject or head of a noun phrase, else the previous sentence's."""
        sent = tok.sent
        cands = [m for m in self.mentions if sent.start <= m.start < tok.i and m.kind == "actor"]
        if tok.lower_ in ("who", "which") and tok.dep_ in ("nsubj", "nsubjpass"):
            head = tok.head.head if tok.head.dep_ == "relcl" else None
            if head is not None:
                ms = self.actors_at(head, conj=False)
                if ms:
                    return ms[0]
        # prefer the subject of the clause
        for m in reversed(cands):
            if (
                any(t.dep_ in ("nsubj", "nsubjpass") for t in self.doc[m.start : m.end])
                and not m.country_name
            ):
                return m.key
        for m in reversed(cands):
            a = self.as_actor(m)
            if a:
                return a
        prev = [
            m
            for m in self.mentions
            if m.start < sent.start
            and m.kind == "actor"
            and any(t.dep_ in ("nsubj", "nsubjpass") for t in self.doc[m.start : m.end])
        ]
        return prev[-1].key if prev else None

    def actors_at(self, tok: Token, conj: bool = True, principal: bool = False) -> list[str]:
        """Actors a noun phrase headed by ``tok`` names (with its conjuncts).

        With ``principal``, conjuncts that are someone's partners ("X and their allies") are
        left out: they are not the principal actors of what the phrase does.
        """
        out: list[str] = []
        toks = [tok, *tok.conjuncts] if conj else [tok]
        if principal:
            toks = [
                t
                for t in toks
                if t is tok or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
            ]
        for t in toks:
            for a in self._actor_of_token(t):
                if a not in out:
                    out.append(a)
        return out

    def _actor_of_token(self, t: Token) -> list[str]:
        group = [k for s, e, k in self.group_mentions if s <= t.i < e]
        if group:
            return group
        m = self.by_token.get(t.i)
        if m is None:
            # the head is outside the mention: "the city of X", "one of ...": look at children
            if t.lower_ in self.rules["pronouns"] and t.pos_ == "PRON":
                p = self.pronoun(t)
                return [p] if p else []
            for child in t.children:
                if child.dep_ in ("compound", "amod", "nmod", "appos"):
                    cm = self.by_token.get(child.i)
                    if cm is not None and cm.kind == "actor":
                        a = self.as_actor(cm)
                        return [a] if a else []
            return []
        a = self.as_actor(m)
        return [a] if a else []

    def unknown_place(self, tok: Token) -> str | None:
        """A proper name no gazetteer knows, in a place's slot ("seized Kafr Nabl"): a town."""
        if tok.pos_ != "PROPN" or not tok.is_title or tok.i in self.by_token:
            return None
        span = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t is tok]
        start, end = min(t.i for t in span), max(t.i for t in span) + 1
        if any(i in self.by_token or not self.doc[i].is_title for i in range(start, end)):
            return None
        text = self.doc[start:end].text
        if self.gaz.lookup(text) or self.gaz.by_demonym(text):
            return None
        if self._add(Mention(start, end, "place", text, text, "ner")) is None:
            return None
        self._ensure_place(text, "Settlement", "ner")
        return text

    def place_at(self, tok: Token) -> str | None:
        """The place a noun phrase headed by ``tok`` names, with "the city" and "the province"
        resolved to the salient settlement or province, and "the city of X" to X."""
        m = self.by_token.get(tok.i)
        if m is not None and m.kind == "place":
            return m.key
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "nmod"):
                cm = self.by_token.get(child.i)
                if cm is not None and cm.kind == "place":
                    return cm.key
            if child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    gm = self.by_token.get(g.i)
                    if gm is not None and gm.kind == "place":
                        return gm.key
        low = tok.lower_
        coref = self.rules["coref"]
        if tok.pos_ == "NOUN" and low in coref["settlement"]:
            return self.salient_place(tok.i, ("Settlement",))
        if tok.pos_ == "NOUN" and low in coref["province"]:
            p = self.salient_place(tok.i, ("Province",))
            city = self.salient_place(tok.i, ("Settlement",))
            if city is not None:
                e = self.entry(city, "place")
                parent = self.entry(e.parent, "place") if e and e.parent else None
                if (
                    parent is not None
                    and parent.cls == "Province"
                    and (p is None or self._last_index(city) > self._last_index(p))
                ):
                    self._ensure_place(parent.name, "Province", "gazetteer")
                    self.reg.forms.setdefault("place:" + parent.name, set()).add(
                        self.doc[tok.i - 1 : tok.i + 1].text if tok.i else tok.text
                    )
                    return parent.name
            return p
        if tok.pos_ == "NOUN" and low in coref["country"]:
            return self.salient_place(tok.i, ("Country",))
        return None

    def _last_index(self, key: str) -> int:
        idx = [m.start for m in self.mentions if m.key == key]
        return max(idx) if idx else -1

    def places_in(self, tokens: list[Token]) -> list[str]:
        out: list[str] = []
        for t in tokens:
            p = self.place_at(t)
            if p is not None and p not in out:
                out.append(p)
        return out

    # ------------------------------------------------------------------ output
    def rekey(self, old: str, new: str, sent: Span) -> None:
        """Mentions of ``old`` in ``sent`` name ``new`` instead (a government that fights is its
        forces: "the government are preparing to recapture the town")."""
        for m in self.mentions:
            if m.key == old and m.kind == "actor" and sent.start <= m.start < sent.end:
                m.key = new

    def as_actor_key(self, m: Mention) -> str | None:
        """The state a country mention names, without recording it as acting."""
        st = self.entry(m.key, "actor") if m.country_name else None
        return st.name if st is not None else None

    def entities(
        self,
        used_actors: set[str],
        used_places: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> tuple[dict[str, Entity], dict[str, set[str]]]:
        """Every entity the article mentions (a country's name counts as the state only when it
        acts in a fact), with its surface forms, keyed as ArticleFacts expects."""
        for m in self.mentions:
            # a country that is the subject of a statement ("With Iran eager to ...") acts
            head = self.doc[m.end - 1]
            if m.country_name and (
                head.dep_ in ("nsubj", "nsubjpass")
                or any(c.dep_ in ("amod", "acomp") and c.i > head.i for c in head.children)
            ):
                self.as_actor(m)
        ents = dict(self.reg.entities)
        forms: dict[str, set[str]] = {k: set(v) for k, v in self.reg.forms.items()}
        for m in self.mentions:
            if m.kind == "place" and m.start in self.acting:
                continue
            if m.kind == "place" and m.source == "head-noun" and m.key not in used_places:
                continue  # "eastern Syria" as a mere description
            if m.kind == "place":
                self._ensure_place(m.key, "Settlement", m.source)
                ents.setdefault("place:" + m.key, self.reg.entities["place:" + m.key])
                forms.setdefault("place:" + m.key, set()).add(m.text)
            else:
                self._ensure_actor(m.key, "ArmedGroup", m.source)
                ents.setdefault(m.key, self.reg.entities[m.key])
                forms.setdefault(m.key, set()).add(m.text)
        for a in used_actors:
            if a not in ents:
                self._ensure_actor(a, "ArmedGroup", "head-noun")
                ents[a] = self.reg.entities[a]
            forms.setdefault(a, set())  # the article names it in a fact: it is mentioned
        # states whose name appears only as a place are actors when they act
        for ref, e in list(ents.items()):
            if (
                e.kind == "actor"
                and e.cls == "State"
                and ref not in used_actors
                and not any(m.kind == "actor" and m.key == ref for m in self.mentions)
                and not any(
                    self.as_actor_key(m) == ref for m in self.mentions if m.start in self.acting
                )
            ):
                del ents[ref]
                forms.pop(ref, None)
        # the containing places of every place, so the located-in chain is complete
        for e in list(ents.values()):
            if e.kind == "place" and e.parent:
                for anc in [e.parent, *self.gaz.ancestors(e.parent)]:
                    if "place:" + anc not in ents:
                        self._ensure_place(anc, "Country", "gazetteer")
                        ents["place:" + anc] = self.reg.entities["place:" + anc]
        for e in list(ents.values()):
            if e.country and "place:" + e.country not in ents and self.entry(e.country, "place"):
                self._ensure_place(e.country, "Country", "gazetteer")
                ents["place:" + e.country] = self.reg.entities["place:" + e.country]
        return ents, forms
