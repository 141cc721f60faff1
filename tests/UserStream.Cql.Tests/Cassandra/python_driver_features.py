"""Exercises the CQL test server's wider CQL through the DataStax Python driver: every column type
the store may use (bound and as literals), named markers, UPDATE, DELETE, BATCH, IN, LIMIT with
paging, COUNT and error codes.

Usage: /usr/bin/python3 python_driver_features.py PORT
Prints one JSON object per line; the calling test asserts on them.
"""
import datetime
import json
import sys
import uuid

from cassandra import InvalidRequest
from cassandra.cluster import Cluster
from cassandra.protocol import SyntaxException
from cassandra.query import BatchStatement, SimpleStatement


def report(**fields):
    print(json.dumps(fields, default=str), flush=True)


def row_values(row):
    return [row.id, row.big, row.flag, row.ratio, row.payload, row.day, row.at, row.name, row.ref]


def main():
    cluster = Cluster(contact_points=["127.0.0.1"], port=int(sys.argv[1]), protocol_version=4)
    session = cluster.connect()
    session.execute("CREATE KEYSPACE features WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
    session.set_keyspace("features")
    session.execute("CREATE TABLE everything (id int PRIMARY KEY, big bigint, flag boolean, ratio double, "
                    "payload blob, day date, at timestamp, name text, ref uuid)")
    columns = "id, big, flag, ratio, payload, day, at, name, ref"

    insert = session.prepare("INSERT INTO everything (%s) VALUES (:id, :big, :flag, :ratio, :payload, :day, :at, :name, :ref)" % columns)
    select = session.prepare("SELECT %s FROM everything WHERE id = ?" % columns)
    at = datetime.datetime(2024, 2, 29, 13, 14, 15, 123000)
    expected = {}
    for n in range(30):
        values = {"id": n, "big": 2 ** 40 + n, "flag": n % 2 == 0, "ratio": n / 4.0, "payload": bytes([n, 255 - n]),
                  "day": datetime.date(1969, 12, 31) + datetime.timedelta(days=n), "at": at + datetime.timedelta(seconds=n),
                  "name": "name %d ü" % n, "ref": uuid.uuid4()}
        session.execute(insert, values)
        expected[n] = [values[c] for c in columns.split(", ")]
    bound_mismatches = [n for n in expected if row_values(session.execute(select, (n,)).one()) != expected[n]]
    report(event="bound_types", named_variables=[c.name for c in insert.column_metadata], mismatches=bound_mismatches)

    # Simple statements with parameters: the Python driver writes them into the CQL text as literals.
    literal = [100, 2 ** 50, True, -2.5, b"\x00\x01", datetime.date(2000, 1, 1), at, "it's", uuid.uuid4()]
    session.execute("INSERT INTO everything (%s) VALUES (%%s, %%s, %%s, %%s, %%s, %%s, %%s, %%s, %%s)" % columns, literal)
    report(event="literal_types", equal=row_values(session.execute(select, (100,)).one()) == literal)

    session.execute(session.prepare("UPDATE everything SET name = ?, flag = ? WHERE id = ?"), ("renamed", False, 1))
    updated = session.execute(select, (1,)).one()
    report(event="update", name=updated.name, flag=updated.flag, big_kept=updated.big == expected[1][1])

    session.execute(session.prepare("DELETE name FROM everything WHERE id = ?"), (2,))
    session.execute(session.prepare("DELETE FROM everything WHERE id = ?"), (3,))
    report(event="delete", column_cleared=session.execute(select, (2,)).one().name is None,
           row_gone=session.execute(select, (3,)).one() is None)

    batch = BatchStatement()
    batch.add(insert, {"id": 200, "big": 1, "flag": True, "ratio": 0.0, "payload": b"", "day": datetime.date(2020, 1, 1),
                       "at": at, "name": "batched", "ref": uuid.uuid4()})
    batch.add(SimpleStatement("INSERT INTO everything (id, name) VALUES (%s, %s)"), (201, "batched too"))
    batch.add(session.prepare("DELETE FROM everything WHERE id = ?"), (4,))
    session.execute(batch)
    report(event="batch", inserted=[session.execute(select, (i,)).one().name for i in (200, 201)],
           deleted=session.execute(select, (4,)).one() is None)

    report(event="in", ids=sorted(r.id for r in session.execute("SELECT id FROM everything WHERE id IN (5, 6, 7, 999)")))
    report(event="count", count=session.execute("SELECT COUNT(*) FROM everything").one()[0])

    limited = SimpleStatement("SELECT id FROM everything LIMIT 7", fetch_size=3)
    result = session.execute(limited)
    pages = [len(result.current_rows)]
    while result.paging_state is not None:
        result = session.execute(limited, paging_state=result.paging_state)
        pages.append(len(result.current_rows))
    bound_limit = session.prepare("SELECT id FROM everything LIMIT ?")
    report(event="limit", pages=pages, bound=len(list(session.execute(bound_limit, (5,)))))

    errors = {}
    for name, cql in [("syntax", "SELEKT * FROM everything"), ("unknown_table", "SELECT * FROM nowhere"),
                      ("filtering", "SELECT id FROM everything WHERE name = 'x'"), ("missing_key", "INSERT INTO everything (name) VALUES ('x')")]:
        try:
            session.execute(cql)
            errors[name] = "no error"
        except (SyntaxException, InvalidRequest) as error:
            errors[name] = type(error).__name__
    report(event="errors", **errors)

    cluster.shutdown()
    report(event="done")


if __name__ == "__main__":
    main()
