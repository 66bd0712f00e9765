"""The event a definite event noun names again (:mod:`kg.extract.referents`), on short texts of
our own: each verb of ``_VERBS`` states one event (its doer the word before the verb, its place
the first capitalised word after it); the last sentence names one again ("the attack", "the
operation")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pytest
import spacy

from kg.extract.referents import event_referent, sentence_numbers, sole

#: the verbs of our toy texts and the class of event each states
_VERBS = {
    "attacked": "Attack",
    "clashed": "Battle",
    "bombed": "Airstrike",
    "shelled": "Bombardment",
}
#: who is on whose side in our toy texts
_SIDES = [{"Rebels", "Jihadists"}, {"Troops", "Militias"}]


class Told(NamedTuple):
    """A toy event: the sentence (its number) that states it, its class, doer and place."""

    sentence: int
    kind: str
    doer: str
    place: str


def _read(text: str) -> tuple[list[Told], int]:
    """The events of ``text``'s sentences, and the number of its last sentence (the noun's)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    number = sentence_numbers(doc)
    told = []
    for sent in doc.sents:
        for verb in (t for t in sent if t.lower_ in _VERBS):
            place = next(t.text for t in doc[verb.i + 1 : sent.end] if t.is_title)
            doer = verb.nbor(-1).text.title()
            told.append(Told(number(verb.idx), _VERBS[verb.lower_], doer, place))
    return told, number(len(text) - 1)


def _allies(a: str, b: str) -> bool:
    return any(a in side and b in side for side in _SIDES)


def _one_side(here: int, within: int) -> Any:
    """An ``agree`` check: the events of the last ``within`` sentences are the latest's side."""

    def check(latest: Told, rivals: Sequence[Told]) -> bool:
        recent = [e for e in rivals if here - e.sentence <= within] or [latest]
        return all(_allies(e.doer, latest.doer) for e in recent)

    return check


def _one_place(latest: Told, rivals: Sequence[Told]) -> bool:
    """An ``agree`` check: the events of the latest's sentence are at one place."""
    return len({e.place for e in rivals if e.sentence == latest.sentence}) == 1


def _referent(text: str, classes: list[set[str]], **kw: Any) -> str | None:
    told, here = _read(text)
    found = event_referent(told, here, lambda e: e.sentence, lambda e: e.kind, classes, **kw)
    return None if found is None else f"{found.doer} {found.place}"


_ANY = [{"Attack", "Battle", "Airstrike", "Bombardment"}]


@pytest.mark.parametrize(
    ("text", "classes", "kw", "expected"),
    [
        pytest.param(
            "Rebels attacked Gao. Troops attacked Mopti. Ten died in the attack.",
            [{"Attack"}],
            {},
            "Troops Mopti",
            id="the latest of its class",
        ),
        pytest.param(
            "Rebels attacked Gao. Troops clashed with rebels in Mopti. Ten died in the attack.",
            [{"Attack"}],
            {},
            "Rebels Gao",
            id="classes: another class does not count",
        ),
        pytest.param(
            "Jets bombed Idlib. Troops shelled Hama. Nine died in the strikes.",
            [{"Airstrike"}, {"Bombardment"}],
            {},
            "Jets Idlib",
            id="classes: the first group that has one",
        ),
        pytest.param(
            "Troops shelled Hama. Nine died in the strikes.",
            [{"Airstrike"}, {"Bombardment"}],
            {},
            "Troops Hama",
            id="classes: the next group when the first has none",
        ),
        pytest.param(
            "Rebels attacked Gao. It rained. It rained. Ten died in the attack.",
            [{"Attack"}],
            {"window": 3},
            "Rebels Gao",
            id="window: three sentences back",
        ),
        pytest.param(
            "Rebels attacked Gao. It rained. It rained. It rained. Ten died in the attack.",
            [{"Attack"}],
            {"window": 3},
            None,
            id="window: four sentences back is out of it",
        ),
        pytest.param(
            "Ten died as rebels attacked Gao, and the attack went on.",
            [{"Attack"}],
            {},
            None,
            id="own_sentence: not the noun's own sentence",
        ),
        pytest.param(
            "Ten died as rebels attacked Gao, and the attack went on.",
            [{"Attack"}],
            {"own_sentence": True},
            "Rebels Gao",
            id="own_sentence: the noun's own sentence counts",
        ),
        pytest.param(
            "Rebels attacked Gao. Troops attacked Mopti. The rebels said the attack failed.",
            [{"Attack"}],
            {"fits": lambda e: e.doer == "Rebels"},
            "Rebels Gao",
            id="fits: the latest of the noun's side, not a later one of the other side",
        ),
        pytest.param(
            "Troops attacked Mopti. The rebels said the attack failed.",
            [{"Attack"}],
            {"fits": lambda e: e.doer == "Rebels"},
            None,
            id="fits: a wrong-side event only: none",
        ),
        pytest.param(
            "Rebels attacked Gao. The assault failed.",
            [{"Attack"}],
            {"agree": sole},
            "Rebels Gao",
            id="agree sole: the only one",
        ),
        pytest.param(
            "Rebels attacked Gao. Rebels attacked Mopti. The assault failed.",
            [{"Attack"}],
            {"agree": sole},
            None,
            id="agree sole: two that fit: none",
        ),
        pytest.param(
            "Rebels attacked Gao. Troops attacked Mopti and rebels attacked Mopti. Ten died.",
            [{"Attack"}],
            {"agree": _one_place},
            "Troops Mopti",
            id="agree one place: the first of the latest sentence",
        ),
        pytest.param(
            "Rebels attacked Gao. Troops attacked Mopti and rebels attacked Kidal. Ten died.",
            [{"Attack"}],
            {"agree": _one_place},
            None,
            id="agree one place: two places in the latest sentence: none",
        ),
        pytest.param(
            "Rebels attacked Gao. Jihadists bombed Mopti. Chad joined the operation.",
            _ANY,
            {"agree": _one_side(2, 2)},
            "Jihadists Mopti",
            id="agree one side: allies before",
        ),
        pytest.param(
            "Troops attacked Gao. Jihadists bombed Mopti. Chad joined the operation.",
            _ANY,
            {"agree": _one_side(2, 1)},
            "Jihadists Mopti",
            id="agree one side: the other side out of the check's window",
        ),
        pytest.param(
            "Troops attacked Gao. Jihadists bombed Mopti. Chad joined the operation.",
            _ANY,
            {"agree": _one_side(2, 2)},
            None,
            id="agree one side: a wrong-side event in the window: none",
        ),
    ],
)
def test_event_referent(
    text: str, classes: list[set[str]], kw: dict[str, Any], expected: str | None
) -> None:
    assert _referent(text, classes, **kw) == expected


def test_sentence_numbers_count_from_the_first_sentence() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "Rebels attacked Gao. Troops shelled Hama. Nine died."
    number = sentence_numbers(nlp(text))
    assert [number(text.index(w)) for w in ("Rebels", "Gao", "Troops", "Nine")] == [0, 0, 1, 2]
