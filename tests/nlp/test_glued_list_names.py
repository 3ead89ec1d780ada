"""Names of a list that a flattened PDF glued together without commas (kg/nlp/ PersonFinder):
a run of four capitalised name words is two persons only where the text says so, precision
first. Snippets of several genres: flattened council protokoll, network notes, board minutes."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.models import Document, Minutes


def persons(text: str) -> set[str]:
    doc = Document(identifier="snippet.txt", path="snippet.txt", text=text, media_type="text/plain", sha256="0")
    return {m.name for m in extract(Minutes(document=doc)).mentions if m.kind == "person"}


@pytest.mark.parametrize(
    "text, pair",
    [
        # a listed given name that is also a surname ("Thomas") opens the next name before a surname
        ("Protokoll styrelsemöte Närvarande Leila Hamadi, ordförande Henrik Sandvall Thomas Borglund "
         "Nils Holmgren per telefon", ("Henrik Sandvall", "Thomas Borglund")),
        ("1 KOMMUNFULLMÄKTIGE Sida 1(12) Närvarande ersättare Agneta Frost Sofia Ruud Per-Erik Holmgren "
         "Justerare Jonas Nilsson", ("Sofia Ruud", "Per-Erik Holmgren")),
        # after a listed surname, an unlisted given name and a surname close the list
        ("1 KOMMUNFULLMÄKTIGE Sida 1(12) Plats och tid Stadshuset kl 18.00 Närvarande ersättare Jonas Nilsson "
         "Gheorghe Petrescu Agneta Frost Justerare Sofia Bergman", ("Jonas Nilsson", "Gheorghe Petrescu")),
        ("Minnesanteckningar nätverket 12 maj Närvarande Leila Hamadi, ordförande Sofia Bergman Oluwaseun Okafor",
         ("Sofia Bergman", "Oluwaseun Okafor")),
    ],
)
def test_a_glued_list_name_splits_where_the_words_say_so(text, pair):
    found = persons(text)
    assert set(pair) <= found
    assert " ".join(pair) not in found


@pytest.mark.parametrize(
    "text",
    [
        # network notes: the document names the first pair alone
        "Minnesanteckningar nätverket 12 maj Närvarande Leila Hamadi, ordförande Birgitta Vrethem Hanna Ruud "
        "Nils Holmgren per telefon\n3. Justerare Till justerare utsågs Birgitta Vrethem.",
        # flattened board protokoll
        "Styrelseprotokoll Beslutande Nils Holmgren (S) ordförande Birgitta Vrethem Wieslawa Dobrowolski "
        "Justering Protokollet justeras av Birgitta Vrethem.",
    ],
)
def test_a_first_pair_the_document_names_alone_is_a_person_of_its_own(text):
    found = persons(text)
    assert "Birgitta Vrethem" in found
    assert not any(name.startswith("Birgitta Vrethem ") for name in found)


@pytest.mark.parametrize(
    "text, name",
    [
        # a double surname stays one name
        ("Sammanträdesprotokoll Socialnämnden Beslutande Anna Lindqvist Brandt (S) ordförande Karin Holm (M)",
         "Anna Lindqvist Brandt"),
        ("Minnesanteckningar Övriga Maria Sandberg Lind, socialchef, informerade om budgeten.", "Maria Sandberg Lind"),
        # a surname that is also a given name closes a name at the end of the run
        ("Protokoll Närvarande Eva Holmgren Martin, sekreterare", "Eva Holmgren Martin"),
    ],
)
def test_one_name_of_three_words_stays_whole(text, name):
    assert name in persons(text)


def test_no_split_without_support():
    """Neither word of the pair is known and the document does not name either person alone:
    the rule does not guess where the second name starts."""
    text = ("Sammanträdesprotokoll Socialnämnden Närvarande ersättare Elin Strömvik Wieslawa Dobrowolski "
            "Maria Sandberg Lind")
    found = persons(text)
    assert "Elin Strömvik" not in found and "Wieslawa Dobrowolski" not in found


@pytest.mark.parametrize(
    "text, name",
    [
        # network notes and board minutes: a middle initial cuts the run; the surname before it
        # belongs to the name before the initial
        ("Minnesanteckningar Närvarande Sofia B Bergman Eva-Lena Strömvik, ordförande", "Eva-Lena Strömvik"),
        ("Protokoll styrelsemöte Närvarande Nils P Lindqvist Marie-Louise Ekdahl Åsa Berg", "Marie-Louise Ekdahl"),
    ],
)
def test_a_surname_before_a_given_name_and_a_surname_ends_the_name_before(text, name):
    found = persons(text)
    assert name in found
    assert not any(n != name and name.split()[0] in n.split() for n in found)
    assert "Ardiana Demjaha Berg" in persons("Beslutande Ardiana Demjaha Berg, Örkelljunga")


@pytest.mark.parametrize(
    "text, glued",
    [
        # web copy of a protokoll: labels glued to the names around them
        ("Protokoll Kommunstyrelsen\nUnderskrifterSekreterare Elsa BrobergOrdförande Nils SkogsbergJusterande "
         "Henrik Adolfsson\n", ("Nils SkogsbergJusterande", "Elsa BrobergOrdförande")),
        ("§ 12 Motion\nKommunfullmäktige anser motionen besvarad.ReservationIngela Hedlund (V) reserverar sig.\n",
         ("ReservationIngela Hedlund",)),
        # a PDF's text layer: a signature label glued to the name after it
        ("Förvaringsplats för protokollet Kommunkansliet, TorsbyUnderskriftElsa Broberg\n",
         ("TorsbyUnderskriftElsa Broberg",)),
    ],
)
def test_a_label_glued_to_a_name_is_no_part_of_a_person(text, glued):
    found = persons(text)
    assert not any(g in found for g in glued)
    assert not any("Justerande" in n or "Reservation" in n or "Underskrift" in n for n in found)


def test_a_name_with_an_inner_capital_keeps():
    assert "Ronald McDonald" in persons("Minnesanteckningar nätverket\nNärvarande Ronald McDonald, Region Värmland\n")
    assert "Anna DeLuca" in persons("Protokoll styrelsemöte\nNärvarande Anna DeLuca, ordförande\n")


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a signature block of a federation's protokoll: "Ulla K Holmgren" after a name
        ("Justerare Underskrifter Sekreterare Ordförande Justerande Leila Hamadi Sofia Ulla K Holmgren",
         "Sofia Ulla"),
        # board minutes: attendance with middle initials
        ("Protokoll styrelsemöte Närvarande Nils Holmgren Agneta Berit M. Frost", "Agneta Berit"),
    ],
)
def test_a_given_name_before_a_middle_initial_is_no_surname(text, wrong):
    assert wrong not in persons(text)


def test_a_given_name_that_is_the_surname_stays_without_an_initial():
    assert "Leila Hamadi" in persons("Protokoll Närvarande Leila Hamadi, ordförande")
