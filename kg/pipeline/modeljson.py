"""An exact, data-only JSON form of the model's values (kg.models), for files that outlive a run.

Pickle may run any code while loading, so a file someone else could write (the extraction
cache) is never unpickled. This form holds only JSON data and decodes into a closed set of
model classes: a dataclass is ``{"ClassName": [field values in declared order]}``, a tuple is a
JSON array, a date is ``{"date": "YYYY-MM-DD"}``; strings, integers, booleans and null stand for
themselves. ``decode(encode(x)) == x`` for every Extraction (tests/test_modeljson.py).
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import fields, is_dataclass
from typing import Any

from .. import models
from ..errors import DecodeError

# the only classes a file may name: what an Extraction is made of
# Every dataclass of the stage contracts, found rather than listed, so that a class added to
# kg/models.py is cached without a second edit here (and decoding still knows only these).
CLASSES: dict[str, type] = {cls.__name__: cls for cls in sorted(
    (obj for obj in vars(models).values() if isinstance(obj, type) and is_dataclass(obj)
     and obj.__module__ == models.__name__), key=lambda c: c.__name__)}
_FIELDS = {name: tuple(f.name for f in fields(cls)) for name, cls in CLASSES.items()}


def to_data(value: Any) -> Any:
    """``value`` as plain JSON data (see the module's docstring)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return {"date": value.isoformat()}
    name = type(value).__name__
    if is_dataclass(value) and CLASSES.get(name) is type(value):
        return {name: [to_data(getattr(value, f)) for f in _FIELDS[name]]}
    raise TypeError(f"kg.pipeline.modeljson cannot encode a {type(value).__qualname__}; add it to CLASSES")


def from_data(data: Any) -> Any:
    """The model value that ``to_data`` gave ``data``; DecodeError for anything else."""
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if isinstance(data, list):
        return tuple(from_data(v) for v in data)
    if isinstance(data, dict) and len(data) == 1:
        ((name, payload),) = data.items()
        if name == "date" and isinstance(payload, str):
            try:
                return _dt.date.fromisoformat(payload)
            except ValueError as exc:
                raise DecodeError(f"bad date {payload!r}") from exc
        if name in CLASSES and isinstance(payload, list) and len(payload) == len(_FIELDS[name]):
            return CLASSES[name](*(from_data(v) for v in payload))
    raise DecodeError(f"not an encoded model value: {str(data)[:60]}")


def encode(value: Any) -> bytes:
    """Deterministic UTF-8 JSON of ``value`` (one line)."""
    return json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> Any:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DecodeError(str(exc)) from exc
    return from_data(parsed)
