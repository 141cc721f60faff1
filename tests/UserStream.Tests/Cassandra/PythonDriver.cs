using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UserStream.Tests.Cassandra;

/// <summary>
/// Runs the scripts beside these tests with Debian's DataStax Python driver (python3-cassandra),
/// an independent CQL implementation. /usr/bin/python3 on purpose: the python3 first on PATH lacks it.
/// </summary>
internal static class PythonDriver
{
    private const string Interpreter = "/usr/bin/python3";

    public static async Task<PythonRun> RunAsync(string script, string stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ScriptDirectory(), script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish; stderr: {await stderr}");
        }
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        return new PythonRun(process.ExitCode, lines, await stderr);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    private static string ScriptDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}

/// <summary>What a script printed: one JSON object per line, each with an "event" name.</summary>
internal sealed record PythonRun(int ExitCode, IReadOnlyList<JsonObject> Events, string StandardError)
{
    public JsonObject Event(string name) =>
        Events.FirstOrDefault(e => (string?)e["event"] == name)
        ?? throw new Xunit.Sdk.XunitException($"the script reported no '{name}' event (exit {ExitCode}); stderr:\n{StandardError}");
}
