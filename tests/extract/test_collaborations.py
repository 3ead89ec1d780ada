"""Organisations that are one another's, not partners: a board or administration with a generic
name and the municipality whose paper it is ('Avesta kommun sammanträdesprotokoll' over
'omsorgsstyrelsens kallelse'); a county's office of an authority and the authority's bare name.
Snippets of a board's flattened protokoll, a council's web minutes and a steering group's notes."""
from __future__ import annotations

from kg.extract import extract
from kg.models import Document
from kg.segment import segment


def extraction(text: str):
    d = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
    return extract(segment(d))


def pairs(text: str) -> set[frozenset[str]]:
    return {frozenset((a.name, b.name)) for a, b, _ in extraction(text).collaborations}


BOARD_FLAT = (
    "1 Sammanträdesprotokoll OMSORGSSTYRELSEN Plats och tid Omsorgsförvaltningen, kl 14:00-15:55\n\n"
    "2 Tranås kommun sammanträdesprotokoll Sida 2 ÄRENDELISTA 71 Rapport från verksamheten 3 72 Digital teknik "
    "för omsorgsstyrelsens kallelse 4 75 Köp och sälj mellan kommunens förvaltningar 7\n"
)
COUNCIL_WEB = (
    "Mora kommun protokoll 2020-03-02\n\nKommunfullmäktige\n\n§ 12 Samverkan inom socialtjänsten\n"
    "Socialnämnden ska fortsätta samverkan med Orsa kommun och Mora kommun om placeringar.\n"
)


def test_no_collaboration_of_a_board_with_the_municipality_of_its_paper():
    assert frozenset(("Tranås kommun", "Omsorgsstyrelsen")) not in pairs(BOARD_FLAT)


def test_a_board_still_works_with_another_municipality():
    got = pairs(COUNCIL_WEB)
    assert frozenset(("Socialnämnden", "Orsa kommun")) in got
    assert frozenset(("Socialnämnden", "Mora kommun")) not in got   # the paper's own municipality
    assert frozenset(("Orsa kommun", "Mora kommun")) in got


def test_a_county_office_is_no_member_of_the_authority_named_bare():
    text = ("Protokoll styrgruppen 2008-06-03\n\nPlats: Länsstyrelsen Dalarna, Falun\n\n"
            "1. Transportstrategin\nI gruppen ingår Eva Berg, Länsstyrelsen.\n")
    ms = {(m.member.name, m.organization.name) for m in extraction(text).memberships}
    assert ("Länsstyrelsen i Dalarnas län", "Länsstyrelsen") not in ms


def test_two_authorities_working_together_stay_partners():
    text = "Minnesanteckningar 2021-02-01\n\nSamverkan med Skatteverket och Trafikverket om e-tjänster.\n"
    ex = extraction(text)
    assert frozenset(("Skatteverket", "Trafikverket")) in {frozenset((a.name, b.name)) for a, b, _ in ex.collaborations}
