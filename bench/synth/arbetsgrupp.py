"""Genre (d): a working group's notes with unnumbered headings and running text.
"""
from __future__ import annotations

from typing import Any

from .document import Doc, Item
from .material import (
    EXTERNAL,
    GENERIC_SENTENCES,
    MANAGEMENT_TOPICS,
    UNITS,
    WORKGROUP_DECISIONS,
    WORKGROUP_TOPICS,
    WORKGROUPS,
)
from .pieces import (
    base_truth,
    fill_sentences,
    item_budget,
    item_truth,
    long_date,
    meeting_date,
    pick_topics,
    unique_title,
    word_count,
)


def arbetsgrupp(doc: Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    body = rng.choice(WORKGROUPS)
    doc.org(body)
    day = meeting_date(rng)
    doc.year = day.year
    present = [doc.person() for _ in range(rng.randint(4, 12))]
    doc.present = present
    secretary = rng.choice(present)
    truth = base_truth(doc, "arbetsgrupp", body, None, day, None, None, None)
    style = rng.random()
    if style < 0.5:
        lines = ["", "", f"{body} {long_date(day, rng, weekday=False)}", "", "Närvarande", ""]
        for p in present:
            lines.append(doc.named(p) + (" (antecknar)" if p is secretary else ""))
    else:
        lines = [body, "", f"Datum: {day.isoformat()}", "",
                 "Närvarande: " + ", ".join(doc.named(p) + (" (antecknar)" if p is secretary else "") for p in present)]
    lines.append("")
    header_words = word_count("\n".join(lines))
    n_items = rng.randint(3, 12)
    budget = item_budget(rng, n_items, header_words)
    topics = pick_topics(rng, WORKGROUP_TOPICS + MANAGEMENT_TOPICS[:4], n_items)
    used: set[str] = set()
    mark = rng.choice(("-", "•", "*"))
    intros = ("{full} informerar om nuläget.", "{full} redogör för bakgrunden till frågan.",
              "{full} berättar om hur arbetet har gått sedan förra mötet.")
    for topic in topics:
        item = Item(topic, "")
        joined = "".join(topic.sentences)
        intro = None
        if "{pres_full}" in joined:
            item.presenters.append(rng.choice(present))
        elif "{guest_intro}" in joined:
            item.presenters.append(doc.person())
            item.guest_org = rng.choice(EXTERNAL[5:] + UNITS[:3])
        elif rng.random() < 0.4:
            item.presenters.append(rng.choice(present))
            intro = rng.choice(intros).replace("{full}", doc.named(item.presenters[0]))
        item.title = unique_title(doc, topic, item, used)
        fill_sentences(doc, item, budget, topic.sentences, GENERIC_SENTENCES, 2 + budget // 50)
        if intro:
            item.sentences.insert(0, intro)
        lines += [item.title, ""]
        lines += [" ".join(p) for p in [item.sentences[:3], item.sentences[3:]] if p]
        lines.append("")
        if topic.bullets:
            for b in rng.sample(topic.bullets, rng.randint(1, len(topic.bullets))):
                b = doc.fill(b, item)
                lines.append(f"{mark} {b}")
                if b.startswith("Vi bokar") or b.startswith("Nästa möte"):
                    truth["decisions_optional"].append(b)
            lines.append("")
        if rng.random() < 0.2:
            phrase = doc.fill(rng.choice(topic.decisions or WORKGROUP_DECISIONS), item)
            decision = f"Gruppen beslutar att {phrase}."
            if decision not in truth["decisions"]:
                item.decisions.append(decision)
                lines += [f"Beslut: {decision}", ""]
        truth["agenda_items"].append(item_truth(item))
        truth["decisions"] += item.decisions
    truth["attendees"] = [p.full for p in present]
    truth["minute_takers"] = [secretary.full]
    return "\n".join(lines).rstrip() + "\n", truth


# --------------------------------------------------------------------------------------------
