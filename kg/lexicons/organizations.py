"""Generic group names (``group_names.txt``) and the gazetteer's municipalities, as the components
and resolution ask for them."""
from __future__ import annotations

from functools import lru_cache

from . import gazetteer


@lru_cache(maxsize=1)
def group_labels() -> tuple[tuple[str, str], ...]:
    """(canonical, label as written) for every generic group name and its other forms.

    Read from the gazetteer's ``group_names.txt`` directly because abbreviations ("LG", "KS")
    must keep their capitals to be told from ordinary words.
    """
    import importlib.resources

    text = importlib.resources.files("kg").joinpath("resources", gazetteer.GROUP_NAMES_FILE).read_text(encoding="utf-8")
    out: set[tuple[str, str]] = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            labels = [x.strip() for x in line.split("|") if x.strip()]
            out.update((labels[0], label) for label in labels)
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def group_canonical() -> dict[str, str]:
    """normalised generic group name or alias -> canonical name."""
    return dict(gazetteer.group_alias_index())


def is_municipality(kb_id: str) -> bool:
    if not kb_id or kb_id.startswith("group:"):
        return False
    try:
        return all(gazetteer.organization(k).type == "municipality" for k in kb_id.split("|"))
    except KeyError:
        return False
