"""Separatists: "ethnic Armenian separatist forces" (the separatists of a place the gazetteer
knows), "pro-Russian separatists" (those a state sides with) and every other separatist
phrase of an article that names such ("separatist rebels", "the separatists"). A rule of the
head-noun table (:mod:`kg.extract.phrase`); "pro-X" is read as the pro-descriptor rule reads
it (:func:`pro_modifier`, :func:`pro_state`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.phrase import Phrase, head_rule
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.gazindex import GazEntry

__all__ = ["pro_modifier", "pro_state", "sponsored_as_separatists"]


@head_rule("separatists")
def _separatists(p: Phrase) -> bool:
    """ "ethnic Armenian separatist forces", "the separatist authorities": never the state the
    demonym names; the separatists of a place the article names when the gazetteer knows
    them ("Karabakh separatist forces"); else those a state sides with ("pro-Russian
    separatists", "Russia-backed separatists"), and every other separatist phrase of an
    article that names such ("separatist rebels", "the separatists") is that actor."""
    words = set(p.res.rules["mentions"]["separatist_words"])
    described = bool(p.words & words)  # "separatist forces", not "(the) separatists"
    if not described and p.low not in words:
        return False
    known = _known_separatists(p, words) if described else None
    if known is not None:
        return p.add(known.name, known.cls, replace=True)
    if p.sponsor is not None:
        return p.add(f"{p.sponsor}-backed separatists", "ArmedGroup", sponsor=p.sponsor)
    x = pro_modifier(p)
    if x is not None:
        return p.add(f"pro-{x.text} separatists", "ArmedGroup", sponsor=pro_state(p, x))
    found = _article_separatists(p, words)
    if found is None:
        country = _country_separatists(p, words)
        if country is not None:  # "separatist forces attacked P in Cameroon"
            return p.add(country, "ArmedGroup")
        return described  # whose separatists, the article does not say
    return p.add(found[0], "ArmedGroup", sponsor=found[1])


def _country_separatists(p: Phrase, words: set[str]) -> str | None:
    """ "armed separatist forces attacked P", "12 secessionists were killed": with no
    separatists of its own in the article, the separatists of the country the sentence is
    about ("Cameroonian separatists"), for an armed head (``separatist_heads``) with no
    modifier but generic ones; a people's or a place's word ("Catalan separatists",
    "Anglophone separatist leaders") or an unarmed head ("the separatist party") is no one's."""
    res = p.res
    if p.low not in res.rules["mentions"]["separatist_heads"]:
        return None
    allowed = mention_words("generic_adjectives") | mention_words("kind_adjectives") | words
    if any(t.lower_ not in allowed and not t.like_num for t in p.mod_words):
        return None
    earlier = _earlier_separatists(p, words)
    if earlier is not None:  # "Armenian separatists ... the separatists"
        return earlier
    country = coref.context_country(res, p.tok) or _official_country(p)
    st = res.entry(country, "actor") if country is not None else None
    if st is None:
        return None
    known = _gazetteer_separatists(p, st.name, words)
    if known:  # the gazetteer's one separatist actor of the country; of several, none
        return known[0] if len(known) == 1 else None
    return f"{res.adjective(st)} separatists"


def _earlier_separatists(p: Phrase, words: set[str]) -> str | None:
    """The last separatist actor the article named before the phrase (one whose name or a
    gazetteer form has a word of ``separatist_words``), else None."""
    res = p.res
    for m in sorted(res.mentions, key=lambda m: -m.start):
        if m.kind != "actor" or m.start >= p.start:
            continue
        e = res.entry(m.key, "actor")
        forms = (m.key, *(e.names() if e is not None else ()))
        if any(w in f.lower().split() for f in forms for w in words):
            return m.key
    return None


def _gazetteer_separatists(p: Phrase, country: str, words: set[str]) -> list[str]:
    """The gazetteer's separatist actors of a country: those of it with a form that has a
    separatist word ("Ambazonian separatists", "Karabakh separatist authorities")."""
    out: list[str] = []
    for form, e, _ in p.res.gaz.surface_forms():
        if e.kind != "actor" or e.country != country or e.name in out:
            continue
        if any(w in form.lower().split() for w in words):
            out.append(e.name)
    return out


def _official_country(p: Phrase) -> str | None:
    """The one country whose state, government or forces the sentence names ("two Cameroonian
    soldiers were killed after separatist forces attacked P"), else None."""
    res, sent = p.res, p.tok.sent
    official = ("State", "Government", "ArmedForces")
    found = {
        c
        for m in res.mentions
        if sent.start <= m.start < sent.end and m.kind == "actor"
        if res.actor_class(m.key) in official
        for c in [res.country_of_actor(m.key)]
        if c is not None
    }
    return found.pop() if len(found) == 1 else None


def _known_separatists(p: Phrase, words: set[str]) -> GazEntry | None:
    """The gazetteer's separatists of a place the article names so far, latest first
    ("Karabakh separatist forces"), the phrase's own head first ("authorities" are not the
    "forces")."""
    res = p.res
    heads = [p.low] + [h for h in ("forces", "authorities") if h != p.low]
    forms: list[str] = []  # the places named, latest first
    for m in sorted(res.mentions, key=lambda m: -m.start):
        if m.kind == "place":
            e = res.entry(m.key, "place")
            names = (res.doc[m.start : m.end].text, m.key, *(e.aliases if e else ()))
            forms += [f for f in names if f not in forms]
    for head in heads:
        for form in forms:
            for word in sorted(words):
                for e in res.gaz.lookup(f"{form} {word} {head}"):
                    if e.kind == "actor":
                        return e
    return None


def pro_modifier(p: Phrase) -> Token | None:
    """The word after "pro-" among the phrase's modifiers ("pro-Russian"), if any."""
    doc = p.res.doc
    for t in p.mods:
        if t.lower_ == "pro" and t.i + 2 <= p.tok.i and doc[t.i + 1].text == "-":
            return doc[t.i + 2]
    return None


def pro_state(p: Phrase, x: Token) -> str | None:
    """The actor "pro-X" names: X's mention, or the state of a demonym ("pro-Russian")."""
    xm = p.res.by_token.get(x.i)
    st = p.res.as_actor(xm) if xm is not None else None
    if st is None and (e := p.res.gaz.by_demonym(x.text)) is not None:
        st = e.name
    return st


def _article_separatists(p: Phrase, words: set[str]) -> tuple[str, str | None] | None:
    """The separatists the whole article names: the first "pro-X separatists" in it (and X),
    if any."""
    doc = p.res.doc
    for t in doc:
        if (
            t.lower_ in words
            and t.i >= 3
            and doc[t.i - 3].lower_ == "pro"
            and doc[t.i - 2].text == "-"
        ):
            x = doc[t.i - 1]
            return f"pro-{x.text} separatists", pro_state(p, x)
    return None


def sponsored_as_separatists(p: Phrase, sponsor: str) -> str | None:
    """The separatists of ``sponsor`` the article names ("Russian-backed separatists",
    "pro-Russian separatists"), for the rebels it gives the same sponsor ("pro-Russian rebels",
    "Russian-backed rebels": one actor, as news calls the same men either), if the phrase's
    noun is one of ``separatist_synonyms``; else None."""
    res = p.res
    if p.low not in res.rules["mentions"]["separatist_synonyms"]:
        return None
    words = set(res.rules["mentions"]["separatist_words"])
    doc = res.doc
    for t in doc:
        if t.lower_ not in words or t.i < 3 or doc[t.i - 2].text != "-":
            continue
        x, backed = doc[t.i - 1], doc[t.i - 3]  # "pro - X separatists"
        if backed.lower_ == "pro" and _word_actor(p, x) == sponsor:
            return f"pro-{x.text} separatists"
        x, backed = doc[t.i - 3], doc[t.i - 1]  # "X - backed separatists"
        if backed.lower_ == "backed" and _word_actor(p, x) == sponsor:
            return f"{sponsor}-backed separatists"
    return None


def _word_actor(p: Phrase, x: Token) -> str | None:
    """The state a demonym names, else the actor the one word alone names ("Russian",
    "Russia"; not the whole "pro-Russian separatists" it may already be part of)."""
    e = p.res.gaz.by_demonym(x.text)
    if e is not None:
        return e.name
    m = p.res.by_token.get(x.i)
    return p.res.as_actor(m) if m is not None and (m.start, m.end) == (x.i, x.i + 1) else None
