"""Places named by the words around them, where no gazetteer entry or NER label gives them.

- **named settlements**: "the village of A", "the towns of A, B and C": each capitalised name
  after a settlement noun and "of" is a settlement (a small village the gazetteer cannot
  know, and the NER often misses);
- **located settlements**: "near A in the R region": an unknown capitalised name after
  "near" / "outside" and before "in" a known place is a settlement in it;
- **bearing settlements**: "around A, north of Aleppo", "A, 40 kilometres east of B": an unknown
  capitalised name set off by a comma before a bearing "of" a known place is a settlement;
- **named features**: "the Bay of Bengal", "the Sea of Azov": a water or land feature word,
  "of" and a name are one place, not the gazetteer place the feature word alone may spell
  (Bay, a region of Somalia) nor a town the name may be;
- **a town's district**: "Mosul's Old City" is the Old City of Mosul, not another town's;
- **a town's facility**: "Goma airport", "Aden's international airport": a place of its own in
  the town, the gazetteer's when it knows it;
- **regions of a country**: "northern Syria", "north-eastern Syria", "central-eastern Chad"
  (a direction of several tokens is kept whole) and "Nigeria's north-east", "Mali's north"
  (the country's own direction): a region of the country;
- **regions of a territory or province**: "southern Gaza Strip", "the north of the enclave",
  "the western Hama countryside" (not "western Kursk region": where in the province).

The vocabulary is in the ``mentions:`` section of ``rules.yaml``: ``named_settlement_nouns``,
``feature_words``, ``district_names`` and ``region_of_nouns``; ``regions``
(the top-level list of direction words).

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta
>>> text = "Gunmen raided the villages of Kodiri and Mbala in Mali's north."
>>> facts = Extractor().extract(ArticleMeta("t.txt"), text)
>>> sorted(e.key for e in facts.entities.values() if e.kind == "place")
['Kodiri', 'Mali', 'Mbala', 'northern Mali']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.gazetteer import normalise
from kg.extract.registry import COUNTRY_NOUN, Mention
from kg.extract.typednames import headline
from kg.extract.vocab import event_setting_words, mention_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.gazetteer import GazEntry
    from kg.extract.registry import MentionRegistry

__all__ = [
    "district_after",
    "facility",
    "feature_name",
    "find_bearing_settlements",
    "find_country_regions",
    "find_event_settings",
    "find_located_settlements",
    "find_named_settlements",
    "foreign_facility",
    "listing_start",
    "region",
    "region_after",
    "region_before",
    "subregion",
]

#: words that join the parts of one name ("Tal al-Abyad", "Abu Kamal")
_JOINERS = frozenset({"al", "el", "-", "de", "du", "la", "le", "ad", "as", "ar", "ash"})


def find_named_settlements(res: MentionRegistry) -> None:
    """ "the village of A", "the towns of A, B and C", "five villages, including A and B",
    "A, B and C villages": the names a settlement noun lists are settlements; a name already a
    place is left as found, one that names an actor or a people is no place."""
    doc = res.doc
    nouns = mention_words("named_settlement_nouns")
    for tok in doc:
        if tok.lower_ not in nouns:
            continue
        i = listing_start(doc, tok.i)
        names = _listed_names(doc, i) if i > tok.i else _names_before(doc, tok.i)
        for start, end in names:
            _add_settlement(res, start, end)


def find_located_settlements(res: MentionRegistry) -> None:
    """ "near A in the R region", "outside A in P": an unknown capitalised name after
    ``located_settlement_preps`` and before "in" a place found already is a settlement (a
    village the gazetteer cannot know), so an event there is placed at it, not at R."""
    doc = res.doc
    preps = mention_words("located_settlement_preps")
    for tok in doc:
        if tok.lower_ not in preps or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        end = _name_end(doc, start)
        if end == start or end + 2 >= len(doc) or doc[end].lower_ != "in":
            continue
        if _institution(doc[start:end]):
            continue  # "outside Parliament in Mogadishu", "near Al-Shifa Hospital in Gaza"
        j = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        where = res.by_token.get(j)
        if where is not None and where.kind == "place":
            _add_settlement(res, start, end)


def find_bearing_settlements(res: MentionRegistry) -> None:
    """ "clashes near Tell Hassoun, north of Aleppo", "Dambwa, 40 kilometres east of Maiduguri",
    "Kirdi, some 12 miles (19 km) west of Mosul": an unknown capitalised name set off by a
    comma before a bearing (``bearing_words``, a distance before it or none) "of" a place found
    already is a settlement near that place; not a name a mention covers (an actor: "Boko
    Haram, east of Maiduguri"), a day, a building or a body, nor a person the article names."""
    doc = res.doc
    bearings = mention_words("bearing_words")
    skip = mention_words("distance_words")
    people = {w for k in _persons(res) for w in normalise(k).split()}
    for tok in doc:
        if tok.lower_ not in bearings or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
            continue
        j = tok.i + 3 if doc[tok.i + 2].lower_ == "the" else tok.i + 2
        where = res.by_token.get(j) if j < len(doc) else None
        if where is None or where.kind != "place":
            continue
        k = tok.i - 1
        while k > tok.sent.start and (
            doc[k].like_num or doc[k].lower_ in skip or doc[k].lower_ in bearings
        ):
            k -= 1  # "40 kilometres", "some 12 miles (19 km)", "north - east"
        if doc[k].text != ",":
            continue
        start = k
        while start > tok.sent.start and (
            doc[start - 1].is_title or doc[start - 1].lower_ in _JOINERS
        ):
            start -= 1
        while start < k and not _starts_name(doc, start):
            start += 1
        if start == k or _name_end(doc, start) != k or _institution(doc[start:k]):
            continue
        if {normalise(t.text) for t in doc[start:k]} - _JOINERS & people:
            continue  # "near Kime" after "Ali Kime said"; not "al-" of "Bashar al-Assad"
        titled = (
            doc[start].lower_ in mention_words("honorifics")
            or doc[start].lower_ in res.rules["titles"]
        )
        if titled:
            continue  # "talks with Sheikh P, west of Q": a person
        _add_settlement(res, start, k)


def find_event_settings(res: MentionRegistry) -> None:
    """ "attacked a base in Damasak", "two soldiers were killed near Bulabulin": an unknown
    capitalised name after ``setting_preps`` that hangs on a word of an event (a verb or
    noun of ``setting_families``, a site taken, or the object of such a verb) is a
    settlement, whatever the NER made of it (a person, an organisation, a product or
    nothing), so the event is placed at it. Not a name a mention covers, one the NER read as a
    place or the gazetteer knows (their rules judged it: "the deadliest attacks in Africa"),
    a people or a language, a building or a body ("in Parliament"), a day, a name of more
    than one word the NER read as a person or a body ("near Mohammed Yusuf", "in Dangote
    Cement"), one numbered ("near Mile 4"), one with a word of ``not_village_words`` (units,
    storms, feasts, legislatures, firms: "in Brigade 22", "in Cyclone Idai", "in Congress"),
    nor a person the article names.

    Examples
    --------
    "Gunmen attacked a camp in Ngamdu" names the village Ngamdu; "the withdrawal was debated
    in Congress" names no place.
    """
    doc = res.doc
    preps = mention_words("setting_preps")
    words = event_setting_words()
    people = {w for k in _persons(res) for w in normalise(k).split()}
    for tok in doc:
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in preps or tok.i in res.by_token:
            continue
        if tok.pos_ != "PROPN" or not tok.is_title or not _of_an_event(prep.head, words):
            continue
        start = prep.i + 1
        end = _name_end(doc, start)
        if start <= tok.i < end and _village_name(res, doc[start:end], words, people):
            _add_settlement(res, start, end)


def _village_name(
    res: MentionRegistry, name: Span, words: frozenset[str], people: set[str]
) -> bool:
    """Whether a name in an event's place phrase may be a village's (the checks of
    :func:`find_event_settings`)."""
    doc = res.doc
    if _institution(name) or res.gaz.lookup(name.text):
        return False
    if any(t.ent_type_ not in _MISREAD for t in name):
        return False  # a place name the NER read, and its rules judged, already
    labelled = any(t.ent_type_ for t in name)
    if len([t for t in name if t.lower_ not in _JOINERS]) > (1 if labelled else 3):
        return False  # "near Mohammed Yusuf", "in Dangote Cement": a person's or a firm's
    if name.end < len(doc) and (doc[name.end].like_num or len(doc[name.end].text) == 1):
        return False  # "near Mile 4", "in Zone B", "in Brigade 22"
    lows = {t.lower_ for t in name} | {t.lemma_.lower() for t in name}
    if lows & (words | mention_words("not_village_words")):
        return False  # "in Nine Hour Assault" (a headline), "during Cyclone Idai", "in Congress"
    if headline(doc, res.sent_start[name.start], name.start):
        return False
    return (
        not {normalise(t.text) for t in name} - _JOINERS & people
    )  # "near Kime" after "Ali Kime said"


#: NER labels of a village's name the NER misread: a person, a body, a product, nothing
_MISREAD = frozenset({"", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})


def _of_an_event(head: Token, words: frozenset[str]) -> bool:
    """True when ``head`` (what a place phrase hangs on) is an event's word, or the subject or
    object of one ("killed two soldiers in P": the parser may hang "in P" on the soldiers)."""
    if head.lemma_.lower() in words or head.lower_ in words:
        return True
    outer = head.head
    return head.dep_ in ("dobj", "nsubjpass", "nsubj") and (
        outer.lemma_.lower() in words or outer.lower_ in words
    )


def _persons(res: MentionRegistry) -> list[str]:
    """The persons the article's mentions name so far."""
    return [m.key for m in res.mentions if m.kind == "actor" and res.actor_class(m.key) == "Person"]


def _institution(name: Span) -> bool:
    """Whether a name is a building's or a body's, not a village's: the NER reads it as a
    facility, or its last word is a facility or building word (``mentions: facility_words``,
    ``building_words``). (An unknown village is often an organisation to the NER.)"""
    if any(t.ent_type_ == "FAC" for t in name):
        return True
    last = name[-1].lower_
    return last in mention_words("facility_words") | mention_words("building_words")


def listing_start(doc: Doc, noun: int) -> int:
    """Where the names a settlement noun lists begin (-1 when it lists none): "five villages,
    including A and B", "the towns of A and B", "named the villages as A, B and C", "the
    villages are A and B", "12 villages on Thursday, including A and B" (a short phrase with no
    verb between)."""
    i = noun + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1  # "five villages, including A and B"
    if i < len(doc) and doc[i].lower_ in _LISTING:
        return i + 1
    if i < len(doc) and doc[i].lower_ in _NAMED_AS and _definite(doc, noun):
        return i + 1  # "named the villages as A, B and C", "the villages are A and B"
    if i + 1 < len(doc) and doc[i].lower_ == "such" and doc[i + 1].lower_ == "as":
        return i + 2
    for j in range(noun + 1, min(noun + 8, doc[noun].sent.end - 1)):
        if doc[j].pos_ in ("VERB", "AUX") and doc[j].lower_ != "including":
            break
        if doc[j].text == "," and doc[j + 1].lower_ == "including":
            return j + 2  # "12 villages on Thursday, including A and B"
    return -1


#: NER labels of words that name no place ("the town of Monday's attack")
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})

#: words after a settlement noun that list its names ("the villages of", "towns including")
_LISTING = frozenset({"of", "including", "include", ":"})


#: words after "the villages" that list their names ("named the villages as A, B", "the
#: villages are A and B"; kg.extract.listings reads which capture they complete)
_NAMED_AS = frozenset({"as", "are", "were"})


def _definite(doc: Doc, noun: int) -> bool:
    """Whether the settlement noun at ``noun`` is "the" / "these" ones of a count told before."""
    return noun > 0 and doc[noun - 1].lower_ in ("the", "these")


def _names_before(doc: Doc, noun: int) -> list[tuple[int, int]]:
    """ "A, B and C villages", "Tal Hamra village": the proper names listed right before the
    settlement noun at ``noun`` (none when a word that is no name stands there)."""
    start = noun
    while start > 0 and (
        doc[start - 1].pos_ == "PROPN"
        or doc[start - 1].lower_ in ("and", ",")
        or doc[start - 1].lower_ in _JOINERS
    ):
        start -= 1
    while start < noun and not _starts_name(doc, start):
        start += 1
    names = _listed_names(doc, start) if start < noun else []
    if not names or names[-1][1] != noun:
        return []
    return [
        (a, b) for a, b in names if all(t.pos_ == "PROPN" or t.lower_ in _JOINERS for t in doc[a:b])
    ]


def _listed_names(doc: Doc, i: int) -> list[tuple[int, int]]:
    """The capitalised names listed from token ``i`` on ("A, B and C"), as token ranges."""
    out: list[tuple[int, int]] = []
    while i < len(doc):
        end = _name_end(doc, i)
        if end == i:
            break
        out.append((i, end))
        if i > 0 and doc[i - 1].lower_ in ("and", "or"):
            break  # "A, B and C, Arabic-language media said": the list ends with C
        if end < len(doc) and doc[end].text == "," and end + 1 < len(doc):
            i = end + 1
            if doc[i].lower_ in ("and", "or"):
                i += 1
        elif end < len(doc) and doc[end].lower_ in ("and", "or"):
            i = end + 1
        else:
            break
    return out


def _starts_name(doc: Doc, i: int) -> bool:
    """Whether a capitalised name starts at token ``i`` ("Umbala"; "al-Zab", a particle)."""
    return _name_end(doc, i) > i


def _name_end(doc: Doc, i: int) -> int:
    """The end of the capitalised name starting at token ``i`` (``i`` when none starts):
    capitalised words, and particles or hyphens between them or before the first ("Tal
    al-Abyad", "al-Zab")."""
    end = i
    while end < len(doc):
        t = doc[end]
        if t.is_title or (t.is_upper and len(t) > 1 and t.is_alpha):
            end += 1
            continue
        j = end
        while j < len(doc) and doc[j].lower_ in _JOINERS:
            j += 1  # "al", "-": joined to a capitalised word after them
        if j == end or j >= len(doc) or not doc[j].is_title:
            break
        if doc[j - 1].text == "-" and doc[j - 1].whitespace_:
            break  # "Umbala - Sorgi": a dash between two names, not a hyphen inside one
        end = j
    return end


def _add_settlement(res: MentionRegistry, start: int, end: int) -> None:
    doc = res.doc
    covered = [res.by_token.get(i) for i in range(start, end)]
    if any(m is not None for m in covered):
        # a place found already, or an actor ("the town of Hezbollah's founding"); a name the
        # NER guessed a region or a site is the settlement the noun says it is
        m = covered[0]
        if m is not None and m.kind == "place" and m.source == "ner" and m.end == end:
            e = res.reg.entities.get("place:" + m.key)
            if e is not None and e.source == "ner":
                e.cls = "Settlement"
        return
    while end - 1 > start and doc[end - 1].ent_type_ in _NOT_PLACES:
        end -= 1  # "in the town of Ndiri June 4, 2015": the date after the name
    text = doc[start:end].text
    if any(t.ent_type_ in _NOT_PLACES for t in doc[start:end]):
        return  # "the town of Monday's attack": a day, no name
    if res.names_no_place(text):
        return
    if any(e.kind == "actor" for e in res.gaz.lookup(text)):
        return
    if end - start == 1 and (doc[start].is_stop or len(doc[start]) <= 2):
        return
    if res.add(Mention(start, end, "place", text, text, "head-noun")) is not None:
        res.ensure_place(text, "Settlement", "head-noun")


# ---------------------------------------------------------------------- regions, facilities
def region(res: MentionRegistry, country: GazEntry, start: int, end: int) -> bool:
    """ "northern Syria", "north-eastern Syria", "Nigeria's north-east": a region of the
    country (True when found), the mention or mentions added."""
    doc = res.doc
    found = region_before(res, country, start)
    if found is not None:
        first, key = found[1], found[0]
        res.region(key, country)
        res.add(Mention(first, end, "place", key, doc[first:end].text, "head-noun"))
        # the country named stays a place of the article, by its own words ("Syria")
        res.ensure_place(country.name, country.cls, "gazetteer")
        res.reg.forms.setdefault(f"place:{country.name}", set()).add(doc[start:end].text)
        return True
    after = region_after(res, country, end)
    if after is None:
        return False
    # "Mali's north": the country is named too; the region keeps the words of the whole
    res.add(Mention(start, end, "place", country.name, doc[start:end].text, "gazetteer", True))
    key = after[0]
    res.region(key, country)
    res.add(Mention(end, after[1], "place", key, doc[start : after[1]].text, "head-noun"))
    return True


def facility(res: MentionRegistry, town: GazEntry, start: int, end: int) -> bool:
    """ "Goma airport", "Hodeidah port", "Kherson air base": a facility of the town, a place
    of its own (True when found). The facility words are ``facility_words`` in rules.yaml."""
    doc, words = res.doc, mention_words("facility_words")
    at = end + 1 if end < len(doc) and doc[end].tag_ == "POS" else end  # "Aden's airport"
    n = next(
        (
            k
            for k in (2, 1)
            if at + k <= len(doc) and " ".join(t.lower_ for t in doc[at : at + k]) in words
        ),
        0,
    )
    if not n or any(i in res.by_token for i in range(at, at + n)):
        return False
    # an ambiguous name ("Hodeidah": a city and its governorate) is the town here
    towns = [c for c in res.gaz.lookup(doc[start:end].text) if c.cls == "Settlement"]
    town = towns[0] if towns else town
    if town.cls != "Settlement":
        return False  # "the Red Sea port of Hodeidah": a sea or a region has no port of its own
    key = f"{town.name} {doc[at : at + n].text.lower()}"
    text = doc[start : at + n].text
    known = [x for x in res.gaz.lookup(key) if x.kind == "place" and x.cls == "Facility"]
    if known:  # "Aden's international airport": the airport the gazetteer knows
        found = Mention(start, at + n, "place", known[0].name, text, "gazetteer")
        return res.add(found) is not None
    if res.add(Mention(start, at + n, "place", key, text, "head-noun")) is None:
        return False
    res.facility(key, town)
    return True


def foreign_facility(res: MentionRegistry, fac: GazEntry, start: int, end: int) -> bool:
    """ "the Dar ul Shifa hospital", "the Shifa hospital in Kunduz": the gazetteer facility
    ``fac`` matched at ``start``..``end`` inside a longer name (capitalised words or name
    particles before it) or placed "in" / after the possessive of a place of another country
    is another facility: a place of its own, named by the text's words, in that place when
    said (True when so).

    >>> from kg.extract.mentions import Resolver
    >>> from kg.extract.pipeline import Extractor
    >>> ex = Extractor()
    >>> res = Resolver(ex.nlp("Gunmen raided the Shifa hospital in Kunduz."), ex.gaz)
    >>> sorted(m.key for m in res.mentions)
    ['Kunduz', 'Shifa hospital']
    """
    if fac.cls != "Facility":
        return False
    doc = res.doc
    first = start
    particles = mention_words("name_particles") | {"ul", "ud"}  # "Dar ul Shifa"
    while first > 0 and (
        (doc[first - 1].is_title and not doc[first - 1].is_stop)
        or (doc[first - 1].lower_ in particles and first - 1 > 0 and doc[first - 2].is_title)
    ):
        first -= 1
    town = _facility_town(res, start, end)
    other = town is not None and bool(town.country) and town.country != fac.country
    if first == start and not other:
        return False
    text = doc[first:end].text
    if res.add(Mention(first, end, "place", text, text, "head-noun")) is None:
        return False
    if town is not None and town.cls == "Settlement":
        res.facility(text, town)
    else:
        res.ensure_place(text, "Facility", "head-noun")
    return True


def _facility_town(res: MentionRegistry, start: int, end: int) -> GazEntry | None:
    """The gazetteer place of "<facility> in (the) P" or "P's <facility>", None else."""
    doc = res.doc
    at = -1
    if end + 1 < len(doc) and doc[end].lower_ == "in":
        at = end + 2 if doc[end + 1].lower_ == "the" else end + 1
    elif start >= 2 and doc[start - 1].tag_ == "POS":
        at = start - 2
    for ent in doc.ents if at >= 0 else ():
        if ent.label_ == "KG_PLACE" and (ent.start == at or ent.end - 1 == at):
            return res.entry(ent.ent_id_.split("|", 1)[1], "place")
    return None


# ---------------------------------------------------------------------- features, districts
def feature_name(res: MentionRegistry, start: int, end: int) -> bool:
    """ "the Bay of Bengal", "the Sea of Azov": a feature word matched at ``start``..``end``
    followed by "of" and a capitalised name is one place, the whole name (True when found)."""
    doc = res.doc
    if end - start != 1 or doc[start].lower_ not in mention_words("feature_words"):
        return False
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return False
    last = _name_end(doc, end + 1)
    if last == end + 1 or any(i in res.by_token for i in range(end + 1, last)):
        return False
    text = doc[start:last].text
    if res.add(Mention(start, last, "place", text, text, "head-noun")) is None:
        return False
    res.ensure_place(text, "Region", "head-noun")
    return True


def district_after(res: MentionRegistry, town: GazEntry, start: int, end: int) -> bool:
    """ "Mosul's Old City": a district named after the possessive of the town at
    ``start``..``end`` is the town's ("Old City of Mosul", inside the town), whatever other
    town's district the gazetteer spells the same (True when found)."""
    doc = res.doc
    if end + 2 >= len(doc) or doc[end].tag_ != "POS" or not doc[end + 1].is_title:
        return False
    names = mention_words("district_names")
    words = [t.lower_ for t in doc[end + 1 : end + 3]]
    n = next((k for k in (2, 1) if " ".join(words[:k]) in names), 0)
    if not n:
        return False
    last = end + 1 + n
    key = f"{doc[end + 1 : last].text} of {town.name}"
    if res.add(Mention(start, last, "place", key, doc[start:last].text, "head-noun")) is None:
        return False
    res.facility(key, town, cls="District")
    return True


# ---------------------------------------------------------------------- regions
def find_country_regions(res: MentionRegistry) -> None:
    """ "the north of the country", "the north-east of the country", "the country's north": a
    region of the country "the country" means there (:meth:`salient_place`), as
    "Mali's north" is of Mali (the text's words stay the region's alias); "the south of the
    enclave", "the north of the province": a region of the territory or province the noun
    means (``mentions: region_of_nouns``: the noun and the classes of place it stands for)."""
    doc = res.doc
    nouns: dict[str, list[str]] = res.rules["mentions"]["region_of_nouns"]
    for tok in doc:
        if tok.lower_ not in nouns or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        the = tok.i - 1
        classes = tuple(nouns[tok.lower_])
        key = coref.salient_place(res, the, classes)
        ent = res.reg.entities.get(f"place:{key}")
        if ent is not None and ent.source == "head-noun" and ent.parent:
            key = ent.parent  # "southern Gaza Strip ... the north of the enclave": the Strip
        country = res.entry(key, "place") if key is not None else None
        if country is None or country.cls not in classes:
            continue  # a place the gazetteer does not know ("the border") has no region here
        found = region_before(res, country, the)
        span = (found[1], tok.i + 1) if found is not None else None
        if span is None and (after := region_after(res, country, tok.i + 1)) is not None:
            found, span = after, (the, after[1])
        if found is None or span is None or any(i in res.by_token for i in range(*span)):
            continue
        key = found[0]
        res.region(key, country)
        text = doc[span[0] : span[1]].text
        res.add(Mention(span[0], span[1], "place", key, text, COUNTRY_NOUN))


def subregion(res: MentionRegistry, place: GazEntry, start: int, end: int) -> bool:
    """ "southern Gaza Strip", "northern Darfur", "western Deir ez-Zor countryside", "eastern
    Hama countryside": a direction of a territory or province (or of the countryside of a town)
    is a region of its own inside it (True when found). Not "western Kursk region", "southern
    Idlib province": a province named with its type word is where in the province, no region
    (measured: an alias of the province in the analysts' gold, where "southern Gaza Strip" and
    "northern Shan State" are regions)."""
    doc = res.doc
    countryside = end < len(doc) and doc[end].lower_ == "countryside"
    if place.cls not in ("Region", "Province") and not (countryside and place.cls == "Settlement"):
        return False
    if {doc[start].lower_, doc[end - 1].lower_, doc[min(end, len(doc) - 1)].lower_} & _TYPE_WORDS:
        return False  # "western Kursk region", "northern Idlib province", "the northern
        # province of Kirkuk" (where the province lies in its country)
    found = region_before(res, place, start)
    if found is None or (found[1] > 0 and doc[found[1] - 1].tag_ == "POS"):
        return False  # "Nigeria's northeastern Borno": where in the country the province is
    direction, first = found[0][: -len(place.name) - 1], found[1]
    last = end + 1 if countryside else end
    within = place
    if countryside:  # "western Deir ez-Zor countryside": of the town's province
        parent = res.entry(place.parent, "place") if place.parent else None
        within = parent if parent is not None else place
        key = f"{direction} {doc[start:end].text} countryside"
    elif doc[end - 1].lower_ == "countryside":  # "eastern Hama countryside" (a known name)
        key = f"{direction} {doc[start:end].text}"
    else:
        key = found[0]
    if any(i in res.by_token for i in range(first, last)):
        return False
    res.region(key, within)
    res.add(Mention(first, last, "place", key, doc[first:last].text, "head-noun"))
    if key == found[0]:  # the territory named stays a place of the article, by its own words
        res.ensure_place(place.name, place.cls, "gazetteer")
        res.reg.forms.setdefault(f"place:{place.name}", set()).add(doc[start:end].text)
    return True


#: words after a province's name that make a direction before it say where in the province
_TYPE_WORDS = frozenset(
    {"region", "regions", "province", "provinces", "governorate", "oblast", "state"}
)


# ---------------------------------------------------------------------- regions
def region_before(res: MentionRegistry, place: GazEntry, start: int) -> tuple[str, int] | None:
    """The direction words just before a country's name at ``start`` ("northern", "north -
    eastern", "North-East"; "the north of"), as the region's key and its first token; None
    when there are none. (Not before a province's: "western Kursk region" is how news says
    where in the province, rarely a place of its own.)"""
    doc = res.doc
    words = frozenset(res.rules["regions"]) | _DIRECTIONS
    first = start - 1
    if first >= 2 and doc[first].lower_ == "of":
        last = first - 1  # "the north of Syria", "the north-east of Syria"
        hyphen = last >= 2 and doc[last - 1].text == "-" and doc[last - 2].lower_ in _BASE
        if doc[last - (3 if hyphen else 1)].lower_ == "the":
            first = last
    if first < 0 or doc[first].lower_ not in words:
        return None
    # "north-eastern Syria", "north - east Syria", "central-eastern Chad", "north-central
    # Nigeria": the tokenizer splits the hyphen; the whole direction is the region's
    if first >= 2 and doc[first - 1].text == "-" and doc[first - 2].lower_ in _FIRST_PARTS:
        first -= 2
    direction = _adjective("".join(t.lower_ for t in doc[first:start] if t.lower_ != "of"))
    return f"{direction} {place.name}", first


def region_after(res: MentionRegistry, country: GazEntry, end: int) -> tuple[str, int] | None:
    """ "Nigeria's north-east", "Mali's north", "Syria's northeast": the country's own
    direction after its possessive, as the region's key and the end of the mention; None
    when the words after the name are no direction."""
    doc = res.doc
    if end + 1 >= len(doc) or doc[end].tag_ != "POS":
        return None
    i = end + 1
    last = i
    if doc[i].lower_ in _FIRST_PARTS and i + 2 < len(doc) and doc[i + 1].text == "-":
        last = i + 2  # "north - east", "centre - west"
    if doc[last].lower_ not in _DIRECTIONS:
        return None
    if (
        last + 1 < len(doc)
        and doc[last + 1].pos_ in ("NOUN", "PROPN")
        and not _region_noun(doc[last + 1])
    ):
        return None  # "Syria's eastern border", "Mali's northern town of X": another place
    direction = _adjective("".join(t.lower_ for t in doc[i : last + 1]))
    return f"{direction} {country.name}", last + 1


def _adjective(direction: str) -> str:
    """One key for one region however the text writes its direction: "north", "north-east"
    and "north-eastern" are "northern", "northeastern" (the text's words stay its alias).

    >>> [_adjective(d) for d in ("north", "north-east", "south-western", "central")]
    ['northern', 'northeastern', 'southwestern', 'central']
    >>> [_adjective(d) for d in ("central-eastern", "north-central", "centre-west", "centre")]
    ['central-eastern', 'north-central', 'central-western', 'central']
    """
    d = direction.replace("-", "")
    if d in ("north", "south", "east", "west"):
        return d + "ern"
    if d[:5] in ("north", "south") and d[5:] in ("east", "west"):
        return d + "ern"
    if d in _CENTRE:
        return "central"
    parts = direction.split("-")
    if len(parts) == 2 and _CENTRE & set(parts):  # "central-eastern", "north-central"
        first, second = ("central" if p in _CENTRE else p for p in parts)
        if second in ("north", "south", "east", "west"):
            second += "ern"
        return f"{first}-{second}"
    return d


def _region_noun(tok: Token) -> bool:
    return tok.lower_ in ("region", "regions")


#: the four points, which a hyphen may join ("north-east", "south-western")
_BASE = frozenset({"north", "south"})
#: the words for the centre ("centre-west", "Mali's centre": central)
_CENTRE = frozenset({"central", "centre", "center"})
#: the first words of a direction of two joined by a hyphen ("north-east", "central-eastern",
#: "centre-west", "north-central")
_FIRST_PARTS = _BASE | _CENTRE
#: directions that follow a country's possessive ("Nigeria's north-east", "Mali's centre")
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"northern", "southern", "eastern", "western", "central", "centre", "center"}
)
