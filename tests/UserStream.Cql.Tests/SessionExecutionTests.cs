using System.Buffers.Binary;
using UserStream.Cql;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>QUERY, PREPARE/EXECUTE, BATCH and paging through a session against a scripted peer.</summary>
public class SessionExecutionTests
{
    [Fact]
    public async Task Query_returns_rows_and_the_coordinator()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r =>
            r.Text == "SELECT email FROM created_users" ? SpecFrames.TextRowsFrame(r.Stream, "email", ["a@x.io", null]) : null));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var rows = await session.ExecuteAsync("SELECT email FROM created_users");

        Assert.Equal(["a@x.io", null], rows.Select(r => r.GetValue<string>("email")));
        Assert.Equal($"127.0.0.1:{peer.Port}", rows.Info.QueriedHost);
        Assert.True(rows.IsFullyFetched);
    }

    [Fact]
    public async Task Enumerating_a_paged_result_fetches_following_pages_with_the_paging_state()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => PagingState(r) switch
        {
            null => SpecFrames.TextRowsFrame(r.Stream, "v", ["1", "2"], pagingState: [0xA1]),
            [0xA1] => SpecFrames.TextRowsFrame(r.Stream, "v", [], pagingState: [0xA2]),
            [0xA2] => SpecFrames.TextRowsFrame(r.Stream, "v", ["3"]),
            _ => null,
        }));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var rows = await session.ExecuteAsync(new SimpleStatement("SELECT v FROM t").SetPageSize(2));

        Assert.Equal(2, rows.GetAvailableWithoutFetching());
        Assert.Equal(["1", "2", "3"], rows.Select(r => r.GetValue<string>(0)));
        Assert.True(rows.IsFullyFetched);
        Assert.All(peer.Requests.Where(r => r.Opcode == PeerRequest.Query && r.Text == "SELECT v FROM t"), r => Assert.Equal(2, PageSize(r)));
    }

    [Fact]
    public async Task Manual_paging_exposes_the_paging_state_and_resumes_from_it()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => PagingState(r) switch
        {
            null => SpecFrames.TextRowsFrame(r.Stream, "v", ["1"], pagingState: [0x0F, 0x0E]),
            [0x0F, 0x0E] => SpecFrames.TextRowsFrame(r.Stream, "v", ["2"]),
            _ => null,
        }));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var first = await session.ExecuteAsync(new SimpleStatement("SELECT v FROM t").SetPageSize(1).SetAutoPage(false));
        Assert.Equal(["1"], first.Select(r => r.GetValue<string>(0)));
        Assert.Equal(new byte[] { 0x0F, 0x0E }, first.PagingState);

        var second = await session.ExecuteAsync(new SimpleStatement("SELECT v FROM t").SetPageSize(1).SetPagingState(first.PagingState));
        Assert.Equal(["2"], second.Select(r => r.GetValue<string>(0)));
        Assert.Null(second.PagingState);
    }

    [Fact]
    public async Task Fetch_more_results_appends_the_next_page_without_blocking()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => PagingState(r) is null
            ? SpecFrames.TextRowsFrame(r.Stream, "v", ["1"], pagingState: [1])
            : SpecFrames.TextRowsFrame(r.Stream, "v", ["2"])));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var rows = await session.ExecuteAsync(new SimpleStatement("SELECT v FROM t").SetAutoPage(false));
        await rows.FetchMoreResultsAsync();

        Assert.Equal(2, rows.GetAvailableWithoutFetching());
        Assert.True(rows.IsFullyFetched);
    }

    [Fact]
    public async Task Prepared_statement_executes_by_id_with_values_typed_by_the_server()
    {
        byte[] id = [0x51, 0x52];
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Opcode switch
        {
            PeerRequest.Prepare => SpecFrames.PreparedFrame(r.Stream, id, ("id", 0x000C), ("visits", 0x0002)),
            PeerRequest.Execute when r.PreparedId!.SequenceEqual(id) => SpecFrames.VoidResultFrame(r.Stream),
            _ => null,
        }));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var prepared = await session.PrepareAsync("UPDATE t SET visits = ? WHERE id = ?");
        var result = await session.ExecuteAsync(prepared.Bind(Guid.Empty, 3));

        Assert.Empty(result);
        Assert.Equal(["id", "visits"], prepared.Variables.Select(v => v.Name));
        var execute = peer.Requests.Single(r => r.Opcode == PeerRequest.Execute);
        // The int 3 went out as an 8-byte bigint because the server typed the variable so.
        Assert.Equal("0000000000000003", Convert.ToHexString(execute.Body.AsSpan(2 + id.Length + 2 + 1 + 2 + 4 + 16 + 4, 8)));
    }

    [Fact]
    public async Task Binding_a_value_of_the_wrong_type_fails_before_anything_is_sent()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r =>
            r.Opcode == PeerRequest.Prepare ? SpecFrames.PreparedFrame(r.Stream, [1], ("age", 0x0009)) : null));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();
        var prepared = await session.PrepareAsync("UPDATE t SET age = ? WHERE id = 1");

        var error = await Assert.ThrowsAsync<InvalidTypeException>(() => session.ExecuteAsync(prepared.Bind("forty")));

        Assert.Contains("age", error.Message);
        Assert.DoesNotContain(peer.Requests, r => r.Opcode == PeerRequest.Execute);
    }

    [Fact]
    public async Task Batch_is_sent_as_one_batch_request()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Opcode == PeerRequest.Batch ? SpecFrames.VoidResultFrame(r.Stream) : null));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var batch = new BatchStatement().SetBatchType(BatchType.Unlogged)
            .Add(new SimpleStatement("INSERT INTO a (k) VALUES (?)", 1))
            .Add(new SimpleStatement("INSERT INTO b (k) VALUES (?)", 2));
        await session.ExecuteAsync(batch);

        var sent = peer.Requests.Single(r => r.Opcode == PeerRequest.Batch);
        Assert.Equal(1, sent.Body[0]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(sent.Body.AsSpan(1)));
    }

    [Fact]
    public async Task Server_error_frames_surface_as_typed_exceptions_with_code_and_message()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r =>
            SpecFrames.ErrorFrame(r.Stream, 0x2000, "line 1:0 no viable alternative at input 'SELEC'")));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var error = await Assert.ThrowsAsync<SyntaxError>(() => session.ExecuteAsync("SELEC 1"));

        Assert.Equal(ServerErrorCode.SyntaxError, error.Code);
        Assert.Equal("line 1:0 no viable alternative at input 'SELEC'", error.ServerMessage);
    }

    [Fact]
    public async Task A_use_statement_changes_the_session_keyspace()
    {
        await using var peer = new ScriptedCqlPeer();
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        await session.ExecuteAsync("USE other");

        Assert.Equal("other", session.Keyspace);
    }

    private static byte[]? PagingState(PeerRequest request)
    {
        var (flags, offset) = QueryFlags(request);
        if ((flags & 0x08) == 0) return null;
        if ((flags & 0x04) != 0) offset += 4;
        var length = BinaryPrimitives.ReadInt32BigEndian(request.Body.AsSpan(offset));
        return request.Body.AsSpan(offset + 4, length).ToArray();
    }

    private static int PageSize(PeerRequest request)
    {
        var (flags, offset) = QueryFlags(request);
        return (flags & 0x04) == 0 ? 0 : BinaryPrimitives.ReadInt32BigEndian(request.Body.AsSpan(offset));
    }

    /// <summary>The query flags of a QUERY without values, and the offset just after them.</summary>
    private static (byte Flags, int Offset) QueryFlags(PeerRequest request)
    {
        var offset = 4 + BinaryPrimitives.ReadInt32BigEndian(request.Body) + 2;
        return (request.Body[offset], offset + 1);
    }
}
