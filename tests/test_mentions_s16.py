"""Mentions (session 16): armed actors named by their kind, junta troops, separatists a state
sides with; sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

NAME_JNIM = "Jama'at Nusrat al-Islam wal-Muslimin"


def actor_forms(ex: Extractor, text: str) -> dict[str, set[str]]:
    """Actor key → the texts of its mentions in ``text``."""
    out: dict[str, set[str]] = {}
    for m in Resolver(ex.nlp(text), ex.gaz).mentions:
        if m.kind == "actor":
            out.setdefault(m.key, set()).add(m.text)
    return out


# --- named-by-kind ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor", "form"),
    [
        (
            "Self-defence militias ambushed a convoy near Kaya in Burkina Faso on Monday.",
            "self-defence militias",
            "Self-defence militias",
        ),
        (
            "Local self-defense groups drove the attackers out of two villages in Ituri.",
            "self-defense groups",
            "Local self-defense groups",
        ),
        (
            "Vigilante groups handed three suspects to the police in Borno state.",
            "vigilante groups",
            "Vigilante groups",
        ),
        (
            "In Sagaing, resistance forces overran a police outpost after two days of fighting.",
            "resistance forces",
            "resistance forces",
        ),
        (
            "Armed bandits stormed a boarding school in Katsina state and seized 80 pupils.",
            "bandits",
            "Armed bandits",
        ),
        (
            "Heavily armed gangs burned houses in the Haitian capital on Thursday.",
            "gangs",
            "Heavily armed gangs",
        ),
    ],
)
def test_actor_named_by_its_kind(ex: Extractor, text: str, actor: str, form: str) -> None:
    # the kind qualified by the article's country ("Burkinabe self-defence militias")
    found = actor_forms(ex, text)
    assert any(k.endswith(actor) and form in forms for k, forms in found.items()), found


@pytest.mark.parametrize(
    "text",
    [
        "Bandit attacks have emptied dozens of villages in Zamfara state.",  # no actor noun
        "The resistance of the town's defenders surprised the attackers.",  # no kind of actor
        "Rival Fulani herders and Dogon hunters traded accusations.",  # not a kind noun
    ],
)
def test_kind_words_name_no_actor_outside_an_actor_phrase(ex: Extractor, text: str) -> None:
    found = actor_forms(ex, text)
    assert not any(k.endswith(("bandits", "resistance forces", "gangs")) for k in found)


def test_the_gangs_later_are_the_same_actor(ex: Extractor) -> None:
    text = "Armed gangs attacked Cabaret on Sunday. The gangs then set fire to the police station."
    assert actor_forms(ex, text)["gangs"] == {"Armed gangs", "gangs"}


# --- junta troops -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Myanmar's junta lost another town. Junta troops fled across the river on Monday.",
        "The junta in Myanmar denied it. Junta soldiers burned the village, residents said.",
    ],
)
def test_junta_troops_are_the_junta(ex: Extractor, text: str) -> None:
    found = actor_forms(ex, text)
    keys = [k for k, forms in found.items() if any("unta" in f for f in forms)]
    assert len(keys) == 1, found


def test_anti_junta_forces_are_not_the_junta(ex: Extractor) -> None:
    text = "The junta in Myanmar lost ground. Anti-junta forces took the town on Monday."
    found = actor_forms(ex, text)
    junta = [k for k, forms in found.items() if "junta" in forms]
    assert junta
    assert "Anti-junta forces" not in found[junta[0]]


# --- separatists a state sides with ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Pro-Russian separatists shelled the outskirts of Mariupol on Friday.", "pro-Russian"),
        ("The town was held by pro-Serbian separatists until the ceasefire.", "pro-Serbian"),
    ],
)
def test_pro_state_separatists(ex: Extractor, text: str, actor: str) -> None:
    assert f"{actor} separatists" in actor_forms(ex, text)


def test_every_separatist_phrase_is_the_pro_state_separatists(ex: Extractor) -> None:
    text = (
        "Separatist rebels pushed into the rail town on Tuesday. The separatists said the truce "
        "did not apply there. Later the pro-Russian separatists claimed the town."
    )
    found = actor_forms(ex, text)
    assert found["pro-Russian separatists"] == {
        "Separatist rebels",
        "separatists",
        "pro-Russian separatists",
    }


def test_separatists_of_no_side_stay_unnamed(ex: Extractor) -> None:
    text = "The separatists said the truce did not apply to the town."
    assert not any("separatist" in k for k in actor_forms(ex, text))


def test_separatists_of_a_known_place_stay_that_actor(ex: Extractor) -> None:
    text = "Ethnic Armenian separatists in Nagorno-Karabakh agreed to lay down their arms."
    found = actor_forms(ex, text)
    assert "Artsakh Defence Army" in found
    assert not any(k.endswith(" separatists") for k in found)


# --- gazetteer: actors of current wars ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor", "form"),
    [
        (
            "Chin Brotherhood fighters took the town of Falam.",
            "Chin Brotherhood",
            "Chin Brotherhood fighters",
        ),
        (
            "The Kenyan-led multinational force patrolled the capital of Haiti.",
            "Multinational Security Support Mission",
            "Kenyan-led multinational force",
        ),
        ("Mai-Mai militias ambushed a patrol near Masisi.", "Mai-Mai", "Mai-Mai militias"),
        (
            "Police said Amotekun operatives arrested four men.",
            "Western Nigeria Security Network",
            "Amotekun",
        ),
        ("JAS fighters raided a camp near Lake Chad.", "Boko Haram", "JAS fighters"),
        (
            "In 2015 Ethiopia's ruling coalition won every seat in parliament.",
            "Ethiopian People's Revolutionary Democratic Front",
            "Ethiopia's ruling coalition",
        ),
    ],
)
def test_gazetteer_knows_actors_of_current_wars(
    ex: Extractor, text: str, actor: str, form: str
) -> None:
    assert form in actor_forms(ex, text).get(actor, set())


def test_a_named_mai_mai_group_is_not_the_class(ex: Extractor) -> None:
    found = actor_forms(ex, "Mai-Mai Yakutumba fighters attacked Fizi on Monday.")
    assert "Mai-Mai Yakutumba" in found
    assert "Mai-Mai" not in found


def test_presidential_leadership_council_and_its_acronym_are_one_actor(ex: Extractor) -> None:
    found = actor_forms(ex, "Yemen's Presidential Leadership Council (PLC) met in Aden.")
    plc = [k for k, forms in found.items() if "PLC" in forms]
    assert plc == ["Presidential Leadership Council (Yemen)"]
    assert "Government of Yemen" not in found


# --- members named after "of" / "from" -----------------------------------------------------------
def event_agents(ex: Extractor, text: str) -> list[list[str]]:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 5, 4)), text)
    return [ev.agents for ev in facts.events]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Police said insurgents from Islamic State had attacked Macomia.", "Islamic State"),
        ("Officials said jihadists from JNIM attacked the town of Djibo.", NAME_JNIM),
    ],
)
def test_members_from_a_group_are_the_group(ex: Extractor, text: str, group: str) -> None:
    assert [group] in event_agents(ex, text)


def test_insurgents_from_a_country_are_not_its_state(ex: Extractor) -> None:
    text = "Insurgents from Mozambique crossed the border and attacked the village of Kitaya."
    assert all("Mozambique" not in " ".join(a) for a in event_agents(ex, text))


# --- persons: a name the NER cut short, a nickname in quotes, an officer ---------------------
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Fighters under General Mohamed Hamdan \u201cHemedti\u201d Dagalo entered the town.",
            "Mohamed Hamdan Dagalo",
        ),
        (
            'Gang leader Jimmy "Barbecue" Cherizier threatened the transitional council.',
            "Jimmy Chérizier",
        ),
    ],
)
def test_name_before_a_nickname_is_the_known_person(ex: Extractor, text: str, person: str) -> None:
    found = actor_forms(ex, text)
    assert person in found
    assert len([k for k in found if ex.gaz.get(k, kind="actor") is None]) == 0, found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "The army said field commander Omar Haroun Bakheet was killed near Nyala.",
            "Omar Haroun Bakheet",
        ),
        (
            "Former army officer Hamid Osman Karrar told reporters the town had fallen.",
            "Hamid Osman Karrar",
        ),
    ],
)
def test_titled_person_keeps_the_whole_name(ex: Extractor, text: str, person: str) -> None:
    assert person in actor_forms(ex, text)


def test_a_date_after_a_name_is_no_part_of_it(ex: Extractor) -> None:
    found = actor_forms(ex, "Commander Omar Haroun Bakheet Monday denied the report.")
    assert not any("Monday" in k for k in found)


def test_an_officer_word_alone_names_no_person(ex: Extractor) -> None:
    found = actor_forms(ex, "Army officer training resumed in Kaduna after the raid.")
    assert all(ex.gaz.get(k, kind="actor") is not None for k in found), found


# --- "<country>-led coalition"; "Shia rebels" after "Shiite Houthi rebels" ----------------------
@pytest.mark.parametrize(
    ("text", "coalition"),
    [
        (
            "A Saudi Arabia-led coalition bombed the port of Hodeidah on Friday.",
            "Saudi-led coalition",
        ),
        (
            "The Kingdom of Saudi Arabia-led coalition struck Sanaa overnight.",
            "Saudi-led coalition",
        ),
        ("The United States of America-led coalition hit Raqqa on Monday.", "US-led coalition"),
    ],
)
def test_country_led_coalition(ex: Extractor, text: str, coalition: str) -> None:
    assert coalition in actor_forms(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Saudi Arabia-led talks opened in Jeddah on Saturday.",  # no coalition
        "A Rwanda-led coalition attacked Goma.",  # none the gazetteer knows
    ],
)
def test_country_led_without_known_coalition(ex: Extractor, text: str) -> None:
    assert not any("coalition" in k for k in actor_forms(ex, text))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Iran-backed Shiite Houthi rebels advanced on Aden. The Shia rebels surrounded it.",
            "Houthis",
        ),
        (
            "Kurdish YPG rebels took the village. The Kurdish rebels then shelled Afrin.",
            "People's Protection Units",
        ),
    ],
)
def test_rebels_named_by_the_group_adjective_of_named_rebels(
    ex: Extractor, text: str, group: str
) -> None:
    found = actor_forms(ex, text)
    assert len(found[group]) == 2, found


def test_rebels_of_another_group_adjective_are_not_them(ex: Extractor) -> None:
    found = actor_forms(ex, "Houthi rebels advanced on Aden. Kurdish rebels shelled Afrin.")
    assert found["Houthis"] == {"Houthi rebels"}


# --- peacekeepers; a rank before a name -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mission"),
    [
        (
            "MONUSCO said on Monday that UN peacekeepers had repelled an attack near Beni.",
            "United Nations Organization Stabilization Mission in the Democratic Republic of "
            "the Congo",
        ),
        (
            "Gunmen fired on Blue Helmets near Bangui, in the Central African Republic.",
            "United Nations Multidimensional Integrated Stabilization Mission in the Central "
            "African Republic",
        ),
    ],
)
def test_peacekeepers_are_the_mission(ex: Extractor, text: str, mission: str) -> None:
    found = actor_forms(ex, text)
    assert mission in found
    assert "United Nations" not in found


def test_a_states_peacekeepers_are_not_the_mission(ex: Extractor) -> None:
    text = "MINUSCA said Rwandan peacekeepers had repelled an attack near Bangui."
    found = actor_forms(ex, text)
    mission = (
        "United Nations Multidimensional Integrated Stabilization Mission in the Central "
        "African Republic"
    )
    assert found[mission] == {"MINUSCA"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "The mission's spokesman, Colonel Amadou Diallo, said the road was open.",
            "Amadou Diallo",
        ),
        ("Lieutenant-colonel Ibrahima Sarr told reporters the town was calm.", "Ibrahima Sarr"),
    ],
)
def test_a_rank_before_a_name_makes_a_person(ex: Extractor, text: str, person: str) -> None:
    assert person in actor_forms(ex, text)


# --- a spelling of a known actor's name before its acronym ------------------------------------
@pytest.mark.parametrize(
    ("text", "actor", "form"),
    [
        (
            "Gunmen of the Islamic State Province of West Africa (ISWAP) raided Monguno.",
            "Islamic State West Africa Province",
            "Islamic State Province of West Africa",
        ),
        (
            "Thousands fled, the International Migration Organisation (IOM) reported.",
            "International Organization for Migration",
            "International Migration Organisation",
        ),
    ],
)
def test_spelt_out_name_before_a_known_acronym(
    ex: Extractor, text: str, actor: str, form: str
) -> None:
    found = actor_forms(ex, text)
    assert form in found[actor]
    assert set(found) == {actor}  # no "Islamic State", no organisation of its own


def test_a_place_before_an_acronym_stays_a_place(ex: Extractor) -> None:
    found = actor_forms(ex, "Rebels in the Central African Republic (CAR) attacked Bouar.")
    assert not any("Republic" in f for forms in found.values() for f in forms)


# --- "15 soldiers": the forces of the country in context -----------------------------------------
@pytest.mark.parametrize(
    ("text", "forces", "form"),
    [
        (
            "Gunmen killed 12 soldiers near Monguno in Borno, Nigeria.",
            "Nigerian Armed Forces",
            "12 soldiers",
        ),
        ("In Mandalay, Myanmar, soldiers fired on a crowd on Sunday.", "Tatmadaw", "soldiers"),
    ],
)
def test_counted_soldiers_are_the_countrys_forces(
    ex: Extractor, text: str, forces: str, form: str
) -> None:
    assert form in actor_forms(ex, text).get(forces, set())


@pytest.mark.parametrize(
    "text",
    [
        "Rebel soldiers looted the market of Bouar in the Central African Republic.",
        "Rwandan soldiers patrolled Palma in Mozambique on Monday.",
    ],
)
def test_described_soldiers_are_not_the_countrys_forces(ex: Extractor, text: str) -> None:
    found = actor_forms(ex, text)
    assert not {"Central African Armed Forces", "Mozambique Armed Defence Forces"} & set(found)


def test_soldiers_from_states_are_theirs(ex: Extractor) -> None:
    found = actor_forms(ex, "Soldiers from Chad and Niger retook the town of Bosso.")
    assert not {"Niger Armed Forces", "Chadian National Army"} & set(found)  # the states'


# --- the members of a collective: no actor of their own --------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Chin Brotherhood, a loose collection of anti-regime militias, seized Falam.",
        "The front, an umbrella of anti-government groups, shelled the town of Bouar.",
    ],
)
def test_anti_groups_a_collective_holds_are_no_actor(ex: Extractor, text: str) -> None:
    assert not any(k.endswith(" opposition") for k in actor_forms(ex, text))


def test_anti_groups_alone_are_the_opposition(ex: Extractor) -> None:
    text = "In Myanmar, anti-junta groups took the town of Lashio on Monday."
    assert any(k.endswith(" opposition") for k in actor_forms(ex, text))


# --- a name with a role after it; "pro-government battalions" ---------------------------------
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Yuri Bondarenko, head of a volunteer battalion, said the road was cut.",
            "Yuri Bondarenko",
        ),
        ("Musa Haroun, a senior commander of the militia, denied the report.", "Musa Haroun"),
    ],
)
def test_a_role_after_a_name_makes_a_person(ex: Extractor, text: str, person: str) -> None:
    assert person in actor_forms(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Special Forces, a spokesman said, held the road near Kupiansk.",  # an actor noun
        "Yuri Bondarenko, a former commander of the unit, said the road was cut.",  # former
    ],
)
def test_no_person_from_a_role_that_does_not_fit(ex: Extractor, text: str) -> None:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 5, 4)), text)
    assert not [k for k, e in facts.entities.items() if e.cls == "Person"]


@pytest.mark.parametrize(
    "text",
    [
        "A pro-government paramilitary battalion held the road near Debaltseve.",
        "A pro-Russian battalion shelled the village of Shyrokyne on Friday.",
    ],
)
def test_pro_battalions(ex: Extractor, text: str) -> None:
    assert any(k.endswith("battalions") for k in actor_forms(ex, text))


# --- "X-backed forces", "X-led forces", "U.S.-backed" as one token ------------------------------
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("U.S.-backed forces have encircled the town of Tabqa.", "United States-backed forces"),
        ("Turkish-backed forces shelled the town of Manbij on Sunday.", "Turkey-backed forces"),
        ("Saudi-led forces began an assault on Hodeidah on Wednesday.", "Saudi-led coalition"),
    ],
)
def test_sponsored_forces(ex: Extractor, text: str, actor: str) -> None:
    assert actor in actor_forms(ex, text)


def test_led_forces_of_no_known_coalition_are_no_actor(ex: Extractor) -> None:
    found = actor_forms(ex, "Rwanda-led forces attacked the town of Sake.")
    assert not any("forces" in k or "coalition" in k for k in found)


# --- a name joined to a titled person's ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Volunteers such as Adam Yahya and former army officer Hamid Karrar took up arms.",
            "Adam Yahya",
        ),
        ("Residents like Idris Bakheet and General Omar Haroun fled the town.", "Idris Bakheet"),
    ],
)
def test_name_joined_to_a_titled_persons_is_a_person(ex: Extractor, text: str, person: str) -> None:
    assert person in actor_forms(ex, text)


def test_names_joined_with_no_title_are_no_persons(ex: Extractor) -> None:
    found = actor_forms(ex, "Residents like Idris Bakheet and Omar Haroun fled the town.")
    assert "Idris Bakheet" not in found


# --- "they" after "the army said" -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("M23 rebels took Sake on Friday. The army said they had also shelled Goma.", "M23"),
        (
            "Houthi rebels hit a tanker on Monday. The government said they had also shelled Taiz.",
            "Houthis",
        ),
    ],
)
def test_they_after_a_singular_state_body_are_others(ex: Extractor, text: str, doer: str) -> None:
    assert [doer] in event_agents(ex, text)


def test_it_after_the_army_is_the_army(ex: Extractor) -> None:
    text = "M23 rebels took Sake on Friday. The army said it had shelled Kibumba."
    assert ["Armed Forces of the Democratic Republic of the Congo"] in event_agents(ex, text)


# --- states listed after "troops from several countries, including" -----------------------------
def acting_states(ex: Extractor, text: str) -> set[str]:
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2024, 5, 4)), text)
    return {k for k, e in facts.entities.items() if e.kind == "actor" and e.cls == "State"}


@pytest.mark.parametrize(
    ("text", "states"),
    [
        (
            "Troops from several countries, including Kenya, Uganda and Burundi, attacked Kismayo.",
            {"Kenya", "Uganda", "Burundi"},
        ),
        (
            "Soldiers from three nations, including Chad and Niger, entered the town of Bosso.",
            {"Chad", "Niger"},
        ),
    ],
)
def test_states_listed_as_the_origin_of_troops_act(
    ex: Extractor, text: str, states: set[str]
) -> None:
    assert states <= acting_states(ex, text)


def test_states_listed_as_the_origin_of_refugees_do_not_act(ex: Extractor) -> None:
    text = "Refugees from several countries, including Kenya and Uganda, reached Kismayo."
    assert not acting_states(ex, text)


# --- "government-allied militias" ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Government-allied militias burned the village of Tawila in Darfur.", "pro-government"),
        ("Army-aligned militias shelled the market of Nyala on Sunday.", "pro-army"),
        ("Junta-allied militias torched homes near Shwebo in Myanmar.", "pro-junta"),
    ],
)
def test_militias_allied_with_a_government_word(ex: Extractor, text: str, actor: str) -> None:
    found = actor_forms(ex, text)
    assert f"{actor} militias" in found
    assert not any(k.startswith("Government of") for k in found)


def test_militias_allied_with_a_named_state_are_not_generic(ex: Extractor) -> None:
    found = actor_forms(ex, "Iran-aligned militias attacked a base in eastern Syria.")
    assert not any(k.startswith("pro-") for k in found)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Iran-aligned militias attacked a base in eastern Syria.", "Iran-aligned militias"),
        ("Russian-allied militias shelled the town of Kherson.", "Russia-aligned militias"),
    ],
)
def test_militias_aligned_with_a_state(ex: Extractor, text: str, actor: str) -> None:
    found = actor_forms(ex, text)
    assert actor in found
    assert not any(k.endswith("-backed militias") for k in found)  # aligned, not backed


# --- a titled person's forces are not the person -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("Field Marshal Khalifa Haftar's forces entered Sirte on Monday.", "Libyan National Army"),
        ("Brigadier Tareq Saleh's forces pushed toward Hodeidah.", "National Resistance Forces"),
    ],
)
def test_person_with_a_rank_and_forces_named_by_the_gazetteer(
    ex: Extractor, text: str, forces: str
) -> None:
    assert forces in actor_forms(ex, text)


def test_a_ranked_persons_forces_do_not_grow_the_persons_mention(ex: Extractor) -> None:
    found = actor_forms(ex, "Field Marshal Khalifa Haftar's troops entered Sirte on Monday.")
    assert all("troops" not in f for f in found.get("Khalifa Haftar", set()))
