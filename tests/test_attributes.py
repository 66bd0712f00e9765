"""kg.extract.attributes: the model's attribute rules by table lookup, exactly as spaCy's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from kg.extract.attributes import FastAttributes, UnsupportedPatternError
from kg.extract.nlp import _fast_attribute_rules, load_model, load_nlp

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

#: sentences that exercise the rules: contractions, auxiliaries, expletives, object pronouns,
#: determiners used as pronouns, spaces, regular-expression rules, two-token rules
SENTENCES = [
    "Y'all ain't gonna believe it: there is a siege and there's no food left.",
    "I don't know, he doesn't care, and they haven't said whether it will end.",
    "Let's go. C'm on! Nothin' was left of the town after the airstrikes.",
    "The militia shelled them and us; the army saw you and it near the bridge.",
    "He did it. Have you? That is that, and those who fled had done what he does.",
    "\n\n  Whatever they do, it was done.  \t It has been said that all that remains is rubble.",
    "THE SDF AIN'T HERE. gotta go, gonna win. you ain't ready.",
    "Iran-backed militias, backed by Russia, retook Deir ez-Zor from IS on 3 November 2017.",
    "",
    " ",
]
ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]


@pytest.fixture(scope="module")
def model() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def fast_model() -> Language:
    nlp = load_model()
    _fast_attribute_rules(nlp)
    return nlp


@pytest.mark.parametrize("text", SENTENCES)
def test_same_matches_as_spacys_ruler(model: Language, text: str) -> None:
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = model(text)
    expected = [(a, m, s, e) for a, m, s, e in ruler.match(doc)]
    assert FastAttributes(ruler).match(doc) == sorted(set(expected))


@pytest.mark.parametrize("text", SENTENCES)
def test_same_annotations_as_the_model(model: Language, fast_model: Language, text: str) -> None:
    assert "attribute_ruler" not in fast_model.pipe_names
    assert "kg_attributes" in fast_model.pipe_names
    a, b = model(text).to_array(ATTRS), fast_model(text).to_array(ATTRS)
    assert a.shape == b.shape
    assert np.array_equal(a, b)


def test_same_annotations_on_the_seed_articles(model: Language, fast_model: Language) -> None:
    from kg.ingest import IngestFailure, read_articles

    samples = Path(__file__).resolve().parent.parent / "data" / "samples"
    paths = sorted((SHARED / "seeds").glob("*")) + sorted(samples.glob("*.*"))
    read = read_articles(paths, default_date=None)
    texts = [a.text for a in read if not isinstance(a, IngestFailure)]
    assert len(texts) >= 5
    for a, b in zip(model.pipe(texts), fast_model.pipe(texts), strict=True):
        assert np.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), a.text[:80]


def test_the_build_pipeline_uses_the_table_lookup() -> None:
    names = load_nlp().pipe_names
    assert "kg_attributes" in names
    assert "attribute_ruler" not in names
    assert names.index("kg_attributes") < names.index("lemmatizer")  # POS before lemmas


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ([{"LOWER": "gon", "OP": "?"}], "attribute 'OP'"),
        ([{"SHAPE": "Xxxx"}], "attribute 'SHAPE'"),
        ([{"LOWER": {"FUZZY": "siege"}}], "predicate 'FUZZY'"),
        ([{"TAG": 3}], "TAG must be a string"),
        ([{"IS_SPACE": "yes"}], "IS_SPACE must be true or false"),
    ],
)
def test_rules_it_cannot_read_keep_spacys_ruler(pattern: list[dict], message: str) -> None:
    nlp = Language()
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([pattern], {"LEMMA": "x"})
    with pytest.raises(UnsupportedPatternError, match=message):
        FastAttributes(ruler)
    _fast_attribute_rules(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
