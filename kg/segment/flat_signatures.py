"""Signature blocks flattened to one line by a PDF reader: "Underskrifter Sekreterare Paragrafer
Camilla Rask Ordförande Leif Hedlund Justerande Karin Sahlin" (each label, then its name), all the
labels first and the names after them in the same order, or the names first and their captions after."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Span
from .entries import split_run_together
from .page import Page
from .patterns import NAME_INLINE_RE, NAME_WORD, is_first_name
from .role_refs import SIGNATURE_LABELS, add_role, name_in

_FLAT_BLOCK_RE = re.compile(r"underskrift(?:er)?")
# each label after the name before it (and its party): "Sekreterare.... Anna Ek Ordförande.... Bo Lind (S) Justerande"
_FLAT_LABEL_RE = re.compile(
    r"(?:[ \t]*\([^()\n]{1,12}\))?[ \t]*(?P<label>sekreterare|ordforanden?|justerande|justerare)(?![a-z])[ \t._…]*(?:paragrafer[ \t]*[\d \t,§–-]*)?")


def read_flattened_signatures(page: Page) -> None:
    """A signature block flattened to one line ("Underskrifter Sekreterare Paragrafer Camilla
    Rask Ordförande Leif Hedlund Justerande Karin Sahlin"): each label, then the name after it;
    after "Underskrifter" or, with two labels at least, on a line that begins with a label
    ("Sekreterare Mona Ek Ordföranden Erik Berg (S)")."""
    for m in _FLAT_BLOCK_RE.finditer(page.folded):
        ln_end = page.text.find("\n", m.end())
        end = min(ln_end if ln_end >= 0 else len(page.text), m.end() + 300)
        at = _read_chain(page, _RUN_FILLER_RE.match(page.folded, m.end(), end).end(), end, 1)
        _label_run_then_names(page, m.end() if at is None else at, end)
    starts = _label_word_starts(page.folded)
    for k in starts:   # (restored lines of flattened text begin inside a text line)
        ln = page.lines[bisect_right(page.line_starts, k) - 1]
        if ln.cstart == k:
            _read_chain(page, ln.cstart, ln.cstart + len(ln.clean), 2)
    _read_names_then_labels(page, starts)
    for rm in _label_runs(page.folded, starts):   # three labels in a row and the names after them
        if len(rm.group().split()) >= 3 and page.text[rm.start()].isupper():
            _label_run_then_names(page, rm.start(), min(len(page.text), rm.end() + 200))


def _label_word_starts(folded: str) -> list[int]:
    """Where a label word of a signature block begins, in order (str.find is many times faster
    than an expression searched over the whole text)."""
    starts: list[int] = []
    for word in ("sekreterare", "ordforande", "juster"):
        k = folded.find(word)
        while k >= 0:
            starts.append(k)
            k = folded.find(word, k + 1)
    return sorted(starts)


def _read_chain(page: Page, start: int, end: int, least: int) -> int | None:
    """Each label followed at once by its name, from ``start``: the roles are given when ``least``
    labels at least are read so. Where the chain stops (a label with no name after it may begin a
    run of labels over their names), or None when it was not read."""
    window = page.folded[start:end]
    pos = 0   # each label follows the name before it (or "Underskrifter") at once
    found_roles: list[tuple[str, int, int]] = []
    while True:
        lm = _FLAT_LABEL_RE.match(window, pos)
        if not lm:
            break
        a = start + lm.end()
        found = name_in(page.text[a:end])
        if not found or found[0] > 0:
            break
        s, e = a + found[0], a + found[1]
        parts = split_run_together(page.text[s:e])
        if len(parts) > 1:   # "Ordförande Birger Lind Arne Ek": the name after it has no label of its own
            found_roles.append((lm["label"], s + parts[0][0], s + parts[0][1]))
            break
        found_roles.append((lm["label"], s, e))
        pos = e - start
    if len(found_roles) < least:
        return None
    for label, s, e in found_roles:
        add_role(page, SIGNATURE_LABELS[label], page.text[s:e], Span(s, e, page.text[s:e]), label)
    return start + pos


# "Paragrafer 12-20" or dots between the labels of a flattened signature block
_RUN_FILLER_RE = re.compile(r"(?:[ \t._…]|paragrafer?[ \t]*[\d \t,§–-]*)*")
_RUN_LABEL_RE = re.compile(r"(?P<label>sekreterare|ordforande|justerande|justerare)(?![a-z])")
# (a full stop and dots a PDF reader left between the names: "Margareta Roos. Edgar Hofvergård.")
_NAME_GAP_RE = re.compile(r"(?:[ \t]*\([^()\n]{1,12}\))?[ \t]*(?:[.…]+[ \t]+)?")


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
        parts = split_run_together(text[s0:nm.start() + found[1]])
        if len(parts) > 1:   # the last part may run on into the next name: read again from there
            names.extend((s0 + x, s0 + y) for x, y in parts[:-1])
            pos = s0 + parts[-1][0]
            continue
        names.append((s0, nm.start() + found[1]))
        pos = _NAME_GAP_RE.match(text, nm.start() + found[1], end).end()
    if len(names) != len(labels):
        return
    for label, (s0, e0) in zip(labels, names):
        add_role(page, SIGNATURE_LABELS[label], text[s0:e0], Span(s0, e0, text[s0:e0]), label)


_LABEL_RUN_RE = re.compile(r"(?:(?:sekreterare|ordforande|justerande|justerare)[ \t]+){1,3}"
                           r"(?:sekreterare|ordforande|justerande|justerare)(?![\w-])")
_NAME_WORD_BACK_RE = re.compile(rf"(?:{NAME_WORD}(?:[ \t]+\([^()\n]{{1,12}}\))?[ \t]+)+$")
_PARTY_RE = re.compile(r"\([^()\n]{1,12}\)")


def _label_runs(folded: str, starts: list[int]) -> list[re.Match[str]]:
    """The runs of two labels or more in the text, found from each label word (str.find is many
    times faster than a search for the run over the whole text)."""
    out: list[re.Match[str]] = []
    for k in starts:
        if out and k < out[-1].end():
            continue
        rm = _LABEL_RUN_RE.match(folded, k)
        if rm is not None:
            out.append(rm)
    return out


def _read_names_then_labels(page: Page, starts: list[int]) -> None:
    """A signature row over its captions flattened to one line: the names, then the labels in the
    same order ("Ingela Sollid Lillemor Arvidsson Janette Olsson Sekreterare Ordförande Justerare").
    Read only when as many names as labels stand right before them (a name more when a label with
    ":" leads them: "Justerare: Janette Olsson" is that label's own), each a listed first name and a
    surname."""
    for rm in _label_runs(page.folded, starts):
        if not page.text[rm.start()].isupper() or rm.start() and (page.text[rm.start() - 1].isalnum() or page.text[rm.start() - 1] == "-"):
            continue
        line_start = max(page.text.rfind("\n", 0, rm.start()) + 1, rm.start() - 300)
        labels = rm.group().split()
        before = page.text[line_start:rm.start()]
        nm = _NAME_WORD_BACK_RE.search(before)
        if nm is None:
            continue
        run = _PARTY_RE.sub(lambda p: " " * len(p.group()), nm.group()).rstrip()
        parts = split_run_together(run)
        if not all(len(run[a:b].split()) in (2, 3) and is_first_name(run[a:b].split()[0]) for a, b in parts):
            continue
        if len(parts) == len(labels) + 1 and before[:nm.start()].rstrip().endswith(":"):
            parts = parts[1:]
        if len(parts) != len(labels):
            continue
        base = line_start + nm.start()
        for label, (a, b) in zip(labels, parts):
            s, e = base + a, base + b
            add_role(page, SIGNATURE_LABELS[label], page.text[s:e], Span(s, e, page.text[s:e]), label)
