"""Chairs, minute takers, justerare and the meeting's place, on snippets of formal protokoll and working notes."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import segment


def seg(text: str):
    m = segment(Document(identifier="t", path="t", text=text, media_type="text/plain", sha256="0"))
    for p in (*m.chairs, *m.minute_takers, *m.adjusters):
        assert text[p.span.start:p.span.end] == p.span.text
    if m.location:
        assert text[m.location.start:m.location.end] == m.location.text
    return m


def names(refs):
    return sorted(r.name for r in refs)


PROTOKOLL = """Tierps kommun
Bygg- och miljönämnden

Plats och tid   Kommunhuset i Tierp, Tierpssalen, torsdagen den 17 september 2015 kl. 13:00-16:45

Beslutande      Bengt Nordin (S)
                Anders Wiberg (C)

Underskrifter   Sekreterare    _____________________________      Paragrafer 110-119
                               Louise Dahl

                Ordförande     _____________________________
                               Bengt Nordin

                Justerande     _____________________________
                               Anders Wiberg

§ 110 Val av justerare
"""

NOTES = """Minnesanteckningar
Ledningsgrupp socialförvaltningen

Torsdag 17 november 2016 kl. 09.30–15.00
Länsstyrelsen, sammanträdesrum Oviken, Östersund

Närvarande
Linda Berg, Östersund
Karl Ek, Berg

1. Inledning
Mötet leddes av Karl Ek. Anteckningarna från förra mötet godkändes.

/Linda
"""


@pytest.mark.parametrize("text, chairs, takers, adjusters", [
    (PROTOKOLL, ["Bengt Nordin"], ["Louise Dahl"], ["Anders Wiberg"]),
    (NOTES, ["Karl Ek"], ["Linda Berg"], []),
    # columns under a justering line, with the chair among the signers
    ("Protokoll\n\n1. Beslut\nText.\n\nVid protokollet                 Justeras\nTherese Axelsson                 Lena Sandberg        Kerstin Hedman\n\n"
     "Närvarande: Lena Sandberg (ordförande), Kerstin Hedman\n", ["Lena Sandberg"], ["Therese Axelsson"], ["Kerstin Hedman"]),
    # captions in lower case under the names
    ("Protokoll\n\nJusteras\n\nBertil Lind                    Gunilla Wester\nordförande                     justerare\n",
     ["Bertil Lind"], [], ["Gunilla Wester"]),
    # a signature block flattened to one line
    ("1 KOMMUN SAMMANTRÄDESPROTOKOLL Nämnden Underskrifter Sekreterare Paragrafer Camilla Rask Ordförande Leif Hedlund Justerande Karin Sahlin ANSLAG/BEVIS",
     ["Leif Hedlund"], ["Camilla Rask"], ["Karin Sahlin"]),
    # labels with the name after them
    ("Anteckningar\n\n**Antecknat av:** Lisa Holm\nUtses att justera Margit Stahl\n", [], ["Lisa Holm"], ["Margit Stahl"]),
])
def test_signature_blocks_and_labels(text, chairs, takers, adjusters):
    m = seg(text)
    assert names(m.chairs) == chairs
    assert names(m.minute_takers) == takers
    assert names(m.adjusters) == adjusters


@pytest.mark.parametrize("line, role, name", [
    ("Cecilia Nordqvist, utbildningsdirektör (ordförande)", "chair", "Cecilia Nordqvist"),
    ("Sara Almqvist, HR-specialist (sekreterare)", "minute_taker", "Sara Almqvist"),
    ("Region Dalarna – Lena Sandberg, divisionschef psykiatri (ordförande)", "chair", "Lena Sandberg"),
    ("Carina Vik (CV), badchef Hälsans Hus – sekreterare", "minute_taker", "Carina Vik"),
    ("- @Hanna Lindroth (Sandvikens kommun, medborgarservice) – antecknar", "minute_taker", "Hanna Lindroth"),
    ("Karl-Gustav Lindh (s) ordf       Bengt Sjögren, miljöchef", "chair", "Karl-Gustav Lindh"),
])
def test_role_in_a_list_entry(line, role, name):
    m = seg(f"Protokoll\n\nÖvriga\n{line}\n\n1. Ärende\nText.\n")
    got = {"chair": m.chairs, "minute_taker": m.minute_takers}[role]
    assert name in names(got)


@pytest.mark.parametrize("line", [
    "Anna-Karin Rönnqvist (S), vice ordförande",
    "Gösta Mellqvist, PRO Ystad, 1:e vice ordförande",
    "Ulf Ahlin, Region Jämtland (sammankallande)",
    "Kjell Åhman, fritidschef – projektledare",
    "Förhinder anmäls till sekreteraren senast 1 oktober.",
])
def test_no_chair_without_the_role_word(line):
    m = seg(f"Protokoll\n\n{line}\n\n1. Ärende\nText.\n")
    assert not m.chairs and not m.minute_takers


@pytest.mark.parametrize("sentence, role, name", [
    ("Mötet öppnades av ordförande Anna Ek som hälsade alla välkomna.", "chair", "Anna Ek"),
    ("Ordföranden Lena Sandberg hälsade välkommen och förklarade mötet öppnat.", "chair", "Lena Sandberg"),
    ("Mötet leddes av Magnus Holmström, Piteå, nätverkets ordförande.", "chair", "Magnus Holmström"),
    ("Ordet fördes av alla. Per Olsson förde anteckningarna.", "minute_taker", "Per Olsson"),
    ("Till justerare valdes Marianne Kock.", "adjuster", "Marianne Kock"),
    ("Nämnden beslutar att utse Cecilia Hallin (L) att jämte ordföranden justera protokollet.", "adjuster", "Cecilia Hallin"),
])
def test_roles_stated_in_sentences(sentence, role, name):
    m = seg(f"Minnesanteckningar\n\n1. Inledning\n{sentence}\n")
    got = {"chair": m.chairs, "minute_taker": m.minute_takers, "adjuster": m.adjusters}[role]
    assert names(got) == [name]


@pytest.mark.parametrize("header, place", [
    ("Plats och tid   Kommunhuset i Tierp, Tierpssalen, torsdagen den 17 september 2015 kl. 13:00-16:45",
     "Kommunhuset i Tierp, Tierpssalen"),
    ("Tid och plats           Tisdagen den 8 november 2016, kl. 08:30–11:45\n                        Stadshuset, rum Alnö",
     "Stadshuset, rum Alnö"),
    ("Tid: 08.30-10.00   Plats: Stadshuset, sammanträdesrum Mösseberg", "Stadshuset, sammanträdesrum Mösseberg"),
    ("Mötesdatum: 28 april 2022, 09.00–12.00\nMötesform: digitalt via Zoom", "digitalt via Zoom"),
    ("Datum: 2020-03-23, kl. 08.15\nPlats: Digitalt via Skype. Två deltog på plats i Stadshuset.", "Digitalt via Skype"),
    ("Plats: Teams (två i Stadshuset, rum Bäveån)\nDatum: 2021-05-04", "Teams"),
    ("Torsdag 17 november 2016 kl. 09.30–15.00\nLänsstyrelsen, sammanträdesrum Oviken, Östersund",
     "Länsstyrelsen, sammanträdesrum Oviken, Östersund"),
    ("📅 2 oktober 2024 · 10:00–11:30 · Teams", "Teams"),
    ("Protokoll fört vid styrelsemöte torsdagen den 11 mars 2004 kl 19.00 i bygdegården, Norrbäcken.",
     "bygdegården, Norrbäcken"),
    ("Regionstyrelsen sammanträdde måndagen den 13 juni 2022 i Landstingshuset i Falun. Här följer ett urval.",
     "Landstingshuset i Falun"),
])
def test_meeting_place(header, place):
    m = seg(f"Protokoll\n{header}\n\nNärvarande: Anna Ek, Per Olsson\n\n1. Ärende\nText.\n")
    assert m.location is not None and m.location.text == place


def test_next_meeting_is_not_the_place():
    m = seg("Minnesanteckningar\n2021-05-04\n\n1. Ärende\nText.\n\nNästa möte: onsdag 24 oktober kl. 08.30, Mösseberg\n")
    assert m.location is None


@pytest.mark.parametrize("sentence, chairs, takers, adjusters", [
    # a förening's board: the officers chosen at the meeting, two justerare joined by "och"
    ("Val av mötesfunktionärer. Ebba Strand valdes enhälligt till mötesordförande. Olof Brink valdes "
     "enhälligt till sekreterare. Greta Holm och Nils Wiberg valdes till justerare.",
     ["Ebba Strand"], ["Olof Brink"], ["Greta Holm", "Nils Wiberg"]),
    # a network's steering group notes
    ("2. Sekreterare Till sekreterare utsågs Maja Lindqvist. 3. Justerare Per-Olof Dahl utsågs att "
     "justera dagens protokoll.", [], ["Maja Lindqvist"], ["Per-Olof Dahl"]),
    # a nämnd's formalia paragraph
    ("Ordföranden öppnade sammanträdet. Sven Åkesson utsågs att tillsammans med ordföranden justera "
     "dagens protokoll.", [], [], ["Sven Åkesson"]),
])
def test_officers_chosen_at_the_meeting(sentence, chairs, takers, adjusters):
    m = seg(f"Protokoll\n\n1. Mötets öppnande\n{sentence}\n")
    assert names(m.chairs) == chairs
    assert names(m.minute_takers) == takers
    assert names(m.adjusters) == adjusters


@pytest.mark.parametrize("sentence, chairs, takers", [
    # a trotting club's årsmöte, two sentences run together without a full stop
    ("2. Val av ordförande och sekreterare för årsmötet Till ordförande för årsmötet valdes Björn Sjöström Till "
     "sekreterare för årsmötet valdes Pernilla Danielsson.", ["Björn Sjöström"], ["Pernilla Danielsson"]),
    # a road association's stämma
    ("Anna Lund valdes till ordförande för stämman. Graham Ek valdes till sekreterare för stämman.",
     ["Anna Lund"], ["Graham Ek"]),
    # a förening's stämma and the meeting's secretary
    ("Till ordförande för årsstämman valdes Anna Lund. Per Ek valdes till mötets sekreterare.", ["Anna Lund"], ["Per Ek"]),
    # a board's constituting meeting: the association's chair, not the meeting's
    ("Karin Åberg valdes till ordförande för verksamhetsåret 2024.", [], []),
])
def test_the_chair_and_secretary_of_an_annual_meeting(sentence, chairs, takers):
    m = seg(f"Protokoll årsmöte 2023-04-20\n\n1. Mötets öppnande\n{sentence}\n")
    assert names(m.chairs) == chairs
    assert names(m.minute_takers) == takers


@pytest.mark.parametrize("sentence", [
    # a role in another body is no officer of this meeting
    "Vid konstituerande möte valdes Karin Åberg till sekreterare i styrelsen för år 2024.",
    # a label of a flattened cover page after the list before it is no sentence
    "Övriga deltagande Agnes Berg Närvarorätt Utses att justera Nämnden beslutar att medge närvarorätt.",
])
def test_no_officer_from_other_bodies_or_labels(sentence):
    m = seg(f"Protokoll\n\n1. Val\n{sentence}\n")
    assert not m.minute_takers and not m.adjusters


@pytest.mark.parametrize("text, chairs, takers, adjusters", [
    # a kommunstyrelse: the labels first, then the names in the same order
    ("1 KOMMUNSTYRELSEN Sida 1(12) Plats och tid Rådhuset kl. 09:00-11:30 Justering Justerande Ulla Berg (C) "
     "Underskrifter Sekreterare Ordförande Justerande Hanna Sundqvist Erik Lövgren (S) Ulla Berg (C) Utdragsbestyrkande",
     ["Erik Lövgren"], ["Hanna Sundqvist"], ["Ulla Berg"]),
    # a förbund's board: dotted signature lines between label and name
    ("1 (9) Plats och tid Förbundshuset Underskrifter Sekreterare.... Karin Wall Ordförande.... Anders Brink (M) "
     "Justerande.... Lisa Ek (S) Protokollet är justerat.",
     ["Anders Brink"], ["Karin Wall"], ["Lisa Ek"]),
])
def test_flattened_signature_blocks(text, chairs, takers, adjusters):
    m = seg(text)
    assert names(m.chairs) == chairs
    assert names(m.minute_takers) == takers
    assert names(m.adjusters) == adjusters


def test_flattened_label_run_with_more_names_than_labels_is_left_alone():
    # four names for three labels: which is whose is not stated
    m = seg("1 (8) Underskrifter Sekreterare Ordförande Justerande Eva Holm Nils Berg Karin Ström (c) Eva Holm (s) Paragrafer")
    assert not m.chairs and not m.minute_takers


@pytest.mark.parametrize("text, chairs, takers", [
    # a nämnd's cover page: the signature row flattened into one line, each label with its name
    ("Plats och tid Stadshuset kl 09:00-12:00\nUnderskrifter\nSekreterare Lovisa Henriksson Ordföranden Göran Strand (S)\n"
     "Olof Bengtsson (M)\n§ 1 Val av justerare\n", ["Göran Strand"], ["Lovisa Henriksson"]),
    # a förening's styrelse: label, name, label, name on a line of its own
    ("Protokoll styrelsemöte 2021-03-02\nSekreterare Karin Wikström Ordförande Tobias Falk\n1. Mötets öppnande\n",
     ["Tobias Falk"], ["Karin Wikström"]),
])
def test_signature_labels_and_names_on_one_line(text, chairs, takers):
    m = seg(text)
    assert names(m.chairs) == chairs
    assert names(m.minute_takers) == takers
    assert chairs[0] not in names(m.minute_takers)


@pytest.mark.parametrize("text, chair, taker, adjuster", [
    # a kommun's utskott: the names of the signature row, then its captions
    ("Justerare: Maja Lindqvist Helena Strömberg Oskar Nyberg Maja Lindqvist Sekreterare Ordförande Justerare\n"
     "§ 1 Ekonomisk uppföljning\n", "Oskar Nyberg", "Helena Strömberg", "Maja Lindqvist"),
    # a förening's board minutes
    ("Protokoll årsmöte\nAnders Holm Lena Sjöberg Sekreterare Ordförande\n1. Mötets öppnande\n",
     "Lena Sjöberg", "Anders Holm", None),
])
def test_names_then_their_captions(text, chair, taker, adjuster):
    m = seg(text)
    assert names(m.chairs) == [chair]
    assert names(m.minute_takers) == [taker]
    assert names(m.adjusters) == ([adjuster] if adjuster else [])


def test_names_then_captions_left_alone_when_the_counts_differ():
    m = seg("Protokoll\nAnders Holm Lena Sjöberg Petra Ek Sekreterare Ordförande\n1. Mötets öppnande\n")
    assert not m.chairs and not m.minute_takers


@pytest.mark.parametrize("text, attendees", [
    # a socialutskott: the role column beside the members, read one line off by the PDF reader
    ("Ledamöter Kerstin Holm (m)\nOrdförande Anneli Roos (s)\nVice ordförande\nJohan Ek (c)\nMarkus Berg (fp)\n"
     "§ 1 Ekonomi\n", ["Anneli Roos", "Johan Ek", "Kerstin Holm", "Markus Berg"]),
    # a styrgrupp's notes
    ("Närvarande Eva Lund\nOrdförande Per Strand\n2:e vice ordförande\nLisa Berg\n\n1. Inledning\n",
     ["Eva Lund", "Per Strand"]),
])
def test_role_column_read_beside_other_names_gives_no_role(text, attendees):
    m = seg(text)
    assert not m.chairs
    assert set(attendees) <= set(names(m.attendees))


def test_one_chair_under_its_label_and_the_list_goes_on():
    # the lines under "Ordförande Name" are the members' column, not more chairs
    m = seg("Ledamöter Kerstin Holm (m)\nOrdförande Anneli Roos (s)\nJohan Ek (c)\nMarkus Berg (fp)\n\n§ 1 Ekonomi\n")
    assert names(m.chairs) == ["Anneli Roos"]
    assert {"Johan Ek", "Markus Berg"} <= set(names(m.attendees))
