"""A generic name of a municipal body ('Socialnämnden', 'Vård- och omsorgsnämnden') is the
gazetteer's entry of one municipality only where the minutes say which municipality they come
from; in minutes that name none it stays generic, scoped to the document later, and no
municipality is guessed."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.models import Document, Minutes

PROTOKOLL = ("PROTOKOLL\nSocialnämnden\nSammanträdesdatum 2016-02-24\n{}\n"
             "§ 13 Dnr 31/16\nBidrag till fritidsstudier\nSocialnämnden beslutar att bevilja bidraget.\n")
ANTECKNINGAR = ("Minnesanteckningar nätverksträff\n{}\n\n- Vård- och omsorgsnämnden har antagit planen.\n"
                "- Socialnämnden bjuds in till nästa träff.\n")


def org_keys(text: str) -> dict[str, str | None]:
    doc = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
    return {m.name: m.key for m in extract(Minutes(document=doc)).mentions if m.kind == "organization"}


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_no_municipality_is_guessed_for_a_generic_body(genre: str) -> None:
    keys = org_keys(genre.format("Plats: Kommunhuset, KS-salen"))
    assert "Socialnämnden" in keys
    assert keys["Socialnämnden"] is None
    assert not any(k and k.startswith("helsingborg") for k in keys.values())


@pytest.mark.parametrize("genre", [PROTOKOLL, ANTECKNINGAR])
def test_the_stated_municipality_gives_its_body(genre: str) -> None:
    keys = org_keys(genre.format("Plats: Rådhuset, Helsingborgs stad"))
    assert keys.get("Socialnämnden") == "helsingborg-socialnamnden"
