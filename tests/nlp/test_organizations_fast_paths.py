"""kg_organizations, kg_context_orgs and the per-kind codes (kg/nlp/) find what their earlier forms found.

* ``OrganizationMatcher._find`` walks from each possible start over the tokens and asks its tests of
  a name's written words once per (norms, texts) (``_rule``); the earlier form (tests/oracles/nlp.py) built the
  lists of non-dash tokens and their norms and tested every label of every match;
* ``ContextOrganizations`` tries its cues only where a cue's first word stands, found by kind; the
  earlier form (tests/oracles/nlp.py) looked up every token's norm;
* ``KindCodes`` and ``content_positions`` give what a ``map`` over the tokens gives.

Each is compared on real text and on generated word sequences, on the same Doc.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import nlp as K
from kg.nlp import tokens as nlp_tokens
from tests.nlp.test_finders_fast_paths import _through  # the Doc after the components before a given one
from tests.oracles.nlp import earlier_context_orgs, earlier_organizations, normalize_plain, organizations_plain

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = sorted((DATA / "seeds").glob("*.txt")) + sorted(p for p in (DATA / "layouts").iterdir() if p.is_file())

# words the organisation rules react to: names, genitives, abbreviations, parties, groups, cues
WORDS = [
    "Region", "Skåne", "Regionens", "Lund", "Lunds", "universitet", "Universitet", "kommun", "Helsingborg",
    "Helsingborgs", "stad", "Kommunstyrelsen", "kommunstyrelsen", "Kommunstyrelsens", "KS", "ks", "KS:s", "HSS",
    "SOF", "SOFs", "SOF:s", "S", "M", "C", "(", ")", ",", "en", "sin", "arbetsgrupp", "arbetsgruppen",
    "ledningsgruppen", "Ledningsgruppen", "Polisen", "polisen", "Brå", "bra", "Skol", "Skol-", "-", "–", "och",
    "fritidsförvaltningen", "Högsta", "domstolen", "Familjen", "tillsammans", "med", "samarbete", "samverkan",
    "sker", "Länsförsäkringar", "Ikea", "Anna", "bjuda", "in", "representanter", "från", "Maria", "Januari",
    "för", "i", ".", ":",
]
SEPARATORS = [" ", "", "\n", "  ", "\n\n", "\t", "\u00a0", " \n "]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _before(text: str, name: str):
    """The pipeline and a Doc of ``text`` after the components before ``name``."""
    nlp, doc = _through(text, name)
    K.forget_candidates()
    return nlp, doc


def _spans(spans) -> list[tuple]:
    return [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in spans]


# --------------------------------------------------------------------------- the earlier forms


# --------------------------------------------------------------------------- comparisons

def _organizations_agree(text: str) -> None:
    nlp, doc = _before(text, "kg_organizations")
    matcher = nlp.get_pipe("kg_organizations")
    expected = earlier_organizations(matcher, doc)
    matcher(doc)
    assert _spans(K.candidates(doc)) == expected
    # the plain form, on the table of the plain normaliser
    plain = normalize_plain(nlp.get_pipe("kg_normalize"), nlp.make_doc(text))
    K.forget_candidates()
    organizations_plain(matcher, plain)
    assert _spans(K.candidates(plain)) == expected


def _context_orgs_agree(text: str) -> None:
    nlp, doc = _before(text, "kg_context_orgs")
    finder = nlp.get_pipe("kg_context_orgs")
    before = len(K.candidates(doc))
    expected = earlier_context_orgs(finder, doc)
    finder(doc)
    assert _spans(K.candidates(doc)[before:]) == expected


def _codes_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp(text)
    table = K.token_table(doc)
    assert table.kinds is not None
    persons = nlp.get_pipe("kg_persons")
    values = persons._codes.values
    assert persons._codes.of(table).tolist() == [values[k] for k in table.kinds]
    assert K.content_positions(persons._codes.of(table), nlp_tokens.CONTENT, nlp_tokens.RUN_START) == \
        [p for p, i in enumerate(table.content) if values[table.kinds[i]] & nlp_tokens.RUN_START]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_organizations_and_context_orgs_on_real_text(path):
    text = _read(path)
    _organizations_agree(text)
    _context_orgs_agree(text)
    _codes_agree(text)


_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=24).map(
    lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_organizations_and_context_orgs_on_any_word_sequence(text):
    _organizations_agree(text)
    _context_orgs_agree(text)
    _codes_agree(text)


def test_the_sequences_reach_the_rules():
    """(The comparisons above compare something: names, a party in brackets, a group after a
    determiner, a cue.)"""
    nlp, doc = _before("(S) och Kommunstyrelsens ordförande, en arbetsgrupp och samarbete med Ikea AB.",
                       "kg_organizations")
    nlp.get_pipe("kg_organizations")(doc)
    kinds = {s.id_ for s in K.candidates(doc)}
    assert "gazetteer" in kinds
    found = earlier_organizations(nlp.get_pipe("kg_organizations"), doc)
    assert found and _spans(K.candidates(doc)) == found
    _context_orgs_agree("Lägesbilden tas fram tillsammans med Länsförsäkringar och samverkan sker med Ikea.")
    _, doc = _before("Lägesbilden tas fram tillsammans med Länsförsäkringar.", "kg_context_orgs")
    assert earlier_context_orgs(nlp.get_pipe("kg_context_orgs"), doc)
