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
``span_ruler``    token patterns (``patterns/organizations.jsonl``, ``patterns/projects.jsonl``)
                  for organisations and projects no list knows.
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
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import gazetteer
from .gazetteer import normalize

PATTERN_DIR = Path(__file__).parent / "resources" / "patterns"
CANDIDATES = "kg_candidates"
SPANS_KEY = "kg"
PER, ORG, PRJ = "PER", "ORG", "PRJ"
# labels of common statistical NER models -> ours
NER_LABELS = {"PER": PER, "PRS": PER, "PERSON": PER, "ORG": ORG, "ORGANIZATION": ORG, "EVN": PRJ, "WRK": PRJ}
# selection priority when two spans overlap and have the same length
PRIORITY = {"gazetteer": 8, "group": 7, "person": 6, "email": 6,
            "org_compound": 5, "org_group": 5, "org_university": 5, "org_centre": 5, "org_unit": 5,
            "org_company": 4, "org_english": 4, "org_region": 4, "org_association": 4,
            "org_context": 3, "first_name": 3, "first_name_weak": 2}
DEFAULT_PRIORITY = 1
NER_PRIORITY = 0
BULLETS = frozenset("-–*•·▪◦»¢=oe\uf0b7\uf0a7")
QUOTES = frozenset('"“”«»„')
DASHES = frozenset("-–—")


# --------------------------------------------------------------------------- data

@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Case-folded, without diacritics: the form names are compared in (see gazetteer.normalize)."""
    return normalize(text)


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Named word lists from ``patterns/cues.jsonl``, folded."""
    out: dict[str, frozenset[str]] = {}
    for row in _jsonl(PATTERN_DIR / "cues.jsonl"):
        out[row["cue"]] = frozenset(fold(w) for w in row["words"])
    return out


def cue(name: str) -> frozenset[str]:
    return cues()[name]


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"kg: error: {path}:{n}: not JSON ({exc.msg}); fix the line") from exc


_FAST_FOLD = str.maketrans("åäöéèêëüúùûáàâãíìîïóòôõçñøæ", "aaoeeeeuuuuaaaaiiiioooocnoa")


@lru_cache(maxsize=1)
def swedish_words() -> frozenset[str]:
    """Folded Swedish word forms (from spacy-lookups-data): tells ordinary words from names."""
    try:
        import spacy_lookups_data
    except ImportError:  # without the lexicon every capitalised unknown word may be a name
        return frozenset()
    path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table = json.load(f)
    from spacy.lang.sv.stop_words import STOP_WORDS

    words = {w for w in (*table.keys(), *table.values()) if " " not in w and w.islower()} | set(STOP_WORDS)
    return frozenset(words | {w.translate(_FAST_FOLD) for w in words if not w.isascii()})


def is_ordinary_word(text: str) -> bool:
    """Whether ``text`` is an ordinary Swedish word, compared as written (lower case): "Skålén" is
    none though "skalen" is; OCR'd forms without diacritics find the folded forms."""
    return text.lower() in swedish_words()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return gazetteer.first_names()


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return gazetteer.surnames()


def is_first_name(text: str) -> bool:
    """A capitalised listed given name ("Mats", "Anna-Karin"), compared folded."""
    if not text or not text[0].isupper() or text.isupper() and len(text) > 1:
        return False
    key = fold(text)
    if key in first_names():
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in first_names() for p in parts)


def is_surname(text: str) -> bool:
    key = fold(text)
    if key in surnames():
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in surnames() or p in first_names() for p in parts)


def strip_genitive(word: str) -> str | None:
    """'SOFs' / 'SOF:s' -> 'SOF', 'förvaltningens' -> 'förvaltningen'; None when not genitive-like."""
    if word.endswith(":s") and len(word) > 3:
        return word[:-2]
    if len(word) > 3 and word[-1] in "sS" and word[-2].lower() not in "sxz":
        return word[:-1]
    return None


def is_abbreviation(label: str) -> bool:
    """'SOF', 'KC', 'VoO', 'S': short forms that match only as written or in capitals."""
    return len(label) <= 2 or (" " not in label and sum(c.isupper() for c in label) >= 2)


# --------------------------------------------------------------------------- tokenizer

def _customize_tokenizer(nlp: Language) -> None:
    """Split Markdown marks (~~Name~~, **Title**), 'HD-domen', 'Network)-utbildning', 'LG+SG', 'SOF:s'."""
    prefixes = list(nlp.Defaults.prefixes) + [r"~~+", r"\*\*+", r"__+"]
    suffixes = list(nlp.Defaults.suffixes) + [r"~~+", r"\*\*+", r"__+", r"(?<=[A-ZÅÄÖ]):s"]
    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[A-ZÅÄÖ]{2})-(?=[a-zåäö])",
        r"(?<=\w)\)(?=-)",
        r"(?<=\))-(?=\w)",
        r"(?<=[A-ZÅÄÖ])\+(?=[A-ZÅÄÖ])",
        r"(?<=[a-zåäö])/(?=[A-ZÅÄÖ])",
    ]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# --------------------------------------------------------------------------- helpers on docs

def content_tokens(doc: Doc) -> list[Token]:
    """Tokens that are not whitespace."""
    return [t for t in doc if not t.is_space]


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, kept in ``doc.user_data``: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def newline_between(a: Token, b: Token) -> bool:
    """Whether a line break separates token ``a`` from the later token ``b``."""
    return "\n" in doc_text(a.doc)[a.idx + len(a.text):b.idx]


def line_start(doc: Doc, i: int, numbers: bool = True) -> bool:
    """Whether token ``i`` is the first content on its line, after at most a bullet mark or (with
    ``numbers``) an item number or clock time ("2.", "09.40", "§ 12")."""
    t = doc[i]
    text = doc_text(doc)
    stripped = text[text.rfind("\n", 0, t.idx) + 1:t.idx].strip()
    if not stripped:
        return True
    allowed = BULLETS | (set("0123456789.:)§ ") if numbers else set())
    return (len(stripped) <= 2 or numbers) and all(c in allowed for c in stripped)


def sentence_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a sentence, a line, a label's value or a quotation."""
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
    return prev in {".", "!", "?", ";", "(", "/"} or prev[-1] in ":-–" or prev in QUOTES


def add_candidates(doc: Doc, spans: Iterable[Span]) -> None:
    group = doc.spans[CANDIDATES] if CANDIDATES in doc.spans else []
    doc.spans[CANDIDATES] = [*group, *spans]


def candidates(doc: Doc, label: str | None = None) -> list[Span]:
    if CANDIDATES not in doc.spans:
        return []
    return [s for s in doc.spans[CANDIDATES] if label is None or s.label_ == label]


def covered_tokens(spans: Iterable[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


# --------------------------------------------------------------------------- kg_normalize

class Normalizer:
    """Sets ``token.norm_`` to the folded form; repairs OCR slips in organisation words.

    A word that is not an ordinary Swedish word and lies one edit away from a word of a known
    organisation name (or whose ending lies one edit from a name's head word) is read as that
    word: "fritidsférvaltningen" -> "fritidsforvaltningen", "ndmnden" -> "namnden".
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        vocab: set[str] = set()
        for entry in gazetteer.load_organizations():
            for label in entry.labels:
                vocab.update(label_norms(nlp, label))
        for group in gazetteer.group_names():
            vocab.update(label_norms(nlp, group))
        vocab.update(cue("org_heads"))
        self.vocab = frozenset(w for w in vocab if len(w) >= 5 and w.replace("-", "").isalpha())
        self.vocab_list = sorted(self.vocab)
        self.heads = sorted((h for h in cue("org_heads") if len(h) >= 5), key=len, reverse=True)
        self._cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        for t in doc:
            if not t.is_space:
                t.norm_ = self.repair(fold(t.text))
        return doc

    def repair(self, word: str) -> str:
        if word in self._cache:
            return self._cache[word]
        out = self._repair(word)
        self._cache[word] = out
        return out

    def _repair(self, word: str) -> str:
        if len(word) < 7 or word in self.vocab or not word.isalpha() or word in swedish_words():
            return word
        near = [w for w, _, _ in process.extract(word, self.vocab_list, scorer=Levenshtein.distance,
                                                 score_cutoff=1, limit=4)]
        hits = {w for w in near if ocr_slip(word, w)}
        if len(hits) == 1:
            return hits.pop()
        hits = {w for w in near if linking_s(word, w)}
        if len(hits) == 1 and len(word) >= 10:
            return hits.pop()   # "Volontärcenter" / "Volontärscenter": the compound's linking s
        for head in self.heads:
            for n in (len(head), len(head) + 1, len(head) - 1):
                if len(word) > n + 2 and word[-n:] != head and ocr_slip(word[-n:], head):
                    return word[:-n] + head
        return word


# letters OCR puts in place of (or next to) å, ä, ö: "férvaltningen", "ndmnden", "Chefsnitverket", "6ver"
OCR_CHARS = frozenset("eéèdi641l0c")


def linking_s(seen: str, word: str) -> bool:
    """Whether two spellings of a compound differ only by its linking s ("volontar(s)center")."""
    ops = Levenshtein.editops(seen, word)
    if len(ops) != 1 or ops[0].tag not in ("insert", "delete"):
        return False
    op = ops[0]
    pos, char = (op.dest_pos, word[op.dest_pos]) if op.tag == "insert" else (op.src_pos, seen[op.src_pos])
    longer = word if op.tag == "insert" else seen
    return char == "s" and 3 <= pos < len(longer) - 3


def ocr_slip(seen: str, word: str) -> bool:
    """Whether ``seen`` is ``word`` with one OCR slip: one substitution or insertion of a letter
    OCR typically produces (not an ordinary inflection: "grupper" is no slip of "gruppen")."""
    ops = Levenshtein.editops(seen, word)
    if len(ops) != 1:
        return False
    op = ops[0]
    if op.tag == "replace":
        return seen[op.src_pos] in OCR_CHARS and word[op.dest_pos] in "aoåäöe"
    if op.tag == "delete":     # a letter too many in what we see: "enkait" for "enkat"
        return seen[op.src_pos] in OCR_CHARS
    return False


def label_norms(nlp: Language, label: str) -> list[str]:
    """The norm sequence a label is matched by (dash tokens dropped, 'skol-' -> 'skol')."""
    doc = nlp.make_doc(label)
    out = []
    for t in doc:
        if t.is_space or t.text in DASHES:
            continue
        n = fold(t.text).rstrip("-") or t.text
        out.append(n)
    return out


# --------------------------------------------------------------------------- kg_organizations

class OrganizationMatcher:
    """Curated organisations (organizations.tsv) and generic group names (group_names.txt).

    A longest-match lookup over the norms of the non-space tokens, dash tokens skipped, genitive
    endings accepted on the last word ("SOFs", "förvaltningens"). Abbreviations match only as
    written or in capitals. ``kb_id_`` is the key (several keys joined by "|" when a name is
    ambiguous across municipalities; extraction narrows them by the document's municipality);
    generic group names get ``kb_id_ = "group:<canonical name>"`` and ``id_ = "group"``.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.index: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for entry in gazetteer.load_organizations():
            for label in entry.labels:
                self._add(nlp, label, entry.key)
        for canonical, label in group_labels():
            self._add(nlp, label, "group:" + canonical)
        self.max_len = max((len(k) for k in self.index), default=1)
        self.prefixes = {k[:n] for k in self.index for n in range(1, len(k))}

    def _add(self, nlp: Language, label: str, key: str) -> None:
        norms = tuple(label_norms(nlp, label))
        if norms:
            pairs = self.index.setdefault(norms, [])
            if (key, label) not in pairs:
                pairs.append((key, label))

    def __call__(self, doc: Doc) -> Doc:
        toks = [t for t in doc if not t.is_space and t.text not in DASHES]
        norms = [t.norm_.rstrip("-") or t.norm_ for t in toks]
        found: list[Span] = []
        for i in range(len(toks)):
            best = None
            for n in range(1, min(self.max_len, len(toks) - i) + 1):
                key = tuple(norms[i:i + n])
                if n > 1 and _blank_line_between(toks[i + n - 2], toks[i + n - 1]):
                    break
                span = self._match(doc, toks[i:i + n], norms[i:i + n])
                if span is not None:
                    best = span
                if key not in self.prefixes:
                    break
            if best is not None:
                found.append(best)
        add_candidates(doc, found)
        return doc

    def _match(self, doc: Doc, toks: list[Token], norms: list[str]) -> Span | None:
        last = toks[-1]
        pairs = self.index.get(tuple(norms))
        written = last.text
        if pairs is None:
            base = strip_genitive(norms[-1])
            if base is None:
                return None
            pairs = self.index.get((*norms[:-1], base))
            written = strip_genitive(last.text) or last.text
            if pairs is None:
                return None
        keep = []
        for key, label in pairs:
            if is_abbreviation(label):
                surface = " ".join([*(t.text for t in toks[:-1]), written]).rstrip("-")
                if surface != label and not surface.isupper():
                    continue
                if len(label) <= 2 and not label.isupper():
                    continue
                if len(label) <= 2 and _is_party(key) and not _bracketed(doc, toks[0].i, last.i + 1):
                    continue   # "S", "M", "C" name a party only as "(S)" or ", S" at the end of a line
            elif len(toks) == 1 and (is_ordinary_word(label) or is_ordinary_word(written) or len(label) <= 4):
                # a name that is also a word ("Polisen"; "bra" for "Brå") must be spelled as written
                if written.lower() != label.lower():
                    continue
            keep.append(key)
        if keep and all(k.startswith("group:") for k in keep) and toks[0].i > 0:
            prev = doc[toks[0].i - 1]
            if prev.norm_ in cue("common_noun_determiners"):
                return None    # "en arbetsgrupp", "sin arbetsgrupp": a group, not a named one
        if not keep:
            return None
        keys = sorted(set(keep))
        kind = "group" if all(k.startswith("group:") for k in keys) else "gazetteer"
        return Span(doc, toks[0].i, last.i + 1, label=ORG, kb_id="|".join(keys), span_id=kind)


def _is_party(key: str) -> bool:
    try:
        return not key.startswith("group:") and gazetteer.organization(key).type == "party"
    except KeyError:
        return False


def _bracketed(doc: Doc, start: int, end: int) -> bool:
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].text if end < len(doc) else "\n"
    return (before == "(" and after == ")") or (before == "," and (after.isspace() or "\n" in after or end >= len(doc)))


def _blank_line_between(a: Token, b: Token) -> bool:
    return doc_text(a.doc)[a.idx + len(a.text):b.idx].count("\n") >= 2


@lru_cache(maxsize=1)
def group_labels() -> tuple[tuple[str, str], ...]:
    """(canonical, label as written) for every generic group name and its other forms.

    Read from the gazetteer's ``group_names.txt`` directly because abbreviations ("LG", "KS")
    must keep their capitals to be told from ordinary words.
    """
    import importlib.resources

    text = importlib.resources.files("kg").joinpath("resources", gazetteer.GROUP_NAMES_FILE).read_text(encoding="utf-8")
    out: set[tuple[str, str]] = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            labels = [x.strip() for x in line.split("|") if x.strip()]
            out.update((labels[0], label) for label in labels)
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def group_canonical() -> dict[str, str]:
    """normalised generic group name or alias -> canonical name."""
    return dict(gazetteer.group_alias_index())


# --------------------------------------------------------------------------- kg_persons

class PersonFinder:
    """Person names from the given-name and surname lists and the shape of the text.

    * A run of capitalised words on one line is split into names: each starts at a listed given
      name (a second given name may follow) and takes up to three surname-like words ("Cecilia
      Wickenberg Rosengren", "Maria Boman Hansson Marie Krantz" -> two names).
    * A surname-like word is capitalised, not an organisation, and a listed surname, or has a
      surname ending, or is no ordinary Swedish word ("Park" in "Maria Park" is one).
    * An unlisted given name counts when a listed surname follows, or when the text around says
      it is a person ("Ardiana Demjaha, Örkelljunga", "X Y, professor från ...").
    * A given name alone (run of one) is a candidate ``first_name`` (``first_name_weak`` when it
      is also an ordinary word: "Lisa", "Mats", "Dag"); extraction links it or drops it.
    * "fornamn.efternamn@..." gives the person named by the address.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.stop = cue("months") | cue("not_names")
        self.endings = sorted(cue("surname_endings"), key=len, reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        org_spans = candidates(doc, ORG)
        orgs = covered_tokens(org_spans)
        single_orgs = {s.start for s in org_spans if len(s) == 1 and _is_municipality(s.kb_id_)}
        found: list[Span] = []
        toks = content_tokens(doc)
        k = 0
        while k < len(toks):
            t = toks[k]
            if t.like_email:
                span = self._email(doc, t)
                if span is not None:
                    found.append(span)
                k += 1
                continue
            if not self._name_like(t, orgs):
                k += 1
                continue
            run = [t]
            m = k + 1
            while m < len(toks) and self._joins(run, toks[m]) and (
                    self._name_like(toks[m], orgs)
                    or (len(run) == 1 and is_first_name(run[0].text) and toks[m].i in single_orgs
                        and self._name_like(toks[m], set()) and not newline_between(run[0], toks[m]))):
                run.append(toks[m])   # "Bahar Norberg": a surname that is also a town's name
                m += 1
            names = self._split(doc, run, toks[m] if m < len(toks) else None)
            found.extend(n for n in names if not self._place(doc, n))
            k = m
        add_candidates(doc, found)
        return doc

    def _name_like(self, t: Token, orgs: set[int]) -> bool:
        text = t.text
        if t.i in orgs or len(text) < 2 or not text[0].isupper():
            return False
        if not text.replace("-", "").replace("'", "").isalpha() or text.endswith("-"):
            return False
        if text.isupper():
            return False
        return fold(text) not in self.stop

    def _joins(self, run: list[Token], t: Token) -> bool:
        """Whether ``t`` continues the run: same line, or a given name alone before a line break."""
        prev = run[-1]
        if prev.whitespace_ == "" and prev.idx + len(prev.text) == t.idx:
            return False
        if not newline_between(prev, t):
            return True
        return len(run) == 1 and is_first_name(prev.text) and not is_first_name(t.text) \
            and not _blank_line_between(prev, t) and self._surname_like(t)

    def _surname_like(self, t: Token) -> bool:
        text = t.text
        key = fold(text)
        if is_surname(text):
            return True
        if any(key.endswith(e) and len(key) > len(e) + 1 for e in self.endings):
            return True
        return not is_ordinary_word(text) and not is_first_name(text)

    def _split(self, doc: Doc, run: list[Token], after: Token | None) -> list[Span]:
        out: list[Span] = []
        if len(run) == 1:
            t = run[0]
            if is_first_name(t.text):
                rule = "first_name_weak" if is_ordinary_word(t.text) else "first_name"
                out.append(Span(doc, t.i, t.i + 1, label=PER, span_id=rule))
            return out
        j = 0
        while j < len(run):
            if not is_first_name(run[j].text):
                # an unlisted given name: accepted before a listed surname or a person context
                if j + 1 < len(run) and j == 0 and len(run) <= 3 and self._unlisted_ok(doc, run, after):
                    out.append(Span(doc, run[0].i, run[-1].i + 1, label=PER, span_id="person"))
                    return out
                j += 1
                continue
            given = [run[j]]
            k = j + 1
            if k < len(run) and is_first_name(run[k].text) and not is_surname(run[k].text) \
                    and k + 1 < len(run) and self._surname_like(run[k + 1]) and not is_first_name(run[k + 1].text):
                given.append(run[k])   # "Anna Maria Svensson"
                k += 1
            family: list[Token] = []
            while k < len(run) and len(family) < 3:
                w = run[k]
                if is_first_name(w.text) and not is_surname(w.text) and (family or k + 1 < len(run)):
                    break
                # right after a listed given name any capitalised word may be the surname
                # ("Gunilla Gran", "Cecilia Ceder"); later words must look like surnames
                if not self._surname_like(w) and (family or fold(w.text) in self.stop):
                    break
                family.append(w)
                k += 1
            if not family and j == 0 and len(run) == 2 and k == 1 and self._apposition(doc, after):
                family = [run[1]]   # "Per Skålén, professor ...": the context says it is a name
                k = 2
            if family:
                out.append(Span(doc, given[0].i, family[-1].i + 1, label=PER, span_id="person"))
                j = k
            else:
                j += 1
        return out

    def _place(self, doc: Doc, name: Span) -> bool:
        """'på Maria Park': after a place preposition, a name made of ordinary words is a place."""
        prev = doc[name.start - 1] if name.start > 0 else None
        return prev is not None and prev.norm_ in ("pa", "i", "vid") and len(name) > 1 \
            and any(is_ordinary_word(t.text) for t in name)

    def _apposition(self, doc: Doc, after: Token | None) -> bool:
        """'Name, title ...' or 'Name från ...' follows."""
        if after is None:
            return False
        nxt = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if after.text == "," and nxt is not None and nxt.is_alpha and nxt.is_lower:
            return True
        return fold(after.text) == "fran"

    def _unlisted_ok(self, doc: Doc, run: list[Token], after: Token | None) -> bool:
        if is_surname(run[-1].text) and not is_ordinary_word(run[-1].text) and len(run) == 2:
            return True    # "Lila Ericsson": an unlisted given name before a listed surname
        if any(is_ordinary_word(t.text) for t in run):
            return False
        if is_surname(run[-1].text):
            return True
        return self._apposition(doc, after)

    def _email(self, doc: Doc, t: Token) -> Span | None:
        local = t.text.split("@", 1)[0]
        parts = [p for p in re.split(r"[._]", local) if p]
        if not 2 <= len(parts) <= 3 or not all(p.isalpha() for p in parts):
            return None
        if not is_first_name(parts[0].capitalize()):
            return None
        return Span(doc, t.i, t.i + 1, label=PER, span_id="email")


def email_name(text: str) -> str:
    """'johan.lindberg@familjenhelsingborg.se' -> 'Johan Lindberg'."""
    local = text.split("@", 1)[0]
    return " ".join("-".join(x.capitalize() for x in p.split("-")) for p in re.split(r"[._]", local) if p)


# --------------------------------------------------------------------------- kg_context_orgs

class ContextOrganizations:
    """Organisations no list knows, recognised by what is said around them: a capitalised name that
    is no person after "tillsammans med", "samarbete med", "bjuda in", "representanter från" ...
    ("en lägesbild tas fram tillsammans med Länsförsäkringar")."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.cues = sorted((tuple(fold(w).split()) for w in cue("org_context")), key=len, reverse=True)
        self.stop = cue("months") | cue("not_names")

    def __call__(self, doc: Doc) -> Doc:
        taken = covered_tokens(candidates(doc))
        toks = content_tokens(doc)
        norms = [t.norm_ for t in toks]
        found = []
        for i in range(len(toks)):
            for words in self.cues:
                j = self._match(norms, i, words)
                if j is None:
                    continue
                k = j
                while k < len(toks) and k - j < 4 and toks[k].text[:1].isupper() and toks[k].is_alpha \
                        and toks[k].i not in taken and not newline_between(toks[k - 1], toks[k]):
                    k += 1
                name = toks[j:k]
                if name and not is_first_name(name[0].text) and fold(name[0].text) not in self.stop \
                        and not (len(name) == 1 and is_ordinary_word(name[0].text)):
                    found.append(Span(doc, name[0].i, name[-1].i + 1, label=ORG, span_id="org_context"))
                break
        add_candidates(doc, found)
        return doc

    @staticmethod
    def _match(norms: list[str], i: int, words: tuple[str, ...]) -> int | None:
        """End of ``words`` at ``i``; one verb may stand before a final "med" ("samverkan sker med")."""
        n = len(words)
        if tuple(norms[i:i + n]) == words:
            return i + n
        if n >= 2 and words[-1] == "med" and tuple(norms[i:i + n - 1]) == words[:-1] \
                and i + n < len(norms) and norms[i + n] == "med" and norms[i + n - 1].isalpha():
            return i + n + 1
        return None


# --------------------------------------------------------------------------- kg_projects

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
        self.after = cue("project_after")
        self.about = [tuple(fold(w).split()) for w in cue("project_about")]
        self.enum = [tuple(fold(w).replace(".", " . ").split()) for w in cue("enumeration")]
        self.copula = cue("copula")
        self.locative = cue("locative")
        self.stop = cue("months") | cue("not_names")

    def __call__(self, doc: Doc) -> Doc:
        orgs = candidates(doc, ORG)
        persons = [s for s in candidates(doc, PER) if s.id_ not in ("first_name_weak",)]
        self.org_tok = covered_tokens(orgs)
        self.per_tok = covered_tokens(persons)
        self.municipal = {i for s in orgs for i in range(s.start, s.end) if _is_municipality(s.kb_id_)}
        found: list[Span] = []
        for rule in (self._quoted, self._after_cue, self._copula, self._enumeration,
                     self._capital_runs, self._mid_sentence, self._bullet_topic):
            found.extend(rule(doc))
        add_candidates(doc, found)
        return doc

    # -- helpers
    def _free(self, t: Token) -> bool:
        return t.i not in self.org_tok and t.i not in self.per_tok

    def _cap(self, t: Token) -> bool:
        return bool(t.text) and t.text[0].isupper() and t.text.replace("-", "").isalpha()

    def _span(self, doc: Doc, a: int, b: int, rule: str) -> Span | None:
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        if b <= a:
            return None
        return Span(doc, a, b, label=PRJ, span_id=rule)

    # -- rules
    def _quoted(self, doc: Doc) -> Iterator[Span]:
        i = 0
        while i < len(doc):
            if doc[i].text in QUOTES:
                j = i + 1
                while j < len(doc) and j - i <= 8 and doc[j].text not in QUOTES and "\n" not in doc[j].text:
                    j += 1
                if j < len(doc) and doc[j].text in QUOTES and j > i + 1 and doc[i + 1].text[:1].isupper():
                    inner = doc[i + 1:j]
                    if not all(t.i in self.per_tok or t.i in self.org_tok for t in inner):
                        s = self._span(doc, i + 1, j, "project_quoted")
                        if s is not None:
                            yield s
                    i = j + 1
                    continue
            i += 1

    def _after_cue(self, doc: Doc) -> Iterator[Span]:
        for t in doc:
            if t.norm_ not in self.after:
                continue
            j = t.i + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            # "projektet som handlar om X"
            for words in self.about:
                k = j
                if k < len(doc) and doc[k].norm_ == "som":
                    k += 1
                if tuple(x.norm_ for x in doc[k:k + len(words) + 2] if not x.is_space)[:len(words)] == words:
                    while k < len(doc) and (doc[k].is_space or doc[k].norm_ in words):
                        k += 1
                    a = k
                    b = a
                    while b < len(doc) and b - a < 6 and not doc[b].is_punct and not doc[b].is_space:
                        b += 1
                    s = self._span(doc, a, b, "project_about")
                    if s is not None:
                        yield s
            if j < len(doc) and doc[j].norm_ == "med":
                j += 1
            if j < len(doc) and self._cap(doc[j]) and self._free(doc[j]):
                b = j
                while b < len(doc) and b - j < 4 and (self._cap(doc[b]) or doc[b].text.isupper()) and self._free(doc[b]):
                    b += 1
                s = self._span(doc, j, b, "project_named")
                if s is not None:
                    yield s
            elif t.norm_ == "konceptet" and j < len(doc) and doc[j].is_lower:
                b = j
                while b < len(doc) and b - j < 3 and doc[b].is_alpha and doc[b].is_lower \
                        and doc[b].norm_ not in self.locative and doc[b].norm_ not in {"och", "som", "att"}:
                    b += 1
                if b - j >= 2:
                    s = self._span(doc, j, b, "project_concept")
                    if s is not None:
                        yield s

    def _copula(self, doc: Doc) -> Iterator[Span]:
        for t in doc:
            if t.norm_ not in {"projekt", "initiativ", "satsning"} or t.i < 3:
                continue
            k = t.i - 1
            if doc[k].is_alpha and doc[k].is_lower and doc[k].norm_ not in {"ett", "en"}:
                k -= 1   # adjective: "ett stort projekt"
            if doc[k].norm_ not in {"ett", "en"}:
                continue
            k -= 1
            if k < 0 or doc[k].norm_ not in self.copula:
                continue
            b = k
            a = b
            while a - 1 >= 0 and (self._cap(doc[a - 1]) or doc[a - 1].text.isupper()) and not doc[a - 1].is_space \
                    and b - a < 3 and self._free(doc[a - 1]):
                a -= 1
            if a < b:
                s = self._span(doc, a, b, "project_copula")
                if s is not None:
                    yield s

    def _enumeration(self, doc: Doc) -> Iterator[Span]:
        norms = [t.norm_ for t in doc]
        for i in range(len(doc)):
            for words in self.enum:
                if tuple(norms[i:i + len(words)]) != words:
                    continue
                j = i + len(words)
                while j < len(doc):
                    while j < len(doc) and doc[j].is_space:
                        j += 1
                    if j >= len(doc) or not self._cap(doc[j]) or not self._free(doc[j]):
                        break
                    b = j
                    while b < len(doc) and not doc[b].is_punct and not doc[b].is_space and doc[b].norm_ != "och" \
                            and b - j < 4:
                        b += 1
                    if not all(self._free(doc[x]) for x in range(j, b)):
                        break
                    s = self._span(doc, j, b, "project_enumerated")
                    if s is not None:
                        yield s
                    if b < len(doc) and (doc[b].text == "," or doc[b].norm_ == "och"):
                        j = b + 1
                    else:
                        break

    def _capital_runs(self, doc: Doc) -> Iterator[Span]:
        toks = content_tokens(doc)
        k = 0
        while k < len(toks):
            t = toks[k]
            if not (self._cap(t) and self._free(t)) or t.text.isupper() or fold(t.text) in self.stop:
                k += 1
                continue
            if is_first_name(t.text):
                k += 1
                continue   # a person the name lists did not confirm, not a project
            run = [t]
            m = k + 1
            while m < len(toks) and not newline_between(run[-1], toks[m]) and len(run) < 4:
                u = toks[m]
                if u.i in self.municipal and u.i not in self.per_tok:
                    run.append(u)
                    m += 1
                    break
                if (self._cap(u) or (u.text.isupper() and len(u.text) <= 4 and u.is_alpha)) and self._free(u) \
                        and fold(u.text) not in self.stop:
                    run.append(u)
                    m += 1
                    continue
                break
            nxt = toks[m] if m < len(toks) else None
            label = nxt is not None and nxt.text == ":" and not newline_between(run[-1], nxt)
            prev = doc[run[0].i - 1] if run[0].i > 0 else None
            place = prev is not None and prev.norm_ in self.locative
            # "Mitt Helsingborg" in mid-line is a name; "Plats Helsingborg" opening a line is not
            town_name = run[-1].i in self.municipal and sentence_start(doc, run[0].i)
            if len(run) >= 2 and not label and not place and not town_name:
                s = self._span(doc, run[0].i, run[-1].i + 1, "project_capitals")
                if s is not None:
                    yield s
            k = max(m, k + 1)

    def _mid_sentence(self, doc: Doc) -> Iterator[Span]:
        for t in doc:
            if not (self._cap(t) and self._free(t)) or t.text.isupper() or len(t.text) < 4:
                continue
            if sentence_start(doc, t.i) or is_first_name(t.text) or fold(t.text) in self.stop:
                continue
            prev = doc[t.i - 1]
            if prev.norm_ in self.locative or prev.norm_ in {"en", "ett"} or self._cap(prev) \
                    or (t.i + 1 < len(doc) and self._cap(doc[t.i + 1])):
                continue   # a place ("på Heden"), a common noun ("en Facebookgrupp"), a longer name
            b = t.i + 1
            while b < len(doc) and b - t.i <= 3 and doc[b].is_alpha and doc[b].is_lower:
                b += 1
            end_clause = b >= len(doc) or doc[b].is_punct or "\n" in doc[b].text
            s = self._span(doc, t.i, b if end_clause and b - t.i <= 3 else t.i + 1, "project_capitalised")
            if s is not None:
                yield s

    def _bullet_topic(self, doc: Doc) -> Iterator[Span]:
        for t in doc:
            if not line_start(doc, t.i, numbers=False) or not self._cap(t) or not self._free(t) or t.text.isupper():
                continue
            if is_ordinary_word(t.text) or is_first_name(t.text) or fold(t.text) in self.stop:
                continue
            j = t.i + 1
            if j < len(doc) and doc[j].is_lower and doc[j].is_alpha:
                j += 1
            if j < len(doc) and doc[j].text in DASHES:
                yield Span(doc, t.i, t.i + 1, label=PRJ, span_id="project_topic")


def _is_municipality(kb_id: str) -> bool:
    if not kb_id or kb_id.startswith("group:"):
        return False
    try:
        return all(gazetteer.organization(k).type == "municipality" for k in kb_id.split("|"))
    except KeyError:
        return False


# --------------------------------------------------------------------------- kg_select

class Selector:
    """Chooses the spans extraction reads: longest first, then by rule priority.

    Overlapping spans are dropped, except an organisation inside a longer organisation or
    project name after a linking word ("Grundskolenätverket i Familjen Helsingborg",
    "verksamhetsplanen för HSS"): both are mentions. Spans from a statistical NER (``doc.ents``)
    are candidates too, with the lowest priority.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.link = cue("nested_org_link")

    def __call__(self, doc: Doc) -> Doc:
        pool = list(candidates(doc))
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label:
                pool.append(Span(doc, ent.start, ent.end, label=label, span_id="ner"))
        pool.sort(key=lambda s: (-(s.end - s.start), -PRIORITY.get(s.id_, DEFAULT_PRIORITY if s.id_ != "ner"
                                                                       else NER_PRIORITY), s.start, s.label_))
        chosen: list[Span] = []
        for s in pool:
            clash = [c for c in chosen if c.start < s.end and s.start < c.end]
            if not clash:
                chosen.append(s)
            elif s.label_ == ORG and all(self._nested(c, s) or (c.label_ == PRJ and s.id_ == "gazetteer")
                                         for c in clash):
                chosen.append(s)   # a curated name inside a project's words is still a mention
        doc.spans[SPANS_KEY] = sorted(chosen, key=lambda s: (s.start, s.end, s.label_))
        return doc

    def _nested(self, outer: Span, inner: Span) -> bool:
        if outer.label_ not in (ORG, PRJ) or not (outer.start < inner.start and inner.end <= outer.end):
            return False
        k = inner.start - 1
        while k > outer.start and outer.doc[k].is_space:
            k -= 1
        return outer.doc[k].norm_ in self.link


# --------------------------------------------------------------------------- factories

@Language.factory("kg_normalize")
def make_normalizer(nlp: Language, name: str) -> Normalizer:
    return Normalizer(nlp, name)


@Language.factory("kg_organizations")
def make_organizations(nlp: Language, name: str) -> OrganizationMatcher:
    return OrganizationMatcher(nlp, name)


@Language.factory("kg_persons")
def make_persons(nlp: Language, name: str) -> PersonFinder:
    return PersonFinder(nlp, name)


@Language.factory("kg_context_orgs")
def make_context_orgs(nlp: Language, name: str) -> ContextOrganizations:
    return ContextOrganizations(nlp, name)


@Language.factory("kg_projects")
def make_projects(nlp: Language, name: str) -> ProjectFinder:
    return ProjectFinder(nlp, name)


@Language.factory("kg_select")
def make_selector(nlp: Language, name: str) -> Selector:
    return Selector(nlp, name)


def _load_patterns() -> list[dict]:
    patterns = []
    for name in ("organizations.jsonl", "projects.jsonl"):
        for row in _jsonl(PATTERN_DIR / name):
            patterns.append(row)
    return patterns


@lru_cache(maxsize=4)
def get_nlp(ner: str | None = None) -> Language:
    """The pipeline, built once per ``ner`` setting.

    ``ner`` names an installed spaCy pipeline whose ``ner`` component is added after
    normalisation; its entities become candidates like the rules' spans.
    """
    nlp = spacy.blank("sv")
    nlp.max_length = 5_000_000
    _customize_tokenizer(nlp)
    nlp.add_pipe("kg_normalize")
    if ner:
        nlp.add_pipe("ner", source=spacy.load(ner))
    nlp.add_pipe("kg_organizations")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": CANDIDATES, "spans_filter": None,
                                               "annotate_ents": False, "overwrite": False})
    ruler.add_patterns(_load_patterns())
    nlp.add_pipe("kg_persons")
    nlp.add_pipe("kg_context_orgs")
    nlp.add_pipe("kg_projects")
    nlp.add_pipe("kg_select")
    return nlp
