"""The fast paths of extraction give what the plain definitions give.

Extraction reads spaCy tokens through plain lists, matches its token patterns without spaCy's
Matcher, folds text through a table and finds overlapping spans through an index. Each test
here compares one of these with the straightforward form it replaces, on real Swedish text and
on generated input, so that a speed-up can never change what is extracted.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import nlp as K
from kg.extract import _SpanIndex, folded_words
from kg.segment import OCR_SIX_RE
from kg.segment import fold as segment_fold

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"

# Swedish words and marks that the organisation and project patterns react to
WORDS = [
    "Region", "Skåne", "Lund", "universitet", "Universitet", "högskola", "Universitetet", "i", "för", "och",
    "eller", "avdelningen", "avdelning", "enheten", "Network", "Open", "College", "AB", "Ikea", "-", "–",
    "Skol-", "skol-", "fritidsförvaltningen", "kommunalförbund", "Skaraborgs", "2023", "2023-2024",
    "handlingsplanen", "budgeten", "för", "Hbg", "HSS", "Centrum", "tjänsteforskning", "Stiftelsen",
    "ekonomi", "personal", "Hälsoprojektet", "samverkansrådet", "Kulturrådet", "Nätverket",
    "ledningsgruppen", "Göteborgsregionen", "K12", "Tingsrätten", "Helsingborg", "Council", "Institute",
    "utvecklingsprojektet", "enkäten", "Förbundet", "samordningsförbund", "Kommittén", "strategin", ",", ".",
    "ér", "fritidsférvaltningen", "Mitt",
]
SEPARATORS = [" ", " ", "", "\n", "  ", "\n\n"]


def _old_ruler_pipeline() -> spacy.Language:
    """The pipeline up to the patterns as it was: spaCy's SpanRuler with the same pattern files."""
    nlp = spacy.blank("sv")
    K._customize_tokenizer(nlp)
    nlp.add_pipe("kg_normalize")
    nlp.add_pipe("kg_organizations")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": K.CANDIDATES, "spans_filter": None,
                                               "annotate_ents": False, "overwrite": False})
    ruler.add_patterns(K._load_patterns())
    return nlp


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    return _old_ruler_pipeline(), K.get_nlp()


def _candidates_after(nlp: spacy.Language, last: str, text: str) -> list[tuple]:
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == last:
            break
    return [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in doc.spans.get(K.CANDIDATES, [])]


def _same_candidates(pipelines, text: str) -> None:
    old, new = pipelines
    assert _candidates_after(new, "kg_patterns", text) == _candidates_after(old, "span_ruler", text)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_patterns_match_as_spacys_span_ruler_on_the_seeds(pipelines, path):
    _same_candidates(pipelines, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "Avdelningen för ekonomi och personal samt Open College Network och Ikea AB.",
    "Handlingsplanen för Region Skåne 2023-2024 tas fram med Lunds universitet.",
    "Skol - och fritidsförvaltningen, Skaraborgs kommunalförbund och Kulturrådet",
    "Centrum för tjänsteforskning vid Universitetet i Lund; enkäten K12",
])
def test_patterns_match_as_spacys_span_ruler_on_sentences(pipelines, text):
    _same_candidates(pipelines, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=16))
def test_patterns_match_as_spacys_span_ruler_on_any_word_sequence(pipelines, parts):
    _same_candidates(pipelines, "".join(w + sep for w, sep in parts))


def test_token_table_holds_what_the_tokens_say():
    text = "Skol - och fritidsférvaltningen (SFF)  träffade\nanna.berg@hbg.se, 6ver \"Din hälsa\" "
    doc = K.get_nlp()(text)
    table = K.token_table(doc)
    assert table.text == doc.text == text
    assert table.texts == [t.text for t in doc]
    assert table.norms == [t.norm_ for t in doc]
    assert table.idx == [t.idx for t in doc]
    for name, attr in (("space", "is_space"), ("punct", "is_punct"), ("alpha", "is_alpha"),
                       ("lower", "is_lower"), ("email", "like_email"), ("title", "is_title")):
        assert [bool(x) for x in getattr(table, name)] == [getattr(t, attr) for t in doc], name
    assert table.content == [t.i for t in doc if not t.is_space]
    for t in doc:
        assert table.line_start(t.i) == K.line_start(doc, t.i)
        assert table.line_start(t.i, numbers=False) == K.line_start(doc, t.i, numbers=False)
        assert table.sentence_start(t.i) == K.sentence_start(doc, t.i)


# --------------------------------------------------------------------------- folding

TEXT = st.text(st.sampled_from(list("aåäöeéAÅÄÖ6x -–\u00ad\u200b\u00a0\n\tﬁ´¨Øß:s.,") + ["Ö", "İ", "Σ"]), max_size=40)


@given(TEXT)
def test_folded_words_are_the_words_of_the_folded_text(text):
    assert folded_words(text) == re.findall(r"\w+", K.fold(text))


def _fold_char(c: str) -> str:
    d = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(d) == 1:
        return d
    low = c.lower()
    return low if len(low) == 1 else c


@given(TEXT)
def test_segment_fold_is_one_character_for_one(text):
    expected = OCR_SIX_RE.sub("o", "".join(_fold_char(c) for c in text))
    assert segment_fold(text) == expected
    assert len(segment_fold(text)) == len(text)


# --------------------------------------------------------------------------- overlaps

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(SPANS, st.integers(0, 70), st.integers(0, 12))
def test_span_index_finds_what_a_scan_finds(spans, start, length):
    end = start + length
    expected = [k for k, (a, b) in enumerate(spans) if a < end and start < b]
    assert _SpanIndex(spans).overlapping(start, end) == expected
