"""Signatures at the foot of minutes with their captions under the names (no heading over them),
runs of three labels followed by their names, and a label followed by two names run together:
on snippets of a förening's styrelseprotokoll and of nämnd protokoll (invented names)."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    return segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))


def names(refs):
    return sorted(r.name for r in refs)


FORENING_FOOT = """Protokoll styrelsemöte 2021-03-14

Närvarande: Ola Brandt, Stina Vallin, Per Åkerlind, Lena Sjödal

1. Mötet öppnas
Ordförande Ola Brandt öppnade mötet

2. Val av justeringsperson
Beslut: Per Åkerlind

 Ola Brandt
Ordförande

Lena Sjödal
Sekreterare

Per Åkerlind
Justeringsperson
"""


def test_foot_captions_under_names_give_each_name_its_caption():
    m = seg(FORENING_FOOT)
    assert names(m.chairs) == ["Ola Brandt"]
    assert names(m.minute_takers) == ["Lena Sjödal"]
    assert names(m.adjusters) == ["Per Åkerlind"]


BYALAG_FOOT = """Minnesanteckningar från byalagets möte 2022-08-02

Närvarande: Gun Fröjd, Tor Ekwall, Maja Lindeberg

1. Vägen
Tor Ekwall redogjorde för vägens skick.

Gun Fröjd
Ordförande

Maja Lindeberg
Sekreterare
"""


def test_foot_captions_in_notes_of_another_genre():
    m = seg(BYALAG_FOOT)
    assert names(m.chairs) == ["Gun Fröjd"]
    assert names(m.minute_takers) == ["Maja Lindeberg"]


LABELS_OVER_NAMES = """Sekreterare

Lena Sjödal

Ordförande

Ola Brandt
"""


def test_labels_over_their_names_are_no_foot_captions():
    # the run begins with a label and ends with a name: each label heads the name under it
    m = seg("Protokoll styrelsemöte 2021-03-14\n\nNärvarande: Ola Brandt, Lena Sjödal\n\n1. Mötet öppnas\n\n"
            + LABELS_OVER_NAMES)
    assert names(m.chairs) == ["Ola Brandt"]
    assert names(m.minute_takers) == ["Lena Sjödal"]


def test_a_single_pair_at_the_foot_gives_no_role_by_this_rule():
    text = "Protokoll styrelsemöte 2021-03-14\n\n1. Mötet öppnas\nMötet öppnades.\n\nTor Ekwall\nJusteringsperson\n"
    m = seg(text)
    assert names(m.adjusters) in ([], ["Tor Ekwall"])   # one pair: the rule needs two pairs at least
    assert names(m.chairs) == []


NAMND_LABEL_RUN = (
    "PROTOKOLL Tekniska nämnden\n\n"
    "Plats och tid Kommunhuset, kl 18.00 Beslutande Jonas Berglöf (S), ordförande Kajsa Vidén (M) Elin Holt (C) "
    "Övriga närvarande Rut Sandell, nämndsekreterare Justeringens plats och tid Tekniska kontoret "
    "Sekreterare Ordförande Justerare Rut Sandell Jonas Berglöf Elin Holt ANSLAG/BEVIS Protokollet är justerat.\n"
)


def test_three_labels_in_a_row_then_as_many_names():
    m = seg(NAMND_LABEL_RUN)
    assert names(m.minute_takers) == ["Rut Sandell"]
    assert "Jonas Berglöf" in names(m.chairs)
    assert names(m.adjusters) == ["Elin Holt"]


NAMND_DOTTED = (
    "SAMMANTRÄDESPROTOKOLL Miljö- och byggnadsnämnden\n\n"
    "Plats och tid Kommunhuset, kl 13.00 Beslutande Lars Fyhr (S) Eva Brunn (M) Utses att justera Eva Brunn "
    "Underskrifter Paragrafer 1-8 Sekreterare Ordförande Justerande.. Pia Rask. Lars Fyhr. Eva Brunn "
    "ANSLAG/BEVIS Protokollet är justerat.\n"
)


def test_labels_then_names_parted_by_full_stops():
    m = seg(NAMND_DOTTED)
    assert names(m.minute_takers) == ["Pia Rask"]
    assert names(m.chairs) == ["Lars Fyhr"]
    assert names(m.adjusters) == ["Eva Brunn"]


def test_two_labels_then_three_names_give_no_run_roles():
    text = ("PROTOKOLL Tekniska nämnden\n\nBeslutande Jonas Berglöf (S) Kajsa Vidén (M)\n\n"
            "Sekreterare Ordförande Rut Sandell Jonas Berglöf Kajsa Vidén Anders Moe\n")
    m = seg(text)
    assert "Anders Moe" not in names(m.chairs) + names(m.minute_takers)


def test_a_label_then_two_names_run_together_gives_the_first_only():
    text = ("PROTOKOLL Miljönämnden\n\nPlats och tid Kommunförvaltningen, kl 09.00 Beslutande Birk Lodén (S), "
            "ordförande Ann Fält (M) Utses att justera Ann Fält Underskrifter Sekreterare Paragrafer 83-95 "
            "Mona Stål Ordförande Birk Lodén Ann Fält ANSLAG/BEVIS Protokollet är justerat.\n")
    m = seg(text)
    assert names(m.chairs) == ["Birk Lodén"]
    assert "Ann Fält" not in names(m.chairs)
    assert all(len(r.name.split()) == 2 for r in m.chairs)
