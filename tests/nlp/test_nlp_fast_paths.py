"""The fast paths of extraction give what the plain definitions give.

Extraction reads spaCy tokens through plain lists, matches its token patterns without spaCy's
Matcher, folds text through a table and finds overlapping spans through an index. Each test
here compares one of these with the straightforward form it replaces, on real Swedish text and
on generated input, so that a speed-up can never change what is extracted.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import nlp as K
from kg.extract import SpanIndex, folded_words
from kg.nlp import tokens as nlp_tokens
from kg.segment import OCR_SIX_RE
from kg.segment import fold as segment_fold
from tests.oracles import nlp as O
from tests.oracles.nlp import (
    TITLED_PLAIN_RE,
    lemma_lookup_path,
    mask_plain,
    may_hold_titled,
    near_words,
    near_words_plain,
    plain_nlp,
    repair_head_plain,
    span_ruler_pipeline,
)
from tests.oracles.nlp_finders import PlainProjects, plain_persons
from tests.oracles.segment import decision_flatten, is_title_word_plain
from tests.oracles.text import casefold_chars_plain, fold_char_plain

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"

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


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    return span_ruler_pipeline(), K.get_nlp()


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
        assert table.line_start(t.i) == O.line_start(doc, t.i)
        assert table.line_start(t.i, numbers=False) == O.line_start(doc, t.i, numbers=False)
        assert table.sentence_start(t.i) == O.sentence_start(doc, t.i)


# --------------------------------------------------------------------------- folding

TEXT = st.text(st.sampled_from(list("aåäöeéAÅÄÖ6x -–\u00ad\u200b\u00a0\n\tﬁ´¨Øß:s.,") + ["Ö", "İ", "Σ"]), max_size=40)


@given(TEXT)
def test_folded_words_are_the_words_of_the_folded_text(text):
    assert folded_words(text) == re.findall(r"\w+", K.fold(text))


@given(TEXT)
def test_segment_fold_is_one_character_for_one(text):
    expected = OCR_SIX_RE.sub("o", "".join(fold_char_plain(c) for c in text))
    assert segment_fold(text) == expected
    assert len(segment_fold(text)) == len(text)


# --------------------------------------------------------------------------- overlaps

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(SPANS, st.integers(0, 70), st.integers(0, 12))
def test_span_index_finds_what_a_scan_finds(spans, start, length):
    end = start + length
    expected = [k for k, (a, b) in enumerate(spans) if a < end and start < b]
    assert SpanIndex(spans).overlapping(start, end) == expected


# --------------------------------------------------------------------------- tokenizer cache


def _token_rows(doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.idx, t.norm_, t.lower_, t.is_alpha, t.is_punct, t.is_space, t.like_email,
             t.is_title, t.is_lower) for t in doc]


@pytest.fixture(scope="module")
def tokenizers():
    return plain_nlp().tokenizer, K.ChunkCachingTokenizer(plain_nlp().tokenizer)


def test_the_tokenizer_made_in_one_step_is_the_customized_one():
    plain = plain_nlp().tokenizer
    made = K.get_nlp().tokenizer.tokenizer
    for name in ("prefix_search", "suffix_search", "infix_finditer"):
        assert getattr(made, name).__self__.pattern == getattr(plain, name).__self__.pattern
    assert made.rules == plain.rules
    assert made.token_match == plain.token_match and made.url_match == plain.url_match


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_chunk_cache_tokenizes_the_seeds_as_spacy(tokenizers, path):
    plain, cached = tokenizers
    text = path.read_text(encoding="utf-8")
    assert _token_rows(cached(text)) == _token_rows(plain(text))
    assert _token_rows(cached(text)) == _token_rows(plain(text))   # all chunks cached now


TOKEN_TEXT = st.lists(st.tuples(st.sampled_from(WORDS + ["t.ex.", "bl.a.", "(SFF)", "**Beslut**", "~~Anna~~", ":)",
                                                        "HD-domen", "SOF:s", "LG+SG", "kl.", "\n", "e.g."]),
                                st.sampled_from(SEPARATORS + ["\t", " \n ", "\u00a0"])), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TOKEN_TEXT)
def test_chunk_cache_tokenizes_any_text_as_spacy(tokenizers, parts):
    plain, cached = tokenizers
    text = "".join(w + sep for w, sep in parts) * 4   # long enough to be cached chunk by chunk
    assert _token_rows(cached(text)) == _token_rows(plain(text))


@given(st.text(st.sampled_from(list("ab .\n\t\u00a0\u2003:") + ["(", ")"]), max_size=30))
def test_tokenizer_chunks_are_what_spacy_looks_up(text):
    # every stretch spaCy's tokenizer hashes: runs of non-space, and runs of space after the first
    # character of the run (a single space is no chunk)
    expected = set()
    for m in re.finditer(r"\S+|\s+", text):
        run = m.group()
        if not run[0].isspace():
            expected.add(run)
        else:
            expected.add(run if m.start() == 0 or run[0] != " " else run[1:])
    expected.discard("")
    expected.discard(" ")
    assert expected <= K.tokenizer_chunks(text)


# --------------------------------------------------------------------------- ordinary words

@given(st.lists(st.text(st.sampled_from(list("abåö-xé")), max_size=6), max_size=40),
       st.lists(st.text(st.sampled_from(list("abåö-xéq")), max_size=7), max_size=40))
def test_lexicon_holds_exactly_its_words(words, others):
    lexicon = K.Lexicon.of(set(words))
    again = K.Lexicon.from_bytes(lexicon.to_bytes())
    for w in [*words, *others]:
        assert (w in lexicon) == (w in set(words)) == (w in again)
    assert sorted(lexicon) == sorted(set(words)) and len(again) == len(set(words))


def test_ordinary_words_are_the_swedish_words(tmp_path, monkeypatch):
    if lemma_lookup_path() is None:
        pytest.skip("spacy-lookups-data is not installed")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    K.ordinary_words.cache_clear()
    try:
        made = K.ordinary_words()          # made from the lemma table and written
        assert list(tmp_path.glob("*.lexicon"))
        K.ordinary_words.cache_clear()
        read = K.ordinary_words()          # read back
        words = K.swedish_words()
        assert len(made) == len(read) == len(words)
        sample = sorted(words)[::997] + ["Skålén", "skalen", "helsingborg", "", "förvaltningen", "qwertyverket"]
        for w in sample:
            assert (w in made) == (w in read) == (w in words), w
        (next(tmp_path.glob("*.lexicon"))).write_bytes(b"kg-lexicon 1\n12 little\n")   # damaged: made again
        K.ordinary_words.cache_clear()
        assert len(K.ordinary_words()) == len(words)
    finally:
        K.ordinary_words.cache_clear()


# --------------------------------------------------------------------------- gazetteer folding

FOLD_CHARS = [chr(c) for c in [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x370, 0x3d0), *range(0x1e00, 0x1e20),
                               0x2126, 0x212b, 0xfb01, 0x345, 0x2003, 0x00ad, 0x200b, 0xac00, 0x1100, 0x1161]]


@given(st.text(st.sampled_from(FOLD_CHARS), max_size=20))
def test_gazetteer_fold_is_the_plain_fold(text):
    from kg import text as kg_text

    assert kg_text.casefold_chars(text) == casefold_chars_plain(text)


def test_gazetteer_fold_of_every_character_is_the_plain_fold():
    from kg import text as kg_text

    for c in FOLD_CHARS:
        assert kg_text.casefold_chars(c) == casefold_chars_plain(c)
        assert kg_text.casefold_chars(c + "e\u0301" + c) == casefold_chars_plain(c + "e\u0301" + c)


# --------------------------------------------------------------------------- patterns and repairs


def _masks_agree(text: str) -> None:
    nlp = K.get_nlp()
    matcher = nlp.get_pipe("kg_patterns")
    doc = nlp.make_doc(text)
    nlp.get_pipe("kg_normalize")(doc)
    table = K.token_table(doc)
    for i in range(len(doc)):
        assert matcher._mask(table, i) == mask_plain(matcher, table, i), (text, i)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_pattern_masks_are_the_plain_masks_on_the_seeds(path):
    _masks_agree(path.read_text(encoding="utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS + ["2023–2024", "AB12", "Ab", "A", "Kommunstyrelseplanen"]),
                          st.sampled_from(SEPARATORS)), min_size=1, max_size=16))
def test_pattern_masks_are_the_plain_masks_on_any_words(parts):
    _masks_agree("".join(w + sep for w, sep in parts))


HEADS = ["forvaltningen", "namnden", "styrelsen", "natverket", "enheten", "radet", "grupp", "kommitte"]


@given(st.sampled_from(HEADS), st.text(st.sampled_from(list("abcdeilosv")), max_size=6),
       st.lists(st.tuples(st.sampled_from(["replace", "insert", "delete"]), st.integers(0, 20),
                          st.sampled_from(list("eéèdi641l0caoåäö"))), max_size=2))
def test_head_repair_is_the_plain_repair(head, prefix, edits):
    normalizer = K.get_nlp().get_pipe("kg_normalize")
    word = list(prefix + head)
    for op, at, char in edits:
        at %= len(word)
        if op == "replace":
            word[at] = char
        elif op == "insert":
            word.insert(at, char)
        elif len(word) > 1:
            del word[at]
    word = "".join(word)
    assert normalizer._repair_head(word) == repair_head_plain(normalizer, word)


# --------------------------------------------------------------------------- candidates and persons

def _pipeline_spans(text: str) -> tuple[list, list]:
    doc = K.get_nlp()(text)
    return ([(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in doc.spans[K.SPANS_KEY]],
            [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in doc.spans[K.CANDIDATES]])


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_candidates_kept_as_spans_are_the_span_group(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast = _pipeline_spans(text)
    monkeypatch.setattr(nlp_tokens, "_known_candidates", lambda doc, group: None)   # read the span group each time
    assert _pipeline_spans(text) == fast


def _persons_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    for name in ("kg_normalize", "kg_organizations", "kg_patterns"):
        doc = nlp.get_pipe(name)(doc)
    finder = nlp.get_pipe("kg_persons")
    before = len(K.candidates(doc))
    expected = plain_persons(finder, doc)
    doc = finder(doc)
    assert [(s.start, s.end, s.label_, s.id_) for s in K.candidates(doc)[before:]] == expected


PERSON_WORDS = ["Anna", "Andersson", "Maria", "Boman", "Hansson", "Marie", "Krantz", "Lisa", "Per", "Skålén", "från",
                "Helsingborg", "Bjuv", "professor", "anna.berg@hbg.se", "och", "på", "Park", "Mats", "Bahar",
                "Norberg", "(S)", "SOF", "Lila", "Ericsson", "Skolförvaltningen"]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_persons_are_found_as_by_the_plain_loop_on_the_seeds(path):
    _persons_agree(path.read_text(encoding="utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PERSON_WORDS + WORDS[:20]), st.sampled_from(SEPARATORS + [", "])),
                min_size=1, max_size=20))
def test_persons_are_found_as_by_the_plain_loop_on_any_words(parts):
    _persons_agree("".join(w + sep for w, sep in parts))


# --------------------------------------------------------------------------- segmenting

from kg import segment as SEG  # noqa: E402
from kg.segment import decisions, lines, patterns  # noqa: E402

LINE_TEXT = st.lists(st.sampled_from(list("\ufeff \t\u00a0\u200b#%|¦>-*•·▪◦»¢=eoEAÅx:.1\r\u2003") + ["**", "~~"]),
                     max_size=14).map("".join)


@given(LINE_TEXT)
def test_split_lines_cleans_as_clean_line(raw):
    """split_lines keeps a line that starts with none of the characters clean_line cuts as it is."""
    assert lines.split_lines(raw) == [lines.clean_line(1, 0, raw)]


SENTENCE_TEXT = st.lists(st.sampled_from(list("Ab c.!?\n \t") + ["Beslut", "Å"]), max_size=60).map("".join)


@given(SENTENCE_TEXT, st.integers(0, 100), st.integers(1, 4))
def test_first_sentences_are_the_first_of_all_sentences(text, base, limit):
    assert decisions.sentences(text, base, limit=limit) == decisions.sentences(text, base)[:limit]


@given(SENTENCE_TEXT)
def test_flatten_is_the_plain_flatten(text):
    span = SEG.Span(0, len(text), text)
    assert decision_flatten(span) == re.sub(r"\s*\n\s*", " ", text)


def _segment_without_prefilters(doc, monkeypatch):
    """Every paragraph and sentence read for a decision, as if each held a cue word."""
    with monkeypatch.context() as m:
        m.setattr(decisions, "holds_cue", lambda text: True)
        return SEG.segment(doc)


@pytest.mark.parametrize("folder", ["seeds", "layouts"])
def test_segment_prefilters_change_nothing(folder, monkeypatch):
    from kg.pipeline import read_documents

    for doc in read_documents([SEEDS.parent / folder])[0]:
        assert SEG.segment(doc) == _segment_without_prefilters(doc, monkeypatch)


def test_segment_prefilters_change_nothing_on_a_synthetic_corpus(tmp_path, monkeypatch):
    from bench.synth import write_corpus
    from kg.pipeline import read_documents

    write_corpus(25, tmp_path, seed=11)
    for doc in read_documents([tmp_path])[0]:
        assert SEG.segment(doc) == _segment_without_prefilters(doc, monkeypatch)


DECISION_TEXT = st.lists(st.sampled_from(["Ledningsgruppen", "beslutar", "BESLUTADE", "beslöts", "att", "godkänner",
                                          "fastställer", "Mötet", "har", "fattat", "beslut", "om", "Anna", ".", "\n",
                                          "\n\n", "Beslut:", "Föredragande:", "Anna Berg", "föredrar", "ärendet"]),
                         max_size=30).map(" ".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DECISION_TEXT, DECISION_TEXT)
def test_segment_prefilters_change_nothing_on_any_item(monkeypatch, first, second):
    from kg.models import Document

    text = f"Ledningsgrupp 3 maj 2023\n\n1. Ekonomi\n\n{first}\n\n2. Övrigt\n\n{second}\n"
    doc = Document(identifier="x.txt", path="x.txt", text=text, media_type="text/plain", sha256="0" * 64)
    assert SEG.segment(doc) == _segment_without_prefilters(doc, monkeypatch)


def _capital_runs_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "kg_projects":
            break
        doc = proc(doc)
    finder = nlp.get_pipe("kg_projects")
    finder(doc)   # sets what the rules read (caps, the tokens of persons and organisations)
    table = K.token_table(doc)
    rows = lambda spans: [(s.start, s.end, s.id_) for s in spans]  # noqa: E731
    firsts = K.content_positions(finder._codes.of(table), nlp_tokens.CONTENT, nlp_tokens.RUN_START)
    fast = rows(finder._capital_runs(doc, table, finder._kind_facts(table), firsts))
    assert fast == rows(PlainProjects(finder).capital_runs(doc, table))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_capital_runs_are_the_plain_runs_on_the_seeds(path):
    _capital_runs_agree(path.read_text(encoding="utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PERSON_WORDS + WORDS + ["Mitt", "Chatbot", "Sally", "HBG", ":"]),
                          st.sampled_from(SEPARATORS)), min_size=1, max_size=20))
def test_capital_runs_are_the_plain_runs_on_any_words(parts):
    _capital_runs_agree("".join(w + sep for w, sep in parts))


@given(st.lists(st.sampled_from(["Närvarande", "Deltagare", "LG", " ", "ordförande", "Anna", "6vriga", "-", "\t",
                                 ":", "/", "é"]), max_size=12).map("".join))
def test_attendance_labels_need_a_colon_or_slash(line):
    # _attendance_label tries LABEL_RE only on lines with ":" or "/"
    if ":" not in line and "/" not in line:
        assert patterns.LABEL_RE.match(line) is None


TITLE_PROBES = ["Ekonomichef", "ekonomichefen", "Kassören", "VD", "vd", "Tomas", "Mas", "MAS", "Sjukvårdsdirektör",
                "direktörn", "Anna", "Berg", "enhetschef.", "Förvaltningschefen", "sekreterare", "Lindqvist", "chef",
                "Handläggaren", "nämndsekreterare", "ordförande", "Ordf.", "rektorn", "Rektor", "Kommundirektör"]


@pytest.mark.parametrize("word", TITLE_PROBES)
def test_title_word_is_the_plain_suffix_loop(word):
    from kg.segment.presenters import is_title_word

    assert is_title_word(word) == is_title_word_plain(word)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="abcdefhiklnorstuvåäöéADEKMSTV.", min_size=1, max_size=16))
def test_title_word_is_the_plain_suffix_loop_on_any_word(word):
    from kg.segment.presenters import is_title_word

    assert is_title_word(word) == is_title_word_plain(word)


@pytest.mark.parametrize("text", [
    "Digital delaktighet i Gävleborg (DDG) – samverkansprojekt mellan kommunerna",
    "Politisk organisation 2027 – uppdrag från KS", "Punkt 4 – Ekonomi", "a - b", "(S) – x", "x) -\ty",
    "– ingen", "x  – y", "x –  y", "Ordet-bindestreck", "", "slut –", "ö – ä", "_ - _",
])
def test_titled_heading_test_is_the_plain_expression(text):
    assert may_hold_titled(text) == bool(TITLED_PLAIN_RE.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aÖ1_() \t\n–—-", max_size=30))
def test_titled_heading_test_is_the_plain_expression_on_any_text(text):
    assert may_hold_titled(text) == bool(TITLED_PLAIN_RE.search(text))


@pytest.mark.parametrize("sentence", [
    "Kommunstyrelsen beslutade att godkänna rapporten.", "Dagordningen godkändes.", "Beslöts att ajournera mötet.",
    "Mötet enades om att skjuta frågan.", "Informationen noterades.", "Anna Berg informerade om läget.",
    "Nämnden föreslår kommunfullmäktige besluta att anta planen.", "Ärendet bordläggs.",
    "I fjol beslutade nämnden att ...", "Vi ses nästa vecka.",
])
def test_a_decision_sentence_holds_a_cue_word(sentence):
    """decisions.read_decisions reads only the sentences that hold a cue word: every sentence
    decision_start takes holds one."""
    from kg.segment.decision_cues import CUE_WORDS, decision_start
    from kg.segment.page import fold as page_fold

    folded = page_fold(sentence)
    if decision_start(folded) is not None:
        assert any(w in folded for w in CUE_WORDS)


def test_ocr_repair_compares_with_the_words_of_a_near_length_as_with_all():
    """``_repair`` compares a word with the vocabulary's words of one letter less to one more: the
    same nearest words as the whole vocabulary gives, for the long words of real minutes and for
    organisation words with a slip, a letter more or a letter less ("ndmnden", "styrelsens")."""
    normalizer = K.get_nlp().get_pipe("kg_normalize")
    words = {K.fold(w) for path in SEEDS.glob("*.txt") for w in re.findall(r"[^\W\d_]{7,}", path.read_text("utf-8"))}
    for v in normalizer.vocab_list[::7]:
        words.update({v + "s", v[:-1], v[:1] + "é" + v[2:], v[:-2] + "ll" + v[-1:]})
    assert len(words) > 300
    differ = [w for w in sorted(words) if near_words(normalizer, w) != near_words_plain(normalizer, w)]
    assert not differ
    assert any(near_words_plain(normalizer, w) for w in words)


@given(st.sampled_from(HEADS), st.text(st.sampled_from(list("abcdeilosvé")), min_size=2, max_size=8))
def test_ocr_repair_near_words_on_any_compound(head, prefix):
    normalizer = K.get_nlp().get_pipe("kg_normalize")
    word = prefix + head
    assert near_words(normalizer, word) == near_words_plain(normalizer, word)
