using System.Collections.Concurrent;
using System.Diagnostics;
using UserStream.Cql;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>One client span per request on the "UserStream.Cql" ActivitySource, with the statement text and never its values.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CqlInstrumentation.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Each_request_gets_a_client_span_with_statement_text_but_no_values()
    {
        const string cql = "SELECT id FROM created_users WHERE email = ? /* telemetry-ok */";
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => SpecFrames.TextRowsFrame(r.Stream, "id", ["1"])));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync("user_stream");

        await session.ExecuteAsync(new SimpleStatement(cql, "secret@example.com").SetConsistencyLevel(ConsistencyLevel.LocalQuorum));

        var span = Assert.Single(_spans, s => (string?)s.GetTagItem("db.statement") == cql);
        Assert.Equal("SELECT user_stream", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("cassandra", span.GetTagItem("db.system"));
        Assert.Equal("user_stream", span.GetTagItem("db.namespace"));
        Assert.Equal("local_quorum", span.GetTagItem("db.cassandra.consistency_level"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(peer.Port, span.GetTagItem("server.port"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("secret@example.com") == true);
    }

    [Fact]
    public async Task Failed_request_span_has_error_status_and_the_server_code()
    {
        const string cql = "SELEC broken /* telemetry-error */";
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => SpecFrames.ErrorFrame(r.Stream, 0x2000, "bad syntax")));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        await Assert.ThrowsAsync<SyntaxError>(() => session.ExecuteAsync(cql));

        var span = Assert.Single(_spans, s => (string?)s.GetTagItem("db.statement") == cql);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("0x2000", span.GetTagItem("error.type"));
    }
}
