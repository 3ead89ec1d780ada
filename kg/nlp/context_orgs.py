"""``kg_context_orgs``: organisations no list knows, from what is said around them."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import cue
from ..lexicons.names import is_first_name
from ..text import fold
from .tokens import (
    CONTENT,
    ORG,
    KindCodes,
    TokenTable,
    add_candidates,
    candidates,
    content_positions,
    covered_tokens,
    normalized_table,
)
from .words import is_ordinary_word

_CUE_START = 1   # (and CONTENT, below)


class ContextOrganizations:
    """Organisations no list knows, recognised by what is said around them: a capitalised name that
    is no person after "tillsammans med", "samarbete med", "bjuda in", "representanter från" ...
    ("en lägesbild tas fram tillsammans med Länsförsäkringar")."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.cues = sorted((tuple(fold(w).split()) for w in cue("org_context")), key=len, reverse=True)
        self.stop = cue("months") | cue("not_names")
        # a cue can match only where its first word stands: the cues of each first word, in order
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in self.cues:
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        self.any_empty = any(not words for words in self.cues)
        self.longest = max((len(words) for words in self.cues), default=0)
        self._rows: list | None = None   # the kind rows _codes was made for
        self._codes = KindCodes()        # by kind: _CUE_START where a cue may start, CONTENT

    def _starts(self, table: TokenTable) -> Iterable[int]:
        """The positions in ``table.content`` where a cue may start: where a cue's first word
        stands (by kind; the content tokens have their kind's norm)."""
        by_first, toks = self.by_first, table.content
        if self.any_empty:
            return range(len(toks))
        rows, codes = table.kind_rows, self._codes
        if self._rows is not rows:   # (another Normalizer numbers the kinds otherwise)
            self._rows = rows
            codes.clear()
        codes.values.extend((_CUE_START if row[1] in by_first else 0) | (0 if row[3] else CONTENT)
                            for row in rows[len(codes):])
        return content_positions(codes.of(table), CONTENT, _CUE_START)

    def __call__(self, doc: Doc) -> Doc:
        taken = covered_tokens(candidates(doc))
        table = normalized_table(doc)
        texts, alpha, norm_at = table.texts, table.alpha, table.norms
        toks = table.content
        size = len(toks)
        found = []
        for i in self._starts(table):
            # the norms a cue at i may read (see _match)
            norms = [norm_at[toks[x]] for x in range(i, min(i + self.longest + 1, size))]
            for words in (self.cues if self.any_empty else self.by_first[norms[0]]):
                j = self._match(norms, 0, words)
                if j is None:
                    continue
                j += i
                k = j
                while k < len(toks) and k - j < 4 and texts[toks[k]][:1].isupper() and alpha[toks[k]] \
                        and toks[k] not in taken and not table.newline_between(toks[k - 1], toks[k]):
                    k += 1
                name = toks[j:k]
                if name and not is_first_name(texts[name[0]]) and fold(texts[name[0]]) not in self.stop \
                        and not (len(name) == 1 and is_ordinary_word(texts[name[0]])):
                    found.append(Span(doc, name[0], name[-1] + 1, label=ORG, span_id="org_context"))
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


@Language.factory("kg_context_orgs")
def make_context_orgs(nlp: Language, name: str) -> ContextOrganizations:
    return ContextOrganizations(nlp, name)
