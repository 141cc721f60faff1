using System.Diagnostics;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

/// <summary>The throwaway PostgreSQL goes away with the process that owns it, even when that process is killed.</summary>
public sealed class LocalPostgresWatchdogTests
{
    [Fact]
    public async Task Server_is_stopped_and_its_directory_removed_when_the_owner_is_killed()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        await using var server = await LocalPostgresServer.StartAsync();
        var postmaster = server.ProcessId ?? throw new InvalidOperationException("server reported no postmaster pid");
        await server.StopWhenProcessExitsAsync(owner.Id);

        // The owner living on keeps the server up.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(Directory.Exists(server.RootDirectory));

        owner.Kill();
        await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists(server.RootDirectory)), exists => !exists,
            TimeSpan.FromSeconds(30), "the watchdog to remove the server's directory");
        await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists($"/proc/{postmaster}")), alive => !alive,
            TimeSpan.FromSeconds(30), "the postmaster to be gone");
    }
}
