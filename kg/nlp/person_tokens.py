"""The rules of ``kg_persons`` over spaCy Tokens: the plain form of the finder (``_call_plain``,
which the fast one in persons.py gives the same as) and the tests it and the e-mail rule read,
as methods ``PersonFinder`` inherits; and ``email_name``."""
from __future__ import annotations

import re
from itertools import compress
from operator import or_

from spacy.tokens import Doc, Span, Token

from ..lexicons.names import is_first_name, is_surname
from ..lexicons.organizations import is_municipality
from ..text import fold
from .tokens import (
    ORG,
    PER,
    TokenTable,
    add_candidates,
    blank_line_between_tokens,
    candidates,
    covered_tokens,
    newline_between,
    token_table,
)
from .words import is_ordinary_word


class PersonTokenRules:
    """The Token rules of PersonFinder."""

    def _call_plain(self, doc: Doc) -> Doc:
        org_spans = candidates(doc, ORG)
        orgs = covered_tokens(org_spans)
        single_orgs = {s.start for s in org_spans if len(s) == 1 and is_municipality(s.kb_id_)}
        found: list[Span] = []
        table = token_table(doc)
        texts, email = table.texts, table.email
        toks = table.content     # indices; Token objects are made only for the runs of names
        known, name_text = self._names, self._name_text
        for text in set(texts).difference(known):
            name_text(text)
        like = list(map(known.__getitem__, texts))   # _name_text per token
        # the tokens a run may start at (at the others the loop only stepped on): an e-mail
        # address or a name-like word outside the organisations
        firsts = [k for k in compress(range(len(toks)), map(or_, map(email.__getitem__, toks), map(like.__getitem__, toks)))
                  if email[toks[k]] or toks[k] not in orgs]
        size = len(toks)
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
                alone = not (like[j] and j not in orgs) and j not in single_orgs
            else:
                alone = True
            if alone and not is_first_name(texts[i]):
                # the loop below would stop at once: a run of one word, and ``_split`` finds no
                # name in one word that is no given name
                k += 1
                continue
            run = [doc[i]]
            m = k + 1
            while m < len(toks):
                j = toks[m]
                if not (like[j] and j not in orgs) and not (len(run) == 1 and j in single_orgs):
                    break   # (the test below fails: the name tests first, without a Token)
                nxt = doc[j]
                if not (self._joins(run, nxt) and (
                        self._name_like(nxt, orgs)
                        or (len(run) == 1 and is_first_name(run[0].text) and nxt.i in single_orgs
                            and self._name_like(nxt, set()) and not newline_between(run[0], nxt)))):
                    break
                run.append(nxt)   # "Bahar Norberg": a surname that is also a town's name
                m += 1
            names = self._split(doc, run, doc[toks[m]] if m < len(toks) else None)
            found.extend(n for n in names if not self._place(doc, n))
            k = m
        add_candidates(doc, self._known_pairs_apart(doc, table, found))
        return doc

    def _known_pairs_apart(self, doc: Doc, table: TokenTable, found: list[Span]) -> list[Span]:
        """A name of four words whose first two the document names as a person of its own
        elsewhere ("Inger Berg" ... "Inger Berg Lotta Ekh") is two persons of a list the
        flattening glued together, when its last word is surname-like."""
        glued = [s for s in found if s.end - s.start == 4]
        if not glued:
            return found
        pairs = {s.text for s in found if s.end - s.start == 2}
        out: list[Span] = []
        for s in found:
            a = s.start
            if s.end - a == 4 and doc[a:a + 2].text in pairs and not any(table.space[a:a + 4]) \
                    and self._surname_text(table.texts[a + 3]):
                out.append(Span(doc, a, a + 2, label=PER, span_id=s.id_))
                out.append(Span(doc, a + 2, a + 4, label=PER, span_id=s.id_))
            else:
                out.append(s)
        return out

    def _name_like(self, t: Token, orgs: set[int]) -> bool:
        return t.i not in orgs and self._name_text(t.text)

    def _name_text(self, text: str) -> bool:
        """The part of ``_name_like`` that depends on the text alone (remembered per text)."""
        known = self._names.get(text)
        if known is None:
            known = self._names[text] = self._name_shape(text)
        return known

    def _name_shape(self, text: str) -> bool:
        if len(text) < 2 or not text[0].isupper():
            return False
        if not text.replace("-", "").replace("'", "").isalpha() or text.endswith("-"):
            return False
        if text.isupper():
            return False
        return fold(text) not in self.stop and not _label_glued(text)

    def _joins(self, run: list[Token], t: Token) -> bool:
        """Whether ``t`` continues the run: same line, or a given name alone before a line break."""
        prev = run[-1]
        if prev.whitespace_ == "" and prev.idx + len(prev.text) == t.idx:
            return False
        if not newline_between(prev, t):
            return True
        return len(run) == 1 and is_first_name(prev.text) and not is_first_name(t.text) \
            and not blank_line_between_tokens(prev, t) and self._surname_like(t)

    def _surname_like(self, t: Token) -> bool:
        return self._surname_text(t.text)

    def _surname_text(self, text: str) -> bool:
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
                if j + 1 < len(run) and j == 0 and len(run) <= 3 \
                        and not (len(run) == 3 and is_surname(run[0].text) and is_first_name(run[1].text)) \
                        and self._unlisted_ok(doc, run, after):
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
            pair = False   # the two words at k name a second person
            while k < len(run) and len(family) < 3:
                w = run[k]
                if is_first_name(w.text) and not is_surname(w.text) \
                        and (family or k + 1 < len(run) or (after is not None and is_initial(after.text))):
                    break
                if family and self._next_name(run, k):
                    pair = not is_first_name(w.text)
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
            if pair and len(family) == 1:
                out.append(Span(doc, run[k].i, run[k + 1].i + 1, label=PER, span_id="person"))
                j = k + 2
        return out

    def _next_name(self, run: list[Token], k: int) -> bool:
        """``_next_name_at`` (persons.py) over Tokens."""
        if k + 1 >= len(run) or is_first_name(run[k + 1].text):
            return False
        text = run[k].text
        if not self._surname_like(run[k + 1]):
            return False
        if is_first_name(text):
            return True
        return is_surname(run[k - 1].text) and not is_first_name(run[k - 1].text) \
            and (k + 2 == len(run) or is_first_name(run[k + 2].text)) \
            and not is_ordinary_word(text) and fold(text) not in self.stop and not is_surname(text) \
            and k >= 2 and is_first_name(run[k - 2].text)

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


def is_initial(text: str) -> bool:
    """A middle initial standing alone ("K", "K."): the given name before it opens a name."""
    return 1 <= len(text) <= 2 and text[0].isupper() and text[0].isalpha() and text[1:] in ("", ".")


def _label_glued(text: str) -> bool:
    """A word a web page's copy glued to a label without a space ("SkoglundJusterande",
    "ReservationIngrid"): a part that starts at a capital after a small letter, or the part
    before it, is an ordinary word of four letters or more. ("McDonald" and "LaToya" keep.)"""
    cuts = [p for p in range(1, len(text)) if text[p].isupper() and text[p - 1].islower()]
    if not cuts:
        return False
    bounds = [0, *cuts, len(text)]
    return any(b - a >= 4 and is_ordinary_word(text[a:b]) for a, b in zip(bounds, bounds[1:]))


def email_name(text: str) -> str:
    """'johan.lindberg@familjenhelsingborg.se' -> 'Johan Lindberg'."""
    local = text.split("@", 1)[0]
    return " ".join("-".join(x.capitalize() for x in p.split("-")) for p in re.split(r"[._]", local) if p)
