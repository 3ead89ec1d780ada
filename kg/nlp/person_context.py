"""The tests of ``kg_persons`` that read the words around a run of capitalised words: a place
preposition before it, an apposition after it, and whether a run opening with an unlisted given
name is a name. Methods ``PersonFinder`` (persons.py) inherits; they read its word facts per kind
(``PersonFinder._facts``)."""
from __future__ import annotations

from ..text import fold
from .tokens import TokenTable


class PersonContextRules:
    """The context tests of PersonFinder, over token indices of a ``TokenTable``."""

    _facts: tuple[list, ...]

    def _place_at(self, table: TokenTable, a: int, b: int) -> bool:
        """'på Maria Park': after a place preposition, a name of tokens a .. b - 1 made with an
        ordinary word is a place."""
        if a <= 0 or b - a <= 1 or table.norms[a - 1] not in ("pa", "i", "vid"):
            return False
        ord_of, kinds = self._facts[4], table.kinds
        return any(ord_of[kinds[t]] for t in range(a, b))

    def _apposition_at(self, table: TokenTable, after: int | None) -> bool:
        """'Name, title ...' or 'Name från ...' follows (``after``: the token after the name)."""
        if after is None:
            return False
        text = table.texts[after]
        if text == "," and after + 1 < len(table.texts) and table.alpha[after + 1] and table.lower[after + 1]:
            return True
        return fold(text) == "fran"

    def _unlisted_ok_at(self, table: TokenTable, run: list[int], ks: list[int], after: int | None) -> bool:
        """Whether a run that opens with an unlisted given name is a name (``ks``: the tokens' kinds):
        before a listed surname ("Lila Ericsson"), or in a person context, made of no ordinary word."""
        sur_of, ord_of = self._facts[3], self._facts[4]
        last = ks[-1]
        if sur_of[last] and not ord_of[last] and len(run) == 2:
            return True
        if any(ord_of[x] for x in ks):
            return False
        if sur_of[last]:
            return True
        return self._apposition_at(table, after)
