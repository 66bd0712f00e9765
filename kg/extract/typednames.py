"""Places named by a capitalised name and the word for their type, whatever the NER made of it.

"the Bokkos district", "Kyauktaw township", "the Pankisi Gorge", "the Kamuku forest",
"Ghwayran prison", "the Siverskyi Donets River": the name and the type word are one place, of
the class the word gives (``mentions: typed_place_words`` in rules.yaml), not the town the
name alone may spell ("the Makhmour district": a district, not the town Makhmour) nor nothing
(the NER reads such unknown names as a person, an organisation or a product, or not at all).

The finder runs before every other, on tokens, so no NER label decides. It leaves alone:

- a whole the gazetteer knows ("the Panjshir Valley", "Kherson region": its own rules name it);
- a named operation ("Operation Silent River": an offensive's name, never a place);
- a name that is an actor, a people or a country's demonym ("Hamas territory", "the Russian
  state", "a Ukrainian air base"), a direction ("the Eastern region"), a date;
- a name the gazetteer knows as a place, unless the word makes a district of a town ("the
  Pokrovsk district") or a landform of any place ("the Jordan Valley", "the Dnipro River");
- a type word that qualifies a noun after it ("the Kupiansk district governor");
- a capitalised type word that is also an organisation's ("the State Department", "Islamic
  State"): ``typed_place_lower_only`` are taken in lower case only;
- a title-case headline, where every word is capitalised;
- a person's name the NER reads so, the type word a landform's, capitalised, no article before
  ("Army spokesman Mark River", "Paul Hills, a spokesman"; "Ghwayran Prison" stays a place);
- the tail of a longer name after a capitalised small word ("a Doctors Without Borders hospital").

A hyphenated name is taken whole ("Pul-e-Charkhi prison").

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta
>>> text = "Gunmen killed five farmers in the Bokkos district on Monday."
>>> facts = Extractor().extract(ArticleMeta("t.txt"), text)
>>> [(e.key, e.cls) for e in facts.entities.values() if e.kind == "place"][0]
('Bokkos district', 'District')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.registry import Mention
from kg.extract.vocab import mention_words
from kg.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.gazetteer import GazEntry
    from kg.extract.registry import MentionRegistry

__all__ = ["find_described_settlements", "find_typed_places", "headline"]

#: small words inside a place's name ("Tal al-Abyad", "Serrania de San Lucas")
_JOINERS = frozenset({"al", "el", "-", "de", "du", "la", "le", "ad", "as", "ar", "ash", "bin"})
#: NER labels a place's name never carries
_NOT_NAMES = frozenset({"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})


def find_typed_places(res: MentionRegistry) -> None:
    """Every "Name <type word>" of the article: one place of the word's class (module
    docstring), mentioned by the name and the word."""
    doc = res.doc
    words = _type_words(res)
    firsts = {w.split()[0] for w in words}  # most tokens start no type word: skip them cheaply
    i = 0
    while i < len(doc):
        found = _type_at(doc, i, words) if doc[i].lower_ in firsts else None
        if found is None:
            i += 1
            continue
        n, phrase = found
        start = _name_start(doc, i, res.sent_start[i])
        if start < i and not any(k in res.by_token for k in range(start, i + n)):
            _add(res, start, i, i + n, phrase, words[phrase])
        i += n


def find_described_settlements(res: MentionRegistry) -> None:
    """ "Kasuwan Daji, a village in Niger State", "Nyanzale, a key town on the road to Goma":
    a capitalised name no gazetteer knows, described right after its comma as a settlement
    (``mentions: described_settlement_nouns``, the head of its phrase: not "P, a town
    official"), is a settlement, whatever the NER made of it (a person, an organisation)."""
    doc = res.doc
    nouns = mention_words("described_settlement_nouns")
    for tok in doc:
        if tok.text != "," or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ not in ("a", "an"):
            continue
        noun = next(
            (
                j
                for j in range(tok.i + 2, min(tok.i + 6, len(doc)))
                if doc[j].lower_ in nouns or doc[j].pos_ in ("VERB", "AUX", "ADP", "PUNCT")
            ),
            None,
        )
        if noun is None or doc[noun].lower_ not in nouns:
            continue
        if noun + 1 < len(doc) and doc[noun + 1].pos_ in ("NOUN", "PROPN"):
            continue  # "P, a town official", "P, a village elder"
        start = _name_start(doc, tok.i, res.sent_start[tok.i])
        if start == tok.i or any(k in res.by_token for k in range(start, tok.i)):
            continue
        name = doc[start : tok.i].text
        if res.gaz.lookup(name) or res.names_no_place(name):
            continue  # a known name keeps its own rules
        if res.add(Mention(start, tok.i, "place", name, name, "head-noun")) is not None:
            res.ensure_place(name, "Settlement", "head-noun")


def _type_words(res: MentionRegistry) -> dict[str, str]:
    table: dict[str, list[str]] = res.rules["mentions"]["typed_place_words"]
    return {w: cls for cls, ws in table.items() for w in ws}


def _type_at(doc: Doc, i: int, words: dict[str, str]) -> tuple[int, str] | None:
    """The length and words of the type word of one to three tokens at ``i`` (None when none,
    or when it qualifies a noun after it: "the district governor")."""
    lower_only = mention_words("typed_place_lower_only")
    for n in (3, 2, 1):
        if i + n > len(doc):
            continue
        phrase = " ".join(t.lower_ for t in doc[i : i + n])
        if phrase not in words:
            continue
        last = doc[i + n - 1]
        if phrase in lower_only and not doc[i].is_lower:
            return None
        if last.dep_ == "compound" and last.head.i > last.i:
            return None
        if i + n < len(doc) and doc[i + n].pos_ == "NOUN" and doc[i + n].is_lower:
            return None  # "the district chief", whatever the parse
        return n, phrase
    return None


def _name_start(doc: Doc, end: int, sent_start: int) -> int:
    """Where the capitalised name before token ``end`` begins (``end`` when there is none,
    when it is longer than four words, or when the sentence is a title-case headline)."""
    start = end
    while start > sent_start and (
        _name_word(doc, start - 1)
        or (doc[start - 1].lower_ in _JOINERS and start - 1 > sent_start and start < end)
        or (start < end and _hyphened(doc, start - 1))
    ):
        start -= 1
    while start < end and doc[start].lower_ in _JOINERS and not doc[start].is_title:
        if start + 1 < end and doc[start + 1].text == "-" and doc[start].is_alpha:
            break  # "al-Shirqat": the particle glued to the name is part of it
        start += 1
    words = sum(bool(t.whitespace_) for t in doc[start:end])  # "Pul-e-Charkhi" is one
    if start == end or words > 4 or headline(doc, sent_start, start):
        return end
    if start - 1 > sent_start and doc[start - 1].is_title and doc[start - 1].is_stop:
        return end  # the tail of a longer name: "a Doctors Without Borders hospital"
    return start


def _hyphened(doc: Doc, i: int) -> bool:
    """Whether token ``i`` makes one hyphenated word with the token after it ("Pul-e-Charkhi":
    "e" and "-" are the name's too)."""
    t = doc[i]
    return not t.whitespace_ and "-" in (t.text, doc[i + 1].text) and (t.is_alpha or t.text == "-")


def _name_word(doc: Doc, i: int) -> bool:
    t = doc[i]
    if not (t.is_title or (t.is_upper and len(t) > 1)) or t.ent_type_ in _NOT_NAMES:
        return False
    if t.pos_ == "VERB":  # "the Bredjing camp": a capitalised "-ing" name inside a sentence
        return not t.is_sent_start and t.tag_ == "VBG"
    return not t.is_stop and t.pos_ in ("PROPN", "NOUN", "ADJ")


def headline(doc: Doc, sent_start: int, end: int) -> bool:
    """Whether the sentence before ``end`` (a name) is a title-case headline: a capitalised
    function word or verb after its first word ("Rebels Seize Army Base In P District"), or
    no word of the whole sentence in lower case; a sentence of many names ("Militants fled
    into the Sinai Peninsula and the P Gorge") is none."""
    if any(
        t.is_title and (t.is_stop or t.pos_ in ("VERB", "AUX", "ADP", "ADV", "CCONJ"))
        for t in doc[sent_start + 1 : end]
        if t.lower_ not in _JOINERS
    ):
        return True
    words = [t for t in doc[sent_start].sent if t.is_alpha]
    return len(words) >= 4 and not any(t.is_lower for t in words)


def _add(res: MentionRegistry, start: int, end: int, stop: int, phrase: str, cls: str) -> None:
    """The place "Name <type word>" (tokens ``start``..``stop``, the name up to ``end``, the
    type word ``phrase``, of class ``cls``), when the name is free to name one (module
    docstring)."""
    doc = res.doc
    landform = phrase in mention_words("typed_landform_words")
    name, whole = doc[start:end].text, doc[start:stop].text
    if any(e.kind == "place" for e in res.gaz.lookup(whole)):
        return  # the gazetteer's own: its rules name it
    if any(e.kind == "actor" for e in res.gaz.lookup(whole)):
        return  # "Islamic State"
    if doc[start].lower_ == "operation" and doc[start].is_title:
        return  # "Operation Silent River", "Operation Desert Shield": an operation's name
    if landform and _person(doc, start, stop):
        return  # "Army spokesman Mark River said", "Paul Hills, a spokesman"
    if end - start == 1 and doc[start].lower_ in _directions(res):
        return  # "the Eastern region", "the North district"
    found = res.gaz.lookup(name)
    known = [e for e in found if e.kind == "place"]
    countries = {e.name for e in known if e.cls == "Country"}
    if any(e.kind == "actor" and e.name not in countries for e in found):
        return  # "Hamas territory", "the Wagner base"
    if name not in countries and (res.names_no_place(name) or res.names_no_place(doc[start].text)):
        return  # "a Ukrainian air base", "the Dinka region"
    town = next((e for e in known if e.cls == "Settlement"), None)
    if known and not _free(cls == "District", landform, town is not None, bool(countries)):
        return  # "Kherson hospital", "Tigray region", "the Artibonite Valley": the known name's
    if cls == "Settlement":  # "Yelwata town": the town Yelwata, as analysts name it
        if not known and res.add(Mention(start, stop, "place", name, whole, "head-noun")):
            res.ensure_place(name, cls, "head-noun")
        return
    key = whole[4:] if whole.startswith(("the ", "The ")) else whole
    if res.add(Mention(start, stop, "place", key, whole, "head-noun")) is None:
        return
    _register(res, key, cls, town if cls == "District" else None)
    if cls in ("District", "River") or phrase == "region":
        # named by its bare name as often ("Saltivka", "the Euphrates", "Theinni")
        res.reg.forms.setdefault(f"place:{key}", set()).add(name)


def _person(doc: Doc, start: int, stop: int) -> bool:
    """Whether the NER reads the name and its capitalised (landform) type word, with no article
    before them, as a person's name ("Mark River"; "the Pankisi Gorge" is a place whatever the
    NER)."""
    if not doc[stop - 1].is_title or (start > 0 and doc[start - 1].pos_ == "DET"):
        return False
    return all(t.ent_type_ == "PERSON" for t in doc[start:stop])


def _free(district: bool, landform: bool, town: bool, country: bool) -> bool:
    """Whether a known place's name may name a typed place of its own: a town's district ("the
    Pokrovsk district"), a landform of a town or a country ("the Dnipro River", "the Jordan
    Valley"); never a province's or a region's ("the Artibonite Valley" is the province)."""
    return (town and (district or landform)) or (country and landform)


def _directions(res: MentionRegistry) -> frozenset[str]:
    words: list[str] = res.rules["regions"]
    return frozenset([*words, "north", "south", "east", "west", "centre", "center"])


def _register(res: MentionRegistry, key: str, cls: str, town: GazEntry | None) -> None:
    """The entity of a typed place; a town's district lies in the town's province."""
    ref = f"place:{key}"
    if ref in res.reg.entities:
        return
    country = town.country or None if town is not None else None
    parent = (town.parent or town.country or None) if town is not None else None
    res.reg.entities[ref] = Entity(
        key, "place", cls, key, country=country, parent=parent, source="head-noun"
    )
