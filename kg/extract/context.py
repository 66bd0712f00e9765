"""What the relation and event rules share while reading one article.

:class:`ArticleContext` holds the parse, the entity resolver, the rules and the publication
date, and answers the questions every rule asks: the evidence of a sentence, whether a
statement is hedged or negated, which date belongs to a trigger word, who the subject of a
verb is (through "looks to squeeze", "preparing to recapture").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.extract.disputes import disputed
from kg.extract.falsereports import false_report
from kg.extract.mentions import Resolver
from kg.extract.timex import TimeExpr, find_dates, is_dateline, that_year
from kg.model import Evidence, FuzzyDate, RelationFact

#: characters from the head of an article within which a date may be its dateline
_DATELINE_REACH = 60
_THAT_YEAR_REACH = 600  # how far back "that year" looks for the year it names (characters)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ArticleContext",
    "DateAt",
    "exchanged",
    "one_per_side",
    "pairs",
]

#: dependencies a denial reaches through, from a word up to the verb that denies its clause
_DENIABLE_DEPS = frozenset(("prep", "pobj", "dobj", "ccomp", "xcomp", "pcomp", "conj", "attr"))


def pairs(names: Iterable[str]) -> list[tuple[str, str]]:
    """Each pair of two different names, in their order.

    >>> pairs(["A", "B", "C"])
    [('A', 'B'), ('A', 'C'), ('B', 'C')]
    """
    names = list(names)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if a != b]


def one_per_side(actors: Iterable[str], same_side: Callable[[str, str], bool] | None) -> list[str]:
    """The actors less any that is one side with an earlier one (a state beside its own
    forces): who can be allies or enemies of each other.

    >>> one_per_side(["Iraq", "Iraqi army", "PMF"], lambda a, b: {a, b} == {"Iraq", "Iraqi army"})
    ['Iraq', 'PMF']
    """
    sides: list[str] = []
    for a in actors:
        if same_side is None or not any(same_side(a, s) for s in sides):
            sides.append(a)
    return sides


@dataclass(frozen=True)
class DateAt:
    """A time expression located in the parse."""

    expr: TimeExpr
    tokens: tuple[int, ...]  # token indices it covers

    @property
    def value(self) -> FuzzyDate:
        return self.expr.value


_DASHES = frozenset(("—", "–", "--", "-"))


def _dateline_word(tok: Token) -> bool:
    """Whether ``tok`` is a bare dateline opening its sentence, a city in capitals and a dash
    ("BAGHDAD — The Islamic State seized P": the place the report is filed from, which the
    parser may make a second subject; kg.ingest strips only datelines it can tell from a
    name, "BEIRUT (Reuters) -", "KABUL, Afghanistan —")."""
    doc = tok.doc
    return (
        tok.i == tok.sent.start
        and tok.is_upper
        and len(tok.text) > 2
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text in _DASHES
    )


#: relation types a wish or refusal leaves unstated ("X hopes to control P", "X refused to
#: arm Y"); not a fight: "X is seeking to overthrow Y" (ArticleContext.wished)
_WISHABLE = ("controls", "backs", "alliedWith")


@dataclass
class ArticleContext:
    """One article being read by the rules."""

    doc: Doc
    res: Resolver
    rules: dict[str, Any]
    pub: FuzzyDate | None
    _dates: dict[int, list[DateAt]] = field(default_factory=dict)
    _tokens: dict[int, list[Token]] = field(default_factory=dict)
    _lex: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    _words: dict[int, frozenset[str]] = field(default_factory=dict)
    _disputed: dict[int, bool] = field(default_factory=dict)

    def tokens(self, sent: Span) -> list[Token]:
        """The tokens of a sentence (built once: every rule walks them)."""
        toks = self._tokens.get(sent.start)
        if toks is None:
            toks = self._tokens[sent.start] = list(sent)
        return toks

    def stated_verbs(self, sent: Span, lemmas: AbstractSet[str]) -> list[Token]:
        """The verbs of ``sent`` whose lemma is one of ``lemmas``, neither negated nor unreal
        ("did not shell", "could shell" are no shelling)."""
        toks = self.tokens(sent)
        verbs = [t for t in toks if t.pos_ == "VERB" and t.lemma_ in lemmas]
        return [t for t in verbs if not self.negated(t) and not self.unreal(t)]

    def words(self, sent: Span) -> frozenset[str]:
        """The lower-case texts and lemmas of a sentence's tokens (what rule gates test)."""
        words = self._words.get(sent.start)
        if words is None:
            toks = self.tokens(sent)
            words = frozenset(t.lower_ for t in toks) | frozenset(t.lemma_.lower() for t in toks)
            self._words[sent.start] = words
        return words

    def lexicon(self, family: str, key: str) -> frozenset[str]:
        """A word list of the ``events`` section of the rules."""
        words = self._lex.get((family, key))
        if words is None:
            words = frozenset(self.rules["events"][family].get(key, []))
            self._lex[(family, key)] = words
        return words

    # -- evidence ---------------------------------------------------------------------
    def evidence(self, sent: Span, method: str, hedged: bool = False) -> Evidence:
        """The sentence as evidence, with the rule's confidence (lower when hedged)."""
        conf_table = self.rules["confidence"]
        conf = float(conf_table.get(method, conf_table["default"]))
        if hedged:
            conf *= float(conf_table["hedge-factor"])
        text = sent.text
        lead = len(text) - len(text.lstrip())
        quote = text.strip()
        start = sent.start_char + lead
        return Evidence(quote, start, start + len(quote), method, round(conf, 3), hedged)

    def relation(
        self,
        sent: Span,
        type_: str,
        s: str | None,
        o: str | None,
        method: str,
        anchor: Token,
        **kw: Any,
    ) -> RelationFact | None:
        """A relationship stated by ``sent`` (``None`` when an argument is missing or both are
        one actor), hedged when the words around ``anchor`` hedge it."""
        if not s or not o or s == o:
            return None
        if self.disowned(anchor):
            return None  # "X denied fighting alongside Y", "whether X would arm Y"
        if type_ in _WISHABLE and self.wished(anchor):
            return None  # "X hopes to control P", "X refused to arm Y"
        return RelationFact(type_, s, o, self.evidence(sent, method, self.hedged(anchor)), **kw)

    def wished(self, tok: Token) -> bool:
        """True when the verb ``tok`` is (or hangs a prepositional phrase on) is the
        infinitive of a verb of wish, attempt, threat or refusal (``wish_verbs``): "X hopes to
        control P", "X threatened to arm Y", "X refused to fight alongside Y" state no
        relation. "X vowed to keep fighting Y" does: the fight goes on; so does a noun's
        ("X vowed to end its war with Y": the war is there). Only for control, backing and
        alliance (:data:`_WISHABLE`): "X is seeking to overthrow Y" states that they fight.

        Examples
        --------
        "The army hopes to control Sirte": True for "control". "The army controls Sirte": False.
        """
        t = tok
        for _ in range(3):
            if t.dep_ not in ("pobj", "prep") or t.head.i == t.i:
                break
            t = t.head
        wish = self.lexicon_of("wish_verbs")
        return t.pos_ == "VERB" and t.dep_ == "xcomp" and t.head.lemma_ in wish

    def hedged(self, tok: Token) -> bool:
        """True when the statement around ``tok`` is hedged ("believed to be", "reportedly")."""
        hedges = set(self.rules["hedges"])
        chain = [tok, *tok.ancestors]
        for t in chain[:4]:
            if t.lemma_.lower() in hedges or t.lower_ in hedges:
                return True
            for c in t.children:
                if c.dep_ in ("advmod", "aux") and (c.lower_ in hedges or c.lemma_ in hedges):
                    return True
        sent = tok.sent  # "X shelled P, a claim Y rejected": contested (kg.extract.disputes)
        known = self._disputed.get(sent.start)
        if known is None:  # once per sentence, not once per fact
            after = self.doc[sent.end].sent if sent.end < len(self.doc) else None
            denials, claims = self.lexicon_of("denials"), self.lexicon_of("disputed_claim_nouns")
            known = self._disputed[sent.start] = disputed(sent, after, denials, claims)
        return known

    def is_risk(self, tok: Token) -> bool:
        """True when ``tok`` is only a stated risk ("the potential for clashes", "warned of")."""
        risk = self.lexicon_of("risk_words")
        for t in [tok, *itertools.islice(tok.ancestors, 4)]:
            if t.lemma_.lower() in risk or t.lower_ in risk:
                return True
            if any(c.lower_ in risk for c in t.children if c.dep_ in ("amod", "compound")):
                return True
        return False

    def rule_words(self, section: str, key: str) -> frozenset[str]:
        """A word list of a section of the rules (``hostility: enemy_nouns``), read once per
        article.

        Examples
        --------
        >>> from kg.extract.vocab import load_rules
        >>> ctx = ArticleContext(None, None, load_rules(), None)  # type: ignore[arg-type]
        >>> sorted(ctx.rule_words("opposed", "death_verbs"))
        ['die', 'injure', 'kill', 'perish', 'wound']
        """
        words = self._lex.get((section + ":", key))
        if words is None:
            words = self._lex[(section + ":", key)] = frozenset(self.rules[section][key])
        return words

    def lexicon_of(self, key: str) -> frozenset[str]:
        """A top-level word list of the rules (``hedges``, ``risk_words``, ...)."""
        words = self._lex.get(("", key))
        if words is None:
            words = self._lex[("", key)] = frozenset(self.rules[key])
        return words

    def unreal(self, tok: Token) -> bool:
        """True when a verb states no present fact: a modal or future ("could take P",
        "will retake P"), a past state ("once held P", "formerly controlled P", "had long
        held P"; not "has long held P": ``lasting_markers``), or a gerund of what is near
        ("on the verge of recapturing P": ``imminence_words``)."""
        modals = self.lexicon_of("modals")
        past = self.lexicon_of("past_markers")
        near = self.lexicon_of("imminence_words")
        if tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "to") and tok.head.head.lower_ in near:
            return True  # "on the verge of recapturing P", "close to seizing P"
        perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in modals:
                return True
            if c.dep_ == "advmod" and c.lower_ in past:
                # "has long held P", "has long been an X stronghold": held to this day
                return not (perfect and c.lower_ in self.lexicon_of("lasting_markers"))
        return False

    def ended(self, tok: Token) -> bool:
        """True when ``tok`` is the object of a verb that ends it ("halt the siege", "lift the
        blockade": ``events.siege.end_verbs``): what is to end is there now."""
        return tok.dep_ == "dobj" and tok.head.lemma_ in self.lexicon("siege", "end_verbs")

    def requested(self, tok: Token) -> bool:
        """True when ``tok`` is only asked for: the infinitive of a verb of asking ("urged its
        allies to launch airstrikes", "asked them to attack P"), or its object ("appealed
        for air strikes", "demanded strikes"; ``request_verbs``)."""
        verbs = self.lexicon_of("request_verbs")
        t = tok
        for _ in range(6):
            head = t.head
            if head.i == t.i:
                return False
            to = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            if to and t.pos_ in ("VERB", "AUX") and head.lemma_ in verbs:
                return True
            if t.pos_ == "NOUN" and head.lower_ == "for" and head.head.lemma_ in verbs:
                return True  # "appealed for air strikes"
            if t.dep_ == "dobj" and head.lemma_ in verbs and head.lemma_ != "call":
                return True  # "demanded air strikes"
            if t.dep_ in ("relcl", "acl", "ccomp", "parataxis") or (t.pos_ == "VERB" and not to):
                return False  # a clause of its own states a fact of its own
            if t.pos_ != "VERB" and t.dep_ != "dobj":
                return False  # "urged them to stay calm during the battle": it is
            t = head
        return False

    def denied(self, tok: Token) -> bool:
        """True when a verb of denial governs ``tok`` ("denied backing the rebels")."""
        deny = self.lexicon_of("denials")
        for t in [tok, *itertools.islice(tok.ancestors, 3)]:
            if t.lemma_ in deny:
                return True
            if t.dep_ in ("relcl", "acl", "appos", "nsubj", "nsubjpass", "advcl"):
                # "X, which receives arms from Y, denied ...", "X, a proxy of Y, denied ...":
                # the subject's description is not what is denied
                return False
        return False

    def disowned(self, tok: Token) -> bool:
        """True when the clause of ``tok`` is what a verb of denial denies ("denied that its
        fighters had clashed with Y", "denied fighting alongside Y", "denied any link with Y")
        or an open question ("whether X would arm Y", ``open_question_marks``).

        Only a complement is denied: not a subject, an apposition, a relative or adverbial
        clause, nor a modifier ("X denied shelling the M23-held town": M23 still holds it;
        "X denied the report, saying it had taken P": P is claimed).
        """
        deny = self.lexicon_of("denials")
        marks = self.lexicon_of("open_question_marks")
        if false_report(self, tok):
            return True  # "dismissed false reports that X had taken P"
        t = tok
        for _ in range(6):
            if t.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "mark" and c.lower_ in marks for c in t.children
            ):
                return True
            if t.dep_ in ("ccomp", "xcomp", "dobj", "pcomp") and t.head.lemma_ in deny:
                return True
            if t.dep_ not in _DENIABLE_DEPS or t.head.i == t.i:
                return False
            t = t.head
        return False

    def negated(self, tok: Token) -> bool:
        """True when ``tok`` or the verbs above it (up to the clause) are negated."""
        for t in [tok, *itertools.islice(tok.ancestors, 2)]:
            for c in t.children:
                if c.dep_ == "neg" or (c.lower_ == "longer" and c.nbor(-1).lower_ == "no"):
                    return True
                if c.dep_ == "det" and c.lower_ == "no" and t.pos_ == "NOUN":
                    return True
            if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "conj", "aux"):
                break
            if t.dep_ == "appos":  # "X, an ally of Y, did not comment": not denied by the host
                j, doc = t.left_edge.i, t.doc  # but "X, no longer an ally of Y"
                before = doc[max(j - 2, 0) : j].text.lower()
                return before.endswith(("no longer", "not", "never"))
        return False

    def actor_class(self, actor: str) -> str:
        """The ckg class of an actor key (``ArmedGroup`` when nothing says otherwise)."""
        return self.res.actor_class(actor) or "ArmedGroup"

    def word_actors(self, tok: Token) -> list[str]:
        """Actors one word names: a mention, a pronoun, or a demonym's state ("Russian").

        A demonym stands for its state only when the gazetteer knows that state as an actor
        ("Kurdish" names no state, so it names no actor).
        """
        out = self.res.actors_at(tok, conj=False)
        if out:
            return out
        st = self.demonym_state(tok)
        return [st] if st is not None else []

    def demonym_state(self, tok: Token) -> str | None:
        """The State actor a demonym or country word names ("Iranian" → Iran), registered as
        an actor of the article; None when the gazetteer knows no such state actor."""
        st = self.res.gaz.by_demonym(tok.text)
        if st is None or self.res.entry(st.name, "actor") is None:
            return None
        self.res.ensure_actor(st.name, "State", "gazetteer")
        return st.name

    def same_side(self, a: str, b: str) -> bool:
        """True when two actors are one side: a state, its government and its forces."""
        ca, cb = self.res.country_of_actor(a), self.res.country_of_actor(b)
        if ca is None or ca != cb:
            return False
        official = ("State", "Government", "ArmedForces")
        return self.actor_class(a) in official and self.actor_class(b) in official

    # -- subjects -----------------------------------------------------------------------
    def subject_actors(self, verb: Token) -> list[str]:
        """Actors doing ``verb``: its subject, found through xcomp / conj / relcl chains; for
        "X urged Y to attack", the object Y; for "X deployed Y to storm P", X and Y."""
        sent_to = self._object_control(verb)
        if sent_to:
            if verb.head.lemma_ not in self.lexicon_of("sending_verbs"):
                return sent_to
            return list(dict.fromkeys([*self._subject_chain(verb.head), *sent_to]))
        return self._subject_chain(verb)

    def _subject_chain(self, verb: Token) -> list[str]:
        t: Token | None = verb
        for _ in range(5):
            if t is None:
                break
            for c in t.children:
                if c.dep_ == "nsubj" and _dateline_word(c):
                    continue  # "BAGHDAD — IS seized P": the parser's second subject
                if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and t is not verb):
                    actors = self.res.actors_at(c, principal=True)
                    actors += [a for a in self._leaders(c) if a not in actors]
                    actors += [a for a in self.included(c) if a not in actors]
                    if actors:
                        return actors
                    if c.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                        return self._antecedent(t.head)
                    return []
            if t.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and t.head.i != t.i:
                t = t.head
                if t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX"):
                    # "X was accused of arming Y", "X attacked P after seizing Q"; with an
                    # object and "of", "for", "against", "from", "into", the object does it:
                    # "they accused X of sending troops", "warned X against attacking Y" (not
                    # "after seizing P, X forced Y to flee": X seized it)
                    of = t.lower_ in ("of", "for", "against", "from", "into")
                    t = t.head
                    objs = [
                        a for c in t.children if c.dep_ == "dobj" for a in self.res.actors_at(c)
                    ]
                    if objs and of:
                        return objs
            elif t.dep_ in ("relcl", "acl"):
                return self._antecedent(t.head)
            else:
                break
        return []

    def _object_control(self, verb: Token) -> list[str]:
        """ "X sent Y to do": the actors of the object of the verb an infinitive hangs on."""
        if verb.dep_ not in ("xcomp", "advcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ):
            return []
        if verb.head.lemma_ in self.lexicon_of("motion_verbs"):
            return []  # "X entered P to hunt Y": X hunts, P is where
        objs = [c for c in verb.head.children if c.dep_ == "dobj"]
        return [a for o in objs for a in self.res.actors_at(o)]

    def _antecedent(self, noun: Token) -> list[str]:
        """Whom a relative clause on ``noun`` is about: ``noun``'s actors, or for a noun in
        apposition ("X, a coalition that includes Y") the actor it describes."""
        found = self.res.actors_at(noun)
        if not found and noun.dep_ == "appos":
            found = self.res.actors_at(noun.head, conj=False)
        return found

    def _leaders(self, noun: Token) -> list[str]:
        """Armed actors leading the doers a noun names ("insurgents led by HTS", "rebel forces
        spearheaded by X", "government troops and militias led by X": of a conjunct too):
        they act too; a person leading them is no doer of the event."""
        out: list[str] = []
        for c in [g for n in (noun, *noun.conjuncts) for g in n.children]:
            if c.dep_ == "acl" and c.lemma_ in ("lead", "spearhead", "head", "command"):
                out += [a for a in self.passive_agents(c) if self.actor_class(a) != "Person"]
        return out

    def included(self, noun: Token) -> list[str]:
        """Armed actors an "including" / "such as" phrase on the doers names ("militants,
        including the Nusra Front, seized P"): they act too; a person named is no doer."""
        out: list[str] = []
        for c in noun.children:
            such_as = c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
            if c.dep_ == "prep" and (c.lower_ == "including" or such_as):
                out += [
                    a
                    for g in c.children
                    if g.dep_ == "pobj"
                    for a in self.res.actors_at(g)
                    if self.actor_class(a) != "Person" and a not in out
                ]
        return out

    def passive_agents(self, verb: Token) -> list[str]:
        """Actors in the "by" phrase of a passive verb (and those it includes: "by
        militants, including X")."""
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self.res.actors_at(p)
                        return found + [a for a in self.included(p) if a not in found]
        return []

    def prep_objects(self, tok: Token, preps: AbstractSet[str]) -> list[Token]:
        """Objects of ``tok``'s prepositions among ``preps`` (also through "out of")."""
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "prt", "agent", "advmod") and c.lower_ in preps:
                out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in preps:
                        out += [h for h in g.children if h.dep_ == "pobj"]
        return out

    # -- dates ----------------------------------------------------------------------------
    def dates(self, sent: Span) -> list[DateAt]:
        """Dates stated in a sentence, located on tokens."""
        if sent.start in self._dates:
            return self._dates[sent.start]
        out = []
        before = self.doc.text[max(0, sent.start_char - _THAT_YEAR_REACH) : sent.start_char]
        for te in find_dates(sent.text, self.pub) + that_year(sent.text, before, self.pub):
            at = sent.start_char + te.start
            if at < _DATELINE_REACH and is_dateline(self.doc.text[:at], te):
                continue  # the article's dateline dates no event of its first sentence
            span = self.doc.char_span(
                sent.start_char + te.start, sent.start_char + te.end, alignment_mode="expand"
            )
            if span is not None:
                out.append(DateAt(te, tuple(range(span.start, span.end))))
        self._dates[sent.start] = out
        return out

    def date_for(
        self, anchor: Token, prefer: str | None = None, within: set[int] | None = None
    ) -> tuple[FuzzyDate | None, str]:
        """The date of the statement anchored at ``anchor``: the sentence's date expression
        closest to it in the parse tree, one of a verb conjoined to it only when it has none
        else ("captured by X in 2014 and retaken in 2016": 2014). Returns the date and how it
        relates (at/since/until).
        """
        cands = self.dates(anchor.sent)
        if within is not None:
            cands = [d for d in cands if set(d.tokens) & within]
        if prefer is not None and any(d.expr.relation == prefer for d in cands):
            cands = [d for d in cands if d.expr.relation == prefer]
        cands = [d for d in cands if not self._of_another_noun(anchor, self.doc[d.tokens[0]])]
        if not cands:
            return None, "at"
        # "captured by X in 2014 and retaken in 2016": the conjoined verb's date is its own
        conjoined = [c for c in anchor.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        best = min(
            cands,
            key=lambda d: (
                any(self.doc[d.tokens[0]] in c.subtree for c in conjoined),
                min(tree_distance(anchor, self.doc[i]) for i in d.tokens),
                abs(d.tokens[0] - anchor.i),
            ),
        )
        return best.value, best.expr.relation

    def _of_another_noun(self, anchor: Token, date: Token) -> bool:
        """True when ``date`` dates a clause that describes some other noun than the event at
        ``anchor``: "strikes intensified ... to retake Taiz, taken by the Houthis in
        March 2015", "a retreat from P, the sole provincial capital it had taken
        since February", "their largest gain since losing power in 2001", "the deadliest
        attack since 2014" (not "the attack,
        which took place on Monday", nor "according to a statement issued on Monday")."""
        if _compared_since(date):
            return True
        for t in date.ancestors:
            # a clause on a noun, or a participle the parser hung on the verb ("P, seized by
            # X in 2014")
            bare = (
                t.dep_ == "advcl"
                and t.tag_ == "VBN"
                and not any(c.dep_ in ("aux", "auxpass", "mark") for c in t.children)
            )
            # "... since losing power in 2001": a time of its own
            since = t.dep_ == "pcomp" and t.head.lower_ in ("since", "after", "before")
            # "..., raising the toll to 31 since the assault opened on Friday"
            since = since or (
                t.dep_ == "advcl"
                and any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children)
            )
            # a copula with a noun too: "P, which was the scene of celebrations on Sunday"
            # (not "the attack, which was on Monday")
            copula = t.pos_ == "AUX" and any(c.dep_ == "attr" for c in t.children)
            if (t.dep_ in ("acl", "relcl") or bare or since) and (t.pos_ == "VERB" or copula):
                # "the attack on P, which took place on Monday": a verb of happening
                happened = t.lemma_ in ("take", "occur", "happen", "begin", "start") and (
                    t in anchor.subtree and t.dep_ != "advcl"
                )
                inside = t.i == anchor.i or anchor in t.subtree or t.head.i == anchor.i or happened
                # "X has retaken P, according to an announcement made on 3 November": the
                # report that states the event dates it
                report = t.dep_ == "acl" and t.head.lemma_ in self.lexicon_of("report_nouns")
                return not (inside or report) and t not in anchor.ancestors
        return False

    def default_date(self) -> FuzzyDate | None:
        """The date of an event the text does not date: the publication month."""
        if self.pub is None:
            return None
        return FuzzyDate(self.pub.year, self.pub.month) if self.pub.month else self.pub


def superlative(tok: Token) -> bool:
    """True for "deadliest", "worst", or a noun they (or "most deadly") qualify."""
    if tok.tag_ in ("JJS", "RBS"):
        return True
    return any(
        c.tag_ == "JJS" or (c.dep_ == "amod" and any(g.tag_ == "RBS" for g in c.children))
        for c in tok.children
    )


def _compared_since(date: Token) -> bool:
    """True when ``date`` is the start of a comparison, not when the event was: "the
    deadliest attack since 2014", "the worst toll in the region since March"."""
    t = date if date.lower_ == "since" else date.head  # "since 2014" itself, not "since a
    if t.dep_ != "prep" or t.lower_ != "since":  # raid in December 2014": the raid's date
        return False
    # on the noun, or on the verb beside it ("killing N in the deadliest attack since")
    beside = [g for c in t.head.children if c.dep_ == "prep" for g in c.children]
    return superlative(t.head) or any(superlative(g) for g in beside)


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ib = {t.i: n for n, t in enumerate(pb)}
    for n, t in enumerate(pa):
        if t.i in ib:
            return n + ib[t.i]
    return len(pa) + len(pb)


def exchanged(
    ctx: ArticleContext, sent: Span, nouns: Collection[str]
) -> Iterator[tuple[Token, str, str]]:
    """(verb, A, B) of "A and B traded / exchanged <noun>", "A exchanged <noun> with B": a verb
    of ``hostility.exchange_verbs`` (not negated or modal) whose object is one of ``nouns``
    (fire, accusations), and two sides of it not on one side."""
    verbs = frozenset(ctx.rules["hostility"]["exchange_verbs"])
    for tok in ctx.tokens(sent):
        if tok.pos_ != "VERB" or tok.lemma_ not in verbs or ctx.negated(tok) or ctx.unreal(tok):
            continue
        hits = [
            c for c in tok.children if c.dep_ == "dobj" and (c.lemma_ in nouns or c.lower_ in nouns)
        ]
        if not hits:
            continue
        sides = list(ctx.subject_actors(tok))
        for t in (tok, *hits):  # "traded fire with Y": on the verb or on the noun
            sides += [a for o in ctx.prep_objects(t, {"with"}) for a in ctx.res.actors_at(o)]
        for a, b in pairs(dict.fromkeys(sides)):
            if not ctx.same_side(a, b):
                yield tok, a, b
