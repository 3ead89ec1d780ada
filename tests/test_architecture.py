"""The dependency rules of the target layout (architecture.md of the design notes), read from the
imports of kg/ with ``ast``: layers import downward, a stage never imports a sibling stage (but
extract -> nlp), third-party libraries stay in their wing, print only in the command line, no
private name imported across modules, no import circles; nothing in kg imports the benchmark
(bench/, beside the package), and the benchmark uses kg's public API only (``kg.__all__``).

Today's modules are mapped to their place in the target layout in one table (``MODULES``), since
not all of them have moved into their packages yet. What still breaks a rule is listed in
``ALLOWED``, with why; the test fails on any violation that is not listed, and on a listed one that
no longer occurs (take it off the list: the list only shrinks).
"""
from __future__ import annotations

import ast
import json
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"
TESTS = ROOT / "tests"

# The layers, lowest first: a module imports only from its own layer or lower ones.
LAYERS = ("base", "lexicons", "stage", "pipeline", "workbench", "api", "cli")

# Today's module (or package, for every module in it) -> (layer, stage). The stages are the
# packages-to-be of the stage layer; ``graph`` is the RDF wing of stages 5-6.
MODULES: dict[str, tuple[str, str | None]] = {
    # models, errors, text: the standard library only
    "kg.models": ("base", None),
    "kg.errors": ("base", None),
    "kg.text": ("base", None),
    "kg.tempfiles": ("base", None),        # temporary files beside their target, for every writer
    "kg.limits": ("base", None),
    "kg.collector": ("base", "collector"),  # the garbage collector paused or frozen: for the pipeline and the workbench           # the time a file may take, for the readers and the pipeline
    # resources and lexicons
    "kg.lexicon": ("lexicons", None),      # the word lists of kg/resources/segment
    "kg.lexicons": ("lexicons", None),     # the gazetteer, cue words, names, group names: what the stages share
    # the stages
    "kg.read": ("stage", "read"),
    "kg.segment": ("stage", "segment"),
    "kg.nlp": ("stage", "nlp"),
    "kg.extract": ("stage", "extract"),
    "kg.resolve": ("stage", "resolve"),    # the package: judgements, people, organizations, projects, resolver
    "kg.graph": ("stage", "graph"),        # the package: vocab, terms, building, export, the store
    "kg.dictionary": ("stage", "graph"),   # docs/vocabulary.md from the ontology
    # the pipeline: stage order, processes, caches, the collector
    "kg.pipeline": ("pipeline", None),     # the package: dask, spill, runtime, modeljson, outputs
    # the analyst's workbench
    "kg.workbench": ("workbench", None),
    # the public API, and the command line
    "kg": ("api", None),
    "kg.__main__": ("cli", None),
    "kg.cli": ("cli", None),
    "kg.progress": ("cli", None),      # the progress line of kg build (a display, read by kg.cli.build)
}

# What each third-party library may be imported by: (layer, stage) pairs, None for any stage.
WINGS: dict[str, set[tuple[str, str | None]]] = {
    "spacy": {("stage", "nlp"), ("stage", "extract")},
    "rdflib": {("stage", "graph"), ("workbench", None)},
    "pyoxigraph": {("stage", "graph"), ("workbench", None)},
    "gc": {("pipeline", None), ("base", "collector")},
    "concurrent": {("pipeline", None)},
    "multiprocessing": {("pipeline", None)},
    "dask": {("pipeline", None)},
    "distributed": {("pipeline", None)},
}

# Today's violations, each (rule, module, what): the test fails when one is gone (take it off).
ALLOWED: set[tuple[str, str, str]] = set()   # none left


# Tests that read a private name of a kg module (``module._name``), each (rule, test, kg module):
# only tests/oracles/ may read one (architecture.md, rule 4).
TESTS_ALLOWED: set[tuple[str, str, str]] = set()   # none left


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def place(module: str) -> tuple[str, str | None]:
    """The (layer, stage) of a module: its own entry in MODULES, or its package's (below kg)."""
    name = module
    while name and (name == module or name != "kg"):
        if name in MODULES:
            return MODULES[name]
        name = name.rpartition(".")[0]
    raise KeyError(module)


KG_FILES = sorted(KG.rglob("*.py"))
KG_MODULES = {module_name(p): p for p in KG_FILES}


def _is_package(module: str) -> bool:
    return KG_MODULES.get(module, Path()).name == "__init__.py"


class Imports(ast.NodeVisitor):
    """Every import of one file: kg modules (resolved: ``from . import lexicon`` is
    kg.segment.lexicon), the names taken from them, and the top-level third-party packages."""

    def __init__(self, module: str):
        self.module = module
        self.package = module if _is_package(module) else module.rpartition(".")[0]
        self.kg: dict[str, set[str]] = defaultdict(set)   # kg module -> names imported from it
        self.runtime: set[str] = set()                    # kg modules imported outside TYPE_CHECKING
        self.aliases: dict[str, str] = {}                 # local name -> kg module
        self.external: set[str] = set()
        self._type_checking = 0

    def _add(self, target: str, name: str | None) -> None:
        self.kg[target]
        if name is not None:
            self.kg[target].add(name)
        if not self._type_checking:
            self.runtime.add(target)

    def visit_If(self, node: ast.If) -> None:
        checking = isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        self._type_checking += checking
        for child in node.body:
            self.visit(child)
        self._type_checking -= checking
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "kg" or alias.name.startswith("kg."):
                self._add(alias.name, None)
                if alias.asname:
                    self.aliases[alias.asname] = alias.name
            else:
                self.external.add(alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        if not (source == "kg" or source.startswith("kg.")):
            self.external.add(source.split(".")[0])
            return
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            if submodule in KG_MODULES:
                self._add(submodule, None)
                self.aliases[alias.asname or alias.name] = submodule
            else:
                self._add(source, alias.name)


def read_imports(sources: dict[str, str]) -> dict[str, tuple[Imports, ast.Module]]:
    out = {}
    for module, text in sources.items():
        tree = ast.parse(text)
        found = Imports(module)
        found.visit(tree)
        out[module] = (found, tree)
    return out


KG_SOURCES = {m: p.read_text(encoding="utf-8") for m, p in KG_MODULES.items()}
BENCH_SOURCES = {module_name(p): p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench").rglob("*.py"))}
NOTEBOOK_SOURCES = {p.name: "\n".join(
    line for cell in json.loads(p.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"
    for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!")))
    for p in sorted((ROOT / "notebooks").glob("*.ipynb"))}
TEST_SOURCES = {module_name(p): p.read_text(encoding="utf-8") for p in sorted(TESTS.rglob("*.py")) if "oracles" not in p.parts}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _prints(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id == "print":
                return True
            if isinstance(f, ast.Attribute) and f.attr == "exit" and isinstance(f.value, ast.Name) and f.value.id == "sys":
                return True
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id == "SystemExit":
                return True
    return False


def _says_kg_error(tree: ast.Module) -> bool:
    """Whether a string of the module (not a docstring) holds "kg: error", which only kg.cli prints."""
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and "kg: error" in n.value
               and id(n) not in docstrings for n in ast.walk(tree))


def circles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(tuple(sorted(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def violations(sources: dict[str, str] = KG_SOURCES, tests: dict[str, str] = TEST_SOURCES) -> set[tuple[str, str, str]]:
    """Every (rule, module, what) the modules' sources break; ``tests`` are checked for private names."""
    imports = read_imports(sources)
    out: set[tuple[str, str, str]] = set()
    for module, (found, tree) in imports.items():
        layer, stage = place(module)
        for target, names in found.kg.items():
            if target not in KG_MODULES:
                out.add(("unknown module", module, target))
                continue
            t_layer, t_stage = place(target)
            if LAYERS.index(t_layer) > LAYERS.index(layer):
                out.add(("imports upward", module, target))
            if layer == t_layer == "stage" and stage != t_stage and (stage, t_stage) != ("extract", "nlp"):
                out.add(("stage imports a sibling stage", module, target))
            if layer == "workbench" and t_layer == "stage" and t_stage != "graph":
                out.add(("workbench imports a stage", module, target))
            if target != module and any(_private(n) for n in names):
                out.add(("imports a private name", module, target))
        for node in ast.walk(tree):   # module._private, for a kg module imported as a name
            if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                    and found.aliases.get(node.value.id, module) != module):
                out.add(("imports a private name", module, found.aliases[node.value.id]))
        for library in found.external:
            if library in WINGS and (layer, stage) not in WINGS[library] and (layer, None) not in WINGS[library]:
                out.add((f"{library} outside its wing", module, library))
        if layer != "cli" and _prints(tree):
            out.add(("prints or exits outside kg.cli", module, "print"))
        if layer != "cli" and _says_kg_error(tree):
            out.add(("message says 'kg: error' outside kg.cli", module, "kg: error"))
        if "bench" in found.external:
            out.add(("imports the benchmark", module, "bench"))
    graph = {m: {t for t in found.runtime if t in KG_MODULES and t != m} for m, (found, _) in imports.items()}
    for component in circles(graph):
        out.add(("import circle", component[0], " <-> ".join(component)))
    for test, (found, tree) in read_imports(tests).items():
        for target, names in found.kg.items():
            if any(_private(n) for n in names):
                out.add(("test imports a private name", test, target))
        for node in ast.walk(tree):   # module._private, for a kg module imported as a name
            if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                    and node.value.id in found.aliases):
                out.add(("test imports a private name", test, found.aliases[node.value.id]))
    return out


def public_api() -> set[str]:
    """The names of ``kg.__all__``, read from kg/__init__.py (its ``_API`` table and ``__version__``)."""
    tree = ast.parse(KG_SOURCES["kg"])
    table = next(n.value for n in tree.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                 and n.target.id == "_API")
    assert isinstance(table, ast.Dict)
    return {"__version__"} | {k.value for k in table.keys if isinstance(k, ast.Constant)}


def bench_violations(sources: dict[str, str] = BENCH_SOURCES, api: set[str] | None = None,
                     who: str = "bench") -> set[tuple[str, str, str]]:
    """Where the benchmark (bench/), or the notebooks, reach past kg's public API: a kg submodule
    imported, a name that is not in ``kg.__all__`` taken from kg (imported, or read as ``kg.name``)."""
    api = public_api() if api is None else api
    rule = f"{who} imports beyond kg's public API"
    out: set[tuple[str, str, str]] = set()
    for module, text in sources.items():
        tree = ast.parse(text)
        kg_names = set()   # local names bound to the kg package
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("kg."):
                        out.add((rule, module, alias.name))
                    elif alias.name == "kg":
                        kg_names.add(alias.asname or "kg")
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                if node.module.startswith("kg."):
                    out.add((rule, module, node.module))
                elif node.module == "kg":
                    for alias in node.names:
                        if alias.name not in api:
                            out.add((rule, module, f"kg.{alias.name}"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in kg_names
                    and node.attr not in api and not (node.attr.startswith("__") and node.attr.endswith("__"))):
                out.add((rule, module, f"kg.{node.attr}"))
    return out


def test_the_benchmark_uses_kg_s_public_api_only() -> None:
    assert BENCH_SOURCES, "bench/ has no modules"
    found = sorted(bench_violations())
    assert not found, "bench/ uses kg beyond kg.__all__ (add a public function to kg's API):\n" + "\n".join(map(repr, found))


def test_the_notebooks_use_kg_s_public_api_only() -> None:
    assert NOTEBOOK_SOURCES, "notebooks/ has no notebooks"
    found = sorted(bench_violations(NOTEBOOK_SOURCES, who="notebook"))
    assert not found, "a notebook uses kg beyond kg.__all__:\n" + "\n".join(map(repr, found))


@pytest.mark.parametrize("source, expected", [
    ("from kg import run_query, KgError", None),
    ("import kg\nkg.__file__", None),
    ("from kg.pipeline import build", "kg.pipeline"),
    ("import kg.pipeline.local", "kg.pipeline.local"),
    ("from kg import _API", "kg._API"),
    ("from kg import pipeline", "kg.pipeline"),
    ("import kg\nkg.pipeline.build([])", "kg.pipeline"),
    ("from . import run", None),
])
def test_the_benchmark_s_rule_finds_what_it_is_for(source: str, expected: str | None) -> None:
    found = bench_violations({"bench.x": source}, {"run_query", "KgError"})
    assert found == ({("bench imports beyond kg's public API", "bench.x", expected)} if expected else set())


def test_every_module_has_a_place_in_the_table() -> None:
    missing = []
    for module in KG_MODULES:
        try:
            place(module)
        except KeyError:
            missing.append(module)
    assert not missing, f"add these modules to MODULES in {__file__}: {missing}"


def test_no_new_violations_of_the_dependency_rules() -> None:
    new = sorted(violations() - ALLOWED - TESTS_ALLOWED)
    assert not new, "violations of the dependency rules (architecture.md):\n" + "\n".join(map(repr, new))


def test_allowed_violations_still_occur() -> None:
    gone = sorted((ALLOWED | TESTS_ALLOWED) - violations())
    assert not gone, "these no longer occur: take them off ALLOWED:\n" + "\n".join(map(repr, gone))


@pytest.mark.parametrize("module, source, expected", [
    ("kg.resolve.people", "from ..pipeline import build", ("imports upward", "kg.resolve.people", "kg.pipeline")),
    ("kg.text", "from .cli import main", ("imports upward", "kg.text", "kg.cli")),
    ("kg.resolve.people", "from ..segment import segment", ("stage imports a sibling stage", "kg.resolve.people", "kg.segment")),
    ("kg.extract", "from . import nlp", None),
    ("kg.workbench.query", "from ..extract import extract", ("workbench imports a stage", "kg.workbench.query", "kg.extract")),
    ("kg.workbench.query", "from ..graph.build import document_iri", None),
    ("kg.graph.build", "import spacy", ("spacy outside its wing", "kg.graph.build", "spacy")),
    ("kg.resolve.people", "import gc", ("gc outside its wing", "kg.resolve.people", "gc")),
    ("kg.pipeline", "import gc", None),
    ("kg.read", "print('x')", ("prints or exits outside kg.cli", "kg.read", "print")),
    ("kg.read", "raise SystemExit(2)", ("prints or exits outside kg.cli", "kg.read", "print")),
    ("kg.cli.query", "print('x')", None),
    ("kg.read", "x = 'kg: error: x'", ("message says 'kg: error' outside kg.cli", "kg.read", "kg: error")),
    ("kg.read", '"""kg: error: in a docstring"""', None),
    ("kg.resolve.people", "from ..text import _fold", ("imports a private name", "kg.resolve.people", "kg.text")),
    ("kg.resolve.people", "from .. import text\ntext._fold('x')", ("imports a private name", "kg.resolve.people", "kg.text")),
    ("kg.resolve.people", "from ..text import fold as _fold", None),
    ("kg.cli", "import bench.cli", ("imports the benchmark", "kg.cli", "bench")),
    ("kg.cli.build", "from bench.run import run_bench", ("imports the benchmark", "kg.cli.build", "bench")),
])
def test_the_rules_find_what_they_are_for(module: str, source: str, expected: tuple[str, str, str] | None) -> None:
    assert violations({module: source}, {}) == ({expected} if expected else set())


def test_circles_are_found() -> None:
    found = violations({"kg.text": "from . import errors", "kg.errors": "from .text import fold"}, {})
    assert found == {("import circle", "kg.errors", "kg.errors <-> kg.text")}


def test_a_test_importing_a_private_name_is_found() -> None:
    found = violations({}, {"tests.test_x": "from kg.resolve import _cluster_people"})
    assert found == {("test imports a private name", "tests.test_x", "kg.resolve")}


@pytest.mark.parametrize("source, target", [
    ("from kg.resolve import people\npeople._folded_name('x')", "kg.resolve.people"),
    ("from kg import resolve as R\nR._cluster_people([])", "kg.resolve"),
    ("from kg.resolve import people\npeople.cluster_people([])", None),
    ("finder = object()\nfinder._private", None),
])
def test_a_test_reading_a_private_name_of_a_module_is_found(source: str, target: str | None) -> None:
    expected = {("test imports a private name", "tests.test_x", target)} if target else set()
    assert violations({}, {"tests.test_x": source}) == expected
