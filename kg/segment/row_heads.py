"""List rows whose line breaks were lost, so that the end of one entry stands at the head of the
next: "Eva Ek, socialchef, § 155 Per Lind, ekonom" (the paragraphs Eva Ek attended for),
"Anna Berg, S Karl Ek, SD" (party letters without brackets), "Ann Ek, Gävleborg Bo Lind, Skåne"
(an organisation or region). The head is cut off so that the name after it is read as a name of
its own; the head itself is no name and is left out."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .entries import Piece, is_full_name, is_party
from .page import fold
from .patterns import ROLE_WORDS, is_first_name

_WORD_RE = re.compile(r"\S+")
_PARENS_TAIL_RE = re.compile(r"\s*\([^()]{1,40}\)\s*$")


@lru_cache(maxsize=1)
def _note_re() -> re.Pattern[str]:
    """A note on paragraphs: "§ 155", "§§ 57, 60", "168", "del av § 159" (lead words as data)."""
    leads = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(lexicon.words("row_head_notes"), key=len, reverse=True))
    return re.compile(rf"(?:(?:{leads})\s+)?(?:§§?\s*)?\d{{1,3}}(?:\s*[,–-]\s*\d{{1,3}})*")


def _head_kind(head: str, tail_last: str) -> bool:
    """Whether ``head`` is the end of the entry before: a paragraph note, party letters, or one or
    two capitalised words that are no first name nor role (an organisation or region), the last
    only when the name after it does not end in a first name (surname-first lists: "Berg Anna Karin")."""
    if _note_re().fullmatch(fold(head)):
        return True
    words = head.split()
    if len(words) == 1 and head.isupper() and is_party(head):
        return True
    return (len(words) <= 2 and all(w[:1].isupper() and w[1:2].islower() and not is_first_name(w)
                                     and fold(w).rstrip(".") not in ROLE_WORDS for w in words)
            and not is_first_name(tail_last))


def _split(p: Piece) -> int | None:
    """Where in ``p`` the name after a head begins, or None."""
    body = _PARENS_TAIL_RE.sub("", p.text)
    words = list(_WORD_RE.finditer(body))
    for h in range(1, min(len(words) - 1, 5)):
        tail = words[h:]
        if not 2 <= len(tail) <= 3 or not is_first_name(tail[0].group()):
            continue
        name = body[tail[0].start():tail[-1].end()]
        if not is_full_name(name):
            continue
        if _head_kind(body[:words[h - 1].end()], tail[-1].group()):
            return tail[0].start()
    return None


def split_row_heads(chunk: str, base: int, pieces: list[Piece], skip: set[int]) -> tuple[list[Piece], set[int]]:
    """``pieces`` with each piece after a comma on its line cut at the name that follows a head;
    the indices of the pieces to leave out (``skip`` renumbered, and the heads)."""
    out: list[Piece] = []
    new_skip: set[int] = set()
    for k, p in enumerate(pieces):
        if k in skip:
            new_skip.add(len(out))
            out.append(p)
            continue
        between = chunk[pieces[k - 1].end - base:p.start - base] if k else ""
        cut = _split(p) if "," in between and "\n" not in between and len(p.text) < 80 else None
        if cut is None:
            out.append(p)
            continue
        head = p.text[:cut].rstrip()
        new_skip.add(len(out))
        out.append(Piece(p.start, p.start + len(head), head))
        out.append(Piece(p.start + cut, p.end, p.text[cut:]))
    return out, new_skip
