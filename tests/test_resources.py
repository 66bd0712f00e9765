"""Finding the packaged files, and the user's own gazetteer entries (``KG_GAZETTEER``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.gazetteer import load_gazetteer
from kg.model import ArticleMeta
from kg.resources import data_dir, gazetteer_paths, ontology_dir, queries_dir

USER_ENTRIES = """\
actors:
- name: Velmor Guard Brigade
  cls: Militia
  aliases: [Velmor Guard]
  country: Syria
places:
- name: Tell Oskar
  cls: Settlement
  parent: Syria
  coords: [36.1, 39.2]
"""


@pytest.mark.parametrize(
    ("folder", "marker"),
    [
        (ontology_dir, "shapes.ttl"),
        (ontology_dir, "context.jsonld"),
        (queries_dir, "backers.rq"),
        (data_dir, "curation.yaml"),
        (data_dir, "gazetteer/countries.yaml"),
    ],
)
def test_the_packaged_files_are_found(folder, marker: str) -> None:  # type: ignore[no-untyped-def]
    assert (folder() / marker).is_file()


def test_kg_gazetteer_adds_folders_and_files(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(USER_ENTRIES, encoding="utf-8")
    value = os.pathsep.join([str(tmp_path), "", str(tmp_path / "mine.yaml")])
    assert gazetteer_paths(value) == [data_dir() / "gazetteer", tmp_path, tmp_path / "mine.yaml"]


def test_kg_gazetteer_naming_a_missing_path_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"KG_GAZETTEER names '.*nowhere', which does not exist"):
        gazetteer_paths(str(tmp_path / "nowhere"))


def test_user_entries_join_the_bundled_gazetteer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.yaml").write_text(USER_ENTRIES, encoding="utf-8")
    monkeypatch.setenv("KG_GAZETTEER", str(tmp_path))
    gaz = load_gazetteer()
    assert gaz.get("Velmor Guard Brigade").cls == "Militia"
    assert [e.name for e in gaz.lookup("velmor guard")] == ["Velmor Guard Brigade"]
    assert gaz.ancestors("Tell Oskar") == ["Syria"]
    assert gaz.get("Syria") is not None  # the bundled entries are still there


def test_a_user_entry_reusing_a_bundled_name_names_both_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.yaml").write_text("actors:\n- name: Syrian Arab Army\n  cls: Militia\n")
    monkeypatch.setenv("KG_GAZETTEER", str(tmp_path / "mine.yaml"))
    with pytest.raises(InputError, match=r"mine\.yaml: actors entry 1 .*already used by .*actors"):
        load_gazetteer()


def test_a_build_recognises_the_user_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.extract.pipeline import Extractor

    (tmp_path / "mine.yaml").write_text(USER_ENTRIES, encoding="utf-8")
    monkeypatch.setenv("KG_GAZETTEER", str(tmp_path))
    text = "Fighters of the Velmor Guard shelled positions near Tell Oskar on Monday."
    facts = Extractor().extract(ArticleMeta(source="test.txt"), text)
    found = {(e.key, e.cls) for e in facts.entities.values()}
    assert ("Velmor Guard Brigade", "Militia") in found, found
    assert ("Tell Oskar", "Settlement") in found, found
