"""The body that met, named without what a header line puts around it: page numbers and page
labels of flattened PDFs, reference numbers, dates, field labels, the meeting before the body,
tables of contents."""
from __future__ import annotations

from kg.models import Document
from kg.segment import segment
from kg.segment.body import says_kind_of_meeting

ITEMS = "\n§ 1 Mötets öppnande\nOrdföranden öppnade mötet.\n\n§ 2 Val av justerare\nAnna Berg valdes.\n"
NOTES = "\nNärvarande:\nAnna Berg, enhetschef\nPer Ek, controller\n\n1. Inledning\nAnna hälsade välkomna.\n"


def body_of(text: str) -> str | None:
    m = segment(Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0"))
    if m.body is not None:
        assert text[m.body.start:m.body.end] == m.body.text
    return m.body.text if m.body else None


def test_page_number_and_page_label_of_a_flattened_pdf_are_no_part_of_the_name():
    assert body_of("1 BYGGNADSNÄMNDEN Sidan \n1(12)\nPlats och tid Rådhuset kl. 13:00-15:00\n" + ITEMS) == "BYGGNADSNÄMNDEN"
    assert body_of("1 Kulturnämnden (14) \nPlats och tid Kulturhuset, kl 18:00\n" + ITEMS) == "Kulturnämnden"
    assert body_of("2 Sammanträdesprotokoll TEKNISKA NÄMNDEN \nPlats och tid Stadshuset\n" + ITEMS) == "TEKNISKA NÄMNDEN"


def test_a_reference_number_after_the_name_ends_it():
    notes = "1 Styrgruppen för Fjällvägen 2/19 1 Protokoll från styrgruppsmöte den 4 mars 2019\n" + NOTES
    assert body_of(notes) == "Styrgruppen för Fjällvägen"
    proto = "PROTOKOLL Sida 1(9)\n\nBeslutsinstans: Miljöutskottet 2019-2022 Sammanträdesdatum: 2020-03-10\n" + ITEMS
    assert body_of(proto) == "Miljöutskottet"


def test_a_paragraph_sign_after_a_number_keeps_the_name():
    text = "Samverkansgruppen enligt 8 § samverkansavtalet\nDatum: 2021-05-04\n" + NOTES
    assert body_of(text) == "Samverkansgruppen enligt 8 § samverkansavtalet"


def test_the_meeting_before_the_body_and_the_date_after_it():
    forening = "PROTOKOLL NR 4/2005\n\nMöte med klubbens styrelse den 12-13 mars 2005\n\nLedamöter Närvarande\n" + ITEMS
    assert body_of(forening) == "klubbens styrelse"
    ideell = "Mötesanteckningar från möte i Interimsstyrelsen för Bokcirkeln Norr den 3 maj 2011\n" + NOTES
    assert body_of(ideell) == "Interimsstyrelsen för Bokcirkeln Norr"
    ref = "KL-ORG 12/03/98 Möte med klubbens styrelse den 4-5 april 1998Ledamöter Närvarande\n" + ITEMS
    assert body_of(ref) == "klubbens styrelse"


def test_the_body_in_the_genitive_before_the_kind_of_meeting():
    assert body_of("Protokoll från Miljöutskottets sammanträde 2012-04-11 Innehållsförteckning\n" + ITEMS) == "Miljöutskottets"


def test_a_flattened_run_of_header_labels_ends_the_name():
    memo = ("1 MINNESANTECKNINGAR Nätverket för Kustturism Avsändarens tjänsteställe, handläggare Datum Dnr "
            "Sida Planeringsavdelningen Eva Holm\n" + NOTES)
    assert body_of(memo) == "Nätverket för Kustturism"


def test_a_field_label_or_a_table_of_contents_names_no_body():
    web = "SAMMANTRÄDESPROTOKOLL\n\nLJUSDALS KOMMUN\n\nNämnd\n\nSammanträdesdatum\n\nKulturnämnden\n\n2019-01-28\n" + ITEMS
    assert body_of(web) == "Kulturnämnden"
    toc = ("1 \nPlats och tid Bruket kl. 16:30-19:45\n\n3 Innehållsförteckning 12 Förändring av ärendelistan "
           "13 Sammanträdestider för kulturnämnden 14 Meddelanden\n" + ITEMS)
    assert body_of(toc) is None


def test_a_title_that_names_the_kind_of_meeting_is_no_organisation():
    assert says_kind_of_meeting("Protokoll från styrelsemötet 4 september")
    assert not says_kind_of_meeting("NORRVIKS BÅTKLUBB")
    assert body_of("Protokoll från styrelsemötet 4 september\n\nNärvaro Anna Berg, Per Ek\n" + ITEMS) is None
    assert body_of("Styrelsemöte #3 2016\n\nDatum: 2016-05-02\n" + NOTES) is None


def test_names_with_numbers_inside_stay_whole():
    assert body_of("Beslutsgruppen för mål 5b-skärgården\nDatum: 1997-10-03\n" + ITEMS) == "Beslutsgruppen för mål 5b-skärgården"
    assert body_of("Kommunstyrelsens arbetsutskott\n2016-11-08\n" + ITEMS) == "Kommunstyrelsens arbetsutskott"
