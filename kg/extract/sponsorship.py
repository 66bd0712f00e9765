"""Sponsorship and alignment stated by nouns, prepositional phrases, compounds and verbs with
two objects.

Support from a state (or a government, coalition or international body when the word is
"back", "fund", "arm", ...) is sponsorship (``backs``); support between armed actors is an
alliance (``alliedWith``). The words are the ``sponsorship`` entry of ``rules.yaml``.

- **support-noun**: "with the backing of A and B", "with help from X", "X's support for Y",
  "with the help of Russian air support", "because of help from Russian warplanes" (whose
  means: ``means_owners``),
  "the assistance of X to Y", "an X arms package for Y", "Y received weapons from X";
- **pro-compound**: "pro-Iranian militias", "the pro-Russian militia of X";
- **aligned**: "X-aligned Y", "Y, aligned with X", "al-Qaeda-linked Y", "X and its allied
  militias" (alliance, never sponsorship);
- **provide-with**: "X provided / supplied Y with Z", "X sent weapons to Y", "X sent troops to
  help Y", "accused X of sending troops to help Y".

Denied or negated statements ("denied backing", "does not support") give nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.context import ArticleContext
from kg.extract.gates import needs
from kg.extract.phrase import conjunct_before
from kg.extract.vocab import loyal_heads, mention_words
from kg.model import RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "RULES",
    "former_title",
    "means_owners",
    "means_sponsors",
    "official_word",
    "open_compound",
    "operation_doers",
    "participle_clients",
    "support_kind",
]

_STRONG_SPONSORS = ("State", "Government", "Coalition", "InternationalOrganization")


def support_kind(ctx: ArticleContext, sponsor: str, word: str) -> str:
    """``backs`` or ``alliedWith`` for support by ``sponsor`` named by ``word``.

    A state or a coalition of states always sponsors ("Yemeni army units, supported by the
    Saudi-led coalition"); a government or international body sponsors when the word is a strong one
    ("back", "fund", "arm"); anyone else is an ally.
    """
    cls = ctx.actor_class(sponsor)
    strong = ctx.rules["sponsorship"]["strong"]
    if cls in ("State", "Coalition") or (cls in _STRONG_SPONSORS and word in strong):
        return "backs"
    return "alliedWith"


def means_sponsors(ctx: ArticleContext, participle: Token) -> list[str]:
    """Whose means back someone: "backed by Russian airstrikes", "supported by Saudi air and
    naval support", "backed by US firepower" (``sponsorship.means``; the owner a demonym,
    a name or a possessive before the noun says)."""
    out: list[str] = []
    for agent in participle.children:
        if agent.dep_ != "agent":
            continue
        for o in agent.children:
            if o.dep_ == "pobj":
                out += [a for a in means_owners(ctx, o) if a not in out]
    return out


def means_owners(ctx: ArticleContext, noun: Token) -> list[str]:
    """Whose means a noun of ``sponsorship.means`` names ("Russian air support", "US air
    strikes", "the Russian air force"): the demonym, name or possessive before it; none for
    a noun that names an actor itself or no means."""
    if noun.lemma_.lower() not in ctx.rules["sponsorship"]["means"] or ctx.res.actors_at(noun):
        return []
    out: list[str] = []
    for t in noun.subtree:
        if t.i >= noun.i or t.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        m = ctx.res.mention_at(t)
        if m is not None and m.kind == "place" and not m.country_name:
            continue
        out += [a for a in [_state_of_word(ctx, t)] if a and a not in out]
    return out


def operation_doers(ctx: ArticleContext, noun: Token) -> list[str]:
    """Who carries out an operation a noun names: "X's offensive", "X launched an offensive
    backed by ..." (the subject of the verb the noun is the object of)."""
    if noun.lemma_.lower() not in ctx.lexicon("offensive", "nouns"):
        return []
    poss = [a for c in noun.children if c.dep_ == "poss" for a in ctx.res.actors_at(c)]
    if poss or noun.dep_ != "dobj":
        return poss
    return ctx.subject_actors(noun.head)


def participle_clients(ctx: ArticleContext, tok: Token) -> list[str]:
    """Whom a support participle ("backed", "armed by X") describes: the actor it modifies
    ("Y, backed by X"), the name a noun it modifies stands in apposition to ("Y, a militia
    group backed by X": Y, never the clause's subject), an operation's doer ("an offensive
    backed by X"); else the subject of its clause ("Y is backed by X"; "Y, whom Z says are
    supported by X": the relative clause's noun)."""
    if tok.dep_ in ("acl", "relcl", "amod", "advcl", "appos"):
        head = tok.head
        out = ctx.res.actors_at(head, conj=False) or operation_doers(ctx, head)
        if not out and head.dep_ == "appos" and head.head.i < head.i:
            return ctx.res.actors_at(head.head, conj=False)
        if out:
            return out
    t: Token = tok
    for _ in range(4):
        subj = [c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")]
        if subj:
            out = ctx.res.actors_at(subj[0], conj=False)
            if not out and subj[0].lower_ in ("who", "whom", "which", "that"):
                rel = next((a for a in [t, *t.ancestors] if a.dep_ == "relcl"), None)
                out = ctx.res.actors_at(rel.head, conj=False) if rel else []
            return out
        if t.head.i == t.i:
            break
        t = t.head
    return []


def _state_of_word(ctx: ArticleContext, tok: Token) -> str | None:
    """The actor a word names: a mention, or a demonym's state ("Iranian")."""
    m = ctx.res.mention_at(tok)
    if m is not None:
        return ctx.res.as_actor(m)
    return ctx.demonym_state(tok)


def _passive_participle(ctx: ArticleContext, verb: Token) -> bool:
    """True for a past participle set off without a subject of its own ("X staged an attack,
    repelled thanks to Y"): whoever did it, the main clause's subject is not said to. The
    parser often takes such a participle for a second verb of the main clause ("X launched
    an assault, repelled with ..." as "launched ... , repelled"): a verb of
    ``sponsorship.reversal_verbs`` joined that way, with no subject and no object, counts too."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    if verb.dep_ in ("advcl", "acl"):
        return True
    return (
        verb.dep_ == "conj"
        and verb.lemma_ in ctx.rules["sponsorship"]["reversal_verbs"]
        and not any(c.dep_ in ("dobj", "cc") for c in verb.children)
        and verb.i > 0
        and ctx.doc[verb.i - 1].text == ","
    )


def _clause_of_object(head: Token) -> Token | None:
    """The verb a noun is the object of, through prepositions ("repelled an assault by rebels
    with the help of Y": ``rebels`` -> ``repelled``): a "with the help of" phrase the parser
    hung on such a noun tells how the verb's doer did it. None for a noun that is a subject
    or stands outside a clause ("an attack on P by X, with the help of Y")."""
    t = head
    for _ in range(4):
        if t.dep_ not in ("pobj", "dobj", "prep") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "VERB":
            return t
    return None


def _clients_of_head(ctx: ArticleContext, head: Token) -> list[str]:
    """Who a "with the support of X" phrase helps: the noun it modifies, the clause's
    subject, or a passive's doers ("P was retaken by X with the help of Y")."""
    subj = [c for c in head.children if c.dep_ == "nsubj"]
    if any(c.dep_ == "auxpass" for c in head.children):
        return ctx.passive_agents(head)  # "P was retaken by X with the help of Y"
    if head.pos_ in ("VERB", "AUX") or subj:  # (a verb the parser took for a noun: "fight on")
        out = ctx.subject_actors(head) or [a for c in subj for a in ctx.res.actors_at(c)]
        if not out and head.dep_ == "xcomp" and head.head.dep_ == "acomp":
            out = ctx.subject_actors(head.head.head)  # "X were able to retake P with ..."
        return out
    out = ctx.res.actors_at(head, conj=False)
    if not out:  # "forces of the Wagner Group, with ..."
        out = [a for o in ctx.prep_objects(head, {"of"}) for a in ctx.res.actors_at(o)]
    return out


def _is_aid(ctx: ArticleContext, tok: Token) -> bool:
    """A word for support ("backing", "aid"), for what is given when it is received ("Y
    received weapons"), or a package of aid ("an arms package", "a military aid package")."""
    words = ctx.rules["sponsorship"]
    if tok.lemma_ in words["nouns"]:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in words["receive"]:
        return tok.lemma_ in words["goods"]
    return tok.lemma_ in words["packages"] and any(
        c.dep_ == "compound" and (c.lemma_ in words["nouns"] or c.lemma_ in words["goods"])
        for c in tok.children
    )


def _aid_givers(ctx: ArticleContext, tok: Token, nouns: frozenset[str]) -> list[str]:
    """Who gives the aid a noun names: its own words ("Iran's support", "a U.S. aid
    package"), else the subject that announces or sends a package ("X unveiled an arms
    package for Y")."""
    mods = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    if tok.lemma_ not in nouns:  # "a U.S. military aid package": the aid word's own words
        mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "amod", "poss")]
    out: list[str] = []
    for c in mods:
        if c.lemma_ not in nouns:
            s = _state_of_word(ctx, c) if c.pos_ != "PRON" else None
            out += [s] if s else ctx.res.actors_at(c, conj=False)
    give = ctx.rules["sponsorship"]["give_package"]
    if not out and tok.dep_ == "dobj" and tok.head.lemma_ in give and not _is_plain(ctx, tok):
        out = ctx.subject_actors(tok.head)
    return out


def _is_plain(ctx: ArticleContext, tok: Token) -> bool:
    """A support word with no package around it ("announced support"): too vague for a giver."""
    return tok.lemma_ in ctx.rules["sponsorship"]["nouns"]


def _by_phrase(ctx: ArticleContext, prep: Token) -> bool:
    """A preposition by which a clause's doer has support: "with", "under", "because of",
    "thanks to" (``sponsorship.by_phrases``)."""
    doc = ctx.doc
    around = {
        prep.lower_,
        " ".join(t.lower_ for t in doc[max(prep.i - 1, 0) : prep.i + 1]),
        " ".join(t.lower_ for t in doc[prep.i : prep.i + 2]),
    }
    return any(p in around for p in ctx.rules["sponsorship"]["by_phrases"])


@needs("sponsorship.nouns", "sponsorship.goods")
def support_noun(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "with the backing of A and B", "with help from X", "X's support for Y"."""
    nouns = frozenset(ctx.rules["sponsorship"]["nouns"])
    for tok in ctx.tokens(sent):
        if tok.pos_ != "NOUN" or not _is_aid(ctx, tok) or ctx.negated(tok) or ctx.denied(tok):
            continue
        received = tok.dep_ == "dobj" and tok.head.lemma_ in ctx.rules["sponsorship"]["receive"]
        if (received or tok.lemma_ not in nouns) and tok.dep_ == "dobj" and ctx.unreal(tok.head):
            continue  # "may announce an arms package", "could receive weapons"
        froms = ctx.prep_objects(tok.head, {"from"}) if received else []
        owned = any(c.dep_ == "poss" for c in tok.children)  # "Iran's backing of Y": Y the client
        sponsors = [
            a
            for o in [
                *ctx.prep_objects(tok, {"from", "by"} if owned else {"of", "from", "by"}),
                *froms,
            ]
            for a in ctx.res.actors_at(o) or means_owners(ctx, o)  # "help of Russian air power"
        ]
        sponsors += _aid_givers(ctx, tok, nouns)
        if not sponsors:
            continue
        to = {"for", "to", "of"} if owned else {"for", "to"}
        clients = [a for o in ctx.prep_objects(tok, to) for a in ctx.res.actors_at(o)]
        if not clients and tok.dep_ == "pobj" and _by_phrase(ctx, tok.head):
            if ctx.unreal(tok.head.head) or ctx.negated(tok.head.head):
                continue  # "could retake P with the help of X"
            if _passive_participle(ctx, tok.head.head):
                continue  # "X staged an attack, repelled thanks to the help of Y": not X's help
            head = tok.head.head
            # only an actor the phrase hangs on: "positions of X with the help of Y" as before
            on_actor = head.pos_ in ("NOUN", "PROPN") and ctx.res.actors_at(head, conj=False)
            verb = _clause_of_object(head) if on_actor else None
            if verb is not None and ctx.subject_actors(verb) and not ctx.negated(verb):
                if ctx.unreal(verb) or _passive_participle(ctx, verb):
                    continue
                head = verb  # "The army repelled an assault by rebels with the help of Y"
            clients = _clients_of_head(ctx, head)
        if not clients and received:  # "Y received weapons from X"
            clients = ctx.subject_actors(tok.head)
        for sp in dict.fromkeys(sponsors):
            for cl in dict.fromkeys(clients):
                kind = support_kind(ctx, sp, tok.lemma_)
                yield ctx.relation(sent, kind, sp, cl, "support-noun", tok)


@needs(words=("pro",))
def pro_compound(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "pro-Iranian militias (of X and Y)": the state named after "pro-" backs them."""
    doc = ctx.doc
    for tok in ctx.tokens(sent):
        if tok.lower_ != "pro" or tok.i + 2 >= sent.end or doc[tok.i + 1].text != "-":
            continue
        word = doc[tok.i + 2]
        if word.lower_ in ("government", "regime"):
            continue  # "pro-government militias" name an actor of their own (mentions)
        m = ctx.res.mention_at(word)
        if m is not None and m.sponsor:  # the mention "pro-Iranian militias" names its sponsor
            sponsor: str | None = m.sponsor
        elif m is not None and m.start < word.i:
            sponsor = ctx.demonym_state(word)
        else:
            sponsor = _state_of_word(ctx, word)
        if sponsor is None:
            continue
        head = tok.head if tok.head.i != tok.i else word.head
        while head.dep_ in ("amod", "compound") and head.head.i != head.i and head.pos_ != "NOUN":
            head = head.head
        clients = [a for a in ctx.res.actors_at(head, conj=False) if a != sponsor]
        clients += [a for o in ctx.prep_objects(head, {"of"}) for a in ctx.res.actors_at(o)]
        for child in head.children:
            if child.dep_ == "appos":
                clients += ctx.res.actors_at(child)
        if head.dep_ == "compound":
            clients += ctx.res.actors_at(head.head, conj=False)
        nxt = ctx.res.mention_at(doc[head.i + 1]) if head.i + 1 < sent.end else None
        if nxt is not None and nxt.start == head.i + 1 and nxt.kind == "actor":
            clients.append(nxt.key)  # "the pro-Turkish faction Sultan Murad"
        kind = support_kind(ctx, sponsor, "back")
        for client in dict.fromkeys(clients):
            yield ctx.relation(sent, kind, sponsor, client, "pro-compound", tok)


def official_word(ctx: ArticleContext, word: Token) -> str | None:
    """Whom "army" or "government" before a holding noun means ("the last army stronghold",
    "a regime stronghold"): the armed forces or the government of the country in context
    (``official_holders``); None for any other word or with no country in context."""
    kind = ctx.rules["official_holders"].get(word.lower_)
    country = coref.context_country(ctx.res, word) if kind else None
    st = ctx.res.entry(country, "actor") if country else None
    if st is None:
        return None
    if kind == "forces":
        name, cls = ctx.res.forces(st)
    else:
        name, cls = ctx.res.government(st.name), "Government"
    ctx.res.ensure_actor(name, cls, "head-noun")
    return name


def open_compound(ctx: ArticleContext, tok: Token) -> tuple[str, str] | None:
    """(X, Y) for "the X aligned group Y", "X linked Y" written without a hyphen: a name
    right before a word of ``sponsorship.aligned``, and the first actor named within three
    nouns or adjectives after it; None otherwise ("Hamas aligned itself with Iran": a
    verb)."""
    doc = ctx.doc
    if tok.lower_ not in ctx.rules["sponsorship"]["aligned"] or tok.i < 1:
        return None
    m = ctx.res.mention_at(doc[tok.i - 1])
    if m is None or m.end != tok.i or (m.kind != "actor" and not m.country_name):
        return None  # (a verb takes a pronoun or preposition next: "Hamas aligned itself")
    for t in doc[tok.i + 1 : min(tok.i + 4, len(doc))]:
        n = ctx.res.mention_at(t)
        if n is not None and n.kind == "actor" and n.key != m.key:
            x = ctx.res.as_actor(m)
            return (x, n.key) if x else None
        if t.pos_ not in ("NOUN", "ADJ", "DET", "PROPN"):
            break
    return None


def former_title(ctx: ArticleContext, obj: Token) -> bool:
    """True when the name at ``obj`` comes after a title its person does not hold, or holds
    as a deputy: "former president P", "ex-leader P", "Vice President P" (``mentions:
    title_blockers``)."""
    m = ctx.res.mention_at(obj)
    start = m.start if m is not None else obj.i
    if coref.title_blocked(ctx.res, start - 1):
        return True
    return start > 0 and ctx.doc[start - 1].lower_ in mention_words("title_blockers")


def commands_loyalists(ctx: ArticleContext, obj: Token, groups: list[str]) -> bool:
    """True when the person "loyal to" names at ``obj`` commands ``groups``: a rank before the
    name ("loyal to General P", ``command_ranks``) or the groups' own role ("loyal to its
    commander P", "RSF leader P"); not another actor's office ("loyal to Iran's supreme
    leader P": an alignment with Iran)."""
    words = [t for t in obj.subtree if t.pos_ in ("NOUN", "PROPN", "PRON", "DET")]
    owners = [t for t in words if t.dep_ in ("poss", "compound") and t.i < obj.i + 1]
    named = [a for t in owners for a in ctx.res.actors_at(t, conj=False)]
    if any(a not in groups and ctx.actor_class(a) != "Person" for a in named):
        return False  # "Iran's supreme leader P"
    ranks = ctx.lexicon_of("command_ranks")
    if any(t.lower_ in ranks for t in words):
        return True
    own = any(t.dep_ == "poss" and t.pos_ in ("PRON", "DET") for t in owners)
    return own or any(a in groups for a in named)  # "its commander P", "RSF leader P"


def _guessed(ctx: ArticleContext, head: Token, word: Token) -> bool:
    """True when the phrase of ``word`` ("its allied forces") resolved, by its head noun
    alone, to a side the article names otherwise ("Tigrayan forces"): a guess, not the allies
    (an actor made for the phrase, "pro-junta militias", is kept)."""
    hm = ctx.res.mention_at(head)
    if hm is None or hm.source not in ("head-noun", "context") or hm.start > word.i:
        return False
    return any(
        m.key == hm.key and m.source not in ("head-noun", "context") for m in ctx.res.mentions
    )


@needs("sponsorship.aligned")
def aligned(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X-aligned Y", "Y, aligned with X", "X-linked Y", "X and its allied militias", "the
    X aligned group Y" (no hyphen: :func:`open_compound`), "X and Y are allied"."""
    words = frozenset(ctx.rules["sponsorship"]["aligned"])
    doc = ctx.doc
    for tok in ctx.tokens(sent):
        if tok.lower_ not in words or ctx.negated(tok):
            continue
        pair = open_compound(ctx, tok)
        if pair is not None:
            yield ctx.relation(sent, "alliedWith", pair[1], pair[0], "aligned", tok)
            continue
        partners: list[str] = []
        if tok.i >= sent.start + 2 and doc[tok.i - 1].text == "-":
            word, m = doc[tok.i - 2], ctx.res.mention_at(doc[tok.i - 2])
            if m is not None and m.end > tok.i:  # "Iranian-aligned rebels known as Y": one
                p = ctx.demonym_state(word)  # mention, Y's; the word before is its partner
            else:
                p = _state_of_word(ctx, word)
            partners = [p] if p else []
        partners += [a for o in ctx.prep_objects(tok, {"with", "to"}) for a in ctx.res.actors_at(o)]
        head = tok.head if tok.dep_ in ("amod", "acl", "relcl", "compound") else None
        owners: list[str] = []
        if head is not None:
            owners = ctx.res.actors_at(head, conj=False)
            if _guessed(ctx, head, tok):
                owners = []  # "X and its allied forces": a named side guessed for "forces"
            if not partners and tok.dep_ == "amod":
                # "X and allied Y", "the junta and its allied militias" (its: the junta's),
                # also where the parser hangs Y elsewhere ("X, backed by Z, and allied Y")
                first = conjunct_before(head, tok.i)
                if first is None and head.dep_ == "conj":
                    first = head.head
                partners = ctx.res.actors_at(first, conj=False) if first is not None else []
            if not partners and tok.dep_ == "amod":  # "the army relies on its allied militias"
                for c in head.children:
                    if c.dep_ == "poss":
                        partners += ctx.res.actors_at(c, conj=False)
            if not owners and head.dep_ == "appos":  # "Y, an X-allied group"
                owners = ctx.res.actors_at(head.head, conj=False)
            if not owners:
                for c in head.children:
                    if c.dep_ == "appos" or (c.dep_ == "acl" and c.lemma_ == "know"):
                        owners += [a for t in c.subtree for a in ctx.res.actors_at(t, conj=False)]
        elif tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "X and allied Y" parsed as a verb "allied" taking Y
            owners = [a for o in tok.children if o.dep_ == "dobj" for a in ctx.res.actors_at(o)]
            partners = partners or ctx.res.actors_at(tok.head, conj=False)
        elif tok.dep_ in ("acomp", "ROOT", "conj"):
            owners = ctx.subject_actors(tok)
            if not owners and tok.pos_ == "VERB" and not ctx.unreal(tok):
                # "X are allied with Y": a passive's subject (not "were once", "could be")
                owners = [
                    a for c in tok.children if c.dep_ == "nsubjpass" for a in ctx.res.actors_at(c)
                ]
            # "X and Y are allied (against Z)": each other's; not "were allied before 1979"
            # (a past the copula's tense ends: no date tells when)
            tense = [tok.head] if tok.dep_ == "acomp" else []
            tense += [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            past = any(t.tag_ == "VBD" for t in tense)
            if not partners and tok.lower_ == "allied" and not ctx.unreal(tok.head) and not past:
                partners = list(owners)
        own = tok.lower_ in ctx.rules["sponsorship"]["own_forces_words"]
        # "fighters loyal to P" are P's (loyal-to), "fighters loyal to the government" allies
        to_person = any(ctx.actor_class(a) == "Person" for a in partners)
        heads = loyal_heads() if to_person else ctx.rules["forces_heads"]
        if own and (head is None or head.lower_ in heads):
            continue  # "troops loyal to X" are X's own forces (loyal-to), no ally of X
        if own and any(
            not former_title(ctx, o) and commands_loyalists(ctx, o, owners)
            for o in ctx.prep_objects(tok, {"to"})
        ):
            # "the RSF, loyal to General P": P leads them (under-command), no ally
            partners = [p for p in partners if ctx.actor_class(p) != "Person"]
        for o in dict.fromkeys(owners):
            for p in dict.fromkeys(partners):
                if o != p and not ctx.same_side(o, p):
                    yield ctx.relation(sent, "alliedWith", o, p, "aligned", tok)


def _destination(ctx: ArticleContext, tok: Token) -> bool:
    """True when "to" a place's or country's name says where troops go, not whom they help
    ("sent troops to Ukraine" may be an invasion; "sent drones to Russia" is help)."""
    m = ctx.res.mention_at(tok)
    if m is None or m.kind != "place":
        return False
    verb = tok.head.head
    troops = ctx.rules["sponsorship"]["troop_nouns"]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in troops for c in verb.children)


def _civilian(ctx: ArticleContext, noun: Token) -> bool:
    """Whether a word of ``sponsorship.civilian_words`` qualifies the goods ``noun``
    ("humanitarian aid", "medical supplies", "food assistance")."""
    words = ctx.rule_words("sponsorship", "civilian_words")
    return any(c.dep_ in ("amod", "compound") and c.lower_ in words for c in noun.children)


@needs("sponsorship.provide_verbs")
def provide_with(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X supplied Y with Z", "X sent weapons to Y", "X sent troops to help Y"."""
    verbs = frozenset(ctx.rules["sponsorship"]["provide_verbs"])
    helps = frozenset(ctx.rules["support"]["verbs"])
    for tok in ctx.tokens(sent):
        if tok.lemma_ not in verbs or tok.pos_ != "VERB" or ctx.negated(tok) or ctx.denied(tok):
            continue
        if ctx.unreal(tok):
            continue  # "Russia may supply the army with weapons"
        clients: list[str] = []
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        if objs and all(_civilian(ctx, o) for o in objs):
            continue  # "X sent humanitarian aid to Y": relief, no sponsorship
        if ctx.prep_objects(tok, {"with"}):
            clients += [a for o in objs for a in ctx.res.actors_at(o)]
        tos = ctx.prep_objects(tok, {"to"})
        goods = ctx.rule_words("sponsorship", "goods")
        # "X provided military aid to Y": "to" hung on the goods
        tos += [g for o in objs if o.lemma_ in goods for g in ctx.prep_objects(o, {"to"})]
        tos += [  # "sent weapons to Hezbollah": "to" parsed as a dative
            g
            for c in tok.children
            if c.dep_ == "dative" and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        clients += [a for o in tos if not _destination(ctx, o) for a in ctx.res.actors_at(o)]
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl") and c.lemma_ in helps:
                clients += [a for o in c.children if o.dep_ == "dobj" for a in ctx.res.actors_at(o)]
                clients += [  # "to help Y fight Z": Y, the subject the parser gives "fight"
                    a
                    for v in c.children
                    if v.dep_ in ("ccomp", "xcomp")
                    for o in v.children
                    if o.dep_ == "nsubj"
                    for a in ctx.res.actors_at(o)
                ]
        if not clients:
            continue
        sponsors = ctx.subject_actors(tok)
        if not sponsors and tok.dep_ == "pcomp":  # "accused X of sending troops to help Y"
            verb = tok.head.head
            sponsors = [a for o in verb.children if o.dep_ == "dobj" for a in ctx.res.actors_at(o)]
        for sp in sponsors:
            for cl in dict.fromkeys(clients):
                yield ctx.relation(sent, support_kind(ctx, sp, "back"), sp, cl, "provide-with", tok)


@needs(words=("support", "solidarity"))
def in_support_of(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X launched rockets in support of Y", "X joined the war in solidarity with Y": the doer
    of the act supports Y (a state sponsors, anyone else is an ally)."""
    for tok in ctx.tokens(sent):
        if tok.lower_ not in ("support", "solidarity") or tok.dep_ != "pobj":
            continue
        prep = tok.head
        if prep.lower_ != "in" or prep.head.pos_ != "VERB" or ctx.negated(prep.head):
            continue
        whom = ctx.prep_objects(tok, {"of", "with"})
        clients = [a for o in whom for a in ctx.res.actors_at(o)]
        for sp in ctx.subject_actors(prep.head):
            for c in clients:
                kind = support_kind(ctx, sp, "support")
                yield ctx.relation(sent, kind, sp, c, "in-support-of", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    support_noun,
    pro_compound,
    aligned,
    provide_with,
    in_support_of,
)
