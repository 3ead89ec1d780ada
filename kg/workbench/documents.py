"""The words behind the facts: one HTML page per source document, its text with every annotated
span anchored and coloured by kind, for the detail panels of the views to link to."""
from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup, escape

from .canvas import shortened
from .graph_index import local_name
from .network import AnnotationInfo, GraphIndex
from .templates import environment

DETAIL_ROWS = 30     # rows per section of a detail panel (the rest is counted, not listed)
QUOTE_MAX = 400      # characters of a quote in a panel (the document page has all of it)
DECISIONS_MAX = 300  # decisions listed in a view's decisions panel
ROLE_LINKS = ("chair", "attendee", "substitute", "minuteTaker", "adjuster", "absentee", "presenter",
              "recusedPerson", "memberOf")
# Span kinds on a document page, in the order they win when one span is several things.
SPAN_KINDS: dict[str, str] = {
    "decision": "decision", "item": "agenda item", "meeting": "meeting", "role": "role link",
    "person": "person", "organisation": "organisation", "project": "project", "other": "other fact",
}


@functools.cache
def _slug(text: str) -> str:
    """A file name or HTML id from an IRI's local name: only safe characters, stable."""
    local = local_name(text)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", local).strip("-")[:80]
    if safe != local or not safe:
        safe = f"{safe}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}".lstrip("-")
    return safe


def document_slug(doc_iri: str) -> str:
    return _slug(doc_iri)


def anchor_id(annotation_iri: str) -> str:
    return "a-" + _slug(annotation_iri)


def annotation_href(idx: GraphIndex, annotation_iri: str) -> str:
    """Where a view links for the words of a fact: ``docs/<slug>.html#<anchor>``."""
    a = idx.annotations[annotation_iri]
    return f"docs/{document_slug(a.document)}.html#{anchor_id(annotation_iri)}"


def _span_kinds(idx: GraphIndex) -> dict[str, str]:
    """Annotation IRI -> the kind of fact its span is coloured as (see SPAN_KINDS)."""
    kinds: dict[str, str] = {}
    order = {k: i for i, k in enumerate(SPAN_KINDS)}

    def mark(a: str, kind: str) -> None:
        if order[kind] < order.get(kinds.get(a, "other"), len(order)):
            kinds[a] = kind

    for a in idx.annotations.values():
        for body in a.bodies:
            if body in idx.persons:
                mark(a.iri, "person")
            elif body in idx.organisations:
                mark(a.iri, "organisation")
            elif body in idx.projects:
                mark(a.iri, "project")
        kinds.setdefault(a.iri, "other")
    for node, found in idx.evidence.items():
        kind = ("decision" if node in idx.decisions else "item" if node in idx.items
                else "meeting" if node in idx.meetings else None)
        for a in found:
            if kind:
                mark(a, kind)
    for (_, link, _), found in idx.link_evidence.items():
        if link in ROLE_LINKS:
            for a in found:
                mark(a, "role")
    return kinds


def _span_titles(idx: GraphIndex) -> dict[str, list[str]]:
    """Annotation IRI -> the facts it states, as short plain-text lines (the span's tooltip)."""
    titles: dict[str, list[str]] = defaultdict(list)
    for a in idx.annotations.values():
        for body in a.bodies:
            if body in idx.persons or body in idx.organisations or body in idx.projects:
                titles[a.iri].append(idx.label(body))
    for node, found in idx.evidence.items():
        line = _node_phrase(idx, node)
        for a in found:
            titles[a].append(line)
    for (s, link, o), found in idx.link_evidence.items():
        line = f"{idx.label(o) if link != 'memberOf' and link != 'collaboratesWith' else idx.label(s)}"
        line = {"memberOf": f"{idx.label(s)} member of {idx.label(o)}",
                "collaboratesWith": f"{idx.label(s)} collaborates with {idx.label(o)}"}.get(
            link, f"{idx.label(o)}: {link} of {_node_phrase(idx, s)}")
        for a in found:
            titles[a].append(line)
    return titles


def _node_phrase(idx: GraphIndex, node: str) -> str:
    if node in idx.decisions:
        return "decision: " + shortened(idx.decisions[node].text, 80)
    if node in idx.items:
        return "item: " + shortened(idx.items[node].title or local_name(node), 80)
    if node in idx.meetings:
        return "meeting: " + idx.meeting_label(node)
    return idx.label(node)


def highlighted_text(text: str, spans: list[tuple[int, int, str, str, str]]) -> Markup:
    """``text`` as HTML with each span ``(start, end, anchor, kind, title)`` wrapped in ``<span>``.

    Spans nest; one that crosses another is closed and reopened, and only its first piece carries
    the ``id``. Every piece carries ``data-a`` = the anchor, so the pieces of an annotation read
    together give its exact words. All text is escaped."""
    ordered = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    cuts = sorted({0, len(text), *(s[0] for s in ordered), *(s[1] for s in ordered)})
    starts: dict[int, list[tuple[int, int, str, str, str]]] = defaultdict(list)
    for s in ordered:
        starts[s[0]].append(s)
    out: list[str] = []
    stack: list[tuple[int, int, str, str, str]] = []

    def open_tag(s: tuple[int, int, str, str, str], first: bool) -> str:
        _, _, anchor, kind, title = s
        head = f'<span id="{escape(anchor)}" ' if first else "<span "
        return head + f'class="f k-{escape(kind)}" data-a="{escape(anchor)}" title="{escape(title)}">'

    for k, p in enumerate(cuts):
        if any(s[1] == p for s in stack):
            lowest = min(i for i, s in enumerate(stack) if s[1] == p)
            reopen = [s for s in stack[lowest:] if s[1] != p]
            out.append("</span>" * (len(stack) - lowest))
            del stack[lowest:]
            for s in reopen:
                out.append(open_tag(s, first=False))
                stack.append(s)
        for s in starts.get(p, ()):
            out.append(open_tag(s, first=True))
            stack.append(s)
        if k + 1 < len(cuts):
            out.append(str(escape(text[p:cuts[k + 1]])))
    out.append("</span>" * len(stack))
    return Markup("".join(out))


def render_document(idx: GraphIndex, doc_iri: str, kinds: dict[str, str], titles: dict[str, list[str]],
                    annotations: Iterable[AnnotationInfo] | None = None) -> str:
    """The page of one source document: its text with every annotated span anchored and coloured."""
    doc = idx.documents[doc_iri]
    spans = []
    counts: dict[str, int] = defaultdict(int)
    for a in idx.annotations.values() if annotations is None else annotations:
        if a.document != doc_iri or a.end > len(doc.text):
            continue
        kind = kinds.get(a.iri, "other")
        counts[kind] += 1
        title = "\n".join(dict.fromkeys([SPAN_KINDS[kind], *titles.get(a.iri, [])]))
        spans.append((a.start, a.end, anchor_id(a.iri), kind, title))
    meetings = sorted(idx.meeting_label(m) for m, d in idx.meeting_documents.items() if d == doc_iri)
    legend = [{"kind": k, "label": label, "count": counts[k]} for k, label in SPAN_KINDS.items() if counts[k]]
    return environment().get_template("document.html.j2").render(
        identifier=doc.identifier, meetings=meetings, legend=legend, n_spans=len(spans),
        text=highlighted_text(doc.text, spans))


def write_documents(idx: GraphIndex, out: Path) -> list[Path]:
    """One page per source document under ``out/docs``; none when the graph carries no texts."""
    docs = sorted(d for d, info in idx.documents.items() if info.text)
    if not docs:
        return []
    folder = out / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    kinds, titles = _span_kinds(idx), _span_titles(idx)
    by_document: dict[str, list[AnnotationInfo]] = defaultdict(list)
    for a in idx.annotations.values():
        by_document[a.document].append(a)
    written = []
    for d in docs:
        path = folder / f"{document_slug(d)}.html"
        path.write_text(render_document(idx, d, kinds, titles, by_document[d]), encoding="utf-8")
        written.append(path)
    return written
