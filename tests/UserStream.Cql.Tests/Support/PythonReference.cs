using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Support;

/// <summary>
/// Runs reference_frames.py under Debian's python3-cassandra (the DataStax Python driver) to get request
/// frames from an independent implementation of the protocol.
/// </summary>
internal static class PythonReference
{
    // Debian's interpreter: the python3 first on PATH is another one without the driver.
    private const string Interpreter = "/usr/bin/python3";

    public static byte[] EncodeOne(object message) => Encode(message)[0];

    public static IReadOnlyList<byte[]> Encode(params object[] messages)
    {
        var output = Run(ScriptPath("reference_frames.py"), JsonSerializer.Serialize(messages));
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromHexString)];
    }

    public static string Run(string script, string stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(script)} failed ({process.ExitCode}): {stderr}");
        return stdout.Result;
    }

    /// <summary>The script next to the test binaries, or in the source folder when it was not copied.</summary>
    public static string ScriptPath(string name)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Cql", name);
        return File.Exists(copied) ? copied : Path.Combine(SourceFolder(), name);
    }

    // This file sits in Cql/Support; the scripts sit in Cql.
    private static string SourceFolder([CallerFilePath] string thisFile = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!;
}
