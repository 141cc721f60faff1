using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>A record as an independent client puts it on the wire: any of key, value and header values may be null.</summary>
public sealed record RawRecord(byte[]? Key, byte[]? Value, IReadOnlyList<(string Name, byte[]? Value)> Headers, int Partition = 0);

/// <summary>
/// Produces with python_producer.py (Confluent's Python client from Debian's python3-confluent-kafka, over Debian's
/// librdkafka 2.0.2): a second Kafka implementation, which sends what our own producer never would.
/// /usr/bin/python3 on purpose: the python3 first on PATH lacks the package.
/// </summary>
public static class PythonKafkaProducer
{
    /// <summary>Produces <paramref name="records"/> in order and returns each one's offset.</summary>
    public static async Task<IReadOnlyList<long>> ProduceAsync(string bootstrapServers, string topic, IReadOnlyList<RawRecord> records)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ScriptDirectory(), "python_producer.py"));
        start.ArgumentList.Add(bootstrapServers);
        start.ArgumentList.Add(topic);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(records.Select(r => new
        {
            key = B64(r.Key),
            value = B64(r.Value),
            headers = r.Headers.Select(h => new[] { h.Name, B64(h.Value) }),
            partition = r.Partition,
        })));
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"python_producer.py exited with {process.ExitCode}: {await stderr}");
        var offsets = new List<long>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var result = JsonNode.Parse(line)!.AsObject();
            offsets.Add(result["offset"]?.GetValue<long>()
                ?? throw new InvalidOperationException($"python_producer.py could not produce: {result["error"]}; {await stderr}"));
        }
        return offsets;
    }

    private static string? B64(byte[]? bytes) => bytes is null ? null : Convert.ToBase64String(bytes);

    private static string ScriptDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
