"""The gazetteer's index: its entries (:class:`GazEntry`) and the lookups over them
(:class:`Gazetteer`), with the name folding they share (:func:`normalise`).

The files are read and validated by :mod:`kg.extract.gazetteer`, whose
:func:`~kg.extract.gazetteer.load_gazetteer` builds the index; import from there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

__all__ = ["KINDS", "GazEntry", "Gazetteer", "normalise"]

#: the kinds of entry, in the order lookups return them
KINDS = ("actor", "place")

_APOSTROPHES = re.compile(r"['`´ʻʼʽʾʿ‘’′]")
_DASHES = re.compile(r"[-‐‑‒–—―−_/]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form names are compared in: case, accents, apostrophes and dashes do not count.

    Casefolds, strips diacritics, removes apostrophes and ayn/hamza marks, turns hyphens,
    dashes, underscores and slashes into spaces, collapses whitespace and drops a leading
    "the ". Dots are kept, so "U.S." and "us" stay apart.

    Parameters
    ----------
    text : str
        A name as written.

    Returns
    -------
    str

    Examples
    --------
    >>> normalise("Deir ez-Zor"), normalise("Dayr az Zawr"), normalise("Shi'ite")
    ('deir ez zor', 'dayr az zawr', 'shiite')
    >>> normalise("The  Ḥamāh  Governorate"), normalise("Asa’ib Ahl al-Haq")
    ('hamah governorate', 'asaib ahl al haq')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain)
    plain = _DASHES.sub(" ", plain)
    plain = _SPACES.sub(" ", plain).strip()
    if plain.startswith("the "):
        plain = plain[4:]
    return plain


@dataclass(frozen=True)
class GazEntry:
    """One known actor or place.

    Attributes
    ----------
    name : str
        Canonical name, unique among entries of the same kind.
    kind : str
        ``"actor"`` or ``"place"``.
    cls : str
        Ontology class local name (one of :data:`kg.model.ACTOR_CLASSES` for actors, of
        :data:`kg.model.PLACE_CLASSES` for places).
    aliases : tuple of str
        Other surface forms, matched case-insensitively (after :func:`normalise`).
    acronyms : tuple of str
        Forms matched with their exact case only: acronyms ("IS", "SDF") and names that are
        also ordinary English words (the Iraqi town of "Hit").
    country : str or None
        Canonical name of the country the actor belongs to or the place is in.
    parent : str or None
        Places: the containing place (city → province → country).
    coords : tuple of float or None
        ``(latitude, longitude)``.
    demonyms : tuple of str
        Countries: adjectives and nouns for the country or its people ("Iranian", "Iranians").
    forces : str or None
        Countries: canonical name of the state's ArmedForces entry.
    government : str or None
        Countries: canonical name of the state's Government entry.
    capital : str or None
        Countries: the name of the capital city (GeoNames), which may stand for the state
        ("Moscow's invasion", "Washington accused Tehran").
    iso2 : str or None
        Countries: ISO 3166-1 alpha-2 code.
    case_sensitive : bool
        When true, every name of the entry is matched with its exact case only (generated
        towns, whose names may be ordinary words: "Van", "Batman", "Hit").
    """

    name: str
    kind: str
    cls: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    coords: tuple[float, float] | None = None
    demonyms: tuple[str, ...] = ()
    forces: str | None = None
    government: str | None = None
    capital: str | None = None
    iso2: str | None = None
    case_sensitive: bool = False

    def names(self) -> tuple[str, ...]:
        """The canonical name and aliases (the case-insensitive forms).

        >>> GazEntry("Raqqa", "place", "Settlement", aliases=("Raqa",)).names()
        ('Raqqa', 'Raqa')
        """
        return (self.name, *self.aliases)


class Gazetteer:
    """Known entries with their indexes; build one with :func:`load_gazetteer`.

    Parameters
    ----------
    entries : list of GazEntry
        Already validated entries (canonical names unique per kind).
    groups : mapping of str to tuple of str
        Group adjective (canonical) → its variants ("Shiite" → "Shia", "Shi'ite", ...).
    """

    def __init__(
        self, entries: list[GazEntry], groups: Mapping[str, tuple[str, ...]] | None = None
    ) -> None:
        self.entries = entries
        self.groups: dict[str, tuple[str, ...]] = dict(groups or {})
        self._by_name: dict[str, dict[str, GazEntry]] = {kind: {} for kind in KINDS}
        self._by_norm: dict[str, list[GazEntry]] = {}
        self._by_acronym: dict[str, list[GazEntry]] = {}
        self._demonyms: dict[str, GazEntry] = {}
        self._group_of: dict[str, str] = {}
        for entry in entries:
            self._by_name[entry.kind][entry.name] = entry
            if entry.case_sensitive:
                for form in entry.names():
                    _add_unique(self._by_acronym, form, entry)
            else:
                for form in entry.names():
                    _add_unique(self._by_norm, normalise(form), entry)
            for acronym in entry.acronyms:
                _add_unique(self._by_acronym, acronym, entry)
        self._capitals: dict[str, GazEntry] = {}
        for entry in entries:
            if entry.kind == "actor" and entry.cls == "State":
                for form in (*entry.demonyms, *entry.names()):
                    self._demonyms.setdefault(normalise(form), entry)
                if entry.capital:
                    self._capitals.setdefault(normalise(entry.capital), entry)
        for canonical, variants in self.groups.items():
            for form in (canonical, *variants):
                self._group_of.setdefault(normalise(form), canonical)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self.entries)} entries, {len(self.groups)} group adjectives>"

    def get(self, name: str, kind: str | None = None) -> GazEntry | None:
        """The entry with this exact canonical name.

        Parameters
        ----------
        name : str
            Canonical name ("Syria", "Syrian Democratic Forces").
        kind : {"actor", "place", None}
            Which kind to look in; ``None`` tries actors first, then places.

        Returns
        -------
        GazEntry or None

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> gaz.get("Iraq", kind="place").cls, gaz.get("Mosul").kind, gaz.get("Nowhere")
        ('Country', 'place', None)
        """
        kinds = KINDS if kind is None else (kind,)
        for k in kinds:
            if k not in self._by_name:
                raise ValueError(f"kind must be 'actor', 'place' or None, not {kind!r}")
            found = self._by_name[k].get(name)
            if found is not None:
                return found
        return None

    def lookup(self, surface: str) -> list[GazEntry]:
        """Every entry a surface form may name: by name or alias (normalised) or acronym (exact).

        Parameters
        ----------
        surface : str
            Text as found in an article.

        Returns
        -------
        list of GazEntry
            Actors before places, each in file order; empty when nothing matches.

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> [(e.kind, e.cls) for e in gaz.lookup("syria")]
        [('actor', 'State'), ('place', 'Country')]
        >>> [e.name for e in gaz.lookup("SDF")], gaz.lookup("sdf")
        (['Syrian Democratic Forces'], [])
        """
        found = list(self._by_norm.get(normalise(surface), ()))
        for entry in self._by_acronym.get(surface.strip(), ()):
            if entry not in found:
                found.append(entry)
        found.sort(key=lambda e: KINDS.index(e.kind))
        return found

    def state_of_capital(self, place: str) -> GazEntry | None:
        """The State whose capital the place ``place`` (a canonical name) is, or None.

        >>> from kg.extract.gazetteer import load_gazetteer
        >>> load_gazetteer().state_of_capital("Moscow").name
        'Russia'
        """
        town = self.get(place, kind="place")
        for name in town.names() if town is not None else (place,):
            entry = self._capitals.get(normalise(name))
            if entry is not None:
                return entry
        return None

    def by_demonym(self, word: str) -> GazEntry | None:
        """The State actor a country word points at: demonym, name, alias or acronym.

        Parameters
        ----------
        word : str
            "Iranian", "Iranians", "Iran", "US", "U.S.", "American", "British" ...

        Returns
        -------
        GazEntry or None
            The ``State`` entry, or ``None`` when the word names no country.

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> [gaz.by_demonym(w).name for w in ("American", "U.S.", "US", "Russian", "Emirati")]
        ['United States', 'United States', 'United States', 'Russia', 'United Arab Emirates']
        >>> gaz.by_demonym("Kurdish") is None, gaz.by_demonym("us") is None
        (True, True)
        """
        entry = self._demonyms.get(normalise(word))
        if entry is not None:
            return entry
        for candidate in self._by_acronym.get(word.strip(), ()):
            if candidate.kind == "actor" and candidate.cls == "State":
                return candidate
        return None

    def group_adjective(self, word: str) -> str | None:
        """The canonical group adjective of a word ("Shi'ite" → "Shiite"), or ``None``.

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> [gaz.group_adjective(w) for w in ("Shi'ite", "Shia", "Kurdish", "Iranian")]
        ['Shiite', 'Shiite', 'Kurdish', None]
        """
        return self._group_of.get(normalise(word))

    def forces_of(self, state: str) -> GazEntry | None:
        """The ArmedForces entry of a state given by canonical name ("Syria" → Syrian Arab Army).

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> load_gazetteer().forces_of("Iraq").name
        'Iraqi Security Forces'
        """
        entry = self.get(state, kind="actor")
        if entry is None or entry.forces is None:
            return None
        return self.get(entry.forces, kind="actor")

    def government_of(self, state: str) -> GazEntry | None:
        """The Government entry of a state given by canonical name ("Syria" → Government of Syria).

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> load_gazetteer().government_of("Syria").name
        'Government of Syria'
        """
        entry = self.get(state, kind="actor")
        if entry is None or entry.government is None:
            return None
        return self.get(entry.government, kind="actor")

    def ancestors(self, place: str) -> list[str]:
        """Canonical names of the places containing ``place``, nearest first.

        Parameters
        ----------
        place : str
            Canonical name of a place; an unknown name has no ancestors.

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> gaz.ancestors("Mosul"), gaz.ancestors("Iraq")
        (['Nineveh Governorate', 'Iraq'], [])
        """
        chain: list[str] = []
        entry = self.get(place, kind="place")
        while entry is not None and entry.parent is not None and entry.parent not in chain:
            chain.append(entry.parent)
            entry = self.get(entry.parent, kind="place")
        return chain

    def surface_forms(self) -> Iterator[tuple[str, GazEntry, bool]]:
        """Every form to match in text: ``(text, entry, case_sensitive)``.

        Names and aliases come with ``case_sensitive=False`` (``True`` for entries marked
        ``case_sensitive``), acronyms with ``True``. Country
        demonyms are not included (they are adjectives; see :meth:`by_demonym`).

        Examples
        --------
        >>> from kg.extract.gazetteer import load_gazetteer
        >>> forms = {(t, e.kind, cs) for t, e, cs in load_gazetteer().surface_forms()}
        >>> ("IS", "actor", True) in forms, ("Deir al-Zour", "place", False) in forms
        (True, True)
        """
        for entry in self.entries:
            for form in entry.names():
                yield form, entry, entry.case_sensitive
            for acronym in entry.acronyms:
                yield acronym, entry, True


def _add_unique(index: dict[str, list[GazEntry]], key: str, entry: GazEntry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)
