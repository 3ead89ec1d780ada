"""The spaCy pipeline, built once: ``spacy.blank("sv")`` plus rule and gazetteer components.

Every component is a ``Doc -> Doc`` callable registered with ``@Language.factory("kg_...")``;
word lists and token patterns are data in ``kg/resources`` (the gazetteer's files and
``resources/patterns/*.jsonl``), read when the pipeline is built, not written into code.

Pipeline (in order):

``kg_normalize``  ``token.norm_`` = the folded form (case and diacritics removed) with OCR slips in
                  organisation words repaired ("férvaltningen", "Chefsnitverket"), so that every
                  later rule compares folded forms and keeps exact offsets.
``kg_organizations``  curated organisations and generic group names: a longest-match lookup over
                  the norms of non-space tokens, so names broken over a line ("Högsta\\ndomstolen")
                  and coordinations written "Skol - och" still match.
``kg_patterns``   token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``)
                  for organisations and projects no list knows: spaCy's Matcher syntax and
                  results (as its SpanRuler gave them), matched per distinct word.
``kg_persons``    person names: a known given name plus surname-like words, double surnames, names
                  in e-mail addresses, lone given names (for extraction to link or drop).
``kg_context_orgs``  organisations no list knows, from what is said around them ("tillsammans med X").
``kg_projects``   project names that need context: quotes, "projektet X", "X är ett projekt",
                  enumerations, capitalised words in mid-sentence, bullet topics.
``kg_select``     picks the final, mostly non-overlapping spans into ``doc.spans["kg"]``.

All rule components write candidates to ``doc.spans["kg_candidates"]`` (label ``PER``, ``ORG`` or
``PRJ``; ``span.id_`` names the rule; ``span.kb_id_`` carries a gazetteer key). A statistical NER
can be slotted in by name (``get_nlp(ner="sv_core_news_sm")``): its ``doc.ents`` join the
candidates in ``kg_select`` with the lowest priority, so extraction reads ``doc.spans["kg"]``
whichever component found a span.

Each component is a module of this package with its factory (``normalize``, ``organizations``,
``patterns``, ``persons``, ``context_orgs``, ``projects``, ``select``); ``tokens`` holds what they
share of a Doc, ``tokenizer`` the tokenizer and ``words`` the ordinary Swedish words. The word lists
that need no spaCy (cues, names, group names) are in ``kg.lexicons``. This module builds the
pipeline and re-exports the names the rest of kg/ reads from it.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..lexicons.cues import OCR_CHARS, PATTERN_DIR, cue, cue_phrases, cues, linking_s, ocr_slip
from ..lexicons.names import first_names, is_abbreviation, is_first_name, is_surname, strip_genitive, surnames
from ..lexicons.organizations import group_canonical, group_labels
from ..models import MAX_TEXT_CHARS
from ..text import fold
from . import context_orgs, normalize, organizations, patterns, persons, projects, select  # noqa: F401 (factories)
from .normalize import label_norms
from .person_tokens import email_name
from .project_evidence import PROJECT_CUE_RULES
from .tokenizer import ChunkCachingTokenizer, make_tokenizer, tokenizer_chunks
from .tokens import (
    BULLETS,
    CANDIDATES,
    DASHES,
    ORG,
    PER,
    PRJ,
    QUOTES,
    SPANS_KEY,
    KindCodes,
    TokenTable,
    add_candidates,
    candidates,
    content_codes,
    content_positions,
    covered_tokens,
    drop_candidates,
    forget_candidates,
    kind_array,
    token_table,
)
from .words import Lexicon, is_ordinary_word, ordinary_words, swedish_words, words_file

__all__ = [
    "BULLETS", "CANDIDATES", "DASHES", "OCR_CHARS", "ORG", "PATTERN_DIR", "PER", "PRJ", "PROJECT_CUE_RULES", "QUOTES",
    "SPANS_KEY", "ChunkCachingTokenizer", "KindCodes", "Lexicon", "TokenTable", "add_candidates", "candidates",
    "content_codes", "content_positions", "covered_tokens", "cue", "cue_phrases", "cues", "drop_candidates",
    "email_name", "first_names", "fold", "forget_candidates", "get_nlp", "group_canonical", "group_labels",
    "is_abbreviation", "is_first_name", "is_ordinary_word", "is_surname", "kind_array", "label_norms",
    "linking_s", "make_tokenizer", "ocr_slip", "ordinary_words", "strip_genitive",
    "surnames", "swedish_words", "token_table", "tokenizer_chunks", "words_file",
]



@lru_cache(maxsize=4)
def get_nlp(ner: str | None = None) -> Language:
    """The pipeline, built once per ``ner`` setting.

    ``ner`` names an installed spaCy pipeline whose ``ner`` component is added after
    normalisation; its entities become candidates like the rules' spans.
    """
    nlp = spacy.blank("sv", config={"nlp": {"tokenizer": {"@tokenizers": "kg.sv_tokenizer.v1"}}})
    nlp.max_length = MAX_TEXT_CHARS   # the reader refuses longer texts (kg.models)
    nlp.tokenizer = ChunkCachingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kg_normalize")
    if ner:
        nlp.add_pipe("ner", source=spacy.load(ner))
    nlp.add_pipe("kg_organizations")
    nlp.add_pipe("kg_patterns")
    nlp.add_pipe("kg_persons")
    nlp.add_pipe("kg_context_orgs")
    nlp.add_pipe("kg_projects")
    nlp.add_pipe("kg_select")
    return nlp
