"""Decodes CQL v4 response frames with the DataStax Python driver, as an independent check of test frames.

Reads hex-encoded frames, one per line, on stdin; prints one JSON object per frame: the driver's message
class and its decoded attributes (bytes as hex, CQL types by name, everything else as str()).
Run with Debian's /usr/bin/python3 (python3-cassandra 3.25).
"""
import json
import struct
import sys

from cassandra.cqltypes import _CassandraType
from cassandra.protocol import ProtocolHandler


def plain(value):
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, type) and issubclass(value, _CassandraType):
        return value.cql_parameterized_type()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return dict((str(k), plain(v)) for k, v in value.items())
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def main():
    for line in sys.stdin:
        frame = bytes.fromhex(line.strip())
        version, flags, stream, opcode, length = struct.unpack(">BBhBi", frame[:9])
        msg = ProtocolHandler.decode_message(version & 0x7F, {}, stream, flags, opcode, frame[9:9 + length], None, None)
        fields = dict((k, plain(v)) for k, v in vars(msg).items())
        print(json.dumps({"class": type(msg).__name__, "fields": fields}))


if __name__ == "__main__":
    main()
