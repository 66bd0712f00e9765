"""Names for the synthetic corpus (:mod:`bench.corpus`): actors, states, places,
organisations and people from the gazetteer (or a small built-in list when none can be read),
and invented militias, towns and people.

Examples
--------
>>> import random
>>> pools = NamePools.builtin()
>>> invented_militia(random.Random(1)) == invented_militia(random.Random(1))
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "BUILTIN_ACTORS",
    "BUILTIN_STATES",
    "THEATRES",
    "Name",
    "NamePools",
    "invented_militia",
    "invented_person",
    "invented_town",
    "invented_word",
    "takes_the",
]


@dataclass(frozen=True)
class Name:
    """An actor or place: its canonical name, other surface forms, class and country."""

    name: str
    cls: str
    country: str | None = None
    forms: tuple[str, ...] = ()  # aliases and acronyms, used after the first mention
    demonym: str | None = None  # states: "Iranian"


# Used only when no gazetteer can be read: well-known actors and places of the wars covered.
BUILTIN_ACTORS: tuple[Name, ...] = (
    Name("Islamic State", "TerroristOrganization", None, ("IS", "ISIS", "Daesh")),
    Name("Syrian Democratic Forces", "ArmedGroup", "Syria", ("SDF",)),
    Name("People's Protection Units", "Militia", "Syria", ("YPG",)),
    Name("Syrian Arab Army", "ArmedForces", "Syria", ("Syrian army",)),
    Name("Hayat Tahrir al-Sham", "ArmedGroup", "Syria", ("HTS",)),
    Name("Free Syrian Army", "ArmedGroup", "Syria", ("FSA",)),
    Name("Hezbollah", "Militia", "Lebanon"),
    Name("Popular Mobilization Forces", "Militia", "Iraq", ("PMF", "Hashd al-Shaabi")),
    Name("Kataib Hezbollah", "Militia", "Iraq"),
    Name("Iraqi Security Forces", "ArmedForces", "Iraq", ("Iraqi forces",)),
    Name("Peshmerga", "ArmedForces", "Iraq"),
    Name("Libyan National Army", "ArmedGroup", "Libya", ("LNA",)),
    Name("Government of National Accord", "Government", "Libya", ("GNA",)),
    Name("Wagner Group", "ArmedGroup", "Russia", ("Wagner",)),
    Name("Houthis", "ArmedGroup", "Yemen", ("Ansar Allah",)),
    Name("Saudi-led coalition", "Coalition", "Saudi Arabia"),
    Name("US-led coalition", "Coalition", "United States"),
    Name("al-Qaeda in the Arabian Peninsula", "TerroristOrganization", "Yemen", ("AQAP",)),
)
BUILTIN_STATES: tuple[Name, ...] = (
    Name("United States", "State", "United States", ("US",), "American"),
    Name("Russia", "State", "Russia", (), "Russian"),
    Name("Iran", "State", "Iran", (), "Iranian"),
    Name("Turkey", "State", "Turkey", (), "Turkish"),
    Name("Saudi Arabia", "State", "Saudi Arabia", (), "Saudi"),
    Name("United Arab Emirates", "State", "United Arab Emirates", ("UAE",), "Emirati"),
    Name("Qatar", "State", "Qatar", (), "Qatari"),
    Name("Egypt", "State", "Egypt", (), "Egyptian"),
)
_BUILTIN_PLACES: tuple[Name, ...] = (
    Name("Deir ez-Zor", "Settlement", "Syria", ("Deir al-Zour",)),
    Name("Raqqa", "Settlement", "Syria"),
    Name("Albu Kamal", "Settlement", "Syria", ("Abu Kamal",)),
    Name("Mayadin", "Settlement", "Syria"),
    Name("Aleppo", "Settlement", "Syria"),
    Name("Idlib", "Settlement", "Syria"),
    Name("Manbij", "Settlement", "Syria"),
    Name("Palmyra", "Settlement", "Syria"),
    Name("Mosul", "Settlement", "Iraq"),
    Name("Al-Qaim", "Settlement", "Iraq", ("Qaim",)),
    Name("Tal Afar", "Settlement", "Iraq"),
    Name("Ramadi", "Settlement", "Iraq"),
    Name("Fallujah", "Settlement", "Iraq"),
    Name("Kirkuk", "Settlement", "Iraq"),
    Name("Tripoli", "Settlement", "Libya"),
    Name("Benghazi", "Settlement", "Libya"),
    Name("Sirte", "Settlement", "Libya"),
    Name("Misrata", "Settlement", "Libya"),
    Name("Sanaa", "Settlement", "Yemen"),
    Name("Aden", "Settlement", "Yemen"),
    Name("Hodeidah", "Settlement", "Yemen"),
    Name("Taiz", "Settlement", "Yemen"),
)
_BUILTIN_ORGS: tuple[Name, ...] = (
    Name("United Nations", "InternationalOrganization", None, ("UN",)),
    Name("International Committee of the Red Cross", "InternationalOrganization", None, ("ICRC",)),
    Name("Syrian Observatory for Human Rights", "MediaOrganization", "Syria"),
)
_BUILTIN_PERSONS: tuple[Name, ...] = (
    Name("Bashar al-Assad", "Person", "Syria"),
    Name("Vladimir Putin", "Person", "Russia"),
    Name("Recep Tayyip Erdogan", "Person", "Turkey"),
    Name("Khalifa Haftar", "Person", "Libya"),
)

#: States that news of these wars calls backers ("Iranian-backed"), when the gazetteer has them.
_SPONSORS = frozenset(
    (
        "United States", "Russia", "Iran", "Turkey", "Saudi Arabia", "United Arab Emirates",
        "Qatar", "Egypt", "France", "United Kingdom", "Jordan", "Israel",
    )
)  # fmt: skip
_ARMED = {"ArmedGroup", "Militia", "TerroristOrganization", "ArmedForces"}


#: Countries the articles are set in (when the gazetteer knows places there).
THEATRES = ("Syria", "Iraq", "Libya", "Yemen")


@dataclass(frozen=True)
class NamePools:
    """Real names to draw from, each pool sorted by name (so draws are deterministic)."""

    armed: tuple[Name, ...]  # armed groups, militias, armed forces, terrorist organisations
    states: tuple[Name, ...]  # states with a demonym (the ones news calls "X-backed")
    coalitions: tuple[Name, ...]
    places: dict[str, tuple[Name, ...]]  # theatre country → settlements there
    orgs: tuple[Name, ...]  # UN agencies, monitors, news agencies
    persons: tuple[Name, ...]
    source: str  # where the names came from

    @classmethod
    def builtin(cls) -> NamePools:
        """The small built-in pools (used when the gazetteer cannot be read)."""
        return cls._from_names(
            BUILTIN_ACTORS + BUILTIN_STATES + _BUILTIN_ORGS + _BUILTIN_PERSONS,
            _BUILTIN_PLACES,
            "built-in names (no gazetteer found)",
        )

    @classmethod
    def load(cls, folder: Path | None = None) -> NamePools:
        """Pools from the gazetteer (``kg.extract.gazetteer``, else its YAML files directly).

        Falls back to :meth:`builtin` when neither can be read.
        """
        try:
            from kg.extract.gazetteer import load_gazetteer
        except ImportError:
            load_gazetteer = None  # type: ignore[assignment]
        if load_gazetteer is not None:
            from kg.errors import KGError

            try:
                gaz = load_gazetteer(folder) if folder is not None else load_gazetteer()
            except KGError:  # a gazetteer being edited: read what its YAML files hold
                return cls._from_yaml(folder)
            actors: list[Name] = []
            places: list[Name] = []
            # a country's demonyms may sit on its State entry or on its Country entry
            demonym = {e.name: e.demonyms[0] for e in gaz.entries if getattr(e, "demonyms", ())}
            for e in gaz.entries:
                forms = tuple(sorted(set(e.aliases) | set(e.acronyms)))
                n = Name(e.name, e.cls, e.country, forms, demonym.get(e.name))
                (actors if e.kind == "actor" else places).append(n)
            return cls._from_names(actors, places, "kg.extract.gazetteer")
        return cls._from_yaml(folder)

    @classmethod
    def _from_yaml(cls, folder: Path | None) -> NamePools:
        if folder is None:
            folder = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if not files:
            return cls.builtin()
        import yaml

        actors: list[Name] = []
        places: list[Name] = []
        for f in files:
            doc = yaml.safe_load(f.read_text(encoding="utf-8"))
            sections = doc.items() if isinstance(doc, dict) else [("", doc)]
            for section, body in sections:
                for d in _mappings(body):
                    n = _yaml_name(d, section)
                    if n is None:
                        continue
                    if n.cls == "State":  # a country: a State actor (and a Country place)
                        actors.append(n)
                    elif section == "places" or n.cls in _PLACE_CLASSES:
                        places.append(n)
                    else:
                        actors.append(n)
        pools = cls._from_names(actors, places, f"YAML files in {folder}")
        return pools if pools.armed else cls.builtin()

    @classmethod
    def _from_names(cls, actors: Sequence[Name], places: Sequence[Name], source: str) -> NamePools:
        def pick(pred: Any) -> tuple[Name, ...]:
            return tuple(sorted({a.name: a for a in actors if pred(a)}.values(), key=_key))

        by_country: dict[str, tuple[Name, ...]] = {}
        for t in THEATRES:
            here = {p.name: p for p in places if p.cls == "Settlement" and p.country == t}
            if len(here) < 2:  # a gazetteer without places there yet: the built-in ones
                here = {p.name: p for p in _BUILTIN_PLACES if p.country == t}
            by_country[t] = tuple(sorted(here.values(), key=_key))
        return cls(
            armed=pick(lambda a: a.cls in _ARMED),
            states=pick(lambda a: a.cls == "State" and a.demonym and a.name in _SPONSORS)
            or pick(lambda a: a.cls == "State" and a.demonym),
            coalitions=pick(lambda a: a.cls == "Coalition"),
            places=by_country,
            orgs=pick(lambda a: a.cls in ("InternationalOrganization", "MediaOrganization")),
            persons=pick(lambda a: a.cls == "Person"),
            source=source,
        )


_PLACE_CLASSES = {"Province", "District", "Region", "Settlement", "Facility", "River"}


#: Last words of names that English writes with "the" ("the Syrian Arab Army").
_THE_HEADS = frozenset(
    (
        "Forces", "Army", "army", "Coalition", "coalition", "Group", "Units", "Front",
        "Brigade", "Organization", "Committee", "Observatory", "Nations", "States", "Emirates",
        "Peninsula", "Accord", "Corps", "Council", "Movement", "Party", "Rights", "Room",
        "Government", "Command", "Agency", "Programme", "Cross", "Crescent", "Division",
        "Guard", "Regiment",
    )
)  # fmt: skip
_THE_NAMES = frozenset(("Peshmerga", "Houthis", "Taliban", "Kremlin", "Pentagon"))


def takes_the(surface: str, full: str | None = None) -> bool:
    """Whether running text puts "the" before ``surface`` (an acronym follows its ``full`` name).

    >>> takes_the("Syrian Democratic Forces"), takes_the("Hezbollah")
    (True, False)
    >>> takes_the("SDF", "Syrian Democratic Forces")
    True
    >>> takes_the("AQAP", "al-Qaeda in the Arabian Peninsula")
    False
    """
    if full is not None and surface.isupper() and len(surface) <= 5:
        return takes_the(full)
    if surface[:1].islower():
        return False
    return surface in _THE_NAMES or surface.rsplit(" ", 1)[-1] in _THE_HEADS


def _key(n: Name) -> str:
    return n.name


def _yaml_name(d: dict[str, Any], section: str) -> Name | None:
    """A :class:`Name` from one YAML entry (entries of a ``countries`` section are states)."""
    name = d.get("name")
    cls_name = d.get("cls") or d.get("class") or ("State" if section == "countries" else None)
    if not isinstance(name, str) or not isinstance(cls_name, str):
        return None
    if cls_name == "Country":
        cls_name = "State"
    forms = tuple(
        sorted(
            str(x) for k in ("aliases", "acronyms") for x in (d.get(k) or []) if isinstance(x, str)
        )
    )
    dems = [x for x in (d.get("demonyms") or []) if isinstance(x, str)]
    country = name if cls_name == "State" else d.get("country")
    return Name(name, cls_name, country, forms, dems[0] if dems else None)


def _mappings(doc: Any) -> Iterator[dict[str, Any]]:
    """Every mapping inside a YAML document (entries may be listed or keyed by name)."""
    if isinstance(doc, dict):
        if "name" in doc:
            yield doc
        for k, v in doc.items():
            if isinstance(v, dict) and "name" not in v and ("cls" in v or "class" in v):
                yield {"name": k, **v}
            else:
                yield from _mappings(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _mappings(v)


# -- invented names -----------------------------------------------------------------------
_ONSETS = ("B", "D", "F", "H", "J", "K", "Kh", "M", "N", "Q", "R", "S", "Sh", "T", "W", "Z")
_VOWELS = ("a", "a", "i", "u", "aa", "ou")
_CODAS = ("b", "d", "f", "l", "m", "n", "q", "r", "s", "t", "z")
_GIVEN = (
    "Ahmad", "Omar", "Khalid", "Hassan", "Ali", "Mahmoud", "Youssef", "Ibrahim", "Salim",
    "Karim", "Faisal", "Tariq", "Nabil", "Walid", "Adnan", "Jamal", "Rami", "Samir", "Ziad",
    "Bilal", "Hamid", "Mustafa", "Anas", "Majid",
)  # fmt: skip


def invented_word(rng: random.Random) -> str:
    w = rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
    if rng.random() < 0.7:
        w += rng.choice(_CODAS) + rng.choice(("a", "i", "u", "ah", "an", "ir"))
    return w


def invented_militia(rng: random.Random) -> Name:
    w = invented_word(rng)
    pattern = rng.choice(
        (
            "Liwa al-{w}",
            "Jaysh al-{w}",
            "Kataib al-{w}",
            "Saraya al-{w}",
            "Harakat al-{w}",
            "Ansar al-{w}",
            "Firqat al-{w}",
            "{w} Brigade",
        )
    )
    return Name(pattern.format(w=w), "Militia")


def invented_town(rng: random.Random, country: str) -> Name:
    w = invented_word(rng)
    pattern = rng.choice(
        ("Tal {w}", "Khirbet {w}", "Ain {w}", "Kafr {w}", "Jisr al-{w}", "Bir {w}", "{w}iyah")
    )
    return Name(pattern.format(w=w), "Settlement", country)


def invented_person(rng: random.Random) -> Name:
    if rng.random() < 0.4:
        return Name(f"Abu {rng.choice(_GIVEN)} al-{invented_word(rng)}i", "Person")
    return Name(f"{rng.choice(_GIVEN)} al-{invented_word(rng)}", "Person")
