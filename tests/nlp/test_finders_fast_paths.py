"""The fast paths of kg_persons, kg_projects and kg_select (kg/nlp/) give what their plain forms give.

* ``PersonFinder.__call__`` works on token indices and reads its tests of a token's text (name-like,
  given name, surname, ordinary word, surname-like, stop word) per ``TokenTable.kinds``;
  its plain form (``PlainPersons``) makes Token objects and asks per text;
* ``ProjectFinder.__call__`` reads its tests of a token's text per kind, starts its first four rules
  only at the tokens whose kind (or, for white space with an odd norm, whose norm) is a cue, and
  starts capital runs, mid-sentence names and bullet topics only where the kind passes their tests;
* ``Selector.__call__`` reads each span's start, end, label and rule once and the tokens from the
  TokenTable;
* ``TokenTable.sentence_start`` reads the token before ahead of the line.

Each is compared with its plain form on the same Doc (the same TokenTable), on real text and on
generated word sequences.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from kg import nlp as K
from kg.nlp import project_cues as nlp_project_cues
from tests.oracles import nlp as O
from tests.oracles.nlp import cue_bits, select_plain, sentence_start_plain
from tests.oracles.nlp_finders import plain_component

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = sorted((DATA / "seeds").glob("*.txt")) + sorted(p for p in (DATA / "layouts").iterdir() if p.is_file())

# words the person and project rules react to
WORDS = [
    "Anna", "Maria", "Berg", "Svensson", "Lisa", "Mats", "Park", "Gran", "Per", "Skålén", "Ardiana", "Demjaha",
    "Anna-Karin", "Wickenberg", "Rosengren", "Ericsson", "Lila", "Dag", "Hansson", "professor", "från",
    "projektet", "konceptet", "med", "självstyrande", "team", "som", "handlar", "om", "AI", "inom", "Familjen",
    "Helsingborg", "Mitt", "Plats", "Hbg", "Works", "Yrkes", "SM", "är", "ett", "stort", "projekt", "en",
    "exempelvis", "bl.a.", "Digitalt", "utanförskap", "Hälsoprojektet", "Chatbot", "Sally", "Staden", "på",
    "i", "vid", "Heden", "o", "•", "-", "–", ":", ",", ".", "\"", "”", "(", ")", "2.", "§", "12", "och",
    "Region", "Skåne", "Lund", "kommun", "Kommunstyrelsen", "anna.berg@hbg.se", "Januari", "HSS", "för",
    "Samhällsorientering", "Curiosity", "Mashup", "Skoltempen", "Niklas", "har", "\u00a0",
]
SEPARATORS = [" ", "", "\n", "  ", "\n\n", "\t", "\u00a0", " \n "]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _spans(doc) -> list[tuple]:
    return [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in K.candidates(doc)]


def _through(text: str, last: str):
    """A Doc of ``text`` after the components before ``last`` (the fast paths)."""
    nlp = K.get_nlp()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == last:
            break
        K.forget_candidates()
        proc(doc)
    return nlp, doc


def _component_agrees(text: str, name: str) -> None:
    """``name``'s fast path and its plain form add the same candidates to the same Doc."""
    nlp, fast = _through(text, name)
    _, plain = _through(text, name)
    assert _spans(fast) == _spans(plain)
    assert K.token_table(fast).kinds is not None
    component = nlp.get_pipe(name)
    K.forget_candidates()
    component(fast)
    K.forget_candidates()
    plain_component(nlp, name, plain)
    assert _spans(fast) == _spans(plain), name


def _selector_agrees(text: str, ents: bool = False) -> None:
    nlp, doc = _through(text, "kg_select")
    if ents and len(doc) >= 3:   # entities of a statistical NER, overlapping the rules' spans
        doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, len(doc) - 1, len(doc), label="PER")]
    selector = nlp.get_pipe("kg_select")
    selector(doc)
    fast = [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in doc.spans[K.SPANS_KEY]]
    select_plain(selector, doc)
    plain = [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in doc.spans[K.SPANS_KEY]]
    assert fast == plain


def _sentence_starts_agree(text: str) -> None:
    _, doc = _through(text, "kg_organizations")
    table = K.token_table(doc)
    for i in range(len(doc)):
        assert table.sentence_start(i) == sentence_start_plain(table, i) == O.sentence_start(doc, i), i


def _kind_facts_agree(text: str) -> None:
    """The per-kind facts are the per-text tests they stand for."""
    nlp, doc = _through(text, "kg_persons")
    table = K.token_table(doc)
    persons, projects = nlp.get_pipe("kg_persons"), nlp.get_pipe("kg_projects")
    like, starts, first, sur, ordinary, sur_like, stop = persons._kind_facts(table)
    caps, p_starts, conts, mids, topics = projects._kind_facts(table)
    for i, k in enumerate(table.kinds or ()):
        t = table.texts[i]
        assert like[k] == persons._name_text(t)
        assert starts[k] == (persons._name_text(t) or bool(table.email[i]))
        assert first[k] == K.is_first_name(t) and sur[k] == K.is_surname(t)
        assert ordinary[k] == K.is_ordinary_word(t) and sur_like[k] == persons._surname_text(t)
        assert stop[k] == (K.fold(t) in persons.stop)
        cap = bool(t) and t[0].isupper() and t.replace("-", "").isalpha()
        assert caps[k] == cap
        stopped = K.fold(t) in projects.stop
        alone = K.fold(t) in projects.lone_stop   # (stop words and places: no run starts at one)
        assert p_starts[k] == (cap and not t.isupper() and not alone and not K.is_first_name(t))
        assert conts[k] == ((cap or (t.isupper() and len(t) <= 4 and bool(table.alpha[i]))) and not stopped)
        assert mids[k] == (cap and not t.isupper() and len(t) >= 4 and not K.is_first_name(t) and not alone)
        assert topics[k] == (cap and not t.isupper() and not K.is_ordinary_word(t) and not K.is_first_name(t)
                             and not alone)
        assert projects._words[k] == (t.isalpha() and not set(t) <= set("0123456789.:)§ ") | K.BULLETS)
        quote = 1 if t in K.QUOTES else 0
        norm = table.norms[i]
        if i not in (table.odd or ()):   # (the bits of a kind follow its norm)
            assert cue_bits(projects)[k] == quote | (2 if norm in projects.after else 0) \
                | (4 if norm in nlp_project_cues.COPULA_NOUNS else 0) | (8 if norm in projects.enum_by_first else 0)


def _all_agree(text: str) -> None:
    _component_agrees(text, "kg_persons")
    _component_agrees(text, "kg_projects")
    _selector_agrees(text)
    _selector_agrees(text, ents=True)
    _sentence_starts_agree(text)
    _kind_facts_agree(text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_fast_persons_projects_and_selector_on_real_text(path):
    _all_agree(_read(path))


_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=24).map(
    lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_fast_persons_projects_and_selector_on_any_word_sequence(text):
    _all_agree(text)


def test_an_empty_text():
    _component_agrees("", "kg_persons")
    _component_agrees("", "kg_projects")
    _selector_agrees("")


@pytest.mark.parametrize("text", [
    "på Maria Park i Lund",
    "Anna Maria Svensson och Lila Ericsson, professor från Lund",
    "Per Skålén, professor vid universitetet\nMats\nBerg",
    "Yrkes SM är ett stort projekt. Projektet Hbg Works och konceptet med självstyrande team.",
    "exempelvis Digitalt utanförskap, Hälsoprojektet och Chatbot Sally",
    "o Skoltempen - Niklas har \u201cDin hälsa Helsingborg\u201d\u00a0projektet",
    "Mitt Helsingborg\nPlats Helsingborg:\nStaden som samhällsbyggare.",
])
def test_examples(text):
    _all_agree(text)
