"""The plain forms of the spaCy components' fast paths (kg/nlp/): each the code as it was before it
was made faster, or spaCy's own component it replaced. The tests in tests/nlp/*_fast_paths.py
compare the components with these on the same Doc."""
from __future__ import annotations

import re

import spacy
from spacy.tokens import Span

from kg import nlp as K
from kg.lexicons.organizations import is_municipality
from kg.nlp import organizations as nlp_organizations
from kg.nlp import patterns as nlp_patterns
from kg.nlp import project_cues as nlp_project_cues
from kg.nlp import tokenizer as nlp_tokenizer
from kg.nlp import tokens as nlp_tokens
from kg.nlp.projects import _CUES


def span_ruler_pipeline() -> spacy.Language:
    """The pipeline up to the patterns as it was: spaCy's SpanRuler with the same pattern files."""
    nlp = spacy.blank("sv")
    nlp_tokenizer._customize_tokenizer(nlp)
    nlp.add_pipe("kg_normalize")
    nlp.add_pipe("kg_organizations")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": K.CANDIDATES, "spans_filter": None,
                                               "annotate_ents": False, "overwrite": False})
    ruler.add_patterns(nlp_patterns._load_patterns())
    return nlp


def plain_nlp() -> spacy.Language:
    nlp = spacy.blank("sv")
    nlp_tokenizer._customize_tokenizer(nlp)
    return nlp


def mask_plain(matcher, table, i: int) -> int:
    """Which token tests token ``i`` passes, as bits (every test read as written)."""
    text = table.texts[i]
    values = (text, table.norms[i], text.lower(), len(text), table.alpha[i], table.lower[i], table.title[i],
              table.punct[i], table.space[i])
    mask = 0
    for k, checks in enumerate(matcher.tests):
        for slot, test in checks:
            if not test(values[slot]):
                break
        else:
            mask |= 1 << k
    return mask


def repair_head_plain(normalizer, word: str) -> str:
    """The first head that the end of ``word`` is with one OCR slip, trying every head at three
    lengths of the ending."""
    for head in normalizer.heads:
        for n in (len(head), len(head) + 1, len(head) - 1):
            if len(word) > n + 2 and word[-n:] != head and K.ocr_slip(word[-n:], head):
                return word[:-n] + head
    return word


def plain_persons(finder, doc):
    """PersonFinder.__call__ as it was: every content token stepped on, Token objects throughout."""
    org_spans = K.candidates(doc, K.ORG)
    orgs = K.covered_tokens(org_spans)
    single_orgs = {s.start for s in org_spans if len(s) == 1 and is_municipality(s.kb_id_)}
    found = []
    table = K.token_table(doc)
    texts, email = table.texts, table.email
    toks = table.content
    k = 0
    while k < len(toks):
        i = toks[k]
        if email[i]:
            span = finder._email(doc, doc[i])
            if span is not None:
                found.append(span)
            k += 1
            continue
        if i in orgs or not finder._name_text(texts[i]):
            k += 1
            continue
        run = [doc[i]]
        m = k + 1
        while m < len(toks):
            nxt = doc[toks[m]]
            if not (finder._joins(run, nxt) and (
                    finder._name_like(nxt, orgs)
                    or (len(run) == 1 and K.is_first_name(run[0].text) and nxt.i in single_orgs
                        and finder._name_like(nxt, set()) and not K.newline_between(run[0], nxt)))):
                break
            run.append(nxt)
            m += 1
        names = finder._split(doc, run, doc[toks[m]] if m < len(toks) else None)
        found.extend(n for n in names if not finder._place(doc, n))
        k = m
    return [(s.start, s.end, s.label_, s.id_) for s in found]


def plain_capital_runs(finder, doc, table):
    """ProjectFinder._capital_runs as it was: every content token stepped on."""
    texts, norms, alpha = table.texts, table.norms, table.alpha
    toks = table.content
    k = 0
    while k < len(toks):
        t = toks[k]
        text = texts[t]
        if not (finder.caps[t] and finder._free(t)) or text.isupper() or K.fold(text) in finder.lone_stop:
            k += 1
            continue
        if K.is_first_name(text):
            k += 1
            continue
        run = [t]
        m = k + 1
        while m < len(toks) and not table.newline_between(run[-1], toks[m]) and len(run) < 4:
            u = toks[m]
            if u in finder.municipal and u not in finder.per_tok:
                run.append(u)
                m += 1
                break
            utext = texts[u]
            if (finder.caps[u] or (utext.isupper() and len(utext) <= 4 and alpha[u])) and finder._free(u) \
                    and K.fold(utext) not in finder.stop:
                run.append(u)
                m += 1
                continue
            break
        nxt = toks[m] if m < len(toks) else None
        label = nxt is not None and texts[nxt] == ":" and not table.newline_between(run[-1], nxt)
        place = run[0] > 0 and norms[run[0] - 1] in finder.locative
        town_name = run[-1] in finder.municipal and table.sentence_start(run[0])
        if len(run) >= 2 and not label and not place and not town_name:
            s = finder._span(doc, table, run[0], run[-1] + 1, "project_capitals")
            if s is not None:
                yield s
        k = max(m, k + 1)


TITLED_PLAIN_RE = re.compile(r"\w\)?[ \t][–—-][ \t]\w")


class PlainProjects:
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


def without_prefilter(rule, doc, table):
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


def plain_pattern_spans(matcher, doc) -> list[tuple]:
    """PatternMatcher.__call__ before ``_need``: every token whose mask can start a pattern, planned."""
    table = K.token_table(doc)
    masks = matcher._masks_plain(table)
    found = set()
    last = len(masks) - 1
    for i, mask in enumerate(masks):
        if not mask & matcher.any_first:
            continue
        for p, length in matcher._plan(mask, masks[i + 1] if i < last else 0):
            if length:
                found.add((i, i + length, p.label, p.id))
            else:
                found.update((i, end, p.label, p.id) for end in p.ends(masks, i))
    return sorted(found, key=lambda m: (m[0], m[1], *matcher.order[(m[2], m[3])]))


def sentence_start_plain(table, i: int) -> bool:
    """``TokenTable.sentence_start`` looking back over white space token by token."""
    if table.line_start(i):
        return True
    j = i - 1
    while j >= 0 and table.space[j]:
        j -= 1
    if j < 0:
        return True
    prev = table.texts[j]
    if any(c.isdigit() for c in prev):
        return True
    return prev in nlp_tokens._SENTENCE_MARKS or prev[-1] in ":-–" or prev in K.QUOTES


def earlier_match(matcher, doc, table, toks, norms):
    texts = table.texts
    first, last = toks[0], toks[-1]
    pairs = matcher.index.get(norms)
    written = texts[last]
    if pairs is None:
        base = K.strip_genitive(norms[-1])
        if base is None:
            return None
        pairs = matcher.index.get((*norms[:-1], base))
        written = K.strip_genitive(texts[last]) or texts[last]
        if pairs is None:
            return None
    keep = []
    for key, label in pairs:
        if K.is_abbreviation(label):
            surface = " ".join([*(texts[t] for t in toks[:-1]), written]).rstrip("-")
            if surface != label and not surface.isupper():
                if (surface.islower() and surface == label.lower() and nlp_organizations._is_party(key)
                        and nlp_organizations._bracketed(doc, first, last + 1, after_name=True)):
                    keep.append(key)
                continue
            if len(label) <= 2 and not label.isupper():
                continue
            if len(label) <= 2 and nlp_organizations._is_party(key) and not nlp_organizations._bracketed(doc, first, last + 1):
                continue
        elif len(toks) == 1 and (K.is_ordinary_word(label) or K.is_ordinary_word(written) or len(label) <= 4):
            if written.lower() != label.lower():
                continue
        keep.append(key)
    if keep and all(k.startswith("group:") for k in keep) and first > 0:
        if table.norms[first - 1] in K.cue("common_noun_determiners"):
            return None
    if not keep:
        return None
    keys = sorted(set(keep))
    kind = "group" if all(k.startswith("group:") for k in keys) else "gazetteer"
    return (first, last + 1, K.ORG, kind, "|".join(keys))


def earlier_organizations(matcher, doc) -> list[tuple]:
    table = K.token_table(doc)
    texts = table.texts
    toks = [i for i in table.content if texts[i] not in K.DASHES]
    norms = [n.rstrip("-") or n for n in (table.norms[i] for i in toks)]
    found = []
    for i in range(len(toks)):
        if not matcher._can_start(norms[i]):
            continue
        best = None
        for n in range(1, min(matcher.max_len, len(toks) - i) + 1):
            key = tuple(norms[i:i + n])
            if n > 1 and table.blank_line_between(toks[i + n - 2], toks[i + n - 1]):
                break
            if key in matcher.index or K.strip_genitive(key[-1]) is not None:
                span = earlier_match(matcher, doc, table, toks[i:i + n], key)
                if span is not None:
                    best = span
            if key not in matcher.prefixes:
                break
        if best is not None:
            found.append(best)
    return found


def earlier_context_orgs(finder, doc) -> list[tuple]:
    taken = K.covered_tokens(K.candidates(doc))
    table = K.token_table(doc)
    texts, alpha = table.texts, table.alpha
    toks = table.content
    norms = [table.norms[i] for i in toks]
    found = []
    for i in range(len(toks)):
        for words in finder.cues:
            j = finder._match(norms, i, words)
            if j is None:
                continue
            k = j
            while k < len(toks) and k - j < 4 and texts[toks[k]][:1].isupper() and alpha[toks[k]] \
                    and toks[k] not in taken and not table.newline_between(toks[k - 1], toks[k]):
                k += 1
            name = toks[j:k]
            if name and not K.is_first_name(texts[name[0]]) and K.fold(texts[name[0]]) not in finder.stop \
                    and not (len(name) == 1 and K.is_ordinary_word(texts[name[0]])):
                found.append((name[0], name[-1] + 1, K.ORG, "org_context", ""))
            break
    return found


def cue_bits(finder) -> list[int]:
    """By kind: the cue bits (quote, after, copula, enumeration) of the kind's text and norm that
    ``ProjectFinder`` keeps in its kind codes."""
    return [code & _CUES for code in finder._codes.values]
