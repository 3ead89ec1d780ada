"""Genre (b): a board's formal minutes (``Tid och plats``, ``Beslutande`` with party letters,
``Tjänstgörande ersättare``, ``Justerare``, ``§ 176 Dnr KS 2021/123``, ``att``-clauses, signatures;
each ``att``-clause on its own line counts as one decision in the truth).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from .document import Doc, Item
from .material import BOARD_GENERIC, BOARD_TOPICS, BOARDS, PARTIES, ROLES, ROOMS, municipality_org
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


def protokoll(doc: Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    body, dnr, self_name = rng.choice(BOARDS)
    kommun_org = doc.org(municipality_org(doc.municipality))
    doc.org(body)
    day = meeting_date(rng)
    doc.year = day.year
    start, end = meeting_times(rng)
    house = rng.choice(("Stadshuset", "Kommunhuset", "Rådhuset", "Kommunhuset"))
    room = f"{house}, {rng.choice(('sammanträdesrum', 'sal', 'rum'))} {rng.choice(ROOMS)}"
    trailing = " " if rng.random() < 0.2 else ""

    members = [doc.person() for _ in range(rng.randint(5, 11))]
    parties = {p.full: rng.choice(PARTIES) for p in members}
    substitutes = [(doc.person(), doc.person()) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
    for sub, absent in substitutes:
        parties[sub.full] = parties[absent.full] = rng.choice(PARTIES)
    officials = [doc.person() for _ in range(rng.randint(2, 4))]
    official_roles = ["sekreterare"] + rng.sample(ROLES, len(officials) - 1)
    secretary = officials[0]
    chair, adjuster = members[0], members[rng.randint(1, len(members) - 1)]
    doc.present = members + [s for s, _ in substitutes] + officials
    truth = base_truth(doc, "protokoll", body, kommun_org, day, start, end, room)

    first_paragraph = rng.randint(1, 380)
    n_items = rng.randint(3, 12)
    last_paragraph = first_paragraph + n_items - 1

    lines = [kommun_org.upper() if rng.random() < 0.5 else kommun_org, "",
             rng.choice(("PROTOKOLL", "SAMMANTRÄDESPROTOKOLL", "Protokoll")), body, ""]
    if rng.random() < 0.5:
        lines += [f"Sammanträdesdatum {day.isoformat()}", ""]
        lines += ["Tid och plats", f"{room}, kl. {dotted(start)}–{dotted(end)}", ""]
    else:
        lines += ["Tid och plats",
                  f"{room}, {long_date(day, rng, weekday=True).lower()} kl. {dotted(start)}–{dotted(end)}", ""]
    lines.append("Beslutande")
    for i, p in enumerate(members):
        role = "ordförande" if i == 0 else ("vice ordförande" if i == 1 else "")
        sep = rng.choice((" ", ", ")) if role else ""
        lines.append(f"{doc.named(p)} ({parties[p.full]}){sep}{role}".rstrip())
    lines.append("")
    if substitutes:
        lines.append("Tjänstgörande ersättare")
        for sub, absent in substitutes:
            lines.append(f"{doc.named(sub)} ({parties[sub.full]}) för {doc.named(absent)} ({parties[absent.full]})")
        lines.append("")
    lines.append("Övriga närvarande")
    for p, role in zip(officials, official_roles):
        lines.append(f"{doc.named(p)}, {role}")
    lines += ["", "Justerare", adjuster.full, "",
              "Justeringens plats och tid", f"{house} {(day + _dt.timedelta(days=rng.randint(2, 8))).isoformat()}", "",
              f"Paragrafer § {first_paragraph}–{last_paragraph}", ""]
    signature = ["Underskrifter", "", "Sekreterare ........................................", secretary.full, "",
                 "Ordförande ........................................", chair.full, "",
                 "Justerare ........................................", adjuster.full, ""]
    sign_at_end = rng.random() < 0.4
    if not sign_at_end:
        lines += signature
    header_words = word_count("\n".join(lines))

    budget = item_budget(rng, n_items, header_words)
    topics = pick_topics(rng, BOARD_TOPICS, n_items)
    used: set[str] = set()
    one_line_heading = rng.random() < 0.5
    for n, topic in enumerate(topics):
        item = Item(topic, "", ordinal=first_paragraph + n)
        if n == 0 and rng.random() < 0.6:
            item.title = "Val av justerare"
            item.decisions.append(f"att utse {adjuster.full} att jämte ordföranden justera protokollet.")
            used.add(item.title.lower())
        else:
            if rng.random() < 0.5:
                item.presenters.append(rng.choice(officials[1:]))
            item.title = unique_title(doc, topic, item, used)
            item.identifier = f"Dnr {dnr} {day.year if rng.random() < 0.6 else day.year - 1}/{rng.randint(10, 999)}"
            fill_sentences(doc, item, budget, topic.sentences, BOARD_GENERIC, 1 + budget // 80)
            clauses = [doc.fill(c, item) for c in rng.sample(topic.decisions, rng.randint(1, min(3, len(topic.decisions))))]
            # One decision per att-clause, each on its own line, as the graph records them.
            item.decisions += [f"att {c}" + ("." if k == len(clauses) - 1 else ",") for k, c in enumerate(clauses)]
        heading = f"§ {item.ordinal}"
        if item.identifier and one_line_heading:
            lines += [f"{heading} {item.identifier} {item.title}"]
        elif item.identifier:
            lines += [f"{heading}\t{item.identifier}", item.title]
        else:
            lines += [f"{heading} {item.title}"]
        lines.append("")
        if item.sentences:
            lines += [rng.choice(("Ärendebeskrivning", "Sammanfattning", "Bakgrund")), " ".join(item.sentences), ""]
        if item.presenters:
            p = item.presenters[0]
            role = official_roles[officials.index(p)]
            lines += [rng.choice((f"Föredragande: {p.full}, {role}", f"{role.capitalize()} {p.full} föredrar ärendet.")), ""]
        if topic.bullets and item.identifier:
            lines += ["Beslutsunderlag"] + [f"- {doc.fill(b, item)}" for b in topic.bullets[:2]] + [""]
        if item.identifier and rng.random() < 0.3:
            yrkande = rng.choice(members[1:])
            lines += ["Yrkanden", f"{doc.named(yrkande)} ({parties[yrkande.full]}) yrkar bifall till förvaltningens förslag.", ""]
        lines += [rng.choice(("Beslut", f"{self_name}s beslut" if not self_name.endswith("en") else "Beslut")),
                  f"{self_name} beslutar", "", *item.decisions, ""]
        if item.identifier and rng.random() < 0.5:
            lines += ["Beslutet skickas till", doc.fill("{Org}", item), ""]
        truth["agenda_items"].append(item_truth(item))
        truth["decisions"] += item.decisions
    if sign_at_end:
        lines += [""] + signature
    truth["attendees"] = [p.full for p in doc.present]
    truth["absentees"] = [a.full for _, a in substitutes]
    truth["minute_takers"] = [secretary.full]
    truth["chairs"] = [chair.full]
    truth["adjusters"] = [adjuster.full]
    truth["parties"] = dict(sorted(parties.items()))
    truth["roles"] = {chair.full: "ordförande", members[1].full: "vice ordförande",
                      **{p.full: r for p, r in zip(officials, official_roles)}}
    text = "\n".join(line + trailing if line else line for line in lines).rstrip() + "\n"
    return text, truth


# --------------------------------------------------------------------------------------------
