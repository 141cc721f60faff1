using System.Diagnostics;

namespace UserStream.Cql;

/// <summary>Tracing of CQL requests: one client span per request on the <see cref="ActivitySourceName"/> source.</summary>
public static class CqlInstrumentation
{
    /// <summary>The ActivitySource name to subscribe to ("UserStream.Cql").</summary>
    public const string ActivitySourceName = "UserStream.Cql";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(CqlInstrumentation).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one request; the statement text goes in without values.</summary>
    internal static Activity? StartRequest(string operation, string statementText, string? keyspace, ConsistencyLevel? consistency)
    {
        var activity = Source.StartActivity(keyspace is null ? operation : $"{operation} {keyspace}", ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("db.system", "cassandra");
        activity.SetTag("db.system.name", "cassandra");
        activity.SetTag("db.operation.name", operation);
        activity.SetTag("db.statement", statementText);
        activity.SetTag("db.query.text", statementText);
        if (keyspace is not null) activity.SetTag("db.namespace", keyspace);
        if (consistency is not null) activity.SetTag("db.cassandra.consistency_level", ConsistencyName(consistency.Value));
        return activity;
    }

    internal static void RecordHost(Activity? activity, Host host)
    {
        activity?.SetTag("server.address", host.HostName);
        activity?.SetTag("server.port", host.Port);
    }

    internal static void RecordError(Activity? activity, Exception error)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error is CqlServerException server ? $"0x{(int)server.Code:X4}" : error.GetType().FullName);
    }

    /// <summary>The first keyword of a statement (SELECT, INSERT, …), the span's operation name.</summary>
    internal static string OperationOf(string cql)
    {
        var trimmed = cql.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny(" \t\r\n(;");
        var keyword = end < 0 ? trimmed : trimmed[..end];
        return keyword.IsEmpty ? "QUERY" : keyword.ToString().ToUpperInvariant();
    }

    private static string ConsistencyName(ConsistencyLevel consistency) => consistency switch
    {
        ConsistencyLevel.LocalQuorum => "local_quorum",
        ConsistencyLevel.EachQuorum => "each_quorum",
        ConsistencyLevel.LocalSerial => "local_serial",
        ConsistencyLevel.LocalOne => "local_one",
        _ => consistency.ToString().ToLowerInvariant(),
    };
}
