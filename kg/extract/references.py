"""Generic references to an actor: "government forces", "the government", "the rebels",
"the jihadists", "the militia".

Rules of the head-noun table (:mod:`kg.extract.phrase`) that name no actor of their own but
one the context gives: the forces or government of the country the sentence is about, the
group the article has called rebels, the salient armed group (:mod:`kg.extract.coref`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.phrase import Phrase, head_rule
from kg.extract.registry import Mention, MentionRegistry
from kg.extract.vocab import mention_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__: list[str] = []


@head_rule("government-forces")
def _government_forces(p: Phrase) -> bool:
    """ "government forces", "the army": the forces of the country the sentence is about."""
    res, tok = p.res, p.tok
    start = p.name_start()
    phrase = " ".join(t.lower_ for t in res.doc[max(start - 1, 0) : tok.i + 1])
    # "15 soldiers were killed", "soldiers fired on the crowd"; not "soldiers from Chad", not
    # "the soldiers" (a determiner: those just named)
    counted = (
        p.low in mention_words("counted_soldiers")
        and all(t.like_num for t in p.mod_words)
        and not any(t.dep_ == "det" for t in p.mods)
        and not any(c.dep_ == "prep" and c.lower_ in ("from", "of") for c in tok.children)
    )
    for gf in [*res.rules["government_forces"], *([p.low] if counted else [])]:
        if phrase.endswith(gf) and (gf.split()[0] != "the" or not p.mod_words):
            country = coref.context_country(res, tok)
            st = res.entry(country, "actor") if country is not None else None
            if counted and st is not None and res.gaz.forces_of(st.name) is None:
                return True  # no forces the gazetteer knows: none made up for bare soldiers
            if st is not None:
                name, cls = res.forces(st)
                p.add(name, cls, via_context=True)
            return True
    if (
        p.low in mention_words("reported_troops")
        and not p.mod_words
        and not p.mods
        # "troops from Chad", "troops loyal to P", "troops who mutinied": not the speaker's
        and not any(c.dep_ in ("prep", "relcl", "acl", "amod") for c in tok.children)
    ):
        speaker = _reporting_forces(res, tok)
        if speaker is not None:
            return p.add(speaker, res.actor_class(speaker), via_context=True)
    return False


def _reporting_forces(res: MentionRegistry, tok: Token) -> str | None:
    """The armed forces that report what bare troops did: "The army said troops had retaken
    P", "the military says soldiers killed 30 militants" (the subject of a verb of saying,
    ``coref: speech_verbs``, whose clause the troops are the subject of), else None."""
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.pos_ != "VERB":
        return None  # ("said troops loyal to P had ...": the parser's clause is "loyal")
    say = verb.head
    if say.lemma_.lower() not in res.rules["coref"]["speech_verbs"]:
        return None
    for c in say.children:
        m = res.by_token.get(c.i)
        if c.dep_ == "nsubj" and m is not None and m.kind == "actor":
            return m.key if res.actor_class(m.key) == "ArmedForces" else None
    return None


@head_rule("named-by-kind")
def _named_by_kind(p: Phrase) -> bool:
    """ "self-defence militias", "local vigilante groups", "resistance forces" (a kind of
    armed actor: ``mentions: kind_words`` before one of ``kind_heads``); "armed bandits",
    "the gangs" (``mentions: kind_nouns``, with no word before them but generic ones): an
    actor named by its kind, the same actor wherever the article names that kind; qualified
    by the article's country as "Syrian opposition" is ("Haitian gangs"), so that one
    country's gangs are not another's. A demonym or country among the words ("Ukrainian
    resistance forces") is for the descriptor rules."""
    res = p.res
    if p.low in mention_words("kind_nouns"):
        allowed = mention_words("generic_adjectives") | mention_words("kind_adjectives")
        if any(t.lower_ not in allowed for t in p.mod_words):
            return False
        return p.add(_of_country(res, p.low), "ArmedGroup")
    if p.low not in mention_words("kind_heads") or p.state is not None:
        return False
    before = res.doc[p.start : p.tok.i].text.lower().replace(" - ", "-").replace(" -", "-")
    for kind in sorted(mention_words("kind_words"), key=len, reverse=True):
        if before == kind or before.endswith(f" {kind}"):
            noun = p.low if p.low.endswith("s") else f"{p.low}s"
            return p.add(_of_country(res, f"{kind} {noun}"), "Militia")
    return False


def _of_country(res: MentionRegistry, kind: str) -> str:
    """An actor named by its kind, qualified by the article's country ("Haitian gangs");
    the kind alone when the article names no country."""
    country = coref.main_country(res)
    st = res.entry(country, "actor") if country is not None else None
    return f"{res.adjective(st)} {kind}" if st is not None else kind


@head_rule("peacekeepers")
def _peacekeepers(p: Phrase) -> bool:
    """ "UN peacekeepers", "the peacekeepers", "Blue Helmets", "UN peacekeeping forces": the
    peacekeeping mission the article names, else the gazetteer's one mission in the country
    in context; the "UN" of the phrase is that mission's, no actor of its own. Not "Rwandan
    peacekeepers" (a state's contingent: no mention)."""
    res = p.res
    if p.low not in mention_words("peacekeeper_nouns") and not parent_keeping(p):
        return False
    if p.low == "helmets" and "blue" not in p.words:
        return False
    inner = list({id(m): m for t in p.mods if (m := res.by_token.get(t.i))}.values())
    parents = set(res.rules["mentions"]["mission_parents"])
    if any(m.key not in parents and not _is_mission(res, m.key) for m in inner):
        return True  # "Rwandan peacekeepers", "Russian peacekeepers"
    if any(res.gaz.by_demonym(t.text) is not None for t in p.mod_words):
        return True
    mission = next((m.key for m in inner if _is_mission(res, m.key)), None)
    mission = mission or _article_mission(res, p)
    if mission is None:
        return True
    for m in inner:
        if m.key in parents:  # "United Nations peacekeepers": the mission's, not the UN's
            res.remove(m)
            if not any(o.key == m.key for o in res.mentions):
                res.reg.entities.pop(res.reg.ref(m.kind, m.key), None)
    text = res.doc[p.start : p.end].text
    res.add(Mention(p.start, p.end, "actor", mission, text, "coref"))
    return True


def parent_keeping(p: Phrase) -> bool:
    """ "UN peacekeeping forces", "African Union peacekeeping troops": forces of a mission
    parent (``mentions: mission_parents``) qualified by a word of ``peacekeeping_words``. Not
    "Russian peacekeeping forces" (a state's own)."""
    res = p.res
    if p.low not in res.rules["actor_heads"] or not mention_words("peacekeeping_words") & p.words:
        return False
    parents = set(res.rules["mentions"]["mission_parents"])
    return any((m := res.by_token.get(t.i)) is not None and m.key in parents for t in p.mods)


def _is_mission(res: MentionRegistry, key: str) -> bool:
    """Whether the gazetteer knows ``key`` as a peacekeeping mission ("... Mission in ..."),
    not a political, assistance, training or monitoring one (``mentions: unarmed_missions``)."""
    e = res.entry(key, "actor")
    words = set(res.rules["mentions"]["mission_words"])
    unarmed = res.rules["mentions"]["unarmed_missions"]
    return (
        e is not None
        and e.cls == "InternationalOrganization"
        and bool(words & set(e.name.split()))
        and not any(u in e.name for u in unarmed)
    )


def _article_mission(res: MentionRegistry, p: Phrase) -> str | None:
    """The peace mission the article names (its first), else the gazetteer's only mission
    of the country in context."""
    for m in sorted(res.mentions, key=lambda m: m.start):
        if m.kind == "actor" and _is_mission(res, m.key):
            return m.key
    country = coref.context_country(res, p.tok)
    found = [e.name for e in res.gaz.entries if e.country == country and _is_mission(res, e.name)]
    return found[0] if country is not None and len(found) == 1 else None


@head_rule("the-government")
def _the_government(p: Phrase) -> bool:
    """ "the government", "the regime": the government of the country in context; "junta
    troops", "the military junta's forces": a junta is its own armed force."""
    res, tok = p.res, p.tok
    start = p.name_start()
    phrase = " ".join(t.lower_ for t in res.doc[max(start - 1, 0) : tok.i + 1])
    bare = p.low in mention_words("bare_government_nouns") and not p.mod_words
    junta = mention_words("military_government_nouns")
    junta_forces = p.low in res.rules["forces_heads"] and p.words & junta
    if junta_forces and p.words - junta - {"military"}:
        return False
    if not bare and not junta_forces and not phrase.endswith("the government"):
        return False
    country = coref.context_country(res, tok)
    if country is not None and res.entry(country, "actor") is not None:
        p.add(res.government(country), "Government", via_context=True)
    return True


@head_rule("the-opposition")
def _the_opposition(p: Phrase) -> bool:
    """ "the rebels", "rebel forces": the armed group the article has called rebels
    ("Houthi rebels"), else the opposition of the country in context ("opposition forces")."""
    opposition = set(p.res.rules["opposition"])
    if p.low not in mention_words("opposition_nouns") and not p.words & opposition:
        return False
    rebels = None
    plain = (p.low in mention_words("rebel_nouns") or p.words & mention_words("rebel_nouns")) and (
        not p.words - mention_words("rebel_nouns") - mention_words("generic_adjectives")
    )
    if plain:
        rebels = coref.salient_rebels(p.res, p.tok.i, ahead=True)
    elif p.low in mention_words("rebel_nouns"):
        rebels = rebels_of_group(p)
    if rebels is not None:
        _add_rebels(p, rebels)
        return True
    _country_opposition(p)
    if plain:
        p.res.deferred.append(p)  # the story may name them later
    return True


def rebels_of_group(p: Phrase) -> str | None:
    """ "Shia rebels" after "Iran-backed Shi'ite Houthi rebels": the rebels the article named
    before with the same group adjective among the words before their name."""
    res = p.res
    groups = {res.gaz.group_adjective(t.text) for t in p.mod_words}
    other = p.words - mention_words("rebel_nouns") - mention_words("generic_adjectives")
    if None in groups or not groups or len(groups) != len(other):
        return None  # a word that is no group adjective: "Syrian rebels", "Kurdish tribal"
    rebels = coref.salient_rebels(res, p.tok.i)
    if rebels is None:
        return None
    for m in res.mentions:
        if m.key == rebels and m.start < p.tok.i:
            before = res.doc[max(m.start - 3, res.sent_start[m.start]) : m.end]
            if groups & {res.gaz.group_adjective(t.text) for t in before}:
                return rebels
    return None


def _add_rebels(p: Phrase, rebels: str) -> None:
    start = p.name_start()
    text = p.res.doc[start : p.end].text
    p.res.add(Mention(start, p.end, "actor", rebels, text, "coref"))


def _country_opposition(p: Phrase) -> None:
    country = coref.context_country(p.res, p.tok)
    st = p.res.entry(country, "actor") if country else None
    if st is not None:
        p.add(f"{p.res.adjective(st)} opposition", "ArmedGroup")


def resolve_deferred_rebels(res: MentionRegistry) -> None:
    """ "Rebels" read before any group was called so ("Rebels seized P. The rebels, known as
    the TPLF, ..."): the group the whole article calls rebels, if it names one; the
    opposition of the country in context stays otherwise.

    Examples
    --------
    >>> from kg.extract.pipeline import Extractor
    >>> from kg.extract.mentions import Resolver
    >>> ex = Extractor()
    >>> doc = ex.nlp("Rebels took the town. The rebels, called the Tigray People's "
    ...              "Liberation Front, held it.")
    >>> sorted({m.key for m in Resolver(doc, ex.gaz).mentions if m.kind == "actor"})
    ["Tigray People's Liberation Front"]
    """
    deferred: list[Phrase] = res.deferred
    res.deferred = []
    for p in deferred:
        m = res.by_token.get(p.tok.i)
        if m is None:  # no country in context either
            rebels = coref.salient_rebels(res, p.name_start(), ahead=True)
            if rebels is not None:
                _add_rebels(p, rebels)
            continue
        rebels = coref.salient_rebels(res, m.start, ahead=True)
        if m.kind != "actor" or rebels is None or rebels == m.key:
            continue
        res.replace(m, Mention(m.start, m.end, "actor", rebels, m.text, "coref"))
        if not any(o.key == m.key for o in res.mentions):
            res.reg.entities.pop(m.key, None)
            res.reg.forms.pop(m.key, None)


@head_rule("salient-armed-group")
def _salient_armed_group(p: Phrase) -> bool:
    """ "the jihadists", "the militant group", "the paramilitary group", "the militia": the
    salient armed group (of the classes ``mentions: generic_actor_nouns`` gives)."""
    res, tok = p.res, p.tok
    armed = res.rules["coref"]["armed_group"]
    generic_nouns: dict[str, list[str]] = res.rules["mentions"]["generic_actor_nouns"]
    adjectives = mention_words("generic_adjectives")
    words = [t for t in p.mod_words if t.dep_ != "poss"]
    generic = " ".join(t.lower_ for t in words) + " " + p.low
    plain = all(t.lower_ in adjectives for t in words)
    if p.low not in armed and generic.strip() not in armed and p.low not in generic_nouns:
        return False
    if any(t.dep_ == "poss" for t in p.mods) or (not plain and generic.strip() not in armed):
        return True
    det = [t for t in p.mods if t.dep_ == "det"]
    if not det and p.low not in mention_words("terrorist_nouns"):
        return True
    if p.low in generic_nouns:
        salient = _salient_of(res, tok.i, generic_nouns[p.low])
    else:
        # "the jihadists" name a terrorist organisation before any other armed group
        salient = coref.salient_actor(res, tok.i, ("TerroristOrganization",))
        if salient is None or p.low in mention_words("armed_group_nouns"):
            classes = tuple(res.rules["mentions"]["armed_group_classes"])
            salient = coref.salient_actor(res, tok.i, classes) or salient
    if salient is not None:
        start = p.name_start()
        text = res.doc[start : p.end].text
        res.add(Mention(start, p.end, "actor", salient, text, "coref"))
    return True


def _salient_of(res: MentionRegistry, before: int, classes: list[str]) -> str | None:
    """The salient actor of the first of ``classes`` that has one."""
    for cls in classes:
        found = coref.salient_actor(res, before, (cls,))
        if found is not None:
            return found
    return None
