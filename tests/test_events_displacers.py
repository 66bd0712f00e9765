"""Who made people flee, when the clause that says they fled names the cause (sentences of
our own; :mod:`kg.extract.displacers`)."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # a cause noun: possessor, "of" phrase, demonym, "because of"
        ("Some 40,000 people were displaced by the Arakan Army's offensive in Rathedaung.",
         "Arakan Army"),
        ("Villagers fled the advance of Al-Shabaab fighters near Jowhar.", "al-Shabaab"),
        ("Thousands of civilians fled their homes amid a Houthi assault on Marib.", "Houthis"),
        ("Hundreds of families left Kidal because of JNIM attacks on the town.",
         "Jama'at Nusrat al-Islam wal-Muslimin"),
        # an act the fleeing follows
        ("More than 5,000 residents fled Kiwanja after M23 rebels seized the town.", "M23"),
        ("Residents of Kidal fled as JNIM fighters attacked the town on Friday.",
         "Jama'at Nusrat al-Islam wal-Muslimin"),
        # an act that made them flee
        ("Boko Haram fighters attacked the village of Kwari, killing 20 people and forcing "
         "3,000 residents to flee.", "Boko Haram"),
        ("Wagner mercenaries torched the village of Hombori and forced hundreds of families "
         "to flee.", "Wagner Group"),
        ("The arrival of Wagner forces drove 2,000 people to flee Moura.", "Wagner Group"),
    ],
)  # fmt: skip
def test_the_cause_names_who_displaced_them(ex: Extractor, text: str, doer: str) -> None:
    [ev] = of_type(run(ex, text), "Displacement")
    assert ev.agents == [doer]


@pytest.mark.parametrize(
    "text",
    [
        # two sides fighting displace people; neither is named the displacer
        "Thousands of families fled Sennar amid fighting between the RSF and the army.",
        # no actor caused it
        "Some 2,000 people fled Beni after floods destroyed their homes.",
        # a capture that did not happen
        "Hundreds of residents fled Rutshuru before M23 rebels could seize the town.",
        "Hundreds of residents fled Rutshuru after M23 rebels failed to seize the town.",
        # the group whose areas they fled to is no cause
        "Thousands of families fled Sennar to areas held by the RSF.",
    ],
)
def test_no_displacer_the_clause_does_not_name(ex: Extractor, text: str) -> None:
    for ev in of_type(run(ex, text), "Displacement"):
        assert ev.agents == [], text
