using System.Net;

namespace UserStream.Cql.TestServer.Data;

/// <summary>
/// The system tables drivers read when they connect: one <c>system.local</c> row describing this
/// single node, an empty <c>system.peers</c>, and empty <c>system_schema</c> tables so schema
/// metadata refreshes succeed with nothing to report.
/// </summary>
internal static class SystemTables
{
    private static readonly string[] SchemaTables =
        ["keyspaces", "tables", "columns", "indexes", "triggers", "types", "functions", "aggregates", "views"];

    public static void Create(Database database, CqlTestServerOptions options, IPAddress address)
    {
        database.Keyspaces["system"] = new KeyspaceData("system", new Dictionary<string, string> { ["class"] = "LocalStrategy" });
        database.Keyspaces["system_schema"] = new KeyspaceData("system_schema", new Dictionary<string, string> { ["class"] = "LocalStrategy" });

        var setOfText = CqlType.Collection("set", [CqlType.Text]);
        database.AddTable(new TableSchema("system", "local",
        [
            ("key", CqlType.Text), ("bootstrapped", CqlType.Text), ("broadcast_address", CqlType.Inet),
            ("cluster_name", CqlType.Text), ("cql_version", CqlType.Text), ("data_center", CqlType.Text),
            ("host_id", CqlType.Uuid), ("listen_address", CqlType.Inet), ("native_protocol_version", CqlType.Text),
            ("partitioner", CqlType.Text), ("rack", CqlType.Text), ("release_version", CqlType.Text),
            ("rpc_address", CqlType.Inet), ("schema_version", CqlType.Uuid), ("tokens", setOfText),
        ], ["key"], []));
        database.AddTable(new TableSchema("system", "peers",
        [
            ("peer", CqlType.Inet), ("data_center", CqlType.Text), ("host_id", CqlType.Uuid), ("preferred_ip", CqlType.Inet),
            ("rack", CqlType.Text), ("release_version", CqlType.Text), ("rpc_address", CqlType.Inet),
            ("schema_version", CqlType.Uuid), ("tokens", setOfText),
        ], ["peer"], []));

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

        var local = database.GetTable("system", "local").GetOrAdd(new RowKey([ValueCodec.EncodeText("local")]));
        var cells = local.Cells;
        var ip = address.GetAddressBytes();
        cells["key"] = ValueCodec.EncodeText("local");
        cells["bootstrapped"] = ValueCodec.EncodeText("COMPLETED");
        cells["broadcast_address"] = ip;
        cells["cluster_name"] = ValueCodec.EncodeText(options.ClusterName);
        cells["cql_version"] = ValueCodec.EncodeText("3.4.4");
        cells["data_center"] = ValueCodec.EncodeText(options.DataCenter);
        cells["host_id"] = options.HostId.ToByteArray(bigEndian: true);
        cells["listen_address"] = ip;
        cells["native_protocol_version"] = ValueCodec.EncodeText("4");
        cells["partitioner"] = ValueCodec.EncodeText("org.apache.cassandra.dht.Murmur3Partitioner");
        cells["rack"] = ValueCodec.EncodeText("rack1");
        cells["release_version"] = ValueCodec.EncodeText(options.ReleaseVersion);
        cells["rpc_address"] = ip;
        cells["tokens"] = ValueCodec.EncodeCollection([ValueCodec.EncodeText("0")]);
        RecordSchemaVersion(database);
    }

    public static void RecordSchemaVersion(Database database)
    {
        if (!database.Keyspaces.ContainsKey("system")) return;
        var local = database.GetTable("system", "local").Find(new RowKey([ValueCodec.EncodeText("local")]));
        if (local is not null) local.Cells["schema_version"] = database.SchemaVersion.ToByteArray(bigEndian: true);
    }
}
