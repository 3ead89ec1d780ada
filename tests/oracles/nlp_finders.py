"""The plain forms of the person and project finders of kg/nlp/ (``PersonFinder.__call__`` in
persons.py, ``ProjectFinder.__call__`` in projects.py): every token stepped on, spaCy Tokens and
the tests of a token's text asked per token, where the finders read them once per word kind and
start their rules only where a kind lets them. The fast-path tests in tests/nlp/ compare the two
on the same Doc."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg import nlp as K
from kg.lexicons.organizations import is_municipality
from kg.nlp.person_tokens import is_initial
from kg.nlp.project_cues import COPULA_NOUNS
from tests.oracles import nlp as O


class PlainPersons:
    """``PersonFinder.__call__`` (kg/nlp/persons.py) over spaCy Tokens: each content token stepped
    on, the name tests asked per Token. ``finder`` lends its word lists and the tests of a word's
    text (``_name_text``, ``_surname_text``, ``_email``, ``_known_pairs_apart``)."""

    def __init__(self, finder) -> None:
        self.f = finder

    def __getattr__(self, name: str):
        return getattr(self.f, name)

    def spans(self, doc: Doc) -> list[Span]:
        """The spans the finder adds to the candidates of ``doc``."""
        org_spans = K.candidates(doc, K.ORG)
        orgs = K.covered_tokens(org_spans)
        single_orgs = {s.start for s in org_spans if len(s) == 1 and is_municipality(s.kb_id_)}
        found: list[Span] = []
        table = K.token_table(doc)
        texts, email = table.texts, table.email
        toks = table.content
        k = 0
        while k < len(toks):
            i = toks[k]
            if email[i]:
                span = self._email(doc, doc[i])
                if span is not None:
                    found.append(span)
                k += 1
                continue
            if i in orgs or not self._name_text(texts[i]):
                k += 1
                continue
            run = [doc[i]]
            m = k + 1
            while m < len(toks):
                nxt = doc[toks[m]]
                if not (self.joins(run, nxt) and (
                        self.name_like(nxt, orgs)
                        or (len(run) == 1 and K.is_first_name(run[0].text) and nxt.i in single_orgs
                            and self.name_like(nxt, set()) and not O.newline_between(run[0], nxt)))):
                    break
                run.append(nxt)   # "Bahar Norberg": a surname that is also a town's name
                m += 1
            names = self.split(doc, run, doc[toks[m]] if m < len(toks) else None)
            found.extend(n for n in names if not self.place(doc, n))
            k = m
        return self._known_pairs_apart(doc, table, found)

    def name_like(self, t: Token, orgs: set[int]) -> bool:
        return t.i not in orgs and self._name_text(t.text)

    def joins(self, run: list[Token], t: Token) -> bool:
        """Plain form of ``PersonFinder._joins_at``."""
        prev = run[-1]
        if prev.whitespace_ == "" and prev.idx + len(prev.text) == t.idx:
            return False
        if not O.newline_between(prev, t):
            return True
        return len(run) == 1 and K.is_first_name(prev.text) and not K.is_first_name(t.text) \
            and not _blank_line_between(prev, t) and self.surname_like(t)

    def surname_like(self, t: Token) -> bool:
        return self._surname_text(t.text)

    def split(self, doc: Doc, run: list[Token], after: Token | None) -> list[Span]:
        """Plain form of ``PersonFinder._split_at``."""
        out: list[Span] = []
        if len(run) == 1:
            t = run[0]
            if K.is_first_name(t.text):
                rule = "first_name_weak" if K.is_ordinary_word(t.text) else "first_name"
                out.append(Span(doc, t.i, t.i + 1, label=K.PER, span_id=rule))
            return out
        j = 0
        while j < len(run):
            if not K.is_first_name(run[j].text):
                # an unlisted given name: accepted before a listed surname or a person context
                if j + 1 < len(run) and j == 0 and len(run) <= 3 \
                        and not (len(run) == 3 and K.is_surname(run[0].text) and K.is_first_name(run[1].text)) \
                        and self.unlisted_ok(doc, run, after):
                    out.append(Span(doc, run[0].i, run[-1].i + 1, label=K.PER, span_id="person"))
                    return out
                j += 1
                continue
            given = [run[j]]
            k = j + 1
            if k < len(run) and K.is_first_name(run[k].text) and not K.is_surname(run[k].text) \
                    and k + 1 < len(run) and self.surname_like(run[k + 1]) and not K.is_first_name(run[k + 1].text):
                given.append(run[k])   # "Anna Maria Svensson"
                k += 1
            family: list[Token] = []
            pair = False   # the two words at k name a second person
            while k < len(run) and len(family) < 3:
                w = run[k]
                if K.is_first_name(w.text) and not K.is_surname(w.text) \
                        and (family or k + 1 < len(run) or (after is not None and is_initial(after.text))):
                    break
                if family and self.next_name(run, k):
                    pair = not K.is_first_name(w.text)
                    break
                # right after a listed given name any capitalised word may be the surname
                # ("Gunilla Gran", "Cecilia Ceder"); later words must look like surnames
                if not self.surname_like(w) and (family or K.fold(w.text) in self.stop):
                    break
                family.append(w)
                k += 1
            if not family and j == 0 and len(run) == 2 and k == 1 and self.apposition(doc, after):
                family = [run[1]]   # "Per Skålén, professor ...": the context says it is a name
                k = 2
            if family:
                out.append(Span(doc, given[0].i, family[-1].i + 1, label=K.PER, span_id="person"))
                j = k
            else:
                j += 1
            if pair and len(family) == 1:
                out.append(Span(doc, run[k].i, run[k + 1].i + 1, label=K.PER, span_id="person"))
                j = k + 2
        return out

    def next_name(self, run: list[Token], k: int) -> bool:
        """Plain form of ``PersonFinder._next_name_at``."""
        if k + 1 >= len(run) or K.is_first_name(run[k + 1].text):
            return False
        text = run[k].text
        if not self.surname_like(run[k + 1]):
            return False
        if K.is_first_name(text):
            return True
        return K.is_surname(run[k - 1].text) and not K.is_first_name(run[k - 1].text) \
            and (k + 2 == len(run) or K.is_first_name(run[k + 2].text)) \
            and not K.is_ordinary_word(text) and K.fold(text) not in self.stop and not K.is_surname(text) \
            and k >= 2 and K.is_first_name(run[k - 2].text)

    def place(self, doc: Doc, name: Span) -> bool:
        """Plain form of ``PersonFinder._place_at``."""
        prev = doc[name.start - 1] if name.start > 0 else None
        return prev is not None and prev.norm_ in ("pa", "i", "vid") and len(name) > 1 \
            and any(K.is_ordinary_word(t.text) for t in name)

    def apposition(self, doc: Doc, after: Token | None) -> bool:
        """Plain form of ``PersonFinder._apposition_at``."""
        if after is None:
            return False
        nxt = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if after.text == "," and nxt is not None and nxt.is_alpha and nxt.is_lower:
            return True
        return K.fold(after.text) == "fran"

    def unlisted_ok(self, doc: Doc, run: list[Token], after: Token | None) -> bool:
        """Plain form of ``PersonFinder._unlisted_ok_at``."""
        if K.is_surname(run[-1].text) and not K.is_ordinary_word(run[-1].text) and len(run) == 2:
            return True    # "Lila Ericsson": an unlisted given name before a listed surname
        if any(K.is_ordinary_word(t.text) for t in run):
            return False
        if K.is_surname(run[-1].text):
            return True
        return self.apposition(doc, after)


def _blank_line_between(a: Token, b: Token) -> bool:
    return O.doc_text(a.doc)[a.idx + len(a.text):b.idx].count("\n") >= 2


def plain_persons(finder, doc) -> list[tuple]:
    """(start, end, label, rule) of the spans ``PersonFinder.__call__`` adds, by its plain form."""
    return [(s.start, s.end, s.label_, s.id_) for s in PlainPersons(finder).spans(doc)]


class PlainProjects:
    """``ProjectFinder.__call__`` (kg/nlp/projects.py) as it read before its fast paths: the cue
    rules started at every token whose text or norm is a cue, the shape rules stepping on every
    token with the tests of its text asked per token. The finder's state for the document (taken
    tokens, municipalities, capitals) is set on ``finder``, whose rules read it."""

    def __init__(self, finder) -> None:
        self.f = finder

    def spans(self, doc: Doc) -> list[Span]:
        """The spans the finder adds to the candidates of ``doc``."""
        f = self.f
        f._taken_sets(doc)
        f.municipal = {i for s in K.candidates(doc, K.ORG) for i in range(s.start, s.end) if is_municipality(s.kb_id_)}
        table = K.token_table(doc)
        f.caps = [f._cap(text) for text in table.texts]
        found: list[Span] = []
        for rule in self.rules():
            found.extend(rule(doc, table))
        return f.evidence.keep(doc, table, found)

    def rules(self) -> list:
        return [self.quoted, self.after_cue, self.copula, self.enumeration, self.capital_runs, self.mid_sentence,
                self.bullet_topic, self.f._titled]

    def quoted(self, doc, table):
        return self.f._quoted(doc, table, [k for k, text in enumerate(table.texts) if text in K.QUOTES])

    def after_cue(self, doc, table):
        return self.f._after_cue(doc, table, [k for k, norm in enumerate(table.norms) if norm in self.f.after])

    def copula(self, doc, table):
        return self.f._copula(doc, table, [k for k, norm in enumerate(table.norms) if norm in COPULA_NOUNS])

    def enumeration(self, doc, table):
        f = self.f
        return f._enumeration(doc, table, [k for k, norm in enumerate(table.norms)
                                           if f.enum_any_empty or norm in f.enum_by_first])

    def capital_runs(self, doc, table):
        """Plain form of ``ProjectFinder._capital_runs``."""
        f = self.f
        texts, norms, alpha = table.texts, table.norms, table.alpha
        toks = table.content
        k = 0
        while k < len(toks):
            t = toks[k]
            text = texts[t]
            if not (f.caps[t] and f._free(t)) or text.isupper() or K.fold(text) in f.lone_stop:
                k += 1
                continue
            if K.is_first_name(text):
                k += 1
                continue   # a person the name lists did not confirm, not a project
            run = [t]
            m = k + 1
            while m < len(toks) and not table.newline_between(run[-1], toks[m]) and len(run) < 4:
                u = toks[m]
                if u in f.municipal and u not in f.per_tok:
                    run.append(u)
                    m += 1
                    break
                utext = texts[u]
                if (f.caps[u] or (utext.isupper() and len(utext) <= 4 and alpha[u])) and f._free(u) \
                        and K.fold(utext) not in f.stop:
                    run.append(u)
                    m += 1
                    continue
                break
            nxt = toks[m] if m < len(toks) else None
            label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
            place = run[0] > 0 and norms[run[0] - 1] in f.locative
            # "Mitt Helsingborg" in mid-line is a name; "Plats Helsingborg" opening a line is not
            town_name = run[-1] in f.municipal and table.sentence_start(run[0])
            if len(run) >= 2 and not label and not place and not town_name:
                s = f._span(doc, table, run[0], run[-1] + 1, "project_capitals")
                if s is not None:
                    yield s
            k = max(m, k + 1)

    def mid_sentence(self, doc, table):
        """Plain form of ``ProjectFinder._mid_sentence``."""
        f = self.f
        texts, norms, alpha, lower, punct = table.texts, table.norms, table.alpha, table.lower, table.punct
        n = len(texts)
        for i in range(n):
            text = texts[i]
            if not (f.caps[i] and f._free(i)) or text.isupper() or len(text) < 4:
                continue
            if K.is_first_name(text) or K.fold(text) in f.lone_stop or table.sentence_start(i):
                continue
            prev = i - 1
            if norms[prev] in f.locative or norms[prev] in {"en", "ett"} or f.caps[prev] \
                    or (i + 1 < n and f.caps[i + 1]):
                continue   # a place ("på Heden"), a common noun ("en Facebookgrupp"), a longer name
            b = i + 1
            while b < n and b - i <= 3 and alpha[b] and lower[b]:
                b += 1
            end_clause = b >= n or punct[b] or "\n" in texts[b]
            if end_clause:
                b = f._before_passive(norms, i, b)
            elif f._opens_clause(table, i):
                continue
            s = f._span(doc, table, i, b if end_clause and b - i <= 3 else i + 1, "project_capitalised")
            if s is not None:
                yield s

    def bullet_topic(self, doc, table):
        """Plain form of ``ProjectFinder._bullet_topic``."""
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


def plain_component(nlp, name: str, doc: Doc) -> Doc:
    """The plain form of the pipeline component ``name`` run on ``doc`` (after the plain forms of
    the components before it, or the components themselves)."""
    from tests.oracles import nlp as oracles

    proc = nlp.get_pipe(name)
    if name == "kg_normalize":
        return oracles.normalize_plain(proc, doc)
    if name == "kg_organizations":
        return oracles.organizations_plain(proc, doc)
    if name == "kg_select":
        return oracles.select_plain(proc, doc)
    if name == "kg_persons":
        spans = PlainPersons(proc).spans(doc)
    elif name == "kg_projects":
        spans = PlainProjects(proc).spans(doc)
    elif name == "kg_patterns":
        spans = [Span(doc, a, b, label=label, span_id=rule) for a, b, label, rule in oracles.plain_pattern_spans(proc, doc)]
    elif name == "kg_context_orgs":
        spans = [Span(doc, a, b, label=label, span_id=rule)
                 for a, b, label, rule, _ in oracles.earlier_context_orgs(proc, doc)]
    else:
        raise ValueError(f"no plain form of {name}")
    K.add_candidates(doc, spans)
    return doc
