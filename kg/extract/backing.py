"""Who backs whom, said by a compound, a participle, a verb or a proxy noun: "the Iran-backed
militias", "the Saudi-led coalition", "Y, backed by X", "X backs / arms Y", "X propped up Y",
"Iran's proxy Hezbollah".

Each rule reads one sentence and returns :class:`~kg.model.RelationFact` values; the method
name recorded on each fact is the rule's name (see the ``confidence`` table in ``rules.yaml``);
the words are ``support`` and ``proxy_nouns`` in ``rules.yaml``. Backing said by nouns,
"pro-X", "X-aligned" and verbs with two objects is :mod:`kg.extract.sponsorship`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.extract.context import ArticleContext
from kg.extract.gates import needs
from kg.extract.pacts import listed
from kg.extract.sponsorship import (
    means_owners,
    means_sponsors,
    participle_clients,
    support_kind,
)
from kg.extract.voice import is_perfect
from kg.model import RelationFact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.gazetteer import GazEntry
    from kg.extract.mentions import Mention

__all__ = ["RULES", "verb_objects"]


@needs("support.participles", "support.glued")
def backed_compound(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X-backed Y": the participle after a hyphen, its sponsor before, the noun it modifies
    ("U.S.-backed Y" in one token too)."""
    parts = set(ctx.rules["support"]["participles"])
    doc = ctx.doc
    for tok in ctx.tokens(sent):
        glued = _glued_sponsor(ctx, tok)
        if glued is not None:
            sponsors = [glued]  # "U.S.-backed": one token
        elif tok.lower_ not in parts or tok.i < sent.start + 2 or doc[tok.i - 1].text != "-":
            continue
        else:
            sponsors = [
                s
                for t, w in _hyphen_sponsors(doc, tok.i - 2, sent.start)
                for s in [_sponsor_at(ctx, t, w)]
                if s
            ]
        if not sponsors:
            continue
        head = tok.head
        clients = ctx.res.actors_at(head, conj=False) if head.i != tok.i else []
        partners = listed(ctx, head) if head.i != tok.i else []  # "X-backed groups such as Y"
        clients += partners
        nxt = ctx.res.mention_at(doc[tok.i + 1]) if tok.i + 1 < sent.end else None
        if nxt is not None and nxt.kind == "actor" and nxt.start == tok.i + 1 and not partners:
            # "the US-backed SDF and Arab tribal fighters": the name right after it, however
            # the parser hangs the participle on the last noun of a coordination
            clients = [a for a in [ctx.res.as_actor(nxt)] if a] or clients
        if head.dep_ == "appos" and head.i != tok.i and head.head.pos_ in ("PROPN", "NOUN"):
            # "Kataib Hezbollah, an Iranian-backed militia": the name it describes
            clients = ctx.res.actors_at(head.head, conj=False) or clients
        if not clients:
            own = ctx.res.mention_at(tok)
            if own is not None and own.kind == "actor" and own.key not in sponsors:
                clients = [own.key]
        for sponsor in dict.fromkeys(_state_for_government(ctx, s) for s in sponsors):
            for c in clients:
                yield ctx.relation(sent, "backs", sponsor, c, "backed-compound", tok)


def _state_for_government(ctx: ArticleContext, actor: str) -> str:
    """The state a government sponsor backs for ("Tehran regime-backed": Iran), else the
    actor itself."""
    if ctx.actor_class(actor) != "Government":
        return actor
    country = ctx.res.country_of_actor(actor)
    if country is None or ctx.res.entry(country, "actor") is None:
        return actor
    ctx.res.ensure_actor(country, "State", "gazetteer")
    return country


@needs(words=("led",))
def led_compound(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "the Saudi-led coalition", "a US- and UK-led alliance": each leader is a member of
    the coalition it leads (a "Kurdish-led" force names no member: no state); "the Machar-led
    rebels", "the Haftar-led LNA": a person before "-led" leads the group (person-led)."""
    doc = ctx.doc
    for tok in ctx.tokens(sent):
        if tok.lower_ != "led" or tok.i < sent.start + 2 or doc[tok.i - 1].text != "-":
            continue
        head = tok.head if tok.head.i != tok.i else tok
        groups = [
            a for a in ctx.res.actors_at(head, conj=False) if ctx.actor_class(a) == "Coalition"
        ]
        own = ctx.res.mention_at(tok)
        if not groups and own is not None and ctx.actor_class(own.key) == "Coalition":
            groups = [own.key]
        for t, w in _hyphen_sponsors(doc, tok.i - 2, sent.start):
            leader = _sponsor_at(ctx, t, w)
            if leader is not None and ctx.actor_class(leader) == "Person":
                for g in _person_led(ctx, head, own, leader):
                    yield ctx.relation(sent, "leads", leader, g, "person-led", tok)
                continue
            if leader is None or leader in groups:  # "Saudi-led coalition" one name
                st = ctx.res.gaz.by_demonym(w) or _state_named_before(ctx, t, sent.start)
                leader = st.name if st is not None else None
                if leader is not None:
                    ctx.res.ensure_actor(leader, "State", "gazetteer")
            for g in groups:
                if leader and leader != g:
                    yield ctx.relation(sent, "memberOf", leader, g, "led-compound", tok)


def _person_led(ctx: ArticleContext, head: Token, own: Mention | None, leader: str) -> list[str]:
    """The groups a person before "-led" heads: the actors the participle's noun names ("the
    Haftar-led Libyan National Army"), else the mention the compound makes ("the Machar-led
    rebels"); never a person (a "Kiir-led Kiir" is no group)."""
    found = ctx.res.actors_at(head, conj=False)
    if not found and own is not None and own.kind == "actor":
        found = [own.key]
    return [g for g in found if g != leader and ctx.actor_class(g) != "Person"]


def _state_named_before(ctx: ArticleContext, last: Token, start: int) -> GazEntry | None:
    """The state whose name of two or three words ends at ``last`` ("United States-led",
    "Saudi Arabia-led": the name the gazetteer matched the whole coalition as)."""
    for n in (3, 2):
        if last.i - n + 1 < start:
            continue
        words = ctx.doc[last.i - n + 1 : last.i + 1].text
        st = [e for e in ctx.res.gaz.lookup(words) if e.kind == "actor" and e.cls == "State"]
        if st:
            return st[0]
    return None


def _hyphen_sponsors(doc: Doc, i: int, start: int) -> list[tuple[Token, str]]:
    """The word before "-backed" and the words of a suspended coordination before it
    ("Iranian- and Russian-backed", "Saudi-, Emirati- and US-backed": each)."""
    out = [(doc[i], doc[i].text)]
    j = i - 1
    while j - 1 >= start and doc[j].lower_ in ("and", ","):
        prev = doc[j - 1]
        if len(prev.text) > 1 and prev.text[-1] in "-–":  # "Saudi-" as one token
            out.append((prev, prev.text[:-1]))
            j -= 2
        elif prev.text in ("-", "–") and j - 2 >= start:
            out.append((doc[j - 2], doc[j - 2].text))
            j -= 3
        else:
            break
    return out


def _glued_sponsor(ctx: ArticleContext, tok: Token) -> str | None:
    """The state or organisation before the hyphen of one token "U.S.-backed", "U.N.-backed"
    (``support.glued``: the tokenizer keeps an abbreviation's dots and the participle
    together); None for anything else."""
    if tok.lower_ not in ctx.rules["support"]["glued"]:
        return None
    name = tok.text.rpartition("-")[0]
    actors = [e for e in ctx.res.gaz.lookup(name) if e.kind == "actor"]
    if not actors:
        return None
    ctx.res.ensure_actor(actors[0].name, actors[0].cls, "gazetteer")
    return actors[0].name


def _sponsor_at(ctx: ArticleContext, sp_tok: Token, text: str) -> str | None:
    """The actor a word before "-backed" names: a mention, or a demonym's state."""
    m = ctx.res.mention_at(sp_tok)
    if m is not None and m.end > sp_tok.i + 2:
        m = None  # "Turkish-backed Syrian National Army" matched as one name: the demonym
    sponsor = ctx.res.as_actor(m) if m is not None else None
    if sponsor is None:
        st = ctx.res.gaz.by_demonym(text)
        if st is None:
            return None
        sponsor = st.name
        ctx.res.ensure_actor(st.name, "State", "gazetteer")
    return sponsor


@needs("support.participles")
def backed_by(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "Y, backed / supported / armed by X" and "Y is backed by X"."""
    parts = set(ctx.rules["support"]["participles"])
    for tok in ctx.tokens(sent):
        if tok.lower_ not in parts or tok.tag_ != "VBN":
            continue
        sponsors = ctx.passive_agents(tok) or means_sponsors(ctx, tok)
        if not sponsors or ctx.negated(tok) or ctx.denied(tok):
            continue
        air = {m.key for m in ctx.res.mentions if m.air}
        for client in participle_clients(ctx, tok):
            for sp in sponsors:
                kind = "backs" if sp in air else support_kind(ctx, sp, tok.lemma_)
                method = "backed-by" if kind == "backs" else "supported-by-ally"
                yield ctx.relation(sent, kind, sp, client, method, tok)


def _maybe(ctx: ArticleContext, tok: Token) -> bool:
    """True when a modal of mere possibility governs the verb ``tok`` (``possibility_modals``:
    "will" and "would" pledge it)."""
    maybe = ctx.lexicon_of("possibility_modals")
    return any(c.dep_ == "aux" and c.lower_ in maybe for c in tok.children)


def verb_objects(ctx: ArticleContext, verb: Token) -> list[Token]:
    """The objects of a verb, and a name right after it the parser took for an adverbial
    ("Rwanda backs M23": "M23" as npadvmod)."""
    out = [c for c in verb.children if c.dep_ == "dobj"]
    out += [
        c
        for c in verb.children
        if c.dep_ == "npadvmod" and c.i == verb.i + 1 and ctx.res.mention_at(c) is not None
    ]
    if not out and verb.lemma_ in ("help", "assist"):  # "helped Y shoot down": Y, the parse's
        out = [
            s
            for c in verb.children
            if c.dep_ in ("ccomp", "xcomp")
            for s in c.children
            if s.dep_ == "nsubj"
        ]  # subject of the verb after it
    return out


@needs("support.verbs", "support.up_verbs")
def support_verb(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X backs / supports / arms Y", "X propped up Y", "Y, which X arms" (active voice)."""
    verbs = set(ctx.rules["support"]["verbs"])
    up_verbs = set(ctx.rules["support"]["up_verbs"])
    for tok in ctx.tokens(sent):
        up = tok.lemma_ in up_verbs and any(c.lower_ == "up" for c in tok.children)
        relative = tok.dep_ == "relcl"  # "Y, which X backs": the parser may take "X backs" for
        if (tok.pos_ != "VERB" and not relative) or (tok.lemma_ not in verbs and not up):
            continue  # a noun with a compound, yet a relative clause's head is a verb
        if tok.tag_ == "VBN" and not is_perfect(tok):
            continue  # "backed by X", "US-armed": a participle, not X's act ("has armed" is)
        purpose_of = tok.head if tok.dep_ in ("advcl", "xcomp") else tok  # "not send X to help"
        if (
            ctx.negated(tok)
            or ctx.denied(tok)
            or ctx.negated(purpose_of)
            or _maybe(ctx, purpose_of)
        ):
            continue  # "could support Y", "could send troops to help Y": no support
        objs = verb_objects(ctx, tok) or [  # "X has armed and trained Y": the object shared
            o
            for c in tok.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and c.lemma_ in verbs
            and not any(s.dep_.startswith("nsubj") for s in c.children)
            for o in verb_objects(ctx, c)
        ]
        if not objs:
            continue
        clients = ctx.res.actors_at(objs[0])
        sponsors = ctx.subject_actors(tok) or [
            a for c in tok.children if c.dep_ == "nsubj" for a in means_owners(ctx, c)
        ]  # "Russian air support aided the army"
        described = _described(ctx, tok) if relative else []
        if described is None:
            continue  # "X is not a militia that supports Y"
        if described:  # "X is a militia that supports the army": X, not "militia"
            sponsors = described
        if objs[0].tag_ in ("WDT", "WP") and relative:  # "Y, which X backs": the noun is Y;
            clients = ctx.res.actors_at(tok.head, conj=False)  # X the subject, which the
            sponsors = [  # parser may take for a compound of the verb
                a
                for c in tok.children
                if c.dep_ in ("nsubj", "compound")
                for a in ctx.res.actors_at(c)
            ]
        for sp in sponsors:
            for c in clients:
                kind = support_kind(ctx, sp, tok.lemma_)
                yield ctx.relation(sent, kind, sp, c, "support-verb", tok)


#: words that make a description past: "X, once a force that supported Y"
_PAST_WORDS = frozenset({"once", "former", "formerly", "ex"})


def _described(ctx: ArticleContext, verb: Token) -> list[str] | None:
    """The actor a relative clause's noun describes when the clause's subject is its relative
    pronoun: "X is a civilian force that supports Y", "X, a militia that supports Y" (the
    subject of the copula, the name the noun is set off after); None under a negated copula
    ("X is not a militia that supports Y") and for a past description ("X, once a force that
    supported Y", "a former militia that backed Y")."""
    noun = verb.head
    if noun.pos_ != "NOUN" or not any(
        c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who") for c in verb.children
    ):
        return []
    if any(t.lower_ in _PAST_WORDS for t in (*noun.children, *verb.children)):
        return None
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        if ctx.negated(noun.head):
            return None
        subj = [c for c in noun.head.children if c.dep_ == "nsubj"]
        return [a for c in subj for a in ctx.res.actors_at(c, conj=False)]
    if noun.dep_ == "appos":
        return ctx.res.actors_at(noun.head, conj=False)
    return []


@needs("proxy_nouns")
def proxy(ctx: ArticleContext, sent: Span) -> Iterator[RelationFact | None]:
    """ "X's proxy Y", "Y, X's proxy", "Y is X's proxy", "Y, a Turkish proxy", "Y, a proxy of
    X" (not "is not X's proxy", "denied being a proxy of X", "a former proxy")."""
    nouns = set(ctx.rules["proxy_nouns"])
    for tok in ctx.tokens(sent):
        if tok.lower_ in nouns and tok.pos_ == "ADJ" and tok.dep_ == "amod":
            # "Iran's proxy Hezbollah" parsed as an adjective: the possessive on the name
            poss = [c for c in tok.head.children if c.dep_ == "poss"]
            for sp in ctx.res.actors_at(poss[0], conj=False) if poss else []:
                for client in ctx.res.actors_at(tok.head, conj=False):
                    yield ctx.relation(sent, "backs", sp, client, "proxy", tok)
            continue
        if tok.lower_ not in nouns or tok.pos_ != "NOUN":
            continue
        if ctx.negated(tok) or ctx.denied(tok) or any(c.lower_ == "former" for c in tok.children):
            continue
        poss = [c for c in tok.children if c.dep_ == "poss"]
        sponsors = ctx.res.actors_at(poss[0], conj=False) if poss else []
        if not poss:  # "a Turkish proxy", "an Iran proxy", "a proxy of / for Iran"
            sponsors = [
                a
                for c in tok.children
                if c.dep_ in ("amod", "compound") and c.i < tok.i
                for a in ctx.word_actors(c)
            ]
            sponsors += [
                a for o in ctx.prep_objects(tok, {"of", "for"}) for a in ctx.res.actors_at(o)
            ]
        if not sponsors:
            continue
        clients: list[str] = []
        for c in tok.children:
            if c.dep_ == "appos":
                clients += ctx.res.actors_at(c)
        clients += listed(ctx, tok)  # "Iran's proxies, including Hezbollah and the Houthis"
        if not clients and tok.dep_ == "appos":
            clients = ctx.res.actors_at(tok.head, conj=False)
        if not clients and tok.dep_ == "attr":
            clients = ctx.subject_actors(tok.head)
        if not clients:
            own = ctx.res.mention_at(tok)
            clients = [own.key] if own is not None and own.kind == "actor" else []
        for sp in sponsors:
            for client in clients:
                yield ctx.relation(sent, "backs", sp, client, "proxy", tok)


RULES: tuple[Callable[[ArticleContext, Span], Iterator[RelationFact | None]], ...] = (
    backed_compound,
    led_compound,
    backed_by,
    support_verb,
    proxy,
)
