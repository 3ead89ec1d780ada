"""``kg_persons``: person names (a known given name plus surname-like words, double surnames,
names in e-mail addresses, lone given names)."""
from __future__ import annotations

from bisect import bisect_left

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import cue
from ..lexicons.names import is_first_name, is_surname
from ..lexicons.organizations import is_municipality
from ..text import fold
from .person_context import PersonContextRules
from .person_tokens import PersonTextRules, is_initial
from .tokens import (
    CONTENT,
    EMAIL,
    FIRST,
    LIKE,
    ORG,
    PER,
    RUN_START,
    KindCodes,
    TokenTable,
    add_candidates,
    candidates,
    content_codes,
    covered_tokens,
    normalized_table,
)
from .words import is_ordinary_word


class PersonFinder(PersonTextRules, PersonContextRules):
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

    The tests of a word's text are inherited from ``PersonTextRules`` (person_tokens.py), those of
    the words around a run from ``PersonContextRules`` (person_context.py); the rules here read
    them once per ``TokenTable.kinds`` and work on token indices.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.stop = cue("months") | cue("not_names")
        self.endings = sorted(cue("surname_endings"), key=len, reverse=True)
        self.ending_tuple = tuple(self.endings)
        self._names: dict[str, bool] = {}
        self._rows: list | None = None   # the kind rows _facts was made for
        self._facts: tuple[list, ...] = ([], [], [], [], [], [], [])
        self._codes = KindCodes()   # by kind: RUN_START (a run may start here), CONTENT, LIKE, FIRST, EMAIL
        self._municipal: dict[str, bool] = {}   # kb_id -> is_municipality

    def _kind_facts(self, table: TokenTable) -> tuple[list, ...]:
        """By ``TokenTable.kinds``: (``_name_text``; a run may start here: name-like or an e-mail
        address; ``is_first_name``; ``is_surname``; ``is_ordinary_word``; ``_surname_like``; the
        folded text is a stop word), all of the token's text alone."""
        rows = table.kind_rows
        if self._rows is not rows:   # (another Normalizer numbers the kinds otherwise)
            self._rows = rows
            self._facts = ([], [], [], [], [], [], [])
            self._codes.clear()
        facts = self._facts
        like, starts, first, sur, ordinary, sur_like, stop = facts
        for row in rows[len(like):]:
            text = row[0]
            name = self._name_text(text)
            like.append(name)
            starts.append(name or bool(row[7]))
            first.append(is_first_name(text))
            sur.append(is_surname(text))
            ordinary.append(is_ordinary_word(text))
            sur_like.append(self._surname_text(text))
            stop.append(fold(text) in self.stop)
            self._codes.values.append((RUN_START if starts[-1] else 0) | (0 if row[3] else CONTENT)
                                      | (LIKE if name else 0) | (FIRST if first[-1] else 0)
                                      | (EMAIL if row[7] else 0))
        return facts

    def __call__(self, doc: Doc) -> Doc:
        """The names of the runs of name-like words (and of e-mail addresses), over token indices,
        with the tests of a token's text read per ``TokenTable.kinds`` (``_kind_facts``); no Token
        object is made but for e-mail addresses."""
        table = normalized_table(doc)
        org_spans = candidates(doc, ORG)
        orgs = covered_tokens(org_spans)
        known = self._municipal   # (is_municipality once per kb id)
        single_orgs = set()
        for s in org_spans:
            if s.end - s.start == 1:
                kb_id = s.kb_id_
                town = known.get(kb_id)
                if town is None:
                    town = known[kb_id] = is_municipality(kb_id)
                if town:
                    single_orgs.add(s.start)
        like_of, _, first_of = self._kind_facts(table)[:3]
        email, kinds = table.email, table.kinds
        toks = table.content
        size = len(toks)
        firsts = [k for k in self._firsts(table, single_orgs) if email[toks[k]] or toks[k] not in orgs]
        found: list[Span] = []
        k = 0
        for first in firsts:
            if first < k:
                continue   # inside the run just read
            k = first
            i = toks[k]
            if email[i]:
                span = self._email(doc, doc[i])
                if span is not None:
                    found.append(span)
                k += 1
                continue
            if k + 1 < size:
                j = toks[k + 1]
                alone = not (like_of[kinds[j]] and j not in orgs) and j not in single_orgs
            else:
                alone = True
            if alone and not first_of[kinds[i]]:
                k += 1
                continue
            run = [i]
            m = k + 1
            while m < size:
                j = toks[m]
                like = like_of[kinds[j]]
                if not (like and j not in orgs) and not (len(run) == 1 and j in single_orgs):
                    break
                if not (self._joins_at(table, run, j) and (
                        (like and j not in orgs) or (len(run) == 1 and first_of[kinds[i]] and j in single_orgs and like
                                 and not table.newline_between(i, j)))):
                    break
                run.append(j)
                m += 1
            for a, b, rule in self._split_at(table, run, toks[m] if m < size else None):
                if not self._place_at(table, a, b):
                    found.append(Span(doc, a, b, label=PER, span_id=rule))
            k = m
        add_candidates(doc, self._known_pairs_apart(doc, table, found))
        return doc

    def _firsts(self, table: TokenTable, single_orgs: set[int]) -> list[int]:
        """The positions in ``table.content`` where a run may start and be more than a lone word
        that is no given name (which gives nothing): the kind may start a run and is an e-mail
        address or a given name, or the next word is name-like or a municipality."""
        codes = content_codes(self._codes.of(table), CONTENT)
        after = numpy.zeros_like(codes)
        after[:-1] = codes[1:]
        at = numpy.flatnonzero((codes & RUN_START != 0) & ((codes & (FIRST | EMAIL) != 0) | (after & LIKE != 0)))
        at = at.tolist()
        if single_orgs:
            toks = table.content
            more = set()
            for t in single_orgs:
                k = bisect_left(toks, t)
                if 0 < k < len(toks) and toks[k] == t and codes[k - 1] & RUN_START:
                    more.add(k - 1)
            if more:
                at = sorted(more.union(at))
        return at

    def _joins_at(self, table: TokenTable, run: list[int], t: int) -> bool:
        """Whether token ``t`` continues the run: on the same line, or a given name alone before a
        line break and a surname-like word that is no given name."""
        prev = run[-1]
        if table.idx[prev] + len(table.texts[prev]) == table.idx[t]:
            return False   # (no white space after prev: a token that follows at once)
        if not table.newline_between(prev, t):
            return True
        first, kinds = self._facts[2], table.kinds
        return len(run) == 1 and first[kinds[prev]] and not first[kinds[t]] \
            and not table.blank_line_between(prev, t) and self._facts[5][kinds[t]]

    def _split_at(self, table: TokenTable, run: list[int], after: int | None) -> list[tuple[int, int, str]]:
        """The names in a run of name-like tokens, (start, end, rule) each: a name starts at a listed
        given name (a second may follow) and takes up to three surname-like words; an unlisted given
        name counts before a listed surname or a person context (``after``: the token after the run)."""
        _, _, first_of, sur_of, ord_of, sur_like_of, stop_of = self._facts
        kinds = table.kinds
        out: list[tuple[int, int, str]] = []
        ks = [kinds[t] for t in run]
        first = [first_of[x] for x in ks]
        if len(run) == 1:
            if first[0]:
                t = run[0]
                out.append((t, t + 1, "first_name_weak" if ord_of[ks[0]] else "first_name"))
            return out
        size = len(run)
        # a middle initial after the run: its last given name opens the next name ("Ulla K Holm")
        initial = after is not None and is_initial(table.texts[after])
        j = 0
        while j < size:
            if not first[j]:
                # (a listed surname before a given name and a surname ends the name before: the
                # tail of a glued list, "Berg Anna-Karin Lind")
                if j + 1 < size and j == 0 and size <= 3 and not (size == 3 and sur_of[ks[0]] and first[1]) \
                        and self._unlisted_ok_at(table, run, ks, after):
                    out.append((run[0], run[-1] + 1, "person"))
                    return out
                j += 1
                continue
            given = run[j]
            k = j + 1
            if k < size and first[k] and not sur_of[ks[k]] \
                    and k + 1 < size and sur_like_of[ks[k + 1]] and not first[k + 1]:
                k += 1   # "Anna Maria Svensson"
            family = 0
            pair = False   # the two words at k name a second person
            while k < size and family < 3:
                w = ks[k]
                if first[k] and not sur_of[w] and (family or k + 1 < size or initial):
                    break
                if family and self._next_name_at(first, ks, k, size):
                    pair = not first[k]
                    break
                if not sur_like_of[w] and (family or stop_of[w]):
                    break
                family += 1
                k += 1
            if not family and j == 0 and size == 2 and k == 1 and self._apposition_at(table, after):
                family = 1   # "Per Skålén, professor ..."
                k = 2
            if family:
                out.append((given, run[k - 1] + 1, "person"))
                j = k
            else:
                j += 1
            if pair and family == 1:
                out.append((run[k], run[k + 1] + 1, "person"))
                j = k + 2
        return out

    def _next_name_at(self, first: list[bool], ks: list[int], k: int, size: int) -> bool:
        """Whether the word at ``k`` of a run, after a given name and one surname or more, opens a
        second name of a list the flattening glued together: it is a listed given name (one that
        is also a surname: "Staffan Berg Thomas Lind") before a surname; or, right after a listed
        surname, an unlisted word and a surname close the run or stand before a given name
        ("Peter Eriksson Remigiusz Bielinski"). Precision first: a third surname-like word of one
        name is neither."""
        if k + 1 >= size or first[k + 1]:
            return False
        _, _, _, sur_of, ord_of, sur_like_of, stop_of = self._facts
        w, nxt = ks[k], ks[k + 1]
        if not sur_like_of[nxt]:
            return False
        if first[k]:
            return True
        return sur_of[ks[k - 1]] and not first[k - 1] and (k + 2 == size or first[k + 2]) \
            and not ord_of[w] and not stop_of[w] and not sur_of[w] and k >= 2 and first[k - 2]


@Language.factory("kg_persons")
def make_persons(nlp: Language, name: str) -> PersonFinder:
    return PersonFinder(nlp, name)
