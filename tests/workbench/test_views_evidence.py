"""From every view to the words: document pages, detail panels, and views that scale.

A document page holds every annotation of its document, anchored, with the exact quote at the
anchor; a view's detail panels cite those anchors; a view of many minutes draws at most its limit
of nodes by default; text from documents stays text. The browser checks run headless Chromium and
are skipped, with the reason, only when it is not installed.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from kg.workbench.network import NETWORKS, index_graph, load_graph
from kg.workbench.views import DRAWN_MAX, anchor_id, document_slug, highlighted_text, write_views
from tests.workbench.test_views import needs_chromium, open_in_chromium

TESTS = Path(__file__).parent.parent


class Anchors(HTMLParser):
    """The text of every ``data-a`` span of a page, its pieces joined in document order, and the ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "span":
            self.open.append(a.get("data-a"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for anchor in set(self.open) - {None}:
            self.text[anchor] = self.text.get(anchor, "") + data


def anchors_of(path: Path) -> Anchors:
    parser = Anchors()
    parser.feed(path.read_text("utf-8"))
    return parser


def block(path: Path, name: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', path.read_text("utf-8"), re.S)
    assert m, f"{path.name}: no {name} block"
    return json.loads(m.group(1))


# ---------------------------------------------------------------------------------------------
# Document pages
# ---------------------------------------------------------------------------------------------

def test_every_document_has_a_page(index, out: Path) -> None:
    assert index.documents, "the sample graph carries document texts"
    pages = {p.name for p in (out / "docs").iterdir()}
    assert pages == {f"{document_slug(d)}.html" for d, info in index.documents.items() if info.text}
    listing = (out / "index.html").read_text("utf-8")
    for name in pages:
        assert f'href="docs/{name}"' in listing


def test_document_page_holds_every_annotation_with_its_exact_words(index, out: Path) -> None:
    assert index.annotations, "the sample graph carries annotations"
    for doc_iri, doc in index.documents.items():
        found = anchors_of(out / "docs" / f"{document_slug(doc_iri)}.html")
        mine = [a for a in index.annotations.values() if a.document == doc_iri]
        assert mine, doc.identifier
        for a in mine:
            anchor = anchor_id(a.iri)
            assert anchor in found.ids, (doc.identifier, a.iri)
            assert found.text.get(anchor) == a.exact, (doc.identifier, a.iri)


def test_spans_are_coloured_by_kind(out: Path, index) -> None:
    assert index.annotations, "the sample graph carries annotations"
    text = "".join(p.read_text("utf-8") for p in (out / "docs").iterdir())
    for kind in ("person", "organisation", "role", "item", "decision"):
        assert f'class="f k-{kind}"' in text, kind


@pytest.mark.parametrize("spans", [
    [(0, 10, "a", "item", ""), (2, 5, "b", "person", "")],                # nested
    [(0, 6, "a", "item", ""), (3, 9, "b", "person", "")],                 # crossing
    [(0, 4, "a", "item", ""), (0, 4, "b", "person", ""), (4, 8, "c", "role", "")],
    [(1, 9, "a", "decision", ""), (2, 4, "b", "person", ""), (3, 7, "c", "role", "")],
])
def test_highlighted_text_keeps_every_span_whole(spans) -> None:
    text = "<b>&'\"xyz0123"
    parser = Anchors()
    parser.feed(str(highlighted_text(text, spans)))
    assert "".join(t for t in [text]) == text
    for start, end, anchor, _, _ in spans:
        assert anchor in parser.ids
        assert parser.text[anchor] == text[start:end], anchor
    assert "<b>" not in str(highlighted_text(text, spans))


# ---------------------------------------------------------------------------------------------
# Detail panels
# ---------------------------------------------------------------------------------------------

def test_collaboration_edge_details_link_to_the_evidence_sentence(index, out: Path) -> None:
    page = out / "collaboration.html"
    data, details = block(page, "graph-data"), block(page, "graph-details")
    stated = [(e, s) for e in data["edges"] for s in details["edges"][e["id"]] if s["title"] == "Stated collaboration"]
    assert stated, "the sample graph carries stated collaboration"
    for edge, section in stated:
        anchors = section["rows"][0]["a"]
        assert anchors, edge
        for anchor in anchors:
            href, quote = details["quotes"][anchor]
            path, fragment = urldefrag(href)
            assert fragment == anchor
            words = anchors_of(out / path).text[anchor]
            assert quote == words or (quote.endswith("…") and words.startswith(quote[:-1].rstrip()))
            a = next(x for x in index.annotations.values() if anchor_id(x.iri) == anchor)
            assert words == a.exact


def test_person_details_list_roles_organisations_items_and_decisions(index, out: Path) -> None:
    details = block(out / "people_organisations.html", "graph-details")
    sections = {s["title"] for rows in details["nodes"].values() for s in rows}
    assert {"Roles in meetings", "Organisations"} <= sections
    presenters = block(out / "presenters.html", "graph-details")
    assert "Items presented" in {s["title"] for rows in presenters["nodes"].values() for s in rows}
    assert "Decisions of their meetings" in sections
    assert block(out / "people_organisations.html", "graph-decisions")["decisions"]


def test_rows_many_panels_list_are_written_once(index, out: Path) -> None:
    assert index.decisions, "the sample graph carries decisions"
    details = block(out / "people_organisations.html", "graph-details")
    refs = [r["r"] for rows in details["nodes"].values() for s in rows for r in s["rows"] if "r" in r]
    assert refs and set(refs) == set(range(len(details["shared"])))     # every shared row used, none missing
    assert len(refs) > len(details["shared"])                           # and some used more than once
    assert len({(r["t"], tuple(r["a"])) for r in details["shared"]}) == len(details["shared"])   # each once


@pytest.mark.parametrize("part", ["graph-details", "graph-decisions"])
def test_every_cited_anchor_exists_in_its_document(out: Path, part: str) -> None:
    for name in NETWORKS:
        found = block(out / f"{name}.html", part)
        quotes = found["quotes"]
        rows = [r for rows in found.get("nodes", {}).values() for s in rows for r in s["rows"]]
        rows += [r for rows in found.get("edges", {}).values() for s in rows for r in s["rows"]]
        cited = {a for r in rows + found.get("shared", []) + found.get("decisions", []) for a in r.get("a", [])}
        assert cited == set(quotes), name        # every anchor a row cites is quoted, and no other
        pages: dict[str, Anchors] = {}
        for anchor, (href, _) in quotes.items():
            path, fragment = urldefrag(href)
            pages.setdefault(path, anchors_of(out / path))
            assert fragment == anchor and anchor in pages[path].ids, (name, href)


def test_tooltips_say_roles_and_counts_and_meetings_keep_their_date(index, out: Path) -> None:
    data = block(out / "people_organisations.html", "graph-data")
    for n in data["nodes"]:
        assert "link(s)" not in n["title"]
        if n["kind"] == "meeting" and n["dates"]:
            assert n["label"].endswith(n["dates"][0]), n["label"]
    attendees = [n for n in data["nodes"] if n["kind"] == "person" and "attendee" in n["title"]]
    assert attendees and all(re.search(r"in \d+ meetings?: ", n["title"]) for n in attendees)


# ---------------------------------------------------------------------------------------------
# Untrusted text in documents
# ---------------------------------------------------------------------------------------------

HOSTILE_DOC = """
@prefix mg:      <https://w3id.org/motesgraf/ontology#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix id:      <https://w3id.org/motesgraf/id/> .

id:doc-1 a mg:SourceDocument ; dcterms:identifier "<img src=x onerror=alert(7)>.txt" ;
    mg:sourceText "Deltagare: <script>alert(6)</script> och </span><b>Bo</b>" .
id:m a mg:Meeting ; prov:wasDerivedFrom id:doc-1 ; mg:attendee id:p ; mg:heldBy id:o .
id:o a <http://www.w3.org/ns/org#Organization> ; foaf:name "Nämnden" .
id:p a foaf:Person ; foaf:name "<script>alert(6)</script>" .
id:s a rdf:Statement ; rdf:subject id:m ; rdf:predicate mg:attendee ; rdf:object id:p ; mg:evidence id:a .
id:a a oa:Annotation ; oa:hasBody id:p ; oa:hasTarget id:t .
id:t oa:hasSource id:doc-1 ; oa:hasSelector id:pos , id:q .
id:pos oa:start 11 ; oa:end 36 .
id:q oa:exact "<script>alert(6)</script>" .
"""


def test_document_text_and_names_stay_text(tmp_path: Path) -> None:
    ttl = tmp_path / "hostile.ttl"
    ttl.write_text(HOSTILE_DOC, encoding="utf-8")
    write_views(load_graph(ttl), tmp_path / "v")
    page = tmp_path / "v" / "docs" / "doc-1.html"
    text = page.read_text("utf-8")
    for payload in ("<script>alert(6)", "<img src=x", "</span><b>"):
        assert payload not in text
    assert anchors_of(page).text[anchor_id("https://w3id.org/motesgraf/id/a")] == "<script>alert(6)</script>"
    for name in NETWORKS:
        assert "<script>alert(6)" not in (tmp_path / "v" / f"{name}.html").read_text("utf-8")


# ---------------------------------------------------------------------------------------------
# Views that scale
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The views of 300 synthetic minutes."""
    from bench.synth import write_corpus
    from kg import pipeline

    folder = tmp_path_factory.mktemp("synth")
    write_corpus(300, folder / "minutes")
    result = pipeline.build([folder / "minutes"])
    write_views(index_graph(result.graph), folder / "views", "300 synthetic minutes")
    return folder / "views"


def default_drawing(data: dict) -> set[str]:
    """What a page draws with no search or filter: the ``limit`` nodes of lowest rank (the
    best-linked, each with a few neighbours)."""
    return {n["id"] for n in data["nodes"] if n["rank"] < data["limit"]}


def test_a_view_of_300_minutes_draws_at_most_500_nodes(synthetic: Path) -> None:
    biggest = 0
    for name in NETWORKS:
        data = block(synthetic / f"{name}.html", "graph-data")
        assert data["limit"] == DRAWN_MAX <= 500
        assert sorted(n["rank"] for n in data["nodes"]) == list(range(len(data["nodes"])))
        drawn = default_drawing(data)
        assert len(drawn) <= 500
        linked = {x for e in data["edges"] if e["from"] in drawn and e["to"] in drawn for x in (e["from"], e["to"])}
        assert linked == drawn, f"{name}: drawn nodes without a drawn link"
        biggest = max(biggest, len(data["nodes"]))
    assert biggest > 500, "the synthetic corpus should need the limit"
    assert "drawn first" in (synthetic / "index.html").read_text("utf-8")


@needs_chromium
def test_a_view_of_300_minutes_draws_at_most_500_nodes_in_chromium(synthetic: Path, tmp_path: Path) -> None:
    page = synthetic / "people_organisations.html"
    total = len(block(page, "graph-data")["nodes"])
    attrs, _, log = open_in_chromium(page.as_uri(), tmp_path / "profile", 60000)
    assert attrs.get("data-errors") == "0", attrs.get("data-error-text")
    assert attrs.get("data-ready") == "1"
    assert int(attrs["data-nodes"]) <= 500
    assert int(attrs["data-nodes"]) + int(attrs["data-hidden-nodes"]) == total


@needs_chromium
def test_focus_shows_one_node_and_its_neighbours(index, out: Path, tmp_path: Path) -> None:
    g = NETWORKS["people_organisations"](index)
    person = max((n for n, a in g.nodes(data=True) if a["kind"] == "person"), key=lambda n: (g.degree(n), n))
    expected = 1 + len(set(g.successors(person)) | set(g.predecessors(person)))
    url = (out / "people_organisations.html").as_uri() + "?focus=" + person.split("/id/")[-1]
    attrs, dom, _ = open_in_chromium(url, tmp_path / "profile")
    assert attrs.get("data-focus") == person
    assert attrs.get("data-visible-nodes") == str(expected)
    assert attrs.get("data-detail") == f"node:{person}"


@needs_chromium
def test_two_clicks_lead_from_a_collaboration_edge_to_its_sentence(index, out: Path) -> None:
    """In a real browser, as a user does it: one click on a link of the collaboration view opens
    its details; one click on the evidence link there opens the document page at the sentence,
    marked and scrolled into view."""
    from tests.browser import Browser

    page = out / "collaboration.html"
    data, details = block(page, "graph-data"), block(page, "graph-details")
    stated = [e["id"] for e in data["edges"]
              if any(s["title"] == "Stated collaboration" for s in details["edges"][e["id"]])]
    assert stated, "the sample graph carries stated collaboration"
    with Browser(1280, 800) as browser:
        browser.open(page.as_uri())
        browser.wait_for("document.body.getAttribute('data-ready') === '1'")
        edge = browser.click_edge(stated)
        assert browser.wait_for("document.body.getAttribute('data-detail')", 10) == f"edge:{edge}"
        href = browser.evaluate("document.querySelector('#details a.evidence').getAttribute('href')")
        assert href in {details["quotes"][a][0] for s in details["edges"][edge] for r in s["rows"] for a in r["a"]}

        browser.click_element("#details a.evidence")
        browser.follow_new_tab()
        path, fragment = urldefrag(href)
        assert browser.evaluate("location.href") == (out / path).as_uri() + "#" + fragment
        shown = browser.evaluate(f"""(function () {{
          var marked = document.querySelectorAll('.f.at[data-a="{fragment}"]'), first = document.getElementById("{fragment}");
          var r = first.getBoundingClientRect();
          return {{ words: Array.prototype.map.call(marked, function (m) {{ return m.textContent; }}),
                    inView: r.top >= 0 && r.bottom <= window.innerHeight, outline: getComputedStyle(first).outlineStyle }};
        }})()""")
        assert browser.console == []
    a = next(x for x in index.annotations.values() if anchor_id(x.iri) == fragment)
    assert shown["words"] and shown["words"][0].startswith(a.exact[:20])
    parser = Anchors()
    parser.feed((out / path).read_text("utf-8"))
    assert parser.text[fragment] == a.exact             # the marked span holds the sentence's exact words
    assert shown["inView"] and shown["outline"] == "solid"


HIGHLIGHT_PROBE = """<script>
document.addEventListener("DOMContentLoaded", function () {
  var timer = setInterval(function () {
    if (document.body.getAttribute("data-ready") !== "1") { return; }
    clearInterval(timer);
    var net = window.__mgNetwork, nodes = net.body.data.nodes;
    net.body.emitter.emit("click", { nodes: [NODE], edges: [], pointer: {} });
    var dimmed = function () { return nodes.get().filter(function (n) { return /rgba\\(190/.test(String(n.color)); }).length; };
    document.body.setAttribute("data-dimmed-after-click", String(dimmed()));
    var search = document.getElementById("search");
    search.value = QUERY;
    search.dispatchEvent(new Event("input"));
    document.body.setAttribute("data-dimmed-after-search", String(dimmed()));
  }, 50);
});
</script>"""


@needs_chromium
def test_a_search_clears_the_click_highlight(index, out: Path, tmp_path: Path) -> None:
    page = out / "collaboration.html"
    data = block(page, "graph-data")
    node = min(data["nodes"], key=lambda n: n["rank"])
    probe = page.with_suffix(".highlight.html")
    script = HIGHLIGHT_PROBE.replace("NODE", json.dumps(node["id"])).replace("QUERY", json.dumps(node["name"][:4]))
    probe.write_text(page.read_text("utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    attrs, _, _ = open_in_chromium(probe.as_uri(), tmp_path / "profile")
    assert int(attrs["data-dimmed-after-click"]) > 0
    assert attrs["data-dimmed-after-search"] == "0"
