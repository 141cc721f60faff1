using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary><c>--Postgres:DataDirectory</c> keeps the local PostgreSQL's data across AppHost runs.</summary>
public sealed class PostgresDataDirectoryTests
{
    [Fact]
    public async Task A_data_directory_in_the_home_folder_keeps_the_cluster_across_two_AppHost_runs()
    {
        // Below the home folder, as the README's example: as root the postgres OS user cannot enter it, so this also
        // covers the cluster living elsewhere behind a link.
        var keep = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "userstream-test-" + Guid.NewGuid().ToString("N")[..8], "pg");
        var argument = "--Postgres:DataDirectory=" + keep.Replace(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "~", StringComparison.Ordinal);
        try
        {
            await RunAppHostAsync(argument, "CREATE TABLE kept_across_runs (id int)");
            Assert.True(File.Exists(Path.Combine(keep, "data", "PG_VERSION")), "the cluster is still there after the AppHost stopped");
            await RunAppHostAsync(argument, "SELECT count(*) FROM kept_across_runs"); // throws when the table is gone
        }
        finally
        {
            var target = new DirectoryInfo(keep).LinkTarget is null ? null : Directory.ResolveLinkTarget(keep, returnFinalTarget: true)?.FullName;
            var folder = Path.GetDirectoryName(keep)!;
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            if (target is not null && Directory.Exists(target))
                Directory.Delete(target, recursive: true);
        }
    }

    /// <summary>Starts the AppHost, runs <paramref name="sql"/> on its PostgreSQL once everything is up, and stops it with SIGTERM.</summary>
    private static async Task RunAppHostAsync(string argument, string sql)
    {
        var output = new ConcurrentQueue<string>();
        using var appHost = AppHostExecutable.Start(output.Enqueue, argument);
        try
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(output.Any(l => l.StartsWith("Dashboard login: ", StringComparison.Ordinal)) || appHost.HasExited),
                done => done, TimeSpan.FromMinutes(5), "the start-up summary ending with the dashboard login");
            Assert.False(appHost.HasExited, "the AppHost exited at start:\n" + string.Join('\n', output));
            var postmaster = LinuxProcesses.WithCommandLineContaining($"--monitor {appHost.Id}").SelectMany(LinuxProcesses.Descendants)
                .First(pid => LinuxProcesses.CommandLine(pid).Contains("/postgres -D ", StringComparison.Ordinal));
            var words = LinuxProcesses.CommandLine(postmaster).Split(' ');
            var port = int.Parse(words[Array.IndexOf(words, "-p") + 1], CultureInfo.InvariantCulture);
            await using (var db = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres"))
            await using (var command = db.CreateCommand(sql))
                await command.ExecuteNonQueryAsync();

            LinuxProcesses.Signal(appHost.Id, "TERM");
            await appHost.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!appHost.HasExited)
                appHost.Kill(entireProcessTree: true);
        }
    }
}
