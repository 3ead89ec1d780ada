"""Network analysis (kg.workbench.analyze): measures with answers worked out by hand, the report, the exports."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.workbench.analyze import (
    analyse,
    blank_node_names,
    centralities,
    collaboration_timeline,
    communities,
    export_jsonld,
    render_report,
    write_analysis,
)
from kg.workbench.network import collaboration_network, load_graph

TESTS = Path(__file__).parent.parent
ORG = "https://w3id.org/motesgraf/id/org/"

# Two triangles of organisations joined through Karlstads universitet:
#   {SOF, AMF, SFF} -- SFF -- KAU -- Bjuv -- {Bjuv, Helsingborg, Region Skåne}
# Items 1-2 are at a meeting on 2020-02-04, item 3 on 2020-03-10, items 4-5 on 2021-05-06.
BRIDGE = """
@prefix mg:           <https://w3id.org/motesgraf/ontology#> .
@prefix org:          <http://www.w3.org/ns/org#> .
@prefix dcterms:      <http://purl.org/dc/terms/> .
@prefix skos:         <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:          <http://www.w3.org/2001/XMLSchema#> .
@prefix oa:           <http://www.w3.org/ns/oa#> .
@prefix foaf:         <http://xmlns.com/foaf/0.1/> .
@prefix person:       <https://w3id.org/motesgraf/id/person/> .
@prefix organisation: <https://w3id.org/motesgraf/id/org/> .
@prefix meeting:      <https://w3id.org/motesgraf/id/meeting/> .
@prefix item:         <https://w3id.org/motesgraf/id/item/> .
@prefix doc:          <https://w3id.org/motesgraf/id/doc/> .

organisation:sof a org:Organization ; skos:prefLabel "Socialförvaltningen" .
organisation:amf a org:Organization ; skos:prefLabel "Arbetsmarknadsförvaltningen" .
organisation:sff a org:Organization ; skos:prefLabel "Skol- och fritidsförvaltningen" .
organisation:kau a org:Organization ; skos:prefLabel "Karlstads universitet" .
organisation:bjuv a org:Organization ; skos:prefLabel "Bjuvs kommun" .
organisation:hbg a org:Organization ; skos:prefLabel "Helsingborgs stad" .
organisation:skane a org:Organization ; skos:prefLabel "Region Skåne" .
person:lila a foaf:Person ; foaf:name "Lila Ericsson" .

meeting:m1 a mg:Meeting ; dcterms:date "2020-02-04"^^xsd:date ; mg:attendee person:lila ;
    mg:hasAgendaItem item:m1-1 , item:m1-2 .
meeting:m2 a mg:Meeting ; dcterms:date "2020-03-10"^^xsd:date ; mg:hasAgendaItem item:m2-1 .
meeting:m3 a mg:Meeting ; dcterms:date "2021-05-06"^^xsd:date ; mg:hasAgendaItem item:m3-1 , item:m3-2 .
item:m1-1 a mg:AgendaItem ; dcterms:title "Samverkan kring unga" ;
    mg:presenter person:lila ;
    mg:mentions organisation:sof , organisation:amf , organisation:sff .
item:m1-2 a mg:AgendaItem ; dcterms:title "Uppföljning | unga <script>" ; mg:mentions organisation:sof , organisation:amf .
item:m2-1 a mg:AgendaItem ; dcterms:title "Forskningssamarbete" ; mg:mentions organisation:sff , organisation:kau .
item:m3-1 a mg:AgendaItem ; dcterms:title "Följeforskning" ; mg:mentions organisation:kau , organisation:bjuv .
item:m3-2 a mg:AgendaItem ; dcterms:title "Regional samverkan" ;
    mg:mentions organisation:bjuv , organisation:hbg , organisation:skane .

[] a oa:Annotation ; oa:hasBody person:lila ;
   oa:hasTarget [ oa:hasSource doc:d ;
                  oa:hasSelector [ a oa:TextPositionSelector ; oa:start 10 ; oa:end 23 ] ,
                                 [ a oa:TextQuoteSelector ; oa:exact "Lila Ericsson" ] ] .
[] a oa:Annotation ; oa:hasBody person:lila ;
   oa:hasTarget [ oa:hasSource doc:d ;
                  oa:hasSelector [ a oa:TextPositionSelector ; oa:start 40 ; oa:end 44 ] ,
                                 [ a oa:TextQuoteSelector ; oa:exact "Lila" ] ] .
"""


@pytest.fixture(scope="module")
def bridge() -> Graph:
    return Graph().parse(data=BRIDGE, format="turtle")


@pytest.fixture(scope="module")
def bridge_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "bridge.ttl"
    path.write_text(BRIDGE, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------

def test_bridge_node_has_the_highest_betweenness() -> None:
    # A-B-C triangle, C-X-D path, D-E-F triangle. X lies on all 3*3 paths between the triangles:
    # 9 of the 15 pairs that exclude it. C lies on the paths from A and B to X, D, E, F: 8 of 15.
    g = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "X"), ("X", "D"), ("D", "E"), ("E", "F"), ("D", "F")])
    nx.set_node_attributes(g, {n: n for n in g}, "label")
    rows = {r.node: r for r in centralities(g)}
    assert rows["X"].betweenness == pytest.approx(9 / 15)
    assert rows["C"].betweenness == pytest.approx(8 / 15)
    assert rows["A"].betweenness == 0
    assert rows["C"].degree_centrality == pytest.approx(3 / 6)
    assert rows["X"].degree == 2
    assert centralities(g)[0].node == "X"


def test_broker_organisation_in_an_rdf_graph(bridge: Graph) -> None:
    ranked = centralities(collaboration_network(bridge))
    assert ranked[0].label == "Karlstads universitet"
    assert ranked[0].betweenness == pytest.approx(9 / 15)
    assert {r.label for r in ranked[1:3]} == {"Skol- och fritidsförvaltningen", "Bjuvs kommun"}


def test_communities_separate_the_two_triangles(bridge: Graph) -> None:
    groups = communities(collaboration_network(bridge))
    where = {n: i for i, c in enumerate(groups) for n in c}
    assert where[ORG + "sof"] == where[ORG + "amf"] == where[ORG + "sff"]
    assert where[ORG + "bjuv"] == where[ORG + "hbg"] == where[ORG + "skane"]
    assert where[ORG + "sof"] != where[ORG + "hbg"]
    assert sum(len(c) for c in groups) == 7


def test_communities_are_reproducible(bridge: Graph) -> None:
    g = collaboration_network(bridge)
    assert communities(g) == communities(g.copy())


def test_collaboration_over_time_counts_pairs_per_period(bridge: Graph) -> None:
    timeline, undated = collaboration_timeline(collaboration_network(bridge))
    # 2020: SOF-AMF, SOF-SFF, AMF-SFF (item m1-1; m1-2 repeats SOF-AMF) and SFF-KAU (m2-1).
    # 2021: KAU-Bjuv and the three pairs of Bjuv, Helsingborg, Region Skåne.
    assert timeline == {"year": {"2020": 4, "2021": 4},
                        "month": {"2020-02": 3, "2020-03": 1, "2021-05": 4}}
    assert undated == 0


def test_centralities_of_an_empty_graph() -> None:
    assert centralities(nx.Graph()) == [] and communities(nx.Graph()) == []


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

SECTIONS = [
    "# Network analysis", "## Summary", "## Collaboration between organisations",
    "### Most connected organisations", "### Brokers", "### Communities", "### Collaboration over time",
    "## People and organisations", "### People who connect", "### Organisations that connect",
    "## Who presents on what",
]


def test_report_has_every_section_in_order(bridge: Graph) -> None:
    lines = render_report(analyse(bridge), "bridge.ttl").splitlines()
    positions = [lines.index(s) for s in SECTIONS]
    assert positions == sorted(positions)


def test_report_tables_hold_the_measures(bridge: Graph) -> None:
    report = render_report(analyse(bridge), "bridge.ttl")
    brokers = report.split("### Brokers")[1].split("###")[0]
    assert "| 1 | Karlstads universitet | university | 2 | 0.333 | 0.600 |" in brokers
    assert "| 2020 | 4 |" in report and "| 2021-05 | 4 |" in report
    assert "| Lila Ericsson | 1 |  |" in report        # presented, but meeting m1 names no body


def test_report_never_writes_names_as_markup() -> None:
    hostile = BRIDGE.replace('"Socialförvaltningen"', '"SOF | <script>alert(1)</script>"')
    report = render_report(analyse(Graph().parse(data=hostile, format="turtle")))
    assert "<script>" not in report
    assert "SOF \\| &lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_report_of_the_sample_graph(sample_graph: Graph) -> None:
    analysis = analyse(sample_graph)
    report = render_report(analysis, "sample")
    for name, g in analysis.networks.items():
        assert g.number_of_nodes() > 0, name
    assert all(s in report for s in SECTIONS)
    collab = analysis.networks["collaboration"]
    assert f"| Collaboration between organisations | {collab.number_of_nodes()} | {collab.number_of_edges()} |" in report


@pytest.fixture(scope="module")
def sample_graph(request: pytest.FixtureRequest) -> Graph:
    """The shared sample graph when the suite provides one, else the hand-written fixture graph."""
    try:
        path = Path(request.getfixturevalue("sample_graph_path"))
    except pytest.FixtureLookupError:
        path = TESTS / "data" / "fixture_graph.ttl"
    return load_graph(path)


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def written(bridge: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analysis")
    write_analysis(bridge, out, "bridge.ttl")
    return out


@pytest.mark.parametrize("name", ["collaboration", "presenters", "people_organisations"])
@pytest.mark.parametrize("reader, suffix", [(nx.read_graphml, "graphml"), (nx.read_gexf, "gexf")])
def test_exports_read_back(bridge: Graph, written: Path, name: str, reader, suffix: str) -> None:
    back = reader(written / f"{name}.{suffix}")
    original = analyse(bridge).networks[name]
    assert set(back.nodes) == set(original.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in original.edges}
    assert back.is_directed() == original.is_directed()


def test_collaboration_export_carries_measures_for_gephi(written: Path) -> None:
    back = nx.read_graphml(written / "collaboration.graphml")
    assert back.nodes[ORG + "kau"]["betweenness"] == pytest.approx(0.6)
    assert back.nodes[ORG + "kau"]["label"] == "Karlstads universitet"
    assert back.edges[ORG + "amf", ORG + "sof"]["weight"] == 2
    assert back.edges[ORG + "amf", ORG + "sof"]["items"] == (
        "https://w3id.org/motesgraf/id/item/m1-1; https://w3id.org/motesgraf/id/item/m1-2")
    assert "community" in nx.read_gexf(written / "collaboration.gexf").nodes[ORG + "kau"]


def test_gexf_has_no_date_stamp(written: Path) -> None:
    assert "lastmodifieddate" not in (written / "collaboration.gexf").read_text("utf-8")


# GEXF for Gephi, read as XML from the samples: colours, sizes, time and the items behind each edge.
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture(scope="module")
def sample_gexf(sample_graph_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample-analysis")
    write_analysis(load_graph(sample_graph_path), out, "graph.ttl")
    return out


def _xml(path: Path) -> ET.Element:
    return ET.parse(path).getroot().find(f"{GEXF}graph")


def _attribute_ids(graph: ET.Element, cls: str) -> dict[str, str]:
    return {a.get("title"): a.get("id") for block in graph.findall(f"{GEXF}attributes")
            if block.get("class") == cls for a in block}


@pytest.mark.parametrize("name", ["collaboration", "presenters", "people_organisations"])
def test_gexf_is_dynamic_with_colours_and_sizes_by_degree(sample_gexf: Path, name: str) -> None:
    from kg.workbench.canvas import KIND_STYLE

    graph = _xml(sample_gexf / f"{name}.gexf")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    kind_id = _attribute_ids(graph, "node")["kind"]
    degree = {n.get("id"): 0 for n in graph.iter(f"{GEXF}node")}
    for e in graph.iter(f"{GEXF}edge"):
        degree[e.get("source")] += 1
        degree[e.get("target")] += 1
    sizes = {}
    for node in graph.iter(f"{GEXF}node"):
        kind = next(v.get("value") for v in node.iter(f"{GEXF}attvalue") if v.get("for") == kind_id)
        colour = node.find(f"{VIZ}color")
        hex_colour = "#" + "".join(f"{int(colour.get(c)):02x}" for c in "rgb")
        assert hex_colour == KIND_STYLE.get(kind, ("#7f7f7f",))[0], (node.get("id"), kind)
        sizes[node.get("id")] = float(node.find(f"{VIZ}size").get("value"))
    hubs = [n for n in degree if degree[n] == max(degree.values())]
    assert sizes[hubs[0]] == max(sizes.values()) == 30.0
    assert all(sizes[a] <= sizes[b] for a in degree for b in degree if degree[a] < degree[b])


def test_gexf_edges_carry_meeting_dates_and_item_iris(sample_gexf: Path) -> None:
    graph = _xml(sample_gexf / "collaboration.gexf")
    items_id = _attribute_ids(graph, "edge")["items"]
    edges = list(graph.iter(f"{GEXF}edge"))
    spelled = [e for e in edges if e.find(f"{GEXF}spells") is not None]
    assert len(spelled) > len(edges) / 2      # the samples' undated items (or stated pairs) have no time
    for edge in edges:
        spells = [(s.get("start"), s.get("end")) for s in edge.iter(f"{GEXF}spell")]
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", a) and a == b for a, b in spells)
        evidence = next(v.get("value") for v in edge.iter(f"{GEXF}attvalue") if v.get("for") == items_id)
        iris = evidence.split("; ")
        assert len(iris) == int(edge.get("weight", 1))
        assert all(i.startswith("https://w3id.org/motesgraf/id/") and " " not in i for i in iris), evidence
    dated = [n for n in graph.iter(f"{GEXF}node") if n.get("start")]
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", n.get("start")) for n in dated)


def test_gexf_time_matches_the_network(bridge: Graph, written: Path) -> None:
    back = nx.read_gexf(written / "collaboration.gexf")
    assert back.graph["mode"] == "dynamic"
    assert back.edges[ORG + "kau", ORG + "sff"]["spells"] == [("2020-03-10", "2020-03-10")]
    assert back.nodes[ORG + "sof"]["start"] == "2020-02-04"
    size = {n: back.nodes[ORG + n]["viz"]["size"] for n in ("sff", "bjuv", "kau")}
    assert size["sff"] == size["bjuv"] == 30.0 > size["kau"]      # 3 links, 3 links, 2 links


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")   # rdflib's own parser
def test_jsonld_reads_back_as_the_same_graph(bridge: Graph, written: Path) -> None:
    back = Graph().parse(written / "graph.jsonld", format="json-ld")
    assert len(back) == len(bridge)
    assert isomorphic(back, bridge)
    context = json.loads((written / "graph.jsonld").read_text("utf-8"))["@context"]
    assert "brick" not in context and context["mg"] == "https://w3id.org/motesgraf/ontology#"


def test_jsonld_is_the_same_whatever_the_blank_node_ids(tmp_path: Path) -> None:
    # Each parse gives the annotations' blank nodes new random ids.
    a, b = (Graph().parse(data=BRIDGE, format="turtle") for _ in range(2))
    assert set(a.all_nodes()) != set(b.all_nodes())
    export_jsonld(a, tmp_path / "a.jsonld")
    export_jsonld(b, tmp_path / "b.jsonld")
    assert (tmp_path / "a.jsonld").read_bytes() == (tmp_path / "b.jsonld").read_bytes()


def test_blank_nodes_with_different_content_get_different_names(bridge: Graph) -> None:
    names = blank_node_names(list(bridge))
    assert len(names) == 8                       # 2 annotations x (annotation, target, 2 selectors)
    assert len(set(names.values())) == 8


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None, reason="plots need matplotlib")
def test_plots_are_png(written: Path) -> None:
    for name in ("collaboration_over_time.png", "collaboration_network.png"):
        assert (written / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_links_every_file_written(written: Path) -> None:
    report = (written / "report.md").read_text("utf-8")
    files = sorted(p.name for p in written.iterdir() if p.name != "report.md")
    assert files and all(f"]({f})" in report for f in files)


def test_outputs_do_not_depend_on_hash_seed(bridge_file: Path, tmp_path: Path) -> None:
    code = "import sys; from kg.workbench.analyze import write_analysis; from kg.workbench.network import load_graph; " \
           "write_analysis(load_graph(sys.argv[1]), sys.argv[2], 'bridge.ttl')"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, "-c", code, str(bridge_file), str(tmp_path / seed)],
                       check=True, env=env, cwd=TESTS.parent, timeout=300)
    for path in sorted((tmp_path / "1").iterdir()):
        assert path.read_bytes() == (tmp_path / "2" / path.name).read_bytes(), path.name


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

def test_cli_prints_the_report(bridge_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--graph", str(bridge_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Network analysis") and "Karlstads universitet" in out
    assert "## Files" not in out


def test_cli_writes_report_and_exports(bridge_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--graph", str(bridge_file), "--out", str(tmp_path)]) == 0
    printed = [Path(p).name for p in capsys.readouterr().out.split()]
    assert printed[0] == "report.md" and "graph.jsonld" in printed
    assert {"collaboration.graphml", "collaboration.gexf"} <= set(printed)
    assert all((tmp_path / p).is_file() for p in printed)


def test_cli_missing_graph_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--graph", str(tmp_path / "nope.ttl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: {tmp_path / 'nope.ttl'}: no such file;") and err.count("\n") == 1
