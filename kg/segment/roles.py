"""Roles: who chaired, who took the minutes and who adjusts them (justerare).

Minutes state these in four ways, all read here after the attendance lists:
- signature and justering blocks: a label ("Sekreterare", "Ordförande", "Justerande", "Vid
  protokollet", "Justeras") with the name after it or in the same column on the next line, often
  after a dotted or underscore line; text flattened from a PDF runs the block on one line;
- labels with a name ("Antecknat av: Name", "Utses att justera Name", "/Linda" closing notes);
- a role noted in an entry of a list ("Anna Ek (S), ordförande", "Name, HR-specialist (sekreterare)");
- sentences ("Mötet leddes av Name", "Name förde anteckningarna"): templates in role_phrases.tsv.
A convener (sammankallande) or project leader is no chair: only the role words say so.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Span
from . import lexicon
from .entries import split_run_together
from .flat_signatures import read_flattened_signatures
from .page import Line, Page, fold, lines_holding, shortest_words
from .patterns import FULL_NAME_RE, NAME_INLINE_RE, ROLE_WORDS, is_first_name
from .role_refs import PARTY_TAIL_RE as _PARTY_TAIL_RE
from .role_refs import SIGNATURE_LABELS, add_role
from .role_refs import name_in as _name_in

_ROLES = ("chair", "minute_taker", "adjuster")
_LABEL_ALT = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(SIGNATURE_LABELS, key=len, reverse=True))
# a label cell with the name after it: "Sekreterare: Anna Ek", "Vid protokollet / Anna Ek"
_ANY_LABEL_RE = re.compile(_LABEL_ALT)   # (what every label cell, row and caption below holds)
_LABEL_NAME_RE = re.compile(rf"^\**\s*(?:underskrifter\s*:?\s*)?(?P<label>{_LABEL_ALT})\s*[:/]?\s*\**\s*(?=[^\s:/*])")
# what a signature row holds beside its labels: dotted and underscore lines, "Paragrafer 110-119"
_FILLER_RE = re.compile(r"^(?:[._…\-–—\s]*|paragrafer?\s*[\d\s,§–-]*|§+\s*[\d\s,–-]*|underskrifter\s*:?|sign\.?|namnfortydligande)$")
_CELL_RE = re.compile(r"\S+(?: \S+)*")
_DOTS_RE = re.compile(r"[._…]{3,}.*$")
# a role word noted in a list entry, in the folded line
_ENTRY_ROLE_RE = re.compile(
    r"(?<![\w.])(motesordforande|motesordf\.?|motesledare|ordforande|ordf\.?|sekreterare|sekr\.|antecknare|antecknar|protokollforare|justerare)(?![a-z])")
# what every match of _ANY_LABEL_RE and _ENTRY_ROLE_RE holds (the first word of a label): the
# lines without any are passed over at once (page.lines_holding)
LABEL_KEYS = shortest_words(label.split()[0] for label in SIGNATURE_LABELS)
ENTRY_ROLE_KEYS = ("ordf", "motesledare", "sekr", "antecknar", "protokollforare", "justerare")
_VICE_RE = re.compile(r"(?:vice|v\.?|1:e|2:e|forste|andre)\s*$")
_SLASH_NAME_RE = re.compile(r"^/\s*(?P<n>[A-ZÅÄÖ][a-zåäöéü]+(?:\s+[A-ZÅÄÖ][a-zåäöéü]+)?)\s*$")


def read_roles(page: Page) -> None:
    """Every rule of this module, in the order of how much the layout says."""
    read_signature_rows(page)
    read_flattened_signatures(page)
    read_entry_roles(page)
    read_role_phrases(page)
    read_closing_initial(page)
    # "Justeras" heads the chair's signature too: a chair is no justerare
    chairs = {fold(r.name) for r in page.people["chair"]}
    page.people["adjuster"] = [r for r in page.people["adjuster"] if fold(r.name) not in chairs]
    for role in _ROLES:   # one entry per person and role, the first found
        seen: set[str] = set()
        page.people[role] = [r for r in page.people[role] if not (fold(r.name) in seen or seen.add(fold(r.name)))]


def _cells(ln: Line) -> list[tuple[int, str]]:
    """The columns of a line: runs of text parted by two or more spaces, with their column."""
    return [(m.start(), m.group()) for m in _CELL_RE.finditer(ln.text)]


def _label_row(ln: Line) -> list[tuple[int, str, str]] | None:
    """A row of signature labels ("Sekreterare ____ Paragrafer 31-37", "Vid protokollet   Justeras"):
    (column, role, label) per label, or None when the row holds anything else."""
    labels = []
    for col, cell in _cells(ln):
        f = fold(_DOTS_RE.sub("", cell)).strip(" :/*")
        f = re.sub(r"^underskrifter\s*:?\s*", "", f)
        if f in SIGNATURE_LABELS:
            labels.append((col, SIGNATURE_LABELS[f], cell))
        elif not _FILLER_RE.match(fold(cell)):
            return None
    return labels or None


def _name_row(ln: Line) -> list[tuple[int, int, int]] | None:
    """A row of names, one per column: (column, start, end) of each name in the line."""
    out = []
    for col, cell in _cells(ln):
        cell_clean = _PARTY_TAIL_RE.sub("", cell).strip(" ,")
        if not FULL_NAME_RE.match(cell_clean):
            return None
        found = _name_in(cell)
        if not found:
            return None
        out.append((col, ln.start + col + found[0], ln.start + col + found[1]))
    return out or None


def read_signature_rows(page: Page) -> None:
    """A label row with the names in its columns on the next line (or, for labels in lower case
    under a signature, on the line before); a label cell with the name after it."""
    lines = page.lines
    content = [k for k, ln in enumerate(lines) if ln.clean]
    folded = page.folded
    keyed = lines_holding(page, LABEL_KEYS)
    for idx, k in enumerate(content):
        ln = lines[k]
        if k not in keyed or k in page.role_column_lines or not _ANY_LABEL_RE.search(folded, ln.start, ln.start + len(ln.text)):
            continue   # no signature label in the line: none of the three readings below applies
        for col, cell in _cells(ln):
            m = _LABEL_NAME_RE.match(fold(cell))
            if m:
                rest = cell[m.end():]
                found = _name_in(rest)
                if found and not rest[found[1]:].strip(" ,.") or (found and _PARTY_TAIL_RE.match(rest[found[1]:])):
                    a = ln.start + col + m.end() + found[0]
                    # "Ordförande Birger Lind Arne Ek": the label's name is the first of two run together
                    b = a + split_run_together(page.text[a:ln.start + col + m.end() + found[1]])[0][1]
                    label = re.sub(r"\s+", " ", m["label"])
                    add_role(page, SIGNATURE_LABELS[label], page.text[a:b], Span(a, b, page.text[a:b]), label)
        _label_then_name(page, ln)
        row = _label_row(ln)
        if not row:
            continue
        # the names: the next content line, past a dotted line; for captions in lower case under
        # the signatures ("ordförande   justerare"), the line before
        names = None
        if ln.clean[:1].islower():
            if idx > 0 and ln.no - lines[content[idx - 1]].no <= 2:
                names = _name_row(lines[content[idx - 1]])
        else:
            for j in content[idx + 1: idx + 3]:
                if lines[j].no - ln.no > 3:
                    break
                names = _name_row(lines[j])
                if names or not _FILLER_RE.match(lines[j].folded):
                    break
        for col, a, b in names or ():
            left = [r for r in row if r[0] <= col + 2]
            _, role, label = left[-1] if left else row[0]
            add_role(page, role, page.text[a:b], Span(a, b, page.text[a:b]), fold(label))


def _label_then_name(page: Page, ln: Line) -> None:
    """A label cell with the name in the next column ("Sekreterare     Amanda Svedberg     §§ 1-7")."""
    cells = _cells(ln)
    for (_, cell), (ncol, ncell) in zip(cells, cells[1:]):
        label = fold(cell).strip(" :/*")
        if label not in SIGNATURE_LABELS:
            continue
        found = _name_in(ncell)
        if found and FULL_NAME_RE.match(_PARTY_TAIL_RE.sub("", ncell).strip(" ,")):
            a, b = ln.start + ncol + found[0], ln.start + ncol + found[1]
            add_role(page, SIGNATURE_LABELS[label], page.text[a:b], Span(a, b, page.text[a:b]), label)


_LABEL_WORDS = frozenset(lexicon.words("label_words_in_names"))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Leading capitalised words that are no first name before one that is ("Beslutande Anna Ek"),
    and label words before them ("Beslutande Ledamöter Anna Ek": label_words_in_names.tsv)."""
    words = list(re.finditer(r"\S+", text[a:b]))
    k = 0
    while len(words) - k > 2 and not is_first_name(words[k].group()) and (
            is_first_name(words[k + 1].group()) or fold(words[k].group()) in _LABEL_WORDS):
        k += 1
    return a + words[k].start(), b


def _begins_entry(before: str) -> bool:
    before = before.rstrip(" *")
    return not before or before[-1] in ",;–-@:&" or before.split()[-1] == "och" or before.split()[-1][:1].isupper()


def read_entry_roles(page: Page) -> None:
    """A role noted in a list entry: "Anna Ek (S), ordförande", "Name, HR-specialist (sekreterare)",
    "Name (CV), badchef – sekreterare", "Karl Lindh (s) ordf"."""
    absent = {fold(r.name) for r in page.people["absentee"]}   # (this rule adds no absentees)
    for k in sorted(lines_holding(page, ENTRY_ROLE_KEYS)):
        ln = page.lines[k]
        f = ln.folded
        if not f or not _ENTRY_ROLE_RE.search(f):
            continue
        s = ln.clean
        floor = 0
        for rm in _ENTRY_ROLE_RE.finditer(f):
            before = s[:rm.start()].rstrip()
            if not before or before[-1] not in "(,)–-" or _VICE_RE.search(fold(before.rstrip("(,–-").rstrip())):
                floor = rm.end()
                continue
            after = s[rm.end():]
            if not re.match(r"(?:\s*$|\s*[,;)§]|\s{2,}|\s+(?:i|för)\s|\s*[A-ZÅÄÖ])", after):
                floor = rm.end()
                continue
            # the entry: back to a column gap, ";", a sentence end or the previous role word
            start = max(floor, before.rfind(";") + 1, before.rfind(". ") + 1)
            gap = max((g.end() for g in re.finditer(r"\s{3,}", before[start:])), default=0)
            start += gap
            if rm.start() - start > 140:
                start = rm.start() - 140
            cands = [_trim(s, c.start(), c.end()) for c in NAME_INLINE_RE.finditer(s, start, rm.start())]
            cands = [(a, b) for a, b in cands if FULL_NAME_RE.match(s[a:b])]
            # the name that begins an entry, not a capitalised name inside an affiliation ("badchef Hälsans Hus")
            heads = [c for c in cands if _begins_entry(s[start:c[0]])]
            firsts = [c for c in cands if is_first_name(s[c[0]:c[1]].split()[0])]
            last = cands[-1] if cands else None
            pick = last if last is None or last in heads or last in firsts else \
                ([c for c in heads if c in firsts] or firsts or cands)[-1]
            floor = rm.end()
            if pick is None:
                continue
            role = ROLE_WORDS.get(rm[1]) or ROLE_WORDS.get(rm[1].rstrip(".")) or SIGNATURE_LABELS.get(rm[1])
            if rm[1].startswith("motesordf"):
                role = "chair"   # "mötesordf. § 74-88": chaired the meeting, or the paragraphs named
            if rm[1] == "antecknar":
                role = "minute_taker"
            if role not in _ROLES:
                continue
            # two names run together ("Maria Boman Hansson Marie Krantz (sekr.)"): the role is the last one's
            ra, rb = split_run_together(s[pick[0]:pick[1]])[-1]
            a, b = ln.cstart + pick[0] + ra, ln.cstart + pick[0] + rb
            if fold(page.text[a:b]) in absent:
                continue
            add_role(page, role, page.text[a:b], Span(a, b, page.text[a:b]), rm[1])


def _word_start(words: list[str]) -> str:
    """``\\b`` and ``words`` parted by white space, the ``\\b`` written as a look back after the first
    letter (before a letter they are the same), so that the engine looks for that letter alone."""
    joined = r"\s+".join(map(re.escape, words))
    first = words[0][0]
    if not re.match(r"\w", first) or joined[0] == "\\":
        return r"\b" + joined
    return rf"{first}(?<!\w{first}){joined[1:]}"


@lru_cache(maxsize=1)
def _phrase_res() -> tuple[tuple[re.Pattern, str, bool, bool, tuple[str, ...]], ...]:
    """role_phrases.tsv compiled: (expression on the folded text, role, name before, name after, the
    words every match holds: the text is searched only when it holds them all)."""
    out = []
    for template, role in lexicon.entries("role_phrases"):
        before, _, after = template.partition("{name}")
        pre, post = before.split(), after.split()
        if pre and post:
            rx = _word_start(pre) + r"\s+(?P<n>[^\n]{3,60}?)\s+" + r"\s+".join(map(re.escape, post)) + r"\b"
        elif pre:
            rx = _word_start(pre) + r"\s+(?P<n>)"
        else:
            rx = r"(?P<n>)" + _word_start(post) + r"\b"
        out.append((re.compile(rx), role, bool(pre), bool(post), tuple(pre + post)))
    return tuple(out)


def read_role_phrases(page: Page) -> None:
    """Sentences that say who chaired or took the minutes ("Mötet leddes av Magnus Holmström"), or
    whom the meeting chose ("Ulrika Englund och Pontus Lindblom valdes till justerare")."""
    text = page.text
    folded = page.folded
    held: dict[str, bool] = {}   # word -> whether the folded text holds it (the templates share their words)
    for rx, role, pre, post, words in _phrase_res():
        if not all(held[w] if w in held else held.setdefault(w, w in folded) for w in words):
            continue   # (a regex that begins with \b or an empty group tries every position)
        for m in rx.finditer(folded):
            n = m.start("n")
            if pre:
                nm = NAME_INLINE_RE.match(text, n)
                if not nm:
                    continue
                a, b = nm.start(), nm.end()
                if post:
                    tail = text[b:m.end("n")]
                    if tail.strip() and not _PARTY_TAIL_RE.fullmatch(tail):
                        continue
            else:
                if text[m.start()].isupper() or _ELSEWHERE_RE.match(folded, m.end()) and words[-1] in _CHOSEN_ROLES:
                    continue   # "Utses att justera" is a label; "valdes till sekreterare i styrelsen" another body's
                line_start = text.rfind("\n", 0, n) + 1
                cands = list(NAME_INLINE_RE.finditer(text, line_start, n))
                if not cands or text[cands[-1].end():n].strip(" ,") and not _PARTY_TAIL_RE.fullmatch(text[cands[-1].end():n].rstrip()):
                    continue
                a, b = _trim(text, cands[-1].start(), cands[-1].end())
                if len(cands) > 1 and _AND_RE.fullmatch(text, cands[-2].end(), cands[-1].start()):
                    _add_phrase_role(page, role, text, *_trim(text, cands[-2].start(), cands[-2].end()), m)
            _add_phrase_role(page, role, text, a, b, m)
            if pre and not post:
                nxt = _AND_NAME_RE.match(text, b)
                if nxt:
                    _add_phrase_role(page, role, text, nxt.start("n"), nxt.end("n"), m)


# "Anna Ek och ", "Anna Ek (S) och ": two people chosen together
_AND_RE = re.compile(r"(?:\s*\([^()\n]{1,12}\))?\s+och\s+")
_AND_NAME_RE = re.compile(rf"(?:\s*\([^()\n]{{1,12}}\))?\s+och\s+(?P<n>{NAME_INLINE_RE.pattern})")
# what follows a role in another body: "valdes till sekreterare i styrelsen", "... för året"
_ELSEWHERE_RE = re.compile(r"\s+(?:i|for|inom|hos|vid)\s+(?!(?:\w*motet|\w*stamman|dagens|detta|sammantradet)\b)")
_CHOSEN_ROLES = lexicon.words("chosen_roles")


def _add_phrase_role(page: Page, role: str, text: str, a: int, b: int, m: re.Match[str]) -> None:
    found = _name_in(text[a:b])
    if not found:
        return
    a, b = a + found[0], a + found[1]
    add_role(page, role, text[a:b], Span(a, b, text[a:b]), m.group().split()[0])


def read_closing_initial(page: Page) -> None:
    """"/Linda" closing a set of notes: the attendee with that first name took the minutes."""
    content = [ln for ln in page.lines if ln.clean][-4:]
    for ln in content:
        m = _SLASH_NAME_RE.match(ln.clean)
        if not m:
            continue
        first = fold(m["n"])
        hits = {r.name for r in page.people["attendee"] if fold(r.name).split()[0] == first or fold(r.name) == first}
        a = ln.cstart + m.start("n")
        name = hits.pop() if len(hits) == 1 else m["n"]
        add_role(page, "minute_taker", name, Span(a, a + len(m["n"]), m["n"]), "/")
