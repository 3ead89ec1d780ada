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

from kg import nlp as K
from tests.oracles.nlp import (
    PlainProjects,
    plain_persons,  # PersonFinder.__call__ before its fast paths
    without_prefilter,
)

DATA = Path(__file__).resolve().parents[1] / "data"
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
    expected = plain_persons(finder, doc)
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
    plain = PlainProjects(finder)
    rows = lambda spans: [(s.start, s.end, s.id_) for s in spans]  # noqa: E731
    # the rules whose only change is a test of the whole document first: the same as without it
    assert finder.caps == [finder._cap(t) for t in table.texts]
    assert finder.cap_at == [k for k, cap in enumerate(finder.caps) if cap]
    assert rows(finder._quoted(doc, table)) == rows(plain.quoted(doc, table))
    assert rows(finder._enumeration(doc, table)) == rows(plain.enumeration(doc, table))
    assert rows(finder._mid_sentence(doc, table)) == rows(plain.mid_sentence(doc, table))
    assert rows(finder._bullet_topic(doc, table)) == rows(plain.bullet_topic(doc, table))
    for rule in (finder._after_cue, finder._copula):   # without the prefilter: the rule on all tokens
        assert rows(rule(doc, table)) == rows(without_prefilter(rule, doc, table))


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
