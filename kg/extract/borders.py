"""Borders between two countries: a place of their own, where fighting often is.

A border names two countries: both ("the border between Chad and Sudan", "the Chad-Sudan
border", "Chad's border with Sudan") or one, the other being the country the sentence is about
("Sudan's border", "the Sudanese border" in a sentence about Chad; not "near the border with
Sudan", which says where a town lies and which analysts do not list as a place). It
is one :class:`Region` whatever words name it: its key is the two countries' names in
alphabetical order ("Chad-Sudan border"), the text's words its aliases, and it lies in the
country whose side the text is on (the first named, else the sentence's own). A border whose two
sides are one country ("the Sudanese border" in a sentence about Sudan) is no place. Later, a bare
"the border" is the border the article named last.

The nouns are ``border_nouns`` in rules.yaml; a border noun qualifying another noun ("border
towns", "a border crossing") names no border.

Examples
--------
>>> from kg.extract.pipeline import Extractor
>>> from kg.model import ArticleMeta
>>> text = "Gunmen crossed Chad's border with Sudan near Adre."
>>> facts = Extractor().extract(ArticleMeta("t.txt"), text)
>>> sorted(e.key for e in facts.entities.values() if e.cls == "Region")
['Chad-Sudan border']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.registry import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.registry import MentionRegistry

__all__ = ["border_key", "find_borders"]


def border_key(a: str, b: str) -> str:
    """The one key of the border of countries ``a`` and ``b``, in either order.

    >>> border_key("Sudan", "Chad"), border_key("Chad", "Sudan")
    ('Chad-Sudan border', 'Chad-Sudan border')
    """
    first, second = sorted((a, b))
    return f"{first}-{second} border"


def find_borders(res: MentionRegistry) -> None:
    """Every border of two countries the article names, as a place (see the module)."""
    doc = res.doc
    nouns = frozenset(res.rules["border_nouns"])
    last: str | None = None
    for tok in doc:
        if tok.lower_ not in nouns or tok.i in res.by_token or _qualifies(doc, tok.i):
            continue
        if _side_of(tok):
            continue  # "the far side of the frontier": a country, not the frontier
        found = _border_at(res, tok.i)
        if found is None:
            if last is not None and _bare(doc, tok.i):  # "over the border": the one named
                res.add(Mention(tok.i - 1, tok.i + 1, "place", last, f"the {tok.text}", "coref"))
            continue
        own, other, start, end = found
        if own == other:
            continue  # "the Sudanese border" in a sentence about Sudan: no border named
        key = border_key(own, other)
        first = tok.i  # the words before the noun no other mention holds ("the Sudanese")
        while first > start and first - 1 not in res.by_token:
            first -= 1
        if res.add(Mention(first, tok.i + 1, "place", key, doc[start:end].text, "head-noun")):
            _register(res, key, own)
            last = key


def _register(res: MentionRegistry, key: str, own: str) -> None:
    """Register the border ``key`` as a region of the country ``own``."""
    country = res.entry(own, "place")
    if country is not None:
        res.region(key, country)


def _qualifies(doc: Doc, i: int) -> bool:
    """Whether the border noun at ``i`` qualifies another noun ("border towns", "the Syrian
    border town of P", "a border crossing"): the other noun is the place."""
    tok = doc[i]
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i


def _side_of(tok: Token) -> bool:
    """Whether the border noun ``tok`` is the "of" object of "side" ("the Iraqi side of the
    border", "the far side of the frontier")."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() == "side"


def _bare(doc: Doc, i: int) -> bool:
    """Whether the border noun at ``i`` is "the border" with no word of its own."""
    tok = doc[i]
    return (
        i > 0
        and doc[i - 1].lower_ == "the"
        and not any(c.i != i - 1 for c in tok.children if c.i < i)
        and not any(c.dep_ == "prep" and c.lower_ in _NAMING_PREPS for c in tok.children)
    )


#: prepositions after a border noun that name its countries ("the border with P")
_NAMING_PREPS = frozenset({"with", "between", "of"})


def _border_at(res: MentionRegistry, i: int) -> tuple[str, str, int, int] | None:
    """The two countries of the border noun at ``i`` (its own side first) and the span of the
    words naming it; None when the words name no country."""
    doc = res.doc
    before = _countries_before(res, i)
    after = _countries_after(res, i)
    start = before[1] if before is not None else i
    end = after[1] if after is not None else i + 1
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    sides = (before[0] if before else []) + (after[0] if after else [])
    if len(sides) >= 2:
        return sides[0], sides[1], start, end
    if len(sides) != 1:
        return None
    if after is not None:
        # "the town lies near the border with Sudan": where the town is, measured as no place
        # the analysts list (0 of 4 in the development sets), unlike "Chad's border with Sudan"
        return None
    home = coref.context_country(res, doc[i])  # "the border with Sudan": the sentence's own
    return (home, sides[0], start, end) if home is not None else None


def _country_at(res: MentionRegistry, j: int) -> tuple[str, int] | None:
    """The country the token ``j`` names (its mention's, or a demonym's: "Sudanese") and the
    first token of the words naming it."""
    m = res.by_token.get(j)
    if m is not None:
        if m.kind == "place" and res.place_class(m.key) == "Country":
            return m.key, m.start
        return None
    tok = res.doc[j]
    if not tok.is_title:
        return None
    st = res.gaz.by_demonym(tok.text)
    if st is None or res.entry(st.name, "place") is None:
        return None
    return st.name, j


def _countries_before(res: MentionRegistry, i: int) -> tuple[list[str], int] | None:
    """ "Chad's border", "the Sudanese border", "the Chad-Sudan border", "Chad's eastern
    border": the countries named before the border noun at ``i`` and the first token."""
    doc = res.doc
    directions = frozenset(res.rules["regions"])
    j = i - 1
    while j >= 0 and doc[j].lower_ in directions:
        j -= 1  # "Chad's eastern border"
    if j >= 1 and doc[j].tag_ == "POS":
        j -= 1
    if j < 0:
        return None
    one = _country_at(res, j)
    if one is None:
        return None
    name, first = one
    if first >= 2 and doc[first - 1].text in ("-", "–"):
        two = _country_at(res, first - 2)
        if two is not None and two[0] != name:
            return [two[0], name], two[1]  # "the Chad-Sudan border"
    return [name], first


def _countries_after(res: MentionRegistry, i: int) -> tuple[list[str], int] | None:
    """ "the border with Sudan", "the border between Chad and Sudan": the countries named
    after the border noun at ``i`` and the end of the words naming them."""
    doc = res.doc
    if i + 2 >= len(doc):
        return None
    word = doc[i + 1].lower_
    one = _country_at(res, i + 2) if word in ("with", "between") else None
    if one is None:
        return None
    m = res.by_token.get(i + 2)
    end = m.end if m is not None else i + 3
    if word == "with":
        return [one[0]], end
    if end + 1 < len(doc) and doc[end].lower_ == "and":
        two = _country_at(res, end + 1)
        if two is not None:
            m2 = res.by_token.get(end + 1)
            return [one[0], two[0]], m2.end if m2 is not None else end + 2
    return None
