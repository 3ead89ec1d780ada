"""The page a browser sees at the server's address: the saved questions, each with a link that
opens it in the query form, with the project's prefixes declared."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .sparql import PREFIXES, SavedQuestion

# ---------------------------------------------------------------------------------------------
# The start page, and links to saved questions
# ---------------------------------------------------------------------------------------------

_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def with_project_prefixes(text: str) -> str:
    """``text`` with a PREFIX line for each project prefix it does not declare itself, all on the
    first line (so the line numbers of Oxigraph's error messages stay those of the query)."""
    declared = {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(text)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return " ".join(missing) + " " + text if missing else text


README_EXAMPLE = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }"


def start_page(questions: Sequence[SavedQuestion]) -> str:
    """The page at ``/``: a query box, the answer as a table, and every saved question with its
    parameters as form fields. Offline (no script or style from elsewhere). A saved question is
    fetched from ``/saved/NAME?param=value``, where the server binds the parameters as RDF terms,
    as kg query does; queries go to ``/query``, where the project's prefixes are known."""
    from html import escape

    items = []
    for q in questions:
        fields = "".join(
            f'<label>{escape(p.name)} <input name="{escape(p.name)}" title="{escape(p.meaning)}" '
            f'placeholder="{escape(p.meaning[:60])}"></label> ' for p in q.params)
        needs = f' <small>(needs {" or ".join(escape(n) for n in q.requires)})</small>' if q.requires else ""
        items.append(
            f'<li><form class="saved" data-name="{escape(q.name)}"><b>{escape(q.title)}</b> '
            f'<code>kg query {escape(q.name)}</code>{needs}<br><small>{escape(q.description)}</small><br>'
            f'{fields}<button>Run</button> <button type="button" class="load">Show SPARQL</button></form></li>')
    prefixes = "".join(f"<li><code>{escape(p)}:</code> {escape(ns)}</li>" for p, ns in PREFIXES.items())
    return _PAGE.format(example=escape(README_EXAMPLE), questions="\n".join(items), prefixes=prefixes,
                        count=len(questions))


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>motesgraf: ask the graph</title>
<style>
body{{font-family:system-ui,sans-serif;margin:0;display:flex;height:100vh}}
#side{{width:34%;overflow:auto;padding:0 1em;border-right:1px solid #ccc;font-size:90%}}
#main{{flex:1;overflow:auto;padding:0 1em}}
textarea{{width:100%;height:14em;font-family:monospace}}
table{{border-collapse:collapse;font-size:90%}} td,th{{border:1px solid #ddd;padding:2px 6px;vertical-align:top;text-align:left}}
#side li{{margin-bottom:.8em}} #side input{{width:12em}} .error{{color:#a00;white-space:pre-wrap}}
</style></head><body>
<div id="side"><h2>Saved questions ({count})</h2><ol id="questions">
{questions}
</ol><h3>Prefixes (known to every query here)</h3><ul>{prefixes}</ul></div>
<div id="main"><h1>Ask the graph</h1>
<p>SPARQL 1.1, read-only. Endpoint for other tools: <code id="endpoint">/query</code>.</p>
<textarea id="query" spellcheck="false">{example}</textarea>
<p><button id="run">Run query</button> <span id="status"></span></p>
<div id="result"></div></div>
<script>
const box = document.getElementById("query"), status = document.getElementById("status"),
      result = document.getElementById("result");
document.getElementById("endpoint").textContent = location.origin + "/query";
function cell(term) {{
  const td = document.createElement("td");
  if (term) td.textContent = term.value;
  return td;
}}
async function run() {{
  status.textContent = "running…"; result.textContent = "";
  const t = Date.now();
  const answer = await fetch("/query", {{method: "POST",
    headers: {{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}},
    body: new URLSearchParams({{query: box.value}})}});
  const text = await answer.text();
  if (!answer.ok) {{ status.textContent = ""; result.innerHTML = '<p class="error"></p>';
                    result.firstChild.textContent = text; return; }}
  const data = JSON.parse(text);
  if ("boolean" in data) {{ status.textContent = String(data.boolean); return; }}
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }}
  for (const b of data.results.bindings) {{
    const row = table.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }}
  result.appendChild(table);
  status.textContent = data.results.bindings.length + " rows, " + (Date.now() - t) + " ms";
}}
async function load(form) {{
  const params = new URLSearchParams(new FormData(form));
  const answer = await fetch("/saved/" + encodeURIComponent(form.dataset.name) + "?" + params);
  const text = await answer.text();
  if (!answer.ok) {{ result.innerHTML = '<p class="error"></p>'; result.firstChild.textContent = text; return false; }}
  box.value = text; return true;
}}
document.getElementById("run").onclick = run;
for (const form of document.querySelectorAll("form.saved")) {{
  form.onsubmit = async (e) => {{ e.preventDefault(); if (await load(form)) await run(); }};
  form.querySelector(".load").onclick = () => load(form);
}}
</script></body></html>
"""
