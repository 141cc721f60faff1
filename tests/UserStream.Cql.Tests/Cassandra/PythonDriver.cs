using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Cassandra;

/// <summary>
/// Runs the scripts beside these tests with Debian's DataStax Python driver (python3-cassandra),
/// an independent CQL implementation. /usr/bin/python3 on purpose: the python3 first on PATH lacks it.
/// </summary>
internal static class PythonDriver
{
    private const string Interpreter = "/usr/bin/python3";

    public static async Task<PythonRun> RunAsync(string script, string stdin, params string[] arguments)
    {
        var start = StartInfo(script, arguments);
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

    /// <summary>
    /// Runs a script that waits on stdin: each event it prints goes to <paramref name="answer"/>, and a non-null
    /// answer is written back as one line, so a test can act between two steps of the script.
    /// </summary>
    public static async Task<PythonRun> RunInteractiveAsync(string script, Func<JsonObject, string?> answer, params string[] arguments)
    {
        var start = StartInfo(script, arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stderr = process.StandardError.ReadToEndAsync();
        var events = new List<JsonObject>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0) continue;
                var parsed = JsonNode.Parse(line)!.AsObject();
                events.Add(parsed);
                if (answer(parsed) is { } reply) await process.StandardInput.WriteLineAsync(reply);
                await process.StandardInput.FlushAsync();
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish; stderr: {await stderr}");
        }
        return new PythonRun(process.ExitCode, events, await stderr);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    private static ProcessStartInfo StartInfo(string script, string[] arguments)
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
        return start;
    }

    private static string ScriptDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}

/// <summary>What a script printed: one JSON object per line, each with an "event" name.</summary>
internal sealed record PythonRun(int ExitCode, IReadOnlyList<JsonObject> Events, string StandardError)
{
    public JsonObject Event(string name) =>
        Events.FirstOrDefault(e => (string?)e["event"] == name)
        ?? throw new Xunit.Sdk.XunitException($"the script reported no '{name}' event (exit {ExitCode}); stderr:\n{StandardError}");
}
