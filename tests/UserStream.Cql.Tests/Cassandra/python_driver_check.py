"""Runs the Cassandra user store's CQL through the DataStax Python driver (an independent
CQL implementation) against a server given on the command line.

Usage: /usr/bin/python3 python_driver_check.py PORT [USERNAME PASSWORD] < statements.json
statements.json holds the store's CQL: create_keyspace, create_users_table, create_email_table,
insert_user, select_user_by_id, select_users (the paged listing).
Prints one JSON object per line; the calling test asserts on them.
"""
import datetime
import json
import sys
import uuid

from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import Cluster
from cassandra.query import SimpleStatement

USERS = 25
PAGE_SIZE = 10


def report(**fields):
    print(json.dumps(fields, default=str), flush=True)


def sample_value(cql_type, n):
    """A distinct value of the bind variable's type, as the driver would send it."""
    name = cql_type.typename
    if name in ("uuid", "timeuuid"):
        return uuid.uuid4()
    if name in ("text", "varchar", "ascii"):
        return "value-%d" % n
    if name == "timestamp":
        return datetime.datetime(2020, 1, 1) + datetime.timedelta(minutes=n)
    if name in ("int", "bigint", "smallint", "tinyint"):
        return n
    if name == "boolean":
        return n % 2 == 0
    if name in ("double", "float"):
        return n + 0.5
    if name == "blob":
        return bytes([n % 256])
    raise ValueError("no sample value for type " + name)


def main():
    port = int(sys.argv[1])
    options = {}
    if len(sys.argv) >= 4:
        options["auth_provider"] = PlainTextAuthProvider(username=sys.argv[2], password=sys.argv[3])
    cql = json.load(sys.stdin)

    cluster = Cluster(contact_points=["127.0.0.1"], port=port, protocol_version=4, **options)
    session = cluster.connect()
    report(event="connected", protocol_version=cluster.protocol_version)

    session.execute(cql["create_keyspace"])
    session.set_keyspace("user_stream")
    session.execute(cql["create_users_table"])
    session.execute(cql["create_email_table"])
    report(event="schema_created")

    insert = session.prepare(cql["insert_user"])
    variables = [(column.name, column.type) for column in insert.column_metadata]
    report(event="prepared_insert", variables=[name for name, _ in variables],
           routing_key_indexes=insert.routing_key_indexes)

    inserted = {}
    for n in range(USERS):
        values = {name: sample_value(cql_type, n) for name, cql_type in variables}
        session.execute(insert, values)
        inserted[values["id"]] = values
    report(event="inserted", count=len(inserted))

    select_by_id = session.prepare(cql["select_user_by_id"])
    mismatches = 0
    for user_id, values in inserted.items():
        row = session.execute(select_by_id, (user_id,)).one()
        if row is None or any(getattr(row, name) != value for name, value in values.items()):
            mismatches += 1
    report(event="selected_by_id", checked=len(inserted), mismatches=mismatches)

    missing = session.execute(select_by_id, (uuid.uuid4(),)).one()
    report(event="selected_missing", found=missing is not None)

    statement = SimpleStatement(cql["select_users"], fetch_size=PAGE_SIZE)
    result = session.execute(statement)
    pages = [len(result.current_rows)]
    seen = [row.id for row in result.current_rows]
    while result.paging_state is not None:
        result = session.execute(statement, paging_state=result.paging_state)
        pages.append(len(result.current_rows))
        seen.extend(row.id for row in result.current_rows)
    report(event="paged", pages=pages, rows=len(seen), distinct=len(set(seen)),
           all_inserted=set(seen) == set(inserted))

    cluster.shutdown()
    report(event="done")


if __name__ == "__main__":
    main()
