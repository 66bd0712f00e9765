"""A deterministic synthetic news corpus for the benchmarks.

Each article is 300–800 words of wire-style prose about a war: a theatre (a country), two sides
(armed groups, their state backers, allied militias, leaders), places of the theatre, and a mix
of fact sentences (sponsorship, alliances, clashes, tensions, membership, leadership, control,
captures with dates, offensives, sieges, airstrikes, displacement and casualty figures) written
in many phrasings, between filler sentences that state nothing. Names come from the gazetteer
(``data/gazetteer``) plus invented militias, towns and people.

Article ``i`` of seed ``s`` depends only on ``(s, i)``: tiers share their first articles, and
articles are generated one at a time (:func:`generate` is a generator; :func:`write_corpus`
streams them to files), so a 10,000-article corpus is never held in memory.

Examples
--------
>>> pools = NamePools.builtin()
>>> a = make_article(7, seed=1, pools=pools)
>>> a == make_article(7, seed=1, pools=pools)
True
>>> 300 <= a.words <= 800
True
>>> a.file_name
'00007.txt'
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.names import (
    BUILTIN_ACTORS,
    BUILTIN_STATES,
    THEATRES,
    Name,
    NamePools,
    invented_militia,
    invented_person,
    invented_town,
    invented_word,
    takes_the,
)

__all__ = [
    "CorpusInfo",
    "NamePools",
    "SyntheticArticle",
    "generate",
    "make_article",
    "write_corpus",
]

MIN_WORDS = 300
MAX_WORDS = 800
FIRST_DATE = dt.date(2014, 1, 1)
LAST_DATE = dt.date(2019, 12, 31)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PUBLISHERS = (
    "Levant Dispatch",
    "Euphrates Wire",
    "Crescent News Service",
    "Frontline Monitor",
    "Gulf Desk",
    "Northern Correspondent",
)


# -- sentences ----------------------------------------------------------------------------
# Slots: {A} {B} actors (A's side vs B's side), {A2} an ally of A, {S} A's state backer ("Iran"),
# {SD} its demonym ("Iranian"), {C} a coalition, {P} {P2} places, {L} a leader of A,
# {when} a date phrase, {month}, {n} a small figure, {N} a large figure, {src} a source.
_FACTS: dict[str, tuple[str, ...]] = {
    "backs": (
        "{Sb}-backed {Ab} said on {weekday} it had advanced {dir} of {P}.",
        "{A}, backed by {S}, pushed towards {P} {when}.",
        "{SD}-backed fighters of {A} entered the outskirts of {P} {when}.",
        "{S} has supplied {A} with weapons and training, according to officials.",
        "{A}, which receives weapons and money from {S}, moved reinforcements to {P}.",
        "{A}, supported by {S}, now holds most of the countryside around {P}.",
        "{S} continues to back {A} despite pressure from its neighbours.",
        "Fighters of the {Sb}-backed {Ab} were seen near {P} {when}.",
        "{S} is the main sponsor of {A}, diplomats say.",
    ),
    "fights": (
        "Clashes between {A} and {B} near {P} killed {n} fighters {when}.",
        "{A} fought {B} on the outskirts of {P} {when}.",
        "Heavy fighting erupted between {A} and {B} in {P}.",
        "{A} and {B} clashed for a third day around {P}.",
        "{A} launched an attack on {B} positions near {P} {when}.",
        "{A} said it repelled an assault by {B} {dir} of {P}.",
        "{B} ambushed a convoy of {A} on the road to {P}, killing {n}.",
    ),
    "tension": (
        "Analysts warned of a risk of clashes between {A} and {B} as both converge on {P}.",
        "Tensions between {A} and {B} have grown since the fall of {P}.",
        "Diplomats fear a confrontation between {A} and {A2} around {P}.",
        "Relations between {A} and {A2} have soured over the control of {P}.",
        "There is a growing risk of clashes between {A2} and {B} near {P}.",
    ),
    "alliance": (
        "{A2} fought alongside {A} in the battle for {P}.",
        "{A2}, allied with {A}, holds positions {dir} of {P}.",
        "{A} and its ally {A2} moved reinforcements to {P} {when}.",
        "{A2} joined forces with {A} ahead of the push on {P}.",
        "{A} and {A2} agreed to coordinate their operations around {P}.",
    ),
    "membership": (
        "{C}, which includes {A} and {A2}, announced a new phase of operations {when}.",
        "{A2}, a member of {C}, said it had lost {n} fighters near {P}.",
        "{A} is part of {C}, a grouping of several factions.",
        "{A2} joined {C} {when}, its commanders said.",
    ),
    "leads": (
        "{L}, the leader of {A}, said the group would not withdraw from {P}.",
        "{A} commander {L} vowed to retake {P} within weeks.",
        "{A} is led by {L}, a former army officer.",
        "{L}, who heads {A}, met tribal elders in {P} {when}.",
    ),
    "control": (
        "{P}, held by {B}, came under heavy shelling {when}.",
        "Residents of {Bb}-held {P} reported shortages of fuel and flour.",
        "{P} remains under the control of {B}, {src} said.",
        "{A} controls the town of {P} and the surrounding villages.",
        "{P2} is still held by {B}, according to {src}.",
    ),
    "capture": (
        "{A} captured {P} from {B} {when}.",
        "{P} fell to {A} {when} after weeks of fighting.",
        "{A} retook {P} from {B} {when}, {src} said.",
        "{A} seized {P} {when}.",
        "{A} drove {B} out of {P} {when}.",
        "{A} announced the liberation of {P} {when}.",
        "{A}, backed by {S}, took control of {P} {when}.",
    ),
    "offensive": (
        "{A} launched an offensive to retake {P} from {B} {when}.",
        "{A} began a push towards {P} with support from {S}.",
        "The offensive on {P} by {A} entered its {ordinal} week.",
    ),
    "siege": (
        "{A} has besieged {P} since {month}.",
        "{A} laid siege to {P} {when}.",
        "Some {N} civilians are trapped in {P}, which has been under siege by {A} for months.",
        "{A} broke the siege of {P} {when}.",
        "The siege of {P} by {A} entered its {ordinal} week.",
    ),
    "airstrike": (
        "{SD} warplanes struck {P} {when}, killing {n} people.",
        "{A} carried out airstrikes on {B} positions near {P}.",
        "Air raids on {P} {when} killed at least {n} civilians, {src} said.",
        "{C} said its aircraft hit {B} targets in {P} {when}.",
        "A drone strike attributed to {S} hit a vehicle outside {P}.",
        "Airstrikes by {C} destroyed a bridge near {P} {when}.",
    ),
    "displacement": (
        "Some {N} people have fled {P} since the fighting began.",
        "{N} residents were displaced from {P} {when}, according to {src}.",
        "{src} said {N} people had left {P} in the past month.",
        "More than {N} families fled {P} towards {P2}.",
        "The fighting around {P} has displaced {N} people, {src} said.",
    ),
    "casualties": (
        "At least {n} fighters of {A} were killed in the battle for {P}.",
        "{src} said {n} civilians had been killed in {P} {when}.",
        "{B} lost {n} fighters in the clashes near {P}, {src} said.",
    ),
}
_FILLER = (
    "The information could not be independently verified.",
    "^Officials did not respond to requests for comment.",
    "^Residents described shortages of bread, fuel and medicine.",
    "^Aid agencies said access to the area remained limited.",
    "^Footage shared online showed smoke rising over the {dir}ern districts of {P}.",
    "Schools in the area have been closed for {k} weeks.",
    "Prices of basic goods have tripled since the start of the year.",
    "^The road linking {P} and {P2} was cut for several days.",
    "^Local activists said power had been off for most of the week.",
    '"We have nothing left here," said one resident, who asked not to be named.',
    '"The situation is getting worse every day," an aid worker said by telephone.',
    "The conflict has killed tens of thousands of people and driven millions from their homes.",
    "^Diplomats said a new round of talks could start in the coming weeks.",
    "Hospitals in the region are working at a fraction of their capacity.",
    "Mines left behind by retreating fighters continue to kill civilians.",
    "Journalists have little access to the front lines.",
    "The statement was posted on the group's channels on social media.",
    "Humanitarian groups have called for a pause in the fighting to let convoys through.",
    "Winter has made conditions harder for those living in tents.",
    "Many families have moved several times since the war began.",
    "Analysts said the coming weeks would be decisive.",
    "It was not clear how many fighters remained in the area.",
    "^Reporters saw burnt-out vehicles along the main road into {P}.",
    "^A spokesman said the operation would continue until its goals were met.",
    "^Farmers said they had been unable to harvest their crops this season.",
    "Water supplies have been disrupted since the main pumping station was damaged.",
    "The group did not say how many of its members had been killed.",
    "Traders said the crossing had reopened to commercial traffic on {weekday}.",
    "Local councils have struggled to pay salaries for months.",
    "^Medical workers reported a rise in cases of disease in the camps.",
    "Talks held in a neighbouring capital ended {when} without agreement.",
    "Phone lines to {P} have been down since {month}.",
    "Satellite images taken {when} showed new earth berms around the town.",
    "{PERSON} said on {weekday} that a political settlement was the only way forward.",
    "^Convoys of trucks carrying food reached {P2} for the first time in weeks.",
    "^The bodies of several men were found on the banks of the river, residents said.",
)
#: Fillers marked ``^`` are in the simple past and may follow one of these openers.
_OPENERS = ("", "", "", "", "On {weekday}, ", "Meanwhile, ", "Earlier, ", "Later, ", "Separately, ")
_HEADLINES = (
    "{Ab} advances on {P}",
    "Fighting intensifies around {P}",
    "Thousands flee {P} as {Ab} closes in",
    "{Sb}-backed forces take {P}",
    "Airstrikes hit {P} as talks stall",
    "{Ab} and {Bb} clash near {P}",
    "Siege tightens around {P}",
    "Residents count the cost of the battle for {P}",
)
_DIRS = ("north", "south", "east", "west")
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
_WEIGHTS = {
    "backs": 3,
    "fights": 3,
    "tension": 1,
    "alliance": 2,
    "membership": 1,
    "leads": 1,
    "control": 2,
    "capture": 3,
    "offensive": 1,
    "siege": 1,
    "airstrike": 2,
    "displacement": 2,
    "casualties": 1,
}
_KINDS = tuple(_WEIGHTS)


# -- articles -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article: front matter fields, body text, and the kinds of facts used."""

    index: int
    title: str
    date: dt.date
    publisher: str
    text: str
    fact_kinds: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        """Whitespace-separated words in the body."""
        return len(self.text.split())

    @property
    def file_name(self) -> str:
        """``NNNNN.txt``."""
        return f"{self.index:05d}.txt"

    def to_file_text(self) -> str:
        """The article as a ``.txt`` file with YAML front matter (title, date, publisher)."""
        title = self.title.replace('"', "'")
        return (
            f'---\ntitle: "{title}"\ndate: {self.date.isoformat()}\n'
            f'publisher: "{self.publisher}"\n---\n\n{self.text}\n'
        )


class _Scene:
    """The cast of one article and the slot values it draws from."""

    def __init__(self, rng: random.Random, pools: NamePools, date: dt.date) -> None:
        self.rng = rng
        self.date = date
        theatres = [t for t in THEATRES if pools.places.get(t)] or list(THEATRES)
        self.theatre = rng.choice(theatres)
        real_places = list(pools.places.get(self.theatre, ()))
        rng.shuffle(real_places)
        real_places = real_places[: rng.randint(2, 4)]
        towns = [
            invented_town(rng, self.theatre)
            for _ in range(max(rng.randint(1, 3), 3 - len(real_places)))
        ]
        self.places = real_places + towns
        armed = list(pools.armed) or list(BUILTIN_ACTORS)
        local = [a for a in armed if a.country in (self.theatre, None)]
        if len(local) >= 2:
            cast = [*rng.sample(local, 2), rng.choice(armed)]
        else:
            cast = rng.sample(armed, min(len(armed), 3))
        militias = [invented_militia(rng) for _ in range(2)]
        self.side_a = [cast[0], militias[0]]
        self.side_b = [cast[1] if len(cast) > 1 else militias[1], militias[1]]
        self.allies = [cast[2] if len(cast) > 2 else militias[0], militias[0]]
        states = list(pools.states) or list(BUILTIN_STATES)
        self.backers = rng.sample(states, min(len(states), 2))
        self.coalitions = list(pools.coalitions) or [
            Name(f"{invented_word(rng)} Operations Room", "Coalition")
        ]
        self.coalition = rng.choice(self.coalitions)
        self.leader = invented_person(rng)
        self.persons = list(pools.persons) or [invented_person(rng)]
        self.orgs = list(pools.orgs)
        self.mentioned: set[str] = set()

    def say(self, n: Name) -> str:
        """First mention by full name; later mentions sometimes by an alias or acronym."""
        if n.name in self.mentioned and n.forms and self.rng.random() < 0.5:
            return self.rng.choice(n.forms)
        self.mentioned.add(n.name)
        return n.name

    def pair(self, n: Name) -> tuple[str, str]:
        """``(with "the" where English wants one, bare)`` surface forms of one mention."""
        bare = self.say(n)
        return (f"the {bare}" if takes_the(bare, n.name) else bare), bare

    def when(self) -> str:
        back = dt.timedelta(days=self.rng.randint(0, 60))
        d = self.date - back
        r = self.rng.random()
        if r < 0.35:
            return f"on {d.day} {_MONTHS[d.month - 1]}"
        if r < 0.5:
            return f"on {_MONTHS[d.month - 1]} {d.day}"
        if r < 0.6:
            return f"on {d.day} {_MONTHS[d.month - 1]} {d.year}"
        if r < 0.75:
            return (
                f"in {self.rng.choice(('early', 'mid-', 'late'))} {_MONTHS[d.month - 1]}".replace(
                    "- ", "-"
                )
            )
        if r < 0.9:
            return f"on {_WEEKDAYS[d.weekday()]}"
        return self.rng.choice(("last week", "last month", "this week", "overnight"))

    def figure(self, large: bool) -> str:
        if large:
            v = self.rng.choice((1, 2, 3, 5, 8, 12, 20, 35, 50, 80, 120, 250)) * 1000
            v += self.rng.randint(0, 9) * 100 if v < 20000 else 0
            return f"{v:,}"
        return str(self.rng.randint(3, 90))

    def source(self) -> str:
        if self.orgs and self.rng.random() < 0.6:
            return self.pair(self.rng.choice(self.orgs))[0]
        return self.rng.choice(
            ("local activists", "a monitoring group", "medical sources", "a military spokesman")
        )

    def slots(self) -> dict[str, str]:
        rng = self.rng
        a, b = rng.choice(self.side_a), rng.choice(self.side_b)
        ally = rng.choice([x for x in self.allies if x != a] or self.allies)
        backer = rng.choice(self.backers)
        p, p2 = rng.sample(self.places, 2)
        (sa, sab), (sb, sbb), (ss, ssb) = self.pair(a), self.pair(b), self.pair(backer)
        return {
            "A": sa,
            "Ab": sab,
            "B": sb,
            "Bb": sbb,
            "A2": self.pair(ally)[0],
            "S": ss,
            "Sb": ssb,
            "SD": backer.demonym or ssb,
            "C": self.pair(self.coalition)[0],
            "P": self.say(p),
            "P2": self.say(p2),
            "L": self.say(self.leader),
            "PERSON": self.say(rng.choice(self.persons)),
            "when": self.when(),
            "month": _MONTHS[(self.date.month - rng.randint(1, 6) - 1) % 12],
            "weekday": rng.choice(_WEEKDAYS),
            "n": self.figure(large=False),
            "k": str(rng.randint(2, 12)),
            "N": self.figure(large=True),
            "src": self.source(),
            "dir": rng.choice(_DIRS),
            "ordinal": rng.choice(_ORDINALS),
        }


def _sentence(template: str, slots: dict[str, str]) -> str:
    s = template.format(**slots)
    return s[0].upper() + s[1:]


def make_article(index: int, *, seed: int = 0, pools: NamePools | None = None) -> SyntheticArticle:
    """Article ``index`` of the corpus with ``seed`` (depends on nothing else).

    Parameters
    ----------
    index : int
        Position in the corpus.
    seed : int
        Corpus seed.
    pools : NamePools, optional
        Names to draw from (default: :meth:`NamePools.load`).
    """
    pools = pools or NamePools.load()
    rng = random.Random(f"conflict-kg-bench:{seed}:{index}")
    date = FIRST_DATE + dt.timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1))
    scene = _Scene(rng, pools, date)
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    sentences: list[str] = []
    kinds: list[str] = []
    words = 0
    used: set[str] = set()
    seen: set[str] = set()
    weights = [_WEIGHTS[k] for k in _KINDS]
    while words < target:
        if rng.random() < 0.45:
            kind = rng.choices(_KINDS, weights)[0]
            template = rng.choice(_FACTS[kind])
        else:
            kind = ""
            fresh = [f for f in _FILLER if f not in used] or list(_FILLER)
            template = rng.choice(fresh)
            used.add(template)
        opener = ""
        if template.startswith("^"):
            template = template[1:]
            opener = rng.choice(_OPENERS).format(weekday=rng.choice(_WEEKDAYS))
        s = _sentence(template, scene.slots())
        if opener:
            s = opener + s[0].lower() + s[1:]
        if s in seen:  # the same template drew the same names: draw again
            continue
        seen.add(s)
        n = len(s.split())
        if words + n > MAX_WORDS:
            break
        sentences.append(s)
        words += n
        if kind:
            kinds.append(kind)
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    title = _sentence(rng.choice(_HEADLINES), scene.slots())
    return SyntheticArticle(
        index=index,
        title=title,
        date=date,
        publisher=rng.choice(_PUBLISHERS),
        text="\n\n".join(paragraphs),
        fact_kinds=tuple(kinds),
    )


def generate(
    n: int, *, seed: int = 0, pools: NamePools | None = None
) -> Iterator[SyntheticArticle]:
    """Articles ``0 .. n-1``, one at a time.

    >>> [a.index for a in generate(3, pools=NamePools.builtin())]
    [0, 1, 2]
    """
    pools = pools or NamePools.load()
    for i in range(n):
        yield make_article(i, seed=seed, pools=pools)


@dataclass(frozen=True)
class CorpusInfo:
    """What :func:`write_corpus` wrote."""

    folder: Path
    articles: int
    words: int
    names: str  # where the real names came from


def write_corpus(
    folder: Path, n: int, *, seed: int = 0, pools: NamePools | None = None
) -> CorpusInfo:
    """Write articles ``0 .. n-1`` to ``folder/NNNNN.txt``, streamed (one article in memory).

    Each file is written to a temporary name and renamed. Files already there with the same
    content are left alone, so a larger tier reuses a smaller one's folder.
    """
    pools = pools or NamePools.load()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for art in generate(n, seed=seed, pools=pools):
        words += art.words
        body = art.to_file_text()
        path = folder / art.file_name
        if path.is_file() and path.read_text(encoding="utf-8") == body:
            continue
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        os.replace(tmp, path)
    return CorpusInfo(folder, n, words, pools.source)
