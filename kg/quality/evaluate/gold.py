"""Gold files: the format's kinds and types, :func:`parse_gold` and :func:`load_gold`.

Examples
--------
>>> gold_match_key("The Deir ez-Zor")
'deir ezzor'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.errors import InputError
from kg.model import FuzzyDate

#: gold actor kind → system classes that agree with it
ACTOR_KINDS: dict[str, frozenset[str]] = {
    "state": frozenset({"State"}),
    "government": frozenset({"Government"}),
    "armed_forces": frozenset({"ArmedForces"}),
    "armed_group": frozenset({"ArmedGroup", "Militia", "TerroristOrganization"}),
    "militia": frozenset({"Militia"}),
    "terrorist_organization": frozenset({"TerroristOrganization"}),
    "coalition": frozenset({"Coalition"}),
    "person": frozenset({"Person"}),
    "international_org": frozenset({"InternationalOrganization"}),
    "media": frozenset({"MediaOrganization"}),
}
#: gold place kind → system classes that agree with it
PLACE_KINDS: dict[str, frozenset[str]] = {
    "country": frozenset({"Country"}),
    "province": frozenset({"Province"}),
    "district": frozenset({"District"}),
    "region": frozenset({"Region"}),
    "city": frozenset({"Settlement"}),
    "town": frozenset({"Settlement"}),
    "village": frozenset({"Settlement"}),
    "river": frozenset({"River"}),
    "facility": frozenset({"Facility"}),
    "border_crossing": frozenset({"Facility"}),
}
#: gold relation type → (ckg direct edge, gold subject field, gold object field, symmetric)
RELATION_TYPES: dict[str, tuple[str, str, str, bool]] = {
    "backs": ("backs", "sponsor", "client", False),
    "allied_with": ("alliedWith", "a", "b", True),
    "fights": ("fights", "a", "b", True),
    "tension": ("tensionWith", "a", "b", True),
    "part_of": ("memberOf", "member", "group", False),
    "leads": ("leads", "leader", "group", False),
    "controls": ("controls", "actor", "place", False),
}
#: gold event type → ckg event classes it accepts
EVENT_TYPES: dict[str, frozenset[str]] = {
    "capture": frozenset({"Capture"}),
    "offensive": frozenset({"Offensive"}),
    "siege": frozenset({"Siege"}),
    "siege_broken": frozenset({"SiegeLifted"}),
    "airstrike": frozenset({"Airstrike"}),
    "battle": frozenset({"Battle"}),
    "attack": frozenset({"Attack", "Bombardment"}),
    "abuse": frozenset({"ViolenceAgainstCivilians"}),
    "displacement": frozenset({"Displacement"}),
    "withdrawal": frozenset({"Withdrawal"}),
    "ceasefire": frozenset({"Ceasefire"}),
    "negotiation": frozenset({"Negotiation"}),
    "casualties": frozenset({"CasualtyReport"}),
}
_Resolve = Callable[[str | None, str], URIRef | None]
_EDGE_TO_GOLD = {v[0]: k for k, v in RELATION_TYPES.items()}
_CLASS_TO_GOLD = {c: k for k, v in sorted(EVENT_TYPES.items(), reverse=True) for c in v}
SECTIONS = ("actors", "places", "relations", "events")


def gold_match_key(name: str) -> str:
    """The key a gold name and a system label are matched by when scoring entities.

    Case-folded; diacritics, apostrophes and hyphens removed; a leading "the" dropped;
    runs of white space made one space.

    One of three foldings of a name, each for its own comparison. This one is for scoring:
    gold files and system labels spell the same transliteration with or without a hyphen
    ("al-Sham", "alsham"), so hyphens are dropped, not made spaces; every other mark is kept
    (dots too), so a score is never raised by names that differ in more than spelling. The
    gazetteer's :func:`kg.extract.gazindex.normalise` finds names in running text (hyphens
    become spaces, dots are kept: "U.S." is not "us"); :func:`kg.query.run.param_lookup_key`
    finds the entity a person typed (every mark becomes a space).

    >>> gold_match_key("Ḥay'at  Taḥrir al-Sham") == gold_match_key("hayat tahrir alsham")
    True
    """
    t = unicodedata.normalize("NFKD", name)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    for ch in "'’ʼʻ`-‐‑–":
        t = t.replace(ch, "")
    words = t.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEntity:
    """A gold actor or place: canonical name, kind and the surface forms in the text."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> frozenset[str]:
        """Normalised name and aliases."""
        return frozenset(gold_match_key(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldRelation:
    """A gold relation: gold type, subject and object names (a and b when symmetric)."""

    type: str
    subject: str
    object: str
    evidence: str = ""
    since: FuzzyDate | None = None
    until: FuzzyDate | None = None

    def __str__(self) -> str:
        return f"{self.type}({self.subject}, {self.object})"


@dataclass(frozen=True)
class GoldEvent:
    """A gold event: gold type, agents, targets, place and date (``None`` when not stated)."""

    type: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    date: FuzzyDate | None = None
    evidence: str = ""

    def __str__(self) -> str:
        who = ", ".join(self.agents) or "-"
        return f"{self.type} at {self.place or '-'} by {who} ({self.date or 'undated'})"


@dataclass
class GoldArticle:
    """The gold facts of one article; ``source`` names the gold file in messages."""

    article: str
    date: FuzzyDate | None
    actors: list[GoldEntity] = field(default_factory=list)
    places: list[GoldEntity] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    source: str = "<gold>"


def _fail(source: str, where: str, problem: str) -> InputError:
    return InputError(f"gold file {source}: {where}: {problem} (see ../shared/eval/FORMAT.md)")


def _str(source: str, where: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    raise _fail(source, where, f"expected a non-empty name, got {value!r}")


def _names(source: str, where: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _fail(source, where, f"expected a list of names, got {value!r}")
    return tuple(_str(source, f"{where}[{i}]", v) or "" for i, v in enumerate(value))


def _date(source: str, where: str, value: object) -> FuzzyDate | None:
    if value is None:
        return None
    try:
        return FuzzyDate.parse(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, AttributeError):
        raise _fail(
            source, where, f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


def _items(source: str, gold: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = gold.get(key) or []
    if not isinstance(items, list):
        raise _fail(source, key, f"expected a list, got {type(items).__name__}")
    for i, it in enumerate(items):
        if not isinstance(it, Mapping):
            raise _fail(source, f"{key}[{i}]", f"expected a mapping of fields, got {it!r}")
    return items


def parse_gold(gold: Mapping[str, Any], source: str = "<gold>") -> GoldArticle:
    """Check and read one gold file's content (the parsed YAML mapping).

    Parameters
    ----------
    gold : mapping
        The file's content.
    source : str
        The file's name, for messages.

    Returns
    -------
    GoldArticle

    Raises
    ------
    InputError
        Naming ``source`` and the field at fault, when a field is missing or malformed.

    Examples
    --------
    >>> g = parse_gold({"article": "a.txt", "date": "2017-11",
    ...                 "actors": [{"name": "Iran", "kind": "state"}],
    ...                 "relations": [{"type": "fights", "a": "Iran", "b": "X"}]})
    >>> g.date, g.actors[0].name, str(g.relations[0])
    (FuzzyDate(year=2017, month=11, day=0), 'Iran', 'fights(Iran, X)')
    >>> parse_gold({"article": "a.txt", "events": [{"type": "party"}]}, "g.yaml")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: gold file g.yaml: events[0].type: unknown event type 'party': ...
    """
    if not isinstance(gold, Mapping):
        raise _fail(source, "top level", "expected a mapping with article, actors, places, ...")
    article = _str(source, "article", gold.get("article") or gold.get("url"))
    out = GoldArticle(article or "", _date(source, "date", gold.get("date")), source=source)
    out.actors += _gold_entities(source, gold, "actors", ACTOR_KINDS)
    out.places += _gold_entities(source, gold, "places", PLACE_KINDS)
    for i, it in enumerate(_items(source, gold, "relations")):
        out.relations.append(_gold_relation(source, i, it))
    for i, it in enumerate(_items(source, gold, "events")):
        out.events.append(_gold_event(source, i, it))
    return out


def _gold_entities(
    source: str, gold: Mapping[str, Any], key: str, kinds: Mapping[str, frozenset[str]]
) -> list[GoldEntity]:
    """The entities listed under ``key`` (``actors`` or ``places``), each of one of ``kinds``."""
    out = []
    for i, it in enumerate(_items(source, gold, key)):
        name = _str(source, f"{key}[{i}].name", it.get("name")) or ""
        kind = _one_of(source, f"{key}[{i}].kind", it.get("kind"), kinds, "kind", f" for {name!r}")
        aliases = _names(source, f"{key}[{i}].aliases_in_text", it.get("aliases_in_text"))
        out.append(GoldEntity(name, kind, aliases))
    return out


def _one_of(
    source: str, where: str, value: Any, allowed: Collection[str], what: str, about: str = ""
) -> str:
    """``value`` as text when it is one of ``allowed``, else an error naming the field and
    the choices ("unknown relation type 'x': use one of ...")."""
    text = str(value or "")
    if text not in allowed:
        raise _fail(
            source,
            where,
            f"unknown {what} {text!r}{about}: use one of {', '.join(sorted(allowed))}",
        )
    return text


def _gold_relation(source: str, i: int, it: Mapping[str, Any]) -> GoldRelation:
    """Relation ``i`` of the file, its two ends under the fields its type names."""
    type_ = _one_of(source, f"relations[{i}].type", it.get("type"), RELATION_TYPES, "relation type")
    _edge, subj, obj, _sym = RELATION_TYPES[type_]
    s = _str(source, f"relations[{i}].{subj}", it.get(subj)) or ""
    o = _str(source, f"relations[{i}].{obj}", it.get(obj)) or ""
    return GoldRelation(
        type_,
        s,
        o,
        str(it.get("evidence") or ""),
        _date(source, f"relations[{i}].since", it.get("since")),
        _date(source, f"relations[{i}].until", it.get("until")),
    )


def _gold_event(source: str, i: int, it: Mapping[str, Any]) -> GoldEvent:
    """Event ``i`` of the file."""
    type_ = _one_of(source, f"events[{i}].type", it.get("type"), EVENT_TYPES, "event type")
    return GoldEvent(
        type_,
        _names(source, f"events[{i}].agents", it.get("agents")),
        _names(source, f"events[{i}].targets", it.get("targets")),
        _str(source, f"events[{i}].place", it.get("place"), optional=True),
        _date(source, f"events[{i}].date", it.get("date")),
        str(it.get("evidence") or ""),
    )


def load_gold(path: Path) -> GoldArticle:
    """Read and check one gold YAML file.

    Raises
    ------
    InputError
        When the file cannot be read, is not YAML, or a field is malformed.
    """
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read gold file {path}: {e}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InputError(f"gold file {path} is not valid YAML: {e}") from None
    return parse_gold(data, str(path))
