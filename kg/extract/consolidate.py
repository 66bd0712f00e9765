"""One entity per real-world actor across articles: names first seen in one article resolve
the same names in the next.

Gazetteer actors already share canonical names. Actors only the text names (found by NER, an
acronym definition or a head noun) get their key from their surface form, so "Libyan National
Army (LNA)" in one article and a bare "LNA" in another would be two actors. A
:class:`Consolidator` remembers every proper-name form (with a capital letter) of such actors,
across the build and from the store (``kg build --append``), and renames later articles'
entities whose key is one of those forms.

Examples
--------
>>> from kg.model import ArticleFacts, ArticleMeta, Entity
>>> c = Consolidator()
>>> a = ArticleFacts(ArticleMeta("a"), "x", {"Libyan National Army": Entity(
...     "Libyan National Army", "actor", "ArmedGroup", "Libyan National Army", source="ner")},
...     mentions={"Libyan National Army": {"Libyan National Army", "LNA"}})
>>> b = ArticleFacts(ArticleMeta("b"), "y", {"LNA": Entity("LNA", "actor", "ArmedGroup", "LNA",
...     source="ner")}, mentions={"LNA": {"LNA"}})
>>> _ = c.consolidate(a)
>>> list(c.consolidate(b).entities)
['Libyan National Army']
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.curation import Curation, apply_curation
from kg.extract.gazetteer import normalise
from kg.model import ArticleFacts

__all__ = ["Consolidator"]

_TEXT_SOURCES = ("ner", "acronym", "head-noun")


class Consolidator:
    """Resolves text-only actors to names seen earlier in the build or in the store."""

    def __init__(self, known: Iterable[tuple[str, str, str, list[str]]] = ()) -> None:
        self.names: dict[str, str] = {}
        for kind, label, _cls, aliases in known:
            if kind == "actor":
                for form in (label, *aliases):
                    self._remember(form, label)

    def _remember(self, form: str, key: str) -> None:
        if len(form) >= 2 and any(ch.isupper() for ch in form):
            self.names.setdefault(normalise(form), key)

    def consolidate(self, facts: ArticleFacts) -> ArticleFacts:
        """The article's facts with text-only actors renamed to known ones, then remembered.

        Returns ``facts`` itself, the same object, when no actor is renamed (``kg load`` tells
        an article the step changed by that)."""
        merge: dict[str, str] = {}
        for ent in facts.entities.values():
            if ent.kind != "actor" or ent.source not in _TEXT_SOURCES:
                continue
            known = self.names.get(normalise(ent.key))
            if known is not None and known != ent.key:
                merge[ent.key] = known
        if merge:
            facts = apply_curation(facts, Curation(path="consolidation", merge=merge))
        for ref, ent in facts.entities.items():
            if ent.kind != "actor":
                continue
            self._remember(ent.key, ent.key)
            if ent.source in _TEXT_SOURCES or ent.source == "gazetteer":
                for form in facts.mentions.get(ref, ()):
                    if ent.source != "gazetteer" or form.isupper():
                        self._remember(form, ent.key)
        return facts
