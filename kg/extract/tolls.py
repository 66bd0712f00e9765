"""A war's running toll is no attack (an article-level pass).

"More than 9,000 civilians have died in al-Shabaab attacks in Somalia", "over 4,000 people
have been killed in Boko Haram raids since 2009": the dead of many attacks over years, counted
in the perfect, with the attacks in the plural. The attack rule reads the plural noun as one
attack, dated by the publication month or by the start of the count ("since 2009"). Such a
sentence states a casualty report with no date of its own (:func:`cumulative_tolls`): the
dead, where and by whom, not when. A toll of attacks on a day ("twelve were killed in
attacks on two villages on Sunday") or of one attack ("have died in an attack") stays, as
does the toll of attacks the article has told ("N are believed to have been killed in the
attacks").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.voice import is_perfect

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import ArticleContext
    from kg.extract.events import Found

__all__ = ["cumulative_tolls"]

#: the event kinds a plural cause noun of a running toll may have been read as
_STRIKES = ("Attack", "Bombardment")


def _running_toll_verb(ctx: ArticleContext, noun: Token) -> Token | None:
    """The killing verb in the perfect whose cause the plural ``noun`` is ("have died in X
    attacks", "have been killed in raids"), with no date of a day or month of its own (a
    "since" date is where the count starts); None otherwise."""
    if noun.tag_ != "NNS" or noun.dep_ != "pobj":
        return None
    prep = noun.head
    verb = prep.head
    if prep.lower_ not in ctx.lexicon("casualties", "own_cause_preps"):
        return None
    if verb.lemma_ not in ctx.lexicon("casualties", "verbs") or prep.dep_ != "prep":
        return None
    if not is_perfect(verb):
        return None  # "were killed in attacks on Sunday": those attacks
    date, relation = ctx.date_for(verb)
    if date is not None and relation != "since":
        return None
    if relation != "since" and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in noun.children
    ):
        return None  # "N were said to have died in the attacks": those told before
    return verb


def cumulative_tolls(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """An attack read from a plural noun that a perfect killing verb names as the cause of
    death ("N have died in X attacks in P") is a running toll: a casualty report with no
    date. The sentence's own report of those dead, when there is one, takes the attack's
    doers and loses its date; else the attack becomes that report.

    Examples
    --------
    "More than 9,000 civilians have died in al-Shabaab attacks in Somalia since 2010" is one
    undated casualty report in Somalia by al-Shabaab with ``killed: 9000``.
    """
    reports = {f.trigger: f for f in found if f.fact.type == "CasualtyReport"}
    out: list[Found] = []
    for f in found:
        noun = ctx.doc[f.trigger]
        verb = _running_toll_verb(ctx, noun) if f.fact.type in _STRIKES else None
        if verb is None:
            out.append(f)
            continue
        report = reports.get(verb.i)
        if report is not None:
            report.fact.agents = report.fact.agents or list(f.fact.agents)
            report.fact.place = report.fact.place or f.fact.place
            report.fact.date = None
            report.tags.discard("undated")
            continue
        f.fact = replace(
            f.fact,
            type="CasualtyReport",
            date=None,
            evidence=replace(f.fact.evidence, method="running-toll"),
        )
        f.tags.discard("undated")
        out.append(f)
    return out
