"""Resolution: mentions from every document -> one entity per real person, organisation, project.

People are resolved by small scored rules ``(a, b) -> (score, reason)`` over name records (one
record per document and full name), merged greedily from the best score down. Before two clusters
merge, every pair across them is checked for a cannot-link (different given name, different
surname, conflicting party, an analyst's "not same"), so a chain of plausible pairs never joins
two people that conflict somewhere ("Anna Svensson (S)" ~ "A. Svensson" ~ "Anna Svensson (M)").
Plain connected components would.

Organisations are keyed: by the gazetteer's key when the name is curated, else by their
normalised name. Generic names that every municipality and administration has ("Ledningsgruppen",
"Styrgruppen", "Socialförvaltningen" outside the gazetteer's municipality) are *scoped*: their key
is the name plus the organisation they belong to in that document, so the leadership group of one
administration is never the same node as another's. The scope is, in order: the organisation the
text ties the group to (a membership in the same document), the parent organisation of the body
that met, the document's municipality, and finally the document itself (an unknown owner is kept
apart rather than guessed the same). Administrations and boards ("...förvaltningen", "...nämnden")
are scoped by municipality only, since a municipality has one of each.

Keys are content-derived (slugs of canonical names; namesakes get a suffix from what tells them
apart, or from their first mention), and nothing depends on the order of the documents.

The parts: people.py, organizations.py, projects.py (one entity kind each), common.py (the
canonical name they share), judgements.py (the analyst's file), resolver.py (a document's part
and the Resolver a build feeds as documents come). No garbage-collector control here: the
pipeline pauses the collector around resolution.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..models import Extraction, Resolution
from .common import canonical_name
from .judgements import Judgements, load_judgements
from .organizations import org_base_key, org_keys
from .people import (
    MERGE_THRESHOLD,
    RULES,
    PersonRecord,
    affiliation_conflict,
    cannot_link,
    rule_middle_name,
    rule_ocr_variant,
    rule_same_name,
    score_pair,
)
from .projects import project_key
from .resolver import DocumentPart, Resolver, document_part, part_from_data, part_to_data

__all__ = [
    "MERGE_THRESHOLD", "RULES", "DocumentPart", "Judgements", "PersonRecord", "Resolver", "affiliation_conflict",
    "canonical_name", "cannot_link", "document_part", "load_judgements", "org_base_key", "org_keys",
    "part_from_data", "part_to_data", "project_key", "resolve", "rule_middle_name", "rule_ocr_variant",
    "rule_same_name", "score_pair",
]


# --------------------------------------------------------------------------- entry point

def resolve(extractions: Iterable[Extraction], judgements: Judgements | None = None) -> Resolution:
    """Entities of the whole corpus and the entity of every mention; independent of document order.

    Reads ``extractions`` once, one at a time (a build passes them from disk, kg.pipeline.spill), and
    keeps of each only what resolution needs (``document_part``). It makes many small objects and
    no reference cycles: the pipeline runs it with the garbage collector paused."""
    resolver = Resolver()
    for ex in _in_identifier_order(extractions):
        resolver.add(document_part(ex))
    return resolver.finish(judgements)


def _in_identifier_order(extractions: Iterable[Extraction]) -> Iterable[Extraction]:
    """``extractions`` by document identifier; a sequence already in that order (a build's) is
    read as it is, without loading it all."""
    if getattr(extractions, "in_identifier_order", False):
        return extractions
    return sorted(extractions, key=lambda e: e.minutes.document.identifier)


