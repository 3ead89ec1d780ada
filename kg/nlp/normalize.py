"""``kg_normalize``: ``token.norm_`` as the folded form, with OCR slips in organisation words
repaired."""
from __future__ import annotations

import numpy
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.attrs import NORM, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import gazetteer
from ..lexicons.cues import cue, linking_s, ocr_slip
from ..text import fold
from .tokens import DASHES, TABLES, TOKEN_ATTRS, TokenTable
from .words import ordinary_words


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
        self._head_halves = [(h, h[:len(h) // 2], h[len(h) // 2:]) for h in self.heads]
        self._cache: dict[str, str] = {}
        self._by_length: dict[int, list[str]] = {}   # word length -> ``_near_length``
        # per orth (``_row``): (text, norm, norm id, the lexeme's IS_SPACE, IS_PUNCT, IS_ALPHA,
        # IS_LOWER, LIKE_EMAIL, IS_TITLE, not IS_SPACE, kind): all a TokenTable holds that depends
        # on the orth alone
        self.kind_rows: list[tuple] = []   # the rows by kind (a row's last value)
        self._kind_of: dict[int, int] = {}   # orth id -> kind
        # by kind: the row's text, norm, norm id and flags (a row of each flag), numpy arrays
        # with room for more kinds, read for all tokens of a doc at once
        self._texts = numpy.zeros(0, object)
        self._norms = numpy.zeros(0, object)
        self._norm_ids = numpy.zeros(0, numpy.uint64)
        self._flags = numpy.zeros((7, 0), numpy.int8)

    def __call__(self, doc: Doc) -> Doc:
        """Sets the norms and makes the doc's ``TokenTable`` (an empty one for an empty doc), reading
        only the token attributes of ``doc`` (orth, norm, offset, trailing space) and the rest once
        per orth (``_row``), by its kind (a small number per orth): reading the lexemes' flags for
        every token took a third of the time. The texts, norms, norm ids and flags by kind are
        numpy arrays, read for all tokens at once."""
        arr = doc.to_array(TOKEN_ATTRS)
        orths = arr[:, 0].tolist()
        kind_of = self._kind_of
        try:
            kinds = list(map(kind_of.__getitem__, orths))
        except KeyError:
            strings = doc.vocab.strings
            for orth in set(orths).difference(kind_of):
                self._add_kind(self._row(doc.vocab, strings, orth, len(self.kind_rows)), orth)
            kinds = list(map(kind_of.__getitem__, orths))
        at = numpy.array(kinds, dtype=numpy.intp)
        flags = self._flags.take(at, axis=1)
        ids = self._norm_ids.take(at)
        texts = self._texts.take(at).tolist()
        norms = self._norms.take(at).tolist()
        # white space keeps the norm of its token, which a special case of the tokenizer may set
        odd_at = numpy.flatnonzero(flags[0].astype(bool) & (ids != arr[:, 1]))
        odd = odd_at.tolist()
        if odd:
            strings = doc.vocab.strings
            ids[odd_at] = arr[odd_at, 1]
            for k in odd:
                norms[k] = strings[int(ids[k])]
        doc.from_array([NORM], ids.reshape(-1, 1))
        table = TokenTable.__new__(TokenTable)
        table.space, table.punct, table.alpha, table.lower, table.email, table.title, _ = flags.tolist()
        table.texts, table.norms, table.orths, table.idx = texts, norms, orths, arr[:, 2].tolist()
        text = doc.user_data.get("kg_text")
        if text is None:
            trailing = doc.to_array(SPACY).tolist()
            text = doc.user_data["kg_text"] = "".join([t + " " if sp else t for t, sp in zip(texts, trailing)])
        table.text = text
        table.content = numpy.flatnonzero(flags[6]).tolist()
        table.odd = odd
        table.kinds, table.kind_rows = kinds, self.kind_rows
        TABLES[doc] = table
        return doc

    def _add_kind(self, row: tuple, orth: int) -> None:
        kind = row[-1]
        if kind >= len(self._norm_ids):
            more = max(1024, len(self._norm_ids))
            self._texts = numpy.concatenate([self._texts, numpy.zeros(more, object)])
            self._norms = numpy.concatenate([self._norms, numpy.zeros(more, object)])
            self._norm_ids = numpy.concatenate([self._norm_ids, numpy.zeros(more, numpy.uint64)])
            self._flags = numpy.concatenate([self._flags, numpy.zeros((7, more), numpy.int8)], axis=1)
        self._texts[kind], self._norms[kind], self._norm_ids[kind] = row[:3]
        self._flags[:, kind] = row[3:10]
        self.kind_rows.append(row)
        self._kind_of[orth] = kind

    def _row(self, vocab, strings, orth: int, kind: int) -> tuple:
        lex = vocab[orth]
        text = strings[orth]
        if lex.is_space:
            norm_id = lex.norm
            norm = strings[norm_id]
        else:
            norm = self.repair(fold(text))
            norm_id = strings.add(norm)
        return (text, norm, norm_id, int(lex.is_space), int(lex.is_punct), int(lex.is_alpha), int(lex.is_lower),
                int(lex.like_email), int(lex.is_title), int(not lex.is_space), kind)

    def repair(self, word: str) -> str:
        if word in self._cache:
            return self._cache[word]
        out = self._repair(word)
        self._cache[word] = out
        return out

    def _repair(self, word: str) -> str:
        if len(word) < 7 or word in self.vocab or not word.isalpha() or word in ordinary_words():
            return word
        near = [w for w, _, _ in process.extract(word, self._near_length(len(word)), scorer=Levenshtein.distance,
                                                 score_cutoff=1, limit=4)]
        hits = {w for w in near if ocr_slip(word, w)}
        if len(hits) == 1:
            return hits.pop()
        hits = {w for w in near if linking_s(word, w)}
        if len(hits) == 1 and len(word) >= 10:
            return hits.pop()   # "Volontärcenter" / "Volontärscenter": the compound's linking s
        return self._repair_head(word)

    def _near_length(self, size: int) -> list[str]:
        """The words of ``vocab_list`` (in its order) one edit may turn a word of ``size`` letters
        into: of ``size`` - 1 to ``size`` + 1 letters. The others are never within the distance
        ``_repair`` accepts, and comparing with them was most of its time."""
        words = self._by_length.get(size)
        if words is None:
            words = self._by_length[size] = [w for w in self.vocab_list if abs(len(w) - size) <= 1]
        return words

    def _repair_head(self, word: str) -> str:
        """The first head (longest first) that the end of ``word`` is with one OCR slip, put in
        its place; trying every head at three lengths of the ending took longer.

        Two of them can match: an ending one letter shorter than the head needs an insertion,
        which ``ocr_slip`` never accepts; and one slip (a letter replaced, or one too many) leaves
        the first half or the last half of the head as it is in the ending (``halves``)."""
        size = len(word)
        for head, first, last in self._head_halves:
            for n in (len(head), len(head) + 1):
                if size > n + 2 and (word.startswith(first, size - n) or word.endswith(last)) \
                        and word[-n:] != head and ocr_slip(word[-n:], head):
                    return word[:-n] + head
        return word


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


@Language.factory("kg_normalize")
def make_normalizer(nlp: Language, name: str) -> Normalizer:
    return Normalizer(nlp, name)
