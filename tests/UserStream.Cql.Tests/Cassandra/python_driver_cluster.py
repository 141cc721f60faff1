"""Runs the DataStax Python driver against a CQL test cluster of several nodes: the driver discovers the
nodes from system.peers, prepares on the nodes it is connected to (its default), and then, after the calling test made every
node forget its prepared statements, sends one batch of two prepared statements to each node, which the
driver must recover from by re-preparing once per UNPREPARED answer.

Usage: /usr/bin/python3 python_driver_cluster.py PORT
Prints one JSON object per line; after the "prepared" event it waits for one line on stdin.
"""
import json
import sys

from cassandra.cluster import Cluster
from cassandra.query import BatchStatement


def report(**fields):
    print(json.dumps(fields, default=str), flush=True)


def main():
    cluster = Cluster(contact_points=["127.0.0.1"], port=int(sys.argv[1]), protocol_version=4)
    session = cluster.connect()
    hosts = sorted(cluster.metadata.all_hosts(), key=lambda h: h.address)
    report(event="connected", hosts=[h.address for h in hosts])

    session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
    # Qualified names and no USE: the driver switches other pools' keyspace in the background, which this
    # check should not race with.
    session.execute("CREATE TABLE ks.users (id int PRIMARY KEY, name text)")
    session.execute("CREATE TABLE ks.emails (email text PRIMARY KEY, id int)")
    user = session.prepare("INSERT INTO ks.users (id, name) VALUES (?, ?)")
    email = session.prepare("INSERT INTO ks.emails (email, id) VALUES (?, ?)")
    report(event="prepared", user_id=user.query_id.hex(), email_id=email.query_id.hex())
    sys.stdin.readline()

    written = []
    for n, host in enumerate(hosts):
        batch = BatchStatement()
        batch.add(user, (n, "user %d" % n))
        batch.add(email, ("user%d@example.com" % n, n))
        session.execute(batch, host=host)
        written.append(host.address)
    report(event="batches", hosts=written)

    cluster.shutdown()
    report(event="done")


if __name__ == "__main__":
    main()
