"""Decision kinds, cases, votes and reservations (kg/segment/decision_cues.py, decisions.py,
cases.py, votes.py) on snippets of a kommunfullmäktige protokoll, an arbetsutskott's protokoll
and a nämnd's protokoll."""
from __future__ import annotations

import pytest

from kg.models import Document
from kg.segment import segment
from kg.segment.cases import case_identifier


def doc(text: str, name: str = "x.txt") -> Document:
    return Document(identifier=name, path=name, text=text, media_type="text/plain", sha256="0" * 64)


def items(text: str):
    m = segment(doc(text))
    for it in m.items:
        for span in (*it.cases, *it.reservations, *(v.span for v in it.votes),
                     *(d.proposed_to for d in it.decisions if d.proposed_to)):
            assert text[span.start:span.end] == span.text
    return m.items


KF = """Kommunfullmäktige
Protokoll 2019-11-25

§ 213                                                        Dnr KS 2019/0112-041
Budget 2020

Omröstning
Ja-röst för bifall till kommunstyrelsens förslag.
Nej-röst för bifall till Moderaternas förslag.

Omröstningsresultat
Med 22 ja-röster mot 19 nej-röster beslutar kommunfullmäktige enligt kommunstyrelsens
förslag.

Kommunfullmäktiges beslut
att fastställa budget för 2020 enligt kommunstyrelsens förslag.

Reservation
Kent Johansson och Margareta Svahn (båda KD) reserverar sig mot beslutet till förmån för Anna Berg (M):s yrkande.

§ 214                                                        Dnr KS 2019/0340-406
Motion om cykelvägar

Kommunfullmäktiges beslut
Ärendet återremitteras till kommunstyrelsen.

§ 215                                                        Dnr KS 2019/0341-406
Motion om belysning

Kommunfullmäktiges beslut
Ärendet bordläggs till nästa sammanträde.
"""

AU = """Protokoll KSAU 2019-10-14

KSAU § 151                                        Dnr KS 2019/0045-042
Ekonomisk uppföljning

Arbetsutskottets förslag till kommunstyrelsen
Arbetsutskottet föreslår kommunstyrelsen besluta
att godkänna den ekonomiska uppföljningen per den 30 september 2019.

KSAU § 152                                        Dnr KS 2019/0301-290
Information om lokalförsörjningsplan

Arbetsutskottet noterar informationen.

KSAU § 153
Delegationsbeslut (KS-2019-0099)

Redovisningen av delegationsbeslut godkänns.
"""

NAMND = """Vård- och omsorgsnämnden
Protokoll 2017-03-15

§ 47   Ny ersättningsmodell                                Diarienr: VO 2017/0066
Votering begärs och verkställs. Ja-röst för bifall, nej-röst för avslag.
Ja: Anna Holmberg (S), Bengt Sjöqvist (S),
Fatima Osmani (S)
Nej: Patrik Lindroos (M), Cecilia Hallin (L)
Avstår: Håkan Nilsson (SD)
Voteringen utfaller med 3 ja-röster mot 2 nej-röster. 1 ledamot avstår.
Vård- och omsorgsnämnden beslutar att införa ersättningsmodellen.
Reservation: Patrik Lindroos (M) och Cecilia Hallin (L).

§ 48   Budget                                             Dnr 98.154
Ja 7, Nej 3, Avstår 1. Nämnden beslutar att anta budgeten.
"""


def kinds(text: str) -> list[tuple[str, str | None]]:
    return [(d.kind, d.proposed_to.text if d.proposed_to else None) for it in items(text) for d in it.decisions]


def test_kinds_in_a_kommunfullmaktige_protokoll() -> None:
    assert kinds(KF) == [("final", None), ("referral", None), ("postponement", None)]


def test_kinds_in_an_arbetsutskott_protokoll() -> None:
    assert kinds(AU) == [("proposal", "kommunstyrelsen"), ("noted", None), ("delegated", None)]


@pytest.mark.parametrize(("sentence", "kind", "to"), [
    ("Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.", "proposal", "kommunfullmäktige"),
    ("Arbetsutskottet föreslår barn- och utbildningsnämnden besluta att anta riktlinjerna.", "proposal",
     "barn- och utbildningsnämnden"),
    ("Informationen läggs till handlingarna.", "noted", None),
    ("Nämnden beslutar att godkänna avtalet.", "final", None),
])
def test_kind_of_a_decision_sentence(sentence: str, kind: str, to: str | None) -> None:
    text = f"Protokoll 2020-01-01\n\n§ 1 Ärende\n\n{sentence}\n"
    assert kinds(text) == [(kind, to)]


def test_a_proposal_names_its_body_or_is_none() -> None:
    """"Förvaltningen föreslår att ..." quotes the administration: no decision of the meeting."""
    assert kinds("Protokoll 2020-01-01\n\n§ 1 Ärende\n\nFörvaltningen föreslår att avtalet förlängs.\n") == []


def test_cases_in_every_written_form() -> None:
    kf, au, namnd = items(KF), items(AU), items(NAMND)
    assert [c.text for c in kf[0].cases] == ["KS 2019/0112-041"]
    assert [c.text for c in au[0].cases] == ["KS 2019/0045-042"]
    assert [c.text for c in au[2].cases] == ["KS-2019-0099"]
    assert [c.text for c in namnd[0].cases] == ["VO 2017/0066"]
    assert [c.text for c in namnd[1].cases] == ["98.154"]


@pytest.mark.parametrize(("written", "normal"), [
    ("Dnr KS 2019/0456", "KS 2019/456"), ("KS 2024/456", "KS 2024/456"), ("KS-2024-0456", "KS 2024/456"),
    ("(KS 2024/0456)", "KS 2024/456"), ("KS 2019/0402-101", "KS 2019/402"), ("Dnr 98.154", "98/154"),
    ("Diarienr: BUN 2013/12", "BUN 2013/12"), ("KS18.211", "KS 18/211"),
])
def test_case_normal_form(written: str, normal: str) -> None:
    assert case_identifier(written) == normal


def test_a_date_is_no_case() -> None:
    text = "Protokoll 2023-03-20\n\n§ 1 Protokoll FSG 2023-03-16\n\nProtokollet lades till handlingarna.\n"
    assert items(text)[0].cases == ()


def test_vote_counts_in_a_kommunfullmaktige_protokoll() -> None:
    (vote,) = items(KF)[0].votes
    assert (vote.yes, vote.no, vote.abstain) == (22, 19, None)
    assert vote.span.text.startswith("Med 22 ja-röster mot 19 nej-röster")


def test_vote_counts_and_voters_in_a_namnd_protokoll() -> None:
    first, second = items(NAMND)
    (vote,) = first.votes
    assert (vote.yes, vote.no, vote.abstain) == (3, 2, 1)
    assert [s.text for s in vote.voted_yes] == ["Anna Holmberg (S), Bengt Sjöqvist (S),\nFatima Osmani (S)"]
    assert [s.text for s in vote.voted_no] == ["Patrik Lindroos (M), Cecilia Hallin (L)"]
    assert [s.text for s in vote.abstained] == ["Håkan Nilsson (SD)"]
    (vote,) = second.votes
    assert (vote.yes, vote.no, vote.abstain) == (7, 3, 1)


def test_counts_without_a_vote_are_none() -> None:
    text = "Protokoll 2020-01-01\n\n§ 1 Lokaler\n\nNej, lokalen räcker för 40 elever. Nämnden beslutar att behålla lokalen.\n"
    assert items(text)[0].votes == ()


def test_reservations_of_two_genres() -> None:
    (res,) = items(KF)[0].reservations
    assert res.text == "Kent Johansson och Margareta Svahn (båda KD) reserverar sig mot beslutet"
    (res,) = items(NAMND)[0].reservations
    assert res.text == "Patrik Lindroos (M) och Cecilia Hallin (L)."
    text = "Protokoll 2020-01-01\n\n§ 1 Taxa\n\nNämnden beslutar att anta taxan. Mot beslutet reserverar sig Eva Ek (V) och Bo Al (V).\n"
    assert [r.text for r in items(text)[0].reservations] == ["Mot beslutet reserverar sig Eva Ek (V) och Bo Al (V)."]
