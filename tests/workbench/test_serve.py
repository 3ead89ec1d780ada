"""``kg serve``: a real Oxigraph server on a free port, asked over HTTP as a browser or a script would."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import cli
from kg.workbench import serve, start_page
from kg.workbench.query import get_saved, list_saved, load_graph
from tests.browser import CHROMIUM, Browser

ROOT = Path(__file__).resolve().parents[2]
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy

pytestmark = pytest.mark.skipif(
    not (Path(sys.executable).parent / "oxigraph").exists() and not shutil.which("oxigraph"),
    reason="the oxigraph server (pip install oxigraph) is not installed",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def select(endpoint: str, query: str, method: str = "GET") -> list[dict[str, str]]:
    accept = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        status, body = http(endpoint + "?" + urllib.parse.urlencode({"query": query}), headers=accept)
    elif method == "POST-form":
        status, body = http(endpoint, urllib.parse.urlencode({"query": query}).encode(),
                            {**accept, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, body = http(endpoint, query.encode(), {**accept, "Content-Type": "application/sparql-query"})
    assert status == 200, body[:300]
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def wait_for(endpoint: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "kg serve exited early"
        try:
            if http(endpoint + "?query=ASK%7B%7D")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError("kg serve did not answer in time")


@pytest.fixture(scope="module")
def running(sample_graph_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """``kg serve`` as a user starts it, in its own process; stopped with Ctrl-C (SIGINT) at the end."""
    port = free_port()
    out = tmp_path_factory.mktemp("serve") / "stdout.txt"
    with open(out, "wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--graph", str(sample_graph_path), "--port", str(port)],
            cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE,
        )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        wait_for(endpoint, process)
        # the server answers a moment before kg serve has printed its banner
        deadline = time.monotonic() + 20
        while endpoint not in out.read_text(encoding="utf-8") and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        yield {"process": process, "port": port, "endpoint": endpoint, "stdout": out, "graph": sample_graph_path}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_get_answers_like_the_graph(running) -> None:
    rows = select(running["endpoint"], f"SELECT ?name WHERE {{ ?p <{FOAF_NAME}> ?name }}")
    expected = {t.object.value for t in load_graph(running["graph"]).quads_for_pattern(None, None, None)
                if t.predicate.value == FOAF_NAME}
    assert {r["name"] for r in rows} == expected
    assert "Mats Nilsson" in expected


@pytest.mark.parametrize("method", ["POST-form", "POST-direct"])
def test_post_runs_a_saved_question(running, method) -> None:
    rows = select(running["endpoint"], get_saved("presenters").text, method)
    assert any(r["presenter"] == "Mats Nilsson" and r["item_title"] == "Skolval - Utfall" for r in rows)


def test_updates_are_refused(running) -> None:
    triple = "<https://example.org/s> <https://example.org/p> <https://example.org/o>"
    base = f"http://127.0.0.1:{running['port']}"
    status, _ = http(base + "/update", urllib.parse.urlencode({"update": f"INSERT DATA {{ {triple} }}"}).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _ = http(base + "/update", f"DELETE WHERE {{ ?s <{FOAF_NAME}> ?o }}".encode(),
                     {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, body = http(running["endpoint"] + "?" + urllib.parse.urlencode({"query": f"ASK {{ {triple} }}"}),
                        headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["boolean"] is False
    assert select(running["endpoint"], f"SELECT ?o WHERE {{ ?s <{FOAF_NAME}> ?o }} LIMIT 1")


def page(running, path: str = "/") -> tuple[int, str]:
    status, body = http(f"http://127.0.0.1:{running['port']}{path}", headers={"Accept": "text/html"})
    return status, body.decode("utf-8")


def test_start_page_lists_every_saved_question_with_its_parameters(running) -> None:
    status, html = page(running)
    assert status == 200 and "<textarea" in html
    # nothing fetched from elsewhere (offline): no script, style or image from another address
    assert "src=" not in html and "<link " not in html and "@import" not in html and "url(" not in html
    for q in list_saved():
        assert f'data-name="{q.name}"' in html, q.name
        for p in q.params:
            assert f'<input name="{p.name}"' in html.split(f'data-name="{q.name}"', 1)[1].split("</form>")[0]
    assert 'foaf:</code> http://xmlns.com/foaf/0.1/' in html   # the project's prefixes are shown


def test_the_readme_example_runs_through_the_front_as_the_page_sends_it(running) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert start_page.README_EXAMPLE in readme
    assert start_page.README_EXAMPLE in page(running)[1].replace("&quot;", '"')  # the page opens with it
    # the page POSTs the box as a form; foaf: is not declared in it
    rows = select(running["endpoint"], start_page.README_EXAMPLE, "POST-form")
    assert "Mats Nilsson" in {r["name"] for r in rows}
    assert select(running["endpoint"], start_page.README_EXAMPLE)   # and by GET, as other tools ask


def test_a_saved_question_is_fetched_with_its_parameters_bound_as_terms(running) -> None:
    status, text = page(running, "/saved/person?" + urllib.parse.urlencode({"name": "mats"}))
    assert status == 200 and 'VALUES ?name { "mats" }' in text
    rows = select(running["endpoint"], text, "POST-form")
    assert {r["full_name"] for r in rows} == {"Mats Nilsson"}
    status, text = page(running, "/saved/person?" + urllib.parse.urlencode({"name": '" } ; DROP ALL ; #'}))
    assert status == 200 and select(running["endpoint"], text, "POST-form") == []
    status, text = page(running, "/saved/person?nmae=x")
    assert status == 400 and "not a parameter" in text
    status, text = page(running, "/saved/nosuch")
    assert status == 400 and "no saved question" in text


# The page's own script, run by Node.js against the running server, with just enough of a DOM
# for it (no browser on the test machine): what a click on "Run query" and a saved question's
# "Run" put in the results table.
PAGE_HARNESS = r"""
const origin = process.argv[2], script = require("fs").readFileSync(0, "utf8");
const realFetch = fetch;
globalThis.fetch = (url, options) => realFetch(new URL(url, origin), options);
globalThis.location = {origin};
function element(tag) {
  return {tag, value: "", text: "", children: [], dataset: {}, rows: [],
          get textContent() { return this.text; },
          set textContent(t) { this.text = t; this.children = []; },
          appendChild(c) { this.children.push(c); return c; },
          insertRow() { const r = element("tr"); this.rows.push(r); return r; },
          set innerHTML(html) { this.children = html ? [element("p")] : []; },
          get firstChild() { return this.children[0]; }};
}
const ids = {query: element("textarea"), status: element("span"), result: element("div"),
             run: element("button"), endpoint: element("code")};
ids.query.value = process.argv[3];
const forms = JSON.parse(process.argv[4]).map(([name, fields]) => {
  const form = element("form"); form.dataset.name = name; form.fields = fields;
  form.load = element("button"); form.querySelector = () => form.load; return form;
});
globalThis.FormData = class { constructor(form) { return Object.entries(form.fields); } };
globalThis.document = {getElementById: (id) => ids[id], createElement: element,
                       querySelectorAll: () => forms};
function table() {
  const t = ids.result.children.find((c) => c.tag === "table");
  if (!t) return {error: ids.result.children.map((c) => c.textContent).join(" ")};
  return t.rows.map((r) => r.children.map((c) => c.textContent));
}
(async () => {
  eval(script);
  const out = {};
  await ids.run.onclick(); out.typed = table();
  for (const form of forms) { await form.onsubmit({preventDefault() {}}); out[form.dataset.name] = table(); }
  console.log(JSON.stringify(out));
})();
"""


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
def test_the_page_runs_the_readme_example_and_a_saved_question(running, tmp_path) -> None:
    html = page(running)[1]
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    harness = tmp_path / "harness.js"
    harness.write_text(PAGE_HARNESS, encoding="utf-8")
    base = f"http://127.0.0.1:{running['port']}"
    forms = json.dumps([["person", {"name": "mats", "person": ""}], ["presenters", {}]])
    done = subprocess.run(["node", str(harness), base, start_page.README_EXAMPLE, forms], input=script,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "NO_PROXY": "*"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["typed"][0] == ["name"] and ["Mats Nilsson"] in out["typed"]
    person = out["person"]
    assert "full_name" in person[0] and {r[person[0].index("full_name")] for r in person[1:]} == {"Mats Nilsson"}
    assert "quote" in out["presenters"][0] and len(out["presenters"]) > 1


TABLE = """(function () {
  var t = document.querySelector("#result table");
  return t && Array.prototype.map.call(t.rows, function (r) {
    return Array.prototype.map.call(r.cells, function (c) { return c.textContent; }); });
})()"""


@pytest.mark.skipif(CHROMIUM is None, reason="headless browser check needs Chromium (apt-get install chromium)")
def test_in_chromium_the_page_lists_every_saved_question_and_runs_the_readme_example(running) -> None:
    """The query page in a real browser, driven as a user does: every saved question is listed;
    one click on "Run query" runs the README's example; filling in a saved question's form and
    clicking its "Run" answers it with the parameter bound."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kg query '{start_page.README_EXAMPLE}'" in readme
    expected = sorted(t.object.value for t in load_graph(running["graph"]).quads_for_pattern(None, None, None)
                      if t.predicate.value == FOAF_NAME)
    with Browser() as browser:
        browser.open(f"http://127.0.0.1:{running['port']}/")
        listed = browser.evaluate(
            "Array.prototype.map.call(document.querySelectorAll('form.saved'), function (f) { return f.dataset.name; })")
        assert listed == [q.name for q in list_saved()]
        assert browser.evaluate("document.getElementById('questions').parentNode.querySelector('h2').textContent") \
            == f"Saved questions ({len(list_saved())})"
        assert browser.evaluate("document.getElementById('query').value") == start_page.README_EXAMPLE

        browser.click_element("#run")
        table = browser.wait_for(TABLE, 60)
        assert table[0] == ["name"]
        assert sorted(row[0] for row in table[1:]) == expected
        assert browser.evaluate("document.getElementById('status').textContent").startswith(f"{len(expected)} rows")

        browser.type_into('form.saved[data-name="person"] input[name="name"]', "mats")
        browser.evaluate("document.getElementById('result').textContent = ''")
        browser.click_element('form.saved[data-name="person"] button:not(.load)')
        table = browser.wait_for(TABLE, 60)
        assert 'VALUES ?name { "mats" }' in browser.evaluate("document.getElementById('query').value")
        column = table[0].index("full_name")
        assert {row[column] for row in table[1:]} == {"Mats Nilsson"}
        assert browser.console == []


def test_banner_prints_the_page_and_endpoint_not_links(running) -> None:
    text = running["stdout"].read_text(encoding="utf-8")
    assert running["endpoint"] in text
    assert f"http://127.0.0.1:{running['port']}/" in text
    assert len(text) < 1000 and "#query=" not in text


def test_ctrl_c_stops_the_server_and_removes_its_store(sample_graph_path, tmp_path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--graph", str(sample_graph_path), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(tmp_path)},  # where its temporary store goes
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        wait_for(endpoint, process)
        assert list(tmp_path.glob("motesgraf-serve-*"))
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:  # a failed assertion above: still clean up its server
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    assert b"Stopping" in process.stderr.read()
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        http(endpoint + "?query=ASK%7B%7D")
    assert not list(tmp_path.glob("motesgraf-serve-*"))


def test_library_start_counts_triples_and_keeps_a_store(sample_graph_path, tmp_path) -> None:
    store = tmp_path / "store"
    with serve.start(sample_graph_path, port=free_port(), store=store) as server:
        assert server.triples == len(load_graph(sample_graph_path))
        assert not server.temporary_store
    assert server.process.poll() is not None
    assert any(store.iterdir())  # kept
    # Served again as it is, without loading.
    with serve.start(None, port=free_port(), store=store) as again:
        assert again.triples == server.triples
    with pytest.raises(serve.ServeError, match="already holds a store"):
        serve.start(sample_graph_path, port=free_port(), store=store)


def test_a_port_in_use_is_a_one_line_error(sample_graph_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(serve.ServeError) as e:
            serve.start(sample_graph_path, port=port, ready_timeout=20)
    message = str(e.value)
    assert f":{port}" in message and "--port" in message and "\n" not in message


def test_missing_graph_says_to_build(capsys, tmp_path) -> None:
    code = cli.main(["serve", "--graph", str(tmp_path / "graph.ttl"), "--port", str(free_port())])
    assert code == 2
    err = capsys.readouterr().err
    assert err.strip() == f"kg: error: {tmp_path / 'graph.ttl'}: no such graph file; run kg build first, or give --graph PATH"


def test_oxigraph_is_a_declared_dependency() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"oxigraph' in pyproject
    assert os.access(serve.oxigraph_binary(), os.X_OK)


# ------------------------------------------------------------------ limits and refusals (issue 19)

CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 1"


def test_a_foreign_host_is_refused(running) -> None:
    status, body = http(running["endpoint"] + "?query=ASK%7B%7D", headers={"Host": "evil.example"})
    assert status == 403 and b"evil.example" in body
    for host in ("localhost", f"localhost:{running['port']}", f"127.0.0.1:{running['port']}"):
        assert http(running["endpoint"] + "?query=ASK%7B%7D", headers={"Host": host})[0] == 200


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service   <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_federation_is_refused(running, query) -> None:
    for method in ("GET", "POST"):
        if method == "GET":
            status, body = http(running["endpoint"] + "?" + urllib.parse.urlencode({"query": query}))
        else:
            status, body = http(running["endpoint"], query.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 403 and b"refused" in body, (method, body)


def test_the_word_service_in_a_string_or_name_is_not_federation(running) -> None:
    assert select(running["endpoint"], 'SELECT ?service WHERE { BIND("SERVICE <x>" AS ?service) } # SERVICE') \
        == [{"service": "SERVICE <x>"}]


def oxigraph_children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            name = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and name.startswith("oxigraph"):
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server's end with its parent uses Linux prctl")
def test_no_server_outlives_a_killed_kg_serve(sample_graph_path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--graph", str(sample_graph_path), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/query", process)
        servers = oxigraph_children(process.pid)
        assert len(servers) == 1
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 20
    while alive(servers[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(servers[0]), "the Oxigraph server lived on after kg serve was killed"


def test_a_runaway_query_is_stopped_within_the_limit_and_the_server_answers_again(sample_graph_path) -> None:
    with serve.start(sample_graph_path, port=free_port(), timeout=3, memory=None) as server:
        started = time.monotonic()
        status, body = http(server.endpoint + "?" + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}))
        assert status == 504 and b"--timeout" in body
        assert time.monotonic() - started < 3 + 15
        assert select(server.endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == str(server.triples)


def test_a_query_past_the_memory_bound_gets_an_error_and_the_server_is_back(sample_graph_path) -> None:
    memory = 1024 ** 3
    with serve.start(sample_graph_path, port=free_port(), timeout=120, memory=memory) as server:
        pid = server.process.pid
        status, body = http(server.endpoint + "?" + urllib.parse.urlencode({"query": CROSS_PRODUCT}), timeout=150)
        if status == 504:
            pytest.skip("the cross product did not reach the memory bound within the time limit")
        assert status == 503 and b"--memory" in body
        assert select(server.endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] \
            == str(server.triples)
        assert server.process.pid != pid and server.restarts == 1
        limit = Path(f"/proc/{server.process.pid}/limits").read_text()
        assert str(memory) in next(line for line in limit.splitlines() if line.startswith("Max address space"))
