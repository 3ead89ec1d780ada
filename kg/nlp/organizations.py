"""``kg_organizations``: curated organisations and generic group names, a longest-match lookup
over the norms of non-space tokens."""
from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons import gazetteer
from ..lexicons.cues import cue
from ..lexicons.names import is_abbreviation, strip_genitive
from ..lexicons.organizations import group_labels
from .normalize import label_norms
from .tokens import DASHES, ORG, KindCodes, TokenTable, add_candidates, normalized_table
from .words import is_ordinary_word

RULES_KEPT = 100_000   # names whose tests OrganizationMatcher remembers


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
        self.determiners = cue("common_noun_determiners")
        self._starts: dict[str, bool] = {}
        self._genitive: dict[str, str | None] = {}   # norm -> strip_genitive(norm)
        # (norms, texts) of a name's tokens -> what ``_rule`` says of them
        self._rules: dict[tuple, tuple | None] = {}
        self._norm: list[str | None] = []   # by TokenTable.kinds (see _kind_info)
        self._can = KindCodes()

    def _can_start(self, norm: str) -> bool:
        """Whether a name can match or begin at a token of this norm (what ``_find`` tests
        first: the one-word key, its genitive, and whether longer keys begin with it)."""
        key = (norm,)
        base = strip_genitive(norm)
        return key in self.index or (base is not None and (base,) in self.index) or key in self.prefixes

    def _add(self, nlp: Language, label: str, key: str) -> None:
        norms = tuple(label_norms(nlp, label))
        if norms:
            pairs = self.index.setdefault(norms, [])
            if (key, label) not in pairs:
                pairs.append((key, label))

    def _kind_info(self, row: tuple) -> tuple[str | None, bool]:
        """(the norm without a final dash, None for white space and dashes, which names skip;
        whether a name may start there) of a token with the Normalizer's ``row``."""
        if row[3] or row[0] in DASHES:
            return None, False
        norm = row[1].rstrip("-") or row[1]
        can = self._starts.get(norm)
        if can is None:
            can = self._starts[norm] = self._can_start(norm)
        return norm, can

    def __call__(self, doc: Doc) -> Doc:
        """The longest name at each token where one may start, each token's norm and whether a
        name may start there read per ``TokenTable.kinds`` (a content token's text and norm follow
        from its kind)."""
        table = normalized_table(doc)
        norm_of, can_of, rows = self._norm, self._can, table.kind_rows
        if len(norm_of) < len(rows):
            for norm, can in map(self._kind_info, rows[len(norm_of):]):
                norm_of.append(norm)
                can_of.values.append(can)
        at = numpy.flatnonzero(can_of.of(table)).tolist()
        add_candidates(doc, self._find(doc, table, table.kinds, norm_of, at))
        return doc

    def _find(self, doc: Doc, table: TokenTable, kinds, norm_of: list[str | None], at: Iterable[int]) -> list[Span]:
        """The longest name starting at each token of ``at``: token ``i``'s norm is
        ``norm_of[kinds[i]]``, None for the tokens names skip (white space and dashes). The
        tests of a name's words alone are made once per (norms, texts) (``_rule``)."""
        index, prefixes, max_len, rules = self.index, self.prefixes, self.max_len, self._rules
        genitive = self._genitive
        texts, norms = table.texts, table.norms
        size = len(kinds)
        found: list[Span] = []
        for i in at:
            key = (norm_of[kinds[i]],)
            toks = [i]
            last = i
            best = None
            while True:
                norm = key[-1]
                base = genitive.get(norm, 0)
                if base == 0:
                    base = genitive[norm] = strip_genitive(norm)
                if key in index or base is not None and (*key[:-1], base) in index:
                    words = tuple([texts[t] for t in toks])
                    rule = rules.get((key, words), 0)
                    if rule == 0:
                        if len(rules) > RULES_KEPT:
                            rules.clear()
                        rule = rules[(key, words)] = self._rule(key, words)
                    if rule is not None:
                        result, without_parties, parties = rule
                        if parties and not _bracketed(doc, i, last + 1, after_name=parties == 2):
                            result = without_parties
                        # "en arbetsgrupp", "sin arbetsgrupp": a group, not a named one
                        if result is not None and not (result[2] and i > 0 and norms[i - 1] in self.determiners):
                            best = (last + 1, result)
                if key not in prefixes or len(key) >= max_len:
                    break
                j = last + 1
                while j < size and norm_of[kinds[j]] is None:
                    j += 1
                if j >= size or (j > last + 1 and table.blank_line_between(last, j)):
                    break
                key = (*key, norm_of[kinds[j]])
                toks.append(j)
                last = j
            if best is not None:
                end, (kb_id, kind, _) = best
                found.append(Span(doc, i, end, label=ORG, kb_id=kb_id, span_id=kind))
        return found

    def _rule(self, norms: tuple[str, ...], texts: tuple[str, ...]) -> tuple | None:
        """What the written words ``texts`` (of norms ``norms``) name, their context aside: None
        for nothing, else (the result, the result without the parties, whether a party is among
        them), a result being (kb id, "gazetteer" or "group", only groups) or None. A party named
        by one or two letters counts only where ``_bracketed``."""
        pairs = self.index.get(norms)
        written = texts[-1]
        if pairs is None:
            base = strip_genitive(norms[-1])
            if base is None:
                return None
            pairs = self.index.get((*norms[:-1], base))
            written = strip_genitive(written) or written
            if pairs is None:
                return None
        keep = []
        parties = []
        lower_party = False
        for key, label in pairs:
            if is_abbreviation(label):
                surface = " ".join([*texts[:-1], written]).rstrip("-")
                if surface != label and not surface.isupper():
                    if surface.islower() and surface == label.lower() and _is_party(key):
                        parties.append(key)   # "(s)", "(fp)", "(kds)": older minutes write party letters small
                        lower_party = True
                    continue
                if len(label) <= 2 and not label.isupper():
                    continue
                if len(label) <= 2 and _is_party(key):
                    parties.append(key)   # "S", "M", "C" name a party only as "(S)" or ", S" at the end of a line
                    continue
            elif len(texts) == 1 and (is_ordinary_word(label) or is_ordinary_word(written) or len(label) <= 4):
                # a name that is also a word ("Polisen"; "bra" for "Brå") must be spelled as written
                if written.lower() != label.lower():
                    continue
            keep.append(key)
        if not keep and not parties:
            return None
        return _result(keep + parties), _result(keep), (2 if lower_party else 1) if parties else 0


def _result(keys: list[str]) -> tuple[str, str, bool] | None:
    """(kb id, rule, only groups) of a name with the gazetteer keys ``keys``; None without keys."""
    if not keys:
        return None
    group = all(k.startswith("group:") for k in keys)
    return "|".join(sorted(set(keys))), "group" if group else "gazetteer", group


def _is_party(key: str) -> bool:
    try:
        return not key.startswith("group:") and gazetteer.organization(key).type == "party"
    except KeyError:
        return False


def _bracketed(doc: Doc, start: int, end: int, after_name: bool = False) -> bool:
    """'(S)', ', S' at a line's end: where a party's letters name it. Small letters ('(s)', '(fp)')
    only in brackets right after a name of two capitalised words ('Gunnar Lidell (s)'), not in
    'person(s)' or 'Kostnaden (s)'."""
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].text if end < len(doc) else "\n"
    if after_name:
        return (before == "(" and after == ")" and start >= 3 and bool(doc[start - 2].whitespace_)
                and doc[start - 2].is_title and doc[start - 3].is_title and doc[start - 3].whitespace_ == " ")
    return (before == "(" and after == ")") or (before == "," and (after.isspace() or "\n" in after or end >= len(doc)))





@Language.factory("kg_organizations")
def make_organizations(nlp: Language, name: str) -> OrganizationMatcher:
    return OrganizationMatcher(nlp, name)
