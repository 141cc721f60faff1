using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Cql;

namespace UserStream.Cassandra;

/// <summary>
/// Healthy when a node answers <c>SELECT release_version FROM system.local</c>. It keeps a session of its own in
/// keyspace <c>system</c>, opened on the first check and again after a failure, so it works before any
/// application keyspace exists.
/// </summary>
public sealed class CassandraHealthCheck(Cluster cluster, TimeSpan timeout) : IHealthCheck, IAsyncDisposable
{
    private const string Query = "SELECT release_version FROM system.local WHERE key = 'local'";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ISession? _session;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var session = await SessionAsync(deadline.Token);
            var rows = await session.ExecuteAsync(Query, deadline.Token);
            var version = rows.Select(r => r.GetValue<string>("release_version")).FirstOrDefault();
            return HealthCheckResult.Healthy($"Cassandra {version} answers");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await ForgetSessionAsync();
            var reason = deadline.IsCancellationRequested ? $"no answer within {timeout}" : e.Message;
            return new HealthCheckResult(context.Registration.FailureStatus, $"Cassandra unreachable: {reason}", e);
        }
    }

    /// <summary>Closes the check's session.</summary>
    public async ValueTask DisposeAsync()
    {
        await ForgetSessionAsync();
        _gate.Dispose();
    }

    private async Task<ISession> SessionAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _session ??= await cluster.ConnectAsync("system", cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ForgetSessionAsync()
    {
        var session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
            await session.DisposeAsync();
    }
}
