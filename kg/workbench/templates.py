"""The page templates of the views (kg/resources/views/, Jinja) and the vis-network library pyvis
ships, inlined in every page so that a view opens offline."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent.parent / "resources" / "views"
def _vis_dir() -> Path:
    """The newest vis-network that pyvis ships (9.1.2 in pyvis 0.3.2)."""
    found = sorted((Path(pyvis.__file__).parent / "templates" / "lib").glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise RuntimeError("pyvis ships no vis-network library; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    return found[-1].parent
@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]),
                       keep_trailing_newline=True)


def vis_assets() -> tuple[Markup, Markup]:
    vis = _vis_dir()
    js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    css = (vis / "vis-network.css").read_text(encoding="utf-8")
    # An inline script ends at the first "</script"; the library has none, but make sure.
    return Markup(js.replace("</script", "<\\/script")), Markup(css.replace("</style", "<\\/style"))
