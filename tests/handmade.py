"""The handmade articles: facts written by hand, shaped like what ``kg build`` writes.

No spaCy is involved, so consumers of the graph (query, analysis, viz, export) are tested fast
and independently of extraction. ``tests/conftest.py`` builds its store fixtures from these.
"""

from __future__ import annotations

from kg.model import (
    ArticleFacts,
    ArticleMeta,
    Entity,
    EventFact,
    Evidence,
    FuzzyDate,
    RelationFact,
)
from kg.rdf.store import KGStore

_ACTORS = {
    "United States": "State",
    "Iran": "State",
    "Russia": "State",
    "Syrian Democratic Forces": "ArmedGroup",
    "Syrian Arab Army": "ArmedForces",
    "Islamic State": "TerroristOrganization",
    "Popular Mobilization Forces": "Militia",
    "Shiite militias": "Militia",
    "US-led coalition": "Coalition",
    "Iraqi Security Forces": "ArmedForces",
    "Bashar al-Assad": "Person",
    "Government of Syria": "Government",
}
_PLACES = {
    "Syria": ("Country", None, (35.0, 38.0)),
    "Iraq": ("Country", None, (33.0, 44.0)),
    "Deir ez-Zor Governorate": ("Province", "Syria", None),
    "Deir ez-Zor": ("Settlement", "Deir ez-Zor Governorate", (35.3359, 40.1408)),
    "Raqqa": ("Settlement", "Syria", (35.9594, 39.0079)),
    "Al-Qaim": ("Settlement", "Iraq", (34.3711, 41.0943)),
}


def evidence(
    text: str, quote: str, method: str = "test", conf: float = 0.8, hedged: bool = False
) -> Evidence:
    """The evidence of ``quote``, found in ``text``."""
    start = text.index(quote)
    return Evidence(quote, start, start + len(quote), method, conf, hedged)


#: The text of the first handmade article (our own sentences).
TEXT_ONE = (
    "The Syrian army, backed by Russia and Iran, retook Deir ez-Zor from Islamic State "
    "on 3 November. The US-backed Syrian Democratic Forces took Raqqa last month. "
    "Analysts see a risk of clashes between the Syrian army and the SDF. "
    "President Bashar al-Assad welcomed the news. Shiite militias fought alongside the army."
)
_S1 = "The Syrian army, backed by Russia and Iran, retook Deir ez-Zor from Islamic State"

#: The text of the second handmade article (our own sentences).
TEXT_TWO = (
    "Iran-backed Popular Mobilization Forces and Iraqi forces entered Al-Qaim, held by "
    "Islamic State. The US-led coalition, backed by the United States, carried out airstrikes "
    "on Al-Qaim. Some 5,000 people fled. The SDF is believed to be backed by the United States."
)
_S2 = "Iran-backed Popular Mobilization Forces and Iraqi forces entered Al-Qaim"


def _article(
    meta: ArticleMeta, text: str, mentioned: tuple[str, ...], aliases: dict[str, str]
) -> ArticleFacts:
    """An article with the handmade gazetteer's entities, ``mentioned`` by their own names and
    the ``aliases`` (name -> alias) too."""
    art = ArticleFacts(meta, text)
    for name, cls in _ACTORS.items():
        art.entities[name] = Entity(name, "actor", cls, name, source="gazetteer")
    for name, (cls, parent, coords) in _PLACES.items():
        country = "Iraq" if name in ("Iraq", "Al-Qaim") else "Syria"
        art.entities[name] = Entity(
            name,
            "place",
            cls,
            name,
            country=country,
            parent=parent,
            coords=coords,
            source="gazetteer",
        )
    art.mentions = {k: {k} for k in mentioned}
    for name, alias in aliases.items():
        art.mentions[name].add(alias)
    return art


def article_one() -> ArticleFacts:
    """Deir ez-Zor retaken and Raqqa taken: backers, fights, a tension, two captures."""
    meta = ArticleMeta(
        "one.txt",
        "Deir ez-Zor falls",
        "Test Wire",
        FuzzyDate(2017, 11, 3),
        "https://example.org/one",
    )
    mentioned = (
        "Syrian Arab Army",
        "Russia",
        "Iran",
        "Deir ez-Zor",
        "Islamic State",
        "United States",
        "Syrian Democratic Forces",
        "Raqqa",
        "Bashar al-Assad",
        "Shiite militias",
    )
    aliases = {"Syrian Arab Army": "Syrian army", "Syrian Democratic Forces": "SDF"}
    art = _article(meta, TEXT_ONE, mentioned, aliases)
    art.relations += _relations_one()
    art.events += _events_one()
    return art


def _relations_one() -> list[RelationFact]:
    """The relations stated in :data:`TEXT_ONE`."""
    return [
        RelationFact("backs", "Russia", "Syrian Arab Army", evidence(TEXT_ONE, _S1)),
        RelationFact("backs", "Iran", "Syrian Arab Army", evidence(TEXT_ONE, _S1)),
        RelationFact("fights", "Syrian Arab Army", "Islamic State", evidence(TEXT_ONE, _S1)),
        RelationFact(
            "controls",
            "Syrian Arab Army",
            "Deir ez-Zor",
            evidence(TEXT_ONE, _S1),
            start=FuzzyDate(2017, 11, 3),
        ),
        RelationFact(
            "backs",
            "United States",
            "Syrian Democratic Forces",
            evidence(TEXT_ONE, "The US-backed Syrian Democratic Forces", conf=0.9),
        ),
        RelationFact(
            "fights",
            "Syrian Democratic Forces",
            "Islamic State",
            evidence(TEXT_ONE, "Syrian Democratic Forces took Raqqa"),
        ),
        RelationFact(
            "tensionWith",
            "Syrian Arab Army",
            "Syrian Democratic Forces",
            evidence(TEXT_ONE, "risk of clashes between the Syrian army and the SDF"),
        ),
        RelationFact(
            "leads",
            "Bashar al-Assad",
            "Government of Syria",
            evidence(TEXT_ONE, "President Bashar al-Assad"),
        ),
        RelationFact(
            "alliedWith",
            "Shiite militias",
            "Syrian Arab Army",
            evidence(TEXT_ONE, "Shiite militias fought alongside the army"),
        ),
    ]


def _events_one() -> list[EventFact]:
    """The events of :data:`TEXT_ONE`."""
    return [
        EventFact(
            "Capture",
            evidence(TEXT_ONE, _S1),
            ["Syrian Arab Army"],
            ["Islamic State"],
            ["Russia", "Iran"],
            "Deir ez-Zor",
            FuzzyDate(2017, 11, 3),
        ),
        EventFact(
            "Capture",
            evidence(TEXT_ONE, "Syrian Democratic Forces took Raqqa last month"),
            ["Syrian Democratic Forces"],
            ["Islamic State"],
            [],
            "Raqqa",
            FuzzyDate(2017, 10),
        ),
    ]


def article_two() -> ArticleFacts:
    """Al-Qaim entered: backers, an alliance, airstrikes, a capture, a displacement."""
    meta = ArticleMeta("two.txt", "Al-Qaim entered", None, FuzzyDate(2017, 11, 4))
    mentioned = (
        "Iran",
        "Popular Mobilization Forces",
        "Iraqi Security Forces",
        "Al-Qaim",
        "Islamic State",
        "US-led coalition",
        "United States",
        "Syrian Democratic Forces",
    )
    aliases = {"Iraqi Security Forces": "Iraqi forces", "Syrian Democratic Forces": "SDF"}
    art = _article(meta, TEXT_TWO, mentioned, aliases)
    art.relations += _relations_two()
    art.events += _events_two()
    return art


def _relations_two() -> list[RelationFact]:
    """The relations stated in :data:`TEXT_TWO`."""
    return [
        RelationFact(
            "backs", "Iran", "Popular Mobilization Forces", evidence(TEXT_TWO, _S2, conf=0.9)
        ),
        RelationFact(
            "alliedWith",
            "Popular Mobilization Forces",
            "Iraqi Security Forces",
            evidence(TEXT_TWO, _S2),
        ),
        RelationFact("fights", "Iraqi Security Forces", "Islamic State", evidence(TEXT_TWO, _S2)),
        RelationFact(
            "fights", "Popular Mobilization Forces", "Islamic State", evidence(TEXT_TWO, _S2)
        ),
        RelationFact(
            "controls", "Islamic State", "Al-Qaim", evidence(TEXT_TWO, "held by Islamic State")
        ),
        RelationFact(
            "backs",
            "United States",
            "US-led coalition",
            evidence(TEXT_TWO, "The US-led coalition, backed by the United States"),
        ),
        RelationFact(
            "fights",
            "US-led coalition",
            "Islamic State",
            evidence(TEXT_TWO, "carried out airstrikes on Al-Qaim"),
        ),
        RelationFact(
            "backs",
            "United States",
            "Syrian Democratic Forces",
            evidence(
                TEXT_TWO,
                "The SDF is believed to be backed by the United States",
                conf=0.5,
                hedged=True,
            ),
        ),
    ]


def _events_two() -> list[EventFact]:
    """The events of :data:`TEXT_TWO`."""
    return [
        EventFact(
            "Capture",
            evidence(TEXT_TWO, _S2),
            ["Popular Mobilization Forces", "Iraqi Security Forces"],
            ["Islamic State"],
            [],
            "Al-Qaim",
            FuzzyDate(2017, 11, 4),
        ),
        EventFact(
            "Airstrike",
            evidence(TEXT_TWO, "carried out airstrikes on Al-Qaim"),
            ["US-led coalition"],
            ["Islamic State"],
            [],
            "Al-Qaim",
            FuzzyDate(2017, 11),
        ),
        EventFact(
            "Displacement",
            evidence(TEXT_TWO, "Some 5,000 people fled"),
            [],
            [],
            [],
            "Al-Qaim",
            FuzzyDate(2017, 11),
            {"displaced": 5000},
        ),
    ]


def handmade_articles() -> list[ArticleFacts]:
    """Two articles' worth of facts, written by hand, shaped like a real build."""
    return [article_one(), article_two()]


def third_article() -> ArticleFacts:
    """An article that disagrees with the handmade ones, and adds a proxy chain."""
    t = (
        "Tehran arms Hezbollah, and Hezbollah is thought to fund the Shiite militias. "
        "One report had government forces entering Raqqa in October, while another "
        "dated the SDF's entry to September."
    )
    a = ArticleFacts(
        ArticleMeta("three.txt", "Raqqa disputed", "Other Wire", FuzzyDate(2017, 11, 5)), t
    )
    actors = {
        "Iran": "State",
        "Hezbollah": "ArmedGroup",
        "Shiite militias": "Militia",
        "Syrian Arab Army": "ArmedForces",
        "Iraqi Security Forces": "ArmedForces",
        "Syrian Democratic Forces": "ArmedGroup",
    }
    for name, cls in actors.items():
        a.entities[name] = Entity(name, "actor", cls, name)
    a.entities["Raqqa"] = Entity(
        "Raqqa", "place", "Settlement", "Raqqa", country="Syria", parent="Syria"
    )
    a.mentions = {k: {k} for k in actors if k != "Iraqi Security Forces"} | {"Raqqa": {"Raqqa"}}
    a.mentions["Iran"].add("Tehran")
    # "government forces" names two different actors: an ambiguous alias
    a.mentions["Syrian Arab Army"].add("government forces")
    a.mentions["Iraqi Security Forces"] = {"government forces"}
    a.relations += [
        RelationFact("backs", "Iran", "Hezbollah", evidence(t, "Tehran arms Hezbollah")),
        RelationFact(
            "backs",
            "Hezbollah",
            "Shiite militias",
            evidence(t, "Hezbollah is thought to fund the Shiite militias", conf=0.5, hedged=True),
        ),
    ]
    a.events += [
        EventFact(
            "Capture",
            evidence(t, "government forces entering Raqqa in October"),
            ["Syrian Arab Army"],
            [],
            [],
            "Raqqa",
            FuzzyDate(2017, 10),
        ),
        EventFact(
            "Capture",
            evidence(t, "dated the SDF's entry to September"),
            ["Syrian Democratic Forces"],
            ["Islamic State"],
            [],
            "Raqqa",
            FuzzyDate(2017, 9),
        ),
    ]
    return a


def write_articles(store: KGStore, articles) -> None:  # type: ignore[no-untyped-def]
    """Write facts the way ``kg build`` does (ontology, article graphs, derived graph)."""
    from kg.rdf.derived import refresh_derived
    from kg.rdf.iri import article_graph_iri
    from kg.rdf.write import article_triples

    store.ensure_ontology()
    for art in articles:
        store.replace_graph(article_graph_iri(art.content_hash), article_triples(art))
    refresh_derived(store)
