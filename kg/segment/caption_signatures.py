"""Signature blocks with the captions under the names, read line by line:

    Underskrifter
    Anna Ek (S)
    Ordförande Bo Lind (M)
    Justerare
    Eva Holm Sekreterare

A PDF reader puts each caption on the line of the next name, so "Ordförande Bo Lind" would read
as a label with its name. The block says which way it runs by its first line: a name with no
label there means every label is the caption of the name before it. The roles are given only
when names and captions alternate, one caption each; otherwise the block's lines get no role at
all (which caption belongs to which name is not certain), and the list rules leave them alone.
"""
from __future__ import annotations

import re

from ..models import Span
from . import lexicon
from .page import Line, Page
from .role_refs import PARTY_TAIL_RE, SIGNATURE_LABELS, add_role, name_in

_HEADS = frozenset(lexicon.words("signature_block_heads"))
_LABEL_RE = re.compile(r"(?<![a-z])(?:" + "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(SIGNATURE_LABELS, key=len, reverse=True)) + r")(?![a-z])")
_GAP_JUNK = " \t,:/._…-–"
_MAX_LINES = 8


Caption = tuple[str, str, Span]   # role, label, the name


def find_caption_signatures(page: Page) -> list[Caption]:
    """Every block under a heading of signature_block_heads.tsv whose first line is a bare name:
    its lines are marked as read (before the list rules run), its roles returned."""
    out: list[Caption] = []
    if not any(h in page.folded for h in _HEADS):
        return out
    lines = page.lines
    for k, ln in enumerate(lines):
        if not ln.clean or ln.folded.strip(" :") not in _HEADS:
            continue
        block, tokens = _block_under(page, k)
        if not tokens or tokens[0][0] != "name":
            continue   # a label first: the labels head their names, as the other rules read them
        _mark_read(page, block)
        if _alternate(tokens):
            out.extend(_captions(page, tokens))
    return out


def find_foot_captions(page: Page) -> list[Caption]:
    """The signatures at the foot of minutes with no heading over them, each name on a line and its
    caption on the line under it ("Anna Ek / Ordförande / Bo Lind / Sekreterare"): read as captions
    when the run begins with a name and ends with a label (the other reading would leave the first
    name without a label and the last label without a name), two pairs at least."""
    lines = page.lines
    block: list[int] = []
    tokens: list[tuple[str, int, int]] = []
    blank = 0
    for j in range(len(lines) - 1, max(-1, len(lines) - 1 - 3 * _MAX_LINES), -1):
        ln = lines[j]
        if not ln.clean:
            blank += 1
            if blank > 2:
                break
            continue
        blank = 0
        found = _tokens(page, ln)
        if not found or len(found) != 1 or len(block) >= _MAX_LINES:
            break
        block.append(j)
        tokens[:0] = found
    while tokens and tokens[0][0] != "name":
        tokens.pop(0)   # a label above the run belongs to something else
    if len(tokens) < 4 or not _alternate(tokens):
        return []
    _mark_read(page, block[:len(tokens)])
    return _captions(page, tokens)


def _alternate(tokens: list[tuple[str, int, int]]) -> bool:
    """Whether names and labels alternate, a name first, one label each."""
    return not len(tokens) % 2 and [t[0] for t in tokens] == ["name", "label"] * (len(tokens) // 2)


def _mark_read(page: Page, block: list[int]) -> None:
    """The block's lines read: no list rule reads them again, and they hold no role column."""
    for j in block:
        page.attendance_lines.add(j)
        page.skip.add(j)
        page.role_column_lines.add(j)


def _captions(page: Page, tokens: list[tuple[str, int, int]]) -> list[Caption]:
    """Each name with the role of the caption after it."""
    out: list[Caption] = []
    for (_, a, b), (_, la, lb) in zip(tokens[::2], tokens[1::2]):
        label = re.sub(r"\s+", " ", page.folded[la:lb])
        out.append((SIGNATURE_LABELS[label], label, Span(a, b, page.text[a:b])))
    return out


def add_caption_roles(page: Page, captions: list[Caption]) -> None:
    """The roles of the caption blocks, given with the other roles (after the attendance lists)."""
    for role, label, span in captions:
        add_role(page, role, span.text, span, label)


def _block_under(page: Page, k: int) -> tuple[list[int], list[tuple[str, int, int]]]:
    """The lines under the heading that hold only names and labels (blank lines between them),
    and their labels and names in order."""
    lines = page.lines
    out: list[int] = []
    tokens: list[tuple[str, int, int]] = []
    blank = 0
    for j in range(k + 1, min(len(lines), k + 1 + 3 * _MAX_LINES)):
        ln = lines[j]
        if not ln.clean:
            blank += 1
            if blank > 2:
                break
            continue
        blank = 0
        found = _tokens(page, ln)
        if not found:
            break
        out.append(j)
        tokens.extend(found)
        if len(out) >= _MAX_LINES:
            break
    return out, tokens


def _tokens(page: Page, ln: Line) -> list[tuple[str, int, int]] | None:
    """The labels and names of one line in order, ("label" | "name", start, end) in the text; None
    when the line holds anything else."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    f = ln.folded
    for m in _LABEL_RE.finditer(f):
        if not _gap(page, ln, pos, m.start(), out):
            return None
        out.append(("label", ln.cstart + m.start(), ln.cstart + m.end()))
        pos = m.end()
    if not _gap(page, ln, pos, len(f), out):
        return None
    return out


def _gap(page: Page, ln: Line, a: int, b: int, out: list[tuple[str, int, int]]) -> bool:
    """The text between two labels: nothing but filler, or one name (with its party)."""
    seg = ln.clean[a:b]
    if not seg.strip(_GAP_JUNK):
        return True
    lead = len(seg) - len(seg.lstrip(_GAP_JUNK))
    found = name_in(seg[lead:])
    if not found:
        return False
    s, e = lead + found[0], lead + found[1]
    rest = seg[e:]
    party = PARTY_TAIL_RE.match(rest)
    if party:
        rest = rest[party.end():]
    if rest.strip(_GAP_JUNK):
        return False
    out.append(("name", ln.cstart + a + s, ln.cstart + a + e))
    return True
