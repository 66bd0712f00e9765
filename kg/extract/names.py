"""Mentions by name: gazetteer names, names the statistical NER finds, persons' names
(organisation names and acronyms: :mod:`kg.extract.orgnames`).

Each finder adds :class:`~kg.extract.registry.Mention` objects to a
:class:`~kg.extract.registry.MentionRegistry`. The NER finders are registered by entity label
in :data:`NER_RULES`; their vocabulary (organisation heads, name particles, the words after a
place name) is in the ``mentions:`` section of ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract import longnames, placenames
from kg.extract.bystanders import bystander_role
from kg.extract.gazetteer import normalise
from kg.extract.registry import Mention, MentionRegistry
from kg.extract.vocab import mention_words, noun_heads

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.extract.gazetteer import GazEntry

__all__ = [
    "NER_RULES",
    "find_gazetteer_name",
    "find_ner_name",
    "find_titled_names",
    "honorifics_at",
    "name_words",
    "person_names",
    "title_before",
]

NerRule = Callable[[MentionRegistry, "Span", str], None]


def title_before(res: MentionRegistry, start: int) -> str | None:
    """The title (one or two words of ``titles`` in rules.yaml) just before token ``start``."""
    doc = res.doc
    for n in (2, 1):
        if start - n >= 0:
            words = " ".join(t.lower_ for t in doc[start - n : start])
            if words in res.rules["titles"]:
                return words
    return None


# ---------------------------------------------------------------------- gazetteer names
def find_gazetteer_name(res: MentionRegistry, ent: Span) -> None:
    """A name the entity ruler matched: the gazetteer entry, with "X province" turning a city
    into its province, "northern Syria" into a region, "Russian bombers" into the state."""
    if longnames.in_expansion(res, ent.start):
        return
    kind, name = ent.ent_id_.split("|", 1)
    e = res.entry(name, kind)
    if e is None:
        return
    if kind == "place" and ent.text.islower() and not name.islower():
        return  # "the west bank of the river" is no West Bank
    if kind == "place" and len(ent) == 1 and ent[0].is_stop and not ent[0].is_upper:
        return  # "To avoid ...": an English word, no place of that spelling
    start, end = ent.start, ent.end
    doc = res.doc
    if kind == "place" and longnames.wilaya(res, start, end):
        return  # "Sinai Province": Islamic State's group, not the peninsula
    if kind == "place" and end < len(doc) and doc[end].lower_ in mention_words("province_words"):
        parent = res.entry(e.parent, "place") if e.parent else None
        if e.cls != "Province" and parent is not None and parent.cls == "Province":
            e, end = parent, end + 1
        elif e.cls == "Province":
            end += 1
    if kind == "place" and start >= 2 and doc[start - 1].lower_ == "of":
        e, start = longnames.province_of(res, e, start)
    if kind == "place" and e.cls == "Settlement":
        e = longnames.listed_province(res, e, start, end)
    if kind == "place" and e.cls == "Country" and placenames.region(res, e, start, end):
        return
    if kind == "place" and placenames.subregion(res, e, start, end):
        return
    if kind == "place" and e.cls != "Country" and placenames.facility(res, e, start, end):
        return
    if kind == "place" and placenames.foreign_facility(res, e, start, end):
        return  # "the Dar ul Shifa hospital", "the Shifa hospital in Kunduz": not Gaza's
    if kind == "place" and e.cls == "Settlement" and placenames.district_after(res, e, start, end):
        return
    if kind == "place" and placenames.feature_name(res, start, end):
        return
    if kind == "actor" and e.cls == "Person" and _inside_longer_name(doc, start, end, e.name):
        return
    if e.cls != "Person":
        longer = longnames.part_of_longer_name(res, start, kind)
        if longer is not None:
            if kind == "place" and longer < start:
                longnames.longer_place(res, longer, end)
            return
    if kind == "actor" and doc[end - 1].lower_ in res.rules["air_heads"]:
        # "Russian bombers", "Israeli jets": the state acting from the air
        st = res.gaz.by_demonym(doc[start].text)
        if st is not None:
            text = doc[start:end].text
            res.add(Mention(start, end, "actor", st.name, text, "head-noun", air=True))
            res.ensure_actor(st.name, "State", "gazetteer")
            return
    if kind == "actor" and e.cls == "Coalition":
        e = _led_by_other(res, e, end)
    if kind == "actor" and _military_aid(res, start, end):
        return
    text = doc[start:end].text
    res.add(Mention(start, end, kind, e.name, text, "gazetteer", country_name=e.cls == "Country"))


def _military_aid(res: MentionRegistry, start: int, end: int) -> bool:
    """ "a US military aid package", "U.S. military assistance": the military word belongs to
    the aid (``mentions: military_aid_nouns``), the name before it is the country, which gives
    it; adds that country's mention."""
    doc = res.doc
    if end >= len(doc) or end - start < 2 or doc[end - 1].lower_ != "military":
        return False
    if doc[end].lower_ not in mention_words("military_aid_nouns"):
        return False
    country = doc[start : end - 1]
    land = [x for x in res.gaz.lookup(country.text) if x.kind == "place" and x.cls == "Country"]
    if not land:
        return False
    res.add(
        Mention(start, end - 1, "place", land[0].name, country.text, "gazetteer", country_name=True)
    )
    return True


def _led_by_other(res: MentionRegistry, e: GazEntry, end: int) -> GazEntry:
    """ "an international coalition led by Saudi Arabia": the coalition that state leads
    ("Saudi-led coalition") when the gazetteer knows one, not the coalition the generic
    name stands for elsewhere."""
    doc = res.doc
    if end + 2 >= len(doc) or [t.lower_ for t in doc[end : end + 2]] != ["led", "by"]:
        return e
    for n in (3, 2, 1):
        st = [x for x in res.gaz.lookup(doc[end + 2 : end + 2 + n].text) if x.kind == "actor"]
        if st and st[0].cls == "State":
            names = [st[0].name, *st[0].acronyms, *st[0].demonyms, st[0].name.split()[0]]
            for name in names:
                led = [x for x in res.gaz.lookup(f"{name}-led coalition") if x.kind == "actor"]
                if led:
                    return led[0]
            return e
    return e


def _inside_longer_name(doc: Doc, start: int, end: int, name: str) -> bool:
    """Whether a person's name matched inside someone else's longer name: "President Petro"
    of "President Petro Poroshenko" (a proper noun after it heads the name, and is no part of
    the person's: "Prime Minister Abiy Ahmed" is Abiy Ahmed), "Kadhimi" of "Moeen al-Kadhimi"
    written "Moeenal-Kadhimi" (a capitalised word hyphened before it)."""
    last = doc[end - 1]
    if (
        end < len(doc)
        and doc[end].text not in name.split()
        and last.dep_ == "compound"
        and last.head.i >= end
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and doc[end].ent_type_ != "DATE"
    ):
        return True
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        before = doc[start - 2]
        return before.is_title and not before.whitespace_
    return False


# ---------------------------------------------------------------------- NER names
def find_ner_name(res: MentionRegistry, ent: Span) -> None:
    """A name the statistical NER found, trimmed of "the" and punctuation, read by the rule of
    its label (:data:`NER_RULES`)."""
    doc = res.doc
    if longnames.in_expansion(res, ent.start):
        return
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    while start < ent.end and doc[start].is_punct:
        start += 1
    end = ent.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end <= start or doc[start:end].text in res.ignore:
        return
    if doc[end - 1].lower_ in ("of", "and", "the", "for"):
        return  # "The Republic of" cut before a gazetteer name: a fragment, no name
    rule = NER_RULES.get(ent.label_)
    if rule is not None:
        rule(res, doc[start:end], ent.label_)


def _ner_place(res: MentionRegistry, span: Span, label: str) -> None:
    """GPE / LOC / FAC: a gazetteer place, else a new place named with a capital."""
    text, start, end = span.text, span.start, span.end
    places = [e for e in res.gaz.lookup(text) if e.kind == "place"] or _bare_province(res, span)
    if places:
        if places[0].cls == "Province":  # "the vast province of Anbar"
            # a name that is only the province's ("Anbar") is one of its forms
            res.reg.forms.setdefault(f"place:{places[0].name}", set()).add(text)
            start = longnames.province_start(res, places[0].name, start)
            text = res.doc[start:end].text
        country = places[0].cls == "Country"
        res.add(
            Mention(start, end, "place", places[0].name, text, "gazetteer", country_name=country)
        )
        return
    if not span[0].is_title and not span[0].is_upper:
        return
    if res.names_no_place(text):
        return  # "Ukrainian", "the Dinka", "Arabic": a people or a language, not a place
    if normalise(text.removeprefix("the ")) in mention_words("continent_names"):
        return  # "the worst crisis in Africa", "Europe should act": a continent, no place of a war
    if len(span) == 1 and span[0].tag_ in ("VBG", "VBD", "VBN", "VB"):
        return  # "'Killing randomly'": a capitalised verb in a heading
    if _no_place_name(res, span):
        return
    cls = {"GPE": "Settlement", "LOC": "Region", "FAC": "Facility"}[label]
    if span[-1].lower_ in mention_words("river_words") or span[0].lower_ in mention_words(
        "river_words"
    ):
        cls = "River"
    if res.add(Mention(start, end, "place", text, text, "ner")) is not None:
        res.ensure_place(text, cls, "ner")


def _bare_province(res: MentionRegistry, span: Span) -> list[GazEntry]:
    """ "in Anbar", "the province of Anbar": a name the gazetteer knows only with a province
    word after it ("Anbar province") is that province (``mentions: province_words``)."""
    for word in mention_words("province_words"):
        found = [e for e in res.gaz.lookup(f"{span.text} {word}") if e.cls == "Province"]
        if found:
            return found[:1]
    return []


def _no_place_name(res: MentionRegistry, span: Span) -> bool:
    """Capitalised words the NER took for a place that name none: one function word or
    adjective ("To avoid ...", "Governmental forces", "the Saharan town", "Al" cut from
    "Al-Bara"), one noun of armed men or of a place, or a plural noun, that opens a
    sentence ("Gunmen attacked P", "Shells hit P"), or a demonym before place nouns ("Attack
    On Afghan City" in a title-case headline)."""
    words = [t for t in span if not t.is_space]
    first = words[0]
    if len(words) == 1:
        stop = first.is_stop and not first.is_upper  # "US" is no stop word
        head = first.is_title and first.lower_ in noun_heads()
        plural = first.is_sent_start and first.tag_ == "NNS"  # "Shells hit P"
        return (
            stop or head or plural or len(first.text) <= 2 or first.pos_ in ("ADJ", "ADP", "PART")
        )
    nouns = mention_words("place_nouns")
    return res.gaz.by_demonym(first.text) is not None and all(t.lower_ in nouns for t in words[1:])


def _ner_org(res: MentionRegistry, span: Span, label: str) -> None:
    """ORG: a gazetteer actor, else an actor when its last word is an organisation head."""
    text, start, end = span.text, span.start, span.end
    actors = [e for e in res.gaz.lookup(text) if e.kind == "actor"]
    if actors:
        res.add(Mention(start, end, "actor", actors[0].name, text, "gazetteer"))
        return
    cls = res.rules["org_heads"].get(span[-1].lower_)
    if cls is None or len(span) < 2 or (not span[0].is_title and not span[0].is_upper):
        return  # "highlights national army": words of a headline, no name
    if longnames.joined_before(res, start):
        return  # part of a longer name
    longer = longnames.shortened_actor(res, text)
    if longer is not None:
        res.add(Mention(start, end, "actor", longer, text, "gazetteer"))
        return
    if res.add(Mention(start, end, "actor", text, text, "ner")) is not None:
        res.ensure_actor(text, cls, "ner")


def _ner_person(res: MentionRegistry, span: Span, label: str) -> None:
    """PERSON: a place when followed by "city" / "province", a gazetteer name, or a person
    when titled ("General Khalifa Haftar", "IDF spokesperson P") or given a role beside the
    name ("P, a spokesman for the group"); a rank is part of the mention, not of the name."""
    doc, text, start, end = res.doc, span.text, span.start, span.end
    if len(span) == 1 and end < len(doc) and doc[end].lower_ in mention_words("place_nouns"):
        cls = "Province" if doc[end].lower_ in mention_words("province_words") else "Settlement"
        if res.add(Mention(start, end, "place", text, text, "ner")) is not None:
            res.ensure_place(text, cls, "ner")
        return
    found = res.gaz.lookup(text)
    if found:
        e = found[0]
        country = e.cls == "Country"
        res.add(Mention(start, end, e.kind, e.name, text, "gazetteer", country_name=country))
        return
    start, end = _given_names(res, start), _family_names(res, end)
    span, text = doc[start:end], doc[start:end].text
    if all(
        t.lower_ in mention_words("honorifics") or t.lower_ in res.rules["titles"] for t in span
    ):
        return  # "Gen" left over from a name the gazetteer matched
    name = span[honorifics_at(res, start, end) :]
    found = [e for e in res.gaz.lookup(name.text) if e.kind == "actor"] if name != span else []
    particles = mention_words("name_particles")
    if not all(t.is_title or t.lower_ in particles or "-" in t.text for t in name):
        return
    earlier = _person_with(res, name) or _nicknamed(res, name)
    titled = (
        (start > 0 and title_before(res, start) is not None)
        or name.start > start
        or _has_role(res, span)
        or _conjoined_titled(res, span)
    )
    key = found[0].name if found else earlier or name.text
    if (titled or earlier) and res.add(Mention(start, end, "actor", key, text, "ner")):
        res.ensure_actor(key, "Person", "ner")
        if not found and bystander_role(res, span):
            res.needs_fact.add(key)  # "P, the chair of a civil society group"


def _conjoined_titled(res: MentionRegistry, span: Span) -> bool:
    """ "P and former officer Q": a name joined by "and" to a person's name with a title."""
    for c in span.root.conjuncts:
        if c.ent_type_ != "PERSON":
            continue
        first = c
        while first.i > 0 and first.doc[first.i - 1].ent_type_ == "PERSON":
            first = first.doc[first.i - 1]
        if title_before(res, first.i) is not None:
            return True
    return False


def _given_names(res: MentionRegistry, start: int) -> int:
    """The start of a name the NER cut short ("Leyla [Osmani]"): capitalised proper nouns
    before it that are no title and in no mention."""
    doc, titles = res.doc, res.rules["titles"]
    while (
        start > res.sent_start[start]
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].lower_ not in titles
        and doc[start - 1].lower_ not in mention_words("honorifics")
        and start - 1 not in res.by_token
    ):
        start -= 1
    return start


def _family_names(res: MentionRegistry, end: int) -> int:
    """The end of a name the NER cut short ("[Ali Yagoub] Gibril"): capitalised proper nouns
    after it, in the sentence, that are no title, date or other name, no verb or function
    word ("Visits", "Near" of a title-case headline) and in no mention; none in a headline
    (:func:`_title_cased`)."""
    doc, titles = res.doc, res.rules["titles"]
    if end < len(doc) and _title_cased(doc[end].sent):
        return end
    particles = mention_words("name_particles")
    while (
        end < len(doc)
        and res.sent_start[end] < end
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and doc[end].ent_type_ in ("", "PERSON")
        and doc[end].lower_ not in titles
        and not doc[end].tag_.startswith("VB")
        and (not doc[end].is_stop or doc[end].lower_ in particles)
        and end not in res.by_token
    ):
        end += 1
    return end


def _title_cased(sent: Span) -> bool:
    """Whether most words of a sentence (its first and persons' names aside) are title-cased:
    a headline ("Rebel Commander P Visits Front Line Near Goma")."""
    words = [t for t in sent[1:] if t.is_alpha and t.ent_type_ != "PERSON"]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) > len(words) / 2


def _nicknamed(res: MentionRegistry, name: Span) -> str | None:
    """The known person whose name goes on after a nickname in quotes ("Mohamed Hamdan
    'Hemedti' Dagalo": the words before the quotes are part of that person's name)."""
    doc, words = res.doc, name_words(name.text)
    i = name.end
    if not words or i >= len(doc) or not doc[i].is_quote:
        return None
    for j in range(i + 1, min(i + 6, len(doc))):
        kind, _, key = doc[j].ent_id_.partition("|")  # the gazetteer's name (entity ruler)
        known = res.entry(key, "actor") if kind == "actor" else None
        if known is not None and known.cls == "Person" and words < name_words(known.name):
            return known.name
    return None


def _person_with(res: MentionRegistry, name: Span) -> str | None:
    """The one person named earlier whose name holds every word of ``name`` ("Dagalo")."""
    words = name_words(name.text)
    owners = [k for k, ws in person_names(res).items() if words and words <= ws]
    return owners[0] if len(owners) == 1 else None


def name_words(text: str) -> frozenset[str]:
    """The words of a person's name, normalised, hyphens split, without particles ("al",
    "bin": ``mentions: name_particles``), to compare a partial name with a full one.

    >>> sorted(name_words("Mohamed Hamdan Dagalo"))
    ['dagalo', 'hamdan', 'mohamed']
    """
    return frozenset(normalise(text).replace("-", " ").split()) - mention_words("name_particles")


def honorifics_at(res: MentionRegistry, start: int, end: int) -> int:
    """How many ranks and honorifics ("Gen", "Mr") open the name at ``start:end`` (one word
    of the name is always left)."""
    words = mention_words("honorifics")
    n = 0
    while start + n < end - 1 and res.doc[start + n].lower_ in words:
        n += 1
    return n


def _has_role(res: MentionRegistry, span: Span) -> bool:
    """ "P, a spokesman for the group", "the chief negotiator, P": a role beside the name."""
    roles, blockers = mention_words("role_nouns"), mention_words("role_blockers")
    head = span.root
    beside = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    doc = res.doc
    if span.end + 2 < len(doc) and doc[span.end].text == ",":
        beside += [doc[i] for i in range(span.end + 1, min(span.end + 5, len(doc)))]
    for t in beside:
        nouns = [t, *t.conjuncts]
        if any(n.lemma_.lower() in roles or n.lower_ in roles for n in nouns) and not any(
            w.lower_ in blockers for w in t.subtree
        ):
            return True
    return False


#: the rule for each NER label
NER_RULES: dict[str, NerRule] = {
    "GPE": _ner_place,
    "LOC": _ner_place,
    "FAC": _ner_place,
    "ORG": _ner_org,
    "PERSON": _ner_person,
}


def find_titled_names(res: MentionRegistry) -> None:
    """A name the NER missed after a title ("Ethiopia PM Haile Gebre") or with a role beside
    it ("Haile Gebre, head of a militia"): a person."""
    doc = res.doc
    particles = mention_words("name_particles")
    i = 1
    while i < len(doc):
        t = doc[i]
        if not (t.pos_ == "PROPN" and t.is_title) or i in res.by_token or i - 1 in res.by_token:
            i += 1
            continue
        if res.sent_start[i] in res.verbless:
            i += 1
            continue
        end = i
        while (
            end < len(doc)
            and end not in res.by_token
            and (
                (doc[end].pos_ == "PROPN" and doc[end].is_title)
                or doc[end].lower_ in particles
                or _particle_hyphen(doc, end, particles)
            )
        ):
            end += 1
        while end > i and doc[end - 1].lower_ in particles:
            end -= 1
        # "Ethiopia PM P"; "P Q, head of a battalion" (a role right after a two-word name)
        if title_before(res, i) is None and not _role_after(res, i, end):
            i += 1
            continue
        if honorifics_at(res, i, end + 1) >= end - i:
            i = max(end, i + 1)
            continue  # a rank alone ("Gen" before a name the gazetteer matched)
        text = doc[i:end].text
        if (
            not res.gaz.lookup(text)
            and res.gaz.by_demonym(text) is None
            and not any(doc[j].lower_ in _org_words(res) for j in range(i, end))
        ):
            name = doc[i + honorifics_at(res, i, end) : end]  # "Colonel P": the rank is no name
            key = _person_with(res, name) or name.text
            if res.add(Mention(i, end, "actor", key, text, "ner")) is not None:
                res.ensure_actor(key, "Person", "ner")
                if bystander_role(res, doc[i:end]):
                    res.needs_fact.add(key)  # "Observatory head P"
        i = max(end, i + 1)


def _particle_hyphen(doc: Doc, i: int, particles: frozenset[str]) -> bool:
    """ "al-Mahjoub" split by the tokenizer: a hyphen between a name particle and a
    capitalised word continues the name ("Brig. Khaled al-Mahjoub", not "Brig. Khaled"), and
    so does one joining two capitalised words without spaces, a double given name
    ("Minister Jean-Yves Le Drian", not "Minister Jean")."""
    if doc[i].text != "-" or not 0 < i < len(doc) - 1 or not doc[i + 1].is_title:
        return False
    joined = not doc[i - 1].whitespace_ and not doc[i].whitespace_ and doc[i - 1].is_title
    return doc[i - 1].lower_ in particles or joined


def _role_after(res: MentionRegistry, start: int, end: int) -> bool:
    """ "P Q, head of ...", "P Q, a senior commander": a name of two or more words, none an
    actor or place noun, then a comma and a role within two words (no former one)."""
    doc, roles = res.doc, mention_words("role_nouns")
    if end - start < 2 or end + 1 >= len(doc) or doc[end].text != ",":
        return False
    if any(doc[k].lower_ in noun_heads() for k in range(start, end)):
        return False  # "Blue Helmets, ..."
    for k in range(end + 1, min(end + 4, len(doc))):
        if doc[k].lower_ in mention_words("role_blockers"):
            return False
        if doc[k].lower_ in roles or doc[k].lemma_.lower() in roles:
            return True
    return False


def _org_words(res: MentionRegistry) -> frozenset[str]:
    """Words that make a capitalised phrase an organisation's name, not a person's."""
    rules = res.rules
    return (
        frozenset(rules["org_heads"])
        | frozenset(rules["actor_heads"])
        | mention_words("organisation_words")
    )


def person_names(res: MentionRegistry) -> dict[str, frozenset[str]]:
    """The persons the article names so far → the words of their names (lower case, without
    particles)."""
    out: dict[str, frozenset[str]] = {}
    for m in res.mentions:
        if m.kind != "actor" or m.key in out:
            continue
        ent = res.reg.entities.get(m.key)
        known = res.entry(m.key, "actor")
        if (ent.cls if ent else known.cls if known else "") != "Person":
            continue
        out[m.key] = name_words(m.key)
    return out
