"""Text → facts: the :class:`Extractor` runs the spaCy pipeline and every rule on an article.

Sentence-level rules are tabled in :mod:`kg.extract.rulebook`; this
module adds what needs the whole article:

- statements of one event in several sentences become one event (an agentless "P has fallen"
  joins "X retook P"; the most precise agreeing date wins);
- a capture or offensive without a stated target is aimed at whoever the article says holds
  the place;
- captures give the captor control of the place from that date, and end the loser's;
- an event with a stated target is evidence that agent and target fight;
- a person's hostility ("Assad looks to squeeze ...") is that of the government they lead.

Examples
--------
>>> from kg.model import ArticleMeta, FuzzyDate
>>> ex = Extractor()
>>> facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2017, 11, 3)),
...                    "The US-backed Syrian Democratic Forces took Raqqa last month.")
>>> sorted((r.type, r.subject, r.object) for r in facts.relations)[0]
('backs', 'United States', 'Syrian Democratic Forces')
>>> [(e.type, e.place, str(e.date)) for e in facts.events]
[('Capture', 'Raqqa', '2017-10')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kg.extract import aftermath, eventrefs, pairs, retold, unplaced
from kg.extract.context import ArticleContext
from kg.extract.derive import (
    event_relations,
    evidence_of,
    forces_act,
    friends,
    kin_targets,
    lost_holdings,
    states_act,
    states_struck,
    without_contradictions,
    without_friendly_fights,
    without_self_backing,
)
from kg.extract.eventlearn import review_events
from kg.extract.events import Found, subject_token
from kg.extract.helpers import helper_relations, partner_states
from kg.extract.loyalists import loyal_offices
from kg.extract.mentions import Resolver, load_rules
from kg.extract.participants import participant_relations
from kg.extract.personsides import backed_leaders, member_sides
from kg.extract.placing import place_from_context
from kg.extract.rulebook import article_pass, find_events, find_relations
from kg.model import (
    ARMED_CLASSES,
    ArticleFacts,
    ArticleMeta,
    EventFact,
    FuzzyDate,
    RelationFact,
    dates_agree,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from kg.extract.gazetteer import Gazetteer

__all__ = ["Extractor"]

# events whose doers fight whom the article has hold the place (a strike from the air is not
# one: the air force of an ally strikes in a town its friends hold, against their attackers)
_HOLDER_FOES = frozenset({"Capture", "Offensive", "Attack"})
_HOSTILE_EVENTS = {
    "Capture",
    "Offensive",
    "Siege",
    "SiegeLifted",
    "Airstrike",
    "Attack",
    "Bombardment",
}


class Extractor:
    """Reads articles into :class:`~kg.model.ArticleFacts`.

    Parameters
    ----------
    gazetteer_dir : str or None
        Folder of gazetteer YAML files (``None``: the packaged ``data/gazetteer``).
    learned : bool or None
        Whether the learned components add their facts (:mod:`kg.extract.pairs`) and check
        the events (:mod:`kg.extract.eventlearn`); ``None``:
        unless the environment says ``KG_LEARNED=0``.
    """

    def __init__(self, gazetteer_dir: str | None = None, learned: bool | None = None) -> None:
        from kg.extract.gazetteer import load_gazetteer
        from kg.extract.nlp import load_nlp

        self.gazetteer_dir = gazetteer_dir
        self.nlp: Language = load_nlp(gazetteer_dir)
        from pathlib import Path

        self.gaz: Gazetteer = load_gazetteer(Path(gazetteer_dir) if gazetteer_dir else None)
        self.rules = load_rules()
        #: actors named earlier in a build (normalised form → key), shared with the build's
        #: :class:`~kg.extract.consolidate.Consolidator`
        self.known: dict[str, str] = {}
        self.learned = pairs.learned_on() if learned is None else learned
        #: called with each article's candidate pairs (``kg train pairs`` collects them)
        self.pair_sink: Callable[[ArticleMeta, list[pairs.Candidate]], None] | None = None
        #: when a list, each article's merged events are logged to it with their features
        #: (:func:`kg.extract.eventlearn.review_events`; for training)
        self.event_log: list[dict[str, Any]] | None = None
        coref = self.rules["coref"]
        #: words that may stand for an actor or place in a sentence without names
        self._refs = frozenset(
            w
            for words in (*coref.values(), self.rules["pronouns"], self.rules["actor_heads"])
            for phrase in words
            for w in phrase.split()
        )

    def extract(self, meta: ArticleMeta, text: str) -> ArticleFacts:
        """Facts of one article."""
        return self.facts(meta, text, self.nlp(text))

    def pipe(
        self,
        items: Iterable[tuple[ArticleMeta, str]],
        *,
        batch_size: int = 16,
        n_process: int = 1,
    ) -> Iterator[ArticleFacts]:
        """Facts of many articles, parsed in batches (and processes), in input order.

        With ``n_process > 1`` the articles are parsed *and* read by the rules in worker
        processes (:mod:`kg.extract.parallel`); the facts are identical to one process's.
        """
        if n_process > 1:
            from kg.extract.parallel import parallel_facts

            for out in parallel_facts(self, items, batch_size=batch_size, n_process=n_process):
                assert isinstance(out, ArticleFacts)  # articles in: no file, so no failure
                yield out
            return
        stream = ((text, meta) for meta, text in items)
        for doc, meta in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            yield self.facts(meta, doc.text, doc)

    # ------------------------------------------------------------------------------------
    def facts(self, meta: ArticleMeta, text: str, doc: Doc) -> ArticleFacts:
        """Facts of one parsed article."""
        return self.facts_and_open_acronyms(meta, text, doc)[0]

    def facts_and_open_acronyms(
        self, meta: ArticleMeta, text: str, doc: Doc
    ) -> tuple[ArticleFacts, frozenset[str]]:
        """Facts of one parsed article, and the all-capital words (normalised) that names
        from earlier articles (:attr:`known`) could have resolved."""
        publishers = frozenset(p.strip() for p in (meta.publisher or "").split(";") if p.strip())
        res = Resolver(doc, self.gaz, ignore=publishers, known=self.known)
        ctx = ArticleContext(doc, res, self.rules, meta.date)
        relations: list[RelationFact] = []
        found: list[Found] = []
        for sent in doc.sents:
            if not self._may_state_facts(res, ctx, sent):
                continue
            relations += find_relations(ctx, sent)
            found += find_events(ctx, sent)
        found = article_pass(ctx, found, relations)
        relations = backed_leaders(
            relations, ctx.actor_class, lambda a: res.entry(a, "actor") is not None
        )
        offices = {r.subject: r.object for r in relations if r.type == "leads"}
        offices |= loyal_offices(res, offices)
        final = self._article_events(ctx, found, relations)
        events = _agents_as_offices([f.fact for f in final], offices)
        states_act(events, ctx)
        relations += states_struck(events, ctx, self.rules)
        states = frozenset(k for k, e in res.reg.entities.items() if e.cls == "State")
        known = self._person_to_office(list(relations), offices, states)  # friends as offices
        relations += event_relations(
            events,
            self.rules,
            ctx.same_side,
            lambda a, b: friends(ctx, known, a, b),
            lambda a: ctx.actor_class(a) in ARMED_CLASSES,
            lambda a, b: _two_forces(ctx, relations, a, b),
        )
        relations = partner_states(ctx, final, events, relations)
        relations += helper_relations(ctx, final, events, relations)
        relations += participant_relations(ctx, events, relations)
        losers = [[offices.get(a, a) for a in f.losers] for f in final]
        relations += lost_holdings(events, losers, relations, self.rules)
        relations += self._learned_pairs(meta, ctx, relations, events)
        relations = self._person_to_office(relations, offices, states)
        vetoed = frozenset(self.rules["hostility"]["friend_vetoed"])
        relations = without_friendly_fights(
            relations, lambda a, b: friends(ctx, known, a, b), vetoed
        )
        relations = without_self_backing(relations, lambda a, b: _own(ctx, a, b))
        relations = member_sides(relations, ctx.actor_class)
        relations = _dedupe_relations(without_contradictions(relations))
        used = {
            a
            for r in relations
            for a in (r.subject, r.object if r.type != "controls" else r.subject)
        }
        used |= {a for e in events for a in (*e.agents, *e.targets, *e.supporters)}
        places = {r.object for r in relations if r.type == "controls"}
        places |= {e.place for e in events if e.place}
        doers = {a for e in events for a in e.agents}
        entities, forms = res.entities(used, places, doers)
        forces_act(events, ctx, entities)
        facts = ArticleFacts(meta, text, entities, relations, events, forms)
        return facts, frozenset(res.open_acronyms)

    def _learned_pairs(
        self,
        meta: ArticleMeta,
        ctx: ArticleContext,
        relations: list[RelationFact],
        events: list[EventFact],
    ) -> list[RelationFact]:
        """What the pair model adds to the rules' relations (none when switched off or when
        the shipped model predicts no class)."""
        model = pairs.active_model() if self.learned else None
        if model is None and self.pair_sink is None:
            return []
        cands = pairs.candidates(ctx, relations, events, teach=self.pair_sink is not None)
        if self.pair_sink is not None:
            self.pair_sink(meta, cands)
        return pairs.predicted(ctx, cands, model) if model is not None else []

    def _may_state_facts(self, res: Resolver, ctx: ArticleContext, sent: Span) -> bool:
        """False for a sentence no rule can use: no name, no reference, no number."""
        refs = self._refs
        return any(
            t.i in res.by_token or t.lower_ in refs or t.like_num or t.pos_ == "PROPN"
            for t in ctx.tokens(sent)
        )

    # ------------------------------------------------------------------------------------
    def _article_events(
        self, ctx: ArticleContext, found: list[Found], relations: list[RelationFact]
    ) -> list[Found]:
        """The article's events, merged, each with what its sentences said of it; their
        control and hostility facts are added to ``relations``."""
        _no_self_capture(ctx, found, relations)
        final = _friendly_captures_joined(ctx, _merged_undated(ctx, found), relations)
        final = review_events(ctx, final, self.event_log, on=self.learned)
        control = [r for r in relations if r.type == "controls"]
        for f in final:
            ev = f.fact
            if ev.type in _HOLDER_FOES and not ev.targets and ev.place:
                holders = _holders_of_place(ev, control)
                if holders:
                    ev.targets = list(dict.fromkeys(r.subject for r in holders))
                    f.explicit_target = any(
                        r.evidence.char_start == ev.evidence.char_start for r in holders
                    )
                elif ev.type != "Attack":  # "... Turkish jets bombed X positions in P"
                    aimed = [g.fact for g in final if g.explicit_target]
                    ev.targets = kin_targets(ev, aimed, ctx.same_side)
            if f.intent_place:
                holder = ev.targets[:1] or [
                    a
                    for a in [ctx.res.salient_actor(len(ctx.doc), ("TerroristOrganization",))]
                    if a
                ]
                for h in holder:
                    relations.append(
                        RelationFact(
                            "controls",
                            h,
                            f.intent_place,
                            evidence_of(ev, "intent-recapture", self.rules),
                        )
                    )
            if f.controls and ev.type == "Capture" and ev.agents and ev.place:
                _end_holdings(control, ev.place, ev.targets, ev.date)
                taken = [
                    RelationFact(
                        "controls",
                        a,
                        ev.place,
                        evidence_of(ev, "capture-control", self.rules),
                        start=ev.date,
                    )
                    for a in ev.agents
                ]
                relations += taken
                control += taken  # a later capture from them ends it ("... but were driven out")
            if ev.type == "Withdrawal" and ev.place and f.controls:  # "X withdrew from P": X held P
                held = {r.subject for r in control if r.object == ev.place}
                if ctx.res.place_class(ev.place) != "Country":  # not "withdrew from Mali"
                    relations += self._held_until(ev, ev.agents, held, "withdrew-from")
                # a holding the article states ends with the withdrawal
                _end_holdings(control, ev.place, ev.agents, ev.date)
            if (f.explicit_target and ev.type in _HOSTILE_EVENTS) or ev.type in _HOLDER_FOES:
                # a capture fights whom it takes the place from, an offensive whom it goes for
                # (not a friend: "X seized P with Russian support ... P came under Russian
                # control")
                for a in ev.agents:
                    for t in ev.targets:
                        if a == t or ctx.same_side(a, t):
                            continue  # "Turkey" and "Turkish soldiers" merged in one event
                        if f.explicit_target or not friends(ctx, relations, a, t):
                            relations.append(
                                RelationFact(
                                    "fights", a, t, evidence_of(ev, "event-hostility", self.rules)
                                )
                            )
        return final

    def _held_until(
        self, ev: EventFact, holders: list[str], known: set[str], method: str
    ) -> list[RelationFact]:
        """Control of ``ev.place`` by each of ``holders`` the article has not stated already,
        ended by the event (their withdrawal from it)."""
        if ev.place is None:
            return []
        evidence = evidence_of(ev, method, self.rules)
        return [
            RelationFact("controls", h, ev.place, evidence, end=ev.date)
            for h in holders
            if h not in known
        ]

    @staticmethod
    def _person_to_office(
        relations: list[RelationFact], leads: dict[str, str], states: frozenset[str] = frozenset()
    ) -> list[RelationFact]:
        """A leader's alliances, backing, hostilities and holdings are those of what he leads
        ("Assad's advance, backed by Russian air strikes": Russia backs his government;
        ``leads``: person → actor); an enmity stated of him stays his ("President P and the
        TPLF remain bitter enemies": tensionWith P); a person's support, said as an alliance,
        is his state's sponsorship ("Putin, accused of arming the rebels": Russia backs them;
        ``states``)."""
        out = []
        for r in relations:
            if r.type in ("fights", "alliedWith", "backs"):
                s, o = leads.get(r.subject, r.subject), leads.get(r.object, r.object)
                if s == o:
                    continue
                sponsoring = r.type == "alliedWith" and r.evidence.method in _SUPPORT_METHODS
                if sponsoring and r.subject in leads and s in states:
                    r = replace(r, type="backs")
                r = replace(r, subject=s, object=o)
            elif r.type == "controls" and r.subject in leads:  # a leader holds for his side
                r = replace(r, subject=leads[r.subject])
            out.append(r)
        return out


#: relation rules whose alliedWith says one side supports the other (subject the supporter)
_SUPPORT_METHODS = frozenset(
    {
        "support-verb",
        "support-noun",
        "joint-support",
        "provide-with",
        "backed-by",
        "help-fight",
        "in-support-of",
    }
)


def _own(ctx: ArticleContext, state: str, actor: str) -> bool:
    """True when ``actor`` is the government or the national forces of the state ``state``
    (the gazetteer's, or the names made for a state it gives none)."""
    st = ctx.res.entry(state, "actor")
    if st is None or st.cls != "State":
        return False
    return actor in (ctx.res.forces(st)[0], ctx.res.government(st.name))


def _two_forces(ctx: ArticleContext, relations: list[RelationFact], a: str, b: str) -> bool:
    """Two armed forces of one state, neither a unit of the other by the article's relations
    ("the army and the federal police": allies; "the army and its 9th Division": one)."""
    if ctx.actor_class(a) != "ArmedForces" or ctx.actor_class(b) != "ArmedForces":
        return False
    return not any(r.type == "memberOf" and {r.subject, r.object} == {a, b} for r in relations)


def _agents_as_offices(events: list[EventFact], leads: dict[str, str]) -> list[EventFact]:
    """A person who leads an actor acts for it: "Syrskyi ordered a withdrawal" is Ukraine's
    withdrawal when the article says Syrskyi is Ukraine's commander-in-chief (``leads``:
    person → actor)."""
    out = []
    for ev in events:
        agents = list(dict.fromkeys(leads.get(a, a) for a in ev.agents))
        targets = [t for t in dict.fromkeys(leads.get(t, t) for t in ev.targets) if t not in agents]
        if agents != ev.agents or targets != ev.targets:
            ev = replace(ev, agents=agents, targets=targets)
        out.append(ev)
    return out


def _holders_of_place(ev: EventFact, control: list[RelationFact]) -> list[RelationFact]:
    """The article's statements that someone other than the doers of ``ev`` holds its place
    (not a control the article derives from a capture, unless the capture came before the
    event: "P fell to Y in 2014. The assault to retake it began in 2016"; nor one that starts
    after the event or has ended before it)."""
    return [
        r
        for r in control
        if r.object == ev.place
        and r.subject not in ev.agents
        and r.evidence.method != "intent-recapture"
        and (
            r.evidence.method != "capture-control"
            or (r.start is not None and ev.date is not None and r.start.ends_before(ev.date))
        )
        and not (r.start and ev.date and r.start > ev.date)
        and not (r.end and ev.date and r.end < ev.date)
    ]


def _merged_undated(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """:func:`_merged`, where an event whose sentence gives it no date ("The Raqqa offensive
    was the largest operation yet") agrees with any date of its twin ("launched the
    offensive on Raqqa in June"); one left alone keeps the publication month."""
    default = ctx.default_date()
    for f in found:
        if f.fact.date == default and ctx.date_for(ctx.doc[f.trigger])[0] is None:
            f.tags.add("undated")
            f.fact.date = None
    found = eventrefs.join_back_references(ctx, found, _merge_into)
    final = retold.join_coarse_restatements(ctx, _merged(found, _side_of(ctx)), _merge_into)
    final = retold.join_restated_tolls(final, _merge_into)
    final = aftermath.join_headline_tolls(ctx, final, _merge_into)
    aftermath.dead_of_told_events(ctx, final)
    aftermath.displaced_by_told_events(ctx, final)
    final = retold.join_definite_truces(ctx, final, _merge_into)
    place_from_context(ctx, final)
    final = eventrefs.drop_placeless_references(ctx, final)
    final = aftermath.drop_unplaced_told_dead(ctx, final)
    final = unplaced.drop_unplaced_violence(ctx, final)
    for f in final:
        if f.fact.date is None and "undated" in f.tags:
            f.fact.date = default
    return final


def _friendly_captures_joined(
    ctx: ArticleContext, found: list[Found], relations: list[RelationFact]
) -> list[Found]:
    """A place taken on one day by friends is one capture told twice ("Turkish troops and the
    rebels they back took P", "the Turkish-backed rebels seized P"): their doers join. Not
    foes, nor another date ("X took P in 2014 ... Y retook P"). A capture noun that restates
    a capture a verb states gives nothing more."""

    def joint(a: EventFact, b: EventFact) -> bool:
        if a.type != "Capture" or b.type != "Capture" or not a.place or a.place != b.place:
            return False
        if not a.agents or not b.agents or a.date is None or b.date is None:
            return False
        return a.date.agrees(b.date) and all(
            x == y or ctx.same_side(x, y) or friends(ctx, relations, x, y)
            for x in a.agents
            for y in b.agents
        )

    def restated(a: EventFact, b: EventFact) -> bool:
        """A capture noun ("X claim capture of P") that restates a capture of P stated by a
        verb the same day: the verb's doers stand (the noun's may be a loose name of them)."""
        if b.evidence.method != "capture-noun" or a.type != "Capture" or a.place != b.place:
            return False
        return a.date is not None and b.date is not None and a.date.agrees(b.date)

    out: list[Found] = []
    for f in sorted(found, key=lambda f: f.fact.evidence.method == "capture-noun"):
        twin = next((g for g in out if joint(g.fact, f.fact)), None)
        if twin is not None:
            _merge_into(twin, f)
        elif not any(restated(g.fact, f.fact) for g in out):
            out.append(f)
    return out


def _side_of(ctx: ArticleContext) -> Callable[[str], str]:
    """Who an agent stands for when events are compared: a state for its armed forces or
    government ("Iraqi forces began an offensive on P" and "Iraq began an offensive on P"
    are one side), any other actor for itself."""

    def side(actor: str) -> str:
        if ctx.actor_class(actor) not in ("ArmedForces", "Government", "State"):
            return actor
        return ctx.res.country_of_actor(actor) or actor

    return side


def _merged(found: list[Found], side: Callable[[str], str] | None = None) -> list[Found]:
    """One event per (type, place, agents, the sides of whom ``side`` says); an agentless
    statement joins the agented event it restates."""
    merged: list[Found] = []
    for f in found:
        twin = next((g for g in merged if _same_event(g.fact, f.fact, side)), None)
        if twin is None:
            merged.append(f)
        else:
            _merge_into(twin, f)
    agented = [f for f in merged if f.fact.agents]
    final: list[Found] = []
    for f in merged:
        twin = (
            None if f.fact.agents else next((g for g in agented if _restates(g.fact, f.fact)), None)
        )
        if twin is not None:
            _merge_into(twin, f)
        else:
            final.append(f)
    return _placeless_joined(final)


def _placeless_joined(found: list[Found]) -> list[Found]:
    """An event stated without a place (a headline: "Shabaab raid kills 9 guards") joins
    the one event of its type, doers and figures the article places ("Al-Shabaab killed 9
    guards in a raid on a base in Baidoa")."""

    def twins(f: Found) -> list[Found]:
        ev = f.fact
        return [] if ev.place or not ev.agents else [g for g in found if _placed_twin(g.fact, ev)]

    return retold.fold_into_twins(found, twins, _merge_into)


def _placed_twin(placed: EventFact, bare: EventFact) -> bool:
    if placed.type != bare.type or not placed.place or not set(placed.agents) & set(bare.agents):
        return False
    shared = set(placed.figures) & set(bare.figures)
    if any(placed.figures[k] != bare.figures[k] for k in shared):
        return False
    dated = dates_agree(placed.date, bare.date)
    return dated or bool(shared)  # the same toll, reported on another day


def _same_event(a: EventFact, b: EventFact, side: Callable[[str], str] | None = None) -> bool:
    if a.type != b.type or a.place != b.place:
        return False
    # fighting at one place told with one side and with both is one battle
    one_sided = (
        a.type == "Battle"
        and a.agents
        and b.agents
        and (set(a.agents) <= set(b.agents) or set(b.agents) <= set(a.agents))
    )
    if (
        not one_sided
        and sorted(a.agents) != sorted(b.agents)
        and (
            side is None
            or not a.agents
            or {side(x) for x in a.agents} != {side(x) for x in b.agents}
        )
    ):
        return False
    if a.date is None or b.date is None:
        return True
    return a.date.agrees(b.date)


def _names_its_doer(ctx: ArticleContext, f: Found) -> bool:
    """Whether the clause of a capture names its doer ("M23 rebels seized P", "Iraqi forces
    retook P", "P fell to the SDF") rather than a pronoun or a bare common noun the article
    resolves ("they", "the rebels")."""
    verb = ctx.doc[f.trigger]
    subj = subject_token(verb)
    doers = [subj] if subj is not None else []
    doers += [
        p
        for c in verb.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "to"))
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return any(
        t.pos_ == "PROPN" or (t.pos_ == "ADJ" and t.is_title and t.i > t.sent.start)
        for d in doers
        if d.pos_ != "PRON"
        for t in [d, *(c for c in d.children if c.dep_ in ("compound", "amod", "poss"))]
    )


def _no_self_capture(
    ctx: ArticleContext, found: list[Found], relations: list[RelationFact]
) -> None:
    """A capture credited to the side the article says holds the place is the holder losing
    it ("IS held Mosul. ... They recaptured Mosul" with "they" read as IS): the holder becomes
    the target and the capture has no stated agent. Not when one sentence says both: it
    tells how the holder took it ("P, held by X since they stormed it in 2014");
    nor when the capture's clause names its doer ("P was an M23 stronghold in 2012. ... M23
    rebels have seized P": the holding is an earlier one)."""
    held: dict[str, set[tuple[str, int]]] = {}
    for r in relations:
        if r.type == "controls" and r.end is None:
            held.setdefault(r.object, set()).add((r.subject, r.evidence.char_start))
    for f in found:
        ev = f.fact
        if ev.type != "Capture" or not ev.agents or not ev.place:
            continue
        here = ev.evidence.char_start
        holders = {a for a, at in held.get(ev.place, set()) if at != here}
        if holders and all(a in holders for a in ev.agents) and not _names_its_doer(ctx, f):
            ev.targets = list(dict.fromkeys([*ev.targets, *ev.agents]))
            ev.agents = []
            f.controls = False


def _restates(agented: EventFact, bare: EventFact) -> bool:
    """True when an agentless statement is one more mention of an agented event: same type,
    the same place (or none), agreeing dates ("the truce" after "a truce between X and Y")."""
    if agented.type != bare.type or (bare.place and bare.place != agented.place):
        return False
    return dates_agree(bare.date, agented.date)


def _more_precise(a: FuzzyDate | None, b: FuzzyDate | None) -> FuzzyDate | None:
    if a is None:
        return b
    if b is None:
        return a
    rank = {"year": 0, "month": 1, "day": 2}
    return b if rank[b.precision] > rank[a.precision] and a.agrees(b) else a


def _merge_into(keep: Found, other: Found) -> None:
    k, o = keep.fact, other.fact
    k.date = _more_precise(k.date, o.date)
    k.agents += [a for a in o.agents if a not in k.agents]  # the same side, named otherwise
    for t in o.targets:
        if t not in k.targets and t not in k.agents:
            k.targets.append(t)
    for s in o.supporters:
        if s not in k.supporters:
            k.supporters.append(s)
    for key, n in o.figures.items():
        k.figures.setdefault(key, n)
    if o.evidence.confidence > k.evidence.confidence:
        k.evidence = o.evidence
    keep.tags |= other.tags & {"undated"}
    keep.explicit_target = keep.explicit_target or other.explicit_target
    keep.controls = keep.controls or other.controls
    keep.intent_place = keep.intent_place or other.intent_place
    # a new list: a rule may have given one list to several events (one per place)
    keep.losers = keep.losers + [a for a in other.losers if a not in keep.losers]
    keep.mentions += other.mentions


def _dedupe_relations(relations: list[RelationFact]) -> list[RelationFact]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in relations:
        key = (
            r.type,
            r.subject,
            r.object,
            r.evidence.char_start,
            r.evidence.method,
            r.start,
            r.end,
        )
        if key in seen or r.subject == r.object:
            continue
        seen.add(key)
        out.append(r)
    return out


def _end_holdings(
    control: list[RelationFact], place: str, sides: list[str], end: FuzzyDate | None
) -> None:
    """End at ``end`` the open holdings of ``place`` by ``sides`` (a capture's losers, who
    withdrew), but not one the article starts after it: "X withdrew from P in 2014 ... X has
    held P since 2016" keeps the later holding open."""
    for r in control:
        if r.object != place or r.subject not in sides or r.end is not None:
            continue
        if end is not None and r.start is not None and r.start.to_date() > end.last_day():
            continue
        r.end = end
