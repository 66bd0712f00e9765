"""Actors named by a description: rules for noun phrases whose head is an actor noun.

"Syria's army", "Shiite militias", "US-backed, predominantly
Kurdish units" (an entry of ``descriptors.yaml``), "pro-Iranian militias", "Palestinian
fighters", "Kavuna's fighters", "the Shiite militia Saraya Khorasan". Each phrasing is one
small rule registered with :func:`~kg.extract.phrase.head_rule`; the order they are tried in
is ``mentions: head_noun_rules`` in ``rules.yaml``, and their words are in that file too.
Generic references ("government forces", "the rebels") are in :mod:`kg.extract.references`,
aircraft named for who flies them ("Russian bombers") in :mod:`kg.extract.airpower`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.loyalists import forces_of_person, is_person, loyal_forces
from kg.extract.phrase import Phrase, conjunct_before, head_rule, participles
from kg.extract.references import parent_keeping, rebels_of_group
from kg.extract.registry import Mention
from kg.extract.separatists import pro_modifier, pro_state, sponsored_as_separatists
from kg.extract.vocab import (
    load_descriptors,
    load_rules,
    loyal_heads,
    mention_words,
    noun_heads,
    place_heads,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.gazindex import GazEntry


__all__: list[str] = []

#: entity types of the NER that are no actor's name ("the group Monday")
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC", "FAC", "NORP"})


def _descriptor(sponsor: str, head: Token, words: set[str]) -> str | None:
    """The actor of ``descriptors.yaml`` that "<sponsor>-backed ... <head>" describes."""
    for d in load_descriptors():
        if d["sponsor"] != sponsor or head.lower_ not in d["heads"]:
            continue
        need = set(d.get("any_of", []))
        if need and not (need & words):
            continue
        return str(d["actor"])
    return None


def _words_right(tok: Token) -> set[str]:
    """Words of an "of" phrase after the head ("an alliance of Kurdish and Arab fighters")."""
    out = set()
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                out |= {t.lower_ for t in g.subtree}
    return out


# ---------------------------------------------------------------------- the rules
@head_rule("known-actor-modifier")
def _known_actor_modifier(p: Phrase) -> bool:
    """ "IS fighters", "Islamic State militants": the known actor's mention grows."""
    res = p.res
    if p.low not in res.rules["actor_heads"]:
        return False
    if parent_keeping(p):
        return False  # "UN peacekeeping forces": the mission's (references._peacekeepers)
    for t in p.mod_words:
        m = res.by_token.get(t.i)
        if (
            m is not None
            and m.kind == "actor"
            and t.dep_ in ("compound", "nmod")
            and not is_person(res, m.key)  # "Field Marshal P's forces" are not P
            and not any(x.pos_ in ("CCONJ", "PUNCT") for x in res.doc[m.end : p.tok.i])
        ):
            res.extend(m, p.end)
            return True
    return False


def _speaker_state(p: Phrase) -> str | None:
    """The country named as the subject of the clause above the phrase ("Russia said its
    forces ...": Russia), which the pronoun reading of mentions leaves out as a place name."""
    for verb in list(p.tok.ancestors)[:3]:
        for c in verb.children:
            if c.dep_ != "nsubj" or c.i == p.tok.i:
                continue
            # "Russia said", or "Russia's defence ministry said": the country speaks
            for t in (c, *[g for g in c.children if g.dep_ == "poss"]):
                m = p.res.by_token.get(t.i)
                if m is not None and m.country_name:
                    return m.key
    return None


def _pronoun_forces(p: Phrase) -> bool:
    """ "Russia said its forces had taken P": the forces of the state (or the group itself)
    the possessive pronoun refers to."""
    res = p.res
    poss = [t for t in p.tok.children if t.dep_ == "poss" and t.lower_ in ("its", "their")]
    if not poss:
        return False
    owner = coref.pronoun(res, poss[0]) or _speaker_state(p)
    if owner is None:
        return False
    st = res.entry(owner, "actor")
    if (
        st is not None
        and st.cls not in ("State", "Person")
        and res.actor_class(owner) == "Government"
    ):
        country = res.country_of_actor(owner)  # "Russia's defence ministry said its forces"
        st = res.entry(country, "actor") if country else None
    if st is not None and st.cls == "State":
        actor, cls = res.forces(st)
    elif res.actor_class(owner) in ("State", "Government", "Person"):
        return False
    else:
        actor, cls = owner, res.actor_class(owner)
    res.add_actor_mention(poss[0].i + 1, p.end, actor, cls, res.doc[poss[0].i + 1 : p.end].text)
    return True


@head_rule("possessor-forces")
def _possessor_forces(p: Phrase) -> bool:
    """ "Hezbollah's fighters" (the group), "Dagalo's forces" (what the person leads, by a
    title in the article: "RSF commander Dagalo"), "Kyiv's forces" (the state whose city
    stands for it)."""
    res = p.res
    if p.low not in res.rules["forces_heads"] and p.low not in mention_words("fighter_nouns"):
        return False
    poss = [t for t in p.tok.children if t.dep_ == "poss" and t.i in res.by_token]
    if not poss:
        return _pronoun_forces(p)
    m = res.by_token[poss[0].i]
    actor: str | None = None
    cls = "ArmedGroup"
    if m.kind == "place" and not m.country_name and res.place_class(m.key) == "Settlement":
        country = res.country_of_place(m.key)
        st = res.entry(country, "actor") if country else None
        if st is not None:
            actor, cls = st.name, "State"  # the capital stands for the state
    elif m.kind == "actor" and res.actor_class(m.key) == "Person":
        actor = coref.led_by(res, m.key) or _named_forces(p, m.key)
    elif m.kind == "actor" and res.actor_class(m.key) not in ("State", "Government"):
        actor = m.key
    if actor is None:
        return False
    res.remove(m)
    text = res.doc[p.start : p.end].text
    res.add_actor_mention(m.start, p.end, actor, cls, text)
    return True


def _named_forces(p: Phrase, person: str) -> str | None:
    """The actor the gazetteer names "P's forces" ("Haftar's forces": the LNA), by the
    person's full or last name."""
    for name in dict.fromkeys((person, person.split()[-1])):
        for e in p.res.gaz.lookup(f"{name}'s {p.low}"):
            if e.kind == "actor" and e.cls != "Person":
                return e.name
    return None


@head_rule("loyal-to")
def _loyal_to(p: Phrase) -> bool:
    """ "forces loyal to Damascus": the forces of the country of whom they are loyal to; to a
    person, those of what the person leads ("troops loyal to President Kiir"), else the
    person's own ("forces loyal to former president Saleh": :mod:`kg.extract.loyalists`)."""
    res = p.res
    if p.low not in loyal_heads():
        return False
    forces_word = p.low in res.rules["forces_heads"]  # "troops", not "fighters", "gunmen"
    nxt = [res.doc[p.end]] if p.end < len(res.doc) else []  # misparsed onto a conjunct
    for c in dict.fromkeys([*p.tok.children, *nxt]):
        if c.lower_ not in mention_words("loyalty") or c.i < p.tok.i:
            continue
        for prep in c.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for o in _loyal_objects(prep):
                om = res.by_token.get(o.i)
                if om is None:
                    continue
                own = om.kind == "actor" and is_person(res, om.key)
                if not own and not forces_word:
                    return False  # "tribal fighters loyal to the government": its allies
                loyal = loyal_forces(res, om.key, res.doc[om.start], forces_word) if own else None
                if loyal is not None:
                    name, cls = loyal
                    last = max(_phrase_end(prep), om.end - 1)
                    text = res.doc[p.start : last + 1].text
                    res.add_actor_mention(p.start, p.end, name, cls, text)
                    return True
                # an actor's country; a place's: "loyal to Damascus" is to the government
                country = (
                    res.country_of_actor(om.key)
                    if om.kind == "actor"
                    else res.country_of_place(om.key)
                )
                st = res.entry(country, "actor") if country else None
                if st is not None:
                    name, cls = res.forces(st)
                    last = _phrase_end(prep)
                    res.add_actor_mention(
                        p.start, p.end, name, cls, res.doc[p.start : last + 1].text
                    )
                    return True
    return False


def _loyal_objects(prep: Token) -> list[Token]:
    """The tokens of whom forces are loyal to: the phrase of "to", or, when the parser hung
    the name elsewhere ("loyal to former army general P attacked ...": P made the verb's
    subject), the words right after "to" up to the verb."""
    if any(c.dep_ == "pobj" for c in prep.children):
        return list(prep.subtree)
    out: list[Token] = []
    for t in prep.doc[prep.i + 1 : prep.i + 8]:
        if t.pos_ in ("VERB", "AUX", "PUNCT") or t.is_sent_start:
            break
        out.append(t)
    return out


def _phrase_end(tok: Token) -> int:
    """The last token of the phrase ``tok`` heads, without conjoined phrases after it."""
    last = tok.i
    for c in tok.children:
        if c.i > tok.i and c.dep_ not in ("conj", "cc", "punct"):
            last = max(last, _phrase_end(c))
    return last


@head_rule("backed-by-descriptor")
def _backed_by_descriptor(p: Phrase) -> bool:
    """ "Kurdish-led forces, backed by the United States": a descriptor, the sponsor after
    the noun."""
    if p.sponsor is not None:
        return False
    res = p.res
    backed_by = None
    for c in p.tok.children:
        if c.lower_ in participles() and c.dep_ in ("acl", "amod", "relcl"):
            for a in c.children:
                if a.dep_ != "agent":
                    continue
                for g in a.children:
                    gm = res.by_token.get(g.i)
                    if gm is not None and backed_by is None:
                        backed_by = res.as_actor_key(gm) or (gm.key if gm.kind == "actor" else None)
    if backed_by is None:
        return False
    described = _descriptor(backed_by, p.tok, p.words | _words_right(p.tok))
    if described is None:
        return False
    e = res.entry(described, "actor")
    return p.add(described, e.cls if e else "ArmedGroup", replace=True)


@head_rule("place-noun")
def _place_noun(p: Phrase) -> bool:
    """ "the city", "the province": resolved later, when it is an argument (see place_at)."""
    return p.low in place_heads()


@head_rule("state-opposition")
def _state_opposition(p: Phrase) -> bool:
    """ "Syrian rebels", "the Syrian opposition", "Libyan rebels": the opposition of the
    country the demonym names (also when the head is the opposition word: "rebels"), never
    that of the country in context. Not "pro-Russian rebels" (those a state sides with:
    pro-descriptor) nor "anti-government rebels"."""
    opposition = set(p.res.rules["opposition"])
    if p.state is None or not (p.words & opposition or p.low in opposition):
        return False
    doc = p.res.doc
    if any(t.lower_ in ("pro", "anti") and doc[t.i + 1].text == "-" for t in p.mods):
        return False
    name = f"{p.res.adjective(p.state)} opposition"
    return p.add(name, "ArmedGroup", sponsor=p.sponsor, replace=True)


@head_rule("state-forces")
def _state_forces(p: Phrase) -> bool:
    """ "Syria's army", "Iraqi forces": the state's armed forces."""
    if p.state is None or p.low not in p.res.rules["forces_heads"]:
        return False
    name, cls = p.res.forces(p.state)
    return p.add(name, cls, replace=True)


@head_rule("state-government")
def _state_government(p: Phrase) -> bool:
    """ "the Syrian government", "Iran's regime": the state's government."""
    if p.state is None or p.low not in mention_words("government_nouns"):
        return False
    return p.add(p.res.government(p.state.name), "Government", replace=True)


@head_rule("state-officials")
def _state_officials(p: Phrase) -> bool:
    """ "Ukrainian officials", "the US authorities": the state speaks through them."""
    if p.state is None or p.low not in mention_words("official_nouns"):
        return False
    if not p.add(p.state.name, "State", replace=True):
        return False
    res = p.res
    for mod in p.tok.children:  # "Armenian and Azerbaijani officials": each state speaks
        for other in (c for c in mod.children if c.dep_ == "conj" and c.i < p.tok.i):
            st = res.gaz.by_demonym(other.text)
            if st is not None and st.name != p.state.name and res.entry(st.name, "actor"):
                text = res.doc[p.start : p.end].text
                res.add_actor_mention(p.start, p.end, st.name, "State", text, group=True)
    return True


@head_rule("known-as")
def _known_as(p: Phrase) -> bool:
    """ "Iran-aligned Zaidi fighters known as Houthis": the actor named after "known as"."""
    res, doc = p.res, p.res.doc
    after = p.end + (p.end < len(doc) and doc[p.end].text == ",")  # "the rebels, known as"
    for phrase in res.rules["mentions"]["naming_phrases"]:
        words = phrase.split()
        end = after + len(words)
        if end >= len(doc) or [t.lower_ for t in doc[after:end]] != words:
            continue
        end += end + 1 < len(doc) and doc[end].lower_ == "the"
        m = res.by_token.get(end)
        if m is not None and m.kind == "actor" and m.start == end:
            start = _after_names(p)
            text = doc[start : p.end].text
            res.add(Mention(start, p.end, "actor", m.key, text, m.source))
            return True
    return False


def _after_names(p: Phrase) -> int:
    """Where a description begins after the names among its modifiers, which keep their own
    mentions ("the al-Qaeda-linked militant group known as X": "militant group" is X)."""
    doc, start = p.res.doc, p.name_start()
    taken = [i for i in range(start, p.tok.i) if i in p.res.by_token]
    if not taken:
        return start
    start = max(taken) + 1
    while start < p.tok.i and (doc[start].is_punct or doc[start - 1].text == "-"):
        start += 1  # "-linked" glued to the name
    return start


@head_rule("state-police")
def _state_police(p: Phrase) -> bool:
    """ "Malian gendarmes", "police officers": the police of the state, or of the country the
    sentence is about; for gendarmes, its gendarmerie when the gazetteer knows one."""
    police = mention_words("police_nouns")
    officers = mention_words("police_officer_nouns")
    if p.low not in police and not (p.low in officers and p.words & police):
        return False
    st = p.state
    if st is None:
        country = coref.context_country(p.res, p.tok)
        st = p.res.entry(country, "actor") if country else None
    if st is not None:
        adjective = p.res.adjective(st)
        name = f"{adjective} police"
        forms = [name]
        if {p.low, *p.words} & mention_words("gendarme_nouns"):
            forms.insert(0, f"{adjective} gendarmerie")  # "gendarme cadets": the gendarmerie
        known = [e for f in forms for e in p.res.gaz.lookup(f) if e.kind == "actor"]
        if known:  # "Burmese police": the Myanmar Police Force the gazetteer knows
            name = known[0].name
        elif p.res.entry(name, "actor") is None:
            p.res.needs_fact.add(name)
        p.add(name, "ArmedForces", via_context=p.state is None)
    return True


@head_rule("named-by-class")
def _named_by_class(p: Phrase) -> bool:
    """ "the Shiite militia Saraya Awliya al-Dam", "the rebel group M23": the name after the
    class noun is the actor; the noun only says what it is."""
    res, doc = p.res, p.res.doc
    i = p.end
    if i >= len(doc) or p.low not in mention_words("class_nouns"):
        return False
    nxt = res.by_token.get(i)
    if nxt is not None:
        return nxt.kind == "actor"  # a known name follows: the noun is its class
    particles = mention_words("name_particles")
    end = i
    while (
        end < len(doc)
        and end not in res.by_token
        and doc[end].ent_type_ not in _NOT_NAMES
        and (
            (doc[end].pos_ == "PROPN" and (doc[end].is_title or doc[end].is_upper))
            or (end > i and (doc[end].lower_ in particles or doc[end].text == "-"))
        )
    ):
        end += 1
    while end > i and (doc[end - 1].lower_ in particles or doc[end - 1].text == "-"):
        end -= 1
    if end == i:
        return False
    text = doc[i:end].text
    found = [e for e in res.gaz.lookup(text) if e.kind == "actor"]
    key = found[0].name if found else text
    cls = res.rules["actor_heads"].get(p.low, "ArmedGroup")
    if res.add(Mention(i, end, "actor", key, text, "ner")) is not None:
        res.ensure_actor(key, cls, "ner")
    return True


@head_rule("pro-descriptor")
def _pro_descriptor(p: Phrase) -> bool:
    """ "pro-Iranian militias" (as "Iran-backed militias"), "pro-government militias"."""
    res = p.res
    if p.low in res.rules["forces_heads"] or p.low not in mention_words("described_nouns"):
        return False
    if _names_after_of(p):
        return True  # "the pro-Iranian militias of Kataib Hezbollah": they are named
    x = pro_modifier(p)
    if x is None:
        return False
    st = pro_state(p, x)
    noun = _plural_noun(p.low)
    if st is not None:
        return _sponsored_plural(p, st, noun)
    return p.add(f"pro-{x.lower_} {noun}", "Militia")


@head_rule("allied-descriptor")
def _allied_descriptor(p: Phrase) -> bool:
    """ "the junta and its allied militias", "HTS and allied factions": an actor named by
    whom it sides with ("pro-junta militias"); the ``aligned`` relation rule ties them."""
    res = p.res
    if p.low not in mention_words("allied_nouns") or _names_after_of(p):
        return False
    if not any(t.lower_ in mention_words("loyalty") and t.dep_ == "amod" for t in p.mods):
        return False
    partner = conjunct_before(p.tok, p.start)  # "Syrian troops, backed by Y, and allied militias"
    if partner is None or partner.i not in res.by_token:
        partner = p.tok.head if p.tok.dep_ == "conj" else None
    if partner is not None and partner.pos_ in ("NOUN", "PROPN"):
        m = res.by_token.get(partner.i)
        st = res.as_actor_key(m) if m is not None else None
        if st is not None:  # "Iran and its allied militias": as "pro-Iranian militias"
            return p.add(f"{st}-backed {_plural_noun(p.low)}", "Militia", sponsor=st)
        word = m.text if m is not None and partner.pos_ == "PROPN" else partner.lower_
        if word in res.rules["forces_heads"]:
            word = "army"  # "government troops and allied militias": as "the army and ..."
        return p.add(f"pro-{word} {_plural_noun(p.low)}", "Militia")
    return False  # "its allied militias" alone: whose "its" is, the clause does not say


@head_rule("anti-descriptor")
def _anti_descriptor(p: Phrase) -> bool:
    """ "anti-government forces", "anti-Damascus groups", "anti-Assad rebels": the opposition
    of the state they are against (the country in context for "government", "regime")."""
    res, doc = p.res, p.res.doc
    if p.low not in mention_words("described_nouns") | set(res.rules["forces_heads"]):
        return False
    for t in p.mods:
        if t.lower_ != "anti" or t.i + 2 > p.tok.i or doc[t.i + 1].text != "-":
            continue
        if _members_phrase(p.tok):
            return True  # "an alliance of anti-junta groups": its members, no actor of their own
        x = doc[t.i + 2]
        state = None
        if x.lower_ in mention_words("bare_government_nouns"):
            country = coref.context_country(res, p.tok)
            state = res.entry(country, "actor") if country else None
        else:
            m = res.by_token.get(x.i)
            key = m.key if m is not None else None
            e = res.entry(key, "actor") if key else None
            if e is not None and e.cls == "Person":  # "anti-Assad": against his state
                country = e.country or coref.context_country(res, p.tok)
                e = res.entry(country, "actor") if country else None
            if e is None or e.cls != "State":
                e = (res.gaz.state_of_capital(key) if key else None) or res.gaz.by_demonym(x.text)
            state = e
        if state is None:
            return False
        # the head alone is the mention: the name inside ("Assad", "Damascus") stays its own
        text = doc[p.start : p.end].text
        res.add_actor_mention(
            p.tok.i, p.end, f"{res.adjective(state)} opposition", "ArmedGroup", text
        )
        return True
    return False


def _members_phrase(tok: Token) -> bool:
    """Whether ``tok`` heads the "of" phrase of a collective noun ("an alliance of Syrian
    fighters", "a loose collection of anti-regime militias"): the members of an actor."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    owner = tok.head.head.lower_
    return owner in noun_heads() or owner in mention_words("collective_nouns")


def _names_after_of(p: Phrase) -> bool:
    """Whether an "of" after the head names actors ("the militias of Kataib Hezbollah")."""
    for c in p.tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                m = p.res.by_token.get(g.i)
                if g.dep_ == "pobj" and m is not None and m.kind == "actor":
                    return True
    return False


def _plural_noun(low: str) -> str:
    """The noun a described actor is named with: "militia groups" are "militias"."""
    canon: dict[str, str] = load_rules()["mentions"]["described_noun_names"]
    return canon.get(low, low if low.endswith("s") else low + "s")


@head_rule("group-militias")
def _group_militias(p: Phrase) -> bool:
    """ "Shiite militias", "Kurd and Arab militia allies": one actor per group adjective."""
    gaz = p.res.gaz
    groups = [t for t in p.mod_words if gaz.group_adjective(t.text)]
    militia_words = mention_words("militia_nouns")
    if not groups or not (p.low in militia_words or p.words & militia_words):
        return False
    if len(groups) == 1 and (named := p.apposed_name()) is not None:
        return p.add(named, "Militia")  # "X, a Shiite militia backed by Iran": X
    words_in_order = []
    for t in p.mod_words:
        g = gaz.group_adjective(t.text)
        if g or (t.dep_ == "amod" and t.pos_ == "ADJ" and t.lower_ not in militia_words):
            words_in_order.append((t, g))
    for t0 in groups:
        name_parts = [
            str(g) if t is t0 else t.text if t.is_title else t.lower_
            for t, g in words_in_order
            if not g or t is t0
        ]
        name = " ".join([*name_parts, "militias"])
        p.add(name, "Militia", group=True)
    return True


@head_rule("sponsored-descriptor")
def _sponsored_descriptor(p: Phrase) -> bool:
    """ "US-backed, predominantly Kurdish units" (descriptors.yaml), else "Iran-backed
    militias" as an actor of its own."""
    generic = _generic_ally(p)
    if generic is not None:  # "government-allied militias": as "pro-government militias"
        res = p.res
        inner = {m.key for i in range(p.start, p.end) if (m := res.by_token.get(i))}
        p.add(f"pro-{generic} {_plural_noun(p.low)}", "Militia", replace=True)
        for key in inner - {m.key for m in res.mentions}:  # "Government" read alone before
            res.reg.entities.pop(res.reg.ref("actor", key), None)
        return True
    sponsor = p.sponsor
    ally = _ally_word(p)
    state = pro_state(p, ally) if ally is not None and sponsor is None else None
    if state is not None and ally is not None:  # "Iran-aligned militias": not backed by Iran
        start = ally.i + 3  # after "-aligned": the name keeps its own mention
        text = p.res.doc[start : p.end].text
        name = f"{state}-aligned {_plural_noun(p.low)}"
        p.res.add_actor_mention(start, p.end, name, "Militia", text)
        p.res.reg.forms.setdefault(name, set()).add(p.res.doc[p.start : p.end].text)
        return True
    if sponsor is None:
        return False
    described = _descriptor(sponsor, p.tok, p.words | _words_right(p.tok))
    if described is not None:
        e = p.res.entry(described, "actor")
        cls = e.cls if e else "ArmedGroup"
        return p.add(described, cls, sponsor=sponsor, replace=True)
    if p.sponsor_word == "led" and is_person(p.res, sponsor):
        return _person_led(p, sponsor)
    if p.low in mention_words("sponsored_plurals"):
        if p.sponsor_word == "led":  # "HTS-led rebels": led, not backed, by HTS
            return p.add(f"{sponsor}-led {_plural_noun(p.low)}", "Coalition")
        return _sponsored_plural(p, sponsor, _plural_noun(p.low))
    if p.low in mention_words("sponsored_forces"):
        if p.sponsor_word == "led":  # "Saudi-led forces": the coalition, if the gazetteer has it
            led = _led_coalition(p, sponsor)
            return led is not None and p.add(led.name, led.cls)
        return p.add(f"{sponsor}-backed forces", "ArmedGroup", sponsor=sponsor)
    return False


def _sponsored_plural(p: Phrase, sponsor: str, noun: str) -> bool:
    """ "Iran-backed militias" as an actor of its own; "Russian-backed rebels" the separatists
    of that sponsor when the article names them (:func:`sponsored_as_separatists`)."""
    same = sponsored_as_separatists(p, sponsor)
    if same is not None:
        return p.add(same, "ArmedGroup", sponsor=sponsor)
    return p.add(f"{sponsor}-backed {noun}", "Militia", sponsor=sponsor)


def _person_led(p: Phrase, person: str) -> bool:
    """ "the Machar-led rebels", "Haftar-led forces": the forces the person leads (the
    gazetteer's "forces loyal to P", or what a title of P's in the article heads), else an
    armed group named so; never a coalition the person is a member of."""
    if p.low not in mention_words("sponsored_plurals") | mention_words("sponsored_forces"):
        return False  # "the Netanyahu-led government": no forces
    forces = forces_of_person(p.res, person)
    if forces is not None and not forces[0].startswith("forces loyal to"):
        return p.add(forces[0], forces[1], replace=True)
    return p.add(f"{person}-led {_plural_noun(p.low)}", "ArmedGroup", replace=True)


def _generic_ally(p: Phrase) -> str | None:
    """The word before "-allied" / "-aligned" when it names no one but a state's government or
    army ("government-allied militias", "army-aligned militias"), for the militia nouns."""
    res = p.res
    x = _ally_word(p)
    generic = mention_words("government_nouns") | set(res.rules["forces_heads"])
    return x.lower_ if x is not None and x.lower_ in generic else None


def _ally_word(p: Phrase) -> Token | None:
    """The word before "-allied" / "-aligned" among a militia noun's modifiers."""
    doc = p.res.doc
    if p.low not in mention_words("allied_nouns"):
        return None
    for t in p.mods:
        if t.lower_ in mention_words("loyalty") and t.i >= 2 and doc[t.i - 1].text == "-":
            return doc[t.i - 2]
    return None


def _led_coalition(p: Phrase, state: str) -> GazEntry | None:
    """The coalition the gazetteer knows as led by ``state`` ("Saudi-led coalition")."""
    st = p.res.entry(state, "actor")
    names = [state, *(st.acronyms if st else ()), *(st.demonyms if st else ()), state.split()[0]]
    for name in names:
        led = [e for e in p.res.gaz.lookup(f"{name}-led coalition") if e.kind == "actor"]
        if led:
            return led[0]
    return None


@head_rule("described-fighters")
def _described_fighters(p: Phrase) -> bool:
    """ "Palestinian fighters", "tribal fighters", "Russian mercenaries", "irregular
    fighters": an actor named by its description; "Baloch militants", "Fulani insurgents",
    "Anglophone separatists" (a people's adjective of the gazetteer's groups before a noun of
    ``group_fighter_nouns``; not "Islamist militants", "Syrian rebels")."""
    res, tok = p.res, p.tok
    grouped = p.low in mention_words("group_fighter_nouns")
    if p.low not in mention_words("fighter_nouns") and not grouped:
        return False
    if _members_phrase(tok):
        return False  # "an alliance of Syrian fighters": its members, not an actor
    if grouped and rebels_of_group(p) is not None:
        return False  # "Shia rebels" after "Shiite Houthi rebels": them (the-opposition)
    start = p.name_start()
    words = [t for t in p.mod_words if t.i >= start]
    descriptive = mention_words("descriptive_adjectives")
    faiths = set(res.rules["mentions"]["faith_groups"])

    def kind(t: Token) -> bool:
        if grouped:  # "Baloch militants", "Fulani insurgents": a people's only, no faith
            group = res.gaz.group_adjective(t.text)
            return group is not None and t.is_title and group not in faiths
        return (
            res.gaz.by_demonym(t.text) is not None
            or res.gaz.group_adjective(t.text) is not None
            or t.lower_ in descriptive
        )

    if not words or not all(kind(t) or t.dep_ == "advmod" for t in words):
        return False
    proper = [
        t.text if t.is_title and (t.pos_ == "PROPN" or t.lower_ not in descriptive) else t.lower_
        for t in words
        if t.dep_ != "advmod"
    ]
    name = " ".join([*proper, p.low])
    return p.add(name, "ArmedGroup")
