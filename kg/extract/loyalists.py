"""Armed forces named by the person they serve: "Machar's troops", "Saleh forces", "his
loyalist forces", "forces loyal to former president Saleh"; and "P's government".

They are the forces of what the person leads by a title in the article ("President Kiir's
soldiers": the state's forces, :func:`kg.extract.coref.led_by`); otherwise, and always when the
person's title is one they no longer hold or hold as a deputy ("former president P", "Vice
President P": ``mentions: title_blockers``), an armed group of their own, "forces loyal to P".
A person's name before such a noun is never the person ("Saleh forces" are no alias of Saleh).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.phrase import Phrase, head_rule
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.registry import MentionRegistry

__all__ = [
    "forces_of_person",
    "is_person",
    "known_loyalists",
    "loyal_forces",
    "loyal_offices",
    "loyal_to_person",
]


def is_person(res: MentionRegistry, key: str) -> bool:
    """Whether actor ``key`` is a person (the gazetteer's, or one the article names)."""
    return res.actor_class(key) == "Person"


def forces_of_person(res: MentionRegistry, person: str) -> tuple[str, str] | None:
    """The actor (and its class) whose forces serve ``person``: what the person leads by a
    title in the article; "forces loyal to P" when the article gives P only a title P does
    not hold ("former president P", "Vice President P"); else None (not known whose).

    Examples
    --------
    >>> from kg.extract.pipeline import Extractor
    >>> from kg.extract.mentions import Resolver
    >>> ex = Extractor()
    >>> doc = ex.nlp("President Salva Kiir's soldiers drove Vice President Taban Deng Gai's "
    ...              "troops out of Juba.")
    >>> [m.key for m in Resolver(doc, ex.gaz).mentions if m.kind == "actor"][1::2]
    ["South Sudan People's Defence Forces", 'forces loyal to Taban Deng Gai']
    """
    loyal = known_loyalists(res, person)
    if loyal is not None:
        return loyal
    led = coref.led_by(res, person)
    if led is not None:
        known = res.entry(led, "actor")
        return led, known.cls if known else "ArmedForces"
    if any(m.key == person and _blocked_title(res, m.start) for m in res.mentions):
        return f"forces loyal to {person}", "ArmedGroup"
    return None


def known_loyalists(res: MentionRegistry, person: str) -> tuple[str, str] | None:
    """The gazetteer's actor named as the person's forces ("forces loyal to Haftar", "Haftar's
    forces": the Libyan National Army), by the full name or the family name."""
    for name in dict.fromkeys([person, person.split()[-1]]):
        for form in (f"forces loyal to {name}", f"{name}'s forces"):
            for e in res.gaz.lookup(form):
                if e.kind == "actor" and e.cls != "Person":
                    return e.name, e.cls
    return None


def _blocked_title(res: MentionRegistry, start: int) -> bool:
    """Whether the name at ``start`` follows a title the person does not hold ("former
    president P"; a rank may stand between: "former army chief Gen P")."""
    doc = res.doc
    honorifics = mention_words("honorifics")
    while start > 0 and doc[start - 1].lower_ in honorifics:
        start -= 1
    titles: dict[str, str] = res.rules["titles"]
    for n in (2, 1):
        words = " ".join(t.lower_ for t in doc[max(start - n, 0) : start])
        if start - n >= 0 and words in titles:
            return coref.title_blocked(res, start - n)
    return coref.title_blocked(res, start)  # "former army general P": the rank is the title


def _person_before(p: Phrase) -> tuple[str, int] | None:
    """The person whose the phrase's head is ("Machar's troops", "Saleh forces", "his
    loyalist forces") and the first token of the mention to make (after the name: the person stays
    mentioned)."""
    res = p.res
    for t in p.tok.children:
        if t.i > p.tok.i or t.dep_ not in ("poss", "compound"):
            continue
        m = res.by_token.get(t.i)
        if m is not None and m.kind == "actor" and is_person(res, m.key):
            after = m.end + (m.end < p.tok.i and res.doc[m.end].dep_ == "case")  # "'s"
            return m.key, after
        loyalist = "loyalist" in p.words or p.low == "loyalists"  # not "his men": whose?
        if m is None and loyalist and t.dep_ == "poss" and t.lower_ in ("his", "her"):
            owner = coref.pronoun(res, t)
            if owner is not None and is_person(res, owner):
                return owner, t.i + 1
    return None


@head_rule("person-forces")
def _person_forces(p: Phrase) -> bool:
    """ "Riek Machar's troops", "Saleh forces", "his loyalist forces": the forces of what
    the person leads, else "forces loyal to P" (:func:`forces_of_person`); "Abiy Ahmed's
    government": the government of the person's country."""
    res = p.res
    government = p.low in mention_words("government_nouns")
    if p.low not in mention_words("person_forces_heads") and not government:
        return False
    found = _person_before(p)
    if found is None:
        return False
    person, start = found
    if government:  # "Abiy Ahmed's government": the government of the person's country
        pe = res.entry(person, "actor")
        country = pe.country if pe is not None else None
        if country is None or res.entry(country, "actor") is None:
            return False
        actor, cls = res.government(country), "Government"
    else:
        found_forces = forces_of_person(res, person)
        if found_forces is None:
            return False
        actor, cls = found_forces
    res.add_actor_mention(start, p.end, actor, cls, res.doc[start : p.end].text)
    return True


@head_rule("forces-of-person")
def _forces_of_person(p: Phrase) -> bool:
    """ "Forces of eastern commander Khalifa Haftar", "troops of Riek Machar": as "P's troops"
    (:func:`forces_of_person`); the person stays mentioned."""
    res = p.res
    if p.low not in mention_words("person_forces_heads"):
        return False
    for prep in p.tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        m = res.by_token.get(obj.i) if obj is not None else None
        if m is None or m.kind != "actor" or not is_person(res, m.key):
            return False
        found = loyal_to_person(res, m.key, res.doc[m.start])
        if found is None:
            return False
        res.add_actor_mention(p.start, p.end, found[0], found[1], res.doc[p.start : m.end].text)
        return True
    return False


def loyal_to_person(res: MentionRegistry, person: str, name: Token) -> tuple[str, str] | None:
    """Forces "loyal to P" (``name`` the first token of P's mention): as
    :func:`forces_of_person`; a title P does not hold right before the name ("loyal to
    former president P") makes them P's own even if P leads something elsewhere (the
    gazetteer's forces of P first: "loyal to former general P", the group P leads)."""
    known = known_loyalists(res, person)  # "loyal to former general P": the group P leads
    if known is not None:
        return known
    if _blocked_title(res, name.i):
        return f"forces loyal to {person}", "ArmedGroup"
    return forces_of_person(res, person)


def loyal_forces(
    res: MentionRegistry, person: str, name: Token, forces_word: bool
) -> tuple[str, str] | None:
    """Whose forces are "loyal to" ``person`` (``name`` the first token of P's mention):
    "gunmen / militias loyal to President P" (``forces_word`` false) are no state's army, the
    gazetteer's forces of P, else P's own; "troops loyal to P" as :func:`loyal_to_person`,
    and P's own when no gazetteer knows P ("troops loyal to army chief P"); None when the
    forces are to be found otherwise (a known leader's state: "troops loyal to Gaddafi")."""
    own = f"forces loyal to {person}", "ArmedGroup"
    if not forces_word:
        return known_loyalists(res, person) or own
    loyal = loyal_to_person(res, person, name)
    if loyal is None and res.entry(person, "actor") is None:
        return own
    return loyal


def loyal_offices(res: MentionRegistry, offices: dict[str, str]) -> dict[str, str]:
    """Person → "forces loyal to P" for each person the article names with such forces and
    no office: a person's fights and alliances are then those of the forces ("the conflict
    between the Houthis and Saleh" beside "forces loyal to Saleh")."""
    keys = {m.key for m in res.mentions if m.kind == "actor"}
    return {
        person: f"forces loyal to {person}"
        for person in keys
        if person not in offices and f"forces loyal to {person}" in keys
    }
