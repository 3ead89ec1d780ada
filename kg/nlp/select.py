"""``kg_select``: picks the final, mostly non-overlapping spans into ``doc.spans["kg"]``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.cues import cue
from .tokens import (
    DEFAULT_PRIORITY,
    NER_LABELS,
    NER_PRIORITY,
    ORG,
    PRIORITY,
    PRJ,
    SPANS_KEY,
    TokenTable,
    candidates,
    forget_candidates,
    token_table,
)


class Selector:
    """Chooses the spans extraction reads: longest first, then by rule priority.

    Overlapping spans are dropped, except an organisation inside a longer organisation or
    project name after a linking word ("Grundskolenätverket i Familjen Helsingborg",
    "verksamhetsplanen för HSS"): both are mentions. Spans from a statistical NER (``doc.ents``)
    are candidates too, with the lowest priority.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.link = cue("nested_org_link")

    def __call__(self, doc: Doc) -> Doc:
        """The spans chosen longest first, then by priority, each span's start, end, label and rule
        read once (a Span's attributes are read through the Doc on every access) and a token's
        white space and norm from the TokenTable (``_nested_at``)."""
        pool = list(candidates(doc))
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label:
                pool.append(Span(doc, ent.start, ent.end, label=label, span_id="ner"))
        facts = [(s.start, s.end, s.label_, s.id_) for s in pool]
        priority = PRIORITY.get
        keys = [(a - b, -priority(rule, DEFAULT_PRIORITY if rule != "ner" else NER_PRIORITY), a, label)
                for a, b, label, rule in facts]
        order = sorted(range(len(pool)), key=keys.__getitem__)   # (stable, like sorting the spans)
        table = token_table(doc)
        chosen: list[int] = []             # positions in pool
        cover: dict[int, list[int]] = {}   # token -> positions in chosen of the spans over it
        empty: list[int] = []              # chosen spans without tokens (they cover none)
        cover_get = cover.get
        for x in order:
            start, end, label, rule = facts[x]
            if start < end:
                over = [k for i in range(start, end) if (k := cover_get(i))] if end - start > 1 else \
                    ([] if (k := cover_get(start)) is None else [k])
                near = {k for ks in over for k in ks} if over else set()
                if empty:
                    near.update(k for k in empty if start < facts[chosen[k]][0] < end)
                if near:
                    clash = [chosen[k] for k in sorted(near)]
                    if not (label == ORG and all(self._nested_at(table, facts[c], start, end)
                                                 or (facts[c][2] == PRJ and rule == "gazetteer") for c in clash)):
                        continue
            else:
                clash = [c for c in chosen if facts[c][0] < end and start < facts[c][1]]
                if clash and not (label == ORG and all(self._nested_at(table, facts[c], start, end)
                                                       or (facts[c][2] == PRJ and rule == "gazetteer") for c in clash)):
                    continue
            for i in range(start, end):
                cover.setdefault(i, []).append(len(chosen))
            if start == end:
                empty.append(len(chosen))
            chosen.append(x)
        chosen.sort(key=lambda c: facts[c][:3])   # (start, end, label; stable: as chosen)
        doc.spans[SPANS_KEY] = [pool[c] for c in chosen]
        forget_candidates()   # the last reader
        return doc

    def _nested_at(self, table: TokenTable, outer: tuple, start: int, end: int) -> bool:
        """Whether the inner span (``start``, ``end``) lies inside ``outer`` (start, end, label,
        rule: an organisation or project) right after a linking word ("i", "för")."""
        if outer[2] not in (ORG, PRJ) or not (outer[0] < start and end <= outer[1]):
            return False
        k = start - 1
        space = table.space
        while k > outer[0] and space[k]:
            k -= 1
        return table.norms[k] in self.link


@Language.factory("kg_select")
def make_selector(nlp: Language, name: str) -> Selector:
    return Selector(nlp, name)
