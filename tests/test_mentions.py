"""Mentions: actors and places named, described and referred to, on sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.phrase import HEAD_RULES
from kg.extract.pipeline import Extractor
from kg.extract.vocab import load_rules
from kg.model import ArticleMeta, FuzzyDate


def mentions(ex: Extractor, text: str) -> list[tuple[str, str, str]]:
    res = Resolver(ex.nlp(text), ex.gaz)
    return [(m.text, m.kind, m.key) for m in res.mentions]


def test_every_head_noun_rule_is_listed_once_in_rules_yaml() -> None:
    listed = load_rules()["mentions"]["head_noun_rules"]
    assert sorted(listed) == sorted(HEAD_RULES)
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraqi troops entered the town.", ("Iraqi troops", "actor", "Iraqi Security Forces")),
        ("Russian bombers struck the town.", ("Russian bombers", "actor", "Russia")),
        ("Turkish-backed rebels shelled Afrin.", ("rebels", "actor", "Turkey-backed rebels")),
    ],
)
def test_head_noun_rules(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in mentions(ex, text)


def actors(ex: Extractor, text: str) -> dict[str, set[str]]:
    """Actor key → its surface forms, as the article's facts record them."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    return {k: facts.mentions.get(k, set()) for k, e in facts.entities.items() if e.kind == "actor"}


def places(ex: Extractor, text: str) -> set[str]:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    return {e.key for e in facts.entities.values() if e.kind == "place"}


# --- persons by title and role ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Tomas Varga, a spokesman for the rebel alliance, said the town had fallen.",
            "Tomas Varga",
        ),
        ("Leyla Osmani, the lead negotiator of the Houthis, praised the accord.", "Leyla Osmani"),
        ("A senior Houthi official, Karim Nasser, said the truce was holding.", "Karim Nasser"),
        ("Pentagon press secretary Dana Whitfield said two bases were hit.", "Dana Whitfield"),
        ("Ethiopia PM Haile Gebre declared victory on Sunday.", "Haile Gebre"),
    ],
)
def test_person_by_title_or_role(ex: Extractor, text: str, person: str) -> None:
    assert person in actors(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Dana Whitfield, a former Pentagon official, said the outpost was small.",
        "Dana Whitfield said the outpost was small.",  # no title, no role: a quoted bystander
    ],
)
def test_untitled_or_former_person_is_no_actor_mention(ex: Extractor, text: str) -> None:
    assert "Dana Whitfield" not in {key for _, _, key in mentions(ex, text)}


def test_rank_is_part_of_the_mention_not_the_name(ex: Extractor) -> None:
    found = actors(ex, "RSF commander Gen Omar Haddad said his men held the bridge.")
    assert "Gen Omar Haddad" in found["Omar Haddad"]


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        (
            "Militia commander Gen Omar Haddad spoke on Monday. Gen Haddad said the city had "
            "fallen. Haddad later left Khartoum.",
            {"Gen Omar Haddad", "Gen Haddad", "Haddad"},
        ),
        (
            "Ethiopia PM Haile Gebre declared victory. Gebre won a prize in 2019.",
            {"Haile Gebre", "Gebre"},
        ),
    ],
)
def test_partial_names_of_one_person_merge(ex: Extractor, text: str, forms: set[str]) -> None:
    found = actors(ex, text)
    [person] = [k for k, f in found.items() if forms <= f]
    assert not any(k != person and k in forms for k in found)


def test_a_person_is_never_a_place(ex: Extractor) -> None:
    text = "Rebel leader Amos Kavuna spoke on Monday. Fighters loyal to Kavuna seized Goma."
    assert "Kavuna" not in places(ex, text)


# --- aliases and bystanders -------------------------------------------------------------------
def test_generic_reference_is_not_an_alias(ex: Extractor) -> None:
    found = actors(
        ex, "Islamic State fighters attacked Hajin on Monday. The jihadists lost 40 men there."
    )
    assert "Islamic State" in found
    assert not any("jihadists" in f for forms in found.values() for f in forms)


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported that the rebels shelled the town of Kafr Nabl.",
        "The Associated Press said that Turkish jets bombed Tal Abyad on Wednesday.",
    ],
)
def test_news_agencies_are_sources_not_actors(ex: Extractor, text: str) -> None:
    assert not {"Reuters", "Associated Press"} & set(actors(ex, text))


@pytest.mark.parametrize(
    ("text", "actor", "form"),
    [
        (
            "The Malian junta said the attack had been repelled.",
            "Government of Mali",
            "Malian junta",
        ),
        ("Ukrainian officials denied the claim on Sunday.", "Ukraine", "Ukrainian officials"),
    ],
)
def test_state_and_government_by_description(
    ex: Extractor, text: str, actor: str, form: str
) -> None:
    assert form in actors(ex, text).get(actor, set())


def test_conjoined_subject_country_acts(ex: Extractor) -> None:
    found = actors(ex, "Pyongyang was accused by the US and South Korea of sending soldiers.")
    assert {"United States", "South Korea"} <= set(found)


# --- armed actors named by description --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor", "form"),
    [
        ("US jets struck pro-Iranian militias near the border.", "Iran-backed militias", None),
        (
            "Officials blamed radical Iran-backed militant groups for the drone strike.",
            "Iran-backed militias",
            "Iran-backed militant groups",
        ),
        (
            "Pro-government militias moved the weapons to other depots.",
            "pro-government militias",
            "Pro-government militias",
        ),
        ("Palestinian fighters fired rockets across the border.", "Palestinian fighters", None),
        ("Russian mercenaries guarded the mine near the town.", "Russian mercenaries", None),
        ("Arab tribal fighters ambushed a convoy near the river.", "Arab tribal fighters", None),
        (
            "Irregular fighters commanded by Emirati officers neared the port.",
            "irregular fighters",
            "Irregular fighters",
        ),
        ("North Korean troops were sent to the front.", "Korean People's Army", None),
    ],
)
def test_actor_named_by_description(ex: Extractor, text: str, actor: str, form: str | None) -> None:
    found = actors(ex, text)
    assert actor in found, found
    if form is not None:
        assert any(form in f for f in found[actor])


@pytest.mark.parametrize(
    "text",
    [
        "A US-backed alliance of Syrian militias drove IS from Raqqa.",  # its members
        "The fighters left the town on Monday.",  # no description: nobody in particular
    ],
)
def test_no_described_actor_for_members_or_bare_nouns(ex: Extractor, text: str) -> None:
    assert not {"Syrian fighters", "fighters"} & set(actors(ex, text))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Shiite militia Saraya Khorasan claimed the attack on the base.", "Saraya Khorasan"),
        ("The rebel group Ansar Dine seized the town of Aguelhok.", "Ansar Dine"),
    ],
)
def test_name_after_its_class_noun(ex: Extractor, text: str, actor: str) -> None:
    found = actors(ex, text)
    assert actor in found
    assert "Shiite militias" not in found


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "Forces loyal to Mali's exiled government neared Gao.",
            "Forces loyal to Mali's exiled government",
        ),
        ("Troops loyal to Damascus shelled Idlib on Monday.", "Troops loyal to Damascus"),
    ],
)
def test_forces_loyal_to_a_government(ex: Extractor, text: str, form: str) -> None:
    assert any(form in f for f in actors(ex, text).values())


# --- generic references and pronouns ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Shiite rebels known as Houthis hold the port. On Monday the rebels fired missiles "
            "at Mokha.",
            "Houthis",
        ),
        (
            "Hezbollah fighters entered Qusayr in May. The militant group seized Qusayr after a "
            "long battle.",
            "Hezbollah",
        ),
    ],
)
def test_generic_reference_names_the_salient_group(ex: Extractor, text: str, agent: str) -> None:
    keys = [k for _, kind, k in mentions(ex, text) if kind == "actor"]
    assert len(keys) >= 2
    assert set(keys) == {agent}


def test_the_rebels_without_a_rebel_group_are_the_opposition(ex: Extractor) -> None:
    found = actors(ex, "In Syria, the rebels shelled the town of Aleppo on Monday.")
    assert "Syrian opposition" in found


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        # the demonym names the state, wherever the sentence takes place
        ("Libyan rebels ambushed a convoy near Mosul on Friday.", "Libyan opposition"),
        ("Malian rebels regrouped in a camp outside Niamey last week.", "Malian opposition"),
        ("The Afghan opposition held a meeting in Peshawar.", "Afghan opposition"),
    ],
)
def test_a_demonym_before_rebels_names_its_own_states_opposition(
    ex: Extractor, text: str, agent: str
) -> None:
    keys = {k for _, kind, k in mentions(ex, text) if kind == "actor"}
    assert keys == {agent}


@pytest.mark.parametrize(
    "text",
    [
        "Pro-Russian rebels shelled the airport in Donetsk on Sunday.",
        "Pro-Iranian rebels fired rockets at a base near Erbil.",
    ],
)
def test_rebels_a_state_sides_with_are_not_its_opposition(ex: Extractor, text: str) -> None:
    keys = {k for _, kind, k in mentions(ex, text) if kind == "actor"}
    assert not {k for k in keys if "opposition" in k}
    assert {k for k in keys if k.endswith("-backed rebels")}


def test_rebels_without_a_demonym_stay_the_country_in_contexts(ex: Extractor) -> None:
    keys = {k for _, kind, k in mentions(ex, "The rebels ambushed a convoy near Mosul.")}
    assert "Iraqi opposition" in keys
    assert not {k for k in keys if "opposition" in k} - {"Iraqi opposition"}


@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "Iraqi forces have retaken nearly all the territory the group seized in 2014. "
            "They recaptured Mosul in July.",
            "Mosul",
            "Iraqi Security Forces",
        ),
        (
            "The Houthis have held Hodeidah since 2014, when the coalition was formed. They "
            "seized Sanaa in September.",
            "Sanaa",
            "Houthis",
        ),
    ],
)
def test_pronoun_is_the_main_subject_before(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    [ev] = [e for e in facts.events if e.type == "Capture" and e.place == place]
    assert ev.agents == [agent]


def test_object_pronoun_is_not_its_verbs_subject(ex: Extractor) -> None:
    text = "Islamic State fighters held Rawa for years. Iraqi forces pushed them out of Rawa."
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    [ev] = [e for e in facts.events if e.type == "Capture"]
    assert (ev.agents, ev.targets) == (["Iraqi Security Forces"], ["Islamic State"])


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Shiite rebels known as Houthis have held the port for years.", "Houthis"),
        ("Islamist fighters calling themselves Ansar Dine seized the town.", "Ansar Dine"),
    ],
)
def test_description_known_as_a_name(ex: Extractor, text: str, actor: str) -> None:
    found = mentions(ex, text)
    keys = [k for _, kind, k in found if kind == "actor"]
    assert keys == [actor, actor]


@pytest.mark.parametrize(
    ("text", "actor", "other"),
    [
        # a name glued to the description ("X-linked") keeps its mention; the rest is the name
        (
            "The Hamas-linked armed faction known as Ansar Dine drove the MNLA out of Kidal.",
            "Ansar Dine",
            "Hamas",
        ),
        (
            "An al-Qaeda-affiliated jihadist group calling itself Boko Haram seized Gwoza.",
            "Boko Haram",
            "al-Qaeda",
        ),
    ],
)
def test_a_linked_description_known_as_a_name(
    ex: Extractor, text: str, actor: str, other: str
) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    [ev] = [e for e in facts.events if e.type == "Capture"]
    assert ev.agents == [actor]
    assert other in facts.entities


def test_a_linked_description_without_a_name_names_no_one_else(ex: Extractor) -> None:
    found = mentions(ex, "The Hamas-linked armed faction drove the MNLA out of Kidal.")
    assert "Ansar Dine" not in {k for _, _, k in found}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Iranian-aligned rebels hold the port.", "Iran"),
        ("A truce mediated by Qatar and Egypt took hold on Sunday.", "Egypt"),
        ("The EU and United States envoys met in Muscat.", "United States"),
        ("Shelling by pro-Russian separatists hit the town.", "Russia"),
    ],
)
def test_country_named_as_a_party_acts(ex: Extractor, text: str, state: str) -> None:
    assert state in actors(ex, text)


def test_country_as_a_place_does_not_act(ex: Extractor) -> None:
    assert "France" not in actors(ex, "The ceasefire came into effect in France on Monday.")


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        (
            "In Mali, jihadists attacked gendarmes in Bamako on Monday.",
            {"gendarmes"},
        ),
        (
            "Rebels killed 40 police officers in Lashio, a town in Myanmar.",
            {"40 police officers"},
        ),
    ],
)
def test_police_of_the_country_in_context(ex: Extractor, text: str, forms: set[str]) -> None:
    found = {
        (t, k)
        for t, kind, k in mentions(ex, text)
        if "police" in k.lower() or "gendarmerie" in k.lower()  # Mali's gendarmes: its gendarmerie
    }
    assert {t for t, _ in found} == forms, found


def test_police_in_no_fact_are_left_out(ex: Extractor) -> None:
    found = actors(ex, "Yemeni police inspect a damaged house in Sanaa.")
    assert not any(k.endswith("police") for k in found)


@pytest.mark.parametrize(
    "text",
    [
        "The fall of the city highlights national army weakness in the region.",
        "Crowds cheered as the city fell, said RSF commander Gen Mohamed Dagalo.",
    ],
)
def test_no_actor_from_headline_words_or_a_lone_rank(ex: Extractor, text: str) -> None:
    found = actors(ex, text)
    assert not {"highlights national army", "Gen"} & set(found)


@pytest.mark.parametrize(
    ("text", "phrase", "actor"),
    [
        ("Hezbollah's fighters crossed the border at dawn.", "Hezbollah's fighters", "Hezbollah"),
        (
            "M23 commander Amos Kavuna spoke on Monday. Kavuna's fighters seized the town.",
            "Kavuna's fighters",
            "M23",
        ),
        (
            "Syrian President Bashar al-Assad visited Homs. Assad's forces shelled Idlib.",
            "Assad's forces",
            "Syrian Arab Army",
        ),
    ],
)
def test_forces_of_whom_the_possessor_leads(
    ex: Extractor, text: str, phrase: str, actor: str
) -> None:
    found = mentions(ex, text)
    # the forces are the actor; a person possessor keeps a mention of their own (loyalists.py)
    assert any(key == actor and phrase.endswith(t) for t, kind, key in found if kind == "actor")
    assert phrase.split("'")[0] in {t for t, _, _ in found} | {"Hezbollah"}


def test_forces_of_an_untitled_person_are_not_guessed(ex: Extractor) -> None:
    text = "Rebel commander Amos Kavuna spoke on Monday. Kavuna's forces seized the town."
    assert not any(t.startswith("Kavuna's") for t, _, _ in mentions(ex, text))


def test_forces_of_a_capital_are_its_state(ex: Extractor) -> None:
    text = "Russia sent North Korean troops to drive Kyiv's forces from the region."
    assert ("Kyiv's forces", "actor", "Ukraine") in mentions(ex, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hezbollah fighters near Qusayr. The group said it had withdrawn.", "Hezbollah"),
        ("Photo: Taliban checkpoint outside Herat. The militants later left the area.", "Taliban"),
    ],
)
def test_names_in_a_verbless_headline_are_read(ex: Extractor, text: str, name: str) -> None:
    assert (name, "actor", name) in mentions(ex, text)


def test_a_descriptor_in_a_verbless_caption_names_no_one(ex: Extractor) -> None:
    assert mentions(ex, "Photo: the rebels at a checkpoint. The army said it had withdrawn.") == []


@pytest.mark.parametrize(
    ("text", "facility", "town"),
    [
        ("Drones struck Gao airport before dawn.", "Gao airport", "Gao"),
        ("Rebels shelled Mukalla port on Sunday.", "Mukalla port", "Mukalla"),
        ("Two jets took off from Kherson air base.", "Kherson air base", "Kherson"),
    ],
)
def test_facility_of_a_town(ex: Extractor, text: str, facility: str, town: str) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 1)), text)
    fac = [e for e in facts.entities.values() if e.cls == "Facility"]
    assert [e.label for e in fac] == [facility]
    assert facts.entities[f"place:{fac[0].parent}"].label.startswith(town[:4])


def test_town_alone_is_no_facility(ex: Extractor) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 1)), "Drones struck Gao.")
    assert not [e for e in facts.entities.values() if e.cls == "Facility"]


@pytest.mark.parametrize(
    "text",
    [
        "The garrison came under an attack by the Nusrat al Islam Muslimeen (JNIM) armed group "
        "on Sunday.",
        "Two depots were lost in a raid by the Nusrat ul Islam (JNIM) armed group at dawn.",
    ],
)
def test_acronym_in_brackets_names_the_group(ex: Extractor, text: str) -> None:
    """A spelling no gazetteer knows, named by the acronym in brackets after it."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 1)), text)
    jnim = "Jama'at Nusrat al-Islam wal-Muslimin"
    assert any(jnim in e.agents for e in facts.events if e.type == "Attack")


@pytest.mark.parametrize(
    ("text", "capital", "state"),
    [
        ("Washington accused Tehran of arming the rebels.", "Washington", "United States"),
        ("Washington accused Tehran of arming the rebels.", "Tehran", "Iran"),
        ("Analysts recalled Moscow's invasion of Georgia in 2008.", "Moscow", "Russia"),
        ("The deal deepened military ties with Pyongyang.", "Pyongyang", "North Korea"),
        (
            "The report was denied by Kigali and Kinshasa.",
            "Kinshasa",
            "Democratic Republic of the Congo",
        ),
        ("Tehran-backed militias fired rockets at the base.", "Tehran", "Iran"),
    ],
)
def test_capital_standing_for_its_state(ex: Extractor, text: str, capital: str, state: str) -> None:
    assert (capital, "actor", state) in mentions(ex, text)


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Kyiv came under a heavy missile attack on Sunday.", "Kyiv"),
        ("Drones struck an oil depot in Moscow overnight.", "Moscow"),
        ("Aleppo's residents fled the shelling.", "Aleppo"),  # no capital
    ],
)
def test_capital_where_something_happens_is_a_place(ex: Extractor, text: str, capital: str) -> None:
    assert [k for t, k, _ in mentions(ex, text) if t == capital] == ["place"]


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("Russia said its forces had taken full control of Avdiivka.", "Russian Armed Forces"),
        ("Syria said its troops had entered Palmyra.", "Syrian Arab Army"),
    ],
)
def test_its_forces_are_the_speaking_states(ex: Extractor, text: str, forces: str) -> None:
    assert forces in [k for _, kind, k in mentions(ex, text) if kind == "actor"]


def test_their_homes_name_no_actor(ex: Extractor) -> None:
    text = "The residents said their homes were destroyed."
    assert [k for _, kind, k in mentions(ex, text) if kind == "actor"] == []


def test_a_capitalised_verb_in_a_heading_is_no_place(ex: Extractor) -> None:
    assert [k for _, k, _ in mentions(ex, "'Shelling constantly'")] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Two Iraqi soldiers were wounded near Kirkuk.", "Iraq"),  # Kirkuk's country
        ("The drone killed three US service members in Jordan.", "Jordan"),
        ("Fighting spread across Syria.", "Syria"),
    ],
)
def test_a_country_qualifying_a_noun_is_no_place(
    ex: Extractor, text: str, place: str | None
) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 1)), text)
    countries = [e.key for e in facts.entities.values() if e.cls == "Country"]
    assert countries == ([place] if place else [])


@pytest.mark.parametrize(
    ("text", "agents"),
    [
        (
            "The Arakan Army and the Chin National Front say they have seized 12 army posts in "
            "Paletwa township.",
            ["Arakan Army", "Chin National Front"],
        ),
        ("The army said it seized Gao.", ["Malian Armed Forces"]),  # singular: one
    ],
)
def test_they_after_a_pair_of_subjects_is_both(ex: Extractor, text: str, agents: list[str]) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 3, 1)), text)
    assert [e.agents for e in facts.events if e.type == "Capture"] == [agents]
