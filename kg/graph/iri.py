"""The IRIs of documents, meetings, entities and roles: derived from content (a document's
identifier, an entity's key, a role's written form), never from run order, so the same input
gives the same graph.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import URIRef

from ..models import Entity
from ..text import slug
from .vocab import ID

ID_BASE = str(ID)
PERSON_PREFIX = f"{ID_BASE}person/"
PERSON_CUT = len(PERSON_PREFIX) + 1   # where a person's key starts in its term


# a name whose slug is itself but for the dot before its suffix: one name per slug
_PLAIN_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def document_key(identifier: str) -> str:
    """The local name of a document's IRIs, distinct for distinct identifiers (relative paths)
    and the same in every run, whatever other files are built with it.

    A plain lowercase name ("protokoll-ks-2024-03-12.txt") gives its slug; any other gets its
    slug, "--" (which no slug holds) and a hash of the identifier, so that "Protokoll 1.txt" and
    "protokoll-1.txt" stay two documents. A suffix added only on collision would make an IRI
    depend on which other files a build reads."""
    s = slug(identifier)
    if _PLAIN_NAME_RE.fullmatch(identifier) and len(s) <= 80:
        return s
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{s}--{digest}"


def document_iri(identifier: str) -> URIRef:
    return ID[f"doc/{document_key(identifier)}"]


def meeting_iri(identifier: str) -> URIRef:
    return ID[f"meeting/{document_key(identifier)}"]


_FOLDERS = {"person": "person", "organization": "org", "project": "project"}


def entity_iri_text(entity: Entity) -> str:
    """An entity's IRI as text, made without rdflib (the cheapest way to order entities as
    their graph orders them)."""
    return f"{ID_BASE}{_FOLDERS[entity.kind]}/{entity.key}"


@lru_cache(maxsize=1 << 16)
def _entity_node(kind: str, key: str) -> str:
    return f"<{ID_BASE}{_FOLDERS[kind]}/{key}>"


def entity_node(entity: Entity) -> str:
    return _entity_node(entity.kind, entity.key)



ENTITIES_GRAPH = ID["graph/entities"]



def entity_path(n: str) -> str:
    """An entity's IRI after the base of instances: 'person/lila-ericsson'."""
    return n[len(ID_BASE) + 1:-1]



def role_key(label: str) -> str:
    """The local name of a role written ``label``: one node per written form ("ordf" and "ordf.",
    "miljöinspektör" and OCR's "miljoinspektor" are written differently and keep their own labels)."""
    return f"{slug(label)}-{hashlib.sha1(label.encode('utf-8')).hexdigest()[:6]}"
