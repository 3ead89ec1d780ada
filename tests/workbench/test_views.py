"""The network views: files, offline pages, node counts, escaping, and a real browser.

The browser checks run headless Chromium (Debian package ``chromium``) on each page and read back
what the page itself records on ``<body>``: ``data-ready`` once the layout is frozen,
``data-nodes`` / ``data-visible-nodes`` from the vis DataSet, ``data-errors`` from script and
console errors. They are skipped, with the reason, only when Chromium is not installed.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.workbench.network import NETWORKS, load_graph
from kg.workbench.views import VIEWS, render_view, write_views

TESTS = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless browser check needs Chromium (apt-get install chromium)"
)

# Names and titles are text from documents: these must stay text on every page.
HOSTILE_TTL = """
@prefix mg:           <https://w3id.org/motesgraf/ontology#> .
@prefix foaf:         <http://xmlns.com/foaf/0.1/> .
@prefix org:          <http://www.w3.org/ns/org#> .
@prefix dcterms:      <http://purl.org/dc/terms/> .
@prefix skos:         <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:          <http://www.w3.org/2001/XMLSchema#> .
@prefix person:       <https://w3id.org/motesgraf/id/person/> .
@prefix organisation: <https://w3id.org/motesgraf/id/org/> .
@prefix meeting:      <https://w3id.org/motesgraf/id/meeting/> .
@prefix item:         <https://w3id.org/motesgraf/id/item/> .

person:x a foaf:Person ; foaf:name "<script>alert(1)</script>" ; org:memberOf organisation:sof .
organisation:sof a org:Organization ; skos:prefLabel "Socialförvaltningen <img src=x onerror=alert(2)>" ;
    skos:altLabel "SOF\\" onmouseover=\\"alert(3)" .
organisation:amf a org:Organization ; skos:prefLabel "Arbetsmarknadsförvaltningen & 'Fritid' <svg onload=alert(5)>" .
meeting:m a mg:Meeting ; dcterms:date "2021-03-04"^^xsd:date ; mg:heldBy organisation:sof ;
    mg:attendee person:x ; mg:hasAgendaItem item:m-1 .
item:m-1 a mg:AgendaItem ; dcterms:title "</script><script>alert(4)</script>" ;
    mg:presenter person:x ; mg:mentions organisation:sof , organisation:amf .
"""
HOSTILE_NODES = {"collaboration": 2, "presenters": 3, "people_organisations": 3}
PAYLOADS = ("<script>alert(1)", "<img src=x", 'onmouseover="alert', "<script>alert(4)", "<svg onload")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    ttl = folder / "hostile.ttl"
    ttl.write_text(HOSTILE_TTL, encoding="utf-8")
    write_views(load_graph(ttl), folder / "views")
    return folder / "views"


def page_data(path: Path) -> dict:
    """The nodes, edges and options a page hands to vis-network (its JSON block)."""
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', path.read_text("utf-8"), re.S)
    assert m, f"{path.name}: no graph-data block"
    return json.loads(m.group(1))


def fold(text: str) -> str:
    """Lower case without diacritics: what the page's search compares."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------
# Files and content
# ---------------------------------------------------------------------------------------------

def test_every_view_and_the_index_are_written(out: Path) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{v.name}.html" for v in VIEWS] + ["index.html", "docs"])
    assert all(p.suffix == ".html" for p in (out / "docs").iterdir())
    index_html = (out / "index.html").read_text("utf-8")
    for v in VIEWS:
        assert f'href="{v.name}.html"' in index_html
        assert html.escape(v.title) in index_html


@pytest.mark.parametrize("name", [v.name for v in VIEWS] + ["index"])
def test_pages_load_nothing_from_the_network(out: Path, name: str) -> None:
    text = (out / f"{name}.html").read_text("utf-8")
    external = re.findall(r"<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=", text, re.I)
    assert external == [], f"{name}: external resource tags {external[:3]}"
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text, re.I)
    assert not re.search(r"@import", text, re.I)
    if name != "index":
        assert "vis.Network" in text and "DataSet" in text      # the library is inlined


@pytest.mark.parametrize("name", [v.name for v in VIEWS])
def test_page_holds_exactly_the_networkx_graph(index, out: Path, name: str) -> None:
    g = NETWORKS[name](index)
    data = page_data(out / f"{name}.html")
    assert [n["id"] for n in data["nodes"]] == list(g.nodes)
    assert len(data["edges"]) == g.number_of_edges()
    assert {(e["from"], e["to"]) for e in data["edges"]} == set(g.edges)
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])


def test_sample_graph_gives_non_empty_views(index) -> None:
    for name, build in NETWORKS.items():
        g = build(index)
        assert g.number_of_nodes() > 0 and g.number_of_edges() > 0, name


def test_collaboration_tooltip_lists_the_shared_items(index, out: Path) -> None:
    g = NETWORKS["collaboration"](index)
    u, v, a = max(g.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1]))
    edge = next(e for e in page_data(out / "collaboration.html")["edges"] if (e["from"], e["to"]) == (u, v))
    assert edge["value"] == a["weight"]
    for record in a["items"][:5]:
        assert record["title"] in edge["title"]


def test_legend_counts_the_kinds_in_the_view(out: Path) -> None:
    data = page_data(out / "people_organisations.html")
    text = (out / "people_organisations.html").read_text("utf-8")
    kinds = {n["kind"] for n in data["nodes"]}
    for kind in kinds:
        count = sum(n["kind"] == kind for n in data["nodes"])
        assert re.search(rf'value="{kind}" checked>.*?\({count}\)</span>', text), kind


def test_output_is_deterministic(index, out: Path, tmp_path: Path) -> None:
    write_views(index, tmp_path, "sample graph")
    for path in out.rglob("*.html"):
        again = tmp_path / path.relative_to(out)
        assert again.read_bytes() == path.read_bytes(), path.name


def test_large_views_freeze_faster_layouts() -> None:
    big = nx.path_graph(1200)
    nx.set_node_attributes(big, {n: f"Förvaltning {n}" for n in big}, "label")
    nx.set_node_attributes(big, "administration", "kind")
    nx.relabel_nodes(big, {n: f"https://w3id.org/motesgraf/id/org/o{n}" for n in big}, copy=False)
    text = render_view(VIEWS[0], big)
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', text, re.S).group(1))
    assert len(data["nodes"]) == 1200
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 200
    assert data["options"]["layout"]["improvedLayout"] is False
    assert data["options"]["edges"]["smooth"] is False


# ---------------------------------------------------------------------------------------------
# Untrusted text
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [v.name for v in VIEWS] + ["index"])
def test_names_from_documents_never_appear_as_markup(hostile: Path, name: str) -> None:
    text = (hostile / f"{name}.html").read_text("utf-8")
    for payload in PAYLOADS:
        assert payload not in text, f"{name}: {payload!r} written unescaped"


def test_escaping_keeps_the_names_exact(hostile: Path) -> None:
    nodes = {n["id"]: n for n in page_data(hostile / "people_organisations.html")["nodes"]}
    assert nodes["https://w3id.org/motesgraf/id/person/x"]["name"] == "<script>alert(1)</script>"
    sof = nodes["https://w3id.org/motesgraf/id/org/sof"]
    assert sof["name"] == "Socialförvaltningen <img src=x onerror=alert(2)>"
    assert sof["alt_labels"] == ['SOF" onmouseover="alert(3)']
    assert sof["title"].startswith(sof["name"] + "\n")
    item = page_data(hostile / "presenters.html")["nodes"]
    assert "</script><script>alert(4)</script>" in {n["name"] for n in item}


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

def test_cli_writes_the_views_and_nothing_else(graph_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["views", "--graph", str(graph_path), "--out", "v"]) == 0
    printed = capsys.readouterr().out.split()
    views = [Path(p).name for p in printed if Path(p).parent.name != "docs"]
    assert views == [f"{v.name}.html" for v in VIEWS] + ["index.html"]
    assert all(Path(p).parent == Path("v") / "docs" for p in printed if Path(p).parent.name == "docs")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"]      # pyvis's lib/ is not written


@pytest.mark.parametrize("content, reason", [(None, "no such file"), ("@prefix : <x> . :a :b", "cannot parse")])
def test_cli_reports_an_unusable_graph_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   content: str | None, reason: str) -> None:
    graph = tmp_path / "graph.ttl"
    if content is not None:
        graph.write_text(content, encoding="utf-8")
    assert main(["views", "--graph", str(graph), "--out", str(tmp_path / "v")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"kg: error: {graph}: {reason}") and "\n" not in err
    assert not (tmp_path / "v").exists()


# ---------------------------------------------------------------------------------------------
# In a real browser
# ---------------------------------------------------------------------------------------------

def open_in_chromium(url: str, profile: Path, budget_ms: int = 30000) -> tuple[dict[str, str], str, str]:
    """Load ``url`` headless; returns the <body> attributes, the DOM as serialised, and the log."""
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         f"--virtual-time-budget={budget_ms}", "--dump-dom", url],
        capture_output=True, text=True, timeout=240,
    )
    body = re.search(r"<body([^>]*)>", proc.stdout)
    assert body, f"no page for {url}: {proc.stderr[-2000:]}"
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))
    return attrs, proc.stdout, proc.stderr


def console_messages(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


@needs_chromium
@pytest.mark.parametrize("name", [v.name for v in VIEWS])
def test_view_runs_in_chromium(index, out: Path, tmp_path: Path, name: str) -> None:
    attrs, _, log = open_in_chromium((out / f"{name}.html").as_uri(), tmp_path / "profile")
    g = NETWORKS[name](index)
    assert console_messages(log) == []
    assert attrs.get("data-errors") == "0", attrs.get("data-error-text")
    assert attrs.get("data-ready") == "1", "layout never stabilised and froze"
    assert attrs.get("data-nodes") == str(g.number_of_nodes())
    assert attrs.get("data-edges") == str(g.number_of_edges())
    assert attrs.get("data-visible-nodes") == str(g.number_of_nodes())


@needs_chromium
def test_index_opens_in_chromium(out: Path, tmp_path: Path) -> None:
    _, dom, log = open_in_chromium((out / "index.html").as_uri(), tmp_path / "profile", 2000)
    assert console_messages(log) == []
    assert dom.count("<li>") == len(VIEWS)


def search_oracle(g: nx.Graph, query: str) -> int:
    """Nodes the search shows: those whose name (or another name) contains it, and their neighbours."""
    u = g.to_undirected(as_view=True)
    q = fold(query)
    matched = {n for n, a in g.nodes(data=True) if q in fold("\x01".join([a["label"], *a.get("alt_labels", [])]))}
    return len(matched | {m for n in matched for m in u.neighbors(n)})


@needs_chromium
@pytest.mark.parametrize("name, query", [
    ("collaboration", "Socialförvaltningen"),
    ("collaboration", "SOF"),                 # an abbreviation: found through skos:altLabel
    ("collaboration", "SOCIALFORVALTNINGEN"),  # case and diacritics do not matter
    ("people_organisations", "Lundberg"),
])
def test_search_in_chromium_shows_matches_and_neighbours(index, out: Path, tmp_path: Path,
                                                        name: str, query: str) -> None:
    g = NETWORKS[name](index)
    expected = search_oracle(g, query)
    assert expected > 0, "the sample graph should have a match"
    url = (out / f"{name}.html").as_uri() + "?q=" + query
    attrs, _, log = open_in_chromium(url, tmp_path / "profile")
    assert console_messages(log) == [] and attrs.get("data-errors") == "0"
    assert attrs.get("data-visible-nodes") == str(expected)


@needs_chromium
@pytest.mark.parametrize("year", ["2017", "2020", "2022"])
def test_date_range_in_chromium_hides_other_years(index, out: Path, tmp_path: Path, year: str) -> None:
    g = NETWORKS["collaboration"](index)
    expected = sum(any(d.startswith(year) for d in a["dates"]) for _, a in g.nodes(data=True))
    url = (out / "collaboration.html").as_uri() + f"?from={year}-01-01&to={year}-12-31&undated=0"
    attrs, _, _ = open_in_chromium(url, tmp_path / "profile")
    assert attrs.get("data-visible-nodes") == str(expected)


@needs_chromium
@pytest.mark.parametrize("name", [v.name for v in VIEWS])
def test_hostile_names_do_not_run_in_chromium(hostile: Path, tmp_path: Path, name: str) -> None:
    page = hostile / f"{name}.html"
    text = page.read_text("utf-8")
    # Any injected script would call alert(); make alert leave a mark the DOM dump shows.
    probe = ("<script>window.alert = function (m) { document.documentElement.setAttribute('data-alerted', String(m)); };"
             # the search box's first focus fills its list of names
             "window.addEventListener('load', function () { document.getElementById('search').focus(); });</script>")
    page.with_suffix(".probe.html").write_text(text.replace("<head>", "<head>" + probe, 1), encoding="utf-8")
    attrs, dom, log = open_in_chromium(page.with_suffix(".probe.html").as_uri(), tmp_path / "profile")
    assert not re.search(r"<html[^>]*data-alerted", dom), "an injected script ran"
    assert not re.search(r"<img[^>]*src=\"?x", dom)
    assert attrs.get("data-errors") == "0" and console_messages(log) == []
    assert attrs.get("data-nodes") == str(HOSTILE_NODES[name])
    names = {n["name"] for n in page_data(page)["nodes"]}
    assert sorted(html.unescape(v) for v in re.findall(r'<option value="([^"]*)"', dom)) == sorted(names)


def test_hostile_graph_networks_have_the_expected_shape(hostile: Path) -> None:
    g = load_graph(hostile.parent / "hostile.ttl")
    assert {name: build(g).number_of_nodes() for name, build in NETWORKS.items()} == HOSTILE_NODES
