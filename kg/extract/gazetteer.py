"""The gazetteer: known actors, places, countries and group adjectives, with their names.

The data lives in YAML files in ``data/gazetteer/`` (every ``*.yaml`` there is read, in name
order), followed by the user's own folders or files named by ``KG_GAZETTEER``; each file
holds any of four sections, ``countries``, ``actors``, ``places`` and ``groups``, described
in the header comment of the files themselves. The gazetteer helps the
extractor recognise and resolve names; it is never the only way an actor or place is found, and
it holds no facts (who backs or leads whom must come from the articles).

A country is two entries: a ``State`` actor and a ``Country`` place, both named like the
country, so :meth:`Gazetteer.get` takes a ``kind``. Loading validates every entry and its
references (an error names the file and entry), and is cached: per set of folders in the
process, and the YAML parse of each file on disk (see :func:`load_gazetteer`).

Examples
--------
>>> gaz = load_gazetteer()
>>> gaz.get("Syria").cls, gaz.get("Syria", kind="place").cls
('State', 'Country')
>>> [e.name for e in gaz.lookup("Deir al-Zour")]
['Deir ez-Zor']
>>> [e.name for e in gaz.lookup("ISIS")], gaz.lookup("is")
(['Islamic State'], [])
>>> gaz.by_demonym("Iranian").name, gaz.forces_of("Syria").name
('Iran', 'Syrian Arab Army')
>>> gaz.ancestors("Deir ez-Zor")
['Deir ez-Zor Governorate', 'Syria']
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.extract.gazindex import KINDS, GazEntry, Gazetteer, normalise
from kg.model import ACTOR_CLASSES, PLACE_CLASSES

__all__ = ["GazEntry", "Gazetteer", "load_gazetteer", "normalise"]

#: Keys each section accepts; anything else is a typo the loader reports.
_ACTOR_KEYS = frozenset({"name", "cls", "aliases", "acronyms", "country", "case_sensitive", "note"})
_PLACE_KEYS = frozenset(
    {"name", "cls", "aliases", "acronyms", "country", "parent", "coords", "case_sensitive", "note"}
)
_COUNTRY_KEYS = frozenset(
    {
        "name",
        "iso2",
        "iso3",
        "aliases",
        "acronyms",
        "demonyms",
        "coords",
        "forces",
        "government",
        "capital",
        "case_sensitive",
        "note",
    }
)
_SECTIONS = ("countries", "actors", "places", "groups")


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[Path, ...]) -> Gazetteer:
    return _load(paths)


def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """Read and validate the gazetteer's ``*.yaml`` files (cached per set of folders).

    The parse of each file is also cached on disk as JSON, keyed by the file's content, in
    ``$KG_CACHE_DIR/gazetteer`` (default ``~/.cache/conflict-kg/gazetteer``); an edited file is
    parsed again. A cold load takes about 0.2 s, a warm one about 0.1 s.

    Parameters
    ----------
    folder : Path, optional
        Read only this folder. By default the bundled gazetteer (``data/gazetteer`` of the
        checkout, ``kg/data/gazetteer`` of an installed wheel) and then the user's folders or
        files named by ``KG_GAZETTEER`` (:func:`kg.resources.gazetteer_paths`): their entries
        may refer to the bundled ones (``country: Syria``) but not reuse their names.

    Returns
    -------
    Gazetteer

    Raises
    ------
    InputError
        When the folder or a file cannot be read, or an entry is invalid (unknown class,
        unknown parent / country / forces / government, duplicate canonical name, ...): the
        message names the file and the entry.
    """
    if folder is None:
        from kg.resources import gazetteer_paths

        paths = gazetteer_paths()
    else:
        paths = [Path(folder)]
    return _load_cached(tuple(p.resolve() for p in paths))


# --------------------------------------------------------------------------------------------
# Loading and validation


class _Reader:
    """Turns the raw YAML of one folder into entries, collecting where each came from."""

    def __init__(self) -> None:
        self.entries: list[GazEntry] = []
        self.origin: dict[tuple[str, str], str] = {}  # (kind, name) -> "file: entry ..."
        self.groups: dict[str, tuple[str, ...]] = {}

    def add(self, entry: GazEntry, where: str) -> None:
        key = (entry.kind, entry.name)
        if key in self.origin:
            raise InputError(
                f"{where}: the {entry.kind} name {entry.name!r} is already used by "
                f"{self.origin[key]}; canonical names must be unique per kind: rename one "
                "(e.g. 'Tripoli (Lebanon)') and keep the short form as an alias"
            )
        self.origin[key] = where
        self.entries.append(entry)

    def read_file(self, path: Path) -> None:
        data = _parse(path)
        if data is None:
            return
        if not isinstance(data, dict) or not set(data) <= set(_SECTIONS):
            raise InputError(
                f"gazetteer file {path} must be a mapping with sections among "
                f"{', '.join(_SECTIONS)}; found {_describe_top(data)}"
            )
        for index, raw in enumerate(_section_list(path, data, "countries")):
            where = _where(path, "countries", index, raw)
            self._country(raw, where)
        for index, raw in enumerate(_section_list(path, data, "actors")):
            where = _where(path, "actors", index, raw)
            self.add(_entry(raw, "actor", where), where)
        for index, raw in enumerate(_section_list(path, data, "places")):
            where = _where(path, "places", index, raw)
            self.add(_entry(raw, "place", where), where)
        groups = data.get("groups") or {}
        if not isinstance(groups, dict):
            raise InputError(
                f"{path}: 'groups' must map a group adjective to a list of its variants, "
                "e.g. 'Shiite: [Shia, Shi'ite]'"
            )
        for canonical, variants in groups.items():
            where = f"{path}: groups entry {canonical!r}"
            if canonical in self.groups:
                raise InputError(f"{where} is defined twice; merge the two lists")
            self.groups[str(canonical)] = _str_tuple(variants or [], where, "variants")

    def _country(self, raw: Any, where: str) -> None:
        raw = _mapping(raw, where, _COUNTRY_KEYS)
        name = _name(raw, where)
        coords = _coords(raw.get("coords"), where)
        aliases = _str_tuple(raw.get("aliases", []), where, "aliases")
        acronyms = _str_tuple(raw.get("acronyms", []), where, "acronyms")
        iso2 = _opt_str(raw, "iso2", where)
        case_sensitive = _flag(raw, "case_sensitive", where)
        self.add(
            GazEntry(
                name,
                "actor",
                "State",
                aliases=aliases,
                acronyms=acronyms,
                country=name,
                demonyms=_str_tuple(raw.get("demonyms", []), where, "demonyms"),
                forces=_opt_str(raw, "forces", where),
                government=_opt_str(raw, "government", where),
                capital=_opt_str(raw, "capital", where),
                iso2=iso2,
                case_sensitive=case_sensitive,
            ),
            where,
        )
        self.add(
            GazEntry(
                name,
                "place",
                "Country",
                aliases=aliases,
                acronyms=acronyms,
                country=name,
                coords=coords,
                iso2=iso2,
                case_sensitive=case_sensitive,
            ),
            where,
        )

    def finish(self) -> Gazetteer:
        """Check the references between entries and build the :class:`Gazetteer`."""
        names = {kind: {n for k, n in self.origin if k == kind} for kind in KINDS}
        countries = {e.name for e in self.entries if e.kind == "place" and e.cls == "Country"}
        actors = {e.name: e for e in self.entries if e.kind == "actor"}
        finished: list[GazEntry] = []
        for entry in self.entries:
            where = self.origin[(entry.kind, entry.name)]
            if entry.country is not None and entry.country not in countries:
                raise InputError(
                    f"{where}: country {entry.country!r} is not a known country; use the "
                    "canonical name of a 'countries' entry (e.g. 'Syria', 'United States')"
                )
            if entry.kind == "place" and entry.parent and entry.parent not in names["place"]:
                raise InputError(
                    f"{where}: parent {entry.parent!r} is not the canonical name of a "
                    "known place; add that place or fix the spelling"
                )
            for field, cls in (("forces", "ArmedForces"), ("government", "Government")):
                target = getattr(entry, field)
                if target is None:
                    continue
                ref = actors.get(target)
                if ref is None or ref.cls != cls:
                    raise InputError(
                        f"{where}: {field} {target!r} is not the canonical name of a known "
                        f"{cls} actor; add it to the 'actors' section with cls: {cls}"
                    )
            finished.append(entry)
        gaz = Gazetteer(finished, self.groups)
        for entry in finished:
            if entry.kind == "place" and entry.name in gaz.ancestors(entry.name):
                raise InputError(
                    f"{self.origin[(entry.kind, entry.name)]}: place {entry.name!r} is among "
                    "its own parents; fix the parent chain"
                )
        return gaz


#: The base loader reads every scalar as a string (no implicit typing: "NO" stays "NO"); it is
#: twice as fast as the safe loader. Coordinates and flags are converted here.
_YAML_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


#: Bump when the parsed form changes, so stale cache files are not used.
_CACHE_VERSION = "1"


def _cache_dir() -> Path:
    """Where parsed gazetteer files are cached: ``$KG_CACHE_DIR`` or ``~/.cache/conflict-kg``."""
    env = os.environ.get("KG_CACHE_DIR")
    if env:
        return Path(env) / "gazetteer"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "conflict-kg" / "gazetteer"


def _parse(path: Path) -> Any:
    """The YAML of one file, as plain dicts, lists and strings.

    Parsing YAML is most of the load time, so the parse is cached as JSON under
    :func:`_cache_dir`, keyed by a hash of the file's bytes (an edited file is parsed again).
    The cache is best effort: when it cannot be read or written, the file is parsed.
    """
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"gazetteer file {path} cannot be read: {exc}") from exc
    digest = hashlib.sha256(raw + _CACHE_VERSION.encode()).hexdigest()
    cached = _cache_dir() / f"{digest}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise InputError(f"gazetteer file {path} is not valid YAML: {exc}") from exc
    _write_cache(cached, data)
    return data


def _write_cache(cached: Path, data: Any) -> None:
    """Write ``data`` as JSON to a temporary file, then rename it (never a half-written file)."""
    tmp: str | None = None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=cached.parent, suffix=".tmp", delete=False
        ) as out:
            tmp = out.name
            json.dump(data, out, ensure_ascii=False)
        os.replace(tmp, cached)
    except OSError:  # a read-only home: parse every time
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _load(paths: tuple[Path, ...]) -> Gazetteer:
    """Read the ``*.yaml`` files of each folder (sorted) or each file, in order."""
    reader = _Reader()
    for folder in paths:
        if folder.is_file():
            reader.read_file(folder)
            continue
        if not folder.is_dir():
            raise InputError(
                f"gazetteer folder {folder} does not exist; it should hold the gazetteer's "
                "*.yaml files (data/gazetteer in the checkout)"
            )
        files = sorted(folder.glob("*.yaml"))
        if not files:
            raise InputError(f"gazetteer folder {folder} holds no *.yaml files")
        for path in files:
            reader.read_file(path)
    return reader.finish()


def _describe_top(data: Any) -> str:
    if isinstance(data, dict):
        return "sections " + ", ".join(repr(k) for k in data)
    return f"a {type(data).__name__}"


def _section_list(path: Path, data: dict[str, Any], section: str) -> list[Any]:
    items = data.get(section) or []
    if not isinstance(items, list):
        raise InputError(f"{path}: section {section!r} must be a list of entries ('- name: ...')")
    return items


def _where(path: Path, section: str, index: int, raw: Any) -> str:
    label = raw.get("name") if isinstance(raw, dict) else None
    return f"{path}: {section} entry {index + 1}" + (f" ({label!r})" if label else "")


def _mapping(raw: Any, where: str, allowed: frozenset[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(f"{where} must be a mapping ('name: ...', 'cls: ...'), not {raw!r}")
    unknown = sorted(str(k) for k in set(raw) - allowed)
    if unknown:
        raise InputError(
            f"{where} has unknown field(s) {', '.join(unknown)}; valid fields are "
            f"{', '.join(sorted(allowed))}"
        )
    return raw


def _name(raw: dict[str, Any], where: str) -> str:
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where} has no 'name' (a non-empty string)")
    return name.strip()


def _opt_str(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {key!r} must be a non-empty string, not {value!r}")
    return value.strip()


def _str_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{where}: {key!r} must be a list of non-empty strings, not {value!r}")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _coords(value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError(value)
        lat, lon = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        lat = lon = float("nan")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            f"{where}: coords must be [latitude, longitude] in degrees "
            f"(e.g. [35.34, 40.14]), not {value!r}"
        )
    return (lat, lon)


def _entry(raw: Any, kind: str, where: str) -> GazEntry:
    allowed = _ACTOR_KEYS if kind == "actor" else _PLACE_KEYS
    raw = _mapping(raw, where, allowed)
    name = _name(raw, where)
    classes = ACTOR_CLASSES if kind == "actor" else PLACE_CLASSES
    cls = raw.get("cls")
    if cls in {"State", "Country"}:
        raise InputError(
            f"{where}: cls {cls!r}: states go in the 'countries' section (which makes both "
            f"the State actor and the Country place), not in '{kind}s'"
        )
    if cls not in classes:
        valid = [c for c in classes if c not in {"State", "Country"}]
        raise InputError(
            f"{where}: cls {cls!r} is not a valid {kind} class; use one of {', '.join(valid)}"
        )
    country = _opt_str(raw, "country", where)
    return GazEntry(
        name,
        kind,
        cls,
        aliases=_str_tuple(raw.get("aliases", []), where, "aliases"),
        acronyms=_str_tuple(raw.get("acronyms", []), where, "acronyms"),
        country=country,
        # A place without a parent is in its country.
        parent=(_opt_str(raw, "parent", where) or country) if kind == "place" else None,
        coords=_coords(raw.get("coords"), where) if kind == "place" else None,
        case_sensitive=_flag(raw, "case_sensitive", where),
    )


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, "false")
    if not isinstance(value, str) or value.lower() not in ("true", "false"):
        raise InputError(f"{where}: {key!r} must be true or false, not {value!r}")
    return value.lower() == "true"
