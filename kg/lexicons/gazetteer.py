"""Curated gazetteers: organisations, given names, surnames and generic group names.

The data are plain files in ``kg/resources`` that analysts edit (see the header comments of each
file); this module only reads, checks and indexes them. Every lookup goes through ``normalize`` so
that case, diacritics lost to OCR ("forvaltningen") and stray spaces around hyphens ("Skol - och")
do not stop a match. Loaders are cached: the files are read once per process and path.
"""
from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import GazetteerError
from ..text import DASHES as _DASHES
from ..text import INVISIBLE as _INVISIBLE
from ..text import normalize

__all__ = [
    "ORG_TYPES",
    "GazetteerError",
    "OrgEntry",
    "first_names",
    "group_alias_index",
    "group_names",
    "is_probable_first_name",
    "is_probable_surname",
    "load_organizations",
    "lookup_organization",
    "normalize",
    "org_alias_index",
    "org_scope",
    "organization",
    "surnames",
]

ORG_TYPES = frozenset({
    "municipality", "region", "authority", "party", "university", "administration", "board",
    "unit", "group", "network", "company", "association", "court", "other",
})
ORG_COLUMNS = ("key", "pref_label", "alt_labels", "type", "parent", "shared")
SCOPE_TYPES = frozenset({"municipality", "region"})

ORGANIZATIONS_FILE = "organizations.tsv"
FIRST_NAMES_FILE = "first_names.txt"
SURNAMES_FILE = "surnames.txt"
GROUP_NAMES_FILE = "group_names.txt"

PathLike = str | Path

_KEY_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_EDGE_PUNCTUATION = " \t,.;:!?()[]{}\"'«»”“’‘"


@dataclass(frozen=True)
class OrgEntry:
    """One organisation row of ``organizations.tsv``."""

    key: str
    pref_label: str
    alt_labels: tuple[str, ...]
    type: str
    parent: str | None
    shared: tuple[str, ...] = ()   # aliases another row in the same scope may use too

    @property
    def labels(self) -> tuple[str, ...]:
        """The preferred label followed by the alternatives."""
        return (self.pref_label, *self.alt_labels)


# --------------------------------------------------------------------------- normalisation

def _strip_marks(text: str) -> str:
    """Diacritics removed but case kept, for case-sensitive comparison of abbreviations."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_INVISIBLE).translate(_DASHES))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _is_abbreviation(label: str) -> bool:
    """"SD", "S", "VoO", "HFD": short forms that must not match ordinary lower-case words."""
    if len(label) <= 2:
        return True
    return " " not in label and sum(c.isupper() for c in label) >= 2


# --------------------------------------------------------------------------- files

def _read_text(path: PathLike | None, packaged: str) -> tuple[str, str]:
    """(text, name for messages) of an analyst's file or of the packaged resource."""
    if path is not None:
        try:
            return Path(path).read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"{path}: cannot read gazetteer ({exc}); "
                                 "give a readable UTF-8 file") from exc
    resource = importlib.resources.files("kg") / "resources" / packaged
    return resource.read_text(encoding="utf-8"), f"kg/resources/{packaged}"


def _data_lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, line) for each line that is neither blank nor a # comment."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _split_labels(cell: str) -> tuple[str, ...]:
    return tuple(label.strip() for label in cell.split("|") if label.strip())


# --------------------------------------------------------------------------- organisations

@functools.lru_cache(maxsize=8)
def load_organizations(path: PathLike | None = None) -> tuple[OrgEntry, ...]:
    """The organisation rows, sorted by key, checked: unique keys, known types and parents, no
    parent cycles, and no name used by two rows in one scope unless both list it as shared.

    ``path`` replaces the packaged ``organizations.tsv`` with an analyst's own file.
    Raises ``GazetteerError`` naming the file and line of the first problem.
    """
    text, name = _read_text(path, ORGANIZATIONS_FILE)
    lines = iter(_data_lines(text))
    header = next(lines, None)
    if header is None or tuple(header[1].rstrip("\r").split("\t")) not in (ORG_COLUMNS, ORG_COLUMNS[:5]):
        where = f"{name}:{header[0]}" if header else name
        raise GazetteerError(f"{where}: header must be the tab-separated columns "
                             f"{' '.join(ORG_COLUMNS)}; fix the first non-comment line")
    entries: dict[str, OrgEntry] = {}
    line_of: dict[str, int] = {}
    for number, line in lines:
        entry = _parse_org_row(line.rstrip("\r"), f"{name}:{number}")
        if entry.key in entries:
            raise GazetteerError(f"{name}:{number}: key {entry.key!r} already used on line "
                                 f"{line_of[entry.key]}; give each organisation its own key")
        entries[entry.key] = entry
        line_of[entry.key] = number
    _check_parents(entries, line_of, name)
    _check_aliases(entries, line_of, name)
    return tuple(entries[key] for key in sorted(entries))


def _parse_org_row(line: str, where: str) -> OrgEntry:
    cells = [cell.strip() for cell in line.split("\t")]
    if not 4 <= len(cells) <= len(ORG_COLUMNS):
        raise GazetteerError(f"{where}: expected {len(ORG_COLUMNS)} tab-separated columns, found "
                             f"{len(cells)}; separate columns with one tab each")
    key, pref, alts, kind, parent, shared = cells + [""] * (len(ORG_COLUMNS) - len(cells))
    if not _KEY_RE.fullmatch(key):
        raise GazetteerError(f"{where}: key {key!r} is not a slug; use lower-case ascii letters, "
                             "digits and single hyphens")
    if not pref:
        raise GazetteerError(f"{where}: {key} has no pref_label; write the organisation's own name")
    if kind not in ORG_TYPES:
        raise GazetteerError(f"{where}: type {kind!r} of {key} is unknown; use one of "
                             f"{', '.join(sorted(ORG_TYPES))}")
    labels = {normalize(label) for label in (pref, *_split_labels(alts))}
    for label in _split_labels(shared):
        if normalize(label) not in labels:
            raise GazetteerError(f"{where}: shared name {label!r} is not a label of {key}; "
                                 "list it in pref_label or alt_labels too")
    return OrgEntry(key=key, pref_label=pref, alt_labels=_with_county_forms(pref, _split_labels(alts)), type=kind,
                    parent=parent or None, shared=_split_labels(shared))


# "Länsstyrelsen i Dalarnas län": a county's authority named after its county with "i"
_COUNTY_NAME_RE = re.compile(r"^(?P<head>\S+) i (?P<county>\S+s) län$")


def _with_county_forms(pref: str, alts: tuple[str, ...]) -> tuple[str, ...]:
    """The alt labels and, for a name "X i Ys län", the form without "i" that minutes write as
    often ("Länsstyrelsen Dalarnas län"): one organisation whichever form a document uses."""
    have = {normalize(a) for a in (pref, *alts)}
    extra = []
    for label in (pref, *alts):
        m = _COUNTY_NAME_RE.match(label)
        if m:
            form = f"{m['head']} {m['county']} län"
            if normalize(form) not in have:
                have.add(normalize(form))
                extra.append(form)
    return (*alts, *extra)


def _check_parents(entries: dict[str, OrgEntry], line_of: dict[str, int], name: str) -> None:
    for key, entry in entries.items():
        if entry.parent is not None and entry.parent not in entries:
            raise GazetteerError(f"{name}:{line_of[key]}: parent {entry.parent!r} of {key} is not a "
                                 "key in the file; add that organisation or fix the parent")
        seen = {key}
        parent = entry.parent
        while parent is not None:
            if parent in seen:
                raise GazetteerError(f"{name}:{line_of[key]}: {key} is its own ancestor; "
                                     "break the parent cycle")
            seen.add(parent)
            parent = entries[parent].parent


def _scope(entries: dict[str, OrgEntry], key: str) -> str | None:
    parent = entries[key].parent
    while parent is not None:
        if entries[parent].type in SCOPE_TYPES:
            return parent
        parent = entries[parent].parent
    return None


def _check_aliases(entries: dict[str, OrgEntry], line_of: dict[str, int], name: str) -> None:
    owner: dict[tuple[str | None, str], str] = {}
    for key in sorted(entries, key=line_of.__getitem__):
        entry = entries[key]
        scope = _scope(entries, key)
        shared = {normalize(label) for label in entry.shared}
        for label in dict.fromkeys(normalize(label) for label in entry.labels):
            other = owner.get((scope, label))
            if other is None:
                owner[(scope, label)] = key
                continue
            if label in shared and label in {normalize(s) for s in entries[other].shared}:
                continue
            raise GazetteerError(
                f"{name}:{line_of[key]}: name {label!r} of {key} is already a name of {other} "
                f"(line {line_of[other]}) in the same scope; remove it from one row, or list it "
                "in the shared column of both")


@functools.lru_cache(maxsize=8)
def _org_index(path: PathLike | None) -> dict[str, tuple[tuple[str, str], ...]]:
    """normalised label -> ((key, label as written), ...), for lookups that need the written form."""
    index: dict[str, list[tuple[str, str]]] = {}
    for entry in load_organizations(path):
        for label in entry.labels:
            pairs = index.setdefault(normalize(label), [])
            if (entry.key, label) not in pairs:
                pairs.append((entry.key, label))
    return {label: tuple(sorted(pairs)) for label, pairs in sorted(index.items())}


def org_alias_index(path: PathLike | None = None) -> dict[str, list[str]]:
    """normalised name (pref_label or alias) -> sorted keys of the organisations it names.

    A fresh dict each call (callers may change it); build it once, or use ``lookup_organization``,
    which also applies the abbreviation and scope rules.
    """
    return {label: sorted({key for key, _ in pairs}) for label, pairs in _org_index(path).items()}


@functools.lru_cache(maxsize=8)
def _org_by_key(path: PathLike | None) -> dict[str, OrgEntry]:
    return {entry.key: entry for entry in load_organizations(path)}


def organization(key: str, path: PathLike | None = None) -> OrgEntry:
    """The entry with this key; ``KeyError`` if there is none."""
    return _org_by_key(path)[key]


def org_scope(key: str, path: PathLike | None = None) -> str | None:
    """The municipality or region whose minutes this organisation's names belong to, or None for
    national ones: ``org_scope("helsingborg-socialforvaltningen") == "helsingborgs-stad"``."""
    return _scope(_org_by_key(path), key)


def lookup_organization(surface: str, scope: str | None = None,
                        path: PathLike | None = None) -> tuple[str, ...]:
    """Keys of the organisations ``surface`` names, best first (sorted), or () if none.

    Abbreviations ("SD", "V", "VoO") match only as written or in capitals. With ``scope`` (the key
    of the municipality or region the minutes come from), organisations scoped to another
    municipality are left out. When several remain and the surface has diacritics, the ones written
    exactly so win ("Håbo" over "Habo"); without any ("HABO") it cannot tell and returns both.
    """
    surface = surface.strip(_EDGE_PUNCTUATION)
    pairs = _org_index(path).get(normalize(surface), ())
    written = _strip_marks(surface)
    pairs = tuple((key, label) for key, label in pairs
                  if not _is_abbreviation(label) or written == _strip_marks(label) or written.isupper())
    if scope is not None:
        pairs = tuple((key, label) for key, label in pairs
                      if org_scope(key, path) in (None, scope) or key == scope)
    keys = sorted({key for key, _ in pairs})
    if len(keys) > 1 and written != " ".join(surface.split()):
        exact = sorted({key for key, label in pairs
                        if " ".join(label.casefold().split()) == " ".join(surface.casefold().split())})
        keys = exact or keys
    return tuple(keys)


# --------------------------------------------------------------------------- names

@functools.lru_cache(maxsize=8)
def _name_set(path: PathLike | None, packaged: str) -> frozenset[str]:
    text, _ = _read_text(path, packaged)
    return frozenset(normalize(line.strip()) for _, line in _data_lines(text))


def first_names(path: PathLike | None = None) -> frozenset[str]:
    """Swedish given names, normalised (``normalize``): "Mats", "Birgitta", "Anna-Karin", ..."""
    return _name_set(path, FIRST_NAMES_FILE)


def surnames(path: PathLike | None = None) -> frozenset[str]:
    """Swedish surnames, normalised (``normalize``): "Nilsson", "Karlsson", "Lindqvist", ..."""
    return _name_set(path, SURNAMES_FILE)


def _is_listed(token: str, names: frozenset[str], require_capital: bool) -> bool:
    token = token.strip(_EDGE_PUNCTUATION)
    if not token or (require_capital and not token[0].isupper()):
        return False
    key = normalize(token)
    if key in names:
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(part in names for part in parts)


def is_probable_first_name(token: str, *, require_capital: bool = True) -> bool:
    """Whether ``token`` is a listed given name, compared normalised so OCR-lost diacritics still
    match ("Gosta" for "Gösta"). Double names match when each part does ("Anna-Carin").
    A lower-case token is refused unless ``require_capital`` is False ("per", "bo" are words)."""
    return _is_listed(token, first_names(), require_capital)


def is_probable_surname(token: str, *, require_capital: bool = True) -> bool:
    """Like ``is_probable_first_name`` for surnames; double surnames match part by part
    ("Holm-Persson")."""
    return _is_listed(token, surnames(), require_capital)


# --------------------------------------------------------------------------- group names

@functools.lru_cache(maxsize=8)
def _groups(path: PathLike | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    text, _ = _read_text(path, GROUP_NAMES_FILE)
    rows = []
    for _, line in _data_lines(text):
        labels = _split_labels(line)
        rows.append((labels[0], labels[1:]))
    return tuple(sorted(rows, key=lambda row: normalize(row[0])))


def group_names(path: PathLike | None = None) -> tuple[str, ...]:
    """Generic names of bodies every municipality has ("Ledningsgruppen", "Kommunstyrelsen"):
    recognised by pattern and made a node of their context's organisation, never one shared node."""
    return tuple(name for name, _ in _groups(path))


def group_alias_index(path: PathLike | None = None) -> dict[str, str]:
    """normalised generic name or abbreviation ("lg", "ksau", "styrgrupp") -> its canonical name."""
    index: dict[str, str] = {}
    for name, aliases in _groups(path):
        for label in (name, *aliases):
            index.setdefault(normalize(label), name)
    return index


# -- names as OCR damaged them -----------------------------------------------------------------
# a digit that OCR read for a letter of a name: "Sj6gren" (ö), "0hrström" (Ö), "Stal1er" (l)
_OCR_DIGIT_RE = re.compile(r"(?<=[^\W\d_])[016](?=[^\W\d_])|(?<![\w])0(?=[a-zåäö]{2})")
_OCR_LETTER = {"0": "o", "6": "ö", "1": "l"}
# a letter OCR reads for the "ö" of a name ("Géran Hjort", "Peter Séderberg"), like the letters of
# kg.nlp.OCR_CHARS for words; read as "ö" only where that makes an unlisted word a listed name
_OCR_NAME_LETTERS_RE = re.compile("[éè]")


def ocr_read_digits(text: str) -> str:
    """``text`` with each digit that OCR read for a letter of a name read as that letter."""
    return _OCR_DIGIT_RE.sub(lambda m: "O" if m[0] == "0" and not text[m.start() - 1:m.start()].isalpha()
                             else _OCR_LETTER[m[0]], text)


def ocr_read_name(name: str) -> str:
    """The name as meant where OCR damaged it: a digit inside a word read as its letter ("Ulla
    Sj6strom" -> "Ulla Sjöstrom", "Birgitta 0hrstrom" -> "Birgitta Ohrstrom"), and "é"/"è" as
    "ö" in a word that is no listed given name or surname when it makes one ("Géran" -> "Göran").
    The words as written stay the mention's text; a clean name is returned as it is."""
    read = ocr_read_digits(name) if any(c in name for c in "016") else name
    if not _OCR_NAME_LETTERS_RE.search(read):
        return read
    words = read.split(" ")
    for k, word in enumerate(words):
        if _OCR_NAME_LETTERS_RE.search(word) and not _is_listed_name(word):
            meant = _OCR_NAME_LETTERS_RE.sub("ö", word)
            if _is_listed_name(meant):
                words[k] = meant
    return " ".join(words)


def _is_listed_name(word: str) -> bool:
    return is_probable_first_name(word) or is_probable_surname(word)
