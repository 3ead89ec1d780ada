"""The plain forms of the spaCy components' fast paths (kg/nlp/): each the code as it was before it
was made faster, or spaCy's own component it replaced. The tests in tests/nlp/*_fast_paths.py
compare the components with these on the same Doc."""
from __future__ import annotations

import functools
import json
import re

import numpy
import spacy
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.attrs import NORM
from spacy.tokens import Doc, Span, Token

from kg import nlp as K
from kg.nlp import organizations as nlp_organizations
from kg.nlp import pattern_syntax as nlp_pattern_syntax
from kg.nlp import patterns as nlp_patterns
from kg.nlp import tokenizer as nlp_tokenizer
from kg.nlp import tokens as nlp_tokens
from kg.nlp.projects import _CUES
from kg.nlp.tokens import DEFAULT_PRIORITY, NER_LABELS, NER_PRIORITY, PRIORITY


def customize_tokenizer(nlp: spacy.Language) -> None:
    """Plain form of ``kg.nlp.tokenizer.make_tokenizer``: spaCy's Swedish tokenizer made first,
    its affix functions replaced afterwards."""
    prefix_search, suffix_search, infix_finditer = nlp_tokenizer._affix_functions(nlp)
    nlp.tokenizer.prefix_search = prefix_search
    nlp.tokenizer.suffix_search = suffix_search
    nlp.tokenizer.infix_finditer = infix_finditer


def span_ruler_pipeline() -> spacy.Language:
    """The pipeline up to the patterns as it was: spaCy's SpanRuler with the same pattern files."""
    nlp = spacy.blank("sv")
    customize_tokenizer(nlp)
    nlp.add_pipe("kg_normalize")
    nlp.add_pipe("kg_organizations")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": K.CANDIDATES, "spans_filter": None,
                                               "annotate_ents": False, "overwrite": False})
    ruler.add_patterns(nlp_patterns._load_patterns())
    return nlp


def normalize_plain(normalizer, doc: Doc) -> Doc:
    """Plain form of ``Normalizer.__call__`` (kg/nlp/normalize.py): the norm and the row of each
    token read per token, a ``TokenTable`` without word kinds (which the rule components refuse:
    their plain forms below read it)."""
    cols = nlp_tokens.token_columns(doc)
    orths, lex_norms, space = cols[0], cols[1], cols[3]
    strings = doc.vocab.strings
    rows = []   # (text, norm, norm id) per token: white space keeps its norm, words get the folded form
    for orth, lex_norm, sp in zip(orths, lex_norms, space):
        if sp:
            rows.append((strings[orth], strings[lex_norm], lex_norm))
        else:
            norm = normalizer.repair(K.fold(strings[orth]))
            rows.append((strings[orth], norm, strings.add(norm)))
    if rows:
        doc.from_array([NORM], numpy.array([row[2] for row in rows], dtype=numpy.uint64).reshape(-1, 1))
    nlp_tokens.TABLES[doc] = nlp_tokens.TokenTable(doc, [row[0] for row in rows], [row[1] for row in rows], cols)
    return doc


def organizations_plain(matcher, doc: Doc) -> Doc:
    """Plain form of ``OrganizationMatcher.__call__``: each token's norm (None where names skip
    it) and whether a name may start there asked per token."""
    table = K.token_table(doc)
    texts = table.texts
    norms: list[str | None] = [None] * len(texts)
    for i in table.content:
        if texts[i] not in K.DASHES:
            n = table.norms[i]
            norms[i] = n.rstrip("-") or n
    at = [i for i, n in enumerate(norms) if n is not None and matcher._can_start(n)]
    K.add_candidates(doc, matcher._find(doc, table, range(len(texts)), norms, at))
    return doc


def select_plain(selector, doc: Doc) -> Doc:
    """Plain form of ``Selector.__call__`` (kg/nlp/select.py): the Span objects sorted and read
    throughout, the nesting read off Tokens."""
    pool = list(K.candidates(doc))
    for ent in doc.ents:
        label = NER_LABELS.get(ent.label_)
        if label:
            pool.append(Span(doc, ent.start, ent.end, label=label, span_id="ner"))
    pool.sort(key=lambda s: (-(s.end - s.start), -PRIORITY.get(s.id_, DEFAULT_PRIORITY if s.id_ != "ner"
                                                                   else NER_PRIORITY), s.start, s.label_))
    chosen: list[Span] = []
    cover: dict[int, list[int]] = {}   # token -> positions in chosen of the spans over it
    empty: list[int] = []              # chosen spans without tokens (they cover none)
    for s in pool:
        start, end = s.start, s.end
        if start < end:
            near = {k for i in range(start, end) for k in cover.get(i, ())}
            near.update(k for k in empty if start < chosen[k].start < end)
            clash = [chosen[k] for k in sorted(near)]
        else:
            clash = [c for c in chosen if c.start < end and start < c.end]
        if clash and not (s.label_ == K.ORG and all(_nested(selector, c, s) or (c.label_ == K.PRJ and s.id_ == "gazetteer")
                                                      for c in clash)):
            continue
        # no clash, or a curated name inside a project's words: still a mention
        for i in range(start, end):
            cover.setdefault(i, []).append(len(chosen))
        if start == end:
            empty.append(len(chosen))
        chosen.append(s)
    doc.spans[K.SPANS_KEY] = sorted(chosen, key=lambda s: (s.start, s.end, s.label_))
    K.forget_candidates()   # the last reader
    return doc


def _nested(selector, outer: Span, inner: Span) -> bool:
    """Plain form of ``Selector._nested_at``."""
    if outer.label_ not in (K.ORG, K.PRJ) or not (outer.start < inner.start and inner.end <= outer.end):
        return False
    k = inner.start - 1
    while k > outer.start and outer.doc[k].is_space:
        k -= 1
    return outer.doc[k].norm_ in selector.link


def plain_nlp() -> spacy.Language:
    nlp = spacy.blank("sv")
    customize_tokenizer(nlp)
    return nlp


def _string_test_plain(value: object):
    """A test of one string attribute as spaCy's Matcher reads the pattern value; None if unsupported."""
    if isinstance(value, str):
        return lambda s: s == value
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
            words = frozenset(arg)
            tests.append((lambda s, w=words: s in w) if op == "IN" else (lambda s, w=words: s not in w))
        elif op == "REGEX" and isinstance(arg, str):
            tests.append(lambda s, rx=re.compile(arg): bool(rx.search(s)))
        else:
            return None
    return lambda s: all(t(s) for t in tests)


def _length_test_plain(value: object):
    if isinstance(value, int) and not isinstance(value, bool):
        return lambda n: n == value
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for op, arg in value.items():
        if op not in nlp_pattern_syntax._COMPARE or not isinstance(arg, int) or isinstance(arg, bool):
            return None
        tests.append(lambda n, f=nlp_pattern_syntax._COMPARE[op], a=arg: f(n, a))
    return lambda n: all(t(n) for t in tests)


def token_test_plain(spec: dict) -> list[tuple[int, object]] | None:
    """Plain form of ``kg.nlp.pattern_syntax.token_test``: one token's specification (without "OP")
    as (slot, test) pairs that must all pass, each read as written; None if unsupported."""
    checks: list[tuple[int, object]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in nlp_pattern_syntax._PATTERN_STRINGS:
            test = _string_test_plain(value)
            if test is None:
                return None
            checks.append((nlp_pattern_syntax._PATTERN_STRINGS[key], test))
        elif key in nlp_pattern_syntax._PATTERN_FLAGS:
            if not isinstance(value, bool):
                return None
            checks.append((nlp_pattern_syntax._PATTERN_FLAGS[key], lambda flag, want=value: bool(flag) == want))
        elif key == "LENGTH":
            test = _length_test_plain(value)
            if test is None:
                return None
            checks.append((nlp_pattern_syntax._PATTERN_LENGTH, test))
        else:
            return None
    return checks


@functools.lru_cache(maxsize=1)
def plain_token_tests() -> tuple:
    """The plain token tests of the pattern files, by the bit ``PatternMatcher`` gives each (the
    distinct specifications in the order its ``_compile`` meets them)."""
    tests: list = []
    keys: dict[str, int] = {}
    for row in nlp_patterns._load_patterns():
        pattern = row["pattern"]
        if not isinstance(pattern, list) or not pattern or not all(isinstance(x, dict) for x in pattern):
            continue
        for spec in pattern:
            test = token_test_plain(spec)
            if nlp_pattern_syntax.quantifiers(spec) is None or test is None:
                break
            key = json.dumps({k: v for k, v in spec.items() if k != "OP"}, sort_keys=True, ensure_ascii=False)
            if key not in keys:
                keys[key] = len(tests)
                tests.append(test)
    return tuple(tests)


def mask_plain(matcher, table, i: int) -> int:
    """Which token tests token ``i`` passes, as bits (every test read as written)."""
    text = table.texts[i]
    values = (text, table.norms[i], text.lower(), len(text), table.alpha[i], table.lower[i], table.title[i],
              table.punct[i], table.space[i])
    tests = plain_token_tests()
    assert len(tests) == len(matcher.tests)
    mask = 0
    for k, checks in enumerate(tests):
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


def near_words_plain(normalizer, word: str) -> list[str]:
    """Plain form of the words ``Normalizer._repair`` compares ``word`` with: up to four of the
    whole vocabulary one edit away, not only those of a near length (``_near_length``)."""
    return [w for w, _, _ in process.extract(word, normalizer.vocab_list, scorer=Levenshtein.distance,
                                             score_cutoff=1, limit=4)]


def near_words(normalizer, word: str) -> list[str]:
    """What ``Normalizer._repair`` compares ``word`` with (its fast path)."""
    return [w for w, _, _ in process.extract(word, normalizer._near_length(len(word)), scorer=Levenshtein.distance,
                                             score_cutoff=1, limit=4)]


TITLED_PLAIN_RE = re.compile(r"\w\)?[ \t][–—-][ \t]\w")


def masks_plain(matcher, table) -> list[int]:
    """Plain form of ``PatternMatcher.masks`` (without its bit ``every``): each token's mask
    (``PatternMatcher._mask``), remembered per (text, norm)."""
    known: dict[tuple[str, str], int] = {}
    keys = list(zip(table.texts, table.norms))
    masks = [known.get(key) for key in keys]
    for i, mask in enumerate(masks):
        if mask is None:
            masks[i] = known[keys[i]] = matcher._mask(table, i)
    return masks


def plain_pattern_spans(matcher, doc) -> list[tuple]:
    """PatternMatcher.__call__ before ``_need``: every token whose mask can start a pattern, planned."""
    table = K.token_table(doc)
    masks = masks_plain(matcher, table)
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


def doc_text(doc: Doc) -> str:
    """The text of ``doc`` (the one ``TokenTable.text`` holds)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def newline_between(a: Token, b: Token) -> bool:
    """Plain form of ``TokenTable.newline_between`` over Tokens."""
    return "\n" in doc_text(a.doc)[a.idx + len(a.text):b.idx]


def line_start(doc: Doc, i: int, numbers: bool = True) -> bool:
    """Plain form of ``TokenTable.line_start`` over a Doc: whether token ``i`` is the first content
    on its line, after at most a bullet mark or (with ``numbers``) an item number or clock time."""
    t = doc[i]
    text = doc_text(doc)
    stripped = text[text.rfind("\n", 0, t.idx) + 1:t.idx].strip()
    if not stripped:
        return True
    allowed = K.BULLETS | (set("0123456789.:)§ ") if numbers else set())
    return (len(stripped) <= 2 or numbers) and all(c in allowed for c in stripped)


def sentence_start(doc: Doc, i: int) -> bool:
    """Plain form of ``TokenTable.sentence_start`` over a Doc: whether token ``i`` opens a sentence,
    a line, a label's value or a quotation."""
    if line_start(doc, i):
        return True
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return True
    prev = doc[j].text
    if any(c.isdigit() for c in prev):
        return True   # a title after "§ 176 Dnr MBN 2022/658"
    return prev in {".", "!", "?", ";", "(", "/"} or prev[-1] in ":-–" or prev in K.QUOTES


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


# The internals of kg that tests read (tests reach into a module only through tests/oracles/).
from kg.nlp.project_cues import _may_hold_titled as may_hold_titled  # noqa: E402, F401
from kg.nlp.words import _lemma_lookup_path as lemma_lookup_path  # noqa: E402, F401
