"""The ontology and the shapes: parse everywhere, stay in step with the code, label every term."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, SH, SKOS, Graph, URIRef

from kg.model import EVENT_CLASSES, FIGURES, RELATION_TYPES
from kg.rdf.namespace import CKG, CKG_NS, GEO, PROV, SCHEMA
from kg.resources import ontology_dir

ONTOLOGY = ontology_dir() / "conflict.ttl"
SHAPES = ontology_dir() / "shapes.ttl"
NS = CKG_NS
VOCABULARY_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    SKOS.ConceptScheme,
}
#: classes from other vocabularies the shapes may target
EXTERNAL_CLASSES = {GEO.Geometry, PROV.Entity, SCHEMA.NewsArticle}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def _terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_namespace_in_step_with_ontology(onto: Graph) -> None:
    vocabulary = {
        s for s in _terms(onto) if any((s, RDF.type, t) in onto for t in VOCABULARY_TYPES)
    }
    declared = {CKG[name] for name in CKG.__annotations__}
    assert sorted(vocabulary - declared) == [], "in conflict.ttl, missing from kg/rdf/namespace.py"
    assert sorted(declared - vocabulary) == [], "in kg/rdf/namespace.py, missing from conflict.ttl"


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
def test_every_term_labelled_and_commented(onto: Graph, prop: URIRef) -> None:
    missing = sorted(str(t)[len(NS) :] for t in _terms(onto) if onto.value(t, prop) is None)
    assert missing == []


def test_labels_are_english(onto: Graph) -> None:
    odd = sorted(
        str(t)[len(NS) :]
        for t in _terms(onto)
        for label in onto.objects(t, RDFS.label)
        if getattr(label, "language", None) != "en"
    )
    assert odd == []


@pytest.mark.parametrize(
    ("parent", "children"),
    [
        (CKG.Actor, ["State", "Government", "ArmedForces", "ArmedGroup", "Coalition", "Person",
                     "InternationalOrganization", "MediaOrganization"]),
        (CKG.ArmedGroup, ["Militia", "TerroristOrganization"]),
        (CKG.Place, ["Country", "Province", "District", "Region", "Settlement", "Facility",
                     "River"]),
        (CKG.Event, list(EVENT_CLASSES)),
        (CKG.Relationship, sorted({v[0] for v in RELATION_TYPES.values()})),
    ],
)  # fmt: skip
def test_class_hierarchy(onto: Graph, parent: URIRef, children: list[str]) -> None:
    assert (parent, RDF.type, OWL.Class) in onto
    for c in children:
        assert (CKG[c], RDFS.subClassOf, parent) in onto, c


@pytest.mark.parametrize("edge", sorted(RELATION_TYPES))
def test_relation_edges(onto: Graph, edge: str) -> None:
    assert (CKG[edge], RDF.type, OWL.ObjectProperty) in onto
    symmetric = (CKG[edge], RDF.type, OWL.SymmetricProperty) in onto
    assert symmetric == RELATION_TYPES[edge][3]


def test_located_in_transitive(onto: Graph) -> None:
    assert (CKG.locatedIn, RDF.type, OWL.TransitiveProperty) in onto


@pytest.mark.parametrize("figure", FIGURES)
def test_figures_are_integers(onto: Graph, figure: str) -> None:
    assert (CKG[figure], RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#integer")) in onto


def test_alignments_stay_in_our_namespace_or_known_vocabularies(onto: Graph) -> None:
    """No invented external IRIs: closeMatch targets are our own concepts or known terms."""
    known = (NS, str(SCHEMA), str(PROV), str(GEO))
    for s, o in onto.subject_objects(SKOS.closeMatch):
        assert str(o).startswith(known), (s, o)
        if str(o).startswith(NS):
            assert (o, RDF.type, SKOS.Concept) in onto, o


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=["conflict.ttl", "shapes.ttl"])
def test_parses_with_oxigraph(path: Path) -> None:
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(path, format="turtle"))


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=["conflict.ttl", "shapes.ttl"])
def test_parses_with_rapper(path: Path) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    res = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stderr
    count = int(res.stderr.rsplit("returned", 1)[1].split()[0])
    assert count == len(Graph().parse(path, format="turtle"))


def test_shape_classes_exist(onto: Graph, shapes: Graph) -> None:
    used = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    unknown = sorted(
        str(c) for c in used if c not in EXTERNAL_CLASSES and (c, RDF.type, OWL.Class) not in onto
    )
    assert unknown == []


def test_shape_paths_exist(onto: Graph, shapes: Graph) -> None:
    paths = {p for p in shapes.objects(None, SH.path) if isinstance(p, URIRef)}
    ours = {p for p in paths if str(p).startswith(NS)}
    unknown = sorted(
        str(p)
        for p in ours
        if (p, RDF.type, OWL.ObjectProperty) not in onto
        and (p, RDF.type, OWL.DatatypeProperty) not in onto
    )
    assert unknown == []


@pytest.mark.parametrize(
    "cls",
    ["Actor", "Place", "Event", "Sponsorship", "Alliance", "Hostility", "Tension", "Membership",
     "Leadership", "Control", "Attestation", "Article"],
)  # fmt: skip
def test_every_node_kind_has_a_shape(shapes: Graph, cls: str) -> None:
    assert (None, SH.targetClass, CKG[cls]) in shapes


def test_geometry_has_a_shape(shapes: Graph) -> None:
    assert (None, SH.targetClass, GEO.Geometry) in shapes


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    props = set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    silent = [p for p in props if shapes.value(p, SH.message) is None]
    assert silent == []


def test_eval_mappings_name_real_classes(onto: Graph) -> None:
    from kg.quality import evaluate

    names: set[str] = set()
    for mapping in (evaluate.ACTOR_KINDS, evaluate.PLACE_KINDS, evaluate.EVENT_TYPES):
        for classes in mapping.values():
            names |= classes
    missing = sorted(n for n in names if (CKG[n], RDF.type, OWL.Class) not in onto)
    assert missing == []
    edges = {v[0] for v in evaluate.RELATION_TYPES.values()}
    assert edges == set(RELATION_TYPES)
