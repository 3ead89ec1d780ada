"""kg_organizations, kg_context_orgs and the per-kind codes (kg/nlp/) find what their earlier forms found.

* ``OrganizationMatcher._find`` walks from each possible start over the tokens and asks its tests of
  a name's written words once per (norms, texts) (``_rule``); the earlier form (below) built the
  lists of non-dash tokens and their norms and tested every label of every match;
* ``ContextOrganizations`` tries its cues only where a cue's first word stands, found by kind; the
  earlier form (below) looked up every token's norm;
* ``KindCodes`` and ``content_positions`` give what a ``map`` over the tokens gives.

Each is compared on real text and on generated word sequences, on the same Doc.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_components_speed2 import _through  # the Doc after the components before a given one

from kg import nlp as K
from kg.nlp import organizations as nlp_organizations
from kg.nlp import tokens as nlp_tokens

DATA = Path(__file__).resolve().parent / "data"
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

def _earlier_match(matcher, doc, table, toks, norms):
    texts = table.texts
    first, last = toks[0], toks[-1]
    pairs = matcher.index.get(norms)
    written = texts[last]
    if pairs is None:
        base = K.strip_genitive(norms[-1])
        if base is None:
            return None
        pairs = matcher.index.get((*norms[:-1], base))
        written = K.strip_genitive(texts[last]) or texts[last]
        if pairs is None:
            return None
    keep = []
    for key, label in pairs:
        if K.is_abbreviation(label):
            surface = " ".join([*(texts[t] for t in toks[:-1]), written]).rstrip("-")
            if surface != label and not surface.isupper():
                if (surface.islower() and surface == label.lower() and nlp_organizations._is_party(key)
                        and nlp_organizations._bracketed(doc, first, last + 1, after_name=True)):
                    keep.append(key)
                continue
            if len(label) <= 2 and not label.isupper():
                continue
            if len(label) <= 2 and nlp_organizations._is_party(key) and not nlp_organizations._bracketed(doc, first, last + 1):
                continue
        elif len(toks) == 1 and (K.is_ordinary_word(label) or K.is_ordinary_word(written) or len(label) <= 4):
            if written.lower() != label.lower():
                continue
        keep.append(key)
    if keep and all(k.startswith("group:") for k in keep) and first > 0:
        if table.norms[first - 1] in K.cue("common_noun_determiners"):
            return None
    if not keep:
        return None
    keys = sorted(set(keep))
    kind = "group" if all(k.startswith("group:") for k in keys) else "gazetteer"
    return (first, last + 1, K.ORG, kind, "|".join(keys))


def _earlier_organizations(matcher, doc) -> list[tuple]:
    table = K.token_table(doc)
    texts = table.texts
    toks = [i for i in table.content if texts[i] not in K.DASHES]
    norms = [n.rstrip("-") or n for n in (table.norms[i] for i in toks)]
    found = []
    for i in range(len(toks)):
        if not matcher._can_start(norms[i]):
            continue
        best = None
        for n in range(1, min(matcher.max_len, len(toks) - i) + 1):
            key = tuple(norms[i:i + n])
            if n > 1 and table.blank_line_between(toks[i + n - 2], toks[i + n - 1]):
                break
            if key in matcher.index or K.strip_genitive(key[-1]) is not None:
                span = _earlier_match(matcher, doc, table, toks[i:i + n], key)
                if span is not None:
                    best = span
            if key not in matcher.prefixes:
                break
        if best is not None:
            found.append(best)
    return found


def _earlier_context_orgs(finder, doc) -> list[tuple]:
    taken = K.covered_tokens(K.candidates(doc))
    table = K.token_table(doc)
    texts, alpha = table.texts, table.alpha
    toks = table.content
    norms = [table.norms[i] for i in toks]
    found = []
    for i in range(len(toks)):
        for words in finder.cues:
            j = finder._match(norms, i, words)
            if j is None:
                continue
            k = j
            while k < len(toks) and k - j < 4 and texts[toks[k]][:1].isupper() and alpha[toks[k]] \
                    and toks[k] not in taken and not table.newline_between(toks[k - 1], toks[k]):
                k += 1
            name = toks[j:k]
            if name and not K.is_first_name(texts[name[0]]) and K.fold(texts[name[0]]) not in finder.stop \
                    and not (len(name) == 1 and K.is_ordinary_word(texts[name[0]])):
                found.append((name[0], name[-1] + 1, K.ORG, "org_context", ""))
            break
    return found


# --------------------------------------------------------------------------- comparisons

def _organizations_agree(text: str) -> None:
    nlp, doc = _before(text, "kg_organizations")
    matcher = nlp.get_pipe("kg_organizations")
    expected = _earlier_organizations(matcher, doc)
    matcher(doc)
    assert _spans(K.candidates(doc)) == expected
    # a table kg_normalize did not make: the plain form
    plain = nlp.make_doc(text)
    nlp.get_pipe("kg_normalize")._call_plain(plain)
    K.forget_candidates()
    matcher(plain)
    assert _spans(K.candidates(plain)) == expected


def _context_orgs_agree(text: str) -> None:
    nlp, doc = _before(text, "kg_context_orgs")
    finder = nlp.get_pipe("kg_context_orgs")
    before = len(K.candidates(doc))
    expected = _earlier_context_orgs(finder, doc)
    finder(doc)
    assert _spans(K.candidates(doc)[before:]) == expected


def _codes_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp(text)
    table = K.token_table(doc)
    if table.kinds is None:
        return
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
    found = _earlier_organizations(nlp.get_pipe("kg_organizations"), doc)
    assert found and _spans(K.candidates(doc)) == found
    _context_orgs_agree("Lägesbilden tas fram tillsammans med Länsförsäkringar och samverkan sker med Ikea.")
    _, doc = _before("Lägesbilden tas fram tillsammans med Länsförsäkringar.", "kg_context_orgs")
    assert _earlier_context_orgs(nlp.get_pipe("kg_context_orgs"), doc)
