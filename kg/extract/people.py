"""People: the structure's person references, the rules' person spans, @-mentions, initials,
given names, e-mail names, and first names linked to the full names of the same document."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress

from spacy.tokens import Span as SpacySpan

from ..lexicons.cues import cue
from ..lexicons.gazetteer import ocr_read_name
from ..lexicons.names import is_first_name, is_surname, strip_genitive
from ..models import Mention, PersonRef
from ..nlp import CANDIDATES, ORG, PER, email_name, is_ordinary_word, token_table
from ..text import fold
from .context import DocumentContext, SpanIndex, full_name_before, inside_ref
from .names import clean_name, first_token, fold_word


def person_refs(ctx: DocumentContext, refs: list[tuple[PersonRef, str, int | None]], spans: list[SpacySpan],
                people: list[SpacySpan] | None = None) -> None:
    """A person Mention for every PersonRef, with exactly its span (the graph links slots through it).
    ``people``: the person candidates of the pipeline (read from the document when not given)."""
    doc_id = ctx.minutes.document.identifier
    if people is None:
        people = [s for s in ctx.sdoc.spans.get(CANDIDATES, []) if s.label_ == PER and s.id_ == "person"]
    # (start, end, position) of the candidates, by start: a ref looks only at those that start in it
    by_start = sorted((s.start_char, s.end_char, k) for k, s in enumerate(people))
    starts = [x[0] for x in by_start]
    org_starts: dict[int, list[int]] = {}   # end -> starts of the organisation spans ending there
    for o in spans:
        if o.label_ == ORG:
            org_starts.setdefault(o.end_char, []).append(o.start_char)
    org_at = {o.start_char for o in spans if o.label_ == ORG}
    for ref, _slot, item in refs:
        a, b = ref.span.start, ref.span.end
        if a in org_at and not is_first_name(ref.name.split()[0]):
            continue   # "Region Jämtland Härjedalen" in a list of participants: the organisation, not a person
        inside = [k for start, end, k in by_start[bisect_left(starts, a):bisect_right(starts, b)] if end <= b]
        name = clean_name(ref.name)
        if " " in name and " " in ref.span.text.strip():
            # (a slot that names the person in full; "SL:" stands for the "Sara Lindell" segmentation gave it)
            name = clean_name(ctx.text[slice(*name_bounds(ctx.text, a, b))])   # "Tjänstepersoner   Lars Edvardsson"
        if inside and (len(inside) > 1
                       or any(full_name_before(ctx, ref.span, start) for start in org_starts.get(b, ()))):
            name = clean_name(people[min(inside)].text)   # "Maria Norrby Helsingborg", "A B C D E" run together
        if item is None:
            item = ctx.item_of(ref.span.start, ref.span.end)
        name = ocr_read_name(name)   # "Géran Hjort" (OCR) is Göran Hjort; the span keeps the words as written
        ctx.add(Mention("person", ref.span, name, doc_id, item, "structure", first_name_only=" " not in name))


def persons_from_rules(ctx: DocumentContext, spans: list[SpacySpan], ref_spans: SpanIndex) -> None:
    doc_id = ctx.minutes.document.identifier
    org_starts = {s.start_char for s in spans if s.label_ == ORG}
    for s in spans:
        if s.label_ != PER:
            continue
        if inside_ref(ref_spans, s.start_char, s.end_char):
            continue
        item = ctx.item_of(s.start_char, s.end_char)
        if s.id_ == "email":
            ctx.add(Mention("person", ctx.span(s.start_char, s.end_char), email_name(s.text), doc_id, item, "email"))
        elif s.id_ in ("first_name", "first_name_weak") or len(s) == 1:
            if _place_name(ctx.text, s.start_char, s.end_char):
                continue
            ctx.add(Mention("person", ctx.span(s.start_char, s.end_char), clean_name(s.text), doc_id, item,
                            s.id_ or "first_name", first_name_only=True))
        else:
            if s.start_char in org_starts and not is_first_name(s.text.split()[0]):
                continue   # "Region Norrbotten", "Vårdförbundet Jämtland": an organisation, not a person
            start, end = name_bounds(ctx.text, s.start_char, s.end_char)
            if start == s.start_char and end == s.end_char:
                ctx.add(Mention("person", ctx.span(start, end), clean_name(s.text), doc_id, item, s.id_ or "person"))
            elif len(ctx.text[start:end].split()) > 1:
                span = ctx.span(start, end)
                ctx.add(Mention("person", span, clean_name(span.text), doc_id, item, s.id_ or "person"))
            elif not any(o.label_ == PER and o is not s and o.start_char <= start and end <= o.end_char for o in spans):
                # "Miljöchef Anna-Karin": the given name alone, for the links to the full name
                ctx.add(Mention("person", ctx.span(start, end), clean_name(ctx.text[start:end]), doc_id, item,
                                "first_name", first_name_only=True))


NAME_WORD_RE = re.compile(r"\S+")
WIDE_GAP_RE = re.compile(r"[ \t]{3,}|\t")


def name_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside a found run of capitalised words, by character offsets:
    * a title before it is no part of it ('Förvaltningschef Kerstin Hedman', 'Controller Ulrika Lidén');
    * flattened columns end it at a wide gap ('Fredrik Ahlström    Kostnadssammanställning');
    * an ordinary word glued after a full name ends it ('Lina Forsgren Uppföljningsplan');
    * a genitive surname before a lower-case word is the surname ('Anders Wibergs förslag')."""
    words = [(m.start(), m.end()) for m in NAME_WORD_RE.finditer(text, start, end)]
    if len(words) >= 2 and _title_word(text[words[0][0]:words[0][1]]) and is_first_name(text[words[1][0]:words[1][1]]):
        words = words[1:]
    for k in range(1, len(words)):
        if WIDE_GAP_RE.search(text, words[k - 1][1], words[k][0]):
            words = words[:k]
            break
    if len(words) >= 3:
        last = text[words[-1][0]:words[-1][1]]
        if not is_surname(last) and not is_first_name(last) and _common_noun(last):
            words = words[:-1]
    if len(words) >= 2:
        a, b = words[-1]
        last = text[a:b]
        base = strip_genitive(last)
        if base is not None and last.endswith("s") and is_surname(base) and not is_surname(last) \
                and GENITIVE_NEXT_RE.match(text, b):
            words[-1] = (a, b - 1)
    return words[0][0], words[-1][1]


def _common_noun(word: str) -> bool:
    """'Uppföljningsplan', 'Dessutom': an ordinary word or a compound of two (with a linking s),
    and no surname's ending ('Bergström' is 'berg' + 'ström')."""
    lower = word.lower()
    if fold(lower) in cue("sentence_openers"):
        return True
    if not lower.isalpha() or fold(lower).endswith(_surname_endings()):
        return False
    if is_ordinary_word(lower):
        return True
    for k in range(3, len(lower) - 2):
        head, tail = lower[:k], lower[k:]
        if is_ordinary_word(tail) and (is_ordinary_word(head) or head.endswith("s") and is_ordinary_word(head[:-1])):
            return True
    return False


@lru_cache(maxsize=1)
def _surname_endings() -> tuple[str, ...]:
    return tuple(sorted(cue("surname_endings")))


GENITIVE_NEXT_RE = re.compile(r"[ \t]+[a-zåäöé]")


@lru_cache(maxsize=1)
def title_endings() -> tuple[str, ...]:
    return tuple(sorted(cue("title_endings")))


def _title_word(word: str) -> bool:
    return not is_first_name(word) and (fold(word).endswith(title_endings()) or is_ordinary_word(word.lower()))


def _place_name(text: str, start: int, end: int) -> bool:
    """'Helge å', 'S:t Petri': a given name that is part of a place's name."""
    after = re.match(r"[ \t]+(\w+)", text[end:end + 20])
    if after and after.group(1).islower() and fold(after.group(1)) in cue("place_heads"):
        return True
    before = text[max(0, start - 8):start].split()
    return bool(before) and fold(before[-1]) in cue("saint_prefixes")


AT_MENTION_RE = re.compile(r"@(?<![\w@.]@)([A-ZÅÄÖ][\wåäöé]+(?:-[A-ZÅÄÖ][\wåäöé]+)?(?:[ \t][A-ZÅÄÖ][\wåäöé-]+){1,2})")


def at_mentions(ctx: DocumentContext) -> None:
    """'- @Erik Blom (Gävle kommun)', '- [ ] @Maria Sjöberg: beställa material': notes written in a
    chat or a wiki name people with an '@' before a given name and a surname."""
    if "@" not in ctx.text:
        return
    doc_id = ctx.minutes.document.identifier
    for m in AT_MENTION_RE.finditer(ctx.text):
        a, b = m.span(1)
        words = m.group(1).split()
        if not is_first_name(words[0]) or ctx.within("person", a, b):
            continue
        if len(words) == 3 and not is_surname(words[2]):
            b = a + len(" ".join(words[:2]))
        ctx.add(Mention("person", ctx.span(a, b), clean_name(ctx.text[a:b]), doc_id, ctx.item_of(a, b), "at"))


INITIALS_DEFINED_RE = re.compile(r"[ \t]*\(([A-ZÅÄÖ]{2,4})\)")


def initials_of_people(ctx: DocumentContext) -> None:
    """'Kjell Åhman (KÅ), fritidschef ...' then 'KÅ och CV träffar simklubben': initials the text
    defines for a person (the first letters of the name's words) are mentions of that person
    wherever they stand as a word."""
    defined: dict[str, Mention] = {}
    definitions: set[tuple[int, int]] = set()
    for p in ctx.of_kind("person"):
        if " " not in p.name:
            continue
        m = INITIALS_DEFINED_RE.match(ctx.text, p.span.end)
        if m is None:
            continue
        if ctx.within("organization", m.start(1), m.end(1)):
            continue   # "Sven Dahl (SD)": the party, not his initials
        letters = "".join(w[0] for w in re.split(r"[\s-]+", p.name) if w).upper()
        initials = m.group(1)
        if initials in (letters, letters[0] + letters[-1]):
            defined.setdefault(initials, p)
            definitions.add(m.span(1))
    if not defined:
        return
    doc_id = ctx.minutes.document.identifier
    taken = {(m.span.start, m.span.end) for m in ctx.mentions.values()} | definitions   # (the slot reads on)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(defined))) + r")(?![\w-])")
    for m in pattern.finditer(ctx.text):
        a, b = m.span(1)
        if (a, b) in taken:
            continue
        p = defined[m.group(1)]
        ctx.add(Mention("person", ctx.span(a, b), p.name, doc_id, ctx.item_of(a, b), "initials"))


def given_names_of_the_document(ctx: DocumentContext) -> None:
    """A capitalised word that is the given name of someone named in full in this document is a
    lone given-name mention even when no list knows the name ("Lila återkopplar ...")."""
    given = {first_token(m.name) for m in ctx.of_kind("person") if " " in m.name and not m.first_name_only}
    doc_id = ctx.minutes.document.identifier
    if not given:
        return
    taken_index = None   # the mentions found before this rule, indexed when first needed (before it adds any)
    table = token_table(ctx.sdoc)
    texts, n = table.texts, len(table.texts)
    # the test on the text alone, once per distinct text
    names = {text for text in set(texts) if text[:1].isupper() and not text.isupper() and fold_word(text) in given}
    for i in compress(range(n), map(names.__contains__, texts)):
        text = texts[i]
        start, end = table.idx[i], table.idx[i] + len(text)
        # (a line break between two words is a token of its own: a token's trailing white space
        # is at most one space)
        if i + 1 < n and texts[i + 1][:1].isupper() and table.alpha[i + 1]:
            continue   # part of a longer capitalised name
        if taken_index is None:
            taken_index = SpanIndex([(m.span.start, m.span.end) for m in ctx.mentions.values()])
        if taken_index.overlaps(start, end):
            continue
        ctx.add(Mention("person", ctx.span(start, end), text, doc_id, ctx.item_of(start, end),
                        "first_name_weak", first_name_only=True))


def email_names(ctx: DocumentContext) -> None:
    """'hani.kellyhagman@...' is the 'Hani Kelly Hagman' the document names, when one fits."""
    emails = [(key, m) for key, m in ctx.mentions.items() if m.kind == "person" and m.source == "email"]
    if not emails:
        return
    full = {_compact(m.name): m.name for m in ctx.of_kind("person")
            if " " in m.name and m.source != "email"}
    for key, m in emails:
        compact = _compact(m.name)
        if compact in full and full[compact] != m.name:
            ctx.mentions[key] = Mention("person", m.span, full[compact], m.document, m.item, m.source)


NOT_A_TO_Z_RE = re.compile(r"[^a-z]")


@lru_cache(maxsize=1 << 16)
def _compact(name: str) -> str:
    return NOT_A_TO_Z_RE.sub("", fold(name))


def link_first_names(ctx: DocumentContext, refs: list[tuple[PersonRef, str, int | None]]) -> None:
    """Give a lone given name the full name of the one person it can mean in this document.

    Candidates, tier by tier: the presenters of the same item, the people of the attendance lists,
    people named in full in the same item, people named in full anywhere in the document. The
    first tier with a candidate decides; two different candidates there leave it unlinked (never
    wrong). A weak given name (also an ordinary word: "Lisa", "Mats") that links to nobody is dropped.
    """
    full = [m for m in ctx.of_kind("person") if not m.first_name_only and " " in m.name]
    presenters: dict[int, list[str]] = {}
    header: list[str] = []
    for ref, slot, item in refs:
        m = ctx.mentions.get((ref.span.start, ref.span.end, "person"))
        if m is None or m.first_name_only:
            continue
        if slot == "presenter" and item is not None:
            presenters.setdefault(item, []).append(m.name)
        elif slot != "absentees":
            header.append(m.name)
    # each tier's names grouped by their given name, in order (made once, not per lone given name)
    def by_given(names: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for n in names:
            out.setdefault(first_token(n), []).append(n)
        return out

    full_in_item: dict[int, list[str]] = {}
    for f in full:
        if f.item is not None:
            full_in_item.setdefault(f.item, []).append(f.name)
    full_names = [f.name for f in full]
    grouped: dict[tuple[str, int | None], dict[str, list[str]]] = {}

    def tier(name: str, item: int | None, names: list[str]) -> dict[str, list[str]]:
        if (name, item) not in grouped:
            grouped[(name, item)] = by_given(names)
        return grouped[(name, item)]

    def tiers(item: int | None) -> Iterator[dict[str, list[str]]]:
        """The tiers in order, each grouped only when reached (most given names link in the first two)."""
        yield tier("presenters", item, presenters.get(item, []) if item is not None else [])
        yield tier("header", None, header)
        yield tier("item", item, full_in_item.get(item, []) if item is not None else [])
        yield tier("full", None, full_names)

    for m in ctx.of_kind("person"):
        if not m.first_name_only:
            continue
        given = fold_word(m.name)
        linked: str | None = None
        ambiguous = False
        for names in tiers(m.item):
            fits = sorted({fold_word(n): n for n in names.get(given, ())}.values())
            if len(fits) == 1:
                linked = fits[0]
                break
            if len(fits) > 1:
                ambiguous = True
                break
        key = (m.span.start, m.span.end, "person")
        if linked:
            ctx.mentions[key] = Mention("person", m.span, linked, m.document, m.item, m.source + "+linked")
        elif m.source == "first_name_weak":
            del ctx.mentions[key]       # probably the ordinary word
        elif ambiguous:
            ctx.mentions[key] = Mention("person", m.span, m.name, m.document, m.item, m.source + "+ambiguous",
                                        first_name_only=True)
