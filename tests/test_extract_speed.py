"""The fast paths of the pipeline components give what their plain forms give.

* the tokenizer hands on the text it was given as the Doc's text (``doc_text``, TokenTable);
* the TokenTable lists the non-space tokens through ``compress``;
* PersonFinder skips a one-word run that is no given name without making Token objects;
* ProjectFinder skips a rule whose cue words the document does not have, reads the capitalised
  tokens once and tests the cheapest things first in ``_mid_sentence``.

Each is compared with its plain form on the seeds, the genre samples, a synthetic corpus and
generated word sequences.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span
from test_fast_paths import _plain_persons  # PersonFinder.__call__ before its fast paths

from kg import nlp as K
from kg.nlp import project_cues as nlp_project_cues

DATA = Path(__file__).resolve().parent / "data"
TEXTS = sorted((DATA / "seeds").glob("*.txt")) + sorted((DATA / "layouts").glob("*"))
TEXTS = [p for p in TEXTS if p.is_file()]

WORDS = ["Anna", "Andersson", "Maria", "Boman", "Lisa", "Per", "Skålén", "från", "Helsingborg", "Bjuv",
         "professor", "anna.berg@hbg.se", "och", "på", "Park", "Mats", "(S)", "SOF", "Skolförvaltningen",
         "projektet", "Hbg", "Works", "\"", "Din", "hälsa", "”", "exempelvis", "Digitalt", "utanförskap", ",",
         "är", "ett", "stort", "projekt", "Yrkes", "SM", "konceptet", "med", "självstyrande", "team", "o",
         "Skoltempen", "-", "Mitt", "Chatbot", "Sally", "HBG", ":", "i", "Region", "Skåne", ".", "initiativ", "satsning", "Hälsolyftet"]
SEPARATORS = [" ", " ", "", "\n", "  ", "\n\n", ", "]
word_texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1,
                      max_size=25).map(lambda parts: "".join(w + sep for w, sep in parts))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def synthetic_texts(tmp_path_factory) -> list[str]:
    from bench.synth import write_corpus

    folder = tmp_path_factory.mktemp("speed") / "c"
    write_corpus(12, folder, seed=3)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()]


# --------------------------------------------------------------------------- tokenizer, table

def _text_and_table_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    assert doc.user_data["kg_text"] == doc.text == text
    nlp.get_pipe("kg_normalize")(doc)
    table = K.token_table(doc)
    assert table.content == [t.i for t in doc if not t.is_space]
    assert table.text == doc.text


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_the_text_handed_on_is_the_docs_text(path):
    _text_and_table_agree(_read(path))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(list("aåÅé -–\n\t\u00a0.,:()\"”SOF@x1") + ["t.ex.", ":s", "~~", "**"]),
                min_size=1, max_size=60).map("".join))
def test_the_text_handed_on_is_the_docs_text_for_any_text(text):
    _text_and_table_agree(text)


# --------------------------------------------------------------------------- persons

def _persons_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    for name in ("kg_normalize", "kg_organizations", "kg_patterns"):
        doc = nlp.get_pipe(name)(doc)
    finder = nlp.get_pipe("kg_persons")
    before = len(K.candidates(doc))
    expected = _plain_persons(finder, doc)
    doc = finder(doc)
    assert [(s.start, s.end, s.label_, s.id_) for s in K.candidates(doc)[before:]] == expected


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_persons_as_by_the_plain_loop_on_real_text(path):
    _persons_agree(_read(path))


def test_persons_as_by_the_plain_loop_on_synthetic_minutes(synthetic_texts):
    for text in synthetic_texts:
        _persons_agree(text)


@settings(max_examples=200, deadline=None)
@given(word_texts)
def test_persons_as_by_the_plain_loop_on_any_words(text):
    _persons_agree(text)


# --------------------------------------------------------------------------- projects

class _PlainProjects:
    """The rules of ProjectFinder that have fast paths, as they were written before them."""

    def __init__(self, finder) -> None:
        self.f = finder

    def quoted(self, doc, table):
        f, texts = self.f, table.texts
        n = len(texts)
        i = 0
        for q in [k for k, text in enumerate(texts) if text in K.QUOTES]:
            if q < i:
                continue
            i = q
            j = i + 1
            while j < n and j - i <= 8 and texts[j] not in K.QUOTES and "\n" not in texts[j]:
                j += 1
            if j < n and texts[j] in K.QUOTES and j > i + 1 and texts[i + 1][:1].isupper():
                if not all(t in f.per_tok or t in f.org_tok for t in range(i + 1, j)):
                    s = f._span(doc, table, i + 1, j, "project_quoted")
                    if s is not None:
                        yield s
                i = j + 1
                continue
            i += 1

    def enumeration(self, doc, table):
        f = self.f
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        n = len(norms)
        for i in range(n):
            for words in (f.enum if f.enum_any_empty else f.enum_by_first.get(norms[i], ())):
                if tuple(norms[i:i + len(words)]) != words:
                    continue
                j = i + len(words)
                while j < n:
                    while j < n and space[j]:
                        j += 1
                    if j >= n or not f.caps[j] or not f._free(j):
                        break
                    b = j
                    while b < n and not punct[b] and not space[b] and norms[b] != "och" and b - j < 4:
                        b += 1
                    if not all(f._free(x) for x in range(j, b)):
                        break
                    s = f._span(doc, table, j, b, "project_enumerated")
                    if s is not None:
                        yield s
                    if b < n and (texts[b] == "," or norms[b] == "och"):
                        j = b + 1
                    else:
                        break

    def mid_sentence(self, doc, table):
        f = self.f
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        n = len(texts)
        for i in range(n):
            text = texts[i]
            if not (f.caps[i] and f._free(i)) or text.isupper() or len(text) < 4:
                continue
            if table.sentence_start(i) or K.is_first_name(text) or K.fold(text) in f.lone_stop:
                continue
            prev = i - 1
            if norms[prev] in f.locative or norms[prev] in {"en", "ett"} or f.caps[prev] \
                    or (i + 1 < n and f.caps[i + 1]):
                continue
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            s = f._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def bullet_topic(self, doc, table):
        f = self.f
        texts, alpha, lower = table.texts, table.alpha, table.lower
        n = len(texts)
        for i in range(n):
            text = texts[i]
            if not f.caps[i] or not f._free(i) or text.isupper() or not table.line_start(i, numbers=False):
                continue
            if K.is_ordinary_word(text) or K.is_first_name(text) or K.fold(text) in f.lone_stop:
                continue
            j = i + 1
            if j < n and lower[j] and alpha[j]:
                j += 1
            if j < n and texts[j] in K.DASHES:
                yield Span(doc, i, i + 1, label=K.PRJ, span_id="project_topic")


def _projects_agree(text: str) -> None:
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "kg_projects":
            break
        doc = proc(doc)
    finder = nlp.get_pipe("kg_projects")
    finder(doc)   # sets what the rules read
    table = K.token_table(doc)
    plain = _PlainProjects(finder)
    rows = lambda spans: [(s.start, s.end, s.id_) for s in spans]  # noqa: E731
    # the rules whose only change is a test of the whole document first: the same as without it
    assert finder.caps == [finder._cap(t) for t in table.texts]
    assert finder.cap_at == [k for k, cap in enumerate(finder.caps) if cap]
    assert rows(finder._quoted(doc, table)) == rows(plain.quoted(doc, table))
    assert rows(finder._enumeration(doc, table)) == rows(plain.enumeration(doc, table))
    assert rows(finder._mid_sentence(doc, table)) == rows(plain.mid_sentence(doc, table))
    assert rows(finder._bullet_topic(doc, table)) == rows(plain.bullet_topic(doc, table))
    for rule in (finder._after_cue, finder._copula):   # without the prefilter: the rule on all tokens
        assert rows(rule(doc, table)) == rows(_without_prefilter(rule, doc, table))


def _without_prefilter(rule, doc, table):
    """``rule`` with its cue sets replaced by sets that are never disjoint from the document, so
    that the early return is never taken; the words it reacts to stay the same."""

    class Always(frozenset):
        def isdisjoint(self, other):
            return False

    finder = rule.__self__
    saved_after = finder.after
    saved_nouns = nlp_project_cues.COPULA_NOUNS
    try:
        finder.after = Always(saved_after)   # the cue words, "inom" and the labels
        nlp_project_cues.COPULA_NOUNS = Always({"projekt", "initiativ", "satsning"})   # the words as the rule had them
        return list(getattr(finder, rule.__name__)(doc, table))
    finally:
        finder.after = saved_after
        nlp_project_cues.COPULA_NOUNS = saved_nouns


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_project_rules_as_their_plain_forms_on_real_text(path):
    _projects_agree(_read(path))


def test_project_rules_as_their_plain_forms_on_synthetic_minutes(synthetic_texts):
    for text in synthetic_texts:
        _projects_agree(text)


@settings(max_examples=200, deadline=None)
@given(word_texts)
def test_project_rules_as_their_plain_forms_on_any_words(text):
    _projects_agree(text)


@pytest.mark.parametrize("text", [
    "Hälsolyftet är en satsning i Helsingborg. Yrkes SM är ett stort projekt.",
    "Vi arbetar i projektet Hbg Works och konceptet med självstyrande team.",
    "Exempelvis Digitalt utanförskap, Hälsoprojektet och Chatbot Sally.",
    "o Skoltempen - Niklas har ordet\n\"Din hälsa Helsingborg\" presenteras av Anna Andersson.",
])
def test_project_rules_as_their_plain_forms_on_sentences(text):
    _projects_agree(text)
