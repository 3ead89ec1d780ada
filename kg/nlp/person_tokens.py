"""The tests of ``kg_persons`` that read a word's text alone (name-like, surname-like, a name in
an e-mail address) and the parting of two names a glued list joined, as methods ``PersonFinder``
(persons.py) inherits; and ``email_name``."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicons.names import is_first_name, is_surname
from ..text import fold
from .tokens import PER, TokenTable
from .words import is_ordinary_word


class PersonTextRules:
    """The tests of a word's text PersonFinder reads (once per kind, ``_kind_facts``), its e-mail
    rule and the parting of glued names."""

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

    def _surname_text(self, text: str) -> bool:
        key = fold(text)
        if is_surname(text):
            return True
        # (one ``endswith`` over all endings says no for most words, before the lengths are read)
        if key.endswith(self.ending_tuple) and any(key.endswith(e) and len(key) > len(e) + 1 for e in self.endings):
            return True
        return not is_ordinary_word(text) and not is_first_name(text)

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
