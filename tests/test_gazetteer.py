"""The gazetteer: name variants, acronyms, demonyms, place hierarchy, and validation on load."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kg.errors import InputError
from kg.extract.gazetteer import GazEntry, Gazetteer, load_gazetteer, normalise
from kg.model import ACTOR_CLASSES, PLACE_CLASSES
from kg.resources import data_dir

GAZ_DIR = data_dir() / "gazetteer"


@pytest.fixture(scope="module", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Parsed files are cached in a folder of our own, not the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_CACHE_DIR", str(folder))
        yield folder / "gazetteer"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _names(entries: list[GazEntry]) -> list[tuple[str, str]]:
    return [(e.kind, e.name) for e in entries]


# --------------------------------------------------------------------------------------------
# normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("DEIR EZ ZOR", "deir ez zor"),
        ("Deir  ez–Zor", "deir ez zor"),
        ("Shi'ite", "shiite"),
        ("Shi’ite", "shiite"),
        ("Ḩamāh", "hamah"),
        ("‘Afrīn", "afrin"),
        ("the Islamic State", "islamic state"),
        ("  The Syrian army ", "syrian army"),
        ("theatre", "theatre"),
        ("U.S.", "u.s."),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


# --------------------------------------------------------------------------------------------
# lookups of the shipped data


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        # transliterations of one city
        ("Deir ez-Zor", ("place", "Deir ez-Zor")),
        ("Deir al-Zour", ("place", "Deir ez-Zor")),
        ("Dayr az-Zawr", ("place", "Deir ez-Zor")),
        ("Deir Ezzor", ("place", "Deir ez-Zor")),
        ("Deir al-Zor", ("place", "Deir ez-Zor")),
        ("Dir al-Zor", ("place", "Deir ez-Zor")),
        ("Deir Ez Zor", ("place", "Deir ez-Zor")),
        # a city named like its province: the bare name is the city
        ("Deir ez-Zor province", ("place", "Deir ez-Zor Governorate")),
        ("Deir al-Zour Governorate", ("place", "Deir ez-Zor Governorate")),
        ("Raqqa province", ("place", "Raqqa Governorate")),
        ("Raqa", ("place", "Raqqa")),
        ("Al-Raqqah", ("place", "Raqqa")),
        ("Abu Kamal", ("place", "Albu Kamal")),
        ("Al-Bukamal", ("place", "Albu Kamal")),
        ("Boukamal", ("place", "Albu Kamal")),
        ("Al-Mayadeen", ("place", "Mayadin")),
        ("Qaim", ("place", "Al-Qaim")),
        ("Husaybah", ("place", "Al-Qaim")),
        ("Tadmur", ("place", "Palmyra")),
        ("Ayn al-Arab", ("place", "Kobani")),
        ("Tal Afar", ("place", "Tal Afar")),
        ("Marawi", ("place", "Marawi")),
        ("Euphrates River", ("place", "Euphrates")),
        ("Tabqa dam", ("place", "Tabqa Dam")),
        ("al-Omar oil field", ("place", "Al-Omar oil field")),
        ("Deir ez-Zor military airport", ("place", "Deir ez-Zor Airport")),
        ("T-4 airbase", ("place", "T-4 Air Base")),
        ("At-Tanf", ("place", "Al-Tanf")),
        # generated towns (GeoNames)
        ("Jablah", ("place", "Jablah")),
        ("Nasiriyah", ("place", "Nasiriyah")),
        # actors
        ("Islamic State group", ("actor", "Islamic State")),
        ("Islamic State of Iraq and the Levant", ("actor", "Islamic State")),
        ("ISIS", ("actor", "Islamic State")),
        ("ISIL", ("actor", "Islamic State")),
        ("Daesh", ("actor", "Islamic State")),
        ("Daech", ("actor", "Islamic State")),
        ("SDF", ("actor", "Syrian Democratic Forces")),
        ("YPG", ("actor", "People's Protection Units")),
        ("Hashd al-Shaabi", ("actor", "Popular Mobilization Forces")),
        ("Popular Mobilisation Units", ("actor", "Popular Mobilization Forces")),
        ("PMU", ("actor", "Popular Mobilization Forces")),
        ("Kata'ib Hezbollah", ("actor", "Kataib Hezbollah")),
        ("Hizbollah", ("actor", "Hezbollah")),
        ("Jabhat al-Nusra", ("actor", "al-Nusra Front")),
        ("HTS", ("actor", "Hayat Tahrir al-Sham")),
        ("SAA", ("actor", "Syrian Arab Army")),
        ("Syrian army", ("actor", "Syrian Arab Army")),
        ("Iraqi forces", ("actor", "Iraqi Security Forces")),
        ("IRGC", ("actor", "Islamic Revolutionary Guard Corps")),
        ("U.S.-led coalition", ("actor", "US-led coalition")),
        ("anti-IS coalition", ("actor", "US-led coalition")),
        ("CJTF-OIR", ("actor", "US-led coalition")),
        ("SOHR", ("actor", "Syrian Observatory for Human Rights")),
        ("Ansar Allah", ("actor", "Houthis")),
        ("LNA", ("actor", "Libyan National Army")),
        ("Qasem Soleimani", ("actor", "Qassem Soleimani")),
        ("Erdoğan", ("actor", "Recep Tayyip Erdogan")),
        ("Syrian government", ("actor", "Government of Syria")),
    ],
)
def test_lookup_variants(gaz: Gazetteer, surface: str, expected: tuple[str, str]) -> None:
    assert expected in _names(gaz.lookup(surface))


def test_a_country_is_a_state_and_a_place(gaz: Gazetteer) -> None:
    assert _names(gaz.lookup("syria")) == [("actor", "Syria"), ("place", "Syria")]
    state, country = gaz.lookup("Syrian Arab Republic")
    assert (state.cls, country.cls) == ("State", "Country")
    assert gaz.get("Syria") is state  # actors first
    assert gaz.get("Syria", kind="place") is country
    assert gaz.get("Syria", kind="actor") is state


@pytest.mark.parametrize(
    ("surface", "found"),
    [
        ("IS", True),
        ("is", False),
        ("Is", False),
        ("SDF", True),
        ("sdf", False),
        ("US", True),
        ("us", False),
        ("UK", True),
        ("Hit", True),  # the Iraqi town
        ("hit", False),
        ("Van", True),  # a generated Turkish town, exact case only
        ("van", False),
        ("Turkey", True),
        ("turkey", False),
    ],
)
def test_case_sensitive_forms(gaz: Gazetteer, surface: str, found: bool) -> None:
    assert bool(gaz.lookup(surface)) is found


def test_unknown_name(gaz: Gazetteer) -> None:
    assert gaz.lookup("Atlantis") == []
    assert gaz.get("Atlantis") is None
    assert gaz.get("Syrian Democratic Forces", kind="place") is None


def test_get_rejects_an_unknown_kind(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError, match="kind must be 'actor', 'place' or None, not 'event'"):
        gaz.get("Syria", kind="event")


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("Iranian", "Iran"),
        ("Iranians", "Iran"),
        ("Iran", "Iran"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("America", "United States"),
        ("American", "United States"),
        ("UK", "United Kingdom"),
        ("British", "United Kingdom"),
        ("Russian", "Russia"),
        ("Turkish", "Turkey"),
        ("Saudi", "Saudi Arabia"),
        ("Emirati", "United Arab Emirates"),
        ("UAE", "United Arab Emirates"),
        ("Israeli", "Israel"),
        ("Syrian", "Syria"),
        ("Iraqi", "Iraq"),
        ("Lebanese", "Lebanon"),
        ("Libyan", "Libya"),
        ("Yemeni", "Yemen"),
        ("French", "France"),
    ],
)
def test_by_demonym(gaz: Gazetteer, word: str, state: str) -> None:
    entry = gaz.by_demonym(word)
    assert entry is not None
    assert (entry.name, entry.kind, entry.cls) == (state, "actor", "State")


@pytest.mark.parametrize("word", ["Kurdish", "Shiite", "us", "Islamic", "coalition"])
def test_by_demonym_is_only_for_countries(gaz: Gazetteer, word: str) -> None:
    assert gaz.by_demonym(word) is None


@pytest.mark.parametrize(
    ("word", "adjective"),
    [
        ("Kurdish", "Kurdish"),
        ("Kurds", "Kurdish"),
        ("Shiite", "Shiite"),
        ("Shia", "Shiite"),
        ("Shi'ite", "Shiite"),
        ("Shi’a", "Shiite"),
        ("Sunni", "Sunni"),
        ("Arab", "Arab"),
        ("Turkmen", "Turkmen"),
        ("Turkoman", "Turkmen"),
        ("Alawite", "Alawite"),
        ("Yazidi", "Yazidi"),
        ("Yezidi", "Yazidi"),
        ("Christian", "Christian"),
        ("Iranian", None),
        ("Syrian", None),
    ],
)
def test_group_adjective(gaz: Gazetteer, word: str, adjective: str | None) -> None:
    assert gaz.group_adjective(word) == adjective


@pytest.mark.parametrize(
    ("state", "forces", "government"),
    [
        ("Syria", "Syrian Arab Army", "Government of Syria"),
        ("Iraq", "Iraqi Security Forces", "Government of Iraq"),
        ("Iran", "Iranian Armed Forces", "Government of Iran"),
        ("Russia", "Russian Armed Forces", "Government of Russia"),
        ("United States", "United States Armed Forces", "Government of the United States"),
        ("Turkey", "Turkish Armed Forces", "Government of Turkey"),
        ("Israel", "Israel Defense Forces", "Government of Israel"),
        ("Saudi Arabia", "Saudi Armed Forces", "Government of Saudi Arabia"),
    ],
)
def test_forces_and_government(gaz: Gazetteer, state: str, forces: str, government: str) -> None:
    armed, gov = gaz.forces_of(state), gaz.government_of(state)
    assert armed is not None
    assert gov is not None
    assert (armed.name, armed.cls, armed.country) == (forces, "ArmedForces", state)
    assert (gov.name, gov.cls, gov.country) == (government, "Government", state)


@pytest.mark.parametrize("state", ["Iceland", "Mosul", "Atlantis"])
def test_no_forces_or_government(gaz: Gazetteer, state: str) -> None:
    assert gaz.forces_of(state) is None
    assert gaz.government_of(state) is None


@pytest.mark.parametrize(
    ("place", "chain"),
    [
        ("Deir ez-Zor", ["Deir ez-Zor Governorate", "Syria"]),
        ("Deir ez-Zor Governorate", ["Syria"]),
        ("Albu Kamal", ["Deir ez-Zor Governorate", "Syria"]),
        ("Mosul", ["Nineveh Governorate", "Iraq"]),
        ("Erbil", ["Erbil Governorate", "Kurdistan Region", "Iraq"]),
        ("Jablah", ["Latakia Governorate", "Syria"]),  # generated, parent from GeoNames
        ("Sanaa", ["Amanat Al Asimah", "Yemen"]),
        ("Goma", ["North Kivu", "Democratic Republic of the Congo"]),
        ("Zhmerynka", ["Vinnytsia Oblast", "Ukraine"]),  # generated, parent learnt (generate.py)
        ("Golan Heights", []),  # no country given on purpose
        ("Syria", []),
        ("Euphrates", []),
        ("Atlantis", []),
    ],
)
def test_ancestors(gaz: Gazetteer, place: str, chain: list[str]) -> None:
    assert gaz.ancestors(place) == chain


def test_surface_forms(gaz: Gazetteer) -> None:
    forms = {(text, entry.kind, entry.name, cs) for text, entry, cs in gaz.surface_forms()}
    assert ("IS", "actor", "Islamic State", True) in forms
    assert ("Daesh", "actor", "Islamic State", False) in forms
    assert ("Deir al-Zour", "place", "Deir ez-Zor", False) in forms
    assert ("Hit", "place", "Hit", True) in forms
    assert ("Iranian", "actor", "Iran", False) not in forms  # demonyms are not names
    assert {entry for _, entry, _ in gaz.surface_forms()} == set(gaz.entries)


def test_load_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer(GAZ_DIR)


# --------------------------------------------------------------------------------------------
# integrity of the shipped data


def test_canonical_names_are_unique_per_kind(gaz: Gazetteer) -> None:
    counts = Counter((e.kind, e.name) for e in gaz.entries)
    assert [key for key, n in counts.items() if n > 1] == []


def test_classes_are_ontology_classes(gaz: Gazetteer) -> None:
    for entry in gaz.entries:
        classes = ACTOR_CLASSES if entry.kind == "actor" else PLACE_CLASSES
        assert entry.cls in classes, entry


def test_every_country_is_a_state_and_a_place(gaz: Gazetteer) -> None:
    states = {e.name for e in gaz.entries if e.cls == "State"}
    countries = {e.name for e in gaz.entries if e.cls == "Country"}
    assert states == countries
    assert len(countries) > 240
    assert {"Syria", "Iraq", "Iran", "Russia", "United States", "Turkey"} <= countries


def test_hand_written_demonyms(gaz: Gazetteer) -> None:
    with_demonyms = [e for e in gaz.entries if e.cls == "State" and e.demonyms]
    assert len(with_demonyms) >= 50


def test_syrian_and_iraqi_governorates(gaz: Gazetteer) -> None:
    provinces = Counter(e.country for e in gaz.entries if e.cls == "Province")
    assert provinces["Syria"] == 14
    assert provinces["Iraq"] == 19


def test_places_lead_to_their_country(gaz: Gazetteer) -> None:
    for entry in gaz.entries:
        if entry.kind == "place" and entry.country and entry.cls != "Country":
            assert gaz.ancestors(entry.name)[-1] == entry.country, entry


def test_hand_written_places_win_over_generated_towns() -> None:
    def forms(path: Path) -> dict[tuple[str, str | None], str]:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        out = {}
        for place in data["places"]:
            for form in [place["name"], *place.get("aliases", [])]:
                out[(normalise(form), place.get("country"))] = place["name"]
        return out

    hand: dict[tuple[str, str | None], str] = {}
    for path in sorted(GAZ_DIR.glob("places*.yaml")):
        hand.update(forms(path))
    generated = forms(GAZ_DIR / "cities.yaml")
    assert {k: (hand[k], generated[k]) for k in hand.keys() & generated.keys()} == {}


# --------------------------------------------------------------------------------------------
# validation on load (a folder of our own)

_COUNTRIES = """\
countries:
- name: Syria
  demonyms: [Syrian]
  forces: Syrian Arab Army
- name: Iraq
"""
_ACTORS = """\
actors:
- name: Syrian Arab Army
  cls: ArmedForces
  acronyms: [SAA]
  country: Syria
"""
_PLACES = """\
places:
- name: Deir ez-Zor Governorate
  cls: Province
  country: Syria
- name: Deir ez-Zor
  cls: Settlement
  aliases: [Deir al-Zour]
  country: Syria
  parent: Deir ez-Zor Governorate
  coords: [35.34, 40.14]
"""


def _folder(tmp_path: Path, **files: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    contents = {"countries": _COUNTRIES, "actors": _ACTORS, "places": _PLACES, **files}
    for stem, text in contents.items():
        (tmp_path / f"{stem}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_a_small_folder_loads(tmp_path: Path) -> None:
    gaz = load_gazetteer(_folder(tmp_path, groups="groups:\n  Kurdish: [Kurds]\n"))
    assert len(gaz) == 2 * 2 + 1 + 2
    assert gaz.forces_of("Syria") == gaz.get("Syrian Arab Army")
    assert gaz.ancestors("Deir ez-Zor") == ["Deir ez-Zor Governorate", "Syria"]
    assert gaz.get("Deir ez-Zor", kind="place").coords == (35.34, 40.14)  # type: ignore[union-attr]
    assert gaz.group_adjective("kurds") == "Kurdish"
    assert gaz.by_demonym("Syrian") == gaz.get("Syria")


def _places_with(entry: str) -> str:
    return _PLACES + textwrap.dedent(entry)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"actors": _ACTORS + "- name: Wagner Group\n  cls: Mercenaries\n"},
            "actors entry 2 ('Wagner Group'): cls 'Mercenaries' is not a valid actor class; "
            "use one of Government, ArmedForces, ArmedGroup",
        ),
        (
            {"actors": _ACTORS + "- name: Iran\n  cls: State\n"},
            "actors entry 2 ('Iran'): cls 'State': states go in the 'countries' section",
        ),
        (
            {
                "places": _places_with(
                    "- name: Mayadin\n  cls: Settlement\n  parent: Deir Province\n"
                )
            },
            "places entry 3 ('Mayadin'): parent 'Deir Province' is not the canonical name of a "
            "known place",
        ),
        (
            {"actors": _ACTORS + "- name: Hezbollah\n  cls: ArmedGroup\n  country: Lebanon\n"},
            "actors entry 2 ('Hezbollah'): country 'Lebanon' is not a known country",
        ),
        (
            {"countries": _COUNTRIES + "  forces: Iraqi Army\n"},
            "countries entry 2 ('Iraq'): forces 'Iraqi Army' is not the canonical name of a "
            "known ArmedForces actor",
        ),
        (
            {"countries": _COUNTRIES.replace("forces: Syrian", "government: Syrian")},
            "countries entry 1 ('Syria'): government 'Syrian Arab Army' is not the canonical name "
            "of a known Government actor",
        ),
        (
            {"actors": _ACTORS + "- name: Syrian Arab Army\n  cls: ArmedForces\n"},
            "actors entry 2 ('Syrian Arab Army'): the actor name 'Syrian Arab Army' is already "
            "used by",
        ),
        (
            {"actors": _ACTORS + "- name: Hamas\n  cls: ArmedGroup\n  alias: [HAMAS]\n"},
            "actors entry 2 ('Hamas') has unknown field(s) alias; valid fields are",
        ),
        (
            {"places": _places_with("- name: Hajin\n  cls: Settlement\n  coords: [34.7]\n")},
            "places entry 3 ('Hajin'): coords must be [latitude, longitude] in degrees",
        ),
        (
            {"places": _places_with("- name: Hajin\n  cls: Settlement\n  coords: [134.7, 40]\n")},
            "places entry 3 ('Hajin'): coords must be [latitude, longitude] in degrees",
        ),
        (
            {"places": _places_with("- name: Hit\n  cls: Settlement\n  case_sensitive: yes\n")},
            "places entry 3 ('Hit'): 'case_sensitive' must be true or false, not 'yes'",
        ),
        (
            {"places": _places_with("- cls: Settlement\n")},
            "places entry 3 has no 'name' (a non-empty string)",
        ),
        (
            {"places": _places_with("- A town\n")},
            "places entry 3 must be a mapping ('name: ...', 'cls: ...'), not 'A town'",
        ),
        (
            {"places": _places_with("- name: Aleppo\n  cls: Settlement\n  aliases: Halab: x\n")},
            "is not valid YAML",
        ),
        (
            {"extra": "rivers:\n- name: Tigris\n"},
            "must be a mapping with sections among countries, actors, places, groups; found "
            "sections 'rivers'",
        ),
        (
            {"extra": "places:\n  name: Tigris\n"},
            "section 'places' must be a list of entries ('- name: ...')",
        ),
        (
            {
                "places": _places_with(
                    "- name: A\n  cls: Region\n  parent: B\n- name: B\n  cls: Region\n  parent: A\n"
                )
            },
            "places entry 3 ('A'): place 'A' is among its own parents; fix the parent chain",
        ),
        (
            {"groups": "groups:\n- Kurdish\n"},
            "'groups' must map a group adjective to a list of its variants",
        ),
    ],
)
def test_validation_errors(tmp_path: Path, files: dict[str, str], message: str) -> None:
    folder = _folder(tmp_path, **files)
    with pytest.raises(InputError) as info:
        load_gazetteer(folder)
    text = str(info.value)
    assert message in text
    assert str(folder) in text  # names the file


def test_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError, match=r"gazetteer folder .*nowhere does not exist"):
        load_gazetteer(missing)


def test_folder_without_yaml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"holds no \*\.yaml files"):
        load_gazetteer(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "broken.yaml").write_bytes(b"places:\n- name: \xff\xfe\n")
    with pytest.raises(InputError, match=r"broken\.yaml cannot be read"):
        load_gazetteer(folder)


# --------------------------------------------------------------------------------------------
# the parse cache


def test_parse_cache(tmp_path: Path, cache_dir: Path) -> None:
    first = load_gazetteer(_folder(tmp_path / "a"))
    cached = {p.name: p.read_text(encoding="utf-8") for p in cache_dir.glob("*.json")}
    assert len(cached) >= 3
    assert list(cache_dir.glob("*.tmp")) == []
    # the same files in another folder load from the cache, to the same entries
    again = load_gazetteer(_folder(tmp_path / "b"))
    assert again is not first
    assert again.entries == first.entries
    # an edited file is parsed again, not served stale from the cache
    edited = _folder(tmp_path / "c", actors=_ACTORS.replace("[SAA]", "[SAA, SyA]"))
    assert load_gazetteer(edited).lookup("SyA") == [load_gazetteer(edited).get("Syrian Arab Army")]


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    load_gazetteer(_folder(tmp_path / "a"))
    for path in cache_dir.glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    gaz = load_gazetteer(_folder(tmp_path / "b"))
    assert gaz.get("Deir ez-Zor", kind="place") is not None


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker))  # a file, so no folder can be made in it
    gaz = load_gazetteer(_folder(tmp_path / "a"))
    assert gaz.forces_of("Syria") is not None
