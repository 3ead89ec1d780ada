"""``kg_projects``: project names that need context (quotes, "projektet X", "X är ett projekt",
enumerations, capitalised words in mid-sentence, bullet topics)."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import compress

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import cue, cue_phrases
from ..lexicons.names import is_first_name
from ..lexicons.organizations import is_municipality
from ..text import fold
from .project_evidence import ProjectEvidence
from .tokens import (
    CONTENT,
    DASHES,
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
    sentence_mark,
    token_table,
)
from .words import is_ordinary_word

_COPULA_NOUNS = frozenset({"projekt", "initiativ", "satsning"})
# where the first rules of ProjectFinder start: a quote, a norm in project_after, a copula noun,
# the first word of an enumeration cue
_CUE_QUOTE, _CUE_AFTER, _CUE_COPULA, _CUE_ENUM = 1, 2, 4, 8
# a heading line "NAME (ABBR) – word ...": the name starts at the line's first letter (after a
# bullet, number or emoji) and holds no comma; _may_hold_titled is the cheap test that one may be there
# (searched as its dash, which the engine finds at once, then the word character before it:
# a search that begins with \w tries every letter of the text)
_TITLED_DASH_RE = re.compile(r"[ \t][–—-][ \t]\w")
_WORD_CHAR_RE = re.compile(r"\w")


def _may_hold_titled(text: str) -> bool:
    r"""Whether ``text`` holds r"\w\)?[ \t][–—-][ \t]\w": a word, maybe a ")", and a spaced dash."""
    for m in _TITLED_DASH_RE.finditer(text):
        p = m.start()
        if p and (_WORD_CHAR_RE.match(text, p - 1) or text[p - 1] == ")" and p > 1 and _WORD_CHAR_RE.match(text, p - 2)):
            return True
    return False
_TITLED_LINE_RE = re.compile(
    r"^[^\w\n]{0,4}(?P<name>[A-ZÅÄÖ][^\n,;:–—]{2,80}?)(?:\s*\([A-ZÅÄÖ]{2,8}\))?[ \t]+[–—-][ \t]+(?P<word>\w+)",
    re.MULTILINE)
_CUES = 15


class ProjectFinder:
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
        """``_call_plain``, with what the rules ask of a token's text alone (capitalised, all
        capitals, stop word, given name, ordinary word) read per ``TokenTable.kinds``
        (``_kind_facts``), and ``_capital_runs``, ``_mid_sentence`` and ``_bullet_topic`` started
        only at the tokens whose kind passes their first tests (``_fast_*``)."""
        table = token_table(doc)
        if table.kinds is None:
            return self._call_plain(doc)
        self._taken_sets(doc)
        kinds = table.kinds
        facts = self._kind_facts(table)
        self.caps = list(map(facts[0].__getitem__, kinds))   # once per token
        self._cap_at = None   # (made when read: the fast rules do not)
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
        found.extend(self._fast_capital_runs(doc, table, facts, content_positions(codes, CONTENT, RUN_START)))
        found.extend(self._fast_mid_sentence(doc, table, facts, numpy.flatnonzero(codes & MID).tolist()))
        found.extend(self._fast_bullet_topic(doc, table, numpy.flatnonzero(codes & TOPIC).tolist()))
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

    @property
    def _cue_bits(self) -> list[int]:
        """By kind: the _CUE_* bits of the kind's text and norm."""
        return [code & _CUES for code in self._codes.values]

    def _norm_bits(self, norm: str) -> int:
        return ((_CUE_AFTER if norm in self.after else 0) | (_CUE_COPULA if norm in _COPULA_NOUNS else 0)
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
            stopped = fold(text) in stop
            first = is_first_name(text)
            caps.append(cap)
            starts.append(cap and not upper and not stopped and not first)
            conts.append((cap or (upper and len(text) <= 4 and bool(row[5]))) and not stopped)
            mids.append(cap and not upper and len(text) >= 4 and not first and not stopped)
            topics.append(cap and not upper and not stopped and not first and not is_ordinary_word(text))
            self._codes.values.append((_CUE_QUOTE if text in QUOTES else 0) | self._norm_bits(row[1])
                                      | (RUN_START if starts[-1] else 0) | (MID if mids[-1] else 0)
                                      | (TOPIC if topics[-1] else 0) | (0 if row[3] else CONTENT))
            self._words.append(text.isalpha() and not LINE_START_NUMBERS.issuperset(text))
            self._marks.append(not row[3] and sentence_mark(text))
        return facts

    def _call_plain(self, doc: Doc) -> Doc:
        self._taken_sets(doc)
        self.municipal = {i for s in candidates(doc, ORG) for i in range(s.start, s.end) if is_municipality(s.kb_id_)}
        table = token_table(doc)
        known = self._caps
        for text in set(table.texts).difference(known):
            self._cap(text)
        self.caps = list(map(known.__getitem__, table.texts))   # once per token
        self.cap_at = list(compress(range(len(self.caps)), self.caps))   # the capitalised tokens
        found: list[Span] = []
        for rule in (self._quoted, self._after_cue, self._copula, self._enumeration,
                     self._capital_runs, self._mid_sentence, self._bullet_topic, self._titled):
            found.extend(rule(doc, table))
        add_candidates(doc, self.evidence.keep(doc, table, found))
        return doc

    @property
    def cap_at(self) -> list[int]:
        """The capitalised tokens of the document read last."""
        if self._cap_at is None:
            self._cap_at = list(compress(range(len(self.caps)), self.caps))
        return self._cap_at

    @cap_at.setter
    def cap_at(self, value: list[int]) -> None:
        self._cap_at = value

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

    # -- rules (over token indices; see TokenTable)
    def _quoted(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the quotes, when known)"""
        texts = table.texts
        n = len(texts)
        i = 0
        if at is None:
            if QUOTES.isdisjoint(texts):
                return   # (the loop below starts only at a quote)
            at = [k for k, text in enumerate(texts) if text in QUOTES]
        for q in at:
            if q < i:
                continue   # inside the quotation just read
            i = q
            j = i + 1
            while j < n and j - i <= 8 and texts[j] not in QUOTES and "\n" not in texts[j]:
                j += 1
            if j < n and texts[j] in QUOTES and j > i + 1 and texts[i + 1][:1].isupper():
                if not all(t in self.per_tok or t in self.org_tok for t in range(i + 1, j)):
                    s = self._span(doc, table, i + 1, j, "project_quoted")
                    if s is not None:
                        yield s
                i = j + 1
                continue
            i += 1

    def _after_cue(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm is a cue, when known)"""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        alpha, lower = table.alpha, table.lower
        n = len(texts)
        if at is None:
            if self.after.isdisjoint(norms):
                return   # (the loop below starts only at a cue)
            at = [k for k, norm in enumerate(norms) if norm in self.after]
        for i in at:
            j = i + 1
            while j < n and space[j]:
                j += 1
            norm = norms[i]
            if norm in self.within:
                s = self._within(doc, table, j)
                if s is not None:
                    yield s
                continue
            if norm in self.labels:
                s = self._label(doc, table, j) if texts[i][:1].isupper() and table.line_start(i) else None
                if s is not None:
                    yield s
                    continue
                if norm in self.label_only:
                    continue   # "styrgrupp" in running text or a table is no cue
            # "projektet som handlar om X"
            for words in self.about:
                k = j
                if k < n and norms[k] == "som":
                    k += 1
                if tuple(norms[x] for x in range(k, min(k + len(words) + 2, n)) if not space[x])[:len(words)] == words:
                    while k < n and (space[k] or norms[k] in words):
                        k += 1
                    a = k
                    b = a
                    while b < n and b - a < 6 and not punct[b] and not space[b]:
                        b += 1
                    s = self._span(doc, table, a, b, "project_about")
                    if s is not None:
                        yield s
            if j < n and norms[j] == "med":
                j += 1
            if j < n and self.caps[j] and self._free(j):
                b = j
                while b < n and b - j < 4 and (self.caps[b] or texts[b].isupper()) and self._free(b):
                    b += 1
                s = self._span(doc, table, j, b, "project_named")
                if s is not None:
                    yield s
            elif norms[i] == "konceptet" and j < n and lower[j]:
                b = j
                while b < n and b - j < 3 and alpha[b] and lower[b] \
                        and norms[b] not in self.locative and norms[b] not in {"och", "som", "att"}:
                    b += 1
                if b - j >= 2:
                    s = self._span(doc, table, j, b, "project_concept")
                    if s is not None:
                        yield s

    def _within(self, doc: Doc, table: TokenTable, j: int) -> Span | None:
        """The programme or initiative after "inom" (``j``: the next word): any capitalised name
        after "inom ramen för"; otherwise one capitalised word in the definite form that is no
        acronym, genitive or known name ("inom Klimatklivet", "inom Kompetensstegen"), or a
        lower-case compound of a programme word ("inom landsbygdsprogrammet")."""
        texts, norms, space = table.texts, table.norms, table.space
        n = len(texts)
        for words in self.frame:
            k, w = j, 0
            while k < n and w < len(words) and (space[k] or norms[k] == words[w]):
                w += 0 if space[k] else 1
                k += 1
            if w == len(words):
                while k < n and space[k] and "\n" not in texts[k]:
                    k += 1
                b = k
                while b < n and b - k < 4 and self.caps[b] and self._free(b):
                    b += 1
                return self._span(doc, table, k, b, "project_frame") if b > k else None
        if j >= n or not self._free(j):
            return None
        text, norm = texts[j], norms[j]
        if self.caps[j] and not text.isupper() and len(norm) >= 6 and norm.endswith(("et", "en")) \
                and not is_first_name(text) and not is_ordinary_word(text):
            return self._span(doc, table, j, j + 1, "project_within")
        if text.islower() and any(norm.endswith(h) and len(norm) >= len(h) + 4 for h in self.programme_heads):
            return self._span(doc, table, j, j + 1, "project_programme")
        return None

    def _label(self, doc: Doc, table: TokenTable, j: int) -> Span | None:
        """The rest of a line opened by a project label ("Projekt Nytt badhus – projektgruppsmöte",
        "Projekt: e-arkiv Norra Kalmar län (ENKL)"), up to a dash, bracket or comma; at most six
        words, the first of them a word of letters."""
        texts, space, punct = table.texts, table.space, table.punct
        n = len(texts)
        if j < n and texts[j] == ":":
            j += 1
            while j < n and space[j] and "\n" not in texts[j]:
                j += 1
        if j >= n or not texts[j][:1].isalpha() or not (texts[j][:1].isupper() or "-" in texts[j]):
            return None
        b, words = j, 0
        while b < n and words < 7 and "\n" not in texts[b] and not punct[b]:
            words += 0 if space[b] else 1
            b += 1
        if words > 6:
            return None
        return self._span(doc, table, j, b, "project_label")

    def _titled(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        """The heading before a dash whose words after it call it a project ("Digital delaktighet i
        Gävleborg (DDG) – samverkansprojekt mellan ...", "Politisk organisation 2027 – uppdrag
        från KS"): the line from its first letter, without a bracketed abbreviation, when no
        person or comma stands in it. (A regular expression finds the lines: no word is visited.)"""
        text = table.text
        if not _may_hold_titled(text):
            return
        idx = table.idx
        for m in _TITLED_LINE_RE.finditer(text):
            word = fold(m.group("word"))
            if word not in self.title_words and not word.endswith(self.evidence.endings):
                continue
            a = bisect_left(idx, m.start("name"))
            b = bisect_left(idx, m.end("name"))
            if a >= b or any(t in self.per_tok for t in range(a, b)) or b - a > 12:
                continue
            s = self._span(doc, table, a, b, "project_titled")
            if s is not None:
                yield s

    def _copula(self, doc: Doc, table: TokenTable, at: list[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm is one of the nouns, when known)"""
        texts, norms, alpha, lower, space = table.texts, table.norms, table.alpha, table.lower, table.space
        if at is None:
            if _COPULA_NOUNS.isdisjoint(norms):
                return   # (the loop below starts only at one of these nouns)
            at = [k for k, norm in enumerate(norms) if norm in _COPULA_NOUNS]
        for i in at:
            if i < 3:
                continue
            k = i - 1
            if alpha[k] and lower[k] and norms[k] not in {"ett", "en"}:
                k -= 1   # adjective: "ett stort projekt"
            if norms[k] not in {"ett", "en"}:
                continue
            k -= 1
            if k < 0 or norms[k] not in self.copula:
                continue
            b = k
            a = b
            while a - 1 >= 0 and (self.caps[a - 1] or texts[a - 1].isupper()) and not space[a - 1] \
                    and b - a < 3 and self._free(a - 1):
                a -= 1
            if a < b:
                s = self._span(doc, table, a, b, "project_copula")
                if s is not None:
                    yield s

    def _enumeration(self, doc: Doc, table: TokenTable, at: Iterable[int] | None = None) -> Iterator[Span]:
        """(``at``: the tokens whose norm begins a cue, when known)"""
        texts, norms, space, punct = table.texts, table.norms, table.space, table.punct
        n = len(norms)
        if at is not None:
            pass
        elif self.enum_any_empty:
            at = range(n)
        else:   # the tokens that begin a cue (at the others no cue is tried)
            firsts = self.enum_by_first.keys()
            at = () if firsts.isdisjoint(norms) else compress(range(n), map(firsts.__contains__, norms))
        for i in at:
            for words in (self.enum if self.enum_any_empty else self.enum_by_first.get(norms[i], ())):
                if tuple(norms[i:i + len(words)]) != words:
                    continue
                j = i + len(words)
                while j < n:
                    while j < n and space[j]:
                        j += 1
                    if j >= n or not self.caps[j] or not self._free(j):
                        break
                    b = j
                    while b < n and not punct[b] and not space[b] and norms[b] != "och" \
                            and b - j < 4:
                        b += 1
                    if not all(self._free(x) for x in range(j, b)):
                        break
                    s = self._span(doc, table, j, b, "project_enumerated")
                    if s is not None:
                        yield s
                    if b < n and (texts[b] == "," or norms[b] == "och"):
                        j = b + 1
                    else:
                        break

    def _capital_runs(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        texts, norms, alpha = table.texts, table.norms, table.alpha
        toks = table.content
        caps = self.caps
        k = 0
        # a run starts only at a capitalised word: the loop stepped over the others one by one
        for first in list(compress(range(len(toks)), map(caps.__getitem__, toks))):
            if first < k:
                continue   # inside the run just read
            k = first
            t = toks[k]
            text = texts[t]
            if not (self.caps[t] and self._free(t)) or text.isupper() or fold(text) in self.stop:
                k += 1
                continue
            if is_first_name(text):
                k += 1
                continue   # a person the name lists did not confirm, not a project
            run = [t]
            m = k + 1
            while m < len(toks) and not table.newline_between(run[-1], toks[m]) and len(run) < 4:
                u = toks[m]
                if u in self.municipal and u not in self.per_tok:
                    run.append(u)
                    m += 1
                    break
                utext = texts[u]
                if (self.caps[u] or (utext.isupper() and len(utext) <= 4 and alpha[u])) and self._free(u) \
                        and fold(utext) not in self.stop:
                    run.append(u)
                    m += 1
                    continue
                break
            nxt = toks[m] if m < len(toks) else None
            label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
            place = run[0] > 0 and norms[run[0] - 1] in self.locative
            # "Mitt Helsingborg" in mid-line is a name; "Plats Helsingborg" opening a line is not
            town_name = run[-1] in self.municipal and table.sentence_start(run[0])
            if len(run) >= 2 and not label and not place and not town_name:
                s = self._span(doc, table, run[0], run[-1] + 1, "project_capitals")
                if s is not None:
                    yield s
            k = max(m, k + 1)

    def _mid_sentence(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        n = len(texts)
        for i in self.cap_at:   # the others fail the first test
            text = texts[i]
            if not (self.caps[i] and self._free(i)) or text.isupper() or len(text) < 4:
                continue
            # (pure tests, the cheapest first)
            if is_first_name(text) or fold(text) in self.stop or table.sentence_start(i):
                continue
            prev = i - 1
            if norms[prev] in self.locative or norms[prev] in {"en", "ett"} or self.caps[prev] \
                    or (i + 1 < n and self.caps[i + 1]):
                continue   # a place ("på Heden"), a common noun ("en Facebookgrupp"), a longer name
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            s = self._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def _bullet_topic(self, doc: Doc, table: TokenTable) -> Iterator[Span]:
        texts, alpha, lower = table.texts, table.alpha, table.lower
        n = len(texts)
        for i in self.cap_at:   # the others fail the first test
            text = texts[i]
            # the cheap tests first; all of them only read
            if not self.caps[i] or not self._free(i) or text.isupper() or not table.line_start(i, numbers=False):
                continue
            if is_ordinary_word(text) or is_first_name(text) or fold(text) in self.stop:
                continue
            j = i + 1
            if j < n and lower[j] and alpha[j]:
                j += 1
            if j < n and texts[j] in DASHES:
                yield Span(doc, i, i + 1, label=PRJ, span_id="project_topic")

    # -- the fast forms of the last three rules (tokens by kind; see ``_kind_facts``)
    def _fast_capital_runs(self, doc: Doc, table: TokenTable, facts: tuple, firsts: list[int]) -> Iterator[Span]:
        """``_capital_runs``: a run starts only at a token whose kind may start one (``firsts``,
        positions in ``table.content``: the others failed its first tests), and continues at one
        whose kind may continue it."""
        texts, norms, kinds = table.texts, table.norms, table.kinds
        conts = facts[2]
        toks = table.content
        size = len(toks)
        taken, municipal, per_tok = self.taken, self.municipal, self.per_tok
        k = 0
        for first in firsts:
            if first < k:
                continue   # inside the run just read
            k = first
            t = toks[k]
            if t in taken:
                k += 1
                continue
            if k + 1 < size:   # (the test of the loop below for the next word: a run of one gives nothing)
                u = toks[k + 1]
                if not ((u in municipal and u not in per_tok) or (conts[kinds[u]] and u not in taken)):
                    k += 1
                    continue
            run = [t]
            m = k + 1
            # (the line break is looked for only where the run would go on; none lies between
            # neighbours: a token's trailing white space is one space)
            while m < size and len(run) < 4:
                u = toks[m]
                if u in municipal and u not in per_tok:
                    if u != run[-1] + 1 and table.newline_between(run[-1], u):
                        break
                    run.append(u)
                    m += 1
                    break
                if conts[kinds[u]] and u not in taken:
                    if u != run[-1] + 1 and table.newline_between(run[-1], u):
                        break
                    run.append(u)
                    m += 1
                    continue
                break
            if len(run) >= 2:
                nxt = toks[m] if m < size else None
                label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
                place = run[0] > 0 and norms[run[0] - 1] in self.locative
                town_name = run[-1] in municipal and table.sentence_start(run[0])
                if not label and not place and not town_name:
                    s = self._span(doc, table, run[0], run[-1] + 1, "project_capitals")
                    if s is not None:
                        yield s
            k = max(m, k + 1)

    def _fast_mid_sentence(self, doc: Doc, table: TokenTable, facts: tuple, at: list[int]) -> Iterator[Span]:
        """``_mid_sentence`` at the tokens whose kind passes its tests of the text (``at``), with
        the tests of the neighbours before ``sentence_start`` (all of them only read)."""
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        caps, taken, locative = self.caps, self.taken, self.locative
        kinds, words, marks = table.kinds, self._words, self._marks
        n = len(texts)
        for i in at:
            if not i or i in taken:
                continue   # (the first token opens a sentence)
            prev = i - 1
            if caps[prev] or (i + 1 < n and caps[i + 1]) or norms[prev] in locative or norms[prev] in {"en", "ett"}:
                continue
            kind = kinds[prev]
            # a word right before that is no line-start mark: no sentence starts here; a mark
            # right before: one does
            if not words[kind] and (marks[kind] or table.sentence_start(i)):
                continue
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            s = self._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def _fast_bullet_topic(self, doc: Doc, table: TokenTable, at: list[int]) -> Iterator[Span]:
        """``_bullet_topic`` at the tokens whose kind passes its tests of the text (``at``), the
        dash after it tested before ``line_start``."""
        texts, alpha, lower = table.texts, table.alpha, table.lower
        taken = self.taken
        n = len(texts)
        for i in at:
            if i in taken:
                continue
            j = i + 1
            if j < n and lower[j] and alpha[j]:
                j += 1
            if j < n and texts[j] in DASHES and table.line_start(i, numbers=False):
                yield Span(doc, i, i + 1, label=PRJ, span_id="project_topic")


# project candidates whose rule read a project word, a programme preposition or a label: they
# carry their own evidence; the others were found by their shape alone (ProjectEvidence)


@Language.factory("kg_projects")
def make_projects(nlp: Language, name: str) -> ProjectFinder:
    return ProjectFinder(nlp, name)
