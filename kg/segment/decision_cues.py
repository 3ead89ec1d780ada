"""The ways Swedish minutes state a decision: section labels and decision sentences.

A decision is said under a label ("Beslut:", "Kommunstyrelsens beslut", "Arbetsutskottets förslag
till kommunstyrelsen", "Mötets beslut") or in a sentence: a body followed by a decision verb
("KPR beslutade att ...", "Arbetsutskottet föreslår kommunstyrelsen besluta att ..."), an outcome
in the passive ("Dagordningen godkändes.", "Meddelandena läggs till handlingarna."), an impersonal
opener ("Beslutades att ...") or, in a web summary, the verb before the body ("... beslutade
kommunstyrelsen att ..."). What another body decided earlier ("KF beslutade 2017-11-27 § 164 att")
and the text of sections such as "Förslag till beslut", "Yrkanden" or "Bakgrund" are not this
meeting's decisions. The cue words are data (kg/resources/segment/decision_*.tsv); sentences are
matched in folded form (page.fold keeps offsets), so OCR without diacritics reads the same.
"""
from __future__ import annotations

import re

from . import lexicon
from .page import shortest_words
from .patterns import BODY_WORD_RE

_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"


def _alternation(phrases) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


_VERBS = lexicon.table("decision_verbs")
_PLAIN_VERBS = _alternation(p for p, v in _VERBS.items() if v != "proposal")
_PROPOSAL_VERBS = _alternation(p for p, v in _VERBS.items() if v == "proposal")
_OUTCOMES = _alternation(lexicon.words("decision_outcomes"))
_OPENERS = _alternation(lexicon.words("decision_openers"))
NOT_DECISION_SECTIONS = lexicon.words("not_decision_sections")
NON_DECIDING_SUBJECTS = tuple(sorted(lexicon.words("non_deciding_subjects")))

# Every decision sentence or label holds one of these folded words (the prefilter of decisions.py):
# the longest word of each cue, and "beslut" (labels, the inverted verbs) and "forslag" (labels).
CUE_WORDS = tuple(sorted({max(p.split(), key=len) for p in (*_VERBS, *lexicon.words("decision_outcomes"),
                                                            *lexicon.words("decision_openers"))} | {"beslut", "forslag"}))
# CUE_WORDS but those that hold another of them ("beslutade" holds "beslut"): a text holds one of
# these exactly when it holds one of CUE_WORDS, found with fewer searches
# ("beslut" and "forslag" first: the words of most decision paragraphs, so that a search for any
# of them in a text that holds one stops early; the order changes no answer)
CUE_WORDS_SHORTEST = tuple(sorted(shortest_words(CUE_WORDS), key=lambda w: (w not in ("beslut", "forslag"), w)))

# A date, a paragraph reference or a time after the verb: a decision taken earlier (quoted).
_EARLIER = (r"(?=\s*(?:\(|§|\d|den\s+\d|i\s+(?:" + _MONTHS + r"|fjol|host|var|somras)\b|tidigare\b|"
            r"under\s+(?:\d|" + _MONTHS + r")|pa\s+(?:sitt|sammantradet|motet)\s+(?:den\s+)?\d))")
_SUBJECT = r"(?P<subj>(?:[\w\-()]+,?\s+){0,3}?)(?:har\s+|hade\s+)?(?:\w+\s+)??"
ACTIVE_RE = re.compile(r"^" + _SUBJECT + r"(?P<verb>" + _PLAIN_VERBS + r")\b(?!" + _EARLIER + r")")
# "Arbetsutskottet föreslår kommunstyrelsen besluta att", "föreslår barn- och utbildningsnämnden
# besluta": the proposal to a named body (never "föreslår i en motion att"; a bare "föreslår att"
# is as often a preparing body's proposal quoted in the minutes of the body that decides)
PROPOSAL_RE = re.compile(r"^(?P<subj>(?:[\w\-()]+\s+){0,3}?)(?:" + _PROPOSAL_VERBS + r")\s+"
                         r"[\w-]+(?:\s+och\s+[\w-]+)?\s+(?:besluta|att|foresla)\b")
OUTCOME_RE = re.compile(r"^(?!det\s)(?P<subj>(?:[\w\-()/.:,]+\s+){0,12}?)(?:" + _OUTCOMES + r")\b(?!" + _EARLIER + r")")
# words of a vote, a motion or a quoted proposal before the outcome ("X yrkar att motionen ska
# anses besvarad", "Följande voteringsproposition godkänns", "KS föreslår att motionen bifalls")
NOT_OUTCOME_WORDS = tuple(sorted(lexicon.words("not_outcome_words")))
# a label before the sentence on its line ("Städdag: Bestämdes till ...")
_LEAD_LABEL_RE = re.compile(r"^[\w ,-]{1,40}:\s+")
_DECISION_LEAD_RE = re.compile(r"(?:[\w-]+s\s+)?(?:beslut|beslutades)")
OPENER_RE = re.compile(r"^(?:" + _OPENERS + r")\b")
# the verb before the body, inside a sentence: "... beslutade kommunstyrelsen att ..."
INVERTED_RE = re.compile(r"\b(?:beslutade|beslot|beslutar)\s+[\w-]+\s+att\b")

# "Beslut:", "Beslutades:", "Kommunstyrelsens beslut", "Barn- och utbildningsnämndens beslut",
# "Mötets beslut", "Arbetsutskottets förslag till kommunstyrelsen" (folded, marks stripped)
LABEL_RE = re.compile(
    r"^(?:(?P<body>[\w-]+(?:\s+och\s+[\w-]+)?s)\s+)?(?:beslut|beslutades|motet\s+beslutade)\s*[:.]?(?:\s+(?P<rest>.*))?$"
    r"|^(?P<pbody>[\w-]+(?:\s+och\s+[\w-]+)?s)\s+forslag\s+till\s+[\w-]+(?:\s+och\s+[\w-]+)?\s*:?(?:\s+(?P<prest>.*))?$")
_MARKS = " *_#:\t"


def _deciding(subject: str) -> bool:
    return not any(w in subject for w in NON_DECIDING_SUBJECTS)


# A body that decides in the middle of a sentence flattened from a page with no sentence breaks
# ("... Närvarorätt Utses att justera Socialnämnden beslutar att medge ..."). The expression finds the
# verb; decision_start reads the word before it back from there, and takes it when it is a body's
# name with a capital.
_MID_ACTIVE_RE = re.compile(r"(?<=[\w-])\s+(?:beslutar|beslutade|beslot)\s+att\b")


def _word_start(s: str, end: int) -> int:
    """Where the word (letters, digits, "-", "_") that ends at ``end`` begins."""
    a = end
    while a and (s[a - 1].isalnum() or s[a - 1] in "-_"):
        a -= 1
    return a


# "yrkar att Kommunstyrelsen beslutar att", "ställer frågan om Kommunstyrelsen beslutar att": a
# clause after one of these words is a motion or a question, not the decision
_SUBORDINATORS = frozenset(lexicon.words("clause_openers"))


def _title_case(text: str, k: int) -> bool:
    """A capital then a small letter at ``k`` ("Utses"): not a word of an all-capitals text ("GODKÄNDES")."""
    return text[k].isupper() and text[k + 1:k + 2].islower()


def _ends_in_body_word(word: str) -> bool:
    """"socialnamnden", "arbetsutskottet": a word that ends in a body's name (not a person's)."""
    m = BODY_WORD_RE.search(word)
    return m is not None and m.end() == len(word) and _deciding(word)


def decision_start(folded: str, text: str | None = None) -> int | None:
    """Where the decision begins in a sentence (folded text), or None if it states none.

    With the sentence's own ``text`` (the same offsets), capitals tell a flattened page's labels from
    prose: an outcome verb with a capital after other words is a label ("Övriga deltagande Utses att
    justera ..."), and a body with a capital that decides after other words begins the decision."""
    if OPENER_RE.match(folded):
        return 0
    lab = _LEAD_LABEL_RE.match(folded)
    if lab and (OPENER_RE.match(folded[lab.end():]) or _DECISION_LEAD_RE.fullmatch(lab.group().rstrip(": "))):
        return lab.end()   # (after "Beslut:" in a line of text, what follows is the decision)
    m = ACTIVE_RE.match(folded)
    if m:
        return 0
    m = PROPOSAL_RE.match(folded)
    if m and _deciding(m["subj"]):
        return 0
    m = OUTCOME_RE.match(folded)
    if m and (not any(w in m["subj"] for w in NOT_OUTCOME_WORDS) or _approved_proposal(folded, m)) \
            and not (text is not None and m["subj"] and _title_case(text, m.end("subj"))):
        return 0
    m = INVERTED_RE.search(folded)
    if m and not re.match(_EARLIER, folded[m.end():]):
        return m.start()
    if text is not None and ("beslut" in folded or "beslot" in folded):   # (the verbs of _MID_ACTIVE_RE)
        for m in _MID_ACTIVE_RE.finditer(folded):
            a = _word_start(folded, m.start())
            if a and folded[a - 1].isspace() and text[a].isupper() and _ends_in_body_word(folded[a:m.start()]) \
                    and folded[_word_start(folded, a - 1):a - 1] not in _SUBORDINATORS:
                return a
    return None


_APPROVED_RE = re.compile(r"(?:" + _alternation(lexicon.words("approved_proposal_outcomes")) + r")\b")
_PROPOSAL_SUBJECT_RE = re.compile(r"forslag(?:et)?\s+till\s+[\w\s-]+")


def _approved_proposal(folded: str, m: re.Match[str]) -> bool:
    """"Förslag till verksamhetsplan godkändes": the subject is a proposal and nothing else of a
    vote or motion, the outcome in the past tense (what the meeting did with it)."""
    subj = m["subj"].strip()
    return (_PROPOSAL_SUBJECT_RE.fullmatch(subj) is not None
            and not any(w in subj for w in NOT_OUTCOME_WORDS if w != "forslag")
            and _APPROVED_RE.match(folded, m.end("subj")) is not None)


def label_rest(folded: str) -> int | None:
    """If a line (folded) is a decision label that the plain "Beslut" label does not cover
    ("Barn- och utbildningsnämndens beslut", "Arbetsutskottets förslag till kommunstyrelsen"),
    the offset of the text after it on the line (after a colon; the line's length when none);
    else None. A proposal of the administration or a nomination committee is none."""
    if section_label(folded):
        return None   # "Socialnämndens förslag till beslut": a proposal put to the meeting
    s = folded.rstrip(_MARKS)
    lead = len(s) - len(s.lstrip(_MARKS))
    m = LABEL_RE.match(s[lead:])
    if not m:
        return None
    body, rest = (m["pbody"], "prest") if m["pbody"] is not None else (m["body"], "rest")
    if body is not None and (not _deciding(body) or body in ("forslag", "beslut")):
        return None
    if m[rest]:
        head = s[lead:lead + m.start(rest)].rstrip()
        if not head.endswith(":"):
            return None   # "Beslut om samråd", "Kommunens förslag till budget innebär ...": prose
        return lead + m.start(rest)
    return len(folded)


def section_label(folded: str) -> bool:
    """Whether a line is the label of a section that holds no decision of this meeting."""
    s = folded.strip(_MARKS)
    if s in NOT_DECISION_SECTIONS or s.split(":", 1)[0].strip() in NOT_DECISION_SECTIONS and ":" in s:
        return True
    # the same section of a named body: "Socialnämndens förslag till beslut", "Nämndens yrkande"
    # (the label then ends the line: a line that ends in none is no such label)
    if not s.rstrip(" :").endswith(_NOT_DECISION_SECTION_TAILS):
        return False
    g = _GENITIVE_BODY_RE.match(s)
    return g is not None and s[g.end():].rstrip(" :") in NOT_DECISION_SECTIONS


_NOT_DECISION_SECTION_TAILS = tuple(sorted(NOT_DECISION_SECTIONS))
_GENITIVE_BODY_RE = re.compile(r"[\w-]+(?:\s+och\s+[\w-]+)?s\s+(?=\w)")


# -- the kind of a decision -------------------------------------------------------------------
# A decision of the meeting is final unless its words say it proposes to another body, sends the
# matter back (återremiss), tables it (bordläggning), only notes information or reported
# delegation decisions (kg/resources/segment/decision_kinds.tsv).
KIND_ORDER = ("delegated", "referral", "postponement", "proposal", "noted")
_KINDS = lexicon.entries("decision_kinds")
_KIND_RE = {kind: re.compile(r"\b(?:" + _alternation(p for p, k in _KINDS if k == kind) + r")")
            for kind in KIND_ORDER if any(k == kind for _, k in _KINDS)}
# the body a proposal goes to, right after the verb: "föreslår kommunstyrelsen besluta att",
# "föreslå barn- och utbildningsnämnden att"; never "föreslår att" (no body named)
_PROPOSED_TO_RE = re.compile(r"\b(?:" + _alternation(p for p, k in _KINDS if k == "proposal") + r")\s+"
                             r"(?P<to>(?!att\b)[\w-]+(?:\s+och\s+[\w-]+)?)\s+(?:besluta|att|foresla)\b")
# "Arbetsutskottets förslag till kommunstyrelsen": the label of a proposal, the body after "till"
_PROPOSAL_LABEL_RE = re.compile(r"^[\s*_#]*[\w-]+(?:\s+och\s+[\w-]+)?s\s+forslag\s+till\s+"
                                r"(?P<to>[\w-]+(?:\s+och\s+[\w-]+)?)\s*(?::|$)")


def decision_kind(folded: str) -> tuple[str, tuple[int, int] | None]:
    """The kind of a decision from its folded text, and for a proposal where the body it goes to
    stands (offsets in ``folded``). A proposal names its body; "föreslår att" alone is final."""
    for kind in KIND_ORDER:
        rx = _KIND_RE.get(kind)
        if rx is None or not rx.search(folded):
            continue
        if kind != "proposal":
            return kind, None
        m = _PROPOSED_TO_RE.search(folded)
        if m and _deciding(m["to"]):
            return kind, m.span("to")
    return "final", None


def proposal_label_to(folded: str) -> tuple[int, int] | None:
    """Where the receiving body stands in a proposal label ("Arbetsutskottets förslag till
    kommunstyrelsen"), offsets in the folded line; None for any other line, and for the
    proposal of a body that decides nothing here (förvaltningens förslag till ...)."""
    m = _PROPOSAL_LABEL_RE.match(folded)
    if m is None:
        return None
    head = folded[:m.start("to")].split()
    if not head or not _deciding(head[0]):
        return None
    return m.span("to")
