"""``kg.text.slug`` skips the Unicode decomposition for ASCII text: the same slugs (IRIs) as the
plain form that decomposes every text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text import slug
from tests.oracles.text import slug_plain

NAMES = ["Skol- och fritidsförvaltningen", "Kommunstyrelsens arbetsutskott", "Region Jämtland Härjedalen",
         "Familjen Helsingborg", "Miljö- och byggnämnden", "Socialförvaltningen", "IT-enheten", "Æsir Ødegård",
         "Projekt Nytt badhus", "Café Ünal", "Bygg & Miljö AB", "", "---", "ﬁnansutskottet"]


def test_slug_of_organisation_names_is_the_plain_slug():
    for name in NAMES:
        for text in (name, name.upper(), name.encode("ascii", "ignore").decode()):
            assert slug(text) == slug_plain(text)
            assert slug(text, 12) == slug_plain(text, 12)
    assert slug("Socialförvaltningen") == "socialforvaltningen"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x24F) | st.sampled_from(list(" -–&.ﬁ\u0301\u00ad")), max_size=40),
       st.integers(4, 90))
def test_slug_of_any_text_is_the_plain_slug(text, max_len):
    assert slug(text, max_len) == slug_plain(text, max_len)
