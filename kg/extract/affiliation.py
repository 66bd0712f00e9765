"""Who belongs to and who leads an actor: roles in appositions, lists of members.

Each rule reads one sentence and yields :class:`~kg.model.RelationFact` values; the role
nouns are the ``roles`` entry of ``rules.yaml``:

- **role-apposition**: "P, a spokesman for X", "a senior X official, P", "P, the leader of X",
  "X's commander, P" (a head of the actor leads it; anyone else is a member);
- **role-title**: "Taliban spokesman P", "Iran's Foreign Minister P", "the army spokesman
  Col. P" (a member's role written as a title before the name: memberOf); a bare title of
  ``context_roles`` ("spokesman P said") speaks for the last actor the sentence, or the one
  before, has as a clause's subject ("The group said that spokesman P ...": role-in-context);
  a spokesman's title with a word of its own ("army spokesman P", "police spokesman P") speaks
  for the body that word names, the country's forces or government, or none (role-body:
  :mod:`kg.extract.spokesmen`);
- **led-by**: "X, led by P" (a person leads X; an armed actor leading X fights beside it);
- **heads-verb**: "P heads X", "P, who leads X", "P commands X" (leads);
- **under-command**: "X under General P", "X under the command of P", "X, loyal to P" (leads);
- **member-list**: "X, an alliance of A, B and C", "a confederation of A and B";
- **form-together**: "A and B form X", "A, which together with B form X";
- **allegiance**: "X pledged allegiance to Y", "X leader P declared allegiance to Y" (X joins
  Y as a member; its leader speaks for it);
- **as-part-of**: "X fought in P as part of the Saudi-led coalition", "X, deployed as part of Y";
- **serving-in**: "Ugandan troops serving with AMISOM", "soldiers who serve in the UN mission"
  (the force is a member of the mission or coalition).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.coref import after_anti
from kg.extract.gates import needs
from kg.extract.loyalists import forces_of_person
from kg.extract.memberships import contingent_of
from kg.extract.mentions import Mention
from kg.extract.pacts import listed
from kg.extract.spokesmen import qualified_role, title_body
from kg.extract.sponsorship import commands_loyalists, former_title
from kg.extract.vocab import loyal_heads
from kg.model import ARMED_CLASSES, RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["RULES", "person_at"]

#: armed actors that are no state's: a "military spokesman" of the story's rebels is theirs
_NON_STATE = ("ArmedGroup", "Militia", "TerroristOrganization", "Coalition")


def person_at(ctx: ArticleContext, tok: Token) -> str | None:
    """The person a name headed by ``tok`` names; a name the statistical NER marks as a
    person and that a role attaches to becomes an actor even when no title precedes it."""
    res = ctx.res
    m = res.mention_at(tok)
    if m is not None:
        return m.key if m.kind == "actor" and ctx.actor_class(m.key) == "Person" else None
    if tok.ent_type_ != "PERSON" or tok.pos_ != "PROPN":
        return None
    ent = next((e for e in ctx.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None or len(ent) < 2 or any(t.i in res.by_token for t in ent):
        return None
    if not all(t.is_title or not t.is_alpha for t in ent):
        return None
    name = ent.text
    if res.add(Mention(ent.start, ent.end, "actor", name, name, "ner")) is None:
        return None
    res.ensure_actor(name, "Person", "ner")
    return name


def _org_of(ctx: ArticleContext, role: Token) -> list[str]:
    """The actor a role noun belongs to: "for / of / to X", "X's", "a senior X official",
    "to the Ukrainian president" (the state)."""
    out: list[str] = []
    for o in ctx.prep_objects(role, {"for", "of", "to", "in", "with", "at"}):
        found = ctx.res.actors_at(o, conj=False)
        titles = ctx.lexicon_of("head_of_state_titles")
        if not found and o.lower_ in titles:
            # "an adviser to the Ukrainian president": the state the office heads
            found = [
                a for c in o.children if c.dep_ in ("amod", "poss") for a in ctx.word_actors(c)
            ]
        elif all(ctx.actor_class(a) == "Person" for a in found):
            # "an adviser to Ukrainian President P": the state his title heads
            words = [c for c in o.children if c.dep_ in ("compound", "amod") and c.i < o.i]
            if any(w.lower_ in titles for w in words):
                words += [g for w in words for g in w.children if g.dep_ in ("amod", "compound")]
                states = [
                    a
                    for w in words
                    if w.lower_ not in titles
                    for a in ctx.word_actors(w)
                    if ctx.actor_class(a) != "Person"
                ]
                if not states:  # "to Supreme Leader P": the country the gazetteer gives P
                    for a in found:
                        country = ctx.res.country_of_actor(a)
                        st = ctx.res.entry(country, "actor") if country else None
                        if st is not None and st.cls == "State":
                            ctx.res.ensure_actor(st.name, "State", "gazetteer")
                            states.append(st.name)
                found = states
        out += found
    for c in role.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and not after_anti(c):
            out += ctx.res.actors_at(c, conj=False)
            if not out:
                st = ctx.res.gaz.by_demonym(c.text)
                if st is not None and ctx.res.entry(st.name, "actor") is not None:
                    ctx.res.ensure_actor(st.name, "State", "gazetteer")
                    out.append(st.name)
    return [a for a in dict.fromkeys(out) if ctx.actor_class(a) != "Person"]


@needs("roles")
def role_apposition(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P, a spokesman for X", "a senior X official, P", "P, the leader of X", "the head of X,
    P", "P, commanding general of X" (``leader_role_words``), "X's leader is P" (not
    negated); a leader's role held as a deputy makes P a member ("P, the RSF's deputy
    commander": ``deputy_words``)."""
    roles: dict[str, str] = ctx.rules["roles"]
    for tok in ctx.tokens(sent):
        titled = tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "flat")  # "the Interior
        kind = roles.get(tok.lower_) if tok.pos_ == "NOUN" or titled else None  # Minister of X, P"
        if kind is None or any(
            c.lower_ in ("former", "ex", "onetime", "late") for c in tok.children
        ):
            continue  # "a former official": not a present role
        persons: list[str] = []
        if tok.dep_ == "appos":
            p = person_at(ctx, tok.head)
            persons = [p] if p else []
        for c in tok.children:
            if c.dep_ == "appos":
                p = person_at(ctx, c)
                persons += [p] if p else []
        if not persons:  # "the head of X, P, said": the parser hangs P on X
            persons = [
                p
                for o in ctx.prep_objects(tok, {"of", "for"})
                for c in o.children
                if c.dep_ == "appos" and ctx.doc[c.left_edge.i - 1].text == ","
                for p in [person_at(ctx, c)]
                if p
            ]
        if not persons and tok.dep_ == "attr":
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            p = person_at(ctx, subj[0]) if subj else None
            persons = [p] if p else []
        copula = tok.head.lemma_ == "be" and not ctx.negated(tok.head)
        if not persons and tok.dep_ == "nsubj" and copula:  # "X's leader is P"
            attr = [c for c in tok.head.children if c.dep_ == "attr"]
            p = person_at(ctx, attr[0]) if attr else None
            persons = [p] if p else []
        if not persons:
            continue
        for org in _org_of(ctx, tok):
            for p in persons:
                article = next((c.lower_ for c in tok.children if c.dep_ == "det"), "")
                leading = kind == "leader" or any(  # "P, commanding general of X"
                    c.lower_ in ctx.lexicon_of("leader_role_words") for c in tok.children
                )
                deputy = any(  # "P, the RSF's deputy commander": a member, not the head
                    c.lower_ in ctx.lexicon_of("deputy_words") for c in tok.children
                )
                head = leading and not deputy and article not in ("a", "an", "another")
                type_ = "leads" if head else "memberOf"
                yield ctx.relation(sent, type_, p, org, "role-apposition", tok)


def _title_orgs(ctx: ArticleContext, role: Token, name: Token) -> list[str]:
    """The actor a title before a name belongs to: words before the role that modify it or
    the name ("Taliban spokesman P", "Iran's Foreign Minister P")."""
    out = _org_of(ctx, role)
    if out:
        return out
    mods = ("poss", "compound", "amod", "nmod")
    words = [c for c in name.children if c.i < role.i and c.dep_ in mods]
    words += [c for c in role.children if c.dep_ in mods]
    for w in list(words):  # "the Ugandan army spokesman": the army's own modifier
        words += [c for c in w.children if c.dep_ in mods]
    words += ctx.prep_objects(name, {"of"})  # "Defence Minister P of Israel"
    for w in words:
        out += ctx.word_actors(w)
        if out:
            break
    return [a for a in dict.fromkeys(out) if ctx.actor_class(a) != "Person"]


@needs("roles")
def role_title(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Taliban spokesman P", "Iran's Foreign Minister P", "the army spokesman Col. P", "RSF
    deputy commander P" (a leader's title after a word of ``deputy_words``)."""
    roles: dict[str, str] = ctx.rules["roles"]
    blockers = ("former", "ex", "onetime", "late", "then", "ex-")
    deputies = ctx.lexicon_of("deputy_words")
    for tok in ctx.tokens(sent):
        kind = roles.get(tok.lower_)
        if kind == "leader" and tok.i > 0 and ctx.doc[tok.i - 1].lower_ in deputies:
            kind = "member"  # "RSF deputy commander P": a member
        if kind != "member" or tok.dep_ != "compound":
            continue  # a leader's title is title_person's (kg/extract/relations.py)
        if tok.i > sent.start and _leader_title(ctx, ctx.doc[tok.i - 1 : tok.i + 1]):
            continue  # "Prime Minister P": a leader's title too, not a minister's
        name = tok.head
        while name.dep_ == "compound" and name.head.pos_ == "PROPN" and name.head.i > name.i:
            name = name.head  # "spokesman Lt. Col. P": past the ranks to the name
        if name.i <= tok.i or name.pos_ != "PROPN" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        window = ctx.doc[max(sent.start, tok.i - 4) : tok.i]
        if any(t.lower_ in blockers for t in window):
            continue  # "former Taliban spokesman P": not a present role
        p = person_at(ctx, name)
        if p is None:
            continue
        orgs = _title_orgs(ctx, tok, name)
        method = "role-title"
        if not orgs and tok.lower_ in ctx.lexicon_of("context_roles"):
            speakers = _speaker_orgs(ctx, sent, tok)
            armed = [o for o in speakers if ctx.actor_class(o) in _NON_STATE]
            # "military spokesman P" of the rebels the story is about is theirs
            army = any(c.lower_ in ("military", "army") for c in tok.children)
            military = armed and army
            if not military and qualified_role(ctx, tok):  # "police spokesman P": not theirs
                orgs, method = title_body(ctx, tok), "role-body"
                if not orgs and army:  # "US troops left P. Army spokesman Q said": theirs
                    orgs = [o for o in speakers if ctx.actor_class(o) == "ArmedForces"]
                for org in orgs:
                    yield ctx.relation(sent, "memberOf", p, org, method, tok)
                continue
            orgs, method = speakers, "role-in-context"
        for org in orgs:
            yield ctx.relation(sent, "memberOf", p, org, method, tok)


def _leader_title(ctx: ArticleContext, words: Span) -> bool:
    """Whether two words are a title of ``titles`` that heads what it names ("Prime Minister")."""
    return ctx.rules["titles"].get(words.text.lower(), "none") != "none"


def _speaker_orgs(ctx: ArticleContext, sent: Span, role: Token) -> list[str]:
    """The organisation a bare role title speaks for ("spokesman P said", "Foreign Minister
    P said" with no organisation in the phrase): the actor, not a person, that is the
    subject of the main clause before the title in its sentence ("The group said that
    spokesman P ..."), else of the sentence before ("The government said it would ... .
    '...,' Foreign Minister P said"; the organisation of a role there: "the group's spokesman
    said"), else the last subject of another clause there; nothing after a leader's word
    ("Prime Minister P": title-person's)."""
    titles = ctx.lexicon_of("head_of_state_titles")
    if any(c.lower_ in titles or c.lower_ == "prime" for c in role.children):
        return []
    roles: dict[str, str] = ctx.rules["roles"]
    spans = [ctx.doc[sent.start : role.i]]
    if sent.start > 0:
        spans.append(ctx.doc[sent.start - 1].sent)
    for span in spans:
        subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass")]
        subjects.sort(key=lambda t: (t.head.dep_ == "ROOT", t.i), reverse=True)
        for t in subjects:
            found = ctx.res.actors_at(t, conj=False)
            if not found and roles.get(t.lower_) == "member":
                found = _org_of(ctx, t)
            found = [a for a in found if ctx.actor_class(a) != "Person"]
            if found:
                return found[:1]
    return []


@needs("led_participles")
def led_by(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X, led by P" (leads); "fighters led by Emirati troops" (the two fight together);
    "a coalition led by Saudi Arabia" (the leading actor is a member of the coalition);
    "headed by P", "commanded by P" (``led_participles``)."""
    participles = ctx.lexicon_of("led_participles")
    for tok in ctx.tokens(sent):
        if tok.lower_ not in participles or tok.tag_ != "VBN" or ctx.negated(tok):
            continue
        groups = _led_groups(ctx, tok)
        if not groups:
            continue
        for c in tok.children:
            if c.dep_ != "agent":
                continue
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                p = person_at(ctx, o)
                for g in groups:
                    if p is not None:
                        yield ctx.relation(sent, "leads", p, g, "led-by", tok)
                    else:  # "a coalition led by Saudi Arabia": the leader is a member
                        kind = "memberOf" if ctx.actor_class(g) == "Coalition" else "alliedWith"
                        for a in ctx.res.actors_at(o):
                            yield ctx.relation(sent, kind, a, g, "led-by", tok)


def _led_groups(ctx: ArticleContext, tok: Token) -> list[str]:
    """Whom the participle ``tok`` says are led: "X, led by P" (the noun it hangs on); "X is
    a splinter group led by P" (the subject the noun describes); "X is led by P" (a present
    passive's named subject; not "was led by P", which may be over)."""
    res = ctx.res
    if tok.dep_ in ("acl", "relcl", "amod", "appos"):
        groups = res.actors_at(tok.head, conj=False)
        if groups or tok.head.dep_ != "attr":
            return groups
        subj = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
        return res.actors_at(subj[0], conj=False) if subj else []
    if tok.dep_ not in ("ROOT", "ccomp"):  # "X is led by P, residents said"
        return []
    aux = [c for c in tok.children if c.dep_ == "auxpass"]
    subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if not aux or not subj or aux[0].lower_ not in ("is", "are"):
        return []
    return res.actors_at(subj[0], conj=False)  # a named subject ("The group" may be anyone)


@needs("head_verbs")
def heads_verb(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P heads X", "P, who leads X", "P commands X": a person leads a group, a force or a
    government (not a state, not "P led X" in the past, "could lead", "does not lead"; not a
    participle: "X, led by P" is led-by's; ``head_verbs``)."""
    official = ARMED_CLASSES
    verbs = ctx.lexicon_of("head_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or tok.tag_ in ("VBN", "VBD"):
            continue  # a participle is led-by's; "P led X" may be over ("led it until 2019")
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        groups = [
            a
            for o in tok.children
            if o.dep_ == "dobj"
            for a in ctx.res.actors_at(o, conj=False)
            if ctx.actor_class(a) in (*official, "Government", "InternationalOrganization")
        ]
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        people = [p for c in subj for p in [person_at(ctx, c)] if p]
        if not people and subj and subj[0].lower_ in ("who", "that") and tok.dep_ == "relcl":
            people = [p for p in [person_at(ctx, tok.head)] if p]  # "P, who heads X"
        for p in people:
            for g in groups:
                yield ctx.relation(sent, "leads", p, g, "heads-verb", tok)


@needs("rule_verbs")
def rules_state(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "P rules C", "P, who has ruled Niger since July 2023", "P has governed Chad since
    2021": a person leads the state or government a verb of ``rule_verbs`` takes (present or
    present perfect; not "P ruled C for 30 years", "could rule", "does not govern")."""
    verbs = ctx.lexicon_of("rule_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or tok.tag_ == "VBD":
            continue
        aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tok.tag_ == "VBN" and not any(a in ("has", "have", "'s", "'ve") for a in aux):
            continue  # "had ruled", "was ruled by P": not a present rule of P's
        if ctx.negated(tok) or ctx.unreal(tok) or tok.dep_ == "xcomp":
            continue  # nor an aim: "P hopes to rule C"
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        people = [p for c in subj for p in [person_at(ctx, c)] if p]
        if not people and subj and subj[0].lower_ in ("who", "that") and tok.dep_ == "relcl":
            people = [p for p in [person_at(ctx, tok.head)] if p]  # "P, who has ruled C"
        if not people:
            continue  # (before the objects: a country read as a state acts)
        states = [
            a
            for o in tok.children
            if o.dep_ == "dobj"
            for a in ctx.res.actors_at(o, conj=False)
            if ctx.actor_class(a) in ("State", "Government")
        ]
        for p in people:
            for st in states:
                yield ctx.relation(sent, "leads", p, st, "rules-state", tok)


@needs(words=("'s", "’s", "'", "’"))
def possessor_leads(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Khalifa Haftar's Libyan National Army", "Prigozhin's Wagner Group": the person whose
    named armed group, force or government the noun phrase is leads it (a name of the
    gazetteer or of the article, not a description: "Assad's forces" is possessor-forces';
    not a state: "Putin's Russia")."""
    heads = (*ARMED_CLASSES, "Government", "Coalition")
    for tok in ctx.tokens(sent):
        if tok.dep_ != "poss" or tok.head.i == tok.i:
            continue
        m = ctx.res.mention_at(tok.head)
        if m is None or m.kind != "actor" or m.source == "coref" or m.start <= tok.i:
            continue  # the possessor must stand outside the name ("Haftar's forces" is one)
        if ctx.actor_class(m.key) not in heads:
            continue
        p = person_at(ctx, tok)
        if p is not None and not former_title(ctx, tok):
            yield ctx.relation(sent, "leads", p, m.key, "possessor-leads", tok)


def _commander(ctx: ArticleContext, obj: Token) -> str | None:
    """The person the object of "under" / "loyal to" names: "under General P", "under the
    command of P", "under P's leadership" (``command_nouns``); None for a title P does not
    hold ("loyal to former president P": :func:`~kg.extract.sponsorship.former_title`)."""
    if obj.lower_ in ctx.lexicon_of("command_nouns"):
        owners = [c for c in obj.children if c.dep_ == "poss"]
        owners += ctx.prep_objects(obj, {"of"})
        obj = owners[0] if owners else obj
    p = person_at(ctx, obj)
    return p if p is not None and not former_title(ctx, obj) else None


@needs("command_words")
def under_command(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "the Tatmadaw under Min Aung Hlaing", "troops under the command of
    General P", "the RSF, loyal to General P": P leads the armed actor or government named
    before (leads; ``command_words``, ``command_nouns``), "forces loyal to President P" (the
    forces loyal-to names); not after a title P does not hold or holds as a deputy ("loyal
    to former president P"), nor under a negated verb."""
    for tok in ctx.tokens(sent):
        if tok.lower_ not in ctx.lexicon_of("command_words"):
            continue
        if tok.lower_ == "loyal":
            objs = ctx.prep_objects(tok, {"to"})
            head = tok.head if tok.dep_ in ("amod", "acl", "appos") else None
        else:
            objs = [c for c in tok.children if c.dep_ == "pobj"] if tok.dep_ == "prep" else []
            head = tok.head if tok.head.pos_ in ("NOUN", "PROPN", "VERB") else None
            if (
                head is not None
                and head.pos_ == "VERB"
                and not any(o.lower_ in ctx.lexicon_of("command_nouns") for o in objs)
            ):
                continue  # "P prospered under Assad"; "X, under the command of P, took Q"
        if head is None or not objs or ctx.negated(head):
            continue
        named = ctx.subject_actors(head) if head.pos_ == "VERB" else None
        groups = [
            a
            for a in (ctx.res.actors_at(head, conj=False) if named is None else named)
            if ctx.actor_class(a) in (*ARMED_CLASSES, "Government")
        ]
        if tok.lower_ == "loyal" and head.lower_ not in loyal_heads():
            # "X, loyal to General P" (not "X, loyal to Iran's supreme leader P": aligned)
            objs = [o for o in objs if commands_loyalists(ctx, o, groups)]
        for p in [c for o in objs for c in [_commander(ctx, o)] if c]:
            for g in groups:
                if tok.lower_ == "loyal" and not _may_lead(ctx, p, g):
                    continue  # "troops loyal to P" read as the army: P's own, not the army
                yield ctx.relation(sent, "leads", p, g, "under-command", tok)


def _may_lead(ctx: ArticleContext, person: str, group: str) -> bool:
    """Whether "forces loyal to P" may be the state's own forces ``group``: any group that is
    no state's armed forces; a state's only when what P leads by a title in the article
    (:func:`kg.extract.loyalists.forces_of_person`) is that force ("troops loyal to President
    Kiir"; not "troops loyal to Thomas Cirillo", whom no title makes the army's head)."""
    entry = ctx.res.entry(group, "actor")
    if ctx.actor_class(group) != "ArmedForces" or entry is None or not entry.country:
        return True
    own = forces_of_person(ctx.res, person)
    return own is not None and own[0] == group


@needs("group_nouns")
def member_list(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X, an alliance / a confederation of A, B and C": A, B and C are members of X."""
    nouns = ctx.lexicon_of("group_nouns")
    for tok in ctx.tokens(sent):
        umbrella = any(c.dep_ == "compound" and c.lower_ in nouns for c in tok.children)
        if (tok.lower_ not in nouns and not umbrella) or tok.pos_ != "NOUN":
            continue  # "an alliance of", "an umbrella group of"
        ofs = ctx.prep_objects(tok, {"of"})
        members = [a for o in ofs for a in ctx.res.actors_at(o)]
        named = [a for t in (tok, *ofs) for a in listed(ctx, t)]  # "of militias including Y"
        if len(members) < 2 and not named:
            continue
        members = list(dict.fromkeys(members + named)) if named else members
        groups: list[str] = []
        if tok.dep_ == "appos":
            groups = ctx.res.actors_at(tok.head, conj=False)
        elif tok.dep_ == "attr":
            groups = ctx.subject_actors(tok.head)
        own = ctx.res.mention_at(tok)
        if not groups and own is not None and own.kind == "actor":
            groups = [own.key]
        for g in groups:
            for m in members:
                yield ctx.relation(sent, "memberOf", m, g, "member-list", tok)


@needs(words=("form", "constitute"))
def form_together(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "A and B form X", "A, which together with B form X": A and B are members of X."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in ("form", "constitute", "comprise") or tok.pos_ != "VERB":
            continue
        if tok.lemma_ == "comprise":
            continue  # "X comprises A": which-include's
        objs = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
        groups = [a for o in objs for a in ctx.res.actors_at(o, conj=False)]
        if not groups:
            continue
        members = list(ctx.subject_actors(tok))
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        for t in [tok, *subj]:
            for o in ctx.prep_objects(t, {"with"}):
                members += ctx.res.actors_at(o)
        for c in tok.children:
            if c.dep_ == "advmod" and c.lower_ == "together":
                members += [a for o in ctx.prep_objects(c, {"with"}) for a in ctx.res.actors_at(o)]
        for g in groups:
            for m in dict.fromkeys(members):
                yield ctx.relation(sent, "memberOf", m, g, "form-together", tok)


def _parts(ctx: ArticleContext, tok: Token) -> list[str]:
    """Actors a noun names as parts: itself and its conjuncts, those it lists ("factions,
    including Y"), and the actors "of" a part noun ("factions of A and B")."""
    out = list(ctx.res.actors_at(tok))
    out += listed(ctx, tok)
    if tok.lemma_.lower() in ctx.lexicon_of("part_nouns"):
        out += [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
    return out


@needs("made_of_verbs")
def made_of(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X is made up of / composed of / comprised of A and B", "X consists of A and B", "X
    comprises factions including A", "A and B make up X": A and B are members of X
    (``made_of_verbs``; not negated, modal or past)."""
    verbs = ctx.lexicon_of("made_of_verbs")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs:
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        up = any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)
        if tok.lemma_ == "make" and not up:
            continue
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if tok.lemma_ == "make" and not passive:  # "A and B make up X"
            groups = [a for o in objs for a in ctx.res.actors_at(o, conj=False)]
            members = ctx.subject_actors(tok)
        else:
            groups = [a for c in subj for a in ctx.res.actors_at(c, conj=False)]
            parts = ctx.prep_objects(tok, {"of"}) + (objs if tok.lemma_ == "comprise" else [])
            parts += [
                c for t in subj for c in t.children if c.dep_ == "appos" and c.i > tok.i
            ]  # (a list the parser hung on the subject)
            members = [a for p in parts for a in _parts(ctx, p)]
        for g in groups:
            for m in dict.fromkeys(members):
                if m != g:
                    yield ctx.relation(sent, "memberOf", m, g, "made-of", tok)


@needs(words=("allegiance",))
def allegiance(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X pledged allegiance to Y", "X leader P declared allegiance to Y": X is a member of
    Y (not "refused to pledge allegiance", "may pledge allegiance")."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ != "allegiance" or tok.dep_ != "dobj" or ctx.negated(tok.head):
            continue
        verb = tok.head
        if ctx.unreal(verb) or ctx.denied(verb) or ctx.is_risk(verb):
            continue
        groups = [
            a
            for t in (verb, tok)
            for o in ctx.prep_objects(t, {"to"})
            for a in ctx.res.actors_at(o)
        ]
        members = ctx.subject_actors(verb)
        for c in verb.children:  # the group a speaking leader belongs to: "X leader P"
            if c.dep_ == "nsubj" and all(ctx.actor_class(a) == "Person" for a in members):
                members = [
                    a
                    for t in c.subtree
                    if t.dep_ in ("compound", "nmod") and t.i < c.i
                    for a in ctx.res.actors_at(t, conj=False)
                    if ctx.actor_class(a) != "Person"
                ]
        for m in members:
            for g in groups:
                if ctx.actor_class(m) != "Person":
                    yield ctx.relation(sent, "memberOf", m, g, "allegiance", tok)


_MISSIONS = ("Coalition", "InternationalOrganization", "ArmedGroup", "Militia")


@needs(words=("serve",))
def serving_in(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Ugandan troops serving with AMISOM", "Kenyan soldiers who serve in the AU mission":
    the troops are a member of the mission (not "served" once, "could serve")."""
    for tok in ctx.tokens(sent):
        if tok.lemma_ != "serve" or tok.pos_ != "VERB" or tok.tag_ == "VBD":
            continue
        if ctx.negated(tok) or ctx.unreal(tok):
            continue
        groups = [
            a
            for o in ctx.prep_objects(tok, {"with", "in", "under"})
            for a in ctx.res.actors_at(o)
            if ctx.actor_class(a) in _MISSIONS
        ]
        for m in ctx.subject_actors(tok):
            for g in groups:
                if ctx.actor_class(m) != "Person":
                    yield ctx.relation(sent, "memberOf", m, g, "serving-in", tok)


@needs(words=("part",))
def as_part_of(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Sudanese troops fought in Yemen as part of the Saudi-led coalition", "Ugandan
    soldiers, deployed as part of the AU mission": the doers are members of the coalition or
    mission (not "could join as part of", "did not fight as part of")."""
    for tok in ctx.tokens(sent):
        if tok.lower_ != "part" or tok.dep_ != "pobj" or tok.head.lower_ != "as":
            continue
        verb = tok.head.head
        if verb.pos_ != "VERB" or ctx.negated(verb) or ctx.unreal(verb):
            continue
        groups = [
            a
            for o in ctx.prep_objects(tok, {"of"})
            for a in ctx.res.actors_at(o)
            if ctx.actor_class(a) in _MISSIONS
        ]
        members = ctx.subject_actors(verb)
        if not members and verb.dep_ == "acl":  # "Ugandan soldiers, deployed as part of X"
            members = ctx.res.actors_at(verb.head, conj=False)
        for m in members:
            for g in groups:
                if m != g and ctx.actor_class(m) != "Person":
                    yield ctx.relation(sent, "memberOf", m, g, "as-part-of", tok)


def _named_as(ctx: ArticleContext, noun: Token) -> list[str]:
    """Actors a noun is named as: its apposition ("X's armed wing, the Y Brigades") or the
    object of "known as" / "called" / "named" on it ("the X armed wing, known as Y")."""
    out: list[str] = []
    for c in noun.children:
        if c.dep_ == "appos":
            out += ctx.res.actors_at(c, conj=False)
        elif c.dep_ == "acl" and c.lemma_ in ("know", "call", "name"):
            out += [a for o in ctx.prep_objects(c, {"as"}) for a in ctx.res.actors_at(o)]
            out += [
                a for o in c.children if o.dep_ in ("oprd", "dobj") for a in ctx.res.actors_at(o)
            ]
    return out


@needs("named_part_nouns")
def named_part(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "The group's armed wing, known as the Qassam Brigades", "the army's elite unit,
    the Y Battalion": the named group is part of the owner the part noun's modifiers or
    "of" phrase name (``named_part_nouns``; not "former")."""
    nouns = ctx.lexicon_of("named_part_nouns")
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns or ctx.negated(tok):
            continue
        if any(c.lower_ in ("former", "ex", "onetime") for c in tok.children):
            continue
        owners = [
            a
            for c in tok.children
            if c.dep_ in ("poss", "compound", "amod") and c.i < tok.i
            for a in ctx.res.actors_at(c, conj=False)
        ]
        owners += [a for o in ctx.prep_objects(tok, {"of"}) for a in ctx.res.actors_at(o)]
        named = ctx.res.mention_at(tok)
        if not owners or (named is not None and named.source not in ("head-noun", "context")):
            continue  # "the Qassam Brigades": a name of its own, not a part noun
        for m in dict.fromkeys(_named_as(ctx, tok)):
            for o in dict.fromkeys(owners):
                if m != o and ctx.actor_class(m) != "Person":  # a state's unit too
                    yield ctx.relation(sent, "memberOf", m, o, "named-part", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    role_apposition,
    role_title,
    led_by,
    heads_verb,
    rules_state,
    possessor_leads,
    under_command,
    member_list,
    form_together,
    made_of,
    allegiance,
    serving_in,
    contingent_of,
    as_part_of,
    named_part,
)
