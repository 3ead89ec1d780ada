"""The pieces every genre writes: meeting dates and times, item titles and texts, and the
ground truth in the shape of the hand annotations.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from random import Random
from typing import Any

from .document import Doc, Item
from .material import MONTHS, MONTHS_SHORT, WEEKDAYS, Topic


def word_count(text: str) -> int:
    return len(text.split())


def meeting_date(rng: Random) -> _dt.date:
    day = _dt.date(2015, 1, 1) + _dt.timedelta(days=rng.randrange(10 * 365))
    while day.weekday() >= 5 or day.month == 7:
        day += _dt.timedelta(days=1 if day.month != 7 else 31)
    return day


def meeting_times(rng: Random) -> tuple[str, str]:
    start_h = rng.choice((8, 8, 9, 9, 10, 13, 13, 14))
    start_m = rng.choice((0, 0, 0, 30))
    length = rng.choice((90, 120, 150, 180, 180, 240))
    end = start_h * 60 + start_m + length
    return f"{start_h:02d}:{start_m:02d}", f"{end // 60:02d}:{end % 60:02d}"


def dotted(t: str) -> str:
    return t.replace(":", ".")


def long_date(day: _dt.date, rng: Random, weekday: bool) -> str:
    months = MONTHS_SHORT if rng.random() < 0.4 else MONTHS
    text = f"den {day.day} {months[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()].capitalize()}en {text}" if weekday else text[4:]


def pick_topics(rng: Random, topics: Sequence[Topic], n: int) -> list[Topic]:
    chosen = rng.sample(list(topics), min(n, len(topics)))
    while len(chosen) < n:
        chosen.append(rng.choice(topics))
    return chosen


def unique_title(doc: Doc, topic: Topic, item: Item, used: set[str]) -> str:
    """A title not yet used in the document (two items with one title would be ambiguous truth)."""
    for _ in range(20):
        title = doc.fill(doc.rng.choice(topic.titles), item)
        if title.lower() not in used:
            break
    else:  # pragma: no cover - 20 draws from several titles with varying numbers
        title = f"{title} ({len(used) + 1})"
    used.add(title.lower())
    return title


def fill_sentences(doc: Doc, item: Item, budget: int, topical: Sequence[str], generic: Sequence[str],
                    max_generic: int = 3) -> None:
    """Write the item's text: its topic's sentences in their order, then a few general ones.

    Sentences that introduce the presenter in full ({pres_full}, {guest_intro}) lead the item, so a
    first name used later has its full name earlier; sentences about the presenter are left out
    when nobody presents. A general sentence is used at most once per document.
    """
    rng = doc.rng
    leads = [s for s in topical if "{pres_full}" in s or "{guest_intro}" in s] if item.presenters else []
    rest = [s for s in topical if s not in leads and "{pres_full}" not in s and "{guest_intro}" not in s
            and ("{pres}" not in s or item.presenters)]
    words = 0
    for s in leads + rest:
        if item.sentences and words >= budget:
            break
        if s in rest and item.sentences and rng.random() < 0.2:
            continue
        item.sentences.append(doc.fill(s, item))
        words += word_count(item.sentences[-1])
    added = 0
    for s in rng.sample(list(generic), len(generic)):
        if (item.sentences and words >= budget) or added >= max_generic:
            break
        if s in doc.generic_used:
            continue
        doc.generic_used.add(s)
        sentence = doc.fill(s, item)
        item.sentences.insert(rng.randint(1, len(item.sentences)) if item.sentences else 0, sentence)
        words += word_count(sentence)
        added += 1


def item_truth(item: Item) -> dict[str, Any]:
    return {
        "ordinal": item.ordinal,
        "time": item.time,
        "identifier": item.identifier,
        "title": item.title,
        "presenters": [p.full for p in item.presenters],
        "decisions": len(item.decisions),
        "decision_texts": list(item.decisions),
    }


def base_truth(doc: Doc, genre: str, body: str, parent: str | None, day: _dt.date | None,
                start: str | None, end: str | None, location: str | None) -> dict[str, Any]:
    return {
        "genre": genre,
        "meeting": {"body": body, "parent_organization": parent, "date": day.isoformat() if day else None,
                    "start": start, "end": end, "location": location},
        "attendees": [], "absentees": [], "minute_takers": [], "minute_takers_optional": [], "chairs": [],
        "adjusters": [], "parties": {}, "agenda_items": [], "decisions": [], "decisions_optional": [],
    }


def item_budget(rng: Random, n_items: int, header_words: int) -> int:
    """Words per item so that the whole document lands between about 300 and 1400 words."""
    target = rng.randint(max(400, header_words + 40 * n_items), 1350)
    return max(20, (target - header_words) // n_items)
