"""The fast paths of the pipeline components give what their plain forms give.

* the tokenizer hands on the text it was given as the Doc's text (``doc_text``, TokenTable);
* the TokenTable lists the non-space tokens through ``compress``;
* PersonFinder skips a one-word run that is no given name without making Token objects;
* ProjectFinder starts its rules only at the tokens whose kind lets them start (a cue word, a
  capitalised word passing the rule's tests of the text) and tests the cheapest things first.

Each is compared with its plain form on the seeds, the genre samples, a synthetic corpus and
generated word sequences.
"""
from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import nlp as K
from kg.nlp import tokens as nlp_tokens
from tests.oracles.nlp_finders import (
    PlainProjects,
    plain_component,
    plain_persons,  # PersonFinder.__call__ before its fast paths
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


def _through_to_projects(text: str):
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "kg_projects":
            break
        K.forget_candidates()
        doc = proc(doc)
    return nlp, doc


def _projects_agree(text: str) -> None:
    """``ProjectFinder`` gives the candidates of its plain form; each shape rule, started where the
    kinds let it start, what it gives stepping on every token."""
    nlp, doc = _through_to_projects(text)
    _, plain = _through_to_projects(text)
    finder = nlp.get_pipe("kg_projects")
    K.forget_candidates()
    finder(doc)   # sets what the rules read
    table = K.token_table(doc)
    rules = PlainProjects(finder)
    rows = lambda spans: [(s.start, s.end, s.id_) for s in spans]  # noqa: E731
    assert finder.caps == [finder._cap(t) for t in table.texts]
    facts, codes = finder._kind_facts(table), finder._codes.of(table)
    assert rows(finder._capital_runs(doc, table, facts, K.content_positions(codes, nlp_tokens.CONTENT, nlp_tokens.RUN_START))) \
        == rows(rules.capital_runs(doc, table))
    assert rows(finder._mid_sentence(doc, table, facts, numpy.flatnonzero(codes & nlp_tokens.MID).tolist())) \
        == rows(rules.mid_sentence(doc, table))
    assert rows(finder._bullet_topic(doc, table, numpy.flatnonzero(codes & nlp_tokens.TOPIC).tolist())) \
        == rows(rules.bullet_topic(doc, table))
    K.forget_candidates()
    plain_component(nlp, "kg_projects", plain)
    spans = lambda d: [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in K.candidates(d)]  # noqa: E731
    assert spans(doc) == spans(plain)


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
    "Nämnden noterade att Samordnad svävartrafik godkändes.",   # the name stops before its verb
])
def test_project_rules_as_their_plain_forms_on_sentences(text):
    _projects_agree(text)
