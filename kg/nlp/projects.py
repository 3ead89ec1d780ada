"""``kg_projects``: project names that need context (quotes, "projektet X", "X är ett projekt",
enumerations, capitalised words in mid-sentence, bullet topics)."""
from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import cue, cue_phrases
from ..lexicons.names import is_first_name
from ..lexicons.organizations import is_municipality
from ..text import fold
from .project_capitals import ProjectCapitalRules
from .project_cues import COPULA_NOUNS, ProjectCueRules
from .project_evidence import ProjectEvidence
from .tokens import (
    CONTENT,
    LINE_START_NUMBERS,
    MID,
    ORG,
    PER,
    PRJ,
    QUOTES,
    RUN_START,
    TOPIC,
    KindCodes,
    TokenTable,
    add_candidates,
    candidates,
    content_positions,
    covered_tokens,
    normalized_table,
    sentence_mark,
)
from .words import is_ordinary_word

# where the first rules of ProjectFinder start: a quote, a norm in project_after, a copula noun,
# the first word of an enumeration cue
_CUE_QUOTE, _CUE_AFTER, _CUE_COPULA, _CUE_ENUM = 1, 2, 4, 8
_CUES = 15


class ProjectFinder(ProjectCueRules, ProjectCapitalRules):
    """Named projects and initiatives that only context shows.

    * a quotation that starts with a capital: "Din hälsa Helsingborg", "Brukare blir utvecklare"
    * after a cue word: "projektet Hbg Works", "konceptet med självstyrande team",
      "projektet som handlar om AI inom Familjen Helsingborg"
    * "Yrkes SM är ett stort projekt"
    * the capitalised items of an enumeration: "exempelvis Digitalt utanförskap, Hälsoprojektet"
    * two or more capitalised words that are no person or organisation: "Chatbot Sally",
      "Curiosity Mashup", "Mitt Helsingborg" (a municipality may close it)
    * a capitalised unknown word in mid-sentence, not after a place preposition, with at most two
      lower-case words up to the end of the clause: "Staden som samhällsbyggare", "Samhällsorientering"
    * the topic of a bullet line: "o Skoltempen - Niklas har ..."

    The rules themselves are inherited: the cue rules from ``ProjectCueRules`` (project_cues.py),
    the shape rules from ``ProjectCapitalRules`` (project_capitals.py).
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.within = cue("project_within")
        self.labels = cue("project_label")
        # the norms the cue rule starts at (``_after_cue``): a project word, "inom", a label
        self.after = cue("project_after") | self.within | self.labels
        self.label_only = self.labels - cue("project_after")
        self.frame = cue_phrases("project_frame")
        self.programme_heads = tuple(sorted(cue("project_programme_heads")))
        self.evidence = ProjectEvidence()
        self.title_words = cue("project_title_words")
        self.about = [tuple(fold(w).split()) for w in cue("project_about")]
        self.enum = [tuple(fold(w).replace(".", " . ").split()) for w in cue("enumeration")]
        self.copula = cue("copula")
        self.locative = cue("locative")
        self.stop = cue("months") | cue("not_names")
        # a word that never names a project alone nor opens a run of capitals: the stop words
        # and places (countries, provinces)
        self.lone_stop = self.stop | cue("place_names")
        self.passive_endings = tuple(sorted(cue("passive_verb_endings")))
        self.subject_verbs = cue("verbs_after_subject")
        self.enum_by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in self.enum:
            if words:
                self.enum_by_first.setdefault(words[0], []).append(words)
        self.enum_any_empty = any(not words for words in self.enum)
        self._caps: dict[str, bool] = {}
        self._rows: list | None = None   # the kind rows _facts was made for
        self._facts: tuple[list, list, list, list, list] = ([], [], [], [], [])
        self._codes = KindCodes()        # by kind: _CUE_* of the kind's text and norm, RUN_START ...
        self._words: list[bool] = []     # by kind: letters only, and not all of them line-start marks
        self._marks: list[bool] = []     # by kind: a token after which a sentence starts (sentence_start)
        self._municipal: dict[str, bool] = {}   # kb_id -> is_municipality

    def __call__(self, doc: Doc) -> Doc:
        """The candidates of every rule, kept where the evidence supports them; what the rules ask
        of a token's text alone (capitalised, all capitals, stop word, given name, ordinary word)
        read per ``TokenTable.kinds`` (``_kind_facts``), each rule started only at the tokens
        whose kind (a cue's, or one passing the rule's first tests) lets it start there."""
        table = normalized_table(doc)
        self._taken_sets(doc)
        kinds = table.kinds
        facts = self._kind_facts(table)
        self.caps = list(map(facts[0].__getitem__, kinds))   # once per token
        found: list[Span] = []
        codes = self._codes.of(table)
        # where the first four rules may start (a quote; a norm that is a cue), by kind; a token
        # whose norm is not its kind's (white space only) is tested by its norm
        cues = codes & _CUES
        hits = numpy.flatnonzero(cues)
        bits = dict(zip(hits.tolist(), cues.take(hits).tolist()))
        if table.odd:
            norms = table.norms
            for i in table.odd:
                bit = (bits.get(i, 0) & _CUE_QUOTE) | self._norm_bits(norms[i])
                if bit:
                    bits[i] = bit
                else:
                    bits.pop(i, None)
            bits = dict(sorted(bits.items()))
        if bits:
            for rule, bit in ((self._quoted, _CUE_QUOTE), (self._after_cue, _CUE_AFTER),
                              (self._copula, _CUE_COPULA), (self._enumeration, _CUE_ENUM)):
                at = [i for i, b in bits.items() if b & bit]
                if at:
                    found.extend(rule(doc, table, at))
        found.extend(self._capital_runs(doc, table, facts, content_positions(codes, CONTENT, RUN_START)))
        found.extend(self._mid_sentence(doc, table, facts, numpy.flatnonzero(codes & MID).tolist()))
        found.extend(self._bullet_topic(doc, table, numpy.flatnonzero(codes & TOPIC).tolist()))
        found.extend(self._titled(doc, table))
        add_candidates(doc, self.evidence.keep(doc, table, found))
        return doc

    def _taken_sets(self, doc: Doc) -> None:
        """The tokens of organisations, persons (not weak given names) and municipalities, each
        span's label read once and ``is_municipality`` asked once per kb id."""
        spans = candidates(doc)
        labels = [s.label_ for s in spans]
        orgs = [s for s, label in zip(spans, labels) if label == ORG]
        persons = [s for s, label in zip(spans, labels) if label == PER and s.id_ not in ("first_name_weak",)]
        self.org_tok = covered_tokens(orgs)
        self.per_tok = covered_tokens(persons)
        self.taken = self.org_tok | self.per_tok   # (what _free tests)
        known = self._municipal
        municipal = set()
        for s in orgs:
            kb_id = s.kb_id_
            town = known.get(kb_id)
            if town is None:
                town = known[kb_id] = is_municipality(kb_id)
            if town:
                municipal.update(range(s.start, s.end))
        self.municipal = municipal

    def _norm_bits(self, norm: str) -> int:
        return ((_CUE_AFTER if norm in self.after else 0) | (_CUE_COPULA if norm in COPULA_NOUNS else 0)
                | (_CUE_ENUM if self.enum_any_empty or norm in self.enum_by_first else 0))

    def _kind_facts(self, table: TokenTable) -> tuple[list, list, list, list, list]:
        """By ``TokenTable.kinds``: (``_cap``; may start a capital run; may continue one; may be a
        mid-sentence name; may be a bullet topic), the tests of the token's text alone."""
        rows = table.kind_rows
        if self._rows is not rows:   # (another Normalizer numbers the kinds otherwise)
            self._rows = rows
            self._facts = ([], [], [], [], [])
            self._codes.clear()
            self._words = []
            self._marks = []
        facts = self._facts
        caps, starts, conts, mids, topics = facts
        stop = self.stop
        for row in rows[len(caps):]:
            text = row[0]
            cap = self._cap(text)
            upper = text.isupper()
            folded = fold(text)
            stopped = folded in stop
            alone_stopped = stopped or folded in self.lone_stop
            first = is_first_name(text)
            caps.append(cap)
            starts.append(cap and not upper and not alone_stopped and not first)
            conts.append((cap or (upper and len(text) <= 4 and bool(row[5]))) and not stopped)
            mids.append(cap and not upper and len(text) >= 4 and not first and not alone_stopped)
            topics.append(cap and not upper and not alone_stopped and not first and not is_ordinary_word(text))
            self._codes.values.append((_CUE_QUOTE if text in QUOTES else 0) | self._norm_bits(row[1])
                                      | (RUN_START if starts[-1] else 0) | (MID if mids[-1] else 0)
                                      | (TOPIC if topics[-1] else 0) | (0 if row[3] else CONTENT))
            self._words.append(text.isalpha() and not LINE_START_NUMBERS.issuperset(text))
            self._marks.append(not row[3] and sentence_mark(text))
        return facts

    # -- helpers
    def _free(self, i: int) -> bool:
        return i not in self.taken

    def _cap(self, text: str) -> bool:
        known = self._caps.get(text)
        if known is None:
            known = self._caps[text] = bool(text) and text[0].isupper() and text.replace("-", "").isalpha()
        return known

    def _span(self, doc: Doc, table: TokenTable, a: int, b: int, rule: str) -> Span | None:
        punct, space = table.punct, table.space
        while b > a and (punct[b - 1] or space[b - 1]):
            b -= 1
        while a < b and (punct[a] or space[a]):
            a += 1
        if b <= a:
            return None
        return Span(doc, a, b, label=PRJ, span_id=rule)


@Language.factory("kg_projects")
def make_projects(nlp: Language, name: str) -> ProjectFinder:
    return ProjectFinder(nlp, name)
