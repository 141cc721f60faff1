using System.Diagnostics;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>Runs a short-lived command to completion and returns its output, failing with that output when it fails.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; throws with stdout and stderr on a non-zero exit, kills it when cancelled.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A command we stopped waiting for must not keep running behind our back.
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            throw;
        }
        var output = (await stdout + await stderr).Trim();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', info.ArgumentList)}` exited with {process.ExitCode}: {output}");
        return output;
    }
}
