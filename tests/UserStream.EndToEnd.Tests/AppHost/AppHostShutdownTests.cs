using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>Ending the AppHost ends everything it started: DCP, the dashboard, the services, PostgreSQL, the broker, and PostgreSQL's data.</summary>
public sealed class AppHostShutdownTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task Ending_the_AppHost_leaves_no_process_and_no_postgres_data_directory(string signal)
    {
        var output = new ConcurrentQueue<string>();
        using var appHost = AppHostExecutable.Start(output.Enqueue);
        try
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(output.Any(l => l.StartsWith("Dashboard login: ", StringComparison.Ordinal))), up => up,
                TimeSpan.FromMinutes(5), "the start-up summary ending with the dashboard login");
            Assert.Matches(@"^Dashboard login: http://localhost:\d+/login\?t=[0-9a-f]+$", output.Last(l => l.Length > 0));
            // Beside it, a ready line that starts a run with the key generated for this start.
            var curl = Assert.Single(output, l => l.TrimStart().StartsWith("curl -H \"X-Api-Key: ", StringComparison.Ordinal));
            var ready = Regex.Match(curl, @"X-Api-Key: ([A-Za-z0-9]{32,})"".* -X POST (http://\S+)/runs -d '(.+)'$");
            Assert.True(ready.Success, curl);
            using (var http = new HttpClient())
            using (var request = new HttpRequestMessage(HttpMethod.Post, ready.Groups[2].Value + "/runs")
            {
                Content = new StringContent(ready.Groups[3].Value, Encoding.UTF8, "application/json"),
            })
            {
                request.Headers.Add("X-Api-Key", ready.Groups[1].Value);
                Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(request)).StatusCode);
            }

            // DCP is not below the AppHost: it watches it (--monitor PID) from outside.
            var dcp = LinuxProcesses.WithCommandLineContaining($"--monitor {appHost.Id}");
            Assert.NotEmpty(dcp);
            var started = dcp.Concat(dcp.SelectMany(LinuxProcesses.Descendants)).Concat(LinuxProcesses.Descendants(appHost.Id)).Distinct().ToList();
            var commandLines = started.Select(LinuxProcesses.CommandLine).ToList();
            Assert.Contains(commandLines, c => c.Contains("Aspire.Dashboard", StringComparison.Ordinal));
            Assert.Contains(commandLines, c => c.Contains("UserStream.EmbeddedKafka", StringComparison.Ordinal));
            Assert.Contains(commandLines, c => c.Contains("UserStream.Processor", StringComparison.Ordinal));
            var postgres = commandLines.Single(c => c.Contains("/postgres -D ", StringComparison.Ordinal));
            var dataDirectory = postgres.Split(' ')[postgres.Split(' ').ToList().IndexOf("-D") + 1];
            Assert.True(Directory.Exists(dataDirectory));

            LinuxProcesses.Signal(appHost.Id, signal);

            var left = await Eventually.ReturnsAsync(() => Task.FromResult(started.Where(LinuxProcesses.IsAlive).ToList()), l => l.Count == 0,
                TimeSpan.FromSeconds(60), "every process of the AppHost ended");
            Assert.Empty(left);
            await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists(Path.GetDirectoryName(dataDirectory))), exists => !exists,
                TimeSpan.FromSeconds(30), "PostgreSQL's throwaway directory removed");
        }
        finally
        {
            if (!appHost.HasExited)
                appHost.Kill(entireProcessTree: true);
        }
    }
}
