"""Verb forms the model rarely saw parse as verbs (kg_verb_norms). Sentences our own."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "verb", "obj"),
    [
        ("The army retook Sirte.", "retook", "Sirte"),
        ("Militias retook Kidal after a week of fighting.", "retook", "Kidal"),
        ("Rwanda-backed rebels retakes Goma", "retakes", "Goma"),
        ("Russia bombards Kharkiv", "bombards", "Kharkiv"),
        ("Fano wrests Lalibela from the army", "wrests", "Lalibela"),
        ("The garrison repels Hamas raiders", "repels", "raiders"),
    ],
)
def test_rare_verb_forms_parse_as_verbs_with_their_object(
    ex: Extractor, text: str, verb: str, obj: str
) -> None:
    doc = ex.nlp(text)
    tok = next(t for t in doc if t.text == verb)
    assert tok.pos_ == "VERB"
    assert any(c.text == obj and c.dep_ == "dobj" for c in tok.children)


def test_nouns_as_often_as_verbs_keep_their_own_norm(ex: Extractor) -> None:
    doc = ex.nlp("Israeli strikes killed twelve people in Rafah.")
    assert next(t for t in doc if t.text == "strikes").pos_ == "NOUN"


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("The army retook Sirte.", "Capture", "Sirte"),
        ("Russia bombards Kharkiv", "Bombardment", "Kharkiv"),
    ],
)
def test_the_events_follow(ex: Extractor, text: str, type_: str, place: str) -> None:
    assert any(e.place == place for e in of_type(run(ex, text), type_))
