"""A proposal the meeting approved, said in the past tense ("Förslag till verksamhetsplan
godkändes och lades till handlingarna"), is a decision; the text of a proposal ("Förslag till
beslut: motionen bifalls") is not. On snippets of a förening's styrelseprotokoll and of a
pensionärsråd's notes (invented names)."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment
from kg.segment.decision_cues import decision_start
from kg.segment.page import fold


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


FORENING = """Protokoll styrelsemöte 2021-04-20

Närvarande: Rolf Ahlin, Sara Myrén, Kent Lövgren

1. Mötet öppnas
Ordförande Rolf Ahlin öppnade mötet

2. Godkännande av verksamhetsplan 2021
Förslag till verksamhetsplan godkändes och lades till handlingarna

3. Godkännande av budget 2021
Förslaget till budget antogs.
"""


def test_an_approved_proposal_in_association_minutes_is_a_decision():
    m = seg(FORENING)
    by_title = {it.title: it for it in m.items}
    assert [d.text for d in by_title["Godkännande av verksamhetsplan 2021"].decisions] == [
        "Förslag till verksamhetsplan godkändes och lades till handlingarna"]
    assert len(by_title["Godkännande av budget 2021"].decisions) == 1


RAD = """Minnesanteckningar kommunala pensionärsrådet 2022-09-12

Närvarande: Britt Olsén, Gösta Wiklander, Eva Sten

§ 4 Äldreplan
Förslag till yttrande över äldreplanen fastställdes.
"""


def test_an_approved_proposal_in_council_notes_is_a_decision():
    m = seg(RAD)
    assert [d.text for d in m.items[0].decisions] == ["Förslag till yttrande över äldreplanen fastställdes."]


def test_the_text_of_a_proposal_is_no_decision():
    assert decision_start(fold("Förslag till beslut: motionen bifalls")) is None
    assert decision_start(fold("Förslag till beslut godkänns")) is None   # present tense: the proposal's own words
    assert decision_start(fold("Kommunstyrelsen föreslår att motionen bifalls")) is None
    assert decision_start(fold("Lisa Ek yrkar bifall till förslaget som bifölls")) is None
