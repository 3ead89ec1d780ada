"""Putting a new store (and graph file) in place, and cleaning up after a killed build.

The store changes in one step: the finished new folder (``kg.graph.store_writer``) and the old
one swap places atomically (``renameat2(RENAME_EXCHANGE)``), so a build killed at any moment
leaves the old store or the new one, never a mix. With ``--out`` too, a commit record
(``.DIR.kg-commit``) names the new graph file before the swap and is removed after both are in
place; the next build finishes or undoes what it names, and removes the temporary files a killed
build left (``kg.tempfiles``).
"""
from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import sys
from pathlib import Path

from ..tempfiles import clean_left_behind, remove, temp_prefix
from .store import manifest_build, write_json

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> None:
    """Swap ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so that ``b``
    is at every moment either the old folder or the new one. Where the system cannot, two
    renames, with a moment in which ``b`` is missing (``recover`` puts it back)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform.startswith("linux") else None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(err, os.strerror(err), str(b))
    aside = b.with_name(f"{temp_prefix(b.name)}aside")
    os.replace(b, aside)
    os.replace(a, b)
    os.replace(aside, a)


def _journal(store: Path) -> Path:
    return store.parent / f".{store.name}.kg-commit"


def commit(work: Path, store: Path, out_tmp: Path | None = None, out: Path | None = None) -> None:
    """Put the finished store ``work`` in place of ``store`` and, with ``out``, the finished graph
    file ``out_tmp`` in place of ``out``: the commit record first (naming the new store's build
    and the file), then the swap, the file, and the record removed. The old store is removed last."""
    build = manifest_build(work)
    journal = _journal(store)
    if out is not None and out_tmp is not None:
        write_json(journal, {"build": build, "out": str(out), "out_tmp": str(out_tmp)})
    if store.exists():
        _exchange(work, store)
    else:
        os.replace(work, store)
    if out is not None and out_tmp is not None:
        os.replace(out_tmp, out)
        journal.unlink(missing_ok=True)
    shutil.rmtree(work, ignore_errors=True)   # the old store, after the swap


def recover(store: str | Path) -> int:
    """Finish or undo the commit of a build killed while it put its store and graph file in place
    (``commit``), then remove the temporary files and folders killed builds left beside the store.
    Call with the store locked. Returns how many leftovers were removed."""
    store = Path(store)
    journal = _journal(store)
    removed = 0
    aside = sorted(store.parent.glob(f".{store.name}.kg-*-aside"))
    if aside and not store.exists():      # killed between the two renames of _exchange's fallback
        os.replace(aside[0], store)
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        record = None
    except ValueError:   # written atomically, so never half: not ours; leave it to the user
        record = None
    if isinstance(record, dict) and record.get("out_tmp"):
        out_tmp, out = Path(record["out_tmp"]), Path(record["out"])
        if out_tmp.exists():
            if record.get("build") is not None and manifest_build(store) == record.get("build"):
                os.replace(out_tmp, out)   # the store is the new one: so becomes the graph file
            else:
                out_tmp.unlink()           # the store is the old one: so stays the graph file
                removed += 1
        journal.unlink(missing_ok=True)
    removed += clean_left_behind(store.parent, store.name)
    # what builds before these names left (the store is locked: no other build writes them now)
    earlier = re.compile(rf"\.{re.escape(store.name)}\.(old|[a-z0-9_]{{8}}(\.nq)?)")
    legacy = [p for p in store.parent.iterdir() if earlier.fullmatch(p.name)]
    return removed + remove(legacy)
