"""The curation file's added facts as triples (the ``graph/curation`` content).

Reading and applying the file is :mod:`kg.curation`; turning its ``facts`` section into RDF
needs the gazetteer (classes and places of the named entities) and the RDF writer, so it
sits here, above extraction and rdf, beside the build that writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.curation import Curation
from kg.extract.gazetteer import load_gazetteer
from kg.model import ArticleFacts, ArticleMeta, Entity, Evidence, FuzzyDate, RelationFact
from kg.rdf.write import article_triples

__all__ = ["curation_triples"]


def curation_triples(cur: Curation) -> set[Any]:
    """Triples of the facts the curation file adds (the ``graph/curation`` content)."""
    if not cur.facts:
        return set()  # without loading the gazetteer (half a second)
    gaz = load_gazetteer()
    out: set[Any] = set()
    for i, f in enumerate(cur.facts):
        quote = str(f.get("quote") or f"{f['subject']} {f['type']} {f['object']}")
        meta = ArticleMeta(
            f"{Path(cur.path).name}#{i + 1}",
            title=str(f.get("title") or f"Curated: {f['source']}"),
            url=str(f["source"]),
            publisher=f.get("publisher"),
        )
        art = ArticleFacts(meta, quote)
        ev = Evidence(quote, 0, len(quote), "curated", float(f.get("confidence", 1.0)))
        since = FuzzyDate.parse(str(f["since"])) if f.get("since") else None
        until = FuzzyDate.parse(str(f["until"])) if f.get("until") else None
        rel = RelationFact(f["type"], str(f["subject"]), str(f["object"]), ev, since, until)
        art.relations.append(rel)
        for name, kind in (
            (rel.subject, "actor"),
            (rel.object, "place" if rel.type == "controls" else "actor"),
        ):
            g = gaz.get(name, kind=kind)
            ent = Entity(
                name,
                kind,
                g.cls if g else ("ArmedGroup" if kind == "actor" else "Region"),
                name,
                country=g.country if g else None,
                parent=g.parent if g else None,
                coords=g.coords if g else None,
                source="curated",
            )
            art.entities[name if kind == "actor" else "place:" + name] = ent
        out |= article_triples(art)
    return out
