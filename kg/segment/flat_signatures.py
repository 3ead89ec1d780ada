"""Signature blocks flattened to one line by a PDF reader: "Underskrifter Sekreterare Paragrafer
Camilla Rask Ordförande Leif Hedlund Justerande Karin Sahlin" (each label, then its name), or all the
labels first and the names after them in the same order."""
from __future__ import annotations

import re

from ..models import Span
from .entries import split_run_together
from .page import Page
from .patterns import NAME_INLINE_RE
from .role_refs import SIGNATURE_LABELS, add_role, name_in

_FLAT_BLOCK_RE = re.compile(r"underskrift(?:er)?")
# each label after the name before it (and its party): "Sekreterare.... Anna Ek Ordförande.... Bo Lind (S) Justerande"
_FLAT_LABEL_RE = re.compile(
    r"(?:[ \t]*\([^()\n]{1,12}\))?[ \t]*(?P<label>sekreterare|ordforande|justerande)[ \t._…]*(?:paragrafer[ \t]*[\d \t,§–-]*)?")


def read_flattened_signatures(page: Page) -> None:
    """A signature block flattened to one line ("Underskrifter Sekreterare Paragrafer Camilla
    Rask Ordförande Leif Hedlund Justerande Karin Sahlin"): each label, then the name after it."""
    for m in _FLAT_BLOCK_RE.finditer(page.folded):
        ln_end = page.text.find("\n", m.end())
        end = min(ln_end if ln_end >= 0 else len(page.text), m.end() + 300)
        window = page.folded[m.end():end]
        pos = 0   # each label follows the name before it (or "Underskrifter") at once
        while True:
            lm = _FLAT_LABEL_RE.match(window, pos)
            if not lm:
                break
            a = m.end() + lm.end()
            found = name_in(page.text[a:end])
            if not found or found[0] > 0:
                break
            s, e = a + found[0], a + found[1]
            add_role(page, SIGNATURE_LABELS[lm["label"]], page.text[s:e], Span(s, e, page.text[s:e]), lm["label"])
            pos = e - m.end()
        if pos == 0:
            _label_run_then_names(page, m.end(), end)


# "Paragrafer 12-20" or dots between the labels of a flattened signature block
_RUN_FILLER_RE = re.compile(r"(?:[ \t._…]|paragrafer?[ \t]*[\d \t,§–-]*)*")
_RUN_LABEL_RE = re.compile(r"(?P<label>sekreterare|ordforande|justerande|justerare)(?![a-z])")
_NAME_GAP_RE = re.compile(r"(?:[ \t]*\([^()\n]{1,12}\))?[ \t]*")


def _label_run_then_names(page: Page, a: int, end: int) -> None:
    """A flattened block with all its labels first and then the names in the same order
    ("Underskrifter Sekreterare Ordförande Justerande Linda Berg Kjell Ek (S) Tove Lind (KD)"):
    read only when there are exactly as many names as labels, so none is given the wrong role."""
    folded, text = page.folded, page.text
    labels: list[str] = []
    pos = _RUN_FILLER_RE.match(folded, a, end).end()
    while (lm := _RUN_LABEL_RE.match(folded, pos, end)) is not None:
        labels.append(lm["label"])
        pos = _RUN_FILLER_RE.match(folded, lm.end(), end).end()
    if len(labels) < 2:
        return
    names: list[tuple[int, int]] = []
    while pos < end and len(names) <= len(labels):
        nm = NAME_INLINE_RE.match(text, pos, end)
        found = name_in(text[nm.start():nm.end()]) if nm else None
        if nm is None or found is None:
            break
        s0 = nm.start() + found[0]
        names.extend((s0 + x, s0 + y) for x, y in split_run_together(text[s0:nm.start() + found[1]]))
        pos = _NAME_GAP_RE.match(text, nm.start() + found[1], end).end()
    if len(names) != len(labels):
        return
    for label, (s0, e0) in zip(labels, names):
        add_role(page, SIGNATURE_LABELS[label], text[s0:e0], Span(s0, e0, text[s0:e0]), label)
