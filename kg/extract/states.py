"""States named otherwise than by their name alone: a capital standing for its state
("Washington accused ...", "a Riyadh-led coalition"), a state's own name before "-led"
("a Saudi Arabia-led coalition"), and states joined by "and" over one head ("Kenyan and
Ugandan troops"). Used by :mod:`kg.extract.mentions` after the names are found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.registry import Mention, MentionRegistry
from kg.extract.vocab import mention_words
from kg.extract.warwords import war_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.gazindex import GazEntry

__all__ = ["find_capitals_as_states", "find_coordinated_states"]


# ---------------------------------------------------------------------- coordinated states
def find_coordinated_states(res: MentionRegistry) -> None:
    """ "Kenyan and Ugandan troops", "US and British warplanes": the first state shares the
    head of the mention after "and" (its forces, or the state itself for air power), and the
    whole phrase names both actors."""
    for m in list(res.mentions):
        head = res.doc[m.start]
        if m.kind != "actor" or head.dep_ != "conj" or head.head.i >= m.start:
            continue
        first = head.head
        known = res.by_token.get(first.i)
        if known is not None and not known.country_name:
            continue
        st = res.entry(known.key, "actor") if known is not None else res.gaz.by_demonym(first.text)
        if st is None or st.cls != "State":
            continue
        e = res.entry(m.key, "actor")
        if res.country_of_actor(m.key) is None and _shares_troops(res, first, m):
            key, cls = res.forces(st)  # "Congolese and U.N. forces": the state's, the UN's
            res.reg.forms.setdefault(m.key, set()).add(res.doc[m.start : m.end + 1].text)
        elif res.country_of_actor(m.key) in (None, st.name):
            continue
        elif m.air or (e is not None and e.cls == "State"):
            key, cls = st.name, "State"
        elif e is not None and e.cls == "ArmedForces":
            key, cls = res.forces(st)
        else:
            continue
        if known is not None:
            res.remove(known)
        # up to the noun both adjectives modify ("Kenyan and Ugandan military forces")
        end = max(m.end, first.head.i + 1 if first.head.pos_ in ("NOUN", "PROPN") else 0)
        res.add_actor_mention(first.i, end, key, cls, res.doc[first.i : end].text, group=True)
        res.group_mentions.append((first.i, end, m.key))


def _shares_troops(res: MentionRegistry, first: Token, m: Mention) -> bool:
    """ "Congolese and U.N. forces": the noun both modify is a troop noun right after the
    second name (``sponsorship: troop_nouns``), and the second names an armed actor or an
    international body, no state."""
    head = first.head
    if head.i != m.end or head.lower_ not in res.rules["sponsorship"]["troop_nouns"]:
        return False
    e = res.entry(m.key, "actor")
    return e is not None and e.cls not in ("State", "Person", "Government")


# ---------------------------------------------------------------------- capitals as states
def find_capitals_as_states(res: MentionRegistry) -> None:
    """A capital standing for its state: the doer of a verb ("Washington accused ..."), the
    owner of an act ("Moscow's invasion"), the one accused, helped or warned ("to help
    Moscow"), or the other side of ties and talks ("ties with Tehran"). A capital where
    something happens ("in Kyiv", "Kyiv came under fire") stays a place. The word lists are
    ``capital_*`` in the ``mentions:`` section of rules.yaml."""
    idle = mention_words("capital_idle_verbs")
    acts = mention_words("capital_acts")
    objects = mention_words("capital_object_verbs")
    sponsor_words = mention_words("capital_sponsor_words")
    for m in list(res.mentions):
        if m.country_name and m.source == "gazetteer" and _led(res, m):
            st = res.entry(m.key, "actor")  # "a Saudi Arabia-led coalition"
            if st is not None and _capital_led(res, m, st):
                continue
        if m.kind != "place" or m.country_name or m.source != "gazetteer":
            continue
        st = res.gaz.state_of_capital(m.key)
        if st is None or res.entry(st.name, "actor") is None:
            continue
        head = res.doc[m.end - 1]
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head  # "by Addis Ababa and Asmara": each as the first
        gov = head.head
        nxt = res.doc[m.end : m.end + 2]
        if _led(res, m) and _capital_led(res, m, st):
            continue
        stands = (
            (head.dep_ == "nsubj" and gov.pos_ == "VERB" and gov.lemma_ not in idle)
            or (head.dep_ == "poss" and gov.lemma_ in acts)
            # "Tehran ally Hezbollah", "Moscow proxies"
            or (head.dep_ == "compound" and gov.lower_ in mention_words("capital_ally_nouns"))
            or (head.dep_ == "dobj" and gov.lemma_ in objects)
            or (head.dep_ == "pobj" and gov.lower_ in ("with", "against", "between"))
            or (head.dep_ == "pobj" and gov.dep_ == "agent")  # "denied by Asmara"
            or (head.dep_ == "nsubj" and _at_war(gov))  # "Khartoum and Juba remain at war"
            # "Tehran-backed militias"
            or (len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lower_ in sponsor_words)
        )
        if stands:
            res.remove(m)
            res.add(Mention(m.start, m.end, "actor", st.name, m.text, "gazetteer"))
            res.ensure_actor(st.name, "State", "gazetteer")


def _at_war(verb: Token) -> bool:
    """Whether ``verb`` states its subjects at war ("remain at war", "went to war":
    ``capital_state_words``), which only states are, not places.

    Examples
    --------
    "Khartoum and Juba are at war": True for "are". "Kyiv remained calm": False.
    """
    words = mention_words("capital_state_words")
    return any(
        o.lower_ in words and war_phrase(o)
        for prep in verb.children
        if prep.dep_ == "prep"
        for o in prep.children
    )


def _led(res: MentionRegistry, m: Mention) -> bool:
    """Whether "-led" follows the mention ("Riyadh-led")."""
    nxt = res.doc[m.end : m.end + 2]
    return len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lower_ == "led"


def _capital_led(res: MentionRegistry, m: Mention, st: GazEntry) -> bool:
    """ "a Riyadh-led coalition", "a Saudi Arabia-led coalition": the coalition the gazetteer
    knows as led by the capital's (or the named) state ("Saudi-led coalition"), one mention
    from the name to the noun (True when found); the name is then no place of the article."""
    doc = res.doc
    first = m.end + 2
    names = [st.name, *st.acronyms, *st.demonyms, st.name.split()[0]]
    for n in (2, 1):
        if first + n > len(doc):
            continue
        words = doc[first : first + n].text
        for name in names:
            led = [x for x in res.gaz.lookup(f"{name}-led {words}") if x.kind == "actor"]
            if led and not any(i in res.by_token for i in range(first, first + n)):
                end = first + n
                res.remove(m)
                text = doc[m.start : end].text
                res.add(Mention(m.start, end, "actor", led[0].name, text, "gazetteer"))
                res.ensure_actor(led[0].name, led[0].cls, "gazetteer")
                return True
    return False
