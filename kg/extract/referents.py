"""The event a definite event noun names again: "the assault", "the clash", "the operation".

An article tells an event once with its doers and place, then names it again by a definite
noun that says neither ("Rebels launched an offensive on Gao in March. ... The assault stalled
within a week"). :func:`event_referent` finds the event such a noun points back to: the latest one
told before it, within a window of sentences, of the classes the noun may name, that passes
the rule's own check, unless the other events it could as well be make it ambiguous. The
rules that ask it differ on purpose in each of these:

- **offensive told again** (:func:`kg.extract.eventrefs.join_back_references`): any distance,
  the noun's own class; an event with a place, a doer of the noun's own and a date that
  agrees, and the only such one (:func:`sole`);
- **dead of a told event** (:func:`kg.extract.aftermath.dead_of_told_events`): up to eight
  sentences back, the classes of the noun's family in their order ("the strikes": airstrikes
  first); an event with a place, and one place among the latest sentence's;
- **took part in the operation** (:func:`kg.extract.participants.participant_relations`): any
  distance, the noun's kind (any hostile event for "the operation"); an event with a doer,
  and for a noun of no kind, the events of the three sentences before all on its side.

The module holds no rule of its own and imports nothing of the package: each rule brings its
events, its words and its checks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["event_referent", "sentence_numbers", "sole"]

T = TypeVar("T")


def _anything(_: object) -> bool:
    return True


def _unopposed(_: object, __: Sequence[object]) -> bool:
    return True


def sole(_: object, rivals: Sequence[object]) -> bool:
    """An ``agree`` check of :func:`event_referent`: the referent is the only event that fits."""
    return len(rivals) == 1


def event_referent(
    told: Sequence[T],
    here: int,
    sentence: Callable[[T], int],
    kind: Callable[[T], str],
    classes: Sequence[Collection[str]],
    *,
    window: int | None = None,
    own_sentence: bool = False,
    fits: Callable[[T], bool] = _anything,
    agree: Callable[[T, Sequence[T]], bool] = _unopposed,
) -> T | None:
    """The event a definite event noun of sentence ``here`` names again.

    The candidates are the events of ``told`` stated in an earlier sentence, at most
    ``window`` sentences back, whose class is in the first group of ``classes`` that has one,
    and that ``fits``. The referent is the latest of them (the first ``told`` lists of the
    latest sentence), if ``agree(referent, candidates)``.

    Parameters
    ----------
    told
        The events the article states, in the order it states them.
    here
        The number of the noun's sentence (:func:`sentence_numbers`).
    sentence
        The number of an event's sentence.
    kind
        An event's class ("Battle").
    classes
        The classes the noun may name, in groups tried in order: the first group that has a
        candidate gives the referent ("the strikes": airstrikes first, then shelling).
    window
        How many sentences back the referent may be stated; None: any.
    own_sentence
        Whether an event of the noun's own sentence counts (one ``told`` lists before the
        noun's own statement: pass only those).
    fits
        Whether an event may be the referent: the rule's own check of its place, date or
        doers ("shares a doer with the noun's own").
    agree
        Given the latest candidate and all the candidates of its group (in ``told``'s
        order), whether the noun names that one and no other: :func:`sole`, "one place in
        the latest sentence", "the events of the last sentences are one side's".

    Returns
    -------
    T or None
        The referent, or None when there is none or it is ambiguous.

    Examples
    --------
    Events as (sentence, class, doer): "the clash" of sentence 4 names the battle of
    sentence 2, not that of sentence 0 (the latest), nor the attack of sentence 3.

    >>> told = [(0, "Battle", "X"), (2, "Battle", "Y"), (3, "Attack", "Z")]
    >>> event_referent(told, 4, lambda e: e[0], lambda e: e[1], [{"Battle"}])
    (2, 'Battle', 'Y')
    >>> event_referent(told, 4, lambda e: e[0], lambda e: e[1], [{"Battle"}], window=1)
    >>> event_referent(told, 4, lambda e: e[0], lambda e: e[1], [{"Battle"}], agree=sole)
    """
    for group in classes:
        rivals = [
            e
            for e in told
            if kind(e) in group
            and (own_sentence or sentence(e) < here)
            and (window is None or here - sentence(e) <= window)
            and fits(e)
        ]
        if rivals:
            latest = max(rivals, key=sentence)
            return latest if agree(latest, rivals) else None
    return None


def sentence_numbers(doc: Doc) -> Callable[[int], int]:
    """The number of the sentence of ``doc`` a character offset falls in (0 for the first).

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> at = sentence_numbers(nlp("Rebels shelled a town. The army hit back."))
    >>> at(0), at(23)
    (0, 1)
    """
    starts = [s.start_char for s in doc.sents]
    return lambda char: bisect_right(starts, char) - 1
