"""Names inside longer names: a gazetteer name matched only as part of a longer proper name
does not stand for its entry ("Army of X", "Bab al-X compound", the spelt-out name after an
acronym), a shortened name stands for the longer one of the article ("the Transitional
Council"), and "the province of X" for X's province. Used by :mod:`kg.extract.names`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.gazetteer import normalise
from kg.extract.registry import Mention, MentionRegistry
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.gazetteer import GazEntry

__all__ = [
    "in_expansion",
    "joined_before",
    "listed_province",
    "longer_place",
    "part_of_longer_name",
    "province_of",
    "province_start",
    "shortened_actor",
    "wilaya",
]


def wilaya(res: MentionRegistry, start: int, end: int) -> bool:
    """ "the Sinai Province militants", "Islamic State's West Africa Province": a place name
    matched at ``start``..``end`` before a capitalised "Province" is the armed group the
    gazetteer knows as "Islamic State <name> Province" (a province of that group, its
    wilaya), not the place; added as that actor's mention (True when so). "North Sinai
    province", "Idlib Province": no such group, the place stays.

    >>> from kg.extract.mentions import Resolver
    >>> from kg.extract.pipeline import Extractor
    >>> ex = Extractor()
    >>> res = Resolver(ex.nlp("Sinai Province militants claimed the attack."), ex.gaz)
    >>> [(m.kind, m.key) for m in res.mentions][:1]
    [('actor', 'Islamic State – Sinai Province')]
    """
    doc = res.doc
    if end >= len(doc) or doc[end].text != "Province":
        return False
    name = f"Islamic State {doc[start:end].text} Province"
    found = [x for x in res.gaz.lookup(name) if x.kind == "actor"]
    if not found:
        return False
    text = doc[start : end + 1].text
    return res.add(Mention(start, end + 1, "actor", found[0].name, text, "gazetteer")) is not None


def province_of(res: MentionRegistry, e: GazEntry, start: int) -> tuple[GazEntry, int]:
    """ "the province of Idlib": the province of the town (the mention begins at the word
    "province"), as "Idlib province"; "the region of Sumy": the province the gazetteer knows
    as "Sumy region" (``mentions: province_kinds``); the entry and the start unchanged
    otherwise."""
    word = res.doc[start - 2]
    own = word.lower_ in mention_words("province_words")  # "the province of X": below
    if not own and word.lower_ in _province_kinds().values() and word.i not in res.by_token:
        named = _named_province(res, start, word.lower_)
        if named is not None and e.cls != "Province":
            return named, start - 2
    if not own or word.i in res.by_token:
        return e, start
    parent = res.entry(e.parent, "place") if e.parent else None
    if e.cls != "Province" and (e.cls != "Settlement" or parent is None):
        return e, start
    province = e if e.cls == "Province" else parent
    if province is None or province.cls != "Province":
        return e, start
    _name_first(res, province.name, start)
    return province, start - 2


def listed_province(res: MentionRegistry, e: GazEntry, start: int, end: int) -> GazEntry:
    """ "the Kharkiv and Sumy regions", "Idlib and Hama provinces": a town's name listed
    before a plural word of provinces (``mentions: province_kinds``) is the province the
    gazetteer knows by the name and the singular word ("Kharkiv region": Kharkiv Oblast);
    the entry unchanged otherwise (also "Kharkiv and Sumy, officials of both regions said")."""
    doc, kinds = res.doc, _province_kinds()
    sent_end = doc[start].sent.end
    for i in range(end, min(end + 12, sent_end)):
        t = doc[i]
        if t.lower_ in kinds:
            named = _named_province(res, start, kinds[t.lower_], end)
            return named if named is not None else e
        if not (t.is_title or t.lower_ in ("and", ",", "-") or t.lower_ in res.rules["regions"]):
            return e
    return e


def _province_kinds() -> dict[str, str]:
    """Plural → singular words of provinces ("regions": "region")."""
    words = mention_words("province_kinds")
    return {f"{w}s": w for w in words}


def _named_province(res: MentionRegistry, start: int, word: str, end: int = 0) -> GazEntry | None:
    """The province the gazetteer knows as the name at ``start`` (to ``end``, else its
    capitalised words) and ``word`` ("Sumy" and "region": Sumy Oblast)."""
    doc = res.doc
    if not end:
        end = start
        while end < len(doc) and (doc[end].is_title or doc[end].text == "-"):
            end += 1
    if end <= start:
        return None
    found = [x for x in res.gaz.lookup(f"{doc[start:end].text} {word}") if x.cls == "Province"]
    return found[0] if found else None


def province_start(res: MentionRegistry, key: str, start: int) -> int:
    """Where the mention of province ``key`` named at ``start`` begins: at "province" in "the
    province of Anbar" (its words in the usual order, "Anbar province", also its form)."""
    doc = res.doc
    if start < 2 or doc[start - 1].lower_ != "of" or (start - 2) in res.by_token:
        return start
    if doc[start - 2].lower_ not in mention_words("province_words"):
        return start
    _name_first(res, key, start)
    return start - 2


def _name_first(res: MentionRegistry, key: str, start: int) -> None:
    """ "the province of Kirkuk" is also named "Kirkuk province": that form of ``key``, the
    text's words in the order news and analysts most often write them."""
    doc = res.doc
    end = start
    while end < len(doc) and (doc[end].is_title or doc[end].text == "-"):
        end += 1
    if end > start:
        form = f"{doc[start:end].text} {doc[start - 2].lower_}"
        res.reg.forms.setdefault(f"place:{key}", set()).add(form)


def in_expansion(res: MentionRegistry, i: int) -> bool:
    """Whether token ``i`` lies in the spelt-out name of a known actor's acronym before it:
    "ACR (The Long Name of X in Y)" is ACR, not a place Y or an organisation of its own (the
    whole name becomes ACR's mention); or after it: "The Long Name of X (ACR)" (a spelling the
    gazetteer does not know: "the Islamic State Province of West Africa (ISWAP)")."""
    if _spelt_out_before(res, i):
        return True
    doc = res.doc
    open_ = next((k for k in range(i, max(i - 12, 0), -1) if doc[k].text in "()"), None)
    if open_ is None or doc[open_].text != "(" or open_ < 1:
        return False
    acr = doc[open_ - 1]
    if not (acr.is_upper and acr.is_alpha and acr.ent_type_ == "KG_ACTOR"):
        return False
    close = next(
        (k for k in range(open_ + 1, min(open_ + 14, len(doc))) if doc[k].text == ")"), None
    )
    if close is None or close - open_ < 3 or not doc[open_ + 1].is_title:
        return False
    name = acr.ent_id_.split("|", 1)[1]
    text = doc[open_ + 1 : close].text
    res.add(Mention(open_ + 1, close, "actor", name, text, "acronym"))
    return True


def _spelt_out_before(res: MentionRegistry, i: int) -> bool:
    """ "The Long Name (ACR)" around token ``i``, ACR a known actor's acronym: the whole name
    becomes ACR's mention (once) when the gazetteer did not match it as ACR."""
    doc, joins = res.doc, mention_words("name_joins")
    while i + 1 < len(doc) and doc[i].lower_ == "the":  # an NER name with its article
        i += 1
    open_ = next((k for k in range(i + 1, min(i + 12, len(doc) - 2)) if doc[k].text == "("), None)
    if open_ is None or doc[open_ + 2].text != ")":
        return False
    acr = doc[open_ + 1]
    if not (acr.is_upper and acr.is_alpha and acr.ent_type_ == "KG_ACTOR"):
        return False
    start = open_
    while start > res.sent_start[i] and (
        (doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN")
        or doc[start - 1].lower_ in joins
    ):
        start -= 1
    while start < open_ and doc[start].lower_ in joins | {"the"}:
        start += 1
    if not start <= i < open_ or open_ - start < 3:
        return False
    if all(doc[k].ent_id_ == acr.ent_id_ for k in range(start, open_)):
        return False  # the gazetteer's own name for ACR
    name = acr.ent_id_.split("|", 1)[1]
    if all(k not in res.by_token for k in range(start, open_)):
        res.add(Mention(start, open_, "actor", name, doc[start:open_].text, "acronym"))
    return True


def part_of_longer_name(res: MentionRegistry, start: int, kind: str) -> int | None:
    """The start of the longer proper name a gazetteer name matched at ``start`` ends, when
    that name stands for something else: an actor after an organisation word and "of"
    ("Army of X" is no X; a place there stays a place: the army is that place's), or a name
    glued by a particle to a capitalised word before it ("Bab al-X", a compound, is no town
    X). None otherwise: "Syrian X", "X's leader", "the X movement" keep X."""
    doc = res.doc
    if start >= 2 and doc[start - 1].lower_ == "of" and kind == "actor":
        head = doc[start - 2]
        if head.is_title and head.lower_ in res.rules["org_heads"] and not _gaz(head):
            return start - 2
        return None
    if start >= 3 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        particle, before = doc[start - 2], doc[start - 3]
        if (
            particle.lower_ in mention_words("name_particles")
            and not particle.whitespace_
            and before.is_title
            and not before.is_stop  # "In al-X, ...": X
            and not _gaz(before)
        ):
            return start - 3
    return None


def longer_place(res: MentionRegistry, start: int, end: int) -> None:
    """The longer name ``doc[start:end]`` a gazetteer place was found in, as a place of its
    own: a site ("Bab al-X compound") when a site noun follows its first mention."""
    doc = res.doc
    text = doc[start:end].text
    if res.add(Mention(start, end, "place", text, text, "ner")) is None:
        return
    site = end < len(doc) and doc[end].lower_ in mention_words("site_nouns")
    res.ensure_place(text, "Facility" if site else "Settlement", "ner")


def _gaz(tok: Token) -> bool:
    """Whether the entity ruler matched ``tok`` as (part of) a gazetteer name."""
    return tok.ent_type_ in ("KG_ACTOR", "KG_PLACE")


def shortened_actor(res: MentionRegistry, text: str) -> str | None:
    """The gazetteer actor of the article whose name ends in the words ``text`` ("the
    (southern) Transitional Council" after "the Southern Transitional Council"), if one."""
    tail = " " + normalise(text)
    for ent in res.doc.ents:
        if ent.label_ != "KG_ACTOR":
            continue
        name = ent.ent_id_.split("|", 1)[1]
        if normalise(ent.text).endswith(tail) or normalise(name).endswith(tail):
            return name
    return None


def joined_before(res: MentionRegistry, start: int) -> bool:
    """Whether the capitalised name beginning at ``start`` continues to the left over a
    joining word ("News French to Africa Service": no organisation "Africa Service")."""
    doc = res.doc
    if start < 2 or doc[start - 1].lower_ not in ("to", "for") or not doc[start - 1].is_lower:
        return False
    before = doc[start - 2]
    return (
        (before.is_title or before.is_upper)
        and not before.is_stop
        and before.i > res.sent_start[start]
        and not _gaz(before)
    )
