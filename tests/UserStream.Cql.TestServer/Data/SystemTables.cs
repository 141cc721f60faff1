using System.Net;

namespace UserStream.Cql.TestServer.Data;

/// <summary>
/// The system tables drivers read when they connect. <c>system_schema</c> is shared by the cluster (empty
/// tables, so schema metadata refreshes succeed with nothing to report); <c>system</c> is each node's own:
/// one <c>system.local</c> row describing the node and one <c>system.peers</c> row per other node.
/// </summary>
internal static class SystemTables
{
    private static readonly string[] SchemaTables =
        ["keyspaces", "tables", "columns", "indexes", "triggers", "types", "functions", "aggregates", "views"];

    private static readonly CqlType SetOfText = CqlType.Collection("set", [CqlType.Text]);

    /// <summary>The cluster-wide part: <c>system_schema</c>, and a <c>system</c> keyspace entry so USE system works.</summary>
    public static void CreateShared(Database database)
    {
        database.Keyspaces["system"] = new KeyspaceData("system", new Dictionary<string, string> { ["class"] = "LocalStrategy" });
        database.Keyspaces["system_schema"] = new KeyspaceData("system_schema", new Dictionary<string, string> { ["class"] = "LocalStrategy" });
        foreach (var table in SchemaTables)
        {
            var second = table switch
            {
                "keyspaces" => null,
                "types" => "type_name",
                "functions" => "function_name",
                "aggregates" => "aggregate_name",
                "views" => "view_name",
                _ => "table_name",
            };
            var third = table switch { "columns" => "column_name", "indexes" => "index_name", "triggers" => "trigger_name", _ => null };
            var keyColumns = new[] { "keyspace_name", second, third }.OfType<string>().ToList();
            database.AddTable(new TableSchema("system_schema", table,
                keyColumns.Select(c => (c, CqlType.Text)).ToList(), ["keyspace_name"], keyColumns.Skip(1).ToList()));
        }
    }

    /// <summary>One node's <c>system</c> keyspace, registered with the database so schema changes reach it.</summary>
    public static KeyspaceData CreateLocal(Database database, NodeIdentity node, string clusterName)
    {
        var system = new KeyspaceData("system", new Dictionary<string, string> { ["class"] = "LocalStrategy" });
        var local = new TableData(new TableSchema("system", "local",
        [
            ("key", CqlType.Text), ("bootstrapped", CqlType.Text), ("broadcast_address", CqlType.Inet),
            ("cluster_name", CqlType.Text), ("cql_version", CqlType.Text), ("data_center", CqlType.Text),
            ("host_id", CqlType.Uuid), ("listen_address", CqlType.Inet), ("native_protocol_version", CqlType.Text),
            ("partitioner", CqlType.Text), ("rack", CqlType.Text), ("release_version", CqlType.Text),
            ("rpc_address", CqlType.Inet), ("schema_version", CqlType.Uuid), ("tokens", SetOfText),
        ], ["key"], []));
        system.Tables["local"] = local;
        system.Tables["peers"] = new TableData(new TableSchema("system", "peers",
        [
            ("peer", CqlType.Inet), ("data_center", CqlType.Text), ("host_id", CqlType.Uuid), ("preferred_ip", CqlType.Inet),
            ("rack", CqlType.Text), ("release_version", CqlType.Text), ("rpc_address", CqlType.Inet),
            ("schema_version", CqlType.Uuid), ("tokens", SetOfText),
        ], ["peer"], []));

        var cells = local.GetOrAdd(new RowKey([ValueCodec.EncodeText("local")])).Cells;
        var ip = node.Address.GetAddressBytes();
        cells["key"] = ValueCodec.EncodeText("local");
        cells["bootstrapped"] = ValueCodec.EncodeText("COMPLETED");
        cells["broadcast_address"] = ip;
        cells["cluster_name"] = ValueCodec.EncodeText(clusterName);
        cells["cql_version"] = ValueCodec.EncodeText("3.4.4");
        cells["data_center"] = ValueCodec.EncodeText(node.DataCenter);
        cells["host_id"] = node.HostId.ToByteArray(bigEndian: true);
        cells["listen_address"] = ip;
        cells["native_protocol_version"] = ValueCodec.EncodeText("4");
        cells["partitioner"] = ValueCodec.EncodeText("org.apache.cassandra.dht.Murmur3Partitioner");
        cells["rack"] = ValueCodec.EncodeText("rack1");
        cells["release_version"] = ValueCodec.EncodeText(node.ReleaseVersion);
        cells["rpc_address"] = ip;
        cells["tokens"] = ValueCodec.EncodeCollection([ValueCodec.EncodeText(node.Token.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        lock (database.Sync)
        {
            database.NodeSystems.Add(system);
            RecordSchemaVersion(database);
        }
        return system;
    }

    /// <summary>Lists <paramref name="peer"/> in a node's <c>system.peers</c>.</summary>
    public static void AddPeer(Database database, KeyspaceData system, NodeIdentity peer)
    {
        var ip = peer.Address.GetAddressBytes();
        lock (database.Sync)
        {
            var cells = system.Tables["peers"].GetOrAdd(new RowKey([ip])).Cells;
            cells["peer"] = ip;
            cells["data_center"] = ValueCodec.EncodeText(peer.DataCenter);
            cells["host_id"] = peer.HostId.ToByteArray(bigEndian: true);
            cells["rack"] = ValueCodec.EncodeText("rack1");
            cells["release_version"] = ValueCodec.EncodeText(peer.ReleaseVersion);
            cells["rpc_address"] = ip;
            cells["tokens"] = ValueCodec.EncodeCollection([ValueCodec.EncodeText(peer.Token.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            RecordSchemaVersion(database);
        }
    }

    /// <summary>Every node reports the same schema version for itself and its peers, so drivers see schema agreement.</summary>
    public static void RecordSchemaVersion(Database database)
    {
        var version = database.SchemaVersion.ToByteArray(bigEndian: true);
        foreach (var system in database.NodeSystems)
        {
            foreach (var table in new[] { "local", "peers" })
            {
                foreach (var row in system.Tables[table].Scan(null)) row.Cells["schema_version"] = version;
            }
        }
    }
}
