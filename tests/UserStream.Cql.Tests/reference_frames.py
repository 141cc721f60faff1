"""Encodes CQL v4 request frames with the DataStax Python driver, as an independent reference.

Reads a JSON list of message descriptions on stdin and prints one hex-encoded frame per line.
Run with Debian's /usr/bin/python3 (python3-cassandra 3.25).
"""
import datetime
import json
import sys
import uuid

from cassandra import cqltypes
from cassandra.protocol import (AuthResponseMessage, BatchMessage, ExecuteMessage, OptionsMessage,
                                PrepareMessage, ProtocolHandler, QueryMessage, StartupMessage,
                                _UNSET_VALUE)
from cassandra.query import BatchType

SCALARS = {
    "int": cqltypes.Int32Type,
    "bigint": cqltypes.LongType,
    "text": cqltypes.UTF8Type,
    "ascii": cqltypes.AsciiType,
    "uuid": cqltypes.UUIDType,
    "timeuuid": cqltypes.TimeUUIDType,
    "boolean": cqltypes.BooleanType,
    "timestamp": cqltypes.DateType,
    "date": cqltypes.SimpleDateType,
    "double": cqltypes.DoubleType,
    "blob": cqltypes.BytesType,
}


def cql_type(spec):
    if isinstance(spec, str):
        return SCALARS[spec]
    if "list" in spec:
        return cqltypes.ListType.apply_parameters([cql_type(spec["list"])])
    if "set" in spec:
        return cqltypes.SetType.apply_parameters([cql_type(spec["set"])])
    key, value = spec["map"]
    return cqltypes.MapType.apply_parameters([cql_type(key), cql_type(value)])


def python_value(spec, value):
    """JSON value -> what the driver's serializer takes for that CQL type."""
    if isinstance(spec, dict):
        if "list" in spec:
            return [python_value(spec["list"], v) for v in value]
        if "set" in spec:
            return [python_value(spec["set"], v) for v in value]  # a list keeps the element order
        key, val = spec["map"]
        return dict((python_value(key, k), python_value(val, v)) for k, v in value)
    if spec in ("uuid", "timeuuid"):
        return uuid.UUID(value)
    if spec == "blob":
        return bytes.fromhex(value)
    if spec == "date":
        return datetime.date.fromisoformat(value)
    return value  # int, bigint, text, ascii, boolean, double, timestamp (milliseconds)


def serialized(values):
    if values is None:
        return None
    out = []
    for v in values:
        if v.get("null"):
            out.append(None)
        elif v.get("unset"):
            out.append(_UNSET_VALUE)
        else:
            out.append(cql_type(v["type"]).serialize(python_value(v["type"], v["value"]), 4))
    return out


def hex_or_none(value):
    return bytes.fromhex(value) if value else None


def message(m):
    kind = m["message"]
    if kind == "startup":
        return StartupMessage(m["cql_version"], {})
    if kind == "options":
        return OptionsMessage()
    if kind == "auth_response":
        return AuthResponseMessage(bytes.fromhex(m["token"]))
    if kind == "prepare":
        return PrepareMessage(m["query"])
    if kind == "query":
        msg = QueryMessage(m["query"], m["consistency"], m.get("serial"), m.get("page_size"),
                           hex_or_none(m.get("paging_state")), m.get("timestamp"))
        msg.query_params = serialized(m.get("values"))
        return msg
    if kind == "execute":
        return ExecuteMessage(bytes.fromhex(m["id"]), serialized(m.get("values")), m["consistency"],
                              m.get("serial"), m.get("page_size"), hex_or_none(m.get("paging_state")),
                              m.get("timestamp"))
    if kind == "batch":
        batch_type = {0: BatchType.LOGGED, 1: BatchType.UNLOGGED, 2: BatchType.COUNTER}[m["batch_type"]]
        entries = []
        for e in m["entries"]:
            if "id" in e:
                entries.append((True, bytes.fromhex(e["id"]), serialized(e.get("values", []))))
            else:
                entries.append((False, e["query"], serialized(e.get("values", []))))
        return BatchMessage(batch_type, entries, m["consistency"], m.get("serial"), m.get("timestamp"))
    raise ValueError("unknown message kind " + kind)


def main():
    for m in json.load(sys.stdin):
        frame = ProtocolHandler.encode_message(message(m), m["stream"], 4, None, False)
        print(frame.hex())


if __name__ == "__main__":
    main()
