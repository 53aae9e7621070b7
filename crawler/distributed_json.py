"""scrapy-redis serializer: requests as JSON (bytes, byte-keyed headers and datetimes kept), never pickle, so
that a worker never runs code another process wrote into Redis."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: _encode(item) for key, item in value.items()}
        return {"$d": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} in the shared frontier")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$b" in value:
        return base64.b64decode(value["$b"])
    if "$t" in value:
        return datetime.fromisoformat(value["$t"])
    if "$d" in value:
        return {_decode(key): _decode(item) for key, item in value["$d"]}
    return {key: _decode(item) for key, item in value.items()}


def dumps(obj: Any) -> str:
    return json.dumps(_encode(obj), separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    return _decode(json.loads(text))
