"""The state of one document being written: the people it names, the organisations, the
memberships it states, and the filling of a topic's placeholders from its Random.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from random import Random

from .material import (
    ADMINISTRATIONS,
    AREAS,
    EXTERNAL,
    GUEST_ROLES,
    MONTHS,
    MOTIONS,
    NETWORKS,
    REMISSER,
    RIKTLINJER,
    TAXOR,
    UNITS,
    UPPHANDLINGAR,
    Topic,
    first_names,
    municipality_org,
    surnames,
)


@dataclass(frozen=True)
class Person:
    """A person of the corpus: first name and surname (a double surname is one string)."""

    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Item:
    topic: Topic
    title: str
    presenters: list[Person] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)     # rendered verbatim texts
    ordinal: int | None = None
    time: str | None = None
    identifier: str | None = None
    guest_org: str | None = None      # set for a guest from an organisation rather than a municipality
    values: dict[str, str] = field(default_factory=dict)   # placeholders that keep one value per item


class Doc:
    """Everything one document draws from its Random, and the truth it accumulates."""

    def __init__(self, rng: Random, municipality: str) -> None:
        self.rng = rng
        self.municipality = municipality
        self.firsts: set[str] = set()
        self.fulls: set[str] = set()
        self.present: list[Person] = []
        self.persons: set[str] = set()
        self.organizations: set[str] = set()
        self.memberships: set[tuple[str, str]] = set()
        self.administrations = rng.sample(ADMINISTRATIONS, 4)
        self.network = ""
        self.generic_used: set[str] = set()
        self.guest_home: str | None = None
        self.year = 2020

    def person(self) -> Person:
        """A new person whose first name is unique in the document (so 'Mats' is unambiguous)."""
        firsts, lasts = first_names(), surnames()
        while True:
            first = self.rng.choice(firsts)
            last = self.rng.choice(lasts)
            roll = self.rng.random()
            if roll < 0.06:
                last = f"{self.rng.choice(lasts)} {last}"
            elif roll < 0.09:
                last = f"{self.rng.choice(lasts)}-{last}"
            if first not in self.firsts and f"{first} {last}" not in self.fulls and first != last:
                self.firsts.add(first)
                self.fulls.add(f"{first} {last}")
                return Person(first, last)

    def named(self, p: Person) -> str:
        self.persons.add(p.full)
        return p.full

    def org(self, name: str) -> str:
        self.organizations.add(name[0].upper() + name[1:])
        return name

    def fill(self, template: str, item: Item | None) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self._sticky(m.group(1), item), template)

    _STICKY = frozenset({"area", "unit", "motion", "taxa", "riktlinje", "remiss", "upphandling", "umonth"})

    def _sticky(self, key: str, item: Item | None) -> str:
        """Values an item's title and text must share ("Detaljplan för Söder" ... "i Söder")."""
        if item is None or key not in self._STICKY:
            return self._value(key, item)
        if key not in item.values:
            item.values[key] = self._value(key, item)
        return item.values[key]

    def _value(self, key: str, item: Item | None) -> str:
        rng, year = self.rng, self.year
        if key == "first":
            return rng.choice(self.present).first
        if key == "full":
            return self.named(rng.choice(self.present))
        if key == "pres":
            return item.presenters[0].first if item and item.presenters else rng.choice(self.present).first
        if key == "pres_full":
            return self.named(item.presenters[0]) if item and item.presenters else self.named(rng.choice(self.present))
        if key in ("org", "Org"):
            name = self.org(rng.choice(self.administrations)[0])
            return name[0].upper() + name[1:] if key == "Org" else name
        if key == "abbr":
            name, abbr = rng.choice([a for a in self.administrations if a[1]] or [("socialförvaltningen", "SOF")])
            self.org(name)
            return abbr or name
        if key == "unit":
            return self.org(rng.choice(UNITS))
        if key == "ext":
            return self.org(rng.choice(EXTERNAL))
        if key == "kommun":
            return self.municipality
        if key == "kommun_org":
            return self.org(municipality_org(self.municipality))
        if key == "network":
            return self.org(self.network)
        simple = {
            "year": str(year), "next_year": str(year + 1), "prev_year": str(year - 1),
            "plan_end": str(year + 4), "n": str(rng.randint(3, 40)), "big": str(rng.randint(100, 25000)),
            "mkr": f"{rng.randint(1, 60)},{rng.randint(0, 9)}", "pct": str(rng.randint(2, 95)),
            "week": str(rng.randint(2, 50)), "month": rng.choice(MONTHS), "umonth": rng.choice(MONTHS),
            "date2": f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", "area": rng.choice(AREAS),
            "motion": self.fill(rng.choice(MOTIONS), item), "taxa": rng.choice(TAXOR),
            "riktlinje": rng.choice(RIKTLINJER), "remiss": rng.choice(REMISSER),
            "upphandling": rng.choice(UPPHANDLINGAR),
        }
        if key in simple:
            return simple[key]
        if key == "guest_intro" and item is not None:
            return self._guest(item)
        if key == "guest_mention":
            p, org = self.person(), self.org(rng.choice(EXTERNAL[5:] + UNITS[:3]))
            self.memberships.add((self.named(p), org))
            return f"{p.full}, {rng.choice(GUEST_ROLES)} vid {org},"
        if key == "guest_org":
            return self.org(municipality_org(self.guest_home or self.municipality))
        raise KeyError(f"unknown placeholder {{{key}}}")

    def _guest(self, item: Item) -> str:
        """The item's presenter introduced with where they come from: 'Lisa Olsson, innovationschef i Bjuv,'."""
        if not item.presenters:
            item.presenters.append(self.person())
        p = item.presenters[-1]
        self.named(p)
        role = self.rng.choice(GUEST_ROLES)
        if item.guest_org:
            self.memberships.add((p.full, self.org(item.guest_org)))
            return f"{p.full}, {role} vid {item.guest_org},"
        home = self.rng.choice(NETWORKS[self.network][1]) if self.network else self.municipality
        self.guest_home = home
        org = self.org(municipality_org(home))
        self.memberships.add((p.full, org))
        if self.rng.random() < 0.5:
            return f"{p.full}, {role} i {home},"
        return f"{p.full} från {org}"
