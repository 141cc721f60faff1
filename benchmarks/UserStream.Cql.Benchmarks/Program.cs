using UserStream.Cql;
using UserStream.Cql.Benchmarks;
using UserStream.Cql.TestServer;
using UserStream.UserStore.Cassandra;

// Usage: dotnet run -c Release --project benchmarks/UserStream.Cql.Benchmarks [seconds-per-run]
var duration = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0]) : 5);
int[] concurrencies = [1, 16, 128];

await using var server = CqlTestServer.Start();
await using var cluster = Cluster.Builder().AddContactPoint(server.Host).WithPort(server.Port).Build();
var session = await cluster.ConnectAsync();
await session.ExecuteAsync(CassandraUserStoreCql.CreateKeyspace(new CassandraUserStoreOptions()));
await session.ExecuteAsync(CassandraUserStoreCql.CreateUsersTable);
var workload = await UserWorkload.PrepareAsync(session);

Console.WriteLine($"CQL client → CqlTestServer on 127.0.0.1, {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per run");
Console.WriteLine($"{"operation",-22} {"in flight",9} {"ops/s",12} {"mean µs",10}");
foreach (var (name, operation) in new (string, Func<int, Task>)[] { ("prepared insert", workload.InsertAsync), ("point read (by id)", workload.ReadAsync) })
{
    foreach (var inFlight in concurrencies)
    {
        await ThroughputRun.MeasureAsync(operation, inFlight, TimeSpan.FromSeconds(1)); // warm-up
        var result = await ThroughputRun.MeasureAsync(operation, inFlight, duration);
        Console.WriteLine($"{name,-22} {inFlight,9} {result.OperationsPerSecond,12:N0} {result.MeanLatency.TotalMicroseconds,10:N0}");
    }
}
