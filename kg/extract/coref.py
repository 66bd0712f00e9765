"""Coreference: what a pronoun, a generic noun or a noun phrase in a rule's slot stands for.

Relation and event rules ask, through :class:`~kg.extract.mentions.Resolver`, which actors a
noun phrase names (:func:`actors_at`, with pronouns resolved by :func:`pronoun`) and which
place (:func:`place_at`, with "the city" / "the province" resolved to the salient place).
:func:`salient_actor` and :func:`context_country` answer the head-noun rules' questions (who
"the jihadists" are; which country's forces "government forces" are).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.extract.pairrefs import latter_or_former
from kg.extract.registry import COUNTRY_NOUN
from kg.extract.vocab import mention_words
from kg.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.registry import Mention, MentionRegistry

__all__ = [
    "actors_at",
    "after_anti",
    "context_country",
    "led_by",
    "main_country",
    "place_at",
    "pronoun",
    "salient_actor",
    "salient_place",
    "salient_rebels",
    "title_blocked",
]

_SUBJECT = ("nsubj", "nsubjpass")


# ---------------------------------------------------------------------- salience
def salient_actor(res: MentionRegistry, before: int, classes: tuple[str, ...]) -> str | None:
    """The most mentioned actor of these classes before token ``before`` (latest on ties)."""
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for m in res.mentions:
        if m.start >= before or m.kind != "actor" or m.country_name:
            continue
        e = res.entry(m.key, "actor")
        cls = e.cls if e else res.reg.entities.get(m.key, Entity("", "", "", "")).cls
        if cls in classes:
            counts[m.key] += 1
            last[m.key] = m.start
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], last[k]))


def salient_rebels(res: MentionRegistry, before: int, ahead: bool = False) -> str | None:
    """The armed group "the rebels" at ``before`` means: the one the article (or the
    gazetteer's names for it) has called rebels, most mentioned (latest on ties); with
    ``ahead``, when none was called so before, the first the article calls rebels after
    (a headline's "rebels" before the story names them)."""
    called: dict[str, int] = {}
    for m in res.mentions:
        if m.kind != "actor" or m.country_name or m.start == before:
            continue
        e = res.entry(m.key, "actor")
        names = [m.text, *(e.names() if e else ())]
        if any("rebel" in n.lower() for n in names):
            called.setdefault(m.key, m.start)
    prior = {k for k, start in called.items() if start < before}
    if not prior:
        return min(called, key=lambda k: called[k]) if ahead and called else None
    counts = Counter(m.key for m in res.mentions if m.start < before and m.key in prior)
    last = {m.key: m.start for m in res.mentions if m.start < before and m.key in prior}
    return max(counts, key=lambda k: (counts[k], last[k]))


def led_by(res: MentionRegistry, person: str) -> str | None:
    """The actor ``person`` leads by a title in the article ("RSF commander P"): the actor
    named before an organisation title; for a head of state or government, its forces."""
    doc = res.doc
    titles: dict[str, str] = res.rules["titles"]
    for m in res.mentions:
        if m.key != person:
            continue
        start, back = m.start, m.start
        while start < m.end and doc[start].lower_ in mention_words("honorifics"):
            start += 1
        while back > 0 and doc[back - 1].lower_ in mention_words("honorifics"):
            back -= 1  # "RSF commander Gen P": the rank stands between
        for s in (m.start, start, back):
            title = _title_at(res, s)
            if title is None or title_blocked(res, s - len(title.split())):
                continue
            before = s - len(title.split()) - 1
            bm = res.by_token.get(before) if before >= 0 else None
            st = res.gaz.by_demonym(doc[before].text) if before >= 0 else None
            if bm is not None and bm.country_name:
                st = res.entry(bm.key, "actor")
            if titles[title] == "organization" and bm is not None and bm.kind == "actor":
                return bm.key
            if titles[title] == "government" and st is None and bm is None:
                pe = res.entry(person, "actor")  # "President Salva Kiir": his own country
                st = res.entry(pe.country, "actor") if pe is not None and pe.country else None
            if titles[title] == "government" and st is not None:
                return res.forces(st)[0]
    return None


def title_blocked(res: MentionRegistry, title_start: int) -> bool:
    """Whether the title starting at ``title_start`` is one the person does not hold or
    holds as a deputy: "former president P", "former Yemeni president P", "Vice President P"
    (``mentions: title_blockers``; a demonym may stand between, and a word of the title's
    field: "former army general P", ``title_fields``)."""
    blockers = mention_words("title_blockers")
    doc = res.doc
    i = title_start - 1
    if i >= 0 and doc[i].lower_ in mention_words("title_fields"):
        i -= 1  # "former army general P", "a former rebel commander"
    if i >= 0 and (doc[i].text == "-" or res.gaz.by_demonym(doc[i].text) is not None):
        i -= 1  # "ex-president", "former Yemeni president"
    return i >= 0 and doc[i].lower_ in blockers


def _title_at(res: MentionRegistry, start: int) -> str | None:
    for n in (2, 1):
        if start - n >= 0:
            words = " ".join(t.lower_ for t in res.doc[start - n : start])
            if words in res.rules["titles"]:
                return words
    return None


def salient_place(res: MentionRegistry, before: int, classes: tuple[str, ...]) -> str | None:
    """The place of these classes that "the city" / "the province" at ``before`` means.

    A place named in the same or the previous sentence wins (its subject first, else the
    latest); failing that, the place the article has named most (the latest on ties), and for
    "the country" the country the article is about (:func:`main_country`). A country that
    only qualifies someone ("U.S. forces", "U.S. President") is no candidate.
    """
    doc = res.doc
    cands = [
        m
        for m in res.mentions
        if m.start < before
        and m.kind == "place"
        and res.place_class(m.key) in classes
        # "U.S. and NATO forces", "U.S. President": a country qualifying someone is not
        # the country the text is in
        and not (m.country_name and doc[m.end - 1].dep_ in ("compound", "amod", "nmod"))
        and not _landmark(doc[m.end - 1])
    ]
    if not cands:
        return main_country(res, before) if classes == ("Country",) else None
    sent = doc[min(before, len(doc) - 1)].sent
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    recent = [m for m in cands if m.start >= prev_start]
    if recent:
        subj = [m for m in recent if doc[m.end - 1].dep_ in _SUBJECT]
        return (subj or recent)[-1].key
    if classes == ("Country",):  # "across the country": the one the article is about
        return main_country(res, before) or cands[-1].key
    counts = Counter(m.key for m in cands)
    last = {m.key: m.start for m in cands}
    return max(counts, key=lambda k: (counts[k], last[k]))


def _landmark(tok: Token) -> bool:
    """True for a place named only to measure a distance from: "P, some 90 km northeast of
    the capital Baghdad" (Baghdad is not the town the text goes on about)."""
    t = tok.head if tok.dep_ == "appos" else tok
    if t.dep_ != "pobj" or t.head.lower_ != "of":
        return False
    units = ("km", "kilometres", "kilometers", "miles", "mi")
    return any(c.lower_ in units for c in t.head.head.children)


def context_country(res: MentionRegistry, tok: Token) -> str | None:
    """The country a sentence is about: the country of its nearest town or province, else a
    country named as a location ("in Syria"), else the article's main country so far."""
    sent = tok.sent
    towns, named = [], []
    locative = mention_words("locative_preps")
    for m in res.mentions:
        if not (sent.start <= m.start < sent.end) or m.kind != "place":
            continue
        c = res.country_of_place(m.key)
        if not c:
            continue
        if not m.country_name:
            towns.append((abs(m.start - tok.i), c))
        else:
            head = res.doc[m.end - 1]
            if head.dep_ == "pobj" and head.head.lower_ in locative:
                named.append((abs(m.start - tok.i), c))
    if towns:
        return min(towns)[1]
    if named:
        return min(named)[1]
    return main_country(res, tok.i)


def main_country(res: MentionRegistry, before: int | None = None) -> str | None:
    """The country most mentioned in the article (directly or through its places)."""
    counts: Counter[str] = Counter()
    for m in res.mentions:
        if before is not None and m.start >= before:
            continue
        if m.kind == "place":
            c = res.country_of_place(m.key)
            if c:
                counts[c] += 1
        elif m.source not in ("context", "coref"):
            # "South Sudan's government": the country whose government it is
            e = res.entry(m.key, "actor")
            if e is not None and e.cls == "Government" and e.country:
                counts[e.country] += 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


# ---------------------------------------------------------------------- actors
def pronoun(res: MentionRegistry, tok: Token) -> str | None:
    """The actor a pronoun (they, their, it, its, who) refers to.

    A relative pronoun refers to the noun it follows. "It" and "its" may also refer to a
    country named as the subject of a clause before them in the sentence: the state ("Israel
    said it struck P", "Russia said its troops ..."). Otherwise: the subject of a clause
    before it in the sentence, else the nearest actor before it there; failing those, a
    subject of the previous sentences (the nearest sentence first), where the subject of the
    main clause beats one inside a relative clause and "they" prefers a plural noun, "it" a
    singular one: in "Iraqi forces have retaken the territory the group seized. They
    recaptured Mosul", they are the Iraqi forces.
    """
    sent = tok.sent
    doc = res.doc
    it = tok.lower_ in ("it", "its")  # a country that speaks is "it": "Israel said it ..."
    cands = [
        m
        for m in res.mentions
        if sent.start <= m.start < tok.i
        and (m.kind == "actor" or (it and m.country_name and _is_subject(doc, m)))
    ]
    if tok.lower_ in ("who", "which") and tok.dep_ in _SUBJECT:
        head = tok.head.head if tok.head.dep_ == "relcl" else None
        if head is not None:
            ms = actors_at(res, head, conj=False)
            if ms:
                return ms[0]
    # "X pushed them out": an object pronoun is not the subject of its own verb
    verb = _governor(tok)
    cands = [
        m
        for m in cands
        if (verb is None or not any(t.head.i == verb.i for t in doc[m.start : m.end]))
        and not _singular_for_they(res, m, tok)
    ]
    # prefer the subject of the clause
    for m in reversed(cands):
        if _is_subject(doc, m) and not m.country_name:
            return m.key
        if _is_subject(doc, m) and m.kind == "place":
            a = res.as_actor(m)  # "Israel said it struck P": the state that speaks
            if a:
                return a
    for m in reversed(cands):
        a = res.as_actor(m)
        if a:
            return a
    return _previous_subject(res, tok)


def _singular_for_they(res: MentionRegistry, m: Mention, tok: Token) -> bool:
    """Whether "they" cannot be ``m``: a state body named by a singular noun that speaks
    ("The army said they had shelled Goma": they are others; ``coref: it_nouns``)."""
    if tok.lower_ not in mention_words("plural_pronouns"):
        return False
    head = res.doc[m.end - 1]
    if head.tag_ != "NN" or head.lower_ not in res.rules["coref"]["it_nouns"]:
        return False
    verb = head.head  # the speaker of "said they ..." ("the advance of the army ... them" stays)
    return (
        head.dep_ in _SUBJECT
        and verb.lemma_.lower() in res.rules["coref"]["speech_verbs"]
        and tok.i > verb.i
    )


def _is_subject(doc: Doc, m: Mention) -> bool:
    """Whether a mention is the subject of a clause."""
    return any(t.dep_ in _SUBJECT for t in doc[m.start : m.end])


def _governor(tok: Token) -> Token | None:
    """The verb whose object ``tok`` is ("pushed them", "pushed them out of"), or None."""
    if tok.dep_ in ("dobj", "dative", "attr"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        return tok.head.head
    return None


def _previous_subject(res: MentionRegistry, tok: Token) -> str | None:
    """The subject of an earlier sentence (up to two back) that a pronoun refers to."""
    doc = res.doc
    sent_start = tok.sent.start
    starts = sorted({res.sent_start[m.start] for m in res.mentions if m.start < sent_start})
    plural = tok.lower_ in mention_words("plural_pronouns")
    best: tuple[int, int, int, int] | None = None
    key = None
    for m in res.mentions:
        if m.start >= sent_start or m.kind != "actor":
            continue
        subj = [t for t in doc[m.start : m.end] if t.dep_ in _SUBJECT]
        if not subj:
            continue
        distance = len([s for s in starts if s > res.sent_start[m.start]])
        if distance > 2:
            continue
        main = _in_main_clause(subj[0])
        head = doc[m.end - 1]
        agrees = (head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("s")) == plural
        rank = (distance, 0 if main else 1, 0 if agrees else 1, -m.start)
        if best is None or rank < best:
            best, key = rank, m.key
    return key


def _in_main_clause(tok: Token) -> bool:
    """Whether ``tok`` belongs to the main clause (no relative or subordinate clause above)."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "pcomp"):
            return False
        t = t.head
    return True


def actors_at(
    res: MentionRegistry, tok: Token, conj: bool = True, principal: bool = False
) -> list[str]:
    """Actors a noun phrase headed by ``tok`` names (with its conjuncts).

    With ``principal``, conjuncts that are someone's partners ("X and their allies") are
    left out: they are not the principal actors of what the phrase does.
    """
    out: list[str] = []
    toks = [tok, *_conjuncts_not_places(res, tok)] if conj else [tok]
    if principal:
        toks = [
            t
            for t in toks
            if t is tok or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
        ]
    for t in toks:
        for a in _actor_of_token(res, t):
            if a not in out:
                out.append(a)
    return out


def _conjuncts_not_places(res: MentionRegistry, tok: Token) -> list[Token]:
    """``tok``'s conjuncts, less a country the parser joined to it that continues a place
    phrase on it ("strikes against X in Iraq and Syria": Syria is where, not whom)."""
    located = [
        g
        for c in tok.children
        if c.dep_ == "prep"
        for g in c.children
        if g.dep_ == "pobj" and (m := res.by_token.get(g.i)) is not None and m.kind == "place"
    ]
    conjuncts = [*tok.conjuncts, *_listed_appositions(res, tok)]
    if not located:
        return conjuncts
    out = []
    for t in conjuncts:
        m = res.by_token.get(t.i)
        if m is not None and m.country_name and any(g.i < t.i for g in located):
            continue
        out.append(t)
    return out


def _listed_appositions(res: MentionRegistry, tok: Token) -> list[Token]:
    """Middle items of a list the parser read as appositions: in "Chad, Mali, and Niger"
    Mali may hang on Chad as an apposition (and Niger on either); a name of the same kind as
    ``tok``'s (two countries, two named actors), between commas, with a conjunct after it
    on ``tok`` or on itself, is one more item, and so are its own conjuncts."""
    first = res.by_token.get(tok.i)
    if first is None:
        return []
    conj = [c.i for c in tok.children if c.dep_ == "conj"]
    out: list[Token] = []
    for c in tok.children:
        m = res.by_token.get(c.i)
        if (
            c.dep_ == "appos"
            and c.i > tok.i
            and m is not None
            and m.source in ("gazetteer", "ner", "acronym")
            and (m.kind, m.country_name) == (first.kind, first.country_name)
            and res.doc[m.start - 1].text == ","
            and res.doc[m.end].text == ","
            and (any(i > c.i for i in conj) or any(g.dep_ == "conj" for g in c.children))
        ):
            out += [c, *c.conjuncts]
    return out


def _with_partners(res: MentionRegistry, pron: Token, actor: str) -> list[str]:
    """ "X and Y say they have seized P": a plural pronoun whose antecedent is one of a pair
    of subjects refers to all of them."""
    if pron.lower_ not in mention_words("plural_pronouns"):
        return [actor]
    for m in res.mentions:
        if m.key != actor or m.kind != "actor" or not (pron.sent.start <= m.start < pron.i):
            continue
        head = res.doc[m.end - 1]
        first = head.head if head.dep_ == "conj" else head
        if first.dep_ not in ("nsubj", "nsubjpass"):
            continue
        group = [first, *first.conjuncts]
        out = [a for g in group for a in actors_at(res, g, conj=False)]
        if actor in out:
            return list(dict.fromkeys(out))
    return [actor]


def _named_by(res: MentionRegistry, t: Token) -> list[str]:
    """The actor the mention at ``t`` names: an actor, or a country's state."""
    m = res.by_token.get(t.i)
    if m is None or not (m.kind == "actor" or m.country_name):
        return []
    a = res.as_actor(m)
    return [a] if a else []


def _members_of(res: MentionRegistry, t: Token) -> list[str]:
    """The actors named after "of" / "from" by a phrase of their members: "forces of the
    Wagner group", "thousands of X", "soldiers from Chad and Niger", "insurgents from
    Islamic State" (``coref: members_of``: a group's, never a state's)."""
    coref = res.rules["coref"]
    members = t.lower_ in coref["members_of"]
    if t.lower_ not in [*coref["forces_of"], *coref["quantity_of"]] and not members:
        return []
    if t.pos_ not in ("NOUN", "NUM", "PRON", "ADJ"):
        return []
    froms = ("of", "from") if t.lower_ in coref["forces_of"] or members else ("of",)
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ in froms:
            of = [g for g in prep.children if g.dep_ == "pobj"]
            if prep.lower_ == "from":  # "soldiers from Chad and Niger": both
                of += [c for g in of for c in g.conjuncts]
            if members:  # "insurgents from Mozambique" are no state's
                of = [g for g in of if not _country_token(res, g)]
            named = [a for g in of for a in _actor_of_token(res, g)]
            if named:
                return named
    return []


def _country_token(res: MentionRegistry, t: Token) -> bool:
    m = res.by_token.get(t.i)
    return m is not None and m.country_name


def after_anti(tok: Token) -> bool:
    """Whether ``tok`` follows "anti-": "the anti-Taliban commander", "the anti-Huthi
    coalition" name an enemy of X, never X."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "anti"


def _actor_of_token(res: MentionRegistry, t: Token) -> list[str]:
    group = [k for s, e, k in res.group_mentions if s <= t.i < e]
    if group:
        return group
    m = res.by_token.get(t.i)
    if m is None and t.lower_ in ("latter", "former"):
        pair = latter_or_former(res, t)  # "an attack by the latter"
        if pair is not None:
            return [pair]
    if m is None:
        # the head is outside the mention: "the city of X", "one of ...": look at children
        if t.lower_ in res.rules["pronouns"] and t.pos_ == "PRON":
            p = pronoun(res, t)
            return _with_partners(res, t, p) if p else []
        # the modifier nearest the head first: in "the UN-backed government forces" the
        # government is what the phrase names, the UN only its sponsor
        kids = sorted(t.children, key=lambda c: (c.i > t.i, -c.i if c.i < t.i else c.i))
        for child in kids:
            if child.dep_ not in ("compound", "amod", "nmod", "appos") or after_anti(child):
                continue
            if child.dep_ == "appos" and child.conjuncts:  # "its partners X and Y"
                named = [a for c in (child, *child.conjuncts) for a in _named_by(res, c)]
                if named:
                    return list(dict.fromkeys(named))
            if any(g.dep_ == "conj" for g in child.children):
                continue  # "the SDF and Arab fighters" misparsed: SDF is not the fighters
            # the modifier, or the acronym in brackets after it ("the Long Name (LN) group")
            for c in [child, *[g for g in child.children if g.dep_ == "appos"]]:
                cm = res.by_token.get(c.i)
                # an actor; or a country in apposition, which acts: "its ally Turkey"
                if cm is not None and (
                    cm.kind == "actor" or (child.dep_ == "appos" and cm.country_name)
                ):
                    a = res.as_actor(cm)
                    return [a] if a else []
        return _members_of(res, t)
    a = res.as_actor(m)
    return [a] if a else []


# ---------------------------------------------------------------------- places
def _of_place(res: MentionRegistry, tok: Token) -> str | None:
    """The place named in ``tok``'s "of" phrase ("the port of P"), or None."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                gm = res.by_token.get(g.i)
                if gm is not None and gm.kind == "place":
                    return gm.key
    return None


def place_at(res: MentionRegistry, tok: Token) -> str | None:
    """The place a noun phrase headed by ``tok`` names, with "the city" and "the province"
    resolved to the salient settlement or province, and "the city of X" to X."""
    m = res.by_token.get(tok.i)
    if m is not None and m.kind == "place" and m.source == COUNTRY_NOUN:
        region = res.reg.entities.get("place:" + m.key)
        return region.parent if region is not None and region.parent else m.key
    if m is not None and m.kind == "place":
        named = _of_place(res, tok) if tok.pos_ == "NOUN" else None
        return named or m.key  # "the Red Sea port of Hodeidah" is Hodeidah
    low = tok.lower_  # "control over P" holds P as "control of P" does
    owner = _possessing_place(res, tok)
    if owner is not None:
        return owner
    town_noun = low in res.rules["coref"]["settlement"]
    of_holders = res.rules["of_place_holders"]
    for child in tok.children:
        if child.dep_ in ("compound", "appos", "nmod"):
            cm = res.by_token.get(child.i)
            if cm is not None and cm.kind == "place":
                if town_noun and res.country_of_place(cm.key) is None:
                    continue  # "the Red Sea port": a town by the sea, not the sea
                return cm.key
        if child.dep_ == "prep" and (
            child.lower_ == "of" or (child.lower_, low) == ("over", "control")
        ):
            for g in child.children:
                gm = res.by_token.get(g.i)
                if gm is not None and gm.kind == "place":
                    return gm.key
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "ADJ") and tok.lower_ in of_holders:
                    # "control of the town", "control of most of P" (``of_place_holders``)
                    found = place_at(res, g)
                    if found is not None:
                        return found
    if tok.pos_ != "NOUN":
        return None
    coref = res.rules["coref"]
    if low in coref["settlement"]:
        return salient_place(res, tok.i, ("Settlement",))
    if low in coref["province"]:
        return _the_province(res, tok)
    if low in coref["country"]:
        return salient_place(res, tok.i, ("Country",))
    if low in coref["capital"]:
        return _the_capital(res, tok)
    return None


def _possessing_place(res: MentionRegistry, tok: Token) -> str | None:
    """The town or region whose possessive names a part of it headed by ``tok`` ("Marawi's
    city centre", "Bangui's northern suburbs", "Sirte's old city": ``place_part_nouns``), or
    None (a country's: "Libya's ports"; a part no list names: "Derna's residents").

    >>> # "troops withdrew from Marawi's city centre": the place of "centre" is Marawi
    """
    words = {tok.lower_, tok.lemma_}
    words |= {f"{c.lower_} {tok.lower_}" for c in tok.children if c.dep_ in ("amod", "compound")}
    if tok.pos_ != "NOUN" or not words & set(res.rules["place_part_nouns"]):
        return None
    for c in tok.children:
        m = res.by_token.get(c.i)
        if c.dep_ == "poss" and m is not None and m.kind == "place" and not m.country_name:
            return None if res.place_class(m.key) == "Country" else m.key
    return None


def _the_capital(res: MentionRegistry, tok: Token) -> str | None:
    """ "the capital": the capital of the country the sentence is about ("Sudan's capital":
    of that country); None for a region's capital or a capital the gazetteer lacks."""
    if tok.dep_ == "appos" or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None  # "P, capital of the region": a capital of something else
    sub = res.rules["coref"]["sub_capital_words"]
    if any(c.lower_ in sub for c in tok.children if c.dep_ in ("amod", "compound")):
        return None  # "the first provincial capital to fall", "the commercial capital"
    poss = [c for c in tok.children if c.dep_ == "poss"]
    if not poss and not any(c.lower_ == "the" for c in tok.children):
        return None
    if poss:
        m = res.by_token.get(poss[0].i)
        country = m.key if m is not None and m.country_name else None
    else:
        country = context_country(res, tok)
    entry = res.entry(country, "actor") if country else None
    capital = res.entry(entry.capital, "place") if entry and entry.capital else None
    if capital is None:
        return None
    res.ensure_place(capital.name, capital.cls, "gazetteer")
    res.reg.forms.setdefault("place:" + capital.name, set()).add(f"the {tok.text}")
    return capital.name


def _the_province(res: MentionRegistry, tok: Token) -> str | None:
    """ "the province": the salient province, or the province of a city named since."""
    p = salient_place(res, tok.i, ("Province",))
    city = salient_place(res, tok.i, ("Settlement",))
    if city is None:
        return p
    e = res.entry(city, "place")
    parent = res.entry(e.parent, "place") if e and e.parent else None
    if (
        parent is not None
        and parent.cls == "Province"
        and (p is None or res.last_index(city) > res.last_index(p))
    ):
        res.ensure_place(parent.name, "Province", "gazetteer")
        res.reg.forms.setdefault("place:" + parent.name, set()).add(
            res.doc[tok.i - 1 : tok.i + 1].text if tok.i else tok.text
        )
        return parent.name
    return p
