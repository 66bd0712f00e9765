"""Mentions by name: gazetteer names, names the statistical NER finds, organisation names
and acronyms.

Each finder adds :class:`~kg.extract.registry.Mention` objects to a
:class:`~kg.extract.registry.MentionRegistry`. The NER finders are registered by entity label
in :data:`NER_RULES`; their vocabulary (organisation heads, name particles, the words after a
place name) is in the ``mentions:`` section of ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract.gazetteer import normalize
from kg.extract.registry import Mention, MentionRegistry
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kg.extract.gazetteer import GazEntry

__all__ = [
    "NER_RULES",
    "find_acronyms",
    "find_gazetteer_name",
    "find_ner_name",
    "find_proper_orgs",
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
    kind, name = ent.ent_id_.split("|", 1)
    e = res.entry(name, kind)
    if e is None:
        return
    start, end = ent.start, ent.end
    doc = res.doc
    if kind == "place" and end < len(doc) and doc[end].lower_ in mention_words("province_words"):
        parent = res.entry(e.parent, "place") if e.parent else None
        if e.cls != "Province" and parent is not None and parent.cls == "Province":
            e, end = parent, end + 1
        elif e.cls == "Province":
            end += 1
    if kind == "place" and e.cls == "Country" and start > 0 and _region(res, e, start, end):
        return
    if kind == "actor" and doc[end - 1].lower_ in res.rules["air_heads"]:
        # "Russian bombers", "Israeli jets": the state acting from the air
        st = res.gaz.by_demonym(doc[start].text)
        if st is not None:
            text = doc[start:end].text
            res.add(Mention(start, end, "actor", st.name, text, "head-noun", air=True))
            res.ensure_actor(st.name, "State", "gazetteer")
            return
    text = doc[start:end].text
    res.add(Mention(start, end, kind, e.name, text, "gazetteer", country_name=e.cls == "Country"))


def _region(res: MentionRegistry, country: GazEntry, start: int, end: int) -> bool:
    """ "northern Syria": a region of the country (True when found)."""
    prev = res.doc[start - 1]
    if prev.lower_ not in res.rules["regions"]:
        return False
    key = f"{prev.lower_} {country.name}"
    res.region(key, country)
    res.add(Mention(start - 1, end, "place", key, res.doc[start - 1 : end].text, "head-noun"))
    return True


# ---------------------------------------------------------------------- NER names
def find_ner_name(res: MentionRegistry, ent: Span) -> None:
    """A name the statistical NER found, trimmed of "the" and punctuation, read by the rule of
    its label (:data:`NER_RULES`)."""
    doc = res.doc
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    while start < ent.end and doc[start].is_punct:
        start += 1
    end = ent.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end <= start or doc[start:end].text in res.ignore:
        return
    rule = NER_RULES.get(ent.label_)
    if rule is not None:
        rule(res, doc[start:end], ent.label_)


def _ner_place(res: MentionRegistry, span: Span, label: str) -> None:
    """GPE / LOC / FAC: a gazetteer place, else a new place named with a capital."""
    text, start, end = span.text, span.start, span.end
    places = [e for e in res.gaz.lookup(text) if e.kind == "place"]
    if places:
        country = places[0].cls == "Country"
        res.add(
            Mention(start, end, "place", places[0].name, text, "gazetteer", country_name=country)
        )
        return
    if not span[0].is_title and not span[0].is_upper:
        return
    cls = {"GPE": "Settlement", "LOC": "Region", "FAC": "Facility"}[label]
    if span[-1].lower_ in mention_words("river_words") or span[0].lower_ in mention_words(
        "river_words"
    ):
        cls = "River"
    if res.add(Mention(start, end, "place", text, text, "ner")) is not None:
        res.ensure_place(text, cls, "ner")


def _ner_org(res: MentionRegistry, span: Span, label: str) -> None:
    """ORG: a gazetteer actor, else an actor when its last word is an organisation head."""
    text, start, end = span.text, span.start, span.end
    actors = [e for e in res.gaz.lookup(text) if e.kind == "actor"]
    if actors:
        res.add(Mention(start, end, "actor", actors[0].name, text, "gazetteer"))
        return
    cls = res.rules["org_heads"].get(span[-1].lower_)
    if cls is None or len(span) < 2:
        return
    if res.add(Mention(start, end, "actor", text, text, "ner")) is not None:
        res.ensure_actor(text, cls, "ner")


def _ner_person(res: MentionRegistry, span: Span, label: str) -> None:
    """PERSON: a place when followed by "city" / "province", a gazetteer name, or a person
    when titled ("General Khalifa Haftar")."""
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
    particles = mention_words("name_particles")
    titled = start > 0 and title_before(res, start) is not None
    if (
        titled
        and all(t.is_title or t.lower_ in particles or "-" in t.text for t in span)
        and res.add(Mention(start, end, "actor", text, text, "ner")) is not None
    ):
        res.ensure_actor(text, "Person", "ner")


#: the rule for each NER label
NER_RULES: dict[str, NerRule] = {
    "GPE": _ner_place,
    "LOC": _ner_place,
    "FAC": _ner_place,
    "ORG": _ner_org,
    "PERSON": _ner_person,
}


# ---------------------------------------------------------------------- organisation names
def find_proper_orgs(res: MentionRegistry) -> None:
    """Capitalised names ending in an organisation word ("Free Idlib Army", "Joint Operations
    Command") that neither the gazetteer nor the NER gave whole: an actor, even when a place
    name inside it was matched ("Idlib")."""
    doc = res.doc
    heads: dict[str, str] = res.rules["org_heads"]
    for tok in doc:
        if tok.lower_ not in heads or not tok.is_title or res.sent_start[tok.i] in res.verbless:
            continue
        start = _org_start(res, tok.i)
        if start is None:
            continue
        covered = [res.by_token.get(i) for i in range(start, tok.i + 1)]
        if any(m is not None and m.kind == "actor" for m in covered):
            continue
        if covered[0] is not None and covered[0].start < start:
            continue
        for m in {id(m): m for m in covered if m is not None}.values():
            res.remove(m)
        text = doc[start : tok.i + 1].text
        found = [e for e in res.gaz.lookup(text) if e.kind == "actor"]
        key = found[0].name if found else text
        if res.add(Mention(start, tok.i + 1, "actor", key, text, "ner")) is not None:
            res.ensure_actor(key, heads[tok.lower_], "ner")


def _org_start(res: MentionRegistry, head: int) -> int | None:
    """The first capitalised word of the name ending at ``head``, or None for a one-word name
    or a sentence-initial "The"."""
    doc = res.doc
    start = head
    while (
        start > res.sent_start[head]
        and (doc[start - 1].is_title or doc[start - 1].lower_ in ("al", "of", "-"))
        and doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN", "ADP", "PUNCT")
    ):
        start -= 1
    while start < head and not doc[start].is_title:
        start += 1
    if head - start < 1 or (start == res.sent_start[head] and doc[start].lower_ == "the"):
        return None
    return start


# ---------------------------------------------------------------------- acronyms
def find_acronyms(res: MentionRegistry) -> None:
    """ "Name (ACR)" defines ACR for this article; bare ACR tokens then name the entity, and
    so do acronyms an earlier article of the build defined (``res.known``)."""
    doc = res.doc
    for m in list(res.mentions):
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acr = doc[m.end + 1]
            if acr.is_upper and 2 <= len(acr.text) <= 8 and acr.text.isalpha():
                res.acronyms[acr.text] = m
                if m.end + 1 not in res.by_token:
                    res.add(Mention(m.end + 1, m.end + 2, m.kind, m.key, acr.text, "acronym"))
    for tok in doc:
        if tok.is_upper and len(tok.text) >= 2 and tok.is_alpha and tok.i not in res.by_token:
            norm = normalize(tok.text)
            res.open_acronyms.add(norm)
            key = res.known.get(norm)
            if key is not None and not res.gaz.lookup(tok.text):
                res.add(Mention(tok.i, tok.i + 1, "actor", key, tok.text, "acronym"))
                res.ensure_actor(key, "ArmedGroup", "acronym")
    if not res.acronyms:
        return
    for tok in doc:
        defined = res.acronyms.get(tok.text)
        if defined is not None and tok.i not in res.by_token:
            res.add(Mention(tok.i, tok.i + 1, defined.kind, defined.key, tok.text, "acronym"))
