"""The word material of the synthetic corpus, read from ``bench/synth/data/``: names, places,
organisations and the genres' short lists (``words.jsonl``, one list a line with a note) and the
agenda topics (``topics.jsonl``, one topic a line, and the general sentences items borrow).

The generator is code and its Swedish is data: an analyst adds a topic or a municipality by
editing a file. Lists keep their order (draws are by position), so the corpus stays a pure
function of the data and the seed.

A topic's titles, sentences, bullets and decisions (what follows "att", no final full stop) may
hold placeholders: {first} an attendee's first name, {pres} the item's presenter's first name
(such sentences are used only when the item has a presenter), {pres_full} and {guest_intro} the
presenter in full (such sentences lead the item), {full} an attendee's full name, {org}/{Org} an
administration, {abbr} its abbreviation, {unit} a unit, {ext} an outside organisation, {kommun},
{kommun_org}, {network}, {year}, {next_year}, {prev_year}, {plan_end}, {n}, {big}, {mkr}, {pct},
{date2}, {week}, {area}, {month}, {umonth}, {motion}, {taxa}, {riktlinje}, {remiss},
{upphandling}, {guest_mention}, {guest_org} (filled by :class:`bench.synth.document.Doc`).
"""
from __future__ import annotations

import importlib.resources
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any


def _read(name: str) -> list[dict[str, Any]]:
    text = (importlib.resources.files("bench.synth") / "data" / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


_WORDS: dict[str, Any] = {entry["list"]: entry["entries"] for entry in _read("words.jsonl")}
_TOPICS = _read("topics.jsonl")
_GENERIC: dict[str, tuple[str, ...]] = {t["generic"]: tuple(t["sentences"]) for t in _TOPICS if "generic" in t}


def _tuple(key: str) -> tuple[str, ...]:
    return tuple(_WORDS[key])


@dataclass(frozen=True)
class Topic:
    """An agenda topic: titles to draw from, its sentences in order, bullet points, decisions."""

    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    bullets: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()      # what follows "att"; no final full stop


def _topics(genre: str) -> tuple[Topic, ...]:
    return tuple(Topic(tuple(t["titles"]), tuple(t["sentences"]), tuple(t.get("bullets", ())),
                       tuple(t.get("decisions", ()))) for t in _TOPICS if t.get("genre") == genre)


# name -> (mail domain, member municipalities)
NETWORKS: dict[str, tuple[str, tuple[str, ...]]] = {
    n["name"]: (n["domain"], tuple(n["members"])) for n in _WORDS["networks"]}
MUNICIPALITIES: tuple[str, ...] = tuple(sorted(
    {m for _, ms in NETWORKS.values() for m in ms} | set(_WORDS["other_municipalities"])))
CITIES: frozenset[str] = frozenset(_WORDS["cities"])
GENITIVE_EXCEPTIONS: dict[str, str] = {g["name"]: g["genitive"] for g in _WORDS["genitive_exceptions"]}
# (definite lower-case name, abbreviation or None)
ADMINISTRATIONS: tuple[tuple[str, str | None], ...] = tuple(
    (a["name"], a["abbr"]) for a in _WORDS["administrations"])
# (body, case-number prefix, how the body refers to itself in decisions)
BOARDS: tuple[tuple[str, str, str], ...] = tuple((b["body"], b["dnr"], b["self_name"]) for b in _WORDS["boards"])
UNITS = _tuple("units")
EXTERNAL = _tuple("external")
ROOMS = _tuple("rooms")
AREAS = _tuple("areas")
MONTHS = _tuple("months")
MONTHS_SHORT = _tuple("months_short")
WEEKDAYS = _tuple("weekdays")
PARTIES = _tuple("parties")
MOTIONS = _tuple("motions")
TAXOR = _tuple("taxor")
RIKTLINJER = _tuple("riktlinjer")
REMISSER = _tuple("remisser")
UPPHANDLINGAR = _tuple("upphandlingar")
ROLES = _tuple("roles")
GUEST_ROLES = _tuple("guest_roles")
NETWORK_BODIES = _tuple("network_bodies")
WORKGROUPS = _tuple("workgroups")
WORKGROUP_DECISIONS = _tuple("workgroup_decisions")

MANAGEMENT_TOPICS = _topics("management")
BOARD_TOPICS = _topics("board")
NETWORK_TOPICS = _topics("network")
WORKGROUP_TOPICS = _topics("workgroup")
GENERIC_SENTENCES = _GENERIC["general"]
BOARD_GENERIC = _GENERIC["board"]
NETWORK_GENERIC = _GENERIC["network"]


@cache
def _name_list(filename: str, fallback_key: str) -> tuple[str, ...]:
    """Names from a list of kg's resources when it exists and is usable (sorted, so order never
    matters): the names the pipeline knows, read as data (the package's files, not its code)."""
    resource = importlib.resources.files("kg") / "resources" / filename
    names: set[str] = set()
    if resource.is_file():
        for line in resource.read_text(encoding="utf-8").splitlines():
            name = re.split(r"[\t,;]", line.strip(), maxsplit=1)[0].strip()
            if name and not name.startswith("#") and _looks_like_name(name):
                names.add(name)
    if len(names) < 50:
        names = set(_WORDS[fallback_key])
    return tuple(sorted(names))


def _looks_like_name(name: str) -> bool:
    return name[0].isupper() and all(ch.isalpha() or ch in "-' " for ch in name) and len(name) <= 30


def first_names() -> tuple[str, ...]:
    return _name_list("first_names.txt", "fallback_first_names")


def surnames() -> tuple[str, ...]:
    return _name_list("surnames.txt", "fallback_surnames")


def genitive(name: str) -> str:
    """Swedish genitive of a place or organisation name: Lund -> Lunds, Borås -> Borås, Vara -> Vara."""
    if name in GENITIVE_EXCEPTIONS:
        return GENITIVE_EXCEPTIONS[name]
    return name if name[-1].lower() in "sxzaeiouyåäö" else name + "s"


def municipality_org(name: str) -> str:
    """The organisation's official-style name: Helsingborgs stad, Vara kommun, Lunds kommun."""
    return f"{genitive(name)} {'stad' if name in CITIES else 'kommun'}"
