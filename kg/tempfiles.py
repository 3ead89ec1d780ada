"""Temporary files and folders beside an output, named so that a later run can clean them up.

A build writes its outputs (``--out``, the ``--store`` folder, cache entries) beside them under a
temporary name first and renames them into place when complete. A killed build (``kill -9``, a
power cut of the process) leaves those behind; each name carries the pid of the process that made
it (``.NAME.kg-PID-RANDOM``), so the next run removes those whose process is gone and spares a
build still running beside it.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path


def temp_prefix(name: str = "") -> str:
    """The prefix of this process's temporary files for the output ``name`` (for ``tempfile``);
    without a name, of temporary files in a folder of their own (the cache's)."""
    return f".{name}.kg-{os.getpid()}-" if name else f"kg-{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process
        return True
    return True


def left_behind(folder: str | Path, name: str) -> list[Path]:
    """Temporary files and folders for ``name`` (see ``temp_prefix``) in ``folder`` whose process has ended."""
    pattern = re.compile(rf"\.{re.escape(name)}\.kg-(\d+)-" if name else r"kg-(\d+)-")
    found = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for p in entries:
        m = pattern.match(p.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            found.append(p)
    return sorted(found)


def remove(paths: list[Path]) -> int:
    """Remove files and folders (what is already gone is fine); returns how many were removed."""
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
    return len(paths)


def clean_left_behind(folder: str | Path, name: str) -> int:
    """Remove what killed runs left for ``name`` in ``folder``; returns how many were removed."""
    return remove(left_behind(folder, name))
