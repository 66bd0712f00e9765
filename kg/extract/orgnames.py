"""Mentions by organisation name and acronym: capitalised names ending in an organisation
word ("Free Idlib Army"), acronyms spelt out beside their names ("Name (ACR)") or by their
letters, and acronyms an earlier article of the build defined.

Split from :mod:`kg.extract.names`; the organisation words are ``mentions: org_heads`` in
``rules.yaml``.
"""

from __future__ import annotations

from kg.extract import longnames
from kg.extract.gazetteer import normalise
from kg.extract.registry import Mention, MentionRegistry

__all__ = ["find_acronyms", "find_proper_orgs", "find_spelt_acronyms", "forget_guess"]


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
        if start is None or longnames.joined_before(res, start):
            continue
        covered = [res.by_token.get(i) for i in range(start, tok.i + 1)]
        if any(m is not None and m.kind == "actor" for m in covered):
            continue
        if covered[0] is not None and covered[0].start < start:
            continue
        if any(m is not None and m.end > tok.i + 1 for m in covered):
            continue  # part of a longer name ("Northeast Command headquarters", a facility)
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
def find_spelt_acronyms(res: MentionRegistry) -> None:
    """ "the Patriotic Front for the Liberation of Kivu (FPLK)": a capitalised name its acronym
    spells out (its initials in any order: names translated from French keep the French
    acronym) is one actor, whatever shorter names the NER or the gazetteer found inside it
    ("Patriotic Front", "Kivu"); its head word (``org_heads``) gives its class."""
    doc = res.doc
    heads: dict[str, str] = res.rules["org_heads"]
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acr = doc[tok.i + 1].text
        if not (acr.isalpha() and acr.isupper() and 3 <= len(acr) <= 8):
            continue
        start = _spelt_start(res, tok.i)
        caps = [t for t in doc[start : tok.i] if t.is_title or t.is_upper]
        cls = next((heads[t.lower_] for t in caps if t.lower_ in heads), None)
        if cls is None or sorted(t.text[0] for t in caps) != sorted(acr):
            continue
        covered = {id(m): m for i in range(start, tok.i) if (m := res.by_token.get(i))}
        if any(m.start < start or (m.start == start and m.end == tok.i) for m in covered.values()):
            continue  # a longer mention, or the whole name already found
        for m in covered.values():
            res.remove(m)
            forget_guess(res, m)
        text = doc[start : tok.i].text
        found = [e for e in res.gaz.lookup(text) if e.kind == "actor"]
        key = found[0].name if found else text
        if res.add(Mention(start, tok.i, "actor", key, text, "ner")) is not None:
            res.ensure_actor(key, found[0].cls if found else cls, "ner")


def forget_guess(res: MentionRegistry, m: Mention) -> None:
    """Forget the actor a removed NER mention made, when no other mention names it."""
    ent = res.reg.entities.get(m.key)
    if m.kind != "actor" or ent is None or ent.source != "ner":
        return
    if not any(o.key == m.key for o in res.mentions):
        del res.reg.entities[m.key]
        res.reg.forms.pop(m.key, None)


def _spelt_start(res: MentionRegistry, end: int) -> int:
    """The first capitalised word of the name before token ``end``: capitalised words and the
    small words inside names ("for the Liberation of")."""
    doc = res.doc
    inner = ("for", "the", "of", "in", "and", "de", "du", "des", "la", "le", "al", "-")
    start = end
    while start > res.sent_start[end] and (
        doc[start - 1].is_title or doc[start - 1].is_upper or doc[start - 1].lower_ in inner
    ):
        start -= 1
    while start < end and not (doc[start].is_title or doc[start].is_upper):
        start += 1
    if start == res.sent_start[end] and doc[start].lower_ == "the":
        start += 1
    return start


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
            norm = normalise(tok.text)
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
