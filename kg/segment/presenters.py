"""Presenters: presenter lines and the people running text names as presenting."""
from __future__ import annotations

import re

from ..models import PersonRef, Span
from .decisions import sentences
from .page import Page, fold
from .patterns import NAME_RE, NAME_WORD, PARTICLE, _is_first_name, _is_place_like

# ---------------------------------------------------------------------------------------------
# Presenters named in running text: "X informerar om", "Maria och Mikael berättade", "delar X med sig"

PRESENT_VERBS = (
    r"informerar|informerade|redog[oö]r|redogjorde|g[aå]r igenom|gick igenom|ber[aä]ttar|ber[aä]ttade|"
    r"presenterar|presenterade|f[oö]redrar|f[oö]redrog|rapporterar|rapporterade|visar|visade|"
    r"delar med sig|delade med sig|inleder|inledde|h[aå]ller i|h[oö]ll i|beskriver|beskrev"
)
_NAME_OR_FIRST = rf"{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_WORD}){{0,3}}"
SUBJECT_VERB_RE = re.compile(
    rf"^(?:(?:Efter|Under|I|Vid|Som)\s[^,.]{{0,40}}?\s)?(?P<subj>{_NAME_OR_FIRST}(?:\s*,[^,.]{{1,60}},)?"
    rf"(?:\s+(?:och|&)\s+{_NAME_OR_FIRST})*(?:[ \t]+[A-ZÅÄÖ][\wåäö]+)?(?:\s+från\s[^.]{{1,80}}?)?)\s+(?:{PRESENT_VERBS})\b"
)
# "Ekonomichef Hans Holm föredrar ärendet": the verb of "Föredragande", as explicit as a presenter line.
EXPLICIT_PRESENTER_RE = re.compile(
    rf"(?:^|(?<=[.:;]\s))(?:[A-ZÅÄÖ][\wåäö-]+\s+(?=[A-ZÅÄÖ]))?(?P<subj>{_NAME_OR_FIRST}(?:\s*,[^,.]{{1,60}},)?(?:\s+(?:och|&)\s+{_NAME_OR_FIRST})*)\s+f[oö]redr(?:ar|og)\b"
)
EXPLICIT_PRESENTER_WORD = "redr"   # in every match of EXPLICIT_PRESENTER_RE
# Job titles written before a name ("Ekonomichef Hans Holm"): not part of the name.
TITLE_WORD_RE = re.compile(
    r"(?:chef|direktor|strateg|ansvarig|controller|samordnare|handlaggare|utvecklare|sekreterare|jurist|ekonom|rektor|"
    r"konsult|specialist|ledare|planerare|arkitekt|ingenjor|forestandare|ombudsman|revisor|analytiker|kommunikator|"
    r"ordforande|radgivare|inspektor|projektledare|professor|doktor|dr|fil|docent)$"
)
VERB_SUBJECT_RE = re.compile(
    rf"^(?:(?:Efter|Under|I|Vid)\s[^,.]{{0,40}}?\s)(?:delar|informerar|ber[aä]ttar|presenterar|redog[oö]r|g[aå]r)\s+(?P<subj>{_NAME_OR_FIRST})"
)

APPOSITION_RE = re.compile(r",[^,]*,|\bfrån\s.*$")
FROM_TAIL_RE = re.compile(r"\bfrån\s[^,]*$")


def presenters_in_sentence(sentence: str, base: int) -> list[PersonRef]:
    """Persons who present according to the opening sentence of an item (no Föredragande line)."""
    m = SUBJECT_VERB_RE.match(sentence) or VERB_SUBJECT_RE.match(sentence)
    if not m:
        return []
    subj, s0 = m["subj"], m.start("subj")
    # blank out appositions (", processledare i Mark,") and "från X": places there are no presenters
    subj = APPOSITION_RE.sub(lambda a: " " * len(a[0]), subj)
    refs = []
    for nm in NAME_RE.finditer(subj):
        name = nm[0]
        words = name.split()
        # "Maria Norrby Helsingborg": a trailing place after a full name is an affiliation.
        aff = None
        if len(words) >= 3 and _is_place_like(words[-1]) and not _is_first_name(words[-2]):
            cut = name.rfind(" ")
            aff_text = name[cut + 1:]
            a0 = base + s0 + nm.start() + cut + 1
            aff = Span(a0, a0 + len(aff_text), aff_text)
            name = name[:cut]
        before = subj[:nm.start()]
        if before.rstrip().endswith(",") or FROM_TAIL_RE.search(before):
            continue  # inside an apposition ("Lisa Olsson, innovationschef i Helsingborg,") or "från X"
        # "Ekonomichef Hans Holm": a title capitalised at the start of the sentence is not a name
        lead = 0
        words = name.split()
        while len(words) > 2 and (TITLE_WORD_RE.search(fold(words[0])) or not _is_first_name(words[0]) and _is_first_name(words[1])):
            lead += len(words[0]) + 1
            words = words[1:]
        name = name[lead:]
        first = name.split()[0]
        if len(name.split()) == 1 and not _is_first_name(first):
            continue
        start = base + s0 + nm.start() + lead
        refs.append(PersonRef(name, Span(start, start + len(name), name), aff))
    return refs


def presenters_from_text(page: Page, a: int, b: int, explicit_only: bool = False) -> list[PersonRef]:
    """Presenters named in the text from ``a`` to ``b``: "X föredrar ärendet" anywhere in the
    item; where the minutes have no presenter lines at all, also "X informerar / redogör / går
    igenom" in the item's opening sentences."""
    if page.text.find(EXPLICIT_PRESENTER_WORD, a, b) < 0:
        # no "föredrar"/"föredrog" (EXPLICIT_PRESENTER_RE): only the opening sentences may tell
        if explicit_only:
            return []
        sents = sentences(page.text[a:b], a, limit=2)
    else:
        sents = sentences(page.text[a:b], a)
    for sent in sents:
        # every match holds EXPLICIT_PRESENTER_WORD
        m = EXPLICIT_PRESENTER_RE.search(sent.text) if EXPLICIT_PRESENTER_WORD in sent.text else None
        if m:
            refs = presenters_in_sentence(sent.text[m.start("subj"):], sent.start + m.start("subj"))
            if refs:
                return refs
    if explicit_only:
        return []
    for sent in sents[:2]:
        refs = presenters_in_sentence(sent.text, sent.start)
        if refs:
            return refs
    return []
