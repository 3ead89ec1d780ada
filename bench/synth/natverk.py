"""Genre (c): Markdown notes of a regional network of municipalities (``Plats och tid:``, timed
items ``09.40 **Titel**``, absent members struck through).
"""
from __future__ import annotations

from typing import Any

from .document import Doc, Item
from .material import (
    MONTHS,
    NETWORK_BODIES,
    NETWORK_GENERIC,
    NETWORK_TOPICS,
    NETWORKS,
    Topic,
    genitive,
    municipality_org,
)
from .pieces import (
    base_truth,
    dotted,
    fill_sentences,
    item_budget,
    item_truth,
    meeting_date,
    meeting_times,
    pick_topics,
    unique_title,
    word_count,
)


def natverk(doc: Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    network = rng.choice(sorted(NETWORKS))
    doc.network = network
    domain, members = NETWORKS[network]
    doc.municipality = rng.choice(members)
    body = rng.choice(NETWORK_BODIES).format(network=network)
    doc.org(network)
    day = meeting_date(rng)
    doc.year = day.year
    start, end = meeting_times(rng)
    venue = rng.choice((f"Mindpark {doc.municipality}", f"Stadshuset i {doc.municipality}",
                        f"Kommunhuset i {doc.municipality}", f"Dunkers kulturhus, {doc.municipality}",
                        f"sekretariatets lokaler i {doc.municipality}"))
    truth = base_truth(doc, "natverk", body, network, day, start, end, venue)

    chair_town, secretariat = rng.choice(members), f"{genitive(network)} sekretariat"
    people = {town: doc.person() for town in members}
    absent_towns = set(rng.sample(members, rng.randint(0, max(1, len(members) // 2))))
    absent_towns.discard(chair_town)
    secretary = doc.person()
    chair = people[chair_town]
    doc.present = [people[t] for t in members if t not in absent_towns] + [secretary]

    md_heading = rng.random() < 0.4
    lines = [f"# {body}" if md_heading else body, "",
             f"{doc.municipality} {day:%y%m%d}" if rng.random() < 0.6 else f"{doc.municipality}, {day.isoformat()}", "",
             f"{_ascii(secretary.first)}.{_ascii(secretary.last)}@{domain}".lower(), ""]
    if rng.random() < 0.6:
        lines += [f"Plats och tid: Mötet genomfördes den {day.day} {MONTHS[day.month - 1]} kl {dotted(start)}-{dotted(end)} på {venue}.", ""]
    else:
        lines += [f"Plats och tid: {venue}, {day.day} {MONTHS[day.month - 1]} {day.year}, kl. {dotted(start)}–{dotted(end)}", ""]
    lines += [rng.choice(("Närvarande tjänstemän:", "Närvarande:", "Deltagare:")), ""]
    for town in members:
        p = people[town]
        entry = f"{doc.named(p)}, {town}"
        doc.memberships.add((p.full, doc.org(municipality_org(town))))
        lines += [f"~~{entry}~~" if town in absent_towns else entry, ""]
    lines += [f"{doc.named(secretary)}, sekretariatet", ""]
    doc.memberships.add((secretary.full, doc.org(secretariat)))
    header_words = word_count("\n".join(lines))

    n_items = rng.randint(4, 12)
    inner = n_items - 2
    budget = item_budget(rng, max(1, inner), header_words)
    topics = pick_topics(rng, NETWORK_TOPICS, inner)
    used: set[str] = {"mötets öppnande samt incheckning", "övrigt"}
    start_min = _minutes(start)
    slots = sorted(rng.sample(range(start_min + 10, _minutes(end) - 5, 5), inner))
    opening = Item(Topic(("",), ()), rng.choice(("Mötets öppnande samt incheckning", "Mötets öppnande", "Incheckning")),
                    time=start)
    lines += [f"{dotted(start)} {opening.title}", ""]
    truth["agenda_items"].append(item_truth(opening))
    for topic, slot in zip(topics, slots):
        item = Item(topic, "", time=f"{slot // 60:02d}:{slot % 60:02d}")
        if "{pres_full}" in "".join(topic.sentences):
            item.presenters.append(secretary if rng.random() < 0.5 else rng.choice(doc.present))
        elif "{guest_intro}" in "".join(topic.sentences):
            item.presenters.append(doc.person())
        item.title = unique_title(doc, topic, item, used)
        fill_sentences(doc, item, budget, topic.sentences, NETWORK_GENERIC, 2 + budget // 40)
        untimed = rng.random() < 0.12 and len(truth["agenda_items"]) > 1
        if untimed:
            item.time = None
            lines += [item.title, ""]
        else:
            assert item.time is not None   # every item of a timed agenda has its time
            lines += [f"{dotted(item.time)} **{item.title}**", ""]
        lines += [" ".join(item.sentences), ""]
        for phrase in rng.sample(topic.decisions, rng.randint(0, min(2, len(topic.decisions)))):
            item.decisions.append(f"att {doc.fill(phrase, item)}.")
            lines += ["Beslut", "", item.decisions[-1], ""]
        if rng.random() < 0.15:
            lines += [body, ""]    # a page header left behind by the PDF export
        truth["agenda_items"].append(item_truth(item))
        truth["decisions"] += item.decisions
    closing = Item(Topic(("",), ()), "Övrigt", time=end)
    lines += [f"{dotted(end)} Övrigt", "", "", "", chair.full, "ordförande", "", "", "",
              secretary.full, rng.choice(("sekretariatschef", "sekreterare", "processledare"))]
    truth["agenda_items"].append(item_truth(closing))
    truth["attendees"] = [p.full for p in doc.present]
    truth["absentees"] = [people[t].full for t in members if t in absent_towns]
    truth["minute_takers_optional"] = [secretary.full]
    truth["chairs"] = [chair.full]
    return "\n".join(lines).rstrip() + "\n", truth


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _ascii(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "Å": "A", "Ä": "A",
                           "Ö": "O", "É": "E", " ": "", "-": "", "'": ""})
    return name.translate(table)


# --------------------------------------------------------------------------------------------
