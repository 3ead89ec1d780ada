"""Genre (a): a management group's notes (``Deltagare: A, B, C (sekr.)``, ``Frånvarande:``,
numbered items ``1. Titel`` with ``Föredragande:`` lines, ``Beslut:`` and bullet points).
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from random import Random
from typing import Any

from .document import Doc, Item
from .material import (
    ADMINISTRATIONS,
    GENERIC_SENTENCES,
    MANAGEMENT_TOPICS,
    ROOMS,
    UNITS,
    genitive,
    municipality_org,
)
from .pieces import (
    base_truth,
    dotted,
    fill_sentences,
    item_budget,
    item_truth,
    long_date,
    meeting_date,
    meeting_times,
    pick_topics,
    unique_title,
    word_count,
)


def _cap(name: str) -> str:
    return name[0].upper() + name[1:]


def _bullet_mark(rng: Random) -> str:
    return rng.choice(("•", "-", "–", "o", "", "*"))


def _wrap(text: str, width: int | None) -> str:
    if not width:
        return text
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)


def _comma_wrap(names: Sequence[str], width: int | None, prefix: str) -> str:
    """A comma list broken between names only (a name broken over two lines is OCR's job, not ours)."""
    line, lines = prefix, []
    for i, name in enumerate(names):
        piece = name + ("," if i < len(names) - 1 else "")
        if width and len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = ""
        line += (" " if line and not line.endswith(" ") else "") + piece
    lines.append(line)
    return "\n".join(lines)


def ledningsgrupp(doc: Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    adm, abbr = doc.administrations[0]
    adm_cap = adm[0].upper() + adm[1:]
    kommun_org = municipality_org(doc.municipality)
    body = rng.choice((
        f"{adm_cap[:-2]}s ledningsgrupp" if adm.endswith("en") else f"Ledningsgrupp, {adm}",
        f"Ledningsgruppen för {adm}",
        f"{genitive(kommun_org)} skolors ledningsgrupp" if abbr in ("SFF", "BUF") else f"Förvaltningsledningen, {adm}",
        f"Ledningsgrupp {abbr}" if abbr else f"Ledningsgruppen för {adm}",
    ))
    doc.org(adm_cap)
    day = meeting_date(rng)
    doc.year = day.year
    start, end = meeting_times(rng)
    room = rng.choice(ROOMS)
    width = rng.choice((None, None, 88, 95))
    trailing = " " if rng.random() < 0.3 else ""
    mark = _bullet_mark(rng)

    n_present = rng.randint(5, 14)
    present = [doc.person() for _ in range(n_present)]
    absent = [doc.person() for _ in range(rng.choice((0, 1, 1, 2, 3)))]
    doc.present = present
    secretary = present[-1]
    chair = present[0] if rng.random() < 0.3 else None
    truth = base_truth(doc, "ledningsgrupp", body, adm_cap, day, start, end, room)

    lines: list[str] = []
    header_style = rng.random()
    if header_style < 0.5:
        lines += [adm_cap, "", body, "",
                  f"{long_date(day, rng, weekday=True)}, {dotted(start)} -{dotted(end)}" if rng.random() < 0.6
                  else f"{day.isoformat()}, kl. {dotted(start)}–{dotted(end)}",
                  f"Plats: {room}", ""]
    elif header_style < 0.8:
        lines += [f"{body} {day.isoformat()}", "", f"Tid: {dotted(start)}-{dotted(end)}", f"Plats: {room}", ""]
    else:
        lines += [f"Mötesanteckningar {body.lower() if body.startswith('Ledningsgrupp') else body}",
                  f"Datum: {long_date(day, rng, weekday=False)}", f"Tid: {start}-{end}", f"Lokal: {room}", ""]
        truth["meeting"]["body"] = body.lower() if body.startswith("Ledningsgrupp") else body
    minute_taker_in_list = rng.random() < 0.7
    names = [doc.named(p) for p in present]
    if minute_taker_in_list:
        names[-1] += rng.choice((" (sekr.)", " (sekr)", " (antecknar)"))
    if chair:
        names[0] += " (ordf.)"
    label = rng.choice(("Deltagare:", "Deltagare:", "Närvarande:", f"Deltagare {abbr or 'LG'}:"))
    lines.append(_comma_wrap(names, width or 90, label))
    lines.append("")
    if absent:
        reasons = ["", "", " (sem)", " (sjuk)"]
        lines.append(rng.choice(("Frånvarande:", "Förhinder:")) + " " +
                     ", ".join(doc.named(p) + rng.choice(reasons) for p in absent))
        lines.append("")
    if rng.random() < 0.5:
        lines += [rng.choice(("Mötesanteckningar", "Minnesanteckningar")), ""]
    header_words = word_count("\n".join(lines))

    n_items = rng.randint(3, 12)
    topics = pick_topics(rng, MANAGEMENT_TOPICS, n_items)
    items: list[Item] = []
    used: set[str] = set()
    budget = item_budget(rng, n_items, header_words)
    guests_with_org: dict[str, str] = {}
    for topic in topics:
        item = Item(topic, "")
        roll = rng.random()
        if roll < 0.55:
            item.presenters.append(rng.choice(present))
        elif roll < 0.7:
            item.presenters += rng.sample(present, 2)
        elif roll < 0.82:
            guest = doc.person()
            item.presenters.append(guest)
            org = doc.org(_cap(rng.choice(UNITS[:5] + tuple(a[0] for a in doc.administrations[1:]))))
            guests_with_org[guest.full] = org
        item.title = unique_title(doc, topic, item, used)
        fill_sentences(doc, item, budget, topic.sentences, GENERIC_SENTENCES, 2 + budget // 50)
        if topic.bullets and rng.random() < 0.6:
            item.bullets = [doc.fill(b, item) for b in rng.sample(topic.bullets, rng.randint(1, len(topic.bullets)))]
        if topic.decisions and rng.random() < 0.45:
            phrase = doc.fill(rng.choice(topic.decisions), item)
            item.decisions.append(f"{rng.choice(('Ledningsgruppen beslutar att', 'Ledningsgruppen beslutade att', 'Gruppen beslutar att'))} {phrase}.")
        items.append(item)

    # Decision items first under BESLUT when the notes are sectioned, as such notes usually are.
    sectioned = rng.random() < 0.35
    if sectioned:
        items.sort(key=lambda it: not it.decisions)
    section = None
    for n, item in enumerate(items, 1):
        item.ordinal = n
        if sectioned:
            wanted = "BESLUT" if item.decisions else "INFORMATION"
            if wanted != section:
                section = wanted
                lines += ["", wanted if rng.random() < 0.7 else wanted.capitalize(), ""]
        lines.append(f"{n}. {item.title}")
        if item.presenters:
            shown = []
            for p in item.presenters:
                name = doc.named(p)
                guest_org = guests_with_org.get(p.full)
                if guest_org:
                    doc.memberships.add((p.full, guest_org))
                    shown_org = guest_org.lower() if guest_org.lower() in dict(ADMINISTRATIONS) else guest_org
                    name += f", {shown_org}" if rng.random() < 0.6 else f" ({shown_org})"
                shown.append(name)
            joiner = rng.choice((" och ", ", ", " & "))
            lines.append(f"{rng.choice(('Föredragande:', 'Föredragande:', 'Föredragande'))} {joiner.join(shown)}")
        lines.append("")
        paragraphs = _paragraphs(rng, item.sentences)
        for para in paragraphs:
            lines.append(_wrap(para, width))
            lines.append("")
        for b in item.bullets:
            lines.append(f"{mark} {b}".strip())
        if item.bullets:
            lines.append("")
        for d in item.decisions:
            lines.append(f"Beslut: {d}")
            lines.append("")
        truth["agenda_items"].append(item_truth(item))
        truth["decisions"] += item.decisions
    if not minute_taker_in_list:
        lines += ["", rng.choice(("Vid anteckningarna/", "Vid protokollet: ", "Antecknat av: ")) + secretary.full]
    truth["minute_takers"] = [secretary.full]
    truth["chairs"] = [chair.full] if chair else []
    truth["attendees"] = [p.full for p in present]
    truth["absentees"] = [p.full for p in absent]
    text = "\n".join(line + trailing if line else line for line in lines).rstrip() + "\n"
    return text, truth


def _paragraphs(rng: Random, sentences: list[str]) -> list[str]:
    out, current = [], []
    for s in sentences:
        current.append(s)
        if len(current) >= rng.randint(1, 4):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out
